#!/usr/bin/env python3
"""tests/data/core/gen_gzip.py - goldens for src/core/gzip.h.

compress:   gzip.compress(data, compresslevel=9, mtime=M) from Python itself,
            for inputs of several shapes and mtimes; sst must produce the
            same bytes (Python links zlib; zlib.ZLIB_RUNTIME_VERSION is
            recorded).
decompress: what gzip.decompress() makes of valid and broken streams
            (several members, zero padding, optional header fields,
            truncation, bad CRC or length, garbage); sst must agree on
            the verdict and, when it succeeds, on the bytes.
Run: python3 gen_gzip.py > gzip.json
"""
import base64
import gzip
import json
import random
import struct
import sys
import zlib


def b64(b):
    return base64.b64encode(b).decode()


def model_json():
    return ('{"resource_id":"01M89YGR52000G40R40M30E209","created_at":'
            '"2026-11-25T18:12:05.922317Z","updated_at":'
            '"2026-11-25T18:12:05.922317Z","version":1,"title":'
            '"caf\u00e9 \u2603","tags":["a","b"],"score":1.5}').encode()


def member(data, flags=0, extra=b"", name=b"", comment=b"", mtime=0,
           os_byte=255, method=8):
    hdr = struct.pack("<BBBBLBB", 0x1F, 0x8B, method, flags, mtime, 2,
                      os_byte)
    if flags & 4:
        hdr += struct.pack("<H", len(extra)) + extra
    if flags & 8:
        hdr += name + b"\0"
    if flags & 16:
        hdr += comment + b"\0"
    if flags & 2:
        hdr += struct.pack("<H", zlib.crc32(hdr) & 0xFFFF)
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = co.compress(data) + co.flush()
    return hdr + body + struct.pack("<LL", zlib.crc32(data),
                                    len(data) & 0xFFFFFFFF)


def main():
    rng = random.Random(6)
    inputs = [
        ("empty", b""),
        ("one byte", b"a"),
        ("model json", model_json()),
        ("repetitive 200k", (b"sst single table ", 12000)),
        ("random 4k", bytes(rng.randrange(256) for _ in range(4000))),
        ("all bytes x10", bytes(range(256)) * 10),
        ("utf8 text", ("\u00e9t\u00e9 \U0001F600 " * 300).encode()),
    ]
    compress = []
    for name, data in inputs:
        for mtime in (0, 1795630325, 2 ** 32 - 1):
            row = {"name": name, "mtime": mtime}
            if isinstance(data, tuple):
                # long inputs as a recipe: "repeat" written "count" times
                row.update(repeat=b64(data[0]), count=data[1])
                raw = data[0] * data[1]
            else:
                row["input"] = b64(data)
                raw = data
            row["gzip"] = b64(gzip.compress(raw, 9, mtime=mtime))
            compress.append(row)

    text = b"hello, gzip"
    good = gzip.compress(text, mtime=7)
    dec = [
        ("single member", good),
        ("empty input", b""),
        ("two members", good + gzip.compress(b" and more", mtime=8)),
        ("zero padding after", good + b"\0\0\0\0"),
        ("zero padding between", good + b"\0\0" + gzip.compress(b"!")),
        ("FNAME FEXTRA FCOMMENT FHCRC",
         member(text, flags=2 | 4 | 8 | 16, extra=b"ab\x01\x00x",
                name=b"f.json", comment=b"made by hand")),
        ("other OS byte", member(text, os_byte=3)),
        ("empty payload", gzip.compress(b"")),
        ("garbage after", good + b"garbage"),
        ("one byte after", good + b"\x1f"),
        ("truncated body", good[:-12]),
        ("truncated trailer", good[:-3]),
        ("header only", good[:10]),
        ("magic only", good[:2]),
        ("bad magic", b"\x1f\x8c" + good[2:]),
        ("leading zero", b"\0" + good),
        ("not gzip", b"{\"a\": 1}"),
        ("bad crc", good[:-8] + bytes([good[-8] ^ 1]) + good[-7:]),
        ("bad length", good[:-4] + struct.pack("<L", len(text) + 1)),
        ("bad method", member(text, method=9)),
        ("corrupt deflate", good[:10] + b"\xff\xff\xff" + good[13:]),
    ]
    decompress = []
    for name, data in dec:
        row = {"name": name, "input": b64(data)}
        try:
            out = gzip.decompress(data)
            row.update(ok=True, output=b64(out))
        except (OSError, EOFError, zlib.error) as e:
            row.update(ok=False, python_error=type(e).__name__)
        decompress.append(row)
    out = {"generator": "gen_gzip.py, zlib " + zlib.ZLIB_RUNTIME_VERSION,
           "compress": compress, "decompress": decompress}
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
