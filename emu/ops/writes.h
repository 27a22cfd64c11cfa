/*
 * emu/ops/writes.h - the one place that writes items: an item row, its
 * index rows and the counters, changed together inside the caller's
 * write transaction, so that they never disagree.
 *
 * Every operation that stores or removes an item (PutItem, DeleteItem,
 * BatchWriteItem, the TTL sweeper, UpdateTable's backfill, and later
 * UpdateItem and the transactions) goes through here. The caller has
 * checked the item (sst_emu_table_key, sst_emu_check_index_keys) and the
 * size limit first.
 *
 * Index rows hold the projection of the item (emu/store/item.h
 * encoding): the table's and the index's key attributes, plus the
 * NonKeyAttributes (INCLUDE) or every attribute (ALL). An item without an
 * index key attribute has no row in that index. The counters of the table
 * and of each index (emu/store/rows.h) hold the number of rows and the sum
 * of their DynamoDB sizes.
 */
#ifndef SST_EMU_OPS_WRITES_H
#define SST_EMU_OPS_WRITES_H

#include <stdbool.h>
#include <stdint.h>

#include <json-c/json.h>

#include <sst/err.h>

#include "emu/expr/av.h"
#include "emu/ops/capacity.h"
#include "emu/store/key.h"
#include "emu/store/item.h"
#include "emu/store/store.h"
#include "emu/store/table.h"

/** The item a write replaced or removed, as the caller wants it. */
struct sst_emu_old_item {
    bool want_av;             /* in: keep it as a value (av)            */
    bool want_json;           /* in: keep it as JSON (json)             */
    bool found;               /* out: there was an item                 */
    uint64_t size;            /* out: its DynamoDB size                 */
    struct sst_av *av;        /* out, owned: when want_av and found     */
    struct json_object *json; /* out, owned: when want_json and found   */
};

/** Free what o holds and clear its outputs. */
void sst_emu_old_item_cleanup(struct sst_emu_old_item *o);

/**
 * Store an item, replacing the item with the same key, with its index
 * rows and the counters, and charge the write to cap.
 *
 * @param[in]     txn   a write transaction
 * @param[in]     t     the table
 * @param[in]     item  the new item (a SST_AV_M); borrowed
 * @param[in]     key   its table row key (sst_emu_table_key)
 * @param[in,out] old   optional: what to keep of the replaced item
 * @param[in,out] cap   optional: capacity to charge
 * @return SST_OK; SST_E_STORAGE; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_write_put(struct sst_emu_txn *txn, const struct sst_emu_table *t,
                  const struct sst_av *item, const struct sst_emu_key *key,
                  struct sst_emu_old_item *old, struct sst_emu_capacity *cap,
                  struct sst_err *err);

/**
 * sst_emu_write_put() of an item already encoded as its row, with its
 * text when the store keeps texts (a PutItem encodes before it takes the
 * write lock). A row whose text does not match what the transaction
 * writes (the store was switched in between) is encoded again.
 *
 * @param[in] row  item's row (sst_emu_item_encode_av, then
 *                 sst_emu_item_add_text when sst_emu_store_text); NULL
 *                 to encode here
 * @return as sst_emu_write_put.
 */
SST_MUST_CHECK enum sst_code
sst_emu_write_put_row(struct sst_emu_txn *txn, const struct sst_emu_table *t,
                      const struct sst_av *item, const struct sst_emu_buf *row,
                      const struct sst_emu_key *key,
                      struct sst_emu_old_item *old,
                      struct sst_emu_capacity *cap, struct sst_err *err);

/**
 * Delete the item with a key (nothing happens when there is none), with
 * its index rows, and charge the write to cap.
 *
 * @return as sst_emu_write_put.
 */
SST_MUST_CHECK enum sst_code sst_emu_write_delete(struct sst_emu_txn *txn,
                                                  const struct sst_emu_table *t,
                                                  const struct sst_emu_key *key,
                                                  struct sst_emu_old_item *old,
                                                  struct sst_emu_capacity *cap,
                                                  struct sst_err *err);

/**
 * Add the index rows of one index for every item of the table (the
 * backfill of a global secondary index that UpdateTable creates).
 *
 * @return SST_OK; SST_E_STORAGE; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_write_backfill(struct sst_emu_txn *txn, const struct sst_emu_table *t,
                       const struct sst_emu_index *ix, struct sst_err *err);

/**
 * The projection of an item into an index: pointers to the entries of
 * item that the index holds, in the item's order.
 *
 * @param[out] attrs  room for item->u.map.len pointers
 * @return how many.
 */
size_t sst_emu_index_project(const struct sst_emu_table *t,
                             const struct sst_emu_index *ix,
                             const struct sst_av *item,
                             const struct sst_av_entry **attrs);

/**
 * DynamoDB's ItemCollectionMetrics for the item collection (the items
 * sharing a partition key, with their local secondary index rows) that
 * attrs belongs to: {"ItemCollectionKey": {pk}, "SizeEstimateRangeGB":
 * [low, high]}, the collection's size in GB rounded down and up. Only
 * tables with local secondary indexes have item collections.
 *
 * @param[in]  attrs  an item or a key holding the partition key
 * @param[out] out    a new object, or NULL when t has no LSI
 * @return SST_OK; SST_E_STORAGE; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_item_collection(struct sst_emu_txn *txn, const struct sst_emu_table *t,
                        const struct sst_av *attrs, struct json_object **out,
                        struct sst_err *err);

/** Whether table t has a local secondary index. */
bool sst_emu_has_lsi(const struct sst_emu_table *t);

#endif /* SST_EMU_OPS_WRITES_H */
