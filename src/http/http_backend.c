/*
 * src/http/http_backend.c - struct sst_backend over DynamoDB's JSON 1.0
 * HTTP protocol: serialise, sign (sigv4.c), post (transport.c), check the
 * CRC, decode the answer or the error, retry what is retryable.
 *
 * DynamoDB Streams' four operations (ListStreams, DescribeStream,
 * GetShardIterator, GetRecords) speak the same protocol under their own
 * target prefix, DynamoDBStreams_20120810., and on AWS at their own
 * endpoint, https://streams.dynamodb.REGION.amazonaws.com; signed for the
 * service "dynamodb" still. An explicit endpoint (DynamoDB Local, sst-emu)
 * serves both.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <json-c/json.h>
#include <openssl/rand.h>
#include <zlib.h>

#include <sst/http.h>
#include <sst/mem.h>

#include "creds.h"
#include "http_backend.h"
#include "sigv4.h"
#include "transport.h"

#define TARGET_PREFIX "DynamoDB_20120810."
#define STREAMS_TARGET_PREFIX "DynamoDBStreams_20120810."
#define CONTENT_TYPE "application/x-amz-json-1.0"
/* Credentials that expire this soon are refreshed before a call. */
#define CREDS_REFRESH_MARGIN_S 300
/* Keys used against a loopback endpoint when no source has any: DynamoDB
 * Local and sst-emu want a signed request but accept any key made of
 * letters and digits only (DynamoDB Local refuses others with
 * UnrecognizedClientException). */
#define LOCAL_KEY "sstlocal"

/* Where requests go. */
struct endpoint {
    char *url;  /* URL the requests are posted to               */
    char *host; /* Host header value                            */
    char *path; /* request path, "/" by default                 */
};

struct http_backend {
    struct sst_backend base;
    struct sst_http_conn *conn;
    struct endpoint ddb;     /* DynamoDB's operations               */
    struct endpoint streams; /* DynamoDB Streams' on AWS; else unset */
    char *region;
    char *ak, *sk, *token, *profile; /* explicit keys, profile   */
    int local;    /* the endpoint is on loopback                */
    struct sst_aws_creds creds;
    int have_creds;
    long connect_ms, request_ms, deadline_ms, base_ms, cap_ms;
    int max_attempts;
    int64_t (*clock_s)(void *);
    int64_t (*monotonic_ms)(void *);
    uint64_t (*random_u64)(void *);
    void (*sleep_ms)(long, void *);
    void *user;
    unsigned long attempts;
};

/* ------------------------------------------------------------------ */
/* default clock, randomness and sleep                                 */

static int64_t
real_clock_s(void *user)
{
    (void)user;
    return (int64_t)time(NULL);
}

static int64_t
real_monotonic_ms(void *user)
{
    struct timespec ts;

    (void)user;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static uint64_t
real_random_u64(void *user)
{
    uint64_t v = 0;

    (void)user;
    if (RAND_bytes((unsigned char *)&v, sizeof v) != 1)
        v = (uint64_t)real_monotonic_ms(NULL) * 0x9E3779B97F4A7C15ULL;
    return v;
}

static void
real_sleep_ms(long ms, void *user)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

    (void)user;
    while (nanosleep(&ts, &ts) != 0)
        ;
}

/* ------------------------------------------------------------------ */
/* retry policy                                                        */

static int
retryable_type(const char *type)
{
    static const char *const types[] = {
        "ProvisionedThroughputExceededException", "ThrottlingException",
        "RequestLimitExceeded", "LimitExceededException",
        "TransactionInProgressException", "InternalServerError",
        "InternalFailure", "ServiceUnavailableException",
        "ServiceUnavailable", "Throttling"};
    size_t i;

    for (i = 0; i < sizeof types / sizeof types[0]; i++)
        if (strcmp(type, types[i]) == 0)
            return 1;
    return 0;
}

static int
retryable(const struct sst_err *e)
{
    if (e->code == SST_E_TRANSPORT)
        return 1;
    if (e->http_status >= 500)
        return 1;
    return retryable_type(e->type);
}

long
sst_http_backoff_ms(int attempt, long base_ms, long cap_ms, uint64_t random)
{
    long ceiling = base_ms;
    int i;

    for (i = 0; i < attempt && ceiling < cap_ms; i++)
        ceiling *= 2;
    if (ceiling > cap_ms)
        ceiling = cap_ms;
    /* full jitter: uniform in [0, ceiling] */
    return (long)(random % ((uint64_t)ceiling + 1));
}

/* ------------------------------------------------------------------ */
/* credentials                                                         */

static enum sst_code
ensure_creds(struct http_backend *h, struct sst_err *err)
{
    struct sst_creds_options o = {h->ak, h->sk, h->token, h->profile, 0,
                                  h->local};
    struct sst_aws_creds fresh;
    enum sst_code rc;

    if (h->have_creds &&
        (h->creds.expiration == 0 ||
         h->creds.expiration - CREDS_REFRESH_MARGIN_S > h->clock_s(h->user)))
        return SST_OK;
    rc = sst_aws_creds_resolve(&o, &fresh, err);
    if (rc == SST_E_INVALID_ARG && h->local && err &&
        strstr(err->message, "no AWS credentials found")) {
        struct sst_creds_options dummy = {LOCAL_KEY, LOCAL_KEY, NULL, NULL,
                                          0, 1};
        rc = sst_aws_creds_resolve(&dummy, &fresh, err);
    }
    if (rc != SST_OK)
        return rc;
    sst_aws_creds_cleanup(&h->creds);
    h->creds = fresh;
    h->have_creds = 1;
    return SST_OK;
}

/* ------------------------------------------------------------------ */
/* one attempt                                                         */

/* The members of an error body besides __type and message, or NULL. */
static struct json_object *
error_extras(struct json_object *j)
{
    struct json_object *out = NULL;

    json_object_object_foreach(j, k, v) {
        if (!strcmp(k, "__type") || !strcasecmp(k, "message"))
            continue;
        if (out == NULL && (out = json_object_new_object()) == NULL)
            return NULL;
        json_object_object_add(out, k, json_object_get(v));
    }
    return out;
}

static enum sst_code
decode_error(const struct sst_http_response *r, struct json_object **resp,
             struct sst_err *err)
{
    struct json_object *j = json_tokener_parse(r->body), *t, *m;
    const char *type = NULL, *msg = "";
    enum sst_code rc;

    if (j && json_object_is_type(j, json_type_object)) {
        if (json_object_object_get_ex(j, "__type", &t))
            type = json_object_get_string(t);
        /* AWS writes "message"; DynamoDB Local often "Message". */
        if (json_object_object_get_ex(j, "message", &m) ||
            json_object_object_get_ex(j, "Message", &m))
            msg = json_object_get_string(m);
        if (type)
            *resp = error_extras(j);
    }
    if (type == NULL && r->status == 413) {
        /* AWS answers an oversized request with a bare 413 */
        rc = sst_err_set(err, SST_E_REQUEST_TOO_LARGE,
                         "HTTP 413: the request is larger than DynamoDB "
                         "accepts (16 MB)");
        if (err)
            err->http_status = 413;
    } else if (type == NULL) {
        rc = sst_err_set(err, r->status >= 500 ? SST_E_INTERNAL
                                               : SST_E_UNKNOWN_ERROR,
                         "HTTP %ld without a DynamoDB error body", r->status);
        if (err)
            err->http_status = (int)r->status;
    } else {
        rc = sst_err_set_dynamodb(err, type, msg, (int)r->status);
    }
    json_object_put(j);
    return rc;
}

/* Whether op is one of DynamoDB Streams' operations. */
static int
is_stream_op(const char *op)
{
    static const char *const ops[] = {"ListStreams", "DescribeStream",
                                      "GetShardIterator", "GetRecords"};
    size_t i;

    for (i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (strcmp(op, ops[i]) == 0)
            return 1;
    return 0;
}

/* The endpoint op goes to. */
static const struct endpoint *
endpoint_of(const struct http_backend *h, const char *op)
{
    return is_stream_op(op) && h->streams.url != NULL ? &h->streams : &h->ddb;
}

static enum sst_code
attempt(struct http_backend *h, const char *op, const char *body,
        size_t len, struct json_object **resp, struct sst_err *err)
{
    const struct endpoint *ep = endpoint_of(h, op);
    char target[128];
    struct sst_sigv4_header hdrs[3] = {{"Host", ep->host},
                                       {"Content-Type", CONTENT_TYPE},
                                       {"X-Amz-Target", target}};
    struct sst_sigv4_request req = {"POST", ep->path, NULL, hdrs, 3,
                                    body, len, NULL};
    struct sst_sigv4_credentials c;
    struct sst_sigv4_config cfg;
    struct sst_sigv4_headers *sig = NULL;
    struct sst_http_header send[8];
    struct sst_http_response r = {0};
    size_t n = 0, i;
    enum sst_code rc;

    if ((size_t)snprintf(target, sizeof target, "%s%s",
                         is_stream_op(op) ? STREAMS_TARGET_PREFIX
                                          : TARGET_PREFIX,
                         op) >= sizeof target)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "operation name is too long");
    rc = ensure_creds(h, err);
    if (rc != SST_OK)
        return rc;
    c.access_key_id = h->creds.access_key_id;
    c.secret_access_key = h->creds.secret_access_key;
    c.session_token = h->creds.session_token;
    cfg.region = h->region;
    cfg.service = "dynamodb"; /* Streams' operations too */
    cfg.time = h->clock_s(h->user);
    cfg.flags = 0;
    rc = sst_sigv4_sign(&req, &c, &cfg, &sig, err);
    if (rc != SST_OK)
        return rc;
    for (i = 0; i < 3; i++)
        send[n++] = (struct sst_http_header){hdrs[i].name, hdrs[i].value};
    for (i = 0; i < sig->count; i++)
        send[n++] = (struct sst_http_header){sig->items[i].name,
                                             sig->items[i].value};
    h->attempts++;
    rc = sst_http_conn_request(h->conn, "POST", ep->url, send, n, body, len,
                               h->connect_ms, h->request_ms, &r, err);
    sst_sigv4_headers_free(sig);
    if (rc != SST_OK)
        return rc;
    if (r.has_crc32 &&
        (uint32_t)crc32(0L, (const Bytef *)r.body, (uInt)r.body_len) !=
            r.crc32) {
        rc = sst_err_set(err, SST_E_TRANSPORT,
                         "x-amz-crc32 mismatch: the response was damaged in "
                         "transit");
        if (err)
            err->http_status = (int)r.status;
        goto out;
    }
    if (r.status != 200) {
        rc = decode_error(&r, resp, err);
        goto out;
    }
    *resp = json_tokener_parse(r.body);
    if (*resp == NULL || !json_object_is_type(*resp, json_type_object)) {
        json_object_put(*resp);
        *resp = NULL;
        rc = sst_err_set(err, SST_E_TRANSPORT,
                         "response to %s is not a JSON object", op);
    }
out:
    sst_http_response_cleanup(&r);
    return rc;
}

/* ------------------------------------------------------------------ */
/* the backend                                                         */

static enum sst_code
http_call(struct sst_backend *b, const char *op,
          const struct json_object *req, struct json_object **resp,
          struct sst_err *err)
{
    struct http_backend *h = (struct http_backend *)b;
    struct sst_err last;
    const char *body;
    size_t len;
    int64_t start = h->monotonic_ms(h->user);
    int n;
    enum sst_code rc = SST_OK;

    /* json-c caches the text in the object; the request is not changed. */
    body = json_object_to_json_string_length((struct json_object *)req,
                                             JSON_C_TO_STRING_PLAIN, &len);
    if (body == NULL)
        return sst_err_set(err, SST_E_NOMEM, "cannot serialise request");
    for (n = 0; n < h->max_attempts; n++) {
        long wait;

        sst_err_clear(&last);
        json_object_put(*resp);
        *resp = NULL;
        rc = attempt(h, op, body, len, resp, &last);
        if (rc == SST_OK || !retryable(&last))
            break;
        if (n + 1 == h->max_attempts)
            break;
        wait = sst_http_backoff_ms(n, h->base_ms, h->cap_ms,
                                   h->random_u64(h->user));
        if (h->monotonic_ms(h->user) + wait - start > h->deadline_ms)
            break;
        h->sleep_ms(wait, h->user);
    }
    if (rc != SST_OK && err)
        *err = last;
    return rc;
}

static void
http_close(struct sst_backend *b)
{
    struct http_backend *h = (struct http_backend *)b;

    sst_http_conn_free(h->conn);
    sst_aws_creds_cleanup(&h->creds);
    sst_free(h->ddb.url);
    sst_free(h->ddb.host);
    sst_free(h->ddb.path);
    sst_free(h->streams.url);
    sst_free(h->streams.host);
    sst_free(h->streams.path);
    sst_free(h->region);
    sst_free(h->ak);
    sst_free(h->sk);
    sst_free(h->token);
    sst_free(h->profile);
    sst_free(h);
}

static const struct sst_backend_ops http_ops = {"http", http_call,
                                                http_close};

static int
is_loopback(const char *host)
{
    return strcmp(host, "localhost") == 0 || strncmp(host, "127.", 4) == 0 ||
           strcmp(host, "[::1]") == 0;
}

/* Host header: the host, plus the port when it is not the scheme's. */
static enum sst_code
set_endpoint(struct endpoint *ep, const struct sst_uri *u,
             struct sst_err *err)
{
    char buf[1100];
    int dflt = u->tls ? 443 : 80;

    snprintf(buf, sizeof buf, "%s:%d", u->host, u->port);
    ep->host = sst_strdup(u->port == dflt ? u->host : buf);
    snprintf(buf, sizeof buf, "%s://%s:%d%s", u->tls ? "https" : "http",
             u->host, u->port, u->base_path);
    ep->url = sst_strdup(buf);
    ep->path = sst_strdup(u->base_path);
    if (!ep->host || !ep->url || !ep->path)
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    return SST_OK;
}

/* ep: AWS's endpoint of service ("dynamodb" or "streams.dynamodb") in
 * h's region. */
static enum sst_code
set_aws_endpoint(struct http_backend *h, struct endpoint *ep,
                 const char *service, struct sst_err *err)
{
    struct sst_uri *u = NULL;
    char buf[1100];
    enum sst_code rc;

    snprintf(buf, sizeof buf, "https://%s.%s.amazonaws.com%s", service,
             h->region, strncmp(h->region, "cn-", 3) == 0 ? ".cn" : "");
    rc = sst_uri_parse(buf, &u, err);
    if (rc == SST_OK)
        rc = set_endpoint(ep, u, err);
    sst_uri_free(u);
    return rc;
}

static char *
dup_opt(const char *s, int *nomem)
{
    char *d;

    if (s == NULL)
        return NULL;
    d = sst_strdup(s);
    if (d == NULL)
        *nomem = 1;
    return d;
}

enum sst_code
sst_http_backend_new(const struct sst_http_options *opt,
                     struct sst_backend **out, struct sst_err *err)
{
    struct http_backend *h = NULL;
    struct sst_uri *u = NULL;
    char *region = NULL;
    int nomem = 0;
    enum sst_code rc;

    if (out == NULL || opt == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "options and out must not be NULL");
    *out = NULL;
    if ((opt->access_key_id == NULL) != (opt->secret_access_key == NULL))
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "explicit credentials need both an access key "
                           "id and a secret access key");
    h = sst_calloc(1, sizeof *h);
    if (h == NULL)
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    h->base.ops = &http_ops;

    if (opt->region) {
        region = sst_strdup(opt->region);
        rc = region ? SST_OK : sst_err_set(err, SST_E_NOMEM, "out of memory");
    } else {
        rc = sst_aws_region_resolve(opt->profile, &region, err);
    }
    if (rc != SST_OK)
        goto fail;
    h->region = region ? region : sst_strdup("us-east-1");
    if (h->region == NULL) {
        rc = sst_err_set(err, SST_E_NOMEM, "out of memory");
        goto fail;
    }

    if (opt->endpoint) {
        rc = sst_uri_parse(opt->endpoint, &u, err);
        if (rc == SST_OK && u->kind != SST_BACKEND_HTTP)
            rc = sst_err_set(err, SST_E_INVALID_ARG,
                             "endpoint must be an http:// or https:// URL");
        if (rc == SST_OK)
            rc = set_endpoint(&h->ddb, u, err);
        h->local = rc == SST_OK && is_loopback(u->host);
    } else {
        /* AWS: DynamoDB Streams has an endpoint of its own */
        rc = set_aws_endpoint(h, &h->ddb, "dynamodb", err);
        if (rc == SST_OK)
            rc = set_aws_endpoint(h, &h->streams, "streams.dynamodb", err);
    }
    if (rc != SST_OK)
        goto fail;

    h->ak = dup_opt(opt->access_key_id, &nomem);
    h->sk = dup_opt(opt->secret_access_key, &nomem);
    h->token = dup_opt(opt->session_token, &nomem);
    h->profile = dup_opt(opt->profile, &nomem);
    if (nomem) {
        rc = sst_err_set(err, SST_E_NOMEM, "out of memory");
        goto fail;
    }
    h->connect_ms =
        opt->connect_timeout_ms > 0 ? opt->connect_timeout_ms : 3000;
    h->request_ms =
        opt->request_timeout_ms > 0 ? opt->request_timeout_ms : 60000;
    h->deadline_ms = opt->deadline_ms > 0 ? opt->deadline_ms : 120000;
    h->max_attempts = opt->max_attempts > 0 ? opt->max_attempts : 10;
    h->base_ms = opt->backoff_base_ms > 0 ? opt->backoff_base_ms : 50;
    h->cap_ms = opt->backoff_cap_ms > 0 ? opt->backoff_cap_ms : 20000;
    h->clock_s = opt->clock_s ? opt->clock_s : real_clock_s;
    h->monotonic_ms = opt->monotonic_ms ? opt->monotonic_ms : real_monotonic_ms;
    h->random_u64 = opt->random_u64 ? opt->random_u64 : real_random_u64;
    h->sleep_ms = opt->sleep_ms ? opt->sleep_ms : real_sleep_ms;
    h->user = opt->user;
    rc = sst_http_conn_new(&h->conn, err);
    if (rc != SST_OK)
        goto fail;
    sst_uri_free(u);
    *out = &h->base;
    return SST_OK;
fail:
    sst_uri_free(u);
    http_close(&h->base);
    return rc;
}

const char *
sst_http_backend_url(const struct sst_backend *b, const char *op)
{
    if (b == NULL || b->ops != &http_ops || op == NULL)
        return NULL;
    return endpoint_of((const struct http_backend *)b, op)->url;
}

unsigned long
sst_http_backend_attempts(const struct sst_backend *b)
{
    if (b == NULL || b->ops != &http_ops)
        return 0;
    return ((const struct http_backend *)b)->attempts;
}

/* A positive integer URI option, or def when absent. */
static enum sst_code
num_opt(const struct sst_uri *u, const char *key, long def, long *out,
        struct sst_err *err)
{
    const char *v = sst_uri_opt_get(u, key);
    char *end;
    long n;

    *out = def;
    if (v == NULL)
        return SST_OK;
    n = strtol(v, &end, 10);
    if (*v == '\0' || *end != '\0' || n <= 0 || n > 86400000L)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "option %s must be a positive integer, not '%s'",
                           key, v);
    *out = n;
    return SST_OK;
}

enum sst_code
sst_http_backend_open_uri(const struct sst_uri *u, struct sst_backend **out,
                          struct sst_err *err)
{
    struct sst_http_options o;
    char endpoint[1100];
    long attempts = 0;
    enum sst_code rc;

    memset(&o, 0, sizeof o);
    *out = NULL;
    if (u->kind == SST_BACKEND_HTTP) {
        snprintf(endpoint, sizeof endpoint, "%s://%s:%d%s", u->scheme,
                 u->host, u->port, u->base_path);
        o.endpoint = endpoint;
    }
    o.region = u->region;
    o.profile = sst_uri_opt_get(u, "profile");
    if ((rc = num_opt(u, "timeout-ms", 0, &o.request_timeout_ms, err)) ||
        (rc = num_opt(u, "connect-timeout-ms", 0, &o.connect_timeout_ms,
                      err)) ||
        (rc = num_opt(u, "deadline-ms", 0, &o.deadline_ms, err)) ||
        (rc = num_opt(u, "max-attempts", 0, &attempts, err)))
        return rc;
    if (attempts > 100)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "option max-attempts must be at most 100");
    o.max_attempts = (int)attempts;
    return sst_http_backend_new(&o, out, err);
}
