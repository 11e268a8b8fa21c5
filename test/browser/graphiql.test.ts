import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../helpers/startStack.js";

/**
 * The self-hosted GraphiQL in a real browser (Debian's chromium, which `.ci/run` installs): it renders,
 * runs a query against the gateway, and never asks any other host for anything — what an air-gapped
 * backup network needs. Without a chromium binary the suite is skipped, except under
 * REQUIRE_BROWSER=1 (set by `.ci/run`), where a missing browser fails it.
 */
const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
const available = existsSync(CHROMIUM);
if (!available && process.env["REQUIRE_BROWSER"] === "1") {
  throw new Error(`REQUIRE_BROWSER=1 but no chromium at ${CHROMIUM} (apt-get install chromium)`);
}

/** A clock that starts now and runs `speed` times faster than real time. */
function fastClock(speed: number): () => Date {
  const start = Date.now();
  return () => new Date(start + (Date.now() - start) * speed);
}

describe.skipIf(!available)("GraphiQL in headless Chromium", () => {
  let stack: Stack;
  let browser: Browser;
  beforeAll(async () => {
    // Sessions progress within seconds: the simulated clock runs at 600× and feeds poll every second.
    stack = await startStack({
      simulator: { clock: fastClock(600) },
      env: { LIVE_POLL_INTERVAL_MS: "1000" },
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it("renders with the example operations as tabs, runs the first and loads nothing from another host", async () => {
    const page = await browser.newPage();
    const origin = new URL(stack.gateway.url).origin;
    const requested: string[] = [];
    page.on("request", (request) => requested.push(request.url()));
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(String(error)));

    await page.goto(`${origin}/graphiql`, { waitUntil: "load" });
    // One tab per file of schema/operations/, the dashboard question first.
    const tabs = page.locator(".graphiql-tab");
    const files = readdirSync(fileURLToPath(new URL("../../schema/operations/", import.meta.url)));
    await expect.poll(async () => tabs.count(), { timeout: 15_000 }).toBe(files.length);
    expect(await tabs.first().innerText()).toContain("BackupSessionsDashboard");
    await page.locator(".graphiql-execute-button").click();
    const result = page.locator(".result-window");
    await expect.poll(async () => result.innerText(), { timeout: 15_000 }).toContain("backupJobSessions");
    const text = await result.innerText();
    expect(text).toMatch(/urn:veeam:BackupJobSession:/);

    expect(pageErrors).toEqual([]);
    const foreign = requested.filter((url) => !url.startsWith(origin) && !url.startsWith("data:"));
    expect(foreign).toEqual([]);
    expect(requested.some((url) => url === stack.gateway.url)).toBe(true);
    await page.close();
  }, 60_000);

  it("runs a subscription over the WebSocket and shows the live events", async () => {
    const page = await browser.newPage();
    const origin = new URL(stack.gateway.url).origin;
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(String(error)));
    const sockets: string[] = [];
    page.on("websocket", (socket) => sockets.push(socket.url()));
    await page.goto(`${origin}/graphiql`, { waitUntil: "load" });
    await expect
      .poll(async () => page.locator(".graphiql-tab").count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    // The example subscription's tab (schema/operations/LiveBackupProgress.graphql).
    await page.locator(".graphiql-tab", { hasText: "LiveBackupProgress" }).click();
    await expect
      .poll(async () => page.locator(".graphiql-query-editor").innerText(), { timeout: 10_000 })
      .toContain("subscription LiveBackupProgress");
    await page.waitForTimeout(300); // GraphiQL derives the operation name from the editor after a change
    await page.locator(".graphiql-execute-button").click();
    const result = page.locator(".result-window");
    await expect
      .poll(async () => result.innerText(), { timeout: 30_000 })
      .toMatch(/backupJobSessionChanged[\s\S]*urn:veeam:BackupJobSession:/);
    expect(sockets).toEqual([`${origin.replace(/^http/, "ws")}/graphql`]);
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 60_000);
});
