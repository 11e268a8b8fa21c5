import { ArgsType, Field } from "type-graphql";
import { connectionType } from "../shared/connection/connectionType.js";
import { ConnectionArgs } from "../shared/connection/ConnectionArgs.js";
import { orderInputType } from "../shared/connection/orderInputType.js";
import type { SortDirection } from "../shared/connection/SortDirection.js";
import { CDP_POLICY_QUERY } from "./cdp-policy.fields.js";
import { CdpPolicyFilter } from "./cdp-policy.filter.js";
import { CdpPolicy } from "./cdp-policy.type.js";

/** `CdpPolicyConnection` and its edge type. */
export const CdpPolicyConnection = connectionType("CdpPolicy", CdpPolicy);

/** `CdpPolicyOrder`: `{ field, direction }`. */
export const CdpPolicyOrder = orderInputType("CdpPolicy", CDP_POLICY_QUERY);

/** Arguments of every list of CdpPolicy items (the root list and nested connections alike). */
@ArgsType()
export class CdpPoliciesArgs extends ConnectionArgs {
  @Field(() => CdpPolicyOrder, {
    nullable: true,
    description: "Order of the list; newest first or by name when omitted.",
  })
  orderBy?: { field: string; direction: SortDirection } | null;

  @Field(() => CdpPolicyFilter, {
    nullable: true,
    description: "Filter evaluated by EM's query service (never in the gateway).",
  })
  filter?: CdpPolicyFilter | null;
}
