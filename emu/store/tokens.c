/*
 * emu/store/tokens.c - idempotency tokens with an expiry (see tokens.h).
 */
#include <string.h>

#include <sst/mem.h>

#include "emu/store/store_int.h"
#include "emu/store/tokens.h"

/* Expired records deleted after each put. */
#define PURGE_MAX 8

static enum sst_code
check_token(size_t len, struct sst_err *err)
{
    if (len == 0 || len > SST_EMU_TOKEN_MAX)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "a token must have 1 to %d bytes",
                           SST_EMU_TOKEN_MAX);
    return SST_OK;
}

static bool
expired(const MDB_val *v, int64_t now_ms)
{
    return v->mv_size < 8 || (int64_t)sst_emu_get_u64(v->mv_data) <= now_ms;
}

enum sst_code
sst_emu_tokens_get(struct sst_emu_txn *t, const char *token, size_t len,
                   int64_t now_ms, const void **val, size_t *val_len,
                   bool *found, struct sst_err *err)
{
    MDB_val k, v;
    int rc;

    *val = NULL;
    *val_len = 0;
    *found = false;
    if (check_token(len, err) != SST_OK)
        return SST_E_INVALID_ARG;
    k.mv_data = (void *)token;
    k.mv_size = len;
    rc = mdb_get(t->txn, t->st->tokens, &k, &v);
    if (rc == MDB_NOTFOUND)
        return SST_OK;
    if (rc != 0)
        return sst_emu_store_fail(err, rc, "reading a request token");
    if (expired(&v, now_ms))
        return SST_OK;
    *val = (const uint8_t *)v.mv_data + 8;
    *val_len = v.mv_size - 8;
    *found = true;
    return SST_OK;
}

/* Delete up to PURGE_MAX expired records after key k, wrapping around
 * once. */
static int
purge(struct sst_emu_txn *t, MDB_val *k, int64_t now_ms)
{
    MDB_cursor *c = NULL;
    MDB_val ck, cv;
    int rc, seen = 0, purged = 0;
    bool wrapped = false;

    rc = mdb_cursor_open(t->txn, t->st->tokens, &c);
    if (rc != 0)
        return rc;
    ck = *k;
    rc = mdb_cursor_get(c, &ck, &cv, MDB_SET_RANGE);
    while (purged < PURGE_MAX && seen < 4 * PURGE_MAX) {
        if (rc == MDB_NOTFOUND && !wrapped) {
            wrapped = true;
            rc = mdb_cursor_get(c, &ck, &cv, MDB_FIRST);
            continue;
        }
        if (rc != 0)
            break;
        seen++;
        if (expired(&cv, now_ms)) {
            if ((rc = mdb_cursor_del(c, 0)) != 0)
                break;
            purged++;
        }
        /* after a delete, MDB_NEXT gives the record that followed it */
        rc = mdb_cursor_get(c, &ck, &cv, MDB_NEXT);
        if (wrapped && rc == MDB_NOTFOUND)
            break;
    }
    mdb_cursor_close(c);
    return rc == MDB_NOTFOUND ? 0 : rc;
}

enum sst_code
sst_emu_tokens_put(struct sst_emu_txn *t, const char *token, size_t len,
                   int64_t now_ms, int64_t expires_ms, const void *val,
                   size_t val_len, struct sst_err *err)
{
    MDB_val k, v;
    int rc;

    if (check_token(len, err) != SST_OK)
        return SST_E_INVALID_ARG;
    if (!t->write)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "storing a token needs a write transaction");
    k.mv_data = (void *)token;
    k.mv_size = len;
    v.mv_size = 8 + val_len;
    rc = mdb_put(t->txn, t->st->tokens, &k, &v, MDB_RESERVE);
    if (rc != 0)
        return sst_emu_store_fail(err, rc, "storing a request token");
    sst_emu_put_u64(v.mv_data, (uint64_t)expires_ms);
    if (val_len > 0)
        memcpy((uint8_t *)v.mv_data + 8, val, val_len);
    rc = purge(t, &k, now_ms);
    if (rc != 0)
        return sst_emu_store_fail(err, rc, "removing expired request tokens");
    return SST_OK;
}

enum sst_code
sst_emu_tokens_count(struct sst_emu_txn *t, uint64_t *count,
                     struct sst_err *err)
{
    MDB_stat s;
    int rc;

    *count = 0;
    rc = mdb_stat(t->txn, t->st->tokens, &s);
    if (rc != 0)
        return sst_emu_store_fail(err, rc, "counting request tokens");
    *count = s.ms_entries;
    return SST_OK;
}
