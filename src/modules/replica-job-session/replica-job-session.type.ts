import { DateTimeResolver } from "graphql-scalars";
import { Field, ID, Int, ObjectType } from "type-graphql";
import type { EntityLink } from "../shared/EntityLink.js";
import { JobType } from "../shared/JobType.js";
import { Node } from "../shared/Node.js";
import { SessionResult } from "../shared/SessionResult.js";
import { SessionState } from "../shared/SessionState.js";

/** A replication job session (`/replicaSessions/{ID}`). */
@ObjectType("ReplicaJobSession", {
  implements: Node,
  description: "A replication job session: one run of a replication job (`/replicaSessions/{ID}`).",
})
export class ReplicaJobSession extends Node {
  readonly __typename = "ReplicaJobSession" as const;

  @Field(() => String, { description: "Name of the session, for example `exch@2013-08-26 22:28:51`." })
  name!: string;

  @Field(() => ID, { description: "UID of the replication job parent to the session." })
  jobUid!: string;

  @Field(() => String, { description: "Name of the replication job parent to the session." })
  jobName!: string;

  @Field(() => JobType, { description: "Type of the job session. Possible value: REPLICA." })
  jobType!: JobType;

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

  @Field(() => Int, { description: "Progress of the session in percent." })
  progress!: number;

  @Field(() => String, {
    nullable: true,
    description: "Reason for which the session failed; EM omits it on most replica sessions.",
  })
  failureMessage!: string | null;

  @Field(() => Boolean, { description: "Whether the session is a retry." })
  isRetry!: boolean;

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
  /** The `Up JobReference` link. */
  jobLink!: EntityLink;
}
