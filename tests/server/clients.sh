#!/usr/bin/env bash
# tests/server/clients.sh - real DynamoDB clients against the sst-emu
# binary: the AWS CLI and boto3 (tests/server/clients.py).
#
# sst-emu starts with --in-memory on a free port of 127.0.0.1 and is
# killed afterwards. The CLI creates a table, puts, gets, queries,
# updates with a condition that holds and one that fails, runs
# transactions (a success, a replay of its ClientRequestToken, and a
# cancellation whose CancellationReasons are checked) and pages through
# scan and query results with its paginator (--page-size, --max-items,
# --starting-token), and reads a table's stream through `aws
# dynamodbstreams` (also on DynamoDB Local, when SST_DDB_LOCAL_ENDPOINT
# names one). boto3 does the same through its resource and client
# APIs, and checks signatures against a second sst-emu started with
# --verify-signatures. Last, the command line itself: --help, a wrong
# option, writes to --data DIR that survive a SIGKILL and a SIGTERM, a
# taken port, and a graceful SIGTERM.
#
# Every client call runs under a timeout, so the test is bounded. Skipped
# (exit 77) where the AWS CLI or boto3 is missing.
set -u
# shellcheck source=tests/server/emu_lib.sh
. "$(cd "$(dirname "$0")" && pwd)/emu_lib.sh"

skip() { echo "SKIP: sst-emu client tests ($1)"; exit 77; }
[ -x "$emu" ] || { echo "clients: $emu not built"; exit 1; }
command -v aws >/dev/null 2>&1 || skip "aws CLI not found"
python3 -c 'import boto3' >/dev/null 2>&1 || skip "boto3 not importable"

# Dummy keys of letters and digits (DynamoDB Local refuses others), no
# profile files, no metadata service, no pager.
export AWS_ACCESS_KEY_ID=sstclients AWS_SECRET_ACCESS_KEY=sstclientsSecret0
export AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
export AWS_EC2_METADATA_DISABLED=true AWS_PAGER= AWS_MAX_ATTEMPTS=1

passed=0 failed=0
ok() { passed=$((passed + 1)); echo "  ok   $1"; }
bad() { failed=$((failed + 1)); echo "  FAIL $1"; [ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/       /'; }
check() { # NAME COMMAND...
    local name=$1; shift
    if "$@"; then ok "$name"; else bad "$name"; fi
}


start_emu main --in-memory -v || exit 1
url=$URL main_pid=$last_pid
start_emu verify --in-memory --verify-signatures \
    --credentials "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" \
    --credentials other:otherSecret || exit 1
verify_url=$URL
check "ready line names a loopback URL" bash -c "[[ '$url' == http://127.0.0.1:* ]]"

# on URL ARGS: the AWS CLI against the sst-emu at URL; ddb: against main.
on() { local u=$1; shift; timeout 60 aws dynamodb --endpoint-url "$u" --output json "$@"; }
ddb() { on "$url" "$@"; }
# json EXPR: evaluate a Python expression over the JSON on stdin as j.
json() { python3 -c "import json,sys; j=json.load(sys.stdin); print($1)"; }

# ------------------------------------------------------------------ CLI
t=cli_$$
ddb create-table --table-name "$t" --billing-mode PAY_PER_REQUEST \
    --attribute-definitions AttributeName=pk,AttributeType=S AttributeName=sk,AttributeType=N \
    --key-schema AttributeName=pk,KeyType=HASH AttributeName=sk,KeyType=RANGE \
    >"$tmp/create.json" 2>"$tmp/create.err"
check "cli: create-table" grep -q "\"TableName\": \"$t\"" "$tmp/create.json"
ddb wait table-exists --table-name "$t" 2>/dev/null
check "cli: wait table-exists" test $? -eq 0
out=$(ddb describe-limits)
check "cli: describe-limits" test "$(echo "$out" | json 'sorted(j.items())')" = \
    "[('AccountMaxReadCapacityUnits', 80000), ('AccountMaxWriteCapacityUnits', 80000), ('TableMaxReadCapacityUnits', 40000), ('TableMaxWriteCapacityUnits', 40000)]"
# DescribeEndpoints names the address the client reached sst-emu by
out=$(ddb describe-endpoints)
check "cli: describe-endpoints gives sst-emu's own address" \
    test "$(echo "$out" | json 'j["Endpoints"]')" = \
    "[{'Address': '${url#http://}', 'CachePeriodInMinutes': 1440}]"

# Each CLI call costs a Python start-up: three put-item calls, then one
# batch-write-item for the other twenty items.
for i in 1 2 3; do
    ddb put-item --table-name "$t" \
        --item "{\"pk\":{\"S\":\"p\"},\"sk\":{\"N\":\"$i\"},\"v\":{\"N\":\"$((i * 10))\"}}" \
        >/dev/null 2>>"$tmp/put.err" || echo "put $i failed" >>"$tmp/put.err"
done
check "cli: put-item x3" test ! -s "$tmp/put.err"
batch=$(for i in $(seq 4 23); do
    printf '%s{"PutRequest":{"Item":{"pk":{"S":"p"},"sk":{"N":"%d"},"v":{"N":"%d"}}}}' \
        "$([ "$i" -gt 4 ] && echo ,)" "$i" $((i * 10))
done)
out=$(ddb batch-write-item --request-items "{\"$t\":[$batch]}" 2>"$tmp/batch.err")
check "cli: batch-write-item x20" \
    test "$(echo "$out" | json 'j["UnprocessedItems"]')" = "{}"

out=$(ddb get-item --table-name "$t" --key '{"pk":{"S":"p"},"sk":{"N":"7"}}' --consistent-read)
check "cli: get-item" test "$(echo "$out" | json 'j["Item"]["v"]["N"]')" = 70

out=$(ddb query --table-name "$t" --key-condition-expression 'pk = :p AND sk BETWEEN :a AND :b' \
    --expression-attribute-values '{":p":{"S":"p"},":a":{"N":"3"},":b":{"N":"6"}}')
check "cli: query" test "$(echo "$out" | json '[int(i["sk"]["N"]) for i in j["Items"]]')" = "[3, 4, 5, 6]"

out=$(ddb execute-statement --statement "SELECT v FROM \"$t\" WHERE pk = ? AND sk = 7" \
    --parameters '[{"S":"p"}]')
check "cli: execute-statement (PartiQL)" test "$(echo "$out" | json 'j["Items"]')" = "[{'v': {'N': '70'}}]"

out=$(ddb update-item --table-name "$t" --key '{"pk":{"S":"p"},"sk":{"N":"1"}}' \
    --update-expression 'SET v = v + :d' --condition-expression 'v = :old' \
    --expression-attribute-values '{":d":{"N":"5"},":old":{"N":"10"}}' --return-values UPDATED_NEW)
check "cli: update-item, condition holds" test "$(echo "$out" | json 'j["Attributes"]["v"]["N"]')" = 15

ddb update-item --table-name "$t" --key '{"pk":{"S":"p"},"sk":{"N":"1"}}' \
    --update-expression 'SET v = :z' --condition-expression 'v = :old' \
    --expression-attribute-values '{":z":{"N":"0"},":old":{"N":"10"}}' >/dev/null 2>"$tmp/cond.err"
rc=$?
# the CLI exits 254 (v2) or 255 (v1) for an error the service returned
check "cli: update-item, condition fails" test $rc -eq 254 -o $rc -eq 255
check "cli: ... with ConditionalCheckFailedException" \
    grep -q 'ConditionalCheckFailedException.*The conditional request failed' "$tmp/cond.err"

txn_ok="[
  {\"Put\":{\"TableName\":\"$t\",\"Item\":{\"pk\":{\"S\":\"q\"},\"sk\":{\"N\":\"1\"}},
           \"ConditionExpression\":\"attribute_not_exists(pk)\"}},
  {\"Delete\":{\"TableName\":\"$t\",\"Key\":{\"pk\":{\"S\":\"p\"},\"sk\":{\"N\":\"23\"}}}}]"
out=$(ddb transact-write-items --transact-items "$txn_ok" \
    --client-request-token "cli-token-$$" --return-consumed-capacity TOTAL 2>"$tmp/txn.err")
check "cli: transact-write-items" test $? -eq 0
check "cli: ... ConsumedCapacity, two units per item" \
    test "$(echo "$out" | json '[(c["TableName"], c["CapacityUnits"]) for c in j["ConsumedCapacity"]]')" = \
    "[('$t', 4.0)]"
out=$(ddb transact-get-items --transact-items "[
  {\"Get\":{\"TableName\":\"$t\",\"Key\":{\"pk\":{\"S\":\"q\"},\"sk\":{\"N\":\"1\"}}}},
  {\"Get\":{\"TableName\":\"$t\",\"Key\":{\"pk\":{\"S\":\"p\"},\"sk\":{\"N\":\"23\"}}}}]")
check "cli: transact-get-items sees both writes" \
    test "$(echo "$out" | json '[("Item" in r) for r in j["Responses"]]')" = "[True, False]"
# the same token and items again: success, although the Put's condition
# no longer holds, because nothing is applied twice
ddb transact-write-items --transact-items "$txn_ok" \
    --client-request-token "cli-token-$$" >/dev/null 2>"$tmp/txn-replay.err"
check "cli: a replayed ClientRequestToken succeeds" test $? -eq 0
ddb transact-write-items --transact-items "[
  {\"ConditionCheck\":{\"TableName\":\"$t\",\"Key\":{\"pk\":{\"S\":\"p\"},\"sk\":{\"N\":\"2\"}},
           \"ConditionExpression\":\"attribute_exists(pk)\"}},
  {\"Put\":{\"TableName\":\"$t\",\"Item\":{\"pk\":{\"S\":\"q\"},\"sk\":{\"N\":\"1\"}},
           \"ConditionExpression\":\"attribute_not_exists(pk)\"}}]" >/dev/null 2>"$tmp/txn2.err"
rc=$?
check "cli: a cancelled transaction fails" test $rc -eq 254 -o $rc -eq 255
check "cli: ... with its reasons, in order" grep -q \
    'TransactionCanceledException.*Transaction cancelled, please refer cancellation reasons for specific reasons \[None, ConditionalCheckFailed\]' \
    "$tmp/txn2.err"
ddb transact-write-items --transact-items "[
  {\"Put\":{\"TableName\":\"$t\",\"Item\":{\"pk\":{\"S\":\"r\"},\"sk\":{\"N\":\"1\"}}}}]" \
    --client-request-token "cli-token-$$" >/dev/null 2>"$tmp/txn3.err"
check "cli: the token with other items: IdempotentParameterMismatchException" \
    grep -q IdempotentParameterMismatchException "$tmp/txn3.err"

# The paginator follows LastEvaluatedKey: 23 items in pages of 5 are 5
# Scan requests (the last one short, without a LastEvaluatedKey).
before=$(grep -c ' Scan -> 200' "$tmp/main.err")
out=$(ddb scan --table-name "$t" --page-size 5)
after=$(grep -c ' Scan -> 200' "$tmp/main.err")
check "cli: scan paginates to every item" test "$(echo "$out" | json 'j["Count"]')" = 23
check "cli: ... in 5 requests of 5" test $((after - before)) -eq 5
out=$(ddb query --table-name "$t" --key-condition-expression 'pk = :p' \
    --expression-attribute-values '{":p":{"S":"p"}}' --page-size 4 --max-items 9)
token=$(echo "$out" | json 'j.get("NextToken", "")')
check "cli: --max-items stops with a NextToken" \
    test "$(echo "$out" | json '[int(i["sk"]["N"]) for i in j["Items"]]')" = "[1, 2, 3, 4, 5, 6, 7, 8, 9]"
out=$(ddb query --table-name "$t" --key-condition-expression 'pk = :p' \
    --expression-attribute-values '{":p":{"S":"p"}}' --page-size 4 --starting-token "$token")
check "cli: --starting-token resumes" \
    test "$(echo "$out" | json '[int(i["sk"]["N"]) for i in j["Items"]]')" = \
    "[10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22]"

arn=$(json 'j["TableDescription"]["TableArn"]' <"$tmp/create.json")
ddb tag-resource --resource-arn "$arn" --tags Key=env,Value=test \
    Key=team,Value=data 2>"$tmp/tag.err"
check "cli: tag-resource" test $? -eq 0
out=$(ddb list-tags-of-resource --resource-arn "$arn")
check "cli: list-tags-of-resource" \
    test "$(echo "$out" | json '[(t["Key"], t["Value"]) for t in j["Tags"]]')" = \
    "[('env', 'test'), ('team', 'data')]"
ddb untag-resource --resource-arn "$arn" --tag-keys env 2>"$tmp/untag.err"
out=$(ddb list-tags-of-resource --resource-arn "$arn")
check "cli: untag-resource" \
    test "$(echo "$out" | json '[(t["Key"], t["Value"]) for t in j["Tags"]]')" = \
    "[('team', 'data')]"

out=$(ddb update-continuous-backups --table-name "$t" \
    --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true)
check "cli: update-continuous-backups" test "$(echo "$out" | json \
    'j["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]["RecoveryPeriodInDays"]')" = 35
out=$(ddb describe-continuous-backups --table-name "$t")
check "cli: describe-continuous-backups" test "$(echo "$out" | json \
    'j["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"]')" = ENABLED

# OnDemandThroughput: set, described, kept by an update that names none
ddb update-table --table-name "$t" \
    --on-demand-throughput MaxReadRequestUnits=100,MaxWriteRequestUnits=50 \
    >/dev/null 2>"$tmp/od.err"
ddb update-table --table-name "$t" --deletion-protection-enabled \
    >/dev/null 2>>"$tmp/od.err"
ddb update-table --table-name "$t" --no-deletion-protection-enabled \
    >/dev/null 2>>"$tmp/od.err"
out=$(ddb describe-table --table-name "$t")
check "cli: update-table --on-demand-throughput, kept" test "$(echo "$out" | \
    json 'sorted(j["Table"]["OnDemandThroughput"].items())')" = \
    "[('MaxReadRequestUnits', 100), ('MaxWriteRequestUnits', 50)]"

ddb describe-table --table-name nope_$$ >/dev/null 2>"$tmp/nf.err"
check "cli: ResourceNotFoundException" grep -q ResourceNotFoundException "$tmp/nf.err"
ddb delete-table --table-name "$t" >/dev/null 2>&1
check "cli: delete-table" test $? -eq 0
check "cli: every request was logged with a status" \
    grep -q "POST / CreateTable -> 200" "$tmp/main.err"

# ------------------------------------------------------------ streams CLI
# streams_cli ENDPOINT WHO: a table with a NEW_AND_OLD_IMAGES stream, an
# insert, a modify and a remove, read back through `aws dynamodbstreams`;
# then the stream disabled and its closed shard read to its end. Run on
# sst-emu, and on DynamoDB Local when make check runs under tests/ddb-local
# (SST_DDB_LOCAL_ENDPOINT): both answer the same values.
streams_cli() {
    local ep=$1 who=$2 st=cli_streams_$$ arn shard it out
    local d="timeout 60 aws dynamodb --endpoint-url $ep --output json"
    local s="timeout 60 aws dynamodbstreams --endpoint-url $ep --output json"
    local records='json.dumps([[r["eventName"], r["eventSource"], r["dynamodb"]["Keys"], r["dynamodb"].get("OldImage"), r["dynamodb"].get("NewImage"), r["dynamodb"]["StreamViewType"]] for r in j["Records"]], sort_keys=True)'
    local expected='[["INSERT", "aws:dynamodb", {"pk": {"S": "a"}}, null, {"pk": {"S": "a"}, "v": {"N": "1"}}, "NEW_AND_OLD_IMAGES"], ["MODIFY", "aws:dynamodb", {"pk": {"S": "a"}}, {"pk": {"S": "a"}, "v": {"N": "1"}}, {"pk": {"S": "a"}, "v": {"N": "2"}}, "NEW_AND_OLD_IMAGES"], ["REMOVE", "aws:dynamodb", {"pk": {"S": "a"}}, {"pk": {"S": "a"}, "v": {"N": "2"}}, null, "NEW_AND_OLD_IMAGES"]]'

    out=$($d create-table --table-name "$st" --billing-mode PAY_PER_REQUEST \
        --attribute-definitions AttributeName=pk,AttributeType=S \
        --key-schema AttributeName=pk,KeyType=HASH \
        --stream-specification StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES)
    arn=$(echo "$out" | json 'j["TableDescription"]["LatestStreamArn"]')
    check "streams cli ($who): create-table answers the stream" test \
        "$(echo "$out" | json 'j["TableDescription"]["StreamSpecification"]')" = \
        "{'StreamEnabled': True, 'StreamViewType': 'NEW_AND_OLD_IMAGES'}" -a \
        "$arn" = "$(echo "$out" | json 'j["TableDescription"]["TableArn"]')/stream/$(echo "$out" | json 'j["TableDescription"]["LatestStreamLabel"]')"
    $d put-item --table-name "$st" --item '{"pk":{"S":"a"},"v":{"N":"1"}}' >/dev/null &&
        $d update-item --table-name "$st" --key '{"pk":{"S":"a"}}' \
            --update-expression 'SET v = :v' --expression-attribute-values '{":v":{"N":"2"}}' >/dev/null &&
        $d delete-item --table-name "$st" --key '{"pk":{"S":"a"}}' >/dev/null
    check "streams cli ($who): put-item, update-item, delete-item" test $? -eq 0
    out=$($s list-streams --table-name "$st")
    check "streams cli ($who): list-streams" test \
        "$(echo "$out" | json '[(x["StreamArn"], x["TableName"]) for x in j["Streams"]]')" = \
        "[('$arn', '$st')]"
    out=$($s describe-stream --stream-arn "$arn")
    shard=$(echo "$out" | json 'j["StreamDescription"]["Shards"][0]["ShardId"]')
    check "streams cli ($who): describe-stream, ENABLED" test \
        "$(echo "$out" | json '[j["StreamDescription"][k] for k in ("StreamArn", "TableName", "StreamStatus", "StreamViewType", "KeySchema")]')" = \
        "['$arn', '$st', 'ENABLED', 'NEW_AND_OLD_IMAGES', [{'AttributeName': 'pk', 'KeyType': 'HASH'}]]"
    check "streams cli ($who): ... one open shard" test \
        "$(echo "$out" | json '[(len(x["SequenceNumberRange"]["StartingSequenceNumber"]), "EndingSequenceNumber" in x["SequenceNumberRange"]) for x in j["StreamDescription"]["Shards"]]')" = \
        "[(21, False)]"
    it=$($s get-shard-iterator --stream-arn "$arn" --shard-id "$shard" \
        --shard-iterator-type TRIM_HORIZON | json 'j["ShardIterator"]')
    out=$($s get-records --shard-iterator "$it")
    check "streams cli ($who): get-records: INSERT, MODIFY, REMOVE" \
        test "$(echo "$out" | json "$records")" = "$expected"
    check "streams cli ($who): ... an open shard has a NextShardIterator" \
        test "$(echo "$out" | json '"NextShardIterator" in j')" = True
    $d update-table --table-name "$st" --stream-specification StreamEnabled=false >/dev/null
    check "streams cli ($who): update-table StreamEnabled=false" test $? -eq 0
    out=$($s describe-stream --stream-arn "$arn")
    check "streams cli ($who): describe-stream, DISABLED, the shard closed" test \
        "$(echo "$out" | json '[j["StreamDescription"]["StreamStatus"]] + ["EndingSequenceNumber" in x["SequenceNumberRange"] for x in j["StreamDescription"]["Shards"]]')" = \
        "['DISABLED', True]"
    it=$($s get-shard-iterator --stream-arn "$arn" --shard-id "$shard" \
        --shard-iterator-type TRIM_HORIZON | json 'j["ShardIterator"]')
    out=$($s get-records --shard-iterator "$it")
    check "streams cli ($who): the closed shard keeps its records" \
        test "$(echo "$out" | json "$records")" = "$expected"
    check "streams cli ($who): ... and has no NextShardIterator at its end" \
        test "$(echo "$out" | json '"NextShardIterator" in j')" = False
    $d delete-table --table-name "$st" >/dev/null
    check "streams cli ($who): delete-table" test $? -eq 0
}
streams_cli "$url" sst-emu
if [ -n "${SST_DDB_LOCAL_ENDPOINT:-}" ]; then
    streams_cli "$SST_DDB_LOCAL_ENDPOINT" "DynamoDB Local"
fi

# ------------------------------------------------------------------ boto3
timeout 300 python3 "$here/clients.py" "$url" "$verify_url"
rc=$?
check "boto3 (clients.py)" test $rc -eq 0

# ------------------------------------------------------------------ program
"$emu" --help >"$tmp/help" 2>&1
check "--help exits 0" test $? -eq 0
check "--help shows the usage" grep -q '^Usage: sst-emu serve \[OPTIONS\]' "$tmp/help"
"$emu" serve --bogus >/dev/null 2>"$tmp/bogus"
check "a wrong option exits 2" test $? -eq 2
check "... and says which" grep -q "unknown option '--bogus'" "$tmp/bogus"
"$emu" serve --verify-signatures >/dev/null 2>&1
check "--verify-signatures without --credentials exits 2" test $? -eq 2
"$emu" serve --backend http://127.0.0.1:1 --plain-rows >/dev/null 2>"$tmp/plain"
check "--plain-rows with --backend exits 2" test $? -eq 2
check "... and says why" grep -q -- '--plain-rows applies to --data and --in-memory, not to --backend' "$tmp/plain"
# batch_after_put URL PID: on one kept-alive connection, create a table and
# put an item; print how many of PID's threads run as SCHED_BATCH (3, the
# 41st field of a task's stat) while the connection is still open.
batch_after_put() {
    timeout 30 python3 - "$1" "$2" <<'PY'
import glob, http.client, json, sys
url, pid = sys.argv[1], sys.argv[2]
c = http.client.HTTPConnection(url.split("//")[1])
h = {"Content-Type": "application/x-amz-json-1.0", "X-Amz-Date": "20260101T000000Z",
     "Authorization": "AWS4-HMAC-SHA256 Credential=k/20260101/us-east-1/dynamodb/aws4_request, "
                      "SignedHeaders=host, Signature=0"}
def call(op, body):
    c.request("POST", "/", json.dumps(body), dict(h, **{"X-Amz-Target": "DynamoDB_20120810." + op}))
    r = c.getresponse(); r.read(); assert r.status == 200, (op, r.status)
call("CreateTable", {"TableName": "sched", "BillingMode": "PAY_PER_REQUEST",
     "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
     "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]})
call("PutItem", {"TableName": "sched", "Item": {"pk": {"S": "a"}}})
n = 0
for f in glob.glob("/proc/%s/task/*/stat" % pid):
    try:
        n += open(f).read().rsplit(")", 1)[1].split()[38] == "3"
    except OSError:
        pass
print(n)
PY
}
if python3 -c 'import os; os.sched_setscheduler(0, os.SCHED_BATCH, os.sched_param(0))' 2>/dev/null; then
    start_emu sched --in-memory || exit 1
    check "a thread that serves PutItem runs as SCHED_BATCH" \
        test "$(batch_after_put "$URL" "$last_pid")" = 1
    start_emu normal --in-memory --normal-sched || exit 1
    check "--normal-sched: no thread does" \
        test "$(batch_after_put "$URL" "$last_pid")" = 0
else
    echo "  skip SCHED_BATCH checks: this system refuses the policy"
fi
# --data DIR: every write sst-emu acknowledged is in the directory. It
# survives a SIGKILL (nothing is held back in the process) and a SIGTERM,
# and the next sst-emu on the directory reads it back.
pairs='sorted(i["pk"]["S"] + "=" + i["n"]["N"] for i in j["Items"])'
start_emu data1 --data "$tmp/data" || exit 1
on "$URL" create-table --table-name durable --billing-mode PAY_PER_REQUEST \
    --attribute-definitions AttributeName=pk,AttributeType=S \
    --key-schema AttributeName=pk,KeyType=HASH >/dev/null
for i in 1 2 3; do
    on "$URL" put-item --table-name durable \
        --item "{\"pk\":{\"S\":\"k$i\"},\"n\":{\"N\":\"$i\"}}" >/dev/null
done
kill -KILL "$last_pid"
wait "$last_pid" 2>/dev/null
start_emu data2 --data "$tmp/data" || exit 1
check "--data: the writes acknowledged before a SIGKILL are there after it" \
    test "$(on "$URL" scan --table-name durable | json "$pairs")" = \
    "['k1=1', 'k2=2', 'k3=3']"
on "$URL" update-item --table-name durable --key '{"pk":{"S":"k2"}}' \
    --update-expression 'SET n = n + :d' \
    --expression-attribute-values '{":d":{"N":"10"}}' >/dev/null
on "$URL" delete-item --table-name durable --key '{"pk":{"S":"k3"}}' >/dev/null
kill -TERM "$last_pid"
wait "$last_pid"
check "--data: SIGTERM exits 0" test $? -eq 0
start_emu data3 --data "$tmp/data" || exit 1
check "--data: the update and the delete are there after a SIGTERM" \
    test "$(on "$URL" scan --table-name durable | json "$pairs")" = \
    "['k1=1', 'k2=12']"

port=${url##*:}
timeout 10 "$emu" serve --port "$port" --in-memory >/dev/null 2>"$tmp/taken"
check "a taken port exits 1" test $? -eq 1
check "... and says so" grep -q 'Address already in use' "$tmp/taken"

kill -TERM "$main_pid"
wait "$main_pid"
rc=$?
check "SIGTERM: exit 0" test $rc -eq 0
check "SIGTERM: says it shuts down" grep -q 'SIGTERM received, shutting down' "$tmp/main.err"
kill -INT "${pids[1]}"
wait "${pids[1]}"
check "SIGINT: exit 0" test $? -eq 0

echo "clients_cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
