/*
 * tests/unit/test_server.c - sst-emu's server, run in-process on
 * 127.0.0.1 port 0.
 *
 * Suites:
 *   wire        raw requests over a socket, every malformed case AWS
 *               answers without looking at the backend: exact status,
 *               body, Content-Type, x-amz-crc32 and request id. The CRCs
 *               in the table are the ones dynalite's tests hold AWS's
 *               answers to, so they check the bytes independently.
 *   backend     a scripted backend behind the server, driven by the HTTP
 *               backend (src/http) and by raw requests: its answers and
 *               errors come out as AWS writes them.
 *   signatures  --verify-signatures: right and wrong keys, secrets,
 *               clocks, tokens, dates, scopes.
 *   lifecycle   option checks, a taken port, keep-alive, a graceful close
 *               that answers the request in flight.
 *   ddb-local   the server as a proxy in front of DynamoDB Local (skipped
 *               unless tests/ddb-local exec provides it).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>
#include <zlib.h>

#include <sst/http.h>
#include <sst/mem.h>
#include <sst/sst.h>

#include "emu/server/auth.h"
#include "emu/server/handler.h"
#include "emu/server/jsoncheck.h"
#include <sst/server.h>
#include "harness.h"
#include "http/sigv4.h"

#define AK "AKIDSERVERTEST"
#define SK "c2VydmVyLXRlc3Qtc2VjcmV0LWtleQ/+example"
#define T0 1767323045 /* 2026-01-02T03:04:05Z */
#define AUTH_OK                                                                \
    "X-Amz-Date: 20260101T000000Z\r\n"                                      \
    "Authorization: AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/"       \
    "dynamodb/aws4_request, SignedHeaders=host, Signature=0\r\n"

/* ------------------------------------------------------------------ */
/* a scripted backend                                                  */

static struct {
    pthread_mutex_t lock;
    char last_op[64];
    char last_req[512];
    int calls;
    /* the next answers: an error when code is not SST_OK */
    enum sst_code code;
    char type[64];
    char message[256];
    int http_status;
    const char *response; /* JSON; NULL: {"TableNames":[]}; with an error:
                           * the error's other members, or NULL */
    int sleep_ms;
} script = {PTHREAD_MUTEX_INITIALIZER, "", "", 0, SST_OK, "", "", 0, NULL, 0};

static void
script_reset(void)
{
    pthread_mutex_lock(&script.lock);
    script.last_op[0] = script.last_req[0] = '\0';
    script.calls = 0;
    script.code = SST_OK;
    script.type[0] = script.message[0] = '\0';
    script.http_status = 0;
    script.response = NULL;
    script.sleep_ms = 0;
    pthread_mutex_unlock(&script.lock);
}

static enum sst_code
scripted_call(struct sst_backend *b, const char *op,
              const struct json_object *req, struct json_object **resp,
              struct sst_err *err)
{
    enum sst_code code;
    int ms;

    (void)b;
    pthread_mutex_lock(&script.lock);
    snprintf(script.last_op, sizeof script.last_op, "%s", op);
    snprintf(script.last_req, sizeof script.last_req, "%s",
             json_object_to_json_string_ext((struct json_object *)req,
                                            JSON_C_TO_STRING_PLAIN));
    script.calls++;
    code = script.code;
    ms = script.sleep_ms;
    if (code != SST_OK) {
        /* as the HTTP backend reports an upstream's error */
        if (script.type[0])
            code = sst_err_set_dynamodb(err, script.type, script.message,
                                        script.http_status);
        else
            sst_err_set(err, code, "%s", script.message);
        if (script.response)
            *resp = json_tokener_parse(script.response);
    } else {
        *resp = json_tokener_parse(script.response ? script.response
                                                   : "{\"TableNames\":[]}");
    }
    pthread_mutex_unlock(&script.lock);
    if (ms > 0) {
        struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

        nanosleep(&ts, NULL);
    }
    return code;
}

static void
scripted_close(struct sst_backend *b)
{
    (void)b;
}

static const struct sst_backend_ops scripted_ops = {"scripted", scripted_call,
                                                    scripted_close};
static struct sst_backend scripted = {&scripted_ops};

/* ------------------------------------------------------------------ */
/* servers and clients                                                 */

static int64_t server_now = T0;

static int64_t
server_clock(void *u)
{
    (void)u;
    return server_now;
}

static struct sst_server *
start_server(bool verify)
{
    static const struct sst_server_credential creds[] = {{AK, SK},
                                                         {"OTHERKEY", "x"}};
    struct sst_server_options o;
    struct sst_server *srv = NULL;
    struct sst_err e;

    memset(&o, 0, sizeof o);
    o.backend = &scripted;
    o.sharing = SST_SERVER_SERIAL;
    o.threads = 2;
    o.verify_signatures = verify;
    o.credentials = verify ? creds : NULL;
    o.credential_count = verify ? 2 : 0;
    o.clock_s = server_clock;
    if (sst_server_open(&o, &srv, &e) != SST_OK)
        printf("\n  server: %s\n", e.message);
    return srv;
}

static int64_t client_now = T0;

static int64_t
client_clock(void *u)
{
    (void)u;
    return client_now;
}

/* An HTTP backend client of srv; explicit keys, the client clock. */
static struct sst_backend *
client(const struct sst_server *srv, const char *ak, const char *sk,
       const char *token)
{
    struct sst_http_options o;
    struct sst_backend *b = NULL;
    struct sst_err e;

    memset(&o, 0, sizeof o);
    o.endpoint = sst_server_url(srv);
    o.region = "us-east-1";
    o.access_key_id = ak;
    o.secret_access_key = sk;
    o.session_token = token;
    o.max_attempts = 1;
    o.clock_s = client_clock;
    if (sst_http_backend_new(&o, &b, &e) != SST_OK)
        printf("\n  client: %s\n", e.message);
    return b;
}

/* ------------------------------------------------------------------ */
/* raw HTTP over a socket                                              */

struct raw_resp {
    int status;
    char head[16384]; /* status line and headers */
    char *body;
    size_t body_len;
};

static void
raw_cleanup(struct raw_resp *r)
{
    free(r->body);
    memset(r, 0, sizeof *r);
}

static int
connect_to(int port)
{
    struct sockaddr_in a;
    int s = socket(AF_INET, SOCK_STREAM, 0);

    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (s >= 0 && connect(s, (struct sockaddr *)&a, sizeof a) != 0) {
        close(s);
        return -1;
    }
    return s;
}

static void
send_all(int s, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t k = send(s, p, n, MSG_NOSIGNAL);

        if (k <= 0)
            return; /* the server may answer and close early */
        p += k;
        n -= (size_t)k;
    }
}

/* The value of header name in r, copied into buf; -1 when absent. */
static int
raw_header(const struct raw_resp *r, const char *name, char *buf, size_t cap)
{
    const char *p = strstr(r->head, "\r\n");
    size_t n = strlen(name);

    while (p != NULL && p[2] != '\0') {
        const char *line = p + 2, *end = strstr(line, "\r\n");

        if (end == NULL)
            break;
        if ((size_t)(end - line) > n && strncasecmp(line, name, n) == 0 &&
            line[n] == ':') {
            const char *v = line + n + 1;
            size_t k;

            while (*v == ' ')
                v++;
            k = (size_t)(end - v);
            if (k >= cap)
                k = cap - 1;
            memcpy(buf, v, k);
            buf[k] = '\0';
            return 0;
        }
        p = end;
    }
    return -1;
}

/* Read one response from s (Content-Length framed, else until EOF). */
static int
raw_read(int s, struct raw_resp *r, bool head_only)
{
    char buf[65536];
    char *all = NULL, *sep;
    size_t len = 0, hlen, want = (size_t)-1;

    memset(r, 0, sizeof *r);
    for (;;) {
        ssize_t k;

        if (all != NULL && (sep = strstr(all, "\r\n\r\n")) != NULL) {
            char cl[32];

            hlen = (size_t)(sep - all) + 4;
            if (hlen > sizeof r->head - 1)
                break;
            memcpy(r->head, all, hlen);
            r->head[hlen] = '\0';
            if (want == (size_t)-1) {
                if (head_only)
                    want = 0;
                else if (raw_header(r, "Content-Length", cl, sizeof cl) == 0)
                    want = (size_t)strtoul(cl, NULL, 10);
            }
            if (want != (size_t)-1 && len - hlen >= want)
                break;
        }
        k = recv(s, buf, sizeof buf, 0);
        if (k <= 0)
            break;
        all = realloc(all, len + (size_t)k + 1);
        memcpy(all + len, buf, (size_t)k);
        len += (size_t)k;
        all[len] = '\0';
    }
    if (all == NULL || (sep = strstr(all, "\r\n\r\n")) == NULL) {
        free(all);
        return -1;
    }
    hlen = (size_t)(sep - all) + 4;
    r->status = atoi(all + 9);
    r->body_len = want != (size_t)-1 ? want : len - hlen;
    r->body = malloc(r->body_len + 1);
    memcpy(r->body, all + hlen, r->body_len);
    r->body[r->body_len] = '\0';
    free(all);
    return 0;
}

/* One request on a fresh connection. */
static int
raw(const struct sst_server *srv, const char *req, size_t len,
    struct raw_resp *r)
{
    int s = connect_to(sst_server_port(srv)), rc;

    if (s < 0)
        return -1;
    send_all(s, req, len);
    rc = raw_read(s, r, strncmp(req, "HEAD ", 5) == 0);
    close(s);
    return rc;
}

/* Build "METHOD PATH HTTP/1.1" + headers + Content-Length + body. */
static char *
build(const char *method, const char *path, const char *headers,
      const char *body, size_t *len)
{
    size_t blen = body ? strlen(body) : 0;
    size_t cap = strlen(method) + strlen(path) + strlen(headers) + blen + 128;
    char *s = malloc(cap);

    *len = (size_t)snprintf(s, cap,
                            "%s %s HTTP/1.1\r\nHost: sst.test\r\n"
                            "Connection: close\r\n%s%s%zu\r\n\r\n",
                            method, path, headers,
                            body ? "Content-Length: " : "X-No-Body: ", blen);
    if (body) {
        memcpy(s + *len, body, blen);
        *len += blen;
    }
    return s;
}

/* The checks every answer must pass: the CRC of its body, and a request
 * id of 52 characters from [0-9A-Z]. */
static void
check_envelope(const struct raw_resp *r, const char *what)
{
    char v[128];
    unsigned long want =
        crc32(0L, (const Bytef *)r->body, (uInt)r->body_len);
    size_t i;

    if (raw_header(r, "x-amz-crc32", v, sizeof v) != 0 ||
        strtoul(v, NULL, 10) != want) {
        printf("\n  %s: x-amz-crc32 missing or wrong\n", what);
        CU_FAIL("x-amz-crc32");
    }
    if (raw_header(r, "x-amzn-RequestId", v, sizeof v) != 0 ||
        strlen(v) != SST_SERVER_REQUEST_ID_LEN) {
        printf("\n  %s: request id missing or not 52 characters\n", what);
        CU_FAIL("x-amzn-RequestId");
        return;
    }
    for (i = 0; v[i]; i++)
        if (!((v[i] >= '0' && v[i] <= '9') || (v[i] >= 'A' && v[i] <= 'Z')))
            CU_FAIL("request id outside [0-9A-Z]");
}

/* ------------------------------------------------------------------ */
/* suite: wire                                                         */

/* The server of the running test. Each test opens its own and closes it,
 * so that the suite's leak check sees it gone. */
static struct sst_server *srv_plain;

#define CT_AMZ_H "Content-Type: application/x-amz-json-1.0\r\n"
#define CT_JSON_H "Content-Type: application/json\r\n"
#define TARGET_H(op) "X-Amz-Target: DynamoDB_20120810." op "\r\n"
#define SER "{\"__type\":\"com.amazon.coral.service#SerializationException\"}"
#define UNK "{\"__type\":\"com.amazon.coral.service#UnknownOperationException\"}"
#define XML404 "<UnknownOperationException/>\n"
#define MISSING                                                                \
    "{\"__type\":\"com.amazon.coral.service#"                                 \
    "MissingAuthenticationTokenException\",\"message\":\"Request is missing " \
    "Authentication Token\"}"
#define INCOMPLETE(m)                                                          \
    "{\"__type\":\"com.amazon.coral.service#IncompleteSignatureException\"," \
    "\"message\":\"" m "\"}"

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
    {"DynamoDB Streams' target", "POST", "/",
     CT_AMZ_H "X-Amz-Target: DynamoDBStreams_20120810.ListStreams\r\n" AUTH_OK,
     "{}", 400, UNK, "application/x-amz-json-1.0", 1368724161UL},
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

    script_reset();
    for (i = 0; i < sizeof wire_cases / sizeof wire_cases[0]; i++) {
        const struct wire_case *c = &wire_cases[i];
        struct raw_resp r;
        size_t len;
        char *req = build(c->method, c->path, c->headers, c->body, &len);
        char v[256];
        int ok;

        if (raw(srv_plain, req, len, &r) != 0) {
            printf("\n  %s: no answer\n", c->name);
            CU_FAIL("no answer");
            free(req);
            continue;
        }
        ok = r.status == c->status && strcmp(r.body, c->want_body) == 0;
        if (c->ctype)
            ok = ok && raw_header(&r, "Content-Type", v, sizeof v) == 0 &&
                 strcmp(v, c->ctype) == 0;
        else
            ok = ok && raw_header(&r, "Content-Type", v, sizeof v) != 0;
        if (c->crc)
            ok = ok && crc32(0L, (const Bytef *)r.body, (uInt)r.body_len) ==
                           c->crc;
        if (!ok)
            printf("\n  %s: got %d %s\n", c->name, r.status, r.body);
        CU_ASSERT_TRUE(ok);
        check_envelope(&r, c->name);
        raw_cleanup(&r);
        free(req);
    }
}

static void
wire_table(void)
{
    srv_plain = start_server(false);
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
    char *req = build("GET", "/anything?x", "", NULL, &len);

    CU_ASSERT_EQUAL_FATAL(raw(srv_plain, req, len, &r), 0);
    CU_ASSERT_EQUAL(r.status, 200);
    SST_ASSERT_STR_EQ(r.body, "healthy: sst.test ");
    check_envelope(&r, "GET");
    raw_cleanup(&r);
    free(req);
}

static void
get_is_healthy(void)
{
    srv_plain = start_server(false);
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
    char *req = build("HEAD", "/", "", NULL, &len);
    char v[64];

    CU_ASSERT_EQUAL_FATAL(raw(srv_plain, req, len, &r), 0);
    CU_ASSERT_EQUAL(r.status, 404);
    CU_ASSERT_EQUAL(raw_header(&r, "Content-Length", v, sizeof v), 0);
    SST_ASSERT_STR_EQ(v, "29");
    raw_cleanup(&r);
    free(req);
}

static void
head_is_unknown(void)
{
    srv_plain = start_server(false);
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
    char *req = build("OPTIONS", "/",
                      "Origin: whatever\r\n"
                      "Access-Control-Request-Headers: a, b, c\r\n"
                      "Access-Control-Request-Method: d\r\n",
                      NULL, &len);
    char v[64];

    CU_ASSERT_EQUAL_FATAL(raw(srv_plain, req, len, &r), 0);
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT_EQUAL(r.body_len, 0);
    raw_header(&r, "Access-Control-Allow-Origin", v, sizeof v);
    SST_ASSERT_STR_EQ(v, "*");
    raw_header(&r, "Access-Control-Allow-Headers", v, sizeof v);
    SST_ASSERT_STR_EQ(v, "a, b, c");
    raw_header(&r, "Access-Control-Allow-Methods", v, sizeof v);
    SST_ASSERT_STR_EQ(v, "d");
    raw_header(&r, "Access-Control-Max-Age", v, sizeof v);
    SST_ASSERT_STR_EQ(v, "172800");
    check_envelope(&r, "OPTIONS");
    raw_cleanup(&r);
    free(req);
    /* a POST with an Origin gets the allow-origin header on its answer */
    req = build("POST", "/", "Origin: whatever\r\n", NULL, &len);
    CU_ASSERT_EQUAL_FATAL(raw(srv_plain, req, len, &r), 0);
    CU_ASSERT_EQUAL(r.status, 400);
    SST_ASSERT_STR_EQ(r.body, UNK);
    CU_ASSERT_EQUAL(raw_header(&r, "Access-Control-Allow-Origin", v, sizeof v),
                    0);
    SST_ASSERT_STR_EQ(v, "*");
    raw_cleanup(&r);
    free(req);
}

static void
cors(void)
{
    srv_plain = start_server(false);
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

    CU_ASSERT_EQUAL_FATAL(raw(srv_plain, req, strlen(req), &r), 0);
    CU_ASSERT_EQUAL(r.status, 413);
    CU_ASSERT_EQUAL(r.body_len, 0);
    check_envelope(&r, "413");
    raw_cleanup(&r);
}

static void
too_large_declared(void)
{
    srv_plain = start_server(false);
    CU_ASSERT_FATAL(srv_plain != NULL);
    too_large_declared_on();
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
    int s = connect_to(sst_server_port(srv_plain)), i;

    CU_ASSERT_FATAL(s >= 0);
    n = (size_t)snprintf(chunk, sizeof chunk, "%x\r\n", 65536);
    memset(chunk + n, ' ', 65536);
    memcpy(chunk + n + 65536, "\r\n", 2);
    n += 65536 + 2;
    send_all(s, head, strlen(head));
    for (i = 0; i < 17 * 16; i++) /* 17 MiB */
        send_all(s, chunk, n);
    send_all(s, "0\r\n\r\n", 5);
    CU_ASSERT_EQUAL_FATAL(raw_read(s, &r, false), 0);
    close(s);
    CU_ASSERT_EQUAL(r.status, 413);
    CU_ASSERT_EQUAL(r.body_len, 0);
    raw_cleanup(&r);
}

static void
too_large_chunked(void)
{
    srv_plain = start_server(false);
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
    req = build("POST", "/", CT_AMZ_H, body, &len);
    CU_ASSERT_EQUAL_FATAL(raw(srv_plain, req, len, &r), 0);
    CU_ASSERT_EQUAL(r.status, 400);
    SST_ASSERT_STR_EQ(r.body, UNK);
    raw_cleanup(&r);
    free(req);
    free(body);
}

static void
limit_is_inclusive(void)
{
    srv_plain = start_server(false);
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
    req = build("POST", "/", CT_AMZ_H TARGET_H("PutItem") AUTH_OK, body, &len);
    CU_ASSERT_EQUAL_FATAL(raw(srv_plain, req, len, &r), 0);
    CU_ASSERT_EQUAL(r.status, 400);
    SST_ASSERT_STR_EQ(r.body, SER);
    raw_cleanup(&r);
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
    req = build("POST", "/", CT_AMZ_H TARGET_H("PutItem") AUTH_OK, body, &len);
    CU_ASSERT_EQUAL_FATAL(raw(srv_plain, req, len, &r), 0);
    CU_ASSERT_EQUAL(r.status, 200);
    SST_ASSERT_STR_EQ(script.last_op, "PutItem");
    raw_cleanup(&r);
    free(req);
    free(body);
}

static void
deep_json(void)
{
    srv_plain = start_server(false);
    CU_ASSERT_FATAL(srv_plain != NULL);
    deep_json_on();
    sst_server_close(srv_plain);
    srv_plain = NULL;
}

/* Headers split over many lines and odd bytes never crash the server. */
static void
garbage_requests_on(void)
{
    static const char *const junk[] = {
        "\r\n\r\n",
        "GARBAGE\r\n\r\n",
        "POST / HTTP/9.9\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "POST /\x01\x02 HTTP/1.1\r\nHost: x\r\n\r\n",
    };
    size_t i;

    for (i = 0; i < sizeof junk / sizeof junk[0]; i++) {
        struct raw_resp r;
        struct timeval tv = {1, 0};
        int s = connect_to(sst_server_port(srv_plain));

        CU_ASSERT_FATAL(s >= 0);
        /* libmicrohttpd waits out blank lines and a half-closed socket
         * until its idle timeout: do not wait for it */
        setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        send_all(s, junk[i], strlen(junk[i]));
        shutdown(s, SHUT_WR);
        if (raw_read(s, &r, false) == 0)
            raw_cleanup(&r);
        close(s);
    }
    /* still serving */
    get_is_healthy_on();
}

static void
garbage_requests(void)
{
    srv_plain = start_server(false);
    CU_ASSERT_FATAL(srv_plain != NULL);
    garbage_requests_on();
    sst_server_close(srv_plain);
    srv_plain = NULL;
}

/* ------------------------------------------------------------------ */
/* suite: backend answers                                              */

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
    struct sst_backend *b = client(srv_plain, AK, SK, NULL);
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

        script_reset();
        script.code = c->code;
        snprintf(script.type, sizeof script.type, "%s", c->type);
        snprintf(script.message, sizeof script.message, "%s", c->message);
        script.http_status = c->http_status;
        raw_req = build("POST", "/", CT_AMZ_H TARGET_H("DescribeTable") AUTH_OK,
                        "{\"TableName\":\"t\"}", &len);
        CU_ASSERT_EQUAL_FATAL(raw(srv_plain, raw_req, len, &r), 0);
        if (r.status != c->status || strcmp(r.body, c->body) != 0)
            printf("\n  %s: got %d %s\n", c->name, r.status, r.body);
        CU_ASSERT_EQUAL(r.status, c->status);
        SST_ASSERT_STR_EQ(r.body, c->body);
        check_envelope(&r, c->name);
        raw_cleanup(&r);
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
    script_reset();
}

static void
backend_errors(void)
{
    srv_plain = start_server(false);
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

    script_reset();
    script.code = SST_E_TXN_CANCELED;
    snprintf(script.message, sizeof script.message,
             "Transaction cancelled, please refer cancellation reasons for "
             "specific reasons [ConditionalCheckFailed, None]");
    script.response = "{\"CancellationReasons\":[{\"Code\":"
                      "\"ConditionalCheckFailed\",\"Message\":\"The "
                      "conditional request failed\"},{\"Code\":\"None\"}],"
                      "\"message\":\"dropped\",\"__type\":\"dropped\"}";
    req = build("POST", "/", CT_AMZ_H TARGET_H("TransactWriteItems") AUTH_OK,
                "{\"TransactItems\":[]}", &len);
    CU_ASSERT_EQUAL_FATAL(raw(srv_plain, req, len, &r), 0);
    CU_ASSERT_EQUAL(r.status, 400);
    SST_ASSERT_STR_EQ(r.body,
                      "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
                      "TransactionCanceledException\",\"message\":\"Transaction "
                      "cancelled, please refer cancellation reasons for "
                      "specific reasons [ConditionalCheckFailed, None]\","
                      "\"CancellationReasons\":[{\"Code\":"
                      "\"ConditionalCheckFailed\",\"Message\":\"The "
                      "conditional request failed\"},{\"Code\":\"None\"}]}");
    raw_cleanup(&r);
    free(req);
    script_reset();
}

static void
error_members(void)
{
    srv_plain = start_server(false);
    CU_ASSERT_FATAL(srv_plain != NULL);
    error_members_on();
    sst_server_close(srv_plain);
    srv_plain = NULL;
}

static void
backend_answers_on(void)
{
    struct sst_backend *b = client(srv_plain, AK, SK, NULL);
    struct json_object *req, *resp = NULL, *want;
    struct raw_resp r;
    struct sst_err e;
    size_t len;
    char *raw_req;

    CU_ASSERT_FATAL(b != NULL);
    script_reset();
    script.response = "{\"Item\":{\"pk\":{\"S\":\"a/b \xc3\xa9\"},"
                      "\"n\":{\"N\":\"1.50\"}}}";
    req = json_tokener_parse("{\"TableName\":\"t\",\"Key\":{\"pk\":"
                             "{\"S\":\"a/b\"}}}");
    CU_ASSERT_EQUAL_FATAL(sst_backend_call(b, "GetItem", req, &resp, &e),
                          SST_OK);
    SST_ASSERT_STR_EQ(script.last_op, "GetItem");
    SST_ASSERT_STR_EQ(script.last_req,
                      "{\"TableName\":\"t\",\"Key\":{\"pk\":{\"S\":\"a\\/b\"}}}");
    want = json_tokener_parse(script.response);
    CU_ASSERT_TRUE(json_object_equal(resp, want));
    json_object_put(want);
    json_object_put(resp);
    json_object_put(req);
    /* on the wire: '/' stays as it is, UTF-8 too, no blanks */
    raw_req = build("POST", "/", CT_AMZ_H TARGET_H("GetItem") AUTH_OK,
                    "{\"TableName\":\"t\",\"Key\":{}}", &len);
    CU_ASSERT_EQUAL_FATAL(raw(srv_plain, raw_req, len, &r), 0);
    CU_ASSERT_EQUAL(r.status, 200);
    SST_ASSERT_STR_EQ(r.body, "{\"Item\":{\"pk\":{\"S\":\"a/b \xc3\xa9\"},"
                              "\"n\":{\"N\":\"1.50\"}}}");
    check_envelope(&r, "GetItem");
    raw_cleanup(&r);
    free(raw_req);
    sst_backend_close(b);
    script_reset();
}

static void
backend_answers(void)
{
    srv_plain = start_server(false);
    CU_ASSERT_FATAL(srv_plain != NULL);
    backend_answers_on();
    sst_server_close(srv_plain);
    srv_plain = NULL;
}

/* ------------------------------------------------------------------ */
/* suite: signatures                                                   */

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
        struct sst_backend *b = client(srv_verify, c->ak, c->sk, c->token);
        struct json_object *resp = NULL;
        struct sst_err e;
        enum sst_code rc;

        script_reset();
        client_now = c->client_time;
        rc = sst_backend_call(b, "ListTables", req, &resp, &e);
        if (rc != c->code)
            printf("\n  %s: got %s %s\n", c->name, sst_code_name(rc),
                   e.message);
        CU_ASSERT_EQUAL(rc, c->code);
        if (rc != SST_OK) {
            SST_ASSERT_STR_EQ(e.type, c->type);
            SST_ASSERT_STR_EQ(e.message, c->message);
            CU_ASSERT_EQUAL(e.http_status, 400);
            CU_ASSERT_EQUAL(script.calls, 0);
        } else {
            CU_ASSERT_EQUAL(script.calls, 1);
        }
        json_object_put(resp);
        sst_backend_close(b);
    }
    client_now = T0;
    json_object_put(req);
}

static void
signatures(void)
{
    srv_verify = start_server(true);
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
        req = build("POST", "/", headers, "{}", &len);
        CU_ASSERT_EQUAL_FATAL(raw(srv_verify, req, len, &r), 0);
        if (r.status != 400 || strcmp(r.body, c->body) != 0)
            printf("\n  %s: got %d %s\n", c->name, r.status, r.body);
        CU_ASSERT_EQUAL(r.status, 400);
        SST_ASSERT_STR_EQ(r.body, c->body);
        raw_cleanup(&r);
        free(req);
    }
}

static void
hand_signed(void)
{
    srv_verify = start_server(true);
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
    /* build() sends "Host: sst.test"; this request signs the real host */
    {
        char raw_req[2048];

        len = (size_t)snprintf(raw_req, sizeof raw_req,
                               "POST %s HTTP/1.1\r\nHost: %s\r\n"
                               "Connection: close\r\n%s"
                               "Content-Length: 2\r\n\r\n{}",
                               full, host, headers);
        script_reset();
        CU_ASSERT_EQUAL_FATAL(raw(srv_verify, raw_req, len, &r), 0);
        CU_ASSERT_EQUAL(r.status, 200);
        SST_ASSERT_STR_EQ(r.body, "{\"TableNames\":[]}");
        raw_cleanup(&r);
        /* one byte of the signature changed */
        full[strlen(full) - 1] = full[strlen(full) - 1] == '0' ? '1' : '0';
        len = (size_t)snprintf(raw_req, sizeof raw_req,
                               "POST %s HTTP/1.1\r\nHost: %s\r\n"
                               "Connection: close\r\n%s"
                               "Content-Length: 2\r\n\r\n{}",
                               full, host, headers);
        CU_ASSERT_EQUAL_FATAL(raw(srv_verify, raw_req, len, &r), 0);
        CU_ASSERT_EQUAL(r.status, 400);
        SST_ASSERT_STR_EQ(r.body, INVALID(SST_SIGV4_MSG_MISMATCH));
        raw_cleanup(&r);
    }
    free(canonical);
    sst_free(sts);
    script_reset();
}

static void
presigned(void)
{
    srv_verify = start_server(true);
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
/* suite: JSON syntax                                                  */

static void
json_syntax(void)
{
    static const struct {
        const char *text;
        bool valid;
    } rows[] = {
        {"{}", true},
        {" \t\r\n{} \n", true},
        {"[]", true},
        {"7", true},
        {"-0.5e+10", true},
        {"\"x\"", true},
        {"null", true},
        {"true", true},
        {"{\"a\":[1,2.5,-3e2,true,false,null,{\"b\":\"\\u00e9\\n\\\"\"}]}", true},
        {"{\"a\":\"\\u0000\"}", true},
        {"", false},
        {"   ", false},
        {"{", false},
        {"}", false},
        {"{}}", false},
        {"{} {}", false},
        {"{\"a\":NaN}", false},
        {"{\"a\":Infinity}", false},
        {"{\"a\":-Infinity}", false},
        {"{'a':1}", false},
        {"{\"a\":\"\t\"}", false},
        {"{\"a\":1.}", false},
        {"{\"a\":.5}", false},
        {"{\"a\":01}", false},
        {"{\"a\":+1}", false},
        {"{\"a\":0x10}", false},
        {"{\"a\":1e}", false},
        {"{\"a\":-}", false},
        {"{\"a\":1,}", false},
        {"[1,]", false},
        {"[,1]", false},
        {"{\"a\"}", false},
        {"{\"a\":}", false},
        {"{1:2}", false},
        {"{\"a\":tru}", false},
        {"{\"a\":True}", false},
        {"{\"a\":\"\\x\"}", false},
        {"{\"a\":\"\\u12G4\"}", false},
        {"{\"a\":\"abc}", false},
        {"/*c*/{}", false},
        {"[}", false},
        {"{]", false},
    };
    char deep[2 * 600 + 1];
    size_t i;

    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        bool got = sst_server_json_valid(rows[i].text, strlen(rows[i].text),
                                         64);

        if (got != rows[i].valid)
            printf("\n  '%s': %s\n", rows[i].text, got ? "valid" : "invalid");
        CU_ASSERT_EQUAL(got, rows[i].valid);
    }
    /* a NUL byte is not white space */
    CU_ASSERT_FALSE(sst_server_json_valid("{}\0", 3, 64));
    /* depth: exactly the limit passes, one more fails */
    for (i = 0; i < 600; i++) {
        deep[i] = '[';
        deep[2 * 600 - 1 - i] = ']';
    }
    deep[2 * 600] = '\0';
    CU_ASSERT_TRUE(sst_server_json_valid(deep, 1200, 600));
    CU_ASSERT_FALSE(sst_server_json_valid(deep, 1200, 599));
    memset(deep, '{', 600);
    CU_ASSERT_FALSE(sst_server_json_valid(deep, 600, 4096));
}

/* ------------------------------------------------------------------ */
/* suite: lifecycle                                                    */

static void
options_are_checked(void)
{
    static const struct sst_server_credential no_secret[] = {{"K", ""}};
    struct sst_server_options o;
    struct sst_server *srv = (struct sst_server *)&o;
    struct sst_err e;

    memset(&o, 0, sizeof o);
    CU_ASSERT_EQUAL(sst_server_open(&o, &srv, &e), SST_E_INVALID_ARG);
    CU_ASSERT_PTR_NULL(srv);
    SST_ASSERT_STR_EQ(e.message,
                      "give either a backend or a backend URI to serve");
    o.backend = &scripted;
    o.backend_uri = "http://127.0.0.1:1";
    CU_ASSERT_EQUAL(sst_server_open(&o, &srv, &e), SST_E_INVALID_ARG);
    o.backend_uri = NULL;
    o.port = 70000;
    CU_ASSERT_EQUAL(sst_server_open(&o, &srv, &e), SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(e.message, "port 70000 is out of range (0 to 65535)");
    o.port = 0;
    o.verify_signatures = true;
    CU_ASSERT_EQUAL(sst_server_open(&o, &srv, &e), SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(e.message,
                      "verifying signatures needs at least one credential");
    o.credentials = no_secret;
    o.credential_count = 1;
    CU_ASSERT_EQUAL(sst_server_open(&o, &srv, &e), SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(e.message, "credential 1 needs an access key id and a "
                                 "secret access key");
    o.verify_signatures = false;
    o.credentials = NULL;
    o.credential_count = 0;
    o.bind = "no-such-host.invalid";
    CU_ASSERT_EQUAL(sst_server_open(&o, &srv, &e), SST_E_INVALID_ARG);
    CU_ASSERT_EQUAL(strncmp(e.message,
                            "cannot resolve bind address "
                            "'no-such-host.invalid'",
                            49),
                    0);
    o.bind = NULL;
    o.backend = NULL;
    o.backend_uri = "redis://x";
    CU_ASSERT_EQUAL(sst_server_open(&o, &srv, &e), SST_E_INVALID_ARG);
    CU_ASSERT_EQUAL(strncmp(e.message, "unknown backend scheme 'redis'", 30),
                    0);
}

static void
port_taken(void)
{
    struct sst_server_options o;
    struct sst_server *srv = NULL;
    struct sockaddr_in a;
    socklen_t al = sizeof a;
    struct sst_err e;
    char want[128];
    int s = socket(AF_INET, SOCK_STREAM, 0);

    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CU_ASSERT_FATAL(bind(s, (struct sockaddr *)&a, sizeof a) == 0 &&
                    listen(s, 1) == 0 &&
                    getsockname(s, (struct sockaddr *)&a, &al) == 0);
    memset(&o, 0, sizeof o);
    o.backend = &scripted;
    o.port = ntohs(a.sin_port);
    CU_ASSERT_EQUAL(sst_server_open(&o, &srv, &e), SST_E_TRANSPORT);
    CU_ASSERT_EQUAL(e.cause, EADDRINUSE);
    snprintf(want, sizeof want,
             "cannot listen on 127.0.0.1 port %d: Address already in use",
             o.port);
    SST_ASSERT_STR_EQ(e.message, want);
    close(s);
}

static void
url_and_port(void)
{
    struct sst_server *srv = start_server(false);
    char want[64];

    CU_ASSERT_FATAL(srv != NULL);
    CU_ASSERT(sst_server_port(srv) > 0);
    snprintf(want, sizeof want, "http://127.0.0.1:%d", sst_server_port(srv));
    SST_ASSERT_STR_EQ(sst_server_url(srv), want);
    sst_server_close(srv);
    sst_server_close(NULL);
    CU_ASSERT_EQUAL(sst_server_port(NULL), 0);
}

static void
ipv6(void)
{
    struct sst_server_options o;
    struct sst_server *srv = NULL;
    struct sst_err e;
    char want[64];

    memset(&o, 0, sizeof o);
    o.backend = &scripted;
    o.bind = "::1";
    if (sst_server_open(&o, &srv, &e) != SST_OK) {
        sst_test_skip("no IPv6 loopback here");
        return;
    }
    snprintf(want, sizeof want, "http://[::1]:%d", sst_server_port(srv));
    SST_ASSERT_STR_EQ(sst_server_url(srv), want);
    sst_server_close(srv);
}

/* Several requests on one connection, and the request counter. */
static void
keep_alive(void)
{
    struct sst_server *srv = start_server(false);
    const char *one = "POST / HTTP/1.1\r\nHost: x\r\n"
                      CT_AMZ_H TARGET_H("ListTables") AUTH_OK
                      "Content-Length: 2\r\n\r\n{}";
    struct raw_resp r;
    int s, i;

    CU_ASSERT_FATAL(srv != NULL);
    s = connect_to(sst_server_port(srv));
    CU_ASSERT_FATAL(s >= 0);
    for (i = 0; i < 3; i++) {
        char v[32];

        send_all(s, one, strlen(one));
        CU_ASSERT_EQUAL_FATAL(raw_read(s, &r, false), 0);
        CU_ASSERT_EQUAL(r.status, 200);
        SST_ASSERT_STR_EQ(r.body, "{\"TableNames\":[]}");
        CU_ASSERT(raw_header(&r, "Connection", v, sizeof v) != 0 ||
                  strcasecmp(v, "close") != 0);
        raw_cleanup(&r);
    }
    close(s);
    CU_ASSERT_EQUAL(sst_server_requests(srv), 3);
    sst_server_close(srv);
}

struct slow_call {
    const struct sst_server *srv;
    enum sst_code rc;
};

static void *
slow_client(void *arg)
{
    struct slow_call *sc = arg;
    struct sst_backend *b = client(sc->srv, AK, SK, NULL);
    struct json_object *req = json_tokener_parse("{}"), *resp = NULL;
    struct sst_err e;

    sc->rc = sst_backend_call(b, "ListTables", req, &resp, &e);
    json_object_put(resp);
    json_object_put(req);
    sst_backend_close(b);
    return NULL;
}

/* Closing while a call runs: the call finishes and is answered. */
static void
graceful_close(void)
{
    struct sst_server *srv = start_server(false);
    struct slow_call sc = {srv, SST_E_INTERNAL};
    struct timespec nap = {0, 100 * 1000 * 1000};
    pthread_t t;
    int i;

    CU_ASSERT_FATAL(srv != NULL);
    script_reset();
    script.sleep_ms = 400;
    CU_ASSERT_FATAL(pthread_create(&t, NULL, slow_client, &sc) == 0);
    for (i = 0; i < 50 && script.calls == 0; i++)
        nanosleep(&nap, NULL);
    CU_ASSERT_EQUAL(script.calls, 1);
    sst_server_close(srv); /* while the backend sleeps */
    pthread_join(t, NULL);
    CU_ASSERT_EQUAL(sc.rc, SST_OK);
    script_reset();
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
    struct sst_backend *b = client(w->srv, "ddblocal", "ddblocal", NULL);
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
    b = client(srv, "ddblocal", "ddblocal", NULL);
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
    req = build("POST", "/",
                CT_AMZ_H TARGET_H("GetItem") AUTH_OK,
                "{\"TableName\":\"srv_missing\",\"Key\":{\"pk\":{\"S\":\"a\"}}}",
                &len);
    CU_ASSERT_EQUAL_FATAL(raw(srv, req, len, &r), 0);
    CU_ASSERT_EQUAL(r.status, 400);
    SST_ASSERT_STR_EQ(r.body,
                      "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
                      "ResourceNotFoundException\",\"message\":\"Cannot do "
                      "operations on a non-existent table\"}");
    check_envelope(&r, "ResourceNotFoundException");
    raw_cleanup(&r);
    free(req);
    call_ok(b, "DeleteTable", "{\"TableName\":\"srv_proxy\"}", &resp);
    json_object_put(resp);
    sst_backend_close(b);
    sst_server_close(srv);
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
    {"deep JSON", deep_json},
    {"garbage never stops the server", garbage_requests},
    {NULL, NULL},
};

static const struct sst_test backend_tests[] = {
    {"backend errors as AWS writes them", backend_errors},
    {"backend answers pass through", backend_answers},
    {"error members pass through", error_members},
    {NULL, NULL},
};

static const struct sst_test signature_tests[] = {
    {"keys, secrets, clocks and tokens", signatures},
    {"hand-signed requests", hand_signed},
    {"presigned query-string requests", presigned},
    {"ISO 8601 basic dates", amz_dates},
    {NULL, NULL},
};

static const struct sst_test json_tests[] = {
    {"RFC 8259 syntax", json_syntax},
    {NULL, NULL},
};

static const struct sst_test lifecycle_tests[] = {
    {"options are checked", options_are_checked},
    {"a taken port", port_taken},
    {"URL and port", url_and_port},
    {"IPv6", ipv6},
    {"keep-alive", keep_alive},
    {"graceful close answers the call in flight", graceful_close},
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
        {"server wire", NULL, NULL, wire_tests},
        {"server backend", NULL, NULL, backend_tests},
        {"server signatures", NULL, NULL, signature_tests},
        {"server JSON syntax", NULL, NULL, json_tests},
        {"server lifecycle", NULL, NULL, lifecycle_tests},
        {"server on DynamoDB Local", NULL, NULL, ddb_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_server", suites);
}
