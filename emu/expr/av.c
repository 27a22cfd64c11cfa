/*
 * emu/expr/av.c - the DynamoDB attribute-value tree: create, free, copy,
 * compare, size, and encode to DynamoDB JSON. Decoding and DynamoDB's
 * validation of incoming values live in av_decode.c.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sst/mem.h>

#include "emu/expr/av.h"
#include "src/core/b64.h"
#include "emu/expr/av_int.h"

/* Type keys, indexed by enum sst_av_type. */
const char *const sst_av_type_keys[SST_AV_TYPE_COUNT] = {
    [SST_AV_S] = "S",       [SST_AV_N] = "N",       [SST_AV_B] = "B",
    [SST_AV_BOOL] = "BOOL", [SST_AV_NULL] = "NULL", [SST_AV_M] = "M",
    [SST_AV_L] = "L",       [SST_AV_SS] = "SS",     [SST_AV_NS] = "NS",
    [SST_AV_BS] = "BS",
};

/* ------------------------------------------------------------ small helpers */

static enum sst_code
nomem(struct sst_err *err)
{
    return sst_err_set(err, SST_E_NOMEM, "out of memory");
}

/* A copy of len bytes of s with a NUL after them; false when out of
 * memory. */
bool
sst_av_str_set(struct sst_av_str *dst, const char *s, size_t len)
{
    dst->ptr = sst_malloc(len + 1);
    if (dst->ptr == NULL)
        return false;
    if (len > 0)
        memcpy(dst->ptr, s, len);
    dst->ptr[len] = '\0';
    dst->len = len;
    return true;
}

int
sst_av_str_cmp(const struct sst_av_str *a, const struct sst_av_str *b)
{
    size_t n = a->len < b->len ? a->len : b->len;
    int r = n > 0 ? memcmp(a->ptr, b->ptr, n) : 0;

    if (r != 0)
        return r < 0 ? -1 : 1;
    return (a->len > b->len) - (a->len < b->len);
}

/* ---------------------------------------------------------------- lifecycle */

const char *
sst_av_type_name(enum sst_av_type type)
{
    if ((unsigned)type >= SST_AV_TYPE_COUNT)
        return "?";
    return sst_av_type_keys[type];
}

struct sst_av *
sst_av_new(enum sst_av_type type)
{
    struct sst_av *v;

    if ((unsigned)type >= SST_AV_TYPE_COUNT)
        return NULL;
    v = sst_calloc(1, sizeof *v);
    if (v == NULL)
        return NULL;
    v->type = type;
    if (type == SST_AV_N) {
        sst_num_init(&v->u.num);
    } else if (type == SST_AV_S || type == SST_AV_B) {
        if (!sst_av_str_set(&v->u.str, "", 0)) {
            sst_free(v);
            return NULL;
        }
    }
    return v;
}

void
sst_av_free(struct sst_av *v)
{
    size_t i;

    if (v == NULL)
        return;
    switch (v->type) {
    case SST_AV_S:
    case SST_AV_B:
        sst_free(v->u.str.ptr);
        break;
    case SST_AV_N:
        sst_num_cleanup(&v->u.num);
        break;
    case SST_AV_M:
        for (i = 0; i < v->u.map.len; i++) {
            sst_free(v->u.map.v[i].name.ptr);
            sst_av_free(v->u.map.v[i].value);
        }
        sst_free(v->u.map.v);
        break;
    case SST_AV_L:
        for (i = 0; i < v->u.list.len; i++)
            sst_av_free(v->u.list.v[i]);
        sst_free(v->u.list.v);
        break;
    case SST_AV_SS:
    case SST_AV_BS:
        for (i = 0; i < v->u.strs.len; i++)
            sst_free(v->u.strs.v[i].ptr);
        sst_free(v->u.strs.v);
        break;
    case SST_AV_NS:
        for (i = 0; i < v->u.nums.len; i++)
            sst_num_cleanup(&v->u.nums.v[i]);
        sst_free(v->u.nums.v);
        break;
    default:
        break;
    }
    sst_free(v);
}

/* Encode len bytes as base64 into a new NUL-terminated string. */
static char *
b64_encode(const unsigned char *s, size_t len, size_t *out_len)
{
    char *out = NULL;

    return sst_b64_encode(s, len, false, &out, out_len, NULL) == SST_OK ? out
                                                                        : NULL;
}

/* ------------------------------------------------------------------- encode */

static enum sst_code encode_value(const struct sst_av *v,
                                  struct json_object **out,
                                  struct sst_err *err);

static struct json_object *
num_json(const struct sst_num *n)
{
    char buf[SST_NUM_STR_MAX];
    size_t len = sst_num_to_str(n, buf, sizeof buf);

    return json_object_new_string_len(buf, (int)len);
}

static struct json_object *
bytes_json(const struct sst_av_str *s, bool binary)
{
    struct json_object *j;
    size_t len;
    char *b64;

    if (!binary)
        return json_object_new_string_len(s->ptr, (int)s->len);
    b64 = b64_encode((const unsigned char *)s->ptr, s->len, &len);
    if (b64 == NULL)
        return NULL;
    j = json_object_new_string_len(b64, (int)len);
    sst_free(b64);
    return j;
}

/* The bare JSON form of v's content (what goes under its type key). */
static enum sst_code
encode_content(const struct sst_av *v, struct json_object **out,
               struct sst_err *err)
{
    struct json_object *j = NULL, *e = NULL;
    enum sst_code rc = SST_OK;
    size_t i;

    switch (v->type) {
    case SST_AV_S:
    case SST_AV_B:
        j = bytes_json(&v->u.str, v->type == SST_AV_B);
        break;
    case SST_AV_N:
        j = num_json(&v->u.num);
        break;
    case SST_AV_BOOL:
        j = json_object_new_boolean(v->u.boolean);
        break;
    case SST_AV_NULL:
        j = json_object_new_boolean(1);
        break;
    case SST_AV_M:
        if ((j = json_object_new_object()) == NULL)
            break;
        for (i = 0; i < v->u.map.len && rc == SST_OK; i++) {
            rc = encode_value(v->u.map.v[i].value, &e, err);
            if (rc == SST_OK &&
                json_object_object_add(j, v->u.map.v[i].name.ptr, e) != 0) {
                json_object_put(e);
                rc = nomem(err);
            }
        }
        break;
    case SST_AV_L:
    case SST_AV_SS:
    case SST_AV_NS:
    case SST_AV_BS:
        if ((j = json_object_new_array()) == NULL)
            break;
        for (i = 0; rc == SST_OK; i++) {
            if (v->type == SST_AV_L && i < v->u.list.len)
                rc = encode_value(v->u.list.v[i], &e, err);
            else if (v->type == SST_AV_NS && i < v->u.nums.len)
                e = num_json(&v->u.nums.v[i]);
            else if ((v->type == SST_AV_SS || v->type == SST_AV_BS) &&
                     i < v->u.strs.len)
                e = bytes_json(&v->u.strs.v[i], v->type == SST_AV_BS);
            else
                break;
            if (rc == SST_OK && e == NULL)
                rc = nomem(err);
            if (rc == SST_OK && json_object_array_add(j, e) != 0) {
                json_object_put(e);
                rc = nomem(err);
            }
        }
        break;
    default:
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "attribute value of unknown type %d", (int)v->type);
    }
    if (j == NULL)
        rc = nomem(err);
    if (rc != SST_OK) {
        json_object_put(j);
        return rc;
    }
    *out = j;
    return SST_OK;
}

static enum sst_code
encode_value(const struct sst_av *v, struct json_object **out,
             struct sst_err *err)
{
    struct json_object *content = NULL, *j;
    enum sst_code rc;

    *out = NULL;
    rc = encode_content(v, &content, err);
    if (rc != SST_OK)
        return rc;
    j = json_object_new_object();
    if (j == NULL ||
        json_object_object_add(j, sst_av_type_keys[v->type], content) != 0) {
        json_object_put(content);
        json_object_put(j);
        return nomem(err);
    }
    *out = j;
    return SST_OK;
}

enum sst_code
sst_av_encode(const struct sst_av *v, struct json_object **out,
              struct sst_err *err)
{
    return encode_value(v, out, err);
}

enum sst_code
sst_av_encode_item(const struct sst_av *item, struct json_object **out,
                   struct sst_err *err)
{
    *out = NULL;
    if (item->type != SST_AV_M)
        return sst_err_set(err, SST_E_INVALID_ARG, "an item must be a map");
    return encode_content(item, out, err);
}

/* ---------------------------------------------------------------------- dup */

static bool
dup_into(const struct sst_av *v, struct sst_av **out)
{
    struct sst_av *d = sst_av_new(v->type);
    size_t i, n = 0;
    bool ok = true;

    *out = NULL;
    if (d == NULL)
        return false;
    switch (v->type) {
    case SST_AV_S:
    case SST_AV_B:
        sst_free(d->u.str.ptr);
        ok = sst_av_str_set(&d->u.str, v->u.str.ptr, v->u.str.len);
        if (!ok)
            d->u.str.ptr = NULL;
        break;
    case SST_AV_N:
        sst_num_copy(&d->u.num, &v->u.num);
        break;
    case SST_AV_BOOL:
        d->u.boolean = v->u.boolean;
        break;
    case SST_AV_M:
        n = v->u.map.len;
        if (n > 0 && (d->u.map.v = sst_calloc(n, sizeof *d->u.map.v)) == NULL)
            ok = false;
        for (i = 0; ok && i < n; i++) {
            d->u.map.len = i + 1;
            ok = sst_av_str_set(&d->u.map.v[i].name, v->u.map.v[i].name.ptr,
                         v->u.map.v[i].name.len) &&
                 dup_into(v->u.map.v[i].value, &d->u.map.v[i].value);
        }
        break;
    case SST_AV_L:
        n = v->u.list.len;
        if (n > 0 && (d->u.list.v = sst_calloc(n, sizeof *d->u.list.v)) == NULL)
            ok = false;
        for (i = 0; ok && i < n; i++) {
            d->u.list.len = i + 1;
            ok = dup_into(v->u.list.v[i], &d->u.list.v[i]);
        }
        break;
    case SST_AV_SS:
    case SST_AV_BS:
        n = v->u.strs.len;
        if (n > 0 && (d->u.strs.v = sst_calloc(n, sizeof *d->u.strs.v)) == NULL)
            ok = false;
        for (i = 0; ok && i < n; i++) {
            d->u.strs.len = i + 1;
            ok = sst_av_str_set(&d->u.strs.v[i], v->u.strs.v[i].ptr,
                         v->u.strs.v[i].len);
        }
        break;
    case SST_AV_NS:
        n = v->u.nums.len;
        if (n > 0 && (d->u.nums.v = sst_calloc(n, sizeof *d->u.nums.v)) == NULL)
            ok = false;
        for (i = 0; ok && i < n; i++) {
            sst_num_init(&d->u.nums.v[i]);
            d->u.nums.len = i + 1;
            sst_num_copy(&d->u.nums.v[i], &v->u.nums.v[i]);
        }
        break;
    default:
        break;
    }
    if (!ok) {
        sst_av_free(d);
        return false;
    }
    *out = d;
    return true;
}

enum sst_code
sst_av_dup(const struct sst_av *v, struct sst_av **out, struct sst_err *err)
{
    if (!dup_into(v, out))
        return nomem(err);
    return SST_OK;
}

/* ------------------------------------------------------- equality and order */

static int
str_pp_cmp(const void *x, const void *y)
{
    return sst_av_str_cmp(*(const struct sst_av_str *const *)x,
                   *(const struct sst_av_str *const *)y);
}

static int
num_pp_cmp(const void *x, const void *y)
{
    return sst_num_cmp(*(const struct sst_num *const *)x,
                       *(const struct sst_num *const *)y);
}

static int
entry_pp_cmp(const void *x, const void *y)
{
    return sst_av_str_cmp(&(*(const struct sst_av_entry *const *)x)->name,
                   &(*(const struct sst_av_entry *const *)y)->name);
}

/* Element equality for same_members: members of one kind. */
static bool
elem_equal(const void *a, const void *b, enum sst_av_type type)
{
    const struct sst_av_entry *ea = a, *eb = b;

    switch (type) {
    case SST_AV_NS:
        return sst_num_cmp(a, b) == 0;
    case SST_AV_M:
        return sst_av_str_cmp(&ea->name, &eb->name) == 0 &&
               sst_av_equal(ea->value, eb->value);
    default:
        return sst_av_str_cmp(a, b) == 0;
    }
}

/*
 * Whether arrays a and b of n distinct elements (size bytes each) hold
 * the same elements in any order. Same order is checked first (the
 * common case, in linear time); otherwise both are sorted by key, or,
 * when that cannot allocate, searched pairwise.
 */
static bool
same_members(const void *a, const void *b, size_t n, size_t size,
             enum sst_av_type type, int (*pp_cmp)(const void *, const void *))
{
    const char *ca = a, *cb = b;
    const void **pa, **pb;
    size_t i, k;
    bool same = true;

    for (i = 0; i < n && same; i++)
        same = elem_equal(ca + i * size, cb + i * size, type);
    if (same)
        return true;
    pa = sst_calloc(n, sizeof *pa);
    pb = sst_calloc(n, sizeof *pb);
    if (pa == NULL || pb == NULL) {
        sst_free(pa);
        sst_free(pb);
        for (i = 0; i < n; i++) {
            for (k = 0; k < n; k++)
                if (elem_equal(ca + i * size, cb + k * size, type))
                    break;
            if (k == n)
                return false;
        }
        return true;
    }
    for (i = 0; i < n; i++) {
        pa[i] = ca + i * size;
        pb[i] = cb + i * size;
    }
    qsort(pa, n, sizeof *pa, pp_cmp);
    qsort(pb, n, sizeof *pb, pp_cmp);
    same = true;
    for (i = 0; i < n && same; i++)
        same = elem_equal(pa[i], pb[i], type);
    sst_free(pa);
    sst_free(pb);
    return same;
}

bool
sst_av_equal(const struct sst_av *a, const struct sst_av *b)
{
    size_t i;

    if (a->type != b->type)
        return false;
    switch (a->type) {
    case SST_AV_S:
    case SST_AV_B:
        return sst_av_str_cmp(&a->u.str, &b->u.str) == 0;
    case SST_AV_N:
        return sst_num_cmp(&a->u.num, &b->u.num) == 0;
    case SST_AV_BOOL:
        return a->u.boolean == b->u.boolean;
    case SST_AV_NULL:
        return true;
    case SST_AV_L:
        if (a->u.list.len != b->u.list.len)
            return false;
        for (i = 0; i < a->u.list.len; i++)
            if (!sst_av_equal(a->u.list.v[i], b->u.list.v[i]))
                return false;
        return true;
    case SST_AV_M:
        return a->u.map.len == b->u.map.len &&
               same_members(a->u.map.v, b->u.map.v, a->u.map.len,
                            sizeof *a->u.map.v, SST_AV_M, entry_pp_cmp);
    case SST_AV_SS:
    case SST_AV_BS:
        return a->u.strs.len == b->u.strs.len &&
               same_members(a->u.strs.v, b->u.strs.v, a->u.strs.len,
                            sizeof *a->u.strs.v, a->type, str_pp_cmp);
    case SST_AV_NS:
        return a->u.nums.len == b->u.nums.len &&
               same_members(a->u.nums.v, b->u.nums.v, a->u.nums.len,
                            sizeof *a->u.nums.v, SST_AV_NS, num_pp_cmp);
    default:
        return false;
    }
}

bool
sst_av_cmp(const struct sst_av *a, const struct sst_av *b, int *order)
{
    if (a->type != b->type)
        return false;
    switch (a->type) {
    case SST_AV_S:
    case SST_AV_B:
        *order = sst_av_str_cmp(&a->u.str, &b->u.str);
        return true;
    case SST_AV_N:
        *order = sst_num_cmp(&a->u.num, &b->u.num);
        return true;
    default:
        return false;
    }
}

struct sst_av *
sst_av_map_get(const struct sst_av *map, const char *name, size_t len)
{
    size_t i;

    for (i = 0; i < map->u.map.len; i++) {
        const struct sst_av_str *n = &map->u.map.v[i].name;

        if (n->len == len && (len == 0 || memcmp(n->ptr, name, len) == 0))
            return map->u.map.v[i].value;
    }
    return NULL;
}

/* --------------------------------------------------------------------- size */

size_t
sst_av_size(const struct sst_av *v)
{
    size_t i, n = 0;

    switch (v->type) {
    case SST_AV_S:
    case SST_AV_B:
        return v->u.str.len;
    case SST_AV_N:
        return sst_num_size(&v->u.num);
    case SST_AV_BOOL:
    case SST_AV_NULL:
        return 1;
    case SST_AV_M:
        /* DynamoDB: 3 bytes per map or list, 1 per element. */
        for (i = 0; i < v->u.map.len; i++)
            n += 1 + v->u.map.v[i].name.len + sst_av_size(v->u.map.v[i].value);
        return 3 + n;
    case SST_AV_L:
        for (i = 0; i < v->u.list.len; i++)
            n += 1 + sst_av_size(v->u.list.v[i]);
        return 3 + n;
    case SST_AV_SS:
    case SST_AV_BS:
        for (i = 0; i < v->u.strs.len; i++)
            n += v->u.strs.v[i].len;
        return n;
    case SST_AV_NS:
        for (i = 0; i < v->u.nums.len; i++)
            n += sst_num_size(&v->u.nums.v[i]);
        return n;
    default:
        return 0;
    }
}

size_t
sst_av_item_size(const struct sst_av *item)
{
    size_t i, n = 0;

    for (i = 0; i < item->u.map.len; i++)
        n += item->u.map.v[i].name.len + sst_av_size(item->u.map.v[i].value);
    return n;
}

enum sst_code
sst_av_item_check_size(const struct sst_av *item, struct sst_err *err)
{
    if (sst_av_item_size(item) > SST_AV_MAX_ITEM_BYTES)
        return sst_err_set(err, SST_E_VALIDATION, SST_AV_MSG_ITEM_TOO_LARGE);
    return SST_OK;
}
