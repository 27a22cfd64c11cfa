/*
 * emu/ops/streams.c - a table's stream and its records (see streams.h).
 *
 * A description is stored as private JSON text:
 *
 *   {"table": "T", "view": 2, "shard": "shardId-...", "start": 5,
 *    "end": 9, "trimmed": 0, "keys": [{"AttributeName": "pk",
 *    "KeyType": "HASH"}]}
 *
 * ("end" only once the shard is closed). A record is binary:
 *
 *   time (8, BE, ms) | event (1) | flags (1; 1: by the TTL service) |
 *   view (1) | SizeBytes (8, BE) | eventID (16) |
 *   3 x [length (4, BE) | item row]   Keys, NewImage, OldImage
 *
 * where an image the view type leaves out has length 0.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <openssl/rand.h>

#include <sst/mem.h>

#include "emu/ops/streams.h"
#include "emu/store/bytes.h"
#include "emu/store/item.h"

#define REC_HEAD 35
#define TRIM_MAX 8

static const char *const view_names[] = {NULL, "KEYS_ONLY", "NEW_IMAGE",
                                         "OLD_IMAGE", "NEW_AND_OLD_IMAGES"};
static const char *const event_names[] = {"INSERT", "MODIFY", "REMOVE"};

#define MSG_ENABLED_NULL "Stream StreamEnabled was null"
#define MSG_VIEW_NULL                                                          \
    "Invalid StreamViewType: Stream ViewType must not be null or empty "       \
    "when enabling streams."
#define MSG_VIEW_PRESENT                                                       \
    "Invalid StreamViewType: Stream StreamEnabled was false but a "            \
    "StreamViewType was present."
#define MSG_VIEW_ENUM                                                          \
    "1 validation error detected: Value '%s' at "                              \
    "'streamSpecification.streamViewType' failed to satisfy constraint: "      \
    "Member must satisfy enum value set: [NEW_IMAGE, OLD_IMAGE, "              \
    "NEW_AND_OLD_IMAGES, KEYS_ONLY]"

const char *
sst_emu_stream_view_name(enum sst_emu_stream_view v)
{
    return (unsigned)v < sizeof view_names / sizeof view_names[0]
               ? view_names[v]
               : NULL;
}

enum sst_code
sst_emu_stream_spec(const struct json_object *spec, bool *present,
                    bool *enabled, enum sst_emu_stream_view *view,
                    struct sst_err *err)
{
    const char *name;
    bool on;
    size_t i;

    *present = spec != NULL;
    *enabled = false;
    *view = SST_EMU_STREAM_NONE;
    if (spec == NULL)
        return SST_OK;
    if (!sst_emu_get_bool(spec, "StreamEnabled", &on))
        return sst_err_set(err, SST_E_VALIDATION, MSG_ENABLED_NULL);
    name = sst_emu_get_string(spec, "StreamViewType");
    if (on && (name == NULL || *name == '\0'))
        return sst_err_set(err, SST_E_VALIDATION, MSG_VIEW_NULL);
    if (!on && name != NULL)
        return sst_err_set(err, SST_E_VALIDATION, MSG_VIEW_PRESENT);
    *enabled = on;
    if (!on)
        return SST_OK;
    for (i = 1; i < sizeof view_names / sizeof view_names[0]; i++)
        if (strcmp(name, view_names[i]) == 0) {
            *view = (enum sst_emu_stream_view)i;
            return SST_OK;
        }
    return sst_err_set(err, SST_E_VALIDATION, MSG_VIEW_ENUM, name);
}

/* ------------------------------------------------------------------ */
/* names                                                               */

void
sst_emu_stream_label(int64_t ms, char out[SST_EMU_LABEL_LEN])
{
    time_t s = (time_t)(ms / 1000);
    struct tm tm;
    char buf[64];

    gmtime_r(&s, &tm);
    snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03d",
             (tm.tm_year + 1900) % 10000, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
             tm.tm_min, tm.tm_sec, (int)(ms % 1000));
    memcpy(out, buf, SST_EMU_LABEL_LEN - 1);
    out[SST_EMU_LABEL_LEN - 1] = '\0';
}

/* The time of a label, if it is one. */
static bool
label_parse(const char *s, int64_t *ms)
{
    struct tm tm;
    int y, mo, d, h, mi, se, f, n = 0;
    time_t t;
    char back[SST_EMU_LABEL_LEN];

    if (strlen(s) != SST_EMU_LABEL_LEN - 1 ||
        sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d.%3d%n", &y, &mo, &d, &h, &mi, &se,
               &f, &n) != 7 ||
        n != SST_EMU_LABEL_LEN - 1 || y < 1970)
        return false;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = se;
    t = timegm(&tm);
    if (t == (time_t)-1 || f < 0)
        return false;
    *ms = (int64_t)t * 1000 + f;
    /* only the canonical spelling names a stream */
    sst_emu_stream_label(*ms, back);
    return strcmp(back, s) == 0;
}

bool
sst_emu_stream_arn_parse(const char *arn, char table[256], int64_t *ms)
{
    size_t plen = strlen(SST_EMU_ARN_PREFIX), n;
    const char *slash;

    if (arn == NULL || strncmp(arn, SST_EMU_ARN_PREFIX, plen) != 0)
        return false;
    arn += plen;
    slash = strstr(arn, "/stream/");
    if (slash == NULL || slash == arn || (n = (size_t)(slash - arn)) > 255)
        return false;
    memcpy(table, arn, n);
    table[n] = '\0';
    return label_parse(slash + strlen("/stream/"), ms);
}

char *
sst_emu_stream_arn(const char *table, int64_t label_ms)
{
    char label[SST_EMU_LABEL_LEN];
    size_t n = strlen(SST_EMU_ARN_PREFIX) + strlen(table) + strlen("/stream/") +
               SST_EMU_LABEL_LEN;
    char *s = sst_malloc(n);

    if (s == NULL)
        return NULL;
    sst_emu_stream_label(label_ms, label);
    snprintf(s, n, SST_EMU_ARN_PREFIX "%s/stream/%s", table, label);
    return s;
}

void
sst_emu_stream_seq_text(uint64_t seq, char out[32])
{
    snprintf(out, 32, "%021" PRIu64, seq);
}

/* ------------------------------------------------------------------ */
/* descriptions                                                        */

void
sst_emu_stream_desc_cleanup(struct sst_emu_stream_desc *d)
{
    sst_free(d->table);
    json_object_put(d->keys);
    memset(d, 0, sizeof *d);
}

static enum sst_code
desc_put(struct sst_emu_txn *txn, const struct sst_emu_stream_desc *d,
         struct sst_err *err)
{
    struct sst_emu_json b = {false};
    struct json_object *o = json_object_new_object();
    const char *text;
    enum sst_code rc;

    if (o == NULL)
        return sst_emu_nomem(err);
    sst_emu_json_add(&b, o, "table", json_object_new_string(d->table));
    sst_emu_json_add(&b, o, "view", json_object_new_int(d->view));
    sst_emu_json_add(&b, o, "shard", json_object_new_string(d->shard));
    sst_emu_json_add(&b, o, "start", json_object_new_uint64(d->start));
    if (d->end != 0)
        sst_emu_json_add(&b, o, "end", json_object_new_uint64(d->end));
    sst_emu_json_add(&b, o, "trimmed", json_object_new_uint64(d->trimmed));
    sst_emu_json_add(&b, o, "keys", json_object_get(d->keys));
    text = b.failed ? NULL
                    : json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
    rc = text == NULL
             ? sst_emu_nomem(err)
             : sst_emu_streams_put_desc(txn, d->id, text, strlen(text), err);
    json_object_put(o);
    return rc;
}

static bool
get_u64(struct json_object *o, const char *key, uint64_t *v)
{
    struct json_object *m;

    if (!json_object_object_get_ex(o, key, &m) ||
        !json_object_is_type(m, json_type_int))
        return false;
    *v = json_object_get_uint64(m);
    return true;
}

enum sst_code
sst_emu_stream_desc_decode(struct sst_emu_stream_id id, const void *bytes,
                           size_t len, struct sst_emu_stream_desc *d,
                           struct sst_err *err)
{
    struct json_tokener *tok = json_tokener_new();
    struct json_object *o = NULL, *m;
    uint64_t view = 0;
    const char *shard;
    bool ok;

    memset(d, 0, sizeof *d);
    d->id = id;
    if (tok == NULL)
        return sst_emu_nomem(err);
    if (len <= INT32_MAX)
        o = json_tokener_parse_ex(tok, bytes, (int)len);
    json_tokener_free(tok);
    ok = json_object_is_type(o, json_type_object) &&
         json_object_object_get_ex(o, "table", &m) &&
         json_object_is_type(m, json_type_string) &&
         (d->table = sst_strdup(json_object_get_string(m))) != NULL &&
         get_u64(o, "view", &view) && view >= SST_EMU_STREAM_KEYS_ONLY &&
         view <= SST_EMU_STREAM_NEW_AND_OLD_IMAGES &&
         json_object_object_get_ex(o, "shard", &m) &&
         (shard = json_object_get_string(m)) != NULL &&
         strlen(shard) < sizeof d->shard && get_u64(o, "start", &d->start) &&
         get_u64(o, "trimmed", &d->trimmed) &&
         json_object_object_get_ex(o, "keys", &m) &&
         json_object_is_type(m, json_type_array);
    if (ok) {
        strcpy(d->shard, shard);
        d->view = (enum sst_emu_stream_view)view;
        d->keys = json_object_get(m);
        if (!get_u64(o, "end", &d->end))
            d->end = 0;
    }
    json_object_put(o);
    if (!ok) {
        sst_emu_stream_desc_cleanup(d);
        return sst_err_set(err, SST_E_STORAGE, "a stream record is corrupt");
    }
    return SST_OK;
}

bool
sst_emu_stream_desc_of(const void *bytes, size_t len, const char *table)
{
    /* The description starts {"table":"NAME", in json-c's plain form;
     * table names need no escaping. */
    static const char head[] = "{\"table\":\"";
    size_t n = strlen(table), h = sizeof head - 1;

    return len > h + n && memcmp(bytes, head, h) == 0 &&
           memcmp((const char *)bytes + h, table, n) == 0 &&
           ((const char *)bytes)[h + n] == '"';
}

/* What a walk of the descriptions at one label looks for. */
struct lookup {
    uint64_t table_id; /* this id; UINT64_MAX: any of this table's name */
    const char *table;
    struct sst_emu_stream_desc *d;
    bool found;
};

static enum sst_code
lookup_one(void *user, struct sst_emu_stream_id id, const void *desc,
           size_t len, bool *stop, struct sst_err *err)
{
    struct lookup *l = user;
    enum sst_code rc;

    if (l->table_id != UINT64_MAX
            ? id.table_id != l->table_id
            : !sst_emu_stream_desc_of(desc, len, l->table))
        return SST_OK;
    rc = sst_emu_stream_desc_decode(id, desc, len, l->d, err);
    l->found = rc == SST_OK;
    *stop = true;
    return rc;
}

/* The description of a stream by its id. */
static enum sst_code
desc_load(struct sst_emu_txn *txn, struct sst_emu_stream_id id,
          struct sst_emu_stream_desc *d, struct sst_err *err)
{
    struct lookup l = {id.table_id, NULL, d, false};
    enum sst_code rc;

    rc = sst_emu_streams_at_label(txn, id.label_ms, lookup_one, &l, err);
    if (rc == SST_OK && !l.found)
        rc = sst_err_set(err, SST_E_STORAGE, "a table's stream is missing");
    return rc;
}

enum sst_code
sst_emu_stream_find(struct sst_emu_txn *txn, const char *arn,
                    struct sst_emu_stream_desc *d, bool *found,
                    struct sst_err *err)
{
    char table[256];
    struct lookup l = {UINT64_MAX, table, d, false};
    int64_t ms;
    enum sst_code rc;

    *found = false;
    memset(d, 0, sizeof *d);
    if (!sst_emu_stream_arn_parse(arn, table, &ms))
        return SST_OK;
    /* the newest stream of that name and label: a table deleted and
     * created again in the same millisecond is the only tie */
    rc = sst_emu_streams_at_label(txn, ms, lookup_one, &l, err);
    *found = rc == SST_OK && l.found;
    return rc;
}

/* ------------------------------------------------------------------ */
/* a table's stream                                                    */

static struct json_object *
key_schema(const struct sst_emu_table *t)
{
    struct sst_emu_json b = {false};
    struct json_object *arr = json_object_new_array(), *e;
    unsigned i;

    if (arr == NULL)
        return NULL;
    for (i = 0; i < t->key.hash_count + t->key.range_count; i++) {
        bool hash = i < t->key.hash_count;
        unsigned pos = hash ? t->key.hash[i] : t->key.range[i - 1];

        e = sst_emu_json_push(&b, arr, json_object_new_object());
        sst_emu_json_add(&b, e, "AttributeName",
                         json_object_new_string(t->attrs[pos].name));
        sst_emu_json_add(&b, e, "KeyType",
                         json_object_new_string(hash ? "HASH" : "RANGE"));
    }
    if (b.failed) {
        json_object_put(arr);
        return NULL;
    }
    return arr;
}

enum sst_code
sst_emu_stream_enable(struct sst_emu_txn *txn, struct sst_emu_table *t,
                      enum sst_emu_stream_view view, int64_t now_ms,
                      struct sst_err *err)
{
    struct sst_emu_stream_desc d, other;
    uint8_t r[4];
    enum sst_code rc;

    memset(&d, 0, sizeof d);
    d.id.table_id = t->id;
    d.id.label_ms =
        now_ms > t->stream_label_ms ? now_ms : t->stream_label_ms + 1;
    /* an ARN names a table by name: a table of the same name deleted and
     * created again keeps its streams apart too */
    for (;;) {
        struct lookup l = {UINT64_MAX, t->name, &other, false};

        rc = sst_emu_streams_at_label(txn, d.id.label_ms, lookup_one, &l, err);
        if (rc != SST_OK)
            return rc;
        if (!l.found)
            break;
        sst_emu_stream_desc_cleanup(&other);
        d.id.label_ms++;
    }
    d.table = t->name; /* borrowed: not cleaned up below */
    d.view = view;
    if (RAND_bytes(r, sizeof r) != 1)
        return sst_err_set(err, SST_E_STORAGE,
                           "no random bytes for a shard id");
    snprintf(d.shard, sizeof d.shard, "shardId-%020" PRId64 "-%02x%02x%02x%02x",
             d.id.label_ms, r[0], r[1], r[2], r[3]);
    d.keys = key_schema(t);
    if (d.keys == NULL)
        return sst_emu_nomem(err);
    /* As DynamoDB Local numbers: a new stream takes a number and starts
     * at the next, the one its first record takes unless another
     * stream's creation or record takes it first (so that
     * AFTER_SEQUENCE_NUMBER of the start may skip the first record). */
    rc = sst_emu_streams_next_seq(txn, &d.start, err);
    if (rc == SST_OK) {
        d.start++;
        rc = desc_put(txn, &d, err);
    }
    json_object_put(d.keys);
    if (rc == SST_OK) {
        t->stream_view = view;
        t->stream_label_ms = d.id.label_ms;
    }
    return rc;
}

enum sst_code
sst_emu_stream_close(struct sst_emu_txn *txn, const struct sst_emu_table *t,
                     struct sst_err *err)
{
    struct sst_emu_stream_desc d;
    struct sst_emu_stream_id id = {t->id, t->stream_label_ms};
    uint64_t first, last;
    bool any;
    enum sst_code rc;

    if (t->stream_view == SST_EMU_STREAM_NONE)
        return SST_OK;
    rc = desc_load(txn, id, &d, err);
    if (rc != SST_OK)
        return rc;
    rc = sst_emu_streams_bounds(txn, id, &first, &last, &any, err);
    if (rc == SST_OK) {
        d.end = any ? last : d.start;
        rc = desc_put(txn, &d, err);
    }
    sst_emu_stream_desc_cleanup(&d);
    return rc;
}

void
sst_emu_stream_describe(struct sst_emu_json *b, const struct sst_emu_table *t,
                        struct json_object *d)
{
    struct json_object *spec;
    char label[SST_EMU_LABEL_LEN], *arn;

    if (t->stream_view != SST_EMU_STREAM_NONE) {
        spec = sst_emu_json_add(b, d, "StreamSpecification",
                                json_object_new_object());
        sst_emu_json_add(b, spec, "StreamEnabled", json_object_new_boolean(1));
        sst_emu_json_add(
            b, spec, "StreamViewType",
            json_object_new_string(sst_emu_stream_view_name(t->stream_view)));
    }
    if (t->stream_label_ms == 0)
        return;
    sst_emu_stream_label(t->stream_label_ms, label);
    sst_emu_json_add(b, d, "LatestStreamLabel", json_object_new_string(label));
    arn = sst_emu_stream_arn(t->name, t->stream_label_ms);
    sst_emu_json_add(b, d, "LatestStreamArn",
                     arn ? json_object_new_string(arn) : NULL);
    sst_free(arn);
}

/* ------------------------------------------------------------------ */
/* records                                                             */

static bool
with_new(enum sst_emu_stream_view v)
{
    return v == SST_EMU_STREAM_NEW_IMAGE ||
           v == SST_EMU_STREAM_NEW_AND_OLD_IMAGES;
}

static bool
with_old(enum sst_emu_stream_view v)
{
    return v == SST_EMU_STREAM_OLD_IMAGE ||
           v == SST_EMU_STREAM_NEW_AND_OLD_IMAGES;
}

/* The key attributes of an item, as a row. */
static enum sst_code
keys_row(const struct sst_emu_table *t, const struct sst_av *item,
         struct sst_emu_buf *row, struct sst_err *err)
{
    const struct sst_av_entry *attrs[2 * SST_EMU_KEY_PARTS_MAX];
    size_t i, n = 0;
    unsigned k;

    for (k = 0; k < t->key.hash_count + t->key.range_count; k++) {
        const char *name =
            t->attrs[k < t->key.hash_count ? t->key.hash[k] : t->key.range[0]]
                .name;
        size_t len = strlen(name);

        for (i = 0; i < item->u.map.len; i++) {
            const struct sst_av_entry *e = &item->u.map.v[i];

            if (e->name.len == len && memcmp(e->name.ptr, name, len) == 0) {
                attrs[n++] = e;
                break;
            }
        }
    }
    return sst_emu_item_encode(attrs, n, row, err);
}

/* Write a length and a row (or an empty length) at p; the end of it. */
static uint8_t *
put_part(uint8_t *p, const struct sst_emu_buf *row)
{
    sst_emu_put_u32(p, (uint32_t)row->len);
    if (row->len > 0)
        memcpy(p + 4, row->data, row->len);
    return p + 4 + row->len;
}

static enum sst_code
row_size(const struct sst_emu_buf *row, uint64_t *total, struct sst_err *err)
{
    uint64_t n = 0;
    enum sst_code rc;

    if (row->len == 0)
        return SST_OK;
    rc = sst_emu_item_size(row->data, row->len, &n, err);
    *total += n;
    return rc;
}

/* Trim the stream's records older than a day, noting it in its
 * description when some went. */
static enum sst_code
trim(struct sst_emu_txn *txn, struct sst_emu_stream_id id, int64_t now,
     struct sst_err *err)
{
    struct sst_emu_stream_desc d;
    size_t n;
    uint64_t last;
    enum sst_code rc;

    rc = sst_emu_streams_trim(txn, id, now - SST_EMU_RECORD_TTL_MS, TRIM_MAX,
                              &n, &last, err);
    if (rc != SST_OK || n == 0)
        return rc;
    rc = desc_load(txn, id, &d, err);
    if (rc == SST_OK) {
        d.trimmed = last;
        rc = desc_put(txn, &d, err);
    }
    sst_emu_stream_desc_cleanup(&d);
    return rc;
}

enum sst_code
sst_emu_stream_record(struct sst_emu_txn *txn, const struct sst_emu_table *t,
                      const struct sst_av *old_item,
                      const struct sst_av *new_item, struct sst_err *err)
{
    struct sst_emu_stream_id id = {t->id, t->stream_label_ms};
    struct sst_emu_buf keys = {0}, img_new = {0}, img_old = {0};
    uint8_t *rec = NULL, *p;
    size_t rec_len;
    enum sst_emu_stream_view v = t->stream_view;
    enum sst_emu_stream_event ev;
    uint8_t head[REC_HEAD];
    uint64_t size = 0, seq;
    int64_t now = sst_emu_txn_now(txn);
    enum sst_code rc;

    if (v == SST_EMU_STREAM_NONE || (old_item == NULL && new_item == NULL))
        return SST_OK;
    if (old_item != NULL && new_item != NULL &&
        sst_av_equal(old_item, new_item))
        return SST_OK; /* nothing changed: no record */
    ev = old_item == NULL   ? SST_EMU_EVENT_INSERT
         : new_item == NULL ? SST_EMU_EVENT_REMOVE
                            : SST_EMU_EVENT_MODIFY;
    rc = keys_row(t, new_item ? new_item : old_item, &keys, err);
    if (rc == SST_OK && new_item && with_new(v))
        rc = sst_emu_item_encode_av(new_item, &img_new, err);
    if (rc == SST_OK && old_item && with_old(v))
        rc = sst_emu_item_encode_av(old_item, &img_old, err);
    if (rc == SST_OK)
        rc = row_size(&keys, &size, err);
    if (rc == SST_OK)
        rc = row_size(&img_new, &size, err);
    if (rc == SST_OK)
        rc = row_size(&img_old, &size, err);
    if (rc != SST_OK)
        goto out;
    sst_emu_put_u64(head, (uint64_t)now);
    head[8] = (uint8_t)ev;
    head[9] = sst_emu_txn_service(txn) ? 1 : 0;
    head[10] = (uint8_t)v;
    sst_emu_put_u64(head + 11, size);
    if (RAND_bytes(head + 19, 16) != 1) {
        rc = sst_err_set(err, SST_E_STORAGE, "no random bytes for an event id");
        goto out;
    }
    head[19 + 6] = (uint8_t)((head[19 + 6] & 0x0f) | 0x40); /* version 4 */
    head[19 + 8] = (uint8_t)((head[19 + 8] & 0x3f) | 0x80); /* variant   */
    rec_len = sizeof head + 12 + keys.len + img_new.len + img_old.len;
    rec = sst_malloc(rec_len);
    if (rec == NULL) {
        rc = sst_emu_nomem(err);
        goto out;
    }
    memcpy(rec, head, sizeof head);
    p = put_part(rec + sizeof head, &keys);
    p = put_part(p, &img_new);
    (void)put_part(p, &img_old);
    rc = sst_emu_streams_next_seq(txn, &seq, err);
    if (rc == SST_OK)
        rc = sst_emu_streams_append(txn, id, seq, rec, rec_len, err);
    if (rc == SST_OK)
        rc = trim(txn, id, now, err);
out:
    sst_emu_buf_cleanup(&keys);
    sst_emu_buf_cleanup(&img_new);
    sst_emu_buf_cleanup(&img_old);
    sst_free(rec);
    return rc;
}

/* One of a record's rows: its bytes at *p, moving *p on. */
static bool
take_part(const uint8_t **p, const uint8_t *end, const uint8_t **row,
          size_t *len)
{
    uint32_t n;

    if (end - *p < 4)
        return false;
    n = sst_emu_get_u32(*p);
    *p += 4;
    if ((size_t)(end - *p) < n)
        return false;
    *row = *p;
    *len = n;
    *p += n;
    return true;
}

static enum sst_code
add_image(struct sst_emu_json *b, struct json_object *o, const char *name,
          const uint8_t *row, size_t len, struct sst_err *err)
{
    struct json_object *img = NULL;
    enum sst_code rc;

    if (len == 0)
        return SST_OK;
    rc = sst_emu_item_to_json(row, len, NULL, 0, &img, err);
    if (rc == SST_OK)
        sst_emu_json_add(b, o, name, img);
    return rc;
}

enum sst_code
sst_emu_stream_record_json(const void *bytes, size_t len, uint64_t seq,
                           struct json_object **out, struct sst_err *err)
{
    const uint8_t *p = bytes, *end = p + len, *k, *n, *o;
    size_t kl, nl, ol;
    struct sst_emu_json b = {false};
    struct json_object *r, *d, *u;
    char id[40], seqt[32];
    const uint8_t *x;
    enum sst_code rc;
    int64_t ms;

    *out = NULL;
    if (len < REC_HEAD || p[8] > SST_EMU_EVENT_REMOVE ||
        sst_emu_stream_view_name((enum sst_emu_stream_view)p[10]) == NULL)
        return sst_err_set(err, SST_E_STORAGE, "a stream record is corrupt");
    x = p + 19;
    snprintf(id, sizeof id,
             "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
             "%02x%02x%02x%02x%02x%02x",
             x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7], x[8], x[9], x[10],
             x[11], x[12], x[13], x[14], x[15]);
    ms = (int64_t)sst_emu_get_u64(p);
    p += REC_HEAD;
    if (!take_part(&p, end, &k, &kl) || !take_part(&p, end, &n, &nl) ||
        !take_part(&p, end, &o, &ol) || p != end || kl == 0)
        return sst_err_set(err, SST_E_STORAGE, "a stream record is corrupt");
    r = json_object_new_object();
    if (r == NULL)
        return sst_emu_nomem(err);
    sst_emu_json_add(&b, r, "eventID", json_object_new_string(id));
    sst_emu_json_add(
        &b, r, "eventName",
        json_object_new_string(event_names[((const uint8_t *)bytes)[8]]));
    sst_emu_json_add(&b, r, "eventVersion", json_object_new_string("1.1"));
    sst_emu_json_add(&b, r, "eventSource",
                     json_object_new_string("aws:dynamodb"));
    sst_emu_json_add(&b, r, "awsRegion", json_object_new_string("ddblocal"));
    d = sst_emu_json_add(&b, r, "dynamodb", json_object_new_object());
    /* AWS: "rounded down to the closest second" */
    sst_emu_json_add(&b, d, "ApproximateCreationDateTime",
                     sst_emu_json_time(ms - ((ms % 1000) + 1000) % 1000));
    rc = add_image(&b, d, "Keys", k, kl, err);
    if (rc == SST_OK)
        rc = add_image(&b, d, "NewImage", n, nl, err);
    if (rc == SST_OK)
        rc = add_image(&b, d, "OldImage", o, ol, err);
    sst_emu_stream_seq_text(seq, seqt);
    sst_emu_json_add(&b, d, "SequenceNumber", json_object_new_string(seqt));
    sst_emu_json_add(&b, d, "SizeBytes",
                     json_object_new_int64((int64_t)sst_emu_get_u64(
                         (const uint8_t *)bytes + 11)));
    sst_emu_json_add(
        &b, d, "StreamViewType",
        json_object_new_string(sst_emu_stream_view_name(
            (enum sst_emu_stream_view)((const uint8_t *)bytes)[10])));
    if (((const uint8_t *)bytes)[9] & 1) {
        u = sst_emu_json_add(&b, r, "userIdentity", json_object_new_object());
        sst_emu_json_add(&b, u, "principalId",
                         json_object_new_string("dynamodb.amazonaws.com"));
        sst_emu_json_add(&b, u, "type", json_object_new_string("Service"));
    }
    if (rc == SST_OK && b.failed)
        rc = sst_emu_nomem(err);
    if (rc != SST_OK) {
        json_object_put(r);
        return rc;
    }
    *out = r;
    return SST_OK;
}
