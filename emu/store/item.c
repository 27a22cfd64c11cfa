/*
 * emu/store/item.c - the stored form of items and index entries (see
 * item.h): encode from attribute values, decode to json-c or to values.
 *
 * The JSON decoder is the hot path of every read (GetItem, Scan, ...): it
 * walks the row once, creating the json-c objects directly. Type keys are
 * added as constant keys (json-c does not copy them) and attribute names
 * as new keys (json-c skips the lookup).
 */
#include <string.h>

#include <json-c/printbuf.h>
#include <zlib.h>

#include <sst/mem.h>

#include "emu/store/bytes.h"
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
    TAG_COUNT
};

#define NAME_STACK 256 /* names up to this long need no allocation */
/* After a version 2 row's text: its CRC-32 and zlib's crc32_combine
 * operator for its length, 4 bytes each. */
#define TEXT_TRAILER 8

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
static void
put_varint(struct sst_emu_buf *b, uint64_t v)
{
    while (v >= 0x80) {
        b->data[b->len++] = (uint8_t)(v | 0x80);
        v >>= 7;
    }
    b->data[b->len++] = (uint8_t)v;
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

struct reader {
    const uint8_t *p, *end;
};

static bool
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
static bool
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
static bool
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
static bool
rd_count(struct reader *r, size_t *n)
{
    uint64_t v;

    if (!rd_varint(r, &v) || v > (uint64_t)(r->end - r->p))
        return false;
    *n = (size_t)v;
    return true;
}

/* The header: version (and the text of a SST_EMU_ITEM_FORMAT_TEXT row,
 * skipped), size, count. */
static bool
rd_header(struct reader *r, uint64_t *size, size_t *count)
{
    uint64_t n;

    if (r->p >= r->end)
        return false;
    if (*r->p == SST_EMU_ITEM_FORMAT_TEXT) {
        r->p++;
        if (!rd_varint(r, &n) || n > (uint64_t)(r->end - r->p) ||
            (uint64_t)(r->end - r->p) - n < TEXT_TRAILER)
            return false;
        r->p += n + TEXT_TRAILER;
    } else if (*r->p == SST_EMU_ITEM_FORMAT) {
        r->p++;
    } else {
        return false;
    }
    return rd_varint(r, size) && rd_count(r, count);
}

static enum sst_code
corrupt(struct sst_err *err)
{
    return sst_err_set(err, SST_E_STORAGE, "a stored item is corrupt");
}

static enum sst_code
nomem(struct sst_err *err)
{
    return sst_err_set(err, SST_E_NOMEM, "out of memory decoding an item");
}

enum sst_code
sst_emu_item_size(const void *row, size_t len, uint64_t *size,
                  struct sst_err *err)
{
    struct reader r = {row, (const uint8_t *)row + len};
    size_t count;

    *size = 0;
    return rd_header(&r, size, &count) ? SST_OK : corrupt(err);
}

/* ------------------------------------------------------------------ */
/* to json-c                                                           */

/* Decoding result: 0 ok, or one of these. */
#define BAD 1
#define OOM 2

static const char *const tag_keys[TAG_COUNT] = {
    [TAG_S] = "S",       [TAG_N] = "N",       [TAG_B] = "B",
    [TAG_FALSE] = "BOOL", [TAG_TRUE] = "BOOL", [TAG_NULL] = "NULL",
    [TAG_M] = "M",       [TAG_L] = "L",       [TAG_SS] = "SS",
    [TAG_NS] = "NS",     [TAG_BS] = "BS",
};

static const char b64_chars[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Base64 of n bytes as a JSON string. */
static struct json_object *
b64_json(const uint8_t *s, size_t n)
{
    char stack[512], *out = stack;
    struct json_object *j;
    size_t need = (n + 2) / 3 * 4, i, o = 0;

    if (need > sizeof stack && (out = sst_malloc(need)) == NULL)
        return NULL;
    for (i = 0; i + 2 < n; i += 3) {
        uint32_t w = (uint32_t)s[i] << 16 | (uint32_t)s[i + 1] << 8 | s[i + 2];
        out[o++] = b64_chars[w >> 18 & 63];
        out[o++] = b64_chars[w >> 12 & 63];
        out[o++] = b64_chars[w >> 6 & 63];
        out[o++] = b64_chars[w & 63];
    }
    if (i < n) {
        uint32_t w =
            (uint32_t)s[i] << 16 | (i + 1 < n ? (uint32_t)s[i + 1] << 8 : 0);
        out[o++] = b64_chars[w >> 18 & 63];
        out[o++] = b64_chars[w >> 12 & 63];
        out[o++] = i + 1 < n ? b64_chars[w >> 6 & 63] : '=';
        out[o++] = '=';
    }
    j = json_object_new_string_len(out, (int)o);
    if (out != stack)
        sst_free(out);
    return j;
}

static struct json_object *
str_json(const uint8_t *s, size_t n, bool binary)
{
    if (n > INT32_MAX)
        return NULL;
    return binary ? b64_json(s, n)
                  : json_object_new_string_len((const char *)s, (int)n);
}

/* Add val under a name that is not NUL-terminated. */
static int
add_named(struct json_object *obj, const uint8_t *name, size_t n,
          struct json_object *val)
{
    char stack[NAME_STACK], *key = stack;
    int rc;

    if (n >= sizeof stack && (key = sst_malloc(n + 1)) == NULL) {
        json_object_put(val);
        return OOM;
    }
    memcpy(key, name, n);
    key[n] = '\0';
    rc = json_object_object_add_ex(obj, key, val,
                                   JSON_C_OBJECT_ADD_KEY_IS_NEW);
    if (key != stack)
        sst_free(key);
    if (rc != 0) {
        json_object_put(val);
        return OOM;
    }
    return 0;
}

static int json_value(struct reader *r, int depth, struct json_object **out);

/* The content of an array-shaped value: L, SS, NS, BS. */
static int
json_array(struct reader *r, enum tag t, int depth, struct json_object **out)
{
    struct json_object *arr, *e = NULL;
    const uint8_t *s;
    size_t n, i, len;
    int rc = 0;

    if (!rd_count(r, &n))
        return BAD;
    if ((arr = json_object_new_array_ext(n > 0 && n < 4096 ? (int)n : 8)) ==
        NULL)
        return OOM;
    for (i = 0; i < n && rc == 0; i++) {
        if (t == TAG_L)
            rc = json_value(r, depth + 1, &e);
        else if (t == TAG_NS)
            rc = rd_num(r, &s, &len)
                     ? ((e = str_json(s, len, false)) ? 0 : OOM)
                     : BAD;
        else
            rc = rd_bytes(r, &s, &len)
                     ? ((e = str_json(s, len, t == TAG_BS)) ? 0 : OOM)
                     : BAD;
        if (rc == 0 && json_object_array_add(arr, e) != 0) {
            json_object_put(e);
            rc = OOM;
        }
    }
    if (rc != 0) {
        json_object_put(arr);
        return rc;
    }
    *out = arr;
    return 0;
}

static int
json_map(struct reader *r, int depth, struct json_object **out)
{
    struct json_object *m, *e = NULL;
    const uint8_t *name;
    size_t n, i, len;
    int rc = 0;

    if (!rd_count(r, &n))
        return BAD;
    if ((m = json_object_new_object()) == NULL)
        return OOM;
    for (i = 0; i < n && rc == 0; i++) {
        if (!rd_bytes(r, &name, &len))
            rc = BAD;
        else if ((rc = json_value(r, depth + 1, &e)) == 0)
            rc = add_named(m, name, len, e);
    }
    if (rc != 0) {
        json_object_put(m);
        return rc;
    }
    *out = m;
    return 0;
}

/* One value as {"T": content}. */
static int
json_value(struct reader *r, int depth, struct json_object **out)
{
    struct json_object *content = NULL, *w;
    const uint8_t *s;
    size_t n;
    enum tag t;
    int rc = 0;

    if (r->p >= r->end || *r->p >= TAG_COUNT || depth > SST_AV_MAX_NESTING)
        return BAD;
    t = (enum tag) * r->p++;
    switch (t) {
    case TAG_S:
    case TAG_B:
        if (!rd_bytes(r, &s, &n))
            return BAD;
        content = str_json(s, n, t == TAG_B);
        break;
    case TAG_N:
        if (!rd_num(r, &s, &n))
            return BAD;
        content = str_json(s, n, false);
        break;
    case TAG_FALSE:
    case TAG_TRUE:
    case TAG_NULL:
        content = json_object_new_boolean(t != TAG_FALSE);
        break;
    case TAG_M:
        rc = json_map(r, depth, &content);
        break;
    default:
        rc = json_array(r, t, depth, &content);
        break;
    }
    if (rc != 0)
        return rc;
    if (content == NULL)
        return OOM;
    w = json_object_new_object();
    if (w == NULL || json_object_object_add_ex(
                         w, tag_keys[t], content,
                         JSON_C_OBJECT_ADD_KEY_IS_NEW |
                             JSON_C_OBJECT_ADD_CONSTANT_KEY) != 0) {
        json_object_put(content);
        json_object_put(w);
        return OOM;
    }
    *out = w;
    return 0;
}

/* Skip one value (for attributes left out by AttributesToGet). */
static bool
skip_value(struct reader *r, int depth)
{
    const uint8_t *s;
    size_t n, i, len;
    enum tag t;

    if (r->p >= r->end || *r->p >= TAG_COUNT || depth > SST_AV_MAX_NESTING)
        return false;
    t = (enum tag) * r->p++;
    switch (t) {
    case TAG_S:
    case TAG_B:
        return rd_bytes(r, &s, &n);
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

static bool
wanted(const uint8_t *name, size_t n, const char *const *only, size_t only_n)
{
    size_t i;

    if (only == NULL)
        return true;
    for (i = 0; i < only_n; i++)
        if (strlen(only[i]) == n && memcmp(only[i], name, n) == 0)
            return true;
    return false;
}

/* Size an empty object's hash table for n members at once: json-c
 * starts at 16 slots and doubles (rehashing every member) once 11 are in,
 * which was a tenth of a 12-attribute GetItem. lh_table_resize is
 * declared in json-c's public linkhash.h. A failed resize leaves the
 * table as it was, so it is only a missed saving. */
static void
presize(struct json_object *obj, size_t n)
{
    struct lh_table *t = json_object_get_object(obj);

    /* json-c grows the table when an insert finds count >= size * 0.66 */
    if (t != NULL && t->count == 0 && n > 1 && n < 65536 &&
        (double)(n - 1) >= t->size * LH_LOAD_FACTOR)
        (void)lh_table_resize(t, (int)(n * 2));
}

/* The attributes of a row into obj; with skip_present, attributes obj
 * has already are left alone. */
static enum sst_code
row_into(const void *row, size_t len, const char *const *only, size_t only_n,
         struct json_object *obj, bool skip_present, struct sst_err *err)
{
    struct reader r = {row, (const uint8_t *)row + len};
    struct json_object *v = NULL;
    const uint8_t *name;
    char key[NAME_STACK];
    uint64_t size;
    size_t n, i, nlen;
    bool take;
    int rc = 0;

    if (!rd_header(&r, &size, &n))
        return corrupt(err);
    presize(obj, n);
    for (i = 0; i < n && rc == 0; i++) {
        if (!rd_bytes(&r, &name, &nlen)) {
            rc = BAD;
            break;
        }
        take = wanted(name, nlen, only, only_n);
        if (take && skip_present && nlen < sizeof key) {
            memcpy(key, name, nlen);
            key[nlen] = '\0';
            take = !json_object_object_get_ex(obj, key, NULL);
        }
        if (!take) {
            rc = skip_value(&r, 1) ? 0 : BAD;
            continue;
        }
        rc = json_value(&r, 1, &v);
        if (rc == 0)
            rc = add_named(obj, name, nlen, v);
    }
    if (rc == 0 && r.p != r.end)
        rc = BAD;
    return rc == 0 ? SST_OK : rc == OOM ? nomem(err) : corrupt(err);
}

enum sst_code
sst_emu_item_to_json(const void *row, size_t len, const char *const *only,
                     size_t only_n, struct json_object **out,
                     struct sst_err *err)
{
    struct json_object *obj = json_object_new_object();
    enum sst_code rc;

    *out = NULL;
    if (obj == NULL)
        return nomem(err);
    rc = row_into(row, len, only, only_n, obj, false, err);
    if (rc != SST_OK) {
        json_object_put(obj);
        return rc;
    }
    *out = obj;
    return SST_OK;
}

enum sst_code
sst_emu_item_merge_json(const void *row, size_t len, const char *const *only,
                        size_t only_n, struct json_object *into,
                        struct sst_err *err)
{
    return row_into(row, len, only, only_n, into, true, err);
}

enum sst_code
sst_emu_item_number(const void *row, size_t len, const char *name,
                    size_t name_len, char *text, bool *found,
                    struct sst_err *err)
{
    struct reader r = {row, (const uint8_t *)row + len};
    const uint8_t *n, *s;
    uint64_t size;
    size_t count, i, nlen, slen;

    *found = false;
    if (!rd_header(&r, &size, &count))
        return corrupt(err);
    for (i = 0; i < count; i++) {
        if (!rd_bytes(&r, &n, &nlen))
            return corrupt(err);
        if (nlen != name_len || memcmp(n, name, nlen) != 0) {
            if (!skip_value(&r, 1))
                return corrupt(err);
            continue;
        }
        if (r.p < r.end && *r.p == TAG_N) {
            r.p++;
            if (!rd_num(&r, &s, &slen))
                return corrupt(err);
            memcpy(text, s, slen);
            text[slen] = '\0';
            *found = true;
        }
        return SST_OK;
    }
    return SST_OK;
}

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
    [TAG_S] = SST_AV_S,       [TAG_N] = SST_AV_N,     [TAG_B] = SST_AV_B,
    [TAG_FALSE] = SST_AV_BOOL, [TAG_TRUE] = SST_AV_BOOL, [TAG_NULL] = SST_AV_NULL,
    [TAG_M] = SST_AV_M,       [TAG_L] = SST_AV_L,     [TAG_SS] = SST_AV_SS,
    [TAG_NS] = SST_AV_NS,     [TAG_BS] = SST_AV_BS,
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
    if (r->p >= r->end || *r->p >= TAG_COUNT || depth > SST_AV_MAX_NESTING)
        return BAD;
    t = (enum tag) * r->p++;
    v = sst_av_new(tag_types[t]);
    if (v == NULL)
        return OOM;
    switch (t) {
    case TAG_S:
    case TAG_B:
        sst_free(v->u.str.ptr);
        v->u.str.ptr = NULL;
        if (!rd_bytes(r, &s, &n))
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
    struct reader r = {row, (const uint8_t *)row + len};
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
    struct reader r = {row, (const uint8_t *)row + len};
    const uint8_t *n;
    uint64_t size;
    size_t count, i, nlen;
    int rc;

    *out = NULL;
    if (!rd_header(&r, &size, &count))
        return corrupt(err);
    for (i = 0; i < count; i++) {
        if (!rd_bytes(&r, &n, &nlen))
            return corrupt(err);
        if (nlen != name_len || memcmp(n, name, nlen) != 0) {
            if (!skip_value(&r, 1))
                return corrupt(err);
            continue;
        }
        rc = av_value(&r, 1, out);
        return rc == 0 ? SST_OK : rc == OOM ? nomem(err) : corrupt(err);
    }
    return SST_OK;
}

/* ------------------------------------------------------------------ */
/* the stored text                                                     */

enum sst_code
sst_emu_item_add_text(struct sst_emu_buf *b, struct sst_err *err)
{
    struct sst_emu_buf out = {0};
    struct json_object *obj = NULL;
    const char *s;
    size_t n = 0;
    enum sst_code rc;

    if (b->len == 0 || b->data[0] != SST_EMU_ITEM_FORMAT)
        return b->len > 0 && b->data[0] == SST_EMU_ITEM_FORMAT_TEXT
                   ? SST_OK
                   : corrupt(err);
    rc = sst_emu_item_to_json(b->data, b->len, NULL, 0, &obj, err);
    if (rc != SST_OK)
        return rc;
    s = json_object_to_json_string_length(obj, SST_EMU_TEXT_FLAGS, &n);
    if (s == NULL || !buf_reserve(&out, 11 + TEXT_TRAILER + n + b->len)) {
        rc = sst_err_set(err, SST_E_NOMEM, "out of memory encoding an item");
        goto out;
    }
    out.data[out.len++] = SST_EMU_ITEM_FORMAT_TEXT;
    put_varint(&out, n);
    memcpy(out.data + out.len, s, n);
    out.len += n;
    sst_emu_put_u32(out.data + out.len,
                    (uint32_t)crc32(0L, (const Bytef *)s, (uInt)n));
    sst_emu_put_u32(out.data + out.len + 4,
                    (uint32_t)crc32_combine_gen((z_off_t)n));
    out.len += TEXT_TRAILER;
    memcpy(out.data + out.len, b->data + 1, b->len - 1);
    out.len += b->len - 1;
    sst_emu_buf_cleanup(b);
    *b = out;
out:
    json_object_put(obj);
    return rc;
}

bool
sst_emu_item_text(const void *row, size_t len, const char **text,
                  size_t *text_len, uint32_t *crc, uint32_t *crc_op)
{
    struct reader r = {row, (const uint8_t *)row + len};
    uint64_t n;

    if (len == 0 || *r.p != SST_EMU_ITEM_FORMAT_TEXT)
        return false;
    r.p++;
    if (!rd_varint(&r, &n) || n == 0 || n > (uint64_t)(r.end - r.p) ||
        (uint64_t)(r.end - r.p) - n < TEXT_TRAILER)
        return false;
    *text = (const char *)r.p;
    *text_len = (size_t)n;
    *crc = sst_emu_get_u32(r.p + n);
    *crc_op = sst_emu_get_u32(r.p + n + 4);
    return true;
}

enum sst_code
sst_emu_item_text_ok(const void *row, size_t len, bool *ok, struct sst_err *err)
{
    struct json_object *obj = NULL;
    const char *text, *s;
    size_t n, m = 0;
    uint32_t crc, op;
    enum sst_code rc;

    *ok = true;
    if (!sst_emu_item_text(row, len, &text, &n, &crc, &op))
        return SST_OK;
    rc = sst_emu_item_to_json(row, len, NULL, 0, &obj, err);
    if (rc != SST_OK)
        return rc;
    s = json_object_to_json_string_length(obj, SST_EMU_TEXT_FLAGS, &m);
    if (s == NULL)
        rc = nomem(err);
    else
        *ok = m == n && memcmp(s, text, n) == 0 &&
              crc32(0L, (const Bytef *)text, (uInt)n) == crc &&
              crc32_combine_gen((z_off_t)n) == op;
    json_object_put(obj);
    return rc;
}

/* The spans log of the answer being printed on this thread, if any. */
static _Thread_local struct sst_emu_text_log *text_log;

void
sst_emu_text_log_begin(struct sst_emu_text_log *log)
{
    log->n = 0;
    log->overflow = false;
    text_log = log;
}

void
sst_emu_text_log_end(void)
{
    text_log = NULL;
}

uint32_t
sst_emu_text_log_crc(const struct sst_emu_text_log *log, const char *body,
                     size_t len)
{
    uLong crc = crc32(0L, Z_NULL, 0);
    size_t i, pos = 0;

    if (log->overflow)
        return (uint32_t)crc32_z(crc, (const Bytef *)body, len);
    for (i = 0; i < log->n; i++) {
        crc = crc32_z(crc, (const Bytef *)body + pos, log->v[i].off - pos);
        crc = crc32_combine_op(crc, log->v[i].crc, log->v[i].op);
        pos = log->v[i].off + log->v[i].len;
    }
    return (uint32_t)crc32_z(crc, (const Bytef *)body + pos, len - pos);
}

/* A text node's userdata: its CRC-32 and combine operator, packed into
 * the pointer where it is 64 bits wide (never NULL: the operator of a
 * non-empty text is not 0); elsewhere NULL, and the log gives up (the
 * answer's CRC is then computed over every byte). */
#if UINTPTR_MAX >= UINT64_MAX
#define PACK_CRC(crc, op)                                                      \
    ((void *)(uintptr_t)((uint64_t)(crc) | (uint64_t)(op) << 32))
#endif

static bool
unpack_crc(const void *u, uint32_t *crc, uint32_t *op)
{
    uint64_t v = (uint64_t)(uintptr_t)u;

    if (u == NULL)
        return false;
    *crc = (uint32_t)v;
    *op = (uint32_t)(v >> 32);
    return true;
}

/* A text node serialises as its string, unquoted: the item's JSON. */
static int
text_node_to_json(struct json_object *jso, struct printbuf *pb, int level,
                  int flags)
{
    struct sst_emu_text_log *log = text_log;
    struct sst_emu_text_span *sp;
    size_t off = (size_t)pb->bpos, n = (size_t)json_object_get_string_len(jso);

    (void)level;
    (void)flags;
    if (printbuf_memappend(pb, json_object_get_string(jso), (int)n) < 0)
        return -1;
    if (log == NULL || log->overflow)
        return 0;
    /* spans come in print order; one out of order (an answer printed
     * twice into one log) spoils the log, never the CRC */
    sp = log->n < log->cap ? &log->v[log->n] : NULL;
    if (sp == NULL ||
        (log->n > 0 && off < log->v[log->n - 1].off + log->v[log->n - 1].len) ||
        !unpack_crc(json_object_get_userdata(jso), &sp->crc, &sp->op)) {
        log->overflow = true;
        return 0;
    }
    sp->off = off;
    sp->len = n;
    log->n++;
    return 0;
}

enum sst_code
sst_emu_item_text_json(const void *row, size_t len, struct json_object **out,
                       struct sst_err *err)
{
    const char *text;
    size_t n;
    uint32_t crc, op;
    void *packed = NULL;

    *out = NULL;
    if (!sst_emu_item_text(row, len, &text, &n, &crc, &op))
        return SST_OK;
    *out = json_object_new_string_len(text, (int)n);
    if (*out == NULL)
        return nomem(err);
#ifdef PACK_CRC
    packed = PACK_CRC(crc, op);
#endif
    json_object_set_serializer(*out, text_node_to_json, packed, NULL);
    return SST_OK;
}
