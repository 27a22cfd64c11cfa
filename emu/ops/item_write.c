/*
 * emu/ops/item_write.c - the request plumbing of PutItem, UpdateItem and
 * DeleteItem (emu/ops/item_write.h): decoding, the transaction and table,
 * the condition against the stored item, the commit and the answer.
 */
#include <string.h>

#include <json-c/json.h>

#include "emu/ops/item_write.h"

static const struct sst_emu_shape expected[] = {
    {"Exists", SST_EMU_SHAPE_BOOLEAN, NULL},
    {"ComparisonOperator", SST_EMU_SHAPE_STRING, NULL},
    {NULL, SST_EMU_SHAPE_STRING, NULL}};

const struct sst_emu_shape sst_emu_item_write_names_elem = {
    "", SST_EMU_SHAPE_STRING, NULL};
const struct sst_emu_shape sst_emu_item_write_expected_elem = {
    "", SST_EMU_SHAPE_STRUCT, expected};

void
sst_emu_item_write_init(struct sst_emu_item_write *w)
{
    memset(w, 0, sizeof(*w));
    sst_emu_key_init(&w->key);
}

void
sst_emu_item_write_cleanup(struct sst_emu_item_write *w)
{
    json_object_put(w->icm);
    w->icm = NULL;
    sst_emu_txn_abort(w->txn);
    w->txn = NULL;
    sst_emu_table_release(w->t);
    w->t = NULL;
    sst_emu_key_cleanup(&w->key);
    sst_emu_op_exprs_cleanup(&w->x);
    sst_av_free(w->av);
    w->av = NULL;
    sst_emu_buf_cleanup(&w->row);
}

/* PutItem's row, and its text, before the transaction: the work is then
 * done outside the write lock, which concurrent writers wait for. An
 * item that validation will refuse (a value fault, too large) is not
 * encoded, and a failure here only leaves the encoding to the write. */
static void
encode_early(struct sst_emu *emu, struct sst_emu_item_write *w)
{
    if (w->av == NULL || w->later.code != SST_OK ||
        sst_av_item_check_size(w->av, NULL) != SST_OK)
        return;
    if (sst_emu_item_encode_av(w->av, &w->row, NULL) != SST_OK ||
        (sst_emu_store_text(sst_emu_store_of(emu)) &&
         sst_emu_item_add_text(&w->row, NULL) != SST_OK))
        sst_emu_buf_cleanup(&w->row);
}

/* What the deserialiser checks, then TableName and AWS's enum checks of
 * ReturnConsumedCapacity and ReturnItemCollectionMetrics. */
static enum sst_code
decode(const struct json_object *req,
       const struct sst_emu_item_write_spec *spec,
       struct sst_emu_item_write *w, struct sst_err *err)
{
    enum sst_code rc;

    rc = sst_emu_check_shape(req, spec->request, err);
    if (rc == SST_OK && sst_emu_get(req, spec->member) != NULL)
        rc = sst_emu_req_item(sst_emu_get(req, spec->member), &w->av,
                              &w->later, err);
    /* The values belong to the expression engine; their JSON is the
     * deserialiser's. */
    if (rc == SST_OK && sst_emu_get(req, "ExpressionAttributeValues"))
        rc = sst_av_check_item(sst_emu_get(req, "ExpressionAttributeValues"),
                               err);
    if (rc == SST_OK)
        rc = sst_emu_req_table_name(req, &w->table, err);
    if (rc == SST_OK)
        rc = sst_emu_req_rcc(req, &w->rcc, err);
    if (rc == SST_OK)
        rc = sst_emu_req_ricm(req, &w->ricm, err);
    return rc;
}

enum sst_code
sst_emu_item_write_begin(struct sst_emu *emu, const struct json_object *req,
                         const struct sst_emu_item_write_spec *spec,
                         struct sst_emu_item_write *w, struct sst_av **old,
                         struct json_object **resp, struct sst_err *err)
{
    enum sst_code rc;

    rc = decode(req, spec, w, err);
    if (rc == SST_OK && spec->encode_item)
        encode_early(emu, w);
    if (rc == SST_OK)
        rc = sst_emu_txn_begin(sst_emu_store_of(emu), true, &w->txn, err);
    if (rc == SST_OK)
        sst_emu_txn_set_now(w->txn, sst_emu_now(emu));
    if (rc == SST_OK)
        rc = sst_emu_table_lookup(w->txn, w->table, &w->t, err);
    if (rc == SST_OK)
        rc = spec->validate(req, w, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_check_item(&w->x, w->txn, w->t, &w->key,
                                         w->all_old, old, resp, err);
    if (rc == SST_OK)
        sst_emu_capacity_init(&w->cap, w->t);
    return rc;
}

/* The answer: Attributes, ConsumedCapacity, ItemCollectionMetrics. */
static enum sst_code
answer(const struct sst_emu_item_write *w, struct sst_emu_old_item *old,
       const struct sst_av *attrs, struct json_object **resp,
       struct sst_err *err)
{
    struct json_object *out = json_object_new_object(), *a = NULL;
    enum sst_code rc = SST_OK;

    if (out == NULL)
        return sst_emu_nomem(err);
    if (old != NULL && w->rv == SST_EMU_RV_ALL_OLD && old->found) {
        if (json_object_object_add(out, "Attributes", old->json) != 0)
            rc = sst_emu_nomem(err);
        else
            old->json = NULL;
    } else if (attrs != NULL) {
        rc = sst_av_encode_item(attrs, &a, err);
        if (rc == SST_OK && json_object_object_add(out, "Attributes", a) != 0) {
            json_object_put(a);
            rc = sst_emu_nomem(err);
        }
    }
    if (rc == SST_OK)
        rc = sst_emu_capacity_answer(out, &w->cap, w->rcc, err);
    if (rc == SST_OK && w->icm != NULL &&
        json_object_object_add(out, "ItemCollectionMetrics",
                               json_object_get(w->icm)) != 0) {
        json_object_put(w->icm);
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
sst_emu_item_write_finish(struct sst_emu_item_write *w,
                          const struct sst_av *item,
                          struct sst_emu_old_item *old,
                          const struct sst_av *attrs,
                          struct json_object **resp, struct sst_err *err)
{
    enum sst_code rc = SST_OK;

    if (w->ricm)
        rc = sst_emu_item_collection(w->txn, w->t, item, &w->icm, err);
    if (rc != SST_OK)
        return rc;
    rc = sst_emu_txn_commit(w->txn, err);
    w->txn = NULL;
    if (rc == SST_OK)
        rc = answer(w, old, attrs, resp, err);
    return rc;
}
