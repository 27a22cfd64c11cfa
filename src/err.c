/*
 * src/err.c - the table behind enum sst_code, and struct sst_err helpers.
 *
 * The table is the single place that knows which DynamoDB __type and HTTP
 * status belong to a code. The emulator's server writes errors from it and
 * the HTTP backend reads them back through it; tests/unit/test_err.c checks
 * the round trip for every row.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <sst/err.h>

#define P_DDB "com.amazonaws.dynamodb.v20120810#"
#define P_VALIDATE "com.amazon.coral.validate#"
#define P_SERVICE "com.amazon.coral.service#"
#define P_AVAIL "com.amazon.coral.availability#"

struct code_row {
    const char *name;   /* "SST_E_VALIDATION"                  */
    const char *prefix; /* namespace of the qualified __type   */
    const char *type;   /* short __type, NULL when none         */
    const char *qualified;
    int http_status;
};

#define ROW(code, pfx, ty, st)                                               \
    [code] = {#code, pfx, ty, pfx ty, st}
#define LIB(code) [code] = {#code, NULL, NULL, NULL, 0}

static const struct code_row rows[SST_CODE_COUNT] = {
    LIB(SST_OK),
    ROW(SST_E_VALIDATION, P_VALIDATE, "ValidationException", 400),
    ROW(SST_E_CONDITION_FAILED, P_DDB, "ConditionalCheckFailedException", 400),
    ROW(SST_E_NOT_FOUND, P_DDB, "ResourceNotFoundException", 400),
    ROW(SST_E_IN_USE, P_DDB, "ResourceInUseException", 400),
    ROW(SST_E_TXN_CANCELED, P_DDB, "TransactionCanceledException", 400),
    ROW(SST_E_TXN_CONFLICT, P_DDB, "TransactionConflictException", 400),
    ROW(SST_E_TXN_IN_PROGRESS, P_DDB, "TransactionInProgressException", 400),
    ROW(SST_E_IDEMPOTENT_MISMATCH, P_DDB,
        "IdempotentParameterMismatchException", 400),
    ROW(SST_E_THROTTLED, P_DDB, "ProvisionedThroughputExceededException",
        400),
    ROW(SST_E_REQUEST_LIMIT, P_DDB, "RequestLimitExceeded", 400),
    ROW(SST_E_THROTTLING, P_AVAIL, "ThrottlingException", 400),
    ROW(SST_E_LIMIT_EXCEEDED, P_DDB, "LimitExceededException", 400),
    ROW(SST_E_ITEM_COLLECTION_SIZE, P_DDB,
        "ItemCollectionSizeLimitExceededException", 400),
    ROW(SST_E_SERIALIZATION, P_SERVICE, "SerializationException", 400),
    ROW(SST_E_UNKNOWN_OPERATION, P_SERVICE, "UnknownOperationException", 400),
    ROW(SST_E_MISSING_AUTH, P_SERVICE, "MissingAuthenticationTokenException",
        400),
    ROW(SST_E_INCOMPLETE_SIGNATURE, P_SERVICE, "IncompleteSignatureException",
        400),
    ROW(SST_E_INVALID_SIGNATURE, P_SERVICE, "InvalidSignatureException", 400),
    ROW(SST_E_UNRECOGNIZED_CLIENT, P_SERVICE, "UnrecognizedClientException",
        400),
    ROW(SST_E_ACCESS_DENIED, P_SERVICE, "AccessDeniedException", 400),
    ROW(SST_E_REQUEST_TOO_LARGE, P_SERVICE, "RequestEntityTooLargeException",
        413),
    ROW(SST_E_INTERNAL, P_DDB, "InternalServerError", 500),
    ROW(SST_E_INTERNAL_FAILURE, P_SERVICE, "InternalFailure", 500),
    ROW(SST_E_UNAVAILABLE, P_AVAIL, "ServiceUnavailableException", 503),
    LIB(SST_E_TRANSPORT),
    LIB(SST_E_STORAGE),
    LIB(SST_E_NOMEM),
    LIB(SST_E_INVALID_ARG),
    LIB(SST_E_ITEM_NOT_FOUND),
    LIB(SST_E_VERSION_CONFLICT),
    LIB(SST_E_INVALID_DATA),
    LIB(SST_E_UNKNOWN_ERROR),
    ROW(SST_E_DUPLICATE_ITEM, P_DDB, "DuplicateItemException", 400),
    ROW(SST_E_EXPIRED_ITERATOR, P_DDB, "ExpiredIteratorException", 400),
    ROW(SST_E_TRIMMED_DATA, P_DDB, "TrimmedDataAccessException", 400),
    ROW(SST_E_TABLE_NOT_FOUND, P_DDB, "TableNotFoundException", 400),
};

/* Other spellings of a __type seen on the wire. DynamoDB Local says
 * "MissingAuthenticationToken" and "DuplicateItem" where AWS says
 * "...Exception". */
static const struct {
    const char *type;
    enum sst_code code;
} aliases[] = {
    {"MissingAuthenticationToken", SST_E_MISSING_AUTH},
    {"IncompleteSignature", SST_E_INCOMPLETE_SIGNATURE},
    {"ServiceUnavailable", SST_E_UNAVAILABLE},
    {"RequestEntityTooLarge", SST_E_REQUEST_TOO_LARGE},
    {"DuplicateItem", SST_E_DUPLICATE_ITEM},
};

static_assert(sizeof rows / sizeof rows[0] == SST_CODE_COUNT,
              "one row per sst_code");

static const struct code_row *
row_of(enum sst_code code)
{
    if ((unsigned)code >= SST_CODE_COUNT || rows[code].name == NULL)
        return NULL;
    return &rows[code];
}

const char *
sst_code_name(enum sst_code code)
{
    const struct code_row *r = row_of(code);
    return r ? r->name : "SST_E_?";
}

const char *
sst_code_type(enum sst_code code)
{
    const struct code_row *r = row_of(code);
    return r ? r->type : NULL;
}

const char *
sst_code_qualified_type(enum sst_code code)
{
    const struct code_row *r = row_of(code);
    return r ? r->qualified : NULL;
}

int
sst_code_http_status(enum sst_code code)
{
    const struct code_row *r = row_of(code);
    return r ? r->http_status : 0;
}

/* The part after the last '#', as DynamoDB qualifies its types. */
static const char *
short_type(const char *type)
{
    const char *hash = strrchr(type, '#');
    return hash ? hash + 1 : type;
}

enum sst_code
sst_code_from_type(const char *type)
{
    const char *s;
    size_t i;

    if (type == NULL || *type == '\0')
        return SST_E_UNKNOWN_ERROR;
    s = short_type(type);
    for (i = 0; i < SST_CODE_COUNT; i++)
        if (rows[i].type != NULL && strcmp(rows[i].type, s) == 0)
            return (enum sst_code)i;
    for (i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (strcmp(aliases[i].type, s) == 0)
            return aliases[i].code;
    return SST_E_UNKNOWN_ERROR;
}

static void
copy_str(char *dst, size_t cap, const char *src)
{
    size_t n = src ? strlen(src) : 0;
    if (n >= cap)
        n = cap - 1;
    if (n)
        memcpy(dst, src, n);
    dst[n] = '\0';
}

enum sst_code
sst_err_vset(struct sst_err *err, enum sst_code code, const char *fmt,
             va_list ap)
{
    if (err == NULL)
        return code;
    err->code = code;
    copy_str(err->type, sizeof err->type, sst_code_type(code));
    err->http_status = 0;
    err->cause = 0;
    if (fmt == NULL)
        err->message[0] = '\0';
    else
        (void)vsnprintf(err->message, sizeof err->message, fmt, ap);
    return code;
}

enum sst_code
sst_err_set(struct sst_err *err, enum sst_code code, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    (void)sst_err_vset(err, code, fmt, ap);
    va_end(ap);
    return code;
}

enum sst_code
sst_err_set_dynamodb(struct sst_err *err, const char *type,
                     const char *message, int http_status)
{
    enum sst_code code = sst_code_from_type(type);

    if (err == NULL)
        return code;
    err->code = code;
    copy_str(err->type, sizeof err->type, type ? short_type(type) : NULL);
    copy_str(err->message, sizeof err->message, message);
    err->http_status = http_status;
    err->cause = 0;
    return code;
}

void
sst_err_clear(struct sst_err *err)
{
    if (err == NULL)
        return;
    memset(err, 0, sizeof *err);
    err->code = SST_OK;
}
