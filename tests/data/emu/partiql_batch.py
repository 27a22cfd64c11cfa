#!/usr/bin/env python3
"""tests/data/emu/partiql_batch.py - record the corpus of PartiQL batches
and transactions from DynamoDB Local.

Each case is a sequence of requests (BatchExecuteStatement and
ExecuteTransaction, and the PutItem and GetItem calls that set up and
check their effects) run on fresh tables; DynamoDB Local's answer to every
step is recorded in partiql_batch_cases.json, in the format of
items_cases.json, and tests/conformance/replay replays it against the
emulator with no Java needed.

The tables, builders and the normalisation of CreateTable's times are
partiql.py's (importing it installs them). Where DynamoDB Local
contradicts AWS's documentation, the last step of a case carries an "aws"
override: the emulator follows AWS, and DynamoDB Local's answer is kept
beside it for the drift report. DynamoDB Local keeps ClientRequestTokens
between cases (they are not tables), so every case uses tokens of its own.
Re-record with:

    SST_CACHE_DIR=... tests/ddb-local exec python3 tests/data/emu/partiql_batch.py

Standard library only.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import record  # noqa: E402  (shared)
import partiql  # noqa: E402  (tables, builders; installs call_fixed)
from partiql import K, N, S, TABLES, aws_val, get, put, ser  # noqa: E402
from record import record_sequences  # noqa: E402  (shared)

OUT = os.path.join(HERE, "partiql_batch_cases.json")


# ------------------------------------------------------------------ builders
def st(stmt, *params, **kw):
    """One statement of a batch or a transaction; params become
    Parameters."""
    b = {"Statement": stmt}
    if params:
        b["Parameters"] = list(params)
    b.update(kw)
    return b


def bx(*stmts, **kw):
    """A BatchExecuteStatement step."""
    return ("BatchExecuteStatement", dict({"Statements": list(stmts)}, **kw))


def braw(**body):
    """A BatchExecuteStatement step with exactly these members."""
    return ("BatchExecuteStatement", body)


def et(*stmts, **kw):
    """An ExecuteTransaction step."""
    return ("ExecuteTransaction",
            dict({"TransactStatements": list(stmts)}, **kw))


def etraw(**body):
    """An ExecuteTransaction step with exactly these members."""
    return ("ExecuteTransaction", body)


CASES = []


def case(name, *steps, aws=None):
    CASES.append({"name": name, "steps": [list(s) for s in steps],
                  "aws": aws, "compare": None})


def tcase(name, *steps, aws=None):
    """A case on the two standard tables."""
    case(name, *(TABLES + list(steps)), aws=aws)


def sel(pk, sk, what="*", table="tbl"):
    return st("SELECT %s FROM %s WHERE pk = '%s' AND sk = %s"
              % (what, table, pk, sk))


def ins(pk, sk, extra=""):
    return st("INSERT INTO tbl VALUE {'pk': '%s', 'sk': %s%s}"
              % (pk, sk, extra))


def W(pk="a", sk="1"):
    return " WHERE pk = '%s' AND sk = %s" % (pk, sk)


# Five items of partition a, two of b, one of c, one of table one.
def ITEM(i):
    return dict(K("a", str(i)), v=S("v%d" % i), n=N(str(i)),
                g=S("G%d" % (i % 2)))


DATA = ([put(dict(ITEM(1), m={"M": {"b": N("1"), "c": S("x")}},
                  l={"L": [N("10"), N("20")]}, name=S("nm1")))] +
        [put(ITEM(i)) for i in range(2, 6)] +
        [put(dict(K("b", "1"), v=S("w1"), g=S("G9"), nl={"NULL": True})),
         put(dict(K("b", "2"), v=S("w2"))), put(dict(K("c", "1"), v=S("w3"))),
         put({"pk": S("x"), "w": S("one")}, "one")])

ENUM_NOTE = "DynamoDB Local accepts any value; AWS validates the enum"
RVOCCF = ("1 validation error detected: Value 'FOO' at '%s.1.member."
          "returnValuesOnConditionCheckFailure' failed to satisfy "
          "constraint: Member must satisfy enum value set: [ALL_OLD, NONE]")
CONVERTS_NUM = ("DynamoDB Local converts the number to a string (and answers "
                "the statement's ValidationError 'Invalid operation'); AWS "
                "refuses it")
ONE_PER_ITEM = ("DynamoDB Local stops at the failed statement and lists one "
                "reason; AWS documents one reason per statement, in order")


def cancelled(reasons, note):
    codes = ", ".join(r["Code"] for r in reasons)
    return {"type": "TransactionCanceledException",
            "message": "Transaction cancelled, please refer cancellation "
                       "reasons for specific reasons [%s]" % codes,
            "extra": {"CancellationReasons": reasons}, "note": note}


# --------------------------------------------------------------- batch: reads
# A SELECT of a batch names one item: an equality on every key attribute
# and nothing else; any other SELECT is its own ValidationError.
# Parameters are checked as AttributeValues: a batch checks every
# statement's first; a transaction checks each statement's syntax, then
# its parameters, statement by statement, before any other rule.
BIG = N("1e126")
tcase("bes.err.parameters_first",
      bx(st("SELECT * FROM tbl WHERE pk = ? AND sk = 1", BIG),
         st("SELECT * FROM tbl WHERE pk = ? AND sk = 1", S("a"))),
      bx(st("SELECT * FROM tbl WHERE", S("a")),
         st("SELECT * FROM tbl WHERE pk = ?", BIG)),
      bx(st("SELECT a.b, b FROM tbl WHERE pk = ? AND sk = 1", S("a")),
         st("SELECT * FROM tbl WHERE pk = ?", {"SS": []})),
      bx(st("SELECT * FROM tbl WHERE pk = ? AND sk = 1", {"NS": ["1", "1.0"]})),
      bx(st("SELECT * FROM tbl WHERE", S("a"))))
tcase("et.err.parameters_early",
      et(st("SELECT * FROM tbl WHERE pk = ? AND sk = 1", BIG),
         st("SELECT * FROM tbl WHERE", S("a"))),
      et(st("SELECT * FROM tbl WHERE", S("a")),
         st("SELECT * FROM tbl WHERE pk = ?", BIG)),
      et(st("SELECT a.b, b FROM tbl WHERE pk = ? AND sk = 1", S("a")),
         st("SELECT * FROM tbl WHERE pk = ?", BIG)),
      et(st("SELECT * FROM nope WHERE pk = ?", S("a")),
         st("SELECT * FROM tbl WHERE pk = ?", BIG)),
      et(st("UPDATE tbl SET a = 1" + W(), {"SS": ["a", "a"]})))
tcase("bes.read.full_key", *DATA,
      bx(sel("a", 1), sel("a", 9), st("SELECT * FROM one WHERE pk = 'x'"),
         st("SELECT * FROM one WHERE pk = 'y'"), sel("b", 2)))
tcase("bes.read.parameters_projection", *DATA,
      bx(st("SELECT * FROM tbl WHERE pk = ? AND sk = ?", S("a"), N("3")),
         st("SELECT v FROM tbl WHERE sk = ? AND pk = 'c'", N("1"),
            ConsistentRead=True),
         sel("a", 1, "v, m.b, l[1], \"name\""), sel("a", 2, "zz"),
         st("SELECT nl, pk FROM tbl WHERE pk = 'b' AND sk = 1",
            ConsistentRead=False)))
tcase("bes.read.not_one_item", *DATA,
      bx(sel("a", 1), st("SELECT * FROM tbl WHERE pk = 'a'"),
         st("SELECT * FROM tbl WHERE pk = 'a' AND sk > 1"),
         st("SELECT sk FROM tbl WHERE pk = 'a' AND sk = 2 AND v = 'v2'"),
         st("SELECT sk FROM tbl WHERE pk = 'a' AND sk IN [1, 2]"),
         st("SELECT sk FROM tbl WHERE pk = 'a' AND sk = 1 OR pk = 'b' "
            "AND sk = 1"),
         st("SELECT * FROM one"),
         st("SELECT * FROM \"tbl\".\"gidx\" WHERE g = 'G9'"), sel("a", 3)))
tcase("bes.read.key_type", *DATA,
      bx(sel("a", 1), st("SELECT * FROM tbl WHERE pk = 1 AND sk = 1"),
         st("SELECT * FROM tbl WHERE pk = 'a' AND sk = '1'"),
         st("SELECT * FROM tbl WHERE pk = '' AND sk = 1")))
tcase("bes.read.same_item", *DATA, bx(sel("a", 1), sel("a", 1, "v")))
tcase("bes.read.25", *DATA, bx(*[sel("a", i) for i in range(1, 26)]))
tcase("bes.read.capacity", *DATA,
      bx(sel("a", 1), st("SELECT * FROM one WHERE pk = 'x'"), sel("a", 9),
         ReturnConsumedCapacity="TOTAL"),
      bx(sel("a", 1), ReturnConsumedCapacity="INDEXES"))

# -------------------------------------------------------------- batch: writes
tcase("bes.write.insert", bx(ins("a", 1, ", 'v': 'x'"), ins("a", 2),
                             st("INSERT INTO one VALUE {'pk': 'x'}"),
                             st("INSERT INTO tbl VALUE {'pk': ?, 'sk': ?}",
                                S("p"), N("7"))),
      get(K()), get(K("a", "2")), get({"pk": S("x")}, "one"),
      get(K("p", "7")))
tcase("bes.write.insert_duplicate",
      put(dict(K(), v=S("old"))), put(dict(K("a", "3"), v=S("old3"))),
      bx(ins("a", 1, ", 'v': 'new'"), ins("a", 2),
         st("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 3}",
            ReturnValuesOnConditionCheckFailure="ALL_OLD")),
      get(K()), get(K("a", "2")), get(K("a", "3")))
# Before it looks for two statements on one item, a batch checks an
# UPDATE's update expression alone (a static fault: no TableName) and an
# INSERT's index key values (TableName): a statement refused there is no
# duplicate. An UPDATE giving an index key an empty value fails only when
# it runs, so it counts (random_streams.py found these; DynamoDB Local
# then writes the batch before refusing it, which the emulator does not:
# no GetItem of that item follows).
tcase("bes.write.checked_before_duplicates", *DATA,
      bx(st("UPDATE tbl SET v = 'x' SET v = 'y'" + W()),
         st("DELETE FROM tbl" + W())),
      bx(st("UPDATE tbl SET n = n + 'a'" + W("a", "2")),
         st("DELETE FROM tbl" + W("a", "2"))),
      bx(ins("z", 1, ", 'g': ''"), st("DELETE FROM tbl" + W("z", "1"))),
      bx(ins("z", 2, ", 'g': 5"), st("DELETE FROM tbl" + W("z", "2"))),
      bx(st("UPDATE tbl SET g = ''" + W("a", "3")),
         st("DELETE FROM tbl" + W("a", "3"))),
      get(K()), get(K("a", "2")))
tcase("bes.write.update", *DATA,
      bx(st("UPDATE tbl SET v = 'new', n = n + 1" + W()),
         st("UPDATE tbl SET v = 'new'" + W("a", "9")),
         st("UPDATE tbl SET v = 'new'" + W("a", "2") + " AND v = 'nope'"),
         st("UPDATE tbl SET v = 'new'" + W("a", "3") + " AND v = 'nope'",
            ReturnValuesOnConditionCheckFailure="ALL_OLD"),
         st("UPDATE tbl SET v = 'new'" + W("a", "8"),
            ReturnValuesOnConditionCheckFailure="ALL_OLD"),
         st("UPDATE tbl SET v = 'new'" + W("a", "4") + " AND v = 'v4'"),
         st("UPDATE one SET w = ? WHERE pk = 'x'", S("upd"))),
      get(K()), get(K("a", "2")), get(K("a", "3")), get(K("a", "4")),
      get(K("a", "9")), get({"pk": S("x")}, "one"))
tcase("bes.write.delete", *DATA,
      bx(st("DELETE FROM tbl" + W()), st("DELETE FROM tbl" + W("a", "9")),
         st("DELETE FROM tbl" + W("a", "2") + " AND v = 'nope'",
            ReturnValuesOnConditionCheckFailure="ALL_OLD"),
         st("DELETE FROM tbl" + W("a", "3") + " AND v = 'nope'"),
         st("DELETE FROM tbl" + W("a", "4") + " AND v = 'v4'"),
         st("DELETE FROM tbl" + W("a", "7") + " AND v = 'nope'",
            ReturnValuesOnConditionCheckFailure="ALL_OLD"),
         st("DELETE FROM one WHERE pk = 'x'")),
      get(K()), get(K("a", "2")), get(K("a", "3")), get(K("a", "4")),
      get({"pk": S("x")}, "one"))
tcase("bes.write.not_one_item", *DATA,
      bx(st("UPDATE tbl SET v = 'new' WHERE pk = 'a'"),
         st("DELETE FROM tbl WHERE pk = 'b'"),
         st("UPDATE tbl SET v = 'new'" + W("c", "1")),
         st("DELETE FROM tbl WHERE pk = 'a' AND sk > 3")),
      get(K("c", "1")), get(K("a", "4")))
tcase("bes.write.key_errors", *DATA,
      bx(ins("z", 1), st("INSERT INTO tbl VALUE {'pk': 'z'}"),
         st("INSERT INTO tbl VALUE {'pk': 'z', 'sk': '2'}"),
         st("UPDATE tbl SET sk = 5" + W()),
         st("UPDATE tbl SET g = 5" + W("a", "2")),
         st("DELETE FROM tbl WHERE pk = 1 AND sk = 1")),
      get(K("z", "1")), get(K()), get(K("a", "2")))
tcase("bes.write.returning", *DATA,
      bx(st("UPDATE tbl SET v = 'new'" + W() + " RETURNING ALL NEW *"),
         st("DELETE FROM tbl" + W("a", "2") + " RETURNING ALL OLD *"),
         st("UPDATE tbl SET v = 'new'" + W("a", "3") +
            " RETURNING MODIFIED OLD *")),
      get(K()), get(K("a", "2")))
# DynamoDB Local applies the statements before it answers this error (a
# GetItem afterwards sees them); the case stops at the error.
tcase("bes.write.same_item", *DATA,
      bx(st("UPDATE tbl SET v = 'one'" + W()),
         st("UPDATE tbl SET w = 'two'" + W())),
      bx(ins("n", 1), st("DELETE FROM tbl" + W("n", "1"))))
tcase("bes.write.25", bx(*[ins("k", i) for i in range(25)]),
      get(K("k", "0")), get(K("k", "24")))
tcase("bes.write.capacity", *DATA,
      bx(ins("z", 1), st("UPDATE tbl SET v = 'new'" + W()),
         st("DELETE FROM one WHERE pk = 'x'"),
         ReturnConsumedCapacity="TOTAL"),
      bx(ins("z", 2), ReturnConsumedCapacity="INDEXES"))
tcase("bes.write.rvoccf_enum", *DATA,
      bx(st("UPDATE tbl SET v = 'new'" + W() + " AND v = 'nope'",
            ReturnValuesOnConditionCheckFailure="FOO")),
      aws=aws_val(RVOCCF % "statements",
                  "DynamoDB Local answers HTTP 500 InternalFailure; AWS "
                  "validates the enum"))

# ------------------------------------------------------------ batch: requests
tcase("bes.err.read_and_write", *DATA,
      bx(sel("a", 1), st("UPDATE tbl SET v = 'new'" + W("a", "2"))),
      get(K("a", "2")),
      bx(ins("z", 1), sel("a", 1)), get(K("z", "1")))
tcase("bes.err.26", bx(*[sel("a", i) for i in range(26)]),
      bx(*[ins("k", i) for i in range(26)]), get(K("k", "0")))
tcase("bes.err.empty", bx(), braw())
tcase("bes.err.parse_among_good", *DATA,
      bx(sel("a", 1), st("SELECT * FROM tbl WHERE"), sel("a", 2)),
      bx(ins("z", 1), st("FROB tbl"), ins("z", 2),
         st("EXISTS(SELECT * FROM tbl WHERE pk = 'a' AND sk = 1 AND "
            "v = 'v1')")),
      get(K("z", "1")), get(K("z", "2")))
tcase("bes.err.missing_table_among_good", *DATA,
      bx(sel("a", 1), st("SELECT * FROM nope WHERE pk = 'a'"), sel("a", 2)),
      bx(ins("z", 1), st("INSERT INTO nope VALUE {'pk': 'z'}"),
         st("UPDATE nope SET v = 1 WHERE pk = 'z'"), ins("z", 2)),
      get(K("z", "1")))
tcase("bes.err.parameters", *DATA,
      bx(sel("a", 1), st("SELECT * FROM tbl WHERE pk = ? AND sk = ?",
                         S("a"))),
      bx(sel("a", 1), st("SELECT * FROM tbl WHERE pk = ? AND sk = 2",
                         S("a"), N("1"))),
      bx(ins("z", 1), st("INSERT INTO tbl VALUE {'pk': ?, 'sk': ?}", S("z")),
         st("UPDATE tbl SET v = ?" + W("a", "2"))),
      get(K("z", "1")))
tcase("bes.err.statement_empty", *DATA, bx(sel("a", 1), {}),
      bx(sel("a", 1), st("")))
tcase("bes.err.parameters_empty", *DATA,
      bx(st("SELECT * FROM tbl WHERE pk = 'a' AND sk = 1", Parameters=[])),
      aws=aws_val("1 validation error detected: Value '[]' at "
                  "'statements.1.member.parameters' failed to satisfy "
                  "constraint: Member must have length greater than or "
                  "equal to 1",
                  "DynamoDB Local accepts an empty list; AWS documents "
                  "Parameters as 1 item or more"))
tcase("bes.err.rcc_enum", *DATA,
      bx(sel("a", 1), ReturnConsumedCapacity="FOO"),
      aws=aws_val(partiql.RCC_MSG, ENUM_NOTE))
tcase("bes.ser.statements_object",
      braw(Statements={"Statement": "SELECT * FROM tbl"}),
      aws=ser(record.SER_STRUCT))
tcase("bes.ser.statement_not_object", braw(Statements=["SELECT * FROM tbl"]),
      aws=ser("Expected null"))
tcase("bes.ser.statement_number", braw(Statements=[{"Statement": 5}]),
      aws=ser(record.SER_STR_NUM, CONVERTS_NUM))

# ---------------------------------------------------------------- txn: writes
tcase("et.ok.writes", *DATA,
      et(ins("z", 1, ", 'v': 'new'"),
         st("UPDATE tbl SET v = 'upd', n = n + ?" + W(), N("1")),
         st("DELETE FROM tbl" + W("a", "2")),
         st("INSERT INTO one VALUE {'pk': 'y'}")),
      get(K("z", "1")), get(K()), get(K("a", "2")),
      get({"pk": S("y")}, "one"))
tcase("et.ok.conditions_hold", *DATA,
      et(st("UPDATE tbl SET v = 'upd'" + W() + " AND v = 'v1'"),
         st("DELETE FROM tbl" + W("a", "2") + " AND attribute_exists(v)"),
         st("DELETE FROM tbl" + W("a", "9")),
         st("UPDATE one SET w = 'u' WHERE pk = 'x' AND w = 'one'",
            ReturnValuesOnConditionCheckFailure="ALL_OLD")),
      get(K()), get(K("a", "2")), get({"pk": S("x")}, "one"))
tcase("et.cancel.condition", *DATA,
      et(ins("z", 1), st("UPDATE tbl SET v = 'upd'" + W() + " AND v = 'nope'"),
         st("DELETE FROM tbl" + W("a", "2"))),
      get(K("z", "1")), get(K()), get(K("a", "2")))
tcase("et.cancel.condition_all_old", *DATA,
      et(ins("z", 1),
         st("UPDATE tbl SET v = 'upd'" + W() + " AND v = 'nope'",
            ReturnValuesOnConditionCheckFailure="ALL_OLD"),
         st("DELETE FROM tbl" + W("a", "2") + " AND v = 'nope'",
            ReturnValuesOnConditionCheckFailure="NONE"),
         st("DELETE FROM tbl" + W("a", "3") + " AND v = 'nope'",
            ReturnValuesOnConditionCheckFailure="ALL_OLD")))
tcase("et.cancel.update_missing_item", *DATA,
      et(st("UPDATE tbl SET v = 'new'" + W("a", "9"))),
      et(ins("z", 1), st("UPDATE tbl SET v = 'new'" + W("a", "9"),
                         ReturnValuesOnConditionCheckFailure="ALL_OLD")),
      get(K("a", "9")), get(K("z", "1")))
tcase("et.cancel.duplicate_insert", *DATA,
      et(ins("z", 1), st("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1}",
                         ReturnValuesOnConditionCheckFailure="ALL_OLD")),
      et(ins("a", 2), ins("z", 1)),
      get(K("z", "1")))
tcase("et.cancel.key_type", *DATA,
      et(ins("z", 1), st("INSERT INTO tbl VALUE {'pk': 'z', 'sk': '2'}")),
      et(ins("z", 1), st("DELETE FROM tbl WHERE pk = 1 AND sk = 1")),
      get(K("z", "1")))
tcase("et.cancel.update_key_attribute", *DATA,
      et(ins("z", 1), st("UPDATE tbl SET sk = 5" + W())),
      aws=cancelled([{"Code": "None"},
                     {"Code": "ValidationError",
                      "Message": "One or more parameter values were "
                                 "invalid: Cannot update attribute sk. This "
                                 "attribute is part of the key"}],
                    ONE_PER_ITEM))
tcase("et.cancel.update_not_one_item", *DATA,
      et(ins("z", 1), st("UPDATE tbl SET v = 'new' WHERE pk = 'a'")),
      aws=cancelled([{"Code": "None"},
                     {"Code": "ValidationError",
                      "Message": "Where clause does not contain a mandatory "
                                 "equality on all key attributes"}],
                    "DynamoDB Local answers TransactionCanceledException "
                    "with the reason in its message and no "
                    "CancellationReasons; AWS documents one reason per "
                    "statement"))
# EXISTS(SELECT ...) is a condition check: one item, and a condition
# besides the key.
tcase("et.check.holds", *DATA,
      et(st("EXISTS(SELECT * FROM tbl WHERE pk = 'a' AND sk = 1 AND "
            "v = 'v1')"), ins("z", 1)),
      get(K("z", "1")),
      et(st("EXISTS(SELECT * FROM tbl WHERE pk = ? AND sk = ? AND "
            "attribute_exists(v))", S("a"), N("2"))))
tcase("et.check.fails", *DATA,
      et(st("EXISTS(SELECT * FROM tbl WHERE pk = 'a' AND sk = 1 AND "
            "v = 'nope')"), ins("z", 1)),
      et(st("EXISTS(SELECT * FROM tbl WHERE pk = 'a' AND sk = 9 AND "
            "attribute_exists(pk))"), ins("z", 2)),
      get(K("z", "1")), get(K("z", "2")))
# DynamoDB Local gives no Item here, where TransactWriteItems' ConditionCheck
# with ALL_OLD does.
tcase("et.check.fails_all_old", *DATA,
      et(st("EXISTS(SELECT * FROM tbl WHERE pk = 'a' AND sk = 1 AND "
            "v = 'nope')", ReturnValuesOnConditionCheckFailure="ALL_OLD"),
         ins("z", 1)))
tcase("et.check.errors", *DATA,
      et(st("EXISTS(SELECT * FROM tbl WHERE pk = 'a' AND sk = 1)"),
         ins("z", 1)),
      et(st("NOT EXISTS(SELECT * FROM tbl WHERE pk = 'a' AND sk = 9)"),
         ins("z", 2)),
      et(st("EXISTS(SELECT * FROM tbl WHERE pk = 'a' AND v = 'v1')"),
         ins("z", 3)),
      get(K("z", "1")))
tcase("et.err.same_item", *DATA,
      et(st("UPDATE tbl SET v = 'one'" + W()), st("DELETE FROM tbl" + W())),
      et(st("EXISTS(SELECT * FROM tbl WHERE pk = 'a' AND sk = 1 AND "
            "v = 'v1')"), st("UPDATE tbl SET v = 'two'" + W())),
      et(sel("a", 1), sel("a", 1, "v")),
      get(K()))

# Each statement in turn, before any is planned: its syntax, an operation
# a transaction does not take, a read beside writes, then its Parameters;
# the statements' other faults come after all of these.
tcase("et.err.read_and_write_before_plan", *DATA,
      et(st("INSERT INTO tbl VALUE {'pk': 'z', 'sk': 1, 'm': {'c': ?}}",
            S("x")), sel("a", 1)),
      et(st("UPDATE tbl SET n = n + 'x'" + W()), sel("a", 2)),
      et(sel("a", 1), ins("z", 1), st("SELECT * FROM tbl WHERE")),
      et(sel("a", 1), st("INSERT INTO tbl VALUE {'pk': 'z', 'sk': ?}",
                         N("abc"))),
      et(st("INSERT INTO tbl VALUE {'pk': 'z', 'sk': ?}", N("abc")),
         sel("a", 1)),
      get(K("z", "1")))
tcase("et.err.unsupported_before_plan", *DATA,
      et(st("UPDATE tbl SET n = n + 'x'" + W()),
         st("NOT EXISTS(SELECT * FROM tbl WHERE pk = 'a' AND sk = 2 AND "
            "v = 'v2')")),
      et(st("UPDATE tbl SET n = n + 'x'" + W()),
         st("EXISTS(SELECT * FROM tbl WHERE")))
# Two statements on one item: found when the later one comes to run, after
# the earlier ones ran (a runtime fault of theirs comes first, a failed
# condition does not) and before its own checks (an INSERT's index key).
tcase("et.err.same_item_when_run", *DATA,
      et(st("UPDATE tbl SET zz = list_append(zz, [1])" + W()),
         st("DELETE FROM tbl" + W())),
      et(st("EXISTS(SELECT * FROM tbl WHERE pk = 'a' AND sk = 1 AND "
            "v = 'v1')"), ins("a", 1, ", 'g': ''")),
      et(st("EXISTS(SELECT * FROM tbl WHERE pk = 'a' AND sk = 1 AND "
            "v = 'nope')"), st("DELETE FROM tbl" + W())),
      get(K()))
# An INSERT's ReturnValuesOnConditionCheckFailure is part of what the
# token stands for, as an UPDATE's is.
tcase("et.token.insert_rvoccf", *DATA,
      et(ins("z", 1), ClientRequestToken="et-4"),
      et(st("INSERT INTO tbl VALUE {'pk': 'z', 'sk': 1}",
            ReturnValuesOnConditionCheckFailure="ALL_OLD"),
         ClientRequestToken="et-4"),
      et(ins("z", 2), ClientRequestToken="et-5"),
      et(ins("z", 2), ClientRequestToken="et-5"))
# An EXISTS's is not: DynamoDB Local ignores it (et.check.fails_all_old).
tcase("et.token.exists_rvoccf", *DATA,
      et(st("EXISTS(SELECT * FROM tbl WHERE pk = 'a' AND sk = 1 AND "
            "v = 'v1')"), ClientRequestToken="et-6"),
      et(st("EXISTS(SELECT * FROM tbl WHERE pk = 'a' AND sk = 1 AND "
            "v = 'v1')", ReturnValuesOnConditionCheckFailure="ALL_OLD"),
         ClientRequestToken="et-6"))
tcase("et.token.mismatch_before_same_item", *DATA,
      et(ins("z", 1), ClientRequestToken="et-3"),
      et(st("UPDATE tbl SET v = 'x'" + W()), st("DELETE FROM tbl" + W()),
         ClientRequestToken="et-3"),
      get(K()))

# ----------------------------------------------------------------- txn: reads
tcase("et.read.full_keys", *DATA,
      et(sel("a", 1, "pk, m.b, l[1]"), sel("a", 9),
         st("SELECT * FROM one WHERE pk = 'x'"), sel("b", 1, "v, nl, zz"),
         st("SELECT * FROM tbl WHERE pk = ? AND sk = ?", S("a"), N("2"))))
tcase("et.err.read_and_write", *DATA,
      et(sel("a", 1), st("UPDATE tbl SET v = 'new'" + W("a", "2"))),
      et(ins("z", 1), sel("a", 1)),
      et(sel("a", 1), st("EXISTS(SELECT * FROM tbl WHERE pk = 'a' AND "
                         "sk = 2 AND v = 'v2')")),
      get(K("z", "1")))
tcase("et.err.select_not_one_item", *DATA,
      et(st("SELECT * FROM tbl WHERE pk = 'a'")),
      et(sel("a", 1), st("SELECT * FROM tbl WHERE pk = 'a' AND sk > 1")),
      et(st("SELECT * FROM tbl WHERE pk = 'a' AND sk = 1 AND v = 'v1'")),
      et(st("SELECT * FROM \"tbl\".\"gidx\" WHERE g = 'G9'")))

# -------------------------------------------------------------- txn: requests
tcase("et.limits.100", et(*[ins("k", i) for i in range(100)]),
      get(K("k", "99")), et(*[sel("k", i, "sk") for i in range(100)]))
tcase("et.err.101", et(*[ins("k", i) for i in range(101)]),
      et(*[sel("a", i) for i in range(101)]), get(K("k", "0")))
tcase("et.err.empty", et(), etraw())
tcase("et.err.parse", *DATA,
      et(ins("z", 1), st("FROB tbl")),
      et(sel("a", 1), st("SELECT * FROM tbl WHERE")),
      et(ins("z", 1), st("")), get(K("z", "1")))
tcase("et.err.missing_table", *DATA,
      et(ins("z", 1), st("INSERT INTO nope VALUE {'pk': 'z'}")),
      et(sel("a", 1), st("SELECT * FROM nope WHERE pk = 'a'")),
      get(K("z", "1")))
tcase("et.err.parameters", *DATA,
      et(ins("z", 1), st("INSERT INTO tbl VALUE {'pk': ?, 'sk': ?}", S("z"))),
      et(st("SELECT * FROM tbl WHERE pk = ? AND sk = ?", S("a"))),
      et(st("SELECT * FROM tbl WHERE pk = ? AND sk = 1", S("a"), N("1"))),
      get(K("z", "1")))
tcase("et.err.returning", *DATA,
      et(st("UPDATE tbl SET v = 'new'" + W() + " RETURNING ALL NEW *")),
      et(st("DELETE FROM tbl" + W() + " RETURNING ALL OLD *")),
      get(K()))
tcase("et.token.replay", *DATA,
      et(st("UPDATE tbl SET n = n + 1" + W()), ClientRequestToken="et-1"),
      et(st("UPDATE tbl SET n = n + 1" + W()), ClientRequestToken="et-1"),
      get(K()),
      et(st("UPDATE tbl SET n = n + 5" + W()), ClientRequestToken="et-1"),
      get(K()))
tcase("et.token.reads", *DATA,
      et(sel("a", 1), ClientRequestToken="et-2"),
      et(sel("a", 1), ClientRequestToken="et-2"),
      et(sel("a", 2), ClientRequestToken="et-2"))
tcase("et.token.too_long", *DATA,
      et(ins("z", 1), ClientRequestToken="x" * 37),
      aws=aws_val("Value xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx at "
                  "'clientRequestToken' failed to satisfy constraint: "
                  "Member must have length less than or equal to 36",
                  "DynamoDB Local accepts it; AWS documents a length of 1 to "
                  "36, and TransactWriteItems answers this"))
tcase("et.capacity", *DATA,
      et(ins("z", 1), st("UPDATE tbl SET v = 'n'" + W()),
         st("DELETE FROM one WHERE pk = 'x'"),
         ReturnConsumedCapacity="TOTAL"),
      et(sel("a", 2), sel("a", 3), ReturnConsumedCapacity="INDEXES"))
tcase("et.err.rcc_enum", *DATA,
      et(sel("a", 1), ReturnConsumedCapacity="FOO"),
      aws=aws_val(partiql.RCC_MSG, ENUM_NOTE))
tcase("et.err.rvoccf_enum", *DATA,
      et(st("UPDATE tbl SET v = 'new'" + W() + " AND v = 'nope'",
            ReturnValuesOnConditionCheckFailure="FOO")),
      aws=aws_val(RVOCCF % "transactStatements",
                  "DynamoDB Local answers a ValidationException naming a "
                  "Java enum; AWS validates the enum"))
tcase("et.ser.statements_string",
      etraw(TransactStatements="SELECT * FROM tbl"),
      aws=ser("Expected list or null"))
tcase("et.ser.statements_object",
      etraw(TransactStatements={"Statement": "SELECT * FROM tbl"}),
      aws=ser(record.SER_STRUCT))


def main():
    record_sequences(CASES, OUT, "partiql_batch.py")


if __name__ == "__main__":
    main()
