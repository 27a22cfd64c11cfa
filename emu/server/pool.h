/*
 * emu/server/pool.h - how the server's worker threads reach the backend.
 *
 * Three shapes, one call:
 *   shared   one backend, called from every thread at once (the emulator);
 *   serial   one backend, one call at a time (any backend);
 *   per-URI  n handles opened from one URI, each used by one call at a
 *            time (the HTTP backend: one handle is one connection).
 */
#ifndef SST_EMU_SERVER_POOL_H
#define SST_EMU_SERVER_POOL_H

#include <sst/backend.h>

#include <sst/server.h>

struct sst_server_pool;

/**
 * Make a pool over opt->backend, the caller's (borrowed; the pool never
 * closes it), with opt->sharing, or, when that is NULL, over n handles
 * the pool opens from opt->backend_uri and closes when freed. A shared
 * emulator backend answers through sst_emu_call_text, keeps its rows'
 * text unless opt->plain_rows, and, unless opt->normal_sched, is called
 * by threads that run as SCHED_BATCH while they serve item writes.
 *
 * @param[in]  opt  borrowed; only read during the call
 * @param[out] out  on SST_OK the pool (sst_server_pool_free); else NULL
 * @return SST_OK; SST_E_INVALID_ARG (neither or both of backend and
 *         backend_uri, n 0); SST_E_NOMEM; whatever sst_backend_open()
 *         returns for backend_uri.
 */
enum sst_code sst_server_pool_new(const struct sst_server_options *opt,
                                  unsigned n, struct sst_server_pool **out,
                                  struct sst_err *err);

/**
 * sst_backend_call() on a handle of the pool, waiting for one to be free
 * when the pool is not shared. The signature is that of
 * struct sst_server_handler's call; ctx is the pool.
 */
enum sst_code sst_server_pool_call(void *ctx, const char *op,
                                   const struct json_object *req,
                                   struct json_object **resp,
                                   struct sst_err *err);

/** Free the pool and close the handles it opened. NULL is a no-op. */
void sst_server_pool_free(struct sst_server_pool *p);

#endif /* SST_EMU_SERVER_POOL_H */
