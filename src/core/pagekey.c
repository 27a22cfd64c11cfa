/*
 * src/core/pagekey.c - pagination keys (see pagekey.h). Goldens:
 * tests/data/core/gen_pagekey.py.
 */
#include <string.h>

#include <sst/mem.h>

#include "src/core/b64.h"
#include "src/core/buf.h"
#include "src/core/pagekey.h"
#include "src/core/pyjson.h"

#define BAD "invalid pagination key: "

enum sst_code
sst_pagekey_encode_plain(const json_object *obj, char **out,
                         struct sst_err *err)
{
    struct sst_strbuf b;
    char *json = NULL;
    size_t len;
    enum sst_code rc;

    *out = NULL;
    if (!json_object_is_type((json_object *)(uintptr_t)obj,
                             json_type_object))
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "a pagination key encodes a JSON object");
    sst_strbuf_init(&b, SST_PAGEKEY_MAX);
    rc = sst_pyjson_dumps(&b, obj, err);
    if (rc != SST_OK) {
        sst_strbuf_cleanup(&b);
        return rc;
    }
    rc = sst_strbuf_take(&b, "pagination key", &json, &len, err);
    if (rc != SST_OK)
        return rc;
    rc = sst_b64_encode(json, len, true, out, NULL, err);
    sst_free(json);
    return rc;
}

enum sst_code
sst_pagekey_decode_plain(const char *key, size_t len, json_object **out,
                         struct sst_err *err)
{
    unsigned char *raw = NULL;
    size_t rawlen, end;
    struct json_tokener *tok = NULL;
    json_object *obj = NULL;
    enum sst_code rc;

    *out = NULL;
    if (key == NULL || len == 0)
        return sst_err_set(err, SST_E_INVALID_ARG, BAD "empty");
    if (len > SST_PAGEKEY_MAX)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           BAD "longer than %d bytes", SST_PAGEKEY_MAX);
    rc = sst_b64_decode(key, len, true, &raw, &rawlen, err);
    if (rc == SST_E_INVALID_ARG)
        return sst_err_set(err, rc, BAD "not URL-safe base64");
    if (rc != SST_OK)
        return rc;
    if (!sst_utf8_valid((const char *)raw, rawlen)) {
        rc = sst_err_set(err, SST_E_INVALID_ARG, BAD "not UTF-8");
        goto out;
    }
    tok = json_tokener_new();
    if (tok == NULL) {
        rc = sst_err_set(err, SST_E_NOMEM, "out of memory");
        goto out;
    }
    json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
    obj = json_tokener_parse_ex(tok, (const char *)raw, (int)rawlen);
    end = json_tokener_get_parse_end(tok);
    /* Python's json.loads allows white space after the value */
    while (end < rawlen && strchr(" \t\n\r", raw[end]) != NULL &&
           raw[end] != '\0')
        end++;
    if (obj == NULL || json_tokener_get_error(tok) != json_tokener_success ||
        end != rawlen) {
        rc = sst_err_set(err, SST_E_INVALID_ARG, BAD "not JSON");
        goto out;
    }
    if (!json_object_is_type(obj, json_type_object)) {
        rc = sst_err_set(err, SST_E_INVALID_ARG, BAD "not a JSON object");
        goto out;
    }
    *out = obj;
    obj = NULL;
    rc = SST_OK;
out:
    json_object_put(obj);
    if (tok != NULL)
        json_tokener_free(tok);
    sst_free(raw);
    return rc;
}

enum sst_code
sst_pagekey_encode(const json_object *lek, char **out, struct sst_err *err)
{
    json_object *plain = NULL, *v, *av = (json_object *)(uintptr_t)lek;
    enum sst_code rc = SST_OK;

    *out = NULL;
    if (!json_object_is_type(av, json_type_object) ||
        json_object_object_length(av) == 0)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "LastEvaluatedKey must be a non-empty object");
    plain = json_object_new_object();
    if (plain == NULL)
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    {
        json_object_object_foreach(av, name, attr)
        {
            json_object *s = NULL, *n = NULL;
            if (json_object_is_type(attr, json_type_object) &&
                json_object_object_length(attr) == 1 &&
                json_object_object_get_ex(attr, "S", &s) &&
                json_object_is_type(s, json_type_string)) {
                v = json_object_new_string_len(json_object_get_string(s),
                                               json_object_get_string_len(s));
            } else if (json_object_is_type(attr, json_type_object) &&
                       json_object_object_length(attr) == 1 &&
                       json_object_object_get_ex(attr, "N", &n) &&
                       json_object_is_type(n, json_type_string) &&
                       sst_pyjson_is_number(
                           json_object_get_string(n),
                           (size_t)json_object_get_string_len(n))) {
                v = json_object_new_double_s(0, json_object_get_string(n));
            } else {
                rc = sst_err_set(err, SST_E_INVALID_ARG,
                                 "key attribute '%.64s' is not S or N; it "
                                 "cannot go into a pagination key",
                                 name);
                goto out;
            }
            if (v == NULL || json_object_object_add(plain, name, v) != 0) {
                json_object_put(v);
                rc = sst_err_set(err, SST_E_NOMEM, "out of memory");
                goto out;
            }
        }
    }
    rc = sst_pagekey_encode_plain(plain, out, err);
out:
    json_object_put(plain);
    return rc;
}

enum sst_code
sst_pagekey_decode(const char *key, size_t len, json_object **out,
                   struct sst_err *err)
{
    json_object *plain = NULL, *wire = NULL;
    enum sst_code rc;

    *out = NULL;
    rc = sst_pagekey_decode_plain(key, len, &plain, err);
    if (rc != SST_OK)
        return rc;
    if (json_object_object_length(plain) == 0) {
        rc = sst_err_set(err, SST_E_INVALID_ARG, BAD "no key attributes");
        goto out;
    }
    wire = json_object_new_object();
    if (wire == NULL) {
        rc = sst_err_set(err, SST_E_NOMEM, "out of memory");
        goto out;
    }
    {
        json_object_object_foreach(plain, name, val)
        {
            json_object *av = NULL, *inner = NULL;
            char buf[SST_PYFLOAT_MAX];
            const char *text;
            if (json_object_is_type(val, json_type_string) &&
                sst_utf8_valid(json_object_get_string(val),
                               (size_t)json_object_get_string_len(val))) {
                inner = json_object_new_string_len(
                    json_object_get_string(val),
                    json_object_get_string_len(val));
                av = json_object_new_object();
                if (av && inner)
                    json_object_object_add(av, "S", inner);
                else
                    json_object_put(inner);
            } else if ((json_object_is_type(val, json_type_int) ||
                        json_object_is_type(val, json_type_double)) &&
                       sst_pyjson_number_text(val, buf, &text, NULL) ==
                           SST_OK) {
                inner = json_object_new_string(text);
                av = json_object_new_object();
                if (av && inner)
                    json_object_object_add(av, "N", inner);
                else
                    json_object_put(inner);
            } else {
                rc = sst_err_set(err, SST_E_INVALID_ARG,
                                 BAD "attribute '%.64s' is not a string or "
                                     "a number",
                                 name);
                goto out;
            }
            if (av == NULL || inner == NULL ||
                json_object_object_add(wire, name, av) != 0) {
                json_object_put(av);
                rc = sst_err_set(err, SST_E_NOMEM, "out of memory");
                goto out;
            }
        }
    }
    *out = wire;
    wire = NULL;
out:
    json_object_put(wire);
    json_object_put(plain);
    return rc;
}
