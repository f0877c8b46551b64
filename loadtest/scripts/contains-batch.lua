-- wrk: POST /v1/words/{set}/contains with 1,000 words a request (half misses), bodies pre-built.
-- env: WORDS (file), SET (set name)
local bodies = {}
local function jsonstr(s)
  return '"' .. s:gsub('[%c"\\]', function(c) return string.format("\\u%04x", string.byte(c)) end) .. '"'
end
init = function(args)
  local words = {}
  for line in io.lines(os.getenv("WORDS")) do
    if #line > 0 then words[#words + 1] = line end
  end
  math.randomseed(7)
  for b = 1, 64 do
    local parts = {}
    for i = 1, 1000 do
      local w = words[math.random(#words)]
      if i % 2 == 0 then w = w .. "zq" end
      parts[i] = jsonstr(w)
    end
    bodies[b] = '{"words":[' .. table.concat(parts, ",") .. ']}'
  end
end
local n = 0
request = function()
  n = n + 1
  return wrk.format("POST", "/v1/words/" .. os.getenv("SET") .. "/contains",
    {["Content-Type"] = "application/json"}, bodies[(n % #bodies) + 1])
end
