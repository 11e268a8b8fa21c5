import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { loadConfig } from "../../src/config.js";

// No cluster and no Docker engine run here: the Kubernetes manifests and the compose file are parsed and
// checked against the gateway's real surface, read from its code: the probe paths gateway.ts serves, the
// port config.ts defaults to, and the variable names config.ts (and the simulator's cli) reads.

const root = new URL("../../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), "utf8");

/** Every variable name the gateway's configuration reads: `(env, "NAME"` and `env["NAME"]` in config.ts. */
const CONFIG_VARIABLES = new Set(
  [...read("src/config.ts").matchAll(/(?:\(\s*env,\s*|env\[)"([A-Z][A-Z0-9_]*)"/g)].map((match) => match[1]!),
);
/** The paths gateway.ts answers itself. */
const GATEWAY_PATHS = new Set(
  [...read("src/gateway.ts").matchAll(/url\.pathname === "(\/[a-z]+)"/g)].map((match) => match[1]!),
);
const SIMULATOR_VARIABLES = new Set(
  [...read("src/simulator/cli.ts").matchAll(/\b(SIM_[A-Z_]+)\b/g)].map((m) => m[1]!),
);
const DEFAULT_PORT = loadConfig({}).port;

type Manifest = {
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  [key: string]: any;
};

function manifests(): Manifest[] {
  const kustomization = parseAllDocuments(read("deploy/base/kustomization.yaml"))[0]!.toJS();
  const listed: string[] = kustomization.resources;
  // Every file in the folder is listed, and every listed file exists.
  const files = readdirSync(new URL("deploy/base/", root)).filter((f) => f !== "kustomization.yaml");
  expect([...listed].sort()).toEqual(files.sort());
  return listed.flatMap((file) =>
    parseAllDocuments(read(`deploy/base/${file}`)).map((document) => {
      expect(document.errors, file).toEqual([]);
      return document.toJS() as Manifest;
    }),
  );
}

describe("Kubernetes manifests (deploy/base)", () => {
  const all = manifests();
  const byKind = (kind: string) => all.filter((m) => m.kind === kind);
  const gateway = byKind("Deployment").find((d) => d.metadata.name === "veeam-em-graphql")!;
  const container = gateway.spec.template.spec.containers[0];
  const configMap = byKind("ConfigMap")[0]!;
  const secret = byKind("Secret")[0]!;

  it("holds what the issue names: Deployment, Service, PodDisruptionBudget, HPA, Secret, ConfigMap, Redis", () => {
    expect(all.map((m) => m.kind).sort()).toEqual(
      [
        "ConfigMap",
        "Deployment",
        "Deployment",
        "HorizontalPodAutoscaler",
        "PodDisruptionBudget",
        "Secret",
        "Service",
        "Service",
      ].sort(),
    );
    expect(
      byKind("Deployment").some((d) => d.spec.template.spec.containers[0].image.startsWith("redis")),
    ).toBe(true);
  });

  it("probes the paths the gateway serves, on the port it listens on", () => {
    expect(GATEWAY_PATHS).toContain("/healthz");
    expect(GATEWAY_PATHS).toContain("/readyz");
    expect(container.livenessProbe.httpGet.path).toBe("/healthz");
    expect(container.readinessProbe.httpGet.path).toBe("/readyz");
    for (const probe of [container.livenessProbe, container.readinessProbe, container.startupProbe]) {
      expect(GATEWAY_PATHS).toContain(probe.httpGet.path);
      expect(probe.httpGet.port).toBe("http");
    }
    const port = container.ports.find((p: { name: string }) => p.name === "http");
    expect(port.containerPort).toBe(Number(configMap.data.PORT ?? DEFAULT_PORT));
    expect(port.containerPort).toBe(DEFAULT_PORT);
    expect(resources(container).requests.memory).toBeDefined();
    expect(resources(container).limits.memory).toBeDefined();
  });

  it("sets only variables the gateway reads, with values its configuration accepts", () => {
    for (const name of [...Object.keys(configMap.data), ...Object.keys(secret.stringData)]) {
      expect(CONFIG_VARIABLES, name).toContain(name);
    }
    // The values, as the pod would see them, pass the gateway's own validation.
    const env = { ...configMap.data, ...secret.stringData, CACHE_SCOPE_SECRET: "x".repeat(32) };
    const config = loadConfig(env);
    expect(config.cache?.redisUrl).toBe(configMap.data.REDIS_URL);
    expect(container.envFrom.map((e: any) => e.configMapRef?.name ?? e.secretRef?.name)).toEqual([
      configMap.metadata.name,
      secret.metadata.name,
    ]);
  });

  it("points REDIS_URL at the Redis Service, and the Service, PDB and HPA at the gateway's pods", () => {
    const redisService = byKind("Service").find((s) => s.metadata.name.includes("redis"))!;
    const url = new URL(configMap.data.REDIS_URL);
    expect(url.hostname).toBe(redisService.metadata.name);
    expect(Number(url.port)).toBe(redisService.spec.ports[0].port);
    const labels = gateway.spec.template.metadata.labels;
    const service = byKind("Service").find((s) => s.metadata.name === "veeam-em-graphql")!;
    expect(labels).toMatchObject(service.spec.selector);
    expect(labels).toMatchObject(byKind("PodDisruptionBudget")[0]!.spec.selector.matchLabels);
    expect(service.spec.ports[0].targetPort).toBe("http");
    const hpa = byKind("HorizontalPodAutoscaler")[0]!;
    expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: "Deployment", name: gateway.metadata.name });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
  });
});

function resources(container: any) {
  return container.resources;
}

describe("docker-compose.yml", () => {
  const compose = parseAllDocuments(read("docker-compose.yml"), { merge: true })[0]!.toJS({
    maxAliasCount: 100,
  });
  const services = compose.services as Record<string, any>;

  it("runs two gateway replicas sharing one Redis, in front of the simulator", () => {
    const gateways = Object.entries(services).filter(([, s]) => s.environment?.VEEAM_EM_URL);
    expect(gateways).toHaveLength(2);
    for (const [name, service] of gateways) {
      for (const variable of Object.keys(service.environment))
        expect(CONFIG_VARIABLES, `${name}: ${variable}`).toContain(variable);
      expect(() => loadConfig(service.environment)).not.toThrow();
      const redisUrl = new URL(service.environment.REDIS_URL);
      expect(services[redisUrl.hostname]).toBeDefined();
      const emUrl = new URL(service.environment.VEEAM_EM_URL);
      const em = services[emUrl.hostname];
      expect(em.command).toEqual(["node", "dist/simulator/cli.js"]);
      for (const variable of Object.keys(em.environment)) expect(SIMULATOR_VARIABLES).toContain(variable);
      expect(Number(em.environment.SIM_PORT)).toBe(Number(emUrl.port));
      expect(service.ports[0]).toMatch(new RegExp(`:${DEFAULT_PORT}$`));
    }
    expect(new Set(gateways.map(([, s]) => s.ports[0].split(":")[0])).size).toBe(2);
  });

  it("sends both replicas' traces to Jaeger all-in-one over OTLP/HTTP", () => {
    const gateways = Object.values(services).filter((s) => s.environment?.VEEAM_EM_URL);
    for (const service of gateways) {
      expect(loadConfig(service.environment).tracing).toBeDefined();
      const endpoint = new URL(service.environment.OTEL_EXPORTER_OTLP_ENDPOINT);
      expect(endpoint.port).toBe("4318"); // OTLP over HTTP
      const jaeger = services[endpoint.hostname];
      expect(jaeger.image).toMatch(/^jaegertracing\/all-in-one:\d+\.\d+\.\d+$/);
      expect(jaeger.ports).toContain("16686:16686");
    }
  });
});
