/*
 * emu/expr/eval.c - conditions on items (see eval.h).
 *
 * The evaluator walks a resolved tree; operands are borrowed from the
 * item or the bindings, and the one computed operand, size(), is an N
 * built on the stack over a read-only GMP integer, so that evaluation
 * never allocates. The semantics were measured against DynamoDB Local
 * (docs/notes-corpus.md section 8, docs/notes-semantics.md).
 */
#include <string.h>

#include "emu/expr/eval.h"
#include "emu/expr/lex.h"

/* ------------------------------------------------------------------ */
/* paths                                                               */

const struct sst_av *
sst_emu_path_get(const struct sst_av *item, const struct sst_emu_expr_path *p,
                 const struct sst_emu_bindings *b)
{
    const struct sst_av *cur = item;
    const char *name;
    size_t len;
    uint32_t i;

    for (i = 0; i < p->n && cur != NULL; i++) {
        const struct sst_emu_expr_path_elem *e = &p->elems[i];
        if (e->type == SST_EMU_ELEM_INDEX) {
            if (cur->type != SST_AV_L || e->index >= cur->u.list.len)
                return NULL;
            cur = cur->u.list.v[e->index];
        } else {
            if (cur->type != SST_AV_M || !sst_emu_elem_name(b, e, &name, &len))
                return NULL;
            cur = sst_av_map_get(cur, name, len);
        }
    }
    return cur;
}

/* ------------------------------------------------------------------ */
/* operands                                                            */

/* An operand's value: borrowed, or for size() a number on the stack. */
struct operand {
    const struct sst_av *v; /* NULL: absent */
    struct sst_av tmp;      /* size(): N over limbs[] */
    mp_limb_t limbs[2];
};

/* Make op a DynamoDB number equal to n, in normalised form, without
 * allocating: the coefficient is a read-only mpz over op->limbs. */
static void
size_operand(struct operand *op, uint64_t n)
{
    struct sst_num *num = &op->tmp.u.num;
    uint64_t c = n;
    int exp = 0, digits = 0;
    mp_size_t nl = 0;

    op->tmp.type = SST_AV_N;
    while (c != 0 && c % 10 == 0) {
        c /= 10;
        exp++;
    }
    for (n = c; n != 0; n /= 10)
        digits++;
    while (c != 0) {
        op->limbs[nl++] = (mp_limb_t)c;
        c = GMP_NUMB_BITS >= 64 ? 0 : c >> (GMP_NUMB_BITS % 64);
    }
    num->sign = nl ? 1 : 0;
    num->exp = nl ? exp : 0;
    num->digits = digits;
    (void)mpz_roinit_n(num->coef, op->limbs, nl);
    op->v = &op->tmp;
}

/* DynamoDB's size(): S in UTF-16 units (as Java's String.length()), B
 * in bytes, sets, lists and maps in members; other types have none. */
static bool
size_of(const struct sst_av *v, uint64_t *n)
{
    switch (v->type) {
    case SST_AV_S:
        *n = sst_emu_utf16_length(v->u.str.ptr, v->u.str.len);
        return true;
    case SST_AV_B:
        *n = v->u.str.len;
        return true;
    case SST_AV_SS:
    case SST_AV_BS:
        *n = v->u.strs.len;
        return true;
    case SST_AV_NS:
        *n = v->u.nums.len;
        return true;
    case SST_AV_L:
        *n = v->u.list.len;
        return true;
    case SST_AV_M:
        *n = v->u.map.len;
        return true;
    default:
        return false;
    }
}

static void
operand(const struct sst_emu_ast *n, const struct sst_emu_bindings *b,
        const struct sst_av *item, struct operand *op)
{
    const struct sst_emu_value_binding *vb;
    struct operand inner;
    uint64_t size;

    op->v = NULL;
    switch (n->type) {
    case SST_EMU_AST_PATH:
        op->v = sst_emu_path_get(item, &n->u.path, b);
        break;
    case SST_EMU_AST_VALUE:
        vb = sst_emu_bindings_value(b, n->u.ref.name, n->u.ref.len);
        op->v = vb ? vb->value : NULL;
        break;
    case SST_EMU_AST_OP:
        if (n->op == SST_EMU_EXPR_OP_SIZE && n->nkids == 1) {
            operand(n->kids[0], b, item, &inner);
            if (inner.v != NULL && size_of(inner.v, &size))
                size_operand(op, size);
        }
        break;
    default:
        break;
    }
}

/* ------------------------------------------------------------------ */
/* functions                                                           */

static bool
bytes_contain(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
    size_t i;

    if (nlen == 0)
        return true;
    for (i = 0; i + nlen <= hlen; i++)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, nlen) == 0)
            return true;
    return false;
}

static bool
strs_have(const struct sst_av *set, const struct sst_av_str *s)
{
    size_t i;

    for (i = 0; i < set->u.strs.len; i++)
        if (set->u.strs.v[i].len == s->len &&
            memcmp(set->u.strs.v[i].ptr, s->ptr, s->len) == 0)
            return true;
    return false;
}

/* contains(a, b): substring of S, byte sequence of B, member of a set of
 * the matching type, element of a list (deep equality). */
static bool
contains(const struct sst_av *a, const struct sst_av *b)
{
    size_t i;

    switch (a->type) {
    case SST_AV_S:
        return b->type == SST_AV_S && bytes_contain(a->u.str.ptr, a->u.str.len,
                                                    b->u.str.ptr, b->u.str.len);
    case SST_AV_B:
        return b->type == SST_AV_B && bytes_contain(a->u.str.ptr, a->u.str.len,
                                                    b->u.str.ptr, b->u.str.len);
    case SST_AV_SS:
        return b->type == SST_AV_S && strs_have(a, &b->u.str);
    case SST_AV_BS:
        return b->type == SST_AV_B && strs_have(a, &b->u.str);
    case SST_AV_NS:
        if (b->type != SST_AV_N)
            return false;
        for (i = 0; i < a->u.nums.len; i++)
            if (sst_num_cmp(&a->u.nums.v[i], &b->u.num) == 0)
                return true;
        return false;
    case SST_AV_L:
        for (i = 0; i < a->u.list.len; i++)
            if (sst_av_equal(a->u.list.v[i], b))
                return true;
        return false;
    default:
        return false;
    }
}

static bool
begins_with(const struct sst_av *a, const struct sst_av *p)
{
    if (a->type != p->type || (a->type != SST_AV_S && a->type != SST_AV_B))
        return false;
    return p->u.str.len <= a->u.str.len &&
           memcmp(a->u.str.ptr, p->u.str.ptr, p->u.str.len) == 0;
}

static bool
attribute_type(const struct sst_av *a, const struct sst_av *t)
{
    const char *name;

    if (t->type != SST_AV_S)
        return false;
    name = sst_av_type_name(a->type);
    return strlen(name) == t->u.str.len &&
           memcmp(name, t->u.str.ptr, t->u.str.len) == 0;
}

/* ------------------------------------------------------------------ */
/* conditions                                                          */

/* a <op> b for the ordering comparators: both present, both S, N or B. */
static bool
ordered(enum sst_emu_expr_op op, const struct sst_av *a, const struct sst_av *b)
{
    int order;

    if (a == NULL || b == NULL || !sst_av_cmp(a, b, &order))
        return false;
    switch (op) {
    case SST_EMU_EXPR_OP_LT:
        return order < 0;
    case SST_EMU_EXPR_OP_LE:
        return order <= 0;
    case SST_EMU_EXPR_OP_GT:
        return order > 0;
    default:
        return order >= 0;
    }
}

static bool
eval_node(const struct sst_emu_ast *n, const struct sst_emu_bindings *b,
          const struct sst_av *item)
{
    struct operand x, y, z;
    uint32_t i;

    switch (n->op) {
    case SST_EMU_EXPR_OP_AND:
        return eval_node(n->kids[0], b, item) && eval_node(n->kids[1], b, item);
    case SST_EMU_EXPR_OP_OR:
        return eval_node(n->kids[0], b, item) || eval_node(n->kids[1], b, item);
    case SST_EMU_EXPR_OP_NOT:
        return !eval_node(n->kids[0], b, item);
    case SST_EMU_EXPR_OP_EQ:
    case SST_EMU_EXPR_OP_NE:
        operand(n->kids[0], b, item, &x);
        operand(n->kids[1], b, item, &y);
        /* DynamoDB: an absent operand equals nothing, so <> is true */
        return (x.v != NULL && y.v != NULL && sst_av_equal(x.v, y.v)) ==
               (n->op == SST_EMU_EXPR_OP_EQ);
    case SST_EMU_EXPR_OP_LT:
    case SST_EMU_EXPR_OP_LE:
    case SST_EMU_EXPR_OP_GT:
    case SST_EMU_EXPR_OP_GE:
        operand(n->kids[0], b, item, &x);
        operand(n->kids[1], b, item, &y);
        return ordered(n->op, x.v, y.v);
    case SST_EMU_EXPR_OP_BETWEEN:
        operand(n->kids[0], b, item, &x);
        operand(n->kids[1], b, item, &y);
        operand(n->kids[2], b, item, &z);
        /* bounds found out of order at run time make it false */
        return ordered(SST_EMU_EXPR_OP_LE, y.v, z.v) &&
               ordered(SST_EMU_EXPR_OP_GE, x.v, y.v) &&
               ordered(SST_EMU_EXPR_OP_LE, x.v, z.v);
    case SST_EMU_EXPR_OP_IN:
        operand(n->kids[0], b, item, &x);
        if (x.v == NULL)
            return false;
        for (i = 1; i < n->nkids; i++) {
            operand(n->kids[i], b, item, &y);
            if (y.v != NULL && sst_av_equal(x.v, y.v))
                return true;
        }
        return false;
    case SST_EMU_EXPR_OP_ATTRIBUTE_EXISTS:
    case SST_EMU_EXPR_OP_ATTRIBUTE_NOT_EXISTS:
        operand(n->kids[0], b, item, &x);
        /* DynamoDB: a NULL attribute exists */
        return (x.v != NULL) == (n->op == SST_EMU_EXPR_OP_ATTRIBUTE_EXISTS);
    case SST_EMU_EXPR_OP_ATTRIBUTE_TYPE:
        operand(n->kids[0], b, item, &x);
        operand(n->kids[1], b, item, &y);
        return x.v != NULL && y.v != NULL && attribute_type(x.v, y.v);
    case SST_EMU_EXPR_OP_BEGINS_WITH:
        operand(n->kids[0], b, item, &x);
        operand(n->kids[1], b, item, &y);
        return x.v != NULL && y.v != NULL && begins_with(x.v, y.v);
    case SST_EMU_EXPR_OP_CONTAINS:
        operand(n->kids[0], b, item, &x);
        operand(n->kids[1], b, item, &y);
        return x.v != NULL && y.v != NULL && contains(x.v, y.v);
    default:
        return false;
    }
}

enum sst_code
sst_emu_expr_eval(const struct sst_emu_expr *e,
                  const struct sst_emu_bindings *b, const struct sst_av *item,
                  bool *result, struct sst_err *err)
{
    *result = false;
    if (e == NULL || e->ast == NULL || e->ast->type != SST_EMU_AST_OP)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "sst_emu_expr_eval: not a resolved condition");
    if (item != NULL && item->type != SST_AV_M)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "sst_emu_expr_eval: the item is not a map");
    *result = eval_node(e->ast, b, item);
    return SST_OK;
}
