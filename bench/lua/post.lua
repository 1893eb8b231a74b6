-- Durable POST of new, varied entries.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local headers = {["Content-Type"] = "application/json"}
function request()
  return wrk.format("POST", "/addresses", headers, entry(next_n()))
end
