-- wrk script for load.sh: every request comes from a table built once per wrk thread, so the client does
-- the same (tiny) work per request in every scenario, whether it sends one token or cycles a pool.
--
--   wrk -t <threads> -s load.lua <url> -- <path> <tokens file or -> <threads> [<Authorization value>]
--
-- The tokens file holds one token per line (java -jar benchmarks.jar tokens ...). Each wrk thread sends
-- its own slice of it in turn, so no two threads share a token and a pool of N distinct tokens recurs only
-- every ~N requests. done() prints the one line that load.sh parses.

local requests = {}
local next_index = 1
local thread_count = 0

function setup(thread)
  -- Runs in wrk's main Lua state, once per thread, just before that thread's init().
  thread:set("thread_number", thread_count)
  thread_count = thread_count + 1
end

function init(args)
  local path, tokens_file, threads, authorization = args[1], args[2], tonumber(args[3]), args[4]
  if tokens_file == "-" then
    requests[1] = wrk.format("GET", path)
    return
  end
  local tokens = {}
  for token in io.lines(tokens_file) do
    tokens[#tokens + 1] = token
  end
  -- This thread's slice; a single token is shared by every thread.
  local first, last = 1, #tokens
  if #tokens >= threads then
    first = math.floor(#tokens * thread_number / threads) + 1
    last = math.floor(#tokens * (thread_number + 1) / threads)
  end
  for i = first, last do
    local headers = { ["Approov-Token"] = tokens[i] }
    if authorization ~= nil and authorization ~= "" then
      headers["Authorization"] = authorization
    end
    requests[#requests + 1] = wrk.format("GET", path, headers)
  end
  if #requests == 0 then
    error("no tokens in " .. tokens_file)
  end
end

function request()
  local r = requests[next_index]
  next_index = next_index % #requests + 1
  return r
end

function done(summary, latency, _)
  local errors = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d status_errors=%d socket_errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
