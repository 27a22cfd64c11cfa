/*
 * src/core/type.c - resource type descriptors: the check, accessors, keys
 * and the model JSON (see include/sst/type.h).
 */
#include <stdio.h>
#include <string.h>

#include <sst/mem.h>

#include "src/core/buf.h"
#include "src/core/pyjson.h"
#include "src/core/type_int.h"

static json_object *
cast(const json_object *v)
{
    return (json_object *)(uintptr_t)v;
}

bool
sst_type_compressed(const struct sst_type *t)
{
    if (t->config.compress == SST_COMPRESS_YES)
        return true;
    if (t->config.compress == SST_COMPRESS_NO)
        return false;
    return t->versioned; /* the base classes' defaults */
}

const char *
sst_type_key_prefix(const struct sst_type *t)
{
    return t->hooks.key_prefix ? t->hooks.key_prefix : t->name;
}

const char *
sst_type_gsitype(const struct sst_type *t)
{
    return t->hooks.gsitype ? t->hooks.gsitype : t->name;
}

const struct sst_gsi *
sst_type_gsi_config(const struct sst_type *t, size_t *n)
{
    if (t->hooks.gsi_config != NULL)
        return t->hooks.gsi_config(t, t->hooks.ud, n);
    *n = t->ngsis;
    return t->gsis;
}

/* ---------------------------------------------------------------- check */

static enum sst_code check_fields(const struct sst_field *fields, size_t n,
                                  bool top, int depth, struct sst_err *err);

static enum sst_code
check_field(const struct sst_field *f, const char *where, int depth,
            struct sst_err *err)
{
    enum sst_code rc;

    if (depth > SST_TYPE_MAX_DEPTH)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "%s: types nest deeper than %d levels", where,
                           SST_TYPE_MAX_DEPTH);
    if ((unsigned)f->kind >= SST_FIELD_KIND_COUNT)
        return sst_err_set(err, SST_E_INVALID_ARG, "%s: unknown kind %d",
                           where, (int)f->kind);
    if (f->kind == SST_FIELD_NESTED) {
        if (f->nested == NULL)
            return sst_err_set(err, SST_E_INVALID_ARG,
                               "%s: NESTED without a nested type", where);
        rc = check_fields(f->nested->fields, f->nested->nfields, false,
                          depth + 1, err);
        if (rc != SST_OK)
            return rc;
    }
    if (f->item != NULL) {
        if (f->kind != SST_FIELD_LIST && f->kind != SST_FIELD_MAP)
            return sst_err_set(err, SST_E_INVALID_ARG,
                               "%s: only LIST and MAP have an item type",
                               where);
        rc = check_field(f->item, where, depth + 1, err);
        if (rc != SST_OK)
            return rc;
    }
    if (f->default_json != NULL) {
        json_object *def = json_tokener_parse(f->default_json), *v = NULL;
        struct sst_fpath p = {"", 0};
        struct sst_err inner;
        if (def == NULL && strcmp(f->default_json, "null") != 0)
            return sst_err_set(err, SST_E_INVALID_ARG,
                               "%s: default is not JSON", where);
        sst_fpath_push_name(&p, where);
        rc = sst_validate_value(f, def, &p, depth, &v, &inner);
        json_object_put(def);
        json_object_put(v);
        if (rc != SST_OK)
            return sst_err_set(err, SST_E_INVALID_ARG,
                               "default does not validate: %s", inner.message);
    }
    return SST_OK;
}

static enum sst_code
check_fields(const struct sst_field *fields, size_t n, bool top, int depth,
             struct sst_err *err)
{
    size_t i, j;
    enum sst_code rc;

    if (n > 0 && fields == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG, "fields is NULL");
    for (i = 0; i < n; i++) {
        const char *name = fields[i].name;
        if (name == NULL || *name == '\0')
            return sst_err_set(err, SST_E_INVALID_ARG,
                               "field %zu has no name", i);
        for (j = 0; top && j < 4; j++)
            if (strcmp(name, sst_type_base_fields[j].name) == 0)
                return sst_err_set(err, SST_E_INVALID_ARG,
                                   "field '%s' is a base field the library "
                                   "manages",
                                   name);
        for (j = 0; j < i; j++)
            if (strcmp(name, fields[j].name) == 0)
                return sst_err_set(err, SST_E_INVALID_ARG,
                                   "field '%s' is declared twice", name);
        rc = check_field(&fields[i], name, depth, err);
        if (rc != SST_OK)
            return rc;
    }
    return SST_OK;
}

static const struct sst_field *
field_named(const struct sst_type *t, const char *name)
{
    size_t i;

    for (i = 0; i < t->nfields; i++)
        if (strcmp(t->fields[i].name, name) == 0)
            return &t->fields[i];
    return NULL;
}

enum sst_code
sst_type_check(const struct sst_type *t, struct sst_err *err)
{
    const struct sst_gsi *gsis;
    size_t i, j, n;
    enum sst_code rc;

    if (t == NULL || t->name == NULL || *t->name == '\0')
        return sst_err_set(err, SST_E_INVALID_ARG, "a type needs a name");
    rc = check_fields(t->fields, t->nfields, true, 0, err);
    if (rc != SST_OK)
        return rc;
    if ((t->config.ttl_field == NULL) != (t->config.ttl_attribute == NULL))
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "TTL needs both ttl_field and ttl_attribute");
    if (t->config.ttl_field != NULL) {
        const struct sst_field *f = field_named(t, t->config.ttl_field);
        if (f == NULL)
            return sst_err_set(err, SST_E_INVALID_ARG,
                               "ttl_field '%s' is not a field",
                               t->config.ttl_field);
        if (f->kind != SST_FIELD_DATETIME && f->kind != SST_FIELD_INT)
            return sst_err_set(err, SST_E_INVALID_ARG,
                               "ttl_field '%s' must be DATETIME or INT",
                               t->config.ttl_field);
    }
    gsis = sst_type_gsi_config(t, &n);
    if (n > 0 && gsis == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG, "GSI config is NULL");
    for (i = 0; i < n; i++) {
        if (gsis[i].nattrs > 0 && gsis[i].attrs == NULL)
            return sst_err_set(err, SST_E_INVALID_ARG,
                               "GSI entry %zu has no attributes", i);
        for (j = 0; j < gsis[i].nattrs; j++) {
            const struct sst_gsi_attr *a = &gsis[i].attrs[j];
            int sources = (a->value != NULL) + (a->fn != NULL) +
                          (a->pair_fn != NULL);
            if (a->attr == NULL || *a->attr == '\0' || sources != 1 ||
                (a->pair_fn != NULL) != (a->sk_attr != NULL))
                return sst_err_set(err, SST_E_INVALID_ARG,
                                   "GSI entry '%s' attribute %zu: needs a "
                                   "name and exactly one of value, fn, or "
                                   "sk_attr with pair_fn",
                                   gsis[i].label ? gsis[i].label : "?", j);
        }
    }
    return SST_OK;
}

/* ----------------------------------------------------------------- keys */

enum sst_code
sst_type_key(const struct sst_type *t, const char *id, int64_t version,
             struct json_object **out, struct sst_err *err)
{
    struct sst_strbuf b;
    char *pk = NULL, sk[32];
    size_t pklen;
    json_object *key = NULL, *av;
    enum sst_code rc;

    *out = NULL;
    if (t == NULL || id == NULL || *id == '\0' || version < 0)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "a key needs a type, an id and a version >= 0");
    sst_strbuf_init(&b, 0);
    sst_strbuf_printf(&b, "%s#%s", sst_type_key_prefix(t), id);
    rc = sst_strbuf_take(&b, "key", &pk, &pklen, err);
    if (rc != SST_OK)
        return rc;
    snprintf(sk, sizeof sk, "v%lld", (long long)version);
    key = json_object_new_object();
    av = sst_av_new_string("S", pk, pklen);
    if (key == NULL || av == NULL || json_object_object_add(key, "pk", av)) {
        json_object_put(av);
        goto oom;
    }
    av = t->versioned ? sst_av_new_string("S", sk, strlen(sk))
                      : sst_av_new_string("S", pk, pklen);
    if (av == NULL || json_object_object_add(key, "sk", av) != 0) {
        json_object_put(av);
        goto oom;
    }
    sst_free(pk);
    *out = key;
    return SST_OK;
oom:
    sst_free(pk);
    json_object_put(key);
    return sst_err_set(err, SST_E_NOMEM, "out of memory");
}

/* ----------------------------------------------------------- model JSON */

/* The pydantic tree of a whole resource, fields in model order. */
static enum sst_code
model_tree(const struct sst_type *t, const json_object *res,
           json_object **out, struct sst_err *err)
{
    struct sst_fpath p = {"", 0};
    json_object *tree = json_object_new_object();
    enum sst_code rc = SST_OK;
    size_t i, nbase = sst_type_nbase(t);

    *out = NULL;
    if (tree == NULL)
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    for (i = 0; i < nbase + t->nfields && rc == SST_OK; i++) {
        const struct sst_field *f =
            i < nbase ? &sst_type_base_fields[i] : &t->fields[i - nbase];
        json_object *v, *pv = NULL;
        size_t old;
        if (!json_object_object_get_ex(cast(res), f->name, &v)) {
            rc = sst_err_set(err, SST_E_INVALID_DATA,
                             "field '%s': missing from the resource", f->name);
            break;
        }
        old = sst_fpath_push_name(&p, f->name);
        rc = sst_pydantic_value(f, v, &p, 0, &pv, err);
        sst_fpath_pop(&p, old);
        if (rc == SST_OK && json_object_object_add(tree, f->name, pv) != 0) {
            json_object_put(pv);
            rc = sst_err_set(err, SST_E_NOMEM, "out of memory");
        }
    }
    if (rc != SST_OK) {
        json_object_put(tree);
        return rc;
    }
    *out = tree;
    return SST_OK;
}

enum sst_code
sst_type_model_json(const struct sst_type *t,
                    const struct json_object *resource, char **out,
                    size_t *len, struct sst_err *err)
{
    json_object *tree = NULL;
    struct sst_strbuf b;
    struct sst_err inner;
    enum sst_code rc;

    *out = NULL;
    if (len)
        *len = 0;
    if (t == NULL || !json_object_is_type(cast(resource), json_type_object))
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "model JSON needs a type and a resource");
    rc = model_tree(t, resource, &tree, err);
    if (rc != SST_OK)
        return rc;
    sst_strbuf_init(&b, 0);
    rc = sst_pyjson_compact(&b, tree, &inner);
    json_object_put(tree);
    if (rc != SST_OK) {
        sst_strbuf_cleanup(&b);
        return sst_err_set(err, SST_E_INVALID_DATA, "%s", inner.message);
    }
    return sst_strbuf_take(&b, "model JSON", out, len, err);
}
