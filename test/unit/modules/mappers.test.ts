import { describe, expect, it } from "vitest";
import { BACKUP_SERVER } from "../../../src/modules/backup-server/backup-server.entity.js";
const toBackupServer = BACKUP_SERVER.source.map as (element: XmlElement) => Record<string, any>;
import { CDP_REPLICA_SESSION } from "../../../src/modules/cdp-replica-session/cdp-replica-session.entity.js";
const toCdpReplicaSession = CDP_REPLICA_SESSION.source.map as (element: XmlElement) => Record<string, any>;
import { CDP_REPLICA_TASK_SESSION } from "../../../src/modules/cdp-replica-task-session/cdp-replica-task-session.entity.js";
const toCdpReplicaTaskSession = CDP_REPLICA_TASK_SESSION.source.map as (
  element: XmlElement,
) => Record<string, any>;
import { REPLICA_JOB_SESSION } from "../../../src/modules/replica-job-session/replica-job-session.entity.js";
const toReplicaJobSession = REPLICA_JOB_SESSION.source.map as (element: XmlElement) => Record<string, any>;
import { REPLICA_TASK_SESSION } from "../../../src/modules/replica-task-session/replica-task-session.entity.js";
const toReplicaTaskSession = REPLICA_TASK_SESSION.source.map as (element: XmlElement) => Record<string, any>;
import { EntityMappingError } from "../../../src/modules/shared/EntityMappingError.js";
import { parseXml } from "../../../src/upstream/parseXml.js";
import { childElement, childElements, type XmlElement } from "../../../src/upstream/xmlNodes.js";
import { fixture } from "../../helpers/fixture.js";

function firstEntity(queryResult: XmlElement): XmlElement {
  const container = childElement(queryResult, "Entities")!.children[0]!;
  return container.children[0]!;
}

describe("entity mappers on XML shaped like the reference's samples", () => {
  it("maps a CdpPolicySession item of a CdpReplicaSession query (running: no EndTimeUTC, Result None)", () => {
    const session = toCdpReplicaSession(
      firstEntity(parseXml(fixture("cdp-replica-session.query-entities.xml"))),
    );
    expect(session).toMatchObject({
      __typename: "CdpReplicaSession",
      id: "urn:veeam:CdpReplicaSession:d05b25d0-c55c-41dd-b1e3-cd7e454a1937",
      name: "CDP Policy@2025-06-16 15:00:53",
      policyUid: "urn:veeam:CdpPolicy:872a3860-3805-43b8-bcf6-388384bfed33",
      policyName: "CDP Policy",
      policyType: "CdpReplica",
      endTimeUtc: null,
      state: "Working",
      result: "None",
      progress: 0,
      failureMessage: "",
      isRetry: false,
      backupServerUid: "urn:veeam:BackupServer:beda8585-1354-451c-afe2-646dcf42afa6",
      backupServerName: "backupsrv29.tech.local",
      __links: {
        policy: { id: "urn:veeam:CdpPolicy:872a3860-3805-43b8-bcf6-388384bfed33", name: "CDP Policy" },
      },
    });
    expect(session.creationTimeUtc.toISOString()).toBe("2025-06-16T15:00:53.780Z");
  });

  it("maps a CDP task session: VmDisplayName attribute, Href under /replicaTaskSessions/, 34-bit size", () => {
    const task = toCdpReplicaTaskSession(parseXml(fixture("cdp-replica-task-session.entity.xml")));
    expect(task).toMatchObject({
      id: "urn:veeam:CdpReplicaTaskSession:2ec4d35f-b5d8-4cb3-9d11-12e1d5792625",
      vmDisplayName: "virt03-ubuntu01",
      policySessionUid: "urn:veeam:CdpReplicaSession:6b872a71-51e8-437a-8d45-5c6494b92f3f",
      policySessionName: "CDP Policy 1@2021-02-11 19:08:36",
      state: "InProgress",
      result: "Success",
      reason: null,
      totalSize: 17179869184,
      endTimeUtc: null,
      backupServerName: "enterprise03.tech.local",
    });
    expect(task.creationTimeUtc.toISOString()).toBe("2021-02-12T00:00:10.457Z");
  });

  it("maps a replica job session captured from a real server (attribute order Href Type Name UID)", () => {
    const session = toReplicaJobSession(parseXml(fixture("replica-job-session.entity.xml")));
    expect(session).toMatchObject({
      id: "urn:veeam:ReplicaJobSession:04f694ad-664c-4603-a747-00edecae4f17",
      jobUid: "urn:veeam:Job:724e3c07-4e12-44f5-998f-d568071216d8",
      jobName: "Replication Job 1",
      jobType: "Replica",
      state: "Stopped",
      result: "Success",
      progress: 100,
      failureMessage: null,
      isRetry: false,
      __links: {
        job: { id: "urn:veeam:Job:724e3c07-4e12-44f5-998f-d568071216d8", name: "Replication Job 1" },
      },
    });
    expect(session.endTimeUtc?.toISOString()).toBe("2025-10-07T20:03:56.477Z");
  });

  it("maps replica task sessions of a collection, keeping an empty <Reason /> as an empty string", () => {
    const collection = parseXml(fixture("replica-task-sessions.collection.xml"));
    const [task] = childElements(collection, "ReplicaTaskSession").map(toReplicaTaskSession);
    expect(task).toMatchObject({
      id: "urn:veeam:ReplicaTaskSession:c20dae03-4f75-4191-ae81-862f4b7988ca",
      vmDisplayName: "ubuntu88",
      jobSessionUid: "urn:veeam:ReplicaJobSession:f5bf1a4b-c229-452e-a4e8-0354e1752b4e",
      jobSessionName: "Replication Job 1@2025-11-03 21:00:11",
      state: "Completed",
      result: "Success",
      reason: "",
      totalSize: 17179869184,
      backupServerUid: "urn:veeam:BackupServer:7445e6ce-86f5-4171-b909-dac209c66563",
    });
  });

  it("maps a backup server with a self-closed Description", () => {
    expect(toBackupServer(parseXml(fixture("backup-server.entity.xml")))).toMatchObject({
      id: "urn:veeam:BackupServer:e42211aa-321d-4f91-9c13-2342cf9557eb",
      name: "172.17.53.47",
      description: "",
      port: 9392,
      version: "13.0.0.1420",
      ipOrDnsName: null,
    });
  });

  it("rejects an unknown enum value and a missing required element with the element's name", () => {
    const xml = fixture("replica-job-session.entity.xml");
    expect(() =>
      toReplicaJobSession(parseXml(xml.replace("<State>Stopped</State>", "<State>Exploded</State>"))),
    ).toThrow(/ReplicaJobSession whose State has an unknown value/);
    expect(() => toReplicaJobSession(parseXml(xml.replace(/<JobUid>.*<\/JobUid>/, "")))).toThrow(
      EntityMappingError,
    );
  });
});
