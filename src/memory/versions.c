/*
 * src/memory/versions.c - the versioning methods (spec 1.3 and 3):
 * get_all_versions(), delete_all_versions(), restore_version(), and the
 * max_versions pruning every versioned update ends with.
 *
 * Each reads the rows of one resource with a single Query page over
 * begins_with(sk, "v"), as Python does, and orders versions by their
 * numeric "version" attribute: the sort keys sort as strings (v10 < v2).
 */
#include <stdlib.h>
#include <string.h>

#include <sst/log.h>
#include <sst/mem.h>

#include "src/memory/ops_int.h"

static json_object *
cast(const json_object *v)
{
    return (json_object *)(uintptr_t)v;
}

static enum sst_code
versioned_only(const struct sst_type *t, const char *what,
               struct sst_err *err)
{
    if (t == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG, "%s: NULL argument",
                           what);
    if (!t->versioned)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "%s can only be used with versioned resources",
                           what);
    return SST_OK;
}

/* A row and its version, for sorting newest first. */
struct vrow {
    json_object *item;
    int64_t version;
};

static int
newest_first(const void *a, const void *b)
{
    const struct vrow *x = a, *y = b;

    return x->version < y->version ? 1 : x->version > y->version ? -1 : 0;
}

/* The rows but v0, newest first: *rows (free()) and *n. */
static enum sst_code
sorted_rows(json_object *items, struct vrow **rows, size_t *n,
            struct sst_err *err)
{
    size_t i, len = json_object_array_length(items), k = 0;

    *rows = NULL;
    *n = 0;
    if (len == 0)
        return SST_OK;
    *rows = sst_calloc(len, sizeof(**rows));
    if (*rows == NULL)
        return sst_mo_nomem(err);
    for (i = 0; i < len; i++) {
        json_object *it = json_object_array_get_idx(items, i);
        const char *sk = sst_mo_res_string(json_object_object_get(it, "sk"),
                                           "S");

        if (sk != NULL && strcmp(sk, "v0") == 0)
            continue;
        (*rows)[k].item = it;
        (*rows)[k].version = sst_mo_item_version(it);
        k++;
    }
    qsort(*rows, k, sizeof(**rows), newest_first);
    *n = k;
    return SST_OK;
}

enum sst_code
sst_memory_get_all_versions(struct sst_memory *m, const struct sst_type *t,
                            const char *id, struct json_object **out,
                            struct sst_err *err)
{
    json_object *items = NULL, *list = NULL;
    struct vrow *rows = NULL;
    size_t i, n = 0;
    enum sst_code rc;

    if (out != NULL)
        *out = NULL;
    if (m == NULL || out == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "get_all_versions: NULL argument");
    rc = versioned_only(t, "get_all_versions", err);
    if (rc == SST_OK)
        rc = sst_mo_query_versions(m, t, id, NULL, &items, err);
    if (rc == SST_OK)
        rc = sorted_rows(items, &rows, &n, err);
    if (rc == SST_OK && (list = json_object_new_array()) == NULL)
        rc = sst_mo_nomem(err);
    for (i = 0; i < n && rc == SST_OK; i++) {
        json_object *res = NULL;

        rc = sst_type_from_item(t, rows[i].item, &res, err);
        if (rc == SST_OK && json_object_array_add(list, res) != 0) {
            json_object_put(res);
            rc = sst_mo_nomem(err);
        }
    }
    if (rc == SST_OK) {
        *out = list;
        list = NULL;
    }
    sst_free(rows);
    json_object_put(list);
    json_object_put(items);
    return rc;
}

/* The keys (pk, sk) of items[from...] of a sorted row list. */
static enum sst_code
keys_of(const struct vrow *rows, size_t from, size_t n, json_object *keys,
        struct sst_err *err)
{
    size_t i;

    for (i = from; i < n; i++) {
        json_object *key = json_object_new_object();
        json_object *pk = NULL, *sk = NULL;

        if (key == NULL ||
            json_object_deep_copy(json_object_object_get(rows[i].item, "pk"),
                                  &pk, NULL) != 0 ||
            json_object_object_add(key, "pk", pk) != 0 ||
            json_object_deep_copy(json_object_object_get(rows[i].item, "sk"),
                                  &sk, NULL) != 0 ||
            json_object_object_add(key, "sk", sk) != 0 ||
            json_object_array_add(keys, key) != 0) {
            json_object_put(key);
            return sst_mo_nomem(err);
        }
    }
    return SST_OK;
}

enum sst_code
sst_mo_prune_versions(struct sst_memory *m, const struct sst_type *t,
                      const char *id, struct sst_err *err)
{
    json_object *items = NULL, *keys = NULL;
    struct vrow *rows = NULL;
    size_t n = 0, keep = (size_t)t->config.max_versions;
    enum sst_code rc;

    if (t->config.max_versions < 1)
        return SST_OK;
    rc = sst_mo_query_versions(m, t, id, "#pk, #sk, #version", &items, err);
    if (rc == SST_OK)
        rc = sorted_rows(items, &rows, &n, err);
    if (rc == SST_OK && n > keep) {
        keys = json_object_new_array();
        rc = keys == NULL ? sst_mo_nomem(err)
                          : keys_of(rows, keep, n, keys, err);
        if (rc == SST_OK)
            rc = sst_mo_batch_delete(m, keys, err);
    }
    sst_free(rows);
    json_object_put(keys);
    json_object_put(items);
    return rc;
}

enum sst_code
sst_memory_delete_all_versions(struct sst_memory *m, const struct sst_type *t,
                               const char *id, struct sst_err *err)
{
    json_object *items = NULL, *keys = NULL;
    size_t i, n;
    enum sst_code rc;

    if (m == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "delete_all_versions: NULL argument");
    rc = versioned_only(t, "delete_all_versions", err);
    if (rc == SST_OK)
        rc = sst_mo_query_versions(m, t, id, "#pk, #sk", &items, err);
    if (rc != SST_OK)
        goto out;
    n = json_object_array_length(items);
    if (n == 0) {
        sst_log(SST_LOG_WARN, "memory", "No versions found for %s %s",
                t->name, id);
        goto out;
    }
    keys = json_object_new_array();
    for (i = 0; i < n && keys != NULL; i++)
        if (json_object_array_add(keys, json_object_get(
                                            json_object_array_get_idx(items,
                                                                      i))))
            rc = sst_mo_nomem(err);
    if (keys == NULL)
        rc = sst_mo_nomem(err);
    if (rc == SST_OK)
        rc = sst_mo_batch_delete(m, keys, err);
    if (rc == SST_OK)
        rc = sst_mo_stats_add(m, t->name, -1, err);
out:
    json_object_put(keys);
    json_object_put(items);
    return rc;
}

/* The old version's content as an update: every member but the base
 * fields. */
static json_object *
content_of(const json_object *old)
{
    static const char *const base[] = {"resource_id", "version",
                                       "created_at", "updated_at"};
    json_object *upd = json_object_new_object();
    size_t i;

    if (upd == NULL)
        return NULL;
    json_object_object_foreach(cast(old), name, v)
    {
        bool skip = false;

        for (i = 0; i < sizeof base / sizeof base[0]; i++)
            skip = skip || strcmp(name, base[i]) == 0;
        if (!skip && json_object_object_add(upd, name,
                                            json_object_get(v)) != 0) {
            json_object_put(v);
            json_object_put(upd);
            return NULL;
        }
    }
    return upd;
}

enum sst_code
sst_memory_restore_version(struct sst_memory *m, const struct sst_type *t,
                           const char *id, int64_t version,
                           struct json_object **out, struct sst_err *err)
{
    json_object *old = NULL, *current = NULL, *upd = NULL;
    enum sst_code rc;

    if (out != NULL)
        *out = NULL;
    if (m == NULL || id == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "restore_version: NULL argument");
    rc = versioned_only(t, "restore_version", err);
    if (rc != SST_OK)
        return rc;
    if (version <= 0)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "Version must be a positive integer, got: %lld",
                           (long long)version);
    rc = sst_mo_get(m, t, id, version, false, &old, err);
    if (rc == SST_OK && old == NULL)
        rc = sst_err_set(err, SST_E_ITEM_NOT_FOUND,
                         "Version %lld not found for %s %s",
                         (long long)version, t->name, id);
    if (rc == SST_OK)
        rc = sst_mo_get(m, t, id, 0, false, &current, err);
    if (rc == SST_OK && current == NULL)
        rc = sst_err_set(err, SST_E_ITEM_NOT_FOUND, "%s %s not found",
                         t->name, id);
    if (rc == SST_OK && (upd = content_of(old)) == NULL)
        rc = sst_mo_nomem(err);
    if (rc == SST_OK)
        rc = sst_memory_update(m, t, current, upd, NULL, NULL, out, err);
    json_object_put(upd);
    json_object_put(current);
    json_object_put(old);
    return rc;
}
