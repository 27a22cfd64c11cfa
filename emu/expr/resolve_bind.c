/*
 * emu/expr/resolve_bind.c - the placeholder maps of a request
 * (ExpressionAttributeNames and -Values): loading and checking them in
 * DynamoDB's order, lookups, and the report of unused placeholders
 * (see resolve.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sst/mem.h>

#include "emu/expr/lex.h"
#include "emu/expr/parse.h"
#include "emu/expr/resolve.h"
#include "emu/expr/resolve_int.h"

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
        return sst_emu_resolve_nomem(err);
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
            return sst_emu_resolve_nomem(err);
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
        return sst_emu_resolve_nomem(err);
    if (b->nnames > SST_EMU_SCAN_MAX) {
        for (i = 0; i < b->nnames; i++) {
            kv[i].key = b->names[i].key;
            kv[i].len = b->names[i].key_len;
        }
        b->name_index = build_index(&b->arena, kv, b->nnames);
        if (b->name_index == NULL)
            return sst_emu_resolve_nomem(err);
    }
    if (b->nvalues > SST_EMU_SCAN_MAX) {
        for (i = 0; i < b->nvalues; i++) {
            kv[i].key = b->values[i].key;
            kv[i].len = b->values[i].key_len;
        }
        b->value_index = build_index(&b->arena, kv, b->nvalues);
        if (b->value_index == NULL)
            return sst_emu_resolve_nomem(err);
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
            return sst_emu_resolve_nomem(err);
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
                    return sst_emu_resolve_nomem(err);
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
            rc = sst_emu_resolve_nomem(err);
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
            rc = sst_emu_resolve_nomem(err);
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
