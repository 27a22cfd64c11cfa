/*
 * bench/loadgen.c - a load generator in C for bench/server.sh: a
 * benchmark tool, not a test.
 *
 * One thread, N keep-alive connections to 127.0.0.1:PORT (epoll), sending
 * the requests of the bench/wrk scripts, byte for byte in their bodies:
 * PutItem of 1 KB items with new keys, GetItem and one-item Query of random
 * keys among the prefilled g0 .. g999, the 100-item Query of partition "q",
 * and the ceiling's fixed GetItem ("ping").
 *
 * Closed loop (no --rate): each connection sends its next request as soon
 * as its answer is in, as wrk does. Open loop (--rate R): requests are due
 * at fixed instants, one every 1/R s over the whole run; a due request goes
 * out on any idle connection, and waits for one if all N are busy. Its
 * latency counts from the instant it was due, not from when it could be
 * sent (as wrk2 does: a server that stalls is charged for the requests
 * that queued behind the stall, "coordinated omission" corrected). The
 * wait for the due instant is epoll_pwait2's, to the nanosecond with a
 * 1 ns timer slack, so requests do not bunch into millisecond bursts as
 * with wrk's delay(). The latency from the actual send is reported too.
 *
 *   bench/loadgen PORT OP SECONDS [--conns N] [--rate R] [--run TAG]
 *
 * OP is put, get, query1, query or ping. PutItem keys are
 * "p<TAG>.<conn>-<n>" ("r..." in open loop), so every run inserts new
 * items. Prints one line:
 *
 *   rps X requests N non2xx N late N p50 MS p90 MS p99 MS p999 MS max MS
 *   sent_p50 MS sent_p99 MS
 *
 * "late" counts open-loop requests that went out more than 1 ms after
 * they were due (every connection was busy, or the generator was not
 * scheduled). Exit status 1 when a connection fails.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/socket.h>

#define MAX_CONNS 64
#define REQ_MAX 2048
#define HEAD_MAX 8192
#define NS 1000000000LL

static const char head_fmt[] =
    "POST / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
    "Content-Type: application/x-amz-json-1.0\r\n"
    "X-Amz-Date: 20260101T000000Z\r\n"
    "Authorization: AWS4-HMAC-SHA256 Credential=sstlocal/20260101/"
    "us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0\r\n"
    "X-Amz-Target: DynamoDB_20120810.%s\r\nContent-Length: %d\r\n\r\n%s";

enum op { OP_PUT, OP_GET, OP_QUERY1, OP_QUERY, OP_PING };

struct conn {
    int fd;
    int busy;          /* a request is out, its answer not all read */
    char req[REQ_MAX]; /* the request being sent */
    size_t req_len, req_off;
    char head[HEAD_MAX]; /* the answer's head, until its blank line */
    size_t head_len;
    long long body_left; /* -1 while reading the head */
    int status;
    long n;            /* requests made on this connection */
    int64_t due, sent; /* ns */
};

/* Latencies in ns, two arrays grown together. */
struct lat {
    uint32_t *due, *sent;
    size_t n, cap;
};

static int port;
static enum op op;
static const char *run_tag = "";
static char pad[1001];

static int64_t
now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * NS + ts.tv_nsec;
}

static uint32_t
clamp_u32(int64_t v)
{
    return v < 0 ? 0 : v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

static int
lat_add(struct lat *l, int64_t due, int64_t sent)
{
    size_t cap;
    uint32_t *d, *s;

    if (l->n == l->cap) {
        cap = l->cap ? 2 * l->cap : 65536;
        if ((d = realloc(l->due, cap * sizeof *d)) == NULL)
            return -1;
        l->due = d;
        if ((s = realloc(l->sent, cap * sizeof *s)) == NULL)
            return -1;
        l->sent = s;
        l->cap = cap;
    }
    l->due[l->n] = clamp_u32(due);
    l->sent[l->n] = clamp_u32(sent);
    l->n++;
    return 0;
}

static int
cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

    return (x > y) - (x < y);
}

/* The P-th percentile (0 < P <= 100) of V[0..N-1], sorted, in ms. */
static double
pct_ms(const uint32_t *v, size_t n, double p)
{
    size_t i;

    if (n == 0)
        return 0;
    i = (size_t)(p / 100 * (double)n + 0.999999);
    i = i == 0 ? 0 : i - 1;
    return (double)v[i < n ? i : n - 1] / 1e6;
}

/* The body of request N of connection C. */
static int
make_body(char *buf, size_t size, int c, long n)
{
    switch (op) {
    case OP_PUT:
        return snprintf(buf, size,
                        "{\"TableName\":\"bench\",\"Item\":{\"pk\":{\"S\":"
                        "\"%s%d-%ld\"},\"sk\":{\"S\":\"s\"},\"data\":{"
                        "\"S\":\"%s\"}}}",
                        run_tag, c, n, pad);
    case OP_GET:
        return snprintf(buf, size,
                        "{\"TableName\":\"bench\",\"Key\":{\"pk\":{\"S\":\"g%ld"
                        "\"},\"sk\":{\"S\":\"s\"}}}",
                        random() % 1000);
    case OP_QUERY1:
        return snprintf(buf, size,
                        "{\"TableName\":\"bench\",\"KeyConditionExpression\":"
                        "\"pk = :p\",\"ExpressionAttributeValues\":{\":p\":{"
                        "\"S\":\"g%ld\"}}}",
                        random() % 1000);
    case OP_QUERY:
        return snprintf(buf, size,
                        "{\"TableName\":\"bench\",\"KeyConditionExpression\":"
                        "\"pk = :p\",\"ExpressionAttributeValues\":{\":p\":{"
                        "\"S\":\"q\"}}}");
    case OP_PING:
        return snprintf(
            buf, size,
            "{\"TableName\":\"bench\",\"Key\":{\"pk\":{\"S\":\"g1\"},"
            "\"sk\":{\"S\":\"s\"}}}");
    }
    return -1;
}

static int
conn_open(struct conn *c, int ep, int idx)
{
    struct sockaddr_in a;
    struct epoll_event ev;
    int one = 1;

    memset(c, 0, sizeof *c);
    c->fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (c->fd < 0)
        return -1;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(c->fd, (struct sockaddr *)&a, sizeof a) != 0)
        return -1;
    setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    ev.events = EPOLLIN;
    ev.data.u32 = (uint32_t)idx;
    return epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev);
}

/* Sends what is left of C's request; -1 when the connection failed. */
static int
conn_flush(struct conn *c, int ep, int idx)
{
    struct epoll_event ev;
    ssize_t w;

    while (c->req_off < c->req_len) {
        w = send(c->fd, c->req + c->req_off, c->req_len - c->req_off,
                 MSG_NOSIGNAL);
        if (w < 0 && errno == EAGAIN) {
            ev.events = EPOLLIN | EPOLLOUT;
            ev.data.u32 = (uint32_t)idx;
            return epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
        }
        if (w <= 0)
            return -1;
        c->req_off += (size_t)w;
    }
    return 0;
}

static int
conn_send(struct conn *c, int ep, int idx, int64_t due)
{
    char body[REQ_MAX - 512];
    int blen, len;

    blen = make_body(body, sizeof body, idx, ++c->n);
    if (blen < 0 || (size_t)blen >= sizeof body)
        return -1;
    len = snprintf(c->req, sizeof c->req, head_fmt, port,
                   op == OP_PUT                    ? "PutItem"
                   : op == OP_GET || op == OP_PING ? "GetItem"
                                                   : "Query",
                   blen, body);
    if (len < 0 || (size_t)len >= sizeof c->req)
        return -1;
    c->req_len = (size_t)len;
    c->req_off = 0;
    c->head_len = 0;
    c->body_left = -1;
    c->busy = 1;
    c->due = due;
    c->sent = now_ns();
    return conn_flush(c, ep, idx);
}

/* Parses C's head once its blank line is in; -1 when it is malformed. */
static int
head_done(struct conn *c)
{
    const char *p;

    c->head[c->head_len] = '\0';
    if (strncmp(c->head, "HTTP/1.1 ", 9) != 0)
        return -1;
    c->status = atoi(c->head + 9);
    c->body_left = 0;
    for (p = c->head; (p = strchr(p, '\n')) != NULL;) {
        p++;
        if (strncasecmp(p, "content-length:", 15) == 0) {
            c->body_left = atoll(p + 15);
            break;
        }
    }
    return 0;
}

/*
 * Reads what C has; 1 when its answer is complete, 0 when more is to come,
 * -1 when the connection failed.
 */
static int
conn_read(struct conn *c)
{
    char buf[65536];
    const char *end;
    ssize_t r;
    size_t off, take;

    for (;;) {
        r = recv(c->fd, buf, sizeof buf, MSG_DONTWAIT);
        if (r < 0 && errno == EAGAIN)
            return 0;
        if (r <= 0)
            return -1;
        off = 0;
        if (c->body_left < 0) {
            take = (size_t)r;
            if (take > HEAD_MAX - 1 - c->head_len)
                take = HEAD_MAX - 1 - c->head_len;
            memcpy(c->head + c->head_len, buf, take);
            c->head[c->head_len + take] = '\0';
            end = strstr(c->head + (c->head_len > 3 ? c->head_len - 3 : 0),
                         "\r\n\r\n");
            if (end == NULL) {
                c->head_len += take;
                if (c->head_len >= HEAD_MAX - 1)
                    return -1;
                continue;
            }
            off = (size_t)(end + 4 - c->head) - c->head_len;
            c->head_len = (size_t)(end + 4 - c->head);
            if (head_done(c) < 0)
                return -1;
        }
        c->body_left -= (long long)((size_t)r - off);
        if (c->body_left <= 0)
            return c->body_left == 0 ? 1 : -1;
    }
}

int
main(int argc, char **argv)
{
    struct conn conns[MAX_CONNS];
    struct epoll_event evs[MAX_CONNS];
    struct lat lat = {0};
    struct timespec ts;
    int64_t start, end, now, next_due, period = 0, wait;
    int64_t *queue = NULL; /* open loop: due instants waiting for a conn */
    size_t q_head = 0, q_len = 0, q_cap = 0;
    long long non2xx = 0, late = 0;
    double secs, rate = 0;
    int nconns = 8, ep, i, k, n, r;
    char tag[64];

    if (argc < 4) {
    usage:
        fprintf(stderr, "usage: loadgen PORT put|get|query1|query|ping "
                        "SECONDS [--conns N] [--rate R] [--run TAG]\n");
        return 2;
    }
    port = atoi(argv[1]);
    if (strcmp(argv[2], "put") == 0)
        op = OP_PUT;
    else if (strcmp(argv[2], "get") == 0)
        op = OP_GET;
    else if (strcmp(argv[2], "query1") == 0)
        op = OP_QUERY1;
    else if (strcmp(argv[2], "query") == 0)
        op = OP_QUERY;
    else if (strcmp(argv[2], "ping") == 0)
        op = OP_PING;
    else
        goto usage;
    secs = atof(argv[3]);
    for (i = 4; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--conns") == 0)
            nconns = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--rate") == 0)
            rate = atof(argv[i + 1]);
        else if (strcmp(argv[i], "--run") == 0)
            run_tag = argv[i + 1];
        else
            goto usage;
    }
    if (i != argc || port < 1 || port > 65535 || secs <= 0 || nconns < 1 ||
        nconns > MAX_CONNS || rate < 0 || strlen(run_tag) > 40)
        goto usage;
    snprintf(tag, sizeof tag, "%s%s%s", rate > 0 ? "r" : "p", run_tag,
             *run_tag ? "." : "");
    run_tag = tag;
    memset(pad, 'x', 1000);
    srandom((unsigned)now_ns());
    prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);

    if ((ep = epoll_create1(EPOLL_CLOEXEC)) < 0)
        return perror("loadgen: epoll"), 1;
    for (i = 0; i < nconns; i++)
        if (conn_open(&conns[i], ep, i) < 0)
            return perror("loadgen: connect"), 1;

    start = now_ns();
    end = start + (int64_t)(secs * NS);
    next_due = start;
    if (rate > 0)
        period = (int64_t)(NS / rate);
    else
        for (i = 0; i < nconns; i++)
            if (conn_send(&conns[i], ep, i, start) < 0)
                return perror("loadgen: send"), 1;
    for (;;) {
        now = now_ns();
        if (now >= end)
            break;
        if (rate > 0) {
            for (; next_due <= now; next_due += period) {
                if (q_len == q_cap) {
                    size_t cap = q_cap ? 2 * q_cap : 1024, j;
                    int64_t *nq = malloc(cap * sizeof *nq);

                    if (nq == NULL)
                        return perror("loadgen"), 1;
                    for (j = 0; j < q_len; j++)
                        nq[j] = queue[(q_head + j) % q_cap];
                    free(queue);
                    queue = nq;
                    q_head = 0;
                    q_cap = cap;
                }
                queue[(q_head + q_len++) % q_cap] = next_due;
            }
            for (i = 0; i < nconns && q_len > 0; i++) {
                if (conns[i].busy)
                    continue;
                if (now - queue[q_head] > 1000000)
                    late++;
                if (conn_send(&conns[i], ep, i, queue[q_head]) < 0)
                    return perror("loadgen: send"), 1;
                q_head = (q_head + 1) % q_cap;
                q_len--;
            }
            wait = (q_len > 0 ? end : next_due) - now_ns();
        } else {
            wait = end - now;
        }
        if (wait < 0)
            wait = 0;
        ts.tv_sec = wait / NS;
        ts.tv_nsec = wait % NS;
        n = epoll_pwait2(ep, evs, MAX_CONNS, &ts, NULL);
        if (n < 0 && errno != EINTR)
            return perror("loadgen: epoll_wait"), 1;
        for (k = 0; k < n; k++) {
            struct conn *c = &conns[evs[k].data.u32];

            i = (int)evs[k].data.u32;
            if ((evs[k].events & EPOLLOUT) && c->req_off < c->req_len) {
                if (conn_flush(c, ep, i) < 0)
                    return perror("loadgen: send"), 1;
                if (c->req_off == c->req_len) {
                    struct epoll_event ev = {.events = EPOLLIN,
                                             .data.u32 = (uint32_t)i};

                    epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
                }
            }
            if (!(evs[k].events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
                continue;
            r = conn_read(c);
            if (r < 0) {
                fprintf(stderr, "loadgen: connection %d failed\n", i);
                return 1;
            }
            if (r == 0)
                continue;
            now = now_ns();
            c->busy = 0;
            if (c->status < 200 || c->status > 299)
                non2xx++;
            if (lat_add(&lat, now - c->due, now - c->sent) < 0)
                return perror("loadgen"), 1;
            if (rate <= 0 && now < end && conn_send(c, ep, i, now) < 0)
                return perror("loadgen: send"), 1;
        }
    }
    qsort(lat.due, lat.n, sizeof *lat.due, cmp_u32);
    qsort(lat.sent, lat.n, sizeof *lat.sent, cmp_u32);
    printf("rps %.0f requests %zu non2xx %lld late %lld p50 %.3f p90 %.3f "
           "p99 %.3f p999 %.3f max %.3f sent_p50 %.3f sent_p99 %.3f\n",
           (double)lat.n / secs, lat.n, non2xx, late,
           pct_ms(lat.due, lat.n, 50), pct_ms(lat.due, lat.n, 90),
           pct_ms(lat.due, lat.n, 99), pct_ms(lat.due, lat.n, 99.9),
           pct_ms(lat.due, lat.n, 100), pct_ms(lat.sent, lat.n, 50),
           pct_ms(lat.sent, lat.n, 99));
    for (i = 0; i < nconns; i++)
        close(conns[i].fd);
    close(ep);
    free(queue);
    free(lat.due);
    free(lat.sent);
    return 0;
}
