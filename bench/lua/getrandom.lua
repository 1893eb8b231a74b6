-- GET of a random entry of the whole book (every entry's bytes, not one cached line).
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local ids
function init() ids = read_ids() math.randomseed(tid or 0) end
function request()
  return wrk.format("GET", "/addresses/" .. ids[math.random(#ids)])
end
