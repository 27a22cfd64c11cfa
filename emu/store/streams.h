/*
 * emu/store/streams.h - the storage of DynamoDB Streams: stream
 * descriptions, stream records and the sequence counter, kept in the
 * store's "streams" database (store.h), in the same LMDB environment as
 * the items, so that a record is written in the transaction that changes
 * its item and survives exactly when the change does.
 *
 * What a description or a record holds is the caller's business
 * (emu/ops/streams.c); the store only orders and finds them:
 *
 *   'D' | label (8, BE, ms since the epoch) | table id (8, BE)
 *        -> a stream's description (opaque bytes)
 *   'R' | table id (8) | label (8) | sequence number (8, BE)
 *        -> a stream record; its first 8 bytes are its creation time
 *           (ms, BE), which sst_emu_streams_trim() reads
 *
 * A stream is named by its table's id and its label (its creation time in
 * ms: two streams of one table never share one). Descriptions sort by
 * label, so ListStreams' newest-first order is a backwards walk. The
 * sequence counter (meta record "stream_seq") is one for the whole store,
 * as DynamoDB Local's: every stream's numbers grow, and two streams never
 * share one.
 */
#ifndef SST_EMU_STORE_STREAMS_H
#define SST_EMU_STORE_STREAMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sst/defs.h>
#include <sst/err.h>

#include "emu/store/store.h"

/** A stream: its table's id and its label. */
struct sst_emu_stream_id {
    uint64_t table_id;
    int64_t label_ms;
};

/**
 * Take the next sequence number (the first is 0, which only a stream
 * takes: emu/ops/streams.c).
 * @param[in]  t    a write transaction
 * @param[out] seq  the number, never given again
 * @return SST_OK; SST_E_STORAGE.
 */
SST_MUST_CHECK enum sst_code sst_emu_streams_next_seq(struct sst_emu_txn *t,
                                                      uint64_t *seq,
                                                      struct sst_err *err);

/**
 * The number sst_emu_streams_next_seq() would give next, without taking
 * it.
 * @return SST_OK; SST_E_STORAGE.
 */
SST_MUST_CHECK enum sst_code sst_emu_streams_peek_seq(struct sst_emu_txn *t,
                                                      uint64_t *seq,
                                                      struct sst_err *err);

/**
 * Store (or replace) a stream's description.
 * @param[in] t  a write transaction
 * @return SST_OK; SST_E_STORAGE.
 */
SST_MUST_CHECK enum sst_code
sst_emu_streams_put_desc(struct sst_emu_txn *t, struct sst_emu_stream_id id,
                         const void *desc, size_t len, struct sst_err *err);

/**
 * Called for each description found, with its bytes borrowed until the
 * callback returns. Set *stop to end the walk.
 */
typedef enum sst_code (*sst_emu_stream_desc_fn)(void *user,
                                                struct sst_emu_stream_id id,
                                                const void *desc, size_t len,
                                                bool *stop,
                                                struct sst_err *err);

/**
 * Walk the descriptions in the order of their labels, then table ids:
 * newest first, or oldest first when ascending; from the one that
 * follows *after in that order (exclusive), or from the first when after
 * is NULL.
 * @return SST_OK, or what fn returned; SST_E_STORAGE.
 */
SST_MUST_CHECK enum sst_code sst_emu_streams_each_desc(
    struct sst_emu_txn *t, const struct sst_emu_stream_id *after,
    bool ascending, sst_emu_stream_desc_fn fn, void *user, struct sst_err *err);

/**
 * Walk the descriptions whose label is label_ms (streams of different
 * tables created in the same millisecond), in table id order.
 * @return SST_OK, or what fn returned; SST_E_STORAGE.
 */
SST_MUST_CHECK enum sst_code sst_emu_streams_at_label(struct sst_emu_txn *t,
                                                      int64_t label_ms,
                                                      sst_emu_stream_desc_fn fn,
                                                      void *user,
                                                      struct sst_err *err);

/**
 * Append a record. Its first 8 bytes must be its creation time (ms, BE).
 * @param[in] t  a write transaction
 * @return SST_OK; SST_E_INVALID_ARG (shorter than 8 bytes);
 *         SST_E_STORAGE.
 */
SST_MUST_CHECK enum sst_code sst_emu_streams_append(struct sst_emu_txn *t,
                                                    struct sst_emu_stream_id id,
                                                    uint64_t seq,
                                                    const void *rec, size_t len,
                                                    struct sst_err *err);

/**
 * Called for each record found, with its bytes borrowed until the
 * callback returns. Set *stop to end the walk.
 */
typedef enum sst_code (*sst_emu_stream_rec_fn)(void *user, uint64_t seq,
                                               const void *rec, size_t len,
                                               bool *stop, struct sst_err *err);

/**
 * Walk a stream's records whose sequence number is from or more, in
 * order.
 * @return SST_OK, or what fn returned; SST_E_STORAGE.
 */
SST_MUST_CHECK enum sst_code
sst_emu_streams_each_record(struct sst_emu_txn *t, struct sst_emu_stream_id id,
                            uint64_t from, sst_emu_stream_rec_fn fn, void *user,
                            struct sst_err *err);

/**
 * The first and last sequence numbers of a stream's records.
 * @param[out] found  false when the stream has none (first and last 0)
 * @return SST_OK; SST_E_STORAGE.
 */
SST_MUST_CHECK enum sst_code sst_emu_streams_bounds(struct sst_emu_txn *t,
                                                    struct sst_emu_stream_id id,
                                                    uint64_t *first,
                                                    uint64_t *last, bool *found,
                                                    struct sst_err *err);

/**
 * Delete, oldest first, up to max records of a stream created before
 * before_ms (the 24 hours DynamoDB keeps a record).
 * @param[in]  t        a write transaction
 * @param[out] trimmed  how many were deleted
 * @param[out] last     the sequence number of the last one deleted (0:
 *                      none)
 * @return SST_OK; SST_E_STORAGE.
 */
SST_MUST_CHECK enum sst_code
sst_emu_streams_trim(struct sst_emu_txn *t, struct sst_emu_stream_id id,
                     int64_t before_ms, size_t max, size_t *trimmed,
                     uint64_t *last, struct sst_err *err);

#endif /* SST_EMU_STORE_STREAMS_H */
