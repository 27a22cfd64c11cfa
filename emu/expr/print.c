/*
 * emu/expr/print.c - canonical text of an expression tree, and structural
 * equality of trees; see ast.h.
 *
 * The canonical form is what sst writes to logs and test expectations,
 * and what the round-trip fuzzer parses again: parse(print(t)) == t.
 * Keywords are upper case, binary operators have one space on each side,
 * commas one space after, and parentheses appear only where the tree's
 * grouping differs from the default precedence (OR < AND < NOT <
 * predicates) or associativity (left) of DynamoDB's grammar.
 */
#include <stdio.h>
#include <string.h>

#include "emu/expr/ast.h"

/* Output that counts what would have been written beyond cap. */
struct out {
    char *buf;
    size_t cap;
    size_t len;
};

static void
put(struct out *o, const char *s, size_t n)
{
    size_t room;

    if (o->len < o->cap) {
        room = o->cap - o->len;
        memcpy(o->buf + o->len, s, n < room ? n : room);
    }
    o->len += n;
}

static void
puts_(struct out *o, const char *s)
{
    put(o, s, strlen(s));
}

static void
print_path(struct out *o, const struct sst_emu_expr_path *path)
{
    char num[16];
    uint32_t i;

    for (i = 0; i < path->n; i++) {
        const struct sst_emu_expr_path_elem *e = &path->elems[i];
        if (e->type == SST_EMU_ELEM_INDEX) {
            (void)snprintf(num, sizeof num, "[%u]", e->index);
            puts_(o, num);
            continue;
        }
        if (i > 0)
            put(o, ".", 1);
        put(o, e->name, e->len);
    }
}

/* Binding strength of a condition node; operands bind tightest. */
static int
prec(const struct sst_emu_ast *n)
{
    if (n->type != SST_EMU_AST_OP)
        return 4;
    switch (n->op) {
    case SST_EMU_EXPR_OP_OR:
        return 1;
    case SST_EMU_EXPR_OP_AND:
        return 2;
    case SST_EMU_EXPR_OP_NOT:
        return 3;
    default:
        return 4;
    }
}

static void print_node(struct out *o, const struct sst_emu_ast *n);

/* n, in parentheses when it binds more loosely than min. */
static void
print_at(struct out *o, const struct sst_emu_ast *n, int min)
{
    if (prec(n) < min) {
        put(o, "(", 1);
        print_node(o, n);
        put(o, ")", 1);
    } else {
        print_node(o, n);
    }
}

static void
print_list(struct out *o, struct sst_emu_ast *const *kids, uint32_t n)
{
    uint32_t i;

    for (i = 0; i < n; i++) {
        if (i > 0)
            put(o, ", ", 2);
        print_node(o, kids[i]);
    }
}

static void
print_op(struct out *o, const struct sst_emu_ast *n)
{
    const struct sst_emu_expr_op_info *info = sst_emu_expr_op_info(n->op);

    switch (n->op) {
    case SST_EMU_EXPR_OP_OR:
    case SST_EMU_EXPR_OP_AND:
        /* Left-associative: the right operand needs parentheses at equal
         * strength, the left one only at lower strength. */
        print_at(o, n->kids[0], prec(n));
        put(o, " ", 1);
        puts_(o, info->name);
        put(o, " ", 1);
        print_at(o, n->kids[1], prec(n) + 1);
        return;
    case SST_EMU_EXPR_OP_NOT:
        put(o, "NOT ", 4);
        print_at(o, n->kids[0], 3);
        return;
    case SST_EMU_EXPR_OP_BETWEEN:
        print_node(o, n->kids[0]);
        put(o, " BETWEEN ", 9);
        print_node(o, n->kids[1]);
        put(o, " AND ", 5);
        print_node(o, n->kids[2]);
        return;
    case SST_EMU_EXPR_OP_IN:
        print_node(o, n->kids[0]);
        put(o, " IN (", 5);
        print_list(o, n->kids + 1, n->nkids - 1);
        put(o, ")", 1);
        return;
    default:
        break;
    }
    if (info->is_function || n->op == SST_EMU_EXPR_OP_NONE) {
        if (n->op == SST_EMU_EXPR_OP_NONE)
            put(o, n->u.ref.name, n->u.ref.len);
        else
            puts_(o, info->name);
        put(o, "(", 1);
        print_list(o, n->kids, n->nkids);
        put(o, ")", 1);
        return;
    }
    /* comparisons and + - */
    print_node(o, n->kids[0]);
    put(o, " ", 1);
    puts_(o, info->name);
    put(o, " ", 1);
    print_node(o, n->kids[1]);
}

static void
print_update(struct out *o, const struct sst_emu_ast *n)
{
    static const char *const clause[] = {"SET ", "REMOVE ", "ADD ", "DELETE "};
    const struct sst_emu_expr_action *act;
    uint32_t i;

    for (i = 0; i < n->u.update.n; i++) {
        act = &n->u.update.actions[i];
        if (i == 0 || act->clause != act[-1].clause) {
            if (i > 0)
                put(o, " ", 1);
            puts_(o, clause[act->clause]);
        } else {
            put(o, ", ", 2);
        }
        print_path(o, &act->path);
        if (act->clause == SST_EMU_CLAUSE_SET)
            put(o, " = ", 3);
        else if (act->value != NULL)
            put(o, " ", 1);
        if (act->value != NULL)
            print_node(o, act->value);
    }
}

static void
print_node(struct out *o, const struct sst_emu_ast *n)
{
    uint32_t i;

    switch (n->type) {
    case SST_EMU_AST_PATH:
        print_path(o, &n->u.path);
        break;
    case SST_EMU_AST_VALUE:
        put(o, n->u.ref.name, n->u.ref.len);
        break;
    case SST_EMU_AST_OP:
        print_op(o, n);
        break;
    case SST_EMU_AST_UPDATE:
        print_update(o, n);
        break;
    case SST_EMU_AST_PROJECTION:
        for (i = 0; i < n->u.projection.n; i++) {
            if (i > 0)
                put(o, ", ", 2);
            print_path(o, &n->u.projection.paths[i]);
        }
        break;
    }
}

size_t
sst_emu_ast_print(const struct sst_emu_ast *ast, char *buf, size_t cap)
{
    struct out o = {buf, cap, 0};

    if (ast != NULL)
        print_node(&o, ast);
    if (cap > 0)
        buf[o.len < cap ? o.len : cap - 1] = '\0';
    return o.len;
}

/* ------------------------------------------------------------------ */
/* equality                                                            */

static bool
bytes_equal(const char *a, uint32_t na, const char *b, uint32_t nb)
{
    return na == nb && (na == 0 || memcmp(a, b, na) == 0);
}

bool
sst_emu_expr_path_equal(const struct sst_emu_expr_path *a,
                        const struct sst_emu_expr_path *b)
{
    uint32_t i;

    if (a->n != b->n)
        return false;
    for (i = 0; i < a->n; i++) {
        const struct sst_emu_expr_path_elem *x = &a->elems[i],
                                            *y = &b->elems[i];
        if (x->type != y->type)
            return false;
        if (x->type == SST_EMU_ELEM_INDEX
                ? x->index != y->index
                : !bytes_equal(x->name, x->len, y->name, y->len))
            return false;
    }
    return true;
}

static bool
actions_equal(const struct sst_emu_expr_action *a,
              const struct sst_emu_expr_action *b)
{
    return a->clause == b->clause &&
           sst_emu_expr_path_equal(&a->path, &b->path) &&
           sst_emu_ast_equal(a->value, b->value);
}

bool
sst_emu_ast_equal(const struct sst_emu_ast *a, const struct sst_emu_ast *b)
{
    uint32_t i;

    if (a == NULL || b == NULL)
        return a == b;
    if (a->type != b->type)
        return false;
    switch (a->type) {
    case SST_EMU_AST_PATH:
        return sst_emu_expr_path_equal(&a->u.path, &b->u.path);
    case SST_EMU_AST_VALUE:
        return bytes_equal(a->u.ref.name, a->u.ref.len, b->u.ref.name,
                           b->u.ref.len);
    case SST_EMU_AST_OP:
        if (a->op != b->op || a->nkids != b->nkids)
            return false;
        if (a->op == SST_EMU_EXPR_OP_NONE &&
            !bytes_equal(a->u.ref.name, a->u.ref.len, b->u.ref.name,
                         b->u.ref.len))
            return false;
        for (i = 0; i < a->nkids; i++)
            if (!sst_emu_ast_equal(a->kids[i], b->kids[i]))
                return false;
        return true;
    case SST_EMU_AST_UPDATE:
        if (a->u.update.n != b->u.update.n)
            return false;
        for (i = 0; i < a->u.update.n; i++)
            if (!actions_equal(&a->u.update.actions[i],
                               &b->u.update.actions[i]))
                return false;
        return true;
    case SST_EMU_AST_PROJECTION:
        if (a->u.projection.n != b->u.projection.n)
            return false;
        for (i = 0; i < a->u.projection.n; i++)
            if (!sst_emu_expr_path_equal(&a->u.projection.paths[i],
                                         &b->u.projection.paths[i]))
                return false;
        return true;
    }
    return false;
}
