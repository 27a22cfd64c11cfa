/*
 * tests/memory/mtest.c - see mtest.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sst/mem.h>

#include "tests/harness.h"
#include "tests/memory/mtest.h"

/* ------------------------------------------------------------ types */

static enum sst_code
parent_gsi1(const struct sst_type *t, const json_object *res, void *ud,
            char **out, struct sst_err *err)
{
    const char *p = mt_str(res, "parent_id");
    char buf[256];

    (void)t;
    (void)ud;
    (void)err;
    *out = NULL;
    if (p[0] == '\0')
        return SST_OK;
    snprintf(buf, sizeof buf, "parent_id#%s", p);
    *out = sst_strdup(buf);
    return *out == NULL ? SST_E_NOMEM : SST_OK;
}

static const struct sst_field int_item = {.kind = SST_FIELD_INT};
static const struct sst_field dec_item = {.kind = SST_FIELD_DECIMAL};

static const struct sst_field thing_fields[] = {
    {.name = "name", .kind = SST_FIELD_STRING},
    {.name = "score", .kind = SST_FIELD_DECIMAL, .nullable = true,
     .default_json = "null"},
    {.name = "count", .kind = SST_FIELD_INT, .default_json = "0"},
    {.name = "parent_id", .kind = SST_FIELD_STRING, .nullable = true,
     .default_json = "null"},
    {.name = "tags", .kind = SST_FIELD_STRING_SET, .nullable = true,
     .default_json = "null"},
    {.name = "counters", .kind = SST_FIELD_MAP, .item = &int_item,
     .default_json = "{}"},
    {.name = "info", .kind = SST_FIELD_MAP, .nullable = true,
     .default_json = "null"},
    {.name = "ratios", .kind = SST_FIELD_LIST, .item = &dec_item,
     .default_json = "[]"},
    {.name = "when", .kind = SST_FIELD_DATETIME, .nullable = true,
     .default_json = "null"},
    {.name = "day", .kind = SST_FIELD_DATE, .nullable = true,
     .default_json = "null"},
};

static const struct sst_gsi_attr thing_gsi1[] = {
    {.attr = "gsi1pk", .fn = parent_gsi1},
};
static const struct sst_gsi_attr thing_gsi2[] = {
    {.attr = "gsi2pk", .value = "Thing"},
};
static const struct sst_gsi thing_gsis[] = {
    {"gsi1", thing_gsi1, 1},
    {"gsi2", thing_gsi2, 1},
};

const struct sst_type mt_thing = {
    .name = "Thing",
    .fields = thing_fields,
    .nfields = sizeof thing_fields / sizeof thing_fields[0],
    .gsis = thing_gsis,
    .ngsis = 2,
};

static const struct sst_field blob_fields[] = {
    {.name = "name", .kind = SST_FIELD_STRING},
    {.name = "score", .kind = SST_FIELD_DECIMAL, .nullable = true,
     .default_json = "null"},
    {.name = "info", .kind = SST_FIELD_MAP, .nullable = true,
     .default_json = "null"},
};

const struct sst_type mt_blob = {
    .name = "Blob",
    .fields = blob_fields,
    .nfields = sizeof blob_fields / sizeof blob_fields[0],
    .config = {.compress = SST_COMPRESS_YES},
};

static const struct sst_field person_fields[] = {
    {.name = "name", .kind = SST_FIELD_STRING},
    {.name = "age", .kind = SST_FIELD_INT, .nullable = true,
     .default_json = "null"},
};

static const struct sst_type mt_person = {
    .name = "Person",
    .fields = person_fields,
    .nfields = sizeof person_fields / sizeof person_fields[0],
};

static enum sst_code
doc_gsi2(const struct sst_type *t, const json_object *res, void *ud,
         char **out, struct sst_err *err)
{
    char buf[256];

    (void)t;
    (void)ud;
    (void)err;
    snprintf(buf, sizeof buf, "title#%s", mt_str(res, "title"));
    *out = sst_strdup(buf);
    return *out == NULL ? SST_E_NOMEM : SST_OK;
}

static const struct sst_field doc_fields[] = {
    {.name = "title", .kind = SST_FIELD_STRING},
    {.name = "body", .kind = SST_FIELD_STRING, .nullable = true,
     .default_json = "null"},
    {.name = "author", .kind = SST_FIELD_NESTED, .nullable = true,
     .default_json = "null", .nested = &mt_person},
    {.name = "mixed", .kind = SST_FIELD_LIST, .default_json = "[]"},
};

static const struct sst_gsi_attr doc_gsi2_attrs[] = {
    {.attr = "gsi2pk", .fn = doc_gsi2},
};
static const struct sst_gsi doc_gsis[] = {
    {"gsi2", doc_gsi2_attrs, 1},
};

const struct sst_type mt_doc = {
    .name = "Doc",
    .versioned = true,
    .fields = doc_fields,
    .nfields = sizeof doc_fields / sizeof doc_fields[0],
    .gsis = doc_gsis,
    .ngsis = 1,
};

static enum sst_code
note_status(const struct sst_type *t, const json_object *res, void *ud,
            char **pk, char **sk, struct sst_err *err)
{
    const char *s = mt_str(res, "status");
    char buf[256];

    (void)t;
    (void)ud;
    (void)err;
    *pk = *sk = NULL;
    if (s[0] == '\0')
        return SST_OK;
    snprintf(buf, sizeof buf, "status#%s", s);
    *pk = sst_strdup(buf);
    *sk = sst_strdup(mt_str(res, "updated_at"));
    return *pk == NULL || *sk == NULL ? SST_E_NOMEM : SST_OK;
}

static const struct sst_field note_fields[] = {
    {.name = "text", .kind = SST_FIELD_STRING},
    {.name = "status", .kind = SST_FIELD_STRING, .nullable = true,
     .default_json = "null"},
    {.name = "score", .kind = SST_FIELD_DECIMAL, .nullable = true,
     .default_json = "null"},
};

static const struct sst_gsi_attr note_gsi3[] = {
    {.attr = "gsi3pk", .sk_attr = "gsi3sk", .pair_fn = note_status},
};
static const struct sst_gsi note_gsis[] = {
    {"by_status", note_gsi3, 1},
};

const struct sst_type mt_note = {
    .name = "Note",
    .versioned = true,
    .fields = note_fields,
    .nfields = sizeof note_fields / sizeof note_fields[0],
    .config = {.compress = SST_COMPRESS_NO, .max_versions = 3},
    .gsis = note_gsis,
    .ngsis = 1,
};

/* ------------------------------------------------------------ fixture */

/* Whether the backend knows TransactWriteItems: an empty request is a
 * ValidationException there, UnknownOperation where it is missing. */
static bool
has_transact(struct sst_tm *tm)
{
    json_object *resp = NULL;
    struct sst_err e;
    enum sst_code rc;

    rc = sst_tm_call(tm, "TransactWriteItems",
                     "{\"TableName\":\"x\",\"TransactItems\":[]}", &resp,
                     &e);
    json_object_put(resp);
    return rc != SST_E_UNKNOWN_OPERATION;
}

int
mt_open(struct sst_tm *tm, const struct sst_memory_opts *opts,
        bool versioned)
{
    int r = sst_tm_open(tm, opts);

    if (r < 0)
        CU_FAIL("fixture did not open");
    if (r != 0)
        return 1;
    if (versioned && !has_transact(tm)) {
        sst_test_skip("versioned case: the emulator has no "
                      "TransactWriteItems yet");
        sst_tm_close(tm);
        return 1;
    }
    return 0;
}

/* ------------------------------------------------------------ helpers */

json_object *
mt_json(const char *text)
{
    json_object *o = json_tokener_parse(text);

    if (o == NULL)
        printf("\n  bad test JSON: %s\n", text);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o);
    return o;
}

json_object *
mt_raw(struct sst_tm *tm, const char *pk, const char *sk)
{
    json_object *resp = NULL, *key, *item = NULL;
    struct sst_err e;
    char *req;
    const char *fmt = "{\"ConsistentRead\":true,\"Key\":{\"pk\":{\"S\":%s},"
                      "\"sk\":{\"S\":%s}}}";
    json_object *p = json_object_new_string(pk);
    json_object *s = json_object_new_string(sk);
    size_t len;

    len = strlen(fmt) + strlen(json_object_to_json_string(p)) +
          strlen(json_object_to_json_string(s)) + 1;
    req = malloc(len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(req);
    snprintf(req, len, fmt, json_object_to_json_string(p),
             json_object_to_json_string(s));
    CU_ASSERT_EQUAL(sst_tm_call(tm, "GetItem", req, &resp, &e), SST_OK);
    if (json_object_object_get_ex(resp, "Item", &key))
        item = json_object_get(key);
    json_object_put(resp);
    json_object_put(p);
    json_object_put(s);
    free(req);
    return item;
}

int
mt_count(struct sst_tm *tm)
{
    json_object *resp = NULL;
    struct sst_err e;
    int n = -1;

    if (sst_tm_call(tm, "Scan", "{\"Select\":\"COUNT\"}", &resp, &e) ==
        SST_OK)
        n = json_object_get_int(json_object_object_get(resp, "Count"));
    json_object_put(resp);
    return n;
}

void
mt_put_raw(struct sst_tm *tm, const char *item_json)
{
    json_object *resp = NULL;
    struct sst_err e;
    char *req = malloc(strlen(item_json) + 16);

    CU_ASSERT_PTR_NOT_NULL_FATAL(req);
    sprintf(req, "{\"Item\":%s}", item_json);
    CU_ASSERT_EQUAL(sst_tm_call(tm, "PutItem", req, &resp, &e), SST_OK);
    json_object_put(resp);
    free(req);
}

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Two SS or NS arrays as sets. */
static bool
same_set(json_object *a, json_object *b)
{
    size_t n = json_object_array_length(a), i;
    const char **x, **y;
    bool eq = true;

    if (n != json_object_array_length(b))
        return false;
    x = calloc(n + 1, sizeof(*x));
    y = calloc(n + 1, sizeof(*y));
    for (i = 0; i < n; i++) {
        x[i] = json_object_get_string(json_object_array_get_idx(a, i));
        y[i] = json_object_get_string(json_object_array_get_idx(b, i));
    }
    qsort(x, n, sizeof(*x), cmp_str);
    qsort(y, n, sizeof(*y), cmp_str);
    for (i = 0; i < n; i++)
        eq = eq && strcmp(x[i], y[i]) == 0;
    free(x);
    free(y);
    return eq;
}

static bool
same_av(json_object *a, json_object *b)
{
    json_object *sa, *sb;

    if ((json_object_object_get_ex(a, "SS", &sa) &&
         json_object_object_get_ex(b, "SS", &sb)) ||
        (json_object_object_get_ex(a, "NS", &sa) &&
         json_object_object_get_ex(b, "NS", &sb)))
        return same_set(sa, sb);
    return json_object_equal(a, b) != 0;
}

bool
mt_item_equal(const json_object *actual, const json_object *expected,
              const char *label)
{
    json_object *a = (json_object *)(uintptr_t)actual;
    json_object *x = (json_object *)(uintptr_t)expected;
    json_object *v;
    bool eq = true;

    if (a == NULL || x == NULL) {
        printf("\n  %s: %s\n", label, a == NULL ? "no item" : "no golden");
        return false;
    }
    json_object_object_foreach(x, name, want)
    {
        if (!json_object_object_get_ex(a, name, &v)) {
            printf("\n  %s: attribute %s missing (want %s)\n", label, name,
                   json_object_to_json_string(want));
            eq = false;
        } else if (!same_av(v, want)) {
            printf("\n  %s: attribute %s is %s, want %s\n", label, name,
                   json_object_to_json_string(v),
                   json_object_to_json_string(want));
            eq = false;
        }
    }
    json_object_object_foreach(a, name2, got)
    {
        if (!json_object_object_get_ex(x, name2, NULL)) {
            printf("\n  %s: unexpected attribute %s = %s\n", label, name2,
                   json_object_to_json_string(got));
            eq = false;
        }
    }
    return eq;
}

void
mt_assert_json(const json_object *actual, const char *expected,
               const char *expr, const char *file, int line)
{
    json_object *x = json_tokener_parse(expected);
    char msg[1024];
    int ok = x != NULL &&
             json_object_equal((json_object *)(uintptr_t)actual, x) != 0;

    snprintf(msg, sizeof msg, "%s == %s (got %s)", expr, expected,
             actual != NULL ? json_object_to_json_string_ext(
                                  (json_object *)(uintptr_t)actual,
                                  JSON_C_TO_STRING_PLAIN)
                            : "NULL");
    CU_assertImplementation(ok, (unsigned)line, msg, file, "", CU_FALSE);
    json_object_put(x);
}

const char *
mt_str(const json_object *obj, const char *name)
{
    json_object *v;

    if (!json_object_object_get_ex((json_object *)(uintptr_t)obj, name, &v) ||
        !json_object_is_type(v, json_type_string))
        return "";
    return json_object_get_string(v);
}

int64_t
mt_int(const json_object *obj, const char *name)
{
    json_object *v;

    if (!json_object_object_get_ex((json_object *)(uintptr_t)obj, name, &v) ||
        !json_object_is_type(v, json_type_int))
        return -1;
    return json_object_get_int64(v);
}
