/*
 * emu/expr/request.h - all the expressions of one request, validated in
 * DynamoDB's order.
 *
 * A data-plane request carries up to three expressions and one pair of
 * placeholder maps shared by them. DynamoDB validates them in a fixed
 * order, and the first error wins:
 *
 *   1. ExpressionAttributeNames / -Values given without any expression
 *      that could use them ("can only be specified when using
 *      expressions");
 *   2. the maps themselves (resolve.h, sst_emu_bindings_load);
 *   3. each expression, fully (syntax, names and values, sizes), in the
 *      operation's order:
 *        UpdateItem          UpdateExpression, ConditionExpression
 *        PutItem, DeleteItem ConditionExpression
 *        GetItem             ProjectionExpression (values ignored)
 *        Query, Scan         FilterExpression, ProjectionExpression,
 *                            KeyConditionExpression (Query only)
 *   4. unused names, then unused values, across all of them.
 *
 * What comes after depends on the table and the item and belongs to the
 * operation: nested access to key attributes
 * (sst_emu_expr_check_nested_keys), the key condition (keycond.h), the
 * Query filter's key attributes, the condition (eval.h), updates of key
 * attributes and the update itself (update.h), the projection
 * (project.h). docs/expressions.md shows each operation's sequence.
 */
#ifndef SST_EMU_EXPR_REQUEST_H
#define SST_EMU_EXPR_REQUEST_H

#include <stddef.h>

#include <json-c/json.h>

#include <sst/err.h>

#include "emu/expr/arena.h"
#include "emu/expr/resolve.h"

/* The operations that take expressions. */
enum sst_emu_request_op {
    SST_EMU_REQ_GET_ITEM = 0,
    SST_EMU_REQ_PUT_ITEM,
    SST_EMU_REQ_DELETE_ITEM,
    SST_EMU_REQ_UPDATE_ITEM,
    SST_EMU_REQ_QUERY,
    SST_EMU_REQ_SCAN
};

/* An expression's text, len bytes; s NULL when the request has none. */
struct sst_emu_expr_text {
    const char *s;
    size_t len;
};

/* The expression parameters of one request (all borrowed). */
struct sst_emu_expr_request {
    enum sst_emu_request_op op;
    struct sst_emu_expr_text condition;     /* ConditionExpression     */
    struct sst_emu_expr_text update;        /* UpdateExpression        */
    struct sst_emu_expr_text key_condition; /* KeyConditionExpression  */
    struct sst_emu_expr_text filter;        /* FilterExpression        */
    struct sst_emu_expr_text projection;    /* ProjectionExpression    */
    const struct json_object *names;        /* ExpressionAttributeNames  */
    const struct json_object *values;       /* ExpressionAttributeValues */
};

/* The resolved expressions of one request. An expression the request
 * does not have has ast == NULL. */
struct sst_emu_exprs {
    struct sst_emu_arena arena;
    struct sst_emu_bindings bindings;
    struct sst_emu_expr condition;
    struct sst_emu_expr update;
    struct sst_emu_expr key_condition;
    struct sst_emu_expr filter;
    struct sst_emu_expr projection;
};

/** Prepare an empty set (on the caller's stack, typically). Never
 *  fails; sst_emu_exprs_cleanup() must follow. */
void sst_emu_exprs_init(struct sst_emu_exprs *x);

/** Free everything the set holds; it is empty again afterwards. NULL is a
 *  no-op. */
void sst_emu_exprs_cleanup(struct sst_emu_exprs *x);

/**
 * Steps 1 to 4 of the header comment.
 *
 * @param[in,out] x    an initialised, empty set
 * @param[in]     req  the request's expression parameters
 * @return SST_OK, SST_E_VALIDATION (DynamoDB's message),
 *         SST_E_SERIALIZATION (a placeholder of the wrong JSON kind),
 *         SST_E_NOMEM, SST_E_INVALID_ARG
 */
SST_MUST_CHECK enum sst_code
sst_emu_exprs_prepare(struct sst_emu_exprs *x,
                      const struct sst_emu_expr_request *req,
                      struct sst_err *err);

/**
 * As sst_emu_exprs_prepare(), reading the parameters from a request body
 * in DynamoDB's JSON shape ("ConditionExpression", "UpdateExpression",
 * "KeyConditionExpression", "FilterExpression", "ProjectionExpression",
 * "ExpressionAttributeNames", "ExpressionAttributeValues"; members that
 * are JSON null count as absent; members the operation does not have are
 * ignored).
 *
 * @return as sst_emu_exprs_prepare(); SST_E_SERIALIZATION for an
 *         expression that is not a string
 */
SST_MUST_CHECK enum sst_code
sst_emu_exprs_from_json(struct sst_emu_exprs *x, enum sst_emu_request_op op,
                        const struct json_object *body, struct sst_err *err);

#endif /* SST_EMU_EXPR_REQUEST_H */
