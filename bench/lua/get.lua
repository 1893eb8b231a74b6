-- GET of the URL given to wrk (one entry, or nginx's copy of its bytes): only the summary.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
