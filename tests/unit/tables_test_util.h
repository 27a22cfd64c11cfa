/*
 * tests/unit/tables_test_util.h - what the control-plane tests
 * (test_emu_tables, test_emu_tables_shapes, test_emu_tables_emulator)
 * share: reading an answer by path, calls through the backend seam with
 * their expected outcome, an in-memory emulator on a fixed clock, and the
 * two table definitions the tests create.
 *
 * Every helper asserts through CUnit (tests/harness.h); a request that is
 * not JSON is a fatal assertion.
 */
#ifndef SST_TESTS_UNIT_TABLES_TEST_UTIL_H
#define SST_TESTS_UNIT_TABLES_TEST_UTIL_H

#include <stdint.h>

#include <json-c/json.h>

#include <sst/sst.h>

/* A table with a hash and range key, a GSI (INCLUDE) and an LSI
 * (KEYS_ONLY), billed per request. */
extern const char *const TABLE_FULL;

/* A provisioned table with one GSI (ALL) of its own throughput. */
extern const char *const TABLE_PROVISIONED;

/**
 * The JSON text parsed; the caller owns it.
 */
struct json_object *tt_parse(const char *text);

/**
 * The value at a path like "Table.KeySchema[1].KeyType" ("" is o
 * itself), or NULL; borrowed from o.
 */
struct json_object *tt_at(struct json_object *o, const char *path);

/**
 * The string at path, or NULL when it is absent or not a string;
 * borrowed from o.
 */
const char *tt_str_at(struct json_object *o, const char *path);

/**
 * The integer at path, or -999 when it is absent or not an integer.
 */
int64_t tt_int_at(struct json_object *o, const char *path);

/**
 * The JSON text of the value at path, as it would go on the wire, or
 * NULL; borrowed from o.
 */
const char *tt_text_at(struct json_object *o, const char *path);

/**
 * Call op with the request text req on b and assert success; returns the
 * response, which the caller puts.
 */
struct json_object *tt_ok(struct sst_backend *b, const char *op,
                          const char *req);

/**
 * Call op with the request text req on b and assert success with exactly
 * the JSON text want (as tt_text_at() prints it); the response is put.
 */
void tt_ok_text(struct sst_backend *b, const char *op, const char *req,
                const char *want);

/**
 * Call op with the request text req on b and assert the error: its code,
 * __type and message, and no response.
 */
void tt_expect_error(struct sst_backend *b, const char *op, const char *req,
                     enum sst_code code, const char *type, const char *message);

/**
 * A new empty directory under $TMPDIR (or /tmp) whose name begins
 * "sst-test-TAG-", and in uri the URI of an emu:PATH store in it
 * ("emu:DIR/db"). A failure is a fatal assertion. Remove the directory
 * with tt_remove_dir().
 */
void tt_temp_store(const char *tag, char dir[256], char uri[320]);

/** Remove dir and everything in it, asserting success. */
void tt_remove_dir(const char *dir);

/**
 * A new "emu::memory:" backend whose clock is fixed at
 * 2026-11-25T19:11:52.989Z; the caller closes it.
 */
struct sst_backend *tt_open_memory(void);

#endif
