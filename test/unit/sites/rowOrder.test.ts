import { describe, expect, it } from "vitest";
import { rowOrder } from "../../../src/loaders/rowOrder.js";
import { BACKUP_JOB_SESSION } from "../../../src/modules/backup-job-session/backup-job-session.entity.js";
import type { EntityRow } from "../../../src/loaders/EntitySource.js";
import { BACKUP_TASK_SESSION } from "../../../src/modules/backup-task-session/backup-task-session.entity.js";

/** The order merged lists compare rows in must be EM's (as the simulator reads it) for every field kind. */
const row = (fields: Record<string, unknown>): EntityRow => ({
  __typename: "BackupJobSession",
  id: "x",
  ...fields,
});
const sorted = (field: string, direction: "ASC" | "DESC", rows: EntityRow[]) =>
  [...rows].sort(rowOrder(BACKUP_JOB_SESSION.query, field, direction)).map((r) => r[field] ?? null);

describe("rowOrder", () => {
  it("orders strings case-insensitively by code unit, absent first ascending and last descending", () => {
    const rows = [row({ name: "b" }), row({ name: "B2" }), row({}), row({ name: "A" }), row({ name: "a1" })];
    expect(sorted("name", "ASC", rows)).toEqual([null, "A", "a1", "b", "B2"]);
    expect(sorted("name", "DESC", rows)).toEqual(["B2", "b", "a1", "A", null]);
  });

  it("orders times by instant and enums by EM's ordinal", () => {
    const t = (iso: string) => row({ creationTimeUtc: new Date(iso) });
    expect(
      sorted("creationTimeUtc", "DESC", [
        t("2025-01-02T00:00:00Z"),
        t("2025-01-03T00:00:00Z"),
        t("2024-12-31T00:00:00Z"),
      ]).map((d) => (d as Date).toISOString().slice(0, 10)),
    ).toEqual(["2025-01-03", "2025-01-02", "2024-12-31"]);
    const field = BACKUP_JOB_SESSION.query.fields["state"]!;
    const states = field.kind === "enum" ? Object.values(field.values) : [];
    expect(states.length).toBeGreaterThan(1);
    const shuffled = [...states].reverse().map((state) => row({ state }));
    expect(sorted("state", "ASC", shuffled)).toEqual(states);
  });

  it("compares rows equal on a query field the objects do not carry (the merge keeps each site's order)", () => {
    const order = rowOrder(BACKUP_TASK_SESSION.query, "jobName", "ASC");
    expect(order(row({ id: "a" }), row({ id: "b" }))).toBe(0);
  });
});
