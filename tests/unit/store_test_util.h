/*
 * tests/unit/store_test_util.h - what the store tests (test_store,
 * test_store_key, test_store_rows, test_store_catalog) share: opening a
 * store, and making and creating a simple table in its catalog.
 *
 * Every helper asserts through CUnit (tests/harness.h).
 */
#ifndef SST_TESTS_UNIT_STORE_TEST_UTIL_H
#define SST_TESTS_UNIT_STORE_TEST_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include <sst/sst.h>

#include "emu/store/catalog.h"
#include "emu/store/store.h"

/**
 * A store at path (NULL: in memory) with the map size map_size (0: the
 * default), durable; NULL (and a failed assertion) when it cannot be
 * opened. The caller closes it.
 */
struct sst_emu_store *ts_open_store(const char *path, size_t map_size);

/**
 * A new table description named name, hash key pk (S), and with
 * range_type >= 0 a range key sk of that enum sst_emu_attr_type; billed
 * per request, created at 1700000000123 ms. The caller frees it with
 * sst_emu_table_free().
 */
struct sst_emu_table *ts_make_table(const char *name, int range_type);

/**
 * Create the hash-key table name (ts_make_table(name, -1)) in st in one
 * write transaction; its id goes to *id when id is not NULL.
 * @return SST_OK or the catalog's error (SST_E_IN_USE for a taken name)
 */
enum sst_code ts_create_table(struct sst_emu_store *st, const char *name,
                              uint64_t *id);

#endif
