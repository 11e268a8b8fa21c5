import { describe, expect, it } from "vitest";
import { endpointForPath } from "../../../src/upstream/UpstreamCallEvent.js";
import { headerValue } from "../../../src/upstream/headerValue.js";
import { redactUrl } from "../../../src/upstream/redactUrl.js";
import {
  DEFAULT_RETRY_OPTIONS,
  isRetryableError,
  isRetryableMethod,
  isRetryableStatus,
  parseRetryAfterMs,
  retryDelayMs,
} from "../../../src/upstream/retryPolicy.js";

describe("retryPolicy", () => {
  it("retries only GETs, only on 502/503/504 and transport resets or connect timeouts", () => {
    expect(isRetryableMethod("GET")).toBe(true);
    expect(isRetryableMethod("POST")).toBe(false);
    expect(isRetryableMethod("DELETE")).toBe(false);
    expect([500, 501, 502, 503, 504, 429, 401].filter(isRetryableStatus)).toEqual([502, 503, 504]);
    for (const code of ["ECONNRESET", "ECONNREFUSED", "UND_ERR_SOCKET", "UND_ERR_CONNECT_TIMEOUT"]) {
      expect(isRetryableError({ code }), code).toBe(true);
    }
    for (const code of ["UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "UND_ERR_ABORTED", undefined]) {
      expect(isRetryableError({ code }), String(code)).toBe(false);
    }
    expect(isRetryableError(null)).toBe(false);
  });

  it("draws full-jitter delays under an exponentially growing ceiling capped by maxDelayMs", () => {
    const options = { maxRetries: 5, minDelayMs: 200, maxDelayMs: 1_000 };
    const top = (): number => 0.999999;
    expect(retryDelayMs(1, options, undefined, 0, top)).toBe(199);
    expect(retryDelayMs(2, options, undefined, 0, top)).toBe(399);
    expect(retryDelayMs(3, options, undefined, 0, top)).toBe(799);
    expect(retryDelayMs(4, options, undefined, 0, top)).toBe(999);
    expect(retryDelayMs(4, options, undefined, 0, () => 0)).toBe(0);
    expect(DEFAULT_RETRY_OPTIONS).toEqual({ maxRetries: 2, minDelayMs: 200, maxDelayMs: 5_000 });
  });

  it("honours Retry-After in seconds or as an HTTP-date, and gives up when it exceeds maxDelayMs", () => {
    const options = { maxRetries: 2, minDelayMs: 200, maxDelayMs: 5_000 };
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(retryDelayMs(1, options, "2", now)).toBe(2_000);
    expect(retryDelayMs(1, options, "5", now)).toBe(5_000);
    // Retrying before EM's time would ignore it; waiting two minutes would outlast the client: no retry.
    expect(retryDelayMs(1, options, "120", now)).toBeUndefined();
    expect(retryDelayMs(1, options, "Wed, 01 Jan 2025 01:00:00 GMT", now)).toBeUndefined();
    // Unusable values fall back to the jittered backoff.
    expect(retryDelayMs(1, options, "soon", now, () => 0.5)).toBe(100);
    expect(retryDelayMs(1, options, "Wed, 01 Jan 2025 00:00:03 GMT", now)).toBe(3_000);
    expect(parseRetryAfterMs("Tue, 31 Dec 2024 23:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfterMs("soon", now)).toBeUndefined();
    expect(parseRetryAfterMs("", now)).toBeUndefined();
    expect(parseRetryAfterMs(undefined, now)).toBeUndefined();
  });
});

describe("small helpers", () => {
  it("reads headers case-insensitively", () => {
    expect(headerValue({ "X-RestSvcSessionId": "abc" }, "x-restsvcsessionid")).toBe("abc");
    expect(headerValue({ "x-restsvcsessionid": ["a", "b"] }, "X-RESTSVCSESSIONID")).toBe("a");
    expect(headerValue({}, "x")).toBeUndefined();
  });

  it("strips credentials from URLs", () => {
    expect(redactUrl("https://bob:pw@em01:9398/api/query?type=Job")).toBe(
      "https://em01:9398/api/query?type=Job",
    );
    expect(redactUrl("::nonsense")).toBe("<unparseable URL>");
  });

  it("labels endpoints with a bounded set of values", () => {
    expect(endpointForPath("/query?type=Job&page=1")).toBe("query");
    expect(endpointForPath("/replicaSessions")).toBe("collection");
    expect(endpointForPath("/replicaSessions/abc?format=Entity")).toBe("entity");
    expect(endpointForPath("/replicaSessions/abc/replicaTaskSessions")).toBe("collection");
    expect(endpointForPath("/")).toBe("other");
    expect(endpointForPath("/jobs/a/includes/b")).toBe("other");
  });
});
