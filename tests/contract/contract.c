/*
 * tests/contract/contract.c - one behavioural suite, run against every
 * backend:
 *
 *   emu      the emulator in-process (emu::memory:)
 *   sst-emu  the HTTP backend talking to sst-emu, started in this process
 *            on 127.0.0.1 over an emu::memory: emulator
 *   ddb      the HTTP backend talking to DynamoDB Local (when
 *            tests/ddb-local provides it; skipped visibly otherwise)
 *
 * A case is a sequence of calls. Each call states the exact outcome: an
 * error (its code, __type and message), or success with an expected
 * answer that must be contained in the real one (every member given must
 * be there with an equal value; members not given, such as timestamps
 * and ARNs, are not compared; set members compare in any order), or, for
 * an error with members of its own (CancellationReasons), exactly those. A
 * difference on one backend is a bug in that backend, unless the call
 * names a documented DynamoDB Local deviation (docs/fidelity.md), which
 * then states DynamoDB Local's answer separately.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/emu.h>
#include <sst/server.h>
#include <sst/sst.h>

#include "harness.h"

enum side { EMU, SST_EMU, DDB, SIDES };

static const char *const side_names[SIDES] = {"emu", "sst-emu",
                                              "DynamoDB Local"};

struct call {
    const char *op;
    const char *request;
    /* expected: on success a JSON pattern contained in the answer ("" for
     * any answer); on failure the error's short type and message, and in
     * pattern, when not NULL, the error's other members, exactly (the
     * CancellationReasons of TransactionCanceledException) */
    const char *pattern;
    const char *type;
    const char *message;
    /* DynamoDB Local deviation (docs/fidelity.md): its answer instead, a
     * pattern as above, or "!Type|message" for an error */
    const char *ddb_pattern;
};

struct contract_case {
    const char *name;
    const struct call *calls; /* terminated by {NULL} */
};

#define TABLE_HS                                                             \
    "{\"TableName\":\"c_hs\",\"BillingMode\":\"PAY_PER_REQUEST\","          \
    "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":" \
    "\"S\"},{\"AttributeName\":\"sk\",\"AttributeType\":\"S\"}],"            \
    "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"        \
    "{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}]}"

static const struct call create_describe_delete[] = {
    {"CreateTable", TABLE_HS,
     "{\"TableDescription\":{\"TableName\":\"c_hs\",\"TableStatus\":"
     "\"ACTIVE\",\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":"
     "\"HASH\"},{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}],"
     "\"ItemCount\":0,\"TableSizeBytes\":0,\"BillingModeSummary\":"
     "{\"BillingMode\":\"PAY_PER_REQUEST\"}}}",
     NULL, NULL, NULL},
    {"CreateTable", TABLE_HS, NULL, "ResourceInUseException",
     "Cannot create preexisting table", NULL},
    {"DescribeTable", "{\"TableName\":\"c_hs\"}",
     "{\"Table\":{\"TableName\":\"c_hs\",\"TableStatus\":\"ACTIVE\","
     "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\","
     "\"AttributeType\":\"S\"},{\"AttributeName\":\"sk\","
     "\"AttributeType\":\"S\"}]}}",
     NULL, NULL, NULL},
    /* other test programs share DynamoDB Local: look only at the names
     * from c_hr on */
    {"ListTables", "{\"ExclusiveStartTableName\":\"c_hr\",\"Limit\":1}",
     "{\"TableNames\":[\"c_hs\"]}",
     NULL, NULL, NULL},
    {"DeleteTable", "{\"TableName\":\"c_hs\"}",
     "{\"TableDescription\":{\"TableName\":\"c_hs\",\"TableStatus\":"
     "\"DELETING\"}}",
     NULL, NULL,
     /* DynamoDB Local answers ACTIVE; AWS documents DELETING */
     "{\"TableDescription\":{\"TableName\":\"c_hs\",\"TableStatus\":"
     "\"ACTIVE\"}}"},
    {"DescribeTable", "{\"TableName\":\"c_hs\"}", NULL,
     "ResourceNotFoundException",
     "Cannot do operations on a non-existent table", NULL},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};

static const struct call create_table_validation[] = {
    {"CreateTable",
     "{\"TableName\":\"ab\",\"BillingMode\":\"PAY_PER_REQUEST\","
     "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":"
     "\"S\"}],\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":"
     "\"HASH\"}]}",
     NULL, "ValidationException",
     "Invalid table/index name.  Table/index names must be between 3 and "
     "255 characters long, and may contain only the characters a-z, A-Z, "
     "0-9, '_', '-', and '.'",
     NULL},
    {"CreateTable",
     "{\"TableName\":\"c_bad\",\"BillingMode\":\"PAY_PER_REQUEST\","
     "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":"
     "\"S\"},{\"AttributeName\":\"x\",\"AttributeType\":\"S\"}],"
     "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}]}",
     NULL, "ValidationException",
     "The number of attributes in key schema must match the number of "
     "attributes defined in attribute definitions.",
     NULL},
    {"CreateTable",
     "{\"TableName\":\"c_bad\",\"AttributeDefinitions\":[{\"AttributeName\":"
     "\"pk\",\"AttributeType\":\"S\"}],\"KeySchema\":[{\"AttributeName\":"
     "\"pk\",\"KeyType\":\"HASH\"}]}",
     NULL, "ValidationException",
     "No provisioned throughput specified for the table", NULL},
    {"DeleteTable", "{\"TableName\":\"c_nothere\"}", NULL,
     "ResourceNotFoundException",
     "Cannot do operations on a non-existent table", NULL},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};

static const struct call items[] = {
    {"CreateTable", TABLE_HS, "", NULL, NULL, NULL},
    {"PutItem",
     "{\"TableName\":\"c_hs\",\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":"
     "{\"S\":\"1\"},\"n\":{\"N\":\"1.50\"},\"ss\":{\"SS\":[\"y\","
     "\"x\"]},\"nul\":{\"NULL\":true}}}",
     "{}", NULL, NULL, NULL},
    {"GetItem",
     "{\"TableName\":\"c_hs\",\"Key\":{\"pk\":{\"S\":\"a\"},\"sk\":"
     "{\"S\":\"1\"}}}",
     "{\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"S\":\"1\"},\"n\":"
     "{\"N\":\"1.5\"},\"ss\":{\"SS\":[\"x\",\"y\"]},\"nul\":{\"NULL\":"
     "true}}}",
     NULL, NULL, NULL},
    {"GetItem",
     "{\"TableName\":\"c_hs\",\"Key\":{\"pk\":{\"S\":\"zz\"},\"sk\":"
     "{\"S\":\"1\"}}}",
     "{}", NULL, NULL, NULL},
    {"GetItem",
     "{\"TableName\":\"c_hs\",\"Key\":{\"pk\":{\"N\":\"1\"},\"sk\":"
     "{\"S\":\"1\"}}}",
     NULL, "ValidationException",
     "One or more parameter values were invalid: Type mismatch for key",
     NULL},
    {"PutItem",
     "{\"TableName\":\"c_hs\",\"Item\":{\"pk\":{\"S\":\"a\"}}}", NULL,
     "ValidationException", "One of the required keys was not given a value",
     NULL},
    {"PutItem",
     "{\"TableName\":\"c_hs\",\"Item\":{\"pk\":{\"S\":\"b\"},\"sk\":"
     "{\"S\":\"1\"},\"e\":{\"SS\":[]}}}",
     NULL, "ValidationException",
     "One or more parameter values were invalid: An string set  may not be "
     "empty",
     NULL},
    {"Scan", "{\"TableName\":\"c_hs\",\"Select\":\"COUNT\"}",
     "{\"Count\":1,\"ScannedCount\":1}", NULL, NULL, NULL},
    {"DeleteItem",
     "{\"TableName\":\"c_hs\",\"Key\":{\"pk\":{\"S\":\"a\"},\"sk\":"
     "{\"S\":\"1\"}},\"ReturnValues\":\"ALL_OLD\"}",
     "{\"Attributes\":{\"pk\":{\"S\":\"a\"},\"n\":{\"N\":\"1.5\"}}}",
     NULL, NULL, NULL},
    {"Scan", "{\"TableName\":\"c_hs\"}",
     "{\"Count\":0,\"ScannedCount\":0,\"Items\":[]}", NULL, NULL, NULL},
    {"DeleteTable", "{\"TableName\":\"c_hs\"}", "", NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};

/* transactions: TransactWriteItems, its cancellation reasons (identical
 * everywhere), idempotency, TransactGetItems */
#define TX_KEY(pk) "{\"pk\":{\"S\":\"" pk "\"},\"sk\":{\"S\":\"1\"}}"
#define TX_PUT(pk, more)                                                       \
    "{\"Put\":{\"TableName\":\"c_hs\",\"Item\":{\"pk\":{\"S\":\"" pk         \
    "\"},\"sk\":{\"S\":\"1\"}" more "}}}"

static const struct call transactions[] = {
    {"CreateTable", TABLE_HS, "", NULL, NULL, NULL},
    {"PutItem",
     "{\"TableName\":\"c_hs\",\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":"
     "{\"S\":\"1\"},\"v\":{\"N\":\"1\"}}}",
     "{}", NULL, NULL, NULL},
    {"TransactWriteItems",
     "{\"TransactItems\":[" TX_PUT("b", ",\"w\":{\"S\":\"x\"}") ","
     "{\"Update\":{\"TableName\":\"c_hs\",\"Key\":" TX_KEY("a") ","
     "\"UpdateExpression\":\"SET v = v + :one\","
     "\"ConditionExpression\":\"v = :one\","
     "\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"}}}}]}",
     "{}", NULL, NULL, NULL},
    {"GetItem", "{\"TableName\":\"c_hs\",\"Key\":" TX_KEY("a") "}",
     "{\"Item\":{\"v\":{\"N\":\"2\"}}}", NULL, NULL, NULL},
    /* a cancelled transaction: the reasons, the item for ALL_OLD, and
     * nothing written */
    {"TransactWriteItems",
     "{\"TransactItems\":[" TX_PUT("c", "") ","
     "{\"Delete\":{\"TableName\":\"c_hs\",\"Key\":" TX_KEY("a") ","
     "\"ConditionExpression\":\"attribute_not_exists(pk)\","
     "\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"}},"
     "{\"ConditionCheck\":{\"TableName\":\"c_hs\",\"Key\":" TX_KEY("b")
     ",\"ConditionExpression\":\"w = :y\",\"ExpressionAttributeValues\":{"
     "\":y\":{\"S\":\"y\"}}}}]}",
     "{\"CancellationReasons\":[{\"Code\":\"None\"},{\"Code\":"
     "\"ConditionalCheckFailed\",\"Message\":\"The conditional request "
     "failed\",\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"S\":\"1\"},\"v\":{"
     "\"N\":\"2\"}}},{\"Code\":\"ConditionalCheckFailed\",\"Message\":"
     "\"The conditional request failed.\"}]}",
     "TransactionCanceledException",
     "Transaction cancelled, please refer cancellation reasons for specific "
     "reasons [None, ConditionalCheckFailed, ConditionalCheckFailed]",
     NULL},
    {"GetItem", "{\"TableName\":\"c_hs\",\"Key\":" TX_KEY("c") "}", "{}",
     NULL, NULL, NULL},
    {"TransactWriteItems",
     "{\"TransactItems\":[" TX_PUT("a", "") "," TX_PUT("a", "") "]}", NULL,
     "ValidationException",
     "Transaction request cannot include multiple operations on one item",
     NULL},
    /* ClientRequestToken: a replay applies nothing, other items mismatch */
    {"TransactWriteItems",
     "{\"ClientRequestToken\":\"contract-token-1\",\"TransactItems\":["
     TX_PUT("d", "") "]}",
     "{}", NULL, NULL, NULL},
    {"DeleteItem", "{\"TableName\":\"c_hs\",\"Key\":" TX_KEY("d") "}", "{}",
     NULL, NULL, NULL},
    {"TransactWriteItems",
     "{\"ClientRequestToken\":\"contract-token-1\",\"TransactItems\":["
     TX_PUT("d", "") "]}",
     "{}", NULL, NULL, NULL},
    {"TransactWriteItems",
     "{\"ClientRequestToken\":\"contract-token-1\",\"TransactItems\":["
     TX_PUT("e", "") "]}",
     NULL, "IdempotentParameterMismatchException", "", NULL},
    {"TransactGetItems",
     "{\"TransactItems\":[{\"Get\":{\"TableName\":\"c_hs\",\"Key\":"
     TX_KEY("b") ",\"ProjectionExpression\":\"w\"}},{\"Get\":{"
     "\"TableName\":\"c_hs\",\"Key\":" TX_KEY("d") "}}]}",
     "{\"Responses\":[{\"Item\":{\"w\":{\"S\":\"x\"}}},{}]}", NULL, NULL,
     NULL},
    {"DeleteTable", "{\"TableName\":\"c_hs\"}", "", NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};

/* Tags follow AWS: DynamoDB Local refuses every tagging operation
 * (docs/fidelity.md). */
#define TAG_ARN "arn:aws:dynamodb:ddblocal:000000000000:table/c_hs"
#define NO_TAGGING                                                             \
    "!UnknownOperationException|Tagging is not currently supported in "       \
    "DynamoDB Local."

static const struct call tags[] = {
    {"CreateTable", TABLE_HS, "", NULL, NULL, NULL},
    {"TagResource",
     "{\"ResourceArn\":\"" TAG_ARN "\",\"Tags\":[{\"Key\":\"env\","
     "\"Value\":\"test\"},{\"Key\":\"team\",\"Value\":\"\"}]}",
     "{}", NULL, NULL, NO_TAGGING},
    {"ListTagsOfResource", "{\"ResourceArn\":\"" TAG_ARN "\"}",
     "{\"Tags\":[{\"Key\":\"env\",\"Value\":\"test\"},{\"Key\":"
     "\"team\",\"Value\":\"\"}]}",
     NULL, NULL, NO_TAGGING},
    {"UntagResource",
     "{\"ResourceArn\":\"" TAG_ARN "\",\"TagKeys\":[\"env\","
     "\"none\"]}",
     "{}", NULL, NULL, NO_TAGGING},
    {"ListTagsOfResource", "{\"ResourceArn\":\"" TAG_ARN "\"}",
     "{\"Tags\":[{\"Key\":\"team\",\"Value\":\"\"}]}", NULL, NULL,
     NO_TAGGING},
    {"DeleteTable", "{\"TableName\":\"c_hs\"}", "", NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};

/* Point-in-time recovery and DescribeEndpoints follow AWS: DynamoDB Local
 * does not know the operations (docs/fidelity.md). */
#define UNKNOWN_TO_DDB_LOCAL                                                   \
    "!UnknownOperationException|An unknown operation was requested."

static const struct call continuous_backups[] = {
    {"CreateTable", TABLE_HS, "", NULL, NULL, NULL},
    {"DescribeContinuousBackups", "{\"TableName\":\"c_hs\"}",
     "{\"ContinuousBackupsDescription\":{\"ContinuousBackupsStatus\":"
     "\"ENABLED\",\"PointInTimeRecoveryDescription\":{"
     "\"PointInTimeRecoveryStatus\":\"DISABLED\"}}}",
     NULL, NULL, UNKNOWN_TO_DDB_LOCAL},
    {"UpdateContinuousBackups",
     "{\"TableName\":\"c_hs\",\"PointInTimeRecoverySpecification\":{"
     "\"PointInTimeRecoveryEnabled\":true,\"RecoveryPeriodInDays\":7}}",
     "{\"ContinuousBackupsDescription\":{\"PointInTimeRecoveryDescription\":"
     "{\"PointInTimeRecoveryStatus\":\"ENABLED\",\"RecoveryPeriodInDays\":"
     "7}}}",
     NULL, NULL, UNKNOWN_TO_DDB_LOCAL},
    {"DeleteTable", "{\"TableName\":\"c_hs\"}", "", NULL, NULL, NULL},
    {"DescribeContinuousBackups", "{\"TableName\":\"c_hs\"}", NULL,
     "TableNotFoundException", "Table not found: c_hs", UNKNOWN_TO_DDB_LOCAL},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};

/* OnDemandThroughput: set by CreateTable and UpdateTable, described,
 * checked; an UpdateTable that names none keeps it (AWS), where DynamoDB
 * Local drops it (docs/emulator.md). */
#define TABLE_OD(name, r, w)                                                 \
    "{\"TableName\":\"" name "\",\"BillingMode\":\"PAY_PER_REQUEST\","     \
    "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":" \
    "\"S\"}],\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":"        \
    "\"HASH\"}],\"OnDemandThroughput\":" OD(r, w) "}"
#define OD(r, w)                                                             \
    "{\"MaxReadRequestUnits\":" r ",\"MaxWriteRequestUnits\":" w "}"

static const struct call on_demand[] = {
    {"CreateTable", TABLE_OD("c_hs", "5", "6"),
     "{\"TableDescription\":{\"OnDemandThroughput\":" OD("5", "6") "}}",
     NULL, NULL, NULL},
    {"CreateTable", TABLE_OD("c_od", "0", "6"), NULL, "ValidationException",
     "One or more parameter values were invalid: Requested "
     "MaxReadRequestUnits for OnDemandThroughput for table is outside of "
     "valid range",
     NULL},
    {"UpdateTable",
     "{\"TableName\":\"c_hs\",\"OnDemandThroughput\":" OD("7", "8") "}",
     "{\"TableDescription\":{\"OnDemandThroughput\":" OD("7", "8") "}}",
     NULL, NULL, NULL},
    {"DescribeTable", "{\"TableName\":\"c_hs\"}",
     "{\"Table\":{\"OnDemandThroughput\":" OD("7", "8") "}}", NULL, NULL,
     NULL},
    {"UpdateTable",
     "{\"TableName\":\"c_hs\",\"DeletionProtectionEnabled\":false}",
     "{\"TableDescription\":{\"OnDemandThroughput\":" OD("7", "8") "}}",
     NULL, NULL,
     /* DynamoDB Local drops the maximums */
     "{\"TableDescription\":{\"TableName\":\"c_hs\"}}"},
    {"DeleteTable", "{\"TableName\":\"c_hs\"}", "", NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};

/* One endpoint; its Address is each side's own ("localhost" in-process,
 * sst-emu's host and port through it), like an ARN not compared. */
static const struct call describe_endpoints[] = {
    {"DescribeEndpoints", "{}",
     "{\"Endpoints\":[{\"CachePeriodInMinutes\":1440}]}", NULL, NULL,
     UNKNOWN_TO_DDB_LOCAL},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};

static const struct contract_case cases[] = {
    {"items: put, get, scan, delete, refusals", items},
    {"transactions: write, cancel, replay, get", transactions},
    {"create, describe, list, delete", create_describe_delete},
    {"CreateTable validation", create_table_validation},
    {"tags", tags},
    {"continuous backups", continuous_backups},
    {"DescribeEndpoints", describe_endpoints},
    {"OnDemandThroughput", on_demand},
    {NULL, NULL},
};

/* ------------------------------------------------------------------ */
/* matching                                                            */

static int contains(struct json_object *have, struct json_object *want);

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(json_object_get_string(*(struct json_object *const *)a),
                  json_object_get_string(*(struct json_object *const *)b));
}

/* Arrays: element by element in order, except set members (an array of
 * strings under SS/NS/BS), which compare sorted. */
static int
contains_array(struct json_object *have, struct json_object *want,
               int is_set)
{
    size_t n = json_object_array_length(want), i;
    int ok = 1;

    if (json_object_array_length(have) != n)
        return 0;
    if (is_set) {
        struct json_object **a = calloc(n ? n : 1, sizeof *a),
                           **b = calloc(n ? n : 1, sizeof *b);
        for (i = 0; i < n; i++) {
            a[i] = json_object_array_get_idx(have, i);
            b[i] = json_object_array_get_idx(want, i);
        }
        qsort(a, n, sizeof *a, cmp_str);
        qsort(b, n, sizeof *b, cmp_str);
        for (i = 0; i < n && ok; i++)
            ok = json_object_equal(a[i], b[i]);
        free(a);
        free(b);
        return ok;
    }
    for (i = 0; i < n && ok; i++)
        ok = contains(json_object_array_get_idx(have, i),
                      json_object_array_get_idx(want, i));
    return ok;
}

static int
contains(struct json_object *have, struct json_object *want)
{
    if (json_object_get_type(have) != json_object_get_type(want))
        return 0;
    if (json_object_is_type(want, json_type_object)) {
        json_object_object_foreach(want, k, v) {
            struct json_object *h;

            if (!json_object_object_get_ex(have, k, &h))
                return 0;
            if (json_object_is_type(v, json_type_array)) {
                if (!json_object_is_type(h, json_type_array) ||
                    !contains_array(h, v, !strcmp(k, "SS") ||
                                              !strcmp(k, "NS") ||
                                              !strcmp(k, "BS")))
                    return 0;
            } else if (!contains(h, v)) {
                return 0;
            }
        }
        return 1;
    }
    if (json_object_is_type(want, json_type_array))
        return contains_array(have, want, 0);
    return json_object_equal(have, want);
}

/* ------------------------------------------------------------------ */
/* backends                                                            */

static struct sst_backend *emu_for_server;
static struct sst_server *server;

static int
open_side(enum side s, struct sst_backend **out)
{
    struct sst_err e;
    char url[256];

    *out = NULL;
    switch (s) {
    case EMU:
        return sst_backend_open("emu::memory:", out, &e) == SST_OK ? 0 : -1;
    case SST_EMU: {
        struct sst_server_options o;

        memset(&o, 0, sizeof o);
        if (sst_backend_open("emu::memory:", &emu_for_server, &e) != SST_OK)
            return -1;
        o.backend = emu_for_server;
        o.sharing = SST_SERVER_SHARED;
        o.port = 0;
        if (sst_server_open(&o, &server, &e) != SST_OK) {
            printf("\n  sst-emu: %s\n", e.message);
            return -1;
        }
        snprintf(url, sizeof url, "%s", sst_server_url(server));
        return sst_backend_open(url, out, &e) == SST_OK ? 0 : -1;
    }
    default: {
        const char *ep = getenv("SST_DDB_LOCAL_ENDPOINT");

        if (ep == NULL)
            return 1;
        return sst_backend_open(ep, out, &e) == SST_OK ? 0 : -1;
    }
    }
}

static void
close_side(enum side s, struct sst_backend *b)
{
    sst_backend_close(b);
    if (s == SST_EMU) {
        sst_server_close(server);
        sst_backend_close(emu_for_server);
        server = NULL;
        emu_for_server = NULL;
    }
}

/* Run every case on one side; each call's outcome is asserted. */
static void
run_side(enum side s)
{
    const struct contract_case *c;
    struct sst_backend *b = NULL;
    int rc = open_side(s, &b);

    if (rc > 0) {
        sst_test_skip("DynamoDB Local is not running (run under "
                      "tests/ddb-local exec)");
        return;
    }
    CU_ASSERT_EQUAL_FATAL(rc, 0);
    for (c = cases; c->name; c++) {
        const struct call *k;
        int n = 0;

        for (k = c->calls; k->op; k++, n++) {
            struct json_object *req = json_tokener_parse(k->request);
            struct json_object *resp = NULL;
            struct sst_err e;
            enum sst_code got;
            const char *pattern = (s == DDB && k->ddb_pattern)
                                      ? k->ddb_pattern
                                      : k->pattern;
            const char *type = k->type, *message = k->message;
            const char *members = k->pattern; /* an error's own members */
            char ddb_type[SST_ERR_TYPE_MAX];
            int ok;

            if (pattern != NULL && pattern[0] == '!') { /* "!Type|message" */
                const char *bar = strchr(pattern, '|');

                snprintf(ddb_type, sizeof ddb_type, "%.*s",
                         (int)(bar - pattern - 1), pattern + 1);
                type = ddb_type;
                message = bar + 1;
                members = NULL;
            }

            sst_err_clear(&e);
            got = sst_backend_call(b, k->op, req, &resp, &e);
            if (type) {
                ok = got != SST_OK && strcmp(e.type, type) == 0 &&
                     strcmp(e.message, message) == 0;
                if (ok && members != NULL) {
                    struct json_object *want = json_tokener_parse(members);

                    ok = want != NULL && json_object_equal(resp, want);
                    json_object_put(want);
                }
            } else {
                struct json_object *want =
                    *pattern ? json_tokener_parse(pattern) : NULL;

                ok = got == SST_OK && (!want || contains(resp, want));
                json_object_put(want);
            }
            if (!ok) {
                printf("\n  [%s] %s, call %d (%s): got %s %s: %s\n    %s\n",
                       side_names[s], c->name, n + 1, k->op,
                       got == SST_OK ? "success" : "error", e.type,
                       e.message,
                       resp ? json_object_to_json_string_ext(
                                  resp, JSON_C_TO_STRING_PLAIN)
                            : "");
                CU_FAIL("contract broken");
            }
            json_object_put(resp);
            json_object_put(req);
        }
    }
    close_side(s, b);
}

static void
on_emu(void)
{
    run_side(EMU);
}

static void
on_sst_emu(void)
{
    run_side(SST_EMU);
}

static void
on_ddb_local(void)
{
    run_side(DDB);
}

static const struct sst_test contract_tests[] = {
    {"emulator in-process", on_emu},
    {"HTTP backend to sst-emu", on_sst_emu},
    {"HTTP backend to DynamoDB Local", on_ddb_local},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"contract", NULL, NULL, contract_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "contract", suites);
}
