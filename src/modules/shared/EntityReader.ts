import {
  attribute,
  childElement,
  childElements,
  childText,
  type XmlElement,
} from "../../upstream/xmlNodes.js";
import { guidFromHref, normalizeId, toUrn } from "./EmUid.js";
import type { EntityLink } from "./EntityLink.js";
import { EntityMappingError } from "./EntityMappingError.js";

/**
 * Typed reads of one EM entity element, shared by the entity mappers. Every read names the entity in its
 * error so a malformed answer points at the element that was wrong. The xml2js conventions themselves stay
 * in `upstream/xmlNodes.ts`; this reader only knows EM's value formats.
 */
export class EntityReader {
  constructor(
    readonly element: XmlElement,
    /** The GraphQL type being read, for error messages. */
    readonly entity: string,
  ) {}

  /** An attribute that EM always writes on the root (UID, Name). */
  requiredAttribute(name: string): string {
    const value = attribute(this.element, name);
    if (value === undefined) throw new EntityMappingError(this.entity, `@${name}`, "is missing");
    return value;
  }

  /** The root `UID` attribute, checked to be a URN of `type` and canonicalized. */
  uid(type: string): string {
    const value = this.requiredAttribute("UID");
    const urn = normalizeId(type, value);
    if (urn === undefined) throw new EntityMappingError(this.entity, "@UID", `is not a ${type} UID`);
    return urn;
  }

  /** A UID-typed element such as `PolicyUid`, checked and canonicalized. */
  requiredUid(name: string, type: string): string {
    const urn = normalizeId(type, this.requiredText(name));
    if (urn === undefined) throw new EntityMappingError(this.entity, name, `is not a ${type} UID`);
    return urn;
  }

  optionalAttribute(name: string): string | undefined {
    return attribute(this.element, name);
  }

  /** Element text; absent element → undefined, self-closed element → "". */
  optionalText(name: string): string | undefined {
    return childText(this.element, name);
  }

  requiredText(name: string): string {
    const value = childText(this.element, name);
    if (value === undefined) throw new EntityMappingError(this.entity, name, "is missing");
    return value;
  }

  /** EM writes UTC times with `Z` and trimmed fractions; an absent or empty element is "no time". */
  optionalDate(name: string): Date | undefined {
    const text = childText(this.element, name);
    if (text === undefined || text === "") return undefined;
    // Times without a zone are still UTC in EM ("The parameter accepts only UTC-formatted DateTime values").
    const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`);
    if (Number.isNaN(date.getTime())) throw new EntityMappingError(this.entity, name, "is not a date");
    return date;
  }

  requiredDate(name: string): Date {
    const date = this.optionalDate(name);
    if (date === undefined) throw new EntityMappingError(this.entity, name, "is missing");
    return date;
  }

  optionalInteger(name: string): number | undefined {
    const text = childText(this.element, name);
    if (text === undefined || text === "") return undefined;
    const value = Number(text);
    if (!Number.isSafeInteger(value)) {
      throw new EntityMappingError(this.entity, name, "is not an integer that fits in 53 bits");
    }
    return value;
  }

  requiredInteger(name: string): number {
    const value = this.optionalInteger(name);
    if (value === undefined) throw new EntityMappingError(this.entity, name, "is missing");
    return value;
  }

  optionalBoolean(name: string): boolean | undefined {
    const text = childText(this.element, name);
    if (text === undefined || text === "") return undefined;
    const lower = text.toLowerCase();
    if (lower === "true") return true;
    if (lower === "false") return false;
    throw new EntityMappingError(this.entity, name, "is not a boolean");
  }

  requiredBoolean(name: string): boolean {
    const value = this.optionalBoolean(name);
    if (value === undefined) throw new EntityMappingError(this.entity, name, "is missing");
    return value;
  }

  /**
   * An enum element. `values` is the GraphQL enum object whose runtime values are EM spellings; EM's
   * case is matched loosely because its query service treats enum values case-insensitively.
   */
  requiredEnum<T extends string>(name: string, values: Readonly<Record<string, T>>): T {
    const value = this.optionalEnum(name, values);
    if (value === undefined) throw new EntityMappingError(this.entity, name, "is missing");
    return value;
  }

  optionalEnum<T extends string>(name: string, values: Readonly<Record<string, T>>): T | undefined {
    const text = childText(this.element, name);
    if (text === undefined || text === "") return undefined;
    const match = enumIndex(values).get(text.toLowerCase());
    if (match === undefined) throw new EntityMappingError(this.entity, name, "has an unknown value");
    return match as T;
  }

  /** An enum element whose value set EM may widen: an unknown value reads as undefined, not an error. */
  openEnum<T extends string>(name: string, values: Readonly<Record<string, T>>): T | undefined {
    const text = childText(this.element, name);
    return text === undefined ? undefined : (enumIndex(values).get(text.toLowerCase()) as T | undefined);
  }

  /**
   * The first `<Link>` with the given `Rel` and `Type`, as an entity link. `uidType` is the URN type of the
   * target (the link's `Type` minus `Reference`). Absent link → undefined.
   */
  link(rel: string, type: string, uidType: string): EntityLink | undefined {
    const links = childElement(this.element, "Links");
    if (!links) return undefined;
    for (const link of childElements(links, "Link")) {
      if (attribute(link, "Rel") !== rel || attribute(link, "Type") !== type) continue;
      const href = attribute(link, "Href");
      const guid = href === undefined ? undefined : guidFromHref(href);
      if (guid === undefined) throw new EntityMappingError(this.entity, `${type} link`, "has no usable Href");
      return { id: toUrn(uidType, guid), name: attribute(link, "Name") };
    }
    return undefined;
  }
}

/** Each enum's values by lower-cased spelling, built once per enum (mapping reads one per entity field). */
const ENUM_INDEXES = new WeakMap<object, ReadonlyMap<string, string>>();

function enumIndex(values: Readonly<Record<string, string>>): ReadonlyMap<string, string> {
  let index = ENUM_INDEXES.get(values);
  if (!index) {
    index = new Map(Object.values(values).map((value) => [value.toLowerCase(), value]));
    ENUM_INDEXES.set(values, index);
  }
  return index;
}
