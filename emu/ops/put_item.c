/*
 * emu/ops/put_item.c - PutItem.
 *
 * Stores an item, replacing any item with the same key, with its index
 * rows, in one write transaction (emu/ops/writes.h). DynamoDB's checks,
 * in the order DynamoDB Local reports them (tests/data/emu/items.py
 * records the pairs that show it):
 *
 *   1. the request's JSON shape, and the Item's attribute values as JSON
 *      (SerializationException)
 *   2. TableName; ReturnConsumedCapacity and ReturnItemCollectionMetrics
 *      (AWS's enum checks)
 *   3. the table exists
 *   4. ReturnValues is NONE or ALL_OLD
 *   5. the expression parameters (emu/ops/exprs.h)
 *   6. Item is given
 *   7. the item's attributes, in request order, with the 400 KB limit
 *   8. the key attributes, then the index key attributes
 *   9. ReturnValuesOnConditionCheckFailure
 *  10. ConditionalOperator
 */
#include <json-c/json.h>

#include "emu/ops/exprs.h"
#include "emu/ops/item_write.h"
#include "emu/ops/keys.h"
#include "emu/ops/ops.h"
#include "emu/ops/request.h"
#include "emu/ops/writes.h"
#include "emu/store/catalog.h"

#define MSG_ITEM_NULL "Item to put in PutItem cannot be null"

#define S(n) {n, SST_EMU_SHAPE_STRING, NULL}
#define END {NULL, SST_EMU_SHAPE_STRING, NULL}

static const struct sst_emu_shape request[] = {
    S("TableName"),
    {"Expected", SST_EMU_SHAPE_MAP, &sst_emu_item_write_expected_elem},
    S("ReturnValues"),
    S("ReturnConsumedCapacity"),
    S("ReturnItemCollectionMetrics"),
    S("ConditionalOperator"),
    S("ConditionExpression"),
    {"ExpressionAttributeNames", SST_EMU_SHAPE_MAP,
     &sst_emu_item_write_names_elem},
    S("ReturnValuesOnConditionCheckFailure"),
    END};

static const char *const legacy[] = {"Expected", "ConditionalOperator", NULL};
static const char *const expressions[] = {"ConditionExpression", NULL};
static const struct sst_emu_expr_spec expr_spec = {
    legacy, expressions, expressions, "ConditionExpression is null",
    "Expected", SST_EMU_REQ_PUT_ITEM};

/* Steps 4 to 10, with the table known. */
static enum sst_code
validate(const struct json_object *req, struct sst_emu_item_write *p,
         struct sst_err *err)
{
    const struct json_object *item_json = sst_emu_get(req, "Item");
    enum sst_code rc;

    rc = sst_emu_req_return_values(
        req, 1u << SST_EMU_RV_NONE | 1u << SST_EMU_RV_ALL_OLD, &p->rv, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_prepare(req, &expr_spec, &p->x, err);
    if (rc == SST_OK && item_json == NULL)
        rc = sst_err_set(err, SST_E_VALIDATION, MSG_ITEM_NULL);
    if (rc == SST_OK)
        rc = sst_emu_req_check_item(item_json, p->av, &p->later, err);
    if (rc == SST_OK)
        rc = sst_emu_table_key(p->t, p->av, false, &p->key, err);
    if (rc == SST_OK)
        rc = sst_emu_check_index_keys(p->t, p->av, err);
    /* legacy: DynamoDB checks Expected here (emu/ops/legacy.h) */
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_legacy(&p->x, err);
    if (rc == SST_OK)
        rc = sst_emu_req_rvoccf(req, &p->all_old, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_operator(req, &expr_spec, err);
    /* Seam: the condition is evaluated against the item this put
     * replaces (docs/emulator.md). */
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_parse(req, &expr_spec, &p->x, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_nested_keys(&p->x, &p->x.e.condition, p->t,
                                          err);
    return rc;
}

static const struct sst_emu_item_write_spec spec = {request, "Item", validate,
                                                    true};

enum sst_code
sst_emu_op_put_item(struct sst_emu *emu, const struct json_object *req,
                    struct json_object **resp, struct sst_err *err)
{
    struct sst_emu_item_write p;
    struct sst_emu_old_item old = {0};
    enum sst_code rc;

    *resp = NULL;
    sst_emu_item_write_init(&p);
    /* Steps 1 to 3, then validate(), then the condition. */
    rc = sst_emu_item_write_begin(emu, req, &spec, &p, NULL, resp, err);
    if (rc != SST_OK)
        goto out;
    old.want_json = p.rv == SST_EMU_RV_ALL_OLD;
    rc = sst_emu_write_put_row(p.txn, p.t, p.av, p.row.len ? &p.row : NULL,
                               &p.key, &old, &p.cap, err);
    if (rc == SST_OK)
        rc = sst_emu_item_write_finish(&p, p.av, &old, NULL, resp, err);
out:
    sst_emu_old_item_cleanup(&old);
    sst_emu_item_write_cleanup(&p);
    return rc;
}
