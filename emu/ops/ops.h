/*
 * emu/ops/ops.h - the operations of the emulator, one per file in
 * emu/ops/, and what they need from the emulator (emu/emu.c).
 *
 * Every operation has the shape of struct sst_backend_ops.call: a request
 * in DynamoDB's JSON (borrowed, never kept), and on SST_OK a new response
 * object, or on failure NULL and err filled with DynamoDB's error type and
 * message. An operation validates the whole request before it writes, and
 * runs its reads and writes in one LMDB transaction.
 *
 * Shared plumbing: common.h (request shapes, getters, table lookup,
 * TableDescription), schema.h (table and index definitions), keys.h
 * (primary and index keys), request.h (the item operations' request
 * members), capacity.h (ConsumedCapacity), writes.h (the one place that
 * writes items and index rows), exprs.h (the seam with the expression
 * engine).
 */
#ifndef SST_EMU_OPS_H
#define SST_EMU_OPS_H

#include <stdint.h>

#include <sst/emu.h>
#include <sst/err.h>

#include "emu/store/store.h"

struct sst_emu_table;

struct json_object;

typedef enum sst_code (*sst_emu_op_fn)(struct sst_emu *emu,
                                       const struct json_object *req,
                                       struct json_object **resp,
                                       struct sst_err *err);

/** An operation by its DynamoDB name. */
struct sst_emu_op {
    const char *name; /* "CreateTable" */
    sst_emu_op_fn fn;
};

/**
 * The operation called name (case-sensitive, as DynamoDB's X-Amz-Target
 * is), or NULL.
 */
const struct sst_emu_op *sst_emu_op_find(const char *name);

/** The store of an emulator (emu.c); valid while the emulator is open. */
struct sst_emu_store *sst_emu_store_of(struct sst_emu *emu);

/*
 * Answers that are only printed (sst-emu). A server that turns every
 * answer into JSON text at once need not have items built as json-c
 * objects: the emulator can keep each row's JSON text (item.h) and answer
 * reads with it.
 */

/**
 * Keep each item's JSON text in the rows this emulator writes from now
 * on (sst_emu_store_set_text). Rows read the same either way.
 */
void sst_emu_keep_text(struct sst_emu *emu, bool on);

/**
 * sst_emu_call(), except that the items of the answer (GetItem,
 * BatchGetItem, Query, Scan, TransactGetItems; without a projection) may
 * be text nodes (sst_emu_item_text_json): printing the answer gives the
 * same JSON, walking it does not. For a caller that only prints answers.
 */
enum sst_code sst_emu_call_text(struct sst_emu *emu, const char *op,
                                const struct json_object *req,
                                struct json_object **resp,
                                struct sst_err *err);

/** Whether the operation running on this thread came through
 *  sst_emu_call_text(). */
bool sst_emu_text_wanted(void);

/**
 * Delete every expired item of every table with TTL enabled, as of
 * now_ms (emu/ops/ttl.c).
 *
 * @param[out] removed  optional: how many items were deleted
 * @return SST_OK; SST_E_STORAGE; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code sst_emu_ttl_sweep(struct sst_emu_store *st,
                                               int64_t now_ms,
                                               uint64_t *removed,
                                               struct sst_err *err);

/**
 * Check that the stored data agrees with itself (emu/ops/verify.c): every
 * item row is under its own key; every index holds exactly the rows, with
 * exactly the projections, that its table's items call for; every counter
 * matches the rows. For tests and the crash test.
 *
 * @return SST_OK; SST_E_STORAGE naming the first disagreement;
 *         SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code sst_emu_verify(struct sst_emu_store *st,
                                            struct sst_err *err);

/** What sst_emu_each_table() calls for each table. */
typedef enum sst_code sst_emu_table_fn(struct sst_emu_txn *txn,
                                       const struct sst_emu_table *t,
                                       struct sst_err *err);

/**
 * Call fn for every table of the catalog, in name order, until it fails
 * (emu/ops/verify.c). The table reference is released after each call.
 *
 * @return SST_OK; fn's error; SST_E_STORAGE; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code sst_emu_each_table(struct sst_emu_txn *txn,
                                                sst_emu_table_fn *fn,
                                                struct sst_err *err);

/**
 * Bring a directory of an older store layout (sst_emu_store_layout()
 * below SST_EMU_STORE_FORMAT) to the current one (emu/ops/rekey.c): item
 * rows under their current keys, indexes rebuilt, in one transaction. A
 * no-op for a current store. Holds every item row of the largest table in
 * memory at once.
 *
 * @return SST_OK; SST_E_STORAGE; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code sst_emu_rekey(struct sst_emu_store *st,
                                           struct sst_err *err);

/* The operations (emu/ops/<name>.c). */
enum sst_code sst_emu_op_create_table(struct sst_emu *emu,
                                      const struct json_object *req,
                                      struct json_object **resp,
                                      struct sst_err *err);
enum sst_code sst_emu_op_delete_table(struct sst_emu *emu,
                                      const struct json_object *req,
                                      struct json_object **resp,
                                      struct sst_err *err);
enum sst_code sst_emu_op_describe_table(struct sst_emu *emu,
                                        const struct json_object *req,
                                        struct json_object **resp,
                                        struct sst_err *err);
enum sst_code sst_emu_op_list_tables(struct sst_emu *emu,
                                     const struct json_object *req,
                                     struct json_object **resp,
                                     struct sst_err *err);
enum sst_code sst_emu_op_update_time_to_live(struct sst_emu *emu,
                                             const struct json_object *req,
                                             struct json_object **resp,
                                             struct sst_err *err);
enum sst_code sst_emu_op_describe_time_to_live(struct sst_emu *emu,
                                               const struct json_object *req,
                                               struct json_object **resp,
                                               struct sst_err *err);

enum sst_code sst_emu_op_execute_statement(struct sst_emu *emu,
                                           const struct json_object *req,
                                           struct json_object **resp,
                                           struct sst_err *err);
enum sst_code sst_emu_op_batch_execute_statement(struct sst_emu *emu,
                                                 const struct json_object *req,
                                                 struct json_object **resp,
                                                 struct sst_err *err);
enum sst_code sst_emu_op_execute_transaction(struct sst_emu *emu,
                                             const struct json_object *req,
                                             struct json_object **resp,
                                             struct sst_err *err);
enum sst_code sst_emu_op_describe_endpoints(struct sst_emu *emu,
                                            const struct json_object *req,
                                            struct json_object **resp,
                                            struct sst_err *err);
enum sst_code sst_emu_op_describe_limits(struct sst_emu *emu,
                                         const struct json_object *req,
                                         struct json_object **resp,
                                         struct sst_err *err);

/* point-in-time recovery (backups.c) */
enum sst_code
sst_emu_op_describe_continuous_backups(struct sst_emu *emu,
                                       const struct json_object *req,
                                       struct json_object **resp,
                                       struct sst_err *err);
enum sst_code
sst_emu_op_update_continuous_backups(struct sst_emu *emu,
                                     const struct json_object *req,
                                     struct json_object **resp,
                                     struct sst_err *err);

/* tags (tags.c) */
enum sst_code sst_emu_op_tag_resource(struct sst_emu *emu,
                                      const struct json_object *req,
                                      struct json_object **resp,
                                      struct sst_err *err);
enum sst_code sst_emu_op_untag_resource(struct sst_emu *emu,
                                        const struct json_object *req,
                                        struct json_object **resp,
                                        struct sst_err *err);
enum sst_code sst_emu_op_list_tags_of_resource(struct sst_emu *emu,
                                               const struct json_object *req,
                                               struct json_object **resp,
                                               struct sst_err *err);

/* DynamoDB Streams (target prefix DynamoDBStreams_20120810;
 * stream_ops.c) */
enum sst_code sst_emu_op_list_streams(struct sst_emu *emu,
                                      const struct json_object *req,
                                      struct json_object **resp,
                                      struct sst_err *err);
enum sst_code sst_emu_op_describe_stream(struct sst_emu *emu,
                                         const struct json_object *req,
                                         struct json_object **resp,
                                         struct sst_err *err);
enum sst_code sst_emu_op_get_shard_iterator(struct sst_emu *emu,
                                            const struct json_object *req,
                                            struct json_object **resp,
                                            struct sst_err *err);
enum sst_code sst_emu_op_get_records(struct sst_emu *emu,
                                     const struct json_object *req,
                                     struct json_object **resp,
                                     struct sst_err *err);

enum sst_code sst_emu_op_put_item(struct sst_emu *emu,
                                  const struct json_object *req,
                                  struct json_object **resp,
                                  struct sst_err *err);
enum sst_code sst_emu_op_get_item(struct sst_emu *emu,
                                  const struct json_object *req,
                                  struct json_object **resp,
                                  struct sst_err *err);
enum sst_code sst_emu_op_delete_item(struct sst_emu *emu,
                                     const struct json_object *req,
                                     struct json_object **resp,
                                     struct sst_err *err);
enum sst_code sst_emu_op_batch_get_item(struct sst_emu *emu,
                                        const struct json_object *req,
                                        struct json_object **resp,
                                        struct sst_err *err);
enum sst_code sst_emu_op_batch_write_item(struct sst_emu *emu,
                                          const struct json_object *req,
                                          struct json_object **resp,
                                          struct sst_err *err);
enum sst_code sst_emu_op_update_item(struct sst_emu *emu,
                                     const struct json_object *req,
                                     struct json_object **resp,
                                     struct sst_err *err);
enum sst_code sst_emu_op_query(struct sst_emu *emu,
                               const struct json_object *req,
                               struct json_object **resp, struct sst_err *err);
/* Query for a PartiQL SELECT: a page of Limit items always has a
 * LastEvaluatedKey (DynamoDB Local's NextToken), even where it ends the
 * Query, and the filter may name attributes an index does not project
 * (emu/ops/scan.h, pq_select). */
enum sst_code sst_emu_pq_query(struct sst_emu *emu,
                               const struct json_object *req,
                               struct json_object **resp, struct sst_err *err);
enum sst_code sst_emu_op_scan(struct sst_emu *emu,
                              const struct json_object *req,
                              struct json_object **resp, struct sst_err *err);
enum sst_code sst_emu_op_update_table(struct sst_emu *emu,
                                      const struct json_object *req,
                                      struct json_object **resp,
                                      struct sst_err *err);
/* transactions */
enum sst_code sst_emu_op_transact_write_items(struct sst_emu *emu,
                                              const struct json_object *req,
                                              struct json_object **resp,
                                              struct sst_err *err);
/*
 * TransactWriteItems as ExecuteTransaction runs its statements: an
 * action on an item an earlier action names is refused before its own
 * checks (an INSERT's index keys, nested key access), where
 * TransactWriteItems refuses it after them (DynamoDB Local's orders).
 * Arguments and results as sst_emu_op_transact_write_items().
 */
enum sst_code sst_emu_op_transact_write_statements(
    struct sst_emu *emu, const struct json_object *req,
    struct json_object **resp, struct sst_err *err);
enum sst_code sst_emu_op_transact_get_items(struct sst_emu *emu,
                                            const struct json_object *req,
                                            struct json_object **resp,
                                            struct sst_err *err);

#endif /* SST_EMU_OPS_H */
