/*
 * emu/ops/streams.h - DynamoDB Streams inside the emulator: a table's
 * stream (StreamSpecification of CreateTable and UpdateTable), the
 * records every item write adds to it, and what the stream operations
 * (emu/ops/stream_ops.c: ListStreams, DescribeStream, GetShardIterator,
 * GetRecords) read.
 *
 * A stream has one shard, open while the stream is enabled and closed
 * when it is disabled or its table deleted (DynamoDB splits shards over
 * time; DynamoDB Local, like the emulator, keeps one). A record is
 * written in the transaction of the change it describes, with a sequence
 * number from the store's one counter (emu/store/streams.h), and only
 * when the item changed: a PutItem of an identical item, an UpdateItem
 * that changes nothing and a DeleteItem of a missing item write none. A
 * record is kept 24 hours, as DynamoDB keeps it; a stream's description
 * stays after its table is gone, as DynamoDB Local keeps it.
 *
 * Names: the stream of table T created at ms L has the label
 * "YYYY-MM-DDTHH:MM:SS.mmm" (UTC) of L and the ARN
 * SST_EMU_ARN_PREFIX "T/stream/" label; two streams of one table never
 * share a label (a later one moves on by a millisecond).
 */
#ifndef SST_EMU_OPS_STREAMS_H
#define SST_EMU_OPS_STREAMS_H

#include <stdbool.h>
#include <stdint.h>

#include <json-c/json.h>

#include <sst/err.h>

#include "emu/expr/av.h"
#include "emu/ops/common.h"
#include "emu/store/store.h"
#include "emu/store/streams.h"
#include "emu/store/table.h"

/* A shard iterator is good for 15 minutes, a record for 24 hours. */
#define SST_EMU_ITERATOR_TTL_MS (15LL * 60 * 1000)
#define SST_EMU_RECORD_TTL_MS (24LL * 3600 * 1000)

/**
 * Check a StreamSpecification (CreateTable, UpdateTable) and read it.
 * @param[in]  spec     the member, or NULL (absent)
 * @param[out] present  whether there is one
 * @param[out] enabled  its StreamEnabled
 * @param[out] view     its StreamViewType (NONE when not enabled)
 * @return SST_OK; SST_E_VALIDATION with DynamoDB's message.
 */
SST_MUST_CHECK enum sst_code sst_emu_stream_spec(const struct json_object *spec,
                                                 bool *present, bool *enabled,
                                                 enum sst_emu_stream_view *view,
                                                 struct sst_err *err);

/**
 * Give table t (already in the catalog: t->id set) a new, enabled
 * stream of view type view, created at now_ms; sets t->stream_view and
 * t->stream_label_ms. The caller then writes t to the catalog.
 * @param[in] txn  a write transaction
 * @return SST_OK; SST_E_STORAGE; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_stream_enable(struct sst_emu_txn *txn, struct sst_emu_table *t,
                      enum sst_emu_stream_view view, int64_t now_ms,
                      struct sst_err *err);

/**
 * Close t's enabled stream (UpdateTable disabling it, DeleteTable): its
 * shard ends at its last record. Nothing happens when t has none. The
 * caller of UpdateTable then sets t->stream_view to NONE (the label
 * stays: LatestStreamArn).
 * @return SST_OK; SST_E_STORAGE; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code sst_emu_stream_close(struct sst_emu_txn *txn,
                                                  const struct sst_emu_table *t,
                                                  struct sst_err *err);

/**
 * Write the stream record of an item going from old_item to new_item
 * (either NULL: an insert or a removal) when t has an enabled stream and
 * the item changed. The time is sst_emu_txn_now(txn); a transaction
 * marked sst_emu_txn_set_service() writes the TTL service's identity.
 * @return SST_OK; SST_E_STORAGE; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_stream_record(struct sst_emu_txn *txn, const struct sst_emu_table *t,
                      const struct sst_av *old_item,
                      const struct sst_av *new_item, struct sst_err *err);

/**
 * Add a TableDescription's stream members to d: StreamSpecification
 * (while enabled), LatestStreamLabel and LatestStreamArn (once the table
 * had a stream).
 */
void sst_emu_stream_describe(struct sst_emu_json *b,
                             const struct sst_emu_table *t,
                             struct json_object *d);

/** View type names, by enum sst_emu_stream_view (NONE: NULL). */
const char *sst_emu_stream_view_name(enum sst_emu_stream_view v);

/*
 * For the stream operations (stream_ops.c): a stream's description.
 */

/** Room for a label, "YYYY-MM-DDTHH:MM:SS.mmm" and its NUL. */
#define SST_EMU_LABEL_LEN 24

/** A stream's description, decoded. */
struct sst_emu_stream_desc {
    struct sst_emu_stream_id id;
    char *table;                   /* owned: the table's name            */
    enum sst_emu_stream_view view; /* never NONE                         */
    char shard[48];                /* "shardId-<20 digits>-<8 hex>"      */
    uint64_t start;                /* StartingSequenceNumber             */
    uint64_t end;                  /* EndingSequenceNumber; 0: open      */
    uint64_t trimmed;              /* records up to it are gone; 0: none */
    struct json_object *keys;      /* owned: the table's KeySchema       */
};

/** Free what d owns. */
void sst_emu_stream_desc_cleanup(struct sst_emu_stream_desc *d);

/** Write the label of ms into out. */
void sst_emu_stream_label(int64_t ms, char out[SST_EMU_LABEL_LEN]);

/**
 * The stream an ARN names, if it has a stream's form.
 * @param[out] table  the table's name, into room for 256 bytes
 * @param[out] ms     the label's time
 * @return whether arn has the form SST_EMU_ARN_PREFIX "T/stream/" label.
 */
bool sst_emu_stream_arn_parse(const char *arn, char table[256], int64_t *ms);

/**
 * A new string: the ARN of table's stream labelled label_ms.
 * @return the ARN (sst_free), or NULL when out of memory.
 */
char *sst_emu_stream_arn(const char *table, int64_t label_ms);

/**
 * Find the stream an ARN names.
 * @param[out] d      on found, the description (cleanup by the caller)
 * @param[out] found  whether there is such a stream
 * @return SST_OK; SST_E_STORAGE; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code sst_emu_stream_find(struct sst_emu_txn *txn,
                                                 const char *arn,
                                                 struct sst_emu_stream_desc *d,
                                                 bool *found,
                                                 struct sst_err *err);

/**
 * Decode a description read from the store.
 * @return SST_OK; SST_E_STORAGE (corrupt); SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_stream_desc_decode(struct sst_emu_stream_id id, const void *bytes,
                           size_t len, struct sst_emu_stream_desc *d,
                           struct sst_err *err);

/**
 * Whether the bytes of a stored description name table (without decoding
 * all of it).
 */
bool sst_emu_stream_desc_of(const void *bytes, size_t len, const char *table);

/*
 * A stored record: its time, event and sequence number, and its Keys,
 * NewImage and OldImage as item rows (emu/store/item.h).
 */
enum sst_emu_stream_event {
    SST_EMU_EVENT_INSERT = 0,
    SST_EMU_EVENT_MODIFY,
    SST_EMU_EVENT_REMOVE
};

/**
 * A record as GetRecords answers it (eventID, eventName, ..., dynamodb).
 * @param[out] out  a new object
 * @return SST_OK; SST_E_STORAGE (corrupt); SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_stream_record_json(const void *rec, size_t len, uint64_t seq,
                           struct json_object **out, struct sst_err *err);

/** The 21-digit text of a sequence number, as DynamoDB Local writes it. */
void sst_emu_stream_seq_text(uint64_t seq, char out[32]);

#endif /* SST_EMU_OPS_STREAMS_H */
