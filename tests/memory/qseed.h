/*
 * tests/memory/qseed.h - what the query tests share: the resource types
 * they query, rows seeded with a raw PutItem (sst_type_to_item of a
 * resource with the timestamps given, so that orders are exact), and a
 * page's resource ids as one string for exact assertions.
 */
#ifndef SST_TESTS_MEMORY_QSEED_H
#define SST_TESTS_MEMORY_QSEED_H

#include <stdint.h>

#include <sst/sst.h>

#include "tests/memory/fixture.h"
#include "tests/memory/recorder.h"

/* Thing: non-versioned, uncompressed; fields name, status, category,
 * size, data, value, tags (the reserved words size and data included). */
extern const struct sst_type qs_thing;
/* Child: gsi1pk = "parent_id#<parent_id>" (a callback). */
extern const struct sst_type qs_child;
/* VDoc: versioned, compressed; field title. */
extern const struct sst_type qs_vdoc;
/* Apple and Pear: gsi1pk = "basket#1" (static); fields value, ripe. */
extern const struct sst_type qs_apple;
extern const struct sst_type qs_pear;
/* Owned: gsi config labelled "by-owner": gsi1pk = "things#<owner_id>",
 * gsi1sk = resource_id (test_dashed_gsi_names's DescriptiveLabel). */
extern const struct sst_type qs_owned;

/** Microseconds of second s after the fixture's start time. */
#define QS_T(s) (INT64_C(1767323045123456) + (int64_t)(s) * 1000000)

/**
 * Write the rows of resource id of t: created_at = created_us,
 * updated_at = updated_us, the fields of fields_json; versioned types get
 * the row v<version> and v0 (the only one with gsitype). table NULL: the
 * table of the fixture that b came from must be given; pass it.
 *
 * @return SST_OK or the failing code (printed)
 */
enum sst_code qs_seed(struct sst_backend *b, const char *table,
                      const struct sst_type *t, const char *id,
                      int64_t created_us, int64_t updated_us,
                      const char *fields_json, int version);

/** DeleteItem of the row pk = sk = "<type>#<id>". */
enum sst_code qs_delete(struct sst_backend *b, const char *table,
                        const struct sst_type *t, const char *id);

/** The resource ids of the page, joined by ',' into buf. */
const char *qs_ids(const struct sst_page *p, char *buf, size_t cap);

/* A fixture, and a second handle on its table through a recorder. */
struct qs_ctx {
    struct sst_tm tm;
    struct sst_rec rec;
    struct sst_memory *m; /* on rec */
};

/** Open: 0, or non-zero when the test must return (skipped or failed,
 *  already reported). */
int qs_open(struct qs_ctx *c);
void qs_close(struct qs_ctx *c);

/** A handle on another table of c's backend, through c's recorder. */
struct sst_memory *qs_handle(struct qs_ctx *c, const char *table);

#endif
