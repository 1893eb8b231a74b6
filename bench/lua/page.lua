-- A full page of 100 entries after a random id of the book (keyset paging).
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local ids
function init() ids = read_ids() math.randomseed(tid or 0) end
function request()
  return wrk.format("GET", "/addresses?limit=100&after=" .. ids[math.random(#ids - 100)])
end
