/*
 * tests/harness.c - CUnit runner with a leak check per suite; see
 * harness.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/Basic.h>

#include <sst/mem.h>

#include "harness.h"

#define MAX_SUITES 64

/* Live-block count at each suite's start, by suite index. */
static long baseline[MAX_SUITES];
static int current_suite = -1;
static int skipped;

void
sst_test_skip(const char *why)
{
    printf("\n  SKIP: %s\n", why);
    skipped++;
}

void
sst_test_assert_str_eq(const char *actual, const char *expected,
                       const char *expr, const char *file, int line)
{
    char msg[512];
    int ok = (actual == NULL && expected == NULL) ||
             (actual && expected && strcmp(actual, expected) == 0);

    snprintf(msg, sizeof msg, "%s == \"%s\" (got \"%s\")", expr,
             expected ? expected : "(null)", actual ? actual : "(null)");
    CU_assertImplementation(ok, (unsigned)line, msg, file, "", CU_FALSE);
}

static const struct sst_suite *all_suites;

/* CUnit's init and cleanup take no argument: find the running suite by
 * the name CUnit reports for it. */
static int
suite_index(void)
{
    CU_pSuite s = CU_get_current_suite();
    int i;

    for (i = 0; s && all_suites[i].name; i++)
        if (strcmp(all_suites[i].name, s->pName) == 0)
            return i;
    return -1;
}

static int
suite_init(void)
{
    int i = suite_index();

    if (i < 0)
        return 1;
    current_suite = i;
    baseline[i] = sst_mem_live_count();
    return all_suites[i].init ? all_suites[i].init() : 0;
}

static int
suite_cleanup(void)
{
    int i = suite_index();

    if (i < 0)
        return 1;
    return all_suites[i].cleanup ? all_suites[i].cleanup() : 0;
}

/* The last test of every suite. */
static void
no_leaks(void)
{
    long now = sst_mem_live_count();
    char msg[128];

    sst_mem_fail_reset();
    snprintf(msg, sizeof msg, "suite leaked %ld block(s)",
             now - baseline[current_suite]);
    CU_assertImplementation(now == baseline[current_suite], __LINE__, msg,
                            __FILE__, "", CU_FALSE);
}

int
sst_test_main(int argc, char **argv, const char *name,
              const struct sst_suite *suites)
{
    unsigned failed, ran, asserts_failed, suites_failed;
    int i;

    (void)argc;
    (void)argv;
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    all_suites = suites;
    for (i = 0; suites[i].name; i++) {
        CU_pSuite s;
        const struct sst_test *t;

        if (i == MAX_SUITES) {
            fprintf(stderr, "%s: more than %d suites\n", name, MAX_SUITES);
            return 2;
        }
        s = CU_add_suite(suites[i].name, suite_init, suite_cleanup);
        if (s == NULL)
            return 2;
        for (t = suites[i].tests; t->name; t++)
            if (CU_add_test(s, t->name, t->fn) == NULL)
                return 2;
        if (CU_add_test(s, "no leaks", no_leaks) == NULL)
            return 2;
    }
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    ran = CU_get_number_of_tests_run();
    failed = CU_get_number_of_tests_failed();
    asserts_failed = CU_get_number_of_failures();
    suites_failed = CU_get_number_of_suites_failed();
    CU_cleanup_registry();
    printf("\n%s: %u passed, %u failed%s\n", name, ran - failed,
           failed + suites_failed, skipped ? "" : "");
    if (skipped)
        printf("%s: %d test(s) skipped\n", name, skipped);
    return (failed || asserts_failed || suites_failed) ? 1 : 0;
}
