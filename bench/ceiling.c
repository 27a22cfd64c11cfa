/*
 * bench/ceiling.c - the fastest possible answer: a bare libmicrohttpd
 * server (same polling, threads and keep-alive settings as sst-emu) that
 * answers every request with a fixed 200 and a fixed body: "{}", or
 * a JSON object of exactly BYTES bytes. Under the same wrk load it
 * measures what the load generator and this 2-core machine allow, the
 * ceiling sst-emu's throughput is compared with; with BYTES the size of
 * an operation's answer (a 100-item Query page is about 105 KB), it is
 * that operation's ceiling, the cost of moving its bytes included.
 *
 *   bench/ceiling PORT [BYTES [MODEL]]
 *       prints "ceiling listening on URL", runs until SIGINT or SIGTERM.
 *       MODEL is sst-emu's thread model: "connection" (a thread per
 *       connection, sst-emu's default) or "pool" (one worker thread per
 *       CPU, as `sst-emu serve --threads N` with N CPUs).
 */
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <microhttpd.h>
#include <zlib.h>

static volatile sig_atomic_t stop;

/* The answer: its body and the x-amz-crc32 header DynamoDB sends. */
static char *body;
static size_t body_len;
static char crc_text[16];

static void
on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

static enum MHD_Result
handle(void *cls, struct MHD_Connection *c, const char *url,
       const char *method, const char *version, const char *data,
       size_t *size, void **state)
{
    static int marker;
    struct MHD_Response *r;
    enum MHD_Result rc;

    (void)cls;
    (void)url;
    (void)method;
    (void)version;
    (void)data;
    if (*state == NULL) { /* first call: headers only */
        *state = &marker;
        return MHD_YES;
    }
    if (*size) { /* swallow the body */
        *size = 0;
        return MHD_YES;
    }
    r = MHD_create_response_from_buffer(body_len, body,
                                        MHD_RESPMEM_PERSISTENT);
    MHD_add_response_header(r, "Content-Type", "application/x-amz-json-1.0");
    MHD_add_response_header(r, "x-amz-crc32", crc_text);
    rc = MHD_queue_response(c, MHD_HTTP_OK, r);
    MHD_destroy_response(r);
    return rc;
}

int
main(int argc, char **argv)
{
    struct MHD_Daemon *d;
    int port = argc > 1 ? atoi(argv[1]) : 8099;
    long want = argc > 2 ? atol(argv[2]) : 2;
    long threads = sysconf(_SC_NPROCESSORS_ONLN);
    const char *model = argc > 3 ? argv[3] : "connection";
    bool pool = strcmp(model, "pool") == 0;
    struct sockaddr_in addr;

    if (!pool && strcmp(model, "connection") != 0) {
        fprintf(stderr, "ceiling: MODEL is connection or pool, not '%s'\n",
                model);
        return 2;
    }

    /* loopback only, as every server the tests and benchmarks start */
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);

    /* {"x":"aaa...a"}: 8 bytes of frame, the rest padding */
    body_len = want > 8 ? (size_t)want : 2;
    body = malloc(body_len);
    if (body == NULL)
        return 1;
    if (body_len == 2) {
        memcpy(body, "{}", 2);
    } else {
        memcpy(body, "{\"x\":\"", 6);
        memset(body + 6, 'a', body_len - 8);
        memcpy(body + body_len - 2, "\"}", 2);
    }
    snprintf(crc_text, sizeof crc_text, "%lu",
             crc32(0L, (const Bytef *)body, (uInt)body_len));

    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    d = MHD_start_daemon(MHD_USE_POLL | MHD_USE_INTERNAL_POLLING_THREAD |
                             (pool ? 0 : MHD_USE_THREAD_PER_CONNECTION),
                         (uint16_t)port, NULL, NULL, handle, NULL,
                         MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
                         MHD_OPTION_THREAD_POOL_SIZE,
                         pool ? (unsigned)(threads > 0 ? threads : 2) : 0u,
                         MHD_OPTION_CONNECTION_TIMEOUT, 120u, MHD_OPTION_END);
    if (d == NULL) {
        fprintf(stderr, "ceiling: cannot listen on port %d\n", port);
        return 1;
    }
    printf("ceiling listening on http://127.0.0.1:%d\n", port);
    fflush(stdout);
    while (!stop)
        pause();
    MHD_stop_daemon(d);
    free(body);
    return 0;
}
