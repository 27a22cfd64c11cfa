/*
 * tests/memory/test_memory_crud.c - create, get/read, delete and batch get
 * of sst/memory.h (spec 8.3 "Core CRUD, ids, ordering" and batch get), the
 * same cases on the emulator and on DynamoDB Local.
 *
 * The fixture's clock starts at 2026-01-02T03:04:05.123456 and moves on
 * by 1 ms at every reading, so timestamps below are exact.
 */
#include <string.h>

#include <json-c/json.h>

#include "tests/harness.h"
#include "tests/memory/mtest.h"

#define T0 "2026-01-02T03:04:05.123456+00:00"
#define T1 "2026-01-02T03:04:05.124456+00:00"

/* create_new then read_existing: the stored row exactly, the resource read
 * back equal to the one returned; missing ids. */
static void
test_create_read_plain(void)
{
    struct sst_tm tm;
    struct sst_err e;
    json_object *data, *res = NULL, *got = NULL, *raw;

    if (mt_open(&tm, NULL, false))
        return;
    data = mt_json("{\"name\":\"a\",\"score\":\"1.50\",\"parent_id\":\"p1\","
                   "\"tags\":[\"y\",\"y\"],\"info\":{\"k\":[1,\"s\",null]},"
                   "\"ratios\":[0.1,\"2.5\"],\"day\":\"2026-03-04\"}");
    CU_ASSERT_EQUAL_FATAL(sst_memory_create(tm.m, &mt_thing, data, "t1", &res,
                                            &e), SST_OK);
    SST_ASSERT_STR_EQ(mt_str(res, "created_at"), T0);
    SST_ASSERT_STR_EQ(mt_str(res, "updated_at"), T0);
    raw = mt_raw(&tm, "Thing#t1", "Thing#t1");
    MT_ASSERT_ITEM(raw,
        "{\"pk\":{\"S\":\"Thing#t1\"},\"sk\":{\"S\":\"Thing#t1\"},"
        "\"resource_id\":{\"S\":\"t1\"},\"created_at\":{\"S\":\"" T0 "\"},"
        "\"updated_at\":{\"S\":\"" T0 "\"},\"name\":{\"S\":\"a\"},"
        "\"score\":{\"N\":\"1.5\"},\"count\":{\"N\":\"0\"},"
        "\"parent_id\":{\"S\":\"p1\"},\"tags\":{\"SS\":[\"y\"]},"
        "\"counters\":{\"M\":{}},\"info\":{\"M\":{\"k\":{\"L\":[{\"N\":\"1\"},"
        "{\"S\":\"s\"},{\"NULL\":true}]}}},"
        "\"ratios\":{\"L\":[{\"N\":\"0.1\"},{\"N\":\"2.5\"}]},"
        "\"when\":{\"NULL\":true},\"day\":{\"S\":\"2026-03-04\"},"
        "\"gsitype\":{\"S\":\"Thing\"},\"gsitypesk\":{\"S\":\"" T0 "\"},"
        "\"gsi1pk\":{\"S\":\"parent_id#p1\"},\"gsi2pk\":{\"S\":\"Thing\"}}");
    json_object_put(raw);
    CU_ASSERT_EQUAL(sst_memory_read(tm.m, &mt_thing, "t1", 0, false, &got,
                                    &e), SST_OK);
    CU_ASSERT_TRUE(json_object_equal(got, res));
    SST_ASSERT_STR_EQ(json_object_get_string(json_object_object_get(got,
                                                                    "score")),
                      "1.5");
    json_object_put(got);
    got = NULL;
    /* a version on a non-versioned type is ignored */
    CU_ASSERT_EQUAL(sst_memory_get(tm.m, &mt_thing, "t1", 3, true, &got, &e),
                    SST_OK);
    CU_ASSERT_TRUE(json_object_equal(got, res));
    json_object_put(got);
    got = (json_object *)1;
    CU_ASSERT_EQUAL(sst_memory_get(tm.m, &mt_thing, "nope", 0, false, &got,
                                   &e), SST_OK);
    CU_ASSERT_PTR_NULL(got);
    CU_ASSERT_EQUAL(sst_memory_read(tm.m, &mt_thing, "nope", 0, false, &got,
                                    &e), SST_E_ITEM_NOT_FOUND);
    SST_ASSERT_STR_EQ(e.message, "No item found with the provided key.");
    CU_ASSERT_PTR_NULL(got);
    json_object_put(res);
    json_object_put(data);
    sst_tm_close(&tm);
}

/* Ids are ULIDs of the (injected) time, increasing within a millisecond;
 * an explicit id of an existing non-versioned item overwrites it. */
static void
test_ids_and_overwrite(void)
{
    struct sst_tm tm;
    struct sst_err e;
    json_object *data, *b;
    json_object *r1 = NULL, *r2 = NULL, *got = NULL;
    char before[SST_ULID_LEN + 1];
    unsigned char zero[SST_ULID_RANDOM_BYTES] = {0};
    int64_t ms = 0, ms0 = 0;

    if (mt_open(&tm, NULL, false))
        return;
    data = mt_json("{\"name\":\"a\"}");
    b = mt_json("{\"name\":\"b\"}");
    /* a ULID made just before, at the same injected time */
    CU_ASSERT_EQUAL(sst_ulid_encode(SST_TM_START_US / 1000, zero, before,
                                    &e), SST_OK);
    CU_ASSERT_EQUAL_FATAL(sst_memory_create(tm.m, &mt_thing, data, NULL, &r1,
                                            &e), SST_OK);
    CU_ASSERT_EQUAL_FATAL(sst_memory_create(tm.m, &mt_thing, data, NULL, &r2,
                                            &e), SST_OK);
    CU_ASSERT_EQUAL(strlen(mt_str(r1, "resource_id")), 26);
    CU_ASSERT_EQUAL(sst_ulid_parse(mt_str(r1, "resource_id"), 26, &ms, NULL,
                                   &e), SST_OK);
    CU_ASSERT_EQUAL(sst_ulid_parse(before, 26, &ms0, NULL, &e), SST_OK);
    CU_ASSERT_EQUAL(ms, SST_TM_START_US / 1000);
    CU_ASSERT_TRUE(ms >= ms0);
    CU_ASSERT_TRUE(strcmp(mt_str(r1, "resource_id"), before) > 0);
    CU_ASSERT_TRUE(strcmp(mt_str(r2, "resource_id"),
                          mt_str(r1, "resource_id")) > 0);
    /* overwrite: same id, new content */
    CU_ASSERT_EQUAL(sst_memory_create(tm.m, &mt_thing, b,
                                      mt_str(r1, "resource_id"), NULL, &e),
                    SST_OK);
    CU_ASSERT_EQUAL(sst_memory_read(tm.m, &mt_thing, mt_str(r1, "resource_id"),
                                    0, true, &got, &e), SST_OK);
    SST_ASSERT_STR_EQ(mt_str(got, "name"), "b");
    CU_ASSERT_EQUAL(mt_count(&tm), 3); /* two things and the stats row */
    json_object_put(got);
    json_object_put(r1);
    json_object_put(r2);
    json_object_put(data);
    json_object_put(b);
    sst_tm_close(&tm);
}

/* A compressed non-versioned resource: only data and the keys are
 * stored; it reads back equal. */
static void
test_compressed_plain(void)
{
    struct sst_tm tm;
    struct sst_err e;
    json_object *data, *res = NULL, *got = NULL, *raw;

    if (mt_open(&tm, NULL, false))
        return;
    data = mt_json("{\"name\":\"z\",\"score\":2.25,\"info\":{\"f\":0.5,"
                   "\"n\":[1,{\"d\":null}]}}");
    CU_ASSERT_EQUAL_FATAL(sst_memory_create(tm.m, &mt_blob, data, "b1", &res,
                                            &e), SST_OK);
    raw = mt_raw(&tm, "Blob#b1", "Blob#b1");
    CU_ASSERT_EQUAL(json_object_object_length(raw), 5);
    CU_ASSERT_TRUE(json_object_object_get_ex(
        json_object_object_get(raw, "data"), "B", NULL));
    SST_ASSERT_STR_EQ(mt_str(json_object_object_get(raw, "gsitype"), "S"),
                      "Blob");
    json_object_put(raw);
    CU_ASSERT_EQUAL(sst_memory_read(tm.m, &mt_blob, "b1", 0, true, &got, &e),
                    SST_OK);
    CU_ASSERT_TRUE(json_object_equal(got, res));
    MT_ASSERT_JSON(got, "{\"resource_id\":\"b1\",\"created_at\":\"" T0 "\","
                        "\"updated_at\":\"" T0 "\",\"name\":\"z\","
                        "\"score\":2.25,\"info\":{\"f\":0.5,"
                        "\"n\":[1,{\"d\":null}]}}");
    json_object_put(got);
    json_object_put(res);
    json_object_put(data);
    sst_tm_close(&tm);
}

/* A versioned create: v1 and v0 rows; nested model and a mixed list read
 * back equal at version 0 and 1; a second create of the id conflicts. */
static void
test_versioned_create(void)
{
    struct sst_tm tm;
    struct sst_err e;
    json_object *data, *res = NULL, *got = NULL, *raw;

    if (mt_open(&tm, NULL, true))
        return;
    data = mt_json("{\"title\":\"t\",\"author\":{\"name\":\"ann\",\"age\":7},"
                   "\"mixed\":[1,\"two\",3.5,{\"four\":[4]},null,true]}");
    CU_ASSERT_EQUAL_FATAL(sst_memory_create(tm.m, &mt_doc, data, "d1", &res,
                                            &e), SST_OK);
    CU_ASSERT_EQUAL(mt_int(res, "version"), 1);
    MT_ASSERT_JSON(res, "{\"resource_id\":\"d1\",\"created_at\":\"" T0 "\","
                        "\"updated_at\":\"" T0 "\",\"version\":1,"
                        "\"title\":\"t\",\"body\":null,\"author\":{\"name\":"
                        "\"ann\",\"age\":7},\"mixed\":[1,\"two\",3.5,"
                        "{\"four\":[4]},null,true]}");
    raw = mt_raw(&tm, "Doc#d1", "v1");
    CU_ASSERT_EQUAL(json_object_object_length(raw), 4); /* data pk sk version */
    SST_ASSERT_STR_EQ(mt_str(json_object_object_get(raw, "version"), "N"),
                      "1");
    json_object_put(raw);
    raw = mt_raw(&tm, "Doc#d1", "v0");
    CU_ASSERT_EQUAL(json_object_object_length(raw), 7);
    SST_ASSERT_STR_EQ(mt_str(json_object_object_get(raw, "gsi2pk"), "S"),
                      "title#t");
    SST_ASSERT_STR_EQ(mt_str(json_object_object_get(raw, "gsitypesk"), "S"),
                      T0);
    json_object_put(raw);
    CU_ASSERT_EQUAL(sst_memory_read(tm.m, &mt_doc, "d1", 0, false, &got, &e),
                    SST_OK);
    CU_ASSERT_TRUE(json_object_equal(got, res));
    json_object_put(got);
    CU_ASSERT_EQUAL(sst_memory_read(tm.m, &mt_doc, "d1", 1, true, &got, &e),
                    SST_OK);
    CU_ASSERT_TRUE(json_object_equal(got, res));
    json_object_put(got);
    CU_ASSERT_EQUAL(sst_memory_read(tm.m, &mt_doc, "d1", 2, true, &got, &e),
                    SST_E_ITEM_NOT_FOUND);
    /* the id exists: both puts fail their condition */
    CU_ASSERT_EQUAL(sst_memory_create(tm.m, &mt_doc, data, "d1", &got, &e),
                    SST_E_VERSION_CONFLICT);
    SST_ASSERT_STR_EQ(e.message,
                      "Transaction failed: Item 0: ConditionalCheckFailed - "
                      "The conditional request failed; Item 1: "
                      "ConditionalCheckFailed - The conditional request "
                      "failed");
    CU_ASSERT_PTR_NULL(got);
    json_object_put(res);
    json_object_put(data);
    sst_tm_close(&tm);
}

/* Deleting: a non-versioned item; a versioned non-latest version (v2 and
 * v0 stay); the latest version (v0 goes too, older rows stay). */
static void
test_delete(void)
{
    struct sst_tm tm;
    struct sst_err e;
    json_object *data = mt_json("{\"name\":\"a\"}");
    json_object *note = mt_json("{\"text\":\"one\"}");
    json_object *upd = mt_json("{\"text\":\"two\"}");
    json_object *r = NULL, *v1 = NULL, *v2 = NULL, *raw;

    if (mt_open(&tm, NULL, false))
        goto out;
    CU_ASSERT_EQUAL_FATAL(sst_memory_create(tm.m, &mt_thing, data, "x", &r,
                                            &e), SST_OK);
    CU_ASSERT_EQUAL(sst_memory_delete(tm.m, &mt_thing, r, &e), SST_OK);
    raw = mt_raw(&tm, "Thing#x", "Thing#x");
    CU_ASSERT_PTR_NULL(raw);
    json_object_put(raw);
    sst_tm_close(&tm);
    if (mt_open(&tm, NULL, true))
        goto out;
    CU_ASSERT_EQUAL_FATAL(sst_memory_create(tm.m, &mt_note, note, "n", &v1,
                                            &e), SST_OK);
    CU_ASSERT_EQUAL_FATAL(sst_memory_update(tm.m, &mt_note, v1, upd, NULL,
                                            NULL, &v2, &e), SST_OK);
    CU_ASSERT_EQUAL(sst_memory_delete(tm.m, &mt_note, v1, &e), SST_OK);
    CU_ASSERT_PTR_NULL(raw = mt_raw(&tm, "Note#n", "v1"));
    json_object_put(raw);
    CU_ASSERT_PTR_NOT_NULL(raw = mt_raw(&tm, "Note#n", "v2"));
    json_object_put(raw);
    CU_ASSERT_PTR_NOT_NULL(raw = mt_raw(&tm, "Note#n", "v0"));
    json_object_put(raw);
    CU_ASSERT_EQUAL(sst_memory_delete(tm.m, &mt_note, v2, &e), SST_OK);
    CU_ASSERT_EQUAL(mt_count(&tm), 1); /* only the stats row */
    sst_tm_close(&tm);
    /* deleting the latest leaves older versions behind */
    if (mt_open(&tm, NULL, true))
        goto out;
    json_object_put(v1);
    json_object_put(v2);
    v1 = v2 = NULL;
    CU_ASSERT_EQUAL_FATAL(sst_memory_create(tm.m, &mt_note, note, "n", &v1,
                                            &e), SST_OK);
    CU_ASSERT_EQUAL_FATAL(sst_memory_update(tm.m, &mt_note, v1, upd, NULL,
                                            NULL, &v2, &e), SST_OK);
    CU_ASSERT_EQUAL(sst_memory_delete(tm.m, &mt_note, v2, &e), SST_OK);
    CU_ASSERT_PTR_NOT_NULL(raw = mt_raw(&tm, "Note#n", "v1"));
    json_object_put(raw);
    CU_ASSERT_PTR_NULL(raw = mt_raw(&tm, "Note#n", "v0"));
    json_object_put(raw);
    CU_ASSERT_EQUAL(sst_memory_delete(tm.m, &mt_note, data, &e),
                    SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(e.message, "Invalid resource type provided");
    sst_tm_close(&tm);
out:
    json_object_put(r);
    json_object_put(v1);
    json_object_put(v2);
    json_object_put(data);
    json_object_put(note);
    json_object_put(upd);
}

/* batch_get_existing on non-versioned resources: found ids only, in the
 * order asked, duplicates read once; [] gives {}; 230 ids in 3 chunks. */
static void
test_batch_get(void)
{
    struct sst_tm tm;
    struct sst_err e;
    json_object *data = mt_json("{\"name\":\"n\"}");
    json_object *out = NULL;
    const char *ids[] = {"b", "missing", "a", "b", "a"};
    static char many_buf[230][8];
    const char *many[230];
    int i;

    if (mt_open(&tm, NULL, false))
        goto done;
    CU_ASSERT_EQUAL(sst_memory_create(tm.m, &mt_thing, data, "a", NULL, &e),
                    SST_OK);
    CU_ASSERT_EQUAL(sst_memory_create(tm.m, &mt_thing, data, "b", NULL, &e),
                    SST_OK);
    CU_ASSERT_EQUAL_FATAL(sst_memory_batch_get(tm.m, &mt_thing, ids, 5, false,
                                               &out, &e), SST_OK);
    CU_ASSERT_EQUAL(json_object_object_length(out), 2);
    {
        struct json_object_iterator it = json_object_iter_begin(out);
        SST_ASSERT_STR_EQ(json_object_iter_peek_name(&it), "b");
        json_object_iter_next(&it);
        SST_ASSERT_STR_EQ(json_object_iter_peek_name(&it), "a");
    }
    SST_ASSERT_STR_EQ(mt_str(json_object_object_get(out, "a"), "resource_id"),
                      "a");
    json_object_put(out);
    out = NULL;
    CU_ASSERT_EQUAL(sst_memory_batch_get(tm.m, &mt_thing, NULL, 0, false,
                                         &out, &e), SST_OK);
    MT_ASSERT_JSON(out, "{}");
    json_object_put(out);
    out = NULL;
    for (i = 0; i < 230; i++) {
        snprintf(many_buf[i], sizeof many_buf[i], "m%03d", i);
        many[i] = many_buf[i];
        if (i % 2 == 0)
            CU_ASSERT_EQUAL(sst_memory_create(tm.m, &mt_thing, data,
                                              many[i], NULL, &e), SST_OK);
    }
    CU_ASSERT_EQUAL(sst_memory_batch_get(tm.m, &mt_thing, many, 230, true,
                                         &out, &e), SST_OK);
    CU_ASSERT_EQUAL(json_object_object_length(out), 115);
    CU_ASSERT_TRUE(json_object_object_get_ex(out, "m228", NULL));
    CU_ASSERT_FALSE(json_object_object_get_ex(out, "m229", NULL));
    json_object_put(out);
    out = NULL;
    ids[0] = "";
    CU_ASSERT_EQUAL(sst_memory_batch_get(tm.m, &mt_thing, ids, 1, false, &out,
                                         &e), SST_E_INVALID_ARG);
    sst_tm_close(&tm);
done:
    json_object_put(data);
}

/* batch_get_existing on a versioned type reads the latest (v0). */
static void
test_batch_get_versioned(void)
{
    struct sst_tm tm;
    struct sst_err e;
    json_object *n1 = mt_json("{\"text\":\"one\"}");
    json_object *n2 = mt_json("{\"text\":\"two\"}");
    json_object *r = NULL, *out = NULL;
    const char *ids[] = {"v", "w", "v"};

    if (mt_open(&tm, NULL, true))
        goto done;
    CU_ASSERT_EQUAL_FATAL(sst_memory_create(tm.m, &mt_note, n1, "v", &r, &e),
                          SST_OK);
    CU_ASSERT_EQUAL(sst_memory_update(tm.m, &mt_note, r, n2, NULL, NULL, NULL,
                                      &e), SST_OK);
    CU_ASSERT_EQUAL(sst_memory_create(tm.m, &mt_note, n1, "w", NULL, &e),
                    SST_OK);
    CU_ASSERT_EQUAL_FATAL(sst_memory_batch_get(tm.m, &mt_note, ids, 3, false,
                                               &out, &e), SST_OK);
    CU_ASSERT_EQUAL(json_object_object_length(out), 2);
    CU_ASSERT_EQUAL(mt_int(json_object_object_get(out, "v"), "version"), 2);
    SST_ASSERT_STR_EQ(mt_str(json_object_object_get(out, "v"), "text"),
                      "two");
    CU_ASSERT_EQUAL(mt_int(json_object_object_get(out, "w"), "version"), 1);
    json_object_put(out);
    sst_tm_close(&tm);
done:
    json_object_put(r);
    json_object_put(n1);
    json_object_put(n2);
}

/* API misuse. */
static void
test_bad_args(void)
{
    struct sst_tm tm;
    struct sst_err e;
    json_object *out = NULL;
    json_object *bad = mt_json("{\"name\":1,\"extra\":2}");

    if (mt_open(&tm, NULL, false))
        goto done;
    CU_ASSERT_EQUAL(sst_memory_get(tm.m, NULL, "x", 0, false, &out, &e),
                    SST_E_INVALID_ARG);
    CU_ASSERT_EQUAL(sst_memory_get(tm.m, &mt_doc, "x", -1, false, &out, &e),
                    SST_E_INVALID_ARG);
    CU_ASSERT_EQUAL(sst_memory_get(tm.m, &mt_thing, "", 0, false, &out, &e),
                    SST_E_INVALID_ARG);
    CU_ASSERT_EQUAL(sst_memory_create(tm.m, &mt_thing, NULL, NULL, &out, &e),
                    SST_E_INVALID_ARG);
    CU_ASSERT_EQUAL(sst_memory_create(tm.m, &mt_thing, bad, NULL, &out, &e),
                    SST_E_INVALID_DATA);
    SST_ASSERT_STR_EQ(e.message,
                      "field 'name': expected a string, got a number");
    CU_ASSERT_PTR_NULL(out);
    CU_ASSERT_EQUAL(mt_count(&tm), 0);
    sst_tm_close(&tm);
done:
    json_object_put(bad);
}

static const struct sst_test tests[] = {
    {"create and read (non-versioned, uncompressed)", test_create_read_plain},
    {"ULID ids; create overwrites", test_ids_and_overwrite},
    {"create and read (compressed)", test_compressed_plain},
    {"versioned create, read, duplicate id", test_versioned_create},
    {"delete", test_delete},
    {"batch get", test_batch_get},
    {"batch get (versioned)", test_batch_get_versioned},
    {"bad arguments", test_bad_args},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    return sst_tm_main(argc, argv, "test_memory_crud", tests);
}
