-- wrk script: POST /v1/words/$SET/add with JSON bodies of $BATCH (default 1) random words of
-- 12 lowercase letters (almost surely new: every request changes the set and is journaled).
-- Prints one line "RESULT <req/s> <p99 ms> <max ms> <errors> <requests>" at the end.
local set = os.getenv("SET") or "bench"
local batch = tonumber(os.getenv("BATCH") or "1")
local path = "/v1/words/" .. set .. "/add"
local headers = { ["Content-Type"] = "application/json" }
local letters = "abcdefghijklmnopqrstuvwxyz"

-- Seeds come from /dev/urandom: math.random unseeded gives every wrk run the same words, and a
-- run after the warm-up would re-add them (no-ops that never wait for a sync).
local function urandom_seed()
  local f = io.open("/dev/urandom", "rb")
  local b = f:read(4)
  f:close()
  local s = 0
  for i = 1, 4 do s = s * 256 + b:byte(i) end
  return s % 2147483647 + 1
end

function setup(thread)
  thread:set("seed", urandom_seed())
end

function init(args)
  math.randomseed(seed or os.time())
end

local function word()
  local t = {}
  for i = 1, 12 do
    local k = math.random(1, 26)
    t[i] = letters:sub(k, k)
  end
  return table.concat(t)
end

function request()
  local words = {}
  for i = 1, batch do
    words[i] = '"' .. word() .. '"'
  end
  return wrk.format("POST", path, headers, '{"words":[' .. table.concat(words, ",") .. ']}')
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %.1f %.3f %.3f %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(99) / 1000, latency.max / 1000, e.connect + e.read + e.write + e.status + e.timeout,
    summary.requests))
end
