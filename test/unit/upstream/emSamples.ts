// XML shaped like the captures and documentation samples in /work/shared/veeam-em/REFERENCE.md.

export const DECLARATION = `<?xml version="1.0" encoding="utf-8"?>`;
export const NS = `xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://www.veeam.com/ent/v1.0"`;

export function logonSessionXml(sessionId: string, base = "https://em01:9398/api"): string {
  return `${DECLARATION}
<LogonSession xmlns="http://www.veeam.com/ent/v1.0" Type="LogonSession" Href="${base}/logonSessions/${sessionId}">
  <Links>
    <Link Rel="Up" Type="EnterpriseManager" Href="${base}/" />
    <Link Rel="Down" Type="QueryService" Href="${base}/querySvc" />
    <Link Rel="Delete" Href="${base}/logonSessions/${sessionId}" />
  </Links>
  <UserName>SRV12\\Administrator</UserName>
  <SessionId>${sessionId}</SessionId>
</LogonSession>`;
}

export function errorXml(message: string, statusCode: number): string {
  return `${DECLARATION}
<Error Message="${message}" StatusCode="${statusCode}" ${NS}>
    <FirstChanceExceptionMessage>${message}</FirstChanceExceptionMessage>
</Error>`;
}

export const REPLICA_JOB_SESSION = `${DECLARATION}
<ReplicaJobSession xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" Href="https://localhost:9398/api/replicaSessions/04f694ad-664c-4603-a747-00edecae4f17?format=Entity" Type="ReplicaJobSession" Name="Replication Job 1@2025-10-07 20:00:02" UID="urn:veeam:ReplicaJobSession:04f694ad-664c-4603-a747-00edecae4f17" xmlns="http://www.veeam.com/ent/v1.0">
    <Links>
        <Link Href="https://localhost:9398/api/backupServers/a490c017-2c1c-40ee-8bcf-73bcce6ab36f" Name="enterprise01.tech.local" Type="BackupServerReference" Rel="Up" />
        <Link Href="https://localhost:9398/api/jobs/724e3c07-4e12-44f5-998f-d568071216d8" Name="Replication Job 1" Type="JobReference" Rel="Up" />
        <Link Href="https://localhost:9398/api/replicaSessions/04f694ad-664c-4603-a747-00edecae4f17" Name="Replication Job 1@2025-10-07 20:00:02" Type="ReplicaJobSessionReference" Rel="Alternate" />
        <Link Href="https://localhost:9398/api/replicaSessions/04f694ad-664c-4603-a747-00edecae4f17/replicaTaskSessions" Type="ReplicaTaskSessionReferenceList" Rel="Down" />
    </Links>
    <JobUid>urn:veeam:Job:724e3c07-4e12-44f5-998f-d568071216d8</JobUid>
    <JobName>Replication Job 1</JobName>
    <JobType>Replica</JobType>
    <CreationTimeUTC>2025-10-07T20:00:02.42Z</CreationTimeUTC>
    <EndTimeUTC>2025-10-07T20:03:56.477Z</EndTimeUTC>
    <State>Stopped</State>
    <Result>Success</Result>
    <Progress>100</Progress>
    <IsRetry>false</IsRetry>
</ReplicaJobSession>`;

export function replicaTaskSessionXml(index = 0): string {
  const id = `c20dae03-4f75-4191-ae81-${String(index).padStart(12, "0")}`;
  return `<ReplicaTaskSession Href="https://enterprise06.tech.local:9398/api/replicaTaskSessions/${id}?format=Entity" Type="ReplicaTaskSession" Name="ubuntu88@2025-11-03 21:00:26" UID="urn:veeam:ReplicaTaskSession:${id}" VmDisplayName="ubuntu88">
        <Links>
            <Link Href="https://enterprise06.tech.local:9398/api/backupServers/7445e6ce-86f5-4171-b909-dac209c66563" Name="enterprise06.tech.local" Type="BackupServerReference" Rel="Up" />
            <Link Href="https://enterprise06.tech.local:9398/api/replicaSessions/f5bf1a4b-c229-452e-a4e8-0354e1752b4e" Name="Replication Job 1@2025-11-03 21:00:11" Type="ReplicaJobSessionReference" Rel="Up" />
            <Link Href="https://enterprise06.tech.local:9398/api/replicaTaskSessions/${id}" Name="ubuntu88@2025-11-03 21:00:26" Type="ReplicaTaskSessionReference" Rel="Alternate" />
        </Links>
        <JobSessionUid>urn:veeam:ReplicaJobSession:f5bf1a4b-c229-452e-a4e8-0354e1752b4e</JobSessionUid>
        <CreationTimeUTC>2025-11-03T21:00:26.19Z</CreationTimeUTC>
        <EndTimeUTC>2025-11-03T21:03:16.73Z</EndTimeUTC>
        <State>Completed</State>
        <Result>Success</Result>
        <Reason />
        <TotalSize>17179869184</TotalSize>
    </ReplicaTaskSession>`;
}

export const REPLICA_TASK_SESSIONS = `<ReplicaTaskSessions ${NS}>
    ${replicaTaskSessionXml(0)}
</ReplicaTaskSessions>`;

export const CDP_QUERY_RESULT = `<QueryResult xmlns="http://www.veeam.com/ent/v1.0">
  <Entities>
    <CdpReplicaSessions>
      <CdpPolicySession Type="CdpReplicaSession" Href="https://localhost:9398/api/cdpReplicaSessions/d05b25d0-c55c-41dd-b1e3-cd7e454a1937?format=Entity" Name="CDP Policy@2025-06-16 15:00:53" UID="urn:veeam:CdpReplicaSession:d05b25d0-c55c-41dd-b1e3-cd7e454a1937">
        <Links>
          <Link Rel="Up" Type="BackupServerReference" Href="https://localhost:9398/api/backupServers/beda8585-1354-451c-afe2-646dcf42afa6" Name="backupsrv29.tech.local" />
          <Link Rel="Up" Type="CdpPolicyReference" Href="https://localhost:9398/api/cdpPolicies/872a3860-3805-43b8-bcf6-388384bfed33" Name="CDP Policy" />
          <Link Rel="Alternate" Type="CdpReplicaSessionReference" Href="https://localhost:9398/api/cdpReplicaSessions/d05b25d0-c55c-41dd-b1e3-cd7e454a1937" Name="CDP Policy@2025-06-16 15:00:53" />
          <Link Rel="Down" Type="CdpReplicaTaskSessionReferenceList" Href="https://localhost:9398/api/cdpReplicaSessions/d05b25d0-c55c-41dd-b1e3-cd7e454a1937/cdpReplicaTaskSessions" />
        </Links>
        <PolicyUid>urn:veeam:CdpPolicy:872a3860-3805-43b8-bcf6-388384bfed33</PolicyUid>
        <PolicyName>CDP Policy</PolicyName>
        <PolicyType>CdpReplica</PolicyType>
        <CreationTimeUTC>2025-06-16T15:00:53.78Z</CreationTimeUTC>
        <State>Working</State>
        <Result>None</Result>
        <Progress>0</Progress>
        <FailureMessage />
        <IsRetry>false</IsRetry>
      </CdpPolicySession>
    </CdpReplicaSessions>
  </Entities>
  <PagingInfo PagesCount="1" PageSize="100" PageNum="1">
    <Links>
      <Link Rel="First" Href="https://localhost:9398/api/query?type=CdpReplicaSession&amp;format=Entities&amp;filter=CreationTimeUTC%3e=&quot;2025-06-15&quot;&amp;pageSize=100&amp;page=1" />
      <Link Rel="Last" Href="https://localhost:9398/api/query?type=CdpReplicaSession&amp;format=Entities&amp;pageSize=100&amp;page=1" />
    </Links>
  </PagingInfo>
</QueryResult>`;

export const REFS_QUERY_RESULT = `${DECLARATION}
<QueryResult ${NS}>
  <Refs>
    <Ref UID="urn:veeam:BackupServer:e42211aa-321d-4f91-9c13-2342cf9557eb" Name="172.17.53.47" Href="https://localhost:9398/api/backupServers/e42211aa-321d-4f91-9c13-2342cf9557eb" Type="BackupServerReference">
      <Links>
        <Link Rel="Down" Type="JobReferenceList" Href="https://localhost:9398/api/backupServers/e42211aa-321d-4f91-9c13-2342cf9557eb/jobs" />
        <Link Rel="Alternate" Type="BackupServer" Href="https://localhost:9398/api/backupServers/e42211aa-321d-4f91-9c13-2342cf9557eb?format=Entity" Name="172.17.53.47" />
      </Links>
    </Ref>
  </Refs>
  <PagingInfo PageNum="1" PageSize="1" PagesCount="2">
    <Links>
      <Link Rel="First" Href="https://localhost:9398/api/query?type=backupServer&amp;pageSize=1&amp;page=1" />
      <Link Rel="Next" Href="https://localhost:9398/api/query?type=backupServer&amp;pageSize=1&amp;page=2" />
      <Link Rel="Last" Href="https://localhost:9398/api/query?type=backupServer&amp;pageSize=1&amp;page=2" />
    </Links>
  </PagingInfo>
</QueryResult>`;

/** A `format=Entities` ReplicaTaskSession query page with `count` items. */
export function replicaTaskQueryResult(count: number, page = 1, pagesCount = 1): string {
  const items: string[] = [];
  for (let i = 0; i < count; i++) items.push(replicaTaskSessionXml(i));
  return `${DECLARATION}
<QueryResult ${NS}><Entities><ReplicaTaskSessions>${items.join("\n")}</ReplicaTaskSessions></Entities><PagingInfo PageNum="${page}" PageSize="${count}" PagesCount="${pagesCount}"><Links /></PagingInfo></QueryResult>`;
}
