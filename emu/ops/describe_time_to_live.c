/*
 * emu/ops/describe_time_to_live.c - DescribeTimeToLive.
 *
 * TimeToLiveStatus is ENABLED (with the AttributeName) or DISABLED. The
 * emulator changes TTL at once, so it never shows ENABLING or DISABLING.
 */
#include <json-c/json.h>

#include "emu/ops/common.h"
#include "emu/ops/ops.h"
#include "emu/ops/table_request.h"

enum sst_code
sst_emu_op_describe_time_to_live(struct sst_emu *emu,
                                 const struct json_object *req,
                                 struct json_object **resp, struct sst_err *err)
{
    struct sst_emu_json b = {false};
    const struct sst_emu_table *t = NULL;
    struct sst_emu_txn *txn = NULL;
    struct json_object *out, *d;
    enum sst_code rc;

    *resp = NULL;
    rc = sst_emu_table_request_open(emu, req, sst_emu_shape_table_name_only,
                                    false, &txn, &t, err);
    if (rc != SST_OK)
        goto done;
    out = json_object_new_object();
    d = sst_emu_json_add(&b, out, "TimeToLiveDescription",
                         json_object_new_object());
    sst_emu_json_add(
        &b, d, "TimeToLiveStatus",
        json_object_new_string(t->ttl_enabled ? "ENABLED" : "DISABLED"));
    if (t->ttl_enabled)
        sst_emu_json_add(&b, d, "AttributeName",
                         json_object_new_string(t->ttl_attr));
    if (b.failed) {
        json_object_put(out);
        rc = sst_emu_nomem(err);
        goto done;
    }
    *resp = out;
done:
    sst_emu_table_release(t);
    sst_emu_txn_abort(txn);
    return rc;
}
