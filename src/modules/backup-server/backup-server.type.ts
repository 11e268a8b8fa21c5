import { Field, Int, ObjectType } from "type-graphql";
import { Node } from "../shared/Node.js";

/** A backup server (VBR) connected to Enterprise Manager (`/backupServers/{ID}`). */
@ObjectType("BackupServer", {
  implements: Node,
  description: "A Veeam Backup & Replication server connected to Enterprise Manager (`/backupServers/{ID}`).",
})
export class BackupServer extends Node {
  readonly __typename = "BackupServer" as const;

  @Field(() => String, { description: "Name of the backup server (usually its DNS name)." })
  name!: string;

  @Field(() => String, { nullable: true, description: "Description of the backup server; often empty." })
  description!: string | null;

  @Field(() => Int, { nullable: true, description: "Port the backup service listens on (9392 by default)." })
  port!: number | null;

  @Field(() => String, {
    nullable: true,
    description: "Version of Veeam Backup & Replication, e.g. `13.0.1.1071`.",
  })
  version!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "IP address or DNS name of the server, where EM reports it (a query field; not in every entity).",
  })
  ipOrDnsName!: string | null;
}
