/**
 * Lua scripts for RedisLimits, loaded with defineCommand (EVALSHA, EVAL on NOSCRIPT). Each runs
 * atomically, so every gateway instance sees one consistent set of counters.
 *
 * Budget state per (budget, period): a hash { spent, reserved, r:<reservation id> = amount } and a
 * ZSET of reservation ids scored by deadline; expired reservations are dropped inside the scripts.
 * Rate state: one string per limit holding the GCRA theoretical arrival time in ms.
 * Amounts are integer pico-dollar strings; Lua compares them as doubles (exact below 2^53 picos).
 */

const expireStale = `
local function expire(h, z, now)
  local stale = redis.call('ZRANGEBYSCORE', z, '-inf', now, 'LIMIT', 0, 200)
  for _, id in ipairs(stale) do
    local amount = redis.call('HGET', h, 'r:' .. id)
    if amount then
      redis.call('HINCRBY', h, 'reserved', '-' .. amount)
      redis.call('HDEL', h, 'r:' .. id)
    end
  end
  if #stale > 0 then redis.call('ZREM', z, unpack(stale)) end
end

local function over(h, limit, amount)
  local state = redis.call('HMGET', h, 'spent', 'reserved')
  local spent = tonumber(state[1] or '0')
  local reserved = tonumber(state[2] or '0')
  return spent >= limit or spent + reserved + amount > limit
end

local function touch(h, z, expireAt)
  if expireAt ~= '0' then
    redis.call('PEXPIREAT', h, expireAt)
    redis.call('PEXPIREAT', z, expireAt)
  end
end
`;

/**
 * KEYS: nr rate keys, then nb pairs (hash, zset).
 * ARGV: now, reservationId, deadline, nr, nb, per rate (interval, window, cost),
 *       per budget (limit, amount, enforce 0|1|2, expireAt or 0).
 * Returns { status (0 ok, 1 block, 2 downgrade, 3 rate), index, retryMs, tat per rate... }.
 */
export const admitScript = `${expireStale}
local now = tonumber(ARGV[1])
local reservationId = ARGV[2]
local deadline = ARGV[3]
local nr = tonumber(ARGV[4])
local nb = tonumber(ARGV[5])
local tats = {}
local allowed = {}
local rateIndex, retry = 0, 0
for i = 1, nr do
  local a = 6 + 3 * (i - 1)
  local interval, window, cost = tonumber(ARGV[a]), tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2])
  local tat = tonumber(redis.call('GET', KEYS[i]) or '0')
  if tat < now then tat = now end
  local newTat = tat + cost * interval
  local allowAt = newTat - window
  if allowAt > now + 0.000001 then
    if allowAt - now > retry then retry = allowAt - now; rateIndex = i end
    tats[i] = tat
    allowed[i] = false
  else
    tats[i] = newTat
    allowed[i] = true
  end
end
local block, downgrade = 0, 0
local b0 = 6 + 3 * nr
for j = 1, nb do
  local h, z = KEYS[nr + 2 * j - 1], KEYS[nr + 2 * j]
  local a = b0 + 4 * (j - 1)
  local enforce = ARGV[a + 2]
  expire(h, z, now)
  if enforce ~= '0' and over(h, tonumber(ARGV[a]), tonumber(ARGV[a + 1])) then
    if enforce == '2' then
      if block == 0 then block = j end
    elseif downgrade == 0 then
      downgrade = j
    end
  end
end
local reply = {0, 0, '0'}
for i = 1, nr do reply[3 + i] = string.format('%.3f', tats[i]) end
if block > 0 then reply[1] = 1; reply[2] = block; return reply end
if downgrade > 0 then reply[1] = 2; reply[2] = downgrade; return reply end
if rateIndex > 0 then reply[1] = 3; reply[2] = rateIndex; reply[3] = string.format('%.3f', retry); return reply end
for i = 1, nr do
  redis.call('SET', KEYS[i], reply[3 + i], 'PX', math.ceil(tats[i] - now) + 1000)
end
for j = 1, nb do
  local h, z = KEYS[nr + 2 * j - 1], KEYS[nr + 2 * j]
  local a = b0 + 4 * (j - 1)
  local amount = ARGV[a + 1]
  redis.call('HINCRBY', h, 'reserved', amount)
  redis.call('HSET', h, 'r:' .. reservationId, amount)
  redis.call('ZADD', z, deadline, reservationId)
  touch(h, z, ARGV[a + 3])
end
return reply
`;

/**
 * KEYS: nb pairs (hash, zset). ARGV: now, reservationId, deadline, nb,
 * per budget (limit, extra, heldAmount, enforce, expireAt).
 * heldAmount is added back when the reservation had expired. Returns { status, index }.
 */
export const reserveMoreScript = `${expireStale}
local now = tonumber(ARGV[1])
local reservationId = ARGV[2]
local deadline = ARGV[3]
local nb = tonumber(ARGV[4])
local needed = {}
local block, downgrade = 0, 0
for j = 1, nb do
  local h, z = KEYS[2 * j - 1], KEYS[2 * j]
  local a = 5 + 5 * (j - 1)
  expire(h, z, now)
  local need = tonumber(ARGV[a + 1])
  if redis.call('HEXISTS', h, 'r:' .. reservationId) == 0 then need = need + tonumber(ARGV[a + 2]) end
  needed[j] = need
  local enforce = ARGV[a + 3]
  if enforce ~= '0' and over(h, tonumber(ARGV[a]), need) then
    if enforce == '2' then
      if block == 0 then block = j end
    elseif downgrade == 0 then
      downgrade = j
    end
  end
end
if block > 0 then return {1, block} end
if downgrade > 0 then return {2, downgrade} end
for j = 1, nb do
  local h, z = KEYS[2 * j - 1], KEYS[2 * j]
  local a = 5 + 5 * (j - 1)
  local need = string.format('%.0f', needed[j])
  redis.call('HINCRBY', h, 'reserved', need)
  redis.call('HINCRBY', h, 'r:' .. reservationId, need)
  redis.call('ZADD', z, deadline, reservationId)
  touch(h, z, ARGV[a + 4])
end
return {0, 0}
`;

/**
 * Settle (or release, with actual 0): KEYS: nb pairs (hash, zset), then nt token-rate keys.
 * ARGV: now, reservationId, actual, nb, nt, per budget expireAt, per token rate the TAT correction (ms).
 * Returns the spent counter (string) of every budget.
 */
export const settleScript = `
local now = tonumber(ARGV[1])
local reservationId = ARGV[2]
local actual = ARGV[3]
local nb = tonumber(ARGV[4])
local nt = tonumber(ARGV[5])
local spent = {}
for j = 1, nb do
  local h, z = KEYS[2 * j - 1], KEYS[2 * j]
  local amount = redis.call('HGET', h, 'r:' .. reservationId)
  if amount then
    redis.call('HINCRBY', h, 'reserved', '-' .. amount)
    redis.call('HDEL', h, 'r:' .. reservationId)
  end
  redis.call('ZREM', z, reservationId)
  if actual ~= '0' then redis.call('HINCRBY', h, 'spent', actual) end
  spent[j] = redis.call('HGET', h, 'spent') or '0'
  local expireAt = ARGV[5 + j]
  if expireAt ~= '0' then
    redis.call('PEXPIREAT', h, expireAt)
    redis.call('PEXPIREAT', z, expireAt)
  end
end
for i = 1, nt do
  local key = KEYS[2 * nb + i]
  local tat = redis.call('GET', key)
  if tat then
    local newTat = tonumber(tat) + tonumber(ARGV[5 + nb + i])
    if newTat > now then
      redis.call('SET', key, string.format('%.3f', newTat), 'PX', math.ceil(newTat - now) + 1000)
    else
      redis.call('DEL', key)
    end
  end
end
return spent
`;

/** KEYS: hash, zset. ARGV: now. Returns { spent, reserved } after dropping expired reservations. */
export const usageScript = `${expireStale}
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
