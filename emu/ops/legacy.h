/*
 * emu/ops/legacy.h - DynamoDB's legacy (pre-expression) parameters,
 * translated into expressions of the engine (emu/expr/).
 *
 * The legacy parameters are validated with DynamoDB's own messages, then
 * translated for the engine: Expected, QueryFilter, ScanFilter and
 * AttributeUpdates into its tree (emu/expr/ast.h, built in the set's
 * arena by legacy_tree.c: no expression limit applies to them, as none
 * applies in DynamoDB), KeyConditions (one or two entries) into
 * key-condition text over generated placeholders ("#n0", ":v0") that the
 * engine parses and resolves. Values are placeholders (":v0") of the
 * engine's bindings either way. So the evaluation, the key condition, the
 * update and its ReturnValues are the engine's and cannot drift from the
 * expression parameters:
 *
 *   Expected + ConditionalOperator     ConditionExpression
 *   QueryFilter, ScanFilter + C.O.     FilterExpression
 *   KeyConditions                      KeyConditionExpression
 *   AttributeUpdates                   UpdateExpression
 *
 * AttributesToGet needs no translation: the operations project it
 * themselves (emu/ops/request.h).
 *
 * One condition, by ComparisonOperator (n: the attribute, v: the values):
 *   EQ NE LT LE GT GE   n = v, n <> v, n < v ...
 *   NULL, NOT_NULL      attribute_not_exists(n), attribute_exists(n)
 *   CONTAINS            contains(n, v)
 *   NOT_CONTAINS        attribute_exists(n) AND NOT contains(n, v)
 *                       (DynamoDB: a missing attribute does not match)
 *   BEGINS_WITH         begins_with(n, v)
 *   IN                  n IN (v1, ...), any number of values
 *   BETWEEN             n BETWEEN v1 AND v2
 * Expected's {"Value": v} (Exists true or absent) is EQ, {"Exists": false}
 * is NULL.
 *
 * AttributeUpdates, by Action (PUT when absent, as AWS documents):
 *   PUT v               SET n = v
 *   DELETE              REMOVE n
 *   DELETE set          DELETE n set
 *   ADD number or set   ADD n v
 *   ADD list            SET n = list_append(if_not_exists(n, []), v)
 * (the actions grouped by clause, each in request order, as one
 * UpdateExpression's). DynamoDB validates the entries only after the
 * condition held, one by one with the update, so
 * sst_emu_legacy_check_updates() runs then; the size of the data they
 * write (sst_emu_update_check_size()) is checked after them.
 */
#ifndef SST_EMU_OPS_LEGACY_H
#define SST_EMU_OPS_LEGACY_H

#include <stdbool.h>
#include <stddef.h>

#include <json-c/json.h>

#include <sst/err.h>

#include "emu/expr/av.h"
#include "emu/expr/request.h"
#include "emu/expr/resolve.h"
#include "emu/ops/query_key.h"

struct sst_emu_table; /* emu/store/table.h */

/**
 * Whether a request carries a legacy parameter that
 * sst_emu_legacy_prepare() translates for op (Expected, QueryFilter,
 * ScanFilter, KeyConditions or AttributeUpdates, given and not empty).
 */
bool sst_emu_legacy_given(const struct json_object *req,
                          enum sst_emu_request_op op);

/**
 * Validate the legacy conditions of req (DynamoDB's messages, entry by
 * entry in request order) and prepare their translation, with the
 * AttributeUpdates when every entry is valid, into x.
 *
 * KeyConditions that cannot be a key condition (an operator other than
 * EQ, LE, LT, GE, GT, BEGINS_WITH and BETWEEN, or not one or two
 * entries) are left out: sst_emu_legacy_query_keys() reports them.
 *
 * @param[in,out] x    an initialised, empty set
 * @param[in]     op   the operation
 * @param[in]     req  the request, shape-checked; borrowed
 * @return SST_OK; SST_E_VALIDATION; SST_E_SERIALIZATION (a value of the
 *         wrong JSON kind); SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_legacy_prepare(struct sst_emu_exprs *x, enum sst_emu_request_op op,
                       const struct json_object *req, struct sst_err *err);

/**
 * Expected's entries, checked as sst_emu_legacy_prepare() checks them,
 * for UpdateItem and DeleteItem, which DynamoDB has check them before
 * anything else of the request (ReturnValues, the Key, the mixing of
 * expression and non-expression parameters). SST_OK without Expected.
 *
 * @return SST_OK; SST_E_VALIDATION; SST_E_SERIALIZATION; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_legacy_check_expected(const struct json_object *req,
                              struct sst_err *err);

/**
 * A Query's KeyConditions: each entry's own checks (as
 * sst_emu_legacy_prepare() makes them), then against the key schema
 * queried, with DynamoDB's messages ("Conditions must be at least length
 * 1", "Query condition missed key schema element", "Query key condition
 * not supported", "Condition parameter type does not match schema type",
 * "Attempted conditional constraint is not an indexable operation"...).
 * SST_OK when the request has no KeyConditions.
 *
 * @return SST_OK; SST_E_VALIDATION; SST_E_SERIALIZATION; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_legacy_query_keys(const struct json_object *req,
                          const struct sst_emu_query_schema *qs,
                          struct sst_err *err);

/**
 * A Query's QueryFilter may not name the key attributes queried
 * ("QueryFilter can only contain non-primary key attributes: Primary key
 * attribute: sk").
 *
 * @return SST_OK; SST_E_VALIDATION.
 */
SST_MUST_CHECK enum sst_code
sst_emu_legacy_filter_keys(const struct json_object *req,
                           const struct sst_emu_query_schema *qs,
                           struct sst_err *err);

/**
 * UpdateItem's AttributeUpdates, entry by entry in request order, as
 * DynamoDB checks them once the condition held: the attribute name, the
 * Action, the value and the types the Action takes, the key attributes
 * (keys, nkeys), the type of the stored attribute the Action changes
 * (old: the stored item, NULL when there is none), then the type of a
 * local index's key attribute (t's).
 *
 * @return SST_OK; SST_E_VALIDATION; SST_E_SERIALIZATION; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_legacy_check_updates(const struct json_object *req,
                             const struct sst_emu_table *t,
                             const struct sst_emu_key_name *keys,
                             size_t nkeys, const struct sst_av *old,
                             struct sst_err *err);

#endif /* SST_EMU_OPS_LEGACY_H */
