import type { EntitySource } from "../../loaders/EntitySource.js";
import { SortDirection } from "../shared/connection/SortDirection.js";
import { JOB_QUERY } from "./job.fields.js";
import { toJob } from "./job.mapper.js";
import type { Job } from "./job.type.js";

/** How `Job` is listed, looked up and mapped; the order without `orderBy` is name ASC. */
export const JOB_SOURCE: EntitySource<Job> = {
  typeName: "Job",
  query: JOB_QUERY,
  map: toJob,
  defaultOrder: { field: "name", direction: SortDirection.ASC },
};
