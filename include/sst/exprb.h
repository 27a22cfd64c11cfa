/*
 * sst/exprb.h - the expression builder: key conditions and filters with
 * generated placeholders.
 *
 * The C counterpart of boto3's Key(...) and Attr(...). Build a tree of
 * nodes, then render it: every attribute name becomes a "#n<k>"
 * placeholder and every value a ":v<k>" placeholder, so reserved words
 * (status, size, data, name, ...) never need escaping. The names and values
 * accumulate in the builder across renders, so that a Query's
 * KeyConditionExpression and FilterExpression rendered from one builder
 * share one ExpressionAttributeNames and one ExpressionAttributeValues.
 *
 *     struct sst_exprb *b = sst_exprb_new();
 *     struct sst_exprb_node *key = sst_exprb_and(b,
 *         sst_exprb_eq(b, sst_exprb_path(b, "pk"), sst_exprb_str(b, "T#1")),
 *         sst_exprb_begins_with(b, sst_exprb_path(b, "sk"),
 *                               sst_exprb_str(b, "v")));
 *     struct sst_exprb_node *filter = sst_exprb_gt(b,
 *         sst_exprb_size(b, sst_exprb_path(b, "data.items")),
 *         sst_exprb_int(b, 3));
 *     rc = sst_exprb_apply(b, req, "KeyConditionExpression", key, &err);
 *     rc = sst_exprb_apply(b, req, "FilterExpression", filter, &err);
 *     sst_exprb_free(b);
 *
 * gives
 *     KeyConditionExpression  #n0 = :v0 AND begins_with(#n1, :v1)
 *     FilterExpression        size(#n2.#n3) > :v2
 *     ExpressionAttributeNames  {"#n0": "pk", "#n1": "sk", "#n2": "data",
 *                                "#n3": "items"}
 *     ExpressionAttributeValues {":v0": {"S": "T#1"}, ":v1": {"S": "v"},
 *                                ":v2": {"N": "3"}}
 *
 * Rendering rules (exact output):
 *   - names are numbered in order of first appearance in the rendered
 *     text; a name used again reuses its placeholder; values are numbered
 *     in order of appearance and never shared;
 *   - paths: elements joined by '.', list indexes as "[N]";
 *   - comparisons "L = R" (=, <>, <, <=, >, >=), "X BETWEEN L AND H",
 *     "X IN (A, B)", functions "f(A, B)", "size(P)";
 *   - AND and OR chains print flat ("a AND b AND c"); an OR inside an AND,
 *     and an AND inside an OR, is parenthesised; NOT prints "NOT f(...)"
 *     before a function and "NOT (...)" before anything else. No pair of
 *     parentheses is ever redundant in DynamoDB's sense.
 *
 * Errors are sticky. A constructor that fails (bad argument, out of
 * memory) returns NULL and records the first error in the builder; every
 * constructor given a NULL node returns NULL; sst_exprb_render(),
 * sst_exprb_apply() and sst_exprb_status() report the recorded error. So a
 * whole expression can be built without checking each call.
 *
 * Nodes belong to the builder: they stay valid until sst_exprb_free() and
 * may be used in several expressions. A builder is used by one thread at
 * a time.
 */
#ifndef SST_EXPRB_H
#define SST_EXPRB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sst/defs.h>
#include <sst/err.h>

#ifdef __cplusplus
extern "C" {
#endif

struct json_object;
struct sst_exprb;
struct sst_exprb_node;

/** Most operands of IN, as in DynamoDB. */
#define SST_EXPRB_MAX_IN 100
/** Deepest tree the renderer accepts. */
#define SST_EXPRB_MAX_DEPTH 200

enum sst_exprb_cmp {
    SST_EXPRB_EQ = 0, /* =  */
    SST_EXPRB_NE,     /* <> */
    SST_EXPRB_LT,     /* <  */
    SST_EXPRB_LE,     /* <= */
    SST_EXPRB_GT,     /* >  */
    SST_EXPRB_GE      /* >= */
};

/** A new, empty builder; NULL when out of memory. Free with
 *  sst_exprb_free(). */
SST_API struct sst_exprb *sst_exprb_new(void);

/** Release the builder, its nodes, names and values. NULL is a no-op. */
SST_API void sst_exprb_free(struct sst_exprb *b);

/**
 * The first error recorded by a constructor, or SST_OK. err (optional)
 * receives it: SST_E_INVALID_ARG with the reason, or SST_E_NOMEM.
 */
SST_API enum sst_code sst_exprb_status(const struct sst_exprb *b,
                                       struct sst_err *err);

/* ------------------------------------------------------------ operands */

/**
 * A document path: elements separated by '.', each a non-empty attribute
 * name followed by any number of list indexes "[N]" ("a.b[2].c"). Names
 * may hold any character but '.', '[' and ']'; use sst_exprb_name() for a
 * top-level name that contains those. Refused (SST_E_INVALID_ARG): NULL,
 * an empty element, a malformed or over-large index.
 */
SST_API struct sst_exprb_node *sst_exprb_path(struct sst_exprb *b,
                                              const char *path);

/** A top-level attribute name taken literally (no '.' or '[' parsing).
 *  Refused: NULL or "". */
SST_API struct sst_exprb_node *sst_exprb_name(struct sst_exprb *b,
                                              const char *name);

/** size(path): path must be a path node. */
SST_API struct sst_exprb_node *sst_exprb_size(struct sst_exprb *b,
                                              struct sst_exprb_node *path);

/** A string value {"S": s}; s is copied (NUL-terminated, valid UTF-8). */
SST_API struct sst_exprb_node *sst_exprb_str(struct sst_exprb *b,
                                             const char *s);

/** A string value of n bytes (valid UTF-8; may contain NUL). */
SST_API struct sst_exprb_node *sst_exprb_str_len(struct sst_exprb *b,
                                                 const char *s, size_t n);

/**
 * A number value {"N": text}. text is a decimal number as DynamoDB reads
 * it ("1.5", "-3", "1E+5"; at most 38 significant digits, DynamoDB's
 * range) and is kept as written: never converted through a double.
 * Refused: anything DynamoDB would refuse as a number.
 */
SST_API struct sst_exprb_node *sst_exprb_num(struct sst_exprb *b,
                                             const char *text);

/** A number value from an integer. */
SST_API struct sst_exprb_node *sst_exprb_int(struct sst_exprb *b, int64_t v);

/** A boolean value {"BOOL": v}. */
SST_API struct sst_exprb_node *sst_exprb_bool(struct sst_exprb *b, bool v);

/** The value {"NULL": true}. */
SST_API struct sst_exprb_node *sst_exprb_null(struct sst_exprb *b);

/** A binary value {"B": base64 of the n bytes}; the bytes are copied. */
SST_API struct sst_exprb_node *sst_exprb_bin(struct sst_exprb *b,
                                             const void *p, size_t n);

/**
 * Any DynamoDB AttributeValue in wire JSON ({"SS": [...]}, {"M": {...}},
 * ...). It must be an object with exactly one member among S, N, B, BOOL,
 * NULL, SS, NS, BS, L, M; the contents are DynamoDB's to judge. av is
 * borrowed and deep-copied.
 */
SST_API struct sst_exprb_node *sst_exprb_av(struct sst_exprb *b,
                                            const struct json_object *av);

/* ---------------------------------------------------------- conditions */

/** lhs OP rhs; operands are paths, size() or values. */
SST_API struct sst_exprb_node *sst_exprb_cmp(struct sst_exprb *b,
                                             enum sst_exprb_cmp op,
                                             struct sst_exprb_node *lhs,
                                             struct sst_exprb_node *rhs);
SST_API struct sst_exprb_node *sst_exprb_eq(struct sst_exprb *b,
                                            struct sst_exprb_node *lhs,
                                            struct sst_exprb_node *rhs);
SST_API struct sst_exprb_node *sst_exprb_ne(struct sst_exprb *b,
                                            struct sst_exprb_node *lhs,
                                            struct sst_exprb_node *rhs);
SST_API struct sst_exprb_node *sst_exprb_lt(struct sst_exprb *b,
                                            struct sst_exprb_node *lhs,
                                            struct sst_exprb_node *rhs);
SST_API struct sst_exprb_node *sst_exprb_le(struct sst_exprb *b,
                                            struct sst_exprb_node *lhs,
                                            struct sst_exprb_node *rhs);
SST_API struct sst_exprb_node *sst_exprb_gt(struct sst_exprb *b,
                                            struct sst_exprb_node *lhs,
                                            struct sst_exprb_node *rhs);
SST_API struct sst_exprb_node *sst_exprb_ge(struct sst_exprb *b,
                                            struct sst_exprb_node *lhs,
                                            struct sst_exprb_node *rhs);

/** x BETWEEN lo AND hi. */
SST_API struct sst_exprb_node *sst_exprb_between(struct sst_exprb *b,
                                                 struct sst_exprb_node *x,
                                                 struct sst_exprb_node *lo,
                                                 struct sst_exprb_node *hi);

/** x IN (list[0], ...): 1..SST_EXPRB_MAX_IN operands. */
SST_API struct sst_exprb_node *
sst_exprb_in(struct sst_exprb *b, struct sst_exprb_node *x,
             struct sst_exprb_node *const *list, size_t n);

/** begins_with(path, prefix): path a path node. */
SST_API struct sst_exprb_node *sst_exprb_begins_with(
    struct sst_exprb *b, struct sst_exprb_node *path,
    struct sst_exprb_node *prefix);

/** contains(path, operand): path a path node. */
SST_API struct sst_exprb_node *sst_exprb_contains(
    struct sst_exprb *b, struct sst_exprb_node *path,
    struct sst_exprb_node *operand);

/** attribute_exists(path). */
SST_API struct sst_exprb_node *sst_exprb_exists(struct sst_exprb *b,
                                                struct sst_exprb_node *path);

/** attribute_not_exists(path). */
SST_API struct sst_exprb_node *
sst_exprb_not_exists(struct sst_exprb *b, struct sst_exprb_node *path);

/** attribute_type(path, :type): type one of S SS N NS B BS BOOL NULL L M. */
SST_API struct sst_exprb_node *sst_exprb_type(struct sst_exprb *b,
                                              struct sst_exprb_node *path,
                                              const char *type);

/** x AND y; both conditions. */
SST_API struct sst_exprb_node *sst_exprb_and(struct sst_exprb *b,
                                             struct sst_exprb_node *x,
                                             struct sst_exprb_node *y);

/** x OR y; both conditions. */
SST_API struct sst_exprb_node *sst_exprb_or(struct sst_exprb *b,
                                            struct sst_exprb_node *x,
                                            struct sst_exprb_node *y);

/** NOT x; x a condition. */
SST_API struct sst_exprb_node *sst_exprb_not(struct sst_exprb *b,
                                             struct sst_exprb_node *x);

/* -------------------------------------------------------------- output */

/**
 * Render a condition, adding its names and values to the builder's.
 *
 * @param[in,out] b     builder
 * @param[in]     cond  a condition node of b (not an operand)
 * @param[out]    out   on SST_OK a new NUL-terminated string (sst_free);
 *                      NULL on failure
 * @return SST_OK; the builder's recorded error; SST_E_INVALID_ARG (cond
 *         NULL or not a condition, tree deeper than SST_EXPRB_MAX_DEPTH);
 *         SST_E_NOMEM. On failure the builder's names and values are as
 *         before the call.
 */
SST_API enum sst_code sst_exprb_render(struct sst_exprb *b,
                                       const struct sst_exprb_node *cond,
                                       char **out, struct sst_err *err);

/**
 * ExpressionAttributeNames so far ({"#n0": "pk", ...}), borrowed: valid
 * until the next render or sst_exprb_free(); NULL when there are none.
 */
SST_API const struct json_object *sst_exprb_names(const struct sst_exprb *b);

/** ExpressionAttributeValues so far, as sst_exprb_names(). */
SST_API const struct json_object *sst_exprb_values(const struct sst_exprb *b);

/**
 * Render cond into req[member] (e.g. "FilterExpression") and set
 * req["ExpressionAttributeNames"] and req["ExpressionAttributeValues"] to
 * copies of the builder's (replacing what was there; left out when empty).
 *
 * @param[in,out] req  a request object
 * @return as sst_exprb_render(); SST_E_INVALID_ARG when req is not an
 *         object or member is NULL. On failure req is unchanged.
 */
SST_API enum sst_code sst_exprb_apply(struct sst_exprb *b,
                                      struct json_object *req,
                                      const char *member,
                                      const struct sst_exprb_node *cond,
                                      struct sst_err *err);

#ifdef __cplusplus
}
#endif

#endif /* SST_EXPRB_H */
