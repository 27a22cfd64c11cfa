/*
 * tests/memory/test_memory_update.c - update_existing() of sst/memory.h:
 * versioned updates and their snapshots, stale updates and lost races,
 * clear_fields, and the user condition libsst adds (spec 3, 4 and 8.3),
 * the same cases on the emulator and on DynamoDB Local.
 */
#include <string.h>

#include <json-c/json.h>

#include "tests/harness.h"
#include "tests/memory/mtest.h"

#define RACE_MSG                                                             \
    "Transaction failed: Item 0: ConditionalCheckFailed - The conditional "  \
    "request failed"

/* A versioned update gives version 2 with the same id and created_at and
 * a later updated_at; versions 0, 2 and 1 read the right snapshots; a
 * stale update and a lost race are version conflicts. */
static void
test_versioned_update(void)
{
    struct sst_tm tm;
    struct sst_err e;
    json_object *n1 = mt_json("{\"text\":\"one\",\"status\":\"open\"}");
    json_object *n2 = mt_json("{\"text\":\"two\"}");
    json_object *v1 = NULL, *v2 = NULL, *got = NULL, *raw;

    if (mt_open(&tm, NULL, true))
        goto done;
    CU_ASSERT_EQUAL_FATAL(sst_memory_create(tm.m, &mt_note, n1, "n", &v1, &e),
                          SST_OK);
    CU_ASSERT_EQUAL_FATAL(sst_memory_update(tm.m, &mt_note, v1, n2, NULL,
                                            NULL, &v2, &e), SST_OK);
    CU_ASSERT_EQUAL(mt_int(v2, "version"), 2);
    SST_ASSERT_STR_EQ(mt_str(v2, "resource_id"), "n");
    SST_ASSERT_STR_EQ(mt_str(v2, "created_at"), mt_str(v1, "created_at"));
    CU_ASSERT_TRUE(strcmp(mt_str(v2, "updated_at"),
                          mt_str(v1, "updated_at")) > 0);
    SST_ASSERT_STR_EQ(mt_str(v2, "text"), "two");
    SST_ASSERT_STR_EQ(mt_str(v2, "status"), "open");
    CU_ASSERT_EQUAL(sst_memory_read(tm.m, &mt_note, "n", 0, false, &got, &e),
                    SST_OK);
    CU_ASSERT_TRUE(json_object_equal(got, v2));
    json_object_put(got);
    CU_ASSERT_EQUAL(sst_memory_read(tm.m, &mt_note, "n", 2, false, &got, &e),
                    SST_OK);
    CU_ASSERT_TRUE(json_object_equal(got, v2));
    json_object_put(got);
    CU_ASSERT_EQUAL(sst_memory_read(tm.m, &mt_note, "n", 1, false, &got, &e),
                    SST_OK);
    CU_ASSERT_TRUE(json_object_equal(got, v1));
    json_object_put(got);
    got = NULL;
    /* the rows: v2 is a full snapshot without GSI attributes; v0 has them */
    raw = mt_raw(&tm, "Note#n", "v2");
    MT_ASSERT_ITEM(raw, "{\"pk\":{\"S\":\"Note#n\"},\"sk\":{\"S\":\"v2\"},"
                        "\"version\":{\"N\":\"2\"},"
                        "\"resource_id\":{\"S\":\"n\"},"
                        "\"created_at\":{\"S\":\"2026-01-02T03:04:05.123456"
                        "+00:00\"},\"updated_at\":{\"S\":\"2026-01-02T03:04:"
                        "05.127456+00:00\"},\"text\":{\"S\":\"two\"},"
                        "\"status\":{\"S\":\"open\"},"
                        "\"score\":{\"NULL\":true}}");
    json_object_put(raw);
    raw = mt_raw(&tm, "Note#n", "v0");
    MT_ASSERT_ITEM(raw, "{\"pk\":{\"S\":\"Note#n\"},\"sk\":{\"S\":\"v0\"},"
                        "\"version\":{\"N\":\"2\"},"
                        "\"resource_id\":{\"S\":\"n\"},"
                        "\"created_at\":{\"S\":\"2026-01-02T03:04:05.123456"
                        "+00:00\"},\"updated_at\":{\"S\":\"2026-01-02T03:04:"
                        "05.127456+00:00\"},\"text\":{\"S\":\"two\"},"
                        "\"status\":{\"S\":\"open\"},"
                        "\"score\":{\"NULL\":true},"
                        "\"gsitype\":{\"S\":\"Note\"},"
                        "\"gsitypesk\":{\"S\":\"2026-01-02T03:04:05.127456"
                        "+00:00\"},\"gsi3pk\":{\"S\":\"status#open\"},"
                        "\"gsi3sk\":{\"S\":\"2026-01-02T03:04:05.127456"
                        "+00:00\"}}");
    json_object_put(raw);
    /* stale: v1 is no longer the latest */
    CU_ASSERT_EQUAL(sst_memory_update(tm.m, &mt_note, v1, n2, NULL, NULL,
                                      &got, &e), SST_E_VERSION_CONFLICT);
    SST_ASSERT_STR_EQ(e.message, "Cannot update from non-latest version");
    CU_ASSERT_PTR_NULL(got);
    /* a lost race: another writer put v3 after our check of v0 */
    mt_put_raw(&tm, "{\"pk\":{\"S\":\"Note#n\"},\"sk\":{\"S\":\"v3\"},"
                    "\"version\":{\"N\":\"3\"}}");
    CU_ASSERT_EQUAL(sst_memory_update(tm.m, &mt_note, v2, n1, NULL, NULL,
                                      &got, &e), SST_E_VERSION_CONFLICT);
    SST_ASSERT_STR_EQ(e.message, RACE_MSG);
    SST_ASSERT_STR_EQ(e.type, "");
    CU_ASSERT_EQUAL(mt_count(&tm), 5); /* v1 v2 v3 v0 and stats */
    /* no v0 at all */
    CU_ASSERT_EQUAL(sst_memory_delete_all_versions(tm.m, &mt_note, "n", &e),
                    SST_OK);
    CU_ASSERT_EQUAL(sst_memory_update(tm.m, &mt_note, v2, n1, NULL, NULL,
                                      &got, &e), SST_E_ITEM_NOT_FOUND);
    SST_ASSERT_STR_EQ(e.message, "Note n not found");
    sst_tm_close(&tm);
done:
    json_object_put(v1);
    json_object_put(v2);
    json_object_put(n1);
    json_object_put(n2);
}

/* clear_fields on a non-versioned resource: one field, several, clear
 * plus update, a field the update does not name; cleared fields are NULL
 * attributes. */
static void
test_clear_plain(void)
{
    struct sst_tm tm;
    struct sst_err e;
    json_object *data = mt_json("{\"name\":\"a\",\"score\":\"2\","
                                "\"parent_id\":\"p\",\"when\":"
                                "\"2026-05-06T07:08:09+00:00\"}");
    json_object *upd = mt_json("{\"name\":\"b\"}");
    json_object *r = NULL, *r2 = NULL, *r3 = NULL, *raw;
    const char *one[] = {"score", NULL};
    const char *two[] = {"parent_id", "when", NULL};

    if (mt_open(&tm, NULL, false))
        goto done;
    CU_ASSERT_EQUAL_FATAL(sst_memory_create(tm.m, &mt_thing, data, "c", &r,
                                            &e), SST_OK);
    CU_ASSERT_EQUAL_FATAL(sst_memory_update(tm.m, &mt_thing, r, NULL, one,
                                            NULL, &r2, &e), SST_OK);
    CU_ASSERT_PTR_NULL(json_object_object_get(r2, "score"));
    SST_ASSERT_STR_EQ(mt_str(r2, "parent_id"), "p");
    CU_ASSERT_EQUAL_FATAL(sst_memory_update(tm.m, &mt_thing, r2, upd, two,
                                            NULL, &r3, &e), SST_OK);
    SST_ASSERT_STR_EQ(mt_str(r3, "name"), "b");
    raw = mt_raw(&tm, "Thing#c", "Thing#c");
    CU_ASSERT_TRUE(json_object_object_get_ex(
        json_object_object_get(raw, "score"), "NULL", NULL));
    CU_ASSERT_TRUE(json_object_object_get_ex(
        json_object_object_get(raw, "parent_id"), "NULL", NULL));
    CU_ASSERT_TRUE(json_object_object_get_ex(
        json_object_object_get(raw, "when"), "NULL", NULL));
    /* the sparse GSI attribute went with its value */
    CU_ASSERT_FALSE(json_object_object_get_ex(raw, "gsi1pk", NULL));
    SST_ASSERT_STR_EQ(mt_str(json_object_object_get(raw, "name"), "S"), "b");
    json_object_put(raw);
    sst_tm_close(&tm);
done:
    json_object_put(r);
    json_object_put(r2);
    json_object_put(r3);
    json_object_put(data);
    json_object_put(upd);
}

/* clear_fields on a versioned resource: v1 keeps the old value, v0 and
 * v2 reflect the clear. */
static void
test_clear_versioned(void)
{
    struct sst_tm tm;
    struct sst_err e;
    json_object *data = mt_json("{\"text\":\"t\",\"status\":\"s\","
                                "\"score\":\"1.25\"}");
    json_object *upd = mt_json("{\"text\":\"u\"}");
    json_object *r = NULL, *r2 = NULL, *got = NULL;
    const char *clear[] = {"status", "score", NULL};

    if (mt_open(&tm, NULL, true))
        goto done;
    CU_ASSERT_EQUAL_FATAL(sst_memory_create(tm.m, &mt_note, data, "c", &r,
                                            &e), SST_OK);
    CU_ASSERT_EQUAL_FATAL(sst_memory_update(tm.m, &mt_note, r, upd, clear,
                                            NULL, &r2, &e), SST_OK);
    CU_ASSERT_PTR_NULL(json_object_object_get(r2, "status"));
    CU_ASSERT_PTR_NULL(json_object_object_get(r2, "score"));
    SST_ASSERT_STR_EQ(mt_str(r2, "text"), "u");
    CU_ASSERT_EQUAL(sst_memory_read(tm.m, &mt_note, "c", 1, true, &got, &e),
                    SST_OK);
    SST_ASSERT_STR_EQ(mt_str(got, "status"), "s");
    SST_ASSERT_STR_EQ(json_object_get_string(json_object_object_get(got,
                                                                    "score")),
                      "1.25");
    json_object_put(got);
    CU_ASSERT_EQUAL(sst_memory_read(tm.m, &mt_note, "c", 0, true, &got, &e),
                    SST_OK);
    CU_ASSERT_TRUE(json_object_equal(got, r2));
    json_object_put(got);
    got = mt_raw(&tm, "Note#c", "v0");
    CU_ASSERT_FALSE(json_object_object_get_ex(got, "gsi3pk", NULL));
    json_object_put(got);
    got = mt_raw(&tm, "Note#c", "v1");
    CU_ASSERT_FALSE(json_object_object_get_ex(got, "gsi3pk", NULL));
    json_object_put(got);
    sst_tm_close(&tm);
done:
    json_object_put(r);
    json_object_put(r2);
    json_object_put(data);
    json_object_put(upd);
}

/* A user condition on a non-versioned update: true writes, false is
 * SST_E_CONDITION_FAILED and writes nothing. */
static void
test_cond_plain(void)
{
    struct sst_tm tm;
    struct sst_err e;
    json_object *data = mt_json("{\"name\":\"a\",\"count\":3}");
    json_object *upd = mt_json("{\"name\":\"b\"}");
    json_object *r = NULL, *r2 = NULL, *got = NULL;
    struct sst_exprb *b = sst_exprb_new();
    struct sst_memory_cond c = {b, NULL};

    if (mt_open(&tm, NULL, false))
        goto done;
    CU_ASSERT_EQUAL_FATAL(sst_memory_create(tm.m, &mt_thing, data, "k", &r,
                                            &e), SST_OK);
    c.cond = sst_exprb_eq(b, sst_exprb_path(b, "count"), sst_exprb_int(b, 4));
    CU_ASSERT_EQUAL(sst_memory_update(tm.m, &mt_thing, r, upd, NULL, &c, &r2,
                                      &e), SST_E_CONDITION_FAILED);
    SST_ASSERT_STR_EQ(e.type, "ConditionalCheckFailedException");
    SST_ASSERT_STR_EQ(e.message, "The conditional request failed");
    CU_ASSERT_PTR_NULL(r2);
    CU_ASSERT_EQUAL(sst_memory_read(tm.m, &mt_thing, "k", 0, true, &got, &e),
                    SST_OK);
    SST_ASSERT_STR_EQ(mt_str(got, "name"), "a");
    json_object_put(got);
    sst_exprb_free(b);
    b = c.b = sst_exprb_new();
    c.cond = sst_exprb_and(
        b, sst_exprb_eq(b, sst_exprb_path(b, "count"), sst_exprb_int(b, 3)),
        sst_exprb_eq(b, sst_exprb_path(b, "name"), sst_exprb_str(b, "a")));
    CU_ASSERT_EQUAL(sst_memory_update(tm.m, &mt_thing, r, upd, NULL, &c, &r2,
                                      &e), SST_OK);
    CU_ASSERT_EQUAL(sst_memory_read(tm.m, &mt_thing, "k", 0, true, &got, &e),
                    SST_OK);
    SST_ASSERT_STR_EQ(mt_str(got, "name"), "b");
    json_object_put(got);
    /* a condition without its node is API misuse */
    c.cond = NULL;
    CU_ASSERT_EQUAL(sst_memory_update(tm.m, &mt_thing, r, upd, NULL, &c, NULL,
                                      &e), SST_E_INVALID_ARG);
    sst_tm_close(&tm);
done:
    sst_exprb_free(b);
    json_object_put(r);
    json_object_put(r2);
    json_object_put(data);
    json_object_put(upd);
}

/* A user condition on a versioned update: false on the current v0 is
 * SST_E_CONDITION_FAILED (nothing written); true writes v2; with a lost
 * race the race wins (SST_E_VERSION_CONFLICT). */
static void
test_cond_versioned(void)
{
    struct sst_tm tm;
    struct sst_err e;
    json_object *data = mt_json("{\"text\":\"t\",\"status\":\"open\"}");
    json_object *upd = mt_json("{\"status\":\"done\"}");
    json_object *r = NULL, *r2 = NULL;
    struct sst_exprb *b = sst_exprb_new();
    struct sst_memory_cond c = {b, NULL};

    if (mt_open(&tm, NULL, true))
        goto done;
    CU_ASSERT_EQUAL_FATAL(sst_memory_create(tm.m, &mt_note, data, "k", &r,
                                            &e), SST_OK);
    c.cond = sst_exprb_eq(b, sst_exprb_path(b, "status"),
                          sst_exprb_str(b, "closed"));
    CU_ASSERT_EQUAL(sst_memory_update(tm.m, &mt_note, r, upd, NULL, &c, &r2,
                                      &e), SST_E_CONDITION_FAILED);
    SST_ASSERT_STR_EQ(e.message,
                      "Transaction failed: Item 1: ConditionalCheckFailed - "
                      "The conditional request failed");
    CU_ASSERT_EQUAL(mt_count(&tm), 3); /* v1 v0 stats */
    sst_exprb_free(b);
    b = c.b = sst_exprb_new();
    c.cond = sst_exprb_eq(b, sst_exprb_path(b, "status"),
                          sst_exprb_str(b, "open"));
    CU_ASSERT_EQUAL_FATAL(sst_memory_update(tm.m, &mt_note, r, upd, NULL, &c,
                                            &r2, &e), SST_OK);
    CU_ASSERT_EQUAL(mt_int(r2, "version"), 2);
    SST_ASSERT_STR_EQ(mt_str(r2, "status"), "done");
    /* race: v3 appears behind our back; the condition holds on v0 */
    mt_put_raw(&tm, "{\"pk\":{\"S\":\"Note#k\"},\"sk\":{\"S\":\"v3\"},"
                    "\"version\":{\"N\":\"3\"}}");
    sst_exprb_free(b);
    b = c.b = sst_exprb_new();
    c.cond = sst_exprb_exists(b, sst_exprb_path(b, "status"));
    CU_ASSERT_EQUAL(sst_memory_update(tm.m, &mt_note, r2, data, NULL, &c,
                                      NULL, &e), SST_E_VERSION_CONFLICT);
    SST_ASSERT_STR_EQ(e.message, RACE_MSG);
    sst_tm_close(&tm);
done:
    sst_exprb_free(b);
    json_object_put(r);
    json_object_put(r2);
    json_object_put(data);
    json_object_put(upd);
}

static const struct sst_field slot_fields[] = {
    {.name = "label", .kind = SST_FIELD_STRING},
    {.name = "claimed_by", .kind = SST_FIELD_STRING, .nullable = true,
     .default_json = "null"},
    {.name = "extra", .kind = SST_FIELD_MAP, .nullable = true,
     .default_json = "null"},
};

static const struct sst_type slot_omit = {
    .name = "Slot",
    .fields = slot_fields,
    .nfields = 3,
    .config = {.omit_none = true},
};

static const struct sst_type slot_null = {
    .name = "SlotNull",
    .fields = slot_fields,
    .nfields = 3,
};

/* omit_none: the None attribute is absent, so "claim this slot" with
 * attribute_not_exists works; without the flag the NULL attribute exists
 * and the same condition fails. Nested None members are left out too. */
static void
test_omit_none_claim(void)
{
    struct sst_tm tm;
    struct sst_err e;
    json_object *data = mt_json("{\"label\":\"s\",\"extra\":{\"a\":null,"
                                "\"b\":1}}");
    json_object *claim = mt_json("{\"claimed_by\":\"me\"}");
    json_object *r = NULL, *raw;
    struct sst_exprb *b = sst_exprb_new();
    struct sst_memory_cond c = {b, NULL};

    c.cond = sst_exprb_not_exists(b, sst_exprb_path(b, "claimed_by"));
    if (mt_open(&tm, NULL, false))
        goto done;
    CU_ASSERT_EQUAL_FATAL(sst_memory_create(tm.m, &slot_omit, data, "s", &r,
                                            &e), SST_OK);
    raw = mt_raw(&tm, "Slot#s", "Slot#s");
    CU_ASSERT_FALSE(json_object_object_get_ex(raw, "claimed_by", NULL));
    MT_ASSERT_ITEM(json_object_object_get(raw, "extra"),
                   "{\"M\":{\"b\":{\"N\":\"1\"}}}");
    json_object_put(raw);
    CU_ASSERT_EQUAL(sst_memory_update(tm.m, &slot_omit, r, claim, NULL, &c,
                                      NULL, &e), SST_OK);
    raw = mt_raw(&tm, "Slot#s", "Slot#s");
    SST_ASSERT_STR_EQ(mt_str(json_object_object_get(raw, "claimed_by"), "S"),
                      "me");
    json_object_put(raw);
    /* claimed now: a second claim fails */
    CU_ASSERT_EQUAL(sst_memory_update(tm.m, &slot_omit, r, claim, NULL, &c,
                                      NULL, &e), SST_E_CONDITION_FAILED);
    json_object_put(r);
    r = NULL;
    /* without omit_none the NULL attribute exists from the start */
    CU_ASSERT_EQUAL_FATAL(sst_memory_create(tm.m, &slot_null, data, "s", &r,
                                            &e), SST_OK);
    raw = mt_raw(&tm, "SlotNull#s", "SlotNull#s");
    MT_ASSERT_ITEM(json_object_object_get(raw, "claimed_by"),
                   "{\"NULL\":true}");
    MT_ASSERT_ITEM(json_object_object_get(raw, "extra"),
                   "{\"M\":{\"a\":{\"NULL\":true},\"b\":{\"N\":\"1\"}}}");
    json_object_put(raw);
    CU_ASSERT_EQUAL(sst_memory_update(tm.m, &slot_null, r, claim, NULL, &c,
                                      NULL, &e), SST_E_CONDITION_FAILED);
    sst_tm_close(&tm);
done:
    sst_exprb_free(b);
    json_object_put(r);
    json_object_put(data);
    json_object_put(claim);
}

static const struct sst_test tests[] = {
    {"versioned update, snapshots, stale, race", test_versioned_update},
    {"clear_fields (non-versioned)", test_clear_plain},
    {"clear_fields (versioned)", test_clear_versioned},
    {"user condition (non-versioned)", test_cond_plain},
    {"user condition (versioned)", test_cond_versioned},
    {"omit_none and attribute_not_exists", test_omit_none_claim},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    return sst_tm_main(argc, argv, "test_memory_update", tests);
}
