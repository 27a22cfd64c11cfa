/*
 * fuzz/fuzz_store_key.c - libFuzzer target for the emulator's composite
 * key encoding (emu/store/key.h): LMDB's byte order of two encoded keys
 * must be DynamoDB's order of the keys.
 *
 * The input describes two keys of one schema (a partition key and a sort
 * key): byte 0 gives the two attribute types (bits 0-1 the partition
 * key's, bits 2-3 the sort key's: 0 S, 1 B, 2 N, 3 B), then four values,
 * each a length byte and that many bytes: key A's partition and sort
 * values, then key B's. N values are number strings; keys whose numbers
 * do not parse are skipped. The encoded keys must compare (unsigned
 * bytes, a proper prefix first, as LMDB compares) exactly as DynamoDB
 * orders the keys: by partition value, then sort value; S and B by
 * unsigned bytes with a proper prefix first, N numerically. Each key must
 * also decode back into its components.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sst/sst.h>

#include "emu/expr/num.h"
#include "emu/store/key.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum kind { KS = 0, KB = 1, KN = 2 };

struct value {
    const uint8_t *p;
    size_t n;
    struct sst_num num;
    bool parsed;
};

static int
sign(int v)
{
    return (v > 0) - (v < 0);
}

static int
bytes_cmp(const uint8_t *a, size_t na, const uint8_t *b, size_t nb)
{
    int r = memcmp(a, b, na < nb ? na : nb);

    if (r != 0)
        return sign(r);
    return (na > nb) - (na < nb);
}

static int
value_cmp(enum kind k, const struct value *a, const struct value *b)
{
    if (k == KN)
        return sign(sst_num_cmp(&a->num, &b->num));
    return bytes_cmp(a->p, a->n, b->p, b->n);
}

static bool
add(struct sst_emu_key *key, enum kind k, const struct value *v)
{
    unsigned char enc[SST_NUM_KEY_MAX];

    switch (k) {
    case KS:
        return sst_emu_key_add_s(key, (const char *)v->p, v->n, NULL) ==
               SST_OK;
    case KB:
        return sst_emu_key_add_b(key, v->p, v->n, NULL) == SST_OK;
    default:
        return sst_emu_key_add_n(key, enc, sst_num_key_encode(&v->num, enc),
                                 NULL) == SST_OK;
    }
}

/* The key decodes into exactly two components; S and B components are the
 * values' bytes. */
static void
check_decode(const struct sst_emu_key *key, const enum kind *k,
             const struct value *v)
{
    uint8_t out[256 + 8];
    size_t at = 0;
    int i;

    for (i = 0; i < 2; i++) {
        size_t len = 0, used = 0;

        if (!sst_emu_key_decode(key->data + at, key->len - at, NULL, &len,
                                &used) ||
            len > sizeof out)
            abort();
        if (!sst_emu_key_decode(key->data + at, key->len - at, out, &len,
                                &used))
            abort();
        if (k[i] != KN && (len != v[i].n || memcmp(out, v[i].p, len) != 0))
            abort();
        at += used;
    }
    if (at != key->len)
        abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct value v[4];
    enum kind k[2];
    struct sst_emu_key ka, kb;
    size_t at = 1;
    bool ok = true;
    int i, want;

    if (size < 1)
        return 0;
    k[0] = (data[0] & 3) == 3 ? KB : (enum kind)(data[0] & 3);
    k[1] = ((data[0] >> 2) & 3) == 3 ? KB : (enum kind)((data[0] >> 2) & 3);
    for (i = 0; i < 4; i++) {
        sst_num_init(&v[i].num);
        v[i].parsed = false;
        v[i].p = NULL;
        v[i].n = 0;
        if (at >= size) {
            ok = false;
            continue;
        }
        v[i].n = data[at++];
        if (v[i].n > size - at) {
            ok = false;
            continue;
        }
        v[i].p = data + at;
        at += v[i].n;
        if (k[i % 2] == KN)
            ok = ok && sst_num_parse(&v[i].num, (const char *)v[i].p, v[i].n,
                                     NULL) == SST_OK;
    }
    sst_emu_key_init(&ka);
    sst_emu_key_init(&kb);
    if (ok && add(&ka, k[0], &v[0]) && add(&ka, k[1], &v[1]) &&
        add(&kb, k[0], &v[2]) && add(&kb, k[1], &v[3])) {
        want = value_cmp(k[0], &v[0], &v[2]);
        if (want == 0)
            want = value_cmp(k[1], &v[1], &v[3]);
        if (bytes_cmp(ka.data, ka.len, kb.data, kb.len) != want)
            abort();
        check_decode(&ka, k, &v[0]);
        check_decode(&kb, k, &v[2]);
    }
    sst_emu_key_cleanup(&ka);
    sst_emu_key_cleanup(&kb);
    for (i = 0; i < 4; i++)
        sst_num_cleanup(&v[i].num);
    return 0;
}
