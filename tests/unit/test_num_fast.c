/*
 * tests/unit/test_num_fast.c - sst_num_key_encode_text(), the GMP-free
 * key encoding of short plain numbers (emu/expr/num.c).
 *
 * Each table row gives the key bytes, worked out by hand from the
 * layout num.h describes, or none when the text is not on the fast path;
 * every row is also checked against the slow path (sst_num_parse then
 * sst_num_key_encode), and so are some thousands of generated texts.
 * fuzz/fuzz_num.c compares the two paths on random inputs.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "emu/expr/num.h"
#include "harness.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

struct fast_case {
    const char *text;
    unsigned char key[SST_NUM_KEY_MAX];
    size_t len; /* 0: not on the fast path */
};

#define NINES38 "99999999999999999999999999999999999999"

static const struct fast_case cases[] = {
    /* sign 0x03, exponent 4 + 130, digits 1..5 as nibbles + 1, end 0 */
    {"12345", {0x03, 0x86, 0x23, 0x45, 0x60}, 5},
    {"0", {0x02}, 1},
    {"-0.00", {0x02}, 1},
    {"+000", {0x02}, 1},
    {"0.", {0x02}, 1},
    {".0", {0x02}, 1},
    {"1", {0x03, 0x82, 0x20}, 3},
    {"+1", {0x03, 0x82, 0x20}, 3},
    {"001", {0x03, 0x82, 0x20}, 3},
    /* negative: exponent 125 - 0, nibble 14 - 1, end 15 */
    {"-1", {0x01, 0x7D, 0xDF}, 3},
    {"1.50", {0x03, 0x82, 0x26, 0x00}, 4},
    {"-0.05", {0x01, 0x7F, 0x9F}, 3},
    {".25", {0x03, 0x81, 0x36, 0x00}, 4},
    {"+7.", {0x03, 0x82, 0x80}, 3},
    {"100", {0x03, 0x84, 0x20}, 3},
    {"0012.3400", {0x03, 0x83, 0x23, 0x45, 0x00}, 5},
    {"1700000000", {0x03, 0x8B, 0x28, 0x00}, 4},
    {"-250", {0x01, 0x7B, 0xC9, 0xFF}, 4},
    {"0.001", {0x03, 0x7F, 0x20}, 3},
    /* 38 significant digits: the most a number has */
    {NINES38,
     {0x03, 0xA7, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA,
      0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0x00},
     22},
    {"0." NINES38,
     {0x03, 0x81, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA,
      0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0x00},
     22},
    /* not on the fast path: exponents, non-ASCII digits, malformed text,
     * 39 significant digits, texts over 40 bytes */
    {"1e3", {0}, 0},
    {"1E-3", {0}, 0},
    {"\xd9\xa1\xd9\xa2", {0}, 0}, /* Arabic-Indic 12 */
    {"", {0}, 0},
    {"+", {0}, 0},
    {"-", {0}, 0},
    {".", {0}, 0},
    {"-.", {0}, 0},
    {"1.2.3", {0}, 0},
    {"12a", {0}, 0},
    {" 1", {0}, 0},
    {"1 ", {0}, 0},
    {"0x10", {0}, 0},
    {"--1", {0}, 0},
    {"1" NINES38, {0}, 0},
    {"000" NINES38, {0}, 0},    /* 41 bytes */
    {"-0" NINES38 "0", {0}, 0}, /* 41 bytes */
    /* 40 bytes: still fast */
    {"00" NINES38,
     {0x03, 0xA7, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA,
      0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0x00},
     22},
};

/* The slow path's bytes, or 0 when the text is no number. */
static size_t
slow_key(const char *s, size_t len, unsigned char *out)
{
    struct sst_num n;
    size_t r = 0;

    sst_num_init(&n);
    if (sst_num_parse(&n, s, len, NULL) == SST_OK)
        r = sst_num_key_encode(&n, out);
    sst_num_cleanup(&n);
    return r;
}

/* When the fast path takes s, its bytes are the slow path's. Returns
 * whether it took s. */
static bool
check_against_slow(const char *s)
{
    unsigned char fast[SST_NUM_KEY_MAX], slow[SST_NUM_KEY_MAX];
    size_t fl = sst_num_key_encode_text(s, strlen(s), fast);
    size_t sl = slow_key(s, strlen(s), slow);

    if (fl == 0)
        return false;
    CU_ASSERT_EQUAL(fl, sl);
    if (fl != sl || memcmp(fast, slow, fl) != 0) {
        printf("\n  fast and slow keys differ for \"%s\"\n", s);
        CU_FAIL("fast != slow");
    }
    return true;
}

static void
fast_keys_table(void)
{
    unsigned char out[SST_NUM_KEY_MAX];
    size_t i, got;

    for (i = 0; i < N(cases); i++) {
        const struct fast_case *c = &cases[i];

        memset(out, 0xEE, sizeof out);
        got = sst_num_key_encode_text(c->text, strlen(c->text), out);
        if (got != c->len || memcmp(out, c->key, c->len) != 0) {
            printf("\n  row %zu \"%s\": %zu bytes, want %zu\n", i, c->text, got,
                   c->len);
            CU_FAIL("fast key bytes");
        }
        CU_ASSERT_EQUAL(check_against_slow(c->text), c->len > 0);
    }
}

/* The text is delimited by its length, not by a NUL. */
static void
fast_keys_are_length_delimited(void)
{
    unsigned char out[SST_NUM_KEY_MAX];
    static const unsigned char want[] = {0x03, 0x83, 0x23, 0x00};

    CU_ASSERT_EQUAL(sst_num_key_encode_text("12345", 2, out), sizeof want);
    CU_ASSERT_EQUAL(memcmp(out, want, sizeof want), 0);
    CU_ASSERT_EQUAL(sst_num_key_encode_text("12e5", 2, out), sizeof want);
    CU_ASSERT_EQUAL(memcmp(out, want, sizeof want), 0);
}

/* Integers and decimals in many spellings, both signs: every one is on
 * the fast path, with the slow path's bytes. */
static void
fast_keys_match_slow_keys(void)
{
    static const char *const fmt[] = {"%d",    "+%d", "-%d",   "%03d",
                                      "-%d.0", "%d.", "%d.50", "0.%d",
                                      "-0.%d", ".%d", "-%d00", "%d.%03d"};
    char s[64];
    size_t f, fast = 0, tried = 0;
    int v;

    for (v = 0; v <= 3000; v++)
        for (f = 0; f < N(fmt); f++) {
            snprintf(s, sizeof s, fmt[f], v, v % 1000);
            tried++;
            fast += check_against_slow(s);
        }
    CU_ASSERT_EQUAL(fast, tried);
    CU_ASSERT_TRUE(tried > 30000);
}

static const struct sst_test fast_tests[] = {
    {"fast key bytes, by table", fast_keys_table},
    {"fast keys are length-delimited", fast_keys_are_length_delimited},
    {"fast keys match slow keys", fast_keys_match_slow_keys},
    {NULL, NULL},
};

static const struct sst_suite suites[] = {
    {"num fast keys", NULL, NULL, fast_tests},
    {NULL, NULL, NULL, NULL},
};

int
main(int argc, char **argv)
{
    return sst_test_main(argc, argv, "test_num_fast", suites);
}
