/** Runs the built production server as a child process, logging to a file. */
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
export const serverFile = path.join(repoRoot, "apps", "web", "dist", "server.mjs");
const buildIdFile = path.join(repoRoot, "apps", "web", ".next", "BUILD_ID");

export interface ServerProcess {
  child: ChildProcess;
  logFile: string;
  stop(): Promise<void>;
}

export function assertBuilt(): void {
  if (!existsSync(serverFile) || !existsSync(buildIdFile)) {
    throw new Error(
      "The web app is not built: run `pnpm exec turbo run build --filter=@switchyard/web` (or `pnpm e2e`, which builds first).",
    );
  }
}

export function startServer(env: NodeJS.ProcessEnv, logFile: string): ServerProcess {
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [serverFile], {
    cwd: repoRoot,
    env: { ...process.env, ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    child,
    logFile,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
        await exited;
        clearTimeout(timer);
      }
      log.end();
    },
  };
}

/** Polls `url` until it answers, the process exits, or the time is up. */
export async function waitUntilReady(
  server: ServerProcess,
  url: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) {
      throw new Error(
        `the server exited with code ${server.child.exitCode}: ${await tail(server.logFile)}`,
      );
    }
    try {
      const response = await fetch(url, { redirect: "manual" });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `the server did not answer ${url} within ${timeoutMs} ms: ${await tail(server.logFile)}`,
  );
}

async function tail(file: string): Promise<string> {
  const text = await readFile(file, "utf8").catch(() => "");
  return text.trim().split("\n").slice(-5).join(" | ");
}
