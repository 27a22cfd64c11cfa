/*
 * emu/server/calloc.c - calloc() for the libraries sst-emu links from
 * their static archives (configure's static-emu, docs/sst-emu.md,
 * "Start-up"): the link wraps every call to calloc in them, json-c's and
 * libmicrohttpd's included, with -Wl,--wrap=calloc.
 *
 * glibc 2.36's calloc() never takes a block from the thread's cache of
 * freed blocks (tcache), which malloc() does; json-c clears every object's
 * hash table with calloc, a dozen times per PutItem. A small block is
 * therefore taken with malloc() and cleared with memset(): under
 * callgrind, 4% fewer instructions per PutItem (docs/performance.md).
 * Large blocks keep calloc(), which skips clearing fresh memory from
 * mmap (LMDB's 2 MB buffer: no page is touched before it is used).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* The tcache's largest block on 64-bit glibc. */
#define SMALL_BLOCK 1032

void *__real_calloc(size_t n, size_t size);
void *__wrap_calloc(size_t n, size_t size);

/* memset through a pointer the compiler cannot see through: it would
 * turn malloc() and memset() back into a call to calloc(), which the
 * link wraps into this very function. */
static void *(*const volatile clear)(void *, int, size_t) = memset;

void *
__wrap_calloc(size_t n, size_t size)
{
    size_t bytes;
    void *p;

    /* an overflowing product fails in calloc(), with errno ENOMEM */
    if (__builtin_mul_overflow(n, size, &bytes) || bytes > SMALL_BLOCK)
        return __real_calloc(n, size);
    p = malloc(bytes);
    if (p != NULL)
        clear(p, 0, bytes);
    return p;
}
