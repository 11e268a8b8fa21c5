import { DateTimeResolver, SafeIntResolver } from "graphql-scalars";
import { Field, ID, ObjectType } from "type-graphql";
import type { EntityLink } from "../shared/EntityLink.js";
import { Node } from "../shared/Node.js";
import { SessionResult } from "../shared/SessionResult.js";
import { TaskSessionState } from "../shared/TaskSessionState.js";

/** A CDP replication task session (`/cdpReplicaTaskSessions/{ID}`): one VM within a CDP session. */
@ObjectType("CdpReplicaTaskSession", {
  implements: Node,
  description:
    "A CDP replication task session: the processing of one VM within a CDP replication session " +
    "(`/cdpReplicaTaskSessions/{ID}`).",
})
export class CdpReplicaTaskSession extends Node {
  readonly __typename = "CdpReplicaTaskSession" as const;

  @Field(() => String, {
    description: "Name of the task session, for example `virt03-ubuntu01@2021-02-12 00:00:10`.",
  })
  name!: string;

  @Field(() => String, { description: "Name of the VM processed in the task session." })
  vmDisplayName!: string;

  @Field(() => ID, { description: "UID of the CDP replication session parent to this task session." })
  policySessionUid!: string;

  @Field(() => String, {
    nullable: true,
    description: "Name of the CDP replication session parent to this task session.",
  })
  policySessionName!: string | null;

  @Field(() => DateTimeResolver, { description: "When the task session was launched (UTC)." })
  creationTimeUtc!: Date;

  @Field(() => DateTimeResolver, {
    nullable: true,
    description: "When the task session completed (UTC); null while in progress.",
  })
  endTimeUtc!: Date | null;

  @Field(() => TaskSessionState, { description: "State of the task session." })
  state!: TaskSessionState;

  @Field(() => SessionResult, { nullable: true, description: "Result of the task session." })
  result!: SessionResult | null;

  @Field(() => String, {
    nullable: true,
    description: "Reason for which the task session completed with the Warning or Failed result.",
  })
  reason!: string | null;

  @Field(() => SafeIntResolver, {
    nullable: true,
    description: "Size in bytes of all restore points produced by the task session.",
  })
  totalSize!: number | null;

  @Field(() => ID, {
    nullable: true,
    description: "UID of the backup server on which the CDP policy is created.",
  })
  backupServerUid!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Name of the backup server on which the CDP policy is created.",
  })
  backupServerName!: string | null;

  /** The `Up BackupServerReference` link. */
  backupServerLink!: EntityLink | undefined;
  /** The `Up CdpReplicaSessionReference` link (its `Name` is the parent session's name). */
  sessionLink!: EntityLink;
}
