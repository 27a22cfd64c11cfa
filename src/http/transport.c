/*
 * src/http/transport.c - HTTP requests over one reused libcurl easy handle.
 *
 * The only file that includes <curl/curl.h>. It knows nothing of DynamoDB
 * beyond remembering the two response headers the backend checks
 * (x-amz-crc32 and x-amzn-RequestId).
 *
 * libcurl is loaded with dlopen() when the first connection is made, not
 * linked: libcurl pulls in some thirty libraries (GnuTLS, Kerberos, LDAP,
 * p11-kit, ...) whose loading and constructors cost every program that
 * links sst a few milliseconds of start-up and about 4.5 MB of resident
 * memory, sst-emu serving the emulator included, which never speaks HTTP
 * as a client.
 */
#include <ctype.h>
#include <dlfcn.h>
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

/* The libcurl functions used, resolved by dlsym. */
static struct {
    CURLcode (*global_init)(long flags);
    const char *(*easy_strerror)(CURLcode rc);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *h);
    void (*easy_reset)(CURL *h);
    CURLcode (*easy_setopt)(CURL *h, CURLoption opt, ...);
    CURLcode (*easy_perform)(CURL *h);
    CURLcode (*easy_getinfo)(CURL *h, CURLINFO info, ...);
    struct curl_slist *(*slist_append)(struct curl_slist *l, const char *s);
    void (*slist_free_all)(struct curl_slist *l);
} api;

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_rc;
static char load_error[256]; /* "" once libcurl is loaded */

/* Library names tried in turn: the SONAME of libcurl 7 and 8 on ELF
 * systems, then macOS's. */
static const char *const curl_names[] = {"libcurl.so.4", "libcurl.so",
                                         "libcurl.4.dylib", "libcurl.dylib"};

static bool
load_curl(void)
{
    void *h = NULL;
    const char *e;
    size_t i;

    for (i = 0; h == NULL && i < sizeof curl_names / sizeof curl_names[0];
         i++)
        h = dlopen(curl_names[i], RTLD_NOW | RTLD_LOCAL);
    if (h == NULL) {
        e = dlerror();
        snprintf(load_error, sizeof load_error, "cannot load libcurl: %s",
                 e ? e : "not found");
        return false;
    }
    /* POSIX: a function pointer read through a void * (dlsym's way) */
#define SYM(field, name)                                                       \
    do {                                                                       \
        void *p = dlsym(h, name);                                              \
        if (p == NULL) {                                                       \
            snprintf(load_error, sizeof load_error,                            \
                     "cannot load libcurl: no %s", name);                      \
            return false;                                                      \
        }                                                                      \
        memcpy(&api.field, &p, sizeof p);                                      \
    } while (0)
    SYM(global_init, "curl_global_init");
    SYM(easy_strerror, "curl_easy_strerror");
    SYM(easy_init, "curl_easy_init");
    SYM(easy_cleanup, "curl_easy_cleanup");
    SYM(easy_reset, "curl_easy_reset");
    SYM(easy_setopt, "curl_easy_setopt");
    SYM(easy_perform, "curl_easy_perform");
    SYM(easy_getinfo, "curl_easy_getinfo");
    SYM(slist_append, "curl_slist_append");
    SYM(slist_free_all, "curl_slist_free_all");
#undef SYM
    return true;
}

static void
init_curl(void)
{
    if (!load_curl()) {
        curl_init_rc = CURLE_FAILED_INIT;
        return;
    }
    curl_init_rc = api.global_init(CURL_GLOBAL_DEFAULT);
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
    if ((size_t)(colon - line) == 11 &&
        strncasecmp(line, "x-amz-crc32", 11) == 0) {
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
    if (load_error[0] != '\0')
        return sst_err_set(err, SST_E_TRANSPORT, "%s", load_error);
    if (curl_init_rc != CURLE_OK)
        return sst_err_set(err, SST_E_TRANSPORT, "curl_global_init: %s",
                           api.easy_strerror(curl_init_rc));
    c = sst_calloc(1, sizeof *c);
    if (c == NULL)
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    c->curl = api.easy_init();
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
    api.easy_cleanup(c->curl);
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
                           c->errbuf[0] ? c->errbuf : api.easy_strerror(rc));
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
        grown = api.slist_append(list, line);
        if (grown == NULL) {
            code = sst_err_set(err, SST_E_NOMEM, "out of memory");
            goto out;
        }
        list = grown;
    }
    /* libcurl adds "Expect: 100-continue" to large POSTs; DynamoDB does
     * not need the extra round trip. */
    grown = api.slist_append(list, "Expect:");
    if (grown == NULL) {
        code = sst_err_set(err, SST_E_NOMEM, "out of memory");
        goto out;
    }
    list = grown;

    c->errbuf[0] = '\0';
    api.easy_reset(c->curl);
    api.easy_setopt(c->curl, CURLOPT_ERRORBUFFER, c->errbuf);
    api.easy_setopt(c->curl, CURLOPT_URL, url);
    api.easy_setopt(c->curl, CURLOPT_PROTOCOLS_STR, "http,https");
    api.easy_setopt(c->curl, CURLOPT_NOSIGNAL, 1L);
    api.easy_setopt(c->curl, CURLOPT_HTTPHEADER, list);
    api.easy_setopt(c->curl, CURLOPT_CUSTOMREQUEST, method);
    if (strcmp(method, "GET") != 0) {
        api.easy_setopt(c->curl, CURLOPT_POSTFIELDS, body ? body : "");
        api.easy_setopt(c->curl, CURLOPT_POSTFIELDSIZE_LARGE,
                         (curl_off_t)len);
    } else {
        api.easy_setopt(c->curl, CURLOPT_HTTPGET, 1L);
    }
    api.easy_setopt(c->curl, CURLOPT_WRITEFUNCTION, on_body);
    api.easy_setopt(c->curl, CURLOPT_WRITEDATA, &s);
    api.easy_setopt(c->curl, CURLOPT_HEADERFUNCTION, on_header);
    api.easy_setopt(c->curl, CURLOPT_HEADERDATA, resp);
    api.easy_setopt(c->curl, CURLOPT_CONNECTTIMEOUT_MS,
                     connect_ms > 0 ? connect_ms : 10000L);
    api.easy_setopt(c->curl, CURLOPT_TIMEOUT_MS,
                     timeout_ms > 0 ? timeout_ms : 0L);
    api.easy_setopt(c->curl, CURLOPT_TCP_KEEPALIVE, 1L);
    /* DynamoDB answers plain JSON; ask for nothing fancier. */
    api.easy_setopt(c->curl, CURLOPT_ACCEPT_ENCODING, NULL);

    rc = api.easy_perform(c->curl);
    if (rc != CURLE_OK) {
        code = transport_error(c, rc, &s, url, err);
        goto out;
    }
    api.easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &resp->status);
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
    api.slist_free_all(list);
    if (code != SST_OK)
        memset(resp, 0, sizeof *resp);
    return code;
}
