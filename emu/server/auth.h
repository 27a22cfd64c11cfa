/*
 * emu/server/auth.h - the authentication checks of a request sst-emu
 * receives, in the order and with the messages AWS DynamoDB uses.
 *
 * Always (DynamoDB checks these before it knows whose key it is):
 *   - both an Authorization header and an X-Amz-Algorithm query
 *     parameter: InvalidSignatureException;
 *   - neither, or a header that does not start with "AWS4-":
 *     MissingAuthenticationTokenException;
 *   - a header missing Credential, Signature, SignedHeaders or a date
 *     header, or otherwise malformed (src/http/sigv4_verify.c's
 *     parser), or query parameters missing one of X-Amz-Algorithm,
 *     -Credential, -Signature, -SignedHeaders, -Date:
 *     IncompleteSignatureException.
 * When verifying, then:
 *   - a date that is not ISO 8601 basic format: IncompleteSignature;
 *   - a date more than 15 minutes from the clock: InvalidSignature
 *     ("Signature expired: ..." / "Signature not yet current: ...");
 *   - Host not among the signed headers: InvalidSignature;
 *   - a credential scope for another service or terminator, or another
 *     day than the request's date: InvalidSignature (every failing part,
 *     one sentence each);
 *   - an access key that is not configured: UnrecognizedClientException;
 *   - a signature that does not match: InvalidSignature;
 *   - a session token (sst-emu knows no temporary credentials):
 *     UnrecognizedClientException.
 */
#ifndef SST_EMU_SERVER_AUTH_H
#define SST_EMU_SERVER_AUTH_H

#include <sst/err.h>

#include "emu/server/handler.h"

/* Signatures are valid this long before and after the request's date. */
#define SST_SERVER_SKEW_S (15 * 60)

/**
 * Check a request's authentication.
 *
 * @param[in]  h        verify_signatures, credentials and clock are read
 * @param[in]  req      the request; borrowed
 * @param[out] message  on failure a new string with AWS's whole message
 *                      (which may echo the Authorization header and so be
 *                      longer than struct sst_err holds); sst_free it.
 *                      NULL on SST_OK and on SST_E_NOMEM.
 * @param[out] err      optional
 * @return SST_OK; SST_E_MISSING_AUTH, SST_E_INCOMPLETE_SIGNATURE,
 *         SST_E_INVALID_SIGNATURE, SST_E_UNRECOGNIZED_CLIENT; SST_E_NOMEM;
 *         SST_E_INTERNAL (OpenSSL failed)
 */
enum sst_code sst_server_auth_check(const struct sst_server_handler *h,
                                    const struct sst_server_request *req,
                                    char **message, struct sst_err *err);

/**
 * Parse an ISO 8601 basic date-time, "YYYYMMDDTHHMMSSZ", to Unix seconds.
 * Returns 0 on success, -1 when s is not one.
 */
int sst_server_parse_amz_date(const char *s, int64_t *out);

/** Format Unix seconds as "YYYYMMDDTHHMMSSZ" (years 1970 to 9999). */
void sst_server_format_amz_date(int64_t t, char out[17]);

#endif /* SST_EMU_SERVER_AUTH_H */
