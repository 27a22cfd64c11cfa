#!/usr/bin/env python3
"""tests/data/emu/partiql.py - record the PartiQL corpus from DynamoDB Local.

Each case is a sequence of requests (ExecuteStatement, and the PutItem and
GetItem calls that set up and check its effects) run on fresh tables;
DynamoDB Local's answer to every step is recorded in partiql_cases.json, in
the format of items_cases.json, and tests/conformance/replay replays it
against the emulator with no Java needed.

Where DynamoDB Local contradicts AWS's documentation, the last step of a
case carries an "aws" override: the emulator follows AWS, and DynamoDB
Local's answer is kept beside it for the drift report. A SELECT that pages
over several partitions is marked "compare": "counts": which rows fill the
page is DynamoDB's choice.

A NextToken of DynamoDB Local is base64 of
{"creationTime":SECONDS.MS,"opIndexToExclusiveNextKey":{"0":KEY},
"version":"V1"}; it expires an hour after creationTime, and one dated in
the future is accepted. Its creationTime is DynamoDB Local's clock, so the
recorder writes every NextToken it receives with creationTime set to
replay.c's fixed time (1795633912.989), and the NextToken of a request
for a next page is built from the key the page before stopped at, dated
2100-01-01 (TOKEN_TIME). CreateTable's times, which the replay sets
aside, are written as replay.c's fixed time too: the corpus is the same at
every recording. Re-record with:

    SST_CACHE_DIR=... tests/ddb-local exec python3 tests/data/emu/partiql.py

Standard library only.
"""
import base64
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import record  # noqa: E402  (shared)
from record import A, H, R, MAIN, N, ONE, S, record_sequences  # noqa: E402,F401  (shared)

OUT = os.path.join(HERE, "partiql_cases.json")

TOKEN_TIME = "4102444800.000"      # 2100-01-01T00:00:00Z: never expired
RECORDED_TIME = "1795633912.989"   # replay.c's T0
OLD_TIME = "1000000000.000"        # 2001: expired


# ------------------------------------------------------------------ tokens
def token(key, when=TOKEN_TIME):
    """A NextToken of DynamoDB Local's form that resumes after key."""
    text = ('{"creationTime":%s,"opIndexToExclusiveNextKey":{"0":%s},'
            '"version":"V1"}' % (when, json.dumps(key, separators=(",", ":"))))
    return base64.b64encode(text.encode()).decode()


def fixed_token(t):
    """t with its creationTime replaced by RECORDED_TIME."""
    try:
        text = base64.b64decode(t, validate=True).decode()
    except ValueError:
        return t
    text = re.sub(r'"creationTime":[0-9.]+', '"creationTime":' +
                  RECORDED_TIME, text)
    return base64.b64encode(text.encode()).decode()


def fixed_times(v):
    """v with the times of a table description set to RECORDED_TIME."""
    if isinstance(v, dict):
        return {k: (float(RECORDED_TIME) if k in TABLE_TIMES else
                    fixed_times(x)) for k, x in v.items()}
    if isinstance(v, list):
        return [fixed_times(x) for x in v]
    return v


TABLE_TIMES = ("CreationDateTime", "LastUpdateToPayPerRequestDateTime")
_call = record.call


def call_fixed(endpoint, op, body):
    st, r = _call(endpoint, op, body)
    if st == 200 and isinstance(r, dict) and "NextToken" in r:
        r["NextToken"] = fixed_token(r["NextToken"])
    if st == 200 and op == "CreateTable":
        r = fixed_times(r)
    return st, r


record.call = call_fixed  # record_sequences calls record.call


# ------------------------------------------------------------------ builders
# A string sort key, for begins_with.
STR = {"TableName": "str", "BillingMode": "PAY_PER_REQUEST",
       "KeySchema": [H("pk"), R("sk")],
       "AttributeDefinitions": [A("pk"), A("sk")]}

TABLES = [("CreateTable", MAIN), ("CreateTable", ONE)]


def K(pk="a", sk="1"):
    return {"pk": S(pk), "sk": N(sk)}


def es(stmt, *params, **kw):
    """An ExecuteStatement step; params become Parameters."""
    b = {"Statement": stmt}
    if params:
        b["Parameters"] = list(params)
    b.update(kw)
    return ("ExecuteStatement", b)


def raw(**body):
    """An ExecuteStatement step with exactly these members."""
    return ("ExecuteStatement", body)


def put(item, table="tbl"):
    return ("PutItem", {"TableName": table, "Item": item})


def get(key, table="tbl"):
    return ("GetItem", {"TableName": table, "Key": key})


def ser(msg, note=None):
    return {"type": "SerializationException", "message": msg,
            "note": note or record.DDB_500}


def aws_val(msg, note):
    return {"type": "ValidationException", "message": msg, "note": note}


def aws_ok(response, note):
    return {"ok": True, "note": note, "response": response}


CASES = []


def case(name, *steps, aws=None, compare=None):
    """steps: (op, request) pairs; aws overrides the last step's answer;
    compare="counts" compares only the counts of the last step."""
    CASES.append({"name": name, "steps": [list(s) for s in steps],
                  "aws": aws, "compare": compare})


def tcase(name, *steps, aws=None, compare=None):
    """A case on the two standard tables."""
    case(name, *(TABLES + list(steps)), aws=aws, compare=compare)


# Five items of partition a, two of b, one of c.
def ITEM(i):
    return dict(K("a", str(i)), v=S("v%d" % i), n=N(str(i)),
                g=S("G%d" % (i % 2)),
                m={"M": {"b": N(str(i)), "c": S("x")}},
                l={"L": [N("10"), N("20"), N("30")]},
                name=S("nm%d" % i), ss={"SS": ["a", "b"]})


FIVE = [put(ITEM(i)) for i in range(1, 6)]
OTHERS = [put(dict(K("b", "1"), v=S("w1"), g=S("G9"), nl={"NULL": True})),
          put(dict(K("b", "2"), v=S("w2"), nl=S("notnull"))),
          put(dict(K("c", "1"), v=S("w3")))]
DATA = FIVE + OTHERS

DUP_MSG = "Duplicate primary key exists in table"
DUP_NOTE = ("DynamoDB Local answers the type DuplicateItem; AWS documents "
            "DuplicateItemException")
CONVERTS = "DynamoDB Local converts the value; AWS refuses it"
ENUM_NOTE = "DynamoDB Local accepts any value; AWS validates the enum"
RCC_MSG = ("1 validation error detected: Value 'FOO' at "
           "'returnConsumedCapacity' failed to satisfy constraint: Member "
           "must satisfy enum value set: [INDEXES, TOTAL, NONE]")

# ------------------------------------------------------------------ INSERT
tcase("ins.ok.plain", es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1, "
                         "'v': 'x'}"), get(K()))
tcase("ins.ok.literal_types",
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 's': 'it''s', "
         "'i': 42, 'd': 3.14, 'neg': -7, 'e': 1.5e3, 'e2': 1E-2, 't': TRUE, "
         "'f': false, 'nl': NULL, 'l': [1, 'x', [2]], "
         "'m': {'k': {'n': 1}, 'e': ''}, 'ss': <<'a','b'>>, 'ns': <<1,2>>}"),
      get(K("a", "2")))
tcase("ins.ok.number_forms",
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1.0, 'd': 1.50, 'z': -0, "
         "'tiny': 1e-130, 'big': 9.9e125, 'lead': 007}"),
      get(K()))
tcase("ins.ok.parameters",
      es("INSERT INTO tbl VALUE {'pk': ?, 'sk': ?, 'b': ?, 'l': ?, 'm': ?, "
         "'ss': ?}", S("p"), N("3"), {"B": "AQI="},
         {"L": [S("x"), N("1")]}, {"M": {"k": {"BOOL": True}}},
         {"SS": ["y", "x"]}),
      get(K("p", "3")))
tcase("ins.ok.statement_forms",
      es("INSERT INTO \"tbl\" VALUE {'pk': 'q', 'sk': 1}"), get(K("q")),
      es("insert into tbl value {'pk': 'r', 'sk': 1, 'b': true}"),
      get(K("r")))
tcase("ins.ok.hash_only", es("INSERT INTO one VALUE {'pk': 'a', 'x': 1}"),
      get({"pk": S("a")}, "one"))
tcase("ins.ok.index_key", es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1, "
                             "'g': 'G'}"),
      es("SELECT * FROM \"tbl\".\"gidx\" WHERE g = 'G'"))
tcase("ins.err.duplicate", es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1, "
                              "'v': 'x'}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1, 'v': 'y'}"),
      aws={"type": "DuplicateItemException", "message": DUP_MSG,
           "note": DUP_NOTE})
tcase("ins.err.duplicate_all_old", put(dict(K(), v=S("x"))),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1}",
         ReturnValuesOnConditionCheckFailure="ALL_OLD"),
      aws={"type": "DuplicateItemException", "message": DUP_MSG,
           "note": DUP_NOTE})
tcase("ins.err.keys",
      es("INSERT INTO tbl VALUE {'pk': 'a'}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': '1'}"),
      es("INSERT INTO tbl VALUE {'pk': '', 'sk': 1}"),
      es("INSERT INTO one VALUE {'pk': 1}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1, 'g': 1}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1, 'g': ''}"),
      get(K()))
tcase("ins.err.where_clause",
      es("INSERT INTO tbl VALUE {'pk': 'z', 'sk': 1} WHERE pk = 'z'"))
tcase("ins.err.value_not_map",
      es("INSERT INTO tbl VALUE 5"),
      es("INSERT INTO tbl VALUE ['a']"),
      es("INSERT INTO tbl VALUE ?", {"M": K()}))
tcase("ins.err.literals",
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 9, 'bs': <<'a', 1>>}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 9, 'e': <<>>}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 9, 'ss': <<'a','a'>>}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 9, 'ns': <<1, 1.0>>}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 9, 'x': MISSING}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 9, 'pk': 'b'}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 9, 'x': \"y\"}"),
      es("INSERT INTO tbl VALUE {\"pk\": 'a', 'sk': 9}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 9, 'x': {'y': ?}}",
         {"BOOL": True}),
      get(K("a", "9")))
tcase("ins.err.numbers",
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 9, 'x': 1e400}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 9, "
         "'x': 123456789012345678901234567890123456789012}"))
tcase("ins.err.parameter_values",
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 9, 'x': ?}", {"SS": []}),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 9, 'x': ?}",
         {"SS": ["a", "a"]}),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 9, 'x': ?}", N("abc")),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': ?}", {"S": "1", "N": "1"}),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': ?}", {}))

# Values inside collection literals: DynamoDB converts a list, map or set
# literal member by member, names the place of a member it cannot convert
# ("root" the outermost collection, ".KEY" and ".I" below it; an INSERT's
# item tuple is not counted), and never converts a parameter, a name, a
# path, MISSING or an operator expression there.
UPD = " WHERE pk = 'a' AND sk = 1"
tcase("val.err.parameters_in_collections",
      put(K()),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': [?]}", N("1")),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': [1, [?]]}", N("1")),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': {'y': [5, ?]}}",
         N("1")),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': [{'z': {'w': ?}}]}",
         N("1")),
      es("UPDATE tbl SET x = [?]" + UPD, N("1")),
      es("UPDATE tbl SET x = {'y': ?}" + UPD, N("1")),
      es("UPDATE tbl SET x = {'y': {'z': [1, ?]}}" + UPD, N("1")),
      es("UPDATE tbl SET x = list_append(x, [?])" + UPD, N("1")),
      es("SELECT * FROM tbl WHERE pk = 'a' AND x = [?]", N("1")),
      es("SELECT * FROM tbl WHERE pk = 'a' AND x = {'a': ?}", N("1")),
      es("SELECT * FROM tbl WHERE pk = 'a' AND x IN [?, 1]", N("1")),
      es("SELECT * FROM tbl WHERE pk = 'a' AND x IN [[?]]", N("1")),
      es("DELETE FROM tbl WHERE pk = 'a' AND sk = 1 AND x = [?]", N("1")),
      get(K()), get(K("a", "2")))
tcase("val.err.names_in_collections",
      put(K()),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': [x]}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': {'y': [1, x]}}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': [1, \"q\"]}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': {'y': z.w}}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': [1, 2, z[0]]}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': z.w}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': \"q\".r}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': [MISSING]}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': {'q': MISSING}}"),
      es("UPDATE tbl SET x = [1, y]" + UPD),
      es("UPDATE tbl SET x = {'y': z}" + UPD),
      es("UPDATE tbl SET x = {'y': z[0]}" + UPD),
      es("UPDATE tbl SET x = [MISSING]" + UPD),
      es("SELECT * FROM tbl WHERE pk = 'a' AND x = [1, y]"),
      es("SELECT * FROM tbl WHERE pk = 'a' AND x = {'k': y}"),
      es("SELECT * FROM tbl WHERE pk = 'a' AND x = [1, y.z]"),
      es("SELECT * FROM tbl WHERE pk = 'a' AND x IN [y]"),
      get(K()))
tcase("val.err.operators_in_values",
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': -y}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': 1+2}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': -'a'}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': 'b' || 'c'}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': [1+2]}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': {'a': 1 * 2}}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': [1, - 'a']}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': <<'a', 'b' || 'c'>>}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': <<1, -x>>}"),
      es("SELECT * FROM tbl WHERE pk = 'a' AND x = [-y]"),
      es("SELECT * FROM tbl WHERE pk = 'a' AND x = [1, 2 / 3]"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 3, 'x': [- 1], "
         "'y': <<- 1, 2>>, 'z': - 1}"),
      get(K("a", "3")))
tcase("val.err.bags",
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': <<?>>}", N("1")),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': <<'a', ?>>}",
         S("b")),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': <<1, ?>>}", N("2")),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': [1, <<'a', ?>>]}",
         S("b")),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': <<'a', y>>}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': <<'a', MISSING>>}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': <<MISSING>>}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': <<[1]>>}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': <<'a', -1>>}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': <<1, 'a'>>}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': <<-1, 'a'>>}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': <<1, true>>}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': <<1, [?]>>}",
         N("1")),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': <<1, {'q': ?}>>}",
         N("1")),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': <<'a', [?]>>}",
         N("1")),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': <<1, 'a', ?>>}",
         N("1")),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': <<1, 1, y>>}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': <<1, 1, 'a'>>}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': <<'a', 'a', true>>}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': <<1, 2, NULL, 'a'>>}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': <<1, 'a', NULL>>}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': <<1, 1, NULL>>}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': <<'a', NULL, 1>>}"),
      es("UPDATE tbl SET x = <<?>>" + UPD, S("b")),
      es("UPDATE tbl SET x = <<1, 'a'>>" + UPD),
      get(K("a", "2")))
tcase("val.err.bag_string_null",
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': <<'a', NULL>>}"),
      aws=aws_val("Unsupported data type in Bag. DynamoDB only supports "
                  "either numbers or strings in bags at 1:56:4",
                  "DynamoDB Local fails with HTTP 500 InternalFailure on a "
                  "NULL in a set of strings; the emulator refuses it as it "
                  "refuses NULL first in a set"))
tcase("val.err.tuple_keys",
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': [{z: 1}]}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': [1, {'a': 1, 'a': 2}]}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': {'q': {'a':1,'a':2}}}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': {'a':1,'a':[?]}}",
         N("2")),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, "
         "'x': {'a':1,'a':2,'b':{'c':1,'c':2}}}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, "
         "'x': {'a':1,'b':{'c':1,'c':2},'a':2}}"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'x': [?], 'pk': 'b'}",
         N("1")),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'pk': 'b', 'x': [?]}",
         N("1")),
      es("UPDATE tbl SET x = {'a':1,'a':2}" + UPD),
      es("SELECT * FROM tbl WHERE pk = 'a' AND x = {'a':1,'a':2}"))
tcase("val.err.missing_operand",
      put(K()),
      es("SELECT * FROM tbl WHERE pk = 'a' AND x = MISSING"),
      es("SELECT * FROM tbl WHERE pk = 'a' AND MISSING = x"),
      es("SELECT * FROM tbl WHERE pk = 'a' AND x <> missing"),
      es("SELECT * FROM tbl WHERE pk = 'a' AND x BETWEEN MISSING AND 1"),
      es("SELECT * FROM tbl WHERE pk = 'a' AND begins_with(x, MISSING)"),
      es("SELECT * FROM tbl WHERE pk = 'a' AND x IN [MISSING]"),
      es("UPDATE tbl SET x = MISSING" + UPD),
      es("UPDATE tbl SET x = list_append(x, MISSING)" + UPD),
      es("SELECT * FROM tbl WHERE pk = 'a' AND x IS NOT MISSING"),
      get(K()))

# ------------------------------------------------------------------ SELECT
tcase("sel.ok.query", *DATA, es("SELECT * FROM tbl WHERE pk = 'a'"),
      es("SELECT * FROM one WHERE pk = 'zz'"),
      es("SELECT * FROM tbl WHERE 'b' = pk"))
tcase("sel.ok.sort_key_conditions", *DATA,
      es("SELECT pk, sk FROM tbl WHERE pk = 'a' AND sk = 2"),
      es("SELECT pk, sk FROM tbl WHERE pk = 'a' AND sk < 3"),
      es("SELECT pk, sk FROM tbl WHERE pk = 'a' AND sk <= 3"),
      es("SELECT pk, sk FROM tbl WHERE pk = 'a' AND sk > 3"),
      es("SELECT pk, sk FROM tbl WHERE pk = 'a' AND sk >= 3"),
      es("SELECT pk, sk FROM tbl WHERE pk = 'a' AND sk BETWEEN 2 AND 4"),
      es("SELECT pk, sk FROM tbl WHERE pk = 'a' AND sk > 1 AND sk < 2"),
      es("SELECT pk, sk FROM tbl WHERE pk = 'a' AND sk IN [1, 4, 7]"),
      es("SELECT pk, sk FROM tbl WHERE pk = 'a' AND sk = 1 AND sk = 2"))
case("sel.ok.begins_with", ("CreateTable", STR),
     put({"pk": S("a"), "sk": S("apple")}, "str"),
     put({"pk": S("a"), "sk": S("apricot")}, "str"),
     put({"pk": S("a"), "sk": S("banana")}, "str"),
     es("SELECT * FROM str WHERE pk = 'a' AND begins_with(sk, 'ap')"),
     es("SELECT * FROM str WHERE pk = 'a' AND sk >= 'b'"))
# DynamoDB Local answers HTTP 500 to ORDER BY sk DESC when the projection
# leaves out a key attribute, and pages ORDER BY DESC with a Limit in
# ascending order: neither is recorded.
tcase("sel.ok.order_by", *DATA,
      es("SELECT sk FROM tbl WHERE pk = 'a' ORDER BY sk ASC"),
      es("SELECT sk FROM tbl WHERE pk = 'a' ORDER BY sk"),
      es("SELECT * FROM tbl WHERE pk = 'a' ORDER BY sk DESC"),
      es("SELECT pk, sk FROM tbl WHERE pk = 'a' AND sk > 2 ORDER BY sk DESC"),
      es("SELECT sk FROM tbl WHERE pk = 'a' ORDER BY pk"))
tcase("sel.ok.projection", *DATA,
      es("SELECT pk, v, m.b, l[1], \"name\" FROM tbl "
         "WHERE pk = 'a' AND sk = 1"),
      es("SELECT \"m\".\"c\", zz FROM tbl WHERE pk = 'a' AND sk = 2"),
      es("SELECT nl FROM tbl WHERE pk = 'b'"))
tcase("sel.err.projection",
      es("SELECT v, v FROM tbl WHERE pk = 'a'"),
      es("SELECT m, m.b FROM tbl WHERE pk = 'a'"),
      es("SELECT *, v FROM tbl WHERE pk = 'a'"),
      es("SELECT ? FROM tbl WHERE pk = 'a'", S("x")))
tcase("sel.ok.filter_compare", *DATA,
      es("SELECT sk FROM tbl WHERE pk = 'a' AND v = 'v3'"),
      es("SELECT sk FROM tbl WHERE pk = 'a' AND v <> 'v3'"),
      es("SELECT sk FROM tbl WHERE pk = 'a' AND n < 3"),
      es("SELECT sk FROM tbl WHERE pk = 'a' AND v > 'v3'"),
      es("SELECT sk FROM tbl WHERE pk = 'a' AND n BETWEEN 2 AND 4"),
      es("SELECT sk FROM tbl WHERE pk = 'a' AND v = 1"),
      es("SELECT sk FROM tbl WHERE pk = 'a' AND m.b = 4"),
      es("SELECT sk FROM tbl WHERE pk = 'a' AND l[0] = 10 AND sk = 5"),
      es("SELECT sk FROM tbl WHERE pk = 'a' AND \"name\" = 'nm2'"),
      es("SELECT sk FROM tbl WHERE pk = 'a' AND v = zz"))
tcase("sel.ok.filter_in", *DATA,
      es("SELECT sk FROM tbl WHERE pk = 'a' AND v IN ['v1', 'v3']"),
      es("SELECT sk FROM tbl WHERE pk = 'a' AND v IN ('v2', 'v4', 7)"),
      es("SELECT sk FROM tbl WHERE pk = 'a' AND n IN [" +
         ",".join("?" * 100) + "]", *[N(str(i)) for i in range(100)]))
tcase("sel.ok.filter_logic", *DATA,
      es("SELECT sk FROM tbl WHERE pk = 'a' AND (n = 1 OR v = 'v2') "
         "AND NOT sk = 5"),
      es("SELECT sk FROM tbl WHERE pk = 'a' AND NOT (n > 1 AND n < 5)"),
      es("SELECT sk FROM tbl WHERE pk = 'a' AND (v = 'v1' OR (n >= 4 AND "
         "g = 'G1'))"))
tcase("sel.ok.filter_functions", *DATA,
      es("SELECT sk FROM tbl WHERE pk = 'a' AND begins_with(v, 'v') "
         "AND sk < 3"),
      es("SELECT sk FROM tbl WHERE pk = 'a' AND contains(ss, 'a') AND sk = 1"),
      es("SELECT sk FROM tbl WHERE pk = 'a' AND contains(v, '4')"),
      es("SELECT sk FROM tbl WHERE pk = 'a' AND attribute_type(v, 'S') "
         "AND sk = 1"),
      es("SELECT sk FROM tbl WHERE pk = 'a' AND attribute_type(v, 'N')"),
      es("SELECT sk FROM tbl WHERE pk = 'a' AND size(l) > 2 AND sk = 1"),
      es("SELECT sk FROM tbl WHERE pk = 'a' AND size(v) = 2 AND sk = 2"),
      es("SELECT sk FROM tbl WHERE pk = 'a' AND size(v) > 'x'"))
tcase("sel.ok.missing_and_null", *DATA,
      es("SELECT sk FROM tbl WHERE pk = 'b' AND nl IS MISSING"),
      es("SELECT sk FROM tbl WHERE pk = 'b' AND nl IS NOT MISSING"),
      es("SELECT sk FROM tbl WHERE pk = 'b' AND nl IS NULL"),
      es("SELECT sk FROM tbl WHERE pk = 'b' AND nl IS NOT NULL"),
      es("SELECT sk FROM tbl WHERE pk = 'b' AND g IS MISSING"),
      es("SELECT sk FROM tbl WHERE pk = 'a' AND m.c IS NOT MISSING "
         "AND sk = 1"))
tcase("sel.ok.parameters", *DATA,
      es("SELECT sk FROM tbl WHERE pk = ? AND sk > ?", S("a"), N("3")),
      es("SELECT sk FROM tbl WHERE pk = 'a' AND v = ?", S("v2")),
      es("SELECT sk FROM tbl WHERE pk = 'a' AND v = ?", {"L": []}),
      es("SELECT sk FROM tbl WHERE pk = 'a' AND n BETWEEN ? AND ?",
         N("2"), N("3")))
tcase("sel.ok.index", *DATA,
      es("SELECT * FROM \"tbl\".\"gidx\" WHERE g = 'G9'"),
      es("SELECT pk, sk FROM tbl.gidx WHERE g = 'G9'"),
      es("SELECT sk FROM \"tbl\".\"gidx\" WHERE g = 'G0' AND sk = 4"),
      es("SELECT sk FROM \"tbl\".\"gidx\" WHERE g = 'G0'"))
tcase("sel.consistent_read", *DATA,
      es("SELECT sk FROM tbl WHERE pk = 'a' AND sk = 1", ConsistentRead=True),
      es("SELECT sk FROM tbl WHERE pk = 'a' AND sk = 1",
         ConsistentRead=False),
      es("SELECT * FROM \"tbl\".\"gidx\" WHERE g = 'G9'",
         ConsistentRead=True))
tcase("sel.ok.no_where_one_partition", *FIVE, es("SELECT * FROM tbl"))
tcase("sel.ok.scan_filter_one", *DATA,
      es("SELECT * FROM tbl WHERE v = 'w2'"),
      es("SELECT pk, sk FROM tbl WHERE sk = 1 AND v = 'w3'"),
      es("SELECT sk FROM tbl WHERE PK = 'a'"),
      es("SELECT * FROM \"tbl\".\"gidx\" WHERE v = 'w1'"))
tcase("sel.ok.two_partitions", *DATA,
      es("SELECT pk, sk FROM tbl WHERE pk IN ['a', 'b'] AND sk = 1"),
      es("SELECT pk, sk FROM tbl WHERE pk = 'b' OR pk = 'c'"))
tcase("sel.ok.pages", *FIVE,
      es("SELECT sk FROM tbl WHERE pk = 'a'", Limit=2),
      es("SELECT sk FROM tbl WHERE pk = 'a'", Limit=2,
         NextToken=token(K("a", "2"))),
      es("SELECT sk FROM tbl WHERE pk = 'a'", Limit=2,
         NextToken=token(K("a", "4"))))
tcase("sel.ok.page_limits", *DATA,
      es("SELECT sk FROM tbl WHERE pk = 'a'", Limit=5),
      es("SELECT sk FROM tbl WHERE pk = 'a'", Limit=6),
      es("SELECT sk FROM tbl WHERE pk = 'a'", Limit=10001),
      es("SELECT sk FROM tbl WHERE pk = 'a' AND v = 'nope'", Limit=1),
      es("SELECT sk FROM tbl WHERE pk = 'a'", Limit=1.9))
tcase("sel.ok.next_token_without_limit", *FIVE,
      es("SELECT sk FROM tbl WHERE pk = 'a'", NextToken=token(K("a", "2"))),
      es("SELECT sk FROM tbl WHERE pk = 'a' AND sk > 3",
         NextToken=token(K("a", "4"))))
tcase("sel.ok.index_pages", *DATA,
      es("SELECT pk, sk FROM \"tbl\".\"gidx\" WHERE g = 'G9'", Limit=1),
      es("SELECT pk, sk FROM \"tbl\".\"gidx\" WHERE g = 'G9'", Limit=1,
         NextToken=token({"g": S("G9"), "sk": N("1"), "pk": S("b")})))
# A page of Limit items always has a NextToken, even where its last item
# ends the Query (DynamoDB Local's paging of a SELECT; a Query's page
# there has no LastEvaluatedKey).
tcase("sel.ok.full_page_token", *FIVE, put({"pk": S("z")}, "one"),
      es("SELECT sk FROM tbl WHERE pk = 'a' AND sk <= 1", Limit=1),
      es("SELECT sk FROM tbl WHERE pk = 'a' AND sk BETWEEN 1 AND 2", Limit=2),
      es("SELECT sk FROM tbl WHERE pk = 'a' AND sk >= 5", Limit=1),
      es("SELECT sk FROM tbl WHERE pk = 'a' AND sk = 3", Limit=1),
      es("SELECT sk FROM tbl WHERE pk = 'a'", Limit=5),
      es("SELECT sk FROM tbl WHERE pk = 'a'", Limit=6),
      es("SELECT * FROM one WHERE pk = 'z'", Limit=1),
      es("SELECT * FROM one WHERE pk = 'y'", Limit=1))
tcase("sel.ok.order_by_desc_limit", *FIVE,
      es("SELECT sk FROM tbl WHERE pk = 'a' ORDER BY sk DESC", Limit=2),
      aws=aws_ok({"Items": [{"sk": N("5")}, {"sk": N("4")}],
                  "NextToken": token({"sk": N("4"), "pk": S("a")},
                                     RECORDED_TIME)},
                 "DynamoDB Local reads a page of ORDER BY ... DESC in "
                 "ascending order and sorts it; AWS documents DESC as the "
                 "order the items are read in"))
tcase("sel.err.order_by_unprojected_sort_key", *FIVE,
      es("SELECT v FROM tbl WHERE pk = 'a' AND sk >= 1 ORDER BY sk DESC"),
      aws=aws_ok({"Items": [{"v": S("v%d" % i)} for i in range(5, 0, -1)]},
                 "DynamoDB Local fails with HTTP 500 InternalFailure on "
                 "ORDER BY a sort key the SELECT does not project"))
# A SELECT's result columns are named by each path's last name and the
# indexes after it; two of one name are refused. Its paths are checked
# for overlaps in the statement's order (a ProjectionExpression's: last
# first), so its message names them as the reversed expression's would.
tcase("sel.err.identifiers",
      es("SELECT a.b, b FROM tbl"), es("SELECT b, a.b FROM tbl"),
      es("SELECT a.b, c.b FROM tbl"), es("SELECT a.b.c, x.c FROM tbl"),
      es("SELECT \"a\".\"b\", \"b\" FROM tbl"),
      es("SELECT a[0], a[0] FROM tbl"), es("SELECT a.b[1], a.b[1] FROM tbl"),
      es("SELECT a[0], c, a[0] FROM tbl"),
      es("SELECT a.b[0], b FROM tbl"), es("SELECT a[0], b[0] FROM tbl"),
      es("SELECT l[1], m, l FROM tbl"), es("SELECT a.b, c, d, a FROM tbl"),
      es("SELECT a, c, d, a.b FROM tbl"), es("SELECT x.y, b.c, x, b FROM tbl"),
      es("SELECT a[0], a[0].b FROM tbl"))
# An UPDATE's targets are checked for overlaps in the statement's order
# (an UpdateExpression's: last first).
tcase("upd.err.overlap_order", put(K()),
      es("UPDATE tbl SET b.x = 1 SET n = n - 10 SET b = 2" + UPD),
      es("UPDATE tbl SET b.x = 1 SET b = 2" + UPD),
      es("UPDATE tbl SET n = 1 SET b.x = 1 SET b = 2" + UPD),
      es("UPDATE tbl SET b = 1 SET n = 1 SET b.x = 2" + UPD),
      es("UPDATE tbl SET b = 1 SET n = 1 SET q = 3 SET b.x = 2" + UPD),
      es("UPDATE tbl SET b.x = 1 SET b.y = 2 SET b = 1" + UPD),
      es("UPDATE tbl SET b = 1 SET b.y = 2 SET b.x = 1" + UPD),
      es("UPDATE tbl SET a = 1 SET c = 2 SET d = 3 SET a = 1" + UPD),
      es("UPDATE tbl SET b.x = 1 SET b = 2 REMOVE n" + UPD),
      es("UPDATE tbl SET q = 1 SET b.x = 1 SET b = 2" + UPD),
      get(K()))
# Places count code points.
tcase("val.err.places_in_code_points",
      es("UPDATE tbl SET l = '\u00e9\u00e9' SET s = [?]" + UPD, N("1")),
      es("UPDATE tbl SET l = '\U0001F600' SET s = [?]" + UPD, N("1")),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1, '\u00e9': [1, y]}"))
# A filter of a SELECT on a global index may name attributes the index
# does not project; its projection may not.
PRJ = {"TableName": "prj", "BillingMode": "PAY_PER_REQUEST",
       "KeySchema": [H("pk"), R("sk")],
       "AttributeDefinitions": [A("pk"), A("sk", "N"), A("g"), A("gs", "N")],
       "GlobalSecondaryIndexes": [
           {"IndexName": "gkeys", "KeySchema": [H("g")],
            "Projection": {"ProjectionType": "KEYS_ONLY"}},
           {"IndexName": "ginc", "KeySchema": [H("g"), R("gs")],
            "Projection": {"ProjectionType": "INCLUDE",
                           "NonKeyAttributes": ["a"]}}]}
PRJ_ITEMS = [put(dict(K("a", str(i)), g=S("x"), gs=N(str(i)), n=N(str(i)),
                      a=S("y")), "prj") for i in range(1, 4)]
case("sel.ok.index_filter_unprojected", ("CreateTable", PRJ), *PRJ_ITEMS,
     es("SELECT * FROM \"prj\".\"ginc\" WHERE g = 'x' AND c = 1"),
     es("SELECT a FROM \"prj\".\"ginc\" WHERE g = 'x' AND a = 'y'"),
     es("SELECT n FROM \"prj\".\"ginc\" WHERE g = 'x' AND c = 1"),
     es("SELECT a, n, q FROM \"prj\".\"ginc\" WHERE g = 'x' AND c = 1"),
     es("SELECT * FROM \"prj\".\"gkeys\" WHERE g = 'x' AND n > 1"),
     aws=aws_ok({"Items": []},
                "DynamoDB Local evaluates the filter of a SELECT on a global "
                "index on the table's item; the index's items lack n, as a "
                "Scan of the index reads them"))
# Parameters are checked as AttributeValues, with their own messages,
# after the statement's syntax and before anything else of it.
tcase("val.err.parameters",
      *[es("SELECT * FROM tbl WHERE pk = ?", p) for p in (
          N("1e126"), N("abc"), {"SS": ["a", "a"]}, {"NS": ["1", "1.0"]},
          {"SS": []}, {"L": [N("1e126")]}, {"M": {"x": {"SS": ["a", "a"]}}},
          {"NULL": False})],
      es("SELECT * FROM tbl WHERE", N("1e126")),
      es("SELECT * FROM nope WHERE pk = ?", N("1e126")),
      es("SELECT * FROM tbl WHERE pk = ? AND x = [?]", S("a"), N("1e126")),
      es("SELECT a.b, b FROM tbl WHERE pk = ?", N("1e126")),
      es("UPDATE tbl SET a = 1 SET a = 2 WHERE pk = ?", N("1e126")),
      es("SELECT * FROM tbl WHERE pk = ?", S("a"), N("1e126")))
# A statement's parts are checked in its own order: a SELECT's projection,
# then its WHERE condition by condition as written (key conditions and
# filter alike); an UPDATE's WHERE before its SET and REMOVE. A part's
# literals are converted before its conditions are checked.
tcase("val.err.parts_in_order", put(K()),
      es("SELECT * FROM tbl WHERE pk = 'a' AND sk BETWEEN 10 AND ? "
         "AND c[0] >= ?", N("1"), {"L": []}),
      es("SELECT * FROM tbl WHERE pk = 'a' AND c[0] >= ? "
         "AND sk BETWEEN 10 AND ?", {"L": []}, N("1")),
      es("SELECT * FROM tbl WHERE c[0] >= ? AND sk BETWEEN 10 AND ?",
         {"L": []}, N("1")),
      es("SELECT b, b[0], s FROM tbl WHERE pk = 'a' AND l.a > ?",
         {"BOOL": True}),
      es("SELECT * FROM tbl WHERE pk = 'a' AND attribute_type(n, 'X') "
         "AND l > true"),
      es("UPDATE tbl SET c = [?]" + UPD + " AND c < false", N("1")),
      es("UPDATE tbl SET c = [?]" + UPD + " AND x = [?]", N("1"), N("2")),
      es("UPDATE tbl SET c = [?] WHERE pk = 1 AND sk = 1", N("1")),
      es("UPDATE tbl SET c = [y]" + UPD + " AND c < false"),
      es("UPDATE tbl SET c = {'a': 1, 'a': 2}" + UPD + " AND c < false"),
      es("UPDATE tbl SET c = <<1, 'a'>>" + UPD + " AND c < false"),
      es("UPDATE tbl SET c = 1 SET c = 2" + UPD + " AND c < false"),
      es("UPDATE tbl SET c = [?]" + UPD + " AND c < MISSING", N("1")),
      es("UPDATE tbl SET c = MISSING" + UPD + " AND c < false"),
      es("UPDATE tbl SET c = [?]" + UPD + " AND size(c) < 'x'", N("1")),
      es("UPDATE tbl SET l = list_append(l, []) REMOVE b REMOVE b[1]" + UPD +
         " AND attribute_type(n, 'X')"),
      es("DELETE FROM tbl" + UPD + " AND x = [?] AND c < false", N("1")),
      es("SELECT b, b[0] FROM tbl WHERE pk = 'a' AND x = [?]", N("1")),
      es("SELECT b, b[0] FROM tbl WHERE pk = 'a' AND x = <<1, 1>>"),
      es("SELECT b, b[0] FROM tbl WHERE pk = 'a' AND x = MISSING"),
      es("SELECT b, b[0] FROM tbl WHERE pk = 'a' AND x = <<1, 'a'>>"),
      es("SELECT * FROM tbl WHERE pk = 'a' AND x < true AND y = <<1, 1>>"),
      es("UPDATE tbl SET x = <<1, 1>>" + UPD + " AND y < true"),
      es("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1, 'x': <<1, 1>>, "
         "'y': [?]}", N("1")),
      es("SELECT a.b, b FROM tbl WHERE x = [?]", N("1")),
      get(K()))
tcase("sel.err.next_token",
      es("SELECT * FROM tbl WHERE pk = 'a'", NextToken="garbage"),
      es("SELECT * FROM tbl WHERE pk = 'a'",
         NextToken=token(K("a", "2"), OLD_TIME)),
      es("SELECT * FROM tbl WHERE pk = 'a'", NextToken="x" * 32769))
tcase("sel.ok.scan_page_counts", *DATA,
      es("SELECT pk, sk FROM tbl", Limit=2), compare="counts")
# <>, NOT and IN on the sort key make DynamoDB Local scan the table (the
# page stops in another partition); OR of equalities stays a query.
tcase("sel.ok.sort_key_or_query", *DATA,
      es("SELECT sk FROM tbl WHERE pk = 'a' AND (sk = 1 OR sk = 3)",
         Limit=1))
tcase("sel.ok.sort_key_not_equal_scans", *DATA,
      es("SELECT sk FROM tbl WHERE pk = 'a' AND sk <> 2", Limit=2),
      compare="counts")
tcase("sel.err.tables",
      es("SELECT * FROM nope WHERE pk = 'a'"),
      es("SELECT * FROM \"nope\""),
      es("SELECT * FROM TBL WHERE pk = 'a'"))
tcase("sel.err.indexes",
      es("SELECT * FROM \"tbl\".\"nope\" WHERE g = 'G1'"),
      es("SELECT * FROM \"one\".\"gidx\""))
tcase("sel.err.keys",
      es("SELECT * FROM tbl WHERE pk = 1"),
      es("SELECT * FROM tbl WHERE pk = ?", N("1")),
      es("SELECT * FROM tbl WHERE pk = ''"),
      es("SELECT * FROM tbl WHERE pk = ?", S("")),
      es("SELECT * FROM tbl WHERE pk = 'a' AND sk = '1'"),
      es("SELECT * FROM tbl WHERE pk = 'a' AND sk > ?", S("1")))
tcase("sel.err.clauses",
      es("SELECT * FROM tbl WHERE pk = 'a' ORDER BY v"),
      es("SELECT * FROM tbl ORDER BY sk"),
      es("SELECT * FROM tbl WHERE pk = 'a' AND attribute_type(v, 'Q')"),
      es("SELECT * FROM tbl WHERE pk = 'a' AND foo(v)"),
      es("SELECT * FROM tbl WHERE pk = 'a' AND v IN ?", {"L": [S("x")]}),
      es("SELECT * FROM tbl WHERE pk = 'a' AND v IN [" +
         ",".join(str(i) for i in range(101)) + "]"),
      es("SELECT * FROM ? WHERE pk = 'a'", S("tbl")))
tcase("sel.ok.capacity_not_returned", *FIVE,
      es("SELECT sk FROM tbl WHERE pk = 'a' AND sk = 1",
         ReturnConsumedCapacity="TOTAL"),
      es("SELECT sk FROM tbl WHERE pk = 'a' AND sk = 1",
         ReturnConsumedCapacity="INDEXES"),
      es("INSERT INTO tbl VALUE {'pk': 'z', 'sk': 1}",
         ReturnConsumedCapacity="TOTAL"))
tcase("sel.ok.ignored_members", *FIVE,
      es("SELECT sk FROM tbl WHERE pk = 'a' AND sk = 1",
         ReturnValuesOnConditionCheckFailure="ALL_OLD"),
      es("SELECT sk FROM tbl WHERE pk = 'a' AND sk = 1", Bogus=[1]),
      es("SELECT sk FROM tbl WHERE pk = 'a' AND sk = 1", Limit=None,
         Parameters=None, NextToken=None))

# ------------------------------------------------------------------ UPDATE
FULL = dict(K(), v=S("x"), n=N("5"), m={"M": {"x": N("1"), "y": N("2")}},
            l={"L": [N("1"), N("2")]}, s={"SS": ["a", "b"]},
            ns={"NS": ["1", "2"]}, r=S("rm"), g=S("G"))
W = " WHERE pk = 'a' AND sk = 1"
tcase("upd.ok.set_literal", put(FULL), es("UPDATE tbl SET v = 'y'" + W),
      es("UPDATE tbl SET w = {'k': [1, <<'z'>>]}, q = NULL" + W), get(K()))
tcase("upd.ok.arithmetic", put(FULL), es("UPDATE tbl SET n = n + 1" + W),
      es("UPDATE tbl SET n = n - ?" + W, N("3.5")),
      es("UPDATE tbl SET o = n + n" + W), get(K()),
      aws=aws_ok({"Item": dict(FULL, n=N("2.5"), o=N("5"))},
                 "DynamoDB Local keeps the trailing zero of n + n (5.0); AWS "
                 "documents that numbers are stored without leading and "
                 "trailing zeros"))
tcase("upd.ok.nested_path", put(FULL), es("UPDATE tbl SET m.x = 5" + W),
      es("UPDATE tbl SET m.z.q = 5" + W), es("UPDATE tbl SET l[1] = 'b'" + W),
      get(K()))
tcase("upd.ok.list_append", put(FULL),
      es("UPDATE tbl SET l = list_append(l, [3])" + W),
      es("UPDATE tbl SET l = list_append([0], l)" + W), get(K()))
tcase("upd.ok.set_functions", put(FULL),
      es("UPDATE tbl SET s = set_add(s, <<'c'>>)" + W),
      es("UPDATE tbl SET s = set_delete(s, <<'a'>>)" + W),
      es("UPDATE tbl SET ns = set_add(ns, <<3, 1>>)" + W),
      es("UPDATE tbl SET ns = set_delete(ns, <<1, 2>>)" + W), get(K()))
tcase("upd.ok.remove", put(FULL), es("UPDATE tbl REMOVE r" + W),
      es("UPDATE tbl REMOVE absent" + W), es("UPDATE tbl REMOVE g" + W),
      get(K()), es("SELECT * FROM \"tbl\".\"gidx\" WHERE g = 'G'"))
tcase("upd.ok.several_clauses", put(FULL),
      es("UPDATE tbl SET a1 = 1 SET a2 = 'two' REMOVE m.y" + W),
      es("UPDATE tbl SET a1 = 2, a2 = 3 REMOVE r, l[0]" + W),
      es("UPDATE tbl SET a1 = 3, a2 = 4 REMOVE r REMOVE l[0] SET a3 = 5" + W),
      get(K()))
tcase("upd.ok.condition_holds", put(FULL),
      es("UPDATE tbl SET v = 'z'" + W + " AND v = 'x'"),
      es("UPDATE tbl SET v = 'q'" + W + " AND attribute_exists(v)"),
      get(K()))
tcase("upd.err.condition_fails", put(FULL),
      es("UPDATE tbl SET v = 'w'" + W + " AND v = 'nope'"),
      es("UPDATE tbl SET v = 'w'" + W + " AND v IS MISSING"), get(K()))
tcase("upd.err.condition_fails_all_old", put(FULL),
      es("UPDATE tbl SET v = 'w'" + W + " AND v = 'nope' RETURNING ALL NEW *",
         ReturnValuesOnConditionCheckFailure="ALL_OLD"),
      es("UPDATE tbl SET v = 'w'" + W + " AND v = 'nope'",
         ReturnValuesOnConditionCheckFailure="NONE"),
      es("UPDATE tbl SET v = 'w'" + W + " AND v = 'nope'",
         ReturnValuesOnConditionCheckFailure="ALL_OLD"))
tcase("upd.ok.returning", put(FULL),
      es("UPDATE tbl SET v = 'w1'" + W + " RETURNING ALL NEW *"),
      es("UPDATE tbl SET v = 'w2'" + W + " RETURNING ALL OLD *"),
      es("UPDATE tbl SET v = 'w3', n = n + 1" + W +
         " RETURNING MODIFIED NEW *"),
      es("UPDATE tbl SET v = 'w4'" + W + " RETURNING MODIFIED OLD *"),
      es("UPDATE tbl SET q = 'new'" + W + " RETURNING MODIFIED OLD *"),
      es("UPDATE tbl REMOVE q" + W + " RETURNING MODIFIED NEW *"),
      es("UPDATE tbl SET m.x = 9" + W + " RETURNING MODIFIED OLD *"),
      es("UPDATE tbl SET v = 'w5'" + W + " RETURNING ALL OLD *",
         ReturnValuesOnConditionCheckFailure="ALL_OLD"))
tcase("upd.err.returning_projection", put(FULL),
      es("UPDATE tbl SET v = 'w5'" + W + " RETURNING ALL NEW v"))
tcase("upd.err.missing_item", es("UPDATE tbl SET v = 'w'" + W),
      es("UPDATE one SET v = 'r' WHERE pk = 'a' AND sk = 1"), get(K()),
      es("UPDATE tbl SET v = 'w'" + W,
         ReturnValuesOnConditionCheckFailure="ALL_OLD"))
tcase("upd.err.key_equality", put(FULL),
      es("UPDATE tbl SET v = 'w' WHERE pk = 'a'"),
      es("UPDATE tbl SET v = 'w' WHERE pk = 'a' AND sk > 0"),
      es("UPDATE tbl SET v = 'w' WHERE pk = 'a' AND sk = 1 OR v = 'x'"),
      es("UPDATE tbl SET v = 'w' WHERE v = 'x'"),
      es("UPDATE tbl SET v = 'r'" + W + " AND pk = 'b'"))
tcase("upd.err.key_attribute", put(FULL), es("UPDATE tbl SET sk = 5" + W),
      es("UPDATE tbl SET pk = 'b'" + W), es("UPDATE tbl REMOVE pk" + W),
      get(K()))
tcase("upd.err.values", put(FULL), es("UPDATE tbl SET n = n + 'x'" + W),
      es("UPDATE tbl SET zz = zz + 1" + W), es("UPDATE tbl SET g = 5" + W),
      es("UPDATE tbl SET v = 'r' SET v = 's'" + W),
      es("UPDATE tbl WHERE pk = 'a' AND sk = 1"), get(K()))

# ------------------------------------------------------------------ DELETE
ITEM2 = dict(K("a", "2"), v=S("x"))
W2 = " WHERE pk = 'a' AND sk = 2"
tcase("del.ok.existing", put(ITEM2), es("DELETE FROM tbl" + W2),
      get(K("a", "2")))
tcase("del.ok.missing", es("DELETE FROM tbl" + W2),
      es("DELETE FROM one WHERE pk = 'zz'"))
tcase("del.ok.returning_all_old", put(ITEM2),
      es("DELETE FROM tbl WHERE sk = 2 AND pk = 'a' RETURNING ALL OLD *"),
      es("DELETE FROM tbl" + W2 + " RETURNING ALL OLD *"))
tcase("del.err.returning_all_new", put(ITEM2),
      es("DELETE FROM tbl" + W2 + " RETURNING ALL NEW *"), get(K("a", "2")))
tcase("del.err.condition_fails", put(ITEM2),
      es("DELETE FROM tbl" + W2 + " AND v = 'nope'"), get(K("a", "2")),
      es("DELETE FROM tbl" + W2 + " AND v = 'nope'",
         ReturnValuesOnConditionCheckFailure="ALL_OLD"))
tcase("del.ok.condition_on_missing_item",
      es("DELETE FROM tbl WHERE pk = 'a' AND sk = 9 AND v = 'nope'",
         ReturnValuesOnConditionCheckFailure="ALL_OLD"),
      es("DELETE FROM one WHERE pk = 'zz' AND v = 1"))
tcase("del.ok.condition_holds", put(ITEM2),
      es("DELETE FROM tbl" + W2 + " AND v = 'x' RETURNING ALL OLD *"),
      get(K("a", "2")))
tcase("del.err.key_equality", put(ITEM2),
      es("DELETE FROM tbl WHERE pk = 'a'"),
      es("DELETE FROM tbl WHERE pk = 'a' AND sk >= 2"), get(K("a", "2")))
tcase("write.err.no_table",
      es("INSERT INTO nope VALUE {'pk': 'z', 'sk': 1}"),
      es("UPDATE nope SET v = 'w'" + W),
      es("DELETE FROM nope WHERE pk = 'a'"))
tcase("del.err.rvoccf_enum", put(ITEM2),
      es("DELETE FROM tbl" + W2, ReturnValuesOnConditionCheckFailure="FOO"))

# ------------------------------------------------------------------ requests
PRE = "SELECT * FROM tbl WHERE pk = '"
tcase("req.err.statement_empty", es(""))
tcase("req.err.statement_missing", raw(),
      aws=aws_val("1 validation error detected: Value null at 'statement' "
                  "failed to satisfy constraint: Member must not be null",
                  "DynamoDB Local answers HTTP 500 InternalFailure; AWS "
                  "documents Statement as required"))
# 8192 UTF-8 bytes at most, whatever the characters
tcase("req.statement_length",
      es(PRE + "x" * (8192 - 31) + "'"),
      es(PRE + "x" * (8193 - 31) + "'"),
      es(PRE + "\u00e9" * 4080 + "x'"),
      es(PRE + "\U0001F600" * 2040 + "'"),
      es(PRE + "\u00e9" * 4081 + "x'"))
tcase("req.err.parameters_empty", put(K()),
      es("SELECT * FROM tbl WHERE pk = 'a'", Parameters=[]),
      aws=aws_val("1 validation error detected: Value '[]' at 'parameters' "
                  "failed to satisfy constraint: Member must have length "
                  "greater than or equal to 1",
                  "DynamoDB Local accepts an empty list; AWS documents "
                  "Parameters as 1 item or more"))
tcase("req.err.parameter_count",
      es("SELECT * FROM tbl WHERE pk = ? AND sk = ?", S("a")),
      es("SELECT * FROM tbl WHERE pk = ?", S("a"), N("1")),
      es("SELECT * FROM tbl WHERE pk = ?"),
      es("SELECT * FROM tbl WHERE pk = 'a'", S("a")),
      es("SELECT * FROM tbl WHERE pk = 'a' AND sk IN [" +
         ",".join("?" * 101) + "]", *[N(str(i)) for i in range(101)]))
tcase("req.err.limit",
      es("SELECT * FROM tbl WHERE pk = 'a'", Limit=0),
      es("SELECT * FROM tbl WHERE pk = 'a'", Limit=-1))
tcase("req.err.rcc_enum", es("SELECT * FROM tbl WHERE pk = 'a'",
                             ReturnConsumedCapacity="FOO"),
      aws=aws_val(RCC_MSG, ENUM_NOTE))
tcase("req.ser.statement_number", raw(Statement=5),
      aws=ser(record.SER_STR_NUM,
              "DynamoDB Local converts the number to a string (and answers "
              "'Unsupported operation: Literal'); AWS refuses it"))
tcase("req.ser.statement_bool", raw(Statement=True),
      aws=ser(record.SER_STR_BOOL,
              "DynamoDB Local converts the boolean to a string (and answers "
              "'Unsupported operation: Literal'); AWS refuses it"))
tcase("req.ser.statement_list", raw(Statement=["SELECT * FROM tbl"]),
      aws=ser(record.SER_LIST))
tcase("req.ser.parameters_object",
      raw(Statement="SELECT * FROM tbl WHERE pk = ?", Parameters=S("a")),
      aws=ser(record.SER_STRUCT))
tcase("req.ser.parameter_string_as_number",
      es("SELECT * FROM tbl WHERE pk = ?", {"S": 5}),
      aws=ser("NUMBER_VALUE cannot be converted to String", CONVERTS))
tcase("req.ser.limit_string",
      es("SELECT * FROM tbl WHERE pk = 'a'", Limit="2"),
      aws=ser("class java.lang.String can not be converted to an Integer",
              CONVERTS))
tcase("req.ser.consistent_read_string",
      es("SELECT * FROM tbl WHERE pk = 'a'", ConsistentRead="yes"),
      aws=ser("'YES' can not be converted to an Boolean"))
tcase("req.ok.statement_forms", put(K()),
      es("SELECT * FROM tbl WHERE pk = 'a';"),
      es("  select * from tbl where pk = 'a'  "),
      es("SELECT * FROM tbl WHERE pk = 'a' -- comment"),
      es("SELECT * FROM tbl WHERE pk = 'a' /* c */"),
      es("SELECT * FROM tbl WHERE pk = \"a\""))
tcase("req.err.not_well_formed",
      es("SELECT * FROM tbl WHERE pk = 'a'; SELECT * FROM tbl WHERE pk = 'b'"),
      es("FROB * FROM tbl"),
      es("SELECT * FROM tbl WHERE"),
      es("SELECT * FROM tbl WHERE pk = 'a"),
      es("DELETE tbl WHERE pk = 'a'"))
tcase("req.err.unsupported",
      es("SELECT COUNT(*) FROM tbl WHERE pk = 'a'"),
      es("SELECT * FROM tbl WHERE pk = 'a' LIMIT 1"),
      es("SELECT DISTINCT v FROM tbl WHERE pk = 'a'"),
      es("SELECT * FROM tbl t JOIN one o ON t.pk = o.pk"),
      es("SELECT * FROM tbl WHERE pk = 'a' GROUP BY v"),
      es("SELECT v AS w FROM tbl WHERE pk = 'a'"),
      es("SELECT * FROM tbl WHERE pk = 'a' AND v LIKE 'x%'"),
      es("SELECT UPPER(v) FROM tbl WHERE pk = 'a'"),
      es("EXISTS(SELECT * FROM tbl WHERE pk = 'a')"),
      es("5"))


def main():
    record_sequences(CASES, OUT, "partiql.py")


if __name__ == "__main__":
    main()
