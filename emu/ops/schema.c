/*
 * emu/ops/schema.c - CreateTable's validation, in DynamoDB's order (see
 * schema.h).
 *
 * The order, as DynamoDB Local applies it (each step stops at the first
 * fault; "AWS" marks checks DynamoDB Local skips and AWS makes):
 *
 *   1. BillingMode is PROVISIONED or PAY_PER_REQUEST (AWS)
 *   2. TableName
 *   3. the table's KeySchema (key_schema below), then its KeyType enum
 *      (AWS)
 *   4. AttributeDefinitions, element by element
 *   5. the table's key attributes are defined
 *   6. LocalSecondaryIndexes: hash-only table, count, then each index:
 *      name, duplicate name, projection, key schema, same hash key, range
 *      key, range key defined
 *   7. GlobalSecondaryIndexes: empty list, count, throughput present or
 *      absent as the billing mode requires, a name shared with an LSI,
 *      then each index: throughput values, name, duplicate name,
 *      projection, key schema (then its KeyType enum, AWS), key
 *      attributes defined
 *   8. at most 100 projected attributes over all indexes
 *   9. every attribute definition is used by some key
 *  10. the table's billing mode and throughput (OnDemandThroughput for
 *      PAY_PER_REQUEST, on_demand.c)
 *
 * Whether the table exists is checked last, by the operation.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/mem.h>

#include "emu/expr/jorder.h"
#include "emu/expr/resolve.h"
#include "emu/ops/common.h"
#include "emu/ops/schema.h"

#define MAX_ATTR_NAME 255

/* DynamoDB's messages. */
#define MSG_NO_KEY_SCHEMA                                                      \
    "No defined key schema.  A key schema containing at least a hash key "     \
    "must be defined for all tables"
#define MSG_KEY_SCHEMA_TOO_BIG                                                 \
    "Key Schema too big.  Key Schema must at most consist of the hash and "    \
    "range key of a table"
#define MSG_KEY_ELEMENT_INVALID "Key schema element is invalid."
#define MSG_KEY_TYPE_MISSING                                                   \
    "One or more keys is not specified as being hash or range."
#define MSG_SAME_KEY_NAMES "Two keys can not have the same name"
#define MSG_NO_HASH                                                            \
    "No Hash Key specified in schema.  All Dynamo DB tables must have "        \
    "exactly one hash key"
#define MSG_TOO_MANY_HASH                                                      \
    "Too many hash keys specified.  All Dynamo DB tables must have exactly "   \
    "one hash key"
#define MSG_GSI_TOO_MANY_HASH                                                  \
    "Too many partition keys. GSI can have at most 4 partition keys"
#define MSG_GSI_TOO_MANY_RANGE                                                 \
    "Too many sort keys. GSI can have at most 4 sort keys"
#define MSG_KEY_ORDER                                                          \
    "Invalid key order. Hash Key must be specified first in key schema, "      \
    "Range Key must be specifed second"
#define MSG_ATTR_TYPE_ENUM "Member must satisfy enum value set: [B, N, S]"
#define MSG_REDEFINED                                                          \
    "invalid attribute, SchemaElement redefined should be of same type as "   \
    "previously defined"
#define MSG_HASH_UNDEFINED                                                     \
    "Hash Key not specified in Attribute Definitions.  Type unknown."
#define MSG_RANGE_UNDEFINED                                                    \
    "Range Key not specified in Attribute Definitions.  Type unknown."
#define MSG_UNUSED_ATTRS                                                       \
    "The number of attributes in key schema must match the number of "         \
    "attributes defined in attribute definitions."
/* AWS's message where DynamoDB Local accepts the request. */
#define MSG_AWS_KEY_TYPE_ENUM                                                  \
    "1 validation error detected: Value '%s' at '%skeySchema.%zu.member."      \
    "keyType' failed to satisfy constraint: Member must satisfy enum value "   \
    "set: [HASH, RANGE]"

/* ------------------------------------------------------------------ */
/* request shapes CreateTable and UpdateTable share                    */

#define S(n) {n, SST_EMU_SHAPE_STRING, NULL}
#define L(n) {n, SST_EMU_SHAPE_LONG, NULL}
#define END {NULL, SST_EMU_SHAPE_STRING, NULL}

static const struct sst_emu_shape string_elem = S("");
static const struct sst_emu_shape attr_def[] = {S("AttributeName"),
                                                S("AttributeType"), END};
static const struct sst_emu_shape key_elem[] = {S("AttributeName"),
                                                S("KeyType"), END};

const struct sst_emu_shape sst_emu_shape_attr_def_elem = {
    "", SST_EMU_SHAPE_STRUCT, attr_def};
const struct sst_emu_shape sst_emu_shape_key_elem = {"", SST_EMU_SHAPE_STRUCT,
                                                     key_elem};
const struct sst_emu_shape sst_emu_shape_throughput[] = {
    L("ReadCapacityUnits"), L("WriteCapacityUnits"), END};
const struct sst_emu_shape sst_emu_shape_on_demand[] = {
    L("MaxReadRequestUnits"), L("MaxWriteRequestUnits"), END};
const struct sst_emu_shape sst_emu_shape_warm[] = {
    L("ReadUnitsPerSecond"), L("WriteUnitsPerSecond"), END};
const struct sst_emu_shape sst_emu_shape_projection[] = {
    S("ProjectionType"),
    {"NonKeyAttributes", SST_EMU_SHAPE_LIST, &string_elem},
    END};
const struct sst_emu_shape sst_emu_shape_gsi[] = {
    S("IndexName"),
    {"KeySchema", SST_EMU_SHAPE_LIST, &sst_emu_shape_key_elem},
    {"Projection", SST_EMU_SHAPE_STRUCT, sst_emu_shape_projection},
    {"ProvisionedThroughput", SST_EMU_SHAPE_STRUCT, sst_emu_shape_throughput},
    {"OnDemandThroughput", SST_EMU_SHAPE_STRUCT, sst_emu_shape_on_demand},
    {"WarmThroughput", SST_EMU_SHAPE_STRUCT, sst_emu_shape_warm},
    END};

#undef S
#undef L
#undef END

/* ------------------------------------------------------------------ */
/* helpers                                                             */

static enum sst_code
invalid(struct sst_err *err, const char *msg)
{
    return sst_err_set(err, SST_E_VALIDATION, "%s", msg);
}

size_t
sst_emu_list_len(const struct json_object *arr)
{
    return arr != NULL && json_object_is_type(arr, json_type_array)
               ? json_object_array_length(arr)
               : 0;
}

struct json_object *
sst_emu_list_at(const struct json_object *arr, size_t i)
{
    struct json_object *v = json_object_array_get_idx(arr, i);

    return v == NULL || json_object_is_type(v, json_type_null) ? NULL : v;
}

bool
sst_emu_attr_name_ok(const char *name)
{
    size_t n = strlen(name); /* DynamoDB counts UTF-8 bytes */
    return n >= 1 && n <= MAX_ATTR_NAME;
}

/* ------------------------------------------------------------------ */
/* an UpdateTable's definitions                                        */

/* A key of the HashMap: a name (NULL: none), the order of its first put,
 * the request's last definition of it (NO_DEF: t's own), its bucket. */
#define NO_DEF SIZE_MAX
struct map_key {
    const char *name;
    size_t put, def;
    uint32_t bucket;
};

static int
by_name(const void *x, const void *y)
{
    const struct map_key *a = x, *b = y;
    int c = a->name == NULL || b->name == NULL
                ? (a->name != NULL) - (b->name != NULL)
                : strcmp(a->name, b->name);

    return c != 0 ? c : (a->put > b->put) - (a->put < b->put);
}

static int
by_bucket(const void *x, const void *y)
{
    const struct map_key *a = x, *b = y;

    if (a->bucket != b->bucket)
        return a->bucket < b->bucket ? -1 : 1;
    return (a->put > b->put) - (a->put < b->put);
}

/* One definition's own faults: name, then type. */
static enum sst_code
added_attr(const char *name, const char *type, struct sst_err *err)
{
    if (name == NULL)
        return invalid(err, SST_EMU_MSG_ATTR_NAME_MISSING);
    if (!sst_emu_attr_name_ok(name))
        return invalid(err, SST_EMU_MSG_ATTR_NAME_LEN);
    if (type == NULL)
        return invalid(err, SST_EMU_MSG_ATTR_TYPE_MISSING);
    if (strlen(type) != 1 || !strchr("SNB", type[0]))
        return invalid(err, MSG_ATTR_TYPE_ENUM);
    return SST_OK;
}

/* The keys in the HashMap's iteration order; returns their number. */
static size_t
map_order(struct map_key *keys, size_t n)
{
    size_t i, m = 0;
    uint32_t cap;

    qsort(keys, n, sizeof *keys, by_name);
    for (i = 0; i < n; i++) {
        if (m > 0 && (keys[m - 1].name == NULL || keys[i].name == NULL
                          ? keys[m - 1].name == keys[i].name
                          : strcmp(keys[m - 1].name, keys[i].name) == 0)) {
            if (keys[i].def != NO_DEF) /* a later put of the name */
                keys[m - 1].def = keys[i].def;
            continue;
        }
        keys[m++] = keys[i];
    }
    cap = java_grown_cap((uint32_t)m);
    for (i = 0; i < m; i++)
        keys[i].bucket = java_bucket(
            keys[i].name == NULL ? 0
                                 : (uint32_t)sst_emu_java_hash(
                                       keys[i].name, strlen(keys[i].name)),
            cap);
    qsort(keys, m, sizeof *keys, by_bucket);
    return m;
}

enum sst_code
sst_emu_schema_added_attrs(const struct json_object *req,
                           const struct sst_emu_table *t, struct sst_err *err)
{
    struct json_object *defs = sst_emu_get(req, "AttributeDefinitions");
    size_t n = sst_emu_list_len(defs), a = t->attr_count, i, m;
    const struct sst_emu_attr *have;
    const char *name, *type;
    struct map_key *keys;
    enum sst_code rc = SST_OK;

    for (i = 0; i < n; i++) {
        name = sst_emu_get_string(sst_emu_list_at(defs, i), "AttributeName");
        type = sst_emu_get_string(sst_emu_list_at(defs, i), "AttributeType");
        have = name != NULL ? sst_emu_table_attr(t, name) : NULL;
        /* DynamoDB Local fails with a 500 on a missing type here
         * (docs/emulator.md); the type's own check reports it */
        if (have != NULL && type != NULL &&
            strcmp(type, have->type == SST_EMU_ATTR_S   ? "S"
                         : have->type == SST_EMU_ATTR_N ? "N"
                                                        : "B") != 0)
            return invalid(err, MSG_REDEFINED);
    }
    keys = sst_calloc(a + n + 1, sizeof *keys);
    if (keys == NULL)
        return sst_emu_nomem(err);
    for (i = 0; i < a; i++)
        keys[i] = (struct map_key){t->attrs[i].name, i, NO_DEF, 0};
    for (i = 0; i < n; i++)
        keys[a + i] = (struct map_key){
            sst_emu_get_string(sst_emu_list_at(defs, i), "AttributeName"),
            a + i, i, 0};
    m = map_order(keys, a + n);
    for (i = 0; i < m && rc == SST_OK; i++)
        if (keys[i].def != NO_DEF)
            rc = added_attr(keys[i].name,
                            sst_emu_get_string(
                                sst_emu_list_at(defs, keys[i].def),
                                "AttributeType"),
                            err);
    sst_free(keys);
    return rc;
}

bool
sst_emu_key_is_hash(const struct json_object *e)
{
    const char *t = sst_emu_get_string(e, "KeyType");
    return t != NULL && strcmp(t, "HASH") == 0;
}

/* ------------------------------------------------------------------ */
/* key schemas                                                         */

/*
 * The checks every key schema gets (table, LSI, GSI). A GSI may have up to
 * four partition key and four sort key attributes; a KeyType other than
 * HASH counts as a sort key here, as DynamoDB Local counts it. path is
 * the AWS member path of the index ("" for the table) and pos its
 * position, for the KeyType message.
 */
enum sst_code
sst_emu_schema_key(const struct json_object *ks, enum sst_emu_key_kind kind,
                   const char *path, struct sst_err *err)
{
    size_t n = sst_emu_list_len(ks), i, j, hashes = 0, ranges = 0;
    bool seen_range = false;
    const char *ti, *tj, *kt;

    if (n == 0)
        return invalid(err, MSG_NO_KEY_SCHEMA);
    if (n > (kind == SST_EMU_KEY_GSI ? 2 * SST_EMU_KEY_PARTS_MAX : 2))
        return invalid(err, MSG_KEY_SCHEMA_TOO_BIG);
    for (i = 0; i < n; i++) {
        struct json_object *e = sst_emu_list_at(ks, i);
        if (e == NULL)
            return invalid(err, MSG_KEY_ELEMENT_INVALID);
        if (sst_emu_get_string(e, "AttributeName") == NULL)
            return invalid(err, SST_EMU_MSG_ATTR_NAME_MISSING);
        if (sst_emu_get_string(e, "KeyType") == NULL)
            return invalid(err, MSG_KEY_TYPE_MISSING);
    }
    for (i = 1; i < n; i++) {
        ti = sst_emu_get_string(sst_emu_list_at(ks, i), "AttributeName");
        for (j = 0; j < i; j++) {
            tj = sst_emu_get_string(sst_emu_list_at(ks, j), "AttributeName");
            if (strcmp(ti, tj) == 0)
                return invalid(err, MSG_SAME_KEY_NAMES);
        }
    }
    for (i = 0; i < n; i++) {
        if (sst_emu_key_is_hash(sst_emu_list_at(ks, i)))
            hashes++;
        else
            ranges++;
    }
    if (hashes == 0)
        return invalid(err, MSG_NO_HASH);
    if (kind != SST_EMU_KEY_GSI && hashes > 1)
        return invalid(err, MSG_TOO_MANY_HASH);
    if (kind == SST_EMU_KEY_GSI && hashes > SST_EMU_KEY_PARTS_MAX)
        return invalid(err, MSG_GSI_TOO_MANY_HASH);
    if (kind == SST_EMU_KEY_GSI && ranges > SST_EMU_KEY_PARTS_MAX)
        return invalid(err, MSG_GSI_TOO_MANY_RANGE);
    for (i = 0; i < n; i++) {
        bool h = sst_emu_key_is_hash(sst_emu_list_at(ks, i));
        if (h && seen_range)
            return invalid(err, MSG_KEY_ORDER);
        seen_range = seen_range || !h;
    }
    /* AWS refuses a KeyType outside its enum; DynamoDB Local takes it for
     * a sort key. An LSI needs "RANGE" itself (checked later). */
    for (i = 0; kind != SST_EMU_KEY_LSI && i < n; i++) {
        kt = sst_emu_get_string(sst_emu_list_at(ks, i), "KeyType");
        if (strcmp(kt, "HASH") != 0 && strcmp(kt, "RANGE") != 0)
            return sst_err_set(err, SST_E_VALIDATION, MSG_AWS_KEY_TYPE_ENUM, kt,
                               path, i + 1);
    }
    return SST_OK;
}

int
sst_emu_schema_attr_pos(const struct sst_emu_table *t, const char *name)
{
    size_t i;

    for (i = 0; i < t->attr_count; i++)
        if (strcmp(t->attrs[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* Fill ks from a validated key schema whose attributes are all defined. */
void
sst_emu_schema_build_key(const struct sst_emu_table *t,
                         const struct json_object *arr,
                         struct sst_emu_key_schema *ks)
{
    size_t i, n = sst_emu_list_len(arr);

    memset(ks, 0, sizeof *ks);
    for (i = 0; i < n; i++) {
        const struct json_object *e = sst_emu_list_at(arr, i);
        int pos =
            sst_emu_schema_attr_pos(t, sst_emu_get_string(e, "AttributeName"));

        if (sst_emu_key_is_hash(e))
            ks->hash[ks->hash_count++] = (unsigned)pos;
        else
            ks->range[ks->range_count++] = (unsigned)pos;
    }
}

/* Read and write units of a ProvisionedThroughput object; false when one
 * is missing. */
bool
sst_emu_schema_units(const struct json_object *pt, int64_t *r, int64_t *w)
{
    bool hr = sst_emu_get_long(pt, "ReadCapacityUnits", false, r);
    bool hw = sst_emu_get_long(pt, "WriteCapacityUnits", false, w);
    return hr && hw;
}

/* ------------------------------------------------------------------ */
/* attribute definitions                                               */

static enum sst_code
attribute_definitions(const struct json_object *req, struct sst_emu_table *t,
                      struct sst_err *err)
{
    struct json_object *arr = sst_emu_get(req, "AttributeDefinitions");
    size_t n = sst_emu_list_len(arr), i, j;
    const char *name, *type;

    if (n == 0)
        return invalid(err, SST_EMU_MSG_NO_ATTRS);
    t->attrs = sst_calloc(n, sizeof *t->attrs);
    if (t->attrs == NULL)
        return sst_emu_nomem(err);
    for (i = 0; i < n; i++) {
        struct json_object *e = sst_emu_list_at(arr, i);

        if (e == NULL)
            return sst_err_set(err, SST_E_VALIDATION,
                               SST_EMU_MSG_AWS_NULL_MEMBER,
                               "attributeDefinitions", i + 1);
        name = sst_emu_get_string(e, "AttributeName");
        if (name == NULL)
            return invalid(err, SST_EMU_MSG_ATTR_NAME_MISSING);
        if (!sst_emu_attr_name_ok(name))
            return invalid(err, SST_EMU_MSG_ATTR_NAME_LEN);
        type = sst_emu_get_string(e, "AttributeType");
        if (type == NULL)
            return invalid(err, SST_EMU_MSG_ATTR_TYPE_MISSING);
        if (strlen(type) != 1 || strchr("SNB", type[0]) == NULL)
            return invalid(err, MSG_ATTR_TYPE_ENUM);
        for (j = 0; j < i; j++)
            if (strcmp(t->attrs[j].name, name) == 0)
                return invalid(err, SST_EMU_MSG_SAME_ATTR_NAMES);
        t->attrs[i].name = sst_strdup(name);
        if (t->attrs[i].name == NULL)
            return sst_emu_nomem(err);
        t->attrs[i].type = type[0] == 'S'   ? SST_EMU_ATTR_S
                           : type[0] == 'N' ? SST_EMU_ATTR_N
                                            : SST_EMU_ATTR_B;
        t->attr_count = i + 1;
    }
    return SST_OK;
}

/* ------------------------------------------------------------------ */
/* whole-table checks                                                  */

static bool
attr_used(const struct sst_emu_key_schema *ks, unsigned pos)
{
    unsigned i;

    for (i = 0; i < ks->hash_count; i++)
        if (ks->hash[i] == pos)
            return true;
    for (i = 0; i < ks->range_count; i++)
        if (ks->range[i] == pos)
            return true;
    return false;
}

bool
sst_emu_schema_attr_used(const struct sst_emu_table *t, size_t pos)
{
    size_t i;

    if (attr_used(&t->key, (unsigned)pos))
        return true;
    for (i = 0; i < t->index_count; i++)
        if (attr_used(&t->indexes[i].key, (unsigned)pos))
            return true;
    return false;
}

static enum sst_code
all_attributes_used(const struct sst_emu_table *t, struct sst_err *err)
{
    size_t a;

    for (a = 0; a < t->attr_count; a++)
        if (!sst_emu_schema_attr_used(t, a))
            return invalid(err, MSG_UNUSED_ATTRS);
    return SST_OK;
}

static enum sst_code
projected_total(const struct sst_emu_table *t, struct sst_err *err)
{
    size_t total = 0, i;

    /* DynamoDB: the same name in two indexes counts twice. */
    for (i = 0; i < t->index_count; i++)
        total += t->indexes[i].non_key_count;
    return total > SST_EMU_MAX_PROJECTED
               ? invalid(err, SST_EMU_MSG_PROJECTED_TOTAL)
               : SST_OK;
}

static enum sst_code
table_throughput(const struct json_object *req, struct sst_emu_table *t,
                 struct sst_err *err)
{
    struct json_object *pt = sst_emu_get(req, "ProvisionedThroughput");

    if (t->billing == SST_EMU_BILLING_PAY_PER_REQUEST)
        return pt ? invalid(err, SST_EMU_MSG_AWS_PPR_THROUGHPUT)
                  : sst_emu_on_demand_table(req, false, t, err);
    if (pt == NULL)
        return invalid(err, SST_EMU_MSG_TABLE_NO_THROUGHPUT);
    if (!sst_emu_schema_units(pt, &t->read_units, &t->write_units) ||
        t->read_units < 1 || t->write_units < 1)
        return invalid(err, SST_EMU_MSG_TABLE_UNITS_MIN);
    if (t->read_units > SST_EMU_MAX_UNITS || t->write_units > SST_EMU_MAX_UNITS)
        return invalid(err, SST_EMU_MSG_TABLE_UNITS_MAX);
    return SST_OK;
}

/* Steps 1 and 2. */
static enum sst_code
billing_and_name(const struct json_object *req, struct sst_emu_table *t,
                 struct sst_err *err)
{
    const char *billing = sst_emu_get_string(req, "BillingMode");
    const char *name = sst_emu_get_string(req, "TableName");

    if (billing == NULL || strcmp(billing, "PROVISIONED") == 0)
        t->billing = SST_EMU_BILLING_PROVISIONED;
    else if (strcmp(billing, "PAY_PER_REQUEST") == 0)
        t->billing = SST_EMU_BILLING_PAY_PER_REQUEST;
    else
        return sst_err_set(err, SST_E_VALIDATION,
                           SST_EMU_MSG_AWS_BILLING_ENUM, billing);
    if (!sst_emu_valid_table_name(name))
        return invalid(err, SST_EMU_MSG_TABLE_NAME);
    t->name = sst_strdup(name);
    return t->name ? SST_OK : sst_emu_nomem(err);
}

/* Steps 3 to 5. */
static enum sst_code
table_key(const struct json_object *req, struct sst_emu_table *t,
          struct sst_err *err)
{
    struct json_object *ks = sst_emu_get(req, "KeySchema");
    const char *hash = NULL, *range = NULL;
    size_t i, n;
    enum sst_code rc;

    rc = sst_emu_schema_key(ks, SST_EMU_KEY_TABLE, "", err);
    if (rc == SST_OK)
        rc = attribute_definitions(req, t, err);
    if (rc != SST_OK)
        return rc;
    n = sst_emu_list_len(ks);
    for (i = 0; i < n; i++) {
        const struct json_object *e = sst_emu_list_at(ks, i);
        if (sst_emu_key_is_hash(e))
            hash = sst_emu_get_string(e, "AttributeName");
        else
            range = sst_emu_get_string(e, "AttributeName");
    }
    if (sst_emu_schema_attr_pos(t, hash) < 0)
        return invalid(err, MSG_HASH_UNDEFINED);
    if (range != NULL && sst_emu_schema_attr_pos(t, range) < 0)
        return invalid(err, MSG_RANGE_UNDEFINED);
    sst_emu_schema_build_key(t, ks, &t->key);
    return SST_OK;
}

static enum sst_code
allocate_indexes(const struct json_object *req, struct sst_emu_table *t,
                 struct sst_err *err)
{
    size_t n = sst_emu_list_len(sst_emu_get(req, "LocalSecondaryIndexes")) +
               sst_emu_list_len(sst_emu_get(req, "GlobalSecondaryIndexes"));

    /* Counts are checked later, in DynamoDB's order; cap the allocation
     * so that a huge list fails there, not here. */
    if (n > SST_EMU_MAX_LSIS + SST_EMU_MAX_GSIS + 1)
        n = SST_EMU_MAX_LSIS + SST_EMU_MAX_GSIS + 1;
    if (n == 0)
        return SST_OK;
    t->indexes = sst_calloc(n, sizeof *t->indexes);
    return t->indexes ? SST_OK : sst_emu_nomem(err);
}

enum sst_code
sst_emu_schema_create_table(const struct json_object *req,
                            struct sst_emu_table **out, struct sst_err *err)
{
    struct sst_emu_table *t;
    enum sst_code rc;
    bool dp;

    *out = NULL;
    t = sst_emu_table_new();
    if (t == NULL)
        return sst_emu_nomem(err);
    rc = billing_and_name(req, t, err);
    if (rc == SST_OK)
        rc = table_key(req, t, err);
    if (rc == SST_OK)
        rc = allocate_indexes(req, t, err);
    if (rc == SST_OK)
        rc = sst_emu_schema_local_indexes(req, t, err);
    if (rc == SST_OK)
        rc = sst_emu_schema_global_indexes(req, t, err);
    if (rc == SST_OK)
        rc = projected_total(t, err);
    if (rc == SST_OK)
        rc = all_attributes_used(t, err);
    if (rc == SST_OK)
        rc = table_throughput(req, t, err);
    if (rc != SST_OK) {
        sst_emu_table_free(t);
        return rc;
    }
    if (sst_emu_get_bool(req, "DeletionProtectionEnabled", &dp))
        t->deletion_protection = dp;
    *out = t;
    return SST_OK;
}
