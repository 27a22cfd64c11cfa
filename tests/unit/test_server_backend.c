/*
 * tests/unit/test_server_backend.c - what sst-emu's server makes of its
 * backend's answers, run in-process on 127.0.0.1 port 0.
 *
 * Suites:
 *   backend     a scripted backend behind the server, driven by the HTTP
 *               backend (src/http) and by raw requests: its answers and
 *               errors come out as AWS writes them.
 *   ddb-local   the server as a proxy in front of DynamoDB Local (skipped
 *               unless tests/ddb-local exec provides it).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/server.h>
#include <sst/sst.h>

#include "harness.h"
#include "server_util.h"

/* The server of the running test. Each test opens its own and closes it,
 * so that the suite's leak check sees it gone. */
static struct sst_server *srv_plain;

struct error_case {
    const char *name;
    enum sst_code code;
    const char *type;     /* as the backend reports it ("" for none) */
    const char *message;
    int http_status;      /* as the backend reports it */
    int status;           /* what the server answers */
    const char *body;     /* exact */
    enum sst_code client_code; /* what the HTTP backend makes of it */
};

static const struct error_case error_cases[] = {
    {"validation", SST_E_VALIDATION, "", "One or more parameter values were "
     "invalid: Missing the key p in the item", 0, 400,
     "{\"__type\":\"com.amazon.coral.validate#ValidationException\","
     "\"message\":\"One or more parameter values were invalid: Missing the "
     "key p in the item\"}",
     SST_E_VALIDATION},
    {"condition", SST_E_CONDITION_FAILED, "", "The conditional request failed",
     0, 400,
     "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
     "ConditionalCheckFailedException\",\"message\":\"The conditional "
     "request failed\"}",
     SST_E_CONDITION_FAILED},
    {"not found", SST_E_NOT_FOUND, "", "Requested resource not found", 0, 400,
     "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
     "ResourceNotFoundException\",\"message\":\"Requested resource not "
     "found\"}",
     SST_E_NOT_FOUND},
    {"serialization writes Message", SST_E_SERIALIZATION, "",
     "class java.lang.String can not be converted to an Integer", 0, 400,
     "{\"__type\":\"com.amazon.coral.service#SerializationException\","
     "\"Message\":\"class java.lang.String can not be converted to an "
     "Integer\"}",
     SST_E_SERIALIZATION},
    {"throttled", SST_E_THROTTLED, "", "Rate of requests exceeds the allowed "
     "throughput.", 0, 400,
     "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
     "ProvisionedThroughputExceededException\",\"message\":\"Rate of "
     "requests exceeds the allowed throughput.\"}",
     SST_E_THROTTLED},
    {"an upstream's own type", SST_E_UNKNOWN_ERROR, "InvalidAction",
     "DynamoDB Local does not support v1 API.", 400, 400,
     "{\"__type\":\"InvalidAction\",\"message\":\"DynamoDB Local does not "
     "support v1 API.\"}",
     SST_E_UNKNOWN_ERROR},
    {"an upstream's type given qualified", SST_E_UNKNOWN_ERROR,
     "com.amazonaws.dynamodb.v20120810#MissingAuthenticationToken",
     "Request must contain either a valid (registered) AWS access key ID or "
     "X.509 certificate.", 400, 400,
     "{\"__type\":\"com.amazon.coral.service#"
     "MissingAuthenticationTokenException\",\"message\":\"Request must "
     "contain either a valid (registered) AWS access key ID or X.509 "
     "certificate.\"}",
     SST_E_MISSING_AUTH},
    {"transport failure", SST_E_TRANSPORT, "", "connection refused", 0, 500,
     "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\","
     "\"message\":\"Internal server error\"}",
     SST_E_INTERNAL},
    {"storage failure", SST_E_STORAGE, "", "MDB_MAP_FULL", 0, 500,
     "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\","
     "\"message\":\"Internal server error\"}",
     SST_E_INTERNAL},
};

static void
backend_errors_on(void)
{
    struct sst_backend *b = st_client(srv_plain, AK, SK, NULL);
    struct json_object *req = json_tokener_parse("{\"TableName\":\"t\"}");
    size_t i;

    CU_ASSERT_FATAL(b != NULL);
    for (i = 0; i < sizeof error_cases / sizeof error_cases[0]; i++) {
        const struct error_case *c = &error_cases[i];
        struct json_object *resp = NULL;
        struct raw_resp r;
        struct sst_err e;
        enum sst_code rc;
        size_t len;
        char *raw_req;

        st_script_reset();
        st_script.code = c->code;
        snprintf(st_script.type, sizeof st_script.type, "%s", c->type);
        snprintf(st_script.message, sizeof st_script.message, "%s", c->message);
        st_script.http_status = c->http_status;
        raw_req =
            st_build("POST", "/", CT_AMZ_H TARGET_H("DescribeTable") AUTH_OK,
                     "{\"TableName\":\"t\"}", &len);
        CU_ASSERT_EQUAL_FATAL(st_raw(srv_plain, raw_req, len, &r), 0);
        if (r.status != c->status || strcmp(r.body, c->body) != 0)
            printf("\n  %s: got %d %s\n", c->name, r.status, r.body);
        CU_ASSERT_EQUAL(r.status, c->status);
        SST_ASSERT_STR_EQ(r.body, c->body);
        st_check_envelope(&r, c->name);
        st_raw_cleanup(&r);
        free(raw_req);
        /* the HTTP backend reads it back */
        rc = sst_backend_call(b, "DescribeTable", req, &resp, &e);
        if (rc != c->client_code)
            printf("\n  %s: client got %s %s\n", c->name, sst_code_name(rc),
                   e.message);
        CU_ASSERT_EQUAL(rc, c->client_code);
        CU_ASSERT_EQUAL(e.http_status, c->status);
        json_object_put(resp);
    }
    json_object_put(req);
    sst_backend_close(b);
    st_script_reset();
}

static void
backend_errors(void)
{
    srv_plain = st_start_server(false);
    CU_ASSERT_FATAL(srv_plain != NULL);
    backend_errors_on();
    sst_server_close(srv_plain);
    srv_plain = NULL;
}

/* Members an error carries besides __type and message reach the client. */
static void
error_members_on(void)
{
    struct raw_resp r;
    size_t len;
    char *req;

    st_script_reset();
    st_script.code = SST_E_TXN_CANCELED;
    snprintf(st_script.message, sizeof st_script.message,
             "Transaction cancelled, please refer cancellation reasons for "
             "specific reasons [ConditionalCheckFailed, None]");
    st_script.response = "{\"CancellationReasons\":[{\"Code\":"
                      "\"ConditionalCheckFailed\",\"Message\":\"The "
                      "conditional request failed\"},{\"Code\":\"None\"}],"
                      "\"message\":\"dropped\",\"__type\":\"dropped\"}";
    req = st_build("POST", "/", CT_AMZ_H TARGET_H("TransactWriteItems") AUTH_OK,
                   "{\"TransactItems\":[]}", &len);
    CU_ASSERT_EQUAL_FATAL(st_raw(srv_plain, req, len, &r), 0);
    CU_ASSERT_EQUAL(r.status, 400);
    SST_ASSERT_STR_EQ(
        r.body, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
                "TransactionCanceledException\",\"message\":\"Transaction "
                "cancelled, please refer cancellation reasons for "
                "specific reasons [ConditionalCheckFailed, None]\","
                "\"CancellationReasons\":[{\"Code\":"
                "\"ConditionalCheckFailed\",\"Message\":\"The "
                "conditional request failed\"},{\"Code\":\"None\"}]}");
    st_raw_cleanup(&r);
    free(req);
    st_script_reset();
}

static void
error_members(void)
{
    srv_plain = st_start_server(false);
    CU_ASSERT_FATAL(srv_plain != NULL);
    error_members_on();
    sst_server_close(srv_plain);
    srv_plain = NULL;
}

static void
backend_answers_on(void)
{
    struct sst_backend *b = st_client(srv_plain, AK, SK, NULL);
    struct json_object *req, *resp = NULL, *want;
    struct raw_resp r;
    struct sst_err e;
    size_t len;
    char *raw_req;

    CU_ASSERT_FATAL(b != NULL);
    st_script_reset();
    st_script.response = "{\"Item\":{\"pk\":{\"S\":\"a/b \xc3\xa9\"},"
                      "\"n\":{\"N\":\"1.50\"}}}";
    req = json_tokener_parse("{\"TableName\":\"t\",\"Key\":{\"pk\":"
                             "{\"S\":\"a/b\"}}}");
    CU_ASSERT_EQUAL_FATAL(sst_backend_call(b, "GetItem", req, &resp, &e),
                          SST_OK);
    SST_ASSERT_STR_EQ(st_script.last_op, "GetItem");
    SST_ASSERT_STR_EQ(
        st_script.last_req,
        "{\"TableName\":\"t\",\"Key\":{\"pk\":{\"S\":\"a\\/b\"}}}");
    want = json_tokener_parse(st_script.response);
    CU_ASSERT_TRUE(json_object_equal(resp, want));
    json_object_put(want);
    json_object_put(resp);
    json_object_put(req);
    /* on the wire: '/' stays as it is, UTF-8 too, no blanks */
    raw_req = st_build("POST", "/", CT_AMZ_H TARGET_H("GetItem") AUTH_OK,
                       "{\"TableName\":\"t\",\"Key\":{}}", &len);
    CU_ASSERT_EQUAL_FATAL(st_raw(srv_plain, raw_req, len, &r), 0);
    CU_ASSERT_EQUAL(r.status, 200);
    SST_ASSERT_STR_EQ(r.body, "{\"Item\":{\"pk\":{\"S\":\"a/b \xc3\xa9\"},"
                              "\"n\":{\"N\":\"1.50\"}}}");
    st_check_envelope(&r, "GetItem");
    st_raw_cleanup(&r);
    free(raw_req);
    sst_backend_close(b);
    st_script_reset();
}

static void
backend_answers(void)
{
    srv_plain = st_start_server(false);
    CU_ASSERT_FATAL(srv_plain != NULL);
    backend_answers_on();
    sst_server_close(srv_plain);
    srv_plain = NULL;
}

/* DescribeEndpoints through the server: each Address the backend gives
 * becomes the Host the client sent; entries without one, other
 * operations and a request without a Host keep the backend's answer. */
#define ENDPOINTS                                                              \
    "{\"Endpoints\":[{\"Address\":\"dynamodb.us-east-1.amazonaws.com\","       \
    "\"CachePeriodInMinutes\":1440},{\"CachePeriodInMinutes\":5},7]}"

static void
endpoints_answer(const char *op, const char *host_line, const char *want)
{
    struct raw_resp r;
    char req[512];
    int n;

    n = snprintf(req, sizeof req,
                 "POST / HTTP/1.%s\r\n%sConnection: close\r\n"
                 CT_AMZ_H "X-Amz-Target: DynamoDB_20120810.%s\r\n" AUTH_OK
                 "Content-Length: 2\r\n\r\n{}",
                 host_line[0] ? "1" : "0", host_line, op);
    CU_ASSERT_FATAL(n > 0 && (size_t)n < sizeof req);
    st_script_reset();
    st_script.response = ENDPOINTS;
    CU_ASSERT_EQUAL_FATAL(st_raw(srv_plain, req, (size_t)n, &r), 0);
    CU_ASSERT_EQUAL(r.status, 200);
    SST_ASSERT_STR_EQ(st_script.last_op, op);
    SST_ASSERT_STR_EQ(r.body, want);
    st_check_envelope(&r, op);
    st_raw_cleanup(&r);
    st_script_reset();
}

static void
describe_endpoints(void)
{
    srv_plain = st_start_server(false);
    CU_ASSERT_FATAL(srv_plain != NULL);
    endpoints_answer("DescribeEndpoints", "Host: 127.0.0.1:8123\r\n",
                     "{\"Endpoints\":[{\"Address\":\"127.0.0.1:8123\","
                     "\"CachePeriodInMinutes\":1440},"
                     "{\"CachePeriodInMinutes\":5},7]}");
    endpoints_answer("DescribeEndpoints", "", ENDPOINTS);
    endpoints_answer("DescribeLimits", "Host: 127.0.0.1:8123\r\n",
                     ENDPOINTS);
    sst_server_close(srv_plain);
    srv_plain = NULL;
}

/* ------------------------------------------------------------------ */
/* suite: proxy to DynamoDB Local                                      */

static int
call_ok(struct sst_backend *b, const char *op, const char *json,
        struct json_object **resp)
{
    struct json_object *req = json_tokener_parse(json);
    struct sst_err e;
    enum sst_code rc = sst_backend_call(b, op, req, resp, &e);

    if (rc != SST_OK)
        printf("\n  %s: %s %s: %s\n", op, sst_code_name(rc), e.type,
               e.message);
    CU_ASSERT_EQUAL(rc, SST_OK);
    json_object_put(req);
    return rc == SST_OK;
}

struct writer {
    const struct sst_server *srv;
    int id;
    int failures;
};

static void *
writer_thread(void *arg)
{
    struct writer *w = arg;
    struct sst_backend *b = st_client(w->srv, "ddblocal", "ddblocal", NULL);
    int i;

    for (i = 0; i < 25; i++) {
        char json[160];
        struct json_object *req, *resp = NULL;
        struct sst_err e;

        snprintf(json, sizeof json,
                 "{\"TableName\":\"srv_proxy\",\"Item\":{\"pk\":{\"S\":"
                 "\"w%d\"},\"sk\":{\"N\":\"%d\"}}}",
                 w->id, i);
        req = json_tokener_parse(json);
        if (sst_backend_call(b, "PutItem", req, &resp, &e) != SST_OK)
            w->failures++;
        json_object_put(resp);
        json_object_put(req);
    }
    sst_backend_close(b);
    return NULL;
}

static void
proxy_to_ddb_local(void)
{
    const char *ep = getenv("SST_DDB_LOCAL_ENDPOINT");
    struct sst_server_options o;
    struct sst_server *srv = NULL;
    struct sst_backend *b;
    struct json_object *resp = NULL, *v;
    struct writer w[4];
    pthread_t t[4];
    struct raw_resp r;
    struct sst_err e;
    size_t len;
    char *req;
    int i;

    if (ep == NULL) {
        sst_test_skip("DynamoDB Local is not running (run under "
                      "tests/ddb-local exec)");
        return;
    }
    memset(&o, 0, sizeof o);
    o.backend_uri = ep;
    o.threads = 4;
    CU_ASSERT_EQUAL_FATAL(sst_server_open(&o, &srv, &e), SST_OK);
    b = st_client(srv, "ddblocal", "ddblocal", NULL);
    call_ok(b, "CreateTable",
            "{\"TableName\":\"srv_proxy\",\"BillingMode\":\"PAY_PER_REQUEST\","
            "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\","
            "\"AttributeType\":\"S\"},{\"AttributeName\":\"sk\","
            "\"AttributeType\":\"N\"}],\"KeySchema\":[{\"AttributeName\":"
            "\"pk\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"sk\","
            "\"KeyType\":\"RANGE\"}]}",
            &resp);
    json_object_put(resp);
    /* four clients at once, over the per-worker upstream connections */
    for (i = 0; i < 4; i++) {
        w[i].srv = srv;
        w[i].id = i;
        w[i].failures = 0;
        pthread_create(&t[i], NULL, writer_thread, &w[i]);
    }
    for (i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        CU_ASSERT_EQUAL(w[i].failures, 0);
    }
    if (call_ok(b, "Query",
                "{\"TableName\":\"srv_proxy\",\"KeyConditionExpression\":"
                "\"pk = :p AND sk BETWEEN :a AND :b\",\"ExpressionAttribute"
                "Values\":{\":p\":{\"S\":\"w2\"},\":a\":{\"N\":\"3\"},\":b\":"
                "{\"N\":\"5\"}}}",
                &resp)) {
        CU_ASSERT_TRUE(json_object_object_get_ex(resp, "Count", &v));
        CU_ASSERT_EQUAL(json_object_get_int(v), 3);
        json_object_put(resp);
    }
    if (call_ok(b, "Scan", "{\"TableName\":\"srv_proxy\",\"Select\":\"COUNT\"}",
                &resp)) {
        CU_ASSERT_TRUE(json_object_object_get_ex(resp, "Count", &v));
        CU_ASSERT_EQUAL(json_object_get_int(v), 100);
        json_object_put(resp);
    }
    /* DynamoDB Local's error, rewritten as AWS writes it */
    req = st_build(
        "POST", "/", CT_AMZ_H TARGET_H("GetItem") AUTH_OK,
        "{\"TableName\":\"srv_missing\",\"Key\":{\"pk\":{\"S\":\"a\"}}}", &len);
    CU_ASSERT_EQUAL_FATAL(st_raw(srv, req, len, &r), 0);
    CU_ASSERT_EQUAL(r.status, 400);
    SST_ASSERT_STR_EQ(r.body,
                      "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
                      "ResourceNotFoundException\",\"message\":\"Cannot do "
                      "operations on a non-existent table\"}");
    st_check_envelope(&r, "ResourceNotFoundException");
    st_raw_cleanup(&r);
    free(req);
    call_ok(b, "DeleteTable", "{\"TableName\":\"srv_proxy\"}", &resp);
    json_object_put(resp);
    sst_backend_close(b);
    sst_server_close(srv);
}

/* ------------------------------------------------------------------ */

static const struct sst_test backend_tests[] = {
    {"backend errors as AWS writes them", backend_errors},
    {"backend answers pass through", backend_answers},
    {"error members pass through", error_members},
    {"DescribeEndpoints gives the Host the client sent", describe_endpoints},
    {NULL, NULL},
};

static const struct sst_test ddb_tests[] = {
    {"proxy in front of DynamoDB Local", proxy_to_ddb_local},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"server backend", NULL, NULL, backend_tests},
        {"server on DynamoDB Local", NULL, NULL, ddb_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_server_backend", suites);
}
