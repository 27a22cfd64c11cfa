/*
 * tests/unit/test_jsonout.c - sst-emu's response writer (jsonout.h): the
 * exact text expected, and the same bytes as json-c's
 * json_object_to_json_string_ext(PLAIN | NOSLASHESCAPE), for every kind
 * of value and every escaped character.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/mem.h>

#include "emu/server/jsonout.h"
#include "harness.h"

#define FLAGS (JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)

/* Write o; check the text against want and against json-c's. */
static void
check(struct json_object *o, const char *want, size_t want_len,
      const char *row)
{
    size_t len = 0, jlen = 0;
    const char *j = json_object_to_json_string_length(o, FLAGS, &jlen);
    char *s = NULL;

    CU_ASSERT_EQUAL_FATAL(sst_server_json_write(o, &s, &len), 0);
    if (len != want_len || memcmp(s, want, len) != 0)
        fprintf(stderr, "\nrow %s: got [%.*s]\n", row, (int)len, s);
    CU_ASSERT_EQUAL(len, want_len);
    CU_ASSERT(memcmp(s, want, want_len) == 0);
    CU_ASSERT_EQUAL(s[len], '\0');
    CU_ASSERT_EQUAL(len, jlen);
    CU_ASSERT(memcmp(s, j, jlen) == 0);
    sst_free(s);
}

/* Parsed documents: text in, text out. */
static const struct {
    const char *in, *out;
} parsed[] = {
    {"{}", "{}"},
    {"[]", "[]"},
    {"null", "null"},
    {"true", "true"},
    {"{\"a\":false}", "{\"a\":false}"},
    {"{ \"Item\" : { \"pk\" : { \"S\" : \"a/b\" } } }",
     "{\"Item\":{\"pk\":{\"S\":\"a/b\"}}}"},
    {"{\"L\":[1,-2,9223372036854775807,-9223372036854775808,[],{}]}",
     "{\"L\":[1,-2,9223372036854775807,-9223372036854775808,[],{}]}"},
    {"[18446744073709551615]", "[18446744073709551615]"},
    {"{\"q\\\"uote\":\"\\\\ \\\" \\b\\f\\n\\r\\t \\u0001\\u001f \\u007f\"}",
     "{\"q\\\"uote\":\"\\\\ \\\" \\b\\f\\n\\r\\t \\u0001\\u001f \x7f\"}"},
    {"[\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"]",
     "[\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"]"},
    {"{\"n\":null,\"d\":1.5,\"e\":2.50e3}",
     "{\"n\":null,\"d\":1.5,\"e\":2.50e3}"},
};

static void
parsed_documents(void)
{
    struct json_object *o;
    char row[16];
    size_t i;

    for (i = 0; i < sizeof parsed / sizeof parsed[0]; i++) {
        snprintf(row, sizeof row, "%zu", i);
        o = json_tokener_parse(parsed[i].in);
        if (strcmp(parsed[i].in, "null") != 0)
            CU_ASSERT_PTR_NOT_NULL_FATAL(o);
        check(o, parsed[i].out, strlen(parsed[i].out), row);
        json_object_put(o);
    }
}

static void
built_values(void)
{
    struct json_object *o = json_object_new_object(), *a;
    char all[32];
    char want[512];
    size_t i, n = 0;
    static const char hex[] = "0123456789abcdef";

    /* every control character, NUL included, in one string */
    for (i = 0; i < 32; i++)
        all[i] = (char)i;
    json_object_object_add(o, "ctl", json_object_new_string_len(all, 32));
    json_object_object_add(o, "null", NULL);
    json_object_object_add(o, "u64", json_object_new_uint64(UINT64_MAX));
    json_object_object_add(o, "i64", json_object_new_int64(INT64_MIN));
    json_object_object_add(o, "dbl", json_object_new_double(0.5));
    json_object_object_add(o, "time",
                           json_object_new_double_s(1.0, "1700000000.123"));
    a = json_object_new_array();
    json_object_array_add(a, NULL);
    json_object_array_add(a, json_object_new_boolean(1));
    json_object_object_add(o, "arr", a);

    n += (size_t)snprintf(want + n, sizeof want - n, "{\"ctl\":\"");
    for (i = 0; i < 32; i++) {
        const char *e = i == '\b'   ? "\\b"
                        : i == '\t' ? "\\t"
                        : i == '\n' ? "\\n"
                        : i == '\f' ? "\\f"
                        : i == '\r' ? "\\r"
                                    : NULL;
        if (e != NULL)
            n += (size_t)snprintf(want + n, sizeof want - n, "%s", e);
        else
            n += (size_t)snprintf(want + n, sizeof want - n, "\\u00%c%c",
                                  hex[i >> 4], hex[i & 15]);
    }
    n += (size_t)snprintf(want + n, sizeof want - n,
                          "\",\"null\":null,\"u64\":18446744073709551615,"
                          "\"i64\":-9223372036854775808,\"dbl\":0.5,"
                          "\"time\":1700000000.123,\"arr\":[null,true]}");
    check(o, want, n, "built");
    json_object_put(o);

    check(NULL, "null", 4, "NULL");
}

static void
runs_and_escapes_mixed(void)
{
    /* a 1 KB value with escapes at both ends and in the middle */
    char big[1024 + 1];
    struct json_object *o;
    char *s = NULL;
    size_t len = 0, jlen = 0;
    const char *j;

    memset(big, 'x', 1024);
    big[0] = '"';
    big[512] = '\n';
    big[1023] = '\\';
    big[1024] = '\0';
    o = json_object_new_string(big);
    j = json_object_to_json_string_length(o, FLAGS, &jlen);
    CU_ASSERT_EQUAL_FATAL(sst_server_json_write(o, &s, &len), 0);
    CU_ASSERT_EQUAL(len, 1024 + 2 + 3);
    CU_ASSERT_EQUAL(len, jlen);
    CU_ASSERT(memcmp(s, j, len) == 0);
    sst_free(s);
    json_object_put(o);
}

/* Each special byte at each offset of a string longer than two 8-byte
 * words (the writer scans a word at a time). */
static void
special_bytes_anywhere(void)
{
    static const char specials[] = {'"', '\\', '\x01', '\x1f', '\x20',
                                    '\x7f', '\x80', '\xff', '/', '\0'};
    struct json_object *o;
    const char *j;
    char str[19], *s;
    size_t k, pos, len, jlen;

    for (k = 0; k < sizeof specials; k++)
        for (pos = 0; pos < sizeof str; pos++) {
            memset(str, 'a', sizeof str);
            str[pos] = specials[k];
            o = json_object_new_string_len(str, (int)sizeof str);
            j = json_object_to_json_string_length(o, FLAGS, &jlen);
            s = NULL;
            CU_ASSERT_EQUAL_FATAL(sst_server_json_write(o, &s, &len), 0);
            CU_ASSERT_EQUAL(len, jlen);
            CU_ASSERT(len == jlen && memcmp(s, j, len) == 0);
            sst_free(s);
            json_object_put(o);
        }
}

static void
out_of_memory(void)
{
    struct json_object *o = json_tokener_parse("{\"a\":[\"b\"]}");
    char *s = (char *)1;
    size_t len = 7;

    sst_mem_fail_after(1);
    CU_ASSERT_EQUAL(sst_server_json_write(o, &s, &len), -1);
    sst_mem_fail_reset();
    CU_ASSERT_PTR_NULL(s);
    CU_ASSERT_EQUAL(len, 0);
    json_object_put(o);
}

static const struct sst_test jsonout_tests[] = {
    {"parsed documents are written as json-c writes them", parsed_documents},
    {"built values: control characters, NULL, 64-bit, doubles",
     built_values},
    {"long runs with escapes", runs_and_escapes_mixed},
    {"each special byte at each offset", special_bytes_anywhere},
    {"out of memory fails cleanly", out_of_memory},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"jsonout", NULL, NULL, jsonout_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_jsonout", suites);
}
