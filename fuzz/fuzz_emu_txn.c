/*
 * fuzz/fuzz_emu_txn.c - libFuzzer target for the request decoders of
 * TransactWriteItems and TransactGetItems.
 *
 * Input: one byte choosing the operation (even: TransactWriteItems, odd:
 * TransactGetItems), then the request as JSON. The emulator is prepared
 * once: in memory, with a table "tbl" (a global and a local index) and a
 * table "one", and a few items; it is prepared afresh every RESET_AFTER
 * inputs, so that every input meets about the same state.
 *
 * Invariants besides memory safety and no leaks:
 *   - a success answers a response; an error answers none, except
 *     TransactionCanceledException, whose response holds exactly one
 *     CancellationReason per action;
 *   - an error that is not the emulator's own (storage, memory) carries a
 *     DynamoDB __type;
 *   - a failed TransactWriteItems changes nothing: the tables' item
 *     counts are as before;
 *   - after every call the rows, index rows and counters agree
 *     (sst_emu_verify).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/emu.h>
#include <sst/sst.h>

#include "fuzz/emu_fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct emu_fuzz_step setup[] = {
    {"CreateTable",
     "{\"TableName\":\"tbl\",\"BillingMode\":\"PAY_PER_REQUEST\","
     "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"
     "{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}],"
     "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":"
     "\"S\"},{\"AttributeName\":\"sk\",\"AttributeType\":\"N\"},"
     "{\"AttributeName\":\"g\",\"AttributeType\":\"S\"},"
     "{\"AttributeName\":\"l\",\"AttributeType\":\"S\"}],"
     "\"GlobalSecondaryIndexes\":[{\"IndexName\":\"gidx\",\"KeySchema\":["
     "{\"AttributeName\":\"g\",\"KeyType\":\"HASH\"}],\"Projection\":{"
     "\"ProjectionType\":\"ALL\"}}],"
     "\"LocalSecondaryIndexes\":[{\"IndexName\":\"lsi\",\"KeySchema\":["
     "{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},{\"AttributeName\":"
     "\"l\",\"KeyType\":\"RANGE\"}],\"Projection\":{\"ProjectionType\":"
     "\"KEYS_ONLY\"}}]}"},
    {"CreateTable",
     "{\"TableName\":\"one\",\"BillingMode\":\"PAY_PER_REQUEST\","
     "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],"
     "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":"
     "\"S\"}]}"},
    {"PutItem",
     "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":"
     "\"1\"},\"g\":{\"S\":\"G\"},\"v\":{\"N\":\"1\"}}}"},
    {"PutItem",
     "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"b\"},\"sk\":{\"N\":"
     "\"1\"},\"l\":{\"S\":\"x\"},\"m\":{\"M\":{\"k\":{\"L\":[{\"N\":"
     "\"1\"}]}}}}}"},
    {"PutItem", "{\"TableName\":\"one\",\"Item\":{\"pk\":{\"S\":\"x\"}}}"},
};

static struct emu_fuzz fz = {NULL, setup, sizeof setup / sizeof setup[0], 0};

/* The item counts of both tables, from DescribeTable. */
static int64_t
item_counts(void)
{
    static const char *const names[] = {"{\"TableName\":\"tbl\"}",
                                        "{\"TableName\":\"one\"}"};
    struct json_object *req, *resp, *t, *c;
    int64_t n = 0;
    size_t i;

    for (i = 0; i < 2; i++) {
        req = json_tokener_parse(names[i]);
        resp = NULL;
        if (sst_emu_call(fz.emu, "DescribeTable", req, &resp, NULL) != SST_OK ||
            !json_object_object_get_ex(resp, "Table", &t) ||
            !json_object_object_get_ex(t, "ItemCount", &c))
            abort();
        n = n * 1000003 + json_object_get_int64(c);
        json_object_put(resp);
        json_object_put(req);
    }
    return n;
}

static size_t
actions(struct json_object *req)
{
    struct json_object *l;

    if (!json_object_is_type(req, json_type_object) ||
        !json_object_object_get_ex(req, "TransactItems", &l) ||
        !json_object_is_type(l, json_type_array))
        return 0;
    return json_object_array_length(l);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    emu_fuzz_prepare(&fz);
    return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* even: TransactWriteItems, odd: TransactGetItems */
    static const char *const ops[] = {"TransactWriteItems",
                                      "TransactGetItems"};
    static const enum sst_code answered[] = {SST_E_TXN_CANCELED, SST_OK};
    struct json_object *req, *resp = NULL, *reasons;
    struct sst_err err;
    const char *op;
    enum sst_code rc;
    int64_t before;

    if (!emu_fuzz_pick(data, size, ops, 2, &op, &req))
        return 0;
    before = item_counts();
    rc = emu_fuzz_call(fz.emu, op, req, &resp, &err, answered);
    if (rc == SST_E_TXN_CANCELED &&
        (!json_object_object_get_ex(resp, "CancellationReasons", &reasons) ||
         json_object_array_length(reasons) != actions(req)))
        abort();
    if (rc != SST_OK && item_counts() != before)
        abort();
    json_object_put(resp);
    json_object_put(req);
    emu_fuzz_next(&fz, false);
    return 0;
}
