/**
 * Sign-in throttling: at most LOGIN_LIMITS.account.attempts attempts per account and
 * LOGIN_LIMITS.address.attempts per client address in a fixed window; beyond that the sign-in is
 * refused (429 with Retry-After) before any password is checked, for the account or the address,
 * until the window ends. A successful sign-in clears its account's count and gives its address
 * attempt back, so only failures add up.
 *
 * The counters live in PostgreSQL (login_throttles), not in this process: several console
 * instances may serve one database, and an in-process limiter would give an attacker the limit
 * once per instance (and forget it on every restart). Each attempt is one atomic upsert of both
 * counters, so concurrent attempts are counted exactly. Unknown accounts are counted like known
 * ones, so the answer never tells whether an account exists.
 */
import type { Prisma } from "@/server/db";

export const LOGIN_LIMITS = {
  windowMs: 15 * 60_000,
  account: { attempts: 10 },
  /** Higher: one office behind one address shares it. */
  address: { attempts: 100 },
} as const;

export interface LoginAttempt {
  /** As typed; normalised here (trimmed, lower case). */
  email: string;
  /** The client's address, when known. */
  address: string | null;
}

export type LoginVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const ACCOUNT = "account:";
const ADDRESS = "address:";

function keysOf(attempt: LoginAttempt) {
  return {
    account: `${ACCOUNT}${attempt.email.trim().toLowerCase()}`,
    address: attempt.address ? `${ADDRESS}${attempt.address}` : null,
  };
}

/** Counts one attempt and says whether it may go on to the password check. */
export async function reserveLoginAttempt(
  prisma: Prisma,
  attempt: LoginAttempt,
  now = new Date(),
): Promise<LoginVerdict> {
  const { account, address } = keysOf(attempt);
  const keys = address ? [account, address] : [account];
  const windowStartsAfter = new Date(now.getTime() - LOGIN_LIMITS.windowMs);
  const rows = await prisma.$queryRaw<{ key: string; attempts: number; window_start: Date }[]>`
    insert into login_throttles (key, attempts, window_start)
    select key, 1, ${now} from unnest(${keys}::text[]) as key
    on conflict (key) do update set
      attempts = case when login_throttles.window_start <= ${windowStartsAfter}
                      then 1 else login_throttles.attempts + 1 end,
      window_start = case when login_throttles.window_start <= ${windowStartsAfter}
                          then ${now} else login_throttles.window_start end
    returning key, attempts, window_start`;
  let retryAfterMs = 0;
  for (const row of rows) {
    const limit = row.key.startsWith(ACCOUNT)
      ? LOGIN_LIMITS.account.attempts
      : LOGIN_LIMITS.address.attempts;
    if (row.attempts > limit) {
      const ends = row.window_start.getTime() + LOGIN_LIMITS.windowMs;
      retryAfterMs = Math.max(retryAfterMs, ends - now.getTime());
    }
  }
  // Counters of windows long over are of no use: drop them (indexed by window_start).
  await prisma.loginThrottle.deleteMany({
    where: { windowStart: { lt: new Date(now.getTime() - 2 * LOGIN_LIMITS.windowMs) } },
  });
  return retryAfterMs > 0
    ? { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) }
    : { allowed: true };
}

/** The password was right: the account starts afresh and the address gets its attempt back. */
export async function loginSucceeded(prisma: Prisma, attempt: LoginAttempt): Promise<void> {
  const { account, address } = keysOf(attempt);
  await prisma.loginThrottle.deleteMany({ where: { key: account } });
  if (address) {
    await prisma.loginThrottle.updateMany({
      where: { key: address, attempts: { gt: 0 } },
      data: { attempts: { decrement: 1 } },
    });
  }
}

/** "Try again in 14 minutes." / "Try again in 30 seconds." */
export function retryMessage(retryAfterSeconds: number): string {
  const when =
    retryAfterSeconds < 90
      ? `${retryAfterSeconds} second${retryAfterSeconds === 1 ? "" : "s"}`
      : `${Math.ceil(retryAfterSeconds / 60)} minutes`;
  return `Too many sign-in attempts. Try again in ${when}.`;
}
