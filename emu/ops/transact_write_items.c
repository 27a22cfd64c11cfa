/*
 * emu/ops/transact_write_items.c - TransactWriteItems.
 *
 * Up to 100 actions (ConditionCheck, Put, Delete, Update) on distinct
 * items of one or more tables, all or nothing, in ONE LMDB write
 * transaction: every action is checked and run inside it; when any
 * action fails (its condition, or a per-item validation DynamoDB reports
 * as a cancellation reason) the LMDB transaction is aborted and the
 * answer is TransactionCanceledException with its CancellationReasons
 * (emu/ops/transact.h). The actions reuse the item operations' plumbing:
 * request.h for items and keys, keys.h, exprs.h for conditions and
 * updates, writes.h for the rows, capacity.h for what they cost (twice
 * the single operation's, as DynamoDB charges transactions).
 *
 * Checks, in DynamoDB Local's order (tests/data/emu/txn.py records it):
 *   1. the JSON shape, and the items', keys' and values' JSON
 *      (SerializationException)
 *   2. TransactItems given, not empty, at most 100; ClientRequestToken's
 *      length; ReturnConsumedCapacity and ReturnItemCollectionMetrics
 *      (AWS's enum checks)
 *   3. every action is exactly one of ConditionCheck, Put, Delete,
 *      Update
 *   4. every action's TableName given, then every action's
 *      ReturnValuesOnConditionCheckFailure (AWS's enum)
 *   5. action by action: the expression parameters and the expressions
 *      themselves, the item's or key's attribute values (400 KB), then
 *      the 4 MB limit on the transaction's payload
 *   6. the ClientRequestToken: a live token for the same TransactItems
 *      answers success again, without applying anything; for other
 *      TransactItems IdempotentParameterMismatchException
 *      (emu/ops/transact_token.c)
 *   7. and 8., action by action, as DynamoDB Local checks and runs
 *      them: the table name, the table exists, the Item or Key given, a
 *      ConditionCheck's ConditionExpression and an Update's
 *      UpdateExpression given, the key (a key of the wrong type or size
 *      is a ValidationError reason); then, when the action comes to run,
 *      nested access to key attributes in the condition (not a
 *      ConditionCheck's), the index keys of a Put (likewise a reason when
 *      of the wrong type), one action per item, and the action itself.
 *      Every action is evaluated, so that every reason is known.
 */
#include <string.h>

#include <json-c/json.h>

#include <sst/mem.h>

#include "emu/ops/common.h"
#include "emu/ops/exprs.h"
#include "emu/ops/keys.h"
#include "emu/ops/ops.h"
#include "emu/ops/request.h"
#include "emu/ops/transact.h"
#include "emu/ops/writes.h"
#include "emu/store/item.h"
#include "emu/store/rows.h"

#define MSG_NONE                                                               \
    "Invalid Request: TransactWriteRequest should contain Delete or Put or "   \
    "Update request"
#define MSG_MANY                                                               \
    "TransactItems can only contain one of Check, Put, Update or Delete"
#define MSG_CONDITION_FAILED "The conditional request failed"
/* A failed ConditionCheck's reason, with its full stop (DynamoDB Local). */
#define MSG_CHECK_FAILED "The conditional request failed."
#define CODE_CONDITION "ConditionalCheckFailed"
#define CODE_VALIDATION "ValidationError"
#define MSG_PAYLOAD                                                            \
    "Transaction payload size cannot exceed 4MB. Payload Size: %llu"
/* AWS's limit on a transaction's size. */
#define MAX_PAYLOAD ((uint64_t)4 * 1024 * 1024)

#define S(n) {n, SST_EMU_SHAPE_STRING, NULL}
#define END {NULL, SST_EMU_SHAPE_STRING, NULL}

enum kind { K_CHECK, K_PUT, K_DELETE, K_UPDATE, K_COUNT };

static const struct sst_emu_shape string_elem = S("");
static const struct sst_emu_shape plain[] = {
    S("TableName"), S("ConditionExpression"),
    {"ExpressionAttributeNames", SST_EMU_SHAPE_MAP, &string_elem},
    S("ReturnValuesOnConditionCheckFailure"), END};
static const struct sst_emu_shape update[] = {
    S("TableName"), S("ConditionExpression"), S("UpdateExpression"),
    {"ExpressionAttributeNames", SST_EMU_SHAPE_MAP, &string_elem},
    S("ReturnValuesOnConditionCheckFailure"), END};
static const struct sst_emu_shape action[] = {
    {"ConditionCheck", SST_EMU_SHAPE_STRUCT, plain},
    {"Put", SST_EMU_SHAPE_STRUCT, plain},
    {"Delete", SST_EMU_SHAPE_STRUCT, plain},
    {"Update", SST_EMU_SHAPE_STRUCT, update},
    END};
static const struct sst_emu_shape action_elem = {"", SST_EMU_SHAPE_STRUCT,
                                                 action};
static const struct sst_emu_shape request[] = {
    {"TransactItems", SST_EMU_SHAPE_LIST, &action_elem},
    S("ReturnConsumedCapacity"),
    S("ReturnItemCollectionMetrics"),
    S("ClientRequestToken"),
    END};

/* Per kind: its member, its name in paths, its Item or Key member, its
 * required expression, and its expression parameters. */
static const char *const member[K_COUNT] = {"ConditionCheck", "Put", "Delete",
                                            "Update"};
static const char *const path[K_COUNT] = {"conditionCheck", "put", "delete",
                                          "update"};
static const char *const required_expr[K_COUNT] = {
    "ConditionExpression", NULL, NULL, "UpdateExpression"};
static const char *const required_path[K_COUNT] = {
    "conditionExpression", NULL, NULL, "updateExpression"};

static const char *const cond_only[] = {"ConditionExpression", NULL};
static const char *const upd_cond[] = {"UpdateExpression",
                                       "ConditionExpression", NULL};
static const struct sst_emu_expr_spec specs[K_COUNT] = {
    {NULL, cond_only, cond_only, "ConditionExpression is null", NULL,
     SST_EMU_REQ_DELETE_ITEM},
    {NULL, cond_only, cond_only, "ConditionExpression is null", NULL,
     SST_EMU_REQ_PUT_ITEM},
    {NULL, cond_only, cond_only, "ConditionExpression is null", NULL,
     SST_EMU_REQ_DELETE_ITEM},
    {NULL, upd_cond, upd_cond,
     "UpdateExpression and ConditionExpression are null", NULL,
     SST_EMU_REQ_UPDATE_ITEM}};

struct action {
    enum kind kind;
    unsigned kinds;           /* how many action members were given  */
    struct json_object *body; /* the action's object, borrowed       */
    const char *table_name;
    struct json_object *attrs_json; /* Item (Put) or Key, borrowed     */
    struct sst_av *attrs;
    struct sst_emu_deferred later;
    uint64_t values_size; /* ExpressionAttributeValues, as DynamoDB counts */
    struct sst_emu_op_exprs x;
    bool all_old;
    const struct sst_emu_table *t;
    struct sst_emu_key key;
    struct sst_emu_tx_reason reason;
};

struct twi {
    struct json_object *list;
    struct action *a;
    size_t n;
    uint64_t payload; /* step 5's running total */
    enum sst_emu_rcc rcc;
    bool ricm;
    const char *token;
    struct sst_emu_tx_caps caps;
    struct json_object *metrics; /* {table: [ItemCollectionMetrics]} */
    bool same_item_first;        /* ExecuteTransaction's order */
};

static void
twi_cleanup(struct twi *w)
{
    size_t i;

    for (i = 0; i < w->n; i++) {
        sst_av_free(w->a[i].attrs);
        sst_emu_op_exprs_cleanup(&w->a[i].x);
        sst_emu_table_release(w->a[i].t);
        sst_emu_key_cleanup(&w->a[i].key);
        sst_emu_tx_reason_cleanup(&w->a[i].reason);
    }
    sst_free(w->a);
    sst_emu_tx_caps_cleanup(&w->caps);
    json_object_put(w->metrics);
}

/* ------------------------------------------------------------------ */
/* steps 1 to 5: the request itself                                    */

static enum sst_code
decode_action(struct json_object *j, struct action *a, struct sst_err *err)
{
    struct sst_emu_deferred ignored = {SST_OK, {0}};
    struct sst_av *values = NULL;
    enum sst_code rc = SST_OK;
    size_t i;
    int k;

    sst_emu_key_init(&a->key);
    for (k = K_COUNT - 1; k >= 0; k--)
        if (sst_emu_get(j, member[k]) != NULL) {
            a->kind = (enum kind)k;
            a->kinds++;
        }
    if (a->kinds == 0)
        return SST_OK; /* step 3 */
    a->body = sst_emu_get(j, member[a->kind]);
    a->table_name = sst_emu_get_string(a->body, "TableName");
    a->attrs_json = sst_emu_get(a->body, a->kind == K_PUT ? "Item" : "Key");
    if (a->attrs_json != NULL)
        rc = sst_emu_req_item(a->attrs_json, &a->attrs, &a->later, err);
    if (rc == SST_OK && sst_emu_get(a->body, "ExpressionAttributeValues"))
        rc = sst_emu_req_item(sst_emu_get(a->body, "ExpressionAttributeValues"),
                              &values, &ignored, err);
    for (i = 0; values != NULL && i < values->u.map.len; i++)
        a->values_size += sst_av_size(values->u.map.v[i].value);
    sst_av_free(values);
    return rc;
}

static enum sst_code
decode(const struct json_object *req, struct twi *w, struct sst_err *err)
{
    enum sst_code rc;
    size_t i, n;

    rc = sst_emu_check_shape(req, request, err);
    if (rc != SST_OK)
        return rc;
    w->list = sst_emu_get(req, "TransactItems");
    n = w->list ? json_object_array_length(w->list) : 0;
    if (n == 0 || n > SST_EMU_TX_MAX_ITEMS)
        return SST_OK; /* step 2 */
    w->a = sst_calloc(n, sizeof *w->a);
    if (w->a == NULL)
        return sst_emu_nomem(err);
    for (i = 0; i < n && rc == SST_OK; i++) {
        w->n = i + 1;
        rc = decode_action(json_object_array_get_idx(w->list, i), &w->a[i],
                           err);
    }
    return rc;
}

/* Step 4 for one action (number i + 1 in messages). */
static enum sst_code
check_members(struct action *a, size_t i, struct sst_err *err)
{
    const char *rv;

    if (a->table_name == NULL)
        return sst_err_set(err, SST_E_VALIDATION, SST_EMU_MSG_TX_MEMBER_NULL,
                           i + 1, path[a->kind], "tableName");
    rv = sst_emu_get_string(a->body, "ReturnValuesOnConditionCheckFailure");
    if (rv != NULL && strcmp(rv, "NONE") != 0 && strcmp(rv, "ALL_OLD") != 0)
        return sst_err_set(err, SST_E_VALIDATION, SST_EMU_MSG_TX_RVOCCF, rv,
                           i + 1, path[a->kind]);
    a->all_old = rv != NULL && strcmp(rv, "ALL_OLD") == 0;
    return SST_OK;
}

/* Step 7: the members DynamoDB requires but checks only once it has the
 * table. */
static enum sst_code
check_required(const struct action *a, size_t i, struct sst_err *err)
{
    if (a->attrs_json == NULL)
        return sst_err_set(err, SST_E_VALIDATION, SST_EMU_MSG_TX_MEMBER_NULL,
                           i + 1, path[a->kind],
                           a->kind == K_PUT ? "item" : "key");
    if (required_expr[a->kind] != NULL &&
        sst_emu_get(a->body, required_expr[a->kind]) == NULL)
        return sst_err_set(err, SST_E_VALIDATION, SST_EMU_MSG_TX_MEMBER_NULL,
                           i + 1, path[a->kind], required_path[a->kind]);
    return SST_OK;
}

/* Steps 2 to 4. */
static enum sst_code
check_request(const struct json_object *req, struct twi *w,
              struct sst_err *err)
{
    enum sst_code rc;
    size_t i;

    rc = sst_emu_tx_check_list(w->list, err);
    if (rc == SST_OK)
        rc = sst_emu_tx_token(req, &w->token, err);
    if (rc == SST_OK)
        rc = sst_emu_req_rcc(req, &w->rcc, err);
    if (rc == SST_OK)
        rc = sst_emu_req_ricm(req, &w->ricm, err);
    for (i = 0; rc == SST_OK && i < w->n; i++) {
        if (w->a[i].kinds == 0)
            return sst_err_set(err, SST_E_VALIDATION, MSG_NONE);
        if (w->a[i].kinds > 1)
            return sst_err_set(err, SST_E_VALIDATION, MSG_MANY);
    }
    for (i = 0; rc == SST_OK && i < w->n; i++)
        rc = check_members(&w->a[i], i, err);
    return rc;
}

/* Step 5 for one action: its expressions, then a Put's item (DynamoDB
 * Local checks an action's expressions first; PutItem checks the item
 * first). */
static enum sst_code
check_values(struct action *a, struct sst_err *err)
{
    const struct sst_emu_expr_spec *spec = &specs[a->kind];
    enum sst_code rc = SST_OK;

    /* without its required expression, the action fails at step 7 */
    if (required_expr[a->kind] == NULL ||
        sst_emu_get(a->body, required_expr[a->kind]) != NULL) {
        rc = sst_emu_op_exprs_prepare(a->body, spec, &a->x, err);
        if (rc == SST_OK)
            rc = sst_emu_op_exprs_parse(a->body, spec, &a->x, err);
    }
    if (rc != SST_OK)
        return rc;
    /* a missing Item or Key is reported at step 7 */
    if (a->kind == K_PUT && a->attrs_json != NULL)
        return sst_emu_req_check_item(a->attrs_json, a->attrs, &a->later,
                                      err);
    return sst_emu_deferred_raise(&a->later, err);
}

/*
 * Step 5, after each action's own checks: DynamoDB's 4 MB limit on a
 * transaction, counted as DynamoDB Local counts it, action by action: the
 * item or key, the expressions' text, the values of
 * ExpressionAttributeValues and ExpressionAttributeNames. The total is
 * reported as it stands when it first passes the limit.
 */
static enum sst_code
add_payload(struct twi *w, const struct action *a, struct sst_err *err)
{
    struct json_object *names;
    const char *e;

    w->payload += a->attrs ? sst_av_item_size(a->attrs) : 0;
    w->payload += a->values_size;
    if ((e = sst_emu_get_string(a->body, "ConditionExpression")) != NULL)
        w->payload += strlen(e);
    if ((e = sst_emu_get_string(a->body, "UpdateExpression")) != NULL)
        w->payload += strlen(e);
    names = sst_emu_get(a->body, "ExpressionAttributeNames");
    if (names != NULL) {
        json_object_object_foreach(names, k, v)
        {
            (void)k;
            w->payload += (uint64_t)json_object_get_string_len(v);
        }
    }
    if (w->payload > MAX_PAYLOAD)
        return sst_err_set(err, SST_E_VALIDATION, MSG_PAYLOAD,
                           (unsigned long long)w->payload);
    return SST_OK;
}

/* ------------------------------------------------------------------ */
/* step 7: the tables and the keys                                     */

/* Keep a per-item validation fault as the action's reason; pass any
 * other result on. */
static enum sst_code
as_reason(enum sst_code rc, const struct sst_err *e, struct action *a,
          struct sst_err *err)
{
    if (rc == SST_OK)
        return SST_OK;
    if (sst_emu_tx_is_reason(e)) {
        sst_emu_tx_reason_set(&a->reason, CODE_VALIDATION, e->message, NULL);
        sst_emu_key_reset(&a->key); /* no key: it meets no other action */
        return SST_OK;
    }
    if (err != NULL)
        *err = *e;
    return rc;
}

static enum sst_code
check_table(struct sst_emu_txn *txn, struct twi *w, size_t i,
            struct sst_err *err)
{
    struct action *a = &w->a[i];
    struct sst_err e = {0};
    enum sst_code rc;

    if (!sst_emu_valid_table_name(a->table_name))
        return sst_err_set(err, SST_E_VALIDATION, SST_EMU_MSG_TABLE_NAME);
    rc = sst_emu_table_lookup(txn, a->table_name, &a->t, err);
    if (rc == SST_OK)
        rc = check_required(a, i, err);
    if (rc != SST_OK)
        return rc;
    rc = sst_emu_table_key(a->t, a->attrs, a->kind != K_PUT, &a->key, &e);
    return as_reason(rc, &e, a, err);
}

/* The checks DynamoDB Local makes of an action when it runs it, after
 * running the actions before it (so an earlier Update's failure comes
 * first): nested access to key attributes in the condition, which a
 * ConditionCheck may make (pk.a, gpk[0]) but Put, Update and Delete may
 * not, as PutItem, UpdateItem and DeleteItem may not; then a Put's index
 * keys. */
static enum sst_code
check_when_run(struct action *a, struct sst_err *err)
{
    struct sst_err e = {0};
    enum sst_code rc = SST_OK;

    if (a->kind != K_CHECK)
        rc = sst_emu_op_exprs_nested_keys(&a->x, &a->x.e.condition, a->t, err);
    if (rc == SST_OK && a->kind == K_PUT)
        rc = as_reason(sst_emu_check_index_keys(a->t, a->attrs, &e), &e, a,
                       err);
    return rc;
}

/* Two actions on one item: the request is refused when the later one
 * comes to run, after its own checks (AWS documents the refusal; an
 * action whose key was invalid has none and meets no other), or, for
 * ExecuteTransaction's statements, before them (same_item_first).
 * DynamoDB Local lets an earlier action's failed condition, or this
 * one's, cancel the transaction instead, and reports this one's runtime
 * fault (docs/fidelity.md). */
static enum sst_code
check_same_item(const struct twi *w, const struct action *a,
                struct sst_err *err)
{
    const struct action *b;

    for (b = w->a; b < a; b++)
        if (sst_emu_tx_same_item(b->t, &b->key, a->t, &a->key))
            return sst_err_set(err, SST_E_VALIDATION,
                               SST_EMU_MSG_TX_SAME_ITEM);
    return SST_OK;
}

/* ------------------------------------------------------------------ */
/* step 8: running the actions                                         */

/* The item of a failed condition ({"Item": ...}), taken out of fail. */
static struct json_object *
take_item(struct json_object *fail)
{
    struct json_object *item = NULL;

    if (fail != NULL && json_object_object_get_ex(fail, "Item", &item))
        json_object_get(item);
    json_object_put(fail);
    return item;
}

static enum sst_code
add_metrics(struct sst_emu_txn *txn, struct twi *w, const struct action *a,
            const struct sst_av *attrs, struct sst_err *err)
{
    struct sst_emu_json b = {false};
    struct json_object *m = NULL, *list;
    enum sst_code rc;

    if (!w->ricm || a->kind == K_CHECK)
        return SST_OK;
    rc = sst_emu_item_collection(txn, a->t, attrs, &m, err);
    if (rc != SST_OK || m == NULL)
        return rc;
    if (w->metrics == NULL && (w->metrics = json_object_new_object()) == NULL)
        b.failed = true;
    if (!b.failed && !json_object_object_get_ex(w->metrics, a->t->name, &list))
        list = sst_emu_json_add(&b, w->metrics, a->t->name,
                                json_object_new_array());
    sst_emu_json_push(&b, b.failed ? NULL : list, m);
    return b.failed ? sst_emu_nomem(err) : SST_OK;
}

/* Update: the new item, with a per-item fault kept as the reason. */
static enum sst_code
updated_item(struct action *a, const struct sst_av *old,
             struct sst_av **new_item, struct sst_err *err)
{
    struct sst_av *attrs = NULL;
    struct sst_err e = {0};
    enum sst_code rc;

    rc = sst_emu_op_exprs_update(&a->x, a->t, old, a->attrs, SST_EMU_RV_NONE,
                                 new_item, &attrs, &e);
    sst_av_free(attrs);
    if (rc == SST_OK)
        rc = sst_emu_check_updated_index_keys(a->t, *new_item, &e);
    rc = as_reason(rc, &e, a, err);
    if (a->reason.code != NULL) {
        sst_av_free(*new_item);
        *new_item = NULL;
    }
    return rc;
}

static enum sst_code
run_action(struct sst_emu_txn *txn, struct twi *w, struct action *a,
           struct sst_err *err)
{
    struct sst_av *old = NULL, *new_item = NULL;
    struct json_object *fail = NULL;
    struct sst_emu_capacity cap;
    struct sst_err e = {0};
    enum sst_code rc;

    if (a->reason.code != NULL)
        return SST_OK; /* failed its checks */
    if (w->same_item_first)
        rc = check_same_item(w, a, err);
    else
        rc = check_when_run(a, err);
    if (rc == SST_OK && a->reason.code == NULL)
        rc = w->same_item_first ? check_when_run(a, err)
                                : check_same_item(w, a, err);
    if (rc != SST_OK || a->reason.code != NULL)
        return rc;
    sst_emu_capacity_init(&cap, a->t);
    rc = sst_emu_op_exprs_check_item(&a->x, txn, a->t, &a->key, a->all_old,
                                     &old, &fail, &e);
    if (rc == SST_E_CONDITION_FAILED) {
        sst_emu_tx_reason_set(&a->reason, CODE_CONDITION,
                              a->kind == K_CHECK ? MSG_CHECK_FAILED
                                                 : MSG_CONDITION_FAILED,
                              take_item(fail));
        return SST_OK;
    }
    if (rc != SST_OK) {
        if (err != NULL)
            *err = e;
        return rc;
    }
    switch (a->kind) {
    case K_CHECK:
        /* a condition check costs the write of the item it reads */
        cap.table_half = sst_emu_write_half_units(old ? sst_av_item_size(old)
                                                      : 0);
        break;
    case K_PUT:
        rc = sst_emu_write_put(txn, a->t, a->attrs, &a->key, NULL, &cap, err);
        break;
    case K_DELETE:
        rc = sst_emu_write_delete(txn, a->t, &a->key, NULL, &cap, err);
        break;
    default:
        rc = updated_item(a, old, &new_item, err);
        if (rc == SST_OK && new_item != NULL)
            rc = sst_emu_write_put(txn, a->t, new_item, &a->key, NULL, &cap,
                                   err);
        break;
    }
    if (rc == SST_OK && a->reason.code == NULL) {
        sst_emu_tx_caps_add(&w->caps, &cap, 2);
        rc = add_metrics(txn, w, a, new_item ? new_item : a->attrs, err);
    }
    sst_av_free(new_item);
    sst_av_free(old);
    return rc;
}

static enum sst_code
answer(struct twi *w, struct json_object **resp, struct sst_err *err)
{
    struct json_object *out = json_object_new_object();
    enum sst_code rc;

    if (out == NULL)
        return sst_emu_nomem(err);
    rc = sst_emu_tx_caps_answer(out, &w->caps, w->rcc, err);
    if (rc == SST_OK && w->metrics != NULL) {
        if (json_object_object_add(out, "ItemCollectionMetrics",
                                   w->metrics) != 0)
            rc = sst_emu_nomem(err);
        else
            w->metrics = NULL;
    }
    if (rc != SST_OK) {
        json_object_put(out);
        return rc;
    }
    *resp = out;
    return SST_OK;
}

/* Steps 7 and 8 and the end: in txn, which the caller aborts unless it
 * is committed here. */
static enum sst_code
apply(struct sst_emu_txn **txn, struct twi *w,
      int64_t now, struct json_object **resp, struct sst_err *err)
{
    enum sst_code rc;
    size_t i;
    bool cancelled = false;

    rc = sst_emu_tx_caps_init(&w->caps, w->n, err);
    /* DynamoDB Local checks and runs the actions one by one */
    for (i = 0; rc == SST_OK && i < w->n; i++) {
        rc = check_table(*txn, w, i, err);
        if (rc == SST_OK)
            rc = run_action(*txn, w, &w->a[i], err);
    }
    for (i = 0; rc == SST_OK && i < w->n; i++)
        cancelled = cancelled || w->a[i].reason.code != NULL;
    if (rc != SST_OK)
        return rc;
    if (cancelled) {
        struct sst_emu_tx_reason *r = sst_calloc(w->n, sizeof *r);

        if (r == NULL)
            return sst_emu_nomem(err);
        for (i = 0; i < w->n; i++) {
            r[i] = w->a[i].reason;
            w->a[i].reason.item = NULL;
        }
        rc = sst_emu_tx_cancel(r, w->n, resp, err);
        for (i = 0; i < w->n; i++)
            sst_emu_tx_reason_cleanup(&r[i]);
        sst_free(r);
        return rc;
    }
    if (w->token != NULL)
        rc = sst_emu_tx_token_store(*txn, w->token, now, w->list, err);
    if (rc != SST_OK)
        return rc;
    rc = sst_emu_txn_commit(*txn, err);
    *txn = NULL;
    return rc == SST_OK ? answer(w, resp, err) : rc;
}

/*
 * A replay (step 6) changes nothing. Its ConsumedCapacity is what AWS
 * documents for it, and DynamoDB Local answers: the reading of each
 * action's item, as a transactional read (two units per 4 KB, a missing
 * item as one read).
 */
static enum sst_code
replay(struct sst_emu_txn *txn, struct twi *w, struct json_object **resp,
       struct sst_err *err)
{
    struct sst_emu_capacity cap;
    const void *row = NULL;
    size_t i, len = 0;
    uint64_t size;
    bool found;
    enum sst_code rc;

    rc = sst_emu_tx_caps_init(&w->caps, w->n, err);
    for (i = 0; rc == SST_OK && w->rcc != SST_EMU_RCC_NONE && i < w->n; i++) {
        rc = check_table(txn, w, i, err);
        size = 0;
        found = false;
        if (rc == SST_OK && w->a[i].key.len > 0)
            rc = sst_emu_rows_get(txn, w->a[i].t->id, SST_EMU_INDEX_TABLE,
                                  w->a[i].key.data, w->a[i].key.len, &row,
                                  &len, &found, err);
        if (rc == SST_OK && found)
            rc = sst_emu_item_size(row, len, &size, err);
        if (rc == SST_OK) {
            sst_emu_capacity_init(&cap, w->a[i].t);
            cap.table_half = sst_emu_read_half_units(size ? size : 1, true);
            sst_emu_tx_caps_add(&w->caps, &cap, 2);
        }
    }
    return rc == SST_OK ? answer(w, resp, err) : rc;
}

static enum sst_code
transact_write(struct sst_emu *emu, const struct json_object *req,
               bool same_item_first, struct json_object **resp,
               struct sst_err *err)
{
    struct twi w = {0};
    struct sst_emu_txn *txn = NULL;
    int64_t now = 0;
    bool again = false;
    enum sst_code rc;
    size_t i;

    *resp = NULL;
    w.same_item_first = same_item_first;
    rc = decode(req, &w, err);
    if (rc == SST_OK)
        rc = check_request(req, &w, err);
    for (i = 0; rc == SST_OK && i < w.n; i++) {
        rc = check_values(&w.a[i], err);
        if (rc == SST_OK)
            rc = add_payload(&w, &w.a[i], err);
    }
    if (rc == SST_OK)
        rc = sst_emu_txn_begin(sst_emu_store_of(emu), true, &txn, err);
    if (rc == SST_OK)
        sst_emu_txn_set_now(txn, sst_emu_now(emu));
    if (rc == SST_OK && w.token != NULL) {
        now = sst_emu_now(emu);
        rc = sst_emu_tx_token_check(txn, w.token, now, w.list, &again, err);
    }
    if (rc == SST_OK)
        rc = again ? replay(txn, &w, resp, err)
                   : apply(&txn, &w, now, resp, err);
    sst_emu_txn_abort(txn);
    twi_cleanup(&w);
    return rc;
}

enum sst_code
sst_emu_op_transact_write_items(struct sst_emu *emu,
                                const struct json_object *req,
                                struct json_object **resp, struct sst_err *err)
{
    return transact_write(emu, req, false, resp, err);
}

enum sst_code
sst_emu_op_transact_write_statements(struct sst_emu *emu,
                                     const struct json_object *req,
                                     struct json_object **resp,
                                     struct sst_err *err)
{
    return transact_write(emu, req, true, resp, err);
}
