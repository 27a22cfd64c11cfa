/*
 * emu/ops/transact_get_items.c - TransactGetItems.
 *
 * Up to 100 Get actions on distinct items, read in one LMDB read
 * transaction (a snapshot: every item as of one moment, which is what
 * DynamoDB's serializable read promises). Responses holds one object per
 * action, in request order: {"Item": ...} (the ProjectionExpression
 * applied) or {} when there is no such item. A transactional read costs
 * twice a strongly consistent read, a missing item included.
 *
 * Checks, in DynamoDB Local's order where AWS does not document otherwise
 * (docs/fidelity.md, "Transactions"):
 *   1. the JSON shape and the keys' JSON (SerializationException)
 *   2. TransactItems given, not empty, at most 100
 *   3. every action has its Get, and the Get its TableName and Key
 *      (AWS's "Value null at 'transactItems.N.member.get...'")
 *   4. ReturnConsumedCapacity (AWS's enum check)
 *   5. action by action: the key's attribute values, the expression
 *      parameters and the ProjectionExpression, the table, the key (a key
 *      of the wrong type or size cancels the transaction with a
 *      ValidationError reason, as TransactWriteItems does), one action
 *      per item, nested access to key attributes in the projection.
 */
#include <json-c/json.h>

#include <sst/mem.h>

#include "emu/ops/common.h"
#include "emu/ops/exprs.h"
#include "emu/ops/keys.h"
#include "emu/ops/ops.h"
#include "emu/ops/request.h"
#include "emu/ops/transact.h"
#include "emu/store/item.h"
#include "emu/store/rows.h"

#define MSG_GET_NULL                                                           \
    "Value null at 'transactItems.%zu.member.get' failed to satisfy "          \
    "constraint: Member must not be null"

#define S(n) {n, SST_EMU_SHAPE_STRING, NULL}
#define END {NULL, SST_EMU_SHAPE_STRING, NULL}

static const struct sst_emu_shape string_elem = S("");
static const struct sst_emu_shape get[] = {
    S("TableName"), S("ProjectionExpression"),
    {"ExpressionAttributeNames", SST_EMU_SHAPE_MAP, &string_elem}, END};
static const struct sst_emu_shape action[] = {
    {"Get", SST_EMU_SHAPE_STRUCT, get}, END};
static const struct sst_emu_shape action_elem = {"", SST_EMU_SHAPE_STRUCT,
                                                 action};
static const struct sst_emu_shape request[] = {
    {"TransactItems", SST_EMU_SHAPE_LIST, &action_elem},
    S("ReturnConsumedCapacity"),
    END};

static const char *const projection[] = {"ProjectionExpression", NULL};
/* GetItem's parameters; ExpressionAttributeValues are ignored. */
static const struct sst_emu_expr_spec expr_spec = {
    NULL, projection, NULL, NULL, NULL, SST_EMU_REQ_GET_ITEM};

struct get {
    struct json_object *body; /* the Get, borrowed */
    const char *table_name;
    struct sst_av *key_av;
    struct sst_emu_deferred later;
    struct sst_emu_op_exprs x;
    const struct sst_emu_table *t;
    struct sst_emu_key key;
    struct sst_emu_tx_reason reason;
};

struct tgi {
    struct json_object *list;
    struct get *g;
    size_t n;
    enum sst_emu_rcc rcc;
    struct sst_emu_tx_caps caps;
};

static void
tgi_cleanup(struct tgi *r)
{
    size_t i;

    for (i = 0; i < r->n; i++) {
        sst_av_free(r->g[i].key_av);
        sst_emu_op_exprs_cleanup(&r->g[i].x);
        sst_emu_table_release(r->g[i].t);
        sst_emu_key_cleanup(&r->g[i].key);
        sst_emu_tx_reason_cleanup(&r->g[i].reason);
    }
    sst_free(r->g);
    sst_emu_tx_caps_cleanup(&r->caps);
}

static enum sst_code
decode(const struct json_object *req, struct tgi *r, struct sst_err *err)
{
    enum sst_code rc;
    size_t i, n;

    rc = sst_emu_check_shape(req, request, err);
    if (rc != SST_OK)
        return rc;
    r->list = sst_emu_get(req, "TransactItems");
    n = r->list ? json_object_array_length(r->list) : 0;
    if (n == 0 || n > SST_EMU_TX_MAX_ITEMS)
        return SST_OK; /* step 2 */
    r->g = sst_calloc(n, sizeof *r->g);
    if (r->g == NULL)
        return sst_emu_nomem(err);
    for (i = 0; i < n && rc == SST_OK; i++) {
        struct get *g = &r->g[i];
        struct json_object *key;

        r->n = i + 1;
        sst_emu_key_init(&g->key);
        g->body = sst_emu_get(json_object_array_get_idx(r->list, i), "Get");
        g->table_name = sst_emu_get_string(g->body, "TableName");
        key = sst_emu_get(g->body, "Key");
        if (key != NULL)
            rc = sst_emu_req_item(key, &g->key_av, &g->later, err);
    }
    return rc;
}

/* Steps 2 to 4. */
static enum sst_code
check_request(const struct json_object *req, struct tgi *r,
              struct sst_err *err)
{
    enum sst_code rc;
    size_t i;

    rc = sst_emu_tx_check_list(r->list, err);
    for (i = 0; rc == SST_OK && i < r->n; i++) {
        if (r->g[i].body == NULL)
            return sst_err_set(err, SST_E_VALIDATION, MSG_GET_NULL, i + 1);
        if (r->g[i].table_name == NULL)
            return sst_err_set(err, SST_E_VALIDATION,
                               SST_EMU_MSG_TX_MEMBER_NULL, i + 1, "get",
                               "tableName");
        if (sst_emu_get(r->g[i].body, "Key") == NULL)
            return sst_err_set(err, SST_E_VALIDATION,
                               SST_EMU_MSG_TX_MEMBER_NULL, i + 1, "get", "key");
    }
    if (rc == SST_OK)
        rc = sst_emu_req_rcc(req, &r->rcc, err);
    return rc;
}

/* Step 5 for action i. */
static enum sst_code
check_get(struct sst_emu_txn *txn, struct tgi *r, size_t i,
          struct sst_err *err)
{
    struct get *g = &r->g[i];
    struct sst_err e = {0};
    enum sst_code rc;
    size_t j;

    rc = sst_emu_deferred_raise(&g->later, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_prepare(g->body, &expr_spec, &g->x, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_parse(g->body, &expr_spec, &g->x, err);
    if (rc == SST_OK)
        rc = sst_emu_table_lookup(txn, g->table_name, &g->t, err);
    if (rc != SST_OK)
        return rc;
    rc = sst_emu_table_key(g->t, g->key_av, true, &g->key, &e);
    if (rc != SST_OK && sst_emu_tx_is_reason(&e)) {
        sst_emu_tx_reason_set(&g->reason, "ValidationError", e.message, NULL);
        sst_emu_key_reset(&g->key);
        rc = SST_OK;
    } else if (rc != SST_OK) {
        if (err != NULL)
            *err = e;
        return rc;
    }
    for (j = 0; j < i; j++)
        if (sst_emu_tx_same_item(r->g[j].t, &r->g[j].key, g->t, &g->key))
            return sst_err_set(err, SST_E_VALIDATION,
                               SST_EMU_MSG_TX_SAME_ITEM);
    return sst_emu_op_exprs_nested_keys(&g->x, &g->x.e.projection, g->t, err);
}

/* Read action g's item into responses, and charge it. */
static enum sst_code
read_one(struct sst_emu_txn *txn, struct tgi *r, struct get *g,
         struct json_object *responses, struct sst_err *err)
{
    struct json_object *o = json_object_new_object(), *item = NULL;
    struct sst_emu_capacity cap;
    const void *row = NULL;
    size_t len = 0;
    uint64_t size = 0;
    bool found = false;
    enum sst_code rc;

    if (o == NULL || json_object_array_add(responses, o) != 0) {
        json_object_put(o);
        return sst_emu_nomem(err);
    }
    rc = sst_emu_rows_get(txn, g->t->id, SST_EMU_INDEX_TABLE, g->key.data,
                          g->key.len, &row, &len, &found, err);
    if (rc == SST_OK && found)
        rc = sst_emu_item_size(row, len, &size, err);
    if (rc == SST_OK && found)
        rc = sst_emu_op_exprs_row_json(&g->x, row, len, NULL, 0, &item, err);
    if (rc == SST_OK && item != NULL &&
        json_object_object_add(o, "Item", item) != 0) {
        json_object_put(item);
        rc = sst_emu_nomem(err);
    }
    if (rc == SST_OK) {
        /* a missing item is charged as one read, as GetItem's is */
        sst_emu_capacity_init(&cap, g->t);
        cap.table_half = sst_emu_read_half_units(size ? size : 1, true);
        sst_emu_tx_caps_add(&r->caps, &cap, 2);
    }
    return rc;
}

static enum sst_code
read_all(struct sst_emu_txn *txn, struct tgi *r, struct json_object **resp,
         struct sst_err *err)
{
    struct json_object *out = json_object_new_object(), *list;
    enum sst_code rc = SST_OK;
    size_t i;

    list = json_object_new_array();
    if (out == NULL || list == NULL ||
        json_object_object_add(out, "Responses", list) != 0) {
        json_object_put(list);
        json_object_put(out);
        return sst_emu_nomem(err);
    }
    for (i = 0; rc == SST_OK && i < r->n; i++)
        rc = read_one(txn, r, &r->g[i], list, err);
    if (rc == SST_OK)
        rc = sst_emu_tx_caps_answer(out, &r->caps, r->rcc, err);
    if (rc != SST_OK) {
        json_object_put(out);
        return rc;
    }
    *resp = out;
    return SST_OK;
}

static enum sst_code
cancel(struct tgi *r, struct json_object **resp, struct sst_err *err)
{
    struct sst_emu_tx_reason *reasons = sst_calloc(r->n, sizeof *reasons);
    enum sst_code rc;
    size_t i;

    if (reasons == NULL)
        return sst_emu_nomem(err);
    for (i = 0; i < r->n; i++)
        reasons[i] = r->g[i].reason;
    rc = sst_emu_tx_cancel(reasons, r->n, resp, err);
    sst_free(reasons); /* the reasons hold no items here */
    return rc;
}

enum sst_code
sst_emu_op_transact_get_items(struct sst_emu *emu,
                              const struct json_object *req,
                              struct json_object **resp, struct sst_err *err)
{
    struct tgi r = {0};
    struct sst_emu_txn *txn = NULL;
    bool cancelled = false;
    enum sst_code rc;
    size_t i;

    *resp = NULL;
    rc = decode(req, &r, err);
    if (rc == SST_OK)
        rc = check_request(req, &r, err);
    if (rc == SST_OK)
        rc = sst_emu_tx_caps_init(&r.caps, r.n, err);
    if (rc == SST_OK)
        rc = sst_emu_txn_begin(sst_emu_store_of(emu), false, &txn, err);
    for (i = 0; rc == SST_OK && i < r.n; i++) {
        rc = check_get(txn, &r, i, err);
        cancelled = cancelled || r.g[i].reason.code != NULL;
    }
    if (rc == SST_OK)
        rc = cancelled ? cancel(&r, resp, err) : read_all(txn, &r, resp, err);
    sst_emu_txn_abort(txn);
    tgi_cleanup(&r);
    return rc;
}
