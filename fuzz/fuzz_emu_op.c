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

#include "emu/ops/ops.h"

#ifndef SST_FUZZ_OP
#error "compile with -DSST_FUZZ_OP='\"PutItem\"' (the operation to fuzz)"
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define RESET_AFTER 64 /* inputs between fresh states */

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
    "\"1\"},\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"5\"},\"x\":{\"S\":\"x\"},"
    "\"n\":{\"N\":\"10\"},\"ttl\":{\"N\":\"1700000000\"}}}",
    "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":"
    "\"2\"},\"l\":{\"B\":\"AQ==\"},\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"6\"},"
    "\"m\":{\"M\":{\"k\":{\"L\":[{\"N\":\"1\"},{\"S\":\"s\"}]}}}}}",
    "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"b\"},\"sk\":{\"N\":"
    "\"-1.5\"},\"g\":{\"S\":\"H\"},\"ss\":{\"SS\":[\"a\",\"b\"]},"
    "\"ns\":{\"NS\":[\"1\",\"2\"]},\"y\":{\"BOOL\":true}}}",
};

static struct sst_emu *emu;
static unsigned inputs;

static void
run(const char *op, const char *text)
{
    struct json_object *req = json_tokener_parse(text), *resp = NULL;

    if (req == NULL || sst_emu_call(emu, op, req, &resp, NULL) != SST_OK)
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
    if (sst_emu_call(emu, "DeleteTable", req, &out, NULL) != SST_OK)
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

static void
check_answer(enum sst_code rc, struct json_object *resp,
             const struct sst_err *err)
{
    if (rc == SST_OK) {
        if (resp == NULL)
            abort();
        /* the answer must be writable as JSON */
        if (json_object_to_json_string(resp) == NULL)
            abort();
        return;
    }
    if (resp != NULL && rc != SST_E_CONDITION_FAILED &&
        rc != SST_E_TXN_CANCELED)
        abort();
    if (rc == SST_E_STORAGE || rc == SST_E_NOMEM)
        return;
    if (err->type[0] == '\0' || sst_code_from_type(err->type) != rc)
        abort();
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
    static const char op[] = SST_FUZZ_OP;
    struct json_tokener *tok;
    struct json_object *req, *resp = NULL;
    struct sst_err err;
    enum sst_code rc;

    if (size > INT32_MAX)
        return 0;
    tok = json_tokener_new();
    if (tok == NULL)
        return 0;
    req = json_tokener_parse_ex(tok, (const char *)data, (int)size);
    json_tokener_free(tok);
    if (req == NULL)
        return 0;
    memset(&err, 0, sizeof err);
    rc = sst_emu_call(emu, op, req, &resp, &err);
    check_answer(rc, resp, &err);
    if (rc == SST_OK && strcmp(op, "CreateTable") == 0 &&
        !delete_created(resp))
        inputs = RESET_AFTER; /* a protected table stays: start afresh */
    json_object_put(resp);
    json_object_put(req);
    if (sst_emu_verify(sst_emu_store_of(emu), &err) != SST_OK)
        abort();
    if (++inputs >= RESET_AFTER || (rc == SST_OK && changes_definition(op)))
        prepare();
    return 0;
}
