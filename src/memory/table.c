/*
 * src/memory/table.c - the table helpers of sst/memory.h: creating the
 * standard table (utils.create_standard_dynamodb_table) and emptying a
 * table (utils.truncate_dynamo_table).
 */
#include <string.h>
#include <time.h>

#include <sst/mem.h>

#include "src/memory/memory_int.h"
#include "src/memory/ops_int.h"

/* Spec 2.1, as example_tables/standard.yaml writes it. */
static const char STANDARD_TABLE[] =
    "{\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"
    "{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}],"
    "\"AttributeDefinitions\":["
    "{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},"
    "{\"AttributeName\":\"sk\",\"AttributeType\":\"S\"},"
    "{\"AttributeName\":\"gsitype\",\"AttributeType\":\"S\"},"
    "{\"AttributeName\":\"gsitypesk\",\"AttributeType\":\"S\"},"
    "{\"AttributeName\":\"gsi1pk\",\"AttributeType\":\"S\"},"
    "{\"AttributeName\":\"gsi2pk\",\"AttributeType\":\"S\"},"
    "{\"AttributeName\":\"gsi3pk\",\"AttributeType\":\"S\"},"
    "{\"AttributeName\":\"gsi3sk\",\"AttributeType\":\"S\"}],"
    "\"GlobalSecondaryIndexes\":["
    "{\"IndexName\":\"gsitype\",\"KeySchema\":["
    "{\"AttributeName\":\"gsitype\",\"KeyType\":\"HASH\"},"
    "{\"AttributeName\":\"gsitypesk\",\"KeyType\":\"RANGE\"}],"
    "\"Projection\":{\"ProjectionType\":\"ALL\"}},"
    "{\"IndexName\":\"gsi1\",\"KeySchema\":["
    "{\"AttributeName\":\"gsi1pk\",\"KeyType\":\"HASH\"},"
    "{\"AttributeName\":\"pk\",\"KeyType\":\"RANGE\"}],"
    "\"Projection\":{\"ProjectionType\":\"ALL\"}},"
    "{\"IndexName\":\"gsi2\",\"KeySchema\":["
    "{\"AttributeName\":\"gsi2pk\",\"KeyType\":\"HASH\"},"
    "{\"AttributeName\":\"pk\",\"KeyType\":\"RANGE\"}],"
    "\"Projection\":{\"ProjectionType\":\"ALL\"}},"
    "{\"IndexName\":\"gsi3\",\"KeySchema\":["
    "{\"AttributeName\":\"gsi3pk\",\"KeyType\":\"HASH\"},"
    "{\"AttributeName\":\"gsi3sk\",\"KeyType\":\"RANGE\"}],"
    "\"Projection\":{\"ProjectionType\":\"ALL\"}}],"
    "\"BillingMode\":\"PAY_PER_REQUEST\"}";

/* How long create_standard_table waits for ACTIVE: 300 polls of 100 ms,
 * as boto3's table_exists waiter does (it polls every 20 s, 25 times;
 * emulators are ACTIVE at once, so poll faster and give up sooner). */
#define ACTIVE_POLLS 300
#define ACTIVE_POLL_NS 100000000L

static enum sst_code
nomem(struct sst_err *err)
{
    return sst_err_set(err, SST_E_NOMEM, "out of memory");
}

static json_object *
parse(const char *text)
{
    return json_tokener_parse(text);
}

static const char *
table_status(json_object *describe)
{
    json_object *desc = NULL;
    json_object *status = NULL;

    if (!json_object_object_get_ex(describe, "Table", &desc) ||
        !json_object_object_get_ex(desc, "TableStatus", &status))
        return "";
    return json_object_get_string(status);
}

static enum sst_code
wait_active(struct sst_memory *m, struct sst_err *err)
{
    enum sst_code rc = SST_OK;
    int i;

    for (i = 0; i < ACTIVE_POLLS; i++) {
        json_object *req = json_object_new_object();
        json_object *resp = NULL;
        bool active;

        if (req == NULL)
            return nomem(err);
        rc = sst_memory_call(m, "DescribeTable", req, &resp, err);
        json_object_put(req);
        active = rc == SST_OK && strcmp(table_status(resp), "ACTIVE") == 0;
        json_object_put(resp);
        if (rc != SST_OK || active)
            return rc;
        nanosleep(&(struct timespec){0, ACTIVE_POLL_NS}, NULL);
    }
    return sst_err_set(err, SST_E_TRANSPORT,
                       "table %s did not become ACTIVE", m->table_name);
}

enum sst_code
sst_memory_create_standard_table(struct sst_memory *m, struct sst_err *err)
{
    json_object *req;
    json_object *resp = NULL;
    enum sst_code rc;

    if (m == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "sst_memory_create_standard_table: NULL handle");
    req = parse(STANDARD_TABLE);
    if (req == NULL)
        return nomem(err);
    rc = sst_memory_call(m, "CreateTable", req, &resp, err);
    json_object_put(req);
    json_object_put(resp);
    if (rc != SST_OK)
        return rc;
    return wait_active(m, err);
}

/* ------------------------------------------------------------ truncate */

enum sst_code
sst_memory_truncate(struct sst_memory *m, uint64_t *deleted,
                    struct sst_err *err)
{
    json_object *start = NULL;
    enum sst_code rc = SST_OK;

    if (deleted != NULL)
        *deleted = 0;
    if (m == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "sst_memory_truncate: NULL handle");
    do {
        json_object *req = parse("{\"ProjectionExpression\":\"#p, #s\","
                                 "\"ExpressionAttributeNames\":"
                                 "{\"#p\":\"pk\",\"#s\":\"sk\"}}");
        json_object *resp = NULL;
        json_object *items = NULL;

        if (req == NULL) {
            rc = nomem(err);
            break;
        }
        if (start != NULL)
            json_object_object_add(req, "ExclusiveStartKey", start);
        start = NULL;
        rc = sst_memory_call(m, "Scan", req, &resp, err);
        json_object_put(req);
        if (rc == SST_OK &&
            json_object_object_get_ex(resp, "Items", &items) &&
            json_object_is_type(items, json_type_array)) {
            /* the items hold exactly their keys (the projection) */
            rc = sst_mo_batch_delete(m, items, err);
            if (rc == SST_OK && deleted != NULL)
                *deleted += json_object_array_length(items);
        }
        if (rc == SST_OK &&
            json_object_object_get_ex(resp, "LastEvaluatedKey", &start))
            json_object_get(start);
        json_object_put(resp);
    } while (rc == SST_OK && start != NULL);
    json_object_put(start);
    return rc;
}
