/**
 * Creates a throw-away database (createTestDatabase honours TEST_DATABASE_URL), starts the built
 * server against it on a free port with its data dir in a temp folder and a random mock-LLM port,
 * and publishes what the tests need through process.env. Returns the teardown.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase } from "@switchyard/db/testing";
import { newDemoKey } from "./demo-key";
import { freePort } from "./free-port";
import { assertBuilt, repoRoot, startServer, waitUntilReady } from "./server-process";

export const OWNER_EMAIL = "owner@e2e.switchyard.local";
export const OWNER_PASSWORD = "e2e-owner-password";

export default async function globalSetup(): Promise<() => Promise<void>> {
  assertBuilt();
  const database = await createTestDatabase({ migrate: false });
  const dataDir = await mkdtemp(path.join(tmpdir(), "switchyard-e2e-"));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const demoKey = newDemoKey();
  const logFile = path.join(repoRoot, "e2e", "test-results", "server.log");
  await mkdir(path.dirname(logFile), { recursive: true });

  const server = startServer(
    {
      DATABASE_URL: database.url,
      PORT: String(port),
      HOST: "127.0.0.1",
      SWITCHYARD_DATA_DIR: dataDir,
      SWITCHYARD_MOCK_PORT: "0",
      SWITCHYARD_OWNER_EMAIL: OWNER_EMAIL,
      SWITCHYARD_OWNER_PASSWORD: OWNER_PASSWORD,
      SWITCHYARD_DEMO_KEY: demoKey,
      LOG_LEVEL: "warn",
    },
    logFile,
  );

  const teardown = async () => {
    await server.stop();
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await waitUntilReady(server, `${baseUrl}/login`, 60_000);
  } catch (error) {
    await teardown();
    throw error;
  }

  process.env.SWITCHYARD_E2E_BASE_URL = baseUrl;
  process.env.SWITCHYARD_E2E_DEMO_KEY = demoKey;
  process.env.SWITCHYARD_E2E_OWNER_EMAIL = OWNER_EMAIL;
  process.env.SWITCHYARD_E2E_OWNER_PASSWORD = OWNER_PASSWORD;
  return teardown;
}
