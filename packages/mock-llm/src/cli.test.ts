import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../bin/mock-llm.mjs", import.meta.url));

describe("mock-llm CLI", () => {
  it("prints its URL, serves requests and stops cleanly on SIGTERM", async () => {
    const child = spawn(process.execPath, [bin, "--port", "0"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let output = "";
      child.stdout.setEncoding("utf8");
      child.stdout.on("data", (chunk: string) => {
        output += chunk;
        const match = /http:\/\/\S+/.exec(output);
        if (match) resolve(match[0]);
      });
      child.once("exit", (code) => reject(new Error(`exited early with ${code}`)));
    });
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    const exit = new Promise<number | null>((resolve) =>
      child.once("exit", (code) => resolve(code)),
    );
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
  }, 20_000);

  it("refuses --strict without --replay", async () => {
    const child = spawn(process.execPath, [bin, "--strict"], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      stderr += chunk;
    });
    const code = await new Promise<number | null>((resolve) =>
      child.once("exit", (exitCode) => resolve(exitCode)),
    );
    expect(code).toBe(1);
    expect(stderr).toContain("--strict needs --replay FILE");
  }, 20_000);
});
