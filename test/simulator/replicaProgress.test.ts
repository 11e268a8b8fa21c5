import { describe, expect, it } from "vitest";
import { startSimulator } from "../../src/simulator/startSimulator.js";
import { get, logon, NOW } from "./simulatorTestKit.js";

/* Replication sessions running when the simulator starts move on with its clock (issue 18's live demo). */

const guidOf = (uid: string): string => uid.split(":").pop()!;

describe("running replication sessions", () => {
  it("complete their VMs one by one and stop with a result as the clock moves; a fixed clock keeps them", async () => {
    let now = NOW.getTime();
    const sim = await startSimulator({ clock: () => new Date(now) });
    try {
      const token = await logon(sim);
      const read = async (path: string) => (await get(sim, token, path)).xml;
      const first = (
        await read(`/query?type=ReplicaJobSession&format=Entities&filter=State==Working&pageSize=1`)
      ).QueryResult.Entities[0].ReplicaJobSessions[0].ReplicaJobSession[0];
      const id = guidOf(first.$.UID);
      const session = async () => (await read(`/replicaSessions/${id}?format=Entity`)).ReplicaJobSession;
      expect((await session()).State[0]).toBe("Working");
      const completedTasks = async () =>
        (
          (await read(`/replicaSessions/${id}/replicaTaskSessions?format=Entity`)).ReplicaTaskSessions
            .ReplicaTaskSession as any[]
        ).filter((t) => t.State[0] === "Completed").length;
      const completed: number[] = [await completedTasks()];
      let progress = Number((await session()).Progress[0]);
      for (let step = 0; step < 90; step++) {
        now += 60_000;
        const s = await session();
        expect(Number(s.Progress[0])).toBeGreaterThanOrEqual(progress);
        progress = Number(s.Progress[0]);
        completed.push(await completedTasks());
        if (s.State[0] === "Stopped") {
          expect(["Success", "Warning", "Failed"]).toContain(s.Result[0]);
          expect(s.EndTimeUTC).toBeDefined();
          expect(progress).toBe(100);
          break;
        }
      }
      expect((await session()).State[0]).toBe("Stopped");
      // One by one: the count of completed VMs never falls and takes more than one step to reach all.
      for (let i = 1; i < completed.length; i++)
        expect(completed[i]).toBeGreaterThanOrEqual(completed[i - 1]!);
      expect(new Set(completed).size).toBeGreaterThan(1);
      // The query service sees the same (its rows change with the records).
      const stopped = await read(
        `/query?type=ReplicaJobSession&format=Entities&pageSize=1&filter=${encodeURIComponent(`UID=="${first.$.UID}"`)}`,
      );
      expect(stopped.QueryResult.Entities[0].ReplicaJobSessions[0].ReplicaJobSession[0].State[0]).toBe(
        "Stopped",
      );
    } finally {
      await sim.close();
    }
  });
});
