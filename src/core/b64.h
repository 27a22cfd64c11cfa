/*
 * src/core/b64.h - base64 (RFC 4648) for libsst and the emulator, on
 * OpenSSL: the standard alphabet for DynamoDB's B values on the wire,
 * the URL-safe one for pagination keys (Python's
 * base64.urlsafe_b64encode).
 */
#ifndef SST_CORE_B64_H
#define SST_CORE_B64_H

#include <stdbool.h>
#include <stddef.h>

#include <sst/defs.h>
#include <sst/err.h>

/* Characters of the base64 of n bytes (padded), without the NUL. */
#define SST_B64_LEN(n) (((n) + 2) / 3 * 4)

/**
 * Encode n bytes of p (at most 1 GiB) in the standard alphabet, padded,
 * into out, which has room for SST_B64_LEN(n) + 1 bytes (a NUL ends it).
 *
 * @return the length written, without the NUL.
 */
size_t sst_b64_encode_into(const void *p, size_t n, char *out);

/**
 * Encode n bytes of p, padded with '='.
 *
 * @param[in]  urlsafe  '-' and '_' instead of '+' and '/'
 * @param[out] out      on SST_OK a new NUL-terminated string (sst_free)
 * @param[out] outlen   optional; its length
 * @return SST_OK, SST_E_NOMEM, SST_E_INVALID_ARG (input over 1 GiB)
 */
SST_MUST_CHECK enum sst_code sst_b64_encode(const void *p, size_t n,
                                            bool urlsafe, char **out,
                                            size_t *outlen,
                                            struct sst_err *err);

/**
 * Decode padded base64. The length must be a multiple of 4 and padding
 * ('=' only at the end, at most two) must be where it belongs; no
 * whitespace or other characters are skipped. With urlsafe the URL-safe
 * and the standard alphabets are both accepted, as Python's
 * urlsafe_b64decode does; without it, only the standard one. Bits left
 * over in the last character are ignored (as Python does).
 *
 * @param[out] out     on SST_OK a new buffer (sst_free), NUL-terminated
 *                     for convenience (not counted in *outlen)
 * @param[out] outlen  its length
 * @return SST_OK, SST_E_NOMEM, SST_E_INVALID_ARG with "invalid base64:
 *         ..." naming the problem
 */
SST_MUST_CHECK enum sst_code sst_b64_decode(const char *s, size_t n,
                                            bool urlsafe, unsigned char **out,
                                            size_t *outlen,
                                            struct sst_err *err);

#endif /* SST_CORE_B64_H */
