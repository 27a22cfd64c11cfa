/*
 * emu/ops/update_item.c - UpdateItem.
 *
 * Reads the item (or starts from its key when there is none), checks the
 * ConditionExpression against it, applies the UpdateExpression
 * (emu/expr/update.h, through emu/ops/exprs.h) and stores the new item
 * with its index rows, all in one write transaction, as PutItem does
 * (emu/ops/writes.h).
 *
 * Checks, in this order (docs/expressions.md, "What the operation does
 * next"): JSON shape and the Key's values as JSON; TableName;
 * ReturnConsumedCapacity and ReturnItemCollectionMetrics; the table
 * exists; Expected's entries (emu/ops/legacy.h); ReturnValues; Key
 * given, its values, the key itself; the expression parameters (the
 * engine: UpdateExpression, then ConditionExpression; or the legacy
 * parameters, translated); ConditionalOperator; nested access to key
 * attributes in the condition; ReturnValuesOnConditionCheckFailure. Then, with the item read: the
 * condition; the refusal to update key attributes; nested key access in
 * the update; the update (its runtime errors, the 400 KB limit); the new
 * item's index key attributes.
 */
#include <json-c/json.h>

#include "emu/ops/common.h"
#include "emu/ops/exprs.h"
#include "emu/ops/keys.h"
#include "emu/ops/legacy.h"
#include "emu/ops/ops.h"
#include "emu/ops/request.h"
#include "emu/ops/writes.h"

#define S(n) {n, SST_EMU_SHAPE_STRING, NULL}
#define B(n) {n, SST_EMU_SHAPE_BOOLEAN, NULL}
#define END {NULL, SST_EMU_SHAPE_STRING, NULL}

static const struct sst_emu_shape string_elem = S("");
static const struct sst_emu_shape expected[] = {B("Exists"),
                                                S("ComparisonOperator"), END};
static const struct sst_emu_shape expected_elem = {"", SST_EMU_SHAPE_STRUCT,
                                                   expected};
static const struct sst_emu_shape update[] = {S("Action"), END};
static const struct sst_emu_shape update_elem = {"", SST_EMU_SHAPE_STRUCT,
                                                 update};
static const struct sst_emu_shape request[] = {
    S("TableName"),
    {"AttributeUpdates", SST_EMU_SHAPE_MAP, &update_elem},
    {"Expected", SST_EMU_SHAPE_MAP, &expected_elem},
    S("ConditionalOperator"),
    S("ReturnValues"),
    S("ReturnConsumedCapacity"),
    S("ReturnItemCollectionMetrics"),
    S("UpdateExpression"),
    S("ConditionExpression"),
    {"ExpressionAttributeNames", SST_EMU_SHAPE_MAP, &string_elem},
    S("ReturnValuesOnConditionCheckFailure"),
    END};

static const char *const legacy[] = {"AttributeUpdates", "Expected",
                                     "ConditionalOperator", NULL};
static const char *const expressions[] = {"UpdateExpression",
                                          "ConditionExpression", NULL};
static const struct sst_emu_expr_spec expr_spec = {
    legacy,     expressions,
    expressions, "UpdateExpression and ConditionExpression are null",
    "Expected", true,
    SST_EMU_REQ_UPDATE_ITEM};

struct upd {
    const char *table;
    struct sst_av *key;
    struct sst_emu_deferred later;
    enum sst_emu_return_values rv;
    enum sst_emu_rcc rcc;
    bool ricm;
    struct sst_emu_op_exprs x;
    bool all_old; /* ReturnValuesOnConditionCheckFailure=ALL_OLD */
};

static enum sst_code
decode(const struct json_object *req, struct upd *u, struct sst_err *err)
{
    struct sst_emu_deferred ignored = {SST_OK, {0}};
    struct sst_av *values = NULL;
    enum sst_code rc;

    rc = sst_emu_check_shape(req, request, err);
    if (rc == SST_OK && sst_emu_get(req, "Key") != NULL)
        rc = sst_emu_req_item(sst_emu_get(req, "Key"), &u->key, &u->later, err);
    if (rc == SST_OK && sst_emu_get(req, "ExpressionAttributeValues"))
        rc = sst_emu_req_item(sst_emu_get(req, "ExpressionAttributeValues"),
                              &values, &ignored, err);
    sst_av_free(values);
    if (rc == SST_OK)
        rc = sst_emu_req_table_name(req, &u->table, err);
    if (rc == SST_OK)
        rc = sst_emu_req_rcc(req, &u->rcc, err);
    if (rc == SST_OK)
        rc = sst_emu_req_ricm(req, &u->ricm, err);
    return rc;
}

static enum sst_code
validate(const struct json_object *req, struct upd *u,
         const struct sst_emu_table *t, struct sst_emu_key *key,
         struct sst_err *err)
{
    enum sst_code rc;

    /* legacy: DynamoDB checks Expected first (emu/ops/legacy.h) */
    rc = sst_emu_legacy_check_expected(req, err);
    if (rc == SST_OK)
        rc = sst_emu_req_return_values(req,
                                       1u << SST_EMU_RV_NONE |
                                           1u << SST_EMU_RV_ALL_OLD |
                                           1u << SST_EMU_RV_UPDATED_OLD |
                                           1u << SST_EMU_RV_ALL_NEW |
                                           1u << SST_EMU_RV_UPDATED_NEW,
                                       &u->rv, err);
    if (rc == SST_OK && sst_emu_get(req, "Key") == NULL)
        rc = sst_err_set(err, SST_E_VALIDATION, SST_EMU_MSG_NULL_KEY);
    if (rc == SST_OK)
        rc = sst_emu_deferred_raise(&u->later, err);
    if (rc == SST_OK)
        rc = sst_emu_table_key(t, u->key, true, key, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_prepare(req, &expr_spec, &u->x, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_parse(req, &expr_spec, &u->x, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_operator(req, &expr_spec, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_ready(&u->x, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_nested_keys(&u->x, &u->x.e.condition, t, err);
    if (rc == SST_OK)
        rc = sst_emu_req_rvoccf(req, &u->all_old, err);
    return rc;
}

static enum sst_code
answer(const struct upd *u, const struct sst_av *attrs,
       const struct sst_emu_capacity *cap, struct json_object *icm,
       struct json_object **resp, struct sst_err *err)
{
    struct json_object *out = json_object_new_object(), *a = NULL;
    enum sst_code rc = SST_OK;

    if (out == NULL)
        return sst_emu_nomem(err);
    if (attrs != NULL) {
        rc = sst_av_encode_item(attrs, &a, err);
        if (rc == SST_OK && json_object_object_add(out, "Attributes", a) != 0) {
            json_object_put(a);
            rc = sst_emu_nomem(err);
        }
    }
    if (rc == SST_OK)
        rc = sst_emu_capacity_answer(out, cap, u->rcc, err);
    if (rc == SST_OK && icm != NULL &&
        json_object_object_add(out, "ItemCollectionMetrics",
                               json_object_get(icm)) != 0) {
        json_object_put(icm);
        rc = sst_emu_nomem(err);
    }
    if (rc != SST_OK) {
        json_object_put(out);
        return rc;
    }
    *resp = out;
    return SST_OK;
}

enum sst_code
sst_emu_op_update_item(struct sst_emu *emu, const struct json_object *req,
                       struct json_object **resp, struct sst_err *err)
{
    struct upd u = {0};
    struct sst_emu_txn *txn = NULL;
    const struct sst_emu_table *t = NULL;
    struct sst_av *old = NULL, *new_item = NULL, *attrs = NULL;
    struct sst_emu_capacity cap;
    struct json_object *icm = NULL;
    struct sst_emu_key key;
    enum sst_code rc;

    *resp = NULL;
    sst_emu_key_init(&key);
    rc = decode(req, &u, err);
    if (rc == SST_OK)
        rc = sst_emu_txn_begin(sst_emu_store_of(emu), true, &txn, err);
    if (rc == SST_OK)
        rc = sst_emu_table_lookup(txn, u.table, &t, err);
    if (rc == SST_OK)
        rc = validate(req, &u, t, &key, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_check_item(&u.x, txn, t, &key, u.all_old, &old,
                                         resp, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_update(&u.x, t, old, u.key, (int)u.rv,
                                     &new_item, &attrs, err);
    if (rc == SST_OK)
        rc = sst_emu_check_index_keys(t, new_item, err);
    if (rc != SST_OK)
        goto out;
    sst_emu_capacity_init(&cap, t);
    rc = sst_emu_write_put(txn, t, new_item, &key, NULL, &cap, err);
    if (rc == SST_OK && u.ricm)
        rc = sst_emu_item_collection(txn, t, new_item, &icm, err);
    if (rc != SST_OK)
        goto out;
    rc = sst_emu_txn_commit(txn, err);
    txn = NULL;
    if (rc == SST_OK)
        rc = answer(&u, attrs, &cap, icm, resp, err);
out:
    json_object_put(icm);
    sst_emu_txn_abort(txn);
    sst_emu_table_release(t);
    sst_emu_key_cleanup(&key);
    sst_emu_op_exprs_cleanup(&u.x);
    sst_av_free(attrs);
    sst_av_free(new_item);
    sst_av_free(old);
    sst_av_free(u.key);
    return rc;
}
