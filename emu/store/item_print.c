/*
 * emu/store/item_print.c - a row's DynamoDB JSON text, printed from the
 * row (sst_emu_item_print, item_int.h).
 *
 * The text must be exactly json-c's printing of the row's json-c object
 * (sst_emu_item_to_json) with SST_EMU_TEXT_FLAGS: no spaces, members in
 * the row's order, '/' not escaped. Building that object (a json-c
 * object and a hash table per value) and printing it took about 20,000
 * instructions for a 1 KB item, more than the rest of a PutItem's
 * encoding. Here the structure - braces, brackets, commas, quotes, type
 * keys, true and false - is written directly, and so are the strings
 * json-c prints as they are (no '"', '\\' or control character: nearly
 * all). A string with such a byte is printed by json-c itself, so the
 * escaping is always json-c's. tests/unit/test_emu_text.c and the
 * emulator's fuzz targets compare every text with json-c's printing.
 */
#include <string.h>

#include <json-c/json.h>

#include "emu/store/item_int.h"
#include "src/core/b64.h"
#include "src/core/jsonstr.h"

static bool
put(struct sst_emu_buf *t, const void *p, size_t n)
{
    if (!buf_reserve(t, n))
        return false;
    memcpy(t->data + t->len, p, n);
    t->len += n;
    return true;
}

#define PUT_LIT(t, s) put((t), (s), sizeof(s) - 1)

/* A JSON string of n bytes, as json-c prints it. */
static int
put_string(struct sst_emu_buf *t, const uint8_t *s, size_t n)
{
    struct json_object *o;
    const char *p;
    size_t len = 0;
    bool ok;

    if (sst_json_plain_len((const char *)s, n) == n) {
        if (!buf_reserve(t, n + 2))
            return OOM;
        t->data[t->len++] = '"';
        memcpy(t->data + t->len, s, n);
        t->len += n;
        t->data[t->len++] = '"';
        return 0;
    }
    if (n > INT32_MAX)
        return OOM;
    o = json_object_new_string_len((const char *)s, (int)n);
    if (o == NULL)
        return OOM;
    p = json_object_to_json_string_length(o, SST_EMU_TEXT_FLAGS, &len);
    ok = p != NULL && put(t, p, len);
    json_object_put(o);
    return ok ? 0 : OOM;
}

/* Base64 of n bytes as a JSON string: its characters print as they are
 * ('/' too, with SST_EMU_TEXT_FLAGS). */
static int
put_b64(struct sst_emu_buf *t, const uint8_t *s, size_t n)
{
    if (n > INT32_MAX / 2 || !buf_reserve(t, SST_B64_LEN(n) + 2))
        return OOM;
    t->data[t->len++] = '"';
    t->len += sst_b64_encode_into(s, n, (char *)t->data + t->len);
    t->data[t->len++] = '"';
    return 0;
}

/* "name": for an attribute or map member; PRINT_JSONC for a name with a
 * NUL byte (json-c's key would end there). */
static int
put_name(struct sst_emu_buf *t, const uint8_t *name, size_t n)
{
    int rc;

    if (memchr(name, '\0', n) != NULL)
        return PRINT_JSONC;
    rc = put_string(t, name, n);
    if (rc == 0 && !PUT_LIT(t, ":"))
        rc = OOM;
    return rc;
}

static int print_value(struct reader *r, struct sst_emu_buf *t, int depth);

/* The elements of an L, SS, NS or BS value, between brackets. */
static int
print_array(struct reader *r, enum tag tg, struct sst_emu_buf *t, int depth)
{
    const uint8_t *s;
    size_t n, i, len;
    int rc = 0;

    if (!rd_count(r, &n))
        return BAD;
    if (!PUT_LIT(t, "["))
        return OOM;
    for (i = 0; i < n && rc == 0; i++) {
        if (i > 0 && !PUT_LIT(t, ","))
            return OOM;
        if (tg == TAG_L)
            rc = print_value(r, t, depth + 1);
        else if (tg == TAG_NS)
            rc = rd_num(r, &s, &len) ? put_string(t, s, len) : BAD;
        else if (!rd_bytes(r, &s, &len))
            rc = BAD;
        else
            rc = tg == TAG_BS ? put_b64(t, s, len) : put_string(t, s, len);
    }
    if (rc == 0 && !PUT_LIT(t, "]"))
        rc = OOM;
    return rc;
}

/* count members (name value) between braces. */
static int
print_members(struct reader *r, size_t count, struct sst_emu_buf *t, int depth)
{
    const uint8_t *name;
    size_t i, nlen;
    int rc = 0;

    if (!PUT_LIT(t, "{"))
        return OOM;
    for (i = 0; i < count && rc == 0; i++) {
        if (i > 0 && !PUT_LIT(t, ","))
            return OOM;
        if (!rd_bytes(r, &name, &nlen))
            return BAD;
        rc = put_name(t, name, nlen);
        if (rc == 0)
            rc = print_value(r, t, depth);
    }
    if (rc == 0 && !PUT_LIT(t, "}"))
        rc = OOM;
    return rc;
}

/* One value: {"T":content}. */
static int
print_value(struct reader *r, struct sst_emu_buf *t, int depth)
{
    const uint8_t *s;
    const char *key;
    size_t n;
    enum tag tg;
    int rc;

    if (!rd_tag(r, depth, &tg))
        return BAD;
    key = tag_key(tg);
    if (!PUT_LIT(t, "{\"") || !put(t, key, strlen(key)) || !PUT_LIT(t, "\":"))
        return OOM;
    switch (tg) {
    case TAG_S:
    case TAG_SREF:
        rc = rd_str(r, tg, &s, &n) ? put_string(t, s, n) : BAD;
        break;
    case TAG_B:
        rc = rd_bytes(r, &s, &n) ? put_b64(t, s, n) : BAD;
        break;
    case TAG_N:
        rc = rd_num(r, &s, &n) ? put_string(t, s, n) : BAD;
        break;
    case TAG_FALSE:
        rc = PUT_LIT(t, "false") ? 0 : OOM;
        break;
    case TAG_TRUE:
    case TAG_NULL:
        rc = PUT_LIT(t, "true") ? 0 : OOM;
        break;
    case TAG_M:
        rc = rd_count(r, &n) ? print_members(r, n, t, depth + 1) : BAD;
        break;
    default:
        rc = print_array(r, tg, t, depth);
        break;
    }
    if (rc == 0 && !PUT_LIT(t, "}"))
        rc = OOM;
    return rc;
}

int
sst_emu_item_print(const void *row, size_t len, struct sst_emu_buf *t)
{
    struct reader r = row_reader(row, len);
    uint64_t size;
    size_t count;
    int rc;

    if (!rd_header(&r, &size, &count))
        return BAD;
    rc = print_members(&r, count, t, 1);
    if (rc == 0 && r.p != r.end)
        rc = BAD;
    return rc;
}
