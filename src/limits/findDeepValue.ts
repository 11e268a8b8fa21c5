/** Where a value passed a nesting bound: the path to the first value one level too deep. */
export interface DeepValue {
  /** Keys and indexes from the top value down, at most `maxPathLength` of them. */
  readonly path: readonly (string | number)[];
  /** True when the path was cut to `maxPathLength` entries. */
  readonly truncated: boolean;
}

/**
 * Finds the first place where `value` (parsed JSON: objects, arrays, scalars) nests deeper than `maxDepth`
 * levels, or undefined. Iterative, so a value nested a hundred thousand levels deep costs a walk, not a
 * stack overflow: graphql-js's input coercion recurses and overflows on such values, which is why variables
 * are checked with this before execution.
 */
export function findDeepValue(value: unknown, maxDepth: number, maxPathLength = 12): DeepValue | undefined {
  const stack: Array<{ value: unknown; depth: number; path: readonly (string | number)[] }> = [
    { value, depth: 0, path: [] },
  ];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item.value !== "object" || item.value === null) continue;
    if (item.depth >= maxDepth) {
      return { path: item.path.slice(0, maxPathLength), truncated: item.path.length > maxPathLength };
    }
    const entries: Array<[string | number, unknown]> = Array.isArray(item.value)
      ? item.value.map((child, index) => [index, child])
      : Object.entries(item.value);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      // Paths are kept only as long as they are reported; deeper levels reuse the cut prefix.
      const path = item.path.length < maxPathLength + 1 ? [...item.path, key] : item.path;
      stack.push({ value: child, depth: item.depth + 1, path });
    }
  }
  return undefined;
}
