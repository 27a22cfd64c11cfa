/*
 * fuzz/expr_fuzz.h - what the expression engine's fuzz targets
 * (fuzz/fuzz_expr_*.c) share: the grammar check every parser target runs,
 * and, for the targets whose input is a JSON envelope, its decoding, its
 * members and the rule every failure must keep. A broken invariant
 * aborts, which libFuzzer reports as a crash.
 */
#ifndef SST_FUZZ_EXPR_FUZZ_H
#define SST_FUZZ_EXPR_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

#include <sst/sst.h>

#include "emu/expr/ast.h"
#include "emu/expr/request.h"
#include "emu/expr/resolve.h"

/*
 * Parse data as an expression of kind, and check: a parse gives a tree
 * (which the canonical printer handles) or a ValidationException whose
 * message starts with prefix, or which also_ok (optional) accepts.
 */
void expr_fuzz_parse(const uint8_t *data, size_t size,
                     enum sst_emu_expr_kind kind, const char *prefix,
                     bool (*also_ok)(const char *message));

/* The input as a JSON object (json_object_put), or NULL when it is not
 * one. */
struct json_object *expr_fuzz_envelope(const uint8_t *data, size_t size);

/* Member k of o, borrowed; NULL when absent. */
const struct json_object *expr_fuzz_member(const struct json_object *o,
                                           const char *k);

/* Member k of o as an expression text (empty when absent or not a
 * string), borrowed from o. */
void expr_fuzz_text(const struct json_object *o, const char *k,
                    struct sst_emu_expr_text *t);

/* A failure is a ValidationException or SerializationException with a
 * message (or running out of memory). */
void expr_fuzz_check_failure(enum sst_code rc, const struct sst_err *err);

/* ExpressionAttributeNames and Values from env's "n" and "v" into r,
 * then x set up and prepared from r, with the failure rule. x needs
 * sst_emu_exprs_cleanup() whatever the result. */
enum sst_code expr_fuzz_prepare(const struct json_object *env,
                                struct sst_emu_expr_request *r,
                                struct sst_emu_exprs *x, struct sst_err *err);

/* The prepared condition of x, when rc is SST_OK: the nested key check,
 * then its evaluation on item, which must not fail (*ok its result; left
 * as it is when there is no condition). */
enum sst_code expr_fuzz_condition(enum sst_code rc, struct sst_emu_exprs *x,
                                  const struct sst_emu_key_name *keys,
                                  size_t nkeys, const struct sst_av *item,
                                  bool *ok, struct sst_err *err);

#endif /* SST_FUZZ_EXPR_FUZZ_H */
