/*
 * tests/harness.h - the CUnit runner every test program shares.
 *
 * A test program lists its suites in a NULL-terminated array of
 * struct sst_suite and calls sst_test_main(). Each suite gets a last test,
 * "no leaks", that fails when the suite left blocks allocated through
 * sst_malloc (include/sst/mem.h). The program prints CUnit's summary and
 * then one line "NAME: N passed, M failed", and exits non-zero when any
 * test, assertion or suite set-up failed.
 */
#ifndef SST_TEST_HARNESS_H
#define SST_TEST_HARNESS_H

#include <CUnit/CUnit.h>

struct sst_test {
    const char *name;
    void (*fn)(void);
};

struct sst_suite {
    const char *name;
    int (*init)(void);    /* optional */
    int (*cleanup)(void); /* optional */
    const struct sst_test *tests; /* terminated by {NULL, NULL} */
};

/* Run the suites; returns the process exit status. */
int sst_test_main(int argc, char **argv, const char *name,
                  const struct sst_suite *suites);

/* Skip the calling test with a visible reason (counted as passed). */
void sst_test_skip(const char *why);

/* String equality with both values printed on failure. */
#define SST_ASSERT_STR_EQ(actual, expected)                                  \
    sst_test_assert_str_eq((actual), (expected), #actual, __FILE__,          \
                           __LINE__)
void sst_test_assert_str_eq(const char *actual, const char *expected,
                            const char *expr, const char *file, int line);

#endif
