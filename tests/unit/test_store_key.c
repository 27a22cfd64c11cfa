/*
 * tests/unit/test_store_key.c - the emulator's key order in the LMDB
 * store: the key encoding sorts as DynamoDB does (a table of pairs and
 * 20000 random ones; escaping, growth and its cap; SipHash), and cursors
 * walk ranges of stored keys in that order, both ways, across runs of
 * long keys.
 *
 * The cursor suite runs after the key suite and continues its seeded
 * generator, as it did when both lived in test_store.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sst/sst.h>

#include "emu/store/cursor.h"
#include "emu/store/key.h"
#include "emu/store/rows.h"
#include "emu/store/store.h"
#include "harness.h"
#include "tests/unit/store_test_util.h"

/* ------------------------------------------------------------------ */
/* key encoding                                                        */

static int
sign(int v)
{
    return (v > 0) - (v < 0);
}

/* DynamoDB's order of binary (and UTF-8 string) values. */
static int
raw_cmp(const uint8_t *a, size_t an, const uint8_t *b, size_t bn)
{
    size_t n = an < bn ? an : bn;
    int c = n ? memcmp(a, b, n) : 0;
    return c ? sign(c) : (an > bn) - (an < bn);
}

static int
key_cmp(const struct sst_emu_key *a, const struct sst_emu_key *b)
{
    return raw_cmp(a->data, a->len, b->data, b->len);
}

static void
key_components_are_escaped(void)
{
    static const uint8_t v[] = {'a', 0x00, 'b', 0xFF, 0x01};
    static const uint8_t want[] = {'a',  0x00, 0xFF, 'b',  0xFF, 0x01,
                                   0x00, 0x01, 'x',  0x00, 0x01};
    struct sst_emu_key k;
    uint8_t out[16];
    size_t n, used;

    sst_emu_key_init(&k);
    CU_ASSERT_EQUAL(sst_emu_key_add_b(&k, v, sizeof v, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_key_add_s(&k, "x", 1, NULL), SST_OK);
    CU_ASSERT_EQUAL(k.len, sizeof want);
    CU_ASSERT_EQUAL(memcmp(k.data, want, sizeof want), 0);
    CU_ASSERT_TRUE(sst_emu_key_decode(k.data, k.len, out, &n, &used));
    CU_ASSERT_EQUAL(n, sizeof v);
    CU_ASSERT_EQUAL(memcmp(out, v, sizeof v), 0);
    CU_ASSERT_EQUAL(used, 8);
    CU_ASSERT_TRUE(
        sst_emu_key_decode(k.data + used, k.len - used, out, &n, &used));
    CU_ASSERT_EQUAL(n, 1);
    CU_ASSERT_EQUAL(out[0], 'x');
    /* Malformed: no terminator; 0x00 followed by another byte. */
    CU_ASSERT_FALSE(
        sst_emu_key_decode((const uint8_t *)"ab", 2, NULL, &n, &used));
    CU_ASSERT_FALSE(
        sst_emu_key_decode((const uint8_t *)"a\0\2", 3, NULL, &n, &used));
    sst_emu_key_cleanup(&k);
}

/* Pairs in DynamoDB's order: every row sorts before the next one. */
static void
key_order_table(void)
{
    static const struct {
        const char *pk;
        size_t pk_len;
        const char *sk;
        size_t sk_len;
    } rows[] = {
        {"", 0, "", 0},
        {"", 0, "\x00", 1},
        {"", 0, "a", 1},
        {"\x00", 1, "", 0},
        {"\x00", 1, "\xff", 1},
        {"\x00\x00", 2, "", 0},
        {"\x00\x01", 2, "", 0},
        {"\x01", 1, "", 0},
        {"A", 1, "zzz", 3},
        {"a", 1, "", 0},
        {"a", 1, "\x00", 1},
        {"a", 1, "\x00\x00", 2},
        {"a", 1, "\x01", 1},
        {"a", 1, "b", 1},
        {"a", 1, "ba", 2},
        {"a", 1, "\xc3\xa9", 2},     /* U+00E9 */
        {"a", 1, "\xef\xbf\xbf", 3}, /* U+FFFF below U+10000 in UTF-8 */
        {"a", 1, "\xf0\x90\x80\x80", 4},
        {"a\x00", 2, "", 0},
        {"a\x00"
         "b",
         3, "", 0},
        {"a\x01", 2, "", 0},
        {"ab", 2, "", 0},
        {"b", 1, "", 0},
        {"\xff", 1, "", 0},
        {"\xff\xff", 2, "", 0},
    };
    size_t n = sizeof rows / sizeof rows[0], i;
    struct sst_emu_key a, b;

    sst_emu_key_init(&a);
    sst_emu_key_init(&b);
    for (i = 0; i + 1 < n; i++) {
        sst_emu_key_reset(&a);
        sst_emu_key_reset(&b);
        CU_ASSERT_EQUAL(sst_emu_key_add_s(&a, rows[i].pk, rows[i].pk_len, NULL),
                        SST_OK);
        CU_ASSERT_EQUAL(sst_emu_key_add_s(&a, rows[i].sk, rows[i].sk_len, NULL),
                        SST_OK);
        CU_ASSERT_EQUAL(
            sst_emu_key_add_s(&b, rows[i + 1].pk, rows[i + 1].pk_len, NULL),
            SST_OK);
        CU_ASSERT_EQUAL(
            sst_emu_key_add_s(&b, rows[i + 1].sk, rows[i + 1].sk_len, NULL),
            SST_OK);
        if (key_cmp(&a, &b) >= 0)
            fprintf(stderr, "\n  order broken between rows %zu and %zu\n", i,
                    i + 1);
        CU_ASSERT_TRUE(key_cmp(&a, &b) < 0);
    }
    sst_emu_key_cleanup(&a);
    sst_emu_key_cleanup(&b);
}

/* xorshift64*: a fixed-seed generator, so runs repeat. */
static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static uint64_t
rng(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ULL;
}

/* Short values over a tiny alphabet, so that prefixes and 0x00 bytes
 * collide often. */
static size_t
random_value(uint8_t *v)
{
    static const uint8_t alphabet[] = {0x00, 0x01, 0x7F, 0xFE, 0xFF};
    size_t n = (size_t)(rng() % 5), i;

    for (i = 0; i < n; i++)
        v[i] = alphabet[rng() % sizeof alphabet];
    return n;
}

static void
key_order_random_pairs(void)
{
    struct sst_emu_key a, b;
    uint8_t p1[8], s1[8], p2[8], s2[8];
    size_t n1, m1, n2, m2;
    int i, want, bad = 0;

    sst_emu_key_init(&a);
    sst_emu_key_init(&b);
    for (i = 0; i < 20000; i++) {
        n1 = random_value(p1);
        m1 = random_value(s1);
        n2 = random_value(p2);
        m2 = random_value(s2);
        sst_emu_key_reset(&a);
        sst_emu_key_reset(&b);
        if (sst_emu_key_add_b(&a, p1, n1, NULL) != SST_OK ||
            sst_emu_key_add_b(&a, s1, m1, NULL) != SST_OK ||
            sst_emu_key_add_b(&b, p2, n2, NULL) != SST_OK ||
            sst_emu_key_add_b(&b, s2, m2, NULL) != SST_OK)
            bad++;
        /* Composite order: partition key first, then sort key. */
        want = raw_cmp(p1, n1, p2, n2);
        if (want == 0)
            want = raw_cmp(s1, m1, s2, m2);
        if (sign(key_cmp(&a, &b)) != want)
            bad++;
    }
    CU_ASSERT_EQUAL(bad, 0);
    sst_emu_key_cleanup(&a);
    sst_emu_key_cleanup(&b);
}

static void
key_grows_and_caps(void)
{
    struct sst_emu_key k;
    struct sst_err e;
    uint8_t *big = calloc(SST_EMU_KEY_MAX, 1);

    CU_ASSERT_PTR_NOT_NULL_FATAL(big);
    sst_emu_key_init(&k);
    /* 2000 zero bytes escape to 4000 bytes: past the inline buffer. */
    CU_ASSERT_EQUAL(sst_emu_key_add_n(&k, big, 2000, NULL), SST_OK);
    CU_ASSERT_EQUAL(k.len, 4002);
    CU_ASSERT_EQUAL(sst_emu_key_add_b(&k, big, SST_EMU_KEY_MAX / 2, &e),
                    SST_E_INVALID_ARG);
    CU_ASSERT_EQUAL(k.len, 4002);
    sst_emu_key_cleanup(&k);
    sst_mem_fail_after(1);
    CU_ASSERT_EQUAL(sst_emu_key_add_b(&k, big, 1000, &e), SST_E_NOMEM);
    sst_mem_fail_reset();
    sst_emu_key_cleanup(&k);
    free(big);
}

static void
siphash_reference_vector(void)
{
    uint8_t key[16], msg[15];
    int i;

    for (i = 0; i < 16; i++)
        key[i] = (uint8_t)i;
    for (i = 0; i < 15; i++)
        msg[i] = (uint8_t)i;
    /* Aumasson and Bernstein, SipHash paper, appendix A. */
    CU_ASSERT_EQUAL(sst_emu_siphash(key, msg, sizeof msg),
                    0xa129ca6149be45e5ULL);
}

/* ------------------------------------------------------------------ */
/* cursors                                                             */

#define NKEYS 300

struct rkey {
    uint8_t *b;
    size_t n;
    int id;
};

static int
rkey_cmp(const void *a, const void *b)
{
    const struct rkey *x = a, *y = b;
    return raw_cmp(x->b, x->n, y->b, y->n);
}

/* Keys over a small alphabet: short ones, ones around the 480-byte inline
 * limit, and long ones sharing one of three stems, so that long-key runs
 * and their neighbours are frequent. */
static size_t
random_key(uint8_t *buf, const uint8_t *stems)
{
    static const uint8_t alphabet[] = {0x00, 0x01, 'a', 0xFF};
    size_t n, i, kind = (size_t)(rng() % 4);

    if (kind == 0)
        n = 1 + (size_t)(rng() % 12);
    else if (kind == 1)
        n = SST_EMU_ROW_INLINE - 3 + (size_t)(rng() % 7);
    else
        n = SST_EMU_ROW_INLINE + 1 + (size_t)(rng() % 40);
    for (i = 0; i < n; i++)
        buf[i] = alphabet[rng() % sizeof alphabet];
    if (kind >= 2 && n > 0)
        memcpy(buf, stems + (rng() % 3) * SST_EMU_ROW_INLINE,
               SST_EMU_ROW_INLINE);
    return n;
}

/* Whether reference key k is inside range r. */
static bool
in_range(const struct rkey *k, const struct sst_emu_range *r)
{
    int d;

    if (r->prefix &&
        (k->n < r->prefix_len || memcmp(k->b, r->prefix, r->prefix_len) != 0))
        return false;
    if (r->lo) {
        d = raw_cmp(k->b, k->n, r->lo, r->lo_len);
        if (d < 0 || (d == 0 && r->lo_exclusive))
            return false;
    }
    if (r->hi) {
        d = raw_cmp(k->b, k->n, r->hi, r->hi_len);
        if (d > 0 || (d == 0 && r->hi_exclusive))
            return false;
    }
    return true;
}

/* A bound near existing keys: a key, a prefix of one, or a key with a
 * byte added. */
static const uint8_t *
random_bound(const struct rkey *keys, uint8_t *buf, size_t *n)
{
    const struct rkey *k = &keys[rng() % NKEYS];

    *n = k->n;
    memcpy(buf, k->b, k->n);
    switch (rng() % 3) {
    case 0:
        break;
    case 1:
        *n = (size_t)(rng() % (k->n + 1));
        break;
    default:
        buf[(*n)++] = (uint8_t)rng();
        break;
    }
    return buf;
}

static void
cursor_walks_in_true_order(void)
{
    struct sst_emu_store *st = ts_open_store(NULL, 0);
    struct sst_emu_txn *txn = NULL;
    struct sst_emu_cursor *c = NULL;
    struct sst_emu_range r;
    struct rkey *keys = calloc(NKEYS, sizeof *keys);
    uint8_t *stems = malloc(3 * SST_EMU_ROW_INLINE), buf[600];
    uint8_t lo[600], hi[600], pre[600];
    const uint8_t *k;
    const void *v;
    size_t kn, vn, i, j, want, got, mismatches = 0, checked = 0;
    bool found;
    int round;

    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    CU_ASSERT_PTR_NOT_NULL_FATAL(keys);
    CU_ASSERT_PTR_NOT_NULL_FATAL(stems);
    for (i = 0; i < 3 * SST_EMU_ROW_INLINE; i++)
        stems[i] = (uint8_t)("ab\0\xff"[rng() % 4]);
    CU_ASSERT_EQUAL_FATAL(sst_emu_txn_begin(st, true, &txn, NULL), SST_OK);
    for (i = 0; i < NKEYS; i++) {
        do { /* distinct keys */
            keys[i].n = random_key(buf, stems);
            for (j = 0; j < i; j++)
                if (raw_cmp(buf, keys[i].n, keys[j].b, keys[j].n) == 0)
                    break;
        } while (j < i);
        keys[i].b = malloc(keys[i].n);
        memcpy(keys[i].b, buf, keys[i].n);
        keys[i].id = (int)i;
        CU_ASSERT_EQUAL(sst_emu_rows_put(txn, 9, 5, keys[i].b, keys[i].n,
                                         &keys[i].id, sizeof keys[i].id, NULL),
                        SST_OK);
        /* Neighbours in the key space that no walk may return. */
        CU_ASSERT_EQUAL(
            sst_emu_rows_put(txn, 9, 4, keys[i].b, keys[i].n, "x", 1, NULL),
            SST_OK);
        CU_ASSERT_EQUAL(
            sst_emu_rows_put(txn, 9, 6, keys[i].b, keys[i].n, "y", 1, NULL),
            SST_OK);
    }
    qsort(keys, NKEYS, sizeof *keys, rkey_cmp);

    for (round = 0; round < 400; round++) {
        memset(&r, 0, sizeof r);
        r.reverse = rng() % 2;
        if (rng() % 3 == 0) {
            r.prefix = random_bound(keys, pre, &r.prefix_len);
        }
        if (rng() % 2) {
            r.lo = random_bound(keys, lo, &r.lo_len);
            r.lo_exclusive = rng() % 2;
        }
        if (rng() % 2) {
            r.hi = random_bound(keys, hi, &r.hi_len);
            r.hi_exclusive = rng() % 2;
        }
        CU_ASSERT_EQUAL_FATAL(sst_emu_cursor_open(txn, 9, 5, &r, &c, NULL),
                              SST_OK);
        got = 0;
        for (i = 0; i < NKEYS; i++) {
            const struct rkey *ref = &keys[r.reverse ? NKEYS - 1 - i : i];
            if (!in_range(ref, &r))
                continue;
            CU_ASSERT_EQUAL(
                sst_emu_cursor_next(c, &k, &kn, &v, &vn, &found, NULL), SST_OK);
            if (!found || kn != ref->n || memcmp(k, ref->b, kn) != 0 ||
                vn != sizeof(int) || memcmp(v, &ref->id, vn) != 0) {
                mismatches++;
                break;
            }
            got++;
        }
        want = got;
        CU_ASSERT_EQUAL(sst_emu_cursor_next(c, &k, &kn, &v, &vn, &found, NULL),
                        SST_OK);
        if (found)
            mismatches++;
        checked += want;
        sst_emu_cursor_close(c);
        c = NULL;
    }
    CU_ASSERT_EQUAL(mismatches, 0);
    CU_ASSERT_TRUE(checked > 1000);

    /* The whole index, both ways. */
    memset(&r, 0, sizeof r);
    CU_ASSERT_EQUAL_FATAL(sst_emu_cursor_open(txn, 9, 5, &r, &c, NULL), SST_OK);
    for (i = 0; i < NKEYS; i++) {
        CU_ASSERT_EQUAL(sst_emu_cursor_next(c, &k, &kn, &v, &vn, &found, NULL),
                        SST_OK);
        CU_ASSERT_TRUE(found && kn == keys[i].n);
    }
    CU_ASSERT_EQUAL(sst_emu_cursor_next(c, &k, &kn, &v, &vn, &found, NULL),
                    SST_OK);
    CU_ASSERT_FALSE(found);
    CU_ASSERT_PTR_NULL(k);
    sst_emu_cursor_close(c);
    sst_emu_cursor_close(NULL);
    sst_emu_txn_abort(txn);
    for (i = 0; i < NKEYS; i++)
        free(keys[i].b);
    free(keys);
    free(stems);
    sst_emu_store_close(st);
}

static const struct sst_test key_tests[] = {
    {"components are escaped and decode back", key_components_are_escaped},
    {"table of keys in DynamoDB order", key_order_table},
    {"20000 random pairs keep composite order", key_order_random_pairs},
    {"keys grow past the inline buffer, up to the cap", key_grows_and_caps},
    {"SipHash-2-4 reference vector", siphash_reference_vector},
    {NULL, NULL},
};

static const struct sst_test cursor_tests[] = {
    {"walks keep true order across long-key runs", cursor_walks_in_true_order},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"key", NULL, NULL, key_tests},
        {"cursor", NULL, NULL, cursor_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_store_key", suites);
}
