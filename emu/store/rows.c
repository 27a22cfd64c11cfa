/*
 * emu/store/rows.c - rows and counters in LMDB (see rows.h for the
 * layout).
 */
#include <string.h>

#include <sst/mem.h>

#include "emu/store/key.h"
#include "emu/store/rows.h"
#include "emu/store/store_int.h"

#define PREFIX_LEN 12 /* table id + index id      */
#define HASH_LEN 8
#define SEQ_LEN 2
#define LONG_STEM (PREFIX_LEN + SST_EMU_ROW_INLINE + HASH_LEN)
#define LONG_KEY_LEN (LONG_STEM + SEQ_LEN) /* physical long key        */
#define LEN_LEN 4                          /* whole-key length in value */

_Static_assert(LONG_KEY_LEN == SST_EMU_PHYS_KEY_MAX,
               "store_int.h knows the longest physical key");

/* ------------------------------------------------------------------ */
/* SipHash-2-4 (Aumasson and Bernstein), little-endian words            */

#define ROTL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))

static uint64_t
le64(const uint8_t *p)
{
    uint64_t v = 0;
    int i;
    for (i = 7; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

#define SIPROUND                                                               \
    do {                                                                       \
        v0 += v1;                                                              \
        v1 = ROTL(v1, 13);                                                     \
        v1 ^= v0;                                                              \
        v0 = ROTL(v0, 32);                                                     \
        v2 += v3;                                                              \
        v3 = ROTL(v3, 16);                                                     \
        v3 ^= v2;                                                              \
        v0 += v3;                                                              \
        v3 = ROTL(v3, 21);                                                     \
        v3 ^= v0;                                                              \
        v2 += v1;                                                              \
        v1 = ROTL(v1, 17);                                                     \
        v1 ^= v2;                                                              \
        v2 = ROTL(v2, 32);                                                     \
    } while (0)

uint64_t
sst_emu_siphash(const uint8_t key[16], const uint8_t *data, size_t len)
{
    uint64_t k0 = le64(key), k1 = le64(key + 8);
    uint64_t v0 = 0x736f6d6570736575ULL ^ k0;
    uint64_t v1 = 0x646f72616e646f6dULL ^ k1;
    uint64_t v2 = 0x6c7967656e657261ULL ^ k0;
    uint64_t v3 = 0x7465646279746573ULL ^ k1;
    uint64_t m, b = (uint64_t)len << 56;
    size_t i, tail = len & 7;

    for (i = 0; i + 8 <= len; i += 8) {
        m = le64(data + i);
        v3 ^= m;
        SIPROUND;
        SIPROUND;
        v0 ^= m;
    }
    for (; tail > 0; tail--)
        b |= (uint64_t)data[i + tail - 1] << (8 * (tail - 1));
    v3 ^= b;
    SIPROUND;
    SIPROUND;
    v0 ^= b;
    v2 ^= 0xff;
    SIPROUND;
    SIPROUND;
    SIPROUND;
    SIPROUND;
    return v0 ^ v1 ^ v2 ^ v3;
}

/* ------------------------------------------------------------------ */
/* physical keys                                                       */

static void
put_prefix(uint8_t *p, uint64_t table_id, uint32_t index_id)
{
    sst_emu_put_u64(p, table_id);
    sst_emu_put_u32(p + 8, index_id);
}

/* The physical key of a short key, or the stem (all but the sequence) of a
 * long one, into buf (LONG_KEY_LEN bytes at least). */
static size_t
physical_key(const struct sst_emu_txn *t, uint8_t *buf, uint64_t table_id,
             uint32_t index_id, const uint8_t *key, size_t key_len)
{
    put_prefix(buf, table_id, index_id);
    if (key_len <= SST_EMU_ROW_INLINE) {
        memcpy(buf + PREFIX_LEN, key, key_len);
        return PREFIX_LEN + key_len;
    }
    memcpy(buf + PREFIX_LEN, key, SST_EMU_ROW_INLINE);
    sst_emu_put_u64(buf + PREFIX_LEN + SST_EMU_ROW_INLINE,
                    sst_emu_siphash(t->st->uid, key, key_len));
    buf[LONG_STEM] = 0;
    buf[LONG_STEM + 1] = 0;
    return LONG_KEY_LEN;
}

/* Whether the stored value v holds the whole key `key`. */
static bool
value_has_key(const MDB_val *v, const uint8_t *key, size_t key_len)
{
    return v->mv_size >= LEN_LEN + key_len &&
           sst_emu_get_u32(v->mv_data) == key_len &&
           memcmp((const uint8_t *)v->mv_data + LEN_LEN, key, key_len) == 0;
}

/*
 * Find the slot of a long key among those sharing its stem. On return
 * *found says whether one holds key (the cursor is then on it) and
 * *next_seq is the sequence a new slot would take.
 */
static int
find_long(MDB_cursor *c, uint8_t *pk, const uint8_t *key, size_t key_len,
          bool *found, unsigned *next_seq, MDB_val *val)
{
    MDB_val k = {LONG_KEY_LEN, pk};
    int rc;

    *found = false;
    *next_seq = 0;
    rc = mdb_cursor_get(c, &k, val, MDB_SET_RANGE);
    while (rc == 0) {
        if (k.mv_size != LONG_KEY_LEN || memcmp(k.mv_data, pk, LONG_STEM))
            return 0;
        *next_seq = ((unsigned)((const uint8_t *)k.mv_data)[LONG_STEM] << 8 |
                     ((const uint8_t *)k.mv_data)[LONG_STEM + 1]) +
                    1;
        if (value_has_key(val, key, key_len)) {
            memcpy(pk, k.mv_data, LONG_KEY_LEN);
            *found = true;
            return 0;
        }
        rc = mdb_cursor_get(c, &k, val, MDB_NEXT);
    }
    return rc == MDB_NOTFOUND ? 0 : rc;
}

static enum sst_code
check_args(const struct sst_emu_txn *t, bool write, size_t key_len,
           struct sst_err *err)
{
    if (write && !t->write)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "a write needs a write transaction");
    if (key_len == 0 || key_len > SST_EMU_KEY_MAX)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "row key length %zu is out of range", key_len);
    return SST_OK;
}

/* The checks of a row call, then the physical key of (table_id,
 * index_id, key) in pk, and k pointing at it. */
static enum sst_code
row_key(const struct sst_emu_txn *t, bool write, uint64_t table_id,
        uint32_t index_id, const uint8_t *key, size_t key_len, uint8_t *pk,
        MDB_val *k, struct sst_err *err)
{
    enum sst_code code;

    code = check_args(t, write, key_len, err);
    if (code != SST_OK)
        return code;
    k->mv_size = physical_key(t, pk, table_id, index_id, key, key_len);
    k->mv_data = pk;
    return SST_OK;
}

/* find_long() with a cursor of its own; with del, the slot found is
 * deleted. An LMDB code. */
static int
seek_long(const struct sst_emu_txn *t, uint8_t *pk, const uint8_t *key,
          size_t key_len, bool del, bool *found, unsigned *next_seq,
          MDB_val *val)
{
    MDB_cursor *c = NULL;
    int rc;

    rc = mdb_cursor_open(t->txn, t->st->rows, &c);
    if (rc == 0)
        rc = find_long(c, pk, key, key_len, found, next_seq, val);
    if (rc == 0 && del && *found)
        rc = mdb_cursor_del(c, 0);
    mdb_cursor_close(c);
    return rc;
}

/* ------------------------------------------------------------------ */
/* rows                                                                */

enum sst_code
sst_emu_rows_put(struct sst_emu_txn *t, uint64_t table_id, uint32_t index_id,
                 const uint8_t *key, size_t key_len, const void *val,
                 size_t val_len, struct sst_err *err)
{
    uint8_t pk[LONG_KEY_LEN];
    MDB_val k, v;
    unsigned seq;
    bool found;
    enum sst_code code;
    int rc;

    code = row_key(t, true, table_id, index_id, key, key_len, pk, &k, err);
    if (code != SST_OK)
        return code;
    if (key_len <= SST_EMU_ROW_INLINE) {
        v.mv_data = (void *)val;
        v.mv_size = val_len;
        rc = mdb_put(t->txn, t->st->rows, &k, &v, 0);
        return rc ? sst_emu_store_fail(err, rc, "writing a row") : SST_OK;
    }
    rc = seek_long(t, pk, key, key_len, false, &found, &seq, &v);
    if (rc != 0)
        return sst_emu_store_fail(err, rc, "writing a row");
    if (!found) {
        if (seq > 0xFFFF)
            return sst_err_set(err, SST_E_STORAGE,
                               "too many long keys share one hash");
        pk[LONG_STEM] = (uint8_t)(seq >> 8);
        pk[LONG_STEM + 1] = (uint8_t)seq;
    }
    v.mv_size = LEN_LEN + key_len + val_len;
    rc = mdb_put(t->txn, t->st->rows, &k, &v, MDB_RESERVE);
    if (rc != 0)
        return sst_emu_store_fail(err, rc, "writing a row");
    sst_emu_put_u32(v.mv_data, (uint32_t)key_len);
    memcpy((uint8_t *)v.mv_data + LEN_LEN, key, key_len);
    if (val_len > 0)
        memcpy((uint8_t *)v.mv_data + LEN_LEN + key_len, val, val_len);
    return SST_OK;
}

/* The row of (table_id, index_id, key): *found, and on a read its value
 * in *val (the stored bytes, valid in the transaction); with del, the row
 * is deleted instead. */
static enum sst_code
find_row(struct sst_emu_txn *t, bool del, uint64_t table_id,
         uint32_t index_id, const uint8_t *key, size_t key_len, MDB_val *val,
         bool *found, struct sst_err *err)
{
    const char *what = del ? "deleting a row" : "reading a row";
    uint8_t pk[LONG_KEY_LEN];
    MDB_val k, v;
    unsigned seq;
    enum sst_code code;
    int rc;

    *found = false;
    code = row_key(t, del, table_id, index_id, key, key_len, pk, &k, err);
    if (code != SST_OK)
        return code;
    if (key_len <= SST_EMU_ROW_INLINE) {
        rc = del ? mdb_del(t->txn, t->st->rows, &k, NULL)
                 : mdb_get(t->txn, t->st->rows, &k, &v);
        if (rc == MDB_NOTFOUND)
            return SST_OK;
        if (rc != 0)
            return sst_emu_store_fail(err, rc, what);
        *found = true;
        if (!del)
            *val = v;
        return SST_OK;
    }
    rc = seek_long(t, pk, key, key_len, del, found, &seq, &v);
    if (rc != 0)
        return sst_emu_store_fail(err, rc, what);
    if (*found && !del) {
        val->mv_data = (uint8_t *)v.mv_data + LEN_LEN + key_len;
        val->mv_size = v.mv_size - LEN_LEN - key_len;
    }
    return SST_OK;
}

enum sst_code
sst_emu_rows_get(struct sst_emu_txn *t, uint64_t table_id, uint32_t index_id,
                 const uint8_t *key, size_t key_len, const void **val,
                 size_t *val_len, bool *found, struct sst_err *err)
{
    MDB_val v;
    enum sst_code code;

    *val = NULL;
    *val_len = 0;
    code = find_row(t, false, table_id, index_id, key, key_len, &v, found,
                    err);
    if (code == SST_OK && *found) {
        *val = v.mv_data;
        *val_len = v.mv_size;
    }
    return code;
}

enum sst_code
sst_emu_rows_del(struct sst_emu_txn *t, uint64_t table_id, uint32_t index_id,
                 const uint8_t *key, size_t key_len, bool *found,
                 struct sst_err *err)
{
    return find_row(t, true, table_id, index_id, key, key_len, NULL, found,
                    err);
}

/* Delete every key of dbi that starts with prefix. */
static int
drop_range(MDB_txn *txn, MDB_dbi dbi, const uint8_t *prefix, size_t n)
{
    MDB_cursor *c = NULL;
    MDB_val k = {n, (void *)prefix}, v;
    int rc;

    rc = mdb_cursor_open(txn, dbi, &c);
    if (rc != 0)
        return rc;
    rc = mdb_cursor_get(c, &k, &v, MDB_SET_RANGE);
    while (rc == 0 && k.mv_size >= n && memcmp(k.mv_data, prefix, n) == 0) {
        rc = mdb_cursor_del(c, 0);
        if (rc != 0)
            break;
        /* Seek again rather than trust the cursor's position after a
         * delete at the end of a page. */
        k.mv_size = n;
        k.mv_data = (void *)prefix;
        rc = mdb_cursor_get(c, &k, &v, MDB_SET_RANGE);
    }
    mdb_cursor_close(c);
    return rc == MDB_NOTFOUND || rc == 0 ? 0 : rc;
}

enum sst_code
sst_emu_rows_drop_index(struct sst_emu_txn *t, uint64_t table_id,
                        uint32_t index_id, struct sst_err *err)
{
    uint8_t prefix[PREFIX_LEN];
    int rc;

    if (!t->write)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "a write needs a write transaction");
    put_prefix(prefix, table_id, index_id);
    rc = drop_range(t->txn, t->st->rows, prefix, sizeof prefix);
    if (rc == 0)
        rc = drop_range(t->txn, t->st->stats, prefix, sizeof prefix);
    return rc ? sst_emu_store_fail(err, rc, "deleting an index") : SST_OK;
}

enum sst_code
sst_emu_rows_drop_table(struct sst_emu_txn *t, uint64_t table_id,
                        struct sst_err *err)
{
    uint8_t prefix[8];
    int rc;

    if (!t->write)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "a write needs a write transaction");
    sst_emu_put_u64(prefix, table_id);
    rc = drop_range(t->txn, t->st->rows, prefix, sizeof prefix);
    if (rc == 0)
        rc = drop_range(t->txn, t->st->stats, prefix, sizeof prefix);
    return rc ? sst_emu_store_fail(err, rc, "deleting a table's rows") : SST_OK;
}

enum sst_code
sst_emu_rows_count(struct sst_emu_txn *t, uint64_t table_id, uint32_t index_id,
                   uint64_t *count, struct sst_err *err)
{
    uint8_t prefix[PREFIX_LEN];
    MDB_cursor *c = NULL;
    MDB_val k = {sizeof prefix, prefix}, v;
    int rc;

    *count = 0;
    put_prefix(prefix, table_id, index_id);
    rc = mdb_cursor_open(t->txn, t->st->rows, &c);
    if (rc != 0)
        return sst_emu_store_fail(err, rc, "counting rows");
    rc = mdb_cursor_get(c, &k, &v, MDB_SET_RANGE);
    while (rc == 0 && k.mv_size >= PREFIX_LEN &&
           memcmp(k.mv_data, prefix, PREFIX_LEN) == 0) {
        (*count)++;
        rc = mdb_cursor_get(c, &k, &v, MDB_NEXT);
    }
    mdb_cursor_close(c);
    if (rc != 0 && rc != MDB_NOTFOUND)
        return sst_emu_store_fail(err, rc, "counting rows");
    return SST_OK;
}

/* ------------------------------------------------------------------ */
/* counters                                                            */

enum sst_code
sst_emu_stats_get(struct sst_emu_txn *t, uint64_t table_id, uint32_t index_id,
                  uint64_t *item_count, uint64_t *size_bytes,
                  struct sst_err *err)
{
    uint8_t key[PREFIX_LEN];
    MDB_val k = {sizeof key, key}, v;
    int rc;

    *item_count = 0;
    *size_bytes = 0;
    put_prefix(key, table_id, index_id);
    rc = mdb_get(t->txn, t->st->stats, &k, &v);
    if (rc == MDB_NOTFOUND)
        return SST_OK;
    if (rc != 0)
        return sst_emu_store_fail(err, rc, "reading counters");
    if (v.mv_size != 16)
        return sst_err_set(err, SST_E_STORAGE, "a counter record is corrupt");
    *item_count = sst_emu_get_u64(v.mv_data);
    *size_bytes = sst_emu_get_u64((const uint8_t *)v.mv_data + 8);
    return SST_OK;
}

static uint64_t
add_clamped(uint64_t v, int64_t d)
{
    if (d >= 0)
        return v + (uint64_t)d;
    return (uint64_t)(-(d + 1)) + 1 > v ? 0 : v - ((uint64_t)(-(d + 1)) + 1);
}

enum sst_code
sst_emu_stats_add(struct sst_emu_txn *t, uint64_t table_id, uint32_t index_id,
                  int64_t items, int64_t bytes, struct sst_err *err)
{
    uint8_t key[PREFIX_LEN], val[16];
    MDB_val k = {sizeof key, key}, v = {sizeof val, val};
    uint64_t count, size;
    enum sst_code code;
    int rc;

    if (!t->write)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "a write needs a write transaction");
    code = sst_emu_stats_get(t, table_id, index_id, &count, &size, err);
    if (code != SST_OK)
        return code;
    put_prefix(key, table_id, index_id);
    sst_emu_put_u64(val, add_clamped(count, items));
    sst_emu_put_u64(val + 8, add_clamped(size, bytes));
    rc = mdb_put(t->txn, t->st->stats, &k, &v, 0);
    return rc ? sst_emu_store_fail(err, rc, "writing counters") : SST_OK;
}
