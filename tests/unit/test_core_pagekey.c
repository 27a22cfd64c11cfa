/*
 * tests/unit/test_core_pagekey.c - Python-compatible JSON and pagination
 * keys: json.dumps, pydantic's compact form, repr() of floats and
 * encode_pagination_key() byte for byte, decode as the inverse, refusal
 * of keys that do not decode (tests/data/core/pagekey.json from
 * gen_pagekey.py).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sst/mem.h>

#include "src/core/buf.h"
#include "src/core/pagekey.h"
#include "src/core/pyjson.h"

#include "test_core_golden.h"
#include "harness.h"

static json_object *golden;

static int
init(void)
{
    golden = core_golden_load("pagekey.json");
    return golden == NULL;
}

static int
cleanup(void)
{
    json_object_put(golden);
    return 0;
}

/* Write v with dumps (python) or compact; a new string (sst_free). */
static char *
write_json(const json_object *v, bool python)
{
    struct sst_strbuf b;
    char *out = NULL;

    sst_strbuf_init(&b, 0);
    if ((python ? sst_pyjson_dumps(&b, v, NULL)
                : sst_pyjson_compact(&b, v, NULL)) != SST_OK) {
        sst_strbuf_cleanup(&b);
        return NULL;
    }
    if (sst_strbuf_take(&b, NULL, &out, NULL, NULL) != SST_OK)
        return NULL;
    return out;
}

static void
test_values_golden(void)
{
    json_object *rows = core_golden_get(golden, "values");
    size_t i, n = json_object_array_length(rows);

    CU_ASSERT(n >= 10);
    for (i = 0; i < n; i++) {
        json_object *row = json_object_array_get_idx(rows, i);
        json_object *v = json_tokener_parse(core_golden_str(row, "input"));
        json_object *back = NULL;
        char *dumps, *compact, *key = NULL, *again;
        const char *want_key = core_golden_str(row, "key");

        CU_ASSERT_PTR_NOT_NULL_FATAL(v);
        dumps = write_json(v, true);
        compact = write_json(v, false);
        SST_ASSERT_STR_EQ(dumps, core_golden_str(row, "dumps"));
        SST_ASSERT_STR_EQ(compact, core_golden_str(row, "compact"));
        CU_ASSERT_EQUAL(sst_pagekey_encode_plain(v, &key, NULL), SST_OK);
        SST_ASSERT_STR_EQ(key, want_key);
        /* decoding Python's key gives the same value back */
        CU_ASSERT_EQUAL_FATAL(sst_pagekey_decode_plain(want_key,
                                                       strlen(want_key),
                                                       &back, NULL),
                              SST_OK);
        again = write_json(back, true);
        SST_ASSERT_STR_EQ(again, core_golden_str(row, "dumps"));
        sst_free(dumps);
        sst_free(compact);
        sst_free(key);
        sst_free(again);
        json_object_put(back);
        json_object_put(v);
    }
}

static void
test_float_repr_golden(void)
{
    json_object *rows = core_golden_get(golden, "floats");
    size_t i, n = json_object_array_length(rows);

    CU_ASSERT(n >= 20);
    for (i = 0; i < n; i++) {
        json_object *row = json_object_array_get_idx(rows, i);
        double d = strtod(core_golden_str(row, "hex"), NULL);
        char buf[SST_PYFLOAT_MAX];
        const char *text;
        json_object *bare = json_object_new_double(d);

        sst_pyfloat_repr(d, buf);
        SST_ASSERT_STR_EQ(buf, core_golden_str(row, "repr"));
        /* a double without source text prints as Python's repr */
        CU_ASSERT_EQUAL(sst_pyjson_number_text(bare, buf, &text, NULL),
                        SST_OK);
        SST_ASSERT_STR_EQ(text, core_golden_str(row, "repr"));
        json_object_put(bare);
    }
}

static void
test_number_text(void)
{
    json_object *parsed = json_tokener_parse("[1.50, 1E5, -0.0, 7, "
                                             "9223372036854775808]");
    json_object *s = json_object_new_double_s(0, "2.50");
    json_object *bad = json_object_new_double_s(0, "1,5");
    json_object *nan = json_object_new_double(0.0 / 0.0);
    json_object *str = json_object_new_string("1");
    static const char *const want[] = {"1.50", "1E5", "-0.0", "7",
                                       "9223372036854775808"};
    char buf[SST_PYFLOAT_MAX];
    const char *text;
    struct sst_err err;
    size_t i;

    for (i = 0; i < 5; i++) {
        CU_ASSERT_EQUAL(sst_pyjson_number_text(
                            json_object_array_get_idx(parsed, i), buf, &text,
                            NULL),
                        SST_OK);
        SST_ASSERT_STR_EQ(text, want[i]);
    }
    CU_ASSERT_EQUAL(sst_pyjson_number_text(s, buf, &text, NULL), SST_OK);
    SST_ASSERT_STR_EQ(text, "2.50");
    CU_ASSERT_EQUAL(sst_pyjson_number_text(bad, buf, &text, &err),
                    SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(err.message,
                      "number text '1,5' is not a finite JSON number");
    CU_ASSERT_EQUAL(sst_pyjson_number_text(nan, buf, &text, &err),
                    SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(err.message, "NaN and infinities cannot be stored");
    CU_ASSERT_EQUAL(sst_pyjson_number_text(str, buf, &text, &err),
                    SST_E_INVALID_ARG);
    json_object_put(parsed);
    json_object_put(s);
    json_object_put(bad);
    json_object_put(nan);
    json_object_put(str);
}

static void
test_json_number_grammar(void)
{
    static const char *const good[] = {"0", "-0", "1.5", "1e5", "1E+5",
                                       "-1.25e-10", "10", "0.0"};
    static const char *const bad[] = {"", "-", "01", "1.", ".5", "+1",
                                      "1e", "1e+", "NaN", "0x1", "1 ",
                                      "--1"};
    size_t i;

    for (i = 0; i < sizeof good / sizeof good[0]; i++)
        CU_ASSERT_TRUE(sst_pyjson_is_number(good[i], strlen(good[i])));
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CU_ASSERT_FALSE(sst_pyjson_is_number(bad[i], strlen(bad[i])));
}

static void
test_bad_utf8_refused(void)
{
    json_object *v = json_object_new_object();
    struct sst_strbuf b;
    struct sst_err err;
    char *key = NULL;

    json_object_object_add(v, "pk", json_object_new_string_len("\xc3(", 2));
    sst_strbuf_init(&b, 0);
    CU_ASSERT_EQUAL(sst_pyjson_dumps(&b, v, &err), SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(err.message, "string is not valid UTF-8");
    CU_ASSERT_EQUAL(sst_pyjson_compact(&b, v, &err), SST_E_INVALID_ARG);
    sst_strbuf_cleanup(&b);
    CU_ASSERT_EQUAL(sst_pagekey_encode_plain(v, &key, &err),
                    SST_E_INVALID_ARG);
    CU_ASSERT_PTR_NULL(key);
    json_object_put(v);
    /* overlong, surrogate, above U+10FFFF, truncated */
    CU_ASSERT_FALSE(sst_utf8_valid("\xc0\xaf", 2));
    CU_ASSERT_FALSE(sst_utf8_valid("\xed\xa0\x80", 3));
    CU_ASSERT_FALSE(sst_utf8_valid("\xf4\x90\x80\x80", 4));
    CU_ASSERT_FALSE(sst_utf8_valid("\xe2\x82", 2));
    CU_ASSERT_TRUE(sst_utf8_valid("\xf4\x8f\xbf\xbf", 4));
}

static void
test_deep_value_refused(void)
{
    json_object *root = json_object_new_array(), *cur = root;
    struct sst_strbuf b;
    struct sst_err err;
    int i;

    for (i = 0; i < SST_PYJSON_MAX_DEPTH + 2; i++) {
        json_object *next = json_object_new_array();
        json_object_array_add(cur, next);
        cur = next;
    }
    sst_strbuf_init(&b, 0);
    CU_ASSERT_EQUAL(sst_pyjson_dumps(&b, root, &err), SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(err.message, "JSON value nests deeper than 64 levels");
    sst_strbuf_cleanup(&b);
    json_object_put(root);
}

static void
test_bad_keys_golden(void)
{
    json_object *rows = core_golden_get(golden, "bad_keys");
    size_t i, n = json_object_array_length(rows);

    CU_ASSERT(n >= 20);
    for (i = 0; i < n; i++) {
        json_object *row = json_object_array_get_idx(rows, i);
        const char *key = core_golden_str(row, "key");
        json_object *out = (json_object *)1;
        struct sst_err err;

        CU_ASSERT_EQUAL(sst_pagekey_decode(key, strlen(key), &out, &err),
                        SST_E_INVALID_ARG);
        CU_ASSERT_PTR_NULL(out);
        if (strncmp(err.message, "invalid pagination key: ", 24) != 0)
            fprintf(stderr, "\n'%s' -> %s\n", key, err.message);
        CU_ASSERT(strncmp(err.message, "invalid pagination key: ", 24) == 0);
    }
}

/* Which problem each bad key is refused for. */
static void
test_bad_key_messages(void)
{
    static const struct {
        const char *key, *message;
    } rows[] = {
        {"", "invalid pagination key: empty"},
        {"abc", "invalid pagination key: not URL-safe base64"},
        {"e30=x", "invalid pagination key: not URL-safe base64"},
        {"ew==", "invalid pagination key: not JSON"},
        {"WzEsIDJd", "invalid pagination key: not a JSON object"},
        {"eyJwayI6ICL_In0=", "invalid pagination key: not UTF-8"},
        {"e30=", "invalid pagination key: no key attributes"},
        /* {"pk": true} */
        {"eyJwayI6IHRydWV9",
         "invalid pagination key: attribute 'pk' is not a string or a "
         "number"},
    };
    size_t i;

    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        json_object *out = NULL;
        struct sst_err err;
        CU_ASSERT_EQUAL(sst_pagekey_decode(rows[i].key, strlen(rows[i].key),
                                           &out, &err),
                        SST_E_INVALID_ARG);
        SST_ASSERT_STR_EQ(err.message, rows[i].message);
    }
}

static void
test_leks_golden(void)
{
    json_object *rows = core_golden_get(golden, "leks");
    size_t i, n = json_object_array_length(rows);

    CU_ASSERT(n >= 3);
    for (i = 0; i < n; i++) {
        json_object *row = json_object_array_get_idx(rows, i);
        const char *key = core_golden_str(row, "key");
        json_object *wire = NULL;
        char *again = NULL;

        CU_ASSERT_EQUAL_FATAL(sst_pagekey_decode(key, strlen(key), &wire,
                                                 NULL),
                              SST_OK);
        CU_ASSERT(json_object_equal(wire, core_golden_get(row, "wire")));
        CU_ASSERT_EQUAL(sst_pagekey_encode(wire, &again, NULL), SST_OK);
        SST_ASSERT_STR_EQ(again, key);
        sst_free(again);
        json_object_put(wire);
    }
}

static void
test_encode_refusals(void)
{
    static const char *const leks[] = {
        "{}", "[]", "{\"pk\": {\"B\": \"AAE=\"}}", "{\"pk\": \"plain\"}",
        "{\"pk\": {\"S\": \"a\", \"N\": \"1\"}}", "{\"pk\": {\"N\": \"1,5\"}}",
        "{\"pk\": {\"S\": 5}}"};
    size_t i;

    for (i = 0; i < sizeof leks / sizeof leks[0]; i++) {
        json_object *v = json_tokener_parse(leks[i]);
        char *key = (char *)1;
        struct sst_err err;
        CU_ASSERT_EQUAL(sst_pagekey_encode(v, &key, &err), SST_E_INVALID_ARG);
        CU_ASSERT_PTR_NULL(key);
        json_object_put(v);
    }
    {
        json_object *v = json_tokener_parse("{\"pk\": {\"B\": \"AAE=\"}}");
        char *key;
        struct sst_err err;
        CU_ASSERT_EQUAL(sst_pagekey_encode(v, &key, &err), SST_E_INVALID_ARG);
        SST_ASSERT_STR_EQ(err.message, "key attribute 'pk' is not S or N; it "
                                       "cannot go into a pagination key");
        json_object_put(v);
    }
}

/* N keys survive both ways with their exact text. */
static void
test_number_keys(void)
{
    json_object *lek = json_tokener_parse(
        "{\"pk\": {\"S\": \"a\"}, \"n\": {\"N\": \"12345678901234567890.5\"}}");
    json_object *back = NULL, *n;
    char *key = NULL;

    CU_ASSERT_EQUAL_FATAL(sst_pagekey_encode(lek, &key, NULL), SST_OK);
    /* {"pk": "a", "n": 12345678901234567890.5} */
    SST_ASSERT_STR_EQ(key, "eyJwayI6ICJhIiwgIm4iOiAxMjM0NTY3ODkwMTIzNDU2Nzg5"
                           "MC41fQ==");
    CU_ASSERT_EQUAL_FATAL(sst_pagekey_decode(key, strlen(key), &back, NULL),
                          SST_OK);
    CU_ASSERT(json_object_object_get_ex(back, "n", &n));
    SST_ASSERT_STR_EQ(json_object_get_string(json_object_object_get(n, "N")),
                      "12345678901234567890.5");
    sst_free(key);
    json_object_put(back);
    json_object_put(lek);
}

static void
test_oom(void)
{
    json_object *lek = json_tokener_parse(
        "{\"pk\": {\"S\": \"Thing#1\"}, \"sk\": {\"S\": \"Thing#1\"}}");
    long n;
    bool enc_ok = false, dec_ok = false;

    for (n = 1; n < 50 && !(enc_ok && dec_ok); n++) {
        char *key = NULL;
        json_object *back = NULL;
        enum sst_code rc;

        sst_mem_fail_after(n);
        rc = sst_pagekey_encode(lek, &key, NULL);
        sst_mem_fail_reset();
        if (rc == SST_OK)
            enc_ok = true;
        else
            CU_ASSERT_EQUAL(rc, SST_E_NOMEM);
        sst_free(key);
        CU_ASSERT_EQUAL_FATAL(sst_pagekey_encode(lek, &key, NULL), SST_OK);
        sst_mem_fail_after(n);
        rc = sst_pagekey_decode(key, strlen(key), &back, NULL);
        sst_mem_fail_reset();
        if (rc == SST_OK)
            dec_ok = true;
        else
            CU_ASSERT_EQUAL(rc, SST_E_NOMEM);
        json_object_put(back);
        sst_free(key);
        CU_ASSERT_EQUAL(sst_mem_live_count(), 0);
    }
    CU_ASSERT(enc_ok && dec_ok);
    json_object_put(lek);
}

static const struct sst_test tests[] = {
    {"json.dumps, pydantic JSON and keys: goldens", test_values_golden},
    {"repr() of doubles: goldens", test_float_repr_golden},
    {"number text: ints, source text, bare doubles", test_number_text},
    {"JSON number grammar", test_json_number_grammar},
    {"bad UTF-8 is refused", test_bad_utf8_refused},
    {"depth is capped", test_deep_value_refused},
    {"keys that do not decode are refused", test_bad_keys_golden},
    {"refusals name the problem", test_bad_key_messages},
    {"LastEvaluatedKey round trips: goldens", test_leks_golden},
    {"encode refuses what cannot be a key", test_encode_refusals},
    {"N key attributes keep their text", test_number_keys},
    {"out of memory", test_oom},
    {NULL, NULL}};

static const struct sst_suite suites[] = {
    {"core_pagekey", init, cleanup, tests}, {NULL, NULL, NULL, NULL}};

int
main(int argc, char **argv)
{
    return sst_test_main(argc, argv, "test_core_pagekey", suites);
}
