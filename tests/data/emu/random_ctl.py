#!/usr/bin/env python3
"""tests/data/emu/random_ctl.py - record random control-plane sequences
from DynamoDB Local.

record.py's cases put one or two faults into a request, on purpose.
This generator draws whole requests at random, valid or not: CreateTable
with random key schemas, attribute definitions, billing modes,
throughput, OnDemandThroughput, global and local indexes (key schemas,
projections, names, OnDemandThroughput), streams and deletion
protection; UpdateTable (billing mode, throughput, OnDemandThroughput,
streams, deletion protection, index updates, creates and deletes);
DescribeTable, DeleteTable, ListTables pages, UpdateTimeToLive and
DescribeTimeToLive; now and then a PutItem, so that index creation has
items to backfill. Several faults in one request test the order in which
the emulator checks them.

The generator draws each step knowing the tables as DynamoDB Local has
them (it asks DescribeTable, unrecorded, before drawing), so that it
stays clear of the deviations docs/emulator.md lists as chosen ("where
DynamoDB Local contradicts AWS"): throughput or index throughput on a
PAY_PER_REQUEST table, enum values outside their sets, nulls and wrong
JSON types, and several faulty indexes in one request (their order). An
index that DynamoDB Local creates or deletes stays CREATING or DELETING
for a while: the recorder waits, unrecorded, until it is ACTIVE or gone,
and every answer that describes such a table is compared by its outcome
only (a note: DynamoDB Local lists AttributeDefinitions in a hash order
and keeps unused ones).

The answers go to random_ctl_cases.json; replay them with

    tests/ddb-local exec python3 tests/data/emu/random_ctl.py \\
        --seed 3 --cases 40 --out /tmp/rc/random_ctl_cases.json
    build/tests/conformance/replay /tmp/rc

Standard library only.
"""
import json
import os
import random
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import record  # noqa: E402  (shared)
from record import record_sequences  # noqa: E402  (shared)
import random_ops as ro  # noqa: E402  (its Gen and cli)

OUT = os.path.join(HERE, "random_ctl_cases.json")
# A case's tables are these with the seed and the case's number in front
# (s7c3_ta, ...): DynamoDB Local remembers a deleted table's stream under
# its name, and a table created later under that name is described with
# the old stream's LatestStreamArn and LatestStreamLabel (AWS's new table
# has none). So record a seed on a DynamoDB Local that has not seen it.
TABLES = ["ta", "tb", "tc"]
BAD_TABLES = ["ab", "x" * 256, "bad name", "t/1", "", "t\u00e9"]
ATTRS = ["h", "r", "g", "s", "x"]
INDEXES = ["ix1", "ix2", "ixx"]
BAD_INDEXES = ["ab", "y" * 256, "bad idx", ""]
TYPES = ["S", "N", "B"]
UNITS = [1, 1, 5, 40000, 0, 40001, -1]
# OnDemandThroughput maximums: small, so that the account's quota (80,000
# over every table, which record.py's "ct.od." cases test) never binds
OD_UNITS = [-1, -1, 1, 5, 0, -2, 40001]
STREAM_VIEWS = ["NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY"]
NOTE = ("DynamoDB Local keeps attribute definitions no key uses once an "
        "index was created or deleted, and counts in a created index the "
        "items whose key attribute has another type; the emulator keeps "
        "only the definitions keys use, and leaves such items out, as AWS")

GHOST_NOTE = ("DynamoDB Local describes a table created under the name of "
              "a deleted table that had a stream with that stream's "
              "LatestStreamArn and LatestStreamLabel; AWS's new table, and "
              "the emulator's, has no stream")


def endpoint():
    return os.environ["SST_DDB_LOCAL_ENDPOINT"]


def describe(name):
    """DynamoDB Local's TableDescription of name, or None (unrecorded)."""
    st, r = record.call(endpoint(), "DescribeTable", {"TableName": name})
    return r.get("Table") if st == 200 else None


STUCK = set()  # (table, index) that stayed DELETING: not waited for again


def settle(name):
    """Wait until no index of name is CREATING or DELETING (DynamoDB Local
    takes a while), unrecorded; at most about 5 s. Some deleted indexes
    stay DELETING for good: those are remembered and not waited for."""
    for _ in range(100):
        t = describe(name)
        busy = [i["IndexName"] for i in (t or {}).get(
                    "GlobalSecondaryIndexes", [])
                if i.get("IndexStatus") != "ACTIVE" and
                (name, i["IndexName"]) not in STUCK]
        if not busy:
            return
        time.sleep(0.05)
    STUCK.update((name, i) for i in busy)


class Gen(ro.Gen):
    def units(self):
        return self.pick(UNITS) if self.chance(0.2) else self.pick([1, 5])

    def throughput(self):
        pt = {"ReadCapacityUnits": self.units(),
              "WriteCapacityUnits": self.units()}
        if self.chance(0.05):
            del pt[self.pick(list(pt))]
        return pt

    def on_demand(self, need=2, valid=False):
        """OnDemandThroughput with at least need of its members, each -1,
        1 or 5 (valid), or now and then out of range."""
        names = ["MaxReadRequestUnits", "MaxWriteRequestUnits"]
        kept = [m for m in names if self.chance(0.8)]
        while len(kept) < need:
            kept = [m for m in names if m in kept or self.chance(0.5)]
        return {m: self.pick(OD_UNITS[:4] if valid or self.chance(0.8)
                             else OD_UNITS)
                for m in kept}

    def table_name(self):
        return self.pick(BAD_TABLES) if self.chance(0.04) else \
            self.pick(self.tables)

    def index_name(self):
        return self.pick(BAD_INDEXES) if self.chance(0.04) else \
            self.pick(INDEXES)

    def key_schema(self, hash_=None, gsi=False):
        h = hash_ or self.pick(ATTRS)
        ks = [record.H(h)]
        if self.chance(0.6):
            ks.append(record.R(self.pick(ATTRS)))
        if self.chance(0.05):  # a fault: empty, RANGE only, three keys
            ks = self.pick([[], [record.R(h)], ks + [record.R("z")],
                            [ks[-1], ks[0]]])
        if gsi and self.chance(0.05):  # multi-attribute keys
            ks = [record.H(h), record.H(self.pick(ATTRS)),
                  record.R(self.pick(ATTRS))]
        return ks

    def projection(self):
        p = {"ProjectionType": self.pick(["ALL", "KEYS_ONLY", "INCLUDE",
                                          "INCLUDE"])}
        if p["ProjectionType"] == "INCLUDE" or self.chance(0.05):
            p["NonKeyAttributes"] = [self.pick(["p", "q", "h", "x", "p"])
                                     for _ in range(self.r.randint(1, 3))]
            if self.chance(0.05):
                p["NonKeyAttributes"] = []
        if self.chance(0.04):
            del p["ProjectionType"]
        return p

    def definitions(self, keys):
        """Definitions of the key attributes keys, with faults now and
        then: one left out, one unused, a duplicate, a bad name."""
        ad = [record.A(k, self.pick(TYPES)) for k in dict.fromkeys(keys)]
        if ad and self.chance(0.06):
            del ad[self.r.randrange(len(ad))]
        if self.chance(0.06):
            ad.append(record.A(self.pick(["u", "x", "q"]), self.pick(TYPES)))
        if ad and self.chance(0.04):
            ad.append(dict(self.pick(ad)))
        if ad and self.chance(0.03):
            ad[0] = record.A(self.pick(["", "n" * 256]), "S")
        return ad


def key_names(ks):
    return [k.get("AttributeName") for k in ks]


def create_table(g, state):
    name = g.table_name()
    billing = g.pick(["PAY_PER_REQUEST", "PAY_PER_REQUEST", "PROVISIONED",
                      None])
    req = {"TableName": name}
    ks = g.key_schema()
    req["KeySchema"] = ks
    keys = key_names(ks)
    if billing:
        req["BillingMode"] = billing
    provisioned = billing != "PAY_PER_REQUEST"
    if provisioned and not g.chance(0.05):
        req["ProvisionedThroughput"] = g.throughput()
    if len(ks) == 2 and g.chance(0.3):
        lsis = []
        for _ in range(g.r.randint(1, 2) if not g.chance(0.03) else 0):
            lk = [record.H(ks[0]["AttributeName"] if not g.chance(0.05)
                           else g.pick(ATTRS)),
                  record.R(g.pick(ATTRS))]
            if g.chance(0.03):
                lk = lk[:1]
            lsis.append({"IndexName": g.index_name(), "KeySchema": lk,
                         "Projection": g.projection()})
            keys += key_names(lk)
        req["LocalSecondaryIndexes"] = lsis
    if g.chance(0.5):
        gsis = []
        for _ in range(g.r.randint(1, 3) if not g.chance(0.03) else 0):
            gk = g.key_schema(gsi=True)
            gsi = {"IndexName": g.index_name(), "KeySchema": gk,
                   "Projection": g.projection()}
            if provisioned and not g.chance(0.05):
                gsi["ProvisionedThroughput"] = g.throughput()
            # on a PROVISIONED table DynamoDB Local keeps an index's
            # maximums unchecked; the emulator ignores them (a chosen
            # difference): drawn on PAY_PER_REQUEST tables only
            if billing == "PAY_PER_REQUEST" and g.chance(0.25):
                gsi["OnDemandThroughput"] = g.on_demand(
                    need=2 if not g.chance(0.05) else 1)
            gsis.append(gsi)
            keys += key_names(gk)
        req["GlobalSecondaryIndexes"] = gsis
    req["AttributeDefinitions"] = g.definitions(
        [k for k in keys if isinstance(k, str)])
    # DynamoDB Local counts an attribute that is an LSI's sort key and a
    # GSI's key twice, and so accepts as many unused definitions; AWS and
    # the emulator refuse them (docs/fidelity.md): drawn without them
    lsi_keys = {k["AttributeName"] for i in req.get("LocalSecondaryIndexes",
                                                    [])
                for k in i["KeySchema"][1:]}
    gsi_keys = {k.get("AttributeName") for i in
                req.get("GlobalSecondaryIndexes", []) for k in i["KeySchema"]}
    if lsi_keys & gsi_keys:
        req["AttributeDefinitions"] = [
            d for d in req["AttributeDefinitions"]
            if d.get("AttributeName") in keys]
    if g.chance(0.25):
        enabled = g.chance(0.8)
        spec = {"StreamEnabled": enabled}
        if enabled != g.chance(0.1):
            spec["StreamViewType"] = g.pick(STREAM_VIEWS)
        req["StreamSpecification"] = spec
    if g.chance(0.1):
        req["DeletionProtectionEnabled"] = g.chance(0.5)
    if billing == "PAY_PER_REQUEST" and g.chance(0.3):
        req["OnDemandThroughput"] = g.on_demand(
            need=2 if not g.chance(0.05) else 1)
    return ("CreateTable", req)


def update_table(g, state):
    """An UpdateTable of one to three changes at once (the order of their
    checks), drawn knowing the table as DynamoDB Local has it."""
    name = g.pick(g.tables)
    t = describe(name)
    # an index DynamoDB Local keeps DELETING for good (settle()) makes it
    # refuse index actions and throughput changes as in use; the
    # emulator's index is gone: such a table is only described
    if any(i.get("IndexStatus") != "ACTIVE"
           for i in (t or {}).get("GlobalSecondaryIndexes", [])):
        return describe_table(g, state)
    req = {"TableName": name}
    ppr = t is not None and t.get("BillingModeSummary", {}).get(
        "BillingMode") == "PAY_PER_REQUEST"
    gsis = [i["IndexName"] for i in (t or {}).get("GlobalSecondaryIndexes",
                                                  [])]
    n = 1 if g.chance(0.7) else g.r.randint(2, 3)
    for _ in range(n):
        update_part(g, req, t, ppr, gsis)
    for u in req.get("GlobalSecondaryIndexUpdates", []):
        if "Create" not in u:
            continue
        if req.get("BillingMode") == "PROVISIONED":  # without: HTTP 500
            u["Create"].setdefault("ProvisionedThroughput", g.throughput())
        elif req.get("BillingMode") == "PAY_PER_REQUEST":  # with: accepted
            u["Create"].pop("ProvisionedThroughput", None)
    # DynamoDB Local drops a table's maximums on an UpdateTable without
    # OnDemandThroughput, and takes any values there; the emulator keeps
    # them and checks the values, as AWS documents (chosen differences):
    # every update of a table it describes with maximums gives both,
    # valid, while the table stays PAY_PER_REQUEST
    to_ppr = req.get("BillingMode", "PAY_PER_REQUEST" if ppr else
                     "PROVISIONED") == "PAY_PER_REQUEST"
    if to_ppr and t is not None and "OnDemandThroughput" in t:
        req.setdefault("OnDemandThroughput", g.on_demand(valid=True))
    if len(req) == 1 and n == 1 and g.chance(0.8):
        return describe_table(g, state)
    return ("UpdateTable", req)


def update_part(g, req, t, ppr, gsis):
    """Add one change to the UpdateTable request req, if it fits."""
    what = g.pick(["billing", "throughput", "stream", "protection",
                   "update", "create", "create", "delete", "nothing",
                   "on_demand"])
    to_ppr = req.get("BillingMode") == "PAY_PER_REQUEST"
    updates = req.setdefault("GlobalSecondaryIndexUpdates", [])
    if what == "billing" and "BillingMode" not in req:
        mode = g.pick(["PAY_PER_REQUEST", "PROVISIONED"])
        if mode == "PAY_PER_REQUEST" and "ProvisionedThroughput" in req:
            mode = "PROVISIONED"
        req["BillingMode"] = mode
        if mode == "PROVISIONED" and not g.chance(0.1):
            req["ProvisionedThroughput"] = g.throughput()
            if gsis and ppr:
                updates += [{"Update": {"IndexName": i,
                                        "ProvisionedThroughput":
                                        g.throughput()}}
                            for i in gsis if not g.chance(0.1)]
    elif what == "throughput" and not (ppr or to_ppr or t is None):
        req["ProvisionedThroughput"] = g.throughput()
    elif what == "stream":
        enabled = g.chance(0.6)
        spec = {"StreamEnabled": enabled}
        if enabled != g.chance(0.05):
            spec["StreamViewType"] = g.pick(STREAM_VIEWS)
        req["StreamSpecification"] = spec
    elif what == "protection":
        req["DeletionProtectionEnabled"] = g.chance(0.5)
    elif what == "on_demand":  # both members, valid (above)
        req["OnDemandThroughput"] = g.on_demand(valid=True)
    elif what == "update" and gsis and not (ppr or to_ppr):
        updates.append({"Update": {"IndexName": g.pick(gsis + ["nope"]),
                                   "ProvisionedThroughput": g.throughput()}})
    elif what == "create" and not to_ppr:
        gk = g.key_schema(gsi=True)
        c = {"IndexName": g.index_name(), "KeySchema": gk,
             "Projection": g.projection()}
        if t is not None and not ppr:  # without: HTTP 500
            c["ProvisionedThroughput"] = g.throughput()
        elif g.chance(0.3):  # checked as CreateTable's, -1 where not given
            c["OnDemandThroughput"] = g.on_demand(need=0)
        updates.append({"Create": c})
        if not g.chance(0.05):
            req["AttributeDefinitions"] = g.definitions(
                [k for k in key_names(gk) if isinstance(k, str)])
    elif what == "delete":
        updates.append({"Delete": {"IndexName": g.pick(gsis + ["nope"])}})
    if not updates:
        del req["GlobalSecondaryIndexUpdates"]


def describe_table(g, state):
    return ("DescribeTable", {"TableName": g.table_name()})


def delete_table(g, state):
    return ("DeleteTable", {"TableName": g.table_name()})


def list_tables(g, state):
    req = {}
    if g.chance(0.5):
        req["Limit"] = g.pick([1, 2, 3, 100, 0, 101])
    if g.chance(0.4):
        req["ExclusiveStartTableName"] = g.pick(
            g.tables + ["aaa", g.tables[1] + "0", "zzz"])
    return ("ListTables", req)


def update_ttl(g, state):
    spec = {"Enabled": g.chance(0.6),
            "AttributeName": g.pick(["ttl", "ttl", "exp", ""])}
    if g.chance(0.05):
        del spec["AttributeName"]
    return ("UpdateTimeToLive", {"TableName": g.table_name(),
                                 "TimeToLiveSpecification": spec})


def describe_ttl(g, state):
    return ("DescribeTimeToLive", {"TableName": g.table_name()})


def put_item(g, state):
    """An item for a table as DynamoDB Local has it: its keys of the right
    types, and values for every attribute of ATTRS, of random types."""
    name = g.pick(g.tables)
    t = describe(name)
    if t is None:
        return describe_table(g, state)
    types = {a["AttributeName"]: a["AttributeType"]
             for a in t["AttributeDefinitions"]}
    item = {}
    for a in ATTRS + ["p", "q"]:
        ty = types.get(a) if a in types and not g.chance(0.1) else \
            g.pick(TYPES)
        v = {"S": "v%d" % g.r.randint(0, 9), "N": str(g.r.randint(0, 9)),
             "B": "AQ=="}[ty]
        if g.chance(0.8) or a in [k["AttributeName"]
                                  for k in t["KeySchema"]]:
            item[a] = {ty: v}
    return ("PutItem", {"TableName": name, "Item": item})


OPS = [(create_table, 6), (update_table, 5), (describe_table, 2),
       (delete_table, 2), (list_tables, 2), (update_ttl, 2),
       (describe_ttl, 1), (put_item, 4)]


class Steps:
    """A sequence's steps, drawn one at a time as the recorder asks for
    them, so that each draw sees the tables as DynamoDB Local has them
    after the steps before it. len() is the number of steps."""

    def __init__(self, g, ops, n, tables):
        self.g, self.ops, self.n, self.tables = g, ops, n, tables
        self.changed = set()  # tables whose indexes were created, deleted
        self.streamed = set()  # names that had a stream in this case
        self.ghosts = set()  # tables described with a deleted one's stream
        self.keys = {}  # table: its key attributes
        self.items = {}  # table: {key: item} as PutItem wrote them

    def __len__(self):
        return self.n

    def __iter__(self):
        self.g.tables = self.tables
        for _ in range(self.n):
            for t in self.tables:
                settle(t)
            yield self.g.pick(self.ops)(self.g, self)

    def annotate(self, op, req, rec):
        name = req.get("TableName")
        ok = rec["status"] == 200
        stream = req.get("StreamSpecification", {}).get("StreamEnabled")
        if op == "CreateTable" and ok:
            self.keys[name] = [k["AttributeName"] for k in req["KeySchema"]]
            self.items[name] = {}
            self.changed.discard(name)
            self.ghosts.discard(name)
            if name in self.streamed and not stream:
                self.ghosts.add(name)
        if op in ("CreateTable", "UpdateTable") and ok and stream:
            self.streamed.add(name)
            self.ghosts.discard(name)
        if op == "PutItem" and ok:
            item = req["Item"]
            self.items[name][json.dumps([item[k] for k in self.keys[name]],
                                        sort_keys=True)] = item
        if op == "UpdateTable" and ok and any(
                "Create" in u or "Delete" in u
                for u in req.get("GlobalSecondaryIndexUpdates", [])):
            self.changed.add(name)
        exp = None
        if ok and op in ("CreateTable", "UpdateTable", "DescribeTable",
                         "DeleteTable") and (name in self.changed or
                                             name in self.ghosts):
            deleting = [u["Delete"].get("IndexName") for u in
                        req.get("GlobalSecondaryIndexUpdates", [])
                        if "Delete" in u] if op == "UpdateTable" else []
            exp = expected(rec["response"], name in self.changed,
                           name in self.ghosts,
                           list(self.items.get(name, {}).values()), deleting)
        if op == "DeleteTable" and ok:
            self.changed.discard(name)
            self.ghosts.discard(name)
        return exp


def expected(resp, changed, ghost, items, deleting):
    """The answer the emulator gives for DynamoDB Local's resp, a table's
    description, where a noted deviation applies (AWS's answer); items:
    the table's items. An index created on a table whose items have a key
    attribute of another type: DynamoDB Local indexes them, AWS and the
    emulator leave them out, so ItemCount counts only the items whose key
    attributes all have the defined types. A deleted index stays DELETING
    in DynamoDB Local, some for good (one on the table's own partition
    key); the emulator's is gone once UpdateTable (deleting: the names of
    the indexes this very request deletes) answers."""
    resp = json.loads(json.dumps(resp))
    t = resp.get("Table") or resp.get("TableDescription")
    notes = []
    if ghost:
        t.pop("LatestStreamArn", None)
        t.pop("LatestStreamLabel", None)
        notes.append(GHOST_NOTE)
    if changed:
        gsis = [i for i in t.get("GlobalSecondaryIndexes", [])
                if i.get("IndexStatus") != "DELETING" or
                i["IndexName"] in deleting]
        if gsis:
            t["GlobalSecondaryIndexes"] = gsis
        else:
            t.pop("GlobalSecondaryIndexes", None)
        used = set()
        for ks in [t["KeySchema"]] + [
                i["KeySchema"] for i in t.get("LocalSecondaryIndexes", []) +
                t.get("GlobalSecondaryIndexes", [])]:
            used.update(k["AttributeName"] for k in ks)
        t["AttributeDefinitions"] = [a for a in t["AttributeDefinitions"]
                                     if a["AttributeName"] in used]
        types = {a["AttributeName"]: a["AttributeType"]
                 for a in t["AttributeDefinitions"]}
        for i in t.get("GlobalSecondaryIndexes", []):
            if i.get("IndexStatus") == "DELETING":  # sizes of 0 (AWS's)
                i.setdefault("IndexSizeBytes", 0)
                i.setdefault("ItemCount", 0)
            elif "ItemCount" in i:
                i["ItemCount"] = sum(
                    all(types.get(k["AttributeName"]) in
                        it.get(k["AttributeName"], {})
                        for k in i["KeySchema"]) for it in items)
        notes.append(NOTE)
    return {"ok": True, "note": "; ".join(notes), "response": resp}


def make_cases(seed, ncases, nsteps):
    g = Gen(random.Random(seed))
    ops = [f for f, w in OPS for _ in range(w)]
    cases = []
    for i in range(ncases):
        steps = Steps(g, ops, nsteps,
                      ["s%dc%d_%s" % (seed, i, t) for t in TABLES])
        cases.append({"name": "ctl.%d.%d" % (seed, i), "steps": steps,
                      "aws": None, "compare": None,
                      "annotate": steps.annotate})
    return cases


def main():
    ro.cli(__doc__, make_cases, OUT, "random_ctl.py")


if __name__ == "__main__":
    main()
