/*
 * tests/memory/test_memory_versions.c - the versioning methods of
 * sst/memory.h: get_all_versions, restore_version, delete_all_versions and
 * max_versions pruning (spec 3 and 8.3 "Versioning methods"), the same
 * cases on the emulator and on DynamoDB Local.
 */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "tests/harness.h"
#include "tests/memory/mtest.h"

/* Create id and update it until it has n versions; the last in *last. */
static void
make_versions(struct sst_tm *tm, const struct sst_type *t, const char *id,
              int n, json_object **last)
{
    struct sst_err e;
    json_object *cur = NULL, *next = NULL;
    char buf[64];
    int i;

    snprintf(buf, sizeof buf, "{\"%s\":\"text 1\"}",
             t == &mt_doc ? "title" : "text");
    {
        json_object *d = mt_json(buf);
        CU_ASSERT_EQUAL_FATAL(sst_memory_create(tm->m, t, d, id, &cur, &e),
                              SST_OK);
        json_object_put(d);
    }
    for (i = 2; i <= n; i++) {
        json_object *d;

        snprintf(buf, sizeof buf, "{\"%s\":\"text %d\"}",
                 t == &mt_doc ? "title" : "text", i);
        d = mt_json(buf);
        CU_ASSERT_EQUAL_FATAL(sst_memory_update(tm->m, t, cur, d, NULL, NULL,
                                                &next, &e), SST_OK);
        json_object_put(d);
        json_object_put(cur);
        cur = next;
        next = NULL;
    }
    *last = cur;
}

/* The sort keys present for id, as "v0 v4 v5 " in numeric order. */
static void
row_list(struct sst_tm *tm, const char *pk, char *out, size_t cap)
{
    char sk[16];
    int v;

    out[0] = '\0';
    for (v = 0; v <= 20; v++) {
        json_object *raw;

        snprintf(sk, sizeof sk, "v%d", v);
        raw = mt_raw(tm, pk, sk);
        if (raw != NULL)
            snprintf(out + strlen(out), cap - strlen(out), "%s ", sk);
        json_object_put(raw);
    }
}

/* get_all_versions: newest first by numeric version (12 versions cross
 * the v10 < v2 string order), every field kept, v0 left out; still right
 * after a version is deleted; [] for a missing id; refused for a
 * non-versioned type. */
static void
test_all_versions(void)
{
    struct sst_tm tm;
    struct sst_err e;
    json_object *last = NULL, *all = NULL, *v5 = NULL;
    int i;

    if (mt_open(&tm, NULL, true))
        return;
    make_versions(&tm, &mt_doc, "d", 12, &last);
    CU_ASSERT_EQUAL_FATAL(sst_memory_get_all_versions(tm.m, &mt_doc, "d", &all,
                                                      &e), SST_OK);
    CU_ASSERT_EQUAL_FATAL(json_object_array_length(all), 12);
    for (i = 0; i < 12; i++) {
        json_object *r = json_object_array_get_idx(all, (size_t)i);
        char title[16];

        snprintf(title, sizeof title, "text %d", 12 - i);
        CU_ASSERT_EQUAL(mt_int(r, "version"), 12 - i);
        SST_ASSERT_STR_EQ(mt_str(r, "title"), title);
        SST_ASSERT_STR_EQ(mt_str(r, "resource_id"), "d");
    }
    CU_ASSERT_TRUE(json_object_equal(json_object_array_get_idx(all, 0), last));
    json_object_put(all);
    all = NULL;
    /* delete version 5 */
    CU_ASSERT_EQUAL(sst_memory_read(tm.m, &mt_doc, "d", 5, true, &v5, &e),
                    SST_OK);
    CU_ASSERT_EQUAL(sst_memory_delete(tm.m, &mt_doc, v5, &e), SST_OK);
    CU_ASSERT_EQUAL(sst_memory_get_all_versions(tm.m, &mt_doc, "d", &all, &e),
                    SST_OK);
    CU_ASSERT_EQUAL(json_object_array_length(all), 11);
    CU_ASSERT_EQUAL(mt_int(json_object_array_get_idx(all, 7), "version"), 4);
    json_object_put(all);
    all = NULL;
    CU_ASSERT_EQUAL(sst_memory_get_all_versions(tm.m, &mt_doc, "none", &all,
                                                &e), SST_OK);
    MT_ASSERT_JSON(all, "[]");
    json_object_put(all);
    all = NULL;
    CU_ASSERT_EQUAL(sst_memory_get_all_versions(tm.m, &mt_thing, "d", &all,
                                                &e), SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(e.message, "get_all_versions can only be used with "
                                 "versioned resources");
    CU_ASSERT_PTR_NULL(all);
    json_object_put(v5);
    json_object_put(last);
    sst_tm_close(&tm);
}

/* restore_version: a new version with the old content (forward history);
 * the refusals and their messages. */
static void
test_restore(void)
{
    struct sst_tm tm;
    struct sst_err e;
    json_object *data = mt_json("{\"title\":\"first\",\"body\":\"b1\","
                                "\"author\":{\"name\":\"ann\"},"
                                "\"mixed\":[1,\"x\"]}");
    json_object *upd = mt_json("{\"title\":\"second\",\"body\":null,"
                               "\"mixed\":[]}");
    json_object *v1 = NULL, *v2 = NULL, *v3 = NULL, *got = NULL;

    if (mt_open(&tm, NULL, true))
        goto done;
    CU_ASSERT_EQUAL_FATAL(sst_memory_create(tm.m, &mt_doc, data, "r", &v1,
                                            &e), SST_OK);
    CU_ASSERT_EQUAL_FATAL(sst_memory_update(tm.m, &mt_doc, v1, upd, NULL,
                                            NULL, &v2, &e), SST_OK);
    CU_ASSERT_EQUAL_FATAL(sst_memory_restore_version(tm.m, &mt_doc, "r", 1,
                                                     &v3, &e), SST_OK);
    CU_ASSERT_EQUAL(mt_int(v3, "version"), 3);
    SST_ASSERT_STR_EQ(mt_str(v3, "title"), "first");
    SST_ASSERT_STR_EQ(mt_str(v3, "body"), "b1");
    MT_ASSERT_JSON(json_object_object_get(v3, "author"),
                   "{\"name\":\"ann\",\"age\":null}");
    MT_ASSERT_JSON(json_object_object_get(v3, "mixed"), "[1,\"x\"]");
    SST_ASSERT_STR_EQ(mt_str(v3, "created_at"), mt_str(v1, "created_at"));
    CU_ASSERT_TRUE(strcmp(mt_str(v3, "updated_at"),
                          mt_str(v2, "updated_at")) > 0);
    CU_ASSERT_EQUAL(sst_memory_read(tm.m, &mt_doc, "r", 0, true, &got, &e),
                    SST_OK);
    CU_ASSERT_TRUE(json_object_equal(got, v3));
    json_object_put(got);
    got = NULL;
    CU_ASSERT_EQUAL(sst_memory_restore_version(tm.m, &mt_doc, "r", 0, &got,
                                               &e), SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(e.message, "Version must be a positive integer, got: 0");
    CU_ASSERT_EQUAL(sst_memory_restore_version(tm.m, &mt_doc, "r", -2, &got,
                                               &e), SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(e.message,
                      "Version must be a positive integer, got: -2");
    CU_ASSERT_EQUAL(sst_memory_restore_version(tm.m, &mt_doc, "r", 9, &got,
                                               &e), SST_E_ITEM_NOT_FOUND);
    SST_ASSERT_STR_EQ(e.message, "Version 9 not found for Doc r");
    CU_ASSERT_EQUAL(sst_memory_restore_version(tm.m, &mt_doc, "zz", 1, &got,
                                               &e), SST_E_ITEM_NOT_FOUND);
    SST_ASSERT_STR_EQ(e.message, "Version 1 not found for Doc zz");
    CU_ASSERT_EQUAL(sst_memory_restore_version(tm.m, &mt_thing, "r", 1, &got,
                                               &e), SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(e.message, "restore_version can only be used with "
                                 "versioned resources");
    /* the latest deleted: v1 exists but the resource does not */
    CU_ASSERT_EQUAL(sst_memory_delete(tm.m, &mt_doc, v3, &e), SST_OK);
    CU_ASSERT_EQUAL(sst_memory_restore_version(tm.m, &mt_doc, "r", 1, &got,
                                               &e), SST_E_ITEM_NOT_FOUND);
    SST_ASSERT_STR_EQ(e.message, "Doc r not found");
    CU_ASSERT_PTR_NULL(got);
    sst_tm_close(&tm);
done:
    json_object_put(v1);
    json_object_put(v2);
    json_object_put(v3);
    json_object_put(data);
    json_object_put(upd);
}

/* max_versions = 3: after 6 versions v4, v5, v6 and v0 remain; after 12,
 * v10, v11, v12 and v0 (numeric order, not v10 < v2). */
static void
test_max_versions(void)
{
    struct sst_tm tm;
    json_object *last = NULL;
    char rows[128];

    if (mt_open(&tm, NULL, true))
        return;
    make_versions(&tm, &mt_note, "a", 6, &last);
    row_list(&tm, "Note#a", rows, sizeof rows);
    SST_ASSERT_STR_EQ(rows, "v0 v4 v5 v6 ");
    json_object_put(last);
    make_versions(&tm, &mt_note, "b", 12, &last);
    row_list(&tm, "Note#b", rows, sizeof rows);
    SST_ASSERT_STR_EQ(rows, "v0 v10 v11 v12 ");
    CU_ASSERT_EQUAL(mt_int(last, "version"), 12);
    json_object_put(last);
    sst_tm_close(&tm);
}

/* delete_all_versions: every row goes; a missing id is fine; refused for
 * a non-versioned type. */
static void
test_delete_all(void)
{
    struct sst_tm tm;
    struct sst_err e;
    json_object *last = NULL;
    char rows[128];

    if (mt_open(&tm, NULL, true))
        return;
    make_versions(&tm, &mt_doc, "x", 4, &last);
    json_object_put(last);
    make_versions(&tm, &mt_doc, "y", 1, &last);
    CU_ASSERT_EQUAL(sst_memory_delete_all_versions(tm.m, &mt_doc, "x", &e),
                    SST_OK);
    row_list(&tm, "Doc#x", rows, sizeof rows);
    SST_ASSERT_STR_EQ(rows, "");
    row_list(&tm, "Doc#y", rows, sizeof rows);
    SST_ASSERT_STR_EQ(rows, "v0 v1 ");
    CU_ASSERT_EQUAL(sst_memory_delete_all_versions(tm.m, &mt_doc, "x", &e),
                    SST_OK);
    CU_ASSERT_EQUAL(sst_memory_delete_all_versions(tm.m, &mt_thing, "y", &e),
                    SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(e.message, "delete_all_versions can only be used with "
                                 "versioned resources");
    json_object_put(last);
    sst_tm_close(&tm);
}

static const struct sst_test tests[] = {
    {"get_all_versions", test_all_versions},
    {"restore_version", test_restore},
    {"max_versions pruning", test_max_versions},
    {"delete_all_versions", test_delete_all},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    return sst_tm_main(argc, argv, "test_memory_versions", tests);
}
