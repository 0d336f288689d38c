import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests against the BUILT app (apps/web/dist/server.mjs + apps/web/.next). The global
 * setup creates a throw-away database, starts the server on a free port and hands its URL and the
 * demo key to the tests through the environment; the teardown stops it and drops the database.
 * (Playwright starts `webServer` before `globalSetup`, so the server is started by the setup
 * itself: it needs the database the setup creates.)
 */
export default defineConfig({
  testDir: "./tests",
  outputDir: "./test-results",
  globalSetup: "./support/global-setup.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"]],
  use: {
    baseURL: process.env.SWITCHYARD_E2E_BASE_URL,
    browserName: "chromium",
    headless: true,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
