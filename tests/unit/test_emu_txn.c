/*
 * tests/unit/test_emu_txn.c - TransactWriteItems on the emulator, through
 * the backend seam, with exact answers: items, error types and messages,
 * CancellationReasons, ConsumedCapacity.
 *
 * Covered: every action kind and its effect; cancellation with reasons
 * (ConditionalCheckFailed, with the item for ALL_OLD; ValidationError)
 * and the rollback (the items, the index rows, sst_emu_verify); 100 and
 * 101 actions; the 400 KB item and the 4 MB payload; ConsumedCapacity and
 * ItemCollectionMetrics. The validation errors are in
 * test_emu_txn_validation.c, ClientRequestToken in test_emu_txn_token.c,
 * TransactGetItems in test_emu_txn_get.c, the out-of-memory walk in
 * test_emu_txn_oom.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
/* TransactWriteItems: the actions and their effects                   */

static const struct tx_row actions_rows[] = {
    OK(TW,
       "{'TransactItems':["
       "{'Put':{'TableName':'tbl','Item':{" K("d") ",'g':{'S':'G2'}},"
       "'ConditionExpression':'attribute_not_exists(pk)'}},"
       "{'Update':{'TableName':'tbl','Key':{" K("a") "},"
       "'UpdateExpression':'SET v = v + :one, #w = :w',"
       "'ExpressionAttributeNames':{'#w':'w'},"
       "'ExpressionAttributeValues':{':one':{'N':'1'},':w':{'S':'x'}}}},"
       "{'Delete':{'TableName':'tbl','Key':{" K("b") "},"
       "'ConditionExpression':'v = :two',"
       "'ExpressionAttributeValues':{':two':{'N':'2'}}}},"
       "{'ConditionCheck':{'TableName':'tbl','Key':{" K("c") "},"
       "'ConditionExpression':'attribute_exists(pk)'}},"
       "{'Put':{'TableName':'one','Item':{'pk':{'S':'x'}}}}]}",
       "{}"),
    OK("GetItem", GETK("a"),
       "{'Item':{" K("a") ",'v':{'N':'2'},'g':{'S':'G'},'w':{'S':'x'}}}"),
    OK("GetItem", GETK("b"), "{}"),
    OK("GetItem", GETK("c"), "{'Item':{" K("c") "}}"),
    OK("GetItem", "{'TableName':'one','Key':{'pk':{'S':'x'}}}",
       "{'Item':{'pk':{'S':'x'}}}"),
    OK("Query",
       "{'TableName':'tbl','IndexName':'gidx','KeyConditionExpression':"
       "'g = :g','ExpressionAttributeValues':{':g':{'S':'G2'}}}",
       "{'Items':[{" K("d") ",'g':{'S':'G2'}}],'Count':1,'ScannedCount':1}"),
    /* an Update without a ConditionExpression creates the item */
    OK(TW,
       "{'TransactItems':[{'Update':{'TableName':'tbl','Key':{" K("n") "},"
       "'UpdateExpression':'SET g = :g','ExpressionAttributeValues':{"
       "':g':{'S':'G2'}}}}]}",
       "{}"),
    OK("Query",
       "{'TableName':'tbl','IndexName':'gidx','KeyConditionExpression':"
       "'g = :g','ExpressionAttributeValues':{':g':{'S':'G2'}},"
       "'Select':'COUNT'}",
       "{'Count':2,'ScannedCount':2}"),
};

static void
write_actions(void)
{
    struct sst_emu *emu = tx_open_with_tables(NULL);

    RUN(emu, tx_setup_items);
    RUN(emu, actions_rows);
    et_verify(emu);
    sst_emu_close(emu);
}

/* ------------------------------------------------------------------ */
/* cancellation and rollback                                           */

static const struct tx_row cancel_rows[] = {
    /* the third action's condition fails: nothing of the first two is
     * written */
    CANCELLED(TW,
              "{'TransactItems':["
              "{'Put':{'TableName':'tbl','Item':{" K("a") ",'g':{'S':'H'},"
              "'v':{'N':'9'}}}},"
              "{'Delete':{'TableName':'tbl','Key':{" K("b") "}}},"
              "{'Update':{'TableName':'tbl','Key':{" K("z") "},"
              "'UpdateExpression':'SET v = :v','ConditionExpression':"
              "'attribute_exists(pk)','ExpressionAttributeValues':{':v':{"
              "'N':'1'}}}}]}",
              "None, None, ConditionalCheckFailed",
              "[{'Code':'None'},{'Code':'None'},{'Code':"
              "'ConditionalCheckFailed','Message':'The conditional request "
              "failed'}]"),
    OK("GetItem", GETK("a"),
       "{'Item':{" K("a") ",'v':{'N':'1'},'g':{'S':'G'}}}"),
    OK("GetItem", GETK("b"), "{'Item':{" K("b") ",'v':{'N':'2'}}}"),
    OK("GetItem", GETK("z"), "{}"),
    OK("Query",
       "{'TableName':'tbl','IndexName':'gidx','KeyConditionExpression':"
       "'g = :g','ExpressionAttributeValues':{':g':{'S':'H'}}}",
       "{'Items':[],'Count':0,'ScannedCount':0}"),
    /* ALL_OLD puts the item into its reason; every action is evaluated;
     * a failed ConditionCheck's message ends with a full stop */
    CANCELLED(TW,
              "{'TransactItems':["
              "{'Put':{'TableName':'tbl','Item':{" K("b") "},"
              "'ConditionExpression':'attribute_not_exists(pk)',"
              "'ReturnValuesOnConditionCheckFailure':'ALL_OLD'}},"
              "{'ConditionCheck':{'TableName':'tbl','Key':{" K("c") "},"
              "'ConditionExpression':'attribute_not_exists(pk)',"
              "'ReturnValuesOnConditionCheckFailure':'ALL_OLD'}},"
              "{'Delete':{'TableName':'tbl','Key':{" K("y") "},"
              "'ConditionExpression':'attribute_exists(pk)',"
              "'ReturnValuesOnConditionCheckFailure':'ALL_OLD'}},"
              "{'Put':{'TableName':'one','Item':{'pk':{'S':'q'}}}}]}",
              "ConditionalCheckFailed, ConditionalCheckFailed, "
              "ConditionalCheckFailed, None",
              "[{'Code':'ConditionalCheckFailed','Message':'The conditional "
              "request failed','Item':{" K("b") ",'v':{'N':'2'}}},"
              "{'Code':'ConditionalCheckFailed','Message':'The conditional "
              "request failed.','Item':{" K("c") "}},"
              "{'Code':'ConditionalCheckFailed','Message':'The conditional "
              "request failed'},{'Code':'None'}]"),
    OK("GetItem", "{'TableName':'one','Key':{'pk':{'S':'q'}}}", "{}"),
    /* per-item validation: reasons, not a ValidationException */
    CANCELLED(TW,
              "{'TransactItems':["
              "{'Put':{'TableName':'tbl','Item':{'pk':{'N':'1'},'sk':{'N':"
              "'1'}}}},"
              "{'Put':{'TableName':'tbl','Item':{" K("e") ",'g':{'N':'1'}}}},"
              "{'Update':{'TableName':'tbl','Key':{" K("a") "},"
              "'UpdateExpression':'SET sk = :n','ExpressionAttributeValues':"
              "{':n':{'N':'2'}}}},"
              "{'Put':{'TableName':'tbl','Item':{" K("f") "}}}]}",
              "ValidationError, ValidationError, ValidationError, None",
              "[{'Code':'ValidationError','Message':'One or more parameter "
              "values were invalid: Type mismatch for key'},"
              "{'Code':'ValidationError','Message':'One or more parameter "
              "values were invalid: Type mismatch for Index Key'},"
              "{'Code':'ValidationError','Message':'One or more parameter "
              "values were invalid: Cannot update attribute sk. This "
              "attribute is part of the key'},{'Code':'None'}]"),
    OK("GetItem", GETK("f"), "{}"),
    OK("GetItem", GETK("e"), "{}"),
};

static void
cancellation_rolls_back(void)
{
    struct sst_emu *emu = tx_open_with_tables(NULL);
    struct json_object *resp;
    struct sst_err e;
    uint64_t n = 0;
    struct sst_emu_txn *txn = NULL;
    static const struct tx_row with_token =
        CANCELLED(TW,
                  "{'ClientRequestToken':'t1','TransactItems':[{'Put':{"
                  "'TableName':'tbl','Item':{" K("a") "},"
                  "'ConditionExpression':'attribute_not_exists(pk)'}}]}",
                  "ConditionalCheckFailed",
                  "[{'Code':'ConditionalCheckFailed','Message':'The "
                  "conditional request failed'}]");

    RUN(emu, tx_setup_items);
    RUN(emu, cancel_rows);
    tx_run_row(emu, &with_token);
    et_verify(emu);
    CU_ASSERT_EQUAL(
        tx_call(emu, "DescribeTable", "{'TableName':'tbl'}", &resp, &e),
        SST_OK);
    CU_ASSERT_EQUAL(json_object_get_int64(json_object_object_get(
                        json_object_object_get(resp, "Table"), "ItemCount")),
                    3);
    json_object_put(resp);
    /* a cancelled request leaves no token behind */
    CU_ASSERT_EQUAL_FATAL(
        sst_emu_txn_begin(sst_emu_store_of(emu), false, &txn, &e), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_tokens_count(txn, &n, &e), SST_OK);
    CU_ASSERT_EQUAL(n, 0);
    sst_emu_txn_abort(txn);
    sst_emu_close(emu);
}

/* ------------------------------------------------------------------ */
/* limits: 100 actions, 101                                            */

/* {'TransactItems':[n actions]} with action i made by fmt (one %d) */
static char *
many(size_t n, const char *fmt, const char *extra)
{
    size_t cap = 64 + n * (strlen(fmt) + 16) + strlen(extra), used, i;
    char *s = malloc(cap);

    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    used = (size_t)snprintf(s, cap, "{%s'TransactItems':[", extra);
    for (i = 0; i < n; i++) {
        used += (size_t)snprintf(s + used, cap - used, i ? "," : "");
        used += (size_t)snprintf(s + used, cap - used, fmt, (int)i);
    }
    snprintf(s + used, cap - used, "]}");
    return s;
}

#define PUT_I                                                                  \
    "{'Put':{'TableName':'tbl','Item':{'pk':{'S':'k%d'},'sk':{'N':'1'}}}}"
#define GET_I                                                                  \
    "{'Get':{'TableName':'tbl','Key':{'pk':{'S':'k%d'},'sk':{'N':'1'}}}}"

static void
limits(void)
{
    struct sst_emu *emu = tx_open_with_tables(NULL);
    char *r100 = many(100, PUT_I, "'ReturnConsumedCapacity':'TOTAL',");
    char *r101 = many(101, PUT_I, "");
    char *g100 = many(100, GET_I, "");
    char *g101 = many(101, GET_I, "");
    struct tx_row rows[] = {
        VALID(TW, r101, SST_EMU_MSG_TX_TOO_MANY),
        /* 100 puts of 1 KB or less: 2 units each */
        OK(TW, r100,
           "{'ConsumedCapacity':[{'TableName':'tbl','CapacityUnits':200.0}]}"),
        VALID(TG, g101, SST_EMU_MSG_TX_TOO_MANY),
        OK(TG, g100, "*"),
        OK("DescribeTable", "{'TableName':'tbl'}", "*"),
    };
    struct json_object *resp;
    struct sst_err e;

    RUN(emu, rows);
    CU_ASSERT_EQUAL(tx_call(emu, TG, g100, &resp, &e), SST_OK);
    CU_ASSERT_EQUAL(json_object_array_length(
                        json_object_object_get(resp, "Responses")),
                    100);
    SST_ASSERT_STR_EQ(
        et_text(json_object_array_get_idx(
            json_object_object_get(resp, "Responses"), 99)),
        "{\"Item\":{\"pk\":{\"S\":\"k99\"},\"sk\":{\"N\":\"1\"}}}");
    json_object_put(resp);
    et_verify(emu);
    free(r100);
    free(r101);
    free(g100);
    free(g101);
    sst_emu_close(emu);
}

/* an item over 400 KB, before any table is looked at */
static void
item_size(void)
{
    struct sst_emu *emu = tx_open_with_tables(NULL);
    size_t n = 410 * 1024, used;
    char *s = malloc(n + 256);
    struct tx_row r = VALID(TW, s, "Item size has exceeded the maximum allowed "
                                   "size");

    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    used = (size_t)sprintf(s, "{'TransactItems':[{'Put':{'TableName':'nope',"
                              "'Item':{" K("a") ",'x':{'S':'");
    memset(s + used, 'x', n);
    strcpy(s + used + n, "'}}}}]}");
    tx_run_row(emu, &r);
    free(s);
    sst_emu_close(emu);
}

/* {'TransactItems':[ten puts of 390011 bytes, one of `last` bytes of
 * padding]} */
static char *
big_puts(size_t last, const char *extra)
{
    size_t n = 11 * (last > 390000 ? last : 390000) + 4096, used = 0, i;
    char *s = malloc(n);

    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    used += (size_t)snprintf(s, n, "{%s'TransactItems':[", extra);
    for (i = 0; i < 11; i++) {
        used += (size_t)snprintf(s + used, n - used,
                                 "%s{'Put':{'TableName':'tbl','Item':{'pk':{"
                                 "'S':'k%zu'},'sk':{'N':'1'},'big':{'S':'",
                                 i ? "," : "", i);
        memset(s + used, 'x', i < 10 ? 390000 : last);
        used += i < 10 ? 390000 : last;
        used += (size_t)snprintf(s + used, n - used, "'}}}}");
    }
    snprintf(s + used, n - used, "]}");
    return s;
}

/* the 4 MB limit: each item counts its DynamoDB size (k0..k9: 390011
 * bytes; k10: 12 + padding), reported when the total first passes */
static void
payload(void)
{
    struct sst_emu *emu = tx_open_with_tables(NULL);
    char *at = big_puts(294182, ""), *over = big_puts(294183, "");
    char *far = big_puts(390000, "'ClientRequestToken':'p1',");
    struct tx_row rows[] = {
        VALID(TW, over,
              "Transaction payload size cannot exceed 4MB. Payload Size: "
              "4194305"),
        VALID(TW, far,
              "Transaction payload size cannot exceed 4MB. Payload Size: "
              "4290122"),
        OK(TW, at, "{}"),
    };

    RUN(emu, rows);
    et_verify(emu);
    free(at);
    free(over);
    free(far);
    sst_emu_close(emu);
}

/* ------------------------------------------------------------------ */
/* ConsumedCapacity and ItemCollectionMetrics                          */

static const struct tx_row capacity_rows[] = {
    /* twice the single operations: a put of a new item with an index
     * row, a put on another table */
    OK(TW,
       "{'ReturnConsumedCapacity':'INDEXES','TransactItems':["
       "{'Put':{'TableName':'tbl','Item':{" K("a") ",'g':{'S':'G'}}}},"
       "{'Put':{'TableName':'tbl','Item':{" K("b") ",'g':{'S':'G'}}}},"
       "{'Put':{'TableName':'one','Item':{'pk':{'S':'x'}}}}]}",
       "{'ConsumedCapacity':[{'TableName':'tbl','CapacityUnits':8.0,"
       "'Table':{'CapacityUnits':4.0},'GlobalSecondaryIndexes':{'gidx':{"
       "'CapacityUnits':4.0}}},{'TableName':'one','CapacityUnits':2.0,"
       "'Table':{'CapacityUnits':2.0}}]}"),
    /* a delete removing an index row; a condition check costs the write
     * of its item */
    OK(TW,
       "{'ReturnConsumedCapacity':'INDEXES','TransactItems':["
       "{'Delete':{'TableName':'tbl','Key':{" K("a") "}}},"
       "{'ConditionCheck':{'TableName':'tbl','Key':{" K("b") "},"
       "'ConditionExpression':'attribute_exists(pk)'}}]}",
       "{'ConsumedCapacity':[{'TableName':'tbl','CapacityUnits':6.0,"
       "'Table':{'CapacityUnits':4.0},'GlobalSecondaryIndexes':{'gidx':{"
       "'CapacityUnits':2.0}}}]}"),
    OK(TW,
       "{'ReturnConsumedCapacity':'NONE','TransactItems':[{'Put':{"
       "'TableName':'one','Item':{'pk':{'S':'y'}}}}]}",
       "{}"),
    /* item collections of a table with a local index */
    OK(TW,
       "{'ReturnItemCollectionMetrics':'SIZE','TransactItems':["
       "{'Put':{'TableName':'coll','Item':{" K("a") ",'l':{'S':'x'}}}},"
       "{'Put':{'TableName':'tbl','Item':{" K("c") "}}}]}",
       "{'ItemCollectionMetrics':{'coll':[{'ItemCollectionKey':{'pk':{'S':"
       "'a'}},'SizeEstimateRangeGB':[0.0,1.0]}]}}"),
};

static void
capacity(void)
{
    struct sst_emu *emu = tx_open_with_tables(NULL);

    RUN(emu, capacity_rows);
    et_verify(emu);
    sst_emu_close(emu);
}

static const struct sst_test write_tests[] = {
    {"Put, Update, Delete and ConditionCheck apply together", write_actions},
    {"a failed action cancels all: reasons, rollback", cancellation_rolls_back},
    {"100 actions, not 101", limits},
    {"an item over 400 KB", item_size},
    {"the 4 MB payload", payload},
    {"ConsumedCapacity and ItemCollectionMetrics", capacity},
    {NULL, NULL}};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"TransactWriteItems", NULL, NULL, write_tests},
        {NULL, NULL, NULL, NULL}};

    return sst_test_main(argc, argv, "test_emu_txn", suites);
}
