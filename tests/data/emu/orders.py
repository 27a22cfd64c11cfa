#!/usr/bin/env python3
"""tests/data/emu/orders.py - record, from DynamoDB Local, the cases the
random corpus (random_ops.py) found: which of several failing index keys
a message names, the order of the names in a message, which check comes
first, and three rules of their own.

DynamoDB Local takes the names in its messages from Java collections:

- the first of several failing secondary indexes: local indexes, then
  global ones, each in a HashMap's order of the index names;
- a Query's filter attributes an index does not project: sorted (a
  TreeSet);
- the projected attributes a global index does not project: for a
  ProjectionExpression, the order of a HashSet into which the names go
  in the order of a HashMap (the projection tree's keys, hashed as
  8191 * 127 + String.hashCode(), the paths put last first); for
  AttributesToGet, a HashSet's order of the names put in their order.
  Both tables hold every name asked for, projected or not.

A Query checks nested access to key attributes (key condition, filter,
projection), then the key condition against the key schema, then the
starting key, then the filter's attributes, then Select, then the
projection's; a Scan checks Select before nested access. An
UpdateExpression that sets an index key to an empty value gets a message
of its own (no index named); a ConditionCheck in TransactWriteItems may
reach into a key attribute (pk.a). The answers go to orders_cases.json,
which the conformance replay checks (docs/fidelity.md). Re-record with:

    SST_CACHE_DIR=... tests/ddb-local exec python3 tests/data/emu/orders.py

Standard library only.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from record import record_sequences  # noqa: E402  (shared)

OUT = os.path.join(HERE, "orders_cases.json")
CASES = []


def ks(h, r=None):
    k = [{"AttributeName": h, "KeyType": "HASH"}]
    if r:
        k.append({"AttributeName": r, "KeyType": "RANGE"})
    return k


def ix(name, h, r=None, proj="KEYS_ONLY", nka=None):
    p = {"ProjectionType": proj}
    if nka:
        p["NonKeyAttributes"] = nka
    return {"IndexName": name, "KeySchema": ks(h, r), "Projection": p}


def table(gsis=(), lsis=(), ad=(), name="ord"):
    req = {"TableName": name, "BillingMode": "PAY_PER_REQUEST",
           "KeySchema": ks("pk", "sk"),
           "AttributeDefinitions": [
               {"AttributeName": "pk", "AttributeType": "S"},
               {"AttributeName": "sk", "AttributeType": "N"}] + [
               {"AttributeName": a, "AttributeType": t} for a, t in ad]}
    if gsis:
        req["GlobalSecondaryIndexes"] = list(gsis)
    if lsis:
        req["LocalSecondaryIndexes"] = list(lsis)
    return ("CreateTable", req)


K = {"pk": {"S": "a"}, "sk": {"N": "1"}}


def item(**kv):
    return dict(K, **kv)


def case(name, *steps, aws=None):
    CASES.append({"name": name, "steps": list(steps), "aws": aws,
                  "compare": None})


def put(it, **kw):
    return ("PutItem", dict({"TableName": "ord", "Item": it}, **kw))


def upd(expr, values, **kw):
    return ("UpdateItem", dict({"TableName": "ord", "Key": K,
                                "UpdateExpression": expr,
                                "ExpressionAttributeValues": values}, **kw))


def tw(*actions):
    return ("TransactWriteItems", {"TransactItems": list(actions)})


S_EMPTY = {"S": ""}

# ------------------------------------------------------------ index order
TWO_GSIS = table([ix("gi1", "gpk", "gsk"), ix("gi2", "gpk")],
                 ad=[("gpk", "S"), ("gsk", "N")])
case("index_order.gsi_hash_order", TWO_GSIS, put(item(gpk=S_EMPTY)),
     put(item(gpk=S_EMPTY, gsk={"N": "1"})))
case("index_order.gsi_names", table(
    [ix("zzz", "gpk"), ix("aaa", "gpk", "gsk"), ix("mmm", "gpk")],
    ad=[("gpk", "S"), ("gsk", "N")]), put(item(gpk=S_EMPTY)))
case("index_order.twenty_gsis", table(
    [ix("idx%02d" % i, "gpk") for i in range(20)], ad=[("gpk", "S")]),
    put(item(gpk=S_EMPTY)))
case("index_order.lsi_hash_order", table(
    lsis=[ix("zl%d" % i, "pk", "lsk") for i in range(5)], ad=[("lsk", "S")]),
    put(item(lsk=S_EMPTY)))
MIXED = table([ix(n, "gpk") for n in ("aa1", "zz9", "mmq")],
              [ix(n, "pk", "gpk") for n in ("lb1", "la2")], ad=[("gpk", "S")])
case("index_order.lsi_before_gsi", MIXED, put(item(gpk=S_EMPTY)),
     ("BatchWriteItem", {"RequestItems": {"ord": [
         {"PutRequest": {"Item": item(gpk=S_EMPTY)}}]}}),
     tw({"Put": {"TableName": "ord", "Item": item(gpk=S_EMPTY)}}))
GL = table([ix("gsi1", "gpk")], [ix("lsi1", "pk", "lsk")],
           ad=[("gpk", "S"), ("lsk", "S")])
case("index_order.type_before_empty", GL,
     put(item(gpk={"B": ""})),
     put(item(gpk=S_EMPTY, lsk={"N": "1"})),
     put(item(gpk={"N": "1"}, lsk=S_EMPTY)))

# ------------------------------------------- updates to an empty index key
case("update.empty_index_key", GL, put(item(gpk={"S": "g"})),
     upd("SET lsk = :e", {":e": S_EMPTY}),
     upd("SET gpk = :e", {":e": S_EMPTY}),
     upd("SET gpk = :e", {":e": {"B": ""}}),
     upd("SET lsk = :n, gpk = :e", {":e": S_EMPTY, ":n": {"N": "1"}}),
     upd("SET gpk = :e", {":e": {"N": "1"}}),
     ("UpdateItem", {"TableName": "ord", "Key": {"pk": {"S": "b"},
                                                  "sk": {"N": "1"}},
                     "UpdateExpression": "SET gpk = :e",
                     "ExpressionAttributeValues": {":e": S_EMPTY}}),
     ("UpdateItem", {"TableName": "ord", "Key": K, "AttributeUpdates": {
         "gpk": {"Action": "PUT", "Value": S_EMPTY}}}),
     tw({"Update": {"TableName": "ord", "Key": K,
                    "UpdateExpression": "SET gpk = :e",
                    "ExpressionAttributeValues": {":e": S_EMPTY}}}))

# ------------------------------------- index key types in updates
LSI_TYPE = ("DynamoDB Local does not check a local index key's type in an "
            "UpdateExpression and stores the item; AWS documents that an "
            "index key attribute must have its defined type")
case("update.legacy_index_key_type", GL, put(item(gpk={"S": "g"})),
     ("UpdateItem", {"TableName": "ord", "Key": K, "AttributeUpdates": {
         "lsk": {"Action": "PUT", "Value": {"N": "1"}}}}),
     ("UpdateItem", {"TableName": "ord", "Key": K, "AttributeUpdates": {
         "gpk": {"Action": "PUT", "Value": {"N": "1"}}}}),
     ("UpdateItem", {"TableName": "ord", "Key": K, "AttributeUpdates": {
         "gpk": {"Action": "PUT", "Value": {"S": "ok"}},
         "lsk": {"Action": "PUT", "Value": {"B": "YQ=="}}}}),
     ("UpdateItem", {"TableName": "ord", "Key": K, "AttributeUpdates": {
         "gpk": {"Action": "PUT", "Value": {"L": []}}}}),
     ("UpdateItem", {"TableName": "ord", "Key": K, "AttributeUpdates": {
         "gpk": {"Action": "ADD", "Value": {"N": "1"}}}}))
case("update.expression_lsi_key_type", GL,
     upd("SET lsk = :v", {":v": {"B": "YQ=="}}),
     aws={"type": "ValidationException",
          "message": "One or more parameter values were invalid: Type "
                     "mismatch for Index Key", "note": LSI_TYPE})

# ------------------------------------------- nested access in transactions
NESTED = ["attribute_not_exists(lsk.a)", "attribute_not_exists(pk.a)",
          "attribute_not_exists(gpk[0])", "attribute_not_exists(sk.a)"]
case("txn.condition_check_nested_key", GL,
     put(item(gpk={"S": "g"}, lsk={"S": "l"}, v={"N": "1"})),
     *[tw({"ConditionCheck": {"TableName": "ord", "Key": K,
                              "ConditionExpression": c}}) for c in NESTED])
case("txn.writes_nested_key", GL,
     put(item(gpk={"S": "g"}, lsk={"S": "l"}, v={"N": "1"})),
     *[tw({"Put": {"TableName": "ord", "Item": item(v={"N": "2"}),
                   "ConditionExpression": c}}) for c in NESTED[:2]],
     *[tw({"Update": {"TableName": "ord", "Key": K,
                      "UpdateExpression": "SET v = v",
                      "ConditionExpression": c}}) for c in NESTED[2:]],
     *[tw({"Delete": {"TableName": "ord", "Key": K,
                      "ConditionExpression": c}}) for c in NESTED[1:3]])

# ------------------------------------------------ names an index lacks
IDX = table([ix("gkx", "gpk"), ix("gix", "gpk", "gsk", "INCLUDE", ["a"])],
            [ix("lkx", "pk", "lsk")],
            ad=[("gpk", "S"), ("gsk", "N"), ("lsk", "S")])
G = {":g": {"S": "x"}}


def q(**kw):
    return ("Query", dict({"TableName": "ord", "IndexName": "gkx",
                           "KeyConditionExpression": "gpk = :g",
                           "ExpressionAttributeValues": G}, **kw))


def lq(**kw):
    return ("Query", dict({"TableName": "ord", "IndexName": "gkx",
                           "KeyConditions": {"gpk": {
                               "AttributeValueList": [{"S": "x"}],
                               "ComparisonOperator": "EQ"}}}, **kw))


EIGHTEEN = ", ".join(["n%02d" % i for i in range(14)] + ["zz", "c", "B",
                                                          "a_b"])
case("unprojected.lists", IDX,
     q(FilterExpression="zz = c AND n = m"),
     q(FilterExpression="n = m AND n.x = m[1] AND size(n) > :g"),
     q(FilterExpression="#b = c AND #a = :g",
       ExpressionAttributeNames={"#b": "B", "#a": "a_b"}),
     q(ProjectionExpression="zz, c, n, m"),
     q(ProjectionExpression=EIGHTEEN),
     q(ProjectionExpression="n01, n12"),
     q(ProjectionExpression="n12, n01"),
     q(ProjectionExpression="n12, zz, n01"),
     q(ProjectionExpression="n01.a, n12[0], n00, n11"),
     lq(AttributesToGet=["zz", "c", "n", "m"]),
     lq(AttributesToGet=["n12", "n01"]),
     lq(QueryFilter={"zz": {"ComparisonOperator": "NULL"},
                     "c": {"ComparisonOperator": "NULL"}}),
     ("Query", {"TableName": "ord", "IndexName": "lkx",
                "KeyConditionExpression": "pk = :g",
                "FilterExpression": "zz = c",
                "ExpressionAttributeValues": G}),
     ("Scan", {"TableName": "ord", "IndexName": "gkx",
               "AttributesToGet": ["zz", "c", "n", "m"]}))
ELEVEN = ["n%02d" % i for i in range(11)]
# A ProjectionExpression's names go through two Java tables: the keys of
# its projection tree (a HashMap; a key hashes as 8191 * 127 plus the
# name's String.hashCode()), put last path first, then a HashSet of the
# names in that map's order; n and gsk share a bucket of the set, not of
# the map. The projected names are in both tables until the end: with
# pk and gpk, thirteen names make the tables 32 buckets wide.
case("unprojected.map_then_set", IDX,
     q(ProjectionExpression="n, gsk"),
     q(ProjectionExpression="gsk, n"),
     q(ProjectionExpression="n, s, gsk"),
     q(ProjectionExpression="gsk, s[1].x, n"),
     q(ProjectionExpression="#n, s, #g",
       ExpressionAttributeNames={"#n": "n", "#g": "gsk"}),
     q(ProjectionExpression=", ".join(ELEVEN)),
     q(ProjectionExpression=", ".join(ELEVEN + ["pk", "gpk"])),
     q(ProjectionExpression=", ".join(["pk"] + ELEVEN + ["gpk"])),
     lq(AttributesToGet=ELEVEN),
     lq(AttributesToGet=["pk", "gpk"] + ELEVEN),
     lq(AttributesToGet=["gsk", "n"]),
     ("Scan", {"TableName": "ord", "IndexName": "gkx",
               "ProjectionExpression": "pk, gsk, gpk, n"}))
case("checks.query_order", IDX,
     q(ProjectionExpression="zz, c", FilterExpression="n = m"),
     q(ProjectionExpression="pk.x", FilterExpression="n = m"),
     q(ProjectionExpression="zz", FilterExpression="pk.x = m"),
     q(ProjectionExpression="sk.y", FilterExpression="lsk.x = m"),
     lq(AttributesToGet=["zz", "c"],
        QueryFilter={"n": {"ComparisonOperator": "NULL"}}),
     q(Select="ALL_ATTRIBUTES", FilterExpression="pk.x = m"),
     q(Select="ALL_ATTRIBUTES", FilterExpression="n = m"),
     q(Select="SPECIFIC_ATTRIBUTES", FilterExpression="n = m"),
     q(ExclusiveStartKey={"zz": {"S": "1"}}, FilterExpression="n = m"),
     q(ExclusiveStartKey={"zz": {"S": "1"}}, FilterExpression="pk.x = m"),
     q(Limit=0, FilterExpression="n = m"),
     q(ConsistentRead=True, FilterExpression="n = m"),
     q(FilterExpression="lsk.x = :g"),
     ("Query", {"TableName": "ord", "IndexName": "gkx",
                "KeyConditionExpression": "pk = :g",
                "FilterExpression": "n = m", "ExpressionAttributeValues": G}))
case("checks.scan_order", IDX,
     ("Scan", {"TableName": "ord", "IndexName": "gkx",
               "ProjectionExpression": "zz, c", "FilterExpression": "n = m"}),
     ("Scan", {"TableName": "ord", "IndexName": "gkx",
               "ProjectionExpression": "zz, pk.x"}),
     ("Scan", {"TableName": "ord", "IndexName": "gkx",
               "Select": "ALL_ATTRIBUTES", "FilterExpression": "pk.x = m"}),
     ("Scan", {"TableName": "ord", "FilterExpression": "gpk.x = :g",
               "ExpressionAttributeValues": G}))


# ------------------------------------------ LastEvaluatedKey after Limit
def lq3(kc, vals, limit, fwd=True, table="ord"):
    ev = {":p": {"S": "p"}}
    ev.update(vals)
    return ("Query", {"TableName": table,
                      "KeyConditionExpression": "pk = :p AND " + kc,
                      "Limit": limit, "ScanIndexForward": fwd,
                      "ExpressionAttributeValues": ev})


def NV(v):
    return {"N": v}


ROWS3 = [put({"pk": {"S": "p"}, "sk": {"N": v}}) for v in ("1", "2", "3")]
case("lek.bounds", table(), *ROWS3,
     lq3("sk <= :a", {":a": NV("3")}, 3),
     lq3("sk <= :a", {":a": NV("5")}, 3),
     lq3("sk <= :a", {":a": NV("2")}, 2),
     lq3("sk < :a", {":a": NV("4")}, 3),
     lq3("sk BETWEEN :a AND :b", {":a": NV("1"), ":b": NV("3")}, 3),
     lq3("sk BETWEEN :a AND :b", {":a": NV("0"), ":b": NV("5")}, 3),
     lq3("sk BETWEEN :a AND :b", {":a": NV("1"), ":b": NV("3")}, 3, False),
     lq3("sk BETWEEN :a AND :b", {":a": NV("0"), ":b": NV("5")}, 3, False),
     lq3("sk >= :a", {":a": NV("1")}, 3, False),
     lq3("sk > :a", {":a": NV("0")}, 3, False),
     lq3("sk = :a", {":a": NV("2")}, 1),
     lq3("sk = :a", {":a": NV("2")}, 1, False))
STR = ("CreateTable", {"TableName": "ords", "BillingMode": "PAY_PER_REQUEST",
                       "KeySchema": ks("pk", "sk"), "AttributeDefinitions": [
                           {"AttributeName": "pk", "AttributeType": "S"},
                           {"AttributeName": "sk", "AttributeType": "S"}]})
case("lek.begins_with", STR,
     *[("PutItem", {"TableName": "ords",
                    "Item": {"pk": {"S": "p"}, "sk": {"S": v}}})
       for v in ("a", "ab", "b")],
     lq3("begins_with(sk, :a)", {":a": {"S": "a"}}, 2, table="ords"),
     lq3("begins_with(sk, :a)", {":a": {"S": "a"}}, 2, False, table="ords"),
     lq3("begins_with(sk, :a)", {":a": {"S": "b"}}, 1, table="ords"))

case("checks.start_key_before_filter_keys", table(), *ROWS3,
     ("Query", {"TableName": "ord",
                "KeyConditionExpression": "pk = :p AND sk > :a",
                "FilterExpression": "pk = :p",
                "ExclusiveStartKey": {"pk": {"S": "p"}, "sk": {"N": "1"}},
                "ExpressionAttributeValues": {":p": {"S": "p"},
                                              ":a": NV("2")}}),
     ("Query", {"TableName": "ord", "KeyConditionExpression": "pk = :p",
                "FilterExpression": "sk = :a",
                "ExclusiveStartKey": {"pk": {"S": "q"}, "sk": {"N": "1"}},
                "ExpressionAttributeValues": {":p": {"S": "p"},
                                              ":a": NV("2")}}))

# ------------------------------------- ConsistentRead on a global index
G1 = {":g": {"S": "x"}}
case("checks.query_consistent_order", IDX,
     q(ConsistentRead=True, IndexName="gix",
       KeyConditionExpression="gpk = :g AND begins_with(gsk, :n)",
       ExpressionAttributeValues={":g": {"S": "x"}, ":n": {"N": "1"}}),
     q(ConsistentRead=True, FilterExpression="lsk.x = :g"),
     q(ConsistentRead=True, ProjectionExpression="n[2], n.b"),
     q(ConsistentRead=True, FilterExpression="a = "),
     q(ConsistentRead=True,
       ExpressionAttributeValues={":g": {"S": "x"}, ":u": {"S": "y"}}),
     q(ConsistentRead=True, KeyConditionExpression="pk = :g"),
     q(ConsistentRead=True, ExclusiveStartKey={"zz": {"S": "1"}}),
     q(ConsistentRead=True, Select="SPECIFIC_ATTRIBUTES"),
     ("Scan", {"TableName": "ord", "IndexName": "gkx",
               "ConsistentRead": True, "FilterExpression": "pk.x = :g",
               "ExpressionAttributeValues": G1}))

# ------------------- a transaction's expressions before its items' values
BAD_COND = {"ConditionExpression": "size(a) BETWEEN :t AND c",
            "ExpressionAttributeValues": {":t": {"BOOL": True}}}


def tput(it, **kw):
    return tw({"Put": dict({"TableName": "ord", "Item": it}, **kw)})


case("txn.expressions_before_item", table(),
     tput(item(a={"NS": ["0", "-0"]}), **BAD_COND),
     tput(item(a={"N": "abc"}), **BAD_COND),
     tput(item(a={"SS": []}), **BAD_COND),
     tput(item(a={"SS": ["x", "x"]}), ConditionExpression="a = "),
     tput(item(a={"SS": ["x", "x"]}), ConditionExpression="a = :a",
          ExpressionAttributeValues={":a": {"S": "x"}, ":u": {"S": "y"}}),
     tput(item(a={"SS": ["x", "x"]}),
          ConditionExpression="attribute_exists(pk.a)"),
     tput({"pk": {"S": "a"}}, **BAD_COND),
     tw({"Put": {"TableName": "ord", "Item": item(a={"SS": ["x", "x"]})}},
        {"Put": dict({"TableName": "ord",
                      "Item": {"pk": {"S": "b"}, "sk": {"N": "1"}}},
                     **BAD_COND)}),
     put(item(a={"NS": ["0", "-0"]}), **BAD_COND))


# ------------------- a transaction's actions are checked as they run
def TA(pk):
    return {"pk": {"S": pk}, "sk": {"N": "1"}}


SEQ = table([ix("gix", "gpk")], ad=[("gpk", "S")])
DOC = {"Update": {"TableName": "ord", "Key": TA("a"),
                  "UpdateExpression": "SET m[0] = :v",
                  "ExpressionAttributeValues": {":v": {"N": "1"}}}}
NEST = {"Put": {"TableName": "ord", "Item": TA("b"),
                "ConditionExpression": "attribute_exists(pk.a)"}}
EMPTY = {"Put": {"TableName": "ord", "Item": dict(TA("c"), gpk=S_EMPTY)}}
FAILC = {"ConditionCheck": {"TableName": "ord", "Key": TA("c"),
                            "ConditionExpression": "attribute_exists(zz)"}}
MISMATCH = {"Put": {"TableName": "ord",
                    "Item": dict(TA("a"), gpk={"N": "1"})}}
PUT_A = {"Put": {"TableName": "ord", "Item": TA("a")}}
SAME_ITEM = ("DynamoDB Local lets a failed condition cancel a transaction "
             "with two actions on one item; AWS documents the request as "
             "refused")
case("txn.actions_in_turn", SEQ,
     put(dict(TA("a"), m={"S": "str"})),
     tw(DOC, NEST), tw(NEST, DOC), tw(DOC, EMPTY), tw(EMPTY, DOC),
     tw(FAILC, NEST), tw(FAILC, EMPTY),
     tw(MISMATCH, PUT_A), tw(PUT_A, MISMATCH),
     tw({"Delete": {"TableName": "ord", "Key": TA("a")}},
        {"ConditionCheck": {
            "TableName": "ord", "Key": TA("a"),
            "ConditionExpression": "attribute_not_exists(v)"}}),
     tw(PUT_A, {"Put": {"TableName": "ord", "Item": TA("a"),
                        "ConditionExpression": "attribute_not_exists(v)"}}))
case("txn.same_item_condition_fails", SEQ,
     put(dict(TA("a"), v={"N": "1"})),
     tw({"Put": {"TableName": "ord", "Item": TA("a"),
                 "ConditionExpression": "attribute_not_exists(v)"}}, PUT_A),
     aws={"type": "ValidationException",
          "message": "Transaction request cannot include multiple "
                     "operations on one item", "note": SAME_ITEM})


# ---------------------- BatchWriteItem: every write's values, then keys
def bw(*reqs):
    return ("BatchWriteItem", {"RequestItems": {"ord": list(reqs)}})


def PR(it):
    return {"PutRequest": {"Item": it}}


def DR(key):
    return {"DeleteRequest": {"Key": key}}


DUP_SS = {"SS": ["a", "a"]}
case("batch_write.order_of_checks", SEQ,
     bw(PR(dict(TA("a"), gpk={"N": "1"})), PR(dict(TA("b"), x=DUP_SS))),
     bw(PR({"pk": {"S": "a"}}), PR(dict(TA("b"), x=DUP_SS))),
     bw(PR({"pk": {"S": "a"}, "sk": {"S": "x"}}), PR(dict(TA("b"), x=DUP_SS))),
     bw(DR({"pk": {"S": "a"}, "sk": {"N": "abc"}}),
        PR(dict(TA("b"), x=DUP_SS))),
     bw(DR({"pk": {"S": "a"}}), PR(dict(TA("b"), gpk=S_EMPTY))),
     bw(PR(dict(TA("b"), gpk=S_EMPTY)), DR({"pk": {"S": "a"}})),
     bw(PR(TA("a")), PR(TA("a")), PR(dict(TA("b"), x=DUP_SS))),
     bw(PR(TA("a")), PR(TA("a")), PR(dict(TA("b"), gpk=S_EMPTY))),
     bw(DR(TA("a")), PR(dict(TA("a"), gpk=S_EMPTY))))


# Over several tables (random_streams.py found it): every write's values
# in the request's order, before any table is looked up; then table by
# table in the order of a java.util.HashMap copied from the request's
# (Java 17: 4 buckets for two tables, 8 for three; qq-b's bucket is 0,
# qq-a's 1; at 4 buckets qq-ad comes before qq-bb, at 8 after; at 8
# qq-ad before qq-ca, at 16 after) the keys, index keys and duplicates;
# and the tables are written in that order (the order of their records'
# sequence numbers).
def bwt(*parts):
    return ("BatchWriteItem", {"RequestItems": dict(parts)})


def one(name):
    return ("CreateTable", dict(SEQ[1], TableName=name))


def KO(pk):
    return {"pk": {"S": pk}, "sk": {"N": "1"}}


BADI = PR(dict(KO("z"), gpk={"N": "1"}))
TWICE = [DR(KO("p")), DR(KO("p"))]
case("batch_write.tables_in_hash_order", one("qq-a"), one("qq-b"),
     one("qq-ad"), one("qq-bb"), one("qq-ca"), one("qq-x1"),
     bwt(("qq-a", [BADI]), ("qq-b", TWICE)),
     bwt(("qq-b", TWICE), ("qq-a", [BADI])),
     bwt(("qq-bb", TWICE), ("qq-ad", [BADI])),
     bwt(("qq-ad", [BADI]), ("qq-bb", TWICE)),
     bwt(("qq-ca", TWICE), ("qq-ad", [BADI]), ("qq-x1", [PR(KO("z"))])),
     bwt(("qq-x1", [PR(KO("z"))]), ("qq-ad", [BADI]), ("qq-ca", TWICE)),
     bwt(("qq-missing", [PR(dict(KO("a"), v={"NS": ["1e999"]}))])),
     bwt(("qq-missing", [DR({"pk": {"S": "a"}, "sk": {"N": "1e999"}})])),
     bwt(("qq-missing", [PR(KO("a"))]),
         ("qq-a", [PR(dict(KO("b"), v={"SS": []}))])),
     bwt(("qq-a", [PR(dict(KO("b"), v={"SS": []}))]),
         ("qq-b", [PR(dict(KO("b"), v={"NS": ["1e999"]}))])),
     bwt(("qq-missing", [PR(KO("a")), PR(KO("a"))])))


def main():
    record_sequences(CASES, OUT, "orders.py")


if __name__ == "__main__":
    main()
