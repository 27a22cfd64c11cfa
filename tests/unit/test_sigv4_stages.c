/*
 * tests/unit/test_sigv4_stages.c - SigV4's single stages: the signing key,
 * signature and Authorization value, X-Amz-Date, canonical paths, queries
 * and header values, and the inputs signing refuses.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sst/mem.h>

#include "harness.h"
#include "http/sigv4.h"
#include "sigv4_suite.h"

static void
signing_key_chain(void)
{
    /* AWS General Reference, "derive a signing key": 20150830, us-east-1,
     * iam */
    static const unsigned char want[SST_SIGV4_KEY_LEN] = {
        0xc4, 0xaf, 0xb1, 0xcc, 0x57, 0x71, 0xd8, 0x71, 0x76, 0x3a, 0x39,
        0x3e, 0x44, 0xb7, 0x03, 0x57, 0x1b, 0x55, 0xcc, 0x28, 0x42, 0x4d,
        0x1a, 0x5e, 0x86, 0xda, 0x6e, 0xd3, 0xc1, 0x54, 0xa4, 0xb9};
    unsigned char key[SST_SIGV4_KEY_LEN];
    char sig[SST_SIGV4_HEX_LEN + 1];
    char *authz = NULL;
    struct sst_err e;

    CU_ASSERT_EQUAL_FATAL(sst_sigv4_signing_key(SUITE_SECRET, "20150830",
                                                "us-east-1", "iam", key, NULL),
                          SST_OK);
    CU_ASSERT_EQUAL(memcmp(key, want, sizeof key), 0);

    /* get-vanilla's string to sign under the suite's key */
    CU_ASSERT_EQUAL_FATAL(sst_sigv4_signing_key(SUITE_SECRET,
                                                "20150830T123600Z", "us-east-1",
                                                "service", key, NULL),
                          SST_OK);
    CU_ASSERT_EQUAL(
        sst_sigv4_signature(key,
                            "AWS4-HMAC-SHA256\n20150830T123600Z\n"
                            "20150830/us-east-1/service/aws4_request\n"
                            "bb579772317eb040ac9ed261061d46c1f17a8133879d612"
                            "9b6e1c25292927e63",
                            sig, NULL),
        SST_OK);
    SST_ASSERT_STR_EQ(
        sig,
        "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    CU_ASSERT_EQUAL(sst_sigv4_authorization(SUITE_KEY, "20150830", "us-east-1",
                                            "service", "host;x-amz-date", sig,
                                            &authz, NULL),
                    SST_OK);
    SST_ASSERT_STR_EQ(authz,
                      "AWS4-HMAC-SHA256 Credential=" SUITE_SCOPE
                      ", SignedHeaders=host;x-amz-date, Signature=5fa00fa315"
                      "53b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf3"
                      "1");
    sst_free(authz);

    CU_ASSERT_EQUAL(sst_sigv4_signing_key(NULL, "20150830", "r", "s", key, &e),
                    SST_E_INVALID_ARG);
    CU_ASSERT_EQUAL(sst_sigv4_signing_key("k", "2015", "r", "s", key, &e),
                    SST_E_INVALID_ARG);
    CU_ASSERT_EQUAL(sst_sigv4_signature(NULL, "x", sig, &e), SST_E_INVALID_ARG);
    CU_ASSERT_EQUAL(
        sst_sigv4_authorization("k", "2015", "r", "s", "h", "s", &authz, &e),
        SST_E_INVALID_ARG);
    CU_ASSERT_PTR_NULL(authz);
}

static void
amz_dates(void)
{
    static const struct {
        long long t;
        const char *want;
    } rows[] = {
        {1440938160LL, "20150830T123600Z"},
        {0, "19700101T000000Z"},
        {-1, "19691231T235959Z"},
        {951782400LL, "20000229T000000Z"},
        {4107542399LL, "21000228T235959Z"},
        {-62135596800LL, "00010101T000000Z"},
        {253402300799LL, "99991231T235959Z"},
    };
    char out[SST_SIGV4_AMZ_DATE_LEN + 1];
    struct sst_err e;
    size_t i;

    for (i = 0; i < N(rows); i++) {
        CU_ASSERT_EQUAL(sst_sigv4_amz_date(rows[i].t, out, NULL), SST_OK);
        SST_ASSERT_STR_EQ(out, rows[i].want);
    }
    CU_ASSERT_EQUAL(sst_sigv4_amz_date(253402300800LL, out, &e),
                    SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(e.message,
                      "time 253402300800 is outside years 1 to 9999");
    CU_ASSERT_EQUAL(sst_sigv4_amz_date(-62135596801LL, out, &e),
                    SST_E_INVALID_ARG);
}

static void
canonical_paths(void)
{
    static const struct {
        const char *path;
        bool normalize;
        const char *want;
    } rows[] = {
        {"", true, "/"},
        {"/", true, "/"},
        {"//", true, "/"},
        {"//", false, "//"},
        {"/a/./b/../c", true, "/a/c"},
        {"/a/./b/../c", false, "/a/./b/../c"},
        {"/../..", true, "/"},
        {"/a/b/", true, "/a/b/"},
        {"/a//b//", true, "/a/b/"},
        {"a/b", true, "/a/b"},
        {"/example space/", true, "/example%20space/"},
        {"/\xe1\x88\xb4", true, "/%E1%88%B4"},
        {"/%41", true, "/%2541"}, /* encoded again, as non-S3 services do */
        {"/-._~AZaz09", true, "/-._~AZaz09"},
        {"/a+b=c&d", false, "/a%2Bb%3Dc%26d"},
        {"/...", true, "/..."},
    };
    size_t i;

    for (i = 0; i < N(rows); i++) {
        char *out = NULL;

        CU_ASSERT_EQUAL(sst_sigv4_canonical_path(rows[i].path,
                                                 strlen(rows[i].path),
                                                 rows[i].normalize, &out, NULL),
                        SST_OK);
        if (out == NULL || strcmp(out, rows[i].want) != 0) {
            printf("\n  path \"%s\" (normalize %d): got \"%s\", want "
                   "\"%s\"\n",
                   rows[i].path, rows[i].normalize, out ? out : "(null)",
                   rows[i].want);
            CU_FAIL("canonical path");
        }
        sst_free(out);
    }
}

static void
canonical_queries(void)
{
    static const struct {
        const char *query;
        const char *want;
    } rows[] = {
        {"", ""},
        {"Param2=value2&Param1=value1", "Param1=value1&Param2=value2"},
        {"Param1=value2&Param1=Value1", "Param1=Value1&Param1=value2"},
        {"Param-3=Value3&Param=Value2&%E1%88%B4=Value1",
         "%E1%88%B4=Value1&Param=Value2&Param-3=Value3"},
        {"\xe1\x88\xb4=bar", "%E1%88%B4=bar"},
        {"Param1", "Param1="},
        {"a=&b", "a=&b="},
        {"&&x=1&&", "x=1"},
        {"a=b=c", "a=b%3Dc"},
        {"k=a b", "k=a%20b"},
        {"k=a+b", "k=a%2Bb"},
        {"k=%zz%4", "k=%25zz%254"},
        {"k=%2f", "k=%2F"},
        {"b=2&a=1&a=0", "a=0&a=1&b=2"},
        {"=", "="}, /* fuzzer find: only empty names and values */
        {"=&=x", "=&=x"},
    };
    size_t i;

    for (i = 0; i < N(rows); i++) {
        char *out = NULL;

        CU_ASSERT_EQUAL(sst_sigv4_canonical_query(
                            rows[i].query, strlen(rows[i].query), &out, NULL),
                        SST_OK);
        if (out == NULL || strcmp(out, rows[i].want) != 0) {
            printf("\n  query \"%s\": got \"%s\", want \"%s\"\n", rows[i].query,
                   out ? out : "(null)", rows[i].want);
            CU_FAIL("canonical query");
        }
        sst_free(out);
    }
}

static void
header_values(void)
{
    static const struct sst_sigv4_header hs[] = {
        {"Host", "example.amazonaws.com"},
        {"X-Blank", "   "},
        {"x-tabs", "\ta\t\tb  c\t"},
        {"X-Multi", "one\r\n  two  \n\n three"},
        {"x-multi", "four"},
        {"X-Empty", ""},
    };
    struct sst_sigv4_request r = {
        "GET", "/", NULL, hs, N(hs), NULL, 0, SST_SIGV4_UNSIGNED_PAYLOAD};
    struct sst_sigv4_config cfg = {"r", "s", SUITE_TIME, 0};
    char *creq = NULL, *list = NULL;

    CU_ASSERT_EQUAL_FATAL(
        sst_sigv4_canonical_request(&r, NULL, &cfg, &creq, &list, NULL),
        SST_OK);
    SST_ASSERT_STR_EQ(creq, "GET\n/\n\n"
                            "host:example.amazonaws.com\n"
                            "x-amz-date:20150830T123600Z\n"
                            "x-blank:\n"
                            "x-empty:\n"
                            "x-multi:one,two,three,four\n"
                            "x-tabs:a b c\n"
                            "\n"
                            "host;x-amz-date;x-blank;x-empty;x-multi;x-tabs\n"
                            "UNSIGNED-PAYLOAD");
    SST_ASSERT_STR_EQ(list, "host;x-amz-date;x-blank;x-empty;x-multi;x-tabs");
    sst_free(creq);
    sst_free(list);
}

static void
bad_signing_inputs(void)
{
    static const struct sst_sigv4_header with_authz[] = {
        {"Host", "h"}, {"authorization", "x"}};
    static const struct sst_sigv4_header with_date[] = {
        {"X-AMZ-DATE", "20150830T123600Z"}};
    static const struct sst_sigv4_header with_token[] = {
        {"x-amz-security-token", "t"}};
    struct sst_sigv4_credentials k = {"AK", "SK", "TOKEN"};
    struct sst_sigv4_config cfg = {"r", "s", SUITE_TIME, 0};
    struct sst_sigv4_request r = {"GET", "/",  NULL, with_authz,
                                  2,     NULL, 0,    NULL};
    struct sst_sigv4_headers *h = (struct sst_sigv4_headers *)1;
    struct sst_err e;
    char *big, *creq = (char *)1;
    struct sst_sigv4_header big_h;

    CU_ASSERT_EQUAL(sst_sigv4_sign(&r, &k, &cfg, &h, &e), SST_E_INVALID_ARG);
    CU_ASSERT_PTR_NULL(h);
    SST_ASSERT_STR_EQ(e.message, "the request already has Authorization; "
                                 "the signer adds it");
    r.headers = with_date;
    r.header_count = 1;
    CU_ASSERT_EQUAL(sst_sigv4_sign(&r, &k, &cfg, &h, &e), SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(e.message, "the request already has X-Amz-Date; "
                                 "the signer adds it");
    r.headers = with_token;
    CU_ASSERT_EQUAL(sst_sigv4_sign(&r, &k, &cfg, &h, &e), SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(e.message,
                      "the request already has X-Amz-Security-Token; the "
                      "signer adds it");
    k.session_token = NULL; /* then it is an ordinary signed header */
    CU_ASSERT_EQUAL(sst_sigv4_sign(&r, &k, &cfg, &h, &e), SST_OK);
    sst_sigv4_headers_free(h);
    r.method = NULL;
    CU_ASSERT_EQUAL(sst_sigv4_sign(&r, &k, &cfg, &h, &e), SST_E_INVALID_ARG);
    r.method = "GET";
    cfg.region = NULL;
    CU_ASSERT_EQUAL(sst_sigv4_sign(&r, &k, &cfg, &h, &e), SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(e.message,
                      "signing needs credentials, region and service");
    cfg.region = "r";
    r.payload_len = 3; /* and no payload */
    CU_ASSERT_EQUAL(sst_sigv4_sign(&r, &k, &cfg, &h, &e), SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(e.message, "payload is NULL but payload_len is 3");
    r.payload_len = 0;

    /* the canonical request is capped */
    big = malloc(SST_SIGV4_MAX_CANONICAL + 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(big);
    memset(big, 'v', SST_SIGV4_MAX_CANONICAL);
    big[SST_SIGV4_MAX_CANONICAL] = '\0';
    big_h.name = "x-big";
    big_h.value = big;
    r.headers = &big_h;
    CU_ASSERT_EQUAL(sst_sigv4_canonical_request(&r, &k, &cfg, &creq, NULL, &e),
                    SST_E_INVALID_ARG);
    CU_ASSERT_PTR_NULL(creq);
    SST_ASSERT_STR_EQ(e.message,
                      "the canonical request would be longer than 1048576 "
                      "bytes");
    free(big);

    CU_ASSERT_EQUAL(sst_sigv4_string_to_sign("x", "2015", "r", "s", &creq, &e),
                    SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(e.message, "'2015' is not a YYYYMMDDTHHMMSSZ date");
    sst_sigv4_headers_free(NULL);
}


/* ================================================================== */

static const struct sst_test stage_tests[] = {
    {"signing key, signature, Authorization", signing_key_chain},
    {"X-Amz-Date from seconds", amz_dates},
    {"canonical paths", canonical_paths},
    {"canonical queries", canonical_queries},
    {"canonical header values", header_values},
    {"bad signing inputs", bad_signing_inputs},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"sigv4 stages", NULL, NULL, stage_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_sigv4_stages", suites);
}
