/*
 * src/core/gzip.h - gzip as Python's gzip module writes and reads it.
 *
 * simplesingletable stores compressed resources as
 * gzip.compress(model_json) in the Binary attribute "data". Python
 * (3.8 and later) writes a 10-byte header - 1f 8b, method 8, no flags, the
 * mtime (little-endian seconds), XFL 2 (level 9), OS 255 - then raw
 * deflate at level 9 (window 15, memLevel 8, default strategy) in one
 * call, then CRC-32 and length. For mtime 0, Python 3.11 lets zlib write
 * the header, which differs in one byte: OS 3 (Unix). (Python 3.12 writes
 * 255 there too; readers ignore the byte.) sst_gzip_compress() does
 * exactly what Python 3.11 does
 * through zlib, so that for the same input and mtime the bytes equal
 * Python's (given the same zlib: Python links zlib too).
 */
#ifndef SST_CORE_GZIP_H
#define SST_CORE_GZIP_H

#include <stddef.h>
#include <stdint.h>

#include <sst/defs.h>
#include <sst/err.h>

/** Default cap on decompressed size: 16 MiB (items are at most 400 KB). */
#define SST_GZIP_DEFAULT_MAX ((size_t)16 << 20)

/**
 * Compress as Python's gzip.compress(data, compresslevel=9, mtime=mtime).
 *
 * @param[in]  data   n bytes (data may be NULL when n is 0)
 * @param[in]  mtime  header mtime, seconds (Python: int(time.time()));
 *                    stored modulo 2^32
 * @param[out] out    on SST_OK a new buffer (sst_free); NULL otherwise
 * @param[out] outlen its length
 * @return SST_OK, SST_E_NOMEM, SST_E_INVALID_ARG (input over 1 GiB),
 *         SST_E_INTERNAL (zlib failure)
 */
SST_MUST_CHECK enum sst_code sst_gzip_compress(const void *data, size_t n,
                                               uint32_t mtime,
                                               unsigned char **out,
                                               size_t *outlen,
                                               struct sst_err *err);

/**
 * A reusable compressor. Deflate at level 9 needs about 270 KB of state;
 * allocating and releasing it for every resource written costs more than
 * the compression itself (fresh pages fault in every time), so a writer
 * that compresses many payloads keeps one of these and its stream is
 * reset for each input. The output is the same bytes as
 * sst_gzip_compress()'s. Used by one thread at a time.
 */
struct sst_gzip;

/**
 * A new compressor; its deflate state is allocated on first use.
 *
 * @param[out] out  on SST_OK the compressor (sst_gzip_free())
 * @return SST_OK, SST_E_NOMEM
 */
SST_MUST_CHECK enum sst_code sst_gzip_new(struct sst_gzip **out,
                                          struct sst_err *err);

/** Free a compressor and its state. NULL is a no-op. */
void sst_gzip_free(struct sst_gzip *gz);

/**
 * sst_gzip_compress() on gz's stream (NULL: a fresh stream, released
 * before returning). After a failure gz stays usable.
 *
 * @return as sst_gzip_compress()
 */
SST_MUST_CHECK enum sst_code sst_gzip_compress_with(struct sst_gzip *gz,
                                                    const void *data,
                                                    size_t n, uint32_t mtime,
                                                    unsigned char **out,
                                                    size_t *outlen,
                                                    struct sst_err *err);

/**
 * Decompress as Python's gzip.decompress(): one or more gzip members, each
 * checked (CRC-32 and length), zero bytes allowed between and after them.
 * Empty input gives empty output, as in Python.
 *
 * @param[in]  data    n bytes
 * @param[in]  max     cap on the output (0: SST_GZIP_DEFAULT_MAX)
 * @param[out] out     on SST_OK a new NUL-terminated buffer (sst_free;
 *                     the NUL is not counted); NULL otherwise
 * @param[out] outlen  its length
 * @return SST_OK; SST_E_INVALID_DATA for input that is not gzip ("gzip:
 *         not a gzip stream"), is corrupt ("gzip: corrupt data: <zlib's
 *         reason>"), is cut short ("gzip: truncated stream") or expands
 *         beyond max ("gzip: decompressed data exceeds N bytes");
 *         SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code sst_gzip_decompress(const void *data, size_t n,
                                                 size_t max,
                                                 unsigned char **out,
                                                 size_t *outlen,
                                                 struct sst_err *err);

#endif /* SST_CORE_GZIP_H */
