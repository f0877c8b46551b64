-- wrk: GET /v1/words/{set}/contains?word=W with W drawn from a word file, every other one made a miss.
-- env: WORDS (file), SET (set name)
local words = {}
local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
init = function(args)
  for line in io.lines(os.getenv("WORDS")) do
    if #line > 0 then words[#words + 1] = urlencode(line) end
  end
  math.randomseed(42 + (tonumber(tostring({}):sub(8), 16) or 0) % 1000)
end
local n = 0
request = function()
  n = n + 1
  local w = words[math.random(#words)]
  if n % 2 == 0 then w = w .. "zq" end
  return wrk.format("GET", "/v1/words/" .. os.getenv("SET") .. "/contains?word=" .. w)
end
