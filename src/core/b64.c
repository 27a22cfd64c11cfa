/*
 * src/core/b64.c - base64 encode and strict decode (see b64.h), on
 * OpenSSL's EVP_EncodeBlock and EVP_DecodeBlock. What is ours is the
 * URL-safe alphabet (OpenSSL knows the standard one only) and the strict
 * checks before decoding (OpenSSL skips whitespace and does not say
 * where a bad character is).
 */
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include <openssl/evp.h>

#include <sst/mem.h>

#include "src/core/b64.h"

#define B64_MAX_INPUT ((size_t)1 << 30)

/* The URL-safe alphabet's two characters, and the standard ones they
 * stand for. */
static void
translate(char *s, size_t n, char from62, char from63, char to62, char to63)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (s[i] == from62)
            s[i] = to62;
        else if (s[i] == from63)
            s[i] = to63;
    }
}

size_t
sst_b64_encode_into(const void *p, size_t n, char *out)
{
    return (size_t)EVP_EncodeBlock((unsigned char *)out,
                                   (const unsigned char *)p, (int)n);
}

enum sst_code
sst_b64_encode(const void *p, size_t n, bool urlsafe, char **out,
               size_t *outlen, struct sst_err *err)
{
    size_t o;
    char *s;

    *out = NULL;
    if (outlen)
        *outlen = 0;
    if (n > B64_MAX_INPUT)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "base64: input of %zu bytes is too large", n);
    s = sst_malloc(SST_B64_LEN(n) + 1);
    if (s == NULL)
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    o = sst_b64_encode_into(p, n, s);
    if (urlsafe)
        translate(s, o, '+', '/', '-', '_');
    *out = s;
    if (outlen)
        *outlen = o;
    return SST_OK;
}

/* Value of one character, or -1. */
static int
digit(unsigned char c, bool urlsafe)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+' || (urlsafe && c == '-'))
        return 62;
    if (c == '/' || (urlsafe && c == '_'))
        return 63;
    return -1;
}

enum sst_code
sst_b64_decode(const char *s, size_t n, bool urlsafe, unsigned char **out,
               size_t *outlen, struct sst_err *err)
{
    unsigned char *buf;
    char *std = NULL;
    size_t pad = 0, i;
    int got;

    *out = NULL;
    *outlen = 0;
    if (n % 4 != 0)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "invalid base64: length %zu is not a multiple "
                           "of 4",
                           n);
    if (n > SST_B64_LEN(B64_MAX_INPUT))
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "base64: input of %zu bytes is too large", n);
    if (n > 0 && s[n - 1] == '=')
        pad = (n > 1 && s[n - 2] == '=') ? 2 : 1;
    for (i = 0; i < n - pad; i++)
        if (digit((unsigned char)s[i], urlsafe) < 0)
            return sst_err_set(err, SST_E_INVALID_ARG,
                               "invalid base64: unexpected character at "
                               "offset %zu",
                               i);
    buf = sst_malloc(n / 4 * 3 + 1);
    if (buf == NULL)
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    if (urlsafe) {
        std = sst_malloc(n + 1);
        if (std == NULL) {
            sst_free(buf);
            return sst_err_set(err, SST_E_NOMEM, "out of memory");
        }
        memcpy(std, s, n);
        translate(std, n, '-', '_', '+', '/');
    }
    got = EVP_DecodeBlock(buf, (const unsigned char *)(std ? std : s), (int)n);
    sst_free(std);
    if (got < 0 || (size_t)got < pad) {
        sst_free(buf);
        return sst_err_set(err, SST_E_INVALID_ARG, "invalid base64");
    }
    /* EVP_DecodeBlock counts the padding as zero bytes */
    *outlen = (size_t)got - pad;
    buf[*outlen] = '\0';
    *out = buf;
    return SST_OK;
}
