import type DataLoader from "dataloader";
import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import type { GatewayContext } from "../../context.js";
import { badUserInput } from "../../errors/badUserInput.js";
import { echoInput } from "../../errors/echoInput.js";
import { isGuid, parseUrn, toUrn } from "../shared/EmUid.js";
import { Node } from "../shared/Node.js";

/** The loader for each URN type that `node`/`nodes` can answer. */
function loaderFor(
  ctx: GatewayContext,
  urnType: string,
): DataLoader<string, Node | null, string> | undefined {
  const loaders = ctx.loaders;
  const byType: Record<string, DataLoader<string, Node | null, string>> = {
    cdpreplicasession: loaders.cdpReplicaSession,
    cdpreplicatasksession: loaders.cdpReplicaTaskSession,
    replicajobsession: loaders.replicaJobSession,
    replicatasksession: loaders.replicaTaskSession,
    backupserver: loaders.backupServer,
    cdppolicy: loaders.cdpPolicy,
    job: loaders.job,
  };
  return byType[urnType.toLowerCase()];
}

/** Canonical spelling of each supported URN type, for ids clients send in another case. */
const URN_TYPES = [
  "CdpReplicaSession",
  "CdpReplicaTaskSession",
  "ReplicaJobSession",
  "ReplicaTaskSession",
  "BackupServer",
  "CdpPolicy",
  "Job",
];

/**
 * Relay's `node`/`nodes`: dispatch on the type inside the URN to that type's loader, so `nodes` with ids
 * of several types costs one query per type, not one per id.
 */
@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description: "Any object by its EM UID (`urn:veeam:<Type>:<guid>`); null when EM does not know it.",
  })
  node(@Arg("id", () => ID) id: string, @Ctx() ctx: GatewayContext) {
    return load(ctx, id, ["id"]);
  }

  @Query(() => [Node], {
    nullable: "items",
    description: "Objects by their EM UIDs, in the order given; null for each id EM does not know.",
  })
  nodes(@Arg("ids", () => [ID]) ids: string[], @Ctx() ctx: GatewayContext) {
    if (ids.length > ctx.limits.maxPageSize) {
      throw badUserInput(`ids may hold at most ${ctx.limits.maxPageSize} ids; got ${ids.length}`, ["ids"]);
    }
    // Validate every id before loading any, so bad input never costs an upstream call.
    const loads = ids.map((id, index) => resolveLoader(ctx, id, ["ids", index]));
    return Promise.all(loads.map(({ loader, urn }) => loader.load(urn)));
  }
}

function resolveLoader(ctx: GatewayContext, id: string, path: readonly (string | number)[]) {
  const urn = parseUrn(id);
  const type = urn && URN_TYPES.find((candidate) => candidate.toLowerCase() === urn.type.toLowerCase());
  const loader = type && loaderFor(ctx, type);
  if (!urn || !type || !loader) {
    const hint = isGuid(id)
      ? "a bare GUID does not say which type it is: pass the URN (urn:veeam:<Type>:<guid>), or use the " +
        "type's own field, e.g. `job(id:)` or `replicaJobSession(id:)`, which accept bare GUIDs"
      : `expected urn:veeam:<Type>:<guid> with Type one of ${URN_TYPES.join(", ")}`;
    throw badUserInput(`${echoInput(id)} is not the id of a supported object: ${hint}`, path);
  }
  return { loader, urn: toUrn(type, urn.guid) };
}

function load(ctx: GatewayContext, id: string, path: readonly (string | number)[]) {
  const { loader, urn } = resolveLoader(ctx, id, path);
  return loader.load(urn);
}
