/*
 * tests/unit/test_emu_on_demand.c - OnDemandThroughput where the emulator
 * follows AWS's documentation over DynamoDB Local's UpdateTable
 * (emu/ops/on_demand.c, docs/emulator.md): the maximums an UpdateTable
 * does not name are kept, one member changes alone, an index's Update
 * action sets the index's maximums; a PROVISIONED table has none, and its
 * indexes none either; the account's quota holds for UpdateTable too; and
 * the maximums outlive the process. What DynamoDB Local and the emulator
 * share is in the recorded corpora (record.py and items.py, "od.").
 *
 * Each case is a list of steps run in order on a new emulator: a call,
 * then either the JSON text expected at a path of its answer ("-" for a
 * path that must be absent) or the error expected.
 */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/sst.h>

#include "harness.h"
#include "tests/unit/tables_test_util.h"

#define TD "TableDescription."
#define G0 "GlobalSecondaryIndexes[0].OnDemandThroughput"
#define ODX(r, w)                                                              \
    "{\"MaxReadRequestUnits\":" r ",\"MaxWriteRequestUnits\":" w "}"

/* A PAY_PER_REQUEST table with maximums {5, 6} and an index gix with
 * {3, 4}; the index's key attribute is g. */
#define TABLE_OD(name)                                                         \
    "{\"TableName\":\"" name "\",\"BillingMode\":\"PAY_PER_REQUEST\","         \
    "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],"         \
    "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\","                     \
    "\"AttributeType\":\"S\"},{\"AttributeName\":\"g\","                       \
    "\"AttributeType\":\"S\"}],\"OnDemandThroughput\":" ODX(                   \
        "5", "6") ","                                                          \
                  "\"GlobalSecondaryIndexes\":[{\"IndexName\":\"gix\","        \
                  "\"KeySchema\":"                                             \
                  "[{\"AttributeName\":\"g\",\"KeyType\":\"HASH\"}],"          \
                  "\"Projection\":"                                            \
                  "{\"ProjectionType\":\"ALL\"},\"OnDemandThroughput\":" ODX(  \
                      "3", "4") "}]}"

#define UPDATE(name, members) "{\"TableName\":\"" name "\"," members "}"
#define SET_OD(r, w) "\"OnDemandThroughput\":" ODX(r, w)
#define INDEX_UPDATE(od)                                                       \
    "\"GlobalSecondaryIndexUpdates\":[{\"Update\":{\"IndexName\":\"gix\","     \
    "\"OnDemandThroughput\":" od "}}]"
#define TO_PROVISIONED                                                         \
    "\"BillingMode\":\"PROVISIONED\",\"ProvisionedThroughput\":"               \
    "{\"ReadCapacityUnits\":1,\"WriteCapacityUnits\":1},"                      \
    "\"GlobalSecondaryIndexUpdates\":[{\"Update\":{\"IndexName\":\"gix\","     \
    "\"ProvisionedThroughput\":{\"ReadCapacityUnits\":1,"                      \
    "\"WriteCapacityUnits\":1}}}]"
#define DESCRIBE(name) "{\"TableName\":\"" name "\"}"
#define ACCOUNT_MSG                                                            \
    "Cannot increase provisioned throughput to more than 80,000 units per "    \
    "account"

struct step {
    const char *op, *req;
    const char *path, *want; /* want "-": the path is absent       */
    const char *type, *msg;  /* an error (then path and want NULL) */
};

struct od_case {
    const char *name;
    struct step steps[8];
};

static const struct od_case cases[] = {
    {"an UpdateTable without OnDemandThroughput keeps the maximums",
     {{"CreateTable", TABLE_OD("tbl"), TD "OnDemandThroughput", ODX("5", "6"),
       NULL, NULL},
      {"UpdateTable", UPDATE("tbl", "\"DeletionProtectionEnabled\":true"),
       TD "OnDemandThroughput", ODX("5", "6"), NULL, NULL},
      {"DescribeTable", DESCRIBE("tbl"), "Table.OnDemandThroughput",
       ODX("5", "6"), NULL, NULL},
      {"DescribeTable", DESCRIBE("tbl"), "Table." G0, ODX("3", "4"), NULL,
       NULL}}},
    {"one member changes that maximum alone",
     {{"CreateTable", TABLE_OD("tbl"), TD "OnDemandThroughput", ODX("5", "6"),
       NULL, NULL},
      {"UpdateTable",
       UPDATE("tbl", "\"OnDemandThroughput\":{\"MaxWriteRequestUnits\":9}"),
       TD "OnDemandThroughput", ODX("5", "9"), NULL, NULL},
      {"UpdateTable",
       UPDATE("tbl", "\"OnDemandThroughput\":{\"MaxReadRequestUnits\":-1}"),
       TD "OnDemandThroughput", "-", NULL, NULL},
      {"UpdateTable",
       UPDATE("tbl", "\"OnDemandThroughput\":{\"MaxReadRequestUnits\":7}"),
       TD "OnDemandThroughput", ODX("7", "9"), NULL, NULL}}},
    {"an index's Update action sets its maximums",
     {{"CreateTable", TABLE_OD("tbl"), TD G0, ODX("3", "4"), NULL, NULL},
      {"UpdateTable", UPDATE("tbl", INDEX_UPDATE(ODX("11", "12"))), TD G0,
       ODX("11", "12"), NULL, NULL},
      {"UpdateTable",
       UPDATE("tbl", INDEX_UPDATE("{\"MaxWriteRequestUnits\":-1}")), TD G0,
       ODX("11", "-1"), NULL, NULL},
      {"DescribeTable", DESCRIBE("tbl"), "Table." G0, ODX("11", "-1"), NULL,
       NULL},
      {"UpdateTable", UPDATE("tbl", INDEX_UPDATE("{}")), NULL, NULL,
       "ValidationException",
       "Global Secondary Index's read and write throughput must be at "
       "least 1, and cannot be null"},
      {"UpdateTable", UPDATE("tbl", INDEX_UPDATE(ODX("1", "40001"))), NULL,
       NULL, "ValidationException",
       "Cannot increase provisioned throughput to more than 40,000 units "
       "per global secondary index"}}},
    {"a PROVISIONED table and its indexes have no maximums",
     {{"CreateTable",
       "{\"TableName\":\"prv\",\"KeySchema\":[{\"AttributeName\":\"pk\","
       "\"KeyType\":\"HASH\"}],\"AttributeDefinitions\":[{\"AttributeName\":"
       "\"pk\",\"AttributeType\":\"S\"},{\"AttributeName\":\"g\","
       "\"AttributeType\":\"S\"}],\"ProvisionedThroughput\":"
       "{\"ReadCapacityUnits\":1,\"WriteCapacityUnits\":1},"
       "\"OnDemandThroughput\":" ODX(
           "5", "6") ",\"GlobalSecondaryIndexes\":"
                     "[{\"IndexName\":\"gix\",\"KeySchema\":[{"
                     "\"AttributeName\":\"g\","
                     "\"KeyType\":\"HASH\"}],\"Projection\":{"
                     "\"ProjectionType\":\"ALL\"},"
                     "\"ProvisionedThroughput\":{\"ReadCapacityUnits\":1,"
                     "\"WriteCapacityUnits\":1},\"OnDemandThroughput\":" ODX(
                         "0", "1") "}]}",
       TD G0, "-", NULL, NULL},
      {"UpdateTable", UPDATE("prv", SET_OD("7", "8")), TD "OnDemandThroughput",
       "-", NULL, NULL},
      {"DescribeTable", DESCRIBE("prv"), "Table.OnDemandThroughput", "-", NULL,
       NULL}}},
    {"a switch to PROVISIONED drops the table's maximums, not the index's",
     {{"CreateTable", TABLE_OD("tbl"), TD "OnDemandThroughput", ODX("5", "6"),
       NULL, NULL},
      {"UpdateTable", UPDATE("tbl", TO_PROVISIONED), TD "OnDemandThroughput",
       "-", NULL, NULL},
      {"DescribeTable", DESCRIBE("tbl"), "Table." G0, ODX("3", "4"), NULL,
       NULL},
      {"UpdateTable", UPDATE("tbl", "\"BillingMode\":\"PAY_PER_REQUEST\""),
       TD "OnDemandThroughput", "-", NULL, NULL},
      {"UpdateTable", UPDATE("tbl", SET_OD("7", "8")), TD "OnDemandThroughput",
       ODX("7", "8"), NULL, NULL}}},
    {"UpdateTable keeps to the account's quota",
     {{"CreateTable", TABLE_OD("tbl1"), TD "OnDemandThroughput", ODX("5", "6"),
       NULL, NULL},
      {"UpdateTable", UPDATE("tbl1", SET_OD("40000", "1")),
       TD "OnDemandThroughput", ODX("40000", "1"), NULL, NULL},
      {"CreateTable", TABLE_OD("tbl2"), TD "OnDemandThroughput", ODX("5", "6"),
       NULL, NULL},
      {"UpdateTable", UPDATE("tbl2", SET_OD("39994", "1")),
       TD "OnDemandThroughput", ODX("39994", "1"), NULL, NULL},
      {"UpdateTable", UPDATE("tbl2", SET_OD("39995", "1")), NULL, NULL,
       "ValidationException", ACCOUNT_MSG},
      {"UpdateTable", UPDATE("tbl2", INDEX_UPDATE(ODX("4", "4"))), NULL, NULL,
       "ValidationException", ACCOUNT_MSG},
      {"UpdateTable", UPDATE("tbl2", INDEX_UPDATE(ODX("-1", "4"))), TD G0,
       ODX("-1", "4"), NULL, NULL}}},
};

/* Run one step on b, asserting its outcome. */
static void
run_step(struct sst_backend *b, const struct step *s)
{
    struct json_object *resp;
    const char *got;

    if (s->type != NULL) {
        tt_expect_error(b, s->op, s->req, SST_E_VALIDATION, s->type, s->msg);
        return;
    }
    resp = tt_ok(b, s->op, s->req);
    if (strcmp(s->want, "-") == 0) {
        CU_ASSERT_PTR_NULL(tt_at(resp, s->path));
    } else {
        got = tt_text_at(resp, s->path);
        SST_ASSERT_STR_EQ(got, s->want);
    }
    json_object_put(resp);
}

static void
cases_follow_aws(void)
{
    struct sst_backend *b;
    size_t i, j;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        b = tt_open_memory();
        for (j = 0; j < 8 && cases[i].steps[j].op != NULL; j++) {
            printf("\n    %s, step %zu", cases[i].name, j + 1);
            run_step(b, &cases[i].steps[j]);
        }
        sst_backend_close(b);
    }
    printf("\n  ");
}

/* The maximums are part of the table's stored definition: they are there
 * after the store is closed and opened again. */
static void
maximums_outlive_the_process(void)
{
    struct sst_backend *b = NULL;
    char dir[256], uri[320];
    struct json_object *resp;
    struct sst_err e;
    size_t i;

    tt_temp_store("od", dir, uri);
    for (i = 0; i < 2; i++) {
        CU_ASSERT_EQUAL_FATAL(sst_backend_open(uri, &b, &e), SST_OK);
        if (i == 0) {
            json_object_put(tt_ok(b, "CreateTable", TABLE_OD("tbl")));
            json_object_put(
                tt_ok(b, "UpdateTable",
                      UPDATE("tbl", "\"GlobalSecondaryIndexUpdates\":[{"
                                    "\"Create\":{\"IndexName\":\"ghx\","
                                    "\"KeySchema\":[{\"AttributeName\":\"h\","
                                    "\"KeyType\":\"HASH\"}],\"Projection\":{"
                                    "\"ProjectionType\":\"KEYS_ONLY\"}}}],"
                                    "\"AttributeDefinitions\":[{"
                                    "\"AttributeName\":\"h\","
                                    "\"AttributeType\":\"S\"}]")));
        }
        resp = tt_ok(b, "DescribeTable", DESCRIBE("tbl"));
        SST_ASSERT_STR_EQ(tt_text_at(resp, "Table.OnDemandThroughput"),
                          ODX("5", "6"));
        /* ghx before gix: a Java HashMap's order of the names */
        SST_ASSERT_STR_EQ(
            tt_str_at(resp, "Table.GlobalSecondaryIndexes[0].IndexName"),
            "ghx");
        SST_ASSERT_STR_EQ(tt_text_at(resp, "Table." G0), ODX("-1", "-1"));
        SST_ASSERT_STR_EQ(
            tt_text_at(resp,
                       "Table.GlobalSecondaryIndexes[1].OnDemandThroughput"),
            ODX("3", "4"));
        json_object_put(resp);
        sst_backend_close(b);
    }
    tt_remove_dir(dir);
}

static const struct sst_test od_tests[] = {
    {"UpdateTable's OnDemandThroughput as AWS documents it", cases_follow_aws},
    {"the maximums outlive the process", maximums_outlive_the_process},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"on_demand", NULL, NULL, od_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_emu_on_demand", suites);
}
