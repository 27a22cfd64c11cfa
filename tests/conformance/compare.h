/*
 * tests/conformance/compare.h - how the conformance replay decides that
 * the emulator's answer is DynamoDB Local's answer.
 *
 * The recorded corpora (tests/data/emu/NAME_cases.json) keep DynamoDB
 * Local's answers as JSON. An answer of the emulator agrees with one when
 * they are equal after the differences that exist by design are set aside
 * (docs/emulator.md, "Differences from DynamoDB Local, chosen"): times,
 * TableId, index sizes, DeleteTable's status, and the order of lists
 * whose order DynamoDB does not define. DynamoDB Streams' identifiers
 * (stream ARNs and labels, shard ids, iterators, sequence numbers,
 * eventIDs, record times) are opaque: present on both sides with the same
 * JSON type, their values not compared, as no two runs give the same
 * (docs/fidelity.md, "Corpus format").
 */
#ifndef SST_TESTS_CONFORMANCE_COMPARE_H
#define SST_TESTS_CONFORMANCE_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include <json-c/json.h>

/**
 * A copy of j with every {"$rep": [unit, count, tail]} replaced by the
 * string unit * count + tail (the recorders write big padding that way).
 *
 * @param[in] j  borrowed; may be NULL
 * @return a new reference the caller releases with json_object_put(),
 *         or NULL when j is NULL
 */
struct json_object *conf_expand(struct json_object *j);

/**
 * Whether `ours` answers as `theirs` does (see the file comment).
 *
 * @param[in]  ours, theirs  borrowed; either may be NULL
 * @param[out] why           on false, where and how they differ
 * @return true when they agree
 */
bool conf_same_answer(struct json_object *ours, struct json_object *theirs,
                      char *why, size_t why_len);

/**
 * Whether two pages agree on what the corpus marks `"compare": "counts"`
 * (where DynamoDB chooses which rows fill a page): Count, ScannedCount,
 * the presence of LastEvaluatedKey and of NextToken, the number of
 * Responses and UnprocessedKeys, and ConsumedCapacity.
 */
bool conf_same_counts(struct json_object *ours, struct json_object *theirs,
                      char *why, size_t why_len);

/** JSON text of o for reports ("(none)" for NULL); valid until o changes. */
const char *conf_text(struct json_object *o);

#endif
