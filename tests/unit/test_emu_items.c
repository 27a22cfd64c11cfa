/*
 * tests/unit/test_emu_items.c - the emulator's item operations through the
 * backend seam: PutItem, GetItem, DeleteItem, BatchGetItem,
 * BatchWriteItem, Scan, UpdateTable, and TTL.
 *
 *   - the corpora tests/data/emu/items_cases.json, legacy_cases.json and
 *     txn_cases.json, recorded from DynamoDB Local by tests/data/emu/
 *     items.py, legacy.py and txn.py: every step of every case must give
 *     the recorded error (type and message) or an answer that matches
 *     DynamoDB Local's (tests/conformance/compare.h says what may
 *     differ), or the AWS answer where the case says the emulator
 *     follows AWS;
 *   - exact items and errors, table-driven;
 *   - index maintenance under random writes, checked against a model and
 *     by sst_emu_verify();
 *   - UpdateTable's backfill; TTL with the injectable clock;
 *   - an out-of-memory walk of PutItem, GetItem and DeleteItem.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>

#include <sst/emu.h>
#include <sst/sst.h>

#include "emu/ops/ops.h"
#include "harness.h"
#include "tests/conformance/compare.h"
#include "tests/unit/emu_test_util.h"

#define T0 1795633912989LL /* 2026-11-25T16:31:52.989Z */

/* ------------------------------------------------------------------ */
/* helpers                                                             */

static struct sst_emu *
open_emu(void)
{
    struct sst_emu *emu = NULL;
    struct sst_err e;

    CU_ASSERT_EQUAL_FATAL(sst_emu_open(NULL, NULL, &emu, &e), SST_OK);
    sst_emu_set_time(emu, T0);
    return emu;
}

static enum sst_code
call(struct sst_emu *emu, const char *op, const char *req,
     struct json_object **resp, struct sst_err *e)
{
    struct json_object *r = et_parse(req);
    enum sst_code rc;

    memset(e, 0, sizeof *e);
    rc = sst_emu_call(emu, op, r, resp, e);
    json_object_put(r);
    return rc;
}

/* Call and expect success with exactly the answer `want` (JSON text; the
 * member order inside objects does not matter). */
static void
expect_ok(struct sst_emu *emu, const char *op, const char *req,
          const char *want)
{
    struct json_object *resp = NULL, *w;
    struct sst_err e;
    enum sst_code rc = call(emu, op, req, &resp, &e);

    if (rc != SST_OK)
        fprintf(stderr, "\n  %s %s: %s: %s\n", op, req, e.type, e.message);
    CU_ASSERT_EQUAL(rc, SST_OK);
    if (want != NULL && rc == SST_OK) {
        w = et_parse(want);
        if (!json_object_equal(resp, w))
            fprintf(stderr, "\n  %s %s\n  want %s\n  got  %s\n", op, req,
                    want, et_text(resp));
        CU_ASSERT_TRUE(json_object_equal(resp, w));
        json_object_put(w);
    }
    json_object_put(resp);
}

/* Call and expect an error, with the error's extra members `extra` (JSON
 * text, or NULL for none). */
static void
expect_error_extra(struct sst_emu *emu, const char *op, const char *req,
                   enum sst_code code, const char *type, const char *msg,
                   const char *extra)
{
    struct json_object *resp = NULL, *w;
    struct sst_err e;
    enum sst_code rc = call(emu, op, req, &resp, &e);

    if (rc != code)
        fprintf(stderr, "\n  %s %s: %s: %s\n", op, req, e.type, e.message);
    CU_ASSERT_EQUAL(rc, code);
    if (extra == NULL) {
        CU_ASSERT_PTR_NULL(resp);
    } else {
        w = et_parse(extra);
        if (!json_object_equal(resp, w))
            fprintf(stderr, "\n  %s %s\n  want %s\n  got  %s\n", op, req,
                    extra, et_text(resp));
        CU_ASSERT_TRUE(json_object_equal(resp, w));
        json_object_put(w);
    }
    SST_ASSERT_STR_EQ(e.type, type);
    SST_ASSERT_STR_EQ(e.message, msg);
    json_object_put(resp);
}

static void
expect_error(struct sst_emu *emu, const char *op, const char *req,
             enum sst_code code, const char *type, const char *msg)
{
    expect_error_extra(emu, op, req, code, type, msg, NULL);
}

#define MAIN_TABLE                                                             \
    "{\"TableName\":\"tbl\",\"BillingMode\":\"PAY_PER_REQUEST\","            \
    "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"        \
    "{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}],"                     \
    "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":" \
    "\"S\"},{\"AttributeName\":\"sk\",\"AttributeType\":\"N\"},"             \
    "{\"AttributeName\":\"g\",\"AttributeType\":\"S\"},"                     \
    "{\"AttributeName\":\"gs\",\"AttributeType\":\"N\"},"                    \
    "{\"AttributeName\":\"l\",\"AttributeType\":\"B\"}],"                    \
    "\"GlobalSecondaryIndexes\":["                                            \
    "{\"IndexName\":\"gall\",\"KeySchema\":[{\"AttributeName\":\"g\","       \
    "\"KeyType\":\"HASH\"},{\"AttributeName\":\"gs\",\"KeyType\":"           \
    "\"RANGE\"}],\"Projection\":{\"ProjectionType\":\"ALL\"}},"              \
    "{\"IndexName\":\"gkeys\",\"KeySchema\":[{\"AttributeName\":\"g\","      \
    "\"KeyType\":\"HASH\"}],\"Projection\":{\"ProjectionType\":"             \
    "\"KEYS_ONLY\"}},"                                                        \
    "{\"IndexName\":\"ginc\",\"KeySchema\":[{\"AttributeName\":\"gs\","      \
    "\"KeyType\":\"HASH\"}],\"Projection\":{\"ProjectionType\":\"INCLUDE\"," \
    "\"NonKeyAttributes\":[\"x\",\"y\"]}}],"                                  \
    "\"LocalSecondaryIndexes\":[{\"IndexName\":\"lsi\",\"KeySchema\":["      \
    "{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},{\"AttributeName\":"    \
    "\"l\",\"KeyType\":\"RANGE\"}],\"Projection\":{\"ProjectionType\":"      \
    "\"KEYS_ONLY\"}}]}"

/* ------------------------------------------------------------------ */
/* the recorded corpus                                                 */

static char *
corpus_path(const char *file)
{
    const char *top = getenv("top_srcdir");
    size_t n;
    char *p;

    if (top == NULL || *top == '\0')
        top = ".";
    n = strlen(top) + sizeof "/tests/data/emu/" + strlen(file);
    p = malloc(n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    snprintf(p, n, "%s/tests/data/emu/%s", top, file);
    return p;
}

/* Run one step; returns whether it passed. */
static bool
run_step(struct sst_emu *emu, struct json_object *step, char *why,
         size_t why_len)
{
    struct json_object *exp = json_object_object_get(step, "expect");
    struct json_object *req =
        conf_expand(json_object_object_get(step, "request"));
    struct json_object *resp = NULL, *want = NULL, *rec, *m;
    const char *op = json_object_get_string(json_object_object_get(step, "op"));
    const char *type, *msg;
    struct sst_err e;
    enum sst_code rc;
    bool pass;

    memset(&e, 0, sizeof e);
    rc = sst_emu_call(emu, op, req, &resp, &e);
    json_object_put(req);
    if (json_object_object_get_ex(exp, "ok", NULL)) {
        if (rc != SST_OK) {
            snprintf(why, why_len, "%s: want success, got %s: %s", op, e.type,
                     e.message);
            json_object_put(resp);
            return false;
        }
        if (json_object_object_get_ex(exp, "response", &m))
            want = conf_expand(m);
        else if (json_object_object_get_ex(step, "ddb_local", &rec))
            want = conf_expand(json_object_object_get(rec, "response"));
        m = json_object_object_get(exp, "compare");
        pass = m != NULL ? conf_same_counts(resp, want, why, why_len)
                         : conf_same_answer(resp, want, why, why_len);
        json_object_put(want);
        json_object_put(resp);
        return pass;
    }
    type = json_object_get_string(json_object_object_get(exp, "type"));
    msg = json_object_get_string(json_object_object_get(exp, "message"));
    /* the error's extra members (the Item of a failed condition asked
     * for with ReturnValuesOnConditionCheckFailure) */
    if (json_object_object_get_ex(exp, "extra", &m))
        want = conf_expand(m);
    pass = rc != SST_OK && strcmp(e.type, type) == 0 &&
           strcmp(e.message, msg) == 0 && sst_code_from_type(type) == rc &&
           (want != NULL ? json_object_equal(resp, want) : resp == NULL);
    json_object_put(want);
    if (!pass)
        snprintf(why, why_len, "%s: want %s: %s\n    got  %s: %s", op, type,
                 msg, rc == SST_OK ? "success" : e.type,
                 rc == SST_OK ? et_text(resp) : e.message);
    json_object_put(resp);
    return pass;
}

/* Replay one recorded corpus (file, under tests/data/emu/), which must
 * hold at least min_cases cases. */
static void
replay_corpus(const char *file, size_t min_cases)
{
    char *path = corpus_path(file);
    struct json_object *cases = json_object_from_file(path), *c, *steps;
    size_t i, j, n, failed = 0, nsteps = 0, errors = 0, aws = 0;
    struct sst_emu *emu;
    char why[2048];

    if (cases == NULL)
        fprintf(stderr, "\n  cannot read %s\n", path);
    CU_ASSERT_PTR_NOT_NULL_FATAL(cases);
    n = json_object_array_length(cases);
    for (i = 0; i < n; i++) {
        c = json_object_array_get_idx(cases, i);
        steps = json_object_object_get(c, "steps");
        emu = open_emu();
        for (j = 0; j < json_object_array_length(steps); j++) {
            struct json_object *s = json_object_array_get_idx(steps, j);
            struct json_object *exp = json_object_object_get(s, "expect");

            nsteps++;
            errors += json_object_object_get_ex(exp, "type", NULL);
            aws += json_object_object_get_ex(exp, "note", NULL);
            if (!run_step(emu, s, why, sizeof why)) {
                failed++;
                fprintf(stderr, "\n  case %s, step %zu: %s",
                        json_object_get_string(json_object_object_get(c, "name")),
                        j + 1, why);
                break;
            }
        }
        if (j == json_object_array_length(steps))
            et_verify_in(emu, json_object_get_string(
                               json_object_object_get(c, "name")));
        sst_emu_close(emu);
    }
    printf("\n  %s: %zu cases, %zu steps, %zu expect an error, %zu "
           "follow AWS over DynamoDB Local, %zu failed\n",
           file, n, nsteps, errors, aws, failed);
    CU_ASSERT_EQUAL(failed, 0);
    CU_ASSERT_TRUE(n >= min_cases);
    json_object_put(cases);
    free(path);
}

static void
recorded_corpus(void)
{
    replay_corpus("items_cases.json", 300);
}

/* tests/data/emu/legacy.py: the legacy (pre-expression) parameters */
static void
recorded_legacy_corpus(void)
{
    replay_corpus("legacy_cases.json", 80);
}

/* tests/data/emu/txn.py: TransactWriteItems and TransactGetItems */
static void
recorded_txn_corpus(void)
{
    replay_corpus("txn_cases.json", 60);
}

/* ------------------------------------------------------------------ */
/* exact answers, table-driven                                         */

struct row {
    const char *op;
    const char *req;
    const char *want; /* the exact answer; for an error, its extra
                       * members or NULL                               */
    enum sst_code code;
    const char *type, *msg;
};

#define OK(op, req, want) {op, req, want, SST_OK, NULL, NULL}
#define ERR(op, req, code, type, msg) {op, req, NULL, code, type, msg}
#define VALID(op, req, msg)                                                    \
    ERR(op, req, SST_E_VALIDATION, "ValidationException", msg)
#define FAILED(op, req, extra)                                                 \
    {op, req, extra, SST_E_CONDITION_FAILED,                                   \
     "ConditionalCheckFailedException", "The conditional request failed"}

static void
run_rows(struct sst_emu *emu, const struct row *rows, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (rows[i].code == SST_OK)
            expect_ok(emu, rows[i].op, rows[i].req, rows[i].want);
        else
            expect_error_extra(emu, rows[i].op, rows[i].req, rows[i].code,
                               rows[i].type, rows[i].msg, rows[i].want);
    }
}

#define KEY "\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"}"

static const struct row item_rows[] = {
    /* every type, back exactly; numbers canonical at every depth (AWS;
     * DynamoDB Local leaves them untrimmed inside L and M) */
    OK("PutItem",
       "{\"TableName\":\"tbl\",\"Item\":{" KEY ",\"s\":{\"S\":\"x\\u0000y\"},"
       "\"n\":{\"N\":\"-0012.500\"},\"b\":{\"B\":\"AP8=\"},"
       "\"t\":{\"BOOL\":true},\"z\":{\"NULL\":true},"
       "\"ss\":{\"SS\":[\"b\",\"a\"]},\"ns\":{\"NS\":[\"1.0\",\"-2\"]},"
       "\"bs\":{\"BS\":[\"AQ==\"]},\"m\":{\"M\":{\"k\":{\"N\":\"1e2\"}}},"
       "\"li\":{\"L\":[{\"N\":\"0.10\"},{\"L\":[]},{\"M\":{}}]}}}",
       "{}"),
    OK("GetItem", "{\"TableName\":\"tbl\",\"Key\":{" KEY "}}",
       "{\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},"
       "\"s\":{\"S\":\"x\\u0000y\"},\"n\":{\"N\":\"-12.5\"},"
       "\"b\":{\"B\":\"AP8=\"},\"t\":{\"BOOL\":true},\"z\":{\"NULL\":true},"
       "\"ss\":{\"SS\":[\"b\",\"a\"]},\"ns\":{\"NS\":[\"1\",\"-2\"]},"
       "\"bs\":{\"BS\":[\"AQ==\"]},\"m\":{\"M\":{\"k\":{\"N\":\"100\"}}},"
       "\"li\":{\"L\":[{\"N\":\"0.1\"},{\"L\":[]},{\"M\":{}}]}}}"),
    OK("GetItem",
       "{\"TableName\":\"tbl\",\"Key\":{" KEY "},\"AttributesToGet\":[\"n\","
       "\"nope\"],\"ReturnConsumedCapacity\":\"TOTAL\"}",
       "{\"Item\":{\"n\":{\"N\":\"-12.5\"}},\"ConsumedCapacity\":{"
       "\"TableName\":\"tbl\",\"CapacityUnits\":0.5}}"),
    /* the key in other JSON forms is the same key */
    OK("GetItem",
       "{\"TableName\":\"tbl\",\"Key\":{\"sk\":{\"N\":\"1.000\"},"
       "\"pk\":{\"S\":\"a\",\"NULL\":null}},\"AttributesToGet\":[\"t\"]}",
       "{\"Item\":{\"t\":{\"BOOL\":true}}}"),
    /* ReturnValues ALL_OLD, capacity of the replaced item */
    OK("PutItem",
       "{\"TableName\":\"tbl\",\"Item\":{" KEY ",\"g\":{\"S\":\"G\"},"
       "\"gs\":{\"N\":\"7\"}},\"ReturnValues\":\"ALL_OLD\","
       "\"ReturnConsumedCapacity\":\"INDEXES\"}",
       "{\"Attributes\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},"
       "\"s\":{\"S\":\"x\\u0000y\"},\"n\":{\"N\":\"-12.5\"},"
       "\"b\":{\"B\":\"AP8=\"},\"t\":{\"BOOL\":true},\"z\":{\"NULL\":true},"
       "\"ss\":{\"SS\":[\"b\",\"a\"]},\"ns\":{\"NS\":[\"1\",\"-2\"]},"
       "\"bs\":{\"BS\":[\"AQ==\"]},\"m\":{\"M\":{\"k\":{\"N\":\"100\"}}},"
       "\"li\":{\"L\":[{\"N\":\"0.1\"},{\"L\":[]},{\"M\":{}}]}},"
       "\"ConsumedCapacity\":{\"TableName\":\"tbl\",\"CapacityUnits\":4.0,"
       "\"Table\":{\"CapacityUnits\":1.0},\"GlobalSecondaryIndexes\":{"
       "\"gall\":{\"CapacityUnits\":1.0},\"gkeys\":{\"CapacityUnits\":1.0},"
       "\"ginc\":{\"CapacityUnits\":1.0}}}}"),
    OK("DeleteItem",
       "{\"TableName\":\"tbl\",\"Key\":{" KEY "},\"ReturnValues\":\"ALL_OLD\","
       "\"ReturnConsumedCapacity\":\"TOTAL\"}",
       "{\"Attributes\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},"
       "\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"7\"}},\"ConsumedCapacity\":{"
       "\"TableName\":\"tbl\",\"CapacityUnits\":4.0}}"),
    OK("DeleteItem", "{\"TableName\":\"tbl\",\"Key\":{" KEY "}}", "{}"),
    OK("DeleteItem",
       "{\"TableName\":\"tbl\",\"Key\":{" KEY "},"
       "\"ReturnConsumedCapacity\":\"INDEXES\"}",
       "{\"ConsumedCapacity\":{\"TableName\":\"tbl\",\"CapacityUnits\":1.0,"
       "\"Table\":{\"CapacityUnits\":1.0}}}"),
    /* legacy parameters are the engine's too (test_emu_legacy.c) */
    FAILED("PutItem",
           "{\"TableName\":\"tbl\",\"Item\":{" KEY "},"
           "\"Expected\":{\"pk\":{\"Value\":{\"S\":\"a\"}}}}",
           NULL),
    VALID("Scan",
          "{\"TableName\":\"tbl\",\"ScanFilter\":{\"a\":{"
          "\"ComparisonOperator\":\"NULL\",\"AttributeValueList\":"
          "[{\"S\":\"x\"}]}}}",
          "One or more parameter values were invalid: Invalid number of "
          "argument(s) for the NULL ComparisonOperator"),
    /* a nothing-found GetItem still costs a read */
    OK("GetItem",
       "{\"TableName\":\"tbl\",\"Key\":{" KEY "},\"ConsistentRead\":true,"
       "\"ReturnConsumedCapacity\":\"INDEXES\"}",
       "{\"ConsumedCapacity\":{\"TableName\":\"tbl\",\"CapacityUnits\":1.0,"
       "\"Table\":{\"CapacityUnits\":1.0}}}"),
    /* wrongly typed JSON: AWS's SerializationException */
    ERR("GetItem", "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":5}}}",
        SST_E_SERIALIZATION, "SerializationException",
        "NUMBER_VALUE cannot be converted to String"),
    ERR("Scan", "{\"TableName\":\"tbl\",\"Segment\":\"1\"}",
        SST_E_SERIALIZATION, "SerializationException",
        "class java.lang.String can not be converted to an Integer"),
    ERR("BatchWriteItem", "{\"RequestItems\":{\"tbl\":{}}}",
        SST_E_SERIALIZATION, "SerializationException",
        "Start of structure or map found where not expected."),
};

#define OLDKEY "{\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"}"

/* ConditionExpression on PutItem and DeleteItem (the engine's evaluation
 * through emu/ops/exprs.h), with the old item in the failure's extra
 * members when ReturnValuesOnConditionCheckFailure is ALL_OLD. */
static const struct row condition_rows[] = {
    OK("PutItem",
       "{\"TableName\":\"tbl\",\"Item\":{" KEY "},"
       "\"ConditionExpression\":\"attribute_not_exists(pk)\"}",
       "{}"),
    FAILED("PutItem",
           "{\"TableName\":\"tbl\",\"Item\":{" KEY "},"
           "\"ConditionExpression\":\"attribute_not_exists(pk)\"}",
           NULL),
    FAILED("PutItem",
           "{\"TableName\":\"tbl\",\"Item\":{" KEY "},"
           "\"ConditionExpression\":\"attribute_not_exists(pk)\","
           "\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"}",
           OLDKEY "}}"),
    /* the condition holds: the item is replaced, its GSI rows follow */
    OK("PutItem",
       "{\"TableName\":\"tbl\",\"Item\":{" KEY ",\"v\":{\"N\":\"1\"},"
       "\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"2\"}},"
       "\"ConditionExpression\":\"attribute_exists(#p) AND size(pk) < :n\","
       "\"ExpressionAttributeNames\":{\"#p\":\"pk\"},"
       "\"ExpressionAttributeValues\":{\":n\":{\"N\":\"2\"}},"
       "\"ReturnValues\":\"ALL_OLD\"}",
       "{\"Attributes\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"}}}"),
    FAILED("DeleteItem",
           "{\"TableName\":\"tbl\",\"Key\":{" KEY "},"
           "\"ConditionExpression\":\"v = :v\","
           "\"ExpressionAttributeValues\":{\":v\":{\"N\":\"2\"}},"
           "\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"}",
           OLDKEY ",\"v\":{\"N\":\"1\"},\"g\":{\"S\":\"G\"},"
           "\"gs\":{\"N\":\"2\"}}}"),
    /* ReturnValuesOnConditionCheckFailure NONE: no extra members */
    FAILED("DeleteItem",
           "{\"TableName\":\"tbl\",\"Key\":{" KEY "},"
           "\"ConditionExpression\":\"NOT (v BETWEEN :a AND :b)\","
           "\"ExpressionAttributeValues\":{\":a\":{\"N\":\"0\"},"
           "\":b\":{\"N\":\"1\"}},"
           "\"ReturnValuesOnConditionCheckFailure\":\"NONE\"}",
           NULL),
    /* the failed writes changed nothing */
    OK("GetItem", "{\"TableName\":\"tbl\",\"Key\":{" KEY "}}",
       OLDKEY ",\"v\":{\"N\":\"1\"},\"g\":{\"S\":\"G\"},"
       "\"gs\":{\"N\":\"2\"}}}"),
    /* nested access to a key attribute, of the table or of an index */
    VALID("PutItem",
          "{\"TableName\":\"tbl\",\"Item\":{" KEY "},"
          "\"ConditionExpression\":\"attribute_exists(pk.x)\"}",
          "Key attributes must be scalars; list random access '[]' and map "
          "lookup '.' are not allowed: Key: pk"),
    VALID("DeleteItem",
          "{\"TableName\":\"tbl\",\"Key\":{" KEY "},"
          "\"ConditionExpression\":\"attribute_exists(g[1])\"}",
          "Key attributes must be scalars; list random access '[]' and map "
          "lookup '.' are not allowed: IndexKey: g"),
    /* the key, before the engine's validation */
    VALID("DeleteItem",
          "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"a\"}},"
          "\"ConditionExpression\":\"v = :v\"}",
          "The number of conditions on the keys is invalid"),
    VALID("DeleteItem",
          "{\"TableName\":\"tbl\",\"Key\":{" KEY "},"
          "\"ConditionExpression\":\"v = :v\"}",
          "Invalid ConditionExpression: An expression attribute value used in "
          "expression is not defined; attribute value: :v"),
    OK("DeleteItem",
       "{\"TableName\":\"tbl\",\"Key\":{" KEY "},"
       "\"ConditionExpression\":\"v = :v\","
       "\"ExpressionAttributeValues\":{\":v\":{\"N\":\"1.0\"}},"
       "\"ReturnValues\":\"ALL_OLD\"}",
       "{\"Attributes\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},"
       "\"v\":{\"N\":\"1\"},\"g\":{\"S\":\"G\"},"
       "\"gs\":{\"N\":\"2\"}}}"),
    /* no item: the condition sees none, and there is nothing to return */
    FAILED("DeleteItem",
           "{\"TableName\":\"tbl\",\"Key\":{" KEY "},"
           "\"ConditionExpression\":\"attribute_exists(pk)\","
           "\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"}",
           NULL),
    OK("DeleteItem",
       "{\"TableName\":\"tbl\",\"Key\":{" KEY "},"
       "\"ConditionExpression\":\"attribute_not_exists(v)\"}",
       "{}"),
};

static void
conditions(void)
{
    struct sst_emu *emu = open_emu();

    expect_ok(emu, "CreateTable", MAIN_TABLE, NULL);
    run_rows(emu, condition_rows,
             sizeof condition_rows / sizeof condition_rows[0]);
    et_verify(emu);
    sst_emu_close(emu);
}

/* ProjectionExpression on GetItem and BatchGetItem; FilterExpression and
 * ProjectionExpression on Scan. */
static const struct row projection_rows[] = {
    OK("PutItem",
       "{\"TableName\":\"tbl\",\"Item\":{" KEY ",\"m\":{\"M\":{\"x\":"
       "{\"N\":\"1\"},\"y\":{\"S\":\"s\"}}},\"li\":{\"L\":[{\"S\":"
       "\"a\"},{\"S\":\"b\"},{\"S\":\"c\"}]}}}",
       "{}"),
    OK("PutItem",
       "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"a\"},"
       "\"sk\":{\"N\":\"2\"},\"v\":{\"N\":\"5\"},\"g\":{\"S\":\"G\"},"
       "\"gs\":{\"N\":\"1\"}}}",
       "{}"),
    OK("PutItem",
       "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"b\"},"
       "\"sk\":{\"N\":\"1\"},\"v\":{\"N\":\"7\"}}}",
       "{}"),
    OK("GetItem",
       "{\"TableName\":\"tbl\",\"Key\":{" KEY "},"
       "\"ProjectionExpression\":\"m.x, li[2], nope\"}",
       "{\"Item\":{\"m\":{\"M\":{\"x\":{\"N\":\"1\"}}},"
       "\"li\":{\"L\":[{\"S\":\"c\"}]}}}"),
    /* nothing selected: an empty Item; no item: no Item */
    OK("GetItem",
       "{\"TableName\":\"tbl\",\"Key\":{" KEY "},"
       "\"ProjectionExpression\":\"#n\","
       "\"ExpressionAttributeNames\":{\"#n\":\"nope\"}}",
       "{\"Item\":{}}"),
    OK("GetItem",
       "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"z\"},"
       "\"sk\":{\"N\":\"1\"}},\"ProjectionExpression\":\"pk\"}",
       "{}"),
    VALID("GetItem",
          "{\"TableName\":\"tbl\",\"Key\":{" KEY "},"
          "\"ProjectionExpression\":\"#k.x\","
          "\"ExpressionAttributeNames\":{\"#k\":\"sk\"}}",
          "Key attributes must be scalars; list random access '[]' and map "
          "lookup '.' are not allowed: Key: sk"),
    OK("BatchGetItem",
       "{\"RequestItems\":{\"tbl\":{\"Keys\":[{\"pk\":{\"S\":\"a\"},"
       "\"sk\":{\"N\":\"2\"}}],\"ProjectionExpression\":\"sk, #v\","
       "\"ExpressionAttributeNames\":{\"#v\":\"v\"}}}}",
       "{\"Responses\":{\"tbl\":[{\"sk\":{\"N\":\"2\"},"
       "\"v\":{\"N\":\"5\"}}]},\"UnprocessedKeys\":{}}"),
    /* Count counts what passes the filter, ScannedCount every row */
    OK("Scan",
       "{\"TableName\":\"tbl\",\"FilterExpression\":\"v > :n\","
       "\"ProjectionExpression\":\"pk, v\","
       "\"ExpressionAttributeValues\":{\":n\":{\"N\":\"5\"}}}",
       "{\"Items\":[{\"pk\":{\"S\":\"b\"},\"v\":{\"N\":\"7\"}}],"
       "\"Count\":1,\"ScannedCount\":3}"),
    OK("Scan",
       "{\"TableName\":\"tbl\",\"Select\":\"COUNT\","
       "\"FilterExpression\":\"attribute_exists(v)\"}",
       "{\"Count\":2,\"ScannedCount\":3}"),
    /* Limit counts the rows read */
    OK("Scan",
       "{\"TableName\":\"tbl\",\"Limit\":2,\"FilterExpression\":"
       "\"v = :n\",\"ExpressionAttributeValues\":{\":n\":{\"N\":\"7\"}}}",
       "{\"Items\":[],\"Count\":0,\"ScannedCount\":2,"
       "\"LastEvaluatedKey\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"2\"}}}"),
    /* a global index: the projection must be projected, the filter sees
     * what is */
    VALID("Scan",
          "{\"TableName\":\"tbl\",\"IndexName\":\"gkeys\","
          "\"ProjectionExpression\":\"v, pk\"}",
          "One or more parameter values were invalid: Global secondary index "
          "gkeys does not project [v]"),
    OK("Scan",
       "{\"TableName\":\"tbl\",\"IndexName\":\"gkeys\","
       "\"FilterExpression\":\"attribute_exists(v) OR sk = :s\","
       "\"ExpressionAttributeValues\":{\":s\":{\"N\":\"2\"}}}",
       "{\"Items\":[{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"2\"},"
       "\"g\":{\"S\":\"G\"}}],\"Count\":1,\"ScannedCount\":1}"),
    OK("Scan",
       "{\"TableName\":\"tbl\",\"IndexName\":\"gkeys\","
       "\"FilterExpression\":\"attribute_exists(v)\"}",
       "{\"Items\":[],\"Count\":0,\"ScannedCount\":1}"),
    VALID("Scan",
          "{\"TableName\":\"tbl\",\"FilterExpression\":\"pk[0] = :a\","
          "\"ExpressionAttributeValues\":{\":a\":{\"S\":\"a\"}}}",
          "Key attributes must be scalars; list random access '[]' and map "
          "lookup '.' are not allowed: Key: pk"),
};

static void
projections(void)
{
    struct sst_emu *emu = open_emu();

    expect_ok(emu, "CreateTable", MAIN_TABLE, NULL);
    run_rows(emu, projection_rows,
             sizeof projection_rows / sizeof projection_rows[0]);
    et_verify(emu);
    sst_emu_close(emu);
}

/* Query: key conditions, direction, pages, filters, indexes. */
static const struct row query_rows[] = {
    OK("PutItem", "{\"TableName\":\"tbl\","
                  "\"Item\":{\"pk\":{\"S\":\"a\"},"
                  "\"sk\":{\"N\":\"1\"},\"v\":{\"N\":\"10\"}}}", "{}"),
    OK("PutItem", "{\"TableName\":\"tbl\","
                  "\"Item\":{\"pk\":{\"S\":\"a\"},"
                  "\"sk\":{\"N\":\"2\"},\"v\":{\"N\":\"20\"},"
                  "\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"2\"}}}", "{}"),
    OK("PutItem", "{\"TableName\":\"tbl\","
                  "\"Item\":{\"pk\":{\"S\":\"a\"},"
                  "\"sk\":{\"N\":\"3\"},\"v\":{\"N\":\"30\"}}}", "{}"),
    OK("PutItem", "{\"TableName\":\"tbl\","
                  "\"Item\":{\"pk\":{\"S\":\"a\"},"
                  "\"sk\":{\"N\":\"4\"},\"v\":{\"N\":\"40\"},"
                  "\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"4\"}}}", "{}"),
    OK("PutItem", "{\"TableName\":\"tbl\","
                  "\"Item\":{\"pk\":{\"S\":\"a\"},"
                  "\"sk\":{\"N\":\"5\"},\"v\":{\"N\":\"50\"}}}", "{}"),
    OK("PutItem", "{\"TableName\":\"tbl\","
                  "\"Item\":{\"pk\":{\"S\":\"b\"},"
                  "\"sk\":{\"N\":\"1\"},\"v\":{\"N\":\"10\"}}}", "{}"),
    /* the whole partition, in sort-key order */
    OK("Query",
       "{\"TableName\":\"tbl\",\"KeyConditionExpression\":\"pk = :p\","
       "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"}}}",
       "{\"Items\":[{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},"
       "\"v\":{\"N\":\"10\"}},{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"2\"},"
       "\"v\":{\"N\":\"20\"},\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"2\"}},"
       "{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"3\"},\"v\":{\"N\":\"30\"}},"
       "{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"4\"},\"v\":{\"N\":\"40\"},"
       "\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"4\"}},{\"pk\":{\"S\":\"a\"},"
       "\"sk\":{\"N\":\"5\"},\"v\":{\"N\":\"50\"}}],\"Count\":5,"
       "\"ScannedCount\":5}"),
    /* BETWEEN, backward, projected */
    OK("Query",
       "{\"TableName\":\"tbl\",\"KeyConditionExpression\":\"pk = :p AND sk BE"
       "TWEEN :a AND :b\",\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"}"
       ",\":a\":{\"N\":\"2\"},\":b\":{\"N\":\"4\"}},"
       "\"ScanIndexForward\":false,\"ProjectionExpression\":\"sk\"}",
       "{\"Items\":[{\"sk\":{\"N\":\"4\"}},{\"sk\":{\"N\":\"3\"}},"
       "{\"sk\":{\"N\":\"2\"}}],\"Count\":3,\"ScannedCount\":3}"),
    /* Limit: an open range always gives a LastEvaluatedKey */
    OK("Query",
       "{\"TableName\":\"tbl\",\"KeyConditionExpression\":\"pk = :p\","
       "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"}},\"Limit\":2}",
       "{\"Items\":[{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},"
       "\"v\":{\"N\":\"10\"}},{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"2\"},"
       "\"v\":{\"N\":\"20\"},\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"2\"}}],"
       "\"Count\":2,\"ScannedCount\":2,"
       "\"LastEvaluatedKey\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"2\"}}}"),
    OK("Query",
       "{\"TableName\":\"tbl\",\"KeyConditionExpression\":\"pk = :p\","
       "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"}},\"Limit\":3,"
       "\"ExclusiveStartKey\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"2\"}}}",
       "{\"Items\":[{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"3\"},"
       "\"v\":{\"N\":\"30\"}},{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"4\"},"
       "\"v\":{\"N\":\"40\"},\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"4\"}},"
       "{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"5\"},\"v\":{\"N\":\"50\"}}],"
       "\"Count\":3,\"ScannedCount\":3,"
       "\"LastEvaluatedKey\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"5\"}}}"),
    /* a range closed on the side read towards: none at its end */
    OK("Query",
       "{\"TableName\":\"tbl\",\"KeyConditionExpression\":\"pk = :p AND sk <="
       " :s\",\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"},"
       "\":s\":{\"N\":\"2\"}},\"Limit\":2}",
       "{\"Items\":[{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},"
       "\"v\":{\"N\":\"10\"}},{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"2\"},"
       "\"v\":{\"N\":\"20\"},\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"2\"}}],"
       "\"Count\":2,\"ScannedCount\":2}"),
    OK("Query",
       "{\"TableName\":\"tbl\",\"KeyConditionExpression\":\"pk = :p AND sk >="
       " :s\",\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"},"
       "\":s\":{\"N\":\"4\"}},\"Limit\":2,\"ScanIndexForward\":false}",
       "{\"Items\":[{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"5\"},"
       "\"v\":{\"N\":\"50\"}},{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"4\"},"
       "\"v\":{\"N\":\"40\"},\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"4\"}}],"
       "\"Count\":2,\"ScannedCount\":2}"),
    OK("Query",
       "{\"TableName\":\"tbl\",\"KeyConditionExpression\":\"pk = :p AND sk > "
       ":s\",\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"},"
       "\":s\":{\"N\":\"3\"}},\"Limit\":1,\"ScanIndexForward\":false}",
       "{\"Items\":[{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"5\"},"
       "\"v\":{\"N\":\"50\"}}],\"Count\":1,\"ScannedCount\":1,"
       "\"LastEvaluatedKey\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"5\"}}}"),
    OK("Query",
       "{\"TableName\":\"tbl\",\"KeyConditionExpression\":\"pk = :p\","
       "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"}},"
       "\"ScanIndexForward\":false,"
       "\"ExclusiveStartKey\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"3\"}}}",
       "{\"Items\":[{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"2\"},"
       "\"v\":{\"N\":\"20\"},\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"2\"}},"
       "{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},\"v\":{\"N\":\"10\"}}],"
       "\"Count\":2,\"ScannedCount\":2}"),
    /* forward from the range's lower bound, to its end */
    OK("Query",
       "{\"TableName\":\"tbl\",\"KeyConditionExpression\":\"pk = :p AND sk > :"
       "s\","
       "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"},"
       "\":s\":{\"N\":\"3\"}}}",
       "{\"Items\":[{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"4\"},"
       "\"v\":{\"N\":\"40\"},\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"4\"}},"
       "{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"5\"},\"v\":{\"N\":\"50\"}}],"
       "\"Count\":2,\"ScannedCount\":2}"),
    OK("Query",
       "{\"TableName\":\"tbl\",\"KeyConditionExpression\":\"pk = :p AND sk BET"
       "WEEN :a AND :b\","
       "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"},"
       "\":a\":{\"N\":\"2\"},\":b\":{\"N\":\"3\"}}}",
       "{\"Items\":[{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"2\"},"
       "\"v\":{\"N\":\"20\"},\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"2\"}},"
       "{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"3\"},\"v\":{\"N\":\"30\"}}],"
       "\"Count\":2,\"ScannedCount\":2}"),
    OK("Query",
       "{\"TableName\":\"tbl\",\"KeyConditionExpression\":\"pk = :p AND sk = :"
       "s\","
       "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"},"
       "\":s\":{\"N\":\"4\"}}}",
       "{\"Items\":[{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"4\"},"
       "\"v\":{\"N\":\"40\"},\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"4\"}}],"
       "\"Count\":1,\"ScannedCount\":1}"),
    OK("Query",
       "{\"TableName\":\"tbl\",\"KeyConditionExpression\":\"pk = :p AND sk < :"
       "s\","
       "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"},"
       "\":s\":{\"N\":\"3\"}}}",
       "{\"Items\":[{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},"
       "\"v\":{\"N\":\"10\"}},{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"2\"},"
       "\"v\":{\"N\":\"20\"},\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"2\"}}],"
       "\"Count\":2,\"ScannedCount\":2}"),
    /* the filter: Count counts what passes, ScannedCount all read */
    OK("Query",
       "{\"TableName\":\"tbl\",\"KeyConditionExpression\":\"pk = :p\","
       "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"},"
       "\":n\":{\"N\":\"25\"}},\"Select\":\"COUNT\","
       "\"FilterExpression\":\"v > :n\"}",
       "{\"Count\":3,\"ScannedCount\":5}"),
    /* a global index: its own key order, its keys in LastEvaluatedKey */
    OK("Query",
       "{\"TableName\":\"tbl\",\"IndexName\":\"gall\","
       "\"KeyConditionExpression\":\"g = :g\","
       "\"ExpressionAttributeValues\":{\":g\":{\"S\":\"G\"}}}",
       "{\"Items\":[{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"2\"},"
       "\"v\":{\"N\":\"20\"},\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"2\"}},"
       "{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"4\"},\"v\":{\"N\":\"40\"},"
       "\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"4\"}}],\"Count\":2,"
       "\"ScannedCount\":2}"),
    OK("Query",
       "{\"TableName\":\"tbl\",\"IndexName\":\"gall\","
       "\"KeyConditionExpression\":\"g = :g\","
       "\"ExpressionAttributeValues\":{\":g\":{\"S\":\"G\"}},\"Limit\":1}",
       "{\"Items\":[{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"2\"},"
       "\"v\":{\"N\":\"20\"},\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"2\"}}],"
       "\"Count\":1,\"ScannedCount\":1,"
       "\"LastEvaluatedKey\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"2\"},"
       "\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"2\"}}}"),
    OK("Query",
       "{\"TableName\":\"tbl\",\"IndexName\":\"gall\","
       "\"KeyConditionExpression\":\"g = :g\","
       "\"ExpressionAttributeValues\":{\":g\":{\"S\":\"G\"}},"
       "\"ExclusiveStartKey\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"2\"},"
       "\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"2\"}}}",
       "{\"Items\":[{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"4\"},"
       "\"v\":{\"N\":\"40\"},\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"4\"}}],"
       "\"Count\":1,\"ScannedCount\":1}"),
    VALID("Query", "{\"TableName\":\"tbl\",\"IndexName\":\"gall\","
                   "\"KeyConditionExpression\":\"g = :g\","
                   "\"ExpressionAttributeValues\":{\":g\":{\"S\":\"G\"}},"
                   "\"ConsistentRead\":true}",
          "Consistent reads are not supported on global secondary indexes"),
    VALID("Query",
          "{\"TableName\":\"tbl\",\"KeyConditionExpression\":\"pk = :p\","
          "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"}},"
          "\"ExclusiveStartKey\":{\"pk\":{\"S\":\"b\"},\"sk\":{\"N\":\"2\"}}}",
          "The provided starting key does not match the range key predicate"),
    VALID("Query", "{\"TableName\":\"tbl\"}",
          "Either the KeyConditions or KeyConditionExpression parameter "
          "must be specified in the request."),
    VALID("Query", "{\"TableName\":\"tbl\","
                   "\"KeyConditionExpression\":\"pk = :p\","
                   "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"},"
                   "\":n\":{\"N\":\"1\"}},\"FilterExpression\":\"sk > :n\"}",
          "Filter Expression can only contain non-primary key attributes: "
          "Primary key attribute: sk"),
    VALID("Query", "{\"TableName\":\"tbl\","
                   "\"KeyConditionExpression\":\"sk = :p\","
                   "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"}}}",
          "Query condition missed key schema element"),
};

static void
queries(void)
{
    struct sst_emu *emu = open_emu();

    expect_ok(emu, "CreateTable", MAIN_TABLE, NULL);
    run_rows(emu, query_rows, sizeof query_rows / sizeof query_rows[0]);
    et_verify(emu);
    sst_emu_close(emu);
}

/* UpdateItem: UpdateExpression, ConditionExpression, ReturnValues, index
 * maintenance. */
static const struct row update_rows[] = {
    /* a new item, from its key */
    OK("UpdateItem",
       "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"a\"},"
       "\"sk\":{\"N\":\"1\"}},\"UpdateExpression\":\"SET v = :one ADD c :one"
       "\",\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"}},"
       "\"ReturnValues\":\"ALL_NEW\"}",
       "{\"Attributes\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},"
       "\"v\":{\"N\":\"1\"},\"c\":{\"N\":\"1\"}}}"),
    OK("UpdateItem",
       "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"a\"},"
       "\"sk\":{\"N\":\"1\"}},\"UpdateExpression\":\"SET v = v + :one\","
       "\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"}},"
       "\"ReturnValues\":\"UPDATED_OLD\"}",
       "{\"Attributes\":{\"v\":{\"N\":\"1\"}}}"),
    OK("UpdateItem",
       "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"a\"},"
       "\"sk\":{\"N\":\"1\"}},\"UpdateExpression\":\"REMOVE c SET w = :one\","
       "\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"}},"
       "\"ReturnValues\":\"UPDATED_NEW\"}",
       "{\"Attributes\":{\"w\":{\"N\":\"1\"}}}"),
    /* the condition, with the old item on failure */
    FAILED("UpdateItem",
           "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"a\"},"
           "\"sk\":{\"N\":\"1\"}},\"UpdateExpression\":\"SET w = :one\","
           "\"ConditionExpression\":\"v = :one\","
           "\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"}},"
           "\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"}",
           "{\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},"
           "\"v\":{\"N\":\"2\"},\"w\":{\"N\":\"1\"}}}"),
    OK("UpdateItem",
       "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"a\"},"
       "\"sk\":{\"N\":\"1\"}},\"UpdateExpression\":\"SET w = w + :one\","
       "\"ConditionExpression\":\"v > :one\","
       "\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"}},"
       "\"ReturnValues\":\"ALL_OLD\"}",
       "{\"Attributes\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},"
       "\"v\":{\"N\":\"2\"},\"w\":{\"N\":\"1\"}}}"),
    /* key attributes cannot change */
    VALID("UpdateItem",
          "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"a\"},"
          "\"sk\":{\"N\":\"1\"}},\"UpdateExpression\":\"SET #k = :s\","
          "\"ExpressionAttributeNames\":{\"#k\":\"sk\"},"
          "\"ExpressionAttributeValues\":{\":s\":{\"N\":\"3\"}}}",
          "One or more parameter values were invalid: Cannot update attribut"
          "e sk. This attribute is part of the key"),
    /* runtime errors */
    VALID("UpdateItem",
          "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"a\"},"
          "\"sk\":{\"N\":\"1\"}},\"UpdateExpression\":\"SET w = pk + :one\","
          "\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"}}}",
          "An operand in the update expression has an incorrect data type"),
    /* an index key attribute of the wrong type */
    VALID("UpdateItem",
          "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"a\"},"
          "\"sk\":{\"N\":\"1\"}},\"UpdateExpression\":\"SET g = :one\","
          "\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"}}}",
          "One or more parameter values were invalid: Type mismatch for Inde"
          "x Key"),
    /* index rows follow the update */
    OK("UpdateItem",
       "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"a\"},"
       "\"sk\":{\"N\":\"1\"}},\"UpdateExpression\":\"SET g = :g, gs = :one\","
       "\"ExpressionAttributeValues\":{\":g\":{\"S\":\"G\"},"
       "\":one\":{\"N\":\"1\"}}}",
       "{}"),
    OK("Query",
       "{\"TableName\":\"tbl\",\"IndexName\":\"gkeys\","
       "\"KeyConditionExpression\":\"g = :g\","
       "\"ExpressionAttributeValues\":{\":g\":{\"S\":\"G\"}}}",
       "{\"Items\":[{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},"
       "\"g\":{\"S\":\"G\"}}],\"Count\":1,\"ScannedCount\":1}"),
    OK("UpdateItem",
       "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"a\"},"
       "\"sk\":{\"N\":\"1\"}},\"UpdateExpression\":\"REMOVE g\","
       "\"ReturnValues\":\"UPDATED_OLD\"}",
       "{\"Attributes\":{\"g\":{\"S\":\"G\"}}}"),
    OK("Query",
       "{\"TableName\":\"tbl\",\"IndexName\":\"gkeys\","
       "\"KeyConditionExpression\":\"g = :g\","
       "\"ExpressionAttributeValues\":{\":g\":{\"S\":\"G\"}}}",
       "{\"Items\":[],\"Count\":0,\"ScannedCount\":0}"),
    /* no UpdateExpression: a missing item is created from its key */
    OK("UpdateItem",
       "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"b\"},"
       "\"sk\":{\"N\":\"9\"}},\"ReturnValues\":\"ALL_NEW\"}",
       "{\"Attributes\":{\"pk\":{\"S\":\"b\"},\"sk\":{\"N\":\"9\"}}}"),
    OK("GetItem",
       "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"b\"},"
       "\"sk\":{\"N\":\"9\"}}}",
       "{\"Item\":{\"pk\":{\"S\":\"b\"},\"sk\":{\"N\":\"9\"}}}"),
};

static void
updates(void)
{
    struct sst_emu *emu = open_emu();

    expect_ok(emu, "CreateTable", MAIN_TABLE, NULL);
    run_rows(emu, update_rows, sizeof update_rows / sizeof update_rows[0]);
    et_verify(emu);
    sst_emu_close(emu);
}

static void
items_exact(void)
{
    struct sst_emu *emu = open_emu();

    expect_ok(emu, "CreateTable", MAIN_TABLE, NULL);
    run_rows(emu, item_rows, sizeof item_rows / sizeof item_rows[0]);
    et_verify(emu);
    sst_emu_close(emu);
}

#define COLL_TABLE                                                             \
    "{\"TableName\":\"coll\",\"BillingMode\":\"PAY_PER_REQUEST\","           \
    "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"        \
    "{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}],"                     \
    "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":" \
    "\"S\"},{\"AttributeName\":\"sk\",\"AttributeType\":\"N\"},"             \
    "{\"AttributeName\":\"l\",\"AttributeType\":\"S\"}],"                    \
    "\"LocalSecondaryIndexes\":[{\"IndexName\":\"lsiall\",\"KeySchema\":["   \
    "{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},{\"AttributeName\":"    \
    "\"l\",\"KeyType\":\"RANGE\"}],\"Projection\":{\"ProjectionType\":"      \
    "\"ALL\"}}]}"

static const struct row collection_rows[] = {
    OK("PutItem",
       "{\"TableName\":\"coll\",\"Item\":{" KEY ",\"l\":{\"S\":\"x\"}},"
       "\"ReturnItemCollectionMetrics\":\"SIZE\"}",
       "{\"ItemCollectionMetrics\":{\"ItemCollectionKey\":{\"pk\":{\"S\":"
       "\"a\"}},\"SizeEstimateRangeGB\":[0.0,1.0]}}"),
    OK("BatchWriteItem",
       "{\"RequestItems\":{\"coll\":[{\"DeleteRequest\":{\"Key\":{" KEY
       "}}},{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"b\"},\"sk\":{\"N\":"
       "\"2\"}}}}]},\"ReturnItemCollectionMetrics\":\"SIZE\"}",
       "{\"UnprocessedItems\":{},\"ItemCollectionMetrics\":{\"coll\":["
       "{\"ItemCollectionKey\":{\"pk\":{\"S\":\"a\"}},"
       "\"SizeEstimateRangeGB\":[0.0,1.0]},"
       "{\"ItemCollectionKey\":{\"pk\":{\"S\":\"b\"}},"
       "\"SizeEstimateRangeGB\":[0.0,1.0]}]}}"),
    OK("DeleteItem",
       "{\"TableName\":\"coll\",\"Key\":{\"pk\":{\"S\":\"b\"},\"sk\":{\"N\":"
       "\"2\"}},\"ReturnItemCollectionMetrics\":\"NONE\"}",
       "{}"),
};

static void
item_collections(void)
{
    struct sst_emu *emu = open_emu();

    expect_ok(emu, "CreateTable", COLL_TABLE, NULL);
    run_rows(emu, collection_rows,
             sizeof collection_rows / sizeof collection_rows[0]);
    sst_emu_close(emu);
}

/* ------------------------------------------------------------------ */
/* keys the store keeps long                                           */

/* Keys longer than the store's inline limit (480 bytes), sharing their
 * first 480 bytes: Put, Get, Scan in order, Delete. */
static void
long_keys(void)
{
    struct sst_emu *emu = open_emu();
    struct json_object *resp, *items;
    char *req = malloc(8192), *pk = malloc(2100);
    struct sst_err e;
    size_t i;

    expect_ok(emu, "CreateTable", MAIN_TABLE, NULL);
    memset(pk, 'p', 2048);
    for (i = 0; i < 6; i++) {
        pk[2047] = (char)('f' - i); /* inserted in reverse order */
        pk[2048] = '\0';
        snprintf(req, 8192,
                 "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"%s\"},"
                 "\"sk\":{\"N\":\"%zu\"},\"g\":{\"S\":\"%.1500s\"}}}",
                 pk, i, pk);
        expect_ok(emu, "PutItem", req, "{}");
    }
    CU_ASSERT_EQUAL(call(emu, "Scan", "{\"TableName\":\"tbl\"}", &resp, &e),
                    SST_OK);
    items = json_object_object_get(resp, "Items");
    CU_ASSERT_EQUAL(json_object_array_length(items), 6);
    for (i = 0; i < 6; i++) {
        struct json_object *it = json_object_array_get_idx(items, i);
        const char *s = json_object_get_string(json_object_object_get(
            json_object_object_get(it, "pk"), "S"));
        CU_ASSERT_EQUAL(s[2047], (char)('a' + i)); /* key order */
    }
    json_object_put(resp);
    pk[2047] = 'c';
    snprintf(req, 8192,
             "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"%s\"},"
             "\"sk\":{\"N\":\"3\"}},\"ReturnValues\":\"ALL_OLD\"}",
             pk);
    CU_ASSERT_EQUAL(call(emu, "DeleteItem", req, &resp, &e), SST_OK);
    CU_ASSERT_TRUE(json_object_object_get_ex(resp, "Attributes", NULL));
    json_object_put(resp);
    et_verify(emu);
    free(req);
    free(pk);
    sst_emu_close(emu);
}

/* ------------------------------------------------------------------ */
/* Scan: segments and pages                                            */

static size_t
scan_count(struct sst_emu *emu, const char *req, struct json_object **last)
{
    struct json_object *resp = NULL, *lek;
    struct sst_err e;
    size_t n = 0;

    if (call(emu, "Scan", req, &resp, &e) != SST_OK)
        fprintf(stderr, "\n  %s: %s\n", req, e.message);
    n = (size_t)json_object_get_int64(json_object_object_get(resp, "Count"));
    if (last != NULL) {
        *last = json_object_object_get_ex(resp, "LastEvaluatedKey", &lek)
                    ? json_object_get(lek)
                    : NULL;
    }
    json_object_put(resp);
    return n;
}

static void
scan_segments_and_pages(void)
{
    struct sst_emu *emu = open_emu();
    struct json_object *lek = NULL;
    char req[512];
    size_t i, total = 0, n, pages = 0;

    expect_ok(emu, "CreateTable", MAIN_TABLE, NULL);
    for (i = 0; i < 200; i++) {
        snprintf(req, sizeof req,
                 "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"p%zu\"},"
                 "\"sk\":{\"N\":\"%zu\"}}}",
                 i % 37, i);
        expect_ok(emu, "PutItem", req, "{}");
    }
    /* Four segments: disjoint, together everything, a partition in one. */
    for (i = 0; i < 4; i++) {
        snprintf(req, sizeof req,
                 "{\"TableName\":\"tbl\",\"Segment\":%zu,\"TotalSegments\":4,"
                 "\"Select\":\"COUNT\"}",
                 i);
        n = scan_count(emu, req, NULL);
        CU_ASSERT_TRUE(n > 0 && n < 200);
        total += n;
    }
    CU_ASSERT_EQUAL(total, 200);
    /* Pages of 7 in one segment, resumed from LastEvaluatedKey. */
    total = 0;
    do {
        if (lek == NULL)
            snprintf(req, sizeof req,
                     "{\"TableName\":\"tbl\",\"Segment\":1,"
                     "\"TotalSegments\":4,\"Limit\":7}");
        else
            snprintf(req, sizeof req,
                     "{\"TableName\":\"tbl\",\"Segment\":1,"
                     "\"TotalSegments\":4,\"Limit\":7,"
                     "\"ExclusiveStartKey\":%s}",
                     et_text(lek));
        json_object_put(lek);
        total += scan_count(emu, req, &lek);
        pages++;
    } while (lek != NULL);
    snprintf(req, sizeof req,
             "{\"TableName\":\"tbl\",\"Segment\":1,\"TotalSegments\":4,"
             "\"Select\":\"COUNT\"}");
    CU_ASSERT_EQUAL(total, scan_count(emu, req, NULL));
    CU_ASSERT_TRUE(pages >= total / 7);
    sst_emu_close(emu);
}

/* The 1 MB page: rows are added until their sizes reach 1 MB. */
static void
scan_one_megabyte(void)
{
    struct sst_emu *emu = open_emu();
    struct json_object *lek = NULL;
    char *req = malloc(300000);
    size_t i;

    expect_ok(emu, "CreateTable", MAIN_TABLE, NULL);
    for (i = 0; i < 5; i++) {
        int n = snprintf(req, 300000,
                         "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":"
                         "\"p\"},\"sk\":{\"N\":\"%zu\"},\"x\":{\"S\":\"",
                         i);
        /* 262144 bytes each: pk 3, sk 3, x 1 + 262137 */
        memset(req + n, 'x', 262137);
        snprintf(req + n + 262137, 100, "\"}}}");
        expect_ok(emu, "PutItem", req, "{}");
    }
    CU_ASSERT_EQUAL(scan_count(emu, "{\"TableName\":\"tbl\",\"Select\":"
                                    "\"COUNT\"}",
                               &lek),
                    4);
    CU_ASSERT_PTR_NOT_NULL(lek);
    CU_ASSERT_STRING_EQUAL(et_text(lek),
                           "{\"pk\":{\"S\":\"p\"},\"sk\":{\"N\":\"3\"}}");
    json_object_put(lek);
    free(req);
    sst_emu_close(emu);
}

/* BatchGetItem: keys past 16 MB of items come back unprocessed, in
 * request order. */
static void
batch_get_sixteen_megabytes(void)
{
    struct sst_emu *emu = open_emu();
    struct json_object *resp = NULL, *keys;
    char *req = malloc(420000);
    struct sst_err e;
    size_t i, used;

    expect_ok(emu, "CreateTable", MAIN_TABLE, NULL);
    for (i = 0; i < 42; i++) {
        int n = snprintf(req, 420000,
                         "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":"
                         "\"p\"},\"sk\":{\"N\":\"%zu\"},\"x\":{\"S\":\"",
                         i);
        memset(req + n, 'x', 399990);
        snprintf(req + n + 399990, 100, "\"}}}");
        expect_ok(emu, "PutItem", req, "{}");
    }
    used = (size_t)snprintf(req, 420000,
                            "{\"ReturnConsumedCapacity\":\"TOTAL\","
                            "\"RequestItems\":{\"tbl\":{\"ConsistentRead\":"
                            "true,\"Keys\":[");
    for (i = 0; i < 42; i++)
        used += (size_t)snprintf(req + used, 420000 - used,
                                 "%s{\"pk\":{\"S\":\"p\"},\"sk\":{\"N\":"
                                 "\"%zu\"}}",
                                 i ? "," : "", i);
    snprintf(req + used, 420000 - used, "]}}}");
    CU_ASSERT_EQUAL_FATAL(call(emu, "BatchGetItem", req, &resp, &e), SST_OK);
    /* Items of 399,996 bytes: 41 fit in 16 MB. */
    CU_ASSERT_EQUAL(json_object_array_length(json_object_object_get(
                        json_object_object_get(resp, "Responses"), "tbl")),
                    41);
    keys = json_object_object_get(
        json_object_object_get(json_object_object_get(resp, "UnprocessedKeys"),
                               "tbl"),
        "Keys");
    CU_ASSERT_EQUAL(json_object_array_length(keys), 1);
    CU_ASSERT_STRING_EQUAL(et_text(json_object_array_get_idx(keys, 0)),
                           "{\"pk\":{\"S\":\"p\"},\"sk\":{\"N\":\"41\"}}");
    CU_ASSERT_STRING_EQUAL(
        et_text(json_object_object_get(
            json_object_object_get(json_object_object_get(resp,
                                                          "UnprocessedKeys"),
                                   "tbl"),
            "ConsistentRead")),
        "true");
    /* 41 items of 98 x 4 KB, strongly consistent. */
    CU_ASSERT_EQUAL(json_object_get_double(json_object_object_get(
                        json_object_array_get_idx(
                            json_object_object_get(resp, "ConsumedCapacity"),
                            0),
                        "CapacityUnits")),
                    41.0 * 98);
    json_object_put(resp);
    free(req);
    sst_emu_close(emu);
}


/* ------------------------------------------------------------------ */
/* index maintenance against a model                                   */

#define MODEL_KEYS 30 /* 3 partitions x 10 sort keys */

static uint64_t model_rng = 0x2545F4914F6CDD1DULL;

static uint32_t
mrnd(uint32_t n)
{
    model_rng ^= model_rng << 13;
    model_rng ^= model_rng >> 7;
    model_rng ^= model_rng << 17;
    return (uint32_t)(model_rng % n);
}

/* A random item for key k, as JSON text. */
static void
random_item_text(size_t k, char *buf, size_t n)
{
    size_t used;

    used = (size_t)snprintf(buf, n, "{\"pk\":{\"S\":\"p%zu\"},\"sk\":{\"N\":"
                                    "\"%zu\"}",
                            k / 10, k % 10);
    if (mrnd(3))
        used += (size_t)snprintf(buf + used, n - used,
                                 ",\"g\":{\"S\":\"G%u\"}", mrnd(2));
    if (mrnd(3))
        used += (size_t)snprintf(buf + used, n - used,
                                 ",\"gs\":{\"N\":\"%u.5\"}", mrnd(3));
    if (mrnd(2))
        used += (size_t)snprintf(buf + used, n - used,
                                 ",\"l\":{\"B\":\"%s\"}",
                                 mrnd(2) ? "AQ==" : "Ag==");
    if (mrnd(2))
        used += (size_t)snprintf(buf + used, n - used,
                                 ",\"x\":{\"S\":\"x%u\"}", mrnd(4));
    if (mrnd(2))
        used += (size_t)snprintf(buf + used, n - used,
                                 ",\"y\":{\"N\":\"%u\"}", mrnd(4));
    if (mrnd(2))
        used += (size_t)snprintf(buf + used, n - used,
                                 ",\"z\":{\"SS\":[\"z%u\"]}", mrnd(4));
    snprintf(buf + used, n - used, "}");
}

/* The projection of a model item into an index, or NULL when it has no
 * row there. */
static struct json_object *
model_project(struct json_object *item, const char *index)
{
    static const char *const keys_only[] = {"pk", "sk", "g", NULL};
    static const char *const include[] = {"pk", "sk", "gs", "x", "y", NULL};
    static const char *const lsi[] = {"pk", "sk", "l", NULL};
    const char *const *names;
    struct json_object *out, *v;
    size_t i;

    if (strcmp(index, "gall") == 0)
        return json_object_object_get_ex(item, "g", NULL) &&
                       json_object_object_get_ex(item, "gs", NULL)
                   ? json_object_get(item)
                   : NULL;
    names = strcmp(index, "gkeys") == 0  ? keys_only
            : strcmp(index, "ginc") == 0 ? include
                                         : lsi;
    if (!json_object_object_get_ex(item, names[2], NULL))
        return NULL;
    out = json_object_new_object();
    for (i = 0; names[i] != NULL; i++)
        if (json_object_object_get_ex(item, names[i], &v))
            json_object_object_add(out, names[i], json_object_get(v));
    return out;
}

/* The index's rows, through Scan, equal the model's projections. */
static void
check_index(struct sst_emu *emu, struct json_object **model,
            const char *index)
{
    struct json_object *resp = NULL, *items, *want;
    struct sst_err e;
    char req[128];
    size_t i, j, expected = 0, n;
    bool *seen;

    snprintf(req, sizeof req, "{\"TableName\":\"tbl\",\"IndexName\":\"%s\"}",
             index);
    CU_ASSERT_EQUAL_FATAL(call(emu, "Scan", req, &resp, &e), SST_OK);
    items = json_object_object_get(resp, "Items");
    n = json_object_array_length(items);
    seen = calloc(n + 1, sizeof *seen);
    for (i = 0; i < MODEL_KEYS; i++) {
        want = model[i] ? model_project(model[i], index) : NULL;
        if (want == NULL)
            continue;
        expected++;
        for (j = 0; j < n; j++)
            if (!seen[j] &&
                json_object_equal(json_object_array_get_idx(items, j), want))
                break;
        if (j == n)
            fprintf(stderr, "\n  %s lacks %s\n", index, et_text(want));
        CU_ASSERT_TRUE(j < n);
        if (j < n)
            seen[j] = true;
        json_object_put(want);
    }
    CU_ASSERT_EQUAL(n, expected);
    free(seen);
    json_object_put(resp);
}

static void
indexes_follow_random_writes(void)
{
    static const char *const indexes[] = {"gall", "gkeys", "ginc", "lsi"};
    struct json_object *model[MODEL_KEYS] = {NULL};
    struct sst_emu *emu = open_emu();
    char item[512], req[4096];
    size_t op, k, i, m, used;

    expect_ok(emu, "CreateTable", MAIN_TABLE, NULL);
    for (op = 1; op <= 600; op++) {
        k = mrnd(MODEL_KEYS);
        switch (mrnd(4)) {
        case 0: /* delete */
            snprintf(req, sizeof req,
                     "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"p%zu\"},"
                     "\"sk\":{\"N\":\"%zu\"}}}",
                     k / 10, k % 10);
            expect_ok(emu, "DeleteItem", req, "{}");
            json_object_put(model[k]);
            model[k] = NULL;
            break;
        case 1: /* a batch over distinct keys */
            used = (size_t)snprintf(req, sizeof req,
                                    "{\"RequestItems\":{\"tbl\":[");
            for (i = 0, m = 1 + mrnd(4); i < m; i++) {
                size_t kk = (k + i * 7) % MODEL_KEYS;
                random_item_text(kk, item, sizeof item);
                used += (size_t)snprintf(req + used, sizeof req - used,
                                         "%s{\"PutRequest\":{\"Item\":%s}}",
                                         i ? "," : "", item);
                json_object_put(model[kk]);
                model[kk] = et_parse(item);
            }
            snprintf(req + used, sizeof req - used, "]}}");
            expect_ok(emu, "BatchWriteItem", req, "{\"UnprocessedItems\":{}}");
            break;
        default: /* put */
            random_item_text(k, item, sizeof item);
            snprintf(req, sizeof req, "{\"TableName\":\"tbl\",\"Item\":%s}",
                     item);
            expect_ok(emu, "PutItem", req, "{}");
            json_object_put(model[k]);
            model[k] = et_parse(item);
            break;
        }
        if (op % 50 == 0) {
            et_verify(emu);
            for (i = 0; i < 4; i++)
                check_index(emu, model, indexes[i]);
        }
    }
    for (k = 0; k < MODEL_KEYS; k++)
        json_object_put(model[k]);
    sst_emu_close(emu);
}

/* ------------------------------------------------------------------ */
/* UpdateTable                                                         */

#define SMALL_TABLE                                                            \
    "{\"TableName\":\"tbl\",\"BillingMode\":\"PAY_PER_REQUEST\","            \
    "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],"       \
    "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":" \
    "\"S\"}]}"

static int64_t
index_count(struct sst_emu *emu, const char *index)
{
    struct json_object *resp = NULL, *arr, *e;
    struct sst_err err;
    int64_t n = -1;
    size_t i;

    CU_ASSERT_EQUAL(call(emu, "DescribeTable", "{\"TableName\":\"tbl\"}",
                         &resp, &err),
                    SST_OK);
    arr = json_object_object_get(json_object_object_get(resp, "Table"),
                                 "GlobalSecondaryIndexes");
    for (i = 0; arr != NULL && i < json_object_array_length(arr); i++) {
        e = json_object_array_get_idx(arr, i);
        if (strcmp(json_object_get_string(json_object_object_get(e,
                                                                 "IndexName")),
                   index) == 0)
            n = json_object_get_int64(json_object_object_get(e, "ItemCount"));
    }
    json_object_put(resp);
    return n;
}

static void
update_table_backfills(void)
{
    struct sst_emu *emu = open_emu();
    char req[256];
    size_t i;

    expect_ok(emu, "CreateTable", SMALL_TABLE, NULL);
    for (i = 0; i < 300; i++) {
        /* h: a string for most items, a number (an index key violation
         * once the index exists), or absent (sparse) */
        snprintf(req, sizeof req,
                 "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"k%zu\"}%s%zu"
                 "%s}}",
                 i,
                 i % 10 == 0   ? ",\"h\":{\"N\":\""
                 : i % 10 == 1 ? ",\"q\":{\"S\":\""
                               : ",\"h\":{\"S\":\"h",
                 i % 7, "\"}");
        expect_ok(emu, "PutItem", req, "{}");
    }
    expect_ok(emu, "UpdateTable",
              "{\"TableName\":\"tbl\",\"AttributeDefinitions\":[{"
              "\"AttributeName\":\"h\",\"AttributeType\":\"S\"}],"
              "\"GlobalSecondaryIndexUpdates\":[{\"Create\":{\"IndexName\":"
              "\"byh\",\"KeySchema\":[{\"AttributeName\":\"h\",\"KeyType\":"
              "\"HASH\"}],\"Projection\":{\"ProjectionType\":\"KEYS_ONLY\"}}}]}",
              NULL);
    CU_ASSERT_EQUAL(index_count(emu, "byh"), 240);
    CU_ASSERT_EQUAL(scan_count(emu, "{\"TableName\":\"tbl\",\"IndexName\":"
                                    "\"byh\",\"Select\":\"COUNT\"}",
                               NULL),
                    240);
    et_verify(emu);
    /* From now on the index's key rules hold for writes... */
    expect_error(emu, "PutItem",
                 "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"n\"},"
                 "\"h\":{\"N\":\"1\"}}}",
                 SST_E_VALIDATION, "ValidationException",
                 "One or more parameter values were invalid: Type mismatch "
                 "for Index Key");
    /* ...and a violating item may still be replaced or deleted. */
    expect_ok(emu, "PutItem",
              "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"k10\"},"
              "\"h\":{\"S\":\"now\"}}}",
              "{}");
    expect_ok(emu, "DeleteItem",
              "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"k20\"}}}", "{}");
    CU_ASSERT_EQUAL(index_count(emu, "byh"), 241);
    et_verify(emu);
    expect_ok(emu, "UpdateTable",
              "{\"TableName\":\"tbl\",\"GlobalSecondaryIndexUpdates\":[{"
              "\"Delete\":{\"IndexName\":\"byh\"}}]}",
              NULL);
    CU_ASSERT_EQUAL(index_count(emu, "byh"), -1);
    expect_error(emu, "Scan", "{\"TableName\":\"tbl\",\"IndexName\":\"byh\"}",
                 SST_E_VALIDATION, "ValidationException",
                 "The table does not have the specified index: byh");
    /* h is no key any more: any type goes. */
    expect_ok(emu, "PutItem",
              "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"n\"},"
              "\"h\":{\"N\":\"1\"}}}",
              "{}");
    CU_ASSERT_EQUAL(scan_count(emu, "{\"TableName\":\"tbl\",\"Select\":"
                                    "\"COUNT\"}",
                               NULL),
                    300);
    et_verify(emu);
    sst_emu_close(emu);
}

/* ------------------------------------------------------------------ */
/* TTL                                                                 */

#define TTL_ITEM(pk, exp)                                                      \
    "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"" pk "\"},"            \
    "\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"1\"},\"sk\":{\"N\":\"1\"}" exp "}}"

static void
get_found(struct sst_emu *emu, const char *pk, bool want)
{
    struct json_object *resp = NULL;
    struct sst_err e;
    char req[160];

    snprintf(req, sizeof req,
             "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"%s\"},"
             "\"sk\":{\"N\":\"1\"}}}",
             pk);
    CU_ASSERT_EQUAL(call(emu, "GetItem", req, &resp, &e), SST_OK);
    if (json_object_object_get_ex(resp, "Item", NULL) != want)
        fprintf(stderr, "\n  %s: want %s\n", pk, want ? "found" : "gone");
    CU_ASSERT_EQUAL(json_object_object_get_ex(resp, "Item", NULL), want);
    json_object_put(resp);
}

static void
ttl_sweeps_by_the_clock(void)
{
    struct sst_emu *emu = open_emu(); /* the clock is fixed at T0 */
    uint64_t removed = 99;
    struct sst_err e;

    expect_ok(emu, "CreateTable", MAIN_TABLE, NULL);
    /* T0 is 1795633912.989 s */
    expect_ok(emu, "PutItem", TTL_ITEM("past", ",\"exp\":{\"N\":\"1795633000\"}"),
              "{}");
    expect_ok(emu, "PutItem",
              TTL_ITEM("just", ",\"exp\":{\"N\":\"1795633912.988\"}"), "{}");
    expect_ok(emu, "PutItem",
              TTL_ITEM("now", ",\"exp\":{\"N\":\"1795633912.989\"}"), "{}");
    expect_ok(emu, "PutItem",
              TTL_ITEM("future", ",\"exp\":{\"N\":\"1795634000\"}"), "{}");
    expect_ok(emu, "PutItem", TTL_ITEM("string", ",\"exp\":{\"S\":\"1\"}"),
              "{}");
    expect_ok(emu, "PutItem",
              TTL_ITEM("ancient", ",\"exp\":{\"N\":\"1000000000\"}"), "{}");
    expect_ok(emu, "PutItem",
              TTL_ITEM("nested", ",\"m\":{\"M\":{\"exp\":{\"N\":\"1\"}}}"),
              "{}");
    expect_ok(emu, "PutItem", TTL_ITEM("none", ""), "{}");
    /* Nothing is swept while TTL is off. */
    CU_ASSERT_EQUAL(sst_emu_sweep_ttl(emu, &removed, &e), SST_OK);
    CU_ASSERT_EQUAL(removed, 0);
    expect_ok(emu, "UpdateTimeToLive",
              "{\"TableName\":\"tbl\",\"TimeToLiveSpecification\":{"
              "\"Enabled\":true,\"AttributeName\":\"exp\"}}",
              NULL);
    /* Expired items are read until a sweep removes them. */
    get_found(emu, "past", true);
    CU_ASSERT_EQUAL(sst_emu_sweep_ttl(emu, &removed, &e), SST_OK);
    CU_ASSERT_EQUAL(removed, 2);
    get_found(emu, "past", false);
    get_found(emu, "just", false);
    get_found(emu, "now", true);
    get_found(emu, "future", true);
    get_found(emu, "string", true);
    get_found(emu, "ancient", true); /* more than five years: ignored */
    get_found(emu, "nested", true);
    get_found(emu, "none", true);
    CU_ASSERT_EQUAL(index_count(emu, "gall"), 6);
    et_verify(emu);
    /* The clock moves: the next sweep takes the next items. */
    sst_emu_advance_clock(emu, 1);
    CU_ASSERT_EQUAL(sst_emu_sweep_ttl(emu, &removed, &e), SST_OK);
    CU_ASSERT_EQUAL(removed, 1);
    get_found(emu, "now", false);
    sst_emu_advance_clock(emu, 100 * 1000);
    CU_ASSERT_EQUAL(sst_emu_sweep_ttl(emu, &removed, &e), SST_OK);
    CU_ASSERT_EQUAL(removed, 1);
    get_found(emu, "future", false);
    CU_ASSERT_EQUAL(index_count(emu, "gall"), 4);
    et_verify(emu);
    CU_ASSERT_EQUAL(sst_emu_sweep_ttl(NULL, &removed, &e), SST_E_INVALID_ARG);
    sst_emu_close(emu);
}

/* Many expired items: the sweep works in batches. */
static void
ttl_sweeps_in_batches(void)
{
    struct sst_emu *emu = open_emu();
    uint64_t removed = 0;
    struct sst_err e;
    char req[256];
    size_t i;

    expect_ok(emu, "CreateTable", MAIN_TABLE, NULL);
    expect_ok(emu, "UpdateTimeToLive",
              "{\"TableName\":\"tbl\",\"TimeToLiveSpecification\":{"
              "\"Enabled\":true,\"AttributeName\":\"exp\"}}",
              NULL);
    for (i = 0; i < 1500; i++) {
        snprintf(req, sizeof req,
                 "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"p%zu\"},"
                 "\"sk\":{\"N\":\"%zu\"},\"exp\":{\"N\":\"%s\"}}}",
                 i % 13, i, i % 3 ? "1795633000" : "1795639999");
        expect_ok(emu, "PutItem", req, "{}");
    }
    CU_ASSERT_EQUAL(sst_emu_sweep_ttl(emu, &removed, &e), SST_OK);
    CU_ASSERT_EQUAL(removed, 1000);
    CU_ASSERT_EQUAL(scan_count(emu, "{\"TableName\":\"tbl\",\"Select\":"
                                    "\"COUNT\"}",
                               NULL),
                    500);
    et_verify(emu);
    sst_emu_close(emu);
}

/* The background sweeper runs on its own, by real time, with the
 * emulator's clock deciding what has expired. */
static void
ttl_background_sweeper(void)
{
    struct sst_emu_options o;
    struct sst_emu *emu = NULL;
    struct json_object *resp;
    struct sst_err e;
    int tries;
    bool gone = false;

    sst_emu_options_init(&o);
    o.ttl_sweep_ms = 5;
    CU_ASSERT_EQUAL_FATAL(sst_emu_open(NULL, &o, &emu, &e), SST_OK);
    sst_emu_set_time(emu, T0);
    expect_ok(emu, "CreateTable", MAIN_TABLE, NULL);
    expect_ok(emu, "UpdateTimeToLive",
              "{\"TableName\":\"tbl\",\"TimeToLiveSpecification\":{"
              "\"Enabled\":true,\"AttributeName\":\"exp\"}}",
              NULL);
    expect_ok(emu, "PutItem", TTL_ITEM("past", ",\"exp\":{\"N\":\"1795633000\"}"),
              "{}");
    for (tries = 0; tries < 1000 && !gone; tries++) {
        struct timespec ts = {0, 5 * 1000 * 1000};
        resp = NULL;
        CU_ASSERT_EQUAL(call(emu, "GetItem",
                             "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":"
                             "\"past\"},\"sk\":{\"N\":\"1\"}}}",
                             &resp, &e),
                        SST_OK);
        gone = !json_object_object_get_ex(resp, "Item", NULL);
        json_object_put(resp);
        if (!gone)
            nanosleep(&ts, NULL);
    }
    CU_ASSERT_TRUE(gone);
    sst_emu_close(emu);
}

/* ------------------------------------------------------------------ */
/* out of memory                                                       */

static void
oom_walk(struct sst_emu *emu, const char *op, const char *req)
{
    et_oom_walk(emu, op, et_parse(req), ET_OOM_VERIFY);
}

static void
out_of_memory_walk(void)
{
    struct sst_emu *emu = open_emu();

    expect_ok(emu, "CreateTable", MAIN_TABLE, NULL);
    /* warm the catalog cache: it lives on by design */
    expect_ok(emu, "DescribeTable", "{\"TableName\":\"tbl\"}", NULL);
    oom_walk(emu, "PutItem",
             "{\"TableName\":\"tbl\",\"Item\":{" KEY ",\"g\":{\"S\":\"G\"},"
             "\"gs\":{\"N\":\"1.5\"},\"l\":{\"B\":\"AQ==\"},\"x\":{\"SS\":["
             "\"a\",\"b\"]},\"m\":{\"M\":{\"n\":{\"L\":[{\"N\":\"1\"}]}}}}}");
    oom_walk(emu, "PutItem",
             "{\"TableName\":\"tbl\",\"Item\":{" KEY ",\"g\":{\"S\":\"H\"},"
             "\"y\":{\"N\":\"2\"}},\"ReturnValues\":\"ALL_OLD\","
             "\"ReturnConsumedCapacity\":\"INDEXES\"}");
    /* A simple key and no projection allocate nothing of ours (the
     * read transaction is reused): the projection gives the walk steps. */
    oom_walk(emu, "GetItem",
             "{\"TableName\":\"tbl\",\"Key\":{" KEY "},"
             "\"ProjectionExpression\":\"g, y\","
             "\"ReturnConsumedCapacity\":\"TOTAL\"}");
    oom_walk(emu, "GetItem",
             "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"a\"},\"sk\":{"
             "\"N\":\"1\",\"NULL\":null}},\"AttributesToGet\":[\"y\"]}");
    oom_walk(emu, "BatchWriteItem",
             "{\"RequestItems\":{\"tbl\":[{\"PutRequest\":{\"Item\":{"
             "\"pk\":{\"S\":\"b\"},\"sk\":{\"N\":\"2\"},\"g\":{\"S\":\"G\"}}}},"
             "{\"DeleteRequest\":{\"Key\":{\"pk\":{\"S\":\"c\"},\"sk\":{\"N\":"
             "\"3\"}}}}]},\"ReturnConsumedCapacity\":\"TOTAL\"}");
    oom_walk(emu, "BatchGetItem",
             "{\"RequestItems\":{\"tbl\":{\"Keys\":[{" KEY "},{\"pk\":{\"S\":"
             "\"b\"},\"sk\":{\"N\":\"2\"}}]}}}");
    oom_walk(emu, "Scan",
             "{\"TableName\":\"tbl\",\"IndexName\":\"lsi\",\"Select\":"
             "\"ALL_ATTRIBUTES\",\"Limit\":1,\"ReturnConsumedCapacity\":"
             "\"INDEXES\"}");
    oom_walk(emu, "DeleteItem",
             "{\"TableName\":\"tbl\",\"Key\":{" KEY "},"
             "\"ReturnValues\":\"ALL_OLD\"}");
    oom_walk(emu, "UpdateTable",
             "{\"TableName\":\"tbl\",\"AttributeDefinitions\":[{"
             "\"AttributeName\":\"h\",\"AttributeType\":\"S\"}],"
             "\"GlobalSecondaryIndexUpdates\":[{\"Create\":{\"IndexName\":"
             "\"byh\",\"KeySchema\":[{\"AttributeName\":\"h\",\"KeyType\":"
             "\"HASH\"}],\"Projection\":{\"ProjectionType\":\"ALL\"}}}]}");
    et_verify(emu);
    sst_emu_close(emu);
}

static const struct sst_test exact_tests[] = {
    {"items and errors, exactly", items_exact},
    {"ConditionExpression on PutItem and DeleteItem", conditions},
    {"ProjectionExpression and FilterExpression on reads", projections},
    {"Query", queries},
    {"UpdateItem", updates},
    {"item collection metrics", item_collections},
    {"keys longer than the store keeps inline", long_keys},
    {"Scan segments and pages", scan_segments_and_pages},
    {"Scan stops at 1 MB", scan_one_megabyte},
    {"BatchGetItem stops at 16 MB", batch_get_sixteen_megabytes},
    {NULL, NULL},
};

static const struct sst_test model_tests[] = {
    {"indexes follow random writes", indexes_follow_random_writes},
    {"UpdateTable backfills and drops an index", update_table_backfills},
    {"TTL: sweeps by the emulator's clock", ttl_sweeps_by_the_clock},
    {"TTL: sweeps in batches", ttl_sweeps_in_batches},
    {"TTL: the background sweeper", ttl_background_sweeper},
    {"out-of-memory walk", out_of_memory_walk},
    {NULL, NULL},
};

static const struct sst_test corpus_tests[] = {
    {"recorded DynamoDB Local answers", recorded_corpus},
    {"recorded DynamoDB Local answers, legacy parameters",
     recorded_legacy_corpus},
    {"recorded DynamoDB Local answers, transactions", recorded_txn_corpus},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"corpus", NULL, NULL, corpus_tests},
        {"exact", NULL, NULL, exact_tests},
        {"model", NULL, NULL, model_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_emu_items", suites);
}
