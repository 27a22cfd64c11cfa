/*
 * tests/unit/test_emu_query_keys.c - Query's sort-key conditions against
 * a brute-force answer.
 *
 * A Query matches each row's sort key on its key bytes (emu/store/key.h,
 * sst_emu_query_key_match_bytes). For S, N and B sort keys, on a table
 * and on a global index, partitions of sort keys drawn from values that
 * stress the encoding (NUL bytes, 0xFF, multi-byte UTF-8, prefixes of
 * one another, negative, tiny and 38-digit numbers) are queried with
 * every operator and random bounds, both directions, and each answer is
 * compared with the rows the test selects itself by comparing values
 * (sst_av_cmp, and bytes for begins_with).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/emu.h>
#include <sst/sst.h>

#include "emu/expr/av.h"
#include "emu_test_util.h"
#include "harness.h"

#define ROWS 60
#define QUERIES 150

/* Sort-key values per type, as DynamoDB JSON values. */
static const char *const s_values[] = {
    "a",        "b",         "ab",       "aa",
    "a\\u0000", "a\\u0000b", "\\u0000",  "\\u0000\\u0000",
    "\\u00e9",  "e\\u0301",  "z",        "\\u007f",
    "\\uffff",  "ba",        "a\\u0001",
};
static const char *const n_values[] = {
    "0",
    "-0.0001",
    "1",
    "-1",
    "1.5",
    "-1.5",
    "10",
    "1E+3",
    "999.999",
    "1E-130",
    "-1E-130",
    "12345678901234567890123456789012345678",
    "-12345678901234567890123456789012345678",
    "0.1",
    "100",
    "2",
};
static const char *const b_values[] = {
    "AA==", "AAA=", "AQ==", "/w==", "AP8=", "AAE=",
    "fw==", "AAD/", "/wA=", "AQI=", "AQID", "Ag==",
};

struct kind {
    const char *type; /* "S", "N", "B" */
    const char *const *values;
    size_t nvalues;
};

static const struct kind kinds[] = {
    {"S", s_values, sizeof s_values / sizeof s_values[0]},
    {"N", n_values, sizeof n_values / sizeof n_values[0]},
    {"B", b_values, sizeof b_values / sizeof b_values[0]},
};

static unsigned long long rng = 0x9E3779B97F4A7C15ull;

static size_t
rnd(size_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (size_t)(rng % n);
}

static void
run(struct sst_emu *emu, const char *op, const char *req)
{
    struct json_object *r = et_parse(req), *resp = NULL;
    struct sst_err e;

    if (sst_emu_call(emu, op, r, &resp, &e) != SST_OK)
        fprintf(stderr, "\n  %s: %s\n  %s\n", op, e.message, req);
    CU_ASSERT_PTR_NOT_NULL_FATAL(resp);
    json_object_put(resp);
    json_object_put(r);
}

/* The value {"T":"text"} decoded. */
static struct sst_av *
value_of(const struct kind *k, const char *text)
{
    char buf[256];
    struct json_object *j;
    struct sst_av *v = NULL;

    snprintf(buf, sizeof buf, "{\"%s\":\"%s\"}", k->type, text);
    j = et_parse(buf);
    CU_ASSERT_EQUAL_FATAL(sst_av_decode(j, &v, NULL), SST_OK);
    json_object_put(j);
    return v;
}

static int
cmp(const struct sst_av *a, const struct sst_av *b)
{
    int o = 0;

    CU_ASSERT_TRUE_FATAL(sst_av_cmp(a, b, &o));
    return o;
}

/* Whether sort key v passes "op" with bounds lo, hi. */
static bool
passes(const char *op, const struct sst_av *v, const struct sst_av *lo,
       const struct sst_av *hi)
{
    if (strcmp(op, "=") == 0)
        return cmp(v, lo) == 0;
    if (strcmp(op, "<") == 0)
        return cmp(v, lo) < 0;
    if (strcmp(op, "<=") == 0)
        return cmp(v, lo) <= 0;
    if (strcmp(op, ">") == 0)
        return cmp(v, lo) > 0;
    if (strcmp(op, ">=") == 0)
        return cmp(v, lo) >= 0;
    if (strcmp(op, "BETWEEN") == 0)
        return cmp(v, lo) >= 0 && cmp(v, hi) <= 0;
    return v->u.str.len >= lo->u.str.len &&
           memcmp(v->u.str.ptr, lo->u.str.ptr, lo->u.str.len) == 0;
}

/* One Query; its items' sort keys (in order) against the expected ones. */
static void
check_query(struct sst_emu *emu, const struct kind *k, bool on_index,
            const char *const present[], size_t npresent)
{
    static const char *const ops[] = {"=",  "<",       "<=",         ">",
                                      ">=", "BETWEEN", "begins_with"};
    const char *op = ops[rnd(k->type[0] == 'N' ? 6 : 7)];
    const char *lo_t = k->values[rnd(k->nvalues)];
    const char *hi_t = k->values[rnd(k->nvalues)];
    struct sst_av *lo = value_of(k, lo_t), *hi = value_of(k, hi_t), *v;
    struct json_object *req, *resp = NULL, *items;
    bool forward = rnd(2) == 0;
    char cond[96], buf[1024];
    size_t i, got, want = 0;
    struct sst_err e;

    if (strcmp(op, "BETWEEN") == 0 && cmp(lo, hi) > 0) {
        struct sst_av *t = lo; /* DynamoDB refuses lo > hi */
        const char *tt = lo_t;
        lo = hi;
        hi = t;
        lo_t = hi_t;
        hi_t = tt;
    }
    if (strcmp(op, "BETWEEN") == 0)
        snprintf(cond, sizeof cond, "#k BETWEEN :lo AND :hi");
    else if (strcmp(op, "begins_with") == 0)
        snprintf(cond, sizeof cond, "begins_with(#k, :lo)");
    else
        snprintf(cond, sizeof cond, "#k %s :lo", op);
    snprintf(buf, sizeof buf,
             "{\"TableName\":\"qk_%s\",%s\"KeyConditionExpression\":"
             "\"#p = :p AND %s\",\"ScanIndexForward\":%s,"
             "\"ExpressionAttributeNames\":{\"#p\":\"%s\",\"#k\":\"%s\"},"
             "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"p\"},"
             "\":lo\":{\"%s\":\"%s\"}%s%s%s%s%s}}",
             k->type, on_index ? "\"IndexName\":\"gsi\"," : "", cond,
             forward ? "true" : "false", on_index ? "gp" : "pk",
             on_index ? "gs" : "sk", k->type, lo_t,
             strcmp(op, "BETWEEN") == 0 ? ",\":hi\":{\"" : "",
             strcmp(op, "BETWEEN") == 0 ? k->type : "",
             strcmp(op, "BETWEEN") == 0 ? "\":\"" : "",
             strcmp(op, "BETWEEN") == 0 ? hi_t : "",
             strcmp(op, "BETWEEN") == 0 ? "\"}" : "");
    req = et_parse(buf);
    CU_ASSERT_EQUAL_FATAL(sst_emu_call(emu, "Query", req, &resp, &e), SST_OK);
    items = json_object_object_get(resp, "Items");
    got = json_object_array_length(items);
    for (i = 0; i < npresent; i++) {
        v = value_of(k, present[i]);
        want += passes(op, v, lo, hi);
        sst_av_free(v);
    }
    if (got != want)
        fprintf(stderr, "\n  %s: %zu items, want %zu\n", buf, got, want);
    CU_ASSERT_EQUAL(got, want);
    /* every item passes, in key order */
    for (i = 0; i < got; i++) {
        struct sst_av *item = NULL, *prev = NULL;
        struct json_object *it = json_object_array_get_idx(items, i);

        CU_ASSERT_EQUAL_FATAL(sst_av_decode_item(it, &item, NULL), SST_OK);
        v = sst_av_map_get(item, on_index ? "gs" : "sk", 2);
        CU_ASSERT_PTR_NOT_NULL_FATAL(v);
        CU_ASSERT_TRUE(passes(op, v, lo, hi));
        if (i > 0) {
            CU_ASSERT_EQUAL_FATAL(
                sst_av_decode_item(json_object_array_get_idx(items, i - 1),
                                   &prev, NULL),
                SST_OK);
            CU_ASSERT_TRUE(
                forward ? cmp(sst_av_map_get(prev, on_index ? "gs" : "sk", 2),
                              v) < 0
                        : cmp(sst_av_map_get(prev, on_index ? "gs" : "sk", 2),
                              v) > 0);
            sst_av_free(prev);
        }
        sst_av_free(item);
    }
    json_object_put(resp);
    json_object_put(req);
    sst_av_free(lo);
    sst_av_free(hi);
}

static void
sort_key_conditions(void)
{
    const char *present[ROWS];
    char buf[1024];
    size_t ki, i, j, n;

    for (ki = 0; ki < sizeof kinds / sizeof kinds[0]; ki++) {
        const struct kind *k = &kinds[ki];
        struct sst_emu *emu = NULL;

        CU_ASSERT_EQUAL_FATAL(sst_emu_open(NULL, NULL, &emu, NULL), SST_OK);
        snprintf(
            buf, sizeof buf,
            "{\"TableName\":\"qk_%s\",\"BillingMode\":\"PAY_PER_REQUEST\","
            "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"
            "{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}],"
            "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\","
            "\"AttributeType\":\"S\"},{\"AttributeName\":\"sk\","
            "\"AttributeType\":\"%s\"},{\"AttributeName\":\"gp\","
            "\"AttributeType\":\"S\"},{\"AttributeName\":\"gs\","
            "\"AttributeType\":\"%s\"}],\"GlobalSecondaryIndexes\":[{"
            "\"IndexName\":\"gsi\",\"KeySchema\":[{\"AttributeName\":"
            "\"gp\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"gs\","
            "\"KeyType\":\"RANGE\"}],\"Projection\":{\"ProjectionType\":"
            "\"ALL\"}}]}",
            k->type, k->type, k->type);
        run(emu, "CreateTable", buf);
        /* every value once in partition p (and in the index's p), and in
         * the neighbouring partitions pa and o, which must never show */
        n = 0;
        for (i = 0; i < k->nvalues; i++) {
            present[n++] = k->values[i];
            for (j = 0; j < 3; j++) {
                static const char *const parts[] = {"p", "pa", "o"};
                snprintf(buf, sizeof buf,
                         "{\"TableName\":\"qk_%s\",\"Item\":{\"pk\":{\"S\":"
                         "\"%s\"},\"sk\":{\"%s\":\"%s\"},\"gp\":{\"S\":\"%s\"},"
                         "\"gs\":{\"%s\":\"%s\"}}}",
                         k->type, parts[j], k->type, k->values[i], parts[j],
                         k->type, k->values[i]);
                run(emu, "PutItem", buf);
            }
        }
        for (i = 0; i < QUERIES; i++)
            check_query(emu, k, i % 2 == 1, present, n);
        sst_emu_close(emu);
    }
}

static const struct sst_test tests[] = {
    {"sort-key conditions match by key bytes", sort_key_conditions},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"query keys", NULL, NULL, tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_emu_query_keys", suites);
}
