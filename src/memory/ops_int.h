/*
 * src/memory/ops_int.h - what the resource operations of src/memory/
 * share (crud.c, update.c, batch.c, versions.c, counters.c, stats.c,
 * txn.c): single-item reads and writes, TransactWriteItems with its
 * cancellation reasons, batch deletes, the stats counters and version
 * pruning.
 *
 * Every function takes a handle and fills err on failure, like the public
 * functions of sst/memory.h. Requests and items are DynamoDB wire JSON.
 */
#ifndef SST_MEMORY_OPS_INT_H
#define SST_MEMORY_OPS_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "src/memory/memory_int.h"

/** SST_E_NOMEM "out of memory". */
enum sst_code sst_mo_nomem(struct sst_err *err);

/** obj[name] = v, taking v; false (and v released) when out of memory or
 *  v is NULL. */
bool sst_mo_add(json_object *obj, const char *name, json_object *v);

/** The resource's string member name, or NULL. */
const char *sst_mo_res_string(const json_object *res, const char *name);

/**
 * GetItem of key (borrowed).
 *
 * @param[out] item  on SST_OK a new reference to the item, or NULL when
 *                   there is none
 */
SST_MUST_CHECK
enum sst_code sst_mo_get_item(struct sst_memory *m, const json_object *key,
                              bool consistent, json_object **item,
                              struct sst_err *err);

/**
 * GetItem of the resource id of t (version as sst_type_key()) and read it
 * as a resource.
 *
 * @param[out] out  on SST_OK the resource, or NULL when there is no item
 */
SST_MUST_CHECK
enum sst_code sst_mo_get(struct sst_memory *m, const struct sst_type *t,
                         const char *id, int64_t version, bool consistent,
                         json_object **out, struct sst_err *err);

/**
 * Put one item (borrowed) with an optional condition: cond_expr and its
 * names and values (each may be NULL).
 */
SST_MUST_CHECK
enum sst_code sst_mo_put_item(struct sst_memory *m, const json_object *item,
                              const char *cond_expr, const json_object *names,
                              const json_object *values, struct sst_err *err);

/** DeleteItem of key (borrowed), unconditional. */
SST_MUST_CHECK
enum sst_code sst_mo_delete_item(struct sst_memory *m, const json_object *key,
                                 struct sst_err *err);

/**
 * BatchWriteItem DeleteRequests for every key of keys (an array,
 * borrowed), 25 per request, retrying unprocessed items until none are
 * left.
 */
SST_MUST_CHECK
enum sst_code sst_mo_batch_delete(struct sst_memory *m,
                                  const json_object *keys,
                                  struct sst_err *err);

/**
 * Query the rows of a versioned resource (pk = <prefix>#id AND
 * begins_with(sk, "v")), one page, as Python does. projection: NULL for
 * whole items, or a ProjectionExpression over the names pk, sk, version
 * written as #pk, #sk, #version.
 *
 * @param[out] items  on SST_OK a new array of items
 */
SST_MUST_CHECK
enum sst_code sst_mo_query_versions(struct sst_memory *m,
                                    const struct sst_type *t, const char *id,
                                    const char *projection,
                                    json_object **items, struct sst_err *err);

/** The numeric "version" attribute of an item, or -1. */
int64_t sst_mo_item_version(const json_object *item);

/** The most items TransactWriteItems takes. */
#define SST_MO_TXN_MAX 100

/**
 * TransactWriteItems of items (an array of {"Put": {...}} and the like,
 * borrowed; members without TableName write the handle's table).
 *
 * On TransactionCanceledException the message is transact_write_safe's,
 * "Transaction failed: Item i: <Code> - <Message>; ..." over the reasons
 * whose Code is not "None", and the code is SST_E_VERSION_CONFLICT when
 * every such reason is ConditionalCheckFailed or TransactionConflict (a
 * lost race or an existing id), SST_E_TXN_CANCELED otherwise.
 *
 * @param[out] failed  optional: bit i set when item i (i < 32) failed its
 *                     condition (ConditionalCheckFailed); 0 otherwise
 * @return SST_OK, SST_E_VERSION_CONFLICT, SST_E_TXN_CANCELED, backend
 *         codes
 */
SST_MUST_CHECK
enum sst_code sst_mo_transact(struct sst_memory *m, const json_object *items,
                              uint32_t *failed, struct sst_err *err);

/**
 * Append {"Put": {"Item": item, "ConditionExpression": cond, ...}} to
 * items (an array). item is borrowed (a reference is taken); names and
 * values are deep-copied and may be NULL.
 */
SST_MUST_CHECK
enum sst_code sst_mo_txn_put(json_object *items, json_object *item,
                             const char *cond, const json_object *names,
                             const json_object *values, struct sst_err *err);

/**
 * Add by to counts_by_type.<type_name> of the MemoryStats row (creating
 * the row first when it is missing), when the handle tracks stats.
 */
SST_MUST_CHECK
enum sst_code sst_mo_stats_add(struct sst_memory *m, const char *type_name,
                               int64_t by, struct sst_err *err);

/**
 * enforce_version_limit(): keep the newest max_versions rows of a
 * versioned resource (by numeric version; v0 is always kept) and
 * batch-delete the others. Nothing when max_versions < 1.
 */
SST_MUST_CHECK
enum sst_code sst_mo_prune_versions(struct sst_memory *m,
                                    const struct sst_type *t, const char *id,
                                    struct sst_err *err);

/**
 * The map-counter UpdateItem of increment_counter() on an item key:
 * SET #f.#k = if_not_exists(#f.#k, :zero) + :incr, updated_at = :now,
 * gsitypesk = :now; the new value in *value (optional).
 */
SST_MUST_CHECK
enum sst_code sst_mo_map_increment(struct sst_memory *m,
                                   const json_object *key, const char *field,
                                   const char *map_key, int64_t by,
                                   int64_t *value, struct sst_err *err);

#endif
