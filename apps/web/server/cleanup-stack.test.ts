import { describe, expect, it } from "vitest";
import { CleanupStack } from "./cleanup-stack";

describe("CleanupStack", () => {
  it("stops things newest first and keeps going past a failure", async () => {
    const order: string[] = [];
    const stack = new CleanupStack();
    stack.push("postgres", () => {
      order.push("postgres");
    });
    stack.push("mock", async () => {
      order.push("mock");
      throw new Error("already closed");
    });
    stack.push("server", async () => {
      order.push("server");
    });

    expect(await stack.runAll()).toEqual(["mock: already closed"]);
    expect(order).toEqual(["server", "mock", "postgres"]);
    expect(stack.size).toBe(0);
  });

  it("runs each step once even when asked twice at the same time", async () => {
    let runs = 0;
    const stack = new CleanupStack();
    stack.push("once", async () => {
      runs += 1;
    });
    await Promise.all([stack.runAll(), stack.runAll()]);
    expect(runs).toBe(1);
  });
});
