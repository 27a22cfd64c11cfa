#!/usr/bin/env bash
# tests/server/linkage.sh - sst-emu as configure linked it, and the two
# copies of libcrypto in one process that the static link brings.
#
# With static-emu (configure's default where the archives exist), sst-emu
# is a non-PIE executable that needs neither libcrypto, json-c, LMDB, zlib
# nor libmicrohttpd as shared libraries, and a running sst-emu has no
# GnuTLS mapped (emu/server/notls.c stands in for it); with
# --disable-static-emu it is a PIE that needs all five, and libmicrohttpd
# brings GnuTLS. SST_STATIC_EMU (yes or no) comes from the makefile.
#
# Then one sst-emu serves another: B (--backend http://A) loads libcurl
# with dlopen(), and libcurl brings the shared libcrypto beside B's own
# static copy, which signs B's requests to A (SigV4 with HMAC-SHA256). A
# verifies signatures: with the right secret the calls go through and the
# item read back through A itself is the one written through B; with a
# wrong one A's InvalidSignatureException comes back through B.
set -u
# shellcheck source=tests/server/emu_lib.sh
. "$(cd "$(dirname "$0")" && pwd)/emu_lib.sh"

[ -x "$emu" ] || { echo "linkage: $emu not built"; exit 1; }
command -v readelf >/dev/null 2>&1 || { echo "SKIP: readelf not found"; exit 77; }
command -v curl >/dev/null 2>&1 || { echo "SKIP: curl not found"; exit 77; }

passed=0 failed=0
ok() { passed=$((passed + 1)); echo "  ok   $1"; }
bad() { failed=$((failed + 1)); echo "  FAIL $1"; [ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/       /'; }
expect() { # NAME WANT GOT
    if [ "$2" = "$3" ]; then ok "$1"; else bad "$1" "want: $2"$'\n'"got:  $3"; fi
}

# --- the link ----------------------------------------------------------
needed=$(readelf -d "$emu" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' |
    grep -E '^lib(crypto|json-c|lmdb|microhttpd|gnutls|z)\.so' |
    sed 's/\.so.*//' | sort | tr '\n' ' ')
type=$(readelf -h "$emu" | awk '$1 == "Type:" { print $2 }')
# the libraries a running sst-emu has mapped, and its answer to a request
start_emu plain --in-memory || exit 1
mapped=$(grep -oE 'lib(gnutls|microhttpd)\.so' "/proc/$last_pid/maps" |
    sort -u | tr '\n' ' ')
expect "sst-emu answers GET / with 200" 200 \
    "$(curl -s -m 10 -o /dev/null -w '%{http_code}' "$URL/")"
case ${SST_STATIC_EMU:-} in
yes)
    expect "static-emu: no shared libcrypto, json-c, LMDB, zlib or libmicrohttpd" \
        "" "$needed"
    expect "static-emu: not position-independent" "EXEC" "$type"
    expect "static-emu: no GnuTLS or libmicrohttpd mapped" "" "$mapped" ;;
no)
    expect "shared link: libcrypto, json-c, LMDB, libmicrohttpd and zlib shared" \
        "libcrypto libjson-c liblmdb libmicrohttpd libz " "$needed"
    expect "shared link: position-independent" "DYN" "$type"
    expect "shared link: GnuTLS and libmicrohttpd mapped" \
        "libgnutls.so libmicrohttpd.so " "$mapped" ;;
*)
    bad "SST_STATIC_EMU is yes or no" "got: '${SST_STATIC_EMU:-}'" ;;
esac

# --- one sst-emu through another -----------------------------------------
if ! command -v python3 >/dev/null 2>&1; then
    echo "  skip one sst-emu through another (python3 not found)"
    echo "linkage: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit
fi
export AWS_ACCESS_KEY_ID=sstlinkage AWS_SECRET_ACCESS_KEY=sstlinkageSecret0
export AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null

# call URL OP BODY: the answer's body, then its status on a line of its own
call() {
    curl -s -m 10 -w '\n%{http_code}' -X POST "$1" \
        -H "X-Amz-Target: DynamoDB_20120810.$2" \
        -H 'Content-Type: application/x-amz-json-1.0' \
        -H 'X-Amz-Date: 20260101T000000Z' \
        -H 'Authorization: AWS4-HMAC-SHA256 Credential=anything/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0' \
        -d "$3"
}
# canonical: the JSON on stdin with its keys sorted, without spaces
canonical() {
    python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin), sort_keys=True, separators=(",", ":")))' 2>&1
}

start_emu a --in-memory --verify-signatures \
    --credentials "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" || exit 1
url_a=$URL
start_emu b --backend "$url_a" || exit 1
url_b=$URL

got=$(call "$url_b" CreateTable '{"TableName":"linkage","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST"}' |
    tail -n 1)
expect "CreateTable through B, which signs it for A" 200 "$got"
got=$(call "$url_b" PutItem '{"TableName":"linkage","Item":{"pk":{"S":"k1"},"n":{"N":"12.50"},"b":{"B":"AAEC"}}}' | tail -n 1)
expect "PutItem through B" 200 "$got"
want='{"Item":{"b":{"B":"AAEC"},"n":{"N":"12.5"},"pk":{"S":"k1"}}}'
got=$(call "$url_b" GetItem '{"TableName":"linkage","Key":{"pk":{"S":"k1"}}}' | head -n 1 |
    canonical)
expect "GetItem through B" "$want" "$got"

# A itself checks signatures: a request to it needs a real one, so it is
# read through a second proxy, C, with the same keys.
start_emu c --backend "$url_a" || exit 1
got=$(call "$URL" GetItem '{"TableName":"linkage","Key":{"pk":{"S":"k1"}}}' | head -n 1 |
    canonical)
expect "the item as A stores it" "$want" "$got"

# A wrong secret: A refuses, and B passes A's answer on.
AWS_SECRET_ACCESS_KEY=wrongSecret0 start_emu d --backend "$url_a" || exit 1
got=$(call "$URL" GetItem '{"TableName":"linkage","Key":{"pk":{"S":"k1"}}}')
expect "a wrong secret: A's status through the proxy" 400 "$(tail -n 1 <<<"$got")"
expect "a wrong secret: A's error type through the proxy" \
    "com.amazon.coral.service#InvalidSignatureException" \
    "$(head -n 1 <<<"$got" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("__type"))' 2>&1)"

echo "linkage: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
