/*
 * tests/unit/test_emu_txn.c - TransactWriteItems and TransactGetItems on
 * the emulator, through the backend seam, with exact answers: items,
 * error types and messages, CancellationReasons, ConsumedCapacity.
 *
 * Requests are written with single quotes for readability; et_q() turns
 * them into JSON's double quotes (no request here has a quote inside a
 * string). Covered: every action kind and its effect; 100 and 101
 * actions; one action per item; every validation error, in DynamoDB's
 * order; cancellation with reasons (ConditionalCheckFailed, with the
 * item for ALL_OLD; ValidationError) and the rollback (the items, the
 * index rows, sst_emu_verify); ClientRequestToken replay, mismatch,
 * expiry on the emulator's clock and persistence across a reopen;
 * TransactGetItems; an out-of-memory walk of both.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

#define T0 1795633912989LL /* 2026-11-25T16:31:52.989Z */

/* ------------------------------------------------------------------ */
/* helpers                                                             */

static struct sst_emu *
open_emu(const char *path)
{
    struct sst_emu_options o;
    struct sst_emu *emu = NULL;
    struct sst_err e;

    sst_emu_options_init(&o);
    o.no_sync = true;
    CU_ASSERT_EQUAL_FATAL(sst_emu_open(path, &o, &emu, &e), SST_OK);
    sst_emu_set_time(emu, T0);
    return emu;
}

static enum sst_code
call(struct sst_emu *emu, const char *op, const char *req,
     struct json_object **resp, struct sst_err *e)
{
    struct json_object *r = et_q(req);
    enum sst_code rc;

    memset(e, 0, sizeof *e);
    *resp = NULL;
    rc = sst_emu_call(emu, op, r, resp, e);
    json_object_put(r);
    return rc;
}

/* One call and its exact outcome: code SST_OK and the answer `want`, or
 * the error's code, type and message, and its extra members `want` (NULL:
 * none). want == "*" skips the answer. */
struct row {
    const char *op, *req;
    enum sst_code code;
    const char *type, *msg, *want;
};

#define OK(op, req, want) {op, req, SST_OK, NULL, NULL, want}
#define VALID(op, req, msg)                                                    \
    {op, req, SST_E_VALIDATION, "ValidationException", msg, NULL}
#define CANCELLED(op, req, codes, reasons)                                     \
    {op, req, SST_E_TXN_CANCELED, "TransactionCanceledException",              \
     "Transaction cancelled, please refer cancellation reasons for "           \
     "specific reasons [" codes "]",                                           \
     "{'CancellationReasons':" reasons "}"}

static void
run_row(struct sst_emu *emu, const struct row *r)
{
    struct json_object *resp = NULL, *w = NULL;
    struct sst_err e;
    enum sst_code rc = call(emu, r->op, r->req, &resp, &e);
    bool same;

    if (rc != r->code)
        fprintf(stderr, "\n  %s %s\n  got %s: %s: %s\n", r->op, r->req,
                sst_code_name(rc), e.type, e.message);
    CU_ASSERT_EQUAL(rc, r->code);
    if (r->code != SST_OK) {
        SST_ASSERT_STR_EQ(e.type, r->type);
        SST_ASSERT_STR_EQ(e.message, r->msg);
    }
    if (r->want == NULL || strcmp(r->want, "*") != 0) {
        w = r->want ? et_q(r->want) : NULL;
        same = w ? json_object_equal(resp, w) : resp == NULL;
        if (!same)
            fprintf(stderr, "\n  %s %s\n  want %s\n  got  %s\n", r->op, r->req,
                    r->want ? r->want : "(null)", et_text(resp));
        CU_ASSERT_TRUE(same);
    }
    json_object_put(w);
    json_object_put(resp);
}

static void
run_rows(struct sst_emu *emu, const struct row *rows, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        run_row(emu, &rows[i]);
}

#define RUN(emu, rows) run_rows((emu), (rows), sizeof(rows) / sizeof(rows)[0])

/* The tables: tbl (pk S, sk N; GSI gidx on g, ALL), one (pk S), coll
 * (pk S, sk N; LSI lsi on l, ALL: item collections). */
static const struct row tables[] = {
    OK("CreateTable",
       "{'TableName':'tbl','BillingMode':'PAY_PER_REQUEST','KeySchema':["
       "{'AttributeName':'pk','KeyType':'HASH'},{'AttributeName':'sk',"
       "'KeyType':'RANGE'}],'AttributeDefinitions':[{'AttributeName':'pk',"
       "'AttributeType':'S'},{'AttributeName':'sk','AttributeType':'N'},"
       "{'AttributeName':'g','AttributeType':'S'}],"
       "'GlobalSecondaryIndexes':[{'IndexName':'gidx','KeySchema':["
       "{'AttributeName':'g','KeyType':'HASH'}],'Projection':{"
       "'ProjectionType':'ALL'}}]}",
       "*"),
    OK("CreateTable",
       "{'TableName':'one','BillingMode':'PAY_PER_REQUEST','KeySchema':["
       "{'AttributeName':'pk','KeyType':'HASH'}],'AttributeDefinitions':["
       "{'AttributeName':'pk','AttributeType':'S'}]}",
       "*"),
    OK("CreateTable",
       "{'TableName':'coll','BillingMode':'PAY_PER_REQUEST','KeySchema':["
       "{'AttributeName':'pk','KeyType':'HASH'},{'AttributeName':'sk',"
       "'KeyType':'RANGE'}],'AttributeDefinitions':[{'AttributeName':'pk',"
       "'AttributeType':'S'},{'AttributeName':'sk','AttributeType':'N'},"
       "{'AttributeName':'l','AttributeType':'S'}],"
       "'LocalSecondaryIndexes':[{'IndexName':'lsi','KeySchema':["
       "{'AttributeName':'pk','KeyType':'HASH'},{'AttributeName':'l',"
       "'KeyType':'RANGE'}],'Projection':{'ProjectionType':'ALL'}}]}",
       "*"),
};

static struct sst_emu *
open_with_tables(const char *path)
{
    struct sst_emu *emu = open_emu(path);

    RUN(emu, tables);
    return emu;
}

#define K(pk) "'pk':{'S':'" pk "'},'sk':{'N':'1'}"
#define TW "TransactWriteItems"
#define TG "TransactGetItems"
#define PUT(item) "{'Put':{'TableName':'tbl','Item':{" item "}}}"
#define GETK(pk) "{'TableName':'tbl','Key':{" K(pk) "}}"
/* ------------------------------------------------------------------ */
/* TransactWriteItems: the actions and their effects                   */

static const struct row setup_items[] = {
    OK("PutItem",
       "{'TableName':'tbl','Item':{" K("a") ",'v':{'N':'1'},'g':{'S':'G'}}}",
       "{}"),
    OK("PutItem", "{'TableName':'tbl','Item':{" K("b") ",'v':{'N':'2'}}}",
       "{}"),
    OK("PutItem", "{'TableName':'tbl','Item':{" K("c") "}}", "{}"),
};

static const struct row actions_rows[] = {
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
    struct sst_emu *emu = open_with_tables(NULL);

    RUN(emu, setup_items);
    RUN(emu, actions_rows);
    et_verify(emu);
    sst_emu_close(emu);
}

/* ------------------------------------------------------------------ */
/* cancellation and rollback                                           */

static const struct row cancel_rows[] = {
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
    struct sst_emu *emu = open_with_tables(NULL);
    struct json_object *resp;
    struct sst_err e;
    uint64_t n = 0;
    struct sst_emu_txn *txn = NULL;
    static const struct row with_token =
        CANCELLED(TW,
                  "{'ClientRequestToken':'t1','TransactItems':[{'Put':{"
                  "'TableName':'tbl','Item':{" K("a") "},"
                  "'ConditionExpression':'attribute_not_exists(pk)'}}]}",
                  "ConditionalCheckFailed",
                  "[{'Code':'ConditionalCheckFailed','Message':'The "
                  "conditional request failed'}]");

    RUN(emu, setup_items);
    RUN(emu, cancel_rows);
    run_row(emu, &with_token);
    et_verify(emu);
    CU_ASSERT_EQUAL(call(emu, "DescribeTable", "{'TableName':'tbl'}", &resp,
                         &e),
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
/* validation, in DynamoDB's order                                     */

#define NULL_AT(p)                                                             \
    "Value null at 'transactItems." p "' failed to satisfy constraint: "       \
    "Member must not be null"
#define ONE_PUT "[" PUT(K("a")) "]"

static const struct row validation_rows[] = {
    VALID(TW, "{}", SST_EMU_MSG_TX_NULL),
    VALID(TW, "{'TransactItems':[]}", SST_EMU_MSG_TX_EMPTY),
    VALID(TW, "{'TransactItems':[{}]}",
          "Invalid Request: TransactWriteRequest should contain Delete or Put "
          "or Update request"),
    VALID(TW,
          "{'TransactItems':[{'Put':{'TableName':'tbl','Item':{" K("a") "}},"
          "'Delete':{'TableName':'tbl','Key':{" K("a") "}}}]}",
          "TransactItems can only contain one of Check, Put, Update or "
          "Delete"),
    /* the one-of check of every action comes before any member check */
    VALID(TW, "{'TransactItems':[{'Put':{'Item':{" K("a") "}}},{}]}",
          "Invalid Request: TransactWriteRequest should contain Delete or Put "
          "or Update request"),
    VALID(TW, "{'TransactItems':[{'Put':{'Item':{" K("a") "}}}]}",
          NULL_AT("1.member.put.tableName")),
    VALID(TW, "{'TransactItems':[{'Put':{'TableName':'tbl'}}]}",
          NULL_AT("1.member.put.item")),
    /* a missing Key is found with the table, action by action */
    VALID(TW,
          "{'TransactItems':[" PUT("'pk':{'S':'a'}") ",{'Delete':{"
          "'TableName':'tbl'}}]}",
          "One of the required keys was not given a value"),
    VALID(TW,
          "{'TransactItems':[{'Delete':{'TableName':'tbl'}},{'Put':{"
          "'TableName':'nope','Item':{" K("a") "}}}]}",
          NULL_AT("1.member.delete.key")),
    VALID(TW,
          "{'TransactItems':[{'Update':{'TableName':'tbl','Key':{" K("a") "},"
          "'ExpressionAttributeValues':{':a':{'S':'x'}}}}]}",
          NULL_AT("1.member.update.updateExpression")),
    VALID(TW, "{'TransactItems':[{'Update':{}}]}",
          NULL_AT("1.member.update.tableName")),
    VALID(TW,
          "{'TransactItems':[{'ConditionCheck':{'TableName':'tbl','Key':{"
          K("a") "}}}]}",
          NULL_AT("1.member.conditionCheck.conditionExpression")),
    VALID(TW,
          "{'TransactItems':[{'Update':{'TableName':'tbl','Key':{" K("a")
          "}}}]}",
          NULL_AT("1.member.update.updateExpression")),
    VALID(TW,
          "{'TransactItems':[{'Put':{'TableName':'tbl','Item':{" K("a") "},"
          "'ReturnValuesOnConditionCheckFailure':'ALL_NEW'}}]}",
          "1 validation error detected: Value 'ALL_NEW' at "
          "'transactItems.1.member.put.returnValuesOnConditionCheckFailure' "
          "failed to satisfy constraint: Member must satisfy enum value set: "
          "[ALL_OLD, NONE]"),
    VALID(TW,
          "{'TransactItems':" ONE_PUT ",'ClientRequestToken':"
          "'0123456789012345678901234567890123456'}",
          "Value 0123456789012345678901234567890123456 at "
          "'clientRequestToken' failed to satisfy constraint: Member must "
          "have length less than or equal to 36"),
    VALID(TW, "{'TransactItems':" ONE_PUT ",'ClientRequestToken':''}",
          "1 validation error detected: Value '' at 'clientRequestToken' "
          "failed to satisfy constraint: Member must have length greater "
          "than or equal to 1"),
    VALID(TW, "{'TransactItems':" ONE_PUT ",'ReturnConsumedCapacity':'FOO'}",
          "1 validation error detected: Value 'FOO' at "
          "'returnConsumedCapacity' failed to satisfy constraint: Member must "
          "satisfy enum value set: [INDEXES, TOTAL, NONE]"),
    VALID(TW,
          "{'TransactItems':" ONE_PUT ",'ReturnItemCollectionMetrics':'FOO'}",
          "1 validation error detected: Value 'FOO' at "
          "'returnItemCollectionMetrics' failed to satisfy constraint: "
          "Member must satisfy enum value set: [SIZE, NONE]"),
    /* attribute values and expressions, action by action, before any
     * table */
    VALID(TW,
          "{'TransactItems':[{'Put':{'TableName':'nope','Item':{" K("a") "}}},"
          "{'Put':{'TableName':'tbl','Item':{" K("a") ",'s':{'SS':[]}}}}]}",
          "One or more parameter values were invalid: An string set  may not "
          "be empty"),
    VALID(TW,
          "{'TransactItems':[{'Put':{'TableName':'t*','Item':{" K("a") "}}},"
          "{'Put':{'TableName':'tbl','Item':{" K("a") "},"
          "'ConditionExpression':'attribute_exists(#x)'}}]}",
          "Invalid ConditionExpression: An expression attribute name used in "
          "the document path is not defined; attribute name: #x"),
    VALID(TW,
          "{'TransactItems':[{'Put':{'TableName':'tbl','Item':{" K("a") "},"
          "'ConditionExpression':'attribute_exists(#x)'}},{'Put':{"
          "'TableName':'tbl','Item':{" K("a") ",'s':{'SS':[]}}}}]}",
          "Invalid ConditionExpression: An expression attribute name used in "
          "the document path is not defined; attribute name: #x"),
    VALID(TW,
          "{'TransactItems':[{'Put':{'TableName':'tbl','Item':{" K("a") "},"
          "'ExpressionAttributeValues':{':a':{'S':'x'}}}}]}",
          "ExpressionAttributeValues can only be specified when using "
          "expressions: ConditionExpression is null"),
    VALID(TW,
          "{'TransactItems':[{'Put':{'TableName':'tbl','Item':{" K("a") "},"
          "'ExpressionAttributeNames':{'#a':'x'}}}]}",
          "ExpressionAttributeNames can only be specified when using "
          "expressions"),
    VALID(TW,
          "{'TransactItems':[{'Update':{'TableName':'tbl','Key':{" K("a") "},"
          "'UpdateExpression':'SET a = :a'}}]}",
          "Invalid UpdateExpression: An expression attribute value used in "
          "expression is not defined; attribute value: :a"),
    VALID(TW,
          "{'TransactItems':[{'Delete':{'TableName':'tbl','Key':{'pk':{"
          "'BOOL':true},'sk':{'N':'1'}}}}]}",
          "Invalid attribute value type"),
    /* then the tables and keys, action by action */
    VALID(TW,
          "{'TransactItems':[{'Put':{'TableName':'t*','Item':{" K("a") "}}},"
          "{'Put':{'TableName':'nope','Item':{" K("a") "}}}]}",
          SST_EMU_MSG_TABLE_NAME),
    {TW,
     "{'TransactItems':[{'Put':{'TableName':'nope','Item':{" K("a") "}}},"
     "{'Put':{'TableName':'tbl','Item':{'pk':{'S':'a'}}}}]}",
     SST_E_NOT_FOUND, "ResourceNotFoundException",
     "Cannot do operations on a non-existent table", NULL},
    VALID(TW,
          "{'TransactItems':[{'Put':{'TableName':'tbl','Item':{'pk':{'S':"
          "'a'}}}},{'Put':{'TableName':'nope','Item':{" K("a") "}}}]}",
          "One of the required keys was not given a value"),
    VALID(TW,
          "{'TransactItems':[{'Delete':{'TableName':'tbl','Key':{'pk':{'N':"
          "'1'},'sk':{'N':'1'}}}},{'Delete':{'TableName':'tbl','Key':{'pk':"
          "{'S':'a'}}}}]}",
          "The number of conditions on the keys is invalid"),
    VALID(TW,
          "{'TransactItems':[{'Put':{'TableName':'tbl','Item':{'pk':{'S':''},"
          "'sk':{'N':'1'}}}}]}",
          "One or more parameter values are not valid. The AttributeValue for "
          "a key attribute cannot contain an empty string value. Key: pk"),
    VALID(TW,
          "{'TransactItems':[{'Put':{'TableName':'tbl','Item':{" K("a")
          ",'g':{'S':''}}}}]}",
          "One or more parameter values are not valid. A value specified for "
          "a secondary index key is not supported. The AttributeValue for a "
          "key attribute cannot contain an empty string value. IndexName: "
          "gidx, IndexKey: g"),
    /* one action per item: the first repeat is reported, before a later
     * missing table */
    VALID(TW,
          "{'TransactItems':[" PUT(K("a")) ",{'ConditionCheck':{'TableName':"
          "'tbl','Key':{" K("a") "},'ConditionExpression':'attribute_exists("
          "pk)'}},{'Put':{'TableName':'nope','Item':{" K("a") "}}}]}",
          SST_EMU_MSG_TX_SAME_ITEM),
    VALID(TW,
          "{'TransactItems':[{'Update':{'TableName':'tbl','Key':{'sk':{'N':"
          "'1.0'},'pk':{'S':'a'}},'UpdateExpression':'REMOVE v'}}," PUT(K("a"))
          "]}",
          SST_EMU_MSG_TX_SAME_ITEM),
    OK(TW,
       "{'TransactItems':[" PUT(K("a")) ",{'Put':{'TableName':'coll','Item':{"
       K("a") "}}}]}",
       "{}"),
    VALID(TW,
          "{'TransactItems':[{'Put':{'TableName':'tbl','Item':{" K("a") "},"
          "'ConditionExpression':'attribute_exists(pk.x)'}}]}",
          "Key attributes must be scalars; list random access '[]' and map "
          "lookup '.' are not allowed: Key: pk"),
    /* an update's runtime type error fails the request */
    VALID(TW,
          "{'TransactItems':[{'Update':{'TableName':'tbl','Key':{" K("a") "},"
          "'UpdateExpression':'SET v = pk + :a','ExpressionAttributeValues':{"
          "':a':{'N':'1'}}}}]}",
          "An operand in the update expression has an incorrect data type"),
    /* wrongly typed JSON: AWS's SerializationException */
    {TW, "{'TransactItems':{'Put':{}}}", SST_E_SERIALIZATION,
     "SerializationException", "Start of structure or map found where not "
     "expected.", NULL},
    {TW, "{'TransactItems':[{'Put':{'TableName':5}}]}", SST_E_SERIALIZATION,
     "SerializationException",
     "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not "
     "be converted to an String", NULL},
};

static void
validation(void)
{
    struct sst_emu *emu = open_with_tables(NULL);

    RUN(emu, validation_rows);
    et_verify(emu);
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
    struct sst_emu *emu = open_with_tables(NULL);
    char *r100 = many(100, PUT_I, "'ReturnConsumedCapacity':'TOTAL',");
    char *r101 = many(101, PUT_I, "");
    char *g100 = many(100, GET_I, "");
    char *g101 = many(101, GET_I, "");
    struct row rows[] = {
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
    CU_ASSERT_EQUAL(call(emu, TG, g100, &resp, &e), SST_OK);
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
    struct sst_emu *emu = open_with_tables(NULL);
    size_t n = 410 * 1024, used;
    char *s = malloc(n + 256);
    struct row r = VALID(TW, s, "Item size has exceeded the maximum allowed "
                                "size");

    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    used = (size_t)sprintf(s, "{'TransactItems':[{'Put':{'TableName':'nope',"
                              "'Item':{" K("a") ",'x':{'S':'");
    memset(s + used, 'x', n);
    strcpy(s + used + n, "'}}}}]}");
    run_row(emu, &r);
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
    struct sst_emu *emu = open_with_tables(NULL);
    char *at = big_puts(294182, ""), *over = big_puts(294183, "");
    char *far = big_puts(390000, "'ClientRequestToken':'p1',");
    struct row rows[] = {
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
/* ClientRequestToken                                                  */

#define TOKEN_PUT(tok, pk, v)                                                  \
    "{'ClientRequestToken':'" tok "','TransactItems':[{'Put':{'TableName':"    \
    "'tbl','Item':{" K(pk) ",'v':{'N':'" v "'},'g':{'S':'G'}}}}]"
#define MISMATCH(req)                                                          \
    {TW, req, SST_E_IDEMPOTENT_MISMATCH,                                       \
     "IdempotentParameterMismatchException", "", NULL}

static const struct row token_rows[] = {
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
static const struct row token_expired_rows[] = {
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
    struct sst_emu *emu = open_with_tables(NULL);
    struct row still = MISMATCH(TOKEN_PUT("t1", "a", "2") "}");
    char req[256];
    int i;

    RUN(emu, token_rows);
    CU_ASSERT_EQUAL(token_count(emu), 2);
    /* live until ten minutes have passed */
    sst_emu_advance_clock(emu, SST_EMU_TX_TOKEN_MS - 1);
    run_row(emu, &still);
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
        CU_ASSERT_EQUAL(call(emu, TW, req, &resp, &e), SST_OK);
        json_object_put(resp);
    }
    /* t2 was purged when t1 was stored again */
    CU_ASSERT_EQUAL(token_count(emu), 21);
    sst_emu_advance_clock(emu, SST_EMU_TX_TOKEN_MS);
    /* t1 again, replacing itself and purging eight expired records */
    run_row(emu, &token_expired_rows[0]);
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
    struct row again = OK(TW, TOKEN_PUT("t9", "a", "1") "}", "{}");
    struct row other = MISMATCH(TOKEN_PUT("t9", "a", "5") "}");
    struct row gone = OK("GetItem", GETK("a"), "{}");
    struct row del = OK("DeleteItem", "{'TableName':'tbl','Key':{" K("a") "}}",
                        "{}");

    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    emu = open_with_tables(dir);
    run_row(emu, &again);
    run_row(emu, &del);
    sst_emu_close(emu);
    emu = open_emu(dir);
    run_row(emu, &other);
    run_row(emu, &again);
    run_row(emu, &gone); /* the replay applied nothing */
    et_verify(emu);
    sst_emu_close(emu);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CU_ASSERT_EQUAL(system(cmd), 0);
}

/* ------------------------------------------------------------------ */
/* ConsumedCapacity and ItemCollectionMetrics                          */

static const struct row capacity_rows[] = {
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
    struct sst_emu *emu = open_with_tables(NULL);

    RUN(emu, capacity_rows);
    et_verify(emu);
    sst_emu_close(emu);
}

/* ------------------------------------------------------------------ */
/* TransactGetItems                                                    */

static const struct row get_rows[] = {
    OK("PutItem",
       "{'TableName':'tbl','Item':{" K("a") ",'v':{'N':'1'},'m':{'M':{'x':{"
       "'S':'y'},'z':{'N':'2'}}}}}",
       "{}"),
    OK("PutItem", "{'TableName':'one','Item':{'pk':{'S':'x'}}}", "{}"),
    /* in request order, {} for a missing item; projections */
    OK(TG,
       "{'ReturnConsumedCapacity':'TOTAL','TransactItems':["
       "{'Get':" GETK("a") "},{'Get':" GETK("b") "},"
       "{'Get':{'TableName':'one','Key':{'pk':{'S':'x'}}}},"
       "{'Get':{'TableName':'tbl','Key':{" K("c") "}}},"
       "{'Get':{'TableName':'tbl','Key':{'pk':{'S':'a'},'sk':{'N':'2'}},"
       "'ProjectionExpression':'pk'}},"
       "{'Get':{'TableName':'one','Key':{'pk':{'S':'y'}}}}]}",
       "{'Responses':[{'Item':{" K("a") ",'v':{'N':'1'},'m':{'M':{'x':{'S':"
       "'y'},'z':{'N':'2'}}}}},{},{'Item':{'pk':{'S':'x'}}},{},{},{}],"
       "'ConsumedCapacity':[{'TableName':'tbl','CapacityUnits':8.0},"
       "{'TableName':'one','CapacityUnits':4.0}]}"),
    OK(TG,
       "{'TransactItems':[{'Get':{'TableName':'tbl','Key':{" K("a") "},"
       "'ProjectionExpression':'#v, m.x','ExpressionAttributeNames':{"
       "'#v':'v'}}}]}",
       "{'Responses':[{'Item':{'v':{'N':'1'},'m':{'M':{'x':{'S':'y'}}}}}]}"),
    /* ExpressionAttributeValues are ignored, as GetItem ignores them */
    OK(TG,
       "{'ReturnConsumedCapacity':'INDEXES','TransactItems':[{'Get':{"
       "'TableName':'tbl','Key':{" K("a") "},'ProjectionExpression':'v',"
       "'ExpressionAttributeValues':{':v':{'S':'x'}}}}]}",
       "{'Responses':[{'Item':{'v':{'N':'1'}}}],'ConsumedCapacity':[{"
       "'TableName':'tbl','CapacityUnits':2.0,'Table':{'CapacityUnits':"
       "2.0}}]}"),
    VALID(TG, "{}", SST_EMU_MSG_TX_NULL),
    VALID(TG, "{'TransactItems':[]}", SST_EMU_MSG_TX_EMPTY),
    VALID(TG, "{'TransactItems':[{}]}",
          "Value null at 'transactItems.1.member.get' failed to satisfy "
          "constraint: Member must not be null"),
    VALID(TG, "{'TransactItems':[{'Get':{'Key':{" K("a") "}}}]}",
          "Value null at 'transactItems.1.member.get.tableName' failed to "
          "satisfy constraint: Member must not be null"),
    VALID(TG, "{'TransactItems':[{'Get':" GETK("a") "},{'Get':{'TableName':"
              "'tbl'}}]}",
          "Value null at 'transactItems.2.member.get.key' failed to satisfy "
          "constraint: Member must not be null"),
    VALID(TG,
          "{'TransactItems':[{'Get':" GETK("a") "}],'ReturnConsumedCapacity':"
          "'FOO'}",
          "1 validation error detected: Value 'FOO' at "
          "'returnConsumedCapacity' failed to satisfy constraint: Member must "
          "satisfy enum value set: [INDEXES, TOTAL, NONE]"),
    VALID(TG, "{'TransactItems':[{'Get':" GETK("a") "},{'Get':" GETK("a") "}]}",
          SST_EMU_MSG_TX_SAME_ITEM),
    /* action by action: the first action's table before the second's
     * expression, and the other way round */
    {TG,
     "{'TransactItems':[{'Get':{'TableName':'nope','Key':{" K("a") "}}},"
     "{'Get':{'TableName':'tbl','Key':{" K("a") "},'ProjectionExpression':"
     "'#x'}}]}",
     SST_E_NOT_FOUND, "ResourceNotFoundException",
     "Cannot do operations on a non-existent table", NULL},
    VALID(TG,
          "{'TransactItems':[{'Get':{'TableName':'tbl','Key':{" K("a") "},"
          "'ProjectionExpression':'#x'}},{'Get':{'TableName':'nope','Key':{"
          K("a") "}}}]}",
          "Invalid ProjectionExpression: An expression attribute name used "
          "in the document path is not defined; attribute name: #x"),
    VALID(TG,
          "{'TransactItems':[{'Get':{'TableName':'tbl','Key':{" K("a") "},"
          "'ProjectionExpression':'v','ExpressionAttributeNames':{'#v':'v'}"
          "}}]}",
          "Value provided in ExpressionAttributeNames unused in expressions: "
          "keys: {#v}"),
    VALID(TG,
          "{'TransactItems':[{'Get':{'TableName':'tbl','Key':{" K("a") "},"
          "'ProjectionExpression':'pk.x'}}]}",
          "Key attributes must be scalars; list random access '[]' and map "
          "lookup '.' are not allowed: Key: pk"),
    VALID(TG, "{'TransactItems':[{'Get':{'TableName':'tbl','Key':{'pk':{"
              "'S':'a'}}}}]}",
          "The number of conditions on the keys is invalid"),
    VALID(TG, "{'TransactItems':[{'Get':{'TableName':'tbl','Key':{'pk':{"
              "'S':''},'sk':{'N':'1'}}}}]}",
          "One or more parameter values are not valid. The AttributeValue for "
          "a key attribute cannot contain an empty string value. Key: pk"),
    CANCELLED(TG,
              "{'TransactItems':[{'Get':" GETK("a") "},{'Get':{'TableName':"
              "'tbl','Key':{'pk':{'N':'1'},'sk':{'N':'1'}}}}]}",
              "None, ValidationError",
              "[{'Code':'None'},{'Code':'ValidationError','Message':'One or "
              "more parameter values were invalid: Type mismatch for key'}]"),
};

static void
get_items(void)
{
    struct sst_emu *emu = open_with_tables(NULL);

    RUN(emu, get_rows);
    et_verify(emu);
    sst_emu_close(emu);
}

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
    struct sst_emu *emu = open_with_tables(NULL);

    RUN(emu, setup_items);
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

/* ------------------------------------------------------------------ */

static const struct sst_test write_tests[] = {
    {"Put, Update, Delete and ConditionCheck apply together", write_actions},
    {"a failed action cancels all: reasons, rollback", cancellation_rolls_back},
    {"validation errors in DynamoDB's order", validation},
    {"100 actions, not 101", limits},
    {"an item over 400 KB", item_size},
    {"the 4 MB payload", payload},
    {"ConsumedCapacity and ItemCollectionMetrics", capacity},
    {NULL, NULL}};

static const struct sst_test token_tests[] = {
    {"ClientRequestToken: replay, mismatch, expiry", tokens},
    {"ClientRequestToken: survives a reopen", tokens_survive_reopen},
    {NULL, NULL}};

static const struct sst_test get_tests[] = {
    {"TransactGetItems", get_items}, {NULL, NULL}};

static const struct sst_test oom_tests[] = {
    {"out-of-memory walk", out_of_memory}, {NULL, NULL}};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"TransactWriteItems", NULL, NULL, write_tests},
        {"ClientRequestToken", NULL, NULL, token_tests},
        {"TransactGetItems", NULL, NULL, get_tests},
        {"out of memory", NULL, NULL, oom_tests},
        {NULL, NULL, NULL, NULL}};

    return sst_test_main(argc, argv, "test_emu_txn", suites);
}
