#!/usr/bin/env python3
"""bench/prefill.py URL - create the benchmark table on a DynamoDB endpoint
and load it: 1000 items g0..g999 for GetItem and one partition "q" of 100
items for Query, each about 1 KB. Standard library only, one keep-alive
connection."""
import http.client
import json
import sys
import urllib.parse

HEADERS = {
    "Content-Type": "application/x-amz-json-1.0",
    "X-Amz-Date": "20260101T000000Z",
    "Authorization": "AWS4-HMAC-SHA256 Credential=sstlocal/20260101/"
                     "us-east-1/dynamodb/aws4_request, SignedHeaders=host, "
                     "Signature=0",
}
PAD = "x" * 1000


def main():
    u = urllib.parse.urlparse(sys.argv[1])
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)

    def call(op, body, ok=(200,)):
        h = dict(HEADERS, **{"X-Amz-Target": "DynamoDB_20120810." + op})
        conn.request("POST", "/", json.dumps(body), h)
        r = conn.getresponse()
        data = r.read()
        if r.status not in ok:
            sys.exit("prefill: %s answered %d: %s" % (op, r.status, data[:300]))

    call("CreateTable", {
        "TableName": "bench", "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                 {"AttributeName": "sk", "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                      {"AttributeName": "sk", "KeyType": "RANGE"}]})
    for i in range(1000):
        call("PutItem", {"TableName": "bench", "Item": {
            "pk": {"S": "g%d" % i}, "sk": {"S": "s"}, "data": {"S": PAD}}})
    for i in range(100):
        call("PutItem", {"TableName": "bench", "Item": {
            "pk": {"S": "q"}, "sk": {"S": "s%03d" % i}, "data": {"S": PAD}}})


if __name__ == "__main__":
    main()
