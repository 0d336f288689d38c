/** Listening on a port, with "port in use" turned into a one-line StartupError. */
import { createServer, type Server } from "node:net";
import { StartupError } from "@switchyard/server";

export function portInUseMessage(port: number, host: string, variable: string): string {
  return `Port ${port} on ${host} is already in use: stop the program using it or set ${variable} to a free port.`;
}

/** Resolves once `server` listens; rejects with a StartupError for EADDRINUSE/EACCES. */
export function listen(
  server: Pick<Server, "listen" | "once" | "off">,
  port: number,
  host: string,
  variable: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      if (error.code === "EADDRINUSE") {
        reject(new StartupError("port_in_use", portInUseMessage(port, host, variable)));
      } else if (error.code === "EACCES") {
        reject(
          new StartupError(
            "port_forbidden",
            `Not allowed to listen on port ${port} on ${host}: use a port above 1023 (set ${variable}).`,
          ),
        );
      } else if (error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND") {
        reject(
          new StartupError(
            "bad_host",
            `Cannot listen on ${host}: it is not an address of this machine (set HOST, e.g. 127.0.0.1 or 0.0.0.0).`,
          ),
        );
      } else {
        reject(error);
      }
    };
    const onListening = () => {
      server.off("error", onError);
      resolve();
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
}

/** Fails fast, before anything is started, when a fixed port is taken. Port 0 always passes. */
export async function assertPortFree(port: number, host: string, variable: string): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await listen(probe, port, host, variable);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}
