#!/usr/bin/env python3
"""tests/data/emu/legacy.py - record the legacy-parameter corpus from
DynamoDB Local.

Each case is a sequence of requests using DynamoDB's legacy (pre-
expression) parameters: Expected and ConditionalOperator (PutItem,
UpdateItem, DeleteItem), AttributesToGet (GetItem, BatchGetItem, Query,
Scan), KeyConditions, QueryFilter (Query), ScanFilter (Scan) and
AttributeUpdates (UpdateItem), alone, mixed with expressions, and with
every fault DynamoDB names. DynamoDB Local's answer to every step is
recorded in legacy_cases.json, in exactly the format of items_cases.json
(tests/data/emu/items.py): tests/unit/test_emu_items.c replays both.

Where DynamoDB Local contradicts AWS's documentation, a step carries an
"aws" override: the emulator follows AWS, and DynamoDB Local's answer is
kept beside it for the drift report. docs/fidelity.md ("Legacy
parameters") lists every such case. The recording loop is record.py's
record_sequences(), shared with items.py and txn.py. Re-record with:

    SST_CACHE_DIR=... tests/ddb-local exec python3 tests/data/emu/legacy.py

Standard library only.
"""
import base64
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from record import record_sequences  # noqa: E402  (the shared loop)

OUT = os.path.join(HERE, "legacy_cases.json")

# ------------------------------------------------------------------ builders


def H(n):
    return {"AttributeName": n, "KeyType": "HASH"}


def R(n):
    return {"AttributeName": n, "KeyType": "RANGE"}


def A(n, t="S"):
    return {"AttributeName": n, "AttributeType": t}


def S(v):
    return {"S": v}


def N(v):
    return {"N": v}


def B(raw):
    return {"B": base64.b64encode(raw).decode()}


BOOL = {"BOOL": True}
NUL = {"NULL": True}

# Hash and range key, a global index on g (ALL).
MAIN = {"TableName": "tbl", "BillingMode": "PAY_PER_REQUEST",
        "KeySchema": [H("pk"), R("sk")],
        "AttributeDefinitions": [A("pk"), A("sk", "N"), A("g")],
        "GlobalSecondaryIndexes": [
            {"IndexName": "gall", "KeySchema": [H("g")],
             "Projection": {"ProjectionType": "ALL"}}]}
# Hash only, binary key.
ONE = {"TableName": "one", "BillingMode": "PAY_PER_REQUEST",
       "KeySchema": [H("id")], "AttributeDefinitions": [A("id", "B")]}


def ct(t=MAIN):
    return ("CreateTable", t)


def K(pk="a", sk="1"):
    return {"pk": S(pk), "sk": N(sk)}


# One item of every type.
FULL = dict(K(), x=N("5"), s=S("hello"), b=B(b"\x01\x02"), t=BOOL, n=NUL,
            ss={"SS": ["a", "b"]}, ns={"NS": ["1", "2"]},
            bs={"BS": [base64.b64encode(b"\x01").decode()]},
            l={"L": [S("a"), N("1")]}, m={"M": {"k": S("v")}}, g=S("G"))


def put(item, table="tbl", **kw):
    return ("PutItem", dict({"TableName": table, "Item": item}, **kw))


def get(key, table="tbl", **kw):
    return ("GetItem", dict({"TableName": table, "Key": key}, **kw))


def delete(key, table="tbl", **kw):
    return ("DeleteItem", dict({"TableName": table, "Key": key}, **kw))


def update(key, table="tbl", **kw):
    return ("UpdateItem", dict({"TableName": table, "Key": key}, **kw))


def scan(table="tbl", **kw):
    return ("Scan", dict({"TableName": table}, **kw))


def query(kc, table="tbl", **kw):
    return ("Query", dict({"TableName": table, "KeyConditions": kc}, **kw))


def bget(items, **kw):
    return ("BatchGetItem", dict({"RequestItems": items}, **kw))


def C(op, *vals):
    """A Condition: ComparisonOperator and its AttributeValueList."""
    return {"ComparisonOperator": op, "AttributeValueList": list(vals)}


def EQ(v):
    return C("EQ", v)


def AU(action, value=None):
    d = {"Action": action}
    if value is not None:
        d["Value"] = value
    return d


def aws_val(msg, note):
    return {"type": "ValidationException", "message": msg, "note": note}


def aws_ok(response, note):
    """Success, compared with response (or, when None, with DynamoDB
    Local's answer and the test's documented relaxations)."""
    e = {"ok": True, "note": note}
    if response is not None:
        e["response"] = response
    return e


CASES = []


def case(name, *steps, aws=None, compare=None):
    """steps: (op, request) pairs; aws overrides the last step's answer;
    compare="counts" compares only the counts of the last step."""
    CASES.append({"name": name, "steps": [list(s) for s in steps],
                  "aws": aws, "compare": compare})


V = "One or more parameter values were invalid: "
CCF = "The conditional request failed"
ENUM_500 = ("DynamoDB Local answers HTTP 500 InternalFailure to a "
            "ConditionalOperator outside its enum; AWS validates it")
RANGE_NE_500 = ("DynamoDB Local answers HTTP 500 InternalFailure to NE on "
                "the sort key; AWS refuses it as a non-indexable operation")
PUT_DEFAULT = ("AWS documents PUT as the default Action of AttributeUpdates; "
               "DynamoDB Local ignores an entry without an Action")


def OPMSG(v):
    return ("1 validation error detected: Value '%s' at 'conditionalOperator' "
            "failed to satisfy constraint: Member must satisfy enum value "
            "set: [AND, OR]" % v)


# ---------------------------------------------------------------- Expected
P0 = put(FULL)

# Exists and Value forms
case("expected.ok.value_match", ct(), P0,
     put(dict(K(), x=N("6")), Expected={"x": {"Value": N("5")}}), get(K()))
case("expected.fail.value_mismatch", ct(), P0,
     put(K(), Expected={"x": {"Value": N("6")}}))
case("expected.fail.value_no_item", ct(),
     put(K(), Expected={"x": {"Value": N("5")}}))
case("expected.ok.exists_true_value", ct(), P0,
     put(K(), Expected={"s": {"Exists": True, "Value": S("hello")}}))
case("expected.ok.exists_false", ct(),
     put(K(), Expected={"x": {"Exists": False}}), get(K()))
case("expected.fail.exists_false", ct(), P0,
     put(K(), Expected={"x": {"Exists": False}}))
case("expected.ok.exists_false_string_bool", ct(),
     put(K(), Expected={"x": {"Exists": "false"}}))
case("expected.ok.empty_map", ct(), put(K(), Expected={}))
case("expected.ok.keys_in_condition", ct(), P0,
     put(K(), Expected={"pk": {"Value": S("a")},
                        "sk": {"ComparisonOperator": "GT", "Value": N("0")}}))
case("expected.ok.dotted_name_is_top_level", ct(),
     put(dict(K(), **{"x.y": N("1")})),
     put(K(), Expected={"x.y": {"Value": N("1")}}))
case("expected.fail.dotted_name_not_path", ct(),
     put(dict(K(), x={"M": {"y": N("1")}})),
     put(K(), Expected={"x.y": {"Exists": True, "Value": N("1")}}))
case("expected.ok.value_set_any_order", ct(), P0,
     put(K(), Expected={"ss": {"Value": {"SS": ["b", "a"]}}}))
case("expected.ok.value_number_forms", ct(), P0,
     put(K(), Expected={"x": {"Value": N("5.00")}}))

# Exists / Value / ComparisonOperator faults
case("expected.err.value_with_exists_false", ct(),
     put(K(), Expected={"x": {"Exists": False, "Value": N("1")}}))
case("expected.err.exists_true_no_value", ct(),
     put(K(), Expected={"x": {"Exists": True}}))
case("expected.err.no_value", ct(), put(K(), Expected={"x": {}}))
case("expected.err.exists_with_operator", ct(),
     put(K(), Expected={"x": {"Exists": True, "ComparisonOperator": "NULL"}}))
case("expected.err.exists_false_with_operator", ct(),
     put(K(), Expected={"x": {"Exists": False,
                              "ComparisonOperator": "NULL"}}))
case("expected.err.value_and_list", ct(),
     put(K(), Expected={"x": {"Value": N("5"),
                              "AttributeValueList": [N("5")]}}))
case("expected.err.list_without_operator", ct(),
     put(K(), Expected={"x": {"AttributeValueList": [N("5")]}}))
case("expected.err.operator_without_values", ct(),
     put(K(), Expected={"x": {"ComparisonOperator": "EQ"}}))
case("expected.ok.null_without_values", ct(),
     put(K(), Expected={"x": {"ComparisonOperator": "NULL"}}))
case("expected.ok.operator_with_value", ct(), P0,
     put(K(), Expected={"x": {"ComparisonOperator": "GT", "Value": N("1")}}))
case("expected.err.between_with_value", ct(),
     put(K(), Expected={"x": {"ComparisonOperator": "BETWEEN",
                              "Value": N("1")}}))
case("expected.err.unknown_operator", ct(),
     put(K(), Expected={"x": C("FOO", N("1"))}))
case("expected.err.lowercase_operator", ct(),
     put(K(), Expected={"x": C("eq", N("1"))}))
case("expected.err.unknown_operator_no_values", ct(),
     put(K(), Expected={"x": {"ComparisonOperator": "FOO"}}))
case("expected.err.empty_name", ct(),
     put(K(), Expected={"": {"Value": N("1")}}))
case("expected.err.bad_number", ct(),
     put(K(), Expected={"x": {"Value": N("abc")}}))
case("expected.err.empty_set", ct(),
     put(K(), Expected={"x": C("EQ", {"SS": []})}))
case("expected.err.empty_value", ct(),
     put(K(), Expected={"x": {"Value": {}}}))
case("expected.err.first_entry_first", ct(),
     put(K(), Expected={"y": {"Exists": False, "Value": N("1")},
                        "x": C("EQ")}))
case("expected.err.second_entry", ct(),
     put(K(), Expected={"x": {"Exists": False}, "y": C("GT", BOOL)}))

# every operator, holding and failing, against FULL
OPS = [
    ("eq_n", "x", C("EQ", N("5")), True), ("eq_n_no", "x", C("EQ", N("4")), False),
    ("eq_type_differs", "x", C("EQ", S("5")), False),
    ("eq_list", "l", C("EQ", {"L": [S("a"), N("1")]}), True),
    ("eq_map", "m", C("EQ", {"M": {"k": S("v")}}), True),
    ("eq_bool", "t", C("EQ", BOOL), True), ("eq_null", "n", C("EQ", NUL), True),
    ("eq_missing", "zz", C("EQ", N("1")), False),
    ("ne_n", "x", C("NE", N("4")), True), ("ne_n_no", "x", C("NE", N("5")), False),
    ("ne_missing", "zz", C("NE", N("1")), True),
    ("ne_type_differs", "x", C("NE", S("5")), True),
    ("ne_map", "x", C("NE", {"M": {}}), True),
    ("lt", "x", C("LT", N("6")), True), ("lt_no", "x", C("LT", N("5")), False),
    ("le", "x", C("LE", N("5")), True), ("gt", "s", C("GT", S("hell")), True),
    ("gt_type_differs", "x", C("GT", S("1")), False),
    ("ge", "b", C("GE", B(b"\x01\x02")), True),
    ("ge_no", "b", C("GE", B(b"\x02")), False),
    ("not_null", "n", C("NOT_NULL"), True),
    ("not_null_missing", "zz", C("NOT_NULL"), False),
    ("null_missing", "zz", C("NULL"), True), ("null_present", "n", C("NULL"), False),
    ("contains_string", "s", C("CONTAINS", S("ell")), True),
    ("contains_set", "ss", C("CONTAINS", S("a")), True),
    ("contains_number_set", "ns", C("CONTAINS", N("2")), True),
    ("contains_list", "l", C("CONTAINS", N("1")), True),
    ("contains_binary", "b", C("CONTAINS", B(b"\x02")), True),
    ("contains_no", "s", C("CONTAINS", S("z")), False),
    ("contains_bool", "x", C("CONTAINS", BOOL), False),
    ("contains_null", "x", C("CONTAINS", NUL), False),
    ("contains_missing", "zz", C("CONTAINS", S("a")), False),
    ("not_contains", "s", C("NOT_CONTAINS", S("z")), True),
    ("not_contains_no", "ss", C("NOT_CONTAINS", S("a")), False),
    ("not_contains_missing", "zz", C("NOT_CONTAINS", S("a")), False),
    ("not_contains_list", "l", C("NOT_CONTAINS", S("z")), True),
    ("begins_with", "s", C("BEGINS_WITH", S("he")), True),
    ("begins_with_no", "s", C("BEGINS_WITH", S("lo")), False),
    ("begins_with_binary", "b", C("BEGINS_WITH", B(b"\x01")), True),
    ("in", "s", C("IN", S("x"), S("hello")), True),
    ("in_no", "x", C("IN", N("1"), N("2")), False),
    ("in_set_attribute", "ss", C("IN", S("a")), False),
    ("in_many", "x", C("IN", *[N(str(i)) for i in range(150)]), True),
    ("between", "x", C("BETWEEN", N("1"), N("5")), True),
    ("between_no", "x", C("BETWEEN", N("6"), N("9")), False),
    ("between_strings", "s", C("BETWEEN", S("a"), S("i")), True),
    ("in_1000", "x", C("IN", *[N(str(i)) for i in range(996, -4, -1)]), True),
]
for name, attr, cond, holds in OPS:
    steps = [ct(), P0, put(dict(K(), w=N("1")), Expected={attr: cond})]
    if holds:
        steps.append(get(K()))
    case("expected.op." + name, *steps)

# arity and type faults
ARITY = [("eq_none", C("EQ")), ("eq_two", C("EQ", N("1"), N("2"))),
         ("null_one", C("NULL", N("1"))), ("not_null_one", C("NOT_NULL", N("1"))),
         ("between_one", C("BETWEEN", N("1"))),
         ("between_three", C("BETWEEN", N("1"), N("2"), N("3"))),
         ("in_none", C("IN")), ("contains_two", C("CONTAINS", S("a"), S("b")))]
for name, cond in ARITY:
    case("expected.arity." + name, ct(), put(K(), Expected={"x": cond}))
TYPES = [("lt_ss", C("LT", {"SS": ["a"]})), ("gt_bool", C("GT", BOOL)),
         ("le_null", C("LE", NUL)), ("ge_list", C("GE", {"L": []})),
         ("contains_ss", C("CONTAINS", {"SS": ["a"]})),
         ("contains_list", C("CONTAINS", {"L": []})),
         ("contains_map", C("CONTAINS", {"M": {}})),
         ("not_contains_ns", C("NOT_CONTAINS", {"NS": ["1"]})),
         ("begins_with_n", C("BEGINS_WITH", N("5"))),
         ("begins_with_bool", C("BEGINS_WITH", BOOL)),
         ("in_bool", C("IN", BOOL)), ("in_list", C("IN", {"L": []})),
         ("in_mixed_bool", C("IN", S("a"), BOOL)),
         ("in_mixed", C("IN", N("1"), S("a"))),
         ("between_bool", C("BETWEEN", BOOL, BOOL)),
         ("between_mixed", C("BETWEEN", N("1"), S("a"))),
         ("between_reversed", C("BETWEEN", N("10"), N("9"))),
         ("between_reversed_strings", C("BETWEEN", S("b"), S("a"))),
         ("between_reversed_binary", C("BETWEEN", B(b"\x02"), B(b"\x01"))),
         ("bad_number_before_arity", C("EQ", BOOL, N("x")))]
for name, cond in TYPES:
    case("expected.type." + name, ct(), put(K(), Expected={"x": cond}))
# Value by value: a type the operator takes, then the first value's type.
for name, cond in [("in_b_s_bool", C("IN", B(b"\x01"), S("a"), BOOL)),
                   ("in_n_b_ss", C("IN", N("1"), B(b"\x01"), {"SS": ["a"]})),
                   ("in_s_bool", C("IN", S("a"), BOOL))]:
    case("expected.order." + name, ct(), put(K(), Expected={"x": cond}),
         scan(ScanFilter={"x": cond}))
# Expected decodes its values before it looks up the operator; a filter
# looks up the operator first.
BAD_OP = {"ComparisonOperator": "eq", "AttributeValueList": [N("1e-200")]}
case("expected.order.values_before_operator", ct(),
     put(K(), Expected={"x": BAD_OP}), delete(K(), Expected={"x": BAD_OP}),
     update(K(), Expected={"x": BAD_OP}), scan(ScanFilter={"x": BAD_OP}),
     query({"pk": EQ(S("a"))}, QueryFilter={"x": BAD_OP}))
# A QueryFilter's entries are checked before ConditionalOperator.
case("queryfilter.order.entries_before_operator", ct(),
     query({"pk": EQ(S("a"))}, QueryFilter={"x": C("IN", N("1"), S("x"))},
           ConditionalOperator="OR"),
     query({"pk": EQ(S("a"))},
           QueryFilter={"x": C("BETWEEN", N("2"), N("1"))},
           ConditionalOperator="OR"),
     query({"pk": EQ(S("a"))}, QueryFilter={"x": C("GE", {"SS": ["a"]})},
           ConditionalOperator="AND"),
     query({"pk": EQ(N("1"))}, QueryFilter={"x": C("IN", N("1"), S("x"))},
           ConditionalOperator="OR"),
     query({"pk": EQ(S("a"))}, QueryFilter={"x": C("EQ", N("1"))},
           ConditionalOperator="OR"))

# beyond what one expression takes (DynamoDB has no such limit here)
case("expected.many_entries", ct(), P0,
     put(K(), Expected=dict({"a%d" % i: {"Exists": False}
                             for i in range(400)}, x={"Value": N("5")})))
case("expected.many_entries_or", ct(), P0,
     put(K(), Expected=dict({"a%d" % i: {"Exists": True, "Value": N("1")}
                             for i in range(400)}, x={"Value": N("5")}),
         ConditionalOperator="OR"))

# ConditionalOperator
case("expected.or.holds", ct(), P0,
     put(K(), Expected={"x": {"Value": N("9")}, "s": {"Value": S("hello")}},
         ConditionalOperator="OR"))
case("expected.or.fails", ct(), P0,
     put(K(), Expected={"x": {"Value": N("9")}, "s": {"Value": S("x")}},
         ConditionalOperator="OR"))
case("expected.and.fails", ct(), P0,
     put(K(), Expected={"x": {"Value": N("5")}, "s": {"Value": S("x")}},
         ConditionalOperator="AND"))
case("expected.and.default", ct(), P0,
     put(K(), Expected={"x": {"Value": N("5")}, "s": {"Value": S("hello")}}))
case("expected.operator.one_element", ct(),
     put(K(), Expected={"x": {"Exists": False}}, ConditionalOperator="OR"))
case("expected.operator.alone", ct(), put(K(), ConditionalOperator="OR"))
case("expected.operator.bad_enum", ct(),
     put(K(), Expected={"x": {"Exists": False}, "y": {"Exists": False}},
         ConditionalOperator="XOR"),
     aws=aws_val(OPMSG("XOR"), ENUM_500))
case("expected.operator.entry_fault_first", ct(),
     put(K(), Expected={"x": C("EQ", N("x"))}, ConditionalOperator="OR"))

# mixing with expressions
case("mix.put.expected_condition", ct(),
     put(K(), Expected={"x": {"Exists": False}},
         ConditionExpression="attribute_exists(x)"))
case("mix.put.all", ct(),
     put(K(), Expected={"x": {"Exists": False}, "y": {"Exists": False}},
         ConditionalOperator="OR", ConditionExpression="attribute_exists(x)"))
case("mix.put.operator_only", ct(),
     put(K(), ConditionalOperator="OR",
         ConditionExpression="attribute_exists(x)"))
case("mix.put.values_without_expression", ct(),
     put(K(), Expected={"x": {"Exists": False}},
         ExpressionAttributeValues={":a": N("1")}))
case("mix.put.names_without_expression", ct(),
     put(K(), Expected={"x": {"Exists": False}},
         ExpressionAttributeNames={"#a": "x"}))
case("mix.update.all", ct(),
     update(K(), Expected={"x": EQ(N("1"))},
            AttributeUpdates={"x": AU("DELETE")}, ConditionalOperator="OR",
            UpdateExpression="REMOVE x", ConditionExpression="x = :a"))
case("mix.update.attribute_updates_update_expression", ct(),
     update(K(), AttributeUpdates={"x": AU("DELETE")},
            UpdateExpression="REMOVE x"))
case("mix.update.attribute_updates_condition", ct(),
     update(K(), AttributeUpdates={"x": AU("DELETE")},
            ConditionExpression="attribute_exists(x)"))
case("mix.delete.expected_condition", ct(),
     delete(K(), Expected={"x": EQ(N("1"))}, ConditionalOperator="OR",
            ConditionExpression="attribute_exists(x)"))
case("mix.get.attributes_projection", ct(),
     get(K(), AttributesToGet=["x"], ProjectionExpression="x"))
case("mix.query.all", ct(),
     query({"pk": EQ(S("a"))}, QueryFilter={"x": EQ(N("1"))},
           AttributesToGet=["x"], ConditionalOperator="OR",
           KeyConditionExpression="pk = :a", FilterExpression="x = :a",
           ProjectionExpression="x"))
case("mix.query.keyconditions_expression", ct(),
     query({"pk": EQ(S("a"))}, KeyConditionExpression="pk = :p",
           ExpressionAttributeValues={":p": S("a")}))
case("mix.query.filter_key_expression", ct(),
     ("Query", {"TableName": "tbl", "KeyConditionExpression": "pk = :p",
                "ExpressionAttributeValues": {":p": S("a")},
                "QueryFilter": {"x": EQ(N("1"))}}))
case("mix.query.attributes_key_expression", ct(),
     ("Query", {"TableName": "tbl", "KeyConditionExpression": "pk = :p",
                "ExpressionAttributeValues": {":p": S("a")},
                "AttributesToGet": ["x"]}))
case("mix.scan.all", ct(),
     scan(ScanFilter={"x": EQ(N("1"))}, AttributesToGet=["x"],
          ConditionalOperator="OR", FilterExpression="x = :a",
          ProjectionExpression="x"))
case("mix.scan.filter_projection", ct(),
     scan(ScanFilter={"x": EQ(N("1"))}, ProjectionExpression="x"))
case("mix.bget.attributes_projection", ct(),
     bget({"tbl": {"Keys": [K()], "AttributesToGet": ["x"],
                   "ProjectionExpression": "x"}}))

# order of checks around Expected
case("expected.order.key_before_expected", ct(),
     put({"pk": S("a")}, Expected={"x": C("FOO", N("1"))}))
case("expected.order.return_values_before", ct(),
     put(K(), Expected={"x": C("FOO", N("1"))}, ReturnValues="ALL_NEW"))
case("expected.order.before_rvoccf", ct(),
     put(K(), Expected={"x": C("EQ")},
         ReturnValuesOnConditionCheckFailure="BAD"))
case("expected.order.rvoccf_after_valid", ct(),
     put(K(), Expected={"x": C("NULL")},
         ReturnValuesOnConditionCheckFailure="BAD"))
case("expected.rvoccf.all_old", ct(), P0,
     put(K(), Expected={"x": {"Exists": False}},
         ReturnValuesOnConditionCheckFailure="ALL_OLD"))

# DeleteItem
case("delete.ok.expected", ct(), P0,
     delete(K(), Expected={"x": {"Value": N("5")}}, ReturnValues="ALL_OLD"),
     get(K()))
case("delete.fail.expected", ct(), P0,
     delete(K(), Expected={"x": C("LT", N("5"))}))
case("delete.ok.or", ct(), P0,
     delete(K(), Expected={"x": C("LT", N("5")), "s": C("NOT_NULL")},
            ConditionalOperator="OR"))
case("delete.err.arity", ct(),
     delete(K(), Expected={"x": C("EQ")}))
case("delete.order.expected_before_rvoccf", ct(),
     delete(K(), Expected={"x": C("EQ")},
            ReturnValuesOnConditionCheckFailure="BAD"))
case("delete.order.expected_before_operator", ct(),
     delete(K(), Expected={"x": C("EQ")}, ConditionalOperator="OR"))
case("delete.order.expected_before_key", ct(),
     delete(K(), Expected={"x": C("NE", BOOL, BOOL)}, Key={"pk": S("a")}))
case("delete.order.expected_before_mixing", ct(),
     delete(K(), Expected={"x": C("EQ")}, ConditionExpression="a = b",
            ReturnValues="ALL_NEW"))
case("delete.order.expected_before_return_values", ct(),
     delete(K(), Expected={"x": C("EQ")}, ReturnValues="ALL_NEW"))
case("delete.order.expected_before_key_type", ct(),
     delete({"pk": S("a"), "sk": S("1")}, Expected={"x": C("EQ")}))
case("update.order.expected_before_return_values", ct(),
     update(K(), Expected={"x": C("EQ")}, ReturnValues="BAD"))
case("update.order.expected_before_mixing", ct(),
     update(K(), Expected={"x": C("EQ")}, ConditionExpression="a = b",
            ReturnValues="BAD"))
case("update.order.expected_before_key", ct(),
     update({"pk": S("a")}, Expected={"x": C("EQ")}))
case("update.order.expected_before_extra_key", ct(),
     update(dict(K(), z=N("1")), Expected={"x": C("EQ")}))
case("put.order.return_values_before_mixing", ct(),
     put(K(), Expected={"x": C("EQ")}, ConditionExpression="a = b",
         ReturnValues="ALL_NEW"))
case("delete.err.operator_one", ct(),
     delete(K(), Expected={"x": C("NULL")}, ConditionalOperator="AND"))

# ------------------------------------------------------- AttributeUpdates
U0 = put(dict(K(), x=N("5"), ss={"SS": ["a", "b"]}, l={"L": [S("a")]}))


def U(au, key=None, **kw):
    return update(key or K(), AttributeUpdates=au, **kw)


case("updates.put", ct(), U0,
     U({"y": AU("PUT", S("v")), "x": AU("PUT", N("6"))}, ReturnValues="ALL_NEW"))
case("updates.put_default_action", ct(), U0,
     U({"y": {"Value": S("v")}}, ReturnValues="ALL_NEW"),
     aws=aws_ok({"Attributes": {"pk": S("a"), "sk": N("1"), "x": N("5"),
                                "ss": {"SS": ["a", "b"]},
                                "l": {"L": [S("a")]}, "y": S("v")}},
                PUT_DEFAULT))
# A number set's ADD and DELETE compare numbers by value in AWS (a set
# never holds 0.5 and 0.50); DynamoDB Local's AttributeUpdates compare
# their text (its UpdateExpression compares values).
NS_TEXT = ("DynamoDB Local's AttributeUpdates compare a number set's "
           "elements as text; AWS compares numbers by value, as "
           "DynamoDB Local's UpdateExpression does")
NSU = put(dict(K(), s={"NS": ["0.5", "1"]}))
case("updates.add_number_set_by_value", ct(), NSU,
     U({"s": AU("ADD", {"NS": ["0.50", "2"]})}, ReturnValues="UPDATED_NEW"),
     aws=aws_ok({"Attributes": {"s": {"NS": ["0.5", "1", "2"]}}}, NS_TEXT))
case("updates.delete_number_set_by_value", ct(), NSU,
     U({"s": AU("DELETE", {"NS": ["0.50"]})}, ReturnValues="UPDATED_NEW"),
     aws=aws_ok({"Attributes": {"s": {"NS": ["1"]}}}, NS_TEXT))
case("updates.add_number", ct(), U0,
     U({"x": AU("ADD", N("2.5"))}, ReturnValues="UPDATED_NEW"))
case("updates.add_number_new", ct(), U0,
     U({"z": AU("ADD", N("-3"))}, ReturnValues="UPDATED_NEW"))
case("updates.add_set", ct(), U0,
     U({"ss": AU("ADD", {"SS": ["c", "a"]})}, ReturnValues="UPDATED_NEW"))
case("updates.add_list", ct(), U0,
     U({"l": AU("ADD", {"L": [N("1")]})}, ReturnValues="ALL_NEW"))
case("updates.add_list_new", ct(), U0,
     U({"l2": AU("ADD", {"L": [N("1")]})}, ReturnValues="UPDATED_NEW"))
case("updates.add_creates_item", ct(),
     U({"x": AU("ADD", N("1"))}, ReturnValues="ALL_NEW"), get(K()))
case("updates.delete_attribute", ct(), U0,
     U({"x": AU("DELETE"), "nope": AU("DELETE")}, ReturnValues="ALL_NEW"))
case("updates.delete_from_set", ct(), U0,
     U({"ss": AU("DELETE", {"SS": ["a", "z"]})}, ReturnValues="UPDATED_OLD"))
case("updates.delete_whole_set", ct(), U0,
     U({"ss": AU("DELETE", {"SS": ["a", "b"]})}, ReturnValues="ALL_NEW"))
case("updates.delete_from_missing", ct(), U0,
     U({"zz": AU("DELETE", {"NS": ["1"]})}, ReturnValues="ALL_NEW"))
case("updates.return_updated_old", ct(), U0,
     U({"x": AU("PUT", N("1")), "y": AU("PUT", N("2"))},
       ReturnValues="UPDATED_OLD"))
case("updates.return_all_old", ct(), U0,
     U({"x": AU("DELETE")}, ReturnValues="ALL_OLD"))
case("updates.empty", ct(), U0, U({}, ReturnValues="ALL_NEW"))
case("updates.with_expected", ct(), U0,
     U({"x": AU("ADD", N("1"))}, Expected={"x": {"Value": N("5")}},
       ReturnValues="UPDATED_NEW"))
case("updates.expected_fails_first", ct(), U0,
     U({"x": AU("ADD", S("bad"))}, Expected={"x": {"Value": N("9")}}))
case("updates.expected_or", ct(), U0,
     U({"y": AU("PUT", N("1"))},
       Expected={"x": {"Value": N("9")}, "zz": {"Exists": False}},
       ConditionalOperator="OR", ReturnValues="UPDATED_NEW"))
case("updates.err.expected_static", ct(), U0,
     U({"x": AU("ADD", N("1"))}, Expected={"x": C("EQ")}))
case("updates.err.add_string", ct(), U0, U({"y": AU("ADD", S("a"))}))
case("updates.err.add_bool", ct(), U0, U({"y": AU("ADD", BOOL)}))
case("updates.err.add_map", ct(), U0, U({"y": AU("ADD", {"M": {}})}))
case("updates.err.add_null", ct(), U0, U({"y": AU("ADD", NUL)}))
case("updates.err.add_binary", ct(), U0, U({"y": AU("ADD", B(b"\x01"))}))
case("updates.err.delete_number", ct(), U0, U({"x": AU("DELETE", N("1"))}))
case("updates.err.delete_string", ct(), U0, U({"y": AU("DELETE", S("a"))}))
case("updates.err.delete_list", ct(), U0, U({"l": AU("DELETE", {"L": []})}))
case("updates.err.delete_map", ct(), U0, U({"y": AU("DELETE", {"M": {}})}))
case("updates.err.add_no_value", ct(), U0, U({"y": AU("ADD")}))
case("updates.err.put_no_value", ct(), U0, U({"y": AU("PUT")}))
case("updates.err.no_value_no_action", ct(), U0, U({"y": {}}))
case("updates.err.bad_action", ct(), U0, U({"y": AU("FOO", N("1"))}))
case("updates.err.lowercase_action", ct(), U0, U({"y": AU("put", N("1"))}))
case("updates.err.hash_key", ct(), U0, U({"pk": AU("PUT", S("b"))}))
case("updates.err.range_key_delete", ct(), U0, U({"sk": AU("DELETE")}))
case("updates.err.key_before_type", ct(), U0, U({"pk": AU("ADD", S("b"))}))
case("updates.err.empty_name", ct(), U0, U({"": AU("PUT", N("1"))}))
case("updates.err.bad_number", ct(), U0, U({"y": AU("PUT", N("x"))}))
case("updates.err.empty_set", ct(), U0, U({"y": AU("PUT", {"SS": []})}))
case("updates.mismatch.add_number_to_list", ct(), U0,
     U({"l": AU("ADD", N("1"))}))
case("updates.mismatch.add_list_to_number", ct(), U0,
     U({"x": AU("ADD", {"L": [N("1")]})}))
case("updates.mismatch.add_ns_to_ss", ct(), U0,
     U({"ss": AU("ADD", {"NS": ["1"]})}))
case("updates.mismatch.delete_ns_from_number", ct(), U0,
     U({"x": AU("DELETE", {"NS": ["1"]})}))
case("updates.mismatch.add_set_to_number", ct(), U0,
     U({"x": AU("ADD", {"NS": ["2"]})}))
case("updates.order.mismatch_before_later_fault", ct(), U0,
     U({"x": AU("ADD", {"NS": ["2"]}), "z": AU("ADD", S("a"))}))
case("updates.order.fault_before_later_mismatch", ct(), U0,
     U({"z": AU("FOO", S("a")), "x": AU("ADD", {"NS": ["2"]})}))
case("updates.order.key_then_later", ct(), U0,
     U({"pk": AU("PUT", S("a")), "x": AU("ADD", S("2"))}))
case("updates.order.partial_key", ct(), U0,
     U({"x": AU("ADD", N("1"))}, key={"pk": S("a")}))
case("updates.order.expected_static_first", ct(), U0,
     U({"x": AU("ADD", S("2"))}, Expected={"x": C("FOO")}))
case("updates.err.operator_one", ct(), U0,
     U({"x": AU("ADD", N("1"))}, Expected={"x": C("NOT_NULL")},
       ConditionalOperator="OR"))

# Many entries: DynamoDB takes any number (an UpdateExpression stops at
# 4096 characters and 300 operators; the emulator builds AttributeUpdates
# as the engine's tree, so neither applies). The item has n<i> numbers,
# s<i> string sets and d<i> strings; the entries ADD to the numbers,
# DELETE from the sets, DELETE the strings, PUT new attributes and ADD
# to lists, in interleaved order.


def BIG(n):
    item = dict(K())
    for i in range(n):
        item["n%d" % i] = N(str(i))
        item["s%d" % i] = {"SS": ["a", "b"]}
        item["d%d" % i] = S("x")
    return put(item)


def MANY(n, lists=0):
    """n entries per kind (ADD number, DELETE from set, DELETE, PUT), and
    lists ADDs of a list, interleaved by index."""
    au = {}
    for i in range(n):
        au["n%d" % i] = AU("ADD", N("1"))
        au["s%d" % i] = AU("DELETE", {"SS": ["a"]})
        au["d%d" % i] = AU("DELETE")
        au["p%d" % i] = AU("PUT", N(str(i)))
        if i < lists:
            au["l%d" % i] = AU("ADD", {"L": [S("e")]})
    return au


case("updates.many.400_updated_new", ct(), BIG(100),
     U(MANY(100), ReturnValues="UPDATED_NEW"))
case("updates.many.400_all_new", ct(), BIG(100),
     U(MANY(100), ReturnValues="ALL_NEW"))
case("updates.many.400_updated_old", ct(), BIG(100),
     U(MANY(100), ReturnValues="UPDATED_OLD"))
case("updates.many.1000_all_new", ct(), BIG(240),
     U(MANY(240, lists=40), ReturnValues="ALL_NEW"))
case("updates.many.1000_updated_new", ct(), BIG(240),
     U(MANY(240, lists=40), ReturnValues="UPDATED_NEW"))
case("updates.many.1000_expected", ct(), BIG(240),
     U(MANY(240, lists=40), Expected={"n0": {"Value": N("0")},
                                      "zz": {"Exists": False}},
       ReturnValues="UPDATED_NEW"), get(K()))
case("updates.many.1000_expected_fails", ct(), BIG(240),
     U(MANY(240, lists=40), Expected={"n0": {"Value": N("1")}},
       ReturnValues="ALL_NEW"))
case("updates.many.1000_new_item", ct(),
     U({"a%d" % i: AU("ADD", N(str(i))) for i in range(1000)},
       ReturnValues="UPDATED_NEW"), get(K()))
case("updates.many.1000_mismatch_last", ct(), BIG(240),
     U(dict(MANY(240, lists=40), d239=AU("ADD", N("1")))))
case("updates.many.1000_put_string_sets", ct(),
     U({"a%d" % i: AU("PUT", {"SS": ["v%d" % i, "w"]}) for i in range(1000)},
       ReturnValues="UPDATED_NEW"))
# No 1 MiB limit on the values either (an expression's, with its
# substitutions): DELETE of 1.2 MB of set elements from absent attributes.
case("updates.many.delete_values_over_1mib", ct(), U0,
     U({"z%d" % i: AU("DELETE", {"SS": ["z" * 996 + "%04d" % j
                                        for j in range(100)]})
        for i in range(12)}, ReturnValues="ALL_NEW"))
# The limit on the data an update writes holds, as for expressions, but
# DynamoDB checks it last: after the condition and every entry.
BIGPUT = {"a": AU("PUT", S("x" * 250000)), "b": AU("PUT", S("y" * 250000))}
case("updates.err.update_size", ct(), U0, U(BIGPUT))
case("updates.err.update_size_expected_holds", ct(), U0,
     U(BIGPUT, Expected={"x": {"Value": N("5")}}))
case("updates.order.expected_before_update_size", ct(), U0,
     U(BIGPUT, Expected={"x": {"Value": N("9")}}))
case("updates.order.mismatch_before_update_size", ct(), U0,
     U(dict(BIGPUT, x=AU("ADD", {"L": []}))))
case("updates.order.key_before_update_size", ct(), U0,
     U(dict(BIGPUT, pk=AU("PUT", S("b")))))
case("updates.order.action_before_update_size", ct(), U0,
     U(dict(BIGPUT, c=AU("FOO", S("b")))))

# -------------------------------------------------------- AttributesToGet
G0 = put(dict(K(), x=N("5"), y=S("y"), z=BOOL))
case("atg.get", ct(), G0, get(K(), AttributesToGet=["x", "z", "nope"]))
case("atg.get_keys", ct(), G0, get(K(), AttributesToGet=["sk"]))
case("atg.get_nothing_matches", ct(), G0, get(K(), AttributesToGet=["q"]))
case("atg.get_dotted_is_top_level", ct(),
     put(dict(K(), **{"a.b": N("1"), "a": {"M": {"b": N("2")}}})),
     get(K(), AttributesToGet=["a.b"]))
case("atg.get_duplicate", ct(), G0, get(K(), AttributesToGet=["x", "x"]))
case("atg.get_empty_name", ct(), G0, get(K(), AttributesToGet=[""]))
case("atg.bget", ct(), G0,
     bget({"tbl": {"Keys": [K()], "AttributesToGet": ["y"]}}))
case("atg.bget_duplicate", ct(), G0,
     bget({"tbl": {"Keys": [K()], "AttributesToGet": ["y", "y"]}}))
case("atg.scan", ct(), G0, scan(AttributesToGet=["y", "pk"]))
case("atg.scan_select_specific", ct(), G0,
     scan(AttributesToGet=["y"], Select="SPECIFIC_ATTRIBUTES"))
case("atg.scan_select_all", ct(), G0,
     scan(AttributesToGet=["y"], Select="ALL_ATTRIBUTES"))
case("atg.scan_select_count", ct(), G0,
     scan(AttributesToGet=["y"], Select="COUNT"))
case("atg.scan_duplicate", ct(), G0, scan(AttributesToGet=["y", "y"]))
case("atg.query", ct(), G0,
     query({"pk": EQ(S("a"))}, AttributesToGet=["x"]))
case("atg.query_select_all", ct(), G0,
     query({"pk": EQ(S("a"))}, AttributesToGet=["x"],
           Select="ALL_ATTRIBUTES"))
case("atg.query_index", ct(), put(dict(FULL)),
     query({"g": EQ(S("G"))}, IndexName="gall", AttributesToGet=["x", "s"]))

# indexes: a KEYS_ONLY global index (g, gs) and a KEYS_ONLY local one (gs)
IDX = {"TableName": "idx", "BillingMode": "PAY_PER_REQUEST",
       "KeySchema": [H("pk"), R("sk")],
       "AttributeDefinitions": [A("pk"), A("sk", "N"), A("g"), A("gs", "N")],
       "GlobalSecondaryIndexes": [
           {"IndexName": "gkeys", "KeySchema": [H("g"), R("gs")],
            "Projection": {"ProjectionType": "KEYS_ONLY"}}],
       "LocalSecondaryIndexes": [
           {"IndexName": "lkeys", "KeySchema": [H("pk"), R("gs")],
            "Projection": {"ProjectionType": "KEYS_ONLY"}}]}
IR = [put({"pk": S("a"), "sk": N(str(i)), "g": S("G"), "gs": N(str(i)),
           "x": N(str(i * 10))}, table="idx") for i in range(1, 4)]
# A local index's key attribute given a value of another type: refused
# entry by entry, before the later entries' faults.
case("index.lsi_key_type_entry_order", ct(IDX), *IR,
     update(K(), table="idx",
            AttributeUpdates={"gs": AU("PUT", S("x")), "c": {"Action": "PUT"}}),
     update(K(), table="idx",
            AttributeUpdates={"gs": AU("ADD", S("x")), "n": AU("ADD", N("1.2.3"))}),
     update(K(), table="idx",
            AttributeUpdates={"c": {"Action": "PUT"}, "gs": AU("PUT", S("x"))}),
     update(K(), table="idx",
            AttributeUpdates={"gs": AU("DELETE", {"SS": ["x"]})}),
     update(K(), table="idx", AttributeUpdates={"gs": AU("ADD", BOOL)}),
     update(K(), table="idx", AttributeUpdates={"gs": AU("PUT", N("x"))}))
# AttributeUpdates' index keys: the global indexes before the local ones,
# an empty value before a value of another type.
IDX2 = {"TableName": "idx2", "BillingMode": "PAY_PER_REQUEST",
        "KeySchema": [H("pk"), R("sk")],
        "AttributeDefinitions": [A("pk"), A("sk", "N"), A("gpk"),
                                 A("gsk", "N"), A("lsk")],
        "GlobalSecondaryIndexes": [
            {"IndexName": "gi1", "KeySchema": [H("gpk"), R("gsk")],
             "Projection": {"ProjectionType": "KEYS_ONLY"}},
            {"IndexName": "gi2", "KeySchema": [H("gpk")],
             "Projection": {"ProjectionType": "KEYS_ONLY"}}],
        "LocalSecondaryIndexes": [
            {"IndexName": "li1", "KeySchema": [H("pk"), R("lsk")],
             "Projection": {"ProjectionType": "ALL"}}]}
case("index.updates_index_key_order", ct(IDX2),
     *[update(K(), table="idx2", AttributeUpdates=au) for au in (
         {"gpk": AU("PUT", B(b""))},
         {"gsk": AU("PUT", S(""))},
         {"gpk": AU("PUT", N("1")), "lsk": AU("PUT", S(""))},
         {"lsk": AU("PUT", S("")), "gpk": AU("PUT", N("1"))},
         {"gpk": AU("PUT", S("")), "gsk": AU("PUT", S("x"))},
         {"gpk": AU("PUT", N("1")), "gsk": AU("PUT", B(b""))},
         {"lsk": AU("PUT", S("")), "gpk": AU("PUT", S(""))})],
     put(dict(K(), lsk=S(""), gpk=N("1")), table="idx2"))
case("index.gsi_range", ct(IDX), *IR,
     query({"g": EQ(S("G")), "gs": C("GT", N("1"))}, table="idx",
           IndexName="gkeys"))
case("index.gsi_filter_unprojected", ct(IDX), *IR,
     query({"g": EQ(S("G"))}, table="idx", IndexName="gkeys",
           QueryFilter={"x": C("GT", N("1"))}))
case("index.gsi_filter_table_key", ct(IDX), *IR,
     query({"g": EQ(S("G"))}, table="idx", IndexName="gkeys",
           QueryFilter={"pk": C("EQ", S("a"))}))
case("index.gsi_filter_index_key", ct(IDX), *IR,
     query({"g": EQ(S("G"))}, table="idx", IndexName="gkeys",
           QueryFilter={"gs": C("GT", N("1"))}))
case("index.gsi_filter_table_range_key", ct(IDX), *IR,
     query({"g": EQ(S("G"))}, table="idx", IndexName="gkeys",
           QueryFilter={"sk": C("GT", N("1"))}))
case("index.gsi_attributes_unprojected", ct(IDX), *IR,
     query({"g": EQ(S("G"))}, table="idx", IndexName="gkeys",
           AttributesToGet=["x"]))
case("index.gsi_attributes", ct(IDX), *IR,
     query({"g": EQ(S("G"))}, table="idx", IndexName="gkeys",
           AttributesToGet=["pk", "gs"]))
case("index.gsi_table_key", ct(IDX), *IR,
     query({"pk": EQ(S("a"))}, table="idx", IndexName="gkeys"))
case("index.lsi_attributes_fetched", ct(IDX), *IR,
     query({"pk": EQ(S("a")), "gs": C("GE", N("2"))}, table="idx",
           IndexName="lkeys", AttributesToGet=["x"]))
case("index.lsi_filter_unprojected", ct(IDX), *IR,
     query({"pk": EQ(S("a"))}, table="idx", IndexName="lkeys",
           QueryFilter={"x": C("GT", N("10"))}))
case("index.lsi_filter_table_key", ct(IDX), *IR,
     query({"pk": EQ(S("a"))}, table="idx", IndexName="lkeys",
           QueryFilter={"sk": C("GT", N("1"))}))
case("index.lsi_filter_index_key", ct(IDX), *IR,
     query({"pk": EQ(S("a"))}, table="idx", IndexName="lkeys",
           QueryFilter={"gs": C("GT", N("1"))}))
case("index.lsi_scan_filter_fetched", ct(IDX), *IR,
     scan(table="idx", IndexName="lkeys", ScanFilter={"x": C("GT", N("10"))}))
case("index.scan_no_index", ct(IDX),
     scan(table="idx", IndexName="nope", ScanFilter={"x": C("FOO")}))
case("index.query_no_index", ct(IDX),
     query({"x": C("FOO")}, table="idx", IndexName="nope"))
case("atg.scan_select_projected_table", ct(IDX),
     scan(table="idx", AttributesToGet=["x"],
          Select="ALL_PROJECTED_ATTRIBUTES"))
case("atg.query_select_projected_table", ct(IDX),
     query({"pk": EQ(S("a"))}, table="idx", AttributesToGet=["x"],
           Select="ALL_PROJECTED_ATTRIBUTES"))
case("atg.query_select_projected_table_alone", ct(IDX),
     query({"pk": EQ(S("a"))}, table="idx",
           Select="ALL_PROJECTED_ATTRIBUTES"))
case("atg.scan_select_projected_lsi", ct(IDX),
     scan(table="idx", IndexName="lkeys", AttributesToGet=["x"],
          Select="ALL_PROJECTED_ATTRIBUTES"))
case("atg.scan_select_specific_alone", ct(IDX),
     scan(table="idx", IndexName="lkeys", Select="SPECIFIC_ATTRIBUTES"))
case("atg.get_empty_list", ct(), put(dict(K(), x=N("1"))),
     get(K(), AttributesToGet=[]))

# ------------------------------------------------------------ ScanFilter
SC = [put(dict(K("a", str(i)), x=N(str(i * 10)), s=S("v%d" % i),
               **({"t": {"SS": ["p", "q"]}} if i % 2 else {})))
      for i in range(1, 6)]
case("scanfilter.gt", ct(), *SC, scan(ScanFilter={"x": C("GT", N("25"))}))
case("scanfilter.and", ct(), *SC,
     scan(ScanFilter={"x": C("GT", N("15")), "t": C("CONTAINS", S("p"))}))
case("scanfilter.or", ct(), *SC,
     scan(ScanFilter={"x": C("LT", N("15")), "s": C("EQ", S("v5"))},
          ConditionalOperator="OR"))
case("scanfilter.null", ct(), *SC, scan(ScanFilter={"t": C("NULL")}))
case("scanfilter.not_contains", ct(), *SC,
     scan(ScanFilter={"t": C("NOT_CONTAINS", S("z"))}))
case("scanfilter.in", ct(), *SC,
     scan(ScanFilter={"s": C("IN", S("v1"), S("v4"), S("v9"))}))
case("scanfilter.between", ct(), *SC,
     scan(ScanFilter={"x": C("BETWEEN", N("20"), N("40"))}))
case("scanfilter.begins_with", ct(), *SC,
     scan(ScanFilter={"s": C("BEGINS_WITH", S("v3"))}))
case("scanfilter.ne", ct(), *SC, scan(ScanFilter={"x": C("NE", N("30"))}))
case("scanfilter.keys", ct(), *SC,
     scan(ScanFilter={"sk": C("GE", N("4")), "pk": C("EQ", S("a"))}))
case("scanfilter.count", ct(), *SC,
     scan(ScanFilter={"x": C("GT", N("25"))}, Select="COUNT"))
case("scanfilter.with_attributes", ct(), *SC,
     scan(ScanFilter={"x": C("GT", N("25"))}, AttributesToGet=["s"]))
case("scanfilter.limit", ct(), *SC,
     scan(ScanFilter={"x": C("GT", N("25"))}, Limit=2), compare="counts")
case("scanfilter.many_entries", ct(), *SC,
     scan(ScanFilter=dict({"a%d" % i: C("NULL") for i in range(400)},
                          x=C("IN", *[N(str(i)) for i in range(0, 1000, 5)]))))
case("scanfilter.err.no_operator", ct(), scan(ScanFilter={"x": {}}))
case("scanfilter.err.list_no_operator", ct(),
     scan(ScanFilter={"x": {"AttributeValueList": [N("1")]}}))
case("scanfilter.err.arity", ct(), scan(ScanFilter={"x": C("EQ")}))
case("scanfilter.err.type", ct(), scan(ScanFilter={"x": C("GT", BOOL)}))
case("scanfilter.err.bad_number", ct(),
     scan(ScanFilter={"x": C("GT", N("1e999999"))}))
case("scanfilter.err.operator_one", ct(),
     scan(ScanFilter={"x": C("NOT_NULL")}, ConditionalOperator="OR"))
case("scanfilter.err.operator_alone", ct(), scan(ConditionalOperator="OR"))
case("scanfilter.order.before_limit", ct(),
     scan(ScanFilter={"x": C("FOO")}, Limit=0))
case("scanfilter.order.before_select", ct(),
     scan(ScanFilter={"x": C("FOO")}, Select="BAD"))
case("scanfilter.order.before_operator", ct(),
     scan(ScanFilter={"x": C("FOO")}, ConditionalOperator="OR"))

# --------------------------------------------------- KeyConditions, Query
case("kc.hash_only", ct(), *SC, query({"pk": EQ(S("a"))}))
case("kc.gt", ct(), *SC, query({"pk": EQ(S("a")), "sk": C("GT", N("3"))}))
case("kc.le", ct(), *SC, query({"sk": C("LE", N("2")), "pk": EQ(S("a"))}))
case("kc.between", ct(), *SC,
     query({"pk": EQ(S("a")), "sk": C("BETWEEN", N("2"), N("4"))},
           ScanIndexForward=False))
case("kc.eq", ct(), *SC, query({"pk": EQ(S("a")), "sk": C("EQ", N("3"))}))
case("kc.count", ct(), *SC,
     query({"pk": EQ(S("a")), "sk": C("GE", N("2"))}, Select="COUNT"))
case("kc.begins_with_binary", ct(ONE),
     put({"id": B(b"\x01\x02")}, table="one"),
     query({"id": EQ(B(b"\x01\x02"))}, table="one"))
case("kc.begins_with_string_sort", ct({
    "TableName": "str", "BillingMode": "PAY_PER_REQUEST",
    "KeySchema": [H("pk"), R("sk")],
    "AttributeDefinitions": [A("pk"), A("sk")]}),
    put({"pk": S("a"), "sk": S("abc")}, table="str"),
    put({"pk": S("a"), "sk": S("b")}, table="str"),
    query({"pk": EQ(S("a")), "sk": C("BEGINS_WITH", S("a"))}, table="str"))
case("kc.index", ct(), put(dict(FULL)),
     query({"g": EQ(S("G"))}, IndexName="gall"))
case("kc.err.begins_with_number", ct(),
     query({"pk": EQ(S("a")), "sk": C("BEGINS_WITH", N("2"))}))
case("kc.err.range_ne", ct(),
     query({"pk": EQ(S("a")), "sk": C("NE", N("2"))}),
     aws=aws_val("Attempted conditional constraint is not an indexable "
                 "operation", RANGE_NE_500))
case("kc.err.range_in", ct(), query({"pk": EQ(S("a")), "sk": C("IN", N("2"))}))
case("kc.err.range_contains", ct(),
     query({"pk": EQ(S("a")), "sk": C("CONTAINS", N("2"))}))
case("kc.err.range_not_contains", ct(),
     query({"pk": EQ(S("a")), "sk": C("NOT_CONTAINS", N("2"))}))
case("kc.err.range_null", ct(), query({"pk": EQ(S("a")), "sk": C("NULL")}))
case("kc.err.range_not_null", ct(),
     query({"pk": EQ(S("a")), "sk": C("NOT_NULL")}))
case("kc.err.hash_gt", ct(), query({"pk": C("GT", S("a"))}))
case("kc.err.hash_begins_with", ct(), query({"pk": C("BEGINS_WITH", S("a"))}))
case("kc.err.hash_null", ct(), query({"pk": C("NULL")}))
case("kc.err.hash_not_null", ct(), query({"pk": C("NOT_NULL")}))
case("kc.err.hash_in", ct(), query({"pk": C("IN", S("a"))}))
case("kc.err.hash_ne", ct(), query({"pk": C("NE", S("a"))}))
# Two conditions where the key has no sort key: refused as a partition
# key condition other than EQ is, whichever the attributes.
case("kc.err.two_conditions_hash_only", ct(ONE),
     query({"id": EQ({"B": "YQ=="}), "a": EQ(S("a"))}, "one"),
     query({"a": EQ(S("a")), "b": EQ(S("a"))}, "one"),
     query({"a": C("LT", S("a")), "id": EQ({"B": "YQ=="})}, "one"),
     query({"a": EQ(S("a"))}, "one"))
case("kc.err.hash_between", ct(), query({"pk": C("BETWEEN", S("a"), S("b"))}))
case("kc.err.hash_bool", ct(), query({"pk": C("EQ", BOOL)}))
case("kc.err.no_index", ct(),
     query({"pk": EQ(S("a")), "sk": C("GT", N("1"))}, IndexName="nope"))
case("kc.err.no_hash", ct(), query({"sk": C("GT", N("1"))}))
case("kc.err.empty", ct(), query({}))
case("kc.err.not_a_key", ct(),
     query({"pk": EQ(S("a")), "x": C("GT", N("1"))}))
case("kc.err.three", ct(),
     query({"pk": EQ(S("a")), "sk": C("GT", N("1")), "x": C("GT", N("1"))}))
case("kc.err.hash_type", ct(), query({"pk": EQ(N("1"))}))
case("kc.err.range_type", ct(),
     query({"pk": EQ(S("a")), "sk": C("GT", S("1"))}))
case("kc.err.range_bool", ct(), query({"pk": EQ(S("a")), "sk": C("EQ", BOOL)}))
case("kc.err.hash_type_before_operator", ct(), query({"pk": C("GT", N("1"))}))
case("kc.err.arity", ct(), query({"pk": C("EQ", S("a"), S("b"))}))
case("kc.err.no_list", ct(), query({"pk": {"ComparisonOperator": "EQ"}}))
case("kc.err.no_operator", ct(), query({"pk": {"AttributeValueList": [S("a")]}}))
case("kc.err.unknown_operator", ct(), query({"pk": C("FOO", S("a"))}))
case("kc.err.static_before_schema", ct(),
     query({"pk": C("GT", S("a")), "sk": C("FOO", N("1"))}))
case("kc.err.between_reversed", ct(),
     query({"pk": EQ(S("a")), "sk": C("BETWEEN", N("2"), N("1"))}))
case("kc.err.between_mixed", ct(),
     query({"pk": EQ(S("a")), "sk": C("BETWEEN", S("a"), N("1"))}))
case("kc.err.empty_hash_value", ct(), query({"pk": EQ(S(""))}))
case("kc.err.bad_number", ct(), query({"pk": EQ(S("a")), "sk": EQ(N("x"))}))
case("kc.err.missing", ct(), ("Query", {"TableName": "tbl"}))
# KeyConditions goes with FilterExpression and ProjectionExpression
KCA = {"pk": EQ(S("a"))}
case("kc.with_filter_expression", ct(), *SC,
     query(KCA, FilterExpression="x > :v",
           ExpressionAttributeValues={":v": N("15")}))
case("kc.with_projection_expression", ct(), *SC,
     query(KCA, ProjectionExpression="x, #s",
           ExpressionAttributeNames={"#s": "sk"}))
case("kc.with_own_placeholder_names", ct(), *SC,
     query(KCA, ProjectionExpression="#n0",
           ExpressionAttributeNames={"#n0": "x"}))
case("kc.with_own_placeholder_values", ct(), *SC,
     query(dict(KCA, sk=C("GE", N("2"))), FilterExpression="x = :v0",
           ExpressionAttributeValues={":v0": N("20")}))
case("kc.with_filter_unused_value", ct(), *SC,
     query(KCA, FilterExpression="x > :v",
           ExpressionAttributeValues={":v": N("15"), ":w": N("1")}))
case("kc.with_filter_undefined_value", ct(), *SC,
     query(KCA, FilterExpression="x > :v"))
case("kc.with_filter_on_key", ct(), *SC,
     query(dict(KCA, sk=C("GT", N("1"))), FilterExpression="sk > :v",
           ExpressionAttributeValues={":v": N("15")}))
case("kc.values_without_expression", ct(), *SC,
     query(KCA, ExpressionAttributeValues={":v": N("15")}))
case("kc.names_without_expression", ct(), *SC,
     query(KCA, ExpressionAttributeNames={"#v": "x"}))
case("kc.mix.filter_both", ct(),
     query(KCA, QueryFilter={"x": C("GT", N("1"))}, FilterExpression="x > :v",
           ExpressionAttributeValues={":v": N("15")}))
case("kc.mix.attributes_filter", ct(),
     query(KCA, AttributesToGet=["x"], FilterExpression="x > :v",
           ExpressionAttributeValues={":v": N("15")}))
case("kc.mix.key_both_filter", ct(),
     query(KCA, KeyConditionExpression="pk = :p", FilterExpression="x > :v",
           ExpressionAttributeValues={":v": N("15"), ":p": S("a")}))
case("kc.mix.operator_filter", ct(),
     query(KCA, ConditionalOperator="OR", FilterExpression="x > :v",
           ExpressionAttributeValues={":v": N("15")}))
case("kc.mix.queryfilter_key_expression", ct(),
     query(KCA, QueryFilter={"x": C("GT", N("1"))},
           KeyConditionExpression="pk = :p",
           ExpressionAttributeValues={":p": S("a")}))
case("qf.gt", ct(), *SC,
     query({"pk": EQ(S("a"))}, QueryFilter={"x": C("GT", N("20"))}))
case("qf.and", ct(), *SC,
     query({"pk": EQ(S("a"))}, QueryFilter={"x": C("GT", N("20")),
                                           "s": C("EQ", S("v5"))},
           ConditionalOperator="AND"))
case("qf.or", ct(), *SC,
     query({"pk": EQ(S("a"))}, QueryFilter={"x": C("GT", N("20")),
                                           "s": C("EQ", S("v1"))},
           ConditionalOperator="OR"))
case("qf.count", ct(), *SC,
     query({"pk": EQ(S("a"))}, QueryFilter={"t": C("NOT_NULL")},
           Select="COUNT"))
case("qf.limit", ct(), *SC,
     query({"pk": EQ(S("a"))}, QueryFilter={"t": C("NOT_NULL")}, Limit=2))
case("qf.err.range_key", ct(),
     query({"pk": EQ(S("a"))}, QueryFilter={"sk": C("GT", N("2"))}))
case("qf.err.hash_key", ct(),
     query({"pk": EQ(S("a"))}, QueryFilter={"pk": C("EQ", S("a"))}))
case("qf.err.arity", ct(),
     query({"pk": EQ(S("a"))}, QueryFilter={"x": C("GT")}))
case("qf.err.no_operator", ct(),
     query({"pk": EQ(S("a"))}, QueryFilter={"x": {}}))
case("qf.err.operator_one", ct(),
     query({"pk": EQ(S("a"))}, QueryFilter={"x": C("NOT_NULL")},
           ConditionalOperator="OR"))
case("qf.err.operator_alone", ct(),
     query({"pk": EQ(S("a"))}, ConditionalOperator="OR"))
case("qf.order.limit_first", ct(),
     query({"pk": EQ(S("a"))}, QueryFilter={"x": C("FOO")}, Limit=0))
case("qf.order.filter_before_range_type", ct(),
     query({"pk": EQ(S("a")), "sk": C("GT", S("1"))},
           QueryFilter={"x": C("FOO")}))
case("qf.order.attributes_before_range_type", ct(),
     query({"pk": EQ(S("a")), "sk": C("GT", S("1"))},
           AttributesToGet=["x", "x"]))


# ------------------------------------------------------------------ recording
if __name__ == "__main__":
    record_sequences(CASES, OUT, "legacy.py")
