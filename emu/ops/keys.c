/*
 * emu/ops/keys.c - primary keys and index keys of items (see keys.h).
 */
#include <string.h>

#include <sst/mem.h>

#include "emu/expr/jorder.h"
#include "emu/ops/common.h"
#include "emu/ops/keys.h"

/* ------------------------------------------------------------------ */
/* values                                                              */

static bool
is_scalar(const struct sst_av *v)
{
    return v->type == SST_AV_S || v->type == SST_AV_N || v->type == SST_AV_B;
}

static bool
has_type(const struct sst_av *v, enum sst_emu_attr_type t)
{
    return (t == SST_EMU_ATTR_S && v->type == SST_AV_S) ||
           (t == SST_EMU_ATTR_N && v->type == SST_AV_N) ||
           (t == SST_EMU_ATTR_B && v->type == SST_AV_B);
}

static bool
is_empty(const struct sst_av *v)
{
    return (v->type == SST_AV_S || v->type == SST_AV_B) && v->u.str.len == 0;
}

static const char *
empty_kind(const struct sst_av *v)
{
    return v->type == SST_AV_S ? "string" : "binary";
}

/* Whether a key value is over DynamoDB's limit (bytes, not characters;
 * numbers are always short enough). */
static bool
too_long(const struct sst_av *v, bool hash)
{
    size_t max =
        hash ? SST_EMU_MAX_HASH_KEY_BYTES : SST_EMU_MAX_RANGE_KEY_BYTES;

    return (v->type == SST_AV_S || v->type == SST_AV_B) && v->u.str.len > max;
}

static const struct sst_av *
get_attr(const struct sst_av *map, const char *name)
{
    return sst_av_map_get(map, name, strlen(name));
}

/* The positions of a key schema, partition key attributes first. */
static unsigned
schema_positions(const struct sst_emu_key_schema *ks,
                 unsigned pos[2 * SST_EMU_KEY_PARTS_MAX])
{
    unsigned i, n = 0;

    for (i = 0; i < ks->hash_count; i++)
        pos[n++] = ks->hash[i];
    for (i = 0; i < ks->range_count; i++)
        pos[n++] = ks->range[i];
    return n;
}

/* ------------------------------------------------------------------ */
/* table keys                                                          */

enum sst_code
sst_emu_table_key(const struct sst_emu_table *t, const struct sst_av *attrs,
                  bool exact, struct sst_emu_key *k, struct sst_err *err)
{
    const struct sst_av *vals[2 * SST_EMU_KEY_PARTS_MAX];
    unsigned pos[2 * SST_EMU_KEY_PARTS_MAX], n, i;
    enum sst_code rc;

    n = schema_positions(&t->key, pos);
    if (exact && attrs->u.map.len != n)
        return sst_err_set(err, SST_E_VALIDATION, SST_EMU_MSG_KEY_COUNT);
    /* key attribute by key attribute, in the schema's order: present,
     * of the right type, not empty, not too long (DynamoDB Local reports
     * such a partition key before a missing sort key) */
    for (i = 0; i < n; i++) {
        vals[i] = get_attr(attrs, sst_emu_attr_name(t, pos[i]));
        if (vals[i] == NULL)
            return sst_err_set(err, SST_E_VALIDATION, SST_EMU_MSG_KEY_MISSING);
        if (!is_scalar(vals[i]))
            return sst_err_set(err, SST_E_VALIDATION,
                               SST_EMU_MSG_BAD_VALUE_TYPE);
        if (!has_type(vals[i], t->attrs[pos[i]].type))
            return sst_err_set(err, SST_E_VALIDATION, SST_EMU_MSG_KEY_TYPE);
        if (is_empty(vals[i]))
            return sst_err_set(err, SST_E_VALIDATION, SST_EMU_MSG_KEY_EMPTY,
                               empty_kind(vals[i]),
                               sst_emu_attr_name(t, pos[i]));
        if (too_long(vals[i], i < t->key.hash_count))
            return sst_err_set(err, SST_E_VALIDATION, SST_EMU_MSG_KEY_SIZE);
    }
    sst_emu_key_reset(k);
    for (i = 0; i < n; i++) {
        rc = sst_emu_key_add_av(k, vals[i], err);
        if (rc != SST_OK)
            return rc;
    }
    return SST_OK;
}

/* ------------------------------------------------------------------ */
/* the fast path of simple keys                                        */

/* The one member of a simple AttributeValue: its type key and string. */
static bool
simple_value(const struct json_object *av, const char **type,
             struct json_object **str)
{
    struct lh_entry *e;

    if (!json_object_is_type(av, json_type_object) ||
        json_object_object_length(av) != 1)
        return false;
    e = json_object_get_object(av)->head;
    *type = (const char *)lh_entry_k(e);
    *str = (struct json_object *)lh_entry_v(e);
    return ((*type)[0] == 'S' || (*type)[0] == 'N') && (*type)[1] == '\0' &&
           json_object_is_type(*str, json_type_string);
}

bool
sst_emu_key_simple(const struct json_object *key)
{
    const char *type;
    struct json_object *str;

    if (!json_object_is_type(key, json_type_object))
        return false;
    json_object_object_foreach((struct json_object *)key, name, av)
    {
        (void)name;
        if (!simple_value(av, &type, &str))
            return false;
    }
    return true;
}

bool
sst_emu_fast_key(const struct sst_emu_table *t, const struct json_object *key,
                 struct sst_emu_key *k)
{
    unsigned pos[2 * SST_EMU_KEY_PARTS_MAX], n, i;
    uint8_t enc[SST_NUM_KEY_MAX];
    struct json_object *av, *str;
    const char *type, *s;
    struct sst_num num;
    size_t len, max, m = 0;
    bool ok;

    n = schema_positions(&t->key, pos);
    if (!sst_emu_key_simple(key) || (size_t)json_object_object_length(key) != n)
        return false;
    sst_emu_key_reset(k);
    for (i = 0; i < n; i++) {
        /* sst_emu_get walks the key's few members instead of hashing. */
        av = sst_emu_get(key, sst_emu_attr_name(t, pos[i]));
        if (av == NULL || !simple_value(av, &type, &str))
            return false;
        s = json_object_get_string(str);
        len = (size_t)json_object_get_string_len(str);
        if (t->attrs[pos[i]].type == SST_EMU_ATTR_S && type[0] == 'S') {
            max = i < t->key.hash_count ? SST_EMU_MAX_HASH_KEY_BYTES
                                        : SST_EMU_MAX_RANGE_KEY_BYTES;
            if (len == 0 || len > max ||
                sst_emu_key_add_s(k, s, len, NULL) != SST_OK)
                return false;
        } else if (t->attrs[pos[i]].type == SST_EMU_ATTR_N && type[0] == 'N') {
            /* "12345" straight to key bytes; other forms through GMP. */
            m = sst_num_key_encode_text(s, len, enc);
            ok = m > 0;
            if (!ok) {
                sst_num_init(&num);
                ok = sst_num_parse(&num, s, len, NULL) == SST_OK;
                if (ok)
                    m = sst_num_key_encode(&num, enc);
                sst_num_cleanup(&num);
            }
            if (!ok || sst_emu_key_add_n(k, enc, m, NULL) != SST_OK)
                return false;
        } else {
            return false;
        }
    }
    return true;
}

static bool
is_table_key_pos(const struct sst_emu_table *t, unsigned pos)
{
    return pos == t->key.hash[0] ||
           (t->key.range_count > 0 && pos == t->key.range[0]);
}

/* ------------------------------------------------------------------ */
/* index keys                                                          */

/* One index's key attributes in item; with empty_first an empty value
 * is refused before a value of another type (AttributeUpdates' order). */
static enum sst_code
check_index_key(const struct sst_emu_table *t, const struct sst_emu_index *ix,
                const struct sst_av *item, bool empty_first,
                struct sst_err *err)
{
    unsigned pos[2 * SST_EMU_KEY_PARTS_MAX], n, i;
    const struct sst_av *v;
    const char *name;

    n = schema_positions(&ix->key, pos);
    for (i = 0; i < n; i++) {
        if (is_table_key_pos(t, pos[i]))
            continue; /* checked as the table's key */
        name = sst_emu_attr_name(t, pos[i]);
        v = get_attr(item, name);
        if (v == NULL)
            continue; /* sparse: no row in this index */
        if (!is_scalar(v))
            return sst_err_set(err, SST_E_VALIDATION,
                               SST_EMU_MSG_BAD_VALUE_TYPE);
        if (empty_first && is_empty(v))
            return sst_err_set(err, SST_E_VALIDATION,
                               SST_EMU_MSG_INDEX_KEY_EMPTY, empty_kind(v),
                               ix->name, name);
        if (!has_type(v, t->attrs[pos[i]].type))
            return sst_err_set(err, SST_E_VALIDATION,
                               SST_EMU_MSG_INDEX_KEY_TYPE);
        if (is_empty(v))
            return sst_err_set(err, SST_E_VALIDATION,
                               SST_EMU_MSG_INDEX_KEY_EMPTY, empty_kind(v),
                               ix->name, name);
        if (too_long(v, i < ix->key.hash_count))
            return sst_err_set(err, SST_E_VALIDATION,
                               SST_EMU_MSG_INDEX_KEY_SIZE);
    }
    return SST_OK;
}

enum sst_code
sst_emu_check_index_key(const struct sst_emu_table *t,
                        const struct sst_emu_index *ix,
                        const struct sst_av *item, struct sst_err *err)
{
    return check_index_key(t, ix, item, false, err);
}

/* An index key attribute holding an empty string or binary value. */
static bool
empty_value(const struct sst_emu_table *t, unsigned pos, const struct sst_av *v)
{
    (void)t;
    (void)pos;
    return is_empty(v);
}

/* An index key attribute holding a scalar of another type than its
 * definition. */
static bool
other_type(const struct sst_emu_table *t, unsigned pos, const struct sst_av *v)
{
    return is_scalar(v) && !has_type(v, t->attrs[pos].type);
}

/* The first value of an index key attribute of item (the table's key
 * left out) that want selects, of the local indexes only when
 * local_only; NULL when there is none. */
static const struct sst_av *
find_index_key_value(const struct sst_emu_table *t, const struct sst_av *item,
                     bool local_only,
                     bool (*want)(const struct sst_emu_table *, unsigned,
                                  const struct sst_av *))
{
    unsigned pos[2 * SST_EMU_KEY_PARTS_MAX], n, i;
    const struct sst_av *v;
    size_t x;

    for (x = 0; x < t->index_count; x++) {
        if (local_only && t->indexes[x].global)
            continue;
        n = schema_positions(&t->indexes[x].key, pos);
        for (i = 0; i < n; i++) {
            if (is_table_key_pos(t, pos[i]))
                continue;
            v = get_attr(item, sst_emu_attr_name(t, pos[i]));
            if (v != NULL && want(t, pos[i], v))
                return v;
        }
    }
    return NULL;
}

enum sst_code
sst_emu_check_updated_index_keys(const struct sst_emu_table *t,
                                 const struct sst_av *item,
                                 struct sst_err *err)
{
    const struct sst_av *v = find_index_key_value(t, item, false, empty_value);

    if (v != NULL)
        return sst_err_set(err, SST_E_VALIDATION,
                           SST_EMU_MSG_UPDATE_INDEX_KEY_EMPTY, empty_kind(v));
    return sst_emu_check_index_keys(t, item, err);
}

static enum sst_code check_indexes(const struct sst_emu_table *t,
                                   const struct sst_av *item,
                                   bool globals_first, bool empty_first,
                                   struct sst_err *err);

enum sst_code
sst_emu_check_legacy_index_keys(const struct sst_emu_table *t,
                                const struct sst_av *item,
                                struct sst_err *err)
{
    if (find_index_key_value(t, item, true, other_type) != NULL)
        return sst_err_set(err, SST_E_VALIDATION,
                           SST_EMU_MSG_LEGACY_INDEX_KEY_TYPE);
    return check_indexes(t, item, true, true, err);
}

bool
sst_emu_local_index_key_type_differs(const struct sst_emu_table *t,
                                     const char *name, enum sst_av_type type)
{
    unsigned pos[2 * SST_EMU_KEY_PARTS_MAX], n, i;
    struct sst_av v;
    size_t x;

    memset(&v, 0, sizeof v);
    v.type = type;
    for (x = 0; t != NULL && x < t->index_count; x++) {
        if (t->indexes[x].global)
            continue;
        n = schema_positions(&t->indexes[x].key, pos);
        for (i = 0; i < n; i++)
            if (!is_table_key_pos(t, pos[i]) &&
                strcmp(sst_emu_attr_name(t, pos[i]), name) == 0)
                return !has_type(&v, t->attrs[pos[i]].type);
    }
    return false;
}

/* The indexes of one kind in DynamoDB Local's order: a HashMap's order of
 * their names (emu/ops/jorder.h). */
static enum sst_code
order_indexes(const struct sst_emu_table *t, bool global,
              struct sst_emu_jname *names, size_t *n, struct sst_err *err)
{
    size_t x, m = 0;

    for (x = 0; x < t->index_count; x++)
        if (t->indexes[x].global == global) {
            names[m].s = t->indexes[x].name;
            names[m++].len = strlen(t->indexes[x].name);
        }
    if (sst_emu_java_hash_order(names, m, n) != 0)
        return sst_emu_nomem(err);
    return SST_OK;
}

static const struct sst_emu_index *
index_named(const struct sst_emu_table *t, const struct sst_emu_jname *name)
{
    size_t x;

    for (x = 0; x < t->index_count; x++)
        if (strlen(t->indexes[x].name) == name->len &&
            memcmp(t->indexes[x].name, name->s, name->len) == 0)
            return &t->indexes[x];
    return NULL;
}

/* Every index's key attributes in item, in DynamoDB Local's order: its
 * local indexes before its global ones, or (globals_first, for
 * AttributeUpdates) the other way round, each kind in a HashMap's order
 * of the names; empty_first as check_index_key(). */
static enum sst_code
check_indexes(const struct sst_emu_table *t, const struct sst_av *item,
              bool globals_first, bool empty_first, struct sst_err *err)
{
    struct sst_emu_jname *names;
    enum sst_code rc = SST_OK;
    size_t x, n, kind;
    bool failed = false;

    for (x = 0; x < t->index_count && !failed; x++)
        failed = check_index_key(t, &t->indexes[x], item, empty_first,
                                 NULL) != SST_OK;
    if (!failed)
        return SST_OK;
    /* which index the message names: the first that fails in order */
    names = sst_calloc(t->index_count, sizeof *names);
    if (names == NULL)
        return sst_emu_nomem(err);
    for (kind = 0; kind < 2 && rc == SST_OK; kind++) {
        rc = order_indexes(t, (kind == 1) != globals_first, names, &n, err);
        for (x = 0; x < n && rc == SST_OK; x++)
            rc = check_index_key(t, index_named(t, &names[x]), item,
                                 empty_first, err);
    }
    sst_free(names);
    return rc;
}

enum sst_code
sst_emu_check_index_keys(const struct sst_emu_table *t,
                         const struct sst_av *item, struct sst_err *err)
{
    return check_indexes(t, item, false, false, err);
}

enum sst_code
sst_emu_index_row_key(const struct sst_emu_table *t,
                      const struct sst_emu_index *ix, const struct sst_av *item,
                      struct sst_emu_key *k, bool *present, struct sst_err *err)
{
    unsigned pos[2 * SST_EMU_KEY_PARTS_MAX], n, i;
    const struct sst_av *v;
    enum sst_code rc;

    sst_emu_key_reset(k);
    *present = false;
    n = schema_positions(&ix->key, pos);
    for (i = 0; i < n; i++)
        if (get_attr(item, sst_emu_attr_name(t, pos[i])) == NULL)
            return SST_OK;
    for (i = 0; i < n; i++) {
        v = get_attr(item, sst_emu_attr_name(t, pos[i]));
        rc = sst_emu_key_add_av(k, v, err);
        if (rc != SST_OK)
            return rc;
    }
    n = schema_positions(&t->key, pos);
    for (i = 0; i < n; i++) {
        v = get_attr(item, sst_emu_attr_name(t, pos[i]));
        if (v == NULL)
            return sst_err_set(err, SST_E_INVALID_ARG,
                               "an item without its table key");
        rc = sst_emu_key_add_av(k, v, err);
        if (rc != SST_OK)
            return rc;
    }
    *present = true;
    return SST_OK;
}

/* ------------------------------------------------------------------ */
/* starting keys                                                       */

enum sst_code
sst_emu_start_key(const struct sst_emu_table *t, const struct sst_emu_index *ix,
                  const struct sst_av *esk, struct sst_emu_key *k,
                  struct sst_err *err)
{
    unsigned pos[4 * SST_EMU_KEY_PARTS_MAX], n = 0, m, i, j;
    unsigned ipos[2 * SST_EMU_KEY_PARTS_MAX], tpos[2 * SST_EMU_KEY_PARTS_MAX];
    const struct sst_av *vals[4 * SST_EMU_KEY_PARTS_MAX];
    unsigned hashes[4 * SST_EMU_KEY_PARTS_MAX];
    unsigned in, tn, distinct = 0;
    enum sst_code rc;
    bool seen;

    /* The attributes a row key holds: the index's, then the table's. */
    in = ix ? schema_positions(&ix->key, ipos) : 0;
    tn = schema_positions(&t->key, tpos);
    for (i = 0; i < in; i++) {
        hashes[n] = i < ix->key.hash_count;
        pos[n++] = ipos[i];
    }
    for (i = 0; i < tn; i++) {
        hashes[n] = i < t->key.hash_count;
        pos[n++] = tpos[i];
    }
    /* Distinct attributes: an index may share the table's. */
    for (i = 0; i < n; i++) {
        for (j = 0, seen = false; j < i; j++)
            seen = seen || pos[j] == pos[i];
        distinct += !seen;
    }
    if (esk->u.map.len == 0)
        return sst_err_set(err, SST_E_VALIDATION,
                           SST_EMU_MSG_START_KEY_INVALID);
    if (esk->u.map.len != distinct)
        return sst_err_set(err, SST_E_VALIDATION,
                           ix ? SST_EMU_MSG_START_KEY_INVALID
                              : SST_EMU_MSG_START_KEY_SIZE);
    for (i = 0; i < n; i++) {
        vals[i] = get_attr(esk, sst_emu_attr_name(t, pos[i]));
        if (vals[i] == NULL)
            return sst_err_set(err, SST_E_VALIDATION,
                               SST_EMU_MSG_START_KEY_INVALID);
    }
    for (i = 0; i < n; i++)
        if (!has_type(vals[i], t->attrs[pos[i]].type))
            return sst_err_set(err, SST_E_VALIDATION,
                               SST_EMU_MSG_START_KEY_TYPE);
    for (i = 0; i < n; i++)
        if (is_empty(vals[i]))
            return sst_err_set(err, SST_E_VALIDATION,
                               SST_EMU_MSG_START_KEY_EMPTY,
                               empty_kind(vals[i]),
                               sst_emu_attr_name(t, pos[i]));
    for (i = 0; i < n; i++)
        if (too_long(vals[i], hashes[i]))
            return sst_err_set(err, SST_E_VALIDATION, SST_EMU_MSG_KEY_SIZE);
    sst_emu_key_reset(k);
    for (m = 0; m < n; m++) {
        rc = sst_emu_key_add_av(k, vals[m], err);
        if (rc != SST_OK)
            return rc;
    }
    return SST_OK;
}

/* ------------------------------------------------------------------ */
/* attributes of keys and projections                                  */

static bool
name_is(const char *a, const char *name, size_t len)
{
    return strlen(a) == len && memcmp(a, name, len) == 0;
}

static bool
in_schema(const struct sst_emu_table *t, const struct sst_emu_key_schema *ks,
          const char *name, size_t len)
{
    unsigned pos[2 * SST_EMU_KEY_PARTS_MAX], n, i;

    n = schema_positions(ks, pos);
    for (i = 0; i < n; i++)
        if (name_is(sst_emu_attr_name(t, pos[i]), name, len))
            return true;
    return false;
}

bool
sst_emu_is_key_attr(const struct sst_emu_table *t,
                    const struct sst_emu_index *ix, const char *name,
                    size_t len)
{
    return in_schema(t, &t->key, name, len) ||
           (ix != NULL && in_schema(t, &ix->key, name, len));
}

bool
sst_emu_index_projects(const struct sst_emu_table *t,
                       const struct sst_emu_index *ix, const char *name,
                       size_t len)
{
    size_t i;

    if (ix->projection == SST_EMU_PROJECTION_ALL ||
        sst_emu_is_key_attr(t, ix, name, len))
        return true;
    if (ix->projection == SST_EMU_PROJECTION_INCLUDE)
        for (i = 0; i < ix->non_key_count; i++)
            if (name_is(ix->non_key[i], name, len))
                return true;
    return false;
}

size_t
sst_emu_key_names(const struct sst_emu_table *t, const struct sst_emu_index *ix,
                  const char **names)
{
    unsigned pos[2 * SST_EMU_KEY_PARTS_MAX], n, i;
    size_t count = 0, j;
    const char *name;

    n = schema_positions(&t->key, pos);
    for (i = 0; i < n; i++)
        names[count++] = sst_emu_attr_name(t, pos[i]);
    n = ix ? schema_positions(&ix->key, pos) : 0;
    for (i = 0; i < n; i++) {
        name = sst_emu_attr_name(t, pos[i]);
        for (j = 0; j < count && strcmp(names[j], name) != 0; j++)
            ;
        if (j == count)
            names[count++] = name;
    }
    return count;
}

size_t
sst_emu_partition_prefix_len(const struct sst_emu_table *t,
                             const struct sst_emu_index *ix, const uint8_t *key,
                             size_t len)
{
    unsigned parts = ix ? ix->key.hash_count : t->key.hash_count, i;
    size_t at = 0, vlen, used;

    for (i = 0; i < parts; i++) {
        if (!sst_emu_key_decode(key + at, len - at, NULL, &vlen, &used))
            return len;
        at += used;
    }
    return at;
}
