import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../helpers/startStack.js";
import { sampleValue, scrape } from "../ops/promText.js";

const LIST_JOBS = `query ListJobs { jobs(first: 3) { nodes { id name backupServer { id version } } } }`;

describe("GET /metrics", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { METRICS_MAX_OPERATION_NAMES: "3" } });
  });
  afterAll(() => stack.close());

  it("counts operations, errors, upstream calls, logons, re-logons and batches with bounded labels", async () => {
    expect((await stack.query(LIST_JOBS)).errors).toBeUndefined();
    expect((await stack.query(LIST_JOBS)).errors).toBeUndefined();
    expect((await stack.query(`{ backupServers(first: 1) { nodes { id } } }`)).errors).toBeUndefined();
    // A validation failure: the document never resolves to an operation.
    expect((await stack.query(`query Broken { noSuchField }`)).errors?.[0]?.extensions?.code).toBe(
      "GRAPHQL_VALIDATION_FAILED",
    );
    // An upstream failure that outlasts the retries (3 attempts, all 503).
    stack.sim.faults.inject({ kind: "status", status: 503 }, { pathPrefix: "/query", times: 3 });
    const failed = await stack.query(`query Failing { jobs(first: 1) { nodes { id } } }`);
    expect(failed.errors?.[0]?.extensions?.code).toBe("UPSTREAM_UNAVAILABLE");
    // EM's idle expiry: the next operation gets a 401, logs on again and succeeds.
    stack.sim.expireSessions();
    expect(
      (await stack.query(`query AfterExpiry { jobs(first: 1) { nodes { id } } }`)).errors,
    ).toBeUndefined();

    const { text, samples } = await scrape(stack.gateway.url);
    const ops = "graphql_operations_total";
    expect(sampleValue(samples, ops, { operation_type: "query", operation_name: "ListJobs" })).toBe(2);
    expect(sampleValue(samples, ops, { operation_type: "query", operation_name: "anonymous" })).toBe(1);
    // ListJobs, Broken and Failing took the three name slots; AfterExpiry, the fourth, is "other".
    expect(sampleValue(samples, ops, { operation_type: "query", operation_name: "Broken" })).toBe(1);
    expect(sampleValue(samples, ops, { operation_type: "query", operation_name: "Failing" })).toBe(1);
    expect(sampleValue(samples, ops, { operation_type: "query", operation_name: "other" })).toBe(1);
    expect(sampleValue(samples, ops)).toBe(6);
    expect(
      sampleValue(samples, "graphql_operation_duration_seconds_count", { operation_name: "ListJobs" }),
    ).toBe(2);
    expect(
      sampleValue(samples, "graphql_operation_errors_total", {
        operation_name: "Broken",
        code: "GRAPHQL_VALIDATION_FAILED",
      }),
    ).toBe(1);
    expect(
      sampleValue(samples, "graphql_operation_errors_total", {
        operation_name: "Failing",
        code: "UPSTREAM_UNAVAILABLE",
      }),
    ).toBe(1);
    expect(sampleValue(samples, "graphql_operation_errors_total")).toBe(2);

    // Upstream calls match what the simulator saw, by endpoint kind and status class.
    const queries = stack.upstream("/query");
    const ok = queries.filter((request) => request.status === 200).length;
    const unavailable = queries.filter((request) => request.status === 503).length;
    const expired = queries.filter((request) => request.status === 401).length;
    expect(unavailable).toBe(3);
    expect(expired).toBe(1);
    const calls = "em_upstream_calls_total";
    expect(sampleValue(samples, calls, { endpoint: "query", status_class: "2xx" })).toBe(ok);
    expect(sampleValue(samples, calls, { endpoint: "query", status_class: "5xx" })).toBe(3);
    expect(sampleValue(samples, calls, { endpoint: "query", status_class: "4xx" })).toBe(1);
    expect(sampleValue(samples, calls, { endpoint: "logon", status_class: "2xx" })).toBe(2);
    expect(sampleValue(samples, "em_upstream_call_duration_seconds_count", { endpoint: "query" })).toBe(
      queries.length,
    );
    expect(sampleValue(samples, "em_logons_total", { result: "success" })).toBe(2);
    expect(sampleValue(samples, "em_relogons_total")).toBe(1);
    expect(sampleValue(samples, "em_sessions")).toBe(1);
    expect(sampleValue(samples, "em_circuit_breaker_state", { state: "closed" })).toBe(1);
    expect(sampleValue(samples, "em_circuit_breaker_state", { state: "open" })).toBe(0);

    // Two ListJobs operations each batched their distinct backup servers into one loader call.
    expect(sampleValue(samples, "graphql_loader_batch_size_count", { entity: "BackupServer" })).toBe(2);
    expect(sampleValue(samples, "graphql_loader_batch_size_sum", { entity: "BackupServer" })).toBeGreaterThan(
      0,
    );

    // Process metrics live in the same (per-gateway) registry.
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes /m);

    // No ids or raw paths as label values.
    expect(text).not.toMatch(/urn:veeam/i);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    expect(text).not.toMatch(/\/api\//);
  });

  it("keeps one registry per gateway, so two gateways in one process do not mix their counts", async () => {
    const other = await startStack();
    try {
      await other.query(`query OnlyHere { jobs(first: 1) { nodes { id } } }`);
      const mine = await scrape(stack.gateway.url);
      const theirs = await scrape(other.gateway.url);
      expect(sampleValue(theirs.samples, "graphql_operations_total")).toBe(1);
      expect(sampleValue(mine.samples, "graphql_operations_total", { operation_name: "OnlyHere" })).toBe(0);
    } finally {
      await other.close();
    }
  });
});
