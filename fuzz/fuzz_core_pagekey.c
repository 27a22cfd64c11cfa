/*
 * fuzz/fuzz_core_pagekey.c - libFuzzer target for pagination-key decoding.
 *
 * Invariants besides memory safety: a refused key is SST_E_INVALID_ARG
 * (or SST_E_NOMEM) with no output; an accepted key is an ExclusiveStartKey
 * of S and N attributes that encodes again and decodes to the same value.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sst/mem.h>

#include "src/core/pagekey.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_object *lek = NULL, *again = NULL;
    struct sst_err err;
    enum sst_code rc;
    char *key = NULL;

    rc = sst_pagekey_decode((const char *)data, size, &lek, &err);
    if (rc != SST_OK) {
        if (lek != NULL || (rc != SST_E_INVALID_ARG && rc != SST_E_NOMEM))
            abort();
        return 0;
    }
    if (sst_pagekey_encode(lek, &key, &err) != SST_OK)
        abort();
    if (sst_pagekey_decode(key, strlen(key), &again, &err) != SST_OK ||
        !json_object_equal(lek, again))
        abort();
    json_object_put(again);
    json_object_put(lek);
    sst_free(key);
    return 0;
}
