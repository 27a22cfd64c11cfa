/*
 * src/core/buf.c - growable, capped byte buffer with sticky errors (see
 * buf.h). Grows geometrically through sst_realloc.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <sst/mem.h>

#include "src/core/buf.h"

void
sst_strbuf_init(struct sst_strbuf *b, size_t cap)
{
    b->data = NULL;
    b->len = 0;
    b->alloc = 0;
    b->cap = cap ? cap : SST_STRBUF_DEFAULT_CAP;
    b->failed = SST_OK;
}

void
sst_strbuf_cleanup(struct sst_strbuf *b)
{
    sst_free(b->data);
    b->data = NULL;
    b->len = 0;
    b->alloc = 0;
}

/* Make room for n more bytes plus the NUL. */
static bool
reserve(struct sst_strbuf *b, size_t n)
{
    size_t want, next;
    char *p;

    if (b->failed != SST_OK)
        return false;
    if (n > b->cap - b->len) {
        b->failed = SST_E_INVALID_ARG;
        return false;
    }
    want = b->len + n + 1;
    if (want <= b->alloc)
        return true;
    next = b->alloc ? b->alloc : 64;
    while (next < want)
        next *= 2;
    p = sst_realloc(b->data, next);
    if (p == NULL) {
        b->failed = SST_E_NOMEM;
        return false;
    }
    b->data = p;
    b->alloc = next;
    return true;
}

void
sst_strbuf_append(struct sst_strbuf *b, const void *p, size_t n)
{
    if (!reserve(b, n))
        return;
    if (n > 0)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void
sst_strbuf_puts(struct sst_strbuf *b, const char *s)
{
    sst_strbuf_append(b, s, strlen(s));
}

void
sst_strbuf_putc(struct sst_strbuf *b, char c)
{
    sst_strbuf_append(b, &c, 1);
}

void
sst_strbuf_printf(struct sst_strbuf *b, const char *fmt, ...)
{
    char small[128];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        if (b->failed == SST_OK)
            b->failed = SST_E_INVALID_ARG;
        return;
    }
    if ((size_t)n < sizeof small) {
        sst_strbuf_append(b, small, (size_t)n);
        return;
    }
    if (!reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

enum sst_code
sst_strbuf_take(struct sst_strbuf *b, const char *what, char **out,
                size_t *len, struct sst_err *err)
{
    enum sst_code rc = b->failed;

    *out = NULL;
    if (len)
        *len = 0;
    if (rc == SST_OK && b->data == NULL && !reserve(b, 0))
        rc = b->failed;
    if (rc != SST_OK) {
        sst_strbuf_cleanup(b);
        if (rc == SST_E_NOMEM)
            return sst_err_set(err, rc, "out of memory");
        return sst_err_set(err, rc, "%s exceeds %zu bytes",
                           what ? what : "output", b->cap);
    }
    *out = b->data;
    if (len)
        *len = b->len;
    b->data = NULL;
    b->len = 0;
    b->alloc = 0;
    return SST_OK;
}
