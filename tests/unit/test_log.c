/*
 * tests/unit/test_log.c - the log callback: levels, formatting, removal.
 */
#include <stdio.h>
#include <string.h>

#include <sst/sst.h>

#include "harness.h"

static char got[2048];
static int calls;

static void
collect(enum sst_log_level level, const char *component, const char *msg,
        void *user)
{
    calls++;
    snprintf(got, sizeof got, "%s %s %s %s", (const char *)user,
             sst_log_level_name(level), component, msg);
}

static void
delivers_at_or_above_the_level(void)
{
    calls = 0;
    sst_log_set(collect, "u", SST_LOG_INFO);
    sst_log(SST_LOG_DEBUG, "diff", "hidden %d", 1);
    CU_ASSERT_EQUAL(calls, 0);
    sst_log(SST_LOG_WARN, "diff", "GetItem: %s differs", "Item.a");
    CU_ASSERT_EQUAL(calls, 1);
    SST_ASSERT_STR_EQ(got, "u WARN diff GetItem: Item.a differs");
    sst_log(SST_LOG_ERROR, NULL, "x");
    SST_ASSERT_STR_EQ(got, "u ERROR  x");
    sst_log_set(NULL, NULL, SST_LOG_DEBUG);
    sst_log(SST_LOG_ERROR, "diff", "gone");
    CU_ASSERT_EQUAL(calls, 2);
}

static void
long_messages_are_cut(void)
{
    char big[3000];

    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    calls = 0;
    sst_log_set(collect, "u", SST_LOG_DEBUG);
    sst_log(SST_LOG_INFO, "c", "%s", big);
    CU_ASSERT_EQUAL(calls, 1);
    CU_ASSERT_EQUAL(strlen(got), strlen("u INFO c ") + 1023);
    sst_log_set(NULL, NULL, SST_LOG_DEBUG);
    SST_ASSERT_STR_EQ(sst_log_level_name((enum sst_log_level)9), "?");
}

static const struct sst_test log_tests[] = {
    {"delivers at or above the level", delivers_at_or_above_the_level},
    {"long messages are cut", long_messages_are_cut},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"log", NULL, NULL, log_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_log", suites);
}
