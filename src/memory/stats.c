/*
 * src/memory/stats.c - the _INTERNAL#MemoryStats row (spec 2.8): its
 * type, get_stats() (ensure_exists), and the counters that creates and
 * deletes move.
 */
#include <string.h>

#include <sst/log.h>

#include "src/memory/ops_int.h"

#define STATS_ID "MemoryStats"

static const struct sst_field stats_count = {
    .name = "count",
    .kind = SST_FIELD_INT,
};

static const struct sst_field stats_fields[] = {
    {.name = "counts_by_type",
     .kind = SST_FIELD_MAP,
     .default_json = "{}",
     .item = &stats_count},
};

/* MemoryStats(InternalResourceBase): prefix "_INTERNAL", class name
 * "MemoryStats", not versioned, not compressed. */
static const struct sst_type stats_type = {
    .name = "MemoryStats",
    .fields = stats_fields,
    .nfields = sizeof stats_fields / sizeof stats_fields[0],
    .hooks = {.key_prefix = "_INTERNAL"},
};

const struct sst_type *
sst_memory_stats_type(void)
{
    return &stats_type;
}

/* ensure_exists() without reading the resource: create the row when the
 * item is missing. */
static enum sst_code
ensure_row(struct sst_memory *m, json_object **key, struct sst_err *err)
{
    json_object *item = NULL, *empty;
    enum sst_code rc;

    rc = sst_type_key(&stats_type, STATS_ID, 0, key, err);
    if (rc == SST_OK)
        rc = sst_mo_get_item(m, *key, false, &item, err);
    if (rc != SST_OK || item != NULL) {
        json_object_put(item);
        return rc;
    }
    empty = json_object_new_object();
    if (empty == NULL)
        return sst_mo_nomem(err);
    /* create_new counts the stats row itself (counts_by_type.MemoryStats
     * = 1), as in Python */
    rc = sst_memory_create(m, &stats_type, empty, STATS_ID, NULL, err);
    json_object_put(empty);
    return rc;
}

enum sst_code
sst_mo_stats_add(struct sst_memory *m, const char *type_name, int64_t by,
                 struct sst_err *err)
{
    json_object *key = NULL;
    enum sst_code rc;

    if (!m->track_stats)
        return SST_OK;
    rc = ensure_row(m, &key, err);
    if (rc == SST_OK)
        rc = sst_mo_map_increment(m, key, "counts_by_type", type_name, by,
                                  NULL, err);
    json_object_put(key);
    return rc;
}

enum sst_code
sst_memory_get_stats(struct sst_memory *m, struct json_object **out,
                     struct sst_err *err)
{
    json_object *key = NULL;
    enum sst_code rc;

    if (out != NULL)
        *out = NULL;
    if (m == NULL || out == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "get_stats: NULL argument");
    rc = ensure_row(m, &key, err);
    json_object_put(key);
    /* Python returns the object create_new built (counts {}); sst reads
     * the row back, so a new row shows that it counts itself */
    if (rc == SST_OK)
        rc = sst_mo_get(m, &stats_type, STATS_ID, 0, true, out, err);
    if (rc == SST_OK && *out == NULL)
        rc = sst_err_set(err, SST_E_ITEM_NOT_FOUND,
                         "No item found with the provided key.");
    return rc;
}
