/*
 * tests/unit/test_store.c - the emulator's LMDB store environments:
 * persistent (reopened with its catalog), in memory (no files left),
 * opened twice in a process, shared by two processes; open errors, older
 * layouts upgraded and newer ones refused, the map size limit, and an
 * out-of-memory walk of opening.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <lmdb.h>

#include <sst/sst.h>

#include "emu/store/catalog.h"
#include "emu/store/rows.h"
#include "emu/store/store.h"
#include "harness.h"
#include "tests/unit/store_test_util.h"

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
    st = ts_open_store(path, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    CU_ASSERT_FALSE(sst_emu_store_in_memory(st));
    CU_ASSERT_TRUE(sst_emu_store_map_size(st) >= SST_EMU_MAP_SIZE_DEFAULT);
    CU_ASSERT_EQUAL(ts_create_table(st, "alpha", &id1), SST_OK);
    CU_ASSERT_EQUAL(ts_create_table(st, "beta", &id2), SST_OK);
    CU_ASSERT_EQUAL(id2, id1 + 1);
    sst_emu_store_close(st);

    st = ts_open_store(path, 0);
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
    CU_ASSERT_EQUAL(ts_create_table(st, "gamma", &id3), SST_OK);
    CU_ASSERT_EQUAL(id3, id2 + 1);
    CU_ASSERT_EQUAL(ts_create_table(st, "gamma", NULL), SST_E_IN_USE);
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
    a = ts_open_store(dir, 0);
    b = ts_open_store(dir, SST_EMU_MAP_SIZE_MIN); /* options of the first win */
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_PTR_EQUAL(a, b);
    CU_ASSERT_TRUE(sst_emu_store_map_size(b) >= SST_EMU_MAP_SIZE_DEFAULT);
    CU_ASSERT_EQUAL(ts_create_table(a, "one", NULL), SST_OK);
    sst_emu_store_close(a);
    CU_ASSERT_EQUAL(ts_create_table(b, "two", NULL), SST_OK);
    n = list_names(b, &names);
    CU_ASSERT_EQUAL(n, 2);
    sst_emu_catalog_names_free(names, n);
    sst_emu_store_close(b);
    /* Closed for good: a new opening is a new environment. */
    a = ts_open_store(dir, SST_EMU_MAP_SIZE_MIN * 4);
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
    st = ts_open_store(NULL, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    CU_ASSERT_TRUE(sst_emu_store_in_memory(st));
    /* Gone while open: a crash now leaves nothing either. */
    CU_ASSERT_EQUAL(count_entries(dir), 0);
    CU_ASSERT_EQUAL(ts_create_table(st, "alpha", NULL), SST_OK);
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

/* The layout version in a closed store directory's meta database, read
 * (want_set < 0) or set to want_set, with LMDB itself. */
static unsigned
raw_layout(const char *path, int want_set)
{
    MDB_env *env = NULL;
    MDB_txn *txn = NULL;
    MDB_dbi dbi;
    MDB_val k = {6, (void *)"format"}, v;
    unsigned char be[4];
    unsigned got = 0;

    CU_ASSERT_EQUAL_FATAL(mdb_env_create(&env), 0);
    CU_ASSERT_EQUAL(mdb_env_set_maxdbs(env, 16), 0);
    CU_ASSERT_EQUAL_FATAL(mdb_env_open(env, path, 0, 0600), 0);
    CU_ASSERT_EQUAL_FATAL(mdb_txn_begin(env, NULL, 0, &txn), 0);
    CU_ASSERT_EQUAL_FATAL(mdb_dbi_open(txn, "meta", 0, &dbi), 0);
    if (want_set >= 0) {
        be[0] = be[1] = be[2] = 0;
        be[3] = (unsigned char)want_set;
        v.mv_size = 4;
        v.mv_data = be;
        CU_ASSERT_EQUAL(mdb_put(txn, dbi, &k, &v, 0), 0);
        got = (unsigned)want_set;
    } else if (mdb_get(txn, dbi, &k, &v) == 0 && v.mv_size == 4) {
        memcpy(be, v.mv_data, 4);
        got = (unsigned)be[0] << 24 | (unsigned)be[1] << 16 |
              (unsigned)be[2] << 8 | be[3];
    }
    CU_ASSERT_EQUAL(mdb_txn_commit(txn), 0);
    mdb_env_close(env);
    return got;
}

/* A directory of layout 1 to 4 opens with its layout reported and kept
 * (its rows read the same, under older keys: sst_emu_open() rekeys them,
 * tests/unit/test_emu_keyhash.c); a layout this build does not know is
 * refused by name. */
static void
older_layouts_upgrade_newer_refused(void)
{
    struct sst_emu_store_config cfg = {NULL, false, 0};
    struct sst_emu_store *st;
    char dir[300], path[400];
    struct sst_err e;
    int old;

    make_tmp(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/env", dir);
    st = ts_open_store(path, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    CU_ASSERT_EQUAL(sst_emu_store_layout(st), SST_EMU_STORE_FORMAT);
    CU_ASSERT_EQUAL(ts_create_table(st, "kept", NULL), SST_OK);
    sst_emu_store_close(st);
    CU_ASSERT_EQUAL(raw_layout(path, -1), SST_EMU_STORE_FORMAT);
    CU_ASSERT_EQUAL(SST_EMU_STORE_FORMAT, 5);
    for (old = 1; old <= 4; old++) {
        raw_layout(path, old);
        st = ts_open_store(path, 0);
        CU_ASSERT_PTR_NOT_NULL_FATAL(st);
        CU_ASSERT_EQUAL(sst_emu_store_layout(st), (unsigned)old);
        CU_ASSERT_EQUAL(ts_create_table(st, "kept", NULL), SST_E_IN_USE);
        sst_emu_store_close(st);
        CU_ASSERT_EQUAL(raw_layout(path, -1), (unsigned)old);
    }
    raw_layout(path, 6);
    cfg.path = path;
    st = (struct sst_emu_store *)1;
    CU_ASSERT_EQUAL(sst_emu_store_open(&cfg, &st, &e), SST_E_STORAGE);
    CU_ASSERT_PTR_NULL(st);
    SST_ASSERT_STR_EQ(e.message, "the emulator directory has layout version "
                                 "6; this build reads version 5");
    CU_ASSERT_EQUAL(raw_layout(path, -1), 6);
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
        if (ts_create_table(st, name, NULL) != SST_OK)
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
    st = ts_open_store(dir, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    /* Both processes have the environment open before either writes. */
    CU_ASSERT_EQUAL(write(go[1], "g", 1), 1);
    for (i = 0; i < 25; i++) {
        char name[32];
        snprintf(name, sizeof name, "parent%02d", i);
        CU_ASSERT_EQUAL(ts_create_table(st, name, NULL), SST_OK);
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
    struct sst_emu_store *st = ts_open_store(NULL, SST_EMU_MAP_SIZE_MIN);
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
        CU_ASSERT_EQUAL(ts_create_table(st, "after-oom", NULL), SST_OK);
    sst_emu_store_close(st);
}

static const struct sst_test env_tests[] = {
    {"persistent store reopens with its catalog",
     persistent_reopen_keeps_catalog},
    {"in-memory store leaves no files", memory_store_leaves_no_files},
    {"a directory opened twice in a process is shared",
     reopen_in_process_shares},
    {"open errors name the problem", open_errors},
    {"two processes share a directory", two_processes_share_a_directory},
    {"older layouts upgrade, newer ones are refused",
     older_layouts_upgrade_newer_refused},
    {"a full map is a clear storage error", full_map_is_a_clear_error},
    {"store open walks every allocation failure", store_open_survives_oom},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"env", NULL, NULL, env_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_store", suites);
}
