/*
 * src/core/buf.h - a growable, capped byte buffer for libsst's core
 * serialisers (Python JSON, pydantic JSON, expressions, base64).
 *
 * Errors are sticky: once an append fails (allocation or cap), every later
 * append is a no-op and sst_strbuf_take() reports the first failure. The
 * writers can then append without checking each call and test once at the
 * end. The content is always NUL-terminated when non-empty; it may hold
 * NUL bytes of its own (length is authoritative).
 */
#ifndef SST_CORE_BUF_H
#define SST_CORE_BUF_H

#include <stdbool.h>
#include <stddef.h>

#include <sst/defs.h>
#include <sst/err.h>

/* Default cap: 16 MiB, far above DynamoDB's 400 KB item. */
#define SST_STRBUF_DEFAULT_CAP ((size_t)16 << 20)

struct sst_strbuf {
    char *data;   /* sst_malloc'd; NULL until the first append        */
    size_t len;   /* bytes used, NUL excluded                         */
    size_t alloc; /* bytes allocated                                  */
    size_t cap;   /* most bytes the content may reach                 */
    enum sst_code failed; /* SST_OK, SST_E_NOMEM or SST_E_INVALID_ARG */
};

/** Set b up empty with a cap (0 = SST_STRBUF_DEFAULT_CAP). Cannot fail. */
void sst_strbuf_init(struct sst_strbuf *b, size_t cap);

/** Release what b holds; b may be reused after sst_strbuf_init(). */
void sst_strbuf_cleanup(struct sst_strbuf *b);

/** Append n bytes (n may be 0). Sticky on failure. */
void sst_strbuf_append(struct sst_strbuf *b, const void *p, size_t n);

/** Append a NUL-terminated string. */
void sst_strbuf_puts(struct sst_strbuf *b, const char *s);

/** Append one byte. */
void sst_strbuf_putc(struct sst_strbuf *b, char c);

/** Append printf-style. */
void sst_strbuf_printf(struct sst_strbuf *b, const char *fmt, ...)
    SST_PRINTF(2, 3);

/**
 * Move the content out. On SST_OK *out is a NUL-terminated sst_malloc'd
 * string the caller frees with sst_free() ("" when nothing was appended)
 * and *len (optional) its length; b is left empty. On failure *out is NULL,
 * err says why ("out of memory", or "... exceeds N bytes" with what as
 * the subject) and b is cleaned up.
 *
 * @return SST_OK, SST_E_NOMEM, SST_E_INVALID_ARG (cap exceeded)
 */
SST_MUST_CHECK enum sst_code sst_strbuf_take(struct sst_strbuf *b,
                                             const char *what, char **out,
                                             size_t *len, struct sst_err *err);

#endif /* SST_CORE_BUF_H */
