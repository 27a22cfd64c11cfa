/*
 * emu/ops/query.c - Query, of a table or of one of its indexes.
 *
 * Reads one partition (KeyConditionExpression's partition key value) in
 * sort-key order, or backward with ScanIndexForward false, keeping the
 * rows whose sort key satisfies the condition (emu/ops/query_key.h),
 * from ExclusiveStartKey, in one read transaction. The walk, the filter,
 * the projection, Select, Limit, the 1 MB page and the capacity are
 * Scan's (emu/ops/scan.h). A page of Limit items carries a
 * LastEvaluatedKey unless it ends the Query: a table without sort key, or
 * its last sort key is the inclusive bound read towards
 * (docs/notes-semantics.md).
 *
 * Checks, in DynamoDB Local's order: JSON shape and the starting key's
 * values as JSON; TableName; ReturnConsumedCapacity; the table exists;
 * IndexName; the expressions (the engine, all of them); Limit;
 * KeyConditions (emu/ops/legacy.h); ConditionalOperator; the legacy
 * parameters translated; nested access to key attributes in the key
 * condition, the filter and the projection; ConsistentRead on a global
 * index; the key condition against the key schema; ExclusiveStartKey,
 * and its place in the key condition; the filter against the key
 * attributes; the filter's attributes an index does not project; Select
 * with AttributesToGet; AttributesToGet; the attributes a global index
 * must project for the answer.
 */
#include <string.h>

#include <json-c/json.h>

#include <sst/mem.h>

#include "emu/ops/common.h"
#include "emu/ops/exprs.h"
#include "emu/ops/keys.h"
#include "emu/ops/legacy.h"
#include "emu/ops/ops.h"
#include "emu/ops/query_key.h"
#include "emu/ops/request.h"
#include "emu/ops/scan.h"

#define MSG_LIMIT "Limit must be greater than or equal to 1"
#define MSG_START_OUTSIDE                                                      \
    "The provided starting key does not match the range key predicate"
#define MSG_NO_KEY_CONDITION                                                   \
    "Either the KeyConditions or KeyConditionExpression parameter must be "   \
    "specified in the request."

#define S(n) {n, SST_EMU_SHAPE_STRING, NULL}
#define B(n) {n, SST_EMU_SHAPE_BOOLEAN, NULL}
#define I(n) {n, SST_EMU_SHAPE_INTEGER, NULL}
#define END {NULL, SST_EMU_SHAPE_STRING, NULL}

static const struct sst_emu_shape request[] = {
    S("TableName"),
    S("IndexName"),
    S("Select"),
    {"AttributesToGet", SST_EMU_SHAPE_LIST, &sst_emu_scan_string_elem},
    I("Limit"),
    B("ConsistentRead"),
    {"KeyConditions", SST_EMU_SHAPE_MAP, &sst_emu_scan_condition_elem},
    {"QueryFilter", SST_EMU_SHAPE_MAP, &sst_emu_scan_condition_elem},
    S("ConditionalOperator"),
    B("ScanIndexForward"),
    S("ReturnConsumedCapacity"),
    S("ProjectionExpression"),
    S("FilterExpression"),
    S("KeyConditionExpression"),
    {"ExpressionAttributeNames", SST_EMU_SHAPE_MAP, &sst_emu_scan_string_elem},
    END};

static const char *const legacy[] = {"AttributesToGet", "QueryFilter",
                                     "ConditionalOperator", "KeyConditions",
                                     NULL};
static const char *const expressions[] = {"ProjectionExpression",
                                          "FilterExpression",
                                          "KeyConditionExpression", NULL};
static const char *const value_users[] = {"FilterExpression",
                                          "KeyConditionExpression", NULL};
static const struct sst_emu_expr_spec expr_spec = {
    legacy,        expressions,
    value_users,   "FilterExpression and KeyConditionExpression are null",
    "QueryFilter", SST_EMU_REQ_QUERY};

static enum sst_code
decode(const struct json_object *req, struct sst_emu_scan *s,
       struct sst_err *err)
{
    bool forward;
    enum sst_code rc;

    rc = sst_emu_scan_decode(req, request, s, err);
    /* absent is forward */
    s->reverse = sst_emu_get_bool(req, "ScanIndexForward", &forward) &&
                 !forward;
    s->query = true;
    return rc;
}

static enum sst_av_type
av_type(enum sst_emu_attr_type t)
{
    return t == SST_EMU_ATTR_N ? SST_AV_N
           : t == SST_EMU_ATTR_B ? SST_AV_B
                                 : SST_AV_S;
}

/* The key schema queried: the index's, or the table's. */
static void
schema_of(const struct sst_emu_scan *s, struct sst_emu_query_schema *qs)
{
    const struct sst_emu_table *t = s->t;
    const struct sst_emu_key_schema *k = s->ix ? &s->ix->key : &t->key;

    qs->hash = t->attrs[k->hash[0]].name;
    qs->hash_type = av_type(t->attrs[k->hash[0]].type);
    qs->range = k->range_count ? t->attrs[k->range[0]].name : NULL;
    qs->range_type = k->range_count ? av_type(t->attrs[k->range[0]].type)
                                    : SST_AV_S;
}

/* The key condition, the filter's keys and the partition's key bytes. */
static enum sst_code
check_keys(const struct json_object *req, struct sst_emu_scan *s,
           struct sst_err *err)
{
    struct sst_emu_query_schema qs;
    enum sst_code rc;

    schema_of(s, &qs);
    /* legacy: QueryFilter against the keys */
    rc = sst_emu_legacy_filter_keys(req, &qs, err);
    if (rc != SST_OK)
        return rc;
    if (s->x.e.key_condition.ast == NULL)
        return sst_err_set(err, SST_E_VALIDATION, MSG_NO_KEY_CONDITION);
    rc = sst_emu_query_key_analyze(&s->x.e.key_condition, &s->x.e.bindings,
                                   &qs, &s->kc, err);
    if (rc == SST_OK)
        rc = sst_emu_partition_prefix(s->t, s->ix,
                                      sst_emu_query_key_hash(s->kc),
                                      &s->prefix, err);
    s->range_name = qs.range;
    /* where a forward walk starts: the partition, from the range's lower
     * bound */
    if (rc == SST_OK && sst_emu_query_key_lower(s->kc) != NULL) {
        rc = sst_emu_key_set_raw(&s->lower, s->prefix.data, s->prefix.len,
                                 err);
        if (rc == SST_OK)
            rc = sst_emu_key_add_av(&s->lower, sst_emu_query_key_lower(s->kc),
                                    err);
        s->has_lower = rc == SST_OK;
    }
    return rc == SST_OK ? sst_emu_scan_parts_build(s, err) : rc;
}

/* Whether name is the table's sort key attribute. */
static bool
is_table_range(const struct sst_emu_table *t, const char *name)
{
    return t->key.range_count > 0 &&
           strcmp(sst_emu_attr_name(t, t->key.range[0]), name) == 0;
}

/* The starting key (checked and encoded by sst_emu_scan_check_start())
 * against the key condition analysed by check_keys(). */
static enum sst_code
check_start_in_keys(struct sst_emu_scan *s, struct sst_err *err)
{
    enum sst_code rc = SST_OK;

    /* a SELECT of several partitions goes on after the starting key,
     * wherever it lies (sst_emu_scan_parts_build) */
    if (s->parts_n > 0)
        return sst_emu_scan_parts_start(s, err);
    /* ExclusiveStartKey in another partition (DynamoDB Local's message) */
    if (s->has_start &&
        (s->start.len < s->prefix.len ||
         memcmp(s->start.data, s->prefix.data, s->prefix.len) != 0))
        rc = sst_err_set(err, SST_E_VALIDATION, MSG_START_OUTSIDE);
    /* DynamoDB: the starting key's sort key must lie in the sort-key
     * range too (the same message; query_key.h has the exact rule, whose
     * inclusive bounds DynamoDB Local keeps for the table's own sort key:
     * on another attribute, an index's, the start may sit on them) */
    if (rc == SST_OK && s->has_start && s->range_name != NULL &&
        !sst_emu_query_key_start_ok(
            s->kc,
            sst_av_map_get(s->esk, s->range_name, strlen(s->range_name)),
            s->reverse, is_table_range(s->t, s->range_name)))
        rc = sst_err_set(err, SST_E_VALIDATION, MSG_START_OUTSIDE);
    return rc;
}

static enum sst_code
check(const struct json_object *req, struct sst_emu_scan *s,
      struct sst_err *err)
{
    enum sst_code rc;

    rc = sst_emu_scan_check_index(req, s, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_prepare(req, &expr_spec, &s->x, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_parse(req, &expr_spec, &s->x, err);
    if (rc == SST_OK && sst_emu_get_long(req, "Limit", true, &s->limit) &&
        s->limit < 1)
        rc = sst_err_set(err, SST_E_VALIDATION, MSG_LIMIT);
    /* legacy: DynamoDB checks KeyConditions here, before the rest */
    if (rc == SST_OK) {
        struct sst_emu_query_schema qs;

        schema_of(s, &qs);
        rc = sst_emu_legacy_query_keys(req, &qs, err);
    }
    /* legacy: KeyConditions and QueryFilter translated (QueryFilter's
     * entries checked), then ConditionalOperator */
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_legacy(&s->x, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_operator(req, &expr_spec, err);
    /* DynamoDB Local's order from here: nested access to key attributes,
     * ConsistentRead on a global index, the key condition against the key
     * schema, the starting key, the
     * filter's attributes an index does not project, Select, and what
     * the answer would hold that the index does not project. */
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_nested_keys(&s->x, &s->x.e.key_condition, s->t,
                                          err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_nested_keys(&s->x, &s->x.e.filter, s->t, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_nested_keys(&s->x, &s->x.e.projection, s->t,
                                          err);
    if (rc == SST_OK)
        rc = sst_emu_scan_check_consistent(s, err);
    if (rc == SST_OK)
        rc = check_keys(req, s, err);
    if (rc == SST_OK)
        rc = sst_emu_scan_check_start(s, err);
    if (rc == SST_OK)
        rc = check_start_in_keys(s, err);
    /* the filter may not name the keys queried (after the starting key,
     * as DynamoDB Local checks it); a PartiQL SELECT's may */
    if (rc == SST_OK && !s->pq_select) {
        struct sst_emu_query_schema qs;

        schema_of(s, &qs);
        rc = sst_emu_query_filter_keys(&s->x.e.filter, &s->x.e.bindings, &qs,
                                       err);
    }
    /* (a PartiQL SELECT's filter may read what an index lacks: DynamoDB
     * Local refuses only the Query's) */
    if (rc == SST_OK && !s->pq_select)
        rc = sst_emu_scan_check_projected_filter(s, err);
    if (rc == SST_OK)
        rc = sst_emu_scan_check_select(req, s, err);
    if (rc == SST_OK)
        rc = sst_emu_req_attributes_to_get(sst_emu_get(req, "AttributesToGet"),
                                           SST_EMU_MSG_DUPLICATE_ATTR, &s->only,
                                           &s->only_n, err);
    if (rc == SST_OK)
        rc = sst_emu_scan_check_projected_answer(s, err);
    return rc;
}

enum sst_code
sst_emu_op_query(struct sst_emu *emu, const struct json_object *req,
                 struct json_object **resp, struct sst_err *err)
{
    return sst_emu_scan_run(emu, req, decode, check, resp, err);
}

/* A PartiQL SELECT's Query (struct sst_emu_scan's pq_select). */
static enum sst_code
decode_select(const struct json_object *req, struct sst_emu_scan *s,
              struct sst_err *err)
{
    enum sst_code rc = decode(req, s, err);

    s->pq_select = true;
    return rc == SST_OK ? sst_emu_scan_parts_decode(req, s, err) : rc;
}

enum sst_code
sst_emu_pq_query(struct sst_emu *emu, const struct json_object *req,
                 struct json_object **resp, struct sst_err *err)
{
    return sst_emu_scan_run(emu, req, decode_select, check, resp, err);
}
