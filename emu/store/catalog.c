/*
 * emu/store/catalog.c - table descriptions in LMDB, and their cache (see
 * catalog.h). The description itself is table.c's.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include <sst/mem.h>

#include "emu/store/catalog.h"
#include "emu/store/rows.h"
#include "emu/store/store_int.h"

#define RECORD_VERSION 1
#define HEADER_LEN 17 /* version, table id, revision */
#define CACHE_BUCKETS 256

static const char next_table_id_key[] = "next_table_id";

/* ------------------------------------------------------------------ */
/* records                                                             */

static int
get_record(struct sst_emu_txn *txn, const char *name, MDB_val *v)
{
    MDB_val k = {strlen(name), (void *)name};

    if (k.mv_size == 0)
        return MDB_NOTFOUND;
    return mdb_get(txn->txn, txn->st->catalog, &k, v);
}

static enum sst_code
parse_record(const MDB_val *v, struct sst_emu_table **out, struct sst_err *err)
{
    const uint8_t *p = v->mv_data;
    enum sst_code code;

    *out = NULL;
    if (v->mv_size < HEADER_LEN || p[0] != RECORD_VERSION)
        return sst_err_set(err, SST_E_STORAGE, "a catalog record is corrupt");
    code = sst_emu_table_decode((const char *)p + HEADER_LEN,
                                v->mv_size - HEADER_LEN, out, err);
    if (code != SST_OK)
        return code;
    (*out)->id = sst_emu_get_u64(p + 1);
    (*out)->rev = sst_emu_get_u64(p + 9);
    return SST_OK;
}

static enum sst_code
put_record(struct sst_emu_txn *txn, const struct sst_emu_table *t,
           struct sst_err *err)
{
    MDB_val k = {strlen(t->name), t->name}, v;
    char *json = NULL;
    enum sst_code code;
    size_t n;
    int rc;

    code = sst_emu_table_encode(t, &json, err);
    if (code != SST_OK)
        return code;
    n = strlen(json);
    v.mv_size = HEADER_LEN + n;
    rc = mdb_put(txn->txn, txn->st->catalog, &k, &v, MDB_RESERVE);
    if (rc == 0) {
        uint8_t *p = v.mv_data;
        p[0] = RECORD_VERSION;
        sst_emu_put_u64(p + 1, t->id);
        sst_emu_put_u64(p + 9, t->rev);
        memcpy(p + HEADER_LEN, json, n);
    }
    sst_free(json);
    return rc ? sst_emu_store_fail(err, rc, "writing the catalog") : SST_OK;
}

/* ------------------------------------------------------------------ */
/* cache                                                               */

struct cache_entry {
    char *name;
    const struct sst_emu_table *table; /* holds one reference */
    /* A read snapshot (LMDB txn id) whose catalog record was checked to
     * be this table, or 0. A committed txn id names one state of the
     * environment, so a reader of that same snapshot may take the table
     * without reading the record again. Reset whenever table changes. */
    uint64_t seen;
    struct cache_entry *next;
};

struct sst_emu_catalog_cache {
    pthread_mutex_t mu;
    struct cache_entry *buckets[CACHE_BUCKETS];
};

struct sst_emu_catalog_cache *
sst_emu_catalog_cache_new(void)
{
    struct sst_emu_catalog_cache *c = sst_calloc(1, sizeof *c);

    if (c != NULL && pthread_mutex_init(&c->mu, NULL) != 0) {
        sst_free(c);
        c = NULL;
    }
    return c;
}

void
sst_emu_catalog_cache_free(struct sst_emu_catalog_cache *c)
{
    struct cache_entry *e, *next;
    size_t i;

    if (c == NULL)
        return;
    for (i = 0; i < CACHE_BUCKETS; i++)
        for (e = c->buckets[i]; e != NULL; e = next) {
            next = e->next;
            sst_emu_table_release(e->table);
            sst_free(e->name);
            sst_free(e);
        }
    pthread_mutex_destroy(&c->mu);
    sst_free(c);
}

static struct cache_entry **
cache_slot(struct sst_emu_catalog_cache *c, const char *name)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    struct cache_entry **e;
    const char *p;

    for (p = name; *p; p++)
        h = (h ^ (uint8_t)*p) * 16777619u;
    for (e = &c->buckets[h % CACHE_BUCKETS]; *e; e = &(*e)->next)
        if (strcmp((*e)->name, name) == 0)
            break;
    return e;
}

/* The cached table with one new reference if it was checked in read
 * snapshot snap (not 0). */
static const struct sst_emu_table *
cache_seen(struct sst_emu_catalog_cache *c, const char *name, uint64_t snap)
{
    const struct sst_emu_table *t = NULL;
    struct cache_entry *e;

    pthread_mutex_lock(&c->mu);
    e = *cache_slot(c, name);
    if (e != NULL && e->seen == snap) {
        t = e->table;
        sst_emu_table_retain(t);
    }
    pthread_mutex_unlock(&c->mu);
    return t;
}

/* A cached table with one new reference if it matches id and rev; then
 * it is marked as checked in snap (0: not a read snapshot). */
static const struct sst_emu_table *
cache_find(struct sst_emu_catalog_cache *c, const char *name, uint64_t id,
           uint64_t rev, uint64_t snap)
{
    const struct sst_emu_table *t = NULL;
    struct cache_entry *e;

    pthread_mutex_lock(&c->mu);
    e = *cache_slot(c, name);
    if (e != NULL && e->table->id == id && e->table->rev == rev) {
        t = e->table;
        sst_emu_table_retain(t);
        if (snap != 0)
            e->seen = snap;
    }
    pthread_mutex_unlock(&c->mu);
    return t;
}

/* Remember t (taking a reference) unless a newer revision is cached, as
 * checked in snap (0: not a read snapshot). Out of memory only means not
 * caching. */
static void
cache_store(struct sst_emu_catalog_cache *c, const struct sst_emu_table *t,
            uint64_t snap)
{
    struct cache_entry **slot, *e;

    pthread_mutex_lock(&c->mu);
    slot = cache_slot(c, t->name);
    e = *slot;
    if (e == NULL) {
        e = sst_calloc(1, sizeof *e);
        if (e != NULL && (e->name = sst_strdup(t->name)) == NULL) {
            sst_free(e);
            e = NULL;
        }
        if (e != NULL)
            *slot = e;
    } else if (e->table->id == t->id && e->table->rev >= t->rev) {
        e = NULL;
    } else {
        sst_emu_table_release(e->table);
        e->table = NULL;
    }
    if (e != NULL) {
        sst_emu_table_retain(t);
        e->table = t;
        e->seen = snap;
    }
    pthread_mutex_unlock(&c->mu);
}

static void
cache_forget(struct sst_emu_catalog_cache *c, const char *name)
{
    struct cache_entry **slot, *e;

    pthread_mutex_lock(&c->mu);
    slot = cache_slot(c, name);
    e = *slot;
    if (e != NULL) {
        *slot = e->next;
        sst_emu_table_release(e->table);
        sst_free(e->name);
        sst_free(e);
    }
    pthread_mutex_unlock(&c->mu);
}

/* ------------------------------------------------------------------ */
/* catalog operations                                                  */

enum sst_code
sst_emu_catalog_get(struct sst_emu_txn *txn, const char *name,
                    const struct sst_emu_table **out, struct sst_err *err)
{
    struct sst_emu_table *t = NULL;
    const uint8_t *p;
    enum sst_code code;
    uint64_t snap = 0;
    MDB_val v;
    int rc;

    *out = NULL;
    /* A write transaction's id is not a committed state yet (an aborted
     * one is used again): only readers take the shortcut. */
    if (!txn->write && (snap = mdb_txn_id(txn->txn)) != 0) {
        *out = cache_seen(txn->st->cache, name, snap);
        if (*out != NULL)
            return SST_OK;
    }
    rc = get_record(txn, name, &v);
    if (rc == MDB_NOTFOUND) {
        cache_forget(txn->st->cache, name);
        return SST_OK;
    }
    if (rc != 0)
        return sst_emu_store_fail(err, rc, "reading the catalog");
    if (v.mv_size < HEADER_LEN)
        return sst_err_set(err, SST_E_STORAGE, "a catalog record is corrupt");
    p = v.mv_data;
    *out = cache_find(txn->st->cache, name, sst_emu_get_u64(p + 1),
                      sst_emu_get_u64(p + 9), snap);
    if (*out != NULL)
        return SST_OK;
    code = parse_record(&v, &t, err);
    if (code != SST_OK)
        return code;
    cache_store(txn->st->cache, t, snap);
    *out = t;
    return SST_OK;
}

enum sst_code
sst_emu_catalog_load(struct sst_emu_txn *txn, const char *name,
                     struct sst_emu_table **out, struct sst_err *err)
{
    MDB_val v;
    int rc;

    *out = NULL;
    rc = get_record(txn, name, &v);
    if (rc == MDB_NOTFOUND)
        return SST_OK;
    if (rc != 0)
        return sst_emu_store_fail(err, rc, "reading the catalog");
    return parse_record(&v, out, err);
}

static enum sst_code
next_table_id(struct sst_emu_txn *txn, uint64_t *id, struct sst_err *err)
{
    MDB_val k = {sizeof next_table_id_key - 1, (void *)next_table_id_key};
    MDB_val v;
    uint8_t buf[8];
    int rc;

    rc = mdb_get(txn->txn, txn->st->meta, &k, &v);
    if (rc == MDB_NOTFOUND)
        *id = 1;
    else if (rc != 0)
        return sst_emu_store_fail(err, rc, "reading the catalog");
    else if (v.mv_size != 8)
        return sst_err_set(err, SST_E_STORAGE, "the meta record is corrupt");
    else
        *id = sst_emu_get_u64(v.mv_data);
    sst_emu_put_u64(buf, *id + 1);
    v.mv_data = buf;
    v.mv_size = sizeof buf;
    rc = mdb_put(txn->txn, txn->st->meta, &k, &v, 0);
    return rc ? sst_emu_store_fail(err, rc, "writing the catalog") : SST_OK;
}

/* A random (version 4) UUID, as AWS shows TableId. */
static enum sst_code
make_table_uuid(char out[SST_EMU_TABLE_ID_LEN + 1], struct sst_err *err)
{
    uint8_t b[16];
    size_t got = 0;

    while (got < sizeof b) {
        ssize_t r = getrandom(b + got, sizeof b - got, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return sst_emu_store_fail(err, errno, "drawing a table id");
        got += (size_t)r;
    }
    b[6] = (uint8_t)((b[6] & 0x0f) | 0x40);
    b[8] = (uint8_t)((b[8] & 0x3f) | 0x80);
    snprintf(out, SST_EMU_TABLE_ID_LEN + 1,
             "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
             "%02x%02x%02x%02x%02x%02x",
             b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10],
             b[11], b[12], b[13], b[14], b[15]);
    return SST_OK;
}

enum sst_code
sst_emu_catalog_create(struct sst_emu_txn *txn, struct sst_emu_table *t,
                       struct sst_err *err)
{
    enum sst_code code;
    size_t i;
    MDB_val v;
    int rc;

    if (!txn->write || t->name == NULL || *t->name == '\0')
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "creating a table needs a write transaction and "
                           "a name");
    rc = get_record(txn, t->name, &v);
    if (rc == 0)
        return sst_err_set(err, SST_E_IN_USE, "table %s exists", t->name);
    if (rc != MDB_NOTFOUND)
        return sst_emu_store_fail(err, rc, "reading the catalog");
    code = next_table_id(txn, &t->id, err);
    if (code == SST_OK)
        code = make_table_uuid(t->table_id, err);
    if (code != SST_OK)
        return code;
    t->rev = 1;
    t->next_index_id = 1;
    for (i = 0; i < t->index_count; i++)
        t->indexes[i].id = t->next_index_id++;
    return put_record(txn, t, err);
}

/* Whether the stored record of t->name is still the table t->id. */
static enum sst_code
check_same_table(struct sst_emu_txn *txn, const struct sst_emu_table *t,
                 uint64_t *rev, struct sst_err *err)
{
    MDB_val v;
    int rc;

    if (!txn->write)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "changing the catalog needs a write transaction");
    rc = get_record(txn, t->name, &v);
    if (rc == MDB_NOTFOUND)
        return sst_err_set(err, SST_E_NOT_FOUND, "table %s is gone", t->name);
    if (rc != 0)
        return sst_emu_store_fail(err, rc, "reading the catalog");
    if (v.mv_size < HEADER_LEN)
        return sst_err_set(err, SST_E_STORAGE, "a catalog record is corrupt");
    if (sst_emu_get_u64((const uint8_t *)v.mv_data + 1) != t->id)
        return sst_err_set(err, SST_E_NOT_FOUND, "table %s was replaced",
                           t->name);
    *rev = sst_emu_get_u64((const uint8_t *)v.mv_data + 9);
    return SST_OK;
}

enum sst_code
sst_emu_catalog_update(struct sst_emu_txn *txn, struct sst_emu_table *t,
                       struct sst_err *err)
{
    enum sst_code code;
    uint64_t rev;

    code = check_same_table(txn, t, &rev, err);
    if (code != SST_OK)
        return code;
    t->rev = rev + 1;
    return put_record(txn, t, err);
}

enum sst_code
sst_emu_catalog_delete(struct sst_emu_txn *txn, const struct sst_emu_table *t,
                       struct sst_err *err)
{
    MDB_val k = {strlen(t->name), t->name};
    enum sst_code code;
    uint64_t rev;
    int rc;

    code = check_same_table(txn, t, &rev, err);
    if (code != SST_OK)
        return code;
    rc = mdb_del(txn->txn, txn->st->catalog, &k, NULL);
    if (rc != 0)
        return sst_emu_store_fail(err, rc, "writing the catalog");
    /* Should txn abort, the next lookup simply decodes the table again. */
    cache_forget(txn->st->cache, t->name);
    return sst_emu_rows_drop_table(txn, t->id, err);
}

void
sst_emu_catalog_names_free(char **names, size_t count)
{
    size_t i;

    if (names == NULL)
        return;
    for (i = 0; i < count; i++)
        sst_free(names[i]);
    sst_free(names);
}

enum sst_code
sst_emu_catalog_list(struct sst_emu_txn *txn, const char *after, size_t limit,
                     char ***names, size_t *count, bool *more,
                     struct sst_err *err)
{
    MDB_cursor *c = NULL;
    MDB_val k, v;
    char **list = NULL, **bigger;
    size_t n = 0, cap = 0;
    int rc;

    *names = NULL;
    *count = 0;
    *more = false;
    if (limit == 0)
        return sst_err_set(err, SST_E_INVALID_ARG, "limit must be >= 1");
    rc = mdb_cursor_open(txn->txn, txn->st->catalog, &c);
    if (rc != 0)
        return sst_emu_store_fail(err, rc, "listing tables");
    if (after != NULL && *after != '\0') {
        k.mv_data = (void *)after;
        k.mv_size = strlen(after);
        rc = mdb_cursor_get(c, &k, &v, MDB_SET_RANGE);
        if (rc == 0 && k.mv_size == strlen(after) &&
            memcmp(k.mv_data, after, k.mv_size) == 0)
            rc = mdb_cursor_get(c, &k, &v, MDB_NEXT);
    } else {
        rc = mdb_cursor_get(c, &k, &v, MDB_FIRST);
    }
    while (rc == 0) {
        if (n == limit) {
            *more = true;
            break;
        }
        if (n == cap) {
            cap = cap == 0 ? 16 : 2 * cap;
            if (cap > limit)
                cap = limit;
            bigger = sst_realloc(list, cap * sizeof *list);
            if (bigger == NULL)
                goto nomem;
            list = bigger;
        }
        list[n] = sst_strndup(k.mv_data, k.mv_size);
        if (list[n] == NULL)
            goto nomem;
        n++;
        rc = mdb_cursor_get(c, &k, &v, MDB_NEXT);
    }
    mdb_cursor_close(c);
    if (rc != 0 && rc != MDB_NOTFOUND) {
        sst_emu_catalog_names_free(list, n);
        return sst_emu_store_fail(err, rc, "listing tables");
    }
    *names = list;
    *count = n;
    return SST_OK;
nomem:
    mdb_cursor_close(c);
    sst_emu_catalog_names_free(list, n);
    return sst_err_set(err, SST_E_NOMEM, "out of memory listing tables");
}
