/**
 * /health and /ready for load balancers and orchestrators. Health: the process serves (200 as
 * long as it can answer at all). Ready: it should be sent traffic: not draining, and every check
 * (the database answers, Redis answers, the log writer keeps up, the spool has room) passes in
 * time; otherwise 503 with each check's result.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

/** A readiness check: resolves when fine, throws (or times out) with what is wrong. */
export type ReadyCheck = () => Promise<void> | void;

const CHECK_TIMEOUT_MS = 2_000;

function withTimeout(check: ReadyCheck): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    Promise.resolve().then(check),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("no answer in time")), CHECK_TIMEOUT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
}

function json(response: ServerResponse, status: number, body: unknown, head: boolean): void {
  response.writeHead(status, {
    "content-type": "application/json",
    "cache-control": "no-store",
  });
  response.end(head ? undefined : JSON.stringify(body));
}

export interface Probes {
  health(request: IncomingMessage, response: ServerResponse): void;
  ready(request: IncomingMessage, response: ServerResponse): void;
  /** From now on /ready answers 503 (shutting down: take this instance out of rotation). */
  drain(): void;
}

/** `checks` is read at each /ready (they are known once the gateway is built). */
export function createProbes(checksNow: () => Record<string, ReadyCheck>): Probes {
  let draining = false;
  return {
    health(request, response) {
      json(response, 200, { status: draining ? "draining" : "ok" }, request.method === "HEAD");
    },
    ready(request, response) {
      const head = request.method === "HEAD";
      if (draining) {
        json(response, 503, { status: "draining", checks: {} }, head);
        return;
      }
      const checks = checksNow();
      const names = Object.keys(checks);
      Promise.allSettled(names.map((name) => withTimeout(checks[name] as ReadyCheck))).then(
        (results) => {
          const report: Record<string, string> = {};
          let ok = true;
          results.forEach((result, index) => {
            const name = names[index] as string;
            if (result.status === "fulfilled") report[name] = "ok";
            else {
              ok = false;
              const reason = result.reason instanceof Error ? result.reason.message : "failed";
              report[name] = reason.split("\n")[0] ?? "failed";
            }
          });
          json(
            response,
            ok ? 200 : 503,
            { status: ok ? "ready" : "not_ready", checks: report },
            head,
          );
        },
      );
    },
    drain() {
      draining = true;
    },
  };
}
