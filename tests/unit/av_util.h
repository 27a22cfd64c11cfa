/*
 * tests/unit/av_util.h - what the tests of attribute values (test_av,
 * test_av_decode, test_av_limits, test_av_oom) share: JSON text parsed
 * with deep nesting allowed, the check that a value encodes to the JSON
 * expected, and SER for the tables' expected codes.
 */
#ifndef SST_TEST_AV_UTIL_H
#define SST_TEST_AV_UTIL_H

#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/sst.h>

#include "emu/expr/av.h"
#include "harness.h"

/* Parse JSON text with json-c, allowing deep nesting. NULL on error. */
static inline struct json_object *
parse_json(const char *text)
{
    struct json_tokener *tok = json_tokener_new_ex(4000);
    struct json_object *j;

    if (tok == NULL)
        return NULL;
    j = json_tokener_parse_ex(tok, text, -1);
    if (json_tokener_get_error(tok) != json_tokener_success ||
        json_tokener_get_parse_end(tok) != strlen(text)) {
        json_object_put(j);
        j = NULL;
    }
    json_tokener_free(tok);
    return j;
}

/* Whether encoding v gives the JSON text want (compared as JSON). */
static inline int
encodes_as(const struct sst_av *v, int item, const char *want)
{
    struct json_object *got = NULL, *exp = parse_json(want);
    int same;

    if ((item ? sst_av_encode_item(v, &got, NULL)
              : sst_av_encode(v, &got, NULL)) != SST_OK)
        got = NULL;
    same = got != NULL && exp != NULL && json_object_equal(got, exp);
    if (!same)
        printf("\n  encoded %s, want %s\n",
               got ? json_object_to_json_string(got) : "(failed)", want);
    json_object_put(got);
    json_object_put(exp);
    return same;
}

#define SER SST_E_SERIALIZATION

#endif /* SST_TEST_AV_UTIL_H */
