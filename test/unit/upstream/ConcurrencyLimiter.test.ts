import { describe, expect, it } from "vitest";
import { ConcurrencyLimiter, type SlotRefusal } from "../../../src/upstream/ConcurrencyLimiter.js";

class Refused extends Error {
  constructor(readonly refusal: SlotRefusal) {
    super(refusal.reason);
  }
}
const refuse = (refusal: SlotRefusal): Error => new Refused(refusal);

describe("ConcurrencyLimiter", () => {
  it("grants up to maxActive slots at once and hands a released slot to the oldest waiter", async () => {
    const limiter = new ConcurrencyLimiter({ maxActive: 2, maxQueued: 10, maxWaitMs: 10_000 });
    const first = await limiter.acquire(refuse);
    const second = await limiter.acquire(refuse);
    const order: string[] = [];
    const third = limiter.acquire(refuse).then((release) => (order.push("third"), release));
    const fourth = limiter.acquire(refuse).then((release) => (order.push("fourth"), release));
    expect([limiter.active, limiter.queued]).toEqual([2, 2]);
    first();
    first(); // idempotent: must not free a second slot
    const releaseThird = await third;
    expect([limiter.active, limiter.queued]).toEqual([2, 1]);
    second();
    const releaseFourth = await fourth;
    expect(order).toEqual(["third", "fourth"]);
    releaseThird();
    releaseFourth();
    expect([limiter.active, limiter.queued]).toEqual([0, 0]);
  });

  it("refuses at once when the queue is full", async () => {
    const limiter = new ConcurrencyLimiter({ maxActive: 1, maxQueued: 1, maxWaitMs: 10_000 });
    const release = await limiter.acquire(refuse);
    const waiting = limiter.acquire(refuse);
    const error = await limiter.acquire(refuse).catch((e: unknown) => e);
    expect((error as Refused).refusal).toEqual({ reason: "queue-full", active: 1, queued: 1 });
    release();
    (await waiting)();
    expect(limiter.active).toBe(0);
  });

  it("refuses a caller that waited longer than maxWaitMs, and forgets it", async () => {
    const limiter = new ConcurrencyLimiter({ maxActive: 1, maxQueued: 5, maxWaitMs: 20 });
    const release = await limiter.acquire(refuse);
    const error = await limiter.acquire(refuse).catch((e: unknown) => e);
    expect((error as Refused).refusal.reason).toBe("wait-timeout");
    expect(limiter.queued).toBe(0);
    release();
    expect(limiter.active).toBe(0);
  });

  it("removes an aborted waiter and rejects it with the signal's reason", async () => {
    const limiter = new ConcurrencyLimiter({ maxActive: 1, maxQueued: 5, maxWaitMs: 10_000 });
    const release = await limiter.acquire(refuse);
    const controller = new AbortController();
    const waiting = limiter.acquire(refuse, controller.signal);
    const reason = new Error("client went away");
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    expect(limiter.queued).toBe(0);
    release();
    expect(limiter.active).toBe(0);
  });

  it("with maxQueued 0 refuses whenever every slot is taken", async () => {
    const limiter = new ConcurrencyLimiter({ maxActive: 1, maxQueued: 0, maxWaitMs: 10_000 });
    const release = await limiter.acquire(refuse);
    await expect(limiter.acquire(refuse)).rejects.toBeInstanceOf(Refused);
    release();
  });

  it("keeps reserved slots for cheap calls and serves cheap waiters first", async () => {
    const limiter = new ConcurrencyLimiter({
      maxActive: 3,
      maxQueued: 10,
      maxWaitMs: 10_000,
      reservedForCheap: 1,
    });
    const large = [await limiter.acquire(refuse), await limiter.acquire(refuse)];
    const order: string[] = [];
    // A third large call waits: the last slot is the cheap lane's.
    const thirdLarge = limiter.acquire(refuse).then((release) => (order.push("large"), release));
    const cheap = await limiter.acquire(refuse, undefined, true);
    expect([limiter.active, limiter.queued]).toEqual([3, 1]);
    const queuedCheap = limiter.acquire(refuse, undefined, true).then((r) => (order.push("cheap"), r));
    // A large call ends: the cheap waiter, queued later, goes first.
    large[0]!();
    const releaseQueuedCheap = await queuedCheap;
    expect(order).toEqual(["cheap"]);
    // The cheap lane's slot frees: the large waiter may not take it (two other slots are held).
    cheap();
    await Promise.resolve();
    expect(order).toEqual(["cheap"]);
    expect([limiter.active, limiter.queued]).toEqual([2, 1]);
    // Another large call ends: now the waiting large call gets a slot.
    large[1]!();
    const releaseThirdLarge = await thirdLarge;
    expect(order).toEqual(["cheap", "large"]);
    releaseQueuedCheap();
    releaseThirdLarge();
    expect([limiter.active, limiter.queued]).toEqual([0, 0]);
  });

  it("never reserves the last slot: with one slot every call may use it", async () => {
    const limiter = new ConcurrencyLimiter({
      maxActive: 1,
      maxQueued: 1,
      maxWaitMs: 10_000,
      reservedForCheap: 1,
    });
    const release = await limiter.acquire(refuse);
    expect(limiter.active).toBe(1);
    release();
  });
});
