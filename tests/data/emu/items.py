#!/usr/bin/env python3
"""tests/data/emu/items.py - record the data-plane corpus from DynamoDB Local.

Each case is a sequence of requests (PutItem, GetItem, DeleteItem,
BatchGetItem, BatchWriteItem, Scan, UpdateTable, DescribeTable...) run on
fresh tables; DynamoDB Local's answer to every step is recorded in
items_cases.json, which tests/unit/test_emu_items.c replays against the
emulator with no Java needed: each step must give the recorded error type
and message, or a success whose answer matches DynamoDB Local's (see the
test for what "matches" leaves out: attribute order inside items, the
order of Scan results that DynamoDB does not define, times).

Where DynamoDB Local contradicts AWS's documentation, a step carries an
"aws" override: the emulator follows AWS, and DynamoDB Local's answer is
kept beside it for the drift report. docs/emulator.md lists every such
case. Re-record with:

    SST_CACHE_DIR=... tests/ddb-local exec python3 tests/data/emu/items.py

Standard library only.
"""
import base64
import itertools
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from record import OD, compact, record_sequences  # noqa: E402  (shared)

OUT = os.path.join(HERE, "items_cases.json")

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


# The main table: hash and range key, three global indexes (ALL,
# KEYS_ONLY, INCLUDE) and a KEYS_ONLY local index on a binary sort key.
MAIN = {"TableName": "tbl", "BillingMode": "PAY_PER_REQUEST",
        "KeySchema": [H("pk"), R("sk")],
        "AttributeDefinitions": [A("pk"), A("sk", "N"), A("g"), A("gs", "N"),
                                 A("l", "B")],
        "GlobalSecondaryIndexes": [
            {"IndexName": "gall", "KeySchema": [H("g"), R("gs")],
             "Projection": {"ProjectionType": "ALL"}},
            {"IndexName": "gkeys", "KeySchema": [H("g")],
             "Projection": {"ProjectionType": "KEYS_ONLY"}},
            {"IndexName": "ginc", "KeySchema": [H("gs")],
             "Projection": {"ProjectionType": "INCLUDE",
                            "NonKeyAttributes": ["x", "y"]}}],
        "LocalSecondaryIndexes": [
            {"IndexName": "lsi", "KeySchema": [H("pk"), R("l")],
             "Projection": {"ProjectionType": "KEYS_ONLY"}}]}
# A hash-only table.
ONE = {"TableName": "one", "BillingMode": "PAY_PER_REQUEST",
       "KeySchema": [H("pk")], "AttributeDefinitions": [A("pk")]}
# Binary partition key, string sort key.
BIN = {"TableName": "bin", "BillingMode": "PAY_PER_REQUEST",
       "KeySchema": [H("pk"), R("sk")],
       "AttributeDefinitions": [A("pk", "B"), A("sk")]}
# Numeric partition key, provisioned.
NUM = {"TableName": "num", "KeySchema": [H("pk")],
       "AttributeDefinitions": [A("pk", "N")],
       "ProvisionedThroughput": {"ReadCapacityUnits": 5,
                                 "WriteCapacityUnits": 5}}
# Hash and range table with an ALL local index, for item collections.
COLL = {"TableName": "coll", "BillingMode": "PAY_PER_REQUEST",
        "KeySchema": [H("pk"), R("sk")],
        "AttributeDefinitions": [A("pk"), A("sk", "N"), A("l")],
        "LocalSecondaryIndexes": [
            {"IndexName": "lsiall", "KeySchema": [H("pk"), R("l")],
             "Projection": {"ProjectionType": "ALL"}}]}


def ct(t):
    return ("CreateTable", t)


def K(pk="a", sk="1"):
    return {"pk": S(pk), "sk": N(sk)}


def put(item, table="tbl", **kw):
    return ("PutItem", dict({"TableName": table, "Item": item}, **kw))


def get(key, table="tbl", **kw):
    return ("GetItem", dict({"TableName": table, "Key": key}, **kw))


def delete(key, table="tbl", **kw):
    return ("DeleteItem", dict({"TableName": table, "Key": key}, **kw))


def scan(table="tbl", **kw):
    return ("Scan", dict({"TableName": table}, **kw))


def describe(table="tbl"):
    return ("DescribeTable", {"TableName": table})


def bget(items, **kw):
    return ("BatchGetItem", dict({"RequestItems": items}, **kw))


def bwrite(items, **kw):
    return ("BatchWriteItem", dict({"RequestItems": items}, **kw))


def PR(item):
    return {"PutRequest": {"Item": item}}


def DR(key):
    return {"DeleteRequest": {"Key": key}}


def upd(**kw):
    return ("UpdateTable", dict({"TableName": "tbl"}, **kw))


SER_NOTE = ("DynamoDB Local answers HTTP 500 InternalFailure; AWS answers "
            "400 SerializationException")


def ser(msg):
    return {"type": "SerializationException", "message": msg,
            "note": SER_NOTE}


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
    compare="counts" compares only the counts, capacity and the presence
    of LastEvaluatedKey of the last step (where DynamoDB leaves the choice
    of rows to the implementation)."""
    CASES.append({"name": name, "steps": [list(s) for s in steps],
                  "aws": aws, "compare": compare})


RCC_MSG = ("1 validation error detected: Value 'FOO' at "
           "'returnConsumedCapacity' failed to satisfy constraint: Member "
           "must satisfy enum value set: [INDEXES, TOTAL, NONE]")
RICM_MSG = ("1 validation error detected: Value 'FOO' at "
            "'returnItemCollectionMetrics' failed to satisfy constraint: "
            "Member must satisfy enum value set: [SIZE, NONE]")
ENUM_NOTE = "DynamoDB Local accepts any value; AWS validates the enum"

# ------------------------------------------------------------------ PutItem
BIG = "x" * 409000
case("put.ok.minimal", ct(MAIN), put(K()), get(K()))
case("put.ok.all_types", ct(MAIN),
     put(dict(K(), s=S("str"), n=N("-12.5"), b=B(b"\x00\x01\xff"),
              t={"BOOL": True}, f={"BOOL": False}, z={"NULL": True},
              ss={"SS": ["b", "a"]}, ns={"NS": ["2", "1"]},
              bs={"BS": [base64.b64encode(b"x").decode()]},
              m={"M": {"k": S("v"), "e": {"M": {}}}},
              li={"L": [S("a"), {"L": []}, {"BOOL": False}]})),
     get(K()))
case("put.ok.number_canonical", ct(MAIN),
     put(dict(K(), n=N("1.50"), m=N("-0"), e=N("1e3"), z=N("00012"))),
     get(K()))
NESTED_NUMBER_NOTE = ("DynamoDB Local keeps numbers inside lists and maps as "
                      "sent (and writes a nested number set with Java's "
                      "BigDecimal text, 1E+2); AWS documents every number "
                      "as normalised, leading and trailing zeroes trimmed")
case("put.ok.number_canonical_nested", ct(MAIN),
     put(dict(K(), lst={"L": [N("2.50"), N("-7E-10"), {"NS": ["1e2", "2.0"]}]},
              mp={"M": {"x": N("1e2"), "y": {"M": {"z": N("0.10")}}}})),
     get(K()),
     aws=aws_ok({"Item": dict(K(), lst={"L": [N("2.5"), N("-0.0000000007"),
                                            {"NS": ["100", "2"]}]},
                             mp={"M": {"x": N("100"),
                                      "y": {"M": {"z": N("0.1")}}}})},
                NESTED_NUMBER_NOTE))
case("put.ok.key_number_forms", ct(MAIN), put(K("a", "1.50")),
     get(K("a", "1.5")), get(K("a", "15e-1")))
case("put.ok.replace", ct(MAIN), put(dict(K(), x=S("1"))),
     put(dict(K(), y=S("2"))), get(K()))
case("put.ok.return_all_old", ct(MAIN), put(dict(K(), x=S("1"))),
     put(dict(K(), y=S("2")), ReturnValues="ALL_OLD"))
case("put.ok.return_all_old_new_item", ct(MAIN),
     put(K(), ReturnValues="ALL_OLD"))
case("put.ok.return_none", ct(MAIN), put(K(), ReturnValues="NONE"))
case("put.ok.capacity_total", ct(MAIN),
     put(K(), ReturnConsumedCapacity="TOTAL"))
case("put.ok.capacity_none", ct(MAIN),
     put(K(), ReturnConsumedCapacity="NONE"))
case("put.ok.capacity_1k", ct(MAIN),
     put(dict(K(), x=S("x" * (1024 - 5 - 1))), ReturnConsumedCapacity="TOTAL"),
     put(dict(K(), x=S("x" * (1024 - 5))), ReturnConsumedCapacity="TOTAL"))
case("put.ok.capacity_max_old_new", ct(MAIN),
     put(dict(K(), x=S("x" * 3000))),
     put(K(), ReturnConsumedCapacity="TOTAL"))
case("put.ok.capacity_indexes_new", ct(MAIN),
     put(dict(K(), g=S("G"), gs=N("5"), x=S("v"), l=B(b"\x01")),
         ReturnConsumedCapacity="INDEXES"))
case("put.ok.capacity_indexes_sparse", ct(MAIN),
     put(dict(K(), g=S("G")), ReturnConsumedCapacity="INDEXES"))
case("put.ok.capacity_indexes_unchanged", ct(MAIN),
     put(dict(K(), g=S("G"), gs=N("5"), x=S("v"))),
     put(dict(K(), g=S("G"), gs=N("5"), x=S("v")),
         ReturnConsumedCapacity="INDEXES"))
case("put.ok.capacity_indexes_projected_change", ct(MAIN),
     put(dict(K(), g=S("G"), gs=N("5"), x=S("v"))),
     put(dict(K(), g=S("G"), gs=N("5"), x=S("w")),
         ReturnConsumedCapacity="INDEXES"))
case("put.ok.capacity_indexes_nonprojected_change", ct(MAIN),
     put(dict(K(), g=S("G"), gs=N("5"), q=S("v"))),
     put(dict(K(), g=S("G"), gs=N("5"), q=S("w")),
         ReturnConsumedCapacity="INDEXES"))
case("put.ok.capacity_indexes_key_change", ct(MAIN),
     put(dict(K(), g=S("G"), gs=N("5"))),
     put(dict(K(), g=S("H"), gs=N("5")), ReturnConsumedCapacity="INDEXES"))
case("put.ok.capacity_indexes_key_removed", ct(MAIN),
     put(dict(K(), g=S("G"))), put(K(), ReturnConsumedCapacity="INDEXES"))
case("put.ok.capacity_indexes_big", ct(MAIN),
     put(dict(K(), g=S("G"), gs=N("5"), x=S("x" * 3000), y=S("y" * 2000),
              z=S("z" * 5000)), ReturnConsumedCapacity="INDEXES"))
case("put.ok.capacity_indexes_shrink", ct(MAIN),
     put(dict(K(), g=S("G"), gs=N("5"), x=S("x" * 3000), z=S("z" * 5000))),
     put(dict(K(), g=S("G"), gs=N("5"), x=S("x")),
         ReturnConsumedCapacity="INDEXES"))
case("put.ok.capacity_indexes_key_change_big", ct(MAIN),
     put(dict(K(), g=S("G"), gs=N("5"))),
     put(dict(K(), g=S("G"), gs=N("6"), x=S("x" * 3000)),
         ReturnConsumedCapacity="INDEXES"))
case("put.ok.capacity_provisioned", ct(NUM),
     put({"pk": N("1")}, table="num", ReturnConsumedCapacity="INDEXES"))
case("put.ok.hash_only", ct(ONE), put({"pk": S("a"), "v": N("1")}, "one"),
     get({"pk": S("a")}, "one"))
case("put.ok.binary_key", ct(BIN),
     put({"pk": B(b"\x00\xff"), "sk": S("s")}, "bin"),
     get({"pk": B(b"\x00\xff"), "sk": S("s")}, "bin"))
case("put.ok.key_2048_bytes", ct(MAIN), put(K("a" * 2048)))
case("put.ok.key_2048_bytes_utf8", ct(MAIN), put(K("\u00e9" * 1024)))
case("put.ok.sort_key_1024_bytes", ct(BIN),
     put({"pk": B(b"k"), "sk": S("s" * 1024)}, "bin"))
case("put.ok.index_key_2048", ct(MAIN), put(dict(K(), g=S("g" * 2048))))
case("put.ok.lsi_key_1024", ct(MAIN), put(dict(K(), l=B(b"l" * 1024))))
case("put.ok.item_400k", ct(MAIN),
     put(dict(K(), x=S("x" * (409600 - 5 - 1)))))
case("put.ok.empty_string_non_key", ct(MAIN), put(dict(K(), e=S(""))),
     get(K()))
case("put.ok.empty_expected", ct(MAIN), put(K(), Expected={}))
case("put.ok.empty_names_values", ct(MAIN),
     put(K(), ExpressionAttributeNames={}, ExpressionAttributeValues={}))
case("put.ok.rvoccf", ct(MAIN),
     put(K(), ReturnValuesOnConditionCheckFailure="ALL_OLD"))
case("put.ok.ricm_no_lsi", ct(ONE),
     put({"pk": S("a")}, "one", ReturnItemCollectionMetrics="SIZE"))
case("put.ok.ricm_lsi", ct(COLL),
     put({"pk": S("a"), "sk": N("1"), "l": S("x")}, "coll",
         ReturnItemCollectionMetrics="SIZE"),
     aws=aws_ok({"ItemCollectionMetrics": {
         "ItemCollectionKey": {"pk": S("a")},
         "SizeEstimateRangeGB": [0.0, 1.0]}},
         "DynamoDB Local never returns ItemCollectionMetrics; AWS returns "
         "them for tables with local secondary indexes"))

# errors: table and request
case("put.err.no_table", put(K(), table="nope"))
case("put.err.table_name_null", put(K(), TableName=None))
case("put.err.table_name_short", put(K(), table="ab"))
case("put.err.item_null", ct(MAIN), ("PutItem", {"TableName": "tbl"}))
case("put.err.item_empty", ct(MAIN), put({}))
# key attribute by key attribute: the partition key's faults before a
# missing sort key (random_ctl.py seed 63)
case("put.err.key_type_before_missing_sort_key", ct(MAIN),
     put({"pk": {"B": "AQ=="}}))
case("put.err.key_empty_before_missing_sort_key", ct(MAIN),
     put({"pk": S("")}))
case("put.err.key_size_before_sort_key_type", ct(MAIN),
     put({"pk": S("x" * 2050), "sk": S("1")}))
case("get.err.key_size_before_sort_key_empty", ct(MAIN),
     get({"pk": S("x" * 2050), "sk": {"L": []}}))
case("put.err.return_values_all_new", ct(MAIN),
     put(K(), ReturnValues="ALL_NEW"))
case("put.err.return_values_updated_old", ct(MAIN),
     put(K(), ReturnValues="UPDATED_OLD"))
case("put.err.return_values_lower", ct(MAIN),
     put(K(), ReturnValues="all_old"))
case("put.err.return_values_foo", ct(MAIN), put(K(), ReturnValues="FOO"))
case("put.err.rcc_foo", ct(MAIN), put(K(), ReturnConsumedCapacity="FOO"),
     aws=aws_val(RCC_MSG, ENUM_NOTE))
case("put.err.ricm_foo", ct(MAIN),
     put(K(), ReturnItemCollectionMetrics="FOO"),
     aws=aws_val(RICM_MSG, ENUM_NOTE))
case("put.err.rvoccf_foo", ct(MAIN),
     put(K(), ReturnValuesOnConditionCheckFailure="FOO"))
case("put.err.names_without_expression", ct(MAIN),
     put(K(), ExpressionAttributeNames={"#a": "x"}))
case("put.err.values_without_expression", ct(MAIN),
     put(K(), ExpressionAttributeValues={":a": S("x")}))
case("put.err.mixed", ct(MAIN),
     put(K(), Expected={"x": {"Exists": False}},
         ConditionExpression="attribute_not_exists(x)"))
case("put.err.mixed_operator", ct(MAIN),
     put(K(), Expected={"x": {"Exists": False}}, ConditionalOperator="AND",
         ConditionExpression="attribute_not_exists(x)"))
case("put.err.operator_alone", ct(MAIN), put(K(), ConditionalOperator="OR"))
# errors: keys
case("put.err.key_missing_hash", ct(MAIN), put({"sk": N("1")}))
case("put.err.key_missing_range", ct(MAIN), put({"pk": S("a")}))
case("put.err.key_type_hash", ct(MAIN), put({"pk": N("1"), "sk": N("1")}))
case("put.err.key_type_range", ct(MAIN), put({"pk": S("a"), "sk": S("1")}))
case("put.err.key_type_binary_for_string", ct(MAIN),
     put({"pk": B(b""), "sk": N("1")}))
case("put.err.key_set", ct(MAIN), put({"pk": {"SS": ["a"]}, "sk": N("1")}))
case("put.err.key_null", ct(MAIN), put({"pk": {"NULL": True}, "sk": N("1")}))
case("put.err.key_bool", ct(MAIN), put({"pk": {"BOOL": True}, "sk": N("1")}))
case("put.err.key_map", ct(MAIN), put({"pk": {"M": {}}, "sk": N("1")}))
case("put.err.key_list", ct(MAIN), put({"pk": {"L": []}, "sk": N("1")}))
case("put.err.key_empty_string", ct(MAIN), put(K("")))
case("put.err.key_empty_binary", ct(BIN),
     put({"pk": B(b""), "sk": S("s")}, "bin"))
case("put.err.key_empty_range", ct(BIN),
     put({"pk": B(b"k"), "sk": S("")}, "bin"))
case("put.err.key_2049_bytes", ct(MAIN), put(K("a" * 2049)))
case("put.err.key_2049_bytes_utf8", ct(MAIN), put(K("\u00e9" * 1025)))
case("put.err.sort_key_1025_bytes", ct(BIN),
     put({"pk": B(b"k"), "sk": S("s" * 1025)}, "bin"))
case("put.err.binary_key_2049", ct(BIN),
     put({"pk": B(b"k" * 2049), "sk": S("s")}, "bin"))
case("put.err.key_number_nan", ct(MAIN), put(K("a", "abc")))
# errors: index keys
case("put.err.index_key_type", ct(MAIN), put(dict(K(), g=N("1"))))
case("put.err.index_key_type_lsi", ct(MAIN), put(dict(K(), l=S("x"))))
case("put.err.index_key_set", ct(MAIN), put(dict(K(), g={"SS": ["x"]})))
case("put.err.index_key_bool", ct(MAIN), put(dict(K(), g={"BOOL": True})))
case("put.err.index_key_empty_lsi", ct(MAIN), put(dict(K(), l=B(b""))))
case("put.err.index_key_2049", ct(MAIN), put(dict(K(), gs=N("1"),
                                                   x=S("v"),
                                                   g=S("g" * 2049))))
case("put.err.lsi_key_1025", ct(MAIN), put(dict(K(), l=B(b"l" * 1025))))
# errors: the item
case("put.err.item_too_large", ct(MAIN),
     put(dict(K(), x=S("x" * (409600 - 5)))))
case("put.err.item_too_large_before_bad_key", ct(MAIN),
     put({"x": S(BIG), "pk": S(""), "sk": N("1")}))
case("put.err.bad_value_before_size", ct(MAIN),
     put({"pk": S("a"), "sk": N("1"), "e": {"SS": []}, "x": S(BIG)}))
case("put.err.size_before_bad_value", ct(MAIN),
     put({"pk": S("a"), "sk": N("1"), "x": S(BIG), "e": {"SS": []}}))
case("put.err.empty_set", ct(MAIN), put(dict(K(), e={"SS": []})))
case("put.err.empty_set_before_missing_key", ct(MAIN),
     put({"sk": N("1"), "e": {"NS": []}}))
case("put.err.two_types", ct(MAIN), put(dict(K(), e={"S": "a", "N": "1"})))
case("put.err.empty_av", ct(MAIN), put(dict(K(), e={})))
case("put.err.null_av", ct(MAIN), put(dict(K(), e=None)))
case("put.err.empty_name", ct(MAIN), put({"pk": S("a"), "sk": N("1"),
                                          "": S("x")}))
case("put.err.number_precision", ct(MAIN), put(dict(K(), n=N("1" * 39))))
case("put.err.set_duplicates", ct(MAIN), put(dict(K(), s={"SS": ["a",
                                                                  "a"]})))
case("put.err.null_false", ct(MAIN), put(dict(K(), z={"NULL": False})))
case("put.err.no_table_before_item", put({"x": {"SS": []}}, table="nope"))
case("put.err.return_values_before_item", ct(MAIN),
     ("PutItem", {"TableName": "tbl", "ReturnValues": "ALL_NEW"}))
case("put.err.names_before_item", ct(MAIN),
     ("PutItem", {"TableName": "tbl", "ExpressionAttributeNames": {"#a":
                                                                   "b"}}))
case("put.err.key_before_index_key", ct(MAIN),
     put({"pk": S("a"), "g": N("1")}))
case("put.err.index_key_before_rvoccf", ct(MAIN),
     put(dict(K(), g=N("1")), ReturnValuesOnConditionCheckFailure="FOO"))
case("put.err.rvoccf_before_operator", ct(MAIN),
     put(K(), ReturnValuesOnConditionCheckFailure="FOO",
         ConditionalOperator="AND"))
# wrongly typed JSON
case("put.ser.item_string", ct(MAIN), put("x"),
     aws=ser("Unexpected field type"))
case("put.ser.string_as_number", ct(MAIN), put(dict(K(), x={"S": 5})),
     aws=ser("NUMBER_VALUE cannot be converted to String"))
case("put.ser.return_values_number", ct(MAIN), put(K(), ReturnValues=5),
     aws=ser("class com.amazon.coral.value.json.numbers.TruncatingBigNumber"
             " can not be converted to an String"))

# ------------------------------------------------------------------ GetItem
case("get.ok.missing", ct(MAIN), get(K()))
case("get.ok.missing_capacity", ct(MAIN),
     get(K(), ReturnConsumedCapacity="TOTAL"))
case("get.ok.missing_capacity_consistent", ct(MAIN),
     get(K(), ReturnConsumedCapacity="INDEXES", ConsistentRead=True))
case("get.ok.capacity_4k", ct(MAIN),
     put(dict(K(), x=S("x" * (4096 - 6)))),
     get(K(), ReturnConsumedCapacity="TOTAL", AttributesToGet=["pk"]),
     put(dict(K(), x=S("x" * (4096 - 5)))),
     get(K(), ReturnConsumedCapacity="TOTAL", AttributesToGet=["pk"]),
     get(K(), ReturnConsumedCapacity="TOTAL", ConsistentRead=True,
         AttributesToGet=["pk"]))
case("get.ok.attributes_to_get", ct(MAIN),
     put(dict(K(), x=S("1"), y=S("2"))),
     get(K(), AttributesToGet=["x", "pk"]))
case("get.ok.attributes_to_get_none_found", ct(MAIN), put(K()),
     get(K(), AttributesToGet=["nothere"]))
case("get.ok.attributes_to_get_empty_list", ct(MAIN), put(K()),
     get(K(), AttributesToGet=[]))
case("get.ok.attributes_to_get_long_name", ct(MAIN), put(K()),
     get(K(), AttributesToGet=["a" * 300]))
case("get.ok.consistent_false", ct(MAIN), put(K()),
     get(K(), ConsistentRead=False, ReturnConsumedCapacity="NONE"))
case("get.ok.values_ignored", ct(MAIN), put(K()),
     get(K(), ExpressionAttributeValues={":a": S("x")}))
case("get.ok.empty_names", ct(MAIN), put(K()),
     get(K(), ExpressionAttributeNames={}))
case("get.ok.binary_order_key", ct(BIN),
     put({"pk": B(b"\x00"), "sk": S("a")}, "bin"),
     put({"pk": B(b"\x00\x00"), "sk": S("a")}, "bin"),
     get({"pk": B(b"\x00"), "sk": S("a")}, "bin"),
     get({"pk": B(b"\x00\x00"), "sk": S("a")}, "bin"))
case("get.err.no_table", get(K(), table="nope"))
case("get.err.no_table_bad_key", get({"pk": {"SS": []}}, table="nope"))
case("get.err.key_null", ct(MAIN), ("GetItem", {"TableName": "tbl"}))
case("get.err.key_empty", ct(MAIN), get({}))
case("get.err.key_hash_only", ct(MAIN), get({"pk": S("a")}))
case("get.err.key_extra", ct(MAIN), get(dict(K(), x=N("1"))))
case("get.err.key_other", ct(MAIN), get({"pk": S("a"), "x": N("1")}))
case("get.err.key_type", ct(MAIN), get({"pk": S("a"), "sk": S("1")}))
case("get.err.key_empty_string", ct(MAIN), get(K("")))
case("get.err.key_too_long", ct(MAIN), get(K("a" * 2049)))
case("get.err.key_bad_number", ct(MAIN), get(K("a", "abc")))
case("get.err.key_empty_set", ct(MAIN), get({"pk": S("a"),
                                              "sk": {"SS": []}}))
case("get.err.key_null_value", ct(MAIN), get({"pk": S("a"), "sk": None}))
case("get.err.key_empty_name", ct(MAIN), get(dict(K(), **{"": S("x")})))
case("get.err.attributes_to_get_duplicate", ct(MAIN),
     get(K(), AttributesToGet=["x", "x"]))
case("get.err.attributes_to_get_empty_name", ct(MAIN),
     get(K(), AttributesToGet=[""]))
case("get.err.mixed", ct(MAIN),
     get(K(), AttributesToGet=["x"], ProjectionExpression="x"))
case("get.err.names_without_expression", ct(MAIN),
     get(K(), ExpressionAttributeNames={"#a": "x"}))
case("get.err.names_before_table", get(K(), table="nope",
                                       ExpressionAttributeNames={"#a": "x"}))
case("get.err.duplicate_before_mixed", ct(MAIN),
     get(K(), AttributesToGet=["x", "x"], ProjectionExpression="x"))
case("get.err.rcc_foo", ct(MAIN), get(K(), ReturnConsumedCapacity="FOO"),
     aws=aws_val(RCC_MSG, ENUM_NOTE))
case("get.ser.consistent_read_string", ct(MAIN),
     get(K(), ConsistentRead="yes"),
     aws=ser("'YES' can not be converted to an Boolean"))

# ------------------------------------------------------------------ DeleteItem
MISSING_DELETE_NOTE = ("DynamoDB Local answers ConsumedCapacity for a "
                       "missing item even when not asked; AWS answers {}")
case("del.ok.existing", ct(MAIN), put(K()), delete(K()), get(K()))
case("del.ok.missing", ct(MAIN), delete(K()),
     aws=aws_ok({}, MISSING_DELETE_NOTE))
case("del.ok.all_old", ct(MAIN), put(dict(K(), x=S("v"))),
     delete(K(), ReturnValues="ALL_OLD"))
case("del.ok.all_old_missing", ct(MAIN), delete(K(), ReturnValues="ALL_OLD"),
     aws=aws_ok({}, MISSING_DELETE_NOTE))
case("del.ok.capacity", ct(MAIN), put(dict(K(), x=S("x" * 4093))),
     delete(K(), ReturnConsumedCapacity="TOTAL"),
     delete(K(), ReturnConsumedCapacity="TOTAL"))
case("del.ok.capacity_indexes", ct(MAIN),
     put(dict(K(), g=S("G"), gs=N("5"), l=B(b"\x01"), x=S("v"))),
     delete(K(), ReturnConsumedCapacity="INDEXES"))
case("del.ok.ricm_lsi", ct(COLL),
     put({"pk": S("a"), "sk": N("1"), "l": S("x")}, "coll"),
     delete({"pk": S("a"), "sk": N("1")}, "coll",
            ReturnItemCollectionMetrics="SIZE"),
     aws=aws_ok({"ItemCollectionMetrics": {
         "ItemCollectionKey": {"pk": S("a")},
         "SizeEstimateRangeGB": [0.0, 1.0]}},
         "DynamoDB Local never returns ItemCollectionMetrics; AWS returns "
         "them for tables with local secondary indexes"))
case("del.err.no_table", delete(K(), table="nope"))
case("del.err.key_null", ct(MAIN), ("DeleteItem", {"TableName": "tbl"}))
case("del.err.key_count", ct(MAIN), delete({"pk": S("a")}))
case("del.err.key_extra", ct(MAIN), delete(dict(K(), z=S("x"))))
case("del.err.key_other", ct(MAIN), delete({"pk": S("a"), "z": S("x")}))
case("del.err.key_type", ct(MAIN), delete({"pk": S("a"), "sk": S("1")}))
case("del.err.key_empty", ct(MAIN), delete(K("")))
case("del.err.return_values_all_new", ct(MAIN),
     delete(K(), ReturnValues="ALL_NEW"))
case("del.err.return_values_updated_new", ct(MAIN),
     delete(K(), ReturnValues="UPDATED_NEW"))
case("del.err.return_values_before_key", ct(MAIN),
     delete({"pk": S("a")}, ReturnValues="ALL_NEW"))
case("del.err.rvoccf_before_key", ct(MAIN),
     delete({"pk": S("a"), "sk": S("1")},
            ReturnValuesOnConditionCheckFailure="FOO"))
case("del.err.names_without_expression", ct(MAIN),
     delete(K(), ExpressionAttributeNames={"#a": "x"}))
case("del.err.values_without_expression", ct(MAIN),
     delete(K(), ExpressionAttributeValues={":a": S("x")}))
case("del.err.mixed", ct(MAIN), delete(K(), Expected={"x": {"Exists":
                                                            False}},
                                       ConditionExpression="a = b"))
case("del.err.key_before_operator", ct(MAIN),
     delete({"pk": S("a"), "sk": S("1")}, ConditionalOperator="AND"))
case("del.err.operator_alone", ct(MAIN), delete(K(), ConditionalOperator="OR"))
case("del.err.ricm_foo", ct(MAIN), delete(K(), ReturnItemCollectionMetrics="X"),
     aws=aws_val(RICM_MSG.replace("'FOO'", "'X'"), ENUM_NOTE))

# ------------------------------------------------------------------ sparse and projected indexes, read through Scan


def scan_all(index=None, **kw):
    if index:
        kw["IndexName"] = index
    return scan(**kw)


FULL = dict(K("a", "1"), g=S("G"), gs=N("5"), l=B(b"\x01"), x=S("x1"),
            y=S("y1"), z=S("z1"))
case("idx.projections", ct(MAIN), put(FULL),
     scan_all("gall"), scan_all("gkeys"), scan_all("ginc"), scan_all("lsi"))
case("idx.sparse", ct(MAIN), put(dict(K("a", "1"), g=S("G"))),
     put(dict(K("a", "2"), gs=N("7"))), put(K("a", "3")),
     scan_all("gall"), scan_all("gkeys"), scan_all("ginc"), scan_all("lsi"))
case("idx.key_change_moves_row", ct(MAIN),
     put(dict(K(), g=S("G"), gs=N("1"))), put(dict(K(), g=S("H"), gs=N("1"))),
     scan_all("gkeys"), scan_all("gall"))
case("idx.delete_removes_rows", ct(MAIN), put(FULL), delete(K("a", "1")),
     scan_all("gall"), scan_all("gkeys"), scan_all("ginc"), scan_all("lsi"))
case("idx.counts", ct(MAIN), put(FULL),
     put(dict(K("b", "2"), g=S("G"), x=S("xx"))), describe(),
     aws=aws_ok(None, "IndexSizeBytes: DynamoDB Local counts whole items; "
                      "the emulator counts the projected attributes, which "
                      "is what AWS documents an index to hold"))
case("idx.lsi_fetch_all_attributes", ct(MAIN), put(FULL),
     scan_all("lsi", Select="ALL_ATTRIBUTES"))
case("idx.lsi_fetch_attributes_to_get", ct(MAIN), put(FULL),
     scan_all("lsi", AttributesToGet=["x", "z"]))
case("idx.gsi_not_projected", ct(MAIN), put(FULL),
     scan_all("ginc", AttributesToGet=["x", "z"]))
case("idx.gsi_not_projected_two", ct(MAIN),
     scan_all("gkeys", AttributesToGet=["pk", "g", "zz", "yy"]))
case("idx.gsi_select_all", ct(MAIN), scan_all("gkeys", Select="ALL_ATTRIBUTES"))
case("idx.gsi_select_all_on_all", ct(MAIN), put(FULL),
     scan_all("gall", Select="ALL_ATTRIBUTES"))
case("idx.gsi_projected", ct(MAIN), put(FULL),
     scan_all("gkeys", Select="ALL_PROJECTED_ATTRIBUTES"))

# ------------------------------------------------------------------ Scan
PAGE = [put(dict(K("p", str(i)), v=N(str(i)))) for i in range(5)]
case("scan.ok.empty", ct(MAIN), scan())
case("scan.ok.empty_capacity", ct(MAIN), scan(ReturnConsumedCapacity="TOTAL"))
case("scan.ok.all", ct(MAIN), *PAGE, scan())
case("scan.ok.limit", ct(MAIN), *PAGE, scan(Limit=2))
case("scan.ok.limit_exact", ct(MAIN), *PAGE, scan(Limit=5))
case("scan.ok.limit_more", ct(MAIN), *PAGE, scan(Limit=6))
case("scan.ok.limit_fraction", ct(MAIN), *PAGE, scan(Limit=1.5))
case("scan.ok.pages", ct(MAIN), *PAGE, scan(Limit=2),
     scan(Limit=2, ExclusiveStartKey=K("p", "1")),
     scan(Limit=2, ExclusiveStartKey=K("p", "3")))
case("scan.ok.start_key_missing_item", ct(MAIN), *PAGE,
     scan(ExclusiveStartKey=K("p", "2.5")))
case("scan.ok.start_key_past_end", ct(MAIN), *PAGE,
     scan(ExclusiveStartKey=K("p", "99")))
case("scan.ok.count", ct(MAIN), *PAGE, scan(Select="COUNT"))
case("scan.ok.count_limit", ct(MAIN), *PAGE, scan(Select="COUNT", Limit=2))
case("scan.ok.specific", ct(MAIN), *PAGE,
     scan(Select="SPECIFIC_ATTRIBUTES", AttributesToGet=["v"]))
case("scan.ok.attributes_to_get", ct(MAIN), *PAGE,
     scan(AttributesToGet=["v", "sk"]))
case("scan.ok.capacity", ct(MAIN), *PAGE,
     scan(ReturnConsumedCapacity="INDEXES"))
case("scan.ok.capacity_consistent", ct(MAIN), *PAGE,
     scan(ReturnConsumedCapacity="TOTAL", ConsistentRead=True))
case("scan.ok.index_capacity", ct(MAIN),
     put(dict(K("p", "1"), g=S("G"), gs=N("1"))),
     put(dict(K("p", "2"), g=S("G"), gs=N("2"))),
     scan_all("gall", ReturnConsumedCapacity="INDEXES"))
case("scan.ok.index_pages", ct(MAIN),
     put(dict(K("p", "1"), g=S("G"), gs=N("1"))),
     put(dict(K("p", "2"), g=S("G"), gs=N("2"))),
     put(dict(K("p", "3"), g=S("G"), gs=N("3"))),
     scan_all("gall", Limit=2),
     scan_all("gall", Limit=2, ExclusiveStartKey=dict(K("p", "2"), g=S("G"),
                                                      gs=N("2"))))
case("scan.ok.lsi_consistent", ct(MAIN),
     put(dict(K("p", "1"), l=B(b"\x01"))),
     scan_all("lsi", ConsistentRead=True))
case("scan.ok.segments", ct(MAIN),
     *[put(dict(K("p%d" % (i % 3), str(i)))) for i in range(6)],
     scan(Segment=0, TotalSegments=1),
     scan(Segment=0, TotalSegments=1000000))
case("scan.ok.hash_only_all", ct(ONE),
     *[put({"pk": S("k%d" % i)}, "one") for i in range(4)], scan("one"))
case("scan.ok.empty_names_values", ct(MAIN), *PAGE,
     scan(ExpressionAttributeNames={}, ExpressionAttributeValues={}))
case("scan.ok.empty_scan_filter", ct(MAIN), *PAGE, scan(ScanFilter={}))
case("scan.ok.1mb", ct(ONE),
     *[put({"pk": S("k%d" % i), "x": S("x" * (262144 - 4 - 1))}, "one")
       for i in range(5)],
     scan("one", Select="COUNT", ReturnConsumedCapacity="TOTAL"),
     compare="counts")
case("scan.err.no_table", scan("nope"))
# A parallel Scan's starting key must lie in its segment: p1, p5 and p12
# are outside segment 0 of 2 in DynamoDB Local and in the emulator alike
# (which partition falls in which segment is each one's own hash).
case("scan.err.start_key_outside_segment", ct(ONE),
     *[put({"pk": S("p%d" % i)}, "one") for i in range(16)],
     *[scan("one", TotalSegments=2, Segment=0,
            ExclusiveStartKey={"pk": S(k)}) for k in ("p1", "p5", "p12")])
case("scan.err.no_table_before_limit", scan("nope", Limit=0))
case("scan.err.no_index", ct(MAIN), scan(IndexName="nope"))
case("scan.err.gsi_consistent", ct(MAIN),
     scan(IndexName="gall", ConsistentRead=True))
case("scan.err.limit_zero", ct(MAIN), scan(Limit=0))
case("scan.err.limit_negative", ct(MAIN), scan(Limit=-1))
case("scan.err.select_foo", ct(MAIN), scan(Select="FOO"))
case("scan.err.select_lower", ct(MAIN), scan(Select="count"))
case("scan.err.projected_no_index", ct(MAIN),
     scan(Select="ALL_PROJECTED_ATTRIBUTES"))
case("scan.err.specific_nothing", ct(MAIN), scan(Select="SPECIFIC_ATTRIBUTES"))
case("scan.err.all_with_attributes", ct(MAIN),
     scan(Select="ALL_ATTRIBUTES", AttributesToGet=["x"]))
case("scan.err.count_with_attributes", ct(MAIN),
     scan(Select="COUNT", AttributesToGet=["x"]))
case("scan.err.projected_with_attributes", ct(MAIN),
     scan(IndexName="gall", Select="ALL_PROJECTED_ATTRIBUTES",
          AttributesToGet=["x"]))
case("scan.err.count_with_projection", ct(MAIN),
     scan(Select="COUNT", ProjectionExpression="x"))
case("scan.err.all_with_projection", ct(MAIN),
     scan(Select="ALL_ATTRIBUTES", ProjectionExpression="x"))
case("scan.err.segment_alone", ct(MAIN), scan(Segment=0))
case("scan.err.total_alone", ct(MAIN), scan(TotalSegments=2))
case("scan.err.segment_too_big", ct(MAIN), scan(Segment=2, TotalSegments=2))
case("scan.err.segment_negative", ct(MAIN), scan(Segment=-1, TotalSegments=2))
case("scan.err.total_zero", ct(MAIN), scan(Segment=0, TotalSegments=0))
case("scan.err.total_too_big", ct(MAIN),
     scan(Segment=0, TotalSegments=1000001))
case("scan.err.start_key_empty", ct(MAIN), scan(ExclusiveStartKey={}))
case("scan.err.start_key_size", ct(MAIN),
     scan(ExclusiveStartKey={"pk": S("a")}))
case("scan.err.start_key_extra", ct(MAIN),
     scan(ExclusiveStartKey=dict(K(), x=S("1"))))
case("scan.err.start_key_other", ct(MAIN),
     scan(ExclusiveStartKey={"pk": S("a"), "x": N("1")}))
case("scan.err.start_key_type", ct(MAIN),
     scan(ExclusiveStartKey={"pk": S("a"), "sk": S("1")}))
case("scan.err.start_key_set", ct(ONE),
     scan("one", ExclusiveStartKey={"pk": {"SS": ["a"]}}))
case("scan.err.start_key_empty_string", ct(MAIN),
     scan(ExclusiveStartKey=K("")))
case("scan.err.start_key_index_table_key", ct(MAIN),
     scan(IndexName="gall", ExclusiveStartKey=K()))
case("scan.err.start_key_index_partial", ct(MAIN),
     scan(IndexName="gall", ExclusiveStartKey=dict(K(), g=S("G"))))
case("scan.err.start_key_index_type", ct(MAIN),
     scan(IndexName="gkeys", ExclusiveStartKey=dict(K(), g=N("1"))))
case("scan.err.start_key_index_extra", ct(MAIN),
     scan(IndexName="gkeys", ExclusiveStartKey=dict(K(), g=S("G"),
                                                     q=S("x"))))
case("scan.err.attributes_duplicate", ct(MAIN),
     scan(AttributesToGet=["x", "x"]))
case("scan.err.names_without_expression", ct(MAIN),
     scan(ExpressionAttributeNames={"#a": "x"}))
case("scan.err.values_without_filter", ct(MAIN),
     scan(ExpressionAttributeValues={":a": S("x")}))
case("scan.err.values_with_projection_only", ct(MAIN),
     scan(ExpressionAttributeValues={":a": S("x")}, ProjectionExpression="x"))
case("scan.err.mixed", ct(MAIN),
     scan(AttributesToGet=["x"], FilterExpression="a = b"))
case("scan.err.mixed_many", ct(MAIN),
     scan(ScanFilter={"x": {"ComparisonOperator": "NULL"}},
          AttributesToGet=["x"], FilterExpression="a = b",
          ProjectionExpression="x"))
case("scan.err.operator_alone", ct(MAIN), scan(ConditionalOperator="AND"))
case("scan.err.operator_one_condition", ct(MAIN),
     scan(ConditionalOperator="OR",
          ScanFilter={"x": {"ComparisonOperator": "NULL"}}))
# the order of Scan's checks, pair by pair
case("scan.order.index_before_limit", ct(MAIN),
     scan(IndexName="nope", Limit=0))
case("scan.order.consistent_before_select", ct(MAIN),
     scan(IndexName="gkeys", ConsistentRead=True, Select="FOO"))
case("scan.order.names_before_limit", ct(MAIN),
     scan(Limit=0, ExpressionAttributeNames={"#a": "x"}))
case("scan.order.operator_before_limit", ct(MAIN),
     scan(Limit=0, ConditionalOperator="AND"))
case("scan.order.limit_before_start_key", ct(MAIN),
     scan(Limit=0, ExclusiveStartKey={"pk": S("a")}))
case("scan.order.start_key_before_select", ct(MAIN),
     scan(Select="FOO", ExclusiveStartKey={"pk": S("a")}))
case("scan.order.select_before_segment", ct(MAIN),
     scan(Select="FOO", Segment=3, TotalSegments=1))
case("scan.order.attributes_select_before_segment", ct(MAIN),
     scan(Select="ALL_ATTRIBUTES", AttributesToGet=["x"], Segment=3,
          TotalSegments=1))
case("scan.order.segment_before_duplicate", ct(MAIN),
     scan(AttributesToGet=["x", "x"], Segment=3, TotalSegments=1))
case("scan.ser.limit_string", ct(MAIN), scan(Limit="x"),
     aws=ser("class java.lang.String can not be converted to an Integer"))

# ------------------------------------------------------------------ BatchGetItem
case("bget.ok.two_tables", ct(MAIN), ct(ONE), put(dict(K("a", "0"), x=N("0"))),
     put(dict(K("a", "1"), x=N("1"))), put({"pk": S("i0"), "y": S("v")}, "one"),
     bget({"tbl": {"Keys": [K("a", "0"), K("a", "1"), K("a", "9")]},
           "one": {"Keys": [{"pk": S("i0")}], "AttributesToGet": ["y"]}},
          ReturnConsumedCapacity="TOTAL"))
case("bget.ok.consistent_indexes", ct(MAIN), put(K("a", "0")),
     bget({"tbl": {"Keys": [K("a", "0"), K("a", "9")],
                   "ConsistentRead": True}},
          ReturnConsumedCapacity="INDEXES"))
case("bget.ok.none_found", ct(MAIN),
     bget({"tbl": {"Keys": [K("a", "9")]}}, ReturnConsumedCapacity="TOTAL"))
case("bget.ok.hundred", ct(MAIN), put(K("a", "0")),
     bget({"tbl": {"Keys": [K("a", str(i)) for i in range(100)]}}))
case("bget.ok.capacity_sizes", ct(MAIN), put(dict(K("a", "0"),
                                                   x=S("x" * 5000))),
     put(K("a", "1")),
     bget({"tbl": {"Keys": [K("a", "0"), K("a", "1")]}},
          ReturnConsumedCapacity="TOTAL"))
case("bget.ok.empty_names", ct(MAIN), put(K()),
     bget({"tbl": {"Keys": [K()], "ExpressionAttributeNames": {}}}))
case("bget.ok.16mb", ct(ONE),
     *[put({"pk": S("k%02d" % i), "x": S("x" * 399990)}, "one")
       for i in range(42)],
     bget({"one": {"Keys": [{"pk": S("k%02d" % i)} for i in range(42)]}},
          ReturnConsumedCapacity="TOTAL"),
     compare="counts")
# The tables are read in a java.util.HashMap's order of their names, not
# the request's (aaa before zzz); once an item does not fit, the keys of
# missing items in the later tables are passed over up to the first that
# exists.
AAA = dict(ONE, TableName="aaa")
ZZZ = dict(ONE, TableName="zzz")


def big(table, i):
    return put({"pk": S("k%02d" % i), "x": S("x" * 399990)}, table)


def bkeys(names):
    return [{"pk": S(k)} for k in names]


KS30 = ["k%02d" % i for i in range(30)]
case("bget.ok.16mb_tables_in_hash_order", ct(AAA), ct(ZZZ),
     *[big(t, i) for t in ("aaa", "zzz") for i in range(30)],
     bget({"zzz": {"Keys": bkeys(KS30)}, "aaa": {"Keys": bkeys(KS30)}},
          ReturnConsumedCapacity="TOTAL"))
case("bget.ok.16mb_missing_after_cut", ct(AAA), ct(ZZZ),
     *[big("aaa", i) for i in range(42)],
     put({"pk": S("e1")}, "zzz"), put({"pk": S("e2")}, "zzz"),
     bget({"zzz": {"Keys": bkeys(["m%d" % i for i in range(1, 9)] +
                                 ["e1", "e2"])},
           "aaa": {"Keys": bkeys(["k%02d" % i for i in range(42)])}},
          ReturnConsumedCapacity="INDEXES"))
case("bget.ok.16mb_cut_in_last_table", ct(AAA), ct(ZZZ),
     *[big("zzz", i) for i in range(42)],
     put({"pk": S("e1")}, "aaa"),
     bget({"zzz": {"Keys": bkeys(["m1"] + ["k%02d" % i for i in range(42)])},
           "aaa": {"Keys": bkeys(["m1", "e1"])}}))
# Table by table, in that order (t01, t00, t04 for these three names):
# it exists, then its keys; so each permutation of the request answers
# t01's fault.
T3 = [("t00", {"pk": N("1")}), ("t01", {"x": S("1")}), ("t04", {"pk": S("a")})]
for n_, perm in enumerate(itertools.permutations(T3)):
    case("bget.err.tables_in_hash_order_%d" % n_,
         ct(dict(ONE, TableName="t00")), ct(dict(ONE, TableName="t01")),
         bget({t: {"Keys": [k]} for t, k in perm}))
    case("bwrite.err.tables_in_hash_order_%d" % n_,
         ct(dict(ONE, TableName="t00")), ct(dict(ONE, TableName="t01")),
         bwrite({t: [PR(k)] for t, k in perm}))
# The checks before the tables are looked up, in two passes over the
# tables in the request's order: the legacy and expression parameters,
# AttributesToGet in one table and ProjectionExpression in another mixed
# too; then table by table its keys (given, none empty, none twice, at
# most 100 in all) and its AttributesToGet; the names come later.
T_2 = [ct(dict(ONE, TableName="t00")), ct(dict(ONE, TableName="t01"))]


def kk(n, first=0):
    return [{"pk": S("k%d" % i)} for i in range(first, first + n)]


EARLY = {
    "name_after_empty": {"ab": {"Keys": kk(1)}, "t00": {"Keys": []}},
    "mixed_across_tables": {"t00": {"Keys": kk(1), "AttributesToGet": ["a"]},
                            "t01": {"Keys": kk(1),
                                    "ProjectionExpression": "a"}},
    "mixed_before_empty": {"t00": {"Keys": []},
                           "t01": {"Keys": kk(1), "AttributesToGet": ["a"],
                                   "ProjectionExpression": "a"}},
    "names_before_empty": {"t00": {"Keys": []},
                           "t01": {"Keys": kk(1),
                                   "ExpressionAttributeNames": {"#a": "a"}}},
    "attributes_before_count": {
        "t00": {"Keys": kk(60), "AttributesToGet": ["a", "a"]},
        "t01": {"Keys": kk(41)}},
    "count_before_duplicate": {"t00": {"Keys": kk(60)},
                               "t01": {"Keys": kk(41) + kk(1)}},
    "duplicate_before_count": {"t00": {"Keys": kk(100) + kk(1)}},
    "empty_key": {"t00": {"Keys": [{}]}, "t01": {"Keys": []}},
    "null_key": {"t00": {"Keys": [None]}},
    "empty_key_second": {"t00": {"Keys": kk(1) + [{}]}},
    "empty_attributes_not_mixed": {
        "t00": {"Keys": kk(1), "AttributesToGet": []},
        "t01": {"Keys": kk(1), "ProjectionExpression": "a"}},
}
for name_, items_ in EARLY.items():
    case("bget.%s.early_%s" % ("ok" if "not_mixed" in name_ else "err", name_),
         *T_2, bget(items_))
E3 = [("t00", {"Keys": []}), ("t01", {"Keys": kk(1) + kk(1)}),
      ("t04", {"Keys": kk(1), "AttributesToGet": ["a", "a"]})]
for n_, perm in enumerate(itertools.permutations(E3)):
    case("bget.err.early_in_request_order_%d" % n_, *T_2, bget(dict(perm)))
# BatchWriteItem's converter: table by table in the request's order, a
# non-empty list, then request by request: not null, one kind, at most
# 25 in all, its values; the names come later.


def pw(i):
    return PR({"pk": S("k%d" % i)})


BOTH_KINDS = {"PutRequest": {"Item": {"pk": S("x")}},
              "DeleteRequest": {"Key": {"pk": S("x")}}}
BAD_N = PR({"pk": N("x1")})
EARLY_W = {
    "name_after_empty": {"ab": [pw(1)], "t00": []},
    "kind_before_empty": {"t00": [BOTH_KINDS], "t01": []},
    "kind_before_count": {"t00": [pw(i) for i in range(20)] + [BOTH_KINDS],
                          "t01": [pw(i) for i in range(10)]},
    "count_before_kind": {"t00": [pw(i) for i in range(20)],
                          "t01": [pw(i) for i in range(10)] + [BOTH_KINDS]},
    "count_before_empty": {"t00": [pw(i) for i in range(26)], "t01": []},
    "null_request": {"t00": [None], "t01": []},
    "value_before_kind": {"t00": [BAD_N], "t01": [BOTH_KINDS]},
    "kind_before_value": {"t01": [BOTH_KINDS], "t00": [BAD_N]},
}
for name_, items_ in EARLY_W.items():
    case("bwrite.err.early_" + name_, *T_2, bwrite(items_))
case("bget.err.no_requests", ct(MAIN), bget({}))
case("bget.err.missing_request_items", ct(MAIN), ("BatchGetItem", {}))
case("bget.err.empty_keys", ct(MAIN), bget({"tbl": {"Keys": []}}))
case("bget.err.no_keys", ct(MAIN), bget({"tbl": {}}))
case("bget.err.too_many", ct(MAIN),
     bget({"tbl": {"Keys": [K("a", str(i)) for i in range(101)]}}))
case("bget.err.too_many_two_tables", ct(MAIN), ct(ONE),
     bget({"tbl": {"Keys": [K("a", str(i)) for i in range(60)]},
           "one": {"Keys": [{"pk": S("k%d" % i)} for i in range(41)]}}))
case("bget.err.duplicates", ct(MAIN), bget({"tbl": {"Keys": [K(), K()]}}))
case("bget.ok.number_forms_not_duplicates", ct(MAIN), put(K("a", "1")),
     bget({"tbl": {"Keys": [K("a", "1"), K("a", "1.0")]}}))
case("bget.err.duplicates_before_no_table", ct(MAIN),
     bget({"tbl": {"Keys": [K(), K()]}, "nope": {"Keys": [K()]}}))
case("bget.err.no_table", ct(MAIN), bget({"nope": {"Keys": [K()]}}))
case("bget.err.bad_table_name", ct(MAIN), bget({"x": {"Keys": [K()]}}))
case("bget.err.no_table_before_key", ct(MAIN),
     bget({"tbl": {"Keys": [{"pk": S("a")}]}, "nope": {"Keys": [K()]}}))
case("bget.err.key_count", ct(MAIN), bget({"tbl": {"Keys": [{"pk": S("a")}]}}))
case("bget.err.key_type", ct(MAIN),
     bget({"tbl": {"Keys": [{"pk": S("a"), "sk": S("1")}]}}))
case("bget.err.key_empty", ct(MAIN), bget({"tbl": {"Keys": [K("")]}}))
case("bget.err.attributes_duplicate", ct(MAIN),
     bget({"tbl": {"Keys": [K()], "AttributesToGet": ["x", "x"]}}))
case("bget.err.mixed", ct(MAIN),
     bget({"tbl": {"Keys": [K()], "AttributesToGet": ["x"],
                   "ProjectionExpression": "x"}}))
case("bget.err.names_without_expression", ct(MAIN),
     bget({"tbl": {"Keys": [K()], "ExpressionAttributeNames": {"#a": "x"}}}))
case("bget.err.rcc_foo", ct(MAIN), bget({"tbl": {"Keys": [K()]}},
                                        ReturnConsumedCapacity="FOO"),
     aws=aws_val(RCC_MSG, ENUM_NOTE))

# ------------------------------------------------------------------ BatchWriteItem
BATCH_DELETE_NOTE = ("DynamoDB Local charges 2 units for deleting a missing "
                     "item in a batch; AWS charges a batch's deletes as "
                     "DeleteItem, 1 unit")
# An item that changes one of an index's key attributes without being in
# the index, before or after: AWS writes nothing to the index.
SPARSE = {"TableName": "sparse", "BillingMode": "PAY_PER_REQUEST",
          "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
          "AttributeDefinitions": [
              {"AttributeName": "pk", "AttributeType": "S"},
              {"AttributeName": "gpk", "AttributeType": "S"},
              {"AttributeName": "gsk", "AttributeType": "N"}],
          "GlobalSecondaryIndexes": [
              {"IndexName": "gi1", "KeySchema": [
                  {"AttributeName": "gpk", "KeyType": "HASH"},
                  {"AttributeName": "gsk", "KeyType": "RANGE"}],
               "Projection": {"ProjectionType": "KEYS_ONLY"}},
              {"IndexName": "gi2", "KeySchema": [
                  {"AttributeName": "gpk", "KeyType": "HASH"}],
               "Projection": {"ProjectionType": "KEYS_ONLY"}}]}
case("put.ok.capacity_partial_index_key", ct(SPARSE),
     put({"pk": S("a"), "gsk": N("1")}, "sparse",
         ReturnConsumedCapacity="INDEXES"),
     put({"pk": S("a"), "gpk": S("x")}, "sparse",
         ReturnConsumedCapacity="INDEXES"),
     aws=aws_ok({"ConsumedCapacity": {
         "TableName": "sparse", "CapacityUnits": 2.0,
         "Table": {"CapacityUnits": 1.0},
         "GlobalSecondaryIndexes": {"gi2": {"CapacityUnits": 1.0}}}},
         "DynamoDB Local charges an index for an item that changes one of "
         "its key attributes without being in it; AWS writes nothing to an "
         "index for an item without its key attributes"))
case("bwrite.ok.put_delete_two_tables", ct(MAIN), ct(ONE), put(K("a", "0")),
     bwrite({"tbl": [PR(dict(K("a", "5"), g=S("G"))), DR(K("a", "0"))],
             "one": [PR({"pk": S("z")})]},
            ReturnConsumedCapacity="INDEXES"),
     scan(), scan("one"))
case("bwrite.ok.replace_and_index", ct(MAIN), put(dict(K("a", "5"),
                                                        g=S("G"))),
     bwrite({"tbl": [PR(K("a", "5"))]}, ReturnConsumedCapacity="INDEXES"),
     scan_all("gkeys"))
case("bwrite.ok.delete_existing_indexed", ct(MAIN),
     put(dict(K("a", "5"), g=S("G"))),
     bwrite({"tbl": [DR(K("a", "5"))]}, ReturnConsumedCapacity="INDEXES"))
case("bwrite.ok.delete_missing", ct(MAIN),
     bwrite({"tbl": [DR(K("a", "0"))]}, ReturnConsumedCapacity="INDEXES"),
     aws=aws_ok({"UnprocessedItems": {}, "ConsumedCapacity": [
         {"TableName": "tbl", "CapacityUnits": 1.0,
          "Table": {"CapacityUnits": 1.0}}]}, BATCH_DELETE_NOTE))
case("bwrite.ok.sizes", ct(MAIN), put(dict(K("a", "6"), x=S("x" * 3000))),
     bwrite({"tbl": [PR(K("a", "6")), PR(K("a", "7"))]},
            ReturnConsumedCapacity="TOTAL"))
case("bwrite.ok.twenty_five", ct(MAIN),
     bwrite({"tbl": [PR(K("a", str(i))) for i in range(25)]}),
     scan(Select="COUNT"))
case("bwrite.ok.ricm_no_lsi", ct(ONE),
     bwrite({"one": [PR({"pk": S("a")})]}, ReturnItemCollectionMetrics="SIZE"))
case("bwrite.ok.ricm_lsi", ct(COLL),
     bwrite({"coll": [PR({"pk": S("a"), "sk": N("1"), "l": S("x")})]},
            ReturnItemCollectionMetrics="SIZE"),
     aws=aws_ok({"UnprocessedItems": {}, "ItemCollectionMetrics": {
         "coll": [{"ItemCollectionKey": {"pk": S("a")},
                   "SizeEstimateRangeGB": [0.0, 1.0]}]}},
         "DynamoDB Local never returns ItemCollectionMetrics; AWS returns "
         "them for tables with local secondary indexes"))
case("bwrite.ok.counts", ct(MAIN),
     bwrite({"tbl": [PR(dict(K("a", str(i)), g=S("G"))) for i in range(3)]}),
     bwrite({"tbl": [DR(K("a", "1"))]}), describe(),
     aws=aws_ok(None, "IndexSizeBytes: the emulator counts projected "
                      "attributes"))
case("bwrite.err.no_requests", ct(MAIN), bwrite({}))
case("bwrite.err.missing_request_items", ct(MAIN), ("BatchWriteItem", {}))
case("bwrite.err.empty_list", ct(MAIN), bwrite({"tbl": []}))
case("bwrite.err.too_many", ct(MAIN),
     bwrite({"tbl": [PR(K("a", str(i))) for i in range(26)]}))
case("bwrite.err.too_many_two_tables", ct(MAIN), ct(ONE),
     bwrite({"tbl": [PR(K("a", str(i))) for i in range(13)],
             "one": [PR({"pk": S("z%d" % i)}) for i in range(13)]}))
case("bwrite.err.empty_request", ct(MAIN), bwrite({"tbl": [{}]}))
case("bwrite.err.both_requests", ct(MAIN),
     bwrite({"tbl": [{"PutRequest": {"Item": K()},
                      "DeleteRequest": {"Key": K()}}]}))
case("bwrite.err.put_no_item", ct(MAIN), bwrite({"tbl": [{"PutRequest": {}}]}))
case("bwrite.err.delete_no_key", ct(MAIN),
     bwrite({"tbl": [{"DeleteRequest": {}}]}))
case("bwrite.err.no_table", ct(MAIN), bwrite({"nope": [PR(K())]}))
case("bwrite.err.bad_table_name", ct(MAIN), bwrite({"x": [PR(K())]}))
case("bwrite.err.put_key_missing", ct(MAIN),
     bwrite({"tbl": [PR({"pk": S("a")})]}))
case("bwrite.err.delete_key_count", ct(MAIN),
     bwrite({"tbl": [DR({"pk": S("a")})]}))
case("bwrite.err.delete_key_extra", ct(MAIN),
     bwrite({"tbl": [DR(dict(K(), x=S("a")))]}))
case("bwrite.err.index_key_type", ct(MAIN),
     bwrite({"tbl": [PR(dict(K(), g=N("1")))]}))
case("bwrite.err.item_too_large", ct(MAIN),
     bwrite({"tbl": [PR(dict(K(), x=S("x" * 410000)))]}))
case("bwrite.err.empty_set", ct(MAIN),
     bwrite({"tbl": [PR(dict(K(), x={"SS": []}))]}))
case("bwrite.err.bad_item_before_duplicate", ct(MAIN),
     bwrite({"tbl": [PR(K()), PR(dict(K(), x={"SS": []}))]}))
case("bwrite.err.duplicate_puts", ct(MAIN), bwrite({"tbl": [PR(K()),
                                                             PR(K())]}))
case("bwrite.err.duplicate_put_delete", ct(MAIN),
     bwrite({"tbl": [PR(K()), DR(K())]}))
case("bwrite.err.duplicate_deletes", ct(MAIN),
     bwrite({"tbl": [DR(K()), DR(K())]}))
case("bwrite.err.duplicate_number_forms", ct(MAIN),
     bwrite({"tbl": [PR(K("a", "1")), PR(K("a", "1.00"))]}))
case("bwrite.err.no_table_before_duplicate", ct(MAIN),
     bwrite({"tbl": [PR(K()), PR(K())], "nope": [PR(K())]}))
case("bwrite.err.rcc_foo", ct(MAIN), bwrite({"tbl": [PR(K())]},
                                            ReturnConsumedCapacity="FOO"),
     aws=aws_val(RCC_MSG, ENUM_NOTE))
case("bwrite.err.nothing_written_on_error", ct(MAIN),
     ("BatchWriteItem", {"RequestItems": {"tbl": [PR(K("a", "1")),
                                                 PR({"pk": S("b")})]}}),
     scan(Select="COUNT"))

# ------------------------------------------------------------------ UpdateTable
ITEMS4 = [put(dict(K("a", str(i)), h=S("H%d" % (i % 2)), n=N(str(i)),
                   **({"g": S("G")} if i % 2 else {})))
          for i in range(3)] + \
    [put(dict(K("a", "3"), h=N("1"), n=N("3"), g=S("G")))]
SMALL = {"TableName": "tbl", "BillingMode": "PAY_PER_REQUEST",
         "KeySchema": [H("pk"), R("sk")],
         "AttributeDefinitions": [A("pk"), A("sk", "N"), A("g")],
         "GlobalSecondaryIndexes": [
             {"IndexName": "gkx", "KeySchema": [H("g")],
              "Projection": {"ProjectionType": "KEYS_ONLY"}}]}
SMALL_LSI = dict(SMALL, AttributeDefinitions=SMALL["AttributeDefinitions"] +
                 [A("l")],
                 LocalSecondaryIndexes=[
                     {"IndexName": "lsx", "KeySchema": [H("pk"), R("l")],
                      "Projection": {"ProjectionType": "ALL"}}])
PROV = {"TableName": "prov", "KeySchema": [H("pk")],
        "AttributeDefinitions": [A("pk")],
        "ProvisionedThroughput": {"ReadCapacityUnits": 5,
                                  "WriteCapacityUnits": 5}}
PROV_GSI = dict(PROV, AttributeDefinitions=[A("pk"), A("g")],
                GlobalSecondaryIndexes=[
                    {"IndexName": "gpx", "KeySchema": [H("g")],
                     "Projection": {"ProjectionType": "ALL"},
                     "ProvisionedThroughput": {"ReadCapacityUnits": 2,
                                               "WriteCapacityUnits": 1}}])
CREATE_GHX = {"Create": {"IndexName": "ghx",
                         "KeySchema": [H("h"), R("n")],
                         "Projection": {"ProjectionType": "INCLUDE",
                                        "NonKeyAttributes": ["g"]}}}
UT_NOTE = ("DynamoDB Local lists AttributeDefinitions in a hash order; "
           "the emulator keeps them in order")
case("ut.ok.create_index_backfill", ct(SMALL), *ITEMS4,
     upd(GlobalSecondaryIndexUpdates=[CREATE_GHX],
         AttributeDefinitions=[A("h"), A("n", "N")]),
     aws=aws_ok(None, UT_NOTE))
case("ut.ok.create_index_scan", ct(SMALL), *ITEMS4,
     upd(GlobalSecondaryIndexUpdates=[CREATE_GHX],
         AttributeDefinitions=[A("h"), A("n", "N")]),
     scan(IndexName="ghx"),
     aws=aws_ok({"Items": [
         {"pk": S("a"), "sk": N("0"), "h": S("H0"), "n": N("0")},
         {"pk": S("a"), "sk": N("2"), "h": S("H0"), "n": N("2")},
         {"pk": S("a"), "sk": N("1"), "h": S("H1"), "n": N("1"),
          "g": S("G")}], "Count": 3, "ScannedCount": 3},
         "DynamoDB Local answers HTTP 500 while the index is CREATING (AWS: "
         "a ValidationException); the emulator's index is ACTIVE at once. "
         "The item whose h is a number is an index key violation: AWS "
         "leaves it out of the index, DynamoDB Local puts it in"))
case("ut.ok.create_index_existing_attr", ct(SMALL), *ITEMS4,
     upd(GlobalSecondaryIndexUpdates=[
         {"Create": {"IndexName": "gall", "KeySchema": [H("g")],
                     "Projection": {"ProjectionType": "ALL"}}}],
         AttributeDefinitions=[A("g")]),
     scan(IndexName="gall"),
     aws=aws_ok(None, UT_NOTE))
case("ut.ok.delete_index", ct(SMALL), *ITEMS4,
     upd(GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "gkx"}}]),
     aws=aws_ok(None, UT_NOTE))
# The deleted index stays in its place among the others, a Java
# HashMap's order of the names (ix2 before ix1 and ix3).
THREE = dict(SMALL, GlobalSecondaryIndexes=[
    {"IndexName": n, "KeySchema": [H("g")],
     "Projection": {"ProjectionType": "KEYS_ONLY"}}
    for n in ("ix1", "ix2", "ix3")])
for gone in ("ix1", "ix2", "ix3"):
    case("ut.ok.delete_index_in_place_" + gone, ct(THREE),
         upd(GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": gone}}]),
         aws=aws_ok(None, UT_NOTE))
case("ut.ok.deletion_protection", ct(SMALL), upd(DeletionProtectionEnabled=True),
     upd(DeletionProtectionEnabled=False))
case("ut.ok.provisioned_throughput", ct(PROV),
     ("UpdateTable", {"TableName": "prov", "ProvisionedThroughput": {
         "ReadCapacityUnits": 6, "WriteCapacityUnits": 4}}),
     aws=aws_ok(None, "AWS records the last increase and decrease times, "
                      "which DynamoDB Local leaves at 0"))
case("ut.ok.to_pay_per_request", ct(PROV),
     ("UpdateTable", {"TableName": "prov", "BillingMode": "PAY_PER_REQUEST"}))
case("ut.ok.to_provisioned", ct(SMALL),
     upd(BillingMode="PROVISIONED",
         ProvisionedThroughput={"ReadCapacityUnits": 3,
                                "WriteCapacityUnits": 4},
         GlobalSecondaryIndexUpdates=[
             {"Update": {"IndexName": "gkx", "ProvisionedThroughput": {
                 "ReadCapacityUnits": 1, "WriteCapacityUnits": 2}}}]))
# The actions in the list's order, as DynamoDB Local checks them: an
# Update's throughput and a Delete's index before the created index's
# definitions, whichever comes first in the list.
PT_W = {"WriteCapacityUnits": 5}
UPD_BAD = {"Update": {"IndexName": "gkx", "ProvisionedThroughput": PT_W}}
CREATE_SK = {"Create": {"IndexName": "ghx", "KeySchema": [H("sk")],
                        "Projection": {"ProjectionType": "ALL"},
                        "ProvisionedThroughput": {"ReadCapacityUnits": 1,
                                                  "WriteCapacityUnits": 1}}}
for n_, acts in enumerate(([UPD_BAD, CREATE_SK], [CREATE_SK, UPD_BAD])):
    case("ut.err.actions_in_order_create_%d" % n_, ct(SMALL),
         upd(BillingMode="PROVISIONED",
             ProvisionedThroughput={"ReadCapacityUnits": 1,
                                    "WriteCapacityUnits": 1},
             GlobalSecondaryIndexUpdates=acts,
             AttributeDefinitions=[A("sk", "S")]))
DEL_NOPE = {"Delete": {"IndexName": "nope"}}
for n_, acts in enumerate(([UPD_BAD, DEL_NOPE], [DEL_NOPE, UPD_BAD])):
    case("ut.err.actions_in_order_delete_%d" % n_, ct(SMALL),
         upd(BillingMode="PROVISIONED",
             ProvisionedThroughput={"ReadCapacityUnits": 1,
                                    "WriteCapacityUnits": 1},
             GlobalSecondaryIndexUpdates=acts))
# A switch to PROVISIONED: the Update actions' throughput comes first;
# then, with any index action, every global index's throughput (the
# message names none) before the table's; without one, the table's
# first (gkx has no throughput of its own).
PT0 = {"ReadCapacityUnits": 0, "WriteCapacityUnits": 4}
PT1 = {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}
case("ut.err.to_provisioned_order", ct(SMALL),
     upd(BillingMode="PROVISIONED", ProvisionedThroughput=PT0),
     upd(BillingMode="PROVISIONED"),
     upd(BillingMode="PROVISIONED", ProvisionedThroughput=PT0,
         GlobalSecondaryIndexUpdates=[
             {"Update": {"IndexName": "gkx",
                         "ProvisionedThroughput": PT0}}]),
     upd(BillingMode="PROVISIONED",
         GlobalSecondaryIndexUpdates=[
             {"Update": {"IndexName": "gkx",
                         "ProvisionedThroughput": PT0}}]),
     upd(BillingMode="PROVISIONED", ProvisionedThroughput=PT0,
         GlobalSecondaryIndexUpdates=[
             {"Update": {"IndexName": "gkx",
                         "ProvisionedThroughput": PT1}}]),
     upd(BillingMode="PROVISIONED",
         GlobalSecondaryIndexUpdates=[
             {"Update": {"IndexName": "gkx",
                         "ProvisionedThroughput": PT1}}]),
     upd(BillingMode="PROVISIONED", ProvisionedThroughput=PT0,
         AttributeDefinitions=[A("q")],
         GlobalSecondaryIndexUpdates=[
             {"Create": {"IndexName": "gq1", "KeySchema": [H("q")],
                         "Projection": {"ProjectionType": "ALL"},
                         "ProvisionedThroughput": PT1}}]),
     upd(BillingMode="PROVISIONED",
         ProvisionedThroughput={"ReadCapacityUnits": 50000,
                                "WriteCapacityUnits": 4},
         AttributeDefinitions=[A("q")],
         GlobalSecondaryIndexUpdates=[
             {"Create": {"IndexName": "gq1", "KeySchema": [H("q")],
                         "Projection": {"ProjectionType": "ALL"},
                         "ProvisionedThroughput": PT1}}]))
case("ut.err.no_table", ("UpdateTable", {"TableName": "nope",
                                         "DeletionProtectionEnabled": True}))
case("ut.err.nothing", ct(SMALL), upd())
case("ut.err.nothing_empty_list", ct(SMALL), upd(GlobalSecondaryIndexUpdates=[]))
case("ut.err.nothing_attribute_definitions", ct(SMALL),
     upd(AttributeDefinitions=[A("pk")]))
case("ut.err.nothing_table_class", ct(SMALL), upd(TableClass="STANDARD"))
case("ut.err.no_stream", ct(SMALL),
     upd(StreamSpecification={"StreamEnabled": False}))
case("ut.err.action_null", ct(SMALL), upd(GlobalSecondaryIndexUpdates=[{}]))
case("ut.err.two_creates", ct(SMALL), upd(
    GlobalSecondaryIndexUpdates=[
        {"Create": {"IndexName": "gq1", "KeySchema": [H("q")],
                    "Projection": {"ProjectionType": "ALL"}}},
        {"Create": {"IndexName": "gq2", "KeySchema": [H("q")],
                    "Projection": {"ProjectionType": "ALL"}}}],
    AttributeDefinitions=[A("q", "N")]))
case("ut.err.create_and_delete", ct(SMALL), upd(
    GlobalSecondaryIndexUpdates=[
        {"Create": {"IndexName": "gq1", "KeySchema": [H("q")],
                    "Projection": {"ProjectionType": "ALL"}},
         "Delete": {"IndexName": "gkx"}}],
    AttributeDefinitions=[A("q", "N")]))
case("ut.err.create_no_definitions", ct(SMALL), upd(
    GlobalSecondaryIndexUpdates=[
        {"Create": {"IndexName": "gq1", "KeySchema": [H("g")],
                    "Projection": {"ProjectionType": "ALL"}}}]))
case("ut.err.create_exists", ct(SMALL), upd(
    GlobalSecondaryIndexUpdates=[
        {"Create": {"IndexName": "gkx", "KeySchema": [H("g")],
                    "Projection": {"ProjectionType": "ALL"}}}],
    AttributeDefinitions=[A("g")]))
case("ut.err.create_undefined", ct(SMALL), upd(
    GlobalSecondaryIndexUpdates=[
        {"Create": {"IndexName": "gq1", "KeySchema": [H("q")],
                    "Projection": {"ProjectionType": "ALL"}}}],
    AttributeDefinitions=[A("h")]))
case("ut.err.create_redefined", ct(SMALL), upd(
    GlobalSecondaryIndexUpdates=[
        {"Create": {"IndexName": "gq1", "KeySchema": [H("g")],
                    "Projection": {"ProjectionType": "ALL"}}}],
    AttributeDefinitions=[A("g", "N")]))
case("ut.err.create_no_projection", ct(SMALL), upd(
    GlobalSecondaryIndexUpdates=[
        {"Create": {"IndexName": "gq1", "KeySchema": [H("q")]}}],
    AttributeDefinitions=[A("q", "N")]))
case("ut.err.create_bad_projection", ct(SMALL), upd(
    GlobalSecondaryIndexUpdates=[
        {"Create": {"IndexName": "gq1", "KeySchema": [H("q")],
                    "Projection": {"ProjectionType": "FOO"}}}],
    AttributeDefinitions=[A("q", "N")]))
case("ut.err.create_no_key_schema", ct(SMALL), upd(
    GlobalSecondaryIndexUpdates=[
        {"Create": {"IndexName": "gq1",
                    "Projection": {"ProjectionType": "ALL"}}}],
    AttributeDefinitions=[A("q", "N")]))
case("ut.err.create_no_name", ct(SMALL), upd(
    GlobalSecondaryIndexUpdates=[
        {"Create": {"KeySchema": [H("q")],
                    "Projection": {"ProjectionType": "ALL"}}}],
    AttributeDefinitions=[A("q", "N")]))
case("ut.err.create_short_name", ct(SMALL), upd(
    GlobalSecondaryIndexUpdates=[
        {"Create": {"IndexName": "gq", "KeySchema": [H("q")],
                    "Projection": {"ProjectionType": "ALL"}}}],
    AttributeDefinitions=[A("q", "N")]))
case("ut.err.delete_missing", ct(SMALL),
     upd(GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "nope"}}]))
case("ut.err.delete_local", ct(SMALL_LSI),
     upd(GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "lsx"}}]))
case("ut.err.update_missing", ct(PROV),
     ("UpdateTable", {"TableName": "prov", "GlobalSecondaryIndexUpdates": [
         {"Update": {"IndexName": "nope", "ProvisionedThroughput": {
             "ReadCapacityUnits": 2, "WriteCapacityUnits": 1}}}]}))
case("ut.err.create_empty_definitions", ct(SMALL), upd(
    GlobalSecondaryIndexUpdates=[
        {"Create": {"IndexName": "gq1", "KeySchema": [H("q")],
                    "Projection": {"ProjectionType": "ALL"}}}],
    AttributeDefinitions=[]))
# the order of a Create's checks, and definitions given twice (found by
# random_ctl.py)
case("ut.err.create_exists_before_definitions", ct(SMALL), upd(
    GlobalSecondaryIndexUpdates=[
        {"Create": {"IndexName": "gkx", "KeySchema": [H("q")],
                    "Projection": {"ProjectionType": "ALL"}}}],
    AttributeDefinitions=[A("q"), A("n" * 256)]))
case("ut.err.create_definition_before_index_name", ct(SMALL), upd(
    GlobalSecondaryIndexUpdates=[
        {"Create": {"IndexName": "gq", "KeySchema": [H("q")],
                    "Projection": {"ProjectionType": "ALL"}}}],
    AttributeDefinitions=[A("q"), A("n" * 256)]))
case("ut.err.create_redefined_before_projection", ct(SMALL), upd(
    GlobalSecondaryIndexUpdates=[
        {"Create": {"IndexName": "gq1", "KeySchema": [H("q")],
                    "Projection": {"ProjectionType": "INCLUDE"}}}],
    AttributeDefinitions=[A("q"), A("g", "N")]))
case("ut.err.create_definition_no_type", ct(SMALL), upd(
    GlobalSecondaryIndexUpdates=[
        {"Create": {"IndexName": "gq1", "KeySchema": [H("q")],
                    "Projection": {"ProjectionType": "INCLUDE"}}}],
    AttributeDefinitions=[A("q"), {"AttributeName": "z"}]))
# DynamoDB Local checks a Create's definitions in two passes: a table
# attribute given another type first, in the list's order; then every
# name, the table's and the request's, put into a Java HashMap (the last
# definition of a name counts) and taken in its iteration order, name
# before type ("b" comes before "c", "Q" before "b" in 16 buckets but
# after it in 32, "n" * 255 + "p" in bucket 0)
GQ1 = {"IndexName": "gq1", "KeySchema": [H("q")],
       "Projection": {"ProjectionType": "ALL"}}
for name, defs in (
        ("redefined_before_empty_name", [A(""), A("g", "N"), A("q")]),
        ("redefined_before_no_name",
         [{"AttributeType": "S"}, A("g", "N"), A("q")]),
        ("redefined_bad_type", [A("q"), A("g", "X")]),
        ("definitions_in_hash_order",
         [A("c", "X"), {"AttributeName": "b"}, A("q")]),
        ("definitions_same_bucket",
         [A("Q", "X"), {"AttributeName": "a"}, A("q")]),
        ("definitions_small_map",
         [A("Q", "X"), {"AttributeName": "b"}, A("q")]),
        ("definitions_grown_map",
         [A("Q", "X"), {"AttributeName": "b"}, A("q")] +
         [A("f%02d" % i) for i in range(8)]),
        ("long_name_in_hash_order", [A("c", "X"), A("n" * 255 + "p"), A("q")]),
        ("empty_name_before_type", [A("c", "X"), A(""), A("q")]),
        ("no_name_before_type", [A("c", "X"), {"AttributeType": "S"},
                                 A("q")])):
    case("ut.err.create_" + name, ct(SMALL),
         upd(GlobalSecondaryIndexUpdates=[{"Create": GQ1}],
             AttributeDefinitions=defs))
case("ut.ok.create_definition_twice", ct(SMALL),
     upd(GlobalSecondaryIndexUpdates=[
         {"Create": {"IndexName": "gq1", "KeySchema": [H("q"), R("r")],
                     "Projection": {"ProjectionType": "ALL"}}}],
         AttributeDefinitions=[A("q"), A("r", "B"), A("q", "N")]),
     aws=aws_ok(None, UT_NOTE))
case("ut.err.create_no_name_before_definitions", ct(SMALL), upd(
    GlobalSecondaryIndexUpdates=[
        {"Create": {"KeySchema": [H("q")],
                    "Projection": {"ProjectionType": "ALL"}}}],
    AttributeDefinitions=[]))
case("ut.err.create_empty_name_before_definitions", ct(SMALL), upd(
    GlobalSecondaryIndexUpdates=[
        {"Create": {"IndexName": "", "KeySchema": [H("q")],
                    "Projection": {"ProjectionType": "ALL"}}}],
    AttributeDefinitions=[]))
case("ut.err.create_exists_before_no_definitions", ct(SMALL), upd(
    GlobalSecondaryIndexUpdates=[
        {"Create": {"IndexName": "gkx", "KeySchema": [H("q")],
                    "Projection": {"ProjectionType": "ALL"}}}],
    AttributeDefinitions=[]))
PT0 = {"ReadCapacityUnits": 0, "WriteCapacityUnits": 1}
case("ut.err.create_throughput_before_index_name", ct(PROV), (
    "UpdateTable", {"TableName": "prov", "GlobalSecondaryIndexUpdates": [
        {"Create": {"IndexName": "gq", "KeySchema": [H("q")],
                    "Projection": {"ProjectionType": "ALL"},
                    "ProvisionedThroughput": PT0}}],
        "AttributeDefinitions": [A("q")]}))
case("ut.err.create_throughput_before_key_schema", ct(PROV), (
    "UpdateTable", {"TableName": "prov", "GlobalSecondaryIndexUpdates": [
        {"Create": {"IndexName": "gq1", "KeySchema": [H("q"), R("q")],
                    "Projection": {"ProjectionType": "INCLUDE"},
                    "ProvisionedThroughput": PT0}}],
        "AttributeDefinitions": [A("q")]}))
case("ut.ok.create_key_defined_by_table", ct(SMALL),
     upd(GlobalSecondaryIndexUpdates=[
         {"Create": {"IndexName": "gq1", "KeySchema": [H("q"), R("pk")],
                     "Projection": {"ProjectionType": "ALL"}}}],
         AttributeDefinitions=[A("q", "N")]),
     aws=aws_ok(None, UT_NOTE))
BIG = [ct(dict(PROV, TableName="big%d" % i, ProvisionedThroughput={
    "ReadCapacityUnits": 1, "WriteCapacityUnits": w}))
    for i, w in ((1, 40000), (2, 39990))]
case("ut.ok.account_write_units_full", ct(PROV), *BIG,
     ("UpdateTable", {"TableName": "prov", "ProvisionedThroughput": {
         "ReadCapacityUnits": 5, "WriteCapacityUnits": 10}}),
     aws=aws_ok(None, "AWS records the last increase and decrease times, "
                      "which DynamoDB Local leaves at 0"))
case("ut.err.account_write_units", ct(PROV), *BIG,
     ("UpdateTable", {"TableName": "prov", "ProvisionedThroughput": {
         "ReadCapacityUnits": 5, "WriteCapacityUnits": 11}}))
case("ut.ok.create_empty_non_key", ct(SMALL),
     upd(GlobalSecondaryIndexUpdates=[
         {"Create": {"IndexName": "gq1", "KeySchema": [H("q")],
                     "Projection": {"ProjectionType": "KEYS_ONLY",
                                    "NonKeyAttributes": []}}}],
         AttributeDefinitions=[A("q")]),
     aws=aws_ok(None, UT_NOTE))
# several changes at once (random_ctl.py seeds 61 to 71): the index
# created or deleted before the table's throughput; a throughput change
# with a StreamSpecification, checked after both, before the
# specification itself; a BillingMode alone may come with one
case("ut.err.delete_missing_before_throughput", ct(PROV),
     ("UpdateTable", {"TableName": "prov", "ProvisionedThroughput": {
         "ReadCapacityUnits": -1, "WriteCapacityUnits": 5},
         "GlobalSecondaryIndexUpdates": [{"Delete": {"IndexName": "nope"}}]}))
case("ut.err.create_before_same_throughput", ct(PROV),
     ("UpdateTable", {"TableName": "prov", "ProvisionedThroughput": {
         "ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
         "GlobalSecondaryIndexUpdates": [
             {"Create": {"IndexName": "gq1", "KeySchema": [H("q")],
                         "Projection": {"ProjectionType": "ALL"},
                         "ProvisionedThroughput": {
                             "ReadCapacityUnits": 1,
                             "WriteCapacityUnits": 1}}}],
         "AttributeDefinitions": [A("pk", "N"), A("q")]}))
case("ut.err.create_exists_before_update_missing", ct(PROV_GSI),
     ("UpdateTable", {"TableName": "prov", "GlobalSecondaryIndexUpdates": [
         {"Create": {"IndexName": "gpx", "KeySchema": [H("g")],
                     "Projection": {"ProjectionType": "ALL"},
                     "ProvisionedThroughput": {"ReadCapacityUnits": 5}}},
         {"Update": {"IndexName": "nope", "ProvisionedThroughput": {
             "ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}}],
         "AttributeDefinitions": [A("g")]}))
case("ut.err.update_missing_before_create", ct(PROV_GSI),
     ("UpdateTable", {"TableName": "prov", "GlobalSecondaryIndexUpdates": [
         {"Create": {"IndexName": "gq1", "KeySchema": [H("g")],
                     "Projection": {"ProjectionType": "ALL"},
                     "ProvisionedThroughput": {"ReadCapacityUnits": 5}}},
         {"Update": {"IndexName": "nope", "ProvisionedThroughput": {
             "ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}}],
         "AttributeDefinitions": [A("g")]}))
case("ut.err.stream_with_throughput", ct(PROV),
     ("UpdateTable", {"TableName": "prov", "ProvisionedThroughput": {
         "ReadCapacityUnits": 6, "WriteCapacityUnits": 5},
         "StreamSpecification": {"StreamEnabled": True}}))
case("ut.err.same_throughput_before_stream", ct(PROV),
     ("UpdateTable", {"TableName": "prov", "ProvisionedThroughput": {
         "ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
         "StreamSpecification": {"StreamEnabled": True,
                                 "StreamViewType": "KEYS_ONLY"}}))
case("ut.err.delete_no_name", ct(SMALL),
     upd(GlobalSecondaryIndexUpdates=[{"Delete": {}}]))
case("ut.err.two_deletes", ct(SMALL), upd(
    GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "gkx"}},
                                 {"Delete": {"IndexName": "gkx"}}]))
case("ut.err.provisioned_no_throughput", ct(SMALL),
     upd(BillingMode="PROVISIONED"))
case("ut.err.same_throughput", ct(PROV),
     ("UpdateTable", {"TableName": "prov", "ProvisionedThroughput": {
         "ReadCapacityUnits": 5, "WriteCapacityUnits": 5}}))
case("ut.err.index_same_throughput", ct(PROV_GSI),
     ("UpdateTable", {"TableName": "prov", "GlobalSecondaryIndexUpdates": [
         {"Update": {"IndexName": "gpx", "ProvisionedThroughput": {
             "ReadCapacityUnits": 2, "WriteCapacityUnits": 1}}}]}))
case("ut.err.index_same_throughput_table_changed", ct(PROV_GSI),
     ("UpdateTable", {"TableName": "prov", "ProvisionedThroughput": {
         "ReadCapacityUnits": 6, "WriteCapacityUnits": 5},
         "GlobalSecondaryIndexUpdates": [
         {"Update": {"IndexName": "gpx", "ProvisionedThroughput": {
             "ReadCapacityUnits": 2, "WriteCapacityUnits": 1}}}]}))
TO_PPR = ("UpdateTable", {"TableName": "prov",
                          "BillingMode": "PAY_PER_REQUEST"})
case("ut.ok.pay_per_request_keeps_index_throughput", ct(PROV_GSI), TO_PPR,
     ("DescribeTable", {"TableName": "prov"}),
     ("UpdateTable", {"TableName": "prov", "BillingMode": "PROVISIONED",
                      "ProvisionedThroughput": {"ReadCapacityUnits": 2,
                                                "WriteCapacityUnits": 1}}))
case("ut.err.back_to_provisioned_same_index_throughput", ct(PROV_GSI), TO_PPR,
     ("UpdateTable", {"TableName": "prov", "BillingMode": "PROVISIONED",
                      "ProvisionedThroughput": {"ReadCapacityUnits": 2,
                                                "WriteCapacityUnits": 1},
                      "GlobalSecondaryIndexUpdates": [
                          {"Update": {"IndexName": "gpx",
                                      "ProvisionedThroughput": {
                                          "ReadCapacityUnits": 2,
                                          "WriteCapacityUnits": 1}}}]}))
case("ut.err.throughput_zero", ct(PROV),
     ("UpdateTable", {"TableName": "prov", "ProvisionedThroughput": {
         "ReadCapacityUnits": 0, "WriteCapacityUnits": 4}}))
case("ut.err.throughput_too_big", ct(PROV),
     ("UpdateTable", {"TableName": "prov", "ProvisionedThroughput": {
         "ReadCapacityUnits": 40001, "WriteCapacityUnits": 4}}))
case("ut.err.billing_foo", ct(PROV),
     ("UpdateTable", {"TableName": "prov", "BillingMode": "FOO"}),
     aws=aws_val("1 validation error detected: Value 'FOO' at 'billingMode' "
                 "failed to satisfy constraint: Member must satisfy enum "
                 "value set: [PROVISIONED, PAY_PER_REQUEST]",
                 "DynamoDB Local answers HTTP 500"))
case("ut.err.throughput_on_pay_per_request", ct(SMALL),
     upd(ProvisionedThroughput={"ReadCapacityUnits": 3,
                                "WriteCapacityUnits": 4}),
     aws=aws_val("One or more parameter values were invalid: Neither "
                 "ReadCapacityUnits nor WriteCapacityUnits can be specified "
                 "when BillingMode is PAY_PER_REQUEST",
                 "DynamoDB Local ignores the throughput; AWS refuses it"))


# ------------------------------------------------------------------ OnDemandThroughput
# UpdateTable's side (CreateTable's is in record.py, "ct.od."; the rules
# in emu/ops/on_demand.c). DynamoDB Local does not check UpdateTable's
# values, and it drops a table's maximums on an UpdateTable without them
# and an index's on an Update action: those cases, where the emulator
# follows AWS's documentation, are in tests/unit/test_emu_on_demand.c.
ODT = dict(SMALL, OnDemandThroughput=OD(5, 6), GlobalSecondaryIndexes=[
    dict(SMALL["GlobalSecondaryIndexes"][0], OnDemandThroughput=OD(3, 4))])
OD_NOTE = ("DynamoDB Local does not check UpdateTable's OnDemandThroughput "
           "and describes what it was given; the emulator checks it as "
           "CreateTable does")


def create_h(**kw):
    return upd(GlobalSecondaryIndexUpdates=[
        {"Create": dict({"IndexName": "ghx", "KeySchema": [H("h")],
                         "Projection": {"ProjectionType": "ALL"}}, **kw)}],
        AttributeDefinitions=[A("h")])


case("ut.od.set", ct(ODT), upd(OnDemandThroughput=OD(7, 8)), describe())
case("ut.od.set_on_table_without", ct(SMALL),
     upd(OnDemandThroughput=OD(7, 8)), describe())
case("ut.od.same_values", ct(ODT), upd(OnDemandThroughput=OD(5, 6)),
     describe())
case("ut.od.remove", ct(ODT), upd(OnDemandThroughput=OD(-1, -1)),
     describe())
case("ut.od.remove_read", ct(ODT), upd(OnDemandThroughput=OD(-1, 6)),
     describe(), upd(OnDemandThroughput=OD(9, 6)), describe())
case("ut.od.create_index_default", ct(SMALL), create_h(),
     aws=aws_ok(None, UT_NOTE))
case("ut.od.create_index_given", ct(SMALL),
     create_h(OnDemandThroughput=OD(2, 3)), aws=aws_ok(None, UT_NOTE))
case("ut.od.create_index_read_only", ct(SMALL),
     create_h(OnDemandThroughput=OD(2)), aws=aws_ok(None, UT_NOTE))
case("ut.od.create_index_empty", ct(SMALL),
     create_h(OnDemandThroughput=OD()), aws=aws_ok(None, UT_NOTE))
case("ut.od.create_index_write_zero", ct(SMALL),
     create_h(OnDemandThroughput=OD(2, 0)))
case("ut.od.create_index_read_40001", ct(SMALL),
     create_h(OnDemandThroughput=OD(40001, 1)))
case("ut.od.create_index_provisioned", ct(PROV),
     ("UpdateTable", {"TableName": "prov",
                      "AttributeDefinitions": [A("h")],
                      "GlobalSecondaryIndexUpdates": [{"Create": {
                          "IndexName": "ghx", "KeySchema": [H("h")],
                          "Projection": {"ProjectionType": "ALL"},
                          "ProvisionedThroughput": {"ReadCapacityUnits": 1,
                                                    "WriteCapacityUnits": 1},
                          "OnDemandThroughput": OD(2, 3)}}]}),
     aws=aws_ok(None, UT_NOTE))
case("ut.od.err.read_zero", ct(ODT), upd(OnDemandThroughput=OD(0, 8)),
     aws=aws_val("One or more parameter values were invalid: Requested "
                 "MaxReadRequestUnits for OnDemandThroughput for table is "
                 "outside of valid range", OD_NOTE))
case("ut.od.err.write_40001", ct(ODT), upd(OnDemandThroughput=OD(8, 40001)),
     aws=aws_val("Cannot increase provisioned throughput to more than "
                 "40,000 units per table", OD_NOTE))
case("ut.od.err.empty", ct(ODT), upd(OnDemandThroughput=OD()),
     aws=aws_val("Table read and write throughput must be at least 1, and "
                 "cannot be null",
                 "DynamoDB Local answers HTTP 500; AWS documents that one "
                 "member or both must be given"))
case("ut.od.err.index_zero", ct(ODT),
     upd(GlobalSecondaryIndexUpdates=[
         {"Update": {"IndexName": "gkx", "OnDemandThroughput": OD(0, 12)}}]),
     aws=aws_val("One or more parameter values were invalid: Requested "
                 "MaxReadRequestUnits for OnDemandThroughput for index : gkx "
                 "is outside of valid range", OD_NOTE))

# ------------------------------------------------------------------ expressions
# The expression engine wired into the operations (docs/emulator.md,
# "Expression seams").
def EV(**kv):
    return {"ExpressionAttributeValues": {":" + k: v for k, v in kv.items()}}


def query(kc, table="tbl", **kw):
    return ("Query", dict({"TableName": table,
                           "KeyConditionExpression": kc}, **kw))


def update(key, table="tbl", **kw):
    return ("UpdateItem", dict({"TableName": table, "Key": key}, **kw))


def QI(sk, pk="a"):
    it = dict(K(pk, str(sk)), v=N(str(sk * 10)))
    if pk == "a" and sk in (2, 4):
        it.update(g=S("G"), gs=N(str(sk)))
    return put(it)


QROWS = [QI(1), QI(2), QI(3), QI(4), QI(5), QI(1, "b")]
ONE = N("1")

case("put.cond.ok_not_exists", ct(MAIN),
     put(K(), ConditionExpression="attribute_not_exists(pk)"))
case("put.cond.fails", ct(MAIN), put(dict(K(), v=N("1"))),
     put(K(), ConditionExpression="attribute_not_exists(pk)"))
case("put.cond.fails_all_old", ct(MAIN), put(dict(K(), v=N("1"))),
     put(K(), ConditionExpression="attribute_not_exists(pk)",
         ReturnValuesOnConditionCheckFailure="ALL_OLD"))
case("put.cond.holds", ct(MAIN), put(dict(K(), v=N("1"))),
     put(dict(K(), w=N("2")), ConditionExpression="v = :one",
         ReturnValues="ALL_OLD", **EV(one=ONE)), get(K()))
case("put.cond.nested_key", ct(MAIN),
     put(K(), ConditionExpression="attribute_exists(pk.x)"))
case("del.cond.nested_index_key", ct(MAIN),
     delete(K(), ConditionExpression="attribute_exists(g[1])"))
case("del.cond.partial_key_first", ct(MAIN),
     delete({"pk": S("a")}, ConditionExpression="v = :v"))
case("del.cond.undefined_value", ct(MAIN),
     delete(K(), ConditionExpression="v = :v"))
case("del.cond.missing_item_all_old", ct(MAIN),
     delete(K(), ConditionExpression="attribute_exists(pk)",
            ReturnValuesOnConditionCheckFailure="ALL_OLD"))
case("del.cond.holds", ct(MAIN), put(dict(K(), v=N("1"))),
     delete(K(), ConditionExpression="v = :one", ReturnValues="ALL_OLD",
            **EV(one=N("1.0"))))
case("get.proj.paths", ct(MAIN),
     put(dict(K(), m={"M": {"x": N("1"), "y": S("s")}},
              li={"L": [S("a"), S("b"), S("c")]})),
     get(K(), ProjectionExpression="m.x, li[2], nope"))
case("get.proj.nothing", ct(MAIN), put(K()),
     get(K(), ProjectionExpression="#n",
         ExpressionAttributeNames={"#n": "nope"}))
case("get.proj.no_item", ct(MAIN), get(K(), ProjectionExpression="pk"))
case("get.proj.nested_key", ct(MAIN),
     get(K(), ProjectionExpression="sk.x"))
case("bget.proj", ct(MAIN), *QROWS,
     bget({"tbl": {"Keys": [K("a", "2")], "ProjectionExpression": "sk, #v",
                   "ExpressionAttributeNames": {"#v": "v"}}}))
case("scan.filter.proj", ct(MAIN), *QROWS,
     scan(FilterExpression="v > :n", ProjectionExpression="pk, v",
          **EV(n=N("45"))), compare="counts")
case("scan.filter.count", ct(MAIN), *QROWS,
     scan(Select="COUNT", FilterExpression="attribute_exists(g)"))
case("scan.filter.limit", ct(MAIN), *QROWS,
     scan(Limit=2, FilterExpression="v = :n", **EV(n=N("1000"))),
     compare="counts")
case("scan.proj.gsi_not_projected", ct(MAIN), *QROWS,
     scan(IndexName="gkeys", ProjectionExpression="v, pk"))
case("query.ok.partition", ct(MAIN), *QROWS,
     query("pk = :p", **EV(p=S("a"))))
case("query.ok.between_backward", ct(MAIN), *QROWS,
     query("pk = :p AND sk BETWEEN :a AND :b", ScanIndexForward=False,
           ProjectionExpression="sk", **EV(p=S("a"), a=N("2"), b=N("4"))))
case("query.ok.limit_open", ct(MAIN), *QROWS,
     query("pk = :p", Limit=2, **EV(p=S("a"))))
case("query.ok.limit_all_open", ct(MAIN), *QROWS,
     query("pk = :p", Limit=5, **EV(p=S("a"))))
case("query.ok.start_key", ct(MAIN), *QROWS,
     query("pk = :p", Limit=3, ExclusiveStartKey=K("a", "2"),
           **EV(p=S("a"))))
case("query.ok.start_key_backward", ct(MAIN), *QROWS,
     query("pk = :p", ScanIndexForward=False, ExclusiveStartKey=K("a", "3"),
           **EV(p=S("a"))))
case("query.ok.limit_closed_forward", ct(MAIN), *QROWS,
     query("pk = :p AND sk <= :s", Limit=2, **EV(p=S("a"), s=N("2"))))
case("query.ok.limit_closed_backward", ct(MAIN), *QROWS,
     query("pk = :p AND sk >= :s", Limit=2, ScanIndexForward=False,
           **EV(p=S("a"), s=N("4"))))
case("query.ok.limit_more_backward", ct(MAIN), *QROWS,
     query("pk = :p AND sk > :s", Limit=1, ScanIndexForward=False,
           **EV(p=S("a"), s=N("3"))))
case("query.ok.begins_with", ct(MAIN),
     put(K("a", "1")), put(dict(K("a", "2"), gs=N("1"), g=S("ab"))),
     put(dict(K("a", "3"), gs=N("1"), g=S("ac"))),
     query("gs = :n AND begins_with(g, :b)", IndexName="gall",
           **EV(n=N("1"), b=S("ab"))))
case("query.ok.filter_count", ct(MAIN), *QROWS,
     query("pk = :p", Select="COUNT", FilterExpression="v > :n",
           **EV(p=S("a"), n=N("25"))))
case("query.ok.gsi", ct(MAIN), *QROWS,
     query("g = :g", IndexName="gall", **EV(g=S("G"))))
case("query.ok.gsi_limit", ct(MAIN), *QROWS,
     query("g = :g", IndexName="gall", Limit=1, **EV(g=S("G"))))
case("query.ok.gsi_start_key", ct(MAIN), *QROWS,
     query("g = :g", IndexName="gall", **EV(g=S("G")),
           ExclusiveStartKey=dict(K("a", "2"), g=S("G"), gs=N("2"))))
case("query.err.gsi_consistent", ct(MAIN),
     query("g = :g", IndexName="gall", ConsistentRead=True, **EV(g=S("G"))))
case("query.err.no_key_condition", ct(MAIN), ("Query", {"TableName": "tbl"}))
case("query.err.missed_key", ct(MAIN), query("sk = :p", **EV(p=N("1"))))
case("query.err.filter_key", ct(MAIN),
     query("pk = :p", FilterExpression="sk > :n", **EV(p=S("a"), n=ONE)))
case("query.err.start_key_other_partition", ct(MAIN), *QROWS,
     query("pk = :p", ExclusiveStartKey=K("b", "2"), **EV(p=S("a"))))
# The starting key's sort key must satisfy the sort-key condition too.
BETWEEN_2_4 = dict(p=S("a"), a=N("2"), b=N("4"))
case("query.err.start_key_above_between", ct(MAIN), *QROWS,
     query("pk = :p AND sk BETWEEN :a AND :b", ExclusiveStartKey=K("a", "5"),
           **EV(**BETWEEN_2_4)))
case("query.err.start_key_below_between", ct(MAIN), *QROWS,
     query("pk = :p AND sk BETWEEN :a AND :b", ExclusiveStartKey=K("a", "1"),
           **EV(**BETWEEN_2_4)))
case("query.ok.start_key_inside_between", ct(MAIN), *QROWS,
     query("pk = :p AND sk BETWEEN :a AND :b", ExclusiveStartKey=K("a", "2"),
           **EV(**BETWEEN_2_4)))
case("query.ok.start_key_at_upper_bound", ct(MAIN), *QROWS,
     query("pk = :p AND sk BETWEEN :a AND :b", ExclusiveStartKey=K("a", "4"),
           **EV(**BETWEEN_2_4)))
case("query.err.start_key_not_greater", ct(MAIN), *QROWS,
     query("pk = :p AND sk > :a", ExclusiveStartKey=K("a", "2"),
           **EV(p=S("a"), a=N("2"))))
case("query.err.start_key_not_greater_backward", ct(MAIN), *QROWS,
     query("pk = :p AND sk > :a", ExclusiveStartKey=K("a", "1"),
           ScanIndexForward=False, **EV(p=S("a"), a=N("2"))))
case("query.ok.start_key_greater_backward", ct(MAIN), *QROWS,
     query("pk = :p AND sk > :a", ExclusiveStartKey=K("a", "4"),
           ScanIndexForward=False, **EV(p=S("a"), a=N("2"))))
case("query.err.start_key_not_equal", ct(MAIN), *QROWS,
     query("pk = :p AND sk = :a", ExclusiveStartKey=K("a", "3"),
           **EV(p=S("a"), a=N("2"))))
case("query.ok.start_key_equal", ct(MAIN), *QROWS,
     query("pk = :p AND sk = :a", ExclusiveStartKey=K("a", "2"),
           **EV(p=S("a"), a=N("2"))))
case("query.err.start_key_lt", ct(MAIN), *QROWS,
     query("pk = :p AND sk <= :a", ExclusiveStartKey=K("a", "5"),
           **EV(p=S("a"), a=N("3"))))
case("query.err.start_key_ge_backward", ct(MAIN), *QROWS,
     query("pk = :p AND sk >= :a", ExclusiveStartKey=K("a", "2"),
           ScanIndexForward=False, **EV(p=S("a"), a=N("2"))))
case("query.ok.start_key_ge_forward", ct(MAIN), *QROWS,
     query("pk = :p AND sk >= :a", ExclusiveStartKey=K("a", "2"),
           **EV(p=S("a"), a=N("2"))))
case("query.ok.start_key_le_backward", ct(MAIN), *QROWS,
     query("pk = :p AND sk <= :a", ExclusiveStartKey=K("a", "3"),
           ScanIndexForward=False, **EV(p=S("a"), a=N("3"))))
case("query.err.gsi_start_key_range", ct(MAIN), *QROWS,
     query("g = :g AND gs < :n", IndexName="gall", **EV(g=S("G"), n=N("3")),
           ExclusiveStartKey=dict(K("a", "4"), g=S("G"), gs=N("4"))))
case("query.ok.gsi_start_key_range", ct(MAIN), *QROWS,
     query("g = :g AND gs > :n", IndexName="gall", **EV(g=S("G"), n=N("1")),
           ExclusiveStartKey=dict(K("a", "2"), g=S("G"), gs=N("2"))))
case("update.ok.number_canonical_nested", ct(MAIN),
     put(dict(K(), lst={"L": [N("1")]}, mp={"M": {}})),
     update(K(), UpdateExpression="SET lst[1] = :v, mp.w = :v",
            ReturnValues="UPDATED_NEW", **EV(v=N("3.00"))),
     aws=aws_ok({"Attributes": {"lst": {"L": [N("1"), N("3")]},
                                "mp": {"M": {"w": N("3")}}}},
                NESTED_NUMBER_NOTE))
case("update.ok.new_item", ct(MAIN),
     update(K(), UpdateExpression="SET v = :one ADD c :one",
            ReturnValues="ALL_NEW", **EV(one=ONE)))
case("update.ok.updated_old", ct(MAIN), put(dict(K(), v=ONE, w=ONE)),
     update(K(), UpdateExpression="SET v = v + :one",
            ReturnValues="UPDATED_OLD", **EV(one=ONE)))
case("update.ok.updated_new", ct(MAIN), put(dict(K(), v=ONE, c=ONE)),
     update(K(), UpdateExpression="REMOVE c SET w = :one",
            ReturnValues="UPDATED_NEW", **EV(one=ONE)))
case("update.ok.no_expression_creates", ct(MAIN),
     update(K(), ReturnValues="ALL_NEW"), get(K()))
case("update.ok.no_expression_updated_new", ct(MAIN), put(K()),
     update(K(), ReturnValues="UPDATED_NEW"))
case("update.cond.fails_all_old", ct(MAIN), put(dict(K(), v=N("2"))),
     update(K(), UpdateExpression="SET w = :one",
            ConditionExpression="v = :one",
            ReturnValuesOnConditionCheckFailure="ALL_OLD", **EV(one=ONE)))
case("update.err.key_attribute", ct(MAIN),
     update(K(), UpdateExpression="SET #k = :s",
            ExpressionAttributeNames={"#k": "sk"}, **EV(s=N("3"))))
case("update.err.operand_type", ct(MAIN), put(K()),
     update(K(), UpdateExpression="SET w = pk + :one", **EV(one=ONE)))
case("update.err.index_key_type", ct(MAIN), put(K()),
     update(K(), UpdateExpression="SET g = :one", **EV(one=ONE)))
case("update.ok.index_follows", ct(MAIN), put(K()),
     update(K(), UpdateExpression="SET g = :g, gs = :one",
            **EV(g=S("G"), one=ONE)),
     query("g = :g", IndexName="gkeys", **EV(g=S("G"))),
     update(K(), UpdateExpression="REMOVE g", ReturnValues="UPDATED_OLD"),
     query("g = :g", IndexName="gkeys", **EV(g=S("G"))))

case("scan.filter.gsi_unprojected", ct(MAIN), *QROWS,
     scan(IndexName="gkeys", FilterExpression="attribute_exists(v)"),
     aws=aws_ok({"Items": [], "Count": 0, "ScannedCount": 2},
                "DynamoDB Local evaluates a GSI's filter on the table's "
                "item; AWS's GSI holds only what it projects"))
LROWS = [put(dict(K("a", str(i)), l=B(bytes([10 - i])), v=N(str(i)),
                  w=S("w" + str(i)))) for i in range(1, 4)]
case("query.err.lsi_filter_unprojected", ct(MAIN), *LROWS,
     query("pk = :p", IndexName="lsi", FilterExpression="v > :n",
           ProjectionExpression="w, sk", **EV(p=S("a"), n=N("1"))))
case("query.err.gsi_filter_unprojected", ct(MAIN), *QROWS,
     query("g = :g", IndexName="gkeys", FilterExpression="v > :n",
           **EV(g=S("G"), n=N("1"))))
case("query.ok.lsi_projection_fetch", ct(MAIN), *LROWS,
     query("pk = :p", IndexName="lsi", ProjectionExpression="w, sk",
           **EV(p=S("a"))))
case("query.ok.lsi_keys_only", ct(MAIN), *LROWS,
     query("pk = :p AND l > :b", IndexName="lsi",
           **EV(p=S("a"), b=B(bytes([7])))))
case("scan.ok.lsi_filter_fetch", ct(MAIN), *LROWS,
     scan(IndexName="lsi", FilterExpression="w = :w",
          **EV(w=S("w2"))))


# ------------------------------------------------------------------ recording
def main():
    record_sequences(CASES, OUT, "items.py")


if __name__ == "__main__":
    main()
