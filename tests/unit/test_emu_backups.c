/*
 * tests/unit/test_emu_backups.c - DescribeContinuousBackups and
 * UpdateContinuousBackups in the emulator in-process (emu/ops/backups.c;
 * docs/emulator.md, "Continuous backups").
 *
 * DynamoDB Local knows neither operation, so the expected answers are
 * AWS's. The clock is fixed (tables_test_util.h: 2026-11-25T19:11:52.989Z,
 * 1795633912.989 s) and moved by whole days, so every answer is exact.
 */
#include <stdio.h>
#include <stdlib.h>

#include <json-c/json.h>

#include <sst/emu.h>
#include <sst/sst.h>

#include "harness.h"
#include "tests/unit/emu_test_util.h"
#include "tests/unit/tables_test_util.h"

#define DAY_MS (86400LL * 1000)
#define TABLE                                                                  \
    "{\"TableName\":\"tab\",\"BillingMode\":\"PAY_PER_REQUEST\","              \
    "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],"         \
    "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\","                     \
    "\"AttributeType\":\"S\"}]}"
#define DESCRIBE "{\"TableName\":\"tab\"}"
#define UPDATE(spec)                                                           \
    "{\"TableName\":\"tab\",\"PointInTimeRecoverySpecification\":" spec "}"
#define ENABLE UPDATE("{\"PointInTimeRecoveryEnabled\":true}")
#define DISABLED                                                               \
    "{\"ContinuousBackupsDescription\":{\"ContinuousBackupsStatus\":"          \
    "\"ENABLED\",\"PointInTimeRecoveryDescription\":{"                         \
    "\"PointInTimeRecoveryStatus\":\"DISABLED\"}}}"
/* enabled, for days, restorable from earliest to latest */
#define ENABLED(days, earliest, latest)                                        \
    "{\"ContinuousBackupsDescription\":{\"ContinuousBackupsStatus\":"          \
    "\"ENABLED\",\"PointInTimeRecoveryDescription\":{"                         \
    "\"PointInTimeRecoveryStatus\":\"ENABLED\",\"RecoveryPeriodInDays\":" days \
    ",\"EarliestRestorableDateTime\":" earliest                                \
    ",\"LatestRestorableDateTime\":" latest "}}}"

static struct sst_backend *
open_with_table(void)
{
    struct sst_backend *b = tt_open_memory();

    json_object_put(tt_ok(b, "CreateTable", TABLE));
    return b;
}

/* The restorable window: from when recovery was enabled, or the
 * period's start if later, to now. */
static void
enable_disable_and_the_window(void)
{
    struct sst_backend *b = open_with_table();
    struct sst_emu *emu = sst_emu_from_backend(b);

    tt_ok_text(b, "DescribeContinuousBackups", DESCRIBE, DISABLED);
    tt_ok_text(b, "UpdateContinuousBackups", ENABLE,
                  ENABLED("35", "1795633912.989", "1795633912.989"));
    sst_emu_advance_clock(emu, 10 * DAY_MS);
    tt_ok_text(b, "DescribeContinuousBackups", DESCRIBE,
                  ENABLED("35", "1795633912.989", "1796497912.989"));
    sst_emu_advance_clock(emu, 30 * DAY_MS);
    tt_ok_text(b, "DescribeContinuousBackups", DESCRIBE,
                  ENABLED("35", "1796065912.989", "1799089912.989"));
    /* a new period while enabled: the window shrinks to it */
    tt_ok_text(b, "UpdateContinuousBackups",
                  UPDATE("{\"PointInTimeRecoveryEnabled\":true,"
                         "\"RecoveryPeriodInDays\":7}"),
                  ENABLED("7", "1798485112.989", "1799089912.989"));
    /* enabling again without a period: 35, the window kept */
    tt_ok_text(b, "UpdateContinuousBackups", ENABLE,
                  ENABLED("35", "1796065912.989", "1799089912.989"));
    tt_ok_text(b, "UpdateContinuousBackups",
                  UPDATE("{\"PointInTimeRecoveryEnabled\":false}"), DISABLED);
    tt_ok_text(b, "DescribeContinuousBackups", DESCRIBE, DISABLED);
    /* disabling forgets: a new window starts at the next enable */
    sst_emu_advance_clock(emu, DAY_MS);
    tt_ok_text(b, "UpdateContinuousBackups",
                  UPDATE("{\"PointInTimeRecoveryEnabled\":\"TRUE\","
                         "\"RecoveryPeriodInDays\":1}"),
                  ENABLED("1", "1799176312.989", "1799176312.989"));
    sst_backend_close(b);
}

/* The setting is the table's: it survives a reopen of an emu:PATH store
 * and UpdateTable, and goes with DeleteTable. */
static void
kept_with_the_table(void)
{
    struct sst_backend *b = NULL;
    struct sst_err e;
    char dir[256], uri[320];

    tt_temp_store("pitr", dir, uri);
    CU_ASSERT_EQUAL_FATAL(sst_backend_open(uri, &b, &e), SST_OK);
    sst_emu_set_time(sst_emu_from_backend(b), 1795633912989LL);
    json_object_put(tt_ok(b, "CreateTable", TABLE));
    json_object_put(tt_ok(b, "UpdateContinuousBackups", ENABLE));
    sst_backend_close(b);
    CU_ASSERT_EQUAL_FATAL(sst_backend_open(uri, &b, &e), SST_OK);
    sst_emu_set_time(sst_emu_from_backend(b), 1795633912989LL + DAY_MS);
    json_object_put(tt_ok(b, "UpdateTable",
                          "{\"TableName\":\"tab\",\"DeletionProtectionEnabled\""
                          ":false}"));
    tt_ok_text(b, "DescribeContinuousBackups", DESCRIBE,
                  ENABLED("35", "1795633912.989", "1795720312.989"));
    json_object_put(tt_ok(b, "DeleteTable", DESCRIBE));
    tt_expect_error(b, "DescribeContinuousBackups", DESCRIBE,
                    SST_E_TABLE_NOT_FOUND, "TableNotFoundException",
                    "Table not found: tab");
    json_object_put(tt_ok(b, "CreateTable", TABLE));
    tt_ok_text(b, "DescribeContinuousBackups", DESCRIBE, DISABLED);
    sst_backend_close(b);
    tt_remove_dir(dir);
}

struct refusal {
    const char *op;
    const char *req;
    enum sst_code code;
    const char *message;
};

#define AT_SPEC "at 'pointInTimeRecoverySpecification"

static const struct refusal refusals[] = {
    {"UpdateContinuousBackups", "{\"TableName\":\"tab\"}", SST_E_VALIDATION,
     "1 validation error detected: Value null " AT_SPEC "' failed to satisfy "
     "constraint: Member must not be null"},
    {"UpdateContinuousBackups", UPDATE("{}"), SST_E_VALIDATION,
     "1 validation error detected: Value null " AT_SPEC
     ".pointInTimeRecoveryEnabled' failed to satisfy constraint: Member must "
     "not be null"},
    {"UpdateContinuousBackups",
     UPDATE("{\"PointInTimeRecoveryEnabled\":true,"
            "\"RecoveryPeriodInDays\":0}"),
     SST_E_VALIDATION,
     "1 validation error detected: Value '0' " AT_SPEC
     ".recoveryPeriodInDays' failed to satisfy constraint: Member must have "
     "value greater than or equal to 1"},
    {"UpdateContinuousBackups",
     UPDATE("{\"PointInTimeRecoveryEnabled\":true,"
            "\"RecoveryPeriodInDays\":36}"),
     SST_E_VALIDATION,
     "1 validation error detected: Value '36' " AT_SPEC
     ".recoveryPeriodInDays' failed to satisfy constraint: Member must have "
     "value less than or equal to 35"},
    {"UpdateContinuousBackups", UPDATE("{\"RecoveryPeriodInDays\":-3}"),
     SST_E_VALIDATION,
     "2 validation errors detected: Value null " AT_SPEC
     ".pointInTimeRecoveryEnabled' failed to satisfy constraint: Member must "
     "not be null; Value '-3' " AT_SPEC ".recoveryPeriodInDays' failed to "
     "satisfy constraint: Member must have value greater than or equal to 1"},
    {"UpdateContinuousBackups",
     UPDATE("{\"PointInTimeRecoveryEnabled\":false,"
            "\"RecoveryPeriodInDays\":35}"),
     SST_E_VALIDATION,
     "Invalid Request: Cannot specify RecoveryPeriodInDays when disabling "
     "point-in-time recovery."},
    /* the request is checked before the table is looked up */
    {"UpdateContinuousBackups",
     "{\"TableName\":\"none\",\"PointInTimeRecoverySpecification\":{}}",
     SST_E_VALIDATION,
     "1 validation error detected: Value null " AT_SPEC
     ".pointInTimeRecoveryEnabled' failed to satisfy constraint: Member must "
     "not be null"},
    {"UpdateContinuousBackups",
     "{\"TableName\":\"none\",\"PointInTimeRecoverySpecification\":{"
     "\"PointInTimeRecoveryEnabled\":true}}",
     SST_E_TABLE_NOT_FOUND, "Table not found: none"},
    {"DescribeContinuousBackups", "{\"TableName\":\"none\"}",
     SST_E_TABLE_NOT_FOUND, "Table not found: none"},
    {"DescribeContinuousBackups", "{}", SST_E_VALIDATION,
     "Value null at 'tableName' failed to satisfy constraint: Member must "
     "not be null"},
    {"UpdateContinuousBackups",
     "{\"TableName\":\"x\",\"PointInTimeRecoverySpecification\":{"
     "\"PointInTimeRecoveryEnabled\":true}}",
     SST_E_VALIDATION,
     "Invalid table/index name.  Table/index names must be between 3 and "
     "255 characters long, and may contain only the characters a-z, A-Z, "
     "0-9, '_', '-', and '.'"},
    /* wrongly typed JSON is AWS's SerializationException */
    {"UpdateContinuousBackups", UPDATE("[]"), SST_E_SERIALIZATION,
     "Start of list found where not expected"},
    {"UpdateContinuousBackups",
     UPDATE("{\"PointInTimeRecoveryEnabled\":\"maybe\"}"),
     SST_E_SERIALIZATION, "'MAYBE' can not be converted to an Boolean"},
    {"DescribeContinuousBackups", "{\"TableName\":7}", SST_E_SERIALIZATION,
     "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not "
     "be converted to an String"},
};

static void
refused(void)
{
    struct sst_backend *b = open_with_table();
    size_t i;

    for (i = 0; i < sizeof refusals / sizeof refusals[0]; i++) {
        const struct refusal *r = &refusals[i];

        tt_expect_error(b, r->op, r->req, r->code, sst_code_type(r->code),
                        r->message);
    }
    /* none of them changed the setting */
    tt_ok_text(b, "DescribeContinuousBackups", DESCRIBE, DISABLED);
    sst_backend_close(b);
}

/* Every allocation of the two operations may fail: the call answers
 * SST_E_NOMEM and leaks nothing, and a later call succeeds. */
static void
out_of_memory_walk(void)
{
    struct sst_backend *b = open_with_table();
    struct sst_emu *emu = sst_emu_from_backend(b);

    /* a read transaction, kept for the next reader, lives on by design:
     * park one first (ListTables caches no table) */
    json_object_put(tt_ok(b, "ListTables", "{}"));
    et_oom_walk(emu, "UpdateContinuousBackups", tt_parse(ENABLE), 0);
    et_oom_walk(emu, "DescribeContinuousBackups", tt_parse(DESCRIBE), 0);
    tt_ok_text(b, "DescribeContinuousBackups", DESCRIBE,
                  ENABLED("35", "1795633912.989", "1795633912.989"));
    sst_backend_close(b);
}

static const struct sst_test backup_tests[] = {
    {"enable, disable and the restorable window",
     enable_disable_and_the_window},
    {"kept with the table", kept_with_the_table},
    {"refused requests: exact errors", refused},
    {"out-of-memory walk", out_of_memory_walk},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"continuous backups", NULL, NULL, backup_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_emu_backups", suites);
}
