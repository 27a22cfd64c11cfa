/*
 * tests/conformance/ref.h - the references of a corpus step to earlier
 * answers (docs/fidelity.md, "Corpus format"): a request member
 * {"$ref": [STEP, k1, k2, ...]} stands for the value at k1, k2, ... in the
 * answer the replaying side gave to step STEP (0-based) of the same
 * sequence: stream ARNs, shard ids, iterators and sequence numbers, which
 * differ from run to run.
 */
#ifndef SST_TESTS_CONFORMANCE_REF_H
#define SST_TESTS_CONFORMANCE_REF_H

#include <stdbool.h>
#include <stddef.h>

#include <json-c/json.h>

/* The answers this side gave to the earlier steps of a sequence: the
 * body of a success, NULL for an error. */
struct conf_answers {
    struct json_object **body;
    size_t n;
};

/*
 * Resolve the references of request j in place, each replaced by a copy
 * of the value it names. j is a private copy (conf_expand()). False, with
 * the reason in why (steps counted from 1, as the report does), when a
 * reference names nothing.
 */
bool conf_resolve(struct json_object *j, const struct conf_answers *a,
                  char *why, size_t why_len);

#endif /* SST_TESTS_CONFORMANCE_REF_H */
