/*
 * tests/unit/test_parse_limits.c - the expression parser
 * (emu/expr/parse.c) at its limits: expression size, operator count, IN
 * operands, path depth, nesting depth, and every reserved word, each
 * with DynamoDB Local's message (2026-01-16) or, where DynamoDB Local
 * fails, sst's own.
 */
#include "emu/expr/reserved.h"
#include "parse_util.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Parse s of kind; return rc and copy the message to msg. */
static enum sst_code
parse_msg(enum sst_emu_expr_kind kind, const char *s, size_t len, char *msg,
          size_t cap)
{
    struct sst_emu_arena a;
    struct sst_emu_ast *ast;
    struct sst_err err;
    enum sst_code rc;

    sst_emu_arena_init(&a);
    memset(&err, 0, sizeof err);
    rc = sst_emu_expr_parse(&a, s, len, kind, &ast, &err);
    snprintf(msg, cap, "%s", rc == SST_OK ? "" : err.message);
    sst_emu_arena_cleanup(&a);
    return rc;
}

/* ------------------------------------------------------------------ */
/* limits                                                              */

/* 4096 UTF-16 units pass, 4097 fail; the condition kinds name the size,
 * update and projection do not (both as DynamoDB Local answers). */
static void
expression_length(void)
{
    char msg[SST_ERR_MESSAGE_MAX];
    char *s;

    s = repeat("a = :v", " ", 4090, "");
    CU_ASSERT_EQUAL(parse_msg(SST_EMU_EXPR_CONDITION, s, 4096, msg, sizeof msg),
                    SST_OK);
    free(s);
    s = repeat("a = :v", " ", 4091, "");
    CU_ASSERT_EQUAL(parse_msg(SST_EMU_EXPR_CONDITION, s, 4097, msg, sizeof msg),
                    SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(msg, "Invalid ConditionExpression: Expression size "
                           "has exceeded the maximum allowed size; "
                           "expression size: 4097");
    CU_ASSERT_EQUAL(parse_msg(SST_EMU_EXPR_FILTER, s, 4097, msg, sizeof msg),
                    SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(msg, "Invalid FilterExpression: Expression size "
                           "has exceeded the maximum allowed size; "
                           "expression size: 4097");
    CU_ASSERT_EQUAL(
        parse_msg(SST_EMU_EXPR_KEY_CONDITION, s, 4097, msg, sizeof msg),
        SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(msg, "Invalid KeyConditionExpression: Expression size "
                           "has exceeded the maximum allowed size; "
                           "expression size: 4097");
    free(s);
    s = repeat("SET a = :v", " ", 4087, "");
    CU_ASSERT_EQUAL(parse_msg(SST_EMU_EXPR_UPDATE, s, 4097, msg, sizeof msg),
                    SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(msg, "Invalid UpdateExpression: Expression size has "
                           "exceeded the maximum allowed size;");
    free(s);
    s = repeat("a", " ", 4096, "");
    CU_ASSERT_EQUAL(
        parse_msg(SST_EMU_EXPR_PROJECTION, s, 4097, msg, sizeof msg),
        SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(msg, "Invalid ProjectionExpression: Expression size "
                           "has exceeded the maximum allowed size;");
    free(s);
    /* e-acute: 2 bytes, 1 unit. 4096 units pass the size check and fail
     * as a syntax error, as in DynamoDB Local. */
    s = repeat("a = :v ", "\xc3\xa9", 4089, "");
    CU_ASSERT_EQUAL(
        parse_msg(SST_EMU_EXPR_CONDITION, s, strlen(s), msg, sizeof msg),
        SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(msg,
                      "Invalid ConditionExpression: Syntax error; "
                      "token: \"\xc3\xa9\", near: \":v \xc3\xa9\xc3\xa9\"");
    free(s);
    s = repeat("a = :v ", "\xc3\xa9", 4090, "");
    CU_ASSERT_EQUAL(
        parse_msg(SST_EMU_EXPR_CONDITION, s, strlen(s), msg, sizeof msg),
        SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(msg, "Invalid ConditionExpression: Expression size "
                           "has exceeded the maximum allowed size; "
                           "expression size: 4097");
    free(s);
    /* an emoji counts 2 units: 2044 of them plus 8 ASCII = 4096 */
    s = repeat("a = :v ", "\xf0\x9f\x98\x80", 2044, "x");
    CU_ASSERT_EQUAL(
        parse_msg(SST_EMU_EXPR_CONDITION, s, strlen(s), msg, sizeof msg),
        SST_E_VALIDATION);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, "Syntax error"));
    free(s);
    s = repeat("a = :v ", "\xf0\x9f\x98\x80", 2045, "");
    CU_ASSERT_EQUAL(
        parse_msg(SST_EMU_EXPR_CONDITION, s, strlen(s), msg, sizeof msg),
        SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(msg, "Invalid ConditionExpression: Expression size "
                           "has exceeded the maximum allowed size; "
                           "expression size: 4097");
    free(s);
}

/* 300 operators pass, 301 fail (DynamoDB counts per expression). */
static void
operator_count(void)
{
    char msg[SST_ERR_MESSAGE_MAX];
    char *s;

    s = repeat("", "NOT ", 299, "a = :v");
    CU_ASSERT_EQUAL(
        parse_msg(SST_EMU_EXPR_CONDITION, s, strlen(s), msg, sizeof msg),
        SST_OK);
    free(s);
    s = repeat("", "NOT ", 300, "a = :v");
    CU_ASSERT_EQUAL(
        parse_msg(SST_EMU_EXPR_CONDITION, s, strlen(s), msg, sizeof msg),
        SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(msg, "Invalid ConditionExpression: The expression "
                           "contains too many operators; operator count: 301");
    free(s);
    s = repeat("a = :v", " AND a = :v", 150, "");
    CU_ASSERT_EQUAL(
        parse_msg(SST_EMU_EXPR_CONDITION, s, strlen(s), msg, sizeof msg),
        SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(msg, "Invalid ConditionExpression: The expression "
                           "contains too many operators; operator count: 301");
    free(s);
    s = repeat("a = :v", " AND a = :v", 149, "");
    CU_ASSERT_EQUAL(
        parse_msg(SST_EMU_EXPR_CONDITION, s, strlen(s), msg, sizeof msg),
        SST_OK);
    free(s);
    /* 300 SET actions without operators are fine */
    s = repeat("SET a0=:v", ",a0=:v", 300, "");
    CU_ASSERT_EQUAL(
        parse_msg(SST_EMU_EXPR_UPDATE, s, strlen(s), msg, sizeof msg), SST_OK);
    free(s);
    s = repeat("SET a0=:v+:v", ",a0=:v+:v", 300, "");
    CU_ASSERT_EQUAL(
        parse_msg(SST_EMU_EXPR_UPDATE, s, strlen(s), msg, sizeof msg),
        SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(msg, "Invalid UpdateExpression: The expression "
                           "contains too many operators; operator count: 301");
    free(s);
}

static void
in_operands(void)
{
    char msg[SST_ERR_MESSAGE_MAX];
    char *s;

    s = repeat("a IN (:v", ",:v", 99, ")");
    CU_ASSERT_EQUAL(
        parse_msg(SST_EMU_EXPR_CONDITION, s, strlen(s), msg, sizeof msg),
        SST_OK);
    free(s);
    s = repeat("a IN (:v", ",:v", 100, ")");
    CU_ASSERT_EQUAL(
        parse_msg(SST_EMU_EXPR_CONDITION, s, strlen(s), msg, sizeof msg),
        SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(msg, "Invalid ConditionExpression: The IN operator is "
                           "provided with too many operands; number of "
                           "operands: 101");
    free(s);
    s = repeat("size(a) IN (b", ",b", 100, ")");
    CU_ASSERT_EQUAL(
        parse_msg(SST_EMU_EXPR_CONDITION, s, strlen(s), msg, sizeof msg),
        SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(msg, "Invalid ConditionExpression: The IN operator is "
                           "provided with too many operands; number of "
                           "operands: 101");
    free(s);
}

static void
path_depth(void)
{
    char msg[SST_ERR_MESSAGE_MAX];
    char *s;

    s = repeat("a", ".a", 31, " = :v");
    CU_ASSERT_EQUAL(
        parse_msg(SST_EMU_EXPR_CONDITION, s, strlen(s), msg, sizeof msg),
        SST_OK);
    free(s);
    s = repeat("a", ".a", 32, " = :v");
    CU_ASSERT_EQUAL(
        parse_msg(SST_EMU_EXPR_CONDITION, s, strlen(s), msg, sizeof msg),
        SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(msg, "Invalid ConditionExpression: The document path "
                           "has too many nesting levels; nesting levels: 33");
    free(s);
    s = repeat("a", "[0]", 32, " = :v");
    CU_ASSERT_EQUAL(
        parse_msg(SST_EMU_EXPR_CONDITION, s, strlen(s), msg, sizeof msg),
        SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(msg, "Invalid ConditionExpression: The document path "
                           "has too many nesting levels; nesting levels: 33");
    free(s);
    s = repeat("SET a", ".a", 32, " = :v");
    CU_ASSERT_EQUAL(
        parse_msg(SST_EMU_EXPR_UPDATE, s, strlen(s), msg, sizeof msg),
        SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(msg, "Invalid UpdateExpression: The document path has "
                           "too many nesting levels; nesting levels: 33");
    free(s);
    s = repeat("x, a", ".a", 32, "");
    CU_ASSERT_EQUAL(
        parse_msg(SST_EMU_EXPR_PROJECTION, s, strlen(s), msg, sizeof msg),
        SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(msg, "Invalid ProjectionExpression: The document path "
                           "has too many nesting levels; nesting levels: 33");
    free(s);
}

/* Deep nesting stops at SST_EMU_MAX_DEPTH with a validation error (sst's
 * own message: DynamoDB Local overflows its stack, HTTP 500, from about
 * 2000 levels), while the deepest nesting DynamoDB accepts still parses. */
static void
nesting_depth(void)
{
    char msg[SST_ERR_MESSAGE_MAX], want[256];
    char *s;

    snprintf(want, sizeof want,
             "Invalid ConditionExpression: The expression is nested too "
             "deeply; maximum nesting depth: %d",
             SST_EMU_MAX_DEPTH);
    s = repeat("", "(", 3000, "a = :v");
    CU_ASSERT_EQUAL(
        parse_msg(SST_EMU_EXPR_CONDITION, s, strlen(s), msg, sizeof msg),
        SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(msg, want);
    free(s);
    s = repeat("", "NOT ", 1001, "a = :v");
    CU_ASSERT_EQUAL(
        parse_msg(SST_EMU_EXPR_CONDITION, s, strlen(s), msg, sizeof msg),
        SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(msg, want);
    free(s);
    s = repeat("a = ", "(", 1100, ":v");
    CU_ASSERT_EQUAL(
        parse_msg(SST_EMU_EXPR_CONDITION, s, strlen(s), msg, sizeof msg),
        SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(msg, want);
    free(s);
    s = repeat("SET a = ", "(", 2000, "b");
    CU_ASSERT_EQUAL(
        parse_msg(SST_EMU_EXPR_UPDATE, s, strlen(s), msg, sizeof msg),
        SST_E_VALIDATION);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, "nested too deeply"));
    free(s);
    /* 299 NOTs, each in its own parentheses: 598 levels, 300 operators,
     * accepted by DynamoDB */
    s = repeat("", "(NOT ", 299, "a = :v");
    {
        size_t n = strlen(s), i;
        char *t = realloc(s, n + 300);
        CU_ASSERT_PTR_NOT_NULL_FATAL(t);
        s = t;
        for (i = 0; i < 299; i++)
            s[n + i] = ')';
        s[n + 299] = '\0';
    }
    CU_ASSERT_EQUAL(
        parse_msg(SST_EMU_EXPR_CONDITION, s, strlen(s), msg, sizeof msg),
        SST_OK);
    SST_ASSERT_STR_EQ(msg, "");
    free(s);
}

/* Every reserved word is refused as a bare name, in any case, wherever a
 * name stands; as #placeholder it is fine. Words that are keywords of
 * the grammar fail as syntax errors instead. */
static void
every_reserved_word(void)
{
    static const char *const keywords[] = {"ADD", "AND", "BETWEEN", "DELETE",
                                           "IN",  "NOT", "OR",      "SET"};
    char expr[64], want[160], msg[SST_ERR_MESSAGE_MAX], low[32], mixed[32];
    const char *w;
    size_t i, j, k, n;
    bool kw;

    for (i = 0; i < SST_EMU_RESERVED_COUNT; i++) {
        w = sst_emu_reserved_word(i);
        n = strlen(w);
        for (j = 0; j <= n; j++) {
            low[j] = (char)(w[j] >= 'A' && w[j] <= 'Z' ? w[j] + 32 : w[j]);
            mixed[j] = j % 2 ? low[j] : w[j];
        }
        for (kw = false, k = 0; k < N(keywords); k++)
            kw |= strcmp(w, keywords[k]) == 0;
        snprintf(expr, sizeof expr, "x.%s = :v", low);
        if (kw)
            snprintf(want, sizeof want,
                     "Invalid ConditionExpression: Syntax error; token: "
                     "\"%s\", near: \".%s =\"",
                     low, low);
        else
            snprintf(want, sizeof want,
                     "Invalid ConditionExpression: Attribute name is a "
                     "reserved keyword; reserved keyword: %s",
                     low);
        CU_ASSERT_EQUAL(parse_msg(SST_EMU_EXPR_CONDITION, expr, strlen(expr),
                                  msg, sizeof msg),
                        SST_E_VALIDATION);
        SST_ASSERT_STR_EQ(msg, want);
        if (kw)
            continue;
        snprintf(expr, sizeof expr, "REMOVE a, %s", mixed);
        snprintf(want, sizeof want,
                 "Invalid UpdateExpression: Attribute name is a reserved "
                 "keyword; reserved keyword: %s",
                 mixed);
        CU_ASSERT_EQUAL(
            parse_msg(SST_EMU_EXPR_UPDATE, expr, strlen(expr), msg, sizeof msg),
            SST_E_VALIDATION);
        SST_ASSERT_STR_EQ(msg, want);
        snprintf(expr, sizeof expr, "#%s, a.#%s", w, low);
        CU_ASSERT_EQUAL(parse_msg(SST_EMU_EXPR_PROJECTION, expr, strlen(expr),
                                  msg, sizeof msg),
                        SST_OK);
    }
}

static const struct sst_test limit_tests[] = {
    {"expression length", expression_length},
    {"operator count", operator_count},
    {"IN operands", in_operands},
    {"path depth", path_depth},
    {"nesting depth", nesting_depth},
    {"every reserved word", every_reserved_word},
    {NULL, NULL},
};

static const struct sst_suite suites[] = {
    {"limits", NULL, NULL, limit_tests},
    {NULL, NULL, NULL, NULL},
};

int
main(int argc, char **argv)
{
    return sst_test_main(argc, argv, "test_parse_limits", suites);
}
