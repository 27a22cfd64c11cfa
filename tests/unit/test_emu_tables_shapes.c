/*
 * tests/unit/test_emu_tables_shapes.c - the answers of the emulator's
 * control-plane operations through the backend seam
 * (sst_backend_open("emu::memory:") and sst_backend_call()), asserted
 * field by field: CreateTable, DescribeTable, DeleteTable, ListTables,
 * the TTL operations, DescribeEndpoints, and unknown or malformed calls.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/emu.h>
#include <sst/sst.h>

#include "emu/ops/common.h"
#include "emu/ops/ops.h"
#include "harness.h"
#include "tests/unit/tables_test_util.h"

static size_t
members(struct json_object *o)
{
    return o && json_object_is_type(o, json_type_object)
               ? (size_t)json_object_object_length(o)
               : 0;
}

/* ------------------------------------------------------------------ */
/* valid answers, field by field                                       */

/* The TableDescription of TABLE_FULL, as DynamoDB Local gives it plus
 * TableId (see docs/emulator.md). */
static void
check_full_description(struct json_object *d, const char *status)
{
    const char *id = tt_str_at(d, "TableId");

    CU_ASSERT_EQUAL(members(d), 14);
    SST_ASSERT_STR_EQ(tt_text_at(d, "AttributeDefinitions"),
                      "[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},"
                      "{\"AttributeName\":\"sk\",\"AttributeType\":\"S\"},"
                      "{\"AttributeName\":\"g1\",\"AttributeType\":\"N\"},"
                      "{\"AttributeName\":\"l1\",\"AttributeType\":\"B\"}]");
    SST_ASSERT_STR_EQ(tt_str_at(d, "TableName"), "tab");
    SST_ASSERT_STR_EQ(tt_text_at(d, "KeySchema"),
                      "[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"
                      "{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}]");
    SST_ASSERT_STR_EQ(tt_str_at(d, "TableStatus"), status);
    SST_ASSERT_STR_EQ(tt_text_at(d, "CreationDateTime"), "1795633912.989");
    CU_ASSERT_DOUBLE_EQUAL(json_object_get_double(tt_at(d, "CreationDateTime")),
                           1795633912.989, 1e-6);
    SST_ASSERT_STR_EQ(tt_text_at(d, "ProvisionedThroughput"),
                      "{\"LastIncreaseDateTime\":0.000,"
                      "\"LastDecreaseDateTime\":0.000,"
                      "\"NumberOfDecreasesToday\":0,\"ReadCapacityUnits\":0,"
                      "\"WriteCapacityUnits\":0}");
    CU_ASSERT_EQUAL(tt_int_at(d, "TableSizeBytes"), 0);
    CU_ASSERT_EQUAL(tt_int_at(d, "ItemCount"), 0);
    SST_ASSERT_STR_EQ(tt_str_at(d, "TableArn"),
                      "arn:aws:dynamodb:ddblocal:000000000000:table/tab");
    CU_ASSERT_PTR_NOT_NULL_FATAL(id);
    CU_ASSERT_EQUAL(strlen(id), 36);
    CU_ASSERT_EQUAL(id[8], '-');
    CU_ASSERT_EQUAL(id[14], '4');
    SST_ASSERT_STR_EQ(tt_text_at(d, "BillingModeSummary"),
                      "{\"BillingMode\":\"PAY_PER_REQUEST\","
                      "\"LastUpdateToPayPerRequestDateTime\":1795633912.989}");
    SST_ASSERT_STR_EQ(
        tt_text_at(d, "LocalSecondaryIndexes"),
        "[{\"IndexName\":\"lsi1\",\"KeySchema\":[{\"AttributeName\":\"pk\","
        "\"KeyType\":\"HASH\"},{\"AttributeName\":\"l1\",\"KeyType\":"
        "\"RANGE\"}],\"Projection\":{\"ProjectionType\":\"KEYS_ONLY\"},"
        "\"IndexSizeBytes\":0,\"ItemCount\":0,\"IndexArn\":\"arn:aws:dynamodb:"
        "ddblocal:000000000000:table/tab/index/lsi1\"}]");
    SST_ASSERT_STR_EQ(
        tt_text_at(d, "GlobalSecondaryIndexes"),
        "[{\"IndexName\":\"gsi1\",\"KeySchema\":[{\"AttributeName\":\"g1\","
        "\"KeyType\":\"HASH\"},{\"AttributeName\":\"pk\",\"KeyType\":"
        "\"RANGE\"}],\"Projection\":{\"ProjectionType\":\"INCLUDE\","
        "\"NonKeyAttributes\":[\"a\",\"b\"]},\"IndexStatus\":\"ACTIVE\","
        "\"IndexSizeBytes\":0,\"ItemCount\":0,\"IndexArn\":\"arn:aws:dynamodb:"
        "ddblocal:000000000000:table/tab/index/gsi1\"}]");
    CU_ASSERT_TRUE(json_object_is_type(tt_at(d, "DeletionProtectionEnabled"),
                                       json_type_boolean));
    CU_ASSERT_FALSE(
        json_object_get_boolean(tt_at(d, "DeletionProtectionEnabled")));
}

static void
create_describe_delete_full_table(void)
{
    struct sst_backend *b = tt_open_memory();
    struct json_object *r;
    char id[37];

    r = tt_ok(b, "CreateTable", TABLE_FULL);
    CU_ASSERT_EQUAL(members(r), 1);
    check_full_description(tt_at(r, "TableDescription"), "ACTIVE");
    snprintf(id, sizeof id, "%s", tt_str_at(r, "TableDescription.TableId"));
    json_object_put(r);

    sst_emu_advance_clock(sst_emu_from_backend(b), 5000);
    r = tt_ok(b, "DescribeTable", "{\"TableName\":\"tab\"}");
    CU_ASSERT_EQUAL(members(r), 1);
    check_full_description(tt_at(r, "Table"), "ACTIVE");
    SST_ASSERT_STR_EQ(tt_str_at(r, "Table.TableId"), id);
    json_object_put(r);

    r = tt_ok(b, "DeleteTable", "{\"TableName\":\"tab\"}");
    CU_ASSERT_EQUAL(members(r), 1);
    check_full_description(tt_at(r, "TableDescription"), "DELETING");
    json_object_put(r);
    tt_expect_error(b, "DescribeTable", "{\"TableName\":\"tab\"}",
                    SST_E_NOT_FOUND, "ResourceNotFoundException",
                    "Cannot do operations on a non-existent table");
    sst_backend_close(b);
}

static void
provisioned_table_description(void)
{
    struct sst_backend *b = tt_open_memory();
    struct json_object *r = tt_ok(b, "CreateTable", TABLE_PROVISIONED), *d;

    d = tt_at(r, "TableDescription");
    CU_ASSERT_EQUAL(members(d), 12); /* no BillingModeSummary, no LSIs */
    CU_ASSERT_PTR_NULL(tt_at(d, "BillingModeSummary"));
    CU_ASSERT_PTR_NULL(tt_at(d, "LocalSecondaryIndexes"));
    SST_ASSERT_STR_EQ(tt_text_at(d, "ProvisionedThroughput"),
                      "{\"LastIncreaseDateTime\":0.000,"
                      "\"LastDecreaseDateTime\":0.000,"
                      "\"NumberOfDecreasesToday\":0,\"ReadCapacityUnits\":5,"
                      "\"WriteCapacityUnits\":7}");
    SST_ASSERT_STR_EQ(
        tt_text_at(d, "GlobalSecondaryIndexes"),
        "[{\"IndexName\":\"gidx\",\"KeySchema\":[{\"AttributeName\":\"g\","
        "\"KeyType\":\"HASH\"}],\"Projection\":{\"ProjectionType\":\"ALL\"},"
        "\"IndexStatus\":\"ACTIVE\",\"ProvisionedThroughput\":{"
        "\"ReadCapacityUnits\":1,\"WriteCapacityUnits\":2},"
        "\"IndexSizeBytes\":0,\"ItemCount\":0,\"IndexArn\":\"arn:aws:dynamodb:"
        "ddblocal:000000000000:table/prov/index/gidx\"}]");
    json_object_put(r);

    /* Multi-attribute GSI keys are kept in order. */
    r = tt_ok(
        b, "CreateTable",
        "{\"TableName\":\"multi\",\"BillingMode\":\"PAY_PER_REQUEST\","
        "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],"
        "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\","
        "\"AttributeType\":\"S\"},{\"AttributeName\":\"a\","
        "\"AttributeType\":\"S\"},{\"AttributeName\":\"b\","
        "\"AttributeType\":\"N\"},{\"AttributeName\":\"c\","
        "\"AttributeType\":\"B\"}],\"DeletionProtectionEnabled\":true,"
        "\"GlobalSecondaryIndexes\":[{\"IndexName\":\"mmm\","
        "\"KeySchema\":[{\"AttributeName\":\"a\",\"KeyType\":\"HASH\"},"
        "{\"AttributeName\":\"b\",\"KeyType\":\"HASH\"},{\"AttributeName\":"
        "\"c\",\"KeyType\":\"RANGE\"},{\"AttributeName\":\"pk\","
        "\"KeyType\":\"RANGE\"}],\"Projection\":{\"ProjectionType\":"
        "\"ALL\"}}]}");
    SST_ASSERT_STR_EQ(
        tt_text_at(r, "TableDescription.GlobalSecondaryIndexes[0].KeySchema"),
        "[{\"AttributeName\":\"a\",\"KeyType\":\"HASH\"},"
        "{\"AttributeName\":\"b\",\"KeyType\":\"HASH\"},"
        "{\"AttributeName\":\"c\",\"KeyType\":\"RANGE\"},"
        "{\"AttributeName\":\"pk\",\"KeyType\":\"RANGE\"}]");
    SST_ASSERT_STR_EQ(
        tt_text_at(r, "TableDescription.DeletionProtectionEnabled"), "true");
    json_object_put(r);
    tt_expect_error(b, "DeleteTable", "{\"TableName\":\"multi\"}",
                    SST_E_VALIDATION, "ValidationException",
                    "Resource cannot be deleted as it is currently protected "
                    "against deletion. Disable deletion protection first.");
    sst_backend_close(b);
}

static void
list_tables_pages(void)
{
    struct sst_backend *b = tt_open_memory();
    static const char *const names[] = {"b-tab", "A_tab", "abc", "Zeta",
                                        "a.tab"};
    char req[256];
    struct json_object *r;
    size_t i;

    tt_ok_text(b, "ListTables", "{}",
               "{\"TableNames\":[]}");
    for (i = 0; i < 5; i++) {
        snprintf(req, sizeof req,
                 "{\"TableName\":\"%s\",\"BillingMode\":\"PAY_PER_REQUEST\","
                 "\"KeySchema\":[{\"AttributeName\":\"k\",\"KeyType\":"
                 "\"HASH\"}],\"AttributeDefinitions\":[{\"AttributeName\":"
                 "\"k\",\"AttributeType\":\"S\"}]}",
                 names[i]);
        json_object_put(tt_ok(b, "CreateTable", req));
    }
    tt_ok_text(b, "ListTables", "{}",
               "{\"TableNames\":[\"A_tab\",\"Zeta\",\"a.tab\",\"abc\","
               "\"b-tab\"]}");
    tt_ok_text(b, "ListTables", "{\"Limit\":2}",
               "{\"TableNames\":[\"A_tab\",\"Zeta\"],"
               "\"LastEvaluatedTableName\":\"Zeta\"}");
    tt_ok_text(b, "ListTables",
               "{\"Limit\":2,\"ExclusiveStartTableName\":"
               "\"Zeta\"}",
               "{\"TableNames\":[\"a.tab\",\"abc\"],"
               "\"LastEvaluatedTableName\":\"abc\"}");
    /* The last page: as many names as the limit, and nothing after. */
    tt_ok_text(b, "ListTables",
               "{\"Limit\":1,\"ExclusiveStartTableName\":"
               "\"abc\"}",
               "{\"TableNames\":[\"b-tab\"]}");
    r = tt_ok(b, "ListTables", "{\"Limit\":5}");
    CU_ASSERT_PTR_NULL(tt_at(r, "LastEvaluatedTableName"));
    json_object_put(r);
    tt_ok_text(b, "ListTables",
               "{\"Limit\":2.9,\"ExclusiveStartTableName\":"
               "\"zzz\"}",
               "{\"TableNames\":[]}");
    sst_backend_close(b);
}

static void
time_to_live_round_trip(void)
{
    struct sst_backend *b = tt_open_memory();
    struct json_object *r;

    json_object_put(tt_ok(b, "CreateTable", TABLE_FULL));
    tt_ok_text(b, "DescribeTimeToLive", "{\"TableName\":\"tab\"}",
               "{\"TimeToLiveDescription\":{\"TimeToLiveStatus\":"
               "\"DISABLED\"}}");
    tt_ok_text(b, "UpdateTimeToLive",
               "{\"TableName\":\"tab\",\"TimeToLiveSpecification\":{"
               "\"AttributeName\":\"exp\",\"Enabled\":true}}",
               "{\"TimeToLiveSpecification\":{\"Enabled\":true,"
               "\"AttributeName\":\"exp\"}}");
    tt_ok_text(b, "DescribeTimeToLive", "{\"TableName\":\"tab\"}",
               "{\"TimeToLiveDescription\":{\"TimeToLiveStatus\":"
               "\"ENABLED\",\"AttributeName\":\"exp\"}}");
    /* TTL is not part of the table description. */
    r = tt_ok(b, "DescribeTable", "{\"TableName\":\"tab\"}");
    CU_ASSERT_EQUAL(members(tt_at(r, "Table")), 14);
    json_object_put(r);
    tt_ok_text(b, "UpdateTimeToLive",
               "{\"TableName\":\"tab\",\"TimeToLiveSpecification\":{"
               "\"Enabled\":\"FALSE\",\"AttributeName\":\"exp\"}}",
               "{\"TimeToLiveSpecification\":{\"Enabled\":false,"
               "\"AttributeName\":\"exp\"}}");
    tt_ok_text(b, "DescribeTimeToLive", "{\"TableName\":\"tab\"}",
               "{\"TimeToLiveDescription\":{\"TimeToLiveStatus\":"
               "\"DISABLED\"}}");
    sst_backend_close(b);
}

static void
unknown_and_malformed_calls(void)
{
    struct sst_backend *b = tt_open_memory();
    struct json_object *arr = json_object_new_array(), *num;
    struct json_object *resp = (struct json_object *)1;
    struct sst_err e;

    tt_expect_error(b, "PutItemz", "{}", SST_E_UNKNOWN_OPERATION,
                    "UnknownOperationException",
                    "An unknown operation was requested.");
    CU_ASSERT_EQUAL(sst_backend_call(b, "ListTables", arr, &resp, &e),
                    SST_E_SERIALIZATION);
    CU_ASSERT_PTR_NULL(resp);
    SST_ASSERT_STR_EQ(e.type, "SerializationException");
    SST_ASSERT_STR_EQ(e.message, "Start of list found where not expected");
    num = json_object_new_int(3);
    CU_ASSERT_EQUAL(sst_backend_call(b, "ListTables", num, &resp, &e),
                    SST_E_SERIALIZATION);
    SST_ASSERT_STR_EQ(e.message, "Expected null");
    CU_ASSERT_EQUAL(sst_emu_call(NULL, "ListTables", num, &resp, &e),
                    SST_E_INVALID_ARG);
    CU_ASSERT_EQUAL(
        sst_emu_call(sst_emu_from_backend(b), "ListTables", num, NULL, &e),
        SST_E_INVALID_ARG);
    json_object_put(arr);
    json_object_put(num);
    sst_backend_close(b);
}

/* DescribeEndpoints: one endpoint, as AWS documents it, whose Address is
 * "localhost" in-process (sst-emu gives its Host); members are ignored, a
 * body that is not an object is refused. */
static void
describe_endpoints(void)
{
    struct sst_backend *b = tt_open_memory();
    struct json_object *r;

    tt_ok_text(b, "DescribeEndpoints", "{}",
               "{\"Endpoints\":[{\"Address\":\"localhost\","
               "\"CachePeriodInMinutes\":1440}]}");
    r = tt_ok(b, "DescribeEndpoints", "{\"TableName\":\"x\",\"y\":[1]}");
    CU_ASSERT_EQUAL(json_object_array_length(tt_at(r, "Endpoints")), 1);
    json_object_put(r);
    tt_expect_error(b, "DescribeEndpoints", "[]", SST_E_SERIALIZATION,
                    "SerializationException",
                    "Start of list found where not expected");
    sst_backend_close(b);
}

/* Count and ScannedCount print through their own serialiser: the
 * digits json-c would print, and the value reads back. */
static void
counts_print_as_integers(void)
{
    static const struct {
        int64_t n;
        const char *text;
    } cases[] = {
        {0, "0"},
        {7, "7"},
        {10, "10"},
        {1000000, "1000000"},
        {-42, "-42"},
        {INT64_MAX, "9223372036854775807"},
        {INT64_MIN, "-9223372036854775808"},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct json_object *o = json_object_new_object();

        json_object_object_add(o, "Count", sst_emu_json_count(cases[i].n));
        CU_ASSERT_EQUAL(json_object_get_int64(tt_at(o, "Count")),
                        cases[i].n);
        SST_ASSERT_STR_EQ(tt_text_at(o, "Count"), cases[i].text);
        json_object_put(o);
    }
}

static const struct sst_test shape_tests[] = {
    {"CreateTable, DescribeTable, DeleteTable answer DynamoDB's shape",
     create_describe_delete_full_table},
    {"provisioned and multi-attribute tables", provisioned_table_description},
    {"ListTables pages as DynamoDB does", list_tables_pages},
    {"UpdateTimeToLive and DescribeTimeToLive", time_to_live_round_trip},
    {"unknown operations and non-object requests", unknown_and_malformed_calls},
    {"DescribeEndpoints answers one endpoint, localhost", describe_endpoints},
    {"Count and ScannedCount print as integers", counts_print_as_integers},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"shapes", NULL, NULL, shape_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_emu_tables_shapes", suites);
}
