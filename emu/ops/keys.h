/*
 * emu/ops/keys.h - primary keys and index keys of items: which attributes
 * they are, DynamoDB's checks on them with DynamoDB's messages, and their
 * order-preserving bytes (emu/store/key.h) for the rows of a table and of
 * its indexes.
 *
 *   table row key   H(partition key) | partition key | sort key
 *   local index     H(partition key) | partition key | index sort key
 *                   | H(sort key) | table row key
 *   global index    index key attributes (partition key attributes, then
 *                   sort key attributes) | [trailing hash] | table row key
 *
 * H is DynamoDB Local's hash of a key value (emu/ops/keyhash.h), 20 raw
 * bytes; the attributes are key.h's components. The layouts give
 * DynamoDB Local's orders in a plain walk of the rows: a Scan of the
 * table by H(partition key) then the sort key; a Query of a local index
 * by its sort key, ties by H(table sort key); a global index by its key
 * values, ties by the trailing hash: H(table sort key) when the index's
 * key includes the table's partition key but not a sort key of the
 * table, none when it includes both (its key is unique), H(table
 * partition key) when it includes the table's sort key only or the table
 * has none, else H(H(partition key), H(sort key)). A Scan of a local
 * index orders ties by the table's sort key itself: scan.c sorts such
 * runs (sst_emu_lsi_run_len()).
 *
 * Checks, as DynamoDB makes them:
 *   - a Key (GetItem, DeleteItem, BatchGetItem...) has exactly the key
 *     attributes: another count is "The number of conditions on the keys
 *     is invalid", a missing one "One of the required keys was not given
 *     a value"; an Item (PutItem) must hold them;
 *   - a key value of a non-scalar type is "Invalid attribute value type",
 *     of the other scalar type "Type mismatch for key";
 *   - empty S or B values, and values longer than 2048 bytes (partition)
 *     or 1024 bytes (sort), counted in bytes;
 *   - an index key attribute of the item gets the same checks with the
 *     index's messages; an item without some key attribute of an index has
 *     no row in it (a sparse index).
 */
#ifndef SST_EMU_OPS_KEYS_H
#define SST_EMU_OPS_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#include <sst/err.h>

#include "emu/expr/av.h"
#include "emu/store/key.h"
#include "emu/store/table.h"

#define SST_EMU_MAX_HASH_KEY_BYTES 2048
#define SST_EMU_MAX_RANGE_KEY_BYTES 1024

#define SST_EMU_MSG_KEY_COUNT "The number of conditions on the keys is invalid"
#define SST_EMU_MSG_KEY_MISSING                                                \
    "One of the required keys was not given a value"
#define SST_EMU_MSG_KEY_TYPE                                                   \
    "One or more parameter values were invalid: Type mismatch for key"
#define SST_EMU_MSG_BAD_VALUE_TYPE "Invalid attribute value type"
#define SST_EMU_MSG_KEY_EMPTY                                                  \
    "One or more parameter values are not valid. The AttributeValue for a "    \
    "key attribute cannot contain an empty %s value. Key: %s"
#define SST_EMU_MSG_KEY_SIZE                                                   \
    "Hash primary key values must be under 2048 bytes, and range primary "     \
    "key values must be under 1024 bytes"
#define SST_EMU_MSG_INDEX_KEY_TYPE                                             \
    "One or more parameter values were invalid: Type mismatch for Index Key"
#define SST_EMU_MSG_INDEX_KEY_EMPTY                                            \
    "One or more parameter values are not valid. A value specified for a "    \
    "secondary index key is not supported. The AttributeValue for a key "     \
    "attribute cannot contain an empty %s value. IndexName: %s, IndexKey: %s"
#define SST_EMU_MSG_UPDATE_INDEX_KEY_EMPTY                                     \
    "One or more parameter values are not valid. The update expression "      \
    "attempted to update a secondary index key to a value that is not "       \
    "supported. The AttributeValue for a key attribute cannot contain an "    \
    "empty %s value."
#define SST_EMU_MSG_LEGACY_INDEX_KEY_TYPE                                      \
    "Updates on index keys must be of the same data type as the key "         \
    "attribute"
#define SST_EMU_MSG_INDEX_KEY_SIZE                                             \
    "One or more parameter values were invalid: Size limit exceeded"
#define SST_EMU_MSG_START_KEY_INVALID "The provided starting key is invalid"
#define SST_EMU_MSG_START_KEY_SIZE                                             \
    "Exclusive Start Key must have same size as table's key schema"
#define SST_EMU_MSG_START_KEY_TYPE "Type mismatch for attribute to update"
#define SST_EMU_MSG_START_KEY_EMPTY                                            \
    "The query can return at most one row and cannot be restarted. The "      \
    "provided starting key is invalid: One or more parameter values are not " \
    "valid. The AttributeValue for a key attribute cannot contain an empty "  \
    "%s value. Key: %s"

/** The name of the attribute at a key schema position. */
static inline const char *
sst_emu_attr_name(const struct sst_emu_table *t, unsigned pos)
{
    return t->attrs[pos].name;
}

/**
 * The table key of a Key map (exact: GetItem, DeleteItem, BatchGetItem,
 * DeleteRequest) or of an Item (not exact: PutItem, PutRequest), checked
 * and encoded.
 *
 * @param[in]  attrs  a SST_AV_M value; borrowed
 * @param[out] k      initialised key; receives the table row key
 * @return SST_OK; SST_E_VALIDATION with DynamoDB's message; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code sst_emu_table_key(const struct sst_emu_table *t,
                                               const struct sst_av *attrs,
                                               bool exact,
                                               struct sst_emu_key *k,
                                               struct sst_err *err);

/**
 * Whether a Key in JSON has the simple shape of most requests: every
 * member an AttributeValue with exactly one member, "S" or "N", holding a
 * JSON string. Such a key has no serialisation fault, so the operation may
 * leave it undecoded until the table is known (sst_emu_fast_key).
 */
bool sst_emu_key_simple(const struct json_object *key);

/**
 * The fast path of sst_emu_table_key() for a simple Key (exact): the row
 * key built straight from the JSON, without attribute values.
 *
 * @return true with k built when the Key is valid for the table; false
 *         when it is not (or not simple): the caller then decodes it and
 *         calls sst_emu_table_key(), which reports the fault exactly.
 */
bool sst_emu_fast_key(const struct sst_emu_table *t,
                      const struct json_object *key, struct sst_emu_key *k);

/**
 * Check every index key attribute an item holds (type, empty value,
 * size), index by index, before anything is written. When several
 * indexes fail, the message names the first in DynamoDB Local's order:
 * local indexes, then global ones, each in a Java HashMap's order of
 * their names (emu/ops/jorder.h).
 *
 * @return SST_OK; SST_E_VALIDATION with DynamoDB's message.
 */
SST_MUST_CHECK enum sst_code
sst_emu_check_index_keys(const struct sst_emu_table *t,
                         const struct sst_av *item, struct sst_err *err);

/**
 * sst_emu_check_index_keys() for the item an UpdateExpression made: an
 * index key attribute holding an empty string or binary value is refused
 * first, with DynamoDB Local's message for updates (which names no index),
 * whatever the attribute's type; then the checks of
 * sst_emu_check_index_keys().
 *
 * @return SST_OK; SST_E_VALIDATION with DynamoDB's message.
 */
SST_MUST_CHECK enum sst_code
sst_emu_check_updated_index_keys(const struct sst_emu_table *t,
                                 const struct sst_av *item,
                                 struct sst_err *err);

/**
 * Whether name is a local index's key attribute (the table's own key
 * left out) defined with another type than type: AttributeUpdates
 * refuses such an entry's value, entry by entry ("Updates on index keys
 * must be of the same data type as the key attribute"). t may be NULL
 * (false).
 */
bool sst_emu_local_index_key_type_differs(const struct sst_emu_table *t,
                                          const char *name,
                                          enum sst_av_type type);

/**
 * sst_emu_check_index_keys() for the item AttributeUpdates made: a local
 * index's key attribute holding a scalar of another type than its
 * definition is refused first, with DynamoDB Local's message for it
 * ("Updates on index keys must be of the same data type as the key
 * attribute"); then the global indexes before the local ones, and an
 * attribute's empty value before its type (DynamoDB Local's order for
 * AttributeUpdates; a global index's type gets the usual "Type mismatch
 * for Index Key").
 *
 * @return SST_OK; SST_E_VALIDATION with DynamoDB's message.
 */
SST_MUST_CHECK enum sst_code
sst_emu_check_legacy_index_keys(const struct sst_emu_table *t,
                                const struct sst_av *item,
                                struct sst_err *err);

/** As sst_emu_check_index_keys, for one index only. */
SST_MUST_CHECK enum sst_code
sst_emu_check_index_key(const struct sst_emu_table *t,
                        const struct sst_emu_index *ix,
                        const struct sst_av *item, struct sst_err *err);

/**
 * The row key of an item in one index: its index key attributes, then
 * the table key attributes. The item must have passed
 * sst_emu_table_key() and sst_emu_check_index_keys().
 *
 * @param[out] present  false when the item lacks an index key attribute
 *                      (it has no row in a sparse index); k is then empty
 * @return SST_OK; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code sst_emu_index_row_key(
    const struct sst_emu_table *t, const struct sst_emu_index *ix,
    const struct sst_av *item, struct sst_emu_key *k, bool *present,
    struct sst_err *err);

/**
 * An ExclusiveStartKey, checked and encoded as the row key of the table
 * (ix NULL) or of an index, with DynamoDB's messages for starting keys.
 *
 * @return SST_OK; SST_E_VALIDATION; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code sst_emu_start_key(const struct sst_emu_table *t,
                                               const struct sst_emu_index *ix,
                                               const struct sst_av *esk,
                                               struct sst_emu_key *k,
                                               struct sst_err *err);

/**
 * Whether name is a key attribute of the table, or of index ix (when not
 * NULL): the attributes every index row holds.
 */
bool sst_emu_is_key_attr(const struct sst_emu_table *t,
                         const struct sst_emu_index *ix, const char *name,
                         size_t len);

/**
 * Whether index ix holds attribute name (a key attribute, or a projected
 * one).
 */
bool sst_emu_index_projects(const struct sst_emu_table *t,
                            const struct sst_emu_index *ix, const char *name,
                            size_t len);

/**
 * The names of the key attributes of the table and of ix (NULL for none),
 * each once, for LastEvaluatedKey and ItemCollectionKey.
 *
 * @param[out] names  room for 2 * (2 + 2 * SST_EMU_KEY_PARTS_MAX) names
 * @return the number of names.
 */
size_t sst_emu_key_names(const struct sst_emu_table *t,
                         const struct sst_emu_index *ix, const char **names);

/**
 * The bytes that start every row of one partition of the table (ix NULL)
 * or of index ix: a Query's prefix, an item collection's.
 *
 * @param[in] pv  the partition key value (S, N or B)
 * @return SST_OK; SST_E_NOMEM; SST_E_INVALID_ARG for another type.
 */
SST_MUST_CHECK enum sst_code
sst_emu_partition_prefix(const struct sst_emu_table *t,
                         const struct sst_emu_index *ix,
                         const struct sst_av *pv, struct sst_emu_key *k,
                         struct sst_err *err);

/**
 * The table row key inside a row key of index ix (ix NULL: key itself).
 * Its first SST_EMU_KEY_HASH_LEN bytes are the hash of the item's
 * partition key, which parallel scans split on.
 *
 * @return false when key is not a row key of ix (a corrupt row).
 */
bool sst_emu_row_table_key(const struct sst_emu_table *t,
                           const struct sst_emu_index *ix, const uint8_t *key,
                           size_t len, const uint8_t **tk, size_t *tlen);

/**
 * The bytes of a local index's row key that rows with equal index keys
 * in one partition share (the hash, the partition key, the index's sort
 * key): a Scan of a local index orders such a run by the table's sort
 * key. 0 for a corrupt key.
 */
size_t sst_emu_lsi_run_len(const struct sst_emu_index *ix, const uint8_t *key,
                           size_t len);

#endif /* SST_EMU_OPS_KEYS_H */
