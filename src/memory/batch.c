/*
 * src/memory/batch.c - batch_get_existing() (spec 1.3): duplicate ids
 * dropped, BatchGetItem in chunks of 100, unprocessed keys retried after a
 * pause until none are left, the resources found returned by id.
 */
#include <string.h>
#include <time.h>

#include "src/memory/ops_int.h"

/* Python sleeps 0.1 s before retrying UnprocessedKeys. */
#define RETRY_PAUSE_NS 100000000L

/* Read the items of one response into found ({id: resource}). */
static enum sst_code
take_items(struct sst_memory *m, const struct sst_type *t, json_object *resp,
           json_object *found, struct sst_err *err)
{
    json_object *responses, *items;
    size_t i, n;
    enum sst_code rc = SST_OK;

    if (!json_object_object_get_ex(resp, "Responses", &responses) ||
        !json_object_object_get_ex(responses, m->table_name, &items))
        return SST_OK;
    if (!json_object_is_type(items, json_type_array))
        return sst_err_set(err, SST_E_INVALID_DATA,
                           "BatchGetItem answered Responses that are not a "
                           "list");
    n = json_object_array_length(items);
    for (i = 0; i < n && rc == SST_OK; i++) {
        json_object *res = NULL;
        const char *id;

        rc = sst_type_from_item(t, json_object_array_get_idx(items, i), &res,
                                err);
        if (rc != SST_OK)
            break;
        id = sst_mo_res_string(res, "resource_id");
        if (json_object_object_add(found, id, res) != 0) {
            json_object_put(res);
            rc = sst_mo_nomem(err);
        }
    }
    return rc;
}

/* BatchGetItem of ids[from, from + n) until no key is left unprocessed. */
static enum sst_code
get_chunk(struct sst_memory *m, const struct sst_type *t,
          json_object *unique, size_t from, size_t n, bool consistent,
          json_object *found, struct sst_err *err)
{
    json_object *req = json_object_new_object();
    json_object *reqs = json_object_new_object();
    json_object *spec = json_object_new_object();
    json_object *keys = json_object_new_array();
    json_object *resp = NULL, *left;
    enum sst_code rc = SST_OK;
    size_t i;

    if (req == NULL || reqs == NULL || spec == NULL || keys == NULL ||
        json_object_object_add(req, "RequestItems", json_object_get(reqs)) ||
        json_object_object_add(reqs, m->table_name, json_object_get(spec)) ||
        json_object_object_add(spec, "Keys", json_object_get(keys)) ||
        json_object_object_add(spec, "ConsistentRead",
                               json_object_new_boolean(consistent))) {
        rc = sst_mo_nomem(err);
        goto out;
    }
    for (i = from; i < from + n && rc == SST_OK; i++) {
        json_object *key = NULL;

        rc = sst_type_key(t,
                          json_object_get_string(
                              json_object_array_get_idx(unique, i)),
                          0, &key, err);
        if (rc == SST_OK && json_object_array_add(keys, key) != 0) {
            json_object_put(key);
            rc = sst_mo_nomem(err);
        }
    }
    while (rc == SST_OK) {
        rc = sst_memory_call(m, "BatchGetItem", req, &resp, err);
        if (rc == SST_OK)
            rc = take_items(m, t, resp, found, err);
        if (rc != SST_OK ||
            !json_object_object_get_ex(resp, "UnprocessedKeys", &left) ||
            json_object_object_length(left) == 0)
            break;
        if (json_object_object_add(req, "RequestItems",
                                   json_object_get(left)) != 0) {
            json_object_put(left);
            rc = sst_mo_nomem(err);
            break;
        }
        json_object_put(resp);
        resp = NULL;
        nanosleep(&(struct timespec){0, RETRY_PAUSE_NS}, NULL);
    }
out:
    json_object_put(resp);
    json_object_put(keys);
    json_object_put(spec);
    json_object_put(reqs);
    json_object_put(req);
    return rc;
}

enum sst_code
sst_memory_batch_get(struct sst_memory *m, const struct sst_type *t,
                     const char *const *ids, size_t n, bool consistent,
                     struct json_object **out, struct sst_err *err)
{
    json_object *seen = NULL, *unique = NULL, *found = NULL, *result = NULL;
    enum sst_code rc = SST_OK;
    size_t i, count;

    if (out != NULL)
        *out = NULL;
    if (m == NULL || t == NULL || out == NULL || (ids == NULL && n > 0))
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "batch_get_existing: NULL argument");
    seen = json_object_new_object();
    unique = json_object_new_array();
    found = json_object_new_object();
    result = json_object_new_object();
    if (seen == NULL || unique == NULL || found == NULL || result == NULL) {
        rc = sst_mo_nomem(err);
        goto out;
    }
    /* first occurrence wins */
    for (i = 0; i < n; i++) {
        if (ids[i] == NULL || ids[i][0] == '\0') {
            rc = sst_err_set(err, SST_E_INVALID_ARG,
                             "batch_get_existing: id %zu is empty", i);
            goto out;
        }
        if (json_object_object_get_ex(seen, ids[i], NULL))
            continue;
        if (json_object_object_add(seen, ids[i], NULL) != 0 ||
            json_object_array_add(unique,
                                  json_object_new_string(ids[i])) != 0) {
            rc = sst_mo_nomem(err);
            goto out;
        }
    }
    count = json_object_array_length(unique);
    for (i = 0; i < count && rc == SST_OK; i += SST_MEMORY_BATCH_GET_CHUNK)
        rc = get_chunk(m, t, unique, i,
                       count - i < SST_MEMORY_BATCH_GET_CHUNK
                           ? count - i
                           : SST_MEMORY_BATCH_GET_CHUNK,
                       consistent, found, err);
    /* the resources found, in the order of ids */
    for (i = 0; i < count && rc == SST_OK; i++) {
        const char *id =
            json_object_get_string(json_object_array_get_idx(unique, i));
        json_object *res;

        if (json_object_object_get_ex(found, id, &res) &&
            json_object_object_add(result, id, json_object_get(res)) != 0) {
            json_object_put(res);
            rc = sst_mo_nomem(err);
        }
    }
    if (rc == SST_OK) {
        *out = result;
        result = NULL;
    }
out:
    json_object_put(seen);
    json_object_put(unique);
    json_object_put(found);
    json_object_put(result);
    return rc;
}
