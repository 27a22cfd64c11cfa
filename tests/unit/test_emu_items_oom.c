/*
 * tests/unit/test_emu_items_oom.c - an out-of-memory walk of PutItem,
 * GetItem, BatchWriteItem, BatchGetItem, Scan, DeleteItem and
 * UpdateTable on the emulator: every failure is SST_E_NOMEM, leaks
 * nothing and leaves the store consistent.
 */
#include <json-c/json.h>

#include <sst/emu.h>
#include <sst/sst.h>

#include "emu/ops/ops.h"
#include "harness.h"
#include "tests/unit/emu_test_util.h"
#include "tests/unit/items_test_util.h"

/* ------------------------------------------------------------------ */
/* out of memory                                                       */

static void
oom_walk(struct sst_emu *emu, const char *op, const char *req)
{
    et_oom_walk(emu, op, et_parse(req), ET_OOM_VERIFY);
}

static void
out_of_memory_walk(void)
{
    struct sst_emu *emu = ti_open_emu();

    ti_expect_ok(emu, "CreateTable", MAIN_TABLE, NULL);
    /* warm the catalog cache: it lives on by design */
    ti_expect_ok(emu, "DescribeTable", "{\"TableName\":\"tbl\"}", NULL);
    oom_walk(emu, "PutItem",
             "{\"TableName\":\"tbl\",\"Item\":{" KEY ",\"g\":{\"S\":\"G\"},"
             "\"gs\":{\"N\":\"1.5\"},\"l\":{\"B\":\"AQ==\"},\"x\":{\"SS\":["
             "\"a\",\"b\"]},\"m\":{\"M\":{\"n\":{\"L\":[{\"N\":\"1\"}]}}}}}");
    oom_walk(emu, "PutItem",
             "{\"TableName\":\"tbl\",\"Item\":{" KEY ",\"g\":{\"S\":\"H\"},"
             "\"y\":{\"N\":\"2\"}},\"ReturnValues\":\"ALL_OLD\","
             "\"ReturnConsumedCapacity\":\"INDEXES\"}");
    /* A simple key and no projection allocate nothing of ours (the
     * read transaction is reused): the projection gives the walk steps. */
    oom_walk(emu, "GetItem",
             "{\"TableName\":\"tbl\",\"Key\":{" KEY "},"
             "\"ProjectionExpression\":\"g, y\","
             "\"ReturnConsumedCapacity\":\"TOTAL\"}");
    oom_walk(emu, "GetItem",
             "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"a\"},\"sk\":{"
             "\"N\":\"1\",\"NULL\":null}},\"AttributesToGet\":[\"y\"]}");
    oom_walk(emu, "BatchWriteItem",
             "{\"RequestItems\":{\"tbl\":[{\"PutRequest\":{\"Item\":{"
             "\"pk\":{\"S\":\"b\"},\"sk\":{\"N\":\"2\"},\"g\":{\"S\":\"G\"}}}},"
             "{\"DeleteRequest\":{\"Key\":{\"pk\":{\"S\":\"c\"},\"sk\":{\"N\":"
             "\"3\"}}}}]},\"ReturnConsumedCapacity\":\"TOTAL\"}");
    oom_walk(emu, "BatchGetItem",
             "{\"RequestItems\":{\"tbl\":{\"Keys\":[{" KEY "},{\"pk\":{\"S\":"
             "\"b\"},\"sk\":{\"N\":\"2\"}}]}}}");
    oom_walk(emu, "Scan",
             "{\"TableName\":\"tbl\",\"IndexName\":\"lsi\",\"Select\":"
             "\"ALL_ATTRIBUTES\",\"Limit\":1,\"ReturnConsumedCapacity\":"
             "\"INDEXES\"}");
    oom_walk(emu, "DeleteItem",
             "{\"TableName\":\"tbl\",\"Key\":{" KEY "},"
             "\"ReturnValues\":\"ALL_OLD\"}");
    oom_walk(emu, "UpdateTable",
             "{\"TableName\":\"tbl\",\"AttributeDefinitions\":[{"
             "\"AttributeName\":\"h\",\"AttributeType\":\"S\"}],"
             "\"GlobalSecondaryIndexUpdates\":[{\"Create\":{\"IndexName\":"
             "\"byh\",\"KeySchema\":[{\"AttributeName\":\"h\",\"KeyType\":"
             "\"HASH\"}],\"Projection\":{\"ProjectionType\":\"ALL\"}}}]}");
    et_verify(emu);
    sst_emu_close(emu);
}

static const struct sst_test model_tests[] = {
    {"out-of-memory walk", out_of_memory_walk},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"model", NULL, NULL, model_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_emu_items_oom", suites);
}
