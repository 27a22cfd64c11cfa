/*
 * tests/unit/test_core_type.c - resource types against Python: the
 * resources create_new makes, the model JSON, and the items
 * to_dynamodb_item writes (compared attribute by attribute; compressed
 * data by decompressing and comparing the JSON, then the gzip bytes), and
 * reading Python's items back (tests/data/core/items.json from
 * gen_items.py). Then validation, update, descriptor checks, values and
 * out-of-memory paths.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sst/mem.h>
#include <sst/type.h>

#include "emu/expr/num.h"
#include "src/core/b64.h"
#include "src/core/gzip.h"

#include "harness.h"
#include "test_core_golden.h"
#include "tests/core_types.h"

/* ------------------------------------------------- the types, in C
 * (tests/core_types.c) */

/* A GSI callback that gives no value (a descriptor needs one to be
 * malformed with). */
static enum sst_code
no_value(const struct sst_type *t, const struct json_object *res, void *ud,
         char **out, struct sst_err *err)
{
    (void)t, (void)res, (void)ud, (void)err;
    *out = NULL;
    return SST_OK;
}

static const char *
str_field(const struct json_object *res, const char *name)
{
    return json_object_get_string(
        json_object_object_get((struct json_object *)(uintptr_t)res, name));
}

static const struct sst_type *
type_named(const char *name)
{
    size_t i;
    for (i = 0; i < CORE_NTYPES; i++)
        if (strcmp(core_types[i]->name, name) == 0)
            return core_types[i];
    abort();
}

static int64_t
fixed_clock(void *ud)
{
    return *(int64_t *)ud;
}

/* ------------------------------------------------- comparing items */

static bool av_equal(json_object *a, json_object *b);

static bool
num_equal(const char *a, const char *b)
{
    struct sst_num x, y;
    bool same;

    sst_num_init(&x);
    sst_num_init(&y);
    same = sst_num_parse(&x, a, strlen(a), NULL) == SST_OK &&
           sst_num_parse(&y, b, strlen(b), NULL) == SST_OK &&
           sst_num_cmp(&x, &y) == 0;
    sst_num_cleanup(&x);
    sst_num_cleanup(&y);
    return same;
}

/* Sets compare as sets, numbers by value, everything else exactly. */
static bool
av_equal(json_object *a, json_object *b)
{
    json_object *va = NULL, *vb = NULL;
    const char *type = NULL;
    size_t i, j, n;

    if (json_object_object_length(a) != 1 || json_object_object_length(b) != 1)
        return false;
    {
        json_object_object_foreach(a, k, v)
        {
            type = k;
            va = v;
        }
    }
    if (!json_object_object_get_ex(b, type, &vb))
        return false;
    if (strcmp(type, "N") == 0)
        return num_equal(json_object_get_string(va),
                         json_object_get_string(vb));
    if (strcmp(type, "SS") == 0 || strcmp(type, "NS") == 0) {
        n = json_object_array_length(va);
        if (n != json_object_array_length(vb))
            return false;
        for (i = 0; i < n; i++) {
            bool found = false;
            const char *x = json_object_get_string(json_object_array_get_idx(va, i));
            for (j = 0; j < n && !found; j++) {
                const char *y =
                    json_object_get_string(json_object_array_get_idx(vb, j));
                found = type[0] == 'N' ? num_equal(x, y) : strcmp(x, y) == 0;
            }
            if (!found)
                return false;
        }
        return true;
    }
    if (strcmp(type, "L") == 0) {
        n = json_object_array_length(va);
        if (n != json_object_array_length(vb))
            return false;
        for (i = 0; i < n; i++)
            if (!av_equal(json_object_array_get_idx(va, i),
                          json_object_array_get_idx(vb, i)))
                return false;
        return true;
    }
    if (strcmp(type, "M") == 0) {
        if (json_object_object_length(va) != json_object_object_length(vb))
            return false;
        json_object_object_foreach(va, k, v)
        {
            json_object *w;
            if (!json_object_object_get_ex(vb, k, &w) || !av_equal(v, w))
                return false;
        }
        return true;
    }
    return json_object_equal(va, vb);
}

/* Attribute by attribute; "data" by its decompressed JSON, then bytes. */
static void
assert_item(json_object *got, json_object *want, const char *what,
            const char *model_json)
{
    json_object_object_foreach(want, name, wav)
    {
        json_object *gav;
        if (!json_object_object_get_ex(got, name, &gav)) {
            fprintf(stderr, "\n%s: attribute '%s' missing\n", what, name);
            CU_FAIL("attribute missing");
            continue;
        }
        if (strcmp(name, "data") == 0) {
            unsigned char *gz;
            size_t gzlen;
            unsigned char *json = NULL;
            size_t jlen;
            const char *b = json_object_get_string(json_object_object_get(gav, "B"));
            CU_ASSERT_FATAL(sst_b64_decode(b, strlen(b), false, &gz, &gzlen,
                                           NULL) == SST_OK);
            CU_ASSERT_EQUAL(sst_gzip_decompress(gz, gzlen, 0, &json, &jlen,
                                                NULL),
                            SST_OK);
            SST_ASSERT_STR_EQ((const char *)json, model_json);
            sst_free(json);
            sst_free(gz);
        }
        if (!av_equal(gav, wav)) {
            fprintf(stderr, "\n%s: attribute '%s': got %s\n  want %s\n", what,
                    name, json_object_to_json_string(gav),
                    json_object_to_json_string(wav));
            CU_FAIL("attribute differs");
        }
    }
    json_object_object_foreach(got, gname, gv)
    {
        (void)gv;
        if (!json_object_object_get_ex(want, gname, NULL)) {
            fprintf(stderr, "\n%s: extra attribute '%s'\n", what, gname);
            CU_FAIL("extra attribute");
        }
    }
}

static void
assert_json_equal(json_object *got, json_object *want, const char *what)
{
    if (!json_object_equal(got, want)) {
        fprintf(stderr, "\n%s:\n got  %s\n want %s\n", what,
                json_object_to_json_string(got),
                json_object_to_json_string(want));
        CU_FAIL("JSON differs");
    }
}

/* ---------------------------------------------------------- the goldens */

static json_object *golden;

static int
init(void)
{
    golden = core_golden_load("items.json");
    return golden == NULL;
}

static int
cleanup(void)
{
    json_object_put(golden);
    return 0;
}

static enum sst_row
row_kind(const char *name)
{
    if (strcmp(name, "plain") == 0)
        return SST_ROW_PLAIN;
    if (strcmp(name, "v0") == 0)
        return SST_ROW_V0;
    return SST_ROW_VERSION;
}

static void
test_types_check(void)
{
    size_t i;
    struct sst_err err;

    for (i = 0; i < CORE_NTYPES; i++) {
        enum sst_code rc = sst_type_check(core_types[i], &err);
        if (rc != SST_OK)
            fprintf(stderr, "\n%s: %s\n", core_types[i]->name, err.message);
        CU_ASSERT_EQUAL(rc, SST_OK);
    }
}

/* create_new; a later version (Note is at v3) is create_new's data with
 * its version set, validated. */
static enum sst_code
make_resource(json_object *c, const struct sst_type *t,
              const struct sst_clock *clock, json_object **res,
              struct sst_err *err)
{
    json_object *v1 = NULL, *bumped = NULL;
    enum sst_code rc;
    long long version = core_golden_int(c, "version");

    rc = sst_resource_new(t, core_golden_get(c, "input"),
                          core_golden_str(c, "id"), clock, NULL, &v1, err);
    if (rc != SST_OK || version <= 1) {
        *res = v1;
        return rc;
    }
    json_object_deep_copy(v1, &bumped, NULL);
    json_object_object_add(bumped, "version", json_object_new_int64(version));
    rc = sst_type_validate(t, bumped, res, err);
    json_object_put(bumped);
    json_object_put(v1);
    return rc;
}

static void
test_goldens_write(void)
{
    json_object *cases = core_golden_get(golden, "cases");
    size_t i, n = json_object_array_length(cases);

    CU_ASSERT_EQUAL(n, 4);
    for (i = 0; i < n; i++) {
        json_object *c = json_object_array_get_idx(cases, i);
        const struct sst_type *t = type_named(core_golden_str(c, "type"));
        int64_t now = core_golden_int(c, "now_us");
        struct sst_clock clock = {fixed_clock, &now};
        json_object *res = NULL;
        struct sst_err err;
        char *mj = NULL;
        enum sst_code rc;

        rc = make_resource(c, t, &clock, &res, &err);
        if (rc != SST_OK)
            fprintf(stderr, "\n%s: %s\n", t->name, err.message);
        CU_ASSERT_EQUAL_FATAL(rc, SST_OK);
        assert_json_equal(res, core_golden_get(c, "resource"), t->name);
        CU_ASSERT_EQUAL(sst_type_model_json(t, res, &mj, NULL, &err), SST_OK);
        SST_ASSERT_STR_EQ(mj, core_golden_str(c, "model_json"));
        sst_free(mj);
        {
            json_object_object_foreach(core_golden_get(c, "items"), row, want)
            {
                json_object *item = NULL;
                char what[64];
                snprintf(what, sizeof what, "%s %s", t->name, row);
                rc = sst_type_to_item(t, res, row_kind(row), &clock, &item,
                                      &err);
                if (rc != SST_OK)
                    fprintf(stderr, "\n%s: %s\n", what, err.message);
                CU_ASSERT_EQUAL_FATAL(rc, SST_OK);
                assert_item(item, want, what,
                            core_golden_str(c, "model_json"));
                /* compressed: the gzip bytes are Python's too */
                if (json_object_object_get_ex(want, "data", NULL))
                    SST_ASSERT_STR_EQ(
                        json_object_get_string(json_object_object_get(
                            json_object_object_get(item, "data"), "B")),
                        json_object_get_string(json_object_object_get(
                            json_object_object_get(want, "data"), "B")));
                json_object_put(item);
            }
        }
        json_object_put(res);
    }
}

static void
test_goldens_read(void)
{
    json_object *cases = core_golden_get(golden, "cases");
    size_t i, n = json_object_array_length(cases);

    for (i = 0; i < n; i++) {
        json_object *c = json_object_array_get_idx(cases, i);
        const struct sst_type *t = type_named(core_golden_str(c, "type"));
        json_object_object_foreach(core_golden_get(c, "items"), row, item)
        {
            json_object *res = NULL;
            struct sst_err err;
            char what[64];
            enum sst_code rc = sst_type_from_item(t, item, &res, &err);
            snprintf(what, sizeof what, "read %s %s", t->name, row);
            if (rc != SST_OK)
                fprintf(stderr, "\n%s: %s\n", what, err.message);
            CU_ASSERT_EQUAL_FATAL(rc, SST_OK);
            if (strcmp(t->name, "Slim") != 0)
                assert_json_equal(res, core_golden_get(c, "resource"), what);
            json_object_put(res);
        }
    }
}

/* omit_none: what was left out reads back through the defaults. */
static void
test_omit_none_reads_back(void)
{
    json_object *want = json_tokener_parse(
        "{\"resource_id\": \"slim-1\", \"created_at\": "
        "\"2026-11-25T18:12:05.922317+00:00\", \"updated_at\": "
        "\"2026-11-25T18:12:05.922317+00:00\", \"name\": \"slim\", \"opt\": "
        "null, \"meta\": {\"y\": {\"w\": 1}}, \"items\": [null, {}], "
        "\"child\": null, \"tags\": []}");
    json_object *cases = core_golden_get(golden, "cases"), *res = NULL;
    json_object *c = json_object_array_get_idx(cases, 1);

    CU_ASSERT_EQUAL_FATAL(
        sst_type_from_item(&core_slim_type,
                           json_object_object_get(core_golden_get(c, "items"),
                                                  "plain"),
                           &res, NULL),
        SST_OK);
    assert_json_equal(res, want, "Slim read");
    json_object_put(res);
    json_object_put(want);
}

/* ------------------------------------------------------------ validation */

static const char *const base_ok =
    "\"resource_id\": \"r1\", \"created_at\": \"2026-11-25T18:12:05Z\", "
    "\"updated_at\": \"2026-11-25T18:12:05.5+00:00\"";

struct vrow {
    const char *fields; /* JSON members after the base ones */
    const char *message;
};

static const struct vrow vrows[] = {
    {"", "field 'name': field required"},
    {"\"name\": 5, \"score\": 1, \"born\": \"2000-01-01\", \"when\": 0, "
     "\"blob\": \"\", \"child\": {\"label\": \"x\"}",
     "field 'name': expected a string, got a number"},
    {"\"name\": \"n\", \"score\": \"1,5\", \"born\": \"2000-01-01\", \"when\": "
     "0, \"blob\": \"\", \"child\": {\"label\": \"x\"}",
     "field 'score': '1,5' is not a number"},
    {"\"name\": \"n\", \"score\": \"1e400\", \"born\": \"2000-01-01\", "
     "\"when\": 0, \"blob\": \"\", \"child\": {\"label\": \"x\"}",
     "field 'score': Number overflow"},
    {"\"name\": \"n\", \"score\": 1, \"count\": 1.5, \"born\": \"2000-01-01\", "
     "\"when\": 0, \"blob\": \"\", \"child\": {\"label\": \"x\"}",
     "field 'count': '1.5' is not an integer"},
    {"\"name\": \"n\", \"score\": 1, \"flag\": 1, \"born\": \"2000-01-01\", "
     "\"when\": 0, \"blob\": \"\", \"child\": {\"label\": \"x\"}",
     "field 'flag': expected a boolean, got a number"},
    {"\"name\": \"n\", \"score\": 1, \"born\": \"2000-02-30\", \"when\": 0, "
     "\"blob\": \"\", \"child\": {\"label\": \"x\"}",
     "field 'born': invalid date '2000-02-30': day value is outside expected "
     "range"},
    {"\"name\": \"n\", \"score\": 1, \"born\": \"2000-01-01\", \"when\": "
     "\"yesterday\", \"blob\": \"\", \"child\": {\"label\": \"x\"}",
     "field 'when': invalid datetime 'yesterday'"},
    {"\"name\": \"n\", \"score\": 1, \"born\": \"2000-01-01\", \"when\": 0, "
     "\"blob\": \"\", \"child\": {\"label\": \"x\", \"extra\": 1}",
     "field 'child.extra': extra fields not permitted"},
    {"\"name\": \"n\", \"score\": 1, \"born\": \"2000-01-01\", \"when\": 0, "
     "\"blob\": \"\", \"child\": {}",
     "field 'child.label': field required"},
    {"\"name\": \"n\", \"score\": 1, \"born\": \"2000-01-01\", \"when\": 0, "
     "\"blob\": \"\", \"child\": {\"label\": \"x\"}, \"kids\": [{\"label\": "
     "\"a\"}, {\"label\": null}]",
     "field 'kids[1].label': null is not allowed"},
    {"\"name\": \"n\", \"score\": 1, \"born\": \"2000-01-01\", \"when\": 0, "
     "\"blob\": \"\", \"child\": {\"label\": \"x\"}, \"tags\": [\"a\", 1]",
     "field 'tags[1]': expected a string, got a number"},
    {"\"name\": \"n\", \"score\": 1, \"born\": \"2000-01-01\", \"when\": 0, "
     "\"blob\": \"\", \"child\": {\"label\": \"x\"}, \"nums\": [1, \"x\"]",
     "field 'nums[1]': 'x' is not a number"},
    {"\"name\": \"n\", \"score\": 1, \"born\": \"2000-01-01\", \"when\": 0, "
     "\"blob\": \"\", \"child\": {\"label\": \"x\"}, \"unknown\": 1",
     "field 'unknown': extra fields not permitted"},
    {"\"name\": null, \"score\": 1, \"born\": \"2000-01-01\", \"when\": 0, "
     "\"blob\": \"\", \"child\": {\"label\": \"x\"}",
     "field 'name': null is not allowed"},
    {"\"name\": \"n\", \"score\": 1, \"born\": \"2000-01-01\", \"when\": 0, "
     "\"blob\": \"\", \"child\": {\"label\": \"x\"}, \"meta\": {\"a\": "
     "{\"b\": NaN}}",
     "field 'meta.a.b': NaN and infinities cannot be stored"},
    {"\"name\": \"n\", \"score\": 1, \"born\": \"2000-01-01\", \"when\": 0, "
     "\"blob\": \"\", \"child\": {\"label\": \"x\"}, \"items\": {}",
     "field 'items': expected a list, got an object"},
};

static void
test_validation_errors(void)
{
    size_t i;

    for (i = 0; i < sizeof vrows / sizeof vrows[0]; i++) {
        char text[1024];
        json_object *in, *out = (json_object *)1;
        struct sst_err err;
        snprintf(text, sizeof text, "{%s%s%s}", base_ok,
                 vrows[i].fields[0] ? ", " : "", vrows[i].fields);
        in = json_tokener_parse(text);
        CU_ASSERT_PTR_NOT_NULL_FATAL(in);
        CU_ASSERT_EQUAL(sst_type_validate(&core_thing_type, in, &out, &err),
                        SST_E_INVALID_DATA);
        CU_ASSERT_PTR_NULL(out);
        if (strstr(err.message, vrows[i].message) == NULL)
            fprintf(stderr, "\nrow %zu: %s\n", i, err.message);
        CU_ASSERT(strstr(err.message, vrows[i].message) != NULL);
        json_object_put(in);
    }
}

/* What validation makes of lenient input. */
static void
test_normalisation(void)
{
    char text[1024];
    json_object *in, *out = NULL, *v;
    struct sst_err err;

    snprintf(text, sizeof text,
             "{%s, \"name\": \"n\", \"score\": \"12345678901234567890.123\", "
             "\"count\": \"-42\", \"born\": \"2000-01-01T00:00:00Z\", "
             "\"when\": 1700000000, \"blob\": \"x\", \"child\": {\"label\": "
             "\"x\"}, \"tags\": [\"a\", \"b\", \"a\"], \"nums\": [1, 1.0, "
             "\"2\", 2.50, \"2.5\"]}",
             base_ok);
    in = json_tokener_parse(text);
    CU_ASSERT_EQUAL_FATAL(sst_type_validate(&core_thing_type, in, &out, &err),
                          SST_OK);
    v = json_object_object_get(out, "score");
    CU_ASSERT(json_object_is_type(v, json_type_double));
    SST_ASSERT_STR_EQ(json_object_get_string(v), "12345678901234567890.123");
    CU_ASSERT_EQUAL(json_object_get_int64(json_object_object_get(out, "count")),
                    -42);
    SST_ASSERT_STR_EQ(json_object_get_string(json_object_object_get(out, "born")),
                      "2000-01-01");
    SST_ASSERT_STR_EQ(json_object_get_string(json_object_object_get(out, "when")),
                      "2023-11-14T22:13:20+00:00");
    SST_ASSERT_STR_EQ(
        json_object_get_string(json_object_object_get(out, "updated_at")),
        "2026-11-25T18:12:05.500000+00:00");
    SST_ASSERT_STR_EQ(json_object_to_json_string_ext(
                          json_object_object_get(out, "tags"),
                          JSON_C_TO_STRING_PLAIN),
                      "[\"a\",\"b\"]");
    SST_ASSERT_STR_EQ(json_object_to_json_string_ext(
                          json_object_object_get(out, "nums"),
                          JSON_C_TO_STRING_PLAIN),
                      "[1,2,2.50]");
    /* defaults applied, fields in model order */
    CU_ASSERT_EQUAL(json_object_get_int(json_object_object_get(out, "count")),
                    -42);
    SST_ASSERT_STR_EQ(json_object_to_json_string_ext(
                          json_object_object_get(out, "child"),
                          JSON_C_TO_STRING_PLAIN),
                      "{\"label\":\"x\",\"weight\":1.0,\"note\":null}");
    json_object_put(out);
    json_object_put(in);
}

/* A decimal never goes through a double: 38 digits survive. */
static void
test_decimal_exact(void)
{
    static const char *const texts[] = {
        "0.1", "1.50", "-0.000000000000000000000000000000000001",
        "12345678901234567890123456789012345678", "1E+100"};
    size_t i;

    for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        char text[512];
        json_object *in, *res = NULL, *item = NULL, *back = NULL;
        int64_t now = 0;
        struct sst_clock clock = {fixed_clock, &now};
        snprintf(text, sizeof text,
                 "{\"name\": \"n\", \"score\": \"%s\", \"born\": "
                 "\"2000-01-01\", \"when\": 0, \"blob\": \"\", \"child\": "
                 "{\"label\": \"x\"}}",
                 texts[i]);
        in = json_tokener_parse(text);
        CU_ASSERT_EQUAL_FATAL(sst_resource_new(&core_thing_type, in, "x", &clock,
                                               NULL, &res, NULL),
                              SST_OK);
        CU_ASSERT_EQUAL_FATAL(sst_type_to_item(&core_thing_type, res, SST_ROW_PLAIN,
                                               &clock, &item, NULL),
                              SST_OK);
        SST_ASSERT_STR_EQ(json_object_get_string(json_object_object_get(
                              json_object_object_get(item, "score"), "N")),
                          texts[i]);
        CU_ASSERT_EQUAL_FATAL(sst_type_from_item(&core_thing_type, item, &back,
                                                 NULL),
                              SST_OK);
        SST_ASSERT_STR_EQ(
            json_object_get_string(json_object_object_get(back, "score")),
            texts[i]);
        json_object_put(back);
        json_object_put(item);
        json_object_put(res);
        json_object_put(in);
    }
}

static void
test_update(void)
{
    int64_t now = INT64_C(1795630325922317);
    struct sst_clock clock = {fixed_clock, &now};
    json_object *data = json_tokener_parse(
        "{\"title\": \"t\", \"body\": \"b\", \"when\": \"2026-01-01\", "
        "\"child\": {\"label\": \"c\"}}");
    json_object *upd = json_tokener_parse(
        "{\"title\": \"t2\", \"resource_id\": \"hijack\", \"version\": 9}");
    static const char *const clear[] = {"body", NULL};
    static const char *const clear_bad[] = {"title", NULL};
    json_object *v1 = NULL, *v2 = NULL, *bad = NULL;
    struct sst_err err;

    CU_ASSERT_EQUAL_FATAL(sst_resource_new(&core_doc_type, data, "d1", &clock, NULL,
                                           &v1, NULL),
                          SST_OK);
    now += 1000000;
    CU_ASSERT_EQUAL_FATAL(sst_resource_update(&core_doc_type, v1, upd, clear,
                                              &clock, &v2, &err),
                          SST_OK);
    SST_ASSERT_STR_EQ(str_field(v2, "resource_id"), "d1");
    SST_ASSERT_STR_EQ(str_field(v2, "title"), "t2");
    CU_ASSERT_PTR_NULL(json_object_object_get(v2, "body"));
    CU_ASSERT_EQUAL(json_object_get_int(json_object_object_get(v2, "version")),
                    2);
    SST_ASSERT_STR_EQ(str_field(v2, "created_at"),
                      "2026-11-25T18:12:05.922317+00:00");
    SST_ASSERT_STR_EQ(str_field(v2, "updated_at"),
                      "2026-11-25T18:12:06.922317+00:00");
    /* clearing a field that may not be null fails validation */
    CU_ASSERT_EQUAL(sst_resource_update(&core_doc_type, v2, NULL, clear_bad, &clock,
                                        &bad, &err),
                    SST_E_INVALID_DATA);
    SST_ASSERT_STR_EQ(err.message, "field 'title': null is not allowed");
    CU_ASSERT_PTR_NULL(bad);
    json_object_put(v1);
    json_object_put(v2);
    json_object_put(data);
    json_object_put(upd);
}

static void
test_new_with_ulid(void)
{
    int64_t now = INT64_C(1469918176385000);
    struct sst_clock clock = {fixed_clock, &now};
    struct sst_ulid_gen gen;
    json_object *data = json_tokener_parse(
        "{\"text\": \"x\", \"resource_id\": \"ignored\"}");
    json_object *res = NULL, *key = NULL;
    struct sst_err err;
    int64_t ms;

    sst_ulid_gen_init(&gen, &clock, NULL);
    CU_ASSERT_EQUAL_FATAL(sst_resource_new(&core_note_type, data, NULL, &clock,
                                           &gen, &res, NULL),
                          SST_OK);
    CU_ASSERT_EQUAL(strlen(str_field(res, "resource_id")), 26);
    CU_ASSERT_EQUAL(sst_ulid_parse(str_field(res, "resource_id"), 26, &ms,
                                   NULL, NULL),
                    SST_OK);
    CU_ASSERT_EQUAL(ms, 1469918176385);
    CU_ASSERT_EQUAL(json_object_get_int(json_object_object_get(res, "version")),
                    1);
    CU_ASSERT_EQUAL(sst_type_key(&core_note_type, str_field(res, "resource_id"), 0,
                                 &key, NULL),
                    SST_OK);
    SST_ASSERT_STR_EQ(json_object_get_string(json_object_object_get(
                          json_object_object_get(key, "sk"), "S")),
                      "v0");
    json_object_put(key);
    json_object_put(res);
    CU_ASSERT_EQUAL(sst_resource_new(&core_note_type, data, NULL, &clock, NULL,
                                     &res, &err),
                    SST_E_INVALID_ARG);
    CU_ASSERT_EQUAL(sst_resource_new(&core_note_type, data, "", &clock, NULL, &res,
                                     &err),
                    SST_E_INVALID_ARG);
    json_object_put(data);
}

static void
test_keys(void)
{
    json_object *key = NULL;
    struct sst_err err;
    static const struct sst_type prefixed = {
        .name = "Config", .hooks = {.key_prefix = "SINGLETON"}};

    CU_ASSERT_EQUAL(sst_type_key(&core_thing_type, "01X", 0, &key, NULL), SST_OK);
    SST_ASSERT_STR_EQ(json_object_to_json_string_ext(key,
                                                     JSON_C_TO_STRING_PLAIN),
                      "{\"pk\":{\"S\":\"Thing#01X\"},\"sk\":{\"S\":\"Thing#"
                      "01X\"}}");
    json_object_put(key);
    CU_ASSERT_EQUAL(sst_type_key(&core_doc_type, "d", 12, &key, NULL), SST_OK);
    SST_ASSERT_STR_EQ(json_object_to_json_string_ext(key,
                                                     JSON_C_TO_STRING_PLAIN),
                      "{\"pk\":{\"S\":\"Doc#d\"},\"sk\":{\"S\":\"v12\"}}");
    json_object_put(key);
    CU_ASSERT_EQUAL(sst_type_key(&prefixed, "Config", 0, &key, NULL), SST_OK);
    SST_ASSERT_STR_EQ(json_object_get_string(json_object_object_get(
                          json_object_object_get(key, "pk"), "S")),
                      "SINGLETON#Config");
    json_object_put(key);
    CU_ASSERT_EQUAL(sst_type_key(&core_doc_type, "", 0, &key, &err),
                    SST_E_INVALID_ARG);
    CU_ASSERT_EQUAL(sst_type_key(&core_doc_type, "d", -1, &key, &err),
                    SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(sst_type_gsitype(&prefixed), "Config");
    CU_ASSERT_FALSE(sst_type_compressed(&core_thing_type));
    CU_ASSERT_TRUE(sst_type_compressed(&core_doc_type));
    CU_ASSERT_FALSE(sst_type_compressed(&core_note_type));
}

/* Descriptors that sst_type_check refuses. */
static void
test_check_refuses(void)
{
    static const struct sst_field dup[] = {
        {.name = "a", .kind = SST_FIELD_STRING},
        {.name = "a", .kind = SST_FIELD_INT}};
    static const struct sst_field base[] = {
        {.name = "version", .kind = SST_FIELD_INT}};
    static const struct sst_field baddef[] = {
        {.name = "n", .kind = SST_FIELD_INT, .default_json = "\"x\""}};
    static const struct sst_field nonest[] = {
        {.name = "n", .kind = SST_FIELD_NESTED}};
    static const struct sst_field ttlstr[] = {
        {.name = "exp", .kind = SST_FIELD_STRING}};
    static const struct sst_gsi_attr two[] = {
        {.attr = "g", .value = "x", .fn = no_value}};
    static const struct sst_gsi twogsi[] = {{"g", two, 1}};
    static const struct {
        struct sst_type t;
        const char *message;
    } rows[] = {
        {{.name = NULL}, "a type needs a name"},
        {{.name = "T", .fields = dup, .nfields = 2},
         "field 'a' is declared twice"},
        {{.name = "T", .fields = base, .nfields = 1},
         "field 'version' is a base field the library manages"},
        {{.name = "T", .fields = baddef, .nfields = 1},
         "default does not validate: field 'n': 'x' is not an integer"},
        {{.name = "T", .fields = nonest, .nfields = 1},
         "n: NESTED without a nested type"},
        {{.name = "T", .fields = ttlstr, .nfields = 1,
          .config = {.ttl_field = "exp"}},
         "TTL needs both ttl_field and ttl_attribute"},
        {{.name = "T", .fields = ttlstr, .nfields = 1,
          .config = {.ttl_field = "exp", .ttl_attribute = "ttl"}},
         "ttl_field 'exp' must be DATETIME or INT"},
        {{.name = "T", .config = {.ttl_field = "x", .ttl_attribute = "ttl"}},
         "ttl_field 'x' is not a field"},
        {{.name = "T", .gsis = twogsi, .ngsis = 1},
         "GSI entry 'g' attribute 0: needs a name and exactly one of value"},
    };
    size_t i;

    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct sst_err err;
        CU_ASSERT_EQUAL(sst_type_check(&rows[i].t, &err), SST_E_INVALID_ARG);
        if (strstr(err.message, rows[i].message) == NULL)
            fprintf(stderr, "\nrow %zu: %s\n", i, err.message);
        CU_ASSERT(strstr(err.message, rows[i].message) != NULL);
    }
}

/* TTL: int seconds after created_at, datetime, None, 0 and bad values. */
static void
test_ttl(void)
{
    int64_t now = INT64_C(1795630325922317);
    struct sst_clock clock = {fixed_clock, &now};
    static const struct {
        const char *expires_in;
        const char *want; /* NULL: no attribute */
    } rows[] = {{"3600", "1795633925"},
                {"null", NULL},
                {"-1795630325", NULL}, /* int(0.922317) == 0: falsy */
                {"-1795630326", NULL}, /* int(-0.077683) == 0 */
                {"-1795630327", "-1"}};
    size_t i;

    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char text[256];
        json_object *in, *res = NULL, *item = NULL, *ttl;
        snprintf(text, sizeof text,
                 "{\"name\": \"n\", \"score\": 1, \"born\": \"2000-01-01\", "
                 "\"when\": 0, \"blob\": \"\", \"child\": {\"label\": \"x\"}, "
                 "\"expires_in\": %s}",
                 rows[i].expires_in);
        in = json_tokener_parse(text);
        CU_ASSERT_EQUAL_FATAL(sst_resource_new(&core_thing_type, in, "x", &clock,
                                               NULL, &res, NULL),
                              SST_OK);
        CU_ASSERT_EQUAL_FATAL(sst_type_to_item(&core_thing_type, res, SST_ROW_PLAIN,
                                               &clock, &item, NULL),
                              SST_OK);
        if (rows[i].want == NULL) {
            CU_ASSERT_FALSE(json_object_object_get_ex(item, "ttl", NULL));
        } else {
            CU_ASSERT_TRUE_FATAL(json_object_object_get_ex(item, "ttl", &ttl));
            SST_ASSERT_STR_EQ(json_object_get_string(
                                  json_object_object_get(ttl, "N")),
                              rows[i].want);
        }
        /* the TTL attribute never reads back as a field */
        json_object_put(res);
        res = NULL;
        CU_ASSERT_EQUAL(sst_type_from_item(&core_thing_type, item, &res, NULL),
                        SST_OK);
        json_object_put(res);
        json_object_put(item);
        json_object_put(in);
    }
}

static void
test_item_errors(void)
{
    json_object *res = NULL, *item = NULL;
    struct sst_err err;
    json_object *bad_data = json_tokener_parse(
        "{\"pk\": {\"S\": \"Doc#1\"}, \"sk\": {\"S\": \"v0\"}, \"data\": "
        "{\"B\": \"bm90IGd6aXA=\"}}");
    json_object *no_data = json_tokener_parse(
        "{\"pk\": {\"S\": \"Doc#1\"}, \"sk\": {\"S\": \"v0\"}}");
    json_object *wrong_type = json_tokener_parse(
        "{\"resource_id\": {\"S\": \"n\"}, \"created_at\": {\"S\": "
        "\"2026-11-25T18:12:05Z\"}, \"updated_at\": {\"S\": "
        "\"2026-11-25T18:12:05Z\"}, \"version\": {\"N\": \"1\"}, \"text\": "
        "{\"N\": \"5\"}}");
    json_object *extra = json_tokener_parse(
        "{\"resource_id\": {\"S\": \"n\"}, \"created_at\": {\"S\": "
        "\"2026-11-25T18:12:05Z\"}, \"updated_at\": {\"S\": "
        "\"2026-11-25T18:12:05Z\"}, \"version\": {\"N\": \"1\"}, \"text\": "
        "{\"S\": \"5\"}, \"stray\": {\"S\": \"x\"}}");

    CU_ASSERT_EQUAL(sst_type_from_item(&core_doc_type, bad_data, &res, &err),
                    SST_E_INVALID_DATA);
    SST_ASSERT_STR_EQ(err.message, "gzip: not a gzip stream");
    CU_ASSERT_EQUAL(sst_type_from_item(&core_doc_type, no_data, &res, &err),
                    SST_E_INVALID_DATA);
    SST_ASSERT_STR_EQ(err.message,
                      "compressed item has no Binary 'data' attribute");
    CU_ASSERT_EQUAL(sst_type_from_item(&core_note_type, wrong_type, &res, &err),
                    SST_E_INVALID_DATA);
    SST_ASSERT_STR_EQ(err.message,
                      "field 'text': expected a string, got a number");
    CU_ASSERT_EQUAL(sst_type_from_item(&core_note_type, extra, &res, &err),
                    SST_E_INVALID_DATA);
    SST_ASSERT_STR_EQ(err.message,
                      "field 'stray': extra fields not permitted");
    CU_ASSERT_PTR_NULL(res);
    /* a row that does not fit the type */
    CU_ASSERT_EQUAL(sst_type_to_item(&core_doc_type, extra, SST_ROW_PLAIN, NULL,
                                     &item, &err),
                    SST_E_INVALID_ARG);
    CU_ASSERT_PTR_NULL(item);
    json_object_put(bad_data);
    json_object_put(no_data);
    json_object_put(wrong_type);
    json_object_put(extra);
}

/* Items fuzz_core_item (fuzz/) found mishandled: each reads as given
 * (code and message), and what reads is written and read back equal. */
#define NOTE_BASE                                                          \
    "\"created_at\":{\"S\":\"2026-11-25T18:12:05.922317+00:00\"},"        \
    "\"updated_at\":{\"S\":\"2026-11-25T18:12:05.922317+00:00\"},"        \
    "\"version\":{\"N\":\"3\"}"

static void
test_item_fuzz_regressions(void)
{
    static const struct {
        const struct sst_type *t;
        const char *item;
        enum sst_code rc;
        const char *message;
    } rows[] = {
        /* an empty id has no key: it read, then would not write */
        {&core_note_type,
         "{\"resource_id\":{\"S\":\"\"}," NOTE_BASE
         ",\"text\":{\"S\":\"x\"}}",
         SST_E_INVALID_DATA, "field 'resource_id': the id is empty"},
    };
    size_t i;

    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        json_object *item = json_tokener_parse(rows[i].item);
        json_object *res = NULL, *back = NULL, *again = NULL;
        struct sst_err err;
        enum sst_code rc;

        sst_err_clear(&err);
        CU_ASSERT_PTR_NOT_NULL_FATAL(item);
        rc = sst_type_from_item(rows[i].t, item, &res, &err);
        if (rc != rows[i].rc)
            printf("\n  row %zu: got %s \"%s\"\n", i, sst_code_name(rc),
                   err.message);
        CU_ASSERT_EQUAL(rc, rows[i].rc);
        SST_ASSERT_STR_EQ(err.message, rows[i].message);
        if (rc == SST_OK) {
            CU_ASSERT_EQUAL(sst_type_to_item(rows[i].t, res,
                                             rows[i].t->versioned
                                                 ? SST_ROW_V0
                                                 : SST_ROW_PLAIN,
                                             NULL, &back, &err),
                            SST_OK);
            CU_ASSERT_EQUAL(sst_type_from_item(rows[i].t, back, &again,
                                               &err),
                            SST_OK);
            CU_ASSERT(again != NULL && json_object_equal(res, again));
        } else {
            CU_ASSERT_PTR_NULL(res);
        }
        json_object_put(again);
        json_object_put(back);
        json_object_put(res);
        json_object_put(item);
    }
}

/* pydantic cannot write bytes that are not UTF-8 as JSON; neither does
 * sst (a compressed type with a BYTES field). */
static void
test_bytes_in_compressed(void)
{
    static const struct sst_field f[] = {{.name = "b", .kind = SST_FIELD_BYTES}};
    static const struct sst_type t = {.name = "B", .versioned = true,
                                      .fields = f, .nfields = 1};
    json_object *res = NULL, *item = NULL, *in = json_object_new_object();
    struct sst_err err;

    json_object_object_add(in, "b", json_object_new_string_len("\xff\x00", 2));
    CU_ASSERT_EQUAL_FATAL(sst_resource_new(&t, in, "x", NULL, NULL, &res,
                                           NULL),
                          SST_OK);
    CU_ASSERT_EQUAL(sst_type_to_item(&t, res, SST_ROW_V0, NULL, &item, &err),
                    SST_E_INVALID_DATA);
    SST_ASSERT_STR_EQ(err.message, "field 'b': bytes are not valid UTF-8; "
                                   "pydantic cannot write them as JSON");
    json_object_put(res);
    json_object_put(in);
}

static void
test_values(void)
{
    static const struct {
        const char *value;
        bool omit_none;
        const char *av;
    } rows[] = {
        {"\"x\"", false, "{\"S\":\"x\"}"},
        {"1.50", false, "{\"N\":\"1.50\"}"},
        {"-7", false, "{\"N\":\"-7\"}"},
        {"true", false, "{\"BOOL\":true}"},
        {"null", true, "{\"NULL\":true}"},
        {"[1, null, {\"a\": null}]", true,
         "{\"L\":[{\"N\":\"1\"},{\"NULL\":true},{\"M\":{}}]}"},
        {"{\"a\": null, \"b\": [null]}", false,
         "{\"M\":{\"a\":{\"NULL\":true},\"b\":{\"L\":[{\"NULL\":true}]}}}"},
        {"{\"a\": null, \"b\": [null]}", true,
         "{\"M\":{\"b\":{\"L\":[{\"NULL\":true}]}}}"},
    };
    size_t i;

    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        json_object *v = json_tokener_parse(rows[i].value), *av = NULL,
                    *back = NULL;
        CU_ASSERT_EQUAL(sst_value_to_av(v, rows[i].omit_none, &av, NULL),
                        SST_OK);
        SST_ASSERT_STR_EQ(json_object_to_json_string_ext(
                              av, JSON_C_TO_STRING_PLAIN),
                          rows[i].av);
        CU_ASSERT_EQUAL(sst_av_to_value(av, &back, NULL), SST_OK);
        if (!rows[i].omit_none)
            CU_ASSERT(json_object_equal(back, v));
        json_object_put(back);
        json_object_put(av);
        json_object_put(v);
    }
    {
        /* a bare double is a Python float: repr() */
        json_object *d = json_object_new_double(0.1), *av = NULL;
        CU_ASSERT_EQUAL(sst_value_to_av(d, false, &av, NULL), SST_OK);
        SST_ASSERT_STR_EQ(json_object_to_json_string_ext(
                              av, JSON_C_TO_STRING_PLAIN),
                          "{\"N\":\"0.1\"}");
        json_object_put(av);
        json_object_put(d);
    }
    {
        json_object *ss = json_tokener_parse("{\"SS\": [\"a\"]}"), *v = NULL;
        json_object *bad = json_tokener_parse("{\"X\": 1}");
        struct sst_err err;
        CU_ASSERT_EQUAL(sst_av_to_value(ss, &v, NULL), SST_OK);
        SST_ASSERT_STR_EQ(json_object_to_json_string_ext(
                              v, JSON_C_TO_STRING_PLAIN),
                          "[\"a\"]");
        json_object_put(v);
        CU_ASSERT_EQUAL(sst_av_to_value(bad, &v, &err), SST_E_INVALID_DATA);
        CU_ASSERT_PTR_NULL(v);
        json_object_put(v);
        json_object_put(ss);
        json_object_put(bad);
    }
}

/* The gzip mtime comes from the clock. */
static void
test_mtime_from_clock(void)
{
    json_object *cases = core_golden_get(golden, "cases");
    json_object *c = json_object_array_get_idx(cases, 2), *res = NULL,
                *item = NULL;
    int64_t now = core_golden_int(c, "now_us");
    struct sst_clock clock = {fixed_clock, &now};
    const char *b;
    unsigned char *gz;
    size_t len;

    CU_ASSERT_EQUAL_FATAL(sst_resource_new(&core_doc_type,
                                           core_golden_get(c, "input"),
                                           core_golden_str(c, "id"), &clock,
                                           NULL, &res, NULL),
                          SST_OK);
    now = INT64_C(0x12345678) * 1000000;
    CU_ASSERT_EQUAL_FATAL(sst_type_to_item(&core_doc_type, res, SST_ROW_VERSION,
                                           &clock, &item, NULL),
                          SST_OK);
    b = json_object_get_string(
        json_object_object_get(json_object_object_get(item, "data"), "B"));
    CU_ASSERT_EQUAL_FATAL(sst_b64_decode(b, strlen(b), false, &gz, &len, NULL),
                          SST_OK);
    CU_ASSERT(gz[4] == 0x78 && gz[5] == 0x56 && gz[6] == 0x34 &&
              gz[7] == 0x12);
    sst_free(gz);
    json_object_put(item);
    json_object_put(res);
}

static void
test_oom(void)
{
    json_object *cases = core_golden_get(golden, "cases");
    size_t k;

    for (k = 0; k < 4; k++) {
        json_object *c = json_object_array_get_idx(cases, k);
        const struct sst_type *t = type_named(core_golden_str(c, "type"));
        enum sst_row row = t->versioned ? SST_ROW_V0 : SST_ROW_PLAIN;
        int64_t now = core_golden_int(c, "now_us");
        struct sst_clock clock = {fixed_clock, &now};
        long n;
        bool done = false;

        for (n = 1; n < 2000 && !done; n++) {
            json_object *res = NULL, *item = NULL, *back = NULL;
            struct sst_err err;
            enum sst_code rc;
            sst_mem_fail_after(n);
            rc = sst_resource_new(t, core_golden_get(c, "input"),
                                  core_golden_str(c, "id"), &clock, NULL, &res,
                                  &err);
            if (rc == SST_OK)
                rc = sst_type_to_item(t, res, row, &clock, &item, &err);
            if (rc == SST_OK)
                rc = sst_type_from_item(t, item, &back, &err);
            sst_mem_fail_reset();
            if (rc == SST_OK)
                done = true;
            else if (rc != SST_E_NOMEM) {
                fprintf(stderr, "\n%s n=%ld: %s: %s\n", t->name, n,
                        sst_code_name(rc), err.message);
                CU_FAIL("not SST_E_NOMEM");
            }
            json_object_put(back);
            json_object_put(item);
            json_object_put(res);
            CU_ASSERT_EQUAL(sst_mem_live_count(), 0);
        }
        CU_ASSERT(done);
    }
}

static const struct sst_test tests[] = {
    {"the C types pass sst_type_check", test_types_check},
    {"goldens: create_new, model JSON, items as Python writes them",
     test_goldens_write},
    {"goldens: Python's items read back", test_goldens_read},
    {"omit_none: left-out attributes read back", test_omit_none_reads_back},
    {"validation: errors name the field and the problem",
     test_validation_errors},
    {"validation: lenient input normalised", test_normalisation},
    {"decimals stay exact", test_decimal_exact},
    {"update_existing: merge, clear, keep, bump", test_update},
    {"create_new with a ULID generator", test_new_with_ulid},
    {"keys and accessors", test_keys},
    {"sst_type_check refuses malformed descriptors", test_check_refuses},
    {"TTL attribute", test_ttl},
    {"reading bad items", test_item_errors},
    {"items the fuzzer found", test_item_fuzz_regressions},
    {"bytes that are not UTF-8 in a compressed type", test_bytes_in_compressed},
    {"untyped values to and from AttributeValues", test_values},
    {"gzip mtime from the clock", test_mtime_from_clock},
    {"out of memory", test_oom},
    {NULL, NULL}};

static const struct sst_suite suites[] = {
    {"core_type", init, cleanup, tests}, {NULL, NULL, NULL, NULL}};

int
main(int argc, char **argv)
{
    return sst_test_main(argc, argv, "test_core_type", suites);
}
