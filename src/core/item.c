/*
 * src/core/item.c - the rows of a resource (spec section 2): building an
 * item from a resource as to_dynamodb_item() does, and reading one back as
 * from_dynamodb_item() does (see include/sst/type.h).
 */
#include <stdio.h>
#include <string.h>

#include <sst/mem.h>

#include "src/core/b64.h"
#include "src/core/gzip.h"
#include "src/core/type_int.h"

static json_object *
cast(const json_object *v)
{
    return (json_object *)(uintptr_t)v;
}

static enum sst_code
nomem(struct sst_err *err)
{
    return sst_err_set(err, SST_E_NOMEM, "out of memory");
}

/* item[name] = {"S": s}. */
static enum sst_code
put_s(json_object *item, const char *name, const char *s,
      struct sst_err *err)
{
    json_object *av = sst_av_new_string("S", s, strlen(s));

    if (av == NULL || json_object_object_add(item, name, av) != 0) {
        json_object_put(av);
        return nomem(err);
    }
    return SST_OK;
}

static enum sst_code
put_n(json_object *item, const char *name, long long v, struct sst_err *err)
{
    char buf[24];
    json_object *av;

    snprintf(buf, sizeof buf, "%lld", v);
    av = sst_av_new_string("N", buf, strlen(buf));
    if (av == NULL || json_object_object_add(item, name, av) != 0) {
        json_object_put(av);
        return nomem(err);
    }
    return SST_OK;
}

static const char *
res_string(const json_object *res, const char *name)
{
    json_object *v;

    if (!json_object_object_get_ex(cast(res), name, &v) ||
        !json_object_is_type(v, json_type_string))
        return NULL;
    return json_object_get_string(v);
}

/* ----------------------------------------------------------- the model */

static enum sst_code
put_compressed(const struct sst_type *t, const json_object *res,
               const struct sst_clock *clock, struct sst_gzip *gzip,
               json_object *item, struct sst_err *err)
{
    char *json = NULL, *b64 = NULL;
    unsigned char *gz = NULL;
    size_t jlen, gzlen, blen;
    int64_t now = sst_clock_now_us(clock);
    json_object *av;
    enum sst_code rc;

    rc = sst_type_model_json(t, res, &json, &jlen, err);
    if (rc == SST_OK)
        /* Python: gzip.compress() with mtime = int(time.time()) */
        rc = sst_gzip_compress_with(gzip, json, jlen,
                                    (uint32_t)(now / 1000000), &gz, &gzlen,
                                    err);
    if (rc == SST_OK)
        rc = sst_b64_encode(gz, gzlen, false, &b64, &blen, err);
    if (rc == SST_OK) {
        av = sst_av_new_string("B", b64, blen);
        if (av == NULL || json_object_object_add(item, "data", av) != 0) {
            json_object_put(av);
            rc = nomem(err);
        }
    }
    sst_free(json);
    sst_free(gz);
    sst_free(b64);
    return rc;
}

static enum sst_code
put_fields(const struct sst_type *t, const json_object *res, json_object *item,
           struct sst_err *err)
{
    struct sst_fpath p = {"", 0};
    size_t i, nbase = sst_type_nbase(t);
    enum sst_code rc = SST_OK;

    for (i = 0; i < nbase + t->nfields && rc == SST_OK; i++) {
        const struct sst_field *f =
            i < nbase ? &sst_type_base_fields[i] : &t->fields[i - nbase];
        json_object *v, *av = NULL;
        size_t old;
        if (!json_object_object_get_ex(cast(res), f->name, &v))
            return sst_err_set(err, SST_E_INVALID_DATA,
                               "field '%s': missing from the resource",
                               f->name);
        old = sst_fpath_push_name(&p, f->name);
        rc = sst_marshal_value(f, v, t->config.omit_none, &p, 0, &av, err);
        sst_fpath_pop(&p, old);
        if (rc == SST_OK && av != NULL &&
            json_object_object_add(item, f->name, av) != 0) {
            json_object_put(av);
            rc = nomem(err);
        }
    }
    return rc;
}

/* ---------------------------------------------------------------- GSIs */

/* Take a hook's string: write it when it is a value. */
static enum sst_code
put_hook_value(json_object *item, const char *attr, char *value,
               struct sst_err *err)
{
    enum sst_code rc = SST_OK;

    if (value != NULL && *value != '\0')
        rc = put_s(item, attr, value, err);
    sst_free(value);
    return rc;
}

static enum sst_code
put_pair(const struct sst_type *t, json_object *item, const char *pk_attr,
         const char *sk_attr, char *pk, char *sk, struct sst_err *err)
{
    bool has_pk = pk != NULL && *pk != '\0', has_sk = sk != NULL && *sk != '\0';
    enum sst_code rc = SST_OK;

    if (has_pk != has_sk)
        rc = sst_err_set(err, SST_E_INVALID_DATA,
                         "%s: the (%s, %s) hook gave one value of two",
                         t->name, pk_attr, sk_attr);
    else if (has_pk) {
        rc = put_s(item, pk_attr, pk, err);
        if (rc == SST_OK)
            rc = put_s(item, sk_attr, sk, err);
    }
    sst_free(pk);
    sst_free(sk);
    return rc;
}

/* _apply_gsi_configuration: config entries, then the legacy hooks. */
static enum sst_code
put_gsis(const struct sst_type *t, const json_object *res, json_object *item,
         struct sst_err *err)
{
    const struct sst_gsi *gsis;
    size_t i, j, n;
    enum sst_code rc = SST_OK;
    char *a = NULL, *b = NULL;

    gsis = sst_type_gsi_config(t, &n);
    for (i = 0; i < n && rc == SST_OK; i++) {
        for (j = 0; j < gsis[i].nattrs && rc == SST_OK; j++) {
            const struct sst_gsi_attr *g = &gsis[i].attrs[j];
            a = b = NULL;
            if (g->pair_fn != NULL && g->sk_attr != NULL) {
                rc = g->pair_fn(t, res, g->ud, &a, &b, err);
                if (rc == SST_OK)
                    rc = put_pair(t, item, g->attr, g->sk_attr, a, b, err);
                else {
                    sst_free(a);
                    sst_free(b);
                }
            } else if (g->fn != NULL) {
                rc = g->fn(t, res, g->ud, &a, err);
                if (rc == SST_OK)
                    rc = put_hook_value(item, g->attr, a, err);
                else
                    sst_free(a);
            } else if (g->value != NULL && *g->value != '\0') {
                rc = put_s(item, g->attr, g->value, err);
            }
        }
    }
    if (rc == SST_OK && t->hooks.gsi1pk != NULL) {
        a = NULL;
        rc = t->hooks.gsi1pk(t, res, t->hooks.ud, &a, err);
        rc = rc == SST_OK ? put_hook_value(item, "gsi1pk", a, err)
                          : (sst_free(a), rc);
    }
    if (rc == SST_OK && t->hooks.gsi2pk != NULL) {
        a = NULL;
        rc = t->hooks.gsi2pk(t, res, t->hooks.ud, &a, err);
        rc = rc == SST_OK ? put_hook_value(item, "gsi2pk", a, err)
                          : (sst_free(a), rc);
    }
    if (rc == SST_OK && t->hooks.gsi3 != NULL) {
        a = b = NULL;
        rc = t->hooks.gsi3(t, res, t->hooks.ud, &a, &b, err);
        if (rc == SST_OK)
            rc = put_pair(t, item, "gsi3pk", "gsi3sk", a, b, err);
        else {
            sst_free(a);
            sst_free(b);
        }
    }
    return rc;
}

/* ----------------------------------------------------------------- TTL */

/* _calculate_ttl(): 0 when there is none. */
static enum sst_code
ttl_seconds(const struct sst_type *t, const json_object *res, int64_t *out,
            struct sst_err *err)
{
    json_object *v;
    const struct sst_field *f = NULL;
    struct sst_time when;
    size_t i;

    *out = 0;
    if (t->config.ttl_field == NULL || t->config.ttl_attribute == NULL)
        return SST_OK;
    if (!json_object_object_get_ex(cast(res), t->config.ttl_field, &v) ||
        v == NULL)
        return SST_OK;
    for (i = 0; i < t->nfields; i++)
        if (strcmp(t->fields[i].name, t->config.ttl_field) == 0)
            f = &t->fields[i];
    if (f != NULL && f->kind == SST_FIELD_DATETIME) {
        const char *s = json_object_get_string(v);
        if (sst_time_parse(s, strlen(s), &when, NULL) != SST_OK)
            return sst_err_set(err, SST_E_INVALID_DATA,
                               "field '%s': not a datetime", f->name);
        *out = sst_time_epoch_seconds(&when);
        return SST_OK;
    }
    if (f != NULL && f->kind == SST_FIELD_INT &&
        json_object_is_type(v, json_type_int)) {
        /* seconds after created_at */
        const char *c = res_string(res, "created_at");
        int64_t secs = json_object_get_int64(v);
        if (c == NULL || sst_time_parse(c, strlen(c), &when, NULL) != SST_OK)
            return sst_err_set(err, SST_E_INVALID_DATA,
                               "field 'created_at': not a datetime");
        if (secs > (SST_TIME_MAX_US - when.us) / 1000000 ||
            secs < (SST_TIME_MIN_US - when.us) / 1000000)
            return sst_err_set(err, SST_E_INVALID_DATA,
                               "field '%s': TTL of %lld seconds is out of "
                               "range",
                               f->name, (long long)secs);
        when.us += secs * 1000000;
        *out = sst_time_epoch_seconds(&when);
        return SST_OK;
    }
    return sst_err_set(err, SST_E_INVALID_DATA,
                       "Unsupported TTL field type: %s. Only datetime and int "
                       "are supported.",
                       json_object_is_type(v, json_type_string) ? "str"
                                                                : "other");
}

/* ------------------------------------------------------------- to item */

enum sst_code
sst_type_to_item(const struct sst_type *t, const struct json_object *resource,
                 enum sst_row row, const struct sst_clock *clock,
                 struct json_object **out, struct sst_err *err)
{
    return sst_type_to_item_gz(t, resource, row, clock, NULL, out, err);
}

enum sst_code
sst_type_to_item_gz(const struct sst_type *t,
                    const struct json_object *resource, enum sst_row row,
                    const struct sst_clock *clock, struct sst_gzip *gzip,
                    struct json_object **out, struct sst_err *err)
{
    json_object *item = NULL, *key = NULL, *v;
    const char *id, *updated;
    int64_t version = 0, ttl = 0;
    enum sst_code rc;
    bool head;

    *out = NULL;
    if (t == NULL || !json_object_is_type(cast(resource), json_type_object))
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "an item needs a type and a resource");
    if ((row == SST_ROW_PLAIN) == t->versioned ||
        (unsigned)row > SST_ROW_VERSION)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "row kind does not fit %s type %s",
                           t->versioned ? "versioned" : "non-versioned",
                           t->name);
    id = res_string(resource, "resource_id");
    updated = res_string(resource, "updated_at");
    if (id == NULL || updated == NULL)
        return sst_err_set(err, SST_E_INVALID_DATA,
                           "resource lacks resource_id or updated_at");
    if (t->versioned) {
        if (!json_object_object_get_ex(cast(resource), "version", &v) ||
            !json_object_is_type(v, json_type_int))
            return sst_err_set(err, SST_E_INVALID_DATA,
                               "versioned resource lacks its version");
        version = json_object_get_int64(v);
    }
    item = json_object_new_object();
    if (item == NULL)
        return nomem(err);
    rc = sst_type_compressed(t)
             ? put_compressed(t, resource, clock, gzip, item, err)
                                : put_fields(t, resource, item, err);
    if (rc != SST_OK)
        goto out;
    rc = sst_type_key(t, id, row == SST_ROW_VERSION ? version : 0, &key, err);
    if (rc != SST_OK)
        goto out;
    json_object_object_add(item, "pk",
                           json_object_get(json_object_object_get(key, "pk")));
    json_object_object_add(item, "sk",
                           json_object_get(json_object_object_get(key, "sk")));
    if (t->versioned) {
        rc = put_n(item, "version", (long long)version, err);
        if (rc != SST_OK)
            goto out;
    }
    head = row == SST_ROW_PLAIN || row == SST_ROW_V0;
    if (head) {
        char *sk = NULL;
        rc = put_s(item, "gsitype", sst_type_gsitype(t), err);
        if (rc == SST_OK && t->hooks.gsitypesk != NULL) {
            rc = t->hooks.gsitypesk(t, resource, t->hooks.ud, &sk, err);
            if (rc == SST_OK && (sk == NULL || *sk == '\0'))
                rc = sst_err_set(err, SST_E_INVALID_DATA,
                                 "%s: the gsitypesk hook gave no value",
                                 t->name);
            if (rc == SST_OK)
                rc = put_s(item, "gsitypesk", sk, err);
            sst_free(sk);
        } else if (rc == SST_OK) {
            rc = put_s(item, "gsitypesk", updated, err);
        }
        if (rc == SST_OK)
            rc = put_gsis(t, resource, item, err);
        if (rc != SST_OK)
            goto out;
    }
    if (row == SST_ROW_V0 && t->hooks.filter_metadata != NULL) {
        json_object *meta = NULL, *av = NULL;
        rc = t->hooks.filter_metadata(t, resource, t->hooks.ud, &meta, err);
        if (rc == SST_OK && sst_json_truthy(meta)) {
            rc = sst_value_to_av(meta, false, &av, err);
            if (rc == SST_OK &&
                json_object_object_add(item, "metadata", av) != 0) {
                json_object_put(av);
                rc = nomem(err);
            }
        }
        json_object_put(meta);
        if (rc != SST_OK)
            goto out;
    }
    rc = ttl_seconds(t, resource, &ttl, err);
    if (rc == SST_OK && ttl != 0)
        rc = put_n(item, t->config.ttl_attribute, (long long)ttl, err);
out:
    json_object_put(key);
    if (rc != SST_OK) {
        json_object_put(item);
        return rc;
    }
    *out = item;
    return SST_OK;
}

/* ----------------------------------------------------------- from item */

static bool
excluded(const struct sst_type *t, const char *name)
{
    static const char *const fixed[] = {
        "pk",           "sk",           "gsitype",        "gsitypesk",
        "_blob_fields", "_blob_versions", "_version_token", "gsi1pk",
        "gsi2pk",       "gsi3pk",       "gsi3sk"};
    const struct sst_gsi *gsis;
    size_t i, j, n;

    for (i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        if (strcmp(name, fixed[i]) == 0)
            return true;
    if (t->config.ttl_attribute != NULL &&
        strcmp(name, t->config.ttl_attribute) == 0)
        return true;
    gsis = sst_type_gsi_config(t, &n);
    for (i = 0; i < n; i++)
        for (j = 0; j < gsis[i].nattrs; j++) {
            const struct sst_gsi_attr *g = &gsis[i].attrs[j];
            if ((g->attr && strcmp(name, g->attr) == 0) ||
                (g->sk_attr && strcmp(name, g->sk_attr) == 0))
                return true;
        }
    if (t->hooks.filter_metadata != NULL && strcmp(name, "metadata") == 0) {
        for (i = 0; i < t->nfields; i++)
            if (strcmp(t->fields[i].name, "metadata") == 0)
                return false;
        /* sst reads back the v0 rows it writes; Python's reader does not
         * drop this attribute (a bug for uncompressed versioned types) */
        return true;
    }
    return false;
}

static const struct sst_field *
field_of(const struct sst_type *t, const char *name)
{
    size_t i, nbase = sst_type_nbase(t);

    for (i = 0; i < nbase; i++)
        if (strcmp(sst_type_base_fields[i].name, name) == 0)
            return &sst_type_base_fields[i];
    for (i = 0; i < t->nfields; i++)
        if (strcmp(t->fields[i].name, name) == 0)
            return &t->fields[i];
    return NULL;
}

static enum sst_code
read_compressed(const json_object *item, json_object **plain,
                struct sst_err *err)
{
    json_object *data, *b;
    unsigned char *gz = NULL, *json = NULL;
    size_t gzlen, jlen;
    struct json_tokener *tok = NULL;
    enum sst_code rc;

    *plain = NULL;
    if (!json_object_object_get_ex(cast(item), "data", &data) ||
        !json_object_object_get_ex(data, "B", &b) ||
        !json_object_is_type(b, json_type_string))
        return sst_err_set(err, SST_E_INVALID_DATA,
                           "compressed item has no Binary 'data' attribute");
    rc = sst_b64_decode(json_object_get_string(b),
                        (size_t)json_object_get_string_len(b), false, &gz,
                        &gzlen, NULL);
    if (rc == SST_E_NOMEM)
        return nomem(err);
    if (rc != SST_OK)
        return sst_err_set(err, SST_E_INVALID_DATA,
                           "item attribute 'data' is not base64");
    rc = sst_gzip_decompress(gz, gzlen, 0, &json, &jlen, err);
    sst_free(gz);
    if (rc != SST_OK)
        return rc;
    tok = json_tokener_new();
    if (tok == NULL) {
        sst_free(json);
        return nomem(err);
    }
    json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
    *plain = json_tokener_parse_ex(tok, (const char *)json, (int)jlen);
    if (*plain == NULL || json_tokener_get_parse_end(tok) != jlen ||
        !json_object_is_type(*plain, json_type_object)) {
        json_object_put(*plain);
        *plain = NULL;
        rc = sst_err_set(err, SST_E_INVALID_DATA,
                         "compressed 'data' does not hold a JSON object");
    }
    json_tokener_free(tok);
    sst_free(json);
    return rc;
}

enum sst_code
sst_type_from_item(const struct sst_type *t, const struct json_object *item,
                   struct json_object **out, struct sst_err *err)
{
    json_object *plain = NULL;
    enum sst_code rc = SST_OK;

    *out = NULL;
    if (t == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG, "no resource type");
    if (!json_object_is_type(cast(item), json_type_object))
        return sst_err_set(err, SST_E_INVALID_DATA, "an item is an object");
    if (sst_type_compressed(t)) {
        rc = read_compressed(item, &plain, err);
    } else {
        plain = json_object_new_object();
        if (plain == NULL)
            return nomem(err);
        json_object_object_foreach(cast(item), name, av)
        {
            json_object *v = NULL;
            struct sst_fpath p = {"", 0};
            if (excluded(t, name))
                continue;
            sst_fpath_push_name(&p, name);
            rc = sst_unmarshal_value(field_of(t, name), av, &p, 0, &v, err);
            if (rc == SST_OK && json_object_object_add(plain, name, v) != 0) {
                json_object_put(v);
                rc = nomem(err);
            }
            if (rc != SST_OK)
                break;
        }
    }
    if (rc == SST_OK)
        rc = sst_type_validate(t, plain, out, err);
    json_object_put(plain);
    return rc;
}
