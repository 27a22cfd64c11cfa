/*
 * sst/emu.h - the in-process DynamoDB emulator.
 *
 * An emulator is a faithful model of DynamoDB on an LMDB environment: the
 * same requests, answered with the same responses or the same errors
 * (type and message) as DynamoDB. It is reached like any backend, through
 * sst_backend_open("emu:PATH") or sst_backend_open("emu::memory:") and
 * sst_backend_call(), or opened directly with sst_emu_open() when a test
 * needs its clock.
 *
 *   emu::memory:   in memory: private files (in $TMPDIR, else /dev/shm,
 *                  else /tmp) unlinked as soon as they are open, so
 *                  nothing is left behind, even after a crash
 *   emu:PATH       the LMDB directory PATH, created if missing; durable:
 *                  a write that returned SST_OK is on disk
 *
 * URI options (after "?", joined with "&"):
 *   no-sync        do not flush on commit (fast, not durable; for tests);
 *                  "no-sync", "no-sync=1" or "=true" enable it
 *   map-size=N     most bytes the environment may hold (default 8 GiB; at
 *                  least 128 KiB). A write beyond it fails with
 *                  SST_E_STORAGE and a message saying so.
 *   ttl-sweep-ms=N sweep expired items (TTL) every N milliseconds of real
 *                  time in a background thread; 0 (the default): only
 *                  when sst_emu_sweep_ttl() is called
 *
 * Threads and processes: an emulator may be shared by any number of
 * threads (this header's functions and its backend's call are
 * thread-safe), and several processes may open the same directory:
 * writes are serialised by LMDB's lock file, reads see a consistent
 * snapshot and never wait. Within one process, emulators opened on the
 * same directory share one LMDB environment (LMDB requires it); the
 * options of the first one apply to all.
 *
 * Time: the emulator reads its clock for CreationDateTime and TTL. The
 * clock is the system's real time unless the caller injects one
 * (sst_emu_set_clock) or fixes it (sst_emu_set_time); sst_emu_advance_clock
 * moves whichever clock is in use forward (or back).
 *
 * TTL: as in DynamoDB, an item whose TTL attribute (a Number of epoch
 * seconds) is before the emulator's current time has expired, and is
 * deleted by a sweep; until then reads still see it. A sweep runs when
 * sst_emu_sweep_ttl() is called, and periodically when the emulator was
 * opened with a sweep interval (ttl_sweep_ms, URI option ttl-sweep-ms).
 */
#ifndef SST_EMU_H
#define SST_EMU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sst/backend.h>
#include <sst/defs.h>
#include <sst/err.h>

#ifdef __cplusplus
extern "C" {
#endif

struct json_object;
struct sst_emu;

/**
 * A clock: the current time in milliseconds since 1970-01-01T00:00:00Z.
 * Called from any thread that uses the emulator, without locks held.
 */
typedef int64_t (*sst_emu_clock_fn)(void *user);

/** Options of sst_emu_open(). Initialise with sst_emu_options_init(). */
struct sst_emu_options {
    bool no_sync;           /* see "no-sync" above; ignored in memory     */
    size_t map_size;        /* bytes; 0 for the default (8 GiB)           */
    sst_emu_clock_fn clock; /* NULL for the system clock                 */
    void *clock_user;       /* passed to clock                            */
    int64_t ttl_sweep_ms;   /* background TTL sweep interval, real time;
                               0: no background sweeping                  */
};

/** Set o to the defaults: durable, default map size, system clock. */
SST_API void sst_emu_options_init(struct sst_emu_options *o);

/**
 * Open an emulator.
 *
 * @param[in]  path  LMDB directory, created if missing; NULL for an
 *                   in-memory emulator. Borrowed.
 * @param[in]  opts  borrowed; NULL for the defaults
 * @param[out] out   on SST_OK a new emulator, closed with sst_emu_close();
 *                   NULL on error
 * @param[out] err   optional
 * @return SST_OK; SST_E_INVALID_ARG (out is NULL, empty path, map size
 *         too small); SST_E_STORAGE (the directory cannot be created or
 *         opened, or holds another layout version; err->cause has the
 *         errno or LMDB code); SST_E_NOMEM.
 */
SST_API enum sst_code sst_emu_open(const char *path,
                                   const struct sst_emu_options *opts,
                                   struct sst_emu **out, struct sst_err *err);

/**
 * The emulator as a backend, for sst_backend_call(). The pointer is
 * borrowed and valid until the emulator is closed; closing it with
 * sst_backend_close() closes the emulator (do one or the other).
 */
SST_API struct sst_backend *sst_emu_backend(struct sst_emu *emu);

/**
 * The emulator behind a backend opened with an "emu:" URI, for the clock
 * functions below; NULL when b is not an emulator. Borrowed: the backend
 * still owns it.
 */
SST_API struct sst_emu *sst_emu_from_backend(struct sst_backend *b);

/** Close the emulator and free it. NULL is a no-op. */
SST_API void sst_emu_close(struct sst_emu *emu);

/**
 * Run one DynamoDB operation, as sst_backend_call() does.
 *
 * @param[in]  op    "CreateTable", "DescribeTable", ...; case-sensitive
 * @param[in]  req   request in DynamoDB JSON; borrowed, not kept
 * @param[out] resp  on SST_OK a new reference (json_object_put); NULL on
 *                   error
 * @param[out] err   optional; carries DynamoDB's __type and message
 * @return SST_OK; SST_E_UNKNOWN_OPERATION for an operation the emulator
 *         does not know; SST_E_SERIALIZATION for wrongly typed JSON;
 *         SST_E_VALIDATION, SST_E_NOT_FOUND, SST_E_IN_USE as DynamoDB
 *         answers; SST_E_STORAGE, SST_E_NOMEM; SST_E_INVALID_ARG for NULL
 *         arguments.
 */
SST_API enum sst_code sst_emu_call(struct sst_emu *emu, const char *op,
                                   const struct json_object *req,
                                   struct json_object **resp,
                                   struct sst_err *err);

/**
 * Use clock (NULL: the system clock) from now on, with no offset.
 */
SST_API void sst_emu_set_clock(struct sst_emu *emu, sst_emu_clock_fn clock,
                               void *user);

/** Fix the time at now_ms until it is changed again. */
SST_API void sst_emu_set_time(struct sst_emu *emu, int64_t now_ms);

/** Move the emulator's time by delta_ms (negative goes back). */
SST_API void sst_emu_advance_clock(struct sst_emu *emu, int64_t delta_ms);

/** The emulator's current time, in milliseconds since the epoch. */
SST_API int64_t sst_emu_now(struct sst_emu *emu);

/**
 * Sweep now: delete every item, in every table with TTL enabled, whose
 * TTL attribute is a Number of epoch seconds before the emulator's
 * current time (and not more than five years before it: DynamoDB ignores
 * those), with its index rows, as DeleteItem would. Safe while other
 * threads and processes use the emulator; each batch of deletions is one
 * transaction.
 *
 * @param[out] removed  optional: how many items were deleted
 * @param[out] err      optional
 * @return SST_OK; SST_E_INVALID_ARG (emu is NULL); SST_E_STORAGE;
 *         SST_E_NOMEM.
 */
SST_API enum sst_code sst_emu_sweep_ttl(struct sst_emu *emu, uint64_t *removed,
                                        struct sst_err *err);

/**
 * The backend constructor registered for "emu:" URIs (sst_backend_open()
 * calls it; most code need not).
 *
 * @param[in]  uri  a parsed "emu:" URI; borrowed
 * @param[out] out  on SST_OK a new backend (sst_backend_close)
 * @return as sst_emu_open(); SST_E_INVALID_ARG for a bad option value.
 */
SST_API enum sst_code sst_emu_backend_open(const struct sst_uri *uri,
                                           struct sst_backend **out,
                                           struct sst_err *err);

#ifdef __cplusplus
}
#endif

#endif /* SST_EMU_H */
