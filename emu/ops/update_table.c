/*
 * emu/ops/update_table.c - UpdateTable.
 *
 * Changes a table in one write transaction: its billing mode and
 * provisioned throughput (with the increase and decrease times DynamoDB
 * describes), its OnDemandThroughput (on_demand.c), the throughput of
 * its global secondary indexes, deletion
 * protection, and the creation or deletion of one global secondary index.
 * A created index is filled from the table's items (backfilled) before
 * the call returns, leaving out the items whose index key attributes have
 * the wrong type or an empty value, as DynamoDB does; the answer shows it
 * CREATING, as AWS does, and DescribeTable ACTIVE from then on. A deleted
 * index's rows go at once; the answer shows it DELETING. Attribute
 * definitions follow the key schemas: a created index's key attributes
 * are added, and a definition no key uses any more is dropped.
 *
 * Checks, in DynamoDB Local's order where it answers (it fails with HTTP
 * 500 on several of these requests; the emulator then answers as AWS
 * documents): JSON shape; TableName; the table exists; something to
 * update; BillingMode; the index actions (one Create or Delete at most,
 * the names, then in the list's order an Update's throughput and a
 * Delete's index, then the created index); billing and throughput.
 */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/emu.h>
#include <sst/mem.h>

#include "emu/expr/jorder.h"
#include "emu/ops/common.h"
#include "emu/ops/ops.h"
#include "emu/ops/schema.h"
#include "emu/ops/streams.h"
#include "emu/ops/table_request.h"
#include "emu/ops/writes.h"
#include "emu/store/catalog.h"
#include "emu/store/rows.h"

#define DAY_MS (86400LL * 1000)

#define MSG_NOTHING "Nothing to update"
#define MSG_NO_STREAM "Table has no stream to disable"
#define MSG_STREAM_ENABLED "Table already has an enabled stream"
#define MSG_IOPS_AND_STREAMS "Cannot change IOPS and Streams at the same time."
#define MSG_ONE_INDEX                                                          \
    "Subscriber limit exceeded: Only 1 online index can be created or "       \
    "deleted simultaneously per table"
#define MSG_ACTION_NULL "Update global secondary index action is null"
#define MSG_SAME_INDEX                                                         \
    "Only one global secondary index update per index is allowed "            \
    "simultaneously."
#define MSG_INDEX_NAME "Invalid global secondary index name"
#define MSG_INDEX_EXISTS "Attempting to create an index which already exists"
#define MSG_NOT_FOUND "Requested resource not found"
#define MSG_DELETE_LOCAL                                                       \
    "Cannot delete an index that is not a GlobalSecondaryIndex"
#define MSG_SAME_THROUGHPUT                                                    \
    "The requested throughput value equals the current value"

#define S(n) {n, SST_EMU_SHAPE_STRING, NULL}
#define B(n) {n, SST_EMU_SHAPE_BOOLEAN, NULL}
#define END {NULL, SST_EMU_SHAPE_STRING, NULL}

static const struct sst_emu_shape gsi_update[] = {
    S("IndexName"),
    {"ProvisionedThroughput", SST_EMU_SHAPE_STRUCT, sst_emu_shape_throughput},
    {"OnDemandThroughput", SST_EMU_SHAPE_STRUCT, sst_emu_shape_on_demand},
    {"WarmThroughput", SST_EMU_SHAPE_STRUCT, sst_emu_shape_warm},
    END};
static const struct sst_emu_shape gsi_delete[] = {S("IndexName"), END};
static const struct sst_emu_shape gsi_action[] = {
    {"Update", SST_EMU_SHAPE_STRUCT, gsi_update},
    {"Create", SST_EMU_SHAPE_STRUCT, sst_emu_shape_gsi},
    {"Delete", SST_EMU_SHAPE_STRUCT, gsi_delete},
    END};
static const struct sst_emu_shape gsi_action_elem = {"", SST_EMU_SHAPE_STRUCT,
                                                     gsi_action};
static const struct sst_emu_shape stream[] = {B("StreamEnabled"),
                                              S("StreamViewType"), END};
static const struct sst_emu_shape sse[] = {B("Enabled"), S("SSEType"),
                                           S("KMSMasterKeyId"), END};
static const struct sst_emu_shape request[] = {
    {"AttributeDefinitions", SST_EMU_SHAPE_LIST, &sst_emu_shape_attr_def_elem},
    S("TableName"),
    S("BillingMode"),
    {"ProvisionedThroughput", SST_EMU_SHAPE_STRUCT, sst_emu_shape_throughput},
    {"GlobalSecondaryIndexUpdates", SST_EMU_SHAPE_LIST, &gsi_action_elem},
    {"StreamSpecification", SST_EMU_SHAPE_STRUCT, stream},
    {"SSESpecification", SST_EMU_SHAPE_STRUCT, sse},
    S("TableClass"),
    B("DeletionProtectionEnabled"),
    {"OnDemandThroughput", SST_EMU_SHAPE_STRUCT, sst_emu_shape_on_demand},
    {"WarmThroughput", SST_EMU_SHAPE_STRUCT, sst_emu_shape_warm},
    END};

/* What the request does to the indexes. */
struct change {
    struct json_object *create; /* the Create action, or NULL       */
    const char *deleted;        /* the deleted index's name, or NULL */
    struct json_object *deleted_desc; /* its description, before    */
    const char *created;        /* the created index's name          */
    bool stream_spec;           /* a StreamSpecification was given   */
    bool stream_on;             /* its StreamEnabled                 */
    enum sst_emu_stream_view stream_view;
};

static enum sst_code
invalid(struct sst_err *err, const char *msg)
{
    return sst_err_set(err, SST_E_VALIDATION, "%s", msg);
}

/* ------------------------------------------------------------------ */
/* request-level checks                                                */

static bool
something_to_update(const struct json_object *req)
{
    static const char *const members[] = {
        "ProvisionedThroughput", "BillingMode",        "StreamSpecification",
        "SSESpecification",      "DeletionProtectionEnabled",
        "OnDemandThroughput",    "WarmThroughput",     NULL};
    size_t i;

    for (i = 0; members[i] != NULL; i++)
        if (sst_emu_get(req, members[i]) != NULL)
            return true;
    return sst_emu_list_len(sst_emu_get(req, "GlobalSecondaryIndexUpdates")) >
           0;
}

/* The index an action names. */
static const char *
action_index(const struct json_object *e)
{
    static const char *const kinds[] = {"Create", "Update", "Delete"};
    const char *name;
    size_t i;

    for (i = 0; i < 3; i++)
        if ((name = sst_emu_get_string(sst_emu_get(e, kinds[i]),
                                       "IndexName")) != NULL)
            return name;
    return NULL;
}

/* Whether two actions name the same index. */
static bool
named_twice(const struct json_object *arr)
{
    size_t n = sst_emu_list_len(arr), i, j;
    const char *a, *b;

    for (i = 1; i < n; i++)
        for (j = 0; j < i; j++) {
            a = action_index(sst_emu_list_at(arr, i));
            b = action_index(sst_emu_list_at(arr, j));
            if (a != NULL && b != NULL && strcmp(a, b) == 0)
                return true;
        }
    return false;
}

static enum sst_code
check_request(const struct json_object *req, struct change *c,
              struct sst_err *err)
{
    struct json_object *arr = sst_emu_get(req, "GlobalSecondaryIndexUpdates");
    struct json_object *e;
    const char *billing = sst_emu_get_string(req, "BillingMode");
    size_t i, online = 0;

    if (!something_to_update(req))
        return invalid(err, MSG_NOTHING);
    if (billing != NULL && strcmp(billing, "PROVISIONED") != 0 &&
        strcmp(billing, "PAY_PER_REQUEST") != 0)
        return sst_err_set(err, SST_E_VALIDATION,
                           SST_EMU_MSG_AWS_BILLING_ENUM, billing);
    for (i = 0; i < sst_emu_list_len(arr); i++) {
        e = sst_emu_list_at(arr, i);
        online += sst_emu_get(e, "Create") != NULL;
        online += sst_emu_get(e, "Delete") != NULL;
        if (sst_emu_get(e, "Create") != NULL)
            c->create = sst_emu_get(e, "Create");
    }
    if (named_twice(arr))
        return invalid(err, MSG_SAME_INDEX);
    if (online > 1)
        return sst_err_set(err, SST_E_LIMIT_EXCEEDED, MSG_ONE_INDEX);
    for (i = 0; i < sst_emu_list_len(arr); i++) {
        e = sst_emu_list_at(arr, i);
        if (sst_emu_get(e, "Create") == NULL &&
            sst_emu_get(e, "Delete") == NULL &&
            sst_emu_get(e, "Update") == NULL)
            return invalid(err, MSG_ACTION_NULL);
    }
    return SST_OK;
}

/* The StreamSpecification, checked after the throughput and the index
 * actions, as DynamoDB Local checks it: a change of the table's
 * throughput (valid, and not the current one, since billing() passed)
 * cannot come with one, whatever it says; then the specification itself.
 * A BillingMode alone may. */
static enum sst_code
stream_request(const struct json_object *req, struct change *c,
               struct sst_err *err)
{
    struct json_object *spec = sst_emu_get(req, "StreamSpecification");

    if (spec != NULL && sst_emu_get(req, "ProvisionedThroughput") != NULL)
        return invalid(err, MSG_IOPS_AND_STREAMS);
    return sst_emu_stream_spec(spec, &c->stream_spec, &c->stream_on,
                               &c->stream_view, err);
}

/* ------------------------------------------------------------------ */
/* billing and throughput                                              */

static enum sst_code
table_units(const struct json_object *pt, int64_t *r, int64_t *w,
            struct sst_err *err)
{
    if (pt == NULL)
        return invalid(err, SST_EMU_MSG_TABLE_NO_THROUGHPUT);
    if (!sst_emu_schema_units(pt, r, w) || *r < 1 || *w < 1)
        return invalid(err, SST_EMU_MSG_TABLE_UNITS_MIN);
    if (*r > SST_EMU_MAX_UNITS || *w > SST_EMU_MAX_UNITS)
        return invalid(err, SST_EMU_MSG_TABLE_UNITS_MAX);
    return SST_OK;
}

/* Record the increase and decrease times DynamoDB describes. */
static void
track_change(struct sst_emu_table *t, int64_t old_r, int64_t old_w,
             int64_t r, int64_t w, int64_t now)
{
    if (r > old_r || w > old_w)
        t->last_increase_ms = now;
    if (r < old_r || w < old_w) {
        if (t->last_decrease_ms / DAY_MS != now / DAY_MS)
            t->decreases_today = 0;
        t->decreases_today++;
        t->last_decrease_ms = now;
    }
}

/* Whether an Update action gives index name its throughput. */
static bool
index_gets_throughput(const struct json_object *req, const char *name)
{
    struct json_object *arr = sst_emu_get(req, "GlobalSecondaryIndexUpdates");
    struct json_object *u;
    size_t i;

    for (i = 0; i < sst_emu_list_len(arr); i++) {
        u = sst_emu_get(sst_emu_list_at(arr, i), "Update");
        if (u != NULL && sst_emu_get_string(u, "IndexName") != NULL &&
            strcmp(sst_emu_get_string(u, "IndexName"), name) == 0 &&
            sst_emu_get(u, "ProvisionedThroughput") != NULL)
            return true;
    }
    return false;
}

static enum sst_code
billing(const struct json_object *req, struct sst_emu_table *t, int64_t now,
        struct sst_err *err)
{
    const char *mode = sst_emu_get_string(req, "BillingMode");
    struct json_object *pt = sst_emu_get(req, "ProvisionedThroughput");
    bool ppr = mode ? strcmp(mode, "PAY_PER_REQUEST") == 0
                    : t->billing == SST_EMU_BILLING_PAY_PER_REQUEST;
    int64_t r, w;
    enum sst_code rc;
    bool gsis_first;
    size_t i;

    if (ppr) {
        if (pt != NULL)
            return invalid(err, SST_EMU_MSG_AWS_PPR_THROUGHPUT);
        /* global indexes keep their throughput, described still, as
         * DynamoDB Local does (a switch back to PROVISIONED that gives an
         * index the same units is refused) */
        if (t->billing == SST_EMU_BILLING_PROVISIONED) {
            t->billing = SST_EMU_BILLING_PAY_PER_REQUEST;
            t->read_units = t->write_units = 0;
            t->ppr_ms = now;
        }
        return SST_OK;
    }
    if (t->billing == SST_EMU_BILLING_PAY_PER_REQUEST) {
        /* With index actions, DynamoDB Local checks every global index
         * (its throughput first) before the table's throughput; without,
         * after. An index that kept its throughput from an earlier
         * PROVISIONED spell needs none, as in DynamoDB Local. */
        gsis_first = sst_emu_list_len(
                         sst_emu_get(req, "GlobalSecondaryIndexUpdates")) > 0;
        rc = gsis_first ? SST_OK : table_units(pt, &r, &w, err);
        for (i = 0; rc == SST_OK && i < t->index_count; i++)
            if (t->indexes[i].global && !t->indexes[i].has_throughput &&
                !index_gets_throughput(req, t->indexes[i].name))
                rc = invalid(err, SST_EMU_MSG_GSI_NO_THROUGHPUT);
        if (rc == SST_OK && gsis_first)
            rc = table_units(pt, &r, &w, err);
        if (rc != SST_OK)
            return rc;
        t->billing = SST_EMU_BILLING_PROVISIONED;
        t->read_units = r;
        t->write_units = w;
        return SST_OK;
    }
    if (pt == NULL)
        return SST_OK;
    rc = table_units(pt, &r, &w, err);
    if (rc != SST_OK)
        return rc;
    if (r == t->read_units && w == t->write_units)
        return invalid(err, MSG_SAME_THROUGHPUT);
    track_change(t, t->read_units, t->write_units, r, w, now);
    t->read_units = r;
    t->write_units = w;
    return SST_OK;
}

/* The index names of the actions, in the list's order, checked before
 * anything else of them, as DynamoDB Local checks them: an Update names
 * a global index of the table, a Create a name that is not taken. */
static enum sst_code
update_names(const struct json_object *req, const struct sst_emu_table *t,
             struct sst_err *err)
{
    struct json_object *arr = sst_emu_get(req, "GlobalSecondaryIndexUpdates");
    const struct sst_emu_index *ix;
    struct json_object *e, *u;
    const char *name;
    size_t i;

    for (i = 0; i < sst_emu_list_len(arr); i++) {
        e = sst_emu_list_at(arr, i);
        if ((u = sst_emu_get(e, "Create")) != NULL) {
            name = sst_emu_get_string(u, "IndexName");
            if (name == NULL || *name == '\0')
                return invalid(err, MSG_INDEX_NAME);
            if (sst_emu_table_index(t, name) != NULL)
                return invalid(err, MSG_INDEX_EXISTS);
        } else if ((u = sst_emu_get(e, "Update")) != NULL) {
            name = sst_emu_get_string(u, "IndexName");
            ix = name != NULL ? sst_emu_table_index(t, name) : NULL;
            if (ix == NULL || !ix->global)
                return invalid(err, MSG_INDEX_NAME);
        }
    }
    return SST_OK;
}

/* An Update action: the throughput of an existing global index, under
 * the billing mode the request leaves the table in (OnDemandThroughput
 * when PAY_PER_REQUEST). */
static enum sst_code
update_action(const struct json_object *u, enum sst_emu_billing billing,
              struct sst_emu_table *t, struct sst_err *err)
{
    const char *name = sst_emu_get_string(u, "IndexName");
    struct sst_emu_index *ix;
    enum sst_code rc;
    int64_t r, w;
    bool had;

    if (name == NULL)
        return invalid(err, MSG_INDEX_NAME);
    ix = (struct sst_emu_index *)sst_emu_table_index(t, name);
    if (ix == NULL || !ix->global) /* as DynamoDB Local answers */
        return invalid(err, MSG_INDEX_NAME);
    had = ix->has_throughput;
    r = ix->read_units;
    w = ix->write_units;
    rc = sst_emu_schema_gsi_throughput(u, billing, ix, err);
    if (rc == SST_OK)
        rc = sst_emu_on_demand_index(u, SST_EMU_OD_UPDATED, billing, ix, err);
    if (rc == SST_OK && billing == SST_EMU_BILLING_PROVISIONED && had &&
        r == ix->read_units && w == ix->write_units)
        rc = invalid(err, MSG_SAME_THROUGHPUT);
    return rc;
}

/* ------------------------------------------------------------------ */
/* attribute definitions                                               */

static void
remap(struct sst_emu_key_schema *ks, const unsigned *map)
{
    unsigned i;

    for (i = 0; i < ks->hash_count; i++)
        ks->hash[i] = map[ks->hash[i]];
    for (i = 0; i < ks->range_count; i++)
        ks->range[i] = map[ks->range[i]];
}

/* Drop the definitions no key schema uses, keeping the others' order. */
static enum sst_code
drop_unused_attrs(struct sst_emu_table *t, struct sst_err *err)
{
    unsigned *map;
    size_t a, i, n = 0;

    map = sst_malloc((t->attr_count + 1) * sizeof *map);
    if (map == NULL)
        return sst_emu_nomem(err);
    for (a = 0; a < t->attr_count; a++) {
        if (!sst_emu_schema_attr_used(t, a)) {
            sst_free(t->attrs[a].name);
            continue;
        }
        map[a] = (unsigned)n;
        t->attrs[n++] = t->attrs[a];
    }
    t->attr_count = n;
    remap(&t->key, map);
    for (i = 0; i < t->index_count; i++)
        remap(&t->indexes[i].key, map);
    sst_free(map);
    return SST_OK;
}

/* The type of definition e, whose AttributeType
 * sst_emu_schema_added_attrs() checked. */
static enum sst_emu_attr_type
attr_type(const struct json_object *e)
{
    const char *type = sst_emu_get_string(e, "AttributeType");

    return type[0] == 'S'   ? SST_EMU_ATTR_S
           : type[0] == 'N' ? SST_EMU_ATTR_N
                            : SST_EMU_ATTR_B;
}

/* Whether the list of objects arr names name (member "AttributeName")
 * at position from or after it. */
static bool
named_from(const struct json_object *arr, size_t from, const char *name)
{
    const char *n;
    size_t i;

    for (i = from; i < sst_emu_list_len(arr); i++) {
        n = sst_emu_get_string(sst_emu_list_at(arr, i), "AttributeName");
        if (n != NULL && strcmp(n, name) == 0)
            return true;
    }
    return false;
}

/* The definitions, checked, that the created index's key schema ks uses
 * and the table lacks are added to it (DynamoDB keeps only those). Of two
 * definitions of one name, the last counts, as in DynamoDB Local. */
static enum sst_code
add_attrs(const struct json_object *req, const struct json_object *ks,
          struct sst_emu_table *t, struct sst_err *err)
{
    struct json_object *defs = sst_emu_get(req, "AttributeDefinitions");
    size_t n = sst_emu_list_len(defs), i;
    struct sst_emu_attr *bigger;
    const char *name;

    for (i = 0; i < n; i++) {
        struct json_object *e = sst_emu_list_at(defs, i);

        name = sst_emu_get_string(e, "AttributeName");
        if (sst_emu_table_attr(t, name) != NULL || !named_from(ks, 0, name) ||
            named_from(defs, i + 1, name))
            continue;
        bigger = sst_realloc(t->attrs, (t->attr_count + 1) * sizeof *bigger);
        if (bigger == NULL)
            return sst_emu_nomem(err);
        t->attrs = bigger;
        t->attrs[t->attr_count].name = sst_strdup(name);
        if (t->attrs[t->attr_count].name == NULL)
            return sst_emu_nomem(err);
        t->attrs[t->attr_count++].type = attr_type(e);
    }
    return SST_OK;
}

/* ------------------------------------------------------------------ */
/* index creation and deletion                                         */

/* Whether every key attribute of ks is in the request's definitions or
 * the table's (DynamoDB Local takes a table's definition of an attribute
 * the request leaves out). */
static enum sst_code
keys_defined(const struct json_object *req, const struct json_object *ks,
             const struct sst_emu_table *t, struct sst_err *err)
{
    struct json_object *defs = sst_emu_get(req, "AttributeDefinitions");
    size_t i, n = sst_emu_list_len(ks);
    const char *name;

    for (i = 0; i < n; i++) {
        name = sst_emu_get_string(sst_emu_list_at(ks, i), "AttributeName");
        if (!named_from(defs, 0, name) && sst_emu_table_attr(t, name) == NULL)
            return sst_err_set(err, SST_E_VALIDATION,
                               "Attribute %s is not defined in "
                               "AttributeDefinitions",
                               name);
    }
    return SST_OK;
}

static size_t
count_global(const struct sst_emu_table *t)
{
    size_t i, n = 0;

    for (i = 0; i < t->index_count; i++)
        n += t->indexes[i].global;
    return n;
}

static enum sst_code
create_index(const struct json_object *req, const struct json_object *cr,
             enum sst_emu_billing billing, struct sst_emu_table *t,
             struct sst_err *err)
{
    struct json_object *ks = sst_emu_get(cr, "KeySchema");
    const char *name = sst_emu_get_string(cr, "IndexName");
    struct sst_emu_index *ix, *bigger;
    size_t i, projected = 0;
    enum sst_code rc;

    /* DynamoDB Local's order: the name's presence, the index's
     * existence, the definitions (an empty list is none), the throughput,
     * then the rest of the index */
    if (name == NULL || *name == '\0')
        return invalid(err, MSG_INDEX_NAME);
    if (sst_emu_table_index(t, name) != NULL)
        return invalid(err, MSG_INDEX_EXISTS);
    if (sst_emu_list_len(sst_emu_get(req, "AttributeDefinitions")) == 0)
        return invalid(err, SST_EMU_MSG_NO_ATTRS);
    rc = sst_emu_schema_added_attrs(req, t, err);
    if (rc != SST_OK)
        return rc;
    bigger = sst_realloc(t->indexes, (t->index_count + 1) * sizeof *bigger);
    if (bigger == NULL)
        return sst_emu_nomem(err);
    t->indexes = bigger;
    ix = &t->indexes[t->index_count++];
    memset(ix, 0, sizeof *ix);
    ix->name = sst_strdup(name);
    if (ix->name == NULL)
        return sst_emu_nomem(err);
    rc = sst_emu_schema_gsi_throughput(cr, billing, ix, err);
    if (rc == SST_OK)
        rc = sst_emu_on_demand_index(cr, SST_EMU_OD_CREATED, billing, ix, err);
    if (rc == SST_OK && !sst_emu_valid_table_name(name))
        rc = invalid(err, SST_EMU_MSG_TABLE_NAME);
    if (rc == SST_OK && count_global(t) >= SST_EMU_MAX_GSIS)
        rc = invalid(err, SST_EMU_MSG_GSI_COUNT);
    if (rc == SST_OK)
        rc = sst_emu_schema_projection(cr, ix, err);
    if (rc == SST_OK)
        rc = sst_emu_schema_key(ks, SST_EMU_KEY_GSI,
                                "globalSecondaryIndexUpdates.1.member.create.",
                                err);
    if (rc == SST_OK)
        rc = keys_defined(req, ks, t, err);
    if (rc == SST_OK)
        rc = add_attrs(req, ks, t, err);
    if (rc != SST_OK)
        return rc;
    for (i = 0; i < t->index_count; i++)
        projected += t->indexes[i].non_key_count;
    if (projected > SST_EMU_MAX_PROJECTED)
        return invalid(err, SST_EMU_MSG_PROJECTED_TOTAL);
    ix->global = true;
    ix->id = t->next_index_id++;
    sst_emu_schema_build_key(t, ks, &ix->key);
    return SST_OK;
}

/* Remove index number at from t (its rows are dropped by the caller). */
static void
remove_index(struct sst_emu_table *t, size_t at)
{
    struct sst_emu_index *ix = &t->indexes[at];
    size_t i;

    sst_free(ix->name);
    for (i = 0; i < ix->non_key_count; i++)
        sst_free(ix->non_key[i]);
    sst_free(ix->non_key);
    memmove(ix, ix + 1, (t->index_count - at - 1) * sizeof *ix);
    t->index_count--;
}

/* The description of one global index of a table, from a description. */
static struct json_object *
find_index(struct json_object *desc, const char *name)
{
    struct json_object *arr = NULL, *e, *n;
    size_t i;

    json_object_object_get_ex(desc, "GlobalSecondaryIndexes", &arr);
    for (i = 0; arr != NULL && i < json_object_array_length(arr); i++) {
        e = json_object_array_get_idx(arr, i);
        if (json_object_object_get_ex(e, "IndexName", &n) &&
            strcmp(json_object_get_string(n), name) == 0)
            return e;
    }
    return NULL;
}

/* The index actions, checked before the table's billing and throughput,
 * as DynamoDB Local checks them: first in the list's order an Update's
 * throughput and a Delete's index; then the index deleted, and the index
 * created, which gets the rules of billing, the mode the request leaves
 * the table in. */
static enum sst_code
index_actions(struct sst_emu_txn *txn, const struct json_object *req,
              enum sst_emu_billing billing, struct sst_emu_table *t,
              struct change *c, struct sst_err *err)
{
    struct json_object *arr = sst_emu_get(req, "GlobalSecondaryIndexUpdates");
    struct json_object *d, *u, *e;
    const struct sst_emu_index *ix = NULL;
    enum sst_code rc = SST_OK;
    size_t i;

    for (i = 0; rc == SST_OK && i < sst_emu_list_len(arr); i++) {
        e = sst_emu_list_at(arr, i);
        if ((u = sst_emu_get(e, "Update")) != NULL) {
            rc = update_action(u, billing, t, err);
        } else if ((d = sst_emu_get(e, "Delete")) != NULL &&
                   c->deleted == NULL) {
            c->deleted = sst_emu_get_string(d, "IndexName");
            if (c->deleted == NULL)
                return invalid(err, MSG_INDEX_NAME);
            ix = sst_emu_table_index(t, c->deleted);
            if (ix == NULL)
                return sst_err_set(err, SST_E_NOT_FOUND, MSG_NOT_FOUND);
            if (!ix->global)
                return invalid(err, MSG_DELETE_LOCAL);
        }
    }
    if (rc == SST_OK && ix != NULL) {
        rc = sst_emu_table_description(txn, t, "ACTIVE", &e, err);
        if (rc != SST_OK)
            return rc;
        c->deleted_desc = json_object_get(find_index(e, c->deleted));
        json_object_put(e);
        rc = sst_emu_rows_drop_index(txn, t->id, ix->id, err);
        if (rc != SST_OK)
            return rc;
        remove_index(t, (size_t)(ix - t->indexes));
        rc = drop_unused_attrs(t, err);
    }
    if (rc == SST_OK && c->create != NULL) {
        rc = create_index(req, c->create, billing, t, err);
        if (rc == SST_OK)
            c->created = t->indexes[t->index_count - 1].name;
    }
    return rc;
}

/* The billing mode the request leaves table t in (its BillingMode, which
 * check_request() found valid, else t's). */
static enum sst_emu_billing
target_billing(const struct json_object *req, const struct sst_emu_table *t)
{
    const char *mode = sst_emu_get_string(req, "BillingMode");

    if (mode == NULL)
        return t->billing;
    return strcmp(mode, "PAY_PER_REQUEST") == 0
               ? SST_EMU_BILLING_PAY_PER_REQUEST
               : SST_EMU_BILLING_PROVISIONED;
}

/* ------------------------------------------------------------------ */
/* the answer                                                          */

/* A created index is shown CREATING, without sizes yet. */
static bool
show_creating(struct json_object *desc, const char *name)
{
    struct json_object *arr, *old = find_index(desc, name), *now;
    size_t i;

    if (old == NULL)
        return true;
    now = json_object_new_object();
    if (now == NULL)
        return false;
    json_object_object_foreach(old, k, v)
    {
        if (strcmp(k, "IndexSizeBytes") == 0 || strcmp(k, "ItemCount") == 0)
            continue;
        if (strcmp(k, "IndexStatus") == 0) {
            if (json_object_object_add(now, k,
                                       json_object_new_string("CREATING")) ||
                json_object_object_add(now, "Backfilling",
                                       json_object_new_boolean(0)))
                goto fail;
            continue;
        }
        if (json_object_object_add(now, k, json_object_get(v)) != 0)
            goto fail;
    }
    json_object_object_get_ex(desc, "GlobalSecondaryIndexes", &arr);
    for (i = 0; i < json_object_array_length(arr); i++)
        if (json_object_array_get_idx(arr, i) == old)
            return json_object_array_put_idx(arr, i, now) == 0;
fail:
    json_object_put(now);
    return false;
}

/* Put the indexes of arr back in a java.util.HashMap's order of their
 * names (the deleted one, last in arr, among them), as DynamoDB Local
 * lists an index it is deleting with the others. */
static bool
hash_order(struct json_object *arr)
{
    size_t n = json_object_array_length(arr), i, j, kept = 0;
    struct json_object **was;
    struct sst_emu_jname *names;
    bool ok;

    names = sst_calloc(n + 1, sizeof *names);
    was = sst_calloc(n + 1, sizeof *was);
    ok = names != NULL && was != NULL;
    for (i = 0; ok && i < n; i++) {
        was[i] = json_object_get(json_object_array_get_idx(arr, i));
        names[i].s = json_object_get_string(
            json_object_object_get(was[i], "IndexName"));
        names[i].len = strlen(names[i].s);
    }
    ok = ok && sst_emu_java_hash_order(names, n, &kept) == 0 && kept == n;
    /* names[j].s points into the name of the index that goes at j */
    for (j = 0; ok && j < n; j++)
        for (i = 0; i < n; i++) {
            if (was[i] == NULL ||
                names[j].s != json_object_get_string(json_object_object_get(
                                  was[i], "IndexName")))
                continue;
            if (json_object_array_put_idx(arr, j, was[i]) != 0)
                ok = false;
            else
                was[i] = NULL; /* arr has it */
            break;
        }
    for (i = 0; was != NULL && i < n; i++)
        json_object_put(was[i]);
    sst_free(was);
    sst_free(names);
    return ok;
}

/* A deleted index is shown DELETING, with sizes of 0, in its place. */
static bool
show_deleting(struct json_object *desc, struct json_object *ix)
{
    struct json_object *arr = NULL;

    if (ix == NULL)
        return true;
    if (!json_object_object_get_ex(desc, "GlobalSecondaryIndexes", &arr)) {
        arr = json_object_new_array();
        if (arr == NULL ||
            json_object_object_add(desc, "GlobalSecondaryIndexes", arr) != 0) {
            json_object_put(arr);
            return false;
        }
    }
    if (json_object_object_add(ix, "IndexStatus",
                               json_object_new_string("DELETING")) != 0 ||
        json_object_object_add(ix, "IndexSizeBytes",
                               json_object_new_int64(0)) != 0 ||
        json_object_object_add(ix, "ItemCount", json_object_new_int64(0)) != 0)
        return false;
    return json_object_array_add(arr, json_object_get(ix)) == 0 &&
           hash_order(arr);
}

/* Enable or disable the table's stream. */
static enum sst_code
change_stream(struct sst_emu_txn *txn, struct sst_emu_table *t,
              const struct change *c, int64_t now, struct sst_err *err)
{
    enum sst_code rc;

    if (c->stream_on && t->stream_view != SST_EMU_STREAM_NONE)
        return invalid(err, MSG_STREAM_ENABLED);
    if (!c->stream_on && t->stream_view == SST_EMU_STREAM_NONE)
        return invalid(err, MSG_NO_STREAM);
    if (c->stream_on)
        return sst_emu_stream_enable(txn, t, c->stream_view, now, err);
    rc = sst_emu_stream_close(txn, t, err);
    if (rc == SST_OK)
        t->stream_view = SST_EMU_STREAM_NONE;
    return rc;
}

static enum sst_code
answer(struct sst_emu_txn *txn, const struct sst_emu_table *t,
       const struct change *c, struct json_object **resp, struct sst_err *err)
{
    struct json_object *desc = NULL;
    enum sst_code rc;

    rc = sst_emu_table_description(txn, t, "ACTIVE", &desc, err);
    if (rc != SST_OK)
        return rc;
    if ((c->created != NULL && !show_creating(desc, c->created)) ||
        !show_deleting(desc, c->deleted_desc)) {
        json_object_put(desc);
        return sst_emu_nomem(err);
    }
    return sst_emu_answer_member("TableDescription", desc, resp, err);
}

enum sst_code
sst_emu_op_update_table(struct sst_emu *emu, const struct json_object *req,
                        struct json_object **resp, struct sst_err *err)
{
    struct change c = {NULL, NULL, NULL, NULL, false, false,
                       SST_EMU_STREAM_NONE};
    struct sst_emu_table *t = NULL;
    struct sst_emu_txn *txn = NULL;
    bool protect;
    enum sst_code rc;

    *resp = NULL;
    rc = sst_emu_table_request_load(emu, req, request, &txn, &t, err);
    if (rc == SST_OK)
        rc = check_request(req, &c, err);
    if (rc == SST_OK)
        rc = update_names(req, t, err);
    if (rc == SST_OK)
        rc = index_actions(txn, req, target_billing(req, t), t, &c, err);
    if (rc == SST_OK)
        rc = billing(req, t, sst_emu_now(emu), err);
    if (rc == SST_OK)
        rc = sst_emu_on_demand_table(req, true, t, err);
    if (rc == SST_OK)
        rc = stream_request(req, &c, err);
    if (rc == SST_OK)
        rc = sst_emu_account_units(txn, t, err);
    if (rc == SST_OK && sst_emu_get_bool(req, "DeletionProtectionEnabled",
                                         &protect))
        t->deletion_protection = protect;
    if (rc == SST_OK && c.stream_spec)
        rc = change_stream(txn, t, &c, sst_emu_now(emu), err);
    if (rc == SST_OK)
        rc = sst_emu_catalog_update(txn, t, err);
    if (rc == SST_OK && c.created != NULL)
        rc = sst_emu_write_backfill(txn, t, &t->indexes[t->index_count - 1],
                                    err);
    if (rc == SST_OK)
        rc = answer(txn, t, &c, resp, err);
    if (rc == SST_OK) {
        rc = sst_emu_txn_commit(txn, err);
        txn = NULL;
        if (rc != SST_OK) {
            json_object_put(*resp);
            *resp = NULL;
        }
    }
    json_object_put(c.deleted_desc);
    sst_emu_txn_abort(txn);
    sst_emu_table_free(t);
    return rc;
}
