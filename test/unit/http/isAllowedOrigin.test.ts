import { describe, expect, it } from "vitest";
import { isAllowedOrigin } from "../../../src/http/isAllowedOrigin.js";
import { connectionHeaders } from "../../../src/subscriptions/connectionIdentity.js";

describe("isAllowedOrigin", () => {
  const allowed = new Set(["https://grafana.example.com"]);
  it("lets non-browser clients, the gateway's own pages and CORS_ORIGINS through", () => {
    expect(isAllowedOrigin({ host: "gw:4000" }, allowed)).toBe(true);
    expect(isAllowedOrigin({ host: "gw:4000", origin: "http://gw:4000" }, allowed)).toBe(true);
    expect(isAllowedOrigin({ host: "gw:4000", origin: "https://grafana.example.com" }, allowed)).toBe(true);
  });
  it("refuses any other origin, a look-alike port or host, and an origin that is not a URL", () => {
    expect(isAllowedOrigin({ host: "gw:4000", origin: "https://evil.example" }, allowed)).toBe(false);
    expect(isAllowedOrigin({ host: "gw:4000", origin: "http://gw:4001" }, allowed)).toBe(false);
    expect(isAllowedOrigin({ host: "gw:4000", origin: "http://gw:4000.evil.example" }, allowed)).toBe(false);
    expect(isAllowedOrigin({ host: "gw:4000", origin: "null" }, allowed)).toBe(false);
  });
});

describe("connectionHeaders", () => {
  it("takes authorization and x-api-key from the init payload in any case, over the upgrade's headers", () => {
    const headers = connectionHeaders(
      { authorization: "Basic old", host: "gw", cookie: "c" },
      { Authorization: "Basic new", "X-API-Key": "k", other: "ignored", "x-forwarded-for": "1.2.3.4" },
    );
    expect(headers).toEqual({ authorization: "Basic new", "x-api-key": "k", host: "gw", cookie: "c" });
  });
  it("ignores values that are not strings, and a missing payload", () => {
    expect(connectionHeaders({ host: "gw" }, { authorization: 42 })).toEqual({ host: "gw" });
    expect(connectionHeaders({ host: "gw" }, undefined)).toEqual({ host: "gw" });
  });
});
