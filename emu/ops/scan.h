/*
 * emu/ops/scan.h - the read walk Scan and Query share (emu/ops/scan.c).
 *
 * Scan walks every row of a table or index; Query walks one partition of
 * it, forward or backward, keeping the rows whose sort key satisfies the
 * key condition (emu/ops/query_key.h). Both then apply the same filter,
 * projection, Select, Limit, 1 MB page and ExclusiveStartKey rules, so the
 * checks that concern those and the walk itself live in scan.c, and
 * query.c adds what is Query's own.
 */
#ifndef SST_EMU_OPS_SCAN_H
#define SST_EMU_OPS_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

#include <sst/err.h>

#include "emu/expr/av.h"
#include "emu/ops/capacity.h"
#include "emu/ops/common.h"
#include "emu/ops/exprs.h"
#include "emu/ops/keyhash.h"
#include "emu/ops/ops.h"
#include "emu/ops/request.h"
#include "emu/ops/query_key.h"
#include "emu/store/key.h"
#include "emu/store/store.h"
#include "emu/store/table.h"

enum sst_emu_select {
    SST_EMU_SELECT_ALL,
    SST_EMU_SELECT_PROJECTED,
    SST_EMU_SELECT_COUNT,
    SST_EMU_SELECT_SPECIFIC
};

/** One Scan or Query request, as its checks leave it. Zero it, then
 *  sst_emu_key_init() start, prefix and lower; sst_emu_scan_run() does
 *  it all. */
/* The member of an internal Query request that lists a PartiQL SELECT's
 * partitions (the partition key IN a list): sst_emu_pq_query() reads it,
 * sst_emu_op_query() never does. */
#define SST_EMU_PQ_PARTITIONS "sst:Partitions"
/* ... read in the descending order of their values (ORDER BY the
 * partition key DESC) when this member is true. */
#define SST_EMU_PQ_PARTITIONS_DESC "sst:PartitionsDescending"

/* One partition of such a SELECT. */
struct sst_emu_scan_part {
    struct sst_emu_key value;  /* the partition key's component: order */
    struct sst_emu_key prefix; /* the partition's rows                 */
    struct sst_emu_key lower;  /* prefix and the range's lower bound   */
};

struct sst_emu_scan {
    const char *table;
    const struct sst_emu_table *t;
    const struct sst_emu_index *ix; /* NULL: the table's items        */
    size_t ix_pos;
    struct sst_av *esk;
    struct sst_emu_deferred later;
    struct sst_emu_key start;
    bool has_start;
    const char **only;
    size_t only_n;
    enum sst_emu_select select;
    int64_t limit; /* 0: none */
    bool segmented;
    int64_t segment, total;
    /* the segment's first and last partition key hashes (keyhash.h) */
    uint8_t seg_first[SST_EMU_KEY_HASH_LEN], seg_last[SST_EMU_KEY_HASH_LEN];
    bool consistent;
    bool fetch;        /* LSI rows completed from the table */
    bool fetch_filter; /* LSI: the filter reads the table row */
    enum sst_emu_rcc rcc;
    struct sst_emu_op_exprs x;
    /* Query only */
    bool query;
    bool reverse;             /* ScanIndexForward false           */
    struct sst_emu_key prefix; /* the partition's key bytes       */
    struct sst_emu_key lower;  /* prefix + the range's lower bound */
    bool has_lower;
    struct sst_emu_query_key *kc;
    const char *range_name; /* sort key queried, NULL for none     */
    /* A PartiQL SELECT, as DynamoDB Local runs one: a page of Limit
     * items always has a LastEvaluatedKey, even where it ends the Query,
     * and the filter may name attributes a global index does not
     * project (they are absent from its items, as in a Scan). */
    bool pq_select;
    /* Its partitions, when the partition key is IN a list: the values
     * (decoded from SST_EMU_PQ_PARTITIONS), then the partitions in the
     * order of the values, read from part_first (in it after the
     * starting key when part_start), as DynamoDB Local orders the rows
     * by the partition key, then the sort key. */
    struct sst_av **part_av;
    size_t part_av_n;
    struct sst_emu_scan_part **parts; /* each its own allocation: a key
                                          points into itself */
    size_t parts_n, part_first;
    bool part_start;
    bool parts_desc; /* SST_EMU_PQ_PARTITIONS_DESC */
};

/* Request shapes Query and Scan share: an AttributesToGet element or an
 * ExpressionAttributeNames value (a string), and an entry of
 * KeyConditions, QueryFilter or ScanFilter. */
extern const struct sst_emu_shape sst_emu_scan_string_elem;
extern const struct sst_emu_shape sst_emu_scan_condition_elem;

/** What the deserialiser checks (the request's shape, ExclusiveStartKey
 *  and ExpressionAttributeValues as JSON), then TableName,
 *  ReturnConsumedCapacity and ConsistentRead. */
SST_MUST_CHECK enum sst_code
sst_emu_scan_decode(const struct json_object *req,
                    const struct sst_emu_shape *shape, struct sst_emu_scan *s,
                    struct sst_err *err);

/** IndexName (the index must exist) and ConsistentRead on a GSI. */
SST_MUST_CHECK enum sst_code
sst_emu_scan_check_index(const struct json_object *req, struct sst_emu_scan *s,
                         struct sst_err *err);

/** ConsistentRead on a global index: refused. A Scan checks it with the
 *  index (sst_emu_scan_check_index), a Query after its expressions, as
 *  DynamoDB Local does. */
SST_MUST_CHECK enum sst_code
sst_emu_scan_check_consistent(const struct sst_emu_scan *s,
                              struct sst_err *err);

/** ExclusiveStartKey, checked and encoded for the table or index. */
SST_MUST_CHECK enum sst_code sst_emu_scan_check_start(struct sst_emu_scan *s,
                                                      struct sst_err *err);

/** Select, with AttributesToGet and ProjectionExpression. */
SST_MUST_CHECK enum sst_code
sst_emu_scan_check_select(const struct json_object *req, struct sst_emu_scan *s,
                          struct sst_err *err);

/**
 * The index checks of sst_emu_scan_check_projected() apart, for Query,
 * which makes other checks between them: the filter's attributes an
 * index does not project (a Query's are refused, listed sorted as
 * DynamoDB Local lists them), then what the answer would hold
 * (AttributesToGet, ProjectionExpression; a global index must project it,
 * listed in a Java HashSet's order, emu/ops/jorder.h).
 *
 * @return SST_OK; SST_E_VALIDATION with DynamoDB's message; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_scan_check_projected_filter(struct sst_emu_scan *s,
                                    struct sst_err *err);
SST_MUST_CHECK enum sst_code
sst_emu_scan_check_projected_answer(struct sst_emu_scan *s,
                                    struct sst_err *err);

/** What an index must project or fetch: the FilterExpression (a Query's
 *  only), then AttributesToGet or the ProjectionExpression. */
SST_MUST_CHECK enum sst_code
sst_emu_scan_check_projected(struct sst_emu_scan *s, struct sst_err *err);

/* The rows a Query or Scan walks (scan_rows.c): the table's or index's
 * rows from the starting key, the lower bound or the segment, in
 * DynamoDB Local's order (a Scan of a local index sorts runs of equal
 * index keys by the table's sort key, emu/ops/keys.h), only those of the
 * segment. Keys and values are borrowed from the transaction, which must
 * not write while the walk is open. */
struct sst_emu_scan_rows;

/** Open a walk. @return SST_OK; SST_E_NOMEM; SST_E_STORAGE. */
SST_MUST_CHECK enum sst_code
sst_emu_scan_rows_open(struct sst_emu_txn *txn, const struct sst_emu_scan *s,
                       struct sst_emu_scan_rows **out, struct sst_err *err);

/** The next row; *found false at the end.
 *  @return SST_OK; SST_E_NOMEM; SST_E_STORAGE (a corrupt row key). */
SST_MUST_CHECK enum sst_code
sst_emu_scan_rows_next(struct sst_emu_scan_rows *r, const uint8_t **key,
                       size_t *key_len, const void **val, size_t *val_len,
                       bool *found, struct sst_err *err);

/** Close a walk; NULL is a no-op. */
void sst_emu_scan_rows_close(struct sst_emu_scan_rows *r);

/** Decode a PartiQL SELECT's partitions (SST_EMU_PQ_PARTITIONS of req,
 *  if any) into s->part_av. @return SST_OK; SST_E_NOMEM;
 *  SST_E_VALIDATION. */
SST_MUST_CHECK enum sst_code
sst_emu_scan_parts_decode(const struct json_object *req,
                          struct sst_emu_scan *s, struct sst_err *err);

/** Build s->parts from s->part_av once the key condition is analysed
 *  (s->kc): each partition's prefix and lower bound, in the order of the
 *  values, equal values once. @return SST_OK; SST_E_NOMEM. */
SST_MUST_CHECK enum sst_code sst_emu_scan_parts_build(struct sst_emu_scan *s,
                                                      struct sst_err *err);

/** The partition to read first after the starting key (s->esk, once
 *  checked), and whether the key lies in it. @return SST_OK;
 *  SST_E_NOMEM. */
SST_MUST_CHECK enum sst_code sst_emu_scan_parts_start(struct sst_emu_scan *s,
                                                      struct sst_err *err);

/** Free s's partitions. */
void sst_emu_scan_parts_free(struct sst_emu_scan *s);

/** A Query's or Scan's checks of the request: decoding (before the table
 *  is known) or the rest (with s->t set). */
typedef enum sst_code sst_emu_scan_check_fn(const struct json_object *req,
                                            struct sst_emu_scan *s,
                                            struct sst_err *err);

/**
 * Run a Query or a Scan: decode, then in a read transaction the table,
 * check, the walk and the answer (Items, Count, ScannedCount,
 * LastEvaluatedKey, ConsumedCapacity).
 *
 * @param[out] resp  on SST_OK the answer, owned
 * @return SST_OK; the checks' errors; SST_E_NOT_FOUND; SST_E_STORAGE;
 *         SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_scan_run(struct sst_emu *emu, const struct json_object *req,
                 sst_emu_scan_check_fn *decode_fn,
                 sst_emu_scan_check_fn *check_fn,
                 struct json_object **resp, struct sst_err *err);

#endif /* SST_EMU_OPS_SCAN_H */
