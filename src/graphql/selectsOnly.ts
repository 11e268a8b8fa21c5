import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from "graphql";

/**
 * True when the selection under the current field asks for nothing outside `allowed` (through any
 * fragments). Used to answer `{ id name }` selections of a linked object from the link alone.
 *
 * Conservative by design: an unknown fragment counts as "asks for more", so the worst case is an
 * unnecessary load, never a missing field.
 */
export function selectsOnly(info: GraphQLResolveInfo, allowed: ReadonlySet<string>): boolean {
  return info.fieldNodes.every((node) => !node.selectionSet || within(node.selectionSet, info, allowed));
}

function within(
  selectionSet: SelectionSetNode,
  info: GraphQLResolveInfo,
  allowed: ReadonlySet<string>,
): boolean {
  return selectionSet.selections.every((selection) => {
    switch (selection.kind) {
      case Kind.FIELD:
        return allowed.has(selection.name.value);
      case Kind.INLINE_FRAGMENT:
        return within(selection.selectionSet, info, allowed);
      case Kind.FRAGMENT_SPREAD: {
        const fragment = info.fragments[selection.name.value];
        return fragment !== undefined && within(fragment.selectionSet, info, allowed);
      }
      default:
        return false;
    }
  });
}
