/*
 * emu/store/item_text.c - rows that keep their item's DynamoDB JSON text
 * (versions 2 and 3, item.h), the nodes answers print it with (one item's text,
 * or a list of items gathered into one buffer), and the CRC of a printed
 * answer from the texts' stored CRCs.
 */
#define _GNU_SOURCE /* memmem */
#include <string.h>

#include <json-c/json.h>
#include <json-c/printbuf.h>
#include <zlib.h>

#include "emu/store/bytes.h"
#include "emu/store/item_int.h"

/* ------------------------------------------------------------------ */
/* the stored text                                                     */

/* S values this long or longer are looked for in the text: a reference
 * (tag, offset and length, 7 bytes at most for a text under 2^21 bytes,
 * 9 under 2^28) is then always shorter than the bytes. */
#define REF_MIN 16

/* Where an S value is printed: after the token {"S":" that opens it. A
 * string's printing has no '"' but escaped ones, so the token only ever
 * opens an S value, and the S values print in the order the row holds
 * them (json-c keeps the order objects were built in): the next token
 * after the one before is this value's. */
static const char s_token[] = "{\"S\":\"";

/* The text S values may point into, and where the next s_token is
 * looked for. */
struct refs {
    const uint8_t *text;
    size_t len, from;
};

static void
copy_span(struct sst_emu_buf *out, const uint8_t *from, const uint8_t *to)
{
    memcpy(out->data + out->len, from, (size_t)(to - from));
    out->len += (size_t)(to - from);
}

static bool copy_members(struct reader *r, size_t count,
                         struct sst_emu_buf *out, struct refs *refs, int depth);

/* Copy one value of a version 1 row from r to out, S values of REF_MIN
 * bytes or more that the text holds as they are (nothing escaped)
 * becoming references to them. A reference is only written after its
 * bytes compared equal, so a text printed in some other order only costs
 * the saving. out has room for the whole value (a reference is never
 * longer). */
static bool
copy_value(struct reader *r, struct sst_emu_buf *out, struct refs *refs,
           int depth)
{
    const uint8_t *start = r->p, *s, *at;
    size_t n, i, pos;
    enum tag t;

    if (!rd_tag(r, depth, &t))
        return false;
    switch (t) {
    case TAG_S:
        if (!rd_bytes(r, &s, &n))
            return false;
        at = memmem(refs->text + refs->from, refs->len - refs->from, s_token,
                    sizeof s_token - 1);
        if (at == NULL)
            break; /* copied as it is */
        pos = (size_t)(at - refs->text) + sizeof s_token - 1;
        refs->from = pos;
        if (n < REF_MIN || n > refs->len - pos ||
            memcmp(refs->text + pos, s, n) != 0)
            break;
        refs->from = pos + n;
        out->data[out->len++] = TAG_SREF;
        put_varint(out, pos);
        put_varint(out, n);
        return true;
    case TAG_M:
        if (!rd_count(r, &n))
            return false;
        copy_span(out, start, r->p);
        return copy_members(r, n, out, refs, depth + 1);
    case TAG_L:
        if (!rd_count(r, &n))
            return false;
        copy_span(out, start, r->p);
        for (i = 0; i < n; i++)
            if (!copy_value(r, out, refs, depth + 1))
                return false;
        return true;
    case TAG_SREF: /* never in a version 1 row */
        return false;
    default:
        r->p = start;
        if (!skip_value(r, depth))
            return false;
        break;
    }
    copy_span(out, start, r->p);
    return true;
}

/* count members (name, value) from r to out: an M value's, or a row's
 * attributes. */
static bool
copy_members(struct reader *r, size_t count, struct sst_emu_buf *out,
             struct refs *refs, int depth)
{
    const uint8_t *start, *name;
    size_t i, nlen;

    for (i = 0; i < count; i++) {
        start = r->p;
        if (!rd_bytes(r, &name, &nlen))
            return false;
        copy_span(out, start, r->p);
        if (!copy_value(r, out, refs, depth))
            return false;
    }
    return true;
}

enum sst_code
sst_emu_item_add_text(struct sst_emu_buf *b, struct sst_err *err)
{
    struct sst_emu_buf out = {0}, printed = {0};
    struct json_object *obj = NULL;
    struct reader r;
    struct refs refs;
    const uint8_t *text;
    const char *s = NULL;
    size_t n = 0, count;
    uint64_t size;
    enum sst_code rc = SST_OK;
    int prc;

    if (b->len == 0 || b->data[0] != SST_EMU_ITEM_FORMAT)
        return b->len > 0 && (b->data[0] == SST_EMU_ITEM_FORMAT_TEXT ||
                              b->data[0] == SST_EMU_ITEM_FORMAT_TEXT_REF)
                   ? SST_OK
                   : corrupt(err);
    /* the text: printed from the row, or by json-c from the row's object
     * when only json-c can print it */
    prc = buf_reserve(&printed, b->len + b->len / 8 + 64)
              ? sst_emu_item_print(b->data, b->len, &printed)
              : OOM;
    if (prc == 0) {
        s = (const char *)printed.data;
        n = printed.len;
    } else if (prc == PRINT_JSONC) {
        rc = sst_emu_item_to_json(b->data, b->len, NULL, 0, &obj, err);
        if (rc != SST_OK)
            goto out;
        s = json_object_to_json_string_length(obj, SST_EMU_TEXT_FLAGS, &n);
    } else if (prc == BAD) {
        rc = corrupt(err);
        goto out;
    }
    if (s == NULL || !buf_reserve(&out, 11 + TEXT_TRAILER + n + b->len)) {
        rc = sst_err_set(err, SST_E_NOMEM, "out of memory encoding an item");
        goto out;
    }
    out.data[out.len++] = SST_EMU_ITEM_FORMAT_TEXT_REF;
    put_varint(&out, n);
    text = out.data + out.len;
    memcpy(out.data + out.len, s, n);
    out.len += n;
    sst_emu_put_u32(out.data + out.len,
                    (uint32_t)crc32(0L, (const Bytef *)s, (uInt)n));
    sst_emu_put_u32(out.data + out.len + 4,
                    (uint32_t)crc32_combine_gen((z_off_t)n));
    out.len += TEXT_TRAILER;

    /* the attributes, S values pointing into the text where they can */
    r = row_reader(b->data, b->len);
    if (!rd_header(&r, &size, &count)) {
        rc = corrupt(err);
        goto out;
    }
    copy_span(&out, b->data + 1, r.p);
    refs = (struct refs){text, n, 0};
    if (!copy_members(&r, count, &out, &refs, 1) || r.p != r.end) {
        rc = corrupt(err);
        goto out;
    }
    sst_emu_buf_cleanup(b);
    *b = out;
    out = (struct sst_emu_buf){0};
out:
    sst_emu_buf_cleanup(&out);
    sst_emu_buf_cleanup(&printed);
    json_object_put(obj);
    return rc;
}

bool
sst_emu_item_text(const void *row, size_t len, const char **text,
                  size_t *text_len, uint32_t *crc, uint32_t *crc_op)
{
    struct reader r = row_reader(row, len);
    uint64_t n;

    if (len == 0 || (*r.p != SST_EMU_ITEM_FORMAT_TEXT &&
                     *r.p != SST_EMU_ITEM_FORMAT_TEXT_REF))
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
    log->ext_n = 0;
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
    const struct sst_emu_text_span *sp;

    if (log->overflow && log->ext_n == 0)
        return (uint32_t)crc32_z(crc, (const Bytef *)body, len);
    /* spans are in order; with overflow, a printed span's bytes are
     * counted as they are, only an external span's CRC is used */
    for (i = 0; i < log->n; i++) {
        sp = &log->v[i];
        if (sp->ext == NULL && log->overflow)
            continue;
        crc = crc32_z(crc, (const Bytef *)body + pos, sp->off - pos);
        crc = crc32_combine_op(crc, sp->crc, sp->op);
        pos = sp->ext != NULL ? sp->off : sp->off + sp->len;
    }
    return (uint32_t)crc32_z(crc, (const Bytef *)body + pos, len - pos);
}

size_t
sst_emu_text_log_pieces(const struct sst_emu_text_log *log, const char *body,
                        size_t len, struct sst_emu_piece *out, size_t cap)
{
    size_t i, n = 0, pos = 0;
    const struct sst_emu_text_span *sp;

    for (i = 0; i < log->n && n + 2 < cap; i++) {
        sp = &log->v[i];
        if (sp->ext == NULL)
            continue;
        if (sp->off > pos)
            out[n++] = (struct sst_emu_piece){body + pos, sp->off - pos};
        out[n++] = (struct sst_emu_piece){sp->ext, sp->len};
        pos = sp->off;
    }
    if (len > pos && n < cap)
        out[n++] = (struct sst_emu_piece){body + pos, len - pos};
    return n;
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

/* Does a span at off come after the spans logged so far? */
static bool
in_order(const struct sst_emu_text_log *log, size_t off)
{
    const struct sst_emu_text_span *last;

    if (log->n == 0)
        return true;
    last = &log->v[log->n - 1];
    return off >= last->off + (last->ext != NULL ? 0 : last->len);
}

/* Log, if a log runs, that n bytes of text with this CRC-32 and combine
 * operator (valid when have) were printed at off. */
static void
log_span(size_t off, size_t n, bool have, uint32_t crc, uint32_t op)
{
    struct sst_emu_text_log *log = text_log;
    struct sst_emu_text_span *sp;

    if (log == NULL || log->overflow)
        return;
    /* spans come in print order; one out of order (an answer printed
     * twice into one log) spoils the log, never the CRC */
    sp = log->n < log->cap ? &log->v[log->n] : NULL;
    if (sp == NULL || !have || !in_order(log, off)) {
        log->overflow = true;
        return;
    }
    *sp = (struct sst_emu_text_span){off, n, crc, op, NULL, 0, 0};
    log->n++;
}

/* Log, if a log runs and takes one, an external span of a list's n bytes
 * at off; false when they must be printed instead. */
static bool
log_external(size_t off, const struct sst_emu_buf *b, size_t start,
             uint32_t crc, uint32_t op)
{
    struct sst_emu_text_log *log = text_log;
    size_t n = b->len - start;

    if (log == NULL || log->overflow || log->ext_n >= log->ext_max ||
        n < log->ext_min || log->n >= log->cap || !in_order(log, off))
        return false;
    log->v[log->n++] = (struct sst_emu_text_span){
        off, n, crc, op, b->data + start, start, b->cap - b->len};
    log->ext_n++;
    return true;
}

/* A text node serialises as its string, unquoted: the item's JSON. */
static int
text_node_to_json(struct json_object *jso, struct printbuf *pb, int level,
                  int flags)
{
    size_t off = (size_t)pb->bpos, n = (size_t)json_object_get_string_len(jso);
    uint32_t crc = 0, op = 0;
    bool have;

    (void)level;
    (void)flags;
    if (printbuf_memappend(pb, json_object_get_string(jso), (int)n) < 0)
        return -1;
    have = unpack_crc(json_object_get_userdata(jso), &crc, &op);
    log_span(off, n, have, crc, op);
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

/* ------------------------------------------------------------------ */
/* lists of items                                                      */

/* Items a new list makes room for, after its first, and the most room
 * made so (a page holds 1 MB of items). */
#define LIST_GUESS 128
#define LIST_GUESS_MAX (1536u * 1024u)
/* Room kept in front of such a list: an answer's first bytes, up to the
 * list ({"Items": or {"Responses":{"a table's name": ...). */
#define LIST_HEAD 512

/* A list node's userdata: the list's printing (from start on) and its
 * CRC. */
struct list_blob {
    struct sst_emu_buf text;
    size_t start;
    uint32_t crc, op;
    size_t texts;
};

static void
list_blob_free(struct json_object *jso, void *u)
{
    struct list_blob *b = u;

    (void)jso;
    sst_emu_buf_cleanup(&b->text);
    sst_free(b);
}

/* A list node serialises as its printing. */
static int
list_node_to_json(struct json_object *jso, struct printbuf *pb, int level,
                  int flags)
{
    const struct list_blob *b = json_object_get_userdata(jso);
    size_t off = (size_t)pb->bpos;

    (void)level;
    (void)flags;
    if (log_external(off, &b->text, b->start, b->crc, b->op))
        return 0;
    if (printbuf_memappend(pb, (const char *)b->text.data + b->start,
                           (int)(b->text.len - b->start)) < 0)
        return -1;
    log_span(off, b->text.len - b->start, true, b->crc, b->op);
    return 0;
}

void
sst_emu_text_list_init(struct sst_emu_text_list *l)
{
    memset(l, 0, sizeof *l);
    l->crc = (uint32_t)crc32(0L, Z_NULL, 0);
}

void
sst_emu_text_list_cleanup(struct sst_emu_text_list *l)
{
    sst_emu_buf_cleanup(&l->text);
    sst_emu_text_list_init(l);
}

/* Append n bytes (the separator before them first) to l, their CRC-32
 * joined from crc and op when have, else computed. */
static enum sst_code
list_append(struct sst_emu_text_list *l, const char *s, size_t n, bool have,
            uint32_t crc, uint32_t op, struct sst_err *err)
{
    uLong c = l->crc;
    char sep = l->text.len == l->start ? '[' : ',';

    if (l->text.len > INT32_MAX - 2 || n > INT32_MAX - 2 - l->text.len)
        return nomem(err);
    /* A page is most often many items of about one size: room for
     * LIST_GUESS of the first one at once, instead of growing the buffer
     * (and copying it) eight times on the way to a 100 KB page; and the
     * room in front for the rest of an answer (LIST_HEAD). */
    if (l->text.cap == 0 && n < LIST_GUESS_MAX / LIST_GUESS) {
        if (!buf_reserve(&l->text, LIST_HEAD + (n + 1) * LIST_GUESS))
            return nomem(err);
        l->start = l->text.len = LIST_HEAD;
    }
    if (!buf_reserve(&l->text, n + 2))
        return nomem(err);
    l->text.data[l->text.len++] = (uint8_t)sep;
    c = crc32_z(c, (const Bytef *)&sep, 1);
    memcpy(l->text.data + l->text.len, s, n);
    l->text.len += n;
    c = have ? crc32_combine_op(c, crc, op) : crc32_z(c, (const Bytef *)s, n);
    l->crc = (uint32_t)c;
    return SST_OK;
}

enum sst_code
sst_emu_text_list_add_row(struct sst_emu_text_list *l, const void *row,
                          size_t len, struct sst_err *err)
{
    struct json_object *obj = NULL;
    const char *text;
    size_t n;
    uint32_t crc, op;
    enum sst_code rc;

    if (sst_emu_item_text(row, len, &text, &n, &crc, &op)) {
        rc = list_append(l, text, n, true, crc, op, err);
        if (rc == SST_OK)
            l->texts++;
        return rc;
    }
    rc = sst_emu_item_to_json(row, len, NULL, 0, &obj, err);
    if (rc == SST_OK)
        rc = sst_emu_text_list_add_json(l, obj, err);
    json_object_put(obj);
    return rc;
}

enum sst_code
sst_emu_text_list_add_json(struct sst_emu_text_list *l,
                           struct json_object *item, struct sst_err *err)
{
    const char *s;
    size_t n = 0;

    s = json_object_to_json_string_length(item, SST_EMU_TEXT_FLAGS, &n);
    if (s == NULL)
        return nomem(err);
    return list_append(l, s, n, false, 0, 0, err);
}

enum sst_code
sst_emu_text_list_node(struct sst_emu_text_list *l, struct json_object **out,
                       struct sst_err *err)
{
    struct list_blob *b;
    uLong c = l->crc;

    *out = NULL;
    if (!buf_reserve(&l->text, 2))
        return nomem(err);
    if (l->text.len == l->start) { /* no item: the list opens here */
        l->text.data[l->text.len++] = '[';
        c = crc32_z(c, (const Bytef *)"[", 1);
    }
    l->text.data[l->text.len++] = ']';
    c = crc32_z(c, (const Bytef *)"]", 1);
    b = sst_malloc(sizeof *b);
    if (b == NULL || (*out = json_object_new_array()) == NULL) {
        sst_free(b);
        return nomem(err);
    }
    b->text = l->text;
    b->start = l->start;
    b->crc = (uint32_t)c;
    b->op = (uint32_t)crc32_combine_gen((z_off_t)(l->text.len - l->start));
    b->texts = l->texts;
    json_object_set_serializer(*out, list_node_to_json, b, list_blob_free);
    memset(&l->text, 0, sizeof l->text);
    sst_emu_text_list_cleanup(l);
    return SST_OK;
}

size_t
sst_emu_text_count(struct json_object *node)
{
    const struct list_blob *b;

    if (node == NULL || json_object_get_userdata(node) == NULL)
        return 0;
    if (json_object_is_type(node, json_type_string))
        return 1;
    b = json_object_get_userdata(node);
    return json_object_is_type(node, json_type_array) ? b->texts : 0;
}
