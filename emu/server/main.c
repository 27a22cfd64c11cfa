/*
 * emu/server/main.c - the sst-emu program: parse the command line, open
 * the backend, serve it (server.c) until SIGINT or SIGTERM, then shut down
 * gracefully. docs/sst-emu.md and the man page docs/sst-emu.1 describe the
 * options and the exit codes.
 */
#include <errno.h>
#include <limits.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sst/backend.h>
#include <sst/log.h>
#include <sst/mem.h>
#include <sst/sst.h>

#include <sst/server.h>

#define EXIT_RUNTIME 1 /* the backend or the address could not be opened */
#define EXIT_USAGE 2   /* the command line is wrong                      */
#define MAX_CREDENTIALS 64

static const char usage[] =
    "Usage: sst-emu serve [OPTIONS]\n"
    "Serve DynamoDB's JSON 1.0 HTTP protocol on top of an sst backend.\n"
    "\n"
    "What to serve (one of; default --in-memory):\n"
    "      --in-memory          a throw-away emulator (emu::memory:)\n"
    "      --data DIR           the emulator on the LMDB directory DIR "
    "(emu:DIR)\n"
    "      --backend URI        any sst backend URI, e.g. "
    "http://127.0.0.1:8001\n"
    "      --no-sync            with --data: do not sync each commit to "
    "disk\n"
    "      --plain-rows         do not keep items' JSON text with their "
    "rows\n"
    "                           (smaller rows, slower reads)\n"
    "\n"
    "Where:\n"
    "  -p, --port N             TCP port (default 8000; 0 takes a free "
    "one)\n"
    "  -b, --bind ADDR          address to listen on (default 127.0.0.1)\n"
    "      --threads N          a pool of N worker threads, 1 to 64 "
    "(default:\n"
    "                           a thread per connection)\n"
    "      --normal-sched       keep threads that serve item writes at the\n"
    "                           normal scheduling policy (default: batch)\n"
    "\n"
    "Signatures:\n"
    "      --verify-signatures  check SigV4 signatures, dates and keys\n"
    "      --credentials KEY:SECRET\n"
    "                           a key that verification accepts "
    "(repeatable)\n"
    "\n"
    "Other:\n"
    "  -v, --verbose            log every request to stderr\n"
    "  -h, --help               show this help and exit\n"
    "      --version            show the version and exit\n"
    "\n"
    "Once listening, sst-emu prints one line, \"sst-emu listening on URL\".\n"
    "SIGINT and SIGTERM stop it gracefully. Exit status: 0 after a signal,\n"
    "1 when the backend or the address cannot be opened, 2 for a wrong\n"
    "command line.\n";

struct cli {
    int port;
    const char *bind;
    const char *data;
    const char *backend;
    bool in_memory;
    bool no_sync;
    bool plain_rows;
    bool normal_sched;
    bool verify;
    bool verbose;
    unsigned threads;
    struct sst_server_credential creds[MAX_CREDENTIALS];
    char *cred_copies[MAX_CREDENTIALS];
    size_t cred_count;
};

static int usage_error(const char *fmt, ...) SST_PRINTF(1, 2);

static int
usage_error(const char *fmt, ...)
{
    va_list ap;

    fputs("sst-emu: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\nTry 'sst-emu --help'.\n", stderr);
    return EXIT_USAGE;
}

static void
log_to_stderr(enum sst_log_level level, const char *component,
              const char *msg, void *user)
{
    (void)user;
    if (level >= SST_LOG_WARN)
        fprintf(stderr, "%s: %s: %s\n", component,
                level == SST_LOG_WARN ? "warning" : "error", msg);
    else
        fprintf(stderr, "%s: %s\n", component, msg);
}

static int
parse_uint(const char *s, long lo, long hi, long *out)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static void
cli_cleanup(struct cli *c)
{
    size_t i;

    for (i = 0; i < c->cred_count; i++)
        sst_free(c->cred_copies[i]);
}

/* KEY:SECRET, split at the first ':' (secrets may hold '/' and '+'). */
static int
add_credential(struct cli *c, const char *v)
{
    const char *colon = strchr(v, ':');
    char *copy;

    if (colon == NULL || colon == v || colon[1] == '\0')
        return usage_error("--credentials wants KEY:SECRET, not '%s'", v);
    if (c->cred_count == MAX_CREDENTIALS)
        return usage_error("at most %d --credentials", MAX_CREDENTIALS);
    copy = sst_strdup(v);
    if (copy == NULL)
        return usage_error("out of memory");
    copy[colon - v] = '\0';
    c->cred_copies[c->cred_count] = copy;
    c->creds[c->cred_count].access_key_id = copy;
    c->creds[c->cred_count].secret_access_key = copy + (colon - v) + 1;
    c->cred_count++;
    return 0;
}

/* The value of an option: "--opt=VALUE" or "--opt VALUE". */
static const char *
option_value(int argc, char **argv, int *i, const char *arg, size_t n)
{
    if (arg[n] == '=')
        return arg + n + 1;
    if (arg[n] != '\0' || *i + 1 >= argc)
        return NULL;
    return argv[++*i];
}

/* Returns -1 for "help/version printed", 0 to serve, else an exit code. */
static int
parse_args(int argc, char **argv, struct cli *c)
{
    int i = 1;

    memset(c, 0, sizeof *c);
    c->port = 8000;
    if (i < argc && strcmp(argv[i], "serve") == 0)
        i++;
    for (; i < argc; i++) {
        const char *a = argv[i], *v;
        long n;

#define IS(name) (strncmp(a, name, strlen(name)) == 0 &&                      \
                  (a[strlen(name)] == '\0' || a[strlen(name)] == '='))
#define VALUE(name)                                                            \
    do {                                                                       \
        v = option_value(argc, argv, &i, a, strlen(name));                     \
        if (v == NULL)                                                         \
            return usage_error("%s needs a value", name);                      \
    } while (0)
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0 ||
            strcmp(a, "help") == 0) {
            fputs(usage, stdout);
            return -1;
        } else if (strcmp(a, "--version") == 0) {
            printf("sst-emu %s\n", sst_version());
            return -1;
        } else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
            c->verbose = true;
        } else if (strcmp(a, "-p") == 0 || IS("--port")) {
            VALUE(a[1] == 'p' ? "-p" : "--port");
            if (parse_uint(v, 0, 65535, &n) != 0)
                return usage_error("port must be 0 to 65535, not '%s'", v);
            c->port = (int)n;
        } else if (strcmp(a, "-b") == 0 || IS("--bind")) {
            VALUE(a[1] == 'b' ? "-b" : "--bind");
            c->bind = v;
        } else if (IS("--data")) {
            VALUE("--data");
            if (*v == '\0')
                return usage_error("--data needs a directory");
            c->data = v;
        } else if (strcmp(a, "--in-memory") == 0) {
            c->in_memory = true;
        } else if (IS("--backend")) {
            VALUE("--backend");
            c->backend = v;
        } else if (strcmp(a, "--no-sync") == 0) {
            c->no_sync = true;
        } else if (strcmp(a, "--plain-rows") == 0) {
            c->plain_rows = true;
        } else if (strcmp(a, "--normal-sched") == 0) {
            c->normal_sched = true;
        } else if (strcmp(a, "--verify-signatures") == 0) {
            c->verify = true;
        } else if (IS("--credentials")) {
            int rc;

            VALUE("--credentials");
            if ((rc = add_credential(c, v)) != 0)
                return rc;
        } else if (IS("--threads")) {
            VALUE("--threads");
            if (parse_uint(v, 1, 64, &n) != 0)
                return usage_error("--threads must be 1 to 64, not '%s'", v);
            c->threads = (unsigned)n;
        } else {
            return usage_error("unknown option '%s'", a);
        }
#undef IS
#undef VALUE
    }
    if ((c->data != NULL) + (c->backend != NULL) + c->in_memory > 1)
        return usage_error("give one of --data, --in-memory and --backend");
    /* with --in-memory nothing is ever synced: --no-sync changes nothing */
    if (c->no_sync && c->backend != NULL)
        return usage_error("--no-sync applies to --data, not to --backend");
    if (c->plain_rows && c->backend != NULL)
        return usage_error("--plain-rows applies to --data and --in-memory, "
                           "not to --backend");
    if (c->verify && c->cred_count == 0)
        return usage_error("--verify-signatures needs at least one "
                           "--credentials KEY:SECRET");
    if (!c->verify && c->cred_count > 0)
        return usage_error("--credentials is used by --verify-signatures "
                           "only");
    return 0;
}

/* The backend URI the options ask for. */
static char *
backend_uri(const struct cli *c)
{
    char *u;
    size_t n;

    if (c->backend != NULL)
        return sst_strdup(c->backend);
    if (c->data == NULL)
        return sst_strdup("emu::memory:");
    n = strlen(c->data) + 16;
    u = sst_malloc(n);
    if (u != NULL)
        snprintf(u, n, "emu:%s%s", c->data, c->no_sync ? "?no-sync" : "");
    return u;
}

/*
 * Decide how the server reaches the backend: the emulator is opened once
 * and shared by every worker (it is thread-safe); an HTTP endpoint is
 * opened once per worker (a handle is one connection); anything else
 * (diff:, fault:) once, one call at a time.
 */
static enum sst_code
plan_backend(const char *uri, struct sst_server_options *o,
             struct sst_backend **owned, struct sst_err *err)
{
    struct sst_uri *u = NULL;
    enum sst_code rc = sst_uri_parse(uri, &u, err);

    *owned = NULL;
    if (rc != SST_OK)
        return rc;
    if (u->kind == SST_BACKEND_HTTP || u->kind == SST_BACKEND_DYNAMODB) {
        o->backend_uri = uri;
    } else {
        rc = sst_backend_open(uri, owned, err);
        o->backend = *owned;
        o->sharing = u->kind == SST_BACKEND_EMU ? SST_SERVER_SHARED
                                                : SST_SERVER_SERIAL;
    }
    sst_uri_free(u);
    return rc;
}

/*
 * An answer of a big page is put together in buffers that live for one
 * request (a 100-item Query answer is 100 KB, gathered and then printed).
 * glibc returns freed memory at the top of a heap above 128 KB to the
 * kernel (and maps blocks from 128 KB on afresh), so each next answer
 * faulted its pages back in: 28 page faults per 100-item Query. Fixed
 * thresholds keep that memory in the process (and stop glibc's own
 * adjusting of them); idle RSS is unchanged.
 * They are set once the backend is open: LMDB's environment callocs a
 * 2 MB list, which below the raised threshold came from the heap and had
 * its first 130 KB cleared by calloc, 33 page faults of start-up; from a
 * mapping of its own it is zero already and untouched.
 */
static void
tune_malloc(void)
{
    (void)mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    (void)mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
}

static int
serve(const struct cli *c)
{
    struct sst_server_options o;
    struct sst_backend *b = NULL;
    struct sst_server *srv = NULL;
    struct sst_err err;
    sigset_t set;
    char *uri = backend_uri(c);
    int sig = 0, status = EXIT_RUNTIME;

    if (uri == NULL) {
        fputs("sst-emu: out of memory\n", stderr);
        return EXIT_RUNTIME;
    }
    /* Block the stop signals in every thread (the workers inherit the
     * mask) and take them here with sigwait(). */
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);

    memset(&o, 0, sizeof o);
    o.bind = c->bind;
    o.port = c->port;
    o.threads = c->threads;
    o.plain_rows = c->plain_rows;
    o.normal_sched = c->normal_sched;
    o.verify_signatures = c->verify;
    o.credentials = c->creds;
    o.credential_count = c->cred_count;
    if (plan_backend(uri, &o, &b, &err) != SST_OK) {
        fprintf(stderr, "sst-emu: cannot open backend %s: %s\n", uri,
                err.message);
        goto out;
    }
    tune_malloc();
    if (sst_server_open(&o, &srv, &err) != SST_OK) {
        fprintf(stderr, "sst-emu: %s\n", err.message);
        goto out;
    }
    printf("sst-emu listening on %s\n", sst_server_url(srv));
    fflush(stdout);
    sst_log(SST_LOG_INFO, "sst-emu", "serving %s with %s signatures", uri,
            c->verify ? "verified" : "unverified");
    while (sigwait(&set, &sig) != 0)
        ;
    fprintf(stderr, "sst-emu: %s received, shutting down\n",
            sig == SIGINT ? "SIGINT" : "SIGTERM");
    sst_server_close(srv);
    srv = NULL;
    sst_log(SST_LOG_INFO, "sst-emu", "stopped");
    status = 0;
out:
    sst_server_close(srv);
    sst_backend_close(b);
    sst_free(uri);
    return status;
}

int
main(int argc, char **argv)
{
    struct cli c;
    int rc;

    rc = parse_args(argc, argv, &c);

    if (rc == 0) {
        sst_log_set(log_to_stderr, NULL,
                    c.verbose ? SST_LOG_INFO : SST_LOG_WARN);
        rc = serve(&c);
    } else if (rc < 0) {
        rc = 0;
    }
    cli_cleanup(&c);
    return rc;
}
