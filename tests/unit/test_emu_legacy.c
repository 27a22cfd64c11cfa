/*
 * tests/unit/test_emu_legacy.c - DynamoDB's legacy (pre-expression)
 * parameters in the emulator (emu/ops/legacy.h).
 *
 *   - the translation itself: each legacy parameter's expression text, as
 *     the engine parsed it (sst_emu_ast_print), table-driven;
 *   - Expected with every ComparisonOperator against an item of every
 *     type, and its Exists/Value forms;
 *   - every validation fault, with DynamoDB's type and message;
 *   - AttributeUpdates: exact items after PUT, ADD and DELETE, and the
 *     type rules;
 *   - KeyConditions, QueryFilter, ScanFilter and AttributesToGet: exact
 *     answers;
 *   - an out-of-memory walk over legacy requests.
 *
 * Requests are written with single quotes for readability; et_q() turns
 * them into JSON.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/emu.h>
#include <sst/mem.h>
#include <sst/sst.h>

#include "emu/expr/ast.h"
#include "emu/ops/legacy.h"
#include "emu/ops/ops.h"
#include "harness.h"
#include "tests/unit/emu_test_util.h"

#define V "One or more parameter values were invalid: "

/* ------------------------------------------------------------------ */
/* helpers                                                             */

static const char *
type_of(enum sst_code code)
{
    switch (code) {
    case SST_E_CONDITION_FAILED:
        return "ConditionalCheckFailedException";
    case SST_E_SERIALIZATION:
        return "SerializationException";
    default:
        return "ValidationException";
    }
}

static const char TABLE[] =
    "{'TableName':'tbl','BillingMode':'PAY_PER_REQUEST',"
    "'KeySchema':[{'AttributeName':'pk','KeyType':'HASH'},"
    "{'AttributeName':'sk','KeyType':'RANGE'}],"
    "'AttributeDefinitions':[{'AttributeName':'pk','AttributeType':'S'},"
    "{'AttributeName':'sk','AttributeType':'N'},"
    "{'AttributeName':'g','AttributeType':'S'}],"
    "'GlobalSecondaryIndexes':[{'IndexName':'gix','KeySchema':["
    "{'AttributeName':'g','KeyType':'HASH'}],"
    "'Projection':{'ProjectionType':'KEYS_ONLY'}}]}";

/* An item of every type. */
#define FULL                                                                   \
    "'pk':{'S':'a'},'sk':{'N':'1'},'x':{'N':'5'},'s':{'S':'hello'},"          \
    "'b':{'B':'AQI='},'t':{'BOOL':true},'n':{'NULL':true},"                   \
    "'ss':{'SS':['a','b']},'ns':{'NS':['1','2']},'l':{'L':[{'S':'a'},"        \
    "{'N':'1'}]},'m':{'M':{'k':{'S':'v'}}}"
#define KEY "'Key':{'pk':{'S':'a'},'sk':{'N':'1'}}"

static struct sst_emu *
open_emu(void)
{
    struct sst_emu *emu = NULL;
    struct json_object *req = et_q(TABLE), *resp = NULL;

    struct sst_err e;

    CU_ASSERT_EQUAL_FATAL(sst_emu_open(NULL, NULL, &emu, NULL), SST_OK);
    if (sst_emu_call(emu, "CreateTable", req, &resp, &e) != SST_OK)
        fprintf(stderr, "\n  CreateTable: %s\n", e.message);
    json_object_put(resp);
    json_object_put(req);
    return emu;
}

/* One request and its exact answer: want is the response (code SST_OK;
 * NULL: not compared) or the error's message. */
struct row {
    const char *op;
    const char *req;
    enum sst_code code;
    const char *want;
    const char *extra; /* an error's extra members (JSON), or NULL */
};

#define OK(op, req, want) {op, req, SST_OK, want, NULL}
#define BAD(op, req, msg) {op, req, SST_E_VALIDATION, msg, NULL}
#define FAILS(op, req)                                                         \
    {op, req, SST_E_CONDITION_FAILED, "The conditional request failed", NULL}

static void
run_row(struct sst_emu *emu, const struct row *r)
{
    struct json_object *req = et_q(r->req), *resp = NULL, *want;
    struct sst_err e;
    enum sst_code rc;

    memset(&e, 0, sizeof e);
    rc = sst_emu_call(emu, r->op, req, &resp, &e);
    if (rc != r->code)
        fprintf(stderr, "\n  %s %s\n  want %s, got %s: %s\n", r->op, r->req,
                sst_code_name(r->code), sst_code_name(rc), e.message);
    CU_ASSERT_EQUAL(rc, r->code);
    if (rc == SST_OK && r->code == SST_OK && r->want != NULL) {
        want = et_q(r->want);
        if (!json_object_equal(resp, want))
            fprintf(stderr, "\n  %s %s\n  want %s\n  got  %s\n", r->op,
                    r->req, et_text(want), et_text(resp));
        CU_ASSERT_TRUE(json_object_equal(resp, want));
        json_object_put(want);
    } else if (r->code != SST_OK && rc == r->code) {
        SST_ASSERT_STR_EQ(e.type, type_of(r->code));
        SST_ASSERT_STR_EQ(e.message, r->want);
        if (r->extra == NULL) {
            CU_ASSERT_PTR_NULL(resp);
        } else {
            want = et_q(r->extra);
            if (!json_object_equal(resp, want))
                fprintf(stderr, "\n  %s %s\n  want %s\n  got  %s\n", r->op,
                        r->req, et_text(want), et_text(resp));
            CU_ASSERT_TRUE(json_object_equal(resp, want));
            json_object_put(want);
        }
    }
    json_object_put(resp);
    json_object_put(req);
}

static void
run_rows(struct sst_emu *emu, const struct row *rows, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        run_row(emu, &rows[i]);
}

/* ------------------------------------------------------------------ */
/* the translation                                                     */

struct translation {
    enum sst_emu_request_op op;
    const char *req;
    const char *condition, *filter, *key_condition, *update;
};

static const struct translation translations[] = {
    {SST_EMU_REQ_PUT_ITEM, "{'Expected':{'x':{'Value':{'N':'1'}}}}",
     "x = :v0", NULL, NULL, NULL},
    {SST_EMU_REQ_PUT_ITEM, "{'Expected':{'x':{'Exists':false}}}",
     "attribute_not_exists(x)", NULL, NULL, NULL},
    {SST_EMU_REQ_PUT_ITEM,
     "{'Expected':{'x':{'Exists':true,'Value':{'S':'a'}},"
     "'y':{'ComparisonOperator':'NOT_NULL'}},'ConditionalOperator':'OR'}",
     "x = :v0 OR attribute_exists(y)", NULL, NULL, NULL},
    {SST_EMU_REQ_DELETE_ITEM,
     "{'Expected':{'a':{'ComparisonOperator':'NE','Value':{'N':'1'}},"
     "'b':{'ComparisonOperator':'LT','AttributeValueList':[{'N':'1'}]},"
     "'c':{'ComparisonOperator':'LE','AttributeValueList':[{'N':'1'}]},"
     "'d':{'ComparisonOperator':'GT','AttributeValueList':[{'N':'1'}]},"
     "'e':{'ComparisonOperator':'GE','AttributeValueList':[{'N':'1'}]}}}",
     "a <> :v0 AND b < :v1 AND c <= :v2 AND d > :v3 AND e >= :v4",
     NULL, NULL, NULL},
    {SST_EMU_REQ_PUT_ITEM,
     "{'Expected':{'s':{'ComparisonOperator':'NOT_CONTAINS',"
     "'AttributeValueList':[{'S':'z'}]},'t':{'ComparisonOperator':"
     "'CONTAINS','AttributeValueList':[{'S':'z'}]}}}",
     "attribute_exists(s) AND NOT contains(s, :v0) AND contains(t, :v1)",
     NULL, NULL, NULL},
    {SST_EMU_REQ_SCAN,
     "{'ScanFilter':{'s':{'ComparisonOperator':'IN','AttributeValueList':"
     "[{'S':'a'},{'S':'b'}]},'x':{'ComparisonOperator':'BETWEEN',"
     "'AttributeValueList':[{'N':'1'},{'N':'2'}]},'y':{"
     "'ComparisonOperator':'BEGINS_WITH','AttributeValueList':[{'S':'p'}]},"
     "'z':{'ComparisonOperator':'NULL'}}}",
     NULL,
     "s IN (:v0, :v1) AND x BETWEEN :v2 AND :v3 AND begins_with(y, :v4) "
     "AND attribute_not_exists(z)",
     NULL, NULL},
    {SST_EMU_REQ_QUERY,
     "{'KeyConditions':{'pk':{'ComparisonOperator':'EQ',"
     "'AttributeValueList':[{'S':'a'}]},'sk':{'ComparisonOperator':'GT',"
     "'AttributeValueList':[{'N':'1'}]}},'QueryFilter':{'x':{"
     "'ComparisonOperator':'NE','AttributeValueList':[{'N':'1'}]}}}",
     NULL, "x <> :v0", "#n0 = :v1 AND #n1 > :v2", NULL},
    /* with the request's own expressions, past its placeholders */
    {SST_EMU_REQ_QUERY,
     "{'KeyConditions':{'pk':{'ComparisonOperator':'EQ',"
     "'AttributeValueList':[{'S':'a'}]}},'FilterExpression':'#n0 = :v0',"
     "'ProjectionExpression':'sk','ExpressionAttributeNames':{'#n0':'x'},"
     "'ExpressionAttributeValues':{':v0':{'N':'1'}}}",
     NULL, "#n0 = :v0", "#n1 = :v1", NULL},
    /* not a key condition: left for the key checks */
    {SST_EMU_REQ_QUERY,
     "{'KeyConditions':{'pk':{'ComparisonOperator':'EQ',"
     "'AttributeValueList':[{'S':'a'}]},'sk':{'ComparisonOperator':'IN',"
     "'AttributeValueList':[{'N':'1'}]}}}",
     NULL, NULL, NULL, NULL},
    {SST_EMU_REQ_UPDATE_ITEM,
     "{'AttributeUpdates':{'a':{'Value':{'S':'v'}},'b':{'Action':'DELETE'},"
     "'c':{'Action':'ADD','Value':{'N':'1'}},'d':{'Action':'DELETE',"
     "'Value':{'SS':['x']}},'e':{'Action':'ADD','Value':{'L':[]}},"
     "'f':{'Action':'PUT','Value':{'N':'2'}}},"
     "'Expected':{'a':{'Exists':false}}}",
     "attribute_not_exists(a)", NULL, NULL,
     "SET a = :v0, e = list_append(if_not_exists(e, :v1), :v2), f = :v3 "
     "REMOVE b ADD c :v4 DELETE d :v5"},
    /* a name is one attribute, never a path */
    {SST_EMU_REQ_UPDATE_ITEM,
     "{'AttributeUpdates':{'m.k':{'Value':{'S':'v'}},'l[0]':{'Action':"
     "'DELETE'}}}",
     NULL, NULL, NULL, "SET m.k = :v0 REMOVE l[0]"},
    /* an invalid entry: reported after the condition, no update yet */
    {SST_EMU_REQ_UPDATE_ITEM,
     "{'AttributeUpdates':{'a':{'Action':'ADD','Value':{'S':'v'}}}}", NULL,
     NULL, NULL, NULL},
};

static void
check_printed(const struct sst_emu_expr *e, const char *want, size_t row)
{
    char buf[1024];

    if (want == NULL) {
        if (e->ast != NULL)
            fprintf(stderr, "\n  row %zu: unexpected expression\n", row);
        CU_ASSERT_PTR_NULL(e->ast);
        return;
    }
    CU_ASSERT_PTR_NOT_NULL_FATAL(e->ast);
    sst_emu_ast_print(e->ast, buf, sizeof buf);
    if (strcmp(buf, want) != 0)
        fprintf(stderr, "\n  row %zu\n  want %s\n  got  %s\n", row, want,
                buf);
    SST_ASSERT_STR_EQ(buf, want);
}

static void
translation_text(void)
{
    size_t i;

    for (i = 0; i < sizeof translations / sizeof translations[0]; i++) {
        const struct translation *t = &translations[i];
        struct json_object *req = et_q(t->req);
        struct sst_emu_exprs x;
        struct sst_err e;

        sst_emu_exprs_init(&x);
        CU_ASSERT_TRUE(sst_emu_legacy_given(req, t->op));
        if (sst_emu_legacy_prepare(&x, t->op, req, &e) != SST_OK) {
            fprintf(stderr, "\n  row %zu: %s\n", i, e.message);
            CU_FAIL("legacy translation failed");
        } else {
            check_printed(&x.condition, t->condition, i);
            check_printed(&x.filter, t->filter, i);
            check_printed(&x.key_condition, t->key_condition, i);
            check_printed(&x.update, t->update, i);
        }
        sst_emu_exprs_cleanup(&x);
        json_object_put(req);
    }
}

/* Beyond the limits of one expression (4096 characters, 300 operators,
 * 100 IN operands), which DynamoDB does not apply to the legacy
 * parameters: 1000 IN values, 400 entries. */
static void
translation_unlimited(void)
{
    static char req[40000];
    char *p = req;
    struct json_object *j;
    struct sst_emu_exprs x;
    struct sst_emu_ast *n;
    struct sst_err e;
    int i, depth = 0;

    p += sprintf(p, "{'Expected':{'x':{'ComparisonOperator':'IN',"
                    "'AttributeValueList':[");
    for (i = 0; i < 1000; i++)
        p += sprintf(p, "%s{'N':'%d'}", i ? "," : "", i);
    p += sprintf(p, "]}");
    for (i = 0; i < 399; i++)
        p += sprintf(p, ",'a%d':{'Exists':false}", i);
    sprintf(p, "}}");
    j = et_q(req);
    sst_emu_exprs_init(&x);
    CU_ASSERT_EQUAL(sst_emu_legacy_prepare(&x, SST_EMU_REQ_PUT_ITEM, j, &e),
                    SST_OK);
    /* AND(AND(...AND(IN, a0)..., a397), a398): left-deep */
    for (n = x.condition.ast; n != NULL && n->op == SST_EMU_EXPR_OP_AND;
         n = n->kids[0])
        depth++;
    CU_ASSERT_EQUAL(depth, 399);
    CU_ASSERT_PTR_NOT_NULL_FATAL(n);
    CU_ASSERT_EQUAL(n->op, SST_EMU_EXPR_OP_IN);
    CU_ASSERT_EQUAL(n->nkids, 1001);
    sst_emu_exprs_cleanup(&x);
    json_object_put(j);
}

/* AttributeUpdates past one UpdateExpression's limits (4096 characters,
 * 300 operators): 1000 entries, PUT, ADD of numbers and lists, DELETE,
 * built as 1000 actions grouped by clause, each a one-element path. */
static void
updates_unlimited(void)
{
    static char req[60000];
    static const char *const entry[4] = {
        "{'Value':{'S':'v'}}", "{'Action':'ADD','Value':{'N':'1'}}",
        "{'Action':'ADD','Value':{'L':[{'N':'1'}]}}", "{'Action':'DELETE'}"};
    const struct sst_emu_ast *root;
    char *p = req;
    struct json_object *j;
    struct sst_emu_exprs x;
    struct sst_err e;
    uint32_t i, counts[SST_EMU_CLAUSE_COUNT] = {0};
    int k;

    p += sprintf(p, "{'AttributeUpdates':{");
    for (k = 0; k < 1000; k++)
        p += sprintf(p, "%s'a%d':%s", k ? "," : "", k, entry[k % 4]);
    sprintf(p, "}}");
    j = et_q(req);
    sst_emu_exprs_init(&x);
    CU_ASSERT_EQUAL_FATAL(
        sst_emu_legacy_prepare(&x, SST_EMU_REQ_UPDATE_ITEM, j, &e), SST_OK);
    root = x.update.ast;
    CU_ASSERT_PTR_NOT_NULL_FATAL(root);
    CU_ASSERT_EQUAL(root->type, SST_EMU_AST_UPDATE);
    CU_ASSERT_EQUAL_FATAL(root->u.update.n, 1000);
    CU_ASSERT_PTR_NOT_NULL(x.update.tree);
    CU_ASSERT_EQUAL(x.update.tree->nkids, 1000);
    for (i = 0; i < root->u.update.n; i++) {
        const struct sst_emu_expr_action *a = &root->u.update.actions[i];
        counts[a->clause]++;
        CU_ASSERT_EQUAL(a->path.n, 1);
        /* clauses in order: SET, REMOVE, ADD, DELETE */
        CU_ASSERT_TRUE(i == 0 || a->clause >= root->u.update.actions[i - 1]
                                                  .clause);
    }
    CU_ASSERT_EQUAL(counts[SST_EMU_CLAUSE_SET], 500);
    CU_ASSERT_EQUAL(counts[SST_EMU_CLAUSE_REMOVE], 250);
    CU_ASSERT_EQUAL(counts[SST_EMU_CLAUSE_ADD], 250);
    CU_ASSERT_EQUAL(counts[SST_EMU_CLAUSE_DELETE], 0);
    /* the first SET is a0's PUT, the second a2's list_append */
    CU_ASSERT_EQUAL(root->u.update.actions[0].clause, SST_EMU_CLAUSE_SET);
    CU_ASSERT_EQUAL(root->u.update.actions[1].value->op,
                    SST_EMU_EXPR_OP_LIST_APPEND);
    sst_emu_exprs_cleanup(&x);
    json_object_put(j);
}

/* ------------------------------------------------------------------ */
/* Expected                                                            */

#define PUT_IF(cond)                                                           \
    "{'TableName':'tbl','Item':{" FULL "},'Expected':{" cond "}}"
#define C1(op, v) "{'ComparisonOperator':'" op "','AttributeValueList':[" v "]}"

static const struct row expected_rows[] = {
    OK("PutItem", "{'TableName':'tbl','Item':{" FULL "}}", "{}"),
    OK("PutItem", PUT_IF("'x':{'Value':{'N':'5.0'}}"), "{}"),
    FAILS("PutItem", PUT_IF("'x':{'Value':{'N':'6'}}")),
    FAILS("PutItem", PUT_IF("'x':{'Value':{'S':'5'}}")),
    OK("PutItem", PUT_IF("'zz':{'Exists':false}"), "{}"),
    FAILS("PutItem", PUT_IF("'x':{'Exists':false}")),
    OK("PutItem", PUT_IF("'x':{'Exists':true,'Value':{'N':'5'}}"), "{}"),
    OK("PutItem", PUT_IF("'ss':{'Value':{'SS':['b','a']}}"), "{}"),
    OK("PutItem", PUT_IF("'x':" C1("EQ", "{'N':'5'}")), "{}"),
    OK("PutItem", PUT_IF("'l':" C1("EQ", "{'L':[{'S':'a'},{'N':'1'}]}")), "{}"),
    OK("PutItem", PUT_IF("'m':" C1("EQ", "{'M':{'k':{'S':'v'}}}")), "{}"),
    OK("PutItem", PUT_IF("'n':" C1("EQ", "{'NULL':true}")), "{}"),
    OK("PutItem", PUT_IF("'x':" C1("NE", "{'N':'4'}")), "{}"),
    OK("PutItem", PUT_IF("'zz':" C1("NE", "{'N':'4'}")), "{}"),
    FAILS("PutItem", PUT_IF("'x':" C1("NE", "{'N':'5'}"))),
    OK("PutItem", PUT_IF("'x':" C1("LT", "{'N':'6'}")), "{}"),
    FAILS("PutItem", PUT_IF("'x':" C1("LT", "{'N':'5'}"))),
    OK("PutItem", PUT_IF("'x':" C1("LE", "{'N':'5'}")), "{}"),
    OK("PutItem", PUT_IF("'s':" C1("GT", "{'S':'hell'}")), "{}"),
    FAILS("PutItem", PUT_IF("'x':" C1("GT", "{'S':'1'}"))),
    OK("PutItem", PUT_IF("'b':" C1("GE", "{'B':'AQI='}")), "{}"),
    OK("PutItem", PUT_IF("'n':" C1("NOT_NULL", "")), "{}"),
    FAILS("PutItem", PUT_IF("'zz':" C1("NOT_NULL", ""))),
    OK("PutItem", PUT_IF("'zz':" C1("NULL", "")), "{}"),
    FAILS("PutItem", PUT_IF("'n':" C1("NULL", ""))),
    OK("PutItem", PUT_IF("'s':" C1("CONTAINS", "{'S':'ell'}")), "{}"),
    OK("PutItem", PUT_IF("'ss':" C1("CONTAINS", "{'S':'a'}")), "{}"),
    OK("PutItem", PUT_IF("'ns':" C1("CONTAINS", "{'N':'2'}")), "{}"),
    OK("PutItem", PUT_IF("'l':" C1("CONTAINS", "{'N':'1'}")), "{}"),
    FAILS("PutItem", PUT_IF("'x':" C1("CONTAINS", "{'BOOL':true}"))),
    FAILS("PutItem", PUT_IF("'zz':" C1("CONTAINS", "{'S':'a'}"))),
    OK("PutItem", PUT_IF("'s':" C1("NOT_CONTAINS", "{'S':'z'}")), "{}"),
    FAILS("PutItem", PUT_IF("'ss':" C1("NOT_CONTAINS", "{'S':'a'}"))),
    /* DynamoDB: a missing attribute does not match NOT_CONTAINS */
    FAILS("PutItem", PUT_IF("'zz':" C1("NOT_CONTAINS", "{'S':'a'}"))),
    OK("PutItem", PUT_IF("'s':" C1("BEGINS_WITH", "{'S':'he'}")), "{}"),
    OK("PutItem", PUT_IF("'b':" C1("BEGINS_WITH", "{'B':'AQ=='}")), "{}"),
    FAILS("PutItem", PUT_IF("'s':" C1("BEGINS_WITH", "{'S':'lo'}"))),
    OK("PutItem", PUT_IF("'s':" C1("IN", "{'S':'x'},{'S':'hello'}")), "{}"),
    FAILS("PutItem", PUT_IF("'ss':" C1("IN", "{'S':'a'}"))),
    OK("PutItem", PUT_IF("'x':" C1("BETWEEN", "{'N':'5'},{'N':'9'}")), "{}"),
    FAILS("PutItem", PUT_IF("'x':" C1("BETWEEN", "{'N':'6'},{'N':'9'}"))),
    OK("PutItem",
       PUT_IF("'x':{'Value':{'N':'9'}},'s':{'Value':{'S':'hello'}}},"
              "'ConditionalOperator':'OR'"),
       "{}"),
    FAILS("PutItem",
          PUT_IF("'x':{'Value':{'N':'5'}},'s':{'Value':{'S':'x'}}},"
                 "'ConditionalOperator':'AND'")),
    /* a name is one attribute, never a path */
    FAILS("PutItem", PUT_IF("'m.k':{'Value':{'S':'v'}}")),
    /* the item it replaces, as asked for */
    {"PutItem",
     "{'TableName':'tbl','Item':{'pk':{'S':'a'},'sk':{'N':'1'}},"
     "'Expected':{'x':{'Value':{'N':'0'}}},"
     "'ReturnValuesOnConditionCheckFailure':'ALL_OLD'}",
     SST_E_CONDITION_FAILED, "The conditional request failed",
     "{'Item':{" FULL "}}"},
    OK("DeleteItem",
       "{'TableName':'tbl'," KEY ",'Expected':{'x':{'Value':{'N':'5'}}},"
       "'ReturnValues':'ALL_OLD'}",
       NULL),
    FAILS("DeleteItem",
          "{'TableName':'tbl'," KEY ",'Expected':{'x':{'Exists':true,"
          "'Value':{'N':'5'}}}}"),
};

static void
expected(void)
{
    struct sst_emu *emu = open_emu();

    run_rows(emu, expected_rows,
             sizeof expected_rows / sizeof expected_rows[0]);
    sst_emu_close(emu);
}

/* ------------------------------------------------------------------ */
/* faults                                                              */

#define PUT_E(cond)                                                            \
    "{'TableName':'tbl','Item':{'pk':{'S':'a'},'sk':{'N':'1'}},"               \
    "'Expected':{" cond "}}"

static const struct row fault_rows[] = {
    BAD("PutItem", PUT_E("'x':{'Exists':false,'Value':{'N':'1'}}"),
        V "Value cannot be used when Exists is false for Attribute: x"),
    BAD("PutItem", PUT_E("'x':{'Exists':true}"),
        V "Value must be provided when Exists is true for Attribute: x"),
    BAD("PutItem", PUT_E("'x':{}"),
        V "Value must be provided when Exists is null for Attribute: x"),
    BAD("PutItem", PUT_E("'x':{'Exists':false,'ComparisonOperator':'NULL'}"),
        V "Exists and ComparisonOperator cannot be used together for "
          "Attribute: x"),
    BAD("PutItem",
        PUT_E("'x':{'Value':{'N':'1'},'AttributeValueList':[{'N':'1'}]}"),
        V "Value and AttributeValueList cannot be used together for "
          "Attribute: x"),
    BAD("PutItem", PUT_E("'x':{'AttributeValueList':[{'N':'1'}]}"),
        V "AttributeValueList can only be used with a ComparisonOperator for "
          "Attribute: x"),
    BAD("PutItem", PUT_E("'x':{'ComparisonOperator':'GE'}"),
        V "Value or AttributeValueList must be used with ComparisonOperator: "
          "GE for Attribute: x"),
    BAD("PutItem", PUT_E("'x':" C1("GE", "")),
        V "Invalid number of argument(s) for the GE ComparisonOperator"),
    BAD("PutItem", PUT_E("'x':" C1("NULL", "{'N':'1'}")),
        V "Invalid number of argument(s) for the NULL ComparisonOperator"),
    BAD("PutItem", PUT_E("'x':" C1("BETWEEN", "{'N':'1'}")),
        V "Invalid number of argument(s) for the BETWEEN ComparisonOperator"),
    BAD("PutItem", PUT_E("'x':" C1("IN", "")),
        V "Invalid number of argument(s) for the IN ComparisonOperator"),
    BAD("PutItem", PUT_E("'x':" C1("Eq", "{'N':'1'}")),
        "Comparison type does not exist in DynamoDB"),
    BAD("PutItem", PUT_E("'x':" C1("LT", "{'SS':['a']}")),
        V "ComparisonOperator LT is not valid for SS AttributeValue type"),
    BAD("PutItem", PUT_E("'x':" C1("CONTAINS", "{'L':[]}")),
        V "ComparisonOperator CONTAINS is not valid for L AttributeValue type"),
    BAD("PutItem", PUT_E("'x':" C1("BEGINS_WITH", "{'N':'1'}")),
        V "ComparisonOperator BEGINS_WITH is not valid for N AttributeValue "
          "type"),
    BAD("PutItem", PUT_E("'x':" C1("IN", "{'S':'a'},{'BOOL':true}")),
        V "ComparisonOperator IN is not valid for BOOL AttributeValue type"),
    BAD("PutItem", PUT_E("'x':" C1("BETWEEN", "{'N':'1'},{'S':'a'}")),
        V "AttributeValues inside AttributeValueList must be of same type"),
    BAD("PutItem", PUT_E("'x':" C1("BETWEEN", "{'N':'10'},{'N':'9'}")),
        "The BETWEEN condition was provided a range where the lower bound is "
        "greater than the upper bound"),
    BAD("PutItem", PUT_E("'x':" C1("EQ", "{'BOOL':true},{'N':'x'}")),
        "A value provided cannot be converted into a number"),
    BAD("PutItem", PUT_E("'':{'Value':{'N':'1'}}"), "Empty attribute name"),
    BAD("PutItem",
        PUT_E("'x':{'Exists':false},'y':{'Exists':false}},"
              "'ConditionalOperator':'XOR'"),
        "1 validation error detected: Value 'XOR' at 'conditionalOperator' "
        "failed to satisfy constraint: Member must satisfy enum value set: "
        "[AND, OR]"),
    BAD("PutItem", PUT_E("'x':{'Exists':false}},'ConditionalOperator':'OR'"),
        "ConditionalOperator can only be used when Filter or Expected has two "
        "or more elements"),
    BAD("PutItem",
        PUT_E("'x':{'Exists':false}},"
              "'ConditionExpression':'attribute_exists(x)'"),
        "Can not use both expression and non-expression parameters in the "
        "same request: Non-expression parameters: {Expected} Expression "
        "parameters: {ConditionExpression}"),
    BAD("PutItem",
        PUT_E("'x':{'Exists':false}},"
              "'ExpressionAttributeValues':{':a':{'N':'1'}}"),
        "ExpressionAttributeValues can only be specified when using "
        "expressions: ConditionExpression is null"),
    BAD("UpdateItem",
        "{'TableName':'tbl'," KEY ",'Expected':{'x':{'Exists':false}},"
        "'AttributeUpdates':{'x':{'Action':'DELETE'}},"
        "'ConditionalOperator':'OR','UpdateExpression':'REMOVE x',"
        "'ConditionExpression':'attribute_exists(x)'}",
        "Can not use both expression and non-expression parameters in the "
        "same request: Non-expression parameters: {AttributeUpdates, "
        "Expected, ConditionalOperator} Expression parameters: "
        "{UpdateExpression, ConditionExpression}"),
    BAD("Query",
        "{'TableName':'tbl','KeyConditions':{},'QueryFilter':{'x':"
        C1("NULL", "") "},'AttributesToGet':['x'],"
        "'ConditionalOperator':'OR','KeyConditionExpression':'pk = :a',"
        "'FilterExpression':'x = :a','ProjectionExpression':'x'}",
        "Can not use both expression and non-expression parameters in the "
        "same request: Non-expression parameters: {AttributesToGet, "
        "QueryFilter, ConditionalOperator} Expression parameters: "
        "{ProjectionExpression, FilterExpression, KeyConditionExpression}"),
    BAD("Scan",
        "{'TableName':'tbl','ScanFilter':{'x':" C1("NULL", "") "},"
        "'ProjectionExpression':'x'}",
        "Can not use both expression and non-expression parameters in the "
        "same request: Non-expression parameters: {ScanFilter} Expression "
        "parameters: {ProjectionExpression}"),
    BAD("GetItem",
        "{'TableName':'tbl'," KEY ",'AttributesToGet':['x'],"
        "'ProjectionExpression':'x'}",
        "Can not use both expression and non-expression parameters in the "
        "same request: Non-expression parameters: {AttributesToGet} "
        "Expression parameters: {ProjectionExpression}"),
    /* UpdateItem and DeleteItem check Expected before anything else */
    BAD("UpdateItem",
        "{'TableName':'tbl','Key':{'pk':{'S':'a'}},'Expected':{'x':"
        C1("EQ", "") "},'ConditionExpression':'a = b','ReturnValues':'BAD'}",
        V "Invalid number of argument(s) for the EQ ComparisonOperator"),
    BAD("DeleteItem",
        "{'TableName':'tbl','Key':{'pk':{'S':'a'}},'Expected':{'x':"
        C1("EQ", "") "},'ReturnValues':'ALL_NEW'}",
        V "Invalid number of argument(s) for the EQ ComparisonOperator"),
    /* ScanFilter is checked before Limit and Select */
    BAD("Scan",
        "{'TableName':'tbl','ScanFilter':{'x':{}},'Limit':0,'Select':'BAD'}",
        "Comparison type does not exist in DynamoDB"),
    BAD("Scan",
        "{'TableName':'tbl','ScanFilter':{'x':" C1("EQ", "") "}}",
        V "Invalid number of argument(s) for the EQ ComparisonOperator"),
    BAD("Scan", "{'TableName':'tbl','ConditionalOperator':'AND'}",
        "ConditionalOperator cannot be used without Filter or Expected"),
};

static void
faults(void)
{
    struct sst_emu *emu = open_emu();

    run_rows(emu, fault_rows, sizeof fault_rows / sizeof fault_rows[0]);
    sst_emu_close(emu);
}

/* ------------------------------------------------------------------ */
/* AttributeUpdates                                                    */

#define UPD(au, rv)                                                            \
    "{'TableName':'tbl'," KEY ",'AttributeUpdates':{" au "},"                 \
    "'ReturnValues':'" rv "'}"
#define PK "'pk':{'S':'a'},'sk':{'N':'1'}"

static const struct row update_rows[] = {
    OK("UpdateItem", UPD("'x':{'Action':'ADD','Value':{'N':'1'}}", "ALL_NEW"),
       "{'Attributes':{" PK ",'x':{'N':'1'}}}"),
    OK("UpdateItem", UPD("'x':{'Action':'ADD','Value':{'N':'2.5'}}",
                         "UPDATED_NEW"),
       "{'Attributes':{'x':{'N':'3.5'}}}"),
    /* PUT is the default Action (AWS) */
    OK("UpdateItem", UPD("'s':{'Value':{'S':'v'}}", "UPDATED_NEW"),
       "{'Attributes':{'s':{'S':'v'}}}"),
    OK("UpdateItem", UPD("'ss':{'Action':'ADD','Value':{'SS':['a','b']}}",
                         "UPDATED_NEW"),
       "{'Attributes':{'ss':{'SS':['a','b']}}}"),
    OK("UpdateItem", UPD("'ss':{'Action':'DELETE','Value':{'SS':['a','z']}}",
                         "UPDATED_NEW"),
       "{'Attributes':{'ss':{'SS':['b']}}}"),
    OK("UpdateItem", UPD("'l':{'Action':'ADD','Value':{'L':[{'N':'1'}]}}",
                         "UPDATED_NEW"),
       "{'Attributes':{'l':{'L':[{'N':'1'}]}}}"),
    OK("UpdateItem", UPD("'l':{'Action':'ADD','Value':{'L':[{'S':'b'}]}}",
                         "UPDATED_OLD"),
       "{'Attributes':{'l':{'L':[{'N':'1'}]}}}"),
    OK("UpdateItem", UPD("'ss':{'Action':'DELETE'},'zz':{'Action':'DELETE'}",
                         "ALL_NEW"),
       "{'Attributes':{" PK ",'x':{'N':'3.5'},'s':{'S':'v'},"
       "'l':{'L':[{'N':'1'},{'S':'b'}]}}}"),
    BAD("UpdateItem", UPD("'x':{'Action':'ADD','Value':{'NS':['1']}}", "NONE"),
        "Type mismatch for attribute to update"),
    BAD("UpdateItem", UPD("'l':{'Action':'ADD','Value':{'N':'1'}}", "NONE"),
        "Type mismatch for attribute to update"),
    BAD("UpdateItem", UPD("'x':{'Action':'DELETE','Value':{'NS':['1']}}",
                          "NONE"),
        "Type mismatch for attribute to update"),
    BAD("UpdateItem", UPD("'y':{'Action':'ADD','Value':{'S':'a'}}", "NONE"),
        V "ADD action is not supported for the type STRING"),
    BAD("UpdateItem", UPD("'y':{'Action':'ADD','Value':{'M':{}}}", "NONE"),
        V "ADD action is not supported for the type MAP"),
    BAD("UpdateItem", UPD("'y':{'Action':'DELETE','Value':{'N':'1'}}", "NONE"),
        V "DELETE action with value is not supported for the type NUMBER"),
    BAD("UpdateItem", UPD("'y':{'Action':'DELETE','Value':{'L':[]}}", "NONE"),
        V "DELETE action with value is not supported for the type LIST"),
    BAD("UpdateItem", UPD("'y':{'Action':'ADD'}", "NONE"),
        V "Only DELETE action is allowed when no attribute value is "
          "specified"),
    BAD("UpdateItem", UPD("'y':{'Action':'put','Value':{'N':'1'}}", "NONE"),
        "Member must satisfy enum value set: [ADD, DELETE, PUT]"),
    BAD("UpdateItem", UPD("'pk':{'Action':'ADD','Value':{'S':'b'}}", "NONE"),
        V "Cannot update attribute pk. This attribute is part of the key"),
    BAD("UpdateItem", UPD("'':{'Value':{'N':'1'}}", "NONE"),
        "Empty attribute name"),
    /* entry by entry: the first entry's mismatch before the second's
     * fault, and the second's fault before its own mismatch */
    BAD("UpdateItem",
        UPD("'x':{'Action':'ADD','Value':{'SS':['a']}},"
            "'y':{'Action':'ADD','Value':{'S':'a'}}", "NONE"),
        "Type mismatch for attribute to update"),
    BAD("UpdateItem",
        UPD("'y':{'Action':'FOO'},'x':{'Action':'ADD','Value':{'SS':['a']}}",
            "NONE"),
        "Member must satisfy enum value set: [ADD, DELETE, PUT]"),
    /* the condition comes first */
    FAILS("UpdateItem",
          "{'TableName':'tbl'," KEY ",'AttributeUpdates':{'y':{'Action':"
          "'ADD','Value':{'S':'a'}}},'Expected':{'x':{'Value':{'N':'0'}}}}"),
    OK("UpdateItem",
       "{'TableName':'tbl'," KEY ",'AttributeUpdates':{'x':{'Action':'ADD',"
       "'Value':{'N':'-0.5'}}},'Expected':{'x':{'Value':{'N':'3.5'}},"
       "'q':{'Exists':false}},'ReturnValues':'UPDATED_OLD'}",
       "{'Attributes':{'x':{'N':'3.5'}}}"),
    OK("GetItem", "{'TableName':'tbl'," KEY ",'AttributesToGet':['x','s']}",
       "{'Item':{'x':{'N':'3'},'s':{'S':'v'}}}"),
    /* an empty map leaves the item as it is */
    OK("UpdateItem", UPD("", "UPDATED_NEW"), "{}"),
    /* a new item from its key */
    OK("UpdateItem",
       "{'TableName':'tbl','Key':{'pk':{'S':'n'},'sk':{'N':'2'}},"
       "'AttributeUpdates':{'y':{'Action':'ADD','Value':{'NS':['7']}}},"
       "'ReturnValues':'ALL_NEW'}",
       "{'Attributes':{'pk':{'S':'n'},'sk':{'N':'2'},'y':{'NS':['7']}}}"),
};

static void
attribute_updates(void)
{
    struct sst_emu *emu = open_emu();

    run_rows(emu, update_rows, sizeof update_rows / sizeof update_rows[0]);
    sst_emu_close(emu);
}

/* ------------------------------------------------------------------ */
/* reads                                                               */

#define ROW(i, x)                                                              \
    "{'TableName':'tbl','Item':{'pk':{'S':'a'},'sk':{'N':'" i "'},"           \
    "'x':{'N':'" x "'},'g':{'S':'G'}}}"
#define KC(rest)                                                               \
    "{'TableName':'tbl','KeyConditions':{'pk':" C1("EQ", "{'S':'a'}") rest "}"

static const struct row read_rows[] = {
    OK("PutItem", ROW("1", "10"), "{}"),
    OK("PutItem", ROW("2", "20"), "{}"),
    OK("PutItem", ROW("3", "30"), "{}"),
    OK("Query", KC(",'sk':" C1("GT", "{'N':'1'}") "},'AttributesToGet':['x']"),
       "{'Items':[{'x':{'N':'20'}},{'x':{'N':'30'}}],'Count':2,"
       "'ScannedCount':2}"),
    OK("Query",
       KC(",'sk':" C1("BETWEEN", "{'N':'1'},{'N':'2'}") "},"
          "'ScanIndexForward':false,'AttributesToGet':['sk']"),
       "{'Items':[{'sk':{'N':'2'}},{'sk':{'N':'1'}}],'Count':2,"
       "'ScannedCount':2}"),
    OK("Query",
       KC("},'QueryFilter':{'x':" C1("GE", "{'N':'20'}") "},"
          "'Select':'COUNT'"),
       "{'Count':2,'ScannedCount':3}"),
    OK("Query",
       KC("},'QueryFilter':{'x':" C1("EQ", "{'N':'10'}") ",'g':"
          C1("NULL", "") "},'ConditionalOperator':'OR',"
          "'AttributesToGet':['sk']"),
       "{'Items':[{'sk':{'N':'1'}}],'Count':1,'ScannedCount':3}"),
    OK("Scan",
       "{'TableName':'tbl','ScanFilter':{'x':" C1("IN", "{'N':'10'},{'N':'30'}")
       "},'AttributesToGet':['x']}",
       "{'Items':[{'x':{'N':'10'}},{'x':{'N':'30'}}],'Count':2,"
       "'ScannedCount':3}"),
    OK("Scan",
       "{'TableName':'tbl','IndexName':'gix','ScanFilter':{'pk':"
       C1("EQ", "{'S':'a'}") "},'Select':'COUNT'}",
       "{'Count':3,'ScannedCount':3}"),
    OK("BatchGetItem",
       "{'RequestItems':{'tbl':{'Keys':[{'pk':{'S':'a'},'sk':{'N':'3'}}],"
       "'AttributesToGet':['x']}}}",
       "{'Responses':{'tbl':[{'x':{'N':'30'}}]},'UnprocessedKeys':{}}"),
    /* KeyConditions goes with FilterExpression and ProjectionExpression */
    OK("Query",
       KC("},'FilterExpression':'#x > :v','ProjectionExpression':'sk',"
          "'ExpressionAttributeNames':{'#x':'x'},"
          "'ExpressionAttributeValues':{':v':{'N':'15'}}"),
       "{'Items':[{'sk':{'N':'2'}},{'sk':{'N':'3'}}],'Count':2,"
       "'ScannedCount':3}"),
    BAD("Query",
        KC("},'FilterExpression':'x > :v','ExpressionAttributeValues':{"
           "':v':{'N':'15'},':w':{'N':'1'}}"),
        "Value provided in ExpressionAttributeValues unused in expressions: "
        "keys: {:w}"),
    BAD("Query",
        KC("},'QueryFilter':{'x':" C1("NULL", "") "},'FilterExpression':"
           "'x > :v','ExpressionAttributeValues':{':v':{'N':'15'}}"),
        "Can not use both expression and non-expression parameters in the "
        "same request: Non-expression parameters: {QueryFilter} Expression "
        "parameters: {FilterExpression}"),
    BAD("Query", KC(",'sk':" C1("NE", "{'N':'1'}") "}"),
        "Attempted conditional constraint is not an indexable operation"),
    BAD("Query", KC(",'sk':" C1("NOT_NULL", "") "}"),
        "Only scalar types can be used as Range Key values"),
    BAD("Query", "{'TableName':'tbl','KeyConditions':{'pk':"
                 C1("BEGINS_WITH", "{'S':'a'}") "}}",
        "Query key condition not supported"),
    BAD("Query", "{'TableName':'tbl','KeyConditions':{'pk':"
                 C1("NOT_NULL", "") "}}",
        "Only scalar types can be used as Hash Key values"),
    BAD("Query", "{'TableName':'tbl','KeyConditions':{'sk':"
                 C1("EQ", "{'N':'1'}") "}}",
        "Query condition missed key schema element"),
    BAD("Query", KC(",'x':" C1("EQ", "{'N':'1'}") "}"),
        "Query condition missed key schema element"),
    BAD("Query", KC(",'sk':" C1("EQ", "{'N':'1'}") ",'x':"
                    C1("EQ", "{'N':'1'}") "}"),
        "Conditions can be of length 1 or 2 only"),
    BAD("Query", "{'TableName':'tbl','KeyConditions':{}}",
        "Conditions must be at least length 1"),
    BAD("Query", KC(",'sk':" C1("GT", "{'S':'1'}") "}"),
        V "Condition parameter type does not match schema type"),
    BAD("Query", "{'TableName':'tbl','KeyConditions':{'pk':"
                 C1("EQ", "{'S':''}") "}}",
        "One or more parameter values are not valid. The AttributeValue for "
        "a key attribute cannot contain an empty string value. Key: pk"),
    BAD("Query", KC("},'QueryFilter':{'sk':" C1("GT", "{'N':'1'}") "}"),
        "QueryFilter can only contain non-primary key attributes: Primary "
        "key attribute: sk"),
    /* Limit, then KeyConditions, then the rest */
    BAD("Query",
        "{'TableName':'tbl','KeyConditions':{'pk':" C1("EQ", "{'N':'1'}")
        "},'Limit':0}",
        "Limit must be greater than or equal to 1"),
    BAD("Query",
        "{'TableName':'tbl','KeyConditions':{'pk':" C1("EQ", "{'N':'1'}")
        "},'AttributesToGet':['x','x'],'ConditionalOperator':'OR'}",
        V "Condition parameter type does not match schema type"),
    BAD("Query", "{'TableName':'tbl'}",
        "Either the KeyConditions or KeyConditionExpression parameter must "
        "be specified in the request."),
};

static void
reads(void)
{
    struct sst_emu *emu = open_emu();

    run_rows(emu, read_rows, sizeof read_rows / sizeof read_rows[0]);
    sst_emu_close(emu);
}

/* ------------------------------------------------------------------ */
/* out of memory                                                       */

static void
oom_walk(struct sst_emu *emu, const char *op, const char *req)
{
    et_oom_walk(emu, op, et_q(req), 0);
}

static void
out_of_memory(void)
{
    struct sst_emu *emu = open_emu();
    struct row warm = OK("DescribeTable", "{'TableName':'tbl'}", NULL);

    run_row(emu, &warm);
    oom_walk(emu, "PutItem",
             "{'TableName':'tbl','Item':{" FULL "},'Expected':{'x':"
             "{'Exists':false},'s':" C1("IN", "{'S':'a'},{'S':'b'}")
             "},'ConditionalOperator':'OR'}");
    oom_walk(emu, "UpdateItem",
             "{'TableName':'tbl'," KEY ",'AttributeUpdates':{'x':{'Action':"
             "'ADD','Value':{'N':'1'}},'l':{'Action':'ADD','Value':{'L':"
             "[{'N':'1'}]}},'ss':{'Action':'DELETE','Value':{'SS':['a']}},"
             "'s':{'Action':'DELETE'}},'Expected':{'x':"
             C1("BETWEEN", "{'N':'0'},{'N':'9'}") "},"
             "'ReturnValues':'UPDATED_NEW'}");
    oom_walk(emu, "Query",
             "{'TableName':'tbl','KeyConditions':{'pk':" C1("EQ", "{'S':'a'}")
             ",'sk':" C1("GE", "{'N':'0'}") "},'QueryFilter':{'x':"
             C1("NOT_CONTAINS", "{'S':'z'}") "},'AttributesToGet':['x']}");
    oom_walk(emu, "Scan",
             "{'TableName':'tbl','ScanFilter':{'s':"
             C1("BEGINS_WITH", "{'S':'h'}") "}}");
    oom_walk(emu, "DeleteItem",
             "{'TableName':'tbl'," KEY ",'Expected':{'x':{'Value':"
             "{'N':'6'}}}}");
    sst_emu_close(emu);
}

static const struct sst_test translation_tests[] = {
    {"each parameter's expression text", translation_text},
    {"beyond one expression's limits", translation_unlimited},
    {"AttributeUpdates beyond one expression's limits", updates_unlimited},
    {NULL, NULL},
};

static const struct sst_test op_tests[] = {
    {"Expected: every operator and form", expected},
    {"faults, with DynamoDB's messages", faults},
    {"AttributeUpdates", attribute_updates},
    {"KeyConditions, QueryFilter, ScanFilter, AttributesToGet", reads},
    {"out-of-memory walk", out_of_memory},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"translation", NULL, NULL, translation_tests},
        {"operations", NULL, NULL, op_tests},
        {NULL, NULL, NULL, NULL},
    };

    return sst_test_main(argc, argv, "test_emu_legacy", suites);
}
