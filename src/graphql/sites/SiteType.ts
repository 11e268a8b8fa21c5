import { Field, ObjectType, registerEnumType } from "type-graphql";

/** Whether a site's EM answers the gateway's check now. */
export enum SiteHealth {
  UP = "UP",
  DOWN = "DOWN",
}
registerEnumType(SiteHealth, {
  name: "SiteHealth",
  description: "Whether a site's Enterprise Manager answers the gateway's check now.",
  valuesConfig: {
    UP: { description: "EM answered the check." },
    DOWN: { description: "EM did not answer, or refused the gateway's account; `healthReason` says why." },
  },
});

/** The circuit breaker of a site's EM client. */
export enum CircuitBreakerState {
  CLOSED = "closed",
  OPEN = "open",
  HALF_OPEN = "half-open",
}
registerEnumType(CircuitBreakerState, {
  name: "CircuitBreakerState",
  description: "The circuit breaker in front of a site's Enterprise Manager.",
  valuesConfig: {
    CLOSED: { description: "Calls go to EM." },
    OPEN: {
      description:
        "EM failed repeatedly: calls fail fast (UPSTREAM_UNAVAILABLE) until VEEAM_EM_BREAKER_COOLDOWN_MS has passed.",
    },
    HALF_OPEN: { description: "One probe call decides whether EM is back." },
  },
});

/**
 * One Enterprise Manager server of the graph. Its fields are resolved by `SiteResolver` from the site's
 * runtime (SiteStatusSource); the class only declares the type.
 */
@ObjectType("Site", {
  description:
    "One Enterprise Manager server of the graph (a site). Every object names its site; ids carry it " +
    "(`urn:veeam:<Type>:<guid>@<site>`, plain URNs on the site named `default`).",
})
export class Site {
  @Field(() => String, {
    description: "The site's name, as configured (VEEAM_EM_SITES; `default` for VEEAM_EM_URL).",
  })
  name!: string;
}
