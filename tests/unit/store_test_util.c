/*
 * tests/unit/store_test_util.c - the store tests' shared helpers
 * (tests/unit/store_test_util.h).
 */
#include <sst/mem.h>

#include "harness.h"
#include "tests/unit/store_test_util.h"

struct sst_emu_store *
ts_open_store(const char *path, size_t map_size)
{
    struct sst_emu_store_config cfg = {path, false, map_size};
    struct sst_emu_store *st = NULL;
    struct sst_err e;

    CU_ASSERT_EQUAL(sst_emu_store_open(&cfg, &st, &e), SST_OK);
    return st;
}

/* A hash(pk S) table, or hash+range with range_type >= 0. */
struct sst_emu_table *
ts_make_table(const char *name, int range_type)
{
    struct sst_emu_table *t = sst_emu_table_new();

    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    t->name = sst_strdup(name);
    t->attr_count = range_type >= 0 ? 2 : 1;
    t->attrs = sst_calloc(t->attr_count, sizeof *t->attrs);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t->attrs);
    t->attrs[0].name = sst_strdup("pk");
    t->attrs[0].type = SST_EMU_ATTR_S;
    t->key.hash_count = 1;
    t->key.hash[0] = 0;
    if (range_type >= 0) {
        t->attrs[1].name = sst_strdup("sk");
        t->attrs[1].type = (enum sst_emu_attr_type)range_type;
        t->key.range_count = 1;
        t->key.range[0] = 1;
    }
    t->billing = SST_EMU_BILLING_PAY_PER_REQUEST;
    t->created_ms = 1700000000123;
    return t;
}

enum sst_code
ts_create_table(struct sst_emu_store *st, const char *name, uint64_t *id)
{
    struct sst_emu_table *t = ts_make_table(name, -1);
    struct sst_emu_txn *txn = NULL;
    struct sst_err e;
    enum sst_code rc;

    rc = sst_emu_txn_begin(st, true, &txn, &e);
    if (rc == SST_OK)
        rc = sst_emu_catalog_create(txn, t, &e);
    if (rc == SST_OK) {
        if (id)
            *id = t->id;
        rc = sst_emu_txn_commit(txn, &e);
    } else {
        sst_emu_txn_abort(txn);
    }
    sst_emu_table_free(t);
    return rc;
}
