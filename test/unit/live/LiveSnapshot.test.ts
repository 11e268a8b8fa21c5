import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { EntityRow } from "../../../src/loaders/EntitySource.js";
import { historyFinalWhen } from "../../../src/loaders/Freshness.js";
import { LiveSnapshot } from "../../../src/live/LiveSnapshot.js";

const FRESHNESS = historyFinalWhen("state", "Stopped");
const MINUTE = 60_000;
const T0 = Date.parse("2025-11-05T21:00:00Z");

function row(id: number, state: string, progress: number, createdMinutes = id): EntityRow {
  return {
    __typename: "BackupJobSession",
    id: `urn:veeam:BackupJobSession:00000000-0000-0000-0000-${String(id).padStart(12, "0")}`,
    state,
    progress,
    creationTimeUtc: new Date(T0 + createdMinutes * MINUTE),
  };
}

describe("LiveSnapshot", () => {
  it("records the first poll as the baseline and then returns only what changed, in creation order", () => {
    const snapshot = new LiveSnapshot(FRESHNESS, 5 * MINUTE);
    expect(snapshot.apply({ rows: [row(1, "Working", 10), row(2, "Working", 50)], complete: true })).toEqual(
      [],
    );
    expect(snapshot.window.tracked).toHaveLength(2);
    const changed = snapshot.apply({
      rows: [row(3, "Working", 0), row(2, "Working", 50), row(1, "Working", 20)],
      complete: true,
    });
    expect(changed.map((r) => [r.id.slice(-1), r["progress"]])).toEqual([
      ["1", 20],
      ["3", 0],
    ]);
  });

  it("tracks unfinished rows until they are seen final, and asks for new rows from newest − lookback", () => {
    const snapshot = new LiveSnapshot(FRESHNESS, 5 * MINUTE);
    snapshot.apply({ rows: [row(1, "Working", 10, 0), row(2, "Working", 10, 30)], complete: true });
    expect(snapshot.window.since).toEqual(new Date(T0 + 25 * MINUTE));
    const stopped = snapshot.apply({
      rows: [row(1, "Stopped", 100, 0), row(2, "Working", 20, 30)],
      complete: true,
    });
    expect(stopped.map((r) => r["state"])).toEqual(["Stopped", "Working"]);
    // Row 1 is final and older than the window: forgotten; row 2 is still tracked.
    expect(snapshot.window.tracked).toEqual([row(2, "", 0).id]);
    expect(snapshot.toState().entries.map(([id]) => id)).toEqual([row(2, "", 0).id]);
  });

  it("forgets a tracked row the poll no longer returns (it left the filter), unless paging cut the poll", () => {
    const snapshot = new LiveSnapshot(FRESHNESS, 5 * MINUTE);
    snapshot.apply({ rows: [row(1, "Working", 10), row(2, "Working", 10)], complete: true });
    snapshot.apply({ rows: [row(1, "Working", 10)], complete: false });
    expect(snapshot.window.tracked).toHaveLength(2);
    snapshot.apply({ rows: [row(1, "Working", 10)], complete: true });
    expect(snapshot.window.tracked).toEqual([row(1, "", 0).id]);
  });

  it("continues from a handed-over state without a new baseline: a change made meanwhile is returned", () => {
    const first = new LiveSnapshot(FRESHNESS, 5 * MINUTE);
    first.apply({ rows: [row(1, "Working", 10)], complete: true });
    const second = new LiveSnapshot(FRESHNESS, 5 * MINUTE, structuredClone(first.toState()));
    expect(second.started).toBe(true);
    expect(second.apply({ rows: [row(1, "Stopped", 100)], complete: true }).map((r) => r["state"])).toEqual([
      "Stopped",
    ]);
  });

  it("returns each version of a row exactly once, whatever the sequence of polls (property)", () => {
    // Random histories of 1–6 sessions over up to 12 polls: progress only grows, a stopped session stays
    // stopped, and every unfinished session is returned by every poll (as EM does for tracked ids).
    const history = fc.array(
      fc.record({
        start: fc.integer({ min: 0, max: 11 }),
        steps: fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 12 }),
      }),
      { minLength: 1, maxLength: 6 },
    );
    fc.assert(
      fc.property(history, (sessions) => {
        const snapshot = new LiveSnapshot(FRESHNESS, 60 * MINUTE);
        const last = new Map<string, string>();
        for (let poll = 0; poll < 12; poll++) {
          const rows = sessions.flatMap((session, i) => {
            if (poll < session.start) return [];
            const steps = session.steps.slice(0, poll - session.start + 1);
            const progress = Math.min(
              100,
              steps.reduce((a, b) => a + b, 0),
            );
            return [row(i + 1, progress >= 100 ? "Stopped" : "Working", progress, session.start)];
          });
          const changed = snapshot.apply({ rows, complete: true });
          const expected = poll === 0 ? [] : rows.filter((r) => last.get(r.id) !== JSON.stringify(r));
          for (const r of rows) last.set(r.id, JSON.stringify(r));
          expect(new Set(changed.map((r) => JSON.stringify(r)))).toEqual(
            new Set(expected.map((r) => JSON.stringify(r))),
          );
        }
      }),
    );
  });
});
