/*
 * src/core/b64.c - base64 encode and strict decode (see b64.h).
 */
#include <stdint.h>
#include <string.h>

#include <sst/mem.h>

#include "src/core/b64.h"

#define B64_MAX_INPUT ((size_t)1 << 30)

static const char std_alpha[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char url_alpha[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

enum sst_code
sst_b64_encode(const void *p, size_t n, bool urlsafe, char **out,
               size_t *outlen, struct sst_err *err)
{
    const unsigned char *in = p;
    const char *alpha = urlsafe ? url_alpha : std_alpha;
    size_t olen, i, o = 0;
    char *s;

    *out = NULL;
    if (outlen)
        *outlen = 0;
    if (n > B64_MAX_INPUT)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "base64: input of %zu bytes is too large", n);
    olen = (n + 2) / 3 * 4;
    s = sst_malloc(olen + 1);
    if (s == NULL)
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    for (i = 0; i + 2 < n; i += 3) {
        uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 |
                     in[i + 2];
        s[o++] = alpha[v >> 18];
        s[o++] = alpha[(v >> 12) & 63];
        s[o++] = alpha[(v >> 6) & 63];
        s[o++] = alpha[v & 63];
    }
    if (n - i == 1) {
        uint32_t v = (uint32_t)in[i] << 16;
        s[o++] = alpha[v >> 18];
        s[o++] = alpha[(v >> 12) & 63];
        s[o++] = '=';
        s[o++] = '=';
    } else if (n - i == 2) {
        uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8;
        s[o++] = alpha[v >> 18];
        s[o++] = alpha[(v >> 12) & 63];
        s[o++] = alpha[(v >> 6) & 63];
        s[o++] = '=';
    }
    s[o] = '\0';
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
    size_t pad = 0, i, o = 0;

    *out = NULL;
    *outlen = 0;
    if (n % 4 != 0)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "invalid base64: length %zu is not a multiple "
                           "of 4",
                           n);
    if (n > 0 && s[n - 1] == '=')
        pad = (n > 1 && s[n - 2] == '=') ? 2 : 1;
    buf = sst_malloc(n / 4 * 3 + 1);
    if (buf == NULL)
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    for (i = 0; i < n; i += 4) {
        int d[4];
        size_t k, used = (i + 4 == n) ? 4 - pad : 4;
        for (k = 0; k < 4; k++) {
            d[k] = k < used ? digit((unsigned char)s[i + k], urlsafe) : 0;
            if (d[k] < 0) {
                sst_free(buf);
                return sst_err_set(err, SST_E_INVALID_ARG,
                                   "invalid base64: unexpected character "
                                   "at offset %zu",
                                   i + k);
            }
        }
        buf[o++] = (unsigned char)(d[0] << 2 | d[1] >> 4);
        if (used > 2)
            buf[o++] = (unsigned char)((d[1] & 15) << 4 | d[2] >> 2);
        if (used > 3)
            buf[o++] = (unsigned char)((d[2] & 3) << 6 | d[3]);
    }
    buf[o] = '\0';
    *out = buf;
    *outlen = o;
    return SST_OK;
}
