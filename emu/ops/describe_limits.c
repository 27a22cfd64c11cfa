/*
 * emu/ops/describe_limits.c - DescribeLimits.
 *
 * The emulator has no capacity to limit, so it answers the default quotas
 * of an AWS account, as DynamoDB Local does: 80,000 read and write
 * capacity units per account, 40,000 per table. The request has no
 * members: a body that is not an object is refused like any request's
 * (SerializationException), and members are ignored, as DynamoDB ignores
 * members it does not know.
 */
#include <json-c/json.h>

#include "emu/ops/common.h"
#include "emu/ops/ops.h"

static const struct sst_emu_shape request[] = {
    {NULL, SST_EMU_SHAPE_STRING, NULL}};

enum sst_code
sst_emu_op_describe_limits(struct sst_emu *emu, const struct json_object *req,
                           struct json_object **resp, struct sst_err *err)
{
    static const struct {
        const char *name;
        int64_t units;
    } limits[] = {
        {"AccountMaxReadCapacityUnits", 80000},
        {"AccountMaxWriteCapacityUnits", 80000},
        {"TableMaxReadCapacityUnits", 40000},
        {"TableMaxWriteCapacityUnits", 40000},
    };
    struct sst_emu_json b = {false};
    struct json_object *out;
    enum sst_code rc;
    size_t i;

    (void)emu;
    *resp = NULL;
    rc = sst_emu_check_shape(req, request, err);
    if (rc != SST_OK)
        return rc;
    out = json_object_new_object();
    for (i = 0; i < sizeof limits / sizeof limits[0]; i++)
        sst_emu_json_add(&b, out, limits[i].name,
                         json_object_new_int64(limits[i].units));
    if (b.failed || out == NULL) {
        json_object_put(out);
        return sst_emu_nomem(err);
    }
    *resp = out;
    return SST_OK;
}
