/*
 * emu/ops/update_time_to_live.c - UpdateTimeToLive.
 *
 * Enables or disables TTL on one attribute. The change is immediate
 * (DynamoDB takes up to an hour, and refuses a second change within that
 * hour; DynamoDB Local does neither, and neither does the emulator). The
 * answer echoes the specification. The catalog keeps the setting; the
 * item operations read it, with the emulator's clock (sst/emu.h), to
 * expire items.
 */
#include <string.h>

#include <json-c/json.h>

#include <sst/mem.h>

#include "emu/ops/common.h"
#include "emu/ops/ops.h"
#include "emu/ops/table_request.h"

#define MSG_SPEC_NULL "TimeToLiveSpecification cannot be null"
#define MSG_ATTR_NULL                                                          \
    "AttributeName cannot be null when time to live is being enabled"
#define MSG_ALREADY_ENABLED "TimeToLive is already enabled"
#define MSG_ALREADY_DISABLED "TimeToLive is already disabled"
#define MSG_OTHER_ATTR "TimeToLive is active on a different AttributeName"

static const struct sst_emu_shape spec[] = {
    {"Enabled", SST_EMU_SHAPE_BOOLEAN, NULL},
    {"AttributeName", SST_EMU_SHAPE_STRING, NULL},
    {NULL, SST_EMU_SHAPE_STRING, NULL}};
static const struct sst_emu_shape request[] = {
    {"TableName", SST_EMU_SHAPE_STRING, NULL},
    {"TimeToLiveSpecification", SST_EMU_SHAPE_STRUCT, spec},
    {NULL, SST_EMU_SHAPE_STRING, NULL}};

/* The specification's checks, after the table is known to exist, as
 * DynamoDB makes them. */
static enum sst_code
check_spec(const struct json_object *req, const struct sst_emu_table *t,
           bool *enable, const char **attr, struct sst_err *err)
{
    struct json_object *s = sst_emu_get(req, "TimeToLiveSpecification");

    if (s == NULL)
        return sst_err_set(err, SST_E_VALIDATION, MSG_SPEC_NULL);
    *attr = sst_emu_get_string(s, "AttributeName");
    if (!sst_emu_get_bool(s, "Enabled", enable) || *attr == NULL)
        return sst_err_set(err, SST_E_VALIDATION, MSG_ATTR_NULL);
    /* a name to disable is only compared (DynamoDB Local's order) */
    if (*enable && (strlen(*attr) < 1 || strlen(*attr) > 255))
        return sst_err_set(err, SST_E_VALIDATION, SST_EMU_MSG_ATTR_NAME_LEN);
    if (t->ttl_enabled && strcmp(t->ttl_attr, *attr) != 0)
        return sst_err_set(err, SST_E_VALIDATION, MSG_OTHER_ATTR);
    if (*enable && t->ttl_enabled)
        return sst_err_set(err, SST_E_VALIDATION, MSG_ALREADY_ENABLED);
    if (!*enable && !t->ttl_enabled)
        return sst_err_set(err, SST_E_VALIDATION, MSG_ALREADY_DISABLED);
    return SST_OK;
}

static enum sst_code
answer(bool enable, const char *attr, struct json_object **resp,
       struct sst_err *err)
{
    struct sst_emu_json b = {false};
    struct json_object *out = json_object_new_object(), *s;

    s = sst_emu_json_add(&b, out, "TimeToLiveSpecification",
                         json_object_new_object());
    sst_emu_json_add(&b, s, "Enabled", json_object_new_boolean(enable));
    sst_emu_json_add(&b, s, "AttributeName", json_object_new_string(attr));
    if (b.failed) {
        json_object_put(out);
        return sst_emu_nomem(err);
    }
    *resp = out;
    return SST_OK;
}

enum sst_code
sst_emu_op_update_time_to_live(struct sst_emu *emu,
                               const struct json_object *req,
                               struct json_object **resp, struct sst_err *err)
{
    struct sst_emu_table *t = NULL;
    struct sst_emu_txn *txn = NULL;
    const char *attr = NULL;
    bool enable = false;
    char *copy;
    enum sst_code rc;

    *resp = NULL;
    rc = sst_emu_table_request_load(emu, req, request, &txn, &t, err);
    if (rc == SST_OK)
        rc = check_spec(req, t, &enable, &attr, err);
    if (rc != SST_OK)
        goto out;
    copy = sst_strdup(attr);
    if (copy == NULL) {
        rc = sst_emu_nomem(err);
        goto out;
    }
    sst_free(t->ttl_attr);
    t->ttl_attr = copy;
    t->ttl_enabled = enable;
    rc = sst_emu_catalog_update(txn, t, err);
    if (rc == SST_OK)
        rc = answer(enable, attr, resp, err);
    if (rc != SST_OK)
        goto out;
    rc = sst_emu_txn_commit(txn, err);
    txn = NULL;
    if (rc != SST_OK) {
        json_object_put(*resp);
        *resp = NULL;
    }
out:
    sst_emu_txn_abort(txn);
    sst_emu_table_free(t);
    return rc;
}
