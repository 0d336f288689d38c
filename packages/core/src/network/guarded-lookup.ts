/**
 * The address policy applied where it counts: to the address a socket actually connects to. A
 * name is resolved once, every address it resolves to is checked, and the socket gets only those
 * (DNS may say something else by the time of the next connection: each connection is checked).
 * IP literals never reach a lookup (node connects to them directly), so they are checked before.
 */
import dns from "node:dns";
import type { LookupFunction } from "node:net";
import {
  type AddressCategory,
  type AddressPolicy,
  checkAddress,
  checkHostname,
  internalNameCategory,
  normalizeHostname,
  urlPort,
} from "./address-policy";

export const ADDRESS_DENIED = "ERR_SWITCHYARD_ADDRESS_DENIED";

/**
 * A connection the policy refused. Its message names the host and the kind of address, for the
 * server's log; what a caller is told is up to the caller's code (see the gateway's errors).
 */
export class AddressDeniedError extends Error {
  readonly code = ADDRESS_DENIED;
  constructor(
    readonly hostname: string,
    readonly category: Exclude<AddressCategory, "public">,
  ) {
    super(
      `Refused to connect to ${hostname}: it is or resolves to a ${category} address (allow it with SWITCHYARD_ALLOWED_PRIVATE_HOSTS)`,
    );
    this.name = "AddressDeniedError";
  }
}

export const isAddressDenied = (error: unknown): error is AddressDeniedError =>
  (error as { code?: unknown } | null)?.code === ADDRESS_DENIED;

type LookupCallback = Parameters<LookupFunction>[2];

/**
 * A `lookup` for net/tls.connect (and undici's `connect` options) that resolves as usual and
 * hands the socket only the addresses the policy allows (a name mixing public and internal
 * addresses reaches only the public ones); none allowed is an AddressDeniedError. `port` is the
 * port the connection goes to (allowlist entries may name one).
 */
export function guardedLookup(policy: AddressPolicy, port: number): LookupFunction {
  return (hostname, options, callback: LookupCallback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) {
        callback(error, "", 0);
        return;
      }
      const allowed: dns.LookupAddress[] = [];
      let refused: Exclude<AddressCategory, "public"> = "reserved";
      for (const entry of addresses) {
        const decision = checkAddress(policy, entry.address, port, hostname);
        if (decision.allowed) allowed.push(entry);
        else refused = decision.category;
      }
      const first = allowed[0];
      if (first === undefined) {
        callback(new AddressDeniedError(normalizeHostname(hostname), refused), "", 0);
      } else if (options.all) {
        (callback as unknown as (error: null, all: dns.LookupAddress[]) => void)(null, allowed);
      } else {
        callback(null, first.address, first.family);
      }
    });
  };
}

/**
 * Connect options for sockets to `url`'s origin: throws an AddressDeniedError at once when its
 * host is a refused IP literal (node connects to those without any lookup), else returns the
 * guarded `lookup` for its port.
 */
export function guardedConnectOptions(policy: AddressPolicy, url: URL): { lookup: LookupFunction } {
  const port = urlPort(url);
  const decision = checkHostname(policy, url.hostname, port);
  if (decision !== undefined && !decision.allowed) {
    throw new AddressDeniedError(normalizeHostname(url.hostname), decision.category);
  }
  return { lookup: guardedLookup(policy, port) };
}

export type DestinationDecision =
  | { allowed: true }
  | { allowed: false; category: Exclude<AddressCategory, "public"> };

/**
 * The check when a URL is saved: an IP literal or allowlisted name at once; another name by
 * what it resolves to now (allowed when one of its addresses is). A name that does not resolve
 * from here passes unless it is internal by definition (localhost, a metadata service): the
 * connection is checked again whenever it is made.
 */
export async function checkUrlDestination(
  policy: AddressPolicy,
  url: URL,
  timeoutMs = 2_000,
): Promise<DestinationDecision> {
  const port = urlPort(url);
  const known = checkHostname(policy, url.hostname, port);
  if (known !== undefined) return known;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
    timer.unref();
  });
  const addresses = await Promise.race([
    dns.promises.lookup(url.hostname, { all: true }).catch(() => null),
    timeout,
  ]);
  clearTimeout(timer);
  if (addresses === null || addresses.length === 0) {
    const internal = internalNameCategory(url.hostname);
    return internal === null ? { allowed: true } : { allowed: false, category: internal };
  }
  let refused: DestinationDecision = { allowed: true };
  for (const { address } of addresses) {
    const decision = checkAddress(policy, address, port, url.hostname);
    if (decision.allowed) return decision;
    refused = decision;
  }
  return refused;
}
