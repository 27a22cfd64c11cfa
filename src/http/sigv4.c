/*
 * src/http/sigv4.c - AWS Signature Version 4: the signing stages.
 *
 * The HTTP backend calls sst_sigv4_sign() for every request; sst-emu calls
 * sst_sigv4_auth_parse() and sst_sigv4_verify() on the requests it
 * receives. Each stage of the algorithm is a function of its own (see
 * sigv4.h) so that tests compare every intermediate with the AWS vectors.
 * No I/O and no clock: the time is an input. OpenSSL does the hashing.
 *
 * Layout: this file holds the signing stages (canonical request, string
 * to sign, signing key, signature, Authorization header, sign);
 * sigv4_canon.c the canonical path, query and header block; sigv4_util.c
 * the string builder and the encoding, hashing and time helpers;
 * sigv4_verify.c the Authorization header parser and the verifier.
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
    if (has_token(creds) &&
        sst_sigv4_int_header_get(req, "X-Amz-Security-Token") != NULL)
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
    return sst_sigv4_int_build_canonical(
        req, extra, n, NULL, !(cfg->flags & SST_SIGV4_NO_PATH_NORMALIZE),
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
    sst_sigv4_int_buf_adds(&b, SST_SIGV4_ALGORITHM "\n");
    sst_sigv4_int_buf_adds(&b, amz_date);
    buf_addc(&b, '\n');
    sst_sigv4_int_buf_add(&b, amz_date, 8);
    buf_addc(&b, '/');
    sst_sigv4_int_buf_adds(&b, region);
    buf_addc(&b, '/');
    sst_sigv4_int_buf_adds(&b, service);
    sst_sigv4_int_buf_adds(&b, "/" SST_SIGV4_TERMINATOR "\n");
    sst_sigv4_int_buf_adds(&b, hash);
    return sst_sigv4_int_buf_take(&b, out, "string to sign", err);
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
    rc = sst_sigv4_int_hmac_sha256(seed, seed_len, date, 8, k, err);
    steps[0] = region;
    steps[1] = service;
    steps[2] = SST_SIGV4_TERMINATOR;
    for (i = 0; i < 3; i++)
        steps_len[i] = strlen(steps[i]);
    for (i = 0; rc == SST_OK && i < 3; i++)
        rc = sst_sigv4_int_hmac_sha256(k, sizeof k, steps[i], steps_len[i], k,
                                       err);
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
    rc = sst_sigv4_int_hmac_sha256(key, SST_SIGV4_KEY_LEN, string_to_sign,
                                   strlen(string_to_sign), mac, err);
    if (rc == SST_OK)
        sst_sigv4_int_to_hex(mac, sizeof mac, hex);
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
    sst_sigv4_int_buf_adds(&b, SST_SIGV4_ALGORITHM " Credential=");
    sst_sigv4_int_buf_adds(&b, access_key_id);
    buf_addc(&b, '/');
    sst_sigv4_int_buf_add(&b, date, 8);
    buf_addc(&b, '/');
    sst_sigv4_int_buf_adds(&b, region);
    buf_addc(&b, '/');
    sst_sigv4_int_buf_adds(&b, service);
    sst_sigv4_int_buf_adds(&b, "/" SST_SIGV4_TERMINATOR ", SignedHeaders=");
    sst_sigv4_int_buf_adds(&b, signed_headers);
    sst_sigv4_int_buf_adds(&b, ", Signature=");
    sst_sigv4_int_buf_adds(&b, signature);
    return sst_sigv4_int_buf_take(&b, out, "Authorization header", err);
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
    rc = sst_sigv4_int_build_canonical(
        req, extra, n_signed, NULL, !(cfg->flags & SST_SIGV4_NO_PATH_NORMALIZE),
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
