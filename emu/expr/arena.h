/*
 * emu/expr/arena.h - a per-request bump allocator for expression trees.
 *
 * The expression parser, the resolver and the evaluator allocate their
 * short-lived trees here and free them all at once with
 * sst_emu_arena_cleanup(), so that no error path has to free nodes one by
 * one. The first SST_EMU_ARENA_INLINE bytes live inside the struct itself:
 * an arena on the caller's stack parses a typical expression without a
 * single heap allocation. Larger needs take blocks from sst_malloc(); the
 * total is capped at SST_EMU_ARENA_MAX bytes.
 *
 *     struct sst_emu_arena a;
 *     sst_emu_arena_init(&a);
 *     rc = sst_emu_expr_parse(&a, s, len, SST_EMU_EXPR_CONDITION, &ast, err);
 *     ...use ast...
 *     sst_emu_arena_cleanup(&a);      (ast is gone)
 *
 * An arena is used by one thread at a time.
 */
#ifndef SST_EMU_EXPR_ARENA_H
#define SST_EMU_EXPR_ARENA_H

#include <stddef.h>

#include <sst/defs.h>

/* Bytes held inside struct sst_emu_arena before any heap block. */
#define SST_EMU_ARENA_INLINE 2048
/* Smallest heap block the arena asks for. */
#define SST_EMU_ARENA_BLOCK 8192
/* Upper bound of all heap blocks of one arena together. */
#define SST_EMU_ARENA_MAX (64u * 1024u * 1024u)

struct sst_emu_arena_block; /* private to arena.c */

struct sst_emu_arena {
    char *cur;                          /* next free byte                 */
    char *end;                          /* end of the current block       */
    struct sst_emu_arena_block *blocks; /* heap blocks, newest first      */
    size_t heap_bytes;                  /* sum of the heap block sizes    */
    /* The inline block; max_align_t keeps it aligned for any type. */
    union {
        max_align_t align;
        char bytes[SST_EMU_ARENA_INLINE];
    } first;
};

/**
 * Prepare an arena the caller owns (usually on the stack). Never fails;
 * allocates nothing.
 *
 * @param[out] a  the arena; must later be passed to sst_emu_arena_cleanup()
 */
void sst_emu_arena_init(struct sst_emu_arena *a);

/**
 * Allocate size bytes, aligned for any type, valid until cleanup. The
 * memory is not zeroed.
 *
 * @param[in,out] a     an initialised arena
 * @param[in]     size  bytes wanted; 0 gives a valid unique pointer
 * @return the memory, or NULL when the heap is exhausted or the arena would
 *         grow beyond SST_EMU_ARENA_MAX (callers report SST_E_NOMEM).
 */
SST_MUST_CHECK void *sst_emu_arena_alloc(struct sst_emu_arena *a, size_t size);

/** As sst_emu_arena_alloc(), with the memory zeroed. */
SST_MUST_CHECK void *sst_emu_arena_zalloc(struct sst_emu_arena *a, size_t size);

/**
 * Copy n bytes of s into the arena and NUL-terminate the copy.
 *
 * @return the copy (n + 1 bytes), or NULL as sst_emu_arena_alloc().
 */
SST_MUST_CHECK char *sst_emu_arena_strndup(struct sst_emu_arena *a,
                                           const char *s, size_t n);

/**
 * Free every block and forget every allocation; the arena may be used
 * again afterwards (it is as after sst_emu_arena_init()). NULL is a no-op.
 */
void sst_emu_arena_cleanup(struct sst_emu_arena *a);

#endif /* SST_EMU_EXPR_ARENA_H */
