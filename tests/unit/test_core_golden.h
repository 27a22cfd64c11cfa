/*
 * tests/unit/test_core_golden.h - loading the goldens of tests/data/core/.
 *
 * The goldens are JSON files written by the Python scripts next to them
 * (gen_*.py); the core tests read them with json-c.
 */
#ifndef SST_TEST_CORE_GOLDEN_H
#define SST_TEST_CORE_GOLDEN_H

#include <stddef.h>

#include <json-c/json.h>

/* Parse tests/data/core/NAME; NULL (with a message on stderr) on failure.
 * The caller releases it with json_object_put(). */
json_object *core_golden_load(const char *name);

/* Read tests/data/core/NAME whole; NULL on failure. free() it. */
unsigned char *core_golden_read(const char *name, size_t *len);

/* Member helpers for golden rows; they abort the test program when the
 * member is missing (a broken golden is not a passing test). */
const char *core_golden_str(json_object *row, const char *key);
size_t core_golden_strlen(json_object *row, const char *key);
long long core_golden_int(json_object *row, const char *key);
int core_golden_bool(json_object *row, const char *key);
json_object *core_golden_get(json_object *row, const char *key);

/* Decode standard base64 from a golden (abort on error); free() it. */
unsigned char *core_golden_b64(const char *s, size_t *len);

#endif
