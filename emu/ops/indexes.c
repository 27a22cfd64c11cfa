/*
 * emu/ops/indexes.c - the rules of local and global secondary indexes:
 * steps 6 and 7 of CreateTable's validation (the order is in schema.c),
 * and the projection rules both kinds share. UpdateTable's index creation
 * will use the same rules.
 */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/mem.h>

#include "emu/ops/common.h"
#include "emu/ops/schema.h"

/* DynamoDB's messages. */
#define MSG_LSI_ON_HASH_TABLE                                                  \
    "Local Secondary indices are not allowed on hash tables, only hash and "   \
    "range tables"
#define MSG_LSI_COUNT                                                          \
    "Cannot have more than 5 local secondary indexes per table"
#define MSG_LSI_DUPLICATE "Two local secondary indices have the same name"
#define MSG_LSI_HASH                                                           \
    "Local Secondary indices must have the same hash key as the main table"
#define MSG_LSI_NO_RANGE "Local secondary indices must have a range key"
#define MSG_LSI_RANGE_UNDEFINED                                                \
    "Local Secondary Index range key not specified in Attribute "              \
    "Definitions.Type unknown."
#define MSG_GSI_EMPTY "GSI list is empty/invalid"
#define MSG_GSI_LSI_SAME_NAME                                                  \
    "Local Secondary Indices AND Global Secondary Indices must have "          \
    "different names"
#define MSG_GSI_UNITS_MIN                                                      \
    "Global Secondary Index's read and write throughput must be at least "     \
    "1, and cannot be null"
#define MSG_GSI_UNITS_MAX                                                      \
    "Cannot increase provisioned throughput to more than 40,000 units per "    \
    "global secondary index"
#define MSG_GSI_DUPLICATE "Two global secondary indices have the same name"
#define MSG_NO_PROJECTION "Indexes must have a projection specified"
#define MSG_PROJECTION_TYPE "Projection type must be INCLUDE, ALL, or KEYS_ONLY"
#define MSG_INCLUDE_NEEDS_ATTRS                                                \
    "If Projection type INCLUDE is specified, some non-key attributes to "     \
    "include in the projection must be specified as well"
#define MSG_ATTRS_NEED_INCLUDE                                                 \
    "No attributes should be specified to be projected unless projection "     \
    "type is INCLUDE"
#define MSG_AWS_PPR_GSI_THROUGHPUT                                             \
    "One or more parameter values were invalid: ProvisionedThroughput "        \
    "should not be specified for index: %s when BillingMode is "               \
    "PAY_PER_REQUEST"

static enum sst_code
invalid(struct sst_err *err, const char *msg)
{
    return sst_err_set(err, SST_E_VALIDATION, "%s", msg);
}

/* ------------------------------------------------------------------ */
/* indexes                                                             */

static enum sst_code
projection(const struct json_object *e, struct sst_emu_index *ix,
           struct sst_err *err)
{
    struct json_object *p = sst_emu_get(e, "Projection"), *nk;
    const char *type = sst_emu_get_string(p, "ProjectionType");
    const char *name;
    size_t n, i, j;

    if (type == NULL)
        return invalid(err, MSG_NO_PROJECTION);
    if (strcmp(type, "ALL") == 0)
        ix->projection = SST_EMU_PROJECTION_ALL;
    else if (strcmp(type, "KEYS_ONLY") == 0)
        ix->projection = SST_EMU_PROJECTION_KEYS_ONLY;
    else if (strcmp(type, "INCLUDE") == 0)
        ix->projection = SST_EMU_PROJECTION_INCLUDE;
    else
        return invalid(err, MSG_PROJECTION_TYPE);
    nk = sst_emu_get(p, "NonKeyAttributes");
    n = sst_emu_list_len(nk);
    if (ix->projection == SST_EMU_PROJECTION_INCLUDE && n == 0)
        return invalid(err, MSG_INCLUDE_NEEDS_ATTRS);
    if (ix->projection != SST_EMU_PROJECTION_INCLUDE && n > 0)
        return invalid(err, MSG_ATTRS_NEED_INCLUDE);
    /* an empty list is described back, as DynamoDB Local does */
    ix->non_key_listed = nk != NULL && n == 0;
    if (n == 0)
        return SST_OK;
    ix->non_key = sst_calloc(n, sizeof *ix->non_key);
    if (ix->non_key == NULL)
        return sst_emu_nomem(err);
    for (i = 0; i < n; i++) {
        struct json_object *v = sst_emu_list_at(nk, i);

        if (v == NULL)
            return invalid(err, SST_EMU_MSG_ATTR_NAME_MISSING);
        name = json_object_get_string(v);
        if (!sst_emu_attr_name_ok(name))
            return invalid(err, SST_EMU_MSG_ATTR_NAME_LEN);
        for (j = 0; j < i; j++)
            if (strcmp(ix->non_key[j], name) == 0)
                return invalid(err, SST_EMU_MSG_SAME_ATTR_NAMES);
        ix->non_key[i] = sst_strdup(name);
        if (ix->non_key[i] == NULL)
            return sst_emu_nomem(err);
        ix->non_key_count = i + 1;
    }
    return SST_OK;
}

/* The name of an index, valid and not used by an earlier one of the same
 * kind (indexes[first..at) of t). */
static enum sst_code
index_name(const struct json_object *e, struct sst_emu_table *t, size_t first,
           size_t at, const char *dup_msg, struct sst_err *err)
{
    const char *name = sst_emu_get_string(e, "IndexName");
    size_t i;

    if (!sst_emu_valid_table_name(name))
        return invalid(err, SST_EMU_MSG_TABLE_NAME);
    for (i = first; i < at; i++)
        if (strcmp(t->indexes[i].name, name) == 0)
            return invalid(err, dup_msg);
    t->indexes[at].name = sst_strdup(name);
    return t->indexes[at].name ? SST_OK : sst_emu_nomem(err);
}

static enum sst_code
local_index(const struct json_object *e, struct sst_emu_table *t, size_t at,
            struct sst_err *err)
{
    struct sst_emu_index *ix = &t->indexes[at];
    struct json_object *ks = sst_emu_get(e, "KeySchema"), *el;
    const char *hash = NULL, *range = NULL;
    size_t i, n;
    enum sst_code rc;

    rc = index_name(e, t, 0, at, MSG_LSI_DUPLICATE, err);
    if (rc == SST_OK)
        rc = projection(e, ix, err);
    if (rc == SST_OK)
        rc = sst_emu_schema_key(ks, SST_EMU_KEY_LSI, "", err);
    if (rc != SST_OK)
        return rc;
    n = sst_emu_list_len(ks);
    for (i = 0; i < n; i++) {
        el = sst_emu_list_at(ks, i);
        if (sst_emu_key_is_hash(el))
            hash = sst_emu_get_string(el, "AttributeName");
        else if (strcmp(sst_emu_get_string(el, "KeyType"), "RANGE") == 0)
            range = sst_emu_get_string(el, "AttributeName");
    }
    if (range == NULL) /* before the hash key, as DynamoDB Local checks */
        return invalid(err, MSG_LSI_NO_RANGE);
    if (strcmp(hash, t->attrs[t->key.hash[0]].name) != 0)
        return invalid(err, MSG_LSI_HASH);
    if (sst_emu_schema_attr_pos(t, range) < 0)
        return invalid(err, MSG_LSI_RANGE_UNDEFINED);
    ix->global = false;
    sst_emu_schema_build_key(t, ks, &ix->key);
    return SST_OK;
}

enum sst_code
sst_emu_schema_local_indexes(const struct json_object *req,
                             struct sst_emu_table *t, struct sst_err *err)
{
    struct json_object *arr = sst_emu_get(req, "LocalSecondaryIndexes");
    size_t n = sst_emu_list_len(arr), i;
    enum sst_code rc;

    if (n == 0)
        return SST_OK; /* DynamoDB Local accepts an empty list */
    if (t->key.range_count == 0)
        return invalid(err, MSG_LSI_ON_HASH_TABLE);
    if (n > SST_EMU_MAX_LSIS)
        return invalid(err, MSG_LSI_COUNT);
    for (i = 0; i < n; i++) {
        struct json_object *e = sst_emu_list_at(arr, i);

        if (e == NULL)
            return sst_err_set(err, SST_E_VALIDATION,
                               SST_EMU_MSG_AWS_NULL_MEMBER,
                               "localSecondaryIndexes", i + 1);
        t->index_count = i + 1;
        rc = local_index(e, t, i, err);
        if (rc != SST_OK)
            return rc;
    }
    return SST_OK;
}

static enum sst_code
global_index(const struct json_object *e, struct sst_emu_table *t, size_t first,
             size_t at, size_t pos, struct sst_err *err)
{
    struct sst_emu_index *ix = &t->indexes[at];
    struct json_object *ks = sst_emu_get(e, "KeySchema");
    struct json_object *pt = sst_emu_get(e, "ProvisionedThroughput");
    const char *name;
    char path[64];
    size_t i, n;
    enum sst_code rc;

    /* index by index, as DynamoDB Local checks: an earlier index's
     * projection fault is reported before a later one's throughput */
    if (pt == NULL && t->billing == SST_EMU_BILLING_PROVISIONED)
        return invalid(err, SST_EMU_MSG_GSI_NO_THROUGHPUT);
    if (pt != NULL && t->billing == SST_EMU_BILLING_PROVISIONED) {
        if (!sst_emu_schema_units(pt, &ix->read_units, &ix->write_units) ||
            ix->read_units < 1 || ix->write_units < 1)
            return invalid(err, MSG_GSI_UNITS_MIN);
        if (ix->read_units > SST_EMU_MAX_UNITS ||
            ix->write_units > SST_EMU_MAX_UNITS)
            return invalid(err, MSG_GSI_UNITS_MAX);
        ix->has_throughput = true;
    }
    rc =
        sst_emu_on_demand_index(e, SST_EMU_OD_TABLE_INDEX, t->billing, ix, err);
    if (rc != SST_OK)
        return rc;
    name = sst_emu_get_string(e, "IndexName");
    for (i = 0; name != NULL && i < first; i++)
        if (strcmp(t->indexes[i].name, name) == 0)
            return invalid(err, MSG_GSI_LSI_SAME_NAME);
    rc = index_name(e, t, first, at, MSG_GSI_DUPLICATE, err);
    if (rc == SST_OK)
        rc = projection(e, ix, err);
    snprintf(path, sizeof path, "globalSecondaryIndexes.%zu.member.", pos);
    if (rc == SST_OK)
        rc = sst_emu_schema_key(ks, SST_EMU_KEY_GSI, path, err);
    if (rc != SST_OK)
        return rc;
    n = sst_emu_list_len(ks);
    for (i = 0; i < n; i++) {
        name = sst_emu_get_string(sst_emu_list_at(ks, i), "AttributeName");
        if (sst_emu_schema_attr_pos(t, name) < 0)
            return sst_err_set(err, SST_E_VALIDATION,
                               "Attribute %s is not defined in "
                               "AttributeDefinitions",
                               name);
    }
    ix->global = true;
    sst_emu_schema_build_key(t, ks, &ix->key);
    return SST_OK;
}

/* Step 7 up to the per-index checks: counts, throughput on a
 * PAY_PER_REQUEST table. */
static enum sst_code
global_index_list(const struct json_object *arr, const struct sst_emu_table *t,
                  struct sst_err *err)
{
    size_t n = sst_emu_list_len(arr), i;
    struct json_object *e;
    const char *name;

    if (n == 0)
        return invalid(err, MSG_GSI_EMPTY);
    if (n > SST_EMU_MAX_GSIS)
        return invalid(err, SST_EMU_MSG_GSI_COUNT);
    for (i = 0; i < n; i++) {
        e = sst_emu_list_at(arr, i);
        if (e == NULL)
            continue;
        if (t->billing == SST_EMU_BILLING_PAY_PER_REQUEST &&
            sst_emu_get(e, "ProvisionedThroughput") != NULL) {
            name = sst_emu_get_string(e, "IndexName");
            return sst_err_set(err, SST_E_VALIDATION,
                               MSG_AWS_PPR_GSI_THROUGHPUT,
                               name ? name : "null");
        }
    }
    return SST_OK;
}

enum sst_code
sst_emu_schema_global_indexes(const struct json_object *req,
                              struct sst_emu_table *t, struct sst_err *err)
{
    struct json_object *arr = sst_emu_get(req, "GlobalSecondaryIndexes");
    size_t lsis = t->index_count, n = sst_emu_list_len(arr), i;
    enum sst_code rc;

    if (arr == NULL)
        return SST_OK;
    rc = global_index_list(arr, t, err);
    if (rc != SST_OK)
        return rc;
    for (i = 0; i < n; i++) {
        struct json_object *e = sst_emu_list_at(arr, i);

        if (e == NULL)
            return sst_err_set(err, SST_E_VALIDATION,
                               SST_EMU_MSG_AWS_NULL_MEMBER,
                               "globalSecondaryIndexes", i + 1);
        t->index_count = lsis + i + 1;
        rc = global_index(e, t, lsis, lsis + i, i + 1, err);
        if (rc != SST_OK)
            return rc;
    }
    return SST_OK;
}

/* ------------------------------------------------------------------ */
/* shared with UpdateTable                                             */

enum sst_code
sst_emu_schema_projection(const struct json_object *e, struct sst_emu_index *ix,
                          struct sst_err *err)
{
    return projection(e, ix, err);
}

enum sst_code
sst_emu_schema_gsi_throughput(const struct json_object *e,
                              enum sst_emu_billing billing,
                              struct sst_emu_index *ix, struct sst_err *err)
{
    struct json_object *pt = sst_emu_get(e, "ProvisionedThroughput");
    const char *name = sst_emu_get_string(e, "IndexName");

    if (billing == SST_EMU_BILLING_PAY_PER_REQUEST)
        return pt == NULL ? SST_OK
                          : sst_err_set(err, SST_E_VALIDATION,
                                        MSG_AWS_PPR_GSI_THROUGHPUT,
                                        name ? name : "null");
    if (pt == NULL)
        return invalid(err, SST_EMU_MSG_GSI_NO_THROUGHPUT);
    if (!sst_emu_schema_units(pt, &ix->read_units, &ix->write_units) ||
        ix->read_units < 1 || ix->write_units < 1)
        return invalid(err, MSG_GSI_UNITS_MIN);
    if (ix->read_units > SST_EMU_MAX_UNITS ||
        ix->write_units > SST_EMU_MAX_UNITS)
        return invalid(err, MSG_GSI_UNITS_MAX);
    ix->has_throughput = true;
    return SST_OK;
}
