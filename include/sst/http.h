/*
 * sst/http.h - the HTTP backend: DynamoDB's JSON 1.0 protocol over libcurl,
 * signed with SigV4, for AWS (dynamodb://REGION), DynamoDB Local and
 * sst-emu (http://HOST:PORT).
 *
 * sst_backend_open() builds one from a URI; sst_http_backend_new() builds
 * one from options, for programs that want to set the clock, the random
 * source or the retry policy themselves.
 *
 * DynamoDB Streams' operations (ListStreams, DescribeStream,
 * GetShardIterator, GetRecords) are called the same way; they are sent
 * with X-Amz-Target DynamoDBStreams_20120810.<Op>, to the endpoint when
 * one is given, else (AWS) to https://streams.dynamodb.REGION.amazonaws.com,
 * signed for the service "dynamodb".
 *
 * Threads: one backend is one connection and is used by one thread at a
 * time. Open one per thread, or share one under a lock.
 *
 * Retries: throttling (ProvisionedThroughputExceededException,
 * ThrottlingException, RequestLimitExceeded, LimitExceededException,
 * TransactionInProgressException), HTTP 5xx, transport failures (refused or
 * dropped connections, timeouts, truncated bodies) and x-amz-crc32
 * mismatches are retried with capped exponential backoff and full jitter:
 * before attempt n+1 the backend sleeps a uniform random time in
 * [0, min(cap, base * 2^n)] milliseconds. It gives up after max_attempts
 * attempts or when the next sleep would cross the deadline, and returns the
 * last error. Every other error is returned at once.
 */
#ifndef SST_HTTP_H
#define SST_HTTP_H

#include <stdint.h>

#include <sst/backend.h>

#ifdef __cplusplus
extern "C" {
#endif

struct sst_http_options {
    /* Where: endpoint "http(s)://HOST[:PORT][/PATH]" (all operations), or
     * NULL for AWS's endpoints of region
     * (https://dynamodb.REGION.amazonaws.com, and for the stream
     * operations https://streams.dynamodb.REGION.amazonaws.com). */
    const char *endpoint;
    /* Region for signing (and for the AWS endpoint). NULL: AWS_REGION,
     * AWS_DEFAULT_REGION, the profile's region, then "us-east-1". */
    const char *region;
    /* Credentials: explicit keys, or NULL for the standard chain (see
     * docs/http.md). profile NULL: AWS_PROFILE or "default". */
    const char *access_key_id;
    const char *secret_access_key;
    const char *session_token;
    const char *profile;
    /* Timeouts and retries; 0 takes the default in brackets. */
    long connect_timeout_ms; /* per connection attempt [3000]          */
    long request_timeout_ms; /* per attempt [60000]                    */
    long deadline_ms;        /* whole call, all attempts [120000]      */
    int max_attempts;        /* [10]                                   */
    long backoff_base_ms;    /* [50]                                   */
    long backoff_cap_ms;     /* [20000]                                */
    /* Injectable time and randomness; NULL for the real ones. */
    int64_t (*clock_s)(void *user);          /* Unix seconds, signing  */
    int64_t (*monotonic_ms)(void *user);     /* deadlines              */
    uint64_t (*random_u64)(void *user);      /* jitter                 */
    void (*sleep_ms)(long ms, void *user);   /* backoff                */
    void *user;
};

/**
 * Create an HTTP backend.
 *
 * @param[in]  opt  borrowed; strings are copied
 * @param[out] out  on SST_OK a new backend (sst_backend_close); else NULL
 * @return SST_OK; SST_E_INVALID_ARG (bad endpoint, half-given explicit
 *         keys); SST_E_NOMEM; SST_E_TRANSPORT (libcurl failed to start).
 *         Credentials are resolved on the first call, not here.
 */
SST_API enum sst_code sst_http_backend_new(const struct sst_http_options *opt,
                                           struct sst_backend **out,
                                           struct sst_err *err);

/**
 * How many HTTP requests the backend has sent, retries included. For
 * tests and diagnostics; 0 for a backend that is not an HTTP backend.
 */
SST_API unsigned long sst_http_backend_attempts(const struct sst_backend *b);

#ifdef __cplusplus
}
#endif

#endif /* SST_HTTP_H */
