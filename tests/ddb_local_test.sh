#!/usr/bin/env bash
# tests/ddb_local_test.sh - the DynamoDB Local launcher works: it starts
# DynamoDB Local, the endpoint answers ListTables, it listens on 127.0.0.1
# only, and the JVM is gone once the launcher returns (also when the
# command fails). Exit 77 (skip) where java is absent.
set -u
top=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
launcher="$top/tests/ddb-local"
passed=0 failed=0
check() { # NAME CONDITION...
    local name=$1; shift
    if "$@"; then passed=$((passed + 1)); echo "  ok   $name"
    else failed=$((failed + 1)); echo "  FAIL $name"; fi
}

if ! command -v java >/dev/null 2>&1; then
    echo "SKIP: DynamoDB Local launcher test (java not found)"
    exit 77
fi

out=$(mktemp)
trap 'rm -f "$out"' EXIT

# Inside the launcher: record the endpoint, pid, an answer and the bind.
"$launcher" exec bash -c '
    echo "endpoint=$SST_DDB_LOCAL_ENDPOINT"
    echo "pid=$SST_DDB_LOCAL_PID"
    port=${SST_DDB_LOCAL_ENDPOINT##*:}
    printf "answer="
    curl -s -m 5 -X POST "$SST_DDB_LOCAL_ENDPOINT/" \
        -H "X-Amz-Target: DynamoDB_20120810.ListTables" \
        -H "Content-Type: application/x-amz-json-1.0" \
        -H "Authorization: AWS4-HMAC-SHA256 Credential=t/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0" \
        -d "{}"
    echo
    echo "listen=$(ss -Hltn "sport = :$port" | awk "{print \$4}" | sort -u | tr "\n" " ")"
' >"$out" 2>/dev/null
rc=$?
cat "$out"
endpoint=$(sed -n 's/^endpoint=//p' "$out")
pid=$(sed -n 's/^pid=//p' "$out")
check "launcher exits 0" test "$rc" -eq 0
check "endpoint is on 127.0.0.1" bash -c "[[ '$endpoint' == http://127.0.0.1:* ]]"
check "ListTables answers" grep -qx 'answer={"TableNames":\[\]}' "$out"
check "listens on loopback only" bash -c "grep -q '^listen=' '$out' && ! grep '^listen=' '$out' | grep -qvE '^listen=((127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):[0-9]+ ?)+$'"
check "JVM is gone afterwards" bash -c "[ -n '$pid' ] && ! kill -0 '$pid' 2>/dev/null"

# A failing command: its status comes through and the JVM still stops.
"$launcher" exec bash -c 'echo "pid=$SST_DDB_LOCAL_PID"; exit 3' >"$out" 2>/dev/null
rc=$?
pid=$(sed -n 's/^pid=//p' "$out")
check "command status is passed through" test "$rc" -eq 3
check "JVM is gone after a failing command" bash -c "[ -n '$pid' ] && ! kill -0 '$pid' 2>/dev/null"

# A PATH holding every tool the launcher uses except the one named.
path_without() { # TOOL
    local dir t
    dir=$(mktemp -d)
    for t in bash sh cc gcc ld as curl grep sed awk mkdir mktemp dirname cat \
             sleep seq kill rm mv tar gzip ss sort tr head java npm node env \
             id printf cp ls; do
        [ "$t" = "$1" ] && continue
        command -v "$t" >/dev/null 2>&1 && ln -s "$(command -v "$t")" "$dir/$t"
    done
    echo "$dir"
}

# Without java: the command still runs, told why, and a SKIP line shows.
nojava=$(path_without java)
PATH="$nojava" "$launcher" exec bash -c 'echo "skip=$SST_DDB_LOCAL_SKIP endpoint=${SST_DDB_LOCAL_ENDPOINT:-none}"' >"$out" 2>&1
rc=$?
check "without java the command runs" test "$rc" -eq 0
check "without java a SKIP line shows" grep -q '^SKIP: tests that need DynamoDB Local (java not found)$' "$out"
check "without java the reason is exported" grep -q '^skip=java not found endpoint=none$' "$out"
rm -rf "$nojava"

# With java but nothing to run: a failure, and the command never runs.
nonpm=$(path_without npm)
empty=$(mktemp -d)
SST_CACHE_DIR="$empty" PATH="$nonpm" "$launcher" exec bash -c 'echo ran' >"$out" 2>&1
rc=$?
check "a failed start is a failure" test "$rc" -eq 1
check "a failed start does not run the command" bash -c "! grep -q '^ran$' '$out'"
check "a failed start says why" grep -q 'FAILED to start DynamoDB Local' "$out"
rm -rf "$nonpm" "$empty"

echo "ddb_local_test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
