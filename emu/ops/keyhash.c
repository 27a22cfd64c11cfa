/*
 * emu/ops/keyhash.c - DynamoDB Local's hashes of key values (keyhash.h).
 */
#include <stdbool.h>
#include <string.h>

/* SHA-1 through OpenSSL's SHA1_Init/Update/Final: deprecated in OpenSSL
 * 3 in favour of EVP, but a fifth of SHA1()'s cost (which fetches the
 * algorithm on every call: 630 ns against 105 for a key, measured), and
 * these hashes order rows, they protect nothing. */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <gmp.h>
#include <openssl/sha.h>

#include "emu/ops/keyhash.h"

/* DynamoDB Local's salt: the bytes of "LocalDdb". */
static const uint8_t salt[] = {'L', 'o', 'c', 'a', 'l', 'D', 'd', 'b'};

size_t
sst_emu_java_decimal_key(const struct sst_num *n, uint8_t *out)
{
    char digits[SST_NUM_MAX_DIGITS + 2], *d = digits + 1;
    size_t len, pairs, i;
    int exponent;
    unsigned pair;
    bool neg = n->sign < 0;

    if (n->sign == 0) {
        out[0] = 0x80;
        return 1;
    }
    mpz_get_str(d, 10, n->coef);
    len = strlen(d);
    /* the digits as 0.d1d2... times 10^exponent, made even by a zero */
    exponent = (int)len + n->exp;
    if (exponent % 2 != 0) {
        *--d = '0';
        len++;
        exponent++;
    }
    pairs = (len + 1) / 2;
    out[0] = (uint8_t)(192 + exponent / 2);
    if (neg)
        out[0] ^= 0xFF;
    for (i = 0; i < pairs; i++) {
        pair = (unsigned)(d[2 * i] - '0') * 10;
        if (2 * i + 1 < len)
            pair += (unsigned)(d[2 * i + 1] - '0');
        out[1 + i] = (uint8_t)(neg ? 101 - pair : pair + 1);
    }
    if (neg && pairs < 20) {
        out[1 + pairs] = 102;
        return pairs + 2;
    }
    return pairs + 1;
}

void
sst_emu_key_hash_bytes(const void *p, size_t n, uint8_t *out)
{
    SHA_CTX c;

    SHA1_Init(&c);
    SHA1_Update(&c, salt, sizeof salt);
    SHA1_Update(&c, p, n);
    SHA1_Final(out, &c);
}

int
sst_emu_key_hash(const struct sst_av *v, uint8_t *out)
{
    uint8_t enc[SST_EMU_JAVA_DECIMAL_MAX];

    switch (v->type) {
    case SST_AV_S:
    case SST_AV_B:
        sst_emu_key_hash_bytes(v->u.str.ptr, v->u.str.len, out);
        return 0;
    case SST_AV_N:
        sst_emu_key_hash_bytes(enc, sst_emu_java_decimal_key(&v->u.num, enc),
                               out);
        return 0;
    default:
        memset(out, 0, SST_EMU_KEY_HASH_LEN);
        return -1;
    }
}

void
sst_emu_key_hash_pair(const uint8_t *a, const uint8_t *b, uint8_t *out)
{
    uint8_t buf[2 * SST_EMU_KEY_HASH_LEN];

    memcpy(buf, a, SST_EMU_KEY_HASH_LEN);
    memcpy(buf + SST_EMU_KEY_HASH_LEN, b, SST_EMU_KEY_HASH_LEN);
    sst_emu_key_hash_bytes(buf, sizeof buf, out);
}

/* v as SST_EMU_KEY_HASH_LEN big-endian bytes (v < 2^160). */
static void
export160(const mpz_t v, uint8_t *out)
{
    size_t count = 0;
    uint8_t tmp[SST_EMU_KEY_HASH_LEN];

    mpz_export(tmp, &count, 1, 1, 1, 0, v);
    memset(out, 0, SST_EMU_KEY_HASH_LEN);
    memcpy(out + SST_EMU_KEY_HASH_LEN - count, tmp, count);
}

void
sst_emu_segment_bounds(int64_t seg, int64_t total, uint8_t *first,
                       uint8_t *last)
{
    mpz_t max, delta, v;

    mpz_inits(max, delta, v, NULL);
    mpz_ui_pow_ui(max, 2, 8 * SST_EMU_KEY_HASH_LEN);
    mpz_sub_ui(max, max, 1);
    mpz_fdiv_q_ui(delta, max, (unsigned long)total);
    mpz_mul_ui(v, delta, (unsigned long)seg);
    export160(v, first);
    if (seg + 1 == total) {
        export160(max, last);
    } else {
        mpz_mul_ui(v, delta, (unsigned long)(seg + 1));
        mpz_sub_ui(v, v, 1);
        export160(v, last);
    }
    mpz_clears(max, delta, v, NULL);
}
