/*
 * emu/ops/ttl.c - the TTL sweeper: deletes the items whose TTL attribute
 * says they have expired, by the emulator's clock.
 *
 * As in DynamoDB: the TTL attribute is the one UpdateTimeToLive named; an
 * item expires when that attribute is a Number (epoch seconds, fractions
 * allowed) smaller than the current time; other types, and values more
 * than five years in the past, are ignored (AWS's developer guide). Until
 * a sweep removes them, expired items are still read, queried and
 * scanned, as in DynamoDB. A sweep deletes an item exactly as DeleteItem
 * does, index rows and counters included.
 *
 * A sweep reads each table with TTL enabled in batches: a read
 * transaction finds up to SWEEP_BATCH expired items, a write transaction
 * deletes those that are still expired (an item may have changed in
 * between), and the walk goes on after the last key read. Writers are
 * held up for one batch at a time, never for a whole table.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <sst/mem.h>

#include "emu/expr/num.h"
#include "emu/ops/common.h"
#include "emu/ops/ops.h"
#include "emu/ops/writes.h"
#include "emu/store/catalog.h"
#include "emu/store/cursor.h"
#include "emu/store/item.h"
#include "emu/store/key.h"
#include "emu/store/rows.h"

#define SWEEP_BATCH 256
#define LIST_PAGE 100
#define FIVE_YEARS_S (5LL * 365 * 86400)

/* The clock's bounds of expiry, as numbers of seconds. */
struct expiry {
    int64_t now_ms;        /* the sweep's time       */
    struct sst_num now;    /* expired:  ttl < now    */
    struct sst_num oldest; /* ignored:  ttl < oldest */
};

static enum sst_code
set_seconds(struct sst_num *n, int64_t ms, struct sst_err *err)
{
    char text[48];
    int64_t s = ms / 1000, f = ms % 1000;

    if (f < 0) {
        f += 1000;
        s -= 1;
    }
    snprintf(text, sizeof text, "%" PRId64 ".%03d", s, (int)f);
    return sst_num_parse(n, text, strlen(text), err);
}

/* Whether a row's TTL attribute says it has expired. */
static enum sst_code
expired(const struct sst_emu_table *t, const struct expiry *x, const void *row,
        size_t len, bool *out, struct sst_err *err)
{
    char text[SST_NUM_STR_MAX];
    struct sst_num ttl;
    bool found;
    enum sst_code rc;

    *out = false;
    rc = sst_emu_item_number(row, len, t->ttl_attr, strlen(t->ttl_attr), text,
                             &found, err);
    if (rc != SST_OK || !found)
        return rc;
    sst_num_init(&ttl);
    if (sst_num_parse(&ttl, text, strlen(text), NULL) == SST_OK)
        *out = sst_num_cmp(&ttl, &x->now) < 0 &&
               sst_num_cmp(&ttl, &x->oldest) >= 0;
    sst_num_cleanup(&ttl);
    return SST_OK;
}

/* A batch of keys: the expired items found, and where to go on. */
struct found {
    struct sst_emu_key keys[SWEEP_BATCH];
    size_t n;
    struct sst_emu_key next; /* last key read */
    bool started, done;
};

/* Read transaction: find up to SWEEP_BATCH expired items after f->next. */
static enum sst_code
find_expired(struct sst_emu_store *st, const char *name,
             const struct expiry *x, struct found *f, uint64_t *table_id,
             struct sst_err *err)
{
    const struct sst_emu_table *t = NULL;
    struct sst_emu_txn *txn = NULL;
    struct sst_emu_cursor *c = NULL;
    struct sst_emu_range range;
    const uint8_t *key;
    const void *val;
    size_t klen, vlen, seen = 0;
    bool found = true, dead;
    enum sst_code rc;

    f->n = 0;
    f->done = true;
    rc = sst_emu_txn_begin(st, false, &txn, err);
    if (rc == SST_OK)
        rc = sst_emu_catalog_get(txn, name, &t, err);
    if (rc != SST_OK || t == NULL || !t->ttl_enabled || t->ttl_attr == NULL)
        goto out;
    *table_id = t->id;
    memset(&range, 0, sizeof range);
    if (f->started) {
        range.lo = f->next.data;
        range.lo_len = f->next.len;
        range.lo_exclusive = true;
    }
    rc = sst_emu_cursor_open(txn, t->id, SST_EMU_INDEX_TABLE, &range, &c, err);
    while (rc == SST_OK && f->n < SWEEP_BATCH && seen < 16 * SWEEP_BATCH) {
        rc = sst_emu_cursor_next(c, &key, &klen, &val, &vlen, &found, err);
        if (rc != SST_OK || !found)
            break;
        seen++;
        rc = sst_emu_key_set_raw(&f->next, key, klen, err);
        f->started = true;
        if (rc == SST_OK)
            rc = expired(t, x, val, vlen, &dead, err);
        if (rc == SST_OK && dead)
            rc = sst_emu_key_set_raw(&f->keys[f->n++], key, klen, err);
    }
    f->done = rc != SST_OK || !found;
out:
    sst_emu_cursor_close(c);
    sst_emu_table_release(t);
    sst_emu_txn_abort(txn);
    return rc;
}

/* Write transaction: delete the items of f that are still expired. */
static enum sst_code
delete_expired(struct sst_emu_store *st, const char *name, uint64_t table_id,
               const struct expiry *x, const struct found *f,
               uint64_t *removed, struct sst_err *err)
{
    const struct sst_emu_table *t = NULL;
    struct sst_emu_txn *txn = NULL;
    const void *val;
    size_t len, i;
    uint64_t n = 0;
    bool found, dead;
    enum sst_code rc;

    rc = sst_emu_txn_begin(st, true, &txn, err);
    if (rc == SST_OK) {
        /* deletions by the TTL service: their stream records say so */
        sst_emu_txn_set_now(txn, x->now_ms);
        sst_emu_txn_set_service(txn, true);
    }
    if (rc == SST_OK)
        rc = sst_emu_catalog_get(txn, name, &t, err);
    /* The table may have gone or been replaced in between. */
    if (rc != SST_OK || t == NULL || t->id != table_id || !t->ttl_enabled ||
        t->ttl_attr == NULL)
        goto out;
    for (i = 0; rc == SST_OK && i < f->n; i++) {
        rc = sst_emu_rows_get(txn, t->id, SST_EMU_INDEX_TABLE, f->keys[i].data,
                              f->keys[i].len, &val, &len, &found, err);
        if (rc == SST_OK && found)
            rc = expired(t, x, val, len, &dead, err);
        if (rc == SST_OK && found && dead) {
            rc = sst_emu_write_delete(txn, t, &f->keys[i], NULL, NULL, err);
            n++;
        }
    }
    if (rc == SST_OK) {
        rc = sst_emu_txn_commit(txn, err);
        txn = NULL;
    }
    if (rc == SST_OK)
        *removed += n;
out:
    sst_emu_table_release(t);
    sst_emu_txn_abort(txn);
    return rc;
}

static enum sst_code
sweep_table(struct sst_emu_store *st, const char *name, const struct expiry *x,
            uint64_t *removed, struct sst_err *err)
{
    struct found *f;
    uint64_t table_id = 0;
    enum sst_code rc;
    size_t i;

    f = sst_calloc(1, sizeof *f);
    if (f == NULL)
        return sst_err_set(err, SST_E_NOMEM, "out of memory sweeping");
    for (i = 0; i < SWEEP_BATCH; i++)
        sst_emu_key_init(&f->keys[i]);
    sst_emu_key_init(&f->next);
    do {
        rc = find_expired(st, name, x, f, &table_id, err);
        if (rc == SST_OK && f->n > 0)
            rc = delete_expired(st, name, table_id, x, f, removed, err);
    } while (rc == SST_OK && !f->done);
    for (i = 0; i < SWEEP_BATCH; i++)
        sst_emu_key_cleanup(&f->keys[i]);
    sst_emu_key_cleanup(&f->next);
    sst_free(f);
    return rc;
}

enum sst_code
sst_emu_ttl_sweep(struct sst_emu_store *st, int64_t now_ms, uint64_t *removed,
                  struct sst_err *err)
{
    struct sst_emu_txn *txn = NULL;
    struct expiry x;
    char **names = NULL, *after = NULL;
    size_t n = 0, i;
    bool more = true;
    uint64_t count = 0;
    enum sst_code rc = SST_OK;

    sst_num_init(&x.now);
    sst_num_init(&x.oldest);
    x.now_ms = now_ms;
    rc = set_seconds(&x.now, now_ms, err);
    if (rc == SST_OK)
        rc = set_seconds(&x.oldest, now_ms - FIVE_YEARS_S * 1000, err);
    while (rc == SST_OK && more) {
        rc = sst_emu_txn_begin(st, false, &txn, err);
        if (rc == SST_OK)
            rc = sst_emu_catalog_list(txn, after, LIST_PAGE, &names, &n, &more,
                                      err);
        sst_emu_txn_abort(txn);
        txn = NULL;
        for (i = 0; rc == SST_OK && i < n; i++)
            rc = sweep_table(st, names[i], &x, &count, err);
        sst_free(after);
        after = NULL;
        if (rc == SST_OK && n > 0 && (after = sst_strdup(names[n - 1])) == NULL)
            rc = sst_err_set(err, SST_E_NOMEM, "out of memory sweeping");
        sst_emu_catalog_names_free(names, n);
        names = NULL;
        n = 0;
    }
    sst_free(after);
    sst_num_cleanup(&x.now);
    sst_num_cleanup(&x.oldest);
    if (removed != NULL)
        *removed = count;
    return rc;
}
