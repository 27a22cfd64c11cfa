/*
 * tests/unit/test_eval.c - conditions on items (emu/expr/eval.c) and key
 * conditions for Query (emu/expr/keycond.c).
 *
 * Each row is a condition, its placeholders and an item, with the answer
 * DynamoDB Local gives (a DeleteItem with that ConditionExpression
 * succeeds or fails with ConditionalCheckFailedException).
 */
#include <stdio.h>
#include <string.h>

#include <sst/sst.h>

#include "emu/expr/eval.h"
#include "emu/expr/keycond.h"
#include "expr_util.h"
#include "harness.h"

#define N_(a) (sizeof(a) / sizeof((a)[0]))

/* The item most rows run against (the corpus's RICH item, plus "e"). */
static const char rich[] =
    "{'pk': {'S': 'item'}, 's': {'S': 'hello'}, 'se': {'S': ''}, "
    "'e': {'S': '\xc3\xa9\xf0\x9f\x98\x80'}, 'n': {'N': '42'}, "
    "'nneg': {'N': '-7.5'}, 'b': {'B': 'AQID'}, 'bt': {'BOOL': true}, "
    "'bf': {'BOOL': false}, 'nl': {'NULL': true}, "
    "'l': {'L': [{'S': 'a'}, {'N': '1'}, {'BOOL': true}, {'NULL': true}, "
    "{'L': [{'S': 'x'}, {'S': 'y'}]}, {'M': {'k': {'S': 'v'}}}]}, "
    "'m': {'M': {'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': "
    "{'c': {'S': 'deep'}}}]}}}, 'k': {'S': 'v'}, 'dot.name': {'S': 'nd'}}}, "
    "'ss': {'SS': ['a', 'b', 'c']}, 'ns': {'NS': ['1', '2', '3']}, "
    "'bs': {'BS': ['AQ==', 'Ag==']}, 'dot.name': {'S': 'top'}}";

struct eval_row {
    const char *expr;
    const char *values; /* quoted JSON or NULL */
    const char *names;
    bool item; /* false: no item at all */
    bool expected;
};

static const struct eval_row eval_rows[] = {
    /* equality: every type; different types are never equal */
    {"s = :v", "{':v': {'S': 'hello'}}", NULL, true, true},
    {"s <> :v", "{':v': {'S': 'hell'}}", NULL, true, true},
    {"n = :v", "{':v': {'N': '42.000'}}", NULL, true, true},
    {"n = :v", "{':v': {'N': '4.2E1'}}", NULL, true, true},
    {"n = :v", "{':v': {'S': '42'}}", NULL, true, false},
    {"n <> :v", "{':v': {'S': '42'}}", NULL, true, true},
    {"nl = :v", "{':v': {'NULL': true}}", NULL, true, true},
    {"bt = :v", "{':v': {'BOOL': true}}", NULL, true, true},
    {"ss = :v", "{':v': {'SS': ['c', 'a', 'b']}}", NULL, true, true},
    {"ns = :v", "{':v': {'NS': ['3.0', '1', '2']}}", NULL, true, true},
    {"l = :v", "{':v': {'L': [{'S': 'a'}]}}", NULL, true, false},
    {"l[4] = :v", "{':v': {'L': [{'S': 'x'}, {'S': 'y'}]}}", NULL, true, true},
    {"l[4] = :v", "{':v': {'L': [{'S': 'y'}, {'S': 'x'}]}}", NULL, true, false},
    {"m.a.b[2].c = :v", "{':v': {'S': 'deep'}}", NULL, true, true},
    {"#d = :v", "{':v': {'S': 'top'}}", "{'#d': 'dot.name'}", true, true},
    {"m.#d = :v", "{':v': {'S': 'nd'}}", "{'#d': 'dot.name'}", true, true},
    {"b = :v", "{':v': {'B': 'AQID'}}", NULL, true, true},
    {"a = b", NULL, NULL, true, false},
    /* missing and unresolvable paths are absent: = false, <> true */
    {"nope = :v", "{':v': {'S': 'x'}}", NULL, true, false},
    {"nope <> :v", "{':v': {'NULL': true}}", NULL, true, true},
    {"nope <> nope2", NULL, NULL, true, true},
    {"nope = nope2", NULL, NULL, true, false},
    {"l[9] <> :v", "{':v': {'S': 'x'}}", NULL, true, true},
    {"s.x = :v", "{':v': {'S': 'x'}}", NULL, true, false},
    {"n[0] = :v", "{':v': {'S': 'x'}}", NULL, true, false},
    {"m[0] <> :v", "{':v': {'S': 'x'}}", NULL, true, true},
    {"l.k = :v", "{':v': {'S': 'v'}}", NULL, true, false},
    /* ordering: S and B by unsigned bytes, N numerically, else false */
    {"s < :v", "{':v': {'S': 'help'}}", NULL, true, true},
    {"s > :v", "{':v': {'S': 'hell'}}", NULL, true, true},
    {"s < :v", "{':v': {'S': '\xef\xbf\xbf'}}", NULL, true, true},
    {"e < :v", "{':v': {'S': '\xef\xbf\xbf'}}", NULL, true, true},
    {"e < :v", "{':v': {'S': '\xf0\x9f\x98\x80'}}", NULL, true, true},
    {"nneg < :v", "{':v': {'N': '-7.4'}}", NULL, true, true},
    {"n >= :v", "{':v': {'N': '42'}}", NULL, true, true},
    {"n <= :v", "{':v': {'N': '4.1e1'}}", NULL, true, false},
    {"b < :v", "{':v': {'B': 'gA=='}}", NULL, true, true},
    {"n < :v", "{':v': {'S': 'z'}}", NULL, true, false},
    {"l < m", NULL, NULL, true, false},
    {"bt > bf", NULL, NULL, true, false},
    {"nope < :v", "{':v': {'N': '1'}}", NULL, true, false},
    /* BETWEEN: bounds out of order or of other types at run time: false */
    {"n BETWEEN :a AND :b", "{':a': {'N': '42'}, ':b': {'N': '42'}}", NULL,
     true, true},
    {"n BETWEEN :a AND :b", "{':a': {'N': '1'}, ':b': {'N': '41.9'}}", NULL,
     true, false},
    {"s BETWEEN :a AND :b", "{':a': {'S': 'a'}, ':b': {'S': 'i'}}", NULL, true,
     true},
    {"m.a.b[1] BETWEEN n AND nneg", NULL, NULL, true, false},
    {"m.a.b[1] BETWEEN nneg AND n", NULL, NULL, true, true},
    {"n BETWEEN nneg AND s", NULL, NULL, true, false},
    {"n BETWEEN nope AND :v", "{':v': {'N': '100'}}", NULL, true, false},
    /* IN compares whole values */
    {"n IN (:a, :b)", "{':a': {'S': '42'}, ':b': {'N': '42'}}", NULL, true,
     true},
    {"s IN (nope, :v)", "{':v': {'S': 'hello'}}", NULL, true, true},
    {"nope IN (nope2, :v)", "{':v': {'S': 'x'}}", NULL, true, false},
    {"ss IN (:v)", "{':v': {'S': 'a'}}", NULL, true, false},
    /* functions */
    {"attribute_exists(nl)", NULL, NULL, true, true},
    {"attribute_exists(l[5].k)", NULL, NULL, true, true},
    {"attribute_exists(l[6])", NULL, NULL, true, false},
    {"attribute_not_exists(nope)", NULL, NULL, true, true},
    {"attribute_not_exists(se)", NULL, NULL, true, false},
    {"attribute_type(s, :t)", "{':t': {'S': 'S'}}", NULL, true, true},
    {"attribute_type(n, :t)", "{':t': {'S': 'N'}}", NULL, true, true},
    {"attribute_type(b, :t)", "{':t': {'S': 'B'}}", NULL, true, true},
    {"attribute_type(bt, :t)", "{':t': {'S': 'BOOL'}}", NULL, true, true},
    {"attribute_type(nl, :t)", "{':t': {'S': 'NULL'}}", NULL, true, true},
    {"attribute_type(m, :t)", "{':t': {'S': 'M'}}", NULL, true, true},
    {"attribute_type(l, :t)", "{':t': {'S': 'L'}}", NULL, true, true},
    {"attribute_type(ss, :t)", "{':t': {'S': 'SS'}}", NULL, true, true},
    {"attribute_type(ns, :t)", "{':t': {'S': 'NS'}}", NULL, true, true},
    {"attribute_type(bs, :t)", "{':t': {'S': 'BS'}}", NULL, true, true},
    {"attribute_type(ss, :t)", "{':t': {'S': 'L'}}", NULL, true, false},
    {"attribute_type(nope, :t)", "{':t': {'S': 'S'}}", NULL, true, false},
    {"begins_with(s, :p)", "{':p': {'S': 'he'}}", NULL, true, true},
    {"begins_with(s, :p)", "{':p': {'S': ''}}", NULL, true, true},
    {"begins_with(s, :p)", "{':p': {'S': 'hello!'}}", NULL, true, false},
    {"begins_with(b, :p)", "{':p': {'B': 'AQI='}}", NULL, true, true},
    {"begins_with(b, :p)", "{':p': {'S': 'AQI='}}", NULL, true, false},
    {"begins_with(:p, s)", "{':p': {'S': 'hello world'}}", NULL, true, true},
    {"begins_with(n, :p)", "{':p': {'S': '4'}}", NULL, true, false},
    {"contains(s, :v)", "{':v': {'S': 'ell'}}", NULL, true, true},
    {"contains(s, :v)", "{':v': {'S': ''}}", NULL, true, true},
    {"contains(s, :v)", "{':v': {'S': 'lol'}}", NULL, true, false},
    {"contains(b, :v)", "{':v': {'B': 'AgM='}}", NULL, true, true},
    {"contains(ss, :v)", "{':v': {'S': 'b'}}", NULL, true, true},
    {"contains(ns, :v)", "{':v': {'N': '2.0'}}", NULL, true, true},
    {"contains(ns, :v)", "{':v': {'S': '2'}}", NULL, true, false},
    {"contains(bs, :v)", "{':v': {'B': 'Ag=='}}", NULL, true, true},
    {"contains(l, :v)", "{':v': {'S': 'a'}}", NULL, true, true},
    {"contains(l, :v)", "{':v': {'M': {'k': {'S': 'v'}}}}", NULL, true, true},
    {"contains(l, :v)", "{':v': {'L': [{'S': 'x'}, {'S': 'y'}]}}", NULL, true,
     true},
    {"contains(m, :v)", "{':v': {'S': 'k'}}", NULL, true, false},
    {"contains(s, nope)", NULL, NULL, true, false},
    {"contains(ss, :v)", "{':v': {'SS': ['a']}}", NULL, true, false},
    /* size: S in UTF-16 units, B bytes, members of sets, L and M */
    {"size(s) = :v", "{':v': {'N': '5'}}", NULL, true, true},
    {"size(se) = :v", "{':v': {'N': '0'}}", NULL, true, true},
    {"size(e) = :v", "{':v': {'N': '3'}}", NULL, true, true},
    {"size(b) = :v", "{':v': {'N': '3'}}", NULL, true, true},
    {"size(ss) = :v", "{':v': {'N': '3'}}", NULL, true, true},
    {"size(ns) = :v", "{':v': {'N': '3.0'}}", NULL, true, true},
    {"size(bs) = :v", "{':v': {'N': '2'}}", NULL, true, true},
    {"size(l) = :v", "{':v': {'N': '6'}}", NULL, true, true},
    {"size(m) = :v", "{':v': {'N': '3'}}", NULL, true, true},
    {"size(l) > :v", "{':v': {'N': '5.99'}}", NULL, true, true},
    {"size(l[4]) BETWEEN :a AND :b", "{':a': {'N': '2'}, ':b': {'N': '2'}}",
     NULL, true, true},
    {"size(n) = :v", "{':v': {'N': '2'}}", NULL, true, false},
    {"size(n) <> :v", "{':v': {'N': '2'}}", NULL, true, true},
    {"size(nl) >= :v", "{':v': {'N': '0'}}", NULL, true, false},
    {"size(nope) <> :v", "{':v': {'N': '1'}}", NULL, true, true},
    {"size(s) > size(se)", NULL, NULL, true, true},
    {"size(ss) = size(m)", NULL, NULL, true, true},
    /* logic and precedence */
    {"NOT s = :v", "{':v': {'S': 'hello'}}", NULL, true, false},
    {"attribute_exists(nope) OR s = :v AND n = :v", "{':v': {'S': 'hello'}}",
     NULL, true, false},
    {"attribute_exists(s) OR s = :v AND n = :v", "{':v': {'S': 'hello'}}", NULL,
     true, true},
    {"(attribute_exists(s) OR s = :v) AND n = :v", "{':v': {'S': 'hello'}}",
     NULL, true, false},
    {"NOT (nope = nope2)", NULL, NULL, true, true},
    {"NOT NOT attribute_exists(s)", NULL, NULL, true, true},
    /* no item at all: every path is missing */
    {"attribute_not_exists(pk)", NULL, NULL, false, true},
    {"s = :v", "{':v': {'S': 'hello'}}", NULL, false, false},
    {"s <> :v", "{':v': {'S': 'hello'}}", NULL, false, true},
    {":a = :a", "{':a': {'S': 'x'}}", NULL, false, true},
};

static void
eval_table(void)
{
    struct sst_av *item = item_of(rich);
    struct sst_emu_exprs x;
    struct sst_err err;
    char body[1024], row[256];
    bool got;
    size_t i;

    CU_ASSERT_PTR_NOT_NULL_FATAL(item);
    for (i = 0; i < N_(eval_rows); i++) {
        const struct eval_row *r = &eval_rows[i];
        snprintf(body, sizeof body, "{'ConditionExpression': '%s'%s%s%s%s}",
                 r->expr, r->values ? ", 'ExpressionAttributeValues': " : "",
                 r->values ? r->values : "",
                 r->names ? ", 'ExpressionAttributeNames': " : "",
                 r->names ? r->names : "");
        snprintf(row, sizeof row, "row %zu: %s", i, r->expr);
        if (prepare(&x, SST_EMU_REQ_DELETE_ITEM, body, &err) != SST_OK) {
            printf("\n  %s: %s\n", row, err.message);
            CU_FAIL(row);
            sst_emu_exprs_cleanup(&x);
            continue;
        }
        CU_ASSERT_EQUAL(sst_emu_expr_eval(&x.condition, &x.bindings,
                                          r->item ? item : NULL, &got, &err),
                        SST_OK);
        if (got != r->expected) {
            printf("\n  %s: expected %s\n", row,
                   r->expected ? "true" : "false");
            CU_FAIL(row);
        }
        sst_emu_exprs_cleanup(&x);
    }
    sst_av_free(item);
}

static void
eval_misuse(void)
{
    struct sst_emu_exprs x;
    struct sst_av *list = item_of("{'a': {'S': 'x'}}");
    struct sst_err err;
    bool got = true;

    CU_ASSERT_EQUAL(sst_emu_expr_eval(NULL, NULL, NULL, &got, &err),
                    SST_E_INVALID_ARG);
    CU_ASSERT_FALSE(got);
    CU_ASSERT_EQUAL(prepare(&x, SST_EMU_REQ_GET_ITEM,
                            "{'ProjectionExpression': 'a'}", &err),
                    SST_OK);
    CU_ASSERT_EQUAL(
        sst_emu_expr_eval(&x.projection, &x.bindings, list, &got, &err),
        SST_E_INVALID_ARG);
    sst_emu_exprs_cleanup(&x);
    sst_av_free(list);
}

/* ------------------------------------------------------------------ */
/* key conditions                                                      */

static const struct sst_emu_key_schema hs = {"pk", 2, SST_AV_S,
                                             "sk", 2, SST_AV_S};
static const struct sst_emu_key_schema hn = {"pk", 2, SST_AV_S,
                                             "n",  1, SST_AV_N};
static const struct sst_emu_key_schema hb = {"pk", 2, SST_AV_S,
                                             "b",  1, SST_AV_B};
static const struct sst_emu_key_schema h1 = {"pk", 2, SST_AV_S, NULL, 0, 0};

struct key_row {
    const struct sst_emu_key_schema *ks;
    const char *expr;
    const char *values;
    const char *names;
    const char *message;    /* "" for success */
    enum sst_emu_key_op op; /* on success */
};

#define EMPTY_S                                                                \
    "One or more parameter values are not valid. The AttributeValue for a "    \
    "key attribute cannot contain an empty string value. Key: "
#define TYPE_MISMATCH                                                          \
    "One or more parameter values were invalid: Condition parameter type "     \
    "does not match schema type"
#define P_S "{':p': {'S': 'p'}, ':a': {'S': 'a'}, ':b': {'S': 'b'}}"

static const struct key_row key_rows[] = {
    {&hs, "pk = :p", P_S, NULL, "", SST_EMU_KEY_ANY},
    {&hs, "pk = :p AND sk = :a", P_S, NULL, "", SST_EMU_KEY_EQ},
    {&hs, "sk < :a AND pk = :p", P_S, NULL, "", SST_EMU_KEY_LT},
    {&hs, "pk = :p AND :a < sk", P_S, NULL, "", SST_EMU_KEY_GT},
    {&hs, ":p = pk AND :a >= sk", P_S, NULL, "", SST_EMU_KEY_LE},
    {&hs, "pk = :p AND sk BETWEEN :a AND :b", P_S, NULL, "",
     SST_EMU_KEY_BETWEEN},
    {&hs, "(pk = :p) AND (begins_with(sk, :a))", P_S, NULL, "",
     SST_EMU_KEY_BEGINS_WITH},
    {&hs, "#p = :p AND #s <= :a", P_S, "{'#p': 'pk', '#s': 'sk'}", "",
     SST_EMU_KEY_LE},
    {&hs, "pk = :p OR sk = :a", P_S, NULL,
     "Invalid operator used in KeyConditionExpression: OR", 0},
    {&hs, "pk = :p AND NOT sk = :a", P_S, NULL,
     "Invalid operator used in KeyConditionExpression: NOT", 0},
    {&hs, "pk = :p AND sk <> :a", P_S, NULL,
     "Invalid operator used in KeyConditionExpression: <>", 0},
    {&hs, "pk = :p AND size(sk) > :a", P_S, NULL,
     "KeyConditionExpressions cannot contain nested operations", 0},
    {&hs, "pk = sk", NULL, NULL,
     "Invalid condition in KeyConditionExpression: Multiple attribute names "
     "used in one condition",
     0},
    {&hs, ":p = :p", P_S, NULL,
     "Invalid condition in KeyConditionExpression: No key attribute "
     "specified",
     0},
    {&hs, "x.y = :a AND pk = :b", P_S, NULL,
     "KeyConditionExpressions cannot have conditions on nested attributes", 0},
    {&hs, "pk = :p AND #k.y = :a", P_S, "{'#k': 'sk'}",
     "Key attributes must be scalars; list random access '[]' and map lookup "
     "'.' are not allowed: Key: sk",
     0},
    {&hs, "pk = :p AND x = :a AND x = :b", P_S, NULL,
     "KeyConditionExpressions must only contain one condition per key", 0},
    {&hs, "pk = :p AND sk = :a AND sk = :b AND x = :p", P_S, NULL,
     "KeyConditionExpressions must only contain one condition per key", 0},
    {&hs, "pk = :p AND x = :a AND sk = :b", P_S, NULL,
     "Conditions can be of length 1 or 2 only", 0},
    {&hs, "sk = :a AND x = :b", P_S, NULL,
     "Query condition missed key schema element", 0},
    {&hs, "pk = :p AND x = :a", P_S, NULL,
     "Query condition missed key schema element", 0},
    {&hs, "pk < :p AND x = :a", P_S, NULL, "Query key condition not supported",
     0},
    {&hs, "sk = :a AND pk < :p", P_S, NULL, "Query key condition not supported",
     0},
    {&hs, "begins_with(pk, :p)", P_S, NULL, "Query key condition not supported",
     0},
    {&h1, "pk = :p AND sk = :a", P_S, NULL, "Query key condition not supported",
     0},
    {&h1, "x = :p AND pk = :a", P_S, NULL, "Query key condition not supported",
     0},
    {&h1, "x = :a", P_S, NULL, "Query condition missed key schema element", 0},
    {&hs, "pk = :p AND sk = :a", "{':p': {'S': ''}, ':a': {'N': '1'}}", NULL,
     EMPTY_S "pk", 0},
    {&hs, "pk = :p AND sk = :a", "{':p': {'N': '1'}, ':a': {'S': ''}}", NULL,
     TYPE_MISMATCH, 0},
    {&hs, "pk = :p AND sk = :a", "{':p': {'S': 'p'}, ':a': {'S': ''}}", NULL,
     EMPTY_S "sk", 0},
    {&hs, "pk < :p AND sk = :a", "{':p': {'N': '1'}, ':a': {'S': ''}}", NULL,
     TYPE_MISMATCH, 0},
    {&hs, "pk = :p AND x = :a", "{':p': {'N': '1'}, ':a': {'S': 'x'}}", NULL,
     TYPE_MISMATCH, 0},
    {&hs, "pk = :p AND begins_with(sk, :a)",
     "{':p': {'S': 'p'}, ':a': {'B': 'YQ=='}}", NULL, TYPE_MISMATCH, 0},
    {&hs, "pk = :p AND sk BETWEEN :a AND :b",
     "{':p': {'S': 'p'}, ':a': {'S': ''}, ':b': {'S': 'x'}}", NULL,
     EMPTY_S "sk", 0},
    {&hn, "pk = :p AND n BETWEEN :a AND :b",
     "{':p': {'S': 'p'}, ':a': {'S': ''}, ':b': {'S': 'x'}}", NULL,
     TYPE_MISMATCH, 0},
    {&hn, "pk = :p AND begins_with(n, :a)",
     "{':p': {'S': 'p'}, ':a': {'S': 'a'}}", NULL, TYPE_MISMATCH, 0},
    {&hn, "pk = :p AND n > :a", "{':p': {'S': 'p'}, ':a': {'N': '-1.5'}}", NULL,
     "", SST_EMU_KEY_GT},
    {&hb, "pk = :p AND b = :a", "{':p': {'S': 'p'}, ':a': {'B': ''}}", NULL,
     "One or more parameter values are not valid. The AttributeValue for a "
     "key attribute cannot contain an empty binary value. Key: b",
     0},
};

static void
key_table(void)
{
    struct sst_emu_key_condition kc;
    struct sst_emu_exprs x;
    struct sst_err err;
    char body[1024], row[256];
    enum sst_code rc;
    size_t i;

    for (i = 0; i < N_(key_rows); i++) {
        const struct key_row *r = &key_rows[i];
        snprintf(body, sizeof body, "{'KeyConditionExpression': '%s'%s%s%s%s}",
                 r->expr, r->values ? ", 'ExpressionAttributeValues': " : "",
                 r->values ? r->values : "",
                 r->names ? ", 'ExpressionAttributeNames': " : "",
                 r->names ? r->names : "");
        snprintf(row, sizeof row, "key row %zu: %s", i, r->expr);
        /* rows may leave placeholders unused: skip that check */
        sst_emu_exprs_init(&x);
        {
            struct json_object *j = jq(body), *v;
            struct sst_emu_expr_request q;
            memset(&q, 0, sizeof q);
            q.op = SST_EMU_REQ_QUERY;
            json_object_object_get_ex(j, "KeyConditionExpression", &v);
            q.key_condition.s = json_object_get_string(v);
            q.key_condition.len = strlen(q.key_condition.s);
            q.names =
                json_object_object_get_ex(j, "ExpressionAttributeNames", &v)
                    ? v
                    : NULL;
            q.values =
                json_object_object_get_ex(j, "ExpressionAttributeValues", &v)
                    ? v
                    : NULL;
            rc = sst_emu_bindings_load(&x.bindings, q.names, q.values,
                                       SST_EMU_BIND_NAMES | SST_EMU_BIND_VALUES,
                                       &err);
            if (rc == SST_OK)
                rc = sst_emu_expr_resolve(
                    &x.arena, &x.bindings, q.key_condition.s,
                    q.key_condition.len, SST_EMU_EXPR_KEY_CONDITION,
                    &x.key_condition, &err);
            if (rc == SST_OK) {
                static const struct sst_emu_key_name keys[] = {{"pk", 2},
                                                               {"sk", 2}};
                rc = sst_emu_expr_check_nested_keys(&x.key_condition,
                                                    &x.bindings, keys,
                                                    r->ks->range ? 2 : 1, &err);
            }
            if (rc == SST_OK)
                rc = sst_emu_key_condition_analyze(
                    &x.key_condition, &x.bindings, r->ks, &kc, &err);
            json_object_put(j);
        }
        if ((rc == SST_OK) != (r->message[0] == '\0'))
            CU_FAIL(row);
        SST_ASSERT_STR_EQ(rc == SST_OK ? "" : err.message, r->message);
        if (rc == SST_OK) {
            CU_ASSERT_EQUAL(kc.op, r->op);
            CU_ASSERT_PTR_NOT_NULL(kc.hash);
        }
        sst_emu_exprs_cleanup(&x);
    }
}

struct match_row {
    enum sst_emu_key_op op;
    const char *lo, *hi, *v;
    bool expected;
};

static const struct match_row match_rows[] = {
    {SST_EMU_KEY_ANY, NULL, NULL, "{'S': 'x'}", true},
    {SST_EMU_KEY_EQ, "{'S': 'ab'}", NULL, "{'S': 'ab'}", true},
    {SST_EMU_KEY_LT, "{'S': 'ab'}", NULL, "{'S': 'a'}", true},
    {SST_EMU_KEY_LT, "{'S': 'ab'}", NULL, "{'S': 'ab'}", false},
    {SST_EMU_KEY_LE, "{'S': 'ab'}", NULL, "{'S': 'ab'}", true},
    {SST_EMU_KEY_GT, "{'S': '\xef\xbf\xbf'}", NULL, "{'S': '\xf0\x9f\x98\x80'}",
     true},
    {SST_EMU_KEY_GE, "{'N': '1.5'}", NULL, "{'N': '1.50'}", true},
    {SST_EMU_KEY_GT, "{'N': '-1'}", NULL, "{'N': '-1.5'}", false},
    {SST_EMU_KEY_BETWEEN, "{'N': '0'}", "{'N': '1e20'}", "{'N': '1e20'}", true},
    {SST_EMU_KEY_BETWEEN, "{'B': 'AQI='}", "{'B': 'fw=='}", "{'B': 'gA=='}",
     false},
    {SST_EMU_KEY_BEGINS_WITH, "{'S': 'ab'}", NULL, "{'S': 'abc'}", true},
    {SST_EMU_KEY_BEGINS_WITH, "{'S': 'ab'}", NULL, "{'S': 'a'}", false},
    {SST_EMU_KEY_BEGINS_WITH, "{'B': 'AQ=='}", NULL, "{'B': 'AQI='}", true},
};

static struct sst_av *
av_of(const char *s)
{
    struct json_object *j = jq(s);
    struct sst_av *v = NULL;

    if (j && sst_av_decode(j, &v, NULL) != SST_OK)
        v = NULL;
    json_object_put(j);
    return v;
}

static void
key_match(void)
{
    size_t i;

    for (i = 0; i < N_(match_rows); i++) {
        struct sst_emu_key_condition kc;
        struct sst_av *lo = av_of(match_rows[i].lo);
        struct sst_av *hi = av_of(match_rows[i].hi);
        struct sst_av *v = av_of(match_rows[i].v);
        memset(&kc, 0, sizeof kc);
        kc.op = match_rows[i].op;
        kc.lo = lo;
        kc.hi = hi;
        CU_ASSERT_EQUAL(sst_emu_key_condition_match(&kc, v),
                        match_rows[i].expected);
        sst_av_free(lo);
        sst_av_free(hi);
        sst_av_free(v);
    }
}

static void
filter_keys(void)
{
    struct sst_emu_exprs x;
    struct sst_err err;

    CU_ASSERT_EQUAL(prepare(&x, SST_EMU_REQ_QUERY,
                            "{'KeyConditionExpression': 'pk = :p', "
                            "'FilterExpression': '#s = :p AND "
                            "attribute_exists(pk)', "
                            "'ExpressionAttributeNames': {'#s': 'sk'}, "
                            "'ExpressionAttributeValues': {':p': {'S': "
                            "'p'}}}",
                            &err),
                    SST_OK);
    CU_ASSERT_EQUAL(
        sst_emu_filter_check_keys(&x.filter, &x.bindings, &hs, &err),
        SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(err.message,
                      "Filter Expression can only contain non-primary key "
                      "attributes: Primary key attribute: pk");
    sst_emu_exprs_cleanup(&x);
    CU_ASSERT_EQUAL(
        prepare(&x, SST_EMU_REQ_QUERY,
                "{'KeyConditionExpression': 'pk = :p', "
                "'FilterExpression': 'a.sk = :p AND begins_with(sk, "
                ":p)', 'ExpressionAttributeValues': {':p': {'S': "
                "'p'}}}",
                &err),
        SST_OK);
    CU_ASSERT_EQUAL(
        sst_emu_filter_check_keys(&x.filter, &x.bindings, &hs, &err),
        SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(err.message,
                      "Filter Expression can only contain non-primary key "
                      "attributes: Primary key attribute: sk");
    sst_emu_exprs_cleanup(&x);
    CU_ASSERT_EQUAL(prepare(&x, SST_EMU_REQ_QUERY,
                            "{'KeyConditionExpression': 'pk = :p', "
                            "'FilterExpression': 'a.sk = :p', "
                            "'ExpressionAttributeValues': {':p': {'S': "
                            "'p'}}}",
                            &err),
                    SST_OK);
    CU_ASSERT_EQUAL(
        sst_emu_filter_check_keys(&x.filter, &x.bindings, &hs, &err), SST_OK);
    sst_emu_exprs_cleanup(&x);
}

static const struct sst_test eval_tests[] = {
    {"conditions on an item", eval_table},
    {"misuse", eval_misuse},
    {NULL, NULL},
};

static const struct sst_test key_tests[] = {
    {"key condition analysis", key_table},
    {"sort key matching", key_match},
    {"filter on key attributes", filter_keys},
    {NULL, NULL},
};

static const struct sst_suite suites[] = {
    {"eval", NULL, NULL, eval_tests},
    {"keycond", NULL, NULL, key_tests},
    {NULL, NULL, NULL, NULL},
};

int
main(int argc, char **argv)
{
    return sst_test_main(argc, argv, "test_eval", suites);
}
