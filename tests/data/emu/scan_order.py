#!/usr/bin/env python3
"""tests/data/emu/scan_order.py - record, from DynamoDB Local, the order
of the items in its answers: Scan of a table (whole, in Limit pages, in
parallel segments), Query and Scan of global and local secondary indexes,
and PartiQL's SELECT of a table or an index, whole or with a WHERE
that DynamoDB Local makes a Query or a Scan.

DynamoDB Local answers a Scan in an order of hashes of the partition key
values, and breaks the ties of an index's key values with hashes of the
table's keys; which hash depends on the shapes of the two key schemas.
This recorder knows nothing of those rules: it writes items whose
partition keys are of each type (S, N with negatives, fractions and
exponents, B with high bytes), with and without sort key, and indexes of
every shape (hash only; hash and range on non-key attributes; the table's
sort key as hash; the table's partition key as range or as hash; both
table keys), with many items sharing their index key values, then asks
for them forward and backward, whole and page by page, and records what
comes back. The pages follow each other: a step's ExclusiveStartKey (a
SELECT's NextToken) is {"$ref": [STEP, "LastEvaluatedKey"]} (record.py's
resolve()), and a paged request is repeated until DynamoDB Local's
answer has no LastEvaluatedKey (NextToken): how many pages there are is
DynamoDB Local's to say, so the recorder runs every case once to count
them, then records it. A parallel scan's ExclusiveStartKey is taken from
an item of one segment and given to another (an error) or to its own.

The NextTokens are written as partiql.py writes them (at replay.c's fixed
time); a request that carries one back to DynamoDB Local gets it dated
2100, as partiql.py's own do. The answers go to scan_order_cases.json,
which the conformance replay checks against the emulator. Re-record with:

    SST_CACHE_DIR=... tests/ddb-local exec python3 tests/data/emu/scan_order.py

Standard library only.
"""
import base64
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import record  # noqa: E402  (shared)
from record import record_sequences  # noqa: E402  (shared)
import partiql  # noqa: E402  (its NextTokens, written at a fixed time)

OUT = os.path.join(HERE, "scan_order_cases.json")
CASES = []
MOST_PAGES = 40   # a paged request that never ends is a failure


# ------------------------------------------------------------ NextTokens
def redate(t):
    """NextToken t, written at partiql.RECORDED_TIME, dated
    partiql.TOKEN_TIME (2100): DynamoDB Local takes it back."""
    try:
        text = base64.b64decode(t, validate=True).decode()
    except ValueError:
        return t
    fixed = '"creationTime":' + partiql.RECORDED_TIME
    if fixed not in text:
        return t
    text = text.replace(fixed, '"creationTime":' + partiql.TOKEN_TIME)
    return base64.b64encode(text.encode()).decode()


def call_dated(endpoint, op, body):
    if op == "ExecuteStatement" and isinstance(body, dict) and \
            isinstance(body.get("NextToken"), str):
        body = dict(body, NextToken=redate(body["NextToken"]))
    return partiql.call_fixed(endpoint, op, body)


record.call = call_dated  # record_sequences calls record.call


# ------------------------------------------------------------ builders
def S(v):
    return {"S": v}


def N(v):
    return {"N": v}


def B(raw):
    return {"B": base64.b64encode(bytes(raw)).decode()}


def ks(h, r=None):
    k = [{"AttributeName": h, "KeyType": "HASH"}]
    if r:
        k.append({"AttributeName": r, "KeyType": "RANGE"})
    return k


def ix(name, h, r=None, proj="ALL"):
    return {"IndexName": name, "KeySchema": ks(h, r),
            "Projection": {"ProjectionType": proj}}


def table(name, key, ad, gsis=(), lsis=()):
    """CreateTable of name; key: (hash, range or None); ad: (name, type)
    pairs."""
    req = {"TableName": name, "BillingMode": "PAY_PER_REQUEST",
           "KeySchema": ks(*key),
           "AttributeDefinitions": [{"AttributeName": a, "AttributeType": t}
                                    for a, t in ad]}
    if gsis:
        req["GlobalSecondaryIndexes"] = list(gsis)
    if lsis:
        req["LocalSecondaryIndexes"] = list(lsis)
    return ("CreateTable", req)


def fill(name, items):
    """BatchWriteItem steps putting items (25 a request)."""
    return [("BatchWriteItem", {"RequestItems": {name: [
        {"PutRequest": {"Item": it}} for it in items[i:i + 25]]}})
        for i in range(0, len(items), 25)]


class Pages:
    """A paged request: op with req and Limit, then again from where the
    answer before stopped, until an answer says it is the last."""

    def __init__(self, op, req, limit):
        self.op, self.req, self.limit = op, req, limit


class Label:
    """A step whose answer a later step names: {"$ref": [label, ...]}
    becomes {"$ref": [its index, ...]} when the case is unrolled."""

    def __init__(self, label, op, req):
        self.label, self.op, self.req = label, op, req


def case(name, *steps):
    CASES.append({"name": name, "steps": list(steps), "aws": None,
                  "compare": None})


def scan(t, **kw):
    return ("Scan", dict({"TableName": t}, **kw))


def scan_pages(t, limit, **kw):
    return Pages("Scan", dict({"TableName": t}, **kw), limit)


def segments(t, total, **kw):
    return [scan(t, Segment=i, TotalSegments=total, **kw)
            for i in range(total)]


def query(t, cond, values, **kw):
    return ("Query", dict({"TableName": t, "KeyConditionExpression": cond,
                           "ExpressionAttributeValues": values}, **kw))


def query_pages(t, cond, values, limit, **kw):
    return Pages("Query", dict({"TableName": t,
                                "KeyConditionExpression": cond,
                                "ExpressionAttributeValues": values}, **kw),
                 limit)


def es(stmt):
    return ("ExecuteStatement", {"Statement": stmt})


def es_pages(stmt, limit):
    return Pages("ExecuteStatement", {"Statement": stmt}, limit)


def ref(label, *path):
    return {"$ref": [label] + list(path)}


# ------------------------------------------------------- unrolling pages
def relabel(v, labels):
    """v with every {"$ref": [label, ...]} given its label's index."""
    if isinstance(v, dict):
        if len(v) == 1 and "$ref" in v and isinstance(v["$ref"], list) \
                and v["$ref"] and isinstance(v["$ref"][0], str):
            return {"$ref": [labels[v["$ref"][0]]] + v["$ref"][1:]}
        return {k: relabel(x, labels) for k, x in v.items()}
    if isinstance(v, list):
        return [relabel(x, labels) for x in v]
    return v


def unroll(c, ep):
    """Case c with its Pages made steps (as many as DynamoDB Local's
    answers take) and its labels made indexes, by running it."""
    record.reset(ep)
    steps, answers, labels = [], [], {}

    def run(op, req):
        try:
            sent = record.resolve(req, answers)
        except record.Unresolved as e:
            sys.exit("scan_order.py: %s, step %d: %s"
                     % (c["name"], len(steps), e))
        st, r = record.call(ep, op, sent)
        steps.append([op, req])
        answers.append(r)
        return st, r

    for s in c["steps"]:
        if isinstance(s, Label):
            labels[s.label] = len(steps)
            run(s.op, relabel(s.req, labels))
        elif isinstance(s, Pages):
            if s.op == "ExecuteStatement":
                more, start = "NextToken", "NextToken"
            else:
                more, start = "LastEvaluatedKey", "ExclusiveStartKey"
            req = dict(relabel(s.req, labels), Limit=s.limit)
            st, r = run(s.op, req)
            n = 1
            while st == 200 and more in r:
                if n == MOST_PAGES:
                    sys.exit("scan_order.py: %s: more than %d pages"
                             % (c["name"], MOST_PAGES))
                st, r = run(s.op, dict(req, **{start: {
                    "$ref": [len(steps) - 1, more]}}))
                n += 1
            if st != 200:
                sys.exit("scan_order.py: %s: a page failed: %s %s"
                         % (c["name"], st, r))
        else:
            op, req = s
            run(op, relabel(req, labels))
    return dict(c, steps=steps)


# ------------------------------------------------------------ key values
# Numbers of every kind: negatives, zero, fractions, exponents large and
# small, trailing zeros, 38 digits.
NUMS = ["1e125", "-1e-130", "12.5", "-3", "0", "100", "7", "2.50",
        "-0.001", "99999999999999999999999999999999999999", "1E-5", "-100",
        "3.14159", "42", "-7.5", "1000000", "-1e125", "1e-130"]
# Strings: case, digits, punctuation, Latin-1, beyond the BMP.
STRS = ["alpha", "Bravo", "charlie", "delta", "echo", "0", "9lives",
        "z", "Z", "a", "aa", "\u00e9t\u00e9", "na\u00efve", "\u65e5\u672c",
        "\U0001F600", "x-y_z.1", "long" * 20]
# Bytes: low, high (unsigned order), one and many.
BINS = [[0], [1], [0x7f], [0x80], [0xff], [0, 0], [0xff, 0xff],
        [1, 2, 3], [0x80, 0], [0x10] * 17, [0xde, 0xad, 0xbe, 0xef],
        [0x41, 0x42]]


def all_scans(t, keys=("pk",)):
    """A table's whole Scan, its Limit 3 pages, its parallel scans of 1 to
    4 segments, two segments in Limit 2 pages, an item's key (keys) of one
    segment given as start key to the other segment and to its own, and
    to a Scan of the whole table."""
    proj = ", ".join(keys)
    return [
        scan(t),
        scan_pages(t, 3),
        *segments(t, 1), *segments(t, 2), *segments(t, 3), *segments(t, 4),
        scan_pages(t, 2, Segment=0, TotalSegments=2),
        scan_pages(t, 2, Segment=1, TotalSegments=3),
        Label("seg0", "Scan", {"TableName": t, "Segment": 0,
                               "TotalSegments": 2,
                               "ProjectionExpression": proj}),
        Label("seg1", "Scan", {"TableName": t, "Segment": 1,
                               "TotalSegments": 2,
                               "ProjectionExpression": proj}),
        # outside the segment
        scan(t, Segment=0, TotalSegments=2,
             ExclusiveStartKey=ref("seg1", "Items", 0)),
        scan(t, Segment=1, TotalSegments=2,
             ExclusiveStartKey=ref("seg0", "Items", 0)),
        # inside it
        scan(t, Segment=0, TotalSegments=2,
             ExclusiveStartKey=ref("seg0", "Items", 0)),
        scan(t, Segment=1, TotalSegments=2,
             ExclusiveStartKey=ref("seg1", "Items", 1)),
        # the whole table, from a segment's item
        scan(t, ExclusiveStartKey=ref("seg1", "Items", 0), Limit=4),
    ]


# ------------------------------------------------- tables: Scan order
def hash_table(name, typ, values):
    items = [{"pk": {typ: v} if typ != "B" else B(v), "i": N(str(i))}
             for i, v in enumerate(values)]
    return [table(name, ("pk", None), [("pk", typ)]), *fill(name, items)]


def range_table(name, ptyp, pvals, styp, svals):
    def val(t, v):
        return B(v) if t == "B" else {t: v}
    items = [{"pk": val(ptyp, p), "sk": val(styp, s),
              "i": N(str(i * len(svals) + j))}
             for i, p in enumerate(pvals) for j, s in enumerate(svals)]
    return [table(name, ("pk", "sk"), [("pk", ptyp), ("sk", styp)]),
            *fill(name, items)]


case("order.scan.s_pk", *hash_table("s_pk", "S", STRS),
     *all_scans("s_pk"),
     scan("s_pk", ExclusiveStartKey={"pk": S("no such key")}),
     scan("s_pk", ExclusiveStartKey={"pk": S("zzz")}, Limit=3),
     scan("s_pk", Segment=1, TotalSegments=4,
          ExclusiveStartKey={"pk": S("alpha")}))
case("order.scan.s_pk_n_sk",
     *range_table("s_pk_n_sk", "S", ["p0", "p1", "P2", "\u00e9", "p10"], "N",
                  ["-3", "0", "12.5", "1e125"]),
     *all_scans("s_pk_n_sk", keys=("pk", "sk")),
     scan("s_pk_n_sk", ExclusiveStartKey={"pk": S("p1"), "sk": N("5")}),
     scan("s_pk_n_sk", ExclusiveStartKey={"pk": S("nope"), "sk": N("0")}))
case("order.scan.n_pk", *hash_table("n_pk", "N", NUMS),
     *all_scans("n_pk"),
     scan("n_pk", ExclusiveStartKey={"pk": N("5")}),
     scan("n_pk", ExclusiveStartKey={"pk": N("12.50")}, Limit=5),
     scan("n_pk", ExclusiveStartKey={"pk": N("-1E-130")}, Limit=5))
case("order.scan.n_pk_s_sk",
     *range_table("n_pk_s_sk", "N", ["-3", "0", "12.5", "1e125", "-1e-130"],
                  "S", ["a", "B", "\u00e9", "aa"]),
     *all_scans("n_pk_s_sk", keys=("pk", "sk")),
     scan("n_pk_s_sk", ExclusiveStartKey={"pk": N("0"), "sk": S("ab")}))
case("order.scan.b_pk", *hash_table("b_pk", "B", BINS),
     *all_scans("b_pk"),
     scan("b_pk", ExclusiveStartKey={"pk": B([0x42])}))
case("order.scan.b_pk_b_sk",
     *range_table("b_pk_b_sk", "B", [[0], [0xff], [1, 2], [0x80, 0x01]], "B",
                  [[0], [0x7f], [0x80], [0xff, 0]]),
     *all_scans("b_pk_b_sk", keys=("pk", "sk")),
     scan("b_pk_b_sk", ExclusiveStartKey={"pk": B([0xff]), "sk": B([0x10])}))


# --------------------------------------------- global indexes: Query order
def gsi_items(svals):
    """Five partitions of four items: g "a" or "b" (many ties), r 1 or 2,
    b one of two bytes; one item has none of them."""
    items = []
    for i in range(5):
        for j, s in enumerate(svals):
            it = {"pk": S("p%d" % i), "sk": s, "n": N(str(i * 4 + j))}
            if (i, j) != (4, 3):
                it["g"] = S("b" if (i + j) % 3 == 0 else "a")
                it["r"] = N(str((i * j) % 2 + 1))
                it["b"] = B([0x80 * ((i + j) % 2)])
            items.append(it)
    return items


GSI_AD = [("g", "S"), ("r", "N"), ("b", "B")]


def gsi_table(name, styp, svals, gsis):
    used = {e["AttributeName"] for x in gsis for e in x["KeySchema"]}
    ad = [("pk", "S"), ("sk", styp)] + [(a, t) for a, t in GSI_AD
                                       if a in used]
    return [table(name, ("pk", "sk"), ad, gsis), *fill(name, gsi_items(svals))]


def index_queries(t, index, hkey, hval, other=None, rcond=None):
    """Query index on hkey = hval forward, backward, in pages of 3 and of
    2; another key value; a range condition."""
    cond = "#h = :h"
    names = {"#h": hkey}
    vals = {":h": hval}
    kw = {"IndexName": index, "ExpressionAttributeNames": names}
    steps = [query(t, cond, vals, **kw),
             query(t, cond, vals, ScanIndexForward=False, **kw),
             query_pages(t, cond, vals, 3, **kw),
             query_pages(t, cond, vals, 2, ScanIndexForward=False, **kw)]
    if other is not None:
        steps.append(query(t, cond, {":h": other}, **kw))
    if rcond is not None:
        rexpr, rname, rvals = rcond
        kw2 = dict(kw, ExpressionAttributeNames=dict(names, **{"#r": rname}))
        v2 = dict(vals, **rvals)
        steps += [query(t, cond + " AND " + rexpr, v2, **kw2),
                  query(t, cond + " AND " + rexpr, v2,
                        ScanIndexForward=False, **kw2),
                  query_pages(t, cond + " AND " + rexpr, v2, 2, **kw2)]
    return steps


def index_scans(t, index, full=True):
    """Scan index whole, in pages of 3, in 3 segments, a segment in pages
    of 2; the key a segment's first page stops at given to the other
    segment and to its own."""
    steps = [scan(t, IndexName=index)]
    if full:
        first = [Label("%s.seg%d" % (index, i), "Scan", {
            "TableName": t, "IndexName": index, "Segment": i,
            "TotalSegments": 2, "Limit": 1}) for i in range(2)]
        steps += [scan_pages(t, 3, IndexName=index),
                  *segments(t, 3, IndexName=index),
                  *segments(t, 2, IndexName=index),
                  scan_pages(t, 2, IndexName=index, Segment=1,
                             TotalSegments=2),
                  *first,
                  *[scan(t, IndexName=index, Segment=i, TotalSegments=2,
                         ExclusiveStartKey=ref("%s.seg%d" % (index, j),
                                               "LastEvaluatedKey"))
                    for i in range(2) for j in range(2)]]
    return steps


def keys_only(t, index, hkey, hval):
    """The KEYS_ONLY twin: forward, backward, in pages, a whole Scan."""
    cond, kw = "#h = :h", {"IndexName": index,
                           "ExpressionAttributeNames": {"#h": hkey}}
    vals = {":h": hval}
    return [query(t, cond, vals, **kw),
            query(t, cond, vals, ScanIndexForward=False, **kw),
            query_pages(t, cond, vals, 3, **kw),
            scan(t, IndexName=index),
            scan_pages(t, 4, IndexName=index)]


NSK = [N("-3"), N("0"), N("7"), N("12.5")]
SSK = [S("x"), S("Y"), S("\u00e9"), S("xx")]


def gsi_cases(prefix, t, styp, svals, sk_tie):
    """One case per shape of global index, on a table (pk S, sk styp)."""
    def gcase(name, gsis, *steps):
        case(prefix + name, *gsi_table(t, styp, svals, gsis), *steps)

    gcase("ties_hash_only",
          [ix("g_hash", "g"), ix("g_hash_keys", "g", proj="KEYS_ONLY")],
          *index_queries(t, "g_hash", "g", S("a"), S("b")),
          *index_scans(t, "g_hash"),
          *keys_only(t, "g_hash_keys", "g", S("a")))
    gcase("ties_hash_range",
          [ix("g_r", "g", "r"), ix("g_r_keys", "g", "r", "KEYS_ONLY")],
          *index_queries(t, "g_r", "g", S("a"), S("b"),
                         ("#r = :r", "r", {":r": N("1")})),
          query(t, "g = :h AND r BETWEEN :lo AND :hi",
                {":h": S("a"), ":lo": N("1"), ":hi": N("2")},
                IndexName="g_r", ScanIndexForward=False),
          *index_scans(t, "g_r"),
          *keys_only(t, "g_r_keys", "g", S("a")))
    gcase("hash_is_table_sk", [ix("sk_hash", "sk")],
          *index_queries(t, "sk_hash", "sk", sk_tie, svals[0]),
          *index_scans(t, "sk_hash"))
    gcase("range_is_table_pk",
          [ix("g_pk", "g", "pk"), ix("g_pk_keys", "g", "pk", "KEYS_ONLY")],
          *index_queries(t, "g_pk", "g", S("a"), S("b"),
                         ("#r BETWEEN :lo AND :hi", "pk",
                          {":lo": S("p1"), ":hi": S("p3")})),
          *index_scans(t, "g_pk"),
          *keys_only(t, "g_pk_keys", "g", S("a")))
    gcase("hash_is_table_pk", [ix("pk_r", "pk", "r")],
          *index_queries(t, "pk_r", "pk", S("p3"), S("p1"),
                         ("#r = :r", "r", {":r": N("2")})),
          *index_scans(t, "pk_r"))
    gcase("hash_is_table_pk_only", [ix("pk_only", "pk")],
          *index_queries(t, "pk_only", "pk", S("p2"), S("p4")),
          *index_scans(t, "pk_only"))
    gcase("range_is_table_sk", [ix("g_sk", "g", "sk")],
          *index_queries(t, "g_sk", "g", S("a"), S("b"),
                         ("#r >= :s", "sk", {":s": svals[1]})),
          *index_scans(t, "g_sk"))
    gcase("table_keys_swapped", [ix("sk_pk", "sk", "pk")],
          *index_queries(t, "sk_pk", "sk", sk_tie, svals[0]),
          *index_scans(t, "sk_pk"))
    gcase("table_keys_same", [ix("pk_sk", "pk", "sk")],
          *index_queries(t, "pk_sk", "pk", S("p2")),
          *index_scans(t, "pk_sk", full=False),
          scan_pages(t, 3, IndexName="pk_sk"))
    gcase("binary_hash", [ix("b_hash", "b")],
          *index_queries(t, "b_hash", "b", B([0]), B([0x80])),
          *index_scans(t, "b_hash"))


gsi_cases("order.gsi.", "gsi_n", "N", NSK, N("7"))
gsi_cases("order.gsi_s_sk.", "gsi_s", "S", SSK, S("\u00e9"))


# ------------------------------------- a table without sort key, a GSI
def nosk_items():
    items = []
    for i, k in enumerate(STRS[:16]):
        items.append({"pk": S(k), "g": S("abc"[i % 3]),
                      "r": N(str(i % 2)), "n": N(str(i))})
    return items


NOSK = [table("no_sk", ("pk", None), [("pk", "S"), ("g", "S"), ("r", "N")],
              [ix("g_only", "g"), ix("g_r", "g", "r"), ix("g_pk", "g", "pk"),
               ix("g_keys", "g", proj="KEYS_ONLY")]),
        *fill("no_sk", nosk_items())]
case("order.gsi.no_sk_table", *NOSK,
     *index_queries("no_sk", "g_only", "g", S("a"), S("c")),
     *index_scans("no_sk", "g_only"),
     *index_queries("no_sk", "g_r", "g", S("b"), None,
                    ("#r = :r", "r", {":r": N("0")})),
     *index_scans("no_sk", "g_r"),
     *index_queries("no_sk", "g_pk", "g", S("a"), None,
                    ("#r > :r", "pk", {":r": S("a")})),
     *index_scans("no_sk", "g_pk"),
     *keys_only("no_sk", "g_keys", "g", S("a")))


# ---------------------------------------------- a local index, many ties
def lsi_items():
    items = []
    for i, p in enumerate(["p0", "p1", "q"]):
        for j, s in enumerate(["-3", "0", "1e125", "7", "12.5", "-1e-130"]):
            it = {"pk": S(p), "sk": N(s), "l": N(str(j % 2 + 1)),
                  "ls": S("mn"[(i + j) % 2]), "n": N(str(i * 6 + j))}
            if (i, j) == (2, 5):
                del it["l"], it["ls"]
            items.append(it)
    return items


LSI = [table("lsi", ("pk", "sk"),
             [("pk", "S"), ("sk", "N"), ("l", "N"), ("ls", "S")],
             lsis=[ix("l_all", "pk", "l"),
                   ix("l_keys", "pk", "l", "KEYS_ONLY"),
                   ix("ls_all", "pk", "ls")]),
       *fill("lsi", lsi_items())]
case("order.lsi.ties", *LSI,
     *index_queries("lsi", "l_all", "pk", S("p0"), S("q"),
                    ("#r = :r", "l", {":r": N("1")})),
     *index_scans("lsi", "l_all"),
     *segments("lsi", 4, IndexName="l_all"),
     *keys_only("lsi", "l_keys", "pk", S("p1")),
     *index_queries("lsi", "ls_all", "pk", S("p1"), S("q"),
                    ("#r = :r", "ls", {":r": S("n")})),
     *index_scans("lsi", "ls_all"))


# ------------------------------------------------ PartiQL SELECT order
PQ = [table("pql", ("pk", "sk"), [("pk", "S"), ("sk", "N"), ("g", "S"),
                                 ("r", "N")],
            [ix("g_hash", "g"), ix("g_r", "g", "r")],
            [ix("l_all", "pk", "r")]),
      *fill("pql", gsi_items(NSK))]
case("order.partiql.table", *PQ,
     es('SELECT * FROM "pql"'),
     es_pages('SELECT * FROM "pql"', 4),
     es('SELECT pk, sk FROM "pql" WHERE n > 5'))
case("order.partiql.gsi", *PQ,
     es('SELECT * FROM "pql"."g_hash"'),
     es_pages('SELECT * FROM "pql"."g_hash"', 3),
     es('SELECT * FROM "pql"."g_hash" WHERE g = \'a\''),
     es_pages('SELECT * FROM "pql"."g_hash" WHERE g = \'a\'', 3),
     es('SELECT * FROM "pql"."g_r" WHERE g = \'a\''),
     es_pages('SELECT * FROM "pql"."g_r" WHERE g = \'b\'', 2),
     es('SELECT * FROM "pql"."g_r"'))
case("order.partiql.lsi", *PQ,
     es('SELECT * FROM "pql"."l_all"'),
     es_pages('SELECT * FROM "pql"."l_all"', 5),
     es('SELECT * FROM "pql"."l_all" WHERE pk = \'p1\''),
     es_pages('SELECT * FROM "pql"."l_all" WHERE pk = \'p1\'', 2))
case("order.partiql.hash_tables",
     *hash_table("s_pk", "S", STRS), *hash_table("n_pk", "N", NUMS),
     *NOSK,
     es('SELECT * FROM "s_pk"'),
     es_pages('SELECT pk FROM "s_pk"', 5),
     es('SELECT * FROM "n_pk"'),
     es_pages('SELECT * FROM "n_pk"', 7),
     es('SELECT * FROM "no_sk"."g_only"'),
     es('SELECT * FROM "no_sk"."g_only" WHERE g = \'b\''),
     es_pages('SELECT * FROM "no_sk"."g_pk"', 4))



# ------------------------------------- PartiQL WHERE: Query or Scan
# DynamoDB Local makes a SELECT's WHERE a Query when the conditions of its
# top-level AND chain compare the keys with literals: the partition key
# with = or IN [...], the sort key with =, <, <=, >, >=, BETWEEN or
# begins_with; any other condition on a key attribute (<>, NOT, NOT IN,
# contains, attribute_exists, IS MISSING, a second different condition on
# one key) makes the whole statement a Scan, in hash order, and a
# condition on a key inside an OR is a filter of the Query. pk IN [...]
# reads its partitions in the order of their key values, ascending. The
# cases below show which by the order of the items, by the pages of Limit
# 1, 2 or 3 (a Scan's pages count the items it reads, so a filtered Scan
# has many empty pages), and by the items that come back.
def where_items():
    """Six partitions a..f of sk 1..4: v "x" or "y" (one item's v is its
    pk), gpk g0..g2 shared by eight items (one item has none), gsk 0..2
    (many ties)."""
    items = []
    for i, p in enumerate("abcdef"):
        for j in range(1, 5):
            it = {"pk": S(p), "sk": N(str(j)), "v": S("xy"[(i + j) % 2]),
                  "gpk": S("g%d" % ((i + j) % 3)),
                  "gsk": N(str((i * j) % 3))}
            if (p, j) == ("e", 2):
                it["v"] = S("e")
            if (p, j) == ("f", 4):
                del it["gpk"], it["gsk"]
            items.append(it)
    return items


def where_n_items():
    """Six partitions of N keys (negative, fractional, an exponent) of
    four S sort keys, two of them sharing the prefix "ab"."""
    return [{"pk": N(p), "sk": S(s), "v": S("xy"[(i + j) % 2])}
            for i, p in enumerate(["-2.5", "-1", "0", "0.5", "3", "1e2"])
            for j, s in enumerate(["ab", "abc", "b", "ac"])]


WQ = [table("pqw", ("pk", "sk"), [("pk", "S"), ("sk", "N"), ("gpk", "S"),
                                 ("gsk", "N")], [ix("idx", "gpk", "gsk")]),
      *fill("pqw", where_items())]
WN = [table("pqn", ("pk", "sk"), [("pk", "N"), ("sk", "S")]),
      *fill("pqn", where_n_items())]


def where(src, cond, limits=(2,), desc=None, fails=False):
    """SELECT * FROM src WHERE cond whole, in pages of each of limits,
    and whole ORDER BY desc DESC when desc is given. A statement DynamoDB
    Local fails (fails) is sent once with each Limit instead: there are
    no pages to follow."""
    stmt = "SELECT * FROM %s WHERE %s" % (src, cond)
    steps = [es(stmt)]
    for n in limits:
        if fails:
            steps.append(("ExecuteStatement", {"Statement": stmt,
                                               "Limit": n}))
        else:
            steps.append(es_pages(stmt, n))
    if desc:
        steps.append(es(stmt + " ORDER BY %s DESC" % desc))
    return steps


T, TN, IDX = '"pqw"', '"pqn"', '"pqw"."idx"'
WHERE = "order.partiql.where."
# pk IN [...]: a Query of each partition, in the order of the values
case(WHERE + "in_unsorted", *WQ,
     *where(T, "pk IN ['d','a','c']", (1, 3), desc="sk"))
case(WHERE + "in_duplicates", *WQ,
     *where(T, "pk IN ['b','b','a']", (2,), desc="sk"),
     *where(T, "pk IN ['a','a']", (3,)))
case(WHERE + "in_absent_value", *WQ,
     *where(T, "pk IN ['d','zz','c']", (3,)),
     *where(T, "pk IN ['zz']", (1,)),
     *where(T, "pk IN ['zz','a']", (2,)))
case(WHERE + "in_single", *WQ,
     *where(T, "pk IN ['c']", (3,), desc="sk"))
case(WHERE + "in_sort_key", *WQ,
     *where(T, "pk IN ['d','a','c'] AND sk > 1", (2,), desc="sk"),
     *where(T, "pk IN ['d','a','c'] AND sk BETWEEN 2 AND 3", (1, 3),
            desc="sk"),
     *where(T, "sk = 1 AND pk IN ['b','a']", (1,)))
case(WHERE + "in_filter", *WQ,
     *where(T, "pk IN ['d','a','c'] AND v = 'x'", (1, 2), desc="sk"))
case(WHERE + "in_n_pk", *WN,
     *where(TN, "pk IN [3, -2.5, 0.5, -1]", (3,), desc="sk"),
     *where(TN, "pk IN [1e2, 0, 0.50] AND sk > 'ab'", (2,)),
     *where(TN, "pk IN [100, -1, 1E2, -1.0]", (3,)))
case(WHERE + "in_begins_with", *WN,
     *where(TN, "pk IN [3, -2.5, 0.5] AND begins_with(sk, 'ab')", (1, 2),
            desc="sk"),
     *where(TN, "pk IN [0, -1] AND begins_with(sk, 'a') AND v = 'x'", (1,)))
case(WHERE + "in_gsi", *WQ,
     *where(IDX, "gpk IN ['g2','g0']", (3,), desc="gsk"),
     *where(IDX, "gpk IN ['g2','g0'] AND gsk > 0", (2,)),
     *where(IDX, "gpk IN ['g1','zz']", (1,)))
# a condition on a key inside an OR: a filter of the Query
case(WHERE + "or_on_sort_key", *WQ,
     *where(T, "pk = 'a' AND (sk = 1 OR sk = 3)", (1, 2), desc="sk"),
     *where(T, "pk = 'a' AND (sk = 1 OR v = 'x')", (2,)))
# another operator on a key attribute: a Scan
case(WHERE + "not_equal", *WQ,
     *where(T, "pk = 'a' AND sk <> 2", (2,), desc="sk"),
     *where(T, "pk = 'a' AND NOT (sk = 2)", (3,)))
case(WHERE + "two_sort_key_conditions", *WQ,
     *where(T, "pk = 'a' AND sk > 1 AND sk < 4", (3,), desc="sk"),
     *where(T, "pk = 'a' AND sk > 1 AND sk > 1", (2,)))
case(WHERE + "two_partition_conditions", *WQ,
     *where(T, "pk = 'a' AND pk = 'b'", (2,)),
     *where(T, "pk IN ['a'] AND pk = 'a'", (3,)),
     *where(T, "(pk = 'a' OR pk = 'b') AND sk = 1", (2,), desc="sk"))
# (attribute_exists and IS [NOT] MISSING of a key attribute: DynamoDB
# Local fails with HTTP 500; the emulator filters, tests/unit/
# test_emu_partiql.c, select_where_as_aws)
case(WHERE + "functions_on_keys", *WQ,
     *where(T, "pk = 'a' AND contains(pk, 'a')", (3,), desc="sk"),
     *where(T, "pk = 'a' AND attribute_exists(v)", (3,)))
case(WHERE + "not_in", *WQ,
     *where(T, "pk NOT IN ['a']", (3,)))
case(WHERE + "path_vs_path", *WQ,
     *where(T, "pk = v", (2,)),
     *where(T, "pk = v AND pk = 'a'", (1,)),
     *where(T, "pk = v AND pk = 'e'", (1,)))
# a literal before the key attribute (before the sort key, DynamoDB
# Local does not flip the operator: `3 > sk` acts as `sk > 3`; the
# emulator keeps its meaning, tests/unit/test_emu_partiql.c,
# select_where_as_aws)
case(WHERE + "literal_first", *WQ,
     *where(T, "'a' = pk", (3,)))


# ------------------------------------------------ BatchGetItem's order
# DynamoDB Local reads a table's Keys from a new HashSet<>(n) of them
# (hashed as maps of AttributeValues, an N by its text as sent), so its
# answer lists the items, and UnprocessedKeys the keys, in that order.
def bget(t, keys, **kw):
    return ("BatchGetItem",
            {"RequestItems": {t: dict({"Keys": keys}, **kw)}})


def bget_keys(pvals, svals, ptyp="S", styp="N"):
    def val(typ, v):
        return B(v) if typ == "B" else {typ: v}
    return [{"pk": val(ptyp, p), "sk": val(styp, s)}
            for p in pvals for s in svals]


BG_P, BG_S = ["p0", "p1", "P2", "\u00e9", "p10"], ["-3", "0", "12.5", "1e125"]
BG_KEYS = bget_keys(BG_P, BG_S)
case("order.batch_get.keys",
     *range_table("bg", "S", BG_P, "N", BG_S),
     bget("bg", BG_KEYS),
     bget("bg", list(reversed(BG_KEYS))),
     bget("bg", BG_KEYS[:2]), bget("bg", BG_KEYS[:3]),
     bget("bg", BG_KEYS[:4]), bget("bg", BG_KEYS[5:12]),
     bget("bg", BG_KEYS[::3] + bget_keys(["nope"], ["1", "2"])),
     bget("bg", BG_KEYS[:13], ProjectionExpression="i"),
     bget("bg", bget_keys(["p0", "p1"], ["0", "0.0", "00", "12.50"])),
     bget("bg", bget_keys(BG_P, ["-3.0", "1E125", "1e+125"])))
case("order.batch_get.n_and_b",
     *range_table("bgn", "N", ["-3", "0", "12.5", "1e125", "-1e-130"],
                  "B", [[0], [0x7f], [0x80], [0xff, 0]]),
     bget("bgn", bget_keys(["-3", "0", "12.5", "1e125", "-1e-130"],
                           [[0], [0x7f], [0x80], [0xff, 0]], "N", "B")),
     bget("bgn", bget_keys(["12.5", "0"], [[0xff, 0], [0]], "N", "B")))
case("order.batch_get.two_tables",
     *range_table("bg", "S", BG_P, "N", BG_S),
     *hash_table("s_pk", "S", STRS),
     ("BatchGetItem", {"RequestItems": {
         "bg": {"Keys": BG_KEYS[:9]},
         "s_pk": {"Keys": [{"pk": S(v)} for v in STRS]}}}))

def main():
    ep = os.environ.get("SST_DDB_LOCAL_ENDPOINT")
    if not ep:
        sys.exit("scan_order.py: SST_DDB_LOCAL_ENDPOINT is not set; run it "
                 "under tests/ddb-local exec")
    record_sequences([unroll(c, ep) for c in CASES], OUT, "scan_order.py")


if __name__ == "__main__":
    main()
