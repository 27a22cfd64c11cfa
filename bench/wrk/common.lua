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
function M.request(op, body)
  M.headers["X-Amz-Target"] = "DynamoDB_20120810." .. op
  return wrk.format("POST", "/", M.headers, body)
end
return M
