/*
 * sst/backend.h - the seam between libsst and whatever speaks DynamoDB.
 *
 * A backend carries DynamoDB's own API and nothing else: an operation name
 * ("PutItem", "Query", ...), a request in DynamoDB's JSON wire shape, and
 * either a response in the same shape or an error with DynamoDB's __type and
 * message. The same application code runs on every backend; only the URI
 * that opens it changes.
 *
 *   emu::memory:            in-process emulator, throw-away
 *   emu:PATH                in-process emulator on an LMDB directory
 *   http://HOST[:PORT]      any DynamoDB endpoint (DynamoDB Local, sst-emu)
 *   https://HOST[:PORT]     the same over TLS
 *   dynamodb://REGION       AWS DynamoDB, standard credential chain
 *   diff:URI_A|URI_B        every call on both, divergences reported
 *   fault:SPEC|URI          wraps URI, injecting throttling, 5xx, latency
 *
 * Any URI may end in "?key=value&key=value" options; each scheme accepts its
 * own keys and refuses others (see docs/backends.md).
 *
 * Threads: a backend handle is used by one thread at a time unless the
 * backend's own header says otherwise.
 */
#ifndef SST_BACKEND_H
#define SST_BACKEND_H

#include <stdbool.h>
#include <stddef.h>

#include <sst/defs.h>
#include <sst/err.h>

#ifdef __cplusplus
extern "C" {
#endif

struct json_object;
struct sst_backend;

/** The operations one backend implementation provides. */
struct sst_backend_ops {
    /** Short name of the implementation, e.g. "emu", "http". */
    const char *name;
    /**
     * Run one DynamoDB operation. req is borrowed and never kept. On SST_OK
     * *resp is a new reference the caller releases with json_object_put().
     * On failure err is filled and *resp is NULL, or, when DynamoDB's
     * error carries members besides __type and message (the
     * CancellationReasons of TransactionCanceledException, the Item of a
     * ConditionalCheckFailedException asked for with
     * ReturnValuesOnConditionCheckFailure), an object holding those
     * members, which the caller releases too.
     */
    enum sst_code (*call)(struct sst_backend *b, const char *op,
                          const struct json_object *req,
                          struct json_object **resp, struct sst_err *err);
    /** Release the backend and everything it owns. */
    void (*close)(struct sst_backend *b);
};

/**
 * A backend handle. Implementations embed it as their first member and
 * recover themselves with a cast; users only pass the pointer around.
 */
struct sst_backend {
    const struct sst_backend_ops *ops;
};

/** Backend kinds the URI parser recognises. */
enum sst_backend_kind {
    SST_BACKEND_EMU = 0,  /* emu:PATH, emu::memory:    */
    SST_BACKEND_HTTP,     /* http://, https://         */
    SST_BACKEND_DYNAMODB, /* dynamodb://REGION         */
    SST_BACKEND_DIFF,     /* diff:A|B                  */
    SST_BACKEND_FAULT,    /* fault:SPEC|URI            */
    SST_BACKEND_KIND_COUNT
};

/** One "key=value" option of a URI (or of a fault SPEC). */
struct sst_uri_opt {
    char *key;
    char *value; /* "" when the option was given as a bare key */
};

/** A parsed backend URI. All strings are owned by the struct. */
struct sst_uri {
    enum sst_backend_kind kind;
    char *scheme;        /* as written, lower-cased: "emu", "https", ... */
    /* emu */
    bool in_memory;      /* emu::memory:                                 */
    char *path;          /* emu:PATH; NULL when in_memory               */
    /* http, https, dynamodb */
    bool tls;            /* https (dynamodb is always TLS)               */
    char *host;          /* http(s) host; "[::1]" keeps its brackets     */
    int port;            /* explicit port, or 80 / 443 by scheme         */
    char *base_path;     /* "/" unless the URL gave a path               */
    char *region;        /* dynamodb://REGION, or ?region= on http       */
    /* diff: inner_a and inner_b; fault: fault_opts and inner_a */
    char *inner_a;
    char *inner_b;
    struct sst_uri_opt *fault_opts;
    size_t fault_opt_count;
    /* ?key=value options of this URI */
    struct sst_uri_opt *opts;
    size_t opt_count;
};

/**
 * Parse a backend URI. Parsing is purely syntactic; nothing is opened.
 *
 * @param[in]  uri   borrowed NUL-terminated string
 * @param[out] out   on SST_OK a new struct the caller frees with
 *                   sst_uri_free(); NULL on error
 * @param[out] err   optional
 * @return SST_OK; SST_E_INVALID_ARG with a message naming the problem (an
 *         unknown scheme, an empty path, a bad port, ...); SST_E_NOMEM.
 */
SST_API enum sst_code sst_uri_parse(const char *uri, struct sst_uri **out,
                                    struct sst_err *err);

/** Free a parsed URI. NULL is a no-op. */
SST_API void sst_uri_free(struct sst_uri *uri);

/**
 * The value of option key in uri's ?options, or NULL when absent. The
 * pointer is borrowed and valid until the uri is freed.
 */
SST_API const char *sst_uri_opt_get(const struct sst_uri *uri,
                                    const char *key);

/** The name of a kind: "emu", "http", "dynamodb", "diff", "fault". */
SST_API const char *sst_backend_kind_name(enum sst_backend_kind kind);

/**
 * A constructor registered for a backend kind. uri is borrowed; on SST_OK
 * *out is a new backend the caller closes with sst_backend_close().
 */
typedef enum sst_code (*sst_backend_ctor)(const struct sst_uri *uri,
                                          struct sst_backend **out,
                                          struct sst_err *err);

/**
 * Whether a constructor is available for kind in this build.
 */
SST_API bool sst_backend_kind_available(enum sst_backend_kind kind);

/**
 * Install (or, with ctor NULL, remove) the constructor of a kind. The
 * library registers its built-in backends itself; this exists for
 * out-of-tree backends and for tests. Not thread-safe against concurrent
 * sst_backend_open().
 *
 * @return SST_OK, or SST_E_INVALID_ARG for a kind out of range.
 */
SST_API enum sst_code sst_backend_register(enum sst_backend_kind kind,
                                           sst_backend_ctor ctor,
                                           struct sst_err *err);

/**
 * Open a backend by URI.
 *
 * @param[in]  uri  borrowed; when NULL, the environment variable
 *                  SST_BACKEND supplies it
 * @param[out] out  on SST_OK a new backend, closed with sst_backend_close();
 *                  NULL on error
 * @param[out] err  optional
 * @return SST_OK; SST_E_INVALID_ARG for a bad URI, for an unset
 *         SST_BACKEND, and for a scheme this build has no backend for
 *         (the message names the scheme); SST_E_NOMEM; whatever the
 *         backend's constructor returns (SST_E_STORAGE, SST_E_TRANSPORT).
 */
SST_API enum sst_code sst_backend_open(const char *uri,
                                       struct sst_backend **out,
                                       struct sst_err *err);

/**
 * Run one DynamoDB operation on a backend.
 *
 * @param[in]  b     the backend
 * @param[in]  op    operation name, e.g. "GetItem"; borrowed
 * @param[in]  req   request object in DynamoDB JSON; borrowed, not kept
 * @param[out] resp  on SST_OK a new reference, released with
 *                   json_object_put(). On error NULL, or an object with
 *                   the error's extra members (CancellationReasons, Item)
 *                   that the caller releases as well; json_object_put()
 *                   of NULL is a no-op, so always releasing is right
 * @param[out] err   optional; on failure carries DynamoDB's __type,
 *                   message and HTTP status where the backend got them
 * @return SST_OK; SST_E_INVALID_ARG for NULL b, op, req or resp; any code
 *         the backend returns, e.g. SST_E_VALIDATION,
 *         SST_E_CONDITION_FAILED, SST_E_NOT_FOUND, SST_E_TRANSPORT.
 */
SST_API enum sst_code sst_backend_call(struct sst_backend *b, const char *op,
                                       const struct json_object *req,
                                       struct json_object **resp,
                                       struct sst_err *err);

/** The implementation's name ("emu", "http", ...), or "" for NULL. */
SST_API const char *sst_backend_name(const struct sst_backend *b);

/** Close a backend and free it. NULL is a no-op. */
SST_API void sst_backend_close(struct sst_backend *b);

#ifdef __cplusplus
}
#endif

#endif /* SST_BACKEND_H */
