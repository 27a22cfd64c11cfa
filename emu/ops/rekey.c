/*
 * emu/ops/rekey.c - move a directory of store layout 1 to 4 to layout 5
 * (emu/store/store.h): its item rows under the keys of emu/ops/keys.h,
 * its index rows rebuilt from the items.
 *
 * One write transaction does it all, so a crash leaves the directory as
 * it was. Each table's item rows are read into memory first (their keys
 * and values copied), then deleted and written again under their new
 * keys; the values, and so the table's counters, stay as they are. Each
 * index is dropped and built again from the items, as UpdateTable builds
 * a new one (its counters with it).
 */
#include <string.h>

#include <sst/mem.h>

#include "emu/ops/keys.h"
#include "emu/ops/ops.h"
#include "emu/ops/writes.h"
#include "emu/store/cursor.h"
#include "emu/store/item.h"
#include "emu/store/rows.h"

struct copy {
    uint8_t *key;
    size_t klen;
    uint8_t *val;
    size_t vlen;
};

static enum sst_code
nomem(struct sst_err *err)
{
    return sst_err_set(err, SST_E_NOMEM, "out of memory rekeying the store");
}

static void
free_copies(struct copy *c, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        sst_free(c[i].key);
        sst_free(c[i].val);
    }
    sst_free(c);
}

/* Every item row of t, copied. */
static enum sst_code
read_rows(struct sst_emu_txn *txn, const struct sst_emu_table *t,
          struct copy **out, size_t *count, struct sst_err *err)
{
    struct sst_emu_range range;
    struct sst_emu_cursor *c = NULL;
    struct copy *v = NULL, *grown;
    const uint8_t *key;
    const void *val;
    size_t klen, vlen, n = 0, cap = 0;
    bool found = true;
    enum sst_code rc;

    memset(&range, 0, sizeof range);
    rc = sst_emu_cursor_open(txn, t->id, SST_EMU_INDEX_TABLE, &range, &c, err);
    while (rc == SST_OK) {
        rc = sst_emu_cursor_next(c, &key, &klen, &val, &vlen, &found, err);
        if (rc != SST_OK || !found)
            break;
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            grown = sst_realloc(v, cap * sizeof *v);
            if (grown == NULL) {
                rc = nomem(err);
                break;
            }
            v = grown;
        }
        v[n].key = sst_malloc(klen);
        v[n].val = sst_malloc(vlen > 0 ? vlen : 1);
        v[n].klen = klen;
        v[n].vlen = vlen;
        n++;
        if (v[n - 1].key == NULL || v[n - 1].val == NULL) {
            rc = nomem(err);
            break;
        }
        memcpy(v[n - 1].key, key, klen);
        memcpy(v[n - 1].val, val, vlen);
    }
    sst_emu_cursor_close(c);
    if (rc != SST_OK) {
        free_copies(v, n);
        return rc;
    }
    *out = v;
    *count = n;
    return SST_OK;
}

/* Write t's item rows under their new keys, then its indexes anew. */
static enum sst_code
rekey_table(struct sst_emu_txn *txn, const struct sst_emu_table *t,
            struct sst_err *err)
{
    struct copy *rows = NULL;
    struct sst_av *item = NULL;
    struct sst_emu_key k;
    size_t n = 0, i;
    bool found;
    enum sst_code rc;

    rc = read_rows(txn, t, &rows, &n, err);
    for (i = 0; rc == SST_OK && i < n; i++)
        rc = sst_emu_rows_del(txn, t->id, SST_EMU_INDEX_TABLE, rows[i].key,
                              rows[i].klen, &found, err);
    sst_emu_key_init(&k);
    for (i = 0; rc == SST_OK && i < n; i++) {
        rc = sst_emu_item_to_av(rows[i].val, rows[i].vlen, &item, err);
        if (rc == SST_OK)
            rc = sst_emu_table_key(t, item, false, &k, err);
        if (rc == SST_OK)
            rc = sst_emu_rows_put(txn, t->id, SST_EMU_INDEX_TABLE, k.data,
                                  k.len, rows[i].val, rows[i].vlen, err);
        sst_av_free(item);
        item = NULL;
    }
    sst_emu_key_cleanup(&k);
    free_copies(rows, n);
    for (i = 0; rc == SST_OK && i < t->index_count; i++) {
        rc = sst_emu_rows_drop_index(txn, t->id, t->indexes[i].id, err);
        if (rc == SST_OK)
            rc = sst_emu_write_backfill(txn, t, &t->indexes[i], err);
    }
    return rc;
}

enum sst_code
sst_emu_rekey(struct sst_emu_store *st, struct sst_err *err)
{
    struct sst_emu_txn *txn = NULL;
    enum sst_code rc;

    if (sst_emu_store_layout(st) >= SST_EMU_STORE_FORMAT)
        return SST_OK;
    rc = sst_emu_txn_begin(st, true, &txn, err);
    if (rc == SST_OK)
        rc = sst_emu_each_table(txn, rekey_table, err);
    if (rc == SST_OK)
        rc = sst_emu_store_set_layout(txn, err);
    if (rc == SST_OK)
        return sst_emu_txn_commit(txn, err);
    sst_emu_txn_abort(txn);
    return rc;
}
