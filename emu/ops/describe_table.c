/*
 * emu/ops/describe_table.c - DescribeTable: the TableDescription of a
 * table, with its counters, read in one read transaction.
 */
#include <json-c/json.h>

#include "emu/ops/common.h"
#include "emu/ops/ops.h"
#include "emu/ops/table_request.h"

enum sst_code
sst_emu_op_describe_table(struct sst_emu *emu, const struct json_object *req,
                          struct json_object **resp, struct sst_err *err)
{
    const struct sst_emu_table *t = NULL;
    struct sst_emu_txn *txn = NULL;
    struct json_object *desc = NULL;
    enum sst_code rc;

    *resp = NULL;
    rc = sst_emu_table_request_open(emu, req, sst_emu_shape_table_name_only,
                                    false, &txn, &t, err);
    if (rc == SST_OK)
        rc = sst_emu_table_description(txn, t, "ACTIVE", &desc, err);
    if (rc != SST_OK)
        goto out;
    rc = sst_emu_answer_member("Table", desc, resp, err);
    desc = NULL;
out:
    json_object_put(desc);
    sst_emu_table_release(t);
    sst_emu_txn_abort(txn);
    return rc;
}
