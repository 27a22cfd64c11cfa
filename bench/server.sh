#!/usr/bin/env bash
# bench/server.sh [SECONDS] - sst-emu and DynamoDB Local side by side.
#
# Same load generator (wrk, 2 threads, 8 connections, bench/wrk/*.lua),
# same machine, same run: PutItem, GetItem and Query throughput and p99
# latency, Query both with 1-item pages (an answer of GetItem's size) and
# with 100-item pages (105 KB), start-up time to the first answered request
# and idle RSS (bench/startup, median of 9 runs), and RSS after the load.
#
# A bare libmicrohttpd server that answers a fixed 200 (bench/ceiling) runs
# the same load too: wrk and the server share this machine's cores, and
# that is the ceiling. It runs with a 2-byte body, and with bodies of
# exactly the size of sst-emu's GetItem and Query answers (each operation's
# own ceiling, the cost of moving its bytes included).
#
# Everything runs in SST_BENCH_ROUNDS rounds (default 4), since single runs
# of the same tree move by a fifth on this shared machine. In each round
# sst-emu runs every operation, each read followed at once by its
# same-size ceiling, then the 2-byte ceiling runs, then DynamoDB Local
# runs every operation. Round 1 is DynamoDB Local's first load of each
# operation: its JVM is not warmed up, and it answers a third to a half
# fewer requests, with p99s two to twenty times longer, than from round 2
# on. So the comparison is the median of rounds 2 on (DynamoDB Local's
# steady state), and round 1 gets a table of its own (the issue's
# orientation figures, about 2,500 PutItems/s and 7,700 GetItems/s, are
# that cold state). The shares of the ceilings are computed per round,
# from runs seconds apart, and their median over all rounds is the figure.
# The ceiling uses sst-emu's default thread model, a thread per
# connection. A last table runs GetItem and the 2-byte ceiling once more
# with the other model, a pool of one worker per CPU (sst-emu --threads N):
# more requests per second at saturation, a much longer tail.
#
# PutItem runs twice in each round. Once on the main sst-emu, whose store
# grows with every round's new keys (about 1.1 million 1 KB items, 2 GB,
# by round 4 at 8 s), and once on a fresh sst-emu of its own, whose store
# holds only that run's items (about 300,000): still more than DynamoDB
# Local's store, which grows by 20,000 to 30,000 items a round. On this VM
# a store that keeps growing slows down: its new pages are memory the
# host has taken back (free page reporting), and zeroing them costs more
# and more system time per page (docs/performance.md). Both are reported,
# with sst-emu's CPU per PutItem (user and system µs, page faults).
#
# Every saturated run is made again from the C client, bench/loadgen in
# closed loop (8 connections, one epoll thread: a third less CPU per
# request than wrk's Lua, taken from the same 2 cores), PutItem on a fresh
# sst-emu, with the 2-byte ceiling; the issue allows either generator, and
# both are reported, each for both servers.
#
# Those p99s are p99s at saturation: each server is driven as hard as it
# goes, on the 2 cores wrk uses too, so they mostly measure queueing and the
# scheduler. A second measurement gives both servers the same fixed rate per
# operation (bench/loadgen, a C client, open loop: one request due every
# 1/rate s, sent on any idle one of 8 connections, its latency counted from
# the instant it was due, so that a server's stalls are charged for the
# requests that queue behind them) and compares p50 and p99 at that equal
# offered load, and p99 counted from the send as wrk counts: half of DynamoDB Local's
# saturated rate in this run, 2 significant digits; when DynamoDB Local is
# skipped (or measured nothing), PutItem 1500, GetItem and 1-item Query
# 4500, 100-item Query 500 requests/s, about half of its rates on a quiet
# machine here. SST_BENCH_RATE_PUT, _GET, _QUERY1 and _QUERY set a rate
# outright. The paced runs go in SST_BENCH_PACED_ROUNDS rounds (default 3)
# and each figure is the median of its rounds. PutItem is paced twice: on
# the sst-emu of the saturated runs, whose store by then holds every item
# of them (about ten times DynamoDB Local's), and on a new sst-emu in each
# round, with the prefilled items only. Each paced run must achieve
# its rate within 10% with no non-2xx answer; a row that does not gets no
# ratio and a WARNING line. The GetItem- and Query-sized ceilings run at
# those operations' rates too: the latency floor that the machine itself
# sets.
#
# Run it as `./dev bench-server [SECONDS]` (it builds what it needs and
# starts DynamoDB Local with tests/ddb-local). SECONDS (default 10) is the
# length of every load run, the paced ones included: 123 runs in all with 4
# rounds and 3 paced rounds, about 22 minutes at 10 s (8 s: 18 minutes).
# Prints markdown tables.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${SST_BUILD_DIR:-$top/build}
dur=${1:-10}
rounds=${SST_BENCH_ROUNDS:-4}
[ "$rounds" -ge 1 ] || rounds=1
threads=2
export SST_WRK_DIR="$top/bench/wrk" SST_WRK_THREADS=$threads

if [ -z "${SST_DDB_LOCAL_ENDPOINT:-}" ] && [ -z "${SST_DDB_LOCAL_SKIP:-}" ]; then
    exec "$top/tests/ddb-local" exec "$0" "$@"
fi
command -v wrk >/dev/null || { echo "bench/server.sh: wrk not found" >&2; exit 2; }

# SST_BENCH_IDLE_POLL=1: hold a CPU latency request of 0 µs
# (/dev/cpu_dma_latency, root only) for the whole run, so that an idle CPU
# polls instead of halting. On a VM whose guest halts at once
# (haltpoll.guest_halt_poll_ns=0), a request that reaches an idle vCPU
# waits for the host to run it again: 0.3 to 4 ms, the same for every
# server, and most of a paced run's p99 (docs/performance.md, "Idle CPUs
# and the paced p99"). A process of its own holds the request, so that
# the servers this script starts do not inherit it; that process ends
# with the script, even a killed one (tail --pid), and the request with it.
idle_poll="not held (SST_BENCH_IDLE_POLL unset)"
hold_pid=
if [ "${SST_BENCH_IDLE_POLL:-0}" = 1 ]; then
    (exec 9>/dev/cpu_dma_latency && printf 0 >&9 &&
        exec tail --pid=$$ -f /dev/null) 2>/dev/null &
    hold_pid=$!
    sleep 0.2
    if kill -0 "$hold_pid" 2>/dev/null; then
        idle_poll="held at 0 µs (/dev/cpu_dma_latency): idle CPUs poll"
    else
        idle_poll="asked for, but /dev/cpu_dma_latency is not writable: not held"
        hold_pid=
    fi
fi

# The machine's CPU time over the whole run, from /proc/stat's first
# line: the host's share (steal) tells a run on a busy host from a quiet
# one; "nothing else running" is the other half of that.
cpu_stat() { awk '$1 == "cpu" { print $2 + $3, $4, $5 + $6, $7 + $8, $9; exit }' /proc/stat; }
cpu_start=$(cpu_stat)

pids=(${hold_pid:+"$hold_pid"})
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
# cpu_of PID -> "utime stime minflt" (clock ticks, faults)
cpu_of() { awk '{ print $14, $15, $10 }' "/proc/$1/stat"; }
# cpu_per REQUESTS BEFORE AFTER -> "user_us sys_us faults_per_request"
cpu_per() {
    awk -v n="$1" -v hz="$(getconf CLK_TCK)" -v b="$2" -v a="$3" 'BEGIN {
        split(b, x, " "); split(a, y, " "); if (n <= 0) n = 1
        printf "%.0f %.0f %.2f", (y[1] - x[1]) * 1e6 / hz / n,
            (y[2] - x[2]) * 1e6 / hz / n, (y[3] - x[3]) / n }'
}

# pct_ms PERCENT DIGITS <<<WRK_OUTPUT: that percentile of wrk --latency in ms
pct_ms() {
    awk -v p="$1%" -v d="$2" '$1 == p { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
                 if (u == "us") v /= 1000; else if (u == "s") v *= 1000;
                 printf "%.*f", d, v }'
}

# load URL SCRIPT -> "requests/s p99_ms non2xx p50_ms p99_ms" (the first
# p99 with 2 decimals, the last two with 3): wrk at saturation.
load() {
    local out rps p50 p99 p99f bad
    out=$(wrk -t$threads -c8 -d"${dur}s" --latency \
        -s "$top/bench/wrk/$2" "$1" 2>&1)
    rps=$(awk '/^Requests\/sec:/ { printf "%d", $2 }' <<<"$out")
    p99=$(pct_ms 99 2 <<<"$out")
    p50=$(pct_ms 50 3 <<<"$out")
    p99f=$(pct_ms 99 3 <<<"$out")
    bad=$(awk '/Non-2xx/ { print $5 }' <<<"$out")
    echo "${rps:-0} ${p99:-0} ${bad:-0} ${p50:-0} ${p99f:-0}"
}

# pace URL OP RATE -> "requests/s p99_ms non2xx p50_ms p99_ms sent_p50_ms
# sent_p99_ms late": bench/loadgen at RATE requests/s over 8 connections
# (OP: put, get, query1, query, ping); the first three latencies count from
# each request's due instant, the sent_ ones from the moment it went out.
# Nothing when loadgen failed (a connection lost).
pace() {
    { "$build/bench/loadgen" "${1##*:}" "$2" "$dur" --conns 8 --rate "$3" || true; } |
        awk '{ for (i = 1; i < NF; i += 2) v[$i] = $(i + 1)
               printf "%d %.2f %d %.3f %.3f %.3f %.3f %d\n", v["rps"], v["p99"],
                   v["non2xx"], v["p50"], v["p99"], v["sent_p50"], v["sent_p99"], v["late"] }'
}

# cload URL OP TAG -> "requests/s p99_ms non2xx p50_ms p99_ms", as load():
# bench/loadgen in closed loop (8 connections, one thread), the C client
# that takes a third less CPU per request than wrk from the cores the
# server shares. PutItem keys carry TAG.
cload() {
    { "$build/bench/loadgen" "${1##*:}" "$2" "$dur" --conns 8 --run "$3" || true; } |
        awk '{ for (i = 1; i < NF; i += 2) v[$i] = $(i + 1)
               printf "%d %.2f %d %.3f %.3f\n", v["rps"], v["p99"],
                   v["non2xx"], v["p50"], v["p99"] }'
}

# --- sst-emu: start-up to the first answered request, idle RSS ---------
# bench/startup forks the server and times it to its first answered
# request itself (a curl process would add its own start-up): median of 9
# runs. With --ready it waits for the ready line before it connects, as a
# harness does; polling every 100 µs from the fork is the second figure
# (the polling takes CPU from the server starting up). The bare ceiling
# server, libmicrohttpd alone, is the machine's floor.
port=$(free_port)
startup=$("$build/bench/startup" --ready 9 "$port" "$build/emu/server/sst-emu" \
    serve --port "$port" --in-memory | tail -n 1)
emu_start=$(awk '{ print $5 }' <<<"$startup")
emu_idle=$(awk '{ printf "%.1f", $10 / 1024 }' <<<"$startup")
port=$(free_port)
emu_start_polled=$("$build/bench/startup" 9 "$port" "$build/emu/server/sst-emu" \
    serve --port "$port" --in-memory | tail -n 1 | awk '{ print $5 }')
port=$(free_port)
ceil_start=$("$build/bench/startup" --ready 9 "$port" "$build/bench/ceiling" \
    "$port" 2 | tail -n 1 | awk '{ print $5 }')

# start_emu [ARGS...]: a new in-memory sst-emu that answers (EMU_PID,
# EMU_URL; not in a subshell: cleanup must know its pid)
start_emu() {
    local port
    port=$(free_port)
    "$build/emu/server/sst-emu" serve --port "$port" --in-memory "$@" >/dev/null 2>&1 &
    EMU_PID=$!; pids+=("$EMU_PID")
    EMU_URL="http://127.0.0.1:$port"
    for _ in $(seq 5000); do answers "$EMU_URL" && break; sleep 0.001; done
    answers "$EMU_URL" || { echo "bench/server.sh: sst-emu $* does not answer" >&2; exit 1; }
}
start_emu
emu_pid=$EMU_PID emu_url=$EMU_URL

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

# median N... -> the middle value (the lower middle of an even count)
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
share() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f", 100 * a / b; else print 0 }'; }
rps_of() { awk '{ print $1 }' <<<"${R[$1]:-0}"; }
# keep_median KEY FIRST [LAST]: R[KEY] from the rounds' R[KEY.FIRST] ..
# R[KEY.LAST] (LAST: $rounds), each figure the median of its rounds
# (non-2xx answers: the most of any round)
keep_median() {
    local i c v out="" cols
    cols=$(awk '{ print NF }' <<<"${R[$1.$2]:-0 0 0 0 0}")
    for c in $(seq "$cols"); do
        v=()
        for i in $(seq "$2" "${3:-$rounds}"); do v+=("$(awk -v c=$c '{ print $c }' <<<"${R[$1.$i]:-0 0 0 0 0 0 0 0}")"); done
        if [ $c = 3 ]; then
            out+="$(printf '%s\n' "${v[@]}" | sort -n | tail -n 1) "
        else
            out+="$(median "${v[@]}") "
        fi
    done
    R[$1]=${out% }
}

QUERY='{"TableName":"bench","KeyConditionExpression":"pk = :p","ExpressionAttributeValues":{":p":{"S":"%s"}}}'
declare -A R FLOOR_URL BYTES SHARES SHARES2 CSHARES2
python3 "$top/bench/prefill.py" "$emu_url"
[ -z "${SST_DDB_LOCAL_ENDPOINT:-}" ] || python3 "$top/bench/prefill.py" "$SST_DDB_LOCAL_ENDPOINT"
BYTES[get]=$(answer_bytes "$emu_url" GetItem '{"TableName":"bench","Key":{"pk":{"S":"g500"},"sk":{"S":"s"}}}')
# shellcheck disable=SC2059
BYTES[query1]=$(answer_bytes "$emu_url" Query "$(printf "$QUERY" g500)")
# shellcheck disable=SC2059
BYTES[query]=$(answer_bytes "$emu_url" Query "$(printf "$QUERY" q)")
for op in get query1 query; do
    start_ceiling "${BYTES[$op]}"
    FLOOR_URL[$op]=$ceil_url
done
start_ceiling 2
FLOOR_URL[empty]=$ceil_url
# $rounds rounds. In each, sst-emu runs every operation, each read
# followed at once by the ceiling with a body of its answer's size, then
# the 2-byte ceiling runs, then DynamoDB Local runs every operation.
# PutItem inserts new keys in every round (SST_WRK_RUN). Round 1 is
# DynamoDB Local's first load of each operation, its JVM not warmed up
# yet; the figures compared are the medians of rounds 2 on (its steady
# state), and round 1 gets a table of its own. Each share of a ceiling
# compares runs seconds apart, and its figure is the median of all rounds.
# start_fresh: a new sst-emu of its own, prefilled (FRESH_PID, FRESH_URL)
start_fresh() {
    start_emu
    FRESH_PID=$EMU_PID FRESH_URL=$EMU_URL
    python3 "$top/bench/prefill.py" "$FRESH_URL" >/dev/null
}
stop_fresh() {
    kill "$FRESH_PID" 2>/dev/null || true
    wait "$FRESH_PID" 2>/dev/null || true
}
# put_fresh ROUND: PutItem on a new sst-emu of its own (R[fresh.put.ROUND],
# CPU[fresh.put.ROUND], FRESH_RSS)
put_fresh() {
    local pid url before
    start_fresh
    pid=$FRESH_PID url=$FRESH_URL
    before=$(cpu_of "$pid")
    R[fresh.put.$1]=$(SST_WRK_RUN=$1 load "$url" put.lua)
    CPU[fresh.put.$1]=$(cpu_per "$(col0 "fresh.put.$1")" "$before" "$(cpu_of "$pid")")
    FRESH_RSS=$(rss_mb "$pid")
    stop_fresh
}
# col0 KEY: the requests of a run (its rate times the run's seconds)
col0() { awk -v d="$dur" '{ printf "%d", $1 * d }' <<<"${R[$1]:-0}"; }
declare -A CPU
FRESH_RSS=n/a
for i in $(seq "$rounds"); do
    before=$(cpu_of "$emu_pid")
    R[emu.put.$i]=$(SST_WRK_RUN=$i load "$emu_url" put.lua)
    CPU[emu.put.$i]=$(cpu_per "$(col0 "emu.put.$i")" "$before" "$(cpu_of "$emu_pid")")
    put_fresh "$i"
    for op in get query1 query; do
        R[emu.$op.$i]=$(load "$emu_url" "$op.lua")
        R[ceil.$op.$i]=$(load "${FLOOR_URL[$op]}" ping.lua)
    done
    R[ceil.empty.$i]=$(load "${FLOOR_URL[empty]}" ping.lua)
    for op in get query1 query; do
        SHARES[$op]+="$(share "$(rps_of emu.$op.$i)" "$(rps_of ceil.$op.$i)") "
        SHARES2[$op]+="$(share "$(rps_of emu.$op.$i)" "$(rps_of ceil.empty.$i)") "
    done
    if [ -n "${SST_DDB_LOCAL_ENDPOINT:-}" ]; then
        R[ddb.put.$i]=$(SST_WRK_RUN=$i load "$SST_DDB_LOCAL_ENDPOINT" put.lua)
        for op in get query1 query; do
            R[ddb.$op.$i]=$(load "$SST_DDB_LOCAL_ENDPOINT" "$op.lua")
        done
    fi
    # the same saturated load from the C client (PutItem on a fresh
    # sst-emu, as put_fresh), then the 2-byte ceiling, then DynamoDB Local
    start_fresh
    R[c.emu.put.$i]=$(cload "$FRESH_URL" put "c$i")
    stop_fresh
    for op in get query1 query; do
        R[c.emu.$op.$i]=$(cload "$emu_url" "$op" "c$i")
    done
    R[c.ceil.$i]=$(cload "${FLOOR_URL[empty]}" ping "c$i")
    for op in get query1 query; do
        CSHARES2[$op]+="$(share "$(rps_of c.emu.$op.$i)" "$(rps_of c.ceil.$i)") "
    done
    if [ -n "${SST_DDB_LOCAL_ENDPOINT:-}" ]; then
        for op in put get query1 query; do
            R[c.ddb.$op.$i]=$(cload "$SST_DDB_LOCAL_ENDPOINT" "$op" "c$i")
        done
    fi
done
warm=$(( rounds > 1 ? 2 : 1 ))
keep_median fresh.put "$warm"
for op in put get query1 query; do
    keep_median "emu.$op" "$warm"
    [ -z "${SST_DDB_LOCAL_ENDPOINT:-}" ] || keep_median "ddb.$op" "$warm"
    [ "$op" = put ] || keep_median "ceil.$op" 1
done
keep_median ceil.empty 1
keep_median c.ceil 1
for op in put get query1 query; do
    keep_median "c.emu.$op" "$warm"
    [ -z "${SST_DDB_LOCAL_ENDPOINT:-}" ] || keep_median "c.ddb.$op" "$warm"
done
get_bytes=${BYTES[get]} query1_bytes=${BYTES[query1]} query_bytes=${BYTES[query]}
emu_busy=$(rss_mb "$emu_pid")

# --- the other thread model: a pool of one worker per CPU ---------------
cpus=$(nproc)
[ "$cpus" -ge 2 ] || cpus=2
start_emu --threads "$cpus"
python3 "$top/bench/prefill.py" "$EMU_URL" >/dev/null
R[pool.get]=$(load "$EMU_URL" get.lua)
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
fixed_rate() { case $1 in put) echo 1500;; get|query1) echo 4500;; query) echo 500;; esac; }
half_2sig() { # N -> N/2 rounded to 2 significant digits (0 for 0)
    awk -v n="$1" 'BEGIN { x = n / 2; if (x < 1) { print 0; exit }
        e = 10 ^ (int(log(x) / log(10)) - 1); if (e < 1) e = 1;
        printf "%d", int(x / e + 0.5) * e }'
}
prounds=${SST_BENCH_PACED_ROUNDS:-3}
[ "$prounds" -ge 1 ] || prounds=1
for op in put get query1 query; do
    var=SST_BENCH_RATE_${op^^}
    ddb_rps=$(awk '{ print $1 }' <<<"${R[ddb.$op]:-0}")
    if [ -n "${!var:-}" ]; then
        RATE[$op]=${!var}; RATE_FROM[$op]="set by $var"
    elif [ "$(half_2sig "$ddb_rps")" -gt 0 ]; then
        RATE[$op]=$(half_2sig "$ddb_rps"); RATE_FROM[$op]="half of DynamoDB Local's $ddb_rps"
    else
        RATE[$op]=$(fixed_rate $op); RATE_FROM[$op]="fixed"
    fi
done
# $prounds rounds of the paced runs: single runs' p99s at these loads move
# by half on this machine, so each figure is the median of the rounds
for j in $(seq "$prounds"); do
    for op in put get query1 query; do
        R[emu.paced.$op.$j]=$(pace "$emu_url" "$op" "${RATE[$op]}")
        if [ "$op" = put ]; then
            # and on a new sst-emu: the first one's store holds every
            # item of its saturated runs, ten times DynamoDB Local's
            start_fresh
            R[fresh.paced.$op.$j]=$(pace "$FRESH_URL" "$op" "${RATE[$op]}")
            stop_fresh
        fi
        if [ -n "${SST_DDB_LOCAL_ENDPOINT:-}" ]; then
            R[ddb.paced.$op.$j]=$(pace "$SST_DDB_LOCAL_ENDPOINT" "$op" "${RATE[$op]}")
        fi
        if [ -n "${FLOOR_URL[$op]:-}" ]; then
            R[ceil.paced.$op.$j]=$(pace "${FLOOR_URL[$op]}" ping "${RATE[$op]}")
        fi
    done
done
for op in put get query1 query; do
    for side in emu fresh ddb ceil; do
        [ -z "${R[$side.paced.$op.1]:-}" ] || keep_median "$side.paced.$op" 1 "$prounds"
    done
done

op_name() { case $1 in put) echo PutItem;; get) echo GetItem;; query1) echo "Query (1 item)";; query) echo "Query (100 items)";; esac; }
col() { awk -v i="$2" '{ print $i }' <<<"${R[$1]:-0 0 0}"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "n/a" }'; }

if [ "$warm" = 2 ]; then
    steady="median of rounds 2 to $rounds: DynamoDB Local's steady state"
else
    steady="one round"
fi
echo
echo "CPU idle states: $idle_poll."
awk -v b="$cpu_start" -v a="$(cpu_stat)" 'BEGIN {
    split(b, x, " "); split(a, y, " "); t = 0
    for (i = 1; i <= 5; i++) { d[i] = y[i] - x[i]; t += d[i] }
    if (t <= 0) t = 1
    printf "CPU time over the run: user %.0f%%, system %.0f%%, idle %.0f%%, interrupts %.0f%%, steal (the host) %.0f%%.\n",
        100 * d[1] / t, 100 * d[2] / t, 100 * d[3] / t, 100 * d[4] / t, 100 * d[5] / t }'

echo
echo "| $steady | sst-emu | DynamoDB Local | sst-emu / DynamoDB Local |"
echo "|---|---|---|---|"
echo "| PutItem req/s, a fresh store each round | $(col fresh.put 1) | $(col ddb.put 1) | $(ratio "$(col fresh.put 1)" "$(col ddb.put 1)") |"
echo "| PutItem p99 ms, a fresh store each round | $(col fresh.put 2) | $(col ddb.put 2) | $(ratio "$(col ddb.put 2)" "$(col fresh.put 2)") lower |"
for op in put get query1 query; do
    name=$(op_name $op)
    [ $op = put ] && name="PutItem, one store growing over the rounds,"
    echo "| $name req/s | $(col emu.$op 1) | $(col ddb.$op 1) | $(ratio "$(col emu.$op 1)" "$(col ddb.$op 1)") |"
    echo "| $name p99 ms | $(col emu.$op 2) | $(col ddb.$op 2) | $(ratio "$(col ddb.$op 2)" "$(col emu.$op 2)") lower |"
done
echo "| start-up ms (to the first answer; the bare ceiling server: $ceil_start; sst-emu polled from the fork: $emu_start_polled) | $emu_start | ${SST_DDB_LOCAL_STARTUP_MS:-n/a} | $(ratio "${SST_DDB_LOCAL_STARTUP_MS:-0}" "$emu_start") faster |"
echo "| RSS MB (idle / after load) | $emu_idle / $emu_busy ($FRESH_RSS: a fresh store after its PutItem run) | $ddb_rss (after load) | |"
if [ "$warm" = 2 ]; then
    echo
    echo "| round 1 only: DynamoDB Local's first load of each operation (JVM not warmed up) | sst-emu | DynamoDB Local | sst-emu / DynamoDB Local |"
    echo "|---|---|---|---|"
    echo "| PutItem req/s (a fresh store) | $(col fresh.put.1 1) | $(col ddb.put.1 1) | $(ratio "$(col fresh.put.1 1)" "$(col ddb.put.1 1)") |"
    echo "| PutItem p99 ms (a fresh store) | $(col fresh.put.1 2) | $(col ddb.put.1 2) | $(ratio "$(col ddb.put.1 2)" "$(col fresh.put.1 2)") lower |"
    for op in put get query1 query; do
        name=$(op_name $op)
        echo "| $name req/s | $(col emu.$op.1 1) | $(col ddb.$op.1 1) | $(ratio "$(col emu.$op.1 1)" "$(col ddb.$op.1 1)") |"
        echo "| $name p99 ms | $(col emu.$op.1 2) | $(col ddb.$op.1 2) | $(ratio "$(col ddb.$op.1 2)" "$(col emu.$op.1 2)") lower |"
    done
fi
echo
echo "| the same saturated load from the C client (bench/loadgen, closed loop), $steady | sst-emu | DynamoDB Local | sst-emu / DynamoDB Local |"
echo "|---|---|---|---|"
for op in put get query1 query; do
    name=$(op_name $op)
    [ $op = put ] && name="PutItem, a fresh store each round,"
    echo "| $name req/s | $(col c.emu.$op 1) | $(col c.ddb.$op 1) | $(ratio "$(col c.emu.$op 1)" "$(col c.ddb.$op 1)") |"
    echo "| $name p99 ms | $(col c.emu.$op 2) | $(col c.ddb.$op 2) | $(ratio "$(col c.ddb.$op 2)" "$(col c.emu.$op 2)") lower |"
done
echo "| ceiling, 2-byte body, req/s (p99 ms), median of all rounds; GetItem's share of it | $(col c.ceil 1) ($(col c.ceil 2)) | | $(awk -v a="$(col c.emu.get 1)" -v b="$(col c.ceil 1)" 'BEGIN { if (b > 0) printf "%.0f%%", 100 * a / b; else print "n/a" }') |"
echo
head="| each round: req/s (p99 ms) |"
for i in $(seq "$rounds"); do head+=" round $i |"; done
echo "$head"
echo "|---|$(for i in $(seq "$rounds"); do printf -- '---|'; done)"
for k in emu.put fresh.put ddb.put emu.get ceil.get ddb.get emu.query1 ceil.query1 ddb.query1 emu.query ceil.query ddb.query ceil.empty \
    c.emu.put c.ddb.put c.emu.get c.ddb.get c.emu.query1 c.ddb.query1 c.emu.query c.ddb.query c.ceil; do
    [ -n "${R[$k.1]:-}" ] || continue
    kk=${k#c.}
    case $kk in
        emu.*) who=sst-emu;; fresh.*) who="sst-emu, a fresh store";;
        ddb.*) who="DynamoDB Local";; *) who=ceiling;;
    esac
    case ${kk#*.} in empty|ceil) what="2-byte body";; *) what=$(op_name "${kk#*.}");; esac
    [ "$k" = emu.put ] && what="PutItem (one store growing)"
    [ "$k" = c.emu.put ] && what="PutItem (a fresh store)"
    [ "$who" = ceiling ] && [ "$what" != "2-byte body" ] && what="$what-sized body"
    [ "$k" = "$kk" ] || what+=", C client"
    line="| $who, $what |"
    for i in $(seq "$rounds"); do line+=" $(col "$k.$i" 1) ($(col "$k.$i" 2)) |"; done
    echo "$line"
done
echo
echo "| sst-emu's CPU per PutItem: user / system µs (page faults per PutItem) |$(for i in $(seq "$rounds"); do printf ' round %s |' "$i"; done)"
echo "|---|$(for i in $(seq "$rounds"); do printf -- '---|'; done)"
for k in emu.put fresh.put; do
    [ $k = emu.put ] && line="| one store growing |" || line="| a fresh store each round |"
    for i in $(seq "$rounds"); do
        line+=" $(awk '{ printf "%s / %s (%s)", $1, $2, $3 }' <<<"${CPU[$k.$i]:-0 0 0}") |"
    done
    echo "$line"
done
echo
pct() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f%%", 100 * a / b; else print "n/a" }'; }
# The ceiling's own p99 at saturation: what the machine's scheduler gives
# a server that does no work at all, under the same closed-loop load.
# share_cells LIST: the shares of the rounds, then their median
share_cells() {
    local v
    read -r -a v <<<"${1:-}"
    [ "${#v[@]}" -gt 0 ] || { echo "n/a | n/a"; return; }
    echo "$(printf '%s%%, ' "${v[@]}" | sed 's/, $//') | $(median "${v[@]}")%"
}
echo "| $rounds rounds | ceiling req/s (median) | ceiling p99 ms | sst-emu's share in each round | median share |"
echo "|---|---|---|---|---|"
echo "| 2-byte body: GetItem | $(col ceil.empty 1) | $(col ceil.empty 2) | $(share_cells "${SHARES2[get]:-}") |"
echo "| 2-byte body: Query, 1 item | | | $(share_cells "${SHARES2[query1]:-}") |"
echo "| 2-byte body: Query, 100 items | | | $(share_cells "${SHARES2[query]:-}") |"
echo "| 2-byte body, the C client: GetItem | $(col c.ceil 1) | $(col c.ceil 2) | $(share_cells "${CSHARES2[get]:-}") |"
echo "| 2-byte body, the C client: Query, 1 item | | | $(share_cells "${CSHARES2[query1]:-}") |"
echo "| 2-byte body, the C client: Query, 100 items | | | $(share_cells "${CSHARES2[query]:-}") |"
echo "| same size as the answer: GetItem ($get_bytes bytes) | $(col ceil.get 1) | $(col ceil.get 2) | $(share_cells "${SHARES[get]:-}") |"
echo "| same size: Query, 1 item ($query1_bytes bytes) | $(col ceil.query1 1) | $(col ceil.query1 2) | $(share_cells "${SHARES[query1]:-}") |"
echo "| same size: Query, 100 items ($query_bytes bytes) | $(col ceil.query 1) | $(col ceil.query 2) | $(share_cells "${SHARES[query]:-}") |"
echo
echo "| thread model (GetItem, saturated) | sst-emu req/s | sst-emu p99 ms | ceiling, 2-byte body, req/s | ceiling p99 ms | sst-emu's share |"
echo "|---|---|---|---|---|---|"
echo "| a thread per connection (default) | $(col emu.get 1) | $(col emu.get 2) | $(col ceil.empty 1) | $(col ceil.empty 2) | $(pct "$(col emu.get 1)" "$(col ceil.empty 1)") |"
echo "| a pool of $cpus workers (--threads $cpus) | $(col pool.get 1) | $(col pool.get 2) | $(col pool.ceil 1) | $(col pool.ceil 2) | $(pct "$(col pool.get 1)" "$(col pool.ceil 1)") |"

# paced_ok KEY RATE: did every round of that paced run achieve RATE within
# 10%, all 2xx?
paced_ok() {
    local j
    for j in $(seq "$prounds"); do
        [ -n "${R[$1.$j]:-}" ] && [ "$(col "$1.$j" 3)" = 0 ] &&
            awk -v a="$(col "$1.$j" 1)" -v r="$2" 'BEGIN { exit !(a >= 0.9 * r && a <= 1.1 * r) }' ||
            return 1
    done
}
missed() { # KEY RATE
    local j out=""
    for j in $(seq "$prounds"); do out+=" $(col "$1.$j" 1) req/s with $(col "$1.$j" 3) non-2xx answers,"; done
    echo "$1 of $2 req/s offered achieved, by round:${out%,}: that row is not valid"
}
echo
echo "| equal offered load, median of $prounds rounds | offered req/s | sst-emu req/s | sst-emu p50 / p99 ms | DynamoDB Local req/s | DynamoDB Local p50 / p99 ms | DynamoDB Local / sst-emu: p99 (p50) | p99 from the send: sst-emu / DynamoDB Local ms (ratio) |"
echo "|---|---|---|---|---|---|---|---|"
warnings=()
for row in put putfresh get query1 query; do
    op=${row%fresh}
    name=$(op_name $op)
    emu=emu
    [ "$row" = "$op" ] || { emu=fresh; name+=", a new sst-emu each round"; }
    rate=${RATE[$op]}
    cells=""
    for side in $emu ddb; do
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
    elif paced_ok "$emu.paced.$op" "$rate" && paced_ok "ddb.paced.$op" "$rate"; then
        verdict="$(ratio "$(col ddb.paced.$op 5)" "$(col $emu.paced.$op 5)")"
        verdict+=" ($(ratio "$(col ddb.paced.$op 4)" "$(col $emu.paced.$op 4)"))"
        sent="$(col $emu.paced.$op 7) / $(col ddb.paced.$op 7)"
        sent+=" ($(ratio "$(col ddb.paced.$op 7)" "$(col $emu.paced.$op 7)"))"
    else
        verdict="not valid: rate missed"
        sent=""
    fi
    [ -n "${R[ddb.paced.$op]:-}" ] || sent="$(col $emu.paced.$op 7) / n/a"
    echo "| $name | $rate (${RATE_FROM[$op]}) |$cells $verdict | $sent |"
    k=ceil.paced.$op
    if [ "$row" = "$op" ] && [ -n "${R[$k]:-}" ]; then
        paced_ok "$k" "$rate" || warnings+=("WARNING: $(missed "$k" "$rate")")
        echo "| ceiling, body of the size of the answer to ${name} (the floor) | $rate | $(col $k 1) | $(col $k 4) / $(col $k 5) | | | | $(col $k 7) |"
    fi
done
echo
echo "| equal offered load: p99 ms by round (from the due instant) |$(for j in $(seq "$prounds"); do printf ' round %s |' "$j"; done)"
echo "|---|$(for j in $(seq "$prounds"); do printf -- '---|'; done)"
for op in put get query1 query; do
    for side in emu fresh ddb ceil; do
        [ -n "${R[$side.paced.$op.1]:-}" ] || continue
        case $side in emu) who=sst-emu;; fresh) who="a new sst-emu each round";; ddb) who="DynamoDB Local";; *) who="ceiling (the floor)";; esac
        line="| $(op_name $op), $who |"
        for j in $(seq "$prounds"); do line+=" $(col "$side.paced.$op.$j" 5) |"; done
        echo "$line"
    done
done
echo
for k in "${!R[@]}"; do
    case $k in *.paced.*) continue;; esac
    [ "$(col $k 3)" = 0 ] || echo "WARNING: $k had $(col $k 3) non-2xx answers: that row is not valid"
done
for w in "${warnings[@]}"; do echo "$w"; done
