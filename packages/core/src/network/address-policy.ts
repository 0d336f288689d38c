/**
 * Which addresses the gateway may connect to on a team's behalf (provider base URLs, budget
 * webhooks). Public addresses always; loopback, link-local, cloud metadata, private, CGNAT,
 * unspecified, multicast and reserved ones only when the instance's allowlist names them
 * (SWITCHYARD_ALLOWED_PRIVATE_HOSTS: self-hosted vLLM or Ollama on a private network, the demo's
 * mock LLM on 127.0.0.1). Pure: no DNS here (see guarded-lookup.ts).
 */
import ipaddr from "ipaddr.js";

export type AddressCategory =
  | "public"
  | "loopback"
  | "link-local"
  | "metadata"
  | "private"
  | "carrier-grade-nat"
  | "unspecified"
  | "multicast"
  | "reserved";

type Ip = ipaddr.IPv4 | ipaddr.IPv6;

type AllowEntry =
  | { kind: "host"; host: string; subdomains: boolean; port: number | null }
  | { kind: "range"; range: [Ip, number]; port: number | null };

/** A parsed allowlist. `allowAll` ("*") turns the check off. */
export interface AddressPolicy {
  readonly allowAll: boolean;
  readonly entries: readonly AllowEntry[];
}

export type AddressDecision =
  | { allowed: true }
  | { allowed: false; category: Exclude<AddressCategory, "public"> };

/** No private address allowed: the default. */
export const denyPrivateAddresses: AddressPolicy = { allowAll: false, entries: [] };

/** Cloud instance metadata services (AWS, GCP, Azure, Oracle; AWS ECS; Alibaba; AWS IPv6). */
const metadataAddresses = new Set([
  "169.254.169.254",
  "169.254.170.2",
  "100.100.100.200",
  "fd00:ec2::254",
]);
/** Names that reach a metadata service or this machine whatever DNS says. */
const metadataNames = new Set([
  "metadata",
  "metadata.google.internal",
  "metadata.goog",
  "instance-data",
  "instance-data.ec2.internal",
]);

const ipv4Categories: Record<string, AddressCategory> = {
  unicast: "public",
  loopback: "loopback",
  linkLocal: "link-local",
  private: "private",
  carrierGradeNat: "carrier-grade-nat",
  unspecified: "unspecified",
  multicast: "multicast",
  broadcast: "multicast",
};

/** Lower case, no brackets, no trailing dot: a hostname as it is compared here. */
export function normalizeHostname(hostname: string): string {
  const bare =
    hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
  return bare.toLowerCase().replace(/\.$/, "");
}

/** True when `value` is an IPv4 or IPv6 address literal (IPv6 without brackets). */
export function isIpLiteral(value: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(value) || ipaddr.IPv6.isValid(value);
}

/** The IPv4 address an IPv6 one carries (mapped, translated, NAT64, 6to4), if any. */
function embeddedIpv4(address: ipaddr.IPv6): ipaddr.IPv4 | null {
  const bytes = address.toByteArray();
  switch (address.range()) {
    case "ipv4Mapped":
    case "rfc6145":
    case "rfc6052":
      return new ipaddr.IPv4(bytes.slice(12, 16));
    case "6to4":
      return new ipaddr.IPv4(bytes.slice(2, 6));
    default:
      return null;
  }
}

function categoryOf(address: Ip): AddressCategory {
  if (metadataAddresses.has(address.toString())) return "metadata";
  if (address.kind() === "ipv4") return ipv4Categories[address.range()] ?? "reserved";
  const v6 = address as ipaddr.IPv6;
  const inner = embeddedIpv4(v6);
  if (inner !== null) return categoryOf(inner);
  const parts = v6.parts;
  // ::a.b.c.d (IPv4-compatible, deprecated): never a real destination.
  if (parts.slice(0, 6).every((part) => part === 0) && v6.range() === "unicast") return "reserved";
  switch (v6.range()) {
    case "unicast":
      return "public";
    case "loopback":
      return "loopback";
    case "linkLocal":
      return "link-local";
    case "uniqueLocal":
      return "private";
    case "unspecified":
      return "unspecified";
    case "multicast":
      return "multicast";
    default:
      return "reserved";
  }
}

/** What kind of address `address` (an IP literal) is. Anything unparsable is "reserved". */
export function classifyAddress(address: string): AddressCategory {
  const bare = normalizeHostname(address);
  if (!ipaddr.isValid(bare)) return "reserved";
  return categoryOf(ipaddr.parse(bare));
}

function parsePort(text: string, entry: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 1 && port <= 65535)) throw new Error(`"${entry}": the port must be 1-65535`);
  return port;
}

function parseEntry(entry: string): AllowEntry {
  let target = entry;
  let port: number | null = null;
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(entry);
  if (bracketed) {
    target = bracketed[1] ?? "";
    if (bracketed[2] !== undefined) port = parsePort(bracketed[2], entry);
  } else if (entry.split(":").length === 2) {
    const [host, portText] = entry.split(":") as [string, string];
    target = host;
    port = parsePort(portText, entry);
  }
  if (target.includes("/")) {
    if (!ipaddr.isValidCIDR(target)) throw new Error(`"${entry}" is not a valid CIDR range`);
    return { kind: "range", range: ipaddr.parseCIDR(target), port };
  }
  if (isIpLiteral(target)) {
    const address = ipaddr.parse(target);
    return { kind: "range", range: [address, address.kind() === "ipv4" ? 32 : 128], port };
  }
  const host = normalizeHostname(target);
  const subdomains = host.startsWith("*.");
  const name = subdomains ? host.slice(2) : host;
  if (!/^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/.test(name)) {
    throw new Error(`"${entry}" is not a hostname, an IP address or a CIDR range`);
  }
  return { kind: "host", host: name, subdomains, port };
}

/**
 * Parse the allowlist: comma-separated entries, each a hostname (`vllm.internal`,
 * `*.corp.example` for its subdomains), an IP address or a CIDR range (`10.0.0.0/8`,
 * `fd00::/8`), optionally with `:port` (`127.0.0.1:4010`, `[::1]:11434`); `*` allows every
 * address. Throws an Error naming the first bad entry.
 */
export function parseAddressPolicy(list: string | readonly string[]): AddressPolicy {
  const items = (typeof list === "string" ? list.split(",") : list)
    .map((item) => item.trim())
    .filter((item) => item !== "");
  if (items.includes("*")) return { allowAll: true, entries: [] };
  return { allowAll: false, entries: items.map(parseEntry) };
}

const portMatches = (entry: AllowEntry, port: number) => entry.port === null || entry.port === port;

/** True when the allowlist names `hostname` (not an IP literal) for `port`. */
export function allowsHostname(policy: AddressPolicy, hostname: string, port: number): boolean {
  if (policy.allowAll) return true;
  const host = normalizeHostname(hostname);
  return policy.entries.some(
    (entry) =>
      entry.kind === "host" &&
      portMatches(entry, port) &&
      (entry.subdomains ? host.endsWith(`.${entry.host}`) : entry.host === host),
  );
}

function allowsIp(policy: AddressPolicy, address: Ip, port: number): boolean {
  const plain =
    address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress()
      ? (address as ipaddr.IPv6).toIPv4Address()
      : address;
  return policy.entries.some(
    (entry) =>
      entry.kind === "range" &&
      portMatches(entry, port) &&
      entry.range[0].kind() === plain.kind() &&
      plain.match(entry.range),
  );
}

/**
 * May a connection to `address` (the IP a socket is about to connect to) on `port` go ahead?
 * `hostname` is the name it was resolved from (allowlisted names allow whatever they resolve to).
 */
export function checkAddress(
  policy: AddressPolicy,
  address: string,
  port: number,
  hostname?: string,
): AddressDecision {
  if (policy.allowAll) return { allowed: true };
  if (hostname !== undefined && !isIpLiteral(normalizeHostname(hostname))) {
    if (allowsHostname(policy, hostname, port)) return { allowed: true };
  }
  const bare = normalizeHostname(address);
  if (!ipaddr.isValid(bare)) return { allowed: false, category: "reserved" };
  const ip = ipaddr.parse(bare);
  const category = categoryOf(ip);
  if (category === "public" || allowsIp(policy, ip, port)) return { allowed: true };
  return { allowed: false, category };
}

/**
 * What can be decided about a hostname without DNS: an IP literal is classified, a name the
 * allowlist names is allowed; other names need a lookup (undefined).
 */
export function checkHostname(
  policy: AddressPolicy,
  hostname: string,
  port: number,
): AddressDecision | undefined {
  const host = normalizeHostname(hostname);
  if (isIpLiteral(host)) return checkAddress(policy, host, port);
  if (allowsHostname(policy, host, port)) return { allowed: true };
  return undefined;
}

/**
 * The kind of a name that is internal whatever DNS says: `localhost` (and `*.localhost`) is
 * loopback, a metadata service's name is metadata; other names null.
 */
export function internalNameCategory(hostname: string): "loopback" | "metadata" | null {
  const host = normalizeHostname(hostname);
  if (host === "localhost" || host.endsWith(".localhost")) return "loopback";
  if (metadataNames.has(host)) return "metadata";
  return null;
}

/** The port a URL connects to (its own, or its scheme's). */
export function urlPort(url: URL): number {
  if (url.port !== "") return Number(url.port);
  return url.protocol === "https:" ? 443 : 80;
}

/** How a refused category reads in a message: "a link-local address". */
export function describeCategory(category: Exclude<AddressCategory, "public">): string {
  const names: Record<typeof category, string> = {
    loopback: "a loopback address",
    "link-local": "a link-local address",
    metadata: "a cloud metadata address",
    private: "a private address",
    "carrier-grade-nat": "a carrier-grade NAT address",
    unspecified: "an unspecified address",
    multicast: "a multicast or broadcast address",
    reserved: "a reserved address",
  };
  return names[category];
}
