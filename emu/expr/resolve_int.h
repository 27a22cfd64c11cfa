/*
 * emu/expr/resolve_int.h - internal to the resolver (resolve*.c): the
 * resolver's state, Java's HashMap arithmetic, and the error and path
 * helpers its files share.
 *
 * Not an API. resolve.c runs the resolution, resolve_bind.c loads the
 * placeholder maps, resolve_path.c substitutes and formats paths,
 * resolve_hooks.c holds the hooks the parser's phase 3 calls and the path
 * trees they build.
 */
#ifndef SST_EMU_EXPR_RESOLVE_INT_H
#define SST_EMU_EXPR_RESOLVE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sst/defs.h>
#include <sst/err.h>

#include "emu/expr/arena.h"
#include "emu/expr/ast.h"
#include "emu/expr/jorder.h"
#include "emu/expr/parse.h"
#include "emu/expr/resolve.h"

struct resolver {
    struct sst_emu_arena *a;
    struct sst_emu_bindings *b;
    enum sst_emu_expr_kind kind;
    const struct sst_emu_ast *root;
    struct sst_emu_ptree_node *tree;
    bool value_in_path;  /* a :value used as a path element        */
    unsigned *name_uses; /* per binding, in this expression        */
    unsigned *value_uses;
};

/* ------------------------------------------------------------------ */
/* shared helpers, defined in resolve*.c                               */

enum sst_code sst_emu_resolve_nomem(struct sst_err *err);

/* resolve_path.c */
bool sst_emu_path_equal(const struct sst_emu_bindings *b,
                        const struct sst_emu_expr_path *x,
                        const struct sst_emu_expr_path *y);
/* Append to a message buffer, snprintf-style accounting. */
void sst_emu_resolve_buf_add(char *buf, size_t cap, size_t *used,
                             const char *fmt, ...) SST_PRINTF(4, 5);

/* resolve_hooks.c */
enum sst_code sst_emu_ptree_finish(struct sst_emu_arena *a,
                                   struct sst_emu_ptree_node *node,
                                   struct sst_err *err);
enum sst_code sst_emu_resolve_hook_path(void *ctx,
                                        const struct sst_emu_expr_path *path,
                                        enum sst_emu_expr_path_role role,
                                        struct sst_err *err);
enum sst_code sst_emu_resolve_hook_value(void *ctx,
                                         const struct sst_emu_ast *value,
                                         unsigned *types, struct sst_err *err);
enum sst_code sst_emu_resolve_hook_op(void *ctx, const struct sst_emu_ast *n,
                                      struct sst_err *err);

/* Java's HashMap arithmetic: emu/expr/jorder.h. */

#endif /* SST_EMU_EXPR_RESOLVE_INT_H */
