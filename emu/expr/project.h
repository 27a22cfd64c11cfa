/*
 * emu/expr/project.h - ProjectionExpression on an item.
 *
 * Applies the path tree of a resolved ProjectionExpression (resolve.h) to
 * an item, as DynamoDB shapes the result: each path keeps its structure
 * (m.a.b[2].c gives {"m": {"M": {"a": {"M": {"b": {"L": [{"M": {"c":
 * ...}}]}}}}}}), several elements of one list come back compacted in
 * index order, and paths that designate nothing (missing attributes,
 * indexes out of range, keys of non-maps) are left out, along with any
 * map or list left empty by that.
 */
#ifndef SST_EMU_EXPR_PROJECT_H
#define SST_EMU_EXPR_PROJECT_H

#include <sst/err.h>

#include "emu/expr/av.h"
#include "emu/expr/resolve.h"

/**
 * The part of a document a path tree selects (the helper behind
 * projections and ReturnValues UPDATED_OLD / UPDATED_NEW).
 *
 * @param[in]  tree  a path tree (struct sst_emu_expr.tree)
 * @param[in]  doc   an item, map or list; borrowed
 * @param[out] out   on SST_OK a new value of doc's type, or NULL when the
 *                   tree selects nothing
 * @return SST_OK or SST_E_NOMEM
 */
SST_MUST_CHECK enum sst_code
sst_emu_ptree_select(const struct sst_emu_ptree_node *tree,
                     const struct sst_av *doc, struct sst_av **out,
                     struct sst_err *err);

/**
 * Apply a ProjectionExpression.
 *
 * @param[in]  proj  a resolved ProjectionExpression
 * @param[in]  item  the item (SST_AV_M); borrowed
 * @param[out] out   on SST_OK a new item (SST_AV_M, possibly without
 *                   attributes), freed with sst_av_free(); NULL on error
 * @return SST_OK, SST_E_NOMEM, SST_E_INVALID_ARG
 */
SST_MUST_CHECK enum sst_code sst_emu_project(const struct sst_emu_expr *proj,
                                             const struct sst_av *item,
                                             struct sst_av **out,
                                             struct sst_err *err);

#endif /* SST_EMU_EXPR_PROJECT_H */
