/*
 * emu/server/handler.c - DynamoDB's JSON 1.0 protocol, one request at a
 * time: routing by method and Content-Type, JSON decoding, X-Amz-Target,
 * authentication (auth.c), the backend call, and the answer in AWS's
 * shape: status, qualified __type, message, x-amz-crc32 and a 52-character
 * x-amzn-RequestId. The order of the checks and every fixed answer follow
 * AWS DynamoDB (see handler.h and docs/sst-emu.md for the sources).
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <json-c/json.h>
#include <sys/random.h>
#include <zlib.h>

#include <sst/mem.h>

#include "emu/server/auth.h"
#include "emu/server/handler.h"
#include "emu/server/jsoncheck.h"
#include "emu/store/item.h"

#define CT_AMZ "application/x-amz-json-1.0"
/* Stored texts whose CRCs an answer's CRC is made of; an answer with more
 * (a page of many small items) has its CRC computed over every byte. */
#define TEXT_SPANS 512
#define CT_JSON "application/json"
#define CT_HTML "text/html;charset=iso-8859-1"
#define HEAD_TOO_LARGE                                                         \
    "<html><head><title>Error 431 Request Header Fields Too Large</title>"   \
    "</head><body><h2>HTTP ERROR 431 Request Header Fields Too Large</h2>"   \
    "<p>The request line and headers are over 8254 bytes.</p></body>"        \
    "</html>\n"
#define P_DDB "com.amazonaws.dynamodb.v20120810#"

/* AWS's answer to anything that is not a DynamoDB request. */
static const char UNKNOWN_XML[] = "<UnknownOperationException/>\n";
/* What is sent when memory runs out while building an answer. */
static const char NOMEM_BODY[] =
    "{\"__type\":\"" P_DDB "InternalServerError\","
    "\"message\":\"Internal server error\"}";
/* The message AWS gives InternalServerError. */
#define MSG_INTERNAL "Internal server error"

/* DynamoDB_20120810's operations, as botocore's service model lists them;
 * sorted for bsearch. */
static const char *const operations[] = {
    "BatchExecuteStatement",
    "BatchGetItem",
    "BatchWriteItem",
    "CreateBackup",
    "CreateGlobalTable",
    "CreateTable",
    "DeleteBackup",
    "DeleteItem",
    "DeleteResourcePolicy",
    "DeleteTable",
    "DescribeBackup",
    "DescribeContinuousBackups",
    "DescribeContributorInsights",
    "DescribeEndpoints",
    "DescribeExport",
    "DescribeGlobalTable",
    "DescribeGlobalTableSettings",
    "DescribeImport",
    "DescribeKinesisStreamingDestination",
    "DescribeLimits",
    "DescribeTable",
    "DescribeTableReplicaAutoScaling",
    "DescribeTimeToLive",
    "DisableKinesisStreamingDestination",
    "EnableKinesisStreamingDestination",
    "ExecuteStatement",
    "ExecuteTransaction",
    "ExportTableToPointInTime",
    "GetItem",
    "GetResourcePolicy",
    "ImportTable",
    "ListBackups",
    "ListContributorInsights",
    "ListExports",
    "ListGlobalTables",
    "ListImports",
    "ListTables",
    "ListTagsOfResource",
    "PutItem",
    "PutResourcePolicy",
    "Query",
    "RestoreTableFromBackup",
    "RestoreTableToPointInTime",
    "Scan",
    "TagResource",
    "TransactGetItems",
    "TransactWriteItems",
    "UntagResource",
    "UpdateContinuousBackups",
    "UpdateContributorInsights",
    "UpdateGlobalTable",
    "UpdateGlobalTableSettings",
    "UpdateItem",
    "UpdateKinesisStreamingDestination",
    "UpdateTable",
    "UpdateTableReplicaAutoScaling",
    "UpdateTimeToLive",
};

/* ------------------------------------------------------------------ */
/* small helpers                                                       */

const char *
sst_server_operation(const char *op, size_t len)
{
    size_t lo = 0, hi = sizeof operations / sizeof operations[0];

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *m = operations[mid];
        size_t mlen = strlen(m);
        int c = memcmp(op, m, len < mlen ? len : mlen);

        if (c == 0)
            c = len < mlen ? -1 : len > mlen ? 1 : 0;
        if (c == 0)
            return m;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

const char *
sst_server_header_get(const struct sst_server_request *req, const char *name)
{
    size_t i;

    for (i = 0; i < req->header_count; i++)
        if (req->headers[i].name != NULL && req->headers[i].value != NULL &&
            strcasecmp(req->headers[i].name, name) == 0)
            return req->headers[i].value;
    return NULL;
}

/* Request ids must look like AWS's and not repeat; they are no secret.
 * A per-thread splitmix64 generator, seeded once from the kernel, stands
 * in for OpenSSL's RAND_bytes, which took a lock and a DRBG round per
 * request and initialised OpenSSL (reading openssl.cnf, about 2 ms) on a
 * server's first request. */
static _Thread_local uint64_t id_state;

static uint64_t
next_random(void)
{
    uint64_t z;

    if (id_state == 0) {
        struct timespec ts;

        if (getrandom(&id_state, sizeof id_state, 0) !=
                (ssize_t)sizeof id_state ||
            id_state == 0) {
            clock_gettime(CLOCK_REALTIME, &ts);
            id_state = (uint64_t)ts.tv_sec * 1000000000u +
                       (uint64_t)ts.tv_nsec + (uint64_t)(uintptr_t)&ts;
        }
    }
    z = (id_state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* 52 characters of [0-9A-Z], the shape of AWS's request ids. */
static void
new_request_id(char out[SST_SERVER_REQUEST_ID_LEN + 1])
{
    static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    uint64_t w = 0;
    size_t n = 0, left = 0;
    unsigned b;

    while (n < SST_SERVER_REQUEST_ID_LEN) {
        if (left == 0) {
            w = next_random();
            left = 8;
        }
        b = (unsigned)(w & 0xFF);
        w >>= 8;
        left--;
        /* 252 = 7 * 36: bytes above it would favour the first digits */
        if (b < 252)
            out[n++] = alphabet[b % 36u];
    }
    out[SST_SERVER_REQUEST_ID_LEN] = '\0';
}

/* Content-Type up to ';', blanks trimmed, into buf (truncated). */
static void
media_type(const char *v, char *buf, size_t cap)
{
    size_t n = 0;
    const char *e;

    buf[0] = '\0';
    if (v == NULL)
        return;
    while (*v == ' ' || *v == '\t')
        v++;
    e = strchr(v, ';');
    if (e == NULL)
        e = v + strlen(v);
    while (e > v && (e[-1] == ' ' || e[-1] == '\t'))
        e--;
    n = (size_t)(e - v);
    if (n >= cap)
        n = cap - 1;
    memcpy(buf, v, n);
    buf[n] = '\0';
}

static void
add_extra(struct sst_server_response *resp, const char *name,
          const char *value)
{
    if (value == NULL || resp->extra_count == SST_SERVER_MAX_EXTRA_HEADERS)
        return;
    resp->extra[resp->extra_count].name = name;
    resp->extra[resp->extra_count++].value = value;
}

/* ------------------------------------------------------------------ */
/* answers                                                             */

/* Take a copy of len bytes as the body. */
static enum sst_code
set_body(struct sst_server_response *resp, const char *s, size_t len)
{
    char *b = sst_malloc(len + 1);

    if (b == NULL)
        return SST_E_NOMEM;
    memcpy(b, s, len);
    b[len] = '\0';
    sst_server_response_cleanup(resp);
    resp->body = b;
    resp->body_len = len;
    resp->crc_done = false;
    return SST_OK;
}

/* The log's external span, when it has exactly one. */
static const struct sst_emu_text_span *
one_external(const struct sst_emu_text_log *log)
{
    size_t i;

    for (i = 0; i < log->n; i++)
        if (log->v[i].ext != NULL)
            return &log->v[i];
    return NULL;
}

/* The answer as JSON text. Items an emulator answered with their stored
 * text (emu/ops/ops.h) are logged as they print, and the CRC-32 of their
 * bytes comes from the stored CRCs. */
static enum sst_code
set_json(const struct sst_server_handler *h, struct sst_server_response *resp,
         struct json_object *obj)
{
    struct sst_emu_text_span spans[TEXT_SPANS];
    struct sst_emu_text_log log = {.v = spans, .cap = TEXT_SPANS};
    const struct sst_emu_text_span *ext;
    struct sst_emu_piece *pieces = NULL;
    size_t len = 0, n = 0, i;
    const char *s;

    log.ext_max = h != NULL && h->pieces ? SST_SERVER_EXTERNAL_LISTS : 0;
    log.ext_min = SST_EMU_TEXT_EXTERNAL_MIN;
    sst_emu_text_log_begin(&log);
    s = json_object_to_json_string_length(obj, SST_EMU_TEXT_FLAGS, &len);
    sst_emu_text_log_end();
    if (s == NULL)
        return SST_E_NOMEM;
    if (log.ext_n == 1 && (ext = one_external(&log)) != NULL &&
        ext->off <= ext->before && len - ext->off <= ext->after) {
        /* one list, with room around it: the answer is put together
         * around the list in its own buffer, and goes out in one piece */
        uint32_t crc = sst_emu_text_log_crc(&log, s, len);

        memcpy(ext->ext - ext->off, s, ext->off);
        memcpy(ext->ext + ext->len, s + ext->off, len - ext->off);
        sst_server_response_cleanup(resp);
        resp->body_json = json_object_get(obj);
        resp->body = (char *)ext->ext - ext->off;
        resp->body_len = len + ext->len;
        resp->crc32 = crc;
        resp->crc_done = true;
        return SST_OK;
    }
    if (log.ext_n > 0) {
        pieces = sst_calloc(2 * log.ext_n + 1, sizeof *pieces);
        if (pieces == NULL)
            return SST_E_NOMEM;
        n = sst_emu_text_log_pieces(&log, s, len, pieces,
                                    2 * log.ext_n + 1);
    }
    /* The body is json-c's printing itself, kept with its object: an
     * answer of a 100-item Query is 100 KB not to copy again. Long lists
     * of items' texts are not even in it: they stay in their nodes, and
     * the answer goes out in pieces. */
    sst_server_response_cleanup(resp);
    resp->body_json = json_object_get(obj);
    resp->body = (char *)s;
    resp->crc32 = sst_emu_text_log_crc(&log, s, len);
    resp->crc_done = true;
    resp->pieces = pieces;
    resp->piece_count = n;
    resp->body_len = len;
    for (i = 0; i < log.n; i++)
        if (log.v[i].ext != NULL)
            resp->body_len += log.v[i].len;
    return SST_OK;
}

/*
 * An error answer: {"__type": TYPE, "message": MESSAGE, ...EXTRA}, the
 * message left out when empty. AWS writes "Message" for
 * SerializationException (the Coral type checker's answers) and "message"
 * everywhere else. extra (borrowed, may be NULL) holds members some errors
 * carry besides: CancellationReasons, Item.
 */
static enum sst_code
answer_error(struct sst_server_response *resp, int status, const char *type,
             const char *message, const char *message_key,
             struct json_object *extra)
{
    struct json_object *o = json_object_new_object(), *t, *m = NULL;
    enum sst_code rc = SST_E_NOMEM;

    resp->status = status;
    if (o == NULL)
        return SST_E_NOMEM;
    t = json_object_new_string(type);
    if (t == NULL || json_object_object_add(o, "__type", t) != 0)
        goto out;
    if (message != NULL && message[0] != '\0') {
        m = json_object_new_string(message);
        if (m == NULL || json_object_object_add(o, message_key, m) != 0)
            goto out;
    }
    if (extra != NULL && json_object_is_type(extra, json_type_object)) {
        json_object_object_foreach(extra, key, val)
        {
            if (strcmp(key, "__type") == 0 || strcasecmp(key, "message") == 0)
                continue;
            if (json_object_object_add(o, key, json_object_get(val)) != 0) {
                json_object_put(val);
                goto out;
            }
        }
    }
    rc = set_json(NULL, resp, o);
out:
    json_object_put(o);
    return rc;
}

static enum sst_code
answer_code(struct sst_server_response *resp, enum sst_code code,
            const char *message)
{
    resp->code = code;
    return answer_error(resp, sst_code_http_status(code),
                        sst_code_qualified_type(code), message,
                        code == SST_E_SERIALIZATION ? "Message" : "message",
                        NULL);
}

/* A backend's error, as AWS would have written it, with the members the
 * backend gave besides (extra may be NULL). */
static enum sst_code
answer_backend_error(struct sst_server_response *resp, enum sst_code code,
                     const struct sst_err *e, struct json_object *extra)
{
    resp->code = code;
    if (sst_code_qualified_type(code) != NULL)
        return answer_error(resp, sst_code_http_status(code),
                            sst_code_qualified_type(code), e->message,
                            code == SST_E_SERIALIZATION ? "Message"
                                                        : "message",
                            extra);
    if (e->type[0] != '\0')
        /* a __type sst does not know, as the upstream sent it */
        return answer_error(resp, e->http_status ? e->http_status : 400,
                            e->type, e->message, "message", extra);
    /* transport, storage, memory: AWS's answer for its own failures */
    return answer_error(resp, 500, P_DDB "InternalServerError", MSG_INTERNAL,
                        "message", NULL);
}

/* ------------------------------------------------------------------ */
/* steps                                                               */

/* The first byte that is not JSON white space, or 0. */
static char
first_char(const char *s, size_t n)
{
    size_t i = 0;

    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
                     s[i] == '\r'))
        i++;
    return i < n ? s[i] : 0;
}

/* Parse a body jsoncheck.c found valid, UTF-8 included (so json-c is not
 * asked to check it again, byte by byte). NULL when memory ran out. */
/* One tokener per thread, kept between requests: json_tokener_new_ex
 * zeroes a stack of SST_SERVER_MAX_JSON_DEPTH + 1 records (about 20 KB)
 * each time it is called. The key's destructor frees it when the thread
 * ends. */
static pthread_key_t tok_key;
static pthread_once_t tok_once = PTHREAD_ONCE_INIT;
static bool tok_key_ok;

static void
tok_free(void *tok)
{
    json_tokener_free(tok);
}

static void
tok_key_init(void)
{
    tok_key_ok = pthread_key_create(&tok_key, tok_free) == 0;
}

/* The thread's tokener, reset; *once when it is not kept (no key), and
 * the caller frees it. */
static struct json_tokener *
thread_tokener(bool *once)
{
    struct json_tokener *tok;

    pthread_once(&tok_once, tok_key_init);
    *once = false;
    if (tok_key_ok && (tok = pthread_getspecific(tok_key)) != NULL) {
        json_tokener_reset(tok);
        return tok;
    }
    tok = json_tokener_new_ex(SST_SERVER_MAX_JSON_DEPTH + 1);
    if (tok != NULL && (!tok_key_ok || pthread_setspecific(tok_key, tok) != 0))
        *once = true;
    return tok;
}

static struct json_object *
parse_json(const char *body, size_t len)
{
    struct json_tokener *tok;
    struct json_object *o;
    bool once;

    if (len > (size_t)0x7fffffff)
        return NULL;
    tok = thread_tokener(&once);
    if (tok == NULL)
        return NULL;
    json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
                                    JSON_TOKENER_ALLOW_TRAILING_CHARS);
    o = json_tokener_parse_ex(tok, body, (int)len);
    if (json_tokener_get_error(tok) != json_tokener_success) {
        json_object_put(o);
        o = NULL;
    }
    /* what it still holds (a failed parse's partial objects) goes now */
    json_tokener_reset(tok);
    if (once)
        json_tokener_free(tok);
    return o;
}

/* DynamoDBStreams_20120810's operations, as botocore's service model
 * lists them. */
static const char *const stream_operations[] = {
    "DescribeStream", "GetRecords", "GetShardIterator", "ListStreams"};

const char *
sst_server_stream_operation(const char *op)
{
    size_t i;

    for (i = 0; i < sizeof stream_operations / sizeof stream_operations[0];
         i++)
        if (strcmp(op, stream_operations[i]) == 0)
            return stream_operations[i];
    return NULL;
}

/* The operation named by X-Amz-Target, or NULL when it names none: an
 * operation of DynamoDB_20120810, or of DynamoDBStreams_20120810 (the
 * same endpoint serves both, as DynamoDB Local does). */
static const char *
target_operation(const struct sst_server_request *req)
{
    const char *t = sst_server_header_get(req, "X-Amz-Target");
    const char *dot;
    size_t plen = strlen(SST_SERVER_TARGET_PREFIX);
    size_t slen = strlen(SST_SERVER_STREAMS_PREFIX);

    if (t != NULL && strncmp(t, SST_SERVER_STREAMS_PREFIX, slen) == 0)
        return sst_server_stream_operation(t + slen);
    if (t == NULL || strncmp(t, SST_SERVER_TARGET_PREFIX, plen) != 0)
        return NULL;
    dot = t + plen;
    /* "DynamoDB_20120810.Op" and nothing more: a second '.' is a third
     * part, which AWS refuses */
    if (strchr(dot, '.') != NULL)
        return NULL;
    return sst_server_operation(dot, strlen(dot));
}

static enum sst_code
answer_preflight(const struct sst_server_request *req,
                 struct sst_server_response *resp)
{
    resp->status = 200;
    add_extra(resp, "Access-Control-Allow-Headers",
              sst_server_header_get(req, "Access-Control-Request-Headers"));
    add_extra(resp, "Access-Control-Allow-Methods",
              sst_server_header_get(req, "Access-Control-Request-Method"));
    add_extra(resp, "Access-Control-Max-Age", "172800");
    return SST_OK;
}

/* AWS answers any GET with "healthy: <its host name> ". */
static enum sst_code
answer_health(const struct sst_server_request *req,
              struct sst_server_response *resp)
{
    const char *host = sst_server_header_get(req, "Host");
    size_t n;
    char *b;

    if (host == NULL || *host == '\0')
        host = "localhost";
    n = strlen("healthy: ") + strlen(host) + 1;
    b = sst_malloc(n + 1);
    if (b == NULL)
        return SST_E_NOMEM;
    snprintf(b, n + 1, "healthy: %s ", host);
    resp->status = 200;
    resp->body = b;
    resp->body_len = n;
    return SST_OK;
}

/*
 * DescribeEndpoints through the server: the backend's addresses are its
 * own ("localhost" for the in-process emulator, a regional host name for
 * AWS), but the client reaches it through this server, so each Address
 * becomes the Host the client sent (docs/sst-emu.md). Without a Host
 * (HTTP/1.0) the backend's answer stands.
 */
static enum sst_code
own_endpoints(const struct sst_server_request *req, struct json_object *out)
{
    const char *host = sst_server_header_get(req, "Host");
    struct json_object *list, *endpoint, *address;
    size_t i, n;

    if (host == NULL || *host == '\0' ||
        !json_object_object_get_ex(out, "Endpoints", &list) ||
        !json_object_is_type(list, json_type_array))
        return SST_OK;
    n = json_object_array_length(list);
    for (i = 0; i < n; i++) {
        endpoint = json_object_array_get_idx(list, i);
        if (!json_object_is_type(endpoint, json_type_object) ||
            !json_object_object_get_ex(endpoint, "Address", NULL))
            continue;
        address = json_object_new_string(host);
        if (address == NULL ||
            json_object_object_add(endpoint, "Address", address) != 0) {
            json_object_put(address);
            return SST_E_NOMEM;
        }
    }
    return SST_OK;
}

static enum sst_code
call_backend(const struct sst_server_handler *h, const char *op,
             const struct sst_server_request *http, struct json_object *req,
             struct sst_server_response *resp)
{
    struct json_object *out = NULL;
    struct sst_err e;
    enum sst_code rc;

    sst_err_clear(&e);
    rc = h->call(h->ctx, op, req, &out, &e);
    if (rc != SST_OK) {
        /* A backend may hand back the error's other members in out
         * (TransactionCanceledException's CancellationReasons, a failed
         * condition's Item); they go into the answer. */
        if (rc == SST_E_NOMEM && e.type[0] == '\0')
            rc = SST_E_NOMEM;
        else
            rc = answer_backend_error(resp, rc, &e, out);
        json_object_put(out);
        return rc;
    }
    resp->status = 200;
    resp->code = SST_OK;
    if (out == NULL)
        return set_body(resp, "{}", 2);
    rc = strcmp(op, "DescribeEndpoints") == 0 ? own_endpoints(http, out)
                                               : SST_OK;
    if (rc == SST_OK)
        rc = set_json(h, resp, out);
    json_object_put(out);
    return rc;
}

static enum sst_code
handle(const struct sst_server_handler *h,
       const struct sst_server_request *req, struct sst_server_response *resp)
{
    struct json_object *json = NULL;
    char ctype[64], *message = NULL;
    const char *method = req->method ? req->method : "";
    const char *op;
    struct sst_err e;
    enum sst_code rc;

    if (req->head_bytes > SST_SERVER_MAX_HEAD_BYTES) {
        /* DynamoDB Local's answer (Jetty's): 431, an HTML page, and the
         * connection closed; the body is not read */
        resp->status = 431;
        resp->code = SST_E_REQUEST_TOO_LARGE;
        resp->content_type = CT_HTML;
        resp->bare = true;
        add_extra(resp, "Connection", "close");
        return set_body(resp, HEAD_TOO_LARGE, sizeof HEAD_TOO_LARGE - 1);
    }
    if (req->too_large) {
        /* AWS: 413 and no body, before anything else is looked at */
        resp->status = 413;
        resp->code = SST_E_REQUEST_TOO_LARGE;
        return SST_OK;
    }
    if (sst_server_header_get(req, "Origin") != NULL) {
        add_extra(resp, "Access-Control-Allow-Origin", "*");
        if (strcmp(method, "OPTIONS") == 0)
            return answer_preflight(req, resp);
    }
    if (strcmp(method, "GET") == 0)
        return answer_health(req, resp);
    media_type(sst_server_header_get(req, "Content-Type"), ctype,
               sizeof ctype);
    if (strcmp(method, "POST") != 0 ||
        (req->body_len > 0 && strcmp(ctype, CT_JSON) != 0 &&
         strcmp(ctype, CT_AMZ) != 0)) {
        resp->status = 404;
        resp->code = SST_E_UNKNOWN_OPERATION;
        return set_body(resp, UNKNOWN_XML, sizeof UNKNOWN_XML - 1);
    }
    resp->content_type = strcmp(ctype, CT_AMZ) == 0 ? CT_AMZ : CT_JSON;
    if (req->body_len > 0) {
        bool utf8;

        if (!sst_server_json_check(req->body, req->body_len,
                                   SST_SERVER_MAX_JSON_DEPTH, &utf8))
            return answer_code(resp, SST_E_SERIALIZATION, NULL);
        /* JSON that is not an object is refused after authentication */
        if (first_char(req->body, req->body_len) == '{' &&
            (!utf8 || (json = parse_json(req->body, req->body_len)) == NULL))
            return answer_code(resp, SST_E_SERIALIZATION, NULL);
    }
    op = target_operation(req);
    if (op == NULL) {
        rc = answer_code(resp, SST_E_UNKNOWN_OPERATION, NULL);
        goto out;
    }
    resp->op = op;
    rc = sst_server_auth_check(h, req, &message, &e);
    if (rc == SST_E_NOMEM)
        goto out;
    if (rc != SST_OK) {
        /* an OpenSSL failure has no AWS message: AWS's own 500 */
        rc = message != NULL ? answer_code(resp, rc, message)
                             : answer_code(resp, SST_E_INTERNAL, MSG_INTERNAL);
        goto out;
    }
    /* An empty body, or JSON that is not an object, is no structure. */
    if (json == NULL || !json_object_is_type(json, json_type_object)) {
        rc = answer_code(resp, SST_E_SERIALIZATION, NULL);
        goto out;
    }
    rc = call_backend(h, op, req, json, resp);
out:
    sst_free(message);
    json_object_put(json);
    return rc;
}

enum sst_code
sst_server_handle(const struct sst_server_handler *h,
                  const struct sst_server_request *req,
                  struct sst_server_response *resp)
{
    enum sst_code rc;

    memset(resp, 0, sizeof *resp);
    new_request_id(resp->request_id);
    rc = handle(h, req, resp);
    if (rc != SST_OK) {
        sst_server_response_cleanup(resp);
        sst_server_response_nomem(resp);
        return SST_E_NOMEM;
    }
    if (!resp->crc_done)
        resp->crc32 = (uint32_t)crc32(0L, (const Bytef *)resp->body,
                                      (uInt)resp->body_len);
    return SST_OK;
}

void
sst_server_response_nomem(struct sst_server_response *resp)
{
    memset(resp, 0, sizeof *resp);
    new_request_id(resp->request_id);
    resp->status = 500;
    resp->code = SST_E_NOMEM;
    resp->content_type = CT_AMZ;
    resp->body = (char *)NOMEM_BODY;
    resp->body_len = sizeof NOMEM_BODY - 1;
    resp->body_static = true;
    resp->crc32 = (uint32_t)crc32(0L, (const Bytef *)resp->body,
                                  (uInt)resp->body_len);
}

void
sst_server_response_cleanup(struct sst_server_response *resp)
{
    if (resp == NULL)
        return;
    sst_free(resp->pieces);
    resp->pieces = NULL;
    resp->piece_count = 0;
    if (resp->body_json != NULL)
        json_object_put(resp->body_json);
    else if (!resp->body_static)
        sst_free(resp->body);
    resp->body = NULL;
    resp->body_json = NULL;
    resp->body_len = 0;
    resp->body_static = false;
    resp->crc_done = false;
}
