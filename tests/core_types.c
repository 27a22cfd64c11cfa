/*
 * tests/core_types.c - the four resource types of tests/core_types.h,
 * shared by tests/unit/test_core_type*.c and the libsst fuzz targets (so
 * that Python's goldens, tests/data/core/gen_items.py, seed the corpora).
 *
 *   Thing  non-versioned, uncompressed: every field kind, nested models,
 *          sets, dates, decimals, an INT TTL, GSIs (callback, static,
 *          tuple, sparse)
 *   Slim   non-versioned, omit_none, nullable nested model
 *   Doc    versioned, compressed, DATETIME TTL, GSI config and
 *          filter_metadata
 *   Note   versioned, uncompressed, legacy gsi1pk hook
 */
#include <stdint.h>
#include <stdio.h>

#include <json-c/json.h>

#include <sst/mem.h>

#include "tests/core_types.h"

static const struct sst_field child_fields[] = {
    {.name = "label", .kind = SST_FIELD_STRING},
    {.name = "weight", .kind = SST_FIELD_DECIMAL, .default_json = "1.0"},
    {.name = "note", .kind = SST_FIELD_STRING, .nullable = true,
     .default_json = "null"},
};
static const struct sst_type child_type = {
    .name = "Child", .fields = child_fields, .nfields = 3};
static const struct sst_field child_item = {.kind = SST_FIELD_NESTED,
                                            .nested = &child_type};

static const char *
str_field(const struct json_object *res, const char *name)
{
    return json_object_get_string(
        json_object_object_get((struct json_object *)(uintptr_t)res, name));
}

static enum sst_code
thing_gsi1(const struct sst_type *t, const struct json_object *res, void *ud,
           char **out, struct sst_err *err)
{
    (void)t, (void)ud;
    *out = sst_strdup(json_object_get_boolean(json_object_object_get(
                          (struct json_object *)(uintptr_t)res, "flag"))
                          ? "flag#True"
                          : "flag#False");
    return *out ? SST_OK : sst_err_set(err, SST_E_NOMEM, "oom");
}

static enum sst_code
thing_gsi3(const struct sst_type *t, const struct json_object *res, void *ud,
           char **pk, char **sk, struct sst_err *err)
{
    char buf[256];
    (void)t, (void)ud;
    snprintf(buf, sizeof buf, "name#%s", str_field(res, "name"));
    *pk = sst_strdup(buf);
    *sk = sst_strdup(str_field(res, "when"));
    return *pk && *sk ? SST_OK : sst_err_set(err, SST_E_NOMEM, "oom");
}

static enum sst_code
thing_opt(const struct sst_type *t, const struct json_object *res, void *ud,
          char **out, struct sst_err *err)
{
    const char *opt = str_field(res, "opt");
    (void)t, (void)ud;
    *out = opt ? sst_strdup(opt) : NULL; /* None: sparse */
    return !opt || *out ? SST_OK : sst_err_set(err, SST_E_NOMEM, "oom");
}

static const struct sst_gsi_attr thing_gsi1_attrs[] = {
    {.attr = "gsi1pk", .fn = thing_gsi1}};
static const struct sst_gsi_attr thing_static_attrs[] = {
    {.attr = "gsi2pk", .value = "ALL_THINGS"}};
static const struct sst_gsi_attr thing_gsi3_attrs[] = {
    {.attr = "gsi3pk", .sk_attr = "gsi3sk", .pair_fn = thing_gsi3}};
static const struct sst_gsi_attr thing_sparse_attrs[] = {
    {.attr = "gsi4pk", .fn = thing_opt}};
static const struct sst_gsi thing_gsis[] = {
    {"gsi1", thing_gsi1_attrs, 1},
    {"static", thing_static_attrs, 1},
    {"gsi3", thing_gsi3_attrs, 1},
    {"sparse", thing_sparse_attrs, 1},
};
static const struct sst_field thing_fields[] = {
    {.name = "name", .kind = SST_FIELD_STRING},
    {.name = "score", .kind = SST_FIELD_DECIMAL},
    {.name = "count", .kind = SST_FIELD_INT, .default_json = "0"},
    {.name = "opt", .kind = SST_FIELD_STRING, .nullable = true,
     .default_json = "null"},
    {.name = "flag", .kind = SST_FIELD_BOOL, .default_json = "false"},
    {.name = "tags", .kind = SST_FIELD_STRING_SET, .default_json = "[]"},
    {.name = "nums", .kind = SST_FIELD_NUMBER_SET, .default_json = "[]"},
    {.name = "empty_tags", .kind = SST_FIELD_STRING_SET,
     .default_json = "[]"},
    {.name = "born", .kind = SST_FIELD_DATE},
    {.name = "when", .kind = SST_FIELD_DATETIME},
    {.name = "blob", .kind = SST_FIELD_BYTES},
    {.name = "meta", .kind = SST_FIELD_MAP, .default_json = "{}"},
    {.name = "items", .kind = SST_FIELD_LIST, .default_json = "[]"},
    {.name = "child", .kind = SST_FIELD_NESTED, .nested = &child_type},
    {.name = "kids", .kind = SST_FIELD_LIST, .item = &child_item,
     .default_json = "[]"},
    {.name = "expires_in", .kind = SST_FIELD_INT, .nullable = true,
     .default_json = "null"},
};
const struct sst_type core_thing_type = {
    .name = "Thing",
    .fields = thing_fields,
    .nfields = sizeof thing_fields / sizeof thing_fields[0],
    .config = {.compress = SST_COMPRESS_NO,
               .ttl_field = "expires_in",
               .ttl_attribute = "ttl"},
    .gsis = thing_gsis,
    .ngsis = 4,
};

static const struct sst_field slim_fields[] = {
    {.name = "name", .kind = SST_FIELD_STRING},
    {.name = "opt", .kind = SST_FIELD_STRING, .nullable = true,
     .default_json = "null"},
    {.name = "meta", .kind = SST_FIELD_MAP, .default_json = "{}"},
    {.name = "items", .kind = SST_FIELD_LIST, .default_json = "[]"},
    {.name = "child", .kind = SST_FIELD_NESTED, .nested = &child_type,
     .nullable = true, .default_json = "null"},
    {.name = "tags", .kind = SST_FIELD_STRING_SET, .default_json = "[]"},
};
const struct sst_type core_slim_type = {
    .name = "Slim",
    .fields = slim_fields,
    .nfields = 6,
    .config = {.omit_none = true},
};

static enum sst_code
doc_gsi2(const struct sst_type *t, const struct json_object *res, void *ud,
         char **out, struct sst_err *err)
{
    char buf[256];
    (void)t, (void)ud, (void)err;
    snprintf(buf, sizeof buf, "doc#%s", str_field(res, "title"));
    *out = sst_strdup(buf);
    return *out ? SST_OK : sst_err_set(err, SST_E_NOMEM, "oom");
}

static enum sst_code
doc_none_pair(const struct sst_type *t, const struct json_object *res,
              void *ud, char **pk, char **sk, struct sst_err *err)
{
    (void)t, (void)res, (void)ud, (void)err;
    *pk = *sk = NULL;
    return SST_OK;
}

static enum sst_code
doc_metadata(const struct sst_type *t, const struct json_object *res,
             void *ud, struct json_object **out, struct sst_err *err)
{
    (void)t, (void)ud, (void)err;
    *out = json_object_new_object();
    json_object_object_add(*out, "title",
                           json_object_new_string(str_field(res, "title")));
    json_object_object_add(*out, "n", json_object_new_int(2));
    return SST_OK;
}

static const struct sst_gsi_attr doc_gsi2_attrs[] = {
    {.attr = "gsi2pk", .fn = doc_gsi2}};
static const struct sst_gsi_attr doc_sparse_attrs[] = {
    {.attr = "gsi3pk", .sk_attr = "gsi3sk", .pair_fn = doc_none_pair}};
static const struct sst_gsi doc_gsis[] = {{"gsi2", doc_gsi2_attrs, 1},
                                          {"sparse", doc_sparse_attrs, 1}};
static const struct sst_field doc_fields[] = {
    {.name = "title", .kind = SST_FIELD_STRING},
    {.name = "body", .kind = SST_FIELD_STRING, .nullable = true,
     .default_json = "null"},
    {.name = "tags", .kind = SST_FIELD_STRING_SET, .default_json = "[]"},
    {.name = "score", .kind = SST_FIELD_DECIMAL, .default_json = "0.0"},
    {.name = "when", .kind = SST_FIELD_DATETIME},
    {.name = "expires_at", .kind = SST_FIELD_DATETIME, .nullable = true,
     .default_json = "null"},
    {.name = "child", .kind = SST_FIELD_NESTED, .nested = &child_type},
};
const struct sst_type core_doc_type = {
    .name = "Doc",
    .versioned = true,
    .fields = doc_fields,
    .nfields = 7,
    .config = {.ttl_field = "expires_at", .ttl_attribute = "expires"},
    .hooks = {.filter_metadata = doc_metadata},
    .gsis = doc_gsis,
    .ngsis = 2,
};

static enum sst_code
note_gsi1(const struct sst_type *t, const struct json_object *res, void *ud,
          char **out, struct sst_err *err)
{
    char buf[64];
    (void)t, (void)ud, (void)err;
    snprintf(buf, sizeof buf, "note#%.3s", str_field(res, "text"));
    *out = sst_strdup(buf);
    return *out ? SST_OK : sst_err_set(err, SST_E_NOMEM, "oom");
}

static const struct sst_field float_item = {.kind = SST_FIELD_DECIMAL};
static const struct sst_field note_fields[] = {
    {.name = "text", .kind = SST_FIELD_STRING},
    {.name = "due", .kind = SST_FIELD_DATE, .nullable = true,
     .default_json = "null"},
    {.name = "weights", .kind = SST_FIELD_LIST, .item = &float_item,
     .default_json = "[]"},
};
const struct sst_type core_note_type = {
    .name = "Note",
    .versioned = true,
    .fields = note_fields,
    .nfields = 3,
    .config = {.compress = SST_COMPRESS_NO},
    .hooks = {.gsi1pk = note_gsi1},
};

const struct sst_type *const core_types[CORE_NTYPES] = {
    &core_thing_type, &core_slim_type, &core_doc_type, &core_note_type};
