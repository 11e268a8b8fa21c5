import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

describe("tracing configuration (OTEL_*)", () => {
  it("is off without an OTLP endpoint, and on with one, naming the service unless OTEL_SERVICE_NAME does", () => {
    expect(loadConfig({}).tracing).toBeUndefined();
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" }).tracing).toEqual({
      defaultServiceName: "veeam-em-graphql-gateway",
    });
    expect(
      loadConfig({
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "https://collector/v1/traces",
        OTEL_SERVICE_NAME: "gw-eu",
      }).tracing,
    ).toEqual({ defaultServiceName: undefined });
  });

  it("stays off when the SDK or the trace exporter is turned off", () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" };
    expect(loadConfig({ ...endpoint, OTEL_SDK_DISABLED: "true" }).tracing).toBeUndefined();
    expect(loadConfig({ ...endpoint, OTEL_TRACES_EXPORTER: "none" }).tracing).toBeUndefined();
    expect(loadConfig({ OTEL_TRACES_EXPORTER: "console" }).tracing).toBeDefined();
  });

  it.each([
    [
      { OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318" },
      /OTEL_EXPORTER_OTLP_ENDPOINT must be an http\(s\) URL/,
    ],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "ftp://collector" }, /OTEL_EXPORTER_OTLP_TRACES_ENDPOINT must be/],
    [
      { OTEL_EXPORTER_OTLP_PROTOCOL: "thrift" },
      /OTEL_EXPORTER_OTLP_PROTOCOL must be http\/protobuf, http\/json or grpc/,
    ],
    [{ OTEL_TRACES_EXPORTER: "jaeger" }, /OTEL_TRACES_EXPORTER must be otlp, console or none/],
  ])("refuses %j with a message naming the variable", (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
