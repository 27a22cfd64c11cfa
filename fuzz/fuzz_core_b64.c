/*
 * fuzz/fuzz_core_b64.c - libFuzzer target for base64 decoding
 * (src/core/b64.h), both alphabets (the first byte picks).
 *
 * Invariants besides memory safety: a refusal is SST_E_INVALID_ARG (or
 * SST_E_NOMEM) with no output; accepted text decodes to bytes that
 * encode to text of the same length, which decodes to the same bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sst/mem.h>

#include "src/core/b64.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned char *raw = NULL, *again = NULL;
    size_t n = 0, m = 0, tn = 0;
    bool url;
    char *text = NULL;
    enum sst_code rc;

    if (size < 1)
        return 0;
    url = data[0] & 1;
    rc = sst_b64_decode((const char *)data + 1, size - 1, url, &raw, &n, NULL);
    if (rc != SST_OK) {
        if (raw != NULL || n != 0 ||
            (rc != SST_E_INVALID_ARG && rc != SST_E_NOMEM))
            abort();
        return 0;
    }
    if (sst_b64_encode(raw, n, url, &text, &tn, NULL) != SST_OK ||
        tn != size - 1 ||
        sst_b64_decode(text, tn, url, &again, &m, NULL) != SST_OK || m != n ||
        memcmp(raw, again, n) != 0)
        abort();
    sst_free(raw);
    sst_free(again);
    sst_free(text);
    return 0;
}
