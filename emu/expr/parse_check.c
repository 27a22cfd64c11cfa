/*
 * emu/expr/parse_check.c - phase 3 of parse.h: validation node by node
 * (sst_emu_expr_check), with names and values through hooks, and the
 * key-condition shape rules (sst_emu_expr_check_key_condition).
 */
#include <stdio.h>
#include <string.h>

#include "emu/expr/av.h"
#include "emu/expr/parse_int.h"

/* ------------------------------------------------------------------ */
/* phase 3: validation node by node                                    */

struct check {
    enum sst_emu_expr_kind kind;
    const struct sst_emu_expr_hooks *hooks;
    struct sst_err *err;
    unsigned operators;
};

/* The type bits (ast.h) follow enum sst_av_type (av.h). */
_Static_assert(SST_EMU_T_S == 1u << SST_AV_S && SST_EMU_T_N == 1u << SST_AV_N &&
                   SST_EMU_T_B == 1u << SST_AV_B &&
                   SST_EMU_T_BOOL == 1u << SST_AV_BOOL &&
                   SST_EMU_T_NULL == 1u << SST_AV_NULL &&
                   SST_EMU_T_M == 1u << SST_AV_M &&
                   SST_EMU_T_L == 1u << SST_AV_L &&
                   SST_EMU_T_SS == 1u << SST_AV_SS &&
                   SST_EMU_T_NS == 1u << SST_AV_NS &&
                   SST_EMU_T_BS == 1u << SST_AV_BS &&
                   SST_EMU_T_ALL == (1u << SST_AV_TYPE_COUNT) - 1,
               "SST_EMU_T_* bits follow enum sst_av_type");

/* DynamoDB's symbol of one type, for "operand type: N". */
static const char *
type_symbol(unsigned types)
{
    unsigned i;

    for (i = 0; i < SST_AV_TYPE_COUNT; i++)
        if (types == 1u << i)
            return sst_av_type_name((enum sst_av_type)i);
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
        return sst_emu_expr_invalid(
            c->err, c->kind,
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
    return sst_emu_expr_ops[n->op].result_types;
}

/* The checks of one operator after its operands, in DynamoDB's order. */
static enum sst_code
check_op(struct check *c, const struct sst_emu_ast *n,
         const unsigned *kid_types)
{
    const struct sst_emu_expr_op_info *info = &sst_emu_expr_ops[n->op];
    char buf[SST_ERR_MESSAGE_MAX];
    const char *sym;
    enum sst_code rc;
    uint32_t i;

    if (info->more_args ? n->nkids < info->min_args
                        : n->nkids != info->min_args)
        return sst_emu_expr_invalid(
            c->err, c->kind,
            "Incorrect number of operands for operator or "
            "function; operator or function: %s, number of "
            "operands: %u",
            info->name, n->nkids);
    for (i = 0; i < n->nkids && i < 3 && n->op != SST_EMU_EXPR_OP_IN; i++) {
        if (kid_types[i] & info->operand_types)
            continue;
        sym = type_symbol(kid_types[i]);
        return sst_emu_expr_invalid(
            c->err, c->kind,
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
            return sst_emu_expr_invalid(
                c->err, c->kind,
                "The first operand must be distinct from the "
                "remaining operands for this operator or "
                "function; operator: %s, first operand: %s",
                info->name, buf);
        }
    }
    switch (n->op) {
    case SST_EMU_EXPR_OP_IN:
        if (n->nkids - 1 > SST_EMU_MAX_IN_OPERANDS)
            return sst_emu_expr_invalid(
                c->err, c->kind,
                "The IN operator is provided with too many "
                "operands; number of operands: %u",
                n->nkids - 1);
        break;
    case SST_EMU_EXPR_OP_ATTRIBUTE_EXISTS:
    case SST_EMU_EXPR_OP_ATTRIBUTE_NOT_EXISTS:
    case SST_EMU_EXPR_OP_IF_NOT_EXISTS:
        if (n->kids[0]->type != SST_EMU_AST_PATH)
            return sst_emu_expr_invalid(
                c->err, c->kind,
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
        return sst_emu_expr_invalid(
            c->err, c->kind,
            "Incorrect operand type for operator or function; "
            "operator or function: %s, operand type: %s",
            info->name, sym ? sym : "?");
    default:
        break;
    }
    if (++c->operators > SST_EMU_MAX_OPERATORS)
        return sst_emu_expr_invalid(
            c->err, c->kind,
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
            return sst_emu_expr_invalid(
                c->err, c->kind,
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
                           sst_emu_expr_ops[n->op].name);
    }
    if ((n->op == SST_EMU_EXPR_OP_BETWEEN ||
         n->op == SST_EMU_EXPR_OP_BEGINS_WITH) &&
        n->kids[0]->type != SST_EMU_AST_PATH)
        return sst_err_set(err, SST_E_VALIDATION,
                           "Invalid condition in KeyConditionExpression: %s "
                           "operator must have the key attribute as its "
                           "first operand",
                           sst_emu_expr_ops[n->op].name);
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
