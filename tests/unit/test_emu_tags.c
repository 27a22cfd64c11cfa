/*
 * tests/unit/test_emu_tags.c - tags: TagResource, UntagResource,
 * ListTagsOfResource and CreateTable's Tags, in the emulator in-process
 * (emu/ops/tags.c; docs/emulator.md, "Tags").
 *
 * DynamoDB Local refuses tagging, so the expected answers are AWS's:
 * its documented limits and the messages it answers. Each case states the
 * exact tag list, or the exact error (code, __type, message).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/sst.h>

#include "harness.h"
#include "tests/unit/emu_test_util.h"
#include "tests/unit/tables_test_util.h"

#define ARN "arn:aws:dynamodb:ddblocal:000000000000:table/tab"
#define TABLE_SMALL                                                            \
    "{\"TableName\":\"tab\",\"BillingMode\":\"PAY_PER_REQUEST\","              \
    "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],"         \
    "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\","                     \
    "\"AttributeType\":\"S\"}]"
#define LIST_REQ "{\"ResourceArn\":\"" ARN "\"}"

/* TagResource of the tags (a JSON list's text) on ARN. */
static char *
tag_req(const char *tags)
{
    static char buf[16384];

    snprintf(buf, sizeof buf, "{\"ResourceArn\":\"%s\",\"Tags\":%s}", ARN,
             tags);
    return buf;
}

/* The table's tags as ListTagsOfResource answers them, as JSON text. */
static void
expect_tags(struct sst_backend *b, const char *want)
{
    tt_ok_text(b, "ListTagsOfResource", LIST_REQ, want);
}

static void
expect_invalid(struct sst_backend *b, const char *op, const char *req,
               const char *message)
{
    tt_expect_error(b, op, req, SST_E_VALIDATION, "ValidationException",
                    message);
}

static struct sst_backend *
open_with_table(void)
{
    struct sst_backend *b = tt_open_memory();

    json_object_put(tt_ok(b, "CreateTable", TABLE_SMALL "}"));
    return b;
}

/* ------------------------------------------------------------------ */
/* what tags do                                                        */

static void
create_table_tags_are_listed(void)
{
    struct sst_backend *b = tt_open_memory();
    struct json_object *r;

    r = tt_ok(b, "CreateTable",
              TABLE_SMALL ",\"Tags\":[{\"Key\":\"env\",\"Value\":\"test\"},"
                          "{\"Key\":\"team\",\"Value\":\"\"}]}");
    /* TableDescription has no tags, in AWS as here */
    CU_ASSERT_PTR_NULL(tt_at(r, "TableDescription.Tags"));
    json_object_put(r);
    expect_tags(b, "{\"Tags\":[{\"Key\":\"env\",\"Value\":\"test\"},"
                   "{\"Key\":\"team\",\"Value\":\"\"}]}");
    r = tt_ok(b, "DescribeTable", "{\"TableName\":\"tab\"}");
    CU_ASSERT_PTR_NULL(tt_at(r, "Table.Tags"));
    json_object_put(r);
    /* an empty list is allowed in CreateTable (not in TagResource) */
    json_object_put(tt_ok(b, "DeleteTable", "{\"TableName\":\"tab\"}"));
    json_object_put(tt_ok(b, "CreateTable", TABLE_SMALL ",\"Tags\":[]}"));
    expect_tags(b, "{\"Tags\":[]}");
    sst_backend_close(b);
}

static void
tag_upserts_untag_removes(void)
{
    struct sst_backend *b = open_with_table();

    expect_tags(b, "{\"Tags\":[]}");
    tt_ok_text(b, "TagResource",
               tag_req("[{\"Key\":\"a\",\"Value\":\"1\"},"
                       "{\"Key\":\"b\",\"Value\":\"2\"}]"),
               "{}");
    /* a known key takes the new value and keeps its place */
    json_object_put(tt_ok(b, "TagResource",
                          tag_req("[{\"Key\":\"c\",\"Value\":\"4\"},"
                                  "{\"Key\":\"a\",\"Value\":\"3\"}]")));
    expect_tags(b, "{\"Tags\":[{\"Key\":\"a\",\"Value\":\"3\"},"
                   "{\"Key\":\"b\",\"Value\":\"2\"},"
                   "{\"Key\":\"c\",\"Value\":\"4\"}]}");
    /* keys are case-sensitive; an absent key is no error */
    tt_ok_text(b, "UntagResource",
               "{\"ResourceArn\":\"" ARN "\",\"TagKeys\":[\"b\",\"B\","
               "\"absent\"]}",
               "{}");
    expect_tags(b, "{\"Tags\":[{\"Key\":\"a\",\"Value\":\"3\"},"
                   "{\"Key\":\"c\",\"Value\":\"4\"}]}");
    /* the same tags again change nothing */
    json_object_put(
        tt_ok(b, "TagResource", tag_req("[{\"Key\":\"c\",\"Value\":\"4\"}]")));
    json_object_put(tt_ok(b, "UntagResource",
                          "{\"ResourceArn\":\"" ARN "\",\"TagKeys\":[\"a\","
                          "\"c\"]}"));
    expect_tags(b, "{\"Tags\":[]}");
    /* NextToken is never given, and one sent is ignored */
    tt_ok_text(b, "ListTagsOfResource",
               "{\"ResourceArn\":\"" ARN "\",\"NextToken\":\"x\"}",
               "{\"Tags\":[]}");
    sst_backend_close(b);
}

/* Letters and numbers of any script, the separators of Unicode, and
 * + - = . _ : / @ are allowed; other characters are not. */
static void
characters(void)
{
    static const char *const good[] = {
        "a+b-c=d.e_f:g/h@i",
        " leading space",
        "\xd0\xba\xd0\xbb\xd1\x8e"
        "\xd1\x87",     /* Cyrillic */
        "\xe8\xa1\xa8", /* CJK */
        "caf\xc3\xa9",
        "no\xc2\xa0"
        "break",                 /* NBSP */
        "ideo\xe3\x80\x80space", /* U+3000 */
        "\xd9\xa1\xd9\xa2",      /* Arabic-Indic digits */
        "myaws:foo",
    };
    static const char *const bad[] = {
        "hi!", "d%g", "\\\"q\\\"", "a,b", "a&b", "(x)", "~a",
        "a\\tb",            /* a tab */
        "\xf0\x9f\x94\x91", /* emoji */
        "e\xcc\x81",        /* a combining mark */
    };
    struct sst_backend *b = open_with_table();
    char req[512], tags[256], msg[256];
    size_t i;

    for (i = 0; i < sizeof good / sizeof good[0]; i++) {
        snprintf(tags, sizeof tags, "[{\"Key\":\"%s\",\"Value\":\"%s\"}]",
                 good[i], good[i]);
        json_object_put(tt_ok(b, "TagResource", tag_req(tags)));
    }
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct json_object *k = json_tokener_parse(
            (snprintf(req, sizeof req, "\"%s\"", bad[i]), req));
        const char *text = json_object_get_string(k);

        snprintf(tags, sizeof tags, "[{\"Key\":\"%s\",\"Value\":\"v\"}]",
                 bad[i]);
        snprintf(msg, sizeof msg, "The Tag Key provided is invalid, Key: %s",
                 text);
        expect_invalid(b, "TagResource", tag_req(tags), msg);
        snprintf(tags, sizeof tags, "[{\"Key\":\"k\",\"Value\":\"%s\"}]",
                 bad[i]);
        snprintf(msg, sizeof msg,
                 "The Tag Value provided is invalid, Value: %s", text);
        expect_invalid(b, "TagResource", tag_req(tags), msg);
        json_object_put(k);
    }
    /* nothing of a refused call was applied */
    snprintf(req, sizeof req, LIST_REQ);
    {
        struct json_object *r = tt_ok(b, "ListTagsOfResource", req);

        CU_ASSERT_EQUAL(json_object_array_length(tt_at(r, "Tags")),
                        sizeof good / sizeof good[0]);
        json_object_put(r);
    }
    sst_backend_close(b);
}

/* Keys of 1 to 128 UTF-16 units, values of 0 to 256. */
static void
lengths(void)
{
    struct sst_backend *b = open_with_table();
    char key[300], value[300], tags[700], msg[700];

    memset(key, 'k', 128);
    key[128] = '\0';
    memset(value, 'v', 256);
    value[256] = '\0';
    snprintf(tags, sizeof tags, "[{\"Key\":\"%s\",\"Value\":\"%s\"}]", key,
             value);
    json_object_put(tt_ok(b, "TagResource", tag_req(tags)));
    strcat(key, "k");
    snprintf(tags, sizeof tags, "[{\"Key\":\"%s\",\"Value\":\"v\"}]", key);
    snprintf(msg, sizeof msg, "The Tag Key provided is invalid, Key: %s", key);
    expect_invalid(b, "TagResource", tag_req(tags), msg);
    strcat(value, "v");
    snprintf(tags, sizeof tags, "[{\"Key\":\"k\",\"Value\":\"%s\"}]", value);
    snprintf(msg, sizeof msg, "The Tag Value provided is invalid, Value: %s",
             value);
    expect_invalid(b, "TagResource", tag_req(tags), msg);
    /* 64 characters outside the BMP are 128 UTF-16 units, 65 too many */
    key[0] = '\0';
    while (strlen(key) < 4 * 64)
        strcat(key, "\xf0\xa0\x80\x80"); /* U+20000, a CJK letter */
    snprintf(tags, sizeof tags, "[{\"Key\":\"%s\",\"Value\":\"\"}]", key);
    json_object_put(tt_ok(b, "TagResource", tag_req(tags)));
    strcat(key, "\xf0\xa0\x80\x80");
    snprintf(tags, sizeof tags, "[{\"Key\":\"%s\",\"Value\":\"\"}]", key);
    snprintf(msg, sizeof msg, "The Tag Key provided is invalid, Key: %s", key);
    expect_invalid(b, "TagResource", tag_req(tags), msg);
    expect_invalid(b, "TagResource",
                   tag_req("[{\"Key\":\"\",\"Value\":\"v\"}]"),
                   "The Tag Key provided is invalid, Key: ");
    sst_backend_close(b);
}

/* At most 50 tags, counted after the merge. */
static void
fifty_tags(void)
{
    struct sst_backend *b = open_with_table();
    char tags[4096];
    size_t n = 0;
    int i;

    n += (size_t)snprintf(tags + n, sizeof tags - n, "[");
    for (i = 0; i < 51; i++)
        n += (size_t)snprintf(tags + n, sizeof tags - n,
                              "%s{\"Key\":\"k%02d\",\"Value\":\"v\"}",
                              i ? "," : "", i);
    snprintf(tags + n, sizeof tags - n, "]");
    expect_invalid(b, "TagResource", tag_req(tags),
                   "Number of Tags exceed the current limit for the provided "
                   "ResourceArn");
    /* the first 50 */
    strcpy(strstr(tags, ",{\"Key\":\"k50\""), "]");
    json_object_put(tt_ok(b, "TagResource", tag_req(tags)));
    expect_invalid(b, "TagResource",
                   tag_req("[{\"Key\":\"k00\",\"Value\":\"w\"},"
                           "{\"Key\":\"new\",\"Value\":\"w\"}]"),
                   "Number of Tags exceed the current limit for the provided "
                   "ResourceArn");
    /* a known key's new value is no new tag */
    json_object_put(tt_ok(b, "TagResource",
                          tag_req("[{\"Key\":\"k00\",\"Value\":\"w\"}]")));
    {
        struct json_object *r = tt_ok(b, "ListTagsOfResource", LIST_REQ);

        CU_ASSERT_EQUAL(json_object_array_length(tt_at(r, "Tags")), 50);
        SST_ASSERT_STR_EQ(tt_str_at(r, "Tags[0].Value"), "w");
        CU_ASSERT_PTR_NULL(tt_at(r, "NextToken"));
        json_object_put(r);
    }
    /* CreateTable refuses 51 and creates nothing */
    json_object_put(tt_ok(b, "DeleteTable", "{\"TableName\":\"tab\"}"));
    strcpy(strrchr(tags, ']'), ",{\"Key\":\"k50\",\"Value\":\"v\"}]");
    {
        char req[8192];

        snprintf(req, sizeof req, TABLE_SMALL ",\"Tags\":%s}", tags);
        expect_invalid(b, "CreateTable", req,
                       "Number of Tags exceed the current limit for the "
                       "provided ResourceArn");
    }
    tt_expect_error(b, "DescribeTable", "{\"TableName\":\"tab\"}",
                    SST_E_NOT_FOUND, "ResourceNotFoundException",
                    "Cannot do operations on a non-existent table");
    sst_backend_close(b);
}

/* Tags belong to the table's record: they survive a reopen of an
 * emu:PATH store, and go with the table. */
static void
tags_persist_and_go_with_the_table(void)
{
    struct sst_backend *b = NULL;
    struct sst_err e;
    char dir[256], uri[320];

    tt_temp_store("tags", dir, uri);
    CU_ASSERT_EQUAL_FATAL(sst_backend_open(uri, &b, &e), SST_OK);
    json_object_put(tt_ok(b, "CreateTable", TABLE_SMALL "}"));
    json_object_put(tt_ok(b, "TagResource",
                          tag_req("[{\"Key\":\"env\",\"Value\":\"prod\"}]")));
    sst_backend_close(b);
    CU_ASSERT_EQUAL_FATAL(sst_backend_open(uri, &b, &e), SST_OK);
    expect_tags(b, "{\"Tags\":[{\"Key\":\"env\",\"Value\":\"prod\"}]}");
    /* UpdateTable keeps them */
    json_object_put(
        tt_ok(b, "UpdateTable",
              "{\"TableName\":\"tab\",\"BillingMode\":"
              "\"PROVISIONED\",\"ProvisionedThroughput\":{"
              "\"ReadCapacityUnits\":1,\"WriteCapacityUnits\":1}}"));
    expect_tags(b, "{\"Tags\":[{\"Key\":\"env\",\"Value\":\"prod\"}]}");
    json_object_put(tt_ok(b, "DeleteTable", "{\"TableName\":\"tab\"}"));
    tt_expect_error(b, "ListTagsOfResource", LIST_REQ, SST_E_NOT_FOUND,
                    "ResourceNotFoundException",
                    "Requested resource not found: ResourceArn: " ARN
                    " not found");
    json_object_put(tt_ok(b, "CreateTable", TABLE_SMALL "}"));
    expect_tags(b, "{\"Tags\":[]}");
    sst_backend_close(b);
    tt_remove_dir(dir);
}

/* ------------------------------------------------------------------ */
/* refused requests                                                    */

struct refusal {
    const char *op;
    const char *req;
    enum sst_code code;
    const char *message;
};

#define NULL_ARN                                                               \
    "Value null at 'resourceArn' failed to satisfy constraint: Member must "   \
    "not be null"
#define OTHER "arn:aws:dynamodb:ddblocal:000000000000:table/"

static const struct refusal refusals[] = {
    {"TagResource", "{}", SST_E_VALIDATION,
     "2 validation errors detected: " NULL_ARN "; Value null at 'tags' "
     "failed to satisfy constraint: Member must not be null"},
    {"TagResource", "{\"ResourceArn\":\"" ARN "\"}", SST_E_VALIDATION,
     "1 validation error detected: Value null at 'tags' failed to satisfy "
     "constraint: Member must not be null"},
    {"TagResource", "{\"ResourceArn\":\"\",\"Tags\":[]}", SST_E_VALIDATION,
     "1 validation error detected: Value '' at 'resourceArn' failed to "
     "satisfy constraint: Member must have length greater than or equal "
     "to 1"},
    {"UntagResource", "{}", SST_E_VALIDATION,
     "2 validation errors detected: " NULL_ARN "; Value null at 'tagKeys' "
     "failed to satisfy constraint: Member must not be null"},
    {"ListTagsOfResource", "{}", SST_E_VALIDATION,
     "1 validation error detected: " NULL_ARN},
    /* the ARN's form */
    {"TagResource", "{\"ResourceArn\":\"tab\",\"Tags\":[]}", SST_E_VALIDATION,
     "One or more parameter values were invalid: ARNs must start with "
     "'arn:': tab"},
    {"ListTagsOfResource", "{\"ResourceArn\":\"arn:aws:s3:::bucket/x\"}",
     SST_E_VALIDATION,
     "One or more parameter values were invalid: Provided Arn is not a "
     "DynamoDB resource arn: arn:aws:s3:::bucket/x"},
    {"ListTagsOfResource", "{\"ResourceArn\":\"arn:not/a/good/format\"}",
     SST_E_VALIDATION,
     "One or more parameter values were invalid: Provided Arn is not a "
     "DynamoDB resource arn: arn:not/a/good/format"},
    {"ListTagsOfResource", "{\"ResourceArn\":\"" ARN "/backup/017\"}",
     SST_E_VALIDATION,
     "One or more parameter values were invalid: Provided Arn is not a "
     "DynamoDB resource arn: " ARN "/backup/017"},
    {"UntagResource",
     "{\"ResourceArn\":\"" ARN "/index/gsi\",\"TagKeys\":[\"k\"]}",
     SST_E_VALIDATION,
     "One or more parameter values were invalid: Invalid resource arn "
     "provided, only table or stream is accepted. Provided resource arn: " ARN
     "/index/gsi"},
    {"ListTagsOfResource",
     "{\"ResourceArn\":\"" ARN "/stream/2026-11-25T19:11:52.989\"}",
     SST_E_VALIDATION,
     "One or more parameter values were invalid: The emulator tags tables "
     "only, not streams. Provided resource arn: " ARN
     "/stream/2026-11-25T19:11:52.989"},
    {"ListTagsOfResource",
     "{\"ResourceArn\":\"arn:aws:dynamodb:us-east-1:000000000000:table/"
     "tab\"}",
     SST_E_VALIDATION,
     "Invalid TableArn: Invalid ResourceArn provided as input "
     "arn:aws:dynamodb:us-east-1:000000000000:table/tab"},
    {"ListTagsOfResource",
     "{\"ResourceArn\":\"arn:aws-cn:dynamodb:ddblocal:000000000000:table/"
     "tab\"}",
     SST_E_VALIDATION,
     "Invalid TableArn: Invalid ResourceArn provided as input "
     "arn:aws-cn:dynamodb:ddblocal:000000000000:table/tab"},
    {"ListTagsOfResource",
     "{\"ResourceArn\":\"arn:aws:dynamodb:ddblocal:123456789012:table/"
     "tab\"}",
     SST_E_VALIDATION,
     "Invalid TableArn: Invalid ResourceArn provided as input "
     "arn:aws:dynamodb:ddblocal:123456789012:table/tab"},
    {"ListTagsOfResource", "{\"ResourceArn\":\"" OTHER "tab2\"}",
     SST_E_NOT_FOUND,
     "Requested resource not found: ResourceArn: " OTHER "tab2 not found"},
    {"TagResource",
     "{\"ResourceArn\":\"" OTHER "x\",\"Tags\":[{\"Key\":\"k\","
     "\"Value\":\"v\"}]}",
     SST_E_NOT_FOUND,
     "Requested resource not found: ResourceArn: " OTHER "x not found"},
    /* the lists */
    {"TagResource", "{\"ResourceArn\":\"" ARN "\",\"Tags\":[]}",
     SST_E_VALIDATION, "Atleast one Tag needs to be provided as Input."},
    {"UntagResource", "{\"ResourceArn\":\"" ARN "\",\"TagKeys\":[]}",
     SST_E_VALIDATION, "Atleast one Tag Key needs to be provided as Input."},
    {"TagResource", "{\"ResourceArn\":\"" ARN "\",\"Tags\":[{}]}",
     SST_E_VALIDATION, "The Tag Key provided is invalid, Key: null"},
    {"TagResource", "{\"ResourceArn\":\"" ARN "\",\"Tags\":[null]}",
     SST_E_VALIDATION, "The Tag Key provided is invalid, Key: null"},
    {"TagResource", "{\"ResourceArn\":\"" ARN "\",\"Tags\":[{\"Key\":\"k\"}]}",
     SST_E_VALIDATION, "The Tag Value provided is invalid, Value: null"},
    {"TagResource",
     "{\"ResourceArn\":\"" ARN "\",\"Tags\":[{\"Key\":\"aws:foo\","
     "\"Value\":\"v\"}]}",
     SST_E_VALIDATION, "Tag Key cannot be prefixed with aws:, Key: aws:foo"},
    {"TagResource",
     "{\"ResourceArn\":\"" ARN "\",\"Tags\":[{\"Key\":\"AwS:x\","
     "\"Value\":\"v\"}]}",
     SST_E_VALIDATION, "Tag Key cannot be prefixed with aws:, Key: AwS:x"},
    {"UntagResource",
     "{\"ResourceArn\":\"" ARN "\",\"TagKeys\":[\"k\",\"aws:foo\"]}",
     SST_E_VALIDATION, "Tag Key cannot be prefixed with aws:, Key: aws:foo"},
    {"UntagResource", "{\"ResourceArn\":\"" ARN "\",\"TagKeys\":[\"\"]}",
     SST_E_VALIDATION, "The Tag Key provided is invalid, Key: "},
    {"UntagResource", "{\"ResourceArn\":\"" ARN "\",\"TagKeys\":[null]}",
     SST_E_VALIDATION, "The Tag Key provided is invalid, Key: null"},
    {"TagResource",
     "{\"ResourceArn\":\"" ARN "\",\"Tags\":[{\"Key\":\"dup\",\"Value\":"
     "\"1\"},{\"Key\":\"x\",\"Value\":\"2\"},{\"Key\":\"dup\",\"Value\":"
     "\"1\"}]}",
     SST_E_VALIDATION,
     "Duplicate Tag Keys provided as input: Duplicate Tag Key found dup"},
    /* every tag is checked before repeated keys are looked for */
    {"TagResource",
     "{\"ResourceArn\":\"" ARN "\",\"Tags\":[{\"Key\":\"d\",\"Value\":"
     "\"1\"},{\"Key\":\"d\",\"Value\":\"1\"},{\"Key\":\"#\",\"Value\":"
     "\"1\"}]}",
     SST_E_VALIDATION, "The Tag Key provided is invalid, Key: #"},
    /* CreateTable: its own faults first, DynamoDB Local's order */
    {"CreateTable",
     "{\"TableName\":\"t\",\"Tags\":[{\"Key\":\"#\",\"Value\":\"\"}]}",
     SST_E_VALIDATION,
     "Invalid table/index name.  Table/index names must be between 3 and "
     "255 characters long, and may contain only the characters a-z, A-Z, "
     "0-9, '_', '-', and '.'"},
    {"CreateTable",
     TABLE_SMALL ",\"Tags\":[{\"Key\":\"aws:x\",\"Value\":\"\"}]}",
     SST_E_VALIDATION, "Tag Key cannot be prefixed with aws:, Key: aws:x"},
    {"CreateTable",
     TABLE_SMALL ",\"Tags\":[{\"Key\":\"a\",\"Value\":\"\"},{\"Key\":"
                 "\"a\",\"Value\":\"\"}]}",
     SST_E_VALIDATION,
     "Duplicate Tag Keys provided as input: Duplicate Tag Key found a"},
    /* wrongly typed JSON is AWS's SerializationException */
    {"TagResource", "{\"ResourceArn\":\"" ARN "\",\"Tags\":\"x\"}",
     SST_E_SERIALIZATION, "Expected list or null"},
    {"UntagResource", "{\"ResourceArn\":\"" ARN "\",\"TagKeys\":[1]}",
     SST_E_SERIALIZATION,
     "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not "
     "be converted to an String"},
    {"ListTagsOfResource", "{\"ResourceArn\":true}", SST_E_SERIALIZATION,
     "class java.lang.Boolean can not be converted to an String"},
};

static void
refused(void)
{
    struct sst_backend *b = open_with_table();
    size_t i;

    json_object_put(tt_ok(b, "TagResource",
                          tag_req("[{\"Key\":\"keep\",\"Value\":\"1\"}]")));
    for (i = 0; i < sizeof refusals / sizeof refusals[0]; i++) {
        const struct refusal *r = &refusals[i];

        tt_expect_error(b, r->op, r->req, r->code, sst_code_type(r->code),
                        r->message);
    }
    /* none of them changed the tags or the tables */
    expect_tags(b, "{\"Tags\":[{\"Key\":\"keep\",\"Value\":\"1\"}]}");
    {
        struct json_object *r = tt_ok(b, "ListTables", "{}");

        SST_ASSERT_STR_EQ(tt_text_at(r, "TableNames"), "[\"tab\"]");
        json_object_put(r);
    }
    sst_backend_close(b);
}

/* An ARN of 1284 characters is too long; its message, like AWS's, quotes
 * it (cut at sst_err's 511 bytes). */
static void
arn_too_long(void)
{
    struct sst_backend *b = open_with_table();
    static char req[1400], arn[1300];
    struct json_object *j, *resp = NULL;
    struct sst_err e;
    const char *want = "1 validation error detected: Value 'arn:aaaa";

    memcpy(arn, "arn:", 4);
    memset(arn + 4, 'a', 1280);
    arn[1284] = '\0';
    snprintf(req, sizeof req, "{\"ResourceArn\":\"%s\"}", arn);
    j = tt_parse(req);
    CU_ASSERT_EQUAL(sst_backend_call(b, "ListTagsOfResource", j, &resp, &e),
                    SST_E_VALIDATION);
    CU_ASSERT_PTR_NULL(resp);
    CU_ASSERT_EQUAL(strncmp(e.message, want, strlen(want)), 0);
    CU_ASSERT_EQUAL(strlen(e.message), SST_ERR_MESSAGE_MAX - 1);
    json_object_put(j);
    /* 1283 characters pass the length check, and are no table */
    arn[1283] = '\0';
    snprintf(req, sizeof req, "{\"ResourceArn\":\"%s\"}", arn);
    j = tt_parse(req);
    CU_ASSERT_EQUAL(sst_backend_call(b, "ListTagsOfResource", j, &resp, &e),
                    SST_E_VALIDATION);
    CU_ASSERT_EQUAL(strncmp(e.message,
                            "One or more parameter values were invalid: "
                            "Provided Arn is not a DynamoDB resource arn: "
                            "arn:aaa",
                            88),
                    0);
    json_object_put(j);
    sst_backend_close(b);
}

/* Every allocation of the three operations and of CreateTable with tags
 * may fail: the call answers SST_E_NOMEM and leaks nothing, and a later
 * call succeeds. */
static void
out_of_memory_walk(void)
{
    struct sst_backend *b = tt_open_memory();
    struct sst_emu *emu = sst_emu_from_backend(b);

    /* a read transaction, kept for the next reader, lives on by design:
     * park one first (ListTables caches no table) */
    json_object_put(tt_ok(b, "ListTables", "{}"));
    et_oom_walk(emu, "CreateTable",
                tt_parse(TABLE_SMALL ",\"Tags\":[{\"Key\":\"a\",\"Value\":"
                                     "\"1\"}]}"),
                0);
    et_oom_walk(emu, "TagResource",
                tt_parse("{\"ResourceArn\":\"" ARN "\",\"Tags\":[{\"Key\":"
                         "\"b\",\"Value\":\"2\"},{\"Key\":\"a\","
                         "\"Value\":\"3\"}]}"),
                0);
    et_oom_walk(emu, "UntagResource",
                tt_parse("{\"ResourceArn\":\"" ARN "\",\"TagKeys\":"
                         "[\"a\"]}"),
                0);
    et_oom_walk(emu, "ListTagsOfResource", tt_parse(LIST_REQ), 0);
    expect_tags(b, "{\"Tags\":[{\"Key\":\"b\",\"Value\":\"2\"}]}");
    sst_backend_close(b);
}

static const struct sst_test tag_tests[] = {
    {"CreateTable's tags are listed", create_table_tags_are_listed},
    {"TagResource upserts, UntagResource removes", tag_upserts_untag_removes},
    {"characters AWS allows and refuses", characters},
    {"key and value lengths", lengths},
    {"at most 50 tags, after the merge", fifty_tags},
    {"tags persist and go with the table", tags_persist_and_go_with_the_table},
    {"refused requests: exact errors", refused},
    {"an ARN too long", arn_too_long},
    {"out-of-memory walk", out_of_memory_walk},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"tags", NULL, NULL, tag_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_emu_tags", suites);
}
