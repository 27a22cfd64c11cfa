/*
 * tests/unit/test_num_key.c - exact DynamoDB numbers (emu/expr/num.c): the
 * key codec, whose byte order is numeric order.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <sst/sst.h>

#include "emu/expr/num.h"
#include "harness.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ---------------------------------------------------------------- key codec */

/* Ascending; equal neighbours are marked by the same group number. */
static const struct {
    const char *n;
    int group;
} sorted[] = {
    {"-9.9999999999999999999999999999999999999E+125", 0},
    {"-1E+125", 1},
    {"-12345678901234567890123456789012345678", 2},
    {"-1000", 3},
    {"-999.99", 4},
    {"-101", 5},
    {"-100", 6},
    {"-100.0", 6},
    {"-12", 7},
    {"-11.5", 8},
    {"-11", 9},
    {"-10", 10},
    {"-9", 11},
    {"-1.01", 12},
    {"-1", 13},
    {"-0.99", 14},
    {"-0.1", 15},
    {"-1E-129", 16},
    {"-1E-130", 17},
    {"0", 18},
    {"-0", 18},
    {"1E-130", 19},
    {"1.2345678901234567890123456789012345678E-130", 20},
    {"1E-129", 21},
    {"0.001", 22},
    {"0.1", 23},
    {"0.10", 23},
    {"0.11", 24},
    {"1", 25},
    {"1.0000000000000000000000000000000000001", 26},
    {"1.01", 27},
    {"1.1", 28},
    {"2", 29},
    {"9", 30},
    {"10", 31},
    {"11", 32},
    {"99", 33},
    {"100", 34},
    {"1e2", 34},
    {"101", 35},
    {"12345678901234567890123456789012345678", 36},
    {"1E+125", 37},
    {"9.9999999999999999999999999999999999999E+125", 38},
};

static int
sign_of(int v)
{
    return (v > 0) - (v < 0);
}

static int
key_cmp(const unsigned char *a, size_t la, const unsigned char *b, size_t lb)
{
    int r = memcmp(a, b, la < lb ? la : lb);

    return r != 0 ? sign_of(r) : (la > lb) - (la < lb);
}

static void
key_order_is_numeric_order(void)
{
    unsigned char keys[N(sorted)][SST_NUM_KEY_MAX + 4];
    size_t lens[N(sorted)], i, j;
    struct sst_num a, b;

    sst_num_init(&a);
    sst_num_init(&b);
    for (i = 0; i < N(sorted); i++) {
        size_t used = 0;

        CU_ASSERT_EQUAL_FATAL(
            sst_num_parse(&a, sorted[i].n, strlen(sorted[i].n), NULL), SST_OK);
        lens[i] = sst_num_key_encode(&a, keys[i]);
        CU_ASSERT(lens[i] >= 1 && lens[i] <= SST_NUM_KEY_MAX);
        /* Decodes back, and says how much it used, with more bytes after. */
        keys[i][lens[i]] = 0xAB;
        CU_ASSERT_EQUAL(
            sst_num_key_decode(&b, keys[i], lens[i] + 1, &used, NULL), SST_OK);
        CU_ASSERT_EQUAL(used, lens[i]);
        CU_ASSERT_EQUAL(sst_num_cmp(&a, &b), 0);
    }
    for (i = 0; i < N(sorted); i++)
        for (j = 0; j < N(sorted); j++) {
            int want = sign_of(sorted[i].group - sorted[j].group);
            int got = key_cmp(keys[i], lens[i], keys[j], lens[j]);

            if (got != want)
                printf("\n  key order %s vs %s: %d, want %d\n", sorted[i].n,
                       sorted[j].n, got, want);
            CU_ASSERT_EQUAL(got, want);
            if (want == 0) /* equal numbers, identical bytes */
                CU_ASSERT(lens[i] == lens[j] &&
                          memcmp(keys[i], keys[j], lens[i]) == 0);
        }
    sst_num_cleanup(&b);
    sst_num_cleanup(&a);
}

static void
key_bytes_are_stable(void)
{
    static const struct {
        const char *n;
        size_t len;
        unsigned char bytes[SST_NUM_KEY_MAX];
    } golden[] = {
        {"0", 1, {0x02}},
        {"1", 3, {0x03, 130, 0x20}},
        {"12", 4, {0x03, 131, 0x23, 0x00}},
        {"-1", 3, {0x01, 125, 0xDF}},
        {"-12", 4, {0x01, 124, 0xDC, 0xFF}},
        {"0.105", 4, {0x03, 129, 0x21, 0x60}},
        {"1E-130", 3, {0x03, 0, 0x20}},
        {"-1E+125", 3, {0x01, 0, 0xDF}},
    };
    unsigned char out[SST_NUM_KEY_MAX];
    struct sst_num n;
    size_t i;

    sst_num_init(&n);
    for (i = 0; i < N(golden); i++) {
        CU_ASSERT_EQUAL_FATAL(
            sst_num_parse(&n, golden[i].n, strlen(golden[i].n), NULL), SST_OK);
        CU_ASSERT_EQUAL(sst_num_key_encode(&n, out), golden[i].len);
        CU_ASSERT(memcmp(out, golden[i].bytes, golden[i].len) == 0);
    }
    /* The longest encoding. */
    CU_ASSERT_EQUAL_FATAL(
        sst_num_parse(&n, "-12345678901234567890123456789012345678", 39, NULL),
        SST_OK);
    CU_ASSERT_EQUAL(sst_num_key_encode(&n, out), SST_NUM_KEY_MAX);
    sst_num_cleanup(&n);
}

static void
malformed_keys_are_refused(void)
{
    static const struct {
        size_t len;
        unsigned char bytes[8];
    } bad[] = {
        {0, {0}},
        {1, {0x00}},
        {1, {0x04}},
        {1, {0x03}},                  /* no exponent */
        {2, {0x03, 130}},             /* no digits */
        {3, {0x03, 130, 0x00}},       /* end before any digit */
        {3, {0x03, 130, 0x12}},       /* leading zero digit */
        {3, {0x03, 130, 0x21}},       /* no end */
        {4, {0x03, 130, 0x21, 0x00}}, /* trailing zero digit */
        {3, {0x03, 130, 0x2F}},       /* nibble out of range */
        {4, {0x03, 130, 0x22, 0x01}}, /* bad padding */
        {3, {0x01, 125, 0xD0}},       /* negative: nibble out of range */
        {3, {0x01, 125, 0xF0}},       /* negative: end first */
        {3, {0x01, 125, 0xDE}}, /* negative: trailing zero digit, no end */
        {3, {0x01, 125, 0xDA}}, /* negative: end missing */
    };
    unsigned char long_key[40];
    struct sst_num n;
    struct sst_err e;
    size_t i, used = 99;

    sst_num_init(&n);
    for (i = 0; i < N(bad); i++) {
        CU_ASSERT_EQUAL(
            sst_num_key_decode(&n, bad[i].bytes, bad[i].len, &used, &e),
            SST_E_INVALID_ARG);
        SST_ASSERT_STR_EQ(e.message, "malformed number key");
    }
    CU_ASSERT_EQUAL(used, 99);
    CU_ASSERT_EQUAL(n.sign, 0);
    /* 39 digits: one more than a number may have. */
    long_key[0] = 0x03;
    long_key[1] = 200;
    memset(long_key + 2, 0x22, sizeof long_key - 2);
    long_key[2 + 19] = 0x22;
    long_key[2 + 20] = 0x00;
    CU_ASSERT_EQUAL(
        sst_num_key_decode(&n, long_key, sizeof long_key, NULL, NULL),
        SST_E_INVALID_ARG);
    sst_num_cleanup(&n);
}

static const struct sst_test num_tests[] = {
    {"key order is numeric order", key_order_is_numeric_order},
    {"key bytes are stable", key_bytes_are_stable},
    {"malformed keys are refused", malformed_keys_are_refused},
    {NULL, NULL},
};

static const struct sst_suite suites[] = {
    {"key codec", NULL, NULL, num_tests},
    {NULL, NULL, NULL, NULL},
};

int
main(int argc, char **argv)
{
    return sst_test_main(argc, argv, "test_num_key", suites);
}
