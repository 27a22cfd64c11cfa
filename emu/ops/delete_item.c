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
static const struct sst_emu_shape request[] = {
    S("TableName"),
    {"Expected", SST_EMU_SHAPE_MAP, &expected_elem},
    S("ConditionalOperator"),
    S("ReturnValues"),
    S("ReturnConsumedCapacity"),
    S("ReturnItemCollectionMetrics"),
    S("ConditionExpression"),
    {"ExpressionAttributeNames", SST_EMU_SHAPE_MAP, &string_elem},
    S("ReturnValuesOnConditionCheckFailure"),
    END};

static const char *const legacy[] = {"Expected", "ConditionalOperator", NULL};
static const char *const expressions[] = {"ConditionExpression", NULL};
static const struct sst_emu_expr_spec expr_spec = {
    legacy, expressions, expressions, "ConditionExpression is null",
    "Expected", true, SST_EMU_REQ_DELETE_ITEM};

struct del {
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
decode(const struct json_object *req, struct del *d, struct sst_err *err)
{
    struct sst_emu_deferred ignored = {SST_OK, {0}};
    struct sst_av *values = NULL;
    enum sst_code rc;

    rc = sst_emu_check_shape(req, request, err);
    if (rc == SST_OK && sst_emu_get(req, "Key") != NULL)
        rc = sst_emu_req_item(sst_emu_get(req, "Key"), &d->key, &d->later, err);
    if (rc == SST_OK && sst_emu_get(req, "ExpressionAttributeValues"))
        rc = sst_emu_req_item(sst_emu_get(req, "ExpressionAttributeValues"),
                              &values, &ignored, err);
    sst_av_free(values);
    if (rc == SST_OK)
        rc = sst_emu_req_table_name(req, &d->table, err);
    if (rc == SST_OK)
        rc = sst_emu_req_rcc(req, &d->rcc, err);
    if (rc == SST_OK)
        rc = sst_emu_req_ricm(req, &d->ricm, err);
    return rc;
}

static enum sst_code
validate(const struct json_object *req, struct del *d,
         const struct sst_emu_table *t, struct sst_emu_key *key,
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
        rc = sst_emu_table_key(t, d->key, true, key, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_operator(req, &expr_spec, err);
    /* Seam: the condition is evaluated against the item this delete
     * removes (docs/emulator.md). */
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_parse(req, &expr_spec, &d->x, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_ready(&d->x, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_nested_keys(&d->x, &d->x.e.condition, t, err);
    return rc;
}

static enum sst_code
answer(const struct del *d, struct sst_emu_old_item *old,
       const struct sst_emu_capacity *cap, struct json_object *icm,
       struct json_object **resp, struct sst_err *err)
{
    struct json_object *out = json_object_new_object();
    enum sst_code rc = SST_OK;

    if (out == NULL)
        return sst_emu_nomem(err);
    if (d->rv == SST_EMU_RV_ALL_OLD && old->found) {
        if (json_object_object_add(out, "Attributes", old->json) != 0)
            rc = sst_emu_nomem(err);
        else
            old->json = NULL;
    }
    if (rc == SST_OK)
        rc = sst_emu_capacity_answer(out, cap, d->rcc, err);
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
sst_emu_op_delete_item(struct sst_emu *emu, const struct json_object *req,
                       struct json_object **resp, struct sst_err *err)
{
    struct del d = {0};
    struct sst_emu_txn *txn = NULL;
    const struct sst_emu_table *t = NULL;
    struct sst_emu_old_item old = {0};
    struct sst_emu_capacity cap;
    struct json_object *icm = NULL;
    struct sst_emu_key key;
    enum sst_code rc;

    *resp = NULL;
    sst_emu_key_init(&key);
    rc = decode(req, &d, err);
    if (rc == SST_OK)
        rc = sst_emu_txn_begin(sst_emu_store_of(emu), true, &txn, err);
    if (rc == SST_OK)
        rc = sst_emu_table_lookup(txn, d.table, &t, err);
    if (rc == SST_OK)
        rc = validate(req, &d, t, &key, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_check_item(&d.x, txn, t, &key, d.all_old, NULL,
                                         resp, err);
    if (rc != SST_OK)
        goto out;
    old.want_json = d.rv == SST_EMU_RV_ALL_OLD;
    sst_emu_capacity_init(&cap, t);
    rc = sst_emu_write_delete(txn, t, &key, &old, &cap, err);
    if (rc == SST_OK && d.ricm)
        rc = sst_emu_item_collection(txn, t, d.key, &icm, err);
    if (rc != SST_OK)
        goto out;
    rc = sst_emu_txn_commit(txn, err);
    txn = NULL;
    if (rc == SST_OK)
        rc = answer(&d, &old, &cap, icm, resp, err);
out:
    json_object_put(icm);
    sst_emu_old_item_cleanup(&old);
    sst_emu_txn_abort(txn);
    sst_emu_table_release(t);
    sst_emu_key_cleanup(&key);
    sst_emu_op_exprs_cleanup(&d.x);
    sst_av_free(d.key);
    return rc;
}
