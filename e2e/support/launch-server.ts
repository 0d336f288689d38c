/**
 * The built server on a throw-away database of its own (createTestDatabase honours
 * TEST_DATABASE_URL; the server migrates and seeds it), on a free port, with its data dir in a temp
 * folder, a random mock-LLM port and a new demo key.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "@switchyard/db/testing";
import { newDemoKey } from "./demo-key";
import { freePort } from "./free-port";
import { type ServerProcess, startServer, waitUntilReady } from "./server-process";

export interface LaunchedServer {
  server: ServerProcess;
  baseUrl: string;
  demoKey: string;
  database: TestDatabase;
  dataDir: string;
  /** Stops the server, drops its database and removes its data dir. */
  tearDown(): Promise<void>;
}

/** Starts the server with `env` on top of the common settings and waits until it answers. */
export async function launchServer(options: {
  /** Prefix of the temp data dir's name. */
  dataDirPrefix: string;
  logFile: string;
  env?: NodeJS.ProcessEnv;
}): Promise<LaunchedServer> {
  const database = await createTestDatabase({ migrate: false });
  const dataDir = await mkdtemp(path.join(tmpdir(), options.dataDirPrefix));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const demoKey = newDemoKey();
  await mkdir(path.dirname(options.logFile), { recursive: true });
  const server = startServer(
    {
      DATABASE_URL: database.url,
      PORT: String(port),
      HOST: "127.0.0.1",
      SWITCHYARD_DATA_DIR: dataDir,
      SWITCHYARD_MOCK_PORT: "0",
      SWITCHYARD_DEMO_KEY: demoKey,
      LOG_LEVEL: "warn",
      ...options.env,
    },
    options.logFile,
  );
  const tearDown = async () => {
    await server.stop();
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(server, `${baseUrl}/login`, 60_000);
  } catch (error) {
    await tearDown();
    throw error;
  }
  return { server, baseUrl, demoKey, database, dataDir, tearDown };
}
