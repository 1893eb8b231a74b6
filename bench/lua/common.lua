-- Shared by every wrk script of bench/run.sh: realistic entries, the ids file, and a summary
-- line that run.sh parses (wrk's own text report is kept as the raw output).

local first = {"Aarav", "Ananya", "Bill", "Chen", "Dagný", "Émile", "Fatima", "Gustavo",
  "Hana", "Ines", "José", "Kwame", "Léa", "Mei", "Nikolai", "Olu", "Priya", "Quinn", "Rosa",
  "Søren", "Tomás", "Uma", "Vikram", "Wanjiru", "Xiu", "Yusuf", "Zoë"}
local last = {"Gates", "Rao", "Müller", "O'Brien", "Nakamura", "Okafor", "Silva", "Ivanova",
  "Haddad", "Kowalski", "Nguyen", "García", "Andersson", "Dubois", "Singh", "Kim", "Mbeki"}
local streets = {"Microsoft Way", "MG Road", "Baker Street", "Rue de Rivoli", "Hauptstraße",
  "Calle Mayor", "Nanjing Road", "Ring Road", "Church Lane", "Station Road"}
local cities = {{"Redmond", "WA", "United States"}, {"Bengaluru", "Karnataka", "India"},
  {"London", nil, "United Kingdom"}, {"Paris", nil, "France"}, {"Berlin", "Berlin", "Germany"},
  {"Madrid", "Madrid", "Spain"}, {"Shanghai", nil, "China"}, {"Lagos", "Lagos", "Nigeria"}}

local function pick(list, n) return list[(n % #list) + 1] end

-- With BENCH_TOKEN set (run.sh's runs in auth mode jwt), every request carries it as a bearer
-- token: wrk.headers for requests without headers of their own, json_headers() for bodies.
local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

-- With BENCH_PACE_MS set, each connection waits that long between its requests (wrk's delay()):
-- a steady side load beside a saturating one.
local pace = tonumber(os.getenv("BENCH_PACE_MS") or "")
if pace then
  function delay() return pace end
end

-- The headers of a request with a JSON body.
function json_headers()
  local headers = {["Content-Type"] = "application/json"}
  if token and token ~= "" then
    headers["Authorization"] = "Bearer " .. token
  end
  return headers
end

-- A valid entry that varies with n: one or two addresses, phones, sometimes a fax, e-mails;
-- pincodes as strings or numbers, non-ASCII names. About 300 to 600 bytes, like the seed's.
function entry(n)
  local name = pick(first, n) .. " " .. pick(last, math.floor(n / 27))
  local c = pick(cities, math.floor(n / 7))
  local addr = string.format(
    '{"kind": "%s", "street_number": %d, "street_name": "%s", "city": "%s",%s'
      .. ' "pincode": %s, "country": "%s"}',
    n % 3 == 0 and "work" or "home", 1 + n % 250, pick(streets, n), c[1],
    c[2] and (' "province": "' .. c[2] .. '",') or "",
    n % 2 == 0 and string.format('"%06d"', n % 999999) or tostring(10000 + n % 89999), c[3])
  local addresses = addr
  if n % 4 == 0 then
    addresses = addresses .. ', {"kind": "work", "building_name": "Tower ' .. (n % 9) .. '",'
      .. ' "unit_number": ' .. (n % 40) .. ', "street_name": "' .. pick(streets, n + 3)
      .. '", "pincode": "' .. (n % 100000) .. '", "country": "' .. c[3] .. '"}'
  end
  local phones = string.format(
    '{"kind": "home", "country_code": %d, "area_code": %d, "local_number": %d}',
    1 + n % 90, 100 + n % 900, 2000000 + n % 7999999)
  local faxes = n % 5 == 0
    and string.format('{"kind": "work", "country_code": 1, "local_number": %d}', 5550000 + n % 9999)
    or ""
  local mail = string.lower(pick(first, n)):gsub("[^a-z]", "x") .. "." .. n
  return string.format(
    '{"full_name": "%s", "addresses": [%s], "phone_numbers": [%s], "fax_numbers": [%s],'
      .. ' "emails": [{"kind": "home", "email": "%s@example.org"},'
      .. ' {"kind": "work", "email": "%s@work.example.com"}]}',
    name, addresses, phones, faxes, mail, mail)
end

-- The ids that run.sh saved, in id order, one a line.
function read_ids()
  local ids = {}
  for line in io.lines(os.getenv("BENCH_IDS")) do ids[#ids + 1] = line end
  return ids
end

-- Each thread numbers its entries differently, so that bodies differ across threads.
local counter = 0
local thread_count = 0
function setup(thread)
  thread:set("tid", thread_count)
  thread_count = thread_count + 1
end

function next_n()
  counter = counter + 1
  return counter * 16 + (tid or 0)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d"
      .. " errors_connect=%d errors_read=%d errors_write=%d errors_status=%d errors_timeout=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
