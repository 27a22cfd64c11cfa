/*
 * emu/expr/parse.c - recursive-descent parser of DynamoDB's expressions,
 * and the validation passes that need no ExpressionAttributeNames or
 * -Values; see parse.h for the three phases and the contract.
 *
 * The grammar is DynamoDB's own (an ANTLR grammar, read off DynamoDB
 * Local's parser): one rule set for all kinds, entered at condition,
 * update or projection. Error positions follow ANTLR: a syntax error names
 * the first token at which the input stops being the beginning of some
 * valid expression. Two places need more than one token of lookahead,
 * and the parser handles them by parsing the union of the alternatives
 * and deciding afterwards:
 *   - a condition that starts with '(' may be a grouped condition or a
 *     parenthesised operand ("(a) = :v"); a function call may be a
 *     condition or an operand;
 *   - a SET value that starts with '(' may be an operand or arithmetic.
 * DynamoDB raises "redundant parentheses" from an action inside the
 * grammar, which runs only once ANTLR has decided between such
 * alternatives; so a doubled parenthesis found while the decision is open
 * is remembered and reported when it closes ("commit"), unless a syntax
 * error comes first.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "emu/expr/lex.h"
#include "emu/expr/parse.h"
#include "emu/expr/reserved.h"

/* ------------------------------------------------------------------ */
/* operator table                                                      */

#define T_ALL SST_EMU_T_ALL
#define T_BOOL SST_EMU_T_BOOL
#define T_ORDERED (SST_EMU_T_S | SST_EMU_T_N | SST_EMU_T_B)
#define T_ITERABLE                                                             \
    (SST_EMU_T_S | SST_EMU_T_B | SST_EMU_T_SS | SST_EMU_T_NS | SST_EMU_T_BS |  \
     SST_EMU_T_L | SST_EMU_T_M)

/* Shorthands for the operator table. */
#define CMP(sym, types)                                                        \
    {                                                                          \
        .name = sym, .min_args = 2, .operand_types = types,                    \
        .result_types = T_BOOL, .distinct_first = true                         \
    }
#define LOGIC(sym, n)                                                          \
    {                                                                          \
        .name = sym, .min_args = n, .operand_types = T_BOOL,                   \
        .result_types = T_BOOL                                                 \
    }
#define COND_FN(sym, n, types, result)                                         \
    {                                                                          \
        .name = sym, .min_args = n, .operand_types = types,                    \
        .result_types = result, .is_function = true, .condition_fn = true,     \
        .distinct_first = true                                                 \
    }

/* DynamoDB's Operator enum: operand counts and type sets, whether the
 * function may appear in conditions or SET values, and whether "the first
 * operand must be distinct" applies (allowNullOperands). */
static const struct sst_emu_expr_op_info ops[SST_EMU_EXPR_OP_COUNT] = {
    [SST_EMU_EXPR_OP_NONE] = {.name = "?"},
    [SST_EMU_EXPR_OP_EQ] = CMP("=", T_ALL),
    [SST_EMU_EXPR_OP_NE] = CMP("<>", T_ALL),
    [SST_EMU_EXPR_OP_LT] = CMP("<", T_ORDERED),
    [SST_EMU_EXPR_OP_LE] = CMP("<=", T_ORDERED),
    [SST_EMU_EXPR_OP_GT] = CMP(">", T_ORDERED),
    [SST_EMU_EXPR_OP_GE] = CMP(">=", T_ORDERED),
    [SST_EMU_EXPR_OP_BETWEEN] = {.name = "BETWEEN",
                                 .min_args = 3,
                                 .operand_types = T_ORDERED,
                                 .result_types = T_BOOL,
                                 .distinct_first = true},
    [SST_EMU_EXPR_OP_IN] = {.name = "IN",
                            .min_args = 1,
                            .more_args = true,
                            .operand_types = T_ALL,
                            .result_types = T_BOOL,
                            .distinct_first = true},
    [SST_EMU_EXPR_OP_NOT] = LOGIC("NOT", 1),
    [SST_EMU_EXPR_OP_AND] = LOGIC("AND", 2),
    [SST_EMU_EXPR_OP_OR] = LOGIC("OR", 2),
    [SST_EMU_EXPR_OP_PLUS] = {.name = "+",
                              .min_args = 2,
                              .operand_types = SST_EMU_T_N,
                              .result_types = SST_EMU_T_N},
    [SST_EMU_EXPR_OP_MINUS] = {.name = "-",
                               .min_args = 2,
                               .operand_types = SST_EMU_T_N,
                               .result_types = SST_EMU_T_N},
    [SST_EMU_EXPR_OP_ATTRIBUTE_EXISTS] =
        COND_FN("attribute_exists", 1, T_ALL, T_BOOL),
    [SST_EMU_EXPR_OP_ATTRIBUTE_NOT_EXISTS] =
        COND_FN("attribute_not_exists", 1, T_ALL, T_BOOL),
    [SST_EMU_EXPR_OP_ATTRIBUTE_TYPE] =
        COND_FN("attribute_type", 2, T_ALL, T_BOOL),
    [SST_EMU_EXPR_OP_BEGINS_WITH] =
        COND_FN("begins_with", 2, SST_EMU_T_S | SST_EMU_T_B, T_BOOL),
    [SST_EMU_EXPR_OP_CONTAINS] = COND_FN("contains", 2, T_ALL, T_BOOL),
    [SST_EMU_EXPR_OP_SIZE] = COND_FN("size", 1, T_ITERABLE, SST_EMU_T_N),
    [SST_EMU_EXPR_OP_IF_NOT_EXISTS] = {.name = "if_not_exists",
                                       .min_args = 2,
                                       .operand_types = T_ALL,
                                       .result_types = T_ALL,
                                       .is_function = true,
                                       .update_fn = true,
                                       .distinct_first = true},
    [SST_EMU_EXPR_OP_LIST_APPEND] = {.name = "list_append",
                                     .min_args = 2,
                                     .operand_types = SST_EMU_T_L,
                                     .result_types = SST_EMU_T_L,
                                     .is_function = true,
                                     .update_fn = true},
};

const struct sst_emu_expr_op_info *
sst_emu_expr_op_info(enum sst_emu_expr_op op)
{
    if ((unsigned)op >= SST_EMU_EXPR_OP_COUNT)
        op = SST_EMU_EXPR_OP_NONE;
    return &ops[op];
}

/* The function a name denotes. Names are case-sensitive (DynamoDB refuses
 * "SIZE(a)" as an invalid function name). DynamoDB Local also knows
 * convert, contains_key, contains_value and list_delete; AWS documents
 * none of them, so sst treats them as unknown (docs/notes-grammar.md). */
static enum sst_emu_expr_op
function_op(const char *s, size_t n)
{
    static const enum sst_emu_expr_op fns[] = {
        SST_EMU_EXPR_OP_ATTRIBUTE_EXISTS, SST_EMU_EXPR_OP_ATTRIBUTE_NOT_EXISTS,
        SST_EMU_EXPR_OP_ATTRIBUTE_TYPE,   SST_EMU_EXPR_OP_BEGINS_WITH,
        SST_EMU_EXPR_OP_CONTAINS,         SST_EMU_EXPR_OP_SIZE,
        SST_EMU_EXPR_OP_IF_NOT_EXISTS,    SST_EMU_EXPR_OP_LIST_APPEND,
    };
    size_t i;

    for (i = 0; i < sizeof fns / sizeof fns[0]; i++)
        if (ops[fns[i]].name[0] == s[0] && strlen(ops[fns[i]].name) == n &&
            memcmp(ops[fns[i]].name, s, n) == 0)
            return fns[i];
    return SST_EMU_EXPR_OP_NONE;
}

static const char *const kind_names[SST_EMU_EXPR_KIND_COUNT] = {
    [SST_EMU_EXPR_CONDITION] = "ConditionExpression",
    [SST_EMU_EXPR_FILTER] = "FilterExpression",
    [SST_EMU_EXPR_KEY_CONDITION] = "KeyConditionExpression",
    [SST_EMU_EXPR_UPDATE] = "UpdateExpression",
    [SST_EMU_EXPR_PROJECTION] = "ProjectionExpression",
};

const char *
sst_emu_expr_kind_name(enum sst_emu_expr_kind kind)
{
    if ((unsigned)kind >= SST_EMU_EXPR_KIND_COUNT)
        return "?";
    return kind_names[kind];
}

/* ------------------------------------------------------------------ */
/* errors                                                              */

/* "Invalid <Kind>: <message>", DynamoDB's frame for expression errors. */
SST_PRINTF(3, 4)
static enum sst_code
invalid(struct sst_err *err, enum sst_emu_expr_kind kind, const char *fmt, ...)
{
    char msg[SST_ERR_MESSAGE_MAX];
    va_list ap;

    va_start(ap, fmt);
    (void)vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return sst_err_set(err, SST_E_VALIDATION, "Invalid %s: %s",
                       sst_emu_expr_kind_name(kind), msg);
}

/* ------------------------------------------------------------------ */
/* parser state                                                        */

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

static void
advance(struct parser *p)
{
    p->prev = p->cur;
    p->have_prev = true;
    p->cur = p->next;
    if (p->cur.kind != SST_EMU_TOK_EOF)
        sst_emu_lex_next(&p->lx, &p->next);
}

static bool
failed(const struct parser *p)
{
    return p->rc != SST_OK;
}

static void
nomem(struct parser *p)
{
    if (!failed(p))
        p->rc = sst_err_set(p->err, SST_E_NOMEM,
                            "out of memory parsing an expression");
}

/*
 * DynamoDB's syntax error at the current token:
 *   Syntax error; token: "<text>", near: "<prev><ws><text><ws><next>"
 * where "near" runs from the previous token (or the start) through the
 * token after the current one (or the end of input), whitespace
 * included; at the end of input it runs from the last token to the end.
 */
static void
syntax_error(struct parser *p)
{
    const struct sst_emu_expr_token *t = &p->cur;
    size_t from = p->have_prev ? p->prev.off : 0, to;
    char tok[160];

    if (failed(p))
        return;
    if (t->kind == SST_EMU_TOK_EOF || p->next.kind == SST_EMU_TOK_EOF)
        to = p->len;
    else
        to = p->next.off + p->next.len;
    if (t->kind == SST_EMU_TOK_EOF)
        snprintf(tok, sizeof tok, "<EOF>");
    else
        snprintf(tok, sizeof tok, "%.*s", (int)t->len, p->src + t->off);
    p->rc =
        invalid(p->err, p->kind, "Syntax error; token: \"%s\", near: \"%.*s\"",
                tok, (int)(to - from), p->src + from);
}

static void
redundant_error(struct parser *p)
{
    if (!failed(p))
        p->rc = invalid(p->err, p->kind,
                        "The expression has redundant parentheses;");
}

/* A doubled pair of parentheses closed: report it now, or when the open
 * decision commits. */
static bool
note_redundant(struct parser *p)
{
    if (p->region) {
        p->pending = true;
        return true;
    }
    redundant_error(p);
    return false;
}

static void
open_region(struct parser *p)
{
    if (!p->region) {
        p->region = true;
        p->pending = false;
    }
}

/* The open decision is made: raise what it held back. */
static bool
commit(struct parser *p)
{
    if (p->region) {
        p->region = false;
        if (p->pending) {
            p->pending = false;
            redundant_error(p);
            return false;
        }
    }
    return true;
}

static bool
enter(struct parser *p)
{
    if (++p->depth <= SST_EMU_MAX_DEPTH)
        return true;
    if (!failed(p))
        p->rc = invalid(p->err, p->kind,
                        "The expression is nested too deeply; "
                        "maximum nesting depth: %d",
                        SST_EMU_MAX_DEPTH);
    return false;
}

static void
leave(struct parser *p)
{
    p->depth--;
}

static bool
expect(struct parser *p, enum sst_emu_expr_tok kind)
{
    if (p->cur.kind != kind) {
        syntax_error(p);
        return false;
    }
    advance(p);
    return true;
}

/* ------------------------------------------------------------------ */
/* nodes                                                               */

static struct sst_emu_ast *
new_node(struct parser *p, enum sst_emu_ast_type type, size_t off)
{
    struct sst_emu_ast *n = sst_emu_arena_zalloc(p->a, sizeof *n);

    if (n == NULL) {
        nomem(p);
        return NULL;
    }
    n->type = type;
    n->off = (uint32_t)off;
    return n;
}

/* Stretch n's span to end where the previous token ends. */
static void
end_node(struct parser *p, struct sst_emu_ast *n)
{
    n->len = (uint32_t)(p->prev.off + p->prev.len - n->off);
}

static struct sst_emu_ast *
new_op(struct parser *p, enum sst_emu_expr_op op, size_t off, uint32_t nkids)
{
    struct sst_emu_ast *n = new_node(p, SST_EMU_AST_OP, off);

    if (n == NULL)
        return NULL;
    n->op = op;
    n->nkids = nkids;
    n->kids = sst_emu_arena_alloc(p->a, nkids * sizeof *n->kids);
    if (n->kids == NULL) {
        nomem(p);
        return NULL;
    }
    return n;
}

/* A binary operator node over l and r, spanning both. */
static struct sst_emu_ast *
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

/* Append to an arena array that doubles when full. */
static bool
grow(struct parser *p, void **v, uint32_t *cap, uint32_t n, size_t size)
{
    uint32_t ncap;
    void *nv;

    if (n < *cap)
        return true;
    ncap = *cap ? *cap * 2 : 4;
    nv = sst_emu_arena_alloc(p->a, (size_t)ncap * size);
    if (nv == NULL) {
        nomem(p);
        return false;
    }
    if (n)
        memcpy(nv, *v, (size_t)n * size);
    *v = nv;
    *cap = ncap;
    return true;
}

/* ------------------------------------------------------------------ */
/* paths and operands                                                  */

/* The value of an index's digits; UINT32_MAX when above 2147483647 (the
 * walk of phase 2 refuses it then, in DynamoDB's order). */
static uint32_t
index_value(const char *s, size_t n)
{
    uint64_t v = 0;
    size_t i;

    if (n > 10)
        return UINT32_MAX;
    for (i = 0; i < n; i++)
        v = v * 10 + (uint64_t)(s[i] - '0');
    return v > 2147483647u ? UINT32_MAX : (uint32_t)v;
}

static bool
add_elem(struct parser *p, struct sst_emu_expr_path *path, uint32_t *cap,
         enum sst_emu_expr_elem_type type, const struct sst_emu_expr_token *t,
         size_t off)
{
    struct sst_emu_expr_path_elem *e;

    if (!grow(p, (void **)&path->elems, cap, path->n, sizeof *e))
        return false;
    e = &path->elems[path->n++];
    e->type = type;
    e->off = (uint32_t)off;
    e->name = p->src + t->off;
    e->len = (uint32_t)t->len;
    e->index = type == SST_EMU_ELEM_INDEX ? index_value(e->name, t->len) : 0;
    return true;
}

/*
 * path := id ( '.' id | '.' :value | '[' INDEX ']' )*
 * id   := ID | #name
 * The caller has checked that the current token is an id.
 */
static bool
parse_path(struct parser *p, struct sst_emu_expr_path *path)
{
    uint32_t cap = 0;
    size_t lb;

    path->elems = NULL;
    path->n = 0;
    path->off = (uint32_t)p->cur.off;
    if (!add_elem(p, path, &cap,
                  p->cur.kind == SST_EMU_TOK_ID ? SST_EMU_ELEM_NAME
                                                : SST_EMU_ELEM_NAME_REF,
                  &p->cur, p->cur.off))
        return false;
    advance(p);
    for (;;) {
        if (p->cur.kind == SST_EMU_TOK_DOT) {
            enum sst_emu_expr_elem_type type;
            advance(p);
            switch (p->cur.kind) {
            case SST_EMU_TOK_ID:
                type = SST_EMU_ELEM_NAME;
                break;
            case SST_EMU_TOK_NAME_REF:
                type = SST_EMU_ELEM_NAME_REF;
                break;
            case SST_EMU_TOK_VALUE_REF:
                type = SST_EMU_ELEM_VALUE_REF;
                break;
            default:
                syntax_error(p);
                return false;
            }
            if (!add_elem(p, path, &cap, type, &p->cur, p->cur.off))
                return false;
            advance(p);
        } else if (p->cur.kind == SST_EMU_TOK_LBRACKET) {
            lb = p->cur.off;
            advance(p);
            if (p->cur.kind != SST_EMU_TOK_INDEX) {
                syntax_error(p);
                return false;
            }
            if (!add_elem(p, path, &cap, SST_EMU_ELEM_INDEX, &p->cur, lb))
                return false;
            advance(p);
            if (!expect(p, SST_EMU_TOK_RBRACKET))
                return false;
        } else {
            break;
        }
    }
    path->len = (uint32_t)(p->prev.off + p->prev.len - path->off);
    return true;
}

static bool
is_id(enum sst_emu_expr_tok k)
{
    return k == SST_EMU_TOK_ID || k == SST_EMU_TOK_NAME_REF;
}

static struct res parse_operand(struct parser *p);

/* function := ID '(' operand (',' operand)* ')' */
static struct res
parse_call(struct parser *p)
{
    struct sst_emu_ast *n, **args = NULL;
    uint32_t nargs = 0, cap = 0;
    struct sst_emu_expr_token name = p->cur;
    struct res r;

    if (!enter(p))
        return fail_res;
    advance(p); /* ID */
    advance(p); /* '(' */
    for (;;) {
        r = parse_operand(p);
        if (r.n == NULL)
            return fail_res;
        if (!grow(p, (void **)&args, &cap, nargs, sizeof *args))
            return fail_res;
        args[nargs++] = r.n;
        if (p->cur.kind != SST_EMU_TOK_COMMA)
            break;
        advance(p);
    }
    if (!expect(p, SST_EMU_TOK_RPAREN))
        return fail_res;
    leave(p);
    n = new_node(p, SST_EMU_AST_OP, name.off);
    if (n == NULL)
        return fail_res;
    n->op = function_op(p->src + name.off, name.len);
    n->nkids = nargs;
    n->kids = args;
    n->u.ref.name = p->src + name.off;
    n->u.ref.len = (uint32_t)name.len;
    end_node(p, n);
    return (struct res){n, R_FUNC, false};
}

/* A path, a :value or a function call, starting at the current token. */
static struct res
parse_atom(struct parser *p)
{
    struct sst_emu_ast *n;

    if (p->cur.kind == SST_EMU_TOK_VALUE_REF) {
        n = new_node(p, SST_EMU_AST_VALUE, p->cur.off);
        if (n == NULL)
            return fail_res;
        n->u.ref.name = p->src + p->cur.off;
        n->u.ref.len = (uint32_t)p->cur.len;
        n->len = (uint32_t)p->cur.len;
        advance(p);
        return (struct res){n, R_OPERAND, false};
    }
    if (p->cur.kind == SST_EMU_TOK_ID && p->next.kind == SST_EMU_TOK_LPAREN)
        return parse_call(p);
    if (!is_id(p->cur.kind)) {
        syntax_error(p);
        return fail_res;
    }
    n = new_node(p, SST_EMU_AST_PATH, p->cur.off);
    if (n == NULL || !parse_path(p, &n->u.path))
        return fail_res;
    n->len = n->u.path.len;
    return (struct res){n, R_OPERAND, false};
}

/* operand := path | :value | function | '(' operand ')' */
static struct res
parse_operand(struct parser *p)
{
    struct res r;

    if (p->cur.kind != SST_EMU_TOK_LPAREN)
        return parse_atom(p);
    if (!enter(p))
        return fail_res;
    advance(p);
    r = parse_operand(p);
    if (r.n == NULL || !expect(p, SST_EMU_TOK_RPAREN))
        return fail_res;
    leave(p);
    if (r.parens && !note_redundant(p))
        return fail_res;
    return (struct res){r.n, R_OPERAND, true};
}

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
    if (!grow(p, (void **)&kids, &cap, nk, sizeof *kids))
        return NULL;
    kids[nk++] = lhs;
    for (;;) {
        r = parse_operand(p);
        if (r.n == NULL)
            return NULL;
        if (!grow(p, (void **)&kids, &cap, nk, sizeof *kids))
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
    lo = parse_operand(p);
    if (lo.n == NULL || !expect(p, SST_EMU_TOK_AND))
        return NULL;
    hi = parse_operand(p);
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
        rhs = parse_operand(p);
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
    syntax_error(p);
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
        x = parse_atom(p);
        if (x.n == NULL)
            return fail_res;
    } else {
        syntax_error(p);
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

static struct sst_emu_ast *
parse_condition(struct parser *p)
{
    struct res r = parse_or(p, false);

    if (r.n == NULL)
        return NULL;
    if (p->cur.kind != SST_EMU_TOK_EOF) {
        syntax_error(p);
        return NULL;
    }
    return r.n;
}

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
        x = parse_atom(p);
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
        rhs = parse_operand(p);
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
        syntax_error(p);
        return false;
    }
    if (!parse_path(p, &path))
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
            syntax_error(p);
            return false;
        }
        value = r.n;
    } else if (c == SST_EMU_CLAUSE_ADD || c == SST_EMU_CLAUSE_DELETE) {
        if (p->cur.kind != SST_EMU_TOK_VALUE_REF) {
            syntax_error(p);
            return false;
        }
        r = parse_atom(p);
        if (r.n == NULL)
            return false;
        value = r.n;
    }
    if (!grow(p, (void **)&p->actions, &p->cap_actions, p->nactions,
              sizeof *act))
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
static struct sst_emu_ast *
parse_update(struct parser *p)
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
        syntax_error(p);
        return NULL;
    }
    while (is_clause(p->cur.kind)) {
        if (!grow(p, (void **)&p->segs, &p->cap_segs, p->nsegs, sizeof *seg))
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
        syntax_error(p);
        return NULL;
    }
    n->u.update.actions = p->actions;
    n->u.update.n = p->nactions;
    end_node(p, n);
    return n;
}

/* projection := path ("," path)* */
static struct sst_emu_ast *
parse_projection(struct parser *p)
{
    struct sst_emu_ast *n = new_node(p, SST_EMU_AST_PROJECTION, p->cur.off);
    struct sst_emu_expr_path *paths = NULL;
    uint32_t np = 0, cap = 0;

    if (n == NULL)
        return NULL;
    for (;;) {
        if (!is_id(p->cur.kind)) {
            syntax_error(p);
            return NULL;
        }
        if (!grow(p, (void **)&paths, &cap, np, sizeof *paths))
            return NULL;
        if (!parse_path(p, &paths[np]))
            return NULL;
        np++;
        if (p->cur.kind != SST_EMU_TOK_COMMA)
            break;
        advance(p);
    }
    if (p->cur.kind != SST_EMU_TOK_EOF) {
        syntax_error(p);
        return NULL;
    }
    n->u.projection.paths = paths;
    n->u.projection.n = np;
    end_node(p, n);
    return n;
}

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
            p->rc = invalid(p->err, p->kind,
                            "Attribute name is a reserved keyword; "
                            "reserved keyword: %.*s",
                            (int)e->len, e->name);
            return false;
        }
        if (e->type == SST_EMU_ELEM_INDEX && e->index == UINT32_MAX) {
            p->rc = invalid(p->err, p->kind,
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
    const struct sst_emu_expr_op_info *info = &ops[n->op];
    const char *name = info->name;

    if (n->op == SST_EMU_EXPR_OP_NONE) {
        p->rc =
            invalid(p->err, p->kind, "Invalid function name; function: %.*s",
                    (int)n->u.ref.len, n->u.ref.name);
        return false;
    }
    if (w->update) {
        if (!info->update_fn) {
            p->rc = invalid(p->err, p->kind,
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
        p->rc = invalid(p->err, p->kind,
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
    p->rc = invalid(p->err, p->kind,
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
    if ((ops[n->op].is_function || n->op == SST_EMU_EXPR_OP_NONE) &&
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
            p->rc = invalid(p->err, p->kind,
                            "The \"%s\" section can only be used once in "
                            "an update expression;",
                            names[seg->clause]);
            return false;
        }
        seen[seg->clause] = true;
    }
    return true;
}

static bool
walk_tree(struct parser *p, const struct sst_emu_ast *root)
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

/* ------------------------------------------------------------------ */
/* phase 3: validation node by node                                    */

struct check {
    enum sst_emu_expr_kind kind;
    const struct sst_emu_expr_hooks *hooks;
    struct sst_err *err;
    unsigned operators;
};

/* DynamoDB's symbol of one type, for "operand type: N". */
static const char *
type_symbol(unsigned types)
{
    static const char *const sym[] = {"S", "N", "B",  "BOOL", "NULL",
                                      "M", "L", "SS", "NS",   "BS"};
    unsigned i;

    for (i = 0; i < sizeof sym / sizeof sym[0]; i++)
        if (types == 1u << i)
            return sym[i];
    return NULL;
}

/* "[a, b, [1]]": DynamoDB's rendering of a document path. */
static void
path_string(const struct sst_emu_expr_path *path, char *buf, size_t cap)
{
    size_t used = 0;
    uint32_t i;
    int k;

    buf[0] = '\0';
    k = snprintf(buf, cap, "[");
    for (i = 0; i < path->n && k >= 0 && (size_t)k < cap - used; i++) {
        const struct sst_emu_expr_path_elem *e = &path->elems[i];
        used += (size_t)k;
        if (e->type == SST_EMU_ELEM_INDEX)
            k = snprintf(buf + used, cap - used, "%s[%u]", i ? ", " : "",
                         e->index);
        else
            k = snprintf(buf + used, cap - used, "%s%.*s", i ? ", " : "",
                         (int)e->len, e->name);
    }
    if (k >= 0 && (size_t)k < cap - used) {
        used += (size_t)k;
        (void)snprintf(buf + used, cap - used, "]");
    }
}

/* Paths written alike are the same attribute whatever the names map
 * says ("#a IN (b, #a)" is refused); paths written differently may still
 * be (#a and a), which only the resolver knows. */
static bool
same_written_path(const struct sst_emu_expr_path *a,
                  const struct sst_emu_expr_path *b)
{
    return sst_emu_expr_path_equal(a, b);
}

static enum sst_code check_node(struct check *c, const struct sst_emu_ast *n,
                                unsigned *types);

static enum sst_code
check_path(struct check *c, const struct sst_emu_expr_path *path,
           enum sst_emu_expr_path_role role)
{
    if (path->n > SST_EMU_MAX_PATH_DEPTH)
        return invalid(c->err, c->kind,
                       "The document path has too many nesting levels; "
                       "nesting levels: %u",
                       path->n);
    if (c->hooks && c->hooks->path)
        return c->hooks->path(c->hooks->ctx, path, role, c->err);
    return SST_OK;
}

/* The result types of a node, for its parent's operand type check. */
static unsigned
result_types(const struct sst_emu_ast *n, const unsigned *kid_types)
{
    (void)kid_types;
    if (n->type != SST_EMU_AST_OP)
        return T_ALL;
    /* if_not_exists has no static type: its value may come from the
     * item (DynamoDB accepts "if_not_exists(a, :s) + :n" and fails at run
     * time when :s is used; "... + :t" reports :t's BOOL). */
    return ops[n->op].result_types;
}

/* The checks of one operator after its operands, in DynamoDB's order. */
static enum sst_code
check_op(struct check *c, const struct sst_emu_ast *n,
         const unsigned *kid_types)
{
    const struct sst_emu_expr_op_info *info = &ops[n->op];
    char buf[SST_ERR_MESSAGE_MAX];
    const char *sym;
    enum sst_code rc;
    uint32_t i;

    if (info->more_args ? n->nkids < info->min_args
                        : n->nkids != info->min_args)
        return invalid(c->err, c->kind,
                       "Incorrect number of operands for operator or "
                       "function; operator or function: %s, number of "
                       "operands: %u",
                       info->name, n->nkids);
    for (i = 0; i < n->nkids && i < 3 && n->op != SST_EMU_EXPR_OP_IN; i++) {
        if (kid_types[i] & info->operand_types)
            continue;
        sym = type_symbol(kid_types[i]);
        return invalid(c->err, c->kind,
                       "Incorrect operand type for operator or function; "
                       "operator or function: %s, operand type: %s",
                       info->name, sym ? sym : "?");
    }
    if (c->hooks && c->hooks->op) {
        rc = c->hooks->op(c->hooks->ctx, n, c->err);
        if (rc != SST_OK)
            return rc;
    } else if (info->distinct_first && n->nkids >= 2 &&
               n->kids[0]->type == SST_EMU_AST_PATH) {
        for (i = 1; i < n->nkids; i++) {
            if (n->kids[i]->type != SST_EMU_AST_PATH ||
                !same_written_path(&n->kids[0]->u.path, &n->kids[i]->u.path))
                continue;
            path_string(&n->kids[0]->u.path, buf, 160);
            return invalid(c->err, c->kind,
                           "The first operand must be distinct from the "
                           "remaining operands for this operator or "
                           "function; operator: %s, first operand: %s",
                           info->name, buf);
        }
    }
    switch (n->op) {
    case SST_EMU_EXPR_OP_IN:
        if (n->nkids - 1 > SST_EMU_MAX_IN_OPERANDS)
            return invalid(c->err, c->kind,
                           "The IN operator is provided with too many "
                           "operands; number of operands: %u",
                           n->nkids - 1);
        break;
    case SST_EMU_EXPR_OP_ATTRIBUTE_EXISTS:
    case SST_EMU_EXPR_OP_ATTRIBUTE_NOT_EXISTS:
    case SST_EMU_EXPR_OP_IF_NOT_EXISTS:
        if (n->kids[0]->type != SST_EMU_AST_PATH)
            return invalid(c->err, c->kind,
                           "Operator or function requires a document path; "
                           "operator or function: %s",
                           info->name);
        break;
    case SST_EMU_EXPR_OP_ATTRIBUTE_TYPE:
        if (n->kids[1]->type == SST_EMU_AST_VALUE)
            break;
        /* DynamoDB prints the possible types of a path in the order of
         * its hash set, with types DynamoDB itself never stores. */
        sym = n->kids[1]->type == SST_EMU_AST_PATH
                  ? "{BOOL,S,L,FLOAT,DOUBLE,INT,SS,INTSET,DOUBLESET,NS,"
                    "DECIMALSET,BS,M,DICT,N,B,NULL,HDS,HD,DECIMAL,FS}"
                  : type_symbol(kid_types[1]);
        return invalid(c->err, c->kind,
                       "Incorrect operand type for operator or function; "
                       "operator or function: %s, operand type: %s",
                       info->name, sym ? sym : "?");
    default:
        break;
    }
    if (++c->operators > SST_EMU_MAX_OPERATORS)
        return invalid(c->err, c->kind,
                       "The expression contains too many operators; "
                       "operator count: %u",
                       c->operators);
    return SST_OK;
}

static enum sst_code
check_node(struct check *c, const struct sst_emu_ast *n, unsigned *types)
{
    unsigned kid_types[3] = {T_ALL, T_ALL, T_ALL}, t;
    enum sst_code rc;
    uint32_t i;

    *types = T_ALL;
    switch (n->type) {
    case SST_EMU_AST_PATH:
        return check_path(c, &n->u.path, SST_EMU_PATH_OPERAND);
    case SST_EMU_AST_VALUE:
        if (c->hooks && c->hooks->value)
            return c->hooks->value(c->hooks->ctx, n, types, c->err);
        return SST_OK;
    case SST_EMU_AST_OP:
        break;
    default:
        return sst_err_set(c->err, SST_E_INVALID_ARG, "not an expression node");
    }
    for (i = 0; i < n->nkids; i++) {
        rc = check_node(c, n->kids[i], &t);
        if (rc != SST_OK)
            return rc;
        if (i < 3)
            kid_types[i] = t;
    }
    rc = check_op(c, n, kid_types);
    if (rc == SST_OK)
        *types = result_types(n, kid_types);
    return rc;
}

/* DynamoDB's DocumentNodeType names, for the ADD/DELETE message. */
static const char *
type_long_name(unsigned types)
{
    static const char *const name[] = {
        "STRING", "NUMBER", "BINARY",     "BOOLEAN",    "NULL",
        "MAP",    "LIST",   "STRING_SET", "NUMBER_SET", "BINARY_SET"};
    unsigned i;

    for (i = 0; i < sizeof name / sizeof name[0]; i++)
        if (types == 1u << i)
            return name[i];
    return "?";
}

static enum sst_code
check_update(struct check *c, const struct sst_emu_ast *root)
{
    const struct sst_emu_expr_action *act;
    unsigned types, allowed;
    enum sst_code rc;
    uint32_t i;

    /* DynamoDB handles the actions last to first: all targets, then all
     * values. */
    for (i = root->u.update.n; i-- > 0;) {
        rc =
            check_path(c, &root->u.update.actions[i].path, SST_EMU_PATH_TARGET);
        if (rc != SST_OK)
            return rc;
    }
    for (i = root->u.update.n; i-- > 0;) {
        act = &root->u.update.actions[i];
        if (act->value == NULL)
            continue;
        rc = check_node(c, act->value, &types);
        if (rc != SST_OK)
            return rc;
        if (act->clause != SST_EMU_CLAUSE_ADD &&
            act->clause != SST_EMU_CLAUSE_DELETE)
            continue;
        allowed = SST_EMU_T_SS | SST_EMU_T_NS | SST_EMU_T_BS;
        if (act->clause == SST_EMU_CLAUSE_ADD)
            allowed |= SST_EMU_T_N;
        if (!(types & allowed))
            return invalid(c->err, c->kind,
                           "Incorrect operand type for operator or "
                           "function; operator: %s, operand type: %s, "
                           "typeSet: %s",
                           act->clause == SST_EMU_CLAUSE_ADD ? "ADD" : "DELETE",
                           type_long_name(types),
                           act->clause == SST_EMU_CLAUSE_ADD
                               ? "ALLOWED_FOR_ADD_OPERAND"
                               : "ALLOWED_FOR_DELETE_OPERAND");
    }
    return SST_OK;
}

enum sst_code
sst_emu_expr_check(const struct sst_emu_ast *ast, enum sst_emu_expr_kind kind,
                   const struct sst_emu_expr_hooks *hooks, struct sst_err *err)
{
    struct check c = {kind, hooks, err, 0};
    enum sst_code rc;
    unsigned types;
    uint32_t i;

    if (ast == NULL || (unsigned)kind >= SST_EMU_EXPR_KIND_COUNT)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "sst_emu_expr_check: no tree or bad kind");
    if (ast->type == SST_EMU_AST_UPDATE)
        return check_update(&c, ast);
    if (ast->type == SST_EMU_AST_PROJECTION) {
        /* last to first, as DynamoDB */
        for (i = ast->u.projection.n; i-- > 0;) {
            rc = check_path(&c, &ast->u.projection.paths[i],
                            SST_EMU_PATH_PROJECTION);
            if (rc != SST_OK)
                return rc;
        }
        return SST_OK;
    }
    return check_node(&c, ast, &types);
}

/* ------------------------------------------------------------------ */
/* key conditions                                                      */

struct key_walk {
    const struct sst_emu_ast *root;
    enum sst_code (*leaf)(void *, const struct sst_emu_ast *, struct sst_err *);
    void *ctx;
    unsigned count; /* leaves seen */
    struct sst_err *err;
};

/* The path operand of a leaf that passed the structural rules. */
static const struct sst_emu_expr_path *
key_path(const struct sst_emu_ast *leaf)
{
    uint32_t i;

    for (i = 0; i < leaf->nkids; i++)
        if (leaf->kids[i]->type == SST_EMU_AST_PATH)
            return &leaf->kids[i]->u.path;
    return NULL;
}

/* Whether a leaf before upto (in source order) has the key path key,
 * written alike. *reached stops the search at upto. */
static bool
key_written_before(const struct sst_emu_ast *n, const struct sst_emu_ast *upto,
                   const struct sst_emu_expr_path *key, bool *reached)
{
    const struct sst_emu_expr_path *k;

    if (*reached)
        return false;
    if (n->op == SST_EMU_EXPR_OP_AND)
        return key_written_before(n->kids[0], upto, key, reached) ||
               key_written_before(n->kids[1], upto, key, reached);
    if (n == upto) {
        *reached = true;
        return false;
    }
    k = key_path(n);
    return k != NULL && sst_emu_expr_path_equal(k, key);
}

static enum sst_code
key_leaf(struct key_walk *w, const struct sst_emu_ast *n)
{
    struct sst_err *err = w->err;
    const struct sst_emu_expr_path *key;
    unsigned paths = 0;
    bool reached = false;
    enum sst_code rc;
    uint32_t i;

    if (n->type != SST_EMU_AST_OP)
        return sst_err_set(err, SST_E_INVALID_ARG, "not a condition");
    if (n->op == SST_EMU_EXPR_OP_AND) {
        rc = key_leaf(w, n->kids[0]);
        return rc != SST_OK ? rc : key_leaf(w, n->kids[1]);
    }
    switch (n->op) {
    case SST_EMU_EXPR_OP_EQ:
    case SST_EMU_EXPR_OP_LT:
    case SST_EMU_EXPR_OP_LE:
    case SST_EMU_EXPR_OP_GT:
    case SST_EMU_EXPR_OP_GE:
    case SST_EMU_EXPR_OP_BETWEEN:
    case SST_EMU_EXPR_OP_BEGINS_WITH:
        break;
    default:
        return sst_err_set(err, SST_E_VALIDATION,
                           "Invalid operator used in KeyConditionExpression: "
                           "%s",
                           ops[n->op].name);
    }
    if ((n->op == SST_EMU_EXPR_OP_BETWEEN ||
         n->op == SST_EMU_EXPR_OP_BEGINS_WITH) &&
        n->kids[0]->type != SST_EMU_AST_PATH)
        return sst_err_set(err, SST_E_VALIDATION,
                           "Invalid condition in KeyConditionExpression: %s "
                           "operator must have the key attribute as its "
                           "first operand",
                           ops[n->op].name);
    for (i = 0; i < n->nkids; i++) {
        if (n->kids[i]->type == SST_EMU_AST_OP)
            return sst_err_set(err, SST_E_VALIDATION,
                               "KeyConditionExpressions cannot contain "
                               "nested operations");
        paths += n->kids[i]->type == SST_EMU_AST_PATH;
    }
    if (paths == 0)
        return sst_err_set(err, SST_E_VALIDATION,
                           "Invalid condition in KeyConditionExpression: No "
                           "key attribute specified");
    if (paths > 1)
        return sst_err_set(err, SST_E_VALIDATION,
                           "Invalid condition in KeyConditionExpression: "
                           "Multiple attribute names used in one condition");
    w->count++;
    if (w->leaf != NULL)
        return w->leaf(w->ctx, n, err);
    /* Without the hook: a key written alike twice is certainly the same
     * key. (A nested path would fail first in DynamoDB, with a message
     * that depends on the key schema, so those are left to the hook.) */
    key = key_path(n);
    if (key->n == 1 && key_written_before(w->root, n, key, &reached))
        return sst_err_set(err, SST_E_VALIDATION,
                           "KeyConditionExpressions must only contain one "
                           "condition per key");
    return SST_OK;
}

enum sst_code
sst_emu_expr_check_key_condition(
    const struct sst_emu_ast *ast,
    enum sst_code (*leaf)(void *ctx, const struct sst_emu_ast *leaf,
                          struct sst_err *err),
    void *ctx, struct sst_err *err)
{
    struct key_walk w = {ast, leaf, ctx, 0, err};
    enum sst_code rc;

    if (ast == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG, "no key condition");
    rc = key_leaf(&w, ast);
    if (rc != SST_OK)
        return rc;
    if (w.count > 2)
        return sst_err_set(err, SST_E_VALIDATION,
                           "Conditions can be of length 1 or 2 only");
    return SST_OK;
}

/* ------------------------------------------------------------------ */
/* entry points                                                        */

static enum sst_code
parse_phases(struct sst_emu_arena *a, const char *s, size_t len,
             enum sst_emu_expr_kind kind, struct sst_emu_ast **out,
             struct sst_err *err)
{
    struct parser p;
    struct sst_emu_ast *root = NULL;
    size_t units;

    if (out != NULL)
        *out = NULL;
    if (a == NULL || (s == NULL && len > 0) ||
        (unsigned)kind >= SST_EMU_EXPR_KIND_COUNT)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "sst_emu_expr_parse: bad argument");
    if (len == 0)
        return invalid(err, kind, "The expression can not be empty;");
    units = sst_emu_utf16_length(s, len);
    if (units > SST_EMU_MAX_EXPR_LEN) {
        /* DynamoDB gives the size only for the condition kinds. */
        if (kind == SST_EMU_EXPR_UPDATE || kind == SST_EMU_EXPR_PROJECTION)
            return invalid(err, kind,
                           "Expression size has exceeded the maximum "
                           "allowed size;");
        return invalid(err, kind,
                       "Expression size has exceeded the maximum allowed "
                       "size; expression size: %zu",
                       units);
    }
    memset(&p, 0, sizeof p);
    p.a = a;
    p.kind = kind;
    p.err = err;
    p.len = len;
    p.src = sst_emu_arena_strndup(a, s, len);
    if (p.src == NULL)
        return sst_err_set(err, SST_E_NOMEM,
                           "out of memory parsing an expression");
    sst_emu_lex_init(&p.lx, p.src, len);
    sst_emu_lex_next(&p.lx, &p.cur);
    p.next = p.cur;
    if (p.cur.kind != SST_EMU_TOK_EOF)
        sst_emu_lex_next(&p.lx, &p.next);
    switch (kind) {
    case SST_EMU_EXPR_UPDATE:
        root = parse_update(&p);
        break;
    case SST_EMU_EXPR_PROJECTION:
        root = parse_projection(&p);
        break;
    default:
        root = parse_condition(&p);
        break;
    }
    if (root == NULL || !walk_tree(&p, root))
        return p.rc != SST_OK ? p.rc
                              : sst_err_set(err, SST_E_INTERNAL,
                                            "expression parser lost an "
                                            "error");
    if (out != NULL)
        *out = root;
    return SST_OK;
}

enum sst_code
sst_emu_expr_parse_syntax(struct sst_emu_arena *a, const char *s, size_t len,
                          enum sst_emu_expr_kind kind, struct sst_emu_ast **out,
                          struct sst_err *err)
{
    return parse_phases(a, s, len, kind, out, err);
}

enum sst_code
sst_emu_expr_parse(struct sst_emu_arena *a, const char *s, size_t len,
                   enum sst_emu_expr_kind kind, struct sst_emu_ast **out,
                   struct sst_err *err)
{
    struct sst_emu_ast *root;
    enum sst_code rc;

    if (out != NULL)
        *out = NULL;
    rc = parse_phases(a, s, len, kind, &root, err);
    if (rc == SST_OK)
        rc = sst_emu_expr_check(root, kind, NULL, err);
    if (rc == SST_OK && kind == SST_EMU_EXPR_KEY_CONDITION)
        rc = sst_emu_expr_check_key_condition(root, NULL, NULL, err);
    if (rc == SST_OK && out != NULL)
        *out = root;
    return rc;
}
