-- bench/wrk/query1.lua - Query of one random partition among the
-- prefilled GetItem items ("g0" .. "g999", one 1 KB item each): a one-item
-- page per request, the answer about GetItem's size.
package.path = package.path .. ";" .. (os.getenv("SST_WRK_DIR") or "bench/wrk") .. "/?.lua"
local c = require("common")
function request()
  return c.request("Query", '{"TableName":"bench","KeyConditionExpression":"pk = :p","ExpressionAttributeValues":{":p":{"S":"g' ..
    math.random(0, 999) .. '"}}}')
end
