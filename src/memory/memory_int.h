/*
 * src/memory/memory_int.h - what the files of src/memory/ share: the
 * handle, and the one function that calls the backend.
 *
 * memory.c opens and closes handles; crud.c, versions.c, counters.c,
 * stats.c and table.c are the resource operations; query.c and lek.c the
 * paginated queries. Each operation builds its DynamoDB request as a
 * json-c object and passes it through sst_memory_call().
 */
#ifndef SST_MEMORY_INT_H
#define SST_MEMORY_INT_H

#include <stdbool.h>

#include <json-c/json.h>

#include <sst/backend.h>
#include <sst/err.h>
#include <sst/memory.h>
#include <sst/time.h>
#include <sst/ulid.h>

struct sst_memory {
    struct sst_backend *backend;
    bool owns_backend;
    char *table_name;
    bool track_stats;
    /* clock.now_us NULL: the system clock */
    struct sst_clock clock;
    struct sst_ulid_gen ulid;
    /* the compressor every row of a compressed type goes through; made on
     * first use (src/core/gzip.h) */
    struct sst_gzip *gzip;
};

/**
 * sst_type_to_item() with the handle's clock and its reused compressor.
 *
 * @param[out] out  on SST_OK the item (json_object_put)
 * @return as sst_type_to_item()
 */
enum sst_code sst_memory_to_item(struct sst_memory *m,
                                 const struct sst_type *t,
                                 const json_object *resource,
                                 enum sst_row row, json_object **out,
                                 struct sst_err *err);

/** The handle's clock, or NULL for the system clock, as the core's
 *  functions take it. */
const struct sst_clock *sst_memory_clock(const struct sst_memory *m);

/**
 * Run op on the handle's backend. req is borrowed; its "TableName" is set
 * to the handle's table first unless it has one (pass requests that name
 * several tables, like BatchGetItem's, complete).
 *
 * @param[out] resp  on SST_OK a new reference; on failure NULL or the
 *                   error's extra members (CancellationReasons, Item);
 *                   always release with json_object_put()
 * @return SST_OK or the backend's code, err filled
 */
enum sst_code sst_memory_call(struct sst_memory *m, const char *op,
                              json_object *req, json_object **resp,
                              struct sst_err *err);

#endif /* SST_MEMORY_INT_H */
