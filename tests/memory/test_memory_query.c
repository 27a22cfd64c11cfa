/*
 * tests/memory/test_memory_query.c - sst_memory_query() and
 * sst_memory_list_by_updated_at() on the emulator and on DynamoDB Local:
 * orders, filters, pagination with filters, and the adaptive Limit policy
 * with its exact numbers (spec 2.6 and the queries of 8.3). The Limit of
 * every Query call is recorded by a backend wrapper (recorder.h).
 */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "src/core/pagekey.h"
#include "tests/harness.h"
#include "tests/memory/qseed.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static char ids[4096];

static void
seed_ok(struct qs_ctx *c, const struct sst_type *t, const char *id,
        int64_t updated, const char *fields, int version)
{
    CU_ASSERT_EQUAL(qs_seed(c->tm.backend, c->tm.table, t, id, QS_T(0),
                            updated, fields, version), SST_OK);
}

/* Things id000.. with updated_at QS_T(k) and the fields fields(k). */
static void
seed_things(struct qs_ctx *c, int n, const char *(*fields)(int k))
{
    char id[16];
    int k;

    for (k = 0; k < n; k++) {
        snprintf(id, sizeof id, "id%03d", k);
        seed_ok(c, &qs_thing, id, QS_T(k), fields ? fields(k) : "{}", 0);
    }
}

static struct sst_page *
list(struct qs_ctx *c, const struct sst_type *t, const struct sst_query *q)
{
    struct sst_page *p = NULL;
    struct sst_err e;

    sst_rec_reset(&c->rec);
    if (sst_memory_list_by_updated_at(c->m, t, q, &p, &e) != SST_OK) {
        printf("\n  list: %s: %s\n", sst_code_name(e.code), e.message);
        CU_FAIL("list_by_updated_at");
    }
    return p;
}

/* ------------------------------------------------------------ orders */

/* gsi1 (ranged on pk = Child#<id>): creation order both ways, and only
 * the rows of the key asked for. */
static void
test_gsi1_order(void)
{
    static const struct {
        const char *parent;
        bool ascending;
        const char *want;
    } rows[] = {
        {"A", false, "c006,c005,c003,c002,c000"},
        {"A", true, "c000,c002,c003,c005,c006"},
        {"B", false, "c007,c004,c001"},
        {"C", false, ""},
    };
    struct qs_ctx c;
    char id[16], fields[64], key[32];
    size_t i;
    int k;

    if (qs_open(&c) != 0)
        return;
    for (k = 0; k < 8; k++) {
        snprintf(id, sizeof id, "c%03d", k);
        snprintf(fields, sizeof fields, "{\"parent_id\": \"%s\"}",
                 k % 3 == 1 ? "B" : "A");
        seed_ok(&c, &qs_child, id, QS_T(k), fields, 0);
    }
    for (i = 0; i < N(rows); i++) {
        struct sst_exprb *b = sst_exprb_new();
        struct sst_query q;
        struct sst_page *p = NULL;
        struct sst_err e;

        snprintf(key, sizeof key, "parent_id#%s", rows[i].parent);
        sst_query_init(&q);
        q.type = &qs_child;
        q.index_name = "gsi1";
        q.b = b;
        q.key_condition = sst_exprb_eq(b, sst_exprb_path(b, "gsi1pk"),
                                       sst_exprb_str(b, key));
        q.ascending = rows[i].ascending;
        sst_rec_reset(&c.rec);
        CU_ASSERT_EQUAL_FATAL(sst_memory_query(c.m, &q, &p, &e), SST_OK);
        SST_ASSERT_STR_EQ(qs_ids(p, ids, sizeof ids), rows[i].want);
        CU_ASSERT_EQUAL(p->api_calls, 1);
        CU_ASSERT_EQUAL(c.rec.queries, 1);
        CU_ASSERT_EQUAL(c.rec.limits[0], 250);
        CU_ASSERT_FALSE(p->has_efficiency);
        CU_ASSERT_EQUAL(p->scanned_count, (int64_t)p->count);
        CU_ASSERT_PTR_NULL(p->next_pagination_key);
        CU_ASSERT_PTR_NULL(p->pagination_key);
        CU_ASSERT_TRUE(p->count == 0 || p->consumed_capacity > 0);
        sst_page_free(p);
        sst_exprb_free(b);
    }
    qs_close(&c);
}

/* list_type_by_updated_at: newest first, ascending on request, an update
 * moves a row to the top, a versioned resource appears once (its v0), a
 * deleted row is gone, and an empty type lists nothing. */
static void
test_list_by_updated_at(void)
{
    static const int when[] = {3, 0, 4, 1, 2};
    struct qs_ctx c;
    struct sst_query q;
    struct sst_page *p;
    char id[16];
    int k;

    if (qs_open(&c) != 0)
        return;
    for (k = 0; k < 5; k++) {
        snprintf(id, sizeof id, "id%03d", k);
        seed_ok(&c, &qs_thing, id, QS_T(when[k]), "{}", 0);
    }
    p = list(&c, &qs_thing, NULL);
    SST_ASSERT_STR_EQ(qs_ids(p, ids, sizeof ids),
                      "id002,id000,id004,id003,id001");
    CU_ASSERT_EQUAL(c.rec.limits[0], 250);
    SST_ASSERT_STR_EQ(json_object_get_string(json_object_object_get(
                          c.rec.last_query, "IndexName")), "gsitype");
    SST_ASSERT_STR_EQ(json_object_get_string(json_object_object_get(
                          c.rec.last_query, "KeyConditionExpression")),
                      "#n0 = :v0");
    CU_ASSERT_FALSE(json_object_get_boolean(json_object_object_get(
        c.rec.last_query, "ScanIndexForward")));
    CU_ASSERT_PTR_EQUAL(p->types[0], &qs_thing);
    sst_page_free(p);
    sst_query_init(&q);
    q.ascending = true;
    p = list(&c, &qs_thing, &q);
    SST_ASSERT_STR_EQ(qs_ids(p, ids, sizeof ids),
                      "id001,id003,id004,id000,id002");
    sst_page_free(p);
    /* an update (the row written again with a later updated_at) */
    seed_ok(&c, &qs_thing, "id001", QS_T(10), "{\"name\": \"new\"}", 0);
    p = list(&c, &qs_thing, NULL);
    SST_ASSERT_STR_EQ(qs_ids(p, ids, sizeof ids),
                      "id001,id002,id000,id004,id003");
    SST_ASSERT_STR_EQ(json_object_get_string(json_object_object_get(
                          p->items[0], "name")), "new");
    sst_page_free(p);
    /* versioned: v1, then v2; only v0 carries gsitype */
    seed_ok(&c, &qs_vdoc, "d1", QS_T(1), "{\"title\": \"first\"}", 1);
    seed_ok(&c, &qs_vdoc, "d1", QS_T(2), "{\"title\": \"second\"}", 2);
    p = list(&c, &qs_vdoc, NULL);
    SST_ASSERT_STR_EQ(qs_ids(p, ids, sizeof ids), "d1");
    CU_ASSERT_EQUAL(json_object_get_int(json_object_object_get(
                        p->items[0], "version")), 2);
    SST_ASSERT_STR_EQ(json_object_get_string(json_object_object_get(
                          p->items[0], "title")), "second");
    sst_page_free(p);
    CU_ASSERT_EQUAL(qs_delete(c.tm.backend, c.tm.table, &qs_thing, "id001"),
                    SST_OK);
    p = list(&c, &qs_thing, NULL);
    SST_ASSERT_STR_EQ(qs_ids(p, ids, sizeof ids),
                      "id002,id000,id004,id003");
    sst_page_free(p);
    for (k = 0; k < 5; k++) {
        snprintf(id, sizeof id, "id%03d", k);
        CU_ASSERT_EQUAL(qs_delete(c.tm.backend, c.tm.table, &qs_thing, id),
                        SST_OK);
    }
    p = list(&c, &qs_thing, NULL);
    CU_ASSERT_EQUAL(p->count, 0);
    CU_ASSERT_EQUAL(p->api_calls, 1);
    CU_ASSERT_PTR_NULL(p->next_pagination_key);
    sst_page_free(p);
    qs_close(&c);
}

/* ------------------------------------------------------------ filters */

static const char *
filter_fields(int k)
{
    static const char *const rows[] = {
        "{\"status\": \"active\", \"size\": 50, \"data\": \"blob-0\", "
        "\"value\": 0, \"tags\": [\"red\"]}",
        "{\"status\": \"archived\", \"size\": 150, \"data\": \"blob-1\", "
        "\"value\": 1, \"tags\": [\"blue\"]}",
        "{\"status\": \"active\", \"size\": 250, \"data\": \"blob-2\", "
        "\"value\": 2, \"tags\": [\"red\", \"blue\"]}",
        "{\"status\": \"archived\", \"size\": 10, \"data\": \"blob-3\", "
        "\"value\": 3, \"tags\": []}",
        "{\"status\": \"active\", \"size\": 120, \"data\": \"blob-4\", "
        "\"value\": 4, \"tags\": [\"green\"]}",
        "{\"status\": \"archived\", \"size\": 90, \"data\": \"blob-5\", "
        "\"value\": 5, \"tags\": [\"red\"]}",
        "{\"status\": \"active\", \"size\": 300, \"data\": \"blob-6\", "
        "\"value\": 6, \"tags\": []}",
        "{\"status\": \"active\", \"size\": 5, \"data\": \"blob-1\", "
        "\"value\": 7, \"tags\": [\"blue\"]}",
    };
    return rows[k];
}

static struct sst_exprb_node *
attr_eq(struct sst_exprb *b, const char *a, const char *v)
{
    return sst_exprb_eq(b, sst_exprb_path(b, a), sst_exprb_str(b, v));
}

static struct sst_exprb_node *
f_status(struct sst_exprb *b)
{
    return attr_eq(b, "status", "active");
}

static struct sst_exprb_node *
f_gt(struct sst_exprb *b)
{
    return sst_exprb_gt(b, sst_exprb_path(b, "value"), sst_exprb_int(b, 4));
}

static struct sst_exprb_node *
f_and(struct sst_exprb *b)
{
    return sst_exprb_and(b, f_status(b),
                         sst_exprb_gt(b, sst_exprb_path(b, "value"),
                                      sst_exprb_int(b, 3)));
}

static struct sst_exprb_node *
f_contains(struct sst_exprb *b)
{
    return sst_exprb_contains(b, sst_exprb_path(b, "tags"),
                              sst_exprb_str(b, "red"));
}

static struct sst_exprb_node *
f_between(struct sst_exprb *b)
{
    return sst_exprb_between(b, sst_exprb_path(b, "value"),
                             sst_exprb_int(b, 2), sst_exprb_int(b, 4));
}

static struct sst_exprb_node *
f_size(struct sst_exprb *b)
{
    return sst_exprb_gt(b, sst_exprb_path(b, "size"), sst_exprb_int(b, 100));
}

static struct sst_exprb_node *
f_data(struct sst_exprb *b)
{
    return attr_eq(b, "data", "blob-1");
}

/* test_filter_expressions.py: eq, gt, AND, contains, between, and the
 * reserved words size and data, each on list_by_updated_at. */
static void
test_filters(void)
{
    static const struct {
        const char *name;
        struct sst_exprb_node *(*make)(struct sst_exprb *b);
        const char *want;
        const char *text;
    } rows[] = {
        {"eq", f_status, "id007,id006,id004,id002,id000", "#n1 = :v1"},
        {"gt", f_gt, "id007,id006,id005", "#n1 > :v1"},
        {"and", f_and, "id007,id006,id004", "#n1 = :v1 AND #n2 > :v2"},
        {"contains", f_contains, "id005,id002,id000", "contains(#n1, :v1)"},
        {"between", f_between, "id004,id003,id002",
         "#n1 BETWEEN :v1 AND :v2"},
        {"size (reserved)", f_size, "id006,id004,id002,id001", "#n1 > :v1"},
        {"data (reserved)", f_data, "id007,id001", "#n1 = :v1"},
    };
    struct qs_ctx c;
    size_t i;

    if (qs_open(&c) != 0)
        return;
    seed_things(&c, 8, filter_fields);
    for (i = 0; i < N(rows); i++) {
        struct sst_exprb *b = sst_exprb_new();
        struct sst_query q;
        struct sst_page *p;
        json_object *names;

        sst_query_init(&q);
        q.b = b;
        q.filter = rows[i].make(b);
        p = list(&c, &qs_thing, &q);
        if (p == NULL) {
            sst_exprb_free(b);
            continue;
        }
        if (strcmp(qs_ids(p, ids, sizeof ids), rows[i].want) != 0)
            printf("\n  filter %s\n", rows[i].name);
        SST_ASSERT_STR_EQ(ids, rows[i].want);
        SST_ASSERT_STR_EQ(json_object_get_string(json_object_object_get(
                              c.rec.last_query, "FilterExpression")),
                          rows[i].text);
        names = json_object_object_get(c.rec.last_query,
                                       "ExpressionAttributeNames");
        SST_ASSERT_STR_EQ(json_object_get_string(json_object_object_get(
                              names, "#n0")), "gsitype");
        /* filtered, limit 250: Limit min(250 * 3, 1000); one call */
        CU_ASSERT_EQUAL(c.rec.limits[0], 750);
        CU_ASSERT_EQUAL(p->api_calls, 1);
        CU_ASSERT_EQUAL(p->scanned_count, 8);
        CU_ASSERT_TRUE(p->has_efficiency);
        CU_ASSERT_DOUBLE_EQUAL(p->efficiency, (double)p->count / 8.0, 0);
        sst_page_free(p);
        sst_exprb_free(b);
    }
    qs_close(&c);
}

static const char *
half_active(int k)
{
    return k % 2 == 0 ? "{\"status\": \"active\"}"
                      : "{\"status\": \"archived\"}";
}

/* Pagination with a filter: 5 per page, disjoint, the first page's key
 * synthesised from its last resource; the second page starts there. */
static void
test_filter_pagination(void)
{
    struct qs_ctx c;
    struct sst_exprb *b;
    struct sst_query q;
    struct sst_page *p1, *p2;
    json_object *lek = NULL;
    struct sst_err e;

    if (qs_open(&c) != 0)
        return;
    seed_things(&c, 20, half_active);
    b = sst_exprb_new();
    sst_query_init(&q);
    q.b = b;
    q.filter = f_status(b);
    q.results_limit = 5;
    p1 = list(&c, &qs_thing, &q);
    SST_ASSERT_STR_EQ(qs_ids(p1, ids, sizeof ids),
                      "id018,id016,id014,id012,id010");
    CU_ASSERT_EQUAL(c.rec.queries, 1);
    CU_ASSERT_EQUAL(c.rec.limits[0], 50);
    CU_ASSERT_EQUAL(p1->scanned_count, 20);
    CU_ASSERT_DOUBLE_EQUAL(p1->efficiency, 0.5, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p1->next_pagination_key);
    CU_ASSERT_EQUAL_FATAL(sst_pagekey_decode(p1->next_pagination_key,
                                             strlen(p1->next_pagination_key),
                                             &lek, &e), SST_OK);
    SST_ASSERT_STR_EQ(json_object_to_json_string_ext(lek,
                                                     JSON_C_TO_STRING_PLAIN),
                      "{\"pk\":{\"S\":\"Thing#id010\"},"
                      "\"sk\":{\"S\":\"Thing#id010\"},"
                      "\"gsitype\":{\"S\":\"Thing\"},"
                      "\"gsitypesk\":{\"S\":"
                      "\"2026-01-02T03:04:15.123456+00:00\"}}");
    json_object_put(lek);
    q.pagination_key = p1->next_pagination_key;
    p2 = list(&c, &qs_thing, &q);
    SST_ASSERT_STR_EQ(qs_ids(p2, ids, sizeof ids),
                      "id008,id006,id004,id002,id000");
    SST_ASSERT_STR_EQ(p2->pagination_key, p1->next_pagination_key);
    CU_ASSERT_EQUAL(c.rec.limits[0], 50);
    CU_ASSERT_EQUAL(p2->scanned_count, 10);
    CU_ASSERT_PTR_NULL(p2->next_pagination_key);
    sst_page_free(p2);
    sst_page_free(p1);
    sst_exprb_free(b);
    qs_close(&c);
}

static const char *
one_in_twenty(int k)
{
    return k % 20 == 0 ? "{\"category\": \"match\"}"
                       : "{\"category\": \"no_match\"}";
}

/* test_extreme_filtering_performance: 100 rows, 5% match, limit 5: two
 * calls (Limit 50, then 75 from the learned efficiency 0.04), efficiency
 * 0.7 * 0.04 + 0.3 * 0.06. */
static void
test_adaptive_efficiency(void)
{
    struct qs_ctx c;
    struct sst_exprb *b;
    struct sst_query q;
    struct sst_page *p;
    double kept = 0.7 * (2.0 / 50.0), seen = 0.3 * (3.0 / 50.0);

    if (qs_open(&c) != 0)
        return;
    seed_things(&c, 100, one_in_twenty);
    b = sst_exprb_new();
    sst_query_init(&q);
    q.b = b;
    q.filter = attr_eq(b, "category", "match");
    q.results_limit = 5;
    q.max_api_calls = 20;
    p = list(&c, &qs_thing, &q);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    SST_ASSERT_STR_EQ(qs_ids(p, ids, sizeof ids),
                      "id080,id060,id040,id020,id000");
    CU_ASSERT_EQUAL(p->api_calls, 2);
    CU_ASSERT_EQUAL(c.rec.queries, 2);
    CU_ASSERT_EQUAL(c.rec.limits[0], 50);
    CU_ASSERT_EQUAL(c.rec.limits[1], 75);
    CU_ASSERT_TRUE(p->has_efficiency);
    CU_ASSERT_TRUE(p->efficiency > 0.04 && p->efficiency < 0.06);
    CU_ASSERT_DOUBLE_EQUAL(p->efficiency, kept + seen, 0);
    CU_ASSERT_EQUAL(p->scanned_count, 100);
    CU_ASSERT_PTR_NULL(p->next_pagination_key);
    sst_page_free(p);
    sst_exprb_free(b);
    qs_close(&c);
}

/* test_no_filtering_unchanged_behavior: 20 rows, limit 20, no filter: one
 * call with Limit 20, 20 scanned, no efficiency; DynamoDB stopped at the
 * Limit, so its LastEvaluatedKey is the next key. */
static void
test_no_filter(void)
{
    struct qs_ctx c;
    struct sst_query q;
    struct sst_page *p;
    json_object *lek = NULL;
    struct sst_err e;

    if (qs_open(&c) != 0)
        return;
    seed_things(&c, 20, NULL);
    sst_query_init(&q);
    q.results_limit = 20;
    p = list(&c, &qs_thing, &q);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL(p->count, 20);
    CU_ASSERT_EQUAL(p->api_calls, 1);
    CU_ASSERT_EQUAL(c.rec.limits[0], 20);
    CU_ASSERT_EQUAL(p->scanned_count, 20);
    CU_ASSERT_FALSE(p->has_efficiency);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p->next_pagination_key);
    CU_ASSERT_EQUAL_FATAL(sst_pagekey_decode(p->next_pagination_key,
                                             strlen(p->next_pagination_key),
                                             &lek, &e), SST_OK);
    CU_ASSERT_EQUAL(json_object_object_length(lek), 4);
    SST_ASSERT_STR_EQ(json_object_get_string(json_object_object_get(
                          json_object_object_get(lek, "pk"), "S")),
                      "Thing#id000");
    SST_ASSERT_STR_EQ(json_object_get_string(json_object_object_get(
                          json_object_object_get(lek, "gsitypesk"), "S")),
                      "2026-01-02T03:04:05.123456+00:00");
    json_object_put(lek);
    sst_page_free(p);
    qs_close(&c);
}

static enum sst_code
keep_all(const struct sst_type *t, const struct json_object *r, void *ud,
         bool *keep, struct sst_err *err)
{
    (void)t, (void)r, (void)ud, (void)err;
    *keep = true;
    return SST_OK;
}

/* Python's encode_pagination_key() of {"pk": "VDoc#d004", "sk": "v0",
 * "gsitype": "VDoc", "gsitypesk": <QS_T(4) isoformat>}. */
#define PY_KEY_VDOC_D004                                                     \
    "eyJwayI6ICJWRG9jI2QwMDQiLCAic2siOiAidjAiLCAiZ3NpdHlwZSI6ICJWRG9jIiwg" \
    "ImdzaXR5cGVzayI6ICIyMDI2LTAxLTAyVDAzOjA0OjA5LjEyMzQ1NiswMDowMCJ9"

/* A page of a versioned type cut by a filter is keyed on the last
 * resource's v0 row (to_dynamodb_item(v0_object=True)): sk "v0". */
static void
test_versioned_cut(void)
{
    struct qs_ctx c;
    struct sst_query q;
    struct sst_page *p1, *p2;
    char id[16];
    int k;

    if (qs_open(&c) != 0)
        return;
    for (k = 0; k < 6; k++) {
        snprintf(id, sizeof id, "d%03d", k);
        seed_ok(&c, &qs_vdoc, id, QS_T(k), "{\"title\": \"t\"}", 3);
    }
    sst_query_init(&q);
    q.filter_fn = keep_all;
    q.results_limit = 2;
    p1 = list(&c, &qs_vdoc, &q);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p1);
    SST_ASSERT_STR_EQ(qs_ids(p1, ids, sizeof ids), "d005,d004");
    CU_ASSERT_EQUAL(json_object_get_int(json_object_object_get(
                        p1->items[1], "version")), 3);
    SST_ASSERT_STR_EQ(p1->next_pagination_key, PY_KEY_VDOC_D004);
    q.pagination_key = p1->next_pagination_key;
    p2 = list(&c, &qs_vdoc, &q);
    SST_ASSERT_STR_EQ(qs_ids(p2, ids, sizeof ids), "d003,d002");
    CU_ASSERT_EQUAL(p2->scanned_count, 4);
    CU_ASSERT_PTR_NOT_NULL(p2->next_pagination_key);
    sst_page_free(p2);
    sst_page_free(p1);
    qs_close(&c);
}

static const struct sst_test query_tests[] = {
    {"gsi1 creation order, both ways, per key", test_gsi1_order},
    {"list by updated_at", test_list_by_updated_at},
    {"filters (eq gt and contains between, reserved words)", test_filters},
    {"pagination with a filter: 5 per page, disjoint",
     test_filter_pagination},
    {"adaptive efficiency: 5% match, limit 5, 2 calls",
     test_adaptive_efficiency},
    {"no filter: 1 call, 20 scanned, no efficiency", test_no_filter},
    {"versioned: a cut page is keyed on v0", test_versioned_cut},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    return sst_tm_main(argc, argv, "test_memory_query", query_tests);
}
