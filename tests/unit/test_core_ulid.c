/*
 * tests/unit/test_core_ulid.c - ULIDs: encoding against the reference of
 * gen_ulid.py (tests/data/core/ulid.json), parsing, time prefixes, and the
 * monotonic generator with an injected clock and randomness.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sst/mem.h>
#include <sst/ulid.h>

#include "test_core_golden.h"
#include "harness.h"

static json_object *golden;

static int
init(void)
{
    golden = core_golden_load("ulid.json");
    return golden == NULL;
}

static int
cleanup(void)
{
    json_object_put(golden);
    return 0;
}

static void
hex_to_bytes(const char *hex, unsigned char *out, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned v;
        if (sscanf(hex + 2 * i, "%2x", &v) != 1)
            abort();
        out[i] = (unsigned char)v;
    }
}

static void
test_encode_parse_golden(void)
{
    json_object *rows = core_golden_get(golden, "encode");
    size_t i, n = json_object_array_length(rows);

    CU_ASSERT(n >= 40);
    for (i = 0; i < n; i++) {
        json_object *row = json_object_array_get_idx(rows, i);
        unsigned char rnd[SST_ULID_RANDOM_BYTES], back[SST_ULID_RANDOM_BYTES];
        char out[SST_ULID_LEN + 1], lower[SST_ULID_LEN + 1];
        const char *want = core_golden_str(row, "ulid");
        int64_t ms = core_golden_int(row, "ms"), ms2 = -1;
        size_t k;

        hex_to_bytes(core_golden_str(row, "random"), rnd, sizeof rnd);
        CU_ASSERT_EQUAL(sst_ulid_encode(ms, rnd, out, NULL), SST_OK);
        SST_ASSERT_STR_EQ(out, want);
        CU_ASSERT_EQUAL(sst_ulid_parse(want, SST_ULID_LEN, &ms2, back, NULL),
                        SST_OK);
        CU_ASSERT_EQUAL(ms2, ms);
        CU_ASSERT(memcmp(back, rnd, sizeof rnd) == 0);
        /* Crockford base32 is case-insensitive */
        for (k = 0; k <= SST_ULID_LEN; k++)
            lower[k] = (char)(want[k] >= 'A' && want[k] <= 'Z'
                                  ? want[k] - 'A' + 'a'
                                  : want[k]);
        ms2 = -1;
        CU_ASSERT_EQUAL(sst_ulid_parse(lower, SST_ULID_LEN, &ms2, NULL, NULL),
                        SST_OK);
        CU_ASSERT_EQUAL(ms2, ms);
    }
}

static void
test_prefix_golden(void)
{
    json_object *rows = core_golden_get(golden, "prefix");
    size_t i, n = json_object_array_length(rows);

    CU_ASSERT(n >= 5);
    for (i = 0; i < n; i++) {
        json_object *row = json_object_array_get_idx(rows, i);
        struct sst_time t = {.us = core_golden_int(row, "us")};
        char out[SST_ULID_TIME_LEN + 1];
        CU_ASSERT_EQUAL(sst_ulid_time_prefix(&t, out, NULL), SST_OK);
        SST_ASSERT_STR_EQ(out, core_golden_str(row, "prefix"));
    }
}

static void
test_parse_errors(void)
{
    static const struct {
        const char *in, *message;
    } rows[] = {
        {"", "a ULID has 26 characters, not 0"},
        {"01ARYZ6S4104HMASW9NF6YY09", "a ULID has 26 characters, not 25"},
        {"01ARYZ6S4104HMASW9NF6YY0933", "a ULID has 26 characters, not 27"},
        {"01ARYZ6S4104HMASW9NF6YY09U", "invalid ULID character at offset 25"},
        {"I1ARYZ6S4104HMASW9NF6YY093", "invalid ULID character at offset 0"},
        {"01ARYZ6S41O4HMASW9NF6YY093", "invalid ULID character at offset 10"},
        {"01ARYZ6S41l4HMASW9NF6YY093", "invalid ULID character at offset 10"},
        {"01ARYZ6S41-4HMASW9NF6YY093", "invalid ULID character at offset 10"},
        {"81ARYZ6S4104HMASW9NF6YY093", "ULID overflows 128 bits"},
        {"ZZZZZZZZZZZZZZZZZZZZZZZZZZ", "ULID overflows 128 bits"},
    };
    size_t i;

    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct sst_err err;
        int64_t ms = 7;
        CU_ASSERT_EQUAL(sst_ulid_parse(rows[i].in, strlen(rows[i].in), &ms,
                                       NULL, &err),
                        SST_E_INVALID_ARG);
        CU_ASSERT_EQUAL(ms, 7);
        if (strstr(err.message, rows[i].message) == NULL)
            fprintf(stderr, "\n%s -> %s\n", rows[i].in, err.message);
        CU_ASSERT(strstr(err.message, rows[i].message) != NULL);
    }
    {
        /* an embedded NUL is not a character of the alphabet */
        struct sst_err err;
        CU_ASSERT_EQUAL(sst_ulid_parse("01ARYZ6S41\0004HMASW9NF6YY09", 26,
                                       NULL, NULL, &err),
                        SST_E_INVALID_ARG);
    }
}

static void
test_encode_range(void)
{
    unsigned char rnd[SST_ULID_RANDOM_BYTES] = {0};
    char out[SST_ULID_LEN + 1];
    struct sst_err err;

    CU_ASSERT_EQUAL(sst_ulid_encode(-1, rnd, out, &err), SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(out, "");
    CU_ASSERT_EQUAL(sst_ulid_encode(SST_ULID_MAX_MS + 1, rnd, out, &err),
                    SST_E_INVALID_ARG);
    CU_ASSERT(strstr(err.message, "outside 0..2^48-1") != NULL);
    {
        struct sst_time t = {.us = -1};
        char p[SST_ULID_TIME_LEN + 1];
        CU_ASSERT_EQUAL(sst_ulid_time_prefix(&t, p, &err), SST_E_INVALID_ARG);
        SST_ASSERT_STR_EQ(p, "");
    }
}

/* An injected clock and a counting random source. */
struct fake {
    int64_t now_us;
    unsigned char next; /* first byte of the next random draw */
    int draws;
    bool fail;
};

static int64_t
fake_now(void *ud)
{
    return ((struct fake *)ud)->now_us;
}

static enum sst_code
fake_fill(void *ud, unsigned char *buf, size_t len, struct sst_err *err)
{
    struct fake *f = ud;
    size_t i;

    if (f->fail)
        return sst_err_set(err, SST_E_INTERNAL, "no entropy today");
    f->draws++;
    for (i = 0; i < len; i++)
        buf[i] = (unsigned char)(f->next + i);
    f->next = (unsigned char)(f->next + 0x10);
    return SST_OK;
}

static void
test_generator_monotonic(void)
{
    struct fake f = {.now_us = INT64_C(1469918176385123), .next = 0x01};
    struct sst_clock clock = {fake_now, &f};
    struct sst_random random = {fake_fill, &f};
    struct sst_ulid_gen g;
    char a[SST_ULID_LEN + 1], b[SST_ULID_LEN + 1], c[SST_ULID_LEN + 1],
        d[SST_ULID_LEN + 1];

    sst_ulid_gen_init(&g, &clock, &random);
    CU_ASSERT_EQUAL(sst_ulid_gen_next(&g, a, NULL), SST_OK);
    /* 1469918176385 ms and bytes 01 02 .. 0a */
    SST_ASSERT_STR_EQ(a, "01ARYZ6S41041061050R3GG28A");
    /* same millisecond: random part + 1, no new draw */
    f.now_us += 500;
    CU_ASSERT_EQUAL(sst_ulid_gen_next(&g, b, NULL), SST_OK);
    SST_ASSERT_STR_EQ(b, "01ARYZ6S41041061050R3GG28B");
    CU_ASSERT_EQUAL(f.draws, 1);
    /* clock steps back: still after the last id */
    f.now_us -= 5000;
    CU_ASSERT_EQUAL(sst_ulid_gen_next(&g, c, NULL), SST_OK);
    SST_ASSERT_STR_EQ(c, "01ARYZ6S41041061050R3GG28C");
    CU_ASSERT(strcmp(a, b) < 0 && strcmp(b, c) < 0);
    /* next millisecond: a fresh draw */
    f.now_us = INT64_C(1469918176386000);
    CU_ASSERT_EQUAL(sst_ulid_gen_next(&g, d, NULL), SST_OK);
    CU_ASSERT_EQUAL(f.draws, 2);
    CU_ASSERT(strncmp(d, "01ARYZ6S42", 10) == 0);
    CU_ASSERT(strcmp(c, d) < 0);
}

static enum sst_code
all_ones(void *ud, unsigned char *buf, size_t len, struct sst_err *err)
{
    (void)ud;
    (void)err;
    memset(buf, 0xff, len);
    return SST_OK;
}

static void
test_generator_overflow(void)
{
    struct fake f = {.now_us = INT64_C(1000000)};
    struct sst_clock clock = {fake_now, &f};
    struct sst_random random = {all_ones, NULL};
    struct sst_ulid_gen g;
    struct sst_err err;
    char a[SST_ULID_LEN + 1], b[SST_ULID_LEN + 1];

    sst_ulid_gen_init(&g, &clock, &random);
    CU_ASSERT_EQUAL(sst_ulid_gen_next(&g, a, NULL), SST_OK);
    SST_ASSERT_STR_EQ(a, "00000000Z8ZZZZZZZZZZZZZZZZ");
    CU_ASSERT_EQUAL(sst_ulid_gen_next(&g, b, &err), SST_E_INVALID_ARG);
    CU_ASSERT(strstr(err.message, "random part overflow") != NULL);
    SST_ASSERT_STR_EQ(b, "");
    /* the next millisecond recovers */
    f.now_us += 1000;
    CU_ASSERT_EQUAL(sst_ulid_gen_next(&g, b, NULL), SST_OK);
    SST_ASSERT_STR_EQ(b, "00000000Z9ZZZZZZZZZZZZZZZZ");
}

static void
test_generator_errors(void)
{
    struct fake f = {.now_us = -1, .fail = false};
    struct sst_clock clock = {fake_now, &f};
    struct sst_random random = {fake_fill, &f};
    struct sst_ulid_gen g;
    struct sst_err err;
    char a[SST_ULID_LEN + 1];

    sst_ulid_gen_init(&g, &clock, &random);
    CU_ASSERT_EQUAL(sst_ulid_gen_next(&g, a, &err), SST_E_INVALID_ARG);
    CU_ASSERT(strstr(err.message, "before 1970") != NULL);
    f.now_us = (SST_ULID_MAX_MS + 1) * 1000;
    CU_ASSERT_EQUAL(sst_ulid_gen_next(&g, a, &err), SST_E_INVALID_ARG);
    f.now_us = 5000;
    f.fail = true;
    CU_ASSERT_EQUAL(sst_ulid_gen_next(&g, a, &err), SST_E_INTERNAL);
    SST_ASSERT_STR_EQ(err.message, "no entropy today");
    CU_ASSERT_EQUAL(g.last_ms, -1);
}

/* Defaults: system clock, OpenSSL randomness; ids are distinct, sorted and
 * parse back to about now. */
static void
test_generator_defaults(void)
{
    struct sst_ulid_gen g;
    char prev[SST_ULID_LEN + 1] = "", cur[SST_ULID_LEN + 1];
    int64_t before = sst_clock_now_us(NULL) / 1000, ms;
    int i;

    sst_ulid_gen_init(&g, NULL, NULL);
    for (i = 0; i < 1000; i++) {
        CU_ASSERT_EQUAL_FATAL(sst_ulid_gen_next(&g, cur, NULL), SST_OK);
        CU_ASSERT(strcmp(prev, cur) < 0);
        memcpy(prev, cur, sizeof cur);
    }
    CU_ASSERT_EQUAL(sst_ulid_parse(cur, SST_ULID_LEN, &ms, NULL, NULL), SST_OK);
    CU_ASSERT(ms >= before && ms <= sst_clock_now_us(NULL) / 1000);
}

static const struct sst_test tests[] = {
    {"encode and parse: reference goldens", test_encode_parse_golden},
    {"time prefix: ulid-py's from_timestamp goldens", test_prefix_golden},
    {"parse: errors name the problem", test_parse_errors},
    {"encode: time range", test_encode_range},
    {"generator: monotonic within a millisecond", test_generator_monotonic},
    {"generator: random part overflow", test_generator_overflow},
    {"generator: clock and randomness failures", test_generator_errors},
    {"generator: system clock and OpenSSL", test_generator_defaults},
    {NULL, NULL}};

static const struct sst_suite suites[] = {
    {"core_ulid", init, cleanup, tests}, {NULL, NULL, NULL, NULL}};

int
main(int argc, char **argv)
{
    return sst_test_main(argc, argv, "test_core_ulid", suites);
}
