import { Field, InputType } from "type-graphql";
import { JobType } from "../../modules/shared/JobType.js";
import { Platform } from "../../modules/shared/Platform.js";
import { SessionResult } from "../../modules/shared/SessionResult.js";
import { SessionState } from "../../modules/shared/SessionState.js";
import { TaskSessionState } from "../../modules/shared/TaskSessionState.js";
import { ABSENT_VALUE_RULE, OPERATOR_DESCRIPTIONS as D } from "./operatorDescriptions.js";

/** The instance shape of an enum filter over the enum whose runtime values are `T`. */
export interface EnumFilterOf<T extends string> {
  eq?: T;
  ne?: T;
  in?: T[];
  notIn?: T[];
  lt?: T;
  lte?: T;
  gt?: T;
  gte?: T;
}

/**
 * Declares the filter input `<enumName>Filter` for a registered GraphQL enum. type-graphql needs one class
 * per GraphQL type, hence a factory rather than a generic class. Ordering operators compare by EM's
 * ordinal order, which is the declaration order of the enum and is spelled out in its description.
 */
function enumFilter<T extends string>(enumType: Record<string, T>, enumName: string) {
  @InputType(`${enumName}Filter`, {
    description:
      `Conditions on a ${enumName}. \`lt\`, \`lte\`, \`gt\` and \`gte\` compare by Enterprise Manager's ` +
      `ordinal order, the order listed in the description of \`${enumName}\`, not alphabetically. ` +
      ABSENT_VALUE_RULE,
  })
  class EnumFilter implements EnumFilterOf<T> {
    @Field(() => enumType, { nullable: true, description: D.eq })
    eq?: T;
    @Field(() => enumType, { nullable: true, description: D.ne })
    ne?: T;
    @Field(() => [enumType], { nullable: true, description: D.in })
    in?: T[];
    @Field(() => [enumType], { nullable: true, description: D.notIn })
    notIn?: T[];
    @Field(() => enumType, { nullable: true, description: D.lt + " In EM's ordinal order." })
    lt?: T;
    @Field(() => enumType, { nullable: true, description: D.lte + " In EM's ordinal order." })
    lte?: T;
    @Field(() => enumType, { nullable: true, description: D.gt + " In EM's ordinal order." })
    gt?: T;
    @Field(() => enumType, { nullable: true, description: D.gte + " In EM's ordinal order." })
    gte?: T;
  }
  return EnumFilter;
}

/** GraphQL `SessionStateFilter`: conditions on a `SessionState` (ordered STOPPED < STARTING < … ). */
export const SessionStateFilter = enumFilter(SessionState, "SessionState");
export type SessionStateFilter = EnumFilterOf<SessionState>;

/** GraphQL `SessionResultFilter`: conditions on a `SessionResult` (ordered NONE < SUCCESS < WARNING < FAILED). */
export const SessionResultFilter = enumFilter(SessionResult, "SessionResult");
export type SessionResultFilter = EnumFilterOf<SessionResult>;

/** GraphQL `TaskSessionStateFilter`: conditions on a `TaskSessionState` (IN_PROGRESS < PENDING < COMPLETED). */
export const TaskSessionStateFilter = enumFilter(TaskSessionState, "TaskSessionState");
export type TaskSessionStateFilter = EnumFilterOf<TaskSessionState>;

/** GraphQL `JobTypeFilter`: conditions on a `JobType` (BACKUP < BACKUP_COPY < IMMEDIATE_BACKUP_COPY < REPLICA). */
export const JobTypeFilter = enumFilter(JobType, "JobType");
export type JobTypeFilter = EnumFilterOf<JobType>;

/** GraphQL `PlatformFilter`: conditions on a `Platform` (VMWARE < HYPERV < VCLOUD). */
export const PlatformFilter = enumFilter(Platform, "Platform");
export type PlatformFilter = EnumFilterOf<Platform>;

const ENUM_FILTERS = new Map<object, object>([
  [SessionState, SessionStateFilter],
  [SessionResult, SessionResultFilter],
  [TaskSessionState, TaskSessionStateFilter],
  [JobType, JobTypeFilter],
  [Platform, PlatformFilter],
]);

/** The filter input of an enum used by a query field; a new enum needs its line above. */
export function enumFilterOf(values: Readonly<Record<string, string>>): object {
  const filter = ENUM_FILTERS.get(values);
  if (!filter) throw new Error(`no filter input is declared for the enum ${Object.values(values).join("|")}`);
  return filter;
}
