/*
 * fuzz/fuzz_emu_op.c - libFuzzer target for one emulator operation's
 * request decoder, compiled once per operation with
 * -DSST_FUZZ_OP='"PutItem"' (fuzz/fuzz.am lists the targets).
 *
 * Input: the request as JSON; input that is not JSON is skipped. The
 * emulator is prepared once (LLVMFuzzerInitialize): in memory, with a
 * table "tbl" that has a global index of each projection, a local index
 * and a few items (the table of the recorded corpora, so their requests
 * are the seeds: fuzz/corpus/fuzz_op_<operation>/). It is prepared afresh
 * when an input changed a table's definition, or after enough inputs, so
 * that every input meets about the same state; a table an input created
 * is deleted again instead (or, when it is protected from deletion, the
 * emulator is prepared afresh).
 *
 * Invariants besides memory safety and no leaks: SST_OK comes with a
 * response, and an error with none, except the Item of a failed condition
 * (ReturnValuesOnConditionCheckFailure); an error that is not the
 * emulator's own (storage, memory) carries a DynamoDB __type, and that
 * type maps back to the same code; a created table without deletion
 * protection can be deleted; and
 * after every call the stored rows, index rows and counters agree
 * (sst_emu_verify). A broken invariant aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/emu.h>
#include <sst/sst.h>

#include "fuzz/emu_fuzz.h"

#ifndef SST_FUZZ_OP
#error "compile with -DSST_FUZZ_OP='\"PutItem\"' (the operation to fuzz)"
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct emu_fuzz_step setup[] = {
    {"CreateTable", emu_fuzz_indexed_table},
    {"PutItem",
     "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":"
     "\"1\"},\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"5\"},\"x\":{\"S\":\"x\"},"
     "\"n\":{\"N\":\"10\"},\"ttl\":{\"N\":\"1700000000\"}}}"},
    {"PutItem",
     "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":"
     "\"2\"},\"l\":{\"B\":\"AQ==\"},\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"6\"},"
     "\"m\":{\"M\":{\"k\":{\"L\":[{\"N\":\"1\"},{\"S\":\"s\"}]}}}}}"},
    {"PutItem",
     "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"b\"},\"sk\":{\"N\":"
     "\"-1.5\"},\"g\":{\"S\":\"H\"},\"ss\":{\"SS\":[\"a\",\"b\"]},"
     "\"ns\":{\"NS\":[\"1\",\"2\"]},\"y\":{\"BOOL\":true}}}"},
};

static struct emu_fuzz fz = {NULL, setup, sizeof setup / sizeof setup[0], 0};

/* Delete the table a successful CreateTable made; it must go, unless it
 * was created with deletion protection (DeleteTable refuses it, as
 * DynamoDB does). Returns whether it was deleted. */
static bool
delete_created(struct json_object *resp)
{
    struct json_object *desc, *name, *prot, *req, *out = NULL;

    if (!json_object_object_get_ex(resp, "TableDescription", &desc) ||
        !json_object_object_get_ex(desc, "TableName", &name))
        abort();
    if (json_object_object_get_ex(desc, "DeletionProtectionEnabled", &prot) &&
        json_object_get_boolean(prot))
        return false;
    req = json_object_new_object();
    json_object_object_add(req, "TableName", json_object_get(name));
    if (sst_emu_call(fz.emu, "DeleteTable", req, &out, NULL) != SST_OK)
        abort();
    json_object_put(out);
    json_object_put(req);
    return true;
}

/* Whether a successful call of this operation changed a table's
 * definition, so that the next input must start afresh. */
static bool
changes_definition(const char *op)
{
    return strcmp(op, "DeleteTable") == 0 || strcmp(op, "UpdateTable") == 0 ||
           strcmp(op, "UpdateTimeToLive") == 0;
}

/* Besides the invariants of every answer (emu_fuzz_call): a success is
 * writable as JSON, and an error's __type maps back to its code. */
static void
check_answer(enum sst_code rc, struct json_object *resp,
             const struct sst_err *err)
{
    if (rc == SST_OK) {
        if (json_object_to_json_string(resp) == NULL)
            abort();
        return;
    }
    if (rc == SST_E_STORAGE || rc == SST_E_NOMEM)
        return;
    if (sst_code_from_type(err->type) != rc)
        abort();
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
    static const char op[] = SST_FUZZ_OP;
    static const enum sst_code answered[] = {SST_E_CONDITION_FAILED,
                                             SST_E_TXN_CANCELED, SST_OK};
    struct json_object *req, *resp = NULL;
    struct sst_err err;
    enum sst_code rc;

    req = emu_fuzz_request(data, size);
    if (req == NULL)
        return 0;
    rc = emu_fuzz_call(fz.emu, op, req, &resp, &err, answered);
    check_answer(rc, resp, &err);
    if (rc == SST_OK && strcmp(op, "CreateTable") == 0 &&
        !delete_created(resp))
        fz.inputs = EMU_FUZZ_RESET_AFTER; /* a protected table stays: start afresh */
    json_object_put(resp);
    json_object_put(req);
    emu_fuzz_next(&fz, rc == SST_OK && changes_definition(op));
    return 0;
}
