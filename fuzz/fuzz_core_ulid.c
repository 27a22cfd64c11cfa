/*
 * fuzz/fuzz_core_ulid.c - libFuzzer target for the ULID parser.
 *
 * Invariant besides memory safety: a parsed ULID encodes back to the
 * input, upper-cased.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sst/ulid.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned char rnd[SST_ULID_RANDOM_BYTES];
    char out[SST_ULID_LEN + 1];
    int64_t ms;
    size_t i;

    if (sst_ulid_parse((const char *)data, size, &ms, rnd, NULL) != SST_OK)
        return 0;
    if (sst_ulid_encode(ms, rnd, out, NULL) != SST_OK)
        abort();
    for (i = 0; i < SST_ULID_LEN; i++) {
        char c = (char)data[i];
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (out[i] != c)
            abort();
    }
    return 0;
}
