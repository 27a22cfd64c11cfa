/*
 * tests/unit/test_emu_streams.c - DynamoDB Streams on the emulator:
 * records of every write path with their exact sequence numbers, images
 * and sizes, the four view types, shard iterators of every type, paging,
 * a stream disabled, re-enabled and its table deleted, ListStreams'
 * orders, the TTL service's identity, 24-hour trimming, iterator expiry
 * and records surviving a reopen. tests/data/emu/streams_cases.json,
 * recorded from DynamoDB Local, checks the answers against DynamoDB
 * Local's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>

#include <sst/emu.h>
#include <sst/mem.h>
#include <sst/sst.h>

#include "harness.h"
#include "tests/unit/tables_test_util.h"

#define T0_LABEL "2026-11-25T19:11:52.989"
#define ARN0 "arn:aws:dynamodb:ddblocal:000000000000:table/tbl/stream/" T0_LABEL

/* A table "tbl" (pk S, sk N) with a stream of the view type given. */
static struct json_object *
make_table(struct sst_backend *b, const char *view)
{
    char req[600];

    snprintf(req, sizeof req,
             "{\"TableName\":\"tbl\",\"BillingMode\":\"PAY_PER_REQUEST\","
             "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"
             "{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}],"
             "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\","
             "\"AttributeType\":\"S\"},{\"AttributeName\":\"sk\","
             "\"AttributeType\":\"N\"}],\"StreamSpecification\":"
             "{\"StreamEnabled\":true,\"StreamViewType\":\"%s\"}}",
             view);
    return tt_ok(b, "CreateTable", req);
}

static void
call_ok(struct sst_backend *b, const char *op, const char *req)
{
    json_object_put(tt_ok(b, op, req));
}

/* The shard's id of a stream. */
static char *
shard_of(struct sst_backend *b, const char *arn)
{
    char req[300];
    struct json_object *r;
    char *id;

    snprintf(req, sizeof req, "{\"StreamArn\":\"%s\"}", arn);
    r = tt_ok(b, "DescribeStream", req);
    id = sst_strdup(tt_str_at(r, "StreamDescription.Shards[0].ShardId"));
    json_object_put(r);
    return id;
}

/* A new iterator (sst_free) of type (and sequence number seq, or NULL). */
static char *
iterator(struct sst_backend *b, const char *arn, const char *type,
         const char *seq)
{
    char req[600], *shard = shard_of(b, arn), *it;
    struct json_object *r;

    if (seq != NULL)
        snprintf(req, sizeof req,
                 "{\"StreamArn\":\"%s\",\"ShardId\":\"%s\","
                 "\"ShardIteratorType\":\"%s\",\"SequenceNumber\":\"%s\"}",
                 arn, shard, type, seq);
    else
        snprintf(req, sizeof req,
                 "{\"StreamArn\":\"%s\",\"ShardId\":\"%s\","
                 "\"ShardIteratorType\":\"%s\"}",
                 arn, shard, type);
    r = tt_ok(b, "GetShardIterator", req);
    it = sst_strdup(tt_str_at(r, "ShardIterator"));
    json_object_put(r);
    sst_free(shard);
    return it;
}

/* GetRecords of an iterator (Limit when > 0). */
static struct json_object *
records(struct sst_backend *b, const char *it, int limit)
{
    char *req = sst_malloc(strlen(it) + 64);
    struct json_object *r;

    if (limit > 0)
        sprintf(req, "{\"ShardIterator\":\"%s\",\"Limit\":%d}", it, limit);
    else
        sprintf(req, "{\"ShardIterator\":\"%s\"}", it);
    r = tt_ok(b, "GetRecords", req);
    sst_free(req);
    return r;
}

/* Every record from TRIM_HORIZON, in one page. */
static struct json_object *
all_records(struct sst_backend *b, const char *arn)
{
    char *it = iterator(b, arn, "TRIM_HORIZON", NULL);
    struct json_object *r = records(b, it, 0);

    sst_free(it);
    return r;
}

static size_t
count(struct json_object *r)
{
    return json_object_array_length(tt_at(r, "Records"));
}

/* ------------------------------------------------------------------ */

static void
records_of_item_writes(void)
{
    struct sst_backend *b = tt_open_memory();
    struct json_object *t, *r;

    t = make_table(b, "NEW_AND_OLD_IMAGES");
    SST_ASSERT_STR_EQ(tt_str_at(t, "TableDescription.LatestStreamArn"), ARN0);
    SST_ASSERT_STR_EQ(tt_str_at(t, "TableDescription.LatestStreamLabel"),
                      T0_LABEL);
    SST_ASSERT_STR_EQ(tt_text_at(t, "TableDescription.StreamSpecification"),
                      "{\"StreamEnabled\":true,\"StreamViewType\":"
                      "\"NEW_AND_OLD_IMAGES\"}");
    json_object_put(t);
    call_ok(b, "PutItem",
            "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"a\"},"
            "\"sk\":{\"N\":\"1\"},\"v\":{\"N\":\"12.50\"}}}");
    /* the same item again (a number spelled otherwise, attributes in
     * another order): no record */
    call_ok(b, "PutItem",
            "{\"TableName\":\"tbl\",\"Item\":{\"v\":{\"N\":\"12.5\"},"
            "\"sk\":{\"N\":\"1\"},\"pk\":{\"S\":\"a\"}}}");
    call_ok(b, "UpdateItem",
            "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"a\"},\"sk\":"
            "{\"N\":\"1\"}},\"UpdateExpression\":\"SET v = :v\","
            "\"ExpressionAttributeValues\":{\":v\":{\"N\":\"12.5\"}}}");
    call_ok(b, "UpdateItem",
            "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"a\"},\"sk\":"
            "{\"N\":\"1\"}},\"UpdateExpression\":\"SET w = :w\","
            "\"ExpressionAttributeValues\":{\":w\":{\"S\":\"x\"}}}");
    tt_expect_error(b, "PutItem",
                    "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"a\"},"
                    "\"sk\":{\"N\":\"1\"}},\"ConditionExpression\":"
                    "\"attribute_not_exists(pk)\"}",
                    SST_E_CONDITION_FAILED, "ConditionalCheckFailedException",
                    "The conditional request failed");
    call_ok(b, "DeleteItem",
            "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"a\"},\"sk\":"
            "{\"N\":\"1\"}}}");
    call_ok(b, "DeleteItem",
            "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"a\"},\"sk\":"
            "{\"N\":\"1\"}}}");
    r = all_records(b, ARN0);
    CU_ASSERT_EQUAL_FATAL(count(r), 3);
    SST_ASSERT_STR_EQ(tt_str_at(r, "Records[0].eventName"), "INSERT");
    SST_ASSERT_STR_EQ(tt_str_at(r, "Records[1].eventName"), "MODIFY");
    SST_ASSERT_STR_EQ(tt_str_at(r, "Records[2].eventName"), "REMOVE");
    SST_ASSERT_STR_EQ(tt_str_at(r, "Records[0].eventVersion"), "1.1");
    SST_ASSERT_STR_EQ(tt_str_at(r, "Records[0].eventSource"), "aws:dynamodb");
    SST_ASSERT_STR_EQ(tt_str_at(r, "Records[0].awsRegion"), "ddblocal");
    CU_ASSERT_EQUAL(strlen(tt_str_at(r, "Records[0].eventID")), 36);
    CU_ASSERT_STRING_NOT_EQUAL(tt_str_at(r, "Records[0].eventID"),
                               tt_str_at(r, "Records[1].eventID"));
    /* the stream took 0 and starts at 1; the records 1, 2 and 3 */
    SST_ASSERT_STR_EQ(tt_str_at(r, "Records[0].dynamodb.SequenceNumber"),
                      "000000000000000000001");
    SST_ASSERT_STR_EQ(tt_str_at(r, "Records[2].dynamodb.SequenceNumber"),
                      "000000000000000000003");
    /* seconds, rounded down */
    SST_ASSERT_STR_EQ(
        tt_text_at(r, "Records[0].dynamodb.ApproximateCreationDateTime"),
        "1795633912.000");
    SST_ASSERT_STR_EQ(tt_text_at(r, "Records[0].dynamodb.Keys"),
                      "{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"}}");
    SST_ASSERT_STR_EQ(
        tt_text_at(r, "Records[0].dynamodb.NewImage"),
        "{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},\"v\":{\"N\":\"12.5\"}}");
    CU_ASSERT_PTR_NULL(tt_at(r, "Records[0].dynamodb.OldImage"));
    /* the equal PutItem wrote no record, but it did store its item (in
     * its attributes' order) */
    SST_ASSERT_STR_EQ(tt_text_at(r, "Records[1].dynamodb.OldImage"),
                      "{\"v\":{\"N\":\"12.5\"},\"sk\":{\"N\":\"1\"},"
                      "\"pk\":{\"S\":\"a\"}}");
    SST_ASSERT_STR_EQ(tt_text_at(r, "Records[1].dynamodb.NewImage"),
                      "{\"v\":{\"N\":\"12.5\"},\"sk\":{\"N\":\"1\"},"
                      "\"pk\":{\"S\":\"a\"},\"w\":{\"S\":\"x\"}}");
    CU_ASSERT_PTR_NULL(tt_at(r, "Records[2].dynamodb.NewImage"));
    SST_ASSERT_STR_EQ(tt_text_at(r, "Records[2].dynamodb.OldImage"),
                      tt_text_at(r, "Records[1].dynamodb.NewImage"));
    /* Keys: pk "a" 3, sk 1 2 + 2; images add v 12.5 (1 + 3) and w "x"
     * (1 + 1): DynamoDB Local's sizes */
    CU_ASSERT_EQUAL(tt_int_at(r, "Records[0].dynamodb.SizeBytes"), 7 + 11);
    CU_ASSERT_EQUAL(tt_int_at(r, "Records[1].dynamodb.SizeBytes"), 7 + 11 + 13);
    CU_ASSERT_EQUAL(tt_int_at(r, "Records[2].dynamodb.SizeBytes"), 7 + 13);
    SST_ASSERT_STR_EQ(tt_str_at(r, "Records[0].dynamodb.StreamViewType"),
                      "NEW_AND_OLD_IMAGES");
    CU_ASSERT_PTR_NULL(tt_at(r, "Records[0].userIdentity"));
    CU_ASSERT_PTR_NOT_NULL(tt_at(r, "NextShardIterator"));
    json_object_put(r);
    sst_backend_close(b);
}

static void
view_types_choose_the_images(void)
{
    static const struct {
        const char *view;
        bool new_insert, old_remove;
        int64_t size_insert;
    } views[] = {{"KEYS_ONLY", false, false, 7},
                 {"NEW_IMAGE", true, false, 7 + 9},
                 {"OLD_IMAGE", false, true, 7},
                 {"NEW_AND_OLD_IMAGES", true, true, 7 + 9}};
    size_t i;

    for (i = 0; i < sizeof views / sizeof views[0]; i++) {
        struct sst_backend *b = tt_open_memory();
        struct json_object *r;

        json_object_put(make_table(b, views[i].view));
        call_ok(b, "PutItem",
                "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"a\"},"
                "\"sk\":{\"N\":\"1\"},\"v\":{\"S\":\"x\"}}}");
        call_ok(b, "DeleteItem",
                "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"a\"},"
                "\"sk\":{\"N\":\"1\"}}}");
        r = all_records(b, ARN0);
        CU_ASSERT_EQUAL_FATAL(count(r), 2);
        CU_ASSERT_EQUAL(tt_at(r, "Records[0].dynamodb.NewImage") != NULL,
                        views[i].new_insert);
        CU_ASSERT_PTR_NULL(tt_at(r, "Records[0].dynamodb.OldImage"));
        CU_ASSERT_PTR_NULL(tt_at(r, "Records[1].dynamodb.NewImage"));
        CU_ASSERT_EQUAL(tt_at(r, "Records[1].dynamodb.OldImage") != NULL,
                        views[i].old_remove);
        CU_ASSERT_EQUAL(tt_int_at(r, "Records[0].dynamodb.SizeBytes"),
                        views[i].size_insert);
        SST_ASSERT_STR_EQ(tt_str_at(r, "Records[1].dynamodb.StreamViewType"),
                          views[i].view);
        json_object_put(r);
        sst_backend_close(b);
    }
}

static void
batches_and_transactions_write_records(void)
{
    struct sst_backend *b = tt_open_memory();
    struct json_object *r;

    json_object_put(make_table(b, "KEYS_ONLY"));
    call_ok(b, "BatchWriteItem",
            "{\"RequestItems\":{\"tbl\":[{\"PutRequest\":{\"Item\":{\"pk\":"
            "{\"S\":\"b\"},\"sk\":{\"N\":\"1\"}}}},{\"PutRequest\":{\"Item\":"
            "{\"pk\":{\"S\":\"b\"},\"sk\":{\"N\":\"2\"}}}}]}}");
    call_ok(
        b, "TransactWriteItems",
        "{\"TransactItems\":[{\"Put\":{\"TableName\":\"tbl\",\"Item\":"
        "{\"pk\":{\"S\":\"t\"},\"sk\":{\"N\":\"1\"}}}},{\"ConditionCheck\":"
        "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"b\"},\"sk\":{\"N\":"
        "\"1\"}},\"ConditionExpression\":\"attribute_exists(pk)\"}}]}");
    /* cancelled: nothing */
    {
        struct json_object
            *req = tt_parse(
                "{\"TransactItems\":[{\"Put\":{\"TableName\":\"tbl\",\"Item\":"
                "{\"pk\":{\"S\":\"u\"},\"sk\":{\"N\":\"1\"}}}},{"
                "\"ConditionCheck\":{\"TableName\":\"tbl\",\"Key\":{\"pk\":{"
                "\"S\":\"none\"},\"sk\":{\"N\":\"1\"}},\"ConditionExpression\":"
                "\"attribute_exists(pk)\"}}]}"),
            *resp = NULL;
        struct sst_err e;

        CU_ASSERT_EQUAL(
            sst_backend_call(b, "TransactWriteItems", req, &resp, &e),
            SST_E_TXN_CANCELED);
        json_object_put(resp);
        json_object_put(req);
    }
    call_ok(b, "ExecuteStatement",
            "{\"Statement\":\"UPDATE tbl SET v = 1 WHERE pk = 'b' AND sk = "
            "2\"}");
    r = all_records(b, ARN0);
    CU_ASSERT_EQUAL_FATAL(count(r), 4);
    SST_ASSERT_STR_EQ(tt_text_at(r, "Records[1].dynamodb.Keys"),
                      "{\"pk\":{\"S\":\"b\"},\"sk\":{\"N\":\"2\"}}");
    SST_ASSERT_STR_EQ(tt_text_at(r, "Records[2].dynamodb.Keys"),
                      "{\"pk\":{\"S\":\"t\"},\"sk\":{\"N\":\"1\"}}");
    SST_ASSERT_STR_EQ(tt_str_at(r, "Records[3].eventName"), "MODIFY");
    json_object_put(r);
    sst_backend_close(b);
}

static void
iterators_of_every_type(void)
{
    struct sst_backend *b = tt_open_memory();
    struct json_object *r, *r2;
    char *it, *latest, req[200];
    int i;

    json_object_put(make_table(b, "KEYS_ONLY"));
    for (i = 1; i <= 5; i++) {
        snprintf(req, sizeof req,
                 "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"a\"},"
                 "\"sk\":{\"N\":\"%d\"}}}",
                 i);
        call_ok(b, "PutItem", req);
    }
    latest = iterator(b, ARN0, "LATEST", NULL);
    /* pages of two */
    it = iterator(b, ARN0, "TRIM_HORIZON", NULL);
    r = records(b, it, 2);
    CU_ASSERT_EQUAL(count(r), 2);
    r2 = records(b, tt_str_at(r, "NextShardIterator"), 2);
    SST_ASSERT_STR_EQ(tt_str_at(r2, "Records[0].dynamodb.SequenceNumber"),
                      "000000000000000000003");
    json_object_put(r);
    json_object_put(r2);
    sst_free(it);
    /* at and after a sequence number (leading zeros optional past 21) */
    it = iterator(b, ARN0, "AT_SEQUENCE_NUMBER", "000000000000000000004");
    r = records(b, it, 0);
    CU_ASSERT_EQUAL(count(r), 2);
    SST_ASSERT_STR_EQ(tt_text_at(r, "Records[0].dynamodb.Keys"),
                      "{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"4\"}}");
    json_object_put(r);
    sst_free(it);
    it = iterator(b, ARN0, "AFTER_SEQUENCE_NUMBER",
                  "0000000000000000000000000000000000000004");
    r = records(b, it, 0);
    CU_ASSERT_EQUAL(count(r), 1);
    json_object_put(r);
    sst_free(it);
    /* LATEST: only what comes after it */
    r = records(b, latest, 0);
    CU_ASSERT_EQUAL(count(r), 0);
    CU_ASSERT_PTR_NOT_NULL(tt_at(r, "NextShardIterator"));
    json_object_put(r);
    call_ok(b, "PutItem",
            "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"z\"},\"sk\":"
            "{\"N\":\"9\"}}}");
    r = records(b, latest, 0);
    CU_ASSERT_EQUAL(count(r), 1);
    SST_ASSERT_STR_EQ(tt_str_at(r, "Records[0].dynamodb.Keys.pk.S"), "z");
    json_object_put(r);
    sst_free(latest);
    tt_expect_error(b, "GetShardIterator",
                    "{\"StreamArn\":\"" ARN0 "\",\"ShardId\":\"shardId-"
                    "00000001795633912989-00000000\",\"ShardIteratorType\":"
                    "\"LATEST\"}",
                    SST_E_NOT_FOUND, "ResourceNotFoundException",
                    "Shard does not exist");
    sst_backend_close(b);
}

static void
disabled_reenabled_and_deleted(void)
{
    struct sst_backend *b = tt_open_memory();
    struct json_object *r;
    char *it, arn1[200];

    json_object_put(make_table(b, "KEYS_ONLY"));
    call_ok(b, "PutItem",
            "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":"
            "{\"N\":\"1\"}}}");
    r = tt_ok(b, "UpdateTable",
              "{\"TableName\":\"tbl\",\"StreamSpecification\":{"
              "\"StreamEnabled\":false}}");
    CU_ASSERT_PTR_NULL(tt_at(r, "TableDescription.StreamSpecification"));
    SST_ASSERT_STR_EQ(tt_str_at(r, "TableDescription.LatestStreamArn"), ARN0);
    json_object_put(r);
    tt_expect_error(b, "UpdateTable",
                    "{\"TableName\":\"tbl\",\"StreamSpecification\":{"
                    "\"StreamEnabled\":false}}",
                    SST_E_VALIDATION, "ValidationException",
                    "Table has no stream to disable");
    /* writes while disabled leave no record */
    call_ok(b, "PutItem",
            "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"b\"},\"sk\":"
            "{\"N\":\"1\"}}}");
    r = tt_ok(b, "DescribeStream", "{\"StreamArn\":\"" ARN0 "\"}");
    SST_ASSERT_STR_EQ(tt_str_at(r, "StreamDescription.StreamStatus"),
                      "DISABLED");
    SST_ASSERT_STR_EQ(tt_text_at(r, "StreamDescription.Shards[0]."
                                    "SequenceNumberRange"),
                      "{\"StartingSequenceNumber\":\"000000000000000000001\","
                      "\"EndingSequenceNumber\":\"000000000000000000001\"}");
    json_object_put(r);
    /* a closed shard read to its end: no next iterator */
    r = all_records(b, ARN0);
    CU_ASSERT_EQUAL(count(r), 1);
    CU_ASSERT_PTR_NULL(tt_at(r, "NextShardIterator"));
    json_object_put(r);
    /* enabled again at the same (fixed) time: the next millisecond */
    r = tt_ok(b, "UpdateTable",
              "{\"TableName\":\"tbl\",\"StreamSpecification\":{"
              "\"StreamEnabled\":true,\"StreamViewType\":\"NEW_IMAGE\"}}");
    snprintf(arn1, sizeof arn1, "%s",
             tt_str_at(r, "TableDescription.LatestStreamArn"));
    SST_ASSERT_STR_EQ(arn1, "arn:aws:dynamodb:ddblocal:000000000000:table/"
                            "tbl/stream/2026-11-25T19:11:52.990");
    json_object_put(r);
    tt_expect_error(b, "UpdateTable",
                    "{\"TableName\":\"tbl\",\"StreamSpecification\":{"
                    "\"StreamEnabled\":true,\"StreamViewType\":\"KEYS_ONLY\"}}",
                    SST_E_VALIDATION, "ValidationException",
                    "Table already has an enabled stream");
    /* a whole listing is newest first; a page oldest first */
    r = tt_ok(b, "ListStreams", "{}");
    SST_ASSERT_STR_EQ(tt_str_at(r, "Streams[0].StreamArn"), arn1);
    SST_ASSERT_STR_EQ(tt_str_at(r, "Streams[1].StreamArn"), ARN0);
    CU_ASSERT_PTR_NULL(tt_at(r, "LastEvaluatedStreamArn"));
    json_object_put(r);
    r = tt_ok(b, "ListStreams", "{\"Limit\":1}");
    SST_ASSERT_STR_EQ(tt_str_at(r, "Streams[0].StreamArn"), ARN0);
    SST_ASSERT_STR_EQ(tt_str_at(r, "LastEvaluatedStreamArn"), ARN0);
    json_object_put(r);
    r = tt_ok(b, "ListStreams",
              "{\"Limit\":1,\"ExclusiveStartStreamArn\":\"" ARN0 "\"}");
    SST_ASSERT_STR_EQ(tt_str_at(r, "Streams[0].StreamArn"), arn1);
    SST_ASSERT_STR_EQ(tt_str_at(r, "Streams[0].StreamLabel"),
                      "2026-11-25T19:11:52.990");
    json_object_put(r);
    call_ok(b, "PutItem",
            "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"c\"},\"sk\":"
            "{\"N\":\"1\"}}}");
    /* DeleteTable answers the stream still enabled, then closes it */
    r = tt_ok(b, "DeleteTable", "{\"TableName\":\"tbl\"}");
    SST_ASSERT_STR_EQ(tt_str_at(r, "TableDescription.StreamSpecification."
                                   "StreamViewType"),
                      "NEW_IMAGE");
    json_object_put(r);
    r = all_records(b, arn1);
    CU_ASSERT_EQUAL(count(r), 1);
    SST_ASSERT_STR_EQ(tt_str_at(r, "Records[0].dynamodb.NewImage.pk.S"), "c");
    CU_ASSERT_PTR_NULL(tt_at(r, "NextShardIterator"));
    json_object_put(r);
    it = iterator(b, arn1, "LATEST", NULL);
    r = records(b, it, 0);
    CU_ASSERT_EQUAL(count(r), 0);
    CU_ASSERT_PTR_NULL(tt_at(r, "NextShardIterator"));
    json_object_put(r);
    sst_free(it);
    r = tt_ok(b, "ListStreams", "{\"TableName\":\"tbl\"}");
    CU_ASSERT_EQUAL(json_object_array_length(tt_at(r, "Streams")), 2);
    json_object_put(r);
    sst_backend_close(b);
}

static void
ttl_deletions_name_the_service(void)
{
    struct sst_backend *b = tt_open_memory();
    struct sst_emu *emu = sst_emu_from_backend(b);
    struct json_object *r;
    struct sst_err e;
    uint64_t removed = 0;

    json_object_put(make_table(b, "OLD_IMAGE"));
    call_ok(b, "UpdateTimeToLive",
            "{\"TableName\":\"tbl\",\"TimeToLiveSpecification\":{"
            "\"Enabled\":true,\"AttributeName\":\"exp\"}}");
    call_ok(b, "PutItem",
            "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":"
            "{\"N\":\"1\"},\"exp\":{\"N\":\"1795633000\"}}}");
    CU_ASSERT_EQUAL(sst_emu_sweep_ttl(emu, &removed, &e), SST_OK);
    CU_ASSERT_EQUAL(removed, 1);
    r = all_records(b, ARN0);
    CU_ASSERT_EQUAL_FATAL(count(r), 2);
    CU_ASSERT_PTR_NULL(tt_at(r, "Records[0].userIdentity"));
    SST_ASSERT_STR_EQ(tt_str_at(r, "Records[1].eventName"), "REMOVE");
    SST_ASSERT_STR_EQ(tt_text_at(r, "Records[1].userIdentity"),
                      "{\"principalId\":\"dynamodb.amazonaws.com\","
                      "\"type\":\"Service\"}");
    SST_ASSERT_STR_EQ(tt_str_at(r, "Records[1].dynamodb.OldImage.exp.N"),
                      "1795633000");
    json_object_put(r);
    sst_backend_close(b);
}

static void
records_are_trimmed_after_a_day(void)
{
    struct sst_backend *b = tt_open_memory();
    struct sst_emu *emu = sst_emu_from_backend(b);
    struct json_object *r;
    char *it;

    json_object_put(make_table(b, "KEYS_ONLY"));
    call_ok(b, "PutItem",
            "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"old\"},\"sk\":"
            "{\"N\":\"1\"}}}");
    it = iterator(b, ARN0, "TRIM_HORIZON", NULL);
    sst_emu_advance_clock(emu, 24LL * 3600 * 1000 + 1);
    call_ok(b, "PutItem",
            "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"new\"},\"sk\":"
            "{\"N\":\"1\"}}}");
    r = all_records(b, ARN0);
    CU_ASSERT_EQUAL_FATAL(count(r), 1);
    SST_ASSERT_STR_EQ(tt_str_at(r, "Records[0].dynamodb.Keys.pk.S"), "new");
    json_object_put(r);
    tt_expect_error(b, "GetShardIterator",
                    "{\"StreamArn\":\"" ARN0 "\",\"ShardId\":\"x\","
                    "\"ShardIteratorType\":\"TRIM_HORIZON\"}",
                    SST_E_NOT_FOUND, "ResourceNotFoundException",
                    "Shard does not exist");
    /* an iterator made a day ago has expired, as has any after 15 min */
    {
        char *req = sst_malloc(strlen(it) + 32);

        sprintf(req, "{\"ShardIterator\":\"%s\"}", it);
        tt_expect_error(b, "GetRecords", req, SST_E_EXPIRED_ITERATOR,
                        "ExpiredIteratorException", "");
        sst_free(req);
    }
    sst_free(it);
    /* the trimmed record's own number */
    {
        char req[400], *shard = shard_of(b, ARN0);

        snprintf(req, sizeof req,
                 "{\"StreamArn\":\"" ARN0 "\",\"ShardId\":\"%s\","
                 "\"ShardIteratorType\":\"AT_SEQUENCE_NUMBER\","
                 "\"SequenceNumber\":\"000000000000000000001\"}",
                 shard);
        tt_expect_error(b, "GetShardIterator", req, SST_E_TRIMMED_DATA,
                        "TrimmedDataAccessException",
                        "The operation attempted to read past the oldest "
                        "stream record in a shard.");
        sst_free(shard);
    }
    sst_backend_close(b);
}

static void
records_survive_a_reopen(void)
{
    char dir[] = "/tmp/sst-streams-XXXXXX", uri[64], cmd[96];
    struct sst_backend *b;
    struct json_object *r;
    struct sst_err e;

    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    snprintf(uri, sizeof uri, "emu:%s", dir);
    CU_ASSERT_EQUAL_FATAL(sst_backend_open(uri, &b, &e), SST_OK);
    json_object_put(make_table(b, "NEW_IMAGE"));
    call_ok(b, "PutItem",
            "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":"
            "{\"N\":\"1\"}}}");
    r = tt_ok(b, "DescribeTable", "{\"TableName\":\"tbl\"}");
    {
        char arn[200];

        snprintf(arn, sizeof arn, "%s", tt_str_at(r, "Table.LatestStreamArn"));
        json_object_put(r);
        sst_backend_close(b);
        CU_ASSERT_EQUAL_FATAL(sst_backend_open(uri, &b, &e), SST_OK);
        r = all_records(b, arn);
        CU_ASSERT_EQUAL(count(r), 1);
        SST_ASSERT_STR_EQ(tt_str_at(r, "Records[0].dynamodb.NewImage.pk.S"),
                          "a");
        json_object_put(r);
    }
    sst_backend_close(b);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CU_ASSERT_EQUAL(system(cmd), 0);
}

static const struct sst_test tests[] = {
    {"records of item writes, exact", records_of_item_writes},
    {"the view type chooses the images", view_types_choose_the_images},
    {"batches, transactions and PartiQL write records",
     batches_and_transactions_write_records},
    {"iterators of every type, pages", iterators_of_every_type},
    {"a stream disabled, enabled again, its table deleted",
     disabled_reenabled_and_deleted},
    {"TTL deletions name the service", ttl_deletions_name_the_service},
    {"records are trimmed after a day", records_are_trimmed_after_a_day},
    {"records survive a reopen", records_survive_a_reopen},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"streams", NULL, NULL, tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_emu_streams", suites);
}
