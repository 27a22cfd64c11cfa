/*
 * tests/unit/test_av.c - attribute values (emu/expr/av.c): decoding with
 * DynamoDB's checks, encoding, copy, equality, order and size.
 *
 * The decode, item and size tables were recorded from DynamoDB Local
 * (2026-01-16 jar): each decode row is PutItem of an item holding the
 * value, then GetItem; the expected JSON is sst's canonical encoding,
 * which the recorder checked is the same value as DynamoDB Local's answer
 * (sets in any order, numbers compared numerically). Where DynamoDB Local
 * sends untrimmed numbers or reorders a set, the row says so.
 *
 * DynamoDB Local cannot be asked about JSON values of the wrong kind (it
 * fails with InternalFailure or converts them); the serialisation table
 * holds the messages AWS answers with, as dynalite's test suite recorded
 * them against AWS.
 */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/sst.h>

#include "emu/expr/av.h"
#include "harness.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Parse JSON text with json-c, allowing deep nesting. NULL on error. */
static struct json_object *
parse_json(const char *text)
{
    struct json_tokener *tok = json_tokener_new_ex(4000);
    struct json_object *j;

    if (tok == NULL)
        return NULL;
    j = json_tokener_parse_ex(tok, text, -1);
    if (json_tokener_get_error(tok) != json_tokener_success ||
        json_tokener_get_parse_end(tok) != strlen(text)) {
        json_object_put(j);
        j = NULL;
    }
    json_tokener_free(tok);
    return j;
}

/* Whether encoding v gives the JSON text want (compared as JSON). */
static int
encodes_as(const struct sst_av *v, int item, const char *want)
{
    struct json_object *got = NULL, *exp = parse_json(want);
    int same;

    if ((item ? sst_av_encode_item(v, &got, NULL)
              : sst_av_encode(v, &got, NULL)) != SST_OK)
        got = NULL;
    same = got != NULL && exp != NULL && json_object_equal(got, exp);
    if (!same)
        printf("\n  encoded %s, want %s\n",
               got ? json_object_to_json_string(got) : "(failed)", want);
    json_object_put(got);
    json_object_put(exp);
    return same;
}

struct decode_case {
    const char *in;
    enum sst_code code;
    const char *want; /* canonical JSON on SST_OK, else the message */
};

/* Decode one row with decode (value or item) and check the outcome. */
static void
check_decode(const struct decode_case *c, int item)
{
    struct json_object *j = parse_json(c->in);
    struct sst_av *v = (struct sst_av *)1;
    struct sst_err e;
    enum sst_code rc;

    if (strcmp(c->in, "null") != 0)
        CU_ASSERT_PTR_NOT_NULL_FATAL(j);
    memset(&e, 0, sizeof e);
    rc = item ? sst_av_decode_item(j, &v, &e) : sst_av_decode(j, &v, &e);
    if (rc != c->code)
        printf("\n  %s: got %s (%s), want %s\n", c->in, sst_code_name(rc),
               e.message, sst_code_name(c->code));
    CU_ASSERT_EQUAL(rc, c->code);
    if (rc == SST_OK && c->code == SST_OK) {
        CU_ASSERT(encodes_as(v, item, c->want));
        CU_ASSERT_EQUAL(v->type == SST_AV_M || !item, 1);
    } else if (rc != SST_OK) {
        CU_ASSERT_PTR_NULL(v);
        CU_ASSERT_EQUAL(e.code, c->code);
        SST_ASSERT_STR_EQ(e.type, sst_code_type(c->code));
        SST_ASSERT_STR_EQ(e.message, c->want);
    }
    if (rc == SST_OK)
        sst_av_free(v);
    json_object_put(j);
}

/* ------------------------------------------------------------------- decode */

static const struct decode_case decode_cases[] = {
    {"{\"S\":\"a\"}", SST_OK, "{\"S\":\"a\"}"},
    {"{\"S\":\"\"}", SST_OK, "{\"S\":\"\"}"},
    {"{\"S\":\"caf\\u00e9 \\u2603 \\ud83d\\ude00\"}", SST_OK,
     "{\"S\":\"caf\303\251 \342\230\203 \360\237\230\200\"}"},
    {"{\"S\":\"a\\u0000b\"}", SST_OK, "{\"S\":\"a\\u0000b\"}"},
    {"{\"N\":\"1.50\"}", SST_OK, "{\"N\":\"1.5\"}"},
    {"{\"N\":\"-0\"}", SST_OK, "{\"N\":\"0\"}"},
    {"{\"N\":\"1e3\"}", SST_OK, "{\"N\":\"1000\"}"},
    {"{\"N\":\"\\u0661\\u0662\"}", SST_OK, "{\"N\":\"12\"}"},
    {"{\"B\":\"\"}", SST_OK, "{\"B\":\"\"}"},
    {"{\"B\":\"AAAA\"}", SST_OK, "{\"B\":\"AAAA\"}"},
    {"{\"B\":\"AA==\"}", SST_OK, "{\"B\":\"AA==\"}"},
    {"{\"B\":\"+/+/\"}", SST_OK, "{\"B\":\"+/+/\"}"},
    {"{\"B\":\"aGVsbG8=\"}", SST_OK, "{\"B\":\"aGVsbG8=\"}"},
    {"{\"BOOL\":true}", SST_OK, "{\"BOOL\":true}"},
    {"{\"BOOL\":false}", SST_OK, "{\"BOOL\":false}"},
    {"{\"BOOL\":\"true\"}", SST_OK, "{\"BOOL\":true}"},
    {"{\"BOOL\":\"TRUE\"}", SST_OK, "{\"BOOL\":true}"},
    {"{\"BOOL\":\"False\"}", SST_OK, "{\"BOOL\":false}"},
    {"{\"NULL\":true}", SST_OK, "{\"NULL\":true}"},
    {"{\"NULL\":\"true\"}", SST_OK, "{\"NULL\":true}"},
    {"{\"SS\":[\"a\"]}", SST_OK, "{\"SS\":[\"a\"]}"},
    {/* DynamoDB Local: {"SS":["","a","b"]} */
     "{\"SS\":[\"b\",\"a\",\"\"]}", SST_OK, "{\"SS\":[\"b\",\"a\",\"\"]}"},
    {/* DynamoDB Local: {"NS":["0","1","15"]} */
     "{\"NS\":[\"1\",\"1.5e1\",\"-0.0\"]}", SST_OK,
     "{\"NS\":[\"1\",\"15\",\"0\"]}"},
    {/* DynamoDB Local: {"NS":["9","10","100"]} */
     "{\"NS\":[\"10\",\"9\",\"100\"]}", SST_OK,
     "{\"NS\":[\"10\",\"9\",\"100\"]}"},
    {/* DynamoDB Local: {"BS":["AAA=","AAAA"]} */
     "{\"BS\":[\"AAAA\",\"AAA=\"]}", SST_OK, "{\"BS\":[\"AAAA\",\"AAA=\"]}"},
    {/* DynamoDB Local: {"BS":["AA==","AQ=="]} */
     "{\"BS\":[\"AQ==\",\"AA==\"]}", SST_OK, "{\"BS\":[\"AQ==\",\"AA==\"]}"},
    {"{\"L\":[]}", SST_OK, "{\"L\":[]}"},
    {"{\"M\":{}}", SST_OK, "{\"M\":{}}"},
    /* DynamoDB Local:
     * {"L":[{"N":"1.50"},{"S":"x"},{"L":[{"NULL":true}]}]} */
    {"{\"L\":[{\"N\":\"1.50\"},{\"S\":\"x\"},{\"L\":[{\"NULL\":true}]}]}",
     SST_OK,
     "{\"L\":[{\"N\":\"1.5\"},{\"S\":\"x\"},{\"L\":[{\"NULL\":true}]}]}"},
    /* DynamoDB Local:
     * {"M":{"a":{"M":{"c":{"BOOL":false}}},"b":{"N":"007"}}} */
    {"{\"M\":{\"b\":{\"N\":\"007\"},\"a\":{\"M\":{\"c\":{\"BOOL\":false}}}}"
     "}",
     SST_OK,
     "{\"M\":{\"b\":{\"N\":\"7\"},\"a\":{\"M\":{\"c\":{\"BOOL\":false}}}}}"},
    {"{\"S\":\"a\",\"X\":\"b\"}", SST_OK, "{\"S\":\"a\"}"},
    {"{\"X\":\"b\",\"S\":\"a\"}", SST_OK, "{\"S\":\"a\"}"},
    {"{\"S\":null,\"N\":\"1\"}", SST_OK, "{\"N\":\"1\"}"},
    {"{\"S\":\"a\",\"N\":null}", SST_OK, "{\"S\":\"a\"}"},
    {"{\"s\":\"a\",\"N\":\"2\"}", SST_OK, "{\"N\":\"2\"}"},
    {"{}", SST_E_VALIDATION,
     "Supplied AttributeValue is empty, must contain exactly one of the "
     "supported datatypes"},
    {"{\"X\":\"a\"}", SST_E_VALIDATION,
     "Supplied AttributeValue is empty, must contain exactly one of the "
     "supported datatypes"},
    {"{\"s\":\"a\"}", SST_E_VALIDATION,
     "Supplied AttributeValue is empty, must contain exactly one of the "
     "supported datatypes"},
    {"{\"S\":null}", SST_E_VALIDATION,
     "Supplied AttributeValue is empty, must contain exactly one of the "
     "supported datatypes"},
    {"{\"NULL\":null}", SST_E_VALIDATION,
     "Supplied AttributeValue is empty, must contain exactly one of the "
     "supported datatypes"},
    {"{\"L\":null}", SST_E_VALIDATION,
     "Supplied AttributeValue is empty, must contain exactly one of the "
     "supported datatypes"},
    {"{\"S\":\"a\",\"N\":\"1\"}", SST_E_VALIDATION,
     "Supplied AttributeValue has more than one datatypes set, must "
     "contain exactly one of the supported datatypes"},
    {"{\"S\":\"a\",\"NULL\":true}", SST_E_VALIDATION,
     "Supplied AttributeValue has more than one datatypes set, must "
     "contain exactly one of the supported datatypes"},
    {"{\"B\":\"AAAA\",\"BOOL\":true}", SST_E_VALIDATION,
     "Supplied AttributeValue has more than one datatypes set, must "
     "contain exactly one of the supported datatypes"},
    {"{\"SS\":[]}", SST_E_VALIDATION,
     "One or more parameter values were invalid: An string set  may not be "
     "empty"},
    {"{\"NS\":[]}", SST_E_VALIDATION,
     "One or more parameter values were invalid: An number set  may not be "
     "empty"},
    {"{\"BS\":[]}", SST_E_VALIDATION,
     "One or more parameter values were invalid: Binary sets should not be "
     "empty"},
    {"{\"SS\":[\"a\",\"a\"]}", SST_E_VALIDATION,
     "One or more parameter values were invalid: Input collection [a, a] "
     "contains duplicates"},
    {"{\"SS\":[\"a\",\"b\",\"a\",\"b\",\"c\"]}", SST_E_VALIDATION,
     "One or more parameter values were invalid: Input collection [a, b, "
     "a, b, c] contains duplicates"},
    {"{\"SS\":[\"a, b\",\"a, b\"]}", SST_E_VALIDATION,
     "One or more parameter values were invalid: Input collection [a, b, "
     "a, b] contains duplicates"},
    {"{\"SS\":[\"\",\"\"]}", SST_E_VALIDATION,
     "One or more parameter values were invalid: Input collection [, ] "
     "contains duplicates"},
    {"{\"SS\":[null]}", SST_E_VALIDATION,
     "One or more parameter values were invalid: An string set may not "
     "have a null string as a member"},
    {"{\"SS\":[\"a\",null]}", SST_E_VALIDATION,
     "One or more parameter values were invalid: An string set may not "
     "have a null string as a member"},
    {"{\"SS\":[null,null]}", SST_E_VALIDATION,
     "One or more parameter values were invalid: Input collection [null, "
     "null] contains duplicates"},
    {"{\"SS\":[\"a\",null,\"a\"]}", SST_E_VALIDATION,
     "One or more parameter values were invalid: Input collection [a, "
     "null, a] contains duplicates"},
    {"{\"NS\":[\"1\",\"1.0\"]}", SST_E_VALIDATION,
     "Input collection contains duplicates"},
    {"{\"NS\":[\"1\",\"01\",\"2\",\"2.00\"]}", SST_E_VALIDATION,
     "Input collection contains duplicates"},
    {"{\"NS\":[\"1\",\"1\"]}", SST_E_VALIDATION,
     "Input collection contains duplicates"},
    {"{\"NS\":[\"x\",\"x\"]}", SST_E_VALIDATION,
     "A value provided cannot be converted into a number"},
    {"{\"NS\":[\"1\",\"1\",\"x\"]}", SST_E_VALIDATION,
     "Input collection contains duplicates"},
    {"{\"NS\":[\"1\",\"1\",\"1e999\"]}", SST_E_VALIDATION,
     "Input collection contains duplicates"},
    {"{\"NS\":[\"1e999\",\"1\",\"1\"]}", SST_E_VALIDATION,
     "Number overflow. Attempting to store a number with magnitude larger "
     "than supported range"},
    {"{\"NS\":[null]}", SST_E_VALIDATION,
     "A value provided cannot be converted into a number"},
    {"{\"NS\":[\"1\",null]}", SST_E_VALIDATION,
     "A value provided cannot be converted into a number"},
    {"{\"NS\":[\"1\",\"1\",null]}", SST_E_VALIDATION,
     "Input collection contains duplicates"},
    {"{\"NS\":[\"1\",\"abc\"]}", SST_E_VALIDATION,
     "A value provided cannot be converted into a number"},
    {"{\"NS\":[\"123456789012345678901234567890123456789\"]}", SST_E_VALIDATION,
     "DynamoDB only supports precision up to 38 digits"},
    {"{\"NS\":[\"1e-131\"]}", SST_E_VALIDATION,
     "Number underflow. Attempting to store a number with magnitude "
     "smaller than supported range"},
    {"{\"BS\":[\"AAAA\",\"AAAA\"]}", SST_E_VALIDATION,
     "One or more parameter values were invalid: Input collection of type "
     "BS contains duplicates."},
    {"{\"BS\":[\"AQ==\",\"AQ==\"]}", SST_E_VALIDATION,
     "One or more parameter values were invalid: Input collection of type "
     "BS contains duplicates."},
    {"{\"N\":\"abc\"}", SST_E_VALIDATION,
     "A value provided cannot be converted into a number"},
    {"{\"N\":\"\"}", SST_E_VALIDATION,
     "A value provided cannot be converted into a number"},
    {"{\"N\":\" 1\"}", SST_E_VALIDATION,
     "A value provided cannot be converted into a number"},
    {"{\"N\":\"1e126\"}", SST_E_VALIDATION,
     "Number overflow. Attempting to store a number with magnitude larger "
     "than supported range"},
    {"{\"N\":\"-1e-131\"}", SST_E_VALIDATION,
     "Number underflow. Attempting to store a number with magnitude "
     "smaller than supported range"},
    {"{\"N\":\"123456789012345678901234567890123456789\"}", SST_E_VALIDATION,
     "DynamoDB only supports precision up to 38 digits"},
    {"{\"NULL\":false}", SST_E_VALIDATION,
     "One or more parameter values were invalid: Null attribute value "
     "types must have the value of true"},
    {"{\"NULL\":\"false\"}", SST_E_VALIDATION,
     "One or more parameter values were invalid: Null attribute value "
     "types must have the value of true"},
    {"{\"NULL\":false,\"S\":\"a\"}", SST_E_VALIDATION,
     "One or more parameter values were invalid: Null attribute value "
     "types must have the value of true"},
    {"{\"L\":[null]}", SST_E_VALIDATION,
     "The supplied Item contains a null AttributeValue"},
    {"{\"L\":[{\"S\":\"a\"},{}]}", SST_E_VALIDATION,
     "Supplied AttributeValue is empty, must contain exactly one of the "
     "supported datatypes"},
    {"{\"L\":[{\"S\":\"a\"},null]}", SST_E_VALIDATION,
     "The supplied Item contains a null AttributeValue"},
    {"{\"M\":{\"a\":{}}}", SST_E_VALIDATION,
     "Supplied AttributeValue is empty, must contain exactly one of the "
     "supported datatypes"},
    {"{\"M\":{\"a\":null}}", SST_E_VALIDATION,
     "The supplied Item contains a null AttributeValue: a is null"},
    {"{\"M\":{\"\":{\"S\":\"x\"}}}", SST_E_VALIDATION, "Empty attribute name"},
    {"{\"M\":{\"\":{\"S\":\"x\"},\"a\":{}}}", SST_E_VALIDATION,
     "Empty attribute name"},
    {"{\"M\":{\"a\":{},\"\":{\"S\":\"x\"}}}", SST_E_VALIDATION,
     "Supplied AttributeValue is empty, must contain exactly one of the "
     "supported datatypes"},
    {"{\"M\":{\"b\":{\"N\":\"x\"},\"a\":{}}}", SST_E_VALIDATION,
     "A value provided cannot be converted into a number"},
    {"{\"M\":{\"a\":{},\"b\":{\"N\":\"x\"}}}", SST_E_VALIDATION,
     "Supplied AttributeValue is empty, must contain exactly one of the "
     "supported datatypes"},
    {"{\"M\":{\"a\":{\"NULL\":false}}}", SST_E_VALIDATION,
     "One or more parameter values were invalid: Null attribute value "
     "types must have the value of true"},
    {"{\"L\":[{\"SS\":[\"a\",\"a\"]}]}", SST_E_VALIDATION,
     "One or more parameter values were invalid: Input collection [a, a] "
     "contains duplicates"},
    {"{\"L\":[{}, {\"NS\":[]}]}", SST_E_VALIDATION,
     "Supplied AttributeValue is empty, must contain exactly one of the "
     "supported datatypes"},
    {"{\"L\":[{\"NS\":[]}, {}]}", SST_E_VALIDATION,
     "One or more parameter values were invalid: An number set  may not be "
     "empty"},
    {"{\"SS\":[],\"N\":\"x\"}", SST_E_VALIDATION,
     "One or more parameter values were invalid: An string set  may not be "
     "empty"},
    {"{\"N\":\"x\",\"SS\":[]}", SST_E_VALIDATION,
     "One or more parameter values were invalid: An string set  may not be "
     "empty"},
    {"{\"SS\":[],\"NS\":[]}", SST_E_VALIDATION,
     "One or more parameter values were invalid: An string set  may not be "
     "empty"},
    {"{\"NS\":[],\"SS\":[]}", SST_E_VALIDATION,
     "One or more parameter values were invalid: An string set  may not be "
     "empty"},
    {"{\"N\":\"x\",\"NS\":[]}", SST_E_VALIDATION,
     "A value provided cannot be converted into a number"},
    {"{\"NS\":[],\"BS\":[]}", SST_E_VALIDATION,
     "One or more parameter values were invalid: An number set  may not be "
     "empty"},
    {"{\"BS\":[],\"NS\":[]}", SST_E_VALIDATION,
     "One or more parameter values were invalid: An number set  may not be "
     "empty"},
    {"{\"BS\":[],\"M\":{\"a\":{}}}", SST_E_VALIDATION,
     "One or more parameter values were invalid: Binary sets should not be "
     "empty"},
    {"{\"M\":{\"a\":{}},\"BS\":[]}", SST_E_VALIDATION,
     "One or more parameter values were invalid: Binary sets should not be "
     "empty"},
    {"{\"M\":{\"a\":{}},\"L\":[{\"S\":\"a\",\"N\":\"1\"}]}", SST_E_VALIDATION,
     "Supplied AttributeValue is empty, must contain exactly one of the "
     "supported datatypes"},
    {"{\"L\":[{\"S\":\"a\",\"N\":\"1\"}],\"M\":{\"a\":{}}}", SST_E_VALIDATION,
     "Supplied AttributeValue is empty, must contain exactly one of the "
     "supported datatypes"},
    {"{\"L\":[{\"N\":\"x\"}],\"NULL\":false}", SST_E_VALIDATION,
     "A value provided cannot be converted into a number"},
    {"{\"NULL\":false,\"L\":[{\"N\":\"x\"}]}", SST_E_VALIDATION,
     "A value provided cannot be converted into a number"},
    {"{\"BOOL\":true,\"NULL\":false}", SST_E_VALIDATION,
     "One or more parameter values were invalid: Null attribute value "
     "types must have the value of true"},
    {"{\"S\":\"a\",\"L\":[{}]}", SST_E_VALIDATION,
     "Supplied AttributeValue is empty, must contain exactly one of the "
     "supported datatypes"},
    {"{\"S\":\"a\",\"L\":[{\"S\":\"a\",\"N\":\"1\"}]}", SST_E_VALIDATION,
     "Supplied AttributeValue has more than one datatypes set, must "
     "contain exactly one of the supported datatypes"},
    {"{\"S\":\"a\",\"NS\":[\"1\",\"1\"]}", SST_E_VALIDATION,
     "Input collection contains duplicates"},
    {"{\"S\":\"a\",\"SS\":[\"1\",\"1\"]}", SST_E_VALIDATION,
     "One or more parameter values were invalid: Input collection [1, 1] "
     "contains duplicates"},
    {"{\"B\":\"AAAA\",\"N\":\"x\"}", SST_E_VALIDATION,
     "A value provided cannot be converted into a number"},
    {"{\"M\":{\"\":{\"NULL\":false}}}", SST_E_VALIDATION,
     "One or more parameter values were invalid: Null attribute value "
     "types must have the value of true"},
    {"{\"M\":{\"\":null}}", SST_E_VALIDATION,
     "The supplied Item contains a null AttributeValue:  is null"},
    {"{\"M\":{\"\":{\"M\":{\"a\":{}}}}}", SST_E_VALIDATION,
     "Supplied AttributeValue is empty, must contain exactly one of the "
     "supported datatypes"},
    {"{\"M\":{\"\":{\"M\":{\"\":{\"S\":\"a\"}}}}}", SST_E_VALIDATION,
     "Empty attribute name"},
    {"{\"M\":{\"b\":{\"BOOL\":false},\"\":{\"S\":\"a\",\"NULL\":true,\"M\":"
     "{\"b\":{\"SS\":null},\"\":{\"S\":\"b\"}}},\"a\":{\"M\":{}}}}",
     SST_E_VALIDATION,
     "Supplied AttributeValue is empty, must contain exactly one of the "
     "supported datatypes"},
};

static void
decode_matches_dynamodb_local(void)
{
    size_t i;

    for (i = 0; i < N(decode_cases); i++)
        check_decode(&decode_cases[i], 0);
}

#define SER SST_E_SERIALIZATION
#define S_STRUCT "Start of structure or map found where not expected"

static const struct decode_case serialization_cases[] = {
    {"{\"S\":true}", SER, "TRUE_VALUE cannot be converted to String"},
    {"{\"S\":false}", SER, "FALSE_VALUE cannot be converted to String"},
    {"{\"S\":5}", SER, "NUMBER_VALUE cannot be converted to String"},
    {"{\"S\":-2147483648}", SER, "NUMBER_VALUE cannot be converted to String"},
    {"{\"S\":2147483648}", SER, "NUMBER_VALUE cannot be converted to String"},
    {"{\"S\":34.56}", SER, "DECIMAL_VALUE cannot be converted to String"},
    {"{\"S\":1e3}", SER, "DECIMAL_VALUE cannot be converted to String"},
    {"{\"S\":[]}", SER, "Unrecognized collection type class java.lang.String"},
    {"{\"S\":{}}", SER, S_STRUCT},
    {"{\"N\":1}", SER, "NUMBER_VALUE cannot be converted to String"},
    {"{\"N\":1.5}", SER, "DECIMAL_VALUE cannot be converted to String"},
    {"{\"N\":true}", SER, "TRUE_VALUE cannot be converted to String"},
    {"{\"SS\":[\"a\",1]}", SER, "NUMBER_VALUE cannot be converted to String"},
    {"{\"SS\":[[]]}", SER,
     "Unrecognized collection type class java.lang.String"},
    {"{\"NS\":[1,2]}", SER, "NUMBER_VALUE cannot be converted to String"},
    {"{\"NS\":[\"1\",{}]}", SER, S_STRUCT},
    {"{\"B\":true}", SER,
     "only base-64-encoded strings are convertible to "
     "bytes"},
    {"{\"B\":5}", SER, "only base-64-encoded strings are convertible to bytes"},
    {"{\"B\":34.56}", SER,
     "only base-64-encoded strings are convertible to "
     "bytes"},
    {"{\"B\":[]}", SER,
     "Unrecognized collection type class java.nio.ByteBuffer"},
    {"{\"B\":{}}", SER, S_STRUCT},
    {"{\"B\":\"23456\"}", SER,
     "Base64 encoded length is expected a multiple of 4 bytes but found: 5"},
    {"{\"B\":\"AAA\"}", SER,
     "Base64 encoded length is expected a multiple of 4 bytes but found: 3"},
    {"{\"B\":\"AAAA\\n\"}", SER,
     "Base64 encoded length is expected a multiple of 4 bytes but found: 5"},
    {"{\"B\":\"\\u00e9\"}", SER,
     "Base64 encoded length is expected a multiple of 4 bytes but found: 1"},
    {"{\"B\":\"\\ud83d\\ude00\"}", SER,
     "Base64 encoded length is expected a multiple of 4 bytes but found: 2"},
    {"{\"B\":\"=+/=\"}", SER,
     "Invalid last non-pad Base64 character dectected"},
    {"{\"B\":\"+/+=\"}", SER,
     "Invalid last non-pad Base64 character dectected"},
    {"{\"B\":\"AB==\"}", SER,
     "Invalid last non-pad Base64 character dectected"},
    {"{\"B\":\"!!!!\"}", SER,
     "Invalid last non-pad Base64 character dectected"},
    {"{\"B\":\"-_-_\"}", SER,
     "Invalid last non-pad Base64 character dectected"},
    {"{\"B\":\"A===\"}", SER,
     "Invalid last non-pad Base64 character dectected"},
    {"{\"B\":\"AA==AA==\"}", SER,
     "Invalid last non-pad Base64 character dectected"},
    {"{\"B\":\"AA AA===\"}", SER,
     "Invalid last non-pad Base64 character dectected"},
    {"{\"BS\":[\"AAAA\",5]}", SER,
     "only base-64-encoded strings are convertible to bytes"},
    {"{\"BS\":[\"AAA\"]}", SER,
     "Base64 encoded length is expected a multiple of 4 bytes but found: 3"},
    {"{\"BOOL\":\"yes\"}", SER, "Unexpected token received from parser"},
    {"{\"BOOL\":\"\"}", SER, "Unexpected token received from parser"},
    {"{\"BOOL\":1}", SER, "NUMBER_VALUE cannot be converted to Boolean"},
    {"{\"BOOL\":0.5}", SER, "DECIMAL_VALUE cannot be converted to Boolean"},
    {"{\"BOOL\":[]}", SER,
     "Unrecognized collection type class java.lang.Boolean"},
    {"{\"BOOL\":{}}", SER, S_STRUCT},
    {"{\"NULL\":1}", SER, "NUMBER_VALUE cannot be converted to Boolean"},
    {"{\"NULL\":\"no\"}", SER, "Unexpected token received from parser"},
    {"{\"SS\":\"a\"}", SER, "Unexpected field type"},
    {"{\"NS\":true}", SER, "Unexpected field type"},
    {"{\"BS\":5}", SER, "Unexpected field type"},
    {"{\"SS\":{}}", SER, S_STRUCT},
    {"{\"L\":{}}", SER, S_STRUCT},
    {"{\"L\":\"a\"}", SER, "Unexpected field type"},
    {"{\"M\":[]}", SER,
     "Unrecognized collection type java.util.Map<java.lang.String, "
     "com.amazonaws.dynamodb.v20120810.AttributeValue>"},
    {"{\"M\":5}", SER, "Unexpected field type"},
    {"{\"L\":[5]}", SER, "Unexpected value type in payload"},
    {"{\"L\":[\"x\"]}", SER, "Unexpected value type in payload"},
    {"{\"L\":[[]]}", SER,
     "Unrecognized collection type class "
     "com.amazonaws.dynamodb.v20120810.AttributeValue"},
    {"{\"M\":{\"a\":true}}", SER, "Unexpected value type in payload"},
    {"5", SER, "Unexpected value type in payload"},
    {"\"x\"", SER, "Unexpected value type in payload"},
    {"[]", SER,
     "Unrecognized collection type class "
     "com.amazonaws.dynamodb.v20120810.AttributeValue"},
    /* Deserialisation comes first, for the whole value. */
    {"{\"L\":[{},{\"S\":5}]}", SER,
     "NUMBER_VALUE cannot be converted to "
     "String"},
    {"{\"SS\":[],\"N\":1}", SER, "NUMBER_VALUE cannot be converted to String"},
    {"{\"N\":\"x\",\"B\":\"A\"}", SER,
     "Base64 encoded length is expected a multiple of 4 bytes but found: 1"},
    /* Unknown members are not looked at. */
    {"{\"X\":5,\"S\":\"a\"}", SST_OK, "{\"S\":\"a\"}"},
    {"{\"s\":[],\"S\":\"a\"}", SST_OK, "{\"S\":\"a\"}"},
    /* JSON null is an absent member. */
    {"null", SST_E_VALIDATION,
     "The supplied Item contains a null AttributeValue"},
};

static void
serialization_errors_are_aws_style(void)
{
    size_t i;

    for (i = 0; i < N(serialization_cases); i++)
        check_decode(&serialization_cases[i], 0);
}

static void
field_place_changes_one_message(void)
{
    struct json_object *j = parse_json("5");
    struct sst_av *v = NULL;
    struct sst_err e;

    CU_ASSERT_EQUAL(sst_av_decode_field(j, &v, &e), SST_E_SERIALIZATION);
    SST_ASSERT_STR_EQ(e.message, "Unexpected field type");
    SST_ASSERT_STR_EQ(e.type, "SerializationException");
    json_object_put(j);
    j = parse_json("{\"N\":\"5.0\"}");
    CU_ASSERT_EQUAL(sst_av_decode_field(j, &v, &e), SST_OK);
    CU_ASSERT(encodes_as(v, 0, "{\"N\":\"5\"}"));
    sst_av_free(v);
    json_object_put(j);
}

/* -------------------------------------------------------------------- items */

static const struct decode_case item_cases[] = {
    {"{\"pk\":{\"S\":\"i1\"}}", SST_OK, "{\"pk\":{\"S\":\"i1\"}}"},
    {"{\"pk\":{\"S\":\"i2\"},\"n\":{\"N\":\"00.100\"},\"m\":{\"M\":{\"x\":{"
     "\"L\":[{\"N\":\"2e1\"}]}}}}",
     SST_OK,
     "{\"pk\":{\"S\":\"i2\"},\"n\":{\"N\":\"0.1\"},\"m\":{\"M\":{\"x\":{\"L"
     "\":[{\"N\":\"20\"}]}}}}"},
    {"{\"pk\":{\"S\":\"i3\"},\"x\":null}", SST_E_VALIDATION,
     "The supplied Item contains a null AttributeValue: x is null"},
    {"{\"pk\":{\"S\":\"i3\"},\"\":{\"S\":\"a\"}}", SST_E_VALIDATION,
     "Empty attribute name"},
    {"{\"pk\":{\"S\":\"i3\"},\"x\":{},\"y\":{\"N\":\"q\"}}", SST_E_VALIDATION,
     "Supplied AttributeValue is empty, must contain exactly one of the "
     "supported datatypes"},
    {"{\"pk\":{\"S\":\"i3\"},\"y\":{\"N\":\"q\"},\"x\":{}}", SST_E_VALIDATION,
     "A value provided cannot be converted into a number"},
    {"{\"pk\":{\"S\":\"i3\"},\"y\":{\"N\":\"q\"},\"x\":{\"SS\":[]}}",
     SST_E_VALIDATION, "A value provided cannot be converted into a number"},
    {"{\"pk\":{\"S\":\"i3\"},\"x\":{\"SS\":[]},\"y\":{\"N\":\"q\"}}",
     SST_E_VALIDATION,
     "One or more parameter values were invalid: An string set  may not be "
     "empty"},
    {"{\"pk\":{\"S\":\"i3\"},\"y\":{\"NULL\":false},\"x\":{\"SS\":[]}}",
     SST_E_VALIDATION,
     "One or more parameter values were invalid: Null attribute value "
     "types must have the value of true"},
    {"{\"pk\":{\"S\":\"i3\"},\"y\":{\"L\":[null]},\"x\":{\"SS\":[]}}",
     SST_E_VALIDATION, "The supplied Item contains a null AttributeValue"},
    {"{\"pk\":{\"S\":\"i3\"},\"x\":{\"SS\":[]},\"y\":{\"L\":[null]}}",
     SST_E_VALIDATION,
     "One or more parameter values were invalid: An string set  may not be "
     "empty"},
    {"{\"pk\":{\"S\":\"i3\"},\"a\":{\"M\":{\"b\":{\"M\":{\"c\":null}}}}}",
     SST_E_VALIDATION,
     "The supplied Item contains a null AttributeValue: c is null"},
    {"{\"pk\":{\"S\":\"i3\"},\"a\":{\"M\":{\"b\":{\"M\":{\"\":{\"S\":\"x\"}"
     "}}}}}",
     SST_E_VALIDATION, "Empty attribute name"},
    {"{\"pk\":{\"S\":\"i3\"},\"\":{\"NULL\":false}}", SST_E_VALIDATION,
     "One or more parameter values were invalid: Null attribute value "
     "types must have the value of true"},
    {"{\"pk\":{\"S\":\"i3\"},\"\":null}", SST_E_VALIDATION,
     "The supplied Item contains a null AttributeValue:  is null"},
    {"{\"pk\":{\"S\":\"i3\"},\"\":{\"S\":\"a\"},\"b\":{}}", SST_E_VALIDATION,
     "Empty attribute name"},
    {"{\"pk\":{\"S\":\"i3\"},\"b\":{},\"\":{\"S\":\"a\"}}", SST_E_VALIDATION,
     "Supplied AttributeValue is empty, must contain exactly one of the "
     "supported datatypes"},
    {"5", SER, "Unexpected field type"},
    {"\"x\"", SER, "Unexpected field type"},
    {"[]", SER,
     "Unrecognized collection type java.util.Map<java.lang.String, "
     "com.amazonaws.dynamodb.v20120810.AttributeValue>"},
    {"{\"a\":5}", SER, "Unexpected value type in payload"},
    {"{\"a\":[]}", SER,
     "Unrecognized collection type class "
     "com.amazonaws.dynamodb.v20120810.AttributeValue"},
    {"{\"a\":{},\"b\":{\"S\":true}}", SER,
     "TRUE_VALUE cannot be converted to String"},
    {"{}", SST_OK, "{}"},
};

static void
items_match_dynamodb_local(void)
{
    struct sst_av *v = (struct sst_av *)1;
    struct sst_err e;
    size_t i;

    for (i = 0; i < N(item_cases); i++)
        check_decode(&item_cases[i], 1);
    CU_ASSERT_EQUAL(sst_av_decode_item(NULL, &v, &e), SST_E_INVALID_ARG);
    CU_ASSERT_PTR_NULL(v);
}

/* ------------------------------------------------------------------ nesting */

/* {"x": <levels containers (M or L) around leaf>} as JSON text. */
static char *
nested_item(const char *kind, int levels, const char *leaf)
{
    size_t cap = (size_t)levels * 16 + strlen(leaf) + 32;
    char *s = malloc(cap), *p = s;
    int i;

    p += sprintf(p, "{\"x\":");
    for (i = 0; i < levels; i++)
        p += sprintf(p, kind[0] == 'M' ? "{\"M\":{\"a\":" : "{\"L\":[");
    p += sprintf(p, "%s", leaf);
    for (i = 0; i < levels; i++)
        p += sprintf(p, kind[0] == 'M' ? "}}" : "]}");
    sprintf(p, "}");
    return s;
}

#define V_NESTING                                                              \
    "Nesting Levels have exceeded supported limits: Attributes in the item "   \
    "have nested levels beyond supported limit"

static void
nesting_limit_matches_dynamodb_local(void)
{
    /* Recorded with DynamoDB Local: an attribute may hold 31 nested maps
     * or lists (32 levels with the item); a 32nd is refused when it is
     * reached, before what it holds is looked at. */
    static const struct {
        const char *kind;
        int levels;
        const char *leaf;
        enum sst_code code;
        const char *message;
    } cases[] = {
        {"M", 30, "{\"S\":\"leaf\"}", SST_OK, NULL},
        {"M", 31, "{\"S\":\"leaf\"}", SST_OK, NULL},
        {"M", 32, "{\"S\":\"leaf\"}", SST_E_VALIDATION, V_NESTING},
        {"L", 31, "{\"S\":\"leaf\"}", SST_OK, NULL},
        {"L", 32, "{\"S\":\"leaf\"}", SST_E_VALIDATION, V_NESTING},
        {"M", 31, "{\"M\":{}}", SST_E_VALIDATION, V_NESTING},
        {"L", 31, "{\"L\":[]}", SST_E_VALIDATION, V_NESTING},
        {"M", 30, "{\"M\":{}}", SST_OK, NULL},
        {"M", 31, "{\"SS\":[\"a\"]}", SST_OK, NULL},
        {"M", 31, "{\"NS\":[\"1\",\"1\"]}", SST_E_VALIDATION,
         "Input collection contains duplicates"},
        {"M", 31, "{\"N\":\"x\"}", SST_E_VALIDATION,
         "A value provided cannot be converted into a number"},
        {"M", 31, "{}", SST_E_VALIDATION,
         "Supplied AttributeValue is empty, must contain exactly one of the "
         "supported datatypes"},
        {"M", 32, "{\"N\":\"x\"}", SST_E_VALIDATION, V_NESTING},
        {"M", 40, "{\"N\":\"x\"}", SST_E_VALIDATION, V_NESTING},
        {"L", 1000, "{\"S\":\"a\"}", SST_E_VALIDATION, V_NESTING},
        /* Deserialisation errors are found at any depth first... */
        {"M", 40, "{\"S\":5}", SER,
         "NUMBER_VALUE cannot be converted to String"},
        /* ...down to a bound past which nothing can be valid anyway. */
        {"M", 300, "{\"S\":5}", SST_E_VALIDATION, V_NESTING},
    };
    size_t i;

    for (i = 0; i < N(cases); i++) {
        char *text = nested_item(cases[i].kind, cases[i].levels, cases[i].leaf);
        struct json_object *j = parse_json(text);
        struct sst_av *v = NULL;
        struct sst_err e;
        enum sst_code rc;

        CU_ASSERT_PTR_NOT_NULL_FATAL(j);
        rc = sst_av_decode_item(j, &v, &e);
        if (rc != cases[i].code)
            printf("\n  %s x %d around %s: %s\n", cases[i].kind,
                   cases[i].levels, cases[i].leaf,
                   rc == SST_OK ? "accepted" : e.message);
        CU_ASSERT_EQUAL(rc, cases[i].code);
        if (rc != SST_OK && cases[i].message)
            SST_ASSERT_STR_EQ(e.message, cases[i].message);
        if (rc == SST_OK)
            CU_ASSERT(encodes_as(v, 1, text));
        sst_av_free(v);
        json_object_put(j);
        free(text);
    }
}

static void
nesting_errors_in_document_order(void)
{
    /* Recorded with DynamoDB Local: attributes are checked in order. */
    char *deep = nested_item("M", 40, "{\"S\":\"a\"}");
    char text[4096];
    struct json_object *j;
    struct sst_av *v = NULL;
    struct sst_err e;

    /* {"a": {}, "b": <deep>} and the other way round */
    snprintf(text, sizeof text, "{\"a\":{},\"b\":%s", deep + 5);
    j = parse_json(text);
    CU_ASSERT_EQUAL(sst_av_decode_item(j, &v, &e), SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(e.message, "Supplied AttributeValue is empty, must "
                                 "contain exactly one of the supported "
                                 "datatypes");
    json_object_put(j);
    snprintf(text, sizeof text, "{\"b\":%.*s,\"a\":{}}",
             (int)strlen(deep + 5) - 1, deep + 5);
    j = parse_json(text);
    CU_ASSERT_EQUAL(sst_av_decode_item(j, &v, &e), SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(e.message, V_NESTING);
    json_object_put(j);
    free(deep);
}

static void
value_nesting_counts_like_an_attribute(void)
{
    /* A value decoded alone (an ExpressionAttributeValue) may hold as
     * many levels as an item's attribute. */
    char *ok = nested_item("L", 31, "{\"N\":\"1\"}");
    char *bad = nested_item("L", 32, "{\"N\":\"1\"}");
    struct json_object *j;
    struct sst_av *v = NULL;
    struct sst_err e;

    j = parse_json(ok);
    CU_ASSERT_EQUAL(sst_av_decode(json_object_object_get(j, "x"), &v, &e),
                    SST_OK);
    sst_av_free(v);
    json_object_put(j);
    j = parse_json(bad);
    CU_ASSERT_EQUAL(sst_av_decode(json_object_object_get(j, "x"), &v, &e),
                    SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(e.message, V_NESTING);
    json_object_put(j);
    free(ok);
    free(bad);
}

/* --------------------------------------------------------------------- size */

static const struct {
    const char *item;
    size_t size;
} size_cases[] = {
    {"{\"a\":{\"S\":\"\"}}", 1},
    {"{\"a\":{\"S\":\"abc\"}}", 4},
    {"{\"ab\":{\"S\":\"abc\"}}", 5},
    {"{\"a\":{\"NULL\":true}}", 2},
    {"{\"a\":{\"BOOL\":true}}", 2},
    {"{\"a\":{\"BOOL\":false}}", 2},
    {"{\"a\":{\"B\":\"\"}}", 1},
    {"{\"a\":{\"B\":\"AAAA\"}}", 4},
    {"{\"a\":{\"L\":[]}}", 4},
    {"{\"a\":{\"M\":{}}}", 4},
    {"{\"a\":{\"L\":[{\"S\":\"x\"}]}}", 6},
    {"{\"a\":{\"L\":[{\"S\":\"x\"},{\"S\":\"y\"}]}}", 8},
    {"{\"a\":{\"M\":{\"k\":{\"S\":\"x\"}}}}", 7},
    {"{\"a\":{\"M\":{\"kk\":{\"S\":\"x\"},\"j\":{\"NULL\":true}}}}", 11},
    {"{\"a\":{\"L\":[{\"L\":[]}]}}", 8},
    {"{\"a\":{\"L\":[{\"M\":{\"k\":{\"L\":[]}}}]}}", 13},
    {"{\"a\":{\"SS\":[\"x\"]}}", 2},
    {"{\"a\":{\"SS\":[\"x\",\"yy\"]}}", 4},
    {"{\"a\":{\"SS\":[\"\",\"yy\"]}}", 3},
    {"{\"a\":{\"BS\":[\"AAAA\",\"AA==\"]}}", 5},
    {"{\"a\":{\"NS\":[\"1\"]}}", 3},
    {"{\"a\":{\"NS\":[\"1\",\"22\"]}}", 5},
    {"{\"a\":{\"NS\":[\"1\",\"123\"]}}", 6},
    {"{\"a\":{\"N\":\"0\"}}", 2},
    {"{\"a\":{\"N\":\"1\"}}", 3},
    {"{\"a\":{\"N\":\"-1\"}}", 4},
    {"{\"a\":{\"N\":\"9\"}}", 3},
    {"{\"a\":{\"N\":\"10\"}}", 3},
    {"{\"a\":{\"N\":\"11\"}}", 3},
    {"{\"a\":{\"N\":\"99\"}}", 3},
    {"{\"a\":{\"N\":\"100\"}}", 3},
    {"{\"a\":{\"N\":\"101\"}}", 4},
    {"{\"a\":{\"N\":\"111\"}}", 4},
    {"{\"a\":{\"N\":\"1000\"}}", 3},
    {"{\"a\":{\"N\":\"1234\"}}", 4},
    {"{\"a\":{\"N\":\"12345\"}}", 5},
    {"{\"a\":{\"N\":\"123456\"}}", 5},
    {"{\"a\":{\"N\":\"0.1\"}}", 3},
    {"{\"a\":{\"N\":\"0.01\"}}", 3},
    {"{\"a\":{\"N\":\"0.001\"}}", 3},
    {"{\"a\":{\"N\":\"0.11\"}}", 3},
    {"{\"a\":{\"N\":\"0.12\"}}", 3},
    {"{\"a\":{\"N\":\"1.1\"}}", 4},
    {"{\"a\":{\"N\":\"1.01\"}}", 4},
    {"{\"a\":{\"N\":\"12.3\"}}", 4},
    {"{\"a\":{\"N\":\"-12.3\"}}", 5},
    {"{\"a\":{\"N\":\"-0.1\"}}", 4},
    {"{\"a\":{\"N\":\"-100\"}}", 4},
    {"{\"a\":{\"N\":\"-101\"}}", 5},
    {"{\"a\":{\"N\":\"-1234\"}}", 5},
    {"{\"a\":{\"N\":\"-12345\"}}", 6},
    {"{\"a\":{\"N\":\"12345678901234567890123456789012345678\"}}", 21},
    {"{\"a\":{\"N\":\"-12345678901234567890123456789012345678\"}}", 22},
    {"{\"a\":{\"N\":\"1234567890123456789012345678901234567\"}}", 21},
    {"{\"a\":{\"N\":\"0.12345678901234567890123456789012345678\"}}", 21},
    {"{\"a\":{\"N\":\"1E+125\"}}", 3},
    {"{\"a\":{\"N\":\"9.9999999999999999999999999999999999999E+125\"}}", 21},
    {"{\"a\":{\"N\":\"-9.9999999999999999999999999999999999999E+125\"}}", 22},
    {"{\"a\":{\"N\":\"1E-130\"}}", 3},
    {"{\"a\":{\"N\":\"-1E-130\"}}", 4},
    {"{\"a\":{\"N\":\"1E-129\"}}", 3},
    {"{\"a\":{\"N\":\"5E+124\"}}", 3},
    {"{\"a\":{\"N\":\"10.5\"}}", 4},
    {"{\"a\":{\"N\":\"105\"}}", 4},
    {"{\"a\":{\"N\":\"1.05\"}}", 4},
    {"{\"a\":{\"N\":\"0.105\"}}", 4},
    {"{\"a\":{\"N\":\"-0.105\"}}", 5},
    {"{\"a\":{\"NS\":[\"-1\",\"-0.5\"]}}", 7},
    {"{\"a\":{\"L\":[{\"N\":\"-1\"},{\"N\":\"0\"}]}}", 10},
    {"{\"\303\251\":{\"S\":\"\303\251\"}}", 4},
};

static void
size_matches_dynamodb_local(void)
{
    size_t i;

    for (i = 0; i < N(size_cases); i++) {
        struct json_object *j = parse_json(size_cases[i].item);
        struct sst_av *v = NULL;

        CU_ASSERT_EQUAL_FATAL(sst_av_decode_item(j, &v, NULL), SST_OK);
        if (sst_av_item_size(v) != size_cases[i].size)
            printf("\n  size %s = %zu, want %zu\n", size_cases[i].item,
                   sst_av_item_size(v), size_cases[i].size);
        CU_ASSERT_EQUAL(sst_av_item_size(v), size_cases[i].size);
        sst_av_free(v);
        json_object_put(j);
    }
}

/* {"pk": {"S": "k"}, "p": {"S": <n copies of unit>}} */
static struct sst_av *
padded_item(const char *unit, size_t n)
{
    size_t ul = strlen(unit), i;
    char *s = malloc(ul * n + 1);
    struct json_object *j = json_object_new_object(),
                       *p = json_object_new_object();
    struct sst_av *v = NULL;

    for (i = 0; i < n; i++)
        memcpy(s + i * ul, unit, ul);
    json_object_object_add(p, "S",
                           json_object_new_string_len(s, (int)(ul * n)));
    json_object_object_add(j, "p", p);
    p = json_object_new_object();
    json_object_object_add(p, "S", json_object_new_string("k"));
    json_object_object_add(j, "pk", p);
    if (sst_av_decode_item(j, &v, NULL) != SST_OK)
        v = NULL;
    json_object_put(j);
    free(s);
    return v;
}

static void
item_limit_matches_dynamodb_local(void)
{
    /* DynamoDB Local accepts {"pk":"k","p":409596 x "x"} (409600 bytes)
     * and refuses one byte more; with a 2-byte character, 204798 and
     * 204799 of them. */
    static const struct {
        const char *unit;
        size_t n;
        enum sst_code code;
    } cases[] = {
        {"x", 409596, SST_OK},
        {"x", 409597, SST_E_VALIDATION},
        {"x", 500000, SST_E_VALIDATION},
        {"\303\251", 204798, SST_OK},
        {"\303\251", 204799, SST_E_VALIDATION},
    };
    size_t i;

    for (i = 0; i < N(cases); i++) {
        struct sst_av *v = padded_item(cases[i].unit, cases[i].n);
        struct sst_err e;

        CU_ASSERT_PTR_NOT_NULL_FATAL(v);
        CU_ASSERT_EQUAL(sst_av_item_check_size(v, &e), cases[i].code);
        if (cases[i].code != SST_OK) {
            SST_ASSERT_STR_EQ(e.message,
                              "Item size has exceeded the maximum allowed "
                              "size");
            SST_ASSERT_STR_EQ(e.type, "ValidationException");
        }
        sst_av_free(v);
    }
}

/* ----------------------------------------------------------------- tree ops */

static struct sst_av *
av_of(const char *text)
{
    struct json_object *j = parse_json(text);
    struct sst_av *v = NULL;

    if (j == NULL || sst_av_decode(j, &v, NULL) != SST_OK)
        v = NULL;
    json_object_put(j);
    return v;
}

/* Whether a and b encode to the same JSON. */
static int
same_encoding(const struct sst_av *a, const struct sst_av *b)
{
    struct json_object *ja = NULL, *jb = NULL;
    int same = sst_av_encode(a, &ja, NULL) == SST_OK &&
               sst_av_encode(b, &jb, NULL) == SST_OK &&
               json_object_equal(ja, jb);

    json_object_put(ja);
    json_object_put(jb);
    return same;
}

static void
equality_is_deep(void)
{
    static const struct {
        const char *a, *b;
        int equal;
    } cases[] = {
        {"{\"S\":\"a\"}", "{\"S\":\"a\"}", 1},
        {"{\"S\":\"a\"}", "{\"S\":\"a\\u0000\"}", 0},
        {"{\"S\":\"1\"}", "{\"N\":\"1\"}", 0},
        {"{\"N\":\"1.0\"}", "{\"N\":\"1\"}", 1},
        {"{\"N\":\"-0\"}", "{\"N\":\"0\"}", 1},
        {"{\"B\":\"AAAA\"}", "{\"B\":\"AAA=\"}", 0},
        {"{\"BOOL\":true}", "{\"BOOL\":true}", 1},
        {"{\"BOOL\":true}", "{\"BOOL\":false}", 0},
        {"{\"NULL\":true}", "{\"NULL\":true}", 1},
        {"{\"SS\":[\"a\",\"b\",\"c\"]}", "{\"SS\":[\"c\",\"a\",\"b\"]}", 1},
        {"{\"SS\":[\"a\",\"b\"]}", "{\"SS\":[\"a\",\"b\",\"c\"]}", 0},
        {"{\"SS\":[\"a\",\"b\"]}", "{\"SS\":[\"a\",\"c\"]}", 0},
        {"{\"NS\":[\"1\",\"2.50\"]}", "{\"NS\":[\"2.5\",\"1e0\"]}", 1},
        {"{\"NS\":[\"1\",\"2\"]}", "{\"NS\":[\"1\",\"3\"]}", 0},
        {"{\"BS\":[\"AA==\",\"AQ==\"]}", "{\"BS\":[\"AQ==\",\"AA==\"]}", 1},
        {"{\"BS\":[\"AA==\"]}", "{\"SS\":[\"AA==\"]}", 0},
        {"{\"L\":[{\"N\":\"1\"},{\"S\":\"a\"}]}",
         "{\"L\":[{\"N\":\"1.00\"},{\"S\":\"a\"}]}", 1},
        {"{\"L\":[{\"N\":\"1\"},{\"S\":\"a\"}]}",
         "{\"L\":[{\"S\":\"a\"},{\"N\":\"1\"}]}", 0},
        {"{\"L\":[]}", "{\"M\":{}}", 0},
        {"{\"M\":{\"a\":{\"N\":\"1\"},\"b\":{\"SS\":[\"x\",\"y\"]}}}",
         "{\"M\":{\"b\":{\"SS\":[\"y\",\"x\"]},\"a\":{\"N\":\"1.0\"}}}", 1},
        {"{\"M\":{\"a\":{\"N\":\"1\"}}}", "{\"M\":{\"b\":{\"N\":\"1\"}}}", 0},
        {"{\"M\":{\"a\":{\"N\":\"1\"}}}", "{\"M\":{\"a\":{\"N\":\"2\"}}}", 0},
        {"{\"M\":{\"a\":{\"N\":\"1\"}}}",
         "{\"M\":{\"a\":{\"N\":\"1\"},\"b\":{\"N\":\"1\"}}}", 0},
    };
    size_t i;

    for (i = 0; i < N(cases); i++) {
        struct sst_av *a = av_of(cases[i].a), *b = av_of(cases[i].b), *d;

        CU_ASSERT_PTR_NOT_NULL_FATAL(a);
        CU_ASSERT_PTR_NOT_NULL_FATAL(b);
        if (sst_av_equal(a, b) != cases[i].equal)
            printf("\n  equal(%s, %s) != %d\n", cases[i].a, cases[i].b,
                   cases[i].equal);
        CU_ASSERT_EQUAL(sst_av_equal(a, b), cases[i].equal);
        CU_ASSERT_EQUAL(sst_av_equal(b, a), cases[i].equal);
        CU_ASSERT(sst_av_equal(a, a));
        CU_ASSERT_EQUAL_FATAL(sst_av_dup(a, &d, NULL), SST_OK);
        CU_ASSERT(d != a && sst_av_equal(a, d));
        CU_ASSERT(same_encoding(a, d));
        sst_av_free(d);
        sst_av_free(a);
        sst_av_free(b);
    }
}

static void
large_sets_compare_in_any_order(void)
{
    /* 300 members, the second set reversed: the sorting path. */
    char a[8192], b[8192];
    size_t la = 0, lb = 0;
    struct sst_av *x, *y;
    int i;

    la += (size_t)sprintf(a + la, "{\"NS\":[");
    lb += (size_t)sprintf(b + lb, "{\"NS\":[");
    for (i = 0; i < 300; i++) {
        la += (size_t)sprintf(a + la, "%s\"%d.5\"", i ? "," : "", i);
        lb += (size_t)sprintf(b + lb, "%s\"%d.50\"", i ? "," : "", 299 - i);
    }
    sprintf(a + la, "]}");
    sprintf(b + lb, "]}");
    x = av_of(a);
    y = av_of(b);
    CU_ASSERT_PTR_NOT_NULL_FATAL(x);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    CU_ASSERT(sst_av_equal(x, y));
    /* Under allocation failure the pairwise path gives the same answer. */
    sst_mem_fail_after(1);
    CU_ASSERT(sst_av_equal(x, y));
    sst_mem_fail_reset();
    sst_num_set_i64(&y->u.nums.v[150], 7);
    CU_ASSERT(!sst_av_equal(x, y));
    sst_mem_fail_after(1);
    CU_ASSERT(!sst_av_equal(x, y));
    sst_mem_fail_reset();
    sst_av_free(x);
    sst_av_free(y);
}

static void
ordering_is_dynamodb_order(void)
{
    static const struct {
        const char *a, *b;
        int comparable, order;
    } cases[] = {
        {"{\"S\":\"a\"}", "{\"S\":\"b\"}", 1, -1},
        {"{\"S\":\"a\"}", "{\"S\":\"ab\"}", 1, -1},
        {"{\"S\":\"\"}", "{\"S\":\"a\"}", 1, -1},
        {"{\"S\":\"B\"}", "{\"S\":\"a\"}", 1, -1},
        /* UTF-8 bytes, unsigned: U+00E9 (C3 A9) after 'z'; U+FFFD (EF BF
         * BD) before U+1F600 (F0 9F 98 80), unlike UTF-16 order. */
        {"{\"S\":\"\\u00e9\"}", "{\"S\":\"z\"}", 1, 1},
        {"{\"S\":\"\\ufffd\"}", "{\"S\":\"\\ud83d\\ude00\"}", 1, -1},
        {"{\"S\":\"a\\u0000\"}", "{\"S\":\"a\"}", 1, 1},
        {"{\"B\":\"gA==\"}", "{\"B\":\"fw==\"}", 1, 1},
        {"{\"B\":\"\"}", "{\"B\":\"AA==\"}", 1, -1},
        {"{\"B\":\"AAA=\"}", "{\"B\":\"AAAA\"}", 1, -1},
        {"{\"N\":\"10\"}", "{\"N\":\"9\"}", 1, 1},
        {"{\"N\":\"-10\"}", "{\"N\":\"9\"}", 1, -1},
        {"{\"N\":\"1.0\"}", "{\"N\":\"1\"}", 1, 0},
        {"{\"N\":\"1\"}", "{\"S\":\"1\"}", 0, 0},
        {"{\"BOOL\":true}", "{\"BOOL\":true}", 0, 0},
        {"{\"NULL\":true}", "{\"NULL\":true}", 0, 0},
        {"{\"SS\":[\"a\"]}", "{\"SS\":[\"a\"]}", 0, 0},
        {"{\"L\":[]}", "{\"L\":[]}", 0, 0},
    };
    size_t i;

    for (i = 0; i < N(cases); i++) {
        struct sst_av *a = av_of(cases[i].a), *b = av_of(cases[i].b);
        int order = 99;

        CU_ASSERT_PTR_NOT_NULL_FATAL(a);
        CU_ASSERT_PTR_NOT_NULL_FATAL(b);
        CU_ASSERT_EQUAL(sst_av_cmp(a, b, &order), cases[i].comparable);
        if (cases[i].comparable) {
            CU_ASSERT_EQUAL(order, cases[i].order);
            CU_ASSERT(sst_av_cmp(b, a, &order));
            CU_ASSERT_EQUAL(order, -cases[i].order);
        } else {
            CU_ASSERT_EQUAL(order, 99);
        }
        sst_av_free(a);
        sst_av_free(b);
    }
}

static void
binary_and_nul_bytes_survive(void)
{
    struct sst_av *v = av_of("{\"B\":\"AP8Af4A=\"}");
    struct sst_av *s = av_of("{\"S\":\"a\\u0000b\"}");
    struct sst_av *bs = av_of("{\"BS\":[\"\",\"+/+/\"]}");

    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_PTR_NOT_NULL_FATAL(bs);
    CU_ASSERT_EQUAL(v->type, SST_AV_B);
    CU_ASSERT_EQUAL(v->u.str.len, 5);
    CU_ASSERT(memcmp(v->u.str.ptr, "\x00\xff\x00\x7f\x80", 6) == 0);
    CU_ASSERT(encodes_as(v, 0, "{\"B\":\"AP8Af4A=\"}"));
    CU_ASSERT_EQUAL(s->u.str.len, 3);
    CU_ASSERT(memcmp(s->u.str.ptr, "a\0b", 4) == 0);
    CU_ASSERT(encodes_as(s, 0, "{\"S\":\"a\\u0000b\"}"));
    CU_ASSERT_EQUAL(bs->u.strs.len, 2);
    CU_ASSERT_EQUAL(bs->u.strs.v[0].len, 0);
    CU_ASSERT_EQUAL(bs->u.strs.v[1].len, 3);
    CU_ASSERT(memcmp(bs->u.strs.v[1].ptr, "\xfb\xff\xbf", 3) == 0);
    CU_ASSERT(encodes_as(bs, 0, "{\"BS\":[\"\",\"+/+/\"]}"));
    sst_av_free(v);
    sst_av_free(s);
    sst_av_free(bs);
}

static void
base64_round_trips_every_length(void)
{
    unsigned char raw[64];
    size_t n, i;

    for (n = 0; n < sizeof raw; n++) {
        struct sst_av *v = sst_av_new(SST_AV_B), *back;
        struct json_object *j = NULL;

        CU_ASSERT_PTR_NOT_NULL_FATAL(v);
        for (i = 0; i < n; i++)
            raw[i] = (unsigned char)(i * 37 + n);
        sst_free(v->u.str.ptr);
        v->u.str.ptr = sst_malloc(n + 1);
        memcpy(v->u.str.ptr, raw, n);
        v->u.str.ptr[n] = '\0';
        v->u.str.len = n;
        CU_ASSERT_EQUAL_FATAL(sst_av_encode(v, &j, NULL), SST_OK);
        /* Padding as RFC 4648 wants it. */
        CU_ASSERT_EQUAL(
            json_object_get_string_len(json_object_object_get(j, "B")),
            (int)((n + 2) / 3 * 4));
        CU_ASSERT_EQUAL(sst_av_decode(j, &back, NULL), SST_OK);
        CU_ASSERT(back != NULL && sst_av_equal(v, back));
        sst_av_free(back);
        json_object_put(j);
        sst_av_free(v);
    }
}

static void
new_values_and_names(void)
{
    static const char *const want[SST_AV_TYPE_COUNT] = {
        "{\"S\":\"\"}",    "{\"N\":\"0\"}", "{\"B\":\"\"}", "{\"BOOL\":false}",
        "{\"NULL\":true}", "{\"M\":{}}",    "{\"L\":[]}",   "{\"SS\":[]}",
        "{\"NS\":[]}",     "{\"BS\":[]}",
    };
    static const char *const names[SST_AV_TYPE_COUNT] = {
        "S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS",
    };
    struct sst_av *v;
    struct json_object *j;
    struct sst_err e;
    int t;

    for (t = 0; t < SST_AV_TYPE_COUNT; t++) {
        v = sst_av_new((enum sst_av_type)t);
        CU_ASSERT_PTR_NOT_NULL_FATAL(v);
        SST_ASSERT_STR_EQ(sst_av_type_name((enum sst_av_type)t), names[t]);
        CU_ASSERT(encodes_as(v, 0, want[t]));
        sst_av_free(v);
    }
    SST_ASSERT_STR_EQ(sst_av_type_name(SST_AV_TYPE_COUNT), "?");
    CU_ASSERT_PTR_NULL(sst_av_new(SST_AV_TYPE_COUNT));
    sst_av_free(NULL);
    v = sst_av_new(SST_AV_S);
    v->type = SST_AV_TYPE_COUNT; /* corrupt on purpose */
    CU_ASSERT_EQUAL(sst_av_encode(v, &j, &e), SST_E_INVALID_ARG);
    CU_ASSERT_PTR_NULL(j);
    v->type = SST_AV_S;
    CU_ASSERT_EQUAL(sst_av_encode_item(v, &j, &e), SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(e.message, "an item must be a map");
    sst_av_free(v);
}

static void
map_lookup(void)
{
    struct sst_av *m =
        av_of("{\"M\":{\"a\":{\"N\":\"1\"},\"ab\":{\"S\":\"x\"}}}");
    struct sst_av *x;

    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    x = sst_av_map_get(m, "ab", 2);
    CU_ASSERT(x != NULL && x->type == SST_AV_S);
    x = sst_av_map_get(m, "abc", 2); /* length-delimited */
    CU_ASSERT(x != NULL && x->type == SST_AV_S);
    x = sst_av_map_get(m, "a", 1);
    CU_ASSERT(x != NULL && x->type == SST_AV_N);
    CU_ASSERT_PTR_NULL(sst_av_map_get(m, "b", 1));
    CU_ASSERT_PTR_NULL(sst_av_map_get(m, "", 0));
    sst_av_free(m);
}

static void
long_duplicate_lists_are_truncated(void)
{
    char text[4096];
    size_t len = 0;
    struct json_object *j;
    struct sst_av *v = NULL;
    struct sst_err e;
    int i;

    len += (size_t)sprintf(text + len, "{\"SS\":[");
    for (i = 0; i < 100; i++)
        len += (size_t)sprintf(text + len, "\"member%03d\",", i);
    sprintf(text + len, "\"member000\"]}");
    j = parse_json(text);
    CU_ASSERT_EQUAL(sst_av_decode(j, &v, &e), SST_E_VALIDATION);
    CU_ASSERT_EQUAL(strlen(e.message), SST_ERR_MESSAGE_MAX - 1);
    {
        static const char head[] = "One or more parameter values were "
                                   "invalid: Input collection [member000, "
                                   "member001, ";

        CU_ASSERT(strncmp(e.message, head, sizeof head - 1) == 0);
    }
    json_object_put(j);
}

/* ------------------------------------------------------------ out of memory */

static const char oom_item[] =
    "{\"pk\":{\"S\":\"k\"},\"n\":{\"N\":\"-12.50\"},\"b\":{\"B\":\"AQID\"},"
    "\"t\":{\"BOOL\":true},\"z\":{\"NULL\":true},"
    "\"ss\":{\"SS\":[\"x\",\"y\",\"z\"]},\"ns\":{\"NS\":[\"1\",\"2\",\"3\"]},"
    "\"bs\":{\"BS\":[\"AA==\",\"AQ==\"]},"
    "\"m\":{\"M\":{\"l\":{\"L\":[{\"S\":\"a\"},{\"M\":{\"d\":{\"L\":[]}}},"
    "{\"N\":\"1e3\"}]},\"e\":{\"M\":{}}}}}";

static void
oom_loop_decode_encode_dup(void)
{
    struct json_object *j = parse_json(oom_item), *out;
    struct sst_av *v, *d;
    struct sst_err e;
    long n, live;
    int done = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(j);
    for (n = 1; !done && n < 10000; n++) {
        live = sst_mem_live_count();
        sst_mem_fail_after(n);
        v = (struct sst_av *)1;
        if (sst_av_decode_item(j, &v, &e) != SST_OK) {
            sst_mem_fail_reset();
            CU_ASSERT_EQUAL(e.code, SST_E_NOMEM);
            CU_ASSERT_PTR_NULL(v);
            CU_ASSERT_EQUAL(sst_mem_live_count(), live);
            continue;
        }
        sst_mem_fail_reset();
        done = 1;
        /* Encoding allocates through json-c (and sst for base64). */
        out = NULL;
        CU_ASSERT_EQUAL(sst_av_encode_item(v, &out, &e), SST_OK);
        CU_ASSERT(encodes_as(v, 1, json_object_to_json_string(out)));
        json_object_put(out);
        sst_av_free(v);
        CU_ASSERT_EQUAL(sst_mem_live_count(), live);
    }
    CU_ASSERT(done);
    CU_ASSERT(n > 10); /* it did fail many times before succeeding */

    CU_ASSERT_EQUAL_FATAL(sst_av_decode_item(j, &v, NULL), SST_OK);
    for (n = 1, done = 0; !done && n < 10000; n++) {
        live = sst_mem_live_count();
        sst_mem_fail_after(n);
        out = (struct json_object *)1;
        if (sst_av_encode_item(v, &out, &e) != SST_OK) {
            sst_mem_fail_reset();
            CU_ASSERT_EQUAL(e.code, SST_E_NOMEM);
            CU_ASSERT_PTR_NULL(out);
            CU_ASSERT_EQUAL(sst_mem_live_count(), live);
            continue;
        }
        sst_mem_fail_reset();
        done = 1;
        json_object_put(out);
        CU_ASSERT_EQUAL(sst_mem_live_count(), live);
    }
    CU_ASSERT(done);
    for (n = 1, done = 0; !done && n < 10000; n++) {
        live = sst_mem_live_count();
        sst_mem_fail_after(n);
        d = (struct sst_av *)1;
        if (sst_av_dup(v, &d, &e) != SST_OK) {
            sst_mem_fail_reset();
            CU_ASSERT_EQUAL(e.code, SST_E_NOMEM);
            CU_ASSERT_PTR_NULL(d);
            CU_ASSERT_EQUAL(sst_mem_live_count(), live);
            continue;
        }
        sst_mem_fail_reset();
        done = 1;
        CU_ASSERT(sst_av_equal(v, d));
        sst_av_free(d);
        CU_ASSERT_EQUAL(sst_mem_live_count(), live);
    }
    CU_ASSERT(done);
    sst_av_free(v);
    json_object_put(j);
}

static void
oom_loop_validation_errors(void)
{
    /* Failing paths that allocate (duplicate checks) also fail cleanly. */
    static const char *const texts[] = {
        "{\"x\":{\"SS\":[\"a\",\"b\",\"a\"]}}",
        "{\"x\":{\"NS\":[\"1\",\"2\",\"1.0\"]}}",
        "{\"x\":{\"BS\":[\"AA==\",\"AA==\"]}}",
        "{\"x\":{\"L\":[{\"M\":{\"a\":{\"S\":\"a\",\"N\":\"1\"}}}]}}",
    };
    size_t i;

    for (i = 0; i < N(texts); i++) {
        struct json_object *j = parse_json(texts[i]);
        struct sst_av *v;
        struct sst_err e;
        long n, live;
        int done = 0;

        for (n = 1; !done && n < 1000; n++) {
            enum sst_code rc;

            live = sst_mem_live_count();
            sst_mem_fail_after(n);
            rc = sst_av_decode_item(j, &v, &e);
            sst_mem_fail_reset();
            CU_ASSERT(rc == SST_E_NOMEM || rc == SST_E_VALIDATION);
            CU_ASSERT_PTR_NULL(v);
            CU_ASSERT_EQUAL(sst_mem_live_count(), live);
            done = rc == SST_E_VALIDATION;
        }
        CU_ASSERT(done);
        json_object_put(j);
    }
}

static const struct sst_test av_tests[] = {
    {"decode matches DynamoDB Local", decode_matches_dynamodb_local},
    {"serialization errors are AWS style", serialization_errors_are_aws_style},
    {"field place changes one message", field_place_changes_one_message},
    {"items match DynamoDB Local", items_match_dynamodb_local},
    {"nesting limit matches DynamoDB Local",
     nesting_limit_matches_dynamodb_local},
    {"nesting errors in document order", nesting_errors_in_document_order},
    {"value nesting counts like an attribute",
     value_nesting_counts_like_an_attribute},
    {"size matches DynamoDB Local", size_matches_dynamodb_local},
    {"item limit matches DynamoDB Local", item_limit_matches_dynamodb_local},
    {"equality is deep", equality_is_deep},
    {"large sets compare in any order", large_sets_compare_in_any_order},
    {"ordering is DynamoDB order", ordering_is_dynamodb_order},
    {"binary and NUL bytes survive", binary_and_nul_bytes_survive},
    {"base64 round-trips every length", base64_round_trips_every_length},
    {"new values and type names", new_values_and_names},
    {"map lookup", map_lookup},
    {"long duplicate lists are truncated", long_duplicate_lists_are_truncated},
    {"OOM loop: decode, encode, dup", oom_loop_decode_encode_dup},
    {"OOM loop: validation errors", oom_loop_validation_errors},
    {NULL, NULL},
};

static const struct sst_suite suites[] = {
    {"av", NULL, NULL, av_tests},
    {NULL, NULL, NULL, NULL},
};

int
main(int argc, char **argv)
{
    return sst_test_main(argc, argv, "test_av", suites);
}
