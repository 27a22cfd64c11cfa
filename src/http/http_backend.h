/*
 * src/http/http_backend.h - internals of the HTTP backend shared with the
 * backend registry and tests.
 */
#ifndef SST_HTTP_BACKEND_INTERNAL_H
#define SST_HTTP_BACKEND_INTERNAL_H

#include <stdint.h>

#include <sst/backend.h>

/* The registry's constructor for http://, https:// and dynamodb:// URIs. */
enum sst_code sst_http_backend_open_uri(const struct sst_uri *u,
                                        struct sst_backend **out,
                                        struct sst_err *err);

/* The URL the backend b posts operation op to: the endpoint, or on AWS
 * (no explicit endpoint) DynamoDB Streams' own for its four operations.
 * Borrowed; NULL when b is not an HTTP backend. */
const char *sst_http_backend_url(const struct sst_backend *b,
                                 const char *op);

/* Full-jitter backoff before attempt (attempt + 1), attempt counted from
 * 0: uniform in [0, min(cap_ms, base_ms * 2^attempt)], drawn from random. */
long sst_http_backoff_ms(int attempt, long base_ms, long cap_ms,
                         uint64_t random);

#endif
