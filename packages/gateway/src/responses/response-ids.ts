import { randomBytes } from "node:crypto";

/**
 * The gateway's response ids: `resp_`, the creation time in milliseconds (12 hex digits), then 40
 * random hex digits. The time lets a lookup that misses tell a response made moments ago (maybe
 * still being written by another instance) from one that does not exist.
 */
export function newResponseId(nowMs: number = Date.now()): string {
  return `resp_${Math.floor(nowMs).toString(16).padStart(12, "0")}${randomBytes(20).toString("hex")}`;
}

/** The creation time (ms) in a gateway response id; null for any other id. */
export function createdAtOf(id: string): number | null {
  const match = /^resp_([0-9a-f]{12})[0-9a-f]{40}$/.exec(id);
  return match?.[1] === undefined ? null : Number.parseInt(match[1], 16);
}
