import { describe, expect, it } from "vitest";
import { readQueryPage } from "../../../src/upstream/EmQuery.js";
import { parseXml, parseXmlYielding, YIELD_SLICE_CHARS } from "../../../src/upstream/parseXml.js";
import { readEmError } from "../../../src/upstream/readEmError.js";
import { EmBadResponseError } from "../../../src/upstream/UpstreamError.js";
import { attribute, childElement, childElements, childText } from "../../../src/upstream/xmlNodes.js";
import {
  CDP_QUERY_RESULT,
  errorXml,
  REFS_QUERY_RESULT,
  REPLICA_JOB_SESSION,
  REPLICA_TASK_SESSIONS,
  replicaTaskQueryResult,
} from "./emSamples.js";

const source = { method: "GET", url: "http://em/api/x" };

describe("parseXml on EM-shaped documents", () => {
  it("reads a captured ReplicaJobSession entity: local names, attributes without xmlns, children in order", () => {
    const root = parseXml(REPLICA_JOB_SESSION);
    expect(root.name).toBe("ReplicaJobSession");
    expect({ ...root.attributes }).toEqual({
      Href: "https://localhost:9398/api/replicaSessions/04f694ad-664c-4603-a747-00edecae4f17?format=Entity",
      Type: "ReplicaJobSession",
      Name: "Replication Job 1@2025-10-07 20:00:02",
      UID: "urn:veeam:ReplicaJobSession:04f694ad-664c-4603-a747-00edecae4f17",
    });
    expect(Object.getPrototypeOf(root.attributes)).toBeNull();
    expect(root.children.map((c) => c.name)).toEqual([
      "Links",
      "JobUid",
      "JobName",
      "JobType",
      "CreationTimeUTC",
      "EndTimeUTC",
      "State",
      "Result",
      "Progress",
      "IsRetry",
    ]);
    expect(childText(root, "CreationTimeUTC")).toBe("2025-10-07T20:00:02.42Z");
    expect(childText(root, "FailureMessage")).toBeUndefined();
    const links = childElements(childElement(root, "Links")!, "Link");
    expect(links.map((l) => [attribute(l, "Rel"), attribute(l, "Type")])).toEqual([
      ["Up", "BackupServerReference"],
      ["Up", "JobReference"],
      ["Alternate", "ReplicaJobSessionReference"],
      ["Down", "ReplicaTaskSessionReferenceList"],
    ]);
    expect(attribute(links[3]!, "Name")).toBeUndefined();
    expect(links[0]!.text).toBe("");
  });

  it("reads the VmDisplayName attribute and self-closed <Reason /> as an empty string", () => {
    const root = parseXml(REPLICA_TASK_SESSIONS);
    const [task] = childElements(root, "ReplicaTaskSession");
    expect(attribute(task!, "VmDisplayName")).toBe("ubuntu88");
    expect(childText(task!, "Reason")).toBe("");
    expect(childText(task!, "TotalSize")).toBe("17179869184");
  });

  it("returns the same attributes whatever their order", () => {
    const a = parseXml(`<Link Href="h" Name="n" Type="t" Rel="Up" />`);
    const b = parseXml(`<Link Rel="Up" Type="t" Href="h" Name="n"/>`);
    expect({ ...a.attributes }).toEqual({ ...b.attributes });
  });

  it("strips namespace prefixes from element names and drops prefixed attributes", () => {
    const root = parseXml(
      `<v:Job xmlns:v="http://www.veeam.com/ent/v1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" Name="J">` +
        `<v:Description xsi:nil="true"/></v:Job>`,
    );
    expect(root.name).toBe("Job");
    expect({ ...root.attributes }).toEqual({ Name: "J" });
    expect(childText(root, "Description")).toBe("");
    expect(Object.keys(childElement(root, "Description")!.attributes)).toEqual([]);
  });

  it("unescapes character references and trims text", () => {
    const root = parseXml(`<A Href="q?a=1&amp;b=&quot;x&quot;">  caf&#233; &lt;ok&gt;  </A>`);
    expect(attribute(root, "Href")).toBe('q?a=1&b="x"');
    expect(root.text).toBe("café <ok>");
  });

  it("reads a CdpReplicaSession Entities page whose items are CdpPolicySession elements", () => {
    const page = readQueryPage(parseXml(CDP_QUERY_RESULT), "Entities", source);
    expect(page).toMatchObject({ pageNum: 1, pageSize: 100, pagesCount: 1 });
    expect(page.items).toHaveLength(1);
    const item = page.items[0]!;
    expect(item.name).toBe("CdpPolicySession");
    expect(attribute(item, "Type")).toBe("CdpReplicaSession");
    expect(childText(item, "FailureMessage")).toBe("");
    expect(childText(item, "EndTimeUTC")).toBeUndefined();
    expect(childText(item, "Result")).toBe("None");
  });

  it("reads a References page (Refs/Ref) with PagingInfo attributes in the other order", () => {
    const page = readQueryPage(parseXml(REFS_QUERY_RESULT), "References", source);
    expect(page).toMatchObject({ pageNum: 1, pageSize: 1, pagesCount: 2 });
    expect(page.items.map((r) => [r.name, attribute(r, "Name")])).toEqual([["Ref", "172.17.53.47"]]);
  });

  it("treats an absent Entities element as an empty page and rejects a missing PagingInfo", () => {
    const empty = parseXml(
      `<QueryResult><PagingInfo PageNum="1" PageSize="10" PagesCount="0"/></QueryResult>`,
    );
    expect(readQueryPage(empty, "Entities", source).items).toEqual([]);
    expect(() => readQueryPage(parseXml(`<QueryResult/>`), "Entities", source)).toThrow(EmBadResponseError);
    expect(() => readQueryPage(parseXml(`<EntityReferences/>`), "Entities", source)).toThrow(/QueryResult/);
  });

  it("reads EM Error bodies", () => {
    expect(readEmError(parseXml(errorXml("Node [root] does not exist.", 400)))).toEqual({
      message: "Node [root] does not exist.",
      statusCode: 400,
    });
    expect(
      readEmError(parseXml(`<Error><FirstChanceExceptionMessage>boom</FirstChanceExceptionMessage></Error>`)),
    ).toEqual({ message: "boom", statusCode: undefined });
    expect(readEmError(parseXml(`<Job/>`))).toBeUndefined();
  });

  it("returns frozen trees", () => {
    const root = parseXml(REPLICA_JOB_SESSION);
    expect(Object.isFrozen(root)).toBe(true);
    expect(Object.isFrozen(root.children)).toBe(true);
    expect(Object.isFrozen(root.attributes)).toBe(true);
  });

  it("parses a 10,000-entity page", () => {
    const xml = replicaTaskQueryResult(10_000);
    const started = performance.now();
    const page = readQueryPage(parseXml(xml), "Entities", source);
    const ms = Math.round(performance.now() - started);
    expect(page.items).toHaveLength(10_000);
    expect(attribute(page.items[9_999]!, "VmDisplayName")).toBe("ubuntu88");
    // Informational only (no timed assertion on a shared machine).
    console.info(
      `parseXml: ${(Buffer.byteLength(xml) / 1048576).toFixed(1)} MiB, 10,000 entities in ${ms} ms`,
    );
  });
});

describe("parseXml hardening", () => {
  it("refuses DOCTYPE and ENTITY declarations before parsing (billion laughs)", () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><lolz>&lol2;</lolz>`;
    expect(() => parseXml(laughs)).toThrow(EmBadResponseError);
    expect(() => parseXml(laughs)).toThrow(/DOCTYPE or ENTITY/);
    expect(() => parseXml(`<a><!ENTITY x "y"></a>`)).toThrow(/DOCTYPE or ENTITY/);
    expect(() => parseXml(`<!doctype a><a/>`)).toThrow(/DOCTYPE or ENTITY/);
  });

  it("rejects documents over the byte cap", () => {
    const error = catchError(() => parseXml(`<a>${"x".repeat(2000)}</a>`, { maxBytes: 1000, source }));
    expect(error).toBeInstanceOf(EmBadResponseError);
    expect((error as EmBadResponseError).code).toBe("EM_BAD_RESPONSE");
    expect((error as Error).message).toContain("GET http://em/api/x");
    // Multi-byte characters count as bytes, not UTF-16 units.
    expect(() => parseXml(`<a>${"é".repeat(600)}</a>`, { maxBytes: 1000 })).toThrow(EmBadResponseError);
  });

  it("rejects nesting beyond the depth cap and accepts it at the cap", () => {
    const nest = (depth: number): string => "<a>".repeat(depth) + "</a>".repeat(depth);
    expect(() => parseXml(nest(64))).not.toThrow();
    expect(() => parseXml(nest(65))).toThrow(/deeper than 64/);
    expect(() => parseXml(nest(5), { maxDepth: 4 })).toThrow(EmBadResponseError);
    expect(() => parseXml(nest(10_000))).toThrow(EmBadResponseError);
  });

  it("rejects malformed, empty and entity-referencing documents", () => {
    for (const bad of [`<a><b></a>`, `not xml`, ``, `   `, `<a>&unknown;</a>`, `<a>`]) {
      const error = catchError(() => parseXml(bad, { source }));
      expect(error, bad).toBeInstanceOf(EmBadResponseError);
    }
  });

  it("keeps __proto__, constructor and prototype names as plain data", () => {
    const root = parseXml(
      `<__proto__ __proto__="p" constructor="c" prototype="x" polluted="yes">` +
        `<constructor>1</constructor><prototype/><__proto__><polluted>yes</polluted></__proto__>` +
        `<hasOwnProperty/></__proto__>`,
    );
    expect(root.name).toBe("__proto__");
    expect(Object.getPrototypeOf(root.attributes)).toBeNull();
    // sax stores attributes in a plain object, where a "__proto__" assignment of a string is a no-op: the
    // attribute is lost, harmlessly. The others arrive as own properties.
    expect(Object.keys(root.attributes).sort()).toEqual(["constructor", "polluted", "prototype"]);
    expect(attribute(root, "__proto__")).toBeUndefined();
    expect(attribute(root, "constructor")).toBe("c");
    expect(attribute(root, "toString")).toBeUndefined();
    expect(root.children.map((c) => c.name)).toEqual([
      "constructor",
      "prototype",
      "__proto__",
      "hasOwnProperty",
    ]);
    expect(childText(root, "constructor")).toBe("1");
    expect(childText(childElement(root, "__proto__")!, "polluted")).toBe("yes");
    // Names only inherited from Object.prototype are not children.
    expect(childText(root, "toString")).toBeUndefined();
    expect(childElement(root, "valueOf")).toBeUndefined();
    expect(childElements(root, "constructor")).toHaveLength(1);
    expect(Array.isArray(root.children)).toBe(true);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});

describe("parseXml written whole or in slices", () => {
  // sax's own 64 KiB buffer check ran only between writes, so long values failed only when sliced.
  const long = "x".repeat(YIELD_SLICE_CHARS * 2);
  const xml = `<Job Name="${long}" Description="d"><!-- ${long} --><Text>${long}</Text></Job>`;

  it("reads attribute values, comments and text longer than a slice the same in every mode", async () => {
    const whole = parseXml(xml, { source });
    expect(attribute(whole, "Name")).toBe(long);
    expect(childText(whole, "Text")).toBe(long);
    expect(parseXml(xml, { source, deadlineMs: 60_000 })).toEqual(whole);
    expect(await parseXmlYielding(xml, { source })).toEqual(whole);
  });
});

describe("parseXml child order", () => {
  it("groups children by name in order of first appearance, each group in document order", () => {
    const root = parseXml("<R><A>1</A><B>x</B><A>2</A><C/><A>3</A></R>");
    expect(root.children.map((c) => `${c.name}${c.text}`)).toEqual(["A1", "A2", "A3", "Bx", "C"]);
    expect(childElements(root, "A").map((c) => c.text)).toEqual(["1", "2", "3"]);
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("parseXml with an item tap", () => {
  const isContainer = (path: readonly string[]) => path.length === 3 && path[1] === "Entities";

  it("hands each item over in document order, cleaned, and leaves it out of the tree", () => {
    const taken: string[] = [];
    const xml = `<v:QueryResult xmlns:v="urn:x"><v:Entities><v:S><v:I n="1"><v:A>x</v:A></v:I><v:I n="2"/></v:S><T><I n="3"/></T></v:Entities><PagingInfo PageNum="1" PageSize="3" PagesCount="1"><Links><Link Href="h"/></Links></PagingInfo></v:QueryResult>`;
    const root = parseXml(xml, {
      items: {
        isItemParent: isContainer,
        take: (item) => taken.push(`${item.name}${attribute(item, "n")}${childText(item, "A") ?? ""}`),
      },
    });
    expect(taken).toEqual(["I1x", "I2", "I3"]);
    // Everything else stays: the containers (now empty) and PagingInfo with its nested links.
    expect(readQueryPage(root, "Entities", source)).toMatchObject({ items: [], pagesCount: 1 });
    expect(childElement(childElement(root, "PagingInfo")!, "Links")!.children).toHaveLength(1);
  });

  it("gives the same items as the whole tree on a 10,000-entity page", () => {
    const xml = replicaTaskQueryResult(10_000);
    const whole = readQueryPage(parseXml(xml), "Entities", source).items.map((i) => attribute(i, "UID"));
    const taken: (string | undefined)[] = [];
    parseXml(xml, { items: { isItemParent: isContainer, take: (i) => taken.push(attribute(i, "UID")) } });
    expect(taken).toEqual(whole);
  });

  it("rethrows what the taker throws unchanged, and stops parsing there", () => {
    const failure = new RangeError("unmappable");
    let calls = 0;
    const error = catchError(() =>
      parseXml(`<QueryResult><Entities><S><I/><I/><I/></S></Entities></QueryResult>`, {
        items: {
          isItemParent: isContainer,
          take: () => {
            calls++;
            throw failure;
          },
        },
      }),
    );
    expect(error).toBe(failure);
    expect(calls).toBe(1);
  });

  it("keeps the limits and hardening: malformed XML after some items is still an upstream error", () => {
    const error = catchError(() =>
      parseXml(`<QueryResult><Entities><S><I/><I></S></Entities></QueryResult>`, {
        items: { isItemParent: isContainer, take: () => undefined },
      }),
    );
    expect(error).toBeInstanceOf(EmBadResponseError);
  });
});
