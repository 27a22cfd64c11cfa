/*
 * emu/expr/parse_cond.c - the grammar of conditions (ConditionExpression,
 * FilterExpression, KeyConditionExpression): OR, AND, NOT, comparisons,
 * BETWEEN, IN, function calls and parentheses, with the decision between
 * a parenthesised condition and a parenthesised operand (parse.c).
 */
#include "emu/expr/parse_int.h"

/* ------------------------------------------------------------------ */
/* conditions                                                          */

/*
 * condition := or_expr
 * or_expr   := and_expr ("OR" and_expr)*
 * and_expr  := not_expr ("AND" not_expr)*
 * not_expr  := "NOT" not_expr | primary
 * primary   := operand comparator operand
 *            | operand "BETWEEN" operand "AND" operand
 *            | operand "IN" "(" operand ("," operand)* ")"
 *            | function
 *            | "(" condition ")"
 *
 * allow_bare: the piece is the whole content of a pair of parentheses so
 * far, so it may also be a bare operand ("(a)" in "(a) = :v").
 */
static struct res parse_or(struct parser *p, bool allow_bare);

static bool
is_comparator(enum sst_emu_expr_tok k)
{
    return k >= SST_EMU_TOK_EQ && k <= SST_EMU_TOK_GE;
}

static enum sst_emu_expr_op
comparator_op(enum sst_emu_expr_tok k)
{
    static const enum sst_emu_expr_op map[] = {
        SST_EMU_EXPR_OP_EQ, SST_EMU_EXPR_OP_NE, SST_EMU_EXPR_OP_LT,
        SST_EMU_EXPR_OP_LE, SST_EMU_EXPR_OP_GT, SST_EMU_EXPR_OP_GE,
    };
    return map[k - SST_EMU_TOK_EQ];
}

/* lhs IN ( operand, ... ) */
static struct sst_emu_ast *
parse_in(struct parser *p, struct sst_emu_ast *lhs)
{
    struct sst_emu_ast *n, **kids = NULL;
    uint32_t nk = 0, cap = 0;
    struct res r;

    advance(p); /* IN */
    if (!expect(p, SST_EMU_TOK_LPAREN))
        return NULL;
    if (!sst_emu_parse_grow(p, (void **)&kids, &cap, nk, sizeof *kids))
        return NULL;
    kids[nk++] = lhs;
    for (;;) {
        r = sst_emu_parse_operand(p);
        if (r.n == NULL)
            return NULL;
        if (!sst_emu_parse_grow(p, (void **)&kids, &cap, nk, sizeof *kids))
            return NULL;
        kids[nk++] = r.n;
        if (p->cur.kind != SST_EMU_TOK_COMMA)
            break;
        advance(p);
    }
    if (!expect(p, SST_EMU_TOK_RPAREN))
        return NULL;
    n = new_node(p, SST_EMU_AST_OP, lhs->off);
    if (n == NULL)
        return NULL;
    n->op = SST_EMU_EXPR_OP_IN;
    n->nkids = nk;
    n->kids = kids;
    end_node(p, n);
    return n;
}

/* lhs BETWEEN low AND high */
static struct sst_emu_ast *
parse_between(struct parser *p, struct sst_emu_ast *lhs)
{
    struct sst_emu_ast *n;
    struct res lo, hi;

    advance(p); /* BETWEEN */
    lo = sst_emu_parse_operand(p);
    if (lo.n == NULL || !expect(p, SST_EMU_TOK_AND))
        return NULL;
    hi = sst_emu_parse_operand(p);
    if (hi.n == NULL)
        return NULL;
    n = new_op(p, SST_EMU_EXPR_OP_BETWEEN, lhs->off, 3);
    if (n == NULL)
        return NULL;
    n->kids[0] = lhs;
    n->kids[1] = lo.n;
    n->kids[2] = hi.n;
    end_node(p, n);
    return n;
}

/* What may follow an operand x at the start of a primary decides what
 * the primary is. */
static struct res
after_operand(struct parser *p, struct res x, bool allow_bare)
{
    enum sst_emu_expr_tok t = p->cur.kind;
    struct sst_emu_ast *n;
    struct res rhs;

    if (is_comparator(t)) {
        if (!commit(p))
            return fail_res;
        advance(p);
        rhs = sst_emu_parse_operand(p);
        if (rhs.n == NULL)
            return fail_res;
        n = binop(p, comparator_op(t), x.n, rhs.n);
        return (struct res){n, R_COND, false};
    }
    if (t == SST_EMU_TOK_IN || t == SST_EMU_TOK_BETWEEN) {
        if (!commit(p))
            return fail_res;
        n = t == SST_EMU_TOK_IN ? parse_in(p, x.n) : parse_between(p, x.n);
        return (struct res){n, R_COND, false};
    }
    if (allow_bare && t == SST_EMU_TOK_RPAREN)
        return x; /* still undecided: the enclosing pair decides */
    if (x.kind == R_FUNC) {
        /* A function used as a condition. Where it completes the
         * primary that owns the open decision (not inside a pair still
         * open), ANTLR takes that alternative even when t cannot follow,
         * and runs its actions before it reports t. */
        bool follows = t == SST_EMU_TOK_AND || t == SST_EMU_TOK_OR ||
                       (t == SST_EMU_TOK_RPAREN && p->paren_depth > 0) ||
                       (t == SST_EMU_TOK_EOF && p->paren_depth == 0);
        if (follows || !allow_bare) {
            if (!commit(p))
                return fail_res;
            if (follows)
                return (struct res){x.n, R_COND, x.parens};
        }
    }
    sst_emu_parse_syntax_error(p);
    return fail_res;
}

static struct res
parse_primary(struct parser *p, bool allow_bare)
{
    struct res inner, x;

    open_region(p);
    if (p->cur.kind == SST_EMU_TOK_LPAREN) {
        if (!enter(p))
            return fail_res;
        advance(p);
        p->paren_depth++;
        inner = parse_or(p, true);
        if (inner.n == NULL || !expect(p, SST_EMU_TOK_RPAREN))
            return fail_res;
        p->paren_depth--;
        leave(p);
        if (inner.parens && !note_redundant(p))
            return fail_res;
        if (inner.kind == R_COND)
            return (struct res){inner.n, R_COND, true};
        x = (struct res){inner.n, inner.kind, true};
    } else if (is_id(p->cur.kind) || p->cur.kind == SST_EMU_TOK_VALUE_REF) {
        x = sst_emu_parse_atom(p);
        if (x.n == NULL)
            return fail_res;
    } else {
        sst_emu_parse_syntax_error(p);
        return fail_res;
    }
    return after_operand(p, x, allow_bare);
}

static struct res
parse_not(struct parser *p, bool allow_bare)
{
    struct sst_emu_ast *n;
    struct res r;
    size_t off;

    if (p->cur.kind != SST_EMU_TOK_NOT)
        return parse_primary(p, allow_bare);
    /* NOT cannot start an operand: an open "(" decision is made. */
    if (!commit(p) || !enter(p))
        return fail_res;
    off = p->cur.off;
    advance(p);
    r = parse_not(p, false);
    if (r.n == NULL)
        return fail_res;
    leave(p);
    n = new_op(p, SST_EMU_EXPR_OP_NOT, off, 1);
    if (n == NULL)
        return fail_res;
    n->kids[0] = r.n;
    end_node(p, n);
    return (struct res){n, R_COND, false};
}

static struct res
parse_and(struct parser *p, bool allow_bare)
{
    struct res l = parse_not(p, allow_bare), r;

    /* A bare operand comes back only before ')', so AND follows only
     * conditions. */
    while (l.n != NULL && p->cur.kind == SST_EMU_TOK_AND) {
        advance(p);
        r = parse_not(p, false);
        if (r.n == NULL)
            return fail_res;
        l = (struct res){binop(p, SST_EMU_EXPR_OP_AND, l.n, r.n), R_COND,
                         false};
    }
    return l;
}

static struct res
parse_or(struct parser *p, bool allow_bare)
{
    struct res l = parse_and(p, allow_bare), r;

    while (l.n != NULL && p->cur.kind == SST_EMU_TOK_OR) {
        advance(p);
        r = parse_and(p, false);
        if (r.n == NULL)
            return fail_res;
        l = (struct res){binop(p, SST_EMU_EXPR_OP_OR, l.n, r.n), R_COND, false};
    }
    return l;
}

struct sst_emu_ast *
sst_emu_parse_condition(struct parser *p)
{
    struct res r = parse_or(p, false);

    if (r.n == NULL)
        return NULL;
    if (p->cur.kind != SST_EMU_TOK_EOF) {
        sst_emu_parse_syntax_error(p);
        return NULL;
    }
    return r.n;
}
