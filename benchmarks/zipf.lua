-- wrk script of benchmarks/churn.py: every request asks one address of a list, chosen
-- Zipf-wise, so that a few pages take most of the traffic and a long tail is asked now and then.
--
--   wrk -t2 -c32 -d60s --script benchmarks/zipf.lua http://127.0.0.1:PORT -- FILE [SEED]
--
-- FILE holds one address a line (a path with its query string), the most visited first: the
-- address of rank r is asked with weight 1/r. Each thread adds up the weights once (the
-- cumulative weight of every rank), then per request draws a number below the total and takes
-- the first rank whose cumulative weight exceeds it, by binary search (inverse CDF). Each
-- thread seeds its generator with SEED (default 1) plus its number, so a run asks the same
-- sequence of addresses per thread. Every request says it accepts gzip, as browsers do (a
-- proxy that keeps pages compressed then sends them as kept).

local thread_count = 0

function setup(thread)
   thread_count = thread_count + 1
   thread:set("thread_number", thread_count)
end

function init(args)
   local name = args[1]
   assert(name, "give the address file after --")
   local file = assert(io.open(name, "r"), "cannot open " .. name)
   paths = {}
   for line in file:lines() do
      if line ~= "" then
         paths[#paths + 1] = line
      end
   end
   file:close()
   assert(#paths > 0, "no addresses in " .. name)
   cumulative = {}
   total = 0
   for rank = 1, #paths do
      total = total + 1 / rank
      cumulative[rank] = total
   end
   math.randomseed((tonumber(args[2]) or 1) + (thread_number or 0))
end

-- The rank whose share of the cumulative weights holds u, for 0 <= u < total.
function pick(u)
   local low, high = 1, #cumulative
   while low < high do
      local middle = math.floor((low + high) / 2)
      if cumulative[middle] > u then
         high = middle
      else
         low = middle + 1
      end
   end
   return low
end

local headers = {["Accept-Encoding"] = "gzip"}

function request()
   return wrk.format("GET", paths[pick(math.random() * total)], headers)
end
