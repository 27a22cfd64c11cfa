/*
 * tests/core_types.h - four resource types that exercise every part of
 * sst/type.h (tests/core_types.c): Thing, Slim, Doc and Note, the types of
 * tests/data/core/gen_items.py. tests/unit/test_core_type.c checks them
 * against Python's goldens; the libsst fuzz targets pick one with their
 * first input byte (core_types[byte % CORE_NTYPES]).
 */
#ifndef SST_TESTS_CORE_TYPES_H
#define SST_TESTS_CORE_TYPES_H

#include <sst/type.h>

#define CORE_NTYPES 4

extern const struct sst_type core_thing_type; /* non-versioned, plain */
extern const struct sst_type core_slim_type;  /* non-versioned, omit_none */
extern const struct sst_type core_doc_type;   /* versioned, compressed */
extern const struct sst_type core_note_type;  /* versioned, uncompressed */
extern const struct sst_type *const core_types[CORE_NTYPES];

#endif /* SST_TESTS_CORE_TYPES_H */
