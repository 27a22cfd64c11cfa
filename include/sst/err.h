/*
 * sst/err.h - the one error model of sst.
 *
 * Every fallible public function returns an enum sst_code and takes a
 * struct sst_err * as its last parameter (which may be NULL). The error is
 * a fixed-size value: it never needs freeing and may live on the stack.
 *
 * One table (src/err.c) maps each code to its name, the DynamoDB __type it
 * stands for (if any) and the HTTP status DynamoDB answers with. The
 * emulator's server uses it to write errors; the HTTP backend uses it to
 * read them. Codes that DynamoDB never sends (transport, storage, memory,
 * API misuse, library conditions) have no __type.
 */
#ifndef SST_ERR_H
#define SST_ERR_H

#include <stdarg.h>
#include <stddef.h>

#include <sst/defs.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Error codes. Values are stable; new codes are only appended. */
enum sst_code {
    SST_OK = 0,
    /* --- DynamoDB errors (each has a __type) --------------------------- */
    SST_E_VALIDATION,         /* ValidationException                     */
    SST_E_CONDITION_FAILED,   /* ConditionalCheckFailedException         */
    SST_E_NOT_FOUND,          /* ResourceNotFoundException               */
    SST_E_IN_USE,             /* ResourceInUseException                  */
    SST_E_TXN_CANCELED,       /* TransactionCanceledException            */
    SST_E_TXN_CONFLICT,       /* TransactionConflictException            */
    SST_E_TXN_IN_PROGRESS,    /* TransactionInProgressException          */
    SST_E_IDEMPOTENT_MISMATCH,/* IdempotentParameterMismatchException    */
    SST_E_THROTTLED,          /* ProvisionedThroughputExceededException  */
    SST_E_REQUEST_LIMIT,      /* RequestLimitExceeded                    */
    SST_E_THROTTLING,         /* ThrottlingException                     */
    SST_E_LIMIT_EXCEEDED,     /* LimitExceededException                  */
    SST_E_ITEM_COLLECTION_SIZE,/* ItemCollectionSizeLimitExceededException */
    SST_E_SERIALIZATION,      /* SerializationException                  */
    SST_E_UNKNOWN_OPERATION,  /* UnknownOperationException               */
    SST_E_MISSING_AUTH,       /* MissingAuthenticationTokenException     */
    SST_E_INCOMPLETE_SIGNATURE,/* IncompleteSignatureException           */
    SST_E_INVALID_SIGNATURE,  /* InvalidSignatureException               */
    SST_E_UNRECOGNIZED_CLIENT,/* UnrecognizedClientException             */
    SST_E_ACCESS_DENIED,      /* AccessDeniedException                   */
    SST_E_REQUEST_TOO_LARGE,  /* RequestEntityTooLargeException (413)    */
    SST_E_INTERNAL,           /* InternalServerError (500)               */
    SST_E_INTERNAL_FAILURE,   /* InternalFailure (500)                   */
    SST_E_UNAVAILABLE,        /* ServiceUnavailable (503)                */
    /* --- conditions of sst itself (no __type) ------------------------- */
    SST_E_TRANSPORT,          /* network, TLS, HTTP framing, CRC         */
    SST_E_STORAGE,            /* LMDB or file system                     */
    SST_E_NOMEM,              /* an allocation failed                    */
    SST_E_INVALID_ARG,        /* the caller broke the API contract       */
    SST_E_ITEM_NOT_FOUND,     /* libsst: no such resource                */
    SST_E_VERSION_CONFLICT,   /* libsst: optimistic concurrency lost     */
    SST_E_INVALID_DATA,       /* libsst: resource data fails its schema  */
    SST_E_UNKNOWN_ERROR,      /* a DynamoDB __type sst does not know     */
    /* --- appended later ---------------------------------------------- */
    SST_E_DUPLICATE_ITEM,     /* DuplicateItemException (PartiQL INSERT) */
    SST_E_EXPIRED_ITERATOR,   /* ExpiredIteratorException (streams)      */
    SST_E_TRIMMED_DATA,       /* TrimmedDataAccessException (streams)    */
    SST_E_TABLE_NOT_FOUND,    /* TableNotFoundException (backups)        */
    SST_CODE_COUNT            /* number of codes; not a code             */
};

#define SST_ERR_TYPE_MAX 64
#define SST_ERR_MESSAGE_MAX 512

struct sst_err {
    enum sst_code code;
    char type[SST_ERR_TYPE_MAX];       /* DynamoDB short __type, "" if none */
    char message[SST_ERR_MESSAGE_MAX]; /* NUL-terminated, may be truncated  */
    int http_status;                   /* 0 when no HTTP exchange happened  */
    int cause;                         /* CURLcode, MDB rc or errno; or 0   */
};

/**
 * The code's symbolic name, e.g. "SST_E_VALIDATION".
 *
 * @return a static string; "SST_E_?" for a value outside the enum.
 */
SST_API const char *sst_code_name(enum sst_code code);

/**
 * The DynamoDB short __type of a code, e.g. "ValidationException".
 *
 * @return a static string, or NULL for codes DynamoDB never sends.
 */
SST_API const char *sst_code_type(enum sst_code code);

/**
 * The fully qualified __type AWS sends for a code, e.g.
 * "com.amazon.coral.validate#ValidationException" or
 * "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException".
 *
 * @return a static string, or NULL for codes DynamoDB never sends.
 */
SST_API const char *sst_code_qualified_type(enum sst_code code);

/**
 * The HTTP status DynamoDB answers a code with (400, 413, 500, 503).
 *
 * @return the status; 0 for SST_OK and codes DynamoDB never sends.
 */
SST_API int sst_code_http_status(enum sst_code code);

/**
 * Map a DynamoDB __type to a code. Accepts the short form
 * ("ValidationException") and any qualified form ("prefix#Short").
 *
 * @param[in] type  borrowed; may be NULL
 * @return the code, or SST_E_UNKNOWN_ERROR when the type is not known
 *         (NULL or empty gives SST_E_UNKNOWN_ERROR too).
 */
SST_API enum sst_code sst_code_from_type(const char *type);

/**
 * Fill err with code, the code's DynamoDB type and status, and a message
 * formatted like printf. err may be NULL, in which case only the code is
 * returned. Messages longer than the buffer are truncated.
 *
 * @return code, so that callers can write `return sst_err_set(...)`.
 */
SST_API enum sst_code sst_err_set(struct sst_err *err, enum sst_code code,
                                  const char *fmt, ...)
    SST_PRINTF(3, 4);

/** As sst_err_set, with a va_list. */
SST_API enum sst_code sst_err_vset(struct sst_err *err, enum sst_code code,
                                   const char *fmt, va_list ap)
    SST_PRINTF(3, 0);

/**
 * Fill err from a DynamoDB error answer: the __type as received (short or
 * qualified), the message and the HTTP status. The code is derived with
 * sst_code_from_type(); the short type is kept even when it is unknown.
 *
 * @return the derived code.
 */
SST_API enum sst_code sst_err_set_dynamodb(struct sst_err *err,
                                           const char *type,
                                           const char *message,
                                           int http_status);

/** Reset err to SST_OK with empty strings. err may be NULL. */
SST_API void sst_err_clear(struct sst_err *err);

#ifdef __cplusplus
}
#endif

#endif /* SST_ERR_H */
