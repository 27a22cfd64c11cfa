# tests/server/emu_lib.sh - sourced by the client tests (clients.sh,
# clients_js.sh): the tree's paths, a temporary directory removed on exit
# with every sst-emu started, and start_emu.
#
#   here top build emu   the test's folder, the source and build trees,
#                        the sst-emu binary
#   tmp                  a temporary directory (removed on exit)
#   start_emu NAME ARGS  start `sst-emu serve --port 0 ARGS`, wait for its
#                        ready line; URL and last_pid are set; killed on
#                        exit
# shellcheck shell=bash
here=$(cd "$(dirname "$0")" && pwd)
top=${top_srcdir:-$(cd "$here/../.." && pwd)}
top=$(cd "$top" && pwd)
build=$(cd "${top_builddir:-.}" && pwd)
emu="$build/emu/server/sst-emu"

tmp=$(mktemp -d)
pids=()
cleanup() {
    local p
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
    rm -rf "$tmp"
}
trap cleanup EXIT

start_emu() {
    local name=$1 i; shift
    "$emu" serve --port 0 "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" &
    pids+=($!)
    last_pid=$!
    for i in $(seq 100); do
        URL=$(sed -n 's/^sst-emu listening on //p' "$tmp/$name.out")
        [ -n "$URL" ] && return 0
        kill -0 "$last_pid" 2>/dev/null || break
        sleep 0.05
    done
    echo "$(basename "$0"): sst-emu did not start:"; cat "$tmp/$name.err"
    return 1
}
