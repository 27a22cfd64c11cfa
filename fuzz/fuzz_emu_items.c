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

#include "fuzz/emu_fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const ops[] = {"PutItem",        "GetItem",
                                  "DeleteItem",     "BatchGetItem",
                                  "BatchWriteItem", "Scan",
                                  "UpdateTable"};

static const struct emu_fuzz_step setup[] = {
    {"CreateTable", emu_fuzz_indexed_table},
    {"PutItem",
     "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":"
     "\"1\"},\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"5\"},\"x\":{\"S\":\"x\"}}}"},
    {"PutItem",
     "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":"
     "\"2\"},\"l\":{\"B\":\"AQ==\"},\"m\":{\"M\":{\"k\":{\"L\":[{\"N\":"
     "\"1\"}]}}}}}"},
    {"PutItem",
     "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"b\"},\"sk\":{\"N\":"
     "\"-1.5\"},\"g\":{\"S\":\"H\"},\"ss\":{\"SS\":[\"a\",\"b\"]}}}"},
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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct json_object *req, *resp = NULL;
    struct sst_err err;
    const char *op;
    enum sst_code rc;

    if (!emu_fuzz_pick(data, size, ops, sizeof ops / sizeof ops[0], &op, &req))
        return 0;
    rc = emu_fuzz_call(fz.emu, op, req, &resp, &err, NULL);
    json_object_put(resp);
    json_object_put(req);
    /* A changed table, or enough inputs, and the next input starts from
     * the prepared state again. */
    emu_fuzz_next(&fz, rc == SST_OK && op[0] == 'U');
    return 0;
}
