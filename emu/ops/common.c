/*
 * emu/ops/common.c - request plumbing shared by the operations (see
 * common.h).
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <json-c/printbuf.h>

#include <sst/mem.h>

#include "emu/expr/jorder.h"
#include "emu/ops/common.h"
#include "emu/ops/schema.h"
#include "emu/ops/streams.h"
#include "emu/ops/ops.h"
#include "emu/store/item.h"
#include "emu/store/rows.h"

/* ------------------------------------------------------------------ */
/* request shapes                                                      */

/* Members of an object up to which it is walked rather than hashed (see
 * sst_emu_get and members_fine). */
#define WALK_MAX 8

/* AWS's deserialiser messages (its JSON reader is Java). */
#define NUM_CLASS                                                              \
    "class com.amazon.coral.value.json.numbers.TruncatingBigNumber"
#define MSG_LIST_HERE "Start of list found where not expected"
#define MSG_STRUCT_HERE "Start of structure or map found where not expected."

static enum sst_code
ser(struct sst_err *err, const char *msg)
{
    return sst_err_set(err, SST_E_SERIALIZATION, "%s", msg);
}

static enum sst_code check_members(const struct json_object *o,
                                   const struct sst_emu_shape *m,
                                   struct sst_err *err);

static bool
is_bool_string(const char *s)
{
    return strcasecmp(s, "true") == 0 || strcasecmp(s, "false") == 0;
}

static enum sst_code
check_scalar(const struct json_object *v, enum sst_emu_shape_kind kind,
             struct sst_err *err)
{
    const char *java = kind == SST_EMU_SHAPE_STRING    ? "String"
                       : kind == SST_EMU_SHAPE_LONG    ? "Long"
                       : kind == SST_EMU_SHAPE_INTEGER ? "Integer"
                                                       : "Boolean";
    enum json_type t = json_object_get_type(v);
    char upper[96];
    size_t i;

    switch (t) {
    case json_type_array:
        return ser(err, MSG_LIST_HERE);
    case json_type_object:
        return ser(err, MSG_STRUCT_HERE);
    case json_type_boolean:
        if (kind == SST_EMU_SHAPE_BOOLEAN)
            return SST_OK;
        return sst_err_set(err, SST_E_SERIALIZATION,
                           "class java.lang.Boolean can not be converted "
                           "to an %s",
                           java);
    case json_type_int:
    case json_type_double:
        if (kind == SST_EMU_SHAPE_LONG || kind == SST_EMU_SHAPE_INTEGER)
            return SST_OK;
        return sst_err_set(err, SST_E_SERIALIZATION,
                           NUM_CLASS " can not be converted to an %s", java);
    case json_type_string:
        if (kind == SST_EMU_SHAPE_STRING)
            return SST_OK;
        if (kind == SST_EMU_SHAPE_BOOLEAN) {
            const char *s = json_object_get_string((struct json_object *)v);
            if (is_bool_string(s))
                return SST_OK;
            /* AWS shows the string upper-cased. */
            for (i = 0; s[i] != '\0' && i < sizeof upper - 1; i++)
                upper[i] =
                    s[i] >= 'a' && s[i] <= 'z' ? (char)(s[i] - 32) : s[i];
            upper[i] = '\0';
            return sst_err_set(err, SST_E_SERIALIZATION,
                               "'%s' can not be converted to an Boolean",
                               upper);
        }
        return sst_err_set(err, SST_E_SERIALIZATION,
                           "class java.lang.String can not be converted to "
                           "an %s",
                           java);
    default:
        return SST_OK;
    }
}

static enum sst_code
check_value(const struct json_object *v, const struct sst_emu_shape *s,
            struct sst_err *err)
{
    enum json_type t;
    enum sst_code rc;
    size_t i, n;

    if (v == NULL || json_object_is_type(v, json_type_null))
        return SST_OK;
    t = json_object_get_type(v);
    switch (s->kind) {
    case SST_EMU_SHAPE_LIST:
        if (t == json_type_object)
            return ser(err, MSG_STRUCT_HERE);
        if (t != json_type_array)
            return ser(err, "Expected list or null");
        n = json_object_array_length(v);
        for (i = 0; i < n; i++) {
            rc = check_value(json_object_array_get_idx(v, i), s->members, err);
            if (rc != SST_OK)
                return rc;
        }
        return SST_OK;
    case SST_EMU_SHAPE_MAP:
        if (t == json_type_array)
            return ser(err, MSG_LIST_HERE);
        if (t != json_type_object)
            return ser(err, "Expected map or null");
        {
            json_object_object_foreach((struct json_object *)v, key, val)
            {
                (void)key;
                rc = check_value(val, s->members, err);
                if (rc != SST_OK)
                    return rc;
            }
        }
        return SST_OK;
    case SST_EMU_SHAPE_STRUCT:
        if (t == json_type_array)
            return ser(err, MSG_LIST_HERE);
        if (t != json_type_object)
            return ser(err, "Expected null");
        return check_members(v, s->members, err);
    default:
        return check_scalar(v, s->kind, err);
    }
}

/* Whether every member of a small object o that the shape names has a
 * valid value: one walk of the object instead of a search for each
 * member of the shape (a request has two or three members, its shape up
 * to twenty). False for a big object, or when some member is invalid:
 * the caller then checks in the shape's order, which decides the error
 * reported when several members are wrong. */
static bool
members_fine(const struct json_object *o, const struct sst_emu_shape *shape)
{
    struct lh_table *t = json_object_get_object(o);
    const struct sst_emu_shape *m;
    struct lh_entry *e;
    const char *k;

    if (t == NULL || t->count > WALK_MAX)
        return false;
    for (e = t->head; e != NULL; e = e->next) {
        k = (const char *)lh_entry_k(e);
        for (m = shape; m->name != NULL; m++)
            if (m->name[0] == k[0] && strcmp(m->name, k) == 0)
                break;
        if (m->name != NULL &&
            check_value((const struct json_object *)lh_entry_v(e), m, NULL) !=
                SST_OK)
            return false;
    }
    return true;
}

static enum sst_code
check_members(const struct json_object *o, const struct sst_emu_shape *m,
              struct sst_err *err)
{
    enum sst_code rc;

    if (members_fine(o, m))
        return SST_OK;
    for (; m->name != NULL; m++) {
        rc = check_value(sst_emu_get(o, m->name), m, err);
        if (rc != SST_OK)
            return rc;
    }
    return SST_OK;
}

enum sst_code
sst_emu_check_shape(const struct json_object *req,
                    const struct sst_emu_shape *members, struct sst_err *err)
{
    const struct sst_emu_shape top = {"", SST_EMU_SHAPE_STRUCT, members};

    if (req == NULL || json_object_is_type(req, json_type_null))
        return SST_OK;
    return check_value(req, &top, err);
}

/* ------------------------------------------------------------------ */
/* getters                                                             */

/* Objects this small are searched by a walk of json-c's entry list:
 * cheaper than hashing the key, which json_object_object_get_ex does on
 * every call (a GetItem asks some sixty times, mostly of a two-member
 * request and of absent members). An object holds a key at most once,
 * so both ways find the same member. Most members differ from the key
 * in the first byte, which is compared before calling strcmp. */

struct json_object *
sst_emu_get(const struct json_object *o, const char *key)
{
    struct json_object *v = NULL;
    struct lh_table *t;
    struct lh_entry *e;
    const char *k;

    if (o == NULL || !json_object_is_type(o, json_type_object))
        return NULL;
    t = json_object_get_object(o);
    if (t != NULL && t->count <= WALK_MAX) {
        for (e = t->head; e != NULL; e = e->next) {
            k = (const char *)lh_entry_k(e);
            if (k[0] == key[0] && strcmp(k, key) == 0) {
                v = (struct json_object *)lh_entry_v(e);
                break;
            }
        }
    } else if (!json_object_object_get_ex(o, key, &v)) {
        return NULL;
    }
    if (v == NULL || json_object_is_type(v, json_type_null))
        return NULL;
    return v;
}

const char *
sst_emu_get_string(const struct json_object *o, const char *key)
{
    struct json_object *v = sst_emu_get(o, key);

    if (v == NULL || !json_object_is_type(v, json_type_string))
        return NULL;
    return json_object_get_string(v);
}

bool
sst_emu_get_long(const struct json_object *o, const char *key, bool is_int,
                 int64_t *out)
{
    struct json_object *v = sst_emu_get(o, key);
    int64_t lo = is_int ? INT32_MIN : INT64_MIN;
    int64_t hi = is_int ? INT32_MAX : INT64_MAX;
    double d;

    *out = 0;
    if (v == NULL)
        return false;
    if (json_object_is_type(v, json_type_double)) {
        d = floor(json_object_get_double(v));
        if (isnan(d))
            *out = 0;
        else if (d <= (double)lo)
            *out = lo;
        else if (d >= (double)hi)
            *out = hi;
        else
            *out = (int64_t)d;
        return true;
    }
    if (!json_object_is_type(v, json_type_int))
        return false;
    *out = json_object_get_int64(v);
    if (*out < lo)
        *out = lo;
    if (*out > hi)
        *out = hi;
    return true;
}

bool
sst_emu_get_bool(const struct json_object *o, const char *key, bool *out)
{
    struct json_object *v = sst_emu_get(o, key);

    *out = false;
    if (v == NULL)
        return false;
    if (json_object_is_type(v, json_type_boolean))
        *out = json_object_get_boolean(v);
    else if (json_object_is_type(v, json_type_string))
        *out = strcasecmp(json_object_get_string(v), "true") == 0;
    else
        return false;
    return true;
}

/* ------------------------------------------------------------------ */
/* names and tables                                                    */

bool
sst_emu_valid_table_name(const char *s)
{
    size_t n;

    if (s == NULL)
        return false;
    /* ASCII only, whatever the process's locale says is alphanumeric. */
    for (n = 0; s[n] != '\0'; n++)
        if (!(s[n] >= 'a' && s[n] <= 'z') && !(s[n] >= 'A' && s[n] <= 'Z') &&
            !(s[n] >= '0' && s[n] <= '9') && s[n] != '_' && s[n] != '-' &&
            s[n] != '.')
            return false;
    return n >= 3 && n <= 255;
}

enum sst_code
sst_emu_validation_faults(const char *const *faults, size_t n,
                          struct sst_err *err)
{
    char msg[SST_ERR_MESSAGE_MAX];
    size_t used, i;

    used = (size_t)snprintf(msg, sizeof msg, "%zu validation error%s detected:",
                            n, n == 1 ? "" : "s");
    for (i = 0; i < n && used < sizeof msg; i++)
        used += (size_t)snprintf(msg + used, sizeof msg - used, "%s %s",
                                 i ? ";" : "", faults[i]);
    return sst_err_set(err, SST_E_VALIDATION, "%s", msg);
}

enum sst_code
sst_emu_req_table_name(const struct json_object *req, const char **name,
                       struct sst_err *err)
{
    *name = sst_emu_get_string(req, "TableName");
    if (*name == NULL)
        return sst_err_set(err, SST_E_VALIDATION, SST_EMU_MSG_TABLE_NAME_NULL);
    if (!sst_emu_valid_table_name(*name))
        return sst_err_set(err, SST_E_VALIDATION, SST_EMU_MSG_TABLE_NAME);
    return SST_OK;
}

enum sst_code
sst_emu_table_lookup(struct sst_emu_txn *txn, const char *name,
                     const struct sst_emu_table **out, struct sst_err *err)
{
    enum sst_code rc = sst_emu_catalog_get(txn, name, out, err);

    if (rc == SST_OK && *out == NULL)
        rc = sst_err_set(err, SST_E_NOT_FOUND, SST_EMU_MSG_NO_TABLE);
    return rc;
}

/* ------------------------------------------------------------------ */
/* responses                                                           */

enum sst_code
sst_emu_nomem(struct sst_err *err)
{
    return sst_err_set(err, SST_E_NOMEM, "out of memory building a response");
}

enum sst_code
sst_emu_answer_item(const void *row, size_t len, const char *const *only,
                    size_t only_n, struct json_object **out,
                    struct sst_err *err)
{
    enum sst_code rc;

    if (only == NULL && sst_emu_text_wanted()) {
        rc = sst_emu_item_text_json(row, len, out, err);
        if (rc != SST_OK || *out != NULL)
            return rc;
    }
    return sst_emu_item_to_json(row, len, only, only_n, out, err);
}

struct json_object *
sst_emu_json_add(struct sst_emu_json *b, struct json_object *obj,
                 const char *key, struct json_object *val)
{
    if (obj == NULL || val == NULL ||
        json_object_object_add(obj, key, val) != 0) {
        json_object_put(val);
        b->failed = true;
        return NULL;
    }
    return val;
}

struct json_object *
sst_emu_json_push(struct sst_emu_json *b, struct json_object *arr,
                  struct json_object *val)
{
    if (arr == NULL || val == NULL || json_object_array_add(arr, val) != 0) {
        json_object_put(val);
        b->failed = true;
        return NULL;
    }
    return val;
}

/* Digits from the end of a buffer: no format string to interpret. */
static int
count_text(struct json_object *o, struct printbuf *pb, int level, int flags)
{
    int64_t n = json_object_get_int64(o);
    uint64_t v = n < 0 ? -(uint64_t)n : (uint64_t)n;
    char buf[24], *p = buf + sizeof buf;

    (void)level;
    (void)flags;
    do
        *--p = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    if (n < 0)
        *--p = '-';
    return printbuf_memappend(pb, p, (int)(buf + sizeof buf - p));
}

struct json_object *
sst_emu_json_count(int64_t n)
{
    struct json_object *o = json_object_new_int64(n);

    if (o != NULL)
        json_object_set_serializer(o, count_text, NULL, NULL);
    return o;
}

struct json_object *
sst_emu_json_time(int64_t ms)
{
    int64_t sec = ms / 1000, frac = ms % 1000;
    char text[32];

    if (frac < 0) { /* floor division for times before 1970 */
        frac += 1000;
        sec -= 1;
    }
    snprintf(text, sizeof text, "%" PRId64 ".%03d", sec, (int)frac);
    return json_object_new_double_s((double)sec + (double)frac / 1000.0, text);
}

static const char *const attr_type_names[] = {"S", "N", "B"};
static const char *const projection_names[] = {"ALL", "KEYS_ONLY", "INCLUDE"};

static struct json_object *
key_schema_json(struct sst_emu_json *b, const struct sst_emu_table *t,
                const struct sst_emu_key_schema *ks)
{
    struct json_object *arr = json_object_new_array(), *e;
    unsigned i;

    if (arr == NULL)
        b->failed = true;
    for (i = 0; i < ks->hash_count + ks->range_count; i++) {
        bool hash = i < ks->hash_count;
        unsigned pos = hash ? ks->hash[i] : ks->range[i - ks->hash_count];

        e = sst_emu_json_push(b, arr, json_object_new_object());
        sst_emu_json_add(b, e, "AttributeName",
                         json_object_new_string(t->attrs[pos].name));
        sst_emu_json_add(b, e, "KeyType",
                         json_object_new_string(hash ? "HASH" : "RANGE"));
    }
    return arr;
}

static struct json_object *
arn(const char *table, const char *index)
{
    size_t n = sizeof SST_EMU_ARN_PREFIX + strlen(table) +
               (index ? strlen(index) + sizeof "/index/" : 0);
    struct json_object *s;
    char *buf = sst_malloc(n);

    if (buf == NULL)
        return NULL;
    if (index)
        snprintf(buf, n, SST_EMU_ARN_PREFIX "%s/index/%s", table, index);
    else
        snprintf(buf, n, SST_EMU_ARN_PREFIX "%s", table);
    s = json_object_new_string(buf);
    sst_free(buf);
    return s;
}

/* OnDemandThroughput, as DynamoDB describes it. */
static void
on_demand_json(struct sst_emu_json *b, struct json_object *o,
               const struct sst_emu_on_demand *od)
{
    struct json_object *m;

    m = sst_emu_json_add(b, o, "OnDemandThroughput", json_object_new_object());
    sst_emu_json_add(b, m, "MaxReadRequestUnits",
                     json_object_new_int64(od->read));
    sst_emu_json_add(b, m, "MaxWriteRequestUnits",
                     json_object_new_int64(od->write));
}

static enum sst_code
index_json(struct sst_emu_json *b, struct sst_emu_txn *txn,
           const struct sst_emu_table *t, const struct sst_emu_index *ix,
           struct json_object *arr, struct sst_err *err)
{
    struct json_object *o, *proj, *nk, *pt;
    uint64_t count, bytes;
    enum sst_code rc;
    size_t i;

    rc = sst_emu_stats_get(txn, t->id, ix->id, &count, &bytes, err);
    if (rc != SST_OK)
        return rc;
    o = sst_emu_json_push(b, arr, json_object_new_object());
    sst_emu_json_add(b, o, "IndexName", json_object_new_string(ix->name));
    sst_emu_json_add(b, o, "KeySchema", key_schema_json(b, t, &ix->key));
    proj = sst_emu_json_add(b, o, "Projection", json_object_new_object());
    sst_emu_json_add(b, proj, "ProjectionType",
                     json_object_new_string(projection_names[ix->projection]));
    if (ix->projection == SST_EMU_PROJECTION_INCLUDE || ix->non_key_listed) {
        nk = sst_emu_json_add(b, proj, "NonKeyAttributes",
                              json_object_new_array());
        for (i = 0; i < ix->non_key_count; i++)
            sst_emu_json_push(b, nk, json_object_new_string(ix->non_key[i]));
    }
    if (ix->global)
        sst_emu_json_add(b, o, "IndexStatus", json_object_new_string("ACTIVE"));
    if (ix->has_throughput) {
        pt = sst_emu_json_add(b, o, "ProvisionedThroughput",
                              json_object_new_object());
        sst_emu_json_add(b, pt, "ReadCapacityUnits",
                         json_object_new_int64(ix->read_units));
        sst_emu_json_add(b, pt, "WriteCapacityUnits",
                         json_object_new_int64(ix->write_units));
    }
    sst_emu_json_add(b, o, "IndexSizeBytes",
                     json_object_new_int64((int64_t)bytes));
    sst_emu_json_add(b, o, "ItemCount", json_object_new_int64((int64_t)count));
    sst_emu_json_add(b, o, "IndexArn", arn(t->name, ix->name));
    if (ix->on_demand.set)
        on_demand_json(b, o, &ix->on_demand);
    return SST_OK;
}

/* A table's global (or local) indexes, listed as DynamoDB Local lists
 * them: in a java.util.HashMap's order of their names (put in the
 * table's order). */
static enum sst_code
indexes_json(struct sst_emu_json *b, struct sst_emu_txn *txn,
             const struct sst_emu_table *t, bool global,
             struct json_object *desc, struct sst_err *err)
{
    struct json_object *arr = NULL;
    struct sst_emu_jname *names;
    enum sst_code rc = SST_OK;
    size_t i, j, m = 0, kept = 0;

    names = sst_calloc(t->index_count + 1, sizeof *names);
    if (names == NULL)
        return sst_emu_nomem(err);
    for (i = 0; i < t->index_count; i++)
        if (t->indexes[i].global == global) {
            names[m].s = t->indexes[i].name;
            names[m++].len = strlen(t->indexes[i].name);
        }
    if (sst_emu_java_hash_order(names, m, &kept) != 0)
        rc = sst_emu_nomem(err);
    for (j = 0; rc == SST_OK && j < kept; j++) {
        for (i = 0; i < t->index_count; i++)
            if (t->indexes[i].global == global &&
                t->indexes[i].name == names[j].s)
                break;
        if (arr == NULL)
            arr = sst_emu_json_add(b, desc,
                                   global ? "GlobalSecondaryIndexes"
                                          : "LocalSecondaryIndexes",
                                   json_object_new_array());
        rc = index_json(b, txn, t, &t->indexes[i], arr, err);
    }
    sst_free(names);
    return rc;
}

enum sst_code
sst_emu_table_description(struct sst_emu_txn *txn,
                          const struct sst_emu_table *t, const char *status,
                          struct json_object **out, struct sst_err *err)
{
    struct sst_emu_json b = {false};
    struct json_object *d = json_object_new_object(), *arr, *e, *pt, *bm;
    uint64_t count, bytes;
    enum sst_code rc;
    size_t i;

    *out = NULL;
    rc =
        sst_emu_stats_get(txn, t->id, SST_EMU_INDEX_TABLE, &count, &bytes, err);
    if (rc != SST_OK) {
        json_object_put(d);
        return rc;
    }
    arr = sst_emu_json_add(&b, d, "AttributeDefinitions",
                           json_object_new_array());
    for (i = 0; i < t->attr_count; i++) {
        e = sst_emu_json_push(&b, arr, json_object_new_object());
        sst_emu_json_add(&b, e, "AttributeName",
                         json_object_new_string(t->attrs[i].name));
        sst_emu_json_add(
            &b, e, "AttributeType",
            json_object_new_string(attr_type_names[t->attrs[i].type]));
    }
    sst_emu_json_add(&b, d, "TableName", json_object_new_string(t->name));
    sst_emu_json_add(&b, d, "KeySchema", key_schema_json(&b, t, &t->key));
    sst_emu_json_add(&b, d, "TableStatus", json_object_new_string(status));
    sst_emu_json_add(&b, d, "CreationDateTime",
                     sst_emu_json_time(t->created_ms));
    /* DynamoDB Local shows the last increase and decrease as 0 until the
     * throughput changes; a PAY_PER_REQUEST table shows 0 units. */
    pt = sst_emu_json_add(&b, d, "ProvisionedThroughput",
                          json_object_new_object());
    sst_emu_json_add(&b, pt, "LastIncreaseDateTime",
                     sst_emu_json_time(t->last_increase_ms));
    sst_emu_json_add(&b, pt, "LastDecreaseDateTime",
                     sst_emu_json_time(t->last_decrease_ms));
    sst_emu_json_add(&b, pt, "NumberOfDecreasesToday",
                     json_object_new_int64(t->decreases_today));
    sst_emu_json_add(&b, pt, "ReadCapacityUnits",
                     json_object_new_int64(t->read_units));
    sst_emu_json_add(&b, pt, "WriteCapacityUnits",
                     json_object_new_int64(t->write_units));
    sst_emu_json_add(&b, d, "TableSizeBytes",
                     json_object_new_int64((int64_t)bytes));
    sst_emu_json_add(&b, d, "ItemCount", json_object_new_int64((int64_t)count));
    sst_emu_json_add(&b, d, "TableArn", arn(t->name, NULL));
    sst_emu_json_add(&b, d, "TableId", json_object_new_string(t->table_id));
    /* Shown once the table has been PAY_PER_REQUEST, as DynamoDB does. */
    if (t->billing == SST_EMU_BILLING_PAY_PER_REQUEST || t->ppr_ms != 0) {
        bm = sst_emu_json_add(&b, d, "BillingModeSummary",
                              json_object_new_object());
        sst_emu_json_add(
            &b, bm, "BillingMode",
            json_object_new_string(t->billing == SST_EMU_BILLING_PAY_PER_REQUEST
                                       ? "PAY_PER_REQUEST"
                                       : "PROVISIONED"));
        sst_emu_json_add(&b, bm, "LastUpdateToPayPerRequestDateTime",
                         sst_emu_json_time(t->ppr_ms));
    }
    rc = indexes_json(&b, txn, t, false, d, err);
    if (rc == SST_OK)
        rc = indexes_json(&b, txn, t, true, d, err);
    sst_emu_stream_describe(&b, t, d);
    sst_emu_json_add(&b, d, "DeletionProtectionEnabled",
                     json_object_new_boolean(t->deletion_protection));
    if (sst_emu_on_demand_shown(t))
        on_demand_json(&b, d, &t->on_demand);
    if (rc == SST_OK && b.failed)
        rc = sst_emu_nomem(err);
    if (rc != SST_OK) {
        json_object_put(d);
        return rc;
    }
    *out = d;
    return SST_OK;
}
