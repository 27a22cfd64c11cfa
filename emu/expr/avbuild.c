/*
 * emu/expr/avbuild.c - growing attribute-value trees (see avbuild.h).
 */
#include <string.h>

#include <sst/mem.h>

#include "emu/expr/avbuild.h"

/* Grow an array of n elements of size sz to hold n + 1, doubling. */
static bool
grow(void **arr, size_t n, size_t sz)
{
    void *p;
    size_t cap;

    /* capacities are powers of two (or 0): grow when n is one */
    if (n != 0 && (n & (n - 1)) != 0)
        return true;
    cap = n ? n * 2 : 1;
    p = sst_realloc(*arr, cap * sz);
    if (p == NULL)
        return false;
    *arr = p;
    return true;
}

static char *
copy_bytes(const char *s, size_t len)
{
    char *p = sst_malloc(len + 1);

    if (p == NULL)
        return NULL;
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

enum sst_code
sst_av_map_push(struct sst_av *map, const char *name, size_t len,
                struct sst_av *value)
{
    char *copy;

    if (!grow((void **)&map->u.map.v, map->u.map.len, sizeof *map->u.map.v))
        return SST_E_NOMEM;
    copy = copy_bytes(name, len);
    if (copy == NULL)
        return SST_E_NOMEM;
    map->u.map.v[map->u.map.len].name.ptr = copy;
    map->u.map.v[map->u.map.len].name.len = len;
    map->u.map.v[map->u.map.len].value = value;
    map->u.map.len++;
    return SST_OK;
}

enum sst_code
sst_av_list_push(struct sst_av *list, struct sst_av *value)
{
    if (!grow((void **)&list->u.list.v, list->u.list.len,
              sizeof *list->u.list.v))
        return SST_E_NOMEM;
    list->u.list.v[list->u.list.len++] = value;
    return SST_OK;
}

enum sst_code
sst_av_strs_push(struct sst_av *set, const struct sst_av_str *s)
{
    char *copy;

    if (!grow((void **)&set->u.strs.v, set->u.strs.len, sizeof *set->u.strs.v))
        return SST_E_NOMEM;
    copy = copy_bytes(s->ptr, s->len);
    if (copy == NULL)
        return SST_E_NOMEM;
    set->u.strs.v[set->u.strs.len].ptr = copy;
    set->u.strs.v[set->u.strs.len].len = s->len;
    set->u.strs.len++;
    return SST_OK;
}

enum sst_code
sst_av_nums_push(struct sst_av *set, const struct sst_num *n)
{
    if (!grow((void **)&set->u.nums.v, set->u.nums.len, sizeof *set->u.nums.v))
        return SST_E_NOMEM;
    sst_num_init(&set->u.nums.v[set->u.nums.len]);
    sst_num_copy(&set->u.nums.v[set->u.nums.len], n);
    set->u.nums.len++;
    return SST_OK;
}

unsigned
sst_av_depth(const struct sst_av *v, unsigned limit)
{
    unsigned best = 0, d;
    size_t i;

    if (limit == 0)
        return 0;
    if (v->type == SST_AV_M) {
        for (i = 0; i < v->u.map.len && best < limit; i++) {
            d = sst_av_depth(v->u.map.v[i].value, limit - 1);
            best = d > best ? d : best;
        }
        return best + 1;
    }
    if (v->type == SST_AV_L) {
        for (i = 0; i < v->u.list.len && best < limit; i++) {
            d = sst_av_depth(v->u.list.v[i], limit - 1);
            best = d > best ? d : best;
        }
        return best + 1;
    }
    return 0;
}
