/*
 * sst/diff.h - the diff backend: every call runs on two backends, the
 * answers are compared after normalising what legitimately differs, and
 * each divergence is reported. The caller gets A's answer.
 *
 *   diff:URI_A|URI_B       e.g. diff:emu::memory:|http://localhost:8000
 *
 * Normalised before comparing:
 *   - ConsumedCapacity, ResponseMetadata and request ids;
 *   - table and index timestamps, ARNs, ids, sizes and counts
 *     (CreationDateTime, TableArn, TableId, IndexArn, TableSizeBytes,
 *     IndexSizeBytes, ItemCount, LastIncreaseDateTime,
 *     LastDecreaseDateTime, NumberOfDecreasesToday,
 *     LastUpdateToPayPerRequestDateTime, LatestStreamArn,
 *     LatestStreamLabel), and DescribeEndpoints' Address; an item's
 *     attribute of one of these names is data, and compared;
 *   - the order of SS, NS and BS members;
 *   - the spelling of numbers ("1.50" and "1.5" are one number).
 * Lists compare in order, Items included: the emulator lists the items of
 * Query, Scan, ExecuteStatement and BatchGetItem in DynamoDB Local's
 * order (docs/emulator.md, "Row order"), so diff:emu::memory:|http://
 * DYNAMODB-LOCAL agrees on them; against AWS, whose Scan and batch orders
 * are its own, such lists can differ.
 * Errors compare by their DynamoDB __type and message; an error on one
 * side and success on the other is a divergence.
 *
 * Each divergence goes to the reporter (if set) and to the log callback
 * (sst/log.h, component "diff", level WARN) as one line:
 *   "PutItem: Attributes.n: A {"N":"1"} | B {"N":"2"}".
 *
 * Threads: as safe as the two wrapped backends; counters are atomic.
 */
#ifndef SST_DIFF_H
#define SST_DIFF_H

#include <sst/backend.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * A divergence: the operation, the JSON path of the first difference
 * ("" for the whole answer, "error" for differing errors), and each
 * side's value there as compact JSON. All borrowed for the call.
 */
typedef void (*sst_diff_fn)(const char *op, const char *path, const char *a,
                            const char *b, void *user);

/**
 * Pair two backends.
 *
 * @param[in]  a, b  on SST_OK both are owned by the diff backend, which
 *                   closes them; on failure the caller keeps them
 * @param[out] out   the new backend
 * @return SST_OK, SST_E_INVALID_ARG (NULL argument), SST_E_NOMEM
 */
SST_API enum sst_code sst_diff_backend_new(struct sst_backend *a,
                                           struct sst_backend *b,
                                           struct sst_backend **out,
                                           struct sst_err *err);

/** Install the reporter of a diff backend (NULL removes it). Returns
 *  SST_E_INVALID_ARG when b is not a diff backend. */
SST_API enum sst_code sst_diff_set_reporter(struct sst_backend *b,
                                            sst_diff_fn fn, void *user,
                                            struct sst_err *err);

/** Divergences seen so far; 0 for other backends. */
SST_API unsigned long sst_diff_divergences(const struct sst_backend *b);

#ifdef __cplusplus
}
#endif

#endif /* SST_DIFF_H */
