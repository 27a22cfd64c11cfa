/*
 * emu/ops/describe_limits.c - DescribeLimits, and the account's quota on
 * provisioned throughput.
 *
 * DescribeLimits answers the default quotas of an AWS account, as
 * DynamoDB Local does: 80,000 read and write capacity units per account,
 * 40,000 per table. The request has no members: a body that is not an
 * object is refused like any request's (SerializationException), and
 * members are ignored, as DynamoDB ignores members it does not know.
 *
 * The account quota is enforced as DynamoDB Local enforces it:
 * CreateTable and UpdateTable refuse a table whose units would bring the
 * account's read units, or its write units (every table's and global
 * index's), over 80,000 (sst_emu_account_units).
 */
#include <string.h>

#include <json-c/json.h>

#include "emu/ops/common.h"
#include "emu/ops/ops.h"
#include "emu/ops/schema.h"
#include "emu/store/catalog.h"

#define ACCOUNT_MAX_UNITS 80000
#define MSG_ACCOUNT_UNITS                                                      \
    "Cannot increase provisioned throughput to more than 80,000 units per "    \
    "account"

/* Add the OnDemandThroughput maximums of t, a table and its global
 * indexes; -1 (no maximum) counts as 0, as in DynamoDB Local. */
static void
add_on_demand(const struct sst_emu_table *t, int64_t *reads, int64_t *writes)
{
    const struct sst_emu_on_demand *od;
    size_t i;

    for (i = 0; i <= t->index_count; i++) {
        od = i == 0 ? &t->on_demand : &t->indexes[i - 1].on_demand;
        if (od->set && od->read > 0)
            *reads += od->read;
        if (od->set && od->write > 0)
            *writes += od->write;
    }
}

/* Add the read and write units of t, a table and its global indexes. */
static void
add_units(const struct sst_emu_table *t, int64_t *reads, int64_t *writes)
{
    size_t i;

    if (t->billing == SST_EMU_BILLING_PROVISIONED) {
        *reads += t->read_units;
        *writes += t->write_units;
    }
    for (i = 0; i < t->index_count; i++)
        if (t->indexes[i].global && t->indexes[i].has_throughput) {
            *reads += t->indexes[i].read_units;
            *writes += t->indexes[i].write_units;
        }
}

/* The account's sums of what add adds, over every table, t in place of
 * the table of its name: at most 80,000 each. */
static enum sst_code
account_sum(struct sst_emu_txn *txn, const struct sst_emu_table *t,
            void (*add)(const struct sst_emu_table *, int64_t *, int64_t *),
            struct sst_err *err)
{
    const struct sst_emu_table *other;
    int64_t reads = 0, writes = 0;
    char **names = NULL;
    size_t count = 0, i;
    enum sst_code rc;
    bool more;

    rc = sst_emu_catalog_list(txn, NULL, SIZE_MAX, &names, &count, &more, err);
    add(t, &reads, &writes);
    for (i = 0; rc == SST_OK && i < count; i++) {
        if (strcmp(names[i], t->name) == 0)
            continue; /* t takes its place */
        rc = sst_emu_catalog_get(txn, names[i], &other, err);
        if (rc == SST_OK && other != NULL) {
            add(other, &reads, &writes);
            sst_emu_table_release(other);
        }
    }
    sst_emu_catalog_names_free(names, count);
    if (rc == SST_OK &&
        (reads > ACCOUNT_MAX_UNITS || writes > ACCOUNT_MAX_UNITS))
        rc = sst_err_set(err, SST_E_VALIDATION, MSG_ACCOUNT_UNITS);
    return rc;
}

enum sst_code
sst_emu_account_units(struct sst_emu_txn *txn, const struct sst_emu_table *t,
                      struct sst_err *err)
{
    int64_t reads = 0, writes = 0;
    enum sst_code rc = SST_OK;

    add_units(t, &reads, &writes);
    /* nothing provisioned: nothing to increase */
    if (reads != 0 || writes != 0)
        rc = account_sum(txn, t, add_units, err);
    if (rc == SST_OK && t->on_demand.set &&
        (t->on_demand.read > 0 || t->on_demand.write > 0))
        rc = account_sum(txn, t, add_on_demand, err);
    return rc;
}

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
        {"AccountMaxReadCapacityUnits", ACCOUNT_MAX_UNITS},
        {"AccountMaxWriteCapacityUnits", ACCOUNT_MAX_UNITS},
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
