/*
 * emu/store/cursor.h - rows of one table or index in key order, forward
 * or backward, between bounds: what Query and Scan walk.
 *
 * Keys are key bytes of key.h, so their byte order is DynamoDB's order.
 * The cursor hides rows.h's storage of long keys: a run of keys that
 * share their first SST_EMU_ROW_INLINE bytes is read whole and sorted by
 * the whole keys before it is returned, so callers always see true order.
 *
 * Bounds are key bytes too:
 *   prefix   only keys that start with these bytes (a partition: the
 *            encoded partition key; begins_with: partition key plus the
 *            escaped sort-key prefix without its terminator)
 *   lo, hi   only keys >= lo (> lo when lo_exclusive) and <= hi (< hi
 *            when hi_exclusive); NULL for no bound. ExclusiveStartKey is
 *            lo_exclusive going forward and hi_exclusive going backward.
 *
 * The transaction must not write while a cursor is open: returned keys
 * and values point into LMDB's pages.
 */
#ifndef SST_EMU_STORE_CURSOR_H
#define SST_EMU_STORE_CURSOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sst/defs.h>
#include <sst/err.h>

#include "emu/store/store.h"

/** Where and which way a cursor walks. Zero-initialise, then set. */
struct sst_emu_range {
    const uint8_t *prefix;
    size_t prefix_len;
    const uint8_t *lo;
    size_t lo_len;
    bool lo_exclusive;
    const uint8_t *hi;
    size_t hi_len;
    bool hi_exclusive;
    bool reverse; /* descending order, as ScanIndexForward=false */
};

struct sst_emu_cursor;

/**
 * Open a cursor on the rows of one index (SST_EMU_INDEX_TABLE: the
 * table's items).
 *
 * @param[in]  t      any transaction; must outlive the cursor and not
 *                    write while it is open
 * @param[in]  range  copied; the bounds' bytes are copied too
 * @param[out] out    on SST_OK the cursor, freed with
 *                    sst_emu_cursor_close()
 * @return SST_OK; SST_E_NOMEM; SST_E_STORAGE; SST_E_INVALID_ARG for bounds
 *         longer than SST_EMU_KEY_MAX.
 */
SST_MUST_CHECK enum sst_code
sst_emu_cursor_open(struct sst_emu_txn *t, uint64_t table_id, uint32_t index_id,
                    const struct sst_emu_range *range,
                    struct sst_emu_cursor **out, struct sst_err *err);

/**
 * The next row.
 *
 * @param[out] key, key_len  the row's key bytes (borrowed: valid until the
 *                           transaction ends or writes)
 * @param[out] val, val_len  its value (borrowed likewise)
 * @param[out] found         false when there are no more rows (the other
 *                           outputs are then NULL and 0)
 * @return SST_OK; SST_E_NOMEM; SST_E_STORAGE (a corrupt long-key row).
 */
SST_MUST_CHECK enum sst_code
sst_emu_cursor_next(struct sst_emu_cursor *c, const uint8_t **key,
                    size_t *key_len, const void **val, size_t *val_len,
                    bool *found, struct sst_err *err);

/** Close a cursor. NULL is a no-op. */
void sst_emu_cursor_close(struct sst_emu_cursor *c);

#endif /* SST_EMU_STORE_CURSOR_H */
