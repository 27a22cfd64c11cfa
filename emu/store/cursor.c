/*
 * emu/store/cursor.c - ordered walks over rows (see cursor.h).
 *
 * The LMDB cursor moves over physical keys (rows.h): table id | index id |
 * key bytes, or for a long key its first SST_EMU_ROW_INLINE bytes, a hash
 * and a sequence. Every key is returned through a "run": one short key,
 * or all the long keys sharing a stem, sorted by their whole keys (kept
 * at the head of their values). Bounds are checked on whole keys, so a
 * run may be partly outside them; the walk ends at the first key, in
 * true order, past the far bound.
 */
#include <stdlib.h>
#include <string.h>

#include <sst/mem.h>

#include "emu/store/cursor.h"
#include "emu/store/key.h"
#include "emu/store/rows.h"
#include "emu/store/store_int.h"

#define PREFIX_LEN 12
#define STEM_LEN (PREFIX_LEN + SST_EMU_ROW_INLINE)
#define LEN_LEN 4

struct entry {
    const uint8_t *key;
    size_t key_len;
    const void *val;
    size_t val_len;
};

struct sst_emu_cursor {
    MDB_cursor *mc;
    bool reverse;
    bool started;
    bool ended;
    /* Physical scan prefix: table id | index id | logical prefix
     * truncated to SST_EMU_ROW_INLINE bytes. */
    uint8_t scan[STEM_LEN];
    size_t scan_len;
    /* Logical bounds (owned copies). */
    uint8_t *prefix, *lo, *hi;
    size_t prefix_len, lo_len, hi_len;
    bool lo_exclusive, hi_exclusive;
    /* The run being returned. */
    struct entry *run;
    size_t run_len, run_cap, run_pos;
    /* An entry read ahead while collecting a run, not yet consumed. */
    bool pending;
    MDB_val pk, pv;
};

static int
bytes_cmp(const uint8_t *a, size_t an, const uint8_t *b, size_t bn)
{
    size_t n = an < bn ? an : bn;
    int c = n ? memcmp(a, b, n) : 0;
    return c ? c : (an > bn) - (an < bn);
}

static int
entry_cmp(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    return bytes_cmp(x->key, x->key_len, y->key, y->key_len);
}

static uint8_t *
copy_bytes(const uint8_t *p, size_t n, bool *nomem)
{
    uint8_t *c;

    if (p == NULL)
        return NULL;
    c = sst_malloc(n ? n : 1);
    if (c == NULL)
        *nomem = true;
    else if (n)
        memcpy(c, p, n);
    return c;
}

void
sst_emu_cursor_close(struct sst_emu_cursor *c)
{
    if (c == NULL)
        return;
    if (c->mc != NULL)
        mdb_cursor_close(c->mc);
    sst_free(c->prefix);
    sst_free(c->lo);
    sst_free(c->hi);
    sst_free(c->run);
    sst_free(c);
}

enum sst_code
sst_emu_cursor_open(struct sst_emu_txn *t, uint64_t table_id, uint32_t index_id,
                    const struct sst_emu_range *r, struct sst_emu_cursor **out,
                    struct sst_err *err)
{
    struct sst_emu_cursor *c;
    bool nomem = false;
    size_t keep;
    int rc;

    *out = NULL;
    if (r->prefix_len > SST_EMU_KEY_MAX || r->lo_len > SST_EMU_KEY_MAX ||
        r->hi_len > SST_EMU_KEY_MAX)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "cursor bound longer than %d bytes",
                           SST_EMU_KEY_MAX);
    c = sst_calloc(1, sizeof *c);
    if (c == NULL)
        return sst_err_set(err, SST_E_NOMEM,
                           "out of memory opening a "
                           "cursor");
    c->reverse = r->reverse;
    c->prefix = copy_bytes(r->prefix, r->prefix_len, &nomem);
    c->prefix_len = r->prefix ? r->prefix_len : 0;
    c->lo = copy_bytes(r->lo, r->lo_len, &nomem);
    c->lo_len = r->lo_len;
    c->lo_exclusive = r->lo_exclusive;
    c->hi = copy_bytes(r->hi, r->hi_len, &nomem);
    c->hi_len = r->hi_len;
    c->hi_exclusive = r->hi_exclusive;
    if (nomem) {
        sst_emu_cursor_close(c);
        return sst_err_set(err, SST_E_NOMEM,
                           "out of memory opening a "
                           "cursor");
    }
    sst_emu_put_u64(c->scan, table_id);
    sst_emu_put_u32(c->scan + 8, index_id);
    keep =
        c->prefix_len < SST_EMU_ROW_INLINE ? c->prefix_len : SST_EMU_ROW_INLINE;
    if (keep)
        memcpy(c->scan + PREFIX_LEN, c->prefix, keep);
    c->scan_len = PREFIX_LEN + keep;
    rc = mdb_cursor_open(t->txn, t->st->rows, &c->mc);
    if (rc != 0) {
        c->mc = NULL;
        sst_emu_cursor_close(c);
        return sst_emu_store_fail(err, rc, "opening a cursor");
    }
    *out = c;
    return SST_OK;
}

/* ------------------------------------------------------------------ */
/* physical positioning                                                */

/* Where a physical key lies against the scan prefix: -1 before the keys
 * that start with it, 0 among them, 1 after them. */
static int
scan_side(const struct sst_emu_cursor *c, const MDB_val *k)
{
    size_t n = k->mv_size < c->scan_len ? k->mv_size : c->scan_len;
    int d = memcmp(k->mv_data, c->scan, n);

    if (d != 0)
        return d < 0 ? -1 : 1;
    return k->mv_size < c->scan_len ? -1 : 0;
}

/* Build the physical form of a logical bound: its first
 * SST_EMU_ROW_INLINE bytes after the table and index ids, and for a long
 * bound (upper) 0xFF up to the full physical length, so that every long
 * key of its run sorts below. */
static size_t
physical_bound(const struct sst_emu_cursor *c, uint8_t *buf, const uint8_t *b,
               size_t n, bool upper)
{
    size_t keep = n < SST_EMU_ROW_INLINE ? n : SST_EMU_ROW_INLINE;

    memcpy(buf, c->scan, PREFIX_LEN);
    memcpy(buf + PREFIX_LEN, b, keep);
    if (upper && n > SST_EMU_ROW_INLINE) {
        memset(buf + STEM_LEN, 0xFF, SST_EMU_PHYS_KEY_MAX - STEM_LEN);
        return SST_EMU_PHYS_KEY_MAX;
    }
    return PREFIX_LEN + keep;
}

static int
first_forward(struct sst_emu_cursor *c, MDB_val *k, MDB_val *v)
{
    uint8_t buf[SST_EMU_PHYS_KEY_MAX];

    k->mv_data = c->scan;
    k->mv_size = c->scan_len;
    if (c->lo != NULL) {
        size_t n = physical_bound(c, buf, c->lo, c->lo_len, false);
        if (bytes_cmp(buf, n, c->scan, c->scan_len) > 0) {
            k->mv_data = buf;
            k->mv_size = n;
        }
    }
    return mdb_cursor_get(c->mc, k, v, MDB_SET_RANGE);
}

/* The smallest physical key above every key that starts with the scan
 * prefix; false when there is none (all bytes 0xFF). */
static bool
scan_successor(const struct sst_emu_cursor *c, uint8_t *buf, size_t *n)
{
    size_t i = c->scan_len;

    memcpy(buf, c->scan, c->scan_len);
    while (i > 0 && buf[i - 1] == 0xFF)
        i--;
    if (i == 0)
        return false;
    buf[i - 1]++;
    *n = i;
    return true;
}

static int
first_backward(struct sst_emu_cursor *c, MDB_val *k, MDB_val *v)
{
    uint8_t buf[SST_EMU_PHYS_KEY_MAX];
    size_t n;
    int rc;

    if (c->hi != NULL) {
        n = physical_bound(c, buf, c->hi, c->hi_len, true);
    } else if (!scan_successor(c, buf, &n)) {
        return mdb_cursor_get(c->mc, k, v, MDB_LAST);
    }
    k->mv_data = buf;
    k->mv_size = n;
    rc = mdb_cursor_get(c->mc, k, v, MDB_SET_RANGE);
    if (rc == MDB_NOTFOUND)
        return mdb_cursor_get(c->mc, k, v, MDB_LAST);
    if (rc != 0)
        return rc;
    /* An exact short upper bound is itself a candidate. */
    if (c->hi != NULL && k->mv_size == n && memcmp(k->mv_data, buf, n) == 0)
        return 0;
    return mdb_cursor_get(c->mc, k, v, MDB_PREV);
}

/* The next physical entry within the scan prefix, in walk order; returns
 * MDB_NOTFOUND at the end. */
static int
step(struct sst_emu_cursor *c, MDB_val *k, MDB_val *v)
{
    int rc, side;

    if (c->pending) {
        c->pending = false;
        *k = c->pk;
        *v = c->pv;
        return 0;
    }
    if (!c->started) {
        c->started = true;
        rc = c->reverse ? first_backward(c, k, v) : first_forward(c, k, v);
    } else {
        rc = mdb_cursor_get(c->mc, k, v, c->reverse ? MDB_PREV : MDB_NEXT);
    }
    while (rc == 0) {
        side = scan_side(c, k);
        if (side == 0)
            return 0;
        /* Going backward from an upper bound above the prefix, entries
         * above it are skipped; anything else outside it ends the walk. */
        if (!(c->reverse && side > 0))
            return MDB_NOTFOUND;
        rc = mdb_cursor_get(c->mc, k, v, MDB_PREV);
    }
    return rc;
}

/* ------------------------------------------------------------------ */
/* runs                                                                */

static bool
is_long(const MDB_val *k)
{
    return k->mv_size == SST_EMU_PHYS_KEY_MAX;
}

static enum sst_code
run_push(struct sst_emu_cursor *c, const MDB_val *k, const MDB_val *v,
         struct sst_err *err)
{
    struct entry *e;
    size_t klen;

    if (c->run_len == c->run_cap) {
        size_t cap = c->run_cap ? 2 * c->run_cap : 8;
        struct entry *bigger = sst_realloc(c->run, cap * sizeof *bigger);
        if (bigger == NULL)
            return sst_err_set(err, SST_E_NOMEM,
                               "out of memory reading "
                               "rows");
        c->run = bigger;
        c->run_cap = cap;
    }
    e = &c->run[c->run_len];
    if (!is_long(k)) {
        e->key = (const uint8_t *)k->mv_data + PREFIX_LEN;
        e->key_len = k->mv_size - PREFIX_LEN;
        e->val = v->mv_data;
        e->val_len = v->mv_size;
    } else {
        if (v->mv_size < LEN_LEN ||
            (klen = sst_emu_get_u32(v->mv_data)) > v->mv_size - LEN_LEN)
            return sst_err_set(err, SST_E_STORAGE,
                               "a long-key row is "
                               "corrupt");
        e->key = (const uint8_t *)v->mv_data + LEN_LEN;
        e->key_len = klen;
        e->val = e->key + klen;
        e->val_len = v->mv_size - LEN_LEN - klen;
    }
    c->run_len++;
    return SST_OK;
}

/* Read the next run: one short key, or every long key of one stem. */
static enum sst_code
next_run(struct sst_emu_cursor *c, bool *found, struct sst_err *err)
{
    MDB_val k, v;
    uint8_t stem[STEM_LEN];
    enum sst_code code;
    int rc;

    c->run_len = 0;
    c->run_pos = 0;
    *found = false;
    rc = step(c, &k, &v);
    if (rc == MDB_NOTFOUND)
        return SST_OK;
    if (rc != 0)
        return sst_emu_store_fail(err, rc, "reading rows");
    code = run_push(c, &k, &v, err);
    if (code != SST_OK)
        return code;
    *found = true;
    if (!is_long(&k))
        return SST_OK;
    memcpy(stem, k.mv_data, STEM_LEN);
    while ((rc = step(c, &k, &v)) == 0) {
        if (!is_long(&k) || memcmp(k.mv_data, stem, STEM_LEN) != 0) {
            c->pending = true; /* the next run's first entry */
            c->pk = k;
            c->pv = v;
            break;
        }
        code = run_push(c, &k, &v, err);
        if (code != SST_OK)
            return code;
    }
    if (rc != 0 && rc != MDB_NOTFOUND)
        return sst_emu_store_fail(err, rc, "reading rows");
    qsort(c->run, c->run_len, sizeof *c->run, entry_cmp);
    if (c->reverse) {
        size_t i;
        for (i = 0; i < c->run_len / 2; i++) {
            struct entry tmp = c->run[i];
            c->run[i] = c->run[c->run_len - 1 - i];
            c->run[c->run_len - 1 - i] = tmp;
        }
    }
    return SST_OK;
}

/* ------------------------------------------------------------------ */
/* bounds                                                              */

enum place { BEFORE, INSIDE, AFTER };

/* Where a whole key lies against the bounds, in ascending order. */
static enum place
place_of(const struct sst_emu_cursor *c, const struct entry *e)
{
    int d;

    if (c->prefix != NULL && (e->key_len < c->prefix_len ||
                              memcmp(e->key, c->prefix, c->prefix_len) != 0))
        return bytes_cmp(e->key, e->key_len, c->prefix, c->prefix_len) < 0
                   ? BEFORE
                   : AFTER;
    if (c->lo != NULL) {
        d = bytes_cmp(e->key, e->key_len, c->lo, c->lo_len);
        if (d < 0 || (d == 0 && c->lo_exclusive))
            return BEFORE;
    }
    if (c->hi != NULL) {
        d = bytes_cmp(e->key, e->key_len, c->hi, c->hi_len);
        if (d > 0 || (d == 0 && c->hi_exclusive))
            return AFTER;
    }
    return INSIDE;
}

enum sst_code
sst_emu_cursor_next(struct sst_emu_cursor *c, const uint8_t **key,
                    size_t *key_len, const void **val, size_t *val_len,
                    bool *found, struct sst_err *err)
{
    const struct entry *e;
    enum sst_code code;
    enum place p;
    bool more;

    *key = NULL;
    *key_len = 0;
    *val = NULL;
    *val_len = 0;
    *found = false;
    while (!c->ended) {
        if (c->run_pos == c->run_len) {
            code = next_run(c, &more, err);
            if (code != SST_OK)
                return code;
            if (!more) {
                c->ended = true;
                break;
            }
        }
        e = &c->run[c->run_pos++];
        p = place_of(c, e);
        if (p == (c->reverse ? BEFORE : AFTER)) {
            c->ended = true; /* past the far bound, in true order */
            break;
        }
        if (p != INSIDE)
            continue; /* not yet at the near bound */
        *key = e->key;
        *key_len = e->key_len;
        *val = e->val;
        *val_len = e->val_len;
        *found = true;
        return SST_OK;
    }
    return SST_OK;
}
