/*
 * emu/expr/resolve.c - placeholder maps, and the name- and value-dependent
 * validation of expressions (see resolve.h).
 *
 * Sits between the parser (parse.h), which hands this file its hooks in
 * DynamoDB's order, and the consumers of resolved expressions (eval.c,
 * keycond.c, update.c, project.c). Everything here follows the order in
 * which DynamoDB Local validates a request, measured against it and
 * recorded in docs/notes-semantics.md: the maps first, then each
 * expression (parse, validate, size), then the unused placeholders.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sst/mem.h>

#include "emu/expr/lex.h"
#include "emu/expr/parse.h"
#include "emu/expr/resolve.h"

/* ------------------------------------------------------------------ */
/* messages                                                            */

#define M_NAMES_EMPTY "ExpressionAttributeNames must not be empty"
#define M_VALUES_EMPTY "ExpressionAttributeValues must not be empty"
#define M_NAMES_KEY "ExpressionAttributeNames contains invalid key: "
#define M_VALUES_KEY "ExpressionAttributeValues contains invalid key: "
#define M_KEY_LONG                                                             \
    "The expression attribute map contains a key that is too long;"
#define M_NAMES_VALUE "ExpressionAttributeNames contains invalid value: "
#define M_VALUES_VALUE "ExpressionAttributeValues contains invalid value: "
#define M_NAMES_SIZE "ExpressionAttributeNames exceeds max size"
#define M_VALUES_SIZE "ExpressionAttributeValues exceeds max size"
#define M_MAPS_SIZE                                                            \
    "Combined size of ExpressionAttributeNames and ExpressionAttributeValues " \
    "exceeds max size"
#define M_UNUSED_NAMES                                                         \
    "Value provided in ExpressionAttributeNames unused in expressions: keys: "
#define M_UNUSED_VALUES                                                        \
    "Value provided in ExpressionAttributeValues unused in expressions: "      \
    "keys: "
#define M_UPDATE_TOO_LARGE                                                     \
    "Item size to update has exceeded the maximum allowed size"

/* "Invalid <Kind>: <message>", DynamoDB's frame for expression errors. */
SST_PRINTF(3, 4)
static enum sst_code
invalid(struct sst_err *err, enum sst_emu_expr_kind kind, const char *fmt, ...)
{
    char msg[SST_ERR_MESSAGE_MAX];
    va_list ap;

    va_start(ap, fmt);
    (void)vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return sst_err_set(err, SST_E_VALIDATION, "Invalid %s: %s",
                       sst_emu_expr_kind_name(kind), msg);
}

static enum sst_code
nomem(struct sst_err *err)
{
    return sst_err_set(err, SST_E_NOMEM,
                       "out of memory resolving an "
                       "expression");
}

/* ------------------------------------------------------------------ */
/* Java's hashing, for DynamoDB Local's iteration orders               */

int32_t
sst_emu_java_hash(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t h = 0, cp;
    size_t i = 0;

    while (i < len) {
        /* Decode one UTF-8 sequence; a malformed byte counts as U+FFFD. */
        if (u[i] < 0x80) {
            cp = u[i++];
        } else if ((u[i] & 0xe0) == 0xc0 && i + 1 < len &&
                   (u[i + 1] & 0xc0) == 0x80) {
            cp = (uint32_t)(u[i] & 0x1f) << 6 | (u[i + 1] & 0x3f);
            i += 2;
        } else if ((u[i] & 0xf0) == 0xe0 && i + 2 < len &&
                   (u[i + 1] & 0xc0) == 0x80 && (u[i + 2] & 0xc0) == 0x80) {
            cp = (uint32_t)(u[i] & 0x0f) << 12 |
                 (uint32_t)(u[i + 1] & 0x3f) << 6 | (u[i + 2] & 0x3f);
            i += 3;
        } else if ((u[i] & 0xf8) == 0xf0 && i + 3 < len &&
                   (u[i + 1] & 0xc0) == 0x80 && (u[i + 2] & 0xc0) == 0x80 &&
                   (u[i + 3] & 0xc0) == 0x80) {
            cp = (uint32_t)(u[i] & 0x07) << 18 |
                 (uint32_t)(u[i + 1] & 0x3f) << 12 |
                 (uint32_t)(u[i + 2] & 0x3f) << 6 | (u[i + 3] & 0x3f);
            i += 4;
        } else {
            cp = 0xfffd;
            i++;
        }
        if (cp >= 0x10000) {
            cp -= 0x10000;
            h = 31 * h + (0xd800 + (cp >> 10));
            h = 31 * h + (0xdc00 + (cp & 0x3ff));
        } else {
            h = 31 * h + cp;
        }
    }
    return (int32_t)h;
}

/* java.util.HashMap's bucket of a hash code in a table of cap entries. */
static uint32_t
java_bucket(uint32_t h, uint32_t cap)
{
    return (h ^ (h >> 16)) & (cap - 1);
}

/* The table size of a HashMap that received n entries one by one. */
static uint32_t
java_grown_cap(uint32_t n)
{
    uint32_t cap = 16;

    while (n > cap / 4 * 3)
        cap *= 2;
    return cap;
}

/* The table size of new HashSet<>(collection of n entries). */
static uint32_t
java_copy_cap(size_t n)
{
    /* Math.max((int)(n / .75f) + 1, 16), rounded up to a power of two. */
    size_t want = n * 4 / 3 + 1, cap = 16;

    while (cap < want)
        cap *= 2;
    return (uint32_t)cap;
}

/* ------------------------------------------------------------------ */
/* bindings                                                            */

void
sst_emu_bindings_init(struct sst_emu_bindings *b)
{
    memset(b, 0, offsetof(struct sst_emu_bindings, arena));
    sst_emu_arena_init(&b->arena);
}

void
sst_emu_bindings_cleanup(struct sst_emu_bindings *b)
{
    size_t i;

    if (b == NULL)
        return;
    for (i = 0; i < b->nvalues; i++)
        sst_av_free(b->values[i].value);
    memset(b, 0, offsetof(struct sst_emu_bindings, arena));
    /* everything else lives in the arena */
    sst_emu_arena_cleanup(&b->arena);
}

/* DynamoDB's placeholder key syntax: the sigil, then [A-Za-z0-9_]+. */
static bool
key_syntax_ok(const char *k, size_t len, char sigil)
{
    size_t i;

    if (len < 2 || k[0] != sigil)
        return false;
    for (i = 1; i < len; i++) {
        unsigned char c = (unsigned char)k[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '_'))
            return false;
    }
    return true;
}

/* One key of either map: length (UTF-16 units, as Java counts), then
 * syntax. Names give the size in the message; values do not. */
static enum sst_code
check_key(const char *k, bool names, struct sst_err *err)
{
    size_t len = strlen(k), units = sst_emu_utf16_length(k, len);

    if (units > SST_EMU_MAX_PLACEHOLDER_KEY) {
        if (names)
            return sst_err_set(err, SST_E_VALIDATION,
                               M_NAMES_KEY M_KEY_LONG " size of key: %zu",
                               units);
        return sst_err_set(err, SST_E_VALIDATION, M_VALUES_KEY M_KEY_LONG);
    }
    if (!key_syntax_ok(k, len, names ? '#' : ':'))
        return sst_err_set(err, SST_E_VALIDATION, "%sSyntax error; key: \"%s\"",
                           names ? M_NAMES_KEY : M_VALUES_KEY, k);
    return SST_OK;
}

/* Sorted lookup index over the keys of either map. */
struct key_view {
    const char *key;
    size_t len;
};

static int
key_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
    int c = memcmp(a, b, alen < blen ? alen : blen);

    if (c != 0)
        return c;
    return alen < blen ? -1 : alen > blen;
}

/* Build index[] so that keys[index[i]] ascend (insertion sort: maps
 * are small, and it keeps no global state, unlike qsort's comparator). */
static uint32_t *
build_index(struct sst_emu_arena *a, const struct key_view *keys, size_t n)
{
    uint32_t *idx = sst_emu_arena_alloc(a, (n ? n : 1) * sizeof *idx);
    size_t i, j;

    if (idx == NULL)
        return NULL;
    for (i = 0; i < n; i++) {
        j = i;
        while (j > 0 && key_cmp(keys[idx[j - 1]].key, keys[idx[j - 1]].len,
                                keys[i].key, keys[i].len) > 0) {
            idx[j] = idx[j - 1];
            j--;
        }
        idx[j] = (uint32_t)i;
    }
    return idx;
}

/* The map's entries as json-c iterates them (the request's order). */
static size_t
map_count(const struct json_object *j)
{
    return j ? (size_t)json_object_object_length(j) : 0;
}

/* Serialization check of a name value: DynamoDB's map is String ->
 * String; another JSON kind fails to deserialise (AWS's messages, as
 * for S values in docs/notes-value.md). */
static enum sst_code
name_value_kind(const struct json_object *v, struct sst_err *err)
{
    switch (v ? json_object_get_type(v) : json_type_null) {
    case json_type_null:
    case json_type_string:
        return SST_OK;
    case json_type_boolean:
        return sst_err_set(err, SST_E_SERIALIZATION,
                           "%s_VALUE cannot be converted to String",
                           json_object_get_boolean(v) ? "TRUE" : "FALSE");
    case json_type_int:
        return sst_err_set(err, SST_E_SERIALIZATION,
                           "NUMBER_VALUE cannot be converted to String");
    case json_type_double:
        return sst_err_set(err, SST_E_SERIALIZATION,
                           "DECIMAL_VALUE cannot be converted to String");
    case json_type_array:
        return sst_err_set(err, SST_E_SERIALIZATION,
                           "Unrecognized collection type class "
                           "java.lang.String");
    default:
        return sst_err_set(err, SST_E_SERIALIZATION,
                           "Start of structure or map found where not "
                           "expected");
    }
}

/* The spelling of a top-level N value as sent, for BETWEEN messages. */
static char *
number_spelling(struct sst_emu_arena *a, const struct json_object *v)
{
    struct json_object *n;

    if (v == NULL || !json_object_is_type(v, json_type_object) ||
        !json_object_object_get_ex(v, "N", &n) ||
        !json_object_is_type(n, json_type_string))
        return NULL;
    return sst_emu_arena_strndup(a, json_object_get_string(n),
                                 (size_t)json_object_get_string_len(n));
}

struct pending {      /* a value decoded ahead of its turn */
    enum sst_code rc; /* SST_E_VALIDATION kept for later   */
    struct sst_err err;
};

static enum sst_code
load_names(struct sst_emu_bindings *b, const struct json_object *names,
           struct sst_err *err)
{
    size_t n = map_count(names), i = 0;

    b->names = sst_emu_arena_zalloc(&b->arena, (n ? n : 1) * sizeof *b->names);
    if (b->names == NULL)
        return nomem(err);
    json_object_object_foreach((struct json_object *)names, k, v)
    {
        struct sst_emu_name_binding *nb = &b->names[i++];
        const char *s = v ? json_object_get_string(v) : NULL;
        size_t len = v ? (size_t)json_object_get_string_len(v) : 0;

        b->nnames = i;
        nb->key_len = strlen(k);
        nb->key = sst_emu_arena_strndup(&b->arena, k, nb->key_len);
        nb->name = s ? sst_emu_arena_strndup(&b->arena, s, len) : NULL;
        nb->name_len = len;
        if (nb->key == NULL || (s != NULL && nb->name == NULL))
            return nomem(err);
    }
    return SST_OK;
}

/* The name checks DynamoDB runs after the values: a JSON null, an empty
 * name, a name over 64 KB, each wrapped with the key. */
static enum sst_code
check_name_values(const struct sst_emu_bindings *b, struct sst_err *err)
{
    size_t i;

    for (i = 0; i < b->nnames; i++) {
        const struct sst_emu_name_binding *nb = &b->names[i];
        if (nb->name == NULL)
            return sst_err_set(err, SST_E_VALIDATION,
                               M_NAMES_VALUE "null for key %s", nb->key);
        if (nb->name_len > SST_EMU_MAX_NAME_BYTES)
            return sst_err_set(err, SST_E_VALIDATION,
                               M_NAMES_VALUE "Attribute name is too large, "
                                             "must be less than 65536 bytes "
                                             "for key %s",
                               nb->key);
        if (nb->name_len == 0)
            return sst_err_set(err, SST_E_VALIDATION,
                               M_NAMES_VALUE "Empty attribute name for key %s",
                               nb->key);
    }
    return SST_OK;
}

/* DynamoDB's size limits on the maps: each map, then both together. */
static enum sst_code
check_map_sizes(const struct sst_emu_bindings *b, struct sst_err *err)
{
    size_t names = 0, values = 0, i;

    for (i = 0; i < b->nnames; i++) {
        names += b->names[i].key_len + b->names[i].name_len;
        if (names > SST_EMU_MAX_SUBSTITUTION_MAP)
            return sst_err_set(err, SST_E_VALIDATION, M_NAMES_SIZE);
    }
    for (i = 0; i < b->nvalues; i++) {
        values += b->values[i].key_len + b->values[i].size;
        if (values > SST_EMU_MAX_SUBSTITUTION_MAP)
            return sst_err_set(err, SST_E_VALIDATION, M_VALUES_SIZE);
    }
    if (names + values > SST_EMU_MAX_SUBSTITUTION_MAP)
        return sst_err_set(err, SST_E_VALIDATION, M_MAPS_SIZE);
    return SST_OK;
}

/* Lookups scan maps of up to 8 entries; larger ones get a sorted index. */
#define SST_EMU_SCAN_MAX 8

static enum sst_code
build_indexes(struct sst_emu_bindings *b, struct sst_err *err)
{
    struct key_view *kv;
    size_t n = b->nnames > b->nvalues ? b->nnames : b->nvalues, i;

    if (n <= SST_EMU_SCAN_MAX)
        return SST_OK;
    kv = sst_emu_arena_alloc(&b->arena, n * sizeof *kv);
    if (kv == NULL)
        return nomem(err);
    if (b->nnames > SST_EMU_SCAN_MAX) {
        for (i = 0; i < b->nnames; i++) {
            kv[i].key = b->names[i].key;
            kv[i].len = b->names[i].key_len;
        }
        b->name_index = build_index(&b->arena, kv, b->nnames);
        if (b->name_index == NULL)
            return nomem(err);
    }
    if (b->nvalues > SST_EMU_SCAN_MAX) {
        for (i = 0; i < b->nvalues; i++) {
            kv[i].key = b->values[i].key;
            kv[i].len = b->values[i].key_len;
        }
        b->value_index = build_index(&b->arena, kv, b->nvalues);
        if (b->value_index == NULL)
            return nomem(err);
    }
    return SST_OK;
}

/* Decode every value before any check: a value that does not even
 * deserialise fails the whole request first (AWS), and the validation
 * errors are kept to be reported in DynamoDB's order. */
static enum sst_code
decode_values(struct sst_emu_bindings *b, const struct json_object *values,
              struct pending *pend, struct sst_err *err)
{
    size_t i = 0;
    enum sst_code rc;

    json_object_object_foreach((struct json_object *)values, k, v)
    {
        struct sst_emu_value_binding *vb = &b->values[i];

        b->nvalues = ++i;
        vb->key_len = strlen(k);
        vb->key = sst_emu_arena_strndup(&b->arena, k, vb->key_len);
        if (vb->key == NULL)
            return nomem(err);
        rc = sst_av_decode(v, &vb->value, &pend[i - 1].err);
        if (rc == SST_E_SERIALIZATION || rc == SST_E_NOMEM ||
            rc == SST_E_INVALID_ARG) {
            if (err != NULL)
                *err = pend[i - 1].err;
            return rc;
        }
        pend[i - 1].rc = rc;
        if (rc == SST_OK) {
            vb->size = sst_av_size(vb->value);
            if (vb->value->type == SST_AV_N) {
                vb->spelling = number_spelling(&b->arena, v);
                if (vb->spelling == NULL)
                    return nomem(err);
            }
        }
    }
    return SST_OK;
}

enum sst_code
sst_emu_bindings_load(struct sst_emu_bindings *b,
                      const struct json_object *names,
                      const struct json_object *values, unsigned flags,
                      struct sst_err *err)
{
    struct pending *pend = NULL;
    enum sst_code rc;
    size_t i;

    if (b == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG, "no bindings");
    sst_emu_bindings_cleanup(b);
    if (!(flags & SST_EMU_BIND_NAMES))
        names = NULL;
    if (!(flags & SST_EMU_BIND_VALUES))
        values = NULL;
    if ((names && !json_object_is_type(names, json_type_object)) ||
        (values && !json_object_is_type(values, json_type_object)))
        return sst_err_set(err, SST_E_SERIALIZATION, "Unexpected field type");
    b->names_given = names != NULL;
    b->values_given = values != NULL;
    if (names) {
        json_object_object_foreach((struct json_object *)names, k, v)
        {
            (void)k;
            rc = name_value_kind(v, err);
            if (rc != SST_OK)
                goto fail;
        }
    }
    if (values) {
        size_t nv = map_count(values) ? map_count(values) : 1;
        b->values = sst_emu_arena_zalloc(&b->arena, nv * sizeof *b->values);
        pend = sst_emu_arena_zalloc(&b->arena, nv * sizeof *pend);
        if (b->values == NULL || pend == NULL) {
            rc = nomem(err);
            goto fail;
        }
        rc = decode_values(b, values, pend, err);
        if (rc != SST_OK)
            goto fail;
    }
    /* DynamoDB's order: names (empty, keys), values (empty, keys,
     * contents), then the names' contents, then the sizes. */
    rc = SST_E_VALIDATION;
    if (names && map_count(names) == 0) {
        sst_err_set(err, rc, M_NAMES_EMPTY);
        goto fail;
    }
    if (names) {
        json_object_object_foreach((struct json_object *)names, k, v)
        {
            (void)v;
            if (check_key(k, true, err) != SST_OK)
                goto fail;
        }
    }
    if (values && map_count(values) == 0) {
        sst_err_set(err, rc, M_VALUES_EMPTY);
        goto fail;
    }
    for (i = 0; i < b->nvalues; i++)
        if (check_key(b->values[i].key, false, err) != SST_OK)
            goto fail;
    for (i = 0; i < b->nvalues; i++) {
        if (pend[i].rc == SST_OK)
            continue;
        sst_err_set(err, pend[i].rc, M_VALUES_VALUE "%s for key %s",
                    pend[i].err.message, b->values[i].key);
        rc = pend[i].rc;
        goto fail;
    }
    if (names) {
        rc = load_names(b, names, err);
        if (rc != SST_OK)
            goto fail;
        rc = check_name_values(b, err);
        if (rc != SST_OK)
            goto fail;
    }
    rc = check_map_sizes(b, err);
    if (rc != SST_OK)
        goto fail;
    rc = build_indexes(b, err);
    if (rc != SST_OK)
        goto fail;
    return SST_OK;
fail:
    sst_emu_bindings_cleanup(b);
    return rc;
}

const struct sst_emu_value_binding *
sst_emu_bindings_value(const struct sst_emu_bindings *b, const char *key,
                       size_t len)
{
    size_t i, lo, hi, mid;
    int c;

    if (b == NULL || b->nvalues == 0)
        return NULL;
    if (b->value_index == NULL) {
        for (i = 0; i < b->nvalues; i++)
            if (b->values[i].key_len == len &&
                memcmp(b->values[i].key, key, len) == 0)
                return &b->values[i];
        return NULL;
    }
    lo = 0;
    hi = b->nvalues;
    while (lo < hi) {
        mid = lo + (hi - lo) / 2;
        c = key_cmp(b->values[b->value_index[mid]].key,
                    b->values[b->value_index[mid]].key_len, key, len);
        if (c == 0)
            return &b->values[b->value_index[mid]];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const struct sst_emu_name_binding *
sst_emu_bindings_name(const struct sst_emu_bindings *b, const char *key,
                      size_t len)
{
    size_t i, lo, hi, mid;
    int c;

    if (b == NULL || b->nnames == 0)
        return NULL;
    if (b->name_index == NULL) {
        for (i = 0; i < b->nnames; i++)
            if (b->names[i].key_len == len &&
                memcmp(b->names[i].key, key, len) == 0)
                return &b->names[i];
        return NULL;
    }
    lo = 0;
    hi = b->nnames;
    while (lo < hi) {
        mid = lo + (hi - lo) / 2;
        c = key_cmp(b->names[b->name_index[mid]].key,
                    b->names[b->name_index[mid]].key_len, key, len);
        if (c == 0)
            return &b->names[b->name_index[mid]];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* ------------------------------------------------------------------ */
/* unused placeholders                                                 */

/* "{:z, :w}": the unused keys in the iteration order of
 * new HashSet<>(map.keySet()) after removeAll(used): by bucket of the
 * key's hash in a table sized for all keys, then in map order. */
static enum sst_code
report_unused(const char *prefix, char *const *keys, const size_t *lens,
              const unsigned *uses, size_t n, struct sst_err *err)
{
    char msg[SST_ERR_MESSAGE_MAX];
    uint32_t cap = java_copy_cap(n), bucket;
    size_t used = 0, i;
    bool first = true;
    int k;

    k = snprintf(msg, sizeof msg, "%s{", prefix);
    used = k > 0 ? (size_t)k : 0;
    for (bucket = 0; bucket < cap; bucket++) {
        for (i = 0; i < n; i++) {
            if (uses[i] != 0 ||
                java_bucket((uint32_t)sst_emu_java_hash(keys[i], lens[i]),
                            cap) != bucket)
                continue;
            if (used < sizeof msg) {
                k = snprintf(msg + used, sizeof msg - used, "%s%s",
                             first ? "" : ", ", keys[i]);
                used += k > 0 ? (size_t)k : 0;
            }
            first = false;
        }
    }
    if (used < sizeof msg)
        (void)snprintf(msg + used, sizeof msg - used, "}");
    return sst_err_set(err, SST_E_VALIDATION, "%s", msg);
}

enum sst_code
sst_emu_bindings_check_unused(const struct sst_emu_bindings *b,
                              struct sst_err *err)
{
    char **keys = NULL;
    size_t *lens = NULL, i, n;
    unsigned *uses = NULL;
    enum sst_code rc = SST_OK;
    int pass;

    if (b == NULL)
        return SST_OK;
    for (pass = 0; pass < 2 && rc == SST_OK; pass++) {
        bool any = false;
        n = pass == 0 ? b->nnames : b->nvalues;
        for (i = 0; i < n; i++)
            any |= (pass == 0 ? b->names[i].uses : b->values[i].uses) == 0;
        if (!any)
            continue;
        keys = sst_malloc(n * sizeof *keys);
        lens = sst_malloc(n * sizeof *lens);
        uses = sst_malloc(n * sizeof *uses);
        if (keys == NULL || lens == NULL || uses == NULL) {
            rc = nomem(err);
        } else {
            for (i = 0; i < n; i++) {
                keys[i] = pass == 0 ? b->names[i].key : b->values[i].key;
                lens[i] =
                    pass == 0 ? b->names[i].key_len : b->values[i].key_len;
                uses[i] = pass == 0 ? b->names[i].uses : b->values[i].uses;
            }
            rc = report_unused(pass == 0 ? M_UNUSED_NAMES : M_UNUSED_VALUES,
                               keys, lens, uses, n, err);
        }
        sst_free(keys);
        sst_free(lens);
        sst_free(uses);
    }
    return rc;
}

/* ------------------------------------------------------------------ */
/* paths                                                               */

bool
sst_emu_elem_name(const struct sst_emu_bindings *b,
                  const struct sst_emu_expr_path_elem *e, const char **name,
                  size_t *len)
{
    const struct sst_emu_name_binding *nb;

    switch (e->type) {
    case SST_EMU_ELEM_NAME:
        *name = e->name;
        *len = e->len;
        return true;
    case SST_EMU_ELEM_NAME_REF:
        nb = sst_emu_bindings_name(b, e->name, e->len);
        if (nb == NULL || nb->name == NULL)
            return false;
        *name = nb->name;
        *len = nb->name_len;
        return true;
    default:
        return false;
    }
}

/* Two elements after substitution. */
static bool
elem_equal(const struct sst_emu_bindings *b,
           const struct sst_emu_expr_path_elem *x,
           const struct sst_emu_expr_path_elem *y)
{
    const char *xn, *yn;
    size_t xl, yl;

    if ((x->type == SST_EMU_ELEM_INDEX) != (y->type == SST_EMU_ELEM_INDEX))
        return false;
    if (x->type == SST_EMU_ELEM_INDEX)
        return x->index == y->index;
    if (x->type == SST_EMU_ELEM_VALUE_REF || y->type == SST_EMU_ELEM_VALUE_REF)
        return x->type == y->type && x->len == y->len &&
               memcmp(x->name, y->name, x->len) == 0;
    if (!sst_emu_elem_name(b, x, &xn, &xl) ||
        !sst_emu_elem_name(b, y, &yn, &yl))
        return false;
    return xl == yl && memcmp(xn, yn, xl) == 0;
}

static bool
path_equal(const struct sst_emu_bindings *b, const struct sst_emu_expr_path *x,
           const struct sst_emu_expr_path *y)
{
    uint32_t i;

    if (x->n != y->n)
        return false;
    for (i = 0; i < x->n; i++)
        if (!elem_equal(b, &x->elems[i], &y->elems[i]))
            return false;
    return true;
}

/* Append to a message buffer, snprintf-style accounting. */
static void buf_add(char *buf, size_t cap, size_t *used, const char *fmt, ...)
    SST_PRINTF(4, 5);

static void
buf_add(char *buf, size_t cap, size_t *used, const char *fmt, ...)
{
    va_list ap;
    int k;

    va_start(ap, fmt);
    k = vsnprintf(*used < cap ? buf + *used : NULL,
                  *used < cap ? cap - *used : 0, fmt, ap);
    va_end(ap);
    if (k > 0)
        *used += (size_t)k;
}

size_t
sst_emu_path_format(const struct sst_emu_bindings *b,
                    const struct sst_emu_expr_path *p, char *buf, size_t cap)
{
    size_t used = 0, len;
    const char *name;
    uint32_t i;

    if (cap > 0)
        buf[0] = '\0';
    buf_add(buf, cap, &used, "[");
    for (i = 0; i < p->n; i++) {
        const struct sst_emu_expr_path_elem *e = &p->elems[i];
        const char *sep = i ? ", " : "";
        if (e->type == SST_EMU_ELEM_INDEX)
            buf_add(buf, cap, &used, "%s[%u]", sep, e->index);
        else if (sst_emu_elem_name(b, e, &name, &len))
            buf_add(buf, cap, &used, "%s%.*s", sep, (int)len, name);
        else
            buf_add(buf, cap, &used, "%s%.*s", sep, (int)e->len, e->name);
    }
    buf_add(buf, cap, &used, "]");
    return used;
}

/* ------------------------------------------------------------------ */
/* path trees                                                          */

/* DynamoDB Local's hash of a path element: HashCodeBuilder(8191, 127)
 * over the field name or the list index. */
static uint32_t
elem_hash(bool is_index, const char *name, size_t len, uint32_t index)
{
    uint32_t h = 8191u * 127u;

    return h + (is_index ? index : (uint32_t)sst_emu_java_hash(name, len));
}

/* The child a java.util.HashMap would iterate first, with the children
 * the node has now. */
static struct sst_emu_ptree_node *
first_kid(const struct sst_emu_ptree_node *node)
{
    uint32_t cap = java_grown_cap(node->nkids), i, best = 0, bb, b;

    bb = java_bucket(node->kids[0]->bucket_hash, cap);
    for (i = 1; i < node->nkids; i++) {
        b = java_bucket(node->kids[i]->bucket_hash, cap);
        if (b < bb) {
            bb = b;
            best = i;
        }
    }
    return node->kids[best];
}

const struct sst_emu_ptree_node *
sst_emu_ptree_child(const struct sst_emu_ptree_node *node, uint32_t i)
{
    return node->order ? node->order[i] : node->kids[i];
}

/* Fix each node's iteration order once all paths are in. */
static enum sst_code
ptree_finish(struct sst_emu_arena *a, struct sst_emu_ptree_node *node,
             struct sst_err *err)
{
    uint32_t cap, i, j, n = node->nkids;
    struct sst_emu_ptree_node *t;
    enum sst_code rc;

    if (n == 0)
        return SST_OK;
    node->order = sst_emu_arena_alloc(a, n * sizeof *node->order);
    if (node->order == NULL)
        return nomem(err);
    cap = java_grown_cap(n);
    for (i = 0; i < n; i++) {
        /* stable insertion sort by bucket: equal buckets keep the order
         * of insertion, as HashMap's chains (and its resizes) do */
        t = node->kids[i];
        j = i;
        while (j > 0 && java_bucket(node->order[j - 1]->bucket_hash, cap) >
                            java_bucket(t->bucket_hash, cap)) {
            node->order[j] = node->order[j - 1];
            j--;
        }
        node->order[j] = t;
    }
    for (i = 0; i < n; i++) {
        rc = ptree_finish(a, node->kids[i], err);
        if (rc != SST_OK)
            return rc;
    }
    return SST_OK;
}

/* ------------------------------------------------------------------ */
/* the resolver's hooks                                                */

struct resolver {
    struct sst_emu_arena *a;
    struct sst_emu_bindings *b;
    enum sst_emu_expr_kind kind;
    const struct sst_emu_ast *root;
    struct sst_emu_ptree_node *tree;
    bool value_in_path;  /* a :value used as a path element        */
    unsigned *name_uses; /* per binding, in this expression        */
    unsigned *value_uses;
};

static struct sst_emu_ptree_node *
new_pnode(struct resolver *r, const struct sst_emu_expr_path_elem *e)
{
    struct sst_emu_ptree_node *n = sst_emu_arena_zalloc(r->a, sizeof *n);
    const char *name;
    size_t len;

    if (n == NULL)
        return NULL;
    if (e->type == SST_EMU_ELEM_INDEX) {
        n->is_index = true;
        n->index = e->index;
    } else if (sst_emu_elem_name(r->b, e, &name, &len)) {
        n->name = name;
        n->len = (uint32_t)len;
    } else { /* VALUE_REF: kept by its text; the expression fails later */
        n->name = e->name;
        n->len = e->len;
    }
    n->bucket_hash = elem_hash(n->is_index, n->name, n->len, n->index);
    return n;
}

static bool
pnode_matches(const struct resolver *r, const struct sst_emu_ptree_node *n,
              const struct sst_emu_expr_path_elem *e)
{
    const char *name;
    size_t len;

    if (n->is_index != (e->type == SST_EMU_ELEM_INDEX))
        return false;
    if (n->is_index)
        return n->index == e->index;
    if (!sst_emu_elem_name(r->b, e, &name, &len)) {
        name = e->name;
        len = e->len;
    }
    return n->len == len && memcmp(n->name, name, len) == 0;
}

static bool
pnode_add(struct resolver *r, struct sst_emu_ptree_node *parent,
          struct sst_emu_ptree_node *kid)
{
    struct sst_emu_ptree_node **k;

    if (parent->nkids == parent->cap) {
        uint32_t cap = parent->cap ? parent->cap * 2 : 4;
        k = sst_emu_arena_alloc(r->a, cap * sizeof *k);
        if (k == NULL)
            return false;
        if (parent->nkids)
            memcpy(k, parent->kids, parent->nkids * sizeof *k);
        parent->kids = k;
        parent->cap = cap;
    }
    parent->kids[parent->nkids++] = kid;
    return true;
}

/* "path two" of an overlap or conflict, as DynamoDB builds it: the new
 * path's first depth elements, then down the existing tree from node,
 * always through the child its HashMap iterates first. */
static void
tree_path_string(const struct resolver *r, const struct sst_emu_expr_path *p,
                 uint32_t depth, const struct sst_emu_ptree_node *node,
                 char *buf, size_t cap)
{
    struct sst_emu_expr_path head = *p;
    size_t used;

    head.n = depth;
    used = sst_emu_path_format(r->b, &head, buf, cap);
    if (used > 0 && used <= cap)
        used--; /* drop the closing ']' */
    while (node != NULL && node->nkids > 0) {
        const struct sst_emu_ptree_node *k = first_kid(node);
        const char *sep = used > 1 ? ", " : "";
        if (k->is_index)
            buf_add(buf, cap, &used, "%s[%u]", sep, k->index);
        else
            buf_add(buf, cap, &used, "%s%.*s", sep, (int)k->len, k->name);
        node = k->leaf ? NULL : k;
    }
    buf_add(buf, cap, &used, "]");
}

static enum sst_code
path_clash(const struct resolver *r, const char *what,
           const struct sst_emu_expr_path *p, uint32_t depth,
           const struct sst_emu_ptree_node *node, struct sst_err *err)
{
    char one[128], two[128];

    (void)sst_emu_path_format(r->b, p, one, sizeof one);
    tree_path_string(r, p, depth, node, two, sizeof two);
    return invalid(err, r->kind,
                   "Two document paths %s with each other; must remove or "
                   "rewrite one of these paths; path one: %s, path two: %s",
                   what, one, two);
}

/* The action whose target is path (update expressions). */
static const struct sst_emu_expr_action *
action_of(const struct resolver *r, const struct sst_emu_expr_path *path)
{
    uint32_t i;

    if (r->root->type != SST_EMU_AST_UPDATE)
        return NULL;
    for (i = 0; i < r->root->u.update.n; i++)
        if (&r->root->u.update.actions[i].path == path)
            return &r->root->u.update.actions[i];
    return NULL;
}

/* Merge one update target or projection path into the tree, as
 * DynamoDB's buildProjTreeInternal does. */
static enum sst_code
tree_insert(struct resolver *r, const struct sst_emu_expr_path *p,
            struct sst_err *err)
{
    struct sst_emu_ptree_node *node = r->tree, *kid = NULL, *prev;
    uint32_t depth, i, j;

    for (depth = 0; depth < p->n; depth++) {
        const struct sst_emu_expr_path_elem *e = &p->elems[depth];
        kid = NULL;
        for (i = 0; i < node->nkids; i++)
            if (pnode_matches(r, node->kids[i], e)) {
                kid = node->kids[i];
                break;
            }
        if (kid == NULL) {
            if (node->nkids > 0 &&
                first_kid(node)->is_index != (e->type == SST_EMU_ELEM_INDEX))
                return path_clash(r, "conflict", p, depth, node, err);
            prev = node;
            for (j = depth; j < p->n; j++) {
                kid = new_pnode(r, &p->elems[j]);
                if (kid == NULL || !pnode_add(r, prev, kid))
                    return nomem(err);
                prev = kid;
            }
            kid->leaf = true;
            kid->action = action_of(r, p);
            return SST_OK;
        }
        if (kid->leaf || depth + 1 == p->n)
            return path_clash(r, "overlap", p, depth, node, err);
        node = kid;
    }
    return SST_OK;
}

static long
name_slot(const struct sst_emu_bindings *b,
          const struct sst_emu_name_binding *nb)
{
    return nb ? nb - b->names : -1;
}

static enum sst_code
hook_path(void *ctx, const struct sst_emu_expr_path *path,
          enum sst_emu_expr_path_role role, struct sst_err *err)
{
    struct resolver *r = ctx;
    const struct sst_emu_name_binding *nb;
    uint32_t i;

    for (i = 0; i < path->n; i++) {
        const struct sst_emu_expr_path_elem *e = &path->elems[i];
        if (e->type == SST_EMU_ELEM_NAME_REF) {
            nb = sst_emu_bindings_name(r->b, e->name, e->len);
            if (nb == NULL)
                return invalid(err, r->kind,
                               "An expression attribute name used in the "
                               "document path is not defined; attribute "
                               "name: %.*s",
                               (int)e->len, e->name);
            r->name_uses[name_slot(r->b, nb)]++;
        } else if (e->type == SST_EMU_ELEM_VALUE_REF) {
            /* DynamoDB looks a path's ":v" up among all placeholders and
             * fails only later, when it sizes the expression. */
            if (sst_emu_bindings_value(r->b, e->name, e->len) == NULL)
                return invalid(err, r->kind,
                               "An expression attribute name used in the "
                               "document path is not defined; attribute "
                               "name: %.*s",
                               (int)e->len, e->name);
            r->value_in_path = true;
        }
    }
    if (role == SST_EMU_PATH_TARGET || role == SST_EMU_PATH_PROJECTION)
        return tree_insert(r, path, err);
    return SST_OK;
}

static enum sst_code
hook_value(void *ctx, const struct sst_emu_ast *value, unsigned *types,
           struct sst_err *err)
{
    struct resolver *r = ctx;
    const struct sst_emu_value_binding *vb;
    size_t slot;

    vb = sst_emu_bindings_value(r->b, value->u.ref.name, value->u.ref.len);
    if (vb == NULL)
        return invalid(err, r->kind,
                       "An expression attribute value used in expression is "
                       "not defined; attribute value: %.*s",
                       (int)value->u.ref.len, value->u.ref.name);
    slot = (size_t)(vb - r->b->values);
    r->value_uses[slot]++;
    *types = 1u << vb->value->type;
    return SST_OK;
}

/* How DynamoDB Local prints an AttributeValue in BETWEEN messages. */
static void
av_java_string(const struct sst_emu_value_binding *vb, char *buf, size_t cap)
{
    const struct sst_av *v = vb->value;

    switch (v->type) {
    case SST_AV_S:
        (void)snprintf(buf, cap, "{S:%s}", v->u.str.ptr);
        break;
    case SST_AV_N:
        (void)snprintf(buf, cap, "{N:%s}", vb->spelling ? vb->spelling : "?");
        break;
    case SST_AV_B:
        (void)snprintf(buf, cap,
                       "{B:java.nio.HeapByteBuffer[pos=0 lim=%zu cap=%zu]}",
                       v->u.str.len, v->u.str.len);
        break;
    default:
        (void)snprintf(buf, cap, "{%s}", sst_av_type_name(v->type));
        break;
    }
}

static const struct sst_emu_value_binding *
value_of(const struct resolver *r, const struct sst_emu_ast *n)
{
    if (n->type != SST_EMU_AST_VALUE)
        return NULL;
    return sst_emu_bindings_value(r->b, n->u.ref.name, n->u.ref.len);
}

static enum sst_code
check_between(struct resolver *r, const struct sst_emu_ast *n,
              struct sst_err *err)
{
    const struct sst_emu_value_binding *lo = value_of(r, n->kids[1]);
    const struct sst_emu_value_binding *hi = value_of(r, n->kids[2]);
    char ls[96], hs[96];
    int order = 0;

    if (lo == NULL || hi == NULL)
        return SST_OK;
    av_java_string(lo, ls, sizeof ls);
    av_java_string(hi, hs, sizeof hs);
    if (lo->value->type != hi->value->type)
        return invalid(err, r->kind,
                       "The BETWEEN operator requires same data type for "
                       "lower and upper bounds; lower bound operand: "
                       "AttributeValue: %s, upper bound operand: "
                       "AttributeValue: %s",
                       ls, hs);
    if (sst_av_cmp(lo->value, hi->value, &order) && order > 0)
        return invalid(err, r->kind,
                       "The BETWEEN operator requires upper bound to be "
                       "greater than or equal to lower bound; lower bound "
                       "operand: AttributeValue: %s, upper bound operand: "
                       "AttributeValue: %s",
                       ls, hs);
    return SST_OK;
}

static enum sst_code
check_attribute_type(struct resolver *r, const struct sst_emu_ast *n,
                     struct sst_err *err)
{
    static const char *const codes[] = {"N", "BS", "L",  "B",  "NULL",
                                        "M", "S",  "SS", "NS", "BOOL"};
    const struct sst_emu_value_binding *t = value_of(r, n->kids[1]);
    size_t i;

    if (t == NULL)
        return SST_OK;
    if (t->value->type != SST_AV_S)
        return invalid(err, r->kind,
                       "Incorrect operand type for operator or function; "
                       "operator or function: attribute_type, operand type: "
                       "%s",
                       sst_av_type_name(t->value->type));
    for (i = 0; i < sizeof codes / sizeof codes[0]; i++)
        if (strlen(codes[i]) == t->value->u.str.len &&
            memcmp(codes[i], t->value->u.str.ptr, t->value->u.str.len) == 0)
            return SST_OK;
    return invalid(err, r->kind,
                   "Invalid attribute type name found; type: %s, valid "
                   "types: {N,BS,L,B,NULL,M,S,SS,NS,BOOL}",
                   t->value->u.str.ptr);
}

static enum sst_code
hook_op(void *ctx, const struct sst_emu_ast *n, struct sst_err *err)
{
    struct resolver *r = ctx;
    const struct sst_emu_expr_op_info *info = sst_emu_expr_op_info(n->op);
    char buf[160];
    uint32_t i;

    if (info->distinct_first && n->nkids >= 2 &&
        n->kids[0]->type == SST_EMU_AST_PATH) {
        for (i = 1; i < n->nkids; i++) {
            if (n->kids[i]->type != SST_EMU_AST_PATH ||
                !path_equal(r->b, &n->kids[0]->u.path, &n->kids[i]->u.path))
                continue;
            (void)sst_emu_path_format(r->b, &n->kids[0]->u.path, buf,
                                      sizeof buf);
            return invalid(err, r->kind,
                           "The first operand must be distinct from the "
                           "remaining operands for this operator or "
                           "function; operator: %s, first operand: %s",
                           info->name, buf);
        }
    }
    if (n->op == SST_EMU_EXPR_OP_BETWEEN && n->nkids == 3)
        return check_between(r, n, err);
    if (n->op == SST_EMU_EXPR_OP_ATTRIBUTE_TYPE && n->nkids == 2)
        return check_attribute_type(r, n, err);
    return SST_OK;
}

/* ------------------------------------------------------------------ */
/* resolution                                                          */

/* The bytes of the values a SET or ADD value tree uses. */
static size_t
values_size(const struct sst_emu_bindings *b, const struct sst_emu_ast *n)
{
    const struct sst_emu_value_binding *vb;
    size_t total = 0;
    uint32_t i;

    if (n == NULL)
        return 0;
    if (n->type == SST_EMU_AST_VALUE) {
        vb = sst_emu_bindings_value(b, n->u.ref.name, n->u.ref.len);
        return vb != NULL ? vb->size : 0;
    }
    for (i = 0; n->type == SST_EMU_AST_OP && i < n->nkids; i++)
        total += values_size(b, n->kids[i]);
    return total;
}

/* DynamoDB's limit on the data an update writes: the names of the
 * attributes SET and ADD write, each distinct name of a path once, plus
 * the values they use. */
enum sst_code
sst_emu_update_check_size(const struct sst_emu_expr *upd,
                          const struct sst_emu_bindings *b,
                          struct sst_err *err)
{
    size_t total = 0;
    uint32_t k;

    if (upd == NULL || upd->ast == NULL ||
        upd->ast->type != SST_EMU_AST_UPDATE)
        return SST_OK;
    for (k = 0; k < upd->ast->u.update.n; k++) {
        const struct sst_emu_expr_action *act = &upd->ast->u.update.actions[k];
        uint32_t e, f;
        if (act->clause != SST_EMU_CLAUSE_SET &&
            act->clause != SST_EMU_CLAUSE_ADD)
            continue;
        for (e = 0; e < act->path.n; e++) {
            const char *name, *other;
            size_t len, olen;
            bool dup = false;
            if (!sst_emu_elem_name(b, &act->path.elems[e], &name, &len))
                continue;
            for (f = 0; f < e && !dup; f++)
                dup = sst_emu_elem_name(b, &act->path.elems[f], &other,
                                        &olen) &&
                      olen == len && memcmp(other, name, len) == 0;
            if (!dup)
                total += len;
        }
        total += values_size(b, act->value);
    }
    if (total > SST_AV_MAX_ITEM_BYTES)
        return sst_err_set(err, SST_E_VALIDATION, M_UPDATE_TOO_LARGE);
    return SST_OK;
}

/* DynamoDB's size after validation: the expression with its
 * substitutions (1 MiB); for updates, sst_emu_update_check_size()
 * follows. */
static enum sst_code
check_sizes(struct resolver *r, size_t length, struct sst_err *err)
{
    size_t total = length, i;

    if (r->value_in_path)
        return invalid(err, r->kind, "Internal server error");
    for (i = 0; i < r->b->nnames; i++)
        total += (size_t)r->name_uses[i] * r->b->names[i].name_len;
    for (i = 0; i < r->b->nvalues; i++)
        total += (size_t)r->value_uses[i] * r->b->values[i].size;
    if (total > SST_EMU_MAX_EXPR_TREE_SIZE)
        return invalid(err, r->kind,
                       "Expression size has exceeded the maximum allowed "
                       "size;");
    return SST_OK;
}

/* The per-expression use counters of a resolver over b. */
static enum sst_code
resolver_init(struct resolver *r, struct sst_emu_arena *a,
              struct sst_emu_bindings *b, enum sst_emu_expr_kind kind,
              const struct sst_emu_ast *root, struct sst_err *err)
{
    size_t nn = b->nnames ? b->nnames : 1, nv = b->nvalues ? b->nvalues : 1;

    memset(r, 0, sizeof *r);
    r->a = a;
    r->b = b;
    r->kind = kind;
    r->root = root;
    r->name_uses = sst_emu_arena_zalloc(a, nn * sizeof *r->name_uses);
    r->value_uses = sst_emu_arena_zalloc(a, nv * sizeof *r->value_uses);
    if (r->name_uses == NULL || r->value_uses == NULL)
        return nomem(err);
    if (root->type == SST_EMU_AST_UPDATE ||
        root->type == SST_EMU_AST_PROJECTION) {
        r->tree = sst_emu_arena_zalloc(a, sizeof *r->tree);
        if (r->tree == NULL)
            return nomem(err);
    }
    return SST_OK;
}

/* The resolver's findings into out and the bindings' use counts. */
static enum sst_code
resolver_finish(struct resolver *r, struct sst_emu_ast *ast,
                struct sst_emu_expr *out, struct sst_err *err)
{
    enum sst_code rc;
    size_t i;

    if (r->tree != NULL) {
        rc = ptree_finish(r->a, r->tree, err);
        if (rc != SST_OK)
            return rc;
    }
    for (i = 0; i < r->b->nnames; i++)
        r->b->names[i].uses += r->name_uses[i];
    for (i = 0; i < r->b->nvalues; i++)
        r->b->values[i].uses += r->value_uses[i];
    out->ast = ast;
    out->tree = r->tree;
    return SST_OK;
}

enum sst_code
sst_emu_expr_resolve(struct sst_emu_arena *a, struct sst_emu_bindings *b,
                     const char *s, size_t len, enum sst_emu_expr_kind kind,
                     struct sst_emu_expr *out, struct sst_err *err)
{
    struct resolver r;
    struct sst_emu_expr_hooks hooks;
    struct sst_emu_ast *ast = NULL;
    enum sst_code rc;

    if (out == NULL || a == NULL || b == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "sst_emu_expr_resolve: "
                           "bad argument");
    memset(out, 0, sizeof *out);
    out->kind = kind;
    rc = sst_emu_expr_parse_syntax(a, s, len, kind, &ast, err);
    if (rc != SST_OK)
        return rc;
    rc = resolver_init(&r, a, b, kind, ast, err);
    if (rc != SST_OK)
        return rc;
    hooks.ctx = &r;
    hooks.path = hook_path;
    hooks.value = hook_value;
    hooks.op = hook_op;
    rc = sst_emu_expr_check(ast, kind, &hooks, err);
    if (rc != SST_OK)
        return rc;
    out->length = sst_emu_utf16_length(s, len);
    rc = check_sizes(&r, out->length, err);
    if (rc == SST_OK && kind == SST_EMU_EXPR_UPDATE) {
        struct sst_emu_expr upd = {.kind = kind, .ast = ast};
        rc = sst_emu_update_check_size(&upd, b, err);
    }
    if (rc != SST_OK)
        return rc;
    return resolver_finish(&r, ast, out, err);
}

/* Every :value of a built tree counted, as hook_value() counts them. */
static enum sst_code
count_values(struct resolver *r, const struct sst_emu_ast *n,
             struct sst_err *err)
{
    unsigned types;
    uint32_t i;
    enum sst_code rc = SST_OK;

    if (n == NULL)
        return SST_OK;
    if (n->type == SST_EMU_AST_VALUE)
        return hook_value(r, n, &types, err);
    for (i = 0; n->type == SST_EMU_AST_OP && i < n->nkids && rc == SST_OK;
         i++)
        rc = count_values(r, n->kids[i], err);
    return rc;
}

enum sst_code
sst_emu_expr_resolve_update_tree(struct sst_emu_arena *a,
                                 struct sst_emu_bindings *b,
                                 struct sst_emu_ast *ast,
                                 struct sst_emu_expr *out, struct sst_err *err)
{
    struct resolver r;
    enum sst_code rc;
    uint32_t i;

    if (out == NULL || a == NULL || b == NULL || ast == NULL ||
        ast->type != SST_EMU_AST_UPDATE)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "sst_emu_expr_resolve_update_tree: bad argument");
    memset(out, 0, sizeof *out);
    out->kind = SST_EMU_EXPR_UPDATE;
    rc = resolver_init(&r, a, b, SST_EMU_EXPR_UPDATE, ast, err);
    /* targets, then values, last action first, as sst_emu_expr_check()
     * calls the hooks: the path tree's insertion order is the same */
    for (i = ast->u.update.n; i-- > 0 && rc == SST_OK;)
        rc = hook_path(&r, &ast->u.update.actions[i].path,
                       SST_EMU_PATH_TARGET, err);
    for (i = ast->u.update.n; i-- > 0 && rc == SST_OK;)
        rc = count_values(&r, ast->u.update.actions[i].value, err);
    if (rc != SST_OK)
        return rc;
    return resolver_finish(&r, ast, out, err);
}

/* ------------------------------------------------------------------ */
/* walks over resolved expressions                                     */

struct path_walk {
    enum sst_code (*fn)(void *, const struct sst_emu_expr_path *,
                        struct sst_err *);
    void *ctx;
    struct sst_err *err;
};

static enum sst_code
walk_paths(struct path_walk *w, const struct sst_emu_ast *n)
{
    enum sst_code rc;
    uint32_t i;

    if (n == NULL)
        return SST_OK;
    switch (n->type) {
    case SST_EMU_AST_PATH:
        return w->fn(w->ctx, &n->u.path, w->err);
    case SST_EMU_AST_OP:
        for (i = 0; i < n->nkids; i++) {
            rc = walk_paths(w, n->kids[i]);
            if (rc != SST_OK)
                return rc;
        }
        return SST_OK;
    case SST_EMU_AST_UPDATE:
        for (i = 0; i < n->u.update.n; i++) {
            rc = w->fn(w->ctx, &n->u.update.actions[i].path, w->err);
            if (rc == SST_OK)
                rc = walk_paths(w, n->u.update.actions[i].value);
            if (rc != SST_OK)
                return rc;
        }
        return SST_OK;
    case SST_EMU_AST_PROJECTION:
        for (i = 0; i < n->u.projection.n; i++) {
            rc = w->fn(w->ctx, &n->u.projection.paths[i], w->err);
            if (rc != SST_OK)
                return rc;
        }
        return SST_OK;
    default:
        return SST_OK;
    }
}

enum sst_code
sst_emu_expr_foreach_path(
    const struct sst_emu_expr *e,
    enum sst_code (*fn)(void *ctx, const struct sst_emu_expr_path *path,
                        struct sst_err *err),
    void *ctx, struct sst_err *err)
{
    struct path_walk w = {fn, ctx, err};

    if (e == NULL || e->ast == NULL)
        return SST_OK;
    return walk_paths(&w, e->ast);
}

struct nested_keys {
    const struct sst_emu_bindings *b;
    const char *key;
    size_t len;
    bool found;
};

static enum sst_code
nested_key_path(void *ctx, const struct sst_emu_expr_path *p,
                struct sst_err *err)
{
    struct nested_keys *nk = ctx;
    const char *name;
    size_t len;

    (void)err;
    if (p->n > 1 && sst_emu_elem_name(nk->b, &p->elems[0], &name, &len) &&
        len == nk->len && memcmp(name, nk->key, len) == 0)
        nk->found = true;
    return SST_OK;
}

enum sst_code
sst_emu_expr_check_nested_keys(const struct sst_emu_expr *e,
                               const struct sst_emu_bindings *b,
                               const struct sst_emu_key_name *keys,
                               size_t nkeys, struct sst_err *err)
{
    struct nested_keys nk;
    size_t i;

    if (e == NULL || e->ast == NULL)
        return SST_OK;
    for (i = 0; i < nkeys; i++) {
        nk.b = b;
        nk.key = keys[i].name;
        nk.len = keys[i].len;
        nk.found = false;
        (void)sst_emu_expr_foreach_path(e, nested_key_path, &nk, err);
        if (nk.found)
            return sst_err_set(err, SST_E_VALIDATION,
                               "Key attributes must be scalars; list random "
                               "access '[]' and map lookup '.' are not "
                               "allowed: Key: %.*s",
                               (int)keys[i].len, keys[i].name);
    }
    return SST_OK;
}
