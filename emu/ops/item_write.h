/*
 * emu/ops/item_write.h - what PutItem, UpdateItem and DeleteItem share.
 *
 * The three single-item writes read the same request members, in the
 * same order, and answer in the same shape; only their own checks (each
 * in DynamoDB Local's order) and the write itself differ. The flow of
 * each operation is:
 *
 *   sst_emu_item_write_init(&w);
 *   rc = sst_emu_item_write_begin(emu, req, &spec, &w, old, resp, err);
 *   ... the write, charged to w.cap, in w.txn ...
 *   rc = sst_emu_item_write_finish(&w, item, old, attrs, resp, err);
 *   sst_emu_item_write_cleanup(&w);
 */
#ifndef SST_EMU_OPS_ITEM_WRITE_H
#define SST_EMU_OPS_ITEM_WRITE_H

#include <stdbool.h>

#include <json-c/json.h>

#include <sst/err.h>

#include "emu/expr/av.h"
#include "emu/ops/capacity.h"
#include "emu/ops/common.h"
#include "emu/ops/exprs.h"
#include "emu/ops/ops.h"
#include "emu/ops/request.h"
#include "emu/ops/writes.h"
#include "emu/store/item.h"
#include "emu/store/key.h"

/* The value shapes of ExpressionAttributeNames' entries (a string) and of
 * Expected's entries ({"Exists": bool, "ComparisonOperator": string}),
 * for the operations' request shapes. */
extern const struct sst_emu_shape sst_emu_item_write_names_elem;
extern const struct sst_emu_shape sst_emu_item_write_expected_elem;

/** One PutItem, UpdateItem or DeleteItem request, from its decoding to
 *  its answer. */
struct sst_emu_item_write {
    const char *table;             /* TableName, borrowed from the request */
    struct sst_av *av;             /* owned: Item (PutItem) or Key         */
    struct sst_emu_deferred later; /* av's value errors, raised later      */
    enum sst_emu_return_values rv;
    enum sst_emu_rcc rcc;
    bool ricm; /* ReturnItemCollectionMetrics=SIZE */
    struct sst_emu_op_exprs x;
    bool all_old; /* ReturnValuesOnConditionCheckFailure=ALL_OLD */
    /* set by sst_emu_item_write_begin() */
    struct sst_emu_txn *txn;      /* owned: the write transaction      */
    const struct sst_emu_table *t; /* owned: the table (release)        */
    struct sst_emu_key key;        /* the item's table row key          */
    struct sst_emu_capacity cap;   /* the write's consumed capacity     */
    struct json_object *icm;       /* owned: ItemCollectionMetrics      */
    /* With spec->encode_item: av's row (and text), encoded before the
     * write lock is taken, when it could be; row.len 0 otherwise. */
    struct sst_emu_buf row;
};

/** What tells the three operations apart before the write. */
struct sst_emu_item_write_spec {
    const struct sst_emu_shape *request; /* the request's shape          */
    const char *member;                  /* "Item" or "Key": into w->av   */
    /* the operation's checks with the table known (w->t), in DynamoDB's
     * order; they fill w->rv, w->x, w->all_old and w->key */
    enum sst_code (*validate)(const struct json_object *req,
                              struct sst_emu_item_write *w,
                              struct sst_err *err);
    /* av is the item to store (PutItem): encode its row into w->row
     * before the transaction, outside the write lock */
    bool encode_item;
};

/** Set up w, empty; sst_emu_item_write_cleanup() frees it. */
void sst_emu_item_write_init(struct sst_emu_item_write *w);

/** Free what w holds, aborting its transaction when not committed. */
void sst_emu_item_write_cleanup(struct sst_emu_item_write *w);

/**
 * Everything before the write: the request's JSON shape, spec->member's
 * values and ExpressionAttributeValues as JSON; TableName;
 * ReturnConsumedCapacity and ReturnItemCollectionMetrics; then, in a new
 * write transaction, the table; spec->validate; the condition against
 * the stored item. On SST_OK, w->cap is ready to charge.
 *
 * @param[out] old   optional: on SST_OK the stored item or NULL, owned
 *                   (sst_emu_op_exprs_check_item)
 * @param[out] resp  on a failed condition with ALL_OLD asked, the
 *                   answer's item (sst_emu_op_exprs_check_item)
 * @return SST_OK; SST_E_SERIALIZATION; SST_E_VALIDATION; SST_E_NOT_FOUND;
 *         SST_E_CONDITION_FAILED; SST_E_STORAGE; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_item_write_begin(struct sst_emu *emu, const struct json_object *req,
                         const struct sst_emu_item_write_spec *spec,
                         struct sst_emu_item_write *w, struct sst_av **old,
                         struct json_object **resp, struct sst_err *err);

/**
 * Everything after the write: the item collection of item when asked,
 * the commit, and the answer: Attributes (old's JSON, taken, when
 * ReturnValues=ALL_OLD and there was an item; else attrs when not NULL),
 * ConsumedCapacity and ItemCollectionMetrics.
 *
 * @param[in]     item   the item or key naming the item collection
 * @param[in,out] old    optional: the replaced item, kept as JSON
 * @param[in]     attrs  optional: the Attributes to answer, borrowed
 * @param[out]    resp   on SST_OK the answer, owned
 * @return SST_OK; SST_E_STORAGE; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_item_write_finish(struct sst_emu_item_write *w,
                          const struct sst_av *item,
                          struct sst_emu_old_item *old,
                          const struct sst_av *attrs,
                          struct json_object **resp, struct sst_err *err);

#endif /* SST_EMU_OPS_ITEM_WRITE_H */
