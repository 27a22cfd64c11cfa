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

#include "emu/ops/common.h"
#include "emu/ops/exprs.h"
#include "emu/ops/keys.h"
#include "emu/ops/ops.h"
#include "emu/ops/request.h"
#include "emu/ops/writes.h"
#include "emu/store/catalog.h"

#define MSG_ITEM_NULL "Item to put in PutItem cannot be null"

#define S(n) {n, SST_EMU_SHAPE_STRING, NULL}
#define B(n) {n, SST_EMU_SHAPE_BOOLEAN, NULL}
#define END {NULL, SST_EMU_SHAPE_STRING, NULL}

static const struct sst_emu_shape string_elem = S("");
static const struct sst_emu_shape expected[] = {B("Exists"),
                                                S("ComparisonOperator"), END};
static const struct sst_emu_shape expected_elem = {"", SST_EMU_SHAPE_STRUCT,
                                                   expected};
static const struct sst_emu_shape request[] = {
    S("TableName"),
    {"Expected", SST_EMU_SHAPE_MAP, &expected_elem},
    S("ReturnValues"),
    S("ReturnConsumedCapacity"),
    S("ReturnItemCollectionMetrics"),
    S("ConditionalOperator"),
    S("ConditionExpression"),
    {"ExpressionAttributeNames", SST_EMU_SHAPE_MAP, &string_elem},
    S("ReturnValuesOnConditionCheckFailure"),
    END};

static const char *const legacy[] = {"Expected", "ConditionalOperator", NULL};
static const char *const expressions[] = {"ConditionExpression", NULL};
static const struct sst_emu_expr_spec expr_spec = {
    legacy, expressions, expressions, "ConditionExpression is null",
    "Expected", true, SST_EMU_REQ_PUT_ITEM};

struct put {
    const char *table;
    struct json_object *item_json;
    struct sst_av *item;
    struct sst_emu_deferred later;
    enum sst_emu_return_values rv;
    enum sst_emu_rcc rcc;
    bool ricm;
    struct sst_emu_op_exprs x;
    bool all_old; /* ReturnValuesOnConditionCheckFailure=ALL_OLD */
};

/* Step 1: what the deserialiser checks. */
static enum sst_code
decode(const struct json_object *req, struct put *p, struct sst_err *err)
{
    struct sst_emu_deferred ignored = {SST_OK, {0}};
    struct sst_av *values = NULL;
    enum sst_code rc;

    rc = sst_emu_check_shape(req, request, err);
    if (rc != SST_OK)
        return rc;
    p->item_json = sst_emu_get(req, "Item");
    if (p->item_json != NULL)
        rc = sst_emu_req_item(p->item_json, &p->item, &p->later, err);
    /* The values belong to the expression engine; their JSON is the
     * deserialiser's. */
    if (rc == SST_OK && sst_emu_get(req, "ExpressionAttributeValues"))
        rc = sst_emu_req_item(sst_emu_get(req, "ExpressionAttributeValues"),
                              &values, &ignored, err);
    sst_av_free(values);
    return rc;
}

/* Steps 4 to 10, with the table known. */
static enum sst_code
validate(const struct json_object *req, struct put *p,
         const struct sst_emu_table *t, struct sst_emu_key *key,
         struct sst_err *err)
{
    enum sst_code rc;

    rc = sst_emu_req_return_values(
        req, 1u << SST_EMU_RV_NONE | 1u << SST_EMU_RV_ALL_OLD, &p->rv, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_prepare(req, &expr_spec, &p->x, err);
    if (rc == SST_OK && p->item_json == NULL)
        rc = sst_err_set(err, SST_E_VALIDATION, MSG_ITEM_NULL);
    if (rc == SST_OK)
        rc = sst_emu_req_check_item(p->item_json, p->item, &p->later, err);
    if (rc == SST_OK)
        rc = sst_emu_table_key(t, p->item, false, key, err);
    if (rc == SST_OK)
        rc = sst_emu_check_index_keys(t, p->item, err);
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
        rc = sst_emu_op_exprs_ready(&p->x, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_nested_keys(&p->x, &p->x.e.condition, t, err);
    return rc;
}

static enum sst_code
answer(const struct put *p, struct sst_emu_old_item *old,
       const struct sst_emu_capacity *cap, struct json_object *icm,
       struct json_object **resp, struct sst_err *err)
{
    struct json_object *out = json_object_new_object();
    enum sst_code rc = SST_OK;

    if (out == NULL)
        return sst_emu_nomem(err);
    if (p->rv == SST_EMU_RV_ALL_OLD && old->found) {
        if (json_object_object_add(out, "Attributes", old->json) != 0)
            rc = sst_emu_nomem(err);
        else
            old->json = NULL;
    }
    if (rc == SST_OK)
        rc = sst_emu_capacity_answer(out, cap, p->rcc, err);
    if (rc == SST_OK && icm != NULL) {
        if (json_object_object_add(out, "ItemCollectionMetrics",
                                   json_object_get(icm)) != 0) {
            json_object_put(icm);
            rc = sst_emu_nomem(err);
        }
    }
    if (rc != SST_OK) {
        json_object_put(out);
        return rc;
    }
    *resp = out;
    return SST_OK;
}

enum sst_code
sst_emu_op_put_item(struct sst_emu *emu, const struct json_object *req,
                    struct json_object **resp, struct sst_err *err)
{
    struct put p = {0};
    struct sst_emu_txn *txn = NULL;
    const struct sst_emu_table *t = NULL;
    struct sst_emu_old_item old = {0};
    struct sst_emu_capacity cap;
    struct json_object *icm = NULL;
    struct sst_emu_key key;
    enum sst_code rc;

    *resp = NULL;
    sst_emu_key_init(&key);
    rc = decode(req, &p, err);
    if (rc == SST_OK)
        rc = sst_emu_req_table_name(req, &p.table, err);
    if (rc == SST_OK)
        rc = sst_emu_req_rcc(req, &p.rcc, err);
    if (rc == SST_OK)
        rc = sst_emu_req_ricm(req, &p.ricm, err);
    if (rc == SST_OK)
        rc = sst_emu_txn_begin(sst_emu_store_of(emu), true, &txn, err);
    if (rc == SST_OK)
        rc = sst_emu_table_lookup(txn, p.table, &t, err);
    if (rc == SST_OK)
        rc = validate(req, &p, t, &key, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_check_item(&p.x, txn, t, &key, p.all_old, NULL,
                                         resp, err);
    if (rc != SST_OK)
        goto out;
    old.want_json = p.rv == SST_EMU_RV_ALL_OLD;
    sst_emu_capacity_init(&cap, t);
    rc = sst_emu_write_put(txn, t, p.item, &key, &old, &cap, err);
    if (rc == SST_OK && p.ricm)
        rc = sst_emu_item_collection(txn, t, p.item, &icm, err);
    if (rc != SST_OK)
        goto out;
    rc = sst_emu_txn_commit(txn, err);
    txn = NULL;
    if (rc == SST_OK)
        rc = answer(&p, &old, &cap, icm, resp, err);
out:
    json_object_put(icm);
    sst_emu_old_item_cleanup(&old);
    sst_emu_txn_abort(txn);
    sst_emu_table_release(t);
    sst_emu_key_cleanup(&key);
    sst_emu_op_exprs_cleanup(&p.x);
    sst_av_free(p.item);
    return rc;
}
