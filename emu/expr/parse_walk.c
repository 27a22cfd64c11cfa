/*
 * emu/expr/parse_walk.c - phase 2 of parse.h: DynamoDB's walk of the
 * parse tree in source order (reserved words, list indexes, where each
 * function may appear, repeated update clauses).
 */
#include <string.h>

#include "emu/expr/parse_int.h"
#include "emu/expr/reserved.h"

/* ------------------------------------------------------------------ */
/* phase 2: the walk in source order                                   */

/*
 * DynamoDB walks the parse tree once, entering and leaving nodes in
 * source order, and checks: bare names against the reserved words (on
 * leaving each name), list indexes (on leaving each index), functions (on
 * entering each call, against the nesting of comparisons, IN, BETWEEN,
 * calls and +/- around it), and repeated clauses (on leaving a clause).
 */
struct walk {
    struct parser *p;
    bool update; /* the function rules of update expressions */
    int nesting;
};

static bool
walk_path(struct walk *w, const struct sst_emu_expr_path *path)
{
    struct parser *p = w->p;
    const struct sst_emu_expr_path_elem *e;
    uint32_t i;

    for (i = 0; i < path->n; i++) {
        e = &path->elems[i];
        if (e->type == SST_EMU_ELEM_NAME &&
            sst_emu_reserved_is(e->name, e->len)) {
            p->rc =
                sst_emu_expr_invalid(p->err, p->kind,
                                     "Attribute name is a reserved keyword; "
                                     "reserved keyword: %.*s",
                                     (int)e->len, e->name);
            return false;
        }
        if (e->type == SST_EMU_ELEM_INDEX && e->index == UINT32_MAX) {
            p->rc = sst_emu_expr_invalid(
                p->err, p->kind,
                "List index is not within the allowable range; "
                "index: [%.*s]",
                (int)e->len, e->name);
            return false;
        }
    }
    return true;
}

/* DynamoDB's rules for a function call, checked on entering it. */
static bool
check_call(struct walk *w, const struct sst_emu_ast *n)
{
    struct parser *p = w->p;
    const struct sst_emu_expr_op_info *info = &sst_emu_expr_ops[n->op];
    const char *name = info->name;

    if (n->op == SST_EMU_EXPR_OP_NONE) {
        p->rc = sst_emu_expr_invalid(p->err, p->kind,
                                     "Invalid function name; function: %.*s",
                                     (int)n->u.ref.len, n->u.ref.name);
        return false;
    }
    if (w->update) {
        if (!info->update_fn) {
            p->rc =
                sst_emu_expr_invalid(p->err, p->kind,
                                     "The function is not allowed in an update "
                                     "expression; function: %s",
                                     name);
            return false;
        }
        if (w->nesting > 0 && n->op != SST_EMU_EXPR_OP_IF_NOT_EXISTS)
            goto context;
        return true;
    }
    if (!info->condition_fn) {
        p->rc =
            sst_emu_expr_invalid(p->err, p->kind,
                                 "The function is not allowed in a condition "
                                 "expression; function: %s",
                                 name);
        return false;
    }
    /* At the top a function must be a condition; inside a comparison or
     * another call only size() may appear. */
    if (w->nesting == 0 ? n->op == SST_EMU_EXPR_OP_SIZE
                        : n->op != SST_EMU_EXPR_OP_SIZE)
        goto context;
    return true;
context:
    p->rc = sst_emu_expr_invalid(
        p->err, p->kind,
        "The function is not allowed to be used this way in an "
        "expression; function: %s",
        name);
    return false;
}

static bool
walk_node(struct walk *w, const struct sst_emu_ast *n)
{
    bool nests;
    uint32_t i;

    switch (n->type) {
    case SST_EMU_AST_PATH:
        return walk_path(w, &n->u.path);
    case SST_EMU_AST_VALUE:
        return true;
    case SST_EMU_AST_OP:
        break;
    default:
        return true;
    }
    nests = n->op != SST_EMU_EXPR_OP_NOT && n->op != SST_EMU_EXPR_OP_AND &&
            n->op != SST_EMU_EXPR_OP_OR;
    if ((sst_emu_expr_ops[n->op].is_function ||
         n->op == SST_EMU_EXPR_OP_NONE) &&
        !check_call(w, n))
        return false;
    w->nesting += nests;
    for (i = 0; i < n->nkids; i++)
        if (!walk_node(w, n->kids[i]))
            return false;
    w->nesting -= nests;
    return true;
}

static bool
walk_update(struct walk *w)
{
    struct parser *p = w->p;
    bool seen[SST_EMU_CLAUSE_COUNT] = {false};
    static const char *const names[] = {"SET", "REMOVE", "ADD", "DELETE"};
    const struct clause_seg *seg;
    const struct sst_emu_expr_action *act;
    uint32_t s, i;

    for (s = 0; s < p->nsegs; s++) {
        seg = &p->segs[s];
        for (i = seg->first; i < seg->first + seg->count; i++) {
            act = &p->actions[i];
            if (!walk_path(w, &act->path))
                return false;
            if (act->value != NULL && !walk_node(w, act->value))
                return false;
        }
        if (seen[seg->clause]) {
            p->rc = sst_emu_expr_invalid(
                p->err, p->kind,
                "The \"%s\" section can only be used once in "
                "an update expression;",
                names[seg->clause]);
            return false;
        }
        seen[seg->clause] = true;
    }
    return true;
}

bool
sst_emu_parse_walk_tree(struct parser *p, const struct sst_emu_ast *root)
{
    struct walk w = {p, p->kind == SST_EMU_EXPR_UPDATE, 0};
    uint32_t i;

    if (root->type == SST_EMU_AST_UPDATE)
        return walk_update(&w);
    if (root->type == SST_EMU_AST_PROJECTION) {
        for (i = 0; i < root->u.projection.n; i++)
            if (!walk_path(&w, &root->u.projection.paths[i]))
                return false;
        return true;
    }
    return walk_node(&w, root);
}
