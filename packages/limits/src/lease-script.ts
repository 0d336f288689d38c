import type { PreparedSync, SyncReply } from "./lease-sync";
import type { LimitsScripts } from "./redis-commands";
import { epochGuard } from "./redis-epochs";
import { budgetFunctions } from "./redis-scripts";
import { picosArg } from "./reservation";

/**
 * One sync of an instance's leases on a team (see startSync in lease-sync.ts), atomically.
 *
 * A lease on a budget is a reservation like any other: a member "<lease id>|<amount>" of the
 * budget's reservation ZSET, scored by its deadline, with its amount counted in `reserved`, so it
 * expires with a dead instance. The hash also keeps the amount under "L:<lease id>", so a sync can
 * replace the lease even when it does not know whether its previous sync was applied.
 * A lease on a rate limit is units taken from its GCRA state in advance (the TAT moved forward).
 *
 * KEYS: every key once. ARGV[1]: JSON { n: now, d: deadline, i: lease id, s: share,
 *   b: [[hash, zset, limit, spend, base, need, extra, expireAt]...], r: rates key,
 *   l: [[field, interval, window, giveBack, need, extra]...] }
 * (keys by position in KEYS; amounts as integer strings).
 * Per budget: the old lease is dropped, the spend added, then `base` is reserved unconditionally
 * and up to need + extra more from what is free; `extra` is limited to `share` of the free amount
 * so that one instance cannot take all of a nearly spent budget. Rates the same in units: unused
 * units go back (a negative giveBack pays a TPM debt), then up to need + extra are taken.
 * Returns JSON { b: [[spent, take]...], l: [[take, TAT]...] }.
 */
export const leaseSyncScript = `${epochGuard}${budgetFunctions}
local p = cjson.decode(ARGV[1])
local now, deadline, id, share = p.n, p.d, p.i, p.s
local field = 'L:' .. id
local budgets, rates = {}, {}
local function number(text) return tonumber(text or '0') end
for j, b in ipairs(p.b) do
  local h, z = KEYS[b[1]], KEYS[b[2]]
  local limit, spend, base = tonumber(b[3]), b[4], tonumber(b[5])
  local need, extra, expireAt = tonumber(b[6]), tonumber(b[7]), b[8]
  local old = redis.call('HGET', h, field)
  if old and redis.call('ZREM', z, id .. '|' .. old) == 1 then
    redis.call('HINCRBY', h, 'reserved', '-' .. old)
  end
  local spent
  if spend ~= '0' then spent = redis.call('HINCRBY', h, 'spent', spend)
  else spent = number(redis.call('HGET', h, 'spent')) end
  local take = 0
  if need + extra > 0 and spent < limit then
    local free = limit - spent - number(redis.call('HGET', h, 'reserved')) - base
    if free < need + extra then
      expire(h, z, now)
      free = limit - spent - number(redis.call('HGET', h, 'reserved')) - base
    end
    if free > 0 then take = math.min(free, need + math.min(extra, math.floor(free * share))) end
  end
  local grant = string.format('%.0f', base + take)
  if base + take > 0 then
    redis.call('HINCRBY', h, 'reserved', grant)
    redis.call('ZADD', z, deadline, id .. '|' .. grant)
    redis.call('HSET', h, field, grant)
  elseif old then
    redis.call('HDEL', h, field)
  end
  if expireAt ~= '0' then
    redis.call('PEXPIREAT', h, expireAt)
    redis.call('PEXPIREAT', z, expireAt)
  end
  budgets[j] = { string.format('%.0f', spent), string.format('%.0f', take) }
end
local nl = #p.l
if nl > 0 then
  local key = KEYS[p.r]
  local fields = {}
  for i = 1, nl do fields[i] = p.l[i][1] end
  local stored = redis.call('HMGET', key, unpack(fields))
  local writes, longest = {}, 0
  for i = 1, nl do
    local l = p.l[i]
    local interval, window, back, need, extra = l[2], l[3], l[4], l[5], l[6]
    if window > longest then longest = window end
    local tat = math.max(number(stored[i]), now)
    -- Bounded so the hash's TTL (renewed on every write) always outlives every TAT in it.
    tat = math.min(math.max(tat - back * interval, now), now + 2 * window)
    local capacity = math.floor((now + window - tat) / interval + 0.000001)
    local take = 0
    if capacity > 0 and need + extra > 0 then
      take = math.min(capacity, need + math.min(extra, math.floor(capacity * share)))
    end
    tat = tat + take * interval
    writes[2 * i - 1] = l[1]
    writes[2 * i] = string.format('%.3f', tat)
    rates[i] = { string.format('%.0f', take), writes[2 * i] }
  end
  redis.call('HSET', key, unpack(writes))
  redis.call('PEXPIRE', key, 2 * longest + 1000)
end
return cjson.encode({ b = budgets, l = rates })
`;

export interface LeaseSyncArgs {
  teamId: string;
  leaseId: string;
  share: number;
  sync: PreparedSync;
  now: number;
  deadline: number;
}

/** Runs leaseSyncScript for a prepared sync (startSync) and reads its reply. */
export async function leaseSync(scripts: LimitsScripts, args: LeaseSyncArgs): Promise<SyncReply> {
  const keys: string[] = [];
  const key = (name: string) => keys.push(name);
  const budgets = args.sync.budgets.map(({ lease, spend, base, need, extra }) => {
    const [hash, zset] = scripts.budgetKeys(lease.budget, lease.periodStart);
    return [
      key(hash),
      key(zset),
      picosArg(lease.budget.limitPicos),
      picosArg(spend),
      picosArg(base),
      picosArg(need),
      picosArg(extra),
      scripts.expireAt(lease.periodEnd),
    ];
  });
  const rates = args.sync.rates.map(({ lease, giveBack, need, extra }) => {
    const { key: field, intervalMs, windowMs } = lease.rate;
    return [field, intervalMs, windowMs, giveBack, need, extra];
  });
  const payload = {
    n: args.now,
    d: args.deadline,
    i: args.leaseId,
    s: args.share,
    b: budgets,
    r: rates.length > 0 ? key(scripts.ratesKey(args.teamId)) : 0,
    l: rates,
  };
  const reply = JSON.parse(await scripts.leaseSync(args.teamId, keys, JSON.stringify(payload))) as {
    b: unknown;
    l: unknown;
  };
  // An empty Lua table encodes as {}: read it as no entries.
  const list = (value: unknown) => (Array.isArray(value) ? (value as string[][]) : []);
  return {
    budgets: list(reply.b).map(([spent, take]) => ({ spent: Number(spent), take: Number(take) })),
    rates: list(reply.l).map(([take, tat]) => ({ take: Number(take), tat: Number(tat) })),
  };
}
