-- bench/wrk/common.lua - shared by the wrk scripts: DynamoDB JSON 1.0
-- requests with a placeholder signature (DynamoDB Local and sst-emu
-- accept any key made of letters and digits), 1 KB items.
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

return M
