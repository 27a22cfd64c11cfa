/*
 * fuzz/fuzz_emu_ctl.c - libFuzzer target for the emulator's control plane.
 *
 * Input: one byte choosing the operation (CreateTable, DescribeTable,
 * DeleteTable, ListTables, UpdateTimeToLive, DescribeTimeToLive), then the
 * request as JSON. Each input runs on a fresh in-memory emulator that
 * already holds one table, "tbl", so that the operations on existing
 * tables are reached. A table the input creates is described and deleted
 * again.
 *
 * Invariants besides memory safety and no leaks: a call answers either a
 * response and SST_OK, or no response and an error; an error that is not
 * the emulator's own (storage, memory) carries a DynamoDB __type.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/emu.h>
#include <sst/sst.h>

#include "fuzz/emu_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const ops[] = {"CreateTable",      "DescribeTable",
                                  "DeleteTable",      "ListTables",
                                  "UpdateTimeToLive", "DescribeTimeToLive"};

static const char base_table[] =
    "{\"TableName\":\"tbl\",\"BillingMode\":\"PAY_PER_REQUEST\","
    "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"
    "{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}],"
    "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":"
    "\"S\"},{\"AttributeName\":\"sk\",\"AttributeType\":\"N\"},"
    "{\"AttributeName\":\"g\",\"AttributeType\":\"B\"}],"
    "\"GlobalSecondaryIndexes\":[{\"IndexName\":\"gsi\",\"KeySchema\":["
    "{\"AttributeName\":\"g\",\"KeyType\":\"HASH\"}],\"Projection\":{"
    "\"ProjectionType\":\"INCLUDE\",\"NonKeyAttributes\":[\"x\"]}}]}";

static void
check(struct sst_emu *emu, const char *op, struct json_object *req,
      const char **created)
{
    struct json_object *resp = NULL;
    struct sst_err err;

    if (emu_fuzz_call(emu, op, req, &resp, &err, NULL) == SST_OK &&
        created != NULL) {
        struct json_object *d, *n;
        if (json_object_object_get_ex(resp, "TableDescription", &d) &&
            json_object_object_get_ex(d, "TableName", &n))
            *created = strdup(json_object_get_string(n));
    }
    json_object_put(resp);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct json_object *req = NULL, *base, *named;
    struct sst_emu *emu = NULL;
    const char *op, *created = NULL;

    if (!emu_fuzz_pick(data, size, ops, sizeof ops / sizeof ops[0], &op, &req))
        return 0;
    if (sst_emu_open(NULL, NULL, &emu, NULL) != SST_OK) {
        json_object_put(req);
        return 0;
    }
    sst_emu_set_time(emu, EMU_FUZZ_TIME);
    base = json_tokener_parse(base_table);
    check(emu, "CreateTable", base, NULL);
    json_object_put(base);

    check(emu, op, req, strcmp(op, "CreateTable") == 0 ? &created : NULL);
    if (created != NULL) {
        named = json_object_new_object();
        json_object_object_add(named, "TableName",
                               json_object_new_string(created));
        check(emu, "DescribeTable", named, NULL);
        check(emu, "DescribeTimeToLive", named, NULL);
        check(emu, "DeleteTable", named, NULL);
        json_object_put(named);
        free((char *)created);
    }
    json_object_put(req);
    sst_emu_close(emu);
    return 0;
}
