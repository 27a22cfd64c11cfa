#!/usr/bin/env python3
"""tests/data/core/gen_pagekey.py - goldens for src/core/pyjson.h and
src/core/pagekey.h.

For each JSON object below, Python decides:
  dumps    json.dumps(value)  (ensure_ascii, ", " and ": ")
  compact  pydantic_core.to_json(value)  (pydantic's model_dump_json form)
  key      simplesingletable's encode_pagination_key(value)
           = urlsafe_b64encode(json.dumps(value).encode()).decode()
The C side parses "input" (JSON text, UTF-8 as is) with json-c, writes it
back and compares. "floats" give Python's repr() of doubles, the doubles
passed as float.hex() text. "bad_keys" are keys sst refuses; python_verdict
records what decode_pagination_key() does with them (sst refuses even where
Python returns something, as the spec asks).
Run: python3 gen_pagekey.py > pagekey.json
"""
import base64
import json
import sys
from base64 import urlsafe_b64decode, urlsafe_b64encode

import pydantic_core


def encode_pagination_key(lek):
    return urlsafe_b64encode(json.dumps(lek).encode()).decode()


def decode_pagination_key(key):
    return json.loads(urlsafe_b64decode(key).decode())


VALUES = [
    {"pk": "Thing#01M89YGR52000G40R40M30E209",
     "sk": "Thing#01M89YGR52000G40R40M30E209"},
    {"pk": "Doc#01M89YGR52000G40R40M30E209", "sk": "v0", "gsitype": "Doc",
     "gsitypesk": "2026-11-25T18:12:05.922317+00:00"},
    {"gsi1pk": "parent#1", "pk": "Task#01ARYZ6S41", "sk": "Task#01ARYZ6S41"},
    {"pk": "caf\u00e9 \u2603 \U0001F600 \u2028 \x7f \u00ff \u0100 \uffff"},
    {"ctl": "\x00\x01\x07\x1b\x1f\b\f\n\r\t\"\\/ end"},
    {"a": {"b": {"c": [1, -2, 9223372036854775807, -9223372036854775808,
                       "x", [], {}]}},
     "t": True, "f": False, "n": None},
    {},
    {"e": {}, "l": [], "s": ""},
    {"z": 1, "a": 2, "m": 3, "\u00e9": 4, "\U0001F600": 5},
    {"long": "x" * 3000},
    {"pk": "Thing#\U00010000\U0010FFFF\ud7ff\ue000"},
    {"n": 0, "neg": -1, "big": 18446744073709551615},
]

FLOATS = [1.5, 100.0, 1e20, 1e16, 1e15, 1e-05, 0.0001, 0.1, 1 / 3,
          123456789012345678.0, -0.0, 0.0, 2.5e-07, 1e300, 5e-324,
          1.7976931348623157e308, -1.25, 3.141592653589793, 1e22, 1e-4,
          0.3, 2.0 ** 53, 123.456, 9.999999999999999e15]

BAD_KEYS = [
    "", "!!!!", "abc", "abc=", "YWJj====", "e30", "e30=x", "e30 ",
    " e30=", "e3=0", "====",
    base64.urlsafe_b64encode(b"{").decode(),
    base64.urlsafe_b64encode(b"[1, 2]").decode(),
    base64.urlsafe_b64encode(b"\"pk\"").decode(),
    base64.urlsafe_b64encode(b"null").decode(),
    base64.urlsafe_b64encode(b"{\"pk\": \"\xff\"}").decode(),
    base64.urlsafe_b64encode(b"{\"pk\": 1} x").decode(),
    base64.urlsafe_b64encode(b"{'pk': 'x'}").decode(),
    base64.urlsafe_b64encode(b"{\"pk\": NaN}").decode(),
    "e3-=", "e30=\n",
]

# keys Python writes for LastEvaluatedKeys, decoded to ExclusiveStartKeys
LEKS = [VALUES[0], VALUES[1], VALUES[2],
        {"pk": "x", "version": 3}]


def verdict(key):
    try:
        v = decode_pagination_key(key)
    except Exception as e:  # noqa: BLE001 - any failure is a verdict
        return "raises " + type(e).__name__
    return "returns " + type(v).__name__


def wire(value):
    out = {}
    for k, v in value.items():
        out[k] = {"S": v} if isinstance(v, str) else {"N": str(v)}
    return out


def main():
    rows = []
    for v in VALUES:
        rows.append({"input": json.dumps(v, ensure_ascii=False),
                     "dumps": json.dumps(v),
                     "compact": pydantic_core.to_json(v).decode(),
                     "key": encode_pagination_key(v)})
    floats = [{"hex": f.hex(), "repr": repr(f)} for f in FLOATS]
    bad = [{"key": k, "python_verdict": verdict(k)} for k in BAD_KEYS]
    leks = [{"key": encode_pagination_key(v), "wire": wire(v)} for v in LEKS]
    json.dump({"generator": "gen_pagekey.py", "values": rows,
               "floats": floats, "bad_keys": bad, "leks": leks},
              sys.stdout, indent=1, ensure_ascii=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
