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

describe.skipIf(!available)("GraphiQL in headless Chromium", () => {
  let stack: Stack;
  let browser: Browser;
  beforeAll(async () => {
    stack = await startStack();
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
});
