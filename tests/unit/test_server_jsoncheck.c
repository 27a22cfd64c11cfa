/*
 * tests/unit/test_server_jsoncheck.c - the server's JSON syntax check
 * (emu/server/jsoncheck.c) against RFC 8259: valid and invalid texts, a
 * NUL byte, and the nesting limit.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

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
        {"{\"a\":[1,2.5,-3e2,true,false,null,{\"b\":\"\\u00e9\\n\\\"\"}]}", true},
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
        bool got = sst_server_json_valid(rows[i].text, strlen(rows[i].text),
                                         64);

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

/* ------------------------------------------------------------------ */

static const struct sst_test json_tests[] = {
    {"RFC 8259 syntax", json_syntax},
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
