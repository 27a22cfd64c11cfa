/*
 * emu/ops/partiql_page.c - a SELECT's page as DynamoDB Local answers it
 * (emu/ops/partiql_exec.h): the NextToken that carries the page's
 * LastEvaluatedKey, and the names of nested projected paths.
 */
#include <json-c/json.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sst/mem.h>

#include "emu/ops/common.h"
#include "emu/ops/partiql_exec.h"
#include "src/core/b64.h"
#include "src/core/buf.h"

/* Add a member; false when out of memory (val is released). */
static bool
add(struct json_object *obj, const char *key, struct json_object *val)
{
    struct sst_emu_json b = {false};

    sst_emu_json_add(&b, obj, key, val);
    return !b.failed;
}

/*
 * NextToken <-> ExclusiveStartKey, in DynamoDB Local's form: base64 of
 * {"creationTime":SECONDS.MS,"opIndexToExclusiveNextKey":{"0":KEY},
 * "version":"V1"}, the key's members in the order of a Java HashMap (so
 * that the emulator's tokens are DynamoDB Local's, byte for byte). A
 * token is good for an hour.
 */
#define TOKEN_TTL_MS 3600000

/* Java's String.hashCode() of a UTF-8 name, spread as HashMap spreads
 * it, in a table of 16 buckets. */
static unsigned
java_bucket(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t h = 0, cp;

    while (*u != 0) {
        if (*u < 0x80) {
            cp = *u++;
        } else if ((*u & 0xE0) == 0xC0 && u[1]) {
            cp = ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
            u += 2;
        } else if ((*u & 0xF0) == 0xE0 && u[1] && u[2]) {
            cp = ((uint32_t)(u[0] & 0x0F) << 12) |
                 ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
            u += 3;
        } else if ((*u & 0xF8) == 0xF0 && u[1] && u[2] && u[3]) {
            cp = ((uint32_t)(u[0] & 0x07) << 18) |
                 ((uint32_t)(u[1] & 0x3F) << 12) |
                 ((uint32_t)(u[2] & 0x3F) << 6) | (u[3] & 0x3F);
            u += 4;
        } else {
            cp = *u++;
        }
        if (cp >= 0x10000) {
            cp -= 0x10000;
            h = 31 * h + (0xD800 + (cp >> 10));
            h = 31 * h + (0xDC00 + (cp & 0x3FF));
        } else {
            h = 31 * h + cp;
        }
    }
    return (h ^ (h >> 16)) & 15;
}

enum sst_code
sst_emu_pq_start_key(struct sst_emu *emu, const struct json_object *from,
                     struct json_object *req, struct sst_err *err)
{
    const char *tok = sst_emu_get_string(from, "NextToken");
    unsigned char *raw = NULL;
    size_t n = 0;
    struct json_object *doc = NULL, *map, *key = NULL, *at;
    double created;

    if (tok == NULL)
        return SST_OK;
    if (sst_b64_decode(tok, strlen(tok), false, &raw, &n, NULL) == SST_OK)
        doc = json_tokener_parse((const char *)raw);
    sst_free(raw);
    if (!json_object_object_get_ex(doc, "opIndexToExclusiveNextKey", &map) ||
        !json_object_object_get_ex(map, "0", &key) ||
        !json_object_is_type(key, json_type_object) ||
        !json_object_object_get_ex(doc, "creationTime", &at) ||
        (!json_object_is_type(at, json_type_double) &&
         !json_object_is_type(at, json_type_int))) {
        json_object_put(doc);
        return sst_err_set(err, SST_E_VALIDATION, "Invalid NextToken");
    }
    created = json_object_get_double(at);
    if ((double)sst_emu_now(emu) - created * 1000.0 > TOKEN_TTL_MS) {
        json_object_put(doc);
        return sst_err_set(err, SST_E_VALIDATION,
                           "Given NextToken has already expired");
    }
    json_object_get(key);
    json_object_put(doc);
    return add(req, "ExclusiveStartKey", key) ? SST_OK : sst_emu_nomem(err);
}

enum sst_code
sst_emu_pq_next_token(struct sst_emu *emu, struct json_object *resp,
                      struct json_object *out, struct sst_err *err)
{
    struct json_object *lek = sst_emu_get(resp, "LastEvaluatedKey");
    struct json_object *ordered;
    struct sst_strbuf b;
    const char *key;
    char *text = NULL, *tok = NULL;
    int64_t now = sst_emu_now(emu);
    unsigned bucket;
    bool ok = true;

    if (lek == NULL)
        return SST_OK;
    ordered = json_object_new_object();
    for (bucket = 0; ordered != NULL && ok && bucket < 16; bucket++) {
        json_object_object_foreach(lek, name, v)
        {
            if (java_bucket(name) == bucket)
                ok = json_object_object_add(ordered, name,
                                            json_object_get(v)) == 0;
        }
    }
    key = ordered != NULL && ok
              ? json_object_to_json_string_ext(
                    ordered,
                    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)
              : NULL;
    sst_strbuf_init(&b, 0);
    if (key != NULL)
        sst_strbuf_printf(&b,
                          "{\"creationTime\":%lld.%03lld,"
                          "\"opIndexToExclusiveNextKey\":{\"0\":%s},"
                          "\"version\":\"V1\"}",
                          (long long)(now / 1000), (long long)(now % 1000),
                          key);
    json_object_put(ordered);
    if (key == NULL ||
        sst_strbuf_take(&b, "a NextToken", &text, NULL, NULL) != SST_OK ||
        sst_b64_encode(text, strlen(text), false, &tok, NULL, NULL) != SST_OK) {
        sst_strbuf_cleanup(&b);
        sst_free(text);
        return sst_emu_nomem(err);
    }
    sst_free(text);
    /* AWS documents LastEvaluatedKey in ExecuteStatement's answer too;
     * DynamoDB Local leaves it out (docs/emulator.md) */
    if (!add(out, "NextToken", json_object_new_string(tok)) ||
        !add(out, "LastEvaluatedKey", json_object_get(lek))) {
        sst_free(tok);
        return sst_emu_nomem(err);
    }
    sst_free(tok);
    return SST_OK;
}

/* The position of element k of the list at path prefix (prefix_len
 * bytes of a projection path) in a projected item: projection keeps only
 * the elements some path names, in order, so the position is the number
 * of other indexes named after the same prefix that are below k. */
static size_t
projected_position(const char *projection, const char *prefix,
                   size_t prefix_len, size_t k)
{
    size_t seen[64], n = 0, below = 0, i;
    const char *p = projection;

    while ((p = strstr(p, "[")) != NULL) {
        const char *start = p;
        size_t idx;

        /* the path this '[' belongs to starts after the last ", " */
        while (start > projection && !(start - projection >= 2 &&
                                       start[-1] == ' ' && start[-2] == ','))
            start--;
        idx = (size_t)strtoul(p + 1, NULL, 10);
        if ((size_t)(p - start) == prefix_len &&
            memcmp(start, prefix, prefix_len) == 0 && idx < k) {
            for (i = 0; i < n && seen[i] != idx; i++)
                ;
            if (i == n && n < sizeof seen / sizeof seen[0]) {
                seen[n++] = idx;
                below++;
            }
        }
        p++;
    }
    return below;
}

struct json_object *
sst_emu_pq_projected(const struct sst_pq_stmt *st, struct json_object *item)
{
    const char *p = st->projection;
    struct json_object *out;

    if (p == NULL || item == NULL ||
        !json_object_is_type(item, json_type_object) ||
        (strchr(p, '.') == NULL && strchr(p, '[') == NULL))
        return json_object_get(item);
    out = json_object_new_object();
    while (out != NULL && *p != '\0') {
        struct json_object *v = item;
        const char *path = p;
        char key[SST_ERR_MESSAGE_MAX];
        size_t klen = 0;
        bool first = true;

        while (*p != '\0' && *p != ',') {
            if (p[0] == '#') { /* #pN: a name */
                char *end;
                size_t i = (size_t)strtoul(p + 2, &end, 10);
                const char *name = i < st->name_count ? st->names[i] : "";

                if (!first && v != NULL &&
                    !json_object_object_get_ex(v, "M", &v))
                    v = NULL;
                if (v != NULL && !json_object_object_get_ex(v, name, &v))
                    v = NULL;
                klen = (size_t)snprintf(key, sizeof key, "%s", name);
                p = end;
                first = false;
            } else if (p[0] == '[') { /* [k]: an element */
                char *end;
                size_t i = (size_t)strtoul(p + 1, &end, 10);
                struct json_object *l = NULL;

                size_t at = projected_position(st->projection, path,
                                               (size_t)(p - path), i);

                if (v != NULL && json_object_object_get_ex(v, "L", &l) &&
                    at < json_object_array_length(l))
                    v = json_object_array_get_idx(l, at);
                else
                    v = NULL;
                if (klen < sizeof key)
                    klen += (size_t)snprintf(key + klen, sizeof key - klen,
                                             "[%zu]", i);
                p = *end == ']' ? end + 1 : end;
            } else {
                p++;
            }
        }
        if (v != NULL && v != item &&
            json_object_object_add(out, key, json_object_get(v)) != 0) {
            json_object_put(out);
            return NULL;
        }
        while (*p == ',' || *p == ' ')
            p++;
    }
    return out;
}

/* A page's items, nested projected paths renamed as DynamoDB Local
 * names them. */
struct json_object *
sst_emu_pq_projected_items(const struct sst_pq_stmt *st,
                           struct json_object *items)
{
    struct json_object *out;
    size_t i, n;

    if (st->projection == NULL || (strchr(st->projection, '.') == NULL &&
                                   strchr(st->projection, '[') == NULL))
        return json_object_get(items);
    n = json_object_array_length(items);
    out = json_object_new_array_ext((int)n);
    for (i = 0; out != NULL && i < n; i++) {
        struct json_object *r =
            sst_emu_pq_projected(st, json_object_array_get_idx(items, i));

        if (r == NULL || json_object_array_add(out, r) != 0) {
            json_object_put(r);
            json_object_put(out);
            return NULL;
        }
    }
    return out;
}
