/*
 * tests/unit/test_emu_tables_emulator.c - the emulator around its
 * control-plane operations: the injectable clock, the URI's options and
 * persistence, rows deleted with their table, four threads sharing one
 * emulator, and an out-of-memory walk of CreateTable, DescribeTable and
 * DeleteTable.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/emu.h>
#include <sst/sst.h>

#include "emu/ops/ops.h"
#include "emu/store/catalog.h"
#include "emu/store/rows.h"
#include "harness.h"
#include "tests/unit/tables_test_util.h"

/* ------------------------------------------------------------------ */
/* the emulator around the operations                                  */

static int64_t
fake_clock(void *user)
{
    return *(int64_t *)user;
}

static void
clock_is_injectable(void)
{
    struct sst_emu_options o;
    struct sst_emu *emu = NULL;
    struct json_object *r;
    int64_t now = 86400000LL * 365 * 30 + 7; /* 1999-12-25 + 7 ms */

    sst_emu_options_init(&o);
    o.clock = fake_clock;
    o.clock_user = &now;
    CU_ASSERT_EQUAL_FATAL(sst_emu_open(NULL, &o, &emu, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_now(emu), now);
    now += 1000;
    CU_ASSERT_EQUAL(sst_emu_now(emu), now);
    sst_emu_advance_clock(emu, 60000);
    CU_ASSERT_EQUAL(sst_emu_now(emu), now + 60000);
    r = tt_ok(sst_emu_backend(emu), "CreateTable",
              "{\"TableName\":\"clk\",\"BillingMode\":\"PAY_PER_REQUEST\","
              "\"KeySchema\":[{\"AttributeName\":\"k\",\"KeyType\":\"HASH\"}],"
              "\"AttributeDefinitions\":[{\"AttributeName\":\"k\","
              "\"AttributeType\":\"S\"}]}");
    SST_ASSERT_STR_EQ(tt_text_at(r, "TableDescription.CreationDateTime"),
                      "946080061.007");
    json_object_put(r);
    sst_emu_set_time(emu, -1500);
    CU_ASSERT_EQUAL(sst_emu_now(emu), -1500);
    sst_emu_advance_clock(emu, -500);
    CU_ASSERT_EQUAL(sst_emu_now(emu), -2000);
    sst_emu_set_clock(emu, NULL, NULL);
    CU_ASSERT_TRUE(sst_emu_now(emu) > 1700000000000LL);
    CU_ASSERT_PTR_NULL(sst_emu_from_backend(NULL));
    sst_emu_close(emu);
    sst_emu_close(NULL);
}

static void
uri_options_and_persistence(void)
{
    struct sst_backend *b = NULL;
    struct json_object *r;
    struct sst_err e;
    char dir[256], uri[320];

    CU_ASSERT_EQUAL(sst_backend_open("emu::memory:?map-size=lots", &b, &e),
                    SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(e.message,
                      "option map-size takes a number of bytes, not 'lots'");
    CU_ASSERT_EQUAL(sst_backend_open("emu::memory:?no-sync=maybe", &b, &e),
                    SST_E_INVALID_ARG);
    CU_ASSERT_EQUAL(sst_backend_open("emu::memory:?map-size=4096", &b, &e),
                    SST_E_INVALID_ARG);
    CU_ASSERT_PTR_NULL(b);
    CU_ASSERT_EQUAL(
        sst_backend_open("emu::memory:?no-sync&map-size=1048576", &b, &e),
        SST_OK);
    sst_backend_close(b);
    b = NULL;

    tt_temp_store("emu", dir, uri);
    strcat(uri, "?no-sync=0");
    CU_ASSERT_EQUAL_FATAL(sst_backend_open(uri, &b, &e), SST_OK);
    json_object_put(tt_ok(b, "CreateTable", TABLE_PROVISIONED));
    sst_backend_close(b);
    CU_ASSERT_EQUAL_FATAL(sst_backend_open(uri, &b, &e), SST_OK);
    r = tt_ok(b, "DescribeTable", "{\"TableName\":\"prov\"}");
    CU_ASSERT_EQUAL(
        tt_int_at(r, "Table.ProvisionedThroughput.ReadCapacityUnits"), 5);
    json_object_put(r);
    sst_backend_close(b);
    tt_remove_dir(dir);
}

/* DeleteTable removes the table's rows in the same transaction, and
 * DescribeTable reports the counters the item operations keep. */
static void
delete_removes_rows(void)
{
    struct sst_backend *b = tt_open_memory();
    struct sst_emu_store *st = sst_emu_store_of(sst_emu_from_backend(b));
    const struct sst_emu_table *t = NULL;
    struct sst_emu_txn *txn = NULL;
    struct json_object *r;
    uint64_t id, count;

    json_object_put(tt_ok(b, "CreateTable", TABLE_FULL));
    json_object_put(tt_ok(b, "CreateTable", TABLE_PROVISIONED));
    CU_ASSERT_EQUAL_FATAL(sst_emu_txn_begin(st, true, &txn, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_catalog_get(txn, "tab", &t, NULL), SST_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    id = t->id;
    CU_ASSERT_EQUAL(t->indexes[0].id, 1); /* lsi1 */
    CU_ASSERT_EQUAL(t->indexes[1].id, 2); /* gsi1 */
    sst_emu_table_release(t);
    CU_ASSERT_EQUAL(
        sst_emu_rows_put(txn, id, 0, (const uint8_t *)"a", 1, "item", 4, NULL),
        SST_OK);
    CU_ASSERT_EQUAL(
        sst_emu_rows_put(txn, id, 2, (const uint8_t *)"g", 1, "ix", 2, NULL),
        SST_OK);
    CU_ASSERT_EQUAL(sst_emu_rows_put(txn, id + 1, 0, (const uint8_t *)"a", 1,
                                     "other", 5, NULL),
                    SST_OK);
    CU_ASSERT_EQUAL(sst_emu_stats_add(txn, id, 0, 1, 123, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_stats_add(txn, id, 2, 1, 45, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_txn_commit(txn, NULL), SST_OK);

    r = tt_ok(b, "DescribeTable", "{\"TableName\":\"tab\"}");
    CU_ASSERT_EQUAL(tt_int_at(r, "Table.ItemCount"), 1);
    CU_ASSERT_EQUAL(tt_int_at(r, "Table.TableSizeBytes"), 123);
    CU_ASSERT_EQUAL(tt_int_at(r, "Table.GlobalSecondaryIndexes[0].ItemCount"),
                    1);
    CU_ASSERT_EQUAL(
        tt_int_at(r, "Table.GlobalSecondaryIndexes[0].IndexSizeBytes"), 45);
    CU_ASSERT_EQUAL(tt_int_at(r, "Table.LocalSecondaryIndexes[0].ItemCount"),
                    0);
    json_object_put(r);
    r = tt_ok(b, "DeleteTable", "{\"TableName\":\"tab\"}");
    CU_ASSERT_EQUAL(tt_int_at(r, "TableDescription.ItemCount"), 1);
    json_object_put(r);

    CU_ASSERT_EQUAL_FATAL(sst_emu_txn_begin(st, false, &txn, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_rows_count(txn, id, 0, &count, NULL), SST_OK);
    CU_ASSERT_EQUAL(count, 0);
    CU_ASSERT_EQUAL(sst_emu_rows_count(txn, id, 2, &count, NULL), SST_OK);
    CU_ASSERT_EQUAL(count, 0);
    CU_ASSERT_EQUAL(sst_emu_rows_count(txn, id + 1, 0, &count, NULL), SST_OK);
    CU_ASSERT_EQUAL(count, 1);
    sst_emu_txn_abort(txn);

    /* A table created again under the name starts empty, with a new id. */
    r = tt_ok(b, "CreateTable", TABLE_FULL);
    CU_ASSERT_EQUAL(tt_int_at(r, "TableDescription.ItemCount"), 0);
    json_object_put(r);
    sst_backend_close(b);
}

struct worker {
    struct sst_backend *b;
    int n;
    int failures;
};

static void *
worker_run(void *arg)
{
    struct worker *w = arg;
    struct json_object *req, *resp;
    char text[512];
    int i;

    for (i = 0; i < 20; i++) {
        snprintf(text, sizeof text,
                 "{\"TableName\":\"w%d-%02d\",\"BillingMode\":"
                 "\"PAY_PER_REQUEST\",\"KeySchema\":[{\"AttributeName\":"
                 "\"k\",\"KeyType\":\"HASH\"}],\"AttributeDefinitions\":["
                 "{\"AttributeName\":\"k\",\"AttributeType\":\"S\"}]}",
                 w->n, i);
        req = json_tokener_parse(text);
        resp = NULL;
        if (sst_backend_call(w->b, "CreateTable", req, &resp, NULL) != SST_OK)
            w->failures++;
        json_object_put(resp);
        json_object_put(req);
        snprintf(text, sizeof text, "{\"TableName\":\"w%d-%02d\"}", w->n, i);
        req = json_tokener_parse(text);
        resp = NULL;
        if (sst_backend_call(w->b, "DescribeTable", req, &resp, NULL) != SST_OK)
            w->failures++;
        json_object_put(resp);
        resp = NULL;
        if (i % 2 == 0 &&
            sst_backend_call(w->b, "DeleteTable", req, &resp, NULL) != SST_OK)
            w->failures++;
        json_object_put(resp);
        json_object_put(req);
    }
    return NULL;
}

static void
threads_share_one_emulator(void)
{
    struct sst_backend *b = tt_open_memory();
    struct worker w[4];
    pthread_t th[4];
    struct json_object *r;
    int i;

    for (i = 0; i < 4; i++) {
        w[i].b = b;
        w[i].n = i;
        w[i].failures = 0;
        CU_ASSERT_EQUAL_FATAL(pthread_create(&th[i], NULL, worker_run, &w[i]),
                              0);
    }
    for (i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        CU_ASSERT_EQUAL(w[i].failures, 0);
    }
    r = tt_ok(b, "ListTables", "{}");
    CU_ASSERT_EQUAL(json_object_array_length(tt_at(r, "TableNames")), 40);
    SST_ASSERT_STR_EQ(tt_str_at(r, "TableNames[0]"), "w0-01");
    json_object_put(r);
    sst_backend_close(b);
}

/* Every allocation of CreateTable, DescribeTable and DeleteTable may fail:
 * the call answers SST_E_NOMEM, leaks nothing and leaves the catalog as
 * it was. */
static void
out_of_memory_walk(void)
{
    static const char *const ops[] = {"CreateTable", "DescribeTable",
                                      "DeleteTable"};
    const char *reqs[] = {TABLE_FULL, "{\"TableName\":\"tab\"}",
                          "{\"TableName\":\"tab\"}"};
    struct sst_backend *b = tt_open_memory();
    struct json_object *req, *resp;
    struct sst_err e;
    enum sst_code rc;
    size_t k;
    long n, base;

    for (k = 0; k < 3; k++) {
        req = tt_parse(reqs[k]);
        if (k == 1) /* warm the catalog cache: it lives on by design */
            json_object_put(tt_ok(b, "DescribeTable", reqs[1]));
        rc = SST_E_NOMEM;
        for (n = 1; n < 1000 && rc == SST_E_NOMEM; n++) {
            base = sst_mem_live_count();
            resp = NULL;
            sst_mem_fail_after(n);
            rc = sst_backend_call(b, ops[k], req, &resp, &e);
            sst_mem_fail_reset();
            /* Nothing stays allocated; the catalog cache may only
             * shrink (DeleteTable drops its entry). */
            if (rc == SST_E_NOMEM) {
                CU_ASSERT_PTR_NULL(resp);
                CU_ASSERT_TRUE(sst_mem_live_count() <= base);
            }
            json_object_put(resp);
        }
        if (rc != SST_OK)
            fprintf(stderr, "\n  %s: %s: %s\n", ops[k], e.type, e.message);
        CU_ASSERT_EQUAL(rc, SST_OK);
        CU_ASSERT_TRUE(n > 2);
        json_object_put(req);
    }
    tt_expect_error(b, "DescribeTable", "{\"TableName\":\"tab\"}",
                    SST_E_NOT_FOUND, "ResourceNotFoundException",
                    "Cannot do operations on a non-existent table");
    sst_backend_close(b);
}

static const struct sst_test emu_tests[] = {
    {"the clock is injectable", clock_is_injectable},
    {"URI options; emu:PATH keeps tables", uri_options_and_persistence},
    {"DeleteTable removes the table's rows", delete_removes_rows},
    {"four threads share one emulator", threads_share_one_emulator},
    {"out-of-memory walk of Create, Describe, Delete", out_of_memory_walk},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"emulator", NULL, NULL, emu_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_emu_tables_emulator", suites);
}
