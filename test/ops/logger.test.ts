import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logging/createLogger.js";
import { scrubText, serializeError } from "../../src/logging/serializeError.js";

function capture(secrets?: string[]) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString("utf8"));
      done();
    },
  });
  return { lines, logger: createLogger("trace", sink, { secrets }) };
}

describe("log redaction", () => {
  it("blanks credentials anywhere down an error's cause chain and drops non-primitive fields", () => {
    const root = Object.assign(new Error("socket hang up with Authorization: Basic c3ZjOmh1bnRlcjI="), {
      headers: { authorization: "Basic c3ZjOmh1bnRlcjI=", cookie: "a=b" },
      password: "hunter2",
      code: "ECONNRESET",
    });
    const middle = new Error("request to EM failed; X-RestSvcSessionId: ZmFrZS10b2tlbi12YWx1ZQ==", {
      cause: root,
    });
    const top = new AggregateError([new Error("token=abc123def456")], "EM call failed", { cause: middle });
    const { lines, logger } = capture();
    logger.error({ err: top, headers: { authorization: "Bearer xyz.abc.def", cookie: "sid=1" } }, "failed");
    const line = lines.join("");
    for (const secret of [
      "c3ZjOmh1bnRlcjI=",
      "hunter2",
      "ZmFrZS10b2tlbi12YWx1ZQ==",
      "abc123def456",
      "xyz.abc.def",
      "sid=1",
      "a=b",
    ]) {
      expect(line).not.toContain(secret);
    }
    const entry = JSON.parse(line);
    expect(entry.err.message).toBe("EM call failed");
    expect(entry.err.cause.cause).toMatchObject({
      type: "Error",
      code: "ECONNRESET",
      password: "[redacted]",
    });
    expect(entry.err.cause.cause.headers).toBeUndefined();
    expect(entry.err.errors[0].message).toBe("token=[redacted]");
  });

  it("blanks configured secrets in the finished line, message text included", () => {
    const { lines, logger } = capture(["S3cret-Value!", "c3ZjOlMzY3JldC1WYWx1ZSE="]);
    logger.info({ note: 'said "S3cret-Value!"' }, "oops S3cret-Value! and c3ZjOlMzY3JldC1WYWx1ZSE=");
    expect(lines.join("")).not.toMatch(/S3cret-Value!|c3ZjOlMzY3JldC1WYWx1ZSE=/);
    expect(lines.join("")).toContain("[redacted]");
  });

  it("survives cycles and deep chains", () => {
    const a = new Error("a") as Error & { cause?: unknown };
    const b = new Error("b", { cause: a });
    a.cause = b;
    expect(JSON.stringify(serializeError(b))).toContain("[circular]");
    expect(scrubText("password=open-sesame&x=1")).toBe("password=[redacted]&x=1");
  });
});
