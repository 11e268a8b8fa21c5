import { describe, expect, it } from "vitest";
import { LiveQueue } from "../../../src/live/LiveQueue.js";

describe("LiveQueue", () => {
  it("hands events over in order, to a waiting consumer at once, and ends once on return()", async () => {
    let ended = 0;
    const queue = new LiveQueue<number>({
      capacity: 10,
      overflow: () => new Error("full"),
      onEnd: () => ended++,
    });
    const waiting = queue.next();
    queue.push(1);
    queue.push(2);
    expect(await waiting).toEqual({ value: 1, done: false });
    expect(await queue.next()).toEqual({ value: 2, done: false });
    await queue.return();
    await queue.return();
    expect(ended).toBe(1);
    expect(await queue.next()).toEqual({ value: undefined, done: true });
  });

  it("ends a consumer that falls `capacity` events behind with the overflow error, after what it had", async () => {
    const queue = new LiveQueue<number>({
      capacity: 2,
      overflow: () => new Error("fell behind"),
      onEnd: () => undefined,
    });
    queue.push(1);
    queue.push(2);
    queue.push(3);
    expect(queue.ended).toBe(true);
    expect(await queue.next()).toEqual({ value: 1, done: false });
    expect(await queue.next()).toEqual({ value: 2, done: false });
    await expect(queue.next()).rejects.toThrow("fell behind");
    expect(await queue.next()).toEqual({ value: undefined, done: true });
  });
});
