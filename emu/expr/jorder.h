/*
 * emu/expr/jorder.h - the orders DynamoDB Local's Java collections give
 * names in its messages.
 *
 * Where a message lists several names, or names one of several failing
 * indexes, DynamoDB Local takes them from a java.util.HashSet or HashMap
 * (iterated bucket by bucket) or a TreeSet (String.compareTo() order).
 * The emulator reproduces those orders so that its messages are DynamoDB
 * Local's (docs/fidelity.md, "Orders in messages"): the unused
 * placeholders of ExpressionAttributeNames and ExpressionAttributeValues
 * (emu/expr/resolve_bind.c), the filter attributes an index does not
 * project (sorted), the unprojected ones of a ProjectionExpression (a
 * HashMap's order, then a HashSet's) or of AttributesToGet (a HashSet's
 * order), and the first of several indexes an item's key values fail
 * (emu/ops/keys.c).
 *
 * Strings are UTF-8; Java hashes and compares their UTF-16 code units
 * (sst_emu_java_hash() is in emu/expr/resolve.h).
 */
#ifndef SST_EMU_EXPR_JORDER_H
#define SST_EMU_EXPR_JORDER_H

#include <stddef.h>
#include <stdint.h>

/** One name: text and length, borrowed. */
struct sst_emu_jname {
    const char *s;
    size_t len;
};

/* What DynamoDB Local's path elements (a projection or update tree's
 * keys) hash from: commons-lang3's HashCodeBuilder(8191, 127), to which
 * the field name's String.hashCode() or the list index is added. */
#define SST_EMU_JAVA_PATH_SEED (8191u * 127u)

/* java.util.HashMap's bucket of a hash code in a table of cap entries. */
static inline uint32_t
java_bucket(uint32_t h, uint32_t cap)
{
    return (h ^ (h >> 16)) & (cap - 1);
}

/* The table size of a HashMap that received n entries one by one. */
static inline uint32_t
java_grown_cap(uint32_t n)
{
    uint32_t cap = 16;

    while (n > cap / 4 * 3)
        cap *= 2;
    return cap;
}

/* The table size of new HashSet<>(collection of n entries). */
static inline uint32_t
java_copy_cap(size_t n)
{
    /* Math.max((int)(n / .75f) + 1, 16), rounded up to a power of two. */
    size_t want = n * 4 / 3 + 1, cap = 16;

    while (cap < want)
        cap *= 2;
    return (uint32_t)cap;
}

/** Java's String.compareTo() of two UTF-8 texts: <0, 0 or >0. */
int sst_emu_java_compare(const char *a, size_t alen, const char *b,
                         size_t blen);

/**
 * Order names as a java.util.HashSet (or a HashMap's keys) iterates them
 * after they were added one by one in the order given. A name equal to an
 * earlier one is dropped, as the set drops it.
 *
 * @param[in,out] names  n names; on return the first *kept of them are
 *                       the set's members in its iteration order
 * @param[out]    kept   the number of distinct names
 * @return 0; -1 when out of memory (names unchanged).
 *
 * A bucket of nine or more colliding names becomes a tree in Java once
 * the table has 64 buckets; that order is not reproduced (such a bucket
 * keeps the order of the puts).
 */
int sst_emu_java_hash_order(struct sst_emu_jname *names, size_t n,
                            size_t *kept);

/**
 * sst_emu_java_hash_order() for a java.util.HashSet made by new
 * HashSet<>(collection) of the names in the order given: its table is
 * sized for all of them at once (java_copy_cap()), not grown put by put.
 * Arguments and result as sst_emu_java_hash_order().
 */
int sst_emu_java_copy_order(struct sst_emu_jname *names, size_t n,
                            size_t *kept);

/**
 * The iteration order of a java.util.HashSet made by new HashSet<>(n)
 * (its table sized for n at once, then grown as entries arrive past
 * three quarters) into which n distinct entries of the hash codes given
 * (their hashCode(), int arithmetic) were put in order: order[k] gets
 * the index of the k-th entry it iterates. DynamoDB Local reads a
 * BatchGetItem's keys from such a set (emu/ops/batch_get_item.c).
 */
void sst_emu_java_sized_order(const uint32_t *hash, size_t n, size_t *order);

/**
 * Order the top-level names of a ProjectionExpression as DynamoDB Local
 * lists them: its projection tree keeps them as the keys of a HashMap,
 * put in the reverse of the expression's order and hashed as
 * 8191 * 127 + String.hashCode(), and it puts them, in that map's
 * iteration order, into a java.util.HashSet of names, whose order this
 * is. Pass every top-level name of the expression, the ones an index
 * projects too: they size both tables.
 *
 * @param[in,out] names  n names in the expression's order; on return the
 *                       first *kept of them are the distinct names in the
 *                       set's iteration order
 * @param[out]    kept   the number of distinct names
 * @return 0; -1 when out of memory (names reversed, and perhaps reordered
 *         as the map iterates them).
 */
int sst_emu_java_projection_order(struct sst_emu_jname *names, size_t n,
                                  size_t *kept);

/** Sort names in String.compareTo() order and drop duplicates, as a
 *  java.util.TreeSet holds them; *kept receives their number. */
void sst_emu_java_sorted_set(struct sst_emu_jname *names, size_t n,
                             size_t *kept);

#endif
