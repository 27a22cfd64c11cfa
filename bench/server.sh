#!/usr/bin/env bash
# bench/server.sh [SECONDS] - sst-emu and DynamoDB Local side by side.
#
# Same load generator (wrk, 2 threads, 8 connections, bench/wrk/*.lua),
# same machine, same run: PutItem, GetItem and Query (100-item pages)
# throughput and p99 latency, start-up time to the first answered request
# and idle RSS (bench/startup, median of 9 runs), and RSS after the load.
# A bare libmicrohttpd server that answers a fixed 200 (bench/ceiling) runs the same load too: wrk and
# the server share this machine's cores, and that is the ceiling. It runs three times: with a 2-byte
# body, and with bodies of exactly the size of sst-emu's GetItem and Query answers (each operation's
# own ceiling, the cost of moving its bytes included; each runs right after sst-emu's run of its
# operation). The ceiling uses sst-emu's default thread
# model, a thread per connection. A last table runs GetItem and the 2-byte ceiling once more with
# the other model, a pool of one worker per CPU (sst-emu --threads N): more requests per second at
# saturation, a much longer tail.
#
# Those p99s are p99s at saturation: each server is driven as hard as it
# goes, on the 2 cores wrk uses too, so they mostly measure queueing and the
# scheduler. A second measurement gives both servers the same fixed rate per
# operation (wrk paced by bench/wrk/common.lua's delay(), SST_WRK_RATE) and
# compares p50 and p99 at that equal offered load: half of DynamoDB Local's
# saturated rate in this run, 2 significant digits; when DynamoDB Local is
# skipped (or measured nothing), PutItem 1500, GetItem 4500 and Query 500
# requests/s, about half of its rates on a quiet machine here.
# SST_BENCH_RATE_PUT, _GET and _QUERY set a rate outright. Each paced run
# must achieve its rate within 10% with no non-2xx answer; a row that does
# not gets no ratio and a WARNING line. The GetItem- and Query-sized
# ceilings run at those operations' rates too: the latency floor that the
# machine itself sets.
#
# Run it as `./dev bench-server [SECONDS]` (it builds what it needs and
# starts DynamoDB Local with tests/ddb-local). SECONDS (default 10) is the
# length of every wrk run, paced ones included: 19 runs in all. Prints
# markdown tables.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${SST_BUILD_DIR:-$top/build}
dur=${1:-10}
threads=2
export SST_WRK_DIR="$top/bench/wrk" SST_WRK_THREADS=$threads

if [ -z "${SST_DDB_LOCAL_ENDPOINT:-}" ] && [ -z "${SST_DDB_LOCAL_SKIP:-}" ]; then
    exec "$top/tests/ddb-local" exec "$0" "$@"
fi
command -v wrk >/dev/null || { echo "bench/server.sh: wrk not found" >&2; exit 2; }

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

free_port() {
    local p
    while :; do
        p=$(( 20000 + RANDOM % 40000 ))
        ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && { echo "$p"; return; }
    done
}

answers() { # URL: does ListTables answer 200?
    curl -s -o /dev/null -w '%{http_code}' -m 1 -X POST "$1/" \
        -H 'X-Amz-Target: DynamoDB_20120810.ListTables' \
        -H 'Content-Type: application/x-amz-json-1.0' -H 'X-Amz-Date: 20260101T000000Z' \
        -H 'Authorization: AWS4-HMAC-SHA256 Credential=sstlocal/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0' \
        -d '{}' 2>/dev/null | grep -q 200
}

rss_mb() { awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

# pct_ms PERCENT DIGITS <<<WRK_OUTPUT: that percentile of wrk --latency in ms
pct_ms() {
    awk -v p="$1%" -v d="$2" '$1 == p { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
                 if (u == "us") v /= 1000; else if (u == "s") v *= 1000;
                 printf "%.*f", d, v }'
}

# load URL SCRIPT [RATE] -> "requests/s p99_ms non2xx p50_ms p99_ms"
# (the first p99 with 2 decimals, the last two with 3); with RATE, wrk is
# paced to RATE requests/s in all (bench/wrk/common.lua).
load() {
    local out rps p50 p99 p99f bad
    out=$(SST_WRK_RATE=${3:-} wrk -t$threads -c8 -d"${dur}s" --latency \
        -s "$top/bench/wrk/$2" "$1" 2>&1)
    rps=$(awk '/^Requests\/sec:/ { printf "%d", $2 }' <<<"$out")
    p99=$(pct_ms 99 2 <<<"$out")
    p50=$(pct_ms 50 3 <<<"$out")
    p99f=$(pct_ms 99 3 <<<"$out")
    bad=$(awk '/Non-2xx/ { print $5 }' <<<"$out")
    echo "${rps:-0} ${p99:-0} ${bad:-0} ${p50:-0} ${p99f:-0}"
}

# --- sst-emu: start-up to the first answered request, idle RSS ---------
# bench/startup forks the server and polls it itself (a curl process per
# poll would add its own start-up to the figure): median of 9 runs.
port=$(free_port)
startup=$("$build/bench/startup" 9 "$port" "$build/emu/server/sst-emu" serve \
    --port "$port" --in-memory | tail -n 1)
emu_start=$(awk '{ print $5 }' <<<"$startup")
emu_idle=$(awk '{ printf "%.1f", $10 / 1024 }' <<<"$startup")

port=$(free_port)
"$build/emu/server/sst-emu" serve --port "$port" --in-memory >/dev/null 2>&1 &
emu_pid=$!; pids+=("$emu_pid")
for _ in $(seq 5000); do answers "http://127.0.0.1:$port" && break; sleep 0.001; done
answers "http://127.0.0.1:$port" || { echo "bench/server.sh: sst-emu does not answer" >&2; exit 1; }
emu_url="http://127.0.0.1:$port"

# start_ceiling BYTES [MODEL]: a bare server answering bodies of BYTES
# bytes, at $ceil_url (not in a subshell: cleanup must know its pid)
start_ceiling() {
    local port
    port=$(free_port)
    "$build/bench/ceiling" "$port" "$1" "${2:-connection}" >/dev/null 2>&1 &
    pids+=("$!")
    until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do sleep 0.01; done
    ceil_url="http://127.0.0.1:$port"
}

# answer_bytes URL OP BODY -> the length of the answer's body
answer_bytes() {
    curl -s -m 5 -X POST "$1/" -H "X-Amz-Target: DynamoDB_20120810.$2" \
        -H 'Content-Type: application/x-amz-json-1.0' -H 'X-Amz-Date: 20260101T000000Z' \
        -H 'Authorization: AWS4-HMAC-SHA256 Credential=sstlocal/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0' \
        -d "$3" | wc -c
}

declare -A R FLOOR_URL BYTES
for side in emu ddb; do
    if [ "$side" = ddb ]; then
        [ -n "${SST_DDB_LOCAL_ENDPOINT:-}" ] || continue
        url=$SST_DDB_LOCAL_ENDPOINT
    else
        url=$emu_url
    fi
    python3 "$top/bench/prefill.py" "$url"
    if [ "$side" = emu ]; then
        BYTES[get]=$(answer_bytes "$emu_url" GetItem '{"TableName":"bench","Key":{"pk":{"S":"g1"},"sk":{"S":"s"}}}')
        BYTES[query]=$(answer_bytes "$emu_url" Query '{"TableName":"bench","KeyConditionExpression":"pk = :p","ExpressionAttributeValues":{":p":{"S":"q"}}}')
    fi
    for op in put get query; do
        R[$side.$op]=$(load "$url" "$op.lua")
        # the ceiling of the same body size right after sst-emu's run: the
        # share compares two runs seconds apart, whatever the machine's
        # other tenants do over the minutes of the whole benchmark
        if [ "$side" = emu ] && [ -n "${BYTES[$op]:-}" ]; then
            start_ceiling "${BYTES[$op]}"
            R[ceil.$op]=$(load "$ceil_url" ping.lua)
            FLOOR_URL[$op]=$ceil_url
        fi
    done
done
get_bytes=${BYTES[get]} query_bytes=${BYTES[query]}
start_ceiling 2
R[ceil.empty]=$(load "$ceil_url" ping.lua)
emu_busy=$(rss_mb "$emu_pid")

# --- the other thread model: a pool of one worker per CPU ---------------
cpus=$(nproc)
[ "$cpus" -ge 2 ] || cpus=2
port=$(free_port)
"$build/emu/server/sst-emu" serve --port "$port" --in-memory --threads "$cpus" >/dev/null 2>&1 &
pids+=("$!")
for _ in $(seq 5000); do answers "http://127.0.0.1:$port" && break; sleep 0.001; done
python3 "$top/bench/prefill.py" "http://127.0.0.1:$port" >/dev/null
R[pool.get]=$(load "http://127.0.0.1:$port" get.lua)
start_ceiling 2 pool
R[pool.ceil]=$(load "$ceil_url" ping.lua)
ddb_rss=n/a
[ -n "${SST_DDB_LOCAL_PID:-}" ] && ddb_rss=$(rss_mb "$SST_DDB_LOCAL_PID")

# --- p99 at equal offered load: the same fixed rate for both servers -----
# Interleaved per operation (sst-emu, then DynamoDB Local), so that both
# see about the same background load on the shared machine. GetItem and
# Query then run the ceiling of the same body size at the same rate: the
# latency floor that the machine and wrk set, with no server work at all.
declare -A RATE RATE_FROM
fixed_rate() { case $1 in put) echo 1500;; get) echo 4500;; query) echo 500;; esac; }
half_2sig() { # N -> N/2 rounded to 2 significant digits (0 for 0)
    awk -v n="$1" 'BEGIN { x = n / 2; if (x < 1) { print 0; exit }
        e = 10 ^ (int(log(x) / log(10)) - 1); if (e < 1) e = 1;
        printf "%d", int(x / e + 0.5) * e }'
}
for op in put get query; do
    var=SST_BENCH_RATE_${op^^}
    ddb_rps=$(awk '{ print $1 }' <<<"${R[ddb.$op]:-0}")
    if [ -n "${!var:-}" ]; then
        RATE[$op]=${!var}; RATE_FROM[$op]="set by $var"
    elif [ "$(half_2sig "$ddb_rps")" -gt 0 ]; then
        RATE[$op]=$(half_2sig "$ddb_rps"); RATE_FROM[$op]="half of DynamoDB Local's $ddb_rps"
    else
        RATE[$op]=$(fixed_rate $op); RATE_FROM[$op]="fixed"
    fi
    R[emu.paced.$op]=$(load "$emu_url" "$op.lua" "${RATE[$op]}")
    if [ -n "${SST_DDB_LOCAL_ENDPOINT:-}" ]; then
        R[ddb.paced.$op]=$(load "$SST_DDB_LOCAL_ENDPOINT" "$op.lua" "${RATE[$op]}")
    fi
    if [ -n "${FLOOR_URL[$op]:-}" ]; then
        R[ceil.paced.$op]=$(load "${FLOOR_URL[$op]}" ping.lua "${RATE[$op]}")
    fi
done

col() { awk -v i="$2" '{ print $i }' <<<"${R[$1]:-0 0 0}"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "n/a" }'; }

echo
echo "| | sst-emu | DynamoDB Local | sst-emu / DynamoDB Local |"
echo "|---|---|---|---|"
for op in put get query; do
    name=$(case $op in put) echo PutItem;; get) echo GetItem;; query) echo "Query (100 items)";; esac)
    echo "| $name req/s | $(col emu.$op 1) | $(col ddb.$op 1) | $(ratio "$(col emu.$op 1)" "$(col ddb.$op 1)") |"
    echo "| $name p99 ms | $(col emu.$op 2) | $(col ddb.$op 2) | $(ratio "$(col ddb.$op 2)" "$(col emu.$op 2)") lower |"
done
echo "| start-up ms | $emu_start | ${SST_DDB_LOCAL_STARTUP_MS:-n/a} | $(ratio "${SST_DDB_LOCAL_STARTUP_MS:-0}" "$emu_start") faster |"
echo "| RSS MB (idle / after load) | $emu_idle / $emu_busy | $ddb_rss (after load) | |"
echo
pct() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f%%", 100 * a / b; else print "n/a" }'; }
# The ceiling's own p99 at saturation: what the machine's scheduler gives
# a server that does no work at all, under the same closed-loop load.
echo "| ceiling (fixed 200, same load) | req/s | p99 ms | sst-emu's share |"
echo "|---|---|---|---|"
echo "| 2-byte body | $(col ceil.empty 1) | $(col ceil.empty 2) | GetItem $(pct "$(col emu.get 1)" "$(col ceil.empty 1)"), Query $(pct "$(col emu.query 1)" "$(col ceil.empty 1)") |"
echo "| GetItem-sized body ($get_bytes bytes) | $(col ceil.get 1) | $(col ceil.get 2) | GetItem $(pct "$(col emu.get 1)" "$(col ceil.get 1)") |"
echo "| Query-sized body ($query_bytes bytes) | $(col ceil.query 1) | $(col ceil.query 2) | Query $(pct "$(col emu.query 1)" "$(col ceil.query 1)") |"

echo
echo "| thread model (GetItem, saturated) | sst-emu req/s | sst-emu p99 ms | ceiling, 2-byte body, req/s | ceiling p99 ms | sst-emu's share |"
echo "|---|---|---|---|---|---|"
echo "| a thread per connection (default) | $(col emu.get 1) | $(col emu.get 2) | $(col ceil.empty 1) | $(col ceil.empty 2) | $(pct "$(col emu.get 1)" "$(col ceil.empty 1)") |"
echo "| a pool of $cpus workers (--threads $cpus) | $(col pool.get 1) | $(col pool.get 2) | $(col pool.ceil 1) | $(col pool.ceil 2) | $(pct "$(col pool.get 1)" "$(col pool.ceil 1)") |"

# paced_ok KEY RATE: did that paced run achieve RATE within 10%, all 2xx?
paced_ok() {
    [ -n "${R[$1]:-}" ] && [ "$(col "$1" 3)" = 0 ] &&
        awk -v a="$(col "$1" 1)" -v r="$2" 'BEGIN { exit !(a >= 0.9 * r && a <= 1.1 * r) }'
}
missed() { # KEY RATE
    echo "$1 achieved $(col "$1" 1) req/s of $2 offered, with $(col "$1" 3) non-2xx answers: that row is not valid"
}
echo
echo "| equal offered load | offered req/s | sst-emu req/s | sst-emu p50 / p99 ms | DynamoDB Local req/s | DynamoDB Local p50 / p99 ms | DynamoDB Local / sst-emu: p99 (p50) |"
echo "|---|---|---|---|---|---|---|"
warnings=()
for op in put get query; do
    name=$(case $op in put) echo PutItem;; get) echo GetItem;; query) echo "Query (100 items)";; esac)
    rate=${RATE[$op]}
    cells=""
    for side in emu ddb; do
        k=$side.paced.$op
        if [ -z "${R[$k]:-}" ]; then
            cells+=" n/a | n/a |"
        else
            cells+=" $(col $k 1) | $(col $k 4) / $(col $k 5) |"
            paced_ok "$k" "$rate" || warnings+=("WARNING: $(missed "$k" "$rate")")
        fi
    done
    if [ -z "${R[ddb.paced.$op]:-}" ]; then
        verdict="n/a"
    elif paced_ok "emu.paced.$op" "$rate" && paced_ok "ddb.paced.$op" "$rate"; then
        verdict="$(ratio "$(col ddb.paced.$op 5)" "$(col emu.paced.$op 5)")"
        verdict+=" ($(ratio "$(col ddb.paced.$op 4)" "$(col emu.paced.$op 4)"))"
    else
        verdict="not valid: rate missed"
    fi
    echo "| $name | $rate (${RATE_FROM[$op]}) |$cells $verdict |"
    k=ceil.paced.$op
    if [ -n "${R[$k]:-}" ]; then
        paced_ok "$k" "$rate" || warnings+=("WARNING: $(missed "$k" "$rate")")
        echo "| ceiling, ${name%% *}-sized body (the floor) | $rate | $(col $k 1) | $(col $k 4) / $(col $k 5) | | | |"
    fi
done
echo
for k in emu.put emu.get emu.query ddb.put ddb.get ddb.query pool.get; do
    [ "$(col $k 3)" = 0 ] || echo "WARNING: $k had $(col $k 3) non-2xx answers: that row is not valid"
done
for w in "${warnings[@]}"; do echo "$w"; done
