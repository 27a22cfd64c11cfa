/*
 * emu/store/item_int.h - what the files of the stored item form share
 * (item.c encodes, item_json.c and item_av.c decode, item_text.c keeps
 * the JSON text): value tags, the growable buffer's writers and the
 * row reader. Inline, since the decoders call them for every value.
 */
#ifndef SST_EMU_STORE_ITEM_INT_H
#define SST_EMU_STORE_ITEM_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <sst/mem.h>

#include "emu/store/item.h"

/* Value tags. */
enum tag {
    TAG_S = 0,
    TAG_N,
    TAG_B,
    TAG_FALSE,
    TAG_TRUE,
    TAG_NULL,
    TAG_M,
    TAG_L,
    TAG_SS,
    TAG_NS,
    TAG_BS,
    TAG_SREF, /* an S value in the row's text (version 3 rows only) */
    TAG_COUNT
};

/* The DynamoDB JSON type key of a tag. */
static inline const char *
tag_key(enum tag t)
{
    switch (t) {
    case TAG_S:
    case TAG_SREF:
        return "S";
    case TAG_N:
        return "N";
    case TAG_B:
        return "B";
    case TAG_FALSE:
    case TAG_TRUE:
        return "BOOL";
    case TAG_NULL:
        return "NULL";
    case TAG_M:
        return "M";
    case TAG_L:
        return "L";
    case TAG_SS:
        return "SS";
    case TAG_NS:
        return "NS";
    case TAG_BS:
        return "BS";
    default:
        return "";
    }
}

#define NAME_STACK 256 /* names up to this long need no allocation */
/* After a version 2 row's text: its CRC-32 and zlib's crc32_combine
 * operator for its length, 4 bytes each. */
#define TEXT_TRAILER 8

static inline bool
buf_reserve(struct sst_emu_buf *b, size_t more)
{
    size_t cap;
    uint8_t *p;

    if (b->cap - b->len >= more)
        return true;
    if (more > SIZE_MAX / 2 - b->len)
        return false;
    cap = b->cap ? b->cap : 256;
    while (cap - b->len < more)
        cap *= 2;
    p = sst_realloc(b->data, cap);
    if (p == NULL)
        return false;
    b->data = p;
    b->cap = cap;
    return true;
}

/* Writers: each assumes the room was reserved. */
static inline void
put_varint(struct sst_emu_buf *b, uint64_t v)
{
    while (v >= 0x80) {
        b->data[b->len++] = (uint8_t)(v | 0x80);
        v >>= 7;
    }
    b->data[b->len++] = (uint8_t)v;
}

struct reader {
    const uint8_t *p, *end;
    /* A version 3 row's text, which its TAG_SREF values point into;
     * NULL for the other versions (rd_header sets it). */
    const uint8_t *text;
    size_t text_len;
};

/* A reader of a whole row. */
static inline struct reader
row_reader(const void *row, size_t len)
{
    return (struct reader){row, (const uint8_t *)row + len, NULL, 0};
}

static inline bool
rd_varint(struct reader *r, uint64_t *v)
{
    unsigned shift = 0;

    *v = 0;
    while (r->p < r->end && shift < 64) {
        uint8_t c = *r->p++;
        *v |= (uint64_t)(c & 0x7f) << shift;
        if (!(c & 0x80))
            return true;
        shift += 7;
    }
    return false;
}

/* A length-prefixed byte string. */
static inline bool
rd_bytes(struct reader *r, const uint8_t **s, size_t *n)
{
    uint64_t len;

    if (!rd_varint(r, &len) || len > (uint64_t)(r->end - r->p))
        return false;
    *s = r->p;
    *n = (size_t)len;
    r->p += len;
    return true;
}

/* A number's text (one length byte). */
static inline bool
rd_num(struct reader *r, const uint8_t **s, size_t *n)
{
    if (r->p >= r->end || *r->p == 0 || *r->p >= SST_NUM_STR_MAX ||
        (size_t)*r->p > (size_t)(r->end - r->p - 1))
        return false;
    *n = *r->p;
    *s = r->p + 1;
    r->p += 1 + *n;
    return true;
}

/* A count of elements: each takes at least one byte, so a count larger
 * than the bytes left is damage (and never a huge allocation). */
static inline bool
rd_count(struct reader *r, size_t *n)
{
    uint64_t v;

    if (!rd_varint(r, &v) || v > (uint64_t)(r->end - r->p))
        return false;
    *n = (size_t)v;
    return true;
}

/* The header: version (and the text of a version 2 or 3 row, skipped;
 * a version 3 row's text is kept for its TAG_SREF values), size, count. */
static inline bool
rd_header(struct reader *r, uint64_t *size, size_t *count)
{
    uint64_t n;
    uint8_t version;

    if (r->p >= r->end)
        return false;
    version = *r->p++;
    if (version == SST_EMU_ITEM_FORMAT_TEXT ||
        version == SST_EMU_ITEM_FORMAT_TEXT_REF) {
        if (!rd_varint(r, &n) || n > (uint64_t)(r->end - r->p) ||
            (uint64_t)(r->end - r->p) - n < TEXT_TRAILER)
            return false;
        if (version == SST_EMU_ITEM_FORMAT_TEXT_REF) {
            r->text = r->p;
            r->text_len = (size_t)n;
        }
        r->p += n + TEXT_TRAILER;
    } else if (version != SST_EMU_ITEM_FORMAT) {
        return false;
    }
    return rd_varint(r, size) && rd_count(r, count);
}

/* An S value stored in the row's text: its offset and length there. */
static inline bool
rd_ref(struct reader *r, const uint8_t **s, size_t *n)
{
    uint64_t off, len;

    if (r->text == NULL || !rd_varint(r, &off) || !rd_varint(r, &len) ||
        off > r->text_len || len > r->text_len - off)
        return false;
    *s = r->text + off;
    *n = (size_t)len;
    return true;
}

/* The bytes of a value of tag t: S, B or SREF. */
static inline bool
rd_str(struct reader *r, enum tag t, const uint8_t **s, size_t *n)
{
    return t == TAG_SREF ? rd_ref(r, s, n) : rd_bytes(r, s, n);
}

static inline enum sst_code
corrupt(struct sst_err *err)
{
    return sst_err_set(err, SST_E_STORAGE, "a stored item is corrupt");
}

static inline enum sst_code
nomem(struct sst_err *err)
{
    return sst_err_set(err, SST_E_NOMEM, "out of memory decoding an item");
}

/* Decoding result: 0 ok, or one of these. */
#define BAD 1
#define OOM 2

/* A value's tag; false past the end, for an unknown tag, or past the
 * deepest nesting. */
static inline bool
rd_tag(struct reader *r, int depth, enum tag *t)
{
    if (r->p >= r->end || *r->p >= TAG_COUNT || depth > SST_AV_MAX_NESTING)
        return false;
    *t = (enum tag) * r->p++;
    return true;
}

/* Skip one value (for attributes left out by AttributesToGet). */
static inline bool
skip_value(struct reader *r, int depth)
{
    const uint8_t *s;
    size_t n, i, len;
    enum tag t;

    if (!rd_tag(r, depth, &t))
        return false;
    switch (t) {
    case TAG_S:
    case TAG_B:
    case TAG_SREF:
        return rd_str(r, t, &s, &n);
    case TAG_N:
        return rd_num(r, &s, &n);
    case TAG_FALSE:
    case TAG_TRUE:
    case TAG_NULL:
        return true;
    case TAG_M:
        if (!rd_count(r, &n))
            return false;
        for (i = 0; i < n; i++)
            if (!rd_bytes(r, &s, &len) || !skip_value(r, depth + 1))
                return false;
        return true;
    default:
        if (!rd_count(r, &n))
            return false;
        for (i = 0; i < n; i++)
            if (!(t == TAG_L    ? skip_value(r, depth + 1)
                  : t == TAG_NS ? rd_num(r, &s, &len)
                                : rd_bytes(r, &s, &len)))
                return false;
        return true;
    }
}

/* Move r, a whole row, to the value of its top-level attribute name
 * (name_len bytes), telling whether the row has it; false when the row
 * is damaged. */
static inline bool
rd_find_attr(struct reader *r, const char *name, size_t name_len, bool *found)
{
    const uint8_t *n;
    uint64_t size;
    size_t count, i, nlen;

    *found = false;
    if (!rd_header(r, &size, &count))
        return false;
    for (i = 0; i < count; i++) {
        if (!rd_bytes(r, &n, &nlen))
            return false;
        if (nlen == name_len && memcmp(n, name, nlen) == 0) {
            *found = true;
            return true;
        }
        if (!skip_value(r, 1))
            return false;
    }
    return true;
}

/* sst_emu_item_print's answer when only json-c can print the row. */
#define PRINT_JSONC 3

/* The row's DynamoDB JSON text appended to t: what json-c prints for
 * sst_emu_item_to_json's object with SST_EMU_TEXT_FLAGS, without
 * building it (item_print.c). 0; BAD (a damaged row); OOM; or
 * PRINT_JSONC when a name holds a NUL byte, which json-c's object keys
 * cut short: json-c's own printing of the object is then the text. t may
 * hold a partial text after an error. */
int sst_emu_item_print(const void *row, size_t len, struct sst_emu_buf *t);

#endif /* SST_EMU_STORE_ITEM_INT_H */
