/*
 * tests/memory/test_memory_serial.c - what create and update write
 * (spec 8.3 "Serialization" and the write side of "GSI config"): exact
 * numbers, dates, nested models, TTL, and the GSI attributes of static,
 * callable, tuple, legacy and dynamic configs, the same cases on the
 * emulator and on DynamoDB Local.
 */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>
#include <sst/mem.h>

#include "tests/harness.h"
#include "tests/memory/mtest.h"

/* ------------------------------------------------------------ types */

static enum sst_code
cat_gsi1(const struct sst_type *t, const json_object *res, void *ud,
         char **out, struct sst_err *err)
{
    char buf[128];

    (void)t;
    (void)ud;
    (void)err;
    *out = NULL;
    if (mt_str(res, "category")[0] == '\0')
        return SST_OK;
    snprintf(buf, sizeof buf, "cat#%s", mt_str(res, "category"));
    *out = sst_strdup(buf);
    return SST_OK;
}

static enum sst_code
owner_pair(const struct sst_type *t, const json_object *res, void *ud,
           char **pk, char **sk, struct sst_err *err)
{
    (void)t;
    (void)err;
    *pk = *sk = NULL;
    if (mt_str(res, "owner")[0] == '\0')
        return SST_OK;
    *pk = sst_strdup(mt_str(res, "owner"));
    *sk = sst_strdup(ud != NULL ? (const char *)ud : "sk");
    return SST_OK;
}

static enum sst_code
legacy_gsi1(const struct sst_type *t, const json_object *res, void *ud,
            char **out, struct sst_err *err)
{
    char buf[128];

    (void)t;
    (void)ud;
    (void)err;
    snprintf(buf, sizeof buf, "legacy#%s", mt_str(res, "resource_id"));
    *out = sst_strdup(buf);
    return SST_OK;
}

static const struct sst_field gsi_fields[] = {
    {.name = "category", .kind = SST_FIELD_STRING, .nullable = true,
     .default_json = "null"},
    {.name = "owner", .kind = SST_FIELD_STRING, .nullable = true,
     .default_json = "null"},
};

static const struct sst_gsi_attr g1[] = {{.attr = "gsi1pk", .fn = cat_gsi1}};
static const struct sst_gsi_attr g2[] = {{.attr = "gsi2pk", .value = "all"},
                                         {.attr = "gsi9pk", .value = ""}};
static const struct sst_gsi_attr g3[] = {
    {.attr = "gsi3pk", .sk_attr = "gsi3sk", .pair_fn = owner_pair}};
static const struct sst_gsi gsi_config[] = {
    {"by-category", g1, 1}, {"gsi-2", g2, 2}, {"gsi3", g3, 1}};

static const struct sst_type gthing = {
    .name = "GThing", .fields = gsi_fields, .nfields = 2,
    .gsis = gsi_config, .ngsis = 3};

static const struct sst_type vgthing = {
    .name = "VGThing", .versioned = true, .fields = gsi_fields, .nfields = 2,
    .gsis = gsi_config, .ngsis = 3};

/* legacy hooks override the config's gsi1pk and add gsi3 */
static const struct sst_gsi_attr static1[] = {
    {.attr = "gsi1pk", .value = "config"}};
static const struct sst_gsi legacy_config[] = {{"gsi1", static1, 1}};
static const struct sst_type legacy = {
    .name = "Legacy", .fields = gsi_fields, .nfields = 2,
    .hooks = {.gsi1pk = legacy_gsi1, .gsi3 = owner_pair, .ud = "legacy-sk"},
    .gsis = legacy_config, .ngsis = 1};

/* get_gsi_config() overridden (the classmethod) wins over gsis (the
 * class variable) */
static const struct sst_gsi_attr method2[] = {
    {.attr = "gsi2pk", .value = "from-method"}};
static const struct sst_gsi method_config[] = {{"gsi2", method2, 1}};

static const struct sst_gsi *
dyn_config(const struct sst_type *t, void *ud, size_t *n)
{
    (void)t;
    (void)ud;
    *n = 1;
    return method_config;
}

static const struct sst_type dynamic = {
    .name = "Dynamic", .fields = gsi_fields, .nfields = 2,
    .hooks = {.gsi_config = dyn_config},
    .gsis = legacy_config, .ngsis = 1};

static const struct sst_type empty_config = {
    .name = "Plain", .fields = gsi_fields, .nfields = 2};

/* ------------------------------------------------------------ GSI tests */

/* The GSI attributes of a non-versioned row, as values come and go. */
static void
test_gsi_plain(void)
{
    struct sst_tm tm;
    struct sst_err e;
    json_object *full = mt_json("{\"category\":\"c\",\"owner\":\"o\"}");
    json_object *none = mt_json("{\"category\":null,\"owner\":null}");
    json_object *r = NULL, *r2 = NULL, *raw, *got = NULL;

    if (mt_open(&tm, NULL, false))
        goto done;
    CU_ASSERT_EQUAL_FATAL(sst_memory_create(tm.m, &gthing, full, "g", &r, &e),
                          SST_OK);
    raw = mt_raw(&tm, "GThing#g", "GThing#g");
    SST_ASSERT_STR_EQ(mt_str(json_object_object_get(raw, "gsi1pk"), "S"),
                      "cat#c");
    SST_ASSERT_STR_EQ(mt_str(json_object_object_get(raw, "gsi2pk"), "S"),
                      "all");
    SST_ASSERT_STR_EQ(mt_str(json_object_object_get(raw, "gsi3pk"), "S"),
                      "o");
    SST_ASSERT_STR_EQ(mt_str(json_object_object_get(raw, "gsi3sk"), "S"),
                      "sk");
    CU_ASSERT_FALSE(json_object_object_get_ex(raw, "gsi9pk", NULL));
    CU_ASSERT_EQUAL(json_object_object_length(raw), 13);
    json_object_put(raw);
    /* the GSI attributes are not fields: the resource reads back */
    CU_ASSERT_EQUAL(sst_memory_read(tm.m, &gthing, "g", 0, true, &got, &e),
                    SST_OK);
    CU_ASSERT_TRUE(json_object_equal(got, r));
    json_object_put(got);
    /* values made None: the attributes go (and the static one stays) */
    CU_ASSERT_EQUAL(sst_memory_update(tm.m, &gthing, r, none, NULL, NULL, &r2,
                                      &e), SST_OK);
    raw = mt_raw(&tm, "GThing#g", "GThing#g");
    CU_ASSERT_FALSE(json_object_object_get_ex(raw, "gsi1pk", NULL));
    CU_ASSERT_FALSE(json_object_object_get_ex(raw, "gsi3pk", NULL));
    CU_ASSERT_FALSE(json_object_object_get_ex(raw, "gsi3sk", NULL));
    SST_ASSERT_STR_EQ(mt_str(json_object_object_get(raw, "gsi2pk"), "S"),
                      "all");
    json_object_put(raw);
    sst_tm_close(&tm);
done:
    json_object_put(r);
    json_object_put(r2);
    json_object_put(full);
    json_object_put(none);
}

/* Versioned: only v0 carries GSI attributes; None omits them; an update
 * to None removes them from v0. */
static void
test_gsi_versioned(void)
{
    struct sst_tm tm;
    struct sst_err e;
    json_object *full = mt_json("{\"category\":\"c\",\"owner\":\"o\"}");
    json_object *part = mt_json("{\"category\":null}");
    json_object *r = NULL, *raw;

    if (mt_open(&tm, NULL, true))
        goto done;
    CU_ASSERT_EQUAL_FATAL(sst_memory_create(tm.m, &vgthing, full, "v", &r,
                                            &e), SST_OK);
    raw = mt_raw(&tm, "VGThing#v", "v0");
    SST_ASSERT_STR_EQ(mt_str(json_object_object_get(raw, "gsi1pk"), "S"),
                      "cat#c");
    SST_ASSERT_STR_EQ(mt_str(json_object_object_get(raw, "gsi3pk"), "S"),
                      "o");
    json_object_put(raw);
    raw = mt_raw(&tm, "VGThing#v", "v1");
    CU_ASSERT_EQUAL(json_object_object_length(raw), 4);
    CU_ASSERT_FALSE(json_object_object_get_ex(raw, "gsi1pk", NULL));
    json_object_put(raw);
    CU_ASSERT_EQUAL(sst_memory_update(tm.m, &vgthing, r, part, NULL, NULL,
                                      NULL, &e), SST_OK);
    raw = mt_raw(&tm, "VGThing#v", "v0");
    CU_ASSERT_FALSE(json_object_object_get_ex(raw, "gsi1pk", NULL));
    SST_ASSERT_STR_EQ(mt_str(json_object_object_get(raw, "gsi3pk"), "S"),
                      "o");
    SST_ASSERT_STR_EQ(mt_str(json_object_object_get(raw, "gsi2pk"), "S"),
                      "all");
    json_object_put(raw);
    json_object_put(r);
    r = NULL;
    /* created with None: never written */
    CU_ASSERT_EQUAL(sst_memory_create(tm.m, &vgthing, part, "w", NULL, &e),
                    SST_OK);
    raw = mt_raw(&tm, "VGThing#w", "v0");
    CU_ASSERT_FALSE(json_object_object_get_ex(raw, "gsi1pk", NULL));
    CU_ASSERT_FALSE(json_object_object_get_ex(raw, "gsi3pk", NULL));
    json_object_put(raw);
    sst_tm_close(&tm);
done:
    json_object_put(r);
    json_object_put(full);
    json_object_put(part);
}

/* Legacy hooks override the config; the classmethod config wins over the
 * class variable; an empty config writes no GSI attribute. */
static void
test_gsi_hooks(void)
{
    struct sst_tm tm;
    struct sst_err e;
    json_object *full = mt_json("{\"category\":\"c\",\"owner\":\"o\"}");
    json_object *raw, *got = NULL;

    if (mt_open(&tm, NULL, false))
        goto done;
    CU_ASSERT_EQUAL(sst_memory_create(tm.m, &legacy, full, "l", NULL, &e),
                    SST_OK);
    raw = mt_raw(&tm, "Legacy#l", "Legacy#l");
    SST_ASSERT_STR_EQ(mt_str(json_object_object_get(raw, "gsi1pk"), "S"),
                      "legacy#l");
    SST_ASSERT_STR_EQ(mt_str(json_object_object_get(raw, "gsi3pk"), "S"),
                      "o");
    SST_ASSERT_STR_EQ(mt_str(json_object_object_get(raw, "gsi3sk"), "S"),
                      "legacy-sk");
    json_object_put(raw);
    CU_ASSERT_EQUAL(sst_memory_read(tm.m, &legacy, "l", 0, true, &got, &e),
                    SST_OK);
    SST_ASSERT_STR_EQ(mt_str(got, "owner"), "o");
    json_object_put(got);
    CU_ASSERT_EQUAL(sst_memory_create(tm.m, &dynamic, full, "d", NULL, &e),
                    SST_OK);
    raw = mt_raw(&tm, "Dynamic#d", "Dynamic#d");
    SST_ASSERT_STR_EQ(mt_str(json_object_object_get(raw, "gsi2pk"), "S"),
                      "from-method");
    CU_ASSERT_FALSE(json_object_object_get_ex(raw, "gsi1pk", NULL));
    json_object_put(raw);
    CU_ASSERT_EQUAL(sst_memory_create(tm.m, &empty_config, full, "p", NULL,
                                      &e), SST_OK);
    raw = mt_raw(&tm, "Plain#p", "Plain#p");
    CU_ASSERT_EQUAL(json_object_object_length(raw), 9);
    CU_ASSERT_FALSE(json_object_object_get_ex(raw, "gsi1pk", NULL));
    json_object_put(raw);
    sst_tm_close(&tm);
done:
    json_object_put(full);
}

/* ------------------------------------------------------ serialisation */

/* Numbers are exact: decimals keep their digits (38 of them), Python
 * floats their repr; ints stay ints in maps; compressed resources too. */
static void
test_numbers(void)
{
    struct sst_tm tm;
    struct sst_err e;
    json_object *data = mt_json(
        "{\"name\":\"n\",\"score\":\"1234567890123456789012345678.901234567"
        "8\",\"info\":{\"f\":0.5,\"i\":2,\"deep\":{\"x\":[0.25,3]}},"
        "\"ratios\":[0.1,0.30000000000000004,\"-0.0000000007\"]}");
    json_object *upd = mt_json("{\"score\":1e-7}");
    json_object *r = NULL, *got = NULL, *raw, *v;

    if (mt_open(&tm, NULL, false))
        goto done;
    CU_ASSERT_EQUAL_FATAL(sst_memory_create(tm.m, &mt_thing, data, "n", &r,
                                            &e), SST_OK);
    raw = mt_raw(&tm, "Thing#n", "Thing#n");
    MT_ASSERT_ITEM(json_object_object_get(raw, "score"),
                   "{\"N\":\"1234567890123456789012345678.9012345678\"}");
    MT_ASSERT_ITEM(json_object_object_get(raw, "info"),
                   "{\"M\":{\"f\":{\"N\":\"0.5\"},\"i\":{\"N\":\"2\"},"
                   "\"deep\":{\"M\":{\"x\":{\"L\":[{\"N\":\"0.25\"},"
                   "{\"N\":\"3\"}]}}}}}");
    MT_ASSERT_ITEM(json_object_object_get(raw, "ratios"),
                   "{\"L\":[{\"N\":\"0.1\"},{\"N\":\"0.30000000000000004\"},"
                   "{\"N\":\"-0.0000000007\"}]}");
    json_object_put(raw);
    CU_ASSERT_EQUAL(sst_memory_read(tm.m, &mt_thing, "n", 0, true, &got, &e),
                    SST_OK);
    SST_ASSERT_STR_EQ(json_object_get_string(json_object_object_get(got,
                                                                    "score")),
                      "1234567890123456789012345678.9012345678");
    v = json_object_object_get(json_object_object_get(got, "info"), "i");
    CU_ASSERT_TRUE(json_object_is_type(v, json_type_int));
    v = json_object_object_get(json_object_object_get(got, "info"), "f");
    SST_ASSERT_STR_EQ(json_object_get_string(v), "0.5");
    SST_ASSERT_STR_EQ(json_object_get_string(json_object_array_get_idx(
                          json_object_object_get(got, "ratios"), 1)),
                      "0.30000000000000004");
    json_object_put(got);
    got = NULL;
    /* a float update: Python writes Decimal(str(1e-07)), "1E-7", which
     * DynamoDB normalises */
    CU_ASSERT_EQUAL(sst_memory_update(tm.m, &mt_thing, r, upd, NULL, NULL,
                                      NULL, &e), SST_OK);
    raw = mt_raw(&tm, "Thing#n", "Thing#n");
    MT_ASSERT_ITEM(json_object_object_get(raw, "score"),
                   "{\"N\":\"0.0000001\"}");
    json_object_put(raw);
    CU_ASSERT_EQUAL(sst_memory_read(tm.m, &mt_thing, "n", 0, true, &got, &e),
                    SST_OK);
    SST_ASSERT_STR_EQ(json_object_get_string(json_object_object_get(got,
                                                                    "score")),
                      "0.0000001");
    json_object_put(got);
    sst_tm_close(&tm);
done:
    json_object_put(r);
    json_object_put(data);
    json_object_put(upd);
}

/* Datetimes are written as isoformat (offsets kept), dates as
 * YYYY-MM-DD; nested models as maps, None as NULL. */
static void
test_dates_nested(void)
{
    static const struct sst_field prof_fields[] = {
        {.name = "author", .kind = SST_FIELD_NESTED, .nullable = true,
         .default_json = "null", .nested = NULL},
    };
    struct sst_field pf[1];
    struct sst_type prof;
    struct sst_tm tm;
    struct sst_err e;
    json_object *data = mt_json("{\"name\":\"d\",\"when\":"
                                "\"2026-05-06T07:08:09.5+02:00\","
                                "\"day\":\"2026-03-04\"}");
    json_object *pdata = mt_json("{\"author\":{\"name\":\"ann\"}}");
    json_object *pnone = mt_json("{\"author\":null}");
    json_object *raw, *r = NULL;
    const struct sst_type *doc = &mt_doc;

    /* a non-versioned, uncompressed type with the nested model of mt_doc */
    pf[0] = prof_fields[0];
    pf[0].nested = doc->fields[2].nested;
    memset(&prof, 0, sizeof prof);
    prof.name = "Profile";
    prof.fields = pf;
    prof.nfields = 1;
    if (mt_open(&tm, NULL, false))
        goto done;
    CU_ASSERT_EQUAL(sst_memory_create(tm.m, &mt_thing, data, "d", NULL, &e),
                    SST_OK);
    raw = mt_raw(&tm, "Thing#d", "Thing#d");
    SST_ASSERT_STR_EQ(mt_str(json_object_object_get(raw, "when"), "S"),
                      "2026-05-06T07:08:09.500000+02:00");
    SST_ASSERT_STR_EQ(mt_str(json_object_object_get(raw, "day"), "S"),
                      "2026-03-04");
    json_object_put(raw);
    CU_ASSERT_EQUAL_FATAL(sst_memory_create(tm.m, &prof, pdata, "p", &r, &e),
                          SST_OK);
    raw = mt_raw(&tm, "Profile#p", "Profile#p");
    MT_ASSERT_ITEM(json_object_object_get(raw, "author"),
                   "{\"M\":{\"name\":{\"S\":\"ann\"},"
                   "\"age\":{\"NULL\":true}}}");
    json_object_put(raw);
    CU_ASSERT_EQUAL(sst_memory_update(tm.m, &prof, r, pnone, NULL, NULL, NULL,
                                      &e), SST_OK);
    raw = mt_raw(&tm, "Profile#p", "Profile#p");
    MT_ASSERT_ITEM(json_object_object_get(raw, "author"), "{\"NULL\":true}");
    json_object_put(raw);
    sst_tm_close(&tm);
done:
    json_object_put(r);
    json_object_put(data);
    json_object_put(pdata);
    json_object_put(pnone);
}

static const struct sst_field dt_item = {.kind = SST_FIELD_DATETIME};
static const struct sst_field date_item = {.kind = SST_FIELD_DATE};
static const struct sst_field dated_fields[] = {
    {.name = "stamps", .kind = SST_FIELD_LIST, .item = &dt_item,
     .default_json = "[]"},
    {.name = "by_day", .kind = SST_FIELD_MAP, .item = &date_item,
     .default_json = "{}"},
};
static const struct sst_type dated = {
    .name = "Dated", .versioned = true, .fields = dated_fields, .nfields = 2,
    .config = {.compress = SST_COMPRESS_NO}};

/* Datetimes and dates inside lists and maps of a versioned, uncompressed
 * type: isoformat strings in v1 and v0, read back equal at both. */
static void
test_dates_versioned(void)
{
    struct sst_tm tm;
    struct sst_err e;
    json_object *data = mt_json("{\"stamps\":[\"2026-05-06T07:08:09Z\","
                                "\"2026-05-06 07:08:09.25-01:30\"],"
                                "\"by_day\":{\"a\":\"2026-02-03\"}}");
    json_object *r = NULL, *got = NULL, *raw;

    if (mt_open(&tm, NULL, true))
        goto done;
    CU_ASSERT_EQUAL_FATAL(sst_memory_create(tm.m, &dated, data, "d", &r, &e),
                          SST_OK);
    raw = mt_raw(&tm, "Dated#d", "v1");
    MT_ASSERT_ITEM(json_object_object_get(raw, "stamps"),
                   "{\"L\":[{\"S\":\"2026-05-06T07:08:09+00:00\"},"
                   "{\"S\":\"2026-05-06T07:08:09.250000-01:30\"}]}");
    MT_ASSERT_ITEM(json_object_object_get(raw, "by_day"),
                   "{\"M\":{\"a\":{\"S\":\"2026-02-03\"}}}");
    json_object_put(raw);
    CU_ASSERT_EQUAL(sst_memory_read(tm.m, &dated, "d", 0, true, &got, &e),
                    SST_OK);
    CU_ASSERT_TRUE(json_object_equal(got, r));
    json_object_put(got);
    CU_ASSERT_EQUAL(sst_memory_read(tm.m, &dated, "d", 1, true, &got, &e),
                    SST_OK);
    CU_ASSERT_TRUE(json_object_equal(got, r));
    json_object_put(got);
    sst_tm_close(&tm);
done:
    json_object_put(r);
    json_object_put(data);
}

/* ----------------------------------------------------------------- TTL */

static const struct sst_field ttl_fields[] = {
    {.name = "expires_at", .kind = SST_FIELD_DATETIME, .nullable = true,
     .default_json = "null"},
    {.name = "lease", .kind = SST_FIELD_INT, .nullable = true,
     .default_json = "null"},
    {.name = "label", .kind = SST_FIELD_STRING, .nullable = true,
     .default_json = "null"},
};

static const struct sst_type ttl_dt = {
    .name = "TtlDt", .fields = ttl_fields, .nfields = 3,
    .config = {.ttl_field = "expires_at", .ttl_attribute = "ttl"}};
static const struct sst_type ttl_int = {
    .name = "TtlInt", .fields = ttl_fields, .nfields = 3,
    .config = {.ttl_field = "lease", .ttl_attribute = "expire_at"}};
static const struct sst_type ttl_half = {
    .name = "TtlHalf", .fields = ttl_fields, .nfields = 3,
    .config = {.ttl_field = "expires_at"}};
static const struct sst_type ttl_missing = {
    .name = "TtlMissing", .fields = ttl_fields, .nfields = 3,
    .config = {.ttl_field = "gone", .ttl_attribute = "ttl"}};
static const struct sst_type ttl_bad = {
    .name = "TtlBad", .fields = ttl_fields, .nfields = 3,
    .config = {.ttl_field = "label", .ttl_attribute = "ttl"}};
static const struct sst_type ttl_v = {
    .name = "TtlV", .versioned = true, .fields = ttl_fields, .nfields = 3,
    .config = {.ttl_field = "expires_at", .ttl_attribute = "ttl"}};

static const char *
ttl_of(struct sst_tm *tm, const char *pk, const char *sk, const char *attr)
{
    static char buf[32];
    json_object *raw = mt_raw(tm, pk, sk);

    snprintf(buf, sizeof buf, "%s",
             json_object_object_get_ex(raw, attr, NULL)
                 ? mt_str(json_object_object_get(raw, attr), "N")
                 : "absent");
    json_object_put(raw);
    return buf;
}

/* TTL: a datetime, None, int seconds after created_at under a custom
 * name, update and clear; no config, half a config and a missing field
 * write nothing; another field kind is refused. */
static void
test_ttl(void)
{
    struct sst_tm tm;
    struct sst_err e;
    json_object *dt = mt_json("{\"expires_at\":\"2026-01-03T00:00:00Z\"}");
    json_object *dt2 = mt_json("{\"expires_at\":"
                               "\"2026-05-06T07:08:09.5+02:00\"}");
    json_object *lease = mt_json("{\"lease\":3600,\"expires_at\":"
                                 "\"2026-01-03T00:00:00Z\"}");
    json_object *label = mt_json("{\"label\":\"x\"}");
    json_object *r = NULL, *r2 = NULL;
    const char *clear[] = {"expires_at", NULL};

    if (mt_open(&tm, NULL, false))
        goto done;
    CU_ASSERT_EQUAL_FATAL(sst_memory_create(tm.m, &ttl_dt, dt, "a", &r, &e),
                          SST_OK);
    SST_ASSERT_STR_EQ(ttl_of(&tm, "TtlDt#a", "TtlDt#a", "ttl"), "1767398400");
    CU_ASSERT_EQUAL(sst_memory_update(tm.m, &ttl_dt, r, dt2, NULL, NULL, &r2,
                                      &e), SST_OK);
    SST_ASSERT_STR_EQ(ttl_of(&tm, "TtlDt#a", "TtlDt#a", "ttl"), "1778044089");
    CU_ASSERT_EQUAL(sst_memory_update(tm.m, &ttl_dt, r2, NULL, clear, NULL,
                                      NULL, &e), SST_OK);
    SST_ASSERT_STR_EQ(ttl_of(&tm, "TtlDt#a", "TtlDt#a", "ttl"), "absent");
    CU_ASSERT_EQUAL(sst_memory_create(tm.m, &ttl_dt, label, "b", NULL, &e),
                    SST_OK);
    SST_ASSERT_STR_EQ(ttl_of(&tm, "TtlDt#b", "TtlDt#b", "ttl"), "absent");
    CU_ASSERT_EQUAL(sst_memory_create(tm.m, &ttl_int, lease, "c", NULL, &e),
                    SST_OK);
    /* created_at is the fixture's start: 1767323045.123456 + 3600 */
    SST_ASSERT_STR_EQ(ttl_of(&tm, "TtlInt#c", "TtlInt#c", "expire_at"),
                      "1767326645");
    SST_ASSERT_STR_EQ(ttl_of(&tm, "TtlInt#c", "TtlInt#c", "ttl"), "absent");
    CU_ASSERT_EQUAL(sst_memory_create(tm.m, &mt_thing, label, "d", NULL, &e),
                    SST_E_INVALID_DATA); /* Thing needs a name */
    CU_ASSERT_EQUAL(sst_memory_create(tm.m, &ttl_half, dt, "e", NULL, &e),
                    SST_OK);
    SST_ASSERT_STR_EQ(ttl_of(&tm, "TtlHalf#e", "TtlHalf#e", "ttl"), "absent");
    CU_ASSERT_EQUAL(sst_memory_create(tm.m, &ttl_missing, dt, "f", NULL, &e),
                    SST_OK);
    SST_ASSERT_STR_EQ(ttl_of(&tm, "TtlMissing#f", "TtlMissing#f", "ttl"),
                      "absent");
    CU_ASSERT_EQUAL(sst_memory_create(tm.m, &ttl_bad, label, "g", NULL, &e),
                    SST_E_INVALID_DATA);
    SST_ASSERT_STR_EQ(e.message, "Unsupported TTL field type: str. Only "
                                 "datetime and int are supported.");
    sst_tm_close(&tm);
done:
    json_object_put(r);
    json_object_put(r2);
    json_object_put(dt);
    json_object_put(dt2);
    json_object_put(lease);
    json_object_put(label);
}

/* Versioned and compressed: the TTL attribute on v0 and every vN, and it
 * follows an update. */
static void
test_ttl_versioned(void)
{
    struct sst_tm tm;
    struct sst_err e;
    json_object *dt = mt_json("{\"expires_at\":\"2026-01-03T00:00:00Z\"}");
    json_object *dt2 = mt_json("{\"expires_at\":"
                               "\"2026-05-06T07:08:09.5+02:00\"}");
    json_object *r = NULL, *got = NULL;

    if (mt_open(&tm, NULL, true))
        goto done;
    CU_ASSERT_EQUAL_FATAL(sst_memory_create(tm.m, &ttl_v, dt, "v", &r, &e),
                          SST_OK);
    SST_ASSERT_STR_EQ(ttl_of(&tm, "TtlV#v", "v0", "ttl"), "1767398400");
    SST_ASSERT_STR_EQ(ttl_of(&tm, "TtlV#v", "v1", "ttl"), "1767398400");
    CU_ASSERT_EQUAL(sst_memory_update(tm.m, &ttl_v, r, dt2, NULL, NULL, &got,
                                      &e), SST_OK);
    SST_ASSERT_STR_EQ(ttl_of(&tm, "TtlV#v", "v0", "ttl"), "1778044089");
    SST_ASSERT_STR_EQ(ttl_of(&tm, "TtlV#v", "v2", "ttl"), "1778044089");
    SST_ASSERT_STR_EQ(ttl_of(&tm, "TtlV#v", "v1", "ttl"), "1767398400");
    SST_ASSERT_STR_EQ(mt_str(got, "expires_at"),
                      "2026-05-06T07:08:09.500000+02:00");
    sst_tm_close(&tm);
done:
    json_object_put(r);
    json_object_put(got);
    json_object_put(dt);
    json_object_put(dt2);
}

static const struct sst_test tests[] = {
    {"GSI attributes (non-versioned)", test_gsi_plain},
    {"GSI attributes (versioned)", test_gsi_versioned},
    {"legacy hooks, dynamic and empty configs", test_gsi_hooks},
    {"exact numbers", test_numbers},
    {"dates and nested models", test_dates_nested},
    {"dates in lists and maps (versioned)", test_dates_versioned},
    {"TTL", test_ttl},
    {"TTL (versioned, compressed)", test_ttl_versioned},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    return sst_tm_main(argc, argv, "test_memory_serial", tests);
}
