-- bench/wrk/ping.lua - the ceiling server's load: the same request shape
-- as get.lua, answered with a fixed 200.
package.path = package.path .. ";" .. (os.getenv("SST_WRK_DIR") or "bench/wrk") .. "/?.lua"
local c = require("common")
function request()
  return c.request("GetItem", '{"TableName":"bench","Key":{"pk":{"S":"g1"},"sk":{"S":"s"}}}')
end
