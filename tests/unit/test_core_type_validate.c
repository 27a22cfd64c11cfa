/*
 * tests/unit/test_core_type_validate.c - resources of the C types
 * (tests/core_types.c) made, validated and updated: validation errors
 * naming the field, lenient input normalised, exact decimals, update,
 * ULID ids, keys and accessors, descriptors sst_type_check refuses, and
 * the TTL attribute.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/type.h>

#include "core_type_util.h"
#include "harness.h"
#include "tests/core_types.h"

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
    SST_ASSERT_STR_EQ(
        json_object_get_string(json_object_object_get(out, "born")),
        "2000-01-01");
    SST_ASSERT_STR_EQ(
        json_object_get_string(json_object_object_get(out, "when")),
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
        CU_ASSERT_EQUAL_FATAL(sst_resource_new(&core_thing_type, in, "x",
                                               &clock, NULL, &res, NULL),
                              SST_OK);
        CU_ASSERT_EQUAL_FATAL(sst_type_to_item(&core_thing_type, res,
                                               SST_ROW_PLAIN, &clock, &item,
                                               NULL),
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

    CU_ASSERT_EQUAL_FATAL(
        sst_resource_new(&core_doc_type, data, "d1", &clock, NULL, &v1, NULL),
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
    CU_ASSERT_EQUAL(sst_resource_update(&core_doc_type, v2, NULL, clear_bad,
                                        &clock, &bad, &err),
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
    CU_ASSERT_EQUAL(sst_type_key(&core_note_type, str_field(res, "resource_id"),
                                 0, &key, NULL),
                    SST_OK);
    SST_ASSERT_STR_EQ(json_object_get_string(json_object_object_get(
                          json_object_object_get(key, "sk"), "S")),
                      "v0");
    json_object_put(key);
    json_object_put(res);
    CU_ASSERT_EQUAL(sst_resource_new(&core_note_type, data, NULL, &clock, NULL,
                                     &res, &err),
                    SST_E_INVALID_ARG);
    CU_ASSERT_EQUAL(
        sst_resource_new(&core_note_type, data, "", &clock, NULL, &res, &err),
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

    CU_ASSERT_EQUAL(sst_type_key(&core_thing_type, "01X", 0, &key, NULL),
                    SST_OK);
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
        CU_ASSERT_EQUAL_FATAL(sst_resource_new(&core_thing_type, in, "x",
                                               &clock, NULL, &res, NULL),
                              SST_OK);
        CU_ASSERT_EQUAL_FATAL(sst_type_to_item(&core_thing_type, res,
                                               SST_ROW_PLAIN, &clock, &item,
                                               NULL),
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


static const struct sst_test tests[] = {
    {"validation: errors name the field and the problem",
     test_validation_errors},
    {"validation: lenient input normalised", test_normalisation},
    {"decimals stay exact", test_decimal_exact},
    {"update_existing: merge, clear, keep, bump", test_update},
    {"create_new with a ULID generator", test_new_with_ulid},
    {"keys and accessors", test_keys},
    {"sst_type_check refuses malformed descriptors", test_check_refuses},
    {"TTL attribute", test_ttl},
    {NULL, NULL}};

static const struct sst_suite suites[] = {
    {"core_type validation", NULL, NULL, tests}, {NULL, NULL, NULL, NULL}};

int
main(int argc, char **argv)
{
    return sst_test_main(argc, argv, "test_core_type_validate", suites);
}
