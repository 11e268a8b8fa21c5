import { SimulatorQueryError } from "../query/SimulatorQueryError.js";

/**
 * Parses a raw query string as HTML forms do (`+` is a space, then percent-decoding), keyed by lower-cased
 * parameter name; the first occurrence of a name wins. A stray `&Field==x` from a client that forgot to
 * encode `&` inside a filter becomes an unknown, ignored parameter, as on EM.
 *
 * @throws SimulatorQueryError on malformed percent-encoding.
 */
export function parseQueryString(raw: string): Map<string, string> {
  const params = new Map<string, string>();
  if (!raw) return params;
  for (const pair of raw.split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const name = formDecode(eq < 0 ? pair : pair.slice(0, eq)).toLowerCase();
    const value = eq < 0 ? "" : formDecode(pair.slice(eq + 1));
    if (!params.has(name)) params.set(name, value);
  }
  return params;
}

function formDecode(text: string): string {
  const spaced = text.replace(/\+/g, " ");
  try {
    return decodeURIComponent(spaced);
  } catch {
    throw new SimulatorQueryError(`Malformed percent-encoding in the query string: "${text}".`);
  }
}
