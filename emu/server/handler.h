/*
 * emu/server/handler.h - one HTTP request in, one HTTP response out, as
 * AWS DynamoDB answers it. No sockets: server.c feeds it what
 * libmicrohttpd received, the fuzzer feeds it bytes.
 *
 * The checks run in the order AWS runs them (docs/sst-emu.md gives the
 * sources), and the first that fails answers:
 *
 *   body over the cap                     413, empty body
 *   OPTIONS with an Origin header         200, CORS preflight answer
 *   GET, any path                         200 "healthy: HOST "
 *   not POST, or a body whose Content-Type
 *   is not application/json or
 *   application/x-amz-json-1.0            404 <UnknownOperationException/>
 *   body that is not JSON                 400 SerializationException
 *   X-Amz-Target not DynamoDB_20120810.Op 400 UnknownOperationException
 *   (or DynamoDBStreams_20120810.Op)
 *   Authorization missing or malformed    400 MissingAuthenticationToken-,
 *   (and, when verifying, a bad           IncompleteSignature-,
 *   signature, key or clock)              InvalidSignature-,
 *                                         UnrecognizedClientException
 *   empty body, or JSON not an object     400 SerializationException
 *   the backend's answer                  200, or its error
 *
 * Every answer carries x-amzn-RequestId (52 characters, [0-9A-Z]) and
 * x-amz-crc32 (zlib's CRC32 of the body); JSON answers carry the
 * Content-Type the request used (application/x-amz-json-1.0, or
 * application/json for anything else).
 */
#ifndef SST_EMU_SERVER_HANDLER_H
#define SST_EMU_SERVER_HANDLER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sst/err.h>

#include <sst/server.h>

struct sst_emu_piece; /* emu/store/item.h */

/* Text lists an answer may send without copying them (a BatchGetItem has
 * one per table, a Query or Scan one), and the pieces of such an answer
 * at most. libmicrohttpd copies the pieces' addresses into the
 * connection's memory pool (16 KB), so they stay few. */
#define SST_SERVER_EXTERNAL_LISTS 8
#define SST_SERVER_MAX_PIECES (2 * SST_SERVER_EXTERNAL_LISTS + 1)

struct json_object;

#define SST_SERVER_REQUEST_ID_LEN 52
#define SST_SERVER_TARGET_PREFIX "DynamoDB_20120810."
/* DynamoDB Streams' prefix: ListStreams, DescribeStream, GetShardIterator
 * and GetRecords. */
#define SST_SERVER_STREAMS_PREFIX "DynamoDBStreams_20120810."
/* JSON nesting the request parser accepts: far above what DynamoDB's
 * 32-level documents need inside the deepest request (about 70), low enough
 * that freeing a tree never runs deep on the stack. */
#define SST_SERVER_MAX_JSON_DEPTH 512

/** A header as received; both strings borrowed. */
struct sst_server_header {
    const char *name;
    const char *value;
};

/** A request as received. Every pointer is borrowed. */
struct sst_server_request {
    const char *method;
    const char *path;  /* as on the wire, without the query; NULL = "/" */
    const char *query; /* raw, without '?'; NULL when none              */
    const struct sst_server_header *headers;
    size_t header_count;
    const char *body; /* body_len bytes; NULL when body_len is 0        */
    size_t body_len;
    bool too_large;   /* the body exceeded the cap and was not kept     */
    /* The request line and headers as received, up to and with the empty
     * line; 0 when unknown. Over SST_SERVER_MAX_HEAD_BYTES: 431. */
    size_t head_bytes;
};

/* The longest request line and headers answered: DynamoDB Local (Jetty)
 * answers 8,254 bytes and refuses 8,255 with 431, whatever the layout. */
#define SST_SERVER_MAX_HEAD_BYTES 8254

/**
 * How a request is answered: the backend call, and what authentication
 * demands. Borrowed by sst_server_handle(); call may run on many threads
 * at once.
 */
struct sst_server_handler {
    enum sst_code (*call)(void *ctx, const char *op,
                          const struct json_object *req,
                          struct json_object **resp, struct sst_err *err);
    void *ctx;
    bool verify_signatures;
    const struct sst_server_credential *credentials;
    size_t credential_count;
    int64_t (*clock_s)(void *user); /* NULL: time(NULL) */
    void *user;
    /* The sender writes answers in pieces (sst_server_response.pieces):
     * lists of items' stored texts are then not copied into the body. */
    bool pieces;
};

#define SST_SERVER_MAX_EXTRA_HEADERS 4

/** The answer. body is owned (sst_free) and released by cleanup. */
struct sst_server_response {
    int status;
    char request_id[SST_SERVER_REQUEST_ID_LEN + 1];
    const char *content_type; /* static string, or NULL for none        */
    uint32_t crc32;           /* of body                                */
    char *body;
    size_t body_len;
    bool body_static; /* body is a static string, not to be freed   */
    /* When set, body is this object's printing (json-c's buffer), and the
     * object, not body, is released with the answer. */
    struct json_object *body_json;
    bool crc_done;    /* crc32 was computed with the body          */
    /* Not the service's answer but the HTTP front's (431): sent without
     * x-amzn-RequestId and x-amz-crc32, as DynamoDB Local sends it. */
    bool bare;
    /* With handler.pieces, an answer of a long list of stored texts: the
     * body to send is these pieces in order (owned array; the bytes are
     * body's and body_json's), and body_len is their total length. */
    struct sst_emu_piece *pieces;
    size_t piece_count;
    /* CORS headers; names static, values static or borrowed from the
     * request (valid as long as the request is) */
    struct sst_server_header extra[SST_SERVER_MAX_EXTRA_HEADERS];
    size_t extra_count;
    const char *op;   /* the operation, static; NULL when none matched */
    enum sst_code code; /* SST_OK, or the error the answer carries     */
};

/**
 * Answer one request.
 *
 * @param[in]  h     how to call the backend and check signatures
 * @param[in]  req   the request; borrowed
 * @param[out] resp  the answer, filled in whole; release it with
 *                   sst_server_response_cleanup() whatever is returned
 * @return SST_OK when resp holds the answer (of any status); SST_E_NOMEM
 *         when memory ran out on the way, in which case resp holds a
 *         fixed 500 InternalServerError answer with a static body the
 *         caller may still send.
 */
enum sst_code sst_server_handle(const struct sst_server_handler *h,
                                const struct sst_server_request *req,
                                struct sst_server_response *resp);

/**
 * Fill resp with the fixed answer to running out of memory: 500
 * InternalServerError, a static body, a fresh request id. Allocates
 * nothing.
 */
void sst_server_response_nomem(struct sst_server_response *resp);

/** Release what a response owns; safe on a zeroed or cleaned one. */
void sst_server_response_cleanup(struct sst_server_response *resp);

/**
 * Whether op is an operation of DynamoDB_20120810 (the 57 of the service
 * model, case-sensitive). Returns the table's static copy, or NULL.
 */
const char *sst_server_operation(const char *op, size_t len);

/**
 * Whether op is an operation of DynamoDBStreams_20120810 (ListStreams,
 * DescribeStream, GetShardIterator, GetRecords). Returns the table's
 * static copy, or NULL.
 */
const char *sst_server_stream_operation(const char *op);

/** The first header called name (case-insensitive), or NULL. */
const char *sst_server_header_get(const struct sst_server_request *req,
                                  const char *name);

#endif /* SST_EMU_SERVER_HANDLER_H */
