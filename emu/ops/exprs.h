/*
 * emu/ops/exprs.h - the seam between the item operations and the
 * expression engine (emu/expr/).
 *
 * Every operation calls sst_emu_op_exprs_prepare() exactly once, at the step
 * where DynamoDB checks the request's expression parameters. It makes the
 * checks that need no parsing, with DynamoDB's messages:
 *
 *   - expression and non-expression (legacy) parameters are not mixed:
 *     "Can not use both expression and non-expression parameters in the
 *     same request: Non-expression parameters: {...} Expression
 *     parameters: {...}";
 *   - ExpressionAttributeNames only with an expression, and
 *     ExpressionAttributeValues only with an expression that takes values.
 *
 * (sst_emu_op_exprs_operator() checks ConditionalOperator, at the step each
 * operation checks it.)
 *
 * The expressions themselves (ConditionExpression, FilterExpression,
 * ProjectionExpression, KeyConditionExpression, UpdateExpression) and the
 * legacy conditions (Expected, ScanFilter, QueryFilter) are the
 * expression engine's. sst_emu_op_exprs_prepare() is where the engine will
 * parse and resolve them, into struct sst_emu_op_exprs; each operation then
 * calls sst_emu_op_exprs_ready() once, after its own checks, at the step
 * where it would evaluate them (docs/emulator.md, "Expression seams").
 * Until the engine is linked, that call answers a request carrying an
 * expression with a ValidationException saying so.
 */
#ifndef SST_EMU_OPS_EXPRS_H
#define SST_EMU_OPS_EXPRS_H

#include <json-c/json.h>

#include <sst/err.h>

/** The expression parameters of one operation. Lists end with NULL and
 *  are in the order DynamoDB's messages name them. */
struct sst_emu_expr_spec {
    const char *const *legacy;      /* non-expression parameters        */
    const char *const *expressions; /* expression parameters            */
    /* Expressions that take ExpressionAttributeValues, and how the
     * message names them when none is given ("ConditionExpression is
     * null"); NULL when the operation never checks its values. */
    const char *const *value_users;
    const char *values_null_msg;
    /* The legacy condition ConditionalOperator combines ("Expected",
     * "ScanFilter"); NULL when the operation has none. */
    const char *condition;
};

/** The expressions of one request, as prepared for its operation. */
struct sst_emu_op_exprs {
    /* The parameters the expression engine has to evaluate, as DynamoDB
     * names them ("ProjectionExpression, FilterExpression"); empty when
     * the request carries none. */
    char pending[160];
};

/**
 * Check and prepare the expression parameters of a request (see the file
 * comment).
 *
 * @param[in]  req   the request, shape-checked
 * @param[in]  spec  the operation's parameters
 * @param[out] x     what the operation will evaluate
 * @return SST_OK; SST_E_VALIDATION with DynamoDB's message.
 */
SST_MUST_CHECK enum sst_code
sst_emu_op_exprs_prepare(const struct json_object *req,
                      const struct sst_emu_expr_spec *spec,
                      struct sst_emu_op_exprs *x, struct sst_err *err);

/**
 * The seam: whether the operation can evaluate what x holds.
 *
 * @return SST_OK when the request carries no expression; until the
 *         expression engine is linked, SST_E_VALIDATION "... is not
 *         supported by the emulator yet" otherwise.
 */
SST_MUST_CHECK enum sst_code sst_emu_op_exprs_ready(const struct sst_emu_op_exprs *x,
                                                 struct sst_err *err);

/**
 * ConditionalOperator only with a legacy condition of two or more
 * elements ("ConditionalOperator cannot be used without Filter or
 * Expected", "... can only be used when Filter or Expected has two or
 * more elements"). The item operations check it last, Scan and Query
 * with the other expression parameters.
 *
 * @return SST_OK; SST_E_VALIDATION.
 */
SST_MUST_CHECK enum sst_code
sst_emu_op_exprs_operator(const struct json_object *req,
                       const struct sst_emu_expr_spec *spec,
                       struct sst_err *err);

#endif /* SST_EMU_OPS_EXPRS_H */
