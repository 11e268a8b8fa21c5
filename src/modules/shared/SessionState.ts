import { registerEnumType } from "type-graphql";

/**
 * State of a job or CDP policy session. The runtime values are EM's own spellings, so a value read from EM
 * XML or written into an EM filter needs no translation.
 *
 * The members are declared in EM's ordinal order (VBR's session-state enumeration: Stopped = -1, Starting
 * = 3, Stopping = 4, Working = 5, Pausing = 6, WaitingTape = 7, Idle = 8, Resuming = 9, Postprocessing =
 * 10, WaitingRepository = 11, WaitingSlot = 12), which is the order EM's query service compares them in.
 */
export enum SessionState {
  STOPPED = "Stopped",
  STARTING = "Starting",
  STOPPING = "Stopping",
  WORKING = "Working",
  PAUSING = "Pausing",
  WAITING_TAPE = "WaitingTape",
  IDLE = "Idle",
  RESUMING = "Resuming",
  POSTPROCESSING = "Postprocessing",
  WAITING_REPOSITORY = "WaitingRepository",
  WAITING_SLOT = "WaitingSlot",
}

registerEnumType(SessionState, {
  name: "SessionState",
  description:
    "State of a session. Filters compare states by EM's ordinal order, which is the order listed here " +
    "(STOPPED < STARTING < STOPPING < WORKING < PAUSING < WAITING_TAPE < IDLE < RESUMING < POSTPROCESSING < " +
    "WAITING_REPOSITORY < WAITING_SLOT).",
  valuesConfig: {
    STOPPED: { description: "The session has ended." },
    STARTING: { description: "The session is starting." },
    STOPPING: { description: "The session is being stopped." },
    WORKING: { description: "The session is running." },
    PAUSING: { description: "The session is being paused." },
    WAITING_TAPE: {
      description: "Not documented for replica sessions; VBR uses it while waiting for a tape.",
    },
    IDLE: { description: "Not documented for replica sessions; VBR uses it for idle continuous sessions." },
    RESUMING: { description: "The session is resuming." },
    POSTPROCESSING: {
      description: "Not documented for replica sessions; VBR uses it after the data transfer.",
    },
    WAITING_REPOSITORY: {
      description: "Not documented for replica sessions; VBR waits for a repository slot.",
    },
    WAITING_SLOT: { description: "Not documented for replica sessions; VBR waits for a task slot." },
  },
});
