import { DateTimeResolver } from "graphql-scalars";
import { Field, ID, Int, ObjectType } from "type-graphql";
import type { EntityLink } from "../shared/EntityLink.js";
import { Node } from "../shared/Node.js";
import { SessionResult } from "../shared/SessionResult.js";
import { SessionState } from "../shared/SessionState.js";

/** A CDP replication session (`/cdpReplicaSessions/{ID}`); VBR starts one per CDP policy every 24 hours. */
@ObjectType("CdpReplicaSession", {
  implements: Node,
  description: "A CDP replication session: one 24-hour run of a CDP policy (`/cdpReplicaSessions/{ID}`).",
})
export class CdpReplicaSession extends Node {
  readonly __typename = "CdpReplicaSession" as const;

  @Field(() => String, {
    description: "Name of the session, for example `CDP Policy 1@2021-02-11 19:08:36`.",
  })
  name!: string;

  @Field(() => ID, { description: "UID of the CDP policy parent to the session." })
  policyUid!: string;

  @Field(() => String, { description: "Name of the CDP policy parent to the session." })
  policyName!: string;

  @Field(() => String, { description: "Policy type. Possible value: `CdpReplica`." })
  policyType!: string;

  @Field(() => DateTimeResolver, { description: "When the session was started (UTC)." })
  creationTimeUtc!: Date;

  @Field(() => DateTimeResolver, {
    nullable: true,
    description: "When the session ended (UTC); null while it runs.",
  })
  endTimeUtc!: Date | null;

  @Field(() => SessionState, { description: "State of the session." })
  state!: SessionState;

  @Field(() => SessionResult, { description: "Result of the session; NONE while it runs." })
  result!: SessionResult;

  @Field(() => Int, {
    description: "Progress of the session in percent (EM reports 0 for a session just started).",
  })
  progress!: number;

  @Field(() => String, {
    nullable: true,
    description: "Reason for which the session completed with the Failed result; empty or null otherwise.",
  })
  failureMessage!: string | null;

  @Field(() => Boolean, { description: "Whether the session is a retry." })
  isRetry!: boolean;

  @Field(() => ID, {
    nullable: true,
    description: "UID of the backup server where the CDP policy is configured.",
  })
  backupServerUid!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Name of the backup server where the CDP policy is configured.",
  })
  backupServerName!: string | null;

  /** The `Up BackupServerReference` link, for `backupServer`. */
  backupServerLink!: EntityLink | undefined;
  /** The `Up CdpPolicyReference` link, for `policy`. */
  policyLink!: EntityLink | undefined;
}
