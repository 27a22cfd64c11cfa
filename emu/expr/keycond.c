/*
 * emu/expr/keycond.c - KeyConditionExpression analysis (see keycond.h).
 *
 * The order of the checks was measured against DynamoDB Local
 * (docs/notes-semantics.md, "Key conditions"): the shape rules leaf by
 * leaf, the number of conditions, then the partition key (present, type,
 * empty, operator), then the sort key (name, type, empty).
 */
#include <string.h>

#include "emu/expr/keycond.h"
#include "emu/expr/parse.h"

#define M_MISSED "Query condition missed key schema element"
#define M_NOT_SUPPORTED "Query key condition not supported"
#define M_TYPE                                                                 \
    "One or more parameter values were invalid: Condition parameter type "     \
    "does not match schema type"
#define M_EMPTY                                                                \
    "One or more parameter values are not valid. The AttributeValue for a "    \
    "key attribute cannot contain an empty %s value. Key: %.*s"

/* One leaf: a condition on one attribute. */
struct leaf {
    const char *name;
    size_t len;
    enum sst_emu_key_op op;
    const struct sst_av *v[2];
    unsigned nv;
};

struct analysis {
    const struct sst_emu_bindings *b;
    const struct sst_emu_key_schema *ks;
    struct leaf leaves[2];
    unsigned n;
    /* the attributes named so far, for "one condition per key" */
    struct sst_emu_key_name seen[SST_EMU_MAX_OPERATORS + 1];
};

static bool
is_key(const struct sst_emu_key_schema *ks, const char *name, size_t len)
{
    return (ks->hash_len == len && memcmp(ks->hash, name, len) == 0) ||
           (ks->range != NULL && ks->range_len == len &&
            memcmp(ks->range, name, len) == 0);
}

/* The operator of "path <op> value", or of "value <op> path" turned
 * around. */
static enum sst_emu_key_op
leaf_op(enum sst_emu_expr_op op, bool value_first)
{
    switch (op) {
    case SST_EMU_EXPR_OP_EQ:
        return SST_EMU_KEY_EQ;
    case SST_EMU_EXPR_OP_LT:
        return value_first ? SST_EMU_KEY_GT : SST_EMU_KEY_LT;
    case SST_EMU_EXPR_OP_LE:
        return value_first ? SST_EMU_KEY_GE : SST_EMU_KEY_LE;
    case SST_EMU_EXPR_OP_GT:
        return value_first ? SST_EMU_KEY_LT : SST_EMU_KEY_GT;
    case SST_EMU_EXPR_OP_GE:
        return value_first ? SST_EMU_KEY_LE : SST_EMU_KEY_GE;
    case SST_EMU_EXPR_OP_BETWEEN:
        return SST_EMU_KEY_BETWEEN;
    default:
        return SST_EMU_KEY_BEGINS_WITH;
    }
}

static enum sst_code
on_leaf(void *ctx, const struct sst_emu_ast *n, struct sst_err *err)
{
    struct analysis *an = ctx;
    const struct sst_emu_expr_path *path = NULL;
    const struct sst_emu_value_binding *vb;
    struct leaf l;
    bool value_first = false;
    uint32_t i;
    unsigned k;

    memset(&l, 0, sizeof l);
    for (i = 0; i < n->nkids; i++) {
        if (n->kids[i]->type == SST_EMU_AST_PATH) {
            path = &n->kids[i]->u.path;
            continue;
        }
        if (path == NULL)
            value_first = true;
        vb = sst_emu_bindings_value(an->b, n->kids[i]->u.ref.name,
                                    n->kids[i]->u.ref.len);
        if (vb != NULL && l.nv < 2)
            l.v[l.nv++] = vb->value;
    }
    if (path == NULL ||
        !sst_emu_elem_name(an->b, &path->elems[0], &l.name, &l.len))
        return sst_err_set(err, SST_E_INVALID_ARG, "unresolved key condition");
    if (path->n > 1) {
        if (is_key(an->ks, l.name, l.len))
            return sst_err_set(err, SST_E_VALIDATION,
                               "Key attributes must be scalars; list random "
                               "access '[]' and map lookup '.' are not "
                               "allowed: Key: %.*s",
                               (int)l.len, l.name);
        return sst_err_set(err, SST_E_VALIDATION,
                           "KeyConditionExpressions cannot have conditions "
                           "on nested attributes");
    }
    for (k = 0; k < an->n && k <= SST_EMU_MAX_OPERATORS; k++)
        if (an->seen[k].len == l.len &&
            memcmp(an->seen[k].name, l.name, l.len) == 0)
            return sst_err_set(err, SST_E_VALIDATION,
                               "KeyConditionExpressions must only contain one "
                               "condition per key");
    l.op = leaf_op(n->op, value_first);
    if (an->n < 2)
        an->leaves[an->n] = l;
    if (an->n <= SST_EMU_MAX_OPERATORS) {
        an->seen[an->n].name = l.name;
        an->seen[an->n].len = l.len;
    }
    an->n++;
    return SST_OK;
}

/* Types and emptiness of the values of a key's condition. */
static enum sst_code
check_values(const struct leaf *l, enum sst_av_type type, struct sst_err *err)
{
    unsigned i;

    for (i = 0; i < l->nv; i++)
        if (l->v[i]->type != type)
            return sst_err_set(err, SST_E_VALIDATION, M_TYPE);
    for (i = 0; i < l->nv; i++)
        if ((type == SST_AV_S || type == SST_AV_B) && l->v[i]->u.str.len == 0)
            return sst_err_set(err, SST_E_VALIDATION, M_EMPTY,
                               type == SST_AV_S ? "string" : "binary",
                               (int)l->len, l->name);
    return SST_OK;
}

enum sst_code
sst_emu_key_condition_analyze(const struct sst_emu_expr *kc,
                              const struct sst_emu_bindings *b,
                              const struct sst_emu_key_schema *ks,
                              struct sst_emu_key_condition *out,
                              struct sst_err *err)
{
    struct analysis an;
    const struct leaf *hash = NULL, *range = NULL;
    enum sst_code rc;
    unsigned i;

    memset(out, 0, sizeof *out);
    if (kc == NULL || kc->ast == NULL || ks == NULL || ks->hash == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "sst_emu_key_condition_analyze: bad argument");
    memset(&an, 0, sizeof an);
    an.b = b;
    an.ks = ks;
    rc = sst_emu_expr_check_key_condition(kc->ast, on_leaf, &an, err);
    if (rc != SST_OK)
        return rc;
    if (an.n > (ks->range ? 2u : 1u))
        return sst_err_set(err, SST_E_VALIDATION, M_NOT_SUPPORTED);
    for (i = 0; i < an.n; i++)
        if (an.leaves[i].len == ks->hash_len &&
            memcmp(an.leaves[i].name, ks->hash, ks->hash_len) == 0)
            hash = &an.leaves[i];
        else
            range = &an.leaves[i];
    if (hash == NULL)
        return sst_err_set(err, SST_E_VALIDATION, M_MISSED);
    rc = check_values(hash, ks->hash_type, err);
    if (rc != SST_OK)
        return rc;
    if (hash->op != SST_EMU_KEY_EQ)
        return sst_err_set(err, SST_E_VALIDATION, M_NOT_SUPPORTED);
    out->hash = hash->v[0];
    if (range == NULL)
        return SST_OK;
    if (ks->range == NULL || range->len != ks->range_len ||
        memcmp(range->name, ks->range, range->len) != 0)
        return sst_err_set(err, SST_E_VALIDATION, M_MISSED);
    rc = check_values(range, ks->range_type, err);
    if (rc != SST_OK)
        return rc;
    out->op = range->op;
    out->lo = range->v[0];
    out->hi = range->nv > 1 ? range->v[1] : NULL;
    return SST_OK;
}

bool
sst_emu_key_condition_match(const struct sst_emu_key_condition *kc,
                            const struct sst_av *v)
{
    int a, z;

    if (kc->op == SST_EMU_KEY_ANY)
        return true;
    if (v == NULL)
        return false;
    if (kc->op == SST_EMU_KEY_BEGINS_WITH)
        return v->type == kc->lo->type &&
               (v->type == SST_AV_S || v->type == SST_AV_B) &&
               kc->lo->u.str.len <= v->u.str.len &&
               memcmp(v->u.str.ptr, kc->lo->u.str.ptr, kc->lo->u.str.len) == 0;
    if (!sst_av_cmp(v, kc->lo, &a))
        return false;
    switch (kc->op) {
    case SST_EMU_KEY_EQ:
        return a == 0;
    case SST_EMU_KEY_LT:
        return a < 0;
    case SST_EMU_KEY_LE:
        return a <= 0;
    case SST_EMU_KEY_GT:
        return a > 0;
    case SST_EMU_KEY_GE:
        return a >= 0;
    case SST_EMU_KEY_BETWEEN:
        return a >= 0 && kc->hi != NULL && sst_av_cmp(v, kc->hi, &z) && z <= 0;
    default:
        return false;
    }
}

struct filter_keys {
    const struct sst_emu_bindings *b;
    const char *key;
    size_t len;
    bool found;
};

static enum sst_code
filter_path(void *ctx, const struct sst_emu_expr_path *p, struct sst_err *err)
{
    struct filter_keys *fk = ctx;
    const char *name;
    size_t len;

    (void)err;
    if (sst_emu_elem_name(fk->b, &p->elems[0], &name, &len) && len == fk->len &&
        memcmp(name, fk->key, len) == 0)
        fk->found = true;
    return SST_OK;
}

enum sst_code
sst_emu_filter_check_keys(const struct sst_emu_expr *filter,
                          const struct sst_emu_bindings *b,
                          const struct sst_emu_key_schema *ks,
                          struct sst_err *err)
{
    struct filter_keys fk;
    int k;

    if (filter == NULL || filter->ast == NULL || ks == NULL)
        return SST_OK;
    for (k = 0; k < 2; k++) {
        fk.b = b;
        fk.key = k == 0 ? ks->hash : ks->range;
        fk.len = k == 0 ? ks->hash_len : ks->range_len;
        fk.found = false;
        if (fk.key == NULL)
            continue;
        (void)sst_emu_expr_foreach_path(filter, filter_path, &fk, err);
        if (fk.found)
            return sst_err_set(err, SST_E_VALIDATION,
                               "Filter Expression can only contain "
                               "non-primary key attributes: Primary key "
                               "attribute: %.*s",
                               (int)fk.len, fk.key);
    }
    return SST_OK;
}
