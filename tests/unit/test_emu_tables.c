/*
 * tests/unit/test_emu_tables.c - the emulator's control plane through the
 * backend seam: sst_backend_open("emu::memory:") and sst_backend_call().
 *
 *   - every operation's answer, asserted field by field;
 *   - the corpus tests/data/emu/ctl_cases.json, recorded from DynamoDB
 *     Local by tests/data/emu/record.py: each request, after its setup
 *     requests, must give the recorded error type and message (or the AWS
 *     answer where the case says the emulator follows AWS), or succeed;
 *   - the clock, the emulator's options, rows deleted with their table,
 *     shared use by threads, and an out-of-memory walk.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/emu.h>
#include <sst/sst.h>

#include "emu/ops/ops.h"
#include "emu/store/catalog.h"
#include "emu/store/rows.h"
#include "harness.h"

#define T0 1795633912989LL /* 2026-11-25T16:31:52.989Z */

/* ------------------------------------------------------------------ */
/* helpers                                                             */

static struct json_object *
parse(const char *text)
{
    struct json_object *o = json_tokener_parse(text);

    CU_ASSERT_PTR_NOT_NULL_FATAL(o);
    return o;
}

/* The value at a path like "Table.KeySchema[1].KeyType", or NULL. */
static struct json_object *
at(struct json_object *o, const char *path)
{
    char key[128];
    const char *p = path;
    size_t n;

    while (o != NULL && *p) {
        if (*p == '.') {
            p++;
            continue;
        }
        if (*p == '[') {
            o = json_object_array_get_idx(o, (size_t)strtoul(p + 1, NULL, 10));
            p = strchr(p, ']') + 1;
            continue;
        }
        n = strcspn(p, ".[");
        if (n >= sizeof key)
            return NULL;
        memcpy(key, p, n);
        key[n] = '\0';
        if (!json_object_object_get_ex(o, key, &o))
            return NULL;
        p += n;
    }
    return o;
}

static const char *
str_at(struct json_object *o, const char *path)
{
    struct json_object *v = at(o, path);
    return v && json_object_is_type(v, json_type_string)
               ? json_object_get_string(v)
               : NULL;
}

static int64_t
int_at(struct json_object *o, const char *path)
{
    struct json_object *v = at(o, path);
    return v && json_object_is_type(v, json_type_int) ? json_object_get_int64(v)
                                                      : -999;
}

/* The JSON text of the value at path, as it would go on the wire. */
static const char *
text_at(struct json_object *o, const char *path)
{
    struct json_object *v = at(o, path);
    return v ? json_object_to_json_string_ext(
                   v, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)
             : NULL;
}

static size_t
members(struct json_object *o)
{
    return o && json_object_is_type(o, json_type_object)
               ? (size_t)json_object_object_length(o)
               : 0;
}

static enum sst_code
call(struct sst_backend *b, const char *op, const char *req,
     struct json_object **resp, struct sst_err *e)
{
    struct json_object *r = parse(req);
    enum sst_code rc = sst_backend_call(b, op, r, resp, e);

    json_object_put(r);
    return rc;
}

/* Call and expect success; returns the response (caller puts it). */
static struct json_object *
ok(struct sst_backend *b, const char *op, const char *req)
{
    struct json_object *resp = NULL;
    struct sst_err e;

    memset(&e, 0, sizeof e);
    if (call(b, op, req, &resp, &e) != SST_OK)
        fprintf(stderr, "\n  %s failed: %s: %s\n", op, e.type, e.message);
    CU_ASSERT_PTR_NOT_NULL(resp);
    return resp;
}

static void
expect_error(struct sst_backend *b, const char *op, const char *req,
             enum sst_code code, const char *type, const char *message)
{
    struct json_object *resp = (struct json_object *)1;
    struct sst_err e;

    CU_ASSERT_EQUAL(call(b, op, req, &resp, &e), code);
    CU_ASSERT_PTR_NULL(resp);
    SST_ASSERT_STR_EQ(e.type, type);
    SST_ASSERT_STR_EQ(e.message, message);
}

static struct sst_backend *
open_memory(void)
{
    struct sst_backend *b = NULL;
    struct sst_err e;

    CU_ASSERT_EQUAL(sst_backend_open("emu::memory:", &b, &e), SST_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    SST_ASSERT_STR_EQ(sst_backend_name(b), "emu");
    sst_emu_set_time(sst_emu_from_backend(b), T0);
    return b;
}

static const char *const TABLE_FULL =
    "{\"TableName\":\"tab\",\"BillingMode\":\"PAY_PER_REQUEST\","
    "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"
    "{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}],"
    "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":"
    "\"S\"},{\"AttributeName\":\"sk\",\"AttributeType\":\"S\"},"
    "{\"AttributeName\":\"g1\",\"AttributeType\":\"N\"},"
    "{\"AttributeName\":\"l1\",\"AttributeType\":\"B\"}],"
    "\"GlobalSecondaryIndexes\":[{\"IndexName\":\"gsi1\",\"KeySchema\":["
    "{\"AttributeName\":\"g1\",\"KeyType\":\"HASH\"},{\"AttributeName\":"
    "\"pk\",\"KeyType\":\"RANGE\"}],\"Projection\":{\"ProjectionType\":"
    "\"INCLUDE\",\"NonKeyAttributes\":[\"a\",\"b\"]}}],"
    "\"LocalSecondaryIndexes\":[{\"IndexName\":\"lsi1\",\"KeySchema\":["
    "{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},{\"AttributeName\":"
    "\"l1\",\"KeyType\":\"RANGE\"}],\"Projection\":{\"ProjectionType\":"
    "\"KEYS_ONLY\"}}]}";

static const char *const TABLE_PROVISIONED =
    "{\"TableName\":\"prov\",\"KeySchema\":[{\"AttributeName\":\"pk\","
    "\"KeyType\":\"HASH\"}],\"AttributeDefinitions\":[{\"AttributeName\":"
    "\"pk\",\"AttributeType\":\"S\"},{\"AttributeName\":\"g\","
    "\"AttributeType\":\"S\"}],\"ProvisionedThroughput\":{"
    "\"ReadCapacityUnits\":5,\"WriteCapacityUnits\":7},"
    "\"GlobalSecondaryIndexes\":[{\"IndexName\":\"gidx\",\"KeySchema\":["
    "{\"AttributeName\":\"g\",\"KeyType\":\"HASH\"}],\"Projection\":{"
    "\"ProjectionType\":\"ALL\"},\"ProvisionedThroughput\":{"
    "\"ReadCapacityUnits\":1,\"WriteCapacityUnits\":2}}]}";

/* ------------------------------------------------------------------ */
/* valid answers, field by field                                       */

/* The TableDescription of TABLE_FULL, as DynamoDB Local gives it plus
 * TableId (see docs/emulator.md). */
static void
check_full_description(struct json_object *d, const char *status)
{
    const char *id = str_at(d, "TableId");

    CU_ASSERT_EQUAL(members(d), 14);
    SST_ASSERT_STR_EQ(text_at(d, "AttributeDefinitions"),
                      "[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},"
                      "{\"AttributeName\":\"sk\",\"AttributeType\":\"S\"},"
                      "{\"AttributeName\":\"g1\",\"AttributeType\":\"N\"},"
                      "{\"AttributeName\":\"l1\",\"AttributeType\":\"B\"}]");
    SST_ASSERT_STR_EQ(str_at(d, "TableName"), "tab");
    SST_ASSERT_STR_EQ(text_at(d, "KeySchema"),
                      "[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"
                      "{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}]");
    SST_ASSERT_STR_EQ(str_at(d, "TableStatus"), status);
    SST_ASSERT_STR_EQ(text_at(d, "CreationDateTime"), "1795633912.989");
    CU_ASSERT_DOUBLE_EQUAL(json_object_get_double(at(d, "CreationDateTime")),
                           1795633912.989, 1e-6);
    SST_ASSERT_STR_EQ(text_at(d, "ProvisionedThroughput"),
                      "{\"LastIncreaseDateTime\":0.000,"
                      "\"LastDecreaseDateTime\":0.000,"
                      "\"NumberOfDecreasesToday\":0,\"ReadCapacityUnits\":0,"
                      "\"WriteCapacityUnits\":0}");
    CU_ASSERT_EQUAL(int_at(d, "TableSizeBytes"), 0);
    CU_ASSERT_EQUAL(int_at(d, "ItemCount"), 0);
    SST_ASSERT_STR_EQ(str_at(d, "TableArn"),
                      "arn:aws:dynamodb:ddblocal:000000000000:table/tab");
    CU_ASSERT_PTR_NOT_NULL_FATAL(id);
    CU_ASSERT_EQUAL(strlen(id), 36);
    CU_ASSERT_EQUAL(id[8], '-');
    CU_ASSERT_EQUAL(id[14], '4');
    SST_ASSERT_STR_EQ(text_at(d, "BillingModeSummary"),
                      "{\"BillingMode\":\"PAY_PER_REQUEST\","
                      "\"LastUpdateToPayPerRequestDateTime\":1795633912.989}");
    SST_ASSERT_STR_EQ(
        text_at(d, "LocalSecondaryIndexes"),
        "[{\"IndexName\":\"lsi1\",\"KeySchema\":[{\"AttributeName\":\"pk\","
        "\"KeyType\":\"HASH\"},{\"AttributeName\":\"l1\",\"KeyType\":"
        "\"RANGE\"}],\"Projection\":{\"ProjectionType\":\"KEYS_ONLY\"},"
        "\"IndexSizeBytes\":0,\"ItemCount\":0,\"IndexArn\":\"arn:aws:dynamodb:"
        "ddblocal:000000000000:table/tab/index/lsi1\"}]");
    SST_ASSERT_STR_EQ(
        text_at(d, "GlobalSecondaryIndexes"),
        "[{\"IndexName\":\"gsi1\",\"KeySchema\":[{\"AttributeName\":\"g1\","
        "\"KeyType\":\"HASH\"},{\"AttributeName\":\"pk\",\"KeyType\":"
        "\"RANGE\"}],\"Projection\":{\"ProjectionType\":\"INCLUDE\","
        "\"NonKeyAttributes\":[\"a\",\"b\"]},\"IndexStatus\":\"ACTIVE\","
        "\"IndexSizeBytes\":0,\"ItemCount\":0,\"IndexArn\":\"arn:aws:dynamodb:"
        "ddblocal:000000000000:table/tab/index/gsi1\"}]");
    CU_ASSERT_TRUE(json_object_is_type(at(d, "DeletionProtectionEnabled"),
                                       json_type_boolean));
    CU_ASSERT_FALSE(
        json_object_get_boolean(at(d, "DeletionProtectionEnabled")));
}

static void
create_describe_delete_full_table(void)
{
    struct sst_backend *b = open_memory();
    struct json_object *r;
    char id[37];

    r = ok(b, "CreateTable", TABLE_FULL);
    CU_ASSERT_EQUAL(members(r), 1);
    check_full_description(at(r, "TableDescription"), "ACTIVE");
    snprintf(id, sizeof id, "%s", str_at(r, "TableDescription.TableId"));
    json_object_put(r);

    sst_emu_advance_clock(sst_emu_from_backend(b), 5000);
    r = ok(b, "DescribeTable", "{\"TableName\":\"tab\"}");
    CU_ASSERT_EQUAL(members(r), 1);
    check_full_description(at(r, "Table"), "ACTIVE");
    SST_ASSERT_STR_EQ(str_at(r, "Table.TableId"), id);
    json_object_put(r);

    r = ok(b, "DeleteTable", "{\"TableName\":\"tab\"}");
    CU_ASSERT_EQUAL(members(r), 1);
    check_full_description(at(r, "TableDescription"), "DELETING");
    json_object_put(r);
    expect_error(b, "DescribeTable", "{\"TableName\":\"tab\"}", SST_E_NOT_FOUND,
                 "ResourceNotFoundException",
                 "Cannot do operations on a non-existent table");
    sst_backend_close(b);
}

static void
provisioned_table_description(void)
{
    struct sst_backend *b = open_memory();
    struct json_object *r = ok(b, "CreateTable", TABLE_PROVISIONED), *d;

    d = at(r, "TableDescription");
    CU_ASSERT_EQUAL(members(d), 12); /* no BillingModeSummary, no LSIs */
    CU_ASSERT_PTR_NULL(at(d, "BillingModeSummary"));
    CU_ASSERT_PTR_NULL(at(d, "LocalSecondaryIndexes"));
    SST_ASSERT_STR_EQ(text_at(d, "ProvisionedThroughput"),
                      "{\"LastIncreaseDateTime\":0.000,"
                      "\"LastDecreaseDateTime\":0.000,"
                      "\"NumberOfDecreasesToday\":0,\"ReadCapacityUnits\":5,"
                      "\"WriteCapacityUnits\":7}");
    SST_ASSERT_STR_EQ(
        text_at(d, "GlobalSecondaryIndexes"),
        "[{\"IndexName\":\"gidx\",\"KeySchema\":[{\"AttributeName\":\"g\","
        "\"KeyType\":\"HASH\"}],\"Projection\":{\"ProjectionType\":\"ALL\"},"
        "\"IndexStatus\":\"ACTIVE\",\"ProvisionedThroughput\":{"
        "\"ReadCapacityUnits\":1,\"WriteCapacityUnits\":2},"
        "\"IndexSizeBytes\":0,\"ItemCount\":0,\"IndexArn\":\"arn:aws:dynamodb:"
        "ddblocal:000000000000:table/prov/index/gidx\"}]");
    json_object_put(r);

    /* Multi-attribute GSI keys are kept in order. */
    r = ok(b, "CreateTable",
           "{\"TableName\":\"multi\",\"BillingMode\":\"PAY_PER_REQUEST\","
           "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],"
           "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\","
           "\"AttributeType\":\"S\"},{\"AttributeName\":\"a\","
           "\"AttributeType\":\"S\"},{\"AttributeName\":\"b\","
           "\"AttributeType\":\"N\"},{\"AttributeName\":\"c\","
           "\"AttributeType\":\"B\"}],\"DeletionProtectionEnabled\":true,"
           "\"GlobalSecondaryIndexes\":[{\"IndexName\":\"mmm\","
           "\"KeySchema\":[{\"AttributeName\":\"a\",\"KeyType\":\"HASH\"},"
           "{\"AttributeName\":\"b\",\"KeyType\":\"HASH\"},{\"AttributeName\":"
           "\"c\",\"KeyType\":\"RANGE\"},{\"AttributeName\":\"pk\","
           "\"KeyType\":\"RANGE\"}],\"Projection\":{\"ProjectionType\":"
           "\"ALL\"}}]}");
    SST_ASSERT_STR_EQ(
        text_at(r, "TableDescription.GlobalSecondaryIndexes[0].KeySchema"),
        "[{\"AttributeName\":\"a\",\"KeyType\":\"HASH\"},"
        "{\"AttributeName\":\"b\",\"KeyType\":\"HASH\"},"
        "{\"AttributeName\":\"c\",\"KeyType\":\"RANGE\"},"
        "{\"AttributeName\":\"pk\",\"KeyType\":\"RANGE\"}]");
    SST_ASSERT_STR_EQ(text_at(r, "TableDescription.DeletionProtectionEnabled"),
                      "true");
    json_object_put(r);
    expect_error(b, "DeleteTable", "{\"TableName\":\"multi\"}",
                 SST_E_VALIDATION, "ValidationException",
                 "Resource cannot be deleted as it is currently protected "
                 "against deletion. Disable deletion protection first.");
    sst_backend_close(b);
}

static void
list_tables_pages(void)
{
    struct sst_backend *b = open_memory();
    static const char *const names[] = {"b-tab", "A_tab", "abc", "Zeta",
                                        "a.tab"};
    char req[256];
    struct json_object *r;
    size_t i;

    r = ok(b, "ListTables", "{}");
    SST_ASSERT_STR_EQ(text_at(r, ""), "{\"TableNames\":[]}");
    json_object_put(r);
    for (i = 0; i < 5; i++) {
        snprintf(req, sizeof req,
                 "{\"TableName\":\"%s\",\"BillingMode\":\"PAY_PER_REQUEST\","
                 "\"KeySchema\":[{\"AttributeName\":\"k\",\"KeyType\":"
                 "\"HASH\"}],\"AttributeDefinitions\":[{\"AttributeName\":"
                 "\"k\",\"AttributeType\":\"S\"}]}",
                 names[i]);
        json_object_put(ok(b, "CreateTable", req));
    }
    r = ok(b, "ListTables", "{}");
    SST_ASSERT_STR_EQ(text_at(r, ""),
                      "{\"TableNames\":[\"A_tab\",\"Zeta\",\"a.tab\",\"abc\","
                      "\"b-tab\"]}");
    json_object_put(r);
    r = ok(b, "ListTables", "{\"Limit\":2}");
    SST_ASSERT_STR_EQ(text_at(r, ""), "{\"TableNames\":[\"A_tab\",\"Zeta\"],"
                                      "\"LastEvaluatedTableName\":\"Zeta\"}");
    json_object_put(r);
    r = ok(b, "ListTables",
           "{\"Limit\":2,\"ExclusiveStartTableName\":"
           "\"Zeta\"}");
    SST_ASSERT_STR_EQ(text_at(r, ""), "{\"TableNames\":[\"a.tab\",\"abc\"],"
                                      "\"LastEvaluatedTableName\":\"abc\"}");
    json_object_put(r);
    /* The last page: as many names as the limit, and nothing after. */
    r = ok(b, "ListTables",
           "{\"Limit\":1,\"ExclusiveStartTableName\":"
           "\"abc\"}");
    SST_ASSERT_STR_EQ(text_at(r, ""), "{\"TableNames\":[\"b-tab\"]}");
    json_object_put(r);
    r = ok(b, "ListTables", "{\"Limit\":5}");
    CU_ASSERT_PTR_NULL(at(r, "LastEvaluatedTableName"));
    json_object_put(r);
    r = ok(b, "ListTables",
           "{\"Limit\":2.9,\"ExclusiveStartTableName\":"
           "\"zzz\"}");
    SST_ASSERT_STR_EQ(text_at(r, ""), "{\"TableNames\":[]}");
    json_object_put(r);
    sst_backend_close(b);
}

static void
time_to_live_round_trip(void)
{
    struct sst_backend *b = open_memory();
    struct json_object *r;

    json_object_put(ok(b, "CreateTable", TABLE_FULL));
    r = ok(b, "DescribeTimeToLive", "{\"TableName\":\"tab\"}");
    SST_ASSERT_STR_EQ(text_at(r, ""),
                      "{\"TimeToLiveDescription\":{\"TimeToLiveStatus\":"
                      "\"DISABLED\"}}");
    json_object_put(r);
    r = ok(b, "UpdateTimeToLive",
           "{\"TableName\":\"tab\",\"TimeToLiveSpecification\":{"
           "\"AttributeName\":\"exp\",\"Enabled\":true}}");
    SST_ASSERT_STR_EQ(text_at(r, ""),
                      "{\"TimeToLiveSpecification\":{\"Enabled\":true,"
                      "\"AttributeName\":\"exp\"}}");
    json_object_put(r);
    r = ok(b, "DescribeTimeToLive", "{\"TableName\":\"tab\"}");
    SST_ASSERT_STR_EQ(text_at(r, ""),
                      "{\"TimeToLiveDescription\":{\"TimeToLiveStatus\":"
                      "\"ENABLED\",\"AttributeName\":\"exp\"}}");
    json_object_put(r);
    /* TTL is not part of the table description. */
    r = ok(b, "DescribeTable", "{\"TableName\":\"tab\"}");
    CU_ASSERT_EQUAL(members(at(r, "Table")), 14);
    json_object_put(r);
    r = ok(b, "UpdateTimeToLive",
           "{\"TableName\":\"tab\",\"TimeToLiveSpecification\":{"
           "\"Enabled\":\"FALSE\",\"AttributeName\":\"exp\"}}");
    SST_ASSERT_STR_EQ(text_at(r, ""),
                      "{\"TimeToLiveSpecification\":{\"Enabled\":false,"
                      "\"AttributeName\":\"exp\"}}");
    json_object_put(r);
    r = ok(b, "DescribeTimeToLive", "{\"TableName\":\"tab\"}");
    SST_ASSERT_STR_EQ(text_at(r, ""),
                      "{\"TimeToLiveDescription\":{\"TimeToLiveStatus\":"
                      "\"DISABLED\"}}");
    json_object_put(r);
    sst_backend_close(b);
}

static void
unknown_and_malformed_calls(void)
{
    struct sst_backend *b = open_memory();
    struct json_object *arr = json_object_new_array(), *num;
    struct json_object *resp = (struct json_object *)1;
    struct sst_err e;

    expect_error(b, "PutItemz", "{}", SST_E_UNKNOWN_OPERATION,
                 "UnknownOperationException",
                 "An unknown operation was requested.");
    CU_ASSERT_EQUAL(sst_backend_call(b, "ListTables", arr, &resp, &e),
                    SST_E_SERIALIZATION);
    CU_ASSERT_PTR_NULL(resp);
    SST_ASSERT_STR_EQ(e.type, "SerializationException");
    SST_ASSERT_STR_EQ(e.message, "Start of list found where not expected");
    num = json_object_new_int(3);
    CU_ASSERT_EQUAL(sst_backend_call(b, "ListTables", num, &resp, &e),
                    SST_E_SERIALIZATION);
    SST_ASSERT_STR_EQ(e.message, "Expected null");
    CU_ASSERT_EQUAL(sst_emu_call(NULL, "ListTables", num, &resp, &e),
                    SST_E_INVALID_ARG);
    CU_ASSERT_EQUAL(
        sst_emu_call(sst_emu_from_backend(b), "ListTables", num, NULL, &e),
        SST_E_INVALID_ARG);
    json_object_put(arr);
    json_object_put(num);
    sst_backend_close(b);
}

/* ------------------------------------------------------------------ */
/* the recorded corpus                                                 */

static char *
corpus_path(void)
{
    const char *top = getenv("top_srcdir");
    size_t n;
    char *p;

    if (top == NULL || *top == '\0')
        top = ".";
    n = strlen(top) + sizeof "/tests/data/emu/ctl_cases.json";
    p = malloc(n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    snprintf(p, n, "%s/tests/data/emu/ctl_cases.json", top);
    return p;
}

/* Members whose values differ by design (docs/emulator.md): times, and
 * DeleteTable's TableStatus (AWS documents DELETING; DynamoDB Local says
 * ACTIVE). TableId is a member DynamoDB Local lacks. */
static bool
value_may_differ(const char *key)
{
    return strcmp(key, "CreationDateTime") == 0 ||
           strcmp(key, "LastUpdateToPayPerRequestDateTime") == 0 ||
           strcmp(key, "TableStatus") == 0;
}

/* Compare the emulator's answer with DynamoDB Local's, member by member:
 * the same members in the same order, the same values. */
static bool
same_answer(struct json_object *ours, struct json_object *theirs,
            const char *where, char *why, size_t why_len)
{
    enum json_type t = json_object_get_type(theirs);
    struct lh_entry *a, *b;
    size_t i, n;
    char path[256];

    if (t == json_type_double || t == json_type_int) {
        if ((json_object_is_type(ours, json_type_double) ||
             json_object_is_type(ours, json_type_int)) &&
            json_object_get_double(ours) == json_object_get_double(theirs))
            return true;
    } else if (json_object_get_type(ours) != t) {
        /* fall through to the report */
    } else if (t == json_type_array) {
        n = json_object_array_length(theirs);
        if (json_object_array_length(ours) != n) {
            snprintf(why, why_len,
                     "%s: %zu elements, DynamoDB Local has "
                     "%zu",
                     where, json_object_array_length(ours), n);
            return false;
        }
        for (i = 0; i < n; i++) {
            struct json_object *mine = json_object_array_get_idx(ours, i);
            struct json_object *other = json_object_array_get_idx(theirs, i);
            const char *name = str_at(other, "IndexName");
            size_t j;

            /* Indexes: the emulator keeps request order, DynamoDB Local
             * a hash order; match them by name. */
            for (j = 0; name != NULL && j < n; j++) {
                mine = json_object_array_get_idx(ours, j);
                if (str_at(mine, "IndexName") &&
                    strcmp(str_at(mine, "IndexName"), name) == 0)
                    break;
            }
            snprintf(path, sizeof path, "%s[%zu]", where, i);
            if (!same_answer(mine, other, path, why, why_len))
                return false;
        }
        return true;
    } else if (t == json_type_object) {
        a = json_object_get_object(ours)->head;
        b = json_object_get_object(theirs)->head;
        for (; b != NULL; a = a->next, b = b->next) {
            if (a != NULL && strcmp(a->k, "TableId") == 0)
                a = a->next; /* ours only: AWS's TableId */
            if (a == NULL || strcmp(a->k, b->k) != 0) {
                snprintf(why, why_len,
                         "%s: member %s where DynamoDB Local "
                         "has %s",
                         where, a ? (const char *)a->k : "(none)",
                         (const char *)b->k);
                return false;
            }
            snprintf(path, sizeof path, "%s.%s", where, (const char *)b->k);
            if (!value_may_differ(b->k) &&
                !same_answer((struct json_object *)a->v,
                             (struct json_object *)b->v, path, why, why_len))
                return false;
        }
        if (a != NULL && strcmp(a->k, "TableId") == 0)
            a = a->next;
        if (a != NULL) {
            snprintf(why, why_len, "%s: extra member %s", where,
                     (const char *)a->k);
            return false;
        }
        return true;
    } else if (json_object_equal(ours, theirs)) {
        return true;
    }
    snprintf(why, why_len, "%s: %s, DynamoDB Local has %s", where,
             json_object_to_json_string(ours),
             json_object_to_json_string(theirs));
    return false;
}

/* Run one case; returns whether it passed, describing a failure. */
static bool
run_case(struct json_object *c, char *why, size_t why_len)
{
    struct sst_backend *b = NULL;
    struct json_object *setup = at(c, "setup"), *exp = at(c, "expect");
    struct json_object *resp = NULL;
    const char *op = str_at(c, "op"), *type, *msg;
    struct sst_err e;
    enum sst_code rc;
    size_t i;
    bool pass = false;

    if (sst_backend_open("emu::memory:", &b, &e) != SST_OK) {
        snprintf(why, why_len, "open: %s", e.message);
        return false;
    }
    for (i = 0; i < json_object_array_length(setup); i++) {
        struct json_object *step = json_object_array_get_idx(setup, i);
        const char *sop =
            json_object_get_string(json_object_array_get_idx(step, 0));

        rc = sst_backend_call(b, sop, json_object_array_get_idx(step, 1), &resp,
                              &e);
        json_object_put(resp);
        resp = NULL;
        if (rc != SST_OK) {
            snprintf(why, why_len, "setup %s failed: %s: %s", sop, e.type,
                     e.message);
            goto out;
        }
    }
    memset(&e, 0, sizeof e);
    rc = sst_backend_call(b, op, at(c, "request"), &resp, &e);
    if (at(exp, "ok") != NULL) {
        pass = rc == SST_OK && resp != NULL;
        if (!pass)
            snprintf(why, why_len, "want success, got %s: %s", e.type,
                     e.message);
        else
            pass = same_answer(resp, at(c, "ddb_local.response"), "answer", why,
                               why_len);
        goto out;
    }
    type = str_at(exp, "type");
    msg = str_at(exp, "message");
    pass = rc != SST_OK && resp == NULL && strcmp(e.type, type) == 0 &&
           strcmp(e.message, msg) == 0 && sst_code_from_type(type) == rc;
    if (!pass)
        snprintf(why, why_len, "want %s: %s\n    got  %s: %s", type, msg,
                 rc == SST_OK ? "success" : e.type,
                 rc == SST_OK ? "" : e.message);
out:
    json_object_put(resp);
    sst_backend_close(b);
    return pass;
}

static void
recorded_corpus(void)
{
    char *path = corpus_path();
    struct json_object *cases = json_object_from_file(path), *c;
    size_t i, n, failed = 0, errors = 0, aws = 0;
    char why[1024];

    if (cases == NULL)
        fprintf(stderr, "\n  cannot read %s\n", path);
    CU_ASSERT_PTR_NOT_NULL_FATAL(cases);
    n = json_object_array_length(cases);
    for (i = 0; i < n; i++) {
        c = json_object_array_get_idx(cases, i);
        if (at(c, "expect.type") != NULL)
            errors++;
        if (at(c, "expect.note") != NULL)
            aws++;
        if (!run_case(c, why, sizeof why)) {
            failed++;
            fprintf(stderr, "\n  case %s: %s", str_at(c, "name"), why);
        }
    }
    printf("\n  corpus: %zu cases, %zu expect an error, %zu follow AWS over "
           "DynamoDB Local, %zu failed\n",
           n, errors, aws, failed);
    CU_ASSERT_EQUAL(failed, 0);
    CU_ASSERT_TRUE(errors >= 60);
    json_object_put(cases);
    free(path);
}

/* ------------------------------------------------------------------ */
/* the emulator around the operations                                  */

static int64_t
fake_clock(void *user)
{
    return *(int64_t *)user;
}

static void
clock_is_injectable(void)
{
    struct sst_emu_options o;
    struct sst_emu *emu = NULL;
    struct json_object *r;
    int64_t now = 86400000LL * 365 * 30 + 7; /* 1999-12-25 + 7 ms */

    sst_emu_options_init(&o);
    o.clock = fake_clock;
    o.clock_user = &now;
    CU_ASSERT_EQUAL_FATAL(sst_emu_open(NULL, &o, &emu, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_now(emu), now);
    now += 1000;
    CU_ASSERT_EQUAL(sst_emu_now(emu), now);
    sst_emu_advance_clock(emu, 60000);
    CU_ASSERT_EQUAL(sst_emu_now(emu), now + 60000);
    r = ok(sst_emu_backend(emu), "CreateTable",
           "{\"TableName\":\"clk\",\"BillingMode\":\"PAY_PER_REQUEST\","
           "\"KeySchema\":[{\"AttributeName\":\"k\",\"KeyType\":\"HASH\"}],"
           "\"AttributeDefinitions\":[{\"AttributeName\":\"k\","
           "\"AttributeType\":\"S\"}]}");
    SST_ASSERT_STR_EQ(text_at(r, "TableDescription.CreationDateTime"),
                      "946080061.007");
    json_object_put(r);
    sst_emu_set_time(emu, -1500);
    CU_ASSERT_EQUAL(sst_emu_now(emu), -1500);
    sst_emu_advance_clock(emu, -500);
    CU_ASSERT_EQUAL(sst_emu_now(emu), -2000);
    sst_emu_set_clock(emu, NULL, NULL);
    CU_ASSERT_TRUE(sst_emu_now(emu) > 1700000000000LL);
    CU_ASSERT_PTR_NULL(sst_emu_from_backend(NULL));
    sst_emu_close(emu);
    sst_emu_close(NULL);
}

static void
uri_options_and_persistence(void)
{
    struct sst_backend *b = NULL;
    struct json_object *r;
    struct sst_err e;
    char dir[256], uri[320];
    const char *base = getenv("TMPDIR");

    CU_ASSERT_EQUAL(sst_backend_open("emu::memory:?map-size=lots", &b, &e),
                    SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(e.message,
                      "option map-size takes a number of bytes, not 'lots'");
    CU_ASSERT_EQUAL(sst_backend_open("emu::memory:?no-sync=maybe", &b, &e),
                    SST_E_INVALID_ARG);
    CU_ASSERT_EQUAL(sst_backend_open("emu::memory:?map-size=4096", &b, &e),
                    SST_E_INVALID_ARG);
    CU_ASSERT_PTR_NULL(b);
    CU_ASSERT_EQUAL(
        sst_backend_open("emu::memory:?no-sync&map-size=1048576", &b, &e),
        SST_OK);
    sst_backend_close(b);
    b = NULL;

    snprintf(dir, sizeof dir, "%s/sst-test-emu-XXXXXX",
             base && *base ? base : "/tmp");
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    snprintf(uri, sizeof uri, "emu:%s/db?no-sync=0", dir);
    CU_ASSERT_EQUAL_FATAL(sst_backend_open(uri, &b, &e), SST_OK);
    json_object_put(ok(b, "CreateTable", TABLE_PROVISIONED));
    sst_backend_close(b);
    CU_ASSERT_EQUAL_FATAL(sst_backend_open(uri, &b, &e), SST_OK);
    r = ok(b, "DescribeTable", "{\"TableName\":\"prov\"}");
    CU_ASSERT_EQUAL(int_at(r, "Table.ProvisionedThroughput.ReadCapacityUnits"),
                    5);
    json_object_put(r);
    sst_backend_close(b);
    snprintf(uri, sizeof uri, "rm -rf '%s'", dir);
    CU_ASSERT_EQUAL(system(uri), 0);
}

/* DeleteTable removes the table's rows in the same transaction, and
 * DescribeTable reports the counters the item operations keep. */
static void
delete_removes_rows(void)
{
    struct sst_backend *b = open_memory();
    struct sst_emu_store *st = sst_emu_store_of(sst_emu_from_backend(b));
    const struct sst_emu_table *t = NULL;
    struct sst_emu_txn *txn = NULL;
    struct json_object *r;
    uint64_t id, count;

    json_object_put(ok(b, "CreateTable", TABLE_FULL));
    json_object_put(ok(b, "CreateTable", TABLE_PROVISIONED));
    CU_ASSERT_EQUAL_FATAL(sst_emu_txn_begin(st, true, &txn, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_catalog_get(txn, "tab", &t, NULL), SST_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    id = t->id;
    CU_ASSERT_EQUAL(t->indexes[0].id, 1); /* lsi1 */
    CU_ASSERT_EQUAL(t->indexes[1].id, 2); /* gsi1 */
    sst_emu_table_release(t);
    CU_ASSERT_EQUAL(
        sst_emu_rows_put(txn, id, 0, (const uint8_t *)"a", 1, "item", 4, NULL),
        SST_OK);
    CU_ASSERT_EQUAL(
        sst_emu_rows_put(txn, id, 2, (const uint8_t *)"g", 1, "ix", 2, NULL),
        SST_OK);
    CU_ASSERT_EQUAL(sst_emu_rows_put(txn, id + 1, 0, (const uint8_t *)"a", 1,
                                     "other", 5, NULL),
                    SST_OK);
    CU_ASSERT_EQUAL(sst_emu_stats_add(txn, id, 0, 1, 123, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_stats_add(txn, id, 2, 1, 45, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_txn_commit(txn, NULL), SST_OK);

    r = ok(b, "DescribeTable", "{\"TableName\":\"tab\"}");
    CU_ASSERT_EQUAL(int_at(r, "Table.ItemCount"), 1);
    CU_ASSERT_EQUAL(int_at(r, "Table.TableSizeBytes"), 123);
    CU_ASSERT_EQUAL(int_at(r, "Table.GlobalSecondaryIndexes[0].ItemCount"), 1);
    CU_ASSERT_EQUAL(int_at(r, "Table.GlobalSecondaryIndexes[0].IndexSizeBytes"),
                    45);
    CU_ASSERT_EQUAL(int_at(r, "Table.LocalSecondaryIndexes[0].ItemCount"), 0);
    json_object_put(r);
    r = ok(b, "DeleteTable", "{\"TableName\":\"tab\"}");
    CU_ASSERT_EQUAL(int_at(r, "TableDescription.ItemCount"), 1);
    json_object_put(r);

    CU_ASSERT_EQUAL_FATAL(sst_emu_txn_begin(st, false, &txn, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_rows_count(txn, id, 0, &count, NULL), SST_OK);
    CU_ASSERT_EQUAL(count, 0);
    CU_ASSERT_EQUAL(sst_emu_rows_count(txn, id, 2, &count, NULL), SST_OK);
    CU_ASSERT_EQUAL(count, 0);
    CU_ASSERT_EQUAL(sst_emu_rows_count(txn, id + 1, 0, &count, NULL), SST_OK);
    CU_ASSERT_EQUAL(count, 1);
    sst_emu_txn_abort(txn);

    /* A table created again under the name starts empty, with a new id. */
    r = ok(b, "CreateTable", TABLE_FULL);
    CU_ASSERT_EQUAL(int_at(r, "TableDescription.ItemCount"), 0);
    json_object_put(r);
    sst_backend_close(b);
}

struct worker {
    struct sst_backend *b;
    int n;
    int failures;
};

static void *
worker_run(void *arg)
{
    struct worker *w = arg;
    struct json_object *req, *resp;
    char text[512];
    int i;

    for (i = 0; i < 20; i++) {
        snprintf(text, sizeof text,
                 "{\"TableName\":\"w%d-%02d\",\"BillingMode\":"
                 "\"PAY_PER_REQUEST\",\"KeySchema\":[{\"AttributeName\":"
                 "\"k\",\"KeyType\":\"HASH\"}],\"AttributeDefinitions\":["
                 "{\"AttributeName\":\"k\",\"AttributeType\":\"S\"}]}",
                 w->n, i);
        req = json_tokener_parse(text);
        resp = NULL;
        if (sst_backend_call(w->b, "CreateTable", req, &resp, NULL) != SST_OK)
            w->failures++;
        json_object_put(resp);
        json_object_put(req);
        snprintf(text, sizeof text, "{\"TableName\":\"w%d-%02d\"}", w->n, i);
        req = json_tokener_parse(text);
        resp = NULL;
        if (sst_backend_call(w->b, "DescribeTable", req, &resp, NULL) != SST_OK)
            w->failures++;
        json_object_put(resp);
        resp = NULL;
        if (i % 2 == 0 &&
            sst_backend_call(w->b, "DeleteTable", req, &resp, NULL) != SST_OK)
            w->failures++;
        json_object_put(resp);
        json_object_put(req);
    }
    return NULL;
}

static void
threads_share_one_emulator(void)
{
    struct sst_backend *b = open_memory();
    struct worker w[4];
    pthread_t th[4];
    struct json_object *r;
    int i;

    for (i = 0; i < 4; i++) {
        w[i].b = b;
        w[i].n = i;
        w[i].failures = 0;
        CU_ASSERT_EQUAL_FATAL(pthread_create(&th[i], NULL, worker_run, &w[i]),
                              0);
    }
    for (i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        CU_ASSERT_EQUAL(w[i].failures, 0);
    }
    r = ok(b, "ListTables", "{}");
    CU_ASSERT_EQUAL(json_object_array_length(at(r, "TableNames")), 40);
    SST_ASSERT_STR_EQ(str_at(r, "TableNames[0]"), "w0-01");
    json_object_put(r);
    sst_backend_close(b);
}

/* Every allocation of CreateTable, DescribeTable and DeleteTable may fail:
 * the call answers SST_E_NOMEM, leaks nothing and leaves the catalog as
 * it was. */
static void
out_of_memory_walk(void)
{
    static const char *const ops[] = {"CreateTable", "DescribeTable",
                                      "DeleteTable"};
    const char *reqs[] = {TABLE_FULL, "{\"TableName\":\"tab\"}",
                          "{\"TableName\":\"tab\"}"};
    struct sst_backend *b = open_memory();
    struct json_object *req, *resp;
    struct sst_err e;
    enum sst_code rc;
    size_t k;
    long n, base;

    for (k = 0; k < 3; k++) {
        req = parse(reqs[k]);
        if (k == 1) /* warm the catalog cache: it lives on by design */
            json_object_put(ok(b, "DescribeTable", reqs[1]));
        rc = SST_E_NOMEM;
        for (n = 1; n < 1000 && rc == SST_E_NOMEM; n++) {
            base = sst_mem_live_count();
            resp = NULL;
            sst_mem_fail_after(n);
            rc = sst_backend_call(b, ops[k], req, &resp, &e);
            sst_mem_fail_reset();
            /* Nothing stays allocated; the catalog cache may only
             * shrink (DeleteTable drops its entry). */
            if (rc == SST_E_NOMEM) {
                CU_ASSERT_PTR_NULL(resp);
                CU_ASSERT_TRUE(sst_mem_live_count() <= base);
            }
            json_object_put(resp);
        }
        if (rc != SST_OK)
            fprintf(stderr, "\n  %s: %s: %s\n", ops[k], e.type, e.message);
        CU_ASSERT_EQUAL(rc, SST_OK);
        CU_ASSERT_TRUE(n > 2);
        json_object_put(req);
    }
    expect_error(b, "DescribeTable", "{\"TableName\":\"tab\"}", SST_E_NOT_FOUND,
                 "ResourceNotFoundException",
                 "Cannot do operations on a non-existent table");
    sst_backend_close(b);
}

static const struct sst_test shape_tests[] = {
    {"CreateTable, DescribeTable, DeleteTable answer DynamoDB's shape",
     create_describe_delete_full_table},
    {"provisioned and multi-attribute tables", provisioned_table_description},
    {"ListTables pages as DynamoDB does", list_tables_pages},
    {"UpdateTimeToLive and DescribeTimeToLive", time_to_live_round_trip},
    {"unknown operations and non-object requests", unknown_and_malformed_calls},
    {NULL, NULL},
};

static const struct sst_test corpus_tests[] = {
    {"recorded DynamoDB Local answers", recorded_corpus},
    {NULL, NULL},
};

static const struct sst_test emu_tests[] = {
    {"the clock is injectable", clock_is_injectable},
    {"URI options; emu:PATH keeps tables", uri_options_and_persistence},
    {"DeleteTable removes the table's rows", delete_removes_rows},
    {"four threads share one emulator", threads_share_one_emulator},
    {"out-of-memory walk of Create, Describe, Delete", out_of_memory_walk},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"shapes", NULL, NULL, shape_tests},
        {"corpus", NULL, NULL, corpus_tests},
        {"emulator", NULL, NULL, emu_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_emu_tables", suites);
}
