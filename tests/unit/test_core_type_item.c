/*
 * tests/unit/test_core_type_item.c - items and values at the edge of the
 * resource types (tests/core_types.c): items that do not read, the items
 * the fuzzer found, bytes a compressed type cannot write, and untyped
 * values to and from AttributeValues.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/type.h>

#include "harness.h"
#include "tests/core_types.h"

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
    static const struct sst_field f[] = {
        {.name = "b", .kind = SST_FIELD_BYTES}};
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


static const struct sst_test tests[] = {
    {"reading bad items", test_item_errors},
    {"items the fuzzer found", test_item_fuzz_regressions},
    {"bytes that are not UTF-8 in a compressed type", test_bytes_in_compressed},
    {"untyped values to and from AttributeValues", test_values},
    {NULL, NULL}};

static const struct sst_suite suites[] = {
    {"core_type items", NULL, NULL, tests}, {NULL, NULL, NULL, NULL}};

int
main(int argc, char **argv)
{
    return sst_test_main(argc, argv, "test_core_type_item", suites);
}
