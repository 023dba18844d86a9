-- wrk script for tests/load/test_load_mix.py: every connection cycles through the page mix
-- (one address a line in the file named by WRK_PATHS) and every answer is counted by status
-- class and by whether the page cache gave it. done() adds up the threads and prints
--   LOADMIX requests=… 1xx=… 2xx=… 3xx=… 4xx=… 5xx=… cache_hits=… connect=… read=… write=… timeout=… status_errors=…
-- on one line for the test to read.

local threads = {}

function setup(thread)
   thread:set("thread_number", #threads)
   table.insert(threads, thread)
end

function init(args)
   paths = {}
   local name = os.getenv("WRK_PATHS")
   local file = assert(io.open(name, "r"), "cannot open WRK_PATHS " .. tostring(name))
   for line in file:lines() do
      if line ~= "" then
         table.insert(paths, line)
      end
   end
   file:close()
   assert(#paths > 0, "no addresses in " .. name)
   -- Threads start at different places in the mix so that no address is asked by all at once.
   position = thread_number % #paths
   counts = {0, 0, 0, 0, 0}
   other = 0
   cache_hits = 0
end

function request()
   position = position % #paths + 1
   return wrk.format("GET", paths[position])
end

function response(status, headers, body)
   local class = math.floor(status / 100)
   if class >= 1 and class <= 5 then
      counts[class] = counts[class] + 1
   else
      other = other + 1
   end
   if headers["X-Page-Cache"] == "hit" then
      cache_hits = cache_hits + 1
   end
end

function done(summary, latency, requests)
   local total = {0, 0, 0, 0, 0}
   local total_other, total_hits = 0, 0
   for _, thread in ipairs(threads) do
      local thread_counts = thread:get("counts")
      for class = 1, 5 do
         total[class] = total[class] + thread_counts[class]
      end
      total_other = total_other + thread:get("other")
      total_hits = total_hits + thread:get("cache_hits")
   end
   local errors = summary.errors
   io.write(string.format(
      "LOADMIX requests=%d 1xx=%d 2xx=%d 3xx=%d 4xx=%d 5xx=%d other=%d cache_hits=%d "
         .. "connect=%d read=%d write=%d timeout=%d status_errors=%d "
         .. "duration_us=%d latency_p50_us=%d latency_p99_us=%d latency_max_us=%d\n",
      summary.requests, total[1], total[2], total[3], total[4], total[5], total_other, total_hits,
      errors.connect, errors.read, errors.write, errors.timeout, errors.status,
      summary.duration, latency:percentile(50), latency:percentile(99), latency.max
   ))
end
