/*
 * emu/server/server.h - sst-emu as a library: DynamoDB's JSON 1.0 HTTP
 * protocol served with libmicrohttpd on top of any struct sst_backend.
 *
 * A program (the sst-emu binary, a test, an application that wants a local
 * DynamoDB endpoint of its own) opens a server on an address and a port
 * (port 0 takes any free one), asks which port it got, and closes it. Each
 * request runs through handler.c, which answers exactly as AWS DynamoDB
 * does; the backend does the DynamoDB work.
 *
 *   struct sst_server_options o = {0};
 *   struct sst_server *srv;
 *
 *   o.backend = db;                     // borrowed, closed by the caller
 *   o.sharing = SST_SERVER_SHARED;      // db is thread-safe
 *   if (sst_server_open(&o, &srv, &err) == SST_OK) {
 *       printf("listening on %s\n", sst_server_url(srv));
 *       ...
 *       sst_server_close(srv);          // graceful
 *   }
 *
 * Threads: by default each connection is served by a thread of its own
 * (keep-alive connections keep it until they close or idle for 120 s);
 * sst_server_options.threads asks for a fixed pool of worker threads
 * instead, each serving its share of the connections. The functions here
 * are called from one thread (the owner of the server).
 */
#ifndef SST_EMU_SERVER_H
#define SST_EMU_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sst/backend.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The largest request body AWS accepts; a longer one is answered 413. */
#define SST_SERVER_MAX_REQUEST_BYTES (16u * 1024u * 1024u)
/* Requests still running when a close starts get this long to finish. */
#define SST_SERVER_DRAIN_MS 10000

/** How calls reach the backend given in sst_server_options.backend. */
enum sst_server_sharing {
    /* One call at a time: right for any backend (the default). */
    SST_SERVER_SERIAL = 0,
    /* Calls run concurrently: the backend is safe to share between
     * threads (the emulator is; see its header). */
    SST_SERVER_SHARED
};

/** A key the server accepts when it verifies signatures; borrowed. */
struct sst_server_credential {
    const char *access_key_id;
    const char *secret_access_key;
};

struct sst_server_options {
    /* Where: a numeric IPv4 or IPv6 address or a host name that resolves
     * to one; NULL for "127.0.0.1". port 0 takes any free port. */
    const char *bind;
    int port;
    /* 0 (the default): a thread per connection, at most 1000
     * connections at once. 1 to 64: a pool of that many worker threads,
     * which serve every connection between them; with 2 or more, one
     * more thread accepts the connections and gives them to the workers in
     * turn. A pool of 2 answered 10% to 20% more reads per second when
     * the load saturated the CPUs, with as short a tail, and fewer
     * writes, whose workers queue on the emulator's write lock
     * (docs/performance.md, "A pool's connections spread over its
     * workers"). */
    unsigned threads;
    /* What to serve: either backend (borrowed: the caller closes it after
     * sst_server_close) with its sharing, or backend_uri, from which the
     * server opens one handle per worker thread (per online CPU, at least
     * 2, with connection threads, which take whichever handle is free)
     * and closes them itself (right for the HTTP backend, whose handle is
     * one connection). */
    struct sst_backend *backend;
    enum sst_server_sharing sharing;
    const char *backend_uri;
    /* SigV4: when verify_signatures is set, a request must be signed with
     * one of the credentials (copied), within 15 minutes of the clock.
     * Otherwise only the presence and the form of the signature are
     * checked, as DynamoDB checks them before it looks at keys. */
    bool verify_signatures;
    const struct sst_server_credential *credentials;
    size_t credential_count;
    /* Bodies longer than this are answered 413; 0 for
     * SST_SERVER_MAX_REQUEST_BYTES. */
    size_t max_request_bytes;
    /* With a shared emulator backend the server has it keep each item's
     * JSON text with its row and answers reads with that text
     * (docs/emulator.md, "Rows that keep their JSON text"): much cheaper
     * reads, dearer writes, rows about twice as big. plain_rows turns
     * that off: rows as an in-process emulator writes them. */
    bool plain_rows;
    /* With a shared emulator backend, a thread that serves an item write
     * (PutItem, UpdateItem, DeleteItem, BatchWriteItem,
     * TransactWriteItems) runs as SCHED_BATCH until it serves another
     * operation: its wake-ups do not preempt running threads, such as
     * the writer that holds the emulator's write lock. Under a saturating
     * write load that answers more requests with a shorter tail; on a
     * machine whose CPUs are all busy, a write may wait for a running
     * thread's time slice to end. Only done when the opener's policy is
     * the normal one. normal_sched keeps every thread at the opener's
     * policy. */
    bool normal_sched;
    /* Injectable clock (Unix seconds) for the signature window; NULL for
     * the real one. Called from the worker threads. */
    int64_t (*clock_s)(void *user);
    void *user;
};

struct sst_server;

/**
 * Start serving: bind, listen and start the worker threads.
 *
 * @param[in]  opt  borrowed; strings and credentials are copied
 * @param[out] out  on SST_OK the running server (sst_server_close);
 *                  NULL on error
 * @param[out] err  optional
 * @return SST_OK; SST_E_INVALID_ARG (no backend or both kinds, a
 *         credential without key or secret, verify_signatures without
 *         credentials, port out of range, an address that does not
 *         resolve); SST_E_TRANSPORT (the address cannot be bound, e.g. the
 *         port is taken; cause holds errno when known); SST_E_NOMEM;
 *         whatever sst_backend_open() returns for backend_uri.
 */
SST_API enum sst_code sst_server_open(const struct sst_server_options *opt,
                                      struct sst_server **out,
                                      struct sst_err *err);

/** The port the server listens on (the chosen one when 0 was asked). */
SST_API int sst_server_port(const struct sst_server *srv);

/**
 * The server's base URL, e.g. "http://127.0.0.1:8000" or
 * "http://[::1]:8000". Borrowed; valid until sst_server_close().
 */
SST_API const char *sst_server_url(const struct sst_server *srv);

/** Requests answered so far (any status). */
SST_API unsigned long sst_server_requests(const struct sst_server *srv);

/**
 * Stop gracefully and free the server: stop accepting connections, give
 * requests in flight up to SST_SERVER_DRAIN_MS to finish and be answered,
 * close every connection, join the workers, and close the backend handles
 * the server opened itself (a backend given by the caller is left open,
 * every call on it finished). NULL is a no-op.
 */
SST_API void sst_server_close(struct sst_server *srv);

#ifdef __cplusplus
}
#endif

#endif /* SST_EMU_SERVER_H */
