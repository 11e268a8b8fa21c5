import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import type { ExampleOperation } from "./exampleOperations.js";

/** Shown where Apollo's page says Sandbox cannot be loaded; a relative link, so path prefixes work. */
const OFFLINE_HINT =
  '<p>This network cannot reach Apollo\'s CDN? Use the self-hosted explorer, which loads nothing from the internet: <a href="./graphiql">GraphiQL at /graphiql</a>.</p>';

/** The sentence of Apollo's embedded-Sandbox page that its offline fallback shows. */
const FALLBACK_SENTENCE = /(<p>Apollo Sandbox cannot be loaded;[^<]*<\/p>)/;

/**
 * Apollo's default local landing page (embedded Sandbox, loaded from Apollo's CDN) for browsers at
 * `/graphql`, opened on the first example operation and with Sandbox's telemetry off by default, with a link to the self-hosted GraphiQL inserted into the fallback Apollo shows when the CDN
 * cannot be reached, so users of isolated networks are told where the working explorer is. When a future
 * Apollo changes that fallback text, the link is put at the top of the page body instead of being lost.
 */
export function landingPagePlugin(options: {
  /** The first one is Sandbox's initial document (Sandbox has no tabs to preload). */
  readonly examples: readonly ExampleOperation[];
  /** Sandbox's own telemetry to Apollo; off unless SANDBOX_TELEMETRY=true. */
  readonly runTelemetry: boolean;
}): ApolloServerPlugin {
  const first = options.examples[0];
  const inner = ApolloServerPluginLandingPageLocalDefault({
    embed: { runTelemetry: options.runTelemetry },
    footer: false,
    ...(first ? { document: first.document, variables: first.variables } : {}),
  });
  return {
    async serverWillStart(service) {
      const listener = await inner.serverWillStart?.(service);
      const render = listener?.renderLandingPage;
      if (!listener || !render) return listener;
      return {
        ...listener,
        async renderLandingPage() {
          const page = await render.call(listener);
          const original = page.html;
          return {
            html: async () => {
              const html = typeof original === "string" ? original : await original();
              return FALLBACK_SENTENCE.test(html)
                ? html.replace(FALLBACK_SENTENCE, `$1\n  ${OFFLINE_HINT}`)
                : html.replace(/<body>/, `<body>\n${OFFLINE_HINT}`);
            },
          };
        },
      };
    },
  };
}
