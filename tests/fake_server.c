/*
 * tests/fake_server.c - scripted HTTP/1.1 server on 127.0.0.1; see
 * fake_server.h. One thread accepts; each connection gets a thread of
 * its own (keep-alive supported).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <stdatomic.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "fake_server.h"

#define MAX_RULES 64
#define MAX_REQS 256

struct rule {
    struct fake_rule r;
    char *method, *path, *headers, *body;
    int used;
};

struct fake_server {
    int lfd;
    int port;
    atomic_int stop;
    int active; /* connection threads still running (under mu) */
    pthread_t thread;
    pthread_mutex_t mu;
    struct rule rules[MAX_RULES];
    int nrules;
    struct fake_request reqs[MAX_REQS];
    int nreqs;
};

static char *
dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

static void
sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static int
send_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Read one request from fd into r; 0 on success, -1 on EOF or error. */
static int
read_request(struct fake_server *fs, int fd, char *buf, size_t cap,
             size_t *have, struct fake_request *r)
{
    char *end;
    size_t hlen, clen = 0;
    const char *cl;

    for (;;) {
        struct pollfd p = {fd, POLLIN, 0};
        ssize_t got;

        buf[*have] = '\0';
        end = strstr(buf, "\r\n\r\n");
        if (end)
            break;
        if (*have + 1 >= cap)
            return -1;
        if (poll(&p, 1, 100) == 0) {
            if (fs->stop)
                return -1;
            continue;
        }
        got = recv(fd, buf + *have, cap - 1 - *have, 0);
        if (got <= 0)
            return -1;
        *have += (size_t)got;
    }
    hlen = (size_t)(end - buf) + 4;
    memset(r, 0, sizeof *r);
    sscanf(buf, "%15s %1023s", r->method, r->path);
    snprintf(r->headers, sizeof r->headers, "%.*s", (int)hlen, buf);
    cl = strcasestr(r->headers, "\r\ncontent-length:");
    if (cl)
        clen = strtoul(cl + 17, NULL, 10);
    while (*have < hlen + clen) {
        ssize_t got;

        if (hlen + clen >= cap)
            return -1;
        got = recv(fd, buf + *have, cap - 1 - *have, 0);
        if (got <= 0)
            return -1;
        *have += (size_t)got;
    }
    r->body = malloc(clen + 1);
    if (r->body == NULL)
        return -1;
    memcpy(r->body, buf + hlen, clen);
    r->body[clen] = '\0';
    r->body_len = clen;
    memmove(buf, buf + hlen + clen, *have - hlen - clen);
    *have -= hlen + clen;
    return 0;
}

static int
matches(const struct rule *ru, const struct fake_request *r)
{
    if (ru->r.times >= 0 && ru->used >= ru->r.times)
        return 0;
    if (ru->method && strcmp(ru->method, r->method) != 0)
        return 0;
    if (ru->path && strcmp(ru->path, r->path) != 0)
        return 0;
    return 1;
}

/* Answer one request; returns -1 when the connection must close. The
 * chosen rule is copied under the lock, strings included, because a test
 * may reset the rules while a slow answer is still being written. */
static int
answer(struct fake_server *fs, int fd, struct fake_request *r)
{
    struct fake_rule chosen;
    char *headers = NULL, *body = NULL;
    int i, found = 0, rc;
    char head[4096];
    size_t blen;

    pthread_mutex_lock(&fs->mu);
    if (fs->nreqs < MAX_REQS)
        fs->reqs[fs->nreqs++] = *r;
    else
        free(r->body);
    for (i = 0; i < fs->nrules; i++)
        if (matches(&fs->rules[i], r)) {
            fs->rules[i].used++;
            chosen = fs->rules[i].r;
            headers = dup_or_null(fs->rules[i].headers);
            body = dup_or_null(fs->rules[i].body);
            found = 1;
            break;
        }
    pthread_mutex_unlock(&fs->mu);

    if (!found) {
        const char *nf = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";
        return send_all(fd, nf, strlen(nf));
    }
    rc = -1;
    if (chosen.mode == FAKE_DROP)
        goto out;
    if (chosen.delay_ms > 0)
        sleep_ms(chosen.delay_ms);
    blen = body ? strlen(body) : 0;
    snprintf(head, sizeof head,
             "HTTP/1.1 %d X\r\nContent-Length: %zu\r\n%s\r\n", chosen.status,
             blen, headers ? headers : "");
    if (send_all(fd, head, strlen(head)) != 0)
        goto out;
    if (chosen.mode == FAKE_TRUNCATE) {
        send_all(fd, body, blen / 2);
        goto out;
    }
    rc = blen ? send_all(fd, body, blen) : 0;
out:
    free(headers);
    free(body);
    return rc;
}

struct conn_arg {
    struct fake_server *fs;
    int fd;
};

/* One thread per connection, so a slow answer never holds up the next
 * connection (a client that timed out retries on a new one). */
static void *
serve_conn(void *arg)
{
    struct conn_arg *ca = arg;
    struct fake_server *fs = ca->fs;
    size_t cap = 1 << 20, have = 0;
    char *buf = malloc(cap);

    for (; buf;) {
        struct fake_request r;
        if (read_request(fs, ca->fd, buf, cap, &have, &r) != 0)
            break;
        if (answer(fs, ca->fd, &r) != 0)
            break;
    }
    free(buf);
    close(ca->fd);
    pthread_mutex_lock(&fs->mu);
    fs->active--;
    pthread_mutex_unlock(&fs->mu);
    free(ca);
    return NULL;
}

static void *
serve(void *arg)
{
    struct fake_server *fs = arg;

    while (!fs->stop) {
        struct pollfd p = {fs->lfd, POLLIN, 0};
        struct conn_arg *ca;
        pthread_t t;
        int fd;

        if (poll(&p, 1, 100) <= 0)
            continue;
        fd = accept(fs->lfd, NULL, NULL);
        if (fd < 0)
            continue;
        ca = malloc(sizeof *ca);
        if (ca == NULL) {
            close(fd);
            continue;
        }
        ca->fs = fs;
        ca->fd = fd;
        pthread_mutex_lock(&fs->mu);
        fs->active++;
        pthread_mutex_unlock(&fs->mu);
        if (pthread_create(&t, NULL, serve_conn, ca) != 0) {
            pthread_mutex_lock(&fs->mu);
            fs->active--;
            pthread_mutex_unlock(&fs->mu);
            close(fd);
            free(ca);
            continue;
        }
        pthread_detach(t);
    }
    return NULL;
}

struct fake_server *
fake_server_start(void)
{
    struct fake_server *fs = calloc(1, sizeof *fs);
    struct sockaddr_in a;
    socklen_t al = sizeof a;
    int one = 1;

    if (fs == NULL)
        return NULL;
    pthread_mutex_init(&fs->mu, NULL);
    fs->lfd = socket(AF_INET, SOCK_STREAM, 0);
    setsockopt(fs->lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fs->lfd < 0 || bind(fs->lfd, (struct sockaddr *)&a, sizeof a) != 0 ||
        listen(fs->lfd, 16) != 0 ||
        getsockname(fs->lfd, (struct sockaddr *)&a, &al) != 0) {
        if (fs->lfd >= 0)
            close(fs->lfd);
        free(fs);
        return NULL;
    }
    fs->port = ntohs(a.sin_port);
    if (pthread_create(&fs->thread, NULL, serve, fs) != 0) {
        close(fs->lfd);
        free(fs);
        return NULL;
    }
    return fs;
}

int
fake_server_port(const struct fake_server *fs)
{
    return fs->port;
}

void
fake_server_url(const struct fake_server *fs, char *buf, size_t cap)
{
    snprintf(buf, cap, "http://127.0.0.1:%d", fs->port);
}

void
fake_server_add(struct fake_server *fs, const struct fake_rule *rule)
{
    struct rule *ru;

    pthread_mutex_lock(&fs->mu);
    if (fs->nrules < MAX_RULES) {
        ru = &fs->rules[fs->nrules++];
        memset(ru, 0, sizeof *ru);
        ru->r = *rule;
        ru->method = dup_or_null(rule->method);
        ru->path = dup_or_null(rule->path);
        ru->headers = dup_or_null(rule->headers);
        ru->body = dup_or_null(rule->body);
    }
    pthread_mutex_unlock(&fs->mu);
}

static void
clear_locked(struct fake_server *fs)
{
    int i;

    for (i = 0; i < fs->nrules; i++) {
        free(fs->rules[i].method);
        free(fs->rules[i].path);
        free(fs->rules[i].headers);
        free(fs->rules[i].body);
    }
    for (i = 0; i < fs->nreqs; i++)
        free(fs->reqs[i].body);
    fs->nrules = 0;
    fs->nreqs = 0;
}

void
fake_server_reset(struct fake_server *fs)
{
    pthread_mutex_lock(&fs->mu);
    clear_locked(fs);
    pthread_mutex_unlock(&fs->mu);
}

int
fake_server_count(struct fake_server *fs)
{
    int n;

    pthread_mutex_lock(&fs->mu);
    n = fs->nreqs;
    pthread_mutex_unlock(&fs->mu);
    return n;
}

int
fake_server_request(struct fake_server *fs, int i, struct fake_request *out)
{
    int rc = -1;

    pthread_mutex_lock(&fs->mu);
    if (i >= 0 && i < fs->nreqs) {
        *out = fs->reqs[i];
        rc = 0;
    }
    pthread_mutex_unlock(&fs->mu);
    return rc;
}

int
fake_request_header(const struct fake_request *r, const char *name,
                    char *buf, size_t cap)
{
    const char *p = r->headers;
    size_t nl = strlen(name);

    while ((p = strstr(p, "\r\n")) != NULL) {
        p += 2;
        if (strncasecmp(p, name, nl) == 0 && p[nl] == ':') {
            const char *v = p + nl + 1, *e;
            while (*v == ' ')
                v++;
            e = strstr(v, "\r\n");
            if (e == NULL)
                return -1;
            snprintf(buf, cap, "%.*s", (int)(e - v), v);
            return 0;
        }
    }
    return -1;
}

void
fake_server_stop(struct fake_server *fs)
{
    if (fs == NULL)
        return;
    fs->stop = 1;
    pthread_join(fs->thread, NULL);
    for (;;) {
        int active;

        pthread_mutex_lock(&fs->mu);
        active = fs->active;
        pthread_mutex_unlock(&fs->mu);
        if (active == 0)
            break;
        sleep_ms(10);
    }
    close(fs->lfd);
    clear_locked(fs);
    pthread_mutex_destroy(&fs->mu);
    free(fs);
}
