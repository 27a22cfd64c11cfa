/*
 * emu/ops/schema.h - validation of a table's definition: key schema,
 * attribute definitions, local and global secondary indexes, billing mode
 * and throughput, as CreateTable receives them (UpdateTable's index
 * creation will reuse the index rules).
 *
 * DynamoDB reports the first problem it finds, so the order of the checks
 * is part of the behaviour. The order here was learned from DynamoDB
 * Local, one request with two faults at a time (tests/data/emu/record.py
 * keeps those requests); schema.c lists it at its top. schema.c holds the
 * table-wide steps and the key-schema rules; indexes.c the index steps.
 */
#ifndef SST_EMU_OPS_SCHEMA_H
#define SST_EMU_OPS_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sst/err.h>

#include "emu/ops/common.h"
#include "emu/store/table.h"

struct json_object;

/* Messages more than one step sends. */
#define SST_EMU_MSG_ATTR_NAME_MISSING "Attribute name must be specified."
#define SST_EMU_MSG_ATTR_TYPE_MISSING                                          \
    "Invalid Attribute value. Must contain exactly one of the supported "      \
    "datatypes."
#define SST_EMU_MSG_SAME_ATTR_NAMES                                            \
    "Cannot have two attributes with the same name"

/* Messages and limits more than one file of CreateTable and UpdateTable
 * use (AWS's where DynamoDB Local accepts the request: the billing mode
 * enum, throughput with PAY_PER_REQUEST). */
#define SST_EMU_MSG_AWS_BILLING_ENUM                                           \
    "1 validation error detected: Value '%s' at 'billingMode' failed to "      \
    "satisfy constraint: Member must satisfy enum value set: [PROVISIONED, "   \
    "PAY_PER_REQUEST]"
#define SST_EMU_MSG_AWS_PPR_THROUGHPUT                                         \
    "One or more parameter values were invalid: Neither ReadCapacityUnits "    \
    "nor WriteCapacityUnits can be specified when BillingMode is "             \
    "PAY_PER_REQUEST"
#define SST_EMU_MSG_NO_ATTRS "No Attribute Schema Defined"
#define SST_EMU_MSG_PROJECTED_TOTAL                                            \
    "No more than 20 attributes per table can be projected into Local "        \
    "Secondary Indices"
#define SST_EMU_MSG_TABLE_NO_THROUGHPUT                                        \
    "No provisioned throughput specified for the table"
#define SST_EMU_MSG_TABLE_UNITS_MAX                                            \
    "Cannot increase provisioned throughput to more than 40,000 units per "    \
    "table"
#define SST_EMU_MSG_TABLE_UNITS_MIN                                            \
    "Table read and write throughput must be at least 1, and cannot be "       \
    "null"
#define SST_EMU_MAX_PROJECTED 100
#define SST_EMU_MSG_GSI_COUNT                                                  \
    "GlobalSecondaryIndex count exceeds the per-table limit"
#define SST_EMU_MSG_GSI_NO_THROUGHPUT                                          \
    "No provisioned throughput specified for the global secondary index"

/* AWS's message for a JSON null in a list (DynamoDB Local answers 500);
 * format arguments: the list's member name, the 1-based position. */
#define SST_EMU_MSG_AWS_NULL_MEMBER                                            \
    "1 validation error detected: Value null at '%s.%zu.member' failed to "    \
    "satisfy constraint: Member must not be null"

/* Limits: read or write units a table or GSI may provision; indexes. */
#define SST_EMU_MAX_UNITS 40000
#define SST_EMU_MAX_LSIS 5
#define SST_EMU_MAX_GSIS 20

/** Which key schema sst_emu_schema_key() checks. */
enum sst_emu_key_kind {
    SST_EMU_KEY_TABLE, /* one HASH, at most one RANGE                  */
    SST_EMU_KEY_LSI,   /* as a table; its sort key must say "RANGE"    */
    SST_EMU_KEY_GSI    /* up to four HASH and four RANGE attributes    */
};

/**
 * Validate a CreateTable request (whose shape sst_emu_check_shape()
 * already vetted) and build the table it describes.
 *
 * @param[in]  req  the request; borrowed
 * @param[out] out  on SST_OK a new table without ids or creation time
 *                  (sst_emu_catalog_create() and the caller set those),
 *                  freed with sst_emu_table_free(); NULL on error
 * @return SST_OK; SST_E_VALIDATION with DynamoDB's message; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_schema_create_table(const struct json_object *req,
                            struct sst_emu_table **out, struct sst_err *err);

/**
 * The checks every key schema gets, in DynamoDB's order (empty, too big,
 * elements, duplicate names, HASH count, HASH before RANGE, and for tables
 * and GSIs the KeyType enum, reported with AWS's message naming path, the
 * index's member path such as "globalSecondaryIndexes.1.member." or "").
 *
 * @return SST_OK; SST_E_VALIDATION.
 */
SST_MUST_CHECK enum sst_code sst_emu_schema_key(const struct json_object *ks,
                                                enum sst_emu_key_kind kind,
                                                const char *path,
                                                struct sst_err *err);

/** Position of the attribute definition name in t, or -1. */
int sst_emu_schema_attr_pos(const struct sst_emu_table *t, const char *name);

/** Fill ks from a key schema that passed sst_emu_schema_key() and whose
 *  attributes t defines. */
void sst_emu_schema_build_key(const struct sst_emu_table *t,
                              const struct json_object *arr,
                              struct sst_emu_key_schema *ks);

/**
 * Step 6: the LocalSecondaryIndexes of req, appended to t->indexes (which
 * has room for them).
 *
 * @return SST_OK; SST_E_VALIDATION; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_schema_local_indexes(const struct json_object *req,
                             struct sst_emu_table *t, struct sst_err *err);

/**
 * Step 7: the GlobalSecondaryIndexes of req, appended after the LSIs.
 *
 * @return SST_OK; SST_E_VALIDATION; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_schema_global_indexes(const struct json_object *req,
                              struct sst_emu_table *t, struct sst_err *err);

/**
 * The Projection of an index element, with CreateTable's rules (shared
 * with UpdateTable's index creation).
 *
 * @return SST_OK; SST_E_VALIDATION; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_schema_projection(const struct json_object *e, struct sst_emu_index *ix,
                          struct sst_err *err);

/**
 * A global index's ProvisionedThroughput, given exactly when the table's
 * billing mode is PROVISIONED, with units 1 to 40,000 (UpdateTable's
 * index creation and index updates).
 *
 * @param[in]     e        the Create or Update action; borrowed
 * @param[in]     billing  the table's billing mode, as the request leaves it
 * @param[in,out] ix       gets the units and has_throughput
 * @return SST_OK; SST_E_VALIDATION.
 */
SST_MUST_CHECK enum sst_code
sst_emu_schema_gsi_throughput(const struct json_object *e,
                              enum sst_emu_billing billing,
                              struct sst_emu_index *ix, struct sst_err *err);

/* Request shapes CreateTable and UpdateTable share: an
 * AttributeDefinitions element, a KeySchema element, the members of
 * ProvisionedThroughput, OnDemandThroughput, WarmThroughput and
 * Projection, and a global secondary index's definition (CreateTable's
 * GlobalSecondaryIndexes element, UpdateTable's Create action). */
extern const struct sst_emu_shape sst_emu_shape_attr_def_elem;
extern const struct sst_emu_shape sst_emu_shape_key_elem;
extern const struct sst_emu_shape sst_emu_shape_throughput[];
extern const struct sst_emu_shape sst_emu_shape_on_demand[];
extern const struct sst_emu_shape sst_emu_shape_warm[];
extern const struct sst_emu_shape sst_emu_shape_projection[];
extern const struct sst_emu_shape sst_emu_shape_gsi[];

/* List helpers: the length of a JSON array (0 for anything else), and its
 * element i with JSON null read as NULL. */
size_t sst_emu_list_len(const struct json_object *arr);
struct json_object *sst_emu_list_at(const struct json_object *arr, size_t i);

/** Read and write units of a ProvisionedThroughput object; false when
 *  either is missing. */
bool sst_emu_schema_units(const struct json_object *pt, int64_t *read,
                          int64_t *write);

/** Whether the key schema of t or of one of its indexes uses t's
 *  attribute definition at pos. */
bool sst_emu_schema_attr_used(const struct sst_emu_table *t, size_t pos);

/**
 * The AttributeDefinitions of an UpdateTable that creates an index,
 * checked against table t in DynamoDB Local's order: first, in the list's
 * order, a definition that gives one of t's attributes another type
 * (`invalid attribute, SchemaElement redefined ...`); then each distinct
 * name, t's definitions and the request's put one by one into a Java
 * HashMap (the last definition of a name counts) and taken in its
 * iteration order: the name missing, empty or over 255 bytes, then the
 * type missing or not S, N or B.
 *
 * @return SST_OK; SST_E_VALIDATION with DynamoDB's message; SST_E_NOMEM.
 */
enum sst_code sst_emu_schema_added_attrs(const struct json_object *req,
                                         const struct sst_emu_table *t,
                                         struct sst_err *err);

/** Whether an attribute name has 1 to 255 UTF-8 bytes. */
bool sst_emu_attr_name_ok(const char *name);

/** Whether a KeySchema element's KeyType is "HASH". */
bool sst_emu_key_is_hash(const struct json_object *e);

/**
 * DynamoDB's account quota on provisioned throughput, as DynamoDB Local
 * enforces it (DescribeLimits' AccountMaxReadCapacityUnits and
 * AccountMaxWriteCapacityUnits): the read units of every table and
 * global index of the account, t in place of the table of its name if
 * there is one, at most 80,000, and so the write units. When t has
 * OnDemandThroughput maximums of 1 or more, the same holds for the
 * maximums of every table and global index (-1 counting as 0), as
 * DynamoDB Local checks them.
 *
 * @param[in] txn  a transaction that sees the catalog
 * @param[in] t    the table as it would be; borrowed
 * @return SST_OK; SST_E_VALIDATION (`Cannot increase provisioned
 *         throughput to more than 80,000 units per account`);
 *         SST_E_STORAGE; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_account_units(struct sst_emu_txn *txn, const struct sst_emu_table *t,
                      struct sst_err *err);

/* ------------------------------------------------------------------ */
/* OnDemandThroughput (on_demand.c)                                    */

/**
 * A table's OnDemandThroughput from CreateTable (update false: both
 * members needed) or UpdateTable (update true: one or both; a member not
 * given keeps its value), each -1 or 1 to 40,000. Call it once t->billing
 * is the mode the request leaves the table in: a PROVISIONED table has
 * none (what the request gives is ignored, as DynamoDB Local does), and a
 * request without the member leaves t's as it is.
 *
 * @param[in]     req  the request; borrowed
 * @param[in,out] t    gets on_demand
 * @return SST_OK; SST_E_VALIDATION with DynamoDB Local's message.
 */
SST_MUST_CHECK enum sst_code
sst_emu_on_demand_table(const struct json_object *req, bool update,
                        struct sst_emu_table *t, struct sst_err *err);

/** Where a global index's OnDemandThroughput comes from. */
enum sst_emu_od_use {
    SST_EMU_OD_TABLE_INDEX, /* CreateTable: both members, if given   */
    SST_EMU_OD_CREATED,     /* UpdateTable's Create: always set, -1
                               for a member not given                 */
    SST_EMU_OD_UPDATED      /* UpdateTable's Update: one or both      */
};

/**
 * A global index's OnDemandThroughput, from e (a GlobalSecondaryIndexes
 * element, or a Create or Update action), when billing (the mode the
 * request leaves the table in) is PAY_PER_REQUEST; nothing otherwise.
 * Messages name the index.
 *
 * @param[in,out] ix  gets on_demand
 * @return SST_OK; SST_E_VALIDATION with DynamoDB Local's message.
 */
SST_MUST_CHECK enum sst_code
sst_emu_on_demand_index(const struct json_object *e, enum sst_emu_od_use use,
                        enum sst_emu_billing billing, struct sst_emu_index *ix,
                        struct sst_err *err);

/** Whether t's description shows its OnDemandThroughput: a
 *  PAY_PER_REQUEST table whose two maximums are both 1 or more. */
bool sst_emu_on_demand_shown(const struct sst_emu_table *t);

#endif /* SST_EMU_OPS_SCHEMA_H */
