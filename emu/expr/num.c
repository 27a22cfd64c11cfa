/*
 * emu/expr/num.c - DynamoDB numbers: parse, print, compare, add, size and
 * key encoding, exact, on GMP.
 *
 * The parser follows java.math.BigDecimal(String), which is what DynamoDB
 * runs, then DynamoDB's own precision and range checks. Everything the
 * parser counts is held in int64_t and checked against Java's int limits,
 * so no input overflows it. See num.h for the representation.
 */
#include <limits.h>
#include <stdbool.h>
#include <string.h>

#include "emu/expr/num.h"

/* ------------------------------------------------------------------ helpers */

/* Zeros of the runs of ten decimal digits (Unicode category Nd) in the
 * Basic Multilingual Plane. Java's Character.digit(c, 10), used by
 * BigDecimal, accepts each of them; DynamoDB parses "١٢" as 12. Digits
 * outside the BMP are surrogate pairs in Java and are refused. */
static const unsigned digit_zeros[] = {
    0x0030, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6,
    0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66, 0x0DE6, 0x0E50, 0x0ED0,
    0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80,
    0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900,
    0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
};

/* The decimal digit at s (up to len bytes), its value 0-9, with its UTF-8
 * width in *w; or -1 when s does not start with a decimal digit. */
static int
digit_at(const unsigned char *s, size_t len, size_t *w)
{
    unsigned cp;
    size_t i;

    if (s[0] < 0x80) {
        *w = 1;
        return s[0] >= '0' && s[0] <= '9' ? s[0] - '0' : -1;
    }
    if (s[0] >= 0xC2 && s[0] <= 0xDF && len >= 2 && (s[1] & 0xC0) == 0x80) {
        cp = ((unsigned)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
        *w = 2;
    } else if ((s[0] & 0xF0) == 0xE0 && len >= 3 && (s[1] & 0xC0) == 0x80 &&
               (s[2] & 0xC0) == 0x80) {
        cp = ((unsigned)(s[0] & 0x0F) << 12) | ((unsigned)(s[1] & 0x3F) << 6) |
             (s[2] & 0x3F);
        if (cp < 0x800)
            return -1; /* overlong */
        *w = 3;
    } else {
        return -1;
    }
    for (i = 0; i < sizeof digit_zeros / sizeof digit_zeros[0]; i++)
        if (cp >= digit_zeros[i] && cp < digit_zeros[i] + 10)
            return (int)(cp - digit_zeros[i]);
    return -1;
}

/* floor(a / 2) for any sign. */
static int64_t
floor_half(int64_t a)
{
    return a >= 0 ? a / 2 : -((-a + 1) / 2);
}

static void
set_zero(struct sst_num *n)
{
    n->sign = 0;
    n->exp = 0;
    n->digits = 0;
    mpz_set_ui(n->coef, 0);
}

/* Exact number of decimal digits of c > 0 (mpz_sizeinbase may say one
 * too many). */
static int
count_digits(const mpz_t c)
{
    size_t n = mpz_sizeinbase(c, 10);
    mpz_t p;

    if (n > 1) {
        mpz_init(p);
        mpz_ui_pow_ui(p, 10, (unsigned long)(n - 1));
        if (mpz_cmp(c, p) < 0)
            n--;
        mpz_clear(p);
    }
    return (int)n;
}

/*
 * Turn a signed coefficient and exponent into a normalised number in n,
 * or report DynamoDB's error for it (precision first, then range) and
 * leave n alone. c is consumed (its value is undefined afterwards).
 */
static enum sst_code
normalise_into(struct sst_num *n, mpz_t c, int64_t exp, struct sst_err *err)
{
    mpz_t ten;
    int64_t adj;
    int sign = mpz_sgn(c);
    int digits;

    if (sign == 0) {
        set_zero(n);
        return SST_OK;
    }
    mpz_abs(c, c);
    mpz_init_set_ui(ten, 10);
    exp += (int64_t)mpz_remove(c, c, ten);
    mpz_clear(ten);
    digits = count_digits(c);
    if (digits > SST_NUM_MAX_DIGITS)
        return sst_err_set(err, SST_E_VALIDATION, SST_NUM_MSG_PRECISION);
    adj = exp + digits - 1;
    if (adj > SST_NUM_MAX_ADJ_EXP)
        return sst_err_set(err, SST_E_VALIDATION, SST_NUM_MSG_OVERFLOW);
    if (adj < SST_NUM_MIN_ADJ_EXP)
        return sst_err_set(err, SST_E_VALIDATION, SST_NUM_MSG_UNDERFLOW);
    n->sign = sign;
    n->exp = (int)exp;
    n->digits = digits;
    mpz_swap(n->coef, c);
    return SST_OK;
}

/* ---------------------------------------------------------------- lifecycle */

void
sst_num_init(struct sst_num *n)
{
    n->sign = 0;
    n->exp = 0;
    n->digits = 0;
    mpz_init(n->coef);
}

void
sst_num_cleanup(struct sst_num *n)
{
    if (n != NULL)
        mpz_clear(n->coef);
}

void
sst_num_copy(struct sst_num *dst, const struct sst_num *src)
{
    if (dst == src)
        return;
    dst->sign = src->sign;
    dst->exp = src->exp;
    dst->digits = src->digits;
    mpz_set(dst->coef, src->coef);
}

void
sst_num_set_i64(struct sst_num *n, int64_t v)
{
    /* The magnitude as unsigned: negating INT64_MIN is undefined. */
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    mpz_t c;

    mpz_init(c);
    mpz_import(c, 1, 1, sizeof mag, 0, 0, &mag);
    if (v < 0)
        mpz_neg(c, c);
    /* At most 19 digits and exponent 0 to 18: always in range. */
    (void)normalise_into(n, c, 0, NULL);
    mpz_clear(c);
}

/* ------------------------------------------------------------------ parsing */

/* What a scan of the text found; see sst_num_parse. */
struct scan {
    bool neg;
    int64_t ndig;     /* mantissa digits                               */
    int64_t nfrac;    /* of which after the point                      */
    int64_t first;    /* index of the first non-zero digit, or -1      */
    int64_t last;     /* index of the last non-zero digit              */
    bool too_precise; /* a non-zero digit 38 or more after the first   */
    int64_t exp;      /* the written exponent                          */
    char sig[SST_NUM_MAX_DIGITS + 1]; /* digits first..first+37, ASCII  */
};

/* The mantissa: digits with at most one point. Returns the offset where
 * it ends, or (size_t)-1 when there is no digit or a second point. */
static size_t
scan_mantissa(const unsigned char *s, size_t len, size_t i, struct scan *sc)
{
    bool dot = false;

    while (i < len) {
        size_t w;
        int d;

        if (s[i] == '.') {
            if (dot)
                return (size_t)-1;
            dot = true;
            i++;
            continue;
        }
        d = digit_at(s + i, len - i, &w);
        if (d < 0)
            break;
        i += w;
        if (d != 0) {
            if (sc->first < 0)
                sc->first = sc->ndig;
            else if (sc->ndig - sc->first >= SST_NUM_MAX_DIGITS)
                sc->too_precise = true;
            sc->last = sc->ndig;
        }
        if (sc->first >= 0 && sc->ndig - sc->first < SST_NUM_MAX_DIGITS)
            sc->sig[sc->ndig - sc->first] = (char)('0' + d);
        sc->ndig++;
        if (dot)
            sc->nfrac++;
    }
    return sc->ndig > 0 ? i : (size_t)-1;
}

/* The exponent after 'e': [+|-] digits to the end of the text. Like
 * BigDecimal, at most 10 digits after leading zeros, and the value must
 * fit Java's int. Returns false when it is not an exponent. */
static bool
scan_exponent(const unsigned char *s, size_t len, size_t i, struct scan *sc)
{
    bool neg = false, any = false;
    int sig = 0;
    int64_t v = 0;

    if (i < len && (s[i] == '+' || s[i] == '-')) {
        neg = s[i] == '-';
        i++;
    }
    while (i < len) {
        size_t w;
        int d = digit_at(s + i, len - i, &w);

        if (d < 0)
            return false;
        i += w;
        any = true;
        if (sig == 0 && d == 0)
            continue;
        if (++sig > 10)
            return false;
        v = v * 10 + d;
    }
    if (!any)
        return false;
    v = neg ? -v : v;
    if (v < INT_MIN || v > INT_MAX)
        return false;
    sc->exp = v;
    return true;
}

enum sst_code
sst_num_parse(struct sst_num *n, const char *str, size_t len,
              struct sst_err *err)
{
    const unsigned char *s = (const unsigned char *)str;
    struct scan sc;
    size_t i = 0;
    int64_t nsig, exp;
    mpz_t c;

    memset(&sc, 0, sizeof sc);
    sc.first = -1;
    if (len > INT_MAX) /* longer than any Java string */
        return sst_err_set(err, SST_E_VALIDATION, SST_NUM_MSG_NAN);
    if (i < len && (s[i] == '+' || s[i] == '-')) {
        sc.neg = s[i] == '-';
        i++;
    }
    i = scan_mantissa(s, len, i, &sc);
    if (i == (size_t)-1)
        return sst_err_set(err, SST_E_VALIDATION, SST_NUM_MSG_NAN);
    if (i < len) {
        if ((s[i] != 'e' && s[i] != 'E') || !scan_exponent(s, len, i + 1, &sc))
            return sst_err_set(err, SST_E_VALIDATION, SST_NUM_MSG_NAN);
    }
    /* BigDecimal's scale (digits after the point minus the exponent) must
     * fit an int too; it is checked only when an exponent is present. */
    if (sc.exp != 0 &&
        (sc.nfrac - sc.exp > INT_MAX || sc.nfrac - sc.exp < INT_MIN))
        return sst_err_set(err, SST_E_VALIDATION, SST_NUM_MSG_NAN);
    if (sc.first < 0) { /* zero, whatever its sign, scale and exponent */
        set_zero(n);
        return SST_OK;
    }
    if (sc.too_precise)
        return sst_err_set(err, SST_E_VALIDATION, SST_NUM_MSG_PRECISION);
    nsig = sc.last - sc.first + 1;
    sc.sig[nsig] = '\0';
    /* value = sig * 10^(trailing digits after the last non-zero one
     *                   - digits after the point + written exponent) */
    exp = (sc.ndig - 1 - sc.last) - sc.nfrac + sc.exp;
    if (exp + nsig - 1 > SST_NUM_MAX_ADJ_EXP)
        return sst_err_set(err, SST_E_VALIDATION, SST_NUM_MSG_OVERFLOW);
    if (exp + nsig - 1 < SST_NUM_MIN_ADJ_EXP)
        return sst_err_set(err, SST_E_VALIDATION, SST_NUM_MSG_UNDERFLOW);
    /* sig runs from the first non-zero digit to the last: it is already
     * the normalised coefficient (no factor of ten to remove, nsig
     * digits), so normalise_into's GMP work is skipped. Up to 19 digits
     * fit an unsigned long: no string conversion either. This was half
     * the cost of decoding a number. */
    if (nsig <= 19) {
        unsigned long v = 0;
        int64_t k;

        for (k = 0; k < nsig; k++)
            v = v * 10 + (unsigned long)(sc.sig[k] - '0');
        mpz_set_ui(n->coef, v);
    } else {
        mpz_init_set_str(c, sc.sig, 10);
        mpz_swap(n->coef, c);
        mpz_clear(c);
    }
    n->sign = sc.neg ? -1 : 1;
    n->exp = (int)exp;
    n->digits = (int)nsig;
    return SST_OK;
}

/* ----------------------------------------------------------------- printing */

/* The decimal digits of n's coefficient (> 0) into buf (at least
 * SST_NUM_MAX_DIGITS + 2 bytes), NUL-terminated; returns how many. A
 * coefficient that fits an unsigned long (19 digits and more) is
 * converted here: mpz_get_str costs some three hundred instructions even
 * for "5", and every PutItem prints and key-encodes its numbers. */
static size_t
coef_digits(const struct sst_num *n, char *buf)
{
    char rev[24];
    unsigned long v;
    size_t k = 0, i;

    if (!mpz_fits_ulong_p(n->coef)) {
        mpz_get_str(buf, 10, n->coef);
        return strlen(buf);
    }
    v = mpz_get_ui(n->coef);
    do {
        rev[k++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    for (i = 0; i < k; i++)
        buf[i] = rev[k - 1 - i];
    buf[k] = '\0';
    return k;
}

size_t
sst_num_to_str(const struct sst_num *n, char *buf, size_t size)
{
    char digits[SST_NUM_MAX_DIGITS + 2];
    char out[SST_NUM_STR_MAX];
    size_t len = 0, d, k;

    if (n->sign == 0) {
        out[len++] = '0';
    } else {
        d = coef_digits(n, digits);
        if (n->sign < 0)
            out[len++] = '-';
        if (n->exp >= 0) {
            memcpy(out + len, digits, d);
            len += d;
            for (k = 0; k < (size_t)n->exp; k++)
                out[len++] = '0';
        } else if (d > (size_t)-n->exp) {
            size_t whole = d - (size_t)-n->exp;

            memcpy(out + len, digits, whole);
            len += whole;
            out[len++] = '.';
            memcpy(out + len, digits + whole, d - whole);
            len += d - whole;
        } else {
            out[len++] = '0';
            out[len++] = '.';
            for (k = 0; k < (size_t)-n->exp - d; k++)
                out[len++] = '0';
            memcpy(out + len, digits, d);
            len += d;
        }
    }
    if (size > 0) {
        size_t m = len < size - 1 ? len : size - 1;

        memcpy(buf, out, m);
        buf[m] = '\0';
    }
    return len;
}

/* ------------------------------------------------------------------ compare */

/* Compare |a| and |b|, both non-zero. */
static int
cmp_magnitude(const struct sst_num *a, const struct sst_num *b)
{
    int adj_a = a->exp + a->digits - 1, adj_b = b->exp + b->digits - 1;
    mpz_t t;
    int r;

    if (adj_a != adj_b)
        return adj_a < adj_b ? -1 : 1;
    /* Same leading position: scale the one with fewer digits (the larger
     * exponent) to the other's exponent; the shift is under 38. */
    if (a->exp == b->exp) {
        r = mpz_cmp(a->coef, b->coef);
    } else {
        mpz_init(t);
        if (a->exp > b->exp) {
            mpz_ui_pow_ui(t, 10, (unsigned long)(a->exp - b->exp));
            mpz_mul(t, t, a->coef);
            r = mpz_cmp(t, b->coef);
        } else {
            mpz_ui_pow_ui(t, 10, (unsigned long)(b->exp - a->exp));
            mpz_mul(t, t, b->coef);
            r = -mpz_cmp(t, a->coef);
        }
        mpz_clear(t);
    }
    return (r > 0) - (r < 0);
}

int
sst_num_cmp(const struct sst_num *a, const struct sst_num *b)
{
    if (a->sign != b->sign)
        return a->sign < b->sign ? -1 : 1;
    if (a->sign == 0)
        return 0;
    return a->sign * cmp_magnitude(a, b);
}

/* --------------------------------------------------------------- arithmetic */

/* The signed coefficient of a scaled to exponent e <= a->exp, into t. */
static void
scaled(mpz_t t, const struct sst_num *a, int e)
{
    mpz_ui_pow_ui(t, 10, (unsigned long)(a->exp - e));
    mpz_mul(t, t, a->coef);
    if (a->sign < 0)
        mpz_neg(t, t);
}

static enum sst_code
add_signed(struct sst_num *r, const struct sst_num *a, const struct sst_num *b,
           bool subtract, struct sst_err *err)
{
    int e = a->exp < b->exp ? a->exp : b->exp;
    enum sst_code rc;
    mpz_t x, y;

    /* A zero's exponent is 0 by convention: it must not pull the common
     * exponent down, nor can it change the sum. */
    if (b->sign == 0) {
        sst_num_copy(r, a);
        return SST_OK;
    }
    if (a->sign == 0)
        e = b->exp;
    mpz_init(x);
    mpz_init(y);
    if (a->sign != 0)
        scaled(x, a, e);
    scaled(y, b, e);
    if (subtract)
        mpz_sub(x, x, y);
    else
        mpz_add(x, x, y);
    rc = normalise_into(r, x, e, err);
    mpz_clear(y);
    mpz_clear(x);
    return rc;
}

enum sst_code
sst_num_add(struct sst_num *r, const struct sst_num *a, const struct sst_num *b,
            struct sst_err *err)
{
    return add_signed(r, a, b, false, err);
}

enum sst_code
sst_num_sub(struct sst_num *r, const struct sst_num *a, const struct sst_num *b,
            struct sst_err *err)
{
    return add_signed(r, a, b, true, err);
}

/* --------------------------------------------------------------------- size */

size_t
sst_num_size(const struct sst_num *n)
{
    int64_t lo, hi;

    if (n->sign == 0)
        return 1;
    lo = n->exp;
    hi = (int64_t)n->exp + n->digits - 1;
    return (size_t)(1 + (floor_half(hi) - floor_half(lo) + 1) +
                    (n->sign < 0 ? 1 : 0));
}

/* ---------------------------------------------------------------- key codec */

#define KEY_NEG 0x01
#define KEY_ZERO 0x02
#define KEY_POS 0x03

/* Write the key bytes of a number from its significant digits (ASCII,
 * the first and last non-zero), sign and adjusted exponent. */
static size_t
key_from_digits(const char *digits, size_t d, int sign, int adj,
                unsigned char *out)
{
    unsigned char nib[SST_NUM_MAX_DIGITS + 2];
    size_t k, nn, len = 0;

    out[len++] = sign > 0 ? KEY_POS : KEY_NEG;
    out[len++] = (unsigned char)(sign > 0 ? adj - SST_NUM_MIN_ADJ_EXP
                                          : SST_NUM_MAX_ADJ_EXP - adj);
    for (k = 0; k < d; k++) {
        unsigned v = (unsigned)(digits[k] - '0') + 1;

        nib[k] = (unsigned char)(sign > 0 ? v : 15 - v);
    }
    nib[d] = sign > 0 ? 0 : 15; /* end */
    nib[d + 1] = nib[d];        /* padding */
    nn = (d + 2) / 2 * 2;       /* nibbles written, even */
    for (k = 0; k < nn; k += 2)
        out[len++] = (unsigned char)(nib[k] << 4 | nib[k + 1]);
    return len;
}

size_t
sst_num_key_encode(const struct sst_num *n, unsigned char *out)
{
    char digits[SST_NUM_MAX_DIGITS + 2];
    size_t d;

    if (n->sign == 0) {
        out[0] = KEY_ZERO;
        return 1;
    }
    d = coef_digits(n, digits);
    return key_from_digits(digits, d, n->sign, n->exp + (int)d - 1, out);
}

size_t
sst_num_key_encode_text(const char *s, size_t len, unsigned char *out)
{
    char digits[SST_NUM_FAST_TEXT_MAX];
    size_t i = 0, nd = 0, whole = 0, first, last;
    bool dot = false;
    int sign = 1, adj;

    if (len == 0 || len > SST_NUM_FAST_TEXT_MAX)
        return 0;
    if (s[0] == '+' || s[0] == '-') {
        sign = s[0] == '-' ? -1 : 1;
        i++;
    }
    for (; i < len; i++) {
        if (s[i] >= '0' && s[i] <= '9') {
            digits[nd++] = s[i];
            whole += !dot;
        } else if (s[i] == '.' && !dot) {
            dot = true;
        } else {
            return 0; /* an exponent, a second point, not ASCII, ... */
        }
    }
    if (nd == 0)
        return 0; /* "", "+", ".": not a number, for the slow path to say */
    for (first = 0; first < nd && digits[first] == '0'; first++)
        ;
    if (first == nd) { /* zero, whatever its sign and scale */
        out[0] = KEY_ZERO;
        return 1;
    }
    for (last = nd - 1; digits[last] == '0'; last--)
        ;
    if (last - first + 1 > SST_NUM_MAX_DIGITS)
        return 0; /* DynamoDB's precision error, for the slow path */
    /* The most significant digit's power of ten. Under 40 digits it is
     * always inside DynamoDB's range. */
    adj = (int)whole - 1 - (int)first;
    return key_from_digits(digits + first, last - first + 1, sign, adj, out);
}

enum sst_code
sst_num_key_decode(struct sst_num *n, const unsigned char *buf, size_t len,
                   size_t *used, struct sst_err *err)
{
    char digits[SST_NUM_MAX_DIGITS + 1];
    size_t d = 0, pos = 2;
    unsigned end, pad;
    int sign, adj;
    mpz_t c;

    if (len >= 1 && buf[0] == KEY_ZERO) {
        set_zero(n);
        if (used)
            *used = 1;
        return SST_OK;
    }
    if (len < 3 || (buf[0] != KEY_POS && buf[0] != KEY_NEG))
        goto bad;
    sign = buf[0] == KEY_POS ? 1 : -1;
    adj =
        sign > 0 ? buf[1] + SST_NUM_MIN_ADJ_EXP : SST_NUM_MAX_ADJ_EXP - buf[1];
    end = sign > 0 ? 0 : 15;
    for (;;) {
        unsigned nibs[2], k;

        if (pos >= len)
            goto bad;
        nibs[0] = buf[pos] >> 4;
        nibs[1] = buf[pos] & 0x0F;
        pos++;
        for (k = 0; k < 2; k++) {
            unsigned v = sign > 0 ? nibs[k] : 15 - nibs[k];

            if (nibs[k] == end) {
                /* The end: after at least one digit, the last non-zero,
                 * and padded with the end nibble. */
                pad = k == 0 ? nibs[1] : end;
                if (d == 0 || digits[d - 1] == '0' || pad != end)
                    goto bad;
                goto done;
            }
            if (v < 1 || v > 10 || d == SST_NUM_MAX_DIGITS ||
                (d == 0 && v == 1))
                goto bad;
            digits[d++] = (char)('0' + v - 1);
        }
    }
done:
    digits[d] = '\0';
    mpz_init_set_str(c, digits, 10);
    n->sign = sign;
    n->exp = adj - (int)d + 1;
    n->digits = (int)d;
    mpz_swap(n->coef, c);
    mpz_clear(c);
    if (used)
        *used = pos;
    return SST_OK;
bad:
    return sst_err_set(err, SST_E_INVALID_ARG, "malformed number key");
}
