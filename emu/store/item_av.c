/*
 * emu/store/item_av.c - a stored row as attribute values (struct
 * sst_av), whole or one top-level attribute, see item.h.
 */
#include <string.h>

#include "emu/store/item_int.h"

/* ------------------------------------------------------------------ */
/* to attribute values                                                 */

static bool
str_copy(struct sst_av_str *dst, const uint8_t *s, size_t n)
{
    dst->ptr = sst_malloc(n + 1);
    if (dst->ptr == NULL)
        return false;
    if (n > 0)
        memcpy(dst->ptr, s, n);
    dst->ptr[n] = '\0';
    dst->len = n;
    return true;
}

static int
num_parse(struct sst_num *num, const uint8_t *s, size_t n)
{
    /* Stored text is canonical, so it always parses. */
    return sst_num_parse(num, (const char *)s, n, NULL) == SST_OK ? 0 : BAD;
}

static int av_value(struct reader *r, int depth, struct sst_av **out);

static int
av_map(struct reader *r, int depth, struct sst_av *m)
{
    const uint8_t *name;
    size_t n, i, len;
    int rc;

    if (!rd_count(r, &n))
        return BAD;
    if (n > 0 && (m->u.map.v = sst_calloc(n, sizeof *m->u.map.v)) == NULL)
        return OOM;
    for (i = 0; i < n; i++) {
        if (!rd_bytes(r, &name, &len))
            return BAD;
        if (!str_copy(&m->u.map.v[i].name, name, len))
            return OOM;
        m->u.map.len = i + 1;
        if ((rc = av_value(r, depth + 1, &m->u.map.v[i].value)) != 0)
            return rc;
    }
    return 0;
}

static int
av_array(struct reader *r, int depth, struct sst_av *v)
{
    const uint8_t *s;
    size_t n, i, len;
    int rc;

    if (!rd_count(r, &n))
        return BAD;
    if (n == 0)
        return v->type == SST_AV_L ? 0 : BAD; /* sets are never empty */
    switch (v->type) {
    case SST_AV_L:
        if ((v->u.list.v = sst_calloc(n, sizeof *v->u.list.v)) == NULL)
            return OOM;
        for (i = 0; i < n; i++) {
            rc = av_value(r, depth + 1, &v->u.list.v[i]);
            v->u.list.len = i + 1;
            if (rc != 0)
                return rc;
        }
        return 0;
    case SST_AV_NS:
        if ((v->u.nums.v = sst_calloc(n, sizeof *v->u.nums.v)) == NULL)
            return OOM;
        for (i = 0; i < n; i++) {
            sst_num_init(&v->u.nums.v[i]);
            v->u.nums.len = i + 1;
            if (!rd_num(r, &s, &len) || num_parse(&v->u.nums.v[i], s, len))
                return BAD;
        }
        return 0;
    default:
        if ((v->u.strs.v = sst_calloc(n, sizeof *v->u.strs.v)) == NULL)
            return OOM;
        for (i = 0; i < n; i++) {
            if (!rd_bytes(r, &s, &len))
                return BAD;
            if (!str_copy(&v->u.strs.v[i], s, len))
                return OOM;
            v->u.strs.len = i + 1;
        }
        return 0;
    }
}

static const enum sst_av_type tag_types[TAG_COUNT] = {
    [TAG_S] = SST_AV_S,       [TAG_N] = SST_AV_N,
    [TAG_B] = SST_AV_B,       [TAG_FALSE] = SST_AV_BOOL,
    [TAG_TRUE] = SST_AV_BOOL, [TAG_NULL] = SST_AV_NULL,
    [TAG_M] = SST_AV_M,       [TAG_L] = SST_AV_L,
    [TAG_SS] = SST_AV_SS,     [TAG_NS] = SST_AV_NS,
    [TAG_BS] = SST_AV_BS,     [TAG_SREF] = SST_AV_S,
};

static int
av_value(struct reader *r, int depth, struct sst_av **out)
{
    struct sst_av *v;
    const uint8_t *s;
    size_t n;
    enum tag t;
    int rc = 0;

    *out = NULL;
    if (!rd_tag(r, depth, &t))
        return BAD;
    v = sst_av_new(tag_types[t]);
    if (v == NULL)
        return OOM;
    switch (t) {
    case TAG_S:
    case TAG_B:
    case TAG_SREF:
        sst_free(v->u.str.ptr);
        v->u.str.ptr = NULL;
        if (!rd_str(r, t, &s, &n))
            rc = BAD;
        else if (!str_copy(&v->u.str, s, n))
            rc = OOM;
        break;
    case TAG_N:
        rc = rd_num(r, &s, &n) ? num_parse(&v->u.num, s, n) : BAD;
        break;
    case TAG_FALSE:
    case TAG_TRUE:
        v->u.boolean = t == TAG_TRUE;
        break;
    case TAG_NULL:
        break;
    case TAG_M:
        rc = av_map(r, depth, v);
        break;
    default:
        rc = av_array(r, depth, v);
        break;
    }
    if (rc != 0) {
        sst_av_free(v);
        return rc;
    }
    *out = v;
    return 0;
}

enum sst_code
sst_emu_item_to_av(const void *row, size_t len, struct sst_av **out,
                   struct sst_err *err)
{
    struct reader r = row_reader(row, len);
    struct sst_av *item;
    const uint8_t *name;
    uint64_t size;
    size_t n, i, nlen;
    int rc = 0;

    *out = NULL;
    if (!rd_header(&r, &size, &n))
        return corrupt(err);
    item = sst_av_new(SST_AV_M);
    if (item == NULL)
        return nomem(err);
    if (n > 0 && (item->u.map.v = sst_calloc(n, sizeof *item->u.map.v)) == NULL)
        rc = OOM;
    for (i = 0; i < n && rc == 0; i++) {
        if (!rd_bytes(&r, &name, &nlen)) {
            rc = BAD;
            break;
        }
        if (!str_copy(&item->u.map.v[i].name, name, nlen)) {
            rc = OOM;
            break;
        }
        item->u.map.len = i + 1;
        rc = av_value(&r, 1, &item->u.map.v[i].value);
    }
    if (rc == 0 && r.p != r.end)
        rc = BAD;
    if (rc != 0) {
        sst_av_free(item);
        return rc == OOM ? nomem(err) : corrupt(err);
    }
    *out = item;
    return SST_OK;
}

enum sst_code
sst_emu_item_attr_to_av(const void *row, size_t len, const char *name,
                        size_t name_len, struct sst_av **out,
                        struct sst_err *err)
{
    struct reader r = row_reader(row, len);
    bool found;
    int rc;

    *out = NULL;
    if (!rd_find_attr(&r, name, name_len, &found))
        return corrupt(err);
    rc = found ? av_value(&r, 1, out) : 0;
    return rc == 0 ? SST_OK : rc == OOM ? nomem(err) : corrupt(err);
}
