/*
 * src/http/creds.h - where AWS credentials and the region come from.
 *
 * The standard chain, in order, first hit wins:
 *   1. explicit: the keys given in the options;
 *   2. environment: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and optional
 *      AWS_SESSION_TOKEN;
 *   3. shared files: profile (options, else AWS_PROFILE, else "default")
 *      in AWS_SHARED_CREDENTIALS_FILE (default ~/.aws/credentials), then in
 *      AWS_CONFIG_FILE (default ~/.aws/config, section "[profile NAME]" or
 *      "[default]");
 *   4. container: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (on
 *      http://169.254.170.2) or AWS_CONTAINER_CREDENTIALS_FULL_URI, with
 *      AWS_CONTAINER_AUTHORIZATION_TOKEN or ..._TOKEN_FILE when set;
 *   5. EC2 IMDSv2 at AWS_EC2_METADATA_SERVICE_ENDPOINT (default
 *      http://169.254.169.254), unless AWS_EC2_METADATA_DISABLED=true.
 * Files are read from disk and endpoints asked on each resolve; the caller
 * caches the result until its expiration.
 */
#ifndef SST_HTTP_CREDS_H
#define SST_HTTP_CREDS_H

#include <sst/err.h>

struct sst_aws_creds {
    char *access_key_id;
    char *secret_access_key;
    char *session_token;  /* NULL when none                          */
    long long expiration; /* Unix seconds; 0 when they do not expire */
    const char *source;   /* static: "explicit", "environment",
                             "shared-credentials-file", "shared-config-file",
                             "container", "imds"                        */
};

struct sst_creds_options {
    const char *access_key_id;     /* explicit keys; NULL to skip step 1 */
    const char *secret_access_key;
    const char *session_token;
    const char *profile;           /* NULL: AWS_PROFILE or "default"     */
    long timeout_ms;               /* per container/IMDS request; 0: 1 s */
    int local_only;                /* skip the container and IMDS steps  */
};

/**
 * Resolve credentials through the chain.
 *
 * @param[in]  opt  may be NULL (no explicit keys, default profile)
 * @param[out] out  on SST_OK owned strings; release with
 *                  sst_aws_creds_cleanup(); zeroed on error
 * @return SST_OK; SST_E_INVALID_ARG when a source is half configured (an
 *         access key without a secret, a profile section without keys that
 *         was asked for by name, a malformed file, a container URI on a
 *         host that is not allowed) or when no source has credentials (the
 *         message lists what was tried); SST_E_TRANSPORT when a container
 *         or IMDS endpoint that is configured fails to answer properly;
 *         SST_E_NOMEM.
 */
enum sst_code sst_aws_creds_resolve(const struct sst_creds_options *opt,
                                    struct sst_aws_creds *out,
                                    struct sst_err *err);

/** Free what creds own and zero them. NULL is a no-op. */
void sst_aws_creds_cleanup(struct sst_aws_creds *c);

/**
 * Resolve the region: AWS_REGION, then AWS_DEFAULT_REGION, then "region"
 * of the profile in the shared config file.
 *
 * @param[in]  profile  NULL: AWS_PROFILE or "default"
 * @param[out] out      on SST_OK a new string (sst_free), or NULL when no
 *                      source names a region
 * @return SST_OK, SST_E_INVALID_ARG (malformed config file), SST_E_NOMEM
 */
enum sst_code sst_aws_region_resolve(const char *profile, char **out,
                                     struct sst_err *err);

/**
 * Parse an ISO 8601 UTC time as AWS writes expirations
 * ("2026-11-25T20:00:00Z", optional fractional seconds).
 *
 * @return 0 and *out set, or -1 when malformed.
 */
int sst_aws_parse_time(const char *s, long long *out);

#endif
