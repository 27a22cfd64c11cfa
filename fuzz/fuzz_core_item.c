/*
 * fuzz/fuzz_core_item.c - libFuzzer target for sst_type_from_item(): the
 * items libsst reads back from DynamoDB (wire JSON, base64 binaries,
 * gzip + JSON in "data", timestamps, numbers, sets).
 *
 * Input: one byte choosing the type (tests/core_types.h), then an item in
 * DynamoDB wire JSON. Invariants besides memory safety: a failure is
 * SST_E_INVALID_DATA or SST_E_NOMEM with *out NULL; a resource read is
 * valid (sst_type_validate() gives an equal object), and the item
 * sst_type_to_item() writes of it reads back to an equal resource.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/mem.h>
#include <sst/type.h>

#include "tests/core_types.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int64_t
fixed_clock(void *ud)
{
    (void)ud;
    return 1795630325922317LL;
}

/* Equal as JSON text: stricter than json_object_equal(), which compares
 * decimals as doubles and so misses a changed number text. */
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
    const struct sst_clock clock = {.now_us = fixed_clock};
    struct json_object *item = NULL, *res = NULL, *again = NULL;
    struct json_object *item2 = NULL, *back = NULL;
    const struct sst_type *t;
    struct json_tokener *tok;
    enum sst_code rc;
    long live;

    if (size < 1)
        return 0;
    t = core_types[data[0] % CORE_NTYPES];
    tok = json_tokener_new();
    item = json_tokener_parse_ex(tok, (const char *)data + 1, (int)(size - 1));
    json_tokener_free(tok);
    if (item == NULL || !json_object_is_type(item, json_type_object))
        goto out;
    live = sst_mem_live_count();
    res = (struct json_object *)&res; /* must be reset */
    rc = sst_type_from_item(t, item, &res, NULL);
    if (rc != SST_OK) {
        if (res != NULL || (rc != SST_E_INVALID_DATA && rc != SST_E_NOMEM))
            abort();
        goto check;
    }
    if (sst_type_validate(t, res, &again, NULL) != SST_OK ||
        !same(res, again))
        abort();
    rc = sst_type_to_item(t, res, t->versioned ? SST_ROW_V0 : SST_ROW_PLAIN,
                          &clock, &item2, NULL);
    if (rc != SST_OK)
        abort();
    if (sst_type_from_item(t, item2, &back, NULL) != SST_OK ||
        !same(res, back))
        abort();
check:
    json_object_put(res);
    res = NULL;
    json_object_put(again);
    json_object_put(item2);
    json_object_put(back);
    if (sst_mem_live_count() != live)
        abort();
out:
    json_object_put(res);
    json_object_put(item);
    return 0;
}
