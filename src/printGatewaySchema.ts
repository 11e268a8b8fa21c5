import { lexicographicSortSchema, printSchema } from "graphql";
import { buildGatewaySchema } from "./schema.js";

/**
 * The SDL of the gateway's schema, types sorted by name so that the committed `schema/schema.graphql`
 * changes only when the schema does, not when declaration order does.
 */
export async function printGatewaySchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildGatewaySchema()))}\n`;
}
