/*
 * sst/memory.h - the single-table data layer: simplesingletable's
 * DynamoDbMemory in C.
 *
 * A struct sst_memory is a handle on one table through one backend
 * (struct sst_backend: emu:, http://, dynamodb://, ...). It creates, reads,
 * updates and deletes resources of the types described by struct sst_type
 * (sst/type.h), keeps their versions, queries them by key or index with
 * client- and server-side filters and opaque pagination keys, and keeps
 * the _INTERNAL#MemoryStats counters. The rows it writes are exactly those
 * of simplesingletable 19 (shared/spec/simplesingletable.md, section 2),
 * so the two libraries share tables.
 *
 * Resources are json-c objects in the normalised form of sst/type.h:
 * resource_id, created_at, updated_at (and version) followed by the
 * schema's fields. Every resource a function returns is a new reference
 * the caller releases with json_object_put(); every resource passed in is
 * borrowed and never modified.
 *
 * Errors (enum sst_code), beyond each function's own:
 *   SST_E_ITEM_NOT_FOUND    no such resource (read, restore, ...)
 *   SST_E_VERSION_CONFLICT  optimistic concurrency lost: an update from a
 *                           stale version ("Cannot update from non-latest
 *                           version"), or a race lost inside the write
 *                           ("Transaction failed: Item 1:
 *                           ConditionalCheckFailed - ..."), or a create
 *                           whose id exists
 *   SST_E_CONDITION_FAILED  the caller's own condition was false
 *   SST_E_INVALID_DATA      resource data fails its schema
 *   SST_E_INVALID_ARG       API misuse (a versioned-only function on a
 *                           non-versioned type, a bad pagination key, a
 *                           wrong field kind for a counter or a set, ...)
 *   and the backend's codes (SST_E_VALIDATION, SST_E_NOT_FOUND for a
 *   missing table, SST_E_THROTTLED, SST_E_TRANSPORT, SST_E_STORAGE, ...),
 *   with DynamoDB's __type and message in struct sst_err.
 *
 * Threads: a struct sst_memory is used by one thread at a time. Open one
 * per thread; handles on an emu: backend may share it (the emulator is
 * thread-safe), handles on an http backend must not.
 */
#ifndef SST_MEMORY_H
#define SST_MEMORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sst/backend.h>
#include <sst/defs.h>
#include <sst/err.h>
#include <sst/exprb.h>
#include <sst/time.h>
#include <sst/type.h>
#include <sst/ulid.h>

#ifdef __cplusplus
extern "C" {
#endif

struct json_object;
struct sst_memory;

/** Constants of simplesingletable's Constants class. */
#define SST_MEMORY_DEFAULT_LIMIT 250
#define SST_MEMORY_DEFAULT_MAX_API_CALLS 10
#define SST_MEMORY_DEFAULT_FILTER_MULTIPLIER 3
/** BatchGetItem's chunk. */
#define SST_MEMORY_BATCH_GET_CHUNK 100

/** Options of a handle. Set up with sst_memory_opts_init(). */
struct sst_memory_opts {
    /** The table; required. Copied. */
    const char *table_name;
    /** Maintain the _INTERNAL#MemoryStats counters (Python's
     *  track_stats, default true). */
    bool track_stats;
    /** Time source for timestamps, ULIDs and gzip mtimes; copied. NULL:
     *  the system clock. */
    const struct sst_clock *clock;
    /** Random source for ULIDs; copied. NULL: OpenSSL. */
    const struct sst_random *random;
};

/** Defaults: the table name given, track_stats true, system clock and
 *  randomness. */
SST_API void sst_memory_opts_init(struct sst_memory_opts *o,
                                  const char *table_name);

/**
 * Open a handle on a backend the caller keeps.
 *
 * @param[in]  backend  borrowed; must outlive the handle
 * @param[in]  opts     borrowed; what it points to is copied
 * @param[out] out      on SST_OK a new handle (sst_memory_close())
 * @return SST_OK, SST_E_INVALID_ARG (NULL or empty table name), SST_E_NOMEM
 */
SST_API enum sst_code sst_memory_open(struct sst_backend *backend,
                                      const struct sst_memory_opts *opts,
                                      struct sst_memory **out,
                                      struct sst_err *err);

/**
 * Open a handle and the backend named by uri (sst_backend_open(); NULL
 * uri: $SST_BACKEND). The handle owns the backend.
 *
 * @return as sst_memory_open() and sst_backend_open()
 */
SST_API enum sst_code sst_memory_open_uri(const char *uri,
                                          const struct sst_memory_opts *opts,
                                          struct sst_memory **out,
                                          struct sst_err *err);

/** Close a handle (and its backend when it owns it). NULL is a no-op. */
SST_API void sst_memory_close(struct sst_memory *m);

/** The handle's backend, borrowed. */
SST_API struct sst_backend *sst_memory_backend(struct sst_memory *m);

/** The table name, borrowed. */
SST_API const char *sst_memory_table_name(const struct sst_memory *m);

/* ------------------------------------------------------------ table */

/**
 * utils.create_standard_dynamodb_table(): create the handle's table with
 * the standard layout (spec 2.1: pk/sk, GSIs gsitype, gsi1, gsi2, gsi3,
 * all ALL projections, PAY_PER_REQUEST) and wait until it is ACTIVE.
 *
 * @return SST_OK; SST_E_IN_USE when the table exists; backend codes
 */
SST_API enum sst_code sst_memory_create_standard_table(struct sst_memory *m,
                                                       struct sst_err *err);

/**
 * utils.truncate_dynamo_table(): delete every item of the table (scan of
 * the key attributes, then batch deletes, retrying unprocessed items). A
 * test helper.
 *
 * @param[out] deleted  optional: how many items were deleted
 */
SST_API enum sst_code sst_memory_truncate(struct sst_memory *m,
                                          uint64_t *deleted,
                                          struct sst_err *err);

/* ------------------------------------------------------------ CRUD */

/**
 * get_existing(): one GetItem. Versioned types: version 0 is the latest
 * (the v0 row), N the row vN. Non-versioned types ignore version (with a
 * warning in the log when it is not 0).
 *
 * @param[in]  id          resource id; borrowed
 * @param[in]  consistent  ConsistentRead
 * @param[out] out         on SST_OK the resource, or NULL when the item
 *                         does not exist
 * @return SST_OK, SST_E_INVALID_DATA (the stored item does not read as a
 *         resource of t), SST_E_INVALID_ARG, backend codes
 */
SST_API enum sst_code sst_memory_get(struct sst_memory *m,
                                     const struct sst_type *t, const char *id,
                                     int64_t version, bool consistent,
                                     struct json_object **out,
                                     struct sst_err *err);

/** read_existing(): sst_memory_get(), but a missing item is
 *  SST_E_ITEM_NOT_FOUND ("No item found with the provided key."). */
SST_API enum sst_code sst_memory_read(struct sst_memory *m,
                                      const struct sst_type *t,
                                      const char *id, int64_t version,
                                      bool consistent,
                                      struct json_object **out,
                                      struct sst_err *err);

/**
 * batch_get_existing(): read many resources (versioned: their latest).
 * Duplicate ids are read once; BatchGetItem in chunks of 100; unprocessed
 * keys are retried until none are left.
 *
 * @param[in]  ids   n borrowed ids (n may be 0)
 * @param[out] out   on SST_OK a new JSON object {id: resource} holding the
 *                   resources found, in the order of ids
 */
SST_API enum sst_code sst_memory_batch_get(struct sst_memory *m,
                                           const struct sst_type *t,
                                           const char *const *ids, size_t n,
                                           bool consistent,
                                           struct json_object **out,
                                           struct sst_err *err);

/**
 * create_new(): build the resource (sst_resource_new()) and write it.
 * Non-versioned: an unconditional PutItem (an existing id is
 * overwritten, as in Python). Versioned: TransactWriteItems with the v1
 * and v0 rows, each conditioned on their absence, then a consistent read
 * of v1. Then the stats counter of t's name is incremented when
 * track_stats is on.
 *
 * @param[in]  data         borrowed user data (a JSON object)
 * @param[in]  override_id  the id to use, or NULL for a new ULID
 * @param[out] out          optional: on SST_OK the created resource
 * @return SST_OK, SST_E_INVALID_DATA, SST_E_VERSION_CONFLICT (versioned:
 *         the id exists: "Transaction failed: Item 0:
 *         ConditionalCheckFailed - The conditional request failed; Item 1:
 *         ..."), backend codes
 */
SST_API enum sst_code sst_memory_create(struct sst_memory *m,
                                        const struct sst_type *t,
                                        const struct json_object *data,
                                        const char *override_id,
                                        struct json_object **out,
                                        struct sst_err *err);

/** An optional condition on an update: a condition node of a builder
 *  (sst/exprb.h). The builder is rendered into the request, so it is
 *  modified (its names and values grow). */
struct sst_memory_cond {
    struct sst_exprb *b;
    const struct sst_exprb_node *cond;
};

/**
 * update_existing(): the new state is existing updated by update, then
 * each of clear_fields set to null (sst_resource_update()).
 * Non-versioned: a full PutItem, unconditional unless cond is given.
 * Versioned: reads v0; a stale existing->version is
 * SST_E_VERSION_CONFLICT; then TransactWriteItems puts v<N+1> (absent)
 * and v0 (version still N, and cond when given), prunes to max_versions,
 * and reads v<N+1> back consistently.
 *
 * How a cancelled versioned update is judged (its message is always
 * "Transaction failed: Item i: <Code> - <Message>; ..." over the items
 * that failed):
 *   - the new vN+1 failed its absence condition (item 0): another writer
 *     made that version first, SST_E_VERSION_CONFLICT;
 *   - only v0 failed (item 1) and there is no cond: v0 moved on,
 *     SST_E_VERSION_CONFLICT;
 *   - only v0 failed and cond was given: v0 is read again (consistent
 *     read); still at version N, cond was false: SST_E_CONDITION_FAILED;
 *     moved on or gone: SST_E_VERSION_CONFLICT;
 *   - TransactionConflict (a concurrent transaction on the rows):
 *     SST_E_VERSION_CONFLICT;
 *   - any other reason (validation, capacity): SST_E_TXN_CANCELED.
 * A non-versioned update with a false cond is DynamoDB's
 * ConditionalCheckFailedException: SST_E_CONDITION_FAILED, "The
 * conditional request failed".
 *
 * @param[in]  existing      borrowed; a resource of t (as read)
 * @param[in]  update        borrowed; members to set (may be NULL)
 * @param[in]  clear_fields  NULL-terminated names, or NULL
 * @param[in]  cond          optional user condition, or NULL
 * @param[out] out           optional: on SST_OK the new state
 * @return SST_OK, SST_E_INVALID_DATA, SST_E_VERSION_CONFLICT ("Cannot
 *         update from non-latest version", or a lost race),
 *         SST_E_CONDITION_FAILED (cond false on the current item),
 *         SST_E_ITEM_NOT_FOUND (versioned: no v0, "<Type> <id> not
 *         found"), SST_E_TXN_CANCELED, SST_E_INVALID_ARG, backend codes
 */
SST_API enum sst_code sst_memory_update(struct sst_memory *m,
                                        const struct sst_type *t,
                                        const struct json_object *existing,
                                        const struct json_object *update,
                                        const char *const *clear_fields,
                                        const struct sst_memory_cond *cond,
                                        struct json_object **out,
                                        struct sst_err *err);

/**
 * delete_existing(): non-versioned, DeleteItem and stats -1. Versioned,
 * delete the row v<existing->version>; when v0 holds that version, delete
 * v0 too and stats -1 (older versions stay, as in Python).
 *
 * @return SST_OK, SST_E_INVALID_ARG (NULL arguments; "Invalid resource
 *         type provided" when existing has no resource_id, or no version
 *         for a versioned type), backend codes
 */
SST_API enum sst_code sst_memory_delete(struct sst_memory *m,
                                        const struct sst_type *t,
                                        const struct json_object *existing,
                                        struct sst_err *err);

/**
 * delete_all_versions(): every row of a versioned resource, and stats -1
 * when there was one. A missing id is SST_OK (logged as a warning).
 *
 * @return SST_OK, SST_E_INVALID_ARG ("delete_all_versions can only be used
 *         with versioned resources"), backend codes
 */
SST_API enum sst_code sst_memory_delete_all_versions(struct sst_memory *m,
                                                     const struct sst_type *t,
                                                     const char *id,
                                                     struct sst_err *err);

/**
 * get_all_versions(): every version of a versioned resource but v0,
 * newest first by numeric version.
 *
 * @param[out] out  on SST_OK a new JSON array of resources ([] when the
 *                  resource does not exist)
 * @return SST_OK, SST_E_INVALID_ARG (non-versioned type), backend codes
 */
SST_API enum sst_code sst_memory_get_all_versions(struct sst_memory *m,
                                                  const struct sst_type *t,
                                                  const char *id,
                                                  struct json_object **out,
                                                  struct sst_err *err);

/**
 * restore_version(): a new version whose content is version's (forward
 * history; resource_id, version and the timestamps are the library's).
 *
 * @param[out] out  optional: on SST_OK the new latest version
 * @return SST_OK, SST_E_INVALID_ARG (non-versioned type, version <= 0:
 *         "Version must be a positive integer, got: N"),
 *         SST_E_ITEM_NOT_FOUND ("Version N not found for <Type> <id>",
 *         "<Type> <id> not found"), and sst_memory_update()'s codes
 */
SST_API enum sst_code sst_memory_restore_version(struct sst_memory *m,
                                                 const struct sst_type *t,
                                                 const char *id,
                                                 int64_t version,
                                                 struct json_object **out,
                                                 struct sst_err *err);

/**
 * increment_counter(): atomically add by to an INT field, or to a key of
 * a MAP-of-INT field with field "map.key" (created at 0 when missing),
 * and set updated_at and gsitypesk to now. Non-versioned, uncompressed
 * types only.
 *
 * @param[out] value  optional: on SST_OK the new value
 * @return SST_OK, SST_E_INVALID_ARG (versioned or compressed type, unknown
 *         field "Unknown field <f> on <Type>", a field that is not a
 *         non-nullable INT, or for "map.key" not a non-nullable MAP of
 *         INT), backend codes (SST_E_VALIDATION when the stored attribute
 *         is not a number)
 */
SST_API enum sst_code sst_memory_increment(struct sst_memory *m,
                                           const struct sst_type *t,
                                           const struct json_object *existing,
                                           const char *field, int64_t by,
                                           int64_t *value,
                                           struct sst_err *err);

/**
 * add_to_set() / remove_from_set(): ADD or DELETE one string of a
 * STRING_SET field (updated_at is not touched, as in Python).
 * Non-versioned, uncompressed types only.
 *
 * @return SST_OK, SST_E_INVALID_ARG (versioned or compressed type,
 *         unknown field, a field that is not a string set), backend codes
 */
SST_API enum sst_code sst_memory_add_to_set(struct sst_memory *m,
                                            const struct sst_type *t,
                                            const struct json_object *existing,
                                            const char *field,
                                            const char *value,
                                            struct sst_err *err);
SST_API enum sst_code sst_memory_remove_from_set(
    struct sst_memory *m, const struct sst_type *t,
    const struct json_object *existing, const char *field, const char *value,
    struct sst_err *err);

/* ------------------------------------------------------------ stats */

/** The MemoryStats type (non-versioned, prefix "_INTERNAL", id
 *  "MemoryStats", field counts_by_type: MAP of INT). */
SST_API const struct sst_type *sst_memory_stats_type(void);

/**
 * get_stats(): the _INTERNAL#MemoryStats resource, created when missing
 * (which counts itself: counts_by_type.MemoryStats = 1). The row is read
 * back after it is created, so a new row already shows that count
 * (Python returns the object it built, with an empty map).
 *
 * @param[out] out  on SST_OK the stats resource
 */
SST_API enum sst_code sst_memory_get_stats(struct sst_memory *m,
                                           struct json_object **out,
                                           struct sst_err *err);

/* ------------------------------------------------------------ queries */

/**
 * A client-side filter (Python's filter_fn): set *keep. A code other than
 * SST_OK stops the query and is returned.
 */
typedef enum sst_code (*sst_query_filter_fn)(
    const struct sst_type *t, const struct json_object *resource, void *ud,
    bool *keep, struct sst_err *err);

/** resource_class_fn: the type of a raw item (wire JSON), or NULL to
 *  refuse it (SST_E_INVALID_DATA). */
typedef const struct sst_type *(*sst_query_type_fn)(
    const struct json_object *item, void *ud);

/** A paginated query (paginated_dynamodb_query()). Set up with
 *  sst_query_init(). */
struct sst_query {
    /** The resource type of every item, or type_fn for mixed results
     *  (one of the two is required). */
    const struct sst_type *type;
    sst_query_type_fn type_fn;
    void *type_ud;
    /** IndexName, or NULL for the table. */
    const char *index_name;
    /** The builder that owns key_condition and filter; rendered once
     *  per sst_memory_query() call (its names and values grow). */
    struct sst_exprb *b;
    /** KeyConditionExpression; required (list_by_updated_at builds its
     *  own). */
    const struct sst_exprb_node *key_condition;
    /** FilterExpression, or NULL. */
    const struct sst_exprb_node *filter;
    /** Client-side filter, or NULL. */
    sst_query_filter_fn filter_fn;
    void *filter_ud;
    /** Results wanted; < 1 means SST_MEMORY_DEFAULT_LIMIT. */
    int results_limit;
    /** Most Query calls, across pages fetched to fill the limit. */
    int max_api_calls;
    /** Where to start: a key from a previous page, or NULL. */
    const char *pagination_key;
    /** ScanIndexForward; Python's default is false (descending). */
    bool ascending;
    /** Limit multiplier for filtered queries; < 1 is taken as 1 (with a
     *  warning in the log). */
    int filter_limit_multiplier;
};

/** Python's defaults: no type, no index, no filters, limit 250, 10 API
 *  calls, descending, multiplier 3. */
SST_API void sst_query_init(struct sst_query *q);

/** One page of results and its metadata (PaginatedList). */
struct sst_page {
    /** The resources, count of them, and each one's type. */
    struct json_object **items;
    const struct sst_type **types;
    size_t count;
    /** The opaque key of the next page, or NULL at the end. */
    char *next_pagination_key;
    /** The key this page started from (a copy), or NULL. */
    char *pagination_key;
    /** Query calls made. */
    int api_calls;
    /** Items DynamoDB scanned (ScannedCount with a filter expression,
     *  else the items returned). */
    int64_t scanned_count;
    /** Running filter efficiency (matched / scanned, smoothed 0.7/0.3)
     *  when a filter was used; has_efficiency false otherwise. */
    bool has_efficiency;
    double efficiency;
    /** Sum of ConsumedCapacity.CapacityUnits (a metric, not data). */
    double consumed_capacity;
    /** Wall time of the whole call in milliseconds. */
    double time_ms;
};

/** Free a page and everything it holds. NULL is a no-op. */
SST_API void sst_page_free(struct sst_page *p);

/**
 * paginated_dynamodb_query(), spec 2.6: Query pages until results_limit
 * resources passed both filters, no page is left, or max_api_calls is
 * reached; Limit follows the adaptive filter-efficiency policy; a page
 * cut short gets a key synthesised from its last item (build_lek).
 *
 * @param[in]  q    borrowed; q->b is modified (rendering)
 * @param[out] out  on SST_OK a new page (sst_page_free())
 * @return SST_OK, SST_E_INVALID_ARG (no type and no type_fn, no key
 *         condition, a pagination key that does not decode, an index the
 *         key cannot be built for), SST_E_INVALID_DATA (an item that does
 *         not read), the filter's codes, backend codes
 */
SST_API enum sst_code sst_memory_query(struct sst_memory *m,
                                       const struct sst_query *q,
                                       struct sst_page **out,
                                       struct sst_err *err);

/**
 * list_type_by_updated_at(): the resources of t on the gsitype index,
 * newest-updated first unless q->ascending. Only q's filter, filter_fn,
 * limits, pagination_key, ascending and multiplier are used (q may be
 * NULL for the defaults); q->b, when set, owns q->filter.
 */
SST_API enum sst_code sst_memory_list_by_updated_at(struct sst_memory *m,
                                                    const struct sst_type *t,
                                                    const struct sst_query *q,
                                                    struct sst_page **out,
                                                    struct sst_err *err);

/** Called with each page by sst_memory_query_all(); set *stop to end
 *  early. A code other than SST_OK ends the iteration and is returned. */
typedef enum sst_code (*sst_page_fn)(const struct sst_page *page, void *ud,
                                     bool *stop, struct sst_err *err);

/**
 * exhaust_pagination(): run q from q->pagination_key, then from each
 * next key, calling fn with every page until a page has no next key.
 */
SST_API enum sst_code sst_memory_query_all(struct sst_memory *m,
                                           const struct sst_query *q,
                                           sst_page_fn fn, void *ud,
                                           struct sst_err *err);

#ifdef __cplusplus
}
#endif

#endif /* SST_MEMORY_H */
