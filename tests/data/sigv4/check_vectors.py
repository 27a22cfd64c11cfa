#!/usr/bin/env python3
"""Prove the SigV4 vectors in this directory consistent with the vendor.

For every case directory: SHA-256(header-canonical-request.txt) must be the
last line of header-string-to-sign.txt, and HMAC-SHA256 under the signing
key derived from context.json must give the Signature of the Authorization
line in header-signed-request.txt (the vendor's). Standard library only.
Usage: check_vectors.py [DIR]   (default: the directory of this script)
"""
import hashlib
import hmac
import json
import os
import sys


def signing_key(secret, date, region, service):
    k = ("AWS4" + secret).encode()
    for part in (date, region, service, "aws4_request"):
        k = hmac.new(k, part.encode(), hashlib.sha256).digest()
    return k


def check(case_dir):
    def read(name):
        with open(os.path.join(case_dir, name), encoding="utf-8", newline="") as f:
            return f.read()

    ctx = json.loads(read("context.json"))
    creq = read("header-canonical-request.txt")
    sts = read("header-string-to-sign.txt")
    sreq = read("header-signed-request.txt")
    authz = [l for l in sreq.split("\n") if l.startswith("Authorization:")][0]
    want = authz.split("Signature=")[1].strip()
    lines = sts.split("\n")
    if lines[3] != hashlib.sha256(creq.encode()).hexdigest():
        return "string to sign does not hash the canonical request"
    date = lines[1][:8]
    region, service = ctx["region"], ctx["service"]
    key = signing_key(ctx["credentials"]["secret_access_key"], date, region, service)
    got = hmac.new(key, sts.encode(), hashlib.sha256).hexdigest()
    if got != want:
        return "signature %s, vendor's %s" % (got, want)
    signed = creq.split("\n")[-2]
    if "SignedHeaders=%s," % signed not in authz:
        return "signed headers %s not in the vendor's Authorization" % signed
    return None


def main():
    top = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    cases = sorted(d for d in os.listdir(top) if os.path.isdir(os.path.join(top, d)))
    bad = 0
    for case in cases:
        problem = check(os.path.join(top, case))
        if problem:
            bad += 1
            print("%s: %s" % (case, problem))
    print("%d passed, %d failed" % (len(cases) - bad, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
