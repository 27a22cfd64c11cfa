/*
 * sst/mem.h - the allocation wrapper every part of sst allocates through.
 *
 * sst_malloc and friends forward to the C library. They also keep a count
 * of live blocks (allocated and not yet freed), which test suites check in
 * their teardown to prove they leak nothing, and they can be told to fail
 * the Nth allocation from now, which the out-of-memory loops use to walk
 * every failure path. Both are process-wide and thread-safe (relaxed
 * atomics); when no failure is armed the cost is one atomic add.
 *
 * Memory that json-c, LMDB, libcurl or OpenSSL allocate internally does not
 * pass through here; the sanitizer build's leak checker covers it.
 */
#ifndef SST_MEM_H
#define SST_MEM_H

#include <stddef.h>

#include <sst/defs.h>

#ifdef __cplusplus
extern "C" {
#endif

/** malloc(size); NULL on failure (or an injected failure). size 0 gives a
 *  unique non-NULL block. Free with sst_free(). */
SST_API void *sst_malloc(size_t size);

/** calloc(n, size), with overflow of n * size reported as failure. */
SST_API void *sst_calloc(size_t n, size_t size);

/** realloc(p, size). p may be NULL (then it is sst_malloc). On failure p is
 *  untouched and still owned by the caller. size 0 keeps a 1-byte block. */
SST_API void *sst_realloc(void *p, size_t size);

/** free(p); NULL is a no-op. */
SST_API void sst_free(void *p);

/** A new NUL-terminated copy of s (caller frees with sst_free), or NULL. */
SST_API char *sst_strdup(const char *s);

/** A new NUL-terminated copy of the first n bytes of s, or NULL. */
SST_API char *sst_strndup(const char *s, size_t n);

/** Number of blocks allocated through this module and not yet freed. */
SST_API long sst_mem_live_count(void);

/**
 * Arm failure injection: the nth allocation from now (1 = the next one)
 * fails, and so does every one after it until sst_mem_fail_reset().
 * n <= 0 disarms.
 */
SST_API void sst_mem_fail_after(long n);

/** Disarm failure injection. */
SST_API void sst_mem_fail_reset(void);

/** How many allocations failed by injection since the last arm. */
SST_API long sst_mem_failed_count(void);

#ifdef __cplusplus
}
#endif

#endif /* SST_MEM_H */
