-- 90 % GET of a random entry, 10 % PUT of a random entry: a read-mostly address book.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local headers = json_headers()
local ids
function init() ids = read_ids() math.randomseed(tid or 0) end
function request()
  local id = ids[math.random(#ids)]
  if math.random(10) == 1 then
    return wrk.format("PUT", "/addresses/" .. id, headers, entry(next_n()))
  end
  return wrk.format("GET", "/addresses/" .. id)
end
