/*
 * tests/unit/test_server_wire.c - sst-emu's server on the wire, run
 * in-process on 127.0.0.1 port 0: raw requests over a socket, every
 * malformed case AWS answers without looking at the backend, with the
 * exact status, body, Content-Type, x-amz-crc32 and request id. The CRCs
 * in the table are the ones dynalite's tests hold AWS's answers to, so
 * they check the bytes independently. Then the health check, HEAD, CORS,
 * the 16 MiB limit, the limit of the request line and headers, deep JSON
 * and garbage that must not stop the server.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <zlib.h>

#include <sst/server.h>

#include "harness.h"
#include "server_util.h"

/* The server of the running test. Each test opens its own and closes it,
 * so that the suite's leak check sees it gone. */
static struct sst_server *srv_plain;

#define CT_JSON_H "Content-Type: application/json\r\n"
#define SER "{\"__type\":\"com.amazon.coral.service#SerializationException\"}"
#define UNK                                                                    \
    "{\"__type\":\"com.amazon.coral.service#UnknownOperationException\"}"
#define XML404 "<UnknownOperationException/>\n"
#define MISSING                                                                \
    "{\"__type\":\"com.amazon.coral.service#"                                 \
    "MissingAuthenticationTokenException\",\"message\":\"Request is missing " \
    "Authentication Token\"}"

struct wire_case {
    const char *name;
    const char *method;
    const char *path;
    const char *headers;
    const char *body;      /* NULL: no body, no Content-Length */
    int status;
    const char *want_body; /* exact */
    const char *ctype;     /* expected Content-Type; NULL: none */
    unsigned long crc;     /* dynalite's (AWS's) CRC, 0: not known */
};

static const struct wire_case wire_cases[] = {
    /* routing by method and Content-Type */
    {"PUT", "PUT", "/", "", NULL, 404, XML404, NULL, 3552371480UL},
    {"DELETE", "DELETE", "/", "", NULL, 404, XML404, NULL, 3552371480UL},
    {"OPTIONS without Origin", "OPTIONS", "/", "", NULL, 404, XML404, NULL,
     3552371480UL},
    {"PATCH with a JSON body", "PATCH", "/", CT_AMZ_H, "{}", 404, XML404,
     NULL, 0},
    {"body without Content-Type", "POST", "/", "", "hi", 404, XML404, NULL,
     3552371480UL},
    {"body with Content-Type whatever", "POST", "/",
     "Content-Type: whatever\r\n", "hi", 404, XML404, NULL, 3552371480UL},
    {"body with x-amz-json-1.1", "POST", "/",
     "Content-Type: application/x-amz-json-1.1\r\n", "hi", 404, XML404, NULL,
     3552371480UL},
    {"body with application/jsonasdf", "POST", "/",
     "Content-Type: application/jsonasdf\r\n", "hi", 404, XML404, NULL,
     3552371480UL},
    {"text/plain, a valid request otherwise", "POST", "/",
     "Content-Type: text/plain\r\n" TARGET_H("ListTables") AUTH_OK, "{}", 404,
     XML404, NULL, 3552371480UL},
    /* JSON */
    {"application/json, not JSON", "POST", "/", CT_JSON_H, "hi", 400, SER,
     "application/json", 3948637019UL},
    {"x-amz-json-1.0, not JSON", "POST", "/", CT_AMZ_H, "hi", 400, SER,
     "application/x-amz-json-1.0", 3948637019UL},
    {"application/json;, not JSON", "POST", "/",
     "Content-Type: application/json;\r\n", "hi", 400, SER,
     "application/json", 3948637019UL},
    {"spaces and ; in the type, not JSON", "POST", "/",
     "Content-Type:   application/json  ;   asfd\r\n", "hi", 400, SER,
     "application/json", 3948637019UL},
    {"x-amz-json-1.0;blahblah, not JSON", "POST", "/",
     "Content-Type: application/x-amz-json-1.0;blahblah\r\n", "hi", 400, SER,
     "application/x-amz-json-1.0", 3948637019UL},
    {"truncated JSON", "POST", "/", CT_AMZ_H TARGET_H("PutItem") AUTH_OK,
     "{\"TableName\": \"t\", \"Item\": {\"p\": {\"S\": \"x\"}", 400, SER,
     "application/x-amz-json-1.0", 3948637019UL},
    {"JSON and garbage after it", "POST", "/",
     CT_AMZ_H TARGET_H("ListTables") AUTH_OK, "{} x", 400, SER,
     "application/x-amz-json-1.0", 3948637019UL},
    {"two JSON values", "POST", "/", CT_AMZ_H TARGET_H("ListTables") AUTH_OK,
     "{}{}", 400, SER, "application/x-amz-json-1.0", 3948637019UL},
    {"NaN is not JSON", "POST", "/", CT_AMZ_H TARGET_H("ListTables") AUTH_OK,
     "{\"Limit\": NaN}", 400, SER, "application/x-amz-json-1.0",
     3948637019UL},
    {"invalid UTF-8", "POST", "/", CT_AMZ_H TARGET_H("ListTables") AUTH_OK,
     "{\"ExclusiveStartTableName\": \"\xff\xfe\"}", 400, SER,
     "application/x-amz-json-1.0", 3948637019UL},
    {"bad JSON wins over a bad target", "POST", "/",
     CT_AMZ_H "X-Amz-Target: nope\r\n", "{", 400, SER,
     "application/x-amz-json-1.0", 3948637019UL},
    /* X-Amz-Target */
    {"no target, no body", "POST", "/", "", NULL, 400, UNK,
     "application/json", 1368724161UL},
    {"no target, application/json {}", "POST", "/", CT_JSON_H, "{}", 400, UNK,
     "application/json", 1368724161UL},
    {"no target, x-amz-json-1.0 {}", "POST", "/", CT_AMZ_H, "{}", 400, UNK,
     "application/x-amz-json-1.0", 1368724161UL},
    {"no target, application/json;charset=asfdsaf", "POST", "/",
     "Content-Type: application/json;charset=asfdsaf\r\n", "{}", 400, UNK,
     "application/json", 1368724161UL},
    {"target whatever", "POST", "/", "X-Amz-Target: whatever\r\n", NULL, 400,
     UNK, "application/json", 1368724161UL},
    {"unknown operation", "POST", "/", TARGET_H("ListTable"), NULL, 400, UNK,
     "application/json", 1368724161UL},
    {"operation in the wrong case", "POST", "/",
     CT_AMZ_H TARGET_H("listTables") AUTH_OK, "{}", 400, UNK,
     "application/x-amz-json-1.0", 1368724161UL},
    {"API version 2011-12-05", "POST", "/",
     CT_AMZ_H "X-Amz-Target: DynamoDB_20111205.ListTables\r\n" AUTH_OK, "{}",
     400, UNK, "application/x-amz-json-1.0", 1368724161UL},
    /* streams are served under their own prefix only (the replay through
     * sst-emu covers the served ones) */
    {"a DynamoDB operation under Streams' target", "POST", "/",
     CT_AMZ_H "X-Amz-Target: DynamoDBStreams_20120810.ListTables\r\n" AUTH_OK,
     "{}", 400, UNK, "application/x-amz-json-1.0", 1368724161UL},
    {"a Streams operation under DynamoDB's target", "POST", "/",
     CT_AMZ_H TARGET_H("ListStreams") AUTH_OK, "{}", 400, UNK,
     "application/x-amz-json-1.0", 1368724161UL},
    {"a third part in the target", "POST", "/",
     CT_AMZ_H "X-Amz-Target: DynamoDB_20120810.ListTables.x\r\n" AUTH_OK,
     "{}", 400, UNK, "application/x-amz-json-1.0", 1368724161UL},
    /* Authorization */
    {"no Authorization", "POST", "/", TARGET_H("ListTables"), NULL, 400,
     MISSING, "application/json", 2088342776UL},
    {"Authorization AWS4", "POST", "/",
     TARGET_H("ListTables") "Authorization: AWS4\r\n", NULL, 400, MISSING,
     "application/json", 2088342776UL},
    {"Authorization Basic", "POST", "/",
     CT_AMZ_H TARGET_H("ListTables") "Authorization: Basic dTpw\r\n", "{}",
     400, MISSING, "application/x-amz-json-1.0", 0},
    {"X-Amz-Algorith in the query and Authorization X", "POST",
     "/?X-Amz-Algorith", TARGET_H("ListTables") "Authorization: X\r\n", NULL,
     400, MISSING, "application/json", 2088342776UL},
    {"every query parameter but X-Amz-Algorithm", "POST",
     "/?X-Amz-Credential=a&X-Amz-Signature=b&X-Amz-SignedHeaders=c&"
     "X-Amz-Date=d",
     TARGET_H("ListTables"), NULL, 400, MISSING, "application/json",
     2088342776UL},
    {"Authorization and X-Amz-Algorithm", "POST", "/?X-Amz-Algorithm",
     TARGET_H("ListTables") "Authorization: X\r\n", NULL, 400,
     "{\"__type\":\"com.amazon.coral.service#InvalidSignatureException\","
     "\"message\":\"Found both 'X-Amz-Algorithm' as a query-string param and "
     "'Authorization' as HTTP header.\"}",
     "application/json", 2139606068UL},
    {"Authorization AWS4-", "POST", "/",
     TARGET_H("ListTables") "Authorization: AWS4-\r\n", NULL, 400,
     INCOMPLETE("Authorization header requires 'Credential' parameter. "
                "Authorization header requires 'Signature' parameter. "
                "Authorization header requires 'SignedHeaders' parameter. "
                "Authorization header requires existence of either a "
                "'X-Amz-Date' or a 'Date' header. Authorization=AWS4-"),
     "application/json", 1828866742UL},
    {"Signature and Credential, space-separated", "POST", "/",
     TARGET_H("ListTables") "Authorization: AWS4- Signature=b Credential=a\r\n"
                            "Date: a\r\n",
     NULL, 400,
     INCOMPLETE("Authorization header requires 'SignedHeaders' parameter. "
                "Authorization=AWS4- Signature=b Credential=a"),
     "application/json", 15336762UL},
    {"Signature and Credential, comma-separated", "POST", "/",
     TARGET_H("ListTables") "Authorization: AWS4- Signature=b,Credential=a\r\n"
                            "Date: a\r\n",
     NULL, 400,
     INCOMPLETE("Authorization header requires 'SignedHeaders' parameter. "
                "Authorization=AWS4- Signature=b,Credential=a"),
     "application/json", 1159703774UL},
    {"Signature and Credential, comma and space", "POST", "/",
     TARGET_H("ListTables") "Authorization: AWS4- Signature=b, "
                            "Credential=a\r\nDate: a\r\n",
     NULL, 400,
     INCOMPLETE("Authorization header requires 'SignedHeaders' parameter. "
                "Authorization=AWS4- Signature=b, Credential=a"),
     "application/json", 164353342UL},
    {"empty X-Amz-Algorithm query", "POST", "/?X-Amz-Algorithm",
     TARGET_H("ListTables"), NULL, 400,
     INCOMPLETE("AWS query-string parameters must include 'X-Amz-Algorithm'. "
                "AWS query-string parameters must include 'X-Amz-Credential'. "
                "AWS query-string parameters must include 'X-Amz-Signature'. "
                "AWS query-string parameters must include "
                "'X-Amz-SignedHeaders'. AWS query-string parameters must "
                "include 'X-Amz-Date'. Re-examine the query-string "
                "parameters."),
     "application/json", 2900502663UL},
    {"no X-Amz-SignedHeaders query", "POST",
     "/?X-Amz-Algorithm=a&X-Amz-Credential=b&X-Amz-Signature=c&X-Amz-Date=d",
     TARGET_H("ListTables"), NULL, 400,
     INCOMPLETE("AWS query-string parameters must include "
                "'X-Amz-SignedHeaders'. Re-examine the query-string "
                "parameters."),
     "application/json", 3712057481UL},
    /* after authentication: the body must be a structure */
    {"empty body", "POST", "/", CT_AMZ_H TARGET_H("ListTables") AUTH_OK, "",
     400, SER, "application/x-amz-json-1.0", 3948637019UL},
    {"no body", "POST", "/", TARGET_H("ListTables") AUTH_OK, NULL, 400, SER,
     "application/json", 3948637019UL},
    {"a JSON array", "POST", "/", CT_AMZ_H TARGET_H("ListTables") AUTH_OK,
     "[]", 400, SER, "application/x-amz-json-1.0", 3948637019UL},
    {"a JSON number", "POST", "/", CT_AMZ_H TARGET_H("ListTables") AUTH_OK,
     "7", 400, SER, "application/x-amz-json-1.0", 3948637019UL},
    {"JSON null", "POST", "/", CT_AMZ_H TARGET_H("ListTables") AUTH_OK,
     "null", 400, SER, "application/x-amz-json-1.0", 3948637019UL},
    /* what reaches the backend, and any path does */
    {"a request", "POST", "/", CT_AMZ_H TARGET_H("ListTables") AUTH_OK,
     "{}", 200, "{\"TableNames\":[]}", "application/x-amz-json-1.0",
     1315925753UL},
    {"another path", "POST", "/some/where?x=1",
     CT_AMZ_H TARGET_H("ListTables") AUTH_OK, " {} \n", 200,
     "{\"TableNames\":[]}", "application/x-amz-json-1.0", 1315925753UL},
    {"application/json", "POST", "/", CT_JSON_H TARGET_H("ListTables") AUTH_OK,
     "{}", 200, "{\"TableNames\":[]}", "application/json", 1315925753UL},
    {"query-string authentication", "POST",
     "/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=a%2F20260101%2Fus-"
     "east-1%2Fdynamodb%2Faws4_request&X-Amz-Signature=c&"
     "X-Amz-SignedHeaders=host&X-Amz-Date=20260101T000000Z",
     CT_AMZ_H TARGET_H("ListTables"), "{}", 200, "{\"TableNames\":[]}",
     "application/x-amz-json-1.0", 1315925753UL},
};

static void
wire_table_on(void)
{
    size_t i;

    st_script_reset();
    for (i = 0; i < sizeof wire_cases / sizeof wire_cases[0]; i++) {
        const struct wire_case *c = &wire_cases[i];
        struct raw_resp r;
        size_t len;
        char *req = st_build(c->method, c->path, c->headers, c->body, &len);
        char v[256];
        int ok;

        if (st_raw(srv_plain, req, len, &r) != 0) {
            printf("\n  %s: no answer\n", c->name);
            CU_FAIL("no answer");
            free(req);
            continue;
        }
        ok = r.status == c->status && strcmp(r.body, c->want_body) == 0;
        if (c->ctype)
            ok = ok && st_raw_header(&r, "Content-Type", v, sizeof v) == 0 &&
                 strcmp(v, c->ctype) == 0;
        else
            ok = ok && st_raw_header(&r, "Content-Type", v, sizeof v) != 0;
        if (c->crc)
            ok = ok && crc32(0L, (const Bytef *)r.body, (uInt)r.body_len) ==
                           c->crc;
        if (!ok)
            printf("\n  %s: got %d %s\n", c->name, r.status, r.body);
        CU_ASSERT_TRUE(ok);
        st_check_envelope(&r, c->name);
        st_raw_cleanup(&r);
        free(req);
    }
}

static void
wire_table(void)
{
    srv_plain = st_start_server(false);
    CU_ASSERT_FATAL(srv_plain != NULL);
    wire_table_on();
    sst_server_close(srv_plain);
    srv_plain = NULL;
}

static void
get_is_healthy_on(void)
{
    struct raw_resp r;
    size_t len;
    char *req = st_build("GET", "/anything?x", "", NULL, &len);

    CU_ASSERT_EQUAL_FATAL(st_raw(srv_plain, req, len, &r), 0);
    CU_ASSERT_EQUAL(r.status, 200);
    SST_ASSERT_STR_EQ(r.body, "healthy: sst.test ");
    st_check_envelope(&r, "GET");
    st_raw_cleanup(&r);
    free(req);
}

static void
get_is_healthy(void)
{
    srv_plain = st_start_server(false);
    CU_ASSERT_FATAL(srv_plain != NULL);
    get_is_healthy_on();
    sst_server_close(srv_plain);
    srv_plain = NULL;
}

static void
head_is_unknown_on(void)
{
    struct raw_resp r;
    size_t len;
    char *req = st_build("HEAD", "/", "", NULL, &len);
    char v[64];

    CU_ASSERT_EQUAL_FATAL(st_raw(srv_plain, req, len, &r), 0);
    CU_ASSERT_EQUAL(r.status, 404);
    CU_ASSERT_EQUAL(st_raw_header(&r, "Content-Length", v, sizeof v), 0);
    SST_ASSERT_STR_EQ(v, "29");
    st_raw_cleanup(&r);
    free(req);
}

static void
head_is_unknown(void)
{
    srv_plain = st_start_server(false);
    CU_ASSERT_FATAL(srv_plain != NULL);
    head_is_unknown_on();
    sst_server_close(srv_plain);
    srv_plain = NULL;
}

static void
cors_on(void)
{
    struct raw_resp r;
    size_t len;
    char *req = st_build("OPTIONS", "/",
                         "Origin: whatever\r\n"
                         "Access-Control-Request-Headers: a, b, c\r\n"
                         "Access-Control-Request-Method: d\r\n",
                         NULL, &len);
    char v[64];

    CU_ASSERT_EQUAL_FATAL(st_raw(srv_plain, req, len, &r), 0);
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT_EQUAL(r.body_len, 0);
    st_raw_header(&r, "Access-Control-Allow-Origin", v, sizeof v);
    SST_ASSERT_STR_EQ(v, "*");
    st_raw_header(&r, "Access-Control-Allow-Headers", v, sizeof v);
    SST_ASSERT_STR_EQ(v, "a, b, c");
    st_raw_header(&r, "Access-Control-Allow-Methods", v, sizeof v);
    SST_ASSERT_STR_EQ(v, "d");
    st_raw_header(&r, "Access-Control-Max-Age", v, sizeof v);
    SST_ASSERT_STR_EQ(v, "172800");
    st_check_envelope(&r, "OPTIONS");
    st_raw_cleanup(&r);
    free(req);
    /* a POST with an Origin gets the allow-origin header on its answer */
    req = st_build("POST", "/", "Origin: whatever\r\n", NULL, &len);
    CU_ASSERT_EQUAL_FATAL(st_raw(srv_plain, req, len, &r), 0);
    CU_ASSERT_EQUAL(r.status, 400);
    SST_ASSERT_STR_EQ(r.body, UNK);
    CU_ASSERT_EQUAL(
        st_raw_header(&r, "Access-Control-Allow-Origin", v, sizeof v), 0);
    SST_ASSERT_STR_EQ(v, "*");
    st_raw_cleanup(&r);
    free(req);
}

static void
cors(void)
{
    srv_plain = st_start_server(false);
    CU_ASSERT_FATAL(srv_plain != NULL);
    cors_on();
    sst_server_close(srv_plain);
    srv_plain = NULL;
}

/* A declared Content-Length over 16 MiB is refused before any body. */
static void
too_large_declared_on(void)
{
    struct raw_resp r;
    const char *req = "POST / HTTP/1.1\r\nHost: sst.test\r\n"
                      "Content-Type: application/x-amz-json-1.0\r\n"
                      "X-Amz-Target: DynamoDB_20120810.PutItem\r\n"
                      "Content-Length: 16777217\r\n\r\n";

    CU_ASSERT_EQUAL_FATAL(st_raw(srv_plain, req, strlen(req), &r), 0);
    CU_ASSERT_EQUAL(r.status, 413);
    CU_ASSERT_EQUAL(r.body_len, 0);
    st_check_envelope(&r, "413");
    st_raw_cleanup(&r);
}

static void
too_large_declared(void)
{
    srv_plain = st_start_server(false);
    CU_ASSERT_FATAL(srv_plain != NULL);
    too_large_declared_on();
    sst_server_close(srv_plain);
    srv_plain = NULL;
}

/* A ListTables whose request line and headers are exactly head bytes,
 * padded with an X-Pad header; NULL when head is too small for that. */
static char *
padded_request(size_t head, size_t *len)
{
    static const char start[] = "POST / HTTP/1.1\r\nHost: sst.test\r\n" CT_AMZ_H
        TARGET_H("ListTables") AUTH_OK "X-Pad: ";
    static const char end[] = "\r\nContent-Length: 2\r\n\r\n";
    size_t fixed = sizeof start - 1 + sizeof end - 1;
    char *req;

    if (head <= fixed)
        return NULL;
    req = malloc(head + 3);
    CU_ASSERT_PTR_NOT_NULL_FATAL(req);
    memcpy(req, start, sizeof start - 1);
    memset(req + sizeof start - 1, 'a', head - fixed);
    memcpy(req + head - (sizeof end - 1), end, sizeof end - 1);
    memcpy(req + head, "{}", 3);
    *len = head + 2;
    return req;
}

#define HEAD_431                                                               \
    "<html><head><title>Error 431 Request Header Fields Too Large</title>"   \
    "</head><body><h2>HTTP ERROR 431 Request Header Fields Too Large</h2>"   \
    "<p>The request line and headers are over 8254 bytes.</p></body>"        \
    "</html>\n"

/* DynamoDB Local answers a request line and headers of 8,254 bytes and
 * refuses 8,255 with 431 and closes the connection; so does sst-emu, up to
 * the size where libmicrohttpd refuses them itself (over about 15,600
 * bytes, 431 with its own page). The backend is never called. */
static void
head_limit_on(void)
{
    static const size_t refused[] = {8255, 8256, 12000, 15000};
    struct raw_resp r;
    char v[64], *req;
    size_t len, i;
    int s, calls;

    req = padded_request(8254, &len);
    CU_ASSERT_EQUAL_FATAL(st_raw(srv_plain, req, len, &r), 0);
    CU_ASSERT_EQUAL(r.status, 200);
    SST_ASSERT_STR_EQ(r.body, "{\"TableNames\":[]}");
    st_check_envelope(&r, "8254 bytes");
    st_raw_cleanup(&r);
    free(req);
    for (i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        calls = st_script.calls;
        req = padded_request(refused[i], &len);
        s = st_connect_to(sst_server_port(srv_plain));
        CU_ASSERT_FATAL(s >= 0);
        st_send_all(s, req, len);
        CU_ASSERT_EQUAL_FATAL(st_raw_read(s, &r, false), 0);
        CU_ASSERT_EQUAL(r.status, 431);
        SST_ASSERT_STR_EQ(r.body, HEAD_431);
        CU_ASSERT_EQUAL(st_raw_header(&r, "Content-Type", v, sizeof v), 0);
        SST_ASSERT_STR_EQ(v, "text/html;charset=iso-8859-1");
        CU_ASSERT_EQUAL(st_raw_header(&r, "Connection", v, sizeof v), 0);
        SST_ASSERT_STR_EQ(v, "close");
        /* like DynamoDB Local's: no request id, no CRC */
        CU_ASSERT_NOT_EQUAL(st_raw_header(&r, "x-amzn-RequestId", v, sizeof v),
                            0);
        CU_ASSERT_NOT_EQUAL(st_raw_header(&r, "x-amz-crc32", v, sizeof v), 0);
        st_raw_cleanup(&r);
        /* and the connection is closed: nothing more comes */
        CU_ASSERT_NOT_EQUAL(st_raw_read(s, &r, false), 0);
        st_raw_cleanup(&r);
        close(s);
        free(req);
        CU_ASSERT_EQUAL(st_script.calls, calls);
    }
    req = padded_request(20000, &len);
    CU_ASSERT_EQUAL_FATAL(st_raw(srv_plain, req, len, &r), 0);
    CU_ASSERT_EQUAL(r.status, 431);
    st_raw_cleanup(&r);
    free(req);
    /* the server still answers */
    req = padded_request(300, &len);
    CU_ASSERT_EQUAL_FATAL(st_raw(srv_plain, req, len, &r), 0);
    CU_ASSERT_EQUAL(r.status, 200);
    st_raw_cleanup(&r);
    free(req);
}

static void
head_limit(void)
{
    st_script_reset();
    srv_plain = st_start_server(false);
    CU_ASSERT_FATAL(srv_plain != NULL);
    head_limit_on();
    sst_server_close(srv_plain);
    srv_plain = NULL;
}

/* A chunked body that grows past 16 MiB is read, dropped and refused. */
static void
too_large_chunked_on(void)
{
    const char *head = "POST / HTTP/1.1\r\nHost: sst.test\r\n"
                       "Content-Type: application/x-amz-json-1.0\r\n"
                       "X-Amz-Target: DynamoDB_20120810.PutItem\r\n"
                       "Connection: close\r\n"
                       "Transfer-Encoding: chunked\r\n\r\n";
    static char chunk[65536 + 16];
    struct raw_resp r;
    size_t n = 0;
    int s = st_connect_to(sst_server_port(srv_plain)), i;

    CU_ASSERT_FATAL(s >= 0);
    n = (size_t)snprintf(chunk, sizeof chunk, "%x\r\n", 65536);
    memset(chunk + n, ' ', 65536);
    memcpy(chunk + n + 65536, "\r\n", 2);
    n += 65536 + 2;
    st_send_all(s, head, strlen(head));
    for (i = 0; i < 17 * 16; i++) /* 17 MiB */
        st_send_all(s, chunk, n);
    st_send_all(s, "0\r\n\r\n", 5);
    CU_ASSERT_EQUAL_FATAL(st_raw_read(s, &r, false), 0);
    close(s);
    CU_ASSERT_EQUAL(r.status, 413);
    CU_ASSERT_EQUAL(r.body_len, 0);
    st_raw_cleanup(&r);
}

static void
too_large_chunked(void)
{
    srv_plain = st_start_server(false);
    CU_ASSERT_FATAL(srv_plain != NULL);
    too_large_chunked_on();
    sst_server_close(srv_plain);
    srv_plain = NULL;
}

/* Exactly 16 MiB is not too large. */
static void
limit_is_inclusive_on(void)
{
    size_t body_len = SST_SERVER_MAX_REQUEST_BYTES, len;
    char *body = malloc(body_len + 1), *req;
    struct raw_resp r;

    memset(body, ' ', body_len);
    body[0] = '{';
    body[body_len - 1] = '}';
    body[body_len] = '\0';
    req = st_build("POST", "/", CT_AMZ_H, body, &len);
    CU_ASSERT_EQUAL_FATAL(st_raw(srv_plain, req, len, &r), 0);
    CU_ASSERT_EQUAL(r.status, 400);
    SST_ASSERT_STR_EQ(r.body, UNK);
    st_raw_cleanup(&r);
    free(req);
    free(body);
}

static void
limit_is_inclusive(void)
{
    srv_plain = st_start_server(false);
    CU_ASSERT_FATAL(srv_plain != NULL);
    limit_is_inclusive_on();
    sst_server_close(srv_plain);
    srv_plain = NULL;
}

/* Deep JSON is refused, never a crash; what DynamoDB allows gets in. */
static void
deep_json_on(void)
{
    size_t depth = 200000, len, i;
    char *body = malloc(2 * depth + 64), *req, *p = body;
    struct raw_resp r;

    p += sprintf(p, "{\"a\":");
    for (i = 0; i < depth; i++)
        *p++ = '[';
    for (i = 0; i < depth; i++)
        *p++ = ']';
    strcpy(p, "}");
    req =
        st_build("POST", "/", CT_AMZ_H TARGET_H("PutItem") AUTH_OK, body, &len);
    CU_ASSERT_EQUAL_FATAL(st_raw(srv_plain, req, len, &r), 0);
    CU_ASSERT_EQUAL(r.status, 400);
    SST_ASSERT_STR_EQ(r.body, SER);
    st_raw_cleanup(&r);
    free(req);
    /* 40 levels of maps, as a PutItem carries them: passed on */
    p = body;
    p += sprintf(p, "{\"TableName\":\"t\",\"Item\":{\"a\":");
    for (i = 0; i < 40; i++)
        p += sprintf(p, "{\"M\":{\"a\":");
    p += sprintf(p, "{\"S\":\"x\"}");
    for (i = 0; i < 40; i++)
        p += sprintf(p, "}}");
    strcpy(p, "}}");
    req =
        st_build("POST", "/", CT_AMZ_H TARGET_H("PutItem") AUTH_OK, body, &len);
    CU_ASSERT_EQUAL_FATAL(st_raw(srv_plain, req, len, &r), 0);
    CU_ASSERT_EQUAL(r.status, 200);
    SST_ASSERT_STR_EQ(st_script.last_op, "PutItem");
    st_raw_cleanup(&r);
    free(req);
    free(body);
}

static void
deep_json(void)
{
    srv_plain = st_start_server(false);
    CU_ASSERT_FATAL(srv_plain != NULL);
    deep_json_on();
    sst_server_close(srv_plain);
    srv_plain = NULL;
}

/* Headers split over many lines and odd bytes never crash the server. */
#define JUNK_CHUNKED                                                           \
    "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"

static void
garbage_requests_on(void)
{
    static const char *const junk[] = {
        "\r\n\r\n",
        "GARBAGE\r\n\r\n",
        "POST / HTTP/9.9\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n",
        JUNK_CHUNKED,
        "POST /\x01\x02 HTTP/1.1\r\nHost: x\r\n\r\n",
    };
    size_t i;

    for (i = 0; i < sizeof junk / sizeof junk[0]; i++) {
        struct raw_resp r;
        struct timeval tv = {1, 0};
        int s = st_connect_to(sst_server_port(srv_plain));

        CU_ASSERT_FATAL(s >= 0);
        /* libmicrohttpd waits out blank lines and a half-closed socket
         * until its idle timeout: do not wait for it */
        setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        st_send_all(s, junk[i], strlen(junk[i]));
        shutdown(s, SHUT_WR);
        if (st_raw_read(s, &r, false) == 0)
            st_raw_cleanup(&r);
        close(s);
    }
    /* still serving */
    get_is_healthy_on();
}

static void
garbage_requests(void)
{
    srv_plain = st_start_server(false);
    CU_ASSERT_FATAL(srv_plain != NULL);
    garbage_requests_on();
    sst_server_close(srv_plain);
    srv_plain = NULL;
}

/* ------------------------------------------------------------------ */

static const struct sst_test wire_tests[] = {
    {"malformed requests get AWS's answers", wire_table},
    {"GET is a health check", get_is_healthy},
    {"HEAD is unknown", head_is_unknown},
    {"CORS preflight and Origin", cors},
    {"declared body over 16 MiB: 413", too_large_declared},
    {"chunked body over 16 MiB: 413", too_large_chunked},
    {"exactly 16 MiB is accepted", limit_is_inclusive},
    {"request line and headers over 8,254 bytes: 431", head_limit},
    {"deep JSON", deep_json},
    {"garbage never stops the server", garbage_requests},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"server wire", NULL, NULL, wire_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_server_wire", suites);
}
