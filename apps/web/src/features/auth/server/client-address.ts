/**
 * The client's address for sign-in throttling. By default the TCP peer the production server saw,
 * which it writes into PEER_ADDRESS_HEADER on every request it hands to Next.js, replacing any
 * value the client sent (server/dispatch.ts): what a client claims (X-Forwarded-For) is not
 * trusted. Behind reverse proxies the peer is the nearest proxy, so SWITCHYARD_TRUSTED_PROXY_HOPS
 * says how many proxies to trust: each appends the address it was called from to
 * X-Forwarded-For, so the client is that many entries from its right end. Under `next dev` there
 * is no peer header: sign-ins are then throttled per account only.
 */
export const PEER_ADDRESS_HEADER = "x-switchyard-peer-address";

/** An IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d. */
const normalise = (address: string) =>
  address.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address;

export function clientAddress(headers: Headers, trustedProxyHops = 0): string | null {
  if (trustedProxyHops > 0) {
    const forwarded = (headers.get("x-forwarded-for") ?? "")
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean);
    const client = forwarded[forwarded.length - trustedProxyHops];
    if (client) return normalise(client);
  }
  const peer = headers.get(PEER_ADDRESS_HEADER)?.trim();
  return peer ? normalise(peer) : null;
}
