/*
 * src/http/sigv4_verify.c - the verifying half of SigV4, for sst-emu:
 * parsing an incoming Authorization header with AWS's messages, and
 * checking a request's signature against a secret (sigv4.h has the
 * contracts). The canonical form is the signing half's (sigv4_canon.c).
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
/* Authorization header parser                                         */

struct span {
    const char *p;
    size_t n;
    bool set;
};

static bool
is_sep(char c)
{
    return c == ',' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Refuse a header: set err (whose message may be truncated) and, when the
 * caller asked for it, hand out the whole message. */
static enum sst_code refuse(struct sst_err *err, char **message,
                            const char *fmt, ...) SST_PRINTF(3, 4);

static enum sst_code
refuse(struct sst_err *err, char **message, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    (void)sst_err_vset(err, SST_E_INCOMPLETE_SIGNATURE, fmt, ap);
    va_end(ap);
    if (message == NULL)
        return SST_E_INCOMPLETE_SIGNATURE;
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    *message = n >= 0 ? sst_malloc((size_t)n + 1) : NULL;
    if (*message == NULL)
        return sst_err_set(err, SST_E_NOMEM,
                           "out of memory refusing an Authorization header");
    va_start(ap, fmt);
    (void)vsnprintf(*message, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return SST_E_INCOMPLETE_SIGNATURE;
}

/* AWS lists what is missing, one sentence each, then echoes the header. */
static enum sst_code
missing_parts(const struct span *cred, const struct span *sig,
              const struct span *signed_h, bool have_date, const char *value,
              size_t len, char **message, struct sst_err *err)
{
    return refuse(err, message, "%s%s%s%sAuthorization=%.*s",
                  cred->set ? ""
                            : "Authorization header requires 'Credential' "
                              "parameter. ",
                  sig->set ? ""
                           : "Authorization header requires 'Signature' "
                             "parameter. ",
                  signed_h->set ? ""
                                : "Authorization header requires "
                                  "'SignedHeaders' parameter. ",
                  have_date
                      ? ""
                      : "Authorization header requires existence of either "
                        "a 'X-Amz-Date' or a 'Date' header. ",
                  (int)len, value);
}

/* Copy n bytes and a NUL to *p, advance *p, return the copy. */
static char *
put(char **p, const char *s, size_t n)
{
    char *r = *p;

    if (n > 0)
        memcpy(r, s, n);
    r[n] = '\0';
    *p += n + 1;
    return r;
}

enum sst_code
sst_sigv4_auth_parse(const char *value, size_t len, bool have_date,
                     struct sst_sigv4_auth **out, char **message,
                     struct sst_err *err)
{
    struct span alg = {0}, cred = {0}, sig = {0}, signed_h = {0};
    struct sst_sigv4_auth *a;
    const char *parts[5];
    size_t part_len[5], nparts = 0, i, total;
    char *p;

    if (message != NULL)
        *message = NULL;
    if (out == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG, "out is NULL");
    *out = NULL;
    if (value == NULL)
        return sst_err_set(err, SST_E_MISSING_AUTH, SST_SIGV4_MSG_MISSING_AUTH);
    /* A header value cannot hold a NUL; whatever follows one is ignored,
     * so that the parts are whole C strings. */
    len = strnlen(value, len);
    /* The first token is the algorithm; then key=value tokens separated by
     * commas and/or white space (AWS tolerates both). */
    i = 0;
    while (i < len && is_sep(value[i]))
        i++;
    alg.p = value + i;
    while (i < len && !is_sep(value[i]))
        i++;
    alg.n = (size_t)(value + i - alg.p);
    while (i < len) {
        const char *tok, *eq;
        size_t n;

        while (i < len && is_sep(value[i]))
            i++;
        if (i == len)
            break;
        tok = value + i;
        while (i < len && !is_sep(value[i]))
            i++;
        n = (size_t)(value + i - tok);
        eq = memchr(tok, '=', n);
        if (eq == NULL)
            return refuse(err, message,
                          "'%.*s' not a valid key=value pair (missing "
                          "equal-sign) in Authorization header: '%.*s'.",
                          (int)n, tok, (int)len, value);
        {
            struct span *slot = NULL;
            size_t kn = (size_t)(eq - tok);

            if (kn == 10 && memcmp(tok, "Credential", 10) == 0)
                slot = &cred;
            else if (kn == 9 && memcmp(tok, "Signature", 9) == 0)
                slot = &sig;
            else if (kn == 13 && memcmp(tok, "SignedHeaders", 13) == 0)
                slot = &signed_h;
            if (slot != NULL && !slot->set) {
                slot->p = eq + 1;
                slot->n = n - kn - 1;
                slot->set = true;
            }
        }
    }
    if (!cred.set || !sig.set || !signed_h.set || !have_date)
        return missing_parts(&cred, &sig, &signed_h, have_date, value, len,
                             message, err);
    if (alg.n != strlen(SST_SIGV4_ALGORITHM) ||
        memcmp(alg.p, SST_SIGV4_ALGORITHM, alg.n) != 0)
        return refuse(err, message,
                      "Unsupported AWS 'algorithm': '%.*s'. Authorization "
                      "header must start with '" SST_SIGV4_ALGORITHM "'",
                      (int)alg.n, alg.p);
    for (i = 0, parts[0] = cred.p; i < cred.n; i++) {
        if (cred.p[i] != '/')
            continue;
        if (nparts < 4)
            part_len[nparts] = (size_t)(cred.p + i - parts[nparts]);
        nparts++;
        if (nparts < 5)
            parts[nparts] = cred.p + i + 1;
    }
    if (nparts != 4)
        return refuse(err, message,
                      "Credential must have exactly 5 slash-delimited "
                      "elements, e.g. keyid/date/region/service/term, "
                      "got '%.*s'",
                      (int)cred.n, cred.p);
    part_len[4] = (size_t)(cred.p + cred.n - parts[4]);

    total = sizeof *a + alg.n + cred.n + sig.n + signed_h.n + 4 + cred.n + 5;
    a = sst_malloc(total);
    if (a == NULL)
        return sst_err_set(err, SST_E_NOMEM,
                           "out of memory parsing the Authorization header");
    p = (char *)(a + 1);
    a->algorithm = put(&p, alg.p, alg.n);
    a->credential = put(&p, cred.p, cred.n);
    a->access_key_id = put(&p, parts[0], part_len[0]);
    a->date = put(&p, parts[1], part_len[1]);
    a->region = put(&p, parts[2], part_len[2]);
    a->service = put(&p, parts[3], part_len[3]);
    a->terminator = put(&p, parts[4], part_len[4]);
    a->signed_headers = put(&p, signed_h.p, signed_h.n);
    a->signature = put(&p, sig.p, sig.n);
    *out = a;
    return SST_OK;
}

void
sst_sigv4_auth_free(struct sst_sigv4_auth *auth)
{
    sst_free(auth);
}

/* ================================================================== */
/* verifier                                                            */

static enum sst_code invalid(struct sst_err *err, const char *fmt, ...)
    SST_PRINTF(2, 3);

static enum sst_code
invalid(struct sst_err *err, const char *fmt, ...)
{
    va_list ap;
    enum sst_code rc;

    va_start(ap, fmt);
    rc = sst_err_vset(err, SST_E_INVALID_SIGNATURE, fmt, ap);
    va_end(ap);
    return rc;
}

/* The request date as "YYYYMMDDTHHMMSSZ": X-Amz-Date, else Date. */
static enum sst_code
request_date(const struct sst_sigv4_request *req,
             char out[SST_SIGV4_AMZ_DATE_LEN + 1], struct sst_err *err)
{
    const char *v = sst_sigv4_int_header_get(req, "X-Amz-Date");

    if (v != NULL) {
        size_t n = strlen(v);

        while (n > 0 && sst_sigv4_int_is_blank(v[n - 1]))
            n--;
        while (n > 0 && sst_sigv4_int_is_blank(*v))
            v++, n--;
        if (!sst_sigv4_int_is_amz_date(v, n))
            return invalid(err,
                           "X-Amz-Date header is not a YYYYMMDD'T'HHMMSS'Z' "
                           "date: '%s'",
                           v);
        memcpy(out, v, SST_SIGV4_AMZ_DATE_LEN);
        out[SST_SIGV4_AMZ_DATE_LEN] = '\0';
        return SST_OK;
    }
    v = sst_sigv4_int_header_get(req, "Date");
    if (v == NULL)
        return sst_err_set(err, SST_E_INCOMPLETE_SIGNATURE,
                           "Authorization header requires existence of "
                           "either a 'X-Amz-Date' or a 'Date' header.");
    if (!sst_sigv4_int_rfc1123_to_amz(v, strlen(v), out))
        return invalid(err, "Date header is not an RFC 1123 date: '%s'", v);
    return SST_OK;
}

static enum sst_code
check_scope(const struct sst_sigv4_auth *auth, const char *amz_date,
            const char *region, const char *service, struct sst_err *err)
{
    if (strcmp(auth->terminator, SST_SIGV4_TERMINATOR) != 0)
        return invalid(err,
                       "Credential should be scoped with a valid terminator: "
                       "'" SST_SIGV4_TERMINATOR "', not '%s'. ",
                       auth->terminator);
    if (region != NULL && strcmp(auth->region, region) != 0)
        return invalid(err,
                       "Credential should be scoped to a valid region, not "
                       "'%s'. ",
                       auth->region);
    if (service != NULL && strcmp(auth->service, service) != 0)
        return invalid(err,
                       "Credential should be scoped to correct service: "
                       "'%s'. ",
                       service);
    if (strlen(auth->date) != 8 || memcmp(auth->date, amz_date, 8) != 0)
        return invalid(err,
                       "Date in Credential scope does not match YYYYMMDD "
                       "from ISO-8601 version of date from HTTP: '%s' != "
                       "'%.8s', from '%s'.",
                       auth->date, amz_date, amz_date);
    return SST_OK;
}

enum sst_code
sst_sigv4_verify(const struct sst_sigv4_request *req,
                 const struct sst_sigv4_auth *auth, const char *secret,
                 const char *region, const char *service, struct sst_err *err)
{
    char amz_date[SST_SIGV4_AMZ_DATE_LEN + 1];
    char hash_hex[SST_SIGV4_HEX_LEN + 1];
    char sig[SST_SIGV4_HEX_LEN + 1];
    unsigned char key[SST_SIGV4_KEY_LEN];
    const char *payload_hash = NULL;
    char *canonical = NULL, *sts = NULL;
    bool same;
    enum sst_code rc;

    if (req == NULL || auth == NULL || secret == NULL || req->method == NULL ||
        (req->header_count > 0 && req->headers == NULL))
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "verify needs a request, its parsed "
                           "Authorization and a secret");
    memset(key, 0, sizeof key);
    rc = request_date(req, amz_date, err);
    if (rc != SST_OK)
        goto out;
    rc = check_scope(auth, amz_date, region, service, err);
    if (rc != SST_OK)
        goto out;
    rc = sst_sigv4_int_payload_hash_of(req, hash_hex, &payload_hash, err);
    if (rc != SST_OK)
        goto out;
    rc = sst_sigv4_int_build_canonical(req, NULL, 0, auth->signed_headers, true,
                                       payload_hash, &canonical, NULL, err);
    if (rc != SST_OK)
        goto out;
    rc = sst_sigv4_string_to_sign(canonical, amz_date, auth->region,
                                  auth->service, &sts, err);
    if (rc != SST_OK)
        goto out;
    rc = sst_sigv4_signing_key(secret, auth->date, auth->region, auth->service,
                               key, err);
    if (rc != SST_OK)
        goto out;
    rc = sst_sigv4_signature(key, sts, sig, err);
    if (rc != SST_OK)
        goto out;
    /* Compare in constant time; the length is public. */
    same = strlen(auth->signature) == SST_SIGV4_HEX_LEN &&
           CRYPTO_memcmp(auth->signature, sig, SST_SIGV4_HEX_LEN) == 0;
    if (!same)
        rc = invalid(err, "%s", SST_SIGV4_MSG_MISMATCH);
out:
    OPENSSL_cleanse(key, sizeof key);
    OPENSSL_cleanse(sig, sizeof sig);
    sst_free(sts);
    sst_free(canonical);
    return rc;
}
