/*
 * tests/memory/mtest.h - what the resource-operation tests share: the
 * resource types they write (declared in mtest.c), raw row access, and
 * item comparison.
 *
 * The types stand for the Python classes of simplesingletable's tests:
 *   mt_thing    non-versioned, uncompressed; gsi1pk "parent_id#<p>" from a
 *               callable (sparse), gsi2pk static "Thing"
 *   mt_blob     non-versioned, compressed
 *   mt_doc      versioned, compressed; nested model, mixed list, gsi2pk
 *   mt_note     versioned, uncompressed, max_versions 3; tuple (gsi3pk,
 *               gsi3sk) from status, sparse
 */
#ifndef SST_TESTS_MEMORY_MTEST_H
#define SST_TESTS_MEMORY_MTEST_H

#include <stdbool.h>

#include <json-c/json.h>

#include <sst/sst.h>

#include "tests/memory/fixture.h"

extern const struct sst_type mt_thing;
extern const struct sst_type mt_blob;
extern const struct sst_type mt_doc;
extern const struct sst_type mt_note;

/**
 * Open a fixture (sst_tm_open); versioned: the test writes versioned
 * resources, which need TransactWriteItems, and is skipped with a visible
 * reason on a backend that lacks it.
 *
 * @return 0 to go on, non-zero when the test must return (skipped, or
 *         failed and asserted)
 */
int mt_open(struct sst_tm *tm, const struct sst_memory_opts *opts,
            bool versioned);

/** Parse JSON text (asserting it parses); a new reference. */
json_object *mt_json(const char *text);

/** The raw item at (pk, sk), consistently read; NULL when absent. */
json_object *mt_raw(struct sst_tm *tm, const char *pk, const char *sk);

/** How many items the table holds. */
int mt_count(struct sst_tm *tm);

/** Put a raw item given as JSON text. */
void mt_put_raw(struct sst_tm *tm, const char *item_json);

/**
 * Whether two items (wire JSON) are equal attribute by attribute (SS and
 * NS compared as sets); prints the first difference under label.
 */
bool mt_item_equal(const json_object *actual, const json_object *expected,
                   const char *label);

/** Assert that the item equals the JSON text. */
#define MT_ASSERT_ITEM(actual, expected_json)                                \
    do {                                                                     \
        json_object *mt_e_ = mt_json(expected_json);                         \
        CU_ASSERT_TRUE(mt_item_equal((actual), mt_e_, #actual));             \
        json_object_put(mt_e_);                                              \
    } while (0)

/** Assert that a resource (or any JSON) equals the JSON text exactly
 *  (member order ignored). */
#define MT_ASSERT_JSON(actual, expected_json)                                \
    mt_assert_json((actual), (expected_json), #actual, __FILE__, __LINE__)
void mt_assert_json(const json_object *actual, const char *expected,
                    const char *expr, const char *file, int line);

/** A member of a JSON object as a string ("" when absent). */
const char *mt_str(const json_object *obj, const char *name);

/** A member as an int64 (-1 when absent). */
int64_t mt_int(const json_object *obj, const char *name);

#endif
