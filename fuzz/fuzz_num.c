/*
 * fuzz/fuzz_num.c - libFuzzer target for the DynamoDB number parser.
 *
 * Invariant: a number that parses prints in canonical form, and that form
 * parses back to an equal number that prints the same; its key encoding
 * decodes back to it; adding its negation gives zero. A refused number
 * leaves the output untouched and reports a ValidationException. The
 * GMP-free key encoding of short plain numbers (sst_num_key_encode_text)
 * takes only numbers, and gives their slow path's bytes exactly.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sst/sst.h>

#include "emu/expr/num.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char s1[SST_NUM_STR_MAX], s2[SST_NUM_STR_MAX];
    unsigned char key[SST_NUM_KEY_MAX], fast[SST_NUM_KEY_MAX];
    struct sst_num a, b, z;
    struct sst_err err;
    size_t len, used, fast_len;

    sst_num_init(&a);
    sst_num_init(&b);
    sst_num_init(&z);
    fast_len = sst_num_key_encode_text((const char *)data, size, fast);
    if (sst_num_parse(&a, (const char *)data, size, &err) != SST_OK) {
        if (err.code != SST_E_VALIDATION || a.sign != 0 || fast_len != 0)
            abort();
        goto out;
    }
    if (fast_len != 0 && (fast_len != sst_num_key_encode(&a, key) ||
                          memcmp(fast, key, fast_len) != 0))
        abort();
    len = sst_num_to_str(&a, s1, sizeof s1);
    if (len >= sizeof s1 || a.digits > SST_NUM_MAX_DIGITS)
        abort();
    if (sst_num_parse(&b, s1, len, NULL) != SST_OK ||
        sst_num_cmp(&a, &b) != 0 || a.exp != b.exp || a.digits != b.digits)
        abort();
    if (sst_num_to_str(&b, s2, sizeof s2) != len || memcmp(s1, s2, len) != 0)
        abort();
    len = sst_num_key_encode(&a, key);
    if (sst_num_key_decode(&b, key, len, &used, NULL) != SST_OK ||
        used != len || sst_num_cmp(&a, &b) != 0)
        abort();
    if (sst_num_sub(&z, &a, &b, NULL) != SST_OK || z.sign != 0)
        abort();
out:
    sst_num_cleanup(&z);
    sst_num_cleanup(&b);
    sst_num_cleanup(&a);
    return 0;
}
