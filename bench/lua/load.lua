-- The loader: POSTs new entries. When this thread has had BENCH_LOAD_PER_THREAD answers it stops
-- and leaves a marker file; run.sh interrupts wrk when every thread has (wrk's duration is only a
-- cap). A few in-flight requests may land after that.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local headers = json_headers()
local quota = tonumber(os.getenv("BENCH_LOAD_PER_THREAD"))
local answered = 0
function request()
  return wrk.format("POST", "/addresses", headers, entry(next_n()))
end
function response(status)
  answered = answered + 1
  if answered == quota then
    io.open(os.getenv("BENCH_LOAD_DONE") .. "." .. tid, "w"):close()
    wrk.thread:stop()
  end
end
