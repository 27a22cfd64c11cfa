/*
 * tests/unit/test_server_lifecycle.c - opening and closing sst-emu's
 * server in-process: option checks, a taken port, the URL over IPv4 and
 * IPv6, keep-alive with the request counter, a graceful close that
 * answers the request in flight, and the thread models: with a thread per
 * connection a call that blocks holds up no other connection, with a pool
 * of one worker it holds up every one; and the scheduling policy of the
 * threads that serve an emulator's item writes.
 */
#define _GNU_SOURCE /* SCHED_BATCH, gettid */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>

#include <sst/emu.h>
#include <sst/server.h>
#include <sst/sst.h>

#include "harness.h"
#include "server_util.h"

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
    o.backend = &st_scripted;
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
    o.backend = &st_scripted;
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
    struct sst_server *srv = st_start_server(false);
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
    o.backend = &st_scripted;
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
    struct sst_server *srv = st_start_server(false);
    const char *one = "POST / HTTP/1.1\r\nHost: x\r\n"
                      CT_AMZ_H TARGET_H("ListTables") AUTH_OK
                      "Content-Length: 2\r\n\r\n{}";
    struct raw_resp r;
    int s, i;

    CU_ASSERT_FATAL(srv != NULL);
    s = st_connect_to(sst_server_port(srv));
    CU_ASSERT_FATAL(s >= 0);
    for (i = 0; i < 3; i++) {
        char v[32];

        st_send_all(s, one, strlen(one));
        CU_ASSERT_EQUAL_FATAL(st_raw_read(s, &r, false), 0);
        CU_ASSERT_EQUAL(r.status, 200);
        SST_ASSERT_STR_EQ(r.body, "{\"TableNames\":[]}");
        CU_ASSERT(st_raw_header(&r, "Connection", v, sizeof v) != 0 ||
                  strcasecmp(v, "close") != 0);
        st_raw_cleanup(&r);
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
    struct sst_backend *b = st_client(sc->srv, AK, SK, NULL);
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
    struct sst_server *srv = st_start_server(false);
    struct slow_call sc = {srv, SST_E_INTERNAL};
    struct timespec nap = {0, 100 * 1000 * 1000};
    pthread_t t;
    int i;

    CU_ASSERT_FATAL(srv != NULL);
    st_script_reset();
    st_script.sleep_ms = 400;
    CU_ASSERT_FATAL(pthread_create(&t, NULL, slow_client, &sc) == 0);
    for (i = 0; i < 50 && st_script.calls == 0; i++)
        nanosleep(&nap, NULL);
    CU_ASSERT_EQUAL(st_script.calls, 1);
    sst_server_close(srv); /* while the backend sleeps */
    pthread_join(t, NULL);
    CU_ASSERT_EQUAL(sc.rc, SST_OK);
    st_script_reset();
}

/* ------------------------------------------------------------------ */
/* thread models                                                       */

/* A shared backend whose DescribeLimits blocks until released; every
 * other operation answers {"TableNames":[]} at once. */
static struct {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    bool blocked, released;
} gate = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, false, false};

static enum sst_code
gate_call(struct sst_backend *b, const char *op,
          const struct json_object *req, struct json_object **resp,
          struct sst_err *err)
{
    (void)b;
    (void)req;
    (void)err;
    if (strcmp(op, "DescribeLimits") == 0) {
        pthread_mutex_lock(&gate.lock);
        gate.blocked = true;
        pthread_cond_broadcast(&gate.cond);
        while (!gate.released)
            pthread_cond_wait(&gate.cond, &gate.lock);
        pthread_mutex_unlock(&gate.lock);
    }
    *resp = json_tokener_parse("{\"TableNames\":[]}");
    return SST_OK;
}

static void
gate_close(struct sst_backend *b)
{
    (void)b;
}

static const struct sst_backend_ops gate_ops = {"gate", gate_call,
                                                gate_close};
static struct sst_backend gate_backend = {&gate_ops};

#define OTHERS 12 /* connections besides the blocked one: more than CPUs */

/* Send op on connection s (if it is one); s. */
static int
send_on(int s, const char *op)
{
    char headers[256];
    size_t len;
    char *req;

    snprintf(headers, sizeof headers,
             "%s%sX-Amz-Target: DynamoDB_20120810.%s\r\n", AUTH_OK,
             CT_AMZ_H, op);
    req = st_build("POST", "/", headers, "{}", &len);
    if (s >= 0 && req != NULL)
        st_send_all(s, req, len);
    free(req);
    return s;
}

/* Send op on a new connection to srv; the socket, or -1. */
static int
send_op(const struct sst_server *srv, const char *op)
{
    return send_on(st_connect_to(sst_server_port(srv)), op);
}

/* Wait until the gate backend holds a call. */
static void
wait_blocked(void)
{
    pthread_mutex_lock(&gate.lock);
    while (!gate.blocked)
        pthread_cond_wait(&gate.cond, &gate.lock);
    pthread_mutex_unlock(&gate.lock);
}

/* Does s have an answer to read within ms milliseconds? */
static bool
answers_within(int s, int ms)
{
    struct pollfd p = {s, POLLIN, 0};

    return poll(&p, 1, ms) == 1;
}

/* A server of the gate backend with threads (0: a thread per
 * connection); DescribeLimits sent and blocked in the backend. The
 * blocked connection is *blocked_s. */
static struct sst_server *
start_blocked(unsigned threads, int *blocked_s)
{
    struct sst_server_options o;
    struct sst_server *srv = NULL;
    struct sst_err e;

    memset(&o, 0, sizeof o);
    o.backend = &gate_backend;
    o.sharing = SST_SERVER_SHARED;
    o.threads = threads;
    gate.blocked = gate.released = false;
    if (sst_server_open(&o, &srv, &e) != SST_OK)
        return NULL;
    *blocked_s = send_op(srv, "DescribeLimits");
    wait_blocked();
    return srv;
}

static void
release_gate(void)
{
    pthread_mutex_lock(&gate.lock);
    gate.released = true;
    pthread_cond_broadcast(&gate.cond);
    pthread_mutex_unlock(&gate.lock);
}

/* Read one answer from s and check it is ListTables' 200. */
static void
check_answer(int s)
{
    struct raw_resp r;

    memset(&r, 0, sizeof r);
    CU_ASSERT_EQUAL(st_raw_read(s, &r, false), 0);
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT_EQUAL(r.body_len, strlen("{\"TableNames\":[]}"));
    if (r.body != NULL)
        CU_ASSERT_EQUAL(memcmp(r.body, "{\"TableNames\":[]}", r.body_len),
                        0);
    st_raw_cleanup(&r);
}

/* The default: while one connection's call blocks, a dozen other
 * connections, opened after it, are answered. */
static void
thread_per_connection(void)
{
    int blocked = -1, s[OTHERS], i;
    struct sst_server *srv = start_blocked(0, &blocked);

    CU_ASSERT_FATAL(srv != NULL);
    CU_ASSERT_FATAL(blocked >= 0);
    for (i = 0; i < OTHERS; i++)
        s[i] = send_op(srv, "ListTables");
    for (i = 0; i < OTHERS; i++) {
        CU_ASSERT(s[i] >= 0);
        CU_ASSERT(answers_within(s[i], 10000));
        check_answer(s[i]);
        close(s[i]);
    }
    CU_ASSERT_FALSE(answers_within(blocked, 0));
    release_gate();
    CU_ASSERT(answers_within(blocked, 10000));
    check_answer(blocked);
    close(blocked);
    CU_ASSERT_EQUAL(sst_server_requests(srv), OTHERS + 1);
    sst_server_close(srv);
}

/* A pool of one worker: the blocked call holds up the next connection
 * until it returns; then both are answered. */
static void
one_worker_pool(void)
{
    int blocked = -1, other;
    struct sst_server *srv = start_blocked(1, &blocked);

    CU_ASSERT_FATAL(srv != NULL);
    CU_ASSERT_FATAL(blocked >= 0);
    other = send_op(srv, "ListTables");
    CU_ASSERT_FATAL(other >= 0);
    CU_ASSERT_FALSE(answers_within(other, 300));
    release_gate();
    CU_ASSERT(answers_within(blocked, 10000));
    check_answer(blocked);
    CU_ASSERT(answers_within(other, 10000));
    check_answer(other);
    close(blocked);
    close(other);
    sst_server_close(srv);
}

/* A pool of two workers: two connections opened together, before either
 * sends a request, go to different workers, so that one is answered
 * while the other's call blocks (libmicrohttpd's own accepting gave such
 * a burst to whichever worker woke first). Only even descriptors are
 * free among the next dozen, so the server's two connections get
 * numbers of one parity, which alone would give both to one worker. */
static void
two_worker_pool_spreads(void)
{
    struct sst_server_options o;
    struct sst_server *srv = NULL;
    struct sst_err e;
    int a, b, fill[12];
    bool spread;
    size_t i;

    memset(&o, 0, sizeof o);
    o.backend = &gate_backend;
    o.sharing = SST_SERVER_SHARED;
    o.threads = 2;
    gate.blocked = gate.released = false;
    CU_ASSERT_FATAL(sst_server_open(&o, &srv, &e) == SST_OK);
    for (i = 0; i < 12; i++)
        fill[i] = open("/dev/null", O_RDONLY | O_CLOEXEC);
    for (i = 0; i < 12; i++)
        if (fill[i] >= 0 && fill[i] % 2 == 0) {
            close(fill[i]);
            fill[i] = -1;
        }
    a = st_connect_to(sst_server_port(srv));
    b = st_connect_to(sst_server_port(srv));
    CU_ASSERT_FATAL(a >= 0 && b >= 0);
    send_on(a, "DescribeLimits");
    wait_blocked();
    send_on(b, "ListTables");
    spread = answers_within(b, 5000);
    CU_ASSERT(spread);
    CU_ASSERT_FALSE(answers_within(a, 0));
    release_gate(); /* (b, on a's worker, is answered after a) */
    CU_ASSERT(answers_within(b, 10000));
    check_answer(b);
    CU_ASSERT(answers_within(a, 10000));
    check_answer(a);
    close(a);
    close(b);
    for (i = 0; i < 12; i++)
        if (fill[i] >= 0)
            close(fill[i]);
    CU_ASSERT_EQUAL(sst_server_requests(srv), 2);
    sst_server_close(srv);
}

/* ------------------------------------------------------------------ */
/* the scheduling policy of the threads that serve item writes         */

/* How many threads of this process, the calling one left out, run as
 * SCHED_BATCH: field 41 of /proc/self/task/TID/stat. */
static int
batch_threads(void)
{
    DIR *d = opendir("/proc/self/task");
    struct dirent *de;
    int n = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    while ((de = readdir(d)) != NULL) {
        char path[300], line[1024], *p;
        int field, policy = -1;
        FILE *f;

        if (de->d_name[0] == '.' || atoi(de->d_name) == gettid())
            continue;
        snprintf(path, sizeof path, "/proc/self/task/%s/stat", de->d_name);
        if ((f = fopen(path, "r")) == NULL)
            continue; /* the thread has ended */
        p = fgets(line, sizeof line, f) ? strrchr(line, ')') : NULL;
        fclose(f);
        /* after the name, fields 3 to 41 */
        for (field = 2; p != NULL && field < 41; field++)
            p = strchr(p + 1, ' ');
        if (p != NULL)
            policy = atoi(p + 1);
        n += policy == SCHED_BATCH;
    }
    closedir(d);
    return n;
}

/* One request on the keep-alive connection s; its status. */
static int
op_on(int s, const char *op, const char *body)
{
    char http[1024];
    struct raw_resp r;
    int len, status;

    len = snprintf(http, sizeof http,
                   "POST / HTTP/1.1\r\nHost: x\r\n" CT_AMZ_H AUTH_OK
                   "X-Amz-Target: DynamoDB_20120810.%s\r\n"
                   "Content-Length: %zu\r\n\r\n%s",
                   op, strlen(body), body);
    CU_ASSERT_FATAL(len > 0 && (size_t)len < sizeof http);
    st_send_all(s, http, (size_t)len);
    memset(&r, 0, sizeof r);
    CU_ASSERT_EQUAL(st_raw_read(s, &r, false), 0);
    status = r.status;
    st_raw_cleanup(&r);
    return status;
}

static const char create_t[] =
    "{\"TableName\":\"tbl\",\"BillingMode\":\"PAY_PER_REQUEST\","
    "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\","
    "\"AttributeType\":\"S\"}],\"KeySchema\":[{\"AttributeName\":"
    "\"pk\",\"KeyType\":\"HASH\"}]}";
static const char put_a[] =
    "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"a\"}}}";
static const char get_a[] =
    "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"a\"}}}";
static const char update_a[] =
    "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"a\"}},"
    "\"UpdateExpression\":\"SET n = :n\",\"ExpressionAttributeValues\":"
    "{\":n\":{\"N\":\"1\"}}}";
static const char batch_write_a[] =
    "{\"RequestItems\":{\"tbl\":[{\"DeleteRequest\":{\"Key\":{\"pk\":"
    "{\"S\":\"a\"}}}}]}}";

/* Whether this system lets a thread switch itself to SCHED_BATCH and back
 * (a seccomp profile may refuse it; the server then keeps the policy);
 * skips the test when it does not. */
static bool
batch_allowed(void)
{
    struct sched_param none = {0};

    if (sched_getscheduler(0) == SCHED_OTHER &&
        sched_setscheduler(0, SCHED_BATCH, &none) == 0 &&
        sched_setscheduler(0, SCHED_OTHER, &none) == 0)
        return true;
    sst_test_skip("this system refuses SCHED_BATCH to threads");
    return false;
}

/* A server of a fresh emulator (shared), with normal_sched as given; s is
 * a connection to it. */
static struct sst_server *
start_emu_server(bool normal_sched, struct sst_emu **emu, int *s)
{
    struct sst_server_options o;
    struct sst_server *srv = NULL;
    struct sst_err e;

    CU_ASSERT_EQUAL_FATAL(sst_emu_open(NULL, NULL, emu, NULL), SST_OK);
    memset(&o, 0, sizeof o);
    o.backend = sst_emu_backend(*emu);
    o.sharing = SST_SERVER_SHARED;
    o.normal_sched = normal_sched;
    CU_ASSERT_EQUAL_FATAL(sst_server_open(&o, &srv, &e), SST_OK);
    *s = st_connect_to(sst_server_port(srv));
    CU_ASSERT_FATAL(*s >= 0);
    return srv;
}

static void
stop_emu_server(struct sst_server *srv, struct sst_emu *emu, int s)
{
    close(s);
    sst_server_close(srv);
    sst_emu_close(emu);
}

/* A thread runs as SCHED_BATCH while it serves item writes, and goes back
 * to the normal policy for any other operation. */
static void
writers_run_as_batch(void)
{
    struct sst_emu *emu;
    struct sst_server *srv;
    int s;

    if (!batch_allowed())
        return;
    srv = start_emu_server(false, &emu, &s);
    CU_ASSERT_EQUAL(batch_threads(), 0);
    CU_ASSERT_EQUAL(op_on(s, "CreateTable", create_t), 200);
    CU_ASSERT_EQUAL(batch_threads(), 0);
    CU_ASSERT_EQUAL(op_on(s, "PutItem", put_a), 200);
    CU_ASSERT_EQUAL(batch_threads(), 1);
    CU_ASSERT_EQUAL(op_on(s, "UpdateItem", update_a), 200);
    CU_ASSERT_EQUAL(batch_threads(), 1);
    CU_ASSERT_EQUAL(op_on(s, "GetItem", get_a), 200);
    CU_ASSERT_EQUAL(batch_threads(), 0);
    CU_ASSERT_EQUAL(op_on(s, "BatchWriteItem", batch_write_a), 200);
    CU_ASSERT_EQUAL(batch_threads(), 1);
    /* refused writes take the policy too: it goes with the operation */
    CU_ASSERT_EQUAL(op_on(s, "DescribeTable", "{\"TableName\":\"tbl\"}"), 200);
    CU_ASSERT_EQUAL(batch_threads(), 0);
    CU_ASSERT_EQUAL(op_on(s, "DeleteItem",
                          "{\"TableName\":\"none\","
                          "\"Key\":{\"pk\":{\"S\":"
                          "\"a\"}}}"),
                    400);
    CU_ASSERT_EQUAL(batch_threads(), 1);
    stop_emu_server(srv, emu, s);
}

/* normal_sched: no thread changes its policy. */
static void
normal_sched_keeps_the_policy(void)
{
    struct sst_emu *emu;
    int s;
    struct sst_server *srv = start_emu_server(true, &emu, &s);

    CU_ASSERT_EQUAL(op_on(s, "CreateTable", create_t), 200);
    CU_ASSERT_EQUAL(op_on(s, "PutItem", put_a), 200);
    CU_ASSERT_EQUAL(op_on(s, "UpdateItem", update_a), 200);
    CU_ASSERT_EQUAL(batch_threads(), 0);
    stop_emu_server(srv, emu, s);
}

/* Threads started by an opener that runs under another policy keep it:
 * a GetItem after a PutItem does not make its thread SCHED_OTHER. */
static void
an_opener_policy_is_kept(void)
{
    struct sched_param none = {0};
    struct sst_emu *emu;
    struct sst_server *srv;
    int s;

    if (!batch_allowed())
        return;
    CU_ASSERT_EQUAL_FATAL(sched_setscheduler(0, SCHED_BATCH, &none), 0);
    srv = start_emu_server(false, &emu, &s);
    CU_ASSERT_EQUAL(sched_setscheduler(0, SCHED_OTHER, &none), 0);
    CU_ASSERT_EQUAL(op_on(s, "CreateTable", create_t), 200);
    CU_ASSERT_EQUAL(op_on(s, "PutItem", put_a), 200);
    CU_ASSERT_EQUAL(op_on(s, "GetItem", get_a), 200);
    /* the listener and the connection's thread, both inherited */
    CU_ASSERT(batch_threads() >= 2);
    stop_emu_server(srv, emu, s);
}

/* A backend other than a shared emulator: no policy changes. */
static void
other_backends_keep_the_policy(void)
{
    struct sst_server_options o;
    struct sst_server *srv = NULL;
    struct sst_err e;
    int s;

    st_script_reset();
    memset(&o, 0, sizeof o);
    o.backend = &st_scripted;
    o.sharing = SST_SERVER_SHARED;
    CU_ASSERT_EQUAL_FATAL(sst_server_open(&o, &srv, &e), SST_OK);
    s = st_connect_to(sst_server_port(srv));
    CU_ASSERT_FATAL(s >= 0);
    CU_ASSERT_EQUAL(op_on(s, "PutItem", put_a), 200);
    SST_ASSERT_STR_EQ(st_script.last_op, "PutItem");
    CU_ASSERT_EQUAL(batch_threads(), 0);
    close(s);
    sst_server_close(srv);
}

/* ------------------------------------------------------------------ */

static const struct sst_test lifecycle_tests[] = {
    {"options are checked", options_are_checked},
    {"a taken port", port_taken},
    {"URL and port", url_and_port},
    {"IPv6", ipv6},
    {"keep-alive", keep_alive},
    {"graceful close answers the call in flight", graceful_close},
    {"a thread per connection: a blocked call holds up no other",
     thread_per_connection},
    {"a one-worker pool: a blocked call holds up the next", one_worker_pool},
    {"a two-worker pool: two connections opened together go to two "
     "workers", two_worker_pool_spreads},
    {"threads serving item writes run as SCHED_BATCH", writers_run_as_batch},
    {"normal_sched keeps every thread's policy", normal_sched_keeps_the_policy},
    {"an opener's other policy is kept", an_opener_policy_is_kept},
    {"backends other than a shared emulator keep the policy",
     other_backends_keep_the_policy},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"server lifecycle", NULL, NULL, lifecycle_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_server_lifecycle", suites);
}
