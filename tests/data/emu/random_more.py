#!/usr/bin/env python3
"""tests/data/emu/random_more.py - record random sequences of what
random_ops.py leaves out, from DynamoDB Local.

random_ops.py draws expression requests. This generator draws, on the
same tables and key space (its Gen and Expr), the rest of the data
plane:

- the legacy parameters: Expected with ConditionalOperator (PutItem,
  UpdateItem, DeleteItem), AttributeUpdates, KeyConditions with
  QueryFilter, ScanFilter, AttributesToGet (GetItem, Query, Scan,
  BatchGetItem), and now and then a mix with an expression, which is an
  error;
- PartiQL: ExecuteStatement with SELECT (of the table or an index, with
  key and filter conditions, projections, ORDER BY and Limit), INSERT,
  UPDATE (SET, REMOVE, set_add, set_delete, list_append) and DELETE, with
  literals or parameters;
- Scan pages: Limit, ExclusiveStartKey, Segment and TotalSegments,
  ConsistentRead;
- ReturnConsumedCapacity (TOTAL, INDEXES, NONE) and
  ReturnItemCollectionMetrics on every operation that takes them,
  including random_ops.py's own, which also populate the tables.

Known DynamoDB Local deviations are marked as random_ops.py marks them
(its annotate()); items are compared in order. The answers go to
random_more_cases.json,
which the conformance replay checks against the emulator. Regenerate
exactly with:

    SST_CACHE_DIR=... tests/ddb-local exec python3 tests/data/emu/random_more.py

and look for new divergences with other seeds, as with random_ops.py:

    tests/ddb-local exec python3 tests/data/emu/random_more.py \\
        --seed 7 --cases 50 --out /tmp/rnd/random_more_cases.json
    build/tests/conformance/replay /tmp/rnd

Standard library only.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import record  # noqa: E402  (shared)
from record import record_sequences  # noqa: E402  (shared)
import partiql  # noqa: E402  (its NextTokens, written at a fixed time)
import random_ops as ro  # noqa: E402  (the generator this one extends)

record.call = partiql.call_fixed

OUT = os.path.join(HERE, "random_more_cases.json")
TABLE = ro.TABLE

# ------------------------------------------------------------------ legacy
CMP_OPS = ["EQ", "NE", "LE", "LT", "GE", "GT", "NOT_NULL", "NULL",
           "CONTAINS", "NOT_CONTAINS", "BEGINS_WITH", "IN", "BETWEEN"]
KEY_OPS = ["EQ", "LE", "LT", "GE", "GT", "BEGINS_WITH", "BETWEEN"]


def legacy_values(g, op, usual=None):
    """An AttributeValueList for op: mostly of the right length and of a
    type op takes, now and then not."""
    n = {"NOT_NULL": 0, "NULL": 0, "BETWEEN": 2}.get(op, 1)
    if op == "IN":
        n = g.r.randint(1, 3)
    if g.chance(0.05):
        n = g.pick([0, 1, 2, 3])

    def one():
        if op in ("EQ", "NE") and g.chance(0.3):
            return g.value(1)
        if usual and g.chance(0.6):
            return g.value(0, usual)
        if op == "BEGINS_WITH" and not g.chance(0.1):
            return g.value(0, g.pick(["S", "B"]))
        return g.value(0, g.pick(["S", "N", "B"]) if not g.chance(0.05)
                       else g.pick(["BOOL", "NULL", "SS"]))
    vals = [one() for _ in range(n)]
    if op == "BETWEEN" and n == 2 and not g.chance(0.2):
        kind = list(vals[0])[0]
        if kind in ("S", "N", "B"):
            vals[1] = g.value(0, kind)
            if g.chance(0.7):
                vals.sort(key=lambda v: _order(v))
    return vals


def _order(v):
    """A sort key for scalar v, so that BETWEEN's bounds are mostly in
    order (the other order is an error)."""
    kind, x = list(v.items())[0]
    if kind == "N":
        try:
            return float(x)
        except ValueError:
            return 0.0
    return x


def condition(g, name=None):
    """One legacy Condition: a ComparisonOperator and its values."""
    op = g.pick(CMP_OPS)
    usual = {"n": "N", "a": None}.get(name)
    c = {"ComparisonOperator": op}
    vals = legacy_values(g, op, usual)
    if vals or g.chance(0.3):
        c["AttributeValueList"] = vals
    if g.chance(0.02):
        c["ComparisonOperator"] = g.pick(["eq", "LIKE", ""])
    return c


def expected(g):
    """An Expected map of one to three attributes."""
    exp = {}
    for _ in range(g.r.randint(1, 3)):
        name = g.pick(ro.NAMES + ro.NAMES + ro.KEYS + ["zz"])
        x = g.r.random()
        if x < 0.2:
            exp[name] = {"Exists": False}
        elif x < 0.32:
            exp[name] = {"Value": g.attr_value(name)}
        elif x < 0.42:
            exp[name] = {"Exists": True, "Value": g.attr_value(name)}
        elif x < 0.45:
            exp[name] = g.pick([{"Exists": True}, {"Exists": False,
                                                   "Value": {"S": "a"}}])
        else:
            exp[name] = condition(g, name)
            if g.chance(0.05):
                exp[name]["Value"] = {"S": "a"}
    return exp


def conditional_operator(g, req, member):
    if len(req[member]) > 1 and g.chance(0.6) or g.chance(0.04):
        # (no value outside the enum: DynamoDB Local fails with HTTP 500
        # or checks the element count first, docs/fidelity.md)
        req["ConditionalOperator"] = g.pick(["AND", "OR"])


def mix_expression(g, req, member):
    """Now and then an expression next to a legacy parameter: an error."""
    if g.chance(0.03):
        req[member] = "attribute_exists(a)"


def legacy_put(g):
    req = {"TableName": TABLE, "Item": g.item()}
    if g.chance(0.7):
        req["Expected"] = expected(g)
        conditional_operator(g, req, "Expected")
        mix_expression(g, req, "ConditionExpression")
    if g.chance(0.4):
        req["ReturnValues"] = g.pick(["NONE", "ALL_OLD"])
    return "PutItem", req


def legacy_delete(g):
    req = {"TableName": TABLE, "Key": g.key()}
    if g.chance(0.7):
        req["Expected"] = expected(g)
        conditional_operator(g, req, "Expected")
    if g.chance(0.4):
        req["ReturnValues"] = g.pick(["NONE", "ALL_OLD"])
    return "DeleteItem", req


def attribute_updates(g):
    """AttributeUpdates of one to three attributes; the table's keys now
    and then (an error), the index keys with their values."""
    au = {}
    tops = ro.NAMES + ro.NAMES + ["zz", "gpk", "gsk"]
    if g.shape[1]:
        tops.append("lsk")
    for _ in range(g.r.randint(1, 3)):
        name = g.pick(tops if not g.chance(0.04) else ["pk", "sk"])
        act = g.pick(["PUT", "PUT", "PUT", "ADD", "ADD", "DELETE"])
        if name in ("gpk", "gsk", "lsk"):
            # mostly the index key's values; now and then any value, an
            # empty one or one of another type
            value = g.index_key_value(name) if not g.chance(0.25) \
                else g.attr_value(name)
        elif act == "ADD":
            value = g.value(0, g.pick(["N", "N", "SS", "NS", "S", "L"]))
        elif act == "DELETE":
            value = g.value(0, g.pick(["SS", "NS", "BS", "N"]))
        else:
            value = g.attr_value(name)
        if act in ("ADD", "DELETE") and "NS" in value:
            # numbers in their canonical form: DynamoDB Local's
            # AttributeUpdates compare a number set's elements as text
            # (docs/fidelity.md)
            value = {"NS": list(dict.fromkeys(
                g.pick(ro.CNUMS) for _ in range(g.r.randint(1, 3))))}
        u = {"Action": act}
        if act != "DELETE" or g.chance(0.5):
            u["Value"] = value
        # (never without an Action: AWS documents PUT as the default,
        # DynamoDB Local ignores the whole AttributeUpdates)
        if g.chance(0.03):
            u = {"Action": "PUT"}      # no value: an error
        au[name] = u
    return au


def legacy_update(g):
    req = {"TableName": TABLE, "Key": g.key()}
    if g.chance(0.9):
        req["AttributeUpdates"] = attribute_updates(g)
        mix_expression(g, req, "UpdateExpression")
    if g.chance(0.4):
        req["Expected"] = expected(g)
        conditional_operator(g, req, "Expected")
    if g.chance(0.6):
        req["ReturnValues"] = g.pick(["NONE", "ALL_OLD", "UPDATED_OLD",
                                      "ALL_NEW", "UPDATED_NEW"])
    return "UpdateItem", req


def attributes_to_get(g):
    names = [g.pick(ro.NAMES + ro.KEYS + ["zz"])
             for _ in range(g.r.randint(1, 3))]
    if not g.chance(0.05):
        names = list(dict.fromkeys(names))   # repeats are an error
    return names


def legacy_get(g):
    req = {"TableName": TABLE, "Key": g.key()}
    if g.chance(0.7):
        req["AttributesToGet"] = attributes_to_get(g)
        mix_expression(g, req, "ProjectionExpression")
    if g.chance(0.2):
        req["ConsistentRead"] = g.chance(0.5)
    return "GetItem", req


def key_conditions(g, index):
    """KeyConditions of the table or an index: EQ on the partition key,
    mostly a sort key condition, now and then a fault."""
    hk, rk, rtype = {None: ("pk", g.shape[1] and "sk", g.shape[1]),
                     "gi1": ("gpk", "gsk", "N"),
                     "gi2": ("gpk", None, None),
                     "li1": ("pk", "lsk", "S")}[index]
    hv = g.key()["pk"] if hk == "pk" else {"S": g.pick(ro.GPKS[:2])}
    kc = {hk: {"ComparisonOperator": "EQ" if not g.chance(0.04)
               else g.pick(["LT", "BEGINS_WITH"]),
               "AttributeValueList": [hv]}}
    if rk and g.chance(0.7):
        def rv():
            if rtype == "N":
                return {"N": g.pick(ro.SKS)}
            if rtype == "B":
                return {"B": g.pick(ro.KEY_VALUES["B"])}
            return {"S": g.pick(ro.LSKS[:3])}
        # (not NE: DynamoDB Local fails with HTTP 500 on it)
        op = g.pick(KEY_OPS if not g.chance(0.04) else ["IN", "CONTAINS"])
        n = 2 if op == "BETWEEN" else 1
        vals = [rv() for _ in range(n)]
        if n == 2 and g.chance(0.7):
            vals.sort(key=_order)
        kc[rk] = {"ComparisonOperator": op, "AttributeValueList": vals}
    if g.chance(0.03):
        kc["a"] = {"ComparisonOperator": "EQ",
                   "AttributeValueList": [{"S": "a"}]}
    return kc


def filter_conditions(g):
    flt = {}
    for _ in range(g.r.randint(1, 2)):
        name = g.pick(ro.NAMES + ro.NAMES + ["zz"] + (
            ["gpk", "gsk"] if g.chance(0.1) else []))
        flt[name] = condition(g, name)
    return flt


def legacy_query(g):
    index = g.pick([None, None, None] + g.indexes())
    req = {"TableName": TABLE, "KeyConditions": key_conditions(g, index)}
    if index:
        req["IndexName"] = index
    if g.chance(0.4):
        req["QueryFilter"] = filter_conditions(g)
        conditional_operator(g, req, "QueryFilter")
        mix_expression(g, req, "FilterExpression")
    if g.chance(0.3):
        req["AttributesToGet"] = attributes_to_get(g)
        if g.chance(0.3):
            req["Select"] = g.pick(["SPECIFIC_ATTRIBUTES", "ALL_ATTRIBUTES"])
    elif g.chance(0.1):
        req["Select"] = g.pick(["COUNT", "ALL_ATTRIBUTES",
                                "ALL_PROJECTED_ATTRIBUTES"])
    if g.chance(0.3):
        req["Limit"] = g.r.randint(1, 3)
    if g.chance(0.3):
        req["ScanIndexForward"] = False
    return "Query", req


def legacy_scan(g):
    req = {"TableName": TABLE}
    if g.chance(0.25):
        req["IndexName"] = g.pick(g.indexes())
    # no filter on a global index (random_ops.scan)
    if g.chance(0.7) and req.get("IndexName", "li1") == "li1":
        req["ScanFilter"] = filter_conditions(g)
        conditional_operator(g, req, "ScanFilter")
    if g.chance(0.3):
        req["AttributesToGet"] = attributes_to_get(g)
    elif g.chance(0.1):
        req["Select"] = "COUNT"
    return "Scan", req


def legacy_batch_get(g):
    op, req = ro.batch_get(g)
    ask = req["RequestItems"][TABLE]
    if "ProjectionExpression" not in ask and g.chance(0.5):
        ask["AttributesToGet"] = attributes_to_get(g)
    return op, req


# ------------------------------------------------------------------ Scan pages
def scan_page(g):
    """A Scan of the table or an index with Limit and no filter, now and
    then a segment of a parallel scan and a starting key (the emulator
    orders rows and splits segments as DynamoDB Local does), or with an
    invalid segment, or ConsistentRead."""
    if g.chance(0.6):
        e = ro.Expr(g)
        req = {"TableName": TABLE, "Limit": g.r.randint(1, 4)}
        if g.chance(0.25):
            req["IndexName"] = g.pick(g.indexes())
        if g.chance(0.3):
            req["ProjectionExpression"] = e.projection()
        if g.chance(0.3):
            req["TotalSegments"] = g.r.randint(1, 4)
            req["Segment"] = g.r.randrange(req["TotalSegments"])
        if g.chance(0.3):
            req["ExclusiveStartKey"] = g.start_key(req.get("IndexName"))
        return "Scan", e.attach(req)
    op, req = ro.scan(g)
    x = g.r.random()
    if x < 0.4:
        total = g.r.randint(1, 4)
        req["TotalSegments"] = total
        req["Segment"] = g.pick([total, total + 1, -1])
    elif x < 0.5:
        req["Segment"] = 0
    if g.chance(0.3) and req.get("IndexName") not in ("gi1", "gi2"):
        req["ConsistentRead"] = True
    return op, req


# ------------------------------------------------------------------ PartiQL
def _quote(s):
    return "'" + s.replace("'", "''") + "'"


class Stmt:
    """One statement's literals and parameters."""

    def __init__(self, g):
        self.g = g
        self.params = []

    def lit(self, v, inside=False):
        """v as a literal where PartiQL has one (not binary), else as a
        parameter; parameters by choice too. Inside a collection literal
        a parameter is an error, so there one is rare, and a binary value
        becomes a string."""
        kind, x = list(v.items())[0]
        if inside and kind in ("B", "BS"):
            kind, x = ("S", "b") if kind == "B" else ("SS", ["b"])
        if self.g.chance(0.04 if inside else 0.5) or kind in ("B", "BS") \
                or kind == "N" and x in ro.BAD_NUMS:
            self.params.append({kind: x})
            return "?"
        return self._lit(kind, x)

    def _lit(self, kind, x):
        if kind == "S":
            return _quote(x)
        if kind == "N":
            return x
        if kind == "BOOL":
            return "true" if x else "false"
        if kind == "NULL":
            return "NULL"
        if kind == "L":
            return "[" + ", ".join(self.lit(v, True) for v in x) + "]"
        if kind == "M":
            return "{" + ", ".join("%s: %s" % (_quote(k), self.lit(v, True))
                                   for k, v in x.items()) + "}"
        if kind == "SS":
            return "<<" + ", ".join(_quote(s) for s in x) + ">>"
        return "<<" + ", ".join(x) + ">>"   # NS

    def path(self, names=None):
        g = self.g
        p = g.pick(names or ro.NAMES + ro.NAMES + ["zz"])
        if g.chance(0.2):
            p = '"%s"' % p
        for _ in range(g.pick([0, 0, 0, 1])):
            p += "." + g.pick(ro.SUBS) if g.chance(0.5) else \
                "[%d]" % g.pick([0, 1])
        return p

    def cond(self, depth=1, names=None, cmp=None):
        """A condition on a non-key attribute (of names), comparing with
        the operators cmp."""
        g = self.g
        x = g.r.random()
        if depth > 0 and x < 0.15:
            return "(%s %s %s)" % (self.cond(depth - 1, names, cmp),
                                   g.pick(["AND", "OR"]),
                                   self.cond(depth - 1, names, cmp))
        if depth > 0 and x < 0.2:
            return "NOT %s" % self.cond(depth - 1, names, cmp)
        x = g.r.random()
        p = self.path(names)
        if x < 0.4:
            return "%s %s %s" % (p, g.pick(cmp or ["=", "<>", "<", "<=", ">",
                                                   ">="]),
                                 self.lit(g.value(1)))
        if x < 0.5:
            return "%s IS %sMISSING" % (p, g.pick(["", "NOT "]))
        if x < 0.55:
            return "%s IS %sNULL" % (p, g.pick(["", "NOT "]))
        if x < 0.65:
            return "begins_with(%s, %s)" % (p, self.lit(g.value(0, "S")))
        if x < 0.75:
            return "contains(%s, %s)" % (p, self.lit(g.value(0)))
        if x < 0.82:
            return "attribute_type(%s, %s)" % (p, _quote(g.pick(ro.TYPES)))
        if x < 0.9:
            return "size(%s) %s %s" % (p, g.pick(["=", "<", ">"]),
                                       g.pick(["0", "1", "2"]))
        return "%s IN [%s]" % (p, ", ".join(self.lit(g.value(0))
                                            for _ in range(g.r.randint(1, 3))))

    def key_where(self, index=None, full=True):
        """pk = v, and with full a sort key equality (a single item);
        else mostly a sort key range. Of an index's keys with index."""
        g = self.g
        pk, sk = g.shape
        if index in ("gi1", "gi2"):
            hk, rk, rt = "gpk", index == "gi1" and "gsk", "N"
            hv = {"S": g.pick(ro.GPKS[:2])}
        else:
            key = g.key()
            hk, hv = "pk", key["pk"]
            rk, rt = (("lsk", "S") if index == "li1" else (sk and "sk", sk))
        w = "%s = %s" % (hk, self.lit(hv))
        if not rk:
            return w
        if full and index is None:
            return w + " AND sk = %s" % self.lit(key["sk"])

        def rv():
            if rt == "N":
                return {"N": g.pick(ro.SKS)}
            if rt == "B":
                return {"B": g.pick(ro.KEY_VALUES["B"])}
            return {"S": g.pick(ro.LSKS[:3])}
        x = g.r.random()
        if x < 0.4:
            w += " AND %s %s %s" % (rk, g.pick(["=", "<", "<=", ">", ">="]),
                                    self.lit(rv()))
        elif x < 0.6:
            w += " AND %s BETWEEN %s AND %s" % (rk, self.lit(rv()),
                                                self.lit(rv()))
        elif x < 0.7 and rt != "N":
            w += " AND begins_with(%s, %s)" % (rk, self.lit(rv()))
        return w

    def done(self, text):
        # (never an empty Parameters: AWS documents a length of 1 or more,
        # DynamoDB Local accepts it)
        req = {"Statement": text}
        if self.params:
            req["Parameters"] = list(self.params)
        return req


def select(g):
    s = Stmt(g)
    index = g.pick([None, None, None] + g.indexes())
    src = '"%s"' % TABLE if not index else '"%s"."%s"' % (TABLE, index)
    proj = "*" if g.chance(0.5) else ", ".join(
        s.path() for _ in range(g.r.randint(1, 3)))
    text = "SELECT %s FROM %s" % (proj, src)
    # A global index's filter only on what it projects: DynamoDB Local
    # reads the table's item there (docs/fidelity.md).
    names = {"gi1": ["a", "m"], "gi2": None}.get(index, [])
    x = g.r.random()
    desc = False
    if x < 0.8:
        text += " WHERE " + s.key_where(index, full=g.chance(0.3))
        filtered = g.chance(0.4) and names is not None
        if filtered:
            text += " AND " + s.cond(names=names)
        # (ORDER BY only with * and no filter: DynamoDB Local fails with
        # HTTP 500 when the sort key is not projected, or on IS NOT
        # MISSING)
        if g.chance(0.15) and proj == "*" and not filtered:
            rk = {None: g.shape[1] and "sk", "gi1": "gsk",
                  "li1": "lsk"}.get(index)
            if rk:
                order = g.pick(["", " ASC", " DESC"])
                desc = order == " DESC"
                text += " ORDER BY %s%s" % (rk, order)
    elif x < 0.9 and index in (None, "li1"):
        text += " WHERE " + s.cond()
    req = s.done(text)
    # no Limit with ORDER BY DESC: DynamoDB Local reads such a page in
    # ascending order and sorts it (docs/fidelity.md)
    if g.chance(0.25) and not desc:
        req["Limit"] = g.r.randint(1, 3)
    if g.chance(0.1) and index in (None, "li1"):
        req["ConsistentRead"] = True
    return "ExecuteStatement", req


def insert(g):
    s = Stmt(g)
    it = g.item()
    members = ", ".join("%s: %s" % (_quote(k), s.lit(v))
                        for k, v in it.items())
    return "ExecuteStatement", s.done('INSERT INTO "%s" VALUE {%s}'
                                      % (TABLE, members))


def update(g):
    """UPDATE with one to three actions, grouped by the section of the
    update expression each becomes (SET, ADD, DELETE, REMOVE): the
    emulator checks the targets of interleaved sections for overlaps in
    another order than DynamoDB (emu/ops/partiql.c)."""
    s = Stmt(g)
    kinds = [g.pick(["set", "set", "set", "arith", "remove", "remove",
                     "set_add", "set_delete", "append", "index_key"])
             for _ in range(g.r.randint(1, 3))]
    section = {"set_add": 1, "set_delete": 2, "remove": 3}
    kinds.sort(key=lambda k: section.get(k, 0))
    acts = []
    for kind in kinds:
        name = g.pick(ro.NAMES + ["zz"])
        if kind == "set":
            acts.append("SET %s = %s" % (s.path(), s.lit(g.attr_value(name))))
        elif kind == "arith":
            acts.append("SET n = n %s %s" % (g.pick(["+", "-"]),
                                             s.lit({"N": g.pick(ro.CNUMS)})))
        elif kind == "remove":
            acts.append("REMOVE %s" % s.path())
        elif kind in ("set_add", "set_delete"):
            acts.append("SET s = %s(s, %s)" % (
                kind, s.lit({"SS": [g.pick(ro.STRS[1:])]})))
        elif kind == "append":
            acts.append("SET l = list_append(l, %s)" % s.lit(
                g.value(1, "L")))
        else:
            key = g.pick(["gpk", "gsk"])
            acts.append("SET %s = %s" % (key, s.lit(g.index_key_value(key))))
    text = 'UPDATE "%s" %s WHERE %s' % (TABLE, " ".join(acts),
                                         s.key_where())
    if g.chance(0.4):
        text += " AND " + s.cond()
    req = s.done(text)
    if g.chance(0.15):
        req["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD"
    return "ExecuteStatement", req


def delete(g):
    s = Stmt(g)
    text = 'DELETE FROM "%s" WHERE %s' % (TABLE, s.key_where())
    if g.chance(0.4):
        text += " AND " + s.cond()
    req = s.done(text)
    if g.chance(0.15):
        req["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD"
    return "ExecuteStatement", req


# ------------------------------------------------------------------ capacity
WRITES = ("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
          "TransactWriteItems")


READS = ("GetItem", "Query", "Scan", "BatchGetItem", "TransactGetItems")


def with_capacity(fn):
    """fn's request, asking for its consumed capacity (reads only) and
    item collection metrics now and then. Writes do not ask for capacity:
    DynamoDB Local charges an index for an item that changes one of its
    key attributes without being in it, and 2 units for a missing item's
    delete in a batch, and counts one Put per table of a transaction,
    where AWS documents otherwise (docs/fidelity.md)."""
    def draw(g):
        op, req = fn(g)
        read = op in READS or (op == "ExecuteStatement" and
                               req["Statement"].startswith("SELECT"))
        if read and g.chance(0.35):
            req["ReturnConsumedCapacity"] = g.pick(["TOTAL", "INDEXES",
                                                    "INDEXES", "NONE"])
        # (not TransactWriteItems: DynamoDB Local never answers its
        # ItemCollectionMetrics)
        if op in WRITES and op != "TransactWriteItems" and g.chance(0.3):
            req["ReturnItemCollectionMetrics"] = g.pick(["SIZE", "SIZE",
                                                         "NONE"])
        return op, req
    return draw


# ------------------------------------------------------------------ deviations
NOTE_DUP = ("DynamoDB Local answers the type DuplicateItem; AWS documents "
            "DuplicateItemException")


NOTE_ICM = ("DynamoDB Local never returns ItemCollectionMetrics; AWS "
            "returns them for tables with local secondary indexes")
ICM_RANGE = [0.0, 1.0]


def collection_metrics(op, req):
    """AWS's ItemCollectionMetrics for a write that asked for them on a
    table with a local index: the item's collection, one per write of a
    BatchWriteItem (the emulator's size estimate, under 1 GB)."""
    def one(item_or_key):
        return {"ItemCollectionKey": {"pk": item_or_key["pk"]},
                "SizeEstimateRangeGB": ICM_RANGE}
    if req.get("ReturnItemCollectionMetrics") != "SIZE":
        return None
    if op == "PutItem":
        return one(req["Item"])
    if op in ("UpdateItem", "DeleteItem"):
        return one(req["Key"])
    if op == "BatchWriteItem":
        return {TABLE: [one(w.get("PutRequest", {}).get("Item") or
                            w["DeleteRequest"]["Key"])
                        for w in req["RequestItems"][TABLE]]}
    return None


def with_metrics(known, rec, icm, note=NOTE_ICM):
    """known (or DynamoDB Local's answer) with AWS's ItemCollectionMetrics
    icm added to the response, and note added to its notes."""
    known = dict(known or {"ok": True, "response": rec["response"]})
    resp = dict(known.get("response", rec["response"]))
    resp["ItemCollectionMetrics"] = icm
    known["response"] = resp
    known["note"] = "; ".join(x for x in (known.get("note"), note) if x)
    return known


def make_annotate(shape):
    """annotate() for a case of the table shape."""
    def note(op, req, rec):
        known = annotate(op, req, rec)
        if rec["status"] != 200 or not shape[1] or \
                known is not None and "response" not in known and \
                known.get("compare"):
            return known
        icm = collection_metrics(op, req)
        if icm is None:
            return known
        return with_metrics(known, rec, icm)
    return note


def annotate(op, req, rec):
    """random_ops.annotate, and DynamoDB Local's DuplicateItem. Pages of
    Scans and SELECTs are compared in order: the emulator orders rows as
    DynamoDB Local does (docs/emulator.md, "Row order")."""
    if rec["status"] != 200 and rec["type"] == "DuplicateItem":
        return {"type": "DuplicateItemException", "message": rec["message"],
                "note": NOTE_DUP}
    return ro.annotate(op, req, rec)


OPS = [(ro.put_item, 3), (ro.update_item, 3), (ro.delete_item, 1),
       (legacy_put, 3), (legacy_update, 4), (legacy_delete, 1),
       (legacy_get, 2), (legacy_query, 3), (legacy_scan, 2),
       (legacy_batch_get, 1), (scan_page, 3), (ro.query, 1),
       (ro.transact_write, 1), (ro.batch_write, 1),
       (select, 4), (insert, 2), (update, 3), (delete, 1)]


def make_cases(seed, ncases, nsteps):
    return ro.sequences(seed, ncases, nsteps,
                        [(with_capacity(f), w) for f, w in OPS], "more",
                        make_annotate)


def main():
    ro.cli(__doc__, make_cases, OUT, "random_more.py")


if __name__ == "__main__":
    main()
