import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

describe("operations configuration", () => {
  it("has documented defaults, and production turns the explorer conveniences off unless set", () => {
    const dev = loadConfig({});
    expect(dev).toMatchObject({
      maxBodyBytes: 1024 * 1024,
      maxQueryDepth: 12,
      maxAliases: 15,
      maxTokens: 2000,
      maxDirectives: 50,
      maxCost: 1_000_000,
      corsOrigins: [],
      introspection: true,
      fieldSuggestions: true,
      explorer: true,
      readinessCacheMs: 5000,
      readinessTimeoutMs: 5000,
      shutdownTimeoutMs: 10_000,
      metricsMaxOperationNames: 100,
    });
    const em = { VEEAM_EM_URL: "https://em01:9398/api", VEEAM_EM_USERNAME: "svc", VEEAM_EM_PASSWORD: "pw" };
    expect(loadConfig({ ...em, NODE_ENV: "production" })).toMatchObject({
      introspection: false,
      fieldSuggestions: false,
      explorer: false,
      debugErrors: false,
    });
    // On the embedded simulator (the Docker demo) the explorer stays, whatever NODE_ENV says.
    expect(loadConfig({ NODE_ENV: "production" })).toMatchObject({ introspection: true, explorer: true });
    expect(
      loadConfig({ ...em, NODE_ENV: "production", INTROSPECTION: "true", EXPLORER: "on" }),
    ).toMatchObject({
      introspection: true,
      fieldSuggestions: false,
      explorer: true,
    });
  });

  it("validates CORS_ORIGINS as exact origins and names the key", () => {
    expect(loadConfig({ CORS_ORIGINS: "https://a.example, http://b.example:8080/" }).corsOrigins).toEqual([
      "https://a.example",
      "http://b.example:8080",
    ]);
    for (const bad of ["*", "https://a.example/path", "null", "ftp://x.example"]) {
      expect(() => loadConfig({ CORS_ORIGINS: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ CORS_ORIGINS: bad })).toThrow(/CORS_ORIGINS/);
    }
    expect(() => loadConfig({ SHUTDOWN_TIMEOUT_MS: "soon" })).toThrow(/SHUTDOWN_TIMEOUT_MS/);
    expect(() => loadConfig({ MAX_BODY_BYTES: "10" })).toThrow(/MAX_BODY_BYTES must be an integer from 1024/);
  });
});
