import { describe, expect, it } from "vitest";
import { FilterInputError } from "../../../src/filters/FilterInputError.js";
import { normalizeUid } from "../../../src/filters/normalizeUid.js";
import { toEmSort } from "../../../src/filters/toEmSort.js";
import { CDP_REPLICA_SESSION } from "../../../src/modules/cdp-replica-session/cdp-replica-session.entity.js";
const CDP_REPLICA_SESSION_QUERY = CDP_REPLICA_SESSION.query;
import { JOB } from "../../../src/modules/job/job.entity.js";
const JOB_QUERY = JOB.query;
import { REPLICA_JOB_SESSION } from "../../../src/modules/replica-job-session/replica-job-session.entity.js";
const REPLICA_JOB_SESSION_QUERY = REPLICA_JOB_SESSION.query;

describe("toEmSort", () => {
  it("maps the GraphQL field to the entity's EM query field", () => {
    expect(toEmSort(REPLICA_JOB_SESSION_QUERY, "creationTimeUtc", "DESC")).toEqual({
      sortDesc: "CreationTime",
    });
    expect(toEmSort(CDP_REPLICA_SESSION_QUERY, "creationTimeUtc", "ASC")).toEqual({
      sortAsc: "CreationTimeUTC",
    });
    expect(toEmSort(CDP_REPLICA_SESSION_QUERY, "id", "ASC")).toEqual({ sortAsc: "Id" });
    expect(toEmSort(JOB_QUERY, "id", "DESC")).toEqual({ sortDesc: "UID" });
    expect(toEmSort(JOB_QUERY, "name", "ASC")).toEqual({ sortAsc: "Name" });
  });

  it("rejects unknown fields, inherited property names included", () => {
    for (const field of ["nope", "constructor", "toString", "CreationTime"]) {
      const call = () => toEmSort(REPLICA_JOB_SESSION_QUERY, field, "ASC", ["orderBy", 0, "field"]);
      expect(call).toThrow(FilterInputError);
      try {
        call();
      } catch (error) {
        expect((error as FilterInputError).argumentPath).toEqual(["orderBy", 0, "field"]);
        expect((error as FilterInputError).code).toBe("BAD_USER_INPUT");
      }
    }
  });
});

describe("normalizeUid", () => {
  const guid = "6B872A71-51E8-437A-8D45-5C6494B92F3F";
  it("widens bare GUIDs and canonicalises URNs", () => {
    expect(normalizeUid(guid, "Job", ["id"])).toBe("urn:veeam:Job:6b872a71-51e8-437a-8d45-5c6494b92f3f");
    expect(normalizeUid(`URN:Veeam:job:${guid}`, "Job", ["id"])).toBe(
      "urn:veeam:Job:6b872a71-51e8-437a-8d45-5c6494b92f3f",
    );
  });
  it("rejects other types and non-GUIDs with the path", () => {
    expect(() => normalizeUid(`urn:veeam:BackupServer:${guid}`, "Job", ["id"])).toThrow(
      /urn:veeam:BackupServer/,
    );
    expect(() => normalizeUid(`urn:veeam:Job:${guid}\n`, "Job", ["id"])).toThrow(FilterInputError);
    expect(() => normalizeUid(42, "Job", ["id"])).toThrow(FilterInputError);
  });
});
