/*
 * emu/expr/eval.h - evaluation of ConditionExpression and FilterExpression
 * on an item.
 *
 * Takes an expression resolved by resolve.h (all static checks done) and
 * decides whether an item satisfies it, with DynamoDB's semantics:
 * comparing values of different types is false, not an error; a missing
 * attribute is absent while a NULL attribute exists; a path that does not
 * resolve (index out of range, key on a list, index on a map) is absent;
 * contains works on S, B, sets and lists; size on S (UTF-16 code units),
 * B, sets, L and M; begins_with on S and B; BETWEEN whose bounds are
 * attributes out of order is false. Evaluation allocates nothing and
 * never fails on a valid tree.
 */
#ifndef SST_EMU_EXPR_EVAL_H
#define SST_EMU_EXPR_EVAL_H

#include <stdbool.h>

#include <sst/err.h>

#include "emu/expr/av.h"
#include "emu/expr/resolve.h"

/**
 * The value a document path designates in an item.
 *
 * @param[in] item  a map (SST_AV_M), or NULL for no item
 * @param[in] p     a path of a resolved expression
 * @param[in] b     the bindings that resolved it (for #names)
 * @return the value, borrowed from item; NULL when the path designates
 *         nothing
 */
const struct sst_av *sst_emu_path_get(const struct sst_av *item,
                                      const struct sst_emu_expr_path *p,
                                      const struct sst_emu_bindings *b);

/**
 * Evaluate a condition (ConditionExpression, FilterExpression, or the
 * condition tree of a KeyConditionExpression) on an item.
 *
 *     struct sst_emu_expr e;   (from sst_emu_expr_resolve)
 *     bool ok;
 *     rc = sst_emu_expr_eval(&e, &bindings, item, &ok, &err);
 *
 * @param[in]  e       a resolved condition expression; borrowed
 * @param[in]  b       its bindings; borrowed
 * @param[in]  item    the item (SST_AV_M), or NULL when there is none
 * @param[out] result  whether the item satisfies the condition
 * @return SST_OK, or SST_E_INVALID_ARG for a tree that is not a resolved
 *         condition
 */
SST_MUST_CHECK enum sst_code sst_emu_expr_eval(const struct sst_emu_expr *e,
                                               const struct sst_emu_bindings *b,
                                               const struct sst_av *item,
                                               bool *result,
                                               struct sst_err *err);

#endif /* SST_EMU_EXPR_EVAL_H */
