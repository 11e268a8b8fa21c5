import { DateTimeResolver } from "graphql-scalars";
import { Field, ID, ObjectType } from "type-graphql";
import type { EntityLink } from "../shared/EntityLink.js";
import { JobType } from "../shared/JobType.js";
import { Node } from "../shared/Node.js";
import { Platform } from "../shared/Platform.js";

/** A VBR job (`/jobs/{ID}`); replication job sessions link to theirs. */
@ObjectType("Job", { implements: Node, description: "A Veeam Backup & Replication job (`/jobs/{ID}`)." })
export class Job extends Node {
  readonly __typename = "Job" as const;

  @Field(() => String, { description: "Name of the job." })
  name!: string;

  @Field(() => String, { nullable: true, description: "Description of the job." })
  description!: string | null;

  @Field(() => JobType, { nullable: true, description: "Type of the job." })
  jobType!: JobType | null;

  @Field(() => Platform, { nullable: true, description: "Virtualization platform of the job." })
  platform!: Platform | null;

  @Field(() => Boolean, { nullable: true, description: "Whether a schedule is configured for the job." })
  scheduleConfigured!: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "Whether the job's schedule is enabled." })
  scheduleEnabled!: boolean | null;

  @Field(() => DateTimeResolver, {
    nullable: true,
    description: "Next scheduled run (UTC); scheduled jobs only.",
  })
  nextRun!: Date | null;

  @Field(() => ID, { nullable: true, description: "UID of the backup server where the job is configured." })
  backupServerUid!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Name of the backup server where the job is configured.",
  })
  backupServerName!: string | null;

  /** The `Up BackupServerReference` link. */
  backupServerLink!: EntityLink | undefined;
}
