/**
 * Starts the built server on a throw-away database (support/launch-server.ts) with the e2e owner,
 * and publishes what the tests need through process.env. Returns the teardown.
 */
import path from "node:path";
import { launchServer } from "./launch-server";
import { assertBuilt, repoRoot } from "./server-process";

export const OWNER_EMAIL = "owner@e2e.switchyard.local";
export const OWNER_PASSWORD = "e2e-owner-password";

export default async function globalSetup(): Promise<() => Promise<void>> {
  assertBuilt();
  const { baseUrl, demoKey, tearDown } = await launchServer({
    dataDirPrefix: "switchyard-e2e-",
    logFile: path.join(repoRoot, "e2e", "test-results", "server.log"),
    env: { SWITCHYARD_OWNER_EMAIL: OWNER_EMAIL, SWITCHYARD_OWNER_PASSWORD: OWNER_PASSWORD },
  });

  process.env.SWITCHYARD_E2E_BASE_URL = baseUrl;
  process.env.SWITCHYARD_E2E_DEMO_KEY = demoKey;
  process.env.SWITCHYARD_E2E_OWNER_EMAIL = OWNER_EMAIL;
  process.env.SWITCHYARD_E2E_OWNER_PASSWORD = OWNER_PASSWORD;
  return tearDown;
}
