/*
 * tests/unit/test_mem.c - the allocation wrapper: live counts and failure
 * injection, which every other suite's leak check and OOM loop rely on.
 */
#include <string.h>

#include <sst/sst.h>

#include "harness.h"

static void
counts_live_blocks(void)
{
    long before = sst_mem_live_count();
    void *a = sst_malloc(10), *b = sst_calloc(3, 4), *c;
    char *s = sst_strdup("hello");

    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CU_ASSERT_EQUAL(sst_mem_live_count(), before + 3);
    CU_ASSERT_EQUAL(memcmp(b, "\0\0\0\0\0\0\0\0\0\0\0\0", 12), 0);
    SST_ASSERT_STR_EQ(s, "hello");
    c = sst_realloc(a, 1000); /* a moves into c: no change in count */
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CU_ASSERT_EQUAL(sst_mem_live_count(), before + 3);
    sst_free(c);
    sst_free(b);
    sst_free(s);
    sst_free(NULL);
    CU_ASSERT_EQUAL(sst_mem_live_count(), before);
}

static void
realloc_null_allocates(void)
{
    long before = sst_mem_live_count();
    void *p = sst_realloc(NULL, 8);

    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL(sst_mem_live_count(), before + 1);
    sst_free(p);
    CU_ASSERT_EQUAL(sst_mem_live_count(), before);
}

static void
strndup_copies_prefix(void)
{
    char *s = sst_strndup("abcdef", 3);

    SST_ASSERT_STR_EQ(s, "abc");
    sst_free(s);
    CU_ASSERT_PTR_NULL(sst_strdup(NULL));
}

static void
calloc_overflow_fails(void)
{
    CU_ASSERT_PTR_NULL(sst_calloc((size_t)-1 / 2, 4));
}

static void
fails_nth_allocation(void)
{
    void *a, *b, *c;

    sst_mem_fail_after(3);
    a = sst_malloc(1);
    b = sst_malloc(1);
    c = sst_malloc(1);
    CU_ASSERT_PTR_NOT_NULL(a);
    CU_ASSERT_PTR_NOT_NULL(b);
    CU_ASSERT_PTR_NULL(c);
    /* once failing, it keeps failing until reset */
    CU_ASSERT_PTR_NULL(sst_strdup("x"));
    CU_ASSERT_PTR_NULL(sst_realloc(a, 100));
    CU_ASSERT_EQUAL(sst_mem_failed_count(), 3);
    sst_mem_fail_reset();
    c = sst_malloc(1);
    CU_ASSERT_PTR_NOT_NULL(c);
    sst_free(a);
    sst_free(b);
    sst_free(c);
}

static void
fail_after_zero_disarms(void)
{
    void *p;

    sst_mem_fail_after(1);
    sst_mem_fail_after(0);
    p = sst_malloc(4);
    CU_ASSERT_PTR_NOT_NULL(p);
    CU_ASSERT_EQUAL(sst_mem_failed_count(), 0);
    sst_free(p);
}

/* The OOM loop the other suites run, on the URI parser: every failure
 * point answers SST_E_NOMEM and leaks nothing, and eventually it works. */
static void
oom_loop_over_uri_parse(void)
{
    const char *uri = "fault:throttle=0.5,latency=10|diff:emu::memory:|"
                      "http://localhost:8000/x?region=eu-west-1";
    long n, before = sst_mem_live_count();
    int succeeded = 0;

    for (n = 1; n < 200 && !succeeded; n++) {
        struct sst_uri *u = NULL;
        struct sst_err e;
        enum sst_code rc;

        sst_mem_fail_after(n);
        rc = sst_uri_parse(uri, &u, &e);
        sst_mem_fail_reset();
        if (rc == SST_OK) {
            succeeded = 1;
            CU_ASSERT_EQUAL(u->kind, SST_BACKEND_FAULT);
        } else {
            CU_ASSERT_EQUAL(rc, SST_E_NOMEM);
            CU_ASSERT_EQUAL(e.code, SST_E_NOMEM);
            CU_ASSERT_PTR_NULL(u);
        }
        sst_uri_free(u);
        CU_ASSERT_EQUAL(sst_mem_live_count(), before);
    }
    CU_ASSERT_TRUE(succeeded);
    CU_ASSERT_TRUE(n > 5); /* it did fail at several points first */
}

static const struct sst_test mem_tests[] = {
    {"counts live blocks", counts_live_blocks},
    {"realloc(NULL) allocates", realloc_null_allocates},
    {"strndup copies a prefix", strndup_copies_prefix},
    {"calloc overflow fails", calloc_overflow_fails},
    {"fails the nth allocation", fails_nth_allocation},
    {"fail_after(0) disarms", fail_after_zero_disarms},
    {"OOM loop over sst_uri_parse", oom_loop_over_uri_parse},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"mem", NULL, NULL, mem_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_mem", suites);
}
