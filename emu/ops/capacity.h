/*
 * emu/ops/capacity.h - consumed capacity, counted as DynamoDB counts it,
 * and the ConsumedCapacity and ItemCollectionMetrics members of answers.
 *
 * Arithmetic (DynamoDB's, checked against DynamoDB Local):
 *   - a read of an item: its size rounded up to 4 KB, 1 unit per 4 KB
 *     strongly consistent, 0.5 eventually consistent; GetItem of a missing
 *     item still costs one read (BatchGetItem charges found items only,
 *     and an empty Scan nothing);
 *   - Query and Scan: the sizes of all the rows read, summed, then rounded
 *     up to 4 KB;
 *   - a write: the larger of the old and the new item, rounded up to 1 KB,
 *     1 unit per KB, at least 1 (a delete of a missing item costs 1);
 *   - index writes, per index: a new entry costs its size in KB, a removed
 *     one its old size, an entry whose key changes both, an entry updated
 *     in place the larger of the two, an unchanged entry nothing.
 *
 * Units are kept in halves (int64), so the sums are exact; the answer
 * shows them as JSON numbers (0.5, 1.0, ...).
 */
#ifndef SST_EMU_OPS_CAPACITY_H
#define SST_EMU_OPS_CAPACITY_H

#include <stdbool.h>
#include <stdint.h>

#include <json-c/json.h>

#include <sst/err.h>

#include "emu/ops/schema.h"
#include "emu/store/table.h"

/* The most indexes a table has: 5 local and 20 global. */
#define SST_EMU_MAX_INDEXES (SST_EMU_MAX_LSIS + SST_EMU_MAX_GSIS)

/** ReturnConsumedCapacity. */
enum sst_emu_rcc {
    SST_EMU_RCC_NONE = 0,
    SST_EMU_RCC_TOTAL,
    SST_EMU_RCC_INDEXES
};

/** What one request consumed on one table and its indexes. */
struct sst_emu_capacity {
    const struct sst_emu_table *table; /* borrowed, for the names        */
    int64_t table_half;                /* the table's units, times two   */
    int64_t index_half[SST_EMU_MAX_INDEXES];
    bool index_used[SST_EMU_MAX_INDEXES]; /* shown, even with 0 units    */
};

/** Start counting for table t (borrowed; must outlive c). */
void sst_emu_capacity_init(struct sst_emu_capacity *c,
                           const struct sst_emu_table *t);

/** Half units to read bytes: ceil(bytes / 4 KB), twice that when
 *  strongly consistent (0 for 0 bytes: an empty Scan costs nothing). */
int64_t sst_emu_read_half_units(uint64_t bytes, bool consistent);

/** Half units to write bytes: ceil(bytes / 1 KB) units, at least 1. */
int64_t sst_emu_write_half_units(uint64_t bytes);

/** Charge half units to index number i of the table (its position in
 *  table->indexes). */
void sst_emu_capacity_index(struct sst_emu_capacity *c, size_t i,
                            int64_t half);

/**
 * The ConsumedCapacity object for mode (TOTAL or INDEXES):
 *   {"TableName", "CapacityUnits"} and for INDEXES also "Table",
 *   "LocalSecondaryIndexes" and "GlobalSecondaryIndexes" (the indexes
 *   charged or read, each {"CapacityUnits"}).
 *
 * @return a new object, or NULL when out of memory.
 */
struct json_object *sst_emu_capacity_json(const struct sst_emu_capacity *c,
                                          enum sst_emu_rcc mode);

/**
 * Add "ConsumedCapacity" to an answer when mode asks for it.
 *
 * @return SST_OK; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_capacity_answer(struct json_object *resp,
                        const struct sst_emu_capacity *c, enum sst_emu_rcc mode,
                        struct sst_err *err);

#endif /* SST_EMU_OPS_CAPACITY_H */
