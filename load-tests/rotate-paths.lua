-- wrk script: GET the paths listed (one per line) in the file named by $PATHS_FILE in turn, and count the answers
-- per status across all threads. Prints "status <code> <count>" lines and the non-200 total at the end.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(os.getenv("PATHS_FILE")) do
    if #line > 0 then table.insert(paths, line) end
  end
  i = 0
  counts = {}
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    local c = t:get("counts")
    for status, n in pairs(c) do total[status] = (total[status] or 0) + n end
  end
  local bad = 0
  for status, n in pairs(total) do
    io.write(string.format("status %d %d\n", status, n))
    if status ~= 200 then bad = bad + n end
  end
  io.write(string.format("non-200 %d\n", bad))
end
