import { describe, expect, it } from "vitest";
import { CircuitBreaker, type CircuitBreakerSnapshot } from "../../../src/upstream/CircuitBreaker.js";

function breaker(threshold = 3, coolDownMs = 1_000) {
  let now = Date.parse("2025-01-01T00:00:00Z");
  const changes: CircuitBreakerSnapshot[] = [];
  const cb = new CircuitBreaker({
    failureThreshold: threshold,
    coolDownMs,
    now: () => now,
    onChange: (state) => changes.push(state),
  });
  return {
    cb,
    changes,
    advance(ms: number) {
      now += ms;
    },
    fail() {
      cb.failed(cb.admit()!);
    },
  };
}

describe("CircuitBreaker", () => {
  it("opens after the threshold of consecutive failures and refuses until the cool-down ends", () => {
    const { cb, changes, fail } = breaker(3);
    fail();
    fail();
    expect(cb.snapshot()).toEqual({ state: "closed", consecutiveFailures: 2 });
    fail();
    expect(cb.snapshot()).toEqual({
      state: "open",
      consecutiveFailures: 3,
      openedAt: "2025-01-01T00:00:00.000Z",
      retryAt: "2025-01-01T00:00:01.000Z",
    });
    expect(cb.admit()).toBeUndefined();
    expect(changes.map((c) => c.state)).toEqual(["open"]);
  });

  it("resets the count on any success while closed", () => {
    const { cb, fail } = breaker(3);
    fail();
    fail();
    cb.succeeded(cb.admit()!);
    fail();
    fail();
    expect(cb.snapshot().state).toBe("closed");
  });

  it("lets exactly one probe through after the cool-down; its success closes the breaker", () => {
    const { cb, changes, fail, advance } = breaker(1);
    fail();
    advance(999);
    expect(cb.admit()).toBeUndefined();
    advance(1);
    const probe = cb.admit()!;
    expect(probe.probe).toBe(true);
    expect(cb.snapshot().state).toBe("half-open");
    expect(cb.admit()).toBeUndefined();
    expect(cb.allows(probe)).toBe(true);
    cb.succeeded(probe);
    expect(cb.snapshot()).toEqual({ state: "closed", consecutiveFailures: 0 });
    expect(cb.admit()?.probe).toBe(false);
    expect(changes.map((c) => c.state)).toEqual(["open", "half-open", "closed"]);
  });

  it("re-opens for another cool-down when the probe fails", () => {
    const { cb, fail, advance } = breaker(2);
    fail();
    fail();
    advance(1_000);
    cb.failed(cb.admit()!);
    expect(cb.snapshot()).toMatchObject({
      state: "open",
      consecutiveFailures: 3,
      retryAt: "2025-01-01T00:00:02.000Z",
    });
    expect(cb.admit()).toBeUndefined();
  });

  it("hands the probe role on when the probe ends without a verdict", () => {
    const { cb, fail, advance } = breaker(1);
    fail();
    advance(1_000);
    cb.abandoned(cb.admit()!);
    expect(cb.snapshot().state).toBe("open");
    const next = cb.admit()!;
    expect(next.probe).toBe(true);
    cb.succeeded(next);
    expect(cb.snapshot().state).toBe("closed");
  });

  it("ignores outcomes of calls admitted before it opened, and double reports", () => {
    const { cb, fail, advance } = breaker(2);
    const early = cb.admit()!;
    fail();
    fail();
    expect(cb.allows(early)).toBe(false);
    cb.succeeded(early); // a late success must not close it without a probe
    expect(cb.snapshot().state).toBe("open");
    advance(1_000);
    const probe = cb.admit()!;
    cb.failed(probe);
    cb.succeeded(probe); // already settled
    expect(cb.snapshot().state).toBe("open");
  });

  it("never opens with a threshold of 0, and survives a throwing listener", () => {
    const disabled = breaker(0);
    for (let i = 0; i < 100; i++) disabled.fail();
    expect(disabled.cb.snapshot()).toEqual({ state: "closed", consecutiveFailures: 100 });

    const throwing = new CircuitBreaker({
      failureThreshold: 1,
      coolDownMs: 10,
      onChange: () => {
        throw new Error("listener bug");
      },
    });
    expect(() => throwing.failed(throwing.admit()!)).not.toThrow();
    expect(throwing.snapshot().state).toBe("open");
  });
});
