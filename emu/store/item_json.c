/*
 * emu/store/item_json.c - a stored row as DynamoDB JSON (json-c), see
 * item.h.
 *
 * The JSON decoder is the hot path of every read (GetItem, Scan, ...): it
 * walks the row once, creating the json-c objects directly. Type keys are
 * added as constant keys (json-c does not copy them) and attribute names
 * as new keys (json-c skips the lookup).
 */
#include <string.h>

#include <json-c/json.h>

#include "emu/store/item_int.h"
#include "src/core/b64.h"

/* ------------------------------------------------------------------ */
/* to json-c                                                           */

/* Base64 of n bytes as a JSON string. */
static struct json_object *
b64_json(const uint8_t *s, size_t n)
{
    char stack[512], *out = stack;
    struct json_object *j;
    size_t len;

    if (n > INT32_MAX / 2 ||
        (SST_B64_LEN(n) + 1 > sizeof stack &&
         (out = sst_malloc(SST_B64_LEN(n) + 1)) == NULL))
        return NULL;
    len = sst_b64_encode_into(s, n, out);
    j = json_object_new_string_len(out, (int)len);
    if (out != stack)
        sst_free(out);
    return j;
}

static struct json_object *
str_json(const uint8_t *s, size_t n, bool binary)
{
    if (n > INT32_MAX)
        return NULL;
    return binary ? b64_json(s, n)
                  : json_object_new_string_len((const char *)s, (int)n);
}

/* Add val under a name that is not NUL-terminated. */
static int
add_named(struct json_object *obj, const uint8_t *name, size_t n,
          struct json_object *val)
{
    char stack[NAME_STACK], *key = stack;
    int rc;

    if (n >= sizeof stack && (key = sst_malloc(n + 1)) == NULL) {
        json_object_put(val);
        return OOM;
    }
    memcpy(key, name, n);
    key[n] = '\0';
    rc = json_object_object_add_ex(obj, key, val,
                                   JSON_C_OBJECT_ADD_KEY_IS_NEW);
    if (key != stack)
        sst_free(key);
    if (rc != 0) {
        json_object_put(val);
        return OOM;
    }
    return 0;
}

static int json_value(struct reader *r, int depth, struct json_object **out);

/* The content of an array-shaped value: L, SS, NS, BS. */
static int
json_array(struct reader *r, enum tag t, int depth, struct json_object **out)
{
    struct json_object *arr, *e = NULL;
    const uint8_t *s;
    size_t n, i, len;
    int rc = 0;

    if (!rd_count(r, &n))
        return BAD;
    if ((arr = json_object_new_array_ext(n > 0 && n < 4096 ? (int)n : 8)) ==
        NULL)
        return OOM;
    for (i = 0; i < n && rc == 0; i++) {
        if (t == TAG_L)
            rc = json_value(r, depth + 1, &e);
        else if (t == TAG_NS)
            rc = rd_num(r, &s, &len)
                     ? ((e = str_json(s, len, false)) ? 0 : OOM)
                     : BAD;
        else
            rc = rd_bytes(r, &s, &len)
                     ? ((e = str_json(s, len, t == TAG_BS)) ? 0 : OOM)
                     : BAD;
        if (rc == 0 && json_object_array_add(arr, e) != 0) {
            json_object_put(e);
            rc = OOM;
        }
    }
    if (rc != 0) {
        json_object_put(arr);
        return rc;
    }
    *out = arr;
    return 0;
}

static int
json_map(struct reader *r, int depth, struct json_object **out)
{
    struct json_object *m, *e = NULL;
    const uint8_t *name;
    size_t n, i, len;
    int rc = 0;

    if (!rd_count(r, &n))
        return BAD;
    if ((m = json_object_new_object()) == NULL)
        return OOM;
    for (i = 0; i < n && rc == 0; i++) {
        if (!rd_bytes(r, &name, &len))
            rc = BAD;
        else if ((rc = json_value(r, depth + 1, &e)) == 0)
            rc = add_named(m, name, len, e);
    }
    if (rc != 0) {
        json_object_put(m);
        return rc;
    }
    *out = m;
    return 0;
}

/* One value as {"T": content}. */
static int
json_value(struct reader *r, int depth, struct json_object **out)
{
    struct json_object *content = NULL, *w;
    const uint8_t *s;
    size_t n;
    enum tag t;
    int rc = 0;

    if (!rd_tag(r, depth, &t))
        return BAD;
    switch (t) {
    case TAG_S:
    case TAG_B:
    case TAG_SREF:
        if (!rd_str(r, t, &s, &n))
            return BAD;
        content = str_json(s, n, t == TAG_B);
        break;
    case TAG_N:
        if (!rd_num(r, &s, &n))
            return BAD;
        content = str_json(s, n, false);
        break;
    case TAG_FALSE:
    case TAG_TRUE:
    case TAG_NULL:
        content = json_object_new_boolean(t != TAG_FALSE);
        break;
    case TAG_M:
        rc = json_map(r, depth, &content);
        break;
    default:
        rc = json_array(r, t, depth, &content);
        break;
    }
    if (rc != 0)
        return rc;
    if (content == NULL)
        return OOM;
    w = json_object_new_object();
    if (w == NULL || json_object_object_add_ex(
                         w, tag_key(t), content,
                         JSON_C_OBJECT_ADD_KEY_IS_NEW |
                             JSON_C_OBJECT_ADD_CONSTANT_KEY) != 0) {
        json_object_put(content);
        json_object_put(w);
        return OOM;
    }
    *out = w;
    return 0;
}

static bool
wanted(const uint8_t *name, size_t n, const char *const *only, size_t only_n)
{
    size_t i;

    if (only == NULL)
        return true;
    for (i = 0; i < only_n; i++)
        if (strlen(only[i]) == n && memcmp(only[i], name, n) == 0)
            return true;
    return false;
}

/* Size an empty object's hash table for n members at once: json-c
 * starts at 16 slots and doubles (rehashing every member) once 11 are in,
 * which was a tenth of a 12-attribute GetItem. lh_table_resize is
 * declared in json-c's public linkhash.h. A failed resize leaves the
 * table as it was, so it is only a missed saving. */
static void
presize(struct json_object *obj, size_t n)
{
    struct lh_table *t = json_object_get_object(obj);

    /* json-c grows the table when an insert finds count >= size * 0.66 */
    if (t != NULL && t->count == 0 && n > 1 && n < 65536 &&
        (double)(n - 1) >= t->size * LH_LOAD_FACTOR)
        (void)lh_table_resize(t, (int)(n * 2));
}

/* The attributes of a row into obj; with skip_present, attributes obj
 * has already are left alone. */
static enum sst_code
row_into(const void *row, size_t len, const char *const *only, size_t only_n,
         struct json_object *obj, bool skip_present, struct sst_err *err)
{
    struct reader r = row_reader(row, len);
    struct json_object *v = NULL;
    const uint8_t *name;
    char key[NAME_STACK];
    uint64_t size;
    size_t n, i, nlen;
    bool take;
    int rc = 0;

    if (!rd_header(&r, &size, &n))
        return corrupt(err);
    presize(obj, n);
    for (i = 0; i < n && rc == 0; i++) {
        if (!rd_bytes(&r, &name, &nlen)) {
            rc = BAD;
            break;
        }
        take = wanted(name, nlen, only, only_n);
        if (take && skip_present && nlen < sizeof key) {
            memcpy(key, name, nlen);
            key[nlen] = '\0';
            take = !json_object_object_get_ex(obj, key, NULL);
        }
        if (!take) {
            rc = skip_value(&r, 1) ? 0 : BAD;
            continue;
        }
        rc = json_value(&r, 1, &v);
        if (rc == 0)
            rc = add_named(obj, name, nlen, v);
    }
    if (rc == 0 && r.p != r.end)
        rc = BAD;
    return rc == 0 ? SST_OK : rc == OOM ? nomem(err) : corrupt(err);
}

enum sst_code
sst_emu_item_to_json(const void *row, size_t len, const char *const *only,
                     size_t only_n, struct json_object **out,
                     struct sst_err *err)
{
    struct json_object *obj = json_object_new_object();
    enum sst_code rc;

    *out = NULL;
    if (obj == NULL)
        return nomem(err);
    rc = row_into(row, len, only, only_n, obj, false, err);
    if (rc != SST_OK) {
        json_object_put(obj);
        return rc;
    }
    *out = obj;
    return SST_OK;
}

enum sst_code
sst_emu_item_merge_json(const void *row, size_t len, const char *const *only,
                        size_t only_n, struct json_object *into,
                        struct sst_err *err)
{
    return row_into(row, len, only, only_n, into, true, err);
}
