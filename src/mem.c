/*
 * src/mem.c - sst's allocation wrapper: libc plus a live-block count and
 * failure injection for the leak checks and out-of-memory loops of the
 * test suites.
 */
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sst/mem.h>

static atomic_long live_blocks;
static atomic_long fail_countdown; /* 0: disarmed; else allocs until fail */
static atomic_bool fail_armed;
static atomic_long failed_count;

/* True when this allocation must fail by injection. */
static int
inject_failure(void)
{
    if (!atomic_load_explicit(&fail_armed, memory_order_relaxed))
        return 0;
    if (atomic_fetch_sub(&fail_countdown, 1) > 1)
        return 0;
    atomic_fetch_add(&failed_count, 1);
    return 1;
}

void *
sst_malloc(size_t size)
{
    void *p;

    if (inject_failure())
        return NULL;
    p = malloc(size ? size : 1);
    if (p)
        atomic_fetch_add_explicit(&live_blocks, 1, memory_order_relaxed);
    return p;
}

void *
sst_calloc(size_t n, size_t size)
{
    void *p;

    if (size && n > SIZE_MAX / size)
        return NULL;
    if (inject_failure())
        return NULL;
    p = calloc(n ? n : 1, size ? size : 1);
    if (p)
        atomic_fetch_add_explicit(&live_blocks, 1, memory_order_relaxed);
    return p;
}

void *
sst_realloc(void *p, size_t size)
{
    void *q;

    if (p == NULL)
        return sst_malloc(size);
    if (inject_failure())
        return NULL;
    q = realloc(p, size ? size : 1);
    return q;
}

void
sst_free(void *p)
{
    if (p == NULL)
        return;
    atomic_fetch_sub_explicit(&live_blocks, 1, memory_order_relaxed);
    free(p);
}

char *
sst_strndup(const char *s, size_t n)
{
    char *d;

    if (s == NULL)
        return NULL;
    d = sst_malloc(n + 1);
    if (d == NULL)
        return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *
sst_strdup(const char *s)
{
    return s ? sst_strndup(s, strlen(s)) : NULL;
}

long
sst_mem_live_count(void)
{
    return atomic_load(&live_blocks);
}

void
sst_mem_fail_after(long n)
{
    atomic_store(&failed_count, 0);
    if (n <= 0) {
        atomic_store(&fail_armed, 0);
        return;
    }
    atomic_store(&fail_countdown, n);
    atomic_store(&fail_armed, 1);
}

void
sst_mem_fail_reset(void)
{
    atomic_store(&fail_armed, 0);
    atomic_store(&fail_countdown, 0);
}

long
sst_mem_failed_count(void)
{
    return atomic_load(&failed_count);
}
