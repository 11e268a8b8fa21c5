import { parseStringPromise } from "xml2js";
import { afterAll } from "vitest";
import { startSimulator, type Simulator, type SimulatorOptions } from "../../src/simulator/startSimulator.js";

/** The fixed "now" of simulator tests. */
export const NOW = new Date("2025-11-05T12:00:00Z");

/** Starts a simulator with a fixed clock and registers its teardown. */
export async function useSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = await startSimulator({ clock: () => NOW, ...options });
  afterAll(() => sim.close());
  return sim;
}

/** Logs on as the simulator's first user and returns the session token. */
export async function logon(sim: Simulator): Promise<string> {
  const res = await fetch(`${sim.url}/sessionMngr/?v=latest`, {
    method: "POST",
    headers: { Authorization: basic(sim.credentials.username, sim.credentials.password) },
  });
  if (res.status !== 201) throw new Error(`logon failed: ${res.status}`);
  await res.arrayBuffer();
  return res.headers.get("x-restsvcsessionid")!;
}

export const basic = (user: string, password: string): string =>
  "Basic " + Buffer.from(`${user}:${password}`).toString("base64");

export interface Fetched {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  xml: any;
}

/** GET `path` (relative to the base URL, e.g. `/query?type=Job`) with the token; parses XML bodies. */
export async function get(
  sim: Simulator,
  token: string | undefined,
  path: string,
  init: RequestInit = {},
): Promise<Fetched> {
  const headers = new Headers(init.headers);
  if (token !== undefined && !headers.has("X-RestSvcSessionId")) headers.set("X-RestSvcSessionId", token);
  const res = await fetch(sim.url + path, { ...init, headers });
  const text = await res.text();
  const xml = text.startsWith("<?xml") ? await parseStringPromise(text) : undefined;
  return { status: res.status, headers: res.headers, text, xml };
}

/** The `<Link>` attribute objects of an xml2js element that has `Links`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function links(element: any): Array<{ Href: string; Name?: string; Type?: string; Rel: string }> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return (element.Links[0].Link as any[]).map((l) => l.$);
}

/** A bare GUID pattern. */
export const GUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
