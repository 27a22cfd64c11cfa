/*
 * emu/ops/batch.h - what BatchGetItem and BatchWriteItem share.
 *
 * Both requests carry RequestItems, a map from table names to that
 * table's part of the request, and DynamoDB Local takes the tables of
 * both in the same order. The parts themselves are each operation's own
 * type.
 */
#ifndef SST_EMU_OPS_BATCH_H
#define SST_EMU_OPS_BATCH_H

#include <stddef.h>

#include <json-c/json.h>

#include <sst/err.h>

#include "emu/ops/common.h"

/** Decode one table's part of RequestItems: name and value are the
 *  map's entry, borrowed from the request; part is zeroed. */
typedef enum sst_code sst_emu_batch_part_fn(void *part, const char *name,
                                            struct json_object *value,
                                            struct sst_err *err);

/**
 * The request's JSON shape, then each table of RequestItems, in request
 * order, decoded by decode_part into an array of parts.
 *
 * @param[in]  request    the request's shape (sst_emu_check_shape)
 * @param[in]  part_size  the size of one part
 * @param[out] parts      NULL when RequestItems is absent; else a new
 *                        zeroed array of one part per table, and one
 *                        more (sst_free), set even on error
 * @param[out] n          how many parts decode_part was given, the one
 *                        that failed included: those to clean up
 * @return SST_OK; SST_E_SERIALIZATION; SST_E_NOMEM; decode_part's errors.
 */
SST_MUST_CHECK enum sst_code
sst_emu_batch_decode(const struct json_object *req,
                     const struct sst_emu_shape *request, size_t part_size,
                     sst_emu_batch_part_fn *decode_part, void **parts,
                     size_t *n, struct sst_err *err);

/**
 * The order in which DynamoDB Local takes the tables of a batch, to check
 * them one by one and then to read them (BatchGetItem): that of a
 * java.util.HashMap made by new HashMap<>(n), into which it puts their
 * names in the request's order (a table of tableSizeFor(n) buckets,
 * doubled when more than three quarters full).
 *
 * @param[in]  parts      n parts of part_size bytes, each beginning with
 *                        its table's name (a const char *); borrowed
 * @param[out] order      a new array (sst_free) of n + 1 indexes of
 *                        parts: order[k] is the k-th table taken
 * @return SST_OK; SST_E_NOMEM (*order NULL).
 */
SST_MUST_CHECK enum sst_code
sst_emu_batch_table_order(const void *parts, size_t part_size, size_t n,
                          size_t **order, struct sst_err *err);

#endif /* SST_EMU_OPS_BATCH_H */
