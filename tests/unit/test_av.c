/*
 * tests/unit/test_av.c - attribute values (emu/expr/av.c) as a tree:
 * copy, equality, order, binary bytes, base64, new values and type names,
 * map lookup, and the message of a long duplicate list. Decoding is in
 * test_av_decode.c, the limits in test_av_limits.c, the out-of-memory
 * loops in test_av_oom.c.
 */
#include "av_util.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ----------------------------------------------------------------- tree ops */

static struct sst_av *
av_of(const char *text)
{
    struct json_object *j = parse_json(text);
    struct sst_av *v = NULL;

    if (j == NULL || sst_av_decode(j, &v, NULL) != SST_OK)
        v = NULL;
    json_object_put(j);
    return v;
}

/* Whether a and b encode to the same JSON. */
static int
same_encoding(const struct sst_av *a, const struct sst_av *b)
{
    struct json_object *ja = NULL, *jb = NULL;
    int same = sst_av_encode(a, &ja, NULL) == SST_OK &&
               sst_av_encode(b, &jb, NULL) == SST_OK &&
               json_object_equal(ja, jb);

    json_object_put(ja);
    json_object_put(jb);
    return same;
}

static void
equality_is_deep(void)
{
    static const struct {
        const char *a, *b;
        int equal;
    } cases[] = {
        {"{\"S\":\"a\"}", "{\"S\":\"a\"}", 1},
        {"{\"S\":\"a\"}", "{\"S\":\"a\\u0000\"}", 0},
        {"{\"S\":\"1\"}", "{\"N\":\"1\"}", 0},
        {"{\"N\":\"1.0\"}", "{\"N\":\"1\"}", 1},
        {"{\"N\":\"-0\"}", "{\"N\":\"0\"}", 1},
        {"{\"B\":\"AAAA\"}", "{\"B\":\"AAA=\"}", 0},
        {"{\"BOOL\":true}", "{\"BOOL\":true}", 1},
        {"{\"BOOL\":true}", "{\"BOOL\":false}", 0},
        {"{\"NULL\":true}", "{\"NULL\":true}", 1},
        {"{\"SS\":[\"a\",\"b\",\"c\"]}", "{\"SS\":[\"c\",\"a\",\"b\"]}", 1},
        {"{\"SS\":[\"a\",\"b\"]}", "{\"SS\":[\"a\",\"b\",\"c\"]}", 0},
        {"{\"SS\":[\"a\",\"b\"]}", "{\"SS\":[\"a\",\"c\"]}", 0},
        {"{\"NS\":[\"1\",\"2.50\"]}", "{\"NS\":[\"2.5\",\"1e0\"]}", 1},
        {"{\"NS\":[\"1\",\"2\"]}", "{\"NS\":[\"1\",\"3\"]}", 0},
        {"{\"BS\":[\"AA==\",\"AQ==\"]}", "{\"BS\":[\"AQ==\",\"AA==\"]}", 1},
        {"{\"BS\":[\"AA==\"]}", "{\"SS\":[\"AA==\"]}", 0},
        {"{\"L\":[{\"N\":\"1\"},{\"S\":\"a\"}]}",
         "{\"L\":[{\"N\":\"1.00\"},{\"S\":\"a\"}]}", 1},
        {"{\"L\":[{\"N\":\"1\"},{\"S\":\"a\"}]}",
         "{\"L\":[{\"S\":\"a\"},{\"N\":\"1\"}]}", 0},
        {"{\"L\":[]}", "{\"M\":{}}", 0},
        {"{\"M\":{\"a\":{\"N\":\"1\"},\"b\":{\"SS\":[\"x\",\"y\"]}}}",
         "{\"M\":{\"b\":{\"SS\":[\"y\",\"x\"]},\"a\":{\"N\":\"1.0\"}}}", 1},
        {"{\"M\":{\"a\":{\"N\":\"1\"}}}", "{\"M\":{\"b\":{\"N\":\"1\"}}}", 0},
        {"{\"M\":{\"a\":{\"N\":\"1\"}}}", "{\"M\":{\"a\":{\"N\":\"2\"}}}", 0},
        {"{\"M\":{\"a\":{\"N\":\"1\"}}}",
         "{\"M\":{\"a\":{\"N\":\"1\"},\"b\":{\"N\":\"1\"}}}", 0},
    };
    size_t i;

    for (i = 0; i < N(cases); i++) {
        struct sst_av *a = av_of(cases[i].a), *b = av_of(cases[i].b), *d;

        CU_ASSERT_PTR_NOT_NULL_FATAL(a);
        CU_ASSERT_PTR_NOT_NULL_FATAL(b);
        if (sst_av_equal(a, b) != cases[i].equal)
            printf("\n  equal(%s, %s) != %d\n", cases[i].a, cases[i].b,
                   cases[i].equal);
        CU_ASSERT_EQUAL(sst_av_equal(a, b), cases[i].equal);
        CU_ASSERT_EQUAL(sst_av_equal(b, a), cases[i].equal);
        CU_ASSERT(sst_av_equal(a, a));
        CU_ASSERT_EQUAL_FATAL(sst_av_dup(a, &d, NULL), SST_OK);
        CU_ASSERT(d != a && sst_av_equal(a, d));
        CU_ASSERT(same_encoding(a, d));
        sst_av_free(d);
        sst_av_free(a);
        sst_av_free(b);
    }
}

static void
large_sets_compare_in_any_order(void)
{
    /* 300 members, the second set reversed: the sorting path. */
    char a[8192], b[8192];
    size_t la = 0, lb = 0;
    struct sst_av *x, *y;
    int i;

    la += (size_t)sprintf(a + la, "{\"NS\":[");
    lb += (size_t)sprintf(b + lb, "{\"NS\":[");
    for (i = 0; i < 300; i++) {
        la += (size_t)sprintf(a + la, "%s\"%d.5\"", i ? "," : "", i);
        lb += (size_t)sprintf(b + lb, "%s\"%d.50\"", i ? "," : "", 299 - i);
    }
    sprintf(a + la, "]}");
    sprintf(b + lb, "]}");
    x = av_of(a);
    y = av_of(b);
    CU_ASSERT_PTR_NOT_NULL_FATAL(x);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    CU_ASSERT(sst_av_equal(x, y));
    /* Under allocation failure the pairwise path gives the same answer. */
    sst_mem_fail_after(1);
    CU_ASSERT(sst_av_equal(x, y));
    sst_mem_fail_reset();
    sst_num_set_i64(&y->u.nums.v[150], 7);
    CU_ASSERT(!sst_av_equal(x, y));
    sst_mem_fail_after(1);
    CU_ASSERT(!sst_av_equal(x, y));
    sst_mem_fail_reset();
    sst_av_free(x);
    sst_av_free(y);
}

static void
ordering_is_dynamodb_order(void)
{
    static const struct {
        const char *a, *b;
        int comparable, order;
    } cases[] = {
        {"{\"S\":\"a\"}", "{\"S\":\"b\"}", 1, -1},
        {"{\"S\":\"a\"}", "{\"S\":\"ab\"}", 1, -1},
        {"{\"S\":\"\"}", "{\"S\":\"a\"}", 1, -1},
        {"{\"S\":\"B\"}", "{\"S\":\"a\"}", 1, -1},
        /* UTF-8 bytes, unsigned: U+00E9 (C3 A9) after 'z'; U+FFFD (EF BF
         * BD) before U+1F600 (F0 9F 98 80), unlike UTF-16 order. */
        {"{\"S\":\"\\u00e9\"}", "{\"S\":\"z\"}", 1, 1},
        {"{\"S\":\"\\ufffd\"}", "{\"S\":\"\\ud83d\\ude00\"}", 1, -1},
        {"{\"S\":\"a\\u0000\"}", "{\"S\":\"a\"}", 1, 1},
        {"{\"B\":\"gA==\"}", "{\"B\":\"fw==\"}", 1, 1},
        {"{\"B\":\"\"}", "{\"B\":\"AA==\"}", 1, -1},
        {"{\"B\":\"AAA=\"}", "{\"B\":\"AAAA\"}", 1, -1},
        {"{\"N\":\"10\"}", "{\"N\":\"9\"}", 1, 1},
        {"{\"N\":\"-10\"}", "{\"N\":\"9\"}", 1, -1},
        {"{\"N\":\"1.0\"}", "{\"N\":\"1\"}", 1, 0},
        {"{\"N\":\"1\"}", "{\"S\":\"1\"}", 0, 0},
        {"{\"BOOL\":true}", "{\"BOOL\":true}", 0, 0},
        {"{\"NULL\":true}", "{\"NULL\":true}", 0, 0},
        {"{\"SS\":[\"a\"]}", "{\"SS\":[\"a\"]}", 0, 0},
        {"{\"L\":[]}", "{\"L\":[]}", 0, 0},
    };
    size_t i;

    for (i = 0; i < N(cases); i++) {
        struct sst_av *a = av_of(cases[i].a), *b = av_of(cases[i].b);
        int order = 99;

        CU_ASSERT_PTR_NOT_NULL_FATAL(a);
        CU_ASSERT_PTR_NOT_NULL_FATAL(b);
        CU_ASSERT_EQUAL(sst_av_cmp(a, b, &order), cases[i].comparable);
        if (cases[i].comparable) {
            CU_ASSERT_EQUAL(order, cases[i].order);
            CU_ASSERT(sst_av_cmp(b, a, &order));
            CU_ASSERT_EQUAL(order, -cases[i].order);
        } else {
            CU_ASSERT_EQUAL(order, 99);
        }
        sst_av_free(a);
        sst_av_free(b);
    }
}

static void
binary_and_nul_bytes_survive(void)
{
    struct sst_av *v = av_of("{\"B\":\"AP8Af4A=\"}");
    struct sst_av *s = av_of("{\"S\":\"a\\u0000b\"}");
    struct sst_av *bs = av_of("{\"BS\":[\"\",\"+/+/\"]}");

    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_PTR_NOT_NULL_FATAL(bs);
    CU_ASSERT_EQUAL(v->type, SST_AV_B);
    CU_ASSERT_EQUAL(v->u.str.len, 5);
    CU_ASSERT(memcmp(v->u.str.ptr, "\x00\xff\x00\x7f\x80", 6) == 0);
    CU_ASSERT(encodes_as(v, 0, "{\"B\":\"AP8Af4A=\"}"));
    CU_ASSERT_EQUAL(s->u.str.len, 3);
    CU_ASSERT(memcmp(s->u.str.ptr, "a\0b", 4) == 0);
    CU_ASSERT(encodes_as(s, 0, "{\"S\":\"a\\u0000b\"}"));
    CU_ASSERT_EQUAL(bs->u.strs.len, 2);
    CU_ASSERT_EQUAL(bs->u.strs.v[0].len, 0);
    CU_ASSERT_EQUAL(bs->u.strs.v[1].len, 3);
    CU_ASSERT(memcmp(bs->u.strs.v[1].ptr, "\xfb\xff\xbf", 3) == 0);
    CU_ASSERT(encodes_as(bs, 0, "{\"BS\":[\"\",\"+/+/\"]}"));
    sst_av_free(v);
    sst_av_free(s);
    sst_av_free(bs);
}

static void
base64_round_trips_every_length(void)
{
    unsigned char raw[64];
    size_t n, i;

    for (n = 0; n < sizeof raw; n++) {
        struct sst_av *v = sst_av_new(SST_AV_B), *back;
        struct json_object *j = NULL;

        CU_ASSERT_PTR_NOT_NULL_FATAL(v);
        for (i = 0; i < n; i++)
            raw[i] = (unsigned char)(i * 37 + n);
        sst_free(v->u.str.ptr);
        v->u.str.ptr = sst_malloc(n + 1);
        memcpy(v->u.str.ptr, raw, n);
        v->u.str.ptr[n] = '\0';
        v->u.str.len = n;
        CU_ASSERT_EQUAL_FATAL(sst_av_encode(v, &j, NULL), SST_OK);
        /* Padding as RFC 4648 wants it. */
        CU_ASSERT_EQUAL(
            json_object_get_string_len(json_object_object_get(j, "B")),
            (int)((n + 2) / 3 * 4));
        CU_ASSERT_EQUAL(sst_av_decode(j, &back, NULL), SST_OK);
        CU_ASSERT(back != NULL && sst_av_equal(v, back));
        sst_av_free(back);
        json_object_put(j);
        sst_av_free(v);
    }
}

static void
new_values_and_names(void)
{
    static const char *const want[SST_AV_TYPE_COUNT] = {
        "{\"S\":\"\"}",    "{\"N\":\"0\"}", "{\"B\":\"\"}", "{\"BOOL\":false}",
        "{\"NULL\":true}", "{\"M\":{}}",    "{\"L\":[]}",   "{\"SS\":[]}",
        "{\"NS\":[]}",     "{\"BS\":[]}",
    };
    static const char *const names[SST_AV_TYPE_COUNT] = {
        "S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS",
    };
    struct sst_av *v;
    struct json_object *j;
    struct sst_err e;
    int t;

    for (t = 0; t < SST_AV_TYPE_COUNT; t++) {
        v = sst_av_new((enum sst_av_type)t);
        CU_ASSERT_PTR_NOT_NULL_FATAL(v);
        SST_ASSERT_STR_EQ(sst_av_type_name((enum sst_av_type)t), names[t]);
        CU_ASSERT(encodes_as(v, 0, want[t]));
        sst_av_free(v);
    }
    SST_ASSERT_STR_EQ(sst_av_type_name(SST_AV_TYPE_COUNT), "?");
    CU_ASSERT_PTR_NULL(sst_av_new(SST_AV_TYPE_COUNT));
    sst_av_free(NULL);
    v = sst_av_new(SST_AV_S);
    v->type = SST_AV_TYPE_COUNT; /* corrupt on purpose */
    CU_ASSERT_EQUAL(sst_av_encode(v, &j, &e), SST_E_INVALID_ARG);
    CU_ASSERT_PTR_NULL(j);
    v->type = SST_AV_S;
    CU_ASSERT_EQUAL(sst_av_encode_item(v, &j, &e), SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(e.message, "an item must be a map");
    sst_av_free(v);
}

static void
map_lookup(void)
{
    struct sst_av *m =
        av_of("{\"M\":{\"a\":{\"N\":\"1\"},\"ab\":{\"S\":\"x\"}}}");
    struct sst_av *x;

    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    x = sst_av_map_get(m, "ab", 2);
    CU_ASSERT(x != NULL && x->type == SST_AV_S);
    x = sst_av_map_get(m, "abc", 2); /* length-delimited */
    CU_ASSERT(x != NULL && x->type == SST_AV_S);
    x = sst_av_map_get(m, "a", 1);
    CU_ASSERT(x != NULL && x->type == SST_AV_N);
    CU_ASSERT_PTR_NULL(sst_av_map_get(m, "b", 1));
    CU_ASSERT_PTR_NULL(sst_av_map_get(m, "", 0));
    sst_av_free(m);
}

static void
long_duplicate_lists_are_truncated(void)
{
    char text[4096];
    size_t len = 0;
    struct json_object *j;
    struct sst_av *v = NULL;
    struct sst_err e;
    int i;

    len += (size_t)sprintf(text + len, "{\"SS\":[");
    for (i = 0; i < 100; i++)
        len += (size_t)sprintf(text + len, "\"member%03d\",", i);
    sprintf(text + len, "\"member000\"]}");
    j = parse_json(text);
    CU_ASSERT_EQUAL(sst_av_decode(j, &v, &e), SST_E_VALIDATION);
    CU_ASSERT_EQUAL(strlen(e.message), SST_ERR_MESSAGE_MAX - 1);
    {
        static const char head[] = "One or more parameter values were "
                                   "invalid: Input collection [member000, "
                                   "member001, ";

        CU_ASSERT(strncmp(e.message, head, sizeof head - 1) == 0);
    }
    json_object_put(j);
}

static const struct sst_test av_tests[] = {
    {"equality is deep", equality_is_deep},
    {"large sets compare in any order", large_sets_compare_in_any_order},
    {"ordering is DynamoDB order", ordering_is_dynamodb_order},
    {"binary and NUL bytes survive", binary_and_nul_bytes_survive},
    {"base64 round-trips every length", base64_round_trips_every_length},
    {"new values and type names", new_values_and_names},
    {"map lookup", map_lookup},
    {"long duplicate lists are truncated", long_duplicate_lists_are_truncated},
    {NULL, NULL},
};

static const struct sst_suite suites[] = {
    {"tree ops", NULL, NULL, av_tests},
    {NULL, NULL, NULL, NULL},
};

int
main(int argc, char **argv)
{
    return sst_test_main(argc, argv, "test_av", suites);
}
