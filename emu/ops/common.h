/*
 * emu/ops/common.h - request plumbing shared by the operations.
 *
 *   - request shapes: the JSON type of every member an operation reads,
 *     checked before anything else, answering a wrongly typed member with
 *     AWS's SerializationException (DynamoDB Local answers HTTP 500 there,
 *     a deviation docs/emulator.md records);
 *   - typed getters for members the shape check has vetted;
 *   - DynamoDB's common messages, the table-name rule, the table lookup;
 *   - the TableDescription that CreateTable, DescribeTable and DeleteTable
 *     return;
 *   - a small json-c builder that records failure instead of checking
 *     every call.
 */
#ifndef SST_EMU_OPS_COMMON_H
#define SST_EMU_OPS_COMMON_H

#include <stdbool.h>
#include <stdint.h>

#include <json-c/json.h>

#include <sst/err.h>

#include "emu/store/catalog.h"
#include "emu/store/store.h"

/* ------------------------------------------------------------------ */
/* messages DynamoDB sends, in one place                               */

#define SST_EMU_MSG_TABLE_NAME                                                 \
    "Invalid table/index name.  Table/index names must be between 3 and "      \
    "255 characters long, and may contain only the characters a-z, A-Z, "      \
    "0-9, '_', '-', and '.'"
#define SST_EMU_MSG_TABLE_NAME_NULL                                            \
    "Value null at 'tableName' failed to satisfy constraint: Member must "     \
    "not be null"
#define SST_EMU_MSG_NO_TABLE "Cannot do operations on a non-existent table"
#define SST_EMU_MSG_TABLE_EXISTS "Cannot create preexisting table"
#define SST_EMU_MSG_ATTR_NAME_LEN                                              \
    "Names of key attributes and attributes projected into an index must "     \
    "be between 1 and 255 characters, inclusive"
#define SST_EMU_MSG_UNKNOWN_OPERATION "An unknown operation was requested."

/* Region and account in ARNs, as DynamoDB Local writes them. */
#define SST_EMU_ARN_PREFIX "arn:aws:dynamodb:ddblocal:000000000000:table/"

/* ------------------------------------------------------------------ */
/* request shapes                                                      */

enum sst_emu_shape_kind {
    SST_EMU_SHAPE_STRING,
    SST_EMU_SHAPE_LONG,
    SST_EMU_SHAPE_INTEGER,
    SST_EMU_SHAPE_BOOLEAN,
    SST_EMU_SHAPE_LIST,  /* .members: one shape, the element's          */
    SST_EMU_SHAPE_MAP,   /* .members: one shape, the value's            */
    SST_EMU_SHAPE_STRUCT /* .members: array ending with a NULL name     */
};

/** The expected JSON type of one request member. */
struct sst_emu_shape {
    const char *name; /* member name; unused for list elements, map values */
    enum sst_emu_shape_kind kind;
    const struct sst_emu_shape *members;
};

/**
 * Check that every member of req that members describes has its JSON
 * type. Members not described are ignored, and JSON null counts as
 * absent, as in DynamoDB.
 *
 * @param[in] req      the request; it must be an object (a structure)
 * @param[in] members  shapes of the top-level members, ending with a NULL
 *                     name
 * @return SST_OK; SST_E_SERIALIZATION with AWS's message, e.g. "class
 *         java.lang.Boolean can not be converted to an String".
 */
SST_MUST_CHECK enum sst_code
sst_emu_check_shape(const struct json_object *req,
                    const struct sst_emu_shape *members, struct sst_err *err);

/**
 * AWS's validator's error for faults[0..n), n >= 1, each of the form
 * "Value ... at 'field' failed to satisfy constraint: ...": "1 validation
 * error detected: A", or "N validation errors detected: A; B; ...".
 *
 * @return SST_E_VALIDATION.
 */
enum sst_code sst_emu_validation_faults(const char *const *faults, size_t n,
                                        struct sst_err *err);

/* ------------------------------------------------------------------ */
/* getters (after the shape check)                                     */

/** Member key of o, or NULL when absent or JSON null. Borrowed. */
struct json_object *sst_emu_get(const struct json_object *o, const char *key);

/** A string member, or NULL when absent or null. Borrowed from o. */
const char *sst_emu_get_string(const struct json_object *o, const char *key);

/**
 * A Long (or Integer, with is_int) member as DynamoDB reads it: a JSON
 * number with its fraction dropped (floor), clamped to the type's range.
 *
 * @return whether the member is present.
 */
bool sst_emu_get_long(const struct json_object *o, const char *key, bool is_int,
                      int64_t *out);

/**
 * A Boolean member: JSON true or false, or a string "true" / "false" in
 * any case (the shape check refused other strings).
 *
 * @return whether the member is present.
 */
bool sst_emu_get_bool(const struct json_object *o, const char *key, bool *out);

/* ------------------------------------------------------------------ */
/* names and tables                                                    */

/** Whether s is a valid table or index name: 3 to 255 characters of
 *  a-z A-Z 0-9 _ - . */
bool sst_emu_valid_table_name(const char *s);

/**
 * The TableName of a request naming an existing table: null gives
 * DynamoDB's "Value null at 'tableName'..." message, an invalid name the
 * table-name message.
 *
 * @return SST_OK; SST_E_VALIDATION.
 */
SST_MUST_CHECK enum sst_code
sst_emu_req_table_name(const struct json_object *req, const char **name,
                       struct sst_err *err);

/**
 * Look a table up in txn; a missing table is ResourceNotFoundException
 * with DynamoDB's message.
 *
 * @param[out] out  on SST_OK the shared table (sst_emu_table_release)
 * @return SST_OK; SST_E_NOT_FOUND; SST_E_STORAGE; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_table_lookup(struct sst_emu_txn *txn, const char *name,
                     const struct sst_emu_table **out, struct sst_err *err);

/* ------------------------------------------------------------------ */
/* responses                                                           */

/** json-c builder that remembers the first failure (out of memory). */
struct sst_emu_json {
    bool failed;
};

/**
 * Add val under key to obj and return val (borrowed). A NULL obj or val,
 * or a failed add, marks the builder failed and releases val.
 */
struct json_object *sst_emu_json_add(struct sst_emu_json *b,
                                     struct json_object *obj, const char *key,
                                     struct json_object *val);

/** Append val to the array arr, with the same failure rule. */
struct json_object *sst_emu_json_push(struct sst_emu_json *b,
                                      struct json_object *arr,
                                      struct json_object *val);

/** A JSON integer for a count (Count, ScannedCount), printed by its own
 *  serialiser instead of json-c's snprintf (a Query answer's hot path);
 *  it reads back with json_object_get_int64(). NULL when out of memory. */
struct json_object *sst_emu_json_count(int64_t n);

/** A JSON number for a time: seconds since the epoch with exactly three
 *  decimals, as DynamoDB writes CreationDateTime. NULL when out of
 *  memory. */
struct json_object *sst_emu_json_time(int64_t ms);

/**
 * Build DynamoDB's TableDescription of t, with its counters read in txn.
 *
 * @param[in]  status  TableStatus to show ("ACTIVE", "DELETING")
 * @param[out] out     on SST_OK a new object
 * @return SST_OK; SST_E_NOMEM; SST_E_STORAGE.
 */
SST_MUST_CHECK enum sst_code
sst_emu_table_description(struct sst_emu_txn *txn,
                          const struct sst_emu_table *t, const char *status,
                          struct json_object **out, struct sst_err *err);

/** Fill err with SST_E_NOMEM for building a response; returns it. */
enum sst_code sst_emu_nomem(struct sst_err *err);

/**
 * A stored row as an item of a read's answer: its stored text
 * (sst_emu_item_text_json) when the call came through sst_emu_call_text,
 * only is NULL and the row has a text; else sst_emu_item_to_json().
 *
 * @param[out] out  on SST_OK a new node (json_object_put)
 * @return SST_OK; SST_E_NOMEM; SST_E_STORAGE (a damaged row).
 */
SST_MUST_CHECK enum sst_code
sst_emu_answer_item(const void *row, size_t len, const char *const *only,
                    size_t only_n, struct json_object **out,
                    struct sst_err *err);

#endif /* SST_EMU_OPS_COMMON_H */
