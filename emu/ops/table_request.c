/*
 * emu/ops/table_request.c - the table operations' request plumbing
 * (emu/ops/table_request.h).
 */
#include <json-c/json.h>

#include "emu/ops/table_request.h"
#include "emu/store/catalog.h"

const struct sst_emu_shape sst_emu_shape_table_name_only[] = {
    {"TableName", SST_EMU_SHAPE_STRING, NULL},
    {NULL, SST_EMU_SHAPE_STRING, NULL}};

/* The shape, TableName and the transaction: what comes before the table. */
static enum sst_code
begin(struct sst_emu *emu, const struct json_object *req,
      const struct sst_emu_shape *request, bool write, const char **name,
      struct sst_emu_txn **txn, struct sst_err *err)
{
    enum sst_code rc;

    rc = sst_emu_check_shape(req, request, err);
    if (rc == SST_OK)
        rc = sst_emu_req_table_name(req, name, err);
    if (rc == SST_OK)
        rc = sst_emu_txn_begin(sst_emu_store_of(emu), write, txn, err);
    if (rc == SST_OK)
        sst_emu_txn_set_now(*txn, sst_emu_now(emu));
    return rc;
}

enum sst_code
sst_emu_table_request_open(struct sst_emu *emu, const struct json_object *req,
                           const struct sst_emu_shape *request, bool write,
                           struct sst_emu_txn **txn,
                           const struct sst_emu_table **t,
                           struct sst_err *err)
{
    const char *name;
    enum sst_code rc;

    rc = begin(emu, req, request, write, &name, txn, err);
    if (rc == SST_OK)
        rc = sst_emu_table_lookup(*txn, name, t, err);
    return rc;
}

enum sst_code
sst_emu_table_request_load(struct sst_emu *emu, const struct json_object *req,
                           const struct sst_emu_shape *request,
                           struct sst_emu_txn **txn, struct sst_emu_table **t,
                           struct sst_err *err)
{
    const char *name;
    enum sst_code rc;

    rc = begin(emu, req, request, true, &name, txn, err);
    if (rc == SST_OK)
        rc = sst_emu_catalog_load(*txn, name, t, err);
    if (rc == SST_OK && *t == NULL)
        rc = sst_err_set(err, SST_E_NOT_FOUND, SST_EMU_MSG_NO_TABLE);
    return rc;
}

enum sst_code
sst_emu_answer_member(const char *member, struct json_object *val,
                      struct json_object **resp, struct sst_err *err)
{
    *resp = json_object_new_object();
    if (*resp == NULL || json_object_object_add(*resp, member, val) != 0) {
        json_object_put(*resp);
        *resp = NULL;
        json_object_put(val);
        return sst_emu_nomem(err);
    }
    return SST_OK;
}

enum sst_code
sst_emu_commit_answer(struct sst_emu_txn *txn, const char *member,
                      struct json_object *val, struct json_object **resp,
                      struct sst_err *err)
{
    enum sst_code rc;

    *resp = NULL;
    rc = sst_emu_txn_commit(txn, err);
    if (rc != SST_OK) {
        json_object_put(val);
        return rc;
    }
    return sst_emu_answer_member(member, val, resp, err);
}
