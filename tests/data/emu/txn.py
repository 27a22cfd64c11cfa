#!/usr/bin/env python3
"""tests/data/emu/txn.py - record the transactions corpus from DynamoDB Local.

Each case is a sequence of requests (TransactWriteItems, TransactGetItems,
and the PutItem, GetItem and Query calls that set up and check their
effects) run on fresh tables; DynamoDB Local's answer to every step is
recorded in txn_cases.json, in the format of items_cases.json, and
tests/unit/test_emu_items.c replays both corpora against the emulator with
no Java needed.

Where DynamoDB Local contradicts AWS's documentation, the last step of a
case carries an "aws" override: the emulator follows AWS, and DynamoDB
Local's answer is kept beside it for the drift report. docs/fidelity.md
("Transactions") lists every such case. DynamoDB Local keeps
ClientRequestTokens between cases (they are not tables), so every case
uses tokens of its own. Re-record with:

    SST_CACHE_DIR=... tests/ddb-local exec python3 tests/data/emu/txn.py

Standard library only.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from record import A, H, R, MAIN, N, ONE, S, record_sequences  # noqa: E402,F401  (shared)

OUT = os.path.join(HERE, "txn_cases.json")


# ------------------------------------------------------------------ builders
# A local index: item collections.
COLL = {"TableName": "coll", "BillingMode": "PAY_PER_REQUEST",
        "KeySchema": [H("pk"), R("sk")],
        "AttributeDefinitions": [A("pk"), A("sk", "N"), A("l")],
        "LocalSecondaryIndexes": [
            {"IndexName": "lsi", "KeySchema": [H("pk"), R("l")],
             "Projection": {"ProjectionType": "ALL"}}]}

TABLES = [("CreateTable", MAIN), ("CreateTable", ONE)]


def K(pk="a", sk="1"):
    return {"pk": S(pk), "sk": N(sk)}


def EV(**kv):
    return {"ExpressionAttributeValues": {":" + k: v for k, v in kv.items()}}


def put(item, table="tbl"):
    return ("PutItem", {"TableName": table, "Item": item})


def get(key, table="tbl"):
    return ("GetItem", {"TableName": table, "Key": key})


def gquery(g):
    return ("Query", {"TableName": "tbl", "IndexName": "gidx",
                      "KeyConditionExpression": "g = :g",
                      "ExpressionAttributeValues": {":g": S(g)}})


def tw(*actions, **kw):
    return ("TransactWriteItems", dict({"TransactItems": list(actions)}, **kw))


def tg(*actions, **kw):
    return ("TransactGetItems", dict({"TransactItems": list(actions)}, **kw))


def P(item, table="tbl", **kw):
    return {"Put": dict({"TableName": table, "Item": item}, **kw)}


def D(key, table="tbl", **kw):
    return {"Delete": dict({"TableName": table, "Key": key}, **kw)}


def U(key, table="tbl", **kw):
    return {"Update": dict({"TableName": table, "Key": key}, **kw)}


def C(key, table="tbl", **kw):
    return {"ConditionCheck": dict({"TableName": table, "Key": key}, **kw)}


def G(key, table="tbl", **kw):
    return {"Get": dict({"TableName": table, "Key": key}, **kw)}


def aws_val(msg, note):
    return {"type": "ValidationException", "message": msg, "note": note}


def aws_ok(response, note):
    e = {"ok": True, "note": note}
    if response is not None:
        e["response"] = response
    return e


def cancelled(reasons, note):
    codes = ", ".join(r["Code"] for r in reasons)
    return {"type": "TransactionCanceledException",
            "message": "Transaction cancelled, please refer cancellation "
                       "reasons for specific reasons [%s]" % codes,
            "extra": {"CancellationReasons": reasons}, "note": note}


CASES = []


def case(name, *steps, aws=None):
    CASES.append({"name": name, "steps": [list(s) for s in steps],
                  "aws": aws, "compare": None})


def tcase(name, *steps, aws=None):
    """A case on the two standard tables."""
    case(name, *(TABLES + list(steps)), aws=aws)


CHECK_ONE = "TransactItems can only contain one of Check, Put, Update or Delete"
NO_ACTION = ("Invalid Request: TransactWriteRequest should contain Delete or "
             "Put or Update request")
SAME_ITEM = "Transaction request cannot include multiple operations on one item"
ONE_U = N("1")
ENUM_NOTE = "DynamoDB Local accepts any value; AWS validates the enum"


def null_at(path):
    return ("Value null at 'transactItems.%s' failed to satisfy constraint: "
            "Member must not be null" % path)


# ------------------------------------------------------------------ success
tcase("tw.ok.put", tw(P(dict(K(), v=ONE_U))), get(K()))
tcase("tw.ok.all_kinds",
      put(dict(K("a"), v=ONE_U, g=S("G"))), put(dict(K("b"), v=N("2"))),
      put(K("c")),
      tw(P(dict(K("d"), g=S("G2")),
           ConditionExpression="attribute_not_exists(pk)"),
         U(K("a"), UpdateExpression="SET v = v + :one, #w = :w",
           ExpressionAttributeNames={"#w": "w"}, **EV(one=ONE_U, w=S("x"))),
         D(K("b"), ConditionExpression="v = :two", **EV(two=N("2"))),
         C(K("c"), ConditionExpression="attribute_exists(pk)"),
         P({"pk": S("x")}, "one")),
      get(K("a")), get(K("b")), get(K("c")), get({"pk": S("x")}, "one"),
      gquery("G2"))
tcase("tw.ok.update_creates", tw(U(K("n"), UpdateExpression="SET g = :g",
                                   **EV(g=S("G")))),
      get(K("n")), gquery("G"))
tcase("tw.ok.update_remove_index_key", put(dict(K(), g=S("G"))),
      tw(U(K(), UpdateExpression="REMOVE g")), gquery("G"), get(K()))
tcase("tw.ok.delete_missing", tw(D(K("zz"))))
tcase("tw.ok.condition_check_only",
      put(K()), tw(C(K(), ConditionExpression="attribute_exists(pk)")))
tcase("tw.ok.two_tables", tw(P(K()), P({"pk": S("a")}, "one")),
      get({"pk": S("a")}, "one"))
tcase("tw.ok.same_key_other_table", tw(P({"pk": S("a"), "sk": N("1")}),
                                        P({"pk": S("a")}, "one")))
tcase("tw.ok.100_actions",
      tw(*[P(K("k%d" % i)) for i in range(100)]), get(K("k99")))
tcase("tw.ok.rvoccf_all_old_passes",
      tw(P(K(), ConditionExpression="attribute_not_exists(pk)",
           ReturnValuesOnConditionCheckFailure="ALL_OLD")))
tcase("tw.ok.null_members", tw(P(K(), ReturnValuesOnConditionCheckFailure=None,
                                  ConditionExpression=None)))
tcase("tw.ok.unknown_member_ignored",
      tw(P(K(), Expected={"a": {"Exists": False}})))
tcase("tw.ok.capacity_total_one", tw(P(K()), ReturnConsumedCapacity="TOTAL"))
tcase("tw.ok.capacity_indexes_one",
      tw(P(dict(K(), g=S("G"), big=S("x" * 3000))),
         ReturnConsumedCapacity="INDEXES"))
tcase("tw.ok.capacity_delete_and_check",
      put(dict(K("a"), g=S("G"), big=S("x" * 3000))), put(K("b")),
      tw(D(K("a")), C(K("b"), ConditionExpression="attribute_exists(pk)"),
         ReturnConsumedCapacity="INDEXES"))
tcase("tw.ok.capacity_two_puts",
      tw(P(dict(K("a"), g=S("G"))), P(dict(K("b"), g=S("G"))),
         P({"pk": S("x")}, "one"), ReturnConsumedCapacity="INDEXES"),
      aws=aws_ok({"ConsumedCapacity": [
          {"TableName": "tbl", "CapacityUnits": 8.0,
           "Table": {"CapacityUnits": 4.0},
           "GlobalSecondaryIndexes": {"gidx": {"CapacityUnits": 4.0}}},
          {"TableName": "one", "CapacityUnits": 2.0,
           "Table": {"CapacityUnits": 2.0}}]},
          "DynamoDB Local counts only one Put per table; AWS charges every "
          "item of a transaction, two write units per KB"))
tcase("tw.ok.capacity_100_puts",
      tw(*[P(K("k%d" % i)) for i in range(100)],
         ReturnConsumedCapacity="TOTAL"),
      aws=aws_ok({"ConsumedCapacity": [{"TableName": "tbl",
                                        "CapacityUnits": 200.0}]},
                 "DynamoDB Local counts only one Put per table; AWS charges "
                 "every item of a transaction, two write units per KB"))
DELETE_MISSING = ("DynamoDB Local charges the Delete of a missing item one "
                  "unit, as DeleteItem; AWS charges every item of a "
                  "transaction two write units per KB")
tcase("tw.ok.capacity_delete_missing",
      tw(D(K("zz")), ReturnConsumedCapacity="TOTAL"),
      aws=aws_ok({"ConsumedCapacity": [{"TableName": "tbl",
                                        "CapacityUnits": 2.0}]},
                 DELETE_MISSING))
tcase("tw.ok.capacity_delete_missing_indexes",
      tw(D(K("zy"), ConditionExpression="attribute_not_exists(v)"),
         ReturnConsumedCapacity="INDEXES"),
      aws=aws_ok({"ConsumedCapacity": [
          {"TableName": "tbl", "CapacityUnits": 2.0,
           "Table": {"CapacityUnits": 2.0}}]}, DELETE_MISSING))
case("tw.ok.item_collection_metrics", ("CreateTable", COLL),
     tw(P(dict(K(), l=S("x")), "coll"), P(dict(K("b"), l=S("y")), "coll"),
        ReturnItemCollectionMetrics="SIZE"),
     aws=aws_ok({"ItemCollectionMetrics": {"coll": [
         {"ItemCollectionKey": {"pk": S("a")},
          "SizeEstimateRangeGB": [0.0, 1.0]},
         {"ItemCollectionKey": {"pk": S("b")},
          "SizeEstimateRangeGB": [0.0, 1.0]}]}},
         "DynamoDB Local never answers ItemCollectionMetrics to "
         "TransactWriteItems; AWS documents them for tables with local "
         "secondary indexes, as BatchWriteItem gives them"))
tcase("tw.ok.ricm_without_lsi", tw(P(K()), D(K("b")),
                                   ReturnItemCollectionMetrics="SIZE"))
tcase("tw.ok.key_number_forms", put(K("a", "1.50")),
      tw(D({"pk": S("a"), "sk": N("15e-1")})), get(K("a", "1.5")))

# ------------------------------------------------------------------ cancellation
tcase("tw.cancel.condition_rollback",
      put(dict(K("a"), v=ONE_U, g=S("G"))), put(K("b")),
      tw(P(dict(K("a"), g=S("H"), v=N("9"))), D(K("b")),
         U(K("z"), UpdateExpression="SET v = :v",
           ConditionExpression="attribute_exists(pk)", **EV(v=ONE_U))),
      get(K("a")), get(K("b")), get(K("z")), gquery("H"), gquery("G"))
tcase("tw.cancel.all_old_item",
      put(dict(K(), v=ONE_U)),
      tw(P(dict(K(), v=N("2")), ConditionExpression="attribute_not_exists(pk)",
           ReturnValuesOnConditionCheckFailure="ALL_OLD"),
         P({"pk": S("y")}, "one")))
tcase("tw.cancel.all_old_missing_item",
      tw(D(K(), ConditionExpression="attribute_exists(pk)",
           ReturnValuesOnConditionCheckFailure="ALL_OLD")))
tcase("tw.cancel.check_message_full_stop", put(K()),
      tw(C(K(), ConditionExpression="attribute_not_exists(pk)"),
         D({"pk": S("x")}, "one", ConditionExpression="attribute_exists(pk)")))
tcase("tw.cancel.check_all_old", put(dict(K(), v=ONE_U)),
      tw(C(K(), ConditionExpression="v > :one", **EV(one=ONE_U),
           ReturnValuesOnConditionCheckFailure="ALL_OLD")))
tcase("tw.cancel.update_all_old", put(dict(K(), v=ONE_U)),
      tw(U(K(), UpdateExpression="SET w = :one",
           ConditionExpression="attribute_not_exists(pk)", **EV(one=ONE_U),
           ReturnValuesOnConditionCheckFailure="ALL_OLD")),
      get(K()))
tcase("tw.cancel.every_action_evaluated", put(K("a")), put(K("b")),
      tw(P(K("a"), ConditionExpression="attribute_not_exists(pk)"),
         P(K("c")),
         D(K("b"), ConditionExpression="attribute_not_exists(pk)")))
tcase("tw.cancel.compare_type", put(dict(K(), v=ONE_U)),
      tw(C(K(), ConditionExpression="v < :s", **EV(s=S("x")))))
tcase("tw.cancel.key_type",
      tw(P({"pk": N("1"), "sk": N("1")}),
         P(K("b"), ConditionExpression="attribute_not_exists(pk)")),
      get(K("b")))
tcase("tw.cancel.key_type_twice",
      tw(P({"pk": N("1"), "sk": N("1")}), P({"pk": N("1"), "sk": N("1")})))
tcase("tw.cancel.delete_key_type", tw(D({"pk": N("1"), "sk": N("1")})))
tcase("tw.cancel.key_too_long", tw(P({"pk": S("x" * 2049), "sk": N("1")})))
tcase("tw.cancel.index_key_type",
      tw(P(dict(K(), g=N("1"))), P(K("b")), D(K("c"))), get(K("b")))
tcase("tw.cancel.update_key_attribute", put(K()),
      tw(U(K(), UpdateExpression="SET sk = :v", **EV(v=N("2")))))
tcase("tw.cancel.update_too_large", put(dict(K(), v=S("x" * 300000))),
      tw(U(K(), UpdateExpression="SET w = :v", **EV(v=S("x" * 300000)))))
tcase("tw.cancel.update_key_attribute_then_condition", put(K("c")),
      tw(U(K("c"), UpdateExpression="SET w = :v, sk = :n",
           **EV(v=S("x"), n=N("2"))),
         P(K("d"), ConditionExpression="attribute_exists(pk)")),
      aws=cancelled([
          {"Code": "ValidationError",
           "Message": "One or more parameter values were invalid: Cannot "
                      "update attribute sk. This attribute is part of the "
                      "key"},
          {"Code": "ConditionalCheckFailed",
           "Message": "The conditional request failed"}],
          "DynamoDB Local stops at the failed update and lists one reason; "
          "AWS documents one reason per item, in order"))

# ------------------------------------------------------------------ validation
tcase("tw.val.items_missing", ("TransactWriteItems", {}))
tcase("tw.val.items_empty", tw())
tcase("tw.val.101_actions", tw(*[P(K("k%d" % i)) for i in range(101)]))
tcase("tw.val.101_before_one_of", tw(*([{}] + [P(K("k%d" % i))
                                             for i in range(100)])))
tcase("tw.val.no_action", tw({}))
tcase("tw.val.two_actions", tw(dict(P(K()), **D(K()))))
tcase("tw.val.one_of_before_members", tw({"Put": {"Item": K()}}, {}))
tcase("tw.val.put_table_missing", tw({"Put": {"Item": K()}}))
tcase("tw.val.put_item_missing", tw({"Put": {"TableName": "tbl"}}))
tcase("tw.val.update_empty", tw({"Update": {}}))
tcase("tw.val.update_key_missing", tw({"Update": {"TableName": "tbl"}}))
tcase("tw.val.delete_key_missing_second",
      tw(P({"pk": S("a")}), {"Delete": {"TableName": "tbl"}}))
tcase("tw.val.check_key_missing",
      tw({"ConditionCheck": {"TableName": "tbl",
                             "ConditionExpression": "attribute_exists(pk)"}}))
tcase("tw.val.check_condition_missing", tw(C(K())))
tcase("tw.val.update_expression_missing_with_values",
      tw(U(K(), **EV(a=S("x")))))
tcase("tw.val.update_expression_missing", tw(U(K())),
      aws=aws_val(null_at("1.member.update.updateExpression"),
                  "DynamoDB Local accepts an Update without an "
                  "UpdateExpression; AWS documents it as required"))
tcase("tw.val.rvoccf_enum", tw(P(K(),
                                 ReturnValuesOnConditionCheckFailure="FOO")),
      aws=aws_val("1 validation error detected: Value 'FOO' at "
                  "'transactItems.1.member.put."
                  "returnValuesOnConditionCheckFailure' failed to satisfy "
                  "constraint: Member must satisfy enum value set: "
                  "[ALL_OLD, NONE]", ENUM_NOTE))
tcase("tw.val.token_too_long", tw(P(K()), ClientRequestToken="x" * 37))
tcase("tw.val.token_before_one_of", tw({}, ClientRequestToken="x" * 40))
tcase("tw.val.items_before_token", tw(ClientRequestToken="x" * 40))
tcase("tw.val.token_empty", tw(P(K()), ClientRequestToken=""),
      aws=aws_val("1 validation error detected: Value '' at "
                  "'clientRequestToken' failed to satisfy constraint: Member "
                  "must have length greater than or equal to 1",
                  "DynamoDB Local accepts an empty token; AWS documents a "
                  "length of 1 to 36"))
tcase("tw.val.rcc_enum", tw(P(K()), ReturnConsumedCapacity="FOO"),
      aws=aws_val("1 validation error detected: Value 'FOO' at "
                  "'returnConsumedCapacity' failed to satisfy constraint: "
                  "Member must satisfy enum value set: [INDEXES, TOTAL, NONE]",
                  ENUM_NOTE))
tcase("tw.val.ricm_enum", tw(P(K()), ReturnItemCollectionMetrics="FOO"),
      aws=aws_val("1 validation error detected: Value 'FOO' at "
                  "'returnItemCollectionMetrics' failed to satisfy "
                  "constraint: Member must satisfy enum value set: [SIZE, "
                  "NONE]", ENUM_NOTE))
tcase("tw.val.table_name", tw(P(K(), "t*")))
tcase("tw.val.table_missing", tw(P(K(), "nope")))
tcase("tw.val.table_name_before_missing", tw(P(K(), "t*"), P(K(), "nope")))
tcase("tw.val.table_missing_before_name", tw(P(K(), "nope"), P(K(), "t*")))
tcase("tw.val.key_missing", tw(P({"pk": S("a")})))
tcase("tw.val.key_missing_before_table",
      tw(P({"pk": S("a")}), P(K(), "nope")))
tcase("tw.val.table_before_key_missing",
      tw(P(K(), "nope"), P({"pk": S("a")})))
tcase("tw.val.put_item_empty", tw(P({})))
tcase("tw.val.delete_key_partial", tw(D({"pk": S("a")})))
tcase("tw.val.delete_key_extra", tw(D(dict(K(), x=S("y")))))
tcase("tw.val.delete_key_empty", tw(D({})))
tcase("tw.val.key_bad_type", tw(P({"pk": {"BOOL": True}, "sk": N("1")})))
tcase("tw.val.key_empty_string", tw(P({"pk": S(""), "sk": N("1")})))
tcase("tw.val.index_key_empty", tw(P(dict(K(), g=S("")))))
tcase("tw.val.reason_then_key_count",
      tw(D({"pk": N("1"), "sk": N("1")}), D({"pk": S("a")})))
tcase("tw.val.empty_set", tw(P(dict(K(), s={"SS": []}))))
tcase("tw.val.set_duplicates", tw(P(dict(K(), s={"SS": ["a", "a"]}))))
tcase("tw.val.values_before_tables",
      tw(P(K(), "nope"), P(dict(K(), s={"SS": []}))))
tcase("tw.val.values_before_expression",
      tw(P(dict(K(), s={"SS": []})),
         P(K(), ConditionExpression="attribute_exists(#x)")))
tcase("tw.val.expression_before_values",
      tw(P(K(), ConditionExpression="attribute_exists(#x)"),
         P(dict(K(), s={"SS": []}))))
tcase("tw.val.expression_before_tables",
      tw(P(K(), "t*"), P(K(), ConditionExpression="attribute_exists(#x)")))
tcase("tw.val.item_too_large", tw(P(dict(K(), big=S("x" * 410000)))))
tcase("tw.val.item_too_large_before_expression",
      tw(P(dict(K(), big=S("x" * 410000))),
         P(K(), ConditionExpression="attribute_exists(#x)")))
# the 4 MB payload: items and keys, expressions' text, the values of
# ExpressionAttributeValues and ExpressionAttributeNames, summed action by
# action after each action's own checks
def BIG(i, n=390000, **kw):
    return P(dict(K("k%d" % i), big=S("x" * n)), **kw)


TEN_BIG = [BIG(i) for i in range(10)]
tcase("tw.val.payload_over_4mb", tw(*[BIG(i) for i in range(11)]))
tcase("tw.val.payload_at_4mb", tw(*(TEN_BIG + [BIG(10, 294182)])))
tcase("tw.val.payload_4mb_plus_1", tw(*(TEN_BIG + [BIG(10, 294183)])))
tcase("tw.val.payload_reported_when_passed",
      tw(*([BIG(i) for i in range(11)] +
           [P(K("z"), ConditionExpression="attribute_exists(#x)")])))
tcase("tw.val.expression_before_payload",
      tw(*(TEN_BIG + [BIG(10, ConditionExpression="attribute_exists(#x)")])))
tcase("tw.val.payload_before_token",
      tw(*[BIG(i) for i in range(11)], ClientRequestToken="payload-1"))
tcase("tw.val.payload_before_key",
      tw(*(TEN_BIG + [P({"pk": S("a"), "big": S("x" * 390000)})])))
tcase("tw.val.payload_counts_update",
      tw(*(TEN_BIG + [U(K("k10"), UpdateExpression="SET big = :v",
                        ConditionExpression="attribute_exists(#p)",
                        ExpressionAttributeNames={"#p": "pk"},
                        **EV(v=S("x" * 390000)))])))
tcase("tw.val.payload_counts_condition_check",
      tw(*(TEN_BIG + [C(K("k10"), ConditionExpression="v = :v",
                        **EV(v=S("x" * 390000)))])))
tcase("tw.ok.two_large_items",
      tw(P(dict(K("a"), big=S("x" * 300000))),
         P(dict(K("b"), big=S("x" * 300000)))))
tcase("tw.val.names_unused",
      tw(P(K(), ConditionExpression="attribute_exists(pk)",
           ExpressionAttributeNames={"#a": "x"})))
tcase("tw.val.values_unused",
      tw(P(K(), ConditionExpression="attribute_exists(pk)", **EV(a=S("x")))))
tcase("tw.val.names_without_expression",
      tw(P(K(), ExpressionAttributeNames={"#a": "x"})))
tcase("tw.val.values_without_expression", tw(P(K(), **EV(a=S("x")))))
tcase("tw.val.condition_empty", tw(C(K(), ConditionExpression="")))
tcase("tw.val.update_value_undefined",
      tw(U(K(), UpdateExpression="SET a = :a")))
tcase("tw.val.condition_value_undefined",
      tw(U(K(), UpdateExpression="SET a = :a", ConditionExpression="x = :b",
           **EV(a=S("x")))))
tcase("tw.val.nested_key", tw(P(K(), ConditionExpression="attribute_exists("
                                                         "pk.x)")))
tcase("tw.val.update_operand_type",
      tw(U(K(), UpdateExpression="SET a = pk + :a", **EV(a=ONE_U))))
tcase("tw.val.same_item", tw(P(K()), D(K())))
tcase("tw.val.same_item_check_and_update",
      tw(C(K(), ConditionExpression="attribute_exists(pk)"),
         U({"sk": N("1.0"), "pk": S("a")}, UpdateExpression="REMOVE v")),
      aws=aws_val(SAME_ITEM,
                  "DynamoDB Local compares the keys' text, so 1 and 1.0 "
                  "name two items; DynamoDB numbers are exact values, and "
                  "the item is one"))
tcase("tw.val.same_item_before_missing_table",
      tw(P(K()), D(K()), P(K(), "nope")))
tcase("tw.val.missing_table_before_same_item",
      tw(P(K(), "nope"), P(K()), D(K())))
tcase("tw.val.expression_before_same_item",
      tw(P(K()), P(K(), ConditionExpression="attribute_exists(#x)")))

# ------------------------------------------------------------------ idempotency
tcase("tw.token.replay_applies_nothing",
      tw(P(dict(K("i"), v=ONE_U)), ClientRequestToken="replay-1",
         ReturnConsumedCapacity="TOTAL"),
      ("DeleteItem", {"TableName": "tbl", "Key": K("i")}),
      tw(P(dict(K("i"), v=ONE_U)), ClientRequestToken="replay-1",
         ReturnConsumedCapacity="TOTAL"),
      get(K("i")))
tcase("tw.token.replay_capacity_indexes",
      tw(P(dict(K("i"), v=ONE_U, g=S("G"))), ClientRequestToken="replay-2"),
      tw(P(dict(K("i"), v=ONE_U, g=S("G"))), ClientRequestToken="replay-2",
         ReturnConsumedCapacity="INDEXES"))
tcase("tw.token.replay_member_order",
      tw(P(dict(K("m"))), ClientRequestToken="replay-3"),
      tw({"Put": {"Item": K("m"), "TableName": "tbl"}},
         ClientRequestToken="replay-3", ReturnItemCollectionMetrics="SIZE"))
tcase("tw.token.mismatch",
      tw(P(dict(K("i"), v=ONE_U)), ClientRequestToken="mismatch-1"),
      tw(P(dict(K("i"), v=N("2"))), ClientRequestToken="mismatch-1"),
      get(K("i")))
tcase("tw.token.mismatch_before_table",
      tw(P(K("m")), ClientRequestToken="mismatch-2"),
      tw(P(K("m"), "nope"), ClientRequestToken="mismatch-2"))
tcase("tw.token.validation_before_mismatch",
      tw(P(K("m")), ClientRequestToken="mismatch-3"),
      tw({}, ClientRequestToken="mismatch-3"))
tcase("tw.token.cancelled_records_nothing",
      tw(P(K("j"), ConditionExpression="attribute_exists(pk)"),
         ClientRequestToken="cancel-1"),
      tw(P(K("j")), ClientRequestToken="cancel-1"),
      tw(P(K("j")), ClientRequestToken="cancel-1"), get(K("j")))
tcase("tw.token.failed_records_nothing",
      tw(P(K("k"), "nope"), ClientRequestToken="failed-1"),
      tw(P(K("k")), ClientRequestToken="failed-1"))
tcase("tw.token.other_token_applies",
      tw(P(dict(K("o"), v=ONE_U)), ClientRequestToken="other-1"),
      ("DeleteItem", {"TableName": "tbl", "Key": K("o")}),
      tw(P(dict(K("o"), v=ONE_U)), ClientRequestToken="other-2"),
      get(K("o")))

# ------------------------------------------------------------------ TransactGetItems
ITEM_A = dict(K(), v=ONE_U, m={"M": {"x": S("y"), "z": N("2")}})
tcase("tg.ok.in_order", put(ITEM_A), put({"pk": S("x"), "w": S("w")}, "one"),
      tg(G(K()), G(K("b")), G({"pk": S("x")}, "one"), G(K("c"))))
tcase("tg.ok.projection", put(ITEM_A),
      tg(G(K(), ProjectionExpression="#v, m.x",
           ExpressionAttributeNames={"#v": "v"})))
tcase("tg.ok.values_ignored", put(ITEM_A),
      tg(G(K(), ProjectionExpression="v", **EV(v=S("x")))))
tcase("tg.ok.capacity_total", put(ITEM_A), tg(G(K()),
                                              ReturnConsumedCapacity="TOTAL"))
tcase("tg.ok.capacity_indexes", put(ITEM_A),
      put({"pk": S("x"), "w": S("big" * 1000)}, "one"),
      tg(G(K()), G(K("b")), G({"pk": S("x")}, "one"),
         ReturnConsumedCapacity="INDEXES"))
tcase("tg.ok.100", tg(*[G(K("k%d" % i)) for i in range(100)]))
tcase("tg.ok.consistent_read_member_ignored", put(ITEM_A),
      tg(G(K(), ConsistentRead=True)))
tcase("tg.ok.sees_transaction", tw(P(ITEM_A), P({"pk": S("x")}, "one")),
      tg(G(K()), G({"pk": S("x")}, "one")))
tcase("tg.val.101", tg(*[G(K("k%d" % i)) for i in range(101)]))
tcase("tg.val.same_item", tg(G(K()), G(K())))
tcase("tg.val.same_item_before_table", tg(G(K()), G(K()), G(K(), "nope")))
tcase("tg.val.table_missing", tg(G(K(), "nope")))
tcase("tg.val.table_name_invalid", tg(G(K(), "t*")))
tcase("tg.val.table_before_expression",
      tg(G(K("b"), "nope"), G(K(), ProjectionExpression="#x")))
tcase("tg.val.expression_before_table",
      tg(G(K(), ProjectionExpression="#x"), G(K("b"), "nope")))
tcase("tg.val.names_unused",
      tg(G(K(), ProjectionExpression="v",
           ExpressionAttributeNames={"#v": "v"})))
tcase("tg.val.names_without_expression",
      tg(G(K(), ExpressionAttributeNames={"#v": "v"})))
tcase("tg.val.projection_overlap", tg(G(K(), ProjectionExpression="v, v")))
tcase("tg.val.projection_empty", tg(G(K(), ProjectionExpression="")))
tcase("tg.val.nested_key", tg(G(K(), ProjectionExpression="pk.x")))
tcase("tg.val.key_empty_string", tg(G({"pk": S(""), "sk": N("1")})))
tcase("tg.val.key_bad_type", tg(G({"pk": {"BOOL": True}, "sk": N("1")})))
tcase("tg.val.items_missing", ("TransactGetItems", {}))
tcase("tg.val.items_empty", tg(),
      aws=aws_val("Value [] at 'transactItems' failed to satisfy "
                  "constraint: Member must have length greater than or "
                  "equal to 1",
                  "DynamoDB Local calls an empty list null; AWS documents a "
                  "length of 1 to 100, and TransactWriteItems says so"))
tcase("tg.val.get_missing", tg({}),
      aws=aws_val(null_at("1.member.get"),
                  "DynamoDB Local calls the list null; AWS documents Get as "
                  "required"))
tcase("tg.val.table_name_missing", tg({"Get": {"Key": K()}}),
      aws=aws_val(null_at("1.member.get.tableName"),
                  "DynamoDB Local answers \"Requested resource not found\"; "
                  "AWS documents TableName as required"))
tcase("tg.val.key_missing", tg({"Get": {"TableName": "tbl"}}),
      aws=aws_val(null_at("1.member.get.key"),
                  "DynamoDB Local answers \"Get Condition for key not in key "
                  "list\"; AWS documents Key as required"))
tcase("tg.val.rcc_enum", tg(G(K()), ReturnConsumedCapacity="FOO"),
      aws=aws_val("1 validation error detected: Value 'FOO' at "
                  "'returnConsumedCapacity' failed to satisfy constraint: "
                  "Member must satisfy enum value set: [INDEXES, TOTAL, NONE]",
                  ENUM_NOTE))
tcase("tg.val.key_partial", tg(G({"pk": S("a")})),
      aws=aws_val("The number of conditions on the keys is invalid",
                  "DynamoDB Local answers TransactionCanceledException "
                  "without CancellationReasons; TransactWriteItems answers "
                  "this ValidationException"))
tcase("tg.val.key_partial_before_expression",
      tg(G({"pk": S("a")}), G(K(), ProjectionExpression="#x")),
      aws=aws_val("The number of conditions on the keys is invalid",
                  "DynamoDB Local answers TransactionCanceledException "
                  "without CancellationReasons; TransactWriteItems answers "
                  "this ValidationException"))
tcase("tg.cancel.key_type", tg(G(K()), G({"pk": N("1"), "sk": N("1")})),
      aws=cancelled([{"Code": "None"},
                     {"Code": "ValidationError",
                      "Message": "One or more parameter values were "
                                 "invalid: Type mismatch for key"}],
                    "DynamoDB Local answers TransactionCanceledException "
                    "with the validation message and no CancellationReasons; "
                    "AWS documents one reason per item, as "
                    "TransactWriteItems gives them"))


def main():
    record_sequences(CASES, OUT, "txn.py")


if __name__ == "__main__":
    main()
