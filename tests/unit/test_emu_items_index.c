/*
 * tests/unit/test_emu_items_index.c - the emulator's index rows: 600
 * random writes (PutItem, DeleteItem, BatchWriteItem) checked against a
 * model of every index's projections and by sst_emu_verify(), and
 * UpdateTable's backfill of a new global index (with index key
 * violations) and its removal.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/emu.h>
#include <sst/sst.h>

#include "emu/ops/ops.h"
#include "harness.h"
#include "tests/unit/emu_test_util.h"
#include "tests/unit/items_test_util.h"

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
    CU_ASSERT_EQUAL_FATAL(ti_call(emu, "Scan", req, &resp, &e), SST_OK);
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
    struct sst_emu *emu = ti_open_emu();
    char item[512], req[4096];
    size_t op, k, i, m, used;

    ti_expect_ok(emu, "CreateTable", MAIN_TABLE, NULL);
    for (op = 1; op <= 600; op++) {
        k = mrnd(MODEL_KEYS);
        switch (mrnd(4)) {
        case 0: /* delete */
            snprintf(req, sizeof req,
                     "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"p%zu\"},"
                     "\"sk\":{\"N\":\"%zu\"}}}",
                     k / 10, k % 10);
            ti_expect_ok(emu, "DeleteItem", req, "{}");
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
            ti_expect_ok(emu, "BatchWriteItem", req,
                         "{\"UnprocessedItems\":{}}");
            break;
        default: /* put */
            random_item_text(k, item, sizeof item);
            snprintf(req, sizeof req, "{\"TableName\":\"tbl\",\"Item\":%s}",
                     item);
            ti_expect_ok(emu, "PutItem", req, "{}");
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

static void
update_table_backfills(void)
{
    struct sst_emu *emu = ti_open_emu();
    char req[256];
    size_t i;

    ti_expect_ok(emu, "CreateTable", SMALL_TABLE, NULL);
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
        ti_expect_ok(emu, "PutItem", req, "{}");
    }
    ti_expect_ok(
        emu, "UpdateTable",
        "{\"TableName\":\"tbl\",\"AttributeDefinitions\":[{"
        "\"AttributeName\":\"h\",\"AttributeType\":\"S\"}],"
        "\"GlobalSecondaryIndexUpdates\":[{\"Create\":{\"IndexName\":"
        "\"byh\",\"KeySchema\":[{\"AttributeName\":\"h\",\"KeyType\":"
        "\"HASH\"}],\"Projection\":{\"ProjectionType\":\"KEYS_ONLY\"}}}]}",
        NULL);
    CU_ASSERT_EQUAL(ti_index_count(emu, "byh"), 240);
    CU_ASSERT_EQUAL(ti_scan_count(emu,
                                  "{\"TableName\":\"tbl\",\"IndexName\":"
                                  "\"byh\",\"Select\":\"COUNT\"}",
                                  NULL),
                    240);
    et_verify(emu);
    /* From now on the index's key rules hold for writes... */
    ti_expect_error(emu, "PutItem",
                    "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"n\"},"
                    "\"h\":{\"N\":\"1\"}}}",
                    SST_E_VALIDATION, "ValidationException",
                    "One or more parameter values were invalid: Type mismatch "
                    "for Index Key");
    /* ...and a violating item may still be replaced or deleted. */
    ti_expect_ok(emu, "PutItem",
                 "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"k10\"},"
                 "\"h\":{\"S\":\"now\"}}}",
                 "{}");
    ti_expect_ok(emu, "DeleteItem",
                 "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"k20\"}}}",
                 "{}");
    CU_ASSERT_EQUAL(ti_index_count(emu, "byh"), 241);
    et_verify(emu);
    ti_expect_ok(emu, "UpdateTable",
                 "{\"TableName\":\"tbl\",\"GlobalSecondaryIndexUpdates\":[{"
                 "\"Delete\":{\"IndexName\":\"byh\"}}]}",
                 NULL);
    CU_ASSERT_EQUAL(ti_index_count(emu, "byh"), -1);
    ti_expect_error(emu, "Scan",
                    "{\"TableName\":\"tbl\",\"IndexName\":\"byh\"}",
                    SST_E_VALIDATION, "ValidationException",
                    "The table does not have the specified index: byh");
    /* h is no key any more: any type goes. */
    ti_expect_ok(emu, "PutItem",
                 "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"n\"},"
                 "\"h\":{\"N\":\"1\"}}}",
                 "{}");
    CU_ASSERT_EQUAL(ti_scan_count(emu,
                                  "{\"TableName\":\"tbl\",\"Select\":"
                                  "\"COUNT\"}",
                                  NULL),
                    300);
    et_verify(emu);
    sst_emu_close(emu);
}

static const struct sst_test model_tests[] = {
    {"indexes follow random writes", indexes_follow_random_writes},
    {"UpdateTable backfills and drops an index", update_table_backfills},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"model", NULL, NULL, model_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_emu_items_index", suites);
}
