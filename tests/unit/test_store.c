/*
 * tests/unit/test_store.c - the emulator's LMDB store: key encoding order,
 * environments (persistent, in memory, shared by two processes), the map
 * size limit, rows with short and long keys, counters, the catalog
 * with its cache, and the stored form of items (item.h): round trips of
 * random items against the attribute-value module, and damaged rows.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sst/sst.h>

#include <json-c/json.h>

#include "emu/expr/av.h"
#include "emu/store/catalog.h"
#include "emu/store/cursor.h"
#include "emu/store/item.h"
#include "emu/store/key.h"
#include "emu/store/rows.h"
#include "emu/store/store.h"
#include "harness.h"

/* ------------------------------------------------------------------ */
/* helpers                                                             */

static void
make_tmp(char *out, size_t n)
{
    const char *base = getenv("TMPDIR");

    snprintf(out, n, "%s/sst-test-store-XXXXXX", base && *base ? base : "/tmp");
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(out));
}

static void
remove_tree(const char *dir)
{
    char cmd[600];

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CU_ASSERT_EQUAL(system(cmd), 0);
}

static int
count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;

    if (d == NULL)
        return -1;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    closedir(d);
    return n;
}

static struct sst_emu_store *
open_store(const char *path, size_t map_size)
{
    struct sst_emu_store_config cfg = {path, false, map_size};
    struct sst_emu_store *st = NULL;
    struct sst_err e;

    CU_ASSERT_EQUAL(sst_emu_store_open(&cfg, &st, &e), SST_OK);
    return st;
}

/* A hash(pk S) table, or hash+range with range_type >= 0. */
static struct sst_emu_table *
make_table(const char *name, int range_type)
{
    struct sst_emu_table *t = sst_emu_table_new();

    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    t->name = sst_strdup(name);
    t->attr_count = range_type >= 0 ? 2 : 1;
    t->attrs = sst_calloc(t->attr_count, sizeof *t->attrs);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t->attrs);
    t->attrs[0].name = sst_strdup("pk");
    t->attrs[0].type = SST_EMU_ATTR_S;
    t->key.hash_count = 1;
    t->key.hash[0] = 0;
    if (range_type >= 0) {
        t->attrs[1].name = sst_strdup("sk");
        t->attrs[1].type = (enum sst_emu_attr_type)range_type;
        t->key.range_count = 1;
        t->key.range[0] = 1;
    }
    t->billing = SST_EMU_BILLING_PAY_PER_REQUEST;
    t->created_ms = 1700000000123;
    return t;
}

static enum sst_code
create_table(struct sst_emu_store *st, const char *name, uint64_t *id)
{
    struct sst_emu_table *t = make_table(name, -1);
    struct sst_emu_txn *txn = NULL;
    struct sst_err e;
    enum sst_code rc;

    rc = sst_emu_txn_begin(st, true, &txn, &e);
    if (rc == SST_OK)
        rc = sst_emu_catalog_create(txn, t, &e);
    if (rc == SST_OK) {
        if (id)
            *id = t->id;
        rc = sst_emu_txn_commit(txn, &e);
    } else {
        sst_emu_txn_abort(txn);
    }
    sst_emu_table_free(t);
    return rc;
}

static size_t
list_names(struct sst_emu_store *st, char ***names)
{
    struct sst_emu_txn *txn = NULL;
    size_t n = 0;
    bool more;

    CU_ASSERT_EQUAL_FATAL(sst_emu_txn_begin(st, false, &txn, NULL), SST_OK);
    CU_ASSERT_EQUAL(
        sst_emu_catalog_list(txn, NULL, 1000, names, &n, &more, NULL), SST_OK);
    CU_ASSERT_FALSE(more);
    sst_emu_txn_abort(txn);
    return n;
}

/* ------------------------------------------------------------------ */
/* key encoding                                                        */

static int
sign(int v)
{
    return (v > 0) - (v < 0);
}

/* DynamoDB's order of binary (and UTF-8 string) values. */
static int
raw_cmp(const uint8_t *a, size_t an, const uint8_t *b, size_t bn)
{
    size_t n = an < bn ? an : bn;
    int c = n ? memcmp(a, b, n) : 0;
    return c ? sign(c) : (an > bn) - (an < bn);
}

static int
key_cmp(const struct sst_emu_key *a, const struct sst_emu_key *b)
{
    return raw_cmp(a->data, a->len, b->data, b->len);
}

static void
key_components_are_escaped(void)
{
    static const uint8_t v[] = {'a', 0x00, 'b', 0xFF, 0x01};
    static const uint8_t want[] = {'a',  0x00, 0xFF, 'b',  0xFF, 0x01,
                                   0x00, 0x01, 'x',  0x00, 0x01};
    struct sst_emu_key k;
    uint8_t out[16];
    size_t n, used;

    sst_emu_key_init(&k);
    CU_ASSERT_EQUAL(sst_emu_key_add_b(&k, v, sizeof v, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_key_add_s(&k, "x", 1, NULL), SST_OK);
    CU_ASSERT_EQUAL(k.len, sizeof want);
    CU_ASSERT_EQUAL(memcmp(k.data, want, sizeof want), 0);
    CU_ASSERT_TRUE(sst_emu_key_decode(k.data, k.len, out, &n, &used));
    CU_ASSERT_EQUAL(n, sizeof v);
    CU_ASSERT_EQUAL(memcmp(out, v, sizeof v), 0);
    CU_ASSERT_EQUAL(used, 8);
    CU_ASSERT_TRUE(
        sst_emu_key_decode(k.data + used, k.len - used, out, &n, &used));
    CU_ASSERT_EQUAL(n, 1);
    CU_ASSERT_EQUAL(out[0], 'x');
    /* Malformed: no terminator; 0x00 followed by another byte. */
    CU_ASSERT_FALSE(
        sst_emu_key_decode((const uint8_t *)"ab", 2, NULL, &n, &used));
    CU_ASSERT_FALSE(
        sst_emu_key_decode((const uint8_t *)"a\0\2", 3, NULL, &n, &used));
    sst_emu_key_cleanup(&k);
}

/* Pairs in DynamoDB's order: every row sorts before the next one. */
static void
key_order_table(void)
{
    static const struct {
        const char *pk;
        size_t pk_len;
        const char *sk;
        size_t sk_len;
    } rows[] = {
        {"", 0, "", 0},
        {"", 0, "\x00", 1},
        {"", 0, "a", 1},
        {"\x00", 1, "", 0},
        {"\x00", 1, "\xff", 1},
        {"\x00\x00", 2, "", 0},
        {"\x00\x01", 2, "", 0},
        {"\x01", 1, "", 0},
        {"A", 1, "zzz", 3},
        {"a", 1, "", 0},
        {"a", 1, "\x00", 1},
        {"a", 1, "\x00\x00", 2},
        {"a", 1, "\x01", 1},
        {"a", 1, "b", 1},
        {"a", 1, "ba", 2},
        {"a", 1, "\xc3\xa9", 2},     /* U+00E9 */
        {"a", 1, "\xef\xbf\xbf", 3}, /* U+FFFF below U+10000 in UTF-8 */
        {"a", 1, "\xf0\x90\x80\x80", 4},
        {"a\x00", 2, "", 0},
        {"a\x00"
         "b",
         3, "", 0},
        {"a\x01", 2, "", 0},
        {"ab", 2, "", 0},
        {"b", 1, "", 0},
        {"\xff", 1, "", 0},
        {"\xff\xff", 2, "", 0},
    };
    size_t n = sizeof rows / sizeof rows[0], i;
    struct sst_emu_key a, b;

    sst_emu_key_init(&a);
    sst_emu_key_init(&b);
    for (i = 0; i + 1 < n; i++) {
        sst_emu_key_reset(&a);
        sst_emu_key_reset(&b);
        CU_ASSERT_EQUAL(sst_emu_key_add_s(&a, rows[i].pk, rows[i].pk_len, NULL),
                        SST_OK);
        CU_ASSERT_EQUAL(sst_emu_key_add_s(&a, rows[i].sk, rows[i].sk_len, NULL),
                        SST_OK);
        CU_ASSERT_EQUAL(
            sst_emu_key_add_s(&b, rows[i + 1].pk, rows[i + 1].pk_len, NULL),
            SST_OK);
        CU_ASSERT_EQUAL(
            sst_emu_key_add_s(&b, rows[i + 1].sk, rows[i + 1].sk_len, NULL),
            SST_OK);
        if (key_cmp(&a, &b) >= 0)
            fprintf(stderr, "\n  order broken between rows %zu and %zu\n", i,
                    i + 1);
        CU_ASSERT_TRUE(key_cmp(&a, &b) < 0);
    }
    sst_emu_key_cleanup(&a);
    sst_emu_key_cleanup(&b);
}

/* xorshift64*: a fixed-seed generator, so runs repeat. */
static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static uint64_t
rng(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ULL;
}

/* Short values over a tiny alphabet, so that prefixes and 0x00 bytes
 * collide often. */
static size_t
random_value(uint8_t *v)
{
    static const uint8_t alphabet[] = {0x00, 0x01, 0x7F, 0xFE, 0xFF};
    size_t n = (size_t)(rng() % 5), i;

    for (i = 0; i < n; i++)
        v[i] = alphabet[rng() % sizeof alphabet];
    return n;
}

static void
key_order_random_pairs(void)
{
    struct sst_emu_key a, b;
    uint8_t p1[8], s1[8], p2[8], s2[8];
    size_t n1, m1, n2, m2;
    int i, want, bad = 0;

    sst_emu_key_init(&a);
    sst_emu_key_init(&b);
    for (i = 0; i < 20000; i++) {
        n1 = random_value(p1);
        m1 = random_value(s1);
        n2 = random_value(p2);
        m2 = random_value(s2);
        sst_emu_key_reset(&a);
        sst_emu_key_reset(&b);
        if (sst_emu_key_add_b(&a, p1, n1, NULL) != SST_OK ||
            sst_emu_key_add_b(&a, s1, m1, NULL) != SST_OK ||
            sst_emu_key_add_b(&b, p2, n2, NULL) != SST_OK ||
            sst_emu_key_add_b(&b, s2, m2, NULL) != SST_OK)
            bad++;
        /* Composite order: partition key first, then sort key. */
        want = raw_cmp(p1, n1, p2, n2);
        if (want == 0)
            want = raw_cmp(s1, m1, s2, m2);
        if (sign(key_cmp(&a, &b)) != want)
            bad++;
    }
    CU_ASSERT_EQUAL(bad, 0);
    sst_emu_key_cleanup(&a);
    sst_emu_key_cleanup(&b);
}

static void
key_grows_and_caps(void)
{
    struct sst_emu_key k;
    struct sst_err e;
    uint8_t *big = calloc(SST_EMU_KEY_MAX, 1);

    CU_ASSERT_PTR_NOT_NULL_FATAL(big);
    sst_emu_key_init(&k);
    /* 2000 zero bytes escape to 4000 bytes: past the inline buffer. */
    CU_ASSERT_EQUAL(sst_emu_key_add_n(&k, big, 2000, NULL), SST_OK);
    CU_ASSERT_EQUAL(k.len, 4002);
    CU_ASSERT_EQUAL(sst_emu_key_add_b(&k, big, SST_EMU_KEY_MAX / 2, &e),
                    SST_E_INVALID_ARG);
    CU_ASSERT_EQUAL(k.len, 4002);
    sst_emu_key_cleanup(&k);
    sst_mem_fail_after(1);
    CU_ASSERT_EQUAL(sst_emu_key_add_b(&k, big, 1000, &e), SST_E_NOMEM);
    sst_mem_fail_reset();
    sst_emu_key_cleanup(&k);
    free(big);
}

static void
siphash_reference_vector(void)
{
    uint8_t key[16], msg[15];
    int i;

    for (i = 0; i < 16; i++)
        key[i] = (uint8_t)i;
    for (i = 0; i < 15; i++)
        msg[i] = (uint8_t)i;
    /* Aumasson and Bernstein, SipHash paper, appendix A. */
    CU_ASSERT_EQUAL(sst_emu_siphash(key, msg, sizeof msg),
                    0xa129ca6149be45e5ULL);
}

/* ------------------------------------------------------------------ */
/* environments                                                        */

static void
persistent_reopen_keeps_catalog(void)
{
    char dir[300], path[400];
    struct sst_emu_store *st;
    const struct sst_emu_table *t = NULL;
    struct sst_emu_txn *txn = NULL;
    uint64_t id1 = 0, id2 = 0, id3 = 0;
    char **names = NULL;
    size_t n;

    make_tmp(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/nested/env", dir);
    st = open_store(path, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    CU_ASSERT_FALSE(sst_emu_store_in_memory(st));
    CU_ASSERT_TRUE(sst_emu_store_map_size(st) >= SST_EMU_MAP_SIZE_DEFAULT);
    CU_ASSERT_EQUAL(create_table(st, "alpha", &id1), SST_OK);
    CU_ASSERT_EQUAL(create_table(st, "beta", &id2), SST_OK);
    CU_ASSERT_EQUAL(id2, id1 + 1);
    sst_emu_store_close(st);

    st = open_store(path, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    n = list_names(st, &names);
    CU_ASSERT_EQUAL(n, 2);
    if (n == 2) {
        SST_ASSERT_STR_EQ(names[0], "alpha");
        SST_ASSERT_STR_EQ(names[1], "beta");
    }
    sst_emu_catalog_names_free(names, n);
    CU_ASSERT_EQUAL_FATAL(sst_emu_txn_begin(st, false, &txn, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_catalog_get(txn, "beta", &t, NULL), SST_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL(t->id, id2);
    CU_ASSERT_EQUAL(t->created_ms, 1700000000123);
    CU_ASSERT_EQUAL(strlen(t->table_id), 36);
    CU_ASSERT_EQUAL(t->table_id[14], '4');
    sst_emu_table_release(t);
    sst_emu_txn_abort(txn);
    /* Ids are never reused. */
    CU_ASSERT_EQUAL(create_table(st, "gamma", &id3), SST_OK);
    CU_ASSERT_EQUAL(id3, id2 + 1);
    CU_ASSERT_EQUAL(create_table(st, "gamma", NULL), SST_E_IN_USE);
    sst_emu_store_close(st);
    remove_tree(dir);
}

/* A second opening of a directory in one process shares the environment,
 * and the environment lives until the last closing. */
static void
reopen_in_process_shares(void)
{
    char dir[300];
    struct sst_emu_store *a, *b;
    char **names = NULL;
    size_t n;

    make_tmp(dir, sizeof dir);
    a = open_store(dir, 0);
    b = open_store(dir, SST_EMU_MAP_SIZE_MIN); /* options of the first win */
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_PTR_EQUAL(a, b);
    CU_ASSERT_TRUE(sst_emu_store_map_size(b) >= SST_EMU_MAP_SIZE_DEFAULT);
    CU_ASSERT_EQUAL(create_table(a, "one", NULL), SST_OK);
    sst_emu_store_close(a);
    CU_ASSERT_EQUAL(create_table(b, "two", NULL), SST_OK);
    n = list_names(b, &names);
    CU_ASSERT_EQUAL(n, 2);
    sst_emu_catalog_names_free(names, n);
    sst_emu_store_close(b);
    /* Closed for good: a new opening is a new environment. */
    a = open_store(dir, SST_EMU_MAP_SIZE_MIN * 4);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    n = list_names(a, &names);
    CU_ASSERT_EQUAL(n, 2);
    sst_emu_catalog_names_free(names, n);
    sst_emu_store_close(a);
    remove_tree(dir);
}

static void
memory_store_leaves_no_files(void)
{
    char dir[300];
    char *old = getenv("TMPDIR") ? strdup(getenv("TMPDIR")) : NULL;
    struct sst_emu_store *st;

    make_tmp(dir, sizeof dir);
    setenv("TMPDIR", dir, 1);
    st = open_store(NULL, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    CU_ASSERT_TRUE(sst_emu_store_in_memory(st));
    /* Gone while open: a crash now leaves nothing either. */
    CU_ASSERT_EQUAL(count_entries(dir), 0);
    CU_ASSERT_EQUAL(create_table(st, "alpha", NULL), SST_OK);
    CU_ASSERT_EQUAL(count_entries(dir), 0);
    sst_emu_store_close(st);
    CU_ASSERT_EQUAL(count_entries(dir), 0);
    if (old) {
        setenv("TMPDIR", old, 1);
        free(old);
    } else {
        unsetenv("TMPDIR");
    }
    remove_tree(dir);
}

static void
open_errors(void)
{
    struct sst_emu_store_config cfg = {NULL, false, 1024};
    struct sst_emu_store *st = (struct sst_emu_store *)1;
    char dir[300], file[400];
    struct sst_err e;
    FILE *f;

    CU_ASSERT_EQUAL(sst_emu_store_open(&cfg, &st, &e), SST_E_INVALID_ARG);
    CU_ASSERT_PTR_NULL(st);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "map-size 1024 is below"));
    cfg.map_size = 0;
    cfg.path = "";
    CU_ASSERT_EQUAL(sst_emu_store_open(&cfg, &st, &e), SST_E_INVALID_ARG);
    /* A path through a regular file cannot be created. */
    make_tmp(dir, sizeof dir);
    snprintf(file, sizeof file, "%s/file", dir);
    f = fopen(file, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fclose(f);
    snprintf(file, sizeof file, "%s/file/env", dir);
    cfg.path = file;
    CU_ASSERT_EQUAL(sst_emu_store_open(&cfg, &st, &e), SST_E_STORAGE);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "cannot create the emulator "
                                             "directory"));
    CU_ASSERT_EQUAL(e.cause, ENOTDIR);
    remove_tree(dir);
}

/* Child of two_processes_share_a_directory: open after fork, wait for the
 * parent's go, create its tables, report through the exit status. */
static void
child_creates(const char *path, int go_fd, const char *prefix)
{
    struct sst_emu_store_config cfg = {path, false, 0};
    struct sst_emu_store *st = NULL;
    char name[32], c;
    int i, bad = 0;

    if (sst_emu_store_open(&cfg, &st, NULL) != SST_OK)
        _exit(10);
    if (read(go_fd, &c, 1) != 1)
        _exit(11);
    for (i = 0; i < 25; i++) {
        snprintf(name, sizeof name, "%s%02d", prefix, i);
        if (create_table(st, name, NULL) != SST_OK)
            bad++;
    }
    sst_emu_store_close(st);
    _exit(bad ? 12 : 0);
}

static void
two_processes_share_a_directory(void)
{
    char dir[300];
    char **names = NULL;
    int go[2], status = -1, i;
    size_t n;
    pid_t pid;
    struct sst_emu_store *st;

    make_tmp(dir, sizeof dir);
    CU_ASSERT_EQUAL_FATAL(pipe(go), 0);
    fflush(NULL);
    pid = fork();
    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0) {
        close(go[1]);
        child_creates(dir, go[0], "child");
    }
    close(go[0]);
    st = open_store(dir, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    /* Both processes have the environment open before either writes. */
    CU_ASSERT_EQUAL(write(go[1], "g", 1), 1);
    for (i = 0; i < 25; i++) {
        char name[32];
        snprintf(name, sizeof name, "parent%02d", i);
        CU_ASSERT_EQUAL(create_table(st, name, NULL), SST_OK);
    }
    CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
    CU_ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    close(go[1]);
    /* The parent sees the child's tables in its still-open environment. */
    n = list_names(st, &names);
    CU_ASSERT_EQUAL(n, 50);
    if (n == 50) {
        SST_ASSERT_STR_EQ(names[0], "child00");
        SST_ASSERT_STR_EQ(names[24], "child24");
        SST_ASSERT_STR_EQ(names[25], "parent00");
    }
    sst_emu_catalog_names_free(names, n);
    sst_emu_store_close(st);

    /* And a second child, opening afterwards, sees both sets. */
    fflush(NULL);
    pid = fork();
    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0) {
        struct sst_emu_store_config cfg = {dir, false, 0};
        struct sst_emu_store *cst = NULL;
        char **cn = NULL;
        size_t cnt = 0;
        bool more;
        struct sst_emu_txn *txn = NULL;

        if (sst_emu_store_open(&cfg, &cst, NULL) != SST_OK ||
            sst_emu_txn_begin(cst, false, &txn, NULL) != SST_OK ||
            sst_emu_catalog_list(txn, NULL, 100, &cn, &cnt, &more, NULL) !=
                SST_OK)
            _exit(20);
        _exit(cnt == 50 ? 0 : 21);
    }
    CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
    CU_ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    remove_tree(dir);
}

static void
full_map_is_a_clear_error(void)
{
    struct sst_emu_store *st = open_store(NULL, SST_EMU_MAP_SIZE_MIN);
    struct sst_emu_txn *txn = NULL;
    static uint8_t val[8192];
    uint8_t key[8];
    struct sst_err e;
    enum sst_code rc = SST_OK;
    uint64_t count = 0;
    int i;

    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    memset(&e, 0, sizeof e);
    for (i = 0; i < 1000 && rc == SST_OK; i++) {
        CU_ASSERT_EQUAL_FATAL(sst_emu_txn_begin(st, true, &txn, &e), SST_OK);
        memcpy(key, &i, sizeof i);
        rc = sst_emu_rows_put(txn, 1, 0, key, sizeof key, val, sizeof val, &e);
        if (rc == SST_OK)
            rc = sst_emu_txn_commit(txn, &e);
        else
            sst_emu_txn_abort(txn);
    }
    CU_ASSERT_EQUAL(rc, SST_E_STORAGE);
    CU_ASSERT_TRUE(i > 1 && i < 1000);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "emulator storage is full"));
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "map-size"));
    CU_ASSERT_NOT_EQUAL(e.cause, 0);
    /* The store is still usable and kept every committed row. */
    CU_ASSERT_EQUAL_FATAL(sst_emu_txn_begin(st, false, &txn, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_rows_count(txn, 1, 0, &count, NULL), SST_OK);
    CU_ASSERT_EQUAL(count, (uint64_t)(i - 1));
    sst_emu_txn_abort(txn);
    sst_emu_store_close(st);
}

/* ------------------------------------------------------------------ */
/* rows and counters                                                   */

static void
put_get(struct sst_emu_txn *txn, uint64_t tid, const uint8_t *k, size_t n,
        const char *val)
{
    const void *got;
    size_t got_len;
    bool found;

    CU_ASSERT_EQUAL(sst_emu_rows_put(txn, tid, 0, k, n, val, strlen(val), NULL),
                    SST_OK);
    CU_ASSERT_EQUAL(
        sst_emu_rows_get(txn, tid, 0, k, n, &got, &got_len, &found, NULL),
        SST_OK);
    CU_ASSERT_TRUE(found);
    CU_ASSERT_EQUAL(got_len, strlen(val));
    if (got_len == strlen(val))
        CU_ASSERT_EQUAL(memcmp(got, val, got_len), 0);
}

static void
rows_short_and_long_keys(void)
{
    struct sst_emu_store *st = open_store(NULL, 0);
    struct sst_emu_txn *txn = NULL;
    static uint8_t k1[3000], k2[3000];
    const void *got;
    size_t got_len;
    uint64_t count;
    bool found;
    struct sst_err e;

    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    memset(k1, 'a', sizeof k1);
    memset(k2, 'a', sizeof k2);
    k2[sizeof k2 - 1] = 'b'; /* same first 480 bytes as k1 */
    CU_ASSERT_EQUAL_FATAL(sst_emu_txn_begin(st, true, &txn, NULL), SST_OK);
    put_get(txn, 7, (const uint8_t *)"short", 5, "v-short");
    put_get(txn, 7, k1, sizeof k1, "v-long-1");
    put_get(txn, 7, k2, sizeof k2, "v-long-2");
    put_get(txn, 7, k1, 481, "v-481");
    put_get(txn, 7, k1, 480, "v-480");
    /* Replacing a long key keeps one row. */
    put_get(txn, 7, k1, sizeof k1, "v-long-1b");
    put_get(txn, 8, k1, sizeof k1, "other-table");
    CU_ASSERT_EQUAL(sst_emu_rows_count(txn, 7, 0, &count, NULL), SST_OK);
    CU_ASSERT_EQUAL(count, 5);
    CU_ASSERT_EQUAL(sst_emu_rows_get(txn, 7, 0, k2, sizeof k2 - 1, &got,
                                     &got_len, &found, NULL),
                    SST_OK);
    CU_ASSERT_FALSE(found);
    CU_ASSERT_PTR_NULL(got);
    CU_ASSERT_EQUAL(sst_emu_rows_del(txn, 7, 0, k1, sizeof k1, &found, NULL),
                    SST_OK);
    CU_ASSERT_TRUE(found);
    CU_ASSERT_EQUAL(sst_emu_rows_del(txn, 7, 0, k1, sizeof k1, &found, NULL),
                    SST_OK);
    CU_ASSERT_FALSE(found);
    CU_ASSERT_EQUAL(sst_emu_rows_get(txn, 7, 0, k2, sizeof k2, &got, &got_len,
                                     &found, NULL),
                    SST_OK);
    CU_ASSERT_TRUE(found);
    CU_ASSERT_EQUAL(
        sst_emu_rows_del(txn, 7, 0, (const uint8_t *)"short", 5, &found, NULL),
        SST_OK);
    CU_ASSERT_TRUE(found);
    CU_ASSERT_EQUAL(sst_emu_rows_put(txn, 7, 0, k1, 0, "x", 1, &e),
                    SST_E_INVALID_ARG);
    /* Index rows live in their own range. */
    CU_ASSERT_EQUAL(sst_emu_rows_put(txn, 7, 1, k1, 10, "ix", 2, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_rows_count(txn, 7, 1, &count, NULL), SST_OK);
    CU_ASSERT_EQUAL(count, 1);
    CU_ASSERT_EQUAL(sst_emu_rows_drop_index(txn, 7, 1, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_rows_count(txn, 7, 1, &count, NULL), SST_OK);
    CU_ASSERT_EQUAL(count, 0);
    CU_ASSERT_EQUAL(sst_emu_txn_commit(txn, NULL), SST_OK);

    /* Writes need a write transaction. */
    CU_ASSERT_EQUAL_FATAL(sst_emu_txn_begin(st, false, &txn, NULL), SST_OK);
    CU_ASSERT_FALSE(sst_emu_txn_writable(txn));
    CU_ASSERT_EQUAL(sst_emu_rows_put(txn, 7, 0, k1, 4, "x", 1, &e),
                    SST_E_INVALID_ARG);
    CU_ASSERT_EQUAL(sst_emu_rows_count(txn, 7, 0, &count, NULL), SST_OK);
    CU_ASSERT_EQUAL(count, 3);
    sst_emu_txn_abort(txn);
    sst_emu_store_close(st);
}

static void
counters_add_and_clamp(void)
{
    struct sst_emu_store *st = open_store(NULL, 0);
    struct sst_emu_txn *txn = NULL;
    uint64_t c, b;

    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    CU_ASSERT_EQUAL_FATAL(sst_emu_txn_begin(st, true, &txn, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_stats_get(txn, 3, 0, &c, &b, NULL), SST_OK);
    CU_ASSERT_EQUAL(c, 0);
    CU_ASSERT_EQUAL(b, 0);
    CU_ASSERT_EQUAL(sst_emu_stats_add(txn, 3, 0, 2, 150, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_stats_add(txn, 3, 0, -1, -100, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_stats_get(txn, 3, 0, &c, &b, NULL), SST_OK);
    CU_ASSERT_EQUAL(c, 1);
    CU_ASSERT_EQUAL(b, 50);
    CU_ASSERT_EQUAL(sst_emu_stats_add(txn, 3, 0, -5, INT64_MIN, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_stats_get(txn, 3, 0, &c, &b, NULL), SST_OK);
    CU_ASSERT_EQUAL(c, 0);
    CU_ASSERT_EQUAL(b, 0);
    CU_ASSERT_EQUAL(sst_emu_stats_add(txn, 3, 2, 4, 40, NULL), SST_OK);
    CU_ASSERT_EQUAL(
        sst_emu_rows_put(txn, 3, 0, (const uint8_t *)"k", 1, "v", 1, NULL),
        SST_OK);
    CU_ASSERT_EQUAL(
        sst_emu_rows_put(txn, 4, 0, (const uint8_t *)"k", 1, "v", 1, NULL),
        SST_OK);
    /* Dropping a table drops its rows and counters, not its neighbours'. */
    CU_ASSERT_EQUAL(sst_emu_rows_drop_table(txn, 3, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_stats_get(txn, 3, 2, &c, &b, NULL), SST_OK);
    CU_ASSERT_EQUAL(c, 0);
    CU_ASSERT_EQUAL(sst_emu_rows_count(txn, 3, 0, &c, NULL), SST_OK);
    CU_ASSERT_EQUAL(c, 0);
    CU_ASSERT_EQUAL(sst_emu_rows_count(txn, 4, 0, &c, NULL), SST_OK);
    CU_ASSERT_EQUAL(c, 1);
    sst_emu_txn_abort(txn);
    sst_emu_store_close(st);
}

/* ------------------------------------------------------------------ */
/* cursors                                                             */

#define NKEYS 300

struct rkey {
    uint8_t *b;
    size_t n;
    int id;
};

static int
rkey_cmp(const void *a, const void *b)
{
    const struct rkey *x = a, *y = b;
    return raw_cmp(x->b, x->n, y->b, y->n);
}

/* Keys over a small alphabet: short ones, ones around the 480-byte inline
 * limit, and long ones sharing one of three stems, so that long-key runs
 * and their neighbours are frequent. */
static size_t
random_key(uint8_t *buf, const uint8_t *stems)
{
    static const uint8_t alphabet[] = {0x00, 0x01, 'a', 0xFF};
    size_t n, i, kind = (size_t)(rng() % 4);

    if (kind == 0)
        n = 1 + (size_t)(rng() % 12);
    else if (kind == 1)
        n = SST_EMU_ROW_INLINE - 3 + (size_t)(rng() % 7);
    else
        n = SST_EMU_ROW_INLINE + 1 + (size_t)(rng() % 40);
    for (i = 0; i < n; i++)
        buf[i] = alphabet[rng() % sizeof alphabet];
    if (kind >= 2 && n > 0)
        memcpy(buf, stems + (rng() % 3) * SST_EMU_ROW_INLINE,
               SST_EMU_ROW_INLINE);
    return n;
}

/* Whether reference key k is inside range r. */
static bool
in_range(const struct rkey *k, const struct sst_emu_range *r)
{
    int d;

    if (r->prefix &&
        (k->n < r->prefix_len || memcmp(k->b, r->prefix, r->prefix_len) != 0))
        return false;
    if (r->lo) {
        d = raw_cmp(k->b, k->n, r->lo, r->lo_len);
        if (d < 0 || (d == 0 && r->lo_exclusive))
            return false;
    }
    if (r->hi) {
        d = raw_cmp(k->b, k->n, r->hi, r->hi_len);
        if (d > 0 || (d == 0 && r->hi_exclusive))
            return false;
    }
    return true;
}

/* A bound near existing keys: a key, a prefix of one, or a key with a
 * byte added. */
static const uint8_t *
random_bound(const struct rkey *keys, uint8_t *buf, size_t *n)
{
    const struct rkey *k = &keys[rng() % NKEYS];

    *n = k->n;
    memcpy(buf, k->b, k->n);
    switch (rng() % 3) {
    case 0:
        break;
    case 1:
        *n = (size_t)(rng() % (k->n + 1));
        break;
    default:
        buf[(*n)++] = (uint8_t)rng();
        break;
    }
    return buf;
}

static void
cursor_walks_in_true_order(void)
{
    struct sst_emu_store *st = open_store(NULL, 0);
    struct sst_emu_txn *txn = NULL;
    struct sst_emu_cursor *c = NULL;
    struct sst_emu_range r;
    struct rkey *keys = calloc(NKEYS, sizeof *keys);
    uint8_t *stems = malloc(3 * SST_EMU_ROW_INLINE), buf[600];
    uint8_t lo[600], hi[600], pre[600];
    const uint8_t *k;
    const void *v;
    size_t kn, vn, i, j, want, got, mismatches = 0, checked = 0;
    bool found;
    int round;

    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    CU_ASSERT_PTR_NOT_NULL_FATAL(keys);
    CU_ASSERT_PTR_NOT_NULL_FATAL(stems);
    for (i = 0; i < 3 * SST_EMU_ROW_INLINE; i++)
        stems[i] = (uint8_t)("ab\0\xff"[rng() % 4]);
    CU_ASSERT_EQUAL_FATAL(sst_emu_txn_begin(st, true, &txn, NULL), SST_OK);
    for (i = 0; i < NKEYS; i++) {
        do { /* distinct keys */
            keys[i].n = random_key(buf, stems);
            for (j = 0; j < i; j++)
                if (raw_cmp(buf, keys[i].n, keys[j].b, keys[j].n) == 0)
                    break;
        } while (j < i);
        keys[i].b = malloc(keys[i].n);
        memcpy(keys[i].b, buf, keys[i].n);
        keys[i].id = (int)i;
        CU_ASSERT_EQUAL(sst_emu_rows_put(txn, 9, 5, keys[i].b, keys[i].n,
                                         &keys[i].id, sizeof keys[i].id, NULL),
                        SST_OK);
        /* Neighbours in the key space that no walk may return. */
        CU_ASSERT_EQUAL(
            sst_emu_rows_put(txn, 9, 4, keys[i].b, keys[i].n, "x", 1, NULL),
            SST_OK);
        CU_ASSERT_EQUAL(
            sst_emu_rows_put(txn, 9, 6, keys[i].b, keys[i].n, "y", 1, NULL),
            SST_OK);
    }
    qsort(keys, NKEYS, sizeof *keys, rkey_cmp);

    for (round = 0; round < 400; round++) {
        memset(&r, 0, sizeof r);
        r.reverse = rng() % 2;
        if (rng() % 3 == 0) {
            r.prefix = random_bound(keys, pre, &r.prefix_len);
        }
        if (rng() % 2) {
            r.lo = random_bound(keys, lo, &r.lo_len);
            r.lo_exclusive = rng() % 2;
        }
        if (rng() % 2) {
            r.hi = random_bound(keys, hi, &r.hi_len);
            r.hi_exclusive = rng() % 2;
        }
        CU_ASSERT_EQUAL_FATAL(sst_emu_cursor_open(txn, 9, 5, &r, &c, NULL),
                              SST_OK);
        got = 0;
        for (i = 0; i < NKEYS; i++) {
            const struct rkey *ref = &keys[r.reverse ? NKEYS - 1 - i : i];
            if (!in_range(ref, &r))
                continue;
            CU_ASSERT_EQUAL(
                sst_emu_cursor_next(c, &k, &kn, &v, &vn, &found, NULL), SST_OK);
            if (!found || kn != ref->n || memcmp(k, ref->b, kn) != 0 ||
                vn != sizeof(int) || memcmp(v, &ref->id, vn) != 0) {
                mismatches++;
                break;
            }
            got++;
        }
        want = got;
        CU_ASSERT_EQUAL(sst_emu_cursor_next(c, &k, &kn, &v, &vn, &found, NULL),
                        SST_OK);
        if (found)
            mismatches++;
        checked += want;
        sst_emu_cursor_close(c);
        c = NULL;
    }
    CU_ASSERT_EQUAL(mismatches, 0);
    CU_ASSERT_TRUE(checked > 1000);

    /* The whole index, both ways. */
    memset(&r, 0, sizeof r);
    CU_ASSERT_EQUAL_FATAL(sst_emu_cursor_open(txn, 9, 5, &r, &c, NULL), SST_OK);
    for (i = 0; i < NKEYS; i++) {
        CU_ASSERT_EQUAL(sst_emu_cursor_next(c, &k, &kn, &v, &vn, &found, NULL),
                        SST_OK);
        CU_ASSERT_TRUE(found && kn == keys[i].n);
    }
    CU_ASSERT_EQUAL(sst_emu_cursor_next(c, &k, &kn, &v, &vn, &found, NULL),
                    SST_OK);
    CU_ASSERT_FALSE(found);
    CU_ASSERT_PTR_NULL(k);
    sst_emu_cursor_close(c);
    sst_emu_cursor_close(NULL);
    sst_emu_txn_abort(txn);
    for (i = 0; i < NKEYS; i++)
        free(keys[i].b);
    free(keys);
    free(stems);
    sst_emu_store_close(st);
}

/* ------------------------------------------------------------------ */
/* catalog                                                             */

static void
catalog_codec_round_trip(void)
{
    struct sst_emu_table *t = make_table("tbl", SST_EMU_ATTR_N), *back = NULL;
    char *text = NULL, *again = NULL;
    struct sst_err e;

    t->indexes = sst_calloc(1, sizeof *t->indexes);
    t->index_count = 1;
    t->indexes[0].name = sst_strdup("by-sk");
    t->indexes[0].id = 4;
    t->indexes[0].global = true;
    t->indexes[0].key.hash_count = 1;
    t->indexes[0].key.hash[0] = 1;
    t->indexes[0].projection = SST_EMU_PROJECTION_INCLUDE;
    t->indexes[0].non_key = sst_calloc(1, sizeof(char *));
    t->indexes[0].non_key[0] = sst_strdup("a\"b");
    t->indexes[0].non_key_count = 1;
    t->ttl_enabled = true;
    t->ttl_attr = sst_strdup("exp");
    t->next_index_id = 5;
    memcpy(t->table_id, "01234567-89ab-4def-8123-456789abcdef", 37);
    CU_ASSERT_EQUAL_FATAL(sst_emu_table_encode(t, &text, NULL), SST_OK);
    CU_ASSERT_EQUAL_FATAL(sst_emu_table_decode(text, strlen(text), &back, NULL),
                          SST_OK);
    SST_ASSERT_STR_EQ(back->name, "tbl");
    CU_ASSERT_EQUAL(back->attr_count, 2);
    CU_ASSERT_EQUAL(back->attrs[1].type, SST_EMU_ATTR_N);
    CU_ASSERT_EQUAL(back->key.range_count, 1);
    CU_ASSERT_EQUAL(back->index_count, 1);
    SST_ASSERT_STR_EQ(back->indexes[0].non_key[0], "a\"b");
    CU_ASSERT_EQUAL(back->indexes[0].id, 4);
    CU_ASSERT_TRUE(back->ttl_enabled);
    SST_ASSERT_STR_EQ(back->ttl_attr, "exp");
    SST_ASSERT_STR_EQ(back->table_id, "01234567-89ab-4def-8123-456789abcdef");
    CU_ASSERT_EQUAL(sst_emu_table_encode(back, &again, NULL), SST_OK);
    SST_ASSERT_STR_EQ(again, text);
    sst_free(again);
    sst_emu_table_free(back);
    back = NULL;
    /* Corrupt texts are storage errors, never crashes. */
    CU_ASSERT_EQUAL(sst_emu_table_decode("{", 1, &back, &e), SST_E_STORAGE);
    CU_ASSERT_EQUAL(sst_emu_table_decode("[]", 2, &back, &e), SST_E_STORAGE);
    text[strlen(text) / 2] = '\0';
    CU_ASSERT_EQUAL(sst_emu_table_decode(text, strlen(text), &back, &e),
                    SST_E_STORAGE);
    CU_ASSERT_PTR_NULL(back);
    CU_ASSERT_EQUAL(
        sst_emu_table_decode("{\"name\":\"x\",\"table_id\":\"short\"}", 31,
                             &back, &e),
        SST_E_STORAGE);
    sst_free(text);
    sst_emu_table_free(t);
}

static void
catalog_cache_follows_revisions(void)
{
    struct sst_emu_store *st = open_store(NULL, 0);
    const struct sst_emu_table *a = NULL, *b = NULL, *c = NULL;
    struct sst_emu_table *m = NULL;
    struct sst_emu_txn *txn = NULL;
    uint64_t id = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    CU_ASSERT_EQUAL(create_table(st, "tbl", &id), SST_OK);
    CU_ASSERT_EQUAL_FATAL(sst_emu_txn_begin(st, false, &txn, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_catalog_get(txn, "tbl", &a, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_catalog_get(txn, "tbl", &b, NULL), SST_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_PTR_EQUAL(a, b); /* one decoded copy, shared */
    CU_ASSERT_EQUAL(sst_emu_catalog_get(txn, "none", &c, NULL), SST_OK);
    CU_ASSERT_PTR_NULL(c);
    sst_emu_txn_abort(txn);

    CU_ASSERT_EQUAL_FATAL(sst_emu_txn_begin(st, true, &txn, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_catalog_load(txn, "tbl", &m, NULL), SST_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_PTR_NOT_EQUAL(m, a);
    m->ttl_enabled = true;
    m->ttl_attr = sst_strdup("exp");
    CU_ASSERT_EQUAL(sst_emu_catalog_update(txn, m, NULL), SST_OK);
    CU_ASSERT_EQUAL(m->rev, 2);
    CU_ASSERT_EQUAL(sst_emu_catalog_get(txn, "tbl", &c, NULL), SST_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CU_ASSERT_PTR_NOT_EQUAL(c, a); /* the stale copy is not used */
    CU_ASSERT_TRUE(c->ttl_enabled);
    CU_ASSERT_FALSE(a->ttl_enabled); /* holders keep their snapshot */
    sst_emu_table_release(c);
    c = NULL;
    CU_ASSERT_EQUAL(sst_emu_catalog_delete(txn, m, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_catalog_get(txn, "tbl", &c, NULL), SST_OK);
    CU_ASSERT_PTR_NULL(c);
    CU_ASSERT_EQUAL(sst_emu_catalog_update(txn, m, NULL), SST_E_NOT_FOUND);
    CU_ASSERT_EQUAL(sst_emu_txn_commit(txn, NULL), SST_OK);
    sst_emu_table_free(m);
    sst_emu_table_release(a);
    sst_emu_table_release(b);
    sst_emu_store_close(st);
}

static void
catalog_list_pages(void)
{
    struct sst_emu_store *st = open_store(NULL, 0);
    struct sst_emu_txn *txn = NULL;
    static const char *const names[] = {"b-tab", "A_tab", "abc", "Zeta",
                                        "a.tab"};
    char **got = NULL;
    size_t n = 0, i;
    bool more;

    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    for (i = 0; i < 5; i++)
        CU_ASSERT_EQUAL(create_table(st, names[i], NULL), SST_OK);
    CU_ASSERT_EQUAL_FATAL(sst_emu_txn_begin(st, false, &txn, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_catalog_list(txn, NULL, 2, &got, &n, &more, NULL),
                    SST_OK);
    CU_ASSERT_EQUAL(n, 2);
    CU_ASSERT_TRUE(more);
    SST_ASSERT_STR_EQ(got[0], "A_tab"); /* byte order: upper case first */
    SST_ASSERT_STR_EQ(got[1], "Zeta");
    sst_emu_catalog_names_free(got, n);
    CU_ASSERT_EQUAL(sst_emu_catalog_list(txn, "Zeta", 3, &got, &n, &more, NULL),
                    SST_OK);
    CU_ASSERT_EQUAL(n, 3);
    CU_ASSERT_FALSE(more);
    SST_ASSERT_STR_EQ(got[0], "a.tab");
    SST_ASSERT_STR_EQ(got[2], "b-tab");
    sst_emu_catalog_names_free(got, n);
    CU_ASSERT_EQUAL(sst_emu_catalog_list(txn, "aa", 10, &got, &n, &more, NULL),
                    SST_OK);
    CU_ASSERT_EQUAL(n, 2);
    SST_ASSERT_STR_EQ(got[0], "abc");
    sst_emu_catalog_names_free(got, n);
    sst_emu_txn_abort(txn);
    sst_emu_store_close(st);
}

static void
store_open_survives_oom(void)
{
    struct sst_emu_store_config cfg = {NULL, false, 0};
    struct sst_emu_store *st = NULL;
    struct sst_err e;
    enum sst_code rc = SST_E_NOMEM;
    long n;

    for (n = 1; n < 100 && rc == SST_E_NOMEM; n++) {
        sst_mem_fail_after(n);
        rc = sst_emu_store_open(&cfg, &st, &e);
        sst_mem_fail_reset();
        if (rc == SST_E_NOMEM)
            CU_ASSERT_PTR_NULL(st);
    }
    CU_ASSERT_EQUAL(rc, SST_OK);
    CU_ASSERT_TRUE(n > 2);
    if (rc == SST_OK)
        CU_ASSERT_EQUAL(create_table(st, "after-oom", NULL), SST_OK);
    sst_emu_store_close(st);
}

static const struct sst_test key_tests[] = {
    {"components are escaped and decode back", key_components_are_escaped},
    {"table of keys in DynamoDB order", key_order_table},
    {"20000 random pairs keep composite order", key_order_random_pairs},
    {"keys grow past the inline buffer, up to the cap", key_grows_and_caps},
    {"SipHash-2-4 reference vector", siphash_reference_vector},
    {NULL, NULL},
};

static const struct sst_test env_tests[] = {
    {"persistent store reopens with its catalog",
     persistent_reopen_keeps_catalog},
    {"in-memory store leaves no files", memory_store_leaves_no_files},
    {"a directory opened twice in a process is shared",
     reopen_in_process_shares},
    {"open errors name the problem", open_errors},
    {"two processes share a directory", two_processes_share_a_directory},
    {"a full map is a clear storage error", full_map_is_a_clear_error},
    {"store open walks every allocation failure", store_open_survives_oom},
    {NULL, NULL},
};

static const struct sst_test row_tests[] = {
    {"short and long keys", rows_short_and_long_keys},
    {"counters add, clamp and drop with the table", counters_add_and_clamp},
    {NULL, NULL},
};

static const struct sst_test cursor_tests[] = {
    {"walks keep true order across long-key runs", cursor_walks_in_true_order},
    {NULL, NULL},
};

/* ------------------------------------------------------------------ */
/* stored items                                                        */

static uint64_t item_rng = 0x9e3779b97f4a7c15ULL;

static uint32_t
rnd(uint32_t n)
{
    item_rng ^= item_rng << 13;
    item_rng ^= item_rng >> 7;
    item_rng ^= item_rng << 17;
    return (uint32_t)(item_rng % n);
}

static struct json_object *random_av_json(int depth);

static struct json_object *
random_string(bool binary)
{
    static const char b64[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char buf[64];
    size_t n = 1 + rnd(binary ? 10 : 40), i;

    if (binary) {
        for (i = 0; i < n * 4; i++)
            buf[i] = b64[rnd(64)];
        return json_object_new_string_len(buf, (int)(n * 4));
    }
    for (i = 0; i < n; i++)
        buf[i] = (char)(rnd(4) == 0 ? 0 : 'a' + rnd(26)); /* NULs too */
    return json_object_new_string_len(buf, (int)n);
}

static struct json_object *
random_number(uint32_t salt)
{
    static const char *const forms[] = {"%u", "-%u", "%u.5", "0.00%u",
                                        "%ue3", "-%u.25e-7", "1.50", "-0"};
    char buf[48];

    snprintf(buf, sizeof buf, forms[rnd(8)], salt * 7 + 1);
    return json_object_new_string(buf);
}

static struct json_object *
wrap(const char *type, struct json_object *v)
{
    struct json_object *o = json_object_new_object();

    json_object_object_add(o, type, v);
    return o;
}

static struct json_object *
random_set(const char *type)
{
    struct json_object *arr = json_object_new_array();
    size_t n = 1 + rnd(4), i;
    char buf[32];

    for (i = 0; i < n; i++) {
        if (type[0] == 'N') {
            snprintf(buf, sizeof buf, "%zu", i * 3 + rnd(3) * 100);
            json_object_array_add(arr, json_object_new_string(buf));
        } else if (type[0] == 'S') {
            snprintf(buf, sizeof buf, "s%zu", i);
            json_object_array_add(arr, json_object_new_string(buf));
        } else {
            static const char *const bytes[] = {"QQ==", "Qg==", "Qw==",
                                                "RA=="};
            json_object_array_add(arr, json_object_new_string(bytes[i]));
        }
    }
    return wrap(type, arr);
}

static struct json_object *
random_av_json(int depth)
{
    struct json_object *c;
    size_t n, i;
    char name[16];

    switch (rnd(depth > 3 ? 8 : 10)) {
    case 0:
        return wrap("S", random_string(false));
    case 1:
        return wrap("N", random_number(rnd(1000)));
    case 2:
        return wrap("B", random_string(true));
    case 3:
        return wrap("BOOL", json_object_new_boolean(rnd(2)));
    case 4:
        return wrap("NULL", json_object_new_boolean(1));
    case 5:
        return random_set("SS");
    case 6:
        return random_set("NS");
    case 7:
        return random_set("BS");
    case 8:
        c = json_object_new_object();
        n = rnd(4);
        for (i = 0; i < n; i++) {
            snprintf(name, sizeof name, "m%zu", i);
            json_object_object_add(c, name, random_av_json(depth + 1));
        }
        return wrap("M", c);
    default:
        c = json_object_new_array();
        n = rnd(4);
        for (i = 0; i < n; i++)
            json_object_array_add(c, random_av_json(depth + 1));
        return wrap("L", c);
    }
}

static struct sst_av *
random_item(void)
{
    struct json_object *j = json_object_new_object();
    struct sst_av *item = NULL;
    struct sst_err e;
    size_t n = 1 + rnd(8), i;
    char name[16];

    for (i = 0; i < n; i++) {
        snprintf(name, sizeof name, "a%zu", i);
        json_object_object_add(j, name, random_av_json(1));
    }
    if (sst_av_decode_item(j, &item, &e) != SST_OK)
        fprintf(stderr, "\n  %s: %s\n", json_object_to_json_string(j),
                e.message);
    CU_ASSERT_PTR_NOT_NULL_FATAL(item);
    json_object_put(j);
    return item;
}

static void
item_round_trips(void)
{
    struct sst_emu_buf row = {0};
    struct json_object *ours, *theirs;
    struct sst_av *item, *back;
    const char *only[2] = {"a0", "a2"};
    char text[SST_NUM_STR_MAX];
    uint64_t size;
    bool found;
    int k;

    for (k = 0; k < 2000; k++) {
        item = random_item();
        CU_ASSERT_EQUAL_FATAL(sst_emu_item_encode_av(item, &row, NULL),
                              SST_OK);
        CU_ASSERT_EQUAL(sst_emu_item_size(row.data, row.len, &size, NULL),
                        SST_OK);
        CU_ASSERT_EQUAL(size, sst_av_item_size(item));
        /* JSON from the row is the attribute-value module's JSON. */
        CU_ASSERT_EQUAL(
            sst_emu_item_to_json(row.data, row.len, NULL, 0, &ours, NULL),
            SST_OK);
        CU_ASSERT_EQUAL(sst_av_encode_item(item, &theirs, NULL), SST_OK);
        if (!json_object_equal(ours, theirs))
            fprintf(stderr, "\n  ours   %s\n  theirs %s\n",
                    json_object_to_json_string(ours),
                    json_object_to_json_string(theirs));
        CU_ASSERT_TRUE(json_object_equal(ours, theirs));
        json_object_put(ours);
        json_object_put(theirs);
        /* And the value back is the same value. */
        CU_ASSERT_EQUAL(sst_emu_item_to_av(row.data, row.len, &back, NULL),
                        SST_OK);
        CU_ASSERT_TRUE(back != NULL && sst_av_equal(back, item));
        sst_av_free(back);
        /* AttributesToGet keeps exactly the attributes named. */
        CU_ASSERT_EQUAL(
            sst_emu_item_to_json(row.data, row.len, only, 2, &ours, NULL),
            SST_OK);
        CU_ASSERT_EQUAL((size_t)json_object_object_length(ours),
                        (size_t)(json_object_object_get_ex(ours, "a0", NULL) +
                                 json_object_object_get_ex(ours, "a2", NULL)));
        CU_ASSERT_EQUAL(json_object_object_get_ex(ours, "a0", NULL),
                        sst_av_map_get(item, "a0", 2) != NULL);
        json_object_put(ours);
        /* A top-level number, read without decoding the row. */
        CU_ASSERT_EQUAL(sst_emu_item_number(row.data, row.len, "a0", 2, text,
                                            &found, NULL),
                        SST_OK);
        CU_ASSERT_EQUAL(found, sst_av_map_get(item, "a0", 2)->type ==
                                   SST_AV_N);
        if (found) {
            char want[SST_NUM_STR_MAX];
            sst_num_to_str(&sst_av_map_get(item, "a0", 2)->u.num, want,
                           sizeof want);
            SST_ASSERT_STR_EQ(text, want);
        }
        sst_av_free(item);
    }
    sst_emu_buf_cleanup(&row);
}

/* A damaged row is an error, never a crash or a leak: every truncation
 * and random byte changes of rows of random items. */
static void
damaged_rows_are_errors(void)
{
    struct sst_emu_buf row = {0};
    struct json_object *j;
    struct sst_av *item, *back;
    uint8_t *copy;
    uint64_t size;
    char text[SST_NUM_STR_MAX];
    size_t cut, i;
    bool found;
    int k;

    for (k = 0; k < 200; k++) {
        item = random_item();
        CU_ASSERT_EQUAL_FATAL(sst_emu_item_encode_av(item, &row, NULL),
                              SST_OK);
        copy = malloc(row.len);
        for (cut = 0; cut < row.len; cut++) {
            memcpy(copy, row.data, row.len);
            if (k % 2) /* flip a byte instead of cutting */
                copy[cut] ^= (uint8_t)(1 + rnd(255));
            i = k % 2 ? row.len : cut;
            j = NULL;
            back = NULL;
            CU_ASSERT_TRUE(sst_emu_item_to_json(copy, i, NULL, 0, &j, NULL) !=
                           SST_E_NOMEM);
            CU_ASSERT_TRUE(sst_emu_item_to_av(copy, i, &back, NULL) !=
                           SST_E_NOMEM);
            CU_ASSERT_TRUE(sst_emu_item_size(copy, i, &size, NULL) !=
                           SST_E_NOMEM);
            CU_ASSERT_TRUE(sst_emu_item_number(copy, i, "a0", 2, text, &found,
                                               NULL) != SST_E_NOMEM);
            if (k % 2 == 0) {
                /* A truncated row is always refused. */
                CU_ASSERT_PTR_NULL(j);
                CU_ASSERT_PTR_NULL(back);
            }
            json_object_put(j);
            sst_av_free(back);
        }
        free(copy);
        sst_av_free(item);
    }
    sst_emu_buf_cleanup(&row);
}

static const struct sst_test item_tests[] = {
    {"random items round trip", item_round_trips},
    {"damaged rows are errors", damaged_rows_are_errors},
    {NULL, NULL},
};

static const struct sst_test catalog_tests[] = {
    {"description codec round trip", catalog_codec_round_trip},
    {"cache follows revisions", catalog_cache_follows_revisions},
    {"list pages in byte order", catalog_list_pages},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"key", NULL, NULL, key_tests},
        {"env", NULL, NULL, env_tests},
        {"rows", NULL, NULL, row_tests},
        {"cursor", NULL, NULL, cursor_tests},
        {"catalog", NULL, NULL, catalog_tests},
        {"item", NULL, NULL, item_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_store", suites);
}
