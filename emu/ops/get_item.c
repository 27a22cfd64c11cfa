/*
 * emu/ops/get_item.c - GetItem.
 *
 * One read transaction, one row lookup, and the stored item turned into
 * JSON in one pass (emu/store/item.h): the hot path of the emulator.
 * ConsistentRead only changes the capacity charged: every read sees the
 * latest committed write. AttributesToGet (legacy) picks attributes; an
 * item with none of them comes back as an empty Item, as DynamoDB answers.
 *
 * Checks, in DynamoDB Local's order: JSON shape and the Key's values as
 * JSON; TableName; AttributesToGet (empty name, duplicate); the expression
 * parameters; ReturnConsumedCapacity (AWS's enum check); the table
 * exists; Key given; the Key's values; the key itself (keys.h).
 */
#include <json-c/json.h>

#include <sst/mem.h>

#include "emu/ops/common.h"
#include "emu/ops/exprs.h"
#include "emu/ops/keys.h"
#include "emu/ops/ops.h"
#include "emu/ops/request.h"
#include "emu/store/item.h"
#include "emu/store/rows.h"

#define S(n) {n, SST_EMU_SHAPE_STRING, NULL}
#define B(n) {n, SST_EMU_SHAPE_BOOLEAN, NULL}
#define END {NULL, SST_EMU_SHAPE_STRING, NULL}

static const struct sst_emu_shape string_elem = S("");
static const struct sst_emu_shape request[] = {
    S("TableName"),
    {"AttributesToGet", SST_EMU_SHAPE_LIST, &string_elem},
    B("ConsistentRead"),
    S("ReturnConsumedCapacity"),
    S("ProjectionExpression"),
    {"ExpressionAttributeNames", SST_EMU_SHAPE_MAP, &string_elem},
    END};

static const char *const legacy[] = {"AttributesToGet", NULL};
static const char *const expressions[] = {"ProjectionExpression", NULL};
/* GetItem never checks ExpressionAttributeValues (DynamoDB ignores them). */
static const struct sst_emu_expr_spec expr_spec = {
    legacy, expressions, NULL, NULL, NULL, SST_EMU_REQ_GET_ITEM};

struct get {
    const char *table;
    struct sst_av *key;
    struct sst_emu_deferred later;
    const char **only;
    size_t only_n;
    bool consistent;
    enum sst_emu_rcc rcc;
    struct sst_emu_op_exprs x;
    bool simple; /* Key left for sst_emu_fast_key */
};

static enum sst_code
check(const struct json_object *req, struct get *g, struct sst_err *err)
{
    enum sst_code rc;

    rc = sst_emu_check_shape(req, request, err);
    /* A simple Key (the usual one) has no JSON fault: it is read straight
     * into key bytes once the table is known. */
    g->simple = sst_emu_key_simple(sst_emu_get(req, "Key"));
    if (rc == SST_OK && sst_emu_get(req, "Key") != NULL && !g->simple)
        rc = sst_emu_req_item(sst_emu_get(req, "Key"), &g->key, &g->later, err);
    if (rc == SST_OK)
        rc = sst_emu_req_table_name(req, &g->table, err);
    if (rc == SST_OK)
        rc = sst_emu_req_attributes_to_get(sst_emu_get(req, "AttributesToGet"),
                                           SST_EMU_MSG_DUPLICATE_ATTR, &g->only,
                                           &g->only_n, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_prepare(req, &expr_spec, &g->x, err);
    if (rc == SST_OK)
        rc = sst_emu_req_rcc(req, &g->rcc, err);
    sst_emu_get_bool(req, "ConsistentRead", &g->consistent);
    return rc;
}

/* The steps that need the table. */
static enum sst_code
check_key(const struct json_object *req, struct get *g,
          const struct sst_emu_table *t, struct sst_emu_key *key,
          struct sst_err *err)
{
    enum sst_code rc;

    if (sst_emu_get(req, "Key") == NULL)
        return sst_err_set(err, SST_E_VALIDATION, SST_EMU_MSG_NULL_KEY);
    if (g->simple && !sst_emu_fast_key(t, sst_emu_get(req, "Key"), key)) {
        /* Not a valid key: decode it to report the fault exactly. */
        rc = sst_emu_req_item(sst_emu_get(req, "Key"), &g->key, &g->later,
                              err);
        if (rc != SST_OK)
            return rc;
        g->simple = false;
    }
    if (g->later.code != SST_OK)
        return sst_emu_deferred_raise(&g->later, err);
    rc = g->simple ? SST_OK : sst_emu_table_key(t, g->key, true, key, err);
    if (rc != SST_OK)
        return rc;
    /* The ProjectionExpression is applied to the item read, in answer()
     * (docs/emulator.md, "Expression seams"). */
    rc = sst_emu_op_exprs_parse(req, &expr_spec, &g->x, err);
    if (rc != SST_OK)
        return rc;
    rc = sst_emu_op_exprs_nested_keys(&g->x, &g->x.e.projection, t, err);
    return rc;
}

static enum sst_code
answer(const struct get *g, const struct sst_emu_table *t, const void *row,
       size_t len, bool found, struct json_object **resp, struct sst_err *err)
{
    struct json_object *out = json_object_new_object(), *item = NULL;
    struct sst_emu_capacity cap;
    uint64_t size = 0;
    enum sst_code rc = SST_OK;

    if (out == NULL)
        return sst_emu_nomem(err);
    if (found) {
        rc = sst_emu_item_size(row, len, &size, err);
        if (rc == SST_OK)
            rc = sst_emu_op_exprs_row_json(&g->x, row, len, g->only,
                                           g->only_n, &item, err);
        if (rc == SST_OK &&
            json_object_object_add_ex(out, "Item", item,
                                      JSON_C_OBJECT_ADD_CONSTANT_KEY) != 0) {
            json_object_put(item);
            rc = sst_emu_nomem(err);
        }
    }
    if (rc == SST_OK && g->rcc != SST_EMU_RCC_NONE) {
        sst_emu_capacity_init(&cap, t);
        /* A missing item still costs one read. */
        cap.table_half =
            sst_emu_read_half_units(size ? size : 1, g->consistent);
        rc = sst_emu_capacity_answer(out, &cap, g->rcc, err);
    }
    if (rc != SST_OK) {
        json_object_put(out);
        return rc;
    }
    *resp = out;
    return SST_OK;
}

enum sst_code
sst_emu_op_get_item(struct sst_emu *emu, const struct json_object *req,
                    struct json_object **resp, struct sst_err *err)
{
    struct get g = {0};
    struct sst_emu_txn *txn = NULL;
    const struct sst_emu_table *t = NULL;
    struct sst_emu_key key;
    const void *row = NULL;
    size_t len = 0;
    bool found = false;
    enum sst_code rc;

    *resp = NULL;
    sst_emu_key_init(&key);
    rc = check(req, &g, err);
    if (rc == SST_OK)
        rc = sst_emu_txn_begin(sst_emu_store_of(emu), false, &txn, err);
    if (rc == SST_OK)
        rc = sst_emu_table_lookup(txn, g.table, &t, err);
    if (rc == SST_OK)
        rc = check_key(req, &g, t, &key, err);
    if (rc == SST_OK)
        rc = sst_emu_rows_get(txn, t->id, SST_EMU_INDEX_TABLE, key.data,
                              key.len, &row, &len, &found, err);
    if (rc == SST_OK)
        rc = answer(&g, t, row, len, found, resp, err);
    sst_emu_txn_abort(txn);
    sst_emu_table_release(t);
    sst_emu_key_cleanup(&key);
    sst_emu_op_exprs_cleanup(&g.x);
    sst_free(g.only);
    sst_av_free(g.key);
    return rc;
}
