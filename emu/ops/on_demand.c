/*
 * emu/ops/on_demand.c - OnDemandThroughput: the maximum read and write
 * request units of a PAY_PER_REQUEST table and of its global indexes
 * (see schema.h).
 *
 * DynamoDB Local's rules, read from its code and recorded
 * (tests/data/emu/record.py, "od."): each maximum is -1 (none) or 1 to
 * 40,000; CreateTable needs both members; a table's maximums are
 * described only while both are 1 or more, an index's whenever it has
 * them, and an index UpdateTable creates on a PAY_PER_REQUEST table
 * always has them (-1 for a member not given). A PROVISIONED table has
 * none. Where DynamoDB Local's UpdateTable does not follow AWS's
 * documentation, the emulator follows the documentation
 * (docs/emulator.md): an UpdateTable without OnDemandThroughput keeps the
 * table's (DynamoDB Local resets it), one with a single member changes
 * that member (DynamoDB Local answers HTTP 500), its values are checked
 * as CreateTable checks them, and an index's Update action sets the
 * index's maximums (DynamoDB Local drops them).
 */
#include <stdio.h>

#include <json-c/json.h>

#include "emu/ops/common.h"
#include "emu/ops/schema.h"

#define MSG_TABLE_RANGE                                                        \
    "One or more parameter values were invalid: Requested %s for "             \
    "OnDemandThroughput for table is outside of valid range"
#define MSG_INDEX_RANGE                                                        \
    "One or more parameter values were invalid: Requested %s for "             \
    "OnDemandThroughput for index : %s is outside of valid range"
#define MSG_INDEX_UNITS_MIN                                                    \
    "Global Secondary Index's read and write throughput must be at least "     \
    "1, and cannot be null"
#define MSG_INDEX_UNITS_MAX                                                    \
    "Cannot increase provisioned throughput to more than 40,000 units per "    \
    "global secondary index"

/* A member of OnDemandThroughput, if given (the shape check made it an
 * integer). */
static bool
member(const struct json_object *od, const char *name, int64_t *out)
{
    struct json_object *v = sst_emu_get(od, name);

    if (v == NULL)
        return false;
    *out = json_object_get_int64(v);
    return true;
}

/* Read od over *cur: at least need of its two members (0 to 2); a
 * member not given keeps its value in *cur. Then each value is -1 or 1
 * and more, then at most 40,000. index: the index's name, NULL for the
 * table. */
static enum sst_code
read_units(const struct json_object *od, int need, const char *index,
           struct sst_emu_on_demand *cur, struct sst_err *err)
{
    static const char *const names[2] = {"MaxReadRequestUnits",
                                         "MaxWriteRequestUnits"};
    int64_t v[2] = {cur->set ? cur->read : -1, cur->set ? cur->write : -1};
    bool given[2];
    size_t i;

    for (i = 0; i < 2; i++)
        given[i] = member(od, names[i], &v[i]);
    if (given[0] + given[1] < need)
        return sst_err_set(err, SST_E_VALIDATION, "%s",
                           index ? MSG_INDEX_UNITS_MIN
                                 : SST_EMU_MSG_TABLE_UNITS_MIN);
    for (i = 0; i < 2; i++)
        if (v[i] < 1 && v[i] != -1)
            return index ? sst_err_set(err, SST_E_VALIDATION, MSG_INDEX_RANGE,
                                       names[i], index)
                         : sst_err_set(err, SST_E_VALIDATION, MSG_TABLE_RANGE,
                                       names[i]);
    if (v[0] > SST_EMU_MAX_UNITS || v[1] > SST_EMU_MAX_UNITS)
        return sst_err_set(err, SST_E_VALIDATION, "%s",
                           index ? MSG_INDEX_UNITS_MAX
                                 : SST_EMU_MSG_TABLE_UNITS_MAX);
    cur->set = true;
    cur->read = v[0];
    cur->write = v[1];
    return SST_OK;
}

enum sst_code
sst_emu_on_demand_table(const struct json_object *req, bool update,
                        struct sst_emu_table *t, struct sst_err *err)
{
    const struct json_object *od = sst_emu_get(req, "OnDemandThroughput");

    if (t->billing != SST_EMU_BILLING_PAY_PER_REQUEST) {
        t->on_demand.set = false; /* ignored, as DynamoDB Local does */
        return SST_OK;
    }
    if (od == NULL)
        return SST_OK;
    return read_units(od, update ? 1 : 2, NULL, &t->on_demand, err);
}

enum sst_code
sst_emu_on_demand_index(const struct json_object *e, enum sst_emu_od_use use,
                        enum sst_emu_billing billing, struct sst_emu_index *ix,
                        struct sst_err *err)
{
    const struct json_object *od = sst_emu_get(e, "OnDemandThroughput");
    const char *name = sst_emu_get_string(e, "IndexName");

    if (billing != SST_EMU_BILLING_PAY_PER_REQUEST)
        return SST_OK;
    if (name == NULL)
        name = "null";
    if (use == SST_EMU_OD_CREATED) {
        ix->on_demand.set = true; /* described, -1 where not given */
        ix->on_demand.read = ix->on_demand.write = -1;
    }
    if (od == NULL)
        return SST_OK;
    return read_units(od,
                      use == SST_EMU_OD_TABLE_INDEX ? 2
                      : use == SST_EMU_OD_UPDATED   ? 1
                                                    : 0,
                      name, &ix->on_demand, err);
}

bool
sst_emu_on_demand_shown(const struct sst_emu_table *t)
{
    return t->billing == SST_EMU_BILLING_PAY_PER_REQUEST && t->on_demand.set &&
           t->on_demand.read > 0 && t->on_demand.write > 0;
}
