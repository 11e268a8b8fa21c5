import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { guidFromHref, normalizeId, parseUrn } from "../../../src/modules/shared/EmUid.js";

const GUID = "6b872a71-51e8-437a-8d45-5c6494b92f3f";

describe("EM UIDs", () => {
  it("reads the GUID of every Href shape EM and clients use", () => {
    expect(guidFromHref(`https://em:9398/api/backupServers/${GUID}`)).toBe(GUID);
    expect(guidFromHref(`https://em:9398/api/cdpReplicaSessions/${GUID.toUpperCase()}?format=Entity`)).toBe(
      GUID,
    );
    expect(guidFromHref(`https://em:9398/api/jobs/urn:veeam:Job:${GUID}`)).toBe(GUID);
    expect(guidFromHref(`https://em:9398/api/jobs/urn%3Aveeam%3AJob%3A${GUID}?format=Entity`)).toBe(GUID);
    expect(guidFromHref(`https://em:9398/api/replicaSessions/${GUID}/replicaTaskSessions`)).toBeUndefined();
    expect(guidFromHref("https://em:9398/api/")).toBeUndefined();
  });

  it("normalizes ids of the right type and refuses others", () => {
    expect(normalizeId("Job", GUID.toUpperCase())).toBe(`urn:veeam:Job:${GUID}`);
    expect(normalizeId("Job", `urn:veeam:job:${GUID}`)).toBe(`urn:veeam:Job:${GUID}`);
    expect(normalizeId("Job", `urn:veeam:CdpPolicy:${GUID}`)).toBeUndefined();
    expect(normalizeId("Job", "nope")).toBeUndefined();
  });

  it("round-trips any GUID through a URN and an Href", () => {
    fc.assert(
      fc.property(fc.uuid(), (uuid) => {
        expect(parseUrn(`urn:veeam:Job:${uuid}`)?.guid).toBe(uuid.toLowerCase());
        expect(guidFromHref(`https://em/api/jobs/${uuid}?format=Entity`)).toBe(uuid.toLowerCase());
      }),
    );
  });
});
