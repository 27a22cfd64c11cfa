/*
 * emu/ops/create_table.c - CreateTable.
 *
 * Checks the request's shape, validates the definition in DynamoDB's
 * order (schema.c), then adds the table to the catalog in one write
 * transaction. The table is ACTIVE at once, as in DynamoDB Local (AWS
 * answers CREATING first). A StreamSpecification that enables a stream
 * gives the table its first stream (emu/ops/streams.h). Tags are checked
 * last, as TagResource checks them (tags.h): DynamoDB Local ignores them,
 * so every other fault is reported first, as it reports it. Members
 * DynamoDB accepts but the emulator does not model (SSESpecification,
 * TableClass, OnDemandThroughput, WarmThroughput, ResourcePolicy) are
 * type-checked and otherwise ignored.
 */
#include <json-c/json.h>

#include "emu/ops/common.h"
#include "emu/ops/ops.h"
#include "emu/ops/schema.h"
#include "emu/ops/streams.h"
#include "emu/ops/table_request.h"
#include "emu/ops/tags.h"
#include "emu/store/catalog.h"

#define S(n)                                                                   \
    {                                                                          \
        n, SST_EMU_SHAPE_STRING, NULL                                          \
    }
#define B(n)                                                                   \
    {                                                                          \
        n, SST_EMU_SHAPE_BOOLEAN, NULL                                         \
    }
#define END                                                                    \
    {                                                                          \
        NULL, SST_EMU_SHAPE_STRING, NULL                                       \
    }

static const struct sst_emu_shape lsi[] = {
    S("IndexName"),
    {"KeySchema", SST_EMU_SHAPE_LIST, &sst_emu_shape_key_elem},
    {"Projection", SST_EMU_SHAPE_STRUCT, sst_emu_shape_projection},
    END};
static const struct sst_emu_shape lsi_elem = {"", SST_EMU_SHAPE_STRUCT, lsi};
static const struct sst_emu_shape gsi_elem = {"", SST_EMU_SHAPE_STRUCT,
                                              sst_emu_shape_gsi};
static const struct sst_emu_shape stream[] = {B("StreamEnabled"),
                                              S("StreamViewType"), END};
static const struct sst_emu_shape sse[] = {B("Enabled"), S("SSEType"),
                                           S("KMSMasterKeyId"), END};
static const struct sst_emu_shape tag[] = {S("Key"), S("Value"), END};
static const struct sst_emu_shape tag_elem = {"", SST_EMU_SHAPE_STRUCT, tag};

/* In the order AWS's deserialiser reports them. */
static const struct sst_emu_shape request[] = {
    {"AttributeDefinitions", SST_EMU_SHAPE_LIST, &sst_emu_shape_attr_def_elem},
    S("TableName"),
    {"ProvisionedThroughput", SST_EMU_SHAPE_STRUCT, sst_emu_shape_throughput},
    {"KeySchema", SST_EMU_SHAPE_LIST, &sst_emu_shape_key_elem},
    {"LocalSecondaryIndexes", SST_EMU_SHAPE_LIST, &lsi_elem},
    {"GlobalSecondaryIndexes", SST_EMU_SHAPE_LIST, &gsi_elem},
    S("BillingMode"),
    {"StreamSpecification", SST_EMU_SHAPE_STRUCT, stream},
    {"SSESpecification", SST_EMU_SHAPE_STRUCT, sse},
    {"Tags", SST_EMU_SHAPE_LIST, &tag_elem},
    S("TableClass"),
    B("DeletionProtectionEnabled"),
    S("ResourcePolicy"),
    {"OnDemandThroughput", SST_EMU_SHAPE_STRUCT, sst_emu_shape_on_demand},
    {"WarmThroughput", SST_EMU_SHAPE_STRUCT, sst_emu_shape_warm},
    END};

enum sst_code
sst_emu_op_create_table(struct sst_emu *emu, const struct json_object *req,
                        struct json_object **resp, struct sst_err *err)
{
    struct sst_emu_table *t = NULL;
    struct sst_emu_txn *txn = NULL;
    struct json_object *desc = NULL;
    enum sst_emu_stream_view view;
    bool spec, enable;
    enum sst_code rc;

    *resp = NULL;
    rc = sst_emu_check_shape(req, request, err);
    if (rc == SST_OK)
        rc = sst_emu_schema_create_table(req, &t, err);
    if (rc == SST_OK)
        rc = sst_emu_stream_spec(sst_emu_get(req, "StreamSpecification"),
                                 &spec, &enable, &view, err);
    if (rc == SST_OK)
        rc = sst_emu_tags_create(sst_emu_get(req, "Tags"), t, err);
    if (rc != SST_OK)
        goto out;
    t->created_ms = sst_emu_now(emu);
    if (t->billing == SST_EMU_BILLING_PAY_PER_REQUEST)
        t->ppr_ms = t->created_ms;
    rc = sst_emu_txn_begin(sst_emu_store_of(emu), true, &txn, err);
    if (rc == SST_OK)
        sst_emu_txn_set_now(txn, sst_emu_now(emu));
    if (rc != SST_OK)
        goto out;
    /* the account's quota first, counting every other table: as in
     * DynamoDB Local, a table that exists is reported only after it */
    rc = sst_emu_account_units(txn, t, err);
    if (rc == SST_OK)
        rc = sst_emu_catalog_create(txn, t, err);
    if (rc == SST_E_IN_USE)
        rc = sst_err_set(err, SST_E_IN_USE, SST_EMU_MSG_TABLE_EXISTS);
    if (rc == SST_OK && enable) {
        rc = sst_emu_stream_enable(txn, t, view, t->created_ms, err);
        if (rc == SST_OK)
            rc = sst_emu_catalog_update(txn, t, err);
    }
    if (rc == SST_OK)
        rc = sst_emu_table_description(txn, t, "ACTIVE", &desc, err);
    if (rc != SST_OK)
        goto out;
    rc = sst_emu_commit_answer(txn, "TableDescription", desc, resp, err);
    txn = NULL;
    desc = NULL;
out:
    sst_emu_txn_abort(txn);
    json_object_put(desc);
    sst_emu_table_free(t);
    return rc;
}
