/**
 * The outcome store the console trains learned routers on (graded outcomes of the teams'
 * traffic). The production server registers it at start, and tests register one in memory; like
 * the gateway (server/gateway.ts) it lives on a global slot, which the server's modules and the
 * Next.js bundle share. Null when none is registered: training then answers 409.
 */
import type { OutcomeStore } from "@switchyard/core";

const slot = Symbol.for("switchyard.web.outcomes");
type Holder = { [slot]?: OutcomeStore };
const holder = globalThis as Holder;

export function registerOutcomeStore(store: OutcomeStore | null): void {
  if (store === null) delete holder[slot];
  else holder[slot] = store;
}

export function getOutcomeStore(): OutcomeStore | null {
  return holder[slot] ?? null;
}
