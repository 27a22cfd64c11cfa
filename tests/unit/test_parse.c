/*
 * tests/unit/test_parse.c - the expression parser (emu/expr/parse.c):
 * the trees of valid expressions, through the canonical printer and as
 * trees (paths, update actions, projections, precedence, equality,
 * printing). Errors are in test_parse_syntax.c and test_parse_rules.c,
 * key conditions in test_parse_keycond.c, limits in test_parse_limits.c,
 * the phases and hooks in test_parse_phases.c.
 *
 * The expressions of the table were sent to DynamoDB Local (2026-01-16)
 * with their placeholders defined (PutItem ConditionExpression, Scan
 * FilterExpression, Query KeyConditionExpression, UpdateItem
 * UpdateExpression, GetItem ProjectionExpression), which accepted them.
 * The expected trees are written by hand in canonical form.
 */
#include "parse_util.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Recorded from DynamoDB Local; see the file comment. */
/* clang-format off */
static const struct row rows[] = {
    {SST_EMU_EXPR_CONDITION,
     "a = :v",
     "OK: a = :v"},
    {SST_EMU_EXPR_CONDITION,
     "a=:v",
     "OK: a = :v"},
    {SST_EMU_EXPR_CONDITION,
     "  a\t=\r\n:v  ",
     "OK: a = :v"},
    {SST_EMU_EXPR_CONDITION,
     "a <> :v",
     "OK: a <> :v"},
    {SST_EMU_EXPR_CONDITION,
     "a < :v AND b <= :v AND c > :v AND d >= :v",
     "OK: a < :v AND b <= :v AND c > :v AND d >= :v"},
    {SST_EMU_EXPR_CONDITION,
     "a = :v and b = :w or not c = :v",
     "OK: a = :v AND b = :w OR NOT c = :v"},
    {SST_EMU_EXPR_CONDITION,
     "a = :v OR b = :v AND c = :v",
     "OK: a = :v OR b = :v AND c = :v"},
    {SST_EMU_EXPR_CONDITION,
     "(a = :v OR b = :v) AND c = :v",
     "OK: (a = :v OR b = :v) AND c = :v"},
    {SST_EMU_EXPR_CONDITION,
     "a = :v AND (b = :v AND c = :v)",
     "OK: a = :v AND (b = :v AND c = :v)"},
    {SST_EMU_EXPR_CONDITION,
     "(a = :v AND b = :v) AND c = :v",
     "OK: a = :v AND b = :v AND c = :v"},
    {SST_EMU_EXPR_CONDITION,
     "a = :v OR (b = :v OR c = :v)",
     "OK: a = :v OR (b = :v OR c = :v)"},
    {SST_EMU_EXPR_CONDITION,
     "NOT (a = :v AND b = :v)",
     "OK: NOT (a = :v AND b = :v)"},
    {SST_EMU_EXPR_CONDITION,
     "NOT NOT a = :v",
     "OK: NOT NOT a = :v"},
    {SST_EMU_EXPR_CONDITION,
     "NOT (a = :v)",
     "OK: NOT a = :v"},
    {SST_EMU_EXPR_CONDITION,
     "(a) = (:v)",
     "OK: a = :v"},
    {SST_EMU_EXPR_CONDITION,
     "(a = :v)",
     "OK: a = :v"},
    {SST_EMU_EXPR_CONDITION,
     "a BETWEEN :lo AND :hi",
     "OK: a BETWEEN :lo AND :hi"},
    {SST_EMU_EXPR_CONDITION,
     "a between :lo and :hi AND b = :v",
     "OK: a BETWEEN :lo AND :hi AND b = :v"},
    {SST_EMU_EXPR_CONDITION,
     "a IN (:x)",
     "OK: a IN (:x)"},
    {SST_EMU_EXPR_CONDITION,
     "a in (:x,:y , :z)",
     "OK: a IN (:x, :y, :z)"},
    {SST_EMU_EXPR_CONDITION,
     "attribute_exists(a)",
     "OK: attribute_exists(a)"},
    {SST_EMU_EXPR_CONDITION,
     "attribute_not_exists(#pk) AND attribute_exists(a.b[2].c)",
     "OK: attribute_not_exists(#pk) AND attribute_exists(a.b[2].c)"},
    {SST_EMU_EXPR_CONDITION,
     "attribute_type(a, :t)",
     "OK: attribute_type(a, :t)"},
    {SST_EMU_EXPR_CONDITION,
     "begins_with(#n, :p)",
     "OK: begins_with(#n, :p)"},
    {SST_EMU_EXPR_CONDITION,
     "contains(tags, :t)",
     "OK: contains(tags, :t)"},
    {SST_EMU_EXPR_CONDITION,
     "size(a) > :n",
     "OK: size(a) > :n"},
    {SST_EMU_EXPR_CONDITION,
     "size(a.b) BETWEEN size(c) AND :n",
     "OK: size(a.b) BETWEEN size(c) AND :n"},
    {SST_EMU_EXPR_CONDITION,
     "a IN (size(b), :v)",
     "OK: a IN (size(b), :v)"},
    {SST_EMU_EXPR_CONDITION,
     "contains(size(a), :v)",
     "OK: contains(size(a), :v)"},
    {SST_EMU_EXPR_CONDITION,
     "(size(a)) = :v",
     "OK: size(a) = :v"},
    {SST_EMU_EXPR_CONDITION,
     "(attribute_exists(a))",
     "OK: attribute_exists(a)"},
    {SST_EMU_EXPR_CONDITION,
     "a.b.c[1][0].#d = :v",
     "OK: a.b.c[1][0].#d = :v"},
    {SST_EMU_EXPR_CONDITION,
     "a [ 1 ] . b = :v",
     "OK: a[1].b = :v"},
    {SST_EMU_EXPR_CONDITION,
     "a[2147483647] = :v",
     "OK: a[2147483647] = :v"},
    {SST_EMU_EXPR_CONDITION,
     "#a1_ = :b_2",
     "OK: #a1_ = :b_2"},
    {SST_EMU_EXPR_CONDITION,
     "#1 = :_",
     "OK: #1 = :_"},
    {SST_EMU_EXPR_CONDITION,
     "Abc_9 = :v",
     "OK: Abc_9 = :v"},
    {SST_EMU_EXPR_CONDITION,
     ":v = a",
     "OK: :v = a"},
    {SST_EMU_EXPR_CONDITION,
     ":v = :w",
     "OK: :v = :w"},
    {SST_EMU_EXPR_CONDITION,
     "a = b",
     "OK: a = b"},
    {SST_EMU_EXPR_CONDITION,
     "#n = a",
     "OK: #n = a"},
    {SST_EMU_EXPR_FILTER,
     "status_x = :s AND size(tags) > :n",
     "OK: status_x = :s AND size(tags) > :n"},
    {SST_EMU_EXPR_CONDITION,
     "((a = :v) AND (b = :v))",
     "OK: a = :v AND b = :v"},
    {SST_EMU_EXPR_KEY_CONDITION,
     "pk = :p",
     "OK: pk = :p"},
    {SST_EMU_EXPR_KEY_CONDITION,
     "pk = :p AND sk BETWEEN :a AND :b",
     "OK: pk = :p AND sk BETWEEN :a AND :b"},
    {SST_EMU_EXPR_KEY_CONDITION,
     "pk = :p AND begins_with(sk, :s)",
     "OK: pk = :p AND begins_with(sk, :s)"},
    {SST_EMU_EXPR_KEY_CONDITION,
     "(pk = :p) AND (sk < :s)",
     "OK: pk = :p AND sk < :s"},
    {SST_EMU_EXPR_KEY_CONDITION,
     ":s <= sk AND pk = :p",
     "OK: :s <= sk AND pk = :p"},
    {SST_EMU_EXPR_UPDATE,
     "SET a = :v",
     "OK: SET a = :v"},
    {SST_EMU_EXPR_UPDATE,
     "set a=:v,b=:w",
     "OK: SET a = :v, b = :w"},
    {SST_EMU_EXPR_UPDATE,
     "SET a = b + :n, c = :n - d",
     "OK: SET a = b + :n, c = :n - d"},
    {SST_EMU_EXPR_UPDATE,
     "SET a = (b + :n)",
     "OK: SET a = b + :n"},
    {SST_EMU_EXPR_UPDATE,
     "SET a = (b) + (:n)",
     "OK: SET a = b + :n"},
    {SST_EMU_EXPR_UPDATE,
     "SET a = if_not_exists(a, :z) + :n",
     "OK: SET a = if_not_exists(a, :z) + :n"},
    {SST_EMU_EXPR_UPDATE,
     "SET l = list_append(if_not_exists(l, :e), :x)",
     "OK: SET l = list_append(if_not_exists(l, :e), :x)"},
    {SST_EMU_EXPR_UPDATE,
     "SET a.b[3].#c = :v",
     "OK: SET a.b[3].#c = :v"},
    {SST_EMU_EXPR_UPDATE,
     "REMOVE a, b.c[1]",
     "OK: REMOVE a, b.c[1]"},
    {SST_EMU_EXPR_UPDATE,
     "ADD n :n, s :s",
     "OK: ADD n :n, s :s"},
    {SST_EMU_EXPR_UPDATE,
     "DELETE s :s",
     "OK: DELETE s :s"},
    {SST_EMU_EXPR_UPDATE,
     "remove x SET a = :v add n :n delete s :s",
     "OK: REMOVE x SET a = :v ADD n :n DELETE s :s"},
    {SST_EMU_EXPR_UPDATE,
     "DELETE s :s ADD n :n REMOVE r SET a = :v",
     "OK: DELETE s :s ADD n :n REMOVE r SET a = :v"},
    {SST_EMU_EXPR_PROJECTION,
     "a",
     "OK: a"},
    {SST_EMU_EXPR_PROJECTION,
     "a,b.c , d[0], #n.e[12]",
     "OK: a, b.c, d[0], #n.e[12]"},
};
/* clang-format on */

static void
recorded_rows(void)
{
    check_rows(rows, N(rows), "row");
}

/* ------------------------------------------------------------------ */
/* tree shapes                                                         */

static void
path_elements(void)
{
    static const char expr[] = " a.#b[12] . :c[0].d = :v";
    struct sst_emu_arena a;
    struct sst_emu_ast *ast;
    const struct sst_emu_expr_path *p;
    struct sst_err err;

    sst_emu_arena_init(&a);
    CU_ASSERT_EQUAL_FATAL(sst_emu_expr_parse_syntax(&a, expr, strlen(expr),
                                                    SST_EMU_EXPR_CONDITION,
                                                    &ast, &err),
                          SST_OK);
    CU_ASSERT(ast->type == SST_EMU_AST_OP && ast->op == SST_EMU_EXPR_OP_EQ);
    CU_ASSERT_EQUAL(ast->nkids, 2);
    CU_ASSERT(ast->off == 1 && ast->len == strlen(expr) - 1);
    CU_ASSERT_EQUAL_FATAL(ast->kids[0]->type, SST_EMU_AST_PATH);
    p = &ast->kids[0]->u.path;
    CU_ASSERT_EQUAL_FATAL(p->n, 6);
    CU_ASSERT(p->off == 1 && p->len == 18);
    CU_ASSERT(p->elems[0].type == SST_EMU_ELEM_NAME && p->elems[0].off == 1 &&
              p->elems[0].len == 1 && p->elems[0].name[0] == 'a');
    CU_ASSERT(p->elems[1].type == SST_EMU_ELEM_NAME_REF &&
              p->elems[1].off == 3 && p->elems[1].len == 2 &&
              memcmp(p->elems[1].name, "#b", 2) == 0);
    CU_ASSERT(p->elems[2].type == SST_EMU_ELEM_INDEX && p->elems[2].off == 5 &&
              p->elems[2].index == 12 && p->elems[2].len == 2 &&
              memcmp(p->elems[2].name, "12", 2) == 0);
    CU_ASSERT(p->elems[3].type == SST_EMU_ELEM_VALUE_REF &&
              p->elems[3].off == 12 && memcmp(p->elems[3].name, ":c", 2) == 0);
    CU_ASSERT(p->elems[4].type == SST_EMU_ELEM_INDEX && p->elems[4].index == 0);
    CU_ASSERT(p->elems[5].type == SST_EMU_ELEM_NAME &&
              memcmp(p->elems[5].name, "d", 1) == 0);
    CU_ASSERT(ast->kids[1]->type == SST_EMU_AST_VALUE &&
              ast->kids[1]->u.ref.len == 2 &&
              memcmp(ast->kids[1]->u.ref.name, ":v", 2) == 0 &&
              ast->kids[1]->off == 22);
    /* names point into the arena's copy, not into expr */
    CU_ASSERT(p->elems[0].name != expr + 1);
    sst_emu_arena_cleanup(&a);
}

static void
update_actions(void)
{
    static const char expr[] =
        "REMOVE r1, r2 SET s = if_not_exists(s, :z) + :n ADD n :n";
    struct sst_emu_arena a;
    struct sst_emu_ast *ast, *v;
    const struct sst_emu_expr_action *act;
    struct sst_err err;

    sst_emu_arena_init(&a);
    CU_ASSERT_EQUAL_FATAL(sst_emu_expr_parse(&a, expr, strlen(expr),
                                             SST_EMU_EXPR_UPDATE, &ast, &err),
                          SST_OK);
    CU_ASSERT_EQUAL_FATAL(ast->type, SST_EMU_AST_UPDATE);
    CU_ASSERT_EQUAL_FATAL(ast->u.update.n, 4);
    act = ast->u.update.actions;
    CU_ASSERT(act[0].clause == SST_EMU_CLAUSE_REMOVE && act[0].value == NULL &&
              memcmp(act[0].path.elems[0].name, "r1", 2) == 0);
    CU_ASSERT(act[1].clause == SST_EMU_CLAUSE_REMOVE &&
              memcmp(act[1].path.elems[0].name, "r2", 2) == 0);
    CU_ASSERT_EQUAL(act[2].clause, SST_EMU_CLAUSE_SET);
    v = act[2].value;
    CU_ASSERT(v->type == SST_EMU_AST_OP && v->op == SST_EMU_EXPR_OP_PLUS);
    CU_ASSERT(v->kids[0]->op == SST_EMU_EXPR_OP_IF_NOT_EXISTS &&
              v->kids[0]->nkids == 2 && v->kids[0]->u.ref.len == 13);
    CU_ASSERT(v->kids[1]->type == SST_EMU_AST_VALUE);
    CU_ASSERT(act[3].clause == SST_EMU_CLAUSE_ADD &&
              act[3].value->type == SST_EMU_AST_VALUE);
    sst_emu_arena_cleanup(&a);
}

static void
projection_paths(void)
{
    static const char expr[] = "a, #b.c[3]";
    struct sst_emu_arena a;
    struct sst_emu_ast *ast;
    struct sst_err err;

    sst_emu_arena_init(&a);
    CU_ASSERT_EQUAL_FATAL(sst_emu_expr_parse(&a, expr, strlen(expr),
                                             SST_EMU_EXPR_PROJECTION, &ast,
                                             &err),
                          SST_OK);
    CU_ASSERT_EQUAL_FATAL(ast->type, SST_EMU_AST_PROJECTION);
    CU_ASSERT_EQUAL_FATAL(ast->u.projection.n, 2);
    CU_ASSERT_EQUAL(ast->u.projection.paths[0].n, 1);
    CU_ASSERT_EQUAL(ast->u.projection.paths[1].n, 3);
    CU_ASSERT_EQUAL(ast->u.projection.paths[1].elems[2].index, 3);
    sst_emu_arena_cleanup(&a);
}

static void
precedence_shape(void)
{
    static const char expr[] = "NOT a = :v OR b = :v AND c = :v";
    struct sst_emu_arena a;
    struct sst_emu_ast *ast;
    struct sst_err err;

    sst_emu_arena_init(&a);
    CU_ASSERT_EQUAL_FATAL(sst_emu_expr_parse(&a, expr, strlen(expr),
                                             SST_EMU_EXPR_CONDITION, &ast,
                                             &err),
                          SST_OK);
    /* OR(NOT(a = :v), AND(b = :v, c = :v)) */
    CU_ASSERT_EQUAL_FATAL(ast->op, SST_EMU_EXPR_OP_OR);
    CU_ASSERT_EQUAL(ast->kids[0]->op, SST_EMU_EXPR_OP_NOT);
    CU_ASSERT_EQUAL(ast->kids[0]->kids[0]->op, SST_EMU_EXPR_OP_EQ);
    CU_ASSERT_EQUAL(ast->kids[1]->op, SST_EMU_EXPR_OP_AND);
    CU_ASSERT_EQUAL(ast->kids[1]->kids[1]->op, SST_EMU_EXPR_OP_EQ);
    sst_emu_arena_cleanup(&a);
}

/* Trees that differ print differently and compare unequal. */
static void
equality(void)
{
    static const char *const exprs[] = {
        "a = :v",
        "a = :w",
        "a <> :v",
        "b = :v",
        "a.b = :v",
        "a[1] = :v",
        "a[2] = :v",
        "#a = :v",
        "a = b",
        ":v = a",
        "a IN (:v)",
        "a IN (:v, :w)",
        "size(a) = :v",
        "NOT a = :v",
        "a = :v AND b = :v",
        "a = :v OR b = :v",
        "b = :v AND a = :v",
        "a = :v AND (b = :v AND c = :v)",
        "a = :v AND b = :v AND c = :v",
    };
    struct sst_emu_arena a;
    struct sst_emu_ast *t[N(exprs)];
    struct sst_err err;
    size_t i, j;

    sst_emu_arena_init(&a);
    for (i = 0; i < N(exprs); i++)
        CU_ASSERT_EQUAL_FATAL(sst_emu_expr_parse(&a, exprs[i], strlen(exprs[i]),
                                                 SST_EMU_EXPR_CONDITION, &t[i],
                                                 &err),
                              SST_OK);
    for (i = 0; i < N(exprs); i++)
        for (j = 0; j < N(exprs); j++)
            CU_ASSERT_EQUAL(sst_emu_ast_equal(t[i], t[j]), i == j);
    CU_ASSERT_TRUE(sst_emu_ast_equal(NULL, NULL));
    CU_ASSERT_FALSE(sst_emu_ast_equal(t[0], NULL));
    sst_emu_arena_cleanup(&a);
}

static void
print_truncates(void)
{
    static const char expr[] = "a=:v";
    struct sst_emu_arena a;
    struct sst_emu_ast *ast;
    struct sst_err err;
    char buf[8];

    sst_emu_arena_init(&a);
    CU_ASSERT_EQUAL_FATAL(
        sst_emu_expr_parse(&a, expr, 4, SST_EMU_EXPR_CONDITION, &ast, &err),
        SST_OK);
    CU_ASSERT_EQUAL(sst_emu_ast_print(ast, buf, 4), 6);
    SST_ASSERT_STR_EQ(buf, "a =");
    CU_ASSERT_EQUAL(sst_emu_ast_print(ast, NULL, 0), 6);
    CU_ASSERT_EQUAL(sst_emu_ast_print(ast, buf, sizeof buf), 6);
    SST_ASSERT_STR_EQ(buf, "a = :v");
    sst_emu_arena_cleanup(&a);
}

static const struct sst_test tree_tests[] = {
    {"recorded from DynamoDB Local", recorded_rows},
    {"path elements", path_elements},
    {"update actions", update_actions},
    {"projection paths", projection_paths},
    {"precedence", precedence_shape},
    {"equality", equality},
    {"print truncates", print_truncates},
    {NULL, NULL},
};

static const struct sst_suite suites[] = {
    {"trees", NULL, NULL, tree_tests},
    {NULL, NULL, NULL, NULL},
};

int
main(int argc, char **argv)
{
    return sst_test_main(argc, argv, "test_parse", suites);
}
