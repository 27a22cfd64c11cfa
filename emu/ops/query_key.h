/*
 * emu/ops/query_key.h - a Query's KeyConditionExpression, through the
 * expression engine's keycond.h.
 *
 * keycond.h and emu/store/table.h both define a struct named
 * sst_emu_key_schema, so the operations reach keycond.h through this
 * file: query_key.c includes the engine's header and nothing of the
 * store, and the condition is opaque here.
 */
#ifndef SST_EMU_OPS_QUERY_KEY_H
#define SST_EMU_OPS_QUERY_KEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sst/err.h>

#include "emu/expr/av.h"
#include "emu/expr/resolve.h"

/** The key schema queried: attribute names and types (SST_AV_S, _N, _B);
 *  range NULL when it has no sort key. */
struct sst_emu_query_schema {
    const char *hash;
    enum sst_av_type hash_type;
    const char *range;
    enum sst_av_type range_type;
};

struct sst_emu_query_key;

/**
 * Analyse a KeyConditionExpression (keycond.h's
 * sst_emu_key_condition_analyze, DynamoDB's messages).
 *
 * @param[out] out  on SST_OK a new condition (sst_emu_query_key_free);
 *                  it borrows values from b
 * @return SST_OK; SST_E_VALIDATION; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_query_key_analyze(const struct sst_emu_expr *kc,
                          const struct sst_emu_bindings *b,
                          const struct sst_emu_query_schema *qs,
                          struct sst_emu_query_key **out, struct sst_err *err);

/** The partition key value. */
const struct sst_av *sst_emu_query_key_hash(const struct sst_emu_query_key *q);

/**
 * A value no greater than every sort key in the range, for a cursor's
 * lower bound (the bound of =, >, >=, BETWEEN and begins_with: a string
 * or binary is no greater than those it begins), or NULL when the range
 * starts at the partition's first row.
 */
const struct sst_av *
sst_emu_query_key_lower(const struct sst_emu_query_key *q);

/** Whether the condition leaves the sort key free (every row of the
 *  partition matches). */
bool sst_emu_query_key_any(const struct sst_emu_query_key *q);

/**
 * Whether a sort key, given as its key component (emu/store/key.h: comp,
 * n bytes, terminator included), satisfies the condition: as
 * sst_emu_query_key_match() on the value, without decoding it.
 *
 * @return 1 or 0; -1 when q cannot tell from bytes (its bounds could not
 *         be encoded, or it has no sort-key condition): match the value.
 */
int sst_emu_query_key_match_bytes(const struct sst_emu_query_key *q,
                                  const uint8_t *comp, size_t n);

/** Whether a sort-key value (NULL: none) satisfies the condition. The
 *  values that do form one interval of the sort order. */
bool sst_emu_query_key_match(const struct sst_emu_query_key *q,
                             const struct sst_av *range_value);

/**
 * Whether a Query may start after a sort-key value (NULL: none), as
 * DynamoDB Local decides: the value satisfies the condition, and, when
 * exclusive (the sort key is the table's own), is not an inclusive bound
 * the walk moves towards (<= and BETWEEN's upper bound reading forward;
 * >= and BETWEEN's lower bound reading backward).
 */
bool sst_emu_query_key_start_ok(const struct sst_emu_query_key *q,
                                const struct sst_av *range_value,
                                bool reverse, bool exclusive);

/**
 * Whether a page of Limit items that ends with this sort-key value (NULL:
 * none) ends the Query, so that it carries no LastEvaluatedKey, as
 * DynamoDB Local decides without looking further: a table without sort
 * key, or the value is the inclusive bound the walk moves towards (<=
 * and BETWEEN's upper bound reading forward, >= and BETWEEN's lower bound
 * reading backward). With =, <, >, begins_with or no sort-key condition
 * the page always carries one (docs/notes-semantics.md).
 */
bool sst_emu_query_key_ends_at(const struct sst_emu_query_key *q,
                               const struct sst_av *range_value,
                               bool reverse);

/** The inclusive bound a Query reading in this direction moves towards,
 *  where a page ending on it ends the Query (sst_emu_query_key_ends_at);
 *  NULL when there is none. Borrowed from q. */
const struct sst_av *
sst_emu_query_key_end_bound(const struct sst_emu_query_key *q, bool reverse);

/** A Query's FilterExpression may not name the key attributes queried
 *  (keycond.h's sst_emu_filter_check_keys). */
SST_MUST_CHECK enum sst_code
sst_emu_query_filter_keys(const struct sst_emu_expr *filter,
                          const struct sst_emu_bindings *b,
                          const struct sst_emu_query_schema *qs,
                          struct sst_err *err);

/** Free a condition; NULL is a no-op. */
void sst_emu_query_key_free(struct sst_emu_query_key *q);

#endif /* SST_EMU_OPS_QUERY_KEY_H */
