-- bench/soak.sh's mix: 80 % GET of a random entry, 15 % PUT of one, 5 % a page of the listing.
-- With SOAK_DELAY_MS set, each connection waits that long between requests: wrk has no rate
-- option, and this holds the offered rate near connections * 1000 / SOAK_DELAY_MS per second.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local headers = json_headers()
local ids
local pause = tonumber(os.getenv("SOAK_DELAY_MS") or "0")
function init() ids = read_ids() math.randomseed(tid or 0) end
function delay() return pause end
function request()
  local id = ids[math.random(#ids)]
  local roll = math.random(100)
  if roll <= 15 then
    return wrk.format("PUT", "/addresses/" .. id, headers, entry(next_n()))
  elseif roll <= 20 then
    return wrk.format("GET", "/addresses?limit=20&after=" .. id)
  end
  return wrk.format("GET", "/addresses/" .. id)
end
