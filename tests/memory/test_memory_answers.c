/*
 * tests/memory/test_memory_answers.c - backend answers that do not read,
 * and the other inputs fuzz_memory_backend (fuzz/) found mishandled: each
 * row runs one memory operation on a backend that gives canned answers in
 * order, and asserts the code and message returned.
 *
 * An answer the library cannot read is SST_E_INVALID_DATA, never a code
 * of DynamoDB's own (SST_E_VALIDATION, SST_E_INTERNAL), which would
 * blame a request DynamoDB never refused.
 */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/sst.h>

#include "tests/harness.h"
#include "tests/memory/mtest.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_ANSWERS 4

/* A backend giving answers[0], answers[1], ... (responses in wire JSON);
 * past the last, SST_E_TRANSPORT. */
struct canned {
    struct sst_backend base; /* first */
    const char *const *answers;
    size_t next;
};

static enum sst_code
canned_call(struct sst_backend *b, const char *op,
            const struct json_object *req, struct json_object **resp,
            struct sst_err *err)
{
    struct canned *c = (struct canned *)b;
    const char *a = c->next < MAX_ANSWERS ? c->answers[c->next] : NULL;

    (void)op, (void)req;
    *resp = NULL;
    if (a == NULL)
        return sst_err_set(err, SST_E_TRANSPORT, "no more answers");
    c->next++;
    *resp = json_tokener_parse(a);
    return SST_OK;
}

static void
canned_close(struct sst_backend *b)
{
    (void)b;
}

static const struct sst_backend_ops canned_ops = {"canned", canned_call,
                                                  canned_close};

enum op { INCREMENT, QUERY, BATCH_GET };

static const struct row {
    const char *why;
    enum op op;
    const char *field; /* INCREMENT: the counter */
    const char *answers[MAX_ANSWERS];
    enum sst_code rc;
    const char *message;
    int64_t value; /* INCREMENT on SST_OK */
} rows[] = {
    {"counter answered", INCREMENT, "count",
     {"{\"Attributes\":{\"count\":{\"N\":\"7\"}}}"}, SST_OK, "", 7},
    {"counter missing", INCREMENT, "count", {"{}"}, SST_E_INVALID_DATA,
     "UpdateItem did not return count", 0},
    {"counter not a number", INCREMENT, "count",
     {"{\"Attributes\":{\"count\":{\"S\":\"7\"}}}"}, SST_E_INVALID_DATA,
     "the counter is not a number", 0},
    {"counter beyond int64", INCREMENT, "count",
     {"{\"Attributes\":{\"count\":{\"N\":\"99999999999999999999\"}}}"},
     SST_E_INVALID_DATA,
     "the counter 99999999999999999999 is not an integer", 0},
    {"map counter missing", INCREMENT, "counters.a",
     {"{\"Attributes\":{\"counters\":{\"M\":{}}}}"}, SST_E_INVALID_DATA,
     "UpdateItem did not return counters.a", 0},
    {"query without Items", QUERY, NULL, {"{\"Count\":0}"},
     SST_E_INVALID_DATA, "Query answered without Items", 0},
    {"query with Items not a list", QUERY, NULL, {"{\"Items\":{}}"},
     SST_E_INVALID_DATA, "Query answered without Items", 0},
    {"batch get with Responses not a list", BATCH_GET, NULL,
     {"{\"Responses\":{\"tbl\":{\"pk\":{\"S\":\"x\"}}}}"},
     SST_E_INVALID_DATA,
     "BatchGetItem answered Responses that are not a list", 0},
};

static enum sst_code
run_row(struct sst_memory *m, const struct row *r, const json_object *thing,
        int64_t *value, struct sst_err *e)
{
    struct sst_query q;
    struct sst_page *page = NULL;
    struct sst_exprb *b;
    enum sst_code rc;

    if (r->op == INCREMENT)
        return sst_memory_increment(m, &mt_thing, thing, r->field, 1, value,
                                    e);
    if (r->op == BATCH_GET) {
        static const char *const ids[] = {"c"};
        json_object *out = (json_object *)&out;

        rc = sst_memory_batch_get(m, &mt_thing, ids, 1, false, &out, e);
        CU_ASSERT(rc == SST_OK || out == NULL);
        json_object_put(rc == SST_OK ? out : NULL);
        return rc;
    }
    b = sst_exprb_new();
    sst_query_init(&q);
    q.type = &mt_thing;
    q.b = b;
    q.key_condition = sst_exprb_eq(b, sst_exprb_path(b, "pk"),
                                   sst_exprb_str(b, "Thing#c"));
    rc = sst_memory_query(m, &q, &page, e);
    CU_ASSERT(rc == SST_OK || page == NULL);
    sst_page_free(page);
    sst_exprb_free(b);
    return rc;
}

static void
test_answers(void)
{
    json_object *data = mt_json("{\"name\":\"c\",\"count\":10,"
                                "\"counters\":{\"a\":1}}");
    json_object *thing = NULL;
    struct sst_memory_opts o;
    size_t i;

    sst_memory_opts_init(&o, "tbl");
    o.track_stats = false;
    CU_ASSERT_EQUAL_FATAL(sst_resource_new(&mt_thing, data, "c", NULL, NULL,
                                           &thing, NULL), SST_OK);
    for (i = 0; i < N(rows); i++) {
        struct canned c = {{&canned_ops}, rows[i].answers, 0};
        struct sst_memory *m = NULL;
        struct sst_err e;
        int64_t v = -1;
        enum sst_code rc;

        sst_err_clear(&e);
        CU_ASSERT_EQUAL_FATAL(sst_memory_open(&c.base, &o, &m, &e), SST_OK);
        rc = run_row(m, &rows[i], thing, &v, &e);
        if (rc != rows[i].rc || strcmp(e.message, rows[i].message) != 0 ||
            (rc == SST_OK && v != rows[i].value))
            printf("\n  %s: got %s \"%s\" (%lld)\n", rows[i].why,
                   sst_code_name(rc), e.message, (long long)v);
        CU_ASSERT_EQUAL(rc, rows[i].rc);
        SST_ASSERT_STR_EQ(e.message, rows[i].message);
        if (rows[i].rc == SST_OK)
            CU_ASSERT_EQUAL(v, rows[i].value);
        sst_memory_close(m);
    }
    json_object_put(thing);
    json_object_put(data);
}

static const struct sst_test tests[] = {
    {"answers that do not read", test_answers},
    {NULL, NULL},
};

static const struct sst_suite suites[] = {
    {"canned", NULL, NULL, tests},
    {NULL, NULL, NULL, NULL},
};

int
main(int argc, char **argv)
{
    return sst_test_main(argc, argv, "test_memory_answers", suites);
}
