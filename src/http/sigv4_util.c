/*
 * src/http/sigv4_util.c - the helpers of the SigV4 files (sigv4_int.h): a
 * capped string builder, RFC 3986 encoding, hashing, and the time formats
 * (sst_sigv4_amz_date() and the Date header).
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <sst/mem.h>

#include "http/sigv4.h"
#include "http/sigv4_int.h"

/* ================================================================== */
/* capped string builder                                               */

bool
sst_sigv4_int_buf_reserve(struct buf *b, size_t more)
{
    size_t want;
    char *np;

    if (b->failed != SST_OK)
        return false;
    if (more > SST_SIGV4_MAX_CANONICAL - b->len) {
        b->failed = SST_E_INVALID_ARG;
        return false;
    }
    want = b->len + more + 1;
    if (want <= b->cap)
        return true;
    if (want < 2 * b->cap)
        want = 2 * b->cap;
    if (want < 64)
        want = 64;
    np = sst_realloc(b->p, want);
    if (np == NULL) {
        b->failed = SST_E_NOMEM;
        return false;
    }
    b->p = np;
    b->cap = want;
    return true;
}

void
sst_sigv4_int_buf_add(struct buf *b, const char *s, size_t n)
{
    if (!sst_sigv4_int_buf_reserve(b, n))
        return;
    if (n > 0)
        memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void
sst_sigv4_int_buf_adds(struct buf *b, const char *s)
{
    sst_sigv4_int_buf_add(b, s, strlen(s));
}

void
sst_sigv4_int_buf_cleanup(struct buf *b)
{
    sst_free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

/* Hand the string to the caller, or report why it could not be built. */
enum sst_code
sst_sigv4_int_buf_take(struct buf *b, char **out, const char *what,
                       struct sst_err *err)
{
    *out = NULL;
    if (b->failed == SST_OK && b->p == NULL)
        sst_sigv4_int_buf_add(b, "", 0); /* an empty result is still a string */
    if (b->failed == SST_E_NOMEM) {
        sst_sigv4_int_buf_cleanup(b);
        return sst_err_set(err, SST_E_NOMEM, "out of memory building the %s",
                           what);
    }
    if (b->failed != SST_OK) {
        sst_sigv4_int_buf_cleanup(b);
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "the %s would be longer than %d bytes", what,
                           SST_SIGV4_MAX_CANONICAL);
    }
    *out = b->p;
    b->p = NULL;
    b->len = b->cap = 0;
    return SST_OK;
}

/* ================================================================== */
/* encoding, hashing and time                                          */

static const char hexdig_upper[] = "0123456789ABCDEF";
static const char hexdig_lower[] = "0123456789abcdef";

static bool
is_unreserved(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
           c == '~';
}

bool
sst_sigv4_int_is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static int
hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* RFC 3986 encoding as AWS uses it: unreserved bytes stay, every other
 * byte becomes %XX with upper-case hex. With keep_slash, '/' stays too. */
void
sst_sigv4_int_add_encoded(struct buf *b, const char *s, size_t n,
                          bool keep_slash)
{
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        if (is_unreserved(c) || (keep_slash && c == '/')) {
            buf_addc(b, (char)c);
        } else {
            char e[3] = {'%', hexdig_upper[c >> 4], hexdig_upper[c & 15]};

            sst_sigv4_int_buf_add(b, e, 3);
        }
    }
}

/* Decode %XX escapes of n bytes into out (which holds n bytes); a '%' not
 * followed by two hex digits stays as it is. Returns the decoded length. */
size_t
sst_sigv4_int_pct_decode(const char *s, size_t n, char *out)
{
    size_t i, o = 0;

    for (i = 0; i < n; i++) {
        int hi, lo;

        if (s[i] == '%' && i + 2 < n && (hi = hexval(s[i + 1])) >= 0 &&
            (lo = hexval(s[i + 2])) >= 0) {
            out[o++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            out[o++] = s[i];
        }
    }
    return o;
}

void
sst_sigv4_int_to_hex(const unsigned char *d, size_t n, char *hex)
{
    size_t i;

    for (i = 0; i < n; i++) {
        hex[2 * i] = hexdig_lower[d[i] >> 4];
        hex[2 * i + 1] = hexdig_lower[d[i] & 15];
    }
    hex[2 * n] = '\0';
}

static enum sst_code
openssl_failed(struct sst_err *err, const char *what)
{
    return sst_err_set(err, SST_E_INTERNAL, "OpenSSL %s failed", what);
}

enum sst_code
sst_sigv4_int_hmac_sha256(const void *key, size_t key_len, const void *data,
                          size_t data_len, unsigned char out[SST_SIGV4_KEY_LEN],
                          struct sst_err *err)
{
    unsigned int out_len = SST_SIGV4_KEY_LEN;

    if (key_len > INT32_MAX ||
        HMAC(EVP_sha256(), key, (int)key_len, data, data_len, out, &out_len) ==
            NULL ||
        out_len != SST_SIGV4_KEY_LEN)
        return openssl_failed(err, "HMAC-SHA256");
    return SST_OK;
}

enum sst_code
sst_sigv4_sha256_hex(const void *data, size_t len,
                     char hex[SST_SIGV4_HEX_LEN + 1], struct sst_err *err)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;
    static const char empty[1] = {0};

    if (EVP_Digest(data != NULL ? data : empty, len, md, &md_len, EVP_sha256(),
                   NULL) != 1 ||
        md_len != 32)
        return openssl_failed(err, "SHA-256");
    sst_sigv4_int_to_hex(md, 32, hex);
    return SST_OK;
}

/* Write v as exactly n decimal digits (v < 10^n). */
static void
put_digits(char *out, unsigned v, int n)
{
    while (n-- > 0) {
        out[n] = (char)('0' + v % 10);
        v /= 10;
    }
}

/* Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's
 * civil_from_days). */
static void
civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    int64_t era, yoe, doy, mp;

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    yoe = z - era * 146097;
    yoe = (yoe - yoe / 1460 + yoe / 36524 - yoe / 146096) / 365;
    doy = (z - era * 146097) - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
    *m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

enum sst_code
sst_sigv4_amz_date(int64_t time, char out[SST_SIGV4_AMZ_DATE_LEN + 1],
                   struct sst_err *err)
{
    /* 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z */
    const int64_t lo = -62135596800LL, hi = 253402300799LL;
    int64_t days, secs, y;
    unsigned m, d;

    if (time < lo || time > hi) {
        out[0] = '\0';
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "time %lld is outside years 1 to 9999",
                           (long long)time);
    }
    days = time >= 0 ? time / 86400 : -((-time + 86399) / 86400);
    secs = time - days * 86400;
    civil_from_days(days, &y, &m, &d);
    put_digits(out, (unsigned)y, 4);
    put_digits(out + 4, m, 2);
    put_digits(out + 6, d, 2);
    out[8] = 'T';
    put_digits(out + 9, (unsigned)(secs / 3600), 2);
    put_digits(out + 11, (unsigned)(secs / 60 % 60), 2);
    put_digits(out + 13, (unsigned)(secs % 60), 2);
    out[15] = 'Z';
    out[16] = '\0';
    return SST_OK;
}

bool
sst_sigv4_int_is_amz_date(const char *s, size_t n)
{
    size_t i;

    if (n != SST_SIGV4_AMZ_DATE_LEN || s[8] != 'T' || s[15] != 'Z')
        return false;
    for (i = 0; i < 15; i++)
        if (i != 8 && (s[i] < '0' || s[i] > '9'))
            return false;
    return true;
}

static int
two_digits(const char *s)
{
    if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
        return -1;
    return (s[0] - '0') * 10 + (s[1] - '0');
}

/* An RFC 1123 date, "Sun, 06 Nov 1994 08:49:37 GMT", as an amz date. */
bool
sst_sigv4_int_rfc1123_to_amz(const char *s, size_t n,
                             char out[SST_SIGV4_AMZ_DATE_LEN + 1])
{
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    int day, year_hi, year_lo, hh, mm, ss, mon = -1, i;

    if (n != 29 || s[3] != ',' || s[4] != ' ' || s[7] != ' ' || s[11] != ' ' ||
        s[16] != ' ' || s[19] != ':' || s[22] != ':' ||
        memcmp(s + 25, " GMT", 4) != 0)
        return false;
    for (i = 0; i < 12; i++)
        if (memcmp(s + 8, months + 3 * i, 3) == 0)
            mon = i + 1;
    day = two_digits(s + 5);
    year_hi = two_digits(s + 12);
    year_lo = two_digits(s + 14);
    hh = two_digits(s + 17);
    mm = two_digits(s + 20);
    ss = two_digits(s + 23);
    if (mon < 0 || day < 1 || day > 31 || year_hi < 0 || year_lo < 0 ||
        hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 60)
        return false;
    put_digits(out, (unsigned)(year_hi * 100 + year_lo), 4);
    put_digits(out + 4, (unsigned)mon, 2);
    put_digits(out + 6, (unsigned)day, 2);
    out[8] = 'T';
    put_digits(out + 9, (unsigned)hh, 2);
    put_digits(out + 11, (unsigned)mm, 2);
    put_digits(out + 13, (unsigned)ss, 2);
    out[15] = 'Z';
    out[16] = '\0';
    return true;
}
