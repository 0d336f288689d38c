/**
 * SIGINT/SIGTERM: the first starts a clean shutdown, a second one forces the exit. When started by
 * scripts/start.mjs (with an IPC channel), losing that parent also starts a clean shutdown, so
 * killing the launcher never leaves the server, Postgres or the mock LLM behind.
 */
type SignalTarget = Pick<NodeJS.Process, "on"> & { connected?: boolean };

export interface SignalHandlers {
  onFirst: (reason: NodeJS.Signals | "launcher exited") => void;
  onSecond: (reason: NodeJS.Signals) => void;
}

export function installSignalHandlers(
  handlers: SignalHandlers,
  target: SignalTarget = process,
): void {
  let received = 0;
  const handle = (signal: NodeJS.Signals) => {
    received += 1;
    if (received === 1) handlers.onFirst(signal);
    else handlers.onSecond(signal);
  };
  target.on("SIGINT", handle);
  target.on("SIGTERM", handle);
  if (target.connected) {
    target.on("disconnect", () => {
      received += 1;
      if (received === 1) handlers.onFirst("launcher exited");
    });
  }
}
