/**
 * The instance's rule for addresses the gateway calls on a team's behalf (provider base URLs,
 * budget webhooks), checked when a URL is saved: an internal address the instance does not allow
 * (SWITCHYARD_ALLOWED_PRIVATE_HOSTS) is a 400 naming the field. The gateway checks again at every
 * connection, on the address it actually connects to (DNS may have changed since).
 */
import {
  type AddressPolicy,
  checkUrlDestination,
  describeCategory,
  isIpLiteral,
  normalizeHostname,
  parseAddressPolicy,
} from "@switchyard/core/network";
import { badRequest } from "./admin/errors";
import { getEnv } from "./env";

let cached: { list: readonly string[]; policy: AddressPolicy } | undefined;

/** The allowlist of this process's environment, parsed once per value. */
export function instanceAddressPolicy(): AddressPolicy {
  const list = getEnv().allowedPrivateHosts;
  if (cached?.list !== list) cached = { list, policy: parseAddressPolicy(list) };
  return cached.policy;
}

/** Throws a 400 naming `field` when `url` is (or resolves to) an internal address not allowed. */
export async function assertAllowedDestination(url: string, field: string): Promise<void> {
  const target = new URL(url);
  const decision = await checkUrlDestination(instanceAddressPolicy(), target);
  if (decision.allowed) return;
  const host = normalizeHostname(target.hostname);
  const what = `${isIpLiteral(host) ? "is" : "resolves to"} ${describeCategory(decision.category)}`;
  const message = `${host} ${what}; this instance connects to internal addresses only when SWITCHYARD_ALLOWED_PRIVATE_HOSTS allows them`;
  throw badRequest(`${field}: ${message}`, [{ path: field, message }]);
}
