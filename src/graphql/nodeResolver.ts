import { Arg, Ctx, ID, Query, Resolver, type ClassType } from "type-graphql";
import { badUserInput } from "../errors/badUserInput.js";
import { echoInput } from "../errors/echoInput.js";
import type { Entity } from "../modules/shared/defineEntity.js";
import { isGuid, parseUrn, toUrn } from "../modules/shared/EmUid.js";
import type { GatewayContext } from "./GatewayContext.js";
import { loadOnSites } from "./lookupById.js";
import { Node } from "./Node.js";

/**
 * Relay's `node`/`nodes` over `entities`: dispatch on the type inside the URN to that type's by-id loader
 * on the id's site, so `nodes` with ids of several types and sites costs one query per type and site, not
 * one per id.
 */
export function nodeResolver(entities: readonly Entity[]): ClassType {
  const byUrnType = new Map(entities.map((entity) => [entity.typeName.toLowerCase(), entity]));
  const typeNames = entities.map((entity) => entity.typeName).join(", ");

  function resolve(ctx: GatewayContext, id: string, path: readonly (string | number)[]) {
    const { emId, sites } = ctx.sites.forId(id, path);
    const urn = parseUrn(emId);
    const entity = urn && byUrnType.get(urn.type.toLowerCase());
    if (!urn || !entity) {
      const hint = isGuid(emId)
        ? "a bare GUID does not say which type it is: pass the URN (urn:veeam:<Type>:<guid>), or use the " +
          "type's own field, e.g. `job(id:)` or `replicaJobSession(id:)`, which accept bare GUIDs"
        : `expected urn:veeam:<Type>:<guid>[@<site>] with Type one of ${typeNames}`;
      throw badUserInput(`${echoInput(id)} is not the id of a supported object: ${hint}`, path);
    }
    return () => loadOnSites(sites, entity.source, toUrn(entity.typeName, urn.guid));
  }

  @Resolver()
  class NodeResolver {
    @Query(() => Node, {
      nullable: true,
      description:
        "Any object by its id (`urn:veeam:<Type>:<guid>`, with `@<site>` on other sites than `default`); " +
        "null when EM does not know it.",
    })
    node(@Arg("id", () => ID) id: string, @Ctx() ctx: GatewayContext) {
      return resolve(ctx, id, ["id"])();
    }

    @Query(() => [Node], {
      nullable: "items",
      description: "Objects by their ids, in the order given; null for each id EM does not know.",
    })
    nodes(@Arg("ids", () => [ID]) ids: string[], @Ctx() ctx: GatewayContext) {
      if (ids.length > ctx.limits.maxPageSize) {
        throw badUserInput(`ids may hold at most ${ctx.limits.maxPageSize} ids; got ${ids.length}`, ["ids"]);
      }
      // Validate every id before loading any, so bad input never costs an upstream call.
      const loads = ids.map((id, index) => resolve(ctx, id, ["ids", index]));
      return Promise.all(loads.map((load) => load()));
    }
  }
  return NodeResolver;
}
