/*
 * fuzz/fuzz_emu_legacy.c - libFuzzer target for the legacy parameters
 * (Expected, AttributesToGet, KeyConditions, QueryFilter, ScanFilter,
 * AttributeUpdates, ConditionalOperator) and their translation into
 * expressions (emu/ops/legacy.h).
 *
 * Input: one byte choosing the operation (PutItem, UpdateItem,
 * DeleteItem, Query, Scan, GetItem, BatchGetItem), then the request as
 * JSON. The emulator is prepared once, in memory, with a table "tbl"
 * (string partition key, number sort key, a global index on g) and a few
 * items of every type, and afresh every RESET_AFTER inputs.
 *
 * Invariants besides memory safety and no leaks: a call answers either a
 * response and SST_OK, or an error (with no response, except a failed
 * condition's extra members) carrying a DynamoDB
 * __type (unless storage or memory failed); a translation never reaches
 * the engine as an expression it refuses, so no error message names an
 * expression the request did not have; and the stored rows and index rows
 * agree (sst_emu_verify).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/emu.h>
#include <sst/sst.h>

#include "fuzz/emu_fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const ops[] = {"PutItem",     "UpdateItem", "DeleteItem",
                                  "Query",       "Scan",       "GetItem",
                                  "BatchGetItem"};

static const struct emu_fuzz_step setup[] = {
    {"CreateTable",
     "{\"TableName\":\"tbl\",\"BillingMode\":\"PAY_PER_REQUEST\","
     "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"
     "{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}],"
     "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":"
     "\"S\"},{\"AttributeName\":\"sk\",\"AttributeType\":\"N\"},"
     "{\"AttributeName\":\"g\",\"AttributeType\":\"S\"}],"
     "\"GlobalSecondaryIndexes\":[{\"IndexName\":\"gix\",\"KeySchema\":["
     "{\"AttributeName\":\"g\",\"KeyType\":\"HASH\"}],\"Projection\":"
     "{\"ProjectionType\":\"ALL\"}}]}"},
    {"PutItem",
     "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":"
     "\"1\"},\"g\":{\"S\":\"G\"},\"x\":{\"N\":\"5\"},\"s\":{\"S\":\"hello\"},"
     "\"l\":{\"L\":[{\"S\":\"a\"}]}}}"},
    {"PutItem",
     "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":"
     "\"2\"},\"ss\":{\"SS\":[\"a\",\"b\"]},\"ns\":{\"NS\":[\"1\"]},"
     "\"b\":{\"B\":\"AQI=\"},\"n\":{\"NULL\":true},\"t\":{\"BOOL\":true}}}"},
    /* one element, two literals (parenthesised for clang) */
    {"PutItem",
     ("{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"b\"},\"sk\":{\"N\":"
      "\"-1.5\"},\"m\":{\"M\":{\"k\":{\"N\":\"1\"}}}}}")},
};

static struct emu_fuzz fz = {NULL, setup, sizeof setup / sizeof setup[0], 0};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    emu_fuzz_prepare(&fz);
    return 0;
}

/* Whether the request has a member called name, at any depth: a batch
 * or a transaction carries its expressions inside its items. */
static bool
has(struct json_object *v, const char *name, int depth)
{
    size_t i, n;

    if (depth > 32)
        return false;
    if (json_object_is_type(v, json_type_array)) {
        n = json_object_array_length(v);
        for (i = 0; i < n; i++)
            if (has(json_object_array_get_idx(v, i), name, depth + 1))
                return true;
        return false;
    }
    if (!json_object_is_type(v, json_type_object))
        return false;
    if (json_object_object_get_ex(v, name, NULL))
        return true;
    json_object_object_foreach(v, key, member)
    {
        (void)key;
        if (has(member, name, depth + 1))
            return true;
    }
    return false;
}

/* A message about an expression the request did not carry comes from a
 * translation the engine refused: a translator bug. */
static bool
foreign_expression(struct json_object *req, const char *msg)
{
    static const char *const kinds[] = {
        "ConditionExpression", "FilterExpression", "KeyConditionExpression",
        "UpdateExpression", "ProjectionExpression"};
    char want[64];
    size_t i;

    /* the engine's messages begin so; the rest may echo the request */
    for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        snprintf(want, sizeof want, "Invalid %s:", kinds[i]);
        if (strncmp(msg, want, strlen(want)) == 0 && !has(req, kinds[i], 0))
            return true;
    }
    return (strncmp(msg, "ExpressionAttribute", 19) == 0 ||
            strncmp(msg, "Value provided in ExpressionAttribute", 37) == 0) &&
           !has(req, "ExpressionAttributeNames", 0) &&
           !has(req, "ExpressionAttributeValues", 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* a failed condition may carry extra members (the old Item) */
    static const enum sst_code answered[] = {SST_E_CONDITION_FAILED, SST_OK};
    struct json_object *req, *resp = NULL;
    struct sst_err err;
    const char *op;

    if (!emu_fuzz_pick(data, size, ops, sizeof ops / sizeof ops[0], &op, &req))
        return 0;
    if (emu_fuzz_call(fz.emu, op, req, &resp, &err, answered) ==
            SST_E_VALIDATION &&
        foreign_expression(req, err.message))
        abort();
    json_object_put(resp);
    json_object_put(req);
    emu_fuzz_next(&fz, false);
    return 0;
}
