-- bench/wrk/common.lua - shared by the wrk scripts: DynamoDB JSON 1.0
-- requests with a placeholder signature (DynamoDB Local and sst-emu
-- accept any key made of letters and digits), 1 KB items.
--
-- Pacing: with SST_WRK_RATE=N in the environment, the load is N requests
-- per second in all (the "equal offered load" runs of bench/server.sh)
-- instead of as many as the server answers. wrk calls delay() before every
-- request of a connection, the first one included, and waits that many
-- milliseconds; the clock of the wait starts after the previous answer, and
-- wrk times a request from the moment it sends it, so the wait is not in
-- the latency. Each wrk thread (SST_WRK_THREADS of them, 2 by default)
-- hands its connections the slots of one schedule, one every
-- 1000 * threads / N ms, in the order they ask: while the server keeps up,
-- the rate is N whatever its latency. A slot already past when asked for
-- (every connection of the thread was waiting for an answer) is dropped, not
-- caught up with a burst, so a server that falls behind shows a lower
-- achieved rate (wrk's Requests/sec), which bench/server.sh checks.
local M = {}
M.headers = {
  ["Content-Type"] = "application/x-amz-json-1.0",
  ["X-Amz-Date"] = "20260101T000000Z",
  ["Authorization"] = "AWS4-HMAC-SHA256 Credential=sstlocal/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0",
}
M.pad = string.rep("x", 1000)
-- A request's start line and headers, made once per operation (wrk.format
-- would build them again for every request: the load generator shares the
-- CPUs with the server it measures); each request adds its Content-Length
-- and body.
local heads = {}
function M.request(op, body)
  local head = heads[op]
  if head == nil then
    M.headers["X-Amz-Target"] = "DynamoDB_20120810." .. op
    head = wrk.format("POST", "/", M.headers, nil)   -- ends with "\r\n\r\n"
    head = head:sub(1, -3) .. "Content-Length: "
    heads[op] = head
  end
  return head .. #body .. "\r\n\r\n" .. body
end

local rate = tonumber(os.getenv("SST_WRK_RATE") or "")
M.paced = rate ~= nil and rate > 0
if M.paced then
  local ffi = require("ffi")   -- wrk runs LuaJIT: the monotonic clock via ffi
  ffi.cdef [[
    typedef struct { long tv_sec; long tv_nsec; } sst_wrk_timespec;
    int clock_gettime(int clock, sst_wrk_timespec *ts);
  ]]
  local CLOCK_MONOTONIC = 1
  local ts = ffi.new("sst_wrk_timespec")
  local function now_ms()
    ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
    return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
  end
  local period = 1000 * (tonumber(os.getenv("SST_WRK_THREADS") or "") or 2) / rate
  local next_slot = nil
  function delay()   -- a global: wrk looks it up by name
    local now = now_ms()
    local slot = now
    if next_slot ~= nil and next_slot > now then slot = next_slot end
    next_slot = slot + period
    return math.floor(slot - now + 0.5)   -- wrk's timers count whole ms
  end
end
return M
