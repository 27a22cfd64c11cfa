/*
 * emu/expr/parse_int.h - internal to the parser (parse*.c): the parser's
 * state and the token, node and error helpers its files share.
 *
 * Not an API. The tiny helpers on the hot path (token advance, nesting,
 * node allocation) are static inline so that splitting the parser over
 * files costs no calls; the rest are sst_emu_parse_* functions defined in
 * parse.c (state, nodes, paths and operands), parse_cond.c, parse_update.c
 * and parse_walk.c, and the error frame in parse.c.
 */
#ifndef SST_EMU_EXPR_PARSE_INT_H
#define SST_EMU_EXPR_PARSE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sst/defs.h>
#include <sst/err.h>

#include "emu/expr/arena.h"
#include "emu/expr/ast.h"
#include "emu/expr/lex.h"
#include "emu/expr/parse.h"

/* Type sets (parse_ops.c, parse_check.c). */
#define T_ALL SST_EMU_T_ALL
#define T_BOOL SST_EMU_T_BOOL
#define T_ORDERED (SST_EMU_T_S | SST_EMU_T_N | SST_EMU_T_B)
#define T_ITERABLE                                                             \
    (SST_EMU_T_S | SST_EMU_T_B | SST_EMU_T_SS | SST_EMU_T_NS | SST_EMU_T_BS |  \
     SST_EMU_T_L | SST_EMU_T_M)

/* What a piece of a condition or SET value turned out to be. */
enum res_kind {
    R_COND = 1, /* a condition                                      */
    R_OPERAND,  /* path, value or parenthesised operand             */
    R_FUNC,     /* function call: a condition or an operand, by what
                   follows                                          */
    R_ARITH     /* SET value: operand + operand                     */
};

struct res {
    struct sst_emu_ast *n; /* NULL on error */
    enum res_kind kind;
    bool parens; /* written in parentheses: a further pair around it is
                    redundant */
};

/* One occurrence of an update clause, for the repeated-clause check. */
struct clause_seg {
    enum sst_emu_expr_clause clause;
    uint32_t first, count; /* actions[first .. first + count) */
};

struct parser {
    struct sst_emu_arena *a;
    const char *src; /* the arena copy of the expression */
    size_t len;
    enum sst_emu_expr_kind kind;
    struct sst_err *err;
    enum sst_code rc; /* first error, SST_OK while none */

    struct sst_emu_expr_lexer lx;
    struct sst_emu_expr_token prev, cur,
        next; /* ANTLR's LT(-1), LT(1), LT(2) */
    bool have_prev;

    int depth;       /* nesting, against SST_EMU_MAX_DEPTH          */
    int paren_depth; /* open condition parentheses                  */
    bool region;     /* an ANTLR decision is still open             */
    bool pending;    /* a redundant pair was seen inside it         */

    /* update: actions and clause occurrences, grown in the arena */
    struct sst_emu_expr_action *actions;
    uint32_t nactions, cap_actions;
    struct clause_seg *segs;
    uint32_t nsegs, cap_segs;
};

static const struct res fail_res = {NULL, R_COND, false};

/* ------------------------------------------------------------------ */
/* shared helpers, defined in parse*.c                                 */

/* DynamoDB's operators, indexed by enum sst_emu_expr_op (parse_ops.c). */
extern const struct sst_emu_expr_op_info
    sst_emu_expr_ops[SST_EMU_EXPR_OP_COUNT];
/* The function a name denotes, SST_EMU_EXPR_OP_NONE if none
 * (parse_ops.c). */
enum sst_emu_expr_op sst_emu_expr_function_op(const char *s, size_t n);

void sst_emu_parse_nomem(struct parser *p);
void sst_emu_parse_syntax_error(struct parser *p);
void sst_emu_parse_redundant_error(struct parser *p);
bool sst_emu_parse_grow(struct parser *p, void **v, uint32_t *cap, uint32_t n,
                        size_t size);
bool sst_emu_parse_path(struct parser *p, struct sst_emu_expr_path *path);
struct res sst_emu_parse_atom(struct parser *p);
struct res sst_emu_parse_operand(struct parser *p);
/* parse_cond.c */
struct sst_emu_ast *sst_emu_parse_condition(struct parser *p);
/* parse_update.c */
struct sst_emu_ast *sst_emu_parse_update(struct parser *p);
struct sst_emu_ast *sst_emu_parse_projection(struct parser *p);
/* parse_walk.c: phase 2 */
bool sst_emu_parse_walk_tree(struct parser *p, const struct sst_emu_ast *root);

/* ------------------------------------------------------------------ */
/* hot helpers, inline                                                 */

static inline void
advance(struct parser *p)
{
    p->prev = p->cur;
    p->have_prev = true;
    p->cur = p->next;
    if (p->cur.kind != SST_EMU_TOK_EOF)
        sst_emu_lex_next(&p->lx, &p->next);
}

static inline bool
failed(const struct parser *p)
{
    return p->rc != SST_OK;
}

/* A doubled pair of parentheses closed: report it now, or when the open
 * decision commits. */
static inline bool
note_redundant(struct parser *p)
{
    if (p->region) {
        p->pending = true;
        return true;
    }
    sst_emu_parse_redundant_error(p);
    return false;
}

static inline void
open_region(struct parser *p)
{
    if (!p->region) {
        p->region = true;
        p->pending = false;
    }
}

/* The open decision is made: raise what it held back. */
static inline bool
commit(struct parser *p)
{
    if (p->region) {
        p->region = false;
        if (p->pending) {
            p->pending = false;
            sst_emu_parse_redundant_error(p);
            return false;
        }
    }
    return true;
}

static inline bool
enter(struct parser *p)
{
    if (++p->depth <= SST_EMU_MAX_DEPTH)
        return true;
    if (!failed(p))
        p->rc = sst_emu_expr_invalid(p->err, p->kind,
                                     "The expression is nested too deeply; "
                                     "maximum nesting depth: %d",
                                     SST_EMU_MAX_DEPTH);
    return false;
}

static inline void
leave(struct parser *p)
{
    p->depth--;
}

static inline bool
expect(struct parser *p, enum sst_emu_expr_tok kind)
{
    if (p->cur.kind != kind) {
        sst_emu_parse_syntax_error(p);
        return false;
    }
    advance(p);
    return true;
}

static inline struct sst_emu_ast *
new_node(struct parser *p, enum sst_emu_ast_type type, size_t off)
{
    struct sst_emu_ast *n = sst_emu_arena_zalloc(p->a, sizeof *n);

    if (n == NULL) {
        sst_emu_parse_nomem(p);
        return NULL;
    }
    n->type = type;
    n->off = (uint32_t)off;
    return n;
}

/* Stretch n's span to end where the previous token ends. */
static inline void
end_node(struct parser *p, struct sst_emu_ast *n)
{
    n->len = (uint32_t)(p->prev.off + p->prev.len - n->off);
}

static inline struct sst_emu_ast *
new_op(struct parser *p, enum sst_emu_expr_op op, size_t off, uint32_t nkids)
{
    struct sst_emu_ast *n = new_node(p, SST_EMU_AST_OP, off);

    if (n == NULL)
        return NULL;
    n->op = op;
    n->nkids = nkids;
    n->kids = sst_emu_arena_alloc(p->a, nkids * sizeof *n->kids);
    if (n->kids == NULL) {
        sst_emu_parse_nomem(p);
        return NULL;
    }
    return n;
}

/* A binary operator node over l and r, spanning both. */
static inline struct sst_emu_ast *
binop(struct parser *p, enum sst_emu_expr_op op, struct sst_emu_ast *l,
      struct sst_emu_ast *r)
{
    struct sst_emu_ast *n = new_op(p, op, l->off, 2);

    if (n == NULL)
        return NULL;
    n->kids[0] = l;
    n->kids[1] = r;
    n->len = r->off + r->len - l->off;
    return n;
}

static inline bool
is_id(enum sst_emu_expr_tok k)
{
    return k == SST_EMU_TOK_ID || k == SST_EMU_TOK_NAME_REF;
}

#endif /* SST_EMU_EXPR_PARSE_INT_H */
