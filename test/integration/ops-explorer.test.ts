import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../helpers/startStack.js";

/** Every URL a page refers to in `src` or `href` attributes. */
function referencedUrls(html: string): string[] {
  return [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((match) => match[1]!);
}

describe("self-hosted GraphiQL at /graphiql", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it("serves a page that loads nothing from any other host, and every asset it names", async () => {
    const pageUrl = new URL("/graphiql", stack.gateway.url);
    const page = await fetch(pageUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    const html = await page.text();
    expect(html).not.toMatch(/<script>[^<]/); // no inline script: CSP forbids it

    const urls = referencedUrls(html);
    expect(urls.length).toBeGreaterThanOrEqual(5);
    for (const reference of urls) {
      const resolved = new URL(reference, pageUrl);
      expect(resolved.protocol === "data:" || resolved.origin === pageUrl.origin, reference).toBe(true);
      if (resolved.protocol === "data:") continue;
      const asset = await fetch(resolved);
      expect(asset.status, reference).toBe(200);
      expect(asset.headers.get("cache-control")).toContain("immutable");
      const body = await asset.text();
      expect(body.length).toBeGreaterThan(0);
      expect(body).not.toMatch(/sourceMappingURL/);
    }
    // The start script talks to the GraphQL endpoint next to the page, whatever the host or path prefix.
    const initUrl = urls.find((u) => /\/init\.[0-9a-f]+\.js$/.test(u))!;
    const init = await (await fetch(new URL(initUrl, pageUrl))).text();
    expect(init).toContain('new URL("graphql", window.location.href)');
    expect(init).not.toMatch(/https?:/);
  });

  it("serves assets with their content types, refuses unknown ones and writes", async () => {
    const html = await (await fetch(new URL("/graphiql", stack.gateway.url))).text();
    const css = referencedUrls(html).find((u) => u.endsWith(".css"))!;
    const cssResponse = await fetch(new URL(css, new URL("/graphiql", stack.gateway.url)));
    expect(cssResponse.headers.get("content-type")).toMatch(/^text\/css/);
    expect((await fetch(new URL("/graphiql/assets/nope.js", stack.gateway.url))).status).toBe(404);
    expect((await fetch(new URL("/graphiql", stack.gateway.url), { method: "POST" })).status).toBe(405);
    const slash = await fetch(new URL("/graphiql/", stack.gateway.url), { redirect: "manual" });
    expect(slash.status).toBe(308);
  });

  it("the landing page at /graphql keeps Apollo Sandbox and points to /graphiql where the CDN is out of reach", async () => {
    const landing = await fetch(stack.gateway.url, { headers: { accept: "text/html" } });
    expect(landing.status).toBe(200);
    const html = await landing.text();
    expect(html).toContain("embeddable-sandbox.cdn.apollographql.com");
    // The link sits in the fallback Apollo shows when the Sandbox script cannot be loaded.
    expect(html).toMatch(/<div class="fallback">[\s\S]*<a href="\.\/graphiql">[\s\S]*<\/div>/);
  });

  it("opens Sandbox on the first example operation, with Sandbox's telemetry off", async () => {
    const html = await (await fetch(stack.gateway.url, { headers: { accept: "text/html" } })).text();
    expect(html).toContain("query BackupSessionsDashboard");
    expect(html).toMatch(/runTelemetry[\\"]*:\s*false/);
  });
});

describe("EXPLORER=false (the production default)", () => {
  it("serves neither Sandbox nor GraphiQL", async () => {
    const stack = await startStack({ env: { EXPLORER: "false" } });
    try {
      expect((await fetch(new URL("/graphiql", stack.gateway.url))).status).toBe(404);
      const landing = await fetch(stack.gateway.url, { headers: { accept: "text/html" } });
      expect(await landing.text()).not.toContain("apollographql.com");
    } finally {
      await stack.close();
    }
  });
});
