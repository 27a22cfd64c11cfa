/*
 * emu/expr/update.h - applying an UpdateExpression to an item.
 *
 * Takes a resolved UpdateExpression (resolve.h) and the stored item, and
 * builds the new item the way DynamoDB does: the targets form a path tree
 * that is walked over the old item; every value is computed from the old
 * item (SET a = b, b = a swaps); list elements are rebuilt in index order,
 * so that REMOVE l[1], l[3] removes the elements at the original
 * positions and SET l[10] on a 3-element list appends; a DELETE that
 * empties a set removes the attribute; ADD creates missing numbers and
 * sets; arithmetic is exact (num.h). Errors are DynamoDB's runtime errors,
 * and when several actions would fail, the one DynamoDB Local reports
 * (its walk order; see resolve.h, path trees).
 *
 * Also: the refusal to update key attributes, and the attributes that
 * ReturnValues asks for.
 */
#ifndef SST_EMU_EXPR_UPDATE_H
#define SST_EMU_EXPR_UPDATE_H

#include <stddef.h>

#include <sst/err.h>

#include "emu/expr/av.h"
#include "emu/expr/resolve.h"

/* Runtime errors of update expressions (ValidationException). */
#define SST_EMU_MSG_UPDATE_PATH                                                \
    "The document path provided in the update expression is invalid for "      \
    "update"
#define SST_EMU_MSG_UPDATE_TYPE                                                \
    "An operand in the update expression has an incorrect data type"
#define SST_EMU_MSG_UPDATE_MISSING                                             \
    "The provided expression refers to an attribute that does not exist in "   \
    "the item"
#define SST_EMU_MSG_UPDATE_TOO_LARGE                                           \
    "Item size to update has exceeded the maximum allowed size"
#define SST_EMU_MSG_UPDATE_NESTING                                             \
    "Nesting Levels have exceeded supported limits"

/* ReturnValues of UpdateItem (and the write operations). */
enum sst_emu_return_values {
    SST_EMU_RV_NONE = 0,
    SST_EMU_RV_ALL_OLD,
    SST_EMU_RV_UPDATED_OLD,
    SST_EMU_RV_ALL_NEW,
    SST_EMU_RV_UPDATED_NEW
};

/**
 * Parse a ReturnValues string ("NONE", "ALL_OLD", ...; case-sensitive).
 *
 * @return SST_OK, or SST_E_VALIDATION "Return values set to invalid value"
 */
SST_MUST_CHECK enum sst_code
sst_emu_return_values_parse(const char *s, enum sst_emu_return_values *rv,
                            struct sst_err *err);

/**
 * DynamoDB's refusal to change the table's key attributes:
 *   One or more parameter values were invalid: Cannot update attribute pk.
 *   This attribute is part of the key
 * for any action whose target starts at a key attribute (SET, REMOVE,
 * ADD, DELETE; nested or through #names). Keys are checked in the order
 * given (partition key, then sort key). Run after the condition, before
 * sst_emu_update_apply(), as DynamoDB does.
 *
 * @return SST_OK or SST_E_VALIDATION
 */
SST_MUST_CHECK enum sst_code
sst_emu_update_check_keys(const struct sst_emu_expr *upd,
                          const struct sst_emu_key_name *keys, size_t nkeys,
                          struct sst_err *err);

/**
 * Apply an UpdateExpression.
 *
 * @param[in]  upd   a resolved UpdateExpression
 * @param[in]  b     its bindings
 * @param[in]  base  the item to update (SST_AV_M); NULL for none. For an
 *                   item that does not exist yet DynamoDB starts from its
 *                   key: pass a map of the key attributes.
 * @param[out] out   on SST_OK the new item (sst_av_free); NULL on error
 * @return SST_OK, or SST_E_VALIDATION with SST_EMU_MSG_UPDATE_PATH,
 *         SST_EMU_MSG_UPDATE_TYPE, SST_EMU_MSG_UPDATE_MISSING, num.h's
 *         precision, overflow and underflow messages,
 *         SST_EMU_MSG_UPDATE_NESTING (the new item is deeper than 32
 *         levels) or SST_EMU_MSG_UPDATE_TOO_LARGE (it exceeds 400 KB);
 *         SST_E_NOMEM; SST_E_INVALID_ARG
 */
SST_MUST_CHECK enum sst_code sst_emu_update_apply(
    const struct sst_emu_expr *upd, const struct sst_emu_bindings *b,
    const struct sst_av *base, struct sst_av **out, struct sst_err *err);

/**
 * The Attributes an UpdateItem answers with. ALL_OLD and ALL_NEW give the
 * whole item; UPDATED_OLD and UPDATED_NEW give, as DynamoDB Local does,
 * each top-level attribute in which some target of the update designates
 * a value (in the old item, or in the new one), whole.
 *
 * @param[in]  upd  the resolved UpdateExpression
 * @param[in]  rv   which values
 * @param[in]  old  the item before the update, NULL when there was none
 * @param[in]  new_item  the item after it
 * @param[out] out  on SST_OK a new map, or NULL when there is nothing to
 *                  return (DynamoDB then omits Attributes)
 * @return SST_OK or SST_E_NOMEM
 */
SST_MUST_CHECK enum sst_code sst_emu_update_return_values(
    const struct sst_emu_expr *upd, enum sst_emu_return_values rv,
    const struct sst_av *old, const struct sst_av *new_item,
    struct sst_av **out, struct sst_err *err);

#endif /* SST_EMU_EXPR_UPDATE_H */
