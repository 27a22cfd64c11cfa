/*
 * tests/unit/test_parse_phases.c - the expression parser
 * (emu/expr/parse.c) in its two phases: the syntax phase alone, the
 * resolver hooks of the check phase called in DynamoDB's order, API
 * misuse, and out of memory.
 */
#include "parse_util.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void
syntax_phase_only(void)
{
    static const char expr[] = "size(a, b) > :v";
    struct sst_emu_arena a;
    struct sst_emu_ast *ast;
    struct sst_err err;

    sst_emu_arena_init(&a);
    CU_ASSERT_EQUAL(sst_emu_expr_parse_syntax(&a, expr, strlen(expr),
                                              SST_EMU_EXPR_CONDITION, &ast,
                                              &err),
                    SST_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ast);
    CU_ASSERT_EQUAL(sst_emu_expr_check(ast, SST_EMU_EXPR_CONDITION, NULL, &err),
                    SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(err.message,
                      "Invalid ConditionExpression: Incorrect number of "
                      "operands for operator or function; operator or "
                      "function: size, number of operands: 2");
    CU_ASSERT_EQUAL(sst_emu_expr_parse(&a, expr, strlen(expr),
                                       SST_EMU_EXPR_CONDITION, &ast, &err),
                    SST_E_VALIDATION);
    CU_ASSERT_PTR_NULL(ast);
    /* the syntax phase still refuses what DynamoDB refuses before names */
    CU_ASSERT_EQUAL(sst_emu_expr_parse_syntax(
                        &a, "name = :v", 9, SST_EMU_EXPR_CONDITION, &ast, &err),
                    SST_E_VALIDATION);
    sst_emu_arena_cleanup(&a);
}

/* A toy resolver: #u and :u are undefined, :s is a string, :n a number;
 * it logs every call. */
static enum sst_code
toy_path(void *ctx, const struct sst_emu_expr_path *path,
         enum sst_emu_expr_path_role role, struct sst_err *err)
{
    struct toy *t = ctx;
    const struct sst_emu_expr_path_elem *e = &path->elems[0];
    static const char *const roles[] = {"p:", "t:", "j:"};

    toy_log(t, roles[role], e->name, e->len, "");
    if (e->type == SST_EMU_ELEM_NAME_REF && e->len == 2 && e->name[1] == 'u')
        return sst_err_set(err, SST_E_VALIDATION,
                           "An expression attribute name used in the "
                           "document path is not defined; attribute name: "
                           "%.*s",
                           (int)e->len, e->name);
    return SST_OK;
}

static enum sst_code
toy_value(void *ctx, const struct sst_emu_ast *v, unsigned *types,
          struct sst_err *err)
{
    struct toy *t = ctx;

    toy_log(t, "", v->u.ref.name, v->u.ref.len, "");
    if (v->u.ref.name[1] == 'u')
        return sst_err_set(err, SST_E_VALIDATION,
                           "An expression attribute value used in "
                           "expression is not defined; attribute value: "
                           "%.*s",
                           (int)v->u.ref.len, v->u.ref.name);
    *types = v->u.ref.name[1] == 'n' ? SST_EMU_T_N : SST_EMU_T_S;
    return SST_OK;
}

static enum sst_code
toy_op(void *ctx, const struct sst_emu_ast *op, struct sst_err *err)
{
    struct toy *t = ctx;
    const char *name = sst_emu_expr_op_info(op->op)->name;

    (void)err;
    toy_log(t, "[", name, strlen(name), "]");
    return SST_OK;
}

struct hook_row {
    enum sst_emu_expr_kind kind;
    const char *expr;
    const char *log;     /* the calls, in order */
    const char *message; /* "" when the expression passes */
};

/* The orders are DynamoDB Local's: each first error below is the one it
 * reports for the same expression with #u and :u undefined. */
static const struct hook_row hook_rows[] = {
    {SST_EMU_EXPR_CONDITION, "a = :s AND size(b) > :n",
     "p:a :s [=] p:b [size] :n [>] [AND]", ""},
    {SST_EMU_EXPR_CONDITION, "attribute_exists(#u) AND size(a, b) > :s", "p:#u",
     "An expression attribute name used in the document path is not "
     "defined; attribute name: #u"},
    {SST_EMU_EXPR_CONDITION, "size(a, b) > :s AND attribute_exists(#u)",
     "p:a p:b",
     "Invalid ConditionExpression: Incorrect number of operands for "
     "operator or function; operator or function: size, number of "
     "operands: 2"},
    {SST_EMU_EXPR_CONDITION, ":u = #u", ":u",
     "An expression attribute value used in expression is not defined; "
     "attribute value: :u"},
    {SST_EMU_EXPR_CONDITION, "begins_with(a, :n)", "p:a :n",
     "Invalid ConditionExpression: Incorrect operand type for operator or "
     "function; operator or function: begins_with, operand type: N"},
    {SST_EMU_EXPR_UPDATE, "SET a = :u, #u = :s", "t:#u",
     "An expression attribute name used in the document path is not "
     "defined; attribute name: #u"},
    {SST_EMU_EXPR_UPDATE, "SET a = #u, b = :u", "t:b t:a :u",
     "An expression attribute value used in expression is not defined; "
     "attribute value: :u"},
    {SST_EMU_EXPR_UPDATE, "SET a = :u, b = list_append(:s, b, c)",
     "t:b t:a :s p:b p:c",
     "Invalid UpdateExpression: Incorrect number of operands for operator "
     "or function; operator or function: list_append, number of "
     "operands: 3"},
    {SST_EMU_EXPR_UPDATE, "SET a = if_not_exists(a, :s) + :n",
     "t:a p:a :s [if_not_exists] :n [+]", ""},
    {SST_EMU_EXPR_UPDATE, "SET a = :n + if_not_exists(a, :s)",
     "t:a :n p:a :s [if_not_exists] [+]", ""},
    {SST_EMU_EXPR_UPDATE, "SET a = if_not_exists(a, :n) + :s",
     "t:a p:a :n [if_not_exists] :s",
     "Invalid UpdateExpression: Incorrect operand type for operator or "
     "function; operator or function: +, operand type: S"},
    {SST_EMU_EXPR_UPDATE, "ADD a :n, b :s", "t:b t:a :s",
     "Invalid UpdateExpression: Incorrect operand type for operator or "
     "function; operator: ADD, operand type: STRING, typeSet: "
     "ALLOWED_FOR_ADD_OPERAND"},
    {SST_EMU_EXPR_UPDATE, "DELETE a :n", "t:a :n",
     "Invalid UpdateExpression: Incorrect operand type for operator or "
     "function; operator: DELETE, operand type: NUMBER, typeSet: "
     "ALLOWED_FOR_DELETE_OPERAND"},
    {SST_EMU_EXPR_UPDATE, "REMOVE x SET a = :s ADD n :n", "t:n t:a t:x :n :s",
     ""},
    {SST_EMU_EXPR_PROJECTION, "#u, #w", "j:#w j:#u",
     "An expression attribute name used in the document path is not "
     "defined; attribute name: #u"},
};

static void
hooks_in_dynamodb_order(void)
{
    struct sst_emu_expr_hooks hooks = {NULL, toy_path, toy_value, toy_op};
    struct sst_emu_arena a;
    struct sst_emu_ast *ast;
    struct sst_err err;
    struct toy t;
    enum sst_code rc;
    char msg[600];
    size_t i;

    for (i = 0; i < N(hook_rows); i++) {
        const struct hook_row *r = &hook_rows[i];
        sst_emu_arena_init(&a);
        memset(&t, 0, sizeof t);
        hooks.ctx = &t;
        CU_ASSERT_EQUAL_FATAL(sst_emu_expr_parse_syntax(&a, r->expr,
                                                        strlen(r->expr),
                                                        r->kind, &ast, &err),
                              SST_OK);
        memset(&err, 0, sizeof err);
        rc = sst_emu_expr_check(ast, r->kind, &hooks, &err);
        snprintf(msg, sizeof msg, "hook row %zu \"%s\": %s", i, r->expr, t.log);
        if (strcmp(t.log, r->log) != 0)
            CU_FAIL(msg);
        SST_ASSERT_STR_EQ(t.log, r->log);
        CU_ASSERT_EQUAL(rc, r->message[0] ? SST_E_VALIDATION : SST_OK);
        SST_ASSERT_STR_EQ(rc == SST_OK ? "" : err.message, r->message);
        sst_emu_arena_cleanup(&a);
    }
}

/* ------------------------------------------------------------------ */
/* API misuse and out of memory                                        */

static void
bad_arguments(void)
{
    struct sst_emu_arena a;
    struct sst_emu_ast *ast = (struct sst_emu_ast *)&a;
    struct sst_err err;

    sst_emu_arena_init(&a);
    CU_ASSERT_EQUAL(
        sst_emu_expr_parse(NULL, "a", 1, SST_EMU_EXPR_PROJECTION, &ast, &err),
        SST_E_INVALID_ARG);
    CU_ASSERT_PTR_NULL(ast);
    CU_ASSERT_EQUAL(
        sst_emu_expr_parse(&a, NULL, 1, SST_EMU_EXPR_PROJECTION, &ast, &err),
        SST_E_INVALID_ARG);
    CU_ASSERT_EQUAL(
        sst_emu_expr_parse(&a, "a", 1, SST_EMU_EXPR_KIND_COUNT, &ast, &err),
        SST_E_INVALID_ARG);
    CU_ASSERT_EQUAL(
        sst_emu_expr_parse(&a, NULL, 0, SST_EMU_EXPR_UPDATE, &ast, &err),
        SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(err.message, "Invalid UpdateExpression: The expression "
                                   "can not be empty;");
    /* err and out may be NULL */
    CU_ASSERT_EQUAL(
        sst_emu_expr_parse(&a, "a =", 3, SST_EMU_EXPR_CONDITION, NULL, NULL),
        SST_E_VALIDATION);
    CU_ASSERT_EQUAL(
        sst_emu_expr_parse(&a, "a", 1, SST_EMU_EXPR_PROJECTION, NULL, NULL),
        SST_OK);
    CU_ASSERT_EQUAL(
        sst_emu_expr_check(NULL, SST_EMU_EXPR_CONDITION, NULL, &err),
        SST_E_INVALID_ARG);
    CU_ASSERT_EQUAL(sst_emu_expr_check_key_condition(NULL, NULL, NULL, &err),
                    SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(sst_emu_expr_kind_name(SST_EMU_EXPR_KIND_COUNT), "?");
    SST_ASSERT_STR_EQ(sst_emu_expr_op_info(SST_EMU_EXPR_OP_COUNT)->name, "?");
    SST_ASSERT_STR_EQ(sst_emu_expr_op_info(SST_EMU_EXPR_OP_LIST_APPEND)->name,
                      "list_append");
    sst_emu_arena_cleanup(&a);
}

/* Fail the 1st, 2nd, ... heap allocation until the parse succeeds: every
 * run ends in SST_E_NOMEM or success and leaks nothing. The expressions
 * are long enough to leave the arena's inline block. */
static void
out_of_memory(void)
{
    static const enum sst_emu_expr_kind kinds[] = {
        SST_EMU_EXPR_CONDITION, SST_EMU_EXPR_UPDATE, SST_EMU_EXPR_PROJECTION};
    char *exprs[3];
    struct sst_emu_arena a;
    struct sst_emu_ast *ast;
    struct sst_err err;
    enum sst_code rc;
    long n, live;
    size_t k;

    exprs[0] =
        repeat("a IN (:v", ", size(b.c[1])", 90, ") AND attribute_exists(#x)");
    exprs[1] = repeat("SET a = :v", ", b.c[2] = if_not_exists(d, :w) + :n", 60,
                      " REMOVE r ADD n :n");
    exprs[2] = repeat("a", ", b.c[3].#d", 200, "");
    for (k = 0; k < N(kinds); k++) {
        CU_ASSERT_PTR_NOT_NULL_FATAL(exprs[k]);
        for (n = 1; n < 1000; n++) {
            live = sst_mem_live_count();
            sst_emu_arena_init(&a);
            sst_mem_fail_after(n);
            rc = sst_emu_expr_parse(&a, exprs[k], strlen(exprs[k]), kinds[k],
                                    &ast, &err);
            sst_mem_fail_reset();
            if (rc == SST_E_NOMEM)
                CU_ASSERT_PTR_NULL(ast);
            sst_emu_arena_cleanup(&a);
            CU_ASSERT_EQUAL(sst_mem_live_count(), live);
            if (rc != SST_E_NOMEM)
                break;
        }
        CU_ASSERT_EQUAL(rc, SST_OK);
        CU_ASSERT(n > 1);
        free(exprs[k]);
    }
}

static const struct sst_test phase_tests[] = {
    {"syntax phase only", syntax_phase_only},
    {"hooks in DynamoDB's order", hooks_in_dynamodb_order},
    {"bad arguments", bad_arguments},
    {"out of memory", out_of_memory},
    {NULL, NULL},
};

static const struct sst_suite suites[] = {
    {"phases", NULL, NULL, phase_tests},
    {NULL, NULL, NULL, NULL},
};

int
main(int argc, char **argv)
{
    return sst_test_main(argc, argv, "test_parse_phases", suites);
}
