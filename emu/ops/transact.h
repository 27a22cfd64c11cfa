/*
 * emu/ops/transact.h - what TransactWriteItems and TransactGetItems
 * share: the TransactItems list's limits, DynamoDB's messages for
 * transactions, the rule of one operation per item, the per-table
 * ConsumedCapacity list, and TransactionCanceledException with its
 * CancellationReasons.
 *
 * Cancellation (DynamoDB, checked against DynamoDB Local): every action
 * of the request is evaluated; when any fails, nothing is written and the
 * error is TransactionCanceledException, "Transaction cancelled, please
 * refer cancellation reasons for specific reasons [None,
 * ConditionalCheckFailed, ...]", carrying "CancellationReasons": one
 * object per action, in request order: {"Code": "None"} for an action
 * that passed, {"Code": "ConditionalCheckFailed", "Message": ..., and the
 * item as "Item" when ReturnValuesOnConditionCheckFailure is ALL_OLD} or
 * {"Code": "ValidationError", "Message": ...} otherwise. The error's
 * message and its reasons go out as the error's extra members
 * (include/sst/backend.h).
 */
#ifndef SST_EMU_OPS_TRANSACT_H
#define SST_EMU_OPS_TRANSACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

#include <sst/err.h>

#include "emu/ops/capacity.h"
#include "emu/store/key.h"
#include "emu/store/store.h"
#include "emu/store/table.h"

/* The most actions of one transaction (AWS's limit). */
#define SST_EMU_TX_MAX_ITEMS 100

#define SST_EMU_MSG_TX_NULL                                                    \
    "Value null at 'transactItems' failed to satisfy constraint: Member "      \
    "must not be null"
#define SST_EMU_MSG_TX_EMPTY                                                   \
    "Value [] at 'transactItems' failed to satisfy constraint: Member must "   \
    "have length greater than or equal to 1"
#define SST_EMU_MSG_TX_TOO_MANY                                                \
    "Member must have length less than or equal to 100"
#define SST_EMU_MSG_TX_SAME_ITEM                                               \
    "Transaction request cannot include multiple operations on one item"
/* A required member of action number n (1-based) missing; the %s are
 * the action ("put") and the member ("tableName"). */
#define SST_EMU_MSG_TX_MEMBER_NULL                                             \
    "Value null at 'transactItems.%zu.member.%s.%s' failed to satisfy "        \
    "constraint: Member must not be null"
#define SST_EMU_MSG_TX_RVOCCF                                                  \
    "1 validation error detected: Value '%s' at "                              \
    "'transactItems.%zu.member.%s.returnValuesOnConditionCheckFailure' "      \
    "failed to satisfy constraint: Member must satisfy enum value set: "      \
    "[ALL_OLD, NONE]"
#define SST_EMU_MSG_TX_CANCELLED                                               \
    "Transaction cancelled, please refer cancellation reasons for specific "   \
    "reasons [%s]"

/** The outcome of one action, for CancellationReasons. */
struct sst_emu_tx_reason {
    const char *code;          /* NULL: passed ("None")               */
    char message[SST_ERR_MESSAGE_MAX];
    struct json_object *item;  /* owned: the item, for ALL_OLD         */
};

/** Free what r holds and mark it passed. */
void sst_emu_tx_reason_cleanup(struct sst_emu_tx_reason *r);

/**
 * Record a failed action: code "ConditionalCheckFailed" or
 * "ValidationError" with message; takes the reference to item (may be
 * NULL).
 */
void sst_emu_tx_reason_set(struct sst_emu_tx_reason *r, const char *code,
                           const char *message, struct json_object *item);

/**
 * Whether a ValidationException met while an action runs (its key's
 * type or size, an index key's type or size, an update of a key
 * attribute, an updated item over 400 KB) cancels the transaction with a
 * ValidationError reason, as DynamoDB does, rather than failing the
 * whole request.
 */
bool sst_emu_tx_is_reason(const struct sst_err *e);

/**
 * The TransactItems list: present, 1 to SST_EMU_TX_MAX_ITEMS elements,
 * with DynamoDB's messages.
 *
 * @return SST_OK; SST_E_VALIDATION.
 */
SST_MUST_CHECK enum sst_code sst_emu_tx_check_list(const struct json_object *l,
                                                   struct sst_err *err);

/** Whether two actions name the same item (same table, same key). */
bool sst_emu_tx_same_item(const struct sst_emu_table *a,
                          const struct sst_emu_key *ka,
                          const struct sst_emu_table *b,
                          const struct sst_emu_key *kb);

/**
 * TransactionCanceledException for n actions: the message lists every
 * action's code; *extra is {"CancellationReasons": [...]}, taking the
 * reasons' items.
 *
 * @return SST_E_TXN_CANCELED; SST_E_NOMEM (then *extra is NULL).
 */
SST_MUST_CHECK enum sst_code sst_emu_tx_cancel(struct sst_emu_tx_reason *r,
                                               size_t n,
                                               struct json_object **extra,
                                               struct sst_err *err);

/** The capacity a transaction consumed, table by table. */
struct sst_emu_tx_caps {
    struct sst_emu_capacity *c; /* in first-use order                   */
    size_t n, cap;
};

/** Start with no table; room for up to max tables. */
SST_MUST_CHECK enum sst_code sst_emu_tx_caps_init(struct sst_emu_tx_caps *cs,
                                                  size_t max,
                                                  struct sst_err *err);

/** Free what cs holds (a zeroed cs is fine). */
void sst_emu_tx_caps_cleanup(struct sst_emu_tx_caps *cs);

/**
 * Add c (one action's capacity on table c->table), times factor, to the
 * table's total: transactions cost twice what the single operation
 * costs. At most max tables (sst_emu_tx_caps_init) may be added.
 */
void sst_emu_tx_caps_add(struct sst_emu_tx_caps *cs,
                         const struct sst_emu_capacity *c, int factor);

/**
 * Add "ConsumedCapacity": [one object per table] to resp when mode asks
 * for it.
 *
 * @return SST_OK; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_tx_caps_answer(struct json_object *resp,
                       const struct sst_emu_tx_caps *cs, enum sst_emu_rcc mode,
                       struct sst_err *err);

/* ------------------------------------------------------------------ */
/* ClientRequestToken (emu/ops/transact_token.c)                       */

/* How long a token stays live: DynamoDB's ten minutes. */
#define SST_EMU_TX_TOKEN_MS (10 * 60 * 1000)
/* AWS's limit on its length. */
#define SST_EMU_TX_TOKEN_MAX 36

/**
 * The request's ClientRequestToken (NULL when absent), 1 to 36
 * characters, with DynamoDB's messages.
 *
 * @param[out] token  borrowed from req
 * @return SST_OK; SST_E_VALIDATION.
 */
SST_MUST_CHECK enum sst_code sst_emu_tx_token(const struct json_object *req,
                                              const char **token,
                                              struct sst_err *err);

/**
 * Look token up in txn as of now_ms (the emulator's clock). A live token
 * recorded for the same TransactItems (equal JSON, member order aside)
 * makes *replay true: the caller answers success and applies nothing. A
 * live token recorded for other TransactItems is
 * IdempotentParameterMismatchException.
 *
 * @param[out] replay  whether this is a replay; false when the token is
 *                     unknown (or expired)
 * @return SST_OK; SST_E_IDEMPOTENT_MISMATCH; SST_E_STORAGE; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_tx_token_check(struct sst_emu_txn *txn, const char *token,
                       int64_t now_ms, const struct json_object *items,
                       bool *replay, struct sst_err *err);

/**
 * Record a successful request's TransactItems under token, in the write
 * transaction that applies it, live for SST_EMU_TX_TOKEN_MS.
 *
 * @return SST_OK; SST_E_STORAGE; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_tx_token_store(struct sst_emu_txn *txn, const char *token,
                       int64_t now_ms, const struct json_object *items,
                       struct sst_err *err);

#endif /* SST_EMU_OPS_TRANSACT_H */
