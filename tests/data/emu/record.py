#!/usr/bin/env python3
"""tests/data/emu/record.py - record the control-plane corpus from DynamoDB Local.

Each case below is a request (after optional setup requests) whose answer
DynamoDB Local gives us: an error type and message, or success. The answers
are written to ctl_cases.json, which tests/unit/test_emu_tables.c replays
against the emulator with no Java needed.

For a success, the recorded response is kept too; the test compares the
emulator's answer with it member by member, leaving out only what
docs/emulator.md lists as chosen differences (TableId, which DynamoDB Local
lacks; times; DeleteTable's TableStatus).

Where DynamoDB Local contradicts AWS (it answers HTTP 500 to wrongly typed
JSON, or accepts a request AWS documents as invalid), a case carries an
"aws" override: the emulator follows AWS, and the DynamoDB Local answer is
kept next to it for the drift report. Re-record with:

    SST_CACHE_DIR=... tests/ddb-local exec python3 tests/data/emu/record.py

Standard library only.
"""
import json
import os
import sys
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "ctl_cases.json")


# DynamoDB Streams' operations: served on the same port by DynamoDB Local,
# under the target prefix DynamoDBStreams_20120810.
STREAM_OPS = ("ListStreams", "DescribeStream", "GetShardIterator",
              "GetRecords")


def target(op):
    """The X-Amz-Target header of operation op."""
    if op in STREAM_OPS:
        return "DynamoDBStreams_20120810." + op
    return "DynamoDB_20120810." + op


def call(endpoint, op, body):
    data = json.dumps(body).encode()
    req = urllib.request.Request(endpoint, data=data, method="POST", headers={
        "X-Amz-Target": target(op),
        "Content-Type": "application/x-amz-json-1.0",
        "Authorization": "AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/"
                         "dynamodb/aws4_request, SignedHeaders=host, "
                         "Signature=0"})
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, json.loads(r.read().decode())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read().decode())


# ------------------------------------------------------------------ builders
def H(n):
    return {"AttributeName": n, "KeyType": "HASH"}


def R(n):
    return {"AttributeName": n, "KeyType": "RANGE"}


def A(n, t="S"):
    return {"AttributeName": n, "AttributeType": t}


ALL = {"ProjectionType": "ALL"}


# Attribute values, and the tables the sequence recorders share (txn.py,
# partiql.py, partiql_batch.py).
def S(v):
    return {"S": v}


def N(v):
    return {"N": v}


# Hash and range key, a global index on g (ALL).
MAIN = {"TableName": "tbl", "BillingMode": "PAY_PER_REQUEST",
        "KeySchema": [H("pk"), R("sk")],
        "AttributeDefinitions": [A("pk"), A("sk", "N"), A("g")],
        "GlobalSecondaryIndexes": [
            {"IndexName": "gidx", "KeySchema": [H("g")],
             "Projection": {"ProjectionType": "ALL"}}]}
# Hash key only.
ONE = {"TableName": "one", "BillingMode": "PAY_PER_REQUEST",
       "KeySchema": [H("pk")], "AttributeDefinitions": [A("pk")]}
PT = {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}


def IX(name, ks, proj=ALL, **kw):
    d = {"IndexName": name, "KeySchema": ks}
    if proj is not None:
        d["Projection"] = proj
    d.update(kw)
    return d


def CT(name="tbl", ks=None, ad=None, billing="PAY_PER_REQUEST", **kw):
    """A valid CreateTable request, changed by keyword arguments; a value
    of None removes the member."""
    b = {"TableName": name,
         "KeySchema": [H("pk")] if ks is None else ks,
         "AttributeDefinitions": [A("pk")] if ad is None else ad}
    if billing is not None:
        b["BillingMode"] = billing
    for k, v in kw.items():
        if v is None:
            b.pop(k, None)
        else:
            b[k] = v
    return b


def CT2(**kw):
    """A valid hash+range table with one extra attribute g for indexes."""
    kw.setdefault("ks", [H("pk"), R("sk")])
    kw.setdefault("ad", [A("pk"), A("sk"), A("g")])
    return CT(**kw)


NAME_MSG = ("Invalid table/index name.  Table/index names must be between 3 "
            "and 255 characters long, and may contain only the characters "
            "a-z, A-Z, 0-9, '_', '-', and '.'")
SER_STR_NUM = ("class com.amazon.coral.value.json.numbers.TruncatingBigNumber"
               " can not be converted to an String")
SER_STR_BOOL = "class java.lang.Boolean can not be converted to an String"
SER_LIST = "Start of list found where not expected"
SER_STRUCT = "Start of structure or map found where not expected."
DDB_500 = "DynamoDB Local answers HTTP 500 InternalFailure; AWS answers 400 SerializationException"


def ser(msg):
    return {"type": "SerializationException", "message": msg,
            "note": DDB_500}


def aws_val(msg, note):
    return {"type": "ValidationException", "message": msg, "note": note}


CASES = []


def case(name, op, req, setup=(), aws=None):
    CASES.append({"name": name, "op": op, "request": req,
                  "setup": [[o, r] for o, r in setup], "aws": aws})


# ------------------------------------------------------------------ CreateTable
case("ct.ok.hash", "CreateTable", CT())
case("ct.ok.hash_range_gsi_lsi", "CreateTable",
     CT2(GlobalSecondaryIndexes=[IX("gsi1", [H("g"), R("pk")])],
         LocalSecondaryIndexes=[IX("lsi1", [H("pk"), R("g")],
                                   {"ProjectionType": "KEYS_ONLY"})]))
case("ct.ok.provisioned", "CreateTable",
     CT(billing=None, ProvisionedThroughput={"ReadCapacityUnits": 5,
                                             "WriteCapacityUnits": 7}))
case("ct.ok.provisioned_explicit", "CreateTable",
     CT(billing="PROVISIONED", ProvisionedThroughput=PT))
case("ct.ok.gsi_multi_attribute_keys", "CreateTable",
     CT(ad=[A("pk"), A("a"), A("b", "N"), A("c"), A("d", "B")],
        GlobalSecondaryIndexes=[IX("multi", [H("a"), H("b"), R("c"),
                                             R("d")])]))
case("ct.ok.gsi_same_key_as_table", "CreateTable",
     CT2(ad=[A("pk"), A("sk")],
         GlobalSecondaryIndexes=[IX("same", [H("pk"), R("sk")])]))
case("ct.ok.include_key_attribute", "CreateTable",
     CT2(GlobalSecondaryIndexes=[IX("gsi1", [H("g")], {
         "ProjectionType": "INCLUDE", "NonKeyAttributes": ["pk", "x"]})]))
case("ct.ok.include_21_in_one_index", "CreateTable",
     CT2(GlobalSecondaryIndexes=[IX("gsi1", [H("g")], {
         "ProjectionType": "INCLUDE",
         "NonKeyAttributes": ["n%02d" % i for i in range(21)]})]))
case("ct.ok.name_255", "CreateTable", CT(name="t" * 255))
case("ct.ok.name_chars", "CreateTable", CT(name="A-z_0.9"))
case("ct.ok.attr_name_255", "CreateTable",
     CT(ks=[H("a" * 255)], ad=[A("a" * 255)]))
case("ct.ok.twenty_gsis", "CreateTable",
     CT2(GlobalSecondaryIndexes=[IX("g%02d" % i, [H("g")])
                                 for i in range(20)]))
case("ct.ok.five_lsis", "CreateTable",
     CT2(LocalSecondaryIndexes=[IX("l%02d" % i, [H("pk"), R("g")])
                                for i in range(5)]))
case("ct.ok.empty_lsi_list", "CreateTable",
     CT2(ad=[A("pk"), A("sk")], LocalSecondaryIndexes=[]))
case("ct.ok.deletion_protection", "CreateTable",
     CT(DeletionProtectionEnabled=True))
case("ct.ok.null_member_ignored", "CreateTable",
     CT(GlobalSecondaryIndexes=None, ProvisionedThroughput=None) | {
         "GlobalSecondaryIndexes": None})

# table name
case("ct.name.missing", "CreateTable", CT(TableName=None))
case("ct.name.short", "CreateTable", CT(name="ab"))
case("ct.name.long", "CreateTable", CT(name="t" * 256))
case("ct.name.space", "CreateTable", CT(name="a b"))
case("ct.name.empty", "CreateTable", CT(name=""))
case("ct.name.unicode", "CreateTable", CT(name="t\u00e9st"))
case("ct.name.before_everything", "CreateTable", {"TableName": "x"})
case("ct.exists", "CreateTable", CT(), setup=[("CreateTable", CT())])
case("ct.exists_after_validation", "CreateTable", CT(ks=[R("pk")]),
     setup=[("CreateTable", CT())])

# key schema
case("ct.ks.missing", "CreateTable", CT(KeySchema=None))
case("ct.ks.empty", "CreateTable", CT(ks=[]))
case("ct.ks.missing_before_ad", "CreateTable",
     CT(KeySchema=None, AttributeDefinitions=None, billing=None))
case("ct.ks.range_only", "CreateTable", CT(ks=[R("pk")]))
case("ct.ks.two_hash", "CreateTable", CT(ks=[H("pk"), H("sk")],
                                         ad=[A("pk"), A("sk")]))
case("ct.ks.same_name", "CreateTable", CT(ks=[H("pk"), H("pk")]))
case("ct.ks.same_name_range", "CreateTable", CT(ks=[H("pk"), R("pk")]))
case("ct.ks.three", "CreateTable", CT(ks=[H("pk"), R("sk"), R("x")]))
case("ct.ks.range_first", "CreateTable", CT(ks=[R("sk"), H("pk")],
                                            ad=[A("pk"), A("sk")]))
case("ct.ks.keytype_bad", "CreateTable",
     CT(ks=[{"AttributeName": "pk", "KeyType": "FOO"}]))
case("ct.ks.keytype_lower", "CreateTable",
     CT(ks=[{"AttributeName": "pk", "KeyType": "hash"}]))
case("ct.ks.keytype_missing", "CreateTable",
     CT(ks=[{"AttributeName": "pk"}]))
case("ct.ks.keytype_missing_second", "CreateTable",
     CT(ks=[H("pk"), {"AttributeName": "sk"}], ad=[A("pk"), A("sk")]))
case("ct.ks.name_missing", "CreateTable", CT(ks=[{"KeyType": "HASH"}]))
case("ct.ks.name_empty", "CreateTable", CT(ks=[H("")]))
case("ct.ks.name_long", "CreateTable", CT(ks=[H("a" * 256)],
                                          ad=[A("a" * 256)]))
case("ct.ks.hash_undefined", "CreateTable", CT(ks=[H("zz")]))
case("ct.ks.range_undefined", "CreateTable", CT(ks=[H("pk"), R("sk")]))
case("ct.ks.before_ad_missing", "CreateTable",
     CT(ks=[R("pk")], AttributeDefinitions=None))
case("ct.ks.before_billing", "CreateTable", CT(ks=[R("pk")], billing=None))
case("ct.ks.before_ad_dup", "CreateTable", CT(ks=[R("pk")],
                                              ad=[A("pk"), A("pk")]))
case("ct.ks.element_not_object", "CreateTable", CT(ks=["pk"]),
     aws=ser("Expected null"))

# attribute definitions
case("ct.ad.missing", "CreateTable", CT(AttributeDefinitions=None))
case("ct.ad.empty", "CreateTable", CT(ad=[]))
case("ct.ad.type_bad", "CreateTable", CT(ad=[A("pk", "X")]))
case("ct.ad.type_bool", "CreateTable", CT(ad=[A("pk", "BOOL")]))
case("ct.ad.type_lower", "CreateTable", CT(ad=[A("pk", "s")]))
case("ct.ad.type_missing", "CreateTable", CT(ad=[{"AttributeName": "pk"}]))
case("ct.ad.name_missing", "CreateTable", CT(ad=[{"AttributeType": "S"}]))
case("ct.ad.name_empty", "CreateTable", CT(ad=[A("pk"), A("")]))
case("ct.ad.duplicate", "CreateTable", CT(ad=[A("pk"), A("pk")]))
case("ct.ad.duplicate_other_type", "CreateTable",
     CT(ad=[A("pk"), A("pk", "N")]))
case("ct.ad.duplicate_before_unused", "CreateTable",
     CT(ad=[A("pk"), A("pk"), A("x")]))
case("ct.ad.unused", "CreateTable", CT(ad=[A("pk"), A("x")]))
case("ct.ad.unused_before_billing", "CreateTable",
     CT(ad=[A("pk"), A("x")], billing=None))
case("ct.ad.unused_with_gsi", "CreateTable",
     CT2(ad=[A("pk"), A("sk"), A("g"), A("u")],
         GlobalSecondaryIndexes=[IX("gsi1", [H("g")])]))
case("ct.ad.unused_with_empty_lsi", "CreateTable",
     CT2(LocalSecondaryIndexes=[]))
case("ct.ad.type_bad_vs_unused", "CreateTable",
     CT(ad=[A("pk"), A("x", "X")]))
case("ct.ad.name_empty_vs_type_bad", "CreateTable",
     CT(ad=[A("pk"), A("", "X")]))

# billing and throughput
case("ct.billing.missing", "CreateTable", CT(billing=None))
case("ct.billing.provisioned_no_pt", "CreateTable", CT(billing="PROVISIONED"))
case("ct.billing.bad_enum", "CreateTable", CT(billing="FOO"),
     aws=aws_val("1 validation error detected: Value 'FOO' at 'billingMode' "
                 "failed to satisfy constraint: Member must satisfy enum "
                 "value set: [PROVISIONED, PAY_PER_REQUEST]",
                 "DynamoDB Local answers HTTP 500 InternalFailure"))
case("ct.billing.ppr_with_pt", "CreateTable", CT(ProvisionedThroughput=PT),
     aws=aws_val("One or more parameter values were invalid: Neither "
                 "ReadCapacityUnits nor WriteCapacityUnits can be specified "
                 "when BillingMode is PAY_PER_REQUEST",
                 "DynamoDB Local accepts it; AWS documents that "
                 "ProvisionedThroughput cannot be specified with "
                 "PAY_PER_REQUEST"))
case("ct.pt.read_zero", "CreateTable",
     CT(billing="PROVISIONED",
        ProvisionedThroughput={"ReadCapacityUnits": 0,
                               "WriteCapacityUnits": 1}))
case("ct.pt.write_zero", "CreateTable",
     CT(billing=None, ProvisionedThroughput={"ReadCapacityUnits": 1,
                                             "WriteCapacityUnits": 0}))
case("ct.pt.negative", "CreateTable",
     CT(billing=None, ProvisionedThroughput={"ReadCapacityUnits": -5,
                                             "WriteCapacityUnits": 1}))
case("ct.pt.write_missing", "CreateTable",
     CT(billing=None, ProvisionedThroughput={"ReadCapacityUnits": 1}))
case("ct.pt.empty", "CreateTable", CT(billing=None, ProvisionedThroughput={}))
case("ct.pt.over_40000", "CreateTable",
     CT(billing=None, ProvisionedThroughput={"ReadCapacityUnits": 40001,
                                             "WriteCapacityUnits": 1}))
case("ct.pt.at_40000", "CreateTable",
     CT(billing=None, ProvisionedThroughput={"ReadCapacityUnits": 40000,
                                             "WriteCapacityUnits": 40000}))
case("ct.pt.write_over_40000", "CreateTable",
     CT(billing=None, ProvisionedThroughput={"ReadCapacityUnits": 1,
                                             "WriteCapacityUnits": 40001}))
case("ct.pt.huge", "CreateTable",
     CT(billing=None, ProvisionedThroughput={"ReadCapacityUnits": 10 ** 13,
                                             "WriteCapacityUnits": 1}))

# global secondary indexes
def GSI(*ix, **kw):
    return CT2(GlobalSecondaryIndexes=list(ix), **kw)


def LSI(*ix, **kw):
    return CT2(LocalSecondaryIndexes=list(ix), **kw)


case("ct.gsi.empty_list", "CreateTable", GSI())
case("ct.gsi.duplicate", "CreateTable", GSI(IX("gsi1", [H("g")]),
                                            IX("gsi1", [H("g")])))
case("ct.gsi.same_name_as_lsi", "CreateTable",
     CT2(GlobalSecondaryIndexes=[IX("idx", [H("g")])],
         LocalSecondaryIndexes=[IX("idx", [H("pk"), R("g")])]))
case("ct.gsi.name_short", "CreateTable", GSI(IX("ab", [H("g")])))
case("ct.gsi.name_space", "CreateTable", GSI(IX("a b", [H("g")])))
case("ct.gsi.name_missing", "CreateTable",
     GSI({"KeySchema": [H("g")], "Projection": ALL}))
case("ct.gsi.name_long", "CreateTable", GSI(IX("i" * 256, [H("g")])))
case("ct.gsi.ks_missing", "CreateTable",
     GSI({"IndexName": "gsi1", "Projection": ALL}))
case("ct.gsi.ks_empty", "CreateTable", GSI(IX("gsi1", [])))
case("ct.gsi.projection_missing", "CreateTable",
     GSI(IX("gsi1", [H("g")], None)))
case("ct.gsi.projection_empty", "CreateTable", GSI(IX("gsi1", [H("g")], {})))
case("ct.gsi.projection_bad", "CreateTable",
     GSI(IX("gsi1", [H("g")], {"ProjectionType": "FOO"})))
case("ct.gsi.projection_lower", "CreateTable",
     GSI(IX("gsi1", [H("g")], {"ProjectionType": "all"})))
case("ct.gsi.include_without_nka", "CreateTable",
     GSI(IX("gsi1", [H("g")], {"ProjectionType": "INCLUDE"})))
case("ct.gsi.include_empty_nka", "CreateTable",
     GSI(IX("gsi1", [H("g")], {"ProjectionType": "INCLUDE",
                               "NonKeyAttributes": []})))
case("ct.gsi.all_with_nka", "CreateTable",
     GSI(IX("gsi1", [H("g")], {"ProjectionType": "ALL",
                               "NonKeyAttributes": ["a"]})))
case("ct.gsi.keys_only_with_nka", "CreateTable",
     GSI(IX("gsi1", [H("g")], {"ProjectionType": "KEYS_ONLY",
                               "NonKeyAttributes": ["a"]})))
case("ct.gsi.nka_without_type", "CreateTable",
     GSI(IX("gsi1", [H("g")], {"NonKeyAttributes": ["a"]})))
case("ct.gsi.nka_duplicate", "CreateTable",
     GSI(IX("gsi1", [H("g")], {"ProjectionType": "INCLUDE",
                               "NonKeyAttributes": ["a", "a"]})))
case("ct.gsi.nka_empty_name", "CreateTable",
     GSI(IX("gsi1", [H("g")], {"ProjectionType": "INCLUDE",
                               "NonKeyAttributes": [""]})))
case("ct.gsi.nka_total_over_100", "CreateTable",
     GSI(*[IX("gs%d" % j, [H("g")], {
         "ProjectionType": "INCLUDE",
         "NonKeyAttributes": ["n%d_%d" % (j, i) for i in range(20)]})
         for j in range(6)]))
case("ct.gsi.nka_total_21", "CreateTable",
     GSI(IX("gs1", [H("g")], {"ProjectionType": "INCLUDE",
                              "NonKeyAttributes": ["n%02d" % i
                                                   for i in range(11)]}),
         IX("gs2", [H("g")], {"ProjectionType": "INCLUDE",
                              "NonKeyAttributes": ["m%02d" % i
                                                   for i in range(10)]})))
case("ct.gsi.nka_total_21_shared", "CreateTable",
     GSI(IX("gs1", [H("g")], {"ProjectionType": "INCLUDE",
                              "NonKeyAttributes": ["n%02d" % i
                                                   for i in range(11)]}),
         IX("gs2", [H("g")], {"ProjectionType": "INCLUDE",
                              "NonKeyAttributes": ["n%02d" % i
                                                   for i in range(10)]})))
case("ct.gsi.hash_undefined", "CreateTable", GSI(IX("gsi1", [H("zz")])))
case("ct.gsi.range_undefined", "CreateTable",
     GSI(IX("gsi1", [H("g"), R("zz")])))
case("ct.gsi.range_only", "CreateTable", GSI(IX("gsi1", [R("g")])))
case("ct.gsi.same_name_keys", "CreateTable",
     GSI(IX("gsi1", [H("g"), R("g")])))
case("ct.gsi.range_first", "CreateTable",
     GSI(IX("gsi1", [R("g"), H("pk")])))
case("ct.gsi.keytype_missing", "CreateTable",
     GSI(IX("gsi1", [{"AttributeName": "g"}])))
case("ct.gsi.key_name_missing", "CreateTable",
     GSI(IX("gsi1", [{"KeyType": "HASH"}])))
case("ct.gsi.five_hash", "CreateTable",
     CT(ad=[A("pk")] + [A("a%d" % i) for i in range(5)],
        GlobalSecondaryIndexes=[IX("gsi1", [H("a%d" % i)
                                            for i in range(5)])]))
case("ct.gsi.five_range", "CreateTable",
     CT(ad=[A("pk")] + [A("a%d" % i) for i in range(6)],
        GlobalSecondaryIndexes=[IX("gsi1", [H("a0")] +
                                   [R("a%d" % i) for i in range(1, 6)])]))
case("ct.gsi.nine_keys", "CreateTable",
     CT(ad=[A("pk")] + [A("a%d" % i) for i in range(9)],
        GlobalSecondaryIndexes=[IX("gsi1", [H("a%d" % i) for i in range(4)]
                                   + [R("a%d" % i) for i in range(4, 9)])]))
case("ct.gsi.hash_range_hash", "CreateTable",
     CT(ad=[A("pk"), A("a"), A("b"), A("c")],
        GlobalSecondaryIndexes=[IX("gsi1", [H("a"), R("b"), H("c")])]))
case("ct.gsi.count_21", "CreateTable",
     GSI(*[IX("g%02d" % i, [H("g")]) for i in range(21)]))
case("ct.gsi.count_before_index_errors", "CreateTable",
     GSI(*([IX("ab", [H("g")])] + [IX("g%02d" % i, [H("g")])
                                    for i in range(20)])))
case("ct.gsi.pt_missing_provisioned", "CreateTable",
     GSI(IX("gsi1", [H("g")]), billing="PROVISIONED",
         ProvisionedThroughput=PT))
case("ct.gsi.pt_missing_billing_absent", "CreateTable",
     GSI(IX("gsi1", [H("g")]), billing=None))
case("ct.gsi.pt_zero", "CreateTable",
     GSI(IX("gsi1", [H("g")], ProvisionedThroughput={
         "ReadCapacityUnits": 0, "WriteCapacityUnits": 1}),
         billing=None, ProvisionedThroughput=PT))
case("ct.gsi.pt_over_40000", "CreateTable",
     GSI(IX("gsi1", [H("g")], ProvisionedThroughput={
         "ReadCapacityUnits": 40001, "WriteCapacityUnits": 1}),
         billing=None, ProvisionedThroughput=PT))
case("ct.gsi.pt_with_ppr", "CreateTable",
     GSI(IX("gsi1", [H("g")], ProvisionedThroughput=PT)),
     aws=aws_val("One or more parameter values were invalid: "
                 "ProvisionedThroughput should not be specified for index: "
                 "gsi1 when BillingMode is PAY_PER_REQUEST",
                 "DynamoDB Local accepts it; AWS rejects it"))
case("ct.gsi.ok_provisioned", "CreateTable",
     GSI(IX("gsi1", [H("g")], ProvisionedThroughput={
         "ReadCapacityUnits": 2, "WriteCapacityUnits": 3}),
         billing=None, ProvisionedThroughput=PT))
case("ct.gsi.name_error_before_unused", "CreateTable",
     CT(ad=[A("pk"), A("x")], GlobalSecondaryIndexes=[IX("ab", [H("pk")])]))
case("ct.gsi.first_error_wins", "CreateTable",
     GSI(IX("gsi1", [H("g")], {"ProjectionType": "INCLUDE"}),
         IX("ab", [H("g")])))
case("ct.gsi.duplicate_before_projection", "CreateTable",
     GSI(IX("gsi1", [H("g")]),
         IX("gsi1", [H("g")], {"ProjectionType": "INCLUDE"})))
case("ct.gsi.pt_before_table_pt", "CreateTable",
     GSI(IX("gsi1", [H("g")]), billing=None,
         ProvisionedThroughput={"ReadCapacityUnits": 0,
                                "WriteCapacityUnits": 1}))
case("ct.gsi.undefined_vs_projection", "CreateTable",
     GSI(IX("gsi1", [H("zz")], None)))

# local secondary indexes
case("ct.lsi.on_hash_table", "CreateTable",
     CT(ad=[A("pk"), A("g")],
        LocalSecondaryIndexes=[IX("lsi1", [H("pk"), R("g")])]))
case("ct.lsi.other_hash", "CreateTable",
     LSI(IX("lsi1", [H("sk"), R("g")])))
case("ct.lsi.no_range", "CreateTable", LSI(IX("lsi1", [H("pk")])))
case("ct.lsi.no_range_other_hash", "CreateTable",
     LSI(IX("lsi1", [H("sk")])))
case("ct.ok.lsi_keys_only_empty_non_key", "CreateTable",
     LSI(IX("lsi1", [H("pk"), R("g")], {"ProjectionType": "KEYS_ONLY",
                                        "NonKeyAttributes": []})))
case("ct.ok.gsi_all_empty_non_key", "CreateTable",
     GSI(IX("gsi1", [H("g")], {"ProjectionType": "ALL",
                               "NonKeyAttributes": []})))
case("dt.ok.empty_non_key", "DescribeTable", {"TableName": "tbl"},
     setup=[("CreateTable", LSI(IX("lsi1", [H("pk"), R("g")],
                                   {"ProjectionType": "KEYS_ONLY",
                                    "NonKeyAttributes": []})))])
case("ct.lsi.range_undefined", "CreateTable",
     LSI(IX("lsi1", [H("pk"), R("zz")])))
case("ct.lsi.duplicate", "CreateTable", LSI(IX("lsi1", [H("pk"), R("g")]),
                                            IX("lsi1", [H("pk"), R("g")])))
case("ct.lsi.count_6", "CreateTable",
     LSI(*[IX("l%02d" % i, [H("pk"), R("g")]) for i in range(6)]))
case("ct.lsi.three_keys", "CreateTable",
     LSI(IX("lsi1", [H("pk"), R("g"), R("sk")])))
case("ct.lsi.range_is_table_range", "CreateTable",
     LSI(IX("lsi1", [H("pk"), R("sk")]), ad=[A("pk"), A("sk")]))
case("ct.lsi.include", "CreateTable",
     LSI(IX("lsi1", [H("pk"), R("g")], {"ProjectionType": "INCLUDE",
                                        "NonKeyAttributes": ["a"]})))
case("ct.lsi.projection_missing", "CreateTable",
     LSI(IX("lsi1", [H("pk"), R("g")], None)))
case("ct.lsi.name_short", "CreateTable", LSI(IX("ab", [H("pk"), R("g")])))
case("ct.lsi.with_pt", "CreateTable",
     LSI(IX("lsi1", [H("pk"), R("g")], ProvisionedThroughput=PT)))
case("ct.lsi.error_before_gsi_error", "CreateTable",
     CT2(GlobalSecondaryIndexes=[IX("ab", [H("g")])],
         LocalSecondaryIndexes=[IX("lsi1", [H("pk")])]))
case("ct.lsi.hash_table_before_gsi_error", "CreateTable",
     CT(ad=[A("pk"), A("g")], GlobalSecondaryIndexes=[IX("ab", [H("g")])],
        LocalSecondaryIndexes=[IX("lsi1", [H("pk"), R("g")])]))

# the account's quota: 80,000 read and 80,000 write units over every
# table and global index, counted before a table's existence
def PROV(name, r, w, **kw):
    return CT(name, billing=None, ProvisionedThroughput={
        "ReadCapacityUnits": r, "WriteCapacityUnits": w}, **kw)


W40K = [("CreateTable", PROV("ta1", 1, 40000)),
        ("CreateTable", PROV("ta2", 1, 40000))]
case("ct.account.write_units_full", "CreateTable", PROV("ta3", 1, 1),
     setup=W40K)
case("ct.account.exists_within_quota", "CreateTable", PROV("ta1", 1, 40000),
     setup=W40K)
case("ct.account.over_before_exists", "CreateTable",
     PROV("ta1", 1, 40000, ad=[A("pk"), A("g")],
          GlobalSecondaryIndexes=[IX("gsi1", [H("g")],
                                     ProvisionedThroughput=PT)]),
     setup=W40K)
case("ct.account.index_read_units", "CreateTable",
     PROV("tb2", 39999, 1, ad=[A("pk"), A("g")],
          GlobalSecondaryIndexes=[IX("gsi1", [H("g")],
                                     ProvisionedThroughput={
                                         "ReadCapacityUnits": 2,
                                         "WriteCapacityUnits": 1})]),
     setup=[("CreateTable", PROV("tb1", 40000, 1))])
case("ct.account.index_read_units_full", "CreateTable",
     PROV("tb2", 39999, 1, ad=[A("pk"), A("g")],
          GlobalSecondaryIndexes=[IX("gsi1", [H("g")],
                                     ProvisionedThroughput=PT)]),
     setup=[("CreateTable", PROV("tb1", 40000, 1))])
case("ct.account.pay_per_request_free", "CreateTable", CT("tc2"),
     setup=W40K)

# order of CreateTable's checks (which error wins when several apply)
def INC(j, n=20):
    return {"ProjectionType": "INCLUDE",
            "NonKeyAttributes": ["n%d_%d" % (j, i) for i in range(n)]}


PT0 = {"ReadCapacityUnits": 0, "WriteCapacityUnits": 1}
PTBIG = {"ReadCapacityUnits": 40001, "WriteCapacityUnits": 1}
case("ct.order.gsi_pt_missing_before_unused", "CreateTable",
     GSI(IX("gsi1", [H("g")]), ad=[A("pk"), A("sk"), A("g"), A("u")],
         billing=None, ProvisionedThroughput=PT))
case("ct.order.gsi_pt_missing_before_gsi_checks", "CreateTable",
     GSI(IX("gsi1", [R("g")]), billing=None, ProvisionedThroughput=PT))
case("ct.order.gsi_pt_missing_before_duplicate", "CreateTable",
     GSI(IX("gsi1", [H("g")]), IX("gsi1", [H("g")]), billing=None,
         ProvisionedThroughput=PT))
case("ct.order.gsi_count_before_pt_missing", "CreateTable",
     GSI(*[IX("g%02d" % i, [H("g")]) for i in range(21)], billing=None,
         ProvisionedThroughput=PT))
case("ct.order.gsi_empty_before_billing", "CreateTable", GSI(billing=None))
# index by index: an index's throughput, then its LSI name, projection
# and key schema, before the next index (found by random_ctl.py)
case("ct.order.gsi_projection_before_next_gsi_pt_missing", "CreateTable",
     GSI(IX("gsi1", [H("g")], {"ProjectionType": "INCLUDE"},
            ProvisionedThroughput=PT), IX("gsi2", [H("g")]), billing=None,
         ProvisionedThroughput=PT))
case("ct.order.gsi_pt_missing_before_lsi_name", "CreateTable",
     CT2(GlobalSecondaryIndexes=[IX("idx", [H("g")])],
         LocalSecondaryIndexes=[IX("idx", [H("pk"), R("g")])],
         billing=None, ProvisionedThroughput=PT))
case("ct.order.gsi_projection_before_next_gsi_lsi_name", "CreateTable",
     CT2(GlobalSecondaryIndexes=[IX("gsi1", [H("g")],
                                    {"ProjectionType": "INCLUDE"}),
                                 IX("idx", [H("g")])],
         LocalSecondaryIndexes=[IX("idx", [H("pk"), R("g")])]))
case("ct.order.gsi_pt_zero_before_lsi_name", "CreateTable",
     CT2(GlobalSecondaryIndexes=[IX("idx", [H("g")],
                                    ProvisionedThroughput=PT0)],
         LocalSecondaryIndexes=[IX("idx", [H("pk"), R("g")])],
         billing=None, ProvisionedThroughput=PT))
case("ct.order.gsi_pt_zero_before_projection", "CreateTable",
     GSI(IX("gsi1", [H("g")], {"ProjectionType": "INCLUDE"},
            ProvisionedThroughput=PT0), billing=None,
         ProvisionedThroughput=PT))
case("ct.order.gsi_pt_zero_before_other_gsi_name", "CreateTable",
     GSI(IX("ab", [H("g")], ProvisionedThroughput=PT),
         IX("gsi2", [H("g")], ProvisionedThroughput=PT0), billing=None,
         ProvisionedThroughput=PT))
case("ct.order.gsi_pt_over_before_table_pt", "CreateTable",
     GSI(IX("gsi1", [H("g")], ProvisionedThroughput=PTBIG), billing=None,
         ProvisionedThroughput=PT0))
case("ct.order.gsi_error_before_table_pt", "CreateTable",
     GSI(IX("gsi1", [H("g")], {"ProjectionType": "INCLUDE"},
            ProvisionedThroughput=PT), billing=None,
         ProvisionedThroughput=PTBIG))
case("ct.order.unused_before_table_pt", "CreateTable",
     CT(ad=[A("pk"), A("u")], billing=None, ProvisionedThroughput=PT0))
case("ct.order.table_pt_min_before_max", "CreateTable",
     CT(billing=None, ProvisionedThroughput={"ReadCapacityUnits": 40001,
                                             "WriteCapacityUnits": 0}))
case("ct.order.key_undefined_before_billing", "CreateTable",
     CT(ks=[H("zz")], billing=None))
case("ct.order.ad_type_before_billing", "CreateTable",
     CT(ad=[A("pk", "X")], billing=None))
case("ct.order.lsi_before_gsi_pt_missing", "CreateTable",
     CT2(billing=None, ProvisionedThroughput=PT,
         GlobalSecondaryIndexes=[IX("gsi1", [H("g")])],
         LocalSecondaryIndexes=[IX("lsi1", [H("pk")])]))
case("ct.order.lsi_before_gsi_count", "CreateTable",
     CT2(GlobalSecondaryIndexes=[IX("g%02d" % i, [H("g")])
                                 for i in range(21)],
         LocalSecondaryIndexes=[IX("lsi1", [H("pk")])]))
case("ct.order.lsi_before_gsi_empty", "CreateTable",
     CT2(GlobalSecondaryIndexes=[],
         LocalSecondaryIndexes=[IX("lsi1", [H("pk")])]))
case("ct.order.lsi_count_before_gsi", "CreateTable",
     CT2(GlobalSecondaryIndexes=[IX("ab", [H("g")])],
         LocalSecondaryIndexes=[IX("l%02d" % i, [H("pk"), R("g")])
                                for i in range(6)]))
case("ct.order.gsi_lsi_same_name_before_gsi_checks", "CreateTable",
     CT2(GlobalSecondaryIndexes=[IX("idx", [H("g")], None)],
         LocalSecondaryIndexes=[IX("idx", [H("pk"), R("g")])]))
case("ct.order.gsi_lsi_same_name_before_unused", "CreateTable",
     CT2(ad=[A("pk"), A("sk"), A("g"), A("u")],
         GlobalSecondaryIndexes=[IX("idx", [H("g")])],
         LocalSecondaryIndexes=[IX("idx", [H("pk"), R("g")])]))
case("ct.order.gsi_name_before_projection_total", "CreateTable",
     GSI(*([IX("ab", [H("g")])] + [IX("gs%d" % j, [H("g")], INC(j))
                                   for j in range(6)])))
case("ct.order.projection_total_before_unused", "CreateTable",
     GSI(*[IX("gs%d" % j, [H("g")], INC(j)) for j in range(6)],
         ad=[A("pk"), A("sk"), A("g"), A("u")]))
case("ct.order.projection_total_100_ok", "CreateTable",
     GSI(*[IX("gs%d" % j, [H("g")], INC(j)) for j in range(5)]))
case("ct.order.projection_total_counts_lsi", "CreateTable",
     CT2(GlobalSecondaryIndexes=[IX("gs%d" % j, [H("g")], INC(j))
                                 for j in range(4)],
         LocalSecondaryIndexes=[IX("lsi1", [H("pk"), R("g")],
                                   INC(9, 21))]))
case("ct.order.gsi_projection_before_keys", "CreateTable",
     GSI(IX("gsi1", [R("g")], {"ProjectionType": "INCLUDE"})))
case("ct.order.gsi_projection_before_key_schema_missing", "CreateTable",
     GSI({"IndexName": "gsi1"}))
case("ct.order.gsi_name_before_key_schema", "CreateTable",
     GSI({"IndexName": "ab", "Projection": ALL}))
case("ct.order.gsi_nka_duplicate_before_undefined", "CreateTable",
     GSI(IX("gsi1", [H("zz")], {"ProjectionType": "INCLUDE",
                                "NonKeyAttributes": ["a", "a"]})))
case("ct.order.gsi_same_keys_before_undefined", "CreateTable",
     GSI(IX("gsi1", [H("zz"), R("zz")])))
case("ct.order.gsi_three_keys_duplicate", "CreateTable",
     GSI(IX("gsi1", [H("g"), R("pk"), R("pk")])))
case("ct.order.lsi_name_before_keys", "CreateTable",
     LSI(IX("ab", [H("pk")])))
case("ct.order.lsi_projection_before_range", "CreateTable",
     LSI(IX("lsi1", [H("pk")], None)))
case("ct.order.lsi_projection_before_hash", "CreateTable",
     LSI(IX("lsi1", [H("sk"), R("g")], None)))
case("ct.order.lsi_hash_before_range_undefined", "CreateTable",
     LSI(IX("lsi1", [H("sk"), R("zz")])))
case("ct.order.lsi_key_schema_missing", "CreateTable",
     LSI({"IndexName": "lsi1", "Projection": ALL}))
case("ct.order.lsi_range_only", "CreateTable", LSI(IX("lsi1", [R("g")])))
case("ct.order.lsi_two_hash", "CreateTable",
     LSI(IX("lsi1", [H("pk"), H("g")])))
case("ct.order.lsi_same_key_names", "CreateTable",
     LSI(IX("lsi1", [H("pk"), R("pk")])))
case("ct.order.lsi_range_first", "CreateTable",
     LSI(IX("lsi1", [R("g"), H("pk")])))
case("ct.order.lsi_nka_duplicate", "CreateTable",
     LSI(IX("lsi1", [H("pk"), R("g")], {"ProjectionType": "INCLUDE",
                                        "NonKeyAttributes": ["a", "a"]})))
case("ct.order.lsi_duplicate_before_keys", "CreateTable",
     LSI(IX("lsi1", [H("pk"), R("g")]), IX("lsi1", [H("pk")])))
case("ct.order.lsi_first_error_wins", "CreateTable",
     LSI(IX("lsi1", [H("pk")]), IX("ab", [H("pk"), R("g")])))
case("ct.order.lsi_hash_table_before_index_checks", "CreateTable",
     CT(ad=[A("pk"), A("g")], LocalSecondaryIndexes=[IX("ab", [H("pk")])]))
case("ct.order.lsi_hash_table_before_unused", "CreateTable",
     CT(ad=[A("pk"), A("g"), A("u")],
        LocalSecondaryIndexes=[IX("lsi1", [H("pk"), R("g")])]))
case("ct.order.lsi_keytype_missing", "CreateTable",
     LSI(IX("lsi1", [H("pk"), {"AttributeName": "g"}])))
case("ct.order.lsi_key_name_missing", "CreateTable",
     LSI(IX("lsi1", [H("pk"), {"KeyType": "RANGE"}])))
case("ct.order.lsi_keytype_bad_range", "CreateTable",
     LSI(IX("lsi1", [H("pk"), {"AttributeName": "g", "KeyType": "FOO"}])))
case("ct.order.nka_name_long", "CreateTable",
     GSI(IX("gsi1", [H("g")], {"ProjectionType": "INCLUDE",
                               "NonKeyAttributes": ["a" * 256]})))
case("ct.keytype.bad_second_table", "CreateTable",
     CT(ks=[H("pk"), {"AttributeName": "sk", "KeyType": "FOO"}],
        ad=[A("pk"), A("sk")]),
     aws=aws_val("1 validation error detected: Value 'FOO' at "
                 "'keySchema.2.member.keyType' failed to satisfy "
                 "constraint: Member must satisfy enum value set: "
                 "[HASH, RANGE]",
                 "DynamoDB Local accepts an unknown KeyType after the "
                 "HASH key; AWS documents the enum [HASH, RANGE]"))
case("ct.keytype.bad_second_gsi", "CreateTable",
     GSI(IX("gsi1", [H("g"), {"AttributeName": "pk", "KeyType": "FOO"}])),
     aws=aws_val("1 validation error detected: Value 'FOO' at "
                 "'globalSecondaryIndexes.1.member.keySchema.2.member."
                 "keyType' failed to satisfy constraint: Member must "
                 "satisfy enum value set: [HASH, RANGE]",
                 "DynamoDB Local accepts an unknown KeyType after the "
                 "HASH key; AWS documents the enum [HASH, RANGE]"))

# wrongly typed JSON: AWS answers SerializationException
case("ct.ser.name_number", "CreateTable", CT(TableName=12),
     aws=ser(SER_STR_NUM) | {"note": "DynamoDB Local converts the number "
                                     "to a string; AWS refuses it"})
case("ct.ser.name_bool", "CreateTable", CT(TableName=True),
     aws=ser(SER_STR_BOOL))
case("ct.ser.name_list", "CreateTable", CT(TableName=["a"]),
     aws=ser(SER_LIST))
case("ct.ser.name_object", "CreateTable", CT(TableName={"a": 1}),
     aws=ser(SER_STRUCT))
case("ct.ser.ks_object", "CreateTable", CT(KeySchema={"a": 1}),
     aws=ser(SER_STRUCT))
case("ct.ser.ks_string", "CreateTable", CT(KeySchema="pk"),
     aws=ser("Expected list or null"))
case("ct.ser.ad_number", "CreateTable", CT(AttributeDefinitions=5),
     aws=ser("Expected list or null"))
case("ct.ser.pt_list", "CreateTable",
     CT(billing=None, ProvisionedThroughput=[1, 1]), aws=ser(SER_LIST))
case("ct.ser.rcu_string", "CreateTable",
     CT(billing=None, ProvisionedThroughput={"ReadCapacityUnits": "5",
                                             "WriteCapacityUnits": 1}),
     aws=ser("class java.lang.String can not be converted to an Long"))
case("ct.ser.rcu_bool", "CreateTable",
     CT(billing=None, ProvisionedThroughput={"ReadCapacityUnits": True,
                                             "WriteCapacityUnits": 1}),
     aws=ser("class java.lang.Boolean can not be converted to an Long"))
case("ct.ser.keytype_number", "CreateTable",
     CT(ks=[{"AttributeName": "pk", "KeyType": 1}]), aws=ser(SER_STR_NUM))
case("ct.ser.nka_number", "CreateTable",
     GSI(IX("gsi1", [H("g")], {"ProjectionType": "INCLUDE",
                               "NonKeyAttributes": [1]})),
     aws=ser(SER_STR_NUM))
case("ct.ser.deletion_protection_string", "CreateTable",
     CT(DeletionProtectionEnabled="maybe"),
     aws=ser("'MAYBE' can not be converted to an Boolean"))
case("ct.ser.gsi_element_string", "CreateTable",
     CT2(GlobalSecondaryIndexes=["gsi1"]), aws=ser("Expected null"))
case("ct.ser.billing_number", "CreateTable", CT(billing=1),
     aws=ser(SER_STR_NUM))

# ------------------------------------------------------------------ OnDemandThroughput
# A PAY_PER_REQUEST table's and its global indexes' maximum request
# units (emu/ops/on_demand.c): -1 or 1 to 40,000, both members needed;
# a table's are described only while both are 1 or more, an index's
# always; their sum over the account at most 80,000, as for provisioned
# units, but counted apart from them. UpdateTable's cases are in items.py.
def OD(r=None, w=None):
    d = {}
    if r is not None:
        d["MaxReadRequestUnits"] = r
    if w is not None:
        d["MaxWriteRequestUnits"] = w
    return d


def ODT(od, name="tbl", **kw):
    return CT(name, OnDemandThroughput=od, **kw)


def ODIX(od, name="gix", table_od=None, tname="tbl"):
    kw = {} if table_od is None else {"OnDemandThroughput": table_od}
    return CT(tname, ad=[A("pk"), A("g")],
              GlobalSecondaryIndexes=[IX(name, [H("g")],
                                         OnDemandThroughput=od)], **kw)


case("ct.od.ok", "CreateTable", ODT(OD(5, 6)))
case("ct.od.ok_40000", "CreateTable", ODT(OD(40000, 40000)))
case("ct.od.ok_no_read_maximum", "CreateTable", ODT(OD(-1, 5)))
case("ct.od.ok_no_write_maximum", "CreateTable", ODT(OD(5, -1)))
case("ct.od.ok_no_maximums", "CreateTable", ODT(OD(-1, -1)))
case("ct.od.describe", "DescribeTable", {"TableName": "tbl"},
     setup=[("CreateTable", ODIX(OD(3, 4), table_od=OD(5, 6)))])
case("ct.od.read_only", "CreateTable", ODT(OD(5)))
case("ct.od.write_only", "CreateTable", ODT(OD(None, 5)))
case("ct.od.empty", "CreateTable", ODT(OD()))
case("ct.od.read_zero", "CreateTable", ODT(OD(0, 5)))
case("ct.od.write_zero", "CreateTable", ODT(OD(5, 0)))
case("ct.od.read_minus_two", "CreateTable", ODT(OD(-2, 5)))
case("ct.od.both_zero", "CreateTable", ODT(OD(0, 0)))
case("ct.od.read_40001", "CreateTable", ODT(OD(40001, 1)))
case("ct.od.write_40001", "CreateTable", ODT(OD(1, 40001)))
case("ct.od.zero_before_40001", "CreateTable", ODT(OD(40001, 0)))
case("ct.od.provisioned_ignored", "CreateTable",
     ODT(OD(5, 5), billing="PROVISIONED", ProvisionedThroughput=PT))
case("ct.od.provisioned_bad_ignored", "CreateTable",
     ODT(OD(0), billing="PROVISIONED", ProvisionedThroughput=PT))
case("ct.od.index_ok", "CreateTable", ODIX(OD(3, 4), table_od=OD(5, 6)))
case("ct.od.index_no_maximums", "CreateTable", ODIX(OD(-1, -1)))
case("ct.od.index_40000", "CreateTable", ODIX(OD(40000, 1)))
case("ct.od.index_read_only", "CreateTable", ODIX(OD(5)))
case("ct.od.index_write_only", "CreateTable", ODIX(OD(None, 5)))
case("ct.od.index_empty", "CreateTable", ODIX(OD()))
case("ct.od.index_read_zero", "CreateTable", ODIX(OD(0, 5)))
case("ct.od.index_write_minus_two", "CreateTable", ODIX(OD(5, -2)))
case("ct.od.index_read_40001", "CreateTable", ODIX(OD(40001, 1)))
case("ct.od.index_before_name", "CreateTable", ODIX(OD(0, 1), name="x"))
case("ct.od.index_before_table", "CreateTable",
     ODIX(OD(0, 1), table_od=OD(0, 1)))
case("ct.od.table_after_unused_attribute", "CreateTable",
     ODT(OD(0, 1), ad=[A("pk"), A("x")]))
case("ct.od.account_read_over", "CreateTable", ODT(OD(2, 1), "tod3"),
     setup=[("CreateTable", ODT(OD(40000, 1), "tod1")),
            ("CreateTable", ODIX(OD(39999, 1), tname="tod2"))])
case("ct.od.account_read_full", "CreateTable", ODT(OD(1, 1), "tod3"),
     setup=[("CreateTable", ODT(OD(40000, 1), "tod1")),
            ("CreateTable", ODIX(OD(39999, 1), tname="tod2"))])
case("ct.od.account_write_over", "CreateTable",
     ODIX(OD(1, 2), table_od=OD(1, 1), tname="tod3"),
     setup=[("CreateTable", ODT(OD(1, 40000), "tod1")),
            ("CreateTable", ODT(OD(1, 39998), "tod2"))])
case("ct.od.account_no_maximum_free", "CreateTable", ODT(OD(-1, -1), "tod2"),
     setup=[("CreateTable", ODT(OD(40000, 40000), "tod1")),
            ("CreateTable", ODT(OD(40000, 40000), "tod3"))])
case("ct.od.account_apart_from_provisioned", "CreateTable",
     ODT(OD(40000, 40000), "tod1"), setup=W40K)
case("ct.od.account_only_with_table_maximums", "CreateTable",
     ODIX(OD(40000, 40000), tname="tod3"),
     setup=[("CreateTable", ODT(OD(40000, 40000), "tod1")),
            ("CreateTable", ODT(OD(40000, 40000), "tod2"))])
case("ct.od.account_before_exists", "CreateTable", ODT(OD(2, 1), "tod1"),
     setup=[("CreateTable", ODT(OD(1, 1), "tod1")),
            ("CreateTable", ODT(OD(40000, 1), "tod2")),
            ("CreateTable", ODT(OD(39999, 1), "tod3"))])
case("ct.od.exists_within_account", "CreateTable", ODT(OD(1, 1), "tod1"),
     setup=[("CreateTable", ODT(OD(1, 1), "tod1")),
            ("CreateTable", ODT(OD(40000, 1), "tod2")),
            ("CreateTable", ODT(OD(39999, 1), "tod3"))])

# ------------------------------------------------------------------ DescribeTable
case("dt.ok", "DescribeTable", {"TableName": "tbl"},
     setup=[("CreateTable", CT())])
case("dt.name.missing", "DescribeTable", {})
case("dt.name.short", "DescribeTable", {"TableName": "ab"})
case("dt.name.long", "DescribeTable", {"TableName": "t" * 256})
case("dt.name.bad_char", "DescribeTable", {"TableName": "tb*l"})
case("dt.not_found", "DescribeTable", {"TableName": "nope"})
case("dt.after_delete", "DescribeTable", {"TableName": "tbl"},
     setup=[("CreateTable", CT()), ("DeleteTable", {"TableName": "tbl"})])
case("dt.ser.name_number", "DescribeTable", {"TableName": 123},
     aws=ser(SER_STR_NUM) | {"note": "DynamoDB Local converts the number "
                                     "to a string; AWS refuses it"})

# ------------------------------------------------------------------ DeleteTable
case("del.ok", "DeleteTable", {"TableName": "tbl"},
     setup=[("CreateTable", CT())])
case("del.name.missing", "DeleteTable", {})
case("del.name.short", "DeleteTable", {"TableName": "ab"})
case("del.not_found", "DeleteTable", {"TableName": "nope"})
case("del.twice", "DeleteTable", {"TableName": "tbl"},
     setup=[("CreateTable", CT()), ("DeleteTable", {"TableName": "tbl"})])
case("del.protected", "DeleteTable", {"TableName": "tbl"},
     setup=[("CreateTable", CT(DeletionProtectionEnabled=True))])
case("del.ser.name_list", "DeleteTable", {"TableName": ["tbl"]},
     aws=ser(SER_LIST))

# ------------------------------------------------------------------ ListTables
THREE = [("CreateTable", CT(name=n)) for n in ("b-tab", "A_tab", "abc")]
case("lt.ok.empty", "ListTables", {})
case("lt.ok.all", "ListTables", {}, setup=THREE)
case("lt.ok.limit_page", "ListTables", {"Limit": 2}, setup=THREE)
case("lt.ok.limit_equals_count", "ListTables", {"Limit": 3}, setup=THREE)
case("lt.ok.start", "ListTables", {"ExclusiveStartTableName": "A_tab"},
     setup=THREE)
case("lt.ok.start_absent_name", "ListTables",
     {"ExclusiveStartTableName": "aaa"}, setup=THREE)
case("lt.ok.start_past_end", "ListTables",
     {"ExclusiveStartTableName": "zzz"}, setup=THREE)
case("lt.ok.limit_fraction", "ListTables", {"Limit": 1.9}, setup=THREE)
case("lt.limit.zero", "ListTables", {"Limit": 0})
case("lt.limit.negative", "ListTables", {"Limit": -3})
case("lt.limit.101", "ListTables", {"Limit": 101})
case("lt.limit.100_ok", "ListTables", {"Limit": 100})
case("lt.start.short", "ListTables", {"ExclusiveStartTableName": "ab"})
case("lt.start.empty", "ListTables", {"ExclusiveStartTableName": ""})
case("lt.start.bad_char", "ListTables", {"ExclusiveStartTableName": "a b c"})
case("lt.start_before_limit", "ListTables",
     {"ExclusiveStartTableName": "ab", "Limit": 0})
case("lt.ser.limit_string", "ListTables", {"Limit": "5"},
     aws=ser("class java.lang.String can not be converted to an Integer")
     | {"note": "DynamoDB Local converts the string to a number; AWS "
                "refuses it"})
case("lt.ser.limit_bool", "ListTables", {"Limit": True},
     aws=ser("class java.lang.Boolean can not be converted to an Integer"))
case("lt.ser.start_number", "ListTables", {"ExclusiveStartTableName": 5},
     aws=ser(SER_STR_NUM) | {"note": "DynamoDB Local converts the number "
                                     "to a string; AWS refuses it"})

# ------------------------------------------------------------------ TTL
TTL_ON = ("UpdateTimeToLive", {"TableName": "tbl", "TimeToLiveSpecification":
                               {"Enabled": True, "AttributeName": "ttl"}})
TTL_OFF = ("UpdateTimeToLive", {"TableName": "tbl", "TimeToLiveSpecification":
                                {"Enabled": False, "AttributeName": "ttl"}})


def TTL(spec, name="tbl"):
    b = {"TableName": name}
    if spec is not None:
        b["TimeToLiveSpecification"] = spec
    return b


MK = [("CreateTable", CT())]
case("dttl.ok.disabled", "DescribeTimeToLive", {"TableName": "tbl"}, setup=MK)
case("dttl.ok.enabled", "DescribeTimeToLive", {"TableName": "tbl"},
     setup=MK + [TTL_ON])
case("dttl.ok.disabled_again", "DescribeTimeToLive", {"TableName": "tbl"},
     setup=MK + [TTL_ON, TTL_OFF])
case("dttl.name.missing", "DescribeTimeToLive", {})
case("dttl.name.short", "DescribeTimeToLive", {"TableName": "ab"})
case("dttl.not_found", "DescribeTimeToLive", {"TableName": "nope"})
case("uttl.ok.enable", "UpdateTimeToLive",
     TTL({"Enabled": True, "AttributeName": "ttl"}), setup=MK)
case("uttl.ok.disable", "UpdateTimeToLive",
     TTL({"Enabled": False, "AttributeName": "ttl"}), setup=MK + [TTL_ON])
case("uttl.ok.reenable", "UpdateTimeToLive",
     TTL({"Enabled": True, "AttributeName": "ttl"}),
     setup=MK + [TTL_ON, TTL_OFF])
case("uttl.name.missing", "UpdateTimeToLive",
     {"TimeToLiveSpecification": {"Enabled": True, "AttributeName": "t"}})
case("uttl.name.short", "UpdateTimeToLive",
     TTL({"Enabled": True, "AttributeName": "ttl"}, name="ab"))
case("uttl.not_found", "UpdateTimeToLive",
     TTL({"Enabled": True, "AttributeName": "ttl"}, name="nope"))
case("uttl.not_found_before_spec", "UpdateTimeToLive", TTL(None, "nope"))
case("uttl.spec.missing", "UpdateTimeToLive", TTL(None), setup=MK)
case("uttl.spec.empty", "UpdateTimeToLive", TTL({}), setup=MK)
case("uttl.spec.enabled_only", "UpdateTimeToLive", TTL({"Enabled": True}),
     setup=MK)
case("uttl.spec.attr_only", "UpdateTimeToLive",
     TTL({"AttributeName": "ttl"}), setup=MK)
case("uttl.spec.attr_empty", "UpdateTimeToLive",
     TTL({"Enabled": True, "AttributeName": ""}), setup=MK)
case("uttl.spec.attr_long", "UpdateTimeToLive",
     TTL({"Enabled": True, "AttributeName": "a" * 256}), setup=MK)
case("uttl.spec.disable_when_disabled", "UpdateTimeToLive",
     TTL({"Enabled": False, "AttributeName": "ttl"}), setup=MK)
case("uttl.spec.disable_no_attr", "UpdateTimeToLive",
     TTL({"Enabled": False}), setup=MK + [TTL_ON])
case("uttl.spec.disable_empty_attr_when_disabled", "UpdateTimeToLive",
     TTL({"Enabled": False, "AttributeName": ""}), setup=MK)
case("uttl.spec.disable_long_attr_other", "UpdateTimeToLive",
     TTL({"Enabled": False, "AttributeName": "a" * 256}),
     setup=MK + [TTL_ON])
case("uttl.spec.enable_twice", "UpdateTimeToLive",
     TTL({"Enabled": True, "AttributeName": "ttl"}), setup=MK + [TTL_ON])
case("uttl.spec.enable_other_attr", "UpdateTimeToLive",
     TTL({"Enabled": True, "AttributeName": "other"}), setup=MK + [TTL_ON])
case("uttl.spec.disable_other_attr", "UpdateTimeToLive",
     TTL({"Enabled": False, "AttributeName": "other"}), setup=MK + [TTL_ON])
case("uttl.spec.key_attribute", "UpdateTimeToLive",
     TTL({"Enabled": True, "AttributeName": "pk"}), setup=MK)
case("uttl.ser.enabled_string", "UpdateTimeToLive",
     TTL({"Enabled": "yes", "AttributeName": "ttl"}), setup=MK,
     aws=ser("'YES' can not be converted to an Boolean"))
case("uttl.ser.spec_list", "UpdateTimeToLive", TTL([1]), setup=MK,
     aws=ser(SER_LIST))

# unknown members are ignored, JSON null is absent
case("ct.ok.unknown_member", "CreateTable", CT() | {"Bogus": {"x": [1]}})
case("dt.ok.unknown_member", "DescribeTable",
     {"TableName": "tbl", "Bogus": [1]}, setup=[("CreateTable", CT())])
case("lt.ok.null_members", "ListTables",
     {"Limit": None, "ExclusiveStartTableName": None},
     setup=[("CreateTable", CT())])
case("lt.ser.body_list", "ListTables", [],
     aws=ser(SER_LIST))
case("lt.ser.body_number", "ListTables", 5, aws=ser("Expected null"))

# ------------------------------------------------------------------ DescribeLimits
case("dl.ok", "DescribeLimits", {})
case("dl.ok.with_tables", "DescribeLimits", {},
     setup=[("CreateTable", CT()), ("CreateTable", CT(name="tbl2"))])
case("dl.ok.unknown_member", "DescribeLimits", {"TableName": "nope", "x": [1]})
case("dl.ser.body_list", "DescribeLimits", [], aws=ser(SER_LIST))
case("dl.ser.body_number", "DescribeLimits", 5, aws=ser("Expected null"))

# ------------------------------------------------------------------ other
case("op.unknown", "FrobnicateTable", {})
case("op.lower_case", "describeTable", {"TableName": "tbl"})


def reset(ep):
    st, r = call(ep, "ListTables", {})
    for t in r.get("TableNames", []):
        call(ep, "UpdateTable", {"TableName": t,
                                 "DeletionProtectionEnabled": False})
        call(ep, "DeleteTable", {"TableName": t})


# ------------------------------------------------------------------ sequences
# The data-plane corpora (items.py, txn.py) record sequences of requests;
# these two helpers are theirs.
def compact(v):
    """Long strings that repeat a short unit (the padding of big items)
    are written {"$rep": [unit, count, tail]}: unit * count + tail. The
    test expands them before use; no real request has such an object."""
    if isinstance(v, dict):
        return {k: compact(x) for k, x in v.items()}
    if isinstance(v, list):
        return [compact(x) for x in v]
    if isinstance(v, str) and len(v) > 200:
        for p in range(1, 9):
            unit, k = v[:p], len(v) // p
            if unit * k == v[:p * k] and len(v) - p * k < 64:
                return {"$rep": [unit, k, v[p * k:]]}
    return v


class Unresolved(Exception):
    pass


def resolve(v, answers):
    """A copy of request v with every {"$ref": [STEP, k1, k2, ...]} replaced
    by the value at k1, k2, ... (member names, list indexes) in the answer
    to the earlier step STEP (0-based) of the same sequence. A step's
    request can so carry what only the answer before it knows: a
    ShardIterator, a SequenceNumber, a StreamArn."""
    if isinstance(v, dict):
        if len(v) == 1 and "$ref" in v and isinstance(v["$ref"], list):
            path = v["$ref"]
            if not path or not isinstance(path[0], int) \
                    or not 0 <= path[0] < len(answers):
                raise Unresolved("bad $ref %r" % (path,))
            x = answers[path[0]]
            for k in path[1:]:
                try:
                    x = x[k]
                except (KeyError, IndexError, TypeError):
                    raise Unresolved("$ref %r: no %r" % (path, k))
            return x
        return {k: resolve(x, answers) for k, x in v.items()}
    if isinstance(v, list):
        return [resolve(x, answers) for x in v]
    return v


def record_sequences(cases, out_path, who):
    """Run every case (a dict with "name", "steps": [op, request] pairs,
    "aws": an override of the last step's expectation or None, and
    "compare"; optionally "annotate": a function of (op, request,
    DynamoDB Local's answer) that gives any step's expectation where a
    known DynamoDB Local deviation applies, or None) on fresh tables of
    DynamoDB Local, and write each step's
    request, DynamoDB Local's answer and the expectation to out_path, one
    case per line. A request may refer to an earlier step's answer with
    {"$ref": [STEP, ...]} (resolve()); the corpus keeps the request as
    written, $ref and all."""
    ep = os.environ.get("SST_DDB_LOCAL_ENDPOINT")
    if not ep:
        sys.exit("%s: SST_DDB_LOCAL_ENDPOINT is not set; run it under "
                 "tests/ddb-local exec" % who)
    out = []
    for c in cases:
        reset(ep)
        steps = []
        answers = []
        for i, (op, req) in enumerate(c["steps"]):
            try:
                sent = resolve(req, answers)
            except Unresolved as e:
                sys.exit("%s: %s, step %d: %s" % (who, c["name"], i, e))
            st, r = call(ep, op, sent)
            answers.append(r)
            rec = {"status": st}
            if st == 200:
                rec["response"] = r
            else:
                rec["type"] = r.get("__type", "").split("#")[-1]
                rec["message"] = r.get("Message", r.get("message", ""))
                extra = {k: v for k, v in r.items()
                         if k not in ("__type", "Message", "message")}
                if extra:
                    rec["extra"] = extra
            step = {"op": op, "request": compact(req),
                    "ddb_local": compact(rec)}
            last = i + 1 == len(c["steps"])
            known = c.get("annotate") and c["annotate"](op, sent, rec)
            if last and c["aws"]:
                exp = compact(dict(c["aws"]))
            elif known:
                exp = compact(dict(known))
            elif st == 200:
                exp = {"ok": True}
            else:
                exp = {"type": rec["type"], "message": rec["message"]}
                if "extra" in rec:
                    exp["extra"] = rec["extra"]
            if last and c["compare"]:
                exp["compare"] = c["compare"]
            step["expect"] = exp
            steps.append(step)
        out.append({"name": c["name"], "steps": steps})
    reset(ep)
    with open(out_path, "w") as f:
        f.write("[\n")
        for i, c in enumerate(out):
            f.write(json.dumps(c, separators=(",", ":")))
            f.write(",\n" if i + 1 < len(out) else "\n")
        f.write("]\n")
    print("%s: %d cases, %d steps written to %s"
          % (who, len(out), sum(len(c["steps"]) for c in out), out_path))


def main():
    ep = os.environ.get("SST_DDB_LOCAL_ENDPOINT")
    if not ep:
        sys.exit("record.py: SST_DDB_LOCAL_ENDPOINT is not set; run it "
                 "under tests/ddb-local exec")
    out = []
    for c in CASES:
        reset(ep)
        for op, req in c["setup"]:
            st, r = call(ep, op, req)
            if st != 200:
                sys.exit("setup of %s failed: %s %s" % (c["name"], st, r))
        st, r = call(ep, c["op"], c["request"])
        rec = {"status": st}
        if st == 200:
            rec["response"] = r
        else:
            rec["type"] = r.get("__type", "").split("#")[-1]
            rec["message"] = r.get("Message", r.get("message", ""))
        rec_case = {"name": c["name"], "op": c["op"], "setup": c["setup"],
                    "request": c["request"], "ddb_local": rec}
        if c["aws"]:
            exp = dict(c["aws"])
        elif st == 200:
            exp = {"ok": True}
        else:
            exp = {"type": rec["type"], "message": rec["message"]}
        rec_case["expect"] = exp
        out.append(rec_case)
    reset(ep)
    # One case per line: small, and a re-recording diffs case by case.
    with open(OUT, "w") as f:
        f.write("[\n")
        for i, c in enumerate(out):
            f.write(json.dumps(c, separators=(",", ":")))
            f.write(",\n" if i + 1 < len(out) else "\n")
        f.write("]\n")
    print("record.py: %d cases written to %s" % (len(out), OUT))


if __name__ == "__main__":
    main()
