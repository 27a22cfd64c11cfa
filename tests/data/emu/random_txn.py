#!/usr/bin/env python3
"""tests/data/emu/random_txn.py - record random transaction sequences from
DynamoDB Local.

txn.py and partiql_batch.py name their cases; this generator draws them.
Each sequence creates one to three tables of random_ops.py's key shapes
(with its secondary indexes, or now and then without), then draws its
steps:

- TransactWriteItems of random_ops.py's actions (Put, Update, Delete,
  ConditionCheck, with conditions that hold or fail and
  ReturnValuesOnConditionCheckFailure) over one table or several, with
  ReturnConsumedCapacity and ReturnItemCollectionMetrics now and then,
  two actions on one item, an oversized payload or 101 actions once in a
  while; half of them with a ClientRequestToken;
- an earlier request with a token sent again: the same request (with
  other ReturnConsumedCapacity or ReturnItemCollectionMetrics now and
  then), which succeeds again without a second effect, or other actions
  under the same token (IdempotentParameterMismatchException once the
  first succeeded), mostly after other writes changed the items;
- TransactGetItems over one or several tables, with projections, missing
  items and ReturnConsumedCapacity;
- ExecuteTransaction of PartiQL statements on distinct items (INSERT,
  UPDATE and DELETE of random_more.py, EXISTS condition checks, or
  SELECTs of whole keys only), literals or parameters, with
  ReturnValuesOnConditionCheckFailure, ReturnConsumedCapacity and a
  ClientRequestToken now and then;
- BatchExecuteStatement now and then (random_streams.py's);
- plain reads between them (GetItem, Scan) so that effects are seen, and
  plain writes (random_streams.py's and random_ops.py's) so that
  conditions change.

Known deviations are marked as the other recorders mark them (numbers as
AWS writes them, DuplicateItemException, empty maps in a statement's
Item, ConsumedCapacity of a missing item's DeleteItem), and:
ItemCollectionMetrics, which DynamoDB Local never gives to
TransactWriteItems (AWS: one per Put, Update or Delete on a table with a
local index); two actions on one item, which DynamoDB Local runs before
it refuses them (a failed condition or a runtime fault of the later one
wins; AWS refuses the request, txn.py tw.val.same_item), told apart by
an unrecorded probe; and a transaction's Delete of a missing item, which
DynamoDB Local charges one unit (AWS two). ReturnConsumedCapacity is
asked only of transactions with one action on each table and no table
with secondary indexes: DynamoDB Local counts one action per table and
charges an index for an item that changes its key attributes without
being in it (docs/fidelity.md). Tokens are named after the seed and the
case: DynamoDB Local keeps them between cases.

The answers go to random_txn_cases.json (seed 1, 25 sequences of 40
steps after their CreateTables), which every replay checks; look for new
divergences with other seeds (docs/fidelity.md, "Random transaction
sequences"):

    tests/ddb-local exec python3 tests/data/emu/random_txn.py \\
        --seed 7 --cases 25 --steps 50 --out /tmp/rt/random_txn_cases.json
    build/tests/conformance/replay /tmp/rt

Standard library only.
"""
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import record  # noqa: E402  (probes)
import random_ops as ro  # noqa: E402  (Gen, Expr, actions, cli)
import random_more as rm  # noqa: E402  (PartiQL statements, annotate)
import random_streams as rs  # noqa: E402  (retable, plain writes)

OUT = os.path.join(HERE, "random_txn_cases.json")
TABLE = ro.TABLE
retable = rs.retable

NOTE_ICM = ("DynamoDB Local never answers ItemCollectionMetrics to "
            "TransactWriteItems; AWS documents them for tables with local "
            "secondary indexes")
NOTE_SAME_ITEM = ("DynamoDB Local runs the later of two actions on one "
                  "item before it looks for the pair, and goes on past it "
                  "when it fails; AWS documents the request as refused")
NOTE_DELETE_CC = ("DynamoDB Local charges a transaction's Delete of a "
                  "missing item one write unit; AWS documents two per "
                  "item of a transactional write")
SAME_ITEM = ("Transaction request cannot include multiple operations on "
             "one item")


# ------------------------------------------------------------------ tables
class Table:
    def __init__(self, name, shape, indexed):
        self.name, self.shape, self.indexed = name, shape, indexed
        self.lsi = indexed and shape[1] is not None


def create(g, t):
    """random_ops.py's CreateTable of t's shape, named t.name, without its
    secondary indexes when t is not indexed."""
    req = json.loads(json.dumps(ro.create(t.shape)))
    req["TableName"] = t.name
    if not t.indexed:
        for k in ("GlobalSecondaryIndexes", "LocalSecondaryIndexes"):
            req.pop(k, None)
        req["AttributeDefinitions"] = [
            a for a in req["AttributeDefinitions"]
            if a["AttributeName"] in ("pk", "sk")]
    return "CreateTable", req


def key_of(action):
    """The (table, key) an action names, as comparable text."""
    body = list(action.values())[0]
    key = body.get("Key")
    if key is None:
        item = body.get("Item", {})
        key = {k: v for k, v in item.items() if k in ("pk", "sk")}
    return body.get("TableName"), json.dumps(key, sort_keys=True)


# ------------------------------------------------------------------ steps
class Steps:
    """A sequence's steps: the CreateTables, then n random steps."""

    def __init__(self, g, seed, case, tables, n):
        self.g, self.tables = g, tables
        self.prefix = "t%dc%d-" % (seed, case)
        self.tokens = 0
        self.sent = []  # (op, request) of every request with a token
        self.steps = [create(g, t) for t in tables]
        draws = [f for f, w in DRAWS for _ in range(w)]
        for _ in range(n):
            self.steps.append(self.g.pick(draws)(self))

    def table(self):
        t = self.g.pick(self.tables)
        self.g.shape = t.shape
        return t

    def on(self, fn, t=None):
        """fn's request, drawn on random_ops.py's table, on table t."""
        t = t or self.table()
        self.g.shape = t.shape
        op, req = fn(self.g)
        return op, retable(req, t.name)

    def capacity_ok(self, op, req):
        """Whether transaction req may ask for its capacity: one action
        on each table, and no table with secondary indexes (DynamoDB
        Local charges one action per table, and an index for an item
        that changes its key attributes without being in it:
        docs/fidelity.md)."""
        names = tables_of(op, req)
        plain = {t.name for t in self.tables if not t.indexed}
        return len(set(names)) == len(names) and set(names) <= plain

    def token(self, req):
        self.tokens += 1
        req["ClientRequestToken"] = self.prefix + str(self.tokens)

    def tokened(self, op, req):
        if "ClientRequestToken" in req:
            self.sent.append((op, req))
        return op, req


def tables_of(op, req):
    """The table of each action or statement of a transaction."""
    if op == "TransactWriteItems":
        return [key_of(a)[0] for a in req["TransactItems"]]
    return [re.search(r'"([^"]+)"', x["Statement"]).group(1)
            for x in req["TransactStatements"]]


# ------------------------------------------------------------------ draws
def plain_actions(g):
    """One to three actions of random_streams.py's plain writes, with
    conditions on the item's presence, which hold or fail by the store."""
    acts = []
    for _ in range(g.r.randint(1, 3)):
        kind = g.pick(["Put", "Update", "Delete", "ConditionCheck"])
        if kind == "Put":
            a = rs.plain_put(g)[1]
            a.pop("ReturnValues", None)
        elif kind == "Update":
            a = rs.plain_update(g)[1]
            a.pop("ReturnValues", None)
        else:
            a = rs.plain_delete(g)[1]
            a.pop("ReturnValues", None)
        if kind == "ConditionCheck":
            a["ConditionExpression"] = g.pick(rs.KEY_CONDS)
        if g.chance(0.25):
            a["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD"
        acts.append({kind: a})
    return "TransactWriteItems", {"TransactItems": acts}


def transact_write(st):
    """random_ops.py's TransactWriteItems, or actions whose conditions
    mostly hold, over one to three tables, each action on its own item
    (but now and then two on one)."""
    g = st.g
    n = 1 if len(st.tables) == 1 or g.chance(0.5) else \
        g.r.randint(2, len(st.tables))
    tables = g.r.sample(st.tables, n)
    actions = []
    fn = ro.transact_write if g.chance(0.5) else plain_actions
    for t in tables:
        actions += st.on(fn, t)[1]["TransactItems"]
    if not actions:
        t = st.table()
        actions = [{"Put": {"TableName": t.name,
                            "Item": st.g.item(clean=True)}}]
    g.r.shuffle(actions)
    if g.chance(0.07):
        # two actions on one item: a later one without runtime faults
        # (see same_item_answer())
        i = g.r.randrange(len(actions))
        name, key = key_of(actions[i])
        key = json.loads(key)
        kind = g.pick(["Put", "Delete", "ConditionCheck"])
        if kind == "Put":
            g.shape = next(t.shape for t in st.tables if t.name == name)
            body = {"TableName": name, "Item": dict(g.item(clean=True),
                                                    **key)}
        elif kind == "Delete":
            body = {"TableName": name, "Key": key}
        else:
            body = {"TableName": name, "Key": key,
                    "ConditionExpression": g.pick(rs.KEY_CONDS)}
        actions.insert(g.r.randint(i + 1, len(actions)), {kind: body})
    x = g.r.random()
    if x < 0.02:
        t = st.table()
        actions = [{"Put": {"TableName": t.name, "Item": st.g.key()}}
                   for _ in range(101)]
    elif x < 0.04:
        t = st.table()
        actions = []
        for i in range(12):  # (eleven, one taken out again: still over)
            it = st.g.key()
            it["big"] = {"S": "x" * 390000}
            actions.append({"Put": {"TableName": t.name, "Item": it}})
    elif x < 0.06:
        a = g.pick(actions)
        body = list(a.values())[0]
        if "Item" in body:
            body["Item"]["big"] = {"S": "y" * 410000}
    req = {"TransactItems": actions}
    if st.capacity_ok("TransactWriteItems", req) and g.chance(0.4):
        req["ReturnConsumedCapacity"] = g.pick(["TOTAL", "INDEXES", "NONE"])
    if g.chance(0.25):
        req["ReturnItemCollectionMetrics"] = g.pick(["SIZE", "SIZE", "NONE"])
    if g.chance(0.5):
        st.token(req)
    return st.tokened("TransactWriteItems", req)


def again(st):
    """An earlier request with a token: the same (idempotent), with other
    return options now and then, or other actions under its token."""
    g = st.g
    if not st.sent:
        return transact_write(st)
    op, old = g.pick(st.sent[-4:]) if g.chance(0.6) else g.pick(st.sent)
    req = json.loads(json.dumps(old))
    x = g.r.random()
    if x < 0.55:
        if op == "TransactWriteItems" and g.chance(0.25):
            req.pop("ReturnItemCollectionMetrics", None)
            if g.chance(0.5):
                req["ReturnItemCollectionMetrics"] = "SIZE"
        if g.chance(0.2) and st.capacity_ok(op, req):
            req["ReturnConsumedCapacity"] = g.pick(["TOTAL", "INDEXES"])
        return op, req
    # other actions (or statements) under the same token
    fn = transact_write if op == "TransactWriteItems" else \
        execute_transaction
    if x < 0.8:
        other = fn(st)[1]
        if "ClientRequestToken" in other:
            st.sent.pop()  # (its own token is not sent)
    else:
        # the same actions but one, or in another order, or one with
        # another ReturnValuesOnConditionCheckFailure
        other = json.loads(json.dumps(old))
        member = "TransactItems" if op == "TransactWriteItems" else \
            "TransactStatements"
        items = other[member]
        if len(items) > 1 and g.chance(0.5):
            items.pop(g.r.randrange(len(items)))
        elif len(items) > 1:
            items.reverse()
        else:
            one = items[0] if op != "TransactWriteItems" else \
                list(items[0].values())[0]
            rv = "ReturnValuesOnConditionCheckFailure"
            one[rv] = "NONE" if one.get(rv) == "ALL_OLD" else "ALL_OLD"
    other["ClientRequestToken"] = old["ClientRequestToken"]
    return op, other


def transact_get(st):
    g = st.g
    n = 1 if len(st.tables) == 1 or g.chance(0.5) else \
        g.r.randint(2, len(st.tables))
    gets = []
    for t in g.r.sample(st.tables, n):
        gets += st.on(ro.transact_get, t)[1]["TransactItems"]
    if g.chance(0.04):
        gets.append({"Get": {"TableName": "nope", "Key": st.g.key()}})
    g.r.shuffle(gets)
    req = {"TransactItems": gets}
    if g.chance(0.3):
        req["ReturnConsumedCapacity"] = g.pick(["TOTAL", "INDEXES", "NONE"])
    return "TransactGetItems", req


def one_key(g, fn):
    """fn(g)'s request and the key its statement names (random_streams.py's
    trick: the first key drawn)."""
    keys, key = [], g.key

    def kept():
        k = key()
        keys.append(json.dumps(k, sort_keys=True))
        return k
    g.key = kept
    try:
        req = fn(g)[1]
    finally:
        del g.key
    return req, keys[0]


def exists(g):
    s = rm.Stmt(g)
    text = 'EXISTS(SELECT * FROM "%s" WHERE %s AND %s)' % (
        TABLE, s.key_where(), s.cond())
    if g.chance(0.1):
        text = "NOT " + text
    req = s.done(text)
    if g.chance(0.2):
        req["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD"
    return "ExecuteStatement", req


def select_one(g):
    s = rm.Stmt(g)
    proj = "*" if g.chance(0.5) else ", ".join(
        s.path() for _ in range(g.r.randint(1, 3)))
    return "ExecuteStatement", s.done('SELECT %s FROM "%s" WHERE %s' % (
        proj, TABLE, s.key_where()))


def execute_transaction(st):
    """PartiQL statements on distinct items (one in twenty repeats one),
    writes or reads."""
    g = st.g
    reads = g.chance(0.25)
    kinds = [select_one] if reads else \
        [rm.insert, rm.update, rm.update, rm.delete, exists]
    stmts, used = [], set()
    for _ in range(g.r.randint(1, 4)):
        t = st.table()
        req, k = one_key(g, g.pick(kinds))
        if (t.name, k) in used and not g.chance(0.05):
            continue
        used.add((t.name, k))
        stmts.append(retable(req, t.name))
    if g.chance(0.03):
        # a read among writes, or a write among reads
        t = st.table()
        req = one_key(g, g.pick([select_one, rm.update]))[0]
        stmts.append(retable(req, t.name))
    req = {"TransactStatements": stmts}
    if st.capacity_ok("ExecuteTransaction", req) and g.chance(0.4):
        req["ReturnConsumedCapacity"] = g.pick(["TOTAL", "INDEXES", "NONE"])
    if g.chance(0.45):
        st.token(req)
    return st.tokened("ExecuteTransaction", req)


def batch_statements(st):
    t = st.table()
    op, req = st.on(rs.batch_statements, t)
    others = [u for u in st.tables if u is not t]
    if others and st.g.chance(0.3):
        req["Statements"] += st.on(rs.batch_statements,
                                   st.g.pick(others))[1]["Statements"]
    return op, req


def get_item(st):
    op, req = st.on(ro.get_item)
    if st.g.chance(0.6):
        req.pop("ProjectionExpression", None)
        req.pop("ExpressionAttributeNames", None)
    return op, req


def scan(st):
    t = st.table()
    if st.g.chance(0.6):
        return "Scan", {"TableName": t.name}
    return st.on(ro.scan, t)


def write(st):
    fn = st.g.pick([rs.plain_put, rs.plain_put, rs.plain_update,
                    rs.plain_update, rs.plain_delete, ro.put_item,
                    ro.update_item, rm.insert, rm.update])
    return st.on(fn)


DRAWS = [(transact_write, 8), (again, 5), (transact_get, 3),
         (execute_transaction, 6), (batch_statements, 1), (get_item, 3),
         (scan, 2), (write, 5)]


# ------------------------------------------------------------------ deviations
def first_repeat(keys):
    """The index of the first of keys that an earlier one equals, or
    None."""
    for i, k in enumerate(keys):
        if k in keys[:i]:
            return i
    return None


FALSE = "attribute_exists(pk) AND attribute_not_exists(pk)"
# The faults an action meets when it runs, which end the request (the
# beginnings of their messages)
RUNTIME = ("The document path provided in the update expression is invalid "
           "for update",
           "The provided expression refers to an attribute that does not "
           "exist in the item",
           "An operand in the update expression has an incorrect data type",
           "Key attributes must be scalars; list random access '[]' and map "
           "lookup '.' are not allowed")


def same_item_answer(req, rec):
    """AWS's answer to TransactWriteItems req with two actions on one
    item, where DynamoDB Local's answer rec is not the refusal: DynamoDB
    Local runs the later action (the d-th) and refuses only when it
    succeeds (else it goes on, and cancels or meets a runtime fault),
    while the emulator, as AWS documents, refuses the request once the
    actions before it ran. So: the refusal, unless an action before d
    ends the request, which a probe tells (unrecorded: those actions,
    then a condition check of the item that never holds, which cancels
    the transaction when nothing before it fails). (ExecuteTransaction
    looks for the item before it runs the later statement, on both
    sides.)"""
    keys = [key_of(a) for a in req["TransactItems"]]
    d = first_repeat(keys)
    if d is None or rec["status"] == 200:
        return None
    if rec["type"] == "ValidationException" and \
            not rec["message"].startswith(RUNTIME) or \
            rec["type"] not in ("ValidationException",
                                "TransactionCanceledException"):
        return None  # refused before any action ran: both sides alike
    name, key = keys[d]
    key = json.loads(key)
    probe = {"TransactItems": req["TransactItems"][:d] + [
        {"ConditionCheck": {"TableName": name, "Key": key,
                            "ConditionExpression": FALSE}}]}
    st, r = record.call(os.environ["SST_DDB_LOCAL_ENDPOINT"],
                        "TransactWriteItems", probe)
    if st == 200 or not r.get("__type", "").endswith(
            "TransactionCanceledException"):
        return None
    return {"type": "ValidationException", "message": SAME_ITEM,
            "note": NOTE_SAME_ITEM}


def metrics(req, lsi):
    """AWS's ItemCollectionMetrics of TransactWriteItems req: one per Put,
    Update and Delete on a table of lsi (names of tables with a local
    index)."""
    out = {}
    for a in req["TransactItems"]:
        kind, body = list(a.items())[0]
        if kind == "ConditionCheck" or body["TableName"] not in lsi:
            continue
        k = body.get("Key") or body["Item"]
        out.setdefault(body["TableName"], []).append(
            {"ItemCollectionKey": {"pk": k["pk"]},
             "SizeEstimateRangeGB": rm.ICM_RANGE})
    return out


def missing_delete(req, resp):
    """resp with AWS's capacity for a Delete of a missing item, which
    DynamoDB Local charges one unit, as DeleteItem, not two; None when
    no table's capacity is such a unit (an odd one: the others are
    doubled)."""
    dels = {body["TableName"] for a in req["TransactItems"]
            for kind, body in a.items() if kind == "Delete"}
    out, changed = json.loads(json.dumps(resp)), False
    for cc in out.get("ConsumedCapacity", []):
        if cc.get("TableName") in dels and cc.get("CapacityUnits") == 1.0:
            cc["CapacityUnits"] = 2.0
            if "Table" in cc:
                cc["Table"]["CapacityUnits"] = 2.0
            changed = True
    return out if changed else None


NOTE_EMPTY_MAP = ("DynamoDB Local writes an empty map as {} in the Item "
                  "of a statement's ConditionalCheckFailed; AWS writes "
                  "{\"M\": {}}")


def reasons_note(rec, known):
    """ExecuteTransaction's cancellation as AWS gives it: the Items of its
    reasons with empty maps {"M": {}} (and numbers trimmed); None when
    that changes nothing."""
    extra = json.loads(json.dumps((known or rec).get("extra", {})))
    changed = False
    for r in extra.get("CancellationReasons", []):
        if "Item" in r:
            mended = {k: rs.streams.mend_value(v)
                      for k, v in r["Item"].items()}
            changed = changed or mended != r["Item"]
            r["Item"] = ro.trimmed(mended)
    if not changed:
        return None
    return {"type": rec["type"], "message": rec["message"], "extra": extra,
            "note": "; ".join(x for x in ((known or {}).get("note"),
                                          NOTE_EMPTY_MAP) if x)}


def make_annotate(tables):
    lsi = {t.name for t in tables if t.lsi}

    def note(op, req, rec):
        if op == "TransactWriteItems":
            known = same_item_answer(req, rec)
            if known:
                return known
        if op == "BatchExecuteStatement" and rec["status"] == 200:
            return rs.statements_note(rec)
        known = rm.annotate(op, req, rec)
        if op == "ExecuteTransaction" and \
                rec.get("type") == "TransactionCanceledException":
            return reasons_note(rec, known) or known
        # (ExecuteTransaction: DynamoDB Local answers no ConsumedCapacity,
        # which the replay sets aside)
        if op == "TransactWriteItems" and rec["status"] == 200:
            fixed = missing_delete(req, (known or {}).get(
                "response", rec["response"]))
            if fixed is not None:
                known = dict(known or {"ok": True})
                known["response"] = fixed
                known["note"] = "; ".join(
                    x for x in (known.get("note"), NOTE_DELETE_CC) if x)
        if op != "TransactWriteItems" or rec["status"] != 200 or \
                req.get("ReturnItemCollectionMetrics") != "SIZE":
            return known
        icm = metrics(req, lsi)
        if not icm:
            return known
        return rm.with_metrics(known, rec, icm, NOTE_ICM)
    return note


def make_cases(seed, ncases, nsteps):
    g = ro.Gen(random.Random(seed))
    cases = []
    for i in range(ncases):
        tables = []
        for k in range(g.pick([1, 1, 2, 2, 3])):
            tables.append(Table("rt%dc%d-%s" % (seed, i, "abc"[k]),
                                g.pick(ro.SHAPES), not g.chance(0.4)))
        steps = Steps(g, seed, i, tables, nsteps)
        cases.append({"name": "txn.%d.%d" % (seed, i), "steps": steps.steps,
                      "aws": None, "compare": None,
                      "annotate": make_annotate(tables)})
    return cases


def main():
    ro.cli(__doc__, make_cases, OUT, "random_txn.py", cases=25, steps=40)


if __name__ == "__main__":
    main()
