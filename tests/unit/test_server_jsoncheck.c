/*
 * tests/unit/test_server_jsoncheck.c - the server's JSON syntax check
 * (emu/server/jsoncheck.c) against RFC 8259: valid and invalid texts, a
 * NUL byte, and the nesting limit; its UTF-8 verdict, by rows and against
 * json-c's JSON_TOKENER_VALIDATE_UTF8 on every short byte string.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "emu/server/jsoncheck.h"
#include "harness.h"

static void
json_syntax(void)
{
    static const struct {
        const char *text;
        bool valid;
    } rows[] = {
        {"{}", true},
        {" \t\r\n{} \n", true},
        {"[]", true},
        {"7", true},
        {"-0.5e+10", true},
        {"\"x\"", true},
        {"null", true},
        {"true", true},
        {"{\"a\":[1,2.5,-3e2,true,false,null,{\"b\":\"\\u00e9\\n\\\"\"}]}",
         true},
        {"{\"a\":\"\\u0000\"}", true},
        {"", false},
        {"   ", false},
        {"{", false},
        {"}", false},
        {"{}}", false},
        {"{} {}", false},
        {"{\"a\":NaN}", false},
        {"{\"a\":Infinity}", false},
        {"{\"a\":-Infinity}", false},
        {"{'a':1}", false},
        {"{\"a\":\"\t\"}", false},
        {"{\"a\":1.}", false},
        {"{\"a\":.5}", false},
        {"{\"a\":01}", false},
        {"{\"a\":+1}", false},
        {"{\"a\":0x10}", false},
        {"{\"a\":1e}", false},
        {"{\"a\":-}", false},
        {"{\"a\":1,}", false},
        {"[1,]", false},
        {"[,1]", false},
        {"{\"a\"}", false},
        {"{\"a\":}", false},
        {"{1:2}", false},
        {"{\"a\":tru}", false},
        {"{\"a\":True}", false},
        {"{\"a\":\"\\x\"}", false},
        {"{\"a\":\"\\u12G4\"}", false},
        {"{\"a\":\"abc}", false},
        {"/*c*/{}", false},
        {"[}", false},
        {"{]", false},
    };
    char deep[2 * 600 + 1];
    size_t i;

    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        bool got =
            sst_server_json_valid(rows[i].text, strlen(rows[i].text), 64);

        if (got != rows[i].valid)
            printf("\n  '%s': %s\n", rows[i].text, got ? "valid" : "invalid");
        CU_ASSERT_EQUAL(got, rows[i].valid);
    }
    /* a NUL byte is not white space */
    CU_ASSERT_FALSE(sst_server_json_valid("{}\0", 3, 64));
    /* depth: exactly the limit passes, one more fails */
    for (i = 0; i < 600; i++) {
        deep[i] = '[';
        deep[2 * 600 - 1 - i] = ']';
    }
    deep[2 * 600] = '\0';
    CU_ASSERT_TRUE(sst_server_json_valid(deep, 1200, 600));
    CU_ASSERT_FALSE(sst_server_json_valid(deep, 1200, 599));
    memset(deep, '{', 600);
    CU_ASSERT_FALSE(sst_server_json_valid(deep, 600, 4096));
}

static void
utf8_rows(void)
{
    static const struct {
        const char *text;
        bool utf8;
    } rows[] = {
        {"{\"a\":\"\xc3\xa9\"}", true},
        {"{\"\xc3\xa9\":1}", true},
        {"\"\xe2\x82\xac\xf0\x9f\x98\x80\"", true},
        {"\"abcdefgh\xe2\x82\xacijklmnopqrstuvwx\"", true},
        {"\"abcdefg\xe2\x82\xac\"", true},
        {"\"abcdefghijklmno\xc3\"", false},
        {"{\"a\":\"\xff\xfe\"}", false},
        {"{\"\xff\":1}", false},
        {"\"\xc3\"", false},
        {"\"\xc3(\"", false},
        {"\"\x80\"", false},
        {"\"\xc3\\n\xa9\"", false}, /* split by an escape */
        {"\"\xe2\x82\"", false},
        {"\"\xf8\x88\x80\x80\x80\"", false},
        /* json-c's rule is structural only: these pass, as in json-c */
        {"\"\xc0\xaf\"", true},         /* overlong '/' */
        {"\"\xed\xa0\x80\"", true},     /* a surrogate */
        {"\"\xf4\x90\x80\x80\"", true}, /* over U+10FFFF */
        {"\"\xf7\xbf\xbf\xbf\"", true},
        {"[\"ok\",\"\xc3\xa9\",\"\xc3\"]", false},
        {"{\"a\":\"\\u00e9\"}", true},
    };
    size_t i;

    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        bool utf8 = !rows[i].utf8;
        bool valid = sst_server_json_check(rows[i].text, strlen(rows[i].text),
                                           64, &utf8);

        CU_ASSERT_TRUE(valid);
        if (utf8 != rows[i].utf8)
            printf("\n  row %zu: %s\n", i, utf8 ? "UTF-8" : "not UTF-8");
        CU_ASSERT_EQUAL(utf8, rows[i].utf8);
    }
}

/* Whether json-c, asked to check UTF-8, parses the n bytes at s. */
static bool
jsonc_takes(const char *s, size_t n)
{
    struct json_tokener *tok = json_tokener_new();
    struct json_object *o;
    bool ok;

    json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
                                    JSON_TOKENER_ALLOW_TRAILING_CHARS |
                                    JSON_TOKENER_VALIDATE_UTF8);
    o = json_tokener_parse_ex(tok, s, (int)n);
    ok = json_tokener_get_error(tok) == json_tokener_success;
    json_object_put(o);
    json_tokener_free(tok);
    return ok;
}

/* Every string of up to 4 bytes over bytes that matter to UTF-8, at two
 * alignments within the check's 8-byte words: the check's verdict is
 * json-c's. */
static void
utf8_as_json_c(void)
{
    static const unsigned char alphabet[] = {'a',  0x80, 0xa9, 0xbf, 0xc0,
                                             0xc3, 0xe2, 0xed, 0xf0, 0xf4,
                                             0xf7, 0xf8, 0xff};
    enum { A = sizeof alphabet, MAX_LEN = 4 };
    char text[64];
    size_t len, total, code, k, n, lead, differ = 0, yes = 0, no = 0;

    for (len = 0; len <= MAX_LEN; len++) {
        total = 1;
        for (k = 0; k < len; k++)
            total *= A;
        for (code = 0; code < total; code++) {
            for (lead = 0; lead <= 7; lead += 7) {
                size_t c = code;
                bool utf8, takes;

                n = (size_t)snprintf(text, sizeof text, "{\"k\":\"%.*s",
                                     (int)lead, "xxxxxxx");
                for (k = 0; k < len; k++, c /= A)
                    text[n++] = (char)alphabet[c % A];
                text[n++] = '"';
                text[n++] = '}';
                CU_ASSERT_TRUE_FATAL(sst_server_json_check(text, n, 64, &utf8));
                takes = jsonc_takes(text, n);
                if (utf8 != takes && differ++ < 5)
                    printf("\n  %zu bytes (code %zu, lead %zu): check %d, "
                           "json-c %d\n",
                           len, code, lead, utf8, takes);
                if (takes)
                    yes++;
                else
                    no++;
            }
        }
    }
    CU_ASSERT_EQUAL(differ, 0);
    /* both verdicts are common (424 and 61,458) */
    CU_ASSERT_TRUE(yes > 400);
    CU_ASSERT_TRUE(no > 50000);
}

/* ------------------------------------------------------------------ */

static const struct sst_test json_tests[] = {
    {"RFC 8259 syntax", json_syntax},
    {"UTF-8, by rows", utf8_rows},
    {"UTF-8, as json-c checks it", utf8_as_json_c},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"server JSON syntax", NULL, NULL, json_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_server_jsoncheck", suites);
}
