/*
 * tests/unit/test_sigv4_verify.c - the receiving side of SigV4: the
 * Authorization parser with AWS's messages, the verifier against valid,
 * vector and changed requests, and an out-of-memory loop over signing and
 * verifying.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sst/mem.h>

#include "harness.h"
#include "http/sigv4.h"
#include "sigv4_suite.h"

/* ================================================================== */
/* the Authorization parser                                            */

struct bad_auth {
    const char *value; /* NULL: no header */
    bool have_date;
    enum sst_code code;
    const char *message; /* exact */
};

/* Messages as AWS words them (see docs/sigv4.md for where each text was
 * found). */
static const struct bad_auth bad_auths[] = {
    {NULL, true, SST_E_MISSING_AUTH, "Request is missing Authentication Token"},
    {"", true, SST_E_INCOMPLETE_SIGNATURE,
     "Authorization header requires 'Credential' parameter. Authorization "
     "header requires 'Signature' parameter. Authorization header requires "
     "'SignedHeaders' parameter. Authorization="},
    {"AWS4-HMAC-SHA256 Credential=ABCDEF", true, SST_E_INCOMPLETE_SIGNATURE,
     "Authorization header requires 'Signature' parameter. Authorization "
     "header requires 'SignedHeaders' parameter. "
     "Authorization=AWS4-HMAC-SHA256 Credential=ABCDEF"},
    {"Basic ZWxhc3RpYzpzZWNyZXQ=", false, SST_E_INCOMPLETE_SIGNATURE,
     "Authorization header requires 'Credential' parameter. Authorization "
     "header requires 'Signature' parameter. Authorization header requires "
     "'SignedHeaders' parameter. Authorization header requires existence of "
     "either a 'X-Amz-Date' or a 'Date' header. "
     "Authorization=Basic ZWxhc3RpYzpzZWNyZXQ="},
    {"AWS4-HMAC-SHA256 Credential=AK/20150830/us-east-1/dynamodb/"
     "aws4_request, SignedHeaders=host, Signature=00",
     false, SST_E_INCOMPLETE_SIGNATURE,
     "Authorization header requires existence of either a 'X-Amz-Date' or a "
     "'Date' header. Authorization=AWS4-HMAC-SHA256 Credential=AK/20150830/"
     "us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00"},
    {"AWS4-HMAC-SHA256 Credential= AK/20181128/eu-central-1/cloud9/"
     "aws4_request, SignedHeaders=host;x-amz-date, Signature=mysecret",
     true, SST_E_INCOMPLETE_SIGNATURE,
     "'AK/20181128/eu-central-1/cloud9/aws4_request' not a valid key=value "
     "pair (missing equal-sign) in Authorization header: 'AWS4-HMAC-SHA256 "
     "Credential= AK/20181128/eu-central-1/cloud9/aws4_request, "
     "SignedHeaders=host;x-amz-date, Signature=mysecret'."},
    {"Bearer abc", true, SST_E_INCOMPLETE_SIGNATURE,
     "'abc' not a valid key=value pair (missing equal-sign) in "
     "Authorization header: 'Bearer abc'."},
    {"AWS4-HMAC-SHA256 Credential=UWMP/MngqK/20200619/us-west-2/tagging/"
     "aws4_request, SignedHeaders=host, Signature=00",
     true, SST_E_INCOMPLETE_SIGNATURE,
     "Credential must have exactly 5 slash-delimited elements, e.g. "
     "keyid/date/region/service/term, got "
     "'UWMP/MngqK/20200619/us-west-2/tagging/aws4_request'"},
    {"AWS4-HMAC-SHA256 Credential=AK/20150830/us-east-1/dynamodb, "
     "SignedHeaders=host, Signature=00",
     true, SST_E_INCOMPLETE_SIGNATURE,
     "Credential must have exactly 5 slash-delimited elements, e.g. "
     "keyid/date/region/service/term, got "
     "'AK/20150830/us-east-1/dynamodb'"},
    {"AWS4-HMAC-SHA256 Credential=, SignedHeaders=host, Signature=00", true,
     SST_E_INCOMPLETE_SIGNATURE,
     "Credential must have exactly 5 slash-delimited elements, e.g. "
     "keyid/date/region/service/term, got ''"},
    {"AWS4-HMAC-SHA512 Credential=AK/20150830/us-east-1/dynamodb/"
     "aws4_request, SignedHeaders=host, Signature=00",
     true, SST_E_INCOMPLETE_SIGNATURE,
     "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512'. Authorization header "
     "must start with 'AWS4-HMAC-SHA256'"},
};

static void
auth_parse_refusals(void)
{
    size_t i;

    for (i = 0; i < N(bad_auths); i++) {
        const struct bad_auth *b = &bad_auths[i];
        struct sst_sigv4_auth *a = (struct sst_sigv4_auth *)1;
        struct sst_err e;
        char *msg = (char *)1;
        enum sst_code rc =
            sst_sigv4_auth_parse(b->value, b->value ? strlen(b->value) : 0,
                                 b->have_date, &a, &msg, &e);
        /* the whole message when one was built, else err's */
        const char *got = msg != NULL ? msg : e.message;

        CU_ASSERT_EQUAL(rc, b->code);
        CU_ASSERT_PTR_NULL(a);
        if (rc == SST_OK)
            sst_sigv4_auth_free(a);
        if (rc != b->code || strcmp(got, b->message) != 0) {
            printf("\n  Authorization \"%s\":\n  got  %s \"%s\"\n  want %s "
                   "\"%s\"\n",
                   b->value ? b->value : "(none)", sst_code_name(rc),
                   rc == SST_OK ? "" : got, sst_code_name(b->code), b->message);
            CU_FAIL("Authorization refusal differs");
        }
        /* err holds the same text, cut to its buffer */
        CU_ASSERT_EQUAL(strncmp(e.message, b->message, sizeof e.message - 1),
                        0);
        if (b->code == SST_E_INCOMPLETE_SIGNATURE) {
            CU_ASSERT_PTR_NOT_NULL(msg);
            SST_ASSERT_STR_EQ(e.type, "IncompleteSignatureException");
        } else {
            CU_ASSERT_PTR_NULL(msg);
        }
        if (msg != (char *)1)
            sst_free(msg);
    }
}

static void
auth_parse_parts(void)
{
    static const char *const forms[] = {
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/"
        "aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa0",
        /* no blanks after the commas, as some clients send */
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/"
        "aws4_request,SignedHeaders=host;x-amz-date,Signature=5fa0",
        /* other order, extra blanks, an unknown parameter */
        "  AWS4-HMAC-SHA256   Signature=5fa0 ,  Extra=1, SignedHeaders="
        "host;x-amz-date,Credential=AKIDEXAMPLE/20150830/us-east-1/service/"
        "aws4_request  ",
    };
    size_t i;

    for (i = 0; i < N(forms); i++) {
        struct sst_sigv4_auth *a = NULL;
        struct sst_err e;

        CU_ASSERT_EQUAL_FATAL(sst_sigv4_auth_parse(forms[i], strlen(forms[i]),
                                                   true, &a, NULL, &e),
                              SST_OK);
        SST_ASSERT_STR_EQ(a->algorithm, "AWS4-HMAC-SHA256");
        SST_ASSERT_STR_EQ(a->credential, SUITE_SCOPE);
        SST_ASSERT_STR_EQ(a->access_key_id, "AKIDEXAMPLE");
        SST_ASSERT_STR_EQ(a->date, "20150830");
        SST_ASSERT_STR_EQ(a->region, "us-east-1");
        SST_ASSERT_STR_EQ(a->service, "service");
        SST_ASSERT_STR_EQ(a->terminator, "aws4_request");
        SST_ASSERT_STR_EQ(a->signed_headers, "host;x-amz-date");
        SST_ASSERT_STR_EQ(a->signature, "5fa0");
        sst_sigv4_auth_free(a);
    }
    /* the value need not be NUL-terminated */
    {
        const char *v = "AWS4-HMAC-SHA256 Credential=A/B/C/D/E, "
                        "SignedHeaders=h, Signature=s, TRAILING";
        struct sst_sigv4_auth *a = NULL;

        CU_ASSERT_EQUAL_FATAL(
            sst_sigv4_auth_parse(v, strlen(v) - 10, true, &a, NULL, NULL),
            SST_OK);
        SST_ASSERT_STR_EQ(a->signature, "s");
        SST_ASSERT_STR_EQ(a->terminator, "E");
        sst_sigv4_auth_free(a);
    }
    /* fuzzer find: a NUL inside the value ends it (the parts are C
     * strings); fuzz/corpus/fuzz_sigv4/crash-nul-in-credential */
    {
        static const char v[] = "AWS4-HMAC-SHA256 Credential=A/B/C/D/E, "
                                "SignedHeaders=h, Signature=s\0/x/y, "
                                "Signature=t";
        struct sst_sigv4_auth *a = NULL;

        CU_ASSERT_EQUAL_FATAL(
            sst_sigv4_auth_parse(v, sizeof v - 1, true, &a, NULL, NULL),
            SST_OK);
        SST_ASSERT_STR_EQ(a->signature, "s");
        SST_ASSERT_STR_EQ(a->credential, "A/B/C/D/E");
        sst_sigv4_auth_free(a);
    }
    sst_sigv4_auth_free(NULL);
}

/* ================================================================== */
/* the verifier                                                        */

/* A DynamoDB call as the HTTP backend would sign it, and as sst-emu would
 * receive it. */
struct received {
    struct sst_sigv4_header headers[8];
    size_t count;
    char body[64];
    struct sst_sigv4_headers *added;
    struct sst_sigv4_auth *auth;
};

/* printf '{"Limit":10}' | sha256sum */
#define LIMIT_BODY_SHA256                                                      \
    "7323ae808f32f1a67f80c52911966937e5b960c236a8de953aec7c984492feb0"

static const struct sst_sigv4_header ddb_headers[] = {
    {"Host", "127.0.0.1:8000"},
    {"Content-Type", "application/x-amz-json-1.0"},
    {"X-Amz-Target", "DynamoDB_20120810.ListTables"},
};

static void
received_init(struct received *rv, const char *token)
{
    struct sst_sigv4_credentials k = {"AKLOCAL", "local-secret", token};
    struct sst_sigv4_config cfg = {"us-east-1", "dynamodb", SUITE_TIME, 0};
    struct sst_sigv4_request r = {"POST",         "/",  NULL, ddb_headers,
                                  N(ddb_headers), NULL, 0,    NULL};
    const char *authz = NULL;
    size_t i;

    memset(rv, 0, sizeof *rv);
    snprintf(rv->body, sizeof rv->body, "{\"Limit\":10}");
    r.payload = rv->body;
    r.payload_len = strlen(rv->body);
    CU_ASSERT_EQUAL_FATAL(sst_sigv4_sign(&r, &k, &cfg, &rv->added, NULL),
                          SST_OK);
    for (i = 0; i < N(ddb_headers); i++)
        rv->headers[rv->count++] = ddb_headers[i];
    for (i = 0; i < rv->added->count; i++) {
        rv->headers[rv->count++] = rv->added->items[i];
        if (strcmp(rv->added->items[i].name, "Authorization") == 0)
            authz = rv->added->items[i].value;
    }
    CU_ASSERT_EQUAL_FATAL(
        sst_sigv4_auth_parse(authz, strlen(authz), true, &rv->auth, NULL, NULL),
        SST_OK);
}

static void
received_cleanup(struct received *rv)
{
    sst_sigv4_auth_free(rv->auth);
    sst_sigv4_headers_free(rv->added);
}

static struct sst_sigv4_request
received_request(struct received *rv)
{
    struct sst_sigv4_request r = {"POST",           "/",       NULL,
                                  rv->headers,      rv->count, rv->body,
                                  strlen(rv->body), NULL};
    return r;
}

static void
expect_refusal(const struct sst_sigv4_request *r,
               const struct sst_sigv4_auth *auth, const char *secret,
               const char *region, const char *service, enum sst_code code,
               const char *message, const char *what)
{
    struct sst_err e;
    enum sst_code rc = sst_sigv4_verify(r, auth, secret, region, service, &e);

    CU_ASSERT_EQUAL(rc, code);
    if (rc != code || strcmp(e.message, message) != 0) {
        printf("\n  %s: got %s \"%s\", want %s \"%s\"\n", what,
               sst_code_name(rc), rc == SST_OK ? "" : e.message,
               sst_code_name(code), message);
        CU_FAIL("verify answer differs");
    }
}

static void
verify_accepts_valid(void)
{
    struct received rv;
    struct sst_sigv4_request r;
    struct sst_err e;

    received_init(&rv, NULL);
    r = received_request(&rv);
    CU_ASSERT_EQUAL(sst_sigv4_verify(&r, rv.auth, "local-secret", "us-east-1",
                                     "dynamodb", &e),
                    SST_OK);
    CU_ASSERT_EQUAL(
        sst_sigv4_verify(&r, rv.auth, "local-secret", NULL, NULL, &e), SST_OK);
    /* the body's hash given instead of the body (sha256sum of it) */
    r.payload = NULL;
    r.payload_len = 0;
    r.payload_hash = LIMIT_BODY_SHA256;
    CU_ASSERT_EQUAL(
        sst_sigv4_verify(&r, rv.auth, "local-secret", NULL, NULL, &e), SST_OK);
    r.payload_hash = SST_SIGV4_EMPTY_SHA256;
    CU_ASSERT_EQUAL(
        sst_sigv4_verify(&r, rv.auth, "local-secret", NULL, NULL, &e),
        SST_E_INVALID_SIGNATURE);
    received_cleanup(&rv);

    /* with a session token, which is signed */
    received_init(&rv, "SESSION");
    r = received_request(&rv);
    SST_ASSERT_STR_EQ(rv.auth->signed_headers,
                      "content-type;host;x-amz-date;x-amz-security-token;"
                      "x-amz-target");
    CU_ASSERT_EQUAL(sst_sigv4_verify(&r, rv.auth, "local-secret", "us-east-1",
                                     "dynamodb", &e),
                    SST_OK);
    received_cleanup(&rv);
}

/* The verifier accepts what AWS's own vectors signed. */
static void
verify_accepts_vectors(void)
{
    static const struct sst_sigv4_header get_vanilla[] = {
        {"Host", "example.amazonaws.com"},
        {"X-Amz-Date", "20150830T123600Z"},
        {"Authorization", "ignored: never a signed header"},
    };
    static const struct sst_sigv4_header key_dup[] = {
        {"host", "example.amazonaws.com"},  {"My-Header1", "value2"},
        {"My-Header1", "value2"},           {"My-Header1", "value1"},
        {"x-amz-date", "20150830T123600Z"},
    };
    static const struct {
        const char *method, *path, *query;
        const struct sst_sigv4_header *h;
        size_t n;
        const char *authz;
    } rows[] = {
        {"GET", "/", NULL, get_vanilla, N(get_vanilla),
         "AWS4-HMAC-SHA256 Credential=" SUITE_SCOPE
         ", SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf19426"
         "76e86291e8372ff2a2260956d9b8aae1d763fbf31"},
        {"GET", "/", "Param2=value2&Param1=value1", get_vanilla, N(get_vanilla),
         "AWS4-HMAC-SHA256 Credential=" SUITE_SCOPE
         ", SignedHeaders=host;x-amz-date, Signature=b97d918cfa904a5beff61c9"
         "82a1b6f458b799221646efd99d3219ec94cdf2500"},
        {"GET", "/example space/", NULL, get_vanilla, N(get_vanilla),
         "AWS4-HMAC-SHA256 Credential=" SUITE_SCOPE
         ", SignedHeaders=host;x-amz-date, Signature=652487583200325589f1fba"
         "4c7e578f72c47cb61beeca81406b39ddec1366741"},
        {"GET", "/", NULL, key_dup, N(key_dup),
         "AWS4-HMAC-SHA256 Credential=" SUITE_SCOPE
         ", SignedHeaders=host;my-header1;x-amz-date, Signature=c9d5ea9f3f72"
         "853aea855b47ea873832890dbdd183b4468f858259531a5138ea"},
    };
    size_t i;

    for (i = 0; i < N(rows); i++) {
        struct sst_sigv4_request r = {rows[i].method,
                                      rows[i].path,
                                      rows[i].query,
                                      rows[i].h,
                                      rows[i].n,
                                      NULL,
                                      0,
                                      NULL};
        struct sst_sigv4_auth *a = NULL;
        struct sst_err e;

        CU_ASSERT_EQUAL_FATAL(sst_sigv4_auth_parse(rows[i].authz,
                                                   strlen(rows[i].authz), true,
                                                   &a, NULL, NULL),
                              SST_OK);
        if (sst_sigv4_verify(&r, a, SUITE_SECRET, "us-east-1", "service", &e) !=
            SST_OK) {
            printf("\n  vector %zu refused: %s\n", i, e.message);
            CU_FAIL("verifier refused an AWS vector");
        }
        sst_sigv4_auth_free(a);
    }
}

static void
verify_refuses_changes(void)
{
    struct received rv;
    struct sst_sigv4_request r;
    char date[SST_SIGV4_AMZ_DATE_LEN + 1];
    char *sig;
    size_t i, date_at = 0;

    received_init(&rv, NULL);
    r = received_request(&rv);

    /* one byte of the body */
    rv.body[3] = 'l';
    expect_refusal(&r, rv.auth, "local-secret", NULL, NULL,
                   SST_E_INVALID_SIGNATURE, SST_SIGV4_MSG_MISMATCH, "body");
    rv.body[3] = 'i';

    /* one byte of a signed header */
    rv.headers[2].value = "DynamoDB_20120810.ListTablez";
    expect_refusal(&r, rv.auth, "local-secret", NULL, NULL,
                   SST_E_INVALID_SIGNATURE, SST_SIGV4_MSG_MISMATCH, "header");
    rv.headers[2].value = ddb_headers[2].value;

    /* the date: a second later, then a day later */
    for (i = 0; i < rv.count; i++)
        if (strcmp(rv.headers[i].name, "X-Amz-Date") == 0)
            date_at = i;
    snprintf(date, sizeof date, "%s", rv.headers[date_at].value);
    date[14] = '1';
    rv.headers[date_at].value = date;
    expect_refusal(&r, rv.auth, "local-secret", NULL, NULL,
                   SST_E_INVALID_SIGNATURE, SST_SIGV4_MSG_MISMATCH,
                   "date, one second");
    snprintf(date, sizeof date, "20150831T123600Z");
    expect_refusal(&r, rv.auth, "local-secret", NULL, NULL,
                   SST_E_INVALID_SIGNATURE,
                   "Date in Credential scope does not match YYYYMMDD from "
                   "ISO-8601 version of date from HTTP: '20150830' != "
                   "'20150831', from '20150831T123600Z'.",
                   "date, one day");
    snprintf(date, sizeof date, "2015-08-30");
    expect_refusal(&r, rv.auth, "local-secret", NULL, NULL,
                   SST_E_INVALID_SIGNATURE,
                   "X-Amz-Date header is not a YYYYMMDD'T'HHMMSS'Z' date: "
                   "'2015-08-30'",
                   "date, malformed");
    rv.headers[date_at].value = rv.added->items[0].value;

    /* the secret */
    expect_refusal(&r, rv.auth, "local-secreT", NULL, NULL,
                   SST_E_INVALID_SIGNATURE, SST_SIGV4_MSG_MISMATCH, "secret");

    /* the signature itself, and a short one */
    sig = rv.auth->signature;
    sig[0] = sig[0] == '0' ? '1' : '0';
    expect_refusal(&r, rv.auth, "local-secret", NULL, NULL,
                   SST_E_INVALID_SIGNATURE, SST_SIGV4_MSG_MISMATCH,
                   "signature");
    sig[10] = '\0';
    expect_refusal(&r, rv.auth, "local-secret", NULL, NULL,
                   SST_E_INVALID_SIGNATURE, SST_SIGV4_MSG_MISMATCH,
                   "short signature");

    /* the scope against what the server expects */
    expect_refusal(&r, rv.auth, "local-secret", "eu-west-1", NULL,
                   SST_E_INVALID_SIGNATURE,
                   "Credential should be scoped to a valid region, not "
                   "'us-east-1'. ",
                   "region");
    expect_refusal(&r, rv.auth, "local-secret", NULL, "sqs",
                   SST_E_INVALID_SIGNATURE,
                   "Credential should be scoped to correct service: "
                   "'sqs'. ",
                   "service");
    snprintf(rv.auth->terminator, 5, "aws5");
    expect_refusal(&r, rv.auth, "local-secret", NULL, NULL,
                   SST_E_INVALID_SIGNATURE,
                   "Credential should be scoped with a valid terminator: "
                   "'aws4_request', not 'aws5'. ",
                   "terminator");

    /* no date header at all */
    rv.headers[date_at].name = "X-Not-Date";
    expect_refusal(&r, rv.auth, "local-secret", NULL, NULL,
                   SST_E_INCOMPLETE_SIGNATURE,
                   "Authorization header requires existence of either a "
                   "'X-Amz-Date' or a 'Date' header.",
                   "no date");
    expect_refusal(&r, NULL, "local-secret", NULL, NULL, SST_E_INVALID_ARG,
                   "verify needs a request, its parsed Authorization and a "
                   "secret",
                   "NULL auth");
    received_cleanup(&rv);
}

/* A client may sign Date instead of X-Amz-Date. */
static void
verify_date_header(void)
{
    static const struct sst_sigv4_header hs[] = {
        {"Host", "example.amazonaws.com"},
        {"Date", "Sun, 30 Aug 2015 12:36:00 GMT"},
    };
    struct sst_sigv4_request r = {"GET", "/", NULL, hs, N(hs), NULL, 0, NULL};
    const char *creq = "GET\n/\n\n"
                       "date:Sun, 30 Aug 2015 12:36:00 GMT\n"
                       "host:example.amazonaws.com\n\n"
                       "date;host\n" SST_SIGV4_EMPTY_SHA256;
    unsigned char key[SST_SIGV4_KEY_LEN];
    char sig[SST_SIGV4_HEX_LEN + 1];
    char *sts = NULL, *authz = NULL;
    struct sst_sigv4_auth *a = NULL;
    struct sst_sigv4_header bad[2];
    struct sst_err e;

    CU_ASSERT_EQUAL_FATAL(sst_sigv4_string_to_sign(creq, "20150830T123600Z",
                                                   "us-east-1", "service", &sts,
                                                   NULL),
                          SST_OK);
    CU_ASSERT_EQUAL_FATAL(sst_sigv4_signing_key(SUITE_SECRET, "20150830",
                                                "us-east-1", "service", key,
                                                NULL),
                          SST_OK);
    CU_ASSERT_EQUAL_FATAL(sst_sigv4_signature(key, sts, sig, NULL), SST_OK);
    CU_ASSERT_EQUAL_FATAL(
        sst_sigv4_authorization(SUITE_KEY, "20150830", "us-east-1", "service",
                                "date;host", sig, &authz, NULL),
        SST_OK);
    CU_ASSERT_EQUAL_FATAL(
        sst_sigv4_auth_parse(authz, strlen(authz), true, &a, NULL, NULL),
        SST_OK);
    CU_ASSERT_EQUAL(sst_sigv4_verify(&r, a, SUITE_SECRET, NULL, NULL, &e),
                    SST_OK);
    bad[0] = hs[0];
    bad[1] = (struct sst_sigv4_header){"Date", "30 Aug 2015 12:36:00 GMT"};
    r.headers = bad;
    expect_refusal(&r, a, SUITE_SECRET, NULL, NULL, SST_E_INVALID_SIGNATURE,
                   "Date header is not an RFC 1123 date: '30 Aug 2015 "
                   "12:36:00 GMT'",
                   "bad Date");
    sst_sigv4_auth_free(a);
    sst_free(authz);
    sst_free(sts);
}

/* ================================================================== */
/* out of memory                                                       */

static void
oom_sign_and_verify(void)
{
    struct sst_sigv4_credentials k = {SUITE_KEY, SUITE_SECRET, "TOKEN"};
    struct sst_sigv4_config cfg = {"us-east-1", "dynamodb", SUITE_TIME,
                                   SST_SIGV4_CONTENT_SHA256};
    struct sst_sigv4_request r = {
        "POST",         "/a/./b/../c", "b=2&a=1", ddb_headers,
        N(ddb_headers), "{}",          2,         NULL};
    long base = sst_mem_live_count();
    int n, failures = 0;

    for (n = 1; n < 1000; n++) {
        struct sst_sigv4_headers *h = NULL;
        struct sst_err e;
        enum sst_code rc;

        sst_mem_fail_after(n);
        rc = sst_sigv4_sign(&r, &k, &cfg, &h, &e);
        sst_mem_fail_reset();
        if (rc == SST_OK) {
            CU_ASSERT_EQUAL(h->count, 4);
            sst_sigv4_headers_free(h);
            break;
        }
        failures++;
        CU_ASSERT_EQUAL(rc, SST_E_NOMEM);
        CU_ASSERT_PTR_NULL(h);
        CU_ASSERT_EQUAL(sst_mem_live_count(), base);
    }
    CU_ASSERT(failures > 3);
    CU_ASSERT(n < 1000);

    /* and the verifying side */
    {
        struct received rv;
        struct sst_sigv4_request rr;

        received_init(&rv, NULL);
        rr = received_request(&rv);
        base = sst_mem_live_count();
        for (n = 1; n < 1000; n++) {
            struct sst_sigv4_auth *a = NULL;
            const char *v = "AWS4-HMAC-SHA256 Credential=A/B/C/D/E, "
                            "SignedHeaders=h, Signature=s";
            struct sst_err e;
            struct sst_sigv4_auth *bad = NULL;
            char *msg = NULL;
            enum sst_code rc, rc2, rc3;

            sst_mem_fail_after(n);
            rc = sst_sigv4_verify(&rr, rv.auth, "local-secret", NULL, NULL, &e);
            rc2 = sst_sigv4_auth_parse(v, strlen(v), true, &a, NULL, &e);
            rc3 = sst_sigv4_auth_parse("Bearer abc", 10, true, &bad, &msg, &e);
            sst_mem_fail_reset();
            sst_sigv4_auth_free(a);
            CU_ASSERT(rc == SST_OK || rc == SST_E_NOMEM);
            CU_ASSERT(rc2 == SST_OK || rc2 == SST_E_NOMEM);
            CU_ASSERT(rc3 == SST_E_INCOMPLETE_SIGNATURE || rc3 == SST_E_NOMEM);
            CU_ASSERT_PTR_NULL(bad);
            CU_ASSERT((rc3 == SST_E_NOMEM) == (msg == NULL));
            sst_free(msg);
            CU_ASSERT_EQUAL(sst_mem_live_count(), base);
            if (rc == SST_OK && rc2 == SST_OK &&
                rc3 == SST_E_INCOMPLETE_SIGNATURE)
                break;
        }
        CU_ASSERT(n > 1 && n < 1000);
        received_cleanup(&rv);
    }
}


/* ================================================================== */

static const struct sst_test verify_tests[] = {
    {"Authorization refused with AWS's messages", auth_parse_refusals},
    {"Authorization parts", auth_parse_parts},
    {"valid signatures accepted", verify_accepts_valid},
    {"AWS vectors accepted", verify_accepts_vectors},
    {"changed body, header, date, secret refused", verify_refuses_changes},
    {"Date header instead of X-Amz-Date", verify_date_header},
    {"out of memory while signing and verifying", oom_sign_and_verify},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"sigv4 verify", NULL, NULL, verify_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_sigv4_verify", suites);
}
