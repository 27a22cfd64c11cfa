/*
 * tests/unit/test_av_decode.c - attribute values (emu/expr/av.c):
 * decoding values and items with DynamoDB's checks, and the errors of
 * JSON of the wrong kind.
 *
 * The decode and item tables were recorded from DynamoDB Local
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
#include "av_util.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

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

static const struct sst_test av_tests[] = {
    {"decode matches DynamoDB Local", decode_matches_dynamodb_local},
    {"serialization errors are AWS style", serialization_errors_are_aws_style},
    {"field place changes one message", field_place_changes_one_message},
    {"items match DynamoDB Local", items_match_dynamodb_local},
    {NULL, NULL},
};

static const struct sst_suite suites[] = {
    {"decode", NULL, NULL, av_tests},
    {NULL, NULL, NULL, NULL},
};

int
main(int argc, char **argv)
{
    return sst_test_main(argc, argv, "test_av_decode", suites);
}
