/*
 * tests/unit/test_core_exprb.c - the expression builder: exact expression
 * strings, ExpressionAttributeNames and -Values for every operator, and
 * every generated expression accepted by the emulator's DynamoDB parser
 * (emu/expr/parse.h) as the kind it is meant for.
 */
#include <stdio.h>
#include <string.h>

#include <sst/exprb.h>
#include <sst/mem.h>

#include <json-c/json.h>

#include "emu/expr/parse.h"

#include "harness.h"

typedef struct sst_exprb_node *(*build_fn)(struct sst_exprb *b);

#define P(s) sst_exprb_path(b, s)
#define S(s) sst_exprb_str(b, s)
#define N(s) sst_exprb_num(b, s)

static struct sst_exprb_node *
key_eq(struct sst_exprb *b)
{
    return sst_exprb_eq(b, P("pk"), S("Thing#01ARYZ6S41"));
}

static struct sst_exprb_node *
key_begins(struct sst_exprb *b)
{
    return sst_exprb_and(b, sst_exprb_eq(b, P("pk"), S("Doc#1")),
                         sst_exprb_begins_with(b, P("sk"), S("v")));
}

static struct sst_exprb_node *
key_between(struct sst_exprb *b)
{
    return sst_exprb_and(
        b, sst_exprb_eq(b, P("gsi1pk"), S("_INTERNAL#AuditLog#T#1")),
        sst_exprb_between(b, P("pk"), S("_INTERNAL#AuditLog#01M8801200"),
                          S("_INTERNAL#AuditLog#01M89YGR52ZZZZZ")));
}

static struct sst_exprb_node *
key_ranges(struct sst_exprb *b)
{
    return sst_exprb_and(b, sst_exprb_eq(b, P("gsitype"), S("Task")),
                         sst_exprb_ge(b, P("gsitypesk"),
                                      S("2026-11-25T00:00:00+00:00")));
}

static struct sst_exprb_node *
key_lt(struct sst_exprb *b)
{
    return sst_exprb_and(b, sst_exprb_eq(b, P("pk"), S("a")),
                         sst_exprb_lt(b, P("sk"), S("b")));
}

static struct sst_exprb_node *
key_le_gt(struct sst_exprb *b)
{
    return sst_exprb_and(b, sst_exprb_le(b, P("sk"), S("z")),
                         sst_exprb_eq(b, P("pk"), S("a")));
}

static struct sst_exprb_node *
key_gt(struct sst_exprb *b)
{
    return sst_exprb_and(b, sst_exprb_eq(b, P("pk"), S("a")),
                         sst_exprb_gt(b, P("sk"), S("b")));
}

static struct sst_exprb_node *
f_reserved(struct sst_exprb *b)
{
    /* size, data, status, name: reserved words, safe as placeholders */
    return sst_exprb_and(
        b,
        sst_exprb_and(b, sst_exprb_eq(b, P("status"), S("open")),
                      sst_exprb_gt(b, P("size"), N("10"))),
        sst_exprb_and(b, sst_exprb_ne(b, P("data"), sst_exprb_null(b)),
                      sst_exprb_eq(b, P("name"), S("caf\xc3\xa9"))));
}

static struct sst_exprb_node *
f_or_in_and(struct sst_exprb *b)
{
    return sst_exprb_and(b,
                         sst_exprb_or(b, sst_exprb_eq(b, P("a"), N("1")),
                                      sst_exprb_eq(b, P("a"), N("2"))),
                         sst_exprb_exists(b, P("b")));
}

static struct sst_exprb_node *
f_and_in_or(struct sst_exprb *b)
{
    return sst_exprb_or(
        b, sst_exprb_and(b, sst_exprb_eq(b, P("a"), N("1")),
                         sst_exprb_eq(b, P("b"), N("2"))),
        sst_exprb_or(b, sst_exprb_not_exists(b, P("c")),
                     sst_exprb_eq(b, P("d"), sst_exprb_bool(b, true))));
}

static struct sst_exprb_node *
f_not(struct sst_exprb *b)
{
    return sst_exprb_and(
        b, sst_exprb_not(b, sst_exprb_contains(b, P("tags"), S("x"))),
        sst_exprb_not(b, sst_exprb_or(b, sst_exprb_lt(b, P("n"), N("0")),
                                      sst_exprb_not(b, sst_exprb_eq(
                                                           b, P("m"),
                                                           N("1.50"))))));
}

static struct sst_exprb_node *
f_in(struct sst_exprb *b)
{
    struct sst_exprb_node *list[3] = {S("open"), S("closed"), S("stale")};
    return sst_exprb_in(b, P("status"), list, 3);
}

static struct sst_exprb_node *
f_size_nested(struct sst_exprb *b)
{
    return sst_exprb_and(
        b, sst_exprb_ge(b, sst_exprb_size(b, P("data.items[2].tags")),
                        sst_exprb_int(b, -3)),
        sst_exprb_type(b, P("meta.kind"), "SS"));
}

static struct sst_exprb_node *
f_values(struct sst_exprb *b)
{
    json_object *ss = json_tokener_parse("{\"SS\": [\"a\", \"b\"]}");
    struct sst_exprb_node *n = sst_exprb_and(
        b,
        sst_exprb_and(
            b, sst_exprb_eq(b, P("bin"), sst_exprb_bin(b, "\x00\xff", 2)),
            sst_exprb_eq(b, P("set"), sst_exprb_av(b, ss))),
        sst_exprb_between(b, P("x.y"), N("-1E+5"),
                          N("12345678901234567890123456789012345678")));
    json_object_put(ss);
    return n;
}

static struct sst_exprb_node *
f_repeat_names(struct sst_exprb *b)
{
    /* a name used again reuses its placeholder; values never do */
    return sst_exprb_and(b, sst_exprb_ge(b, P("a.b"), N("1")),
                         sst_exprb_le(b, P("b.a"), N("1")));
}

static struct sst_exprb_node *
f_literal_name(struct sst_exprb *b)
{
    return sst_exprb_eq(b, sst_exprb_name(b, "odd.name[0]"),
                        sst_exprb_path(b, "other"));
}

static struct sst_exprb_node *
f_contains_path(struct sst_exprb *b)
{
    return sst_exprb_contains(b, P("list[0][1]"), P("needle"));
}

struct row {
    const char *name;
    build_fn build;
    enum sst_emu_expr_kind kind;
    const char *expr;
    const char *names;
    const char *values;
};

static const struct row rows[] = {
    {"key: partition only", key_eq, SST_EMU_EXPR_KEY_CONDITION, "#n0 = :v0",
     "{\"#n0\":\"pk\"}", "{\":v0\":{\"S\":\"Thing#01ARYZ6S41\"}}"},
    {"key: begins_with", key_begins, SST_EMU_EXPR_KEY_CONDITION,
     "#n0 = :v0 AND begins_with(#n1, :v1)", "{\"#n0\":\"pk\",\"#n1\":\"sk\"}",
     "{\":v0\":{\"S\":\"Doc#1\"},\":v1\":{\"S\":\"v\"}}"},
    {"key: between", key_between, SST_EMU_EXPR_KEY_CONDITION,
     "#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2",
     "{\"#n0\":\"gsi1pk\",\"#n1\":\"pk\"}",
     "{\":v0\":{\"S\":\"_INTERNAL#AuditLog#T#1\"},\":v1\":{\"S\":\"_INTERNAL#"
     "AuditLog#01M8801200\"},\":v2\":{\"S\":\"_INTERNAL#AuditLog#01M89YGR52Z"
     "ZZZZ\"}}"},
    {"key: >=", key_ranges, SST_EMU_EXPR_KEY_CONDITION,
     "#n0 = :v0 AND #n1 >= :v1", "{\"#n0\":\"gsitype\",\"#n1\":\"gsitypesk\"}",
     "{\":v0\":{\"S\":\"Task\"},\":v1\":{\"S\":\"2026-11-25T00:00:00+00:00\"}"
     "}"},
    {"key: <", key_lt, SST_EMU_EXPR_KEY_CONDITION, "#n0 = :v0 AND #n1 < :v1",
     "{\"#n0\":\"pk\",\"#n1\":\"sk\"}",
     "{\":v0\":{\"S\":\"a\"},\":v1\":{\"S\":\"b\"}}"},
    {"key: <= first", key_le_gt, SST_EMU_EXPR_KEY_CONDITION,
     "#n0 <= :v0 AND #n1 = :v1", "{\"#n0\":\"sk\",\"#n1\":\"pk\"}",
     "{\":v0\":{\"S\":\"z\"},\":v1\":{\"S\":\"a\"}}"},
    {"key: >", key_gt, SST_EMU_EXPR_KEY_CONDITION, "#n0 = :v0 AND #n1 > :v1",
     "{\"#n0\":\"pk\",\"#n1\":\"sk\"}",
     "{\":v0\":{\"S\":\"a\"},\":v1\":{\"S\":\"b\"}}"},
    {"filter: reserved words", f_reserved, SST_EMU_EXPR_FILTER,
     "#n0 = :v0 AND #n1 > :v1 AND #n2 <> :v2 AND #n3 = :v3",
     "{\"#n0\":\"status\",\"#n1\":\"size\",\"#n2\":\"data\",\"#n3\":\"name\"}",
     "{\":v0\":{\"S\":\"open\"},\":v1\":{\"N\":\"10\"},\":v2\":{\"NULL\":true},"
     "\":v3\":{\"S\":\"caf\\u00e9\"}}"},
    {"filter: OR inside AND", f_or_in_and, SST_EMU_EXPR_FILTER,
     "(#n0 = :v0 OR #n0 = :v1) AND attribute_exists(#n1)",
     "{\"#n0\":\"a\",\"#n1\":\"b\"}",
     "{\":v0\":{\"N\":\"1\"},\":v1\":{\"N\":\"2\"}}"},
    {"filter: AND inside OR", f_and_in_or, SST_EMU_EXPR_FILTER,
     "(#n0 = :v0 AND #n1 = :v1) OR attribute_not_exists(#n2) OR #n3 = :v2",
     "{\"#n0\":\"a\",\"#n1\":\"b\",\"#n2\":\"c\",\"#n3\":\"d\"}",
     "{\":v0\":{\"N\":\"1\"},\":v1\":{\"N\":\"2\"},\":v2\":{\"BOOL\":true}}"},
    {"filter: NOT", f_not, SST_EMU_EXPR_CONDITION,
     "NOT contains(#n0, :v0) AND NOT (#n1 < :v1 OR NOT (#n2 = :v2))",
     "{\"#n0\":\"tags\",\"#n1\":\"n\",\"#n2\":\"m\"}",
     "{\":v0\":{\"S\":\"x\"},\":v1\":{\"N\":\"0\"},\":v2\":{\"N\":\"1.50\"}}"},
    {"filter: IN", f_in, SST_EMU_EXPR_FILTER, "#n0 IN (:v0, :v1, :v2)",
     "{\"#n0\":\"status\"}",
     "{\":v0\":{\"S\":\"open\"},\":v1\":{\"S\":\"closed\"},\":v2\":{\"S\":"
     "\"stale\"}}"},
    {"filter: size of a nested path, attribute_type", f_size_nested,
     SST_EMU_EXPR_FILTER,
     "size(#n0.#n1[2].#n2) >= :v0 AND attribute_type(#n3.#n4, :v1)",
     "{\"#n0\":\"data\",\"#n1\":\"items\",\"#n2\":\"tags\",\"#n3\":\"meta\","
     "\"#n4\":\"kind\"}",
     "{\":v0\":{\"N\":\"-3\"},\":v1\":{\"S\":\"SS\"}}"},
    {"filter: binary, sets, exact numbers", f_values, SST_EMU_EXPR_FILTER,
     "#n0 = :v0 AND #n1 = :v1 AND #n2.#n3 BETWEEN :v2 AND :v3",
     "{\"#n0\":\"bin\",\"#n1\":\"set\",\"#n2\":\"x\",\"#n3\":\"y\"}",
     "{\":v0\":{\"B\":\"AP8=\"},\":v1\":{\"SS\":[\"a\",\"b\"]},\":v2\":{\"N\":"
     "\"-1E+5\"},\":v3\":{\"N\":\"12345678901234567890123456789012345678\"}}"},
    {"filter: names reused, values not", f_repeat_names, SST_EMU_EXPR_FILTER,
     "#n0.#n1 >= :v0 AND #n1.#n0 <= :v1", "{\"#n0\":\"a\",\"#n1\":\"b\"}",
     "{\":v0\":{\"N\":\"1\"},\":v1\":{\"N\":\"1\"}}"},
    {"filter: literal name, path operand", f_literal_name, SST_EMU_EXPR_FILTER,
     "#n0 = #n1", "{\"#n0\":\"odd.name[0]\",\"#n1\":\"other\"}", NULL},
    {"filter: contains with a path operand", f_contains_path,
     SST_EMU_EXPR_FILTER, "contains(#n0[0][1], #n1)",
     "{\"#n0\":\"list\",\"#n1\":\"needle\"}", NULL},
};

static void
assert_json(const json_object *got, const char *want, const char *row)
{
    json_object *w = want ? json_tokener_parse(want) : NULL;
    int same = (got == NULL && w == NULL) ||
               (got != NULL && w != NULL &&
                json_object_equal((json_object *)(uintptr_t)got, w));
    if (!same)
        fprintf(stderr, "\n%s: got %s\n", row,
                got ? json_object_to_json_string_ext(
                          (json_object *)(uintptr_t)got, JSON_C_TO_STRING_PLAIN)
                    : "NULL");
    CU_ASSERT(same);
    json_object_put(w);
}

static void
test_rows(void)
{
    size_t i;

    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct sst_exprb *b = sst_exprb_new();
        struct sst_exprb_node *cond = rows[i].build(b);
        struct sst_emu_arena arena;
        struct sst_err err;
        char *s = NULL;
        enum sst_code rc = sst_exprb_render(b, cond, &s, &err);

        if (rc != SST_OK)
            fprintf(stderr, "\n%s: %s\n", rows[i].name, err.message);
        CU_ASSERT_EQUAL_FATAL(rc, SST_OK);
        if (strcmp(s, rows[i].expr) != 0)
            fprintf(stderr, "\n%s\n", rows[i].name);
        SST_ASSERT_STR_EQ(s, rows[i].expr);
        assert_json(sst_exprb_names(b), rows[i].names, rows[i].name);
        assert_json(sst_exprb_values(b), rows[i].values, rows[i].name);
        /* DynamoDB's grammar accepts it as the kind it is built for */
        sst_emu_arena_init(&arena);
        rc = sst_emu_expr_parse(&arena, s, strlen(s), rows[i].kind, NULL,
                                &err);
        if (rc != SST_OK)
            fprintf(stderr, "\n%s: %s: %s\n", rows[i].name, s, err.message);
        CU_ASSERT_EQUAL(rc, SST_OK);
        sst_emu_arena_cleanup(&arena);
        sst_free(s);
        sst_exprb_free(b);
    }
}

/* One builder, two expressions: a Query's key condition and filter share
 * the names and values, numbered on. */
static void
test_shared_builder_apply(void)
{
    struct sst_exprb *b = sst_exprb_new();
    json_object *req = json_object_new_object();
    struct sst_exprb_node *key = key_begins(b);
    struct sst_exprb_node *filter = sst_exprb_gt(
        b, sst_exprb_size(b, P("data.items")), sst_exprb_int(b, 3));
    json_object *want = json_tokener_parse(
        "{\"KeyConditionExpression\": \"#n0 = :v0 AND begins_with(#n1, :v1)\","
        "\"FilterExpression\": \"size(#n2.#n3) > :v2\","
        "\"ExpressionAttributeNames\": {\"#n0\": \"pk\", \"#n1\": \"sk\","
        "  \"#n2\": \"data\", \"#n3\": \"items\"},"
        "\"ExpressionAttributeValues\": {\":v0\": {\"S\": \"Doc#1\"},"
        "  \":v1\": {\"S\": \"v\"}, \":v2\": {\"N\": \"3\"}}}");

    CU_ASSERT_EQUAL(sst_exprb_apply(b, req, "KeyConditionExpression", key,
                                    NULL),
                    SST_OK);
    CU_ASSERT_EQUAL(sst_exprb_apply(b, req, "FilterExpression", filter, NULL),
                    SST_OK);
    CU_ASSERT(json_object_equal(req, want));
    json_object_put(want);
    json_object_put(req);
    sst_exprb_free(b);
}

struct bad {
    const char *name;
    build_fn build;
    const char *message;
};

static struct sst_exprb_node *
bad_path_empty(struct sst_exprb *b)
{
    return sst_exprb_exists(b, P("a..b"));
}

static struct sst_exprb_node *
bad_path_index(struct sst_exprb *b)
{
    return sst_exprb_exists(b, P("a[x]"));
}

static struct sst_exprb_node *
bad_path_bracket(struct sst_exprb *b)
{
    return sst_exprb_exists(b, P("a]"));
}

static struct sst_exprb_node *
bad_path_lead_index(struct sst_exprb *b)
{
    return sst_exprb_exists(b, P("[1]"));
}

static struct sst_exprb_node *
bad_number(struct sst_exprb *b)
{
    return sst_exprb_eq(b, P("a"), N("1,5"));
}

static struct sst_exprb_node *
bad_precision(struct sst_exprb *b)
{
    return sst_exprb_eq(b, P("a"),
                        N("123456789012345678901234567890123456789"));
}

static struct sst_exprb_node *
bad_utf8(struct sst_exprb *b)
{
    return sst_exprb_eq(b, P("a"), S("\xc3("));
}

static struct sst_exprb_node *
bad_cmp_condition(struct sst_exprb *b)
{
    return sst_exprb_eq(b, key_eq(b), N("1"));
}

static struct sst_exprb_node *
bad_and_operand(struct sst_exprb *b)
{
    return sst_exprb_and(b, key_eq(b), P("x"));
}

static struct sst_exprb_node *
bad_begins_value(struct sst_exprb *b)
{
    return sst_exprb_begins_with(b, S("x"), S("y"));
}

static struct sst_exprb_node *
bad_size_value(struct sst_exprb *b)
{
    return sst_exprb_gt(b, sst_exprb_size(b, N("1")), N("1"));
}

static struct sst_exprb_node *
bad_type(struct sst_exprb *b)
{
    return sst_exprb_type(b, P("a"), "STRING");
}

static struct sst_exprb_node *
bad_in_empty(struct sst_exprb *b)
{
    return sst_exprb_in(b, P("a"), NULL, 0);
}

static struct sst_exprb_node *
bad_in_many(struct sst_exprb *b)
{
    struct sst_exprb_node *list[SST_EXPRB_MAX_IN + 1];
    size_t i;
    for (i = 0; i <= SST_EXPRB_MAX_IN; i++)
        list[i] = N("1");
    return sst_exprb_in(b, P("a"), list, SST_EXPRB_MAX_IN + 1);
}

static struct sst_exprb_node *
bad_av(struct sst_exprb *b)
{
    json_object *av = json_tokener_parse("{\"X\": \"1\"}");
    struct sst_exprb_node *n = sst_exprb_eq(b, P("a"), sst_exprb_av(b, av));
    json_object_put(av);
    return n;
}

static struct sst_exprb_node *
bad_first_error_wins(struct sst_exprb *b)
{
    (void)N("nan");
    return sst_exprb_eq(b, P(""), S("\xff"));
}

static struct sst_exprb_node *
bad_operand_root(struct sst_exprb *b)
{
    return P("a");
}

static const struct bad bads[] = {
    {"empty path element", bad_path_empty,
     "path has an empty element or a misplaced '[' or ']'"},
    {"non-numeric index", bad_path_index, "path has a malformed list index"},
    {"stray bracket", bad_path_bracket,
     "path has an empty element or a misplaced '[' or ']'"},
    {"leading index", bad_path_lead_index,
     "path has an empty element or a misplaced '[' or ']'"},
    {"number syntax", bad_number,
     "number value '1,5': A value provided cannot be converted into a number"},
    {"number precision", bad_precision,
     "DynamoDB only supports precision up to 38 digits"},
    {"bad UTF-8", bad_utf8, "string value is not valid UTF-8"},
    {"condition as operand", bad_cmp_condition,
     "a comparison takes two operands (paths, size() or values)"},
    {"operand as condition", bad_and_operand, "AND takes two conditions"},
    {"begins_with on a value", bad_begins_value,
     "begins_with() takes a path first"},
    {"size of a value", bad_size_value, "size() takes a path"},
    {"attribute_type name", bad_type,
     "attribute_type() takes one of S SS N NS B BS BOOL NULL L M"},
    {"IN without operands", bad_in_empty, "IN takes 1 to 100 operands"},
    {"IN with 101 operands", bad_in_many, "IN takes 1 to 100 operands"},
    {"unknown AttributeValue type", bad_av,
     "an AttributeValue's member is one of S N B BOOL NULL SS NS BS L M"},
    {"first error wins", bad_first_error_wins, "number value 'nan'"},
    {"an operand does not render", bad_operand_root,
     "only a condition renders as an expression"},
};

static void
test_errors(void)
{
    size_t i;

    for (i = 0; i < sizeof bads / sizeof bads[0]; i++) {
        struct sst_exprb *b = sst_exprb_new();
        struct sst_exprb_node *cond = bads[i].build(b);
        struct sst_err err;
        char *s = (char *)1;
        enum sst_code rc = sst_exprb_render(b, cond, &s, &err);

        CU_ASSERT_EQUAL(rc, SST_E_INVALID_ARG);
        CU_ASSERT_PTR_NULL(s);
        if (strstr(err.message, bads[i].message) == NULL)
            fprintf(stderr, "\n%s: %s\n", bads[i].name, err.message);
        CU_ASSERT(strstr(err.message, bads[i].message) != NULL);
        CU_ASSERT_PTR_NULL(sst_exprb_names(b));
        CU_ASSERT_PTR_NULL(sst_exprb_values(b));
        sst_exprb_free(b);
    }
}

/* A failed render leaves the names and values as they were. */
static void
test_render_rolls_back(void)
{
    struct sst_exprb *b = sst_exprb_new();
    struct sst_exprb_node *ok = key_eq(b), *deep = key_eq(b);
    char *s = NULL;
    struct sst_err err;
    int i;

    CU_ASSERT_EQUAL(sst_exprb_render(b, ok, &s, NULL), SST_OK);
    sst_free(s);
    for (i = 0; i < SST_EXPRB_MAX_DEPTH + 1; i++)
        deep = sst_exprb_not(b, sst_exprb_and(b, sst_exprb_exists(b, P("x")),
                                             deep));
    CU_ASSERT_EQUAL(sst_exprb_render(b, deep, &s, &err), SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(err.message, "expression nests deeper than 200 levels");
    assert_json(sst_exprb_names(b), "{\"#n0\":\"pk\"}", "rollback");
    assert_json(sst_exprb_values(b),
                "{\":v0\":{\"S\":\"Thing#01ARYZ6S41\"}}", "rollback");
    /* and numbering continues where it was */
    CU_ASSERT_EQUAL(sst_exprb_render(b, sst_exprb_exists(b, P("x")), &s,
                                     NULL),
                    SST_OK);
    SST_ASSERT_STR_EQ(s, "attribute_exists(#n1)");
    sst_free(s);
    sst_exprb_free(b);
}

static void
test_null_safety(void)
{
    struct sst_err err;
    char *s;

    CU_ASSERT_PTR_NULL(sst_exprb_path(NULL, "a"));
    CU_ASSERT_PTR_NULL(sst_exprb_and(NULL, NULL, NULL));
    CU_ASSERT_EQUAL(sst_exprb_render(NULL, NULL, &s, &err), SST_E_INVALID_ARG);
    CU_ASSERT_EQUAL(sst_exprb_status(NULL, &err), SST_E_INVALID_ARG);
    sst_exprb_free(NULL);
}

static void
test_oom(void)
{
    long n;
    bool done = false;

    for (n = 1; n < 400 && !done; n++) {
        struct sst_exprb *b;
        struct sst_exprb_node *c;
        char *s = NULL;
        enum sst_code rc;

        sst_mem_fail_after(n);
        b = sst_exprb_new();
        c = b ? f_size_nested(b) : NULL;
        rc = b ? sst_exprb_render(b, c, &s, NULL) : SST_E_NOMEM;
        sst_mem_fail_reset();
        if (rc == SST_OK) {
            done = true;
            SST_ASSERT_STR_EQ(s, "size(#n0.#n1[2].#n2) >= :v0 AND "
                                 "attribute_type(#n3.#n4, :v1)");
        } else {
            CU_ASSERT_EQUAL(rc, SST_E_NOMEM);
        }
        sst_free(s);
        sst_exprb_free(b);
        CU_ASSERT_EQUAL(sst_mem_live_count(), 0);
    }
    CU_ASSERT(done);
}

static const struct sst_test tests[] = {
    {"exact output and DynamoDB's grammar, row by row", test_rows},
    {"one builder for key condition and filter", test_shared_builder_apply},
    {"errors are sticky and named", test_errors},
    {"a failed render rolls back", test_render_rolls_back},
    {"NULL builder", test_null_safety},
    {"out of memory", test_oom},
    {NULL, NULL}};

static const struct sst_suite suites[] = {
    {"core_exprb", NULL, NULL, tests}, {NULL, NULL, NULL, NULL}};

int
main(int argc, char **argv)
{
    return sst_test_main(argc, argv, "test_core_exprb", suites);
}
