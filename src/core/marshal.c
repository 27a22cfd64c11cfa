/*
 * src/core/marshal.c - resource values to and from DynamoDB
 * AttributeValues (clean_data and boto3's serializer and deserializer) and
 * to pydantic's JSON form (see include/sst/type.h).
 *
 * clean_data, as spec section 4 gives it: None stays (NULL) unless
 * omit_none, which drops None members of the model and of every map and
 * nested model below it - also maps inside lists, while None elements of
 * lists are kept; empty sets are always dropped; dates and datetimes
 * become isoformat strings; floats become exact decimals.
 */
#include <stdlib.h>
#include <string.h>

#include <sst/mem.h>

#include "emu/expr/num.h"
#include "src/core/b64.h"
#include "src/core/pyjson.h"
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

json_object *
sst_av_new_string(const char *type, const char *s, size_t len)
{
    json_object *av = json_object_new_object();
    json_object *v = json_object_new_string_len(s, (int)len);

    if (av == NULL || v == NULL || json_object_object_add(av, type, v) != 0) {
        json_object_put(av);
        json_object_put(v);
        return NULL;
    }
    return av;
}

static json_object *
av_wrap(const char *type, json_object *v)
{
    json_object *av;

    if (v == NULL)
        return NULL;
    av = json_object_new_object();
    if (av == NULL || json_object_object_add(av, type, v) != 0) {
        json_object_put(av);
        json_object_put(v);
        return NULL;
    }
    return av;
}

bool
sst_json_truthy(const json_object *v)
{
    switch (json_object_get_type(cast(v))) {
    case json_type_null: return false;
    case json_type_boolean: return json_object_get_boolean(cast(v));
    case json_type_int: return json_object_get_int64(cast(v)) != 0;
    case json_type_double: return json_object_get_double(cast(v)) != 0;
    case json_type_string: return json_object_get_string_len(cast(v)) > 0;
    case json_type_array: return json_object_array_length(cast(v)) > 0;
    case json_type_object: return json_object_object_length(cast(v)) > 0;
    }
    return false;
}

/* ------------------------------------------------------------ to AV */

static enum sst_code
number_av(const json_object *v, struct sst_fpath *p, json_object **out,
          struct sst_err *err)
{
    char buf[SST_PYFLOAT_MAX];
    const char *text;
    struct sst_err inner;

    if (sst_pyjson_number_text(v, buf, &text, &inner) != SST_OK)
        return sst_fpath_fail(err, p, "%s", inner.message);
    *out = sst_av_new_string("N", text, strlen(text));
    return *out ? SST_OK : nomem(err);
}

/* A set of strings or number texts: SS or NS; NULL (left out) if empty. */
static enum sst_code
set_av(const json_object *v, bool numbers, struct sst_fpath *p,
       json_object **out, struct sst_err *err)
{
    json_object *arr;
    size_t i, n = json_object_array_length(cast(v));
    char buf[SST_PYFLOAT_MAX];
    const char *text;

    *out = NULL;
    if (n == 0)
        return SST_OK; /* DynamoDB cannot store an empty set */
    arr = json_object_new_array();
    if (arr == NULL)
        return nomem(err);
    for (i = 0; i < n; i++) {
        json_object *e = json_object_array_get_idx(cast(v), i), *s;
        if (numbers) {
            if (sst_pyjson_number_text(e, buf, &text, NULL) != SST_OK) {
                json_object_put(arr);
                return sst_fpath_fail(err, p, "set member is not a number");
            }
            s = json_object_new_string(text);
        } else {
            s = json_object_new_string_len(json_object_get_string(e),
                                           json_object_get_string_len(e));
        }
        if (s == NULL || json_object_array_add(arr, s) != 0) {
            json_object_put(s);
            json_object_put(arr);
            return nomem(err);
        }
    }
    *out = av_wrap(numbers ? "NS" : "SS", arr);
    return *out ? SST_OK : nomem(err);
}

/* Members of an object, each marshalled with item (NULL: untyped). */
static enum sst_code
map_av(const struct sst_field *item, const json_object *v, bool omit_none,
       struct sst_fpath *p, int depth, json_object **out, struct sst_err *err)
{
    json_object *m = json_object_new_object();
    enum sst_code rc = SST_OK;

    *out = NULL;
    if (m == NULL)
        return nomem(err);
    {
        json_object_object_foreach(cast(v), key, val)
        {
            json_object *av = NULL;
            size_t old = sst_fpath_push_name(p, key);
            rc = sst_marshal_value(item, val, omit_none, p, depth + 1, &av,
                                   err);
            sst_fpath_pop(p, old);
            if (rc != SST_OK)
                break;
            if (av != NULL && json_object_object_add(m, key, av) != 0) {
                json_object_put(av);
                rc = nomem(err);
                break;
            }
        }
    }
    if (rc != SST_OK) {
        json_object_put(m);
        return rc;
    }
    *out = av_wrap("M", m);
    return *out ? SST_OK : nomem(err);
}

/* Fields of a nested model, in field order. */
static enum sst_code
nested_av(const struct sst_type *nt, const json_object *v, bool omit_none,
          struct sst_fpath *p, int depth, json_object **out,
          struct sst_err *err)
{
    json_object *m = json_object_new_object();
    enum sst_code rc = SST_OK;
    size_t i;

    *out = NULL;
    if (m == NULL)
        return nomem(err);
    for (i = 0; i < nt->nfields && rc == SST_OK; i++) {
        const struct sst_field *f = &nt->fields[i];
        json_object *val = NULL, *av = NULL;
        size_t old;
        if (!json_object_object_get_ex(cast(v), f->name, &val))
            continue;
        old = sst_fpath_push_name(p, f->name);
        rc = sst_marshal_value(f, val, omit_none, p, depth + 1, &av, err);
        sst_fpath_pop(p, old);
        if (rc == SST_OK && av != NULL &&
            json_object_object_add(m, f->name, av) != 0) {
            json_object_put(av);
            rc = nomem(err);
        }
    }
    if (rc != SST_OK) {
        json_object_put(m);
        return rc;
    }
    *out = av_wrap("M", m);
    return *out ? SST_OK : nomem(err);
}

enum sst_code
sst_marshal_value(const struct sst_field *f, const json_object *v,
                  bool omit_none, struct sst_fpath *p, int depth,
                  json_object **out, struct sst_err *err)
{
    enum sst_field_kind kind = f ? f->kind : SST_FIELD_ANY;
    enum sst_code rc = SST_OK;
    size_t i, n;

    *out = NULL;
    if (depth > SST_TYPE_MAX_DEPTH)
        return sst_fpath_fail(err, p, "nests deeper than %d levels",
                              SST_TYPE_MAX_DEPTH);
    if (v == NULL) {
        if (omit_none)
            return SST_OK;
        *out = av_wrap("NULL", json_object_new_boolean(1));
        return *out ? SST_OK : nomem(err);
    }
    switch (kind) {
    case SST_FIELD_STRING:
    case SST_FIELD_DATETIME:
    case SST_FIELD_DATE:
        *out = sst_av_new_string("S", json_object_get_string(cast(v)),
                                 (size_t)json_object_get_string_len(cast(v)));
        return *out ? SST_OK : nomem(err);
    case SST_FIELD_INT:
    case SST_FIELD_DECIMAL:
        return number_av(v, p, out, err);
    case SST_FIELD_BOOL:
        *out = av_wrap(
            "BOOL", json_object_new_boolean(json_object_get_boolean(cast(v))));
        return *out ? SST_OK : nomem(err);
    case SST_FIELD_BYTES: {
        char *b64 = NULL;
        size_t len;
        rc = sst_b64_encode(json_object_get_string(cast(v)),
                            (size_t)json_object_get_string_len(cast(v)), false,
                            &b64, &len, err);
        if (rc != SST_OK)
            return rc;
        *out = sst_av_new_string("B", b64, len);
        sst_free(b64);
        return *out ? SST_OK : nomem(err);
    }
    case SST_FIELD_STRING_SET:
        return set_av(v, false, p, out, err);
    case SST_FIELD_NUMBER_SET:
        return set_av(v, true, p, out, err);
    case SST_FIELD_MAP:
        return map_av(f->item, v, omit_none, p, depth, out, err);
    case SST_FIELD_NESTED:
        return nested_av(f->nested, v, omit_none, p, depth, out, err);
    case SST_FIELD_LIST:
    case SST_FIELD_ANY:
    default:
        break;
    }
    /* untyped values, and lists */
    switch (json_object_get_type(cast(v))) {
    case json_type_boolean:
        *out = av_wrap(
            "BOOL", json_object_new_boolean(json_object_get_boolean(cast(v))));
        return *out ? SST_OK : nomem(err);
    case json_type_int:
    case json_type_double:
        return number_av(v, p, out, err);
    case json_type_string:
        if (!sst_utf8_valid(json_object_get_string(cast(v)),
                            (size_t)json_object_get_string_len(cast(v))))
            return sst_fpath_fail(err, p, "string is not valid UTF-8");
        *out = sst_av_new_string("S", json_object_get_string(cast(v)),
                                 (size_t)json_object_get_string_len(cast(v)));
        return *out ? SST_OK : nomem(err);
    case json_type_object:
        return map_av(NULL, v, omit_none, p, depth, out, err);
    case json_type_array: {
        json_object *l = json_object_new_array();
        const struct sst_field *item = kind == SST_FIELD_LIST ? f->item : NULL;
        if (l == NULL)
            return nomem(err);
        n = json_object_array_length(cast(v));
        for (i = 0; i < n && rc == SST_OK; i++) {
            json_object *av = NULL;
            size_t old = sst_fpath_push_index(p, i);
            /* _clean_list keeps None elements */
            json_object *e = json_object_array_get_idx(cast(v), i);
            if (e == NULL)
                rc = sst_marshal_value(item, NULL, false, p, depth + 1, &av,
                                       err);
            else
                rc = sst_marshal_value(item, e, omit_none, p, depth + 1, &av,
                                       err);
            if (rc == SST_OK && av == NULL && item != NULL &&
                (item->kind == SST_FIELD_STRING_SET ||
                 item->kind == SST_FIELD_NUMBER_SET))
                rc = sst_fpath_fail(err, p,
                                    "an empty set inside a list cannot be "
                                    "stored");
            sst_fpath_pop(p, old);
            if (rc == SST_OK && json_object_array_add(l, av) != 0) {
                json_object_put(av);
                rc = nomem(err);
            }
        }
        if (rc != SST_OK) {
            json_object_put(l);
            return rc;
        }
        *out = av_wrap("L", l);
        return *out ? SST_OK : nomem(err);
    }
    case json_type_null:
        break;
    }
    return sst_fpath_fail(err, p, "cannot be stored");
}

enum sst_code
sst_value_to_av(const struct json_object *value, bool omit_none,
                struct json_object **out, struct sst_err *err)
{
    struct sst_fpath p = {"value", 5};

    /* a None value itself is NULL; omit_none drops None members below */
    if (value == NULL)
        return sst_marshal_value(NULL, NULL, false, &p, 0, out, err);
    return sst_marshal_value(NULL, value, omit_none, &p, 0, out, err);
}

/* --------------------------------------------------------- pydantic JSON */

enum sst_code
sst_pydantic_value(const struct sst_field *f, const json_object *v,
                   struct sst_fpath *p, int depth, json_object **out,
                   struct sst_err *err)
{
    enum sst_field_kind kind = f ? f->kind : SST_FIELD_ANY;
    enum sst_code rc = SST_OK;
    size_t i, n;

    *out = NULL;
    if (v == NULL)
        return SST_OK;
    if (depth > SST_TYPE_MAX_DEPTH)
        return sst_fpath_fail(err, p, "nests deeper than %d levels",
                              SST_TYPE_MAX_DEPTH);
    switch (kind) {
    case SST_FIELD_DATETIME: {
        struct sst_time t;
        char buf[SST_TIME_STR_MAX];
        const char *s = json_object_get_string(cast(v));
        if (sst_time_parse(s, strlen(s), &t, NULL) != SST_OK)
            return sst_fpath_fail(err, p, "not a datetime");
        sst_time_json(&t, buf);
        *out = json_object_new_string(buf);
        return *out ? SST_OK : nomem(err);
    }
    case SST_FIELD_BYTES:
        /* pydantic writes bytes as UTF-8 text and fails on anything else */
        if (!sst_utf8_valid(json_object_get_string(cast(v)),
                            (size_t)json_object_get_string_len(cast(v))))
            return sst_fpath_fail(err, p,
                                  "bytes are not valid UTF-8; pydantic "
                                  "cannot write them as JSON");
        break;
    case SST_FIELD_NESTED: {
        const struct sst_type *nt = f->nested;
        *out = json_object_new_object();
        if (*out == NULL)
            return nomem(err);
        for (i = 0; i < nt->nfields && rc == SST_OK; i++) {
            json_object *val = NULL, *pv = NULL;
            size_t old;
            if (!json_object_object_get_ex(cast(v), nt->fields[i].name, &val))
                continue;
            old = sst_fpath_push_name(p, nt->fields[i].name);
            rc = sst_pydantic_value(&nt->fields[i], val, p, depth + 1, &pv,
                                    err);
            sst_fpath_pop(p, old);
            if (rc == SST_OK &&
                json_object_object_add(*out, nt->fields[i].name, pv) != 0) {
                json_object_put(pv);
                rc = nomem(err);
            }
        }
        break;
    }
    case SST_FIELD_LIST:
        *out = json_object_new_array();
        if (*out == NULL)
            return nomem(err);
        n = json_object_array_length(cast(v));
        for (i = 0; i < n && rc == SST_OK; i++) {
            json_object *pv = NULL;
            size_t old = sst_fpath_push_index(p, i);
            rc = sst_pydantic_value(f->item,
                                    json_object_array_get_idx(cast(v), i), p,
                                    depth + 1, &pv, err);
            sst_fpath_pop(p, old);
            if (rc == SST_OK && json_object_array_add(*out, pv) != 0) {
                json_object_put(pv);
                rc = nomem(err);
            }
        }
        break;
    case SST_FIELD_MAP:
        *out = json_object_new_object();
        if (*out == NULL)
            return nomem(err);
        {
            json_object_object_foreach(cast(v), key, val)
            {
                json_object *pv = NULL;
                size_t old;
                if (rc != SST_OK)
                    break;
                old = sst_fpath_push_name(p, key);
                rc = sst_pydantic_value(f->item, val, p, depth + 1, &pv, err);
                sst_fpath_pop(p, old);
                if (rc == SST_OK &&
                    json_object_object_add(*out, key, pv) != 0) {
                    json_object_put(pv);
                    rc = nomem(err);
                }
            }
        }
        break;
    default:
        break;
    }
    if (rc != SST_OK) {
        json_object_put(*out);
        *out = NULL;
        return rc;
    }
    if (*out == NULL) {
        /* the normalised value is already pydantic's JSON form */
        *out = json_object_get(cast(v));
    }
    return SST_OK;
}

/* ----------------------------------------------------------- from AV */

/* The single member of an AttributeValue; false if it is not one. */
static bool
av_member(const json_object *av, const char **type, json_object **val)
{
    if (!json_object_is_type(cast(av), json_type_object) ||
        json_object_object_length(cast(av)) != 1)
        return false;
    {
        json_object_object_foreach(cast(av), key, v)
        {
            *type = key;
            *val = v;
        }
    }
    return true;
}

static enum sst_code
number_value(const char *text, struct sst_fpath *p, json_object **out,
             struct sst_err *err)
{
    json_object *s = json_object_new_string(text);
    enum sst_code rc;

    if (s == NULL)
        return nomem(err);
    rc = sst_number_normalise(s, true, true, p, out, err);
    json_object_put(s);
    return rc;
}

enum sst_code
sst_unmarshal_value(const struct sst_field *f, const json_object *av,
                    struct sst_fpath *p, int depth, json_object **out,
                    struct sst_err *err)
{
    const char *type = NULL;
    json_object *val = NULL;
    enum sst_code rc = SST_OK;
    size_t i, n;

    *out = NULL;
    if (depth > SST_TYPE_MAX_DEPTH)
        return sst_fpath_fail(err, p, "nests deeper than %d levels",
                              SST_TYPE_MAX_DEPTH);
    if (!av_member(av, &type, &val))
        return sst_fpath_fail(err, p, "not an AttributeValue");
    if (strcmp(type, "NULL") == 0)
        return SST_OK;
    if (strcmp(type, "BOOL") == 0) {
        *out = json_object_new_boolean(json_object_get_boolean(val));
        return *out ? SST_OK : nomem(err);
    }
    if (!json_object_is_type(val, strcmp(type, "L") == 0 ||
                                          strcmp(type, "SS") == 0 ||
                                          strcmp(type, "NS") == 0 ||
                                          strcmp(type, "BS") == 0
                                      ? json_type_array
                                  : strcmp(type, "M") == 0 ? json_type_object
                                                           : json_type_string))
        return sst_fpath_fail(err, p, "malformed %s AttributeValue", type);
    if (strcmp(type, "S") == 0) {
        *out = json_object_new_string_len(json_object_get_string(val),
                                          json_object_get_string_len(val));
        return *out ? SST_OK : nomem(err);
    }
    if (strcmp(type, "N") == 0) {
        if (f != NULL && f->kind == SST_FIELD_DECIMAL) {
            /* keep the decimal's text, even when it is integral */
            return sst_number_normalise(val, true, false, p, out, err);
        }
        return number_value(json_object_get_string(val), p, out, err);
    }
    if (strcmp(type, "B") == 0) {
        unsigned char *raw = NULL;
        size_t len;
        rc = sst_b64_decode(json_object_get_string(val),
                            (size_t)json_object_get_string_len(val), false,
                            &raw, &len, NULL);
        if (rc == SST_E_NOMEM)
            return nomem(err);
        if (rc != SST_OK)
            return sst_fpath_fail(err, p, "B value is not base64");
        *out = json_object_new_string_len((const char *)raw, (int)len);
        sst_free(raw);
        return *out ? SST_OK : nomem(err);
    }
    if (strcmp(type, "SS") == 0 || strcmp(type, "NS") == 0 ||
        strcmp(type, "BS") == 0 || strcmp(type, "L") == 0) {
        const struct sst_field *item =
            f != NULL && f->kind == SST_FIELD_LIST ? f->item : NULL;
        *out = json_object_new_array();
        if (*out == NULL)
            return nomem(err);
        n = json_object_array_length(val);
        for (i = 0; i < n && rc == SST_OK; i++) {
            json_object *e = json_object_array_get_idx(val, i), *v = NULL;
            size_t old = sst_fpath_push_index(p, i);
            if (type[0] == 'L') {
                rc = sst_unmarshal_value(item, e, p, depth + 1, &v, err);
            } else if (!json_object_is_type(e, json_type_string)) {
                rc = sst_fpath_fail(err, p, "malformed set member");
            } else if (type[0] == 'N') {
                rc = number_value(json_object_get_string(e), p, &v, err);
            } else if (type[0] == 'B') {
                json_object *wrapped = sst_av_new_string(
                    "B", json_object_get_string(e),
                    (size_t)json_object_get_string_len(e));
                rc = wrapped ? sst_unmarshal_value(NULL, wrapped, p, depth + 1,
                                                   &v, err)
                             : nomem(err);
                json_object_put(wrapped);
            } else {
                v = json_object_new_string_len(json_object_get_string(e),
                                               json_object_get_string_len(e));
                if (v == NULL)
                    rc = nomem(err);
            }
            sst_fpath_pop(p, old);
            if (rc == SST_OK && json_object_array_add(*out, v) != 0) {
                json_object_put(v);
                rc = nomem(err);
            }
        }
    } else if (strcmp(type, "M") == 0) {
        const struct sst_field *item = NULL;
        const struct sst_type *nt = NULL;
        if (f != NULL && f->kind == SST_FIELD_MAP)
            item = f->item;
        if (f != NULL && f->kind == SST_FIELD_NESTED)
            nt = f->nested;
        *out = json_object_new_object();
        if (*out == NULL)
            return nomem(err);
        {
            json_object_object_foreach(val, key, e)
            {
                json_object *v = NULL;
                const struct sst_field *ef = item;
                size_t old;
                if (rc != SST_OK)
                    break;
                if (nt != NULL) {
                    ef = NULL;
                    for (i = 0; i < nt->nfields; i++)
                        if (strcmp(nt->fields[i].name, key) == 0)
                            ef = &nt->fields[i];
                }
                old = sst_fpath_push_name(p, key);
                rc = sst_unmarshal_value(ef, e, p, depth + 1, &v, err);
                sst_fpath_pop(p, old);
                if (rc == SST_OK && json_object_object_add(*out, key, v) != 0) {
                    json_object_put(v);
                    rc = nomem(err);
                }
            }
        }
    } else {
        return sst_fpath_fail(err, p, "unknown AttributeValue type %s", type);
    }
    if (rc != SST_OK) {
        json_object_put(*out);
        *out = NULL;
    }
    return rc;
}

enum sst_code
sst_av_to_value(const struct json_object *av, struct json_object **out,
                struct sst_err *err)
{
    struct sst_fpath p = {"value", 5};

    return sst_unmarshal_value(NULL, av, &p, 0, out, err);
}
