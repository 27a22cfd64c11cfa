/*
 * src/http/sigv4_int.h - what the files of the SigV4 implementation share:
 * the capped string builder, encoding and hashing helpers (sigv4_util.c),
 * the canonical request (sigv4_canon.c), for the signing stages (sigv4.c)
 * and the verifier (sigv4_verify.c). Internal to those files.
 */
#ifndef SST_HTTP_SIGV4_INT_H
#define SST_HTTP_SIGV4_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sst/err.h>

#include "http/sigv4.h"

/* ================================================================== */
/* capped string builder                                               */

/* A growing string that stops growing at SST_SIGV4_MAX_CANONICAL. Appends
 * after a failure are no-ops; sst_sigv4_int_buf_take() reports the first
 * failure. */
struct buf {
    char *p;
    size_t len;
    size_t cap;
    enum sst_code failed; /* SST_OK, SST_E_NOMEM or SST_E_INVALID_ARG */
};

bool sst_sigv4_int_buf_reserve(struct buf *b, size_t more);
void sst_sigv4_int_buf_add(struct buf *b, const char *s, size_t n);
void sst_sigv4_int_buf_adds(struct buf *b, const char *s);
void sst_sigv4_int_buf_cleanup(struct buf *b);
/* Hand the string to the caller, or report why it could not be built. */
enum sst_code sst_sigv4_int_buf_take(struct buf *b, char **out,
                                     const char *what, struct sst_err *err);

static inline void
buf_addc(struct buf *b, char c)
{
    sst_sigv4_int_buf_add(b, &c, 1);
}

/* ================================================================== */
/* encoding and hashing (sigv4_util.c)                                 */

static inline char
lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* RFC 3986 encoding as AWS uses it: unreserved bytes stay, every other
 * byte becomes %XX with upper-case hex. With keep_slash, '/' stays too. */
void sst_sigv4_int_add_encoded(struct buf *b, const char *s, size_t n,
                               bool keep_slash);
/* Decode %XX escapes of n bytes into out (which holds n bytes); a '%' not
 * followed by two hex digits stays as it is. Returns the decoded length. */
size_t sst_sigv4_int_pct_decode(const char *s, size_t n, char *out);
/* n bytes as lower-case hex into hex (2 n + 1 bytes). */
void sst_sigv4_int_to_hex(const unsigned char *d, size_t n, char *hex);
enum sst_code sst_sigv4_int_hmac_sha256(const void *key, size_t key_len,
                                        const void *data, size_t data_len,
                                        unsigned char out[SST_SIGV4_KEY_LEN],
                                        struct sst_err *err);

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
enum sst_code sst_sigv4_int_payload_hash_of(const struct sst_sigv4_request *req,
                                            char hex[SST_SIGV4_HEX_LEN + 1],
                                            const char **out,
                                            struct sst_err *err);

#endif
