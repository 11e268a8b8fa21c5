/**
 * The XML worker: parses one query page's body with xml2js (through parseXml, with the same limits and
 * hardening as on the main thread) and maps its items with the entity's declared mapper, found by type
 * name in the registry. Only the compact rows go back. Runs in a Piscina worker thread.
 */
import { ENTITIES } from "../modules/entities.js";
import { EntityMappingError } from "../modules/shared/EntityMappingError.js";
import { decodeQueryPageSync } from "../upstream/QueryPageDecoder.js";
import { UpstreamError } from "../upstream/UpstreamError.js";
import type { DecodeOutcome, DecodeTask } from "./DecodeTask.js";

const MAPPERS = new Map(ENTITIES.map((entity) => [entity.typeName, entity.source.map]));
const decoder = new TextDecoder("utf-8");

export default function decode(task: DecodeTask): DecodeOutcome {
  try {
    const map = MAPPERS.get(task.typeName);
    if (!map) return { ok: false, failure: { kind: "other", message: `no mapper for ${task.typeName}` } };
    return { ok: true, page: decodeQueryPageSync(decoder.decode(task.bytes), task.request, map) };
  } catch (error) {
    if (error instanceof UpstreamError)
      return { ok: false, failure: { kind: "bad-response", summary: error.summary, status: error.status } };
    if (error instanceof EntityMappingError) {
      const { entity, element, problem } = error;
      return { ok: false, failure: { kind: "mapping", entity, element, problem } };
    }
    return {
      ok: false,
      failure: { kind: "other", message: error instanceof Error ? error.message : String(error) },
    };
  }
}
