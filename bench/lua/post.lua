-- Durable POST of new, varied entries.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local headers = json_headers()
function request()
  return wrk.format("POST", "/addresses", headers, entry(next_n()))
end
