#!/usr/bin/env python3
# tests/server/clients.py - boto3 against a running sst-emu.
#
#   clients.py URL [VERIFY_URL]
#
# URL serves without signature checks; VERIFY_URL (optional) is an sst-emu
# started with --verify-signatures --credentials for the keys in the
# environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY). The streams
# checks run on URL, and on DynamoDB Local too when SST_DDB_LOCAL_ENDPOINT
# names one (tests/ddb-local). Prints one line
# per check and "clients_boto3: N passed, M failed"; exits 1 on a failure.
# Run by tests/server/clients.sh, which starts the servers.
import decimal
import os
import re
import sys
import time
import urllib.request

import boto3
import botocore.auth
import botocore.awsrequest
import botocore.credentials
from boto3.dynamodb.conditions import Attr, Key
from botocore.exceptions import ClientError

url = sys.argv[1]
verify_url = sys.argv[2] if len(sys.argv) > 2 else None
passed = failed = 0


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
        print("  ok   " + name)
    else:
        failed += 1
        print("  FAIL " + name + (": " + str(detail) if detail else ""))


def error_of(fn):
    """Run fn; return (code, message, response) of the ClientError."""
    try:
        fn()
    except ClientError as e:
        return e.response["Error"]["Code"], e.response["Error"]["Message"], e.response
    return None, None, None


def client(endpoint, **kw):
    return boto3.client("dynamodb", endpoint_url=endpoint, region_name="us-east-1", **kw)


ddb = boto3.resource("dynamodb", endpoint_url=url, region_name="us-east-1")
c = client(url)  # low-level: attribute values as written
name = "boto3_%d" % int(time.time() * 1000)

# --- create, put, get ------------------------------------------------------
table = ddb.create_table(
    TableName=name,
    BillingMode="PAY_PER_REQUEST",
    AttributeDefinitions=[
        {"AttributeName": "pk", "AttributeType": "S"},
        {"AttributeName": "sk", "AttributeType": "N"},
    ],
    KeySchema=[
        {"AttributeName": "pk", "KeyType": "HASH"},
        {"AttributeName": "sk", "KeyType": "RANGE"},
    ],
)
table.wait_until_exists()
check("create_table and wait_until_exists", table.table_status == "ACTIVE", table.table_status)

r = table.put_item(Item={"pk": "user#1", "sk": 1, "name": "Ada", "n": decimal.Decimal("1.50"),
                         "tags": {"a", "b"}, "blob": b"\x00\xff"})
rid = r["ResponseMetadata"]["RequestId"]
check("request id is 52 characters of [0-9A-Z]", re.fullmatch(r"[0-9A-Z]{52}", rid) is not None, rid)
headers = r["ResponseMetadata"]["HTTPHeaders"]
check("x-amz-crc32 sent (and checked by botocore)", headers.get("x-amz-crc32", "").isdigit(), headers)
check("content type", headers.get("content-type") == "application/x-amz-json-1.0", headers)

item = table.get_item(Key={"pk": "user#1", "sk": 1}, ConsistentRead=True).get("Item")
check("get_item round trip", item == {"pk": "user#1", "sk": 1, "name": "Ada",
                                      "n": decimal.Decimal("1.5"), "tags": {"a", "b"},
                                      "blob": boto3.dynamodb.types.Binary(b"\x00\xff")}, item)

# --- query -----------------------------------------------------------------
with table.batch_writer() as bw:
    for i in range(2, 31):
        bw.put_item(Item={"pk": "user#1", "sk": i, "v": i * 10})
r = table.query(KeyConditionExpression=Key("pk").eq("user#1") & Key("sk").between(5, 9),
                ScanIndexForward=False)
check("query with a key condition, backwards", [x["sk"] for x in r["Items"]] == [9, 8, 7, 6, 5],
      r["Items"])

# --- update with a condition -------------------------------------------------
r = table.update_item(Key={"pk": "user#1", "sk": 2}, UpdateExpression="SET v = v + :d",
                      ConditionExpression=Attr("v").eq(20),
                      ExpressionAttributeValues={":d": 5}, ReturnValues="UPDATED_NEW")
check("update_item with a condition that holds", r["Attributes"] == {"v": 25}, r)
code, msg, resp = error_of(lambda: table.update_item(
    Key={"pk": "user#1", "sk": 2}, UpdateExpression="SET v = :x",
    ConditionExpression=Attr("v").eq(20), ExpressionAttributeValues={":x": 0}))
check("update_item with a failing condition", code == "ConditionalCheckFailedException"
      and msg == "The conditional request failed", (code, msg))
check("error status 400", resp and resp["ResponseMetadata"]["HTTPStatusCode"] == 400, resp)
check("error request id", resp and re.fullmatch(r"[0-9A-Z]{52}",
                                                resp["ResponseMetadata"]["RequestId"]), resp)
try:
    c.put_item(TableName=name, Item={"pk": {"S": "user#1"}, "sk": {"N": "2"}},
               ConditionExpression="attribute_not_exists(pk)")
    caught = False
except c.exceptions.ConditionalCheckFailedException:
    caught = True
check("the __type maps to boto3's modeled exception class", caught)

# --- transactions ------------------------------------------------------------
c.transact_write_items(TransactItems=[
    {"Put": {"TableName": name, "Item": {"pk": {"S": "txn"}, "sk": {"N": "1"}},
             "ConditionExpression": "attribute_not_exists(pk)"}},
    {"Update": {"TableName": name, "Key": {"pk": {"S": "user#1"}, "sk": {"N": "3"}},
                "UpdateExpression": "SET v = :v", "ExpressionAttributeValues": {":v": {"N": "-1"}}}},
])
r = c.transact_get_items(TransactItems=[
    {"Get": {"TableName": name, "Key": {"pk": {"S": "txn"}, "sk": {"N": "1"}}}},
    {"Get": {"TableName": name, "Key": {"pk": {"S": "user#1"}, "sk": {"N": "3"}}}},
])
check("transact_write_items then transact_get_items",
      r["Responses"][0]["Item"]["pk"] == {"S": "txn"} and r["Responses"][1]["Item"]["v"] == {"N": "-1"},
      r["Responses"])
code, msg, resp = error_of(lambda: c.transact_write_items(TransactItems=[
    {"Put": {"TableName": name, "Item": {"pk": {"S": "txn"}, "sk": {"N": "1"}},
             "ConditionExpression": "attribute_not_exists(pk)",
             "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}},
    {"Put": {"TableName": name, "Item": {"pk": {"S": "txn"}, "sk": {"N": "2"}}}},
]))
check("cancelled transaction", code == "TransactionCanceledException" and msg ==
      "Transaction cancelled, please refer cancellation reasons for specific reasons "
      "[ConditionalCheckFailed, None]", (code, msg))
reasons = resp.get("CancellationReasons") if resp else None
check("cancellation reasons, with the item for ALL_OLD", reasons == [
    {"Code": "ConditionalCheckFailed", "Message": "The conditional request failed",
     "Item": {"pk": {"S": "txn"}, "sk": {"N": "1"}}},
    {"Code": "None"}], reasons)
try:
    c.transact_write_items(TransactItems=[
        {"ConditionCheck": {"TableName": name, "Key": {"pk": {"S": "none"}, "sk": {"N": "1"}},
                            "ConditionExpression": "attribute_exists(pk)"}}])
    caught = None
except c.exceptions.TransactionCanceledException as e:
    caught = e.response.get("CancellationReasons")
check("the modeled TransactionCanceledException carries its reasons", caught == [
    {"Code": "ConditionalCheckFailed", "Message": "The conditional request failed."}], caught)
r = c.transact_get_items(TransactItems=[
    {"Get": {"TableName": name, "Key": {"pk": {"S": "txn"}, "sk": {"N": "2"}}}}])
check("nothing of the cancelled transaction was written", r["Responses"] == [{}], r["Responses"])
# the resource API's client, with Python values
r = ddb.meta.client.transact_write_items(
    TransactItems=[{"Update": {"TableName": name, "Key": {"pk": "txn", "sk": 1},
                               "UpdateExpression": "SET n = :n",
                               "ExpressionAttributeValues": {":n": decimal.Decimal("2.5")}}}],
    ClientRequestToken="boto3-" + name[-12:])
check("transact_write_items with Python values",
      table.get_item(Key={"pk": "txn", "sk": 1})["Item"].get("n") == decimal.Decimal("2.5"), r)

# --- pagination --------------------------------------------------------------
pages = list(c.get_paginator("query").paginate(
    TableName=name, KeyConditionExpression="pk = :p",
    ExpressionAttributeValues={":p": {"S": "user#1"}}, PaginationConfig={"PageSize": 7}))
keys = [int(i["sk"]["N"]) for p in pages for i in p["Items"]]
check("query paginator over 30 items, pages of 7", keys == list(range(1, 31)) and len(pages) == 5,
      (len(pages), keys))
pages = list(c.get_paginator("scan").paginate(TableName=name, PaginationConfig={"PageSize": 10}))
check("scan paginator", sum(p["Count"] for p in pages) == 31, [p["Count"] for p in pages])

# --- tags (AWS's rules; DynamoDB Local refuses tagging) ------------------------
arn = c.describe_table(TableName=name)["Table"]["TableArn"]
c.tag_resource(ResourceArn=arn, Tags=[{"Key": "env", "Value": "test"},
                                      {"Key": "owner", "Value": ""}])
pages = list(c.get_paginator("list_tags_of_resource").paginate(ResourceArn=arn))
got = [(t["Key"], t["Value"]) for p in pages for t in p["Tags"]]
check("tag_resource, then the list_tags_of_resource paginator",
      got == [("env", "test"), ("owner", "")] and len(pages) == 1, pages)
c.untag_resource(ResourceArn=arn, TagKeys=["owner", "absent"])
got = c.list_tags_of_resource(ResourceArn=arn)["Tags"]
check("untag_resource", got == [{"Key": "env", "Value": "test"}], got)
code, msg, _ = error_of(lambda: c.tag_resource(ResourceArn=arn, Tags=[{"Key": "aws:x", "Value": ""}]))
check("an aws: key is refused as AWS refuses it", code == "ValidationException"
      and msg == "Tag Key cannot be prefixed with aws:, Key: aws:x", (code, msg))

# --- errors from the protocol itself -----------------------------------------
code, msg, _ = error_of(lambda: c.get_item(TableName="no_such_table_" + name, Key={"pk": {"S": "x"}}))
check("ResourceNotFoundException", code == "ResourceNotFoundException"
      and msg == "Cannot do operations on a non-existent table", (code, msg))
code, msg, _ = error_of(lambda: c.query(TableName=name, KeyConditionExpression="sk = :s",
                                        ExpressionAttributeValues={":s": {"N": "1"}}))
check("ValidationException", code == "ValidationException" and "key" in msg.lower(), (code, msg))

# raw: not JSON, and a GET
req = urllib.request.Request(url + "/", data=b"{oops", method="POST", headers={
    "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "DynamoDB_20120810.ListTables"})
try:
    urllib.request.urlopen(req)
    check("bad JSON is a SerializationException", False, "got 200")
except urllib.error.HTTPError as e:
    body = e.read()
    check("bad JSON is a SerializationException", e.code == 400 and body ==
          b'{"__type":"com.amazon.coral.service#SerializationException"}', (e.code, body))
with urllib.request.urlopen(url + "/") as r:
    body = r.read()
check("GET answers healthy", body.startswith(b"healthy: "), body)

table.delete()
table.wait_until_not_exists()
check("delete_table", name not in c.list_tables()["TableNames"])

# --- signatures, against the verifying server ----------------------------------
if verify_url:
    good = client(verify_url)
    check("botocore's signature is accepted", "TableNames" in good.list_tables())
    code, msg, _ = error_of(lambda: client(
        verify_url, aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key="wrong" + os.environ["AWS_SECRET_ACCESS_KEY"]).list_tables())
    check("wrong secret: InvalidSignatureException",
          code == "InvalidSignatureException" and msg.startswith(
              "The request signature we calculated does not match"), (code, msg))
    code, msg, _ = error_of(lambda: client(
        verify_url, aws_access_key_id="AKIDUNKNOWN", aws_secret_access_key="x").list_tables())
    check("unknown key: UnrecognizedClientException", code == "UnrecognizedClientException"
          and msg == "The security token included in the request is invalid.", (code, msg))
    code, msg, _ = error_of(lambda: client(
        verify_url, aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],
        aws_session_token="token").list_tables())
    check("session token: UnrecognizedClientException", code == "UnrecognizedClientException",
          (code, msg))
    # A presigned request, as botocore's SigV4QueryAuth makes one. It moves
    # the body into the query, so the request arrives without one: passing
    # authentication, it meets the empty-body SerializationException.
    creds = botocore.credentials.Credentials(os.environ["AWS_ACCESS_KEY_ID"],
                                             os.environ["AWS_SECRET_ACCESS_KEY"])

    def presigned(secret_suffix=""):
        areq = botocore.awsrequest.AWSRequest(
            method="POST", url=verify_url + "/",
            headers={"X-Amz-Target": "DynamoDB_20120810.ListTables"})
        botocore.auth.SigV4QueryAuth(
            botocore.credentials.Credentials(creds.access_key, creds.secret_key + secret_suffix),
            "dynamodb", "us-east-1").add_auth(areq)
        p = areq.prepare()
        try:
            with urllib.request.urlopen(urllib.request.Request(
                    p.url, data=b"", method="POST", headers=dict(p.headers))) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    st, body = presigned()
    check("presigned request passes authentication", st == 400 and body ==
          b'{"__type":"com.amazon.coral.service#SerializationException"}', (st, body))
    st, body = presigned("x")
    check("presigned request with a wrong secret", st == 400 and
          b"InvalidSignatureException" in body, (st, body))



# --- DynamoDB Streams --------------------------------------------------------
def streams(endpoint, who):
    """A stream through boto3's dynamodbstreams client: its records paged
    by Limit, the four iterator types, and a closed shard's end."""
    d = client(endpoint)
    s = boto3.client("dynamodbstreams", endpoint_url=endpoint, region_name="us-east-1")
    t = "boto3_streams_%d" % int(time.time() * 1000)
    pk = lambda v: {"pk": {"S": v}}  # noqa: E731
    desc = d.create_table(
        TableName=t, BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        StreamSpecification={"StreamEnabled": True,
                             "StreamViewType": "NEW_AND_OLD_IMAGES"})["TableDescription"]
    arn = desc["LatestStreamArn"]
    d.put_item(TableName=t, Item=dict(pk("a"), v={"N": "1"}, m={"M": {"l": {"L": [
        {"S": "x"}, {"BOOL": True}, {"NULL": True}]}}}))
    d.update_item(TableName=t, Key=pk("a"), UpdateExpression="SET v = v + :d REMOVE m",
                  ExpressionAttributeValues={":d": {"N": "1"}})
    d.delete_item(TableName=t, Key=pk("a"))
    streams_of = [(x["StreamArn"], x["TableName"], x["StreamLabel"])
                  for x in s.list_streams(TableName=t)["Streams"]]
    check("streams boto3 (%s): list_streams" % who,
          streams_of == [(arn, t, desc["LatestStreamLabel"])], streams_of)
    sd = s.describe_stream(StreamArn=arn)["StreamDescription"]
    shard = sd["Shards"][0]["ShardId"]
    check("streams boto3 (%s): describe_stream" % who,
          (sd["StreamStatus"], sd["StreamViewType"], sd["TableName"], len(sd["Shards"]),
           "EndingSequenceNumber" in sd["Shards"][0]["SequenceNumberRange"]) ==
          ("ENABLED", "NEW_AND_OLD_IMAGES", t, 1, False), sd)

    def iterator(kind, seq=None):
        kw = {"SequenceNumber": seq} if seq else {}
        return s.get_shard_iterator(StreamArn=arn, ShardId=shard,
                                    ShardIteratorType=kind, **kw)["ShardIterator"]

    # one record a page: three pages, then an empty one on the open shard
    got, it = [], iterator("TRIM_HORIZON")
    for _ in range(4):
        r = s.get_records(ShardIterator=it, Limit=1)
        got += r["Records"]
        it = r.get("NextShardIterator")
    summary = [(r["eventName"], r["dynamodb"]["Keys"], r["dynamodb"].get("OldImage"),
                r["dynamodb"].get("NewImage")) for r in got]
    a1 = dict(pk("a"), v={"N": "1"}, m={"M": {"l": {"L": [
        {"S": "x"}, {"BOOL": True}, {"NULL": True}]}}})
    a2 = dict(pk("a"), v={"N": "2"})
    check("streams boto3 (%s): get_records, one a page" % who, summary == [
        ("INSERT", pk("a"), None, a1), ("MODIFY", pk("a"), a1, a2),
        ("REMOVE", pk("a"), a2, None)], summary)
    check("streams boto3 (%s): ... the open shard's end has a NextShardIterator" % who,
          it is not None)
    seqs = [r["dynamodb"]["SequenceNumber"] for r in got]
    check("streams boto3 (%s): ... sequence numbers grow" % who,
          len(seqs) == 3 and all(len(x) == 21 for x in seqs) and
          [int(x) for x in seqs] == sorted(int(x) for x in seqs), seqs)
    check("streams boto3 (%s): ... each record's members" % who, all(
        r["eventSource"] == "aws:dynamodb" and r["awsRegion"] == "ddblocal" and
        r["dynamodb"]["StreamViewType"] == "NEW_AND_OLD_IMAGES" and
        isinstance(r["dynamodb"]["SizeBytes"], int) for r in got), got)
    names = [r["eventName"] for r in s.get_records(
        ShardIterator=iterator("AT_SEQUENCE_NUMBER", seqs[1]))["Records"]]
    check("streams boto3 (%s): AT_SEQUENCE_NUMBER" % who, names == ["MODIFY", "REMOVE"], names)
    names = [r["eventName"] for r in s.get_records(
        ShardIterator=iterator("AFTER_SEQUENCE_NUMBER", seqs[1]))["Records"]]
    check("streams boto3 (%s): AFTER_SEQUENCE_NUMBER" % who, names == ["REMOVE"], names)
    latest = iterator("LATEST")
    check("streams boto3 (%s): LATEST reads nothing yet" % who,
          s.get_records(ShardIterator=latest)["Records"] == [])
    d.put_item(TableName=t, Item=pk("b"))
    got = s.get_records(ShardIterator=latest)["Records"]
    check("streams boto3 (%s): ... then the next write" % who,
          [(r["eventName"], r["dynamodb"]["Keys"]) for r in got] == [("INSERT", pk("b"))], got)
    code, msg, _ = error_of(lambda: s.get_shard_iterator(
        StreamArn=arn, ShardId="shardId-00000000000000000000-00000000",
        ShardIteratorType="TRIM_HORIZON"))
    check("streams boto3 (%s): an unknown shard: ResourceNotFoundException" % who,
          code == "ResourceNotFoundException", (code, msg))

    desc = d.update_table(TableName=t, StreamSpecification={"StreamEnabled": False})
    sd = s.describe_stream(StreamArn=arn)["StreamDescription"]
    check("streams boto3 (%s): disabled: DISABLED, the shard closed" % who,
          (sd["StreamStatus"], "EndingSequenceNumber" in sd["Shards"][0]["SequenceNumberRange"])
          == ("DISABLED", True), sd)
    r = s.get_records(ShardIterator=iterator("TRIM_HORIZON"))
    check("streams boto3 (%s): the closed shard read to its end" % who,
          [x["eventName"] for x in r["Records"]] == ["INSERT", "MODIFY", "REMOVE", "INSERT"]
          and "NextShardIterator" not in r, r)
    d.put_item(TableName=t, Item=pk("c"))
    r = s.get_records(ShardIterator=iterator("TRIM_HORIZON"))
    check("streams boto3 (%s): a write after disabling adds no record" % who,
          len(r["Records"]) == 4 and "NextShardIterator" not in r, r)
    d.delete_table(TableName=t)


streams(url, "sst-emu")
if os.environ.get("SST_DDB_LOCAL_ENDPOINT"):
    streams(os.environ["SST_DDB_LOCAL_ENDPOINT"], "DynamoDB Local")

print("clients_boto3: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
