/*
 * emu/server/server.c - the HTTP front of sst-emu: libmicrohttpd with a
 * pool of worker threads and keep-alive connections, feeding each request
 * to handler.c and its answer back to the client.
 *
 * Per request: the URI log callback (which sees the request line as sent,
 * before libmicrohttpd decodes it) creates the request's state; the access
 * handler refuses a declared Content-Length over the cap at once, gathers
 * the body up to the cap (a chunked body that grows past it is read and
 * dropped, then refused), and answers; the completion callback frees the
 * state. Closing stops accepting, lets requests in flight finish, and
 * then stops the daemon.
 */
#define _GNU_SOURCE /* accept4 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <json-c/json.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include <sst/log.h>
#include <sst/mem.h>

#include "emu/store/item.h"
#include "emu/server/handler.h"
#include "emu/server/pool.h"
#include <sst/server.h>

#define COMPONENT "sst-emu"
#define DEFAULT_BIND "127.0.0.1"
#define IDLE_TIMEOUT_S 120
/* libmicrohttpd's memory per connection (headers, the read buffer, the
 * answer's headers). It clears the pool between the requests of a
 * keep-alive connection, so its size is paid on every request: the
 * default 32 KB was half of a GetItem's instructions. A request's body
 * is read through it in pieces, whatever its size. */
#define CONNECTION_MEMORY (16 * 1024)
#define MAX_THREADS 64
/* Open connections at once; past this, new ones are refused. */
#define MAX_CONNECTIONS 1000
/* A chunked body that keeps coming this far past the cap is cut off. */
#define MAX_DISCARD_BYTES (64u * 1024u * 1024u)
/* What a declared Content-Length reserves before its bytes arrive. */
#define PREALLOC_BYTES (1024 * 1024)

struct sst_server {
    struct MHD_Daemon *daemon;
    /* With a pool: the listen socket, and the thread that accepts its
     * connections (accept_loop()) */
    int listen_fd;
    pthread_t acceptor;
    bool accepting;
    unsigned workers; /* the pool's size                          */
    unsigned turn;    /* the worker the next connection goes to    */
    atomic_bool stopping;
    struct sst_server_pool *pool;
    struct sst_server_handler handler;
    struct sst_server_credential *creds; /* strings in one allocation */
    size_t max_body;
    int port;
    char url[96];
    atomic_ulong requests;
    atomic_int in_flight;
    /* The C locale as an object (or 0), for the threads that answer:
     * see answer(). */
    locale_t c_locale;
};

/* One request's state, from the URI log callback to completion. */
struct request_state {
    struct sst_server *srv;
    char *uri;       /* the request target as sent */
    char *body;
    size_t len, cap;
    size_t discarded;
    bool started;    /* the access handler has seen the headers */
    bool too_large;
    bool answered;
    size_t head_bytes; /* the request line and headers */
    struct timespec t0;
};

/* ------------------------------------------------------------------ */
/* request state                                                       */

static void *
on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
    struct sst_server *srv = cls;
    struct request_state *st = sst_calloc(1, sizeof *st);

    (void)c;
    atomic_fetch_add(&srv->in_flight, 1);
    if (st == NULL)
        return NULL;
    st->srv = srv;
    st->uri = sst_strdup(uri ? uri : "/");
    clock_gettime(CLOCK_MONOTONIC, &st->t0);
    return st;
}

static void
on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
             enum MHD_RequestTerminationCode toe)
{
    struct sst_server *srv = cls;
    struct request_state *st = *con_cls;

    (void)c;
    (void)toe;
    if (st != NULL) {
        sst_free(st->body);
        sst_free(st->uri);
        sst_free(st);
        *con_cls = NULL;
    }
    atomic_fetch_sub(&srv->in_flight, 1);
}

/* ------------------------------------------------------------------ */
/* answering                                                           */

struct header_list {
    struct sst_server_header *h;
    size_t n, cap;
};

static enum MHD_Result
collect_header(void *cls, enum MHD_ValueKind kind, const char *key,
               const char *value)
{
    struct header_list *l = cls;

    (void)kind;
    if (l->n < l->cap) {
        l->h[l->n].name = key;
        l->h[l->n++].value = value ? value : "";
    }
    return MHD_YES;
}

static double
elapsed_ms(const struct timespec *t0)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) * 1e3 +
           (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

static void
put_json(void *obj)
{
    json_object_put(obj);
}

/* Send resp; takes its body. */
static enum MHD_Result
send_response(struct MHD_Connection *c, struct sst_server_response *resp)
{
    struct MHD_Response *r;
    char crc[16];
    enum MHD_Result ok;
    size_t i;

    if (resp->body_len == 0)
        r = MHD_create_response_from_buffer(0, (void *)"",
                                            MHD_RESPMEM_PERSISTENT);
    else if (resp->piece_count > 0) {
        struct MHD_IoVec iov[SST_SERVER_MAX_PIECES];

        if (resp->piece_count > SST_SERVER_MAX_PIECES ||
            resp->body_json == NULL)
            return MHD_NO; /* handler.c never makes more */
        for (i = 0; i < resp->piece_count; i++) {
            iov[i].iov_base = resp->pieces[i].base;
            iov[i].iov_len = resp->pieces[i].len;
        }
        /* libmicrohttpd copies iov; the bytes are the object's */
        r = MHD_create_response_from_iovec(iov, (unsigned)resp->piece_count,
                                           put_json, resp->body_json);
        if (r != NULL) { /* the response owns the object now */
            resp->body_json = NULL;
            resp->body = NULL;
        }
    }
    else if (resp->body_static)
        r = MHD_create_response_from_buffer(resp->body_len, resp->body,
                                            MHD_RESPMEM_PERSISTENT);
    else if (resp->body_json != NULL) {
        r = MHD_create_response_from_buffer_with_free_callback_cls(
            resp->body_len, resp->body, put_json, resp->body_json);
        if (r != NULL) { /* the response owns the object now */
            resp->body_json = NULL;
            resp->body = NULL;
        }
    } else {
        r = MHD_create_response_from_buffer_with_free_callback(
            resp->body_len, resp->body, sst_free);
        if (r != NULL)
            resp->body = NULL; /* the response owns it now */
    }
    if (r == NULL)
        return MHD_NO;
    snprintf(crc, sizeof crc, "%lu", (unsigned long)resp->crc32);
    if (resp->content_type != NULL)
        MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
                                resp->content_type);
    if (!resp->bare) {
        MHD_add_response_header(r, "x-amzn-RequestId", resp->request_id);
        MHD_add_response_header(r, "x-amz-crc32", crc);
    }
    for (i = 0; i < resp->extra_count; i++)
        MHD_add_response_header(r, resp->extra[i].name, resp->extra[i].value);
    ok = MHD_queue_response(c, (unsigned)resp->status, r);
    MHD_destroy_response(r);
    return ok;
}

static enum MHD_Result
answer(struct sst_server *srv, struct MHD_Connection *c,
       struct request_state *st, const char *method)
{
    struct sst_server_response resp;
    struct sst_server_request req;
    struct header_list hl = {NULL, 0, 0};
    char *q;
    int n;
    enum MHD_Result ok;

    /* json-c's parser switches the thread to a copy of its locale with
     * C numbers for every parse (duplocale, newlocale, freelocale: about
     * 2,000 instructions and a dozen frees of a request's 100k). When
     * the thread's locale is glibc's C locale object itself, those calls
     * return it unchanged. The threads that answer are the server's
     * own, and it parses and prints nothing by locale. */
    if (srv->c_locale != (locale_t)0 &&
        uselocale((locale_t)0) != srv->c_locale)
        (void)uselocale(srv->c_locale);
    memset(&req, 0, sizeof req);
    n = MHD_get_connection_values(c, MHD_HEADER_KIND, NULL, NULL);
    hl.cap = n > 0 ? (size_t)n : 0;
    hl.h = sst_calloc(hl.cap + 1, sizeof *hl.h);
    if (hl.h != NULL)
        MHD_get_connection_values(c, MHD_HEADER_KIND, collect_header, &hl);
    req.method = method;
    req.path = st->uri ? st->uri : "/";
    q = st->uri ? strchr(st->uri, '?') : NULL;
    if (q != NULL) {
        *q = '\0'; /* st->uri now holds the path alone */
        req.query = q + 1;
    }
    req.headers = hl.h;
    req.header_count = hl.n;
    req.body = st->body;
    req.body_len = st->len;
    req.too_large = st->too_large;
    req.head_bytes = st->head_bytes;
    if (hl.h == NULL || st->uri == NULL)
        sst_server_response_nomem(&resp);
    else
        (void)sst_server_handle(&srv->handler, &req, &resp);
    st->answered = true;
    atomic_fetch_add(&srv->requests, 1);
    sst_log(resp.status >= 500 ? SST_LOG_WARN : SST_LOG_INFO, COMPONENT,
            "%s %s%s%s %s -> %d%s%s (%.2f ms)", method, req.path,
            req.query ? "?" : "", req.query ? req.query : "",
            resp.op ? resp.op : "-", resp.status,
            resp.code != SST_OK && sst_code_type(resp.code) ? " " : "",
            resp.code != SST_OK && sst_code_type(resp.code)
                ? sst_code_type(resp.code)
                : "",
            elapsed_ms(&st->t0));
    ok = send_response(c, &resp);
    sst_server_response_cleanup(&resp);
    sst_free(hl.h);
    return ok;
}

/* The fixed 500 for a request whose state could not be allocated. */
static enum MHD_Result
answer_nomem(struct MHD_Connection *c)
{
    struct sst_server_response resp;

    sst_server_response_nomem(&resp);
    return send_response(c, &resp);
}

/* Keep up to the cap; past it, drop the body and remember to refuse. */
static enum MHD_Result
take_body(struct request_state *st, size_t max, const char *data, size_t n)
{
    if (st->too_large) {
        st->discarded += n;
        return st->discarded > MAX_DISCARD_BYTES ? MHD_NO : MHD_YES;
    }
    if (n > max - st->len) {
        st->too_large = true;
        st->discarded = st->len + n;
        sst_free(st->body);
        st->body = NULL;
        st->len = st->cap = 0;
        return MHD_YES;
    }
    if (st->len + n > st->cap) {
        size_t cap = st->cap ? st->cap : 4096;
        char *b;

        while (cap < st->len + n)
            cap = cap > max / 2 ? max : cap * 2;
        b = sst_realloc(st->body, cap);
        if (b == NULL)
            return MHD_NO;
        st->body = b;
        st->cap = cap;
    }
    memcpy(st->body + st->len, data, n);
    st->len += n;
    return MHD_YES;
}

/* Content-Length as a number; -1 when absent or not one. */
static long long
content_length(struct MHD_Connection *c)
{
    const char *v = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                MHD_HTTP_HEADER_CONTENT_LENGTH);
    char *end;
    long long n;

    if (v == NULL)
        return -1;
    errno = 0;
    n = strtoll(v, &end, 10);
    if (errno != 0 || end == v || *end != '\0' || n < 0)
        return -1;
    return n;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url,
           const char *method, const char *version, const char *upload_data,
           size_t *upload_data_size, void **con_cls)
{
    struct sst_server *srv = cls;
    struct request_state *st = *con_cls;

    (void)url;
    (void)version;
    if (st == NULL)
        return answer_nomem(c);
    if (st->answered) {
        /* answered early; the rest of the body is not wanted */
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (!st->started) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE);
        long long n = content_length(c);

        st->started = true;
        st->head_bytes = ci != NULL ? ci->header_size : 0;
        /* DynamoDB Local's limit, answered before the body is read.
         * libmicrohttpd itself answers 431 when the request line and
         * headers do not fit in CONNECTION_MEMORY; when they fit but fill
         * its last few hundred bytes (about 15,450 to 15,600 bytes of
         * them), it has no room left for any answer's headers and closes
         * the connection: libmicrohttpd 0.9.75 gives no way around it. */
        if (st->head_bytes > SST_SERVER_MAX_HEAD_BYTES)
            return answer(srv, c, st, method);
        if (n > (long long)srv->max_body) {
            /* refuse before a byte of the body is read (and before
             * libmicrohttpd would send 100 Continue) */
            st->too_large = true;
            return answer(srv, c, st, method);
        }
        if (n > 0) {
            /* a declared length is a hint, not a promise: reserve at most
             * PREALLOC_BYTES up front, grow as the bytes really come */
            size_t want = n > PREALLOC_BYTES ? PREALLOC_BYTES : (size_t)n;

            st->body = sst_malloc(want);
            st->cap = st->body ? want : 0;
        }
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        enum MHD_Result ok =
            take_body(st, srv->max_body, upload_data, *upload_data_size);

        *upload_data_size = 0;
        return ok;
    }
    return answer(srv, c, st, method);
}

static void
on_mhd_log(void *cls, const char *fmt, va_list ap)
{
    char msg[512];
    size_t n;

    (void)cls;
    vsnprintf(msg, sizeof msg, fmt, ap);
    n = strlen(msg);
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
        msg[--n] = '\0';
    sst_log(SST_LOG_DEBUG, COMPONENT, "libmicrohttpd: %s", msg);
}

/* ------------------------------------------------------------------ */
/* listening                                                           */

/* Bind and listen on host:port; fill the URL and the port chosen. */
static enum sst_code
open_listener(struct sst_server *srv, const char *host, int port, int *fd,
              bool *v6, struct sst_err *err)
{
    struct addrinfo hints, *res = NULL;
    struct sockaddr_storage ss;
    socklen_t sl = sizeof ss;
    char service[16], addr[INET6_ADDRSTRLEN];
    int s = -1, one = 1, gai;
    enum sst_code rc;

    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    snprintf(service, sizeof service, "%d", port);
    gai = getaddrinfo(host, service, &hints, &res);
    if (gai != 0 || res == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "cannot resolve bind address '%s': %s", host,
                           gai ? gai_strerror(gai) : "no address");
    s = socket(res->ai_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (s < 0 ||
        setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
        (res->ai_family == AF_INET6 &&
         setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one) != 0) ||
        bind(s, res->ai_addr, res->ai_addrlen) != 0 || listen(s, 512) != 0 ||
        getsockname(s, (struct sockaddr *)&ss, &sl) != 0) {
        int e = errno;

        rc =
            sst_err_set(err, SST_E_TRANSPORT, "cannot listen on %s port %d: %s",
                        host, port, strerror(e));
        if (err)
            err->cause = e;
        if (s >= 0)
            close(s);
        freeaddrinfo(res);
        return rc;
    }
    freeaddrinfo(res);
    *v6 = ss.ss_family == AF_INET6;
    if (*v6) {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;

        inet_ntop(AF_INET6, &a->sin6_addr, addr, sizeof addr);
        srv->port = ntohs(a->sin6_port);
        snprintf(srv->url, sizeof srv->url, "http://[%s]:%d", addr, srv->port);
    } else {
        struct sockaddr_in *a = (struct sockaddr_in *)&ss;

        inet_ntop(AF_INET, &a->sin_addr, addr, sizeof addr);
        srv->port = ntohs(a->sin_port);
        snprintf(srv->url, sizeof srv->url, "http://%s:%d", addr, srv->port);
    }
    *fd = s;
    return SST_OK;
}

/* Copy the credentials into one allocation. */
static enum sst_code
copy_credentials(struct sst_server *srv, const struct sst_server_options *o,
                 struct sst_err *err)
{
    size_t total = 0, i;
    char *p;

    for (i = 0; i < o->credential_count; i++) {
        const struct sst_server_credential *c = &o->credentials[i];

        if (c->access_key_id == NULL || c->secret_access_key == NULL ||
            c->access_key_id[0] == '\0' || c->secret_access_key[0] == '\0')
            return sst_err_set(err, SST_E_INVALID_ARG,
                               "credential %zu needs an access key id and a "
                               "secret access key",
                               i + 1);
        total += strlen(c->access_key_id) + strlen(c->secret_access_key) + 2;
    }
    if (o->credential_count == 0)
        return SST_OK;
    srv->creds = sst_malloc(o->credential_count * sizeof *srv->creds + total);
    if (srv->creds == NULL)
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    p = (char *)(srv->creds + o->credential_count);
    for (i = 0; i < o->credential_count; i++) {
        size_t a = strlen(o->credentials[i].access_key_id) + 1;
        size_t s = strlen(o->credentials[i].secret_access_key) + 1;

        memcpy(p, o->credentials[i].access_key_id, a);
        srv->creds[i].access_key_id = p;
        p += a;
        memcpy(p, o->credentials[i].secret_access_key, s);
        srv->creds[i].secret_access_key = p;
        p += s;
    }
    return SST_OK;
}

static unsigned
default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);

    if (n < 2)
        n = 2;
    if (n > MAX_THREADS)
        n = MAX_THREADS;
    return (unsigned)n;
}

/* ------------------------------------------------------------------ */
/* accepting for a pool                                                */

/*
 * With a pool of workers, the server accepts the connections itself and
 * hands each to libmicrohttpd, which gives it to the worker of its
 * descriptor modulo the pool's size. take_turn() moves each new
 * descriptor to the next worker's residue, so the workers take
 * connections in turn whatever descriptors are free. libmicrohttpd's own
 * accepting, a listen socket that every worker polls, gives a burst to
 * whichever worker wakes first: 8 connections opened at once all went to
 * one worker of 2, which then served them alone (docs/sst-emu.md,
 * "Threads").
 */

/* Tries at a descriptor of the wanted residue before s is handed on as
 * it is. */
#define TURN_TRIES 8

/* s, or a duplicate of it whose number is the next worker's residue
 * (fcntl(F_DUPFD) gives the lowest free number from a minimum, the next
 * number of that residue): then s and the other duplicates tried are
 * closed. Above the highest descriptor in use every number is free, so a
 * few tries find one; failing that, s goes to the worker its number
 * picks. */
static int
take_turn(struct sst_server *srv, int s)
{
    unsigned w = srv->workers, want = srv->turn;
    int tried[TURN_TRIES], n = 0, d = s, i;

    while ((unsigned)d % w != want && n < TURN_TRIES) {
        d = fcntl(s, F_DUPFD_CLOEXEC,
                  d + 1 + (int)((want + w - (unsigned)(d + 1) % w) % w));
        if (d < 0)
            break;
        tried[n++] = d;
    }
    if (d >= 0 && (unsigned)d % w == want && d != s) {
        close(s);
        s = d;
    }
    for (i = 0; i < n; i++)
        if (tried[i] != s)
            close(tried[i]);
    srv->turn = ((unsigned)s % w + 1) % w;
    return s;
}

static void *
accept_loop(void *arg)
{
    struct sst_server *srv = arg;
    struct sockaddr_storage ss;
    socklen_t sl;
    int s;

    for (;;) {
        sl = sizeof ss;
        s = accept4(srv->listen_fd, (struct sockaddr *)&ss, &sl,
                    SOCK_CLOEXEC);
        if (s >= 0) {
            s = take_turn(srv, s);
            /* closes s when it cannot take it */
            (void)MHD_add_connection(srv->daemon, s, (struct sockaddr *)&ss,
                                     sl);
            continue;
        }
        if (atomic_load(&srv->stopping) || errno == EBADF || errno == EINVAL)
            return NULL;
        if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS ||
            errno == ENOMEM) {
            struct timespec nap = {0, 10 * 1000 * 1000};

            nanosleep(&nap, NULL); /* until a descriptor is free */
        }
    }
}

/* Accept for the pool from fd, a listening socket now blocking. */
static enum sst_code
start_accepting(struct sst_server *srv, int fd, struct sst_err *err)
{
    int flags = fcntl(fd, F_GETFL);

    srv->listen_fd = fd;
    if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0 ||
        pthread_create(&srv->acceptor, NULL, accept_loop, srv) != 0)
        return sst_err_set(err, SST_E_TRANSPORT,
                           "cannot start accepting on %s", srv->url);
    srv->accepting = true;
    return SST_OK;
}

/* Stop accepting: a blocked accept() returns once the socket is shut. */
static void
stop_accepting(struct sst_server *srv)
{
    atomic_store(&srv->stopping, true);
    shutdown(srv->listen_fd, SHUT_RDWR);
    pthread_join(srv->acceptor, NULL);
    srv->accepting = false;
}

/* ------------------------------------------------------------------ */
/* public functions                                                    */

enum sst_code
sst_server_open(const struct sst_server_options *opt, struct sst_server **out,
                struct sst_err *err)
{
    struct sst_server *srv = NULL;
    struct MHD_OptionItem pool[2] = {
        {MHD_OPTION_THREAD_POOL_SIZE, 0, NULL}, {MHD_OPTION_END, 0, NULL}};
    unsigned threads;
    int fd = -1;
    bool v6 = false;
    enum sst_code rc;

    if (out == NULL || opt == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "options and out must not be NULL");
    *out = NULL;
    if ((opt->backend == NULL) == (opt->backend_uri == NULL))
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "give either a backend or a backend URI to serve");
    if (opt->port < 0 || opt->port > 65535)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "port %d is out of range (0 to 65535)", opt->port);
    if (opt->verify_signatures && opt->credential_count == 0)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "verifying signatures needs at least one "
                           "credential");
    if (opt->threads > MAX_THREADS)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "at most %d threads", MAX_THREADS);
    /* backend handles: one per worker, or per CPU for connection threads */
    threads = opt->threads ? opt->threads : default_threads();
    srv = sst_calloc(1, sizeof *srv);
    if (srv == NULL)
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    atomic_init(&srv->requests, 0);
    atomic_init(&srv->in_flight, 0);
    atomic_init(&srv->stopping, false);
    srv->listen_fd = -1;
    srv->c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    srv->max_body = opt->max_request_bytes ? opt->max_request_bytes
                                           : SST_SERVER_MAX_REQUEST_BYTES;
    rc = copy_credentials(srv, opt, err);
    if (rc != SST_OK)
        goto fail;
    rc = sst_server_pool_new(opt, threads, &srv->pool, err);
    if (rc != SST_OK)
        goto fail;
    srv->handler.call = sst_server_pool_call;
    srv->handler.ctx = srv->pool;
    srv->handler.verify_signatures = opt->verify_signatures;
    srv->handler.credentials = srv->creds;
    srv->handler.credential_count = opt->credential_count;
    srv->handler.clock_s = opt->clock_s;
    srv->handler.user = opt->user;
    srv->handler.pieces = true;
    rc = open_listener(srv, opt->bind ? opt->bind : DEFAULT_BIND, opt->port,
                       &fd, &v6, err);
    if (rc != SST_OK)
        goto fail;
    /* a pool of workers (libmicrohttpd warns of a pool of 0 or 1: one
     * thread is no pool), fed by accept_loop(); or the listen socket */
    if (opt->threads > 1) {
        pool[0].value = (intptr_t)opt->threads;
    } else {
        pool[0].option = MHD_OPTION_LISTEN_SOCKET;
        pool[0].value = fd;
    }
    /* poll(), not epoll: libmicrohttpd 0.9.75's MHD_quiesce_daemon races
     * its own threads over the epoll set and may abort ("Failed to remove
     * listen FD from epoll set") during a graceful stop.
     * Without opt->threads each connection has a thread of its own: a
     * request waits for no other connection's work, and a thread that
     * wakes for it preempts busy ones, so the tail latency under load is
     * several times shorter than a pool's (docs/performance.md, "Thread
     * models"). */
    srv->daemon = MHD_start_daemon(
        MHD_USE_POLL | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC |
            MHD_USE_ERROR_LOG | (v6 ? MHD_USE_IPv6 : 0) |
            (opt->threads ? 0 : MHD_USE_THREAD_PER_CONNECTION) |
            (opt->threads > 1 ? MHD_USE_NO_LISTEN_SOCKET : 0),
        0, NULL, NULL, on_request, srv, MHD_OPTION_ARRAY, pool,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)MAX_CONNECTIONS,
        MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)IDLE_TIMEOUT_S, MHD_OPTION_URI_LOG_CALLBACK, on_uri, srv,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONNECTION_MEMORY,
        MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL, MHD_OPTION_END);
    if (srv->daemon == NULL) {
        close(fd);
        rc = sst_err_set(err, SST_E_TRANSPORT,
                         "libmicrohttpd could not start on %s", srv->url);
        goto fail;
    }
    if (opt->threads > 1) {
        srv->workers = opt->threads;
        rc = start_accepting(srv, fd, err);
        if (rc != SST_OK) {
            MHD_stop_daemon(srv->daemon);
            close(fd);
            goto fail;
        }
    }
    *out = srv;
    return SST_OK;
fail:
    sst_server_pool_free(srv->pool);
    if (srv->c_locale != (locale_t)0)
        freelocale(srv->c_locale);
    sst_free(srv->creds);
    sst_free(srv);
    return rc;
}

int
sst_server_port(const struct sst_server *srv)
{
    return srv ? srv->port : 0;
}

const char *
sst_server_url(const struct sst_server *srv)
{
    return srv ? srv->url : "";
}

unsigned long
sst_server_requests(const struct sst_server *srv)
{
    return srv ? atomic_load(&srv->requests) : 0;
}

void
sst_server_close(struct sst_server *srv)
{
    struct timespec t0;
    MHD_socket fd;

    if (srv == NULL)
        return;
    /* stop accepting; connections already open are still served */
    if (srv->accepting) {
        stop_accepting(srv);
        close(srv->listen_fd);
    } else {
        fd = MHD_quiesce_daemon(srv->daemon);
        if (fd != MHD_INVALID_SOCKET)
            close(fd);
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    while (atomic_load(&srv->in_flight) > 0 &&
           elapsed_ms(&t0) < SST_SERVER_DRAIN_MS) {
        struct timespec nap = {0, 2 * 1000 * 1000};

        nanosleep(&nap, NULL);
    }
    MHD_stop_daemon(srv->daemon);
    sst_server_pool_free(srv->pool);
    if (srv->c_locale != (locale_t)0)
        freelocale(srv->c_locale);
    sst_free(srv->creds);
    sst_free(srv);
}
