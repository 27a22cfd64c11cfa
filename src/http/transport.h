/*
 * src/http/transport.h - one HTTP connection over libcurl.
 *
 * The only place of sst that includes <curl/curl.h> is transport.c; every
 * other module speaks these few types. A connection wraps one libcurl easy
 * handle, so keep-alive reuses the TCP (and TLS) connection across calls.
 * A connection is used by one thread at a time.
 */
#ifndef SST_HTTP_TRANSPORT_H
#define SST_HTTP_TRANSPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sst/err.h>

/* Largest response body accepted; larger answers fail with
 * SST_E_TRANSPORT rather than grow without bound. */
#define SST_HTTP_MAX_RESPONSE (64u * 1024u * 1024u)

struct sst_http_conn;

struct sst_http_header {
    const char *name;
    const char *value;
};

/* A response; the body is owned and NUL-terminated (body[len] == 0). */
struct sst_http_response {
    long status;
    char *body;
    size_t body_len;
    bool has_crc32;      /* an x-amz-crc32 header came with it */
    uint32_t crc32;      /* its value                           */
    char request_id[128];/* x-amzn-RequestId, "" if absent      */
};

/**
 * Open a connection handle (no socket yet; it connects on first use).
 *
 * @param[out] out  on SST_OK a new handle, freed with sst_http_conn_free()
 * @return SST_OK, SST_E_NOMEM, SST_E_TRANSPORT (libcurl failed to start)
 */
enum sst_code sst_http_conn_new(struct sst_http_conn **out,
                                struct sst_err *err);

/** Close the connection and free the handle. NULL is a no-op. */
void sst_http_conn_free(struct sst_http_conn *c);

/**
 * Send one request and read the whole answer.
 *
 * @param[in]  method      "GET", "PUT", "POST"
 * @param[in]  url         absolute http:// or https:// URL
 * @param[in]  headers     n extra headers (borrowed)
 * @param[in]  body        request body, may be NULL when len is 0
 * @param[in]  connect_ms  connect timeout in milliseconds (0: 10 s)
 * @param[in]  timeout_ms  whole-request timeout in milliseconds (0: none)
 * @param[out] resp        filled on SST_OK, whatever the HTTP status;
 *                         release with sst_http_response_cleanup()
 * @return SST_OK; SST_E_TRANSPORT when no complete HTTP answer arrived
 *         (err->cause holds the CURLcode; the message says what failed:
 *         connect, timeout, truncated body, oversized body); SST_E_NOMEM.
 */
enum sst_code sst_http_conn_request(struct sst_http_conn *c,
                                    const char *method, const char *url,
                                    const struct sst_http_header *headers,
                                    size_t n, const void *body, size_t len,
                                    long connect_ms, long timeout_ms,
                                    struct sst_http_response *resp,
                                    struct sst_err *err);

/** Free what a response owns and zero it. NULL is a no-op. */
void sst_http_response_cleanup(struct sst_http_response *resp);

#endif
