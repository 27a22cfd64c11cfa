/*
 * tests/unit/test_emu_txn_get.c - TransactGetItems on the emulator, with
 * exact answers: items in request order, projections, ConsumedCapacity,
 * every validation error in DynamoDB's order, and cancellation reasons.
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
/* TransactGetItems                                                    */

static const struct tx_row get_rows[] = {
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
    struct sst_emu *emu = tx_open_with_tables(NULL);

    RUN(emu, get_rows);
    et_verify(emu);
    sst_emu_close(emu);
}

static const struct sst_test get_tests[] = {
    {"TransactGetItems", get_items}, {NULL, NULL}};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"TransactGetItems", NULL, NULL, get_tests},
        {NULL, NULL, NULL, NULL}};

    return sst_test_main(argc, argv, "test_emu_txn_get", suites);
}
