#!/usr/bin/env python3
"""tests/data/emu/random_ops.py - record random operation sequences from
DynamoDB Local.

Hand-written corpora test what their authors thought of. This one tests
what a seeded random generator thinks of: each case is a fresh table of
one of three key shapes (S and N, N and B, S alone) with two global
secondary indexes and, given a sort key, a local one, then a run of
random PutItem, UpdateItem, DeleteItem, GetItem, Query, Scan,
TransactWriteItems, TransactGetItems, BatchGetItem and BatchWriteItem
requests on a small key space, with random condition, update, filter,
key condition and projection expressions over random attribute values
(every type,
nested documents, sets, numbers at the edges of DynamoDB's range). Most
requests are valid; some are not (a wrong type, an overlap, a bad
number), and DynamoDB Local's error is recorded for them as for any
other step.

The answers go to random_cases.json, which the conformance replay
(tests/conformance/replay, docs/fidelity.md) checks against the emulator
step by step. The generator is deterministic for a given seed, so the
corpus is regenerated exactly by:

    SST_CACHE_DIR=... tests/ddb-local exec python3 tests/data/emu/random_ops.py

To look for new divergences, record other seeds elsewhere and replay them:

    tests/ddb-local exec python3 tests/data/emu/random_ops.py \\
        --seed 7 --cases 50 --out /tmp/rnd/random_cases.json
    build/tests/conformance/replay /tmp/rnd

Standard library only.
"""
import argparse
import base64
import decimal
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from record import record_sequences  # noqa: E402  (shared)

OUT = os.path.join(HERE, "random_cases.json")
TABLE = "rnd"

# ------------------------------------------------------------------ table


def _ks(h, r=None):
    ks = [{"AttributeName": h, "KeyType": "HASH"}]
    if r:
        ks.append({"AttributeName": r, "KeyType": "RANGE"})
    return ks


# Three table shapes, one per case: a string partition key and a number
# sort key; a number partition key and a binary sort key; a string
# partition key alone (no local index then).
SHAPES = [("S", "N"), ("N", "B"), ("S", None)]


def create(shape):
    """CreateTable of a shape: two global indexes (INCLUDE a and m; keys
    only, without sort key) and, with a sort key, a local one (ALL)."""
    pk, sk = shape
    ad = [{"AttributeName": "pk", "AttributeType": pk}]
    if sk:
        ad.append({"AttributeName": "sk", "AttributeType": sk})
    ad += [{"AttributeName": "gpk", "AttributeType": "S"},
           {"AttributeName": "gsk", "AttributeType": "N"}]
    req = {
        "TableName": TABLE,
        "BillingMode": "PAY_PER_REQUEST",
        "KeySchema": _ks("pk", sk and "sk"),
        "AttributeDefinitions": ad,
        "GlobalSecondaryIndexes": [
            {"IndexName": "gi1", "KeySchema": _ks("gpk", "gsk"),
             "Projection": {"ProjectionType": "INCLUDE",
                            "NonKeyAttributes": ["a", "m"]}},
            {"IndexName": "gi2", "KeySchema": _ks("gpk"),
             "Projection": {"ProjectionType": "KEYS_ONLY"}},
        ],
    }
    if sk:
        ad.append({"AttributeName": "lsk", "AttributeType": "S"})
        req["LocalSecondaryIndexes"] = [
            {"IndexName": "li1", "KeySchema": _ks("pk", "lsk"),
             "Projection": {"ProjectionType": "ALL"}}]
    return req


# What the random requests draw from: a small key space, so that
# conditions and reads meet the items that writes made.
PKS = ["p0", "p1"]
SKS = ["0", "1", "2.5", "-3", "10", "100"]
KEY_VALUES = {"S": PKS, "N": ["1", "-1", "0.5"],
              "B": [base64.b64encode(b).decode() for b in
                    (b"\x00", b"\x01", b"\x01\x00", b"ab", b"\xff")]}
GPKS = ["g0", "gi1", ""]
LSKS = ["l0", "li1", "m", ""]
STRS = ["", "a", "b", "ab", "abc", "ba", "A", "zz", "\u00e9", "a b"]
CNUMS = ["0", "1", "-1", "2", "10", "1.5", "-2.25", "100", "0.1",
         "12345678901234567890123456789012345678"]
NUMS = ["0", "-0", "1", "-1", "2", "3", "10", "1.5", "-2.25", "100", "1e2",
        "0.50", "007", "12345678901234567890123456789012345678",
        "1E+125", "-1E-129", "9.9999999999999999999999999999999999999E+125",
        "0.1", "-100"]
BAD_NUMS = ["1e126", "1E-131", "abc", "", "1.2.3", "123456789012345678901"
            "234567890123456789"]
BINS = [b"", b"\x00", b"\x01", b"ab", b"\xff\x00", b"a"]
NAMES = ["a", "b", "c", "m", "l", "s", "n"]
KEYS = ["pk", "sk", "gpk", "gsk", "lsk"]
SUBS = ["a", "b", "c", "x"]
TYPES = ["S", "N", "B", "BOOL", "NULL", "L", "M", "SS", "NS", "BS", "X"]


class Gen:
    """One random stream: every choice of a case comes from rng."""

    def __init__(self, rng):
        self.r = rng
        self.shape = SHAPES[0]

    def chance(self, p):
        return self.r.random() < p

    def pick(self, xs):
        return self.r.choice(xs)

    # -------------------------------------------------------------- values
    def num(self):
        if self.chance(0.02):
            return self.pick(BAD_NUMS)
        return self.pick(NUMS)

    def b64(self, raw):
        return base64.b64encode(raw).decode()

    def set_of(self, kind):
        n = self.r.randint(1, 3)
        if kind == "SS":
            xs = [self.pick(STRS[1:]) for _ in range(n)]
        elif kind == "NS":
            xs = [self.pick(NUMS) for _ in range(n)]
        else:
            xs = [self.b64(self.pick(BINS[1:])) for _ in range(n)]
        if not self.chance(0.05):
            xs = list(dict.fromkeys(xs))    # duplicates are an error
        return {kind: xs}

    def value(self, depth=2, kind=None):
        if kind is None:
            kinds = ["S", "N", "B", "BOOL", "NULL", "SS", "NS", "BS"]
            if depth > 0:
                kinds += ["L", "M", "L", "M"]
            kind = self.pick(kinds)
        if kind == "S":
            return {"S": self.pick(STRS)}
        if kind == "N":
            return {"N": self.num()}
        if kind == "B":
            return {"B": self.b64(self.pick(BINS))}
        if kind == "BOOL":
            return {"BOOL": self.chance(0.5)}
        if kind == "NULL":
            return {"NULL": True}
        if kind in ("SS", "NS", "BS"):
            return self.set_of(kind)
        if kind == "L":
            return {"L": [self.value(depth - 1)
                          for _ in range(self.r.randint(0, 3))]}
        return {"M": {self.pick(SUBS): self.value(depth - 1)
                      for _ in range(self.r.randint(0, 3))}}

    def attr_value(self, name):
        """A value for top-level attribute name, of its usual type mostly."""
        usual = {"m": "M", "l": "L", "s": self.pick(["SS", "NS"]),
                 "n": "N"}.get(name)
        if usual and not self.chance(0.15):
            return self.value(2, usual)
        return self.value(2)

    def key(self):
        pk, sk = self.shape
        k = {"pk": {pk: self.pick(KEY_VALUES[pk])}}
        if sk:
            k["sk"] = {sk: self.pick(SKS if sk == "N" else KEY_VALUES[sk])}
        return k

    def start_key(self, index):
        """An ExclusiveStartKey of the table (index None) or of an index:
        the table's key and the index's key attributes, clean."""
        k = self.key()
        for n in {"gi1": ("gpk", "gsk"), "gi2": ("gpk",),
                  "li1": ("lsk",)}.get(index, ()):
            k[n] = self.index_key_value(n, True)
        return k

    def indexes(self):
        """The case's secondary indexes."""
        return ["gi1", "gi2"] + (["li1"] if self.shape[1] else [])

    def index_key_value(self, name, clean=False):
        """A value for an index key attribute; now and then of the wrong
        type or empty, unless clean."""
        if name == "gsk":
            return {"N": self.pick(NUMS)} if clean or not self.chance(0.05) \
                else {"S": "x"}
        vals = GPKS if name == "gpk" else LSKS
        if not clean and self.chance(0.05):
            return {"N": "1"}
        return {"S": self.pick([v for v in vals if v] if clean else vals)}

    def item(self, clean=False):
        """An item of random attributes; a clean one has valid index key
        values (a transaction's Put: see update())."""
        it = self.key()
        for n in NAMES:
            if self.chance(0.5):
                it[n] = self.attr_value(n)
        for n in ("gpk", "gsk", "lsk"):
            if self.chance(0.5):
                it[n] = self.index_key_value(n, clean)
        return it


class Expr:
    """The placeholders one request's expressions use."""

    def __init__(self, g):
        self.g = g
        self.names = {}
        self.values = {}

    def name(self, n):
        # raw where the grammar allows it, a placeholder otherwise or by
        # choice
        if self.g.chance(0.35):
            ph = "#" + n
            self.names[ph] = n
            return ph
        return n

    def val(self, v):
        ph = ":v%d" % len(self.values)
        self.values[ph] = v
        return ph

    def path(self, top=None):
        g = self.g
        if top is None:
            top = g.pick(NAMES + NAMES + KEYS + ["zz"])
        p = self.name(top)
        for _ in range(g.pick([0, 0, 1, 1, 2])):
            if g.chance(0.5):
                p += "." + self.name(g.pick(SUBS))
            else:
                p += "[%d]" % g.pick([0, 1, 2, 5])
        return p

    def operand(self, sizes=True):
        g = self.g
        x = g.r.random()
        if x < 0.45:
            return self.path()
        if sizes and x < 0.55:
            return "size(%s)" % self.path()
        return self.val(g.value(1))

    def cond(self, depth=2):
        g = self.g
        x = g.r.random()
        if depth > 0 and x < 0.2:
            op = g.pick(["AND", "OR"])
            return "%s %s %s" % (self.cond(depth - 1), op,
                                 self.cond(depth - 1))
        if depth > 0 and x < 0.27:
            return "NOT %s" % self.cond(depth - 1)
        if depth > 0 and x < 0.32:
            return "(%s)" % self.cond(depth - 1)
        x = g.r.random()
        if x < 0.35:
            return "%s %s %s" % (self.operand(),
                                 g.pick(["=", "<>", "<", "<=", ">", ">="]),
                                 self.operand())
        if x < 0.42:
            return "%s BETWEEN %s AND %s" % (self.operand(), self.operand(),
                                             self.operand())
        if x < 0.50:
            return "%s IN (%s)" % (self.operand(), ", ".join(
                self.operand() for _ in range(g.r.randint(1, 3))))
        if x < 0.62:
            return "attribute_exists(%s)" % self.path()
        if x < 0.72:
            return "attribute_not_exists(%s)" % self.path()
        if x < 0.80:
            return "attribute_type(%s, %s)" % (
                self.path(), self.val({"S": g.pick(TYPES)}))
        if x < 0.90:
            return "begins_with(%s, %s)" % (self.path(), self.operand(False))
        return "contains(%s, %s)" % (self.path(), self.operand(False))

    def set_value(self):
        g = self.g
        x = g.r.random()
        a = self.operand(False)
        if x < 0.5:
            return a
        if x < 0.7:
            return "%s %s %s" % (a, g.pick(["+", "-"]), self.operand(False))
        if x < 0.85:
            return "if_not_exists(%s, %s)" % (self.path(),
                                              self.operand(False))
        return "list_append(%s, %s)" % (self.operand(False),
                                        self.operand(False))

    def update(self, txn=False):
        """An UpdateExpression. Its SET never writes the local index's
        key (lsk): DynamoDB Local stores any type there, a documented
        deviation (docs/fidelity.md). In a transaction (txn) it touches
        no key attribute: DynamoDB Local then reports one reason where
        AWS documents one per action (also documented)."""
        g = self.g
        clauses = {}
        tops = NAMES + NAMES + ["zz"] + ([] if txn else
                                        ["pk", "sk", "gpk", "gsk"])
        for _ in range(g.r.randint(1, 3)):
            kind = g.pick(["SET", "SET", "SET", "REMOVE", "ADD", "DELETE"])
            if kind == "SET":
                act = "%s = %s" % (self.path(g.pick(tops)),
                                   self.set_value())
            elif kind == "REMOVE":
                act = self.path(None if not txn else g.pick(tops))
            elif kind == "ADD":
                v = g.value(0, g.pick(["N", "N", "SS", "NS", "S"]))
                act = "%s %s" % (self.path(g.pick(NAMES + ["zz"])),
                                 self.val(v))
            else:
                v = g.value(0, g.pick(["SS", "NS", "BS", "N"]))
                act = "%s %s" % (self.path(g.pick(NAMES + ["zz"])),
                                 self.val(v))
            clauses.setdefault(kind, []).append(act)
        order = list(clauses)
        g.r.shuffle(order)
        return " ".join("%s %s" % (k, ", ".join(clauses[k])) for k in order)

    def sane_update(self):
        """An UpdateExpression that is valid for the usual types of the
        attributes (n a number, l a list, s a set, m a map), so that it
        mostly runs; the stored item decides whether it does."""
        g = self.g
        acts = {"SET": [], "REMOVE": [], "ADD": [], "DELETE": []}
        names = list(NAMES)
        g.r.shuffle(names)
        for n in names[:g.r.randint(1, 3)]:
            x = g.r.random()
            if n == "n" and x < 0.5:
                acts["SET"].append("%s = %s %s %s" % (
                    self.name(n), self.name(n), g.pick(["+", "-"]),
                    self.val({"N": g.pick(CNUMS)})))
            elif n == "n":
                acts["ADD"].append("%s %s" % (self.name(n), self.val(
                    {"N": g.pick(CNUMS)})))
            elif n == "l" and x < 0.6:
                acts["SET"].append("%s = list_append(%s, %s)" % (
                    self.name(n), self.name(n), self.val(g.value(1, "L"))))
            elif n == "l":
                acts["SET"].append("%s[%d] = %s" % (
                    self.name(n), g.pick([0, 1, 5]), self.val(g.value(1))))
            elif n == "s":
                acts[g.pick(["ADD", "DELETE"])].append("%s %s" % (
                    self.name(n), self.val({"SS": [g.pick(STRS[1:])]})))
            elif n == "m" and x < 0.6:
                acts["SET"].append("%s.%s = %s" % (
                    self.name(n), self.name(g.pick(SUBS)),
                    self.val(g.value(1))))
            elif x < 0.3:
                acts["REMOVE"].append(self.name(n))
            else:
                acts["SET"].append("%s = if_not_exists(%s, %s)" % (
                    self.name(n), self.name(n), self.val(g.value(1))))
        return " ".join("%s %s" % (k, ", ".join(v))
                        for k, v in acts.items() if v)

    def projection(self):
        return ", ".join(self.path() for _ in range(self.g.r.randint(1, 3)))

    def attach(self, req):
        if self.names:
            req["ExpressionAttributeNames"] = dict(self.names)
        if self.values:
            req["ExpressionAttributeValues"] = dict(self.values)
        return req


# ------------------------------------------------------------------ requests
def put_item(g):
    req = {"TableName": TABLE, "Item": g.item()}
    e = Expr(g)
    if g.chance(0.4):
        req["ConditionExpression"] = e.cond()
    if g.chance(0.4):
        req["ReturnValues"] = g.pick(["NONE", "ALL_OLD", "ALL_OLD"])
    if g.chance(0.15):
        req["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD"
    return "PutItem", e.attach(req)


def update_item(g):
    e = Expr(g)
    req = {"TableName": TABLE, "Key": g.key(),
           "UpdateExpression": e.sane_update() if g.chance(0.5)
           else e.update()}
    if g.chance(0.35):
        req["ConditionExpression"] = e.cond()
    if g.chance(0.6):
        req["ReturnValues"] = g.pick(["NONE", "ALL_OLD", "UPDATED_OLD",
                                      "ALL_NEW", "UPDATED_NEW"])
    return "UpdateItem", e.attach(req)


def delete_item(g):
    req = {"TableName": TABLE, "Key": g.key()}
    e = Expr(g)
    if g.chance(0.5):
        req["ConditionExpression"] = e.cond()
    if g.chance(0.5):
        req["ReturnValues"] = g.pick(["NONE", "ALL_OLD"])
    return "DeleteItem", e.attach(req)


def get_item(g):
    req = {"TableName": TABLE, "Key": g.key()}
    e = Expr(g)
    if g.chance(0.5):
        req["ProjectionExpression"] = e.projection()
    return "GetItem", e.attach(req)


def key_condition(g, e, index):
    pk, sk = g.shape
    hk, rk, rtype = {None: ("pk", sk and "sk", sk),
                     "gi1": ("gpk", "gsk", "N"),
                     "gi2": ("gpk", None, None),
                     "li1": ("pk", "lsk", "S")}[index]
    hv = g.key()["pk"] if hk == "pk" else {"S": g.pick(GPKS[:2])}
    kc = "%s = %s" % (e.name(hk), e.val(hv))
    if rk and g.chance(0.7):
        def rv():
            if rtype == "N":
                return {"N": g.pick(SKS)}
            if rtype == "B":
                return {"B": g.pick(KEY_VALUES["B"])}
            return {"S": g.pick(LSKS[:3])}
        rn = e.name(rk)
        x = g.r.random()
        if x < 0.5:
            kc += " AND %s %s %s" % (rn, g.pick(["=", "<", "<=", ">", ">="]),
                                     e.val(rv()))
        elif x < 0.8:
            kc += " AND %s BETWEEN %s AND %s" % (rn, e.val(rv()),
                                                 e.val(rv()))
        else:
            kc += " AND begins_with(%s, %s)" % (rn, e.val(rv()))
    return kc


def query(g):
    index = g.pick([None, None, None] + g.indexes())
    e = Expr(g)
    req = {"TableName": TABLE, "KeyConditionExpression":
           key_condition(g, e, index)}
    if index:
        req["IndexName"] = index
    if g.chance(0.4):
        req["FilterExpression"] = e.cond(1)
    if g.chance(0.3):
        req["ProjectionExpression"] = e.projection()
    elif g.chance(0.1):
        req["Select"] = g.pick(["COUNT", "ALL_ATTRIBUTES",
                                "ALL_PROJECTED_ATTRIBUTES"])
    if g.chance(0.3):
        req["Limit"] = g.r.randint(1, 3)
    if g.chance(0.3):
        req["ScanIndexForward"] = False
    if g.chance(0.1):
        req["ConsistentRead"] = True
    if g.chance(0.15):
        req["ExclusiveStartKey"] = g.start_key(index)
    return "Query", e.attach(req)


def scan(g):
    e = Expr(g)
    req = {"TableName": TABLE}
    if g.chance(0.25):
        req["IndexName"] = g.pick(g.indexes())
    # no filter on a global index: DynamoDB Local evaluates it on the
    # table's item, AWS on the index's (docs/fidelity.md)
    if g.chance(0.7) and req.get("IndexName", "li1") == "li1":
        req["FilterExpression"] = e.cond(1)
    if g.chance(0.3):
        req["ProjectionExpression"] = e.projection()
    elif g.chance(0.1):
        req["Select"] = "COUNT"
    return "Scan", e.attach(req)


def transact_write(g):
    """Actions on distinct items: with two on one item, DynamoDB Local
    runs the conditions first and refuses the request only if they all
    hold, where AWS documents the request as refused (docs/fidelity.md);
    one case in twenty is two unconditional Puts of one item, which both
    refuse."""
    if g.chance(0.05):
        it = g.item()
        return "TransactWriteItems", {"TransactItems": [
            {"Put": {"TableName": TABLE, "Item": it}},
            {"Put": {"TableName": TABLE, "Item": dict(it)}}]}
    actions, used = [], set()
    for _ in range(g.r.randint(1, 3)):
        kind = g.pick(["Put", "Update", "Delete", "ConditionCheck"])
        e = Expr(g)
        key = g.key()
        if json.dumps(key, sort_keys=True) in used:
            continue
        used.add(json.dumps(key, sort_keys=True))
        if kind == "Put":
            a = {"TableName": TABLE, "Item": g.item(clean=True)}
            a["Item"].update(key)
            if g.chance(0.4):
                a["ConditionExpression"] = e.cond(1)
        elif kind == "Update":
            a = {"TableName": TABLE, "Key": key,
                 "UpdateExpression": e.sane_update() if g.chance(0.5)
                 else e.update(txn=True)}
            if g.chance(0.4):
                a["ConditionExpression"] = e.cond(1)
        elif kind == "Delete":
            a = {"TableName": TABLE, "Key": key}
            if g.chance(0.4):
                a["ConditionExpression"] = e.cond(1)
        else:
            a = {"TableName": TABLE, "Key": key,
                 "ConditionExpression": e.cond(1)}
        if g.chance(0.2):
            a["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD"
        actions.append({kind: e.attach(a)})
    return "TransactWriteItems", {"TransactItems": actions}


def batch_get(g):
    keys = [g.key() for _ in range(g.r.randint(1, 4))]
    if not g.chance(0.05):
        uniq = {}
        for k in keys:
            uniq[json.dumps(k, sort_keys=True)] = k
        keys = list(uniq.values())
    ask = {"Keys": keys}
    e = Expr(g)
    if g.chance(0.4):
        ask["ProjectionExpression"] = e.projection()
        if e.names:
            ask["ExpressionAttributeNames"] = dict(e.names)
    return "BatchGetItem", {"RequestItems": {TABLE: ask}}


# ------------------------------------------------------------------ deviations
# The emulator follows AWS where DynamoDB Local is documented to differ
# (docs/fidelity.md); a random request can meet two such cases, and the
# recorder marks the step with AWS's answer and a note.
NOTE_NUMBERS = ("DynamoDB Local keeps nested numbers as sent and results "
                "at the operation's scale; AWS trims every number")
NOTE_DELETE_CC = ("DynamoDB Local answers ConsumedCapacity for a missing "
                  "item even when not asked; AWS answers {}")
_CTX = decimal.Context(prec=200)


def canonical(text):
    """A number as AWS writes it: no exponent, no leading or trailing
    zeros, no negative zero."""
    try:
        d = _CTX.create_decimal(text)
    except decimal.InvalidOperation:
        return text
    if not d.is_finite():
        return text
    if d.is_zero():
        return "0"
    return format(d.normalize(_CTX), "f")


def trimmed(v):
    """v with every number of every AttributeValue in it canonical."""
    if isinstance(v, dict):
        if len(v) == 1 and isinstance(v.get("N"), str):
            return {"N": canonical(v["N"])}
        if len(v) == 1 and isinstance(v.get("NS"), list) and all(
                isinstance(x, str) for x in v["NS"]):
            return {"NS": [canonical(x) for x in v["NS"]]}
        return {k: trimmed(x) for k, x in v.items()}
    if isinstance(v, list):
        return [trimmed(x) for x in v]
    return v


def annotate(op, req, rec):
    """AWS's answer where a known deviation applies, else None. Items are
    compared in order everywhere: the emulator orders equal index keys,
    Scans and segments as DynamoDB Local does (docs/emulator.md, "Row
    order")."""
    if rec["status"] != 200:
        extra = rec.get("extra")
        if extra is None or trimmed(extra) == extra:
            return None
        return {"type": rec["type"], "message": rec["message"],
                "extra": trimmed(extra), "note": NOTE_NUMBERS}
    resp, notes = rec["response"], []
    if op == "DeleteItem" and \
            req.get("ReturnConsumedCapacity", "NONE") == "NONE" and \
            "ConsumedCapacity" in resp:
        resp = {k: v for k, v in resp.items() if k != "ConsumedCapacity"}
        notes.append(NOTE_DELETE_CC)
    t = trimmed(resp)
    if t != resp:
        resp = t
        notes.append(NOTE_NUMBERS)
    if not notes:
        return None
    return {"ok": True, "note": "; ".join(notes), "response": resp}


def batch_write(g):
    """PutRequests and DeleteRequests on distinct items (one item twice is
    refused by both sides alike now and then)."""
    reqs, used = [], set()
    for _ in range(g.r.randint(1, 4)):
        key = g.key()
        k = json.dumps(key, sort_keys=True)
        if k in used and not g.chance(0.1):
            continue
        used.add(k)
        if g.chance(0.6):
            it = g.item()
            it.update(key)
            reqs.append({"PutRequest": {"Item": it}})
        else:
            reqs.append({"DeleteRequest": {"Key": key}})
    return "BatchWriteItem", {"RequestItems": {TABLE: reqs}}


def transact_get(g):
    gets, used = [], set()
    for _ in range(g.r.randint(1, 3)):
        key = g.key()
        k = json.dumps(key, sort_keys=True)
        if k in used:
            continue
        used.add(k)
        get = {"TableName": TABLE, "Key": key}
        e = Expr(g)
        if g.chance(0.4):
            get["ProjectionExpression"] = e.projection()
            if e.names:
                get["ExpressionAttributeNames"] = dict(e.names)
        gets.append({"Get": get})
    return "TransactGetItems", {"TransactItems": gets}


OPS = [(put_item, 5), (update_item, 6), (delete_item, 2), (get_item, 3),
       (query, 4), (scan, 2), (transact_write, 2), (batch_get, 1),
       (batch_write, 1), (transact_get, 1)]


def sequences(seed, ncases, nsteps, ops, prefix, annotate_for):
    """ncases sequences of seed: a CreateTable of a random shape, then
    nsteps requests drawn from ops (weighted (function, weight) pairs);
    annotate_for(shape) gives a sequence's annotate(). random_more.py
    draws its sequences the same way."""
    rng = random.Random(seed)
    g = Gen(rng)
    ops = [f for f, w in ops for _ in range(w)]
    cases = []
    for i in range(ncases):
        g.shape = g.pick(SHAPES)
        steps = [("CreateTable", create(g.shape))]
        for _ in range(nsteps):
            steps.append(g.pick(ops)(g))
        cases.append({"name": "%s.%d.%d" % (prefix, seed, i), "steps": steps,
                      "aws": None, "compare": None,
                      "annotate": annotate_for(g.shape)})
    return cases


def make_cases(seed, ncases, nsteps):
    return sequences(seed, ncases, nsteps, OPS, "random",
                     lambda shape: annotate)


def cli(doc, make, out, who, cases=30, steps=40):
    """The command line of a random recorder: --seed, --cases, --steps
    (by default cases and steps), --out."""
    ap = argparse.ArgumentParser(description=doc.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cases", type=int, default=cases)
    ap.add_argument("--steps", type=int, default=steps)
    ap.add_argument("--out", default=out)
    a = ap.parse_args()
    record_sequences(make(a.seed, a.cases, a.steps), a.out, who)


def main():
    cli(__doc__, make_cases, OUT, "random_ops.py")


if __name__ == "__main__":
    main()
