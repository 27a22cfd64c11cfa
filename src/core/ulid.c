/*
 * src/core/ulid.c - ULID generation, encoding and parsing (see
 * include/sst/ulid.h and https://github.com/ulid/spec).
 */
#include <string.h>

#include <openssl/rand.h>

#include <sst/ulid.h>

static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* Crockford value of a character, or -1 (no I, L, O, U aliases). */
static int
decode_char(unsigned char c)
{
    if (c >= 'a' && c <= 'z')
        c = (unsigned char)(c - 'a' + 'A');
    if (c == 'I' || c == 'L' || c == 'O' || c == 'U')
        return -1;
    {
        const char *p = c ? strchr(alphabet, c) : NULL;
        return p ? (int)(p - alphabet) : -1;
    }
}

static enum sst_code
openssl_fill(void *ud, unsigned char *buf, size_t len, struct sst_err *err)
{
    (void)ud;
    if (len > 0x7fffffff || RAND_bytes(buf, (int)len) != 1)
        return sst_err_set(err, SST_E_INTERNAL,
                           "RAND_bytes failed to supply random bytes");
    return SST_OK;
}

void
sst_ulid_gen_init(struct sst_ulid_gen *g, const struct sst_clock *clock,
                  const struct sst_random *random)
{
    memset(g, 0, sizeof *g);
    if (clock != NULL)
        g->clock = *clock;
    if (random != NULL && random->fill != NULL)
        g->random = *random;
    else
        g->random.fill = openssl_fill;
    g->last_ms = -1;
}

enum sst_code
sst_ulid_encode(int64_t ms, const unsigned char *random,
                char out[SST_ULID_LEN + 1], struct sst_err *err)
{
    unsigned char b[16];
    int i, bit;

    out[0] = '\0';
    if (ms < 0 || ms > SST_ULID_MAX_MS)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "ULID time %lld ms is outside 0..2^48-1",
                           (long long)ms);
    for (i = 0; i < 6; i++)
        b[i] = (unsigned char)(ms >> (8 * (5 - i)));
    memcpy(b + 6, random, SST_ULID_RANDOM_BYTES);
    /* 130 bits of text for 128 of data: the first character carries the
     * top 3 bits, then 5 bits each, most significant first. */
    for (i = 0; i < SST_ULID_LEN; i++) {
        int v = 0, k;
        bit = i == 0 ? -2 : 3 + 5 * (i - 1);
        for (k = 0; k < 5; k++) {
            int pos = bit + k;
            v <<= 1;
            if (pos >= 0)
                v |= (b[pos / 8] >> (7 - pos % 8)) & 1;
        }
        out[i] = alphabet[v];
    }
    out[SST_ULID_LEN] = '\0';
    return SST_OK;
}

enum sst_code
sst_ulid_parse(const char *s, size_t len, int64_t *ms, unsigned char *random,
               struct sst_err *err)
{
    unsigned char b[16];
    size_t i;
    int64_t t = 0;

    if (s == NULL || len != SST_ULID_LEN)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "a ULID has 26 characters, not %zu",
                           s == NULL ? (size_t)0 : len);
    memset(b, 0, sizeof b);
    for (i = 0; i < SST_ULID_LEN; i++) {
        int v = decode_char((unsigned char)s[i]), k;
        if (v < 0)
            return sst_err_set(err, SST_E_INVALID_ARG,
                               "invalid ULID character at offset %zu", i);
        if (i == 0 && v > 7)
            return sst_err_set(err, SST_E_INVALID_ARG,
                               "ULID overflows 128 bits (first character "
                               "above 7)");
        for (k = 0; k < 5; k++) {
            int pos = (i == 0 ? -2 : 3 + 5 * ((int)i - 1)) + k;
            if (pos >= 0 && ((v >> (4 - k)) & 1))
                b[pos / 8] |= (unsigned char)(1u << (7 - pos % 8));
        }
    }
    for (i = 0; i < 6; i++)
        t = t << 8 | b[i];
    if (ms != NULL)
        *ms = t;
    if (random != NULL)
        memcpy(random, b + 6, SST_ULID_RANDOM_BYTES);
    return SST_OK;
}

/* Add one to a big-endian number; false when it wraps to zero. */
static bool
increment(unsigned char *r, size_t n)
{
    while (n-- > 0)
        if (++r[n] != 0)
            return true;
    return false;
}

enum sst_code
sst_ulid_gen_next(struct sst_ulid_gen *g, char out[SST_ULID_LEN + 1],
                  struct sst_err *err)
{
    unsigned char r[SST_ULID_RANDOM_BYTES];
    int64_t us = sst_clock_now_us(&g->clock), ms;
    enum sst_code rc;

    out[0] = '\0';
    if (us < 0)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "the clock reads before 1970; no ULID");
    ms = us / 1000;
    if (ms > SST_ULID_MAX_MS)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "the clock reads past the ULID range");
    if (g->last_ms >= 0 && ms <= g->last_ms) {
        /* monotonic: same (or earlier) millisecond, next random value */
        ms = g->last_ms;
        memcpy(r, g->last_random, sizeof r);
        if (!increment(r, sizeof r))
            return sst_err_set(err, SST_E_INVALID_ARG,
                               "ULID random part overflow within one "
                               "millisecond");
    } else {
        rc = g->random.fill(g->random.ud, r, sizeof r, err);
        if (rc != SST_OK)
            return rc;
    }
    rc = sst_ulid_encode(ms, r, out, err);
    if (rc != SST_OK)
        return rc;
    g->last_ms = ms;
    memcpy(g->last_random, r, sizeof r);
    return SST_OK;
}

/*
 * ulid-py's from_timestamp(dt): int(dt.timestamp() * 1000), in binary
 * floating point: dt.timestamp() is the correctly rounded quotient
 * us / 10^6, the product is rounded again, and int() truncates. So
 * 9999-12-31T23:59:59.999999 gives ...800000 ms, not ...799999. For
 * us < 2^53 (before the year 2255) the double quotient is exactly
 * Python's; beyond, long double stands in for Python's exact division.
 */
static int64_t
python_ms(int64_t us)
{
    double secs;

    if (us < (INT64_C(1) << 53))
        secs = (double)us / 1e6;
    else
        secs = (double)((long double)us / 1e6L);
    return (int64_t)(secs * 1000.0);
}

enum sst_code
sst_ulid_time_prefix(const struct sst_time *t,
                     char out[SST_ULID_TIME_LEN + 1], struct sst_err *err)
{
    static const unsigned char zero[SST_ULID_RANDOM_BYTES];
    char full[SST_ULID_LEN + 1];
    enum sst_code rc;

    out[0] = '\0';
    if (t->us < 0)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "no ULID prefix for a time before 1970");
    rc = sst_ulid_encode(python_ms(t->us), zero, full, err);
    if (rc != SST_OK)
        return rc;
    memcpy(out, full, SST_ULID_TIME_LEN);
    out[SST_ULID_TIME_LEN] = '\0';
    return SST_OK;
}
