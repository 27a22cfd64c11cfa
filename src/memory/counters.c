/*
 * src/memory/counters.c - increment_counter(), add_to_set() and
 * remove_from_set(): single UpdateItem calls on the attributes of a
 * non-versioned, uncompressed resource (spec 1.3).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sst/mem.h>

#include "src/memory/ops_int.h"

static json_object *
cast(const json_object *v)
{
    return (json_object *)(uintptr_t)v;
}

/* {"N": "<v>"} */
static json_object *
num_av(int64_t v)
{
    json_object *av = json_object_new_object();
    char buf[24];

    snprintf(buf, sizeof buf, "%lld", (long long)v);
    if (av != NULL && !sst_mo_add(av, "N", json_object_new_string(buf))) {
        json_object_put(av);
        return NULL;
    }
    return av;
}

/* {"S": now.isoformat()} from the handle's clock (Python: _now() in the
 * zone of created_at, which is UTC for every resource it writes). */
static enum sst_code
now_av(struct sst_memory *m, json_object **out, struct sst_err *err)
{
    struct sst_time now;
    char buf[SST_TIME_STR_MAX];
    enum sst_code rc;

    *out = NULL;
    rc = sst_time_now(sst_memory_clock(m), &now, err);
    if (rc != SST_OK)
        return rc;
    sst_time_isoformat(&now, buf);
    *out = json_object_new_object();
    if (*out == NULL || !sst_mo_add(*out, "S", json_object_new_string(buf))) {
        json_object_put(*out);
        *out = NULL;
        return sst_mo_nomem(err);
    }
    return SST_OK;
}

/* A number attribute value of an answer as int64 (SST_E_INVALID_DATA
 * otherwise: the answer does not read). */
static enum sst_code
av_int(const json_object *av, int64_t *value, struct sst_err *err)
{
    json_object *n;
    const char *s;
    char *end;
    long long x;

    if (!json_object_object_get_ex(cast(av), "N", &n))
        return sst_err_set(err, SST_E_INVALID_DATA,
                           "the counter is not a number");
    s = json_object_get_string(n);
    errno = 0;
    x = strtoll(s, &end, 10);
    if (end == s || *end != '\0' || errno == ERANGE)
        return sst_err_set(err, SST_E_INVALID_DATA,
                           "the counter %s is not an integer", s);
    *value = (int64_t)x;
    return SST_OK;
}

/* UpdateItem of key with expr, its names and values (taken), returning
 * the UPDATED_NEW attributes in *attrs when attrs is not NULL. */
static enum sst_code
update_item(struct sst_memory *m, const json_object *key, const char *expr,
            json_object *names, json_object *values, json_object **attrs,
            struct sst_err *err)
{
    json_object *req = json_object_new_object();
    json_object *resp = NULL, *copy = NULL, *a;
    enum sst_code rc;

    if (attrs != NULL)
        *attrs = NULL;
    if (req == NULL || json_object_deep_copy(cast(key), &copy, NULL) != 0 ||
        !sst_mo_add(req, "Key", copy) ||
        !sst_mo_add(req, "UpdateExpression", json_object_new_string(expr)) ||
        !sst_mo_add(req, "ExpressionAttributeNames", json_object_get(names)) ||
        !sst_mo_add(req, "ExpressionAttributeValues",
                    json_object_get(values)) ||
        (attrs != NULL && !sst_mo_add(req, "ReturnValues",
                                      json_object_new_string("UPDATED_NEW")))) {
        rc = sst_mo_nomem(err);
        goto out;
    }
    rc = sst_memory_call(m, "UpdateItem", req, &resp, err);
    if (rc == SST_OK && attrs != NULL &&
        json_object_object_get_ex(resp, "Attributes", &a))
        *attrs = json_object_get(a);
out:
    json_object_put(names);
    json_object_put(values);
    json_object_put(resp);
    json_object_put(req);
    return rc;
}

enum sst_code
sst_mo_map_increment(struct sst_memory *m, const json_object *key,
                     const char *field, const char *map_key, int64_t by,
                     int64_t *value, struct sst_err *err)
{
    json_object *names = json_object_new_object();
    json_object *values = json_object_new_object();
    json_object *now = NULL, *attrs = NULL, *v;
    enum sst_code rc;

    if (names == NULL || values == NULL) {
        json_object_put(names);
        json_object_put(values);
        return sst_mo_nomem(err);
    }
    rc = now_av(m, &now, err);
    if (rc == SST_OK &&
        (!sst_mo_add(names, "#f", json_object_new_string(field)) ||
         !sst_mo_add(names, "#k", json_object_new_string(map_key)) ||
         !sst_mo_add(names, "#u", json_object_new_string("updated_at")) ||
         !sst_mo_add(names, "#g", json_object_new_string("gsitypesk")) ||
         !sst_mo_add(values, ":zero", num_av(0)) ||
         !sst_mo_add(values, ":incr", num_av(by)) ||
         !sst_mo_add(values, ":now", json_object_get(now))))
        rc = sst_mo_nomem(err);
    json_object_put(now);
    if (rc != SST_OK) {
        json_object_put(names);
        json_object_put(values);
        return rc;
    }
    rc = update_item(m, key,
                     "SET #f.#k = if_not_exists(#f.#k, :zero) + :incr, "
                     "#u = :now, #g = :now",
                     names, values, &attrs, err);
    if (rc == SST_OK && value != NULL) {
        /* UPDATED_NEW gives the map with only the path updated */
        if (json_object_object_get_ex(attrs, field, &v) &&
            json_object_object_get_ex(v, "M", &v) &&
            json_object_object_get_ex(v, map_key, &v))
            rc = av_int(v, value, err);
        else
            rc = sst_err_set(err, SST_E_INVALID_DATA,
                             "UpdateItem did not return %s.%s", field,
                             map_key);
    }
    json_object_put(attrs);
    return rc;
}

/* ------------------------------------------------------------ checks */

static const struct sst_field *
find_field(const struct sst_type *t, const char *name, size_t len)
{
    size_t i;

    for (i = 0; i < t->nfields; i++)
        if (strlen(t->fields[i].name) == len &&
            memcmp(t->fields[i].name, name, len) == 0)
            return &t->fields[i];
    return NULL;
}

/* The common refusals: a versioned or compressed type, a resource with
 * no id; the resource's key in *key. */
static enum sst_code
check_target(const struct sst_type *t, const json_object *existing,
             const char *what, json_object **key, struct sst_err *err)
{
    const char *id;

    *key = NULL;
    if (t == NULL || existing == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG, "%s: NULL argument",
                           what);
    if (t->versioned)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "%s can only be used with non-versioned resources",
                           what);
    if (sst_type_compressed(t))
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "%s cannot reach the fields of compressed "
                           "resources (%s)",
                           what, t->name);
    id = sst_mo_res_string(existing, "resource_id");
    if (id == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "%s: the resource has no resource_id", what);
    return sst_type_key(t, id, 0, key, err);
}

/* ------------------------------------------------------------ public */

enum sst_code
sst_memory_increment(struct sst_memory *m, const struct sst_type *t,
                     const json_object *existing, const char *field,
                     int64_t by, int64_t *value, struct sst_err *err)
{
    json_object *key = NULL, *names = NULL, *values = NULL, *now = NULL;
    json_object *attrs = NULL, *v;
    const struct sst_field *f;
    const char *dot;
    enum sst_code rc;

    if (m == NULL || field == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "increment_counter: NULL argument");
    rc = check_target(t, existing, "increment_counter", &key, err);
    if (rc != SST_OK)
        return rc;
    dot = strchr(field, '.');
    f = find_field(t, field, dot != NULL ? (size_t)(dot - field)
                                         : strlen(field));
    if (f == NULL) {
        rc = sst_err_set(err, SST_E_INVALID_ARG, "Unknown field %s on %s",
                         field, t->name);
        goto out;
    }
    if (dot != NULL) {
        /* "m.key": m must be exactly dict[str, int] */
        if (f->kind != SST_FIELD_MAP || f->nullable || f->item == NULL ||
            f->item->kind != SST_FIELD_INT || f->item->nullable ||
            dot[1] == '\0') {
            rc = sst_err_set(err, SST_E_INVALID_ARG,
                             "Field %s of %s is not a dict[str, int]",
                             f->name, t->name);
            goto out;
        }
        {
            char *fname = sst_strndup(field, (size_t)(dot - field));

            if (fname == NULL) {
                rc = sst_mo_nomem(err);
                goto out;
            }
            rc = sst_mo_map_increment(m, key, fname, dot + 1, by, value,
                                      err);
            sst_free(fname);
        }
        goto out;
    }
    if (f->kind != SST_FIELD_INT || f->nullable) {
        rc = sst_err_set(err, SST_E_INVALID_ARG,
                         "Field %s of %s is not an int", field, t->name);
        goto out;
    }
    names = json_object_new_object();
    values = json_object_new_object();
    rc = now_av(m, &now, err);
    if (rc == SST_OK &&
        (names == NULL || values == NULL ||
         !sst_mo_add(names, "#f", json_object_new_string(field)) ||
         !sst_mo_add(names, "#u", json_object_new_string("updated_at")) ||
         !sst_mo_add(names, "#g", json_object_new_string("gsitypesk")) ||
         !sst_mo_add(values, ":incr", num_av(by)) ||
         !sst_mo_add(values, ":now", json_object_get(now))))
        rc = sst_mo_nomem(err);
    if (rc == SST_OK) {
        rc = update_item(m, key, "SET #u = :now, #g = :now ADD #f :incr",
                         names, values, &attrs, err);
        names = values = NULL;
    }
    if (rc == SST_OK && value != NULL) {
        if (json_object_object_get_ex(attrs, field, &v))
            rc = av_int(v, value, err);
        else
            rc = sst_err_set(err, SST_E_INVALID_DATA,
                             "UpdateItem did not return %s", field);
    }
out:
    json_object_put(attrs);
    json_object_put(now);
    json_object_put(names);
    json_object_put(values);
    json_object_put(key);
    return rc;
}

/* {"SS": [value]} */
static json_object *
string_set(const char *value)
{
    json_object *set = json_object_new_object();
    json_object *ss = json_object_new_array();
    json_object *s = json_object_new_string(value);

    if (set == NULL || ss == NULL || s == NULL ||
        json_object_array_add(ss, s) != 0) {
        json_object_put(set);
        json_object_put(ss);
        json_object_put(s);
        return NULL;
    }
    if (!sst_mo_add(set, "SS", ss)) {
        json_object_put(set);
        return NULL;
    }
    return set;
}

/* ADD or DELETE one string of a set[str] field. */
static enum sst_code
set_op(struct sst_memory *m, const struct sst_type *t,
       const json_object *existing, const char *field, const char *value,
       const char *what, const char *op, struct sst_err *err)
{
    json_object *key = NULL, *names = NULL, *values = NULL, *set = NULL;
    const struct sst_field *f;
    char expr[32];
    enum sst_code rc;

    if (m == NULL || field == NULL || value == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG, "%s: NULL argument",
                           what);
    rc = check_target(t, existing, what, &key, err);
    if (rc != SST_OK)
        return rc;
    f = find_field(t, field, strlen(field));
    if (f == NULL) {
        rc = sst_err_set(err, SST_E_INVALID_ARG, "Unknown field %s on %s",
                         field, t->name);
        goto out;
    }
    if (f->kind != SST_FIELD_STRING_SET) {
        rc = sst_err_set(err, SST_E_INVALID_ARG,
                         "Field %s of %s is not a set[str]", field, t->name);
        goto out;
    }
    names = json_object_new_object();
    values = json_object_new_object();
    set = string_set(value);
    if (names == NULL || values == NULL || set == NULL ||
        !sst_mo_add(names, "#f", json_object_new_string(field)) ||
        !sst_mo_add(values, ":val", json_object_get(set))) {
        rc = sst_mo_nomem(err);
        goto out;
    }
    snprintf(expr, sizeof expr, "%s #f :val", op);
    rc = update_item(m, key, expr, names, values, NULL, err);
    names = values = NULL;
out:
    json_object_put(set);
    json_object_put(names);
    json_object_put(values);
    json_object_put(key);
    return rc;
}

enum sst_code
sst_memory_add_to_set(struct sst_memory *m, const struct sst_type *t,
                      const json_object *existing, const char *field,
                      const char *value, struct sst_err *err)
{
    return set_op(m, t, existing, field, value, "add_to_set", "ADD", err);
}

enum sst_code
sst_memory_remove_from_set(struct sst_memory *m, const struct sst_type *t,
                           const json_object *existing, const char *field,
                           const char *value, struct sst_err *err)
{
    return set_op(m, t, existing, field, value, "remove_from_set", "DELETE",
                  err);
}
