/**
 * What a `<Link>` element of an EM entity tells about the entity it points at, without fetching it: its UID
 * (rebuilt from the GUID in the `Href`) and its `Name`. Link fields answer `{ id name }` selections from
 * this alone, at no upstream cost.
 */
export interface EntityLink {
  /** `urn:veeam:<Type>:<guid>`. */
  readonly id: string;
  /** The link's `Name` attribute; EM omits it on some links, hence optional. */
  readonly name: string | undefined;
}
