-- bench/wrk/query.lua - Query of one partition ("q", 100 items of 1 KB)
-- returning all 100 items: a 100-item page per request.
package.path = package.path .. ";" .. (os.getenv("SST_WRK_DIR") or "bench/wrk") .. "/?.lua"
local c = require("common")
function request()
  return c.request("Query", '{"TableName":"bench","KeyConditionExpression":"pk = :p","ExpressionAttributeValues":{":p":{"S":"q"}}}')
end
