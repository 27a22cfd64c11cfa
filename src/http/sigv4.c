/*
 * src/http/sigv4.c - AWS Signature Version 4: signing and verifying.
 *
 * The HTTP backend calls sst_sigv4_sign() for every request; sst-emu calls
 * sst_sigv4_auth_parse() and sst_sigv4_verify() on the requests it
 * receives. Each stage of the algorithm is a function of its own (see
 * sigv4.h) so that tests compare every intermediate with the AWS vectors.
 * No I/O and no clock: the time is an input. OpenSSL does the hashing.
 *
 * Layout: a capped string builder; encoding and time helpers; the canonical
 * path, query and header block; the five signing stages; the Authorization
 * header parser and the verifier.
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

/* A growing string that stops growing at SST_SIGV4_MAX_CANONICAL. Appends
 * after a failure are no-ops; buf_take() reports the first failure. */
struct buf {
    char *p;
    size_t len;
    size_t cap;
    enum sst_code failed; /* SST_OK, SST_E_NOMEM or SST_E_INVALID_ARG */
};

static bool
buf_reserve(struct buf *b, size_t more)
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

static void
buf_add(struct buf *b, const char *s, size_t n)
{
    if (!buf_reserve(b, n))
        return;
    if (n > 0)
        memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void
buf_adds(struct buf *b, const char *s)
{
    buf_add(b, s, strlen(s));
}

static void
buf_addc(struct buf *b, char c)
{
    buf_add(b, &c, 1);
}

static void
buf_cleanup(struct buf *b)
{
    sst_free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

/* Hand the string to the caller, or report why it could not be built. */
static enum sst_code
buf_take(struct buf *b, char **out, const char *what, struct sst_err *err)
{
    *out = NULL;
    if (b->failed == SST_OK && b->p == NULL)
        buf_add(b, "", 0); /* an empty result is still a string */
    if (b->failed == SST_E_NOMEM) {
        buf_cleanup(b);
        return sst_err_set(err, SST_E_NOMEM, "out of memory building the %s",
                           what);
    }
    if (b->failed != SST_OK) {
        buf_cleanup(b);
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

static char
lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
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
static void
add_encoded(struct buf *b, const char *s, size_t n, bool keep_slash)
{
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        if (is_unreserved(c) || (keep_slash && c == '/')) {
            buf_addc(b, (char)c);
        } else {
            char e[3] = {'%', hexdig_upper[c >> 4], hexdig_upper[c & 15]};

            buf_add(b, e, 3);
        }
    }
}

/* Decode %XX escapes of n bytes into out (which holds n bytes); a '%' not
 * followed by two hex digits stays as it is. Returns the decoded length. */
static size_t
pct_decode(const char *s, size_t n, char *out)
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

static void
to_hex(const unsigned char *d, size_t n, char *hex)
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

static enum sst_code
hmac_sha256(const void *key, size_t key_len, const void *data, size_t data_len,
            unsigned char out[SST_SIGV4_KEY_LEN], struct sst_err *err)
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
    to_hex(md, 32, hex);
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
sst_sigv4_int_rfc1123_to_amz(const char *s, size_t n, char out[SST_SIGV4_AMZ_DATE_LEN + 1])
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

/* ================================================================== */
/* canonical path and query                                            */

/* The path with empty and "." segments dropped and ".." applied; always
 * starts with '/', keeps a trailing '/'. */
static void
add_normalized_path(struct buf *b, const char *path, size_t len)
{
    size_t start = b->len, i = 0;
    bool trailing = len > 0 && path[len - 1] == '/';

    while (i < len) {
        size_t j = i;

        while (j < len && path[j] != '/')
            j++;
        if (j - i == 2 && path[i] == '.' && path[i + 1] == '.') {
            /* ".." removes the last segment written so far */
            while (b->len > start && b->p[b->len - 1] != '/')
                b->len--;
            if (b->len > start)
                b->len--;
            if (b->p != NULL)
                b->p[b->len] = '\0';
        } else if (j > i && !(j - i == 1 && path[i] == '.')) {
            buf_addc(b, '/');
            buf_add(b, path + i, j - i);
        }
        i = j + 1;
    }
    if (b->len == start || trailing)
        buf_addc(b, '/');
}

static void
add_canonical_path(struct buf *b, const char *path, size_t len, bool normalize)
{
    struct buf tmp = {0};

    if (len == 0) {
        buf_addc(b, '/');
        return;
    }
    if (!normalize) {
        if (path[0] != '/')
            buf_addc(b, '/'); /* a canonical URI is absolute */
        add_encoded(b, path, len, true);
        return;
    }
    add_normalized_path(&tmp, path, len);
    if (tmp.failed != SST_OK)
        b->failed = tmp.failed;
    else
        add_encoded(b, tmp.p, tmp.len, true);
    buf_cleanup(&tmp);
}

enum sst_code
sst_sigv4_canonical_path(const char *path, size_t len, bool normalize,
                         char **out, struct sst_err *err)
{
    struct buf b = {0};

    if (out == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG, "out is NULL");
    *out = NULL;
    if (path == NULL && len > 0)
        return sst_err_set(err, SST_E_INVALID_ARG, "path is NULL");
    add_canonical_path(&b, path, len, normalize);
    return buf_take(&b, out, "canonical path", err);
}

struct qparam {
    size_t koff, klen, voff, vlen; /* offsets into the encoded buffer */
    const char *base;
};

static int
cmp_bytes(const char *a, size_t an, const char *b, size_t bn)
{
    int c = memcmp(a, b, an < bn ? an : bn);

    if (c != 0)
        return c;
    return an < bn ? -1 : an > bn;
}

/* AWS: sort by encoded name, then by encoded value, byte-wise. */
static int
cmp_qparam(const void *x, const void *y)
{
    const struct qparam *a = x, *b = y;
    int c = cmp_bytes(a->base + a->koff, a->klen, b->base + b->koff, b->klen);

    if (c != 0)
        return c;
    return cmp_bytes(a->base + a->voff, a->vlen, b->base + b->voff, b->vlen);
}

/* Append one name or value, decoded then encoded. */
static void
add_reencoded(struct buf *b, const char *s, size_t n, char *scratch)
{
    size_t dn = pct_decode(s, n, scratch);

    add_encoded(b, scratch, dn, false);
}

static void
add_canonical_query(struct buf *b, const char *q, size_t len)
{
    struct buf enc = {0};
    struct qparam *ps = NULL;
    char *scratch = NULL;
    size_t count = 0, i, n = 0;

    if (q == NULL || len == 0)
        return;
    for (i = 0; i < len; i++)
        count += q[i] == '&';
    count++;
    ps = sst_calloc(count, sizeof *ps);
    scratch = sst_malloc(len);
    buf_add(&enc, "", 0); /* storage even when every name is empty */
    if (ps == NULL || scratch == NULL) {
        b->failed = SST_E_NOMEM;
        goto out;
    }
    for (i = 0; i <= len;) {
        size_t j = i, eq;

        while (j < len && q[j] != '&')
            j++;
        if (j > i) {
            eq = i;
            while (eq < j && q[eq] != '=')
                eq++;
            ps[n].koff = enc.len;
            add_reencoded(&enc, q + i, eq - i, scratch);
            ps[n].klen = enc.len - ps[n].koff;
            ps[n].voff = enc.len;
            if (eq < j)
                add_reencoded(&enc, q + eq + 1, j - eq - 1, scratch);
            ps[n].vlen = enc.len - ps[n].voff;
            n++;
        }
        i = j + 1;
    }
    if (enc.failed != SST_OK) {
        b->failed = enc.failed;
        goto out;
    }
    for (i = 0; i < n; i++)
        ps[i].base = enc.p;
    qsort(ps, n, sizeof *ps, cmp_qparam);
    for (i = 0; i < n; i++) {
        if (i > 0)
            buf_addc(b, '&');
        buf_add(b, enc.p + ps[i].koff, ps[i].klen);
        buf_addc(b, '=');
        buf_add(b, enc.p + ps[i].voff, ps[i].vlen);
    }
out:
    sst_free(scratch);
    sst_free(ps);
    buf_cleanup(&enc);
}

enum sst_code
sst_sigv4_canonical_query(const char *query, size_t len, char **out,
                          struct sst_err *err)
{
    struct buf b = {0};

    if (out == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG, "out is NULL");
    *out = NULL;
    if (query == NULL && len > 0)
        return sst_err_set(err, SST_E_INVALID_ARG, "query is NULL");
    add_canonical_query(&b, query, len);
    return buf_take(&b, out, "canonical query", err);
}

/* ================================================================== */
/* canonical headers                                                   */

struct hdr {
    const char *name;
    size_t name_len;
    const char *value;
    size_t index; /* original position: repeated headers keep their order */
};

static int
cmp_name_ci(const char *a, size_t an, const char *b, size_t bn)
{
    size_t i, n = an < bn ? an : bn;

    for (i = 0; i < n; i++) {
        unsigned char ca = (unsigned char)lower(a[i]);
        unsigned char cb = (unsigned char)lower(b[i]);

        if (ca != cb)
            return ca < cb ? -1 : 1;
    }
    return an < bn ? -1 : an > bn;
}

static int
cmp_hdr(const void *x, const void *y)
{
    const struct hdr *a = x, *b = y;
    int c = cmp_name_ci(a->name, a->name_len, b->name, b->name_len);

    if (c != 0)
        return c;
    return a->index < b->index ? -1 : a->index > b->index;
}

static void
add_lower(struct buf *b, const char *s, size_t n)
{
    size_t i;

    if (!buf_reserve(b, n))
        return;
    for (i = 0; i < n; i++)
        b->p[b->len + i] = lower(s[i]);
    b->len += n;
    b->p[b->len] = '\0';
}

/* A header value as AWS canonicalises it: every line trimmed, runs of
 * blanks squeezed to one space, empty lines dropped, lines joined with
 * commas. *first says whether nothing has been written for this header yet
 * (repeated headers are joined with commas too). */
static void
add_canonical_value(struct buf *b, const char *v, bool *first)
{
    while (*v != '\0') {
        const char *eol = strchr(v, '\n');
        const char *end = eol != NULL ? eol : v + strlen(v);
        const char *s = v, *e = end;

        while (s < e && sst_sigv4_int_is_blank(*s))
            s++;
        while (e > s && sst_sigv4_int_is_blank(e[-1]))
            e--;
        if (s < e) {
            bool in_blank = false;

            if (!*first)
                buf_addc(b, ',');
            *first = false;
            for (; s < e; s++) {
                if (sst_sigv4_int_is_blank(*s)) {
                    if (!in_blank)
                        buf_addc(b, ' ');
                    in_blank = true;
                } else {
                    buf_addc(b, *s);
                    in_blank = false;
                }
            }
        }
        v = eol != NULL ? eol + 1 : end;
    }
}

/* Index of the first header named name (case-insensitive) in the sorted
 * array, or n. */
static size_t
find_first(const struct hdr *h, size_t n, const char *name, size_t len)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (cmp_name_ci(h[mid].name, h[mid].name_len, name, len) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void
add_header_line(struct buf *b, const struct hdr *h, size_t n, size_t at,
                const char *name, size_t name_len)
{
    bool first = true;

    add_lower(b, name, name_len);
    buf_addc(b, ':');
    for (;
         at < n && cmp_name_ci(h[at].name, h[at].name_len, name, name_len) == 0;
         at++)
        add_canonical_value(b, h[at].value, &first);
    buf_addc(b, '\n');
}

/*
 * The header block of the canonical request, "name:value\n" lines, a blank
 * line and the signed-header list, over h (sorted here). With only == NULL
 * every header is signed and the list is built; otherwise only the headers
 * named in the ';'-separated list only are written, in its order, and the
 * list is copied as it is (the verifier's case).
 */
static void
add_header_block(struct buf *b, struct hdr *h, size_t n, const char *only,
                 struct buf *signed_list)
{
    size_t i;

    qsort(h, n, sizeof *h, cmp_hdr);
    if (only == NULL) {
        for (i = 0; i < n; i++) {
            if (i > 0 && cmp_name_ci(h[i - 1].name, h[i - 1].name_len,
                                     h[i].name, h[i].name_len) == 0)
                continue;
            add_header_line(b, h, n, i, h[i].name, h[i].name_len);
            if (signed_list->len > 0)
                buf_addc(signed_list, ';');
            add_lower(signed_list, h[i].name, h[i].name_len);
        }
    } else {
        const char *s = only;

        while (*s != '\0') {
            const char *e = strchr(s, ';');
            size_t len = e != NULL ? (size_t)(e - s) : strlen(s);

            if (len > 0)
                add_header_line(b, h, n, find_first(h, n, s, len), s, len);
            s += len + (e != NULL);
        }
        buf_adds(signed_list, only);
    }
    buf_addc(b, '\n');
    buf_add(b, signed_list->p != NULL ? signed_list->p : "", signed_list->len);
    buf_addc(b, '\n');
}

static bool
name_is(const char *name, const char *want)
{
    size_t n = strlen(name);

    return cmp_name_ci(name, n, want, strlen(want)) == 0;
}

const char *
sst_sigv4_int_header_get(const struct sst_sigv4_request *req, const char *name)
{
    size_t i;

    for (i = 0; i < req->header_count; i++)
        if (req->headers[i].name != NULL && name_is(req->headers[i].name, name))
            return req->headers[i].value;
    return NULL;
}

/*
 * The whole canonical request: method, canonical path, canonical query,
 * header block and payload hash. extra holds headers the signer adds.
 */
enum sst_code
sst_sigv4_int_build_canonical(const struct sst_sigv4_request *req,
                const struct sst_sigv4_header *extra, size_t extra_count,
                const char *only, bool normalize, const char *payload_hash,
                char **canonical, char **signed_headers, struct sst_err *err)
{
    struct buf b = {0}, list = {0};
    struct hdr *h = NULL;
    size_t n = 0, i;
    enum sst_code rc;

    *canonical = NULL;
    if (signed_headers != NULL)
        *signed_headers = NULL;
    h = sst_calloc(req->header_count + extra_count + 1, sizeof *h);
    if (h == NULL) {
        rc = sst_err_set(err, SST_E_NOMEM,
                         "out of memory building the canonical request");
        goto out;
    }
    for (i = 0; i < req->header_count + extra_count; i++) {
        const struct sst_sigv4_header *src =
            i < req->header_count ? &req->headers[i]
                                  : &extra[i - req->header_count];

        if (src->name == NULL || src->value == NULL) {
            rc = sst_err_set(err, SST_E_INVALID_ARG,
                             "header %zu has a NULL name or value", i);
            goto out;
        }
        h[n].name = src->name;
        h[n].name_len = strlen(src->name);
        h[n].value = src->value;
        h[n].index = i;
        n++;
    }
    buf_adds(&b, req->method);
    buf_addc(&b, '\n');
    add_canonical_path(&b, req->path, req->path ? strlen(req->path) : 0,
                       normalize);
    buf_addc(&b, '\n');
    add_canonical_query(&b, req->query, req->query ? strlen(req->query) : 0);
    buf_addc(&b, '\n');
    add_header_block(&b, h, n, only, &list);
    buf_adds(&b, payload_hash);
    rc = buf_take(&b, canonical, "canonical request", err);
    if (rc == SST_OK && signed_headers != NULL) {
        rc = buf_take(&list, signed_headers, "signed header list", err);
        if (rc != SST_OK) {
            sst_free(*canonical);
            *canonical = NULL;
        }
    }
out:
    buf_cleanup(&b);
    buf_cleanup(&list);
    sst_free(h);
    return rc;
}

/* The payload hash a request asks for: its own, or the body's SHA-256. */
enum sst_code
sst_sigv4_int_payload_hash_of(const struct sst_sigv4_request *req,
                char hex[SST_SIGV4_HEX_LEN + 1], const char **out,
                struct sst_err *err)
{
    enum sst_code rc;

    if (req->payload_hash != NULL) {
        *out = req->payload_hash;
        return SST_OK;
    }
    if (req->payload == NULL && req->payload_len > 0)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "payload is NULL but payload_len is %zu",
                           req->payload_len);
    rc = sst_sigv4_sha256_hex(req->payload, req->payload_len, hex, err);
    *out = hex;
    return rc;
}

/* ================================================================== */
/* signing stages                                                      */

static bool
has_token(const struct sst_sigv4_credentials *creds)
{
    return creds != NULL && creds->session_token != NULL &&
           creds->session_token[0] != '\0';
}

/* The headers sst_sigv4_sign() adds, the ones that go into the signature
 * first. Returns how many of extra[] to sign. */
static size_t
signer_headers(const struct sst_sigv4_credentials *creds,
               const struct sst_sigv4_config *cfg, const char *amz_date,
               const char *payload_hash, struct sst_sigv4_header extra[3])
{
    size_t n = 0;

    extra[n++] = (struct sst_sigv4_header){"X-Amz-Date", amz_date};
    if (has_token(creds) && !(cfg->flags & SST_SIGV4_OMIT_SESSION_TOKEN))
        extra[n++] = (struct sst_sigv4_header){"X-Amz-Security-Token",
                                               creds->session_token};
    if (cfg->flags & SST_SIGV4_CONTENT_SHA256)
        extra[n++] =
            (struct sst_sigv4_header){"x-amz-content-sha256", payload_hash};
    return n;
}

static enum sst_code
check_request(const struct sst_sigv4_request *req,
              const struct sst_sigv4_credentials *creds,
              const struct sst_sigv4_config *cfg, struct sst_err *err)
{
    static const char *const owned[] = {"Authorization", "X-Amz-Date"};
    size_t i;

    if (req == NULL || cfg == NULL || req->method == NULL ||
        req->method[0] == '\0')
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "request, method or config is missing");
    if (req->header_count > 0 && req->headers == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "headers is NULL but header_count is %zu",
                           req->header_count);
    for (i = 0; i < sizeof owned / sizeof owned[0]; i++)
        if (sst_sigv4_int_header_get(req, owned[i]) != NULL)
            return sst_err_set(err, SST_E_INVALID_ARG,
                               "the request already has %s; the signer "
                               "adds it",
                               owned[i]);
    if (has_token(creds) && sst_sigv4_int_header_get(req, "X-Amz-Security-Token") != NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "the request already has X-Amz-Security-Token; "
                           "the signer adds it");
    if ((cfg->flags & SST_SIGV4_CONTENT_SHA256) &&
        sst_sigv4_int_header_get(req, "x-amz-content-sha256") != NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "the request already has x-amz-content-sha256; "
                           "the signer adds it");
    return SST_OK;
}

enum sst_code
sst_sigv4_canonical_request(const struct sst_sigv4_request *req,
                            const struct sst_sigv4_credentials *creds,
                            const struct sst_sigv4_config *cfg,
                            char **canonical, char **signed_headers,
                            struct sst_err *err)
{
    char amz_date[SST_SIGV4_AMZ_DATE_LEN + 1];
    char hash_hex[SST_SIGV4_HEX_LEN + 1];
    struct sst_sigv4_header extra[3];
    const char *payload_hash = NULL;
    size_t n;
    enum sst_code rc;

    if (canonical == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG, "canonical is NULL");
    *canonical = NULL;
    if (signed_headers != NULL)
        *signed_headers = NULL;
    rc = check_request(req, creds, cfg, err);
    if (rc != SST_OK)
        return rc;
    rc = sst_sigv4_amz_date(cfg->time, amz_date, err);
    if (rc != SST_OK)
        return rc;
    rc = sst_sigv4_int_payload_hash_of(req, hash_hex, &payload_hash, err);
    if (rc != SST_OK)
        return rc;
    n = signer_headers(creds, cfg, amz_date, payload_hash, extra);
    return sst_sigv4_int_build_canonical(req, extra, n, NULL,
                           !(cfg->flags & SST_SIGV4_NO_PATH_NORMALIZE),
                           payload_hash, canonical, signed_headers, err);
}

enum sst_code
sst_sigv4_string_to_sign(const char *canonical, const char *amz_date,
                         const char *region, const char *service, char **out,
                         struct sst_err *err)
{
    char hash[SST_SIGV4_HEX_LEN + 1];
    struct buf b = {0};
    enum sst_code rc;

    if (out == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG, "out is NULL");
    *out = NULL;
    if (canonical == NULL || amz_date == NULL || region == NULL ||
        service == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "string to sign needs the canonical request, "
                           "date, region and service");
    if (strlen(amz_date) != SST_SIGV4_AMZ_DATE_LEN)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "'%s' is not a YYYYMMDDTHHMMSSZ date", amz_date);
    rc = sst_sigv4_sha256_hex(canonical, strlen(canonical), hash, err);
    if (rc != SST_OK)
        return rc;
    buf_adds(&b, SST_SIGV4_ALGORITHM "\n");
    buf_adds(&b, amz_date);
    buf_addc(&b, '\n');
    buf_add(&b, amz_date, 8);
    buf_addc(&b, '/');
    buf_adds(&b, region);
    buf_addc(&b, '/');
    buf_adds(&b, service);
    buf_adds(&b, "/" SST_SIGV4_TERMINATOR "\n");
    buf_adds(&b, hash);
    return buf_take(&b, out, "string to sign", err);
}

enum sst_code
sst_sigv4_signing_key(const char *secret, const char *date, const char *region,
                      const char *service, unsigned char key[SST_SIGV4_KEY_LEN],
                      struct sst_err *err)
{
    const char *steps[3];
    size_t steps_len[3];
    unsigned char k[SST_SIGV4_KEY_LEN];
    char *seed = NULL;
    size_t seed_len, i;
    enum sst_code rc;

    if (secret == NULL || date == NULL || region == NULL || service == NULL ||
        key == NULL || strlen(date) < 8)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "signing key needs a secret, YYYYMMDD date, "
                           "region and service");
    seed_len = 4 + strlen(secret);
    seed = sst_malloc(seed_len);
    if (seed == NULL)
        return sst_err_set(err, SST_E_NOMEM,
                           "out of memory deriving the signing key");
    memcpy(seed, "AWS4", 4);
    memcpy(seed + 4, secret, seed_len - 4);
    rc = hmac_sha256(seed, seed_len, date, 8, k, err);
    steps[0] = region;
    steps[1] = service;
    steps[2] = SST_SIGV4_TERMINATOR;
    for (i = 0; i < 3; i++)
        steps_len[i] = strlen(steps[i]);
    for (i = 0; rc == SST_OK && i < 3; i++)
        rc = hmac_sha256(k, sizeof k, steps[i], steps_len[i], k, err);
    if (rc == SST_OK)
        memcpy(key, k, sizeof k);
    OPENSSL_cleanse(k, sizeof k);
    OPENSSL_cleanse(seed, seed_len);
    sst_free(seed);
    return rc;
}

enum sst_code
sst_sigv4_signature(const unsigned char key[SST_SIGV4_KEY_LEN],
                    const char *string_to_sign, char hex[SST_SIGV4_HEX_LEN + 1],
                    struct sst_err *err)
{
    unsigned char mac[SST_SIGV4_KEY_LEN];
    enum sst_code rc;

    if (key == NULL || string_to_sign == NULL || hex == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "signature needs a key and a string to sign");
    rc = hmac_sha256(key, SST_SIGV4_KEY_LEN, string_to_sign,
                     strlen(string_to_sign), mac, err);
    if (rc == SST_OK)
        to_hex(mac, sizeof mac, hex);
    return rc;
}

enum sst_code
sst_sigv4_authorization(const char *access_key_id, const char *date,
                        const char *region, const char *service,
                        const char *signed_headers, const char *signature,
                        char **out, struct sst_err *err)
{
    struct buf b = {0};

    if (out == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG, "out is NULL");
    *out = NULL;
    if (access_key_id == NULL || date == NULL || strlen(date) < 8 ||
        region == NULL || service == NULL || signed_headers == NULL ||
        signature == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "Authorization needs a key id, YYYYMMDD date, "
                           "region, service, signed headers and signature");
    buf_adds(&b, SST_SIGV4_ALGORITHM " Credential=");
    buf_adds(&b, access_key_id);
    buf_addc(&b, '/');
    buf_add(&b, date, 8);
    buf_addc(&b, '/');
    buf_adds(&b, region);
    buf_addc(&b, '/');
    buf_adds(&b, service);
    buf_adds(&b, "/" SST_SIGV4_TERMINATOR ", SignedHeaders=");
    buf_adds(&b, signed_headers);
    buf_adds(&b, ", Signature=");
    buf_adds(&b, signature);
    return buf_take(&b, out, "Authorization header", err);
}

/* Pack the added headers into one allocation. */
static enum sst_code
pack_headers(const struct sst_sigv4_header *h, size_t n,
             struct sst_sigv4_headers **out, struct sst_err *err)
{
    struct sst_sigv4_headers *hs;
    size_t total = sizeof *hs, i;
    char *p;

    for (i = 0; i < n; i++)
        total += strlen(h[i].name) + strlen(h[i].value) + 2;
    hs = sst_malloc(total);
    if (hs == NULL)
        return sst_err_set(err, SST_E_NOMEM,
                           "out of memory returning the signed headers");
    memset(hs, 0, sizeof *hs);
    p = (char *)(hs + 1);
    for (i = 0; i < n; i++) {
        size_t nl = strlen(h[i].name) + 1, vl = strlen(h[i].value) + 1;

        memcpy(p, h[i].name, nl);
        hs->items[i].name = p;
        p += nl;
        memcpy(p, h[i].value, vl);
        hs->items[i].value = p;
        p += vl;
    }
    hs->count = n;
    *out = hs;
    return SST_OK;
}

enum sst_code
sst_sigv4_sign(const struct sst_sigv4_request *req,
               const struct sst_sigv4_credentials *creds,
               const struct sst_sigv4_config *cfg,
               struct sst_sigv4_headers **out, struct sst_err *err)
{
    char amz_date[SST_SIGV4_AMZ_DATE_LEN + 1];
    char hash_hex[SST_SIGV4_HEX_LEN + 1];
    char sig[SST_SIGV4_HEX_LEN + 1];
    unsigned char key[SST_SIGV4_KEY_LEN];
    struct sst_sigv4_header extra[3], added[4];
    const char *payload_hash = NULL;
    char *canonical = NULL, *signed_headers = NULL, *sts = NULL;
    char *authz = NULL;
    size_t n_signed, n = 0;
    enum sst_code rc;

    if (out == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG, "out is NULL");
    *out = NULL;
    if (creds == NULL || creds->access_key_id == NULL ||
        creds->secret_access_key == NULL || cfg == NULL ||
        cfg->region == NULL || cfg->service == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "signing needs credentials, region and service");
    rc = check_request(req, creds, cfg, err);
    if (rc != SST_OK)
        goto out;
    rc = sst_sigv4_amz_date(cfg->time, amz_date, err);
    if (rc != SST_OK)
        goto out;
    rc = sst_sigv4_int_payload_hash_of(req, hash_hex, &payload_hash, err);
    if (rc != SST_OK)
        goto out;
    n_signed = signer_headers(creds, cfg, amz_date, payload_hash, extra);
    rc = sst_sigv4_int_build_canonical(req, extra, n_signed, NULL,
                         !(cfg->flags & SST_SIGV4_NO_PATH_NORMALIZE),
                         payload_hash, &canonical, &signed_headers, err);
    if (rc != SST_OK)
        goto out;
    rc = sst_sigv4_string_to_sign(canonical, amz_date, cfg->region,
                                  cfg->service, &sts, err);
    if (rc != SST_OK)
        goto out;
    rc = sst_sigv4_signing_key(creds->secret_access_key, amz_date, cfg->region,
                               cfg->service, key, err);
    if (rc != SST_OK)
        goto out;
    rc = sst_sigv4_signature(key, sts, sig, err);
    if (rc != SST_OK)
        goto out;
    rc =
        sst_sigv4_authorization(creds->access_key_id, amz_date, cfg->region,
                                cfg->service, signed_headers, sig, &authz, err);
    if (rc != SST_OK)
        goto out;
    /* The token is sent even when SST_SIGV4_OMIT_SESSION_TOKEN left it out
     * of the signature. */
    added[n++] = (struct sst_sigv4_header){"X-Amz-Date", amz_date};
    if (has_token(creds))
        added[n++] = (struct sst_sigv4_header){"X-Amz-Security-Token",
                                               creds->session_token};
    if (cfg->flags & SST_SIGV4_CONTENT_SHA256)
        added[n++] =
            (struct sst_sigv4_header){"x-amz-content-sha256", payload_hash};
    added[n++] = (struct sst_sigv4_header){"Authorization", authz};
    rc = pack_headers(added, n, out, err);
out:
    OPENSSL_cleanse(key, sizeof key);
    sst_free(authz);
    sst_free(sts);
    sst_free(signed_headers);
    sst_free(canonical);
    return rc;
}

void
sst_sigv4_headers_free(struct sst_sigv4_headers *h)
{
    sst_free(h);
}

