import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

describe("reliability configuration", () => {
  it("has documented defaults", () => {
    expect(loadConfig({})).toMatchObject({
      emRetryMinDelayMs: 200,
      emRetryMaxDelayMs: 5_000,
      emRetryBudget: 6,
      emBreakerThreshold: 5,
      emBreakerCoolDownMs: 30_000,
      emMaxConcurrency: 8,
      emQueueLength: 256,
      emQueueTimeoutMs: 10_000,
    });
  });

  it("reads each key and accepts 0 where 0 means off", () => {
    const config = loadConfig({
      VEEAM_EM_RETRY_MIN_DELAY_MS: "0",
      VEEAM_EM_RETRY_MAX_DELAY_MS: "1000",
      VEEAM_EM_RETRY_BUDGET: "0",
      VEEAM_EM_BREAKER_THRESHOLD: "0",
      VEEAM_EM_BREAKER_COOLDOWN_MS: "250",
      VEEAM_EM_MAX_CONCURRENCY: "2",
      VEEAM_EM_QUEUE_LENGTH: "0",
      VEEAM_EM_QUEUE_TIMEOUT_MS: "50",
    });
    expect(config).toMatchObject({
      emRetryMinDelayMs: 0,
      emRetryMaxDelayMs: 1_000,
      emRetryBudget: 0,
      emBreakerThreshold: 0,
      emBreakerCoolDownMs: 250,
      emMaxConcurrency: 2,
      emQueueLength: 0,
      emQueueTimeoutMs: 50,
    });
  });

  it.each([
    ["VEEAM_EM_RETRY_BUDGET", "-1"],
    ["VEEAM_EM_BREAKER_THRESHOLD", "five"],
    ["VEEAM_EM_BREAKER_COOLDOWN_MS", "0"],
    ["VEEAM_EM_MAX_CONCURRENCY", "0"],
    ["VEEAM_EM_QUEUE_LENGTH", "1.5"],
    ["VEEAM_EM_QUEUE_TIMEOUT_MS", "0"],
    ["VEEAM_EM_RETRY_MAX_DELAY_MS", "10m"],
  ])("rejects %s=%s with a message naming the key and the value", (key, value) => {
    expect(() => loadConfig({ [key]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [key]: value })).toThrow(
      new RegExp(`${key} must be .*got "${value.replace(".", "\\.")}"`),
    );
  });
});
