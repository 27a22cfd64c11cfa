/*
 * emu/ops/request.h - what the item operations read from their requests,
 * decoded and checked with DynamoDB's messages: the Return* enums,
 * AttributesToGet, items and keys as attribute values.
 *
 * DynamoDB reports a request's faults in a fixed order that differs per
 * operation (the order is part of the behaviour, learned from DynamoDB
 * Local; each operation's file lists its own). Serialisation faults come
 * first, from the deserialiser; an attribute value's validation fault
 * comes later, at its operation's step. So an item or key is decoded
 * early, and a validation fault is kept ("deferred") until its step.
 */
#ifndef SST_EMU_OPS_REQUEST_H
#define SST_EMU_OPS_REQUEST_H

#include <stdbool.h>
#include <stddef.h>

#include <json-c/json.h>

#include <sst/err.h>

#include "emu/expr/av.h"
#include "emu/ops/capacity.h"

#define SST_EMU_MSG_RETURN_VALUES "Return values set to invalid value"
#define SST_EMU_MSG_DUPLICATE_ATTR                                             \
    "Cannot have two attributes with the same name"
#define SST_EMU_MSG_EMPTY_ATTR "Empty attribute name"
#define SST_EMU_MSG_NULL_KEY                                                   \
    "Cannot have null key for GetItem, DeleteItem, or UpdateItem"

/** ReturnValues. */
enum sst_emu_return_values {
    SST_EMU_RV_NONE = 0,
    SST_EMU_RV_ALL_OLD,
    SST_EMU_RV_UPDATED_OLD,
    SST_EMU_RV_ALL_NEW,
    SST_EMU_RV_UPDATED_NEW
};

/** A validation fault kept for its step. code SST_OK: none. */
struct sst_emu_deferred {
    enum sst_code code;
    struct sst_err err;
};

/**
 * ReturnValues: absent is NONE; a value outside the enum, or one the
 * operation does not allow (allowed: a mask of 1 << value), is "Return
 * values set to invalid value".
 *
 * @return SST_OK; SST_E_VALIDATION.
 */
SST_MUST_CHECK enum sst_code
sst_emu_req_return_values(const struct json_object *req, unsigned allowed,
                          enum sst_emu_return_values *out, struct sst_err *err);

/**
 * ReturnConsumedCapacity: INDEXES, TOTAL or NONE (absent). Another value
 * gets AWS's enum message (DynamoDB Local accepts anything).
 *
 * @return SST_OK; SST_E_VALIDATION.
 */
SST_MUST_CHECK enum sst_code sst_emu_req_rcc(const struct json_object *req,
                                             enum sst_emu_rcc *out,
                                             struct sst_err *err);

/**
 * ReturnItemCollectionMetrics: SIZE or NONE (absent); AWS's enum message
 * otherwise.
 *
 * @param[out] size  whether SIZE was asked for
 * @return SST_OK; SST_E_VALIDATION.
 */
SST_MUST_CHECK enum sst_code sst_emu_req_ricm(const struct json_object *req,
                                              bool *size, struct sst_err *err);

/**
 * ReturnValuesOnConditionCheckFailure: ALL_OLD or NONE (absent), with
 * DynamoDB's enum message otherwise.
 *
 * @return SST_OK; SST_E_VALIDATION.
 */
SST_MUST_CHECK enum sst_code sst_emu_req_rvoccf(const struct json_object *req,
                                                bool *all_old,
                                                struct sst_err *err);

/**
 * AttributesToGet (a list of strings, already shape-checked): the names,
 * borrowed from the request. An empty list means all attributes (*names
 * NULL). An empty name is "Empty attribute name"; a name given twice is
 * dup_msg, with the name where dup_msg has a %s.
 *
 * @param[out] names  on SST_OK a new array (sst_free) or NULL
 * @return SST_OK; SST_E_VALIDATION; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_req_attributes_to_get(const struct json_object *list,
                              const char *dup_msg, const char ***names,
                              size_t *n, struct sst_err *err);

/**
 * Decode a map of attribute values (an Item, a Key, an ExclusiveStartKey)
 * from j. A serialisation fault is returned at once; a validation fault
 * is kept in later (and *out is NULL), for the operation's step.
 *
 * @param[out] out  on SST_OK the value (sst_av_free), or NULL
 * @return SST_OK; SST_E_SERIALIZATION; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code sst_emu_req_item(const struct json_object *j,
                                              struct sst_av **out,
                                              struct sst_emu_deferred *later,
                                              struct sst_err *err);

/** Report a deferred fault (when there is one): copies it into err. */
SST_MUST_CHECK enum sst_code
sst_emu_deferred_raise(const struct sst_emu_deferred *later,
                       struct sst_err *err);

/**
 * DynamoDB's checks of an item to store, in its order: it walks the
 * attributes in request order, validating each and adding up the size,
 * and the 400 KB limit is reported when the attributes before a faulty
 * one already exceed it.
 *
 * @param[in] j        the Item as received
 * @param[in] item     its decoded value, or NULL when decoding failed
 * @param[in] later    the deferred fault of decoding, if any
 * @return SST_OK; SST_E_VALIDATION.
 */
SST_MUST_CHECK enum sst_code
sst_emu_req_check_item(const struct json_object *j, const struct sst_av *item,
                       const struct sst_emu_deferred *later,
                       struct sst_err *err);

#endif /* SST_EMU_OPS_REQUEST_H */
