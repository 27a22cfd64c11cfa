/*
 * tests/unit/test_core_time.c - timestamps against Python: isoformat and
 * pydantic's JSON form byte for byte, and parsing with pydantic's verdicts
 * (tests/data/core/time.json from gen_time.py).
 */
#include <stdio.h>
#include <string.h>

#include <sst/mem.h>
#include <sst/time.h>

#include "test_core_golden.h"
#include "harness.h"

static json_object *golden;

static int
init(void)
{
    golden = core_golden_load("time.json");
    return golden == NULL;
}

static int
cleanup(void)
{
    json_object_put(golden);
    return 0;
}

static void
test_format_golden(void)
{
    json_object *rows = core_golden_get(golden, "format");
    size_t i, n = json_object_array_length(rows);

    CU_ASSERT(n >= 15);
    for (i = 0; i < n; i++) {
        json_object *row = json_object_array_get_idx(rows, i);
        struct sst_time t = {
            .us = core_golden_int(row, "us"),
            .offset = (int32_t)core_golden_int(row, "offset"),
            .naive = core_golden_bool(row, "naive"),
        };
        char buf[SST_TIME_STR_MAX];
        size_t len = sst_time_isoformat(&t, buf);
        SST_ASSERT_STR_EQ(buf, core_golden_str(row, "isoformat"));
        CU_ASSERT_EQUAL(len, strlen(buf));
        len = sst_time_json(&t, buf);
        SST_ASSERT_STR_EQ(buf, core_golden_str(row, "json"));
        CU_ASSERT_EQUAL(len, strlen(buf));
    }
}

static void
check_parse_rows(const char *member, bool dates)
{
    json_object *rows = core_golden_get(golden, member);
    size_t i, n = json_object_array_length(rows), accepted = 0;

    for (i = 0; i < n; i++) {
        json_object *row = json_object_array_get_idx(rows, i);
        const char *in = core_golden_str(row, "input");
        size_t inlen = core_golden_strlen(row, "input");
        struct sst_err err;
        enum sst_code rc;
        char buf[SST_TIME_STR_MAX];

        if (dates) {
            struct sst_date d;
            rc = sst_date_parse(in, inlen, &d, &err);
            if (rc == SST_OK)
                sst_date_isoformat(&d, buf);
        } else {
            struct sst_time t;
            rc = sst_time_parse(in, inlen, &t, &err);
            if (rc == SST_OK)
                sst_time_isoformat(&t, buf);
        }
        if (core_golden_bool(row, "ok")) {
            accepted++;
            if (rc != SST_OK)
                fprintf(stderr, "\n%s '%s': refused: %s\n", member, in,
                        err.message);
            CU_ASSERT_EQUAL_FATAL(rc, SST_OK);
            if (strcmp(buf, core_golden_str(row, "isoformat")) != 0)
                fprintf(stderr, "\n%s '%s'\n", member, in);
            SST_ASSERT_STR_EQ(buf, core_golden_str(row, "isoformat"));
        } else {
            if (rc == SST_OK)
                fprintf(stderr, "\n%s '%s': accepted as %s\n", member, in,
                        buf);
            CU_ASSERT_EQUAL(rc, SST_E_INVALID_ARG);
            if (rc == SST_E_INVALID_ARG)
                CU_ASSERT(strstr(err.message, dates ? "invalid date"
                                                    : "invalid datetime") !=
                          NULL);
        }
    }
    CU_ASSERT(accepted > 10);
    CU_ASSERT(accepted < n);
}

static void
test_parse_golden(void)
{
    check_parse_rows("parse", false);
}

static void
test_date_parse_golden(void)
{
    check_parse_rows("date_parse", true);
}

/* Problems are named in the message. */
static void
test_parse_messages(void)
{
    static const struct {
        const char *in, *message;
    } rows[] = {
        {"2026-13-01", "invalid datetime '2026-13-01': month value is "
                       "outside expected range of 1-12"},
        {"2026-02-30T00:00Z", "day value is outside expected range"},
        {"2026-11-25T25:00", "hour value is outside expected range of 0-23"},
        {"2026-11-25T18:12:05+24:00",
         "timezone offset must be less than 24 hours"},
        {"abc", "input is too short"},
        {"99999999999999999999", "timestamp is out of range"},
        {"-62135596801000", "timestamp is outside the years 1..9999"},
        {"2026-11-25T18:12:05\x01", "invalid datetime '2026-11-25T18:12:05?'"},
    };
    size_t i;

    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct sst_time t;
        struct sst_err err;
        CU_ASSERT_EQUAL(sst_time_parse(rows[i].in, strlen(rows[i].in), &t,
                                       &err),
                        SST_E_INVALID_ARG);
        if (strstr(err.message, rows[i].message) == NULL)
            fprintf(stderr, "\n'%s' -> %s\n", rows[i].in, err.message);
        CU_ASSERT(strstr(err.message, rows[i].message) != NULL);
    }
}

static int64_t
fixed_clock(void *ud)
{
    return *(int64_t *)ud;
}

static void
test_clock(void)
{
    int64_t now = INT64_C(1795630325922317);
    struct sst_clock clock = {fixed_clock, &now};
    struct sst_time t;
    struct sst_err err;
    char buf[SST_TIME_STR_MAX];

    CU_ASSERT_EQUAL(sst_clock_now_us(&clock), now);
    CU_ASSERT_EQUAL(sst_time_now(&clock, &t, &err), SST_OK);
    sst_time_isoformat(&t, buf);
    SST_ASSERT_STR_EQ(buf, "2026-11-25T18:12:05.922317+00:00");
    sst_time_json(&t, buf);
    SST_ASSERT_STR_EQ(buf, "2026-11-25T18:12:05.922317Z");
    CU_ASSERT_EQUAL(sst_time_epoch_seconds(&t), 1795630325);
    /* the system clock is after 2020 and before 2200 */
    CU_ASSERT(sst_clock_now_us(NULL) > INT64_C(1577836800000000));
    CU_ASSERT(sst_clock_now_us(NULL) < INT64_C(7258118400000000));

    now = SST_TIME_MAX_US + 1;
    CU_ASSERT_EQUAL(sst_time_now(&clock, &t, &err), SST_E_INVALID_ARG);
    CU_ASSERT(strstr(err.message, "outside the years 1..9999") != NULL);
    CU_ASSERT_EQUAL(sst_time_from_us(SST_TIME_MIN_US - 1, &t, &err),
                    SST_E_INVALID_ARG);
    CU_ASSERT_EQUAL(sst_time_from_us(SST_TIME_MIN_US, &t, &err), SST_OK);
}

/* int(dt.timestamp()) truncates toward zero. */
static void
test_epoch_seconds(void)
{
    static const struct {
        int64_t us, sec;
    } rows[] = {{0, 0},        {999999, 0},   {1000000, 1},
                {-1, 0},       {-999999, 0},  {-1000000, -1},
                {-1500000, -1}};
    size_t i;

    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct sst_time t = {.us = rows[i].us};
        CU_ASSERT_EQUAL(sst_time_epoch_seconds(&t), rows[i].sec);
    }
}

static void
test_dates(void)
{
    struct sst_date d = {2026, 11, 25}, bad = {2026, 2, 29}, zero = {0, 1, 1};
    struct sst_time t;
    char buf[SST_DATE_STR_MAX];

    CU_ASSERT_EQUAL(sst_date_isoformat(&d, buf), 10);
    SST_ASSERT_STR_EQ(buf, "2026-11-25");
    CU_ASSERT_EQUAL(sst_date_isoformat(&bad, buf), 0);
    SST_ASSERT_STR_EQ(buf, "");
    CU_ASSERT_FALSE(sst_date_valid(&zero));
    /* the wall date of a time in its own zone */
    CU_ASSERT_EQUAL(sst_time_parse("2026-11-25T23:30:00-05:00", 25, &t, NULL),
                    SST_OK);
    sst_time_date(&t, &d);
    CU_ASSERT_EQUAL(d.year, 2026);
    CU_ASSERT_EQUAL(d.month, 11);
    CU_ASSERT_EQUAL(d.day, 25);
}

/* Malformed struct values format as "" rather than garbage. */
static void
test_format_refuses_bad_values(void)
{
    struct sst_time t = {.us = SST_TIME_MAX_US + 1};
    struct sst_time naive_off = {.us = 0, .offset = 60, .naive = true};
    struct sst_time off = {.us = 0, .offset = 86400};
    char buf[SST_TIME_STR_MAX];

    CU_ASSERT_EQUAL(sst_time_isoformat(&t, buf), 0);
    SST_ASSERT_STR_EQ(buf, "");
    CU_ASSERT_EQUAL(sst_time_json(&naive_off, buf), 0);
    CU_ASSERT_EQUAL(sst_time_isoformat(&off, buf), 0);
}

static const struct sst_test tests[] = {
    {"format: isoformat and pydantic JSON goldens", test_format_golden},
    {"parse: pydantic's datetime verdicts", test_parse_golden},
    {"parse: pydantic's date verdicts", test_date_parse_golden},
    {"parse: messages name the problem", test_parse_messages},
    {"clock: injected and system", test_clock},
    {"epoch seconds truncate toward zero", test_epoch_seconds},
    {"dates: isoformat, validity, wall date", test_dates},
    {"format: out-of-range values give empty text",
     test_format_refuses_bad_values},
    {NULL, NULL}};

static const struct sst_suite suites[] = {
    {"core_time", init, cleanup, tests}, {NULL, NULL, NULL, NULL}};

int
main(int argc, char **argv)
{
    return sst_test_main(argc, argv, "test_core_time", suites);
}
