/*
 * emu/store/item_text.c - rows that keep their item's DynamoDB JSON text
 * (version 2, item.h), the text nodes answers print it with, and the CRC
 * of a printed answer from the texts' stored CRCs.
 */
#include <string.h>

#include <json-c/json.h>
#include <json-c/printbuf.h>
#include <zlib.h>

#include "emu/store/bytes.h"
#include "emu/store/item_int.h"

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
