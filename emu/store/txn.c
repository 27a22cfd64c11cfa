/*
 * emu/store/txn.c - the store's transactions (see store.h).
 *
 * Every one holds the store's resize lock shared (see store_int.h).
 * Ended read transactions are reset and kept for the next reader (see
 * "idle read transactions" below); write transactions are begun afresh,
 * LMDB reusing its own write handle.
 */
#include <errno.h>
#include <sys/mman.h>
#include <time.h>

#include <sst/mem.h>

#include "emu/store/store_int.h"

/* ------------------------------------------------------------------ */
/* idle read transactions                                              */

/*
 * Read transactions are reused: an ended one is reset (mdb_txn_reset: its
 * snapshot released, its handle and reader slot kept) and parked in one
 * of the store's idle slots, and the next read renews it
 * (mdb_txn_renew). That saves the malloc and free of LMDB's handle and of
 * the wrapper, and the search of the reader table under its lock, on
 * every GetItem. The env is MDB_NOTLS, so a handle is not tied to the
 * thread that made it. A reset handle is no open transaction: the map
 * may be resized under it, and renewing checks the map size exactly as
 * mdb_txn_begin does (MDB_MAP_RESIZED).
 */

/* An idle read transaction, or NULL. */
static struct sst_emu_txn *
take_idle(struct sst_emu_store *st)
{
    struct sst_emu_txn *t;
    size_t i;

    for (i = 0; i < SST_EMU_IDLE_READERS; i++) {
        if (atomic_load_explicit(&st->idle[i], memory_order_relaxed) == NULL)
            continue;
        t = atomic_exchange_explicit(&st->idle[i], NULL, memory_order_acquire);
        if (t != NULL)
            return t;
    }
    return NULL;
}

/* Park a reset read transaction; false when every slot is taken. */
static bool
park_idle(struct sst_emu_store *st, struct sst_emu_txn *t)
{
    struct sst_emu_txn *empty;
    size_t i;

    for (i = 0; i < SST_EMU_IDLE_READERS; i++) {
        empty = NULL;
        if (atomic_compare_exchange_strong_explicit(&st->idle[i], &empty, t,
                                                    memory_order_release,
                                                    memory_order_relaxed))
            return true;
    }
    return false;
}

/* Discard a wrapper and the LMDB handle it holds (open or reset). */
static void
free_txn(struct sst_emu_txn *t)
{
    mdb_txn_abort(t->txn);
    sst_free(t);
}

void
sst_emu_txn_free_idle(struct sst_emu_store *st)
{
    struct sst_emu_txn *t;

    while ((t = take_idle(st)) != NULL)
        free_txn(t);
}

/* ------------------------------------------------------------------ */
/* transactions                                                        */

/* Start t's LMDB transaction, renewing its reset handle if it has one.
 * The caller holds the resize lock shared. */
static int
start_txn(struct sst_emu_txn *t)
{
    int rc;

    if (t->txn != NULL) {
        rc = mdb_txn_renew(t->txn);
        if (rc == 0)
            return 0;
        /* A failed renew ends the handle: discard it, and begin a new
         * one unless the map must be adopted first. */
        mdb_txn_abort(t->txn);
        t->txn = NULL;
        if (rc == MDB_MAP_RESIZED)
            return rc;
    }
    return mdb_txn_begin(t->st->env, NULL, t->write ? 0 : MDB_RDONLY, &t->txn);
}

enum sst_code
sst_emu_txn_begin(struct sst_emu_store *st, bool write,
                  struct sst_emu_txn **out, struct sst_err *err)
{
    struct sst_emu_txn *t = NULL;
    int rc, tries;

    *out = NULL;
    if (!write)
        t = take_idle(st);
    if (t == NULL) {
        t = sst_malloc(sizeof *t);
        if (t == NULL)
            return sst_err_set(err, SST_E_NOMEM,
                               "out of memory beginning a "
                               "transaction");
        t->st = st;
        t->txn = NULL;
        t->write = write;
    }
    t->now_ms = 0;
    t->service = false;
    for (tries = 0;; tries++) {
        if (write)
            pthread_mutex_lock(&st->write_gate);
        pthread_rwlock_rdlock(&st->resize_lock);
        rc = start_txn(t);
        if (rc != MDB_MAP_RESIZED || tries >= 3)
            break;
        /* Another process grew the map: adopt its size, which LMDB
         * allows only while this process has no transaction open (reset
         * ones do not count: they hold no pages of the map). The gate is
         * not held meanwhile: a thread that has a read transaction open
         * may be waiting for it. */
        pthread_rwlock_unlock(&st->resize_lock);
        if (write)
            pthread_mutex_unlock(&st->write_gate);
        pthread_rwlock_wrlock(&st->resize_lock);
        (void)mdb_env_set_mapsize(st->env, 0);
        pthread_rwlock_unlock(&st->resize_lock);
    }
    if (rc != 0) {
        pthread_rwlock_unlock(&st->resize_lock);
        if (write)
            pthread_mutex_unlock(&st->write_gate);
        sst_free(t); /* t->txn is NULL: start_txn failed */
        return sst_emu_store_fail(err, rc, "beginning a transaction");
    }
    *out = t;
    return SST_OK;
}

void
sst_emu_store_set_text(struct sst_emu_store *st, bool on)
{
    atomic_store_explicit(&st->text, on, memory_order_relaxed);
}

bool
sst_emu_store_text(const struct sst_emu_store *st)
{
    return atomic_load_explicit(&st->text, memory_order_relaxed);
}

bool
sst_emu_txn_text(const struct sst_emu_txn *t)
{
    return sst_emu_store_text(t->st);
}

/* End a read transaction: reset and park it, or free it when the idle
 * slots are full. */
static void
end_read(struct sst_emu_txn *t)
{
    struct sst_emu_store *st = t->st;

    mdb_txn_reset(t->txn);
    pthread_rwlock_unlock(&st->resize_lock);
    if (!park_idle(st, t))
        free_txn(t);
}

/* ------------------------------------------------------------------ */
/* faulting in ahead                                                   */

/*
 * An in-memory store writes through a shared map of a sparse file in
 * /dev/shm, and the first write to each new page of it is a page fault:
 * on this project's virtual machines about 11 us a page, against under
 * 1 us a page when madvise(MADV_POPULATE_WRITE) faults a run of pages in
 * one system call. A store that grows takes a new page every two or
 * three 1 KB items, inside the write transaction, so that every writer
 * queued behind the gate waits for the fault too.
 *
 * So after a commit, outside the gate, the committing thread keeps the
 * pages after the last one LMDB has used faulted in, PREFAULT_CHUNK at a
 * time, whenever fewer than half a chunk are left (one thread at a time;
 * the others go on). The resize lock is still held shared, so the map
 * cannot move meanwhile. Memory is touched only ahead of the store's
 * growth, never all at once. When madvise fails (EINVAL from a kernel
 * before Linux 5.14, ENOMEM when /dev/shm is full), the store stops
 * trying, and its writers fault the pages in as before.
 */
#define PREFAULT_CHUNK ((size_t)256 * 1024)

static void
prefault_ahead(struct sst_emu_store *st)
{
    MDB_envinfo info;
    size_t used, from, to;

    if (mdb_env_info(st->env, &info) != 0)
        return;
    used = ((size_t)info.me_last_pgno + 1) * st->psize;
    if (atomic_load_explicit(&st->faulted, memory_order_relaxed) >=
        used + PREFAULT_CHUNK / 2)
        return;
    if (atomic_flag_test_and_set_explicit(&st->faulting, memory_order_acquire))
        return;
    from = atomic_load_explicit(&st->faulted, memory_order_relaxed);
    if (from < used)
        from = used;
    to = from + PREFAULT_CHUNK;
    if (to > st->map_size)
        to = st->map_size;
    if (info.me_mapsize != st->map_size) /* remapped: stop */
        atomic_store_explicit(&st->prefault, false, memory_order_relaxed);
    else if (to > from) {
        if (madvise(st->map + from, to - from, MADV_POPULATE_WRITE) == 0)
            atomic_store_explicit(&st->faulted, to, memory_order_relaxed);
        else if (errno != EINTR && errno != EAGAIN)
            atomic_store_explicit(&st->prefault, false, memory_order_relaxed);
    }
    atomic_flag_clear_explicit(&st->faulting, memory_order_release);
}

enum sst_code
sst_emu_txn_commit(struct sst_emu_txn *t, struct sst_err *err)
{
    struct sst_emu_store *st = t->st;
    int rc;

    if (!t->write) { /* nothing to write: ending it is committing it */
        end_read(t);
        return SST_OK;
    }
    rc = mdb_txn_commit(t->txn);
    pthread_mutex_unlock(&st->write_gate);
    if (rc == 0 && atomic_load_explicit(&st->prefault, memory_order_relaxed))
        prefault_ahead(st);
    pthread_rwlock_unlock(&st->resize_lock);
    sst_free(t);
    if (rc != 0)
        return sst_emu_store_fail(err, rc, "committing a transaction");
    return SST_OK;
}

void
sst_emu_txn_abort(struct sst_emu_txn *t)
{
    if (t == NULL)
        return;
    if (!t->write) {
        end_read(t);
        return;
    }
    mdb_txn_abort(t->txn);
    pthread_rwlock_unlock(&t->st->resize_lock);
    pthread_mutex_unlock(&t->st->write_gate);
    sst_free(t);
}

bool
sst_emu_txn_writable(const struct sst_emu_txn *t)
{
    return t->write;
}

struct sst_emu_store *
sst_emu_txn_store(const struct sst_emu_txn *t)
{
    return t->st;
}

void
sst_emu_txn_set_now(struct sst_emu_txn *t, int64_t now_ms)
{
    t->now_ms = now_ms;
}

int64_t
sst_emu_txn_now(const struct sst_emu_txn *t)
{
    struct timespec ts;

    if (t->now_ms != 0)
        return t->now_ms;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
sst_emu_txn_set_service(struct sst_emu_txn *t, bool on)
{
    t->service = on;
}

bool
sst_emu_txn_service(const struct sst_emu_txn *t)
{
    return t->service;
}
