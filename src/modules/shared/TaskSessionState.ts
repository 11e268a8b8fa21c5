import { registerEnumType } from "type-graphql";

/**
 * State of a task session (one VM within a session). Runtime values are EM's spellings, declared in the
 * order the API pages list them, which is the ordinal order used when filters compare states.
 */
export enum TaskSessionState {
  IN_PROGRESS = "InProgress",
  PENDING = "Pending",
  COMPLETED = "Completed",
}

registerEnumType(TaskSessionState, {
  name: "TaskSessionState",
  description:
    "State of a task session. Filters compare states by EM's ordinal order: IN_PROGRESS < PENDING < COMPLETED.",
  valuesConfig: {
    IN_PROGRESS: { description: "The VM is being processed." },
    PENDING: { description: "The VM waits to be processed." },
    COMPLETED: { description: "Processing of the VM has finished." },
  },
});
