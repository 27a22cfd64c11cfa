/*
 * tests/memory/test_memory_paging.c - pagination of sst_memory_query() on
 * the emulator and on DynamoDB Local: client-side filters, mixed types on
 * a second call (the spec's fix), sst_memory_query_all(), keys
 * interchangeable with Python's, a table whose index is named gsi-1,
 * max_api_calls, and the refusals.
 */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "tests/harness.h"
#include "tests/memory/qseed.h"

static char ids[4096];

/* Python's encode_pagination_key() of {"pk": "Thing#id00K", "sk": same,
 * "gsitype": "Thing", "gsitypesk": <QS_T(K) isoformat>}, K = 3 and 4,
 * computed with Python (urlsafe_b64encode(json.dumps(lek))). */
#define PY_KEY_ID003                                                         \
    "eyJwayI6ICJUaGluZyNpZDAwMyIsICJzayI6ICJUaGluZyNpZDAwMyIsICJnc2l0eXBl" \
    "IjogIlRoaW5nIiwgImdzaXR5cGVzayI6ICIyMDI2LTAxLTAyVDAzOjA0OjA4LjEyMzQ1" \
    "NiswMDowMCJ9"
#define PY_KEY_ID004                                                         \
    "eyJwayI6ICJUaGluZyNpZDAwNCIsICJzayI6ICJUaGluZyNpZDAwNCIsICJnc2l0eXBl" \
    "IjogIlRoaW5nIiwgImdzaXR5cGVzayI6ICIyMDI2LTAxLTAyVDAzOjA0OjA5LjEyMzQ1" \
    "NiswMDowMCJ9"

static void
seed_ok(struct qs_ctx *c, const char *table, const struct sst_type *t,
        const char *id, int64_t updated, const char *fields)
{
    CU_ASSERT_EQUAL(qs_seed(c->tm.backend, table ? table : c->tm.table, t,
                            id, QS_T(0), updated, fields, 1), SST_OK);
}

static void
seed_things(struct qs_ctx *c, int n, const char *fields)
{
    char id[16];
    int k;

    for (k = 0; k < n; k++) {
        snprintf(id, sizeof id, "id%03d", k);
        seed_ok(c, NULL, &qs_thing, id, QS_T(k), fields);
    }
}

/* A query on gsitype for Things (what list_by_updated_at sends). */
static void
thing_query(struct sst_query *q, struct sst_exprb *b)
{
    sst_query_init(q);
    q->type = &qs_thing;
    q->index_name = "gsitype";
    q->b = b;
    q->key_condition = sst_exprb_eq(b, sst_exprb_path(b, "gsitype"),
                                    sst_exprb_str(b, "Thing"));
}

static struct sst_page *
run(struct qs_ctx *c, struct sst_memory *m, const struct sst_query *q)
{
    struct sst_page *p = NULL;
    struct sst_err e;

    sst_rec_reset(&c->rec);
    if (sst_memory_query(m ? m : c->m, q, &p, &e) != SST_OK) {
        printf("\n  query: %s: %s\n", sst_code_name(e.code), e.message);
        CU_FAIL("sst_memory_query");
    }
    return p;
}

/* ---------------------------------------------------- client filters */

static enum sst_code
every_third(const struct sst_type *t, const struct json_object *r, void *ud,
            bool *keep, struct sst_err *err)
{
    (void)t, (void)err;
    (*(int *)ud)++;
    *keep = json_object_get_int(json_object_object_get(
                (json_object *)r, "value")) % 3 == 0;
    return SST_OK;
}

/* filter_fn counts as a filter: Limit 50, efficiency over the items
 * DynamoDB returned, the page cut at results_limit with a synthesised
 * key, and the next page resumes after it. */
static void
test_filter_fn(void)
{
    struct qs_ctx c;
    struct sst_exprb *b = sst_exprb_new();
    struct sst_query q;
    struct sst_page *p1, *p2;
    char id[16], fields[32];
    int k, seen = 0;

    if (qs_open(&c) != 0) {
        sst_exprb_free(b);
        return;
    }
    for (k = 0; k < 12; k++) {
        snprintf(id, sizeof id, "id%03d", k);
        snprintf(fields, sizeof fields, "{\"value\": %d}", k);
        seed_ok(&c, NULL, &qs_thing, id, QS_T(k), fields);
    }
    thing_query(&q, b);
    q.filter_fn = every_third;
    q.filter_ud = &seen;
    q.results_limit = 2;
    p1 = run(&c, NULL, &q);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p1);
    SST_ASSERT_STR_EQ(qs_ids(p1, ids, sizeof ids), "id009,id006");
    CU_ASSERT_EQUAL(seen, 12);
    CU_ASSERT_EQUAL(c.rec.limits[0], 50);
    CU_ASSERT_PTR_NULL(json_object_object_get(c.rec.last_query,
                                              "FilterExpression"));
    CU_ASSERT_DOUBLE_EQUAL(p1->efficiency, 4.0 / 12.0, 0);
    CU_ASSERT_EQUAL(p1->scanned_count, 12);
    q.pagination_key = p1->next_pagination_key;
    p2 = run(&c, NULL, &q);
    SST_ASSERT_STR_EQ(qs_ids(p2, ids, sizeof ids), "id003,id000");
    CU_ASSERT_EQUAL(p2->scanned_count, 6);
    CU_ASSERT_DOUBLE_EQUAL(p2->efficiency, 2.0 / 6.0, 0);
    CU_ASSERT_PTR_NULL(p2->next_pagination_key);
    sst_page_free(p2);
    sst_page_free(p1);
    sst_exprb_free(b);
    qs_close(&c);
}

static const struct sst_type *
fruit_type(const struct json_object *item, void *ud)
{
    const char *pk = json_object_get_string(json_object_object_get(
        json_object_object_get((json_object *)item, "pk"), "S"));

    (void)ud;
    if (strncmp(pk, "Apple#", 6) == 0)
        return &qs_apple;
    if (strncmp(pk, "Pear#", 5) == 0)
        return &qs_pear;
    return NULL;
}

/* A type_fn query that needs a second call keeps its type_fn (Python
 * loses it and raises): 30 Apples then 30 Pears on gsi1 (ranged on pk),
 * ripe: two apples first, five pears last. Call 1 (Limit 50) finds the
 * apples, call 2 (Limit 75: learned 0.04) three of the pears, cut at 5
 * with a key synthesised from a Pear with Pear's config. */
static void
test_type_fn_second_call(void)
{
    struct qs_ctx c;
    struct sst_exprb *b = sst_exprb_new();
    struct sst_query q;
    struct sst_page *p1, *p2;
    char id[16];
    int k;

    if (qs_open(&c) != 0) {
        sst_exprb_free(b);
        return;
    }
    for (k = 0; k < 60; k++) {
        bool ripe = k < 2 || k >= 55;

        snprintf(id, sizeof id, "%c%03d", k < 30 ? 'a' : 'p', k);
        seed_ok(&c, NULL, k < 30 ? &qs_apple : &qs_pear, id, QS_T(k),
                ripe ? "{\"value\": 1, \"ripe\": true}" : "{\"value\": 1}");
    }
    sst_query_init(&q);
    q.type_fn = fruit_type;
    q.index_name = "gsi1";
    q.b = b;
    q.key_condition = sst_exprb_eq(b, sst_exprb_path(b, "gsi1pk"),
                                   sst_exprb_str(b, "basket#1"));
    q.filter = sst_exprb_eq(b, sst_exprb_path(b, "ripe"),
                            sst_exprb_bool(b, true));
    q.results_limit = 5;
    q.ascending = true;
    p1 = run(&c, NULL, &q);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p1);
    SST_ASSERT_STR_EQ(qs_ids(p1, ids, sizeof ids),
                      "a000,a001,p055,p056,p057");
    CU_ASSERT_PTR_EQUAL(p1->types[1], &qs_apple);
    CU_ASSERT_PTR_EQUAL(p1->types[2], &qs_pear);
    CU_ASSERT_EQUAL(p1->api_calls, 2);
    CU_ASSERT_EQUAL(c.rec.limits[0], 50);
    CU_ASSERT_EQUAL(c.rec.limits[1], 75);
    CU_ASSERT_EQUAL(p1->scanned_count, 60);
    CU_ASSERT_DOUBLE_EQUAL(p1->efficiency, 0.7 * 0.04 + 0.3 * 0.5, 1e-15);
    q.pagination_key = p1->next_pagination_key;
    p2 = run(&c, NULL, &q);
    SST_ASSERT_STR_EQ(qs_ids(p2, ids, sizeof ids), "p058,p059");
    SST_ASSERT_STR_EQ(json_object_to_json_string_ext(
                          json_object_object_get(c.rec.last_query,
                                                 "ExclusiveStartKey"),
                          JSON_C_TO_STRING_PLAIN),
                      "{\"pk\":{\"S\":\"Pear#p057\"},"
                      "\"sk\":{\"S\":\"Pear#p057\"},"
                      "\"gsi1pk\":{\"S\":\"basket#1\"}}");
    CU_ASSERT_PTR_NULL(p2->next_pagination_key);
    sst_page_free(p2);
    sst_page_free(p1);
    sst_exprb_free(b);
    qs_close(&c);
}

/* ------------------------------------------------------------ query_all */

struct collect {
    char ids[1024];
    int pages;
    int stop_after;
};

static enum sst_code
collect(const struct sst_page *p, void *ud, bool *stop, struct sst_err *err)
{
    struct collect *c = ud;
    char buf[512];
    size_t n = strlen(c->ids);

    (void)err;
    c->pages++;
    snprintf(c->ids + n, sizeof c->ids - n, "%s%s", n ? "|" : "",
             qs_ids(p, buf, sizeof buf));
    *stop = c->pages == c->stop_after;
    return SST_OK;
}

static enum sst_code
fail_second(const struct sst_page *p, void *ud, bool *stop,
            struct sst_err *err)
{
    (void)p, (void)stop;
    if (++*(int *)ud == 2)
        return sst_err_set(err, SST_E_INVALID_DATA, "enough");
    return SST_OK;
}

/* exhaust_pagination(): every page until one has no next key; a stop
 * request and an error from the callback end it. */
static void
test_query_all(void)
{
    struct qs_ctx c;
    struct sst_exprb *b = sst_exprb_new();
    struct sst_query q;
    struct collect all = {{0}, 0, 0}, first = {{0}, 0, 1};
    struct sst_err e;
    int calls = 0;

    if (qs_open(&c) != 0) {
        sst_exprb_free(b);
        return;
    }
    seed_things(&c, 12, "{}");
    thing_query(&q, b);
    q.results_limit = 5;
    CU_ASSERT_EQUAL(sst_memory_query_all(c.m, &q, collect, &all, &e),
                    SST_OK);
    CU_ASSERT_EQUAL(all.pages, 3);
    SST_ASSERT_STR_EQ(all.ids, "id011,id010,id009,id008,id007|"
                               "id006,id005,id004,id003,id002|"
                               "id001,id000");
    sst_rec_reset(&c.rec);
    CU_ASSERT_EQUAL(sst_memory_query_all(c.m, &q, collect, &first, &e),
                    SST_OK);
    CU_ASSERT_EQUAL(first.pages, 1);
    CU_ASSERT_EQUAL(c.rec.queries, 1);
    CU_ASSERT_EQUAL(sst_memory_query_all(c.m, &q, fail_second, &calls, &e),
                    SST_E_INVALID_DATA);
    SST_ASSERT_STR_EQ(e.message, "enough");
    CU_ASSERT_EQUAL(calls, 2);
    sst_exprb_free(b);
    qs_close(&c);
}

/* ------------------------------------------------------------ keys */

/* Keys are Python's: a key Python wrote resumes the query, and a key sst
 * synthesises is the string Python would write. */
static void
test_python_keys(void)
{
    struct qs_ctx c;
    struct sst_exprb *b = sst_exprb_new();
    struct sst_query q;
    struct sst_page *p;

    if (qs_open(&c) != 0) {
        sst_exprb_free(b);
        return;
    }
    seed_things(&c, 6, "{}");
    thing_query(&q, b);
    q.pagination_key = PY_KEY_ID003;
    p = run(&c, NULL, &q);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    SST_ASSERT_STR_EQ(qs_ids(p, ids, sizeof ids), "id002,id001,id000");
    SST_ASSERT_STR_EQ(p->pagination_key, PY_KEY_ID003);
    SST_ASSERT_STR_EQ(json_object_to_json_string_ext(
                          json_object_object_get(c.rec.last_query,
                                                 "ExclusiveStartKey"),
                          JSON_C_TO_STRING_PLAIN),
                      "{\"pk\":{\"S\":\"Thing#id003\"},"
                      "\"sk\":{\"S\":\"Thing#id003\"},"
                      "\"gsitype\":{\"S\":\"Thing\"},"
                      "\"gsitypesk\":{\"S\":"
                      "\"2026-01-02T03:04:08.123456+00:00\"}}");
    sst_page_free(p);
    /* a filter that keeps everything: the page is cut and keyed by sst */
    q.pagination_key = NULL;
    q.filter = sst_exprb_eq(b, sst_exprb_path(b, "status"),
                            sst_exprb_str(b, ""));
    q.results_limit = 2;
    p = run(&c, NULL, &q);
    SST_ASSERT_STR_EQ(qs_ids(p, ids, sizeof ids), "id005,id004");
    SST_ASSERT_STR_EQ(p->next_pagination_key, PY_KEY_ID004);
    sst_page_free(p);
    sst_exprb_free(b);
    qs_close(&c);
}

/* -------------------------------------------------- dashed index name */

static enum sst_code
create_dashed(struct qs_ctx *c, const char *table)
{
    char req[1024];
    json_object *resp = NULL;
    struct sst_err e;
    enum sst_code rc;

    snprintf(req, sizeof req,
             "{\"TableName\": \"%s\", \"KeySchema\": ["
             "{\"AttributeName\": \"pk\", \"KeyType\": \"HASH\"},"
             "{\"AttributeName\": \"sk\", \"KeyType\": \"RANGE\"}],"
             "\"AttributeDefinitions\": ["
             "{\"AttributeName\": \"pk\", \"AttributeType\": \"S\"},"
             "{\"AttributeName\": \"sk\", \"AttributeType\": \"S\"},"
             "{\"AttributeName\": \"gsi1pk\", \"AttributeType\": \"S\"},"
             "{\"AttributeName\": \"gsi1sk\", \"AttributeType\": \"S\"}],"
             "\"GlobalSecondaryIndexes\": [{\"IndexName\": \"gsi-1\","
             "\"KeySchema\": ["
             "{\"AttributeName\": \"gsi1pk\", \"KeyType\": \"HASH\"},"
             "{\"AttributeName\": \"gsi1sk\", \"KeyType\": \"RANGE\"}],"
             "\"Projection\": {\"ProjectionType\": \"ALL\"}}],"
             "\"BillingMode\": \"PAY_PER_REQUEST\"}",
             table);
    rc = sst_tm_call(&c->tm, "CreateTable", req, &resp, &e);
    json_object_put(resp);
    if (rc != SST_OK)
        printf("\n  CreateTable: %s\n", e.message);
    return rc;
}

/* test_filtered_query_on_dashed_index_paginates: a filter cuts pages on
 * an index named gsi-1, so every next key is synthesised from gsi1pk and
 * gsi1sk; pages never overlap and every active row is seen once. */
static void
test_dashed_index(void)
{
    struct qs_ctx c;
    struct sst_exprb *b = sst_exprb_new();
    struct sst_memory *m;
    struct sst_query q;
    char table[96], id[16], seen[256] = "", key[512] = "";
    json_object *resp = NULL;
    struct sst_err e;
    int k, pages = 0;

    if (qs_open(&c) != 0) {
        sst_exprb_free(b);
        return;
    }
    snprintf(table, sizeof table, "%s_dashed", c.tm.table);
    CU_ASSERT_EQUAL_FATAL(create_dashed(&c, table), SST_OK);
    m = qs_handle(&c, table);
    for (k = 0; k < 10; k++) {
        snprintf(id, sizeof id, "o%03d", k);
        seed_ok(&c, table, &qs_owned, id, QS_T(k),
                k % 2 == 0 ? "{\"owner_id\": \"owner-1\", \"status\": "
                             "\"active\"}"
                           : "{\"owner_id\": \"owner-1\", \"status\": "
                             "\"archived\"}");
    }
    sst_query_init(&q);
    q.type = &qs_owned;
    q.index_name = "gsi-1";
    q.b = b;
    q.key_condition = sst_exprb_eq(b, sst_exprb_path(b, "gsi1pk"),
                                   sst_exprb_str(b, "things#owner-1"));
    q.filter = sst_exprb_eq(b, sst_exprb_path(b, "status"),
                            sst_exprb_str(b, "active"));
    q.results_limit = 2;
    for (pages = 0; pages < 5; pages++) {
        struct sst_page *p = run(&c, m, &q);
        size_t n = strlen(seen);

        if (p == NULL)
            break;
        snprintf(seen + n, sizeof seen - n, "%s%s", n ? "|" : "",
                 qs_ids(p, ids, sizeof ids));
        if (p->next_pagination_key == NULL) {
            sst_page_free(p);
            break;
        }
        snprintf(key, sizeof key, "%s", p->next_pagination_key);
        q.pagination_key = key;
        sst_page_free(p);
    }
    SST_ASSERT_STR_EQ(seen, "o008,o006|o004,o002|o000");
    CU_ASSERT_EQUAL(pages, 2);
    sst_memory_close(m);
    snprintf(key, sizeof key, "{\"TableName\": \"%s\"}", table);
    CU_ASSERT_EQUAL(sst_tm_call(&c.tm, "DeleteTable", key, &resp, &e),
                    SST_OK);
    json_object_put(resp);
    sst_exprb_free(b);
    qs_close(&c);
}

/* ------------------------------------------------------------ limits */

/* Python stops at max_api_calls before it cuts: a page that matched more
 * than results_limit in its last allowed call is returned whole. */
static void
test_max_api_calls(void)
{
    struct qs_ctx c;
    struct sst_exprb *b = sst_exprb_new();
    struct sst_query q;
    struct sst_page *p;

    if (qs_open(&c) != 0) {
        sst_exprb_free(b);
        return;
    }
    seed_things(&c, 20, "{\"status\": \"active\"}");
    thing_query(&q, b);
    q.filter = sst_exprb_eq(b, sst_exprb_path(b, "status"),
                            sst_exprb_str(b, "active"));
    q.results_limit = 5;
    q.max_api_calls = 1;
    p = run(&c, NULL, &q);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL(p->count, 20);
    CU_ASSERT_EQUAL(p->api_calls, 1);
    CU_ASSERT_PTR_NULL(p->next_pagination_key);
    sst_page_free(p);
    sst_exprb_free(b);
    qs_close(&c);
}

/* ------------------------------------------------------------ refusals */

static const struct sst_type *
no_type(const struct json_object *item, void *ud)
{
    (void)item, (void)ud;
    return NULL;
}

static enum sst_code
refuse(const struct sst_type *t, const struct json_object *r, void *ud,
       bool *keep, struct sst_err *err)
{
    (void)t, (void)r, (void)ud, (void)keep;
    return sst_err_set(err, SST_E_INVALID_ARG, "filter says no");
}

static void
test_refusals(void)
{
    static const struct {
        const char *key;
        const char *message;
    } keys[] = {
        {"!!!", "invalid pagination key: not URL-safe base64"},
        {"WzFd", "invalid pagination key: not a JSON object"},
        {"e30=", "invalid pagination key: no key attributes"},
    };
    struct qs_ctx c;
    struct sst_exprb *b = sst_exprb_new();
    struct sst_query q;
    struct sst_page *p = (struct sst_page *)&c;
    struct sst_err e;
    size_t i;

    if (qs_open(&c) != 0) {
        sst_exprb_free(b);
        return;
    }
    seed_things(&c, 2, "{}");
    thing_query(&q, b);
    for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        q.pagination_key = keys[i].key;
        sst_rec_reset(&c.rec);
        CU_ASSERT_EQUAL(sst_memory_query(c.m, &q, &p, &e),
                        SST_E_INVALID_ARG);
        CU_ASSERT_PTR_NULL(p);
        SST_ASSERT_STR_EQ(e.message, keys[i].message);
        CU_ASSERT_EQUAL(c.rec.calls, 0);
    }
    q.pagination_key = NULL;
    q.type = NULL;
    CU_ASSERT_EQUAL(sst_memory_query(c.m, &q, &p, &e), SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(e.message,
                      "Must supply either resource_class or "
                      "resource_class_fn");
    q.type_fn = no_type;
    CU_ASSERT_EQUAL(sst_memory_query(c.m, &q, &p, &e), SST_E_INVALID_DATA);
    SST_ASSERT_STR_EQ(e.message, "type_fn gave no type for an item");
    q.type_fn = NULL;
    q.type = &qs_thing;
    q.filter_fn = refuse;
    CU_ASSERT_EQUAL(sst_memory_query(c.m, &q, &p, &e), SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(e.message, "filter says no");
    q.filter_fn = NULL;
    q.key_condition = NULL;
    CU_ASSERT_EQUAL(sst_memory_query(c.m, &q, &p, &e), SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(e.message, "sst_memory_query: a key condition (and "
                                 "its builder) is required");
    sst_query_init(&q);
    q.filter = sst_exprb_exists(b, sst_exprb_path(b, "x"));
    CU_ASSERT_EQUAL(sst_memory_list_by_updated_at(c.m, &qs_thing, &q, &p, &e),
                    SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(e.message, "sst_memory_list_by_updated_at: a filter "
                                 "needs its builder (q->b)");
    sst_exprb_free(b);
    qs_close(&c);
}

/* Out of memory at every allocation of a query that makes two calls,
 * cuts its page and synthesises a key: SST_E_NOMEM, nothing leaked. On
 * the emulator only (its allocations fail too; over HTTP the loop would
 * only be slow). */
static void
test_oom(void)
{
    struct qs_ctx c;
    struct sst_exprb *b = sst_exprb_new();
    struct sst_query q;
    struct sst_page *p = NULL;
    struct sst_err e;
    enum sst_code rc = SST_E_NOMEM;
    long n, before;
    int other = 0;

    if (sst_tm_side != SST_TM_EMU) {
        sst_test_skip("the allocation-failure loop runs on the emulator");
        sst_exprb_free(b);
        return;
    }
    if (qs_open(&c) != 0) {
        sst_exprb_free(b);
        return;
    }
    /* 60 rows, the 15 oldest match: call 1 (Limit 50) finds 5, call 2
     * (Limit 70) 10, cut to 12 */
    for (n = 0; n < 60; n++) {
        char id[16];

        snprintf(id, sizeof id, "id%03ld", n);
        seed_ok(&c, NULL, &qs_thing, id, QS_T(n),
                n < 15 ? "{}" : "{\"status\": \"x\"}");
    }
    thing_query(&q, b);
    q.filter = sst_exprb_eq(b, sst_exprb_path(b, "status"),
                            sst_exprb_str(b, ""));
    q.results_limit = 12;
    for (n = 1; rc == SST_E_NOMEM && n < 100000; n++) {
        before = sst_mem_live_count();
        sst_mem_fail_after(n);
        rc = sst_memory_query(c.m, &q, &p, &e);
        sst_mem_fail_reset();
        if (rc != SST_OK && rc != SST_E_NOMEM && other++ < 3)
            printf("\n  allocation %ld: %s: %s\n", n, sst_code_name(rc),
                   e.message);
        if (rc != SST_OK) {
            CU_ASSERT_PTR_NULL(p);
            CU_ASSERT_EQUAL(sst_mem_live_count(), before);
        }
    }
    CU_ASSERT_EQUAL(other, 0);
    CU_ASSERT_EQUAL_FATAL(rc, SST_OK);
    CU_ASSERT_EQUAL(p->count, 12);
    CU_ASSERT_EQUAL(p->api_calls, 2);
    CU_ASSERT_PTR_NOT_NULL(p->next_pagination_key);
    sst_page_free(p);
    sst_exprb_free(b);
    qs_close(&c);
}

static const struct sst_test paging_tests[] = {
    {"filter_fn: client-side filter, cut and resumed", test_filter_fn},
    {"type_fn kept on the second call (mixed types)",
     test_type_fn_second_call},
    {"query_all exhausts, stops, fails", test_query_all},
    {"keys interchangeable with Python", test_python_keys},
    {"gsi-1 table: filtered pages without overlap", test_dashed_index},
    {"max_api_calls keeps the last call whole", test_max_api_calls},
    {"refusals", test_refusals},
    {"out of memory at every allocation", test_oom},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    return sst_tm_main(argc, argv, "test_memory_paging", paging_tests);
}
