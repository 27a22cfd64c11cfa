/*
 * emu/ops/describe_endpoints.c - DescribeEndpoints.
 *
 * AWS documents DescribeEndpoints as "the regional endpoint information":
 * one Endpoint of an Address and a CachePeriodInMinutes (AWS gives its
 * regional host name and 1440). DynamoDB Local answers
 * UnknownOperationException; the emulator follows the documentation
 * (docs/emulator.md, "Differences from DynamoDB Local, chosen").
 *
 * The in-process emulator has no address of its own, and its clients
 * are on this host: it answers "localhost". sst-emu, which has one, puts
 * the Host its client reached it by in its place (emu/server/handler.c).
 * The request has no members: a body that is not an object is refused
 * like any request's (SerializationException), and members are ignored,
 * as DynamoDB ignores members it does not know.
 */
#include <json-c/json.h>

#include "emu/ops/common.h"
#include "emu/ops/ops.h"

/* The minutes AWS lets a client keep a discovered endpoint. */
#define CACHE_MINUTES 1440

static const struct sst_emu_shape request[] = {
    {NULL, SST_EMU_SHAPE_STRING, NULL}};

enum sst_code
sst_emu_op_describe_endpoints(struct sst_emu *emu,
                              const struct json_object *req,
                              struct json_object **resp, struct sst_err *err)
{
    struct sst_emu_json b = {false};
    struct json_object *out, *list, *endpoint;
    enum sst_code rc;

    (void)emu;
    *resp = NULL;
    rc = sst_emu_check_shape(req, request, err);
    if (rc != SST_OK)
        return rc;
    out = json_object_new_object();
    list = sst_emu_json_add(&b, out, "Endpoints", json_object_new_array());
    endpoint = sst_emu_json_push(&b, list, json_object_new_object());
    sst_emu_json_add(&b, endpoint, "Address",
                     json_object_new_string("localhost"));
    sst_emu_json_add(&b, endpoint, "CachePeriodInMinutes",
                     json_object_new_int64(CACHE_MINUTES));
    if (b.failed || out == NULL) {
        json_object_put(out);
        return sst_emu_nomem(err);
    }
    *resp = out;
    return SST_OK;
}
