/*
 * fuzz/fuzz_core_gzip.c - libFuzzer target for gzip decompression.
 *
 * Invariants besides memory safety: output never exceeds the cap; a
 * failure is SST_E_INVALID_DATA (or SST_E_NOMEM) with no output; what
 * decompresses compresses and decompresses to the same bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sst/mem.h>

#include "src/core/gzip.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CAP ((size_t)1 << 20)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned char *out = NULL, *gz = NULL, *back = NULL;
    size_t outlen, gzlen, backlen;
    enum sst_code rc;

    rc = sst_gzip_decompress(data, size, CAP, &out, &outlen, NULL);
    if (rc != SST_OK) {
        if (out != NULL || (rc != SST_E_INVALID_DATA && rc != SST_E_NOMEM))
            abort();
        return 0;
    }
    if (outlen > CAP)
        abort();
    if (sst_gzip_compress(out, outlen, 0, &gz, &gzlen, NULL) != SST_OK ||
        sst_gzip_decompress(gz, gzlen, CAP, &back, &backlen, NULL) !=
            SST_OK ||
        backlen != outlen || memcmp(back, out, outlen) != 0)
        abort();
    sst_free(out);
    sst_free(gz);
    sst_free(back);
    return 0;
}
