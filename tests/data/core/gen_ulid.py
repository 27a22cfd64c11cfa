#!/usr/bin/env python3
"""tests/data/core/gen_ulid.py - goldens for include/sst/ulid.h.

ulid-py is not installed here, so this script implements the reference from
the ULID specification (https://github.com/ulid/spec) by hand: 48-bit
big-endian millisecond time, then 80 random bits, the 128 bits written as 26
Crockford base32 characters, most significant first (the first character
holds only the top 3 bits). The time prefix of a datetime is what ulid-py's
ulid.from_timestamp(dt).str[:10] gives: int(dt.timestamp() * 1000)
milliseconds, encoded. Randomness comes from a seeded PRNG so that the
file is reproducible.
Run: python3 gen_ulid.py > ulid.json
"""
import json
import random
import sys
from datetime import datetime, timezone

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def encode(ms, rand):
    assert 0 <= ms < 2 ** 48 and len(rand) == 10
    value = (ms << 80) | int.from_bytes(rand, "big")
    chars = []
    for _ in range(26):
        chars.append(ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def main():
    rng = random.Random(20261125)
    cases = []
    fixed = [
        (0, bytes(10)),
        (2 ** 48 - 1, b"\xff" * 10),
        (1795630325922, bytes(range(10))),
        (1, b"\x00" * 9 + b"\x01"),
        (1469918176385, bytes.fromhex("0123456789abcdef0123")),
    ]
    for ms, rand in fixed:
        cases.append({"ms": ms, "random": rand.hex(), "ulid": encode(ms, rand)})
    for _ in range(40):
        ms = rng.randrange(0, 2 ** 48)
        rand = bytes(rng.randrange(256) for _ in range(10))
        cases.append({"ms": ms, "random": rand.hex(), "ulid": encode(ms, rand)})

    prefixes = []
    for dt in [
        datetime(2026, 11, 25, 18, 12, 5, 922317, tzinfo=timezone.utc),
        datetime(2026, 11, 25, tzinfo=timezone.utc),
        datetime(1970, 1, 1, tzinfo=timezone.utc),
        datetime(2000, 2, 29, 12, 0, 0, 999, tzinfo=timezone.utc),
        datetime(2024, 1, 1, 0, 0, 0, 500000, tzinfo=timezone.utc),
        datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=timezone.utc),
    ]:
        ms = int(dt.timestamp() * 1000)  # ulid-py's from_timestamp
        us = (dt - datetime(1970, 1, 1, tzinfo=timezone.utc)) // \
            __import__("datetime").timedelta(microseconds=1)
        prefixes.append({"us": us, "isoformat": dt.isoformat(),
                         "prefix": encode(ms, bytes(10))[:10]})
    out = {"generator": "gen_ulid.py", "encode": cases, "prefix": prefixes}
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
