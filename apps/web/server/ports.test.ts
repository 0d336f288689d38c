import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { StartupError } from "@switchyard/server";
import { describe, expect, it } from "vitest";
import { assertPortFree, listen } from "./ports";

describe("ports", () => {
  it("reports a port in use as one line naming the variable to change", async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    const { port } = holder.address() as AddressInfo;
    try {
      const error = await assertPortFree(port, "127.0.0.1", "PORT").catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(StartupError);
      expect((error as StartupError).message).toBe(
        `Port ${port} on 127.0.0.1 is already in use: stop the program using it or set PORT to a free port.`,
      );
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
  });

  it("accepts a free port and releases it again", async () => {
    const probe = createServer();
    await listen(probe, 0, "127.0.0.1", "PORT");
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    await expect(assertPortFree(port, "127.0.0.1", "PORT")).resolves.toBeUndefined();
    await expect(assertPortFree(0, "127.0.0.1", "PORT")).resolves.toBeUndefined();
  });
});
