/*
 * emu/ops/delete_item.c - DeleteItem.
 *
 * Removes an item with its index rows in one write transaction (deleting
 * a missing item succeeds and still costs a write, as in DynamoDB).
 *
 * Checks, in DynamoDB Local's order: JSON shape and the Key's values as
 * JSON; TableName; ReturnConsumedCapacity and ReturnItemCollectionMetrics
 * (AWS's enum checks); the table exists; ReturnValues is NONE or ALL_OLD;
 * the expression parameters; ReturnValuesOnConditionCheckFailure; Key
 * given; the Key's values; the key itself; ConditionalOperator.
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

static const struct sst_emu_shape request[] = {
    S("TableName"),
    {"Expected", SST_EMU_SHAPE_MAP, &sst_emu_item_write_expected_elem},
    S("ConditionalOperator"),
    S("ReturnValues"),
    S("ReturnConsumedCapacity"),
    S("ReturnItemCollectionMetrics"),
    S("ConditionExpression"),
    {"ExpressionAttributeNames", SST_EMU_SHAPE_MAP,
     &sst_emu_item_write_names_elem},
    S("ReturnValuesOnConditionCheckFailure"),
    END};

static const char *const legacy[] = {"Expected", "ConditionalOperator", NULL};
static const char *const expressions[] = {"ConditionExpression", NULL};
static const struct sst_emu_expr_spec expr_spec = {
    legacy, expressions, expressions, "ConditionExpression is null",
    "Expected", SST_EMU_REQ_DELETE_ITEM};

static enum sst_code
validate(const struct json_object *req, struct sst_emu_item_write *d,
         struct sst_err *err)
{
    enum sst_code rc;

    /* legacy: DynamoDB checks Expected first (emu/ops/legacy.h) */
    rc = sst_emu_legacy_check_expected(req, err);
    if (rc == SST_OK)
        rc = sst_emu_req_return_values(
            req, 1u << SST_EMU_RV_NONE | 1u << SST_EMU_RV_ALL_OLD, &d->rv, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_prepare(req, &expr_spec, &d->x, err);
    if (rc == SST_OK)
        rc = sst_emu_req_rvoccf(req, &d->all_old, err);
    if (rc == SST_OK && sst_emu_get(req, "Key") == NULL)
        rc = sst_err_set(err, SST_E_VALIDATION, SST_EMU_MSG_NULL_KEY);
    if (rc == SST_OK)
        rc = sst_emu_deferred_raise(&d->later, err);
    if (rc == SST_OK)
        rc = sst_emu_table_key(d->t, d->av, true, &d->key, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_operator(req, &expr_spec, err);
    /* Seam: the condition is evaluated against the item this delete
     * removes (docs/emulator.md). */
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_parse(req, &expr_spec, &d->x, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_nested_keys(&d->x, &d->x.e.condition, d->t,
                                          err);
    return rc;
}

static const struct sst_emu_item_write_spec spec = {request, "Key", validate,
                                                    false};

enum sst_code
sst_emu_op_delete_item(struct sst_emu *emu, const struct json_object *req,
                       struct json_object **resp, struct sst_err *err)
{
    struct sst_emu_item_write d;
    struct sst_emu_old_item old = {0};
    enum sst_code rc;

    *resp = NULL;
    sst_emu_item_write_init(&d);
    rc = sst_emu_item_write_begin(emu, req, &spec, &d, NULL, resp, err);
    if (rc != SST_OK)
        goto out;
    old.want_json = d.rv == SST_EMU_RV_ALL_OLD;
    rc = sst_emu_write_delete(d.txn, d.t, &d.key, &old, &d.cap, err);
    if (rc == SST_OK)
        rc = sst_emu_item_write_finish(&d, d.av, &old, NULL, resp, err);
out:
    sst_emu_old_item_cleanup(&old);
    sst_emu_item_write_cleanup(&d);
    return rc;
}
