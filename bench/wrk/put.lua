-- bench/wrk/put.lua - PutItem of 1 KB items with unique keys per thread
-- ("p<thread>-<n>"). With SST_WRK_RUN=R in the environment the keys are
-- "p<R>.<thread>-<n>": each round of bench/server.sh inserts items of its
-- own.
package.path = package.path .. ";" .. (os.getenv("SST_WRK_DIR") or "bench/wrk") .. "/?.lua"
local c = require("common")
local next_id = 1
function setup(thread) thread:set("tid", next_id); next_id = next_id + 1 end
local n = 0
local run = os.getenv("SST_WRK_RUN")
local prefix = "p" .. (run and (run .. ".") or "")
function request()
  n = n + 1
  return c.request("PutItem", '{"TableName":"bench","Item":{"pk":{"S":"' .. prefix ..
    tid .. '-' .. n .. '"},"sk":{"S":"s"},"data":{"S":"' .. c.pad .. '"}}}')
end
