/*
 * src/core/validate.c - resource data validated and normalised against a
 * schema, as pydantic's model_validate(extra="forbid") does; create_new
 * and update_existing (see include/sst/type.h).
 *
 * Accepted input per kind (pydantic's lax mode, where it matters for data
 * that other writers put in a table):
 *   STRING     a string
 *   INT        an int; a string or a number text that is an integer
 *              ("5", "5.0")
 *   DECIMAL    an int, a number (its text), a string holding a JSON number
 *   BOOL       a boolean
 *   DATETIME   a string sst_time_parse() accepts, or an int timestamp
 *   DATE       a string sst_date_parse() accepts
 *   BYTES      a string (its bytes)
 *   sets       arrays (duplicates dropped, first kept)
 *   LIST, MAP  arrays and objects, items checked against item
 *   NESTED     an object, checked against the nested type's fields
 *   ANY        any JSON value DynamoDB can store
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sst/mem.h>

#include "emu/expr/num.h"
#include "src/core/pyjson.h"
#include "src/core/type_int.h"

const struct sst_field sst_type_base_fields[4] = {
    {.name = "resource_id", .kind = SST_FIELD_STRING},
    {.name = "created_at", .kind = SST_FIELD_DATETIME},
    {.name = "updated_at", .kind = SST_FIELD_DATETIME},
    {.name = "version", .kind = SST_FIELD_INT},
};

size_t
sst_type_nbase(const struct sst_type *t)
{
    return t->versioned ? 4 : 3;
}

/* ---------------------------------------------------------------- paths */

size_t
sst_fpath_push_name(struct sst_fpath *p, const char *name)
{
    size_t old = p->len;
    int n = snprintf(p->buf + p->len, sizeof p->buf - p->len, "%s%s",
                     p->len ? "." : "", name);
    if (n > 0)
        p->len = p->len + (size_t)n < sizeof p->buf ? p->len + (size_t)n
                                                     : sizeof p->buf - 1;
    return old;
}

size_t
sst_fpath_push_index(struct sst_fpath *p, size_t i)
{
    size_t old = p->len;
    int n = snprintf(p->buf + p->len, sizeof p->buf - p->len, "[%zu]", i);
    if (n > 0)
        p->len = p->len + (size_t)n < sizeof p->buf ? p->len + (size_t)n
                                                     : sizeof p->buf - 1;
    return old;
}

void
sst_fpath_pop(struct sst_fpath *p, size_t len)
{
    p->len = len;
    p->buf[len] = '\0';
}

enum sst_code
sst_fpath_fail(struct sst_err *err, const struct sst_fpath *p,
               const char *fmt, ...)
{
    char problem[SST_ERR_MESSAGE_MAX];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(problem, sizeof problem, fmt, ap);
    va_end(ap);
    return sst_err_set(err, SST_E_INVALID_DATA, "field '%s': %s", p->buf,
                       problem);
}

static enum sst_code
nomem(struct sst_err *err)
{
    return sst_err_set(err, SST_E_NOMEM, "out of memory");
}

static json_object *
cast(const json_object *v)
{
    return (json_object *)(uintptr_t)v;
}

static const char *
type_name(const json_object *v)
{
    switch (json_object_get_type(cast(v))) {
    case json_type_null: return "null";
    case json_type_boolean: return "a boolean";
    case json_type_int:
    case json_type_double: return "a number";
    case json_type_string: return "a string";
    case json_type_array: return "an array";
    case json_type_object: return "an object";
    }
    return "?";
}

/* -------------------------------------------------------------- numbers */

/* Whether a number text (JSON grammar) is an integer: no point, no
 * exponent. */
static bool
integer_text(const char *s)
{
    return strpbrk(s, ".eE") == NULL;
}

enum sst_code
sst_number_normalise(const json_object *in, bool from_string, bool prefer_int,
                     struct sst_fpath *p, json_object **out,
                     struct sst_err *err)
{
    char buf[SST_PYFLOAT_MAX];
    const char *text;
    struct sst_num num;
    struct sst_err inner;
    enum sst_code rc;
    json_object *v = NULL;

    *out = NULL;
    if (from_string) {
        text = json_object_get_string(cast(in));
        if (!sst_pyjson_is_number(text, strlen(text)))
            return sst_fpath_fail(err, p, "'%.40s' is not a number", text);
    } else {
        rc = sst_pyjson_number_text(in, buf, &text, &inner);
        if (rc != SST_OK)
            return sst_fpath_fail(err, p, "%s", inner.message);
    }
    sst_num_init(&num);
    rc = sst_num_parse(&num, text, strlen(text), &inner);
    sst_num_cleanup(&num);
    if (rc != SST_OK)
        return sst_fpath_fail(err, p, "%s", inner.message);
    if (prefer_int && integer_text(text)) {
        char *end;
        long long ll;
        errno = 0;
        ll = strtoll(text, &end, 10);
        if (errno == 0 && *end == '\0')
            v = json_object_new_int64(ll);
    }
    if (v == NULL)
        v = json_object_new_double_s(strtod(text, NULL), text);
    if (v == NULL)
        return nomem(err);
    *out = v;
    return SST_OK;
}

/* An integer from an int, or from a text that is an integer ("5",
 * "-5.0"). */
static enum sst_code
validate_int(const json_object *in, struct sst_fpath *p, json_object **out,
             struct sst_err *err)
{
    char buf[SST_PYFLOAT_MAX];
    const char *text = NULL;
    char *end;
    long long ll;

    if (json_object_is_type(cast(in), json_type_int)) {
        if (json_object_get_int64(cast(in)) == INT64_MAX &&
            json_object_get_uint64(cast(in)) != (uint64_t)INT64_MAX)
            return sst_fpath_fail(err, p, "integer out of 64-bit range");
        *out = json_object_new_int64(json_object_get_int64(cast(in)));
        return *out ? SST_OK : nomem(err);
    }
    if (json_object_is_type(cast(in), json_type_string))
        text = json_object_get_string(cast(in));
    else if (json_object_is_type(cast(in), json_type_double) &&
             sst_pyjson_number_text(in, buf, &text, NULL) != SST_OK)
        text = NULL;
    if (text == NULL)
        return sst_fpath_fail(err, p, "expected an integer, got %s",
                              type_name(in));
    errno = 0;
    ll = strtoll(text, &end, 10);
    if (end != text && *end == '.') {
        /* "5.0": an integral float */
        const char *z = end + 1;
        while (*z == '0')
            z++;
        if (z > end + 1 && *z == '\0')
            end = (char *)(uintptr_t)z;
    }
    if (end == text || *end != '\0' ||
        !(text[0] == '-' || (text[0] >= '0' && text[0] <= '9')))
        return sst_fpath_fail(err, p, "'%.40s' is not an integer", text);
    if (errno == ERANGE)
        return sst_fpath_fail(err, p, "integer out of 64-bit range");
    *out = json_object_new_int64(ll);
    return *out ? SST_OK : nomem(err);
}

/* ------------------------------------------------------------ any value */

static enum sst_code
validate_any(const json_object *in, struct sst_fpath *p, int depth,
             json_object **out, struct sst_err *err)
{
    enum sst_code rc;
    size_t i, n, old;

    *out = NULL;
    if (depth > SST_TYPE_MAX_DEPTH)
        return sst_fpath_fail(err, p, "nests deeper than %d levels",
                              SST_TYPE_MAX_DEPTH);
    switch (json_object_get_type(cast(in))) {
    case json_type_null:
        return SST_OK;
    case json_type_boolean:
        *out = json_object_new_boolean(json_object_get_boolean(cast(in)));
        return *out ? SST_OK : nomem(err);
    case json_type_int:
    case json_type_double:
        return sst_number_normalise(in, false, true, p, out, err);
    case json_type_string: {
        const char *s = json_object_get_string(cast(in));
        int len = json_object_get_string_len(cast(in));
        if (!sst_utf8_valid(s, (size_t)len))
            return sst_fpath_fail(err, p, "string is not valid UTF-8");
        *out = json_object_new_string_len(s, len);
        return *out ? SST_OK : nomem(err);
    }
    case json_type_array:
        *out = json_object_new_array();
        if (*out == NULL)
            return nomem(err);
        n = json_object_array_length(cast(in));
        for (i = 0; i < n; i++) {
            json_object *e = NULL;
            old = sst_fpath_push_index(p, i);
            rc = validate_any(json_object_array_get_idx(cast(in), i), p,
                              depth + 1, &e, err);
            sst_fpath_pop(p, old);
            if (rc == SST_OK && json_object_array_add(*out, e) != 0) {
                json_object_put(e);
                rc = nomem(err);
            }
            if (rc != SST_OK) {
                json_object_put(*out);
                *out = NULL;
                return rc;
            }
        }
        return SST_OK;
    case json_type_object:
        *out = json_object_new_object();
        if (*out == NULL)
            return nomem(err);
        {
            json_object_object_foreach(cast(in), key, val)
            {
                json_object *e = NULL;
                if (!sst_utf8_valid(key, strlen(key)))
                    rc = sst_fpath_fail(err, p, "a key is not valid UTF-8");
                else {
                    old = sst_fpath_push_name(p, key);
                    rc = validate_any(val, p, depth + 1, &e, err);
                    sst_fpath_pop(p, old);
                }
                if (rc == SST_OK && json_object_object_add(*out, key, e) != 0) {
                    json_object_put(e);
                    rc = nomem(err);
                }
                if (rc != SST_OK) {
                    json_object_put(*out);
                    *out = NULL;
                    return rc;
                }
            }
        }
        return SST_OK;
    }
    return sst_fpath_fail(err, p, "unknown JSON type");
}

/* ----------------------------------------------------------------- sets */

/* Whether v equals an element of arr (strings by bytes, numbers by
 * value). */
static bool
set_has(json_object *arr, json_object *v, bool numbers)
{
    size_t i, n = json_object_array_length(arr);

    for (i = 0; i < n; i++) {
        json_object *e = json_object_array_get_idx(arr, i);
        if (!numbers) {
            if (json_object_get_string_len(e) ==
                    json_object_get_string_len(v) &&
                memcmp(json_object_get_string(e), json_object_get_string(v),
                       (size_t)json_object_get_string_len(v)) == 0)
                return true;
        } else {
            struct sst_num a, b;
            const char *ta = json_object_get_string(e),
                       *tb = json_object_get_string(v);
            bool same;
            sst_num_init(&a);
            sst_num_init(&b);
            same = sst_num_parse(&a, ta, strlen(ta), NULL) == SST_OK &&
                   sst_num_parse(&b, tb, strlen(tb), NULL) == SST_OK &&
                   sst_num_cmp(&a, &b) == 0;
            sst_num_cleanup(&a);
            sst_num_cleanup(&b);
            if (same)
                return true;
        }
    }
    return false;
}

static enum sst_code
validate_set(const json_object *in, bool numbers, struct sst_fpath *p,
             json_object **out, struct sst_err *err)
{
    size_t i, n, old;
    enum sst_code rc = SST_OK;

    if (!json_object_is_type(cast(in), json_type_array))
        return sst_fpath_fail(err, p, "expected a set (an array), got %s",
                              type_name(in));
    *out = json_object_new_array();
    if (*out == NULL)
        return nomem(err);
    n = json_object_array_length(cast(in));
    for (i = 0; i < n && rc == SST_OK; i++) {
        json_object *e = json_object_array_get_idx(cast(in), i), *v = NULL;
        old = sst_fpath_push_index(p, i);
        if (numbers) {
            if (json_object_is_type(e, json_type_int) ||
                json_object_is_type(e, json_type_double))
                rc = sst_number_normalise(e, false, true, p, &v, err);
            else if (json_object_is_type(e, json_type_string))
                rc = sst_number_normalise(e, true, true, p, &v, err);
            else
                rc = sst_fpath_fail(err, p, "expected a number, got %s",
                                    type_name(e));
        } else if (!json_object_is_type(e, json_type_string)) {
            rc = sst_fpath_fail(err, p, "expected a string, got %s",
                                type_name(e));
        } else if (!sst_utf8_valid(json_object_get_string(e),
                                   (size_t)json_object_get_string_len(e))) {
            rc = sst_fpath_fail(err, p, "string is not valid UTF-8");
        } else {
            v = json_object_new_string_len(json_object_get_string(e),
                                           json_object_get_string_len(e));
            if (v == NULL)
                rc = nomem(err);
        }
        sst_fpath_pop(p, old);
        if (rc != SST_OK)
            break;
        /* a Python set keeps one of equal members */
        if (set_has(*out, v, numbers))
            json_object_put(v);
        else if (json_object_array_add(*out, v) != 0) {
            json_object_put(v);
            rc = nomem(err);
        }
    }
    if (rc != SST_OK) {
        json_object_put(*out);
        *out = NULL;
    }
    return rc;
}

/* ------------------------------------------------------ one typed value */

enum sst_code
sst_validate_value(const struct sst_field *f, const json_object *in,
                   struct sst_fpath *p, int depth, json_object **out,
                   struct sst_err *err)
{
    enum sst_code rc = SST_OK;
    size_t i, n, old;

    *out = NULL;
    if (depth > SST_TYPE_MAX_DEPTH)
        return sst_fpath_fail(err, p, "nests deeper than %d levels",
                              SST_TYPE_MAX_DEPTH);
    if (f == NULL || f->kind == SST_FIELD_ANY)
        return validate_any(in, p, depth, out, err);
    if (in == NULL) {
        if (f->nullable)
            return SST_OK;
        return sst_fpath_fail(err, p, "null is not allowed");
    }
    switch (f->kind) {
    case SST_FIELD_STRING:
        if (!json_object_is_type(cast(in), json_type_string))
            return sst_fpath_fail(err, p, "expected a string, got %s",
                                  type_name(in));
        return validate_any(in, p, depth, out, err);
    case SST_FIELD_INT:
        return validate_int(in, p, out, err);
    case SST_FIELD_DECIMAL:
        if (json_object_is_type(cast(in), json_type_int) ||
            json_object_is_type(cast(in), json_type_double))
            return sst_number_normalise(in, false, false, p, out, err);
        if (json_object_is_type(cast(in), json_type_string))
            return sst_number_normalise(in, true, false, p, out, err);
        return sst_fpath_fail(err, p, "expected a number, got %s",
                              type_name(in));
    case SST_FIELD_BOOL:
        if (!json_object_is_type(cast(in), json_type_boolean))
            return sst_fpath_fail(err, p, "expected a boolean, got %s",
                                  type_name(in));
        *out = json_object_new_boolean(json_object_get_boolean(cast(in)));
        return *out ? SST_OK : nomem(err);
    case SST_FIELD_DATETIME: {
        struct sst_time t;
        struct sst_err inner;
        char buf[SST_TIME_STR_MAX];
        const char *s;
        if (json_object_is_type(cast(in), json_type_string) ||
            json_object_is_type(cast(in), json_type_int))
            s = json_object_get_string(cast(in));
        else
            return sst_fpath_fail(err, p, "expected a datetime, got %s",
                                  type_name(in));
        if (sst_time_parse(s, strlen(s), &t, &inner) != SST_OK)
            return sst_fpath_fail(err, p, "%s", inner.message);
        sst_time_isoformat(&t, buf);
        *out = json_object_new_string(buf);
        return *out ? SST_OK : nomem(err);
    }
    case SST_FIELD_DATE: {
        struct sst_date d;
        struct sst_err inner;
        char buf[SST_DATE_STR_MAX];
        const char *s;
        if (!json_object_is_type(cast(in), json_type_string))
            return sst_fpath_fail(err, p, "expected a date, got %s",
                                  type_name(in));
        s = json_object_get_string(cast(in));
        if (sst_date_parse(s, (size_t)json_object_get_string_len(cast(in)),
                           &d, &inner) != SST_OK)
            return sst_fpath_fail(err, p, "%s", inner.message);
        sst_date_isoformat(&d, buf);
        *out = json_object_new_string(buf);
        return *out ? SST_OK : nomem(err);
    }
    case SST_FIELD_BYTES:
        if (!json_object_is_type(cast(in), json_type_string))
            return sst_fpath_fail(err, p, "expected bytes (a string), got %s",
                                  type_name(in));
        *out = json_object_new_string_len(
            json_object_get_string(cast(in)),
            json_object_get_string_len(cast(in)));
        return *out ? SST_OK : nomem(err);
    case SST_FIELD_STRING_SET:
        return validate_set(in, false, p, out, err);
    case SST_FIELD_NUMBER_SET:
        return validate_set(in, true, p, out, err);
    case SST_FIELD_LIST:
        if (!json_object_is_type(cast(in), json_type_array))
            return sst_fpath_fail(err, p, "expected a list, got %s",
                                  type_name(in));
        *out = json_object_new_array();
        if (*out == NULL)
            return nomem(err);
        n = json_object_array_length(cast(in));
        for (i = 0; i < n && rc == SST_OK; i++) {
            json_object *e = NULL;
            old = sst_fpath_push_index(p, i);
            rc = sst_validate_value(f->item,
                                    json_object_array_get_idx(cast(in), i), p,
                                    depth + 1, &e, err);
            sst_fpath_pop(p, old);
            if (rc == SST_OK && json_object_array_add(*out, e) != 0) {
                json_object_put(e);
                rc = nomem(err);
            }
        }
        break;
    case SST_FIELD_MAP:
        if (!json_object_is_type(cast(in), json_type_object))
            return sst_fpath_fail(err, p, "expected an object, got %s",
                                  type_name(in));
        *out = json_object_new_object();
        if (*out == NULL)
            return nomem(err);
        {
            json_object_object_foreach(cast(in), key, val)
            {
                json_object *e = NULL;
                if (rc != SST_OK)
                    break;
                old = sst_fpath_push_name(p, key);
                if (!sst_utf8_valid(key, strlen(key)))
                    rc = sst_fpath_fail(err, p, "key is not valid UTF-8");
                else
                    rc = sst_validate_value(f->item, val, p, depth + 1, &e,
                                            err);
                sst_fpath_pop(p, old);
                if (rc == SST_OK &&
                    json_object_object_add(*out, key, e) != 0) {
                    json_object_put(e);
                    rc = nomem(err);
                }
            }
        }
        break;
    case SST_FIELD_NESTED:
        if (f->nested == NULL)
            return sst_err_set(err, SST_E_INVALID_ARG,
                               "field '%s': NESTED without a nested type",
                               p->buf);
        if (!json_object_is_type(cast(in), json_type_object))
            return sst_fpath_fail(err, p, "expected an object, got %s",
                                  type_name(in));
        return sst_validate_fields(NULL, 0, f->nested->fields,
                                   f->nested->nfields, in, p, depth + 1, out,
                                   err);
    default:
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "field '%s': unknown kind %d", p->buf, (int)f->kind);
    }
    if (rc != SST_OK) {
        json_object_put(*out);
        *out = NULL;
    }
    return rc;
}

/* ------------------------------------------------------ field lists */

/* Field name in base or fields, or NULL. */
static const struct sst_field *
find_field(const struct sst_field *base, size_t nbase,
           const struct sst_field *fields, size_t nfields, const char *name)
{
    size_t i;

    for (i = 0; i < nbase; i++)
        if (strcmp(base[i].name, name) == 0)
            return &base[i];
    for (i = 0; i < nfields; i++)
        if (fields[i].name != NULL && strcmp(fields[i].name, name) == 0)
            return &fields[i];
    return NULL;
}

static enum sst_code
one_field(const struct sst_field *f, const json_object *in,
          struct sst_fpath *p, int depth, json_object *out,
          struct sst_err *err)
{
    json_object *given, *def = NULL, *v = NULL;
    enum sst_code rc;
    size_t old = sst_fpath_push_name(p, f->name);

    if (json_object_object_get_ex(cast(in), f->name, &given)) {
        rc = sst_validate_value(f, given, p, depth, &v, err);
    } else if (f->default_json != NULL) {
        def = json_tokener_parse(f->default_json);
        if (def == NULL && strcmp(f->default_json, "null") != 0)
            rc = sst_err_set(err, SST_E_INVALID_ARG,
                             "field '%s': default is not JSON", p->buf);
        else
            rc = sst_validate_value(f, def, p, depth, &v, err);
        json_object_put(def);
    } else {
        rc = sst_fpath_fail(err, p, "field required");
    }
    sst_fpath_pop(p, old);
    if (rc == SST_OK && json_object_object_add(out, f->name, v) != 0) {
        json_object_put(v);
        rc = nomem(err);
    }
    return rc;
}

enum sst_code
sst_validate_fields(const struct sst_field *base, size_t nbase,
                    const struct sst_field *fields, size_t nfields,
                    const json_object *in, struct sst_fpath *p, int depth,
                    json_object **out, struct sst_err *err)
{
    enum sst_code rc = SST_OK;
    size_t i;

    *out = NULL;
    if (!json_object_is_type(cast(in), json_type_object)) {
        if (p->len == 0)
            return sst_err_set(err, SST_E_INVALID_DATA,
                               "resource data must be a JSON object");
        return sst_fpath_fail(err, p, "expected an object, got %s",
                              type_name(in));
    }
    *out = json_object_new_object();
    if (*out == NULL)
        return nomem(err);
    for (i = 0; i < nbase && rc == SST_OK; i++)
        rc = one_field(&base[i], in, p, depth, *out, err);
    for (i = 0; i < nfields && rc == SST_OK; i++)
        rc = one_field(&fields[i], in, p, depth, *out, err);
    if (rc == SST_OK) {
        /* extra="forbid" */
        json_object_object_foreach(cast(in), key, val)
        {
            (void)val;
            if (find_field(base, nbase, fields, nfields, key) == NULL) {
                size_t old = sst_fpath_push_name(p, key);
                rc = sst_fpath_fail(err, p, "extra fields not permitted");
                sst_fpath_pop(p, old);
                break;
            }
        }
    }
    if (rc != SST_OK) {
        json_object_put(*out);
        *out = NULL;
    }
    return rc;
}

/* --------------------------------------------------------- public API */

enum sst_code
sst_type_validate(const struct sst_type *t, const struct json_object *in,
                  struct json_object **out, struct sst_err *err)
{
    struct sst_fpath p = {"", 0};
    enum sst_code rc;

    *out = NULL;
    if (t == NULL || t->name == NULL || (t->nfields > 0 && t->fields == NULL))
        return sst_err_set(err, SST_E_INVALID_ARG, "malformed resource type");
    rc = sst_validate_fields(sst_type_base_fields, sst_type_nbase(t),
                             t->fields, t->nfields, in, &p, 0, out, err);
    /* "" has no key ("<prefix>#" is refused as one, and Python's
     * create_new never makes it: override_id or a new ULID) */
    if (rc == SST_OK &&
        json_object_get_string_len(json_object_object_get(
            *out, "resource_id")) == 0) {
        json_object_put(*out);
        *out = NULL;
        rc = sst_err_set(err, SST_E_INVALID_DATA,
                         "field 'resource_id': the id is empty");
    }
    return rc;
}

/* Set the base fields of a working copy. */
static enum sst_code
set_base(json_object *obj, const char *key, json_object *v,
         struct sst_err *err)
{
    if (v == NULL || json_object_object_add(obj, key, v) != 0) {
        json_object_put(v);
        return nomem(err);
    }
    return SST_OK;
}

enum sst_code
sst_resource_new(const struct sst_type *t, const struct json_object *data,
                 const char *id, const struct sst_clock *clock,
                 struct sst_ulid_gen *gen, struct json_object **out,
                 struct sst_err *err)
{
    char ulid[SST_ULID_LEN + 1], now[SST_TIME_STR_MAX];
    struct sst_time t_now;
    json_object *work = NULL;
    enum sst_code rc;

    *out = NULL;
    if (t == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG, "no resource type");
    if (!json_object_is_type(cast(data), json_type_object))
        return sst_err_set(err, SST_E_INVALID_DATA,
                           "resource data must be a JSON object");
    if (id != NULL && *id == '\0')
        return sst_err_set(err, SST_E_INVALID_ARG, "override id is empty");
    if (id == NULL) {
        if (gen == NULL)
            return sst_err_set(err, SST_E_INVALID_ARG,
                               "no id and no ULID generator");
        rc = sst_ulid_gen_next(gen, ulid, err);
        if (rc != SST_OK)
            return rc;
        id = ulid;
    }
    rc = sst_time_now(clock, &t_now, err);
    if (rc != SST_OK)
        return rc;
    sst_time_isoformat(&t_now, now);
    if (json_object_deep_copy(cast(data), &work, NULL) != 0)
        return nomem(err);
    rc = set_base(work, "resource_id", json_object_new_string(id), err);
    if (rc == SST_OK)
        rc = set_base(work, "created_at", json_object_new_string(now), err);
    if (rc == SST_OK)
        rc = set_base(work, "updated_at", json_object_new_string(now), err);
    if (rc == SST_OK && t->versioned)
        rc = set_base(work, "version", json_object_new_int64(1), err);
    if (rc == SST_OK)
        rc = sst_type_validate(t, work, out, err);
    json_object_put(work);
    return rc;
}

enum sst_code
sst_resource_update(const struct sst_type *t,
                    const struct json_object *existing,
                    const struct json_object *update,
                    const char *const *clear_fields,
                    const struct sst_clock *clock, struct json_object **out,
                    struct sst_err *err)
{
    char now[SST_TIME_STR_MAX];
    struct sst_time t_now;
    json_object *work = NULL, *v;
    enum sst_code rc;
    int64_t version = 0;
    size_t i;

    *out = NULL;
    if (t == NULL || !json_object_is_type(cast(existing), json_type_object))
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "update needs a type and an existing resource");
    if (update != NULL && !json_object_is_type(cast(update), json_type_object))
        return sst_err_set(err, SST_E_INVALID_DATA,
                           "update data must be a JSON object");
    if (t->versioned) {
        if (!json_object_object_get_ex(cast(existing), "version", &v) ||
            !json_object_is_type(v, json_type_int))
            return sst_err_set(err, SST_E_INVALID_ARG,
                               "existing resource has no version");
        version = json_object_get_int64(v);
    }
    rc = sst_time_now(clock, &t_now, err);
    if (rc != SST_OK)
        return rc;
    sst_time_isoformat(&t_now, now);
    if (json_object_deep_copy(cast(existing), &work, NULL) != 0)
        return nomem(err);
    if (update != NULL) {
        json_object_object_foreach(cast(update), key, val)
        {
            json_object *copy = NULL;
            if (val != NULL && json_object_deep_copy(val, &copy, NULL) != 0) {
                rc = nomem(err);
                goto out;
            }
            if (json_object_object_add(work, key, copy) != 0) {
                json_object_put(copy);
                rc = nomem(err);
                goto out;
            }
        }
    }
    for (i = 0; clear_fields != NULL && clear_fields[i] != NULL; i++)
        if (json_object_object_add(work, clear_fields[i], NULL) != 0) {
            rc = nomem(err);
            goto out;
        }
    /* kept as they were, whatever the update says */
    if (json_object_object_get(cast(existing), "resource_id") == NULL ||
        json_object_object_get(cast(existing), "created_at") == NULL) {
        rc = sst_err_set(err, SST_E_INVALID_ARG,
                         "existing resource lacks resource_id or created_at");
        goto out;
    }
    v = json_object_object_get(cast(existing), "resource_id");
    rc = set_base(work, "resource_id", json_object_get(v), err);
    if (rc == SST_OK) {
        v = json_object_object_get(cast(existing), "created_at");
        rc = set_base(work, "created_at", json_object_get(v), err);
    }
    if (rc == SST_OK)
        rc = set_base(work, "updated_at", json_object_new_string(now), err);
    if (rc == SST_OK && t->versioned)
        rc = set_base(work, "version", json_object_new_int64(version + 1),
                      err);
    if (rc == SST_OK)
        rc = sst_type_validate(t, work, out, err);
out:
    json_object_put(work);
    return rc;
}
