/*
 * tests/unit/test_emu_items_write.c - the emulator's single-item
 * operations through the backend seam, with exact answers and errors,
 * table-driven: PutItem, GetItem and DeleteItem (every type, capacity
 * shapes, the seam's messages), ConditionExpression with
 * ReturnValuesOnConditionCheckFailure, UpdateItem, item collection
 * metrics, and keys longer than the store keeps inline.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/emu.h>
#include <sst/sst.h>

#include "emu/ops/ops.h"
#include "harness.h"
#include "tests/unit/emu_test_util.h"
#include "tests/unit/items_test_util.h"

static const struct ti_row item_rows[] = {
    /* every type, back exactly; numbers canonical at every depth (AWS;
     * DynamoDB Local leaves them untrimmed inside L and M) */
    OK("PutItem",
       "{\"TableName\":\"tbl\",\"Item\":{" KEY ",\"s\":{\"S\":\"x\\u0000y\"},"
       "\"n\":{\"N\":\"-0012.500\"},\"b\":{\"B\":\"AP8=\"},"
       "\"t\":{\"BOOL\":true},\"z\":{\"NULL\":true},"
       "\"ss\":{\"SS\":[\"b\",\"a\"]},\"ns\":{\"NS\":[\"1.0\",\"-2\"]},"
       "\"bs\":{\"BS\":[\"AQ==\"]},\"m\":{\"M\":{\"k\":{\"N\":\"1e2\"}}},"
       "\"li\":{\"L\":[{\"N\":\"0.10\"},{\"L\":[]},{\"M\":{}}]}}}",
       "{}"),
    OK("GetItem", "{\"TableName\":\"tbl\",\"Key\":{" KEY "}}",
       "{\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},"
       "\"s\":{\"S\":\"x\\u0000y\"},\"n\":{\"N\":\"-12.5\"},"
       "\"b\":{\"B\":\"AP8=\"},\"t\":{\"BOOL\":true},\"z\":{\"NULL\":true},"
       "\"ss\":{\"SS\":[\"b\",\"a\"]},\"ns\":{\"NS\":[\"1\",\"-2\"]},"
       "\"bs\":{\"BS\":[\"AQ==\"]},\"m\":{\"M\":{\"k\":{\"N\":\"100\"}}},"
       "\"li\":{\"L\":[{\"N\":\"0.1\"},{\"L\":[]},{\"M\":{}}]}}}"),
    OK("GetItem",
       "{\"TableName\":\"tbl\",\"Key\":{" KEY "},\"AttributesToGet\":[\"n\","
       "\"nope\"],\"ReturnConsumedCapacity\":\"TOTAL\"}",
       "{\"Item\":{\"n\":{\"N\":\"-12.5\"}},\"ConsumedCapacity\":{"
       "\"TableName\":\"tbl\",\"CapacityUnits\":0.5}}"),
    /* the key in other JSON forms is the same key */
    OK("GetItem",
       "{\"TableName\":\"tbl\",\"Key\":{\"sk\":{\"N\":\"1.000\"},"
       "\"pk\":{\"S\":\"a\",\"NULL\":null}},\"AttributesToGet\":[\"t\"]}",
       "{\"Item\":{\"t\":{\"BOOL\":true}}}"),
    /* ReturnValues ALL_OLD, capacity of the replaced item */
    OK("PutItem",
       "{\"TableName\":\"tbl\",\"Item\":{" KEY ",\"g\":{\"S\":\"G\"},"
       "\"gs\":{\"N\":\"7\"}},\"ReturnValues\":\"ALL_OLD\","
       "\"ReturnConsumedCapacity\":\"INDEXES\"}",
       "{\"Attributes\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},"
       "\"s\":{\"S\":\"x\\u0000y\"},\"n\":{\"N\":\"-12.5\"},"
       "\"b\":{\"B\":\"AP8=\"},\"t\":{\"BOOL\":true},\"z\":{\"NULL\":true},"
       "\"ss\":{\"SS\":[\"b\",\"a\"]},\"ns\":{\"NS\":[\"1\",\"-2\"]},"
       "\"bs\":{\"BS\":[\"AQ==\"]},\"m\":{\"M\":{\"k\":{\"N\":\"100\"}}},"
       "\"li\":{\"L\":[{\"N\":\"0.1\"},{\"L\":[]},{\"M\":{}}]}},"
       "\"ConsumedCapacity\":{\"TableName\":\"tbl\",\"CapacityUnits\":4.0,"
       "\"Table\":{\"CapacityUnits\":1.0},\"GlobalSecondaryIndexes\":{"
       "\"gall\":{\"CapacityUnits\":1.0},\"gkeys\":{\"CapacityUnits\":1.0},"
       "\"ginc\":{\"CapacityUnits\":1.0}}}}"),
    OK("DeleteItem",
       "{\"TableName\":\"tbl\",\"Key\":{" KEY "},\"ReturnValues\":\"ALL_OLD\","
       "\"ReturnConsumedCapacity\":\"TOTAL\"}",
       "{\"Attributes\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},"
       "\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"7\"}},\"ConsumedCapacity\":{"
       "\"TableName\":\"tbl\",\"CapacityUnits\":4.0}}"),
    OK("DeleteItem", "{\"TableName\":\"tbl\",\"Key\":{" KEY "}}", "{}"),
    OK("DeleteItem",
       "{\"TableName\":\"tbl\",\"Key\":{" KEY "},"
       "\"ReturnConsumedCapacity\":\"INDEXES\"}",
       "{\"ConsumedCapacity\":{\"TableName\":\"tbl\",\"CapacityUnits\":1.0,"
       "\"Table\":{\"CapacityUnits\":1.0}}}"),
    /* legacy parameters are the engine's too (test_emu_legacy.c) */
    FAILED("PutItem",
           "{\"TableName\":\"tbl\",\"Item\":{" KEY "},"
           "\"Expected\":{\"pk\":{\"Value\":{\"S\":\"a\"}}}}",
           NULL),
    VALID("Scan",
          "{\"TableName\":\"tbl\",\"ScanFilter\":{\"a\":{"
          "\"ComparisonOperator\":\"NULL\",\"AttributeValueList\":"
          "[{\"S\":\"x\"}]}}}",
          "One or more parameter values were invalid: Invalid number of "
          "argument(s) for the NULL ComparisonOperator"),
    /* a nothing-found GetItem still costs a read */
    OK("GetItem",
       "{\"TableName\":\"tbl\",\"Key\":{" KEY "},\"ConsistentRead\":true,"
       "\"ReturnConsumedCapacity\":\"INDEXES\"}",
       "{\"ConsumedCapacity\":{\"TableName\":\"tbl\",\"CapacityUnits\":1.0,"
       "\"Table\":{\"CapacityUnits\":1.0}}}"),
    /* wrongly typed JSON: AWS's SerializationException */
    ERR("GetItem", "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":5}}}",
        SST_E_SERIALIZATION, "SerializationException",
        "NUMBER_VALUE cannot be converted to String"),
    ERR("Scan", "{\"TableName\":\"tbl\",\"Segment\":\"1\"}",
        SST_E_SERIALIZATION, "SerializationException",
        "class java.lang.String can not be converted to an Integer"),
    ERR("BatchWriteItem", "{\"RequestItems\":{\"tbl\":{}}}",
        SST_E_SERIALIZATION, "SerializationException",
        "Start of structure or map found where not expected."),
    /* ExpressionAttributeValues' JSON kinds are the deserialiser's: their
     * faults come before the table is looked up; their values' own
     * faults (an empty set) wait for the expression engine, after it */
    ERR("Query",
        "{\"TableName\":\"nosuch\",\"KeyConditionExpression\":\"pk = :v\","
        "\"ExpressionAttributeValues\":{\":v\":{\"S\":5}}}",
        SST_E_SERIALIZATION, "SerializationException",
        "NUMBER_VALUE cannot be converted to String"),
    ERR("Scan",
        "{\"TableName\":\"nosuch\",\"FilterExpression\":\"a = :v\","
        "\"ExpressionAttributeValues\":{\":v\":{\"L\":{}}}}",
        SST_E_SERIALIZATION, "SerializationException",
        "Start of structure or map found where not expected"),
    ERR("PutItem",
        "{\"TableName\":\"nosuch\",\"Item\":{" KEY "},"
        "\"ConditionExpression\":\"a = :v\","
        "\"ExpressionAttributeValues\":{\":v\":[]}}",
        SST_E_SERIALIZATION, "SerializationException",
        "Unrecognized collection type class "
        "com.amazonaws.dynamodb.v20120810.AttributeValue"),
    ERR("UpdateItem",
        "{\"TableName\":\"nosuch\",\"Key\":{" KEY "},"
        "\"UpdateExpression\":\"SET a = :v\","
        "\"ExpressionAttributeValues\":{\":v\":{\"B\":\"!!\"}}}",
        SST_E_SERIALIZATION, "SerializationException",
        "Base64 encoded length is expected a multiple of 4 bytes but found: "
        "2"),
    ERR("DeleteItem",
        "{\"TableName\":\"nosuch\",\"Key\":{" KEY "},"
        "\"ConditionExpression\":\"a = :v\",\"ExpressionAttributeValues\":{"
        "\":v\":{\"S\":\"x\"},\":w\":{\"N\":\"1\",\"M\":3}}}",
        SST_E_SERIALIZATION, "SerializationException", "Unexpected field type"),
    ERR("Query",
        "{\"TableName\":\"nosuch\",\"KeyConditionExpression\":\"pk = :v\","
        "\"ExpressionAttributeValues\":{\":v\":{\"S\":\"x\"},"
        "\":w\":{\"NS\":[]}}}",
        SST_E_NOT_FOUND, "ResourceNotFoundException",
        "Cannot do operations on a non-existent table"),
};

#define OLDKEY "{\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"}"

/* ConditionExpression on PutItem and DeleteItem (the engine's evaluation
 * through emu/ops/exprs.h), with the old item in the failure's extra
 * members when ReturnValuesOnConditionCheckFailure is ALL_OLD. */
static const struct ti_row condition_rows[] = {
    OK("PutItem",
       "{\"TableName\":\"tbl\",\"Item\":{" KEY "},"
       "\"ConditionExpression\":\"attribute_not_exists(pk)\"}",
       "{}"),
    FAILED("PutItem",
           "{\"TableName\":\"tbl\",\"Item\":{" KEY "},"
           "\"ConditionExpression\":\"attribute_not_exists(pk)\"}",
           NULL),
    FAILED("PutItem",
           "{\"TableName\":\"tbl\",\"Item\":{" KEY "},"
           "\"ConditionExpression\":\"attribute_not_exists(pk)\","
           "\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"}",
           OLDKEY "}}"),
    /* the condition holds: the item is replaced, its GSI rows follow */
    OK("PutItem",
       "{\"TableName\":\"tbl\",\"Item\":{" KEY ",\"v\":{\"N\":\"1\"},"
       "\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"2\"}},"
       "\"ConditionExpression\":\"attribute_exists(#p) AND size(pk) < :n\","
       "\"ExpressionAttributeNames\":{\"#p\":\"pk\"},"
       "\"ExpressionAttributeValues\":{\":n\":{\"N\":\"2\"}},"
       "\"ReturnValues\":\"ALL_OLD\"}",
       "{\"Attributes\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"}}}"),
    FAILED("DeleteItem",
           "{\"TableName\":\"tbl\",\"Key\":{" KEY "},"
           "\"ConditionExpression\":\"v = :v\","
           "\"ExpressionAttributeValues\":{\":v\":{\"N\":\"2\"}},"
           "\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"}",
           OLDKEY ",\"v\":{\"N\":\"1\"},\"g\":{\"S\":\"G\"},"
           "\"gs\":{\"N\":\"2\"}}}"),
    /* ReturnValuesOnConditionCheckFailure NONE: no extra members */
    FAILED("DeleteItem",
           "{\"TableName\":\"tbl\",\"Key\":{" KEY "},"
           "\"ConditionExpression\":\"NOT (v BETWEEN :a AND :b)\","
           "\"ExpressionAttributeValues\":{\":a\":{\"N\":\"0\"},"
           "\":b\":{\"N\":\"1\"}},"
           "\"ReturnValuesOnConditionCheckFailure\":\"NONE\"}",
           NULL),
    /* the failed writes changed nothing */
    OK("GetItem", "{\"TableName\":\"tbl\",\"Key\":{" KEY "}}",
       OLDKEY ",\"v\":{\"N\":\"1\"},\"g\":{\"S\":\"G\"},"
       "\"gs\":{\"N\":\"2\"}}}"),
    /* nested access to a key attribute, of the table or of an index */
    VALID("PutItem",
          "{\"TableName\":\"tbl\",\"Item\":{" KEY "},"
          "\"ConditionExpression\":\"attribute_exists(pk.x)\"}",
          "Key attributes must be scalars; list random access '[]' and map "
          "lookup '.' are not allowed: Key: pk"),
    VALID("DeleteItem",
          "{\"TableName\":\"tbl\",\"Key\":{" KEY "},"
          "\"ConditionExpression\":\"attribute_exists(g[1])\"}",
          "Key attributes must be scalars; list random access '[]' and map "
          "lookup '.' are not allowed: IndexKey: g"),
    /* the key, before the engine's validation */
    VALID("DeleteItem",
          "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"a\"}},"
          "\"ConditionExpression\":\"v = :v\"}",
          "The number of conditions on the keys is invalid"),
    VALID("DeleteItem",
          "{\"TableName\":\"tbl\",\"Key\":{" KEY "},"
          "\"ConditionExpression\":\"v = :v\"}",
          "Invalid ConditionExpression: An expression attribute value used in "
          "expression is not defined; attribute value: :v"),
    OK("DeleteItem",
       "{\"TableName\":\"tbl\",\"Key\":{" KEY "},"
       "\"ConditionExpression\":\"v = :v\","
       "\"ExpressionAttributeValues\":{\":v\":{\"N\":\"1.0\"}},"
       "\"ReturnValues\":\"ALL_OLD\"}",
       "{\"Attributes\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},"
       "\"v\":{\"N\":\"1\"},\"g\":{\"S\":\"G\"},"
       "\"gs\":{\"N\":\"2\"}}}"),
    /* no item: the condition sees none, and there is nothing to return */
    FAILED("DeleteItem",
           "{\"TableName\":\"tbl\",\"Key\":{" KEY "},"
           "\"ConditionExpression\":\"attribute_exists(pk)\","
           "\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"}",
           NULL),
    OK("DeleteItem",
       "{\"TableName\":\"tbl\",\"Key\":{" KEY "},"
       "\"ConditionExpression\":\"attribute_not_exists(v)\"}",
       "{}"),
};

static void
conditions(void)
{
    struct sst_emu *emu = ti_open_emu();

    ti_expect_ok(emu, "CreateTable", MAIN_TABLE, NULL);
    ti_run_rows(emu, condition_rows,
                sizeof condition_rows / sizeof condition_rows[0]);
    et_verify(emu);
    sst_emu_close(emu);
}

/* UpdateItem: UpdateExpression, ConditionExpression, ReturnValues, index
 * maintenance. */
static const struct ti_row update_rows[] = {
    /* a new item, from its key */
    OK("UpdateItem",
       "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"a\"},"
       "\"sk\":{\"N\":\"1\"}},\"UpdateExpression\":\"SET v = :one ADD c :one"
       "\",\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"}},"
       "\"ReturnValues\":\"ALL_NEW\"}",
       "{\"Attributes\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},"
       "\"v\":{\"N\":\"1\"},\"c\":{\"N\":\"1\"}}}"),
    OK("UpdateItem",
       "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"a\"},"
       "\"sk\":{\"N\":\"1\"}},\"UpdateExpression\":\"SET v = v + :one\","
       "\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"}},"
       "\"ReturnValues\":\"UPDATED_OLD\"}",
       "{\"Attributes\":{\"v\":{\"N\":\"1\"}}}"),
    OK("UpdateItem",
       "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"a\"},"
       "\"sk\":{\"N\":\"1\"}},\"UpdateExpression\":\"REMOVE c SET w = :one\","
       "\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"}},"
       "\"ReturnValues\":\"UPDATED_NEW\"}",
       "{\"Attributes\":{\"w\":{\"N\":\"1\"}}}"),
    /* the condition, with the old item on failure */
    FAILED("UpdateItem",
           "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"a\"},"
           "\"sk\":{\"N\":\"1\"}},\"UpdateExpression\":\"SET w = :one\","
           "\"ConditionExpression\":\"v = :one\","
           "\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"}},"
           "\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"}",
           "{\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},"
           "\"v\":{\"N\":\"2\"},\"w\":{\"N\":\"1\"}}}"),
    OK("UpdateItem",
       "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"a\"},"
       "\"sk\":{\"N\":\"1\"}},\"UpdateExpression\":\"SET w = w + :one\","
       "\"ConditionExpression\":\"v > :one\","
       "\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"}},"
       "\"ReturnValues\":\"ALL_OLD\"}",
       "{\"Attributes\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},"
       "\"v\":{\"N\":\"2\"},\"w\":{\"N\":\"1\"}}}"),
    /* key attributes cannot change */
    VALID("UpdateItem",
          "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"a\"},"
          "\"sk\":{\"N\":\"1\"}},\"UpdateExpression\":\"SET #k = :s\","
          "\"ExpressionAttributeNames\":{\"#k\":\"sk\"},"
          "\"ExpressionAttributeValues\":{\":s\":{\"N\":\"3\"}}}",
          "One or more parameter values were invalid: Cannot update attribut"
          "e sk. This attribute is part of the key"),
    /* runtime errors */
    VALID("UpdateItem",
          "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"a\"},"
          "\"sk\":{\"N\":\"1\"}},\"UpdateExpression\":\"SET w = pk + :one\","
          "\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"}}}",
          "An operand in the update expression has an incorrect data type"),
    /* an index key attribute of the wrong type */
    VALID("UpdateItem",
          "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"a\"},"
          "\"sk\":{\"N\":\"1\"}},\"UpdateExpression\":\"SET g = :one\","
          "\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"}}}",
          "One or more parameter values were invalid: Type mismatch for Inde"
          "x Key"),
    /* index rows follow the update */
    OK("UpdateItem",
       "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"a\"},"
       "\"sk\":{\"N\":\"1\"}},\"UpdateExpression\":\"SET g = :g, gs = :one\","
       "\"ExpressionAttributeValues\":{\":g\":{\"S\":\"G\"},"
       "\":one\":{\"N\":\"1\"}}}",
       "{}"),
    OK("Query",
       "{\"TableName\":\"tbl\",\"IndexName\":\"gkeys\","
       "\"KeyConditionExpression\":\"g = :g\","
       "\"ExpressionAttributeValues\":{\":g\":{\"S\":\"G\"}}}",
       "{\"Items\":[{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},"
       "\"g\":{\"S\":\"G\"}}],\"Count\":1,\"ScannedCount\":1}"),
    OK("UpdateItem",
       "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"a\"},"
       "\"sk\":{\"N\":\"1\"}},\"UpdateExpression\":\"REMOVE g\","
       "\"ReturnValues\":\"UPDATED_OLD\"}",
       "{\"Attributes\":{\"g\":{\"S\":\"G\"}}}"),
    OK("Query",
       "{\"TableName\":\"tbl\",\"IndexName\":\"gkeys\","
       "\"KeyConditionExpression\":\"g = :g\","
       "\"ExpressionAttributeValues\":{\":g\":{\"S\":\"G\"}}}",
       "{\"Items\":[],\"Count\":0,\"ScannedCount\":0}"),
    /* no UpdateExpression: a missing item is created from its key */
    OK("UpdateItem",
       "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"b\"},"
       "\"sk\":{\"N\":\"9\"}},\"ReturnValues\":\"ALL_NEW\"}",
       "{\"Attributes\":{\"pk\":{\"S\":\"b\"},\"sk\":{\"N\":\"9\"}}}"),
    OK("GetItem",
       "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"b\"},"
       "\"sk\":{\"N\":\"9\"}}}",
       "{\"Item\":{\"pk\":{\"S\":\"b\"},\"sk\":{\"N\":\"9\"}}}"),
};

static void
updates(void)
{
    struct sst_emu *emu = ti_open_emu();

    ti_expect_ok(emu, "CreateTable", MAIN_TABLE, NULL);
    ti_run_rows(emu, update_rows, sizeof update_rows / sizeof update_rows[0]);
    et_verify(emu);
    sst_emu_close(emu);
}

static void
items_exact(void)
{
    struct sst_emu *emu = ti_open_emu();

    ti_expect_ok(emu, "CreateTable", MAIN_TABLE, NULL);
    ti_run_rows(emu, item_rows, sizeof item_rows / sizeof item_rows[0]);
    et_verify(emu);
    sst_emu_close(emu);
}

#define COLL_TABLE                                                             \
    "{\"TableName\":\"coll\",\"BillingMode\":\"PAY_PER_REQUEST\","           \
    "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"        \
    "{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}],"                     \
    "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":" \
    "\"S\"},{\"AttributeName\":\"sk\",\"AttributeType\":\"N\"},"             \
    "{\"AttributeName\":\"l\",\"AttributeType\":\"S\"}],"                    \
    "\"LocalSecondaryIndexes\":[{\"IndexName\":\"lsiall\",\"KeySchema\":["   \
    "{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},{\"AttributeName\":"    \
    "\"l\",\"KeyType\":\"RANGE\"}],\"Projection\":{\"ProjectionType\":"      \
    "\"ALL\"}}]}"

static const struct ti_row collection_rows[] = {
    OK("PutItem",
       "{\"TableName\":\"coll\",\"Item\":{" KEY ",\"l\":{\"S\":\"x\"}},"
       "\"ReturnItemCollectionMetrics\":\"SIZE\"}",
       "{\"ItemCollectionMetrics\":{\"ItemCollectionKey\":{\"pk\":{\"S\":"
       "\"a\"}},\"SizeEstimateRangeGB\":[0.0,1.0]}}"),
    OK("BatchWriteItem",
       "{\"RequestItems\":{\"coll\":[{\"DeleteRequest\":{\"Key\":{" KEY
       "}}},{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"b\"},\"sk\":{\"N\":"
       "\"2\"}}}}]},\"ReturnItemCollectionMetrics\":\"SIZE\"}",
       "{\"UnprocessedItems\":{},\"ItemCollectionMetrics\":{\"coll\":["
       "{\"ItemCollectionKey\":{\"pk\":{\"S\":\"a\"}},"
       "\"SizeEstimateRangeGB\":[0.0,1.0]},"
       "{\"ItemCollectionKey\":{\"pk\":{\"S\":\"b\"}},"
       "\"SizeEstimateRangeGB\":[0.0,1.0]}]}}"),
    OK("DeleteItem",
       "{\"TableName\":\"coll\",\"Key\":{\"pk\":{\"S\":\"b\"},\"sk\":{\"N\":"
       "\"2\"}},\"ReturnItemCollectionMetrics\":\"NONE\"}",
       "{}"),
};

static void
item_collections(void)
{
    struct sst_emu *emu = ti_open_emu();

    ti_expect_ok(emu, "CreateTable", COLL_TABLE, NULL);
    ti_run_rows(emu, collection_rows,
                sizeof collection_rows / sizeof collection_rows[0]);
    sst_emu_close(emu);
}

/* ------------------------------------------------------------------ */
/* keys the store keeps long                                           */

/* Keys longer than the store's inline limit (480 bytes), sharing their
 * first 480 bytes: Put, Get, Scan of a global index in order (its rows
 * start with the index key; the table's start with a hash), Delete. */
static void
long_keys(void)
{
    struct sst_emu *emu = ti_open_emu();
    struct json_object *resp, *items;
    char *req = malloc(8192), *pk = malloc(2100);
    struct sst_err e;
    size_t i;

    ti_expect_ok(emu, "CreateTable", MAIN_TABLE, NULL);
    memset(pk, 'p', 2048);
    for (i = 0; i < 6; i++) {
        pk[2047] = (char)('f' - i); /* inserted in reverse order */
        pk[2048] = '\0';
        snprintf(req, 8192,
                 "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"%s\"},"
                 "\"sk\":{\"N\":\"%zu\"},\"g\":{\"S\":\"%s\"},"
                 "\"gs\":{\"N\":\"1\"}}}",
                 pk, i, pk + 548);
        ti_expect_ok(emu, "PutItem", req, "{}");
    }
    CU_ASSERT_EQUAL(ti_call(emu, "Scan", "{\"TableName\":\"tbl\"}", &resp, &e),
                    SST_OK);
    items = json_object_object_get(resp, "Items");
    CU_ASSERT_EQUAL(json_object_array_length(items), 6);
    json_object_put(resp);
    CU_ASSERT_EQUAL(ti_call(emu, "Scan",
                            "{\"TableName\":\"tbl\",\"IndexName\":\"gall\"}",
                            &resp, &e),
                    SST_OK);
    items = json_object_object_get(resp, "Items");
    CU_ASSERT_EQUAL(json_object_array_length(items), 6);
    for (i = 0; i < 6; i++) {
        struct json_object *it = json_object_array_get_idx(items, i);
        const char *s = json_object_get_string(json_object_object_get(
            json_object_object_get(it, "g"), "S"));
        /* index key order */
        CU_ASSERT_EQUAL(s[2047 - 548], (char)('a' + i));
    }
    json_object_put(resp);
    pk[2047] = 'c';
    snprintf(req, 8192,
             "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"%s\"},"
             "\"sk\":{\"N\":\"3\"}},\"ReturnValues\":\"ALL_OLD\"}",
             pk);
    CU_ASSERT_EQUAL(ti_call(emu, "DeleteItem", req, &resp, &e), SST_OK);
    CU_ASSERT_TRUE(json_object_object_get_ex(resp, "Attributes", NULL));
    json_object_put(resp);
    et_verify(emu);
    free(req);
    free(pk);
    sst_emu_close(emu);
}

static const struct sst_test exact_tests[] = {
    {"items and errors, exactly", items_exact},
    {"ConditionExpression on PutItem and DeleteItem", conditions},
    {"UpdateItem", updates},
    {"item collection metrics", item_collections},
    {"keys longer than the store keeps inline", long_keys},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"exact", NULL, NULL, exact_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_emu_items_write", suites);
}
