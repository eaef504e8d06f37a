-- wrk script: every request carries the signed-in cookie; prints p50/p95/p99 (microseconds) at the end.
-- Env: BENCH_COOKIE, BENCH_CSRF, BENCH_METHOD (GET or PUT), BENCH_PATHS (space-separated; thread i uses path i).
-- A PUT saves a plan section with the version the last answer gave, so every save is a real, accepted save.
local cookie = os.getenv("BENCH_COOKIE") or ""
local csrf = os.getenv("BENCH_CSRF") or ""
local method = os.getenv("BENCH_METHOD") or "GET"
local paths = {}
for p in string.gmatch(os.getenv("BENCH_PATHS") or "/", "%S+") do table.insert(paths, p) end

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("path", paths[((counter - 1) % #paths) + 1])
  table.insert(threads, thread)
end

local version = 0
local saves = 0

function init(args)
  wrk.headers["Cookie"] = cookie
  if method == "PUT" then
    -- No gzip here: the script reads the new version from the answer.
    wrk.headers["Content-Type"] = "application/json"
    wrk.headers["X-CSRFToken"] = csrf
  else
    wrk.headers["Accept-Encoding"] = "gzip"
  end
end

function request()
  if method == "PUT" then
    saves = saves + 1
    local body = string.format('{"version": %d, "data": {"our_words": "Saved by the benchmark, save %d."}}',
                               version, saves)
    return wrk.format("PUT", path, nil, body)
  end
  return wrk.format("GET", path)
end

function response(status, headers, body)
  if method == "PUT" and body then
    local v = string.match(body, '"version":%s*(%d+)')
    if v then version = tonumber(v) end
  end
end

function done(summary, latency, requests)
  io.write(string.format("BENCH p50=%d p95=%d p99=%d requests=%d non2xx=%d errors=%d seconds=%.3f\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99), summary.requests,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.duration / 1e6))
end
