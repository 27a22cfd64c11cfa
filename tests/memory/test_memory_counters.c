/*
 * tests/memory/test_memory_counters.c - increment_counter, add_to_set,
 * remove_from_set and the MemoryStats counters of sst/memory.h (spec 1.3
 * and 2.8), the same cases on the emulator and on DynamoDB Local.
 */
#include <string.h>

#include <json-c/json.h>

#include "tests/harness.h"
#include "tests/memory/mtest.h"

/* The stats map as JSON text, read raw. */
static void
assert_counts(struct sst_tm *tm, const char *want)
{
    json_object *raw = mt_raw(tm, "_INTERNAL#MemoryStats",
                              "_INTERNAL#MemoryStats");

    MT_ASSERT_ITEM(json_object_object_get(raw, "counts_by_type"), want);
    json_object_put(raw);
}

/* increment_counter on an int field and on "map.key"; updated_at and
 * gsitypesk move to now; the value returned. */
static void
test_increment(void)
{
    struct sst_tm tm;
    struct sst_err e;
    json_object *data = mt_json("{\"name\":\"c\",\"count\":10,"
                                "\"counters\":{\"a\":1}}");
    json_object *r = NULL, *raw;
    int64_t v = 0;

    if (mt_open(&tm, NULL, false))
        goto done;
    CU_ASSERT_EQUAL_FATAL(sst_memory_create(tm.m, &mt_thing, data, "c", &r,
                                            &e), SST_OK);
    CU_ASSERT_EQUAL(sst_memory_increment(tm.m, &mt_thing, r, "count", 5, &v,
                                         &e), SST_OK);
    CU_ASSERT_EQUAL(v, 15);
    CU_ASSERT_EQUAL(sst_memory_increment(tm.m, &mt_thing, r, "count", -20, &v,
                                         &e), SST_OK);
    CU_ASSERT_EQUAL(v, -5);
    CU_ASSERT_EQUAL(sst_memory_increment(tm.m, &mt_thing, r, "counters.a", 2,
                                         &v, &e), SST_OK);
    CU_ASSERT_EQUAL(v, 3);
    CU_ASSERT_EQUAL(sst_memory_increment(tm.m, &mt_thing, r, "counters.new",
                                         1, &v, &e), SST_OK);
    CU_ASSERT_EQUAL(v, 1);
    CU_ASSERT_EQUAL(sst_memory_increment(tm.m, &mt_thing, r, "counters.new",
                                         1, NULL, &e), SST_OK);
    raw = mt_raw(&tm, "Thing#c", "Thing#c");
    MT_ASSERT_ITEM(json_object_object_get(raw, "count"), "{\"N\":\"-5\"}");
    MT_ASSERT_ITEM(json_object_object_get(raw, "counters"),
                   "{\"M\":{\"a\":{\"N\":\"3\"},\"new\":{\"N\":\"2\"}}}");
    /* the clock read 5 times for the create and its stats, then once per
     * increment: the last increment's time */
    SST_ASSERT_STR_EQ(mt_str(json_object_object_get(raw, "updated_at"), "S"),
                      "2026-01-02T03:04:05.131456+00:00");
    SST_ASSERT_STR_EQ(mt_str(json_object_object_get(raw, "gsitypesk"), "S"),
                      "2026-01-02T03:04:05.131456+00:00");
    SST_ASSERT_STR_EQ(mt_str(json_object_object_get(raw, "created_at"), "S"),
                      "2026-01-02T03:04:05.123456+00:00");
    json_object_put(raw);
    sst_tm_close(&tm);
done:
    json_object_put(r);
    json_object_put(data);
}

/* The refusals of increment_counter, add_to_set and remove_from_set. */
static void
test_counter_refusals(void)
{
    static const struct {
        const char *field;
        enum sst_code code;
        const char *msg;
    } inc[] = {
        {"nope", SST_E_INVALID_ARG, "Unknown field nope on Thing"},
        {"nope.x", SST_E_INVALID_ARG, "Unknown field nope.x on Thing"},
        {"name", SST_E_INVALID_ARG, "Field name of Thing is not an int"},
        {"score", SST_E_INVALID_ARG, "Field score of Thing is not an int"},
        {"info.k", SST_E_INVALID_ARG,
         "Field info of Thing is not a dict[str, int]"},
        {"count.x", SST_E_INVALID_ARG,
         "Field count of Thing is not a dict[str, int]"},
    };
    struct sst_tm tm;
    struct sst_err e;
    json_object *data = mt_json("{\"name\":\"c\"}");
    json_object *blob = mt_json("{\"resource_id\":\"b\"}");
    json_object *r = NULL;
    size_t i;

    if (mt_open(&tm, NULL, false))
        goto done;
    CU_ASSERT_EQUAL_FATAL(sst_memory_create(tm.m, &mt_thing, data, "c", &r,
                                            &e), SST_OK);
    for (i = 0; i < sizeof inc / sizeof inc[0]; i++) {
        CU_ASSERT_EQUAL(sst_memory_increment(tm.m, &mt_thing, r, inc[i].field,
                                             1, NULL, &e), inc[i].code);
        SST_ASSERT_STR_EQ(e.message, inc[i].msg);
    }
    CU_ASSERT_EQUAL(sst_memory_increment(tm.m, &mt_doc, r, "title", 1, NULL,
                                         &e), SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(e.message, "increment_counter can only be used with "
                                 "non-versioned resources");
    CU_ASSERT_EQUAL(sst_memory_increment(tm.m, &mt_blob, blob, "name", 1,
                                         NULL, &e), SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(e.message, "increment_counter cannot reach the fields "
                                 "of compressed resources (Blob)");
    CU_ASSERT_EQUAL(sst_memory_add_to_set(tm.m, &mt_thing, r, "name", "x",
                                          &e), SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(e.message, "Field name of Thing is not a set[str]");
    CU_ASSERT_EQUAL(sst_memory_remove_from_set(tm.m, &mt_thing, r, "zz", "x",
                                               &e), SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(e.message, "Unknown field zz on Thing");
    CU_ASSERT_EQUAL(sst_memory_add_to_set(tm.m, &mt_note, r, "text", "x", &e),
                    SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(e.message, "add_to_set can only be used with "
                                 "non-versioned resources");
    CU_ASSERT_EQUAL(sst_memory_add_to_set(tm.m, &mt_thing, r, "tags", NULL,
                                          &e), SST_E_INVALID_ARG);
    sst_tm_close(&tm);
done:
    json_object_put(r);
    json_object_put(blob);
    json_object_put(data);
}

/* add_to_set / remove_from_set: the SS attribute grows and shrinks (and
 * disappears when empty, as DynamoDB does); updated_at is untouched. */
static void
test_sets(void)
{
    struct sst_tm tm;
    struct sst_err e;
    json_object *data = mt_json("{\"name\":\"s\"}");
    json_object *r = NULL, *raw, *got = NULL;

    if (mt_open(&tm, NULL, false))
        goto done;
    CU_ASSERT_EQUAL_FATAL(sst_memory_create(tm.m, &mt_thing, data, "s", &r,
                                            &e), SST_OK);
    /* tags starts as NULL: ADD on a NULL attribute is refused by DynamoDB */
    CU_ASSERT_EQUAL(sst_memory_add_to_set(tm.m, &mt_thing, r, "tags", "a",
                                          &e), SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(e.type, "ValidationException");
    sst_tm_close(&tm);
    json_object_put(r);
    r = NULL;
    json_object_put(data);
    data = mt_json("{\"name\":\"s\",\"tags\":[\"a\"]}");
    if (mt_open(&tm, NULL, false))
        goto done;
    CU_ASSERT_EQUAL_FATAL(sst_memory_create(tm.m, &mt_thing, data, "s", &r,
                                            &e), SST_OK);
    CU_ASSERT_EQUAL(sst_memory_add_to_set(tm.m, &mt_thing, r, "tags", "b",
                                          &e), SST_OK);
    CU_ASSERT_EQUAL(sst_memory_add_to_set(tm.m, &mt_thing, r, "tags", "b",
                                          &e), SST_OK);
    raw = mt_raw(&tm, "Thing#s", "Thing#s");
    MT_ASSERT_ITEM(json_object_object_get(raw, "tags"),
                   "{\"SS\":[\"a\",\"b\"]}");
    SST_ASSERT_STR_EQ(mt_str(json_object_object_get(raw, "updated_at"), "S"),
                      "2026-01-02T03:04:05.123456+00:00");
    json_object_put(raw);
    CU_ASSERT_EQUAL(sst_memory_remove_from_set(tm.m, &mt_thing, r, "tags",
                                               "a", &e), SST_OK);
    CU_ASSERT_EQUAL(sst_memory_read(tm.m, &mt_thing, "s", 0, true, &got, &e),
                    SST_OK);
    MT_ASSERT_JSON(json_object_object_get(got, "tags"), "[\"b\"]");
    json_object_put(got);
    got = NULL;
    CU_ASSERT_EQUAL(sst_memory_remove_from_set(tm.m, &mt_thing, r, "tags",
                                               "b", &e), SST_OK);
    raw = mt_raw(&tm, "Thing#s", "Thing#s");
    CU_ASSERT_FALSE(json_object_object_get_ex(raw, "tags", NULL));
    json_object_put(raw);
    /* the absent attribute reads as the field's default */
    CU_ASSERT_EQUAL(sst_memory_read(tm.m, &mt_thing, "s", 0, true, &got, &e),
                    SST_OK);
    CU_ASSERT_PTR_NULL(json_object_object_get(got, "tags"));
    json_object_put(got);
    sst_tm_close(&tm);
done:
    json_object_put(r);
    json_object_put(data);
}

/* Stats: get_stats creates the row, which counts itself; creates +1;
 * updates nothing; deleting a non-latest version nothing; deleting the
 * latest -1; a non-versioned delete -1; delete_all_versions -1; the exact
 * stats row. */
static void
test_stats(void)
{
    struct sst_tm tm;
    struct sst_err e;
    json_object *st = NULL, *a = NULL, *n1 = NULL, *n2 = NULL, *raw;
    json_object *thing = mt_json("{\"name\":\"a\"}");
    json_object *note = mt_json("{\"text\":\"a\"}");

    if (mt_open(&tm, NULL, true))
        goto done;
    CU_ASSERT_EQUAL_FATAL(sst_memory_get_stats(tm.m, &st, &e), SST_OK);
    MT_ASSERT_JSON(st, "{\"resource_id\":\"MemoryStats\",\"created_at\":"
                       "\"2026-01-02T03:04:05.123456+00:00\",\"updated_at\":"
                       "\"2026-01-02T03:04:05.124456+00:00\","
                       "\"counts_by_type\":{\"MemoryStats\":1}}");
    raw = mt_raw(&tm, "_INTERNAL#MemoryStats", "_INTERNAL#MemoryStats");
    MT_ASSERT_ITEM(raw, "{\"pk\":{\"S\":\"_INTERNAL#MemoryStats\"},"
                        "\"sk\":{\"S\":\"_INTERNAL#MemoryStats\"},"
                        "\"resource_id\":{\"S\":\"MemoryStats\"},"
                        "\"created_at\":{\"S\":\"2026-01-02T03:04:05.123456"
                        "+00:00\"},\"updated_at\":{\"S\":\"2026-01-02T03:04:"
                        "05.124456+00:00\"},\"counts_by_type\":{\"M\":"
                        "{\"MemoryStats\":{\"N\":\"1\"}}},"
                        "\"gsitype\":{\"S\":\"MemoryStats\"},"
                        "\"gsitypesk\":{\"S\":\"2026-01-02T03:04:05.124456"
                        "+00:00\"}}");
    json_object_put(raw);
    CU_ASSERT_EQUAL(sst_memory_create(tm.m, &mt_thing, thing, "t1", &a, &e),
                    SST_OK);
    CU_ASSERT_EQUAL(sst_memory_create(tm.m, &mt_thing, thing, "t2", NULL, &e),
                    SST_OK);
    CU_ASSERT_EQUAL(sst_memory_create(tm.m, &mt_note, note, "n", &n1, &e),
                    SST_OK);
    CU_ASSERT_EQUAL(sst_memory_create(tm.m, &mt_note, note, "m", NULL, &e),
                    SST_OK);
    assert_counts(&tm, "{\"M\":{\"MemoryStats\":{\"N\":\"1\"},"
                       "\"Thing\":{\"N\":\"2\"},\"Note\":{\"N\":\"2\"}}}");
    CU_ASSERT_EQUAL(sst_memory_update(tm.m, &mt_note, n1, note, NULL, NULL,
                                      &n2, &e), SST_OK);
    CU_ASSERT_EQUAL(sst_memory_delete(tm.m, &mt_note, n1, &e), SST_OK);
    assert_counts(&tm, "{\"M\":{\"MemoryStats\":{\"N\":\"1\"},"
                       "\"Thing\":{\"N\":\"2\"},\"Note\":{\"N\":\"2\"}}}");
    CU_ASSERT_EQUAL(sst_memory_delete(tm.m, &mt_note, n2, &e), SST_OK);
    CU_ASSERT_EQUAL(sst_memory_delete(tm.m, &mt_thing, a, &e), SST_OK);
    assert_counts(&tm, "{\"M\":{\"MemoryStats\":{\"N\":\"1\"},"
                       "\"Thing\":{\"N\":\"1\"},\"Note\":{\"N\":\"1\"}}}");
    CU_ASSERT_EQUAL(sst_memory_delete_all_versions(tm.m, &mt_note, "m", &e),
                    SST_OK);
    CU_ASSERT_EQUAL(sst_memory_delete_all_versions(tm.m, &mt_note, "m", &e),
                    SST_OK);
    assert_counts(&tm, "{\"M\":{\"MemoryStats\":{\"N\":\"1\"},"
                       "\"Thing\":{\"N\":\"1\"},\"Note\":{\"N\":\"0\"}}}");
    json_object_put(st);
    st = NULL;
    CU_ASSERT_EQUAL(sst_memory_get_stats(tm.m, &st, &e), SST_OK);
    MT_ASSERT_JSON(json_object_object_get(st, "counts_by_type"),
                   "{\"MemoryStats\":1,\"Thing\":1,\"Note\":0}");
    sst_tm_close(&tm);
done:
    json_object_put(st);
    json_object_put(a);
    json_object_put(n1);
    json_object_put(n2);
    json_object_put(thing);
    json_object_put(note);
}

/* track_stats off: no stats row is written. */
static void
test_no_stats(void)
{
    struct sst_tm tm;
    struct sst_memory_opts o;
    struct sst_err e;
    json_object *thing = mt_json("{\"name\":\"a\"}");
    json_object *r = NULL;

    sst_memory_opts_init(&o, NULL);
    o.track_stats = false;
    if (mt_open(&tm, &o, false))
        goto done;
    CU_ASSERT_EQUAL(sst_memory_create(tm.m, &mt_thing, thing, "t", &r, &e),
                    SST_OK);
    CU_ASSERT_EQUAL(sst_memory_delete(tm.m, &mt_thing, r, &e), SST_OK);
    CU_ASSERT_EQUAL(mt_count(&tm), 0);
    sst_tm_close(&tm);
done:
    json_object_put(r);
    json_object_put(thing);
}

static const struct sst_test tests[] = {
    {"increment_counter", test_increment},
    {"counter and set refusals", test_counter_refusals},
    {"add_to_set and remove_from_set", test_sets},
    {"stats counters", test_stats},
    {"track_stats off", test_no_stats},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    return sst_tm_main(argc, argv, "test_memory_counters", tests);
}
