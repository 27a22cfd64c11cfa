#!/usr/bin/env python3
"""tests/data/emu/random_streams.py - record random DynamoDB Streams
sequences from DynamoDB Local.

streams.py names its cases; this generator draws them. Each sequence
creates one to three tables of random_ops.py's key shapes (with or
without its secondary indexes), most with a stream of a random
StreamViewType, then draws, one step at a time:

- writes of every kind that puts records on a stream, on random_ops.py's
  key space and with its generators (Gen, Expr): PutItem, UpdateItem and
  DeleteItem with and without conditions and ReturnValues (failed
  conditions, deletes of missing items), the same with random_more.py's
  legacy parameters, BatchWriteItem and TransactWriteItems (over two
  tables now and then), PartiQL INSERT, UPDATE and DELETE through
  ExecuteStatement and BatchExecuteStatement (on distinct items), and an
  earlier write sent again (a write that changes nothing puts no
  record);
- reads of the streams: DescribeStream (with Limit and
  ExclusiveStartShardId now and then), GetShardIterator of each type
  (AT_SEQUENCE_NUMBER and AFTER_SEQUENCE_NUMBER with a sequence number of
  a record read before, of a shard's range, or now and then of another
  stream), GetRecords with and without Limit, mostly following the
  NextShardIterator of the last read, and ListStreams of a table (with
  Limit and ExclusiveStartStreamArn now and then);
- now and then an UpdateTable that disables or enables a stream (a new
  stream ARN, of a new view type; enabling an enabled stream is an
  error), a DescribeTable, or a DeleteTable (whose stream stays
  readable).

The generator sees DynamoDB Local's answer to each step before drawing
the next (the recorder's annotate()), so a request names only stream
ARNs, shard ids, iterators and sequence numbers that an earlier answer
gave, by reference ({"$ref": [STEP, ...]}, streams.py); the replay
resolves them against its own side's answers, and compare.c compares
them as opaque. Tables are named after the seed and the case (rs7c3-a):
DynamoDB Local keeps a deleted table's streams while it runs, and
ListStreams is always given one of the case's tables.

Known deviations are marked as random_ops.py and random_more.py mark
them, and in GetRecords' images as streams.py marks them: numbers as
AWS writes them (DynamoDB Local keeps nested numbers as sent), and
{"M": {}} for an empty map (also in a BatchExecuteStatement error's
Item). DynamoDB Local refuses as trimmed an iterator made on an empty
shard once its first record has a higher number (streams.py,
it.made_on_empty_shard); AWS's answer, the records, is read again
unrecorded from TRIM_HORIZON. DynamoDB Local numbers every change of
every table from its counter (the emulator only the records and the
streams), so AFTER_SEQUENCE_NUMBER is given a shard's
StartingSequenceNumber only once a record is known to carry it.

The answers go to random_streams_cases.json (seed 1, 25 sequences of 40
steps), which every replay checks; look for new divergences with other
seeds (docs/fidelity.md, "Random stream sequences"):

    tests/ddb-local exec python3 tests/data/emu/random_streams.py \\
        --seed 7 --cases 25 --steps 50 --out /tmp/rs/random_streams_cases.json
    build/tests/conformance/replay /tmp/rs

Standard library only.
"""
import base64
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import record  # noqa: E402  (call)
import random_ops as ro  # noqa: E402  (its Gen, Expr, writes and cli)
import random_more as rm  # noqa: E402  (legacy and PartiQL writes)
import streams  # noqa: E402  (REF, SPEC, VIEWS; fixed table times)

OUT = os.path.join(HERE, "random_streams_cases.json")
TABLE = ro.TABLE
REF, SPEC, VIEWS = streams.REF, streams.SPEC, streams.VIEWS


# ------------------------------------------------------------------ tables
def create(g, name, shape, view):
    """random_ops.py's CreateTable of shape on table name, without its
    secondary indexes now and then, with a stream of view (none when view
    is None)."""
    req = json.loads(json.dumps(ro.create(shape)))
    req["TableName"] = name
    if g.chance(0.4):
        for k in ("GlobalSecondaryIndexes", "LocalSecondaryIndexes"):
            req.pop(k, None)
        req["AttributeDefinitions"] = [
            a for a in req["AttributeDefinitions"]
            if a["AttributeName"] in ("pk", "sk")]
    if view is not None:
        req["StreamSpecification"] = SPEC(view)
    return "CreateTable", req


def retable(v, name):
    """Request v, drawn on random_ops.py's table, on table name."""
    if isinstance(v, dict):
        out = {}
        for k, x in v.items():
            if k == "TableName" and x == TABLE:
                x = name
            elif k == "RequestItems" and isinstance(x, dict):
                x = {(name if t == TABLE else t): y for t, y in x.items()}
            elif k == "Statement" and isinstance(x, str):
                x = x.replace('"%s"' % TABLE, '"%s"' % name)
            out[k] = retable(x, name)
        return out
    if isinstance(v, list):
        return [retable(x, name) for x in v]
    return v


# ------------------------------------------------------------------ state
class Table:
    def __init__(self, name, shape, view):
        self.name, self.shape, self.view = name, shape, view
        self.live = False  # created, not deleted
        self.stream = None  # a REF to its latest stream's ARN
        self.writes = []  # requests of its successful writes


class Shard:
    def __init__(self, stream, ref):
        self.stream, self.ref = stream, ref
        self.seqs = {}  # sequence number: a REF to it
        self.range = {}  # StartingSequenceNumber, ...: (number, REF)


class Stream:
    def __init__(self, table, ref):
        self.table, self.ref = table, ref
        self.shards = {}  # shard id: Shard


class Steps:
    """A sequence's steps, drawn one at a time as the recorder asks for
    them, each knowing DynamoDB Local's answers to the steps before it
    (annotate()). len() is the number of steps."""

    def __init__(self, g, tables, n):
        self.g, self.tables = g, tables
        self.n = len(tables) + n
        self.i = 0  # the step annotate() is given next
        self.streams = {}  # ARN: Stream
        self.iterators = []  # (REF, Shard), the newest last
        self.pending = None  # what the step being recorded reads

    def __len__(self):
        return self.n

    def __iter__(self):
        for t in self.tables:
            self.pending = t
            yield create(self.g, t.name, t.shape, t.view)
        for _ in range(self.n - len(self.tables)):
            self.pending = None
            if self.g.chance(0.5):
                yield self.write()
            else:
                yield self.g.pick(STREAM_OPS)(self)

    # ------------------------------------------------------------- draws
    def table(self, live=True):
        ts = [t for t in self.tables if t.live] if live else []
        return self.g.pick(ts or self.tables)

    def write(self):
        g = self.g
        t = self.table(live=not g.chance(0.03))
        self.pending = t
        if t.writes and g.chance(0.08):
            return g.pick(t.writes)  # again: mostly no change
        g.shape = t.shape
        op, req = g.pick(WRITES)(g)
        req = retable(req, t.name)
        others = [u for u in self.tables if u is not t and u.live]
        many = {"TransactWriteItems": (ro.transact_write, "TransactItems"),
                "BatchExecuteStatement": (batch_statements, "Statements"),
                "BatchWriteItem": (ro.batch_write, "RequestItems")}
        if op in many and others and g.chance(0.3):
            u = g.pick(others)
            g.shape = u.shape
            fn, member = many[op]
            more = retable(fn(g)[1], u.name)[member]
            if op == "BatchWriteItem":
                req[member].update(more)
            else:
                req[member] += more
        return op, req

    def stream(self):
        """A stream: mostly a table's latest."""
        if not self.streams:
            return None
        latest = [s for s in self.streams.values()
                  if s.ref == s.table.stream]
        if latest and self.g.chance(0.75):
            return self.g.pick(latest)
        return self.g.pick(list(self.streams.values()))

    def note(self, op, req, rec):
        """Learn from DynamoDB Local's answer rec to step self.i; the
        step's expectation where a known deviation applies."""
        i, self.i = self.i, self.i + 1
        ok = rec["status"] == 200
        r = rec.get("response", {})
        if op in ("CreateTable", "UpdateTable", "DescribeTable") and ok:
            t = self.by_name(req["TableName"])
            member = "Table" if op == "DescribeTable" else "TableDescription"
            if op == "CreateTable":
                t.live = True
            if op == "UpdateTable":
                spec = req["StreamSpecification"]
                t.view = spec.get("StreamViewType") if \
                    spec["StreamEnabled"] else None
            arn = r[member].get("LatestStreamArn")
            if arn:
                s = self.learn(arn, t, REF(i, member, "LatestStreamArn"))
                if op != "DescribeTable":
                    t.stream = s.ref
        elif op == "DeleteTable" and ok:
            self.by_name(req["TableName"]).live = False
        elif op == "ListStreams" and ok:
            t = self.by_name(req["TableName"])
            for k, x in enumerate(r.get("Streams", [])):
                self.learn(x["StreamArn"], t,
                           REF(i, "Streams", k, "StreamArn"))
        elif op == "DescribeStream" and ok:
            self.learn_shards(i, r["StreamDescription"])
        elif op == "GetShardIterator" and ok:
            self.iterators.append((REF(i, "ShardIterator"), self.pending))
        elif op == "GetRecords" and ok:
            shard = self.pending
            for k, x in enumerate(r.get("Records", [])):
                seq = x["dynamodb"]["SequenceNumber"]
                shard.seqs.setdefault(seq, REF(i, "Records", k, "dynamodb",
                                               "SequenceNumber"))
            if "NextShardIterator" in r:
                self.iterators.append((REF(i, "NextShardIterator"), shard))
            return records_note(rec)
        elif op == "GetRecords" and rec["type"] == TRIMMED:
            return untrimmed(req)
        elif ok and isinstance(self.pending, Table):
            self.pending.writes.append((op, req))
        if op == "BatchExecuteStatement" and ok:
            return statements_note(rec)
        if op in WRITE_OPS:
            return rm.annotate(op, req, rec)
        return None

    def by_name(self, name):
        return next(t for t in self.tables if t.name == name)

    def learn(self, arn, table, ref):
        if arn not in self.streams:
            self.streams[arn] = Stream(table, ref)
        return self.streams[arn]

    def learn_shards(self, i, desc):
        s = self.streams.get(desc["StreamArn"])
        if s is None:
            return
        for k, x in enumerate(desc.get("Shards", [])):
            at = (i, "StreamDescription", "Shards", k)
            sh = s.shards.get(x["ShardId"])
            if sh is None:
                sh = s.shards[x["ShardId"]] = Shard(s, REF(*at, "ShardId"))
            rng = x.get("SequenceNumberRange", {})
            sh.range = {m: (n, REF(*at, "SequenceNumberRange", m))
                        for m, n in rng.items()}


WRITE_OPS = ("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
             "TransactWriteItems", "ExecuteStatement",
             "BatchExecuteStatement")


def records_note(rec):
    """GetRecords' answer as AWS gives it: the images' numbers trimmed,
    their empty maps {"M": {}}; None when that changes nothing."""
    mended = streams.mend_empty_maps(rec["response"])
    resp = json.loads(json.dumps(mended))
    for x in resp.get("Records", []):
        d = x["dynamodb"]
        for img in ("Keys", "NewImage", "OldImage"):
            if img in d:
                d[img] = ro.trimmed(d[img])
    notes = [n for n, changed in ((ro.NOTE_NUMBERS, resp != mended),
                                  (streams.EMPTY_MAP_NOTE,
                                   mended != rec["response"])) if changed]
    if not notes:
        return None
    return {"ok": True, "note": "; ".join(notes), "response": resp}


NOTE_EMPTY_MAP = ("DynamoDB Local writes an empty map as {} in the Item "
                  "of a statement's ConditionalCheckFailed; AWS writes "
                  "{\"M\": {}}")


def statements_note(rec):
    """BatchExecuteStatement's answer as AWS gives it: the Items of its
    errors with numbers trimmed and empty maps {"M": {}}; else None."""
    resp = json.loads(json.dumps(rec["response"]))
    notes = []
    for x in resp.get("Responses", []):
        item = x.get("Error", {}).get("Item")
        if item is None:
            continue
        mended = {k: streams.mend_value(v) for k, v in item.items()}
        if mended != item and NOTE_EMPTY_MAP not in notes:
            notes.append(NOTE_EMPTY_MAP)
        x["Error"]["Item"] = ro.trimmed(mended)
        if x["Error"]["Item"] != mended and ro.NOTE_NUMBERS not in notes:
            notes.append(ro.NOTE_NUMBERS)
    if not notes:
        return None
    return {"ok": True, "note": "; ".join(notes), "response": resp}


TRIMMED = "TrimmedDataAccessException"
NOTE_TRIMMED = streams.TRIMMED_NOTE


def untrimmed(req):
    """AWS's answer to GetRecords req, which DynamoDB Local refused as
    trimmed: the shard's records from the iterator's position on (read
    again, unrecorded, from TRIM_HORIZON), at most Limit of them, and a
    next iterator unless a closed shard is read to its end."""
    arn, _, inner = req["ShardIterator"].split("|", 2)
    shard, pos, _ = base64.b64decode(inner).decode().split("|")
    ep = os.environ["SST_DDB_LOCAL_ENDPOINT"]
    st, it = record.call(ep, "GetShardIterator", {
        "StreamArn": arn, "ShardId": shard,
        "ShardIteratorType": "TRIM_HORIZON"})
    st2, r = record.call(ep, "GetRecords", {"ShardIterator":
                                            it.get("ShardIterator")})
    recs = r.get("Records", [])
    if st != 200 or st2 != 200 or not recs or \
            int(recs[0]["dynamodb"]["SequenceNumber"]) <= int(pos):
        return None  # not the case this note is about
    limit = req.get("Limit", 1000)
    resp = {"Records": recs[:limit]}
    if "NextShardIterator" in r or len(recs) > limit:
        resp["NextShardIterator"] = r.get("NextShardIterator",
                                          it["ShardIterator"])
    fixed = records_note({"response": resp})
    note = NOTE_TRIMMED
    if fixed:
        resp, note = fixed["response"], NOTE_TRIMMED + "; " + fixed["note"]
    return {"ok": True, "note": note, "response": resp}


# ------------------------------------------------------------------ writes
# random_ops.py's writes fail more often than not (on purpose); these
# mostly succeed, so that the streams have records of every kind.
KEY_CONDS = ["attribute_exists(pk)", "attribute_not_exists(pk)",
             "attribute_exists(n)", "attribute_not_exists(m)"]


def condition_of(g, req, p=0.3):
    if g.chance(p):
        req["ConditionExpression"] = g.pick(KEY_CONDS)


def plain_put(g):
    req = {"TableName": TABLE, "Item": g.item(clean=True)}
    condition_of(g, req)
    if g.chance(0.4):
        req["ReturnValues"] = g.pick(["NONE", "ALL_OLD"])
    return "PutItem", req


def plain_update(g):
    """SET, REMOVE and ADD of whole attributes (an index key now and
    then), with values of the attributes' usual types."""
    e = ro.Expr(g)
    acts = {"SET": [], "REMOVE": [], "ADD": []}
    names = ro.NAMES + ["gpk", "gsk"]
    g.r.shuffle(names)
    for n in names[:g.r.randint(1, 3)]:
        x = g.r.random()
        if x < 0.2:
            acts["REMOVE"].append(e.name(n))
        elif n == "n" and x < 0.6:
            acts["ADD"].append("%s %s" % (e.name(n), e.val(
                {"N": g.pick(ro.CNUMS)})))
        else:
            v = g.index_key_value(n, clean=True) if n in ("gpk", "gsk") \
                else g.attr_value(n)
            acts["SET"].append("%s = %s" % (e.name(n), e.val(v)))
    req = {"TableName": TABLE, "Key": g.key(),
           "UpdateExpression": " ".join(
               "%s %s" % (k, ", ".join(v)) for k, v in acts.items() if v)}
    condition_of(g, req)
    if g.chance(0.5):
        req["ReturnValues"] = g.pick(["NONE", "ALL_OLD", "UPDATED_OLD",
                                      "ALL_NEW", "UPDATED_NEW"])
    return "UpdateItem", e.attach(req)


def plain_delete(g):
    req = {"TableName": TABLE, "Key": g.key()}
    condition_of(g, req)
    if g.chance(0.4):
        req["ReturnValues"] = g.pick(["NONE", "ALL_OLD"])
    return "DeleteItem", req


def batch_statements(g):
    """BatchExecuteStatement of one to three of random_more.py's INSERT,
    UPDATE and DELETE statements, on distinct items (DynamoDB Local
    writes a batch with one item twice before refusing it, a noted
    deviation)."""
    stmts, used = [], set()
    for _ in range(g.r.randint(1, 3)):
        keys, key = [], g.key

        def kept():
            k = key()
            keys.append(json.dumps(k, sort_keys=True))
            return k
        g.key = kept  # (the statement's one key, before an item grows)
        try:
            req = g.pick([rm.insert, rm.update, rm.delete])(g)[1]
        finally:
            del g.key
        k = keys[0]
        if k not in used:
            used.add(k)
            stmts.append(req)
    return "BatchExecuteStatement", {"Statements": stmts}


WRITES = [f for f, w in [
    (plain_put, 6), (plain_update, 6), (plain_delete, 4),
    (ro.put_item, 2), (ro.update_item, 2), (ro.delete_item, 1),
    (ro.transact_write, 3), (ro.batch_write, 3), (rm.legacy_put, 1),
    (rm.legacy_update, 1), (rm.legacy_delete, 1), (rm.insert, 2),
    (rm.update, 2), (rm.delete, 2), (batch_statements, 2)]
    for _ in range(w)]


# ------------------------------------------------------------------ streams
def describe_stream(st):
    g = st.g
    s = st.stream()
    if s is None:
        return list_streams(st)
    req = {"StreamArn": s.ref}
    if g.chance(0.2):
        req["Limit"] = g.pick([1, 1, 2, 100])
    if s.shards and g.chance(0.1):
        req["ExclusiveStartShardId"] = g.pick(list(s.shards.values())).ref
    return "DescribeStream", req


def sequence_number(st, shard, after):
    """A REF to a sequence number for an iterator of shard: mostly of a
    record read from it, or its range; now and then of another shard's.
    Of its range, for AFTER_SEQUENCE_NUMBER (after), only a number that a
    record read is known to have: DynamoDB Local numbers every change of
    every table (and of a canceled transaction) from its counter, the
    emulator only the records and streams, so that the first record of
    a shard may have its StartingSequenceNumber on one side only."""
    g = st.g

    def refs(sh):
        return list(sh.seqs.values()) + [
            ref for n, ref in sh.range.values()
            if not after or n in sh.seqs]
    own = refs(shard)
    other = [r for s in st.streams.values() for sh in s.shards.values()
             if sh is not shard for r in refs(sh)]
    if other and (not own or g.chance(0.08)):
        return g.pick(other)
    return g.pick(own) if own else None


def get_shard_iterator(st):
    g = st.g
    s = st.stream()
    if s is None or not s.shards or g.chance(0.1):
        return describe_stream(st)
    shard = g.pick(list(s.shards.values()))
    kind = g.pick(["TRIM_HORIZON", "LATEST", "AT_SEQUENCE_NUMBER",
                   "AFTER_SEQUENCE_NUMBER"])
    req = {"StreamArn": s.ref, "ShardId": shard.ref,
           "ShardIteratorType": kind}
    if kind.endswith("SEQUENCE_NUMBER"):
        seq = sequence_number(st, shard, kind.startswith("AFTER"))
        if seq is None:
            req["ShardIteratorType"] = "TRIM_HORIZON"
        else:
            req["SequenceNumber"] = seq
    st.pending = shard
    return "GetShardIterator", req


def get_records(st):
    g = st.g
    if not st.iterators:
        return get_shard_iterator(st)
    its = st.iterators
    ref, shard = its[-1] if g.chance(0.6) else g.pick(its[-4:]) \
        if g.chance(0.7) else g.pick(its)
    req = {"ShardIterator": ref}
    if g.chance(0.4):
        req["Limit"] = g.pick([1, 1, 2, 3, 1000])
    st.pending = shard
    return "GetRecords", req


def list_streams(st):
    g = st.g
    t = st.table(live=False)
    req = {"TableName": t.name}
    if g.chance(0.3):
        req["Limit"] = g.pick([1, 1, 2, 100])
    mine = [s.ref for s in st.streams.values() if s.table is t]
    if mine and g.chance(0.2):
        req["ExclusiveStartStreamArn"] = g.pick(mine)
    return "ListStreams", req


def update_table(st):
    """Disable or enable a table's stream; now and then the same state
    again, which is an error."""
    g = st.g
    t = st.table(live=not g.chance(0.05))
    enable = (t.view is None) != g.chance(0.15)
    spec = SPEC(g.pick(VIEWS) if enable else None)
    return "UpdateTable", {"TableName": t.name, "StreamSpecification": spec}


def describe_table(st):
    return "DescribeTable", {"TableName": st.table(live=False).name}


def delete_table(st):
    """A DeleteTable, rarely: the case goes on with the others."""
    live = [t for t in st.tables if t.live]
    if len(live) < 2 and not st.g.chance(0.2):
        return describe_table(st)
    return "DeleteTable", {"TableName": st.table().name}


STREAM_OPS = [f for f, w in [
    (describe_stream, 3), (get_shard_iterator, 6), (get_records, 9),
    (list_streams, 2), (update_table, 2), (describe_table, 1),
    (delete_table, 1)] for _ in range(w)]


def make_cases(seed, ncases, nsteps):
    g = ro.Gen(random.Random(seed))
    cases = []
    for i in range(ncases):
        n = g.pick([1, 1, 2, 2, 3])
        tables = []
        for k in range(n):
            view = None if k and g.chance(0.2) else g.pick(VIEWS)
            tables.append(Table("rs%dc%d-%s" % (seed, i, "abc"[k]),
                                g.pick(ro.SHAPES), view))
        steps = Steps(g, tables, nsteps)
        cases.append({"name": "streams.%d.%d" % (seed, i), "steps": steps,
                      "aws": None, "compare": None,
                      "annotate": steps.note})
    return cases


def main():
    ro.cli(__doc__, make_cases, OUT, "random_streams.py", cases=25,
           steps=40)


if __name__ == "__main__":
    main()
