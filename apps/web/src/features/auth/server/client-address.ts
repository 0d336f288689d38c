/**
 * The client's address for sign-in throttling: the TCP peer the production server saw, which it
 * writes into PEER_ADDRESS_HEADER on every request it hands to Next.js, replacing any value the
 * client sent (server/dispatch.ts). Headers a client can set (X-Forwarded-For) are never trusted.
 * Under `next dev` there is no such header: sign-ins are then throttled per account only. Behind
 * a reverse proxy every client has the proxy's address, so the per-address limit applies to all
 * sign-ins through it together (the per-account limit is unaffected).
 */
export const PEER_ADDRESS_HEADER = "x-switchyard-peer-address";

export function clientAddress(headers: Headers): string | null {
  const value = headers.get(PEER_ADDRESS_HEADER)?.trim();
  if (!value) return null;
  // An IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d.
  return value.startsWith("::ffff:") && value.includes(".") ? value.slice(7) : value;
}
