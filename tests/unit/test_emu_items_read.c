/*
 * tests/unit/test_emu_items_read.c - the emulator's reads through the
 * backend seam, with exact answers: ProjectionExpression on GetItem and
 * BatchGetItem, FilterExpression and ProjectionExpression on Scan, Query
 * (key conditions, direction, pages, filters, indexes), Scan segments
 * and pages, Scan's 1 MB page and BatchGetItem's 16 MB limit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/emu.h>
#include <sst/sst.h>

#include "emu/ops/ops.h"
#include "harness.h"
#include "tests/unit/emu_test_util.h"
#include "tests/unit/items_test_util.h"

/* ProjectionExpression on GetItem and BatchGetItem; FilterExpression and
 * ProjectionExpression on Scan. */
static const struct ti_row projection_rows[] = {
    OK("PutItem",
       "{\"TableName\":\"tbl\",\"Item\":{" KEY ",\"m\":{\"M\":{\"x\":"
       "{\"N\":\"1\"},\"y\":{\"S\":\"s\"}}},\"li\":{\"L\":[{\"S\":"
       "\"a\"},{\"S\":\"b\"},{\"S\":\"c\"}]}}}",
       "{}"),
    OK("PutItem",
       "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"a\"},"
       "\"sk\":{\"N\":\"2\"},\"v\":{\"N\":\"5\"},\"g\":{\"S\":\"G\"},"
       "\"gs\":{\"N\":\"1\"}}}",
       "{}"),
    OK("PutItem",
       "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"b\"},"
       "\"sk\":{\"N\":\"1\"},\"v\":{\"N\":\"7\"}}}",
       "{}"),
    OK("GetItem",
       "{\"TableName\":\"tbl\",\"Key\":{" KEY "},"
       "\"ProjectionExpression\":\"m.x, li[2], nope\"}",
       "{\"Item\":{\"m\":{\"M\":{\"x\":{\"N\":\"1\"}}},"
       "\"li\":{\"L\":[{\"S\":\"c\"}]}}}"),
    /* nothing selected: an empty Item; no item: no Item */
    OK("GetItem",
       "{\"TableName\":\"tbl\",\"Key\":{" KEY "},"
       "\"ProjectionExpression\":\"#n\","
       "\"ExpressionAttributeNames\":{\"#n\":\"nope\"}}",
       "{\"Item\":{}}"),
    OK("GetItem",
       "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"z\"},"
       "\"sk\":{\"N\":\"1\"}},\"ProjectionExpression\":\"pk\"}",
       "{}"),
    VALID("GetItem",
          "{\"TableName\":\"tbl\",\"Key\":{" KEY "},"
          "\"ProjectionExpression\":\"#k.x\","
          "\"ExpressionAttributeNames\":{\"#k\":\"sk\"}}",
          "Key attributes must be scalars; list random access '[]' and map "
          "lookup '.' are not allowed: Key: sk"),
    OK("BatchGetItem",
       "{\"RequestItems\":{\"tbl\":{\"Keys\":[{\"pk\":{\"S\":\"a\"},"
       "\"sk\":{\"N\":\"2\"}}],\"ProjectionExpression\":\"sk, #v\","
       "\"ExpressionAttributeNames\":{\"#v\":\"v\"}}}}",
       "{\"Responses\":{\"tbl\":[{\"sk\":{\"N\":\"2\"},"
       "\"v\":{\"N\":\"5\"}}]},\"UnprocessedKeys\":{}}"),
    /* Count counts what passes the filter, ScannedCount every row */
    OK("Scan",
       "{\"TableName\":\"tbl\",\"FilterExpression\":\"v > :n\","
       "\"ProjectionExpression\":\"pk, v\","
       "\"ExpressionAttributeValues\":{\":n\":{\"N\":\"5\"}}}",
       "{\"Items\":[{\"pk\":{\"S\":\"b\"},\"v\":{\"N\":\"7\"}}],"
       "\"Count\":1,\"ScannedCount\":3}"),
    OK("Scan",
       "{\"TableName\":\"tbl\",\"Select\":\"COUNT\","
       "\"FilterExpression\":\"attribute_exists(v)\"}",
       "{\"Count\":2,\"ScannedCount\":3}"),
    /* Limit counts the rows read, in DynamoDB Local's order: the hash of
     * "b" (597f...) is below that of "a" (ff7a...) */
    OK("Scan",
       "{\"TableName\":\"tbl\",\"Limit\":2,\"FilterExpression\":"
       "\"v = :n\",\"ExpressionAttributeValues\":{\":n\":{\"N\":\"7\"}}}",
       "{\"Items\":[{\"pk\":{\"S\":\"b\"},\"sk\":{\"N\":\"1\"},"
       "\"v\":{\"N\":\"7\"}}],\"Count\":1,\"ScannedCount\":2,"
       "\"LastEvaluatedKey\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"}}}"),
    /* a global index: the projection must be projected, the filter sees
     * what is */
    VALID("Scan",
          "{\"TableName\":\"tbl\",\"IndexName\":\"gkeys\","
          "\"ProjectionExpression\":\"v, pk\"}",
          "One or more parameter values were invalid: Global secondary index "
          "gkeys does not project [v]"),
    OK("Scan",
       "{\"TableName\":\"tbl\",\"IndexName\":\"gkeys\","
       "\"FilterExpression\":\"attribute_exists(v) OR sk = :s\","
       "\"ExpressionAttributeValues\":{\":s\":{\"N\":\"2\"}}}",
       "{\"Items\":[{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"2\"},"
       "\"g\":{\"S\":\"G\"}}],\"Count\":1,\"ScannedCount\":1}"),
    OK("Scan",
       "{\"TableName\":\"tbl\",\"IndexName\":\"gkeys\","
       "\"FilterExpression\":\"attribute_exists(v)\"}",
       "{\"Items\":[],\"Count\":0,\"ScannedCount\":1}"),
    VALID("Scan",
          "{\"TableName\":\"tbl\",\"FilterExpression\":\"pk[0] = :a\","
          "\"ExpressionAttributeValues\":{\":a\":{\"S\":\"a\"}}}",
          "Key attributes must be scalars; list random access '[]' and map "
          "lookup '.' are not allowed: Key: pk"),
};

static void
projections(void)
{
    struct sst_emu *emu = ti_open_emu();

    ti_expect_ok(emu, "CreateTable", MAIN_TABLE, NULL);
    ti_run_rows(emu, projection_rows,
                sizeof projection_rows / sizeof projection_rows[0]);
    et_verify(emu);
    sst_emu_close(emu);
}

/* Query: key conditions, direction, pages, filters, indexes. */
static const struct ti_row query_rows[] = {
    OK("PutItem", "{\"TableName\":\"tbl\","
                  "\"Item\":{\"pk\":{\"S\":\"a\"},"
                  "\"sk\":{\"N\":\"1\"},\"v\":{\"N\":\"10\"}}}", "{}"),
    OK("PutItem", "{\"TableName\":\"tbl\","
                  "\"Item\":{\"pk\":{\"S\":\"a\"},"
                  "\"sk\":{\"N\":\"2\"},\"v\":{\"N\":\"20\"},"
                  "\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"2\"}}}", "{}"),
    OK("PutItem", "{\"TableName\":\"tbl\","
                  "\"Item\":{\"pk\":{\"S\":\"a\"},"
                  "\"sk\":{\"N\":\"3\"},\"v\":{\"N\":\"30\"}}}", "{}"),
    OK("PutItem", "{\"TableName\":\"tbl\","
                  "\"Item\":{\"pk\":{\"S\":\"a\"},"
                  "\"sk\":{\"N\":\"4\"},\"v\":{\"N\":\"40\"},"
                  "\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"4\"}}}", "{}"),
    OK("PutItem", "{\"TableName\":\"tbl\","
                  "\"Item\":{\"pk\":{\"S\":\"a\"},"
                  "\"sk\":{\"N\":\"5\"},\"v\":{\"N\":\"50\"}}}", "{}"),
    OK("PutItem", "{\"TableName\":\"tbl\","
                  "\"Item\":{\"pk\":{\"S\":\"b\"},"
                  "\"sk\":{\"N\":\"1\"},\"v\":{\"N\":\"10\"}}}", "{}"),
    /* the whole partition, in sort-key order */
    OK("Query",
       "{\"TableName\":\"tbl\",\"KeyConditionExpression\":\"pk = :p\","
       "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"}}}",
       "{\"Items\":[{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},"
       "\"v\":{\"N\":\"10\"}},{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"2\"},"
       "\"v\":{\"N\":\"20\"},\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"2\"}},"
       "{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"3\"},\"v\":{\"N\":\"30\"}},"
       "{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"4\"},\"v\":{\"N\":\"40\"},"
       "\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"4\"}},{\"pk\":{\"S\":\"a\"},"
       "\"sk\":{\"N\":\"5\"},\"v\":{\"N\":\"50\"}}],\"Count\":5,"
       "\"ScannedCount\":5}"),
    /* BETWEEN, backward, projected */
    OK("Query",
       "{\"TableName\":\"tbl\",\"KeyConditionExpression\":\"pk = :p AND sk BE"
       "TWEEN :a AND :b\",\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"}"
       ",\":a\":{\"N\":\"2\"},\":b\":{\"N\":\"4\"}},"
       "\"ScanIndexForward\":false,\"ProjectionExpression\":\"sk\"}",
       "{\"Items\":[{\"sk\":{\"N\":\"4\"}},{\"sk\":{\"N\":\"3\"}},"
       "{\"sk\":{\"N\":\"2\"}}],\"Count\":3,\"ScannedCount\":3}"),
    /* Limit: an open range always gives a LastEvaluatedKey */
    OK("Query",
       "{\"TableName\":\"tbl\",\"KeyConditionExpression\":\"pk = :p\","
       "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"}},\"Limit\":2}",
       "{\"Items\":[{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},"
       "\"v\":{\"N\":\"10\"}},{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"2\"},"
       "\"v\":{\"N\":\"20\"},\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"2\"}}],"
       "\"Count\":2,\"ScannedCount\":2,"
       "\"LastEvaluatedKey\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"2\"}}}"),
    OK("Query",
       "{\"TableName\":\"tbl\",\"KeyConditionExpression\":\"pk = :p\","
       "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"}},\"Limit\":3,"
       "\"ExclusiveStartKey\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"2\"}}}",
       "{\"Items\":[{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"3\"},"
       "\"v\":{\"N\":\"30\"}},{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"4\"},"
       "\"v\":{\"N\":\"40\"},\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"4\"}},"
       "{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"5\"},\"v\":{\"N\":\"50\"}}],"
       "\"Count\":3,\"ScannedCount\":3,"
       "\"LastEvaluatedKey\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"5\"}}}"),
    /* a range closed on the side read towards: none at its end */
    OK("Query",
       "{\"TableName\":\"tbl\",\"KeyConditionExpression\":\"pk = :p AND sk <="
       " :s\",\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"},"
       "\":s\":{\"N\":\"2\"}},\"Limit\":2}",
       "{\"Items\":[{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},"
       "\"v\":{\"N\":\"10\"}},{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"2\"},"
       "\"v\":{\"N\":\"20\"},\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"2\"}}],"
       "\"Count\":2,\"ScannedCount\":2}"),
    OK("Query",
       "{\"TableName\":\"tbl\",\"KeyConditionExpression\":\"pk = :p AND sk >="
       " :s\",\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"},"
       "\":s\":{\"N\":\"4\"}},\"Limit\":2,\"ScanIndexForward\":false}",
       "{\"Items\":[{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"5\"},"
       "\"v\":{\"N\":\"50\"}},{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"4\"},"
       "\"v\":{\"N\":\"40\"},\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"4\"}}],"
       "\"Count\":2,\"ScannedCount\":2}"),
    OK("Query",
       "{\"TableName\":\"tbl\",\"KeyConditionExpression\":\"pk = :p AND sk > "
       ":s\",\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"},"
       "\":s\":{\"N\":\"3\"}},\"Limit\":1,\"ScanIndexForward\":false}",
       "{\"Items\":[{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"5\"},"
       "\"v\":{\"N\":\"50\"}}],\"Count\":1,\"ScannedCount\":1,"
       "\"LastEvaluatedKey\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"5\"}}}"),
    OK("Query",
       "{\"TableName\":\"tbl\",\"KeyConditionExpression\":\"pk = :p\","
       "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"}},"
       "\"ScanIndexForward\":false,"
       "\"ExclusiveStartKey\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"3\"}}}",
       "{\"Items\":[{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"2\"},"
       "\"v\":{\"N\":\"20\"},\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"2\"}},"
       "{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},\"v\":{\"N\":\"10\"}}],"
       "\"Count\":2,\"ScannedCount\":2}"),
    /* forward from the range's lower bound, to its end */
    OK("Query",
       "{\"TableName\":\"tbl\",\"KeyConditionExpression\":\"pk = :p AND sk > :"
       "s\","
       "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"},"
       "\":s\":{\"N\":\"3\"}}}",
       "{\"Items\":[{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"4\"},"
       "\"v\":{\"N\":\"40\"},\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"4\"}},"
       "{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"5\"},\"v\":{\"N\":\"50\"}}],"
       "\"Count\":2,\"ScannedCount\":2}"),
    OK("Query",
       "{\"TableName\":\"tbl\",\"KeyConditionExpression\":\"pk = :p AND sk BET"
       "WEEN :a AND :b\","
       "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"},"
       "\":a\":{\"N\":\"2\"},\":b\":{\"N\":\"3\"}}}",
       "{\"Items\":[{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"2\"},"
       "\"v\":{\"N\":\"20\"},\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"2\"}},"
       "{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"3\"},\"v\":{\"N\":\"30\"}}],"
       "\"Count\":2,\"ScannedCount\":2}"),
    OK("Query",
       "{\"TableName\":\"tbl\",\"KeyConditionExpression\":\"pk = :p AND sk = :"
       "s\","
       "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"},"
       "\":s\":{\"N\":\"4\"}}}",
       "{\"Items\":[{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"4\"},"
       "\"v\":{\"N\":\"40\"},\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"4\"}}],"
       "\"Count\":1,\"ScannedCount\":1}"),
    OK("Query",
       "{\"TableName\":\"tbl\",\"KeyConditionExpression\":\"pk = :p AND sk < :"
       "s\","
       "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"},"
       "\":s\":{\"N\":\"3\"}}}",
       "{\"Items\":[{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},"
       "\"v\":{\"N\":\"10\"}},{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"2\"},"
       "\"v\":{\"N\":\"20\"},\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"2\"}}],"
       "\"Count\":2,\"ScannedCount\":2}"),
    /* the filter: Count counts what passes, ScannedCount all read */
    OK("Query",
       "{\"TableName\":\"tbl\",\"KeyConditionExpression\":\"pk = :p\","
       "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"},"
       "\":n\":{\"N\":\"25\"}},\"Select\":\"COUNT\","
       "\"FilterExpression\":\"v > :n\"}",
       "{\"Count\":3,\"ScannedCount\":5}"),
    /* a global index: its own key order, its keys in LastEvaluatedKey */
    OK("Query",
       "{\"TableName\":\"tbl\",\"IndexName\":\"gall\","
       "\"KeyConditionExpression\":\"g = :g\","
       "\"ExpressionAttributeValues\":{\":g\":{\"S\":\"G\"}}}",
       "{\"Items\":[{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"2\"},"
       "\"v\":{\"N\":\"20\"},\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"2\"}},"
       "{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"4\"},\"v\":{\"N\":\"40\"},"
       "\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"4\"}}],\"Count\":2,"
       "\"ScannedCount\":2}"),
    OK("Query",
       "{\"TableName\":\"tbl\",\"IndexName\":\"gall\","
       "\"KeyConditionExpression\":\"g = :g\","
       "\"ExpressionAttributeValues\":{\":g\":{\"S\":\"G\"}},\"Limit\":1}",
       "{\"Items\":[{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"2\"},"
       "\"v\":{\"N\":\"20\"},\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"2\"}}],"
       "\"Count\":1,\"ScannedCount\":1,"
       "\"LastEvaluatedKey\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"2\"},"
       "\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"2\"}}}"),
    OK("Query",
       "{\"TableName\":\"tbl\",\"IndexName\":\"gall\","
       "\"KeyConditionExpression\":\"g = :g\","
       "\"ExpressionAttributeValues\":{\":g\":{\"S\":\"G\"}},"
       "\"ExclusiveStartKey\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"2\"},"
       "\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"2\"}}}",
       "{\"Items\":[{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"4\"},"
       "\"v\":{\"N\":\"40\"},\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"4\"}}],"
       "\"Count\":1,\"ScannedCount\":1}"),
    VALID("Query", "{\"TableName\":\"tbl\",\"IndexName\":\"gall\","
                   "\"KeyConditionExpression\":\"g = :g\","
                   "\"ExpressionAttributeValues\":{\":g\":{\"S\":\"G\"}},"
                   "\"ConsistentRead\":true}",
          "Consistent reads are not supported on global secondary indexes"),
    VALID("Query",
          "{\"TableName\":\"tbl\",\"KeyConditionExpression\":\"pk = :p\","
          "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"}},"
          "\"ExclusiveStartKey\":{\"pk\":{\"S\":\"b\"},\"sk\":{\"N\":\"2\"}}}",
          "The provided starting key does not match the range key predicate"),
    VALID("Query", "{\"TableName\":\"tbl\"}",
          "Either the KeyConditions or KeyConditionExpression parameter "
          "must be specified in the request."),
    VALID("Query", "{\"TableName\":\"tbl\","
                   "\"KeyConditionExpression\":\"pk = :p\","
                   "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"},"
                   "\":n\":{\"N\":\"1\"}},\"FilterExpression\":\"sk > :n\"}",
          "Filter Expression can only contain non-primary key attributes: "
          "Primary key attribute: sk"),
    VALID("Query", "{\"TableName\":\"tbl\","
                   "\"KeyConditionExpression\":\"sk = :p\","
                   "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"}}}",
          "Query condition missed key schema element"),
};

static void
queries(void)
{
    struct sst_emu *emu = ti_open_emu();

    ti_expect_ok(emu, "CreateTable", MAIN_TABLE, NULL);
    ti_run_rows(emu, query_rows, sizeof query_rows / sizeof query_rows[0]);
    et_verify(emu);
    sst_emu_close(emu);
}

/* ------------------------------------------------------------------ */
/* Scan: segments and pages                                            */

static void
scan_segments_and_pages(void)
{
    struct sst_emu *emu = ti_open_emu();
    struct json_object *lek = NULL;
    char req[512];
    size_t i, total = 0, n, pages = 0;

    ti_expect_ok(emu, "CreateTable", MAIN_TABLE, NULL);
    for (i = 0; i < 200; i++) {
        snprintf(req, sizeof req,
                 "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"p%zu\"},"
                 "\"sk\":{\"N\":\"%zu\"}}}",
                 i % 37, i);
        ti_expect_ok(emu, "PutItem", req, "{}");
    }
    /* Four segments: disjoint, together everything, a partition in one. */
    for (i = 0; i < 4; i++) {
        snprintf(req, sizeof req,
                 "{\"TableName\":\"tbl\",\"Segment\":%zu,\"TotalSegments\":4,"
                 "\"Select\":\"COUNT\"}",
                 i);
        n = ti_scan_count(emu, req, NULL);
        CU_ASSERT_TRUE(n > 0 && n < 200);
        total += n;
    }
    CU_ASSERT_EQUAL(total, 200);
    /* Pages of 7 in one segment, resumed from LastEvaluatedKey. */
    total = 0;
    do {
        if (lek == NULL)
            snprintf(req, sizeof req,
                     "{\"TableName\":\"tbl\",\"Segment\":1,"
                     "\"TotalSegments\":4,\"Limit\":7}");
        else
            snprintf(req, sizeof req,
                     "{\"TableName\":\"tbl\",\"Segment\":1,"
                     "\"TotalSegments\":4,\"Limit\":7,"
                     "\"ExclusiveStartKey\":%s}",
                     et_text(lek));
        json_object_put(lek);
        total += ti_scan_count(emu, req, &lek);
        pages++;
    } while (lek != NULL);
    snprintf(req, sizeof req,
             "{\"TableName\":\"tbl\",\"Segment\":1,\"TotalSegments\":4,"
             "\"Select\":\"COUNT\"}");
    CU_ASSERT_EQUAL(total, ti_scan_count(emu, req, NULL));
    CU_ASSERT_TRUE(pages >= total / 7);
    sst_emu_close(emu);
}

/* The 1 MB page: rows are added until their sizes reach 1 MB. */
static void
scan_one_megabyte(void)
{
    struct sst_emu *emu = ti_open_emu();
    struct json_object *lek = NULL;
    char *req = malloc(300000);
    size_t i;

    ti_expect_ok(emu, "CreateTable", MAIN_TABLE, NULL);
    for (i = 0; i < 5; i++) {
        int n = snprintf(req, 300000,
                         "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":"
                         "\"p\"},\"sk\":{\"N\":\"%zu\"},\"x\":{\"S\":\"",
                         i);
        /* 262144 bytes each: pk 3, sk 3, x 1 + 262137 */
        memset(req + n, 'x', 262137);
        snprintf(req + n + 262137, 100, "\"}}}");
        ti_expect_ok(emu, "PutItem", req, "{}");
    }
    CU_ASSERT_EQUAL(ti_scan_count(emu,
                                  "{\"TableName\":\"tbl\",\"Select\":"
                                  "\"COUNT\"}",
                                  &lek),
                    4);
    CU_ASSERT_PTR_NOT_NULL(lek);
    CU_ASSERT_STRING_EQUAL(et_text(lek),
                           "{\"pk\":{\"S\":\"p\"},\"sk\":{\"N\":\"3\"}}");
    json_object_put(lek);
    free(req);
    sst_emu_close(emu);
}

/* BatchGetItem: keys past 16 MB of items come back unprocessed, in
 * request order. */
static void
batch_get_sixteen_megabytes(void)
{
    struct sst_emu *emu = ti_open_emu();
    struct json_object *resp = NULL, *keys;
    char *req = malloc(420000);
    struct sst_err e;
    size_t i, used;

    ti_expect_ok(emu, "CreateTable", MAIN_TABLE, NULL);
    for (i = 0; i < 42; i++) {
        int n = snprintf(req, 420000,
                         "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":"
                         "\"p\"},\"sk\":{\"N\":\"%zu\"},\"x\":{\"S\":\"",
                         i);
        memset(req + n, 'x', 399990);
        snprintf(req + n + 399990, 100, "\"}}}");
        ti_expect_ok(emu, "PutItem", req, "{}");
    }
    used = (size_t)snprintf(req, 420000,
                            "{\"ReturnConsumedCapacity\":\"TOTAL\","
                            "\"RequestItems\":{\"tbl\":{\"ConsistentRead\":"
                            "true,\"Keys\":[");
    for (i = 0; i < 42; i++)
        used += (size_t)snprintf(req + used, 420000 - used,
                                 "%s{\"pk\":{\"S\":\"p\"},\"sk\":{\"N\":"
                                 "\"%zu\"}}",
                                 i ? "," : "", i);
    snprintf(req + used, 420000 - used, "]}}}");
    CU_ASSERT_EQUAL_FATAL(ti_call(emu, "BatchGetItem", req, &resp, &e), SST_OK);
    /* Items of 399,996 bytes: 41 fit in 16 MB. */
    CU_ASSERT_EQUAL(json_object_array_length(json_object_object_get(
                        json_object_object_get(resp, "Responses"), "tbl")),
                    41);
    keys = json_object_object_get(
        json_object_object_get(json_object_object_get(resp, "UnprocessedKeys"),
                               "tbl"),
        "Keys");
    CU_ASSERT_EQUAL(json_object_array_length(keys), 1);
    CU_ASSERT_STRING_EQUAL(et_text(json_object_array_get_idx(keys, 0)),
                           "{\"pk\":{\"S\":\"p\"},\"sk\":{\"N\":\"41\"}}");
    CU_ASSERT_STRING_EQUAL(
        et_text(json_object_object_get(
            json_object_object_get(json_object_object_get(resp,
                                                          "UnprocessedKeys"),
                                   "tbl"),
            "ConsistentRead")),
        "true");
    /* 41 items of 98 x 4 KB, strongly consistent. */
    CU_ASSERT_EQUAL(json_object_get_double(json_object_object_get(
                        json_object_array_get_idx(
                            json_object_object_get(resp, "ConsumedCapacity"),
                            0),
                        "CapacityUnits")),
                    41.0 * 98);
    json_object_put(resp);
    free(req);
    sst_emu_close(emu);
}

static const struct sst_test exact_tests[] = {
    {"ProjectionExpression and FilterExpression on reads", projections},
    {"Query", queries},
    {"Scan segments and pages", scan_segments_and_pages},
    {"Scan stops at 1 MB", scan_one_megabyte},
    {"BatchGetItem stops at 16 MB", batch_get_sixteen_megabytes},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"exact", NULL, NULL, exact_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_emu_items_read", suites);
}
