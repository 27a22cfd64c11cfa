/*
 * tests/unit/expr_util.h - helpers shared by the tests of the expression
 * engine's semantic half (test_resolve, test_eval, test_update,
 * test_project, test_request).
 *
 * JSON is written with single quotes in the tables ("{'a': {'S': 'x'}}")
 * and turned into JSON here; values compare as the corpus README says
 * (object key order and set member order do not matter).
 */
#ifndef SST_TEST_EXPR_UTIL_H
#define SST_TEST_EXPR_UTIL_H

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/sst.h>

#include "emu/expr/av.h"
#include "emu/expr/request.h"

/* Parse JSON written with ' for ". NULL for NULL or "null". */
static inline struct json_object *
jq(const char *s)
{
    struct json_tokener *tok;
    struct json_object *j;
    char *t;
    size_t i, n;

    if (s == NULL || strcmp(s, "null") == 0)
        return NULL;
    n = strlen(s);
    t = malloc(n + 1);
    for (i = 0; i <= n; i++)
        t[i] = s[i] == '\'' ? '"' : s[i];
    tok = json_tokener_new_ex(200);
    j = json_tokener_parse_ex(tok, t, (int)n);
    json_tokener_free(tok);
    free(t);
    return j;
}

static inline bool jsame(struct json_object *a, struct json_object *b,
                         bool is_set);

static inline bool
jsame_array(struct json_object *a, struct json_object *b, bool is_set)
{
    size_t n = json_object_array_length(a), i, j;
    bool ok = true, *used;

    if (n != json_object_array_length(b))
        return false;
    if (!is_set) {
        for (i = 0; i < n && ok; i++)
            ok = jsame(json_object_array_get_idx(a, i),
                       json_object_array_get_idx(b, i), false);
        return ok;
    }
    used = calloc(n ? n : 1, sizeof *used);
    for (i = 0; i < n && ok; i++) {
        ok = false;
        for (j = 0; j < n && !ok; j++)
            if (!used[j] && jsame(json_object_array_get_idx(a, i),
                                  json_object_array_get_idx(b, j), false))
                ok = used[j] = true;
    }
    free(used);
    return ok;
}

static inline bool
jsame(struct json_object *a, struct json_object *b, bool is_set)
{
    struct json_object *v;

    if (a == NULL || b == NULL)
        return a == b;
    if (json_object_get_type(a) != json_object_get_type(b))
        return false;
    switch (json_object_get_type(a)) {
    case json_type_object:
        if (json_object_object_length(a) != json_object_object_length(b))
            return false;
        json_object_object_foreach(a, k, av)
        {
            if (!json_object_object_get_ex(b, k, &v) ||
                !jsame(av, v,
                       !strcmp(k, "SS") || !strcmp(k, "NS") ||
                           !strcmp(k, "BS")))
                return false;
        }
        return true;
    case json_type_array:
        return jsame_array(a, b, is_set);
    case json_type_string:
        return strcmp(json_object_get_string(a), json_object_get_string(b)) ==
               0;
    default:
        return strcmp(json_object_to_json_string(a),
                      json_object_to_json_string(b)) == 0;
    }
}

/* A decoded item from quoted JSON; NULL for "null". */
static inline struct sst_av *
item_of(const char *s)
{
    struct json_object *j = jq(s);
    struct sst_av *v = NULL;

    if (j != NULL && sst_av_decode_item(j, &v, NULL) != SST_OK)
        v = NULL;
    json_object_put(j);
    return v;
}

/* Whether an item (or NULL) encodes to the quoted JSON (or "null"); on a
 * difference both are printed. */
static inline bool
item_is(const struct sst_av *v, const char *expected, const char *row)
{
    struct json_object *got = NULL, *want = jq(expected);
    bool same;

    if (v != NULL && sst_av_encode_item(v, &got, NULL) != SST_OK)
        got = NULL;
    same = jsame(got, want, false);
    if (!same)
        printf("\n  %s\n    expected %s\n    actual   %s\n", row,
               want ? json_object_to_json_string(want) : "null",
               got ? json_object_to_json_string(got) : "null");
    json_object_put(got);
    json_object_put(want);
    return same;
}

/* Prepare the expressions of a request body (quoted JSON) for an
 * operation; returns the code, err filled. */
static inline enum sst_code
prepare(struct sst_emu_exprs *x, enum sst_emu_request_op op, const char *body,
        struct sst_err *err)
{
    struct json_object *j = jq(body);
    enum sst_code rc;

    sst_emu_exprs_init(x);
    memset(err, 0, sizeof *err);
    rc = sst_emu_exprs_from_json(x, op, j, err);
    json_object_put(j);
    return rc;
}

#endif /* SST_TEST_EXPR_UTIL_H */
