/*
 * emu/store/table.c - struct sst_emu_table: its lifetime, lookups, and
 * its encoding as the JSON text of a catalog record (see table.h).
 *
 * Stored JSON (private; version 1):
 *
 *   {"name": "t", "table_id": "uuid", "created_ms": 1700000000123,
 *    "attrs": [["pk", "S"], ["sk", "N"]], "hash": [0], "range": [1],
 *    "billing": "PAY_PER_REQUEST", "rcu": 0, "wcu": 0,
 *    "next_index_id": 2, "ttl_enabled": false, "ttl_attr": "exp",
 *    "deletion_protection": false, "ppr_ms": 1700000000123,
 *    "last_increase_ms": 0, "last_decrease_ms": 0, "decreases_today": 0,
 *    "stream_view": 2, "stream_label_ms": 1700000000123,
 *    "indexes": [{"name": "g", "id": 1, "global": true, "hash": [2],
 *                 "range": [], "projection": "INCLUDE",
 *                 "non_key": ["a"], "has_throughput": false,
 *                 "rcu": 0, "wcu": 0}],
 *    "pitr": [1700000000123, 35], "tags": [["env", "test"]]}
 *
 * An index may also have "non_key_listed": true, a KEYS_ONLY or ALL index
 * whose request gave an empty NonKeyAttributes list (absent: false).
 * A table or an index may have "on_demand": [max reads, max writes], its
 * OnDemandThroughput (absent: none set).
 *
 * Key schemas hold positions in "attrs". The four billing-history members
 * came with UpdateTable: a record without them reads as a table that
 * never changed (ppr_ms is then its creation time if it is
 * PAY_PER_REQUEST); so do the two stream members (no stream ever),
 * "pitr" (point-in-time recovery disabled: [since ms, days] is written
 * only while it is enabled) and "tags" (no tags; written only when there
 * are some). The
 * table id and revision live in
 * the record's binary header (catalog.c), not in the JSON. Decoding checks
 * every member, so that a corrupt record is an error, never a crash.
 */
#include <stdint.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/mem.h>

#include "emu/store/table.h"

static const char *const attr_type_names[] = {"S", "N", "B"};
static const char *const projection_names[] = {"ALL", "KEYS_ONLY", "INCLUDE"};
static const char *const billing_names[] = {"PROVISIONED", "PAY_PER_REQUEST"};

/* ------------------------------------------------------------------ */
/* tables                                                              */

struct sst_emu_table *
sst_emu_table_new(void)
{
    struct sst_emu_table *t = sst_calloc(1, sizeof *t);

    if (t != NULL)
        atomic_init(&t->refs, 1);
    return t;
}

static void
index_cleanup(struct sst_emu_index *ix)
{
    size_t i;

    sst_free(ix->name);
    for (i = 0; i < ix->non_key_count; i++)
        sst_free(ix->non_key[i]);
    sst_free(ix->non_key);
}

void
sst_emu_table_free(struct sst_emu_table *t)
{
    size_t i;

    if (t == NULL)
        return;
    sst_free(t->name);
    for (i = 0; i < t->attr_count; i++)
        sst_free(t->attrs[i].name);
    sst_free(t->attrs);
    for (i = 0; i < t->index_count; i++)
        index_cleanup(&t->indexes[i]);
    sst_free(t->indexes);
    sst_free(t->ttl_attr);
    for (i = 0; i < t->tag_count; i++) {
        sst_free(t->tags[i].key);
        sst_free(t->tags[i].value);
    }
    sst_free(t->tags);
    sst_free(t);
}

void
sst_emu_table_release(const struct sst_emu_table *t)
{
    struct sst_emu_table *m = (struct sst_emu_table *)t;

    if (m != NULL && atomic_fetch_sub(&m->refs, 1) == 1)
        sst_emu_table_free(m);
}

void
sst_emu_table_retain(const struct sst_emu_table *t)
{
    atomic_fetch_add(&((struct sst_emu_table *)t)->refs, 1);
}

const struct sst_emu_attr *
sst_emu_table_attr(const struct sst_emu_table *t, const char *name)
{
    size_t i;

    for (i = 0; i < t->attr_count; i++)
        if (strcmp(t->attrs[i].name, name) == 0)
            return &t->attrs[i];
    return NULL;
}

const struct sst_emu_index *
sst_emu_table_index(const struct sst_emu_table *t, const char *name)
{
    size_t i;

    for (i = 0; i < t->index_count; i++)
        if (strcmp(t->indexes[i].name, name) == 0)
            return &t->indexes[i];
    return NULL;
}

/* ------------------------------------------------------------------ */
/* encoding                                                            */

/* json-c builder that remembers a failure instead of checking each call. */
struct builder {
    bool failed;
};

static struct json_object *
jb_add(struct builder *b, struct json_object *obj, const char *key,
       struct json_object *val)
{
    if (val == NULL || obj == NULL) {
        json_object_put(val);
        b->failed = true;
        return val;
    }
    if (json_object_object_add(obj, key, val) != 0) {
        json_object_put(val);
        b->failed = true;
    }
    return val;
}

static void
jb_push(struct builder *b, struct json_object *arr, struct json_object *val)
{
    if (val == NULL || arr == NULL || json_object_array_add(arr, val) != 0) {
        json_object_put(val);
        b->failed = true;
    }
}

static struct json_object *
positions(struct builder *b, const unsigned *pos, unsigned n)
{
    struct json_object *arr = json_object_new_array();
    unsigned i;

    for (i = 0; i < n; i++)
        jb_push(b, arr, json_object_new_int((int)pos[i]));
    if (arr == NULL)
        b->failed = true;
    return arr;
}

/* The optional "on_demand": [reads, writes], when set. */
static void
encode_on_demand(struct builder *b, struct json_object *o,
                 const struct sst_emu_on_demand *od)
{
    struct json_object *pair;

    if (!od->set)
        return;
    pair = jb_add(b, o, "on_demand", json_object_new_array());
    jb_push(b, pair, json_object_new_int64(od->read));
    jb_push(b, pair, json_object_new_int64(od->write));
}

static struct json_object *
encode_index(struct builder *b, const struct sst_emu_index *ix)
{
    struct json_object *o = json_object_new_object(), *nk;
    size_t i;

    jb_add(b, o, "name", json_object_new_string(ix->name));
    jb_add(b, o, "id", json_object_new_int64(ix->id));
    jb_add(b, o, "global", json_object_new_boolean(ix->global));
    jb_add(b, o, "hash", positions(b, ix->key.hash, ix->key.hash_count));
    jb_add(b, o, "range", positions(b, ix->key.range, ix->key.range_count));
    jb_add(b, o, "projection",
           json_object_new_string(projection_names[ix->projection]));
    nk = jb_add(b, o, "non_key", json_object_new_array());
    for (i = 0; i < ix->non_key_count; i++)
        jb_push(b, nk, json_object_new_string(ix->non_key[i]));
    if (ix->non_key_listed)
        jb_add(b, o, "non_key_listed", json_object_new_boolean(true));
    jb_add(b, o, "has_throughput", json_object_new_boolean(ix->has_throughput));
    jb_add(b, o, "rcu", json_object_new_int64(ix->read_units));
    jb_add(b, o, "wcu", json_object_new_int64(ix->write_units));
    encode_on_demand(b, o, &ix->on_demand);
    if (o == NULL)
        b->failed = true;
    return o;
}

enum sst_code
sst_emu_table_encode(const struct sst_emu_table *t, char **out,
                     struct sst_err *err)
{
    struct builder b = {false};
    struct json_object *o = json_object_new_object(), *arr, *pair;
    const char *s;
    size_t i;

    *out = NULL;
    jb_add(&b, o, "name", json_object_new_string(t->name));
    jb_add(&b, o, "table_id", json_object_new_string(t->table_id));
    jb_add(&b, o, "created_ms", json_object_new_int64(t->created_ms));
    arr = jb_add(&b, o, "attrs", json_object_new_array());
    for (i = 0; i < t->attr_count; i++) {
        pair = json_object_new_array();
        jb_push(&b, pair, json_object_new_string(t->attrs[i].name));
        jb_push(&b, pair,
                json_object_new_string(attr_type_names[t->attrs[i].type]));
        jb_push(&b, arr, pair);
    }
    jb_add(&b, o, "hash", positions(&b, t->key.hash, t->key.hash_count));
    jb_add(&b, o, "range", positions(&b, t->key.range, t->key.range_count));
    jb_add(&b, o, "billing", json_object_new_string(billing_names[t->billing]));
    jb_add(&b, o, "rcu", json_object_new_int64(t->read_units));
    jb_add(&b, o, "wcu", json_object_new_int64(t->write_units));
    encode_on_demand(&b, o, &t->on_demand);
    jb_add(&b, o, "next_index_id", json_object_new_int64(t->next_index_id));
    jb_add(&b, o, "ttl_enabled", json_object_new_boolean(t->ttl_enabled));
    if (t->ttl_attr != NULL)
        jb_add(&b, o, "ttl_attr", json_object_new_string(t->ttl_attr));
    jb_add(&b, o, "deletion_protection",
           json_object_new_boolean(t->deletion_protection));
    jb_add(&b, o, "ppr_ms", json_object_new_int64(t->ppr_ms));
    jb_add(&b, o, "last_increase_ms",
           json_object_new_int64(t->last_increase_ms));
    jb_add(&b, o, "last_decrease_ms",
           json_object_new_int64(t->last_decrease_ms));
    jb_add(&b, o, "decreases_today", json_object_new_int64(t->decreases_today));
    if (t->stream_label_ms != 0) {
        jb_add(&b, o, "stream_view", json_object_new_int(t->stream_view));
        jb_add(&b, o, "stream_label_ms",
               json_object_new_int64(t->stream_label_ms));
    }
    arr = jb_add(&b, o, "indexes", json_object_new_array());
    for (i = 0; i < t->index_count; i++)
        jb_push(&b, arr, encode_index(&b, &t->indexes[i]));
    if (t->pitr_enabled) {
        pair = jb_add(&b, o, "pitr", json_object_new_array());
        jb_push(&b, pair, json_object_new_int64(t->pitr_since_ms));
        jb_push(&b, pair, json_object_new_int64(t->pitr_days));
    }
    arr = t->tag_count ? jb_add(&b, o, "tags", json_object_new_array()) : NULL;
    for (i = 0; i < t->tag_count; i++) {
        pair = json_object_new_array();
        jb_push(&b, pair, json_object_new_string(t->tags[i].key));
        jb_push(&b, pair, json_object_new_string(t->tags[i].value));
        jb_push(&b, arr, pair);
    }
    if (!b.failed) {
        s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
        *out = s ? sst_strdup(s) : NULL;
    }
    json_object_put(o);
    if (*out == NULL)
        return sst_err_set(err, SST_E_NOMEM,
                           "out of memory encoding a table description");
    return SST_OK;
}

/* ------------------------------------------------------------------ */
/* decoding                                                            */

/* Decoding state: the first problem found wins. */
struct reader {
    bool bad;
    bool nomem;
};

static struct json_object *
member(struct reader *r, const struct json_object *o, const char *key,
       enum json_type type)
{
    struct json_object *v = NULL;

    if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, type))
        r->bad = true;
    return r->bad ? NULL : v;
}

static int64_t
get_int(struct reader *r, const struct json_object *o, const char *key,
        int64_t min, int64_t max)
{
    struct json_object *v = member(r, o, key, json_type_int);
    int64_t n;

    if (v == NULL)
        return 0;
    n = json_object_get_int64(v);
    if (n < min || n > max)
        r->bad = true;
    return n;
}

static bool
get_bool(struct reader *r, const struct json_object *o, const char *key)
{
    struct json_object *v = member(r, o, key, json_type_boolean);
    return v != NULL && json_object_get_boolean(v);
}

static char *
dup_string(struct reader *r, const struct json_object *v)
{
    char *s;

    if (v == NULL || !json_object_is_type(v, json_type_string)) {
        r->bad = true;
        return NULL;
    }
    s = sst_strndup(json_object_get_string((struct json_object *)v),
                    (size_t)json_object_get_string_len(v));
    if (s == NULL)
        r->nomem = true;
    return s;
}

static char *
get_string(struct reader *r, const struct json_object *o, const char *key)
{
    return r->bad ? NULL : dup_string(r, member(r, o, key, json_type_string));
}

static int
get_enum(struct reader *r, const struct json_object *o, const char *key,
         const char *const *names, int n)
{
    struct json_object *v = member(r, o, key, json_type_string);
    int i;

    for (i = 0; v != NULL && i < n; i++)
        if (strcmp(json_object_get_string(v), names[i]) == 0)
            return i;
    r->bad = true;
    return 0;
}

static unsigned
get_positions(struct reader *r, const struct json_object *o, const char *key,
              unsigned *pos, size_t attr_count)
{
    struct json_object *arr = member(r, o, key, json_type_array);
    size_t n, i;
    int64_t p;

    if (arr == NULL)
        return 0;
    n = json_object_array_length(arr);
    if (n > SST_EMU_KEY_PARTS_MAX) {
        r->bad = true;
        return 0;
    }
    for (i = 0; i < n; i++) {
        struct json_object *v = json_object_array_get_idx(arr, i);
        p = json_object_is_type(v, json_type_int) ? json_object_get_int64(v)
                                                  : -1;
        if (p < 0 || (size_t)p >= attr_count) {
            r->bad = true;
            return 0;
        }
        pos[i] = (unsigned)p;
    }
    return (unsigned)n;
}

/* The optional "on_demand": [reads, writes], each -1 or 1 and more. */
static void
decode_on_demand(struct reader *r, const struct json_object *o,
                 struct sst_emu_on_demand *od)
{
    struct json_object *arr, *v;
    int64_t n[2] = {0, 0};
    size_t i;

    if (!json_object_object_get_ex(o, "on_demand", &arr))
        return;
    if (!json_object_is_type(arr, json_type_array) ||
        json_object_array_length(arr) != 2) {
        r->bad = true;
        return;
    }
    for (i = 0; i < 2; i++) {
        v = json_object_array_get_idx(arr, i);
        if (json_object_is_type(v, json_type_int))
            n[i] = json_object_get_int64(v);
        if (n[i] == 0 || n[i] < -1)
            r->bad = true;
    }
    od->set = !r->bad;
    od->read = n[0];
    od->write = n[1];
}

static void
decode_index(struct reader *r, const struct json_object *o,
             struct sst_emu_index *ix, size_t attr_count)
{
    struct json_object *nk;
    size_t i, n;

    ix->name = get_string(r, o, "name");
    ix->id = (uint32_t)get_int(r, o, "id", 1, UINT32_MAX);
    ix->global = get_bool(r, o, "global");
    ix->key.hash_count = get_positions(r, o, "hash", ix->key.hash, attr_count);
    ix->key.range_count =
        get_positions(r, o, "range", ix->key.range, attr_count);
    ix->projection = (enum sst_emu_projection)get_enum(r, o, "projection",
                                                       projection_names, 3);
    nk = member(r, o, "non_key", json_type_array);
    n = nk ? json_object_array_length(nk) : 0;
    if (n > 0) {
        ix->non_key = sst_calloc(n, sizeof *ix->non_key);
        if (ix->non_key == NULL) {
            r->nomem = true;
            return;
        }
        for (i = 0; i < n && !r->bad && !r->nomem; i++) {
            ix->non_key[i] = dup_string(r, json_object_array_get_idx(nk, i));
            ix->non_key_count = i + 1;
        }
    }
    if (json_object_object_get_ex(o, "non_key_listed", NULL))
        ix->non_key_listed = get_bool(r, o, "non_key_listed");
    ix->has_throughput = get_bool(r, o, "has_throughput");
    ix->read_units = get_int(r, o, "rcu", 0, INT64_MAX);
    ix->write_units = get_int(r, o, "wcu", 0, INT64_MAX);
    decode_on_demand(r, o, &ix->on_demand);
    if (ix->key.hash_count == 0)
        r->bad = true;
}

/* Element i of arr, which must be a pair [first, second]; NULL (and
 * r->bad) when it is not. */
static struct json_object *
pair_at(struct reader *r, const struct json_object *arr, size_t i)
{
    struct json_object *p = json_object_array_get_idx(arr, i);

    if (!json_object_is_type(p, json_type_array) ||
        json_object_array_length(p) != 2) {
        r->bad = true;
        return NULL;
    }
    return p;
}

/* Room for n elements of size bytes, zeroed; NULL for none, or (with
 * r->nomem) when memory ran out. */
static void *
alloc_list(struct reader *r, size_t n, size_t size)
{
    void *p;

    if (n == 0 || r->bad)
        return NULL;
    p = sst_calloc(n, size);
    if (p == NULL)
        r->nomem = true;
    return p;
}

/* The optional "tags": [[key, value], ...]. */
static void
decode_tags(struct reader *r, const struct json_object *o,
            struct sst_emu_table *t)
{
    struct json_object *arr, *pair;
    size_t i, n;

    if (!json_object_object_get_ex(o, "tags", NULL))
        return;
    arr = member(r, o, "tags", json_type_array);
    n = arr ? json_object_array_length(arr) : 0;
    t->tags = alloc_list(r, n, sizeof *t->tags);
    for (i = 0; t->tags && i < n && !r->bad && !r->nomem; i++) {
        if ((pair = pair_at(r, arr, i)) == NULL)
            break;
        t->tag_count = i + 1;
        t->tags[i].key = dup_string(r, json_object_array_get_idx(pair, 0));
        t->tags[i].value = dup_string(r, json_object_array_get_idx(pair, 1));
    }
}

/* The optional "pitr": [since ms, days], days 1 to 35. */
static void
decode_pitr(struct reader *r, const struct json_object *o,
            struct sst_emu_table *t)
{
    struct json_object *arr, *since, *days;

    if (!json_object_object_get_ex(o, "pitr", NULL))
        return;
    arr = member(r, o, "pitr", json_type_array);
    if (arr == NULL || json_object_array_length(arr) != 2) {
        r->bad = true;
        return;
    }
    since = json_object_array_get_idx(arr, 0);
    days = json_object_array_get_idx(arr, 1);
    if (!json_object_is_type(since, json_type_int) ||
        !json_object_is_type(days, json_type_int) ||
        json_object_get_int64(days) < 1 || json_object_get_int64(days) > 35) {
        r->bad = true;
        return;
    }
    t->pitr_enabled = true;
    t->pitr_since_ms = json_object_get_int64(since);
    t->pitr_days = json_object_get_int64(days);
}

static void
decode_table(struct reader *r, const struct json_object *o,
             struct sst_emu_table *t)
{
    struct json_object *arr, *pair;
    char *tid;
    size_t i, n;

    t->name = get_string(r, o, "name");
    tid = get_string(r, o, "table_id");
    if (tid != NULL && strlen(tid) == SST_EMU_TABLE_ID_LEN)
        memcpy(t->table_id, tid, SST_EMU_TABLE_ID_LEN + 1);
    else if (tid != NULL)
        r->bad = true;
    sst_free(tid);
    t->created_ms = get_int(r, o, "created_ms", INT64_MIN, INT64_MAX);
    arr = member(r, o, "attrs", json_type_array);
    n = arr ? json_object_array_length(arr) : 0;
    t->attrs = alloc_list(r, n, sizeof *t->attrs);
    if (r->nomem)
        return;
    for (i = 0; t->attrs && i < n && !r->bad && !r->nomem; i++) {
        if ((pair = pair_at(r, arr, i)) == NULL)
            break;
        t->attrs[i].name = dup_string(r, json_object_array_get_idx(pair, 0));
        t->attr_count = i + 1;
        pair = json_object_array_get_idx(pair, 1);
        if (json_object_is_type(pair, json_type_string) &&
            strlen(json_object_get_string(pair)) == 1 &&
            strchr("SNB", json_object_get_string(pair)[0]) != NULL)
            t->attrs[i].type = (enum sst_emu_attr_type)(
                strchr("SNB", json_object_get_string(pair)[0]) - "SNB");
        else
            r->bad = true;
    }
    t->key.hash_count = get_positions(r, o, "hash", t->key.hash, t->attr_count);
    t->key.range_count =
        get_positions(r, o, "range", t->key.range, t->attr_count);
    if (t->key.hash_count != 1 || t->key.range_count > 1)
        r->bad = true;
    t->billing =
        (enum sst_emu_billing)get_enum(r, o, "billing", billing_names, 2);
    t->read_units = get_int(r, o, "rcu", 0, INT64_MAX);
    t->write_units = get_int(r, o, "wcu", 0, INT64_MAX);
    decode_on_demand(r, o, &t->on_demand);
    t->next_index_id = (uint32_t)get_int(r, o, "next_index_id", 1, UINT32_MAX);
    t->ttl_enabled = get_bool(r, o, "ttl_enabled");
    if (json_object_object_get_ex(o, "ttl_attr", NULL))
        t->ttl_attr = get_string(r, o, "ttl_attr");
    t->deletion_protection = get_bool(r, o, "deletion_protection");
    /* Optional members (see the file comment). */
    t->ppr_ms =
        t->billing == SST_EMU_BILLING_PAY_PER_REQUEST ? t->created_ms : 0;
    if (json_object_object_get_ex(o, "ppr_ms", NULL))
        t->ppr_ms = get_int(r, o, "ppr_ms", INT64_MIN, INT64_MAX);
    if (json_object_object_get_ex(o, "last_increase_ms", NULL))
        t->last_increase_ms =
            get_int(r, o, "last_increase_ms", INT64_MIN, INT64_MAX);
    if (json_object_object_get_ex(o, "last_decrease_ms", NULL))
        t->last_decrease_ms =
            get_int(r, o, "last_decrease_ms", INT64_MIN, INT64_MAX);
    if (json_object_object_get_ex(o, "decreases_today", NULL))
        t->decreases_today = get_int(r, o, "decreases_today", 0, INT64_MAX);
    if (json_object_object_get_ex(o, "stream_label_ms", NULL)) {
        t->stream_view = (enum sst_emu_stream_view)get_int(
            r, o, "stream_view", 0, SST_EMU_STREAM_NEW_AND_OLD_IMAGES);
        t->stream_label_ms = get_int(r, o, "stream_label_ms", 1, INT64_MAX);
    }
    arr = member(r, o, "indexes", json_type_array);
    n = arr ? json_object_array_length(arr) : 0;
    if (n > 0 && !r->bad && !r->nomem) {
        t->indexes = sst_calloc(n, sizeof *t->indexes);
        if (t->indexes == NULL) {
            r->nomem = true;
            return;
        }
    }
    for (i = 0; i < n && !r->bad && !r->nomem; i++) {
        t->index_count = i + 1;
        decode_index(r, json_object_array_get_idx(arr, i), &t->indexes[i],
                     t->attr_count);
    }
    if (!r->bad && !r->nomem)
        decode_tags(r, o, t);
    if (!r->bad && !r->nomem)
        decode_pitr(r, o, t);
}

enum sst_code
sst_emu_table_decode(const char *text, size_t len, struct sst_emu_table **out,
                     struct sst_err *err)
{
    struct json_tokener *tok;
    struct json_object *o;
    struct sst_emu_table *t;
    struct reader r = {false, false};

    *out = NULL;
    if (len > INT32_MAX)
        return sst_err_set(err, SST_E_STORAGE, "a catalog record is corrupt");
    tok = json_tokener_new();
    if (tok == NULL)
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    o = json_tokener_parse_ex(tok, text, (int)len);
    json_tokener_free(tok);
    if (o == NULL || !json_object_is_type(o, json_type_object)) {
        json_object_put(o);
        return sst_err_set(err, SST_E_STORAGE, "a catalog record is corrupt");
    }
    t = sst_emu_table_new();
    if (t == NULL)
        r.nomem = true;
    else
        decode_table(&r, o, t);
    json_object_put(o);
    if (r.nomem || r.bad) {
        sst_emu_table_free(t);
        return r.nomem ? sst_err_set(err, SST_E_NOMEM,
                                     "out of memory "
                                     "reading the catalog")
                       : sst_err_set(err, SST_E_STORAGE,
                                     "a catalog record is corrupt");
    }
    *out = t;
    return SST_OK;
}
