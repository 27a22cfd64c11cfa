/*
 * tests/expr/replay_ops.c - the operations of the corpus replay
 * (tests/expr/replay.c), as far as the corpus needs them: PutItem,
 * DeleteItem, UpdateItem, GetItem, Query and Scan on the in-memory table
 * of a case, through the expression engine, each filling an answer; see
 * replay.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emu/expr/avbuild.h"
#include "emu/expr/eval.h"
#include "emu/expr/project.h"
#include "emu/expr/request.h"
#include "emu/expr/update.h"
#include "replay.h"

void
answer_cleanup(struct answer *a)
{
    json_object_put(a->response);
    json_object_put(a->item_after);
    memset(a, 0, sizeof *a);
}

void
answer_error(struct answer *a, const struct sst_err *err)
{
    a->status = sst_code_http_status(err->code);
    if (a->status == 0)
        a->status = 400;
    snprintf(a->type, sizeof a->type, "%s", err->type);
    snprintf(a->message, sizeof a->message, "%s", err->message);
    a->outcome =
        err->code == SST_E_CONDITION_FAILED ? "condition_false" : "error";
}

static enum sst_code
decode_member_item(struct json_object *body, const char *k, struct sst_av **out,
                   struct sst_err *err)
{
    struct json_object *j = get(body, k);

    *out = NULL;
    if (j == NULL)
        return sst_err_set(err, SST_E_VALIDATION, "missing %s", k);
    return sst_av_decode_item(j, out, err);
}

/* Fill a condition failure: ConditionalCheckFailedException, with the old
 * item when ReturnValuesOnConditionCheckFailure is ALL_OLD. */
static void
condition_failed(struct answer *a, struct json_object *body,
                 const struct sst_av *old)
{
    const char *rv = get_str(body, "ReturnValuesOnConditionCheckFailure");
    struct sst_err err;

    sst_err_set(&err, SST_E_CONDITION_FAILED, "The conditional request failed");
    answer_error(a, &err);
    if (rv && strcmp(rv, "ALL_OLD") == 0 && old != NULL) {
        a->response = json_object_new_object();
        json_object_object_add(a->response, "Item", encode_item(old));
    }
}

static bool
condition_holds(struct sst_emu_exprs *x, const struct sst_av *item)
{
    bool ok = true;

    if (x->condition.ast != NULL &&
        sst_emu_expr_eval(&x->condition, &x->bindings, item, &ok, NULL) !=
            SST_OK)
        return false;
    return ok;
}

void
op_write(struct table *t, const char *op, struct json_object *body,
         struct answer *a)
{
    struct sst_emu_exprs x;
    struct sst_err err;
    struct sst_emu_key_name keys[2];
    struct sst_av *key = NULL, *next = NULL, *attrs = NULL;
    enum sst_emu_return_values rv = SST_EMU_RV_NONE;
    enum sst_emu_request_op rop =
        strcmp(op, "PutItem") == 0      ? SST_EMU_REQ_PUT_ITEM
        : strcmp(op, "DeleteItem") == 0 ? SST_EMU_REQ_DELETE_ITEM
                                        : SST_EMU_REQ_UPDATE_ITEM;
    const struct sst_av *old = NULL;
    size_t nkeys = key_names(t, keys);
    long at;
    enum sst_code rc;

    sst_emu_exprs_init(&x);
    rc = SST_OK;
    if (get_str(body, "ReturnValues"))
        rc = sst_emu_return_values_parse(get_str(body, "ReturnValues"), &rv,
                                         &err);
    if (rc == SST_OK)
        rc = sst_emu_exprs_from_json(&x, rop, body, &err);
    if (rc == SST_OK)
        rc = decode_member_item(
            body, rop == SST_EMU_REQ_PUT_ITEM ? "Item" : "Key", &key, &err);
    if (rc != SST_OK)
        goto error;
    at = table_find(t, key);
    old = at >= 0 ? t->items[at] : NULL;
    rc = sst_emu_expr_check_nested_keys(&x.condition, &x.bindings, keys, nkeys,
                                        &err);
    if (rc != SST_OK)
        goto error;
    if (!condition_holds(&x, old)) {
        condition_failed(a, body, old);
        goto out;
    }
    switch (rop) {
    case SST_EMU_REQ_PUT_ITEM:
        if (rv == SST_EMU_RV_ALL_OLD && old)
            rc = sst_av_dup(old, &attrs, &err);
        next = key;
        key = NULL;
        break;
    case SST_EMU_REQ_DELETE_ITEM:
        if (rv == SST_EMU_RV_ALL_OLD && old)
            rc = sst_av_dup(old, &attrs, &err);
        break;
    default:
        rc = sst_emu_update_check_keys(&x.update, keys, nkeys, &err);
        if (rc == SST_OK)
            rc = sst_emu_expr_check_nested_keys(&x.update, &x.bindings, keys,
                                                nkeys, &err);
        if (rc != SST_OK)
            break;
        if (x.update.ast != NULL)
            rc = sst_emu_update_apply(&x.update, &x.bindings, old ? old : key,
                                      &next, &err);
        else
            rc = sst_av_dup(old ? old : key, &next, &err);
        if (rc == SST_OK)
            rc = sst_emu_update_return_values(&x.update, rv, old, next, &attrs,
                                              &err);
        break;
    }
    if (rc != SST_OK)
        goto error;
    if (at >= 0)
        table_remove(t, at);
    if (next != NULL) {
        table_put(t, next);
        next = NULL;
    }
    a->status = 200;
    a->outcome = "ok";
    a->response = json_object_new_object();
    if (attrs != NULL)
        json_object_object_add(a->response, "Attributes", encode_item(attrs));
    if (rop == SST_EMU_REQ_DELETE_ITEM && at < 0) {
        /* DynamoDB Local reports the capacity of a DeleteItem that found
         * no item, asked or not (an operation-layer habit, recorded in
         * docs/notes-semantics.md) */
        struct json_object *cc = json_object_new_object();
        json_object_object_add(cc, "CapacityUnits",
                               json_object_new_double(1.0));
        json_object_object_add(cc, "TableName",
                               json_object_new_string(t->name));
        json_object_object_add(a->response, "ConsumedCapacity", cc);
    }
    goto out;
error:
    answer_error(a, &err);
out:
    /* the item read back afterwards */
    if (key == NULL && rop == SST_EMU_REQ_PUT_ITEM)
        (void)decode_member_item(body, "Item", &key, NULL);
    if (key == NULL)
        (void)decode_member_item(body, "Key", &key, NULL);
    if (key != NULL) {
        at = table_find(t, key);
        a->item_after = at >= 0 ? encode_item(t->items[at]) : NULL;
    }
    sst_av_free(key);
    sst_av_free(next);
    sst_av_free(attrs);
    sst_emu_exprs_cleanup(&x);
}

void
op_get(struct table *t, struct json_object *body, struct answer *a)
{
    struct sst_emu_exprs x;
    struct sst_err err;
    struct sst_emu_key_name keys[2];
    struct sst_av *key = NULL, *proj = NULL;
    size_t nkeys = key_names(t, keys);
    enum sst_code rc;
    long at;

    sst_emu_exprs_init(&x);
    rc = sst_emu_exprs_from_json(&x, SST_EMU_REQ_GET_ITEM, body, &err);
    if (rc == SST_OK)
        rc = decode_member_item(body, "Key", &key, &err);
    if (rc == SST_OK)
        rc = sst_emu_expr_check_nested_keys(&x.projection, &x.bindings, keys,
                                            nkeys, &err);
    if (rc != SST_OK) {
        answer_error(a, &err);
        goto out;
    }
    at = table_find(t, key);
    a->status = 200;
    a->outcome = "ok";
    a->response = json_object_new_object();
    if (at >= 0) {
        if (x.projection.ast != NULL) {
            rc = sst_emu_project(&x.projection, t->items[at], &proj, &err);
            json_object_object_add(a->response, "Item",
                                   rc == SST_OK ? encode_item(proj) : NULL);
        } else {
            json_object_object_add(a->response, "Item",
                                   encode_item(t->items[at]));
        }
    }
out:
    sst_av_free(proj);
    sst_av_free(key);
    sst_emu_exprs_cleanup(&x);
}

/* Whether a Query's sort-key condition ends the range in the direction
 * of the scan. */
static bool
bounded_end(enum sst_emu_key_op op, bool forward)
{
    switch (op) {
    case SST_EMU_KEY_EQ:
    case SST_EMU_KEY_BETWEEN:
    case SST_EMU_KEY_BEGINS_WITH:
        return true;
    case SST_EMU_KEY_LT:
    case SST_EMU_KEY_LE:
        return forward;
    case SST_EMU_KEY_GT:
    case SST_EMU_KEY_GE:
        return !forward;
    default:
        return false;
    }
}

/* Whether an item after position k (in scan order) is in the key range. */
static bool
more_in_range(const struct table *t, const struct sst_emu_key_condition *kc,
              bool forward, size_t k)
{
    size_t j;

    for (j = k + 1; j < t->n; j++) {
        const struct sst_av *it = t->items[forward ? j : t->n - 1 - j];
        const struct sst_av *h = sst_av_map_get(it, t->ks.hash, t->ks.hash_len);
        const struct sst_av *r =
            t->ks.range ? sst_av_map_get(it, t->ks.range, t->ks.range_len)
                        : NULL;
        if (h != NULL && sst_av_equal(h, kc->hash) &&
            sst_emu_key_condition_match(kc, r))
            return true;
    }
    return false;
}

/* Scan and Query. A page ends at Limit items read. DynamoDB Local then
 * answers a LastEvaluatedKey, except in a Query when no further item is
 * in the key range and the range is closed on the side the Query reads
 * towards (a table without sort key, or a sort-key condition bounding
 * that side): an operation-layer habit recorded in
 * docs/notes-semantics.md. */
void
op_read(struct table *t, bool query, struct json_object *body, struct answer *a)
{
    struct sst_emu_exprs x;
    struct sst_err err;
    struct sst_emu_key_name keys[2];
    struct sst_emu_key_condition kc;
    struct json_object *items = NULL, *jl = get(body, "Limit"), *fw;
    struct sst_av *proj, *lek = NULL;
    const char *select = get_str(body, "Select");
    size_t nkeys = key_names(t, keys), i, k, scanned = 0, count = 0;
    long limit = jl ? (long)json_object_get_int64(jl) : -1;
    bool forward = true, ok;
    enum sst_code rc;

    memset(&kc, 0, sizeof kc);
    fw = get(body, "ScanIndexForward");
    if (fw != NULL)
        forward = json_object_get_boolean(fw);
    sst_emu_exprs_init(&x);
    rc = sst_emu_exprs_from_json(
        &x, query ? SST_EMU_REQ_QUERY : SST_EMU_REQ_SCAN, body, &err);
    if (rc == SST_OK)
        rc = sst_emu_expr_check_nested_keys(&x.key_condition, &x.bindings, keys,
                                            nkeys, &err);
    if (rc == SST_OK)
        rc = sst_emu_expr_check_nested_keys(&x.filter, &x.bindings, keys, nkeys,
                                            &err);
    if (rc == SST_OK)
        rc = sst_emu_expr_check_nested_keys(&x.projection, &x.bindings, keys,
                                            nkeys, &err);
    if (rc == SST_OK && query)
        rc = sst_emu_key_condition_analyze(&x.key_condition, &x.bindings,
                                           &t->ks, &kc, &err);
    if (rc == SST_OK && query)
        rc = sst_emu_filter_check_keys(&x.filter, &x.bindings, &t->ks, &err);
    if (rc == SST_OK && select && x.projection.ast &&
        strcmp(select, "ALL_ATTRIBUTES") == 0)
        rc = sst_err_set(&err, SST_E_VALIDATION,
                         "Cannot specify the ProjectionExpression when "
                         "choosing to get ALL_ATTRIBUTES");
    if (rc == SST_OK && select && x.projection.ast &&
        strcmp(select, "COUNT") == 0)
        rc = sst_err_set(&err, SST_E_VALIDATION,
                         "Cannot specify the ProjectionExpression when "
                         "choosing to get only the Count");
    if (rc != SST_OK) {
        answer_error(a, &err);
        goto out;
    }
    items = json_object_new_array();
    for (k = 0; k < t->n; k++) {
        const struct sst_av *it = t->items[forward ? k : t->n - 1 - k];
        if (query) {
            const struct sst_av *h =
                sst_av_map_get(it, t->ks.hash, t->ks.hash_len);
            const struct sst_av *r =
                t->ks.range ? sst_av_map_get(it, t->ks.range, t->ks.range_len)
                            : NULL;
            if (h == NULL || !sst_av_equal(h, kc.hash) ||
                !sst_emu_key_condition_match(&kc, r))
                continue;
        }
        scanned++;
        ok = true;
        if (x.filter.ast != NULL &&
            sst_emu_expr_eval(&x.filter, &x.bindings, it, &ok, NULL) != SST_OK)
            ok = false;
        if (ok) {
            count++;
            if (x.projection.ast != NULL &&
                sst_emu_project(&x.projection, it, &proj, NULL) == SST_OK) {
                json_object_array_add(items, encode_item(proj));
                sst_av_free(proj);
            } else if (x.projection.ast == NULL) {
                json_object_array_add(items, encode_item(it));
            }
        }
        if (limit > 0 && scanned == (size_t)limit) {
            if (!query || more_in_range(t, &kc, forward, k) ||
                (t->ks.range != NULL && !bounded_end(kc.op, forward)))
                lek = key_of(t, it);
            break;
        }
    }
    a->status = 200;
    a->outcome = "ok";
    a->response = json_object_new_object();
    json_object_object_add(a->response, "Count",
                           json_object_new_int64((int64_t)count));
    if (select == NULL || strcmp(select, "COUNT") != 0) {
        json_object_object_add(a->response, "Items", items);
        items = NULL;
    }
    if (lek != NULL)
        json_object_object_add(a->response, "LastEvaluatedKey",
                               encode_item(lek));
    json_object_object_add(a->response, "ScannedCount",
                           json_object_new_int64((int64_t)scanned));
out:
    (void)i;
    json_object_put(items);
    sst_av_free(lek);
    sst_emu_exprs_cleanup(&x);
}
