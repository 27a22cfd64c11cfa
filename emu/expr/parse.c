/*
 * emu/expr/parse.c - recursive-descent parser of DynamoDB's expressions:
 * the entry points that run phases 1 and 2, the parser's state and
 * shared helpers, and the grammar of paths and operands; see parse.h for
 * the three phases and the contract.
 *
 * The grammar is DynamoDB's own (an ANTLR grammar, read off DynamoDB
 * Local's parser): one rule set for all kinds, entered at condition
 * (parse_cond.c), update or projection (parse_update.c). Error positions
 * follow ANTLR: a syntax error names
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
 *
 * Phase 2 is parse_walk.c, phase 3 parse_check.c, the operator table
 * parse_ops.c; parse_int.h holds what these files share.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "emu/expr/parse_int.h"

/* ------------------------------------------------------------------ */
/* errors                                                              */

/* "Invalid <Kind>: <message>", DynamoDB's frame for expression errors. */
SST_PRINTF(3, 4)
enum sst_code
sst_emu_expr_invalid(struct sst_err *err, enum sst_emu_expr_kind kind,
                     const char *fmt, ...)
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

void
sst_emu_parse_nomem(struct parser *p)
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
void
sst_emu_parse_syntax_error(struct parser *p)
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
    p->rc = sst_emu_expr_invalid(p->err, p->kind,
                                 "Syntax error; token: \"%s\", near: \"%.*s\"",
                                 tok, (int)(to - from), p->src + from);
}

void
sst_emu_parse_redundant_error(struct parser *p)
{
    if (!failed(p))
        p->rc = sst_emu_expr_invalid(
            p->err, p->kind, "The expression has redundant parentheses;");
}

/* ------------------------------------------------------------------ */
/* nodes                                                               */

/* Append to an arena array that doubles when full. */
bool
sst_emu_parse_grow(struct parser *p, void **v, uint32_t *cap, uint32_t n,
                   size_t size)
{
    uint32_t ncap;
    void *nv;

    if (n < *cap)
        return true;
    ncap = *cap ? *cap * 2 : 4;
    nv = sst_emu_arena_alloc(p->a, (size_t)ncap * size);
    if (nv == NULL) {
        sst_emu_parse_nomem(p);
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

    if (!sst_emu_parse_grow(p, (void **)&path->elems, cap, path->n, sizeof *e))
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
bool
sst_emu_parse_path(struct parser *p, struct sst_emu_expr_path *path)
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
                sst_emu_parse_syntax_error(p);
                return false;
            }
            if (!add_elem(p, path, &cap, type, &p->cur, p->cur.off))
                return false;
            advance(p);
        } else if (p->cur.kind == SST_EMU_TOK_LBRACKET) {
            lb = p->cur.off;
            advance(p);
            if (p->cur.kind != SST_EMU_TOK_INDEX) {
                sst_emu_parse_syntax_error(p);
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
        r = sst_emu_parse_operand(p);
        if (r.n == NULL)
            return fail_res;
        if (!sst_emu_parse_grow(p, (void **)&args, &cap, nargs, sizeof *args))
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
    n->op = sst_emu_expr_function_op(p->src + name.off, name.len);
    n->nkids = nargs;
    n->kids = args;
    n->u.ref.name = p->src + name.off;
    n->u.ref.len = (uint32_t)name.len;
    end_node(p, n);
    return (struct res){n, R_FUNC, false};
}

/* A path, a :value or a function call, starting at the current token. */
struct res
sst_emu_parse_atom(struct parser *p)
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
        sst_emu_parse_syntax_error(p);
        return fail_res;
    }
    n = new_node(p, SST_EMU_AST_PATH, p->cur.off);
    if (n == NULL || !sst_emu_parse_path(p, &n->u.path))
        return fail_res;
    n->len = n->u.path.len;
    return (struct res){n, R_OPERAND, false};
}

/* operand := path | :value | function | '(' operand ')' */
struct res
sst_emu_parse_operand(struct parser *p)
{
    struct res r;

    if (p->cur.kind != SST_EMU_TOK_LPAREN)
        return sst_emu_parse_atom(p);
    if (!enter(p))
        return fail_res;
    advance(p);
    r = sst_emu_parse_operand(p);
    if (r.n == NULL || !expect(p, SST_EMU_TOK_RPAREN))
        return fail_res;
    leave(p);
    if (r.parens && !note_redundant(p))
        return fail_res;
    return (struct res){r.n, R_OPERAND, true};
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
        return sst_emu_expr_invalid(err, kind,
                                    "The expression can not be empty;");
    units = sst_emu_utf16_length(s, len);
    if (units > SST_EMU_MAX_EXPR_LEN) {
        /* DynamoDB gives the size only for the condition kinds. */
        if (kind == SST_EMU_EXPR_UPDATE || kind == SST_EMU_EXPR_PROJECTION)
            return sst_emu_expr_invalid(
                err, kind,
                "Expression size has exceeded the maximum "
                "allowed size;");
        return sst_emu_expr_invalid(
            err, kind,
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
        root = sst_emu_parse_update(&p);
        break;
    case SST_EMU_EXPR_PROJECTION:
        root = sst_emu_parse_projection(&p);
        break;
    default:
        root = sst_emu_parse_condition(&p);
        break;
    }
    if (root == NULL || !sst_emu_parse_walk_tree(&p, root))
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
