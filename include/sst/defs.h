/*
 * sst/defs.h - compiler attributes shared by every public header.
 *
 * SST_API marks exported symbols; the library is built with
 * -fvisibility=hidden, so anything without it stays private to libsst.
 */
#ifndef SST_DEFS_H
#define SST_DEFS_H

#if defined(__GNUC__) || defined(__clang__)
#define SST_API __attribute__((visibility("default")))
#define SST_MUST_CHECK __attribute__((warn_unused_result))
#define SST_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define SST_API
#define SST_MUST_CHECK
#define SST_PRINTF(fmt, args)
#endif

#endif /* SST_DEFS_H */
