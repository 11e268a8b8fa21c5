import type { EntitySource } from "../../loaders/EntitySource.js";
import { SortDirection } from "../shared/connection/SortDirection.js";
import { CDP_POLICY_QUERY } from "./cdp-policy.fields.js";
import { toCdpPolicy } from "./cdp-policy.mapper.js";
import type { CdpPolicy } from "./cdp-policy.type.js";

/** How `CdpPolicy` is listed, looked up and mapped; the order without `orderBy` is name ASC. */
export const CDP_POLICY_SOURCE: EntitySource<CdpPolicy> = {
  typeName: "CdpPolicy",
  query: CDP_POLICY_QUERY,
  map: toCdpPolicy,
  defaultOrder: { field: "name", direction: SortDirection.ASC },
};
