/*
 * tests/unit/test_emu_items_ttl.c - Time to Live on the emulator: sweeps
 * by the injected clock (what expires, what is ignored, index rows),
 * sweeps in batches, and the background sweeper.
 */
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include <json-c/json.h>

#include <sst/emu.h>
#include <sst/sst.h>

#include "emu/ops/ops.h"
#include "harness.h"
#include "tests/unit/emu_test_util.h"
#include "tests/unit/items_test_util.h"

/* ------------------------------------------------------------------ */
/* TTL                                                                 */

#define TTL_ITEM(pk, exp)                                                      \
    "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"" pk "\"},"            \
    "\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"1\"},\"sk\":{\"N\":\"1\"}" exp "}}"

static void
get_found(struct sst_emu *emu, const char *pk, bool want)
{
    struct json_object *resp = NULL;
    struct sst_err e;
    char req[160];

    snprintf(req, sizeof req,
             "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"%s\"},"
             "\"sk\":{\"N\":\"1\"}}}",
             pk);
    CU_ASSERT_EQUAL(ti_call(emu, "GetItem", req, &resp, &e), SST_OK);
    if (json_object_object_get_ex(resp, "Item", NULL) != want)
        fprintf(stderr, "\n  %s: want %s\n", pk, want ? "found" : "gone");
    CU_ASSERT_EQUAL(json_object_object_get_ex(resp, "Item", NULL), want);
    json_object_put(resp);
}

static void
ttl_sweeps_by_the_clock(void)
{
    struct sst_emu *emu = ti_open_emu(); /* the clock is fixed at T0 */
    uint64_t removed = 99;
    struct sst_err e;

    ti_expect_ok(emu, "CreateTable", MAIN_TABLE, NULL);
    /* T0 is 1795633912.989 s */
    ti_expect_ok(emu, "PutItem",
                 TTL_ITEM("past", ",\"exp\":{\"N\":\"1795633000\"}"), "{}");
    ti_expect_ok(emu, "PutItem",
                 TTL_ITEM("just", ",\"exp\":{\"N\":\"1795633912.988\"}"), "{}");
    ti_expect_ok(emu, "PutItem",
                 TTL_ITEM("now", ",\"exp\":{\"N\":\"1795633912.989\"}"), "{}");
    ti_expect_ok(emu, "PutItem",
                 TTL_ITEM("future", ",\"exp\":{\"N\":\"1795634000\"}"), "{}");
    ti_expect_ok(emu, "PutItem", TTL_ITEM("string", ",\"exp\":{\"S\":\"1\"}"),
                 "{}");
    ti_expect_ok(emu, "PutItem",
                 TTL_ITEM("ancient", ",\"exp\":{\"N\":\"1000000000\"}"), "{}");
    ti_expect_ok(emu, "PutItem",
                 TTL_ITEM("nested", ",\"m\":{\"M\":{\"exp\":{\"N\":\"1\"}}}"),
                 "{}");
    ti_expect_ok(emu, "PutItem", TTL_ITEM("none", ""), "{}");
    /* Nothing is swept while TTL is off. */
    CU_ASSERT_EQUAL(sst_emu_sweep_ttl(emu, &removed, &e), SST_OK);
    CU_ASSERT_EQUAL(removed, 0);
    ti_expect_ok(emu, "UpdateTimeToLive",
                 "{\"TableName\":\"tbl\",\"TimeToLiveSpecification\":{"
                 "\"Enabled\":true,\"AttributeName\":\"exp\"}}",
                 NULL);
    /* Expired items are read until a sweep removes them. */
    get_found(emu, "past", true);
    CU_ASSERT_EQUAL(sst_emu_sweep_ttl(emu, &removed, &e), SST_OK);
    CU_ASSERT_EQUAL(removed, 2);
    get_found(emu, "past", false);
    get_found(emu, "just", false);
    get_found(emu, "now", true);
    get_found(emu, "future", true);
    get_found(emu, "string", true);
    get_found(emu, "ancient", true); /* more than five years: ignored */
    get_found(emu, "nested", true);
    get_found(emu, "none", true);
    CU_ASSERT_EQUAL(ti_index_count(emu, "gall"), 6);
    et_verify(emu);
    /* The clock moves: the next sweep takes the next items. */
    sst_emu_advance_clock(emu, 1);
    CU_ASSERT_EQUAL(sst_emu_sweep_ttl(emu, &removed, &e), SST_OK);
    CU_ASSERT_EQUAL(removed, 1);
    get_found(emu, "now", false);
    sst_emu_advance_clock(emu, 100 * 1000);
    CU_ASSERT_EQUAL(sst_emu_sweep_ttl(emu, &removed, &e), SST_OK);
    CU_ASSERT_EQUAL(removed, 1);
    get_found(emu, "future", false);
    CU_ASSERT_EQUAL(ti_index_count(emu, "gall"), 4);
    et_verify(emu);
    CU_ASSERT_EQUAL(sst_emu_sweep_ttl(NULL, &removed, &e), SST_E_INVALID_ARG);
    sst_emu_close(emu);
}

/* Many expired items: the sweep works in batches. */
static void
ttl_sweeps_in_batches(void)
{
    struct sst_emu *emu = ti_open_emu();
    uint64_t removed = 0;
    struct sst_err e;
    char req[256];
    size_t i;

    ti_expect_ok(emu, "CreateTable", MAIN_TABLE, NULL);
    ti_expect_ok(emu, "UpdateTimeToLive",
                 "{\"TableName\":\"tbl\",\"TimeToLiveSpecification\":{"
                 "\"Enabled\":true,\"AttributeName\":\"exp\"}}",
                 NULL);
    for (i = 0; i < 1500; i++) {
        snprintf(req, sizeof req,
                 "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"p%zu\"},"
                 "\"sk\":{\"N\":\"%zu\"},\"exp\":{\"N\":\"%s\"}}}",
                 i % 13, i, i % 3 ? "1795633000" : "1795639999");
        ti_expect_ok(emu, "PutItem", req, "{}");
    }
    CU_ASSERT_EQUAL(sst_emu_sweep_ttl(emu, &removed, &e), SST_OK);
    CU_ASSERT_EQUAL(removed, 1000);
    CU_ASSERT_EQUAL(ti_scan_count(emu,
                                  "{\"TableName\":\"tbl\",\"Select\":"
                                  "\"COUNT\"}",
                                  NULL),
                    500);
    et_verify(emu);
    sst_emu_close(emu);
}

/* The background sweeper runs on its own, by real time, with the
 * emulator's clock deciding what has expired. */
static void
ttl_background_sweeper(void)
{
    struct sst_emu_options o;
    struct sst_emu *emu = NULL;
    struct json_object *resp;
    struct sst_err e;
    int tries;
    bool gone = false;

    sst_emu_options_init(&o);
    o.ttl_sweep_ms = 5;
    CU_ASSERT_EQUAL_FATAL(sst_emu_open(NULL, &o, &emu, &e), SST_OK);
    sst_emu_set_time(emu, T0);
    ti_expect_ok(emu, "CreateTable", MAIN_TABLE, NULL);
    ti_expect_ok(emu, "UpdateTimeToLive",
                 "{\"TableName\":\"tbl\",\"TimeToLiveSpecification\":{"
                 "\"Enabled\":true,\"AttributeName\":\"exp\"}}",
                 NULL);
    ti_expect_ok(emu, "PutItem",
                 TTL_ITEM("past", ",\"exp\":{\"N\":\"1795633000\"}"), "{}");
    for (tries = 0; tries < 1000 && !gone; tries++) {
        struct timespec ts = {0, 5 * 1000 * 1000};
        resp = NULL;
        CU_ASSERT_EQUAL(ti_call(emu, "GetItem",
                                "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":"
                                "\"past\"},\"sk\":{\"N\":\"1\"}}}",
                                &resp, &e),
                        SST_OK);
        gone = !json_object_object_get_ex(resp, "Item", NULL);
        json_object_put(resp);
        if (!gone)
            nanosleep(&ts, NULL);
    }
    CU_ASSERT_TRUE(gone);
    sst_emu_close(emu);
}

static const struct sst_test model_tests[] = {
    {"TTL: sweeps by the emulator's clock", ttl_sweeps_by_the_clock},
    {"TTL: sweeps in batches", ttl_sweeps_in_batches},
    {"TTL: the background sweeper", ttl_background_sweeper},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"model", NULL, NULL, model_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_emu_items_ttl", suites);
}
