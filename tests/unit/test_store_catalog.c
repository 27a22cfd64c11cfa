/*
 * tests/unit/test_store_catalog.c - the catalog of tables in the
 * emulator's LMDB store: the description codec's round trip (and corrupt
 * texts), the decoded-table cache across revisions, and ListTables pages
 * in byte order.
 */
#include <stdio.h>
#include <string.h>

#include <sst/sst.h>

#include "emu/store/catalog.h"
#include "emu/store/store.h"
#include "harness.h"
#include "tests/unit/store_test_util.h"

/* ------------------------------------------------------------------ */
/* catalog                                                             */

static void
catalog_codec_round_trip(void)
{
    struct sst_emu_table *t = ts_make_table("tbl", SST_EMU_ATTR_N),
                         *back = NULL;
    char *text = NULL, *again = NULL;
    struct sst_err e;

    t->indexes = sst_calloc(1, sizeof *t->indexes);
    t->index_count = 1;
    t->indexes[0].name = sst_strdup("by-sk");
    t->indexes[0].id = 4;
    t->indexes[0].global = true;
    t->indexes[0].key.hash_count = 1;
    t->indexes[0].key.hash[0] = 1;
    t->indexes[0].projection = SST_EMU_PROJECTION_INCLUDE;
    t->indexes[0].non_key = sst_calloc(1, sizeof(char *));
    t->indexes[0].non_key[0] = sst_strdup("a\"b");
    t->indexes[0].non_key_count = 1;
    t->ttl_enabled = true;
    t->ttl_attr = sst_strdup("exp");
    t->next_index_id = 5;
    t->on_demand = (struct sst_emu_on_demand){true, 5, -1};
    t->indexes[0].on_demand = (struct sst_emu_on_demand){true, -1, -1};
    memcpy(t->table_id, "01234567-89ab-4def-8123-456789abcdef", 37);
    CU_ASSERT_EQUAL_FATAL(sst_emu_table_encode(t, &text, NULL), SST_OK);
    CU_ASSERT_EQUAL_FATAL(sst_emu_table_decode(text, strlen(text), &back, NULL),
                          SST_OK);
    SST_ASSERT_STR_EQ(back->name, "tbl");
    CU_ASSERT_EQUAL(back->attr_count, 2);
    CU_ASSERT_EQUAL(back->attrs[1].type, SST_EMU_ATTR_N);
    CU_ASSERT_EQUAL(back->key.range_count, 1);
    CU_ASSERT_EQUAL(back->index_count, 1);
    SST_ASSERT_STR_EQ(back->indexes[0].non_key[0], "a\"b");
    CU_ASSERT_EQUAL(back->indexes[0].id, 4);
    CU_ASSERT_TRUE(back->ttl_enabled);
    SST_ASSERT_STR_EQ(back->ttl_attr, "exp");
    SST_ASSERT_STR_EQ(back->table_id, "01234567-89ab-4def-8123-456789abcdef");
    CU_ASSERT_TRUE(back->on_demand.set);
    CU_ASSERT_EQUAL(back->on_demand.read, 5);
    CU_ASSERT_EQUAL(back->on_demand.write, -1);
    CU_ASSERT_TRUE(back->indexes[0].on_demand.set);
    CU_ASSERT_EQUAL(back->indexes[0].on_demand.read, -1);
    CU_ASSERT_EQUAL(back->indexes[0].on_demand.write, -1);
    CU_ASSERT_EQUAL(sst_emu_table_encode(back, &again, NULL), SST_OK);
    SST_ASSERT_STR_EQ(again, text);
    sst_free(again);
    sst_emu_table_free(back);
    back = NULL;
    /* Corrupt texts are storage errors, never crashes. */
    CU_ASSERT_EQUAL(sst_emu_table_decode("{", 1, &back, &e), SST_E_STORAGE);
    CU_ASSERT_EQUAL(sst_emu_table_decode("[]", 2, &back, &e), SST_E_STORAGE);
    text[strlen(text) / 2] = '\0';
    CU_ASSERT_EQUAL(sst_emu_table_decode(text, strlen(text), &back, &e),
                    SST_E_STORAGE);
    CU_ASSERT_PTR_NULL(back);
    CU_ASSERT_EQUAL(
        sst_emu_table_decode("{\"name\":\"x\",\"table_id\":\"short\"}", 31,
                             &back, &e),
        SST_E_STORAGE);
    sst_free(text);
    sst_emu_table_free(t);
}

/* A record's OnDemandThroughput: absent reads as none; a pair of -1 or
 * 1 and more, else the record is corrupt. */
static void
catalog_codec_on_demand(void)
{
    static const struct {
        const char *member; /* replaces "on_demand":[5,-1] */
        enum sst_code rc;
    } cases[] = {
        {"\"on_demand\":[5,-1]", SST_OK},
        {"\"on_demand\":[-1,40000]", SST_OK},
        {"\"on_demand_x\":1", SST_OK}, /* unknown members are ignored */
        {"\"on_demand\":[0,1]", SST_E_STORAGE},
        {"\"on_demand\":[1,-2]", SST_E_STORAGE},
        {"\"on_demand\":[1]", SST_E_STORAGE},
        {"\"on_demand\":[1,2,3]", SST_E_STORAGE},
        {"\"on_demand\":[\"1\",2]", SST_E_STORAGE},
        {"\"on_demand\":{}", SST_E_STORAGE},
        {"\"on_demand\":null", SST_E_STORAGE},
    };
    struct sst_emu_table *t = ts_make_table("tbl", SST_EMU_ATTR_N), *back;
    char *text = NULL, buf[2048];
    const char *at;
    struct sst_err e;
    size_t i, pre;

    memcpy(t->table_id, "01234567-89ab-4def-8123-456789abcdef", 37);
    t->next_index_id = 1;
    t->on_demand = (struct sst_emu_on_demand){true, 5, -1};
    CU_ASSERT_EQUAL_FATAL(sst_emu_table_encode(t, &text, NULL), SST_OK);
    at = strstr(text, "\"on_demand\":[5,-1]");
    CU_ASSERT_PTR_NOT_NULL_FATAL(at);
    pre = (size_t)(at - text);
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(buf, sizeof buf, "%.*s%s%s", (int)pre, text, cases[i].member,
                 at + strlen("\"on_demand\":[5,-1]"));
        back = NULL;
        CU_ASSERT_EQUAL(sst_emu_table_decode(buf, strlen(buf), &back, &e),
                        cases[i].rc);
        if (cases[i].rc == SST_OK && back != NULL)
            CU_ASSERT_EQUAL(back->on_demand.set, i < 2);
        if (cases[i].rc != SST_OK)
            CU_ASSERT_PTR_NULL(back);
        sst_emu_table_free(back);
    }
    sst_free(text);
    sst_emu_table_free(t);
}

static void
catalog_cache_follows_revisions(void)
{
    struct sst_emu_store *st = ts_open_store(NULL, 0);
    const struct sst_emu_table *a = NULL, *b = NULL, *c = NULL;
    struct sst_emu_table *m = NULL;
    struct sst_emu_txn *txn = NULL;
    uint64_t id = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    CU_ASSERT_EQUAL(ts_create_table(st, "tbl", &id), SST_OK);
    CU_ASSERT_EQUAL_FATAL(sst_emu_txn_begin(st, false, &txn, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_catalog_get(txn, "tbl", &a, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_catalog_get(txn, "tbl", &b, NULL), SST_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_PTR_EQUAL(a, b); /* one decoded copy, shared */
    CU_ASSERT_EQUAL(sst_emu_catalog_get(txn, "none", &c, NULL), SST_OK);
    CU_ASSERT_PTR_NULL(c);
    sst_emu_txn_abort(txn);

    CU_ASSERT_EQUAL_FATAL(sst_emu_txn_begin(st, true, &txn, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_catalog_load(txn, "tbl", &m, NULL), SST_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_PTR_NOT_EQUAL(m, a);
    m->ttl_enabled = true;
    m->ttl_attr = sst_strdup("exp");
    CU_ASSERT_EQUAL(sst_emu_catalog_update(txn, m, NULL), SST_OK);
    CU_ASSERT_EQUAL(m->rev, 2);
    CU_ASSERT_EQUAL(sst_emu_catalog_get(txn, "tbl", &c, NULL), SST_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CU_ASSERT_PTR_NOT_EQUAL(c, a); /* the stale copy is not used */
    CU_ASSERT_TRUE(c->ttl_enabled);
    CU_ASSERT_FALSE(a->ttl_enabled); /* holders keep their snapshot */
    sst_emu_table_release(c);
    c = NULL;
    CU_ASSERT_EQUAL(sst_emu_catalog_delete(txn, m, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_catalog_get(txn, "tbl", &c, NULL), SST_OK);
    CU_ASSERT_PTR_NULL(c);
    CU_ASSERT_EQUAL(sst_emu_catalog_update(txn, m, NULL), SST_E_NOT_FOUND);
    CU_ASSERT_EQUAL(sst_emu_txn_commit(txn, NULL), SST_OK);
    sst_emu_table_free(m);
    sst_emu_table_release(a);
    sst_emu_table_release(b);
    sst_emu_store_close(st);
}

static void
catalog_list_pages(void)
{
    struct sst_emu_store *st = ts_open_store(NULL, 0);
    struct sst_emu_txn *txn = NULL;
    static const char *const names[] = {"b-tab", "A_tab", "abc", "Zeta",
                                        "a.tab"};
    char **got = NULL;
    size_t n = 0, i;
    bool more;

    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    for (i = 0; i < 5; i++)
        CU_ASSERT_EQUAL(ts_create_table(st, names[i], NULL), SST_OK);
    CU_ASSERT_EQUAL_FATAL(sst_emu_txn_begin(st, false, &txn, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_catalog_list(txn, NULL, 2, &got, &n, &more, NULL),
                    SST_OK);
    CU_ASSERT_EQUAL(n, 2);
    CU_ASSERT_TRUE(more);
    SST_ASSERT_STR_EQ(got[0], "A_tab"); /* byte order: upper case first */
    SST_ASSERT_STR_EQ(got[1], "Zeta");
    sst_emu_catalog_names_free(got, n);
    CU_ASSERT_EQUAL(sst_emu_catalog_list(txn, "Zeta", 3, &got, &n, &more, NULL),
                    SST_OK);
    CU_ASSERT_EQUAL(n, 3);
    CU_ASSERT_FALSE(more);
    SST_ASSERT_STR_EQ(got[0], "a.tab");
    SST_ASSERT_STR_EQ(got[2], "b-tab");
    sst_emu_catalog_names_free(got, n);
    CU_ASSERT_EQUAL(sst_emu_catalog_list(txn, "aa", 10, &got, &n, &more, NULL),
                    SST_OK);
    CU_ASSERT_EQUAL(n, 2);
    SST_ASSERT_STR_EQ(got[0], "abc");
    sst_emu_catalog_names_free(got, n);
    sst_emu_txn_abort(txn);
    sst_emu_store_close(st);
}

static const struct sst_test catalog_tests[] = {
    {"description codec round trip", catalog_codec_round_trip},
    {"description codec: OnDemandThroughput", catalog_codec_on_demand},
    {"cache follows revisions", catalog_cache_follows_revisions},
    {"list pages in byte order", catalog_list_pages},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"catalog", NULL, NULL, catalog_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_store_catalog", suites);
}
