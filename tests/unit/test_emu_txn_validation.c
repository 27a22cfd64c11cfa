/*
 * tests/unit/test_emu_txn_validation.c - TransactWriteItems' validation
 * errors on the emulator, in DynamoDB's order, each with its exact type
 * and message: the request's members, each action's members, attribute
 * values and expressions, then tables and keys action by action, one
 * action per item, runtime type errors, and wrongly typed JSON.
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
/* validation, in DynamoDB's order                                     */

#define NULL_AT(p)                                                             \
    "Value null at 'transactItems." p "' failed to satisfy constraint: "       \
    "Member must not be null"
#define ONE_PUT "[" PUT(K("a")) "]"

static const struct tx_row validation_rows[] = {
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
    struct sst_emu *emu = tx_open_with_tables(NULL);

    RUN(emu, validation_rows);
    et_verify(emu);
    sst_emu_close(emu);
}

static const struct sst_test write_tests[] = {
    {"validation errors in DynamoDB's order", validation},
    {NULL, NULL}};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"TransactWriteItems", NULL, NULL, write_tests},
        {NULL, NULL, NULL, NULL}};

    return sst_test_main(argc, argv, "test_emu_txn_validation", suites);
}
