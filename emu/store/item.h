/*
 * emu/store/item.h - the stored form of an item, and of an index entry.
 *
 * Every item row (and every index row, which holds the projection of an
 * item) stores its attributes in one compact binary encoding, chosen so
 * that a read turns it into DynamoDB JSON (json-c) in one pass, without
 * parsing numbers or building a struct sst_av first:
 *
 *   row     := version (1 byte, SST_EMU_ITEM_FORMAT)
 *              size    (varint: the item's DynamoDB size, as
 *                       sst_av_item_size counts it, kept so that counters
 *                       and capacity never decode the item)
 *              count   (varint) attr*
 *   attr    := name_len (varint) name value
 *   value   := tag payload
 *     S, B              len (varint) bytes      (B raw, not base64)
 *     N                 len (1 byte) canonical text ("1.5", "-0.01")
 *     BOOL false/true   nothing (two tags)
 *     NULL              nothing
 *     M                 count (varint) (name_len name value)*
 *     L                 count (varint) value*
 *     SS, BS            count (varint) (len bytes)*
 *     NS                count (varint) (len text)*
 *
 * Varints are unsigned LEB128. Numbers are stored in their canonical text
 * (sst_num_to_str), which is what the JSON answer needs; the key encoding
 * of numbers (num.h) is only used in keys. Attributes keep the order in
 * which they were written.
 *
 * Decoding checks every length against the row, so a damaged row is an
 * SST_E_STORAGE error, never a crash. This file has no LMDB dependency.
 */
#ifndef SST_EMU_STORE_ITEM_H
#define SST_EMU_STORE_ITEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

#include <sst/defs.h>
#include <sst/err.h>

#include "emu/expr/av.h"

#define SST_EMU_ITEM_FORMAT 1

/** A growable byte buffer (heap). Initialise with {0}; free with
 *  sst_emu_buf_cleanup(). */
struct sst_emu_buf {
    uint8_t *data;
    size_t len;
    size_t cap;
};

/** Free what the buffer holds; it may be used again afterwards. */
void sst_emu_buf_cleanup(struct sst_emu_buf *b);

/**
 * Encode attributes as a row into b (replacing its contents).
 *
 * @param[in]  attrs  the attributes to store, in order; borrowed. Names
 *                    must be distinct (the caller's items are).
 * @param[in]  n      how many
 * @param[out] b      receives the row
 * @return SST_OK; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_item_encode(const struct sst_av_entry *const *attrs, size_t n,
                    struct sst_emu_buf *b, struct sst_err *err);

/** As sst_emu_item_encode, for every attribute of an item (a SST_AV_M). */
SST_MUST_CHECK enum sst_code sst_emu_item_encode_av(const struct sst_av *item,
                                                    struct sst_emu_buf *b,
                                                    struct sst_err *err);

/**
 * The DynamoDB size recorded in a row's header.
 *
 * @return SST_OK; SST_E_STORAGE when the header is damaged.
 */
SST_MUST_CHECK enum sst_code sst_emu_item_size(const void *row, size_t len,
                                               uint64_t *size,
                                               struct sst_err *err);

/**
 * A row as a DynamoDB item in JSON: an object of attribute name ->
 * AttributeValue, numbers in canonical form, binaries in base64.
 *
 * @param[in]  only    when not NULL, keep only the attributes named here
 *                     (AttributesToGet); only_n names, borrowed
 * @param[out] out     on SST_OK a new object (json_object_put)
 * @return SST_OK; SST_E_NOMEM; SST_E_STORAGE (a damaged row).
 */
SST_MUST_CHECK enum sst_code
sst_emu_item_to_json(const void *row, size_t len, const char *const *only,
                     size_t only_n, struct json_object **out,
                     struct sst_err *err);

/**
 * Add a row's attributes to an existing JSON object (those not in it
 * yet), for an index entry completed from its table row.
 *
 * @return as sst_emu_item_to_json.
 */
SST_MUST_CHECK enum sst_code
sst_emu_item_merge_json(const void *row, size_t len, const char *const *only,
                        size_t only_n, struct json_object *into,
                        struct sst_err *err);

/**
 * A row as an attribute-value tree (a SST_AV_M value, attributes in
 * stored order), for the operations that compute with the item.
 *
 * @param[out] out  on SST_OK a new value (sst_av_free)
 * @return SST_OK; SST_E_NOMEM; SST_E_STORAGE (a damaged row).
 */
SST_MUST_CHECK enum sst_code sst_emu_item_to_av(const void *row, size_t len,
                                                struct sst_av **out,
                                                struct sst_err *err);

/**
 * One top-level attribute of a row as a value, without decoding the rest
 * of the row (a Query's sort-key check on every row it walks).
 *
 * @param[in]  name  the attribute's name; name_len bytes
 * @param[out] out   on SST_OK a new value (sst_av_free), or NULL when the
 *                   row has no attribute of that name
 * @return SST_OK; SST_E_NOMEM; SST_E_STORAGE (a damaged row).
 */
SST_MUST_CHECK enum sst_code sst_emu_item_attr_to_av(const void *row,
                                                     size_t len,
                                                     const char *name,
                                                     size_t name_len,
                                                     struct sst_av **out,
                                                     struct sst_err *err);

/**
 * The canonical text of a top-level attribute of type N (the TTL
 * sweeper's question), without decoding the rest of the row.
 *
 * @param[in]  name   the attribute's name; len bytes
 * @param[out] text   SST_NUM_STR_MAX bytes; NUL-terminated on a hit
 * @param[out] found  whether the row has an N attribute of that name
 * @return SST_OK; SST_E_STORAGE (a damaged row).
 */
SST_MUST_CHECK enum sst_code sst_emu_item_number(const void *row, size_t len,
                                                 const char *name,
                                                 size_t name_len, char *text,
                                                 bool *found,
                                                 struct sst_err *err);

#endif /* SST_EMU_STORE_ITEM_H */
