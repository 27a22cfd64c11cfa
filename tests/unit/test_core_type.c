/*
 * tests/unit/test_core_type.c - resource types against Python: the C
 * types pass sst_type_check; the resources create_new makes, the model
 * JSON, and the items to_dynamodb_item writes (compared attribute by
 * attribute; compressed data by decompressing and comparing the JSON,
 * then the gzip bytes), and reading Python's items back
 * (tests/data/core/items.json from gen_items.py); the gzip mtime, and
 * out-of-memory paths over the same cases. Validation, update and
 * descriptor checks are in test_core_type_validate.c, bad items and
 * values in test_core_type_item.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sst/mem.h>
#include <sst/type.h>

#include "emu/expr/num.h"
#include "src/core/b64.h"
#include "src/core/gzip.h"

#include "core_type_util.h"
#include "harness.h"
#include "test_core_golden.h"
#include "tests/core_types.h"

/* ------------------------------------------------- the types, in C
 * (tests/core_types.c) */

static const struct sst_type *
type_named(const char *name)
{
    size_t i;
    for (i = 0; i < CORE_NTYPES; i++)
        if (strcmp(core_types[i]->name, name) == 0)
            return core_types[i];
    abort();
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
            const char *x =
                json_object_get_string(json_object_array_get_idx(va, i));
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
            const char *b =
                json_object_get_string(json_object_object_get(gav, "B"));
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
    {"gzip mtime from the clock", test_mtime_from_clock},
    {"out of memory", test_oom},
    {NULL, NULL}};

static const struct sst_suite suites[] = {
    {"core_type goldens", init, cleanup, tests}, {NULL, NULL, NULL, NULL}};

int
main(int argc, char **argv)
{
    return sst_test_main(argc, argv, "test_core_type", suites);
}
