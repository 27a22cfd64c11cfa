/*
 * emu/ops/list_tables.c - ListTables.
 *
 * Names come in byte order (the catalog's key order). A page holds at
 * most Limit names (100 when absent); LastEvaluatedTableName is the last
 * name of the page, present only when more names follow it, as DynamoDB
 * pages.
 */
#include <json-c/json.h>

#include "emu/ops/common.h"
#include "emu/ops/ops.h"

#define MAX_LIMIT 100

static const struct sst_emu_shape request[] = {
    {"ExclusiveStartTableName", SST_EMU_SHAPE_STRING, NULL},
    {"Limit", SST_EMU_SHAPE_INTEGER, NULL},
    {NULL, SST_EMU_SHAPE_STRING, NULL}};

static enum sst_code
read_request(const struct json_object *req, const char **start, int64_t *limit,
             struct sst_err *err)
{
    enum sst_code rc = sst_emu_check_shape(req, request, err);

    if (rc != SST_OK)
        return rc;
    if (!sst_emu_get_long(req, "Limit", true, limit))
        *limit = MAX_LIMIT;
    else if (*limit < 1)
        return sst_err_set(err, SST_E_VALIDATION,
                           "Limit must be greater than or equal to 1");
    else if (*limit > MAX_LIMIT)
        return sst_err_set(err, SST_E_VALIDATION,
                           "Limit in ListTables must be <= 100");
    *start = sst_emu_get_string(req, "ExclusiveStartTableName");
    if (*start != NULL && !sst_emu_valid_table_name(*start))
        return sst_err_set(err, SST_E_VALIDATION, SST_EMU_MSG_TABLE_NAME);
    return SST_OK;
}

enum sst_code
sst_emu_op_list_tables(struct sst_emu *emu, const struct json_object *req,
                       struct json_object **resp, struct sst_err *err)
{
    struct sst_emu_json b = {false};
    struct sst_emu_txn *txn = NULL;
    struct json_object *out = NULL, *arr;
    char **names = NULL;
    size_t count = 0, i;
    const char *start = NULL;
    int64_t limit = 0;
    bool more = false;
    enum sst_code rc;

    *resp = NULL;
    rc = read_request(req, &start, &limit, err);
    if (rc == SST_OK)
        rc = sst_emu_txn_begin(sst_emu_store_of(emu), false, &txn, err);
    if (rc == SST_OK)
        rc = sst_emu_catalog_list(txn, start, (size_t)limit, &names, &count,
                                  &more, err);
    if (rc != SST_OK)
        goto out;
    out = json_object_new_object();
    arr = sst_emu_json_add(&b, out, "TableNames", json_object_new_array());
    for (i = 0; i < count; i++)
        sst_emu_json_push(&b, arr, json_object_new_string(names[i]));
    if (more && count > 0)
        sst_emu_json_add(&b, out, "LastEvaluatedTableName",
                         json_object_new_string(names[count - 1]));
    if (b.failed) {
        rc = sst_emu_nomem(err);
        goto out;
    }
    *resp = out;
    out = NULL;
out:
    json_object_put(out);
    sst_emu_catalog_names_free(names, count);
    sst_emu_txn_abort(txn);
    return rc;
}
