import { DateTimeResolver } from "graphql-scalars";
import { Field, ID, ObjectType } from "type-graphql";
import type { EntityLink } from "../shared/EntityLink.js";
import { Node } from "../shared/Node.js";
import { Platform } from "../shared/Platform.js";

/** A CDP policy (`/cdpPolicies/{ID}`); CDP replication sessions link to theirs. */
@ObjectType("CdpPolicy", {
  implements: Node,
  description: "A continuous data protection policy (`/cdpPolicies/{ID}`).",
})
export class CdpPolicy extends Node {
  readonly __typename = "CdpPolicy" as const;

  @Field(() => String, { description: "Name of the CDP policy." })
  name!: string;

  @Field(() => String, { nullable: true, description: "Description of the CDP policy." })
  description!: string | null;

  @Field(() => String, { nullable: true, description: "Policy type. Possible value: `CdpReplica`." })
  policyType!: string | null;

  @Field(() => Platform, { nullable: true, description: "Virtualization platform (VMware or vCloud)." })
  platform!: Platform | null;

  @Field(() => Boolean, { nullable: true, description: "Whether a schedule is configured for the policy." })
  scheduleConfigured!: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "Whether the policy's schedule is enabled." })
  scheduleEnabled!: boolean | null;

  @Field(() => DateTimeResolver, { nullable: true, description: "Next scheduled run (UTC)." })
  nextRun!: Date | null;

  @Field(() => ID, {
    nullable: true,
    description: "UID of the backup server where the policy is configured.",
  })
  backupServerUid!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Name of the backup server where the policy is configured.",
  })
  backupServerName!: string | null;

  /** The `Up BackupServerReference` link. */
  backupServerLink!: EntityLink | undefined;
}
