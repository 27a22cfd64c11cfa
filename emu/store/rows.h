/*
 * emu/store/rows.h - item rows, index rows and their counters.
 *
 * A row is a value stored under a key of a table or of one of its
 * indexes. The caller builds the key bytes with key.h (the item
 * operations: the table's key attributes for an item row; for an index
 * row the index's key attributes followed by the table's, which makes it
 * unique) and chooses the value bytes (the item operations' encoding of
 * the item or of its projection); this file only stores them.
 *
 * LMDB key of a row (database "rows"):
 *
 *   table id (8, BE) | index id (4, BE) | key bytes
 *
 * where index id 0 (SST_EMU_INDEX_TABLE) holds the item rows and indexes
 * are numbered from 1 in their table. LMDB limits a key to 511 bytes, but
 * DynamoDB keys reach kilobytes, so a key longer than SST_EMU_ROW_INLINE
 * bytes is stored as
 *
 *   table id | index id | first SST_EMU_ROW_INLINE key bytes
 *            | SipHash-2-4 of the whole key (8, BE; keyed by the
 *              environment's uid, so collisions cannot be planted)
 *            | sequence (2, BE; 0 unless two long keys share the hash)
 *
 * with the whole key at the head of the value ([length (4, BE)][key]
 * [value]). Order is kept for every key except among long keys that share
 * their first SST_EMU_ROW_INLINE bytes: those form a contiguous run (no
 * other key sorts between them) that a reader sorts by their whole keys.
 * Short keys are stored as they are, so that the common case costs one
 * LMDB lookup.
 *
 * Counters (database "stats"): table id | index id -> item count (8, BE),
 * size in bytes (8, BE), kept by the item operations in the same
 * transaction as the rows and read back by DescribeTable.
 *
 * All functions take a transaction of store.h; those that change data
 * need a write transaction (SST_E_INVALID_ARG otherwise). Value pointers
 * they return are LMDB's memory: valid only until the transaction ends or
 * the next write in it.
 */
#ifndef SST_EMU_STORE_ROWS_H
#define SST_EMU_STORE_ROWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sst/defs.h>
#include <sst/err.h>

#include "emu/store/store.h"

/* Index id of a table's item rows. */
#define SST_EMU_INDEX_TABLE 0u

/* Longest key stored as it is; longer keys are stored truncated. */
#define SST_EMU_ROW_INLINE 480

/**
 * Store value under key, replacing any value there.
 *
 * @param[in] t         a write transaction
 * @param[in] table_id  the table's id (struct sst_emu_table.id)
 * @param[in] index_id  SST_EMU_INDEX_TABLE or an index's id
 * @param[in] key       key bytes (key.h), 1 to SST_EMU_KEY_MAX bytes
 * @param[in] val       value bytes; copied
 * @param[out] err      optional
 * @return SST_OK; SST_E_STORAGE (map full: a message says to raise
 *         map-size); SST_E_NOMEM; SST_E_INVALID_ARG.
 */
SST_MUST_CHECK enum sst_code
sst_emu_rows_put(struct sst_emu_txn *t, uint64_t table_id, uint32_t index_id,
                 const uint8_t *key, size_t key_len, const void *val,
                 size_t val_len, struct sst_err *err);

/**
 * Look a key up.
 *
 * @param[out] val, val_len  on a hit, the stored value (borrowed, see the
 *                           file comment); NULL and 0 on a miss
 * @param[out] found         whether the key exists
 * @return SST_OK (hit or miss); SST_E_STORAGE.
 */
SST_MUST_CHECK enum sst_code
sst_emu_rows_get(struct sst_emu_txn *t, uint64_t table_id, uint32_t index_id,
                 const uint8_t *key, size_t key_len, const void **val,
                 size_t *val_len, bool *found, struct sst_err *err);

/**
 * Delete a key. found tells whether it existed.
 *
 * @return SST_OK; SST_E_STORAGE; SST_E_INVALID_ARG.
 */
SST_MUST_CHECK enum sst_code
sst_emu_rows_del(struct sst_emu_txn *t, uint64_t table_id, uint32_t index_id,
                 const uint8_t *key, size_t key_len, bool *found,
                 struct sst_err *err);

/**
 * Delete every row and counter of one index (or of the table's item rows
 * with SST_EMU_INDEX_TABLE): one contiguous range.
 *
 * @return SST_OK; SST_E_STORAGE; SST_E_INVALID_ARG.
 */
SST_MUST_CHECK enum sst_code sst_emu_rows_drop_index(struct sst_emu_txn *t,
                                                     uint64_t table_id,
                                                     uint32_t index_id,
                                                     struct sst_err *err);

/**
 * Delete every row, index row and counter of a table: one contiguous
 * range per database.
 *
 * @return SST_OK; SST_E_STORAGE; SST_E_INVALID_ARG.
 */
SST_MUST_CHECK enum sst_code sst_emu_rows_drop_table(struct sst_emu_txn *t,
                                                     uint64_t table_id,
                                                     struct sst_err *err);

/**
 * Count the rows of one index of a table (SST_EMU_INDEX_TABLE: its item
 * rows) by walking them. For tests and consistency checks; DescribeTable
 * reads the counters instead.
 */
SST_MUST_CHECK enum sst_code
sst_emu_rows_count(struct sst_emu_txn *t, uint64_t table_id, uint32_t index_id,
                   uint64_t *count, struct sst_err *err);

/**
 * Read the counters of a table (SST_EMU_INDEX_TABLE) or index. Absent
 * counters read as zero.
 */
SST_MUST_CHECK enum sst_code
sst_emu_stats_get(struct sst_emu_txn *t, uint64_t table_id, uint32_t index_id,
                  uint64_t *item_count, uint64_t *size_bytes,
                  struct sst_err *err);

/**
 * Add to the counters of a table or index (deltas may be negative; the
 * results are clamped at zero).
 */
SST_MUST_CHECK enum sst_code
sst_emu_stats_add(struct sst_emu_txn *t, uint64_t table_id, uint32_t index_id,
                  int64_t items, int64_t bytes, struct sst_err *err);

/**
 * SipHash-2-4 of data under a 16-byte key; exposed for tests.
 */
uint64_t sst_emu_siphash(const uint8_t key[16], const uint8_t *data,
                         size_t len);

#endif /* SST_EMU_STORE_ROWS_H */
