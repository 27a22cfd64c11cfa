/*
 * bench/ceiling.c - the fastest possible answer: a bare libmicrohttpd
 * server (same thread pool and keep-alive settings as sst-emu) that
 * answers every request with a fixed 200 and "{}". Under the same wrk load
 * it measures what the load generator and this 2-core machine allow, the
 * ceiling sst-emu's throughput is compared with.
 *
 *   bench/ceiling PORT      prints "ceiling listening on URL", runs until
 *                           SIGINT or SIGTERM
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <microhttpd.h>

static volatile sig_atomic_t stop;

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
    r = MHD_create_response_from_buffer(2, (void *)"{}",
                                        MHD_RESPMEM_PERSISTENT);
    MHD_add_response_header(r, "Content-Type", "application/x-amz-json-1.0");
    MHD_add_response_header(r, "x-amz-crc32", "2745614147");
    rc = MHD_queue_response(c, MHD_HTTP_OK, r);
    MHD_destroy_response(r);
    return rc;
}

int
main(int argc, char **argv)
{
    struct MHD_Daemon *d;
    int port = argc > 1 ? atoi(argv[1]) : 8099;
    long threads = sysconf(_SC_NPROCESSORS_ONLN);
    struct sockaddr_in addr;

    /* loopback only, as every server the tests and benchmarks start */
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);

    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    d = MHD_start_daemon(MHD_USE_AUTO | MHD_USE_INTERNAL_POLLING_THREAD,
                         (uint16_t)port, NULL, NULL, handle, NULL,
                         MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
                         MHD_OPTION_THREAD_POOL_SIZE,
                         (unsigned)(threads > 0 ? threads : 2),
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
    return 0;
}
