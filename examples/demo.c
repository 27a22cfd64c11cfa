/*
 * examples/demo.c - what `./dev demo` runs: the linked libsst's version,
 * the backends this build knows, and a few DynamoDB calls on the
 * in-process emulator through the backend seam. Pass another backend URI
 * as the first argument (e.g. http://127.0.0.1:8000 for DynamoDB Local or
 * sst-emu) and the same calls run there unchanged.
 */
#include <stdio.h>

#include <json-c/json.h>

#include <sst/sst.h>

static const char *const sample_uris[SST_BACKEND_KIND_COUNT] = {
    [SST_BACKEND_EMU] = "emu::memory:",
    [SST_BACKEND_HTTP] = "http://127.0.0.1:8000",
    [SST_BACKEND_DYNAMODB] = "dynamodb://us-east-1",
    [SST_BACKEND_DIFF] = "diff:emu::memory:|http://127.0.0.1:8000",
    [SST_BACKEND_FAULT] = "fault:throttle=0.1|emu::memory:",
};

/* One call; prints the answer or DynamoDB's error. 0 on success. */
static int
call(struct sst_backend *db, const char *op, const char *json)
{
    struct json_object *req = json_tokener_parse(json), *resp = NULL;
    struct sst_err err;
    enum sst_code rc = sst_backend_call(db, op, req, &resp, &err);

    if (rc == SST_OK)
        printf(
            "  %-13s -> %s\n", op,
            json_object_to_json_string_ext(
                resp, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
    else
        printf("  %-13s -> %s: %s\n", op, err.type[0] ? err.type
                                                      : sst_code_name(rc),
               err.message);
    json_object_put(resp);
    json_object_put(req);
    return rc == SST_OK ? 0 : 1;
}

int
main(int argc, char **argv)
{
    const char *uri = argc > 1 ? argv[1] : "emu::memory:";
    struct sst_backend *db = NULL;
    struct sst_err err;
    int k, failed = 0;

    printf("libsst %s (headers %s)\n", sst_version(), SST_VERSION_STRING);
    printf("backends:\n");
    for (k = 0; k < SST_BACKEND_KIND_COUNT; k++)
        printf("  %-9s %-44s %s\n", sst_backend_kind_name(k), sample_uris[k],
               sst_backend_kind_available(k) ? "built in" : "not built");

    printf("\ncalls on %s:\n", uri);
    if (sst_backend_open(uri, &db, &err) != SST_OK) {
        fprintf(stderr, "cannot open %s: %s\n", uri, err.message);
        return 1;
    }
    failed |= call(db, "CreateTable",
                   "{\"TableName\":\"demo\",\"BillingMode\":"
                   "\"PAY_PER_REQUEST\",\"AttributeDefinitions\":["
                   "{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},"
                   "{\"AttributeName\":\"sk\",\"AttributeType\":\"S\"}],"
                   "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":"
                   "\"HASH\"},{\"AttributeName\":\"sk\",\"KeyType\":"
                   "\"RANGE\"}]}");
    failed |= call(db, "ListTables", "{}");
    failed |= call(db, "PutItem",
                   "{\"TableName\":\"demo\",\"Item\":{\"pk\":{\"S\":"
                   "\"task#1\"},\"sk\":{\"S\":\"v0\"},\"title\":{\"S\":"
                   "\"write the emulator\"},\"points\":{\"N\":\"3.50\"},"
                   "\"tags\":{\"SS\":[\"c\",\"dynamodb\"]}}}");
    failed |= call(db, "GetItem",
                   "{\"TableName\":\"demo\",\"Key\":{\"pk\":{\"S\":"
                   "\"task#1\"},\"sk\":{\"S\":\"v0\"}}}");
    failed |= call(db, "Scan", "{\"TableName\":\"demo\",\"Select\":\"COUNT\"}");
    /* the key does not match the table's schema: DynamoDB's error */
    call(db, "GetItem",
         "{\"TableName\":\"demo\",\"Key\":{\"pk\":{\"N\":\"1\"}}}");
    /* a request DynamoDB refuses, answered as DynamoDB answers it */
    call(db, "CreateTable", "{\"TableName\":\"x\"}");
    failed |= call(db, "DeleteTable", "{\"TableName\":\"demo\"}");
    sst_backend_close(db);
    return failed;
}
