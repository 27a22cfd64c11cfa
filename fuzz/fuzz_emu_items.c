/*
 * fuzz/fuzz_emu_items.c - libFuzzer target for the emulator's item
 * operations' request decoders.
 *
 * Input: one byte choosing the operation (PutItem, GetItem, DeleteItem,
 * BatchGetItem, BatchWriteItem, Scan, UpdateTable), then the request as
 * JSON. The emulator is prepared once (LLVMFuzzerInitialize): in memory,
 * with a table "tbl" that has a global index of each projection, a local
 * index, and a few items; it is prepared afresh when inputs have grown it
 * or changed its indexes, so that every input meets about the same state.
 *
 * Invariants besides memory safety and no leaks: a call answers either a
 * response and SST_OK, or no response and an error; an error that is not
 * the emulator's own (storage, memory) carries a DynamoDB __type; and
 * after every call the stored rows, index rows and counters agree
 * (sst_emu_verify).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/emu.h>
#include <sst/sst.h>

#include "emu/ops/ops.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define RESET_AFTER 64 /* inputs between fresh states */

static const char *const ops[] = {"PutItem",        "GetItem",
                                  "DeleteItem",     "BatchGetItem",
                                  "BatchWriteItem", "Scan",
                                  "UpdateTable"};

static const char table[] =
    "{\"TableName\":\"tbl\",\"BillingMode\":\"PAY_PER_REQUEST\","
    "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"
    "{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}],"
    "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":"
    "\"S\"},{\"AttributeName\":\"sk\",\"AttributeType\":\"N\"},"
    "{\"AttributeName\":\"g\",\"AttributeType\":\"S\"},"
    "{\"AttributeName\":\"gs\",\"AttributeType\":\"N\"},"
    "{\"AttributeName\":\"l\",\"AttributeType\":\"B\"}],"
    "\"GlobalSecondaryIndexes\":["
    "{\"IndexName\":\"gall\",\"KeySchema\":[{\"AttributeName\":\"g\","
    "\"KeyType\":\"HASH\"},{\"AttributeName\":\"gs\",\"KeyType\":\"RANGE\"}],"
    "\"Projection\":{\"ProjectionType\":\"ALL\"}},"
    "{\"IndexName\":\"gkeys\",\"KeySchema\":[{\"AttributeName\":\"g\","
    "\"KeyType\":\"HASH\"}],\"Projection\":{\"ProjectionType\":\"KEYS_ONLY\"}},"
    "{\"IndexName\":\"ginc\",\"KeySchema\":[{\"AttributeName\":\"gs\","
    "\"KeyType\":\"HASH\"}],\"Projection\":{\"ProjectionType\":\"INCLUDE\","
    "\"NonKeyAttributes\":[\"x\",\"y\"]}}],"
    "\"LocalSecondaryIndexes\":[{\"IndexName\":\"lsi\",\"KeySchema\":["
    "{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},{\"AttributeName\":"
    "\"l\",\"KeyType\":\"RANGE\"}],\"Projection\":{\"ProjectionType\":"
    "\"KEYS_ONLY\"}}]}";

static const char *const items[] = {
    "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":"
    "\"1\"},\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"5\"},\"x\":{\"S\":\"x\"}}}",
    "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":"
    "\"2\"},\"l\":{\"B\":\"AQ==\"},\"m\":{\"M\":{\"k\":{\"L\":[{\"N\":"
    "\"1\"}]}}}}}",
    "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"b\"},\"sk\":{\"N\":"
    "\"-1.5\"},\"g\":{\"S\":\"H\"},\"ss\":{\"SS\":[\"a\",\"b\"]}}}",
};

static struct sst_emu *emu;
static unsigned inputs;

static void
run(const char *op, const char *text)
{
    struct json_object *req = json_tokener_parse(text), *resp = NULL;

    if (sst_emu_call(emu, op, req, &resp, NULL) != SST_OK)
        abort();
    json_object_put(resp);
    json_object_put(req);
}

static void
prepare(void)
{
    size_t i;

    sst_emu_close(emu);
    emu = NULL;
    if (sst_emu_open(NULL, NULL, &emu, NULL) != SST_OK)
        abort();
    sst_emu_set_time(emu, 1700000000000LL);
    run("CreateTable", table);
    for (i = 0; i < sizeof items / sizeof items[0]; i++)
        run("PutItem", items[i]);
    inputs = 0;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    prepare();
    return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct json_tokener *tok;
    struct json_object *req, *resp = NULL;
    struct sst_err err;
    const char *op;
    enum sst_code rc;

    if (size < 1)
        return 0;
    op = ops[data[0] % (sizeof ops / sizeof ops[0])];
    tok = json_tokener_new();
    if (tok == NULL)
        return 0;
    req = json_tokener_parse_ex(tok, (const char *)data + 1, (int)(size - 1));
    json_tokener_free(tok);
    if (req == NULL)
        return 0;
    memset(&err, 0, sizeof err);
    rc = sst_emu_call(emu, op, req, &resp, &err);
    if ((rc == SST_OK) != (resp != NULL))
        abort();
    if (rc != SST_OK && rc != SST_E_STORAGE && rc != SST_E_NOMEM &&
        err.type[0] == '\0')
        abort();
    json_object_put(resp);
    json_object_put(req);
    if (sst_emu_verify(sst_emu_store_of(emu), &err) != SST_OK)
        abort();
    /* A changed table, or enough inputs, and the next input starts from
     * the prepared state again. */
    if (++inputs >= RESET_AFTER || (rc == SST_OK && op[0] == 'U'))
        prepare();
    return 0;
}
