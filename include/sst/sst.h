/*
 * sst/sst.h - umbrella header of libsst, the C toolkit for DynamoDB
 * single-table design. Include this and nothing else.
 */
#ifndef SST_SST_H
#define SST_SST_H

#include <sst/defs.h>
#include <sst/err.h>
#include <sst/log.h>
#include <sst/mem.h>
#include <sst/backend.h>
#include <sst/time.h>
#include <sst/ulid.h>
#include <sst/exprb.h>
#include <sst/type.h>
#include <sst/memory.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SST_VERSION_MAJOR 0
#define SST_VERSION_MINOR 1
#define SST_VERSION_PATCH 0
#define SST_VERSION_STRING "0.1.0"
/** One number that orders versions: 0x00MMmmpp. */
#define SST_VERSION_NUMBER                                                   \
    ((SST_VERSION_MAJOR << 16) | (SST_VERSION_MINOR << 8) | SST_VERSION_PATCH)

/**
 * The version of the library actually linked, e.g. "0.1.0". Compare with
 * SST_VERSION_STRING to detect a header/library mismatch.
 *
 * @return a static string.
 */
SST_API const char *sst_version(void);

/** The linked library's SST_VERSION_NUMBER. */
SST_API unsigned sst_version_number(void);

#ifdef __cplusplus
}
#endif

#endif /* SST_SST_H */
