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
 * legacy parameters (Expected, ScanFilter, QueryFilter, KeyConditions,
 * AttributeUpdates, translated by emu/ops/legacy.h) are the expression
 * engine's. sst_emu_op_exprs_parse() has the engine parse and resolve
 * them (emu/expr/request.h), into struct sst_emu_op_exprs, which
 * sst_emu_op_exprs_cleanup() frees; the operation evaluates them with the
 * helpers below (docs/emulator.md, "Expression seams").
 */
#ifndef SST_EMU_OPS_EXPRS_H
#define SST_EMU_OPS_EXPRS_H

#include <stdbool.h>

#include <json-c/json.h>

#include <sst/err.h>

#include "emu/expr/av.h"
#include "emu/expr/request.h"
#include "emu/store/key.h"
#include "emu/store/store.h"
#include "emu/store/table.h"

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
    enum sst_emu_request_op op; /* which operation's rules the engine uses */
};

/** The expressions of one request, as prepared for its operation. */
struct sst_emu_op_exprs {
    /* The request's expressions, parsed and resolved; valid when engaged
     * (sst_emu_op_exprs_cleanup() frees them). */
    bool to_parse; /* the request has expressions, not parsed yet       */
    bool engaged;
    struct sst_emu_exprs e;
    /* legacy parameters: the request carries some to translate
     * (emu/ops/legacy.h); its request and spec, borrowed */
    bool legacy;
    const struct json_object *req;
    const struct sst_emu_expr_spec *spec;
};

/**
 * The expression engine's validation of every expression of the request
 * (emu/expr/request.h), for a request that carries expressions (nothing
 * otherwise, or when done already). Operations call it at the step where
 * DynamoDB validates the expressions themselves,
 * which comes after the key checks for the item operations (DeleteItem
 * with a partial Key and an undefined value: "The number of conditions on
 * the keys is invalid").
 *
 * @return SST_OK; the engine's errors (SST_E_VALIDATION,
 *         SST_E_SERIALIZATION, SST_E_NOMEM).
 */
SST_MUST_CHECK enum sst_code
sst_emu_op_exprs_parse(const struct json_object *req,
                       const struct sst_emu_expr_spec *spec,
                       struct sst_emu_op_exprs *x, struct sst_err *err);

/** Free what x holds (a zeroed x is fine). */
void sst_emu_op_exprs_cleanup(struct sst_emu_op_exprs *x);

/**
 * DynamoDB's refusal of nested access to the key attributes of t (and of
 * its indexes) in expression e of x; SST_OK when x has no such
 * expression.
 *
 * @return SST_OK; SST_E_VALIDATION.
 */
SST_MUST_CHECK enum sst_code
sst_emu_op_exprs_nested_keys(const struct sst_emu_op_exprs *x,
                             const struct sst_emu_expr *e,
                             const struct sst_emu_table *t,
                             struct sst_err *err);

/**
 * The ConditionExpression of x against item (NULL: no item): SST_OK when
 * it holds or x has none, SST_E_CONDITION_FAILED "The conditional request
 * failed" when not; the evaluator's errors otherwise.
 */
SST_MUST_CHECK enum sst_code
sst_emu_op_exprs_condition(const struct sst_emu_op_exprs *x,
                           const struct sst_av *item, struct sst_err *err);

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
 * The legacy parameters' translation (emu/ops/legacy.h), with their
 * validation, when the request has some and it is not done yet. Scan
 * has it done by sst_emu_op_exprs_prepare(), Query calls it before its
 * nested-key checks, the item operations have it done by
 * sst_emu_op_exprs_parse(); PutItem calls it earlier, before
 * ReturnValuesOnConditionCheckFailure, as DynamoDB checks Expected there
 * (UpdateItem and DeleteItem check Expected before anything else:
 * sst_emu_legacy_check_expected() in emu/ops/legacy.h);
 * a Query with expressions besides KeyConditions (FilterExpression,
 * ProjectionExpression) has it done by sst_emu_op_exprs_parse(), which
 * translates them together.
 *
 * @return SST_OK; SST_E_VALIDATION; SST_E_SERIALIZATION; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code sst_emu_op_exprs_legacy(struct sst_emu_op_exprs *x,
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

/**
 * Read the item a write replaces (key of table t, in txn) and check the
 * ConditionExpression of x against it. When the condition fails and
 * all_old (ReturnValuesOnConditionCheckFailure=ALL_OLD) and there was an
 * item, *fail_resp is {"Item": the item} (the error's extra members,
 * include/sst/backend.h).
 *
 * @param[out] old        optional: on SST_OK the item read as a value
 *                        (sst_av_free), NULL when there is none
 * @param[out] fail_resp  set only on SST_E_CONDITION_FAILED, else NULL
 * @return SST_OK; SST_E_CONDITION_FAILED; SST_E_VALIDATION (the
 *         evaluator's); SST_E_STORAGE; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_op_exprs_check_item(const struct sst_emu_op_exprs *x,
                            struct sst_emu_txn *txn,
                            const struct sst_emu_table *t,
                            const struct sst_emu_key *key, bool all_old,
                            struct sst_av **old,
                            struct json_object **fail_resp,
                            struct sst_err *err);

/** Whether x has a ProjectionExpression that shapes each item. */
bool sst_emu_op_exprs_projects(const struct sst_emu_op_exprs *x);

/**
 * A stored row as the answer's JSON item: the ProjectionExpression of x
 * applied to it when x has one, else the attributes named by only (all
 * of them when only is NULL), as sst_emu_item_to_json() gives them.
 *
 * @param[out] out  on SST_OK a new JSON object (json_object_put)
 * @return SST_OK; SST_E_NOMEM; SST_E_STORAGE (a damaged row).
 */
SST_MUST_CHECK enum sst_code
sst_emu_op_exprs_row_json(const struct sst_emu_op_exprs *x, const void *row,
                          size_t len, const char *const *only, size_t only_n,
                          struct json_object **out, struct sst_err *err);

/**
 * Whether a stored row passes the FilterExpression of x (true when x has
 * none).
 *
 * @return SST_OK; the evaluator's errors; SST_E_NOMEM; SST_E_STORAGE.
 */
SST_MUST_CHECK enum sst_code
sst_emu_op_exprs_filter_row(const struct sst_emu_op_exprs *x,
                            const void *row, size_t len, bool *pass,
                            struct sst_err *err);

/**
 * Call fn for the top-level attribute name (names substituted) of each
 * path in expression e of x, in the expression's order (a name may come
 * more than once); nothing when x has no such expression. fn's error
 * stops the walk and is returned.
 */
SST_MUST_CHECK enum sst_code
sst_emu_op_exprs_top_names(const struct sst_emu_op_exprs *x,
                           const struct sst_emu_expr *e,
                           enum sst_code (*fn)(void *ctx, const char *name,
                                               size_t len,
                                               struct sst_err *err),
                           void *ctx, struct sst_err *err);

/**
 * UpdateItem's steps after its condition, with DynamoDB's errors in
 * DynamoDB's order: the refusal to update the table's key attributes,
 * nested access to key attributes in the UpdateExpression, the update
 * itself (emu/expr/update.h; without an UpdateExpression the item is
 * unchanged, or created from its key), and the attributes ReturnValues
 * asks for.
 *
 * @param[in]  old       the stored item, NULL when there is none
 * @param[in]  key_item  the request's Key (a map), the base of a new item
 * @param[in]  rv        ReturnValues, as emu/ops/request.h's enum
 *                       sst_emu_return_values (its values are update.h's;
 *                       the two headers define the same enum, so they do
 *                       not meet in one file and it is passed as an int)
 * @param[out] new_item  on SST_OK the new item (sst_av_free)
 * @param[out] attrs     on SST_OK the Attributes to answer, or NULL
 * @return SST_OK; SST_E_VALIDATION; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_op_exprs_update(const struct sst_emu_op_exprs *x,
                        const struct sst_emu_table *t, const struct sst_av *old,
                        const struct sst_av *key_item, int rv,
                        struct sst_av **new_item, struct sst_av **attrs,
                        struct sst_err *err);

#endif /* SST_EMU_OPS_EXPRS_H */
