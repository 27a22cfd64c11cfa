/*
 * tests/unit/test_wrappers.c - the backends that wrap others: fault: and
 * diff:. They wrap HTTP backends talking to tests/fake_server.c (scripted
 * answers, so normalisation and fault sequences are exact) and, when the
 * launcher provides it, DynamoDB Local.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/diff.h>
#include <sst/fault.h>
#include <sst/http.h>
#include <sst/sst.h>

#include "fake_server.h"
#include "harness.h"

static struct fake_server *fs;
static char base_url[64];

static int
suite_init(void)
{
    fs = fake_server_start();
    if (fs == NULL)
        return 1;
    fake_server_url(fs, base_url, sizeof base_url);
    setenv("AWS_ACCESS_KEY_ID", "AKIDTEST", 1);
    setenv("AWS_SECRET_ACCESS_KEY", "SECRETTEST", 1);
    return 0;
}

static int
suite_cleanup(void)
{
    fake_server_stop(fs);
    return 0;
}

/* "http://127.0.0.1:PORT/path?max-attempts=1" */
static void
url_for(char *buf, size_t cap, const char *path)
{
    snprintf(buf, cap, "%s%s?max-attempts=1&region=us-east-1", base_url,
             path);
}

static void
answer(const char *path, const char *body)
{
    struct fake_rule r = {"POST", path, -1, 200, NULL, body, FAKE_NORMAL, 0};
    fake_server_add(fs, &r);
}

static struct json_object *
empty_req(void)
{
    return json_tokener_parse("{\"TableName\":\"t\"}");
}

/* ------------------------------------------------------------------ */
/* fault                                                               */

static void
fault_spec_errors(void)
{
    static const struct {
        const char *spec;
        const char *message;
    } bad[] = {
        {"throttle=2", "throttle must be a probability from 0 to 1"},
        {"throttle=0.1234567", "at most six decimals"},
        {"error500=abc", "error500 must be a probability"},
        {"throttle=0.6,drop=0.5", "the probabilities add up to more than 1"},
        {"latency=-1", "latency must be a whole number"},
        {"bogus=1", "unknown setting 'bogus'"},
        {"ops=", "ops must be 1 to 16 operation names"},
        {"ops=PutItem+", "ops ends with '+'"},
    };
    size_t i;

    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char uri[256];
        struct sst_backend *b = (struct sst_backend *)1;
        struct sst_err e;

        snprintf(uri, sizeof uri, "fault:%s|%s", bad[i].spec, base_url);
        CU_ASSERT_EQUAL(sst_backend_open(uri, &b, &e), SST_E_INVALID_ARG);
        CU_ASSERT_PTR_NULL(b);
        if (strstr(e.message, bad[i].message) == NULL) {
            printf("\n  %s: \"%s\" lacks \"%s\"\n", bad[i].spec, e.message,
                   bad[i].message);
            CU_FAIL("wrong message");
        }
    }
}

static void
fault_always_throttles(void)
{
    char uri[512], inner[160];
    struct sst_backend *b = NULL;
    struct json_object *req = empty_req(), *resp = NULL;
    struct sst_err e;
    int i;

    fake_server_reset(fs);
    answer("/", "{}");
    url_for(inner, sizeof inner, "/");
    snprintf(uri, sizeof uri, "fault:throttle=1|%s", inner);
    CU_ASSERT_EQUAL_FATAL(sst_backend_open(uri, &b, &e), SST_OK);
    SST_ASSERT_STR_EQ(sst_backend_name(b), "fault");
    for (i = 0; i < 3; i++) {
        CU_ASSERT_EQUAL(sst_backend_call(b, "PutItem", req, &resp, &e),
                        SST_E_THROTTLED);
        SST_ASSERT_STR_EQ(e.type, "ProvisionedThroughputExceededException");
        SST_ASSERT_STR_EQ(e.message,
                          "The level of configured provisioned throughput for "
                          "the table was exceeded. Consider increasing your "
                          "provisioning level with the UpdateTable API.");
        CU_ASSERT_EQUAL(e.http_status, 400);
    }
    CU_ASSERT_EQUAL(fake_server_count(fs), 0); /* nothing got through */
    CU_ASSERT_EQUAL(sst_fault_calls(b), 3);
    CU_ASSERT_EQUAL(sst_fault_injected(b), 3);
    json_object_put(req);
    sst_backend_close(b);
}

static void
fault_after_max_and_ops(void)
{
    char uri[512], inner[160];
    struct sst_backend *b = NULL;
    struct json_object *req = empty_req(), *resp = NULL;
    struct sst_err e;
    enum sst_code got[6];
    int i;

    fake_server_reset(fs);
    answer("/", "{}");
    url_for(inner, sizeof inner, "/");
    snprintf(uri, sizeof uri, "fault:error500=1,after=2,max=2,ops=PutItem|%s",
             inner);
    CU_ASSERT_EQUAL_FATAL(sst_backend_open(uri, &b, &e), SST_OK);
    for (i = 0; i < 6; i++) {
        got[i] = sst_backend_call(b, "PutItem", req, &resp, &e);
        json_object_put(resp);
        resp = NULL;
    }
    /* two free calls, two faults, then max is reached */
    CU_ASSERT_EQUAL(got[0], SST_OK);
    CU_ASSERT_EQUAL(got[1], SST_OK);
    CU_ASSERT_EQUAL(got[2], SST_E_INTERNAL);
    CU_ASSERT_EQUAL(got[3], SST_E_INTERNAL);
    CU_ASSERT_EQUAL(got[4], SST_OK);
    CU_ASSERT_EQUAL(got[5], SST_OK);
    CU_ASSERT_EQUAL(sst_fault_injected(b), 2);
    /* another operation is never touched */
    sst_backend_close(b);
    snprintf(uri, sizeof uri, "fault:error500=1,ops=PutItem+DeleteItem|%s",
             inner);
    CU_ASSERT_EQUAL_FATAL(sst_backend_open(uri, &b, &e), SST_OK);
    CU_ASSERT_EQUAL(sst_backend_call(b, "GetItem", req, &resp, &e), SST_OK);
    json_object_put(resp);
    CU_ASSERT_EQUAL(sst_backend_call(b, "DeleteItem", req, &resp, &e),
                    SST_E_INTERNAL);
    json_object_put(req);
    sst_backend_close(b);
}

/* The sequence of faults for a seed, as a string of letters; returns how
 * many requests reached the server. */
static int
sequence(const char *spec, char *out, int n)
{
    char uri[512], inner[160];
    struct sst_backend *b = NULL;
    struct json_object *req = empty_req(), *resp = NULL;
    struct sst_err e;
    int i;

    fake_server_reset(fs);
    answer("/", "{}");
    url_for(inner, sizeof inner, "/");
    snprintf(uri, sizeof uri, "fault:%s|%s", spec, inner);
    if (sst_backend_open(uri, &b, &e) != SST_OK) {
        CU_FAIL("open");
        return -1;
    }
    for (i = 0; i < n; i++) {
        enum sst_code rc = sst_backend_call(b, "GetItem", req, &resp, &e);

        out[i] = rc == SST_OK                ? '.'
                 : rc == SST_E_THROTTLED     ? 'T'
                 : rc == SST_E_UNAVAILABLE   ? 'U'
                 : rc == SST_E_TRANSPORT     ? (strstr(e.message, "answer")
                                                    ? 'L'
                                                    : 'D')
                                             : '?';
        json_object_put(resp);
        resp = NULL;
    }
    out[n] = '\0';
    json_object_put(req);
    sst_backend_close(b);
    return fake_server_count(fs);
}

static void
fault_is_reproducible(void)
{
    char a[65], b2[65], c[65];
    int t = 0, u = 0, d = 0, l = 0, ok = 0, i, reached;

    reached = sequence(
        "throttle=0.25,unavailable=0.25,drop=0.1,lost-reply=0.1,seed=7", a,
        64);
    sequence("throttle=0.25,unavailable=0.25,drop=0.1,lost-reply=0.1,seed=7",
             b2, 64);
    sequence("throttle=0.25,unavailable=0.25,drop=0.1,lost-reply=0.1,seed=8",
             c, 64);
    SST_ASSERT_STR_EQ(a, b2);
    CU_ASSERT_NOT_EQUAL(strcmp(a, c), 0);
    for (i = 0; i < 64; i++) {
        t += a[i] == 'T';
        u += a[i] == 'U';
        d += a[i] == 'D';
        l += a[i] == 'L';
        ok += a[i] == '.';
    }
    /* every kind shows up, none is '?' */
    CU_ASSERT_TRUE(t > 0 && u > 0 && d > 0 && l > 0 && ok > 0);
    CU_ASSERT_EQUAL(t + u + d + l + ok, 64);
    /* lost replies reached the server; drops and errors did not */
    CU_ASSERT_EQUAL(reached, ok + l);
}

/* ------------------------------------------------------------------ */
/* diff                                                                */

struct seen {
    int n;
    char op[64], path[256], a[256], b[256];
};

static void
record(const char *op, const char *path, const char *a, const char *b,
       void *user)
{
    struct seen *s = user;

    s->n++;
    snprintf(s->op, sizeof s->op, "%s", op);
    snprintf(s->path, sizeof s->path, "%s", path);
    snprintf(s->a, sizeof s->a, "%s", a);
    snprintf(s->b, sizeof s->b, "%s", b);
}

/* Open diff:A|B on two paths of the fake server and run one call. */
static enum sst_code
diff_once(const char *body_a, const char *body_b, struct seen *s,
          struct json_object **resp, struct sst_err *e)
{
    char uri[512], ua[160], ub[160];
    struct sst_backend *b = NULL;
    struct json_object *req = empty_req();
    enum sst_code rc;

    fake_server_reset(fs);
    answer("/a", body_a);
    answer("/b", body_b);
    url_for(ua, sizeof ua, "/a");
    url_for(ub, sizeof ub, "/b");
    snprintf(uri, sizeof uri, "diff:%s|%s", ua, ub);
    memset(s, 0, sizeof *s);
    rc = sst_backend_open(uri, &b, e);
    CU_ASSERT_EQUAL_FATAL(rc, SST_OK);
    SST_ASSERT_STR_EQ(sst_backend_name(b), "diff");
    CU_ASSERT_EQUAL(sst_diff_set_reporter(b, record, s, e), SST_OK);
    rc = sst_backend_call(b, "GetItem", req, resp, e);
    CU_ASSERT_EQUAL(sst_diff_divergences(b), (unsigned long)s->n);
    json_object_put(req);
    sst_backend_close(b);
    return rc;
}

/* diff:A|B answers A's body without reporting a divergence from B's. */
static void
diff_agrees(const char *body_a, const char *body_b)
{
    struct seen s;
    struct json_object *resp = NULL;
    struct sst_err e;

    CU_ASSERT_EQUAL(diff_once(body_a, body_b, &s, &resp, &e), SST_OK);
    CU_ASSERT_EQUAL(s.n, 0);
    json_object_put(resp);
}

static void
diff_normalises_what_may_differ(void)
{
    struct seen s;
    struct json_object *resp = NULL;
    struct sst_err e;

    /* number spelling, set order, capacity and table metadata */
    CU_ASSERT_EQUAL(
        diff_once("{\"Item\":{\"n\":{\"N\":\"1.50\"},\"s\":{\"SS\":[\"b\","
                  "\"a\"]},\"ns\":{\"NS\":[\"10\",\"2.0\"]}},"
                  "\"ConsumedCapacity\":{\"CapacityUnits\":0.5}}",
                  "{\"Item\":{\"n\":{\"N\":\"1.5\"},\"s\":{\"SS\":[\"a\","
                  "\"b\"]},\"ns\":{\"NS\":[\"2\",\"1E1\"]}}}",
                  &s, &resp, &e),
        SST_OK);
    CU_ASSERT_EQUAL(s.n, 0);
    /* A's answer is returned as A gave it */
    SST_ASSERT_STR_EQ(json_object_to_json_string_ext(resp,
                                                     JSON_C_TO_STRING_PLAIN),
                      "{\"Item\":{\"n\":{\"N\":\"1.50\"},\"s\":{\"SS\":[\"b\","
                      "\"a\"]},\"ns\":{\"NS\":[\"10\",\"2.0\"]}},"
                      "\"ConsumedCapacity\":{\"CapacityUnits\":0.5}}");
    json_object_put(resp);
    diff_agrees("{\"TableDescription\":{\"TableName\":\"t\",\"TableArn\":"
                "\"arn:aws:dynamodb:ddblocal:000000000000:table/t\","
                "\"CreationDateTime\":1.5,\"ItemCount\":3}}",
                "{\"TableDescription\":{\"TableName\":\"t\",\"TableArn\":"
                "\"arn:aws:dynamodb:sst:000000000000:table/t\","
                "\"CreationDateTime\":9.25,\"ItemCount\":0}}");
    /* each side's own address (DescribeEndpoints) */
    diff_agrees("{\"Endpoints\":[{\"Address\":\"localhost\","
                "\"CachePeriodInMinutes\":1440}]}",
                "{\"Endpoints\":[{\"Address\":\"127.0.0.1:8000\","
                "\"CachePeriodInMinutes\":1440}]}");
}

static void
diff_reports_divergences(void)
{
    struct seen s;
    struct json_object *resp = NULL;
    struct sst_err e;

    diff_once("{\"Item\":{\"a\":{\"L\":[{\"N\":\"1\"},{\"S\":\"x\"}]}}}",
              "{\"Item\":{\"a\":{\"L\":[{\"N\":\"1\"},{\"S\":\"y\"}]}}}", &s,
              &resp, &e);
    CU_ASSERT_EQUAL(s.n, 1);
    SST_ASSERT_STR_EQ(s.op, "GetItem");
    SST_ASSERT_STR_EQ(s.path, "Item.a.L[1].S");
    SST_ASSERT_STR_EQ(s.a, "\"x\"");
    SST_ASSERT_STR_EQ(s.b, "\"y\"");
    json_object_put(resp);

    /* an attribute named like a volatile key is data */
    diff_once("{\"Item\":{\"ItemCount\":{\"N\":\"1\"},"
              "\"Address\":{\"S\":\"a\"}}}",
              "{\"Item\":{\"ItemCount\":{\"N\":\"2\"},"
              "\"Address\":{\"S\":\"a\"}}}",
              &s, &resp, &e);
    CU_ASSERT_EQUAL(s.n, 1);
    SST_ASSERT_STR_EQ(s.path, "Item.ItemCount.N");
    SST_ASSERT_STR_EQ(s.a, "\"1\"");
    SST_ASSERT_STR_EQ(s.b, "\"2\"");
    json_object_put(resp);
    diff_once("{\"Item\":{\"Address\":{\"S\":\"a\"}}}",
              "{\"Item\":{\"Address\":{\"S\":\"b\"}}}", &s, &resp, &e);
    CU_ASSERT_EQUAL(s.n, 1);
    SST_ASSERT_STR_EQ(s.path, "Item.Address.S");
    json_object_put(resp);

    diff_once("{\"Item\":{\"a\":{\"S\":\"x\"}}}", "{}", &s, &resp, &e);
    CU_ASSERT_EQUAL(s.n, 1);
    SST_ASSERT_STR_EQ(s.path, "Item");
    SST_ASSERT_STR_EQ(s.b, "(absent)");
    json_object_put(resp);

    /* success against an error */
    fake_server_reset(fs);
    {
        char uri[512], ua[160], ub[160];
        struct sst_backend *b = NULL;
        struct json_object *req = empty_req();
        struct fake_rule err = {
            "POST", "/b", -1, 400, NULL,
            "{\"__type\":\"com.amazon.coral.validate#ValidationException\","
            "\"message\":\"bad key\"}",
            FAKE_NORMAL, 0};

        answer("/a", "{}");
        fake_server_add(fs, &err);
        url_for(ua, sizeof ua, "/a");
        url_for(ub, sizeof ub, "/b");
        snprintf(uri, sizeof uri, "diff:%s|%s", ua, ub);
        memset(&s, 0, sizeof s);
        CU_ASSERT_EQUAL_FATAL(sst_backend_open(uri, &b, &e), SST_OK);
        sst_diff_set_reporter(b, record, &s, NULL);
        CU_ASSERT_EQUAL(sst_backend_call(b, "GetItem", req, &resp, &e),
                        SST_OK);
        json_object_put(resp);
        CU_ASSERT_EQUAL(s.n, 1);
        SST_ASSERT_STR_EQ(s.path, "error");
        SST_ASSERT_STR_EQ(s.a, "(success)");
        SST_ASSERT_STR_EQ(s.b, "ValidationException: bad key");
        /* and the other way round: A's error is the caller's error */
        sst_backend_close(b);
        snprintf(uri, sizeof uri, "diff:%s|%s", ub, ua);
        CU_ASSERT_EQUAL_FATAL(sst_backend_open(uri, &b, &e), SST_OK);
        CU_ASSERT_EQUAL(sst_backend_call(b, "GetItem", req, &resp, &e),
                        SST_E_VALIDATION);
        SST_ASSERT_STR_EQ(e.message, "bad key");
        CU_ASSERT_EQUAL(sst_diff_divergences(b), 1);
        CU_ASSERT_EQUAL(sst_diff_set_reporter(NULL, record, &s, &e),
                        SST_E_INVALID_ARG);
        json_object_put(req);
        sst_backend_close(b);
    }
}

static const struct sst_test fault_tests[] = {
    {"SPEC errors", fault_spec_errors},
    {"throttle=1 always throttles", fault_always_throttles},
    {"after, max and ops", fault_after_max_and_ops},
    {"seeded sequences are reproducible", fault_is_reproducible},
    {NULL, NULL},
};

static const struct sst_test diff_tests[] = {
    {"normalises what may differ", diff_normalises_what_may_differ},
    {"reports divergences", diff_reports_divergences},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"fault", suite_init, suite_cleanup, fault_tests},
        {"diff", suite_init, suite_cleanup, diff_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_wrappers", suites);
}
