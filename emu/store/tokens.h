/*
 * emu/store/tokens.h - idempotency tokens with an expiry, kept in the
 * store's "tokens" database (store.h).
 *
 * TransactWriteItems' ClientRequestToken makes a request idempotent for
 * ten minutes (emu/ops/transact_token.c). The store only keeps, per token,
 * an expiry time (ms since the epoch, on the emulator's clock) and opaque
 * bytes the caller chooses; the record lives in the same LMDB environment
 * as the items, so it is written in the transaction that applies the
 * request and survives a reopen.
 *
 * LMDB record: key = the token's bytes (1 to SST_EMU_TOKEN_MAX), value =
 * expiry (8 bytes, big endian) then the caller's bytes.
 */
#ifndef SST_EMU_STORE_TOKENS_H
#define SST_EMU_STORE_TOKENS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sst/defs.h>
#include <sst/err.h>

#include "emu/store/store.h"

/* The longest token kept (DynamoDB's ClientRequestToken: 36). */
#define SST_EMU_TOKEN_MAX 64

/**
 * Look a token up, as of now_ms: a record whose expiry is at or before
 * now_ms counts as absent.
 *
 * @param[out] val, val_len  on a live hit the caller's bytes, borrowed
 *                           until the transaction ends or its next write
 * @param[out] found         whether a live record exists
 * @return SST_OK; SST_E_INVALID_ARG (token empty or too long);
 *         SST_E_STORAGE.
 */
SST_MUST_CHECK enum sst_code
sst_emu_tokens_get(struct sst_emu_txn *t, const char *token, size_t len,
                   int64_t now_ms, const void **val, size_t *val_len,
                   bool *found, struct sst_err *err);

/**
 * Store (or replace) a token's record, live until expires_ms. Then
 * delete up to a few expired records that follow it in key order
 * (wrapping around), so that the database stays as small as the tokens
 * of the last ten minutes without a separate sweep.
 *
 * @param[in] t  a write transaction
 * @return SST_OK; SST_E_INVALID_ARG; SST_E_STORAGE; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_tokens_put(struct sst_emu_txn *t, const char *token, size_t len,
                   int64_t now_ms, int64_t expires_ms, const void *val,
                   size_t val_len, struct sst_err *err);

/**
 * Count the records, live or expired (for tests).
 *
 * @return SST_OK; SST_E_STORAGE.
 */
SST_MUST_CHECK enum sst_code sst_emu_tokens_count(struct sst_emu_txn *t,
                                                  uint64_t *count,
                                                  struct sst_err *err);

#endif /* SST_EMU_STORE_TOKENS_H */
