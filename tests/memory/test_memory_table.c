/*
 * tests/memory/test_memory_table.c - the handle and the table helpers of
 * sst/memory.h, on the emulator and on DynamoDB Local.
 */
#include <string.h>

#include <json-c/json.h>

#include "tests/harness.h"
#include "tests/memory/fixture.h"

static void
test_open_args(void)
{
    struct sst_memory_opts o;
    struct sst_memory *m = (struct sst_memory *)&o;
    struct sst_backend *b = NULL;
    struct sst_err e;

    sst_memory_opts_init(&o, NULL);
    CU_ASSERT_TRUE(o.track_stats);
    CU_ASSERT_PTR_NULL(o.clock);
    CU_ASSERT_EQUAL(sst_backend_open("emu::memory:", &b, &e), SST_OK);
    CU_ASSERT_EQUAL(sst_memory_open(b, &o, &m, &e), SST_E_INVALID_ARG);
    CU_ASSERT_PTR_NULL(m);
    SST_ASSERT_STR_EQ(e.message, "sst_memory_open: a table name is required");
    o.table_name = "t";
    CU_ASSERT_EQUAL(sst_memory_open(NULL, &o, &m, &e), SST_E_INVALID_ARG);
    CU_ASSERT_EQUAL(sst_memory_open(b, &o, &m, &e), SST_OK);
    SST_ASSERT_STR_EQ(sst_memory_table_name(m), "t");
    CU_ASSERT_PTR_EQUAL(sst_memory_backend(m), b);
    sst_memory_close(m);
    sst_backend_close(b);
    CU_ASSERT_EQUAL(sst_memory_open_uri("nope:x", &o, &m, &e),
                    SST_E_INVALID_ARG);
    CU_ASSERT_PTR_NULL(m);
    CU_ASSERT_EQUAL(sst_memory_open_uri("emu::memory:", &o, &m, &e), SST_OK);
    sst_memory_close(m);
    sst_memory_close(NULL);
}

/* The standard table: keys, the four GSIs with their keys, ALL
 * projections, on-demand billing; a second create is ResourceInUse. */
static void
test_standard_table(void)
{
    static const char *const want[][3] = {
        {"gsi1", "gsi1pk", "pk"},
        {"gsi2", "gsi2pk", "pk"},
        {"gsi3", "gsi3pk", "gsi3sk"},
        {"gsitype", "gsitype", "gsitypesk"},
    };
    struct sst_tm tm;
    struct sst_err e;
    json_object *resp = NULL;
    json_object *gsis = NULL;
    json_object *table;
    size_t i, n;
    int found = 0;

    if (sst_tm_open(&tm, NULL) != 0) {
        CU_ASSERT_EQUAL(sst_tm_side, SST_TM_DDB_LOCAL);
        return;
    }
    CU_ASSERT_EQUAL_FATAL(sst_tm_call(&tm, "DescribeTable", "{}", &resp, &e),
                          SST_OK);
    table = json_object_object_get(resp, "Table");
    SST_ASSERT_STR_EQ(json_object_get_string(json_object_object_get(
                          table, "TableStatus")), "ACTIVE");
    SST_ASSERT_STR_EQ(json_object_get_string(json_object_object_get(
                          json_object_object_get(table,
                                                 "BillingModeSummary"),
                          "BillingMode")), "PAY_PER_REQUEST");
    CU_ASSERT_EQUAL(json_object_array_length(json_object_object_get(
                        table, "AttributeDefinitions")), 8);
    gsis = json_object_object_get(table, "GlobalSecondaryIndexes");
    n = json_object_array_length(gsis);
    CU_ASSERT_EQUAL(n, 4);
    for (i = 0; i < n; i++) {
        json_object *g = json_object_array_get_idx(gsis, i);
        const char *name = json_object_get_string(
            json_object_object_get(g, "IndexName"));
        json_object *ks = json_object_object_get(g, "KeySchema");
        size_t k;

        SST_ASSERT_STR_EQ(json_object_get_string(json_object_object_get(
                              json_object_object_get(g, "Projection"),
                              "ProjectionType")), "ALL");
        for (k = 0; k < 4; k++) {
            if (strcmp(name, want[k][0]) != 0)
                continue;
            found++;
            SST_ASSERT_STR_EQ(json_object_get_string(json_object_object_get(
                                  json_object_array_get_idx(ks, 0),
                                  "AttributeName")), want[k][1]);
            SST_ASSERT_STR_EQ(json_object_get_string(json_object_object_get(
                                  json_object_array_get_idx(ks, 1),
                                  "AttributeName")), want[k][2]);
        }
    }
    CU_ASSERT_EQUAL(found, 4);
    json_object_put(resp);
    CU_ASSERT_EQUAL(sst_memory_create_standard_table(tm.m, &e), SST_E_IN_USE);
    SST_ASSERT_STR_EQ(e.type, "ResourceInUseException");
    sst_tm_close(&tm);
}

/* truncate deletes every row, over several scan pages and batches. */
static void
test_truncate(void)
{
    struct sst_tm tm;
    struct sst_err e;
    json_object *resp = NULL;
    uint64_t deleted = 99;
    char req[256];
    int i;

    if (sst_tm_open(&tm, NULL) != 0)
        return;
    CU_ASSERT_EQUAL(sst_memory_truncate(tm.m, &deleted, &e), SST_OK);
    CU_ASSERT_EQUAL(deleted, 0);
    for (i = 0; i < 60; i++) {
        snprintf(req, sizeof req,
                 "{\"Item\":{\"pk\":{\"S\":\"T#%d\"},\"sk\":{\"S\":\"v%d\"},"
                 "\"gsitype\":{\"S\":\"T\"},\"gsitypesk\":{\"S\":\"x\"}}}",
                 i % 7, i);
        CU_ASSERT_EQUAL(sst_tm_call(&tm, "PutItem", req, &resp, &e), SST_OK);
        json_object_put(resp);
    }
    CU_ASSERT_EQUAL(sst_memory_truncate(tm.m, &deleted, &e), SST_OK);
    CU_ASSERT_EQUAL(deleted, 60);
    CU_ASSERT_EQUAL_FATAL(sst_tm_call(&tm, "Scan", "{\"Select\":\"COUNT\"}",
                                      &resp, &e), SST_OK);
    CU_ASSERT_EQUAL(json_object_get_int(json_object_object_get(resp,
                                                               "Count")), 0);
    json_object_put(resp);
    sst_tm_close(&tm);
}

static const struct sst_test handle_tests[] = {
    {"open arguments and accessors", test_open_args},
    {NULL, NULL},
};

static const struct sst_test table_tests[] = {
    {"standard table", test_standard_table},
    {"truncate", test_truncate},
    {NULL, NULL},
};

static const struct sst_suite suites[] = {
    {"handle", NULL, NULL, handle_tests},
    {"emu", sst_tm_init_emu, NULL, table_tests},
    {"ddb-local", sst_tm_init_ddb, NULL, table_tests},
    {NULL, NULL, NULL, NULL},
};

int
main(int argc, char **argv)
{
    return sst_test_main(argc, argv, "test_memory_table", suites);
}
