/*
 * tests/memory/qseed.c - see qseed.h.
 */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "tests/memory/qseed.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct sst_field str_item = {.kind = SST_FIELD_STRING};

static const struct sst_field thing_fields[] = {
    {.name = "name", .kind = SST_FIELD_STRING, .default_json = "\"\""},
    {.name = "status", .kind = SST_FIELD_STRING, .default_json = "\"\""},
    {.name = "category", .kind = SST_FIELD_STRING, .default_json = "\"\""},
    {.name = "size", .kind = SST_FIELD_INT, .default_json = "0"},
    {.name = "data", .kind = SST_FIELD_STRING, .default_json = "\"\""},
    {.name = "value", .kind = SST_FIELD_INT, .default_json = "0"},
    {.name = "tags", .kind = SST_FIELD_LIST, .default_json = "[]",
     .item = &str_item},
};

const struct sst_type qs_thing = {
    .name = "Thing", .fields = thing_fields, .nfields = N(thing_fields)};

/* "<prefix><field>" of the resource, as a hook's new string. */
static enum sst_code
prefixed(const struct json_object *r, const char *prefix, const char *field,
         char **out, struct sst_err *err)
{
    const char *v = json_object_get_string(
        json_object_object_get((json_object *)r, field));
    size_t n = strlen(prefix) + strlen(v) + 1;

    *out = sst_malloc(n);
    if (*out == NULL)
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    snprintf(*out, n, "%s%s", prefix, v);
    return SST_OK;
}

static enum sst_code
child_gsi1pk(const struct sst_type *t, const struct json_object *r, void *ud,
             char **out, struct sst_err *err)
{
    (void)t, (void)ud;
    return prefixed(r, "parent_id#", "parent_id", out, err);
}

static const struct sst_field child_fields[] = {
    {.name = "parent_id", .kind = SST_FIELD_STRING},
};
static const struct sst_gsi_attr child_attrs[] = {
    {.attr = "gsi1pk", .fn = child_gsi1pk},
};
static const struct sst_gsi child_gsis[] = {{"gsi1", child_attrs, 1}};

const struct sst_type qs_child = {
    .name = "Child", .fields = child_fields, .nfields = N(child_fields),
    .gsis = child_gsis, .ngsis = N(child_gsis)};

static const struct sst_field vdoc_fields[] = {
    {.name = "title", .kind = SST_FIELD_STRING},
};

const struct sst_type qs_vdoc = {.name = "VDoc", .versioned = true,
                                 .fields = vdoc_fields,
                                 .nfields = N(vdoc_fields)};

static const struct sst_field fruit_fields[] = {
    {.name = "value", .kind = SST_FIELD_INT},
    {.name = "ripe", .kind = SST_FIELD_BOOL, .default_json = "false"},
};
static const struct sst_gsi_attr basket_attrs[] = {
    {.attr = "gsi1pk", .value = "basket#1"},
};
static const struct sst_gsi basket_gsis[] = {{"gsi1", basket_attrs, 1}};

const struct sst_type qs_apple = {
    .name = "Apple", .fields = fruit_fields, .nfields = N(fruit_fields),
    .gsis = basket_gsis, .ngsis = N(basket_gsis)};
const struct sst_type qs_pear = {
    .name = "Pear", .fields = fruit_fields, .nfields = N(fruit_fields),
    .gsis = basket_gsis, .ngsis = N(basket_gsis)};

static enum sst_code
owned_gsi1pk(const struct sst_type *t, const struct json_object *r, void *ud,
             char **out, struct sst_err *err)
{
    (void)t, (void)ud;
    return prefixed(r, "things#", "owner_id", out, err);
}

static enum sst_code
owned_gsi1sk(const struct sst_type *t, const struct json_object *r, void *ud,
             char **out, struct sst_err *err)
{
    (void)t, (void)ud;
    return prefixed(r, "", "resource_id", out, err);
}

static const struct sst_field owned_fields[] = {
    {.name = "owner_id", .kind = SST_FIELD_STRING},
    {.name = "status", .kind = SST_FIELD_STRING},
};
static const struct sst_gsi_attr owned_attrs[] = {
    {.attr = "gsi1pk", .fn = owned_gsi1pk},
    {.attr = "gsi1sk", .fn = owned_gsi1sk},
};
static const struct sst_gsi owned_gsis[] = {{"by-owner", owned_attrs, 2}};

const struct sst_type qs_owned = {
    .name = "Owned", .fields = owned_fields, .nfields = N(owned_fields),
    .gsis = owned_gsis, .ngsis = N(owned_gsis)};

/* ------------------------------------------------------------ rows */

static enum sst_code
put_row(struct sst_backend *b, const char *table, const struct sst_type *t,
        const json_object *res, enum sst_row row, struct sst_err *err)
{
    json_object *item = NULL, *req, *resp = NULL;
    enum sst_code rc;

    rc = sst_type_to_item(t, res, row, NULL, &item, err);
    if (rc != SST_OK)
        return rc;
    req = json_object_new_object();
    json_object_object_add(req, "TableName", json_object_new_string(table));
    json_object_object_add(req, "Item", item);
    rc = sst_backend_call(b, "PutItem", req, &resp, err);
    json_object_put(resp);
    json_object_put(req);
    return rc;
}

static void
put_time(json_object *o, const char *k, int64_t us)
{
    struct sst_time tm;
    char buf[SST_TIME_STR_MAX];

    sst_time_from_us(us, &tm, NULL);
    sst_time_isoformat(&tm, buf);
    json_object_object_add(o, k, json_object_new_string(buf));
}

enum sst_code
qs_seed(struct sst_backend *b, const char *table, const struct sst_type *t,
        const char *id, int64_t created_us, int64_t updated_us,
        const char *fields_json, int version)
{
    json_object *in = json_tokener_parse(fields_json);
    json_object *res = NULL;
    struct sst_err e;
    enum sst_code rc;

    json_object_object_add(in, "resource_id", json_object_new_string(id));
    put_time(in, "created_at", created_us);
    put_time(in, "updated_at", updated_us);
    if (t->versioned)
        json_object_object_add(in, "version", json_object_new_int(version));
    rc = sst_type_validate(t, in, &res, &e);
    if (rc == SST_OK && t->versioned)
        rc = put_row(b, table, t, res, SST_ROW_VERSION, &e);
    if (rc == SST_OK)
        rc = put_row(b, table, t, res, t->versioned ? SST_ROW_V0
                                                    : SST_ROW_PLAIN, &e);
    if (rc != SST_OK)
        printf("\n  seed %s#%s: %s: %s\n", t->name, id, sst_code_name(rc),
               e.message);
    json_object_put(res);
    json_object_put(in);
    return rc;
}

enum sst_code
qs_delete(struct sst_backend *b, const char *table, const struct sst_type *t,
          const char *id)
{
    json_object *key = NULL, *req, *resp = NULL;
    struct sst_err e;
    enum sst_code rc;

    rc = sst_type_key(t, id, 0, &key, &e);
    if (rc != SST_OK)
        return rc;
    req = json_object_new_object();
    json_object_object_add(req, "TableName", json_object_new_string(table));
    json_object_object_add(req, "Key", key);
    rc = sst_backend_call(b, "DeleteItem", req, &resp, &e);
    json_object_put(resp);
    json_object_put(req);
    return rc;
}

const char *
qs_ids(const struct sst_page *p, char *buf, size_t cap)
{
    size_t i, k = 0;

    buf[0] = '\0';
    for (i = 0; p != NULL && i < p->count && k < cap; i++)
        k += (size_t)snprintf(buf + k, cap - k, "%s%s", i ? "," : "",
                              json_object_get_string(json_object_object_get(
                                  p->items[i], "resource_id")));
    return buf;
}

/* ------------------------------------------------------------ context */

#include "tests/harness.h"

struct sst_memory *
qs_handle(struct qs_ctx *c, const char *table)
{
    struct sst_memory_opts o;
    struct sst_memory *m = NULL;
    struct sst_err e;

    sst_memory_opts_init(&o, table);
    o.track_stats = false;
    if (sst_memory_open(&c->rec.base, &o, &m, &e) != SST_OK)
        printf("\n  handle: %s\n", e.message);
    return m;
}

int
qs_open(struct qs_ctx *c)
{
    int rc = sst_tm_open(&c->tm, NULL);

    if (rc != 0) {
        if (rc < 0)
            CU_FAIL("fixture");
        return rc;
    }
    sst_rec_init(&c->rec, c->tm.backend);
    c->m = qs_handle(c, c->tm.table);
    if (c->m == NULL) {
        CU_FAIL("handle");
        qs_close(c);
        return -1;
    }
    return 0;
}

void
qs_close(struct qs_ctx *c)
{
    sst_memory_close(c->m);
    c->m = NULL;
    sst_rec_cleanup(&c->rec);
    sst_tm_close(&c->tm);
}
