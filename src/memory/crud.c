/*
 * src/memory/crud.c - get_existing(), read_existing(), create_new() and
 * delete_existing() (spec 1.3 and 3): one resource, its rows and the
 * stats counters they move.
 */
#include <string.h>

#include <sst/log.h>

#include "src/memory/ops_int.h"

/* Python's condition on both puts of a versioned create, and on the new
 * vN of an update. */
#define ABSENT "attribute_not_exists(pk) AND attribute_not_exists(sk)"

enum sst_code
sst_memory_get(struct sst_memory *m, const struct sst_type *t, const char *id,
               int64_t version, bool consistent, struct json_object **out,
               struct sst_err *err)
{
    if (out != NULL)
        *out = NULL;
    if (m == NULL || t == NULL || out == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "get_existing: NULL argument");
    if (!t->versioned && version != 0) {
        sst_log(SST_LOG_WARN, "memory",
                "%s is not versioned: version %lld ignored", t->name,
                (long long)version);
        version = 0;
    }
    if (version < 0)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "get_existing: version %lld is negative",
                           (long long)version);
    return sst_mo_get(m, t, id, version, consistent, out, err);
}

enum sst_code
sst_memory_read(struct sst_memory *m, const struct sst_type *t,
                const char *id, int64_t version, bool consistent,
                struct json_object **out, struct sst_err *err)
{
    enum sst_code rc = sst_memory_get(m, t, id, version, consistent, out, err);

    if (rc == SST_OK && *out == NULL)
        rc = sst_err_set(err, SST_E_ITEM_NOT_FOUND,
                         "No item found with the provided key.");
    return rc;
}

/* The v1 and v0 puts of a versioned create, each on the absence of its
 * row; then the consistent read of v1. */
static enum sst_code
create_versioned(struct sst_memory *m, const struct sst_type *t,
                 json_object *res, json_object **out, struct sst_err *err)
{
    json_object *v1 = NULL, *v0 = NULL, *items = json_object_new_array();
    const char *id = sst_mo_res_string(res, "resource_id");
    enum sst_code rc;

    *out = NULL;
    if (items == NULL)
        return sst_mo_nomem(err);
    rc = sst_memory_to_item(m, t, res, SST_ROW_VERSION, &v1,
                          err);
    if (rc == SST_OK)
        rc = sst_memory_to_item(m, t, res, SST_ROW_V0, &v0,
                              err);
    if (rc == SST_OK)
        rc = sst_mo_txn_put(items, v1, ABSENT, NULL, NULL, err);
    if (rc == SST_OK)
        rc = sst_mo_txn_put(items, v0, ABSENT, NULL, NULL, err);
    if (rc == SST_OK)
        rc = sst_mo_transact(m, items, NULL, err);
    if (rc == SST_OK)
        rc = sst_mo_get(m, t, id, 1, true, out, err);
    if (rc == SST_OK && *out == NULL)
        rc = sst_err_set(err, SST_E_ITEM_NOT_FOUND,
                         "%s %s: v1 not found after the create", t->name, id);
    json_object_put(items);
    json_object_put(v1);
    json_object_put(v0);
    return rc;
}

enum sst_code
sst_memory_create(struct sst_memory *m, const struct sst_type *t,
                  const struct json_object *data, const char *override_id,
                  struct json_object **out, struct sst_err *err)
{
    json_object *res = NULL, *item = NULL, *written = NULL;
    enum sst_code rc;

    if (out != NULL)
        *out = NULL;
    if (m == NULL || t == NULL || data == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "create_new: NULL argument");
    rc = sst_resource_new(t, data, override_id, sst_memory_clock(m), &m->ulid,
                          &res, err);
    if (rc != SST_OK)
        return rc;
    if (t->versioned) {
        rc = create_versioned(m, t, res, &written, err);
    } else {
        /* unconditional: an existing id is overwritten, as in Python */
        rc = sst_memory_to_item(m, t, res, SST_ROW_PLAIN,
                              &item, err);
        if (rc == SST_OK)
            rc = sst_mo_put_item(m, item, NULL, NULL, NULL, err);
        if (rc == SST_OK)
            written = json_object_get(res);
    }
    if (rc == SST_OK)
        rc = sst_mo_stats_add(m, t->name, 1, err);
    if (rc == SST_OK && out != NULL) {
        *out = written;
        written = NULL;
    }
    json_object_put(written);
    json_object_put(item);
    json_object_put(res);
    return rc;
}

/* The version of a versioned resource, or -1. */
static int64_t
res_version(const json_object *res)
{
    json_object *v;

    if (!json_object_object_get_ex((json_object *)(uintptr_t)res, "version",
                                   &v) ||
        !json_object_is_type(v, json_type_int))
        return -1;
    return json_object_get_int64(v);
}

/* Versioned delete: the row of existing's version; then v0 and the
 * counter when v0 holds that version. Older rows stay, as in Python. */
static enum sst_code
delete_versioned(struct sst_memory *m, const struct sst_type *t,
                 const char *id, int64_t version, struct sst_err *err)
{
    json_object *key = NULL, *v0key = NULL, *v0 = NULL;
    enum sst_code rc;

    rc = sst_type_key(t, id, version, &key, err);
    if (rc == SST_OK)
        rc = sst_mo_delete_item(m, key, err);
    if (rc == SST_OK)
        rc = sst_type_key(t, id, 0, &v0key, err);
    if (rc == SST_OK)
        rc = sst_mo_get_item(m, v0key, true, &v0, err);
    if (rc == SST_OK && v0 != NULL && sst_mo_item_version(v0) == version) {
        rc = sst_mo_delete_item(m, v0key, err);
        if (rc == SST_OK)
            rc = sst_mo_stats_add(m, t->name, -1, err);
    }
    json_object_put(v0);
    json_object_put(v0key);
    json_object_put(key);
    return rc;
}

enum sst_code
sst_memory_delete(struct sst_memory *m, const struct sst_type *t,
                  const struct json_object *existing, struct sst_err *err)
{
    json_object *key = NULL;
    const char *id;
    int64_t version;
    enum sst_code rc;

    if (m == NULL || t == NULL || existing == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "delete_existing: NULL argument");
    id = sst_mo_res_string(existing, "resource_id");
    if (id == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "Invalid resource type provided");
    if (t->versioned) {
        version = res_version(existing);
        if (version < 1)
            return sst_err_set(err, SST_E_INVALID_ARG,
                               "Invalid resource type provided");
        return delete_versioned(m, t, id, version, err);
    }
    rc = sst_type_key(t, id, 0, &key, err);
    if (rc == SST_OK)
        rc = sst_mo_delete_item(m, key, err);
    if (rc == SST_OK)
        rc = sst_mo_stats_add(m, t->name, -1, err);
    json_object_put(key);
    return rc;
}
