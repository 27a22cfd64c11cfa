/*
 * fuzz/fuzz_core_validate.c - libFuzzer target for sst_type_validate():
 * the resource data callers give (base fields and every field kind).
 *
 * Input: one byte choosing the type (tests/core_types.h), then a JSON
 * object. Invariants besides memory safety: a failure is
 * SST_E_INVALID_DATA or SST_E_NOMEM with *out NULL; validation is
 * idempotent (validating its output gives an equal object); the model
 * JSON of a valid resource is written or refused cleanly
 * (SST_E_INVALID_DATA, no output), and when written is valid JSON.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/mem.h>
#include <sst/type.h>

#include "tests/core_types.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool
same(struct json_object *a, struct json_object *b)
{
    const char *x = json_object_to_json_string_ext(a, JSON_C_TO_STRING_PLAIN);
    const char *y = json_object_to_json_string_ext(b, JSON_C_TO_STRING_PLAIN);
    return x && y && strcmp(x, y) == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct json_object *in = NULL, *res = NULL, *again = NULL, *parsed;
    const struct sst_type *t;
    struct json_tokener *tok;
    char *model = (char *)&model;
    size_t len = 0;
    enum sst_code rc;
    long live;

    if (size < 1)
        return 0;
    t = core_types[data[0] % CORE_NTYPES];
    tok = json_tokener_new();
    in = json_tokener_parse_ex(tok, (const char *)data + 1, (int)(size - 1));
    json_tokener_free(tok);
    if (in == NULL || !json_object_is_type(in, json_type_object))
        goto out;
    live = sst_mem_live_count();
    res = (struct json_object *)&res; /* must be reset */
    rc = sst_type_validate(t, in, &res, NULL);
    if (rc != SST_OK) {
        if (res != NULL || (rc != SST_E_INVALID_DATA && rc != SST_E_NOMEM))
            abort();
        res = NULL;
        goto check;
    }
    if (sst_type_validate(t, res, &again, NULL) != SST_OK ||
        !same(res, again))
        abort();
    rc = sst_type_model_json(t, res, &model, &len, NULL);
    if (rc != SST_OK) {
        if (model != NULL || rc != SST_E_INVALID_DATA)
            abort();
    } else {
        if (model == NULL || strlen(model) != len)
            abort();
        parsed = json_tokener_parse(model);
        if (parsed == NULL || !json_object_is_type(parsed, json_type_object))
            abort();
        json_object_put(parsed);
        sst_free(model);
    }
check:
    json_object_put(res);
    json_object_put(again);
    if (sst_mem_live_count() != live)
        abort();
out:
    json_object_put(in);
    return 0;
}
