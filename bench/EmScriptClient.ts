import { Pool } from "undici";
import xml2js from "xml2js";

/**
 * The EM side of the "direct" clients: what a careful script author writes against EM's REST API without
 * the gateway. Plain undici, one logon, and xml2js with its default options read through four helpers.
 * It shares no code with the gateway (nor with the simulator), so the comparison does not hide a shortcut
 * in common code.
 *
 * Hazard: it trusts the simulator completely (no retries, no hardening, no body cap): it is a benchmark
 * baseline, not a client to copy into production.
 */
export class EmScriptClient {
  readonly #pool: Pool;
  readonly #basePath: string;
  readonly #token: string;
  /** GETs sent since construction (the logon is not counted). */
  calls = 0;

  private constructor(pool: Pool, basePath: string, token: string) {
    this.#pool = pool;
    this.#basePath = basePath;
    this.#token = token;
  }

  /**
   * Logs on once (`POST /sessionMngr/?v=latest` with Basic credentials) and keeps the token. `connections`
   * is the keep-alive pool size; 16, like the gateway's default `VEEAM_EM_MAX_CONNECTIONS`, so neither side
   * wins by having more sockets.
   */
  static async logon(
    baseUrl: string,
    credentials: { username: string; password: string },
    connections = 16,
  ): Promise<EmScriptClient> {
    const url = new URL(baseUrl);
    const pool = new Pool(url.origin, { connections });
    const basePath = url.pathname.replace(/\/+$/, "");
    const basic = Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64");
    const response = await pool.request({
      method: "POST",
      path: `${basePath}/sessionMngr/?v=latest`,
      headers: { authorization: `Basic ${basic}` },
    });
    await response.body.dump();
    const token = response.headers["x-restsvcsessionid"];
    if (response.statusCode !== 201 || typeof token !== "string") {
      await pool.close();
      throw new Error(`EM logon failed with HTTP ${response.statusCode}`);
    }
    return new EmScriptClient(pool, basePath, token);
  }

  /**
   * GETs an API path (`/query?…`) or an absolute `Href` from an EM document, and returns the xml2js
   * (default options) object of its root element. Throws on any non-200 answer.
   */
  async get(pathOrHref: string): Promise<XmlObject> {
    const text = await this.getText(pathOrHref);
    const parsed = (await xml2js.parseStringPromise(text)) as Record<string, XmlObject>;
    return Object.values(parsed)[0]!;
  }

  /** GETs a path or Href like `get`, and returns the body unparsed. */
  async getText(pathOrHref: string): Promise<string> {
    this.calls += 1;
    const path = pathOrHref.startsWith("http") ? hrefPath(pathOrHref) : `${this.#basePath}${pathOrHref}`;
    const response = await this.#pool.request({
      method: "GET",
      path,
      headers: { "x-restsvcsessionid": this.#token, accept: "application/xml" },
    });
    const text = await response.body.text();
    if (response.statusCode !== 200) throw new Error(`GET ${path} answered HTTP ${response.statusCode}`);
    return text;
  }

  /** The logon session's token (`X-RestSvcSessionId`), for load tools that send requests themselves. */
  get token(): string {
    return this.#token;
  }

  /**
   * One query-service page, `format=Entities`, returning the entity objects. `filter` is written by hand in
   * EM's syntax and encoded here once.
   */
  async queryEntities(query: {
    type: string;
    filter?: string;
    sortAsc?: string;
    sortDesc?: string;
    pageSize: number;
    page?: number;
  }): Promise<{ items: XmlObject[]; pagesCount: number }> {
    const params = [`type=${query.type}`, "format=Entities"];
    if (query.filter) params.push(`filter=${encodeURIComponent(query.filter)}`);
    if (query.sortAsc) params.push(`sortAsc=${query.sortAsc}`);
    if (query.sortDesc) params.push(`sortDesc=${query.sortDesc}`);
    params.push(`pageSize=${query.pageSize}`, `page=${query.page ?? 1}`);
    const root = await this.get(`/query?${params.join("&")}`);
    const paging = root["PagingInfo"]?.[0] as XmlObject | undefined;
    return {
      items: entitiesOf(root),
      pagesCount: Number(attr(paging ?? {}, "PagesCount") ?? "0"),
    };
  }

  /** Logs out is not needed for a benchmark (the simulator is closed after the run); closes the pool. */
  async close(): Promise<void> {
    await this.#pool.close();
  }
}

/** An element as xml2js's default options give it: `$` attributes, child elements by name as arrays. */
export type XmlObject = { $?: Record<string, string>; _?: string } & { [name: string]: any };

/** The items of a `QueryResult` in Entities format, whatever its container is named. */
export function entitiesOf(root: XmlObject): XmlObject[] {
  const entities = root["Entities"]?.[0];
  if (entities === undefined || typeof entities === "string") return [];
  return Object.entries(entities as XmlObject)
    .filter(([name]) => name !== "$")
    .flatMap(([, containers]) => (containers as XmlObject[]).flatMap((container) => listItems(container)));
}

/** The item elements of a list element (a collection's `?format=Entity` root, or an Entities container). */
export function listItems(list: XmlObject | string): XmlObject[] {
  // xml2js gives an empty element as "".
  if (typeof list === "string") return [];
  return Object.entries(list)
    .filter(([name]) => name !== "$" && name !== "_")
    .flatMap(([, items]) => items as XmlObject[]);
}

/** An attribute, or undefined. */
export function attr(el: XmlObject, name: string): string | undefined {
  return el.$?.[name];
}

/** A child element's text ("" for an empty element), or undefined when absent. */
export function text(el: XmlObject, name: string): string | undefined {
  const child = el[name]?.[0];
  if (child === undefined) return undefined;
  return typeof child === "string" ? child : (child._ ?? "");
}

/** The `Href` of the first `<Link>` with this `Rel` and `Type`, or undefined. */
export function linkHref(el: XmlObject, rel: string, type: string): string | undefined {
  const links = (el["Links"]?.[0]?.["Link"] ?? []) as XmlObject[];
  return links.find((link) => attr(link, "Rel") === rel && attr(link, "Type") === type)?.$?.["Href"];
}

/** `https://host:9398/api/jobs/…?x` → `/api/jobs/…?x` (EM writes its own host into Hrefs). */
function hrefPath(href: string): string {
  const url = new URL(href);
  return `${url.pathname}${url.search}`;
}
