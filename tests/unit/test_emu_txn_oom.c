/*
 * tests/unit/test_emu_txn_oom.c - an out-of-memory walk of
 * TransactWriteItems (every action kind, a token, capacity and metrics;
 * and a cancellation) and of TransactGetItems: every failure is
 * SST_E_NOMEM, leaks nothing and leaves the store consistent.
 */
#include <json-c/json.h>

#include <sst/emu.h>
#include <sst/mem.h>
#include <sst/sst.h>

#include "emu/ops/common.h"
#include "emu/ops/ops.h"
#include "emu/ops/transact.h"
#include "emu/store/tokens.h"
#include "harness.h"
#include "tests/unit/emu_test_util.h"
#include "tests/unit/txn_test_util.h"

/* ------------------------------------------------------------------ */
/* out of memory                                                       */

static void
oom_walk(struct sst_emu *emu, const char *op, const char *req)
{
    et_oom_walk(emu, op, et_q(req), ET_OOM_VERIFY | ET_OOM_MAY_CANCEL);
}

static void
out_of_memory(void)
{
    struct sst_emu *emu = tx_open_with_tables(NULL);

    RUN(emu, tx_setup_items);
    oom_walk(emu, TW,
             "{'ClientRequestToken':'oom','ReturnConsumedCapacity':'INDEXES',"
             "'ReturnItemCollectionMetrics':'SIZE','TransactItems':["
             "{'Put':{'TableName':'tbl','Item':{" K("d") ",'g':{'S':'G'}}}},"
             "{'Update':{'TableName':'tbl','Key':{" K("a") "},"
             "'UpdateExpression':'SET v = v + :one','ExpressionAttributeValues'"
             ":{':one':{'N':'1'}}}},"
             "{'Delete':{'TableName':'tbl','Key':{" K("b") "}}},"
             "{'Put':{'TableName':'coll','Item':{" K("a") ",'l':{'S':'x'}}}},"
             "{'ConditionCheck':{'TableName':'tbl','Key':{" K("c") "},"
             "'ConditionExpression':'attribute_exists(pk)'}}]}");
    oom_walk(emu, TW,
             "{'TransactItems':[{'Put':{'TableName':'tbl','Item':{" K("c")
             "},'ConditionExpression':'attribute_not_exists(pk)',"
             "'ReturnValuesOnConditionCheckFailure':'ALL_OLD'}}]}");
    oom_walk(emu, TG,
             "{'ReturnConsumedCapacity':'TOTAL','TransactItems':[{'Get':"
             GETK("a") "},{'Get':" GETK("z") "},{'Get':{'TableName':'tbl',"
             "'Key':{" K("c") "},'ProjectionExpression':'pk'}}]}");
    sst_emu_close(emu);
}

static const struct sst_test oom_tests[] = {
    {"out-of-memory walk", out_of_memory}, {NULL, NULL}};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"out of memory", NULL, NULL, oom_tests},
        {NULL, NULL, NULL, NULL}};

    return sst_test_main(argc, argv, "test_emu_txn_oom", suites);
}
