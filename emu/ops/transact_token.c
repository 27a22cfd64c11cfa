/*
 * emu/ops/transact_token.c - TransactWriteItems' ClientRequestToken (see
 * transact.h).
 *
 * DynamoDB keeps a token for ten minutes after the request that used it
 * succeeded. The same token with the same TransactItems is answered with
 * success and changes nothing; with other TransactItems it is
 * IdempotentParameterMismatchException. A request that failed leaves no
 * token behind. ReturnConsumedCapacity, ReturnItemCollectionMetrics and
 * the order of JSON members are not part of the comparison.
 *
 * The record (emu/store/tokens.h) is the TransactItems as JSON text, in
 * the LMDB environment and written in the transaction that applies the
 * request, so it survives a reopen.
 */
#include <string.h>

#include <json-c/json.h>

#include "emu/ops/common.h"
#include "emu/ops/transact.h"
#include "emu/store/tokens.h"

#define MSG_TOKEN_LONG                                                         \
    "Value %s at 'clientRequestToken' failed to satisfy constraint: Member "   \
    "must have length less than or equal to 36"
/* AWS's (DynamoDB Local accepts an empty token). */
#define MSG_TOKEN_EMPTY                                                        \
    "1 validation error detected: Value '' at 'clientRequestToken' failed "   \
    "to satisfy constraint: Member must have length greater than or equal "   \
    "to 1"
/* DynamoDB Local's message is empty; AWS documents none. */
#define MSG_MISMATCH ""

enum sst_code
sst_emu_tx_token(const struct json_object *req, const char **token,
                 struct sst_err *err)
{
    const char *s = sst_emu_get_string(req, "ClientRequestToken");

    *token = NULL;
    if (s == NULL)
        return SST_OK;
    if (*s == '\0')
        return sst_err_set(err, SST_E_VALIDATION, MSG_TOKEN_EMPTY);
    if (strlen(s) > SST_EMU_TX_TOKEN_MAX)
        return sst_err_set(err, SST_E_VALIDATION, MSG_TOKEN_LONG, s);
    *token = s;
    return SST_OK;
}

enum sst_code
sst_emu_tx_token_check(struct sst_emu_txn *txn, const char *token,
                       int64_t now_ms, const struct json_object *items,
                       bool *replay, struct sst_err *err)
{
    struct json_tokener *tok;
    struct json_object *was;
    const void *val = NULL;
    size_t len = 0;
    bool found = false;
    enum sst_code rc;

    *replay = false;
    rc = sst_emu_tokens_get(txn, token, strlen(token), now_ms, &val, &len,
                            &found, err);
    if (rc != SST_OK || !found)
        return rc;
    tok = json_tokener_new();
    if (tok == NULL)
        return sst_emu_nomem(err);
    was = json_tokener_parse_ex(tok, val, (int)len);
    json_tokener_free(tok);
    if (was == NULL)
        return sst_err_set(err, SST_E_STORAGE,
                           "a stored request token is damaged");
    if (json_object_equal(was, (struct json_object *)items))
        *replay = true;
    else
        rc = sst_err_set(err, SST_E_IDEMPOTENT_MISMATCH, "%s", MSG_MISMATCH);
    json_object_put(was);
    return rc;
}

enum sst_code
sst_emu_tx_token_store(struct sst_emu_txn *txn, const char *token,
                       int64_t now_ms, const struct json_object *items,
                       struct sst_err *err)
{
    const char *text;

    /* json-c keeps the text in the object; the request is ours for the
     * call, so writing its print buffer is fine. */
    text = json_object_to_json_string_ext((struct json_object *)items,
                                          JSON_C_TO_STRING_PLAIN);
    if (text == NULL)
        return sst_emu_nomem(err);
    return sst_emu_tokens_put(txn, token, strlen(token), now_ms,
                              now_ms + SST_EMU_TX_TOKEN_MS, text, strlen(text),
                              err);
}
