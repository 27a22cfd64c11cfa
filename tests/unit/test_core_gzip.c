/*
 * tests/unit/test_core_gzip.c - gzip against Python: compression byte for
 * byte equal to gzip.compress(data, 9, mtime), decompression with
 * gzip.decompress()'s verdicts (tests/data/core/gzip.json from
 * gen_gzip.py), the size cap, and out-of-memory paths.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sst/mem.h>

#include "src/core/gzip.h"

#include "test_core_golden.h"
#include "harness.h"

static json_object *golden;

static int
init(void)
{
    golden = core_golden_load("gzip.json");
    return golden == NULL;
}

static int
cleanup(void)
{
    json_object_put(golden);
    return 0;
}

/* The input of a compress row: "input", or "repeat" x "count". */
static unsigned char *
row_input(json_object *row, size_t *len)
{
    json_object *v;
    unsigned char *unit, *all;
    size_t ulen, count, i;

    if (json_object_object_get_ex(row, "input", &v))
        return core_golden_b64(json_object_get_string(v), len);
    unit = core_golden_b64(core_golden_str(row, "repeat"), &ulen);
    count = (size_t)core_golden_int(row, "count");
    all = malloc(ulen * count + 1);
    if (all == NULL)
        abort();
    for (i = 0; i < count; i++)
        memcpy(all + i * ulen, unit, ulen);
    free(unit);
    *len = ulen * count;
    return all;
}

static void
test_compress_golden(void)
{
    json_object *rows = core_golden_get(golden, "compress");
    size_t i, n = json_object_array_length(rows);

    CU_ASSERT(n >= 21);
    for (i = 0; i < n; i++) {
        json_object *row = json_object_array_get_idx(rows, i);
        size_t inlen, wantlen, outlen, backlen;
        unsigned char *in = row_input(row, &inlen), *out = NULL, *back = NULL;
        unsigned char *want = core_golden_b64(core_golden_str(row, "gzip"),
                                              &wantlen);
        uint32_t mtime = (uint32_t)core_golden_int(row, "mtime");

        CU_ASSERT_EQUAL_FATAL(
            sst_gzip_compress(in, inlen, mtime, &out, &outlen, NULL), SST_OK);
        if (outlen != wantlen || memcmp(out, want, wantlen) != 0)
            fprintf(stderr, "\ncompress '%s' mtime %u differs from Python\n",
                    core_golden_str(row, "name"), mtime);
        CU_ASSERT_EQUAL(outlen, wantlen);
        CU_ASSERT(outlen == wantlen && memcmp(out, want, wantlen) == 0);
        /* and it reads back */
        CU_ASSERT_EQUAL(sst_gzip_decompress(out, outlen, 0, &back, &backlen,
                                            NULL),
                        SST_OK);
        CU_ASSERT(backlen == inlen && memcmp(back, in, inlen) == 0);
        sst_free(out);
        sst_free(back);
        free(in);
        free(want);
    }
}

static void
test_decompress_golden(void)
{
    json_object *rows = core_golden_get(golden, "decompress");
    size_t i, n = json_object_array_length(rows);

    CU_ASSERT(n >= 20);
    for (i = 0; i < n; i++) {
        json_object *row = json_object_array_get_idx(rows, i);
        size_t inlen, outlen;
        unsigned char *in = core_golden_b64(core_golden_str(row, "input"),
                                            &inlen);
        unsigned char *out = NULL;
        struct sst_err err;
        enum sst_code rc =
            sst_gzip_decompress(in, inlen, 0, &out, &outlen, &err);
        const char *name = core_golden_str(row, "name");

        if (core_golden_bool(row, "ok")) {
            size_t wantlen;
            unsigned char *want =
                core_golden_b64(core_golden_str(row, "output"), &wantlen);
            if (rc != SST_OK)
                fprintf(stderr, "\n'%s': %s\n", name, err.message);
            CU_ASSERT_EQUAL(rc, SST_OK);
            CU_ASSERT(rc == SST_OK && outlen == wantlen &&
                      memcmp(out, want, wantlen) == 0);
            if (rc == SST_OK)
                CU_ASSERT_EQUAL(out[outlen], '\0');
            free(want);
        } else {
            if (rc == SST_OK)
                fprintf(stderr, "\n'%s': accepted\n", name);
            CU_ASSERT_EQUAL(rc, SST_E_INVALID_DATA);
            CU_ASSERT_PTR_NULL(out);
            CU_ASSERT(strncmp(err.message, "gzip: ", 6) == 0);
        }
        sst_free(out);
        free(in);
    }
}

/* The exact message for each kind of damage. */
static void
test_decompress_messages(void)
{
    static const char text[] = "hello, gzip";
    unsigned char *gz = NULL, *out = NULL, *bad;
    size_t gzlen, outlen;
    struct sst_err err;

    CU_ASSERT_EQUAL_FATAL(sst_gzip_compress(text, 11, 7, &gz, &gzlen, NULL),
                          SST_OK);
    bad = malloc(gzlen + 8);
    CU_ASSERT_FATAL(bad != NULL);
    memcpy(bad, gz, gzlen);

    CU_ASSERT_EQUAL(sst_gzip_decompress(bad, gzlen - 3, 0, &out, &outlen,
                                        &err),
                    SST_E_INVALID_DATA);
    SST_ASSERT_STR_EQ(err.message, "gzip: truncated stream");
    memcpy(bad + gzlen, "xy", 2);
    CU_ASSERT_EQUAL(sst_gzip_decompress(bad, gzlen + 2, 0, &out, &outlen,
                                        &err),
                    SST_E_INVALID_DATA);
    SST_ASSERT_STR_EQ(err.message, "gzip: not a gzip stream");
    bad[gzlen - 8] ^= 1;
    CU_ASSERT_EQUAL(sst_gzip_decompress(bad, gzlen, 0, &out, &outlen, &err),
                    SST_E_INVALID_DATA);
    SST_ASSERT_STR_EQ(err.message, "gzip: corrupt data: incorrect data check");
    bad[gzlen - 8] ^= 1;
    bad[gzlen - 4] ^= 1;
    CU_ASSERT_EQUAL(sst_gzip_decompress(bad, gzlen, 0, &out, &outlen, &err),
                    SST_E_INVALID_DATA);
    SST_ASSERT_STR_EQ(err.message,
                      "gzip: corrupt data: incorrect length check");
    CU_ASSERT_EQUAL(sst_gzip_decompress(bad, 1, 0, &out, &outlen, &err),
                    SST_E_INVALID_DATA);
    SST_ASSERT_STR_EQ(err.message, "gzip: truncated stream");
    CU_ASSERT_PTR_NULL(out);
    free(bad);
    sst_free(gz);
}

/* The cap: exactly max bytes pass, one more fails. */
static void
test_decompress_cap(void)
{
    unsigned char data[10000], *gz = NULL, *out = NULL;
    size_t gzlen, outlen;
    struct sst_err err;

    memset(data, 'x', sizeof data);
    CU_ASSERT_EQUAL_FATAL(sst_gzip_compress(data, sizeof data, 0, &gz, &gzlen,
                                            NULL),
                          SST_OK);
    CU_ASSERT_EQUAL(sst_gzip_decompress(gz, gzlen, sizeof data, &out, &outlen,
                                        &err),
                    SST_OK);
    CU_ASSERT_EQUAL(outlen, sizeof data);
    sst_free(out);
    out = NULL;
    CU_ASSERT_EQUAL(sst_gzip_decompress(gz, gzlen, sizeof data - 1, &out,
                                        &outlen, &err),
                    SST_E_INVALID_DATA);
    SST_ASSERT_STR_EQ(err.message,
                      "gzip: decompressed data exceeds 9999 bytes");
    CU_ASSERT_PTR_NULL(out);
    CU_ASSERT_EQUAL(sst_gzip_decompress(gz, gzlen, 100, &out, &outlen, &err),
                    SST_E_INVALID_DATA);
    sst_free(gz);
}

/* Every allocation failure is SST_E_NOMEM and leaks nothing. */
/* One compressor reused over every golden input, in order and then in
 * reverse, writes Python's bytes each time; out of memory on its first
 * use leaves it usable. */
static void
test_compress_reused(void)
{
    json_object *rows = core_golden_get(golden, "compress");
    size_t k, n = json_object_array_length(rows);
    struct sst_gzip *gz = NULL;
    unsigned char *out = NULL;
    size_t outlen;
    long f;

    CU_ASSERT_EQUAL_FATAL(sst_gzip_new(&gz, NULL), SST_OK);
    for (f = 1; f < 50; f++) {
        enum sst_code rc;

        sst_mem_fail_after(f);
        rc = sst_gzip_compress_with(gz, "x", 1, 0, &out, &outlen, NULL);
        sst_mem_fail_reset();
        if (rc == SST_OK)
            break;
        CU_ASSERT_EQUAL(rc, SST_E_NOMEM);
    }
    sst_free(out);
    for (k = 0; k < 2 * n; k++) {
        json_object *row = json_object_array_get_idx(rows,
                                                     k < n ? k : 2 * n - 1 - k);
        size_t inlen, wantlen;
        unsigned char *in = row_input(row, &inlen);
        unsigned char *want = core_golden_b64(core_golden_str(row, "gzip"),
                                              &wantlen);

        out = NULL;
        CU_ASSERT_EQUAL_FATAL(
            sst_gzip_compress_with(gz, in, inlen,
                                   (uint32_t)core_golden_int(row, "mtime"),
                                   &out, &outlen, NULL),
            SST_OK);
        CU_ASSERT(outlen == wantlen && memcmp(out, want, wantlen) == 0);
        sst_free(out);
        free(in);
        free(want);
    }
    sst_gzip_free(gz);
    sst_gzip_free(NULL);
}

static void
test_oom(void)
{
    static const char text[] = "{\"resource_id\": \"x\", \"n\": 1}";
    long n;
    int done_c = 0, done_d = 0;

    for (n = 1; n < 100 && !(done_c && done_d); n++) {
        unsigned char *gz = NULL, *out = NULL;
        size_t gzlen = 0, outlen;
        enum sst_code rc;

        sst_mem_fail_after(n);
        rc = sst_gzip_compress(text, sizeof text - 1, 1, &gz, &gzlen, NULL);
        sst_mem_fail_reset();
        if (rc == SST_OK)
            done_c = 1;
        else
            CU_ASSERT_EQUAL(rc, SST_E_NOMEM);
        if (rc != SST_OK)
            CU_ASSERT_EQUAL(
                sst_gzip_compress(text, sizeof text - 1, 1, &gz, &gzlen, NULL),
                SST_OK);
        sst_mem_fail_after(n);
        rc = sst_gzip_decompress(gz, gzlen, 0, &out, &outlen, NULL);
        sst_mem_fail_reset();
        if (rc == SST_OK)
            done_d = 1;
        else
            CU_ASSERT_EQUAL(rc, SST_E_NOMEM);
        sst_free(out);
        sst_free(gz);
        CU_ASSERT_EQUAL(sst_mem_live_count(), 0);
    }
    CU_ASSERT(done_c && done_d);
}

static const struct sst_test tests[] = {
    {"compress: byte for byte as Python", test_compress_golden},
    {"compress: one compressor reused", test_compress_reused},
    {"decompress: Python's verdicts", test_decompress_golden},
    {"decompress: messages", test_decompress_messages},
    {"decompress: size cap", test_decompress_cap},
    {"out of memory", test_oom},
    {NULL, NULL}};

static const struct sst_suite suites[] = {
    {"core_gzip", init, cleanup, tests}, {NULL, NULL, NULL, NULL}};

int
main(int argc, char **argv)
{
    return sst_test_main(argc, argv, "test_core_gzip", suites);
}
