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
 * attributes in the condition; ReturnValuesOnConditionCheckFailure. Then, with
 * the item read: the condition; the refusal to update key attributes; nested
 * key access in the update; the update (its runtime errors, the 400 KB limit);
 * the new item's index key attributes.
 */
#include <json-c/json.h>

#include "emu/ops/exprs.h"
#include "emu/ops/item_write.h"
#include "emu/ops/keys.h"
#include "emu/ops/legacy.h"
#include "emu/ops/ops.h"
#include "emu/ops/request.h"
#include "emu/ops/writes.h"

#define S(n) {n, SST_EMU_SHAPE_STRING, NULL}
#define END {NULL, SST_EMU_SHAPE_STRING, NULL}

static const struct sst_emu_shape update[] = {S("Action"), END};
static const struct sst_emu_shape update_elem = {"", SST_EMU_SHAPE_STRUCT,
                                                 update};
static const struct sst_emu_shape request[] = {
    S("TableName"),
    {"AttributeUpdates", SST_EMU_SHAPE_MAP, &update_elem},
    {"Expected", SST_EMU_SHAPE_MAP, &sst_emu_item_write_expected_elem},
    S("ConditionalOperator"),
    S("ReturnValues"),
    S("ReturnConsumedCapacity"),
    S("ReturnItemCollectionMetrics"),
    S("UpdateExpression"),
    S("ConditionExpression"),
    {"ExpressionAttributeNames", SST_EMU_SHAPE_MAP,
     &sst_emu_item_write_names_elem},
    S("ReturnValuesOnConditionCheckFailure"),
    END};

static const char *const legacy[] = {"AttributeUpdates", "Expected",
                                     "ConditionalOperator", NULL};
static const char *const expressions[] = {"UpdateExpression",
                                          "ConditionExpression", NULL};
static const struct sst_emu_expr_spec expr_spec = {
    legacy,     expressions,
    expressions, "UpdateExpression and ConditionExpression are null",
    "Expected", SST_EMU_REQ_UPDATE_ITEM};

static enum sst_code
validate(const struct json_object *req, struct sst_emu_item_write *u,
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
        rc = sst_emu_table_key(u->t, u->av, true, &u->key, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_prepare(req, &expr_spec, &u->x, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_parse(req, &expr_spec, &u->x, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_operator(req, &expr_spec, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_nested_keys(&u->x, &u->x.e.condition, u->t,
                                          err);
    if (rc == SST_OK)
        rc = sst_emu_req_rvoccf(req, &u->all_old, err);
    return rc;
}

static const struct sst_emu_item_write_spec spec = {request, "Key", validate,
                                                    false};

enum sst_code
sst_emu_op_update_item(struct sst_emu *emu, const struct json_object *req,
                       struct json_object **resp, struct sst_err *err)
{
    struct sst_emu_item_write u;
    struct sst_av *old = NULL, *new_item = NULL, *attrs = NULL;
    enum sst_code rc;

    *resp = NULL;
    sst_emu_item_write_init(&u);
    rc = sst_emu_item_write_begin(emu, req, &spec, &u, &old, resp, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_update(&u.x, u.t, old, u.av, (int)u.rv,
                                     &new_item, &attrs, err);
    if (rc == SST_OK && u.x.legacy)
        rc = sst_emu_check_legacy_index_keys(u.t, new_item, err);
    else if (rc == SST_OK)
        rc = sst_emu_check_updated_index_keys(u.t, new_item, err);
    if (rc != SST_OK)
        goto out;
    rc = sst_emu_write_put(u.txn, u.t, new_item, &u.key, NULL, &u.cap, err);
    if (rc == SST_OK)
        rc = sst_emu_item_write_finish(&u, new_item, NULL, attrs, resp, err);
out:
    sst_emu_item_write_cleanup(&u);
    sst_av_free(attrs);
    sst_av_free(new_item);
    sst_av_free(old);
    return rc;
}
