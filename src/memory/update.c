/*
 * src/memory/update.c - update_existing() (spec 1.3 and 3): a full put
 * for non-versioned resources; for versioned ones the optimistic
 * protocol - a stale check on v0, then one transaction that puts the new
 * vN+1 (absent) and v0 (still at version N), then pruning to
 * max_versions and a consistent read of vN+1.
 *
 * The optional user condition (libsst's addition) guards the plain put,
 * or the v0 put of a versioned update. When a versioned update is
 * cancelled, the rule that tells a lost race from a false user condition
 * is in sst/memory.h (sst_memory_update).
 */
#include <stdio.h>
#include <string.h>

#include <sst/mem.h>

#include "src/memory/ops_int.h"

#define ABSENT "attribute_not_exists(pk) AND attribute_not_exists(sk)"
#define STILL_AT \
    "attribute_exists(pk) AND attribute_exists(sk) AND #version = :version"

static json_object *
cast(const json_object *v)
{
    return (json_object *)(uintptr_t)v;
}

/* The user condition rendered, with deep copies of the builder's names
 * and values (either may come back NULL when there are none). */
struct rendered {
    char *expr;
    json_object *names;
    json_object *values;
};

static void
rendered_cleanup(struct rendered *r)
{
    sst_free(r->expr);
    json_object_put(r->names);
    json_object_put(r->values);
    memset(r, 0, sizeof(*r));
}

static enum sst_code
render_cond(const struct sst_memory_cond *cond, struct rendered *r,
            struct sst_err *err)
{
    const json_object *n, *v;
    enum sst_code rc;

    memset(r, 0, sizeof(*r));
    if (cond == NULL)
        return SST_OK;
    if (cond->b == NULL || cond->cond == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "update_existing: a condition needs a builder "
                           "and a node");
    rc = sst_exprb_render(cond->b, cond->cond, &r->expr, err);
    if (rc != SST_OK)
        return rc;
    n = sst_exprb_names(cond->b);
    v = sst_exprb_values(cond->b);
    if ((n != NULL && json_object_deep_copy(cast(n), &r->names, NULL) != 0) ||
        (v != NULL &&
         json_object_deep_copy(cast(v), &r->values, NULL) != 0)) {
        rendered_cleanup(r);
        return sst_mo_nomem(err);
    }
    return SST_OK;
}

static enum sst_code
update_plain(struct sst_memory *m, const struct sst_type *t,
             json_object *res, const struct rendered *c, struct sst_err *err)
{
    json_object *item = NULL;
    enum sst_code rc;

    rc = sst_memory_to_item(m, t, res, SST_ROW_PLAIN, &item,
                          err);
    if (rc == SST_OK)
        rc = sst_mo_put_item(m, item, c->expr, c->names, c->values, err);
    json_object_put(item);
    return rc;
}

/* The v0 put's condition, names and values: still at version `version`,
 * and the user's condition when given. */
static enum sst_code
v0_condition(int64_t version, const struct rendered *c, char **expr,
             json_object **names, json_object **values, struct sst_err *err)
{
    char num[24];
    size_t len;
    json_object *av;

    *expr = NULL;
    *names = c->names != NULL ? json_object_get(c->names)
                              : json_object_new_object();
    *values = c->values != NULL ? json_object_get(c->values)
                                : json_object_new_object();
    snprintf(num, sizeof num, "%lld", (long long)version);
    av = json_object_new_object();
    if (*names == NULL || *values == NULL || av == NULL ||
        json_object_object_add(av, "N", json_object_new_string(num)) != 0 ||
        json_object_object_add(*names, "#version",
                               json_object_new_string("version")) != 0 ||
        json_object_object_add(*values, ":version", av) != 0)
        goto nomem;
    len = strlen(STILL_AT) + (c->expr != NULL ? strlen(c->expr) + 8 : 0) + 1;
    *expr = sst_malloc(len);
    if (*expr == NULL)
        goto nomem;
    if (c->expr != NULL)
        snprintf(*expr, len, "%s AND (%s)", STILL_AT, c->expr);
    else
        snprintf(*expr, len, "%s", STILL_AT);
    return SST_OK;
nomem:
    json_object_put(*names);
    json_object_put(*values);
    *names = *values = NULL;
    return sst_mo_nomem(err);
}

/* A cancelled versioned update whose only failed condition is v0's, with
 * a user condition: a lost race when v0 moved on (or vanished), the
 * user's condition otherwise. */
static enum sst_code
judge_cancel(struct sst_memory *m, const struct sst_type *t, const char *id,
             int64_t version, struct sst_err *err)
{
    json_object *key = NULL, *v0 = NULL;
    struct sst_err e2;
    char msg[SST_ERR_MESSAGE_MAX];
    enum sst_code rc;

    snprintf(msg, sizeof msg, "%s", err != NULL ? err->message : "");
    rc = sst_type_key(t, id, 0, &key, &e2);
    if (rc == SST_OK)
        rc = sst_mo_get_item(m, key, true, &v0, &e2);
    json_object_put(key);
    if (rc != SST_OK) {
        if (err != NULL)
            *err = e2;
        return rc;
    }
    rc = v0 != NULL && sst_mo_item_version(v0) == version
             ? SST_E_CONDITION_FAILED
             : SST_E_VERSION_CONFLICT;
    json_object_put(v0);
    return sst_err_set(err, rc, "%s", msg);
}

static enum sst_code
update_versioned(struct sst_memory *m, const struct sst_type *t,
                 const json_object *existing, json_object *res,
                 const struct rendered *c, json_object **out,
                 struct sst_err *err)
{
    json_object *key = NULL, *latest = NULL, *vn = NULL, *v0 = NULL;
    json_object *items = NULL, *names = NULL, *values = NULL, *v;
    const char *id = sst_mo_res_string(existing, "resource_id");
    int64_t version = -1;
    uint32_t failed = 0;
    char *expr = NULL;
    enum sst_code rc;

    if (json_object_object_get_ex(cast(existing), "version", &v) &&
        json_object_is_type(v, json_type_int))
        version = json_object_get_int64(v);
    rc = sst_type_key(t, id, 0, &key, err);
    if (rc == SST_OK)
        rc = sst_mo_get_item(m, key, false, &latest, err);
    if (rc != SST_OK)
        goto out;
    if (latest == NULL) {
        rc = sst_err_set(err, SST_E_ITEM_NOT_FOUND, "%s %s not found",
                         t->name, id);
        goto out;
    }
    if (sst_mo_item_version(latest) != version) {
        rc = sst_err_set(err, SST_E_VERSION_CONFLICT,
                         "Cannot update from non-latest version");
        goto out;
    }
    items = json_object_new_array();
    if (items == NULL) {
        rc = sst_mo_nomem(err);
        goto out;
    }
    rc = sst_memory_to_item(m, t, res, SST_ROW_VERSION, &vn,
                          err);
    if (rc == SST_OK)
        rc = sst_memory_to_item(m, t, res, SST_ROW_V0, &v0,
                              err);
    if (rc == SST_OK)
        rc = v0_condition(version, c, &expr, &names, &values, err);
    if (rc == SST_OK)
        rc = sst_mo_txn_put(items, vn, ABSENT, NULL, NULL, err);
    if (rc == SST_OK)
        rc = sst_mo_txn_put(items, v0, expr, names, values, err);
    if (rc == SST_OK)
        rc = sst_mo_transact(m, items, &failed, err);
    if (rc == SST_E_VERSION_CONFLICT && c->expr != NULL && failed == 2)
        rc = judge_cancel(m, t, id, version, err);
    if (rc == SST_OK)
        rc = sst_mo_prune_versions(m, t, id, err);
    if (rc == SST_OK)
        rc = sst_mo_get(m, t, id, version + 1, true, out, err);
    if (rc == SST_OK && *out == NULL)
        rc = sst_err_set(err, SST_E_ITEM_NOT_FOUND,
                         "%s %s: v%lld not found after the update", t->name,
                         id, (long long)(version + 1));
out:
    sst_free(expr);
    json_object_put(names);
    json_object_put(values);
    json_object_put(items);
    json_object_put(vn);
    json_object_put(v0);
    json_object_put(latest);
    json_object_put(key);
    return rc;
}

enum sst_code
sst_memory_update(struct sst_memory *m, const struct sst_type *t,
                  const struct json_object *existing,
                  const struct json_object *update,
                  const char *const *clear_fields,
                  const struct sst_memory_cond *cond,
                  struct json_object **out, struct sst_err *err)
{
    json_object *res = NULL, *written = NULL;
    struct rendered c;
    enum sst_code rc;

    if (out != NULL)
        *out = NULL;
    memset(&c, 0, sizeof c);
    if (m == NULL || t == NULL || existing == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "update_existing: NULL argument");
    if (sst_mo_res_string(existing, "resource_id") == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "update_existing: the resource has no "
                           "resource_id");
    rc = sst_resource_update(t, existing, update, clear_fields,
                             sst_memory_clock(m), &res, err);
    if (rc == SST_OK)
        rc = render_cond(cond, &c, err);
    if (rc != SST_OK)
        goto out;
    if (t->versioned) {
        rc = update_versioned(m, t, existing, res, &c, &written, err);
    } else {
        rc = update_plain(m, t, res, &c, err);
        if (rc == SST_OK)
            written = json_object_get(res);
    }
    if (rc == SST_OK && out != NULL) {
        *out = written;
        written = NULL;
    }
out:
    rendered_cleanup(&c);
    json_object_put(written);
    json_object_put(res);
    return rc;
}
