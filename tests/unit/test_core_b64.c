/*
 * tests/unit/test_core_b64.c - base64 (src/core/b64.h): RFC 4648's test
 * vectors both ways, the URL-safe alphabet, every refusal with its
 * message, random round trips, and allocation failures.
 */
#include <stdlib.h>
#include <string.h>

#include <sst/mem.h>

#include "harness.h"
#include "src/core/b64.h"

/* RFC 4648, section 10. */
static const char *const rfc[][2] = {
    {"", ""},
    {"f", "Zg=="},
    {"fo", "Zm8="},
    {"foo", "Zm9v"},
    {"foob", "Zm9vYg=="},
    {"fooba", "Zm9vYmE="},
    {"foobar", "Zm9vYmFy"},
};

static void
rfc_vectors(void)
{
    unsigned char *raw;
    char *text, buf[16];
    size_t i, n;

    for (i = 0; i < sizeof rfc / sizeof rfc[0]; i++) {
        CU_ASSERT_EQUAL_FATAL(sst_b64_encode(rfc[i][0], strlen(rfc[i][0]),
                                             false, &text, &n, NULL),
                              SST_OK);
        SST_ASSERT_STR_EQ(text, rfc[i][1]);
        CU_ASSERT_EQUAL(n, strlen(rfc[i][1]));
        sst_free(text);
        CU_ASSERT_EQUAL(sst_b64_encode_into(rfc[i][0], strlen(rfc[i][0]), buf),
                        strlen(rfc[i][1]));
        SST_ASSERT_STR_EQ(buf, rfc[i][1]);
        CU_ASSERT_EQUAL(SST_B64_LEN(strlen(rfc[i][0])), strlen(rfc[i][1]));
        CU_ASSERT_EQUAL_FATAL(
            sst_b64_decode(rfc[i][1], strlen(rfc[i][1]), false, &raw, &n, NULL),
            SST_OK);
        CU_ASSERT_EQUAL(n, strlen(rfc[i][0]));
        CU_ASSERT_EQUAL(memcmp(raw, rfc[i][0], n), 0);
        CU_ASSERT_EQUAL(raw[n], '\0');
        sst_free(raw);
    }
}

/* 0xFB 0xFF encodes to "+/8=" in the standard alphabet, "-_8=" in the
 * URL-safe one; the URL-safe decoder takes both, the standard one only
 * its own. */
static void
url_safe_alphabet(void)
{
    static const unsigned char bytes[] = {0xFB, 0xFF};
    unsigned char *raw;
    char *text;
    size_t n;
    struct sst_err e;

    CU_ASSERT_EQUAL(sst_b64_encode(bytes, 2, false, &text, NULL, NULL), SST_OK);
    SST_ASSERT_STR_EQ(text, "+/8=");
    sst_free(text);
    CU_ASSERT_EQUAL(sst_b64_encode(bytes, 2, true, &text, NULL, NULL), SST_OK);
    SST_ASSERT_STR_EQ(text, "-_8=");
    sst_free(text);
    CU_ASSERT_EQUAL_FATAL(sst_b64_decode("-_8=", 4, true, &raw, &n, NULL),
                          SST_OK);
    CU_ASSERT_TRUE(n == 2 && memcmp(raw, bytes, 2) == 0);
    sst_free(raw);
    CU_ASSERT_EQUAL_FATAL(sst_b64_decode("+/8=", 4, true, &raw, &n, NULL),
                          SST_OK);
    CU_ASSERT_TRUE(n == 2 && memcmp(raw, bytes, 2) == 0);
    sst_free(raw);
    CU_ASSERT_EQUAL(sst_b64_decode("-_8=", 4, false, &raw, &n, &e),
                    SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(e.message,
                      "invalid base64: unexpected character at offset 0");
    CU_ASSERT_PTR_NULL(raw);
    CU_ASSERT_EQUAL(n, 0);
}

static void
refusals(void)
{
    static const struct {
        const char *in;
        const char *message;
    } cases[] = {
        {"Zg=", "invalid base64: length 3 is not a multiple of 4"},
        {"Zg", "invalid base64: length 2 is not a multiple of 4"},
        {"Z===", "invalid base64: unexpected character at offset 1"},
        {"Zg=a", "invalid base64: unexpected character at offset 2"},
        {"Z g=", "invalid base64: unexpected character at offset 1"},
        {"Zm9v\nYg==", "invalid base64: length 9 is not a multiple of 4"},
        {"Zm9vYg==Zm9v", "invalid base64: unexpected character at offset 6"},
        {"Zm*v", "invalid base64: unexpected character at offset 2"},
        {"\xc3\xa9\xc3\xa9",
         "invalid base64: unexpected character at offset 0"},
    };
    unsigned char *raw;
    size_t i, n;
    struct sst_err e;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        raw = (unsigned char *)"x";
        n = 9;
        CU_ASSERT_EQUAL(sst_b64_decode(cases[i].in, strlen(cases[i].in), false,
                                       &raw, &n, &e),
                        SST_E_INVALID_ARG);
        SST_ASSERT_STR_EQ(e.message, cases[i].message);
        CU_ASSERT_PTR_NULL(raw);
        CU_ASSERT_EQUAL(n, 0);
    }
}

/* Bits left over in the last character are ignored, as Python does. */
static void
leftover_bits_ignored(void)
{
    unsigned char *raw;
    size_t n;

    CU_ASSERT_EQUAL_FATAL(sst_b64_decode("Zh==", 4, false, &raw, &n, NULL),
                          SST_OK);
    CU_ASSERT_TRUE(n == 1 && raw[0] == 'f');
    sst_free(raw);
}

static void
random_round_trips(void)
{
    unsigned char bytes[64], *raw;
    char *text;
    size_t k, n, len, back;
    int url;

    srand(7);
    for (k = 0; k < 2000; k++) {
        len = (size_t)rand() % sizeof bytes;
        for (n = 0; n < len; n++)
            bytes[n] = (unsigned char)rand();
        url = rand() % 2;
        CU_ASSERT_EQUAL_FATAL(sst_b64_encode(bytes, len, url, &text, &n, NULL),
                              SST_OK);
        CU_ASSERT_EQUAL(n, SST_B64_LEN(len));
        CU_ASSERT_EQUAL_FATAL(sst_b64_decode(text, n, url, &raw, &back, NULL),
                              SST_OK);
        CU_ASSERT_TRUE(back == len && memcmp(raw, bytes, len) == 0);
        sst_free(raw);
        sst_free(text);
    }
}

static void
out_of_memory(void)
{
    unsigned char *raw = NULL;
    char *text = NULL;
    size_t n;
    long k;

    /* the URL-safe decoder allocates twice: the output, a translation */
    for (k = 1; k <= 3; k++) {
        sst_mem_fail_after(k);
        CU_ASSERT_EQUAL(sst_b64_decode("-_8=", 4, true, &raw, &n, NULL),
                        k < 3 ? SST_E_NOMEM : SST_OK);
        sst_mem_fail_reset();
        CU_ASSERT_TRUE(k < 3 ? raw == NULL : raw != NULL);
        sst_free(raw);
        raw = NULL;
    }
    sst_mem_fail_after(1);
    CU_ASSERT_EQUAL(sst_b64_encode("f", 1, false, &text, &n, NULL),
                    SST_E_NOMEM);
    sst_mem_fail_reset();
    CU_ASSERT_PTR_NULL(text);
}

static const struct sst_test tests[] = {
    {"RFC 4648 vectors", rfc_vectors},
    {"URL-safe alphabet", url_safe_alphabet},
    {"refusals name the problem", refusals},
    {"leftover bits are ignored", leftover_bits_ignored},
    {"random round trips", random_round_trips},
    {"out of memory", out_of_memory},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"b64", NULL, NULL, tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_core_b64", suites);
}
