/*
 * tests/unit/test_av_oom.c - attribute values (emu/expr/av.c) when
 * allocation fails: decode, encode, dup and the validation errors each
 * end in SST_E_NOMEM or success and leak nothing.
 */
#include "av_util.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------ out of memory */

static const char oom_item[] =
    "{\"pk\":{\"S\":\"k\"},\"n\":{\"N\":\"-12.50\"},\"b\":{\"B\":\"AQID\"},"
    "\"t\":{\"BOOL\":true},\"z\":{\"NULL\":true},"
    "\"ss\":{\"SS\":[\"x\",\"y\",\"z\"]},\"ns\":{\"NS\":[\"1\",\"2\",\"3\"]},"
    "\"bs\":{\"BS\":[\"AA==\",\"AQ==\"]},"
    "\"m\":{\"M\":{\"l\":{\"L\":[{\"S\":\"a\"},{\"M\":{\"d\":{\"L\":[]}}},"
    "{\"N\":\"1e3\"}]},\"e\":{\"M\":{}}}}}";

static void
oom_loop_decode_encode_dup(void)
{
    struct json_object *j = parse_json(oom_item), *out;
    struct sst_av *v, *d;
    struct sst_err e;
    long n, live;
    int done = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(j);
    for (n = 1; !done && n < 10000; n++) {
        live = sst_mem_live_count();
        sst_mem_fail_after(n);
        v = (struct sst_av *)1;
        if (sst_av_decode_item(j, &v, &e) != SST_OK) {
            sst_mem_fail_reset();
            CU_ASSERT_EQUAL(e.code, SST_E_NOMEM);
            CU_ASSERT_PTR_NULL(v);
            CU_ASSERT_EQUAL(sst_mem_live_count(), live);
            continue;
        }
        sst_mem_fail_reset();
        done = 1;
        /* Encoding allocates through json-c (and sst for base64). */
        out = NULL;
        CU_ASSERT_EQUAL(sst_av_encode_item(v, &out, &e), SST_OK);
        CU_ASSERT(encodes_as(v, 1, json_object_to_json_string(out)));
        json_object_put(out);
        sst_av_free(v);
        CU_ASSERT_EQUAL(sst_mem_live_count(), live);
    }
    CU_ASSERT(done);
    CU_ASSERT(n > 10); /* it did fail many times before succeeding */

    CU_ASSERT_EQUAL_FATAL(sst_av_decode_item(j, &v, NULL), SST_OK);
    for (n = 1, done = 0; !done && n < 10000; n++) {
        live = sst_mem_live_count();
        sst_mem_fail_after(n);
        out = (struct json_object *)1;
        if (sst_av_encode_item(v, &out, &e) != SST_OK) {
            sst_mem_fail_reset();
            CU_ASSERT_EQUAL(e.code, SST_E_NOMEM);
            CU_ASSERT_PTR_NULL(out);
            CU_ASSERT_EQUAL(sst_mem_live_count(), live);
            continue;
        }
        sst_mem_fail_reset();
        done = 1;
        json_object_put(out);
        CU_ASSERT_EQUAL(sst_mem_live_count(), live);
    }
    CU_ASSERT(done);
    for (n = 1, done = 0; !done && n < 10000; n++) {
        live = sst_mem_live_count();
        sst_mem_fail_after(n);
        d = (struct sst_av *)1;
        if (sst_av_dup(v, &d, &e) != SST_OK) {
            sst_mem_fail_reset();
            CU_ASSERT_EQUAL(e.code, SST_E_NOMEM);
            CU_ASSERT_PTR_NULL(d);
            CU_ASSERT_EQUAL(sst_mem_live_count(), live);
            continue;
        }
        sst_mem_fail_reset();
        done = 1;
        CU_ASSERT(sst_av_equal(v, d));
        sst_av_free(d);
        CU_ASSERT_EQUAL(sst_mem_live_count(), live);
    }
    CU_ASSERT(done);
    sst_av_free(v);
    json_object_put(j);
}

static void
oom_loop_validation_errors(void)
{
    /* Failing paths that allocate (duplicate checks) also fail cleanly. */
    static const char *const texts[] = {
        "{\"x\":{\"SS\":[\"a\",\"b\",\"a\"]}}",
        "{\"x\":{\"NS\":[\"1\",\"2\",\"1.0\"]}}",
        "{\"x\":{\"BS\":[\"AA==\",\"AA==\"]}}",
        "{\"x\":{\"L\":[{\"M\":{\"a\":{\"S\":\"a\",\"N\":\"1\"}}}]}}",
    };
    size_t i;

    for (i = 0; i < N(texts); i++) {
        struct json_object *j = parse_json(texts[i]);
        struct sst_av *v;
        struct sst_err e;
        long n, live;
        int done = 0;

        for (n = 1; !done && n < 1000; n++) {
            enum sst_code rc;

            live = sst_mem_live_count();
            sst_mem_fail_after(n);
            rc = sst_av_decode_item(j, &v, &e);
            sst_mem_fail_reset();
            CU_ASSERT(rc == SST_E_NOMEM || rc == SST_E_VALIDATION);
            CU_ASSERT_PTR_NULL(v);
            CU_ASSERT_EQUAL(sst_mem_live_count(), live);
            done = rc == SST_E_VALIDATION;
        }
        CU_ASSERT(done);
        json_object_put(j);
    }
}

static const struct sst_test av_tests[] = {
    {"OOM loop: decode, encode, dup", oom_loop_decode_encode_dup},
    {"OOM loop: validation errors", oom_loop_validation_errors},
    {NULL, NULL},
};

static const struct sst_suite suites[] = {
    {"out of memory", NULL, NULL, av_tests},
    {NULL, NULL, NULL, NULL},
};

int
main(int argc, char **argv)
{
    return sst_test_main(argc, argv, "test_av_oom", suites);
}
