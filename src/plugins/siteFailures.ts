import type { ApolloServerPlugin } from "@apollo/server";
import type { GatewayContext } from "../graphql/GatewayContext.js";
import type { FormatError } from "../subscriptions/formatResult.js";

/**
 * Partial results over HTTP: the failures of whole sites an operation met while the other sites answered
 * (RequestSites.fail) join the response's errors, through `formatError` like every other error (the code
 * from the site's upstream error, `extensions.site`, the field's path), and each is logged once as a
 * warning. Registered first, so that the metrics and the request log see the response as sent.
 */
export function siteFailuresPlugin(formatError: FormatError): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const failures = contextValue.sites.takeFailures();
          if (failures.length === 0 || response.body.kind !== "single") return;
          for (const failure of failures)
            contextValue.logger.warn(
              { err: failure.originalError, site: failure.extensions["site"], path: failure.path },
              "a site failed: answering with the other sites' data",
            );
          const result = response.body.singleResult;
          result.errors = [
            ...(result.errors ?? []),
            ...failures.map((failure) => formatError(failure.toJSON(), failure)),
          ];
        },
      };
    },
  };
}
