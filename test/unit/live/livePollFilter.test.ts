import { describe, expect, it } from "vitest";
import { livePollFilter } from "../../../src/live/livePollFilter.js";
import { BACKUP_JOB_SESSION } from "../../../src/modules/backup-job-session/backup-job-session.entity.js";
import { JOB } from "../../../src/modules/job/job.entity.js";

const ID = "urn:veeam:BackupJobSession:0b4ba2f2-5c6b-4b8e-9a57-0f6c5e0d6c3a";

describe("livePollFilter", () => {
  it("asks for unfinished rows only at first", () => {
    expect(livePollFilter(BACKUP_JOB_SESSION.source, { kind: "all" }, { tracked: [] })).toEqual({
      kind: "expression",
      text: "State!=Stopped",
    });
  });

  it("ANDs the subscribers' filter with unfinished OR created since OR tracked, every value quoted", () => {
    const filter = livePollFilter(
      BACKUP_JOB_SESSION.source,
      { kind: "expression", text: 'JobName=="a,b",JobName=="c"' },
      { since: new Date("2025-11-05T21:00:00Z"), tracked: [ID] },
    );
    expect(filter).toEqual({
      kind: "expression",
      text: `(JobName=="a,b",JobName=="c");(State!=Stopped,CreationTime>="2025-11-05T21:00:00Z",UID=="${ID}")`,
    });
  });

  it("keeps a filter that matches nothing as nothing (no poll is made)", () => {
    expect(livePollFilter(BACKUP_JOB_SESSION.source, { kind: "none" }, { tracked: [] })).toEqual({
      kind: "none",
    });
  });

  it("refuses an entity without a history (a programming error)", () => {
    expect(() => livePollFilter(JOB.source, { kind: "all" }, { tracked: [] })).toThrow(TypeError);
  });
});
