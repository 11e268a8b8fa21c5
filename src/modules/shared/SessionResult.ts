import { registerEnumType } from "type-graphql";

/**
 * Result of a session or task session. Runtime values are EM's spellings. Declared in EM's ordinal order
 * (None = -1, Success = 0, Warning = 1, Failed = 2): EM's query service compares results by ordinal, so
 * `Result>Success` selects Warning and Failed.
 */
export enum SessionResult {
  NONE = "None",
  SUCCESS = "Success",
  WARNING = "Warning",
  FAILED = "Failed",
}

registerEnumType(SessionResult, {
  name: "SessionResult",
  description:
    "Result of a session. Filters compare results by EM's ordinal order: NONE < SUCCESS < WARNING < FAILED.",
  valuesConfig: {
    NONE: {
      description: "No result yet. Not in the API pages, but real servers return it while a session runs.",
    },
    SUCCESS: { description: "The session completed successfully." },
    WARNING: { description: "The session completed with warnings." },
    FAILED: { description: "The session failed." },
  },
});
