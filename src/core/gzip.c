/*
 * src/core/gzip.c - Python-compatible gzip on zlib (see gzip.h).
 *
 * Compression writes the header by hand and deflates raw (windowBits -15)
 * so that the header matches Python's byte for byte; zlib's own gzip
 * wrapper would write OS 3 and XFL differently. Decompression lets zlib
 * parse each member (windowBits 31 checks CRC and length) and walks the
 * members itself, as Python's gzip.decompress() does.
 */
#include <stdbool.h>
#include <string.h>

#include <zlib.h>

#include <sst/mem.h>

#include "src/core/gzip.h"

#define GZIP_MAX_INPUT ((size_t)1 << 30)

/* zlib allocates through sst's allocator, so that tests see its blocks
 * and out-of-memory loops reach its failure paths. */
static voidpf
z_alloc(voidpf opaque, uInt items, uInt size)
{
    (void)opaque;
    return sst_calloc(items, size);
}

static void
z_free(voidpf opaque, voidpf p)
{
    (void)opaque;
    sst_free(p);
}

static void
put_le32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

struct sst_gzip {
    z_stream zs;
    bool ready; /* deflateInit2 done: reset before each use */
};

enum sst_code
sst_gzip_new(struct sst_gzip **out, struct sst_err *err)
{
    *out = sst_calloc(1, sizeof **out);
    return *out != NULL ? SST_OK
                        : sst_err_set(err, SST_E_NOMEM, "out of memory");
}

void
sst_gzip_free(struct sst_gzip *gz)
{
    if (gz == NULL)
        return;
    if (gz->ready)
        deflateEnd(&gz->zs);
    sst_free(gz);
}

/* Make gz's stream ready for a new input: initialise it once (raw deflate,
 * level 9, window 15, memLevel 8, as Python), then only reset it. */
static enum sst_code
stream_ready(struct sst_gzip *gz, struct sst_err *err)
{
    int zrc;

    if (gz->ready)
        return deflateReset(&gz->zs) == Z_OK
                   ? SST_OK
                   : sst_err_set(err, SST_E_INTERNAL, "gzip: deflateReset");
    memset(&gz->zs, 0, sizeof gz->zs);
    gz->zs.zalloc = z_alloc;
    gz->zs.zfree = z_free;
    zrc = deflateInit2(&gz->zs, 9, Z_DEFLATED, -MAX_WBITS, 8,
                       Z_DEFAULT_STRATEGY);
    if (zrc == Z_MEM_ERROR)
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    if (zrc != Z_OK)
        return sst_err_set(err, SST_E_INTERNAL, "gzip: deflateInit2: %d",
                           zrc);
    gz->ready = true;
    return SST_OK;
}

enum sst_code
sst_gzip_compress(const void *data, size_t n, uint32_t mtime,
                  unsigned char **out, size_t *outlen, struct sst_err *err)
{
    return sst_gzip_compress_with(NULL, data, n, mtime, out, outlen, err);
}

enum sst_code
sst_gzip_compress_with(struct sst_gzip *reuse, const void *data, size_t n,
                       uint32_t mtime, unsigned char **out, size_t *outlen,
                       struct sst_err *err)
{
    struct sst_gzip fresh = {.ready = false};
    struct sst_gzip *gz = reuse != NULL ? reuse : &fresh;
    unsigned char *buf = NULL;
    size_t bound;
    uint32_t crc;
    int zrc;
    enum sst_code rc;

    *out = NULL;
    *outlen = 0;
    if (n > GZIP_MAX_INPUT)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "gzip: input of %zu bytes is too large", n);
    rc = stream_ready(gz, err);
    if (rc != SST_OK)
        return rc;
    bound = deflateBound(&gz->zs, (uLong)n);
    buf = sst_malloc(10 + bound + 8);
    if (buf == NULL) {
        rc = sst_err_set(err, SST_E_NOMEM, "out of memory");
        goto out;
    }
    /* Python's _create_simple_gzip_header(9, mtime): OS byte 255. With
     * mtime 0, Python 3.11 lets zlib write the header instead, and zlib
     * writes OS 3 (Unix); the deflate data is the same either way. */
    buf[0] = 0x1f;
    buf[1] = 0x8b;
    buf[2] = 8;
    buf[3] = 0;
    put_le32(buf + 4, mtime);
    buf[8] = 2;
    buf[9] = mtime == 0 ? 3 : 255;
    gz->zs.next_in = (Bytef *)(uintptr_t)data;
    gz->zs.avail_in = (uInt)n;
    gz->zs.next_out = buf + 10;
    gz->zs.avail_out = (uInt)bound;
    zrc = deflate(&gz->zs, Z_FINISH);
    if (zrc != Z_STREAM_END) {
        rc = sst_err_set(err, zrc == Z_MEM_ERROR ? SST_E_NOMEM : SST_E_INTERNAL,
                         "gzip: deflate: %d", zrc);
        goto out;
    }
    crc = (uint32_t)crc32(0L, Z_NULL, 0);
    crc = (uint32_t)crc32(crc, (const Bytef *)data, (uInt)n);
    put_le32(buf + 10 + gz->zs.total_out, crc);
    put_le32(buf + 14 + gz->zs.total_out, (uint32_t)n);
    *outlen = 10 + gz->zs.total_out + 8;
    *out = buf;
    buf = NULL;
out:
    if (reuse == NULL && gz->ready)
        deflateEnd(&gz->zs);
    sst_free(buf);
    return rc;
}

/* Grow *buf to hold at least want bytes (plus a NUL), capped. */
static enum sst_code
grow(unsigned char **buf, size_t *alloc, size_t want, size_t max,
     struct sst_err *err)
{
    size_t next = *alloc ? *alloc : 256;
    unsigned char *p;

    if (want <= *alloc)
        return SST_OK;
    while (next < want)
        next *= 2;
    if (next > max + 1)
        next = max + 1;
    p = sst_realloc(*buf, next);
    if (p == NULL)
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    *buf = p;
    *alloc = next;
    return SST_OK;
}

enum sst_code
sst_gzip_decompress(const void *data, size_t n, size_t max,
                    unsigned char **out, size_t *outlen, struct sst_err *err)
{
    const unsigned char *in = data;
    unsigned char *buf = NULL;
    size_t alloc = 0, len = 0, pos = 0;
    z_stream zs;
    bool open = false;
    enum sst_code rc;
    int zrc;

    *out = NULL;
    *outlen = 0;
    if (max == 0)
        max = SST_GZIP_DEFAULT_MAX;
    if (n > GZIP_MAX_INPUT)
        return sst_err_set(err, SST_E_INVALID_DATA,
                           "gzip: input of %zu bytes is too large", n);
    rc = grow(&buf, &alloc, 1, max, err);
    if (rc != SST_OK)
        return rc;
    memset(&zs, 0, sizeof zs);
    zs.zalloc = z_alloc;
    zs.zfree = z_free;
    while (pos < n) {
        /* one member */
        if (n - pos < 2 || in[pos] != 0x1f || in[pos + 1] != 0x8b) {
            rc = sst_err_set(err, SST_E_INVALID_DATA,
                             n - pos < 2 ? "gzip: truncated stream"
                                         : "gzip: not a gzip stream");
            goto out;
        }
        if (!open) {
            zrc = inflateInit2(&zs, 16 + MAX_WBITS);
            if (zrc != Z_OK) {
                rc = sst_err_set(err,
                                 zrc == Z_MEM_ERROR ? SST_E_NOMEM
                                                    : SST_E_INTERNAL,
                                 zrc == Z_MEM_ERROR ? "out of memory"
                                                    : "gzip: inflateInit2");
                goto out;
            }
            open = true;
        } else {
            inflateReset(&zs);
        }
        zs.next_in = (Bytef *)(uintptr_t)(in + pos);
        zs.avail_in = (uInt)(n - pos);
        for (;;) {
            if (len == max) {
                /* full: one more byte would break the cap */
                unsigned char probe;
                zs.next_out = &probe;
                zs.avail_out = 1;
                zrc = inflate(&zs, Z_NO_FLUSH);
                if (zs.avail_out == 0) {
                    rc = sst_err_set(err, SST_E_INVALID_DATA,
                                     "gzip: decompressed data exceeds %zu "
                                     "bytes",
                                     max);
                    goto out;
                }
            } else {
                rc = grow(&buf, &alloc, len + 4096 > max ? max + 1 : len + 4096,
                          max, err);
                if (rc != SST_OK)
                    goto out;
                zs.next_out = buf + len;
                zs.avail_out =
                    (uInt)((alloc - 1 < max ? alloc - 1 : max) - len);
                {
                    uInt before = zs.avail_out;
                    zrc = inflate(&zs, Z_NO_FLUSH);
                    len += before - zs.avail_out;
                }
            }
            if (zrc == Z_STREAM_END)
                break;
            if (zrc == Z_MEM_ERROR) {
                rc = sst_err_set(err, SST_E_NOMEM, "out of memory");
                goto out;
            }
            if (zrc == Z_DATA_ERROR || zrc == Z_NEED_DICT) {
                rc = sst_err_set(err, SST_E_INVALID_DATA,
                                 "gzip: corrupt data: %s",
                                 zs.msg ? zs.msg : "invalid stream");
                goto out;
            }
            if (zrc == Z_BUF_ERROR && zs.avail_in == 0) {
                rc = sst_err_set(err, SST_E_INVALID_DATA,
                                 "gzip: truncated stream");
                goto out;
            }
            if (zrc != Z_OK && zrc != Z_BUF_ERROR) {
                rc = sst_err_set(err, SST_E_INTERNAL, "gzip: inflate: %d",
                                 zrc);
                goto out;
            }
        }
        pos = n - zs.avail_in;
        /* Python strips zero padding between and after members */
        while (pos < n && in[pos] == 0)
            pos++;
    }
    buf[len] = '\0';
    *out = buf;
    *outlen = len;
    buf = NULL;
    rc = SST_OK;
out:
    if (open)
        inflateEnd(&zs);
    sst_free(buf);
    return rc;
}
