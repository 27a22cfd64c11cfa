/*
 * fuzz/fuzz_numkey.c - libFuzzer target for the order-preserving number
 * key encoding.
 *
 * The input is two numbers separated by a NUL byte. When both parse, the
 * memcmp order of their key encodings must be their numeric order, equal
 * numbers must encode to identical bytes, and their sum or difference
 * (when in range) must keep the order against each operand. Any input is
 * also fed to the key decoder, which must accept only canonical keys.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sst/sst.h>

#include "emu/expr/num.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
key_order(const struct sst_num *a, const struct sst_num *b)
{
    unsigned char ka[SST_NUM_KEY_MAX], kb[SST_NUM_KEY_MAX];
    size_t la = sst_num_key_encode(a, ka), lb = sst_num_key_encode(b, kb);
    int r = memcmp(ka, kb, la < lb ? la : lb);

    if (r != 0)
        return r < 0 ? -1 : 1;
    if (la != lb) /* no encoding is a prefix of another */
        abort();
    return 0;
}

static void
check_decoder(const uint8_t *data, size_t size)
{
    unsigned char key[SST_NUM_KEY_MAX];
    struct sst_num n;
    size_t used, len;

    sst_num_init(&n);
    if (sst_num_key_decode(&n, data, size, &used, NULL) == SST_OK) {
        /* Canonical: re-encoding gives back the bytes consumed. */
        len = sst_num_key_encode(&n, key);
        if (len != used || memcmp(key, data, len) != 0)
            abort();
    }
    sst_num_cleanup(&n);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *sep = memchr(data, 0, size);
    struct sst_num a, b, s;
    size_t la;

    check_decoder(data, size);
    if (sep == NULL)
        return 0;
    la = (size_t)(sep - data);
    sst_num_init(&a);
    sst_num_init(&b);
    sst_num_init(&s);
    if (sst_num_parse(&a, (const char *)data, la, NULL) == SST_OK &&
        sst_num_parse(&b, (const char *)sep + 1, size - la - 1, NULL) ==
            SST_OK) {
        if (key_order(&a, &b) != sst_num_cmp(&a, &b))
            abort();
        /* a + b against a: the order of b against zero. */
        if (sst_num_add(&s, &a, &b, NULL) == SST_OK &&
            key_order(&s, &a) != b.sign)
            abort();
        if (sst_num_sub(&s, &a, &b, NULL) == SST_OK &&
            key_order(&s, &a) != -b.sign)
            abort();
    }
    sst_num_cleanup(&s);
    sst_num_cleanup(&b);
    sst_num_cleanup(&a);
    return 0;
}
