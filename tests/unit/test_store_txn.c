/*
 * tests/unit/test_store_txn.c - reused read transactions (emu/store/env.c).
 *
 * A store keeps its ended read transactions, reset, and renews them for
 * the next reader. These tests check what must not change because of
 * that: a renewed reader sees every write committed before it began, a
 * reader still open keeps its snapshot, more readers than idle slots
 * work, threads share the idle slots safely, and a map grown by another
 * process is adopted by a renewed reader too. And the catalog cache's
 * shortcut for readers of one snapshot (catalog.c): a reader gets the
 * table as its own snapshot has it, never a newer or an older one.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sst/mem.h>

#include "emu/store/catalog.h"
#include "emu/store/rows.h"
#include "emu/store/store.h"
#include "harness.h"

#define TABLE 7 /* a table id; the rows need no catalog record */

static const uint8_t counter_key[] = {'n'};

/* ------------------------------------------------------------------ */
/* helpers                                                             */

static void
make_tmp(char *out, size_t n)
{
    const char *base = getenv("TMPDIR");

    snprintf(out, n, "%s/sst-test-txn-XXXXXX", base && *base ? base : "/tmp");
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(out));
}

static void
remove_tree(const char *dir)
{
    char cmd[600];

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CU_ASSERT_EQUAL(system(cmd), 0);
}

static struct sst_emu_store *
open_store_sync(const char *path, size_t map_size, bool no_sync)
{
    struct sst_emu_store_config cfg = {path, no_sync, map_size};
    struct sst_emu_store *st = NULL;

    CU_ASSERT_EQUAL(sst_emu_store_open(&cfg, &st, NULL), SST_OK);
    return st;
}

static struct sst_emu_store *
open_store(const char *path, size_t map_size)
{
    return open_store_sync(path, map_size, false);
}

/* Write the counter row: its value is the 8 bytes of v. */
static enum sst_code
write_counter(struct sst_emu_store *st, uint64_t v)
{
    struct sst_emu_txn *txn = NULL;
    enum sst_code rc;

    rc = sst_emu_txn_begin(st, true, &txn, NULL);
    if (rc != SST_OK)
        return rc;
    rc = sst_emu_rows_put(txn, TABLE, 0, counter_key, sizeof counter_key, &v,
                          sizeof v, NULL);
    if (rc != SST_OK) {
        sst_emu_txn_abort(txn);
        return rc;
    }
    return sst_emu_txn_commit(txn, NULL);
}

/* The counter as txn sees it; UINT64_MAX when absent or unreadable. */
static uint64_t
read_counter_in(struct sst_emu_txn *txn)
{
    const void *row;
    size_t len;
    bool found;
    uint64_t v;

    if (sst_emu_rows_get(txn, TABLE, 0, counter_key, sizeof counter_key, &row,
                         &len, &found, NULL) != SST_OK ||
        !found || len != sizeof v)
        return UINT64_MAX;
    memcpy(&v, row, sizeof v);
    return v;
}

/* The counter in a read transaction of its own. */
static uint64_t
read_counter(struct sst_emu_store *st)
{
    struct sst_emu_txn *txn = NULL;
    uint64_t v;

    if (sst_emu_txn_begin(st, false, &txn, NULL) != SST_OK)
        return UINT64_MAX;
    v = read_counter_in(txn);
    sst_emu_txn_abort(txn);
    return v;
}

/* ------------------------------------------------------------------ */
/* one thread                                                          */

/* A reader renewed after a commit sees that commit, whether the reader
 * before it was ended by abort or by commit. */
static void
renewed_reader_sees_later_commits(void)
{
    struct sst_emu_store *st = open_store(NULL, 0);
    struct sst_emu_txn *txn = NULL;
    uint64_t i;

    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    CU_ASSERT_EQUAL(read_counter(st), UINT64_MAX); /* none yet */
    for (i = 0; i < 50; i++) {
        CU_ASSERT_EQUAL_FATAL(write_counter(st, i), SST_OK);
        CU_ASSERT_EQUAL(read_counter(st), i);
        /* The same through commit, which ends a read transaction too. */
        CU_ASSERT_EQUAL_FATAL(sst_emu_txn_begin(st, false, &txn, NULL), SST_OK);
        CU_ASSERT_FALSE(sst_emu_txn_writable(txn));
        CU_ASSERT_PTR_EQUAL(sst_emu_txn_store(txn), st);
        CU_ASSERT_EQUAL(read_counter_in(txn), i);
        CU_ASSERT_EQUAL(sst_emu_txn_commit(txn, NULL), SST_OK);
    }
    sst_emu_store_close(st);
}

/* A reader that stays open keeps its snapshot while others are renewed
 * and see newer data. */
static void
open_reader_keeps_its_snapshot(void)
{
    struct sst_emu_store *st = open_store(NULL, 0);
    struct sst_emu_txn *old = NULL;

    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    CU_ASSERT_EQUAL_FATAL(write_counter(st, 1), SST_OK);
    CU_ASSERT_EQUAL(read_counter(st), 1); /* leaves an idle reader */
    CU_ASSERT_EQUAL_FATAL(sst_emu_txn_begin(st, false, &old, NULL), SST_OK);
    CU_ASSERT_EQUAL_FATAL(write_counter(st, 2), SST_OK);
    CU_ASSERT_EQUAL(read_counter(st), 2);
    CU_ASSERT_EQUAL(read_counter_in(old), 1);
    CU_ASSERT_EQUAL_FATAL(write_counter(st, 3), SST_OK);
    CU_ASSERT_EQUAL(read_counter_in(old), 1);
    sst_emu_txn_abort(old);
    CU_ASSERT_EQUAL(read_counter(st), 3);
    sst_emu_store_close(st);
}

/* More readers open at once than the store keeps idle: every one works,
 * the surplus is freed when it ends (the suite's leak check), and the
 * kept ones serve the next round. */
static void
more_readers_than_idle_slots(void)
{
    enum { N = 40 };
    struct sst_emu_store *st = open_store(NULL, 0);
    struct sst_emu_txn *txn[N];
    int round, i;

    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    for (round = 0; round < 3; round++) {
        CU_ASSERT_EQUAL_FATAL(write_counter(st, (uint64_t)round), SST_OK);
        for (i = 0; i < N; i++)
            CU_ASSERT_EQUAL_FATAL(sst_emu_txn_begin(st, false, &txn[i], NULL),
                                  SST_OK);
        for (i = 0; i < N; i++) {
            CU_ASSERT_EQUAL(read_counter_in(txn[i]), (uint64_t)round);
            if (i % 2)
                sst_emu_txn_abort(txn[i]);
            else
                CU_ASSERT_EQUAL(sst_emu_txn_commit(txn[i], NULL), SST_OK);
        }
    }
    sst_emu_store_close(st);
}

/* ------------------------------------------------------------------ */
/* threads                                                             */

enum { READERS = 4, READS = 3000, WRITES = 300 };

struct reader_arg {
    struct sst_emu_store *st;
    int faults; /* counter unreadable or going backwards */
};

/* Reads the counter over and over: a renewed reader never sees an older
 * value than the reader before it in the same thread. */
static void *
reader_main(void *p)
{
    struct reader_arg *a = p;
    uint64_t last = 0, v;
    int i;

    for (i = 0; i < READS; i++) {
        v = read_counter(a->st);
        if (v == UINT64_MAX || v < last)
            a->faults++;
        last = v;
    }
    return NULL;
}

static void
threads_share_idle_readers(void)
{
    struct sst_emu_store *st = open_store(NULL, 0);
    struct reader_arg args[READERS];
    pthread_t th[READERS];
    uint64_t i;
    int k;

    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    CU_ASSERT_EQUAL_FATAL(write_counter(st, 0), SST_OK);
    for (k = 0; k < READERS; k++) {
        args[k].st = st;
        args[k].faults = 0;
        CU_ASSERT_EQUAL_FATAL(
            pthread_create(&th[k], NULL, reader_main, &args[k]), 0);
    }
    for (i = 1; i <= WRITES; i++)
        CU_ASSERT_EQUAL(write_counter(st, i), SST_OK);
    for (k = 0; k < READERS; k++) {
        CU_ASSERT_EQUAL(pthread_join(th[k], NULL), 0);
        CU_ASSERT_EQUAL(args[k].faults, 0);
    }
    CU_ASSERT_EQUAL(read_counter(st), (uint64_t)WRITES);
    sst_emu_store_close(st);
}

/* ------------------------------------------------------------------ */
/* processes                                                           */

#define SMALL_MAP ((size_t)256 * 1024)
#define BIG_MAP ((size_t)16 << 20)
#define BIG_ROWS 400 /* of 4 KB: well past SMALL_MAP */

/* Child of a_grown_map_is_adopted_on_renew: waits for the go, then
 * writes far more than the parent's map holds (its own map is bigger,
 * and LMDB records the bigger size), in a few transactions, and the
 * counter last. */
static void
child_grows_the_map(const char *dir, int go_fd, bool no_sync, int opened_fd)
{
    struct sst_emu_store_config cfg = {dir, no_sync, BIG_MAP};
    struct sst_emu_store *st = NULL;
    struct sst_emu_txn *txn = NULL;
    static uint8_t val[4096];
    uint32_t i;
    char c;

    if (sst_emu_store_open(&cfg, &st, NULL) != SST_OK)
        _exit(10);
    if (opened_fd >= 0 && write(opened_fd, "o", 1) != 1)
        _exit(16);
    if (read(go_fd, &c, 1) != 1)
        _exit(11);
    for (i = 0; i < BIG_ROWS; i++) {
        uint8_t key[5] = {'b', (uint8_t)(i >> 24), (uint8_t)(i >> 16),
                          (uint8_t)(i >> 8), (uint8_t)i};

        memset(val, (int)(i & 0xFF), sizeof val);
        if (i % 100 == 0 && sst_emu_txn_begin(st, true, &txn, NULL) != SST_OK)
            _exit(12);
        if (sst_emu_rows_put(txn, TABLE, 0, key, sizeof key, val, sizeof val,
                             NULL) != SST_OK)
            _exit(13);
        if (i % 100 == 99 && sst_emu_txn_commit(txn, NULL) != SST_OK)
            _exit(14);
    }
    if (write_counter(st, 99) != SST_OK)
        _exit(15);
    sst_emu_store_close(st);
    _exit(0);
}

/* The parent has idle (reset) readers when another process grows the
 * map past the parent's map size. Renewing one returns MDB_MAP_RESIZED;
 * the store adopts the new size and the reader sees the child's data,
 * the last row included (beyond the parent's old map). */
static void
a_grown_map_is_adopted_on_renew(void)
{
    static const uint8_t last_key[5] = {'b', 0, 0, (BIG_ROWS - 1) >> 8,
                                        (BIG_ROWS - 1) & 0xFF};
    struct sst_emu_store *st;
    struct sst_emu_txn *txn[3] = {NULL, NULL, NULL};
    const void *row;
    size_t len;
    bool found = false;
    char dir[300];
    int go[2], status = -1, i;
    pid_t pid;

    make_tmp(dir, sizeof dir);
    CU_ASSERT_EQUAL_FATAL(pipe(go), 0);
    fflush(NULL);
    pid = fork();
    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0) {
        close(go[1]);
        child_grows_the_map(dir, go[0], false, -1);
    }
    close(go[0]);
    st = open_store(dir, SMALL_MAP);
    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    CU_ASSERT_EQUAL_FATAL(write_counter(st, 1), SST_OK);
    /* Three idle readers, reset, before the map grows. */
    for (i = 0; i < 3; i++)
        CU_ASSERT_EQUAL_FATAL(sst_emu_txn_begin(st, false, &txn[i], NULL),
                              SST_OK);
    for (i = 0; i < 3; i++)
        sst_emu_txn_abort(txn[i]);
    CU_ASSERT_TRUE(sst_emu_store_map_size(st) < BIG_MAP);
    CU_ASSERT_EQUAL(write(go[1], "g", 1), 1);
    CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        printf("\n  the child ended with status %d\n", status);
    CU_ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    close(go[1]);

    CU_ASSERT_EQUAL(read_counter(st), 99);
    CU_ASSERT_TRUE(sst_emu_store_map_size(st) >= BIG_MAP);
    CU_ASSERT_EQUAL_FATAL(sst_emu_txn_begin(st, false, &txn[0], NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_rows_get(txn[0], TABLE, 0, last_key,
                                     sizeof last_key, &row, &len, &found, NULL),
                    SST_OK);
    CU_ASSERT_TRUE(found);
    CU_ASSERT_EQUAL(len, 4096);
    if (found && len == 4096)
        CU_ASSERT_EQUAL(((const uint8_t *)row)[4095], (BIG_ROWS - 1) & 0xFF);
    sst_emu_txn_abort(txn[0]);
    /* The parent writes in the grown map too. */
    CU_ASSERT_EQUAL(write_counter(st, 100), SST_OK);
    CU_ASSERT_EQUAL(read_counter(st), 100);
    sst_emu_store_close(st);
    remove_tree(dir);
}

/* No-sync (MDB_WRITEMAP): LMDB truncates the data file to the map size
 * a process opens with. A process opening with a small map while another
 * works in a big one must not cut the file under the big one (which then
 * dies of SIGBUS writing past the cut): the store opens with at least
 * the file's size. */
static void
a_small_map_never_cuts_a_big_one(void)
{
    static const uint8_t last_key[5] = {'b', 0, 0, (BIG_ROWS - 1) >> 8,
                                        (BIG_ROWS - 1) & 0xFF};
    struct sst_emu_store *st;
    struct sst_emu_txn *txn = NULL;
    const void *row;
    size_t len;
    bool found = false;
    char dir[300], c;
    int go[2], opened[2], status = -1;
    pid_t pid;

    make_tmp(dir, sizeof dir);
    CU_ASSERT_EQUAL_FATAL(pipe(go), 0);
    CU_ASSERT_EQUAL_FATAL(pipe(opened), 0);
    fflush(NULL);
    pid = fork();
    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0) {
        close(go[1]);
        close(opened[0]);
        child_grows_the_map(dir, go[0], true, opened[1]);
    }
    close(go[0]);
    close(opened[1]);
    /* the child has its big map before the parent opens a small one */
    CU_ASSERT_EQUAL(read(opened[0], &c, 1), 1);
    st = open_store_sync(dir, SMALL_MAP, true);
    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    CU_ASSERT_TRUE(sst_emu_store_map_size(st) >= BIG_MAP);
    CU_ASSERT_EQUAL(write(go[1], "g", 1), 1);
    CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        printf("\n  the child ended with status %d\n", status);
    CU_ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    close(go[1]);
    close(opened[0]);
    CU_ASSERT_EQUAL(read_counter(st), 99);
    CU_ASSERT_EQUAL_FATAL(sst_emu_txn_begin(st, false, &txn, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_rows_get(txn, TABLE, 0, last_key, sizeof last_key,
                                     &row, &len, &found, NULL),
                    SST_OK);
    CU_ASSERT_TRUE(found && len == 4096);
    sst_emu_txn_abort(txn);
    sst_emu_store_close(st);
    remove_tree(dir);
}

/* ------------------------------------------------------------------ */
/* the catalog shortcut of one snapshot                                */

/* Add table "tbl" (hash key pk, S). */
static enum sst_code
create_tbl(struct sst_emu_store *st)
{
    struct sst_emu_table *t = sst_emu_table_new();
    struct sst_emu_txn *txn = NULL;
    enum sst_code rc = SST_E_NOMEM;

    if (t == NULL)
        return rc;
    t->name = sst_strdup("tbl");
    t->attr_count = 1;
    t->attrs = sst_calloc(1, sizeof *t->attrs);
    if (t->name != NULL && t->attrs != NULL &&
        (t->attrs[0].name = sst_strdup("pk")) != NULL) {
        t->attrs[0].type = SST_EMU_ATTR_S;
        t->key.hash_count = 1;
        t->key.hash[0] = 0;
        t->billing = SST_EMU_BILLING_PAY_PER_REQUEST;
        rc = sst_emu_txn_begin(st, true, &txn, NULL);
    }
    if (rc == SST_OK)
        rc = sst_emu_catalog_create(txn, t, NULL);
    if (rc == SST_OK)
        rc = sst_emu_txn_commit(txn, NULL);
    else
        sst_emu_txn_abort(txn);
    sst_emu_table_free(t);
    return rc;
}

/* Turn TTL on for "tbl" (a new revision), or delete it. */
static enum sst_code
change_tbl(struct sst_emu_store *st, bool delete)
{
    struct sst_emu_table *m = NULL;
    struct sst_emu_txn *txn = NULL;
    enum sst_code rc;

    rc = sst_emu_txn_begin(st, true, &txn, NULL);
    if (rc != SST_OK)
        return rc;
    rc = sst_emu_catalog_load(txn, "tbl", &m, NULL);
    if (rc == SST_OK && m == NULL)
        rc = SST_E_NOT_FOUND;
    if (rc == SST_OK && delete) {
        rc = sst_emu_catalog_delete(txn, m, NULL);
    } else if (rc == SST_OK) {
        m->ttl_enabled = true;
        m->ttl_attr = sst_strdup("exp");
        rc = sst_emu_catalog_update(txn, m, NULL);
    }
    if (rc == SST_OK)
        rc = sst_emu_txn_commit(txn, NULL);
    else
        sst_emu_txn_abort(txn);
    sst_emu_table_free(m);
    return rc;
}

/* The table as txn sees it: its revision, 0 when absent, -1 on error. */
static long
tbl_rev(struct sst_emu_txn *txn, const struct sst_emu_table **keep)
{
    const struct sst_emu_table *t = NULL;
    long rev;

    if (sst_emu_catalog_get(txn, "tbl", &t, NULL) != SST_OK)
        return -1;
    rev = t == NULL ? 0 : (long)t->rev;
    if (t != NULL && rev != (t->ttl_enabled ? 2 : 1))
        rev = -1; /* a description of another revision */
    if (keep != NULL)
        *keep = t;
    else
        sst_emu_table_release(t);
    return rev;
}

static void
snapshot_readers_share_the_table(void)
{
    struct sst_emu_store *st = open_store(NULL, 0);
    struct sst_emu_txn *r1 = NULL, *r2 = NULL, *r3 = NULL;
    const struct sst_emu_table *a = NULL, *b = NULL;

    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    CU_ASSERT_EQUAL_FATAL(create_tbl(st), SST_OK);
    CU_ASSERT_EQUAL_FATAL(sst_emu_txn_begin(st, false, &r1, NULL), SST_OK);
    CU_ASSERT_EQUAL(tbl_rev(r1, &a), 1);
    CU_ASSERT_EQUAL(tbl_rev(r1, &b), 1);
    CU_ASSERT_PTR_EQUAL(a, b); /* the second time by the shortcut */
    sst_emu_table_release(b);

    /* r1 stays at revision 1 while r2 reads revision 2, in either order
     * and again, whichever of them checked the cache last. */
    CU_ASSERT_EQUAL_FATAL(change_tbl(st, false), SST_OK);
    CU_ASSERT_EQUAL_FATAL(sst_emu_txn_begin(st, false, &r2, NULL), SST_OK);
    CU_ASSERT_EQUAL(tbl_rev(r2, &b), 2);
    CU_ASSERT_PTR_NOT_EQUAL(a, b);
    sst_emu_table_release(b);
    CU_ASSERT_EQUAL(tbl_rev(r1, NULL), 1);
    CU_ASSERT_EQUAL(tbl_rev(r1, NULL), 1);
    CU_ASSERT_EQUAL(tbl_rev(r2, NULL), 2);
    CU_ASSERT_EQUAL(tbl_rev(r1, NULL), 1);
    sst_emu_txn_abort(r1);

    /* Deleted: r2's snapshot still has it, a new reader has not. */
    CU_ASSERT_EQUAL_FATAL(change_tbl(st, true), SST_OK);
    CU_ASSERT_EQUAL(tbl_rev(r2, NULL), 2);
    CU_ASSERT_EQUAL_FATAL(sst_emu_txn_begin(st, false, &r3, NULL), SST_OK);
    CU_ASSERT_EQUAL(tbl_rev(r3, NULL), 0);
    CU_ASSERT_EQUAL(tbl_rev(r2, NULL), 2);
    CU_ASSERT_EQUAL(tbl_rev(r3, NULL), 0);
    sst_emu_txn_abort(r3);
    sst_emu_txn_abort(r2);

    /* Created again: a new table, revision 1, for the next reader. */
    CU_ASSERT_EQUAL_FATAL(create_tbl(st), SST_OK);
    CU_ASSERT_EQUAL_FATAL(sst_emu_txn_begin(st, false, &r1, NULL), SST_OK);
    CU_ASSERT_EQUAL(tbl_rev(r1, &b), 1);
    CU_ASSERT_PTR_NOT_EQUAL(a, b);
    CU_ASSERT_TRUE(b != NULL && a->id != b->id);
    sst_emu_table_release(b);
    sst_emu_txn_abort(r1);
    sst_emu_table_release(a);
    sst_emu_store_close(st);
}

/* ------------------------------------------------------------------ */
/* faulting in ahead (txn.c)                                           */

/* Write rows first .. first + n - 1 of 1,000 bytes, one write
 * transaction each. */
static void
write_rows(struct sst_emu_store *st, unsigned first, unsigned n)
{
    static uint8_t value[1000];
    struct sst_emu_txn *txn = NULL;
    uint8_t key[8];
    unsigned i;

    for (i = first; i < first + n; i++) {
        memset(value, (int)(i & 0xff), sizeof value);
        snprintf((char *)key, sizeof key, "r%05u", i);
        CU_ASSERT_EQUAL_FATAL(sst_emu_txn_begin(st, true, &txn, NULL), SST_OK);
        CU_ASSERT_EQUAL_FATAL(
            sst_emu_rows_put(txn, TABLE, 0, key, 6, value, sizeof value, NULL),
            SST_OK);
        CU_ASSERT_EQUAL_FATAL(sst_emu_txn_commit(txn, NULL), SST_OK);
    }
}

/* An in-memory store touches no page ahead until it is written; then,
 * after every commit, the pages after the last one used are faulted in,
 * at least 128 KB of them and at most 256 KB (one chunk and a half less
 * a page at most), however far the store grows; and what was written
 * reads back. */
static void
in_memory_store_faults_pages_in_ahead(void)
{
    struct sst_emu_store *st = open_store(NULL, 0);
    struct sst_emu_txn *txn = NULL;
    size_t used, faulted, used0, i;
    const void *row;
    size_t len;
    bool found;

    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    sst_emu_store_fault_info(st, &used0, &faulted);
    CU_ASSERT_EQUAL(faulted, 0);
    CU_ASSERT_TRUE(used0 > 0);
    for (i = 0; i < 8; i++) {
        write_rows(st, (unsigned)i * 300, 300); /* about 300 KB more */
        sst_emu_store_fault_info(st, &used, &faulted);
        CU_ASSERT_TRUE(used > used0);
        CU_ASSERT_TRUE(faulted >= used + 128 * 1024);
        CU_ASSERT_TRUE(faulted <= used + 384 * 1024);
        used0 = used;
    }
    CU_ASSERT_TRUE(used > 1024 * 1024);
    CU_ASSERT_EQUAL_FATAL(sst_emu_txn_begin(st, false, &txn, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_rows_get(txn, TABLE, 0, (const uint8_t *)"r02399",
                                     6, &row, &len, &found, NULL),
                    SST_OK);
    CU_ASSERT_TRUE(found);
    CU_ASSERT_EQUAL(len, 1000);
    if (found && len == 1000)
        CU_ASSERT_EQUAL(((const uint8_t *)row)[999], 2399 & 0xff);
    sst_emu_txn_abort(txn);
    sst_emu_store_close(st);
}

/* A store on disk, synced or not, never faults pages in ahead: that
 * would give its file blocks before LMDB needs them. */
static void
store_on_disk_faults_nothing_ahead(void)
{
    char dir[256];
    size_t used, faulted;
    int no_sync;

    for (no_sync = 0; no_sync <= 1; no_sync++) {
        struct sst_emu_store *st;

        make_tmp(dir, sizeof dir);
        st = open_store_sync(dir, 0, no_sync);
        CU_ASSERT_PTR_NOT_NULL_FATAL(st);
        write_rows(st, 0, 300);
        sst_emu_store_fault_info(st, &used, &faulted);
        CU_ASSERT_TRUE(used > 300 * 1000);
        CU_ASSERT_EQUAL(faulted, 0);
        sst_emu_store_close(st);
        remove_tree(dir);
    }
}

static const struct sst_test reuse_tests[] = {
    {"a renewed reader sees later commits", renewed_reader_sees_later_commits},
    {"an open reader keeps its snapshot", open_reader_keeps_its_snapshot},
    {"more readers than idle slots", more_readers_than_idle_slots},
    {"threads share the idle readers", threads_share_idle_readers},
    {"a grown map is adopted on renew", a_grown_map_is_adopted_on_renew},
    {"a small map never cuts a big one", a_small_map_never_cuts_a_big_one},
    {"readers of one snapshot share the table",
     snapshot_readers_share_the_table},
    {NULL, NULL},
};

static const struct sst_test fault_tests[] = {
    {"an in-memory store faults pages in ahead",
     in_memory_store_faults_pages_in_ahead},
    {"a store on disk faults nothing ahead",
     store_on_disk_faults_nothing_ahead},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"read transaction reuse", NULL, NULL, reuse_tests},
        {"faulting in ahead", NULL, NULL, fault_tests},
        {NULL, NULL, NULL, NULL},
    };

    return sst_test_main(argc, argv, "test_store_txn", suites);
}
