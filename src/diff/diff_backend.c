/*
 * src/diff/diff_backend.c - run each call on two backends and report where
 * their answers part ways; see include/sst/diff.h.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/diff.h>
#include <sst/log.h>
#include <sst/mem.h>

#include "diff_backend.h"
#include "emu/expr/num.h"
#include "src/core/avtype.h"

#define PATH_MAX_LEN 512

struct diff {
    struct sst_backend base;
    struct sst_backend *a, *b;
    sst_diff_fn fn;
    void *user;
    atomic_ulong divergences;
};

/* Keys whose values differ between any two correct implementations
 * (Address: DescribeEndpoints' Endpoints, each side's own). */
static const char *const volatile_keys[] = {
    "ConsumedCapacity", "ResponseMetadata", "CreationDateTime", "TableArn",
    "TableId", "IndexArn", "TableSizeBytes", "IndexSizeBytes", "ItemCount",
    "LastIncreaseDateTime", "LastDecreaseDateTime", "NumberOfDecreasesToday",
    "LastUpdateToPayPerRequestDateTime", "LatestStreamArn",
    "LatestStreamLabel", "Address"};

/* Whether v is an AttributeValue: an object of one member named by a
 * type descriptor. An item's attribute may have a volatile key's name
 * ("ItemCount", "Address"); it is data, and compared. */
static int
is_attribute_value(struct json_object *v)
{
    if (!json_object_is_type(v, json_type_object) ||
        json_object_object_length(v) != 1)
        return 0;
    json_object_object_foreach(v, k, val) {
        (void)val;
        return sst_av_type_known(k);
    }
    return 0;
}

static int
is_volatile(const char *key, struct json_object *v)
{
    size_t i;

    for (i = 0; i < sizeof volatile_keys / sizeof volatile_keys[0]; i++)
        if (strcmp(key, volatile_keys[i]) == 0)
            return !is_attribute_value(v);
    return 0;
}

/* The canonical spelling of a DynamoDB number, or NULL to keep it. */
static struct json_object *
canonical_number(struct json_object *s)
{
    struct sst_num n;
    char buf[SST_NUM_STR_MAX];
    const char *text = json_object_get_string(s);
    struct json_object *out = NULL;

    sst_num_init(&n);
    if (sst_num_parse(&n, text, strlen(text), NULL) == SST_OK) {
        sst_num_to_str(&n, buf, sizeof buf);
        out = json_object_new_string(buf);
    }
    sst_num_cleanup(&n);
    return out;
}

static int
cmp_json_strings(const void *x, const void *y)
{
    struct json_object *const *a = x, *const *b = y;

    return strcmp(json_object_get_string(*a), json_object_get_string(*b));
}

/* A normalised deep copy of v (see the header); NULL stays NULL. */
static struct json_object *
normalise(struct json_object *v, const char *key)
{
    struct json_object *out;
    size_t i, n;

    switch (json_object_get_type(v)) {
    case json_type_object:
        out = json_object_new_object();
        json_object_object_foreach(v, k, val) {
            if (is_volatile(k, val))
                continue;
            json_object_object_add(out, k, normalise(val, k));
        }
        return out;
    case json_type_array:
        out = json_object_new_array();
        n = json_object_array_length(v);
        for (i = 0; i < n; i++)
            json_object_array_add(
                out, normalise(json_object_array_get_idx(v, i),
                               key && (strcmp(key, "NS") == 0) ? "N" : NULL));
        /* set members have no order */
        if (key && (!strcmp(key, "SS") || !strcmp(key, "NS") ||
                    !strcmp(key, "BS")))
            json_object_array_sort(out, cmp_json_strings);
        return out;
    case json_type_string:
        if (key && strcmp(key, "N") == 0) {
            out = canonical_number(v);
            if (out)
                return out;
        }
        return json_object_new_string(json_object_get_string(v));
    default:
        return json_object_get(v);
    }
}

/* The path of the first difference between two normalised trees, into
 * path; returns 1 when they differ. */
static int
first_difference(struct json_object *a, struct json_object *b, char *path,
                 size_t cap, struct json_object **da, struct json_object **db)
{
    size_t len = strlen(path), i, n;

    *da = a;
    *db = b;
    if (json_object_get_type(a) != json_object_get_type(b))
        return 1;
    if (json_object_is_type(a, json_type_object)) {
        json_object_object_foreach(a, k, va) {
            struct json_object *vb = NULL;

            snprintf(path + len, cap - len, "%s%s", len ? "." : "", k);
            if (!json_object_object_get_ex(b, k, &vb)) {
                *da = va;
                *db = NULL;
                return 1;
            }
            if (first_difference(va, vb, path, cap, da, db))
                return 1;
        }
        json_object_object_foreach(b, k2, vb2) {
            if (!json_object_object_get_ex(a, k2, NULL)) {
                snprintf(path + len, cap - len, "%s%s", len ? "." : "", k2);
                *da = NULL;
                *db = vb2;
                return 1;
            }
        }
        path[len] = '\0';
        return 0;
    }
    if (json_object_is_type(a, json_type_array)) {
        n = json_object_array_length(a);
        if (n != json_object_array_length(b))
            return 1;
        for (i = 0; i < n; i++) {
            snprintf(path + len, cap - len, "[%zu]", i);
            if (first_difference(json_object_array_get_idx(a, i),
                                 json_object_array_get_idx(b, i), path, cap,
                                 da, db))
                return 1;
        }
        path[len] = '\0';
        return 0;
    }
    path[len] = '\0';
    return !json_object_equal(a, b);
}

static const char *
text_of(struct json_object *v)
{
    return v ? json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN)
             : "(absent)";
}

static void
report(struct diff *d, const char *op, const char *path, const char *a,
       const char *b)
{
    atomic_fetch_add(&d->divergences, 1);
    if (d->fn)
        d->fn(op, path, a, b, d->user);
    sst_log(SST_LOG_WARN, "diff", "%s: %s: A %s | B %s", op,
            *path ? path : "(answer)", a, b);
}

static void
describe_error(enum sst_code rc, const struct sst_err *e, char *buf,
               size_t cap)
{
    if (rc == SST_OK)
        snprintf(buf, cap, "(success)");
    else
        snprintf(buf, cap, "%s: %s", e->type[0] ? e->type : sst_code_name(rc),
                 e->message);
}

static enum sst_code
diff_call(struct sst_backend *self, const char *op,
          const struct json_object *req, struct json_object **resp,
          struct sst_err *err)
{
    struct diff *d = (struct diff *)self;
    struct json_object *ra = NULL, *rb = NULL;
    struct sst_err ea, eb;
    enum sst_code ca, cb;

    sst_err_clear(&ea);
    sst_err_clear(&eb);
    ca = sst_backend_call(d->a, op, req, &ra, &ea);
    cb = sst_backend_call(d->b, op, req, &rb, &eb);
    if (ca != SST_OK || cb != SST_OK) {
        if (ca != cb || strcmp(ea.type, eb.type) != 0 ||
            strcmp(ea.message, eb.message) != 0) {
            char ta[SST_ERR_TYPE_MAX + SST_ERR_MESSAGE_MAX + 2];
            char tb[SST_ERR_TYPE_MAX + SST_ERR_MESSAGE_MAX + 2];

            describe_error(ca, &ea, ta, sizeof ta);
            describe_error(cb, &eb, tb, sizeof tb);
            report(d, op, "error", ta, tb);
        }
    } else {
        struct json_object *na = normalise(ra, NULL), *nb = normalise(rb, NULL);
        struct json_object *da, *db;
        char path[PATH_MAX_LEN] = "";

        if (first_difference(na, nb, path, sizeof path, &da, &db)) {
            char *ta = sst_strdup(text_of(da));

            report(d, op, path, ta ? ta : "?", text_of(db));
            sst_free(ta);
        }
        json_object_put(na);
        json_object_put(nb);
    }
    json_object_put(rb);
    *resp = ra;
    if (ca != SST_OK && err)
        *err = ea;
    return ca;
}

static void
diff_close(struct sst_backend *self)
{
    struct diff *d = (struct diff *)self;

    sst_backend_close(d->a);
    sst_backend_close(d->b);
    sst_free(d);
}

static const struct sst_backend_ops diff_ops = {"diff", diff_call,
                                                diff_close};

enum sst_code
sst_diff_backend_new(struct sst_backend *a, struct sst_backend *b,
                     struct sst_backend **out, struct sst_err *err)
{
    struct diff *d;

    if (out == NULL || a == NULL || b == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "a, b and out must not be NULL");
    *out = NULL;
    d = sst_calloc(1, sizeof *d);
    if (d == NULL)
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    d->base.ops = &diff_ops;
    d->a = a;
    d->b = b;
    *out = &d->base;
    return SST_OK;
}

enum sst_code
sst_diff_set_reporter(struct sst_backend *b, sst_diff_fn fn, void *user,
                      struct sst_err *err)
{
    struct diff *d = (struct diff *)b;

    if (b == NULL || b->ops != &diff_ops)
        return sst_err_set(err, SST_E_INVALID_ARG, "not a diff backend");
    d->fn = fn;
    d->user = user;
    return SST_OK;
}

unsigned long
sst_diff_divergences(const struct sst_backend *b)
{
    const struct diff *d = (const struct diff *)b;

    if (b == NULL || b->ops != &diff_ops)
        return 0;
    return atomic_load(&((struct diff *)d)->divergences);
}

enum sst_code
sst_diff_backend_open_uri(const struct sst_uri *u, struct sst_backend **out,
                          struct sst_err *err)
{
    struct sst_backend *a = NULL, *b = NULL;
    enum sst_code rc;

    *out = NULL;
    rc = sst_backend_open(u->inner_a, &a, err);
    if (rc != SST_OK)
        return rc;
    rc = sst_backend_open(u->inner_b, &b, err);
    if (rc == SST_OK)
        rc = sst_diff_backend_new(a, b, out, err);
    if (rc != SST_OK) {
        sst_backend_close(a);
        sst_backend_close(b);
    }
    return rc;
}
