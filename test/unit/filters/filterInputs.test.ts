import {
  graphql,
  isEnumType,
  isInputObjectType,
  isNonNullType,
  printType,
  type GraphQLInputType,
  type GraphQLSchema,
} from "graphql";
import { Arg, buildSchema, Query, Resolver } from "type-graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { entityTypes } from "../../../src/graphql/entityTypes.js";
import type { QueryEntity, QueryField } from "../../../src/filters/QueryField.js";
import type { TranslatedFilter } from "../../../src/filters/TranslatedFilter.js";
import { translateFilter } from "../../../src/filters/translateFilter.js";
import { BACKUP_SERVER } from "../../../src/modules/backup-server/backup-server.entity.js";
const BACKUP_SERVER_QUERY = BACKUP_SERVER.query;
const BackupServerFilter = entityTypes(BACKUP_SERVER).filter;
import { CDP_POLICY } from "../../../src/modules/cdp-policy/cdp-policy.entity.js";
const CDP_POLICY_QUERY = CDP_POLICY.query;
const CdpPolicyFilter = entityTypes(CDP_POLICY).filter;
import { CDP_REPLICA_SESSION } from "../../../src/modules/cdp-replica-session/cdp-replica-session.entity.js";
const CDP_REPLICA_SESSION_QUERY = CDP_REPLICA_SESSION.query;
const CdpReplicaSessionFilter = entityTypes(CDP_REPLICA_SESSION).filter;
import { CDP_REPLICA_TASK_SESSION } from "../../../src/modules/cdp-replica-task-session/cdp-replica-task-session.entity.js";
const CDP_REPLICA_TASK_SESSION_QUERY = CDP_REPLICA_TASK_SESSION.query;
const CdpReplicaTaskSessionFilter = entityTypes(CDP_REPLICA_TASK_SESSION).filter;
import { JOB } from "../../../src/modules/job/job.entity.js";
const JOB_QUERY = JOB.query;
const JobFilter = entityTypes(JOB).filter;
import { REPLICA_JOB_SESSION } from "../../../src/modules/replica-job-session/replica-job-session.entity.js";
const REPLICA_JOB_SESSION_QUERY = REPLICA_JOB_SESSION.query;
const ReplicaJobSessionFilter = entityTypes(REPLICA_JOB_SESSION).filter;
import { REPLICA_TASK_SESSION } from "../../../src/modules/replica-task-session/replica-task-session.entity.js";
const REPLICA_TASK_SESSION_QUERY = REPLICA_TASK_SESSION.query;
const ReplicaTaskSessionFilter = entityTypes(REPLICA_TASK_SESSION).filter;

/*
 * The filter input types as GraphQL sees them: a probe schema with one query per entity filter, whose
 * resolver returns the translation. It checks that each entity filter has exactly one field per table entry
 * (plus and/or/not) with the operator input of its kind, and that values coerced by GraphQL and
 * type-graphql (class instances, Dates, SafeInts, enum values) translate as the unit tests expect.
 */

const show = (result: TranslatedFilter) => (result.kind === "expression" ? result.text : `<${result.kind}>`);

@Resolver()
class FilterProbe {
  @Query(() => String)
  cdpReplicaSessions(
    @Arg("filter", () => CdpReplicaSessionFilter, { nullable: true }) filter?: object,
  ): string {
    return show(translateFilter(filter, CDP_REPLICA_SESSION_QUERY, ["filter"]));
  }
  @Query(() => String)
  cdpReplicaTaskSessions(
    @Arg("filter", () => CdpReplicaTaskSessionFilter, { nullable: true }) filter?: object,
  ): string {
    return show(translateFilter(filter, CDP_REPLICA_TASK_SESSION_QUERY, ["filter"]));
  }
  @Query(() => String)
  replicaJobSessions(
    @Arg("filter", () => ReplicaJobSessionFilter, { nullable: true }) filter?: object,
  ): string {
    return show(translateFilter(filter, REPLICA_JOB_SESSION_QUERY, ["filter"]));
  }
  @Query(() => String)
  replicaTaskSessions(
    @Arg("filter", () => ReplicaTaskSessionFilter, { nullable: true }) filter?: object,
  ): string {
    return show(translateFilter(filter, REPLICA_TASK_SESSION_QUERY, ["filter"]));
  }
  @Query(() => String)
  backupServers(@Arg("filter", () => BackupServerFilter, { nullable: true }) filter?: object): string {
    return show(translateFilter(filter, BACKUP_SERVER_QUERY, ["filter"]));
  }
  @Query(() => String)
  cdpPolicies(@Arg("filter", () => CdpPolicyFilter, { nullable: true }) filter?: object): string {
    return show(translateFilter(filter, CDP_POLICY_QUERY, ["filter"]));
  }
  @Query(() => String)
  jobs(@Arg("filter", () => JobFilter, { nullable: true }) filter?: object): string {
    return show(translateFilter(filter, JOB_QUERY, ["filter"]));
  }
}

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildSchema({ resolvers: [FilterProbe] });
});

const ENTITY_FILTERS: [string, QueryEntity][] = [
  ["CdpReplicaSessionFilter", CDP_REPLICA_SESSION_QUERY],
  ["CdpReplicaTaskSessionFilter", CDP_REPLICA_TASK_SESSION_QUERY],
  ["ReplicaJobSessionFilter", REPLICA_JOB_SESSION_QUERY],
  ["ReplicaTaskSessionFilter", REPLICA_TASK_SESSION_QUERY],
  ["BackupServerFilter", BACKUP_SERVER_QUERY],
  ["CdpPolicyFilter", CDP_POLICY_QUERY],
  ["JobFilter", JOB_QUERY],
];

/** The operator input a field of this kind must use. */
function operatorInputOf(field: QueryField): string {
  switch (field.kind) {
    case "string":
      return "StringFilter";
    case "uid":
      return "IdFilter";
    case "long":
      return "LongFilter";
    case "dateTime":
      return "DateTimeFilter";
    case "boolean":
      return "BooleanFilter";
    case "enum": {
      const names: [Readonly<Record<string, string>>, string][] = [];
      for (const typeName of ["SessionState", "SessionResult", "TaskSessionState", "JobType", "Platform"]) {
        const type = schema.getType(typeName);
        if (isEnumType(type))
          names.push([Object.fromEntries(type.getValues().map((v) => [v.name, v.value])), typeName]);
      }
      const match = names.find(([values]) => JSON.stringify(values) === JSON.stringify({ ...field.values }));
      return `${match?.[1]}Filter`;
    }
  }
}

/** `[X!]` → "[X!]", X → "X": the type as SDL would print it. */
const sdl = (type: GraphQLInputType): string => String(type);

describe("entity filter inputs", () => {
  it.each(ENTITY_FILTERS)("%s has one field per table entry plus and/or/not", (typeName, entity) => {
    const type = schema.getType(typeName);
    if (!isInputObjectType(type)) throw new Error(`${typeName} is not an input type`);
    const fields = type.getFields();
    expect(Object.keys(fields).sort()).toEqual([...Object.keys(entity.fields), "and", "or", "not"].sort());
    for (const [name, field] of Object.entries(entity.fields)) {
      expect(sdl(fields[name].type), name).toBe(operatorInputOf(field));
      expect(fields[name].description).toContain(`EM query field \`${field.emField}\``);
    }
    expect(sdl(fields.and.type)).toBe(`[${typeName}!]`);
    expect(sdl(fields.or.type)).toBe(`[${typeName}!]`);
    expect(sdl(fields.not.type)).toBe(typeName);
    expect(type.description).toContain(`type=${entity.queryType}`);
  });
});

describe("operator inputs", () => {
  const operatorTypes = (typeName: string): Record<string, string> => {
    const type = schema.getType(typeName);
    if (!isInputObjectType(type)) throw new Error(`${typeName} is not an input type`);
    return Object.fromEntries(Object.values(type.getFields()).map((f) => [f.name, sdl(f.type)]));
  };
  const ordered = (scalar: string) => ({
    eq: scalar,
    ne: scalar,
    lt: scalar,
    lte: scalar,
    gt: scalar,
    gte: scalar,
    in: `[${scalar}!]`,
    notIn: `[${scalar}!]`,
  });

  it("have the operators and scalars of their kind", () => {
    expect(operatorTypes("StringFilter")).toEqual(ordered("String"));
    expect(operatorTypes("IdFilter")).toEqual({ eq: "ID", ne: "ID", in: "[ID!]", notIn: "[ID!]" });
    expect(operatorTypes("LongFilter")).toEqual(ordered("SafeInt"));
    expect(operatorTypes("DateTimeFilter")).toEqual(ordered("DateTime"));
    expect(operatorTypes("BooleanFilter")).toEqual({ eq: "Boolean", ne: "Boolean" });
    for (const e of ["SessionState", "SessionResult", "TaskSessionState", "JobType", "Platform"]) {
      expect(operatorTypes(`${e}Filter`)).toEqual(ordered(e));
    }
  });

  it("describe EM's semantics", () => {
    const description = (name: string) => {
      const type = schema.getType(name);
      if (!isInputObjectType(type)) throw new Error(name);
      return type.description ?? "";
    };
    expect(description("StringFilter")).toMatch(/ignore case/);
    expect(description("DateTimeFilter")).toMatch(/UTC/);
    for (const name of [
      "StringFilter",
      "IdFilter",
      "LongFilter",
      "DateTimeFilter",
      "BooleanFilter",
      "JobTypeFilter",
    ]) {
      expect(description(name)).toMatch(/as in SQL, and that includes `ne`/);
    }
    expect(description("SessionResultFilter")).toMatch(
      /ordinal order, the order listed in the description of `SessionResult`/,
    );
    expect(printType(schema.getType("PlatformFilter")!)).toContain("input PlatformFilter");
    expect(isNonNullType(schema.getQueryType()!.getFields().jobs.args[0].type)).toBe(false);
  });
});

describe("values as GraphQL and type-graphql deliver them", () => {
  const run = async (source: string, variableValues?: Record<string, unknown>) => {
    const result = await graphql({ schema, source, variableValues });
    return result;
  };

  it("translates literals: DateTime with offset, SafeInt past 2^31, enums, nesting", async () => {
    const result = await run(`{
      cdpReplicaTaskSessions(filter: {
        creationTimeUtc: { gte: "2021-06-15T02:00:00+02:00", lt: "2021-06-16T00:00:00Z" }
        totalSize: { gt: 4294967296 }
        or: [{ state: { in: [IN_PROGRESS, PENDING] } }, { not: { vmDisplayName: { eq: "a\\";b" } } }]
      })
      jobs(filter: { platform: { gte: HYPERV }, scheduleEnabled: { ne: false }, id: { eq: "6b872a71-51e8-437a-8d45-5c6494b92f3f" } })
      replicaJobSessions(filter: { or: [] })
      backupServers(filter: {})
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      cdpReplicaTaskSessions:
        'CreationTimeUTC>="2021-06-15T00:00:00Z";CreationTimeUTC<"2021-06-16T00:00:00Z";TotalSize>4294967296;' +
        '(State==InProgress,State==Pending,VmDisplayName!="a"";b")', // nested ORs flatten
      jobs: 'UID=="urn:veeam:Job:6b872a71-51e8-437a-8d45-5c6494b92f3f";Platform>=Hyperv;ScheduleEnabled!=false',
      replicaJobSessions: "<none>",
      backupServers: "<all>",
    });
  });

  it("translates variables, and reports a bad value as an error naming its path", async () => {
    const nullValue = await run(`query ($f: ReplicaTaskSessionFilter) { replicaTaskSessions(filter: $f) }`, {
      f: { result: { notIn: ["FAILED", "WARNING"] }, endTimeUtc: { eq: null }, reason: null },
    });
    expect(nullValue.errors?.[0]?.message).toBe(
      'Invalid argument "filter.endTimeUtc.eq": null cannot be compared in EM filters; leave the operator out',
    );
    const uid = await run(
      `{ cdpReplicaSessions(filter: { and: [{}, { policyUid: { eq: "urn:veeam:Job:6b872a71-51e8-437a-8d45-5c6494b92f3f" } }] }) }`,
    );
    expect(uid.errors?.[0]?.message).toMatch(
      /^Invalid argument "filter\.and\[1\]\.policyUid\.eq": expected the UID of a CdpPolicy/,
    );
    const enums = await run(`query ($f: ReplicaTaskSessionFilter) { replicaTaskSessions(filter: $f) }`, {
      f: { result: { notIn: ["FAILED", "WARNING"] }, state: { lte: "PENDING" } },
    });
    expect(enums.data).toEqual({ replicaTaskSessions: "State<=Pending;Result!=Failed;Result!=Warning" });
  });
});
