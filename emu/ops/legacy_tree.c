/*
 * emu/ops/legacy_tree.c - the nodes of the engine's tree (emu/expr/ast.h)
 * that the legacy translators build directly, in the request's arena:
 * Expected, QueryFilter and ScanFilter (legacy_cond.c) as conditions,
 * AttributeUpdates (legacy_update.c) as an update.
 *
 * Built trees have no text, so no expression limit (length, operators,
 * IN operands) applies to them, as none applies to DynamoDB's legacy
 * parameters. Names are plain NAME elements (one attribute each, never a
 * path: "a.b" names the attribute "a.b"); values are ":v<i>"
 * placeholders of the translation's maps, which the engine's bindings
 * resolve.
 */
#include <string.h>

#include "emu/expr/arena.h"
#include "emu/expr/ast.h"
#include "emu/ops/legacy_int.h"

struct sst_emu_ast *
sst_emu_legacy_op_node(struct sst_emu_legacy_tree *t, enum sst_emu_expr_op op,
                       uint32_t nkids)
{
    struct sst_emu_ast *n = sst_emu_arena_zalloc(t->a, sizeof *n);
    const struct sst_emu_expr_op_info *in = sst_emu_expr_op_info(op);

    if (n == NULL)
        return NULL;
    n->type = SST_EMU_AST_OP;
    n->op = op;
    n->nkids = nkids;
    n->kids = sst_emu_arena_zalloc(t->a, nkids * sizeof *n->kids);
    if (n->kids == NULL)
        return NULL;
    if (in->is_function) {
        n->u.ref.name = in->name;
        n->u.ref.len = (uint32_t)strlen(in->name);
    }
    return n;
}

bool
sst_emu_legacy_path(struct sst_emu_legacy_tree *t, const char *name,
                    struct sst_emu_expr_path *out)
{
    struct sst_emu_expr_path_elem *e = sst_emu_arena_zalloc(t->a, sizeof *e);
    size_t len = strlen(name);

    memset(out, 0, sizeof *out);
    if (e == NULL || (e->name = sst_emu_arena_strndup(t->a, name, len)) == NULL)
        return false;
    e->type = SST_EMU_ELEM_NAME;
    e->len = (uint32_t)len;
    out->elems = e;
    out->n = 1;
    out->len = (uint32_t)len;
    return true;
}

struct sst_emu_ast *
sst_emu_legacy_path_node(struct sst_emu_legacy_tree *t, const char *name)
{
    struct sst_emu_ast *n = sst_emu_arena_zalloc(t->a, sizeof *n);

    if (n == NULL || !sst_emu_legacy_path(t, name, &n->u.path))
        return NULL;
    n->type = SST_EMU_AST_PATH;
    return n;
}

struct sst_emu_ast *
sst_emu_legacy_value_node(struct sst_emu_legacy_tree *t, struct json_object *v,
                          struct sst_err *err)
{
    struct sst_emu_ast *n = sst_emu_arena_zalloc(t->a, sizeof *n);
    struct sst_emu_legacy_ph ph;

    if (n == NULL || sst_emu_legacy_value(t->m, v, &ph, err) != SST_OK)
        return NULL;
    n->type = SST_EMU_AST_VALUE;
    n->u.ref.len = (uint32_t)strlen(ph.s);
    n->u.ref.name = sst_emu_arena_strndup(t->a, ph.s, n->u.ref.len);
    return n->u.ref.name != NULL ? n : NULL;
}

struct sst_emu_ast *
sst_emu_legacy_op2(struct sst_emu_legacy_tree *t, enum sst_emu_expr_op op,
                   struct sst_emu_ast *x, struct sst_emu_ast *y)
{
    struct sst_emu_ast *n;

    if (x == NULL || (y == NULL && op != SST_EMU_EXPR_OP_NOT &&
                      op != SST_EMU_EXPR_OP_ATTRIBUTE_EXISTS &&
                      op != SST_EMU_EXPR_OP_ATTRIBUTE_NOT_EXISTS))
        return NULL;
    n = sst_emu_legacy_op_node(t, op, y != NULL ? 2 : 1);
    if (n == NULL)
        return NULL;
    n->kids[0] = x;
    if (y != NULL)
        n->kids[1] = y;
    return n;
}
