/*
 * src/http/sigv4_int.h - what the signing half (sigv4.c) lends the
 * verifying half (sigv4_verify.c). Internal to those two files.
 */
#ifndef SST_HTTP_SIGV4_INT_H
#define SST_HTTP_SIGV4_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <sst/err.h>

#include "http/sigv4.h"

/* A blank of a header value (space, tab). */
bool sst_sigv4_int_is_blank(char c);

/* Whether s (n bytes) is a "YYYYMMDDTHHMMSSZ" timestamp. */
bool sst_sigv4_int_is_amz_date(const char *s, size_t n);

/* An RFC 1123 Date header value as "YYYYMMDDTHHMMSSZ"; false when it
 * cannot be read. */
bool sst_sigv4_int_rfc1123_to_amz(const char *s, size_t n,
                                  char out[SST_SIGV4_AMZ_DATE_LEN + 1]);

/* The value of a request header (case-insensitive name), or NULL. */
const char *sst_sigv4_int_header_get(const struct sst_sigv4_request *req,
                                     const char *name);

/* The canonical request over req's headers plus extra ones; when only is
 * not NULL, over the headers it lists (';'-separated) instead. */
enum sst_code sst_sigv4_int_build_canonical(
    const struct sst_sigv4_request *req, const struct sst_sigv4_header *extra,
    size_t extra_count, const char *only, bool normalize,
    const char *payload_hash, char **canonical, char **signed_headers,
    struct sst_err *err);

/* The payload hash of req: its given hash, or the SHA-256 of its payload
 * written into hex; *out points at the one in use. */
enum sst_code sst_sigv4_int_payload_hash_of(
    const struct sst_sigv4_request *req, char hex[SST_SIGV4_HEX_LEN + 1],
    const char **out, struct sst_err *err);

#endif
