/*
 * emu/ops/batch.h - what BatchGetItem and BatchWriteItem share.
 *
 * Both requests carry RequestItems, a map from table names to that
 * table's part of the request, and both check the tables' names and the
 * sizes of their parts the same way, with their own messages. The parts
 * themselves are each operation's own type.
 */
#ifndef SST_EMU_OPS_BATCH_H
#define SST_EMU_OPS_BATCH_H

#include <stddef.h>

#include <json-c/json.h>

#include <sst/err.h>

#include "emu/ops/common.h"

/**
 * The request's JSON shape, then room for the parts of RequestItems.
 *
 * @param[in]  request    the request's shape (sst_emu_check_shape)
 * @param[in]  part_size  the size of one part
 * @param[out] items      RequestItems, borrowed from req; NULL when absent
 *                        or on error
 * @param[out] parts      on SST_OK with *items set, a new zeroed array of
 *                        one part per table, and one more (sst_free);
 *                        else NULL
 * @return SST_OK; SST_E_SERIALIZATION; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_batch_parts(const struct json_object *req,
                    const struct sst_emu_shape *request, size_t part_size,
                    struct json_object **items, void **parts,
                    struct sst_err *err);

/**
 * One table's part: its name, and n > 0 requests in it (answered with
 * msg_empty, a format naming the table with one %s), added to *total.
 *
 * @return SST_OK; SST_E_VALIDATION.
 */
SST_MUST_CHECK enum sst_code
sst_emu_batch_check_table(const char *name, size_t n, const char *msg_empty,
                          size_t *total, struct sst_err *err);

#endif /* SST_EMU_OPS_BATCH_H */
