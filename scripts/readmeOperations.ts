/** Where the example operations live, relative to the repository root. */
export const OPERATIONS_DIR = "schema/operations";

/**
 * A fenced `graphql` block in the README, preceded by the marker line `<!-- schema/operations/X.graphql -->`
 * that names the file it shows. Group 1: the marker and fence opening, 2: the path, 3: the block's text.
 */
const MARKED_BLOCK = /(<!-- (schema\/operations\/[\w.-]+\.graphql) -->\n```graphql\n)([\s\S]*?)```/g;

/** Every fenced `graphql` block, marked or not. */
const ANY_BLOCK = /^```graphql$/gm;

/** The operation files the README shows, in order of appearance (a file may appear more than once). */
export function readmeOperationPaths(readme: string): string[] {
  return [...readme.matchAll(MARKED_BLOCK)].map((match) => match[2]!);
}

/** Number of `graphql` blocks without a marker: each is an example no test runs, so there must be none. */
export function unmarkedGraphqlBlocks(readme: string): number {
  return (readme.match(ANY_BLOCK)?.length ?? 0) - readmeOperationPaths(readme).length;
}

/**
 * The README with every marked block replaced by the current text of the file its marker names
 * (`npm run readme:operations`). Pure: `read` supplies the files. Hazard: only marked blocks change, so a
 * new example needs its marker line; `unmarkedGraphqlBlocks` finds the ones that lack it.
 */
export function syncReadmeOperations(readme: string, read: (path: string) => string): string {
  return readme.replace(MARKED_BLOCK, (_block, head: string, path: string) => `${head}${read(path)}\`\`\``);
}
