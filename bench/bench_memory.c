/*
 * bench/bench_memory.c - libsst's resource layer end to end: 1000
 * versioned creates, then 1000 updates, then 100 paginated queries, in
 * process on the emulator (emu::memory:) and over HTTP against DynamoDB
 * Local in the same run: a benchmark, not a test (issue 6, Performance).
 *
 *   bench/bench_memory [CREATES [QUERIES]]     defaults: 1000 and 100
 *
 * The DynamoDB Local half uses $SST_DDB_LOCAL_ENDPOINT (tests/ddb-local
 * exec sets it) and is skipped with a message when it is unset. Each side
 * gets a fresh standard table, deleted afterwards.
 *
 * The work: a versioned, compressed type (each create is a
 * TransactWriteItems of v1 and v0 and a consistent read of v1; each
 * update reads v0, writes v<N+1> and v0 in a transaction and reads the
 * new version back); the queries list the type by updated_at with a
 * filter (status = "open", three rows in four) and 25 results a page,
 * following each page's next key and starting over after the last page.
 *
 * Output: the wall time of each phase and of the whole on each side, the
 * process CPU time of the in-process side (one core's cost, whatever
 * else shares the machine), and the ratio DynamoDB Local / emulator. The
 * target for the in-process total is 0.5 s.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>

#include <sst/sst.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define PAGE 25

static const struct sst_field task_fields[] = {
    {.name = "title", .kind = SST_FIELD_STRING},
    {.name = "status", .kind = SST_FIELD_STRING},
    {.name = "priority", .kind = SST_FIELD_INT, .default_json = "0"},
};

static const struct sst_type task_type = {
    .name = "BenchTask", .versioned = true, .fields = task_fields,
    .nfields = N(task_fields)};

enum { CREATE, UPDATE, QUERY, PHASES };

static const char *const phase_names[PHASES] = {"creates", "updates",
                                                "queries"};

struct result {
    bool ran;
    double wall_s[PHASES];
    double cpu_s[PHASES];
    long items_seen; /* resources the queries returned */
};

static double
clock_s(clockid_t id)
{
    struct timespec ts;

    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
fail(const char *what, const struct sst_err *e)
{
    fprintf(stderr, "bench_memory: %s: %s: %s\n", what,
            sst_code_name(e->code), e->message);
    return -1;
}

static int
create_all(struct sst_memory *m, json_object **tasks, int n)
{
    char buf[128];
    struct sst_err e;
    int i;

    for (i = 0; i < n; i++) {
        json_object *data;
        enum sst_code rc;

        snprintf(buf, sizeof buf,
                 "{\"title\": \"task %d\", \"status\": \"%s\", "
                 "\"priority\": %d}",
                 i, i % 4 == 3 ? "done" : "new", i % 5);
        data = json_tokener_parse(buf);
        rc = sst_memory_create(m, &task_type, data, NULL, &tasks[i], &e);
        json_object_put(data);
        if (rc != SST_OK)
            return fail("create", &e);
    }
    return 0;
}

static int
update_all(struct sst_memory *m, json_object **tasks, int n)
{
    json_object *open = json_tokener_parse("{\"status\": \"open\"}");
    json_object *done = json_tokener_parse("{\"status\": \"done\"}");
    struct sst_err e;
    int i, rc = 0;

    for (i = 0; i < n && rc == 0; i++) {
        json_object *next = NULL;

        if (sst_memory_update(m, &task_type, tasks[i],
                              i % 4 == 3 ? done : open, NULL, NULL, &next,
                              &e) != SST_OK) {
            rc = fail("update", &e);
            break;
        }
        json_object_put(tasks[i]);
        tasks[i] = next;
    }
    json_object_put(done);
    json_object_put(open);
    return rc;
}

static enum sst_code
is_open(const struct sst_type *t, const struct json_object *r, void *ud,
        bool *keep, struct sst_err *err)
{
    (void)t, (void)ud, (void)err;
    *keep = strcmp(json_object_get_string(json_object_object_get(
                       (json_object *)r, "status")), "open") == 0;
    return SST_OK;
}

static int
query_all(struct sst_memory *m, int n, long *seen)
{
    struct sst_exprb *b = sst_exprb_new();
    struct sst_query q;
    char *key = NULL;
    struct sst_err e;
    int i, rc = 0;

    sst_query_init(&q);
    q.b = b;
    /* status is inside the compressed data: a client-side filter */
    q.filter_fn = is_open;
    q.results_limit = PAGE;
    for (i = 0; i < n; i++) {
        struct sst_page *p = NULL;

        q.pagination_key = key;
        if (sst_memory_list_by_updated_at(m, &task_type, &q, &p, &e) !=
            SST_OK) {
            rc = fail("query", &e);
            break;
        }
        *seen += (long)p->count;
        sst_free(key);
        /* the key outlives its page */
        key = p->next_pagination_key;
        p->next_pagination_key = NULL;
        sst_page_free(p);
    }
    sst_free(key);
    sst_exprb_free(b);
    return rc;
}

static void
drop_table(struct sst_memory *m)
{
    json_object *req = json_object_new_object();
    json_object *resp = NULL;
    struct sst_err e;

    json_object_object_add(req, "TableName",
                           json_object_new_string(sst_memory_table_name(m)));
    (void)sst_backend_call(sst_memory_backend(m), "DeleteTable", req, &resp,
                           &e);
    json_object_put(resp);
    json_object_put(req);
}

/* One side: a fresh table on uri, the three phases timed. */
static int
run_side(const char *uri, int n, int queries, struct result *r)
{
    struct sst_memory_opts o;
    struct sst_memory *m = NULL;
    json_object **tasks = calloc((size_t)n, sizeof(*tasks));
    char table[64];
    struct sst_err e;
    double w, c;
    int i, rc = -1;

    snprintf(table, sizeof table, "bench_memory_%ld", (long)getpid());
    sst_memory_opts_init(&o, table);
    o.track_stats = false;
    if (tasks == NULL)
        return -1;
    if (sst_memory_open_uri(uri, &o, &m, &e) != SST_OK ||
        sst_memory_create_standard_table(m, &e) != SST_OK) {
        fail(uri, &e);
        goto out;
    }
    for (i = 0; i < PHASES; i++) {
        w = clock_s(CLOCK_MONOTONIC);
        c = clock_s(CLOCK_PROCESS_CPUTIME_ID);
        rc = i == CREATE   ? create_all(m, tasks, n)
             : i == UPDATE ? update_all(m, tasks, n)
                           : query_all(m, queries, &r->items_seen);
        r->wall_s[i] = clock_s(CLOCK_MONOTONIC) - w;
        r->cpu_s[i] = clock_s(CLOCK_PROCESS_CPUTIME_ID) - c;
        if (rc != 0)
            goto out;
    }
    r->ran = true;
    rc = 0;
out:
    if (m != NULL)
        drop_table(m);
    sst_memory_close(m);
    for (i = 0; i < n; i++)
        json_object_put(tasks[i]);
    free(tasks);
    return rc;
}

static double
total(const double *v)
{
    return v[CREATE] + v[UPDATE] + v[QUERY];
}

int
main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 1000;
    int queries = argc > 2 ? atoi(argv[2]) : 100;
    const char *ddb = getenv("SST_DDB_LOCAL_ENDPOINT");
    struct result emu = {0}, http = {0};
    int i;

    if (n < 1 || queries < 1) {
        fprintf(stderr, "usage: bench_memory [CREATES [QUERIES]]\n");
        return 2;
    }
    printf("bench_memory: %d versioned creates, %d updates, %d queries "
           "(filtered, %d a page)\n\n",
           n, n, queries, PAGE);
    if (run_side("emu::memory:", n, queries, &emu) != 0)
        return 1;
    if (ddb == NULL || ddb[0] == '\0')
        printf("DynamoDB Local: skipped (SST_DDB_LOCAL_ENDPOINT unset; "
               "run under tests/ddb-local exec)\n\n");
    else if (run_side(ddb, n, queries, &http) != 0)
        return 1;
    printf("%-10s %14s %14s %14s %10s\n", "phase", "emu wall s",
           "emu cpu s", "ddb-local s", "ratio");
    for (i = 0; i <= PHASES; i++) {
        double ew = i < PHASES ? emu.wall_s[i] : total(emu.wall_s);
        double ec = i < PHASES ? emu.cpu_s[i] : total(emu.cpu_s);
        double hw = i < PHASES ? http.wall_s[i] : total(http.wall_s);

        printf("%-10s %14.3f %14.3f", i < PHASES ? phase_names[i] : "total",
               ew, ec);
        if (http.ran)
            printf(" %14.3f %9.1fx\n", hw, ew > 0 ? hw / ew : 0.0);
        else
            printf(" %14s %10s\n", "-", "-");
    }
    printf("\nqueries returned %ld resources in process", emu.items_seen);
    if (http.ran)
        printf(", %ld over HTTP", http.items_seen);
    printf("\nin-process total %.3f s: %s the 0.5 s target\n",
           total(emu.wall_s), total(emu.wall_s) <= 0.5 ? "within" : "over");
    return 0;
}
