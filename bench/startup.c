/*
 * bench/startup.c - a server's start-up time to its first answered
 * request, and its idle RSS: a benchmark, not a test.
 *
 * Each run forks and execs the server command, then tries to connect to
 * 127.0.0.1:PORT every 100 µs; once connected it sends one DynamoDB
 * ListTables request and reads the answer's status line. The time from
 * just before fork to a "200" status line is the start-up time (no shell
 * or curl process in between, whose own start-up would be measured
 * too). 200 ms later the server's VmRSS is read from /proc, and the
 * server is stopped with SIGTERM.
 *
 * With --ready, the server's standard output is a pipe, and the first
 * attempt to connect waits for its first line (sst-emu's and the
 * ceiling's "... listening on URL"), as a test harness waits for a server
 * it starts. Polling from the start costs the server time of its own:
 * on this 2-vCPU VM a connect attempt every 100 µs made sst-emu take 15
 * to 18 ms to reach main() instead of 10 to 11 (docs/performance.md).
 *
 *   bench/startup [--ready] RUNS PORT COMMAND [ARGS...]
 *
 * Prints one line per run, then
 *   startup_ms min M median M max M  rss_kb median K
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>

#define MAX_RUNS 100
#define GIVE_UP_NS (10LL * 1000000000) /* a server that never answers */

static const char request[] =
    "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    "X-Amz-Target: DynamoDB_20120810.ListTables\r\n"
    "Content-Type: application/x-amz-json-1.0\r\n"
    "X-Amz-Date: 20260101T000000Z\r\n"
    "Authorization: AWS4-HMAC-SHA256 Credential=sstlocal/20260101/"
    "us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0\r\n"
    "Content-Length: 2\r\nConnection: close\r\n\r\n{}";

static int64_t
now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* One request; whether it was answered 200. */
static int
answered(int port)
{
    struct sockaddr_in a;
    char buf[64];
    size_t got = 0;
    ssize_t n;
    int fd, ok = 0;

    fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return 0;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) == 0 &&
        write(fd, request, sizeof request - 1) ==
            (ssize_t)(sizeof request - 1)) {
        while (got < sizeof buf - 1 &&
               (n = read(fd, buf + got, sizeof buf - 1 - got)) > 0)
            got += (size_t)n;
        buf[got] = '\0';
        ok = strncmp(buf, "HTTP/1.1 200", 12) == 0;
    }
    close(fd);
    return ok;
}

/* Wait, without spinning, for the first line on fd (or its end);
 * whether a line came before the give-up time. */
static int
first_line(int fd, int64_t t0)
{
    struct pollfd p = {.fd = fd, .events = POLLIN};
    char c;
    ssize_t n;

    for (;;) {
        int64_t left = (t0 + GIVE_UP_NS - now_ns()) / 1000000;

        if (left <= 0 || poll(&p, 1, (int)left) <= 0)
            return 0;
        n = read(fd, &c, 1);
        if (n <= 0)
            return 0;
        if (c == '\n')
            return 1;
    }
}

static long
rss_kb(pid_t pid)
{
    char path[64], line[256];
    long kb = -1;
    FILE *f;

    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    if ((f = fopen(path, "r")) == NULL)
        return -1;
    while (fgets(line, sizeof line, f) != NULL)
        if (sscanf(line, "VmRSS: %ld kB", &kb) == 1)
            break;
    fclose(f);
    return kb;
}

static int
cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

    return (x > y) - (x < y);
}

int
main(int argc, char **argv)
{
    int64_t ms_x1000[MAX_RUNS], rss[MAX_RUNS], t0;
    struct timespec pause = {0, 100000};
    int runs, port, i, null_fd, ready = 0, out[2];
    pid_t pid;

    if (argc > 1 && strcmp(argv[1], "--ready") == 0) {
        ready = 1;
        argv++;
        argc--;
    }
    if (argc < 4 || (runs = atoi(argv[1])) < 1 || runs > MAX_RUNS ||
        (port = atoi(argv[2])) < 1 || port > 65535) {
        fprintf(stderr,
                "usage: startup [--ready] RUNS PORT COMMAND [ARGS...]\n");
        return 2;
    }
    for (i = 0; i < runs; i++) {
        out[0] = out[1] = -1;
        if (ready && (pipe(out) != 0 || fcntl(out[0], F_SETFD, FD_CLOEXEC) ||
                      fcntl(out[1], F_SETFD, FD_CLOEXEC))) {
            perror("startup: pipe");
            return 1;
        }
        t0 = now_ns();
        pid = fork();
        if (pid < 0) {
            perror("startup: fork");
            return 1;
        }
        if (pid == 0) {
            null_fd = open("/dev/null", O_WRONLY);
            if (null_fd >= 0) {
                dup2(ready ? out[1] : null_fd, 1);
                dup2(null_fd, 2);
            }
            execvp(argv[3], argv + 3);
            _exit(127);
        }
        if (ready) {
            close(out[1]);
            if (!first_line(out[0], t0)) {
                fprintf(stderr, "startup: %s printed no line\n", argv[3]);
                kill(pid, SIGKILL);
                return 1;
            }
        }
        while (!answered(port)) {
            if (now_ns() - t0 > GIVE_UP_NS ||
                waitpid(pid, NULL, WNOHANG) == pid) {
                fprintf(stderr, "startup: %s did not answer on port %d\n",
                        argv[3], port);
                kill(pid, SIGKILL);
                return 1;
            }
            nanosleep(&pause, NULL);
        }
        ms_x1000[i] = (now_ns() - t0) / 1000;
        usleep(200000);
        rss[i] = rss_kb(pid);
        kill(pid, SIGTERM);
        waitpid(pid, NULL, 0);
        if (out[0] >= 0)
            close(out[0]);
        printf("run %d: %.2f ms to the first answer, VmRSS %lld kB\n", i + 1,
               (double)ms_x1000[i] / 1000, (long long)rss[i]);
    }
    qsort(ms_x1000, (size_t)runs, sizeof *ms_x1000, cmp_i64);
    qsort(rss, (size_t)runs, sizeof *rss, cmp_i64);
    printf("startup_ms min %.2f median %.2f max %.2f  rss_kb median %lld\n",
           (double)ms_x1000[0] / 1000, (double)ms_x1000[runs / 2] / 1000,
           (double)ms_x1000[runs - 1] / 1000, (long long)rss[runs / 2]);
    return 0;
}
