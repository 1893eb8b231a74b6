-- PUT (unconditional replace) of random existing entries with new content.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local headers = json_headers()
local ids
function init() ids = read_ids() math.randomseed(tid or 0) end
function request()
  return wrk.format("PUT", "/addresses/" .. ids[math.random(#ids)], headers, entry(next_n()))
end
