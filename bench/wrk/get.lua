-- bench/wrk/get.lua - GetItem of random keys among the prefilled items
-- ("g0" .. "g999", each a 1 KB item).
package.path = package.path .. ";" .. (os.getenv("SST_WRK_DIR") or "bench/wrk") .. "/?.lua"
local c = require("common")
function request()
  return c.request("GetItem", '{"TableName":"bench","Key":{"pk":{"S":"g' ..
    math.random(0, 999) .. '"},"sk":{"S":"s"}}}')
end
