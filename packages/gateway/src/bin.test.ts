import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_KEY } from "./testing/demo-wiring";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
let child: ChildProcess | undefined;
afterAll(() => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
});

describe("switchyard-gateway bin", () => {
  it("serves with a wiring module and shuts down cleanly on SIGTERM", async () => {
    child = spawn(
      process.execPath,
      [
        join(root, "bin/switchyard-gateway.mjs"),
        "--wiring",
        join(root, "src/testing/demo-wiring.ts"),
        "--port",
        "0",
      ],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const proc = child;
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      proc.stdout?.on("data", (data: Buffer) => {
        out += data.toString();
        const match = /listening on (\S+)/.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      proc.on("exit", (code) => reject(new Error(`exited early with ${code}`)));
    });
    const response = await fetch(`${url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${DEMO_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({
        model: "switchyard/auto",
        messages: [{ role: "user", content: "hello" }],
      }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-switchyard-model")).toBe("demo-small");
    const exited = new Promise<number | null>((resolve) => proc.on("exit", resolve));
    proc.kill("SIGTERM");
    expect(await exited).toBe(0);
  }, 20_000);

  it("explains its usage without --wiring", async () => {
    const proc = spawn(process.execPath, [join(root, "bin/switchyard-gateway.mjs")], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let err = "";
    proc.stderr?.on("data", (data: Buffer) => {
      err += data.toString();
    });
    const code = await new Promise<number | null>((resolve) => proc.on("exit", resolve));
    expect(code).toBe(2);
    expect(err).toContain("usage: switchyard-gateway --wiring");
  }, 20_000);
});
