/*
 * emu/ops/backups.c - DescribeContinuousBackups and
 * UpdateContinuousBackups: a table's point-in-time recovery setting.
 *
 * DynamoDB Local knows neither operation (UnknownOperationException); the
 * emulator follows AWS (docs/emulator.md, "Continuous backups"), so that
 * tools that read or set the setting (infrastructure tools read it back
 * for every table) work against it. The setting is kept in the table's
 * catalog record (table.h); no backup is taken and nothing can be
 * restored. Continuous backups are always ENABLED, as AWS shows them a
 * few seconds after a table becomes ACTIVE (the emulator's tables are
 * ACTIVE at once). Point-in-time recovery is DISABLED until enabled; an
 * enabled one shows its recovery period (35 days unless given) and its
 * restorable window: from when it was enabled (or the period's start, if
 * later) to now.
 */
#include <stdio.h>

#include <json-c/json.h>

#include "emu/ops/common.h"
#include "emu/ops/ops.h"
#include "emu/ops/table_request.h"
#include "emu/store/catalog.h"

#define DAYS_DEFAULT 35
#define DAYS_MAX 35
#define DAY_MS (86400LL * 1000)

#define MSG_NO_TABLE "Table not found: %s"
#define MSG_PERIOD_DISABLING                                                   \
    "Invalid Request: Cannot specify RecoveryPeriodInDays when disabling "     \
    "point-in-time recovery."
#define SPEC "pointInTimeRecoverySpecification"

static const struct sst_emu_shape spec[] = {
    {"PointInTimeRecoveryEnabled", SST_EMU_SHAPE_BOOLEAN, NULL},
    {"RecoveryPeriodInDays", SST_EMU_SHAPE_INTEGER, NULL},
    {NULL, SST_EMU_SHAPE_STRING, NULL}};
static const struct sst_emu_shape update_request[] = {
    {"TableName", SST_EMU_SHAPE_STRING, NULL},
    {"PointInTimeRecoverySpecification", SST_EMU_SHAPE_STRUCT, spec},
    {NULL, SST_EMU_SHAPE_STRING, NULL}};

/* A table the request names that does not exist: AWS's backup operations
 * answer TableNotFoundException, not ResourceNotFoundException. */
static enum sst_code
not_found(const struct json_object *req, enum sst_code rc,
          struct sst_err *err)
{
    if (rc != SST_E_NOT_FOUND)
        return rc;
    return sst_err_set(err, SST_E_TABLE_NOT_FOUND, MSG_NO_TABLE,
                       sst_emu_get_string(req, "TableName"));
}

/* {"ContinuousBackupsDescription": ...} of t at now_ms. */
static enum sst_code
answer(const struct sst_emu_table *t, int64_t now_ms,
       struct json_object **resp, struct sst_err *err)
{
    struct sst_emu_json b = {false};
    struct json_object *out = json_object_new_object(), *d, *p;
    int64_t earliest;

    d = sst_emu_json_add(&b, out, "ContinuousBackupsDescription",
                         json_object_new_object());
    sst_emu_json_add(&b, d, "ContinuousBackupsStatus",
                     json_object_new_string("ENABLED"));
    p = sst_emu_json_add(&b, d, "PointInTimeRecoveryDescription",
                         json_object_new_object());
    sst_emu_json_add(
        &b, p, "PointInTimeRecoveryStatus",
        json_object_new_string(t->pitr_enabled ? "ENABLED" : "DISABLED"));
    if (t->pitr_enabled) {
        earliest = now_ms - t->pitr_days * DAY_MS;
        if (earliest < t->pitr_since_ms)
            earliest = t->pitr_since_ms;
        if (earliest > now_ms) /* a clock set back */
            earliest = now_ms;
        sst_emu_json_add(&b, p, "RecoveryPeriodInDays",
                         json_object_new_int64(t->pitr_days));
        sst_emu_json_add(&b, p, "EarliestRestorableDateTime",
                         sst_emu_json_time(earliest));
        sst_emu_json_add(&b, p, "LatestRestorableDateTime",
                         sst_emu_json_time(now_ms));
    }
    if (b.failed) {
        json_object_put(out);
        return sst_emu_nomem(err);
    }
    *resp = out;
    return SST_OK;
}

enum sst_code
sst_emu_op_describe_continuous_backups(struct sst_emu *emu,
                                       const struct json_object *req,
                                       struct json_object **resp,
                                       struct sst_err *err)
{
    const struct sst_emu_table *t = NULL;
    struct sst_emu_txn *txn = NULL;
    enum sst_code rc;

    *resp = NULL;
    rc = sst_emu_table_request_open(emu, req, sst_emu_shape_table_name_only,
                                    false, &txn, &t, err);
    rc = not_found(req, rc, err);
    if (rc == SST_OK)
        rc = answer(t, sst_emu_now(emu), resp, err);
    sst_emu_table_release(t);
    sst_emu_txn_abort(txn);
    return rc;
}

/* The specification as AWS's validator checks it, every fault in one
 * message; then the service's own rule. */
static enum sst_code
check_spec(const struct json_object *s, bool *enable, int64_t *days,
           bool *has_days, struct sst_err *err)
{
    char faults[2][256];
    const char *const all[2] = {faults[0], faults[1]};
    size_t n = 0;
    bool has_enable = s && sst_emu_get_bool(s, "PointInTimeRecoveryEnabled",
                                            enable);

    if (s == NULL)
        return sst_err_set(err, SST_E_VALIDATION,
                           "1 validation error detected: Value null at '" SPEC
                           "' failed to satisfy constraint: Member must not "
                           "be null");
    *has_days = sst_emu_get_long(s, "RecoveryPeriodInDays", true, days);
    if (!has_enable)
        snprintf(faults[n++], sizeof faults[0],
                 "Value null at '" SPEC ".pointInTimeRecoveryEnabled' failed "
                 "to satisfy constraint: Member must not be null");
    if (*has_days && (*days < 1 || *days > DAYS_MAX))
        snprintf(faults[n++], sizeof faults[0],
                 "Value '%lld' at '" SPEC ".recoveryPeriodInDays' failed to "
                 "satisfy constraint: Member must have value %s",
                 (long long)*days,
                 *days < 1 ? "greater than or equal to 1"
                           : "less than or equal to 35");
    if (n > 0)
        return sst_emu_validation_faults(all, n, err);
    if (!*enable && *has_days)
        return sst_err_set(err, SST_E_VALIDATION, MSG_PERIOD_DISABLING);
    return SST_OK;
}

enum sst_code
sst_emu_op_update_continuous_backups(struct sst_emu *emu,
                                     const struct json_object *req,
                                     struct json_object **resp,
                                     struct sst_err *err)
{
    struct sst_emu_table *t = NULL;
    struct sst_emu_txn *txn = NULL;
    const char *name;
    int64_t days = DAYS_DEFAULT, now = sst_emu_now(emu);
    bool enable = false, has_days = false;
    enum sst_code rc;

    *resp = NULL;
    rc = sst_emu_check_shape(req, update_request, err);
    if (rc == SST_OK)
        rc = sst_emu_req_table_name(req, &name, err);
    if (rc == SST_OK)
        rc = check_spec(sst_emu_get(req, "PointInTimeRecoverySpecification"),
                        &enable, &days, &has_days, err);
    if (rc == SST_OK)
        rc = not_found(req,
                       sst_emu_table_request_load(emu, req, update_request,
                                                  &txn, &t, err),
                       err);
    if (rc != SST_OK)
        goto out;
    if (enable && !t->pitr_enabled)
        t->pitr_since_ms = now;
    t->pitr_enabled = enable;
    t->pitr_since_ms = enable ? t->pitr_since_ms : 0;
    t->pitr_days = enable ? (has_days ? days : DAYS_DEFAULT) : 0;
    rc = sst_emu_catalog_update(txn, t, err);
    if (rc == SST_OK)
        rc = answer(t, now, resp, err);
    if (rc == SST_OK) {
        rc = sst_emu_txn_commit(txn, err);
        txn = NULL;
    }
    if (rc != SST_OK) {
        json_object_put(*resp);
        *resp = NULL;
    }
out:
    sst_emu_txn_abort(txn);
    sst_emu_table_free(t);
    return rc;
}
