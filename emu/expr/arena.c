/*
 * emu/expr/arena.c - bump allocator behind the expression trees; see
 * arena.h.
 *
 * Allocation moves a pointer through the current block. When the block is
 * full, a new heap block of at least SST_EMU_ARENA_BLOCK bytes (or the
 * request, if larger) becomes current; the rest of the old block is lost,
 * which costs little because trees are small and short-lived.
 */
#include <stdint.h>
#include <string.h>

#include <sst/mem.h>

#include "emu/expr/arena.h"

#define ALIGN (_Alignof(max_align_t))

struct sst_emu_arena_block {
    struct sst_emu_arena_block *next;
    size_t size; /* usable bytes after the header */
    max_align_t data[];
};

void
sst_emu_arena_init(struct sst_emu_arena *a)
{
    a->cur = a->first.bytes;
    a->end = a->first.bytes + sizeof a->first.bytes;
    a->blocks = NULL;
    a->heap_bytes = 0;
}

/* Bytes needed to move p up to the next ALIGN boundary. */
static size_t
pad_for(const char *p)
{
    return (ALIGN - (uintptr_t)p % ALIGN) % ALIGN;
}

static void *
grow(struct sst_emu_arena *a, size_t size)
{
    struct sst_emu_arena_block *b;
    size_t want = size > SST_EMU_ARENA_BLOCK ? size : SST_EMU_ARENA_BLOCK;

    if (want > SST_EMU_ARENA_MAX - a->heap_bytes)
        return NULL;
    b = sst_malloc(sizeof *b + want);
    if (b == NULL)
        return NULL;
    b->next = a->blocks;
    b->size = want;
    a->blocks = b;
    a->heap_bytes += want;
    a->cur = (char *)b->data + size;
    a->end = (char *)b->data + want;
    return b->data;
}

void *
sst_emu_arena_alloc(struct sst_emu_arena *a, size_t size)
{
    size_t pad = pad_for(a->cur);
    char *p;

    if (size == 0)
        size = 1;
    /* Round up so that the next allocation starts aligned as well. */
    if (size > SIZE_MAX - ALIGN)
        return NULL;
    size = (size + ALIGN - 1) / ALIGN * ALIGN;
    if (pad <= (size_t)(a->end - a->cur) &&
        size <= (size_t)(a->end - a->cur) - pad) {
        p = a->cur + pad;
        a->cur = p + size;
        return p;
    }
    return grow(a, size);
}

void *
sst_emu_arena_zalloc(struct sst_emu_arena *a, size_t size)
{
    void *p = sst_emu_arena_alloc(a, size);

    if (p != NULL)
        memset(p, 0, size);
    return p;
}

char *
sst_emu_arena_strndup(struct sst_emu_arena *a, const char *s, size_t n)
{
    char *p;

    if (n == SIZE_MAX)
        return NULL;
    p = sst_emu_arena_alloc(a, n + 1);
    if (p == NULL)
        return NULL;
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void
sst_emu_arena_cleanup(struct sst_emu_arena *a)
{
    struct sst_emu_arena_block *b, *next;

    if (a == NULL)
        return;
    for (b = a->blocks; b != NULL; b = next) {
        next = b->next;
        sst_free(b);
    }
    sst_emu_arena_init(a);
}
