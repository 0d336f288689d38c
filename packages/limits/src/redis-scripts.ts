import { epochGuard } from "./redis-epochs";

/**
 * Lua scripts for RedisLimits, loaded with defineCommand (EVALSHA, EVAL on NOSCRIPT). Each
 * admission and settlement runs atomically, so every gateway instance sees one set of counters.
 *
 * Budget state per (budget, period): a hash { spent, reserved } and a ZSET of live reservations,
 * member "<reservation id>|<amount>", scored by deadline. Expired reservations are dropped when a
 * budget would otherwise refuse (and by the usage script), so the common path stays short.
 * Rate state: one hash per team, a field per limit (key or team) holding the GCRA theoretical
 * arrival time (TAT) in ms; its TTL is renewed to twice the longest window on every write.
 * Amounts are integer pico-dollar strings; Lua compares them as doubles (exact below 2^53 picos).
 * The batch script takes a team's pending settlements and admissions (see ScriptBatcher) in one
 * call; each entry is handled as if alone.
 * Every script that writes a team's counters takes the team's epoch key as its last KEY and the
 * epoch the caller expects as its last ARGV, and writes nothing when they differ (see TeamEpochs).
 */

export const budgetFunctions = `
local function expire(h, z, now)
  local stale = redis.call('ZRANGEBYSCORE', z, '-inf', now, 'LIMIT', 0, 200)
  if #stale == 0 then return end
  local released = 0
  for _, member in ipairs(stale) do
    released = released + tonumber(string.match(member, '|(%d+)$'))
  end
  if released > 0 then redis.call('HINCRBY', h, 'reserved', string.format('%.0f', -released)) end
  redis.call('ZREM', z, unpack(stale))
end

local function over(h, limit, amount)
  local state = redis.call('HMGET', h, 'spent', 'reserved')
  local spent = tonumber(state[1] or '0')
  local reserved = tonumber(state[2] or '0')
  return spent >= limit or spent + reserved + amount > limit, spent
end

-- Refuses only after dropping expired reservations. Also returns the spent counter.
local function refuses(h, z, now, limit, amount)
  local refused, spent = over(h, limit, amount)
  if not refused then return false, spent end
  expire(h, z, now)
  return over(h, limit, amount)
end
`;

/**
 * One batch of a team's settlements (a release is one with actual 0) and admissions: the
 * settlements first, then the admissions, each handled on its own. KEYS holds every key of the
 * batch once; ARGV[1] is JSON { s: settlements, a: admissions } whose entries name keys by their
 * position in KEYS. Amounts, deadlines and expiries are strings (exact integers); "0" = no expiry.
 * - settlement: [now, reservationId, actual, [[hash, zset, held, expireAt]...], rates,
 *   [[field, TAT correction ms, window]...]]. Reply: the spent counter (string) of every budget.
 * - admission: [now, reservationId, deadline, rates, [[field, interval, window, cost]...],
 *   [[hash, zset, limit, amount, enforce 0|1|2, expireAt]...]]. Reply: { status (0 ok, 1 block,
 *   2 downgrade, 3 rate), index, retryMs (a refusing budget's spent counter on 1 and 2), TAT per
 *   rate... }.
 * Returns JSON { s: settlement replies, a: admission replies }.
 */
export const batchScript = `${epochGuard}${budgetFunctions}
local function settle(e)
  local now, reservationId, actual = e[1], e[2], e[3]
  local budgets, tokenRates = e[4], e[6]
  local spent = {}
  for j = 1, #budgets do
    local b = budgets[j]
    local h, z, held, expireAt = KEYS[b[1]], KEYS[b[2]], b[3], b[4]
    if redis.call('ZREM', z, reservationId .. '|' .. held) == 1 and held ~= '0' then
      redis.call('HINCRBY', h, 'reserved', '-' .. held)
    end
    if actual ~= '0' then
      local total = redis.call('HINCRBY', h, 'spent', actual)
      spent[j] = string.format('%.0f', total)
      if expireAt ~= '0' and total == tonumber(actual) then redis.call('PEXPIREAT', h, expireAt) end
    else
      spent[j] = redis.call('HGET', h, 'spent') or '0'
    end
  end
  local nt = #tokenRates
  if nt > 0 then
    local rates = KEYS[e[5]]
    local fields = {}
    for i = 1, nt do fields[i] = tokenRates[i][1] end
    local stored = redis.call('HMGET', rates, unpack(fields))
    local writes, longest = {}, 0
    for i = 1, nt do
      if stored[i] then
        local window = tokenRates[i][3]
        if window > longest then longest = window end
        -- Bounded so the hash's TTL (renewed on every write) always outlives every TAT in it.
        local tat = math.min(tonumber(stored[i]) + tokenRates[i][2], now + 2 * window)
        writes[#writes + 1] = fields[i]
        writes[#writes + 1] = string.format('%.3f', math.max(tat, now))
      end
    end
    if #writes > 0 then
      redis.call('HSET', rates, unpack(writes))
      redis.call('PEXPIRE', rates, 2 * longest + 1000)
    end
  end
  return spent
end


local function admit(e)
  local now, reservationId, deadline, rates = e[1], e[2], e[3], KEYS[e[4]]
  local rateList, budgets = e[5], e[6]
  local nr, nb = #rateList, #budgets
  local tats = {}
  local rateIndex, retry, longest = 0, 0, 0
  if nr > 0 then
    local fields = {}
    for i = 1, nr do fields[i] = rateList[i][1] end
    local stored = redis.call('HMGET', rates, unpack(fields))
    for i = 1, nr do
      local interval, window, cost = rateList[i][2], rateList[i][3], rateList[i][4]
      if window > longest then longest = window end
      local tat = tonumber(stored[i] or '0')
      if tat < now then tat = now end
      local newTat = tat + cost * interval
      local allowAt = newTat - window
      if allowAt > now + 0.000001 then
        if allowAt - now > retry then retry = allowAt - now; rateIndex = i end
        tats[i] = tat
      else
        tats[i] = newTat
      end
    end
  end
  local block, downgrade, blockSpent, downgradeSpent = 0, 0, 0, 0
  for j = 1, nb do
    local b = budgets[j]
    local enforce = b[5]
    if enforce ~= 0 and (block == 0) and (enforce == 2 or downgrade == 0) then
      local refused, spent = refuses(KEYS[b[1]], KEYS[b[2]], now, tonumber(b[3]), tonumber(b[4]))
      if refused then
        if enforce == 2 then block = j; blockSpent = spent else downgrade = j; downgradeSpent = spent end
      end
    end
  end
  local reply = {0, 0, '0'}
  for i = 1, nr do reply[3 + i] = string.format('%.3f', tats[i]) end
  if block > 0 then
    reply[1] = 1; reply[2] = block; reply[3] = string.format('%.0f', blockSpent)
    return reply
  end
  if downgrade > 0 then
    reply[1] = 2; reply[2] = downgrade; reply[3] = string.format('%.0f', downgradeSpent)
    return reply
  end
  if rateIndex > 0 then
    reply[1] = 3; reply[2] = rateIndex; reply[3] = string.format('%.3f', retry)
    return reply
  end
  if nr > 0 then
    local writes = {}
    for i = 1, nr do
      writes[2 * i - 1] = rateList[i][1]
      writes[2 * i] = reply[3 + i]
    end
    redis.call('HSET', rates, unpack(writes))
    redis.call('PEXPIRE', rates, 2 * longest + 1000)
  end
  for j = 1, nb do
    local b = budgets[j]
    local h, z, amount, expireAt = KEYS[b[1]], KEYS[b[2]], b[4], b[6]
    local reserved = redis.call('HINCRBY', h, 'reserved', amount)
    redis.call('ZADD', z, deadline, reservationId .. '|' .. amount)
    -- reserved == amount: nothing else was held, so the ZSET was empty (gone) and may be new.
    if expireAt ~= '0' and reserved == tonumber(amount) then
      redis.call('PEXPIREAT', h, expireAt)
      redis.call('PEXPIREAT', z, expireAt)
    end
  end
  return reply
end


local batch = cjson.decode(ARGV[1])
local settled, admitted = {}, {}
for i, entry in ipairs(batch.s) do settled[i] = settle(entry) end
for i, entry in ipairs(batch.a) do admitted[i] = admit(entry) end
return cjson.encode({ s = settled, a = admitted })
`;

/**
 * KEYS: nb pairs (hash, zset). ARGV: now, reservationId, deadline, nb,
 * per budget (limit, extra, held, enforce, expireAt). `held` is what the reservation holds on the
 * budget; it is reserved again when the reservation had expired. Returns { status, index } and, on
 * a refusal, the refusing budget's spent counter.
 */
export const reserveMoreScript = `${epochGuard}${budgetFunctions}
local now = tonumber(ARGV[1])
local reservationId, deadline = ARGV[2], ARGV[3]
local nb = tonumber(ARGV[4])
local needed, live = {}, {}
local block, downgrade, blockSpent, downgradeSpent = 0, 0, 0, 0
for j = 1, nb do
  local h, z = KEYS[2 * j - 1], KEYS[2 * j]
  local a = 5 + 5 * (j - 1)
  expire(h, z, now)
  live[j] = redis.call('ZSCORE', z, reservationId .. '|' .. ARGV[a + 2]) ~= false
  needed[j] = tonumber(ARGV[a + 1])
  if not live[j] then needed[j] = needed[j] + tonumber(ARGV[a + 2]) end
  local enforce = ARGV[a + 3]
  -- Nothing extra (a renewal of a long call's deadline) never refuses.
  if enforce ~= '0' and ARGV[a + 1] ~= '0' then
    local refused, spent = over(h, tonumber(ARGV[a]), needed[j])
    if refused then
      if enforce == '2' then
        if block == 0 then block = j; blockSpent = spent end
      elseif downgrade == 0 then
        downgrade = j; downgradeSpent = spent
      end
    end
  end
end
if block > 0 then return {1, block, string.format('%.0f', blockSpent)} end
if downgrade > 0 then return {2, downgrade, string.format('%.0f', downgradeSpent)} end
for j = 1, nb do
  local h, z = KEYS[2 * j - 1], KEYS[2 * j]
  local a = 5 + 5 * (j - 1)
  local held, extra, expireAt = ARGV[a + 2], ARGV[a + 1], ARGV[a + 4]
  redis.call('HINCRBY', h, 'reserved', string.format('%.0f', needed[j]))
  if live[j] then redis.call('ZREM', z, reservationId .. '|' .. held) end
  local total = string.format('%.0f', tonumber(held) + tonumber(extra))
  redis.call('ZADD', z, deadline, reservationId .. '|' .. total)
  if expireAt ~= '0' then
    redis.call('PEXPIREAT', h, expireAt)
    redis.call('PEXPIREAT', z, expireAt)
  end
end
return {0, 0}
`;

/** KEYS: hash, zset. ARGV: now. Returns { spent, reserved } after dropping expired reservations. */
export const usageScript = `${budgetFunctions}
expire(KEYS[1], KEYS[2], tonumber(ARGV[1]))
local state = redis.call('HMGET', KEYS[1], 'spent', 'reserved')
return { state[1] or '0', state[2] or '0' }
`;

/** KEYS: hash. ARGV: spent, expireAt. Seeds the counter only when the period has no state yet. */
export const seedScript = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'spent', ARGV[1], 'reserved', '0')
if ARGV[2] ~= '0' then redis.call('PEXPIREAT', KEYS[1], ARGV[2]) end
return 1
`;
