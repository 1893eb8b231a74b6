-- Merges of the planted pairs of bench/duplicates.sh, one pair per request, in the order of
-- BENCH_PAIRS (lines "target source"); paced by BENCH_PACE_MS (common.lua). A thread of its own
-- (wrk -t1 -c1): every pair is merged once.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local headers = json_headers()
local pairs_ = {}
for line in io.lines(os.getenv("BENCH_PAIRS")) do
  local target, source = line:match("(%x+) (%x+)")
  pairs_[#pairs_ + 1] = {target, source}
end
local next_pair = 0
function request()
  next_pair = next_pair + 1
  if next_pair > #pairs_ then
    error("bench/lua/merge.lua: all " .. #pairs_ .. " pairs merged; pace the merges slower")
  end
  local pair = pairs_[next_pair]
  return wrk.format("POST", "/addresses/" .. pair[1] .. "/merge", headers,
    '{"from": ["' .. pair[2] .. '"]}')
end
