/*
 * tests/unit/test_emu_jorder.c - the orders of Java's collections that
 * DynamoDB Local's messages follow (emu/expr/jorder.h).
 *
 * The expected orders are DynamoDB Local's own, read from its messages
 * (tests/data/emu/orders.py records them): a ProjectionExpression's
 * unprojected names (a HashMap of the projection tree's keys, the paths
 * put last first, then a HashSet of the names), AttributesToGet's (a
 * HashSet), the first
 * failing index of several (a HashMap of names), and the filter's
 * unprojected names (a TreeSet).
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "emu/expr/jorder.h"
#include "emu/expr/resolve.h"
#include "harness.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static void
fill(struct sst_emu_jname *out, const char *const *names, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        out[i].s = names[i];
        out[i].len = strlen(names[i]);
    }
}

typedef int (*order_fn)(struct sst_emu_jname *names, size_t n,
                        size_t *kept);

/* names ordered by order must come out as want */
static void
expect_order(order_fn order, const char *const *names, size_t n,
             const char *const *want, size_t nwant)
{
    struct sst_emu_jname j[32];
    size_t kept = 0, i;

    fill(j, names, n);
    CU_ASSERT_EQUAL_FATAL(order(j, n, &kept), 0);
    CU_ASSERT_EQUAL_FATAL(kept, nwant);
    for (i = 0; i < nwant; i++) {
        CU_ASSERT_EQUAL(j[i].len, strlen(want[i]));
        CU_ASSERT_NSTRING_EQUAL(j[i].s, want[i], strlen(want[i]) + 1);
    }
}

/* names in hash order must come out as want */
static void
expect_hash_order(const char *const *names, size_t n, const char *const *want,
                  size_t nwant)
{
    expect_order(sst_emu_java_hash_order, names, n, want, nwant);
}

/* a ProjectionExpression's names (expression order) must come out as
 * want */
static void
expect_projection_order(const char *const *names, size_t n,
                        const char *const *want, size_t nwant)
{
    expect_order(sst_emu_java_projection_order, names, n, want, nwant);
}

/* DynamoDB Local's messages (orders.py, "unprojected.map_then_set"):
 * n and gsk share a bucket of the HashSet but not of the projection
 * tree's HashMap, which puts n first whatever the expression's order;
 * n01 and n12 share a bucket of both, so the expression's order counts,
 * last path first. */
static void
projection_order(void)
{
    static const char *const n_gsk[] = {"n", "gsk"};
    static const char *const gsk_n[] = {"gsk", "n"};
    static const char *const three[] = {"gsk", "s", "n"};
    static const char *const three_want[] = {"s", "n", "gsk"};
    static const char *const n01_n12[] = {"n01", "n12"};
    static const char *const n12_n01[] = {"n12", "n01"};
    static const char *const dup[] = {"n", "gsk", "n"};
    static const char *const gsk_n_want[] = {"gsk", "n"};

    expect_projection_order(n_gsk, 2, n_gsk, 2);
    expect_projection_order(gsk_n, 2, n_gsk, 2);
    expect_projection_order(three, 3, three_want, 3);
    expect_projection_order(n01_n12, 2, n12_n01, 2);
    expect_projection_order(n12_n01, 2, n01_n12, 2);
    /* a repeated top-level name ("n.a, gsk, n.b") is one key */
    expect_projection_order(dup, 3, n_gsk, 2);
    /* AttributesToGet: one HashSet, its names put in their order */
    expect_hash_order(gsk_n, 2, gsk_n_want, 2);
}

/* new HashSet<>(24 names) has 64 buckets from the start, where 24 puts
 * grow a HashMap to 32 (BatchWriteItem's order of its tables). */
static void
copy_order(void)
{
    static const char *const want[] = {
        "n10", "n12", "n11", "n14", "n13", "n16", "n15", "n18",
        "n17", "n19", "n21", "n20", "n01", "n23", "n00", "n22",
        "n03", "n02", "n05", "n04", "n07", "n06", "n09", "n08"};
    const char *in[24];
    char names[24][4];
    struct sst_emu_jname j[24];
    size_t i, kept = 0;
    bool differs = false;

    for (i = 0; i < 24; i++) {
        snprintf(names[i], sizeof names[i], "n%02zu", i);
        in[i] = names[i];
    }
    expect_order(sst_emu_java_copy_order, in, 24, want, 24);
    fill(j, in, 24);
    CU_ASSERT_EQUAL_FATAL(sst_emu_java_hash_order(j, 24, &kept), 0);
    for (i = 0; i < 24; i++)
        differs |= strcmp(j[i].s, want[i]) != 0;
    CU_ASSERT(differs);
}

/* Thirteen names (eleven, and the projected pk and gpk) make both tables
 * 32 buckets wide; eleven alone leave them at 16. */
static void
projection_order_grown(void)
{
    static const char *const eleven[] = {"n00", "n01", "n02", "n03",
                                         "n04", "n05", "n06", "n07",
                                         "n08", "n09", "n10"};
    static const char *const thirteen[] = {"n00", "n01", "n02", "n03",
                                           "n04", "n05", "n06", "n07",
                                           "n08", "n09", "n10", "pk",
                                           "gpk"};
    static const char *const want16[] = {"n03", "n02", "n05", "n04",
                                         "n07", "n06", "n09", "n08",
                                         "n10", "n01", "n00"};
    static const char *const want32[] = {"n10", "n01", "n00", "n03",
                                         "n02", "n05", "n04", "n07",
                                         "n06", "n09", "n08"};
    struct sst_emu_jname j[16];
    size_t kept = 0, i, m = 0;

    expect_projection_order(eleven, N_OF(eleven), want16, N_OF(want16));
    fill(j, thirteen, N_OF(thirteen));
    CU_ASSERT_EQUAL_FATAL(
        sst_emu_java_projection_order(j, N_OF(thirteen), &kept), 0);
    CU_ASSERT_EQUAL_FATAL(kept, N_OF(thirteen));
    for (i = 0; i < kept; i++)
        if (strcmp(j[i].s, "pk") != 0 && strcmp(j[i].s, "gpk") != 0) {
            CU_ASSERT_STRING_EQUAL(j[i].s, want32[m]);
            m++;
        }
    CU_ASSERT_EQUAL(m, N_OF(want32));
}

static void
hash_order_small(void)
{
    /* "zz, c, n, m": DynamoDB Local lists [zz, c, m, n] */
    static const char *const in[] = {"m", "n", "c", "zz"};
    static const char *const want[] = {"zz", "c", "m", "n"};
    /* n01 and n12 share a bucket: the order of the puts */
    static const char *const same[] = {"n12", "n01"};
    static const char *const same2[] = {"n01", "n12"};

    expect_hash_order(in, N_OF(in), want, N_OF(want));
    expect_hash_order(same, N_OF(same), same, N_OF(same));
    expect_hash_order(same2, N_OF(same2), same2, N_OF(same2));
}

static void
hash_order_grown(void)
{
    /* 18 names: a table of 32 buckets. The ProjectionExpression
     * "n00, ..., n13, zz, c, B, a_b", its names added last first. */
    static const char *const in[] = {"a_b", "B",   "c",   "zz",  "n13", "n12",
                                     "n11", "n10", "n09", "n08", "n07", "n06",
                                     "n05", "n04", "n03", "n02", "n01", "n00"};
    static const char *const want[] = {
        "zz",  "B",   "c",   "a_b", "n10", "n12", "n01", "n11", "n00",
        "n03", "n13", "n02", "n05", "n04", "n07", "n06", "n09", "n08"};

    expect_hash_order(in, N_OF(in), want, N_OF(want));
}

static void
hash_order_indexes(void)
{
    /* the first index DynamoDB Local names when all fail */
    static const char *const two[] = {"gi1", "gi2"};
    static const char *const two_want[] = {"gi2", "gi1"};
    static const char *const three[] = {"zzz", "aaa", "mmm"};
    static const char *const lsis[] = {"zl0", "zl1", "zl2", "zl3", "zl4"};
    struct sst_emu_jname j[20];
    char names[20][8];
    size_t kept = 0, i;

    expect_hash_order(two, N_OF(two), two_want, N_OF(two_want));
    fill(j, three, N_OF(three));
    CU_ASSERT_EQUAL(sst_emu_java_hash_order(j, N_OF(three), &kept), 0);
    CU_ASSERT_NSTRING_EQUAL(j[0].s, "aaa", 4);
    fill(j, lsis, N_OF(lsis));
    CU_ASSERT_EQUAL(sst_emu_java_hash_order(j, N_OF(lsis), &kept), 0);
    CU_ASSERT_NSTRING_EQUAL(j[0].s, "zl3", 4);
    for (i = 0; i < 20; i++) {
        snprintf(names[i], sizeof names[i], "idx%02zu", i);
        j[i].s = names[i];
        j[i].len = strlen(names[i]);
    }
    CU_ASSERT_EQUAL(sst_emu_java_hash_order(j, 20, &kept), 0);
    CU_ASSERT_EQUAL(kept, 20);
    CU_ASSERT_NSTRING_EQUAL(j[0].s, "idx01", 6);
}

static void
hash_order_duplicates(void)
{
    static const char *const in[] = {"b", "a", "b", "a", "c"};
    static const char *const want[] = {"a", "b", "c"};

    expect_hash_order(in, N_OF(in), want, N_OF(want));
}

static void
hash_order_collisions(void)
{
    /* Ten names of one bucket in a table of 16 (found by search): Java
     * grows the table rather than make a bucket of nine; every name is
     * kept, each once. */
    struct sst_emu_jname j[10];
    char names[10][12];
    size_t n = 0, kept = 0, i, k;
    unsigned c;

    for (c = 0; n < 10 && c < 100000; c++) {
        uint32_t h;

        snprintf(names[n], sizeof names[n], "k%u", c);
        h = (uint32_t)sst_emu_java_hash(names[n], strlen(names[n]));
        if (java_bucket(h, 16) == 5) {
            j[n].s = names[n];
            j[n].len = strlen(names[n]);
            n++;
        }
    }
    CU_ASSERT_EQUAL_FATAL(n, 10);
    CU_ASSERT_EQUAL(sst_emu_java_hash_order(j, n, &kept), 0);
    CU_ASSERT_EQUAL(kept, 10);
    for (i = 0; i < 10; i++)
        for (k = i + 1; k < 10; k++)
            CU_ASSERT_PTR_NOT_EQUAL(j[i].s, j[k].s);
}

static void
sorted_set(void)
{
    /* "zz = c AND n = m": DynamoDB Local lists [c, m, n, zz] */
    static const char *const in[] = {"zz", "c", "n", "m", "n", "zz"};
    static const char *const want[] = {"c", "m", "n", "zz"};
    struct sst_emu_jname j[6];
    size_t kept = 0, i;

    fill(j, in, N_OF(in));
    sst_emu_java_sorted_set(j, N_OF(in), &kept);
    CU_ASSERT_EQUAL_FATAL(kept, N_OF(want));
    for (i = 0; i < kept; i++)
        CU_ASSERT_NSTRING_EQUAL(j[i].s, want[i], strlen(want[i]) + 1);
    sst_emu_java_sorted_set(j, 0, &kept);
    CU_ASSERT_EQUAL(kept, 0);
}

static void
compare_utf16(void)
{
    /* U+10000 is D800 DC00 in UTF-16: before U+FFFF, unlike in UTF-8 */
    CU_ASSERT(sst_emu_java_compare("\xF0\x90\x80\x80", 4, "\xEF\xBF\xBF", 3) <
              0);
    CU_ASSERT(sst_emu_java_compare("B", 1, "a", 1) < 0);
    CU_ASSERT(sst_emu_java_compare("a", 1, "ab", 2) < 0);
    CU_ASSERT(sst_emu_java_compare("ab", 2, "a", 1) > 0);
    CU_ASSERT_EQUAL(sst_emu_java_compare("\xC3\xA9", 2, "\xC3\xA9", 2), 0);
    CU_ASSERT(sst_emu_java_compare("\xC3\xA9", 2, "z", 1) > 0);
    /* and the hash runs over the same units */
    CU_ASSERT_EQUAL((uint32_t)sst_emu_java_hash("\xF0\x90\x80\x80", 4),
                    31u * 0xD800u + 0xDC00u);
}

/* new HashSet<>(n) of Integers (whose hashCode() is their value), the
 * orders printed by Java 17 */
static void
sized_order(void)
{
    static const struct {
        int32_t in[13];
        size_t n;
        int32_t out[13];
    } rows[] = {
        {{17, 1, 65537, 3}, 4, {65537, 17, 1, 3}},
        {{5, 4, 3, 2, 1}, 5, {1, 2, 3, 4, 5}},
        {{100, 1 << 20, 7, 33, 64, 2, 1000000, -1, -16, 19, 25, 31, 48},
         13,
         {64, -1, 33, 2, 100, 7, 1000000, -16, 1 << 20, 48, 19, 25, 31}},
        {{1}, 1, {1}},
        {{3, 1}, 2, {1, 3}},
    };
    uint32_t hash[13];
    size_t order[13], i, j;

    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        for (j = 0; j < rows[i].n; j++)
            hash[j] = (uint32_t)rows[i].in[j];
        sst_emu_java_sized_order(hash, rows[i].n, order);
        for (j = 0; j < rows[i].n; j++)
            CU_ASSERT_EQUAL(rows[i].in[order[j]], rows[i].out[j]);
    }
}

static const struct sst_test tests[] = {
    {"HashSet order of a few names", hash_order_small},
    {"a projection's names: HashMap, then HashSet", projection_order},
    {"a projection's tables sized by every name", projection_order_grown},
    {"a copied HashSet is sized at once", copy_order},
    {"new HashSet<>(n): sized, then grown", sized_order},
    {"HashSet order past 12 names", hash_order_grown},
    {"HashMap order of index names", hash_order_indexes},
    {"duplicates are dropped", hash_order_duplicates},
    {"a crowded bucket grows the table", hash_order_collisions},
    {"TreeSet order, duplicates dropped", sorted_set},
    {"String.compareTo over UTF-16 units", compare_utf16},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"java orders", NULL, NULL, tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_emu_jorder", suites);
}
