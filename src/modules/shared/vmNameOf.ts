/**
 * The VM part of a task-session name (`<VM>@<timestamp>`). Real servers always send `VmDisplayName`; this
 * is the fallback if one ever omits it.
 */
export function vmNameOf(taskSessionName: string): string {
  const at = taskSessionName.lastIndexOf("@");
  return at > 0 ? taskSessionName.slice(0, at) : taskSessionName;
}
