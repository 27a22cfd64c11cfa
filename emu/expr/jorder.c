/*
 * emu/expr/jorder.c - Java's String.compareTo(), and the iteration
 * orders of HashSet and TreeSet (see jorder.h).
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <sst/mem.h>

#include "emu/expr/jorder.h"
#include "emu/expr/resolve.h"

#define JAVA_TREEIFY 8
#define JAVA_TREE_CAPACITY 64

/* The next UTF-16 code unit of UTF-8 text at *i, *pending carrying the
 * low surrogate of a supplementary character. Invalid UTF-8 (which the
 * emulator never stores in a name) counts byte by byte. */
static uint32_t
next_unit(const unsigned char *s, size_t len, size_t *i, uint32_t *pending)
{
    uint32_t c, u;
    size_t need, k;

    if (*pending != 0) {
        u = *pending;
        *pending = 0;
        return u;
    }
    c = s[(*i)++];
    if (c < 0x80)
        return c;
    need = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    if (need == 0 || *i + need > len)
        return c;
    c &= 0x3Fu >> need;
    for (k = 0; k < need; k++)
        c = (c << 6) | (s[(*i)++] & 0x3Fu);
    if (c < 0x10000)
        return c;
    c -= 0x10000;
    *pending = 0xDC00 + (c & 0x3FF);
    return 0xD800 + (c >> 10);
}

int
sst_emu_java_compare(const char *a, size_t alen, const char *b, size_t blen)
{
    const unsigned char *p = (const unsigned char *)a;
    const unsigned char *q = (const unsigned char *)b;
    uint32_t pa = 0, pb = 0, ua, ub;
    size_t i = 0, j = 0;

    for (;;) {
        bool more_a = i < alen || pa != 0, more_b = j < blen || pb != 0;

        if (!more_a || !more_b)
            return (int)more_a - (int)more_b;
        ua = next_unit(p, alen, &i, &pa);
        ub = next_unit(q, blen, &j, &pb);
        if (ua != ub)
            return ua < ub ? -1 : 1;
    }
}

static bool
same(const struct sst_emu_jname *a, const struct sst_emu_jname *b)
{
    return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

/* The table size after the puts (copy: sized first for all n, as new
 * HashSet<>(collection) is): doubled past 3/4 full, and (below 64) when a
 * put makes a bucket longer than 8. */
static size_t
capacity(const uint32_t *hash, size_t n, bool copy)
{
    size_t cap = copy ? java_copy_cap(n) : java_grown_cap((uint32_t)n), i,
           j, run;

    for (;;) {
        bool grow = false;

        for (i = 0; i < n && !grow && cap < JAVA_TREE_CAPACITY; i++) {
            for (run = 0, j = 0; j < n; j++)
                run += java_bucket(hash[j], (uint32_t)cap) ==
                       java_bucket(hash[i], (uint32_t)cap);
            grow = run > JAVA_TREEIFY;
        }
        if (!grow)
            return cap;
        cap *= 2;
    }
}

/* The HashMap order of names put in the order given, each hashed as its
 * String.hashCode() plus add (int arithmetic). */
static int
hash_order(struct sst_emu_jname *names, size_t n, uint32_t add, bool copy,
           size_t *kept)
{
    struct sst_emu_jname *out;
    uint32_t *hash;
    size_t m = 0, i, j, cap, b, at = 0;

    *kept = n;
    if (n < 2)
        return 0;
    hash = sst_calloc(n, sizeof *hash);
    out = sst_calloc(n, sizeof *out);
    if (hash == NULL || out == NULL) {
        sst_free(hash);
        sst_free(out);
        return -1;
    }
    for (i = 0; i < n; i++) {
        for (j = 0; j < m && !same(&out[j], &names[i]); j++)
            ;
        if (j == m) {
            out[m] = names[i];
            hash[m++] = (uint32_t)sst_emu_java_hash(names[i].s,
                                                    names[i].len) +
                        add;
        }
    }
    cap = capacity(hash, m, copy);
    /* bucket by bucket; within a bucket, the order of the puts */
    for (b = 0; b < cap && at < m; b++)
        for (i = 0; i < m; i++)
            if (java_bucket(hash[i], (uint32_t)cap) == b)
                names[at++] = out[i];
    *kept = m;
    sst_free(hash);
    sst_free(out);
    return 0;
}

int
sst_emu_java_hash_order(struct sst_emu_jname *names, size_t n, size_t *kept)
{
    return hash_order(names, n, 0, false, kept);
}

int
sst_emu_java_copy_order(struct sst_emu_jname *names, size_t n, size_t *kept)
{
    return hash_order(names, n, 0, true, kept);
}

void
sst_emu_java_sized_order(const uint32_t *hash, size_t n, size_t *order)
{
    size_t cap = 1, b, i, at = 0;

    /* HashMap(n): tableSizeFor(n), doubled while n > (int)(cap * .75f) */
    while (cap < n)
        cap *= 2;
    while (n > cap * 3 / 4)
        cap *= 2;
    for (b = 0; b < cap && at < n; b++)
        for (i = 0; i < n; i++)
            if (java_bucket(hash[i], (uint32_t)cap) == b)
                order[at++] = i;
}

int
sst_emu_java_projection_order(struct sst_emu_jname *names, size_t n,
                              size_t *kept)
{
    struct sst_emu_jname t;
    size_t i;

    *kept = n;
    for (i = 0; i < n / 2; i++) {
        t = names[i];
        names[i] = names[n - 1 - i];
        names[n - 1 - i] = t;
    }
    if (hash_order(names, n, SST_EMU_JAVA_PATH_SEED, false, kept) != 0)
        return -1;
    return hash_order(names, *kept, 0, false, kept);
}

static int
by_java(const void *x, const void *y)
{
    const struct sst_emu_jname *a = x, *b = y;

    return sst_emu_java_compare(a->s, a->len, b->s, b->len);
}

void
sst_emu_java_sorted_set(struct sst_emu_jname *names, size_t n, size_t *kept)
{
    size_t i, m = 0;

    *kept = 0;
    if (n == 0)
        return;
    qsort(names, n, sizeof *names, by_java);
    for (i = 0; i < n; i++)
        if (m == 0 || !same(&names[m - 1], &names[i]))
            names[m++] = names[i];
    *kept = m;
}
