/*
 * tests/unit/test_emu_durability.c - the emulator under crashes and under
 * several processes at once, on emu:DIR (a real LMDB directory).
 *
 *   - crash: a child process writes items in a loop on emu:DIR (PutItem
 *     and BatchWriteItem, on a table with a global and a local index) and
 *     reports each acknowledged write through a pipe; the parent kills it
 *     with SIGKILL at a random moment, at least 50 times. After each kill
 *     the parent opens the directory: every acknowledged write is there,
 *     and sst_emu_verify() finds the index rows and counters agreeing
 *     with the items.
 *   - contention: four processes write 500 distinct items each into one
 *     directory at the same time; all 2000 are there afterwards, with
 *     their index rows.
 *   - conditional increments: four processes each make 500 increments of
 *     one counter in one durable directory (emu:DIR), each a read and an
 *     UpdateItem "SET n = :new" conditioned on "n = :old", retried when
 *     the condition fails; the counter ends at exactly 2000; and four
 *     threads sharing one emulator (whose writers queue on the store's
 *     write gate) with two processes besides do the same.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>

#include <sst/emu.h>
#include <sst/sst.h>

#include "emu/ops/ops.h"
#include "harness.h"

#define ROUNDS 60
#define CRASH_SECONDS 40 /* stop early, after 50 rounds, past this */
#define WRITERS 4
#define WRITES 500
#define INCREMENTS 500

#define TABLE                                                                  \
    "{\"TableName\":\"tbl\",\"BillingMode\":\"PAY_PER_REQUEST\","            \
    "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"        \
    "{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}],"                     \
    "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":" \
    "\"S\"},{\"AttributeName\":\"sk\",\"AttributeType\":\"N\"},"             \
    "{\"AttributeName\":\"g\",\"AttributeType\":\"S\"},"                     \
    "{\"AttributeName\":\"l\",\"AttributeType\":\"N\"}],"                    \
    "\"GlobalSecondaryIndexes\":[{\"IndexName\":\"byg\",\"KeySchema\":["     \
    "{\"AttributeName\":\"g\",\"KeyType\":\"HASH\"}],\"Projection\":{"       \
    "\"ProjectionType\":\"INCLUDE\",\"NonKeyAttributes\":[\"v\"]}}],"        \
    "\"LocalSecondaryIndexes\":[{\"IndexName\":\"byl\",\"KeySchema\":["      \
    "{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},{\"AttributeName\":"    \
    "\"l\",\"KeyType\":\"RANGE\"}],\"Projection\":{\"ProjectionType\":"      \
    "\"ALL\"}}]}"

static void
make_tmp(char *out, size_t n)
{
    const char *base = getenv("TMPDIR");

    snprintf(out, n, "%s/sst-test-durability-XXXXXX",
             base && *base ? base : "/tmp");
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(out));
}

static void
remove_tree(const char *dir)
{
    char cmd[600];

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CU_ASSERT_EQUAL(system(cmd), 0);
}

static enum sst_code
call(struct sst_emu *emu, const char *op, const char *req,
     struct json_object **resp)
{
    struct json_object *r = json_tokener_parse(req), *out = NULL;
    struct sst_err e;
    enum sst_code rc = sst_emu_call(emu, op, r, &out, &e);

    json_object_put(r);
    if (resp != NULL)
        *resp = out;
    else
        json_object_put(out);
    return rc;
}

static void
item_text(char *buf, size_t n, const char *who, unsigned id)
{
    snprintf(buf, n,
             "{\"pk\":{\"S\":\"%s%u\"},\"sk\":{\"N\":\"%u\"},"
             "\"g\":{\"S\":\"g%u\"},\"l\":{\"N\":\"%u\"},"
             "\"v\":{\"S\":\"value %u\"},\"pad\":{\"S\":\"%0200u\"}}",
             who, id % 17, id, id % 5, id, id, id);
}

/* Whether the item of id is stored. */
static bool
present(struct sst_emu *emu, const char *who, unsigned id)
{
    struct json_object *resp = NULL;
    char req[256];
    bool found;

    snprintf(req, sizeof req,
             "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"%s%u\"},"
             "\"sk\":{\"N\":\"%u\"}}}",
             who, id % 17, id);
    if (call(emu, "GetItem", req, &resp) != SST_OK)
        return false;
    found = json_object_object_get_ex(resp, "Item", NULL);
    json_object_put(resp);
    return found;
}

static void
verify(struct sst_emu *emu)
{
    struct sst_err e;
    enum sst_code rc = sst_emu_verify(sst_emu_store_of(emu), &e);

    if (rc != SST_OK)
        fprintf(stderr, "\n  verify: %s\n", e.message);
    CU_ASSERT_EQUAL(rc, SST_OK);
}

/* ------------------------------------------------------------------ */
/* crash                                                               */

/* The child: write from id `first` on, acknowledging each write (an id,
 * 4 bytes) once the call returned. Never returns. */
static void
writer(const char *dir, unsigned first, int ack)
{
    struct sst_backend *b = NULL;
    struct sst_emu *emu;
    char item[512], req[2048];
    unsigned id = first;

    /* The URI a user writes: emu:DIR, durable by default. */
    snprintf(req, sizeof req, "emu:%s", dir);
    if (sst_backend_open(req, &b, NULL) != SST_OK ||
        (emu = sst_emu_from_backend(b)) == NULL)
        _exit(2);
    (void)call(emu, "CreateTable", TABLE, NULL); /* exists after round 1 */
    for (;;) {
        if (id % 4 == 3) {
            /* a batch of three items, acknowledged together */
            size_t used = (size_t)snprintf(req, sizeof req,
                                           "{\"RequestItems\":{\"tbl\":[");
            unsigned k;
            for (k = 0; k < 3; k++) {
                item_text(item, sizeof item, "c", id + k);
                used += (size_t)snprintf(req + used, sizeof req - used,
                                         "%s{\"PutRequest\":{\"Item\":%s}}",
                                         k ? "," : "", item);
            }
            snprintf(req + used, sizeof req - used, "]}}");
            if (call(emu, "BatchWriteItem", req, NULL) != SST_OK)
                _exit(3);
            for (k = 0; k < 3; k++, id++)
                if (write(ack, &id, sizeof id) != sizeof id)
                    _exit(4);
            continue;
        }
        item_text(item, sizeof item, "c", id);
        snprintf(req, sizeof req, "{\"TableName\":\"tbl\",\"Item\":%s}", item);
        if (call(emu, "PutItem", req, NULL) != SST_OK)
            _exit(3);
        if (write(ack, &id, sizeof id) != sizeof id)
            _exit(4);
        id++;
    }
}

/* One round: start a writer, kill it after ms milliseconds, collect
 * what it acknowledged. Returns the next id to write. */
static unsigned
crash_round(const char *dir, unsigned first, long ms, unsigned char *acked,
            size_t cap)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    unsigned id, next = first;
    int fds[2], status;
    pid_t pid;
    ssize_t n;

    CU_ASSERT_EQUAL_FATAL(pipe(fds), 0);
    pid = fork();
    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        writer(dir, first, fds[1]);
    }
    close(fds[1]);
    nanosleep(&ts, NULL);
    kill(pid, SIGKILL);
    while ((n = read(fds[0], &id, sizeof id)) == sizeof id)
        if (id < cap) {
            acked[id] = 1;
            if (id + 1 > next)
                next = id + 1;
        }
    close(fds[0]);
    CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
    /* Killed, not failed: a writer that exits reports an error. */
    CU_ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    /* An id written but not acknowledged may or may not be there; skip
     * past a batch so that ids never repeat. */
    return next + 3;
}

static void
acknowledged_writes_survive_sigkill(void)
{
    char dir[256];
    size_t cap = 1u << 20;
    unsigned char *acked = calloc(cap, 1);
    struct sst_emu *emu = NULL;
    unsigned next = 0, id, checked = 0;
    time_t start = time(NULL);
    int round;

    make_tmp(dir, sizeof dir);
    srand(12345);
    for (round = 0; round < ROUNDS; round++) {
        if (round >= 50 && time(NULL) - start > CRASH_SECONDS)
            break;
        next = crash_round(dir, next, 10 + rand() % 70, acked, cap);
        CU_ASSERT_EQUAL_FATAL(sst_emu_open(dir, NULL, &emu, NULL), SST_OK);
        for (id = 0; id < next && id < cap; id++)
            if (acked[id]) {
                if (!present(emu, "c", id))
                    fprintf(stderr, "\n  round %d: write %u lost\n", round, id);
                CU_ASSERT_TRUE(present(emu, "c", id));
                checked++;
            }
        verify(emu);
        sst_emu_close(emu);
        emu = NULL;
    }
    for (id = 0, next = 0; id < cap; id++)
        next += acked[id];
    printf("\n  %d rounds killed; %u acknowledged writes, %u checks of them "
           "after the kills\n",
           round, next, checked);
    CU_ASSERT_TRUE(round >= 50);
    CU_ASSERT_TRUE(checked > 0);
    free(acked);
    remove_tree(dir);
}

/* ------------------------------------------------------------------ */
/* contention                                                          */

static void
contender(const char *dir, int who)
{
    struct sst_emu_options o;
    struct sst_emu *emu = NULL;
    char item[512], req[1024], name[8];
    unsigned i;

    sst_emu_options_init(&o);
    o.no_sync = true;
    if (sst_emu_open(dir, &o, &emu, NULL) != SST_OK)
        _exit(2);
    snprintf(name, sizeof name, "w%d-", who);
    for (i = 0; i < WRITES; i++) {
        item_text(item, sizeof item, name, i);
        snprintf(req, sizeof req, "{\"TableName\":\"tbl\",\"Item\":%s}", item);
        if (call(emu, "PutItem", req, NULL) != SST_OK)
            _exit(3);
    }
    sst_emu_close(emu);
    _exit(0);
}

static void
four_processes_write_one_directory(void)
{
    struct sst_emu_options o;
    struct sst_emu *emu = NULL;
    struct json_object *resp = NULL;
    pid_t pids[WRITERS];
    char dir[256], name[8];
    unsigned i;
    int w, status;

    make_tmp(dir, sizeof dir);
    sst_emu_options_init(&o);
    o.no_sync = true;
    CU_ASSERT_EQUAL_FATAL(sst_emu_open(dir, &o, &emu, NULL), SST_OK);
    CU_ASSERT_EQUAL_FATAL(call(emu, "CreateTable", TABLE, NULL), SST_OK);
    sst_emu_close(emu);
    for (w = 0; w < WRITERS; w++) {
        pids[w] = fork();
        CU_ASSERT_FATAL(pids[w] >= 0);
        if (pids[w] == 0)
            contender(dir, w);
    }
    for (w = 0; w < WRITERS; w++) {
        CU_ASSERT_EQUAL(waitpid(pids[w], &status, 0), pids[w]);
        CU_ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    CU_ASSERT_EQUAL_FATAL(sst_emu_open(dir, &o, &emu, NULL), SST_OK);
    for (w = 0; w < WRITERS; w++) {
        snprintf(name, sizeof name, "w%d-", w);
        for (i = 0; i < WRITES; i++)
            CU_ASSERT_TRUE(present(emu, name, i));
    }
    CU_ASSERT_EQUAL(call(emu, "DescribeTable", "{\"TableName\":\"tbl\"}",
                         &resp),
                    SST_OK);
    CU_ASSERT_EQUAL(json_object_get_int64(json_object_object_get(
                        json_object_object_get(resp, "Table"), "ItemCount")),
                    WRITERS * WRITES);
    json_object_put(resp);
    verify(emu);
    sst_emu_close(emu);
    remove_tree(dir);
}

/* ------------------------------------------------------------------ */
/* conditional increments                                              */

#define COUNTER_KEY "\"pk\":{\"S\":\"counter\"},\"sk\":{\"N\":\"0\"}"

/* The counter's value, read consistently; -1 when it cannot be read. */
static long
read_counter(struct sst_emu *emu)
{
    struct json_object *resp = NULL, *item, *n, *v;
    long value = -1;

    if (call(emu, "GetItem",
             "{\"TableName\":\"tbl\",\"ConsistentRead\":true,"
             "\"Key\":{" COUNTER_KEY "}}",
             &resp) == SST_OK &&
        json_object_object_get_ex(resp, "Item", &item) &&
        json_object_object_get_ex(item, "n", &n) &&
        json_object_object_get_ex(n, "N", &v))
        value = strtol(json_object_get_string(v), NULL, 10);
    json_object_put(resp);
    return value;
}

/* n increments of the counter, each retried until its condition holds,
 * the failed conditions counted in *retries: 0, or the step that failed
 * (3: a read, 4: an update that failed otherwise). */
static int
increment(struct sst_emu *emu, unsigned n, unsigned *retries)
{
    char req[512];
    unsigned i;
    enum sst_code rc;
    long old;

    for (i = 0; i < n; i++) {
        for (;;) {
            if ((old = read_counter(emu)) < 0)
                return 3;
            snprintf(req, sizeof req,
                     "{\"TableName\":\"tbl\",\"Key\":{" COUNTER_KEY "},"
                     "\"UpdateExpression\":\"SET n = :new\","
                     "\"ConditionExpression\":\"n = :old\","
                     "\"ExpressionAttributeValues\":{"
                     "\":old\":{\"N\":\"%ld\"},\":new\":{\"N\":\"%ld\"}}}",
                     old, old + 1);
            rc = call(emu, "UpdateItem", req, NULL);
            if (rc == SST_OK)
                break;
            if (rc != SST_E_CONDITION_FAILED)
                return 4;
            (*retries)++;
        }
    }
    return 0;
}

/* The child: n increments; reports the number of failed conditions (4
 * bytes) through `report`. Never returns. */
static void
incrementer(const char *dir, unsigned n, int report)
{
    struct sst_backend *b = NULL;
    struct sst_emu *emu;
    char uri[300];
    unsigned retries = 0;
    int step;

    /* The URI a user writes: emu:DIR, durable by default. */
    snprintf(uri, sizeof uri, "emu:%s", dir);
    if (sst_backend_open(uri, &b, NULL) != SST_OK ||
        (emu = sst_emu_from_backend(b)) == NULL)
        _exit(2);
    if ((step = increment(emu, n, &retries)) != 0)
        _exit(step);
    if (write(report, &retries, sizeof retries) != sizeof retries)
        _exit(5);
    sst_backend_close(b);
    _exit(0);
}

/* A directory holding table "tbl" with the counter at 0. */
static void
counter_dir(char *dir, size_t n)
{
    struct sst_emu *emu = NULL;

    make_tmp(dir, n);
    CU_ASSERT_EQUAL_FATAL(sst_emu_open(dir, NULL, &emu, NULL), SST_OK);
    CU_ASSERT_EQUAL_FATAL(call(emu, "CreateTable", TABLE, NULL), SST_OK);
    CU_ASSERT_EQUAL_FATAL(call(emu, "PutItem",
                               "{\"TableName\":\"tbl\",\"Item\":{" COUNTER_KEY
                               ",\"n\":{\"N\":\"0\"}}}",
                               NULL),
                          SST_OK);
    sst_emu_close(emu);
}

static void
four_processes_increment_one_counter(void)
{
    struct sst_emu *emu = NULL;
    pid_t pids[WRITERS];
    unsigned retries = 0, r;
    char dir[256];
    int w, status, fds[2];

    counter_dir(dir, sizeof dir);
    CU_ASSERT_EQUAL_FATAL(pipe(fds), 0);
    for (w = 0; w < WRITERS; w++) {
        pids[w] = fork();
        CU_ASSERT_FATAL(pids[w] >= 0);
        if (pids[w] == 0) {
            close(fds[0]);
            incrementer(dir, INCREMENTS, fds[1]);
        }
    }
    close(fds[1]);
    for (w = 0; w < WRITERS; w++) {
        CU_ASSERT_EQUAL(waitpid(pids[w], &status, 0), pids[w]);
        CU_ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    for (w = 0; w < WRITERS && read(fds[0], &r, sizeof r) == sizeof r; w++)
        retries += r;
    close(fds[0]);
    CU_ASSERT_EQUAL(w, WRITERS);
    CU_ASSERT_EQUAL_FATAL(sst_emu_open(dir, NULL, &emu, NULL), SST_OK);
    CU_ASSERT_EQUAL(read_counter(emu), WRITERS * INCREMENTS);
    printf("\n  counter at %ld after %d x %d increments; %u failed "
           "conditions retried\n",
           read_counter(emu), WRITERS, INCREMENTS, retries);
    verify(emu);
    sst_emu_close(emu);
    remove_tree(dir);
}

struct inc_thread {
    struct sst_emu *emu;
    unsigned retries;
    int step;
};

static void *
inc_thread_main(void *arg)
{
    struct inc_thread *t = arg;

    t->step = increment(t->emu, INCREMENTS / 2, &t->retries);
    return NULL;
}

/* Writers of one process queue on the store's write gate, those of
 * others on LMDB's lock: four threads sharing one emulator and two
 * processes each make INCREMENTS / 2 conditional increments at once, and
 * the counter ends at exactly the sum. */
static void
threads_and_processes_increment_one_counter(void)
{
    struct sst_emu *emu = NULL;
    struct inc_thread t[WRITERS];
    pthread_t th[WRITERS];
    pid_t pids[2];
    unsigned retries = 0, r;
    char dir[256];
    int w, status, fds[2];

    counter_dir(dir, sizeof dir);
    CU_ASSERT_EQUAL_FATAL(pipe(fds), 0);
    fflush(NULL);
    for (w = 0; w < 2; w++) {
        pids[w] = fork();
        CU_ASSERT_FATAL(pids[w] >= 0);
        if (pids[w] == 0) {
            close(fds[0]);
            incrementer(dir, INCREMENTS / 2, fds[1]);
        }
    }
    close(fds[1]);
    CU_ASSERT_EQUAL_FATAL(sst_emu_open(dir, NULL, &emu, NULL), SST_OK);
    for (w = 0; w < WRITERS; w++) {
        t[w] = (struct inc_thread){emu, 0, -1};
        CU_ASSERT_EQUAL_FATAL(
            pthread_create(&th[w], NULL, inc_thread_main, &t[w]), 0);
    }
    for (w = 0; w < WRITERS; w++) {
        pthread_join(th[w], NULL);
        CU_ASSERT_EQUAL(t[w].step, 0);
        retries += t[w].retries;
    }
    for (w = 0; w < 2; w++) {
        CU_ASSERT_EQUAL(waitpid(pids[w], &status, 0), pids[w]);
        CU_ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    for (w = 0; w < 2 && read(fds[0], &r, sizeof r) == sizeof r; w++)
        retries += r;
    close(fds[0]);
    CU_ASSERT_EQUAL(w, 2);
    CU_ASSERT_EQUAL(read_counter(emu), (WRITERS + 2) * (INCREMENTS / 2));
    printf("\n  counter at %ld after %d x %d increments; %u failed "
           "conditions retried\n",
           read_counter(emu), WRITERS + 2, INCREMENTS / 2, retries);
    verify(emu);
    sst_emu_close(emu);
    remove_tree(dir);
}

static const struct sst_test tests[] = {
    {"acknowledged writes survive SIGKILL",
     acknowledged_writes_survive_sigkill},
    {"four processes write one directory", four_processes_write_one_directory},
    {"four processes increment one counter",
     four_processes_increment_one_counter},
    {"threads and processes increment one counter",
     threads_and_processes_increment_one_counter},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"durability", NULL, NULL, tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_emu_durability", suites);
}
