import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ClientAuthenticator } from "../../../src/http/ClientAuthenticator.js";

const KEY = "dashboard-key-0123456789";
const digest = createHash("sha256").update(KEY).digest("hex");

describe("ClientAuthenticator (api-key)", () => {
  it("in passthrough mode reads the key from X-API-Key only: Authorization carries the EM credentials", async () => {
    const auth = new ClientAuthenticator({
      mode: "api-key",
      apiKeyDigests: [digest],
      authorizationHeaderIsTaken: true,
    });
    expect(await auth.authenticate({ "x-api-key": KEY, authorization: "Basic YTpi" })).toEqual({
      subject: `api-key:${digest.slice(0, 12)}`,
    });
    expect(await auth.authenticate({ authorization: `Bearer ${KEY}` })).toEqual({
      message: "This gateway requires an API key: send it in the X-API-Key header",
    });
  });

  it("never puts the key into what it returns", async () => {
    const auth = new ClientAuthenticator({
      mode: "api-key",
      apiKeyDigests: [digest],
      authorizationHeaderIsTaken: false,
    });
    const refused = await auth.authenticate({ "x-api-key": `${KEY}-wrong` });
    expect(JSON.stringify(refused)).not.toContain(KEY);
  });
});
