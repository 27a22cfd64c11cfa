/*
 * tests/unit/test_emu_txn_token.c - TransactWriteItems' ClientRequestToken
 * on the emulator: replay (nothing applied again, the capacity of the
 * reads), mismatch, validation first, no token for a cancelled request,
 * expiry after ten minutes on the emulator's clock and the purging of
 * expired records, and persistence across a reopen.
 */
#include <stdio.h>
#include <stdlib.h>

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
/* ClientRequestToken                                                  */

#define TOKEN_PUT(tok, pk, v)                                                  \
    "{'ClientRequestToken':'" tok "','TransactItems':[{'Put':{'TableName':"    \
    "'tbl','Item':{" K(pk) ",'v':{'N':'" v "'},'g':{'S':'G'}}}}]"
#define MISMATCH(req)                                                          \
    {TW, req, SST_E_IDEMPOTENT_MISMATCH,                                       \
     "IdempotentParameterMismatchException", "", NULL}

static const struct tx_row token_rows[] = {
    OK(TW, TOKEN_PUT("t1", "a", "1") "}", "{}"),
    OK("DeleteItem", "{'TableName':'tbl','Key':{" K("a") "}}", "{}"),
    /* the same request again: success, and nothing applied */
    OK(TW, TOKEN_PUT("t1", "a", "1") "}", "{}"),
    OK("GetItem", GETK("a"), "{}"),
    /* members in another order are the same request; a replay costs the
     * reading of its items, as transactional reads (the item is gone: one
     * read) */
    OK(TW,
       "{'ReturnConsumedCapacity':'INDEXES','TransactItems':[{'Put':{"
       "'Item':{'g':{'S':'G'},'v':{'N':'1'}," K("a") "},'TableName':'tbl'}}],"
       "'ClientRequestToken':'t1','ReturnItemCollectionMetrics':'SIZE'}",
       "{'ConsumedCapacity':[{'TableName':'tbl','CapacityUnits':2.0,"
       "'Table':{'CapacityUnits':2.0}}]}"),
    OK(TW, TOKEN_PUT("t1", "a", "1") ",'ReturnConsumedCapacity':'TOTAL'}",
       "{'ConsumedCapacity':[{'TableName':'tbl','CapacityUnits':2.0}]}"),
    /* other TransactItems: a mismatch, checked before the tables */
    MISMATCH(TOKEN_PUT("t1", "a", "2") "}"),
    MISMATCH("{'ClientRequestToken':'t1','TransactItems':[{'Put':{"
             "'TableName':'nope','Item':{" K("a") "}}}]}"),
    /* validation comes first */
    VALID(TW, "{'ClientRequestToken':'t1','TransactItems':[{}]}",
          "Invalid Request: TransactWriteRequest should contain Delete or Put "
          "or Update request"),
    /* a cancelled request records no token */
    CANCELLED(TW,
              "{'ClientRequestToken':'t2','TransactItems':[{'Put':{"
              "'TableName':'tbl','Item':{" K("b") "},'ConditionExpression':"
              "'attribute_exists(pk)'}}]}",
              "ConditionalCheckFailed",
              "[{'Code':'ConditionalCheckFailed','Message':'The conditional "
              "request failed'}]"),
    OK(TW, TOKEN_PUT("t2", "b", "1") "}", "{}"),
    OK("GetItem", GETK("b"),
       "{'Item':{" K("b") ",'v':{'N':'1'},'g':{'S':'G'}}}"),
};

/* after ten minutes the token is free again */
static const struct tx_row token_expired_rows[] = {
    OK(TW, TOKEN_PUT("t1", "a", "2") "}", "{}"),
    OK("GetItem", GETK("a"),
       "{'Item':{" K("a") ",'v':{'N':'2'},'g':{'S':'G'}}}"),
    MISMATCH(TOKEN_PUT("t1", "a", "3") "}"),
};

static uint64_t
token_count(struct sst_emu *emu)
{
    struct sst_emu_txn *txn = NULL;
    struct sst_err e;
    uint64_t n = 0;

    CU_ASSERT_EQUAL_FATAL(
        sst_emu_txn_begin(sst_emu_store_of(emu), false, &txn, &e), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_tokens_count(txn, &n, &e), SST_OK);
    sst_emu_txn_abort(txn);
    return n;
}

static void
tokens(void)
{
    struct sst_emu *emu = tx_open_with_tables(NULL);
    struct tx_row still = MISMATCH(TOKEN_PUT("t1", "a", "2") "}");
    char req[256];
    int i;

    RUN(emu, token_rows);
    CU_ASSERT_EQUAL(token_count(emu), 2);
    /* live until ten minutes have passed */
    sst_emu_advance_clock(emu, SST_EMU_TX_TOKEN_MS - 1);
    tx_run_row(emu, &still);
    sst_emu_advance_clock(emu, 1);
    RUN(emu, token_expired_rows);
    /* expired records are purged as new ones are stored */
    for (i = 0; i < 20; i++) {
        struct json_object *resp;
        struct sst_err e;

        snprintf(req, sizeof req,
                 "{'ClientRequestToken':'p%d','TransactItems':[{'Put':{"
                 "'TableName':'one','Item':{'pk':{'S':'p%d'}}}}]}",
                 i, i);
        CU_ASSERT_EQUAL(tx_call(emu, TW, req, &resp, &e), SST_OK);
        json_object_put(resp);
    }
    /* t2 was purged when t1 was stored again */
    CU_ASSERT_EQUAL(token_count(emu), 21);
    sst_emu_advance_clock(emu, SST_EMU_TX_TOKEN_MS);
    /* t1 again, replacing itself and purging eight expired records */
    tx_run_row(emu, &token_expired_rows[0]);
    CU_ASSERT_EQUAL(token_count(emu), 13);
    et_verify(emu);
    sst_emu_close(emu);
}

/* the tokens live in the LMDB environment: they survive a reopen */
static void
tokens_survive_reopen(void)
{
    char dir[] = "/tmp/sst-test-txn-XXXXXX", cmd[64];
    struct sst_emu *emu;
    struct tx_row again = OK(TW, TOKEN_PUT("t9", "a", "1") "}", "{}");
    struct tx_row other = MISMATCH(TOKEN_PUT("t9", "a", "5") "}");
    struct tx_row gone = OK("GetItem", GETK("a"), "{}");
    struct tx_row del =
        OK("DeleteItem", "{'TableName':'tbl','Key':{" K("a") "}}", "{}");

    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    emu = tx_open_with_tables(dir);
    tx_run_row(emu, &again);
    tx_run_row(emu, &del);
    sst_emu_close(emu);
    emu = tx_open_emu(dir);
    tx_run_row(emu, &other);
    tx_run_row(emu, &again);
    tx_run_row(emu, &gone); /* the replay applied nothing */
    et_verify(emu);
    sst_emu_close(emu);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CU_ASSERT_EQUAL(system(cmd), 0);
}

static const struct sst_test token_tests[] = {
    {"ClientRequestToken: replay, mismatch, expiry", tokens},
    {"ClientRequestToken: survives a reopen", tokens_survive_reopen},
    {NULL, NULL}};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"ClientRequestToken", NULL, NULL, token_tests},
        {NULL, NULL, NULL, NULL}};

    return sst_test_main(argc, argv, "test_emu_txn_token", suites);
}
