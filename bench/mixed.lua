-- The mixed-pages soak of bench/load.py: `wrk -s bench/mixed.lua URL -- /path /path?query …`.
-- Each thread rotates through the paths given after `--`; answers with a status of 400 or more
-- are counted per thread and their sum is printed by done() as "statuses >= 400: N".

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  paths = args
  next_path = 0
  failures = 0
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end

function response(status, headers, body)
  if status >= 400 then
    failures = failures + 1
  end
end

function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("failures")
  end
  io.write(string.format("statuses >= 400: %d\n", failed))
end
