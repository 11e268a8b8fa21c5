import { DateTimeResolver, SafeIntResolver } from "graphql-scalars";
import { Field, ID, ObjectType } from "type-graphql";
import type { EntityLink } from "../shared/EntityLink.js";
import { Node } from "../shared/Node.js";
import { SessionResult } from "../shared/SessionResult.js";
import { TaskSessionState } from "../shared/TaskSessionState.js";

/** A replication task session (`/replicaTaskSessions/{ID}`): one VM within a replication job session. */
@ObjectType("ReplicaTaskSession", {
  implements: Node,
  description:
    "A replication task session: the processing of one VM within a replication job session " +
    "(`/replicaTaskSessions/{ID}`).",
})
export class ReplicaTaskSession extends Node {
  readonly __typename = "ReplicaTaskSession" as const;

  @Field(() => String, {
    description: "Name of the task session, for example `ubuntu88@2025-11-03 21:00:26`.",
  })
  name!: string;

  @Field(() => String, { description: "Name of the VM processed in the task session." })
  vmDisplayName!: string;

  @Field(() => ID, { description: "UID of the replication job session parent to this task session." })
  jobSessionUid!: string;

  @Field(() => String, {
    nullable: true,
    description: "Name of the replication job session parent to this task session.",
  })
  jobSessionName!: string | null;

  @Field(() => DateTimeResolver, { description: "When the task session was started (UTC)." })
  creationTimeUtc!: Date;

  @Field(() => DateTimeResolver, {
    nullable: true,
    description: "When the task session ended (UTC); null while in progress.",
  })
  endTimeUtc!: Date | null;

  @Field(() => TaskSessionState, { description: "State of the task session." })
  state!: TaskSessionState;

  @Field(() => SessionResult, { description: "Result of the task session." })
  result!: SessionResult;

  @Field(() => String, {
    nullable: true,
    description: "Reason for a Warning or Failed result; empty otherwise.",
  })
  reason!: string | null;

  @Field(() => SafeIntResolver, {
    nullable: true,
    description: "Size in bytes of the data processed for the VM.",
  })
  totalSize!: number | null;

  @Field(() => ID, {
    nullable: true,
    description: "UID of the backup server where the replication job is configured.",
  })
  backupServerUid!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Name of the backup server where the replication job is configured.",
  })
  backupServerName!: string | null;

  /** The `Up BackupServerReference` link. */
  backupServerLink!: EntityLink | undefined;
  /** The `Up ReplicaJobSessionReference` link. */
  sessionLink!: EntityLink;
}
