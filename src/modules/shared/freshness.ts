import { historyFinalWhen, type Freshness } from "../../loaders/Freshness.js";
import { SessionState } from "./SessionState.js";
import { TaskSessionState } from "./TaskSessionState.js";

/** Servers, policies, jobs, repositories: edited now and then. */
export const SLOWLY_CHANGING: Freshness = { kind: "slowly-changing" };

/** A job or policy session: final once it is Stopped (its end time and result are then known). */
export const SESSION_HISTORY: Freshness = historyFinalWhen("state", SessionState.STOPPED);

/** A task session (one VM of a session): final once Completed. */
export const TASK_SESSION_HISTORY: Freshness = historyFinalWhen("state", TaskSessionState.COMPLETED);
