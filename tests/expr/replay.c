/*
 * tests/expr/replay.c - replays the DynamoDB Local expression corpus
 * (the files of tests/data/expr, format in tests/expr/README.md) through the
 * expression engine, below the HTTP layer and without the emulator's
 * storage: each case's items live in a small in-memory table here, and
 * the few request parameters that are not expressions (Key, Item, Limit,
 * Select, ScanIndexForward, ReturnValues, ...) are read from the recorded
 * request body and handled in the order DynamoDB Local handles them.
 *
 * For every case the outcome, the error type and message, the response
 * body and the item read back afterwards must equal the recording (or,
 * where DynamoDB Local contradicts AWS's documentation, the documented
 * answer recorded as ddb_local_deviation.expected). A drift report lists,
 * per kind, how many cases agree on outcome and type, on message and on
 * response, and every mismatch with its id, the expected and the actual
 * answer. Any mismatch fails the test.
 *
 * The corpus is found through $top_srcdir (set by make check), else
 * through the source directory this file was built from. Setting
 * SST_EXPR_CORPUS to a directory replays the files found there instead
 * (same format; a kind without a file is skipped): the way to check the
 * engine against further cases recorded from DynamoDB Local.
 *
 * This file compares and reports; the case's table is in
 * replay_table.c, the operations in replay_ops.c (replay.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/sst.h>

#include "harness.h"
#include "replay.h"

#ifndef SST_SRCDIR
#define SST_SRCDIR "."
#endif

/* ------------------------------------------------------------------ */
/* JSON comparison as the README defines it                            */

static bool json_same(struct json_object *a, struct json_object *b,
                      bool is_set);

static bool
array_same(struct json_object *a, struct json_object *b, bool is_set)
{
    size_t n = json_object_array_length(a), i, j;
    bool *used;
    bool ok = true;

    if (n != json_object_array_length(b))
        return false;
    if (!is_set) {
        for (i = 0; i < n && ok; i++)
            ok = json_same(json_object_array_get_idx(a, i),
                           json_object_array_get_idx(b, i), false);
        return ok;
    }
    used = calloc(n ? n : 1, sizeof *used);
    for (i = 0; i < n && ok; i++) {
        ok = false;
        for (j = 0; j < n && !ok; j++)
            if (!used[j] && json_same(json_object_array_get_idx(a, i),
                                      json_object_array_get_idx(b, j), false))
                ok = used[j] = true;
    }
    free(used);
    return ok;
}

static bool
json_same(struct json_object *a, struct json_object *b, bool is_set)
{
    struct json_object *v;

    if (a == NULL || b == NULL)
        return a == b;
    if (json_object_get_type(a) != json_object_get_type(b)) {
        /* integers and doubles that are the same number */
        if ((json_object_is_type(a, json_type_int) ||
             json_object_is_type(a, json_type_double)) &&
            (json_object_is_type(b, json_type_int) ||
             json_object_is_type(b, json_type_double)))
            return json_object_get_double(a) == json_object_get_double(b);
        return false;
    }
    switch (json_object_get_type(a)) {
    case json_type_object:
        if (json_object_object_length(a) != json_object_object_length(b))
            return false;
        json_object_object_foreach(a, k, av)
        {
            if (!json_object_object_get_ex(b, k, &v))
                return false;
            if (!json_same(av, v,
                           strcmp(k, "SS") == 0 || strcmp(k, "NS") == 0 ||
                               strcmp(k, "BS") == 0))
                return false;
        }
        return true;
    case json_type_array:
        return array_same(a, b, is_set);
    case json_type_string:
        return json_object_get_string_len(a) == json_object_get_string_len(b) &&
               memcmp(json_object_get_string(a), json_object_get_string(b),
                      (size_t)json_object_get_string_len(a)) == 0;
    case json_type_boolean:
        return json_object_get_boolean(a) == json_object_get_boolean(b);
    case json_type_int:
        return json_object_get_int64(a) == json_object_get_int64(b);
    case json_type_double:
        return json_object_get_double(a) == json_object_get_double(b);
    default:
        return true;
    }
}

/* ------------------------------------------------------------------ */
/* the replay                                                          */

struct tally {
    size_t cases, outcome_ok, message_ok, response_ok, after_ok, failed;
    size_t deviations;
    size_t cut; /* messages cut by struct sst_err's buffer */
};

/* Cases where sst answers differently from the recording on purpose,
 * with the answer sst must give instead (response: none; the item is
 * left as it was). Each is explained in docs/notes-semantics.md. */
struct deviation {
    const char *id;
    const char *why;
    const char *type;
    const char *message;
};

static const struct deviation deviations[] = {
    {"cond.reserved.function_name_size_as_path",
     "SIZE is a reserved word in AWS's published list; DynamoDB Local "
     "accepts it as a name (docs/notes-grammar.md, section 9)",
     "ValidationException",
     "Invalid ConditionExpression: Attribute name is a reserved keyword; "
     "reserved keyword: size"},
};

static const struct deviation *
deviation_of(const char *id)
{
    size_t i;

    for (i = 0; i < sizeof deviations / sizeof deviations[0]; i++)
        if (strcmp(deviations[i].id, id) == 0)
            return &deviations[i];
    return NULL;
}

static struct json_object *
load_json(const char *path)
{
    struct json_tokener *tok = json_tokener_new_ex(512);
    struct json_object *j = NULL;
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long len;

    if (f == NULL || tok == NULL)
        goto out;
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)len + 1);
    if (buf == NULL || fread(buf, 1, (size_t)len, f) != (size_t)len)
        goto out;
    j = json_tokener_parse_ex(tok, buf, (int)len);
out:
    if (f)
        fclose(f);
    free(buf);
    if (tok)
        json_tokener_free(tok);
    return j;
}

static const char *
show(struct json_object *j)
{
    return j ? json_object_to_json_string_ext(j, JSON_C_TO_STRING_PLAIN)
             : "null";
}

static void
run_case(struct json_object *c, struct tally *tl)
{
    struct json_object *req = get(c, "request"), *body = get(req, "body");
    struct json_object *res = get(c, "result"),
                       *dev = get(c, "ddb_local_deviation");
    struct json_object *exp_resp, *exp_after;
    const char *op = get_str(req, "operation"), *id = get_str(c, "id");
    const char *kind = get_str(c, "kind");
    struct answer a;
    struct table t;
    bool outcome_ok, message_ok, resp_ok, after_ok = true;
    int status = json_object_get_int(get(res, "status"));
    const char *type = get_str(res, "type"), *msg = get_str(res, "message");

    memset(&a, 0, sizeof a);
    tl->cases++;
    if (!table_load(&t, c)) {
        tl->failed++;
        printf("  FAIL %s: cannot load the case\n", id);
        return;
    }
    if (strcmp(op, "GetItem") == 0)
        op_get(&t, body, &a);
    else if (strcmp(op, "Scan") == 0)
        op_read(&t, false, body, &a);
    else if (strcmp(op, "Query") == 0)
        op_read(&t, true, body, &a);
    else
        op_write(&t, op, body, &a);
    exp_resp = get(res, "response");
    exp_after = get(res, "item_after");
    if (dev != NULL) {
        struct json_object *e = get(dev, "expected");
        if (e && json_object_object_get_ex(e, "response", NULL))
            exp_resp = get(e, "response");
        if (e && json_object_object_get_ex(e, "item_after", NULL))
            exp_after = get(e, "item_after");
    }
    if (deviation_of(id) != NULL) {
        const struct deviation *d = deviation_of(id);
        printf("  known deviation %s: %s\n", id, d->why);
        tl->deviations++;
        status = 400;
        type = d->type;
        msg = d->message;
        exp_resp = NULL;
        json_object_object_add(res, "outcome", json_object_new_string("error"));
    }
    outcome_ok = a.status == status && a.outcome &&
                 strcmp(a.outcome, get_str(res, "outcome")) == 0 &&
                 strcmp(a.type, type ? type : "") == 0;
    message_ok = strcmp(a.message, msg ? msg : "") == 0;
    if (!message_ok && msg && strlen(msg) >= SST_ERR_MESSAGE_MAX &&
        strlen(a.message) == SST_ERR_MESSAGE_MAX - 1 &&
        strncmp(a.message, msg, SST_ERR_MESSAGE_MAX - 1) == 0) {
        /* the whole message up to the size of struct sst_err.message */
        printf("  message cut at %d bytes by struct sst_err: %s\n",
               SST_ERR_MESSAGE_MAX - 1, id);
        tl->cut++;
        message_ok = true;
    }
    resp_ok = json_same(a.response, exp_resp, false);
    if (strcmp(kind, "condition") == 0 || strcmp(kind, "update") == 0)
        after_ok = json_same(a.item_after, exp_after, false);
    tl->outcome_ok += outcome_ok;
    tl->message_ok += message_ok;
    tl->response_ok += resp_ok;
    tl->after_ok += after_ok;
    if (!(outcome_ok && message_ok && resp_ok && after_ok)) {
        tl->failed++;
        printf("  MISMATCH %s (%s)\n", id, op);
        if (!outcome_ok || !message_ok)
            printf("    expected %d %s %s: %s\n    actual   %d %s %s: %s\n",
                   status, get_str(res, "outcome"), type ? type : "-",
                   msg ? msg : "", a.status, a.outcome ? a.outcome : "?",
                   a.type[0] ? a.type : "-", a.message);
        if (!resp_ok)
            printf("    response expected %s\n", show(exp_resp)),
                printf("    response actual   %s\n", show(a.response));
        if (!after_ok)
            printf("    item_after expected %s\n", show(exp_after)),
                printf("    item_after actual   %s\n", show(a.item_after));
    }
    answer_cleanup(&a);
    table_cleanup(&t);
}

static void
replay_kind(const char *kind)
{
    const char *top = getenv("top_srcdir");
    const char *dir = getenv("SST_EXPR_CORPUS");
    char path[4096];
    struct json_object *root, *cases;
    struct tally tl;
    size_t i;

    memset(&tl, 0, sizeof tl);
    if (dir != NULL && *dir != '\0') {
        snprintf(path, sizeof path, "%s/%s.json", dir, kind);
        root = load_json(path);
        if (root == NULL) {
            printf("\n== %s: no file %s, skipped\n", kind, path);
            return;
        }
    } else {
        snprintf(path, sizeof path, "%s/tests/data/expr/%s.json",
                 top ? top : SST_SRCDIR, kind);
        root = load_json(path);
    }
    CU_ASSERT_PTR_NOT_NULL_FATAL(root);
    cases = get(root, "cases");
    CU_ASSERT_PTR_NOT_NULL_FATAL(cases);
    printf("\n== %s (%s)\n", kind, path);
    for (i = 0; i < json_object_array_length(cases); i++)
        run_case(json_object_array_get_idx(cases, i), &tl);
    printf("== %s: %zu cases; agree on outcome and type %zu, on message "
           "%zu, on response %zu, on item after %zu; %zu mismatching "
           "(counted as agreeing: %zu known deviations answered as "
           "documented, %zu messages equal up to the %d bytes struct "
           "sst_err holds)\n",
           kind, tl.cases, tl.outcome_ok, tl.message_ok, tl.response_ok,
           tl.after_ok, tl.failed, tl.deviations, tl.cut,
           SST_ERR_MESSAGE_MAX - 1);
    CU_ASSERT_EQUAL(tl.failed, 0);
    CU_ASSERT_EQUAL(tl.cases, (size_t)json_object_get_int(get(root, "count")));
    json_object_put(root);
}

static void
replay_condition(void)
{
    replay_kind("condition");
}

static void
replay_filter(void)
{
    replay_kind("filter");
}

static void
replay_key_condition(void)
{
    replay_kind("key_condition");
}

static void
replay_update(void)
{
    replay_kind("update");
}

static void
replay_projection(void)
{
    replay_kind("projection");
}

static const struct sst_test tests[] = {
    {"condition", replay_condition},         {"filter", replay_filter},
    {"key_condition", replay_key_condition}, {"update", replay_update},
    {"projection", replay_projection},       {NULL, NULL},
};

static const struct sst_suite suites[] = {
    {"replay", NULL, NULL, tests},
    {NULL, NULL, NULL, NULL},
};

int
main(int argc, char **argv)
{
    return sst_test_main(argc, argv, "replay", suites);
}
