/**
 * The production server (apps/web/dist/server.mjs: console and API in one process) on SIGTERM: it
 * lets a stream in flight finish and logs it, or past the drain timeout ends the stream with an
 * in-band error, and exits 0 either way. Each test runs its own server on its own database.
 */
import path from "node:path";
import { expect, test } from "@playwright/test";
import { createPgChangeFeed, createPrisma } from "@switchyard/db";
import { createSlowStreamModel, type TestDatabase } from "@switchyard/db/testing";
import { type LaunchedServer, launchServer } from "../support/launch-server";
import { repoRoot, type ServerProcess } from "../support/server-process";

/** A server with a model that streams slowly: 40 events, 50 ms apart. */
async function startWithSlowModel(drainTimeoutMs: number): Promise<LaunchedServer> {
  const running = await launchServer({
    dataDirPrefix: "switchyard-e2e-drain-",
    logFile: path.join(repoRoot, "e2e", "test-results", `drain-${drainTimeoutMs}.log`),
    env: { SWITCHYARD_DRAIN_TIMEOUT_MS: String(drainTimeoutMs) },
  });
  const { database } = running;
  const prisma = createPrisma(database.url);
  try {
    // On the seeded demo connection (instance-shared, pointing at the server's mock LLM).
    await createSlowStreamModel(prisma);
  } finally {
    await prisma.$disconnect();
  }
  // What the console does after a change: tell the gateway to reload its models.
  const feed = createPgChangeFeed(database.url);
  await feed.publish({ topic: "config" });
  await feed.close();
  await expect
    .poll(async () => (await call(running, "ready?", false)).status, { timeout: 15_000 })
    .toBe(200);
  return running;
}

function call(running: LaunchedServer, clientId: string, stream: boolean) {
  return fetch(`${running.baseUrl}/v1/chat/completions`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${running.demoKey}`,
      "content-type": "application/json",
      "x-request-id": clientId,
    },
    body: JSON.stringify({
      model: "slow-stream",
      stream,
      messages: [{ role: "user", content: "a few words" }],
    }),
  });
}

async function exitCode(server: ServerProcess): Promise<number | null> {
  const { child } = server;
  if (child.exitCode === null && child.signalCode === null) {
    await new Promise((resolve) => child.once("exit", resolve));
  }
  return child.exitCode;
}

async function loggedRow(database: TestDatabase, clientRequestId: string) {
  const prisma = createPrisma(database.url);
  try {
    return await prisma.requestLog.findFirst({ where: { clientRequestId } });
  } finally {
    await prisma.$disconnect();
  }
}

/** SSE frames of a response body, read to its end. */
async function frames(response: Response): Promise<string[]> {
  return (await response.text()).split("\n\n").filter((frame) => frame.startsWith("data: "));
}

test.describe("the production server on SIGTERM", () => {
  test.setTimeout(120_000);

  test("lets a stream in flight finish, logs it, and exits 0", async () => {
    const running = await startWithSlowModel(20_000);
    try {
      const response = await call(running, "drain-finish", true);
      expect(response.status).toBe(200);
      running.server.child.kill("SIGTERM");
      const received = await frames(response);
      expect(received.at(-1)).toBe("data: [DONE]");
      expect(received.some((frame) => frame.includes('"error"'))).toBe(false);
      expect(await exitCode(running.server)).toBe(0);
      const row = await loggedRow(running.database, "drain-finish");
      expect(row).toMatchObject({ status: "ok", streamed: true });
    } finally {
      await running.tearDown();
    }
  });

  test("ends a stream running past the drain timeout with an in-band error, logs it, and exits 0", async () => {
    const running = await startWithSlowModel(300);
    try {
      const response = await call(running, "drain-cut", true);
      expect(response.status).toBe(200);
      running.server.child.kill("SIGTERM");
      const received = await frames(response);
      const last = received.filter((frame) => frame !== "data: [DONE]").at(-1) ?? "";
      expect(JSON.parse(last.slice("data: ".length))).toMatchObject({
        error: { code: "shutting_down" },
      });
      expect(await exitCode(running.server)).toBe(0);
      const row = await loggedRow(running.database, "drain-cut");
      expect(row?.streamed).toBe(true);
      expect(row?.errorCode).toBe("shutting_down");
    } finally {
      await running.tearDown();
    }
  });
});
