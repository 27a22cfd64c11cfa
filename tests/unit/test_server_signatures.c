/*
 * tests/unit/test_server_signatures.c - sst-emu's server with
 * --verify-signatures, run in-process on 127.0.0.1 port 0: right and
 * wrong keys, secrets, clocks, tokens, dates and scopes, through the HTTP
 * backend, hand-signed and presigned requests; and the server's ISO 8601
 * basic date helpers.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/mem.h>
#include <sst/server.h>
#include <sst/sst.h>

#include "emu/server/auth.h"
#include "harness.h"
#include "http/sigv4.h"
#include "server_util.h"

static struct sst_server *srv_verify;

struct sig_case {
    const char *name;
    const char *ak, *sk, *token;
    int64_t client_time;
    enum sst_code code;
    const char *type;
    const char *message;
};

static const struct sig_case sig_cases[] = {
    {"right key", AK, SK, NULL, T0, SST_OK, "", ""},
    {"second key", "OTHERKEY", "x", NULL, T0, SST_OK, "", ""},
    {"wrong secret", AK, "not-the-secret", NULL, T0, SST_E_INVALID_SIGNATURE,
     "InvalidSignatureException", SST_SIGV4_MSG_MISMATCH},
    {"unknown key", "AKIDNOBODY", SK, NULL, T0, SST_E_UNRECOGNIZED_CLIENT,
     "UnrecognizedClientException",
     "The security token included in the request is invalid."},
    {"15 minutes early is fine", AK, SK, NULL, T0 - 900, SST_OK, "", ""},
    {"15 minutes late is fine", AK, SK, NULL, T0 + 900, SST_OK, "", ""},
    {"expired", AK, SK, NULL, T0 - 901, SST_E_INVALID_SIGNATURE,
     "InvalidSignatureException",
     "Signature expired: 20260102T024904Z is now earlier than "
     "20260102T024905Z (20260102T030405Z - 15 min.)"},
    {"not yet current", AK, SK, NULL, T0 + 3600, SST_E_INVALID_SIGNATURE,
     "InvalidSignatureException",
     "Signature not yet current: 20260102T040405Z is still later than "
     "20260102T031905Z (20260102T030405Z + 15 min.)"},
    {"expired wins over an unknown key", "AKIDNOBODY", SK, NULL, T0 - 86400,
     SST_E_INVALID_SIGNATURE, "InvalidSignatureException",
     "Signature expired: 20260101T030405Z is now earlier than "
     "20260102T024905Z (20260102T030405Z - 15 min.)"},
    {"session token", AK, SK, "FQoGZXIvYXdzEXAMPLETOKEN", T0,
     SST_E_UNRECOGNIZED_CLIENT, "UnrecognizedClientException",
     "The security token included in the request is invalid"},
};

static void
signatures_on(void)
{
    struct json_object *req = json_tokener_parse("{}");
    size_t i;

    for (i = 0; i < sizeof sig_cases / sizeof sig_cases[0]; i++) {
        const struct sig_case *c = &sig_cases[i];
        struct sst_backend *b = st_client(srv_verify, c->ak, c->sk, c->token);
        struct json_object *resp = NULL;
        struct sst_err e;
        enum sst_code rc;

        st_script_reset();
        st_client_now = c->client_time;
        rc = sst_backend_call(b, "ListTables", req, &resp, &e);
        if (rc != c->code)
            printf("\n  %s: got %s %s\n", c->name, sst_code_name(rc),
                   e.message);
        CU_ASSERT_EQUAL(rc, c->code);
        if (rc != SST_OK) {
            SST_ASSERT_STR_EQ(e.type, c->type);
            SST_ASSERT_STR_EQ(e.message, c->message);
            CU_ASSERT_EQUAL(e.http_status, 400);
            CU_ASSERT_EQUAL(st_script.calls, 0);
        } else {
            CU_ASSERT_EQUAL(st_script.calls, 1);
        }
        json_object_put(resp);
        sst_backend_close(b);
    }
    st_client_now = T0;
    json_object_put(req);
}

static void
signatures(void)
{
    srv_verify = st_start_server(true);
    CU_ASSERT_FATAL(srv_verify != NULL);
    signatures_on();
    sst_server_close(srv_verify);
    srv_verify = NULL;
}

/* Requests signed by hand, to reach the checks a client never fails. */
struct hand_case {
    const char *name;
    const char *headers; /* besides Host, Content-Type and the target */
    const char *body;    /* JSON with type and message */
};

#define INVALID(m)                                                             \
    "{\"__type\":\"com.amazon.coral.service#InvalidSignatureException\","    \
    "\"message\":\"" m "\"}"

static const struct hand_case hand_cases[] = {
    {"date not ISO 8601",
     "X-Amz-Date: 201\r\nAuthorization: AWS4-HMAC-SHA256 Credential="
     AK "/20260102/us-east-1/dynamodb/aws4_request, SignedHeaders=host, "
     "Signature=00\r\n",
     INCOMPLETE("Date must be in ISO-8601 'basic format'. Got '201'. See "
                "http://en.wikipedia.org/wiki/ISO_8601")},
    {"Date header, RFC 1123, expired",
     "Date: Thu, 01 Jan 2026 00:00:00 GMT\r\nAuthorization: AWS4-HMAC-SHA256 "
     "Credential=" AK "/20260101/us-east-1/dynamodb/aws4_request, "
     "SignedHeaders=host, Signature=00\r\n",
     INVALID("Signature expired: 20260101T000000Z is now earlier than "
             "20260102T024905Z (20260102T030405Z - 15 min.)")},
    {"Host not signed",
     "X-Amz-Date: 20260102T030405Z\r\nAuthorization: AWS4-HMAC-SHA256 "
     "Credential=" AK "/20260102/us-east-1/dynamodb/aws4_request, "
     "SignedHeaders=x-amz-date, Signature=00\r\n",
     INVALID("'Host' must be a 'SignedHeader' in the AWS Authorization.")},
    {"scope: service, terminator and date all wrong",
     "X-Amz-Date: 20260102T030405Z\r\nAuthorization: AWS4-HMAC-SHA256 "
     "Credential=" AK "/20250101/us-east-1/s3/aws5_request, "
     "SignedHeaders=host;x-amz-date, Signature=00\r\n",
     INVALID("Credential should be scoped to correct service: 'dynamodb'. "
             "Credential should be scoped with a valid terminator: "
             "'aws4_request', not 'aws5_request'. Date in Credential scope "
             "does not match YYYYMMDD from ISO-8601 version of date from "
             "HTTP: '20250101' != '20260102', from '20260102T030405Z'.")},
    {"any region is accepted; the key is not",
     "X-Amz-Date: 20260102T030405Z\r\nAuthorization: AWS4-HMAC-SHA256 "
     "Credential=NOBODY/20260102/mars-north-1/dynamodb/aws4_request, "
     "SignedHeaders=host;x-amz-date, Signature=00\r\n",
     "{\"__type\":\"com.amazon.coral.service#UnrecognizedClientException\","
     "\"message\":\"The security token included in the request is "
     "invalid.\"}"},
    {"bad algorithm: the date is checked first",
     "X-Amz-Date: 20200102T030405Z\r\nAuthorization: AWS4-HMAC-SHA1 "
     "Credential=" AK "/20200102/us-east-1/dynamodb/aws4_request, "
     "SignedHeaders=host;x-amz-date, Signature=00\r\n",
     INVALID("Signature expired: 20200102T030405Z is now earlier than "
             "20260102T024905Z (20260102T030405Z - 15 min.)")},
    {"bad signature",
     "X-Amz-Date: 20260102T030405Z\r\nAuthorization: AWS4-HMAC-SHA256 "
     "Credential=" AK "/20260102/us-east-1/dynamodb/aws4_request, "
     "SignedHeaders=host;x-amz-date, Signature=00\r\n",
     INVALID(SST_SIGV4_MSG_MISMATCH)},
};

static void
hand_signed_on(void)
{
    size_t i;

    for (i = 0; i < sizeof hand_cases / sizeof hand_cases[0]; i++) {
        const struct hand_case *c = &hand_cases[i];
        char headers[1024];
        struct raw_resp r;
        size_t len;
        char *req;

        snprintf(headers, sizeof headers, "%s%s%s", CT_AMZ_H,
                 TARGET_H("ListTables"), c->headers);
        req = st_build("POST", "/", headers, "{}", &len);
        CU_ASSERT_EQUAL_FATAL(st_raw(srv_verify, req, len, &r), 0);
        if (r.status != 400 || strcmp(r.body, c->body) != 0)
            printf("\n  %s: got %d %s\n", c->name, r.status, r.body);
        CU_ASSERT_EQUAL(r.status, 400);
        SST_ASSERT_STR_EQ(r.body, c->body);
        st_raw_cleanup(&r);
        free(req);
    }
}

static void
hand_signed(void)
{
    srv_verify = st_start_server(true);
    CU_ASSERT_FATAL(srv_verify != NULL);
    hand_signed_on();
    sst_server_close(srv_verify);
    srv_verify = NULL;
}

/* A presigned request (query-string authentication), signed here with the
 * SigV4 stages as botocore's SigV4QueryAuth builds one. */
static void
presigned_on(void)
{
    const char *amz_date = "20260102T030405Z", *body = "{}";
    char query[1024], full[1200], host[64];
    char *canonical = NULL, *sts = NULL;
    char payload_hash[65], sig[65], headers[512];
    unsigned char key[32];
    struct raw_resp r;
    struct sst_err e;
    size_t len;

    snprintf(host, sizeof host, "127.0.0.1:%d", sst_server_port(srv_verify));
    snprintf(query, sizeof query,
             "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" AK
             "%%2F20260102%%2Fus-east-1%%2Fdynamodb%%2Faws4_request&"
             "X-Amz-Date=%s&X-Amz-Expires=3600&X-Amz-SignedHeaders=host",
             amz_date);
    CU_ASSERT_EQUAL_FATAL(sst_sigv4_sha256_hex(body, 2, payload_hash, &e),
                          SST_OK);
    {
        char *cq = NULL;
        size_t n;

        CU_ASSERT_EQUAL_FATAL(
            sst_sigv4_canonical_query(query, strlen(query), &cq, &e), SST_OK);
        n = strlen(cq) + 512;
        canonical = malloc(n);
        snprintf(canonical, n, "POST\n/\n%s\nhost:%s\n\nhost\n%s", cq,
                 host, payload_hash);
        sst_free(cq);
    }
    CU_ASSERT_EQUAL_FATAL(sst_sigv4_string_to_sign(canonical, amz_date,
                                                   "us-east-1", "dynamodb",
                                                   &sts, &e),
                          SST_OK);
    CU_ASSERT_EQUAL_FATAL(sst_sigv4_signing_key(SK, amz_date, "us-east-1",
                                                "dynamodb", key, &e),
                          SST_OK);
    CU_ASSERT_EQUAL_FATAL(sst_sigv4_signature(key, sts, sig, &e), SST_OK);
    snprintf(full, sizeof full, "/?%s&X-Amz-Signature=%s", query, sig);
    snprintf(headers, sizeof headers, "%s%s", CT_AMZ_H, TARGET_H("ListTables"));
    /* st_build() sends "Host: sst.test"; this request signs the real host */
    {
        char raw_req[2048];

        len = (size_t)snprintf(raw_req, sizeof raw_req,
                               "POST %s HTTP/1.1\r\nHost: %s\r\n"
                               "Connection: close\r\n%s"
                               "Content-Length: 2\r\n\r\n{}",
                               full, host, headers);
        st_script_reset();
        CU_ASSERT_EQUAL_FATAL(st_raw(srv_verify, raw_req, len, &r), 0);
        CU_ASSERT_EQUAL(r.status, 200);
        SST_ASSERT_STR_EQ(r.body, "{\"TableNames\":[]}");
        st_raw_cleanup(&r);
        /* one byte of the signature changed */
        full[strlen(full) - 1] = full[strlen(full) - 1] == '0' ? '1' : '0';
        len = (size_t)snprintf(raw_req, sizeof raw_req,
                               "POST %s HTTP/1.1\r\nHost: %s\r\n"
                               "Connection: close\r\n%s"
                               "Content-Length: 2\r\n\r\n{}",
                               full, host, headers);
        CU_ASSERT_EQUAL_FATAL(st_raw(srv_verify, raw_req, len, &r), 0);
        CU_ASSERT_EQUAL(r.status, 400);
        SST_ASSERT_STR_EQ(r.body, INVALID(SST_SIGV4_MSG_MISMATCH));
        st_raw_cleanup(&r);
    }
    free(canonical);
    sst_free(sts);
    st_script_reset();
}

static void
presigned(void)
{
    srv_verify = st_start_server(true);
    CU_ASSERT_FATAL(srv_verify != NULL);
    presigned_on();
    sst_server_close(srv_verify);
    srv_verify = NULL;
}

/* The date helpers against known values. */
static void
amz_dates(void)
{
    static const struct {
        const char *s;
        int ok;
        int64_t t;
    } rows[] = {
        {"19700101T000000Z", 0, 0},
        {"20260102T030405Z", 0, T0},
        {"20240229T235959Z", 0, 1709251199},
        {"20230229T000000Z", -1, 0},
        {"20260102T240000Z", -1, 0},
        {"20260102T030405", -1, 0},
        {"2026-01-02T03:04:05Z", -1, 0},
        {"201", -1, 0},
        {"", -1, 0},
    };
    char buf[17];
    size_t i;

    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        int64_t t = -1;
        int ok = sst_server_parse_amz_date(rows[i].s, &t);

        CU_ASSERT_EQUAL(ok, rows[i].ok);
        if (ok == 0) {
            CU_ASSERT_EQUAL(t, rows[i].t);
            sst_server_format_amz_date(t, buf);
            SST_ASSERT_STR_EQ(buf, rows[i].s);
        }
    }
}

/* ------------------------------------------------------------------ */

static const struct sst_test signature_tests[] = {
    {"keys, secrets, clocks and tokens", signatures},
    {"hand-signed requests", hand_signed},
    {"presigned query-string requests", presigned},
    {"ISO 8601 basic dates", amz_dates},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"server signatures", NULL, NULL, signature_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_server_signatures", suites);
}
