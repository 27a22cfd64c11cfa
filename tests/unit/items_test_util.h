/*
 * tests/unit/items_test_util.h - what the item-operation tests
 * (test_emu_items and its test_emu_items_* programs) share: an emulator
 * on a fixed clock, calls with their exact expected answer or error, rows
 * of such calls, the table most of them use, and counts read back through
 * Scan and DescribeTable.
 *
 * Every helper asserts through CUnit (tests/harness.h); a request that is
 * not JSON is a fatal assertion.
 */
#ifndef SST_TESTS_UNIT_ITEMS_TEST_UTIL_H
#define SST_TESTS_UNIT_ITEMS_TEST_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

#include <sst/emu.h>
#include <sst/sst.h>

#define T0 1795633912989LL /* 2026-11-25T19:11:52.989Z */

/* tbl: pk S, sk N; GSIs gall (g, gs; ALL), gkeys (g; KEYS_ONLY), ginc
 * (gs; INCLUDE x, y); LSI lsi (pk, l; KEYS_ONLY) */
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

struct ti_row {
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

#define KEY "\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"}"

/**
 * An in-memory emulator whose clock is fixed at T0; the caller closes it.
 */
struct sst_emu *ti_open_emu(void);

/**
 * Call op on emu with the request text req; *resp gets the answer (the
 * caller puts it) and e the error.
 */
enum sst_code ti_call(struct sst_emu *emu, const char *op, const char *req,
                      struct json_object **resp, struct sst_err *e);

/**
 * Call and expect success with exactly the answer `want` (JSON text; the
 * member order inside objects does not matter; NULL: any answer).
 */
void ti_expect_ok(struct sst_emu *emu, const char *op, const char *req,
                  const char *want);

/**
 * Call and expect an error: its code, __type and message, and the
 * error's extra members `extra` (JSON text, or NULL for none).
 */
void ti_expect_error_extra(struct sst_emu *emu, const char *op,
                           const char *req, enum sst_code code,
                           const char *type, const char *msg,
                           const char *extra);

/** ti_expect_error_extra with no extra members. */
void ti_expect_error(struct sst_emu *emu, const char *op, const char *req,
                     enum sst_code code, const char *type, const char *msg);

/** Make the n calls of rows, each with its expected outcome. */
void ti_run_rows(struct sst_emu *emu, const struct ti_row *rows, size_t n);

/**
 * The Count of the Scan request req; with last not NULL, *last gets its
 * LastEvaluatedKey (a new reference, or NULL).
 */
size_t ti_scan_count(struct sst_emu *emu, const char *req,
                     struct json_object **last);

/**
 * The ItemCount DescribeTable gives for tbl's global index `index`, or -1
 * when tbl has no such index.
 */
int64_t ti_index_count(struct sst_emu *emu, const char *index);

#endif
