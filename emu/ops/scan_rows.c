/*
 * emu/ops/scan_rows.c - the rows a Query or Scan walks, in DynamoDB
 * Local's order (scan.h).
 *
 * The row keys (emu/ops/keys.h) give that order in a plain walk, but for
 * one case: a Scan of a local index orders the rows whose partition and
 * index sort key are equal by the table's sort key, where the index's
 * rows (and its Queries) order them by the sort key's hash. Such a run is
 * read whole, its rows sorted by their table row keys (which differ only
 * by the sort key there), and returned from memory. The keys and values
 * stay LMDB's memory: the walk's transaction does not write.
 */
#include <stdlib.h>
#include <string.h>

#include <sst/mem.h>

#include "emu/ops/keys.h"
#include "emu/ops/query_key.h"
#include "emu/ops/scan.h"
#include "emu/store/cursor.h"

struct row {
    const uint8_t *key, *tk; /* the row key; its table row key */
    size_t klen, tlen;
    const void *val;
    size_t vlen;
};

struct sst_emu_scan_rows {
    const struct sst_emu_scan *s;
    struct sst_emu_txn *txn;
    struct sst_emu_cursor *c;
    size_t part; /* the partition read (s->parts), counting from the first */
    bool runs;   /* a Scan of a local index */
    bool bound;  /* a segment of a table or local index: stop past it */
    /* runs: the run being returned, and the row read past its end */
    struct row *run;
    size_t n, cap, at;
    struct row next;
    bool has_next, cursor_done, eof, first;
};

static enum sst_code
nomem(struct sst_err *err)
{
    return sst_err_set(err, SST_E_NOMEM, "out of memory");
}

static bool
key_lt(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
    int c = memcmp(a, b, alen < blen ? alen : blen);

    return c < 0 || (c == 0 && alen < blen);
}

static int
by_table_key(const void *a, const void *b)
{
    const struct row *x = a, *y = b;

    if (key_lt(x->tk, x->tlen, y->tk, y->tlen))
        return -1;
    return key_lt(y->tk, y->tlen, x->tk, x->tlen) ? 1 : 0;
}

/* Open r's cursor: on the table or index, or on partition `part` of a
 * SELECT of several (counted from s->part_first, in the walk's
 * direction). */
static enum sst_code
open_cursor(struct sst_emu_scan_rows *r, size_t part, struct sst_err *err)
{
    const struct sst_emu_scan *s = r->s;
    const struct sst_emu_scan_part *p = NULL;
    struct sst_emu_range range;
    bool start = s->has_start;
    size_t run;

    memset(&range, 0, sizeof range);
    if (s->parts_n > 0) {
        p = s->parts[s->parts_desc ? s->part_first - part
                                   : s->part_first + part];
        start = start && part == 0 && s->part_start;
    }
    if (s->query) {
        range.prefix = p ? p->prefix.data : s->prefix.data;
        range.prefix_len = p ? p->prefix.len : s->prefix.len;
        range.reverse = s->reverse;
    }
    if (s->has_lower && !start && !range.reverse) {
        range.lo = p ? p->lower.data : s->lower.data;
        range.lo_len = p ? p->lower.len : s->lower.len;
    }
    if (start && r->runs) {
        /* from the start of the starting key's run (next() skips) */
        run = sst_emu_lsi_run_len(s->ix, s->start.data, s->start.len);
        range.lo = s->start.data;
        range.lo_len = run > 0 ? run : s->start.len;
    } else if (start && range.reverse) {
        range.hi = s->start.data;
        range.hi_len = s->start.len;
        range.hi_exclusive = true;
    } else if (start) {
        range.lo = s->start.data;
        range.lo_len = s->start.len;
        range.lo_exclusive = true;
    } else if (r->bound) {
        range.lo = s->seg_first;
        range.lo_len = SST_EMU_KEY_HASH_LEN;
    }
    r->part = part;
    return sst_emu_cursor_open(r->txn, s->t->id, s->ix ? s->ix->id : 0, &range,
                               &r->c, err);
}

enum sst_code
sst_emu_scan_rows_open(struct sst_emu_txn *txn, const struct sst_emu_scan *s,
                       struct sst_emu_scan_rows **out, struct sst_err *err)
{
    struct sst_emu_scan_rows *r;
    enum sst_code rc;

    *out = NULL;
    r = sst_calloc(1, sizeof *r);
    if (r == NULL)
        return nomem(err);
    r->s = s;
    r->txn = txn;
    r->runs = !s->query && s->ix != NULL && !s->ix->global;
    r->bound = s->segmented && (s->ix == NULL || !s->ix->global);
    r->first = true;
    /* a SELECT of several partitions past the last: nothing to read */
    if (s->parts_n > 0 && s->part_first >= s->parts_n) {
        r->eof = r->cursor_done = true;
        *out = r;
        return SST_OK;
    }
    rc = open_cursor(r, 0, err);
    if (rc != SST_OK) {
        sst_free(r);
        return rc;
    }
    *out = r;
    return SST_OK;
}

/* How many partitions a SELECT of several reads from its first. */
static size_t
parts_to_read(const struct sst_emu_scan *s)
{
    return s->parts_desc ? s->part_first + 1 : s->parts_n - s->part_first;
}

/* The next row of the cursor in the segment, if any. */
static enum sst_code
cursor_row(struct sst_emu_scan_rows *r, struct row *w, bool *found,
           struct sst_err *err)
{
    const struct sst_emu_scan *s = r->s;
    enum sst_code rc;

    for (;;) {
        *found = false;
        rc = r->c == NULL ? SST_OK
                          : sst_emu_cursor_next(r->c, &w->key, &w->klen,
                                                &w->val, &w->vlen, found, err);
        if (rc != SST_OK)
            return rc;
        if (!*found && s->parts_n > 0 && r->part + 1 < parts_to_read(s)) {
            sst_emu_cursor_close(r->c);
            r->c = NULL;
            rc = open_cursor(r, r->part + 1, err);
            if (rc != SST_OK)
                return rc;
            continue;
        }
        if (!*found)
            return SST_OK;
        if (!sst_emu_row_table_key(s->t, s->ix, w->key, w->klen, &w->tk,
                                   &w->tlen))
            return sst_err_set(err, SST_E_STORAGE, "a row key is corrupt");
        if (!s->segmented)
            return SST_OK;
        /* the table's and a local index's rows are in hash order */
        if (r->bound && memcmp(w->tk, s->seg_last, SST_EMU_KEY_HASH_LEN) > 0) {
            *found = false;
            return SST_OK;
        }
        if (memcmp(w->tk, s->seg_first, SST_EMU_KEY_HASH_LEN) >= 0 &&
            memcmp(w->tk, s->seg_last, SST_EMU_KEY_HASH_LEN) <= 0)
            return SST_OK;
    }
}

/* Read the next run of a local index's Scan into r->run, sorted. */
static enum sst_code
read_run(struct sst_emu_scan_rows *r, struct sst_err *err)
{
    const struct sst_emu_scan *s = r->s;
    struct row w, *grown;
    size_t len, i, skip = 0;
    bool found;
    enum sst_code rc = SST_OK;

    r->n = r->at = 0;
    if (!r->has_next && r->cursor_done) {
        r->eof = true;
        return SST_OK;
    }
    if (!r->has_next) {
        rc = cursor_row(r, &r->next, &found, err);
        if (rc != SST_OK || !found) {
            r->eof = true;
            return rc;
        }
    }
    r->has_next = false;
    len = sst_emu_lsi_run_len(s->ix, r->next.key, r->next.klen);
    if (len == 0)
        return sst_err_set(err, SST_E_STORAGE, "a row key is corrupt");
    w = r->next;
    for (;;) {
        if (r->n == r->cap) {
            r->cap = r->cap ? 2 * r->cap : 16;
            grown = sst_realloc(r->run, r->cap * sizeof *grown);
            if (grown == NULL)
                return nomem(err);
            r->run = grown;
        }
        r->run[r->n++] = w;
        rc = cursor_row(r, &w, &found, err);
        if (rc != SST_OK)
            return rc;
        if (!found) {
            r->cursor_done = true;
            break;
        }
        if (w.klen < len || memcmp(w.key, r->run[0].key, len) != 0) {
            r->next = w;
            r->has_next = true;
            break;
        }
    }
    qsort(r->run, r->n, sizeof *r->run, by_table_key);
    /* the starting key's run: only the rows after it */
    if (r->first && s->has_start && s->start.len >= len &&
        memcmp(s->start.data, r->run[0].key, len) == 0) {
        const uint8_t *tk;
        size_t tlen;

        if (!sst_emu_row_table_key(s->t, s->ix, s->start.data, s->start.len,
                                   &tk, &tlen))
            return sst_err_set(err, SST_E_STORAGE, "a start key is corrupt");
        for (i = 0; i < r->n; i++)
            if (!key_lt(tk, tlen, r->run[i].tk, r->run[i].tlen))
                skip = i + 1;
        r->at = skip;
    }
    r->first = false;
    return SST_OK;
}

enum sst_code
sst_emu_scan_rows_next(struct sst_emu_scan_rows *r, const uint8_t **key,
                       size_t *key_len, const void **val, size_t *val_len,
                       bool *found, struct sst_err *err)
{
    struct row w;
    enum sst_code rc = SST_OK;

    *found = false;
    if (!r->runs) {
        rc = cursor_row(r, &w, found, err);
    } else {
        while (rc == SST_OK && r->at == r->n && !r->eof)
            rc = read_run(r, err);
        if (rc == SST_OK && r->at < r->n) {
            w = r->run[r->at++];
            *found = true;
        }
    }
    if (rc != SST_OK || !*found)
        return rc;
    *key = w.key;
    *key_len = w.klen;
    *val = w.val;
    *val_len = w.vlen;
    return SST_OK;
}

void
sst_emu_scan_rows_close(struct sst_emu_scan_rows *r)
{
    if (r == NULL)
        return;
    sst_emu_cursor_close(r->c);
    sst_free(r->run);
    sst_free(r);
}

/* ------------------------------------------------------------------ */
/* a SELECT of several partitions                                      */

enum sst_code
sst_emu_scan_parts_decode(const struct json_object *req, struct sst_emu_scan *s,
                          struct sst_err *err)
{
    struct json_object *list = sst_emu_get(req, SST_EMU_PQ_PARTITIONS);
    size_t n, i;
    enum sst_code rc = SST_OK;

    if (list == NULL || !json_object_is_type(list, json_type_array))
        return SST_OK;
    (void)sst_emu_get_bool(req, SST_EMU_PQ_PARTITIONS_DESC, &s->parts_desc);
    n = json_object_array_length(list);
    s->part_av = sst_calloc(n > 0 ? n : 1, sizeof *s->part_av);
    if (s->part_av == NULL)
        return nomem(err);
    for (i = 0; rc == SST_OK && i < n; i++) {
        rc = sst_av_decode(json_object_array_get_idx(list, i), &s->part_av[i],
                           err);
        s->part_av_n += rc == SST_OK;
    }
    return rc;
}

static int
by_value(const void *a, const void *b)
{
    const struct sst_emu_scan_part *x = *(struct sst_emu_scan_part *const *)a;
    const struct sst_emu_scan_part *y = *(struct sst_emu_scan_part *const *)b;

    if (key_lt(x->value.data, x->value.len, y->value.data, y->value.len))
        return -1;
    return key_lt(y->value.data, y->value.len, x->value.data, x->value.len);
}

static void
part_free(struct sst_emu_scan_part *p)
{
    if (p == NULL)
        return;
    sst_emu_key_cleanup(&p->value);
    sst_emu_key_cleanup(&p->prefix);
    sst_emu_key_cleanup(&p->lower);
    sst_free(p);
}

/* The first partition to read after the starting key's value v (its
 * component): forward the first whose value is v or above, backward the
 * last whose value is v or below (parts_n when none). */
static void
start_part(struct sst_emu_scan *s, const struct sst_emu_key *v)
{
    size_t i;

    s->part_first = s->parts_n;
    for (i = 0; i < s->parts_n; i++) {
        const struct sst_emu_key *p = &s->parts[i]->value;
        bool below = key_lt(p->data, p->len, v->data, v->len);
        bool above = key_lt(v->data, v->len, p->data, p->len);

        if (!s->parts_desc && !below) {
            s->part_first = i;
            s->part_start = !above;
            return;
        }
        if (s->parts_desc && !above) {
            s->part_first = i;
            s->part_start = !below;
        }
    }
}

enum sst_code
sst_emu_scan_parts_build(struct sst_emu_scan *s, struct sst_err *err)
{
    const struct sst_av *lower = sst_emu_query_key_lower(s->kc);
    size_t i, n = 0;
    enum sst_code rc = SST_OK;

    if (s->part_av_n == 0)
        return SST_OK;
    s->parts = sst_calloc(s->part_av_n, sizeof *s->parts);
    if (s->parts == NULL)
        return nomem(err);
    for (i = 0; rc == SST_OK && i < s->part_av_n; i++) {
        struct sst_emu_scan_part *p = sst_calloc(1, sizeof *p);

        if (p == NULL) {
            rc = nomem(err);
            break;
        }
        sst_emu_key_init(&p->value);
        sst_emu_key_init(&p->prefix);
        sst_emu_key_init(&p->lower);
        s->parts[n++] = p;
        rc = sst_emu_key_add_av(&p->value, s->part_av[i], err);
        if (rc == SST_OK)
            rc = sst_emu_partition_prefix(s->t, s->ix, s->part_av[i],
                                          &p->prefix, err);
        if (rc == SST_OK && lower != NULL) {
            rc = sst_emu_key_set_raw(&p->lower, p->prefix.data, p->prefix.len,
                                     err);
            if (rc == SST_OK)
                rc = sst_emu_key_add_av(&p->lower, lower, err);
        }
    }
    s->parts_n = n;
    if (rc != SST_OK)
        return rc;
    qsort(s->parts, n, sizeof *s->parts, by_value);
    /* equal values once */
    for (i = 1, n = s->parts_n > 0; i < s->parts_n; i++) {
        if (by_value(&s->parts[n - 1], &s->parts[i]) == 0) {
            part_free(s->parts[i]);
            continue;
        }
        s->parts[n++] = s->parts[i];
    }
    s->parts_n = n;
    s->part_first = s->parts_desc ? n - 1 : 0;
    return SST_OK;
}

enum sst_code
sst_emu_scan_parts_start(struct sst_emu_scan *s, struct sst_err *err)
{
    const char *hash;
    struct sst_emu_key v;
    enum sst_code rc;

    if (s->parts_n == 0 || !s->has_start || s->esk == NULL)
        return SST_OK;
    hash =
        sst_emu_attr_name(s->t, s->ix ? s->ix->key.hash[0] : s->t->key.hash[0]);
    if (sst_av_map_get(s->esk, hash, strlen(hash)) == NULL)
        return SST_OK;
    sst_emu_key_init(&v);
    rc =
        sst_emu_key_add_av(&v, sst_av_map_get(s->esk, hash, strlen(hash)), err);
    if (rc == SST_OK)
        start_part(s, &v);
    sst_emu_key_cleanup(&v);
    return rc;
}

void
sst_emu_scan_parts_free(struct sst_emu_scan *s)
{
    size_t i;

    for (i = 0; i < s->parts_n; i++)
        part_free(s->parts[i]);
    sst_free(s->parts);
    s->parts = NULL;
    s->parts_n = 0;
    for (i = 0; i < s->part_av_n; i++)
        sst_av_free(s->part_av[i]);
    sst_free(s->part_av);
    s->part_av = NULL;
    s->part_av_n = 0;
}
