/*
 * emu/store/store_int.h - what the files of emu/store/ share: the LMDB
 * handles behind the opaque types of store.h. Included only inside
 * emu/store/ (it includes <lmdb.h>).
 */
#ifndef SST_EMU_STORE_INT_H
#define SST_EMU_STORE_INT_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include <lmdb.h>

#include <sst/err.h>

#include "emu/store/bytes.h"
#include "emu/store/store.h"

#define SST_EMU_UID_LEN 16

/* Longest LMDB key the store writes (rows.c: a truncated long key). */
#define SST_EMU_PHYS_KEY_MAX 502

/* Reset read transactions a store keeps for reuse (env.c): about the
 * number of threads that read it at once (the server's workers). */
#define SST_EMU_IDLE_READERS 8

struct sst_emu_catalog_cache;

struct sst_emu_store {
    MDB_env *env;
    MDB_dbi meta, catalog, rows, stats;
    MDB_dbi tokens;  /* tokens.c: ClientRequestTokens of transactions */
    MDB_dbi streams; /* streams.c: stream descriptions and records    */
    bool in_memory;
    unsigned layout; /* sst_emu_store_layout() */
    /* Rows written carry their JSON text (sst_emu_store_set_text). */
    atomic_bool text;
    uint8_t uid[SST_EMU_UID_LEN];
    /* Held shared by every transaction and exclusively to adopt a map
     * size another process set: LMDB allows that only when this process
     * has no transaction open. */
    pthread_rwlock_t resize_lock;
    /* Held by this process's write transaction from its begin to its end,
     * taken before LMDB's writer lock: the process's writers queue on an
     * adaptive mutex, which spins a little before it sleeps, instead of
     * on LMDB's process-shared robust mutex, which sleeps at once (in
     * sst-emu, +15-20% PutItems/s with two workers). Never held while
     * waiting for resize_lock exclusively. */
    pthread_mutex_t write_gate;
    /* Ended read transactions, reset (mdb_txn_reset) with their
     * wrappers, for sst_emu_txn_begin to renew: a slot is empty (NULL) or
     * owns one; taking is an atomic exchange, so two threads never get
     * the same one. Each keeps its reader slot in the lock file, holding
     * no snapshot. Freed at close. */
    _Atomic(struct sst_emu_txn *) idle[SST_EMU_IDLE_READERS];
    struct sst_emu_catalog_cache *cache; /* catalog.c */
    /* In-memory stores: how far from the map's start its pages are
     * faulted in, ahead of the pages LMDB has used (txn.c, "faulting
     * in ahead"); prefault false when the kernel cannot, or where LMDB
     * mapped the file is not known (env.c, find_map). */
    atomic_bool prefault;
    char *map;       /* LMDB's map of the data file */
    size_t map_size; /* its length                 */
    size_t psize;    /* LMDB's page size           */
    atomic_size_t faulted;
    atomic_flag faulting;
    /* Registry of this process's persistent stores (env.c). */
    bool registered;
    dev_t dev;
    ino_t ino;
    pid_t pid;
    long refs;
    struct sst_emu_store *next;
};

struct sst_emu_txn {
    struct sst_emu_store *st;
    MDB_txn *txn;
    bool write;
    int64_t now_ms; /* sst_emu_txn_set_now; 0: the system clock  */
    bool service;   /* sst_emu_txn_set_service                    */
};

/**
 * Fill err for an LMDB (or errno) failure rc during `what`: SST_E_NOMEM
 * for ENOMEM, SST_E_STORAGE otherwise, with a message that says what to
 * do when the map is full. err->cause is rc.
 */
enum sst_code sst_emu_store_fail(struct sst_err *err, int rc, const char *what);

/* Free the store's idle read transactions (txn.c), at close: no thread
 * may still use the store. */
void sst_emu_txn_free_idle(struct sst_emu_store *st);

/* Catalog cache (catalog.c), created and freed with the store. */
struct sst_emu_catalog_cache *sst_emu_catalog_cache_new(void);
void sst_emu_catalog_cache_free(struct sst_emu_catalog_cache *c);

#endif /* SST_EMU_STORE_INT_H */
