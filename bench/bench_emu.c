/*
 * bench/bench_emu.c - the in-process emulator's GetItem, PutItem and
 * Query, against raw LMDB doing the same work: a benchmark, not a test.
 *
 * Items are about 1 KB (DynamoDB size), of a dozen attributes of the
 * usual types. Each operation is one sst_emu_call() with a prepared
 * request object (a client builds its request once, as it would build it
 * for any backend), and frees the answer. The raw LMDB baseline does, per
 * operation, one transaction and one mdb_get (or mdb_put and commit) of
 * the same key and value bytes the emulator stores: the physical limit of
 * the storage underneath. A Query reads a 100-item page (sk BETWEEN a
 * AND a+99 in one partition); its baseline is one read transaction and a
 * cursor walk over the same 100 rows. Both run on a directory with
 * no-sync (writes are not flushed), on one thread.
 *
 *   bench/bench_emu [GETS [PUTS [QUERIES [SHAPE]]]]
 *       defaults 300000, 150000, 20000 and both; a count of 0 skips that
 *       operation, SHAPE is rich, flat or both (one shape and one
 *       operation make a clean run for callgrind or perf stat)
 *
 * Output: operations per second, p50 and p99 latency, and the ratio of
 * each emulator figure to raw LMDB's. Then the json-c floor of the same
 * operation and item: building and freeing an answer equal to the
 * emulator's, timed the same way. Every answer crosses the seam as json-c
 * objects, so no emulator can answer faster than that; the last figure
 * is the emulator's CPU time per operation in multiples of it. The
 * "json-c" row builds the copy with json-c's cheapest calls (object keys
 * borrowed and added as new, arrays sized at once), the way the emulator
 * builds answers; the "deepcopy" row uses json_object_deep_copy, which
 * duplicates and hashes every key and so costs more than the emulator's
 * own Query answers.
 */
#include <errno.h>
#include <stdbool.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>
#include <lmdb.h>

#include <sst/emu.h>
#include <sst/sst.h>

#define ITEMS 10000 /* distinct items read by the GetItem runs */

struct stats {
    double ops_per_s;     /* by the wall clock                          */
    double ops_per_cpu_s; /* by this process's CPU time: one core's rate
                             even when other work shares the machine   */
    double p50_us, p99_us;
};

static int64_t
cpu_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int64_t
now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int
cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

    return (x > y) - (x < y);
}

static struct stats
summarise(int64_t *lat, size_t n, int64_t total_ns, int64_t cpu)
{
    struct stats s;

    qsort(lat, n, sizeof *lat, cmp_i64);
    s.ops_per_s = (double)n / ((double)total_ns / 1e9);
    s.ops_per_cpu_s = (double)n / ((double)cpu / 1e9);
    s.p50_us = (double)lat[n / 2] / 1e3;
    s.p99_us = (double)lat[n * 99 / 100] / 1e3;
    return s;
}

static void
die(const char *what, const struct sst_err *e)
{
    fprintf(stderr, "bench_emu: %s: %s %s\n", what, e ? e->type : "",
            e ? e->message : "");
    exit(1);
}

/* Padding text for the items' biggest attribute. */
static char pad[1100];

/* A 1 KB item (DynamoDB's size, give or take a few bytes) with key
 * (user, n): a dozen attributes of the usual types, a map and a list
 * among them ("rich"); or six flat attributes ("flat"). */
static struct json_object *
make_item(bool flat, unsigned user, unsigned n)
{
    char buf[1024];
    struct json_object *item, *v;

    if (flat)
        snprintf(buf, sizeof buf,
                 "{\"pk\":{\"S\":\"USER#%06u\"},\"sk\":{\"N\":\"%u\"},"
                 "\"type\":{\"S\":\"User\"},\"name\":{\"S\":\"Ada %u\"},"
                 "\"updated\":{\"N\":\"1700000000\"}}",
                 user, n, user);
    else
        snprintf(buf, sizeof buf,
                 "{\"pk\":{\"S\":\"USER#%06u\"},\"sk\":{\"N\":\"%u\"},"
                 "\"name\":{\"S\":\"Ada Lovelace the %uth\"},"
                 "\"email\":{\"S\":\"ada.%u@example.com\"},"
                 "\"age\":{\"N\":\"36\"},\"score\":{\"N\":\"1234.5678\"},"
                 "\"active\":{\"BOOL\":true},\"deleted\":{\"NULL\":true},"
                 "\"tags\":{\"SS\":[\"admin\",\"beta\",\"ops\"]},"
                 "\"address\":{\"M\":{\"city\":{\"S\":\"London\"},"
                 "\"zip\":{\"S\":\"W1\"}}},"
                 "\"history\":{\"L\":[{\"N\":\"1\"},{\"N\":\"2\"},"
                 "{\"N\":\"3\"}]}}",
                 user, n, user, user);
    item = json_tokener_parse(buf);
    v = json_object_new_object();
    json_object_object_add(
        v, "S", json_object_new_string_len(pad, flat ? 974 : 866));
    json_object_object_add(item, "bio", v);
    return item;
}

static struct json_object *
put_request(bool flat, unsigned user, unsigned n)
{
    struct json_object *req = json_object_new_object();

    json_object_object_add(req, "TableName", json_object_new_string("bench"));
    json_object_object_add(req, "Item", make_item(flat, user, n));
    return req;
}

static struct json_object *
get_request(unsigned user, unsigned n)
{
    char buf[160];

    snprintf(buf, sizeof buf,
             "{\"TableName\":\"bench\",\"Key\":{\"pk\":{\"S\":\"USER#%06u\"},"
             "\"sk\":{\"N\":\"%u\"}}}",
             user, n);
    return json_tokener_parse(buf);
}

/* One call; its answer is freed, unless keep is not NULL: then *keep
 * takes a reference to it (for the json-c floor, without an extra call
 * that would change the counts of instructions per call). */
static void
call(struct sst_emu *emu, const char *op, struct json_object *req,
     struct json_object **keep)
{
    struct json_object *resp = NULL;
    struct sst_err e;

    if (sst_emu_call(emu, op, req, &resp, &e) != SST_OK)
        die(op, &e);
    if (keep != NULL)
        *keep = json_object_get(resp);
    json_object_put(resp);
}

/* ------------------------------------------------------------------ */
/* the emulator                                                        */

/* Each run keeps the answer of its last call in *answer (the last: the
 * heap the run works in stays as it was without the floors). */
static struct stats
bench_put(struct sst_emu *emu, bool flat, size_t n, int64_t *lat,
          struct json_object **answer)
{
    struct json_object *req = put_request(flat, 0, 0), *sk;
    char num[32];
    int64_t t0 = now_ns(), c0 = cpu_ns(), t;
    size_t i;

    sk = json_object_object_get(
        json_object_object_get(json_object_object_get(req, "Item"), "sk"),
        "N");
    for (i = 0; i < n; i++) {
        snprintf(num, sizeof num, "%zu", ITEMS + i);
        json_object_set_string(sk, num);
        t = now_ns();
        call(emu, "PutItem", req, i + 1 == n ? answer : NULL);
        lat[i] = now_ns() - t;
    }
    t = now_ns() - t0;
    json_object_put(req);
    return summarise(lat, n, t, cpu_ns() - c0);
}

static struct stats
bench_get(struct sst_emu *emu, size_t n, int64_t *lat,
          struct json_object **answer)
{
    struct json_object **reqs = malloc(ITEMS * sizeof *reqs);
    int64_t t0, c0, t;
    size_t i;

    for (i = 0; i < ITEMS; i++)
        reqs[i] = get_request(0, (unsigned)i);
    t0 = now_ns();
    c0 = cpu_ns();
    for (i = 0; i < n; i++) {
        t = now_ns();
        call(emu, "GetItem", reqs[(i * 7919) % ITEMS],
             i + 1 == n ? answer : NULL);
        lat[i] = now_ns() - t;
    }
    t = now_ns() - t0;
    c0 = cpu_ns() - c0;
    for (i = 0; i < ITEMS; i++)
        json_object_put(reqs[i]);
    free(reqs);
    return summarise(lat, n, t, c0);
}

#define PAGE 100 /* items per Query page */

static struct json_object *
query_request(unsigned from, bool partiql)
{
    char buf[320];

    if (partiql) { /* the same page as a PartiQL SELECT */
        snprintf(buf, sizeof buf,
                 "{\"Statement\":\"SELECT * FROM bench WHERE pk = "
                 "'USER#000000' AND sk BETWEEN %u AND %u\"}",
                 from, from + PAGE - 1);
        return json_tokener_parse(buf);
    }
    snprintf(buf, sizeof buf,
             "{\"TableName\":\"bench\",\"KeyConditionExpression\":"
             "\"pk = :p AND sk BETWEEN :a AND :b\","
             "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"USER#000000\"},"
             "\":a\":{\"N\":\"%u\"},\":b\":{\"N\":\"%u\"}}}",
             from, from + PAGE - 1);
    return json_tokener_parse(buf);
}

/* 100-item pages at pseudo-random places in the partition; each answer
 * is checked to hold the whole page. With partiql, the same pages through
 * ExecuteStatement. */
static struct stats
bench_query(struct sst_emu *emu, size_t n, int64_t *lat,
            struct json_object **answer, bool partiql)
{
    const char *op = partiql ? "ExecuteStatement" : "Query";
    enum { STARTS = 64 };
    struct json_object *reqs[STARTS], *resp;
    struct sst_err e;
    int64_t t0, c0, t;
    size_t i;

    for (i = 0; i < STARTS; i++)
        reqs[i] =
            query_request((unsigned)(i * 7919 % (ITEMS - PAGE)), partiql);
    t0 = now_ns();
    c0 = cpu_ns();
    for (i = 0; i < n; i++) {
        resp = NULL;
        t = now_ns();
        if (sst_emu_call(emu, op, reqs[i % STARTS], &resp, &e) != SST_OK)
            die(op, &e);
        if (json_object_array_length(json_object_object_get(resp, "Items")) !=
            PAGE) {
            fprintf(stderr, "bench_emu: a Query page is not %d items\n", PAGE);
            exit(1);
        }
        if (i + 1 == n)
            *answer = json_object_get(resp);
        json_object_put(resp);
        lat[i] = now_ns() - t;
    }
    t = now_ns() - t0;
    c0 = cpu_ns() - c0;
    for (i = 0; i < STARTS; i++)
        json_object_put(reqs[i]);
    return summarise(lat, n, t, c0);
}

/* ------------------------------------------------------------------ */
/* the json-c floor                                                    */

static void
copy_failed(void)
{
    fprintf(stderr, "bench_emu: copying an answer failed\n");
    exit(1);
}

/* A copy of src built with json-c's cheapest calls: object keys borrowed
 * from src (valid while src lives) and added as new keys, arrays sized
 * at once. */
static struct json_object *
lean_copy(struct json_object *src)
{
    struct json_object *dst = NULL;
    size_t i, n;

    switch (json_object_get_type(src)) {
    case json_type_object:
        dst = json_object_new_object();
        if (dst == NULL)
            copy_failed();
        json_object_object_foreach(src, key, val)
        {
            if (json_object_object_add_ex(dst, key, lean_copy(val),
                                          JSON_C_OBJECT_ADD_KEY_IS_NEW |
                                              JSON_C_OBJECT_ADD_CONSTANT_KEY) !=
                0)
                copy_failed();
        }
        return dst;
    case json_type_array:
        n = json_object_array_length(src);
        dst = json_object_new_array_ext((int)n);
        if (dst == NULL)
            copy_failed();
        for (i = 0; i < n; i++)
            if (json_object_array_add(
                    dst, lean_copy(json_object_array_get_idx(src, i))) != 0)
                copy_failed();
        return dst;
    case json_type_string:
        dst = json_object_new_string_len(json_object_get_string(src),
                                         json_object_get_string_len(src));
        break;
    case json_type_boolean:
        dst = json_object_new_boolean(json_object_get_boolean(src));
        break;
    case json_type_int:
        dst = json_object_new_int64(json_object_get_int64(src));
        break;
    case json_type_double:
        dst = json_object_new_double(json_object_get_double(src));
        break;
    case json_type_null:
        return NULL;
    }
    if (dst == NULL)
        copy_failed();
    return dst;
}

/* n copies of answer built (by lean_copy, or json_object_deep_copy when
 * deep) and freed, each timed like one operation. */
static struct stats
json_floor(struct json_object *answer, bool deep, size_t n, int64_t *lat)
{
    struct json_object *copy;
    int64_t t0 = now_ns(), c0 = cpu_ns(), t;
    size_t i;

    for (i = 0; i < n; i++) {
        copy = NULL;
        t = now_ns();
        if (!deep)
            copy = lean_copy(answer);
        else if (json_object_deep_copy(answer, &copy, NULL) != 0)
            copy_failed();
        json_object_put(copy);
        lat[i] = now_ns() - t;
    }
    t = now_ns() - t0;
    return summarise(lat, n, t, cpu_ns() - c0);
}

/* ------------------------------------------------------------------ */
/* raw LMDB                                                            */

/* The key and value bytes the emulator stores for item i, read back
 * from its environment so that the baseline moves the same bytes. */
struct raw_rows {
    MDB_val keys[ITEMS];
    MDB_val vals[ITEMS];
};

static void
check(int rc, const char *what)
{
    if (rc != 0) {
        fprintf(stderr, "bench_emu: %s: %s\n", what, mdb_strerror(rc));
        exit(1);
    }
}

static void
load_rows(const char *dir, struct raw_rows *rows)
{
    MDB_env *env;
    MDB_txn *txn;
    MDB_dbi dbi;
    MDB_cursor *c;
    MDB_val k, v;
    size_t n = 0;
    int rc;

    check(mdb_env_create(&env), "env");
    check(mdb_env_set_maxdbs(env, 8), "maxdbs");
    check(mdb_env_set_maxreaders(env, 1024), "maxreaders");
    check(mdb_env_open(env, dir, MDB_RDONLY | MDB_NOTLS, 0644), "open");
    check(mdb_txn_begin(env, NULL, MDB_RDONLY, &txn), "txn");
    check(mdb_dbi_open(txn, "rows", 0, &dbi), "dbi");
    check(mdb_cursor_open(txn, dbi, &c), "cursor");
    rc = mdb_cursor_get(c, &k, &v, MDB_FIRST);
    while (rc == 0 && n < ITEMS) {
        rows->keys[n].mv_size = k.mv_size;
        rows->keys[n].mv_data = malloc(k.mv_size);
        memcpy(rows->keys[n].mv_data, k.mv_data, k.mv_size);
        rows->vals[n].mv_size = v.mv_size;
        rows->vals[n].mv_data = malloc(v.mv_size);
        memcpy(rows->vals[n].mv_data, v.mv_data, v.mv_size);
        n++;
        rc = mdb_cursor_get(c, &k, &v, MDB_NEXT);
    }
    mdb_cursor_close(c);
    mdb_txn_abort(txn);
    mdb_env_close(env);
    if (n < ITEMS) {
        fprintf(stderr, "bench_emu: only %zu rows to copy\n", n);
        exit(1);
    }
}

static MDB_env *
raw_open(const char *dir, MDB_dbi *dbi)
{
    MDB_env *env;
    MDB_txn *txn;

    check(mdb_env_create(&env), "env");
    check(mdb_env_set_mapsize(env, (size_t)4 << 30), "mapsize");
    check(mdb_env_set_maxdbs(env, 8), "maxdbs");
    /* The flags the emulator uses with no-sync (emu/store/env.c). */
    check(mdb_env_open(env, dir,
                       MDB_NOTLS | MDB_NOSYNC | MDB_WRITEMAP | MDB_MAPASYNC,
                       0644),
          "open");
    check(mdb_txn_begin(env, NULL, 0, &txn), "txn");
    check(mdb_dbi_open(txn, "rows", MDB_CREATE, dbi), "dbi");
    check(mdb_txn_commit(txn), "commit");
    return env;
}

static struct stats
raw_put(MDB_env *env, MDB_dbi dbi, const struct raw_rows *rows, size_t n,
        bool fresh, int64_t *lat)
{
    uint8_t key[512];
    MDB_txn *txn;
    MDB_val k, v;
    int64_t t0 = now_ns(), c0 = cpu_ns(), t;
    size_t i;

    for (i = 0; i < n; i++) {
        /* A fresh key each time, as the PutItem run writes new items. */
        k = rows->keys[i % ITEMS];
        if (fresh) {
            memcpy(key, k.mv_data, k.mv_size);
            memcpy(key + k.mv_size, &i, 8);
            k.mv_size += 8;
            k.mv_data = key;
        }
        v = rows->vals[i % ITEMS];
        t = now_ns();
        check(mdb_txn_begin(env, NULL, 0, &txn), "txn");
        check(mdb_put(txn, dbi, &k, &v, 0), "put");
        check(mdb_txn_commit(txn), "commit");
        lat[i] = now_ns() - t;
    }
    t = now_ns() - t0;
    return summarise(lat, n, t, cpu_ns() - c0);
}

static struct stats
raw_get(MDB_env *env, MDB_dbi dbi, const struct raw_rows *rows, size_t n,
        int64_t *lat)
{
    MDB_txn *txn;
    MDB_val k, v;
    int64_t t0 = now_ns(), c0 = cpu_ns(), t;
    volatile uint8_t sink = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        k = rows->keys[(i * 7919) % ITEMS];
        t = now_ns();
        check(mdb_txn_begin(env, NULL, MDB_RDONLY, &txn), "txn");
        check(mdb_get(txn, dbi, &k, &v), "get");
        sink ^= ((const uint8_t *)v.mv_data)[v.mv_size - 1];
        mdb_txn_abort(txn);
        lat[i] = now_ns() - t;
    }
    t = now_ns() - t0;
    (void)sink;
    return summarise(lat, n, t, cpu_ns() - c0);
}

/* The Query baseline: one read transaction and a cursor over the same
 * 100 rows, touching each value. */
static struct stats
raw_query(MDB_env *env, MDB_dbi dbi, const struct raw_rows *rows, size_t n,
          int64_t *lat)
{
    enum { STARTS = 64 };
    MDB_txn *txn;
    MDB_cursor *c;
    MDB_val k, v;
    int64_t t0 = now_ns(), c0 = cpu_ns(), t;
    volatile uint8_t sink = 0;
    size_t i, j;

    for (i = 0; i < n; i++) {
        k = rows->keys[i % STARTS * 7919 % (ITEMS - PAGE)];
        t = now_ns();
        check(mdb_txn_begin(env, NULL, MDB_RDONLY, &txn), "txn");
        check(mdb_cursor_open(txn, dbi, &c), "cursor");
        check(mdb_cursor_get(c, &k, &v, MDB_SET_RANGE), "set");
        for (j = 1; j < PAGE; j++) {
            sink ^= ((const uint8_t *)v.mv_data)[v.mv_size - 1];
            check(mdb_cursor_get(c, &k, &v, MDB_NEXT), "next");
        }
        sink ^= ((const uint8_t *)v.mv_data)[v.mv_size - 1];
        mdb_cursor_close(c);
        mdb_txn_abort(txn);
        lat[i] = now_ns() - t;
    }
    t = now_ns() - t0;
    (void)sink;
    return summarise(lat, n, t, cpu_ns() - c0);
}

/* ------------------------------------------------------------------ */

/* The two floors of one operation (see the file comment). */
struct floors {
    struct stats lean, deep;
};

static void
report(const char *what, struct stats emu, struct stats raw,
       struct floors floor)
{
    printf("%-8s emulator %9.0f ops/s (%9.0f per CPU-second)  p50 %6.2f us"
           "  p99 %6.2f us\n",
           what, emu.ops_per_s, emu.ops_per_cpu_s, emu.p50_us, emu.p99_us);
    printf("%-8s raw LMDB %9.0f ops/s (%9.0f per CPU-second)  p50 %6.2f us"
           "  p99 %6.2f us\n",
           "", raw.ops_per_s, raw.ops_per_cpu_s, raw.p50_us, raw.p99_us);
    printf("%-8s ratio    %9.2f x     (%9.2f x)               p50 %6.2f x "
           "  p99 %6.2f x   (emulator / raw)\n",
           "", emu.ops_per_s / raw.ops_per_s,
           emu.ops_per_cpu_s / raw.ops_per_cpu_s, emu.p50_us / raw.p50_us,
           emu.p99_us / raw.p99_us);
    printf("%-8s json-c   %9.0f ops/s (%9.0f per CPU-second)  p50 %6.2f us"
           "  p99 %6.2f us  (floor: build and free the answer; emulator "
           "%.2f x its CPU time)\n",
           "", floor.lean.ops_per_s, floor.lean.ops_per_cpu_s,
           floor.lean.p50_us, floor.lean.p99_us,
           floor.lean.ops_per_cpu_s / emu.ops_per_cpu_s);
    printf("%-8s deepcopy %9.0f ops/s (%9.0f per CPU-second)  p50 %6.2f us"
           "  p99 %6.2f us  (json_object_deep_copy and free; emulator "
           "%.2f x)\n",
           "", floor.deep.ops_per_s, floor.deep.ops_per_cpu_s,
           floor.deep.p50_us, floor.deep.p99_us,
           floor.deep.ops_per_cpu_s / emu.ops_per_cpu_s);
}

/* Both floors of an answer, which is freed. */
static struct floors
floors_of(struct json_object *answer, size_t n, int64_t *lat)
{
    struct floors f;

    f.lean = json_floor(answer, false, n, lat);
    f.deep = json_floor(answer, true, n, lat);
    json_object_put(answer);
    return f;
}

struct counts {
    size_t gets, puts, queries;
};

static void
fill(struct sst_emu *emu, bool flat)
{
    struct json_object *req;
    size_t i;

    req = json_tokener_parse(
        "{\"TableName\":\"bench\",\"BillingMode\":\"PAY_PER_REQUEST\","
        "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"
        "{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}],"
        "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\","
        "\"AttributeType\":\"S\"},{\"AttributeName\":\"sk\","
        "\"AttributeType\":\"N\"}]}");
    call(emu, "CreateTable", req, NULL);
    json_object_put(req);
    for (i = 0; i < ITEMS; i++) {
        req = put_request(flat, 0, (unsigned)i);
        call(emu, "PutItem", req, NULL);
        json_object_put(req);
    }
}

/* Every run for one shape of item. */
static void
run_shape(bool flat, struct counts n, int64_t *lat)
{
    char emu_dir[] = "/tmp/sst-bench-emu-XXXXXX";
    char raw_dir[] = "/tmp/sst-bench-raw-XXXXXX";
    struct sst_emu_options o;
    struct sst_emu *emu = NULL;
    struct raw_rows *rows = calloc(1, sizeof *rows);
    struct json_object *req, *resp = NULL;
    struct stats eg, ep, eq, epq = {0, 0, 0, 0}, rg, rp, rq;
    struct floors fg, fp, fq;
    struct json_object *ga = NULL, *pa = NULL, *qa = NULL;
    struct sst_err e;
    MDB_env *env;
    MDB_dbi dbi;
    char cmd[128];
    size_t i;

    if (mkdtemp(emu_dir) == NULL || mkdtemp(raw_dir) == NULL) {
        perror("bench_emu: mkdtemp");
        exit(1);
    }
    sst_emu_options_init(&o);
    o.no_sync = true;
    o.map_size = (size_t)4 << 30;
    if (sst_emu_open(emu_dir, &o, &emu, &e) != SST_OK)
        die("open", &e);
    fill(emu, flat);
    load_rows(emu_dir, rows);
    req = json_tokener_parse("{\"TableName\":\"bench\"}");
    if (sst_emu_call(emu, "DescribeTable", req, &resp, &e) != SST_OK)
        die("DescribeTable", &e);
    printf("\n%s item: %" PRId64 " bytes (DynamoDB size), %d attributes, "
           "%zu bytes stored; %zu gets, %zu puts, %zu queries of %d items\n",
           flat ? "flat" : "rich",
           json_object_get_int64(json_object_object_get(
               json_object_object_get(resp, "Table"), "TableSizeBytes")) /
               ITEMS,
           flat ? 6 : 12, rows->vals[0].mv_size, n.gets, n.puts, n.queries,
           PAGE);
    json_object_put(resp);
    json_object_put(req);

    if (n.gets)
        eg = bench_get(emu, n.gets, lat, &ga);
    if (n.queries) {
        struct json_object *pqa = NULL;

        eq = bench_query(emu, n.queries, lat, &qa, false);
        epq = bench_query(emu, n.queries, lat, &pqa, true);
        json_object_put(pqa);
    }
    if (n.puts)
        ep = bench_put(emu, flat, n.puts, lat, &pa);
    /* The floors, of the last answer of each run. */
    if (n.gets)
        fg = floors_of(ga, n.gets, lat);
    if (n.queries)
        fq = floors_of(qa, n.queries, lat);
    if (n.puts)
        fp = floors_of(pa, n.puts, lat);
    sst_emu_close(emu);

    env = raw_open(raw_dir, &dbi);
    rp = raw_put(env, dbi, rows, ITEMS, false, lat); /* the same rows */
    if (n.gets)
        rg = raw_get(env, dbi, rows, n.gets, lat);
    if (n.queries)
        rq = raw_query(env, dbi, rows, n.queries, lat);
    if (n.puts)
        rp = raw_put(env, dbi, rows, n.puts, true, lat);
    mdb_env_close(env);

    if (n.gets)
        report("GetItem", eg, rg, fg);
    if (n.puts)
        report("PutItem", ep, rp, fp);
    if (n.queries) {
        report("Query", eq, rq, fq);
        printf("%-8s PartiQL  %9.0f ops/s (%9.0f per CPU-second)  p50 %6.2f us"
               "  p99 %6.2f us  (the same pages as ExecuteStatement SELECTs; "
               "%.2f x the Query's CPU time)\n",
               "", epq.ops_per_s, epq.ops_per_cpu_s, epq.p50_us, epq.p99_us,
               eq.ops_per_cpu_s / epq.ops_per_cpu_s);
    }

    for (i = 0; i < ITEMS; i++) {
        free(rows->keys[i].mv_data);
        free(rows->vals[i].mv_data);
    }
    free(rows);
    snprintf(cmd, sizeof cmd, "rm -rf %s %s", emu_dir, raw_dir);
    if (system(cmd) != 0)
        fprintf(stderr, "bench_emu: could not remove %s, %s\n", emu_dir,
                raw_dir);
}

int
main(int argc, char **argv)
{
    struct counts n = {300000, 150000, 20000};
    const char *shape = argc > 4 ? argv[4] : "both";
    size_t most;
    int64_t *lat;

    if (argc > 1)
        n.gets = strtoul(argv[1], NULL, 10);
    if (argc > 2)
        n.puts = strtoul(argv[2], NULL, 10);
    if (argc > 3)
        n.queries = strtoul(argv[3], NULL, 10);
    if (strcmp(shape, "rich") != 0 && strcmp(shape, "flat") != 0 &&
        strcmp(shape, "both") != 0) {
        fprintf(stderr, "usage: bench_emu [GETS [PUTS [QUERIES "
                        "[rich|flat|both]]]]\n");
        return 2;
    }
    most = n.gets > n.puts ? n.gets : n.puts;
    most = most > n.queries ? most : n.queries;
    lat = malloc((most > ITEMS ? most : ITEMS) * sizeof *lat);
    memset(pad, 'a', sizeof pad - 1);
    if (strcmp(shape, "flat") != 0)
        run_shape(false, n, lat);
    if (strcmp(shape, "rich") != 0)
        run_shape(true, n, lat);
    free(lat);
    return 0;
}
