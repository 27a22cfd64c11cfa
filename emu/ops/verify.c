/*
 * emu/ops/verify.c - a consistency check of the stored data (see
 * sst_emu_verify in ops.h): recompute, from the item rows alone, every
 * index row and every counter, and compare them with what is stored.
 * One read transaction, so the check sees one consistent snapshot.
 */
#include <string.h>

#include <sst/mem.h>

#include "emu/ops/capacity.h"
#include "emu/ops/keys.h"
#include "emu/ops/ops.h"
#include "emu/ops/writes.h"
#include "emu/store/catalog.h"
#include "emu/store/cursor.h"
#include "emu/store/item.h"
#include "emu/store/rows.h"

#define LIST_PAGE 100

/* What the items of one table call for. */
struct expect {
    uint64_t count[SST_EMU_MAX_INDEXES + 1]; /* [0]: the table itself */
    uint64_t bytes[SST_EMU_MAX_INDEXES + 1];
};

static enum sst_code
bad(struct sst_err *err, const struct sst_emu_table *t, const char *what)
{
    return sst_err_set(err, SST_E_STORAGE, "table %s: %s", t->name, what);
}

/* Whether a stored entry holds exactly the projected attributes, in
 * any order (an entry left unchanged by a write keeps its old order). */
static bool
same_projection(const struct sst_av *stored, const struct sst_av_entry **attrs,
                size_t n)
{
    const struct sst_av *v;
    size_t i;

    if (stored->u.map.len != n)
        return false;
    for (i = 0; i < n; i++) {
        v = sst_av_map_get(stored, attrs[i]->name.ptr, attrs[i]->name.len);
        if (v == NULL || !sst_av_equal(v, attrs[i]->value))
            return false;
    }
    return true;
}

/* A row's stored text, if any, is the printing of its attributes. */
static enum sst_code
text_ok(const struct sst_emu_table *t, const void *row, size_t len,
        struct sst_err *err)
{
    bool ok;
    enum sst_code rc = sst_emu_item_text_ok(row, len, &ok, err);

    if (rc == SST_OK && !ok)
        rc = bad(err, t, "a row's stored text disagrees with its attributes");
    return rc;
}

/* The index row one item calls for is stored, with its projection. */
static enum sst_code
check_entry(struct sst_emu_txn *txn, const struct sst_emu_table *t, size_t i,
            const struct sst_av *item, struct expect *e, struct sst_err *err)
{
    const struct sst_emu_index *ix = &t->indexes[i];
    const struct sst_av_entry **attrs = NULL;
    struct sst_av *stored = NULL;
    struct sst_emu_key key;
    const void *val;
    size_t len, n;
    uint64_t size;
    bool present, found;
    enum sst_code rc;

    sst_emu_key_init(&key);
    rc = sst_emu_index_row_key(t, ix, item, &key, &present, err);
    /* An index key violation has no row (writes.c). */
    if (rc != SST_OK || !present ||
        sst_emu_check_index_key(t, ix, item, NULL) != SST_OK)
        goto out;
    attrs = sst_malloc((item->u.map.len + 1) * sizeof *attrs);
    if (attrs == NULL) {
        rc = sst_err_set(err, SST_E_NOMEM, "out of memory verifying");
        goto out;
    }
    n = sst_emu_index_project(t, ix, item, attrs);
    rc = sst_emu_rows_get(txn, t->id, ix->id, key.data, key.len, &val, &len,
                          &found, err);
    if (rc != SST_OK)
        goto out;
    if (!found) {
        rc = bad(err, t, "an item has no row in one of its indexes");
        goto out;
    }
    rc = sst_emu_item_to_av(val, len, &stored, err);
    if (rc == SST_OK && !same_projection(stored, attrs, n))
        rc = bad(err, t, "an index row disagrees with its item");
    if (rc == SST_OK)
        rc = text_ok(t, val, len, err);
    if (rc == SST_OK)
        rc = sst_emu_item_size(val, len, &size, err);
    if (rc == SST_OK && size != sst_av_item_size(stored))
        rc = bad(err, t, "an index row's recorded size is wrong");
    if (rc == SST_OK) {
        e->count[i + 1]++;
        e->bytes[i + 1] += size;
    }
out:
    sst_free(attrs);
    sst_av_free(stored);
    sst_emu_key_cleanup(&key);
    return rc;
}

static enum sst_code
check_item(struct sst_emu_txn *txn, const struct sst_emu_table *t,
           const uint8_t *key, size_t klen, const void *val, size_t vlen,
           struct expect *e, struct sst_err *err)
{
    struct sst_av *item = NULL;
    struct sst_emu_key own;
    uint64_t size;
    enum sst_code rc;
    size_t i;

    sst_emu_key_init(&own);
    rc = sst_emu_item_size(val, vlen, &size, err);
    if (rc == SST_OK)
        rc = sst_emu_item_to_av(val, vlen, &item, err);
    if (rc == SST_OK && sst_emu_table_key(t, item, false, &own, NULL) != SST_OK)
        rc = bad(err, t, "an item lacks a valid key");
    if (rc == SST_OK && (own.len != klen || memcmp(own.data, key, klen) != 0))
        rc = bad(err, t, "an item is stored under another key");
    if (rc == SST_OK && size != sst_av_item_size(item))
        rc = bad(err, t, "an item's recorded size is wrong");
    if (rc == SST_OK)
        rc = text_ok(t, val, vlen, err);
    if (rc == SST_OK) {
        e->count[0]++;
        e->bytes[0] += size;
    }
    for (i = 0; rc == SST_OK && i < t->index_count; i++)
        rc = check_entry(txn, t, i, item, e, err);
    sst_av_free(item);
    sst_emu_key_cleanup(&own);
    return rc;
}

static enum sst_code
check_counters(struct sst_emu_txn *txn, const struct sst_emu_table *t,
               const struct expect *e, struct sst_err *err)
{
    uint64_t count, bytes, rows;
    uint32_t id;
    enum sst_code rc = SST_OK;
    size_t i;

    for (i = 0; rc == SST_OK && i <= t->index_count; i++) {
        id = i == 0 ? SST_EMU_INDEX_TABLE : t->indexes[i - 1].id;
        rc = sst_emu_stats_get(txn, t->id, id, &count, &bytes, err);
        if (rc == SST_OK)
            rc = sst_emu_rows_count(txn, t->id, id, &rows, err);
        if (rc != SST_OK)
            break;
        if (rows != e->count[i])
            rc = bad(err, t, i == 0 ? "item rows are missing or extra"
                                    : "an index holds rows no item calls for");
        else if (count != e->count[i] || bytes != e->bytes[i])
            rc = bad(err, t, "a counter disagrees with the rows");
    }
    return rc;
}

static enum sst_code
check_table(struct sst_emu_txn *txn, const struct sst_emu_table *t,
            struct sst_err *err)
{
    struct sst_emu_range range;
    struct sst_emu_cursor *c = NULL;
    struct expect *e;
    const uint8_t *key;
    const void *val;
    size_t klen, vlen;
    bool found = true;
    enum sst_code rc;

    e = sst_calloc(1, sizeof *e);
    if (e == NULL)
        return sst_err_set(err, SST_E_NOMEM, "out of memory verifying");
    memset(&range, 0, sizeof range);
    rc = sst_emu_cursor_open(txn, t->id, SST_EMU_INDEX_TABLE, &range, &c, err);
    while (rc == SST_OK) {
        rc = sst_emu_cursor_next(c, &key, &klen, &val, &vlen, &found, err);
        if (rc != SST_OK || !found)
            break;
        rc = check_item(txn, t, key, klen, val, vlen, e, err);
    }
    sst_emu_cursor_close(c);
    if (rc == SST_OK)
        rc = check_counters(txn, t, e, err);
    sst_free(e);
    return rc;
}

enum sst_code
sst_emu_each_table(struct sst_emu_txn *txn, sst_emu_table_fn *fn,
                   struct sst_err *err)
{
    const struct sst_emu_table *t = NULL;
    char **names = NULL, *after = NULL;
    size_t n = 0, i;
    bool more = true;
    enum sst_code rc = SST_OK;

    while (rc == SST_OK && more) {
        rc = sst_emu_catalog_list(txn, after, LIST_PAGE, &names, &n, &more,
                                  err);
        for (i = 0; rc == SST_OK && i < n; i++) {
            rc = sst_emu_catalog_get(txn, names[i], &t, err);
            if (rc == SST_OK && t != NULL)
                rc = fn(txn, t, err);
            sst_emu_table_release(t);
            t = NULL;
        }
        sst_free(after);
        after = NULL;
        if (rc == SST_OK && n > 0 && (after = sst_strdup(names[n - 1])) == NULL)
            rc = sst_err_set(err, SST_E_NOMEM, "out of memory listing tables");
        sst_emu_catalog_names_free(names, n);
        names = NULL;
        n = 0;
    }
    sst_free(after);
    return rc;
}

enum sst_code
sst_emu_verify(struct sst_emu_store *st, struct sst_err *err)
{
    struct sst_emu_txn *txn = NULL;
    enum sst_code rc;

    rc = sst_emu_txn_begin(st, false, &txn, err);
    if (rc == SST_OK)
        rc = sst_emu_each_table(txn, check_table, err);
    sst_emu_txn_abort(txn);
    return rc;
}
