/*
 * emu/ops/delete_table.c - DeleteTable.
 *
 * Removes the catalog record and every item row, index row and counter of
 * the table in one write transaction, and answers the table's description
 * as it was. The status shown is DELETING, as AWS documents (DynamoDB
 * Local shows ACTIVE); the table is gone as soon as the call returns.
 */
#include <json-c/json.h>

#include "emu/ops/common.h"
#include "emu/ops/ops.h"
#include "emu/ops/streams.h"
#include "emu/ops/table_request.h"

#define MSG_PROTECTED                                                          \
    "Resource cannot be deleted as it is currently protected against "         \
    "deletion. Disable deletion protection first."

enum sst_code
sst_emu_op_delete_table(struct sst_emu *emu, const struct json_object *req,
                        struct json_object **resp, struct sst_err *err)
{
    const struct sst_emu_table *t = NULL;
    struct sst_emu_txn *txn = NULL;
    struct json_object *desc = NULL;
    enum sst_code rc;

    *resp = NULL;
    rc = sst_emu_table_request_open(emu, req, sst_emu_shape_table_name_only,
                                    true, &txn, &t, err);
    if (rc != SST_OK)
        goto out;
    if (t->deletion_protection) {
        rc = sst_err_set(err, SST_E_VALIDATION, MSG_PROTECTED);
        goto out;
    }
    /* Described before the rows go, so that the counts are the last
     * ones. */
    rc = sst_emu_table_description(txn, t, "DELETING", &desc, err);
    if (rc == SST_OK)
        rc = sst_emu_stream_close(txn, t, err);
    if (rc == SST_OK)
        rc = sst_emu_catalog_delete(txn, t, err);
    if (rc != SST_OK)
        goto out;
    rc = sst_emu_commit_answer(txn, "TableDescription", desc, resp, err);
    txn = NULL;
    desc = NULL;
out:
    json_object_put(desc);
    sst_emu_table_release(t);
    sst_emu_txn_abort(txn);
    return rc;
}
