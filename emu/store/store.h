/*
 * emu/store/store.h - the emulator's storage: one LMDB environment.
 *
 * Everything an emulator keeps lives in one LMDB environment, either a
 * directory on disk (emu:PATH) or a private directory that is unlinked as
 * soon as it is open (emu::memory:), so that nothing is left behind, not
 * even after a crash. The environment holds five named databases:
 *
 *   meta     format version, the environment's random 16-byte uid, and
 *            the next table id
 *   catalog  one record per table, keyed by the table name (catalog.h)
 *   rows     item rows and index rows of every table (rows.h)
 *   stats    item count and size per table and per index (rows.h)
 *   tokens   the ClientRequestTokens of recent transactions, with
 *            their expiry (tokens.h)
 *   streams  stream descriptions and records (streams.h)
 *
 * Every key in rows and stats starts with the table id (8 bytes, big
 * endian) then the index id (4 bytes, big endian; 0 is the table itself),
 * so that a table, or one of its indexes, is a contiguous key range and
 * deleting a table deletes one range. Table ids are never reused, so a
 * table deleted and created again under the same name starts empty.
 *
 * Transactions: each request runs in one transaction. Write transactions
 * are serialised by LMDB, across threads and across processes (the lock
 * file in the directory); read transactions see a snapshot and never
 * block or are blocked. Only emu/store/ includes <lmdb.h>: the types
 * here are opaque to the rest of the emulator.
 *
 * Threads: a store may be shared by any number of threads. A transaction
 * belongs to the thread that began it until it is committed or aborted.
 *
 * One directory, one environment per process: LMDB must not open an
 * environment twice in a process (closing one handle would drop the
 * other's file locks), so opening a directory this process already has
 * open returns the same store, counted; the options of the first opening
 * apply, and the environment closes with the last sst_emu_store_close().
 */
#ifndef SST_EMU_STORE_STORE_H
#define SST_EMU_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sst/defs.h>
#include <sst/err.h>

/* Map size when none is given: the most the environment may grow to. The
 * file is sparse and only the pages in use take disk or memory. */
#define SST_EMU_MAP_SIZE_DEFAULT                                               \
    (sizeof(size_t) >= 8 ? (size_t)8 << 30 : (size_t)1 << 30)
/* Smallest map size accepted. */
#define SST_EMU_MAP_SIZE_MIN ((size_t)128 * 1024)

/* Version of the on-disk layout, stored in meta under "format". Version 2
 * rows may carry their JSON text, version 3 rows may also point into it
 * (item.h), version 4 adds the "streams" database (streams.h), version 5
 * keys rows by DynamoDB Local's hashes (emu/ops/keys.h). A version 1 to
 * 4 directory opens with sst_emu_store_layout() below 5: its rows read
 * the same but sit under the old keys, and sst_emu_open() rekeys them
 * (emu/ops/rekey.c) before anything else reads them. */
#define SST_EMU_STORE_FORMAT 5

struct sst_emu_store;
struct sst_emu_txn;

/** How to open a store. */
struct sst_emu_store_config {
    const char *path; /* directory, created if missing; NULL: in memory   */
    bool no_sync;     /* do not flush on commit (faster, not durable)      */
    size_t map_size;  /* bytes; 0 for SST_EMU_MAP_SIZE_DEFAULT             */
};

/**
 * Open (creating if needed) a store.
 *
 * A persistent store is durable unless no_sync is set: when a write
 * transaction commits, its data is on disk. An in-memory store never
 * flushes and leaves no file behind. Several processes may open the same
 * directory at once.
 *
 * @param[in]  cfg  borrowed; path is copied
 * @param[out] out  on SST_OK a store (new, or shared when the directory is
 *                  open already), closed with sst_emu_store_close();
 *                  NULL on error
 * @param[out] err  optional
 * @return SST_OK; SST_E_INVALID_ARG (map size below SST_EMU_MAP_SIZE_MIN,
 *         empty path); SST_E_STORAGE (the directory cannot be created or
 *         opened, a different layout version, LMDB failures; err->cause
 *         holds the errno or MDB code); SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_store_open(const struct sst_emu_store_config *cfg,
                   struct sst_emu_store **out, struct sst_err *err);

/** The layout version the directory had when opened (1 to
 *  SST_EMU_STORE_FORMAT; a new store has SST_EMU_STORE_FORMAT). */
unsigned sst_emu_store_layout(const struct sst_emu_store *st);

/**
 * Record that the store's rows are in layout SST_EMU_STORE_FORMAT, in a
 * write transaction (committed with it).
 *
 * @return SST_OK; SST_E_STORAGE; SST_E_INVALID_ARG (a read transaction).
 */
SST_MUST_CHECK enum sst_code sst_emu_store_set_layout(struct sst_emu_txn *t,
                                                      struct sst_err *err);

/** Close the store (or drop one sharer of it). No transaction of this
 *  opening may be open. NULL is a no-op. */
void sst_emu_store_close(struct sst_emu_store *st);

/**
 * Whether rows written from now on through this opening carry their
 * DynamoDB JSON text (item.h), for a server that answers with it. Rows
 * read the same either way; the text costs a rendering per write and
 * about as many bytes again per row. Safe to call from any thread.
 */
void sst_emu_store_set_text(struct sst_emu_store *st, bool on);

/** Whether a write transaction's rows get their text (see above). */
bool sst_emu_txn_text(const struct sst_emu_txn *t);

/** The same, asked of the store before a transaction. */
bool sst_emu_store_text(const struct sst_emu_store *st);

/** Whether the store is in memory (emu::memory:). */
bool sst_emu_store_in_memory(const struct sst_emu_store *st);

/** The map size in bytes, as LMDB uses it. */
size_t sst_emu_store_map_size(const struct sst_emu_store *st);

/**
 * For tests of the faulting in ahead of an in-memory store's pages
 * (txn.c): *used gets the bytes of the map up to the last page LMDB has
 * used, *faulted how far from the map's start the store has faulted its
 * pages in ahead of them: 0 when it never has (nothing written yet, a
 * store on disk, or faulting ahead is off or failed). Either pointer may
 * be NULL.
 */
void sst_emu_store_fault_info(const struct sst_emu_store *st, size_t *used,
                              size_t *faulted);

/** The environment's random uid: 16 bytes, valid while the store is. */
const uint8_t *sst_emu_store_uid(const struct sst_emu_store *st);

/**
 * Begin a transaction.
 *
 * @param[in]  st     the store
 * @param[in]  write  a write transaction (serialised with all others)
 * @param[out] out    on SST_OK the transaction, ended by
 *                    sst_emu_txn_commit() or sst_emu_txn_abort()
 * @param[out] err    optional
 * @return SST_OK; SST_E_STORAGE; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code sst_emu_txn_begin(struct sst_emu_store *st,
                                               bool write,
                                               struct sst_emu_txn **out,
                                               struct sst_err *err);

/**
 * Commit and free a transaction (a read transaction is simply ended).
 * The transaction is gone afterwards whatever the result.
 *
 * @return SST_OK; SST_E_STORAGE when the data could not be written (the
 *         map is full, a disk error), with nothing of it kept.
 */
SST_MUST_CHECK enum sst_code sst_emu_txn_commit(struct sst_emu_txn *t,
                                                struct sst_err *err);

/** Abandon and free a transaction. NULL is a no-op. */
void sst_emu_txn_abort(struct sst_emu_txn *t);

/** Whether t is a write transaction. */
bool sst_emu_txn_writable(const struct sst_emu_txn *t);

/**
 * The emulator's clock for what a transaction writes with a time (stream
 * records): the operation that begins a write transaction sets it from
 * sst_emu_now(). Unset (0), sst_emu_txn_now() reads the system clock.
 */
void sst_emu_txn_set_now(struct sst_emu_txn *t, int64_t now_ms);

/** The time set by sst_emu_txn_set_now(), else the system clock's, in ms
 *  since the epoch. */
int64_t sst_emu_txn_now(const struct sst_emu_txn *t);

/**
 * Mark a write transaction as DynamoDB's own (the TTL sweeper): its
 * stream records carry the service's userIdentity.
 */
void sst_emu_txn_set_service(struct sst_emu_txn *t, bool on);

/** Whether sst_emu_txn_set_service() marked t. */
bool sst_emu_txn_service(const struct sst_emu_txn *t);

/** The store a transaction belongs to. */
struct sst_emu_store *sst_emu_txn_store(const struct sst_emu_txn *t);

#endif /* SST_EMU_STORE_STORE_H */
