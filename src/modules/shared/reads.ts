import type { EntityLinks, FieldDeclaration } from "./defineEntity.js";
import type { EntityReader } from "./EntityReader.js";
import { vmNameOf } from "./vmNameOf.js";

/*
 * The `read` functions of field declarations, named after what EM writes: an absent optional element reads
 * as `fallback` (null unless given), so each declaration says what a missing value means.
 */

type Read = FieldDeclaration["read"];
type Enum = Readonly<Record<string, string>>;

export const attribute =
  (name: string): Read =>
  (r) =>
    r.requiredAttribute(name);
export const text =
  (name: string, fallback: string | null = null): Read =>
  (r) =>
    r.optionalText(name) ?? fallback;
export const time =
  (name: string): Read =>
  (r) =>
    r.optionalDate(name) ?? null;
export const requiredTime =
  (name: string): Read =>
  (r) =>
    r.requiredDate(name);
export const integer =
  (name: string, fallback: number | null = null): Read =>
  (r) =>
    r.optionalInteger(name) ?? fallback;
export const flag =
  (name: string, fallback: boolean | null = null): Read =>
  (r) =>
    r.optionalBoolean(name) ?? fallback;
export const enumValue =
  (name: string, values: Enum, fallback: string | null = null): Read =>
  (r) =>
    r.optionalEnum(name, values) ?? fallback;
/** An enum of a value set that is not documented as closed: an unknown value reads as null. */
export const openEnumValue =
  (name: string, values: Enum): Read =>
  (r) =>
    r.openEnum(name, values) ?? null;
export const requiredEnum =
  (name: string, values: Enum): Read =>
  (r) =>
    r.requiredEnum(name, values);
export const uid =
  (name: string, type: string): Read =>
  (r) =>
    r.requiredUid(name, type);
/** The UID or the name of an `Up` link, null when EM sent no such link. */
export const linkId =
  (link: string): Read =>
  (_r: EntityReader, links: EntityLinks) =>
    links[link]?.id ?? null;
export const linkName =
  (link: string): Read =>
  (_r: EntityReader, links: EntityLinks) =>
    links[link]?.name ?? null;
/** A task session's VM: the root's `VmDisplayName` attribute on real servers, else the name's VM part. */
export const vmDisplayName: Read = (r) =>
  r.optionalAttribute("VmDisplayName") ??
  r.optionalText("VmDisplayName") ??
  vmNameOf(r.requiredAttribute("Name"));
