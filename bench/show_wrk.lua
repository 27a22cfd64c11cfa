package.path = package.path .. ";/work/main/bench/wrk/?.lua"
local c = require("common")
function init(args) io.write((c.request("PutItem", '{"a":1}'):gsub("\r", "~"))) io.write("\n") end
