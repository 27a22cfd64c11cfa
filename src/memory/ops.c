/*
 * src/memory/ops.c - the single-item reads and writes, the version query
 * and the batch delete that the resource operations share (ops_int.h).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sst/mem.h>

#include "src/memory/ops_int.h"

/* BatchWriteItem's most requests, and the pause before retrying
 * unprocessed ones (boto3's batch_writer retries at once; Python's
 * batch_get sleeps 0.1 s, and so do we for both). */
#define BATCH_WRITE_MAX 25
#define RETRY_PAUSE_NS 100000000L

static json_object *
cast(const json_object *v)
{
    return (json_object *)(uintptr_t)v;
}

enum sst_code
sst_mo_nomem(struct sst_err *err)
{
    return sst_err_set(err, SST_E_NOMEM, "out of memory");
}

const char *
sst_mo_res_string(const json_object *res, const char *name)
{
    json_object *v;

    if (!json_object_object_get_ex(cast(res), name, &v) ||
        !json_object_is_type(v, json_type_string))
        return NULL;
    return json_object_get_string(v);
}

bool
sst_mo_add(json_object *obj, const char *name, json_object *v)
{
    if (v == NULL || json_object_object_add(obj, name, v) != 0) {
        json_object_put(v);
        return false;
    }
    return true;
}

/* A deep copy of a borrowed object (NULL stays NULL). */
static bool
add_copy(json_object *obj, const char *name, const json_object *v)
{
    json_object *c = NULL;

    if (v == NULL)
        return true;
    if (json_object_deep_copy(cast(v), &c, NULL) != 0)
        return false;
    return sst_mo_add(obj, name, c);
}

enum sst_code
sst_mo_get_item(struct sst_memory *m, const json_object *key, bool consistent,
                json_object **item, struct sst_err *err)
{
    json_object *req = json_object_new_object();
    json_object *resp = NULL, *it;
    enum sst_code rc;

    *item = NULL;
    if (req == NULL || !add_copy(req, "Key", key) ||
        !sst_mo_add(req, "ConsistentRead",
                    json_object_new_boolean(consistent))) {
        json_object_put(req);
        return sst_mo_nomem(err);
    }
    rc = sst_memory_call(m, "GetItem", req, &resp, err);
    if (rc == SST_OK && json_object_object_get_ex(resp, "Item", &it))
        *item = json_object_get(it);
    json_object_put(resp);
    json_object_put(req);
    return rc;
}

enum sst_code
sst_mo_get(struct sst_memory *m, const struct sst_type *t, const char *id,
           int64_t version, bool consistent, json_object **out,
           struct sst_err *err)
{
    json_object *key = NULL, *item = NULL;
    enum sst_code rc;

    *out = NULL;
    rc = sst_type_key(t, id, version, &key, err);
    if (rc == SST_OK)
        rc = sst_mo_get_item(m, key, consistent, &item, err);
    if (rc == SST_OK && item != NULL)
        rc = sst_type_from_item(t, item, out, err);
    json_object_put(item);
    json_object_put(key);
    return rc;
}

enum sst_code
sst_mo_put_item(struct sst_memory *m, const json_object *item,
                const char *cond_expr, const json_object *names,
                const json_object *values, struct sst_err *err)
{
    json_object *req = json_object_new_object();
    json_object *resp = NULL;
    enum sst_code rc;

    if (req == NULL || !add_copy(req, "Item", item) ||
        (cond_expr != NULL &&
         !sst_mo_add(req, "ConditionExpression",
              json_object_new_string(cond_expr))) ||
        !add_copy(req, "ExpressionAttributeNames", names) ||
        !add_copy(req, "ExpressionAttributeValues", values)) {
        json_object_put(req);
        return sst_mo_nomem(err);
    }
    rc = sst_memory_call(m, "PutItem", req, &resp, err);
    json_object_put(resp);
    json_object_put(req);
    return rc;
}

enum sst_code
sst_mo_delete_item(struct sst_memory *m, const json_object *key,
                   struct sst_err *err)
{
    json_object *req = json_object_new_object();
    json_object *resp = NULL;
    enum sst_code rc;

    if (req == NULL || !add_copy(req, "Key", key)) {
        json_object_put(req);
        return sst_mo_nomem(err);
    }
    rc = sst_memory_call(m, "DeleteItem", req, &resp, err);
    json_object_put(resp);
    json_object_put(req);
    return rc;
}

/* One BatchWriteItem of keys[from, from + n), retried until nothing is
 * left unprocessed. */
static enum sst_code
batch_delete_chunk(struct sst_memory *m, const json_object *keys, size_t from,
                   size_t n, struct sst_err *err)
{
    json_object *req = json_object_new_object();
    json_object *reqs = json_object_new_object();
    json_object *list = json_object_new_array();
    json_object *resp = NULL, *left;
    enum sst_code rc = SST_OK;
    size_t i;

    if (req == NULL || reqs == NULL || list == NULL) {
        json_object_put(req);
        json_object_put(reqs);
        json_object_put(list);
        return sst_mo_nomem(err);
    }
    if (!sst_mo_add(req, "RequestItems", reqs) ||
        !sst_mo_add(reqs, m->table_name, json_object_get(list))) {
        json_object_put(list);
        json_object_put(req);
        return sst_mo_nomem(err);
    }
    for (i = from; i < from + n; i++) {
        json_object *del = json_object_new_object();
        json_object *wrap = json_object_new_object();

        if (del == NULL || wrap == NULL ||
            !add_copy(del, "Key", json_object_array_get_idx(keys, i)) ||
            !sst_mo_add(wrap, "DeleteRequest", json_object_get(del)) ||
            json_object_array_add(list, wrap) != 0) {
            json_object_put(del);
            json_object_put(wrap);
            rc = sst_mo_nomem(err);
            goto out;
        }
        json_object_put(del);
    }
    for (;;) {
        rc = sst_memory_call(m, "BatchWriteItem", req, &resp, err);
        if (rc != SST_OK || !json_object_object_get_ex(
                                resp, "UnprocessedItems", &left) ||
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
    json_object_put(list);
    json_object_put(req);
    return rc;
}

enum sst_code
sst_mo_batch_delete(struct sst_memory *m, const json_object *keys,
                    struct sst_err *err)
{
    size_t n = json_object_array_length(keys), i;
    enum sst_code rc = SST_OK;

    for (i = 0; i < n && rc == SST_OK; i += BATCH_WRITE_MAX)
        rc = batch_delete_chunk(m, keys, i,
                                n - i < BATCH_WRITE_MAX ? n - i
                                                        : BATCH_WRITE_MAX,
                                err);
    return rc;
}

enum sst_code
sst_mo_query_versions(struct sst_memory *m, const struct sst_type *t,
                      const char *id, const char *projection,
                      json_object **items, struct sst_err *err)
{
    json_object *req = NULL, *resp = NULL, *key = NULL, *names, *values;
    json_object *its;
    enum sst_code rc;

    *items = NULL;
    rc = sst_type_key(t, id, 0, &key, err);
    if (rc != SST_OK)
        return rc;
    req = json_object_new_object();
    names = json_object_new_object();
    values = json_object_new_object();
    if (req == NULL || names == NULL || values == NULL ||
        !sst_mo_add(req, "ExpressionAttributeNames", json_object_get(names)) ||
        !sst_mo_add(req, "ExpressionAttributeValues",
                    json_object_get(values)) ||
        !sst_mo_add(
            req, "KeyConditionExpression",
            json_object_new_string("#pk = :pk AND begins_with(#sk, :v)")) ||
        !sst_mo_add(names, "#pk", json_object_new_string("pk")) ||
        !sst_mo_add(names, "#sk", json_object_new_string("sk")) ||
        !add_copy(values, ":pk", json_object_object_get(key, "pk")) ||
        !sst_mo_add(values, ":v", json_tokener_parse("{\"S\":\"v\"}")) ||
        (projection != NULL &&
         (!sst_mo_add(req, "ProjectionExpression",
                      json_object_new_string(projection)) ||
          (strstr(projection, "#version") != NULL &&
           !sst_mo_add(names, "#version",
                       json_object_new_string("version")))))) {
        rc = sst_mo_nomem(err);
        goto out;
    }
    rc = sst_memory_call(m, "Query", req, &resp, err);
    if (rc == SST_OK) {
        if (json_object_object_get_ex(resp, "Items", &its) &&
            json_object_is_type(its, json_type_array))
            *items = json_object_get(its);
        else
            *items = json_object_new_array();
        if (*items == NULL)
            rc = sst_mo_nomem(err);
    }
out:
    json_object_put(names);
    json_object_put(values);
    json_object_put(resp);
    json_object_put(req);
    json_object_put(key);
    return rc;
}

int64_t
sst_mo_item_version(const json_object *item)
{
    json_object *v, *n;
    const char *s;
    char *end;
    long long x;

    if (!json_object_object_get_ex(cast(item), "version", &v) ||
        !json_object_object_get_ex(v, "N", &n))
        return -1;
    s = json_object_get_string(n);
    x = strtoll(s, &end, 10);
    if (end == s || *end != '\0' || x < 0)
        return -1;
    return (int64_t)x;
}
