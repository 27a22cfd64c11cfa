/*
 * emu/store/streams.c - stream descriptions, records and the sequence
 * counter (see streams.h).
 */
#include <string.h>

#include "emu/store/store_int.h"
#include "emu/store/streams.h"

#define DESC_KEY_LEN 17   /* 'D' | label | table id */
#define REC_PREFIX_LEN 17 /* 'R' | table id | label */
#define REC_KEY_LEN 25    /* prefix | sequence number */

static const char seq_key[] = "stream_seq";

static enum sst_code
fail(struct sst_err *err, int rc, const char *what)
{
    return sst_emu_store_fail(err, rc, what);
}

static enum sst_code
read_seq(struct sst_emu_txn *t, uint64_t *seq, struct sst_err *err)
{
    MDB_val k = {sizeof seq_key - 1, (void *)seq_key}, v;
    int rc;

    rc = mdb_get(t->txn, t->st->meta, &k, &v);
    if (rc == MDB_NOTFOUND) {
        *seq = 0; /* taken by the first stream: records start at 1 */
        return SST_OK;
    }
    if (rc != 0)
        return fail(err, rc, "reading the stream sequence");
    if (v.mv_size != 8)
        return sst_err_set(err, SST_E_STORAGE,
                           "the stream sequence record is corrupt");
    *seq = sst_emu_get_u64(v.mv_data);
    return SST_OK;
}

enum sst_code
sst_emu_streams_peek_seq(struct sst_emu_txn *t, uint64_t *seq,
                         struct sst_err *err)
{
    return read_seq(t, seq, err);
}

enum sst_code
sst_emu_streams_next_seq(struct sst_emu_txn *t, uint64_t *seq,
                         struct sst_err *err)
{
    MDB_val k = {sizeof seq_key - 1, (void *)seq_key}, v;
    uint8_t buf[8];
    enum sst_code code;
    int rc;

    code = read_seq(t, seq, err);
    if (code != SST_OK)
        return code;
    sst_emu_put_u64(buf, *seq + 1);
    v.mv_data = buf;
    v.mv_size = sizeof buf;
    rc = mdb_put(t->txn, t->st->meta, &k, &v, 0);
    return rc ? fail(err, rc, "writing the stream sequence") : SST_OK;
}

static void
desc_key(uint8_t k[DESC_KEY_LEN], struct sst_emu_stream_id id)
{
    k[0] = 'D';
    sst_emu_put_u64(k + 1, (uint64_t)id.label_ms);
    sst_emu_put_u64(k + 9, id.table_id);
}

static struct sst_emu_stream_id
desc_id(const MDB_val *k)
{
    struct sst_emu_stream_id id;

    id.label_ms = (int64_t)sst_emu_get_u64((const uint8_t *)k->mv_data + 1);
    id.table_id = sst_emu_get_u64((const uint8_t *)k->mv_data + 9);
    return id;
}

static bool
is_desc(const MDB_val *k)
{
    return k->mv_size == DESC_KEY_LEN &&
           ((const uint8_t *)k->mv_data)[0] == 'D';
}

static void
rec_key(uint8_t k[REC_KEY_LEN], struct sst_emu_stream_id id, uint64_t seq)
{
    k[0] = 'R';
    sst_emu_put_u64(k + 1, id.table_id);
    sst_emu_put_u64(k + 9, (uint64_t)id.label_ms);
    sst_emu_put_u64(k + 17, seq);
}

/* Whether k is a record key of the stream whose prefix is p. */
static bool
of_stream(const MDB_val *k, const uint8_t p[REC_KEY_LEN])
{
    return k->mv_size == REC_KEY_LEN &&
           memcmp(k->mv_data, p, REC_PREFIX_LEN) == 0;
}

enum sst_code
sst_emu_streams_put_desc(struct sst_emu_txn *t, struct sst_emu_stream_id id,
                         const void *desc, size_t len, struct sst_err *err)
{
    uint8_t kb[DESC_KEY_LEN];
    MDB_val k = {sizeof kb, kb}, v = {len, (void *)desc};
    int rc;

    desc_key(kb, id);
    rc = mdb_put(t->txn, t->st->streams, &k, &v, 0);
    return rc ? fail(err, rc, "writing a stream") : SST_OK;
}

/* Walk descriptions from the cursor's position in direction op
 * (MDB_NEXT or MDB_PREV), while keep(label) says so. */
static enum sst_code
walk_desc(MDB_cursor *c, int rc, MDB_cursor_op op, const int64_t *label,
          sst_emu_stream_desc_fn fn, void *user, struct sst_err *err)
{
    MDB_val k, v;
    enum sst_code code = SST_OK;
    bool stop = false;

    while (rc == 0 && !stop) {
        rc = mdb_cursor_get(c, &k, &v, MDB_GET_CURRENT);
        if (rc != 0 || !is_desc(&k))
            break;
        if (label != NULL && desc_id(&k).label_ms != *label)
            break;
        code = fn(user, desc_id(&k), v.mv_data, v.mv_size, &stop, err);
        if (code != SST_OK)
            return code;
        if (!stop)
            rc = mdb_cursor_get(c, &k, &v, op);
    }
    if (rc != 0 && rc != MDB_NOTFOUND)
        return fail(err, rc, "reading streams");
    return SST_OK;
}

enum sst_code
sst_emu_streams_each_desc(struct sst_emu_txn *t,
                          const struct sst_emu_stream_id *after, bool ascending,
                          sst_emu_stream_desc_fn fn, void *user,
                          struct sst_err *err)
{
    uint8_t kb[DESC_KEY_LEN];
    MDB_cursor *c = NULL;
    MDB_val k, v;
    enum sst_code code;
    int rc;

    rc = mdb_cursor_open(t->txn, t->st->streams, &c);
    if (rc != 0)
        return fail(err, rc, "reading streams");
    if (after != NULL) {
        desc_key(kb, *after);
    } else {
        memset(kb, ascending ? 0 : 0xff, sizeof kb);
        kb[0] = 'D';
    }
    k.mv_data = kb;
    k.mv_size = sizeof kb;
    /* the first key at or after the start ('R' keys sort after every
     * 'D'); then, going down, one step back: the newest before it */
    rc = mdb_cursor_get(c, &k, &v, MDB_SET_RANGE);
    if (!ascending)
        rc =
            mdb_cursor_get(c, &k, &v, rc == MDB_NOTFOUND ? MDB_LAST : MDB_PREV);
    else if (rc == 0 && after != NULL && k.mv_size == sizeof kb &&
             memcmp(k.mv_data, kb, sizeof kb) == 0)
        rc = mdb_cursor_get(c, &k, &v, MDB_NEXT);
    code =
        walk_desc(c, rc, ascending ? MDB_NEXT : MDB_PREV, NULL, fn, user, err);
    mdb_cursor_close(c);
    return code;
}

enum sst_code
sst_emu_streams_at_label(struct sst_emu_txn *t, int64_t label_ms,
                         sst_emu_stream_desc_fn fn, void *user,
                         struct sst_err *err)
{
    struct sst_emu_stream_id id = {0, label_ms};
    uint8_t kb[DESC_KEY_LEN];
    MDB_cursor *c = NULL;
    MDB_val k = {sizeof kb, kb}, v;
    enum sst_code code;
    int rc;

    rc = mdb_cursor_open(t->txn, t->st->streams, &c);
    if (rc != 0)
        return fail(err, rc, "reading streams");
    desc_key(kb, id);
    rc = mdb_cursor_get(c, &k, &v, MDB_SET_RANGE);
    code = walk_desc(c, rc, MDB_NEXT, &label_ms, fn, user, err);
    mdb_cursor_close(c);
    return code;
}

enum sst_code
sst_emu_streams_append(struct sst_emu_txn *t, struct sst_emu_stream_id id,
                       uint64_t seq, const void *rec, size_t len,
                       struct sst_err *err)
{
    uint8_t kb[REC_KEY_LEN];
    MDB_val k = {sizeof kb, kb}, v = {len, (void *)rec};
    int rc;

    if (len < 8)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "a stream record starts with its time");
    rec_key(kb, id, seq);
    rc = mdb_put(t->txn, t->st->streams, &k, &v, 0);
    return rc ? fail(err, rc, "writing a stream record") : SST_OK;
}

enum sst_code
sst_emu_streams_each_record(struct sst_emu_txn *t, struct sst_emu_stream_id id,
                            uint64_t from, sst_emu_stream_rec_fn fn, void *user,
                            struct sst_err *err)
{
    uint8_t kb[REC_KEY_LEN];
    MDB_cursor *c = NULL;
    MDB_val k = {sizeof kb, kb}, v;
    enum sst_code code = SST_OK;
    bool stop = false;
    int rc;

    rc = mdb_cursor_open(t->txn, t->st->streams, &c);
    if (rc != 0)
        return fail(err, rc, "reading stream records");
    rec_key(kb, id, from);
    rc = mdb_cursor_get(c, &k, &v, MDB_SET_RANGE);
    while (rc == 0 && !stop && of_stream(&k, kb)) {
        code = fn(user, sst_emu_get_u64((const uint8_t *)k.mv_data + 17),
                  v.mv_data, v.mv_size, &stop, err);
        if (code != SST_OK)
            break;
        rc = mdb_cursor_get(c, &k, &v, MDB_NEXT);
    }
    mdb_cursor_close(c);
    if (code == SST_OK && rc != 0 && rc != MDB_NOTFOUND)
        code = fail(err, rc, "reading stream records");
    return code;
}

enum sst_code
sst_emu_streams_bounds(struct sst_emu_txn *t, struct sst_emu_stream_id id,
                       uint64_t *first, uint64_t *last, bool *found,
                       struct sst_err *err)
{
    uint8_t kb[REC_KEY_LEN], end[REC_KEY_LEN];
    MDB_cursor *c = NULL;
    MDB_val k = {sizeof kb, kb}, v;
    int rc;

    *first = *last = 0;
    *found = false;
    rc = mdb_cursor_open(t->txn, t->st->streams, &c);
    if (rc != 0)
        return fail(err, rc, "reading stream records");
    rec_key(kb, id, 0);
    rc = mdb_cursor_get(c, &k, &v, MDB_SET_RANGE);
    if (rc == 0 && of_stream(&k, kb)) {
        *found = true;
        *first = sst_emu_get_u64((const uint8_t *)k.mv_data + 17);
        /* the last key at or before the stream's greatest */
        rec_key(end, id, UINT64_MAX);
        k.mv_data = end;
        k.mv_size = sizeof end;
        rc = mdb_cursor_get(c, &k, &v, MDB_SET_RANGE);
        if (rc == MDB_NOTFOUND)
            rc = mdb_cursor_get(c, &k, &v, MDB_LAST);
        else if (rc == 0 && !of_stream(&k, end))
            rc = mdb_cursor_get(c, &k, &v, MDB_PREV);
        if (rc == 0)
            *last = sst_emu_get_u64((const uint8_t *)k.mv_data + 17);
    }
    mdb_cursor_close(c);
    if (rc != 0 && rc != MDB_NOTFOUND)
        return fail(err, rc, "reading stream records");
    return SST_OK;
}

enum sst_code
sst_emu_streams_trim(struct sst_emu_txn *t, struct sst_emu_stream_id id,
                     int64_t before_ms, size_t max, size_t *trimmed,
                     uint64_t *last, struct sst_err *err)
{
    uint8_t kb[REC_KEY_LEN];
    MDB_cursor *c = NULL;
    MDB_val k = {sizeof kb, kb}, v;
    int rc;

    *trimmed = 0;
    *last = 0;
    rc = mdb_cursor_open(t->txn, t->st->streams, &c);
    if (rc != 0)
        return fail(err, rc, "trimming a stream");
    rec_key(kb, id, 0);
    rc = mdb_cursor_get(c, &k, &v, MDB_SET_RANGE);
    while (rc == 0 && *trimmed < max && of_stream(&k, kb) && v.mv_size >= 8 &&
           (int64_t)sst_emu_get_u64(v.mv_data) < before_ms) {
        *last = sst_emu_get_u64((const uint8_t *)k.mv_data + 17);
        if ((rc = mdb_cursor_del(c, 0)) != 0)
            break;
        (*trimmed)++;
        /* after a delete, MDB_NEXT gives the record that followed it */
        rc = mdb_cursor_get(c, &k, &v, MDB_NEXT);
    }
    mdb_cursor_close(c);
    if (rc != 0 && rc != MDB_NOTFOUND)
        return fail(err, rc, "trimming a stream");
    return SST_OK;
}
