/**
 * EM answered with well-formed XML that does not have the shape its documentation and real servers give
 * (a required element missing, an unknown enum value, a malformed date). Reaches clients as
 * `UPSTREAM_BAD_RESPONSE`; the message names the entity and the element, never a value that could be
 * secret.
 */
export class EntityMappingError extends Error {
  readonly code = "EM_UNEXPECTED_XML";

  constructor(
    readonly entity: string,
    readonly element: string,
    readonly problem: string,
  ) {
    super(`EM returned a ${entity} whose ${element} ${problem}`);
    this.name = "EntityMappingError";
  }
}
