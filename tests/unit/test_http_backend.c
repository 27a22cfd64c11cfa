/*
 * tests/unit/test_http_backend.c - the HTTP backend: the exact request it
 * sends (headers, body, a signature the SigV4 verifier accepts), error
 * decoding, and its retry policy against tests/fake_server.c on 127.0.0.1:
 * throttling, 5xx, truncated bodies, bad CRCs, slow answers and dropped
 * connections, with injected time, randomness and sleep. A last suite runs
 * real calls against DynamoDB Local when the launcher provides it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>
#include <zlib.h>

#include <sst/http.h>
#include <sst/sst.h>

#include "fake_server.h"
#include "harness.h"
#include "src/http/http_backend.h"
#include "src/http/sigv4.h"

#define AK "AKIDEXAMPLE"
#define SK "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
#define T0 1767323045 /* 2026-01-02T03:04:05Z */

static struct fake_server *fs;

/* Injected world: a clock that moves only when the backend sleeps. */
static struct {
    int64_t now_ms;
    long sleeps[32];
    int nsleeps;
    uint64_t next_random;
} world;

static int64_t
fake_clock_s(void *u)
{
    (void)u;
    return T0 + world.now_ms / 1000;
}

static int64_t
fake_monotonic_ms(void *u)
{
    (void)u;
    return world.now_ms;
}

static uint64_t
fake_random(void *u)
{
    (void)u;
    return world.next_random;
}

static void
fake_sleep(long ms, void *u)
{
    (void)u;
    if (world.nsleeps < 32)
        world.sleeps[world.nsleeps++] = ms;
    world.now_ms += ms;
}

static struct sst_backend *
open_backend(int max_attempts, long request_ms, long deadline_ms)
{
    char url[128];
    struct sst_http_options o;
    struct sst_backend *b = NULL;
    struct sst_err e;

    memset(&world, 0, sizeof world);
    world.next_random = 1000003; /* jitter = this mod (ceiling + 1) */
    fake_server_url(fs, url, sizeof url);
    memset(&o, 0, sizeof o);
    o.endpoint = url;
    o.region = "us-east-1";
    o.access_key_id = AK;
    o.secret_access_key = SK;
    o.max_attempts = max_attempts;
    o.request_timeout_ms = request_ms;
    o.deadline_ms = deadline_ms;
    o.backoff_base_ms = 50;
    o.backoff_cap_ms = 20000;
    o.clock_s = fake_clock_s;
    o.monotonic_ms = fake_monotonic_ms;
    o.random_u64 = fake_random;
    o.sleep_ms = fake_sleep;
    if (sst_http_backend_new(&o, &b, &e) != SST_OK)
        printf("\n  backend: %s\n", e.message);
    return b;
}

static struct json_object *
get_req(void)
{
    return json_tokener_parse(
        "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"a\"}}}");
}

static char crc_header[64];

/* "x-amz-crc32: N\r\n" for body. */
static const char *
crc_of(const char *body)
{
    snprintf(crc_header, sizeof crc_header, "x-amz-crc32: %lu\r\n",
             (unsigned long)crc32(0L, (const Bytef *)body,
                                  (uInt)strlen(body)));
    return crc_header;
}

static void
add(const char *headers, int status, const char *body, enum fake_mode mode,
    int times, int delay_ms)
{
    struct fake_rule r = {"POST", "/", times, status, headers, body, mode,
                          delay_ms};
    fake_server_add(fs, &r);
}

static const char *const THROTTLE =
    "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
    "ProvisionedThroughputExceededException\",\"message\":\"The level of "
    "configured provisioned throughput for the table was exceeded.\"}";
static const char *const OK_BODY = "{\"Item\":{\"pk\":{\"S\":\"a\"}}}";

static int
suite_init(void)
{
    fs = fake_server_start();
    return fs ? 0 : 1;
}

static int
suite_cleanup(void)
{
    fake_server_stop(fs);
    return 0;
}

/* ------------------------------------------------------------------ */

static void
sends_the_exact_request(void)
{
    struct sst_backend *b = open_backend(1, 0, 0);
    struct json_object *req = get_req(), *resp = NULL;
    struct fake_request r;
    char v[512], host[64];
    struct sst_err e;

    fake_server_reset(fs);
    add(crc_of(OK_BODY), 200, OK_BODY, FAKE_NORMAL, -1, 0);
    CU_ASSERT_EQUAL_FATAL(sst_backend_call(b, "GetItem", req, &resp, &e),
                          SST_OK);
    SST_ASSERT_STR_EQ(json_object_to_json_string_ext(resp,
                                                     JSON_C_TO_STRING_PLAIN),
                      OK_BODY);
    CU_ASSERT_EQUAL_FATAL(fake_server_request(fs, 0, &r), 0);
    SST_ASSERT_STR_EQ(r.method, "POST");
    SST_ASSERT_STR_EQ(r.path, "/");
    SST_ASSERT_STR_EQ(r.body,
                      "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"a\"}}}");
    fake_request_header(&r, "X-Amz-Target", v, sizeof v);
    SST_ASSERT_STR_EQ(v, "DynamoDB_20120810.GetItem");
    fake_request_header(&r, "Content-Type", v, sizeof v);
    SST_ASSERT_STR_EQ(v, "application/x-amz-json-1.0");
    fake_request_header(&r, "X-Amz-Date", v, sizeof v);
    SST_ASSERT_STR_EQ(v, "20260102T030405Z");
    snprintf(host, sizeof host, "127.0.0.1:%d", fake_server_port(fs));
    fake_request_header(&r, "Host", v, sizeof v);
    SST_ASSERT_STR_EQ(v, host);
    CU_ASSERT_EQUAL(fake_request_header(&r, "Expect", v, sizeof v), -1);
    CU_ASSERT_EQUAL(fake_request_header(&r, "Authorization", v, sizeof v), 0);
    CU_ASSERT_EQUAL(
        strncmp(v,
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260102/us-east-1/"
                "dynamodb/aws4_request, SignedHeaders=content-type;host;"
                "x-amz-date;x-amz-target, Signature=",
                strlen("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260102/"
                       "us-east-1/dynamodb/aws4_request, SignedHeaders="
                       "content-type;host;x-amz-date;x-amz-target, "
                       "Signature=")),
        0);
    /* the signature is one the verifying side accepts, and only it */
    {
        struct sst_sigv4_auth *auth = NULL;
        char date[32], ctype[64], target[64];
        struct sst_sigv4_header hs[4] = {{"Host", host},
                                         {"Content-Type", ctype},
                                         {"X-Amz-Date", date},
                                         {"X-Amz-Target", target}};
        struct sst_sigv4_request sr = {"POST", "/", NULL, hs, 4,
                                       r.body, r.body_len, NULL};

        fake_request_header(&r, "X-Amz-Date", date, sizeof date);
        fake_request_header(&r, "Content-Type", ctype, sizeof ctype);
        fake_request_header(&r, "X-Amz-Target", target, sizeof target);
        CU_ASSERT_EQUAL_FATAL(
            sst_sigv4_auth_parse(v, strlen(v), true, &auth, NULL, &e),
            SST_OK);
        CU_ASSERT_EQUAL(sst_sigv4_verify(&sr, auth, SK, "us-east-1",
                                         "dynamodb", &e),
                        SST_OK);
        CU_ASSERT_EQUAL(sst_sigv4_verify(&sr, auth, "wrong-secret",
                                         "us-east-1", "dynamodb", &e),
                        SST_E_INVALID_SIGNATURE);
        sst_sigv4_auth_free(auth);
    }
    CU_ASSERT_EQUAL(sst_http_backend_attempts(b), 1);
    json_object_put(resp);
    json_object_put(req);
    sst_backend_close(b);
}

/* DynamoDB Streams' operations: their own target prefix, the same
 * endpoint when one is given, signed for "dynamodb" still. */
static void
sends_stream_operations(void)
{
    static const char body[] = "{\"Records\":[]}";
    struct sst_backend *b = open_backend(1, 0, 0);
    struct json_object *req, *resp = NULL;
    struct fake_request r;
    char v[512], host[64], url[128];
    struct sst_err e;

    req = json_tokener_parse("{\"ShardIterator\":\"it\"}");
    fake_server_reset(fs);
    add(crc_of(body), 200, body, FAKE_NORMAL, -1, 0);
    CU_ASSERT_EQUAL_FATAL(sst_backend_call(b, "GetRecords", req, &resp, &e),
                          SST_OK);
    CU_ASSERT_EQUAL_FATAL(fake_server_request(fs, 0, &r), 0);
    SST_ASSERT_STR_EQ(r.path, "/");
    SST_ASSERT_STR_EQ(r.body, "{\"ShardIterator\":\"it\"}");
    fake_request_header(&r, "X-Amz-Target", v, sizeof v);
    SST_ASSERT_STR_EQ(v, "DynamoDBStreams_20120810.GetRecords");
    snprintf(host, sizeof host, "127.0.0.1:%d", fake_server_port(fs));
    fake_request_header(&r, "Host", v, sizeof v);
    SST_ASSERT_STR_EQ(v, host);
    fake_request_header(&r, "Authorization", v, sizeof v);
    CU_ASSERT_PTR_NOT_NULL(strstr(v, "/us-east-1/dynamodb/aws4_request"));
    /* one endpoint for all operations */
    fake_server_url(fs, url, sizeof url);
    CU_ASSERT_EQUAL(strncmp(sst_http_backend_url(b, "DescribeStream"), url,
                            strlen(url)),
                    0);
    SST_ASSERT_STR_EQ(sst_http_backend_url(b, "ListStreams"),
                      sst_http_backend_url(b, "GetItem"));
    json_object_put(resp);
    resp = NULL;
    /* the other three, and a table operation after them */
    {
        static const char *const ops[] = {"ListStreams", "DescribeStream",
                                          "GetShardIterator", "PutItem"};
        static const char *const targets[] = {
            "DynamoDBStreams_20120810.ListStreams",
            "DynamoDBStreams_20120810.DescribeStream",
            "DynamoDBStreams_20120810.GetShardIterator",
            "DynamoDB_20120810.PutItem"};
        size_t i;

        for (i = 0; i < 4; i++) {
            CU_ASSERT_EQUAL(sst_backend_call(b, ops[i], req, &resp, &e),
                            SST_OK);
            json_object_put(resp);
            resp = NULL;
            CU_ASSERT_EQUAL_FATAL(fake_server_request(fs, (int)i + 1, &r),
                                  0);
            fake_request_header(&r, "X-Amz-Target", v, sizeof v);
            SST_ASSERT_STR_EQ(v, targets[i]);
        }
    }
    json_object_put(req);
    sst_backend_close(b);
}

/* On AWS (dynamodb://REGION), DynamoDB Streams has an endpoint of its
 * own. */
static void
stream_endpoint_on_aws(void)
{
    struct sst_backend *b = NULL;
    struct sst_err e;

    CU_ASSERT_EQUAL_FATAL(sst_backend_open("dynamodb://eu-west-3", &b, &e),
                          SST_OK);
    SST_ASSERT_STR_EQ(sst_http_backend_url(b, "GetItem"),
                      "https://dynamodb.eu-west-3.amazonaws.com:443/");
    SST_ASSERT_STR_EQ(sst_http_backend_url(b, "ListTables"),
                      "https://dynamodb.eu-west-3.amazonaws.com:443/");
    SST_ASSERT_STR_EQ(sst_http_backend_url(b, "GetRecords"),
                      "https://streams.dynamodb.eu-west-3.amazonaws.com:443/");
    SST_ASSERT_STR_EQ(sst_http_backend_url(b, "ListStreams"),
                      "https://streams.dynamodb.eu-west-3.amazonaws.com:443/");
    SST_ASSERT_STR_EQ(sst_http_backend_url(b, "DescribeStream"),
                      "https://streams.dynamodb.eu-west-3.amazonaws.com:443/");
    SST_ASSERT_STR_EQ(sst_http_backend_url(b, "GetShardIterator"),
                      "https://streams.dynamodb.eu-west-3.amazonaws.com:443/");
    sst_backend_close(b);
    CU_ASSERT_EQUAL_FATAL(sst_backend_open("dynamodb://cn-north-1", &b, &e),
                          SST_OK);
    SST_ASSERT_STR_EQ(
        sst_http_backend_url(b, "GetRecords"),
        "https://streams.dynamodb.cn-north-1.amazonaws.com.cn:443/");
    sst_backend_close(b);
    CU_ASSERT_PTR_NULL(sst_http_backend_url(NULL, "GetRecords"));
}

static void
keeps_the_members_of_an_error(void)
{
    struct sst_backend *b = open_backend(1, 0, 0);
    struct json_object *req = get_req(), *resp = NULL;
    struct sst_err e;

    fake_server_reset(fs);
    add(NULL, 400,
        "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
        "TransactionCanceledException\",\"message\":\"Transaction "
        "cancelled, please refer cancellation reasons for specific reasons "
        "[None, ConditionalCheckFailed]\",\"CancellationReasons\":[{\"Code\":"
        "\"None\"},{\"Code\":\"ConditionalCheckFailed\",\"Item\":{\"pk\":"
        "{\"S\":\"a\"}},\"Message\":\"The conditional request failed\"}]}",
        FAKE_NORMAL, -1, 0);
    CU_ASSERT_EQUAL(sst_backend_call(b, "TransactWriteItems", req, &resp, &e),
                    SST_E_TXN_CANCELED);
    SST_ASSERT_STR_EQ(e.type, "TransactionCanceledException");
    CU_ASSERT_PTR_NOT_NULL_FATAL(resp);
    SST_ASSERT_STR_EQ(
        json_object_to_json_string_ext(resp, JSON_C_TO_STRING_PLAIN),
        "{\"CancellationReasons\":[{\"Code\":\"None\"},{\"Code\":"
        "\"ConditionalCheckFailed\",\"Item\":{\"pk\":{\"S\":\"a\"}},"
        "\"Message\":\"The conditional request failed\"}]}");
    json_object_put(resp);
    json_object_put(req);
    sst_backend_close(b);
}

static void
decodes_errors(void)
{
    static const struct {
        int status;
        const char *body;
        enum sst_code code;
        const char *type;
        const char *message;
    } rows[] = {
        {400,
         "{\"__type\":\"com.amazon.coral.validate#ValidationException\","
         "\"message\":\"One or more parameter values were invalid\"}",
         SST_E_VALIDATION, "ValidationException",
         "One or more parameter values were invalid"},
        {400,
         "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
         "ResourceNotFoundException\",\"Message\":\"Cannot do operations on "
         "a non-existent table\"}",
         SST_E_NOT_FOUND, "ResourceNotFoundException",
         "Cannot do operations on a non-existent table"},
        {400,
         "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
         "ConditionalCheckFailedException\",\"message\":\"The conditional "
         "request failed\"}",
         SST_E_CONDITION_FAILED, "ConditionalCheckFailedException",
         "The conditional request failed"},
        {400, "{\"__type\":\"x#SomethingNewException\",\"message\":\"m\"}",
         SST_E_UNKNOWN_ERROR, "SomethingNewException", "m"},
        {403, "<html>forbidden</html>", SST_E_UNKNOWN_ERROR, "",
         "HTTP 403 without a DynamoDB error body"},
        {413, "", SST_E_REQUEST_TOO_LARGE, "RequestEntityTooLargeException",
         "HTTP 413: the request is larger than DynamoDB accepts (16 MB)"},
    };
    size_t i;

    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct sst_backend *b = open_backend(5, 0, 0);
        struct json_object *req = get_req(), *resp = NULL;
        struct sst_err e;

        fake_server_reset(fs);
        add(NULL, rows[i].status, rows[i].body, FAKE_NORMAL, -1, 0);
        CU_ASSERT_EQUAL(sst_backend_call(b, "GetItem", req, &resp, &e),
                        rows[i].code);
        CU_ASSERT_PTR_NULL(resp);
        SST_ASSERT_STR_EQ(e.type, rows[i].type);
        SST_ASSERT_STR_EQ(e.message, rows[i].message);
        CU_ASSERT_EQUAL(e.http_status, rows[i].status);
        /* none of these is retried */
        CU_ASSERT_EQUAL(fake_server_count(fs), 1);
        CU_ASSERT_EQUAL(world.nsleeps, 0);
        json_object_put(req);
        sst_backend_close(b);
    }
}

/* Script: n failures of one kind, then success. */
static void
retry_then_succeed(const char *what, int status, const char *headers,
                   const char *body, enum fake_mode mode, int failures,
                   long request_ms)
{
    struct sst_backend *b = open_backend(10, request_ms, 0);
    struct json_object *req = get_req(), *resp = NULL;
    struct sst_err e;
    enum sst_code rc;

    fake_server_reset(fs);
    add(headers, status, body, mode, failures, mode == FAKE_SLOW ? 1500 : 0);
    add(crc_of(OK_BODY), 200, OK_BODY, FAKE_NORMAL, -1, 0);
    rc = sst_backend_call(b, "GetItem", req, &resp, &e);
    if (rc != SST_OK)
        printf("\n  %s: %s %s\n", what, sst_code_name(rc), e.message);
    CU_ASSERT_EQUAL(rc, SST_OK);
    CU_ASSERT_EQUAL(fake_server_count(fs), failures + 1);
    CU_ASSERT_EQUAL(sst_http_backend_attempts(b),
                    (unsigned long)failures + 1);
    CU_ASSERT_EQUAL(world.nsleeps, failures);
    json_object_put(resp);
    json_object_put(req);
    sst_backend_close(b);
}

static void
retries_what_is_retryable(void)
{
    const char *ise = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
                      "InternalServerError\",\"message\":\"Internal server "
                      "error\"}";
    const char *thr = "{\"__type\":\"com.amazon.coral.availability#"
                      "ThrottlingException\",\"message\":\"Rate exceeded\"}";

    retry_then_succeed("throttled", 400, NULL, THROTTLE, FAKE_NORMAL, 2, 0);
    retry_then_succeed("throttling", 400, NULL, thr, FAKE_NORMAL, 1, 0);
    retry_then_succeed("500", 500, NULL, ise, FAKE_NORMAL, 3, 0);
    retry_then_succeed("503 no body", 503, NULL, "", FAKE_NORMAL, 1, 0);
    retry_then_succeed("truncated", 200, crc_of(OK_BODY), OK_BODY,
                       FAKE_TRUNCATE, 2, 0);
    retry_then_succeed("bad crc", 200, "x-amz-crc32: 12345\r\n", OK_BODY,
                       FAKE_NORMAL, 2, 0);
    retry_then_succeed("dropped", 200, NULL, OK_BODY, FAKE_DROP, 2, 0);
    retry_then_succeed("slow", 200, NULL, OK_BODY, FAKE_SLOW, 1, 300);
}

static void
backoff_is_capped_full_jitter(void)
{
    /* ceiling = min(cap, base * 2^attempt); result = random % (ceiling+1) */
    CU_ASSERT_EQUAL(sst_http_backoff_ms(0, 50, 20000, 1000003), 1000003 % 51);
    CU_ASSERT_EQUAL(sst_http_backoff_ms(1, 50, 20000, 1000003),
                    1000003 % 101);
    CU_ASSERT_EQUAL(sst_http_backoff_ms(3, 50, 20000, 1000003),
                    1000003 % 401);
    CU_ASSERT_EQUAL(sst_http_backoff_ms(20, 50, 20000, 1000003),
                    1000003 % 20001);
    CU_ASSERT_EQUAL(sst_http_backoff_ms(62, 50, 20000, 7), 7);
    CU_ASSERT_EQUAL(sst_http_backoff_ms(2, 50, 20000, 0), 0);
    CU_ASSERT_EQUAL(sst_http_backoff_ms(2, 50, 20000, 200), 200);
    CU_ASSERT_EQUAL(sst_http_backoff_ms(2, 50, 20000, 201), 0);
}

static void
gives_up_after_max_attempts(void)
{
    struct sst_backend *b = open_backend(4, 0, 0);
    struct json_object *req = get_req(), *resp = NULL;
    struct sst_err e;

    fake_server_reset(fs);
    add(NULL, 400, THROTTLE, FAKE_NORMAL, -1, 0);
    CU_ASSERT_EQUAL(sst_backend_call(b, "GetItem", req, &resp, &e),
                    SST_E_THROTTLED);
    SST_ASSERT_STR_EQ(e.type, "ProvisionedThroughputExceededException");
    CU_ASSERT_EQUAL(fake_server_count(fs), 4);
    CU_ASSERT_EQUAL(world.nsleeps, 3);
    /* the sleeps follow the jitter formula for attempts 0, 1, 2 */
    CU_ASSERT_EQUAL(world.sleeps[0], 1000003 % 51);
    CU_ASSERT_EQUAL(world.sleeps[1], 1000003 % 101);
    CU_ASSERT_EQUAL(world.sleeps[2], 1000003 % 201);
    json_object_put(req);
    sst_backend_close(b);
}

static void
honours_the_deadline(void)
{
    struct sst_backend *b = open_backend(10, 0, 100);
    struct json_object *req = get_req(), *resp = NULL;
    struct sst_err e;

    fake_server_reset(fs);
    add(NULL, 400, THROTTLE, FAKE_NORMAL, -1, 0);
    world.next_random = 40; /* sleeps 40, 40, 40...: the third crosses 100 */
    CU_ASSERT_EQUAL(sst_backend_call(b, "GetItem", req, &resp, &e),
                    SST_E_THROTTLED);
    CU_ASSERT_EQUAL(world.nsleeps, 2);
    CU_ASSERT_EQUAL(fake_server_count(fs), 3);
    json_object_put(req);
    sst_backend_close(b);
}

static void
persistent_transport_failures(void)
{
    struct sst_backend *b = open_backend(3, 200, 0);
    struct json_object *req = get_req(), *resp = NULL;
    struct sst_err e;

    fake_server_reset(fs);
    add("x-amz-crc32: 1\r\n", 200, OK_BODY, FAKE_NORMAL, -1, 0);
    CU_ASSERT_EQUAL(sst_backend_call(b, "GetItem", req, &resp, &e),
                    SST_E_TRANSPORT);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "x-amz-crc32 mismatch"));
    CU_ASSERT_EQUAL(fake_server_count(fs), 3);

    fake_server_reset(fs);
    add(NULL, 200, OK_BODY, FAKE_SLOW, -1, 1000);
    CU_ASSERT_EQUAL(sst_backend_call(b, "GetItem", req, &resp, &e),
                    SST_E_TRANSPORT);
    CU_ASSERT_EQUAL(e.cause, 28); /* CURLE_OPERATION_TIMEDOUT */

    fake_server_reset(fs);
    add(NULL, 200, "not json", FAKE_NORMAL, -1, 0);
    CU_ASSERT_EQUAL(sst_backend_call(b, "GetItem", req, &resp, &e),
                    SST_E_TRANSPORT);
    SST_ASSERT_STR_EQ(e.message, "response to GetItem is not a JSON object");
    json_object_put(req);
    sst_backend_close(b);
}

static void
connection_refused(void)
{
    struct sst_http_options o;
    struct sst_backend *b = NULL;
    struct json_object *req = get_req(), *resp = NULL;
    struct sst_err e;

    memset(&o, 0, sizeof o);
    o.endpoint = "http://127.0.0.1:9"; /* discard port: nothing listens */
    o.access_key_id = AK;
    o.secret_access_key = SK;
    o.region = "us-east-1";
    o.max_attempts = 2;
    o.sleep_ms = fake_sleep;
    CU_ASSERT_EQUAL_FATAL(sst_http_backend_new(&o, &b, &e), SST_OK);
    CU_ASSERT_EQUAL(sst_backend_call(b, "ListTables", req, &resp, &e),
                    SST_E_TRANSPORT);
    CU_ASSERT_EQUAL(e.cause, 7); /* CURLE_COULDNT_CONNECT */
    CU_ASSERT_EQUAL(sst_http_backend_attempts(b), 2);
    json_object_put(req);
    sst_backend_close(b);
}

static void
opens_by_uri(void)
{
    struct sst_backend *b = NULL;
    struct sst_err e;

    CU_ASSERT_EQUAL(sst_backend_open("http://127.0.0.1:8000?region=eu-west-1"
                                     "&max-attempts=3&timeout-ms=500",
                                     &b, &e),
                    SST_OK);
    SST_ASSERT_STR_EQ(sst_backend_name(b), "http");
    sst_backend_close(b);
    CU_ASSERT_EQUAL(sst_backend_open("http://h:1?max-attempts=x", &b, &e),
                    SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(e.message,
                      "option max-attempts must be a positive integer, not "
                      "'x'");
    CU_ASSERT_EQUAL(sst_backend_open("http://h:1?max-attempts=101", &b, &e),
                    SST_E_INVALID_ARG);
    CU_ASSERT_EQUAL(sst_backend_open("dynamodb://eu-west-3", &b, &e), SST_OK);
    SST_ASSERT_STR_EQ(sst_backend_name(b), "http");
    sst_backend_close(b);
}

/* ------------------------------------------------------------------ */
/* against DynamoDB Local                                              */

/* Call op and require success, printing DynamoDB's answer otherwise. */
static int
call_ok(struct sst_backend *b, const char *op, struct json_object *req,
        struct json_object **resp)
{
    struct sst_err e;
    enum sst_code rc = sst_backend_call(b, op, req, resp, &e);

    if (rc != SST_OK)
        printf("\n  %s: %s %s: %s\n", op, sst_code_name(rc), e.type,
               e.message);
    CU_ASSERT_EQUAL(rc, SST_OK);
    return rc == SST_OK;
}

static void
round_trip_on_ddb_local(void)
{
    const char *ep = getenv("SST_DDB_LOCAL_ENDPOINT");
    struct sst_backend *b = NULL;
    struct json_object *req, *resp = NULL, *v;
    struct sst_err e;

    if (ep == NULL) {
        sst_test_skip("DynamoDB Local is not running (run under "
                      "tests/ddb-local exec)");
        return;
    }
    CU_ASSERT_EQUAL_FATAL(sst_backend_open(ep, &b, &e), SST_OK);
    req = json_tokener_parse(
        "{\"TableName\":\"http_rt\",\"BillingMode\":\"PAY_PER_REQUEST\","
        "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\","
        "\"AttributeType\":\"S\"}],\"KeySchema\":[{\"AttributeName\":\"pk\","
        "\"KeyType\":\"HASH\"}]}");
    call_ok(b, "CreateTable", req, &resp);
    json_object_put(resp);
    json_object_put(req);
    req = json_tokener_parse("{\"TableName\":\"http_rt\",\"Item\":{\"pk\":"
                             "{\"S\":\"k1\"},\"n\":{\"N\":\"1.50\"}}}");
    call_ok(b, "PutItem", req, &resp);
    json_object_put(resp);
    json_object_put(req);
    req = json_tokener_parse("{\"TableName\":\"http_rt\",\"Key\":{\"pk\":"
                             "{\"S\":\"k1\"}}}");
    if (!call_ok(b, "GetItem", req, &resp)) {
        json_object_put(req);
        sst_backend_close(b);
        return;
    }
    CU_ASSERT_TRUE(json_object_object_get_ex(resp, "Item", &v));
    {
        /* attribute order is not part of the answer */
        struct json_object *want =
            json_tokener_parse("{\"pk\":{\"S\":\"k1\"},\"n\":{\"N\":\"1.5\"}}");
        CU_ASSERT_TRUE(json_object_equal(v, want));
        json_object_put(want);
    }
    json_object_put(resp);
    json_object_put(req);
    /* a DynamoDB error comes back with its type and message */
    req = json_tokener_parse("{\"TableName\":\"missing_table\",\"Key\":"
                             "{\"pk\":{\"S\":\"k1\"}}}");
    CU_ASSERT_EQUAL(sst_backend_call(b, "GetItem", req, &resp, &e),
                    SST_E_NOT_FOUND);
    SST_ASSERT_STR_EQ(e.type, "ResourceNotFoundException");
    SST_ASSERT_STR_EQ(e.message,
                      "Cannot do operations on a non-existent table");
    CU_ASSERT_EQUAL(e.http_status, 400);
    json_object_put(req);
    req = json_tokener_parse("{\"TableName\":\"http_rt\"}");
    call_ok(b, "DeleteTable", req, &resp);
    json_object_put(resp);
    json_object_put(req);
    sst_backend_close(b);
}

static const struct sst_test wire_tests[] = {
    {"sends the exact request", sends_the_exact_request},
    {"decodes errors without retrying them", decodes_errors},
    {"keeps the members of an error", keeps_the_members_of_an_error},
    {"sends DynamoDB Streams' operations", sends_stream_operations},
    {"DynamoDB Streams' endpoint on AWS", stream_endpoint_on_aws},
    {"opens by URI", opens_by_uri},
    {NULL, NULL},
};

static const struct sst_test retry_tests[] = {
    {"retries throttling, 5xx, truncation, CRC, drops, slowness",
     retries_what_is_retryable},
    {"backoff is capped full jitter", backoff_is_capped_full_jitter},
    {"gives up after max attempts", gives_up_after_max_attempts},
    {"honours the deadline", honours_the_deadline},
    {"persistent transport failures", persistent_transport_failures},
    {"connection refused", connection_refused},
    {NULL, NULL},
};

static const struct sst_test ddb_tests[] = {
    {"round trip on DynamoDB Local", round_trip_on_ddb_local},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"http wire", suite_init, suite_cleanup, wire_tests},
        {"http retries", suite_init, suite_cleanup, retry_tests},
        {"http on DynamoDB Local", NULL, NULL, ddb_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_http_backend", suites);
}
