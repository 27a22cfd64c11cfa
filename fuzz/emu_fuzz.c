/*
 * fuzz/emu_fuzz.c - the emulator fuzz targets' shared prepared state,
 * input decoding and answer invariants (fuzz/emu_fuzz.h).
 */
#include <stdlib.h>
#include <string.h>

#include "emu/ops/ops.h"
#include "emu/store/item.h"
#include "fuzz/emu_fuzz.h"

const char emu_fuzz_indexed_table[] =
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

void
emu_fuzz_run(struct sst_emu *emu, const char *op, const char *request)
{
    struct json_object *req = json_tokener_parse(request), *resp = NULL;

    if (req == NULL || sst_emu_call(emu, op, req, &resp, NULL) != SST_OK)
        abort();
    json_object_put(resp);
    json_object_put(req);
}

/* Every other prepared state keeps the rows' JSON text, as sst-emu's
 * does, and its reads are answered both ways (emu_fuzz_call). */
static bool text_mode;

void
emu_fuzz_prepare(struct emu_fuzz *f)
{
    size_t i;

    sst_emu_close(f->emu);
    f->emu = NULL;
    if (sst_emu_open(NULL, NULL, &f->emu, NULL) != SST_OK)
        abort();
    text_mode = !text_mode;
    sst_emu_keep_text(f->emu, text_mode);
    sst_emu_set_time(f->emu, EMU_FUZZ_TIME);
    for (i = 0; i < f->nsetup; i++)
        emu_fuzz_run(f->emu, f->setup[i].op, f->setup[i].request);
    f->inputs = 0;
}

void
emu_fuzz_next(struct emu_fuzz *f, bool changed)
{
    struct sst_err err;

    if (sst_emu_verify(sst_emu_store_of(f->emu), &err) != SST_OK)
        abort();
    if (++f->inputs >= EMU_FUZZ_RESET_AFTER || changed)
        emu_fuzz_prepare(f);
}

struct json_object *
emu_fuzz_request(const uint8_t *data, size_t size)
{
    struct json_tokener *tok;
    struct json_object *req;

    if (size > INT32_MAX)
        return NULL;
    tok = json_tokener_new();
    if (tok == NULL)
        return NULL;
    req = json_tokener_parse_ex(tok, (const char *)data, (int)size);
    json_tokener_free(tok);
    return req;
}

bool
emu_fuzz_pick(const uint8_t *data, size_t size, const char *const *ops,
              size_t nops, const char **op, struct json_object **req)
{
    if (size < 1)
        return false;
    *op = ops[data[0] % nops];
    *req = emu_fuzz_request(data + 1, size - 1);
    return *req != NULL;
}

/* The operations whose answers may carry stored texts; they change
 * nothing, so they can run twice. */
static bool
is_read(const char *op)
{
    static const char *const reads[] = {"GetItem", "Query", "Scan",
                                        "BatchGetItem", "TransactGetItems"};
    size_t i;

    for (i = 0; i < sizeof reads / sizeof reads[0]; i++)
        if (strcmp(op, reads[i]) == 0)
            return true;
    return false;
}

/* sst_emu_call_text, and for a read the same call answered with json-c
 * objects: both print the same JSON, or the stored text is wrong. */
static enum sst_code
call_both_ways(struct sst_emu *emu, const char *op, struct json_object *req,
               struct json_object **resp, struct sst_err *err)
{
    struct json_object *tree = NULL;
    struct sst_err e2;
    enum sst_code rc = sst_emu_call_text(emu, op, req, resp, err);

    if (rc != SST_OK || !is_read(op))
        return rc;
    if (sst_emu_call(emu, op, req, &tree, &e2) != SST_OK ||
        strcmp(json_object_to_json_string_ext(*resp, SST_EMU_TEXT_FLAGS),
               json_object_to_json_string_ext(tree, SST_EMU_TEXT_FLAGS)) != 0)
        abort();
    json_object_put(tree);
    return rc;
}

enum sst_code
emu_fuzz_call(struct sst_emu *emu, const char *op, struct json_object *req,
              struct json_object **resp, struct sst_err *err,
              const enum sst_code *answered)
{
    enum sst_code rc;

    memset(err, 0, sizeof *err);
    if (!text_mode)
        rc = sst_emu_call(emu, op, req, resp, err);
    else
        rc = call_both_ways(emu, op, req, resp, err);
    emu_fuzz_check_answer(rc, *resp, err, answered);
    return rc;
}

void
emu_fuzz_check_answer(enum sst_code rc, const struct json_object *resp,
                      const struct sst_err *err, const enum sst_code *answered)
{
    bool may_answer = false;

    if (rc == SST_OK) {
        if (resp == NULL)
            abort();
        return;
    }
    while (answered != NULL && *answered != SST_OK && !may_answer)
        may_answer = *answered++ == rc;
    if (resp != NULL && !may_answer)
        abort();
    if (rc != SST_E_STORAGE && rc != SST_E_NOMEM && err->type[0] == '\0')
        abort();
}
