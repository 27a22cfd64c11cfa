/*
 * src/http/sigv4_canon.c - the canonical request of AWS Signature Version
 * 4: the canonical path, the canonical query string and the canonical
 * header block (see sigv4.h and docs/sigv4.md).
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
            sst_sigv4_int_buf_add(b, path + i, j - i);
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
        sst_sigv4_int_add_encoded(b, path, len, true);
        return;
    }
    add_normalized_path(&tmp, path, len);
    if (tmp.failed != SST_OK)
        b->failed = tmp.failed;
    else
        sst_sigv4_int_add_encoded(b, tmp.p, tmp.len, true);
    sst_sigv4_int_buf_cleanup(&tmp);
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
    return sst_sigv4_int_buf_take(&b, out, "canonical path", err);
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
    size_t dn = sst_sigv4_int_pct_decode(s, n, scratch);

    sst_sigv4_int_add_encoded(b, scratch, dn, false);
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
    sst_sigv4_int_buf_add(&enc, "",
                          0); /* storage even when every name is empty */
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
        sst_sigv4_int_buf_add(b, enc.p + ps[i].koff, ps[i].klen);
        buf_addc(b, '=');
        sst_sigv4_int_buf_add(b, enc.p + ps[i].voff, ps[i].vlen);
    }
out:
    sst_free(scratch);
    sst_free(ps);
    sst_sigv4_int_buf_cleanup(&enc);
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
    return sst_sigv4_int_buf_take(&b, out, "canonical query", err);
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

    if (!sst_sigv4_int_buf_reserve(b, n))
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
        sst_sigv4_int_buf_adds(signed_list, only);
    }
    buf_addc(b, '\n');
    sst_sigv4_int_buf_add(b, signed_list->p != NULL ? signed_list->p : "",
                          signed_list->len);
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
                              const struct sst_sigv4_header *extra,
                              size_t extra_count, const char *only,
                              bool normalize, const char *payload_hash,
                              char **canonical, char **signed_headers,
                              struct sst_err *err)
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
    sst_sigv4_int_buf_adds(&b, req->method);
    buf_addc(&b, '\n');
    add_canonical_path(&b, req->path, req->path ? strlen(req->path) : 0,
                       normalize);
    buf_addc(&b, '\n');
    add_canonical_query(&b, req->query, req->query ? strlen(req->query) : 0);
    buf_addc(&b, '\n');
    add_header_block(&b, h, n, only, &list);
    sst_sigv4_int_buf_adds(&b, payload_hash);
    rc = sst_sigv4_int_buf_take(&b, canonical, "canonical request", err);
    if (rc == SST_OK && signed_headers != NULL) {
        rc = sst_sigv4_int_buf_take(&list, signed_headers, "signed header list",
                                    err);
        if (rc != SST_OK) {
            sst_free(*canonical);
            *canonical = NULL;
        }
    }
out:
    sst_sigv4_int_buf_cleanup(&b);
    sst_sigv4_int_buf_cleanup(&list);
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
