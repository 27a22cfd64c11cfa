/*
 * emu/store/item.c - the stored form of items and index entries (see
 * item.h): the buffer, encoding from attribute values, and the readers
 * of a row's header and of one top-level number. Decoding lives in
 * item_json.c (to json-c) and item_av.c (to values), the JSON text in
 * item_text.c.
 */
#include <string.h>

#include <sst/mem.h>

#include "emu/store/item_int.h"

/* ------------------------------------------------------------------ */
/* buffer                                                              */

void
sst_emu_buf_cleanup(struct sst_emu_buf *b)
{
    sst_free(b->data);
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

static bool
add_varint(struct sst_emu_buf *b, uint64_t v)
{
    if (!buf_reserve(b, 10))
        return false;
    put_varint(b, v);
    return true;
}

static bool
add_bytes(struct sst_emu_buf *b, const void *p, size_t n)
{
    if (!buf_reserve(b, n + 11))
        return false;
    put_varint(b, n);
    if (n > 0)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    return true;
}

static bool
add_tag(struct sst_emu_buf *b, enum tag t)
{
    if (!buf_reserve(b, 1))
        return false;
    b->data[b->len++] = (uint8_t)t;
    return true;
}

static bool
add_num(struct sst_emu_buf *b, const struct sst_num *n)
{
    size_t len;

    if (!buf_reserve(b, 1 + SST_NUM_STR_MAX))
        return false;
    len = sst_num_to_str(n, (char *)b->data + b->len + 1, SST_NUM_STR_MAX);
    b->data[b->len] = (uint8_t)len;
    b->len += 1 + len;
    return true;
}

/* ------------------------------------------------------------------ */
/* encoding                                                            */

static bool
encode_value(struct sst_emu_buf *b, const struct sst_av *v)
{
    size_t i;

    switch (v->type) {
    case SST_AV_S:
        return add_tag(b, TAG_S) && add_bytes(b, v->u.str.ptr, v->u.str.len);
    case SST_AV_B:
        return add_tag(b, TAG_B) && add_bytes(b, v->u.str.ptr, v->u.str.len);
    case SST_AV_N:
        return add_tag(b, TAG_N) && add_num(b, &v->u.num);
    case SST_AV_BOOL:
        return add_tag(b, v->u.boolean ? TAG_TRUE : TAG_FALSE);
    case SST_AV_NULL:
        return add_tag(b, TAG_NULL);
    case SST_AV_M:
        if (!add_tag(b, TAG_M) || !add_varint(b, v->u.map.len))
            return false;
        for (i = 0; i < v->u.map.len; i++)
            if (!add_bytes(b, v->u.map.v[i].name.ptr, v->u.map.v[i].name.len) ||
                !encode_value(b, v->u.map.v[i].value))
                return false;
        return true;
    case SST_AV_L:
        if (!add_tag(b, TAG_L) || !add_varint(b, v->u.list.len))
            return false;
        for (i = 0; i < v->u.list.len; i++)
            if (!encode_value(b, v->u.list.v[i]))
                return false;
        return true;
    case SST_AV_SS:
    case SST_AV_BS:
        if (!add_tag(b, v->type == SST_AV_SS ? TAG_SS : TAG_BS) ||
            !add_varint(b, v->u.strs.len))
            return false;
        for (i = 0; i < v->u.strs.len; i++)
            if (!add_bytes(b, v->u.strs.v[i].ptr, v->u.strs.v[i].len))
                return false;
        return true;
    case SST_AV_NS:
        if (!add_tag(b, TAG_NS) || !add_varint(b, v->u.nums.len))
            return false;
        for (i = 0; i < v->u.nums.len; i++)
            if (!add_num(b, &v->u.nums.v[i]))
                return false;
        return true;
    default:
        return false;
    }
}

/* Encode n attributes: attrs[i], or the entries of item when attrs is
 * NULL. */
static enum sst_code
encode_row(const struct sst_av_entry *const *attrs, const struct sst_av *item,
           size_t n, struct sst_emu_buf *b, struct sst_err *err)
{
    const struct sst_av_entry *e;
    uint64_t size = 0;
    size_t i;

    b->len = 0;
    for (i = 0; i < n; i++) {
        e = attrs ? attrs[i] : &item->u.map.v[i];
        size += e->name.len + sst_av_size(e->value);
    }
    if (!buf_reserve(b, 21))
        goto nomem;
    b->data[b->len++] = SST_EMU_ITEM_FORMAT;
    put_varint(b, size);
    put_varint(b, n);
    for (i = 0; i < n; i++) {
        e = attrs ? attrs[i] : &item->u.map.v[i];
        if (!add_bytes(b, e->name.ptr, e->name.len) ||
            !encode_value(b, e->value))
            goto nomem;
    }
    return SST_OK;
nomem:
    return sst_err_set(err, SST_E_NOMEM, "out of memory encoding an item");
}

enum sst_code
sst_emu_item_encode(const struct sst_av_entry *const *attrs, size_t n,
                    struct sst_emu_buf *b, struct sst_err *err)
{
    return encode_row(attrs, NULL, n, b, err);
}

enum sst_code
sst_emu_item_encode_av(const struct sst_av *item, struct sst_emu_buf *b,
                       struct sst_err *err)
{
    return encode_row(NULL, item, item->u.map.len, b, err);
}

/* ------------------------------------------------------------------ */
/* reading                                                             */

enum sst_code
sst_emu_item_size(const void *row, size_t len, uint64_t *size,
                  struct sst_err *err)
{
    struct reader r = row_reader(row, len);
    size_t count;

    *size = 0;
    return rd_header(&r, size, &count) ? SST_OK : corrupt(err);
}

enum sst_code
sst_emu_item_number(const void *row, size_t len, const char *name,
                    size_t name_len, char *text, bool *found,
                    struct sst_err *err)
{
    struct reader r = row_reader(row, len);
    const uint8_t *s;
    size_t slen;
    bool has;

    *found = false;
    if (!rd_find_attr(&r, name, name_len, &has))
        return corrupt(err);
    if (!has || r.p >= r.end || *r.p != TAG_N)
        return SST_OK;
    r.p++;
    if (!rd_num(&r, &s, &slen))
        return corrupt(err);
    memcpy(text, s, slen);
    text[slen] = '\0';
    *found = true;
    return SST_OK;
}
