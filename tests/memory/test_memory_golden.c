/*
 * tests/memory/test_memory_golden.c - compatibility: with the fixture's
 * fixed clock and fixed ids, the rows sst writes equal the golden rows of
 * tests/data/memory/, written by hand from simplesingletable's layout (see
 * the README there), on the emulator and on DynamoDB Local. Also the
 * out-of-memory loops over create and update on the emulator.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>
#include <sst/mem.h>

#include "src/core/b64.h"
#include "src/core/gzip.h"
#include "tests/harness.h"
#include "tests/memory/mtest.h"

#ifndef SST_MEMORY_DATADIR
#define SST_MEMORY_DATADIR "tests/data/memory"
#endif

/* ------------------------------------------------------------ types */

static enum sst_code
task_parent(const struct sst_type *t, const json_object *res, void *ud,
            char **out, struct sst_err *err)
{
    char buf[128];

    (void)t;
    (void)ud;
    (void)err;
    *out = NULL;
    if (mt_str(res, "parent_id")[0] == '\0')
        return SST_OK;
    snprintf(buf, sizeof buf, "parent#%s", mt_str(res, "parent_id"));
    *out = sst_strdup(buf);
    return *out == NULL ? SST_E_NOMEM : SST_OK;
}

static enum sst_code
task_status(const struct sst_type *t, const json_object *res, void *ud,
            char **pk, char **sk, struct sst_err *err)
{
    char buf[128];

    (void)t;
    (void)ud;
    (void)err;
    *pk = *sk = NULL;
    if (mt_str(res, "status")[0] == '\0' || mt_str(res, "due")[0] == '\0')
        return SST_OK;
    snprintf(buf, sizeof buf, "status#%s", mt_str(res, "status"));
    *pk = sst_strdup(buf);
    *sk = sst_strdup(mt_str(res, "due"));
    return *pk == NULL || *sk == NULL ? SST_E_NOMEM : SST_OK;
}

static const struct sst_field task_fields[] = {
    {.name = "title", .kind = SST_FIELD_STRING},
    {.name = "status", .kind = SST_FIELD_STRING, .nullable = true,
     .default_json = "null"},
    {.name = "priority", .kind = SST_FIELD_INT, .default_json = "0"},
    {.name = "estimate", .kind = SST_FIELD_DECIMAL, .nullable = true,
     .default_json = "null"},
    {.name = "tags", .kind = SST_FIELD_STRING_SET, .default_json = "[]"},
    {.name = "due", .kind = SST_FIELD_DATETIME, .nullable = true,
     .default_json = "null"},
    {.name = "parent_id", .kind = SST_FIELD_STRING, .nullable = true,
     .default_json = "null"},
    {.name = "note", .kind = SST_FIELD_STRING, .nullable = true,
     .default_json = "null"},
};
static const struct sst_gsi_attr task_g1[] = {
    {.attr = "gsi1pk", .fn = task_parent}};
static const struct sst_gsi_attr task_g3[] = {
    {.attr = "gsi3pk", .sk_attr = "gsi3sk", .pair_fn = task_status}};
static const struct sst_gsi task_gsis[] = {{"gsi1", task_g1, 1},
                                           {"gsi3", task_g3, 1}};
static const struct sst_type task = {
    .name = "Task", .fields = task_fields, .nfields = 8,
    .config = {.ttl_field = "due", .ttl_attribute = "ttl"},
    .gsis = task_gsis, .ngsis = 2};

static enum sst_code
page_meta(const struct sst_type *t, const json_object *res, void *ud,
          json_object **out, struct sst_err *err)
{
    (void)t;
    (void)ud;
    (void)err;
    *out = json_object_new_object();
    json_object_object_add(*out, "kind", json_object_new_string("page"));
    json_object_object_add(*out, "views",
                           json_object_new_int64(mt_int(res, "views")));
    return SST_OK;
}

static const struct sst_field page_fields[] = {
    {.name = "body", .kind = SST_FIELD_STRING},
    {.name = "views", .kind = SST_FIELD_INT, .default_json = "0"},
    {.name = "ratio", .kind = SST_FIELD_DECIMAL, .nullable = true,
     .default_json = "null"},
};
static const struct sst_gsi_attr page_g2[] = {
    {.attr = "gsi2pk", .value = "pages"}};
static const struct sst_gsi page_gsis[] = {{"gsi2", page_g2, 1}};
static const struct sst_type page = {
    .name = "Page", .versioned = true, .fields = page_fields, .nfields = 3,
    .config = {.compress = SST_COMPRESS_NO},
    .hooks = {.filter_metadata = page_meta},
    .gsis = page_gsis, .ngsis = 1};

/* ------------------------------------------------------------ goldens */

static char *
slurp(const char *name, size_t *len)
{
    char path[512];
    FILE *f;
    char *buf;
    long n;

    snprintf(path, sizeof path, "%s/%s", SST_MEMORY_DATADIR, name);
    f = fopen(path, "rb");
    if (f == NULL) {
        printf("\n  cannot open %s\n", path);
        return NULL;
    }
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    if (buf != NULL && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf != NULL) {
        buf[n] = '\0';
        if (len != NULL)
            *len = (size_t)n;
    }
    return buf;
}

static void
assert_golden(struct sst_tm *tm, const char *pk, const char *sk,
              const char *file, const char *model_file)
{
    char *text = slurp(file, NULL);
    json_object *want = text != NULL ? json_tokener_parse(text) : NULL;
    json_object *raw = mt_raw(tm, pk, sk);

    CU_ASSERT_PTR_NOT_NULL_FATAL(want);
    if (model_file != NULL) {
        /* data: gzip of exactly the model JSON of the golden */
        json_object *data = json_object_object_get(raw, "data");
        const char *b64 = mt_str(data, "B");
        unsigned char *gz = NULL, *json = NULL;
        size_t gzlen = 0, jlen = 0, mlen = 0;
        char *model = slurp(model_file, &mlen);

        CU_ASSERT_EQUAL(sst_b64_decode(b64, strlen(b64), false, &gz, &gzlen,
                                       NULL), SST_OK);
        CU_ASSERT_EQUAL(sst_gzip_decompress(gz, gzlen, 0, &json, &jlen,
                                            NULL), SST_OK);
        CU_ASSERT_EQUAL(jlen, mlen);
        SST_ASSERT_STR_EQ((const char *)json, model);
        /* Python writes the mtime of int(time.time()) */
        CU_ASSERT_TRUE(gzlen > 8 && gz[4] == (1767323045u & 0xff) &&
                       gz[7] == (1767323045u >> 24));
        sst_free(gz);
        sst_free(json);
        free(model);
        json_object_object_del(raw, "data");
    }
    if (!mt_item_equal(raw, want, file))
        CU_FAIL("row differs from its golden");
    json_object_put(raw);
    json_object_put(want);
    free(text);
}

static void
test_goldens(void)
{
    struct sst_tm tm;
    struct sst_err e;
    json_object *t = mt_json("{\"title\":\"Write the spec\",\"status\":"
                             "\"open\",\"priority\":2,\"estimate\":1.5,"
                             "\"tags\":[\"docs\",\"c\",\"docs\"],\"due\":"
                             "\"2026-02-01T00:00:00Z\",\"parent_id\":\"P1\"}");
    json_object *p = mt_json("{\"body\":\"hello\",\"ratio\":\"0.250\"}");
    json_object *d = mt_json("{\"title\":\"\xc3\x9c" "ber\",\"author\":"
                             "{\"name\":\"ann\",\"age\":7},\"mixed\":[1,"
                             "\"two\",3.5,{\"four\":[4.0]},null,true]}");

    if (mt_open(&tm, NULL, true))
        goto done;
    CU_ASSERT_EQUAL(sst_memory_create(tm.m, &task, t, "task-1", NULL, &e),
                    SST_OK);
    CU_ASSERT_EQUAL(sst_memory_create(tm.m, &page, p, "page-1", NULL, &e),
                    SST_OK);
    CU_ASSERT_EQUAL(sst_memory_create(tm.m, &mt_doc, d, "doc-1", NULL, &e),
                    SST_OK);
    assert_golden(&tm, "Task#task-1", "Task#task-1", "task.json", NULL);
    assert_golden(&tm, "Page#page-1", "v1", "page_v1.json", NULL);
    assert_golden(&tm, "Page#page-1", "v0", "page_v0.json", NULL);
    assert_golden(&tm, "Doc#doc-1", "v1", "doc_v1.json", "doc_model.json");
    assert_golden(&tm, "Doc#doc-1", "v0", "doc_v0.json", "doc_model.json");
    assert_golden(&tm, "_INTERNAL#MemoryStats", "_INTERNAL#MemoryStats",
                  "stats.json", NULL);
    CU_ASSERT_EQUAL(mt_count(&tm), 6);
    sst_tm_close(&tm);
done:
    json_object_put(t);
    json_object_put(p);
    json_object_put(d);
}

/* The goldens read back as the resources that were written. */
static void
test_goldens_read(void)
{
    static const struct {
        const char *file;
        const struct sst_type *t;
        const char *want;
    } rows[] = {
        {"task.json", &task,
         "{\"resource_id\":\"task-1\",\"created_at\":\"2026-01-02T03:04:05."
         "123456+00:00\",\"updated_at\":\"2026-01-02T03:04:05.123456+00:00\","
         "\"title\":\"Write the spec\",\"status\":\"open\",\"priority\":2,"
         "\"estimate\":1.5,\"tags\":[\"docs\",\"c\"],\"due\":\"2026-02-01T"
         "00:00:00+00:00\",\"parent_id\":\"P1\",\"note\":null}"},
        {"page_v0.json", &page,
         "{\"resource_id\":\"page-1\",\"created_at\":\"2026-01-02T03:04:05."
         "127456+00:00\",\"updated_at\":\"2026-01-02T03:04:05.127456+00:00\","
         "\"version\":1,\"body\":\"hello\",\"views\":0,\"ratio\":0.25}"},
    };
    size_t i;

    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char *text = slurp(rows[i].file, NULL);
        json_object *item = json_tokener_parse(text);
        json_object *res = NULL;
        struct sst_err e;

        CU_ASSERT_EQUAL(sst_type_from_item(rows[i].t, item, &res, &e), SST_OK);
        json_object_object_del(res, "tags");
        {
            json_object *want = mt_json(rows[i].want);
            json_object_object_del(want, "tags");
            CU_ASSERT_TRUE(json_object_equal(res, want));
            json_object_put(want);
        }
        json_object_put(res);
        json_object_put(item);
        free(text);
    }
}

/* ------------------------------------------------------------ OOM */

/* Run op with the Nth allocation failing, N = 1, 2, ... until it
 * succeeds; every failure must be SST_E_NOMEM. */
#define OOM_LOOP(call, label)                                                \
    do {                                                                     \
        long n_;                                                             \
        enum sst_code rc_ = SST_E_NOMEM;                                     \
        for (n_ = 1; n_ < 100000 && rc_ != SST_OK; n_++) {                   \
            sst_mem_fail_after(n_);                                          \
            rc_ = (call);                                                    \
            sst_mem_fail_reset();                                            \
            if (rc_ != SST_OK && rc_ != SST_E_NOMEM) {                       \
                printf("\n  %s: allocation %ld: %s: %s\n", label, n_,        \
                       sst_code_name(rc_), e.message);                       \
                CU_FAIL(label);                                              \
                break;                                                       \
            }                                                                \
        }                                                                    \
        CU_ASSERT_EQUAL(rc_, SST_OK);                                        \
        CU_ASSERT_TRUE(n_ > 2);                                              \
    } while (0)

static void
test_oom(void)
{
    struct sst_tm tm;
    struct sst_err e;
    json_object *t = mt_json("{\"title\":\"x\",\"status\":\"s\",\"due\":"
                             "\"2026-02-01T00:00:00Z\",\"tags\":[\"a\"]}");
    json_object *u = mt_json("{\"status\":\"t\",\"estimate\":\"2.5\"}");
    json_object *pg = mt_json("{\"body\":\"b\"}");
    json_object *r = NULL, *out = NULL;
    const char *clear[] = {"due", NULL};
    char id[32];
    int i = 0;

    if (mt_open(&tm, NULL, false))
        goto done;
    OOM_LOOP(sst_memory_create(tm.m, &task, t, NULL, &r, &e), "create");
    OOM_LOOP(sst_memory_update(tm.m, &task, r, u, clear, NULL, &out, &e),
             "update");
    SST_ASSERT_STR_EQ(mt_str(out, "status"), "t");
    json_object_put(out);
    out = NULL;
    /* the other single-resource calls and their stats updates */
    {
        const char *ids[] = {mt_str(r, "resource_id"), "none"};
        json_object *got = NULL;
        int64_t v = 0;

        OOM_LOOP((json_object_put(got), got = NULL,
                  sst_memory_read(tm.m, &task, ids[0], 0, true, &got, &e)),
                 "read");
        json_object_put(got);
        got = NULL;
        OOM_LOOP((json_object_put(got), got = NULL,
                  sst_memory_batch_get(tm.m, &task, ids, 2, false, &got, &e)),
                 "batch get");
        CU_ASSERT_EQUAL(json_object_object_length(got), 1);
        json_object_put(got);
        got = NULL;
        OOM_LOOP(sst_memory_increment(tm.m, &task, r, "priority", 1, &v, &e),
                 "increment");
        OOM_LOOP(sst_memory_add_to_set(tm.m, &task, r, "tags", "b", &e),
                 "add to set");
        OOM_LOOP((json_object_put(got), got = NULL,
                  sst_memory_get_stats(tm.m, &got, &e)),
                 "get stats");
        json_object_put(got);
        OOM_LOOP(sst_memory_delete(tm.m, &task, r, &e), "delete");
    }
    sst_tm_close(&tm);
    if (mt_open(&tm, NULL, true))
        goto done;
    /* versioned: a fresh id per attempt (an attempt may fail after its
     * transaction committed), the latest version read before each */
    OOM_LOOP((snprintf(id, sizeof id, "v%d", ++i),
              sst_memory_create(tm.m, &page, pg, id, &out, &e)),
             "versioned create");
    json_object_put(out);
    out = NULL;
    {
        json_object *cur = NULL;

        CU_ASSERT_EQUAL_FATAL(sst_memory_create(tm.m, &page, pg, "pv", &cur,
                                                &e), SST_OK);
        enum sst_code rc = SST_E_NOMEM;
        long n;

        for (n = 1; n < 100000 && rc == SST_E_NOMEM; n++) {
            /* the latest version, read outside the failure window */
            json_object_put(cur);
            cur = NULL;
            CU_ASSERT_EQUAL_FATAL(sst_memory_read(tm.m, &page, "pv", 0, true,
                                                  &cur, &e), SST_OK);
            sst_mem_fail_after(n);
            rc = sst_memory_update(tm.m, &page, cur, pg, NULL, NULL, &out,
                                   &e);
            sst_mem_fail_reset();
            if (rc != SST_OK && rc != SST_E_NOMEM)
                printf("\n  versioned update: allocation %ld: %s: %s\n", n,
                       sst_code_name(rc), e.message);
        }
        CU_ASSERT_EQUAL(rc, SST_OK);
        CU_ASSERT_TRUE(n > 3);
        CU_ASSERT_TRUE(mt_int(out, "version") >= 2);
        json_object_put(out);
        out = NULL;
        OOM_LOOP((json_object_put(out), out = NULL,
                  sst_memory_get_all_versions(tm.m, &page, "pv", &out, &e)),
                 "get all versions");
        CU_ASSERT_TRUE(json_object_array_length(out) >= 2);
        json_object_put(out);
        out = NULL;
        OOM_LOOP(sst_memory_restore_version(tm.m, &page, "pv", 1, NULL, &e),
                 "restore version");
        OOM_LOOP(sst_memory_delete_all_versions(tm.m, &page, "pv", &e),
                 "delete all versions");
        json_object_put(cur);
    }
    sst_tm_close(&tm);
done:
    json_object_put(out);
    json_object_put(r);
    json_object_put(t);
    json_object_put(u);
    json_object_put(pg);
}

static const struct sst_test tests[] = {
    {"rows equal the goldens", test_goldens},
    {NULL, NULL},
};

static const struct sst_test offline_tests[] = {
    {"goldens read back", test_goldens_read},
    {NULL, NULL},
};

static const struct sst_test oom_tests[] = {
    {"out of memory in create and update", test_oom},
    {NULL, NULL},
};

static const struct sst_suite suites[] = {
    {"goldens", NULL, NULL, offline_tests},
    {"emu", sst_tm_init_emu, NULL, tests},
    {"ddb-local", sst_tm_init_ddb, NULL, tests},
    {"emu-oom", sst_tm_init_emu, NULL, oom_tests},
    {NULL, NULL, NULL, NULL},
};

int
main(int argc, char **argv)
{
    return sst_test_main(argc, argv, "test_memory_golden", suites);
}
