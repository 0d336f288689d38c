#!/usr/bin/env node
/**
 * `pnpm start`: build the web app if needed (turbo's cache makes this a no-op when nothing
 * changed), then run the production server (apps/web/dist/server.mjs) in the foreground.
 *
 * The server runs in its own process group so one Ctrl-C reaches it exactly once (through this
 * script), and keeps an IPC channel to this script so it shuts down cleanly if this script dies.
 * SWITCHYARD_SKIP_BUILD=1 skips the build step. The server's node gets the V8 heap flags of
 * apps/web/scripts/node-flags.mjs (SWITCHYARD_SEMI_SPACE_MB, SWITCHYARD_MAX_OLD_SPACE_MB).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { productionNodeFlags } from "../apps/web/scripts/node-flags.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const serverFile = path.join(root, "apps", "web", "dist", "server.mjs");
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  TURBO_TELEMETRY_DISABLED: "1",
  NODE_ENV: "production",
};

let nodeFlags;
try {
  nodeFlags = productionNodeFlags(process.env);
} catch (error) {
  console.error(`switchyard: ${error.message} (see apps/web/ENV.md).`);
  process.exit(1);
}

if (process.env.SWITCHYARD_SKIP_BUILD !== "1") {
  console.log(
    "Building Switchyard (the first build takes about a minute; later starts reuse it)...",
  );
  const started = Date.now();
  const result = spawnSync(
    "pnpm",
    [
      "exec",
      "turbo",
      "run",
      "build",
      "--filter=@switchyard/web",
      "--output-logs=errors-only",
      "--log-prefix=none",
    ],
    { cwd: root, stdio: ["ignore", "pipe", "pipe"], env, maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.error) {
    console.error(
      `switchyard: could not run the build (${result.error.message}); is pnpm installed?`,
    );
    process.exit(1);
  }
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout}${result.stderr}`);
    console.error("switchyard: the build failed (see the errors above).");
    process.exit(result.status ?? 1);
  }
  const cached = /FULL TURBO|1 cached, 1 total/.test(String(result.stdout));
  console.log(
    `Build ready in ${((Date.now() - started) / 1000).toFixed(1)} s${cached ? " (unchanged, from cache)" : ""}.`,
  );
}

if (!existsSync(serverFile)) {
  console.error(
    `switchyard: ${path.relative(root, serverFile)} is missing: run without SWITCHYARD_SKIP_BUILD.`,
  );
  process.exit(1);
}

const child = spawn(process.execPath, [...nodeFlags, serverFile], {
  cwd: root,
  env,
  stdio: ["inherit", "inherit", "inherit", "ipc"],
  detached: true,
});

const forward = (signal) => {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
};
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => forward(signal === "SIGHUP" ? "SIGTERM" : signal));
}

child.on("error", (error) => {
  console.error(`switchyard: could not start the server (${error.message}).`);
  process.exit(1);
});
child.on("exit", (code, signal) => {
  process.exit(code ?? (signal ? 128 + (signal === "SIGINT" ? 2 : 15) : 1));
});
