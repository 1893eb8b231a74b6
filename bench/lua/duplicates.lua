-- The first page of likely duplicates (bench/duplicates.sh).
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
function request()
  return wrk.format("GET", "/addresses/duplicates?limit=100")
end
