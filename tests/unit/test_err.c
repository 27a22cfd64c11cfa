/*
 * tests/unit/test_err.c - the error table of src/err.c: names, DynamoDB
 * types, HTTP statuses and the round trip type -> code -> type.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sst/sst.h>

#include "harness.h"

/* An independent copy of what DynamoDB sends, written from AWS's API
 * reference; the table must agree with it row by row. */
static const struct {
    enum sst_code code;
    const char *name;
    const char *qualified;
    int status;
} expected[] = {
    {SST_E_VALIDATION, "SST_E_VALIDATION",
     "com.amazon.coral.validate#ValidationException", 400},
    {SST_E_CONDITION_FAILED, "SST_E_CONDITION_FAILED",
     "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException", 400},
    {SST_E_NOT_FOUND, "SST_E_NOT_FOUND",
     "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException", 400},
    {SST_E_IN_USE, "SST_E_IN_USE",
     "com.amazonaws.dynamodb.v20120810#ResourceInUseException", 400},
    {SST_E_TXN_CANCELED, "SST_E_TXN_CANCELED",
     "com.amazonaws.dynamodb.v20120810#TransactionCanceledException", 400},
    {SST_E_TXN_CONFLICT, "SST_E_TXN_CONFLICT",
     "com.amazonaws.dynamodb.v20120810#TransactionConflictException", 400},
    {SST_E_TXN_IN_PROGRESS, "SST_E_TXN_IN_PROGRESS",
     "com.amazonaws.dynamodb.v20120810#TransactionInProgressException", 400},
    {SST_E_IDEMPOTENT_MISMATCH, "SST_E_IDEMPOTENT_MISMATCH",
     "com.amazonaws.dynamodb.v20120810#IdempotentParameterMismatchException",
     400},
    {SST_E_THROTTLED, "SST_E_THROTTLED",
     "com.amazonaws.dynamodb.v20120810#"
     "ProvisionedThroughputExceededException",
     400},
    {SST_E_REQUEST_LIMIT, "SST_E_REQUEST_LIMIT",
     "com.amazonaws.dynamodb.v20120810#RequestLimitExceeded", 400},
    {SST_E_THROTTLING, "SST_E_THROTTLING",
     "com.amazon.coral.availability#ThrottlingException", 400},
    {SST_E_LIMIT_EXCEEDED, "SST_E_LIMIT_EXCEEDED",
     "com.amazonaws.dynamodb.v20120810#LimitExceededException", 400},
    {SST_E_ITEM_COLLECTION_SIZE, "SST_E_ITEM_COLLECTION_SIZE",
     "com.amazonaws.dynamodb.v20120810#"
     "ItemCollectionSizeLimitExceededException",
     400},
    {SST_E_SERIALIZATION, "SST_E_SERIALIZATION",
     "com.amazon.coral.service#SerializationException", 400},
    {SST_E_UNKNOWN_OPERATION, "SST_E_UNKNOWN_OPERATION",
     "com.amazon.coral.service#UnknownOperationException", 400},
    {SST_E_MISSING_AUTH, "SST_E_MISSING_AUTH",
     "com.amazon.coral.service#MissingAuthenticationTokenException", 400},
    {SST_E_INCOMPLETE_SIGNATURE, "SST_E_INCOMPLETE_SIGNATURE",
     "com.amazon.coral.service#IncompleteSignatureException", 400},
    {SST_E_INVALID_SIGNATURE, "SST_E_INVALID_SIGNATURE",
     "com.amazon.coral.service#InvalidSignatureException", 400},
    {SST_E_UNRECOGNIZED_CLIENT, "SST_E_UNRECOGNIZED_CLIENT",
     "com.amazon.coral.service#UnrecognizedClientException", 400},
    {SST_E_ACCESS_DENIED, "SST_E_ACCESS_DENIED",
     "com.amazon.coral.service#AccessDeniedException", 400},
    {SST_E_REQUEST_TOO_LARGE, "SST_E_REQUEST_TOO_LARGE",
     "com.amazon.coral.service#RequestEntityTooLargeException", 413},
    {SST_E_INTERNAL, "SST_E_INTERNAL",
     "com.amazonaws.dynamodb.v20120810#InternalServerError", 500},
    {SST_E_INTERNAL_FAILURE, "SST_E_INTERNAL_FAILURE",
     "com.amazon.coral.service#InternalFailure", 500},
    {SST_E_UNAVAILABLE, "SST_E_UNAVAILABLE",
     "com.amazon.coral.availability#ServiceUnavailableException", 503},
    {SST_E_DUPLICATE_ITEM, "SST_E_DUPLICATE_ITEM",
     "com.amazonaws.dynamodb.v20120810#DuplicateItemException", 400},
    {SST_E_EXPIRED_ITERATOR, "SST_E_EXPIRED_ITERATOR",
     "com.amazonaws.dynamodb.v20120810#ExpiredIteratorException", 400},
    {SST_E_TRIMMED_DATA, "SST_E_TRIMMED_DATA",
     "com.amazonaws.dynamodb.v20120810#TrimmedDataAccessException", 400},
    {SST_E_TABLE_NOT_FOUND, "SST_E_TABLE_NOT_FOUND",
     "com.amazonaws.dynamodb.v20120810#TableNotFoundException", 400},
};

static const struct {
    enum sst_code code;
    const char *name;
} library_codes[] = {
    {SST_OK, "SST_OK"},
    {SST_E_TRANSPORT, "SST_E_TRANSPORT"},
    {SST_E_STORAGE, "SST_E_STORAGE"},
    {SST_E_NOMEM, "SST_E_NOMEM"},
    {SST_E_INVALID_ARG, "SST_E_INVALID_ARG"},
    {SST_E_ITEM_NOT_FOUND, "SST_E_ITEM_NOT_FOUND"},
    {SST_E_VERSION_CONFLICT, "SST_E_VERSION_CONFLICT"},
    {SST_E_INVALID_DATA, "SST_E_INVALID_DATA"},
    {SST_E_UNKNOWN_ERROR, "SST_E_UNKNOWN_ERROR"},
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void
every_code_is_listed_once(void)
{
    CU_ASSERT_EQUAL(N(expected) + N(library_codes), SST_CODE_COUNT);
}

static void
dynamodb_rows_match_aws(void)
{
    size_t i;

    for (i = 0; i < N(expected); i++) {
        const char *q = expected[i].qualified;
        const char *shortname = strchr(q, '#') + 1;

        SST_ASSERT_STR_EQ(sst_code_name(expected[i].code), expected[i].name);
        SST_ASSERT_STR_EQ(sst_code_qualified_type(expected[i].code), q);
        SST_ASSERT_STR_EQ(sst_code_type(expected[i].code), shortname);
        CU_ASSERT_EQUAL(sst_code_http_status(expected[i].code),
                        expected[i].status);
    }
}

static void
round_trip_short_and_qualified(void)
{
    size_t i;

    for (i = 0; i < N(expected); i++) {
        enum sst_code c = expected[i].code;
        CU_ASSERT_EQUAL(sst_code_from_type(sst_code_type(c)), c);
        CU_ASSERT_EQUAL(sst_code_from_type(sst_code_qualified_type(c)), c);
        /* DynamoDB Local qualifies every type with the dynamodb prefix. */
        {
            char buf[160];
            snprintf(buf, sizeof buf, "com.amazonaws.dynamodb.v20120810#%s",
                     sst_code_type(c));
            CU_ASSERT_EQUAL(sst_code_from_type(buf), c);
        }
    }
}

static void
library_codes_have_no_type(void)
{
    size_t i;

    for (i = 0; i < N(library_codes); i++) {
        enum sst_code c = library_codes[i].code;
        SST_ASSERT_STR_EQ(sst_code_name(c), library_codes[i].name);
        CU_ASSERT_PTR_NULL(sst_code_type(c));
        CU_ASSERT_PTR_NULL(sst_code_qualified_type(c));
        CU_ASSERT_EQUAL(sst_code_http_status(c), 0);
    }
}

static void
unknown_types_and_codes(void)
{
    CU_ASSERT_EQUAL(sst_code_from_type(NULL), SST_E_UNKNOWN_ERROR);
    CU_ASSERT_EQUAL(sst_code_from_type(""), SST_E_UNKNOWN_ERROR);
    CU_ASSERT_EQUAL(sst_code_from_type("x#NoSuchException"),
                    SST_E_UNKNOWN_ERROR);
    CU_ASSERT_EQUAL(sst_code_from_type("validationexception"),
                    SST_E_UNKNOWN_ERROR);
    CU_ASSERT_EQUAL(
        sst_code_from_type(
            "com.amazonaws.dynamodb.v20120810#MissingAuthenticationToken"),
        SST_E_MISSING_AUTH);
    CU_ASSERT_EQUAL(
        sst_code_from_type("com.amazonaws.dynamodb.v20120810#DuplicateItem"),
        SST_E_DUPLICATE_ITEM);
    SST_ASSERT_STR_EQ(sst_code_name((enum sst_code)-1), "SST_E_?");
    SST_ASSERT_STR_EQ(sst_code_name(SST_CODE_COUNT), "SST_E_?");
    CU_ASSERT_PTR_NULL(sst_code_type(SST_CODE_COUNT));
    CU_ASSERT_EQUAL(sst_code_http_status((enum sst_code)999), 0);
}

static void
err_set_fills_every_field(void)
{
    struct sst_err e;

    memset(&e, 0x55, sizeof e);
    CU_ASSERT_EQUAL(sst_err_set(&e, SST_E_VALIDATION, "bad %s %d", "x", 7),
                    SST_E_VALIDATION);
    CU_ASSERT_EQUAL(e.code, SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(e.type, "ValidationException");
    SST_ASSERT_STR_EQ(e.message, "bad x 7");
    CU_ASSERT_EQUAL(e.http_status, 0);
    CU_ASSERT_EQUAL(e.cause, 0);

    CU_ASSERT_EQUAL(sst_err_set(&e, SST_E_STORAGE, "disk"), SST_E_STORAGE);
    SST_ASSERT_STR_EQ(e.type, "");
    CU_ASSERT_EQUAL(sst_err_set(NULL, SST_E_NOMEM, "x"), SST_E_NOMEM);

    sst_err_clear(&e);
    CU_ASSERT_EQUAL(e.code, SST_OK);
    SST_ASSERT_STR_EQ(e.message, "");
    sst_err_clear(NULL);
}

static void
err_message_truncates(void)
{
    struct sst_err e;
    char big[600];

    memset(big, 'm', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    sst_err_set(&e, SST_E_VALIDATION, "%s", big);
    CU_ASSERT_EQUAL(strlen(e.message), SST_ERR_MESSAGE_MAX - 1);
}

static void
err_from_dynamodb_answer(void)
{
    struct sst_err e;
    char longtype[200];

    CU_ASSERT_EQUAL(
        sst_err_set_dynamodb(
            &e, "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
            "Requested resource not found", 400),
        SST_E_NOT_FOUND);
    SST_ASSERT_STR_EQ(e.type, "ResourceNotFoundException");
    SST_ASSERT_STR_EQ(e.message, "Requested resource not found");
    CU_ASSERT_EQUAL(e.http_status, 400);

    CU_ASSERT_EQUAL(sst_err_set_dynamodb(&e, "x#BrandNewException", "m", 400),
                    SST_E_UNKNOWN_ERROR);
    SST_ASSERT_STR_EQ(e.type, "BrandNewException");

    memset(longtype, 'T', sizeof longtype - 1);
    longtype[sizeof longtype - 1] = '\0';
    sst_err_set_dynamodb(&e, longtype, NULL, 500);
    CU_ASSERT_EQUAL(strlen(e.type), SST_ERR_TYPE_MAX - 1);
    SST_ASSERT_STR_EQ(e.message, "");
}

static void
version_matches_headers(void)
{
    SST_ASSERT_STR_EQ(sst_version(), SST_VERSION_STRING);
    SST_ASSERT_STR_EQ(sst_version(), PACKAGE_VERSION);
    CU_ASSERT_EQUAL(sst_version_number(), 0x000100u);
}

static const struct sst_test err_tests[] = {
    {"every code listed once", every_code_is_listed_once},
    {"DynamoDB rows match AWS", dynamodb_rows_match_aws},
    {"type round trip", round_trip_short_and_qualified},
    {"library codes have no type", library_codes_have_no_type},
    {"unknown types and codes", unknown_types_and_codes},
    {"sst_err_set fills every field", err_set_fills_every_field},
    {"message truncates", err_message_truncates},
    {"error from a DynamoDB answer", err_from_dynamodb_answer},
    {NULL, NULL},
};

static const struct sst_test version_tests[] = {
    {"version matches headers and configure", version_matches_headers},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"err", NULL, NULL, err_tests},
        {"version", NULL, NULL, version_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_err", suites);
}
