/*
 * tests/expr/replay_table.c - the in-memory table of one case of the
 * corpus replay (tests/expr/replay.c): its key schema and items, read
 * from the case, kept in key order; see replay.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emu/expr/avbuild.h"
#include "replay.h"

static enum sst_av_type
key_type(const char *t)
{
    return strcmp(t, "N") == 0   ? SST_AV_N
           : strcmp(t, "B") == 0 ? SST_AV_B
                                 : SST_AV_S;
}

void
table_cleanup(struct table *t)
{
    size_t i;

    for (i = 0; i < t->n; i++)
        sst_av_free(t->items[i]);
    free(t->items);
    memset(t, 0, sizeof *t);
}

void
table_put(struct table *t, struct sst_av *item)
{
    t->items = realloc(t->items, (t->n + 1) * sizeof *t->items);
    t->items[t->n++] = item;
}

/* The stored item with the key of key (a map holding the key). */
long
table_find(const struct table *t, const struct sst_av *key)
{
    const struct sst_av *h = sst_av_map_get(key, t->ks.hash, t->ks.hash_len);
    const struct sst_av *r =
        t->ks.range ? sst_av_map_get(key, t->ks.range, t->ks.range_len) : NULL;
    size_t i;

    for (i = 0; i < t->n; i++) {
        const struct sst_av *ih =
            sst_av_map_get(t->items[i], t->ks.hash, t->ks.hash_len);
        const struct sst_av *ir =
            t->ks.range
                ? sst_av_map_get(t->items[i], t->ks.range, t->ks.range_len)
                : NULL;
        if (h && ih && sst_av_equal(h, ih) &&
            (t->ks.range == NULL || (r && ir && sst_av_equal(r, ir))))
            return (long)i;
    }
    return -1;
}

void
table_remove(struct table *t, long at)
{
    sst_av_free(t->items[at]);
    memmove(&t->items[at], &t->items[at + 1],
            (t->n - (size_t)at - 1) * sizeof *t->items);
    t->n--;
}

static const struct table *sort_table;

static int
item_order(const void *x, const void *y)
{
    const struct sst_av *a = *(struct sst_av *const *)x;
    const struct sst_av *b = *(struct sst_av *const *)y;
    const struct sst_emu_key_schema *ks = &sort_table->ks;
    int o = 0;

    (void)sst_av_cmp(sst_av_map_get(a, ks->hash, ks->hash_len),
                     sst_av_map_get(b, ks->hash, ks->hash_len), &o);
    if (o == 0 && ks->range)
        (void)sst_av_cmp(sst_av_map_get(a, ks->range, ks->range_len),
                         sst_av_map_get(b, ks->range, ks->range_len), &o);
    return o;
}

bool
table_load(struct table *t, struct json_object *c)
{
    struct json_object *tab = get(c, "table"), *items = get(c, "items"), *r;
    struct sst_av *item;
    struct sst_err err;
    size_t i;

    memset(t, 0, sizeof *t);
    t->name = get_str(tab, "name");
    t->ks.hash = get_str(get(tab, "hash"), "name");
    t->ks.hash_len = strlen(t->ks.hash);
    t->ks.hash_type = key_type(get_str(get(tab, "hash"), "type"));
    r = get(tab, "range");
    if (r != NULL) {
        t->ks.range = get_str(r, "name");
        t->ks.range_len = strlen(t->ks.range);
        t->ks.range_type = key_type(get_str(r, "type"));
    }
    for (i = 0; items && i < json_object_array_length(items); i++) {
        if (sst_av_decode_item(json_object_array_get_idx(items, i), &item,
                               &err) != SST_OK) {
            printf("  cannot decode a stored item: %s\n", err.message);
            return false;
        }
        table_put(t, item);
    }
    sort_table = t;
    if (t->n > 1)
        qsort(t->items, t->n, sizeof *t->items, item_order);
    return true;
}

struct json_object *
encode_item(const struct sst_av *item)
{
    struct json_object *j = NULL;

    if (item != NULL && sst_av_encode_item(item, &j, NULL) != SST_OK)
        return NULL;
    return j;
}

struct sst_av *
key_of(const struct table *t, const struct sst_av *item)
{
    struct sst_av *k = sst_av_new(SST_AV_M), *v;
    const struct sst_av *h = sst_av_map_get(item, t->ks.hash, t->ks.hash_len);
    const struct sst_av *r =
        t->ks.range ? sst_av_map_get(item, t->ks.range, t->ks.range_len) : NULL;

    if (h && sst_av_dup(h, &v, NULL) == SST_OK &&
        sst_av_map_push(k, t->ks.hash, t->ks.hash_len, v) != SST_OK)
        sst_av_free(v);
    if (r && sst_av_dup(r, &v, NULL) == SST_OK &&
        sst_av_map_push(k, t->ks.range, t->ks.range_len, v) != SST_OK)
        sst_av_free(v);
    return k;
}

/* The table's key names, for the nested-key and key-update checks. */
size_t
key_names(const struct table *t, struct sst_emu_key_name *out)
{
    size_t n = 0;

    out[n].name = t->ks.hash;
    out[n++].len = t->ks.hash_len;
    if (t->ks.range) {
        out[n].name = t->ks.range;
        out[n++].len = t->ks.range_len;
    }
    return n;
}
