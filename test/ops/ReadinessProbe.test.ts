import { describe, expect, it } from "vitest";
import { ReadinessProbe } from "../../src/health/ReadinessProbe.js";

describe("ReadinessProbe", () => {
  it("caches verdicts (failures too) for cacheMs and shares one probe between concurrent callers", async () => {
    let now = 0;
    let calls = 0;
    let fail = false;
    const probe = new ReadinessProbe({
      check: "em-session",
      probe: async () => {
        calls += 1;
        if (fail) throw Object.assign(new Error("EM is down"), { code: "EM_UNAVAILABLE" });
      },
      cacheMs: 1000,
      timeoutMs: 1000,
      now: () => now,
    });
    const first = await Promise.all([probe.report(), probe.report(), probe.report()]);
    expect(first.map((report) => report.ready)).toEqual([true, true, true]);
    expect(calls).toBe(1);
    fail = true;
    now = 999;
    expect((await probe.report()).ready).toBe(true);
    now = 1000;
    expect(await probe.report()).toMatchObject({
      ready: false,
      code: "EM_UNAVAILABLE",
      reason: "EM is down",
    });
    fail = false;
    now = 1500;
    expect((await probe.report()).ready).toBe(false);
    expect(calls).toBe(2);
  });

  it("reports a probe that outlasts the timeout as READINESS_TIMEOUT", async () => {
    const probe = new ReadinessProbe({
      check: "em-entry-point",
      probe: (signal) =>
        new Promise((_resolve, reject) => signal.addEventListener("abort", () => reject(signal.reason))),
      cacheMs: 0,
      timeoutMs: 20,
    });
    expect(await probe.report()).toMatchObject({ ready: false, code: "READINESS_TIMEOUT" });
  });
});
