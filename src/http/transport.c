/*
 * src/http/transport.c - HTTP requests over one reused libcurl easy handle.
 *
 * The only file that includes <curl/curl.h>. It knows nothing of DynamoDB
 * beyond remembering the two response headers the backend checks
 * (x-amz-crc32 and x-amzn-RequestId).
 */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include <sst/mem.h>

#include "transport.h"

struct sst_http_conn {
    CURL *curl;
    char errbuf[CURL_ERROR_SIZE];
};

struct sink {
    char *buf;
    size_t len, cap;
    int overflow;
    int nomem;
};

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_rc;

static void
init_curl(void)
{
    curl_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

static size_t
on_body(char *data, size_t size, size_t nmemb, void *user)
{
    struct sink *s = user;
    size_t n = size * nmemb;

    if (s->len + n > SST_HTTP_MAX_RESPONSE) {
        s->overflow = 1;
        return 0; /* aborts the transfer */
    }
    if (s->len + n + 1 > s->cap) {
        size_t cap = s->cap ? s->cap : 4096;
        char *p;

        while (cap < s->len + n + 1)
            cap *= 2;
        p = sst_realloc(s->buf, cap);
        if (p == NULL) {
            s->nomem = 1;
            return 0;
        }
        s->buf = p;
        s->cap = cap;
    }
    memcpy(s->buf + s->len, data, n);
    s->len += n;
    s->buf[s->len] = '\0';
    return n;
}

/* Header lines arrive one by one, with their CRLF. */
static size_t
on_header(char *line, size_t size, size_t nitems, void *user)
{
    struct sst_http_response *r = user;
    size_t n = size * nitems, vlen;
    const char *colon = memchr(line, ':', n), *v, *end = line + n;

    if (colon == NULL)
        return n;
    v = colon + 1;
    while (v < end && (*v == ' ' || *v == '\t'))
        v++;
    while (end > v && isspace((unsigned char)end[-1]))
        end--;
    vlen = (size_t)(end - v);
    if ((size_t)(colon - line) == 11 && strncasecmp(line, "x-amz-crc32", 11) == 0) {
        char tmp[16];
        char *stop;
        unsigned long val;

        if (vlen > 0 && vlen < sizeof tmp) {
            memcpy(tmp, v, vlen);
            tmp[vlen] = '\0';
            val = strtoul(tmp, &stop, 10);
            if (*stop == '\0' && val <= 0xffffffffUL) {
                r->has_crc32 = true;
                r->crc32 = (uint32_t)val;
            }
        }
    } else if ((size_t)(colon - line) == 16 &&
               strncasecmp(line, "x-amzn-requestid", 16) == 0) {
        if (vlen >= sizeof r->request_id)
            vlen = sizeof r->request_id - 1;
        memcpy(r->request_id, v, vlen);
        r->request_id[vlen] = '\0';
    }
    return n;
}

enum sst_code
sst_http_conn_new(struct sst_http_conn **out, struct sst_err *err)
{
    struct sst_http_conn *c;

    *out = NULL;
    pthread_once(&curl_once, init_curl);
    if (curl_init_rc != CURLE_OK)
        return sst_err_set(err, SST_E_TRANSPORT, "curl_global_init: %s",
                           curl_easy_strerror(curl_init_rc));
    c = sst_calloc(1, sizeof *c);
    if (c == NULL)
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    c->curl = curl_easy_init();
    if (c->curl == NULL) {
        sst_free(c);
        return sst_err_set(err, SST_E_TRANSPORT, "curl_easy_init failed");
    }
    *out = c;
    return SST_OK;
}

void
sst_http_conn_free(struct sst_http_conn *c)
{
    if (c == NULL)
        return;
    curl_easy_cleanup(c->curl);
    sst_free(c);
}

void
sst_http_response_cleanup(struct sst_http_response *r)
{
    if (r == NULL)
        return;
    sst_free(r->body);
    memset(r, 0, sizeof *r);
}

static enum sst_code
transport_error(struct sst_http_conn *c, CURLcode rc, const struct sink *s,
                const char *url, struct sst_err *err)
{
    enum sst_code code;

    if (s->nomem)
        return sst_err_set(err, SST_E_NOMEM, "out of memory reading %s", url);
    if (s->overflow)
        code = sst_err_set(err, SST_E_TRANSPORT,
                           "response from %s is larger than %u bytes", url,
                           SST_HTTP_MAX_RESPONSE);
    else
        code = sst_err_set(err, SST_E_TRANSPORT, "%s: %s", url,
                           c->errbuf[0] ? c->errbuf : curl_easy_strerror(rc));
    if (err)
        err->cause = (int)rc;
    return code;
}

enum sst_code
sst_http_conn_request(struct sst_http_conn *c, const char *method,
                      const char *url, const struct sst_http_header *headers,
                      size_t n, const void *body, size_t len, long connect_ms,
                      long timeout_ms, struct sst_http_response *resp,
                      struct sst_err *err)
{
    struct curl_slist *list = NULL, *grown;
    struct sink s = {0};
    enum sst_code code = SST_OK;
    CURLcode rc;
    size_t i;

    memset(resp, 0, sizeof *resp);
    for (i = 0; i < n; i++) {
        char line[8192];

        if ((size_t)snprintf(line, sizeof line, "%s: %s", headers[i].name,
                             headers[i].value) >= sizeof line) {
            code = sst_err_set(err, SST_E_INVALID_ARG,
                               "HTTP header %s is too long", headers[i].name);
            goto out;
        }
        grown = curl_slist_append(list, line);
        if (grown == NULL) {
            code = sst_err_set(err, SST_E_NOMEM, "out of memory");
            goto out;
        }
        list = grown;
    }
    /* libcurl adds "Expect: 100-continue" to large POSTs; DynamoDB does
     * not need the extra round trip. */
    grown = curl_slist_append(list, "Expect:");
    if (grown == NULL) {
        code = sst_err_set(err, SST_E_NOMEM, "out of memory");
        goto out;
    }
    list = grown;

    c->errbuf[0] = '\0';
    curl_easy_reset(c->curl);
    curl_easy_setopt(c->curl, CURLOPT_ERRORBUFFER, c->errbuf);
    curl_easy_setopt(c->curl, CURLOPT_URL, url);
    curl_easy_setopt(c->curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c->curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(c->curl, CURLOPT_CUSTOMREQUEST, method);
    if (strcmp(method, "GET") != 0) {
        curl_easy_setopt(c->curl, CURLOPT_POSTFIELDS, body ? body : "");
        curl_easy_setopt(c->curl, CURLOPT_POSTFIELDSIZE_LARGE,
                         (curl_off_t)len);
    } else {
        curl_easy_setopt(c->curl, CURLOPT_HTTPGET, 1L);
    }
    curl_easy_setopt(c->curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c->curl, CURLOPT_WRITEDATA, &s);
    curl_easy_setopt(c->curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c->curl, CURLOPT_HEADERDATA, resp);
    curl_easy_setopt(c->curl, CURLOPT_CONNECTTIMEOUT_MS,
                     connect_ms > 0 ? connect_ms : 10000L);
    curl_easy_setopt(c->curl, CURLOPT_TIMEOUT_MS,
                     timeout_ms > 0 ? timeout_ms : 0L);
    curl_easy_setopt(c->curl, CURLOPT_TCP_KEEPALIVE, 1L);
    /* DynamoDB answers plain JSON; ask for nothing fancier. */
    curl_easy_setopt(c->curl, CURLOPT_ACCEPT_ENCODING, NULL);

    rc = curl_easy_perform(c->curl);
    if (rc != CURLE_OK) {
        code = transport_error(c, rc, &s, url, err);
        goto out;
    }
    curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &resp->status);
    if (s.buf == NULL) {
        s.buf = sst_malloc(1);
        if (s.buf == NULL) {
            code = sst_err_set(err, SST_E_NOMEM, "out of memory");
            goto out;
        }
        s.buf[0] = '\0';
    }
    resp->body = s.buf;
    resp->body_len = s.len;
    s.buf = NULL;
out:
    sst_free(s.buf);
    curl_slist_free_all(list);
    if (code != SST_OK)
        memset(resp, 0, sizeof *resp);
    return code;
}
