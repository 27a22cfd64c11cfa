/*
 * fuzz/fuzz_types.h - the resource types of the libsst fuzz targets
 * (fuzz/fuzz_types.c): Thing, Slim, Doc and Note, as in
 * tests/unit/test_core_type.c. A target picks one with its first input
 * byte (fuzz_types[byte % FUZZ_NTYPES]).
 */
#ifndef SST_FUZZ_TYPES_H
#define SST_FUZZ_TYPES_H

#include <sst/type.h>

#define FUZZ_NTYPES 4

extern const struct sst_type fuzz_thing_type; /* non-versioned, plain */
extern const struct sst_type fuzz_slim_type;  /* non-versioned, omit_none */
extern const struct sst_type fuzz_doc_type;   /* versioned, compressed */
extern const struct sst_type fuzz_note_type;  /* versioned, uncompressed */
extern const struct sst_type *const fuzz_types[FUZZ_NTYPES];

#endif /* SST_FUZZ_TYPES_H */
