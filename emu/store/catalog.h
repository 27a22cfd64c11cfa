/*
 * emu/store/catalog.h - the catalog: one record per table, holding its
 * description (struct sst_emu_table, table.h).
 *
 * LMDB record (database "catalog"): key = the table name's bytes (so a
 * cursor lists tables in the byte order of their names, which is
 * ListTables' order); value = version (1 byte) | table id (8, BE) |
 * revision (8, BE) | the description as JSON text (a private format,
 * see table.c; not DynamoDB's TableDescription, which ops/ builds). The
 * revision grows by one at every change, which lets the in-process cache
 * below tell a stale copy from a fresh one with one read of the header.
 *
 * Cache: sst_emu_catalog_get() returns a shared, immutable, reference-
 * counted table, decoded once per revision and shared between threads.
 * The cache is keyed by name and checked against the record's id and
 * revision inside the caller's transaction, so a copy is never used
 * after another thread or process changed or deleted the table. A read
 * transaction of the same snapshot (LMDB txn id) as the last reader that
 * checked it takes the copy without reading the record: GetItems between
 * two writes read the catalog once.
 */
#ifndef SST_EMU_STORE_CATALOG_H
#define SST_EMU_STORE_CATALOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sst/defs.h>
#include <sst/err.h>

#include "emu/store/store.h"
#include "emu/store/table.h"

/**
 * The shared description of a table, cached (see the file comment).
 *
 * @param[in]  txn   any transaction
 * @param[in]  name  table name
 * @param[out] out   on SST_OK the table with one reference for the caller,
 *                   released with sst_emu_table_release(); NULL when no
 *                   such table exists. The table must not be changed.
 * @return SST_OK; SST_E_STORAGE (including a corrupt record); SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_catalog_get(struct sst_emu_txn *txn, const char *name,
                    const struct sst_emu_table **out, struct sst_err *err);

/**
 * A private, changeable copy of a table's description (for operations
 * that change it: pass it to sst_emu_catalog_update()).
 *
 * @param[out] out  on SST_OK a new table the caller frees with
 *                  sst_emu_table_free(); NULL when no such table exists
 * @return as sst_emu_catalog_get.
 */
SST_MUST_CHECK enum sst_code sst_emu_catalog_load(struct sst_emu_txn *txn,
                                                  const char *name,
                                                  struct sst_emu_table **out,
                                                  struct sst_err *err);

/**
 * Add a table. Gives it the next table id, revision 1, a TableId UUID and
 * ids to its indexes (1, 2, ...), writing them into t.
 *
 * @param[in]     txn  a write transaction
 * @param[in,out] t    the table; borrowed
 * @return SST_OK; SST_E_IN_USE when a table of that name exists (err
 *         carries no DynamoDB message: the operation supplies it);
 *         SST_E_STORAGE; SST_E_NOMEM; SST_E_INVALID_ARG.
 */
SST_MUST_CHECK enum sst_code sst_emu_catalog_create(struct sst_emu_txn *txn,
                                                    struct sst_emu_table *t,
                                                    struct sst_err *err);

/**
 * Replace a table's description with t (same name and id), bumping its
 * revision (t->rev is updated).
 *
 * @return SST_OK; SST_E_NOT_FOUND when the table is gone or was replaced
 *         by another of the same name; SST_E_STORAGE; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code sst_emu_catalog_update(struct sst_emu_txn *txn,
                                                    struct sst_emu_table *t,
                                                    struct sst_err *err);

/**
 * Delete a table: its catalog record, every item and index row, and its
 * counters, all in txn.
 *
 * @return SST_OK; SST_E_NOT_FOUND when the table is gone or was replaced;
 *         SST_E_STORAGE.
 */
SST_MUST_CHECK enum sst_code
sst_emu_catalog_delete(struct sst_emu_txn *txn, const struct sst_emu_table *t,
                       struct sst_err *err);

/**
 * List table names in byte order.
 *
 * @param[in]  after  list names strictly greater than this; NULL: from the
 *                    first
 * @param[in]  limit  at most this many names (>= 1)
 * @param[out] names  on SST_OK a new array of *count new strings; free it
 *                    with sst_emu_catalog_names_free()
 * @param[out] more   whether further names follow the last one returned
 * @return SST_OK; SST_E_STORAGE; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code sst_emu_catalog_list(struct sst_emu_txn *txn,
                                                  const char *after,
                                                  size_t limit, char ***names,
                                                  size_t *count, bool *more,
                                                  struct sst_err *err);

/** Free a name list of sst_emu_catalog_list(). NULL is a no-op. */
void sst_emu_catalog_names_free(char **names, size_t count);

#endif /* SST_EMU_STORE_CATALOG_H */
