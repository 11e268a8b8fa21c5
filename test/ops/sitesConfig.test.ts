import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

const PASSWORD = "Sup3r-secret-paris!";
const paris = { name: "paris", url: "https://em-paris:9398", username: "svc", password: PASSWORD };
const tokyo = {
  name: "tokyo",
  url: "https://em-tokyo:9398/api/",
  authMode: "passthrough",
  tlsInsecure: true,
};
const sites = (list: unknown) => ({ VEEAM_EM_SITES: JSON.stringify(list) });

/** The ConfigError loadConfig throws for `env`. */
function refusal(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("accepted");
}

describe("several EM sites", () => {
  it("reads VEEAM_EM_SITES in order, each site defaulting to the VEEAM_EM_* variables", () => {
    const config = loadConfig({
      ...sites([paris, { ...tokyo, connectTimeoutMs: 2000, maxConcurrency: 2 }]),
      VEEAM_EM_CONNECT_TIMEOUT_MS: "5000",
      VEEAM_EM_RETRY_BUDGET: "3",
    });
    expect(config.sites.map((site) => site.name)).toEqual(["paris", "tokyo"]);
    expect(config.sites[0]).toMatchObject({
      emUrl: "https://em-paris:9398/api",
      emUsername: "svc",
      emPassword: PASSWORD,
      authMode: "service",
      emConnectTimeoutMs: 5000,
      emRetryBudget: 3,
      emTlsInsecure: false,
    });
    expect(config.sites[1]).toMatchObject({
      emUrl: "https://em-tokyo:9398/api",
      authMode: "passthrough",
      emUsername: undefined,
      emTlsInsecure: true,
      emConnectTimeoutMs: 2000,
      emMaxConcurrency: 2,
      emRetryBudget: 3,
    });
    // Some site takes the Authorization header from clients, so JWT client auth cannot be had.
    expect(config.clientAuth.authorizationHeaderIsTaken).toBe(true);
  });

  it("keeps the single-EM variables as one site named default", () => {
    const config = loadConfig({
      VEEAM_EM_URL: "https://em01:9398",
      VEEAM_EM_USERNAME: "u",
      VEEAM_EM_PASSWORD: "p",
    });
    expect(config.sites).toEqual([
      expect.objectContaining({
        name: "default",
        emUrl: "https://em01:9398/api",
        emUsername: "u",
        emPassword: "p",
      }),
    ]);
    expect(loadConfig({}).sites).toEqual([]);
  });

  it("reads VEEAM_EM_SITES_FILE, so the secrets can come from a mounted Secret", () => {
    const file = join(mkdtempSync(join(tmpdir(), "sites-")), "sites.json");
    writeFileSync(file, JSON.stringify([paris]));
    expect(loadConfig({ VEEAM_EM_SITES_FILE: file }).sites[0]).toMatchObject({
      name: "paris",
      emPassword: PASSWORD,
    });
    expect(refusal({ VEEAM_EM_SITES_FILE: `${file}.missing` }).message).toMatch(
      /VEEAM_EM_SITES_FILE names a file that cannot be read \(ENOENT\)/,
    );
  });

  it.each([
    [
      /VEEAM_EM_SITES\[1\]\.name "PARIS" is used by another site already/,
      sites([paris, { ...tokyo, name: "PARIS" }]),
    ],
    [/VEEAM_EM_SITES\[0\]\.name must be 1 to 63 letters/, sites([{ ...paris, name: "par is" }])],
    [/VEEAM_EM_SITES\[0\] \("paris"\)\.url must be set/, sites([{ ...paris, url: undefined }])],
    [/VEEAM_EM_SITES\[0\] \("paris"\)\.url must use https/, sites([{ ...paris, url: "ftp://em" }])],
    [/\("paris"\): username and password must be set/, sites([{ ...paris, password: undefined }])],
    [/VEEAM_EM_SITES\[0\] \("paris"\) has an unknown key "timeout"/, sites([{ ...paris, timeout: 5 }])],
    [
      /\("paris"\)\.connectTimeoutMs must be an integer from 1 to 600000; got "5s"/,
      sites([{ ...paris, connectTimeoutMs: "5s" }]),
    ],
    [/\("paris"\)\.authMode must be "service" or "passthrough"/, sites([{ ...paris, authMode: "kerberos" }])],
    [/\("paris"\)\.tlsInsecure must be true or false/, sites([{ ...paris, tlsInsecure: "yes" }])],
    [/VEEAM_EM_SITES must be a JSON array of 1 to 32 sites/, sites([])],
    [
      /VEEAM_EM_SITES .* is not valid JSON \(at character \d+\)/,
      { VEEAM_EM_SITES: `[{"name":"paris","password":"${PASSWORD}",}]` },
    ],
    [
      /set one of VEEAM_EM_URL, VEEAM_EM_SITES and VEEAM_EM_SITES_FILE/,
      { ...sites([paris]), VEEAM_EM_URL: "https://em01" },
    ],
    [/SIMULATOR_SITES applies only when no EM is configured/, { ...sites([paris]), SIMULATOR_SITES: "2" }],
    [/SIMULATOR_SITES must be an integer from 1 to 4/, { SIMULATOR_SITES: "9" }],
  ])("refuses with %s, naming the site and field, never echoing a password", (message, env) => {
    const error = refusal(env as Record<string, string>);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain(PASSWORD);
  });
});
