/*
 * emu/store/env.c - the LMDB environment of one emulator (see store.h);
 * its transactions are in txn.c.
 *
 * Opening: create the directory (persistent) or a private temporary one
 * (in memory), open the environment, and for in-memory stores unlink the
 * files and the directory at once: LMDB keeps working on the open files,
 * and nothing remains once the process ends, however it ends. Then one
 * write transaction opens the named databases and writes the meta records
 * the first time.
 * */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <sst/mem.h>

#include "emu/store/store_int.h"

#define MAX_DBS 8
#define MAX_READERS 1024
#define FILE_MODE 0644

static const char meta_format_key[] = "format";
static const char meta_uid_key[] = "uid";

/* This process's open persistent stores. LMDB must not open one
 * environment twice in a process (closing either handle would drop the
 * other's file locks), so opening a directory that is already open shares
 * its store. Entries carry the pid that opened them: a child process
 * inherits the list after fork() but must open its own environment. */
static pthread_mutex_t registry_mu = PTHREAD_MUTEX_INITIALIZER;
static struct sst_emu_store *registry;

/* ------------------------------------------------------------------ */
/* errors                                                              */

enum sst_code
sst_emu_store_fail(struct sst_err *err, int rc, const char *what)
{
    enum sst_code code;

    if (rc == ENOMEM)
        code = sst_err_set(err, SST_E_NOMEM, "out of memory: %s", what);
    else if (rc == MDB_MAP_FULL)
        code = sst_err_set(err, SST_E_STORAGE,
                           "emulator storage is full: %s needs more than "
                           "the LMDB map size; reopen it with a larger "
                           "map-size option",
                           what);
    else
        code =
            sst_err_set(err, SST_E_STORAGE, "%s: %s", what, mdb_strerror(rc));
    if (err != NULL)
        err->cause = rc;
    return code;
}

/* ------------------------------------------------------------------ */
/* directories                                                         */

/* mkdir -p: create path and its missing parents. */
static int
make_dirs(const char *path)
{
    char buf[PATH_MAX];
    size_t n = strlen(path), i;

    if (n == 0 || n >= sizeof buf)
        return ENAMETOOLONG;
    memcpy(buf, path, n + 1);
    for (i = 1; i <= n; i++) {
        if (buf[i] != '/' && buf[i] != '\0')
            continue;
        buf[i] = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST)
            return errno;
        buf[i] = i == n ? '\0' : '/';
    }
    return 0;
}

/* Create a private directory under $TMPDIR (or /tmp). Returns 0 and the
 * new path in *out, or an errno. */
static int
temp_dir(char **out)
{
    const char *base = getenv("TMPDIR");
    size_t n;
    char *tmpl;
    int e;

    *out = NULL;
    /* tmpfs when there is one: the in-memory store's pages then never go
     * to a disk. On a disk file system (/tmp here is ext4) the kernel
     * writes the shared map's dirty pages back and, past its dirty limit,
     * stalls the writer for milliseconds: PutItem's p99 over HTTP. */
    if ((base == NULL || *base == '\0') && access("/dev/shm", W_OK | X_OK) == 0)
        base = "/dev/shm";
    if (base == NULL || *base == '\0')
        base = "/tmp";
    n = strlen(base) + sizeof "/sst-emu-XXXXXX";
    tmpl = sst_malloc(n);
    if (tmpl == NULL)
        return ENOMEM;
    snprintf(tmpl, n, "%s/sst-emu-XXXXXX", base);
    if (mkdtemp(tmpl) == NULL) {
        e = errno;
        sst_free(tmpl);
        return e;
    }
    *out = tmpl;
    return 0;
}

/* Remove the files of an in-memory environment; the open handles keep the
 * data reachable for this process only. */
static void
unlink_env_dir(const char *dir)
{
    static const char *const files[] = {"data.mdb", "lock.mdb"};
    char path[PATH_MAX];
    size_t i;

    for (i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        (void)unlink(path);
    }
    (void)rmdir(dir);
}

/* ------------------------------------------------------------------ */
/* meta                                                                */

static int
random_bytes(uint8_t *p, size_t n)
{
    while (n > 0) {
        ssize_t r = getrandom(p, n, 0);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        p += r;
        n -= (size_t)r;
    }
    return 0;
}

/* Open the databases and check or write the meta records. */
static enum sst_code
init_dbs(struct sst_emu_store *st, struct sst_err *err)
{
    MDB_txn *txn = NULL;
    MDB_val k, v;
    uint8_t fmt[4];
    int rc;

    rc = mdb_txn_begin(st->env, NULL, 0, &txn);
    if (rc != 0)
        return sst_emu_store_fail(err, rc, "opening the emulator store");
    if ((rc = mdb_dbi_open(txn, "meta", MDB_CREATE, &st->meta)) != 0 ||
        (rc = mdb_dbi_open(txn, "catalog", MDB_CREATE, &st->catalog)) != 0 ||
        (rc = mdb_dbi_open(txn, "rows", MDB_CREATE, &st->rows)) != 0 ||
        (rc = mdb_dbi_open(txn, "stats", MDB_CREATE, &st->stats)) != 0 ||
        (rc = mdb_dbi_open(txn, "tokens", MDB_CREATE, &st->tokens)) != 0 ||
        (rc = mdb_dbi_open(txn, "streams", MDB_CREATE, &st->streams)) != 0)
        goto fail;

    k.mv_data = (void *)meta_format_key;
    k.mv_size = sizeof meta_format_key - 1;
    rc = mdb_get(txn, st->meta, &k, &v);
    st->layout = SST_EMU_STORE_FORMAT;
    if (rc == MDB_NOTFOUND) {
        sst_emu_put_u32(fmt, SST_EMU_STORE_FORMAT);
        v.mv_data = fmt;
        v.mv_size = sizeof fmt;
        if ((rc = mdb_put(txn, st->meta, &k, &v, 0)) != 0)
            goto fail;
    } else if (rc != 0) {
        goto fail;
    } else if (v.mv_size == 4 && sst_emu_get_u32(v.mv_data) >= 1 &&
               sst_emu_get_u32(v.mv_data) < SST_EMU_STORE_FORMAT) {
        /* the rows of layouts 1 to 4 read the same, under other keys:
         * sst_emu_open() rekeys them, then sst_emu_store_set_layout()
         * records layout 5, which older builds refuse */
        st->layout = sst_emu_get_u32(v.mv_data);
    } else if (v.mv_size != 4 ||
               sst_emu_get_u32(v.mv_data) != SST_EMU_STORE_FORMAT) {
        mdb_txn_abort(txn);
        return sst_err_set(err, SST_E_STORAGE,
                           "the emulator directory has layout version %u; "
                           "this build reads version %d",
                           v.mv_size == 4 ? sst_emu_get_u32(v.mv_data) : 0,
                           SST_EMU_STORE_FORMAT);
    }

    k.mv_data = (void *)meta_uid_key;
    k.mv_size = sizeof meta_uid_key - 1;
    rc = mdb_get(txn, st->meta, &k, &v);
    if (rc == MDB_NOTFOUND) {
        if ((rc = random_bytes(st->uid, sizeof st->uid)) != 0)
            goto fail;
        v.mv_data = st->uid;
        v.mv_size = sizeof st->uid;
        if ((rc = mdb_put(txn, st->meta, &k, &v, 0)) != 0)
            goto fail;
    } else if (rc != 0) {
        goto fail;
    } else if (v.mv_size == sizeof st->uid) {
        memcpy(st->uid, v.mv_data, sizeof st->uid);
    } else {
        mdb_txn_abort(txn);
        return sst_err_set(err, SST_E_STORAGE,
                           "the emulator directory's meta record is "
                           "corrupt");
    }
    rc = mdb_txn_commit(txn);
    if (rc != 0)
        return sst_emu_store_fail(err, rc, "opening the emulator store");
    return SST_OK;
fail:
    mdb_txn_abort(txn);
    return sst_emu_store_fail(err, rc, "opening the emulator store");
}

/* ------------------------------------------------------------------ */
/* the registry of open directories                                    */

/*
 * Look path up among this process's open stores. On a hit, *out is the
 * shared store with one more reference. On a miss, *out is NULL and the
 * registry stays locked until register_store() or the failure path of
 * sst_emu_store_open() unlocks it (*locked says so), so that two threads
 * opening the same directory cannot both open it. fresh is the half-built store
 * the caller holds, which receives the directory's identity.
 */
static enum sst_code
find_open(const char *path, struct sst_emu_store *fresh,
          struct sst_emu_store **out, bool *locked, struct sst_err *err)
{
    struct sst_emu_store *s;
    struct stat sb;

    *out = NULL;
    if (stat(path, &sb) != 0) {
        enum sst_code code = sst_err_set(
            err, SST_E_STORAGE, "cannot open the emulator directory '%s': %s",
            path, strerror(errno));
        if (err != NULL)
            err->cause = errno;
        return code;
    }
    pthread_mutex_lock(&registry_mu);
    for (s = registry; s != NULL; s = s->next)
        if (s->dev == sb.st_dev && s->ino == sb.st_ino && s->pid == getpid()) {
            s->refs++;
            pthread_mutex_unlock(&registry_mu);
            *out = s;
            return SST_OK;
        }
    fresh->dev = sb.st_dev;
    fresh->ino = sb.st_ino;
    fresh->pid = getpid();
    *locked = true;
    return SST_OK;
}

/* Add a newly opened persistent store; unlocks the registry. */
static void
register_store(struct sst_emu_store *st)
{
    st->registered = true;
    st->refs = 1;
    st->next = registry;
    registry = st;
    pthread_mutex_unlock(&registry_mu);
}

/* ------------------------------------------------------------------ */
/* open / close                                                        */

/* The size of dir's data file, 0 when it has none. With MDB_WRITEMAP,
 * LMDB truncates the data file to the map size it opens with: a map
 * smaller than another process's would cut the file short under that
 * process's map, which then faults (SIGBUS) on its next write past the
 * cut. So a store never opens with a map smaller than the file. */
static size_t
data_file_size(const char *dir)
{
    char path[PATH_MAX];
    struct stat sb;

    if ((size_t)snprintf(path, sizeof path, "%s/data.mdb", dir) >=
            sizeof path ||
        stat(path, &sb) != 0 || sb.st_size < 0 ||
        (uint64_t)sb.st_size > SIZE_MAX)
        return 0;
    return (size_t)sb.st_size;
}

/*
 * For faulting an in-memory store's pages in ahead of its growth (txn.c):
 * where LMDB mapped the data file, which LMDB does not tell (mdb_env_info
 * gives an address only for MDB_FIXEDMAP). It is the mapping of
 * /proc/self/maps at offset 0 of the data file's device and inode, and
 * as long as the map. False when it cannot be found.
 */
static bool
find_map(struct sst_emu_store *st)
{
    MDB_envinfo info;
    MDB_stat ms;
    struct stat sb;
    unsigned long lo, hi, off, ino;
    unsigned maj, mnr;
    mdb_filehandle_t fd;
    char line[512];
    bool found = false;
    FILE *f;

    if (mdb_env_info(st->env, &info) != 0 || mdb_env_stat(st->env, &ms) != 0 ||
        mdb_env_get_fd(st->env, &fd) != 0 || fstat(fd, &sb) != 0)
        return false;
    f = fopen("/proc/self/maps", "re");
    if (f == NULL)
        return false;
    while (!found && fgets(line, sizeof line, f) != NULL)
        found = sscanf(line, "%lx-%lx %*s %lx %x:%x %lu", &lo, &hi, &off, &maj,
                       &mnr, &ino) == 6 &&
                off == 0 && ino == sb.st_ino &&
                makedev(maj, mnr) == sb.st_dev &&
                hi - lo == info.me_mapsize;
    fclose(f);
    if (!found)
        return false;
    st->map = (char *)lo;
    st->map_size = info.me_mapsize;
    st->psize = ms.ms_psize;
    return true;
}

static size_t
round_map_size(size_t n)
{
    long page = sysconf(_SC_PAGESIZE);
    size_t p = page > 0 ? (size_t)page : 4096;

    return n % p == 0 ? n : n + (p - n % p);
}

/* The store's write gate (store_int.h): an adaptive mutex. */
static int
init_write_gate(pthread_mutex_t *m)
{
    pthread_mutexattr_t a;
    int rc;

    rc = pthread_mutexattr_init(&a);
    if (rc != 0)
        return rc;
    rc = pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ADAPTIVE_NP);
    if (rc == 0)
        rc = pthread_mutex_init(m, &a);
    pthread_mutexattr_destroy(&a);
    return rc;
}

enum sst_code
sst_emu_store_open(const struct sst_emu_store_config *cfg,
                   struct sst_emu_store **out, struct sst_err *err)
{
    struct sst_emu_store *st = NULL;
    char *dir = NULL;
    unsigned flags = MDB_NOTLS;
    size_t map_size;
    enum sst_code code;
    bool locked = false;
    int rc, dead;
    size_t i;

    if (out == NULL || cfg == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "cfg and out must not be NULL");
    *out = NULL;
    map_size = cfg->map_size ? cfg->map_size : SST_EMU_MAP_SIZE_DEFAULT;
    if (map_size < SST_EMU_MAP_SIZE_MIN)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "map-size %zu is below the minimum of %zu bytes",
                           map_size, SST_EMU_MAP_SIZE_MIN);
    if (cfg->path != NULL && *cfg->path == '\0')
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "the emulator path is empty");

    st = sst_calloc(1, sizeof *st);
    if (st == NULL)
        return sst_err_set(err, SST_E_NOMEM,
                           "out of memory opening the "
                           "emulator store");
    if (init_write_gate(&st->write_gate) != 0) {
        sst_free(st);
        return sst_err_set(err, SST_E_NOMEM, "cannot create a lock");
    }
    if (pthread_rwlock_init(&st->resize_lock, NULL) != 0) {
        pthread_mutex_destroy(&st->write_gate);
        sst_free(st);
        return sst_err_set(err, SST_E_NOMEM, "cannot create a lock");
    }
    for (i = 0; i < SST_EMU_IDLE_READERS; i++)
        atomic_init(&st->idle[i], NULL);
    st->in_memory = cfg->path == NULL;
    atomic_init(&st->prefault, st->in_memory);
    atomic_init(&st->faulted, 0);
    atomic_flag_clear(&st->faulting);
    st->cache = sst_emu_catalog_cache_new();
    if (st->cache == NULL) {
        code = sst_err_set(err, SST_E_NOMEM,
                           "out of memory opening the "
                           "emulator store");
        goto fail;
    }

    if (st->in_memory) {
        /* Nothing is kept, so nothing needs flushing; writing through the
         * map makes a commit a few memory stores (the file is sparse). */
        flags |= MDB_NOSYNC | MDB_NOMETASYNC | MDB_WRITEMAP | MDB_MAPASYNC;
        rc = temp_dir(&dir);
        if (rc != 0) {
            code =
                sst_emu_store_fail(err, rc, "creating a temporary directory");
            goto fail;
        }
    } else {
        /* Not durable anyway: write through the map, so that a commit
         * costs no system call (the data file becomes a sparse file of
         * the map size). */
        if (cfg->no_sync)
            flags |= MDB_NOSYNC | MDB_WRITEMAP | MDB_MAPASYNC;
        rc = make_dirs(cfg->path);
        if (rc != 0) {
            code = sst_err_set(err, SST_E_STORAGE,
                               "cannot create the emulator directory "
                               "'%s': %s",
                               cfg->path, strerror(rc));
            if (err != NULL)
                err->cause = rc;
            goto fail;
        }
        code = find_open(cfg->path, st, out, &locked, err);
        if (code != SST_OK || *out != NULL) {
            sst_emu_store_close(st);
            return code;
        }
    }

    if (!st->in_memory && data_file_size(cfg->path) > map_size)
        map_size = data_file_size(cfg->path);
    rc = mdb_env_create(&st->env);
    if (rc == 0)
        rc = mdb_env_set_maxdbs(st->env, MAX_DBS);
    if (rc == 0)
        rc = mdb_env_set_maxreaders(st->env, MAX_READERS);
    if (rc == 0)
        rc = mdb_env_set_mapsize(st->env, round_map_size(map_size));
    if (rc == 0)
        rc = mdb_env_open(st->env, st->in_memory ? dir : cfg->path, flags,
                          FILE_MODE);
    if (st->in_memory)
        unlink_env_dir(dir);
    if (rc != 0) {
        code = sst_emu_store_fail(err, rc, "opening the LMDB environment");
        goto fail;
    }
    if (st->in_memory && !find_map(st))
        atomic_store(&st->prefault, false);
    if (mdb_env_get_maxkeysize(st->env) < SST_EMU_PHYS_KEY_MAX) {
        code =
            sst_err_set(err, SST_E_STORAGE,
                        "this LMDB build limits keys to %d bytes; the "
                        "emulator needs %d",
                        mdb_env_get_maxkeysize(st->env), SST_EMU_PHYS_KEY_MAX);
        goto fail;
    }
    /* A process that died inside a read transaction leaves its reader
     * slot behind; free such slots before they pin old pages. */
    (void)mdb_reader_check(st->env, &dead);

    code = init_dbs(st, err);
    if (code != SST_OK)
        goto fail;
    sst_free(dir);
    if (locked)
        register_store(st);
    *out = st;
    return SST_OK;
fail:
    if (locked)
        pthread_mutex_unlock(&registry_mu);
    sst_free(dir);
    sst_emu_store_close(st);
    return code;
}

void
sst_emu_store_close(struct sst_emu_store *st)
{
    struct sst_emu_store **p;

    if (st == NULL)
        return;
    if (st->registered) {
        pthread_mutex_lock(&registry_mu);
        if (--st->refs > 0) {
            pthread_mutex_unlock(&registry_mu);
            return;
        }
        for (p = &registry; *p != NULL; p = &(*p)->next)
            if (*p == st) {
                *p = st->next;
                break;
            }
        pthread_mutex_unlock(&registry_mu);
    }
    sst_emu_txn_free_idle(st);
    if (st->env != NULL)
        mdb_env_close(st->env);
    sst_emu_catalog_cache_free(st->cache);
    pthread_rwlock_destroy(&st->resize_lock);
    pthread_mutex_destroy(&st->write_gate);
    sst_free(st);
}

unsigned
sst_emu_store_layout(const struct sst_emu_store *st)
{
    return st->layout;
}

enum sst_code
sst_emu_store_set_layout(struct sst_emu_txn *t, struct sst_err *err)
{
    struct sst_emu_store *st = sst_emu_txn_store(t);
    uint8_t fmt[4];
    MDB_val k, v;
    int rc;

    if (!sst_emu_txn_writable(t))
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "the layout is set in a write transaction");
    k.mv_data = (void *)meta_format_key;
    k.mv_size = sizeof meta_format_key - 1;
    sst_emu_put_u32(fmt, SST_EMU_STORE_FORMAT);
    v.mv_data = fmt;
    v.mv_size = sizeof fmt;
    rc = mdb_put(t->txn, st->meta, &k, &v, 0);
    if (rc != 0)
        return sst_emu_store_fail(err, rc, "recording the store's layout");
    st->layout = SST_EMU_STORE_FORMAT;
    return SST_OK;
}

bool
sst_emu_store_in_memory(const struct sst_emu_store *st)
{
    return st->in_memory;
}

size_t
sst_emu_store_map_size(const struct sst_emu_store *st)
{
    MDB_envinfo info;

    if (mdb_env_info(st->env, &info) != 0)
        return 0;
    return info.me_mapsize;
}

void
sst_emu_store_fault_info(const struct sst_emu_store *st, size_t *used,
                         size_t *faulted)
{
    MDB_envinfo info;
    MDB_stat ms;

    if (used != NULL)
        *used = mdb_env_info(st->env, &info) == 0 &&
                        mdb_env_stat(st->env, &ms) == 0
                    ? ((size_t)info.me_last_pgno + 1) * ms.ms_psize
                    : 0;
    if (faulted != NULL)
        *faulted = atomic_load(&((struct sst_emu_store *)st)->faulted);
}

const uint8_t *
sst_emu_store_uid(const struct sst_emu_store *st)
{
    return st->uid;
}
