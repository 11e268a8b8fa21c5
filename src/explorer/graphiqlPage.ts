import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { ServerResponse } from "node:http";
import { dirname, join } from "node:path";
import type { ExampleOperation } from "./exampleOperations.js";

/** One file served under `/graphiql/assets/`. */
interface Asset {
  readonly body: Buffer;
  readonly contentType: string;
}

/** The self-hosted GraphiQL: its page and assets, read once at start. */
export interface GraphiqlPage {
  /**
   * Answers `pathname` when it belongs to the explorer (`/graphiql`, `/graphiql/`, `/graphiql/assets/…`)
   * and returns true; returns false for any other path.
   */
  serve(pathname: string, method: string, response: ServerResponse): boolean;
}

/** Assets are content-addressed (hash in the name), so browsers may keep them for a year. */
const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * Everything the page may load, all from this origin: scripts only from files (no inline script), styles
 * from files plus the inline styles GraphiQL's editors set, fonts and icons as data: URIs from its CSS, and
 * GraphQL requests to this origin. A browser enforces it, so even a future GraphiQL that wanted a CDN
 * could not reach one.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * Builds the GraphiQL explorer from the installed `graphiql`, `react` and `react-dom` packages (their UMD
 * builds), so it works on networks without internet access. The page uses relative URLs only, so it also
 * works behind a reverse proxy that mounts the gateway under a path prefix.
 *
 * Throws at start when a package file is missing, rather than serving a broken page later.
 */
export function createGraphiqlPage(examples: readonly ExampleOperation[] = []): GraphiqlPage {
  const require = createRequire(import.meta.url);
  const files: Array<[string, string, string, string]> = [
    ["react", "react", "umd/react.production.min.js", "text/javascript; charset=utf-8"],
    ["react-dom", "react-dom", "umd/react-dom.production.min.js", "text/javascript; charset=utf-8"],
    ["graphiql", "graphiql", "graphiql.min.js", "text/javascript; charset=utf-8"],
    ["graphiql-css", "graphiql", "graphiql.min.css", "text/css; charset=utf-8"],
    // graphql-ws' browser build: GraphiQL runs subscriptions through it, on this origin's WebSocket.
    ["graphql-ws", "graphql-ws", "umd/graphql-ws.min.js", "text/javascript; charset=utf-8"],
  ];
  const assets = new Map<string, Asset>();
  const urls: Record<string, string> = {};
  const add = (key: string, extension: string, body: Buffer, contentType: string): void => {
    const hash = createHash("sha256").update(body).digest("hex").slice(0, 12);
    const name = `${key}.${hash}.${extension}`;
    assets.set(name, { body, contentType });
    urls[key] = `graphiql/assets/${name}`;
  };
  for (const [key, packageName, file, contentType] of files) {
    // The UMD files are not in the packages' "exports", so they are found from package.json.
    const path = join(dirname(require.resolve(`${packageName}/package.json`)), file);
    // Source-map comments would make browser devtools ask for maps we do not serve.
    const text = readFileSync(path, "utf8").replace(/\n\/[/*]# sourceMappingURL=.*$/gm, "");
    add(key, path.endsWith(".css") ? "css" : "js", Buffer.from(text, "utf8"), contentType);
  }
  add("init", "js", Buffer.from(initScript(examples), "utf8"), "text/javascript; charset=utf-8");
  const html = Buffer.from(pageHtml(urls), "utf8");

  return {
    serve(pathname, method, response) {
      if (pathname !== "/graphiql" && pathname !== "/graphiql/" && !pathname.startsWith("/graphiql/"))
        return false;
      if (method !== "GET" && method !== "HEAD") {
        response.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" });
        response.end("Method not allowed\n");
        return true;
      }
      if (pathname === "/graphiql/") {
        // Relative URLs in the page resolve against /graphiql, not /graphiql/.
        response.writeHead(308, { location: "../graphiql" });
        response.end();
        return true;
      }
      if (pathname === "/graphiql") {
        send(response, method, html, {
          "content-type": "text/html; charset=utf-8",
          "cache-control": "no-cache",
          "content-security-policy": CONTENT_SECURITY_POLICY,
          "x-content-type-options": "nosniff",
          "referrer-policy": "no-referrer",
        });
        return true;
      }
      const asset = pathname.startsWith("/graphiql/assets/")
        ? assets.get(pathname.slice("/graphiql/assets/".length))
        : undefined;
      if (!asset) {
        response.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
        response.end("Not found\n");
        return true;
      }
      send(response, method, asset.body, {
        "content-type": asset.contentType,
        "cache-control": IMMUTABLE,
        "x-content-type-options": "nosniff",
      });
      return true;
    },
  };
}

function send(response: ServerResponse, method: string, body: Buffer, headers: Record<string, string>): void {
  response.writeHead(200, { ...headers, "content-length": String(body.length) });
  response.end(method === "HEAD" ? undefined : body);
}

/**
 * Starts GraphiQL against `graphql` next to the page (`/graphiql` → `/graphql`, subscriptions over its
 * WebSocket), with one tab per example
 * operation (or a sample query when there are none). The tabs are data inside this script file, since the
 * page's policy allows no inline script.
 */
function initScript(examples: readonly ExampleOperation[]): string {
  const tabs = examples.map((example) => ({
    query: example.document,
    variables: JSON.stringify(example.variables, null, 2),
  }));
  return `"use strict";
(function () {
  var endpoint = new URL("graphql", window.location.href).href;
  // Subscriptions go over graphql-transport-ws on the same path (ws:// or wss:// as the page was loaded).
  var wsClient = graphqlWs.createClient({ url: endpoint.replace(/^http/, "ws"), lazy: true });
  var fetcher = GraphiQL.createFetcher({ url: endpoint, wsClient: wsClient });
  var tabs = ${JSON.stringify(tabs)};
  var defaultQuery =
    "# Veeam Enterprise Manager GraphQL gateway (self-hosted GraphiQL: nothing is loaded from the internet)\\n" +
    "{\\n  backupServers(first: 5) {\\n    nodes {\\n      id\\n      name\\n    }\\n  }\\n}\\n";
  var props = { fetcher: fetcher, defaultQuery: defaultQuery };
  if (tabs.length > 0) props.defaultTabs = tabs;
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(React.createElement(GraphiQL, props));
})();
`;
}

function pageHtml(urls: Record<string, string>): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>GraphiQL · Veeam EM GraphQL gateway</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="${urls["graphiql-css"]}" />
    <style>
      html, body, #graphiql { height: 100%; margin: 0; }
    </style>
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL…</div>
    <script src="${urls["react"]}"></script>
    <script src="${urls["react-dom"]}"></script>
    <script src="${urls["graphiql"]}"></script>
    <script src="${urls["graphql-ws"]}"></script>
    <script src="${urls["init"]}"></script>
  </body>
</html>
`;
}
