/*
 * emu/ops/writes.c - item rows, index rows and counters, written together
 * (see writes.h).
 */
#include <math.h>
#include <string.h>

#include <sst/mem.h>

#include "emu/ops/common.h"
#include "emu/ops/keys.h"
#include "emu/ops/streams.h"
#include "emu/ops/writes.h"
#include "emu/store/cursor.h"
#include "emu/store/item.h"
#include "emu/store/rows.h"

#define BACKFILL_BATCH 256
#define GB (1024.0 * 1024.0 * 1024.0)

void
sst_emu_old_item_cleanup(struct sst_emu_old_item *o)
{
    if (o == NULL)
        return;
    sst_av_free(o->av);
    json_object_put(o->json);
    o->av = NULL;
    o->json = NULL;
    o->found = false;
    o->size = 0;
}

bool
sst_emu_has_lsi(const struct sst_emu_table *t)
{
    size_t i;

    for (i = 0; i < t->index_count; i++)
        if (!t->indexes[i].global)
            return true;
    return false;
}

size_t
sst_emu_index_project(const struct sst_emu_table *t,
                      const struct sst_emu_index *ix, const struct sst_av *item,
                      const struct sst_av_entry **attrs)
{
    const struct sst_av_entry *e;
    size_t i, n = 0;

    for (i = 0; i < item->u.map.len; i++) {
        e = &item->u.map.v[i];
        if (sst_emu_index_projects(t, ix, e->name.ptr, e->name.len))
            attrs[n++] = e;
    }
    return n;
}

static uint64_t
entries_size(const struct sst_av_entry *const *attrs, size_t n)
{
    uint64_t size = 0;
    size_t i;

    for (i = 0; i < n; i++)
        size += attrs[i]->name.len + sst_av_size(attrs[i]->value);
    return size;
}

/* Whether two projections hold the same attributes with equal values,
 * whatever their order. */
static bool
entries_equal(const struct sst_av_entry *const *a, size_t na,
              const struct sst_av_entry *const *b, size_t nb)
{
    size_t i, j;

    if (na != nb)
        return false;
    for (i = 0; i < na; i++) {
        for (j = 0; j < nb; j++)
            if (a[i]->name.len == b[j]->name.len &&
                memcmp(a[i]->name.ptr, b[j]->name.ptr, a[i]->name.len) == 0)
                break;
        if (j == nb || !sst_av_equal(a[i]->value, b[j]->value))
            return false;
    }
    return true;
}

static enum sst_code
nomem(struct sst_err *err)
{
    return sst_err_set(err, SST_E_NOMEM, "out of memory writing an item");
}

/* ------------------------------------------------------------------ */
/* index rows                                                          */

/* One item's side of an index: its row key and projection. */
struct side {
    bool present;
    struct sst_emu_key key;
    const struct sst_av_entry **attrs;
    size_t n;
    uint64_t size;
};

static void
side_cleanup(struct side *s)
{
    sst_emu_key_cleanup(&s->key);
    sst_free(s->attrs);
}

static enum sst_code
side_init(struct side *s, const struct sst_emu_table *t,
          const struct sst_emu_index *ix, const struct sst_av *item,
          struct sst_err *err)
{
    enum sst_code rc;

    memset(s, 0, sizeof *s);
    sst_emu_key_init(&s->key);
    if (item == NULL)
        return SST_OK;
    rc = sst_emu_index_row_key(t, ix, item, &s->key, &s->present, err);
    if (rc != SST_OK || !s->present)
        return rc;
    /* An item stored before its index existed may break the index's key
     * rules (an index key violation): it has no row there. */
    if (sst_emu_check_index_key(t, ix, item, NULL) != SST_OK) {
        s->present = false;
        return SST_OK;
    }
    s->attrs = sst_malloc((item->u.map.len + 1) * sizeof *s->attrs);
    if (s->attrs == NULL)
        return nomem(err);
    s->n = sst_emu_index_project(t, ix, item, s->attrs);
    s->size = entries_size(s->attrs, s->n);
    return SST_OK;
}

/* Write the new side's row: for an ALL projection its bytes are the
 * item row's. */
static enum sst_code
put_entry(struct sst_emu_txn *txn, const struct sst_emu_table *t,
          const struct sst_emu_index *ix, const struct side *s,
          const struct sst_emu_buf *item_row, struct sst_err *err)
{
    struct sst_emu_buf entry = {0};
    enum sst_code rc;

    if (ix->projection == SST_EMU_PROJECTION_ALL && item_row != NULL)
        return sst_emu_rows_put(txn, t->id, ix->id, s->key.data, s->key.len,
                                item_row->data, item_row->len, err);
    rc = sst_emu_item_encode(s->attrs, s->n, &entry, err);
    if (rc == SST_OK && sst_emu_txn_text(txn))
        rc = sst_emu_item_add_text(&entry, err);
    if (rc == SST_OK)
        rc = sst_emu_rows_put(txn, t->id, ix->id, s->key.data, s->key.len,
                              entry.data, entry.len, err);
    sst_emu_buf_cleanup(&entry);
    return rc;
}

static enum sst_code
del_entry(struct sst_emu_txn *txn, const struct sst_emu_table *t,
          const struct sst_emu_index *ix, const struct side *s,
          struct sst_err *err)
{
    bool found;
    enum sst_code rc;

    rc = sst_emu_rows_del(txn, t->id, ix->id, s->key.data, s->key.len, &found,
                          err);
    if (rc == SST_OK && !found)
        rc = sst_err_set(err, SST_E_STORAGE,
                         "index %s lacks the row of an item", ix->name);
    if (rc == SST_OK)
        rc = sst_emu_stats_add(txn, t->id, ix->id, -1, -(int64_t)s->size, err);
    return rc;
}

/* Bring index number i up to date for an item going from old_item to
 * item (either may be NULL). */
static enum sst_code
update_index(struct sst_emu_txn *txn, const struct sst_emu_table *t, size_t i,
             const struct sst_av *old_item, const struct sst_av *item,
             const struct sst_emu_buf *item_row, struct sst_emu_capacity *cap,
             struct sst_err *err)
{
    const struct sst_emu_index *ix = &t->indexes[i];
    struct side o, n;
    int64_t half = 0;
    bool same_key;
    enum sst_code rc;

    rc = side_init(&o, t, ix, old_item, err);
    if (rc == SST_OK)
        rc = side_init(&n, t, ix, item, err);
    else
        side_init(&n, t, ix, NULL, NULL);
    if (rc != SST_OK)
        goto out;
    same_key = o.present && n.present && o.key.len == n.key.len &&
               memcmp(o.key.data, n.key.data, o.key.len) == 0;
    if (o.present && !same_key) {
        rc = del_entry(txn, t, ix, &o, err);
        half += sst_emu_write_half_units(o.size);
    }
    if (rc != SST_OK || !n.present)
        goto out;
    if (!same_key) {
        rc = put_entry(txn, t, ix, &n, item_row, err);
        if (rc == SST_OK)
            rc = sst_emu_stats_add(txn, t->id, ix->id, 1, (int64_t)n.size, err);
        half += sst_emu_write_half_units(n.size);
    } else if (!entries_equal(o.attrs, o.n, n.attrs, n.n)) {
        rc = put_entry(txn, t, ix, &n, item_row, err);
        if (rc == SST_OK)
            rc = sst_emu_stats_add(txn, t->id, ix->id, 0,
                                   (int64_t)n.size - (int64_t)o.size, err);
        half += sst_emu_write_half_units(n.size > o.size ? n.size : o.size);
    }
out:
    if (rc == SST_OK && half > 0 && cap != NULL)
        sst_emu_capacity_index(cap, i, half);
    side_cleanup(&o);
    side_cleanup(&n);
    return rc;
}

/* ------------------------------------------------------------------ */
/* items                                                               */

/* Read the item under key before it is changed: its size, and its value
 * or JSON as the caller and the indexes need them. */
static enum sst_code
read_old(struct sst_emu_txn *txn, const struct sst_emu_table *t,
         const struct sst_emu_key *key, struct sst_emu_old_item *old,
         struct sst_av **old_av, uint64_t *old_size, bool *found,
         struct sst_err *err)
{
    const void *val;
    size_t len;
    enum sst_code rc;

    *old_av = NULL;
    *old_size = 0;
    rc = sst_emu_rows_get(txn, t->id, SST_EMU_INDEX_TABLE, key->data, key->len,
                          &val, &len, found, err);
    if (rc != SST_OK || !*found)
        return rc;
    rc = sst_emu_item_size(val, len, old_size, err);
    if (rc == SST_OK && (t->index_count > 0 || (old && old->want_av) ||
                         t->stream_view != SST_EMU_STREAM_NONE))
        rc = sst_emu_item_to_av(val, len, old_av, err);
    /* Without the value at hand, JSON straight from the row is fastest. */
    if (rc == SST_OK && old && old->want_json && *old_av == NULL)
        rc = sst_emu_item_to_json(val, len, NULL, 0, &old->json, err);
    return rc;
}

/* Hand the old item to the caller as asked. */
static enum sst_code
give_old(struct sst_emu_old_item *old, bool found, uint64_t size,
         struct sst_av **old_av, struct sst_err *err)
{
    enum sst_code rc = SST_OK;

    if (old == NULL)
        return SST_OK;
    old->found = found;
    old->size = size;
    if (found && old->want_json && old->json == NULL)
        rc = sst_av_encode_item(*old_av, &old->json, err);
    if (found && old->want_av) {
        old->av = *old_av;
        *old_av = NULL;
    }
    return rc;
}

enum sst_code
sst_emu_write_put(struct sst_emu_txn *txn, const struct sst_emu_table *t,
                  const struct sst_av *item, const struct sst_emu_key *key,
                  struct sst_emu_old_item *old, struct sst_emu_capacity *cap,
                  struct sst_err *err)
{
    return sst_emu_write_put_row(txn, t, item, NULL, key, old, cap, err);
}

/* Whether a row given to write_put_row has the text state txn writes. */
static bool
row_fits(const struct sst_emu_txn *txn, const struct sst_emu_buf *row)
{
    const char *text;
    size_t n;
    uint32_t crc, op;

    return row != NULL && sst_emu_item_text(row->data, row->len, &text, &n,
                                            &crc, &op) == sst_emu_txn_text(txn);
}

enum sst_code
sst_emu_write_put_row(struct sst_emu_txn *txn, const struct sst_emu_table *t,
                      const struct sst_av *item,
                      const struct sst_emu_buf *given,
                      const struct sst_emu_key *key,
                      struct sst_emu_old_item *old,
                      struct sst_emu_capacity *cap, struct sst_err *err)
{
    struct sst_emu_buf own = {0};
    const struct sst_emu_buf *row = &own;
    struct sst_av *old_av = NULL;
    uint64_t old_size = 0, new_size;
    bool found = false;
    enum sst_code rc;
    size_t i;

    rc = read_old(txn, t, key, old, &old_av, &old_size, &found, err);
    if (rc == SST_OK && row_fits(txn, given)) {
        row = given;
    } else {
        if (rc == SST_OK)
            rc = sst_emu_item_encode_av(item, &own, err);
        if (rc == SST_OK && sst_emu_txn_text(txn))
            rc = sst_emu_item_add_text(&own, err);
    }
    if (rc == SST_OK)
        rc = sst_emu_item_size(row->data, row->len, &new_size, err);
    if (rc != SST_OK)
        goto out;
    rc = sst_emu_rows_put(txn, t->id, SST_EMU_INDEX_TABLE, key->data, key->len,
                          row->data, row->len, err);
    if (rc == SST_OK)
        rc = sst_emu_stats_add(txn, t->id, SST_EMU_INDEX_TABLE, found ? 0 : 1,
                               (int64_t)new_size - (int64_t)old_size, err);
    for (i = 0; rc == SST_OK && i < t->index_count; i++)
        rc = update_index(txn, t, i, old_av, item, row, cap, err);
    if (rc == SST_OK && t->stream_view != SST_EMU_STREAM_NONE)
        rc = sst_emu_stream_record(txn, t, found ? old_av : NULL, item, err);
    if (rc == SST_OK && cap != NULL)
        cap->table_half +=
            sst_emu_write_half_units(new_size > old_size ? new_size : old_size);
    if (rc == SST_OK)
        rc = give_old(old, found, old_size, &old_av, err);
out:
    sst_av_free(old_av);
    sst_emu_buf_cleanup(&own);
    return rc;
}

enum sst_code
sst_emu_write_delete(struct sst_emu_txn *txn, const struct sst_emu_table *t,
                     const struct sst_emu_key *key,
                     struct sst_emu_old_item *old, struct sst_emu_capacity *cap,
                     struct sst_err *err)
{
    struct sst_av *old_av = NULL;
    uint64_t old_size = 0;
    bool found = false, gone;
    enum sst_code rc;
    size_t i;

    rc = read_old(txn, t, key, old, &old_av, &old_size, &found, err);
    if (rc != SST_OK || !found)
        goto done;
    rc = sst_emu_rows_del(txn, t->id, SST_EMU_INDEX_TABLE, key->data, key->len,
                          &gone, err);
    if (rc == SST_OK)
        rc = sst_emu_stats_add(txn, t->id, SST_EMU_INDEX_TABLE, -1,
                               -(int64_t)old_size, err);
    for (i = 0; rc == SST_OK && i < t->index_count; i++)
        rc = update_index(txn, t, i, old_av, NULL, NULL, cap, err);
    if (rc == SST_OK && t->stream_view != SST_EMU_STREAM_NONE)
        rc = sst_emu_stream_record(txn, t, old_av, NULL, err);
done:
    /* DynamoDB: deleting a missing item still costs a write. */
    if (rc == SST_OK && cap != NULL)
        cap->table_half += sst_emu_write_half_units(old_size);
    if (rc == SST_OK)
        rc = give_old(old, found, old_size, &old_av, err);
    sst_av_free(old_av);
    return rc;
}

/* ------------------------------------------------------------------ */
/* backfill                                                            */

/* A batch of item rows copied out of LMDB, so that the transaction may
 * write while the batch is processed. */
struct batch {
    struct sst_emu_buf rows[BACKFILL_BATCH];
    struct sst_emu_buf last; /* key of the last row read */
    size_t n;
    bool more;
};

/* Make b a copy of n bytes at p. */
static bool
copy_bytes(struct sst_emu_buf *b, const void *p, size_t n)
{
    uint8_t *d;

    if (b->cap < n || b->data == NULL) {
        d = sst_realloc(b->data, n ? n : 1);
        if (d == NULL)
            return false;
        b->data = d;
        b->cap = n ? n : 1;
    }
    if (n > 0)
        memcpy(b->data, p, n);
    b->len = n;
    return true;
}

static enum sst_code
read_batch(struct sst_emu_txn *txn, const struct sst_emu_table *t,
           struct batch *b, bool first, struct sst_err *err)
{
    struct sst_emu_range range;
    struct sst_emu_cursor *c = NULL;
    const uint8_t *key;
    const void *val;
    size_t klen, vlen;
    bool found = true;
    enum sst_code rc;

    memset(&range, 0, sizeof range);
    if (!first) {
        range.lo = b->last.data;
        range.lo_len = b->last.len;
        range.lo_exclusive = true;
    }
    b->n = 0;
    b->more = false;
    rc = sst_emu_cursor_open(txn, t->id, SST_EMU_INDEX_TABLE, &range, &c, err);
    while (rc == SST_OK && b->n < BACKFILL_BATCH) {
        rc = sst_emu_cursor_next(c, &key, &klen, &val, &vlen, &found, err);
        if (rc != SST_OK || !found)
            break;
        if (!copy_bytes(&b->rows[b->n], val, vlen) ||
            !copy_bytes(&b->last, key, klen)) {
            rc = nomem(err);
            break;
        }
        b->n++;
    }
    if (rc == SST_OK && found && b->n == BACKFILL_BATCH)
        b->more = true;
    sst_emu_cursor_close(c);
    return rc;
}

enum sst_code
sst_emu_write_backfill(struct sst_emu_txn *txn, const struct sst_emu_table *t,
                       const struct sst_emu_index *ix, struct sst_err *err)
{
    struct batch *b;
    struct sst_av *item = NULL;
    enum sst_code rc;
    bool first = true;
    size_t i, pos = (size_t)(ix - t->indexes);

    b = sst_calloc(1, sizeof *b);
    if (b == NULL)
        return nomem(err);
    do {
        rc = read_batch(txn, t, b, first, err);
        first = false;
        for (i = 0; rc == SST_OK && i < b->n; i++) {
            rc = sst_emu_item_to_av(b->rows[i].data, b->rows[i].len, &item,
                                    err);
            /* DynamoDB leaves out items whose index key attributes have
             * the wrong type or an empty value (index key violations). */
            if (rc == SST_OK && sst_emu_check_index_key(t, ix, item, NULL) ==
                                    SST_OK)
                rc = update_index(txn, t, pos, NULL, item, NULL, NULL, err);
            sst_av_free(item);
            item = NULL;
        }
    } while (rc == SST_OK && b->more);
    for (i = 0; i < BACKFILL_BATCH; i++)
        sst_emu_buf_cleanup(&b->rows[i]);
    sst_emu_buf_cleanup(&b->last);
    sst_free(b);
    return rc;
}

/* ------------------------------------------------------------------ */
/* item collections                                                    */

/* Sum of the sizes of the rows of one index under a key prefix. */
static enum sst_code
prefix_size(struct sst_emu_txn *txn, uint64_t table_id, uint32_t index_id,
            const struct sst_emu_key *prefix, uint64_t *total,
            struct sst_err *err)
{
    struct sst_emu_range range;
    struct sst_emu_cursor *c = NULL;
    const uint8_t *key;
    const void *val;
    size_t klen, vlen;
    uint64_t size;
    bool found = true;
    enum sst_code rc;

    memset(&range, 0, sizeof range);
    range.prefix = prefix->data;
    range.prefix_len = prefix->len;
    rc = sst_emu_cursor_open(txn, table_id, index_id, &range, &c, err);
    while (rc == SST_OK) {
        rc = sst_emu_cursor_next(c, &key, &klen, &val, &vlen, &found, err);
        if (rc != SST_OK || !found)
            break;
        rc = sst_emu_item_size(val, vlen, &size, err);
        *total += size;
    }
    sst_emu_cursor_close(c);
    return rc;
}

enum sst_code
sst_emu_item_collection(struct sst_emu_txn *txn, const struct sst_emu_table *t,
                        const struct sst_av *attrs, struct json_object **out,
                        struct sst_err *err)
{
    struct sst_emu_json b = {false};
    struct json_object *o = NULL, *key, *range, *v = NULL;
    const char *pk = sst_emu_attr_name(t, t->key.hash[0]);
    const struct sst_av *pv = sst_av_map_get(attrs, pk, strlen(pk));
    struct sst_emu_key prefix;
    uint64_t total = 0;
    double gb;
    enum sst_code rc;
    size_t i;

    *out = NULL;
    if (!sst_emu_has_lsi(t) || pv == NULL)
        return SST_OK;
    sst_emu_key_init(&prefix);
    rc = sst_emu_partition_prefix(t, NULL, pv, &prefix, err);
    if (rc == SST_OK)
        rc = prefix_size(txn, t->id, SST_EMU_INDEX_TABLE, &prefix, &total, err);
    /* A local index row starts with the same bytes. */
    for (i = 0; rc == SST_OK && i < t->index_count; i++)
        if (!t->indexes[i].global)
            rc = prefix_size(txn, t->id, t->indexes[i].id, &prefix, &total,
                             err);
    sst_emu_key_cleanup(&prefix);
    if (rc == SST_OK)
        rc = sst_av_encode(pv, &v, err);
    if (rc != SST_OK)
        return rc;
    gb = floor((double)total / GB);
    o = json_object_new_object();
    key =
        sst_emu_json_add(&b, o, "ItemCollectionKey", json_object_new_object());
    sst_emu_json_add(&b, key, pk, v);
    range = sst_emu_json_add(&b, o, "SizeEstimateRangeGB",
                             json_object_new_array());
    sst_emu_json_push(&b, range, json_object_new_double(gb));
    sst_emu_json_push(&b, range, json_object_new_double(gb + 1.0));
    if (b.failed) {
        json_object_put(o);
        return nomem(err);
    }
    *out = o;
    return SST_OK;
}
