-- bench/wrk/put.lua - PutItem of 1 KB items with unique keys per thread.
package.path = package.path .. ";" .. (os.getenv("SST_WRK_DIR") or "bench/wrk") .. "/?.lua"
local c = require("common")
local next_id = 1
function setup(thread) thread:set("tid", next_id); next_id = next_id + 1 end
local n = 0
function request()
  n = n + 1
  return c.request("PutItem", '{"TableName":"bench","Item":{"pk":{"S":"p' ..
    tid .. '-' .. n .. '"},"sk":{"S":"s"},"data":{"S":"' .. c.pad .. '"}}}')
end
