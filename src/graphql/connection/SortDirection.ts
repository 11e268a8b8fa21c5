import { registerEnumType } from "type-graphql";

/** Sort direction; reaches EM as `sortAsc` or `sortDesc`. */
export enum SortDirection {
  ASC = "ASC",
  DESC = "DESC",
}

registerEnumType(SortDirection, {
  name: "SortDirection",
  description:
    "Sort direction. Strings sort ignoring case and enums by EM's ordinal order, as EM sorts them.",
});
