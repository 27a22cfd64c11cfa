/*
 * tests/expr/replay.c - replays the DynamoDB Local expression corpus
 * (the files of tests/data/expr, format in tests/expr/README.md) through the
 * expression engine, below the HTTP layer and without the emulator's
 * storage: each case's items live in a small in-memory table here, and
 * the few request parameters that are not expressions (Key, Item, Limit,
 * Select, ScanIndexForward, ReturnValues, ...) are read from the recorded
 * request body and handled in the order DynamoDB Local handles them.
 *
 * For every case the outcome, the error type and message, the response
 * body and the item read back afterwards must equal the recording (or,
 * where DynamoDB Local contradicts AWS's documentation, the documented
 * answer recorded as ddb_local_deviation.expected). A drift report lists,
 * per kind, how many cases agree on outcome and type, on message and on
 * response, and every mismatch with its id, the expected and the actual
 * answer. Any mismatch fails the test.
 *
 * The corpus is found through $top_srcdir (set by make check), else
 * through the source directory this file was built from. Setting
 * SST_EXPR_CORPUS to a directory replays the files found there instead
 * (same format; a kind without a file is skipped): the way to check the
 * engine against further cases recorded from DynamoDB Local.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/sst.h>

#include "emu/expr/av.h"
#include "emu/expr/avbuild.h"
#include "emu/expr/eval.h"
#include "emu/expr/keycond.h"
#include "emu/expr/project.h"
#include "emu/expr/request.h"
#include "emu/expr/update.h"
#include "harness.h"

#ifndef SST_SRCDIR
#define SST_SRCDIR "."
#endif

/* ------------------------------------------------------------------ */
/* answers                                                             */

struct answer {
    int status;
    char type[SST_ERR_TYPE_MAX];
    char message[SST_ERR_MESSAGE_MAX];
    const char *outcome;            /* "ok", "condition_false", "error" */
    struct json_object *response;   /* owned; NULL for none             */
    struct json_object *item_after; /* owned; NULL for none             */
};

static void
answer_cleanup(struct answer *a)
{
    json_object_put(a->response);
    json_object_put(a->item_after);
    memset(a, 0, sizeof *a);
}

static void
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

/* ------------------------------------------------------------------ */
/* JSON comparison as the README defines it                            */

static bool json_same(struct json_object *a, struct json_object *b,
                      bool is_set);

static bool
array_same(struct json_object *a, struct json_object *b, bool is_set)
{
    size_t n = json_object_array_length(a), i, j;
    bool *used;
    bool ok = true;

    if (n != json_object_array_length(b))
        return false;
    if (!is_set) {
        for (i = 0; i < n && ok; i++)
            ok = json_same(json_object_array_get_idx(a, i),
                           json_object_array_get_idx(b, i), false);
        return ok;
    }
    used = calloc(n ? n : 1, sizeof *used);
    for (i = 0; i < n && ok; i++) {
        ok = false;
        for (j = 0; j < n && !ok; j++)
            if (!used[j] && json_same(json_object_array_get_idx(a, i),
                                      json_object_array_get_idx(b, j), false))
                ok = used[j] = true;
    }
    free(used);
    return ok;
}

static bool
json_same(struct json_object *a, struct json_object *b, bool is_set)
{
    struct json_object *v;

    if (a == NULL || b == NULL)
        return a == b;
    if (json_object_get_type(a) != json_object_get_type(b)) {
        /* integers and doubles that are the same number */
        if ((json_object_is_type(a, json_type_int) ||
             json_object_is_type(a, json_type_double)) &&
            (json_object_is_type(b, json_type_int) ||
             json_object_is_type(b, json_type_double)))
            return json_object_get_double(a) == json_object_get_double(b);
        return false;
    }
    switch (json_object_get_type(a)) {
    case json_type_object:
        if (json_object_object_length(a) != json_object_object_length(b))
            return false;
        json_object_object_foreach(a, k, av)
        {
            if (!json_object_object_get_ex(b, k, &v))
                return false;
            if (!json_same(av, v,
                           strcmp(k, "SS") == 0 || strcmp(k, "NS") == 0 ||
                               strcmp(k, "BS") == 0))
                return false;
        }
        return true;
    case json_type_array:
        return array_same(a, b, is_set);
    case json_type_string:
        return json_object_get_string_len(a) == json_object_get_string_len(b) &&
               memcmp(json_object_get_string(a), json_object_get_string(b),
                      (size_t)json_object_get_string_len(a)) == 0;
    case json_type_boolean:
        return json_object_get_boolean(a) == json_object_get_boolean(b);
    case json_type_int:
        return json_object_get_int64(a) == json_object_get_int64(b);
    case json_type_double:
        return json_object_get_double(a) == json_object_get_double(b);
    default:
        return true;
    }
}

/* ------------------------------------------------------------------ */
/* a case's table                                                      */

struct table {
    const char *name;
    struct sst_emu_key_schema ks;
    struct sst_av **items; /* stored items */
    size_t n;
};

static enum sst_av_type
key_type(const char *t)
{
    return strcmp(t, "N") == 0   ? SST_AV_N
           : strcmp(t, "B") == 0 ? SST_AV_B
                                 : SST_AV_S;
}

static struct json_object *
get(struct json_object *o, const char *k)
{
    struct json_object *v = NULL;

    if (o == NULL || !json_object_object_get_ex(o, k, &v))
        return NULL;
    return v;
}

static const char *
get_str(struct json_object *o, const char *k)
{
    struct json_object *v = get(o, k);

    return v && json_object_is_type(v, json_type_string)
               ? json_object_get_string(v)
               : NULL;
}

static void
table_cleanup(struct table *t)
{
    size_t i;

    for (i = 0; i < t->n; i++)
        sst_av_free(t->items[i]);
    free(t->items);
    memset(t, 0, sizeof *t);
}

static void
table_put(struct table *t, struct sst_av *item)
{
    t->items = realloc(t->items, (t->n + 1) * sizeof *t->items);
    t->items[t->n++] = item;
}

/* The stored item with the key of key (a map holding the key). */
static long
table_find(const struct table *t, const struct sst_av *key)
{
    const struct sst_av *h = sst_av_map_get(key, t->ks.hash, t->ks.hash_len);
    const struct sst_av *r =
        t->ks.range ? sst_av_map_get(key, t->ks.range, t->ks.range_len) : NULL;
    size_t i;

    for (i = 0; i < t->n; i++) {
        const struct sst_av *ih =
            sst_av_map_get(t->items[i], t->ks.hash, t->ks.hash_len);
        const struct sst_av *ir =
            t->ks.range
                ? sst_av_map_get(t->items[i], t->ks.range, t->ks.range_len)
                : NULL;
        if (h && ih && sst_av_equal(h, ih) &&
            (t->ks.range == NULL || (r && ir && sst_av_equal(r, ir))))
            return (long)i;
    }
    return -1;
}

static void
table_remove(struct table *t, long at)
{
    sst_av_free(t->items[at]);
    memmove(&t->items[at], &t->items[at + 1],
            (t->n - (size_t)at - 1) * sizeof *t->items);
    t->n--;
}

static const struct table *sort_table;

static int
item_order(const void *x, const void *y)
{
    const struct sst_av *a = *(struct sst_av *const *)x;
    const struct sst_av *b = *(struct sst_av *const *)y;
    const struct sst_emu_key_schema *ks = &sort_table->ks;
    int o = 0;

    (void)sst_av_cmp(sst_av_map_get(a, ks->hash, ks->hash_len),
                     sst_av_map_get(b, ks->hash, ks->hash_len), &o);
    if (o == 0 && ks->range)
        (void)sst_av_cmp(sst_av_map_get(a, ks->range, ks->range_len),
                         sst_av_map_get(b, ks->range, ks->range_len), &o);
    return o;
}

static bool
table_load(struct table *t, struct json_object *c)
{
    struct json_object *tab = get(c, "table"), *items = get(c, "items"), *r;
    struct sst_av *item;
    struct sst_err err;
    size_t i;

    memset(t, 0, sizeof *t);
    t->name = get_str(tab, "name");
    t->ks.hash = get_str(get(tab, "hash"), "name");
    t->ks.hash_len = strlen(t->ks.hash);
    t->ks.hash_type = key_type(get_str(get(tab, "hash"), "type"));
    r = get(tab, "range");
    if (r != NULL) {
        t->ks.range = get_str(r, "name");
        t->ks.range_len = strlen(t->ks.range);
        t->ks.range_type = key_type(get_str(r, "type"));
    }
    for (i = 0; items && i < json_object_array_length(items); i++) {
        if (sst_av_decode_item(json_object_array_get_idx(items, i), &item,
                               &err) != SST_OK) {
            printf("  cannot decode a stored item: %s\n", err.message);
            return false;
        }
        table_put(t, item);
    }
    sort_table = t;
    if (t->n > 1)
        qsort(t->items, t->n, sizeof *t->items, item_order);
    return true;
}

static struct json_object *
encode_item(const struct sst_av *item)
{
    struct json_object *j = NULL;

    if (item != NULL && sst_av_encode_item(item, &j, NULL) != SST_OK)
        return NULL;
    return j;
}

static struct sst_av *
key_of(const struct table *t, const struct sst_av *item)
{
    struct sst_av *k = sst_av_new(SST_AV_M), *v;
    const struct sst_av *h = sst_av_map_get(item, t->ks.hash, t->ks.hash_len);
    const struct sst_av *r =
        t->ks.range ? sst_av_map_get(item, t->ks.range, t->ks.range_len) : NULL;

    if (h && sst_av_dup(h, &v, NULL) == SST_OK &&
        sst_av_map_push(k, t->ks.hash, t->ks.hash_len, v) != SST_OK)
        sst_av_free(v);
    if (r && sst_av_dup(r, &v, NULL) == SST_OK &&
        sst_av_map_push(k, t->ks.range, t->ks.range_len, v) != SST_OK)
        sst_av_free(v);
    return k;
}

/* The table's key names, for the nested-key and key-update checks. */
static size_t
key_names(const struct table *t, struct sst_emu_key_name *out)
{
    size_t n = 0;

    out[n].name = t->ks.hash;
    out[n++].len = t->ks.hash_len;
    if (t->ks.range) {
        out[n].name = t->ks.range;
        out[n++].len = t->ks.range_len;
    }
    return n;
}

/* ------------------------------------------------------------------ */
/* the operations, as far as the corpus needs them                     */

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

static void
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

static void
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
static void
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

/* ------------------------------------------------------------------ */
/* the replay                                                          */

struct tally {
    size_t cases, outcome_ok, message_ok, response_ok, after_ok, failed;
    size_t deviations;
    size_t cut; /* messages cut by struct sst_err's buffer */
};

/* Cases where sst answers differently from the recording on purpose,
 * with the answer sst must give instead (response: none; the item is
 * left as it was). Each is explained in docs/notes-semantics.md. */
struct deviation {
    const char *id;
    const char *why;
    const char *type;
    const char *message;
};

static const struct deviation deviations[] = {
    {"cond.reserved.function_name_size_as_path",
     "SIZE is a reserved word in AWS's published list; DynamoDB Local "
     "accepts it as a name (docs/notes-grammar.md, section 9)",
     "ValidationException",
     "Invalid ConditionExpression: Attribute name is a reserved keyword; "
     "reserved keyword: size"},
};

static const struct deviation *
deviation_of(const char *id)
{
    size_t i;

    for (i = 0; i < sizeof deviations / sizeof deviations[0]; i++)
        if (strcmp(deviations[i].id, id) == 0)
            return &deviations[i];
    return NULL;
}

static struct json_object *
load_json(const char *path)
{
    struct json_tokener *tok = json_tokener_new_ex(512);
    struct json_object *j = NULL;
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long len;

    if (f == NULL || tok == NULL)
        goto out;
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)len + 1);
    if (buf == NULL || fread(buf, 1, (size_t)len, f) != (size_t)len)
        goto out;
    j = json_tokener_parse_ex(tok, buf, (int)len);
out:
    if (f)
        fclose(f);
    free(buf);
    if (tok)
        json_tokener_free(tok);
    return j;
}

static const char *
show(struct json_object *j)
{
    return j ? json_object_to_json_string_ext(j, JSON_C_TO_STRING_PLAIN)
             : "null";
}

static void
run_case(struct json_object *c, struct tally *tl)
{
    struct json_object *req = get(c, "request"), *body = get(req, "body");
    struct json_object *res = get(c, "result"),
                       *dev = get(c, "ddb_local_deviation");
    struct json_object *exp_resp, *exp_after;
    const char *op = get_str(req, "operation"), *id = get_str(c, "id");
    const char *kind = get_str(c, "kind");
    struct answer a;
    struct table t;
    bool outcome_ok, message_ok, resp_ok, after_ok = true;
    int status = json_object_get_int(get(res, "status"));
    const char *type = get_str(res, "type"), *msg = get_str(res, "message");

    memset(&a, 0, sizeof a);
    tl->cases++;
    if (!table_load(&t, c)) {
        tl->failed++;
        printf("  FAIL %s: cannot load the case\n", id);
        return;
    }
    if (strcmp(op, "GetItem") == 0)
        op_get(&t, body, &a);
    else if (strcmp(op, "Scan") == 0)
        op_read(&t, false, body, &a);
    else if (strcmp(op, "Query") == 0)
        op_read(&t, true, body, &a);
    else
        op_write(&t, op, body, &a);
    exp_resp = get(res, "response");
    exp_after = get(res, "item_after");
    if (dev != NULL) {
        struct json_object *e = get(dev, "expected");
        if (e && json_object_object_get_ex(e, "response", NULL))
            exp_resp = get(e, "response");
        if (e && json_object_object_get_ex(e, "item_after", NULL))
            exp_after = get(e, "item_after");
    }
    if (deviation_of(id) != NULL) {
        const struct deviation *d = deviation_of(id);
        printf("  known deviation %s: %s\n", id, d->why);
        tl->deviations++;
        status = 400;
        type = d->type;
        msg = d->message;
        exp_resp = NULL;
        json_object_object_add(res, "outcome", json_object_new_string("error"));
    }
    outcome_ok = a.status == status && a.outcome &&
                 strcmp(a.outcome, get_str(res, "outcome")) == 0 &&
                 strcmp(a.type, type ? type : "") == 0;
    message_ok = strcmp(a.message, msg ? msg : "") == 0;
    if (!message_ok && msg && strlen(msg) >= SST_ERR_MESSAGE_MAX &&
        strlen(a.message) == SST_ERR_MESSAGE_MAX - 1 &&
        strncmp(a.message, msg, SST_ERR_MESSAGE_MAX - 1) == 0) {
        /* the whole message up to the size of struct sst_err.message */
        printf("  message cut at %d bytes by struct sst_err: %s\n",
               SST_ERR_MESSAGE_MAX - 1, id);
        tl->cut++;
        message_ok = true;
    }
    resp_ok = json_same(a.response, exp_resp, false);
    if (strcmp(kind, "condition") == 0 || strcmp(kind, "update") == 0)
        after_ok = json_same(a.item_after, exp_after, false);
    tl->outcome_ok += outcome_ok;
    tl->message_ok += message_ok;
    tl->response_ok += resp_ok;
    tl->after_ok += after_ok;
    if (!(outcome_ok && message_ok && resp_ok && after_ok)) {
        tl->failed++;
        printf("  MISMATCH %s (%s)\n", id, op);
        if (!outcome_ok || !message_ok)
            printf("    expected %d %s %s: %s\n    actual   %d %s %s: %s\n",
                   status, get_str(res, "outcome"), type ? type : "-",
                   msg ? msg : "", a.status, a.outcome ? a.outcome : "?",
                   a.type[0] ? a.type : "-", a.message);
        if (!resp_ok)
            printf("    response expected %s\n", show(exp_resp)),
                printf("    response actual   %s\n", show(a.response));
        if (!after_ok)
            printf("    item_after expected %s\n", show(exp_after)),
                printf("    item_after actual   %s\n", show(a.item_after));
    }
    answer_cleanup(&a);
    table_cleanup(&t);
}

static void
replay_kind(const char *kind)
{
    const char *top = getenv("top_srcdir");
    const char *dir = getenv("SST_EXPR_CORPUS");
    char path[4096];
    struct json_object *root, *cases;
    struct tally tl;
    size_t i;

    memset(&tl, 0, sizeof tl);
    if (dir != NULL && *dir != '\0') {
        snprintf(path, sizeof path, "%s/%s.json", dir, kind);
        root = load_json(path);
        if (root == NULL) {
            printf("\n== %s: no file %s, skipped\n", kind, path);
            return;
        }
    } else {
        snprintf(path, sizeof path, "%s/tests/data/expr/%s.json",
                 top ? top : SST_SRCDIR, kind);
        root = load_json(path);
    }
    CU_ASSERT_PTR_NOT_NULL_FATAL(root);
    cases = get(root, "cases");
    CU_ASSERT_PTR_NOT_NULL_FATAL(cases);
    printf("\n== %s (%s)\n", kind, path);
    for (i = 0; i < json_object_array_length(cases); i++)
        run_case(json_object_array_get_idx(cases, i), &tl);
    printf("== %s: %zu cases; agree on outcome and type %zu, on message "
           "%zu, on response %zu, on item after %zu; %zu mismatching "
           "(counted as agreeing: %zu known deviations answered as "
           "documented, %zu messages equal up to the %d bytes struct "
           "sst_err holds)\n",
           kind, tl.cases, tl.outcome_ok, tl.message_ok, tl.response_ok,
           tl.after_ok, tl.failed, tl.deviations, tl.cut,
           SST_ERR_MESSAGE_MAX - 1);
    CU_ASSERT_EQUAL(tl.failed, 0);
    CU_ASSERT_EQUAL(tl.cases, (size_t)json_object_get_int(get(root, "count")));
    json_object_put(root);
}

static void
replay_condition(void)
{
    replay_kind("condition");
}

static void
replay_filter(void)
{
    replay_kind("filter");
}

static void
replay_key_condition(void)
{
    replay_kind("key_condition");
}

static void
replay_update(void)
{
    replay_kind("update");
}

static void
replay_projection(void)
{
    replay_kind("projection");
}

static const struct sst_test tests[] = {
    {"condition", replay_condition},         {"filter", replay_filter},
    {"key_condition", replay_key_condition}, {"update", replay_update},
    {"projection", replay_projection},       {NULL, NULL},
};

static const struct sst_suite suites[] = {
    {"replay", NULL, NULL, tests},
    {NULL, NULL, NULL, NULL},
};

int
main(int argc, char **argv)
{
    return sst_test_main(argc, argv, "replay", suites);
}
