#!/usr/bin/env bash
# tests/memory/example.sh - the example app (examples/tasks.c) runs, and
# says what it should, on every backend with nothing but the URI changed:
# the in-process emulator, sst-emu over HTTP, and DynamoDB Local (when
# SST_DDB_LOCAL_ENDPOINT is set). This is what `./dev demo` shows.
set -u
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${top_builddir:-.}" && pwd)
tasks="$build/examples/sst-tasks"
emu="$build/emu/server/sst-emu"
passed=0 failed=0
out=$(mktemp)
emu_pid=
cleanup() {
    [ -n "$emu_pid" ] && kill "$emu_pid" 2>/dev/null && wait "$emu_pid" 2>/dev/null
    rm -f "$out"
}
trap cleanup EXIT

# expect URI: run the app on URI and check its exit status and key lines.
expect() {
    local uri=$1 want
    if ! "$tasks" "$uri" >"$out" 2>&1; then
        echo "FAIL: sst-tasks $uri exited non-zero:"; cat "$out"
        failed=$((failed + 1)); return
    fi
    for want in \
        "created 12 tasks" \
        "  todo, 3 per page, oldest first:" \
        "    page 3:" \
        "      Count the stats              todo   p1  v1  -" \
        "  doing, 3 per page, oldest first:" \
        "      Port the versioning          doing  p2  v2  ana" \
        "  ana's open urgent tasks (server filter status <> done, client filter priority >= 3): 1 in 1 call(s)" \
        "    Serve the protocol           todo   p3  v1  ana" \
        "  the 4 most recently updated tasks (more pages follow):" \
        "    Paginate queries             doing  p1  v2  chen" \
        "  history of \"Write the emulator\", newest first:" \
        "    Write the emulator           done   p3  v3  ana" \
        "  restored version 1 as a new version:" \
        "    Write the emulator           todo   p3  v4  ana" \
        "  updating from version 1 is refused: SST_E_VERSION_CONFLICT: Cannot update from non-latest version" \
        "deleted \"Ship 0.1\"" \
        "  board \"Sprint 1\": tasks_created=12 labels=[\"backend\",\"emulator\"]"
    do
        if ! grep -qxF -- "$want" "$out"; then
            echo "FAIL: sst-tasks $uri: no line '$want' in:"; cat "$out"
            failed=$((failed + 1)); return
        fi
    done
    if ! grep -q '"Task":11' "$out" || ! grep -q '"Board":1' "$out" ||
       ! grep -q '"MemoryStats":1' "$out"; then
        echo "FAIL: sst-tasks $uri: wrong stats:"; cat "$out"
        failed=$((failed + 1)); return
    fi
    echo "ok: sst-tasks $uri"
    passed=$((passed + 1))
}

expect "emu::memory:"

# sst-emu on a free port of 127.0.0.1, in memory
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$emu" serve --bind 127.0.0.1 --port "$port" --in-memory >/dev/null 2>&1 &
emu_pid=$!
for _ in $(seq 100); do
    python3 -c "import socket; socket.create_connection(('127.0.0.1',$port),0.2)" 2>/dev/null && break
    sleep 0.05
done
expect "http://127.0.0.1:$port"
# a second run finds the table and empties it first
expect "http://127.0.0.1:$port"

if [ -n "${SST_DDB_LOCAL_ENDPOINT:-}" ]; then
    expect "$SST_DDB_LOCAL_ENDPOINT"
else
    echo "skip: DynamoDB Local (SST_DDB_LOCAL_ENDPOINT unset)"
fi

echo "example: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
