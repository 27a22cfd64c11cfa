/*
 * tests/unit/tables_test_util.c - the control-plane tests' shared
 * helpers (tests/unit/tables_test_util.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sst/emu.h>

#include "harness.h"
#include "tests/unit/tables_test_util.h"

#define T0 1795633912989LL /* 2026-11-25T19:11:52.989Z */

struct json_object *
tt_parse(const char *text)
{
    struct json_object *o = json_tokener_parse(text);

    CU_ASSERT_PTR_NOT_NULL_FATAL(o);
    return o;
}

/* The value at a path like "Table.KeySchema[1].KeyType", or NULL. */
struct json_object *
tt_at(struct json_object *o, const char *path)
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

const char *
tt_str_at(struct json_object *o, const char *path)
{
    struct json_object *v = tt_at(o, path);
    return v && json_object_is_type(v, json_type_string)
               ? json_object_get_string(v)
               : NULL;
}

int64_t
tt_int_at(struct json_object *o, const char *path)
{
    struct json_object *v = tt_at(o, path);
    return v && json_object_is_type(v, json_type_int) ? json_object_get_int64(v)
                                                      : -999;
}

/* The JSON text of the value at path, as it would go on the wire. */
const char *
tt_text_at(struct json_object *o, const char *path)
{
    struct json_object *v = tt_at(o, path);
    return v ? json_object_to_json_string_ext(
                   v, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)
             : NULL;
}

static enum sst_code
call(struct sst_backend *b, const char *op, const char *req,
     struct json_object **resp, struct sst_err *e)
{
    struct json_object *r = tt_parse(req);
    enum sst_code rc = sst_backend_call(b, op, r, resp, e);

    json_object_put(r);
    return rc;
}

/* Call and expect success; returns the response (caller puts it). */
struct json_object *
tt_ok(struct sst_backend *b, const char *op, const char *req)
{
    struct json_object *resp = NULL;
    struct sst_err e;

    memset(&e, 0, sizeof e);
    if (call(b, op, req, &resp, &e) != SST_OK)
        fprintf(stderr, "\n  %s failed: %s: %s\n", op, e.type, e.message);
    CU_ASSERT_PTR_NOT_NULL(resp);
    return resp;
}

void
tt_ok_text(struct sst_backend *b, const char *op, const char *req,
           const char *want)
{
    struct json_object *r = tt_ok(b, op, req);

    SST_ASSERT_STR_EQ(tt_text_at(r, ""), want);
    json_object_put(r);
}

void
tt_expect_error(struct sst_backend *b, const char *op, const char *req,
                enum sst_code code, const char *type, const char *message)
{
    struct json_object *resp = (struct json_object *)1;
    struct sst_err e;

    CU_ASSERT_EQUAL(call(b, op, req, &resp, &e), code);
    CU_ASSERT_PTR_NULL(resp);
    SST_ASSERT_STR_EQ(e.type, type);
    SST_ASSERT_STR_EQ(e.message, message);
}

void
tt_temp_store(const char *tag, char dir[256], char uri[320])
{
    const char *base = getenv("TMPDIR");

    snprintf(dir, 256, "%s/sst-test-%s-XXXXXX", base && *base ? base : "/tmp",
             tag);
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    snprintf(uri, 320, "emu:%s/db", dir);
}

void
tt_remove_dir(const char *dir)
{
    char cmd[300];

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CU_ASSERT_EQUAL(system(cmd), 0);
}

struct sst_backend *
tt_open_memory(void)
{
    struct sst_backend *b = NULL;
    struct sst_err e;

    CU_ASSERT_EQUAL(sst_backend_open("emu::memory:", &b, &e), SST_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    SST_ASSERT_STR_EQ(sst_backend_name(b), "emu");
    sst_emu_set_time(sst_emu_from_backend(b), T0);
    return b;
}

const char *const TABLE_FULL =
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

const char *const TABLE_PROVISIONED =
    "{\"TableName\":\"prov\",\"KeySchema\":[{\"AttributeName\":\"pk\","
    "\"KeyType\":\"HASH\"}],\"AttributeDefinitions\":[{\"AttributeName\":"
    "\"pk\",\"AttributeType\":\"S\"},{\"AttributeName\":\"g\","
    "\"AttributeType\":\"S\"}],\"ProvisionedThroughput\":{"
    "\"ReadCapacityUnits\":5,\"WriteCapacityUnits\":7},"
    "\"GlobalSecondaryIndexes\":[{\"IndexName\":\"gidx\",\"KeySchema\":["
    "{\"AttributeName\":\"g\",\"KeyType\":\"HASH\"}],\"Projection\":{"
    "\"ProjectionType\":\"ALL\"},\"ProvisionedThroughput\":{"
    "\"ReadCapacityUnits\":1,\"WriteCapacityUnits\":2}}]}";
