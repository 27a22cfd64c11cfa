/*
 * emu/ops/keys.c - primary keys and index keys of items (see keys.h).
 */
#include <string.h>

#include <sst/mem.h>

#include "emu/expr/jorder.h"
#include "emu/ops/common.h"
#include "emu/ops/keyhash.h"
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
/* row layouts                                                         */

static enum sst_code
add_hash(struct sst_emu_key *k, const uint8_t *h, struct sst_err *err)
{
    return sst_emu_key_add_raw(k, h, SST_EMU_KEY_HASH_LEN, err);
}

/* What orders the rows of a global index whose key values are equal,
 * as DynamoDB Local orders them (keys.h). */
enum trailing { TRAIL_NONE, TRAIL_PK, TRAIL_SK, TRAIL_BOTH };

static enum trailing
gsi_trailing(const struct sst_emu_table *t, const struct sst_emu_index *ix)
{
    unsigned pos[2 * SST_EMU_KEY_PARTS_MAX], n, i;
    bool has_pk = false, has_sk = false, range = t->key.range_count > 0;

    n = schema_positions(&ix->key, pos);
    for (i = 0; i < n; i++) {
        has_pk = has_pk || pos[i] == t->key.hash[0];
        has_sk = has_sk || (range && pos[i] == t->key.range[0]);
    }
    if (has_pk)
        return range && !has_sk ? TRAIL_SK : TRAIL_NONE;
    if (!range || has_sk)
        return TRAIL_PK;
    return TRAIL_BOTH;
}

/* The row key of the table (ix NULL) or of index ix, from the values of
 * its key attributes: iv in the index's schema order, tv in the
 * table's. */
static enum sst_code
row_key(const struct sst_emu_table *t, const struct sst_emu_index *ix,
        const struct sst_av *const *iv, const struct sst_av *const *tv,
        struct sst_emu_key *k, struct sst_err *err)
{
    uint8_t hp[SST_EMU_KEY_HASH_LEN], hs[SST_EMU_KEY_HASH_LEN];
    uint8_t hb[SST_EMU_KEY_HASH_LEN];
    unsigned in = ix ? ix->key.hash_count + ix->key.range_count : 0;
    unsigned tn = t->key.hash_count + t->key.range_count, i;
    enum sst_code rc = SST_OK;

    enum trailing trail = ix == NULL   ? TRAIL_NONE
                          : !ix->global ? TRAIL_SK
                                        : gsi_trailing(t, ix);

    sst_emu_key_reset(k);
    (void)sst_emu_key_hash(tv[0], hp);
    /* the sort key's hash only where a layout holds it */
    memset(hs, 0, sizeof hs);
    if (tn > 1 && (trail == TRAIL_SK || trail == TRAIL_BOTH))
        (void)sst_emu_key_hash(tv[tn - 1], hs);
    if (ix != NULL && !ix->global)
        rc = add_hash(k, hp, err);
    for (i = 0; rc == SST_OK && i < in; i++)
        rc = sst_emu_key_add_av(k, iv[i], err);
    if (rc == SST_OK && ix != NULL && !ix->global)
        rc = add_hash(k, hs, err);
    else if (rc == SST_OK && ix != NULL) {
        switch (trail) {
        case TRAIL_PK:
            rc = add_hash(k, hp, err);
            break;
        case TRAIL_SK:
            rc = add_hash(k, hs, err);
            break;
        case TRAIL_BOTH:
            sst_emu_key_hash_pair(hp, hs, hb);
            rc = add_hash(k, hb, err);
            break;
        case TRAIL_NONE:
            break;
        }
    }
    /* the table's row key, which makes an index row unique */
    if (rc == SST_OK)
        rc = add_hash(k, hp, err);
    for (i = 0; rc == SST_OK && i < tn; i++)
        rc = sst_emu_key_add_av(k, tv[i], err);
    return rc;
}

/* ------------------------------------------------------------------ */
/* table keys                                                          */

enum sst_code
sst_emu_table_key(const struct sst_emu_table *t, const struct sst_av *attrs,
                  bool exact, struct sst_emu_key *k, struct sst_err *err)
{
    const struct sst_av *vals[2 * SST_EMU_KEY_PARTS_MAX];
    unsigned pos[2 * SST_EMU_KEY_PARTS_MAX], n, i;

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
    return row_key(t, NULL, NULL, vals, k, err);
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
    uint8_t enc[SST_NUM_KEY_MAX], jenc[SST_EMU_JAVA_DECIMAL_MAX];
    uint8_t h[SST_EMU_KEY_HASH_LEN];
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
            if (len == 0 || len > max)
                return false;
            /* the row key starts with the partition key's hash */
            if (i == 0) {
                sst_emu_key_hash_bytes(s, len, h);
                if (sst_emu_key_add_raw(k, h, sizeof h, NULL) != SST_OK)
                    return false;
            }
            if (sst_emu_key_add_s(k, s, len, NULL) != SST_OK)
                return false;
        } else if (t->attrs[pos[i]].type == SST_EMU_ATTR_N && type[0] == 'N') {
            /* "12345" straight to key bytes; other forms, and a partition
             * key (its hash needs the number), through GMP. */
            m = i == 0 ? 0 : sst_num_key_encode_text(s, len, enc);
            ok = m > 0;
            if (!ok) {
                sst_num_init(&num);
                ok = sst_num_parse(&num, s, len, NULL) == SST_OK;
                if (ok)
                    m = sst_num_key_encode(&num, enc);
                if (ok && i == 0) {
                    sst_emu_key_hash_bytes(
                        jenc, sst_emu_java_decimal_key(&num, jenc), h);
                    ok = sst_emu_key_add_raw(k, h, sizeof h, NULL) == SST_OK;
                }
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
    const struct sst_av *iv[2 * SST_EMU_KEY_PARTS_MAX];
    const struct sst_av *tv[2 * SST_EMU_KEY_PARTS_MAX];

    sst_emu_key_reset(k);
    *present = false;
    n = schema_positions(&ix->key, pos);
    for (i = 0; i < n; i++)
        if ((iv[i] = get_attr(item, sst_emu_attr_name(t, pos[i]))) == NULL)
            return SST_OK;
    n = schema_positions(&t->key, pos);
    for (i = 0; i < n; i++)
        if ((tv[i] = get_attr(item, sst_emu_attr_name(t, pos[i]))) == NULL)
            return sst_err_set(err, SST_E_INVALID_ARG,
                               "an item without its table key");
    *present = true;
    return row_key(t, ix, iv, tv, k, err);
}

/* ------------------------------------------------------------------ */
/* starting keys                                                       */

enum sst_code
sst_emu_start_key(const struct sst_emu_table *t, const struct sst_emu_index *ix,
                  const struct sst_av *esk, struct sst_emu_key *k,
                  struct sst_err *err)
{
    unsigned pos[4 * SST_EMU_KEY_PARTS_MAX], n = 0, i, j;
    unsigned ipos[2 * SST_EMU_KEY_PARTS_MAX], tpos[2 * SST_EMU_KEY_PARTS_MAX];
    const struct sst_av *vals[4 * SST_EMU_KEY_PARTS_MAX];
    unsigned hashes[4 * SST_EMU_KEY_PARTS_MAX];
    unsigned in, tn, distinct = 0;
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
    return row_key(t, ix, vals, vals + in, k, err);
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

enum sst_code
sst_emu_partition_prefix(const struct sst_emu_table *t,
                         const struct sst_emu_index *ix,
                         const struct sst_av *pv, struct sst_emu_key *k,
                         struct sst_err *err)
{
    uint8_t h[SST_EMU_KEY_HASH_LEN];
    enum sst_code rc = SST_OK;

    sst_emu_key_reset(k);
    if (ix == NULL || !ix->global) {
        if (sst_emu_key_hash(pv, h) != 0)
            return sst_err_set(err, SST_E_INVALID_ARG, "a key of no key type");
        rc = add_hash(k, h, err);
    }
    return rc == SST_OK ? sst_emu_key_add_av(k, pv, err) : rc;
}

/* Bytes of the components that start p (n bytes), or 0. */
static size_t
skip_components(const uint8_t *p, size_t n, unsigned count)
{
    size_t at = 0, vlen, used;

    while (count-- > 0) {
        if (!sst_emu_key_decode(p + at, n - at, NULL, &vlen, &used))
            return 0;
        at += used;
    }
    return at;
}

bool
sst_emu_row_table_key(const struct sst_emu_table *t,
                      const struct sst_emu_index *ix, const uint8_t *key,
                      size_t len, const uint8_t **tk, size_t *tlen)
{
    size_t at = 0, used;

    if (ix != NULL) {
        at = ix->global ? 0 : SST_EMU_KEY_HASH_LEN;
        if (at > len)
            return false;
        used = skip_components(key + at, len - at,
                               ix->key.hash_count + ix->key.range_count);
        if (used == 0)
            return false;
        at += used;
        if (!ix->global || gsi_trailing(t, ix) != TRAIL_NONE)
            at += SST_EMU_KEY_HASH_LEN;
    }
    if (at + SST_EMU_KEY_HASH_LEN > len)
        return false;
    *tk = key + at;
    *tlen = len - at;
    return true;
}

size_t
sst_emu_lsi_run_len(const struct sst_emu_index *ix, const uint8_t *key,
                    size_t len)
{
    size_t used;

    if (len < SST_EMU_KEY_HASH_LEN)
        return 0;
    used = skip_components(key + SST_EMU_KEY_HASH_LEN,
                           len - SST_EMU_KEY_HASH_LEN,
                           ix->key.hash_count + ix->key.range_count);
    return used == 0 ? 0 : SST_EMU_KEY_HASH_LEN + used;
}
