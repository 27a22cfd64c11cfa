/*
 * emu/expr/parse_update.c - the grammars of UpdateExpression (SET,
 * REMOVE, ADD and DELETE clauses and their actions) and of
 * ProjectionExpression.
 */
#include "emu/expr/parse_int.h"

/* ------------------------------------------------------------------ */
/* update and projection                                               */

/*
 * set_value  := operand | arithmetic
 * arithmetic := operand ('+' | '-') operand | '(' arithmetic ')'
 * Parsed as one rule: an operand followed by + or - becomes arithmetic.
 */
static struct res
parse_set_value(struct parser *p)
{
    struct sst_emu_ast *n;
    struct res x, rhs;
    enum sst_emu_expr_op op;

    if (p->cur.kind == SST_EMU_TOK_LPAREN) {
        if (!enter(p))
            return fail_res;
        advance(p);
        x = parse_set_value(p);
        if (x.n == NULL || !expect(p, SST_EMU_TOK_RPAREN))
            return fail_res;
        leave(p);
        if (x.parens && !note_redundant(p))
            return fail_res;
        x.parens = true;
    } else {
        x = sst_emu_parse_atom(p);
        if (x.n == NULL)
            return fail_res;
        x.kind = R_OPERAND;
    }
    if (x.kind == R_OPERAND &&
        (p->cur.kind == SST_EMU_TOK_PLUS || p->cur.kind == SST_EMU_TOK_MINUS)) {
        if (!commit(p))
            return fail_res;
        op = p->cur.kind == SST_EMU_TOK_PLUS ? SST_EMU_EXPR_OP_PLUS
                                             : SST_EMU_EXPR_OP_MINUS;
        advance(p);
        rhs = sst_emu_parse_operand(p);
        if (rhs.n == NULL)
            return fail_res;
        n = binop(p, op, x.n, rhs.n);
        return (struct res){n, R_ARITH, false};
    }
    return x;
}

static bool
is_clause(enum sst_emu_expr_tok k)
{
    return k == SST_EMU_TOK_SET || k == SST_EMU_TOK_REMOVE ||
           k == SST_EMU_TOK_ADD || k == SST_EMU_TOK_DELETE;
}

/* One action of the clause c, appended to p->actions. */
static bool
parse_action(struct parser *p, enum sst_emu_expr_clause c)
{
    struct sst_emu_expr_action *act;
    struct sst_emu_ast *value = NULL;
    struct sst_emu_expr_path path;
    struct res r;

    if (!is_id(p->cur.kind)) {
        sst_emu_parse_syntax_error(p);
        return false;
    }
    if (!sst_emu_parse_path(p, &path))
        return false;
    if (c == SST_EMU_CLAUSE_SET) {
        if (!expect(p, SST_EMU_TOK_EQ))
            return false;
        open_region(p);
        r = parse_set_value(p);
        /* A complete operand completes set_value: ANTLR takes it, and
         * runs its actions, before it looks at what follows. */
        if (r.n == NULL || !commit(p))
            return false;
        if (p->cur.kind != SST_EMU_TOK_COMMA &&
            p->cur.kind != SST_EMU_TOK_EOF && !is_clause(p->cur.kind)) {
            sst_emu_parse_syntax_error(p);
            return false;
        }
        value = r.n;
    } else if (c == SST_EMU_CLAUSE_ADD || c == SST_EMU_CLAUSE_DELETE) {
        if (p->cur.kind != SST_EMU_TOK_VALUE_REF) {
            sst_emu_parse_syntax_error(p);
            return false;
        }
        r = sst_emu_parse_atom(p);
        if (r.n == NULL)
            return false;
        value = r.n;
    }
    if (!sst_emu_parse_grow(p, (void **)&p->actions, &p->cap_actions,
                            p->nactions, sizeof *act))
        return false;
    act = &p->actions[p->nactions++];
    act->clause = c;
    act->path = path;
    act->value = value;
    return true;
}

/*
 * update  := clause+
 * clause  := SET set_action ("," set_action)*
 *          | REMOVE path ("," path)*
 *          | ADD path :value ("," path :value)*
 *          | DELETE path :value ("," path :value)*
 * set_action := path "=" set_value
 */
struct sst_emu_ast *
sst_emu_parse_update(struct parser *p)
{
    static const enum sst_emu_expr_clause of_tok[] = {
        [SST_EMU_TOK_SET] = SST_EMU_CLAUSE_SET,
        [SST_EMU_TOK_REMOVE] = SST_EMU_CLAUSE_REMOVE,
        [SST_EMU_TOK_ADD] = SST_EMU_CLAUSE_ADD,
        [SST_EMU_TOK_DELETE] = SST_EMU_CLAUSE_DELETE,
    };
    struct sst_emu_ast *n = new_node(p, SST_EMU_AST_UPDATE, p->cur.off);
    struct clause_seg *seg;

    if (n == NULL)
        return NULL;
    if (!is_clause(p->cur.kind)) {
        sst_emu_parse_syntax_error(p);
        return NULL;
    }
    while (is_clause(p->cur.kind)) {
        if (!sst_emu_parse_grow(p, (void **)&p->segs, &p->cap_segs, p->nsegs,
                                sizeof *seg))
            return NULL;
        seg = &p->segs[p->nsegs++];
        seg->clause = of_tok[p->cur.kind];
        seg->first = p->nactions;
        advance(p);
        for (;;) {
            if (!parse_action(p, seg->clause))
                return NULL;
            if (p->cur.kind != SST_EMU_TOK_COMMA)
                break;
            advance(p);
        }
        seg->count = p->nactions - seg->first;
    }
    if (p->cur.kind != SST_EMU_TOK_EOF) {
        sst_emu_parse_syntax_error(p);
        return NULL;
    }
    n->u.update.actions = p->actions;
    n->u.update.n = p->nactions;
    end_node(p, n);
    return n;
}

/* projection := path ("," path)* */
struct sst_emu_ast *
sst_emu_parse_projection(struct parser *p)
{
    struct sst_emu_ast *n = new_node(p, SST_EMU_AST_PROJECTION, p->cur.off);
    struct sst_emu_expr_path *paths = NULL;
    uint32_t np = 0, cap = 0;

    if (n == NULL)
        return NULL;
    for (;;) {
        if (!is_id(p->cur.kind)) {
            sst_emu_parse_syntax_error(p);
            return NULL;
        }
        if (!sst_emu_parse_grow(p, (void **)&paths, &cap, np, sizeof *paths))
            return NULL;
        if (!sst_emu_parse_path(p, &paths[np]))
            return NULL;
        np++;
        if (p->cur.kind != SST_EMU_TOK_COMMA)
            break;
        advance(p);
    }
    if (p->cur.kind != SST_EMU_TOK_EOF) {
        sst_emu_parse_syntax_error(p);
        return NULL;
    }
    n->u.projection.paths = paths;
    n->u.projection.n = np;
    end_node(p, n);
    return n;
}
