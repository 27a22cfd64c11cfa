/*
 * fuzz/emu_fuzz.c - the emulator fuzz targets' shared prepared state,
 * input decoding and answer invariants (fuzz/emu_fuzz.h).
 */
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

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

/* The answer printed as sst-emu sends it: its text lists (any length,
 * at most 8) left out and put back from the pieces, into a new buffer,
 * with the log's CRC checked against zlib's. */
static char *
joined_pieces(struct json_object *answer, size_t *len)
{
    struct sst_emu_text_span spans[64];
    struct sst_emu_text_log log = {.v = spans, .cap = 64, .ext_max = 8,
                                   .ext_min = 1};
    struct sst_emu_piece pieces[2 * 8 + 1];
    const char *body;
    size_t n, i, body_len = 0;
    char *out;

    sst_emu_text_log_begin(&log);
    body = json_object_to_json_string_length(answer, SST_EMU_TEXT_FLAGS,
                                             &body_len);
    sst_emu_text_log_end();
    if (body == NULL)
        abort();
    n = sst_emu_text_log_pieces(&log, body, body_len, pieces, 2 * 8 + 1);
    for (*len = 0, i = 0; i < n; i++)
        *len += pieces[i].len;
    if ((out = malloc(*len + 1)) == NULL)
        abort();
    for (*len = 0, i = 0; i < n; i++) {
        memcpy(out + *len, pieces[i].base, pieces[i].len);
        *len += pieces[i].len;
    }
    out[*len] = '\0';
    if (sst_emu_text_log_crc(&log, body, body_len) !=
        (uint32_t)crc32(0L, (const Bytef *)out, (uInt)*len))
        abort();
    return out;
}

/* sst_emu_call_text, and for a read the same call answered with json-c
 * objects: both print the same JSON, or the stored text is wrong; and so
 * does the first answer sent in pieces. */
static enum sst_code
call_both_ways(struct sst_emu *emu, const char *op, struct json_object *req,
               struct json_object **resp, struct sst_err *err)
{
    struct json_object *tree = NULL;
    struct sst_err e2;
    enum sst_code rc = sst_emu_call_text(emu, op, req, resp, err);
    const char *plain;
    char *joined;
    size_t len;

    if (rc != SST_OK || !is_read(op))
        return rc;
    joined = joined_pieces(*resp, &len);
    if (sst_emu_call(emu, op, req, &tree, &e2) != SST_OK)
        abort();
    plain = json_object_to_json_string_ext(tree, SST_EMU_TEXT_FLAGS);
    if (strcmp(json_object_to_json_string_ext(*resp, SST_EMU_TEXT_FLAGS),
               plain) != 0 ||
        len != strlen(plain) || memcmp(joined, plain, len) != 0)
        abort();
    free(joined);
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
