/*
 * emu/ops/transact_token.c - TransactWriteItems' ClientRequestToken (see
 * transact.h).
 *
 * DynamoDB keeps a token for ten minutes after the request that used it
 * succeeded. The same token with the same TransactItems is answered with
 * success and changes nothing; with other TransactItems it is
 * IdempotentParameterMismatchException. A request that failed leaves no
 * token behind. ReturnConsumedCapacity and ReturnItemCollectionMetrics
 * are not part of the comparison (DynamoDB Local answers a replay that
 * asks for capacity with the capacity of the first call).
 *
 * The record (emu/store/tokens.h), in the LMDB environment and written in
 * the transaction that applies the request, so it survives a reopen:
 *   length of the TransactItems text (4 bytes, big endian)
 *   the TransactItems as JSON text
 *   the ConsumedCapacity list of the first call (INDEXES form) as JSON
 */
#include <string.h>

#include <json-c/json.h>

#include <sst/mem.h>

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

static uint32_t
get_u32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
           p[3];
}

static struct json_object *
parse_len(const char *s, size_t len)
{
    struct json_tokener *tok = json_tokener_new();
    struct json_object *o;

    if (tok == NULL)
        return NULL;
    o = json_tokener_parse_ex(tok, s, (int)len);
    json_tokener_free(tok);
    return o;
}

/* The ConsumedCapacity of a replay: the recorded list, cut down to TOTAL
 * when that is what the replay asks for. */
static enum sst_code
replay_answer(struct json_object *caps, enum sst_emu_rcc rcc,
              struct json_object **out, struct sst_err *err)
{
    struct sst_emu_json b = {false};
    struct json_object *resp = json_object_new_object(), *list, *e, *v;
    size_t i, n = json_object_array_length(caps);

    if (rcc != SST_EMU_RCC_NONE) {
        list = sst_emu_json_add(&b, resp, "ConsumedCapacity",
                                json_object_new_array());
        for (i = 0; i < n; i++) {
            struct json_object *full = json_object_array_get_idx(caps, i);

            if (rcc == SST_EMU_RCC_INDEXES) {
                sst_emu_json_push(&b, list, json_object_get(full));
                continue;
            }
            e = sst_emu_json_push(&b, list, json_object_new_object());
            if (json_object_object_get_ex(full, "TableName", &v))
                sst_emu_json_add(&b, e, "TableName", json_object_get(v));
            if (json_object_object_get_ex(full, "CapacityUnits", &v))
                sst_emu_json_add(&b, e, "CapacityUnits", json_object_get(v));
        }
    }
    if (b.failed || resp == NULL) {
        json_object_put(resp);
        return sst_emu_nomem(err);
    }
    *out = resp;
    return SST_OK;
}

enum sst_code
sst_emu_tx_token_check(struct sst_emu_txn *txn, const char *token,
                       int64_t now_ms, const struct json_object *items,
                       enum sst_emu_rcc rcc, struct json_object **replay,
                       struct sst_err *err)
{
    struct json_object *was = NULL, *caps = NULL;
    const void *val = NULL;
    size_t len = 0, ilen;
    bool found = false;
    enum sst_code rc;

    *replay = NULL;
    rc = sst_emu_tokens_get(txn, token, strlen(token), now_ms, &val, &len,
                            &found, err);
    if (rc != SST_OK || !found)
        return rc;
    ilen = len >= 4 ? get_u32(val) : 0;
    if (len < 4 || ilen > len - 4)
        return sst_err_set(err, SST_E_STORAGE,
                           "a stored request token is damaged");
    was = parse_len((const char *)val + 4, ilen);
    caps = parse_len((const char *)val + 4 + ilen, len - 4 - ilen);
    if (was == NULL || caps == NULL ||
        !json_object_is_type(caps, json_type_array))
        rc = sst_err_set(err, SST_E_STORAGE,
                         "a stored request token is damaged");
    else if (!json_object_equal(was, (struct json_object *)items))
        rc = sst_err_set(err, SST_E_IDEMPOTENT_MISMATCH, "%s", MSG_MISMATCH);
    else
        rc = replay_answer(caps, rcc, replay, err);
    json_object_put(was);
    json_object_put(caps);
    return rc;
}

enum sst_code
sst_emu_tx_token_store(struct sst_emu_txn *txn, const char *token,
                       int64_t now_ms, const struct json_object *items,
                       const struct sst_emu_tx_caps *caps,
                       struct sst_err *err)
{
    struct json_object *resp = json_object_new_object(), *list = NULL;
    const char *itext, *ctext;
    size_t ilen, clen;
    uint8_t *rec = NULL;
    enum sst_code rc;

    if (resp == NULL)
        return sst_emu_nomem(err);
    rc = sst_emu_tx_caps_answer(resp, caps, SST_EMU_RCC_INDEXES, err);
    if (rc != SST_OK)
        goto out;
    json_object_object_get_ex(resp, "ConsumedCapacity", &list);
    /* json-c keeps the text in the object; the request is ours for the
     * call, so writing its print buffer is fine. */
    itext = json_object_to_json_string_ext((struct json_object *)items,
                                           JSON_C_TO_STRING_PLAIN);
    ctext = json_object_to_json_string_ext(list, JSON_C_TO_STRING_PLAIN);
    if (itext == NULL || ctext == NULL) {
        rc = sst_emu_nomem(err);
        goto out;
    }
    ilen = strlen(itext);
    clen = strlen(ctext);
    rec = sst_malloc(4 + ilen + clen);
    if (rec == NULL) {
        rc = sst_emu_nomem(err);
        goto out;
    }
    rec[0] = (uint8_t)(ilen >> 24);
    rec[1] = (uint8_t)(ilen >> 16);
    rec[2] = (uint8_t)(ilen >> 8);
    rec[3] = (uint8_t)ilen;
    memcpy(rec + 4, itext, ilen);
    memcpy(rec + 4 + ilen, ctext, clen);
    rc = sst_emu_tokens_put(txn, token, strlen(token), now_ms,
                            now_ms + SST_EMU_TX_TOKEN_MS, rec, 4 + ilen + clen,
                            err);
out:
    sst_free(rec);
    json_object_put(resp);
    return rc;
}
