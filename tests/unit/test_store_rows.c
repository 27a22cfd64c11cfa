/*
 * tests/unit/test_store_rows.c - rows in the emulator's LMDB store: short
 * and long keys (past the 480-byte inline limit), index ranges, write
 * transactions only for writes, and the per-table counters.
 */
#include <stdint.h>
#include <string.h>

#include <sst/sst.h>

#include "emu/store/rows.h"
#include "emu/store/store.h"
#include "harness.h"
#include "tests/unit/store_test_util.h"

/* ------------------------------------------------------------------ */
/* rows and counters                                                   */

static void
put_get(struct sst_emu_txn *txn, uint64_t tid, const uint8_t *k, size_t n,
        const char *val)
{
    const void *got;
    size_t got_len;
    bool found;

    CU_ASSERT_EQUAL(sst_emu_rows_put(txn, tid, 0, k, n, val, strlen(val), NULL),
                    SST_OK);
    CU_ASSERT_EQUAL(
        sst_emu_rows_get(txn, tid, 0, k, n, &got, &got_len, &found, NULL),
        SST_OK);
    CU_ASSERT_TRUE(found);
    CU_ASSERT_EQUAL(got_len, strlen(val));
    if (got_len == strlen(val))
        CU_ASSERT_EQUAL(memcmp(got, val, got_len), 0);
}

static void
rows_short_and_long_keys(void)
{
    struct sst_emu_store *st = ts_open_store(NULL, 0);
    struct sst_emu_txn *txn = NULL;
    static uint8_t k1[3000], k2[3000];
    const void *got;
    size_t got_len;
    uint64_t count;
    bool found;
    struct sst_err e;

    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    memset(k1, 'a', sizeof k1);
    memset(k2, 'a', sizeof k2);
    k2[sizeof k2 - 1] = 'b'; /* same first 480 bytes as k1 */
    CU_ASSERT_EQUAL_FATAL(sst_emu_txn_begin(st, true, &txn, NULL), SST_OK);
    put_get(txn, 7, (const uint8_t *)"short", 5, "v-short");
    put_get(txn, 7, k1, sizeof k1, "v-long-1");
    put_get(txn, 7, k2, sizeof k2, "v-long-2");
    put_get(txn, 7, k1, 481, "v-481");
    put_get(txn, 7, k1, 480, "v-480");
    /* Replacing a long key keeps one row. */
    put_get(txn, 7, k1, sizeof k1, "v-long-1b");
    put_get(txn, 8, k1, sizeof k1, "other-table");
    CU_ASSERT_EQUAL(sst_emu_rows_count(txn, 7, 0, &count, NULL), SST_OK);
    CU_ASSERT_EQUAL(count, 5);
    CU_ASSERT_EQUAL(sst_emu_rows_get(txn, 7, 0, k2, sizeof k2 - 1, &got,
                                     &got_len, &found, NULL),
                    SST_OK);
    CU_ASSERT_FALSE(found);
    CU_ASSERT_PTR_NULL(got);
    CU_ASSERT_EQUAL(sst_emu_rows_del(txn, 7, 0, k1, sizeof k1, &found, NULL),
                    SST_OK);
    CU_ASSERT_TRUE(found);
    CU_ASSERT_EQUAL(sst_emu_rows_del(txn, 7, 0, k1, sizeof k1, &found, NULL),
                    SST_OK);
    CU_ASSERT_FALSE(found);
    CU_ASSERT_EQUAL(sst_emu_rows_get(txn, 7, 0, k2, sizeof k2, &got, &got_len,
                                     &found, NULL),
                    SST_OK);
    CU_ASSERT_TRUE(found);
    CU_ASSERT_EQUAL(
        sst_emu_rows_del(txn, 7, 0, (const uint8_t *)"short", 5, &found, NULL),
        SST_OK);
    CU_ASSERT_TRUE(found);
    CU_ASSERT_EQUAL(sst_emu_rows_put(txn, 7, 0, k1, 0, "x", 1, &e),
                    SST_E_INVALID_ARG);
    /* Index rows live in their own range. */
    CU_ASSERT_EQUAL(sst_emu_rows_put(txn, 7, 1, k1, 10, "ix", 2, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_rows_count(txn, 7, 1, &count, NULL), SST_OK);
    CU_ASSERT_EQUAL(count, 1);
    CU_ASSERT_EQUAL(sst_emu_rows_drop_index(txn, 7, 1, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_rows_count(txn, 7, 1, &count, NULL), SST_OK);
    CU_ASSERT_EQUAL(count, 0);
    CU_ASSERT_EQUAL(sst_emu_txn_commit(txn, NULL), SST_OK);

    /* Writes need a write transaction. */
    CU_ASSERT_EQUAL_FATAL(sst_emu_txn_begin(st, false, &txn, NULL), SST_OK);
    CU_ASSERT_FALSE(sst_emu_txn_writable(txn));
    CU_ASSERT_EQUAL(sst_emu_rows_put(txn, 7, 0, k1, 4, "x", 1, &e),
                    SST_E_INVALID_ARG);
    CU_ASSERT_EQUAL(sst_emu_rows_count(txn, 7, 0, &count, NULL), SST_OK);
    CU_ASSERT_EQUAL(count, 3);
    sst_emu_txn_abort(txn);
    sst_emu_store_close(st);
}

static void
counters_add_and_clamp(void)
{
    struct sst_emu_store *st = ts_open_store(NULL, 0);
    struct sst_emu_txn *txn = NULL;
    uint64_t c, b;

    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    CU_ASSERT_EQUAL_FATAL(sst_emu_txn_begin(st, true, &txn, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_stats_get(txn, 3, 0, &c, &b, NULL), SST_OK);
    CU_ASSERT_EQUAL(c, 0);
    CU_ASSERT_EQUAL(b, 0);
    CU_ASSERT_EQUAL(sst_emu_stats_add(txn, 3, 0, 2, 150, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_stats_add(txn, 3, 0, -1, -100, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_stats_get(txn, 3, 0, &c, &b, NULL), SST_OK);
    CU_ASSERT_EQUAL(c, 1);
    CU_ASSERT_EQUAL(b, 50);
    CU_ASSERT_EQUAL(sst_emu_stats_add(txn, 3, 0, -5, INT64_MIN, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_stats_get(txn, 3, 0, &c, &b, NULL), SST_OK);
    CU_ASSERT_EQUAL(c, 0);
    CU_ASSERT_EQUAL(b, 0);
    CU_ASSERT_EQUAL(sst_emu_stats_add(txn, 3, 2, 4, 40, NULL), SST_OK);
    CU_ASSERT_EQUAL(
        sst_emu_rows_put(txn, 3, 0, (const uint8_t *)"k", 1, "v", 1, NULL),
        SST_OK);
    CU_ASSERT_EQUAL(
        sst_emu_rows_put(txn, 4, 0, (const uint8_t *)"k", 1, "v", 1, NULL),
        SST_OK);
    /* Dropping a table drops its rows and counters, not its neighbours'. */
    CU_ASSERT_EQUAL(sst_emu_rows_drop_table(txn, 3, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_stats_get(txn, 3, 2, &c, &b, NULL), SST_OK);
    CU_ASSERT_EQUAL(c, 0);
    CU_ASSERT_EQUAL(sst_emu_rows_count(txn, 3, 0, &c, NULL), SST_OK);
    CU_ASSERT_EQUAL(c, 0);
    CU_ASSERT_EQUAL(sst_emu_rows_count(txn, 4, 0, &c, NULL), SST_OK);
    CU_ASSERT_EQUAL(c, 1);
    sst_emu_txn_abort(txn);
    sst_emu_store_close(st);
}

static const struct sst_test row_tests[] = {
    {"short and long keys", rows_short_and_long_keys},
    {"counters add, clamp and drop with the table", counters_add_and_clamp},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"rows", NULL, NULL, row_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_store_rows", suites);
}
