// Process plumbing shared by the benchmarks: free ports, pinned long-running services, load
// generators run to completion, and CPU and memory figures read from /proc.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const benchDir = join(dirname(fileURLToPath(import.meta.url)), "..");
export const root = join(benchDir, "..");
export const AUTOCANNON = join(benchDir, "node_modules/autocannon/autocannon.js");

/** Every service started here; `stopAll` ends them (call it in a finally). */
const children = new Set();

export const freePort = () =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/**
 * Start a long-running node process pinned to `cpu` (taskset execs node, so the child's pid is
 * the service's) and resolve with the first stdout match of `pattern`.
 */
export const startService = (cpu, args, pattern) =>
  startProcess(cpu, process.execPath, args, pattern);

/** startService for any program (e.g. a redis-server of the benchmark's own). */
export function startProcess(cpu, command, args, pattern) {
  const child = spawn("taskset", ["-c", String(cpu), command, ...args], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.add(child);
  child.on("exit", () => children.delete(child));
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (data) => {
      out += data;
      const match = pattern.exec(out);
      if (match) resolve({ child, match });
    });
    child.on("exit", (code) => reject(new Error(`${args[0] ?? command} exited with ${code}`)));
  });
}

export function stopAll() {
  for (const child of children) child.kill("SIGTERM");
}

/** Run a node program to completion on CPU 0 (the load generators' core) and return its stdout. */
export function run(args) {
  return new Promise((resolve, reject) => {
    const child = spawn("taskset", ["-c", "0", process.execPath, ...args], {
      cwd: root,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (data) => {
      out += data;
    });
    child.on("exit", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${args[0]} exited with ${code}`)),
    );
  });
}

export const lastJsonLine = (text) =>
  JSON.parse(
    text
      .trim()
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .at(-1),
  );

/** autocannon POSTing `body` as JSON to `url`, run to completion; its JSON summary. */
export const autocannon = (url, { connections, seconds, body, headers = [] }) =>
  run([
    AUTOCANNON,
    "-c",
    String(connections),
    "-d",
    String(seconds),
    "-m",
    "POST",
    "-H",
    "content-type=application/json",
    ...headers.flatMap((h) => ["-H", h.replace(": ", "=")]),
    "-b",
    body,
    "--json",
    url,
  ]).then(lastJsonLine);

/** utime + stime of a process in µs, from /proc (clock ticks of 10 ms). */
export function cpuMicros(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

export const peakRssMb = (pid) => {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
};
