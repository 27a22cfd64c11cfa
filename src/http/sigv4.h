/*
 * src/http/sigv4.h - AWS Signature Version 4 as pure functions.
 *
 * The HTTP backend signs every request it sends with these functions, and
 * sst-emu uses the verifying half to check the signatures of the requests it
 * receives. Nothing here does I/O or reads a clock: the time is a value the
 * caller passes in. Hashing is OpenSSL's (SHA-256 through EVP_Digest,
 * HMAC-SHA256 through HMAC()).
 *
 * Signing runs in stages, and each stage is a function of its own whose
 * output the caller owns, so tests can hold every intermediate against the
 * AWS test vectors:
 *
 *   request + credentials + config
 *     -> sst_sigv4_canonical_request()    canonical request, signed headers
 *     -> sst_sigv4_string_to_sign()       "AWS4-HMAC-SHA256\n<date>\n..."
 *     -> sst_sigv4_signing_key()          the kDate/kRegion/kService chain
 *     -> sst_sigv4_signature()            hex HMAC of the string to sign
 *     -> sst_sigv4_authorization()        the Authorization header value
 *
 * sst_sigv4_sign() runs them all and returns the headers to add. The
 * verifying side parses an incoming Authorization header with
 * sst_sigv4_auth_parse() and checks it with sst_sigv4_verify().
 *
 * Canonicalisation follows AWS: each path segment is URI-encoded (RFC 3986
 * unreserved characters stay, everything else becomes %XX with upper-case
 * hex); for services other than S3 the path is first normalised (empty and
 * "." segments dropped, ".." removes the segment before it); query
 * parameters are decoded, re-encoded and sorted by encoded name, then
 * encoded value; header names are lower-cased; values are trimmed, runs of
 * blanks become one space, the lines of a multi-line value and the values of
 * a repeated header are joined with commas; the signed headers are sorted.
 *
 * This header is internal: it is not installed.
 */
#ifndef SST_HTTP_SIGV4_H
#define SST_HTTP_SIGV4_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sst/err.h>

#define SST_SIGV4_ALGORITHM "AWS4-HMAC-SHA256"
#define SST_SIGV4_TERMINATOR "aws4_request"
/* Hex SHA-256 of the empty string: the payload hash of a request without a
 * body. */
#define SST_SIGV4_EMPTY_SHA256                                                 \
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define SST_SIGV4_UNSIGNED_PAYLOAD "UNSIGNED-PAYLOAD"

#define SST_SIGV4_AMZ_DATE_LEN 16 /* "20150830T123600Z"                 */
#define SST_SIGV4_HEX_LEN 64      /* a hex SHA-256 or HMAC-SHA256       */
#define SST_SIGV4_KEY_LEN 32      /* a binary signing key               */

/* Longest canonical request either side builds; a request whose canonical
 * form would be longer is refused (SST_E_INVALID_ARG). */
#define SST_SIGV4_MAX_CANONICAL (1024 * 1024)

/* The messages AWS answers with, kept in one place for sst-emu. */
#define SST_SIGV4_MSG_MISSING_AUTH "Request is missing Authentication Token"
#define SST_SIGV4_MSG_UNKNOWN_KEY                                              \
    "The security token included in the request is invalid."
#define SST_SIGV4_MSG_MISMATCH                                                 \
    "The request signature we calculated does not match the signature you "    \
    "provided. Check your AWS Secret Access Key and signing method. "          \
    "Consult the service documentation for details."

/** One HTTP header; both strings are borrowed and NUL-terminated. */
struct sst_sigv4_header {
    const char *name;
    const char *value;
};

/**
 * The request to sign or to verify. All pointers are borrowed.
 *
 * path is the absolute path without the query, e.g. "/". When signing, give
 * it unencoded ("/example space/"): the canonical form encodes it. When
 * verifying, give it as it came off the wire: AWS services other than S3
 * sign the already encoded path once more, and so does this code. NULL or
 * "" stands for "/".
 *
 * query is the raw query string without the '?', or NULL. Its names and
 * values may be percent-encoded or not; both give the same canonical form.
 *
 * The payload hash is payload_hash when it is not NULL (a hex SHA-256, or
 * "UNSIGNED-PAYLOAD"), otherwise the SHA-256 of the payload_len bytes at
 * payload (payload may be NULL when payload_len is 0).
 */
struct sst_sigv4_request {
    const char *method;
    const char *path;
    const char *query;
    const struct sst_sigv4_header *headers;
    size_t header_count;
    const void *payload;
    size_t payload_len;
    const char *payload_hash;
};

/** Credentials; borrowed. session_token is NULL or "" when there is none. */
struct sst_sigv4_credentials {
    const char *access_key_id;
    const char *secret_access_key;
    const char *session_token;
};

enum sst_sigv4_flag {
    /* S3 style: do not normalise the path (keep ".", ".." and "//"). */
    SST_SIGV4_NO_PATH_NORMALIZE = 1u << 0,
    /* Sign and send x-amz-content-sha256 with the payload hash. */
    SST_SIGV4_CONTENT_SHA256 = 1u << 1,
    /* Send X-Amz-Security-Token but leave it out of the signature (the
     * "header after" convention some services use). */
    SST_SIGV4_OMIT_SESSION_TOKEN = 1u << 2
};

/** What a signature is made for; borrowed. */
struct sst_sigv4_config {
    const char *region;  /* "us-east-1"                              */
    const char *service; /* "dynamodb"                               */
    int64_t time;        /* seconds since 1970-01-01T00:00:00Z       */
    unsigned flags;      /* enum sst_sigv4_flag values, or-ed         */
};

/**
 * The headers sst_sigv4_sign() asks the caller to add, in this order:
 * X-Amz-Date, X-Amz-Security-Token (when the credentials carry a token),
 * x-amz-content-sha256 (with SST_SIGV4_CONTENT_SHA256), Authorization.
 * Names and values point into the same allocation; free it with
 * sst_sigv4_headers_free().
 */
struct sst_sigv4_headers {
    size_t count;
    struct sst_sigv4_header items[4];
};

/**
 * Format a time as an ISO 8601 basic timestamp, "YYYYMMDDTHHMMSSZ".
 *
 * @param[in]  time  seconds since the epoch, UTC; years 1 to 9999
 * @param[out] out   receives 16 characters and a NUL
 * @return SST_OK, SST_E_INVALID_ARG (time out of range)
 */
enum sst_code sst_sigv4_amz_date(int64_t time,
                                 char out[SST_SIGV4_AMZ_DATE_LEN + 1],
                                 struct sst_err *err);

/**
 * Hex SHA-256 of len bytes (lower-case), as used for payload hashes.
 *
 * @param[in]  data  may be NULL when len is 0
 * @param[out] hex   receives 64 characters and a NUL
 * @return SST_OK, SST_E_INTERNAL (OpenSSL failed)
 */
enum sst_code sst_sigv4_sha256_hex(const void *data, size_t len,
                                   char hex[SST_SIGV4_HEX_LEN + 1],
                                   struct sst_err *err);

/**
 * Stage 1: the canonical request, over the request's own headers plus the
 * ones the signer adds: X-Amz-Date (from cfg->time), X-Amz-Security-Token
 * when creds carry a token (unless SST_SIGV4_OMIT_SESSION_TOKEN), and
 * x-amz-content-sha256 with SST_SIGV4_CONTENT_SHA256.
 *
 * @param[in]  req             the request; must not already carry
 *                             Authorization or X-Amz-Date, nor the headers
 *                             the signer is about to add
 * @param[in]  creds           only session_token is read; may be NULL
 * @param[in]  cfg             time and flags are read
 * @param[out] canonical       on SST_OK a new string (sst_free); else NULL
 * @param[out] signed_headers  optional; on SST_OK a new string such as
 *                             "host;x-amz-date" (sst_free); else NULL
 * @return SST_OK, SST_E_INVALID_ARG (missing method, a header the signer
 *         owns already present, canonical form over SST_SIGV4_MAX_CANONICAL),
 *         SST_E_NOMEM, SST_E_INTERNAL (OpenSSL failed)
 */
enum sst_code
sst_sigv4_canonical_request(const struct sst_sigv4_request *req,
                            const struct sst_sigv4_credentials *creds,
                            const struct sst_sigv4_config *cfg,
                            char **canonical, char **signed_headers,
                            struct sst_err *err);

/**
 * Stage 2: the string to sign,
 * "AWS4-HMAC-SHA256\n<amz_date>\n<date>/<region>/<service>/aws4_request\n"
 * followed by the hex SHA-256 of the canonical request; <date> is the first
 * eight characters of amz_date.
 *
 * @param[in]  canonical  from sst_sigv4_canonical_request(); borrowed
 * @param[in]  amz_date   "YYYYMMDDTHHMMSSZ"
 * @param[out] out        on SST_OK a new string (sst_free); else NULL
 * @return SST_OK, SST_E_INVALID_ARG (NULL input, amz_date not 16 chars),
 *         SST_E_NOMEM, SST_E_INTERNAL
 */
enum sst_code sst_sigv4_string_to_sign(const char *canonical,
                                       const char *amz_date, const char *region,
                                       const char *service, char **out,
                                       struct sst_err *err);

/**
 * Stage 3: the signing key, HMAC("AWS4" + secret, date) -> region ->
 * service -> "aws4_request".
 *
 * @param[in]  date  "YYYYMMDD" (only the first eight characters are used)
 * @param[out] key   receives the 32-byte key (the caller's buffer)
 * @return SST_OK, SST_E_INVALID_ARG (NULL input), SST_E_NOMEM,
 *         SST_E_INTERNAL
 */
enum sst_code sst_sigv4_signing_key(const char *secret, const char *date,
                                    const char *region, const char *service,
                                    unsigned char key[SST_SIGV4_KEY_LEN],
                                    struct sst_err *err);

/**
 * Stage 4: the signature, the lower-case hex HMAC-SHA256 of the string to
 * sign under the signing key.
 *
 * @param[out] hex  receives 64 characters and a NUL
 * @return SST_OK, SST_E_INVALID_ARG (NULL input), SST_E_INTERNAL
 */
enum sst_code sst_sigv4_signature(const unsigned char key[SST_SIGV4_KEY_LEN],
                                  const char *string_to_sign,
                                  char hex[SST_SIGV4_HEX_LEN + 1],
                                  struct sst_err *err);

/**
 * Stage 5: the Authorization header value,
 * "AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request,
 * SignedHeaders=<signed_headers>, Signature=<signature>".
 *
 * @param[in]  date  "YYYYMMDD" (only the first eight characters are used)
 * @param[out] out   on SST_OK a new string (sst_free); else NULL
 * @return SST_OK, SST_E_INVALID_ARG (NULL input), SST_E_NOMEM
 */
enum sst_code sst_sigv4_authorization(const char *access_key_id,
                                      const char *date, const char *region,
                                      const char *service,
                                      const char *signed_headers,
                                      const char *signature, char **out,
                                      struct sst_err *err);

/**
 * Sign a request: all five stages, returning the headers to add.
 *
 * @param[out] out  on SST_OK a new header set (sst_sigv4_headers_free);
 *                  else NULL
 * @return SST_OK, SST_E_INVALID_ARG (as sst_sigv4_canonical_request(), or
 *         missing credentials, region or service), SST_E_NOMEM,
 *         SST_E_INTERNAL
 */
enum sst_code sst_sigv4_sign(const struct sst_sigv4_request *req,
                             const struct sst_sigv4_credentials *creds,
                             const struct sst_sigv4_config *cfg,
                             struct sst_sigv4_headers **out,
                             struct sst_err *err);

/** Free a header set from sst_sigv4_sign(); NULL is a no-op. */
void sst_sigv4_headers_free(struct sst_sigv4_headers *h);

/* ------------------------------------------------------- verifying side */

/**
 * The parts of an "AWS4-HMAC-SHA256 Credential=AKID/DATE/REGION/SERVICE/
 * aws4_request, SignedHeaders=a;b, Signature=hex" header. Every string is
 * owned by the struct (one allocation); free with sst_sigv4_auth_free().
 */
struct sst_sigv4_auth {
    char *algorithm;     /* "AWS4-HMAC-SHA256"                    */
    char *credential;    /* the whole Credential value            */
    char *access_key_id; /* its five parts                        */
    char *date;
    char *region;
    char *service;
    char *terminator;     /* "aws4_request"                        */
    char *signed_headers; /* "host;x-amz-date"                     */
    char *signature;      /* as sent                               */
};

/**
 * Parse an Authorization header value, answering a malformed one as AWS
 * does (SST_E_INCOMPLETE_SIGNATURE with AWS's message):
 *
 *   - a parameter without '=':  "'<token>' not a valid key=value pair
 *     (missing equal-sign) in Authorization header: '<value>'."
 *   - missing parameters: one sentence per missing one, "Authorization
 *     header requires 'Credential' parameter. " (then 'Signature',
 *     'SignedHeaders'), "Authorization header requires existence of either
 *     a 'X-Amz-Date' or a 'Date' header. " when have_date is false, then
 *     "Authorization=<value>";
 *   - a Credential that is not five slash-separated parts: "Credential must
 *     have exactly 5 slash-delimited elements, e.g.
 *     keyid/date/region/service/term, got '<credential>'".
 *
 * These messages echo the header and so may not fit in struct sst_err,
 * which truncates them; a caller that must answer with the whole text (as
 * sst-emu must) asks for it through message.
 *
 * @param[in]  value      the header value, len bytes (need not be
 *                        NUL-terminated; bytes after a NUL are ignored);
 *                        NULL means no header at all
 * @param[in]  have_date  whether the request has X-Amz-Date or Date
 * @param[out] out        on SST_OK the parts (sst_sigv4_auth_free); else
 *                        NULL
 * @param[out] message    optional; on SST_E_INCOMPLETE_SIGNATURE a new
 *                        string with the whole message (sst_free); else
 *                        NULL
 * @return SST_OK, SST_E_MISSING_AUTH (value NULL: "Request is missing
 *         Authentication Token"), SST_E_INCOMPLETE_SIGNATURE, SST_E_NOMEM,
 *         SST_E_INVALID_ARG (out is NULL)
 */
enum sst_code sst_sigv4_auth_parse(const char *value, size_t len,
                                   bool have_date, struct sst_sigv4_auth **out,
                                   char **message, struct sst_err *err);

/** Free parsed parts; NULL is a no-op. */
void sst_sigv4_auth_free(struct sst_sigv4_auth *auth);

/**
 * Verify a received request against the secret of auth->access_key_id.
 *
 * req holds the request as received: its method, path (as on the wire),
 * query, every header (Authorization may be among them; it is never
 * signed) and the body or its hash. The canonical request is built over the
 * headers auth->signed_headers names, the date comes from X-Amz-Date (or,
 * failing that, an RFC 1123 Date header), and the signatures are compared in
 * constant time (CRYPTO_memcmp).
 *
 * @param[in] region   expected region, or NULL to accept any
 * @param[in] service  expected service, or NULL to accept any
 * @return SST_OK; SST_E_INCOMPLETE_SIGNATURE (no date header);
 *         SST_E_INVALID_SIGNATURE with AWS's message for: a credential
 *         scope that is not YYYYMMDD/region/service/aws4_request as
 *         expected ("Credential should be scoped to a valid region, not
 *         '<r>'. ", "Credential should be scoped to correct service:
 *         '<s>'. "), a scope date that differs from the request date, an
 *         unreadable date, and a signature that does not match
 *         (SST_SIGV4_MSG_MISMATCH); SST_E_INVALID_ARG (NULL input,
 *         canonical form too long); SST_E_NOMEM; SST_E_INTERNAL
 */
enum sst_code sst_sigv4_verify(const struct sst_sigv4_request *req,
                               const struct sst_sigv4_auth *auth,
                               const char *secret, const char *region,
                               const char *service, struct sst_err *err);

/* ------------------------------------------------- lower-level helpers */

/**
 * The canonical URI of a path, as stage 1 writes it (exposed for tests and
 * the fuzzer).
 *
 * @param[in]  path       len bytes, need not be NUL-terminated
 * @param[in]  normalize  false for S3-style signing
 * @param[out] out        on SST_OK a new string (sst_free); else NULL
 * @return SST_OK, SST_E_INVALID_ARG (too long), SST_E_NOMEM
 */
enum sst_code sst_sigv4_canonical_path(const char *path, size_t len,
                                       bool normalize, char **out,
                                       struct sst_err *err);

/**
 * The canonical query string of a raw query string (without '?').
 *
 * @param[in]  query  len bytes, need not be NUL-terminated
 * @param[out] out    on SST_OK a new string, "" for no parameters
 *                    (sst_free); else NULL
 * @return SST_OK, SST_E_INVALID_ARG (too long), SST_E_NOMEM
 */
enum sst_code sst_sigv4_canonical_query(const char *query, size_t len,
                                        char **out, struct sst_err *err);

#endif /* SST_HTTP_SIGV4_H */
