import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type Simulator } from "../../src/simulator/startSimulator.js";
import { startStack } from "../helpers/startStack.js";
import { startTlsProxy, type TlsProxy } from "../helpers/tlsProxy.js";

/** EM behind HTTPS with a certificate from a private CA, as on a default install. */
describe("TLS to Enterprise Manager", () => {
  let sim: Simulator;
  let proxy: TlsProxy;
  beforeAll(async () => {
    sim = await startSimulator();
    proxy = await startTlsProxy(sim.url);
  });
  afterAll(async () => {
    await proxy.close();
    await sim.close();
  });

  const LIST = `{ backupServers(first: 1) { nodes { name } } }`;

  async function attempt(env: Record<string, string>) {
    const stack = await startStack({ env: { VEEAM_EM_URL: proxy.url, VEEAM_EM_MAX_RETRIES: "0", ...env } });
    try {
      return { response: await stack.query(LIST), logs: stack.logs };
    } finally {
      await stack.close();
    }
  }

  it("verifies certificates by default: an unknown CA is refused", async () => {
    const { response } = await attempt({});
    expect(response.errors?.[0]?.extensions?.code).toBe("UPSTREAM_UNAVAILABLE");
    expect(response.errors?.[0]?.message).toMatch(/certificate/i);
  });

  it("trusts the CA named by VEEAM_EM_CA_FILE", async () => {
    const { response } = await attempt({ VEEAM_EM_CA_FILE: proxy.caFile });
    expect(response.errors).toBeUndefined();
    expect(response.data!.backupServers.nodes).toHaveLength(1);
  });

  it("skips verification only on explicit opt-in, with a warning in the log", async () => {
    const { response, logs } = await attempt({ VEEAM_EM_TLS_INSECURE: "true" });
    expect(response.errors).toBeUndefined();
    const warnings = logs.map((line) => JSON.parse(line)).filter((entry) => entry.level === 40);
    expect(warnings.some((entry) => /TLS certificate verification/.test(entry.msg))).toBe(true);
  });
});
