/*
 * tests/unit/test_av_limits.c - attribute values (emu/expr/av.c): the
 * nesting limit, the size of an item and the item size limit.
 *
 * The size table and the limits were recorded from DynamoDB Local
 * (2026-01-16 jar); each size row is the size DynamoDB Local counted for
 * the item.
 */
#include "av_util.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------ nesting */

/* {"x": <levels containers (M or L) around leaf>} as JSON text. */
static char *
nested_item(const char *kind, int levels, const char *leaf)
{
    size_t cap = (size_t)levels * 16 + strlen(leaf) + 32;
    char *s = malloc(cap), *p = s;
    int i;

    p += sprintf(p, "{\"x\":");
    for (i = 0; i < levels; i++)
        p += sprintf(p, kind[0] == 'M' ? "{\"M\":{\"a\":" : "{\"L\":[");
    p += sprintf(p, "%s", leaf);
    for (i = 0; i < levels; i++)
        p += sprintf(p, kind[0] == 'M' ? "}}" : "]}");
    sprintf(p, "}");
    return s;
}

#define V_NESTING                                                              \
    "Nesting Levels have exceeded supported limits: Attributes in the item "   \
    "have nested levels beyond supported limit"

static void
nesting_limit_matches_dynamodb_local(void)
{
    /* Recorded with DynamoDB Local: an attribute may hold 31 nested maps
     * or lists (32 levels with the item); a 32nd is refused when it is
     * reached, before what it holds is looked at. */
    static const struct {
        const char *kind;
        int levels;
        const char *leaf;
        enum sst_code code;
        const char *message;
    } cases[] = {
        {"M", 30, "{\"S\":\"leaf\"}", SST_OK, NULL},
        {"M", 31, "{\"S\":\"leaf\"}", SST_OK, NULL},
        {"M", 32, "{\"S\":\"leaf\"}", SST_E_VALIDATION, V_NESTING},
        {"L", 31, "{\"S\":\"leaf\"}", SST_OK, NULL},
        {"L", 32, "{\"S\":\"leaf\"}", SST_E_VALIDATION, V_NESTING},
        {"M", 31, "{\"M\":{}}", SST_E_VALIDATION, V_NESTING},
        {"L", 31, "{\"L\":[]}", SST_E_VALIDATION, V_NESTING},
        {"M", 30, "{\"M\":{}}", SST_OK, NULL},
        {"M", 31, "{\"SS\":[\"a\"]}", SST_OK, NULL},
        {"M", 31, "{\"NS\":[\"1\",\"1\"]}", SST_E_VALIDATION,
         "Input collection contains duplicates"},
        {"M", 31, "{\"N\":\"x\"}", SST_E_VALIDATION,
         "A value provided cannot be converted into a number"},
        {"M", 31, "{}", SST_E_VALIDATION,
         "Supplied AttributeValue is empty, must contain exactly one of the "
         "supported datatypes"},
        {"M", 32, "{\"N\":\"x\"}", SST_E_VALIDATION, V_NESTING},
        {"M", 40, "{\"N\":\"x\"}", SST_E_VALIDATION, V_NESTING},
        {"L", 1000, "{\"S\":\"a\"}", SST_E_VALIDATION, V_NESTING},
        /* Deserialisation errors are found at any depth first... */
        {"M", 40, "{\"S\":5}", SER,
         "NUMBER_VALUE cannot be converted to String"},
        /* ...down to a bound past which nothing can be valid anyway. */
        {"M", 300, "{\"S\":5}", SST_E_VALIDATION, V_NESTING},
    };
    size_t i;

    for (i = 0; i < N(cases); i++) {
        char *text = nested_item(cases[i].kind, cases[i].levels, cases[i].leaf);
        struct json_object *j = parse_json(text);
        struct sst_av *v = NULL;
        struct sst_err e;
        enum sst_code rc;

        CU_ASSERT_PTR_NOT_NULL_FATAL(j);
        rc = sst_av_decode_item(j, &v, &e);
        if (rc != cases[i].code)
            printf("\n  %s x %d around %s: %s\n", cases[i].kind,
                   cases[i].levels, cases[i].leaf,
                   rc == SST_OK ? "accepted" : e.message);
        CU_ASSERT_EQUAL(rc, cases[i].code);
        if (rc != SST_OK && cases[i].message)
            SST_ASSERT_STR_EQ(e.message, cases[i].message);
        if (rc == SST_OK)
            CU_ASSERT(encodes_as(v, 1, text));
        sst_av_free(v);
        json_object_put(j);
        free(text);
    }
}

static void
nesting_errors_in_document_order(void)
{
    /* Recorded with DynamoDB Local: attributes are checked in order. */
    char *deep = nested_item("M", 40, "{\"S\":\"a\"}");
    char text[4096];
    struct json_object *j;
    struct sst_av *v = NULL;
    struct sst_err e;

    /* {"a": {}, "b": <deep>} and the other way round */
    snprintf(text, sizeof text, "{\"a\":{},\"b\":%s", deep + 5);
    j = parse_json(text);
    CU_ASSERT_EQUAL(sst_av_decode_item(j, &v, &e), SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(e.message, "Supplied AttributeValue is empty, must "
                                 "contain exactly one of the supported "
                                 "datatypes");
    json_object_put(j);
    snprintf(text, sizeof text, "{\"b\":%.*s,\"a\":{}}",
             (int)strlen(deep + 5) - 1, deep + 5);
    j = parse_json(text);
    CU_ASSERT_EQUAL(sst_av_decode_item(j, &v, &e), SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(e.message, V_NESTING);
    json_object_put(j);
    free(deep);
}

static void
value_nesting_counts_like_an_attribute(void)
{
    /* A value decoded alone (an ExpressionAttributeValue) may hold as
     * many levels as an item's attribute. */
    char *ok = nested_item("L", 31, "{\"N\":\"1\"}");
    char *bad = nested_item("L", 32, "{\"N\":\"1\"}");
    struct json_object *j;
    struct sst_av *v = NULL;
    struct sst_err e;

    j = parse_json(ok);
    CU_ASSERT_EQUAL(sst_av_decode(json_object_object_get(j, "x"), &v, &e),
                    SST_OK);
    sst_av_free(v);
    json_object_put(j);
    j = parse_json(bad);
    CU_ASSERT_EQUAL(sst_av_decode(json_object_object_get(j, "x"), &v, &e),
                    SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(e.message, V_NESTING);
    json_object_put(j);
    free(ok);
    free(bad);
}

/* --------------------------------------------------------------------- size */

static const struct {
    const char *item;
    size_t size;
} size_cases[] = {
    {"{\"a\":{\"S\":\"\"}}", 1},
    {"{\"a\":{\"S\":\"abc\"}}", 4},
    {"{\"ab\":{\"S\":\"abc\"}}", 5},
    {"{\"a\":{\"NULL\":true}}", 2},
    {"{\"a\":{\"BOOL\":true}}", 2},
    {"{\"a\":{\"BOOL\":false}}", 2},
    {"{\"a\":{\"B\":\"\"}}", 1},
    {"{\"a\":{\"B\":\"AAAA\"}}", 4},
    {"{\"a\":{\"L\":[]}}", 4},
    {"{\"a\":{\"M\":{}}}", 4},
    {"{\"a\":{\"L\":[{\"S\":\"x\"}]}}", 6},
    {"{\"a\":{\"L\":[{\"S\":\"x\"},{\"S\":\"y\"}]}}", 8},
    {"{\"a\":{\"M\":{\"k\":{\"S\":\"x\"}}}}", 7},
    {"{\"a\":{\"M\":{\"kk\":{\"S\":\"x\"},\"j\":{\"NULL\":true}}}}", 11},
    {"{\"a\":{\"L\":[{\"L\":[]}]}}", 8},
    {"{\"a\":{\"L\":[{\"M\":{\"k\":{\"L\":[]}}}]}}", 13},
    {"{\"a\":{\"SS\":[\"x\"]}}", 2},
    {"{\"a\":{\"SS\":[\"x\",\"yy\"]}}", 4},
    {"{\"a\":{\"SS\":[\"\",\"yy\"]}}", 3},
    {"{\"a\":{\"BS\":[\"AAAA\",\"AA==\"]}}", 5},
    {"{\"a\":{\"NS\":[\"1\"]}}", 3},
    {"{\"a\":{\"NS\":[\"1\",\"22\"]}}", 5},
    {"{\"a\":{\"NS\":[\"1\",\"123\"]}}", 6},
    {"{\"a\":{\"N\":\"0\"}}", 2},
    {"{\"a\":{\"N\":\"1\"}}", 3},
    {"{\"a\":{\"N\":\"-1\"}}", 4},
    {"{\"a\":{\"N\":\"9\"}}", 3},
    {"{\"a\":{\"N\":\"10\"}}", 3},
    {"{\"a\":{\"N\":\"11\"}}", 3},
    {"{\"a\":{\"N\":\"99\"}}", 3},
    {"{\"a\":{\"N\":\"100\"}}", 3},
    {"{\"a\":{\"N\":\"101\"}}", 4},
    {"{\"a\":{\"N\":\"111\"}}", 4},
    {"{\"a\":{\"N\":\"1000\"}}", 3},
    {"{\"a\":{\"N\":\"1234\"}}", 4},
    {"{\"a\":{\"N\":\"12345\"}}", 5},
    {"{\"a\":{\"N\":\"123456\"}}", 5},
    {"{\"a\":{\"N\":\"0.1\"}}", 3},
    {"{\"a\":{\"N\":\"0.01\"}}", 3},
    {"{\"a\":{\"N\":\"0.001\"}}", 3},
    {"{\"a\":{\"N\":\"0.11\"}}", 3},
    {"{\"a\":{\"N\":\"0.12\"}}", 3},
    {"{\"a\":{\"N\":\"1.1\"}}", 4},
    {"{\"a\":{\"N\":\"1.01\"}}", 4},
    {"{\"a\":{\"N\":\"12.3\"}}", 4},
    {"{\"a\":{\"N\":\"-12.3\"}}", 5},
    {"{\"a\":{\"N\":\"-0.1\"}}", 4},
    {"{\"a\":{\"N\":\"-100\"}}", 4},
    {"{\"a\":{\"N\":\"-101\"}}", 5},
    {"{\"a\":{\"N\":\"-1234\"}}", 5},
    {"{\"a\":{\"N\":\"-12345\"}}", 6},
    {"{\"a\":{\"N\":\"12345678901234567890123456789012345678\"}}", 21},
    {"{\"a\":{\"N\":\"-12345678901234567890123456789012345678\"}}", 22},
    {"{\"a\":{\"N\":\"1234567890123456789012345678901234567\"}}", 21},
    {"{\"a\":{\"N\":\"0.12345678901234567890123456789012345678\"}}", 21},
    {"{\"a\":{\"N\":\"1E+125\"}}", 3},
    {"{\"a\":{\"N\":\"9.9999999999999999999999999999999999999E+125\"}}", 21},
    {"{\"a\":{\"N\":\"-9.9999999999999999999999999999999999999E+125\"}}", 22},
    {"{\"a\":{\"N\":\"1E-130\"}}", 3},
    {"{\"a\":{\"N\":\"-1E-130\"}}", 4},
    {"{\"a\":{\"N\":\"1E-129\"}}", 3},
    {"{\"a\":{\"N\":\"5E+124\"}}", 3},
    {"{\"a\":{\"N\":\"10.5\"}}", 4},
    {"{\"a\":{\"N\":\"105\"}}", 4},
    {"{\"a\":{\"N\":\"1.05\"}}", 4},
    {"{\"a\":{\"N\":\"0.105\"}}", 4},
    {"{\"a\":{\"N\":\"-0.105\"}}", 5},
    {"{\"a\":{\"NS\":[\"-1\",\"-0.5\"]}}", 7},
    {"{\"a\":{\"L\":[{\"N\":\"-1\"},{\"N\":\"0\"}]}}", 10},
    {"{\"\303\251\":{\"S\":\"\303\251\"}}", 4},
};

static void
size_matches_dynamodb_local(void)
{
    size_t i;

    for (i = 0; i < N(size_cases); i++) {
        struct json_object *j = parse_json(size_cases[i].item);
        struct sst_av *v = NULL;

        CU_ASSERT_EQUAL_FATAL(sst_av_decode_item(j, &v, NULL), SST_OK);
        if (sst_av_item_size(v) != size_cases[i].size)
            printf("\n  size %s = %zu, want %zu\n", size_cases[i].item,
                   sst_av_item_size(v), size_cases[i].size);
        CU_ASSERT_EQUAL(sst_av_item_size(v), size_cases[i].size);
        sst_av_free(v);
        json_object_put(j);
    }
}

/* {"pk": {"S": "k"}, "p": {"S": <n copies of unit>}} */
static struct sst_av *
padded_item(const char *unit, size_t n)
{
    size_t ul = strlen(unit), i;
    char *s = malloc(ul * n + 1);
    struct json_object *j = json_object_new_object(),
                       *p = json_object_new_object();
    struct sst_av *v = NULL;

    for (i = 0; i < n; i++)
        memcpy(s + i * ul, unit, ul);
    json_object_object_add(p, "S",
                           json_object_new_string_len(s, (int)(ul * n)));
    json_object_object_add(j, "p", p);
    p = json_object_new_object();
    json_object_object_add(p, "S", json_object_new_string("k"));
    json_object_object_add(j, "pk", p);
    if (sst_av_decode_item(j, &v, NULL) != SST_OK)
        v = NULL;
    json_object_put(j);
    free(s);
    return v;
}

static void
item_limit_matches_dynamodb_local(void)
{
    /* DynamoDB Local accepts {"pk":"k","p":409596 x "x"} (409600 bytes)
     * and refuses one byte more; with a 2-byte character, 204798 and
     * 204799 of them. */
    static const struct {
        const char *unit;
        size_t n;
        enum sst_code code;
    } cases[] = {
        {"x", 409596, SST_OK},
        {"x", 409597, SST_E_VALIDATION},
        {"x", 500000, SST_E_VALIDATION},
        {"\303\251", 204798, SST_OK},
        {"\303\251", 204799, SST_E_VALIDATION},
    };
    size_t i;

    for (i = 0; i < N(cases); i++) {
        struct sst_av *v = padded_item(cases[i].unit, cases[i].n);
        struct sst_err e;

        CU_ASSERT_PTR_NOT_NULL_FATAL(v);
        CU_ASSERT_EQUAL(sst_av_item_check_size(v, &e), cases[i].code);
        if (cases[i].code != SST_OK) {
            SST_ASSERT_STR_EQ(e.message,
                              "Item size has exceeded the maximum allowed "
                              "size");
            SST_ASSERT_STR_EQ(e.type, "ValidationException");
        }
        sst_av_free(v);
    }
}

static const struct sst_test av_tests[] = {
    {"nesting limit matches DynamoDB Local",
     nesting_limit_matches_dynamodb_local},
    {"nesting errors in document order", nesting_errors_in_document_order},
    {"value nesting counts like an attribute",
     value_nesting_counts_like_an_attribute},
    {"size matches DynamoDB Local", size_matches_dynamodb_local},
    {"item limit matches DynamoDB Local", item_limit_matches_dynamodb_local},
    {NULL, NULL},
};

static const struct sst_suite suites[] = {
    {"limits", NULL, NULL, av_tests},
    {NULL, NULL, NULL, NULL},
};

int
main(int argc, char **argv)
{
    return sst_test_main(argc, argv, "test_av_limits", suites);
}
