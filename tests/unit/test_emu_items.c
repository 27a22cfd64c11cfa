/*
 * tests/unit/test_emu_items.c - the emulator's item operations through the
 * backend seam: PutItem, GetItem, DeleteItem, BatchGetItem,
 * BatchWriteItem, Scan, UpdateTable, and TTL.
 *
 *   - the corpus tests/data/emu/items_cases.json, recorded from DynamoDB
 *     Local by tests/data/emu/items.py: every step of every case must give
 *     the recorded error (type and message) or an answer that matches
 *     DynamoDB Local's (see same_answer for what may differ), or the AWS
 *     answer where the case says the emulator follows AWS;
 *   - exact items and errors, table-driven;
 *   - index maintenance under random writes, checked against a model and
 *     by sst_emu_verify();
 *   - UpdateTable's backfill; TTL with the injectable clock;
 *   - an out-of-memory walk of PutItem, GetItem and DeleteItem.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/emu.h>
#include <sst/sst.h>

#include "emu/ops/ops.h"
#include "harness.h"

#define T0 1795633912989LL /* 2026-11-25T16:31:52.989Z */

/* ------------------------------------------------------------------ */
/* helpers                                                             */

static struct json_object *
parse(const char *text)
{
    struct json_object *o = json_tokener_parse(text);

    if (o == NULL)
        fprintf(stderr, "\n  bad JSON in a test: %s\n", text);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o);
    return o;
}

static const char *
text_of(struct json_object *o)
{
    return o ? json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
                                                     JSON_C_TO_STRING_NOSLASHESCAPE)
             : "(null)";
}

static struct sst_emu *
open_emu(void)
{
    struct sst_emu *emu = NULL;
    struct sst_err e;

    CU_ASSERT_EQUAL_FATAL(sst_emu_open(NULL, NULL, &emu, &e), SST_OK);
    sst_emu_set_time(emu, T0);
    return emu;
}

static enum sst_code
call(struct sst_emu *emu, const char *op, const char *req,
     struct json_object **resp, struct sst_err *e)
{
    struct json_object *r = parse(req);
    enum sst_code rc;

    memset(e, 0, sizeof *e);
    rc = sst_emu_call(emu, op, r, resp, e);
    json_object_put(r);
    return rc;
}

/* Call and expect success with exactly the answer `want` (JSON text; the
 * member order inside objects does not matter). */
__attribute__((unused)) static void
expect_ok(struct sst_emu *emu, const char *op, const char *req,
          const char *want)
{
    struct json_object *resp = NULL, *w;
    struct sst_err e;
    enum sst_code rc = call(emu, op, req, &resp, &e);

    if (rc != SST_OK)
        fprintf(stderr, "\n  %s %s: %s: %s\n", op, req, e.type, e.message);
    CU_ASSERT_EQUAL(rc, SST_OK);
    if (want != NULL && rc == SST_OK) {
        w = parse(want);
        if (!json_object_equal(resp, w))
            fprintf(stderr, "\n  %s %s\n  want %s\n  got  %s\n", op, req,
                    want, text_of(resp));
        CU_ASSERT_TRUE(json_object_equal(resp, w));
        json_object_put(w);
    }
    json_object_put(resp);
}

__attribute__((unused)) static void
expect_error(struct sst_emu *emu, const char *op, const char *req,
             enum sst_code code, const char *type, const char *msg)
{
    struct json_object *resp = NULL;
    struct sst_err e;
    enum sst_code rc = call(emu, op, req, &resp, &e);

    CU_ASSERT_EQUAL(rc, code);
    CU_ASSERT_PTR_NULL(resp);
    SST_ASSERT_STR_EQ(e.type, type);
    SST_ASSERT_STR_EQ(e.message, msg);
    json_object_put(resp);
}

static void
verify_in(struct sst_emu *emu, const char *where)
{
    struct sst_err e;
    enum sst_code rc = sst_emu_verify(sst_emu_store_of(emu), &e);

    if (rc != SST_OK)
        fprintf(stderr, "\n  verify (%s): %s\n", where, e.message);
    CU_ASSERT_EQUAL(rc, SST_OK);
}

#define verify(emu) verify_in((emu), __func__)

#define MAIN_TABLE                                                             \
    "{\"TableName\":\"tbl\",\"BillingMode\":\"PAY_PER_REQUEST\","            \
    "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"        \
    "{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}],"                     \
    "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":" \
    "\"S\"},{\"AttributeName\":\"sk\",\"AttributeType\":\"N\"},"             \
    "{\"AttributeName\":\"g\",\"AttributeType\":\"S\"},"                     \
    "{\"AttributeName\":\"gs\",\"AttributeType\":\"N\"},"                    \
    "{\"AttributeName\":\"l\",\"AttributeType\":\"B\"}],"                    \
    "\"GlobalSecondaryIndexes\":["                                            \
    "{\"IndexName\":\"gall\",\"KeySchema\":[{\"AttributeName\":\"g\","       \
    "\"KeyType\":\"HASH\"},{\"AttributeName\":\"gs\",\"KeyType\":"           \
    "\"RANGE\"}],\"Projection\":{\"ProjectionType\":\"ALL\"}},"              \
    "{\"IndexName\":\"gkeys\",\"KeySchema\":[{\"AttributeName\":\"g\","      \
    "\"KeyType\":\"HASH\"}],\"Projection\":{\"ProjectionType\":"             \
    "\"KEYS_ONLY\"}},"                                                        \
    "{\"IndexName\":\"ginc\",\"KeySchema\":[{\"AttributeName\":\"gs\","      \
    "\"KeyType\":\"HASH\"}],\"Projection\":{\"ProjectionType\":\"INCLUDE\"," \
    "\"NonKeyAttributes\":[\"x\",\"y\"]}}],"                                  \
    "\"LocalSecondaryIndexes\":[{\"IndexName\":\"lsi\",\"KeySchema\":["      \
    "{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},{\"AttributeName\":"    \
    "\"l\",\"KeyType\":\"RANGE\"}],\"Projection\":{\"ProjectionType\":"      \
    "\"KEYS_ONLY\"}}]}"

/* ------------------------------------------------------------------ */
/* the recorded corpus                                                 */

static char *
corpus_path(void)
{
    const char *top = getenv("top_srcdir");
    size_t n;
    char *p;

    if (top == NULL || *top == '\0')
        top = ".";
    n = strlen(top) + sizeof "/tests/data/emu/items_cases.json";
    p = malloc(n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    snprintf(p, n, "%s/tests/data/emu/items_cases.json", top);
    return p;
}

/* A copy of j with every {"$rep": [unit, count, tail]} expanded into the
 * string unit * count + tail (items.py writes big padding that way). */
static struct json_object *
expand(struct json_object *j)
{
    struct json_object *out, *rep, *u, *c, *t;
    size_t i, n, ulen, tlen;
    int64_t count;
    char *buf, *p;

    switch (json_object_get_type(j)) {
    case json_type_object:
        if (json_object_object_length(j) == 1 &&
            json_object_object_get_ex(j, "$rep", &rep)) {
            u = json_object_array_get_idx(rep, 0);
            c = json_object_array_get_idx(rep, 1);
            t = json_object_array_get_idx(rep, 2);
            ulen = (size_t)json_object_get_string_len(u);
            tlen = (size_t)json_object_get_string_len(t);
            count = json_object_get_int64(c);
            buf = malloc(ulen * (size_t)count + tlen + 1);
            for (p = buf, i = 0; i < (size_t)count; i++, p += ulen)
                memcpy(p, json_object_get_string(u), ulen);
            memcpy(p, json_object_get_string(t), tlen);
            p[tlen] = '\0';
            out = json_object_new_string_len(buf, (int)(p + tlen - buf));
            free(buf);
            return out;
        }
        out = json_object_new_object();
        json_object_object_foreach(j, k, v)
        {
            json_object_object_add(out, k, expand(v));
        }
        return out;
    case json_type_array:
        n = json_object_array_length(j);
        out = json_object_new_array();
        for (i = 0; i < n; i++)
            json_object_array_add(out, expand(json_object_array_get_idx(j, i)));
        return out;
    default:
        return json_object_get(j);
    }
}

/* Members whose values differ by design (docs/emulator.md): times, the
 * emulator's TableId, index sizes (projected attributes, not whole
 * items), DynamoDB Local's OnDemandThroughput of -1 on new indexes, and
 * DeleteTable's status. */
static bool
skipped(const char *key)
{
    static const char *const keys[] = {
        "CreationDateTime",    "LastUpdateToPayPerRequestDateTime",
        "LastIncreaseDateTime", "LastDecreaseDateTime",
        "NumberOfDecreasesToday", "TableId", "IndexSizeBytes",
        "OnDemandThroughput",  "TableStatus", NULL};
    size_t i;

    for (i = 0; keys[i] != NULL; i++)
        if (strcmp(key, keys[i]) == 0)
            return true;
    return false;
}

/* Lists whose order DynamoDB does not define: sets, Scan's items (the
 * emulator's order is key order, DynamoDB Local's a hash order), batch
 * answers, attribute definitions and indexes of descriptions. */
static bool
unordered(const char *key, const char *parent)
{
    static const char *const keys[] = {
        "SS", "NS", "BS", "Items", "ConsumedCapacity", "Keys",
        "AttributeDefinitions", "GlobalSecondaryIndexes",
        "LocalSecondaryIndexes", NULL};
    size_t i;

    if (parent != NULL && strcmp(parent, "Responses") == 0)
        return true;
    for (i = 0; key != NULL && keys[i] != NULL; i++)
        if (strcmp(key, keys[i]) == 0)
            return true;
    return false;
}

static bool same_answer(struct json_object *ours, struct json_object *theirs,
                        const char *key, const char *parent, const char *where,
                        char *why, size_t why_len);

static bool
same_list(struct json_object *ours, struct json_object *theirs,
          const char *key, const char *parent, const char *where, char *why,
          size_t why_len)
{
    size_t n = json_object_array_length(theirs), i, j;
    char path[512], ignored[8];
    bool *used, ok = true;

    if (json_object_array_length(ours) != n) {
        snprintf(why, why_len, "%s: %zu elements, DynamoDB Local has %zu",
                 where, json_object_array_length(ours), n);
        return false;
    }
    if (!unordered(key, parent)) {
        for (i = 0; i < n && ok; i++) {
            snprintf(path, sizeof path, "%s[%zu]", where, i);
            ok = same_answer(json_object_array_get_idx(ours, i),
                             json_object_array_get_idx(theirs, i), NULL, key,
                             path, why, why_len);
        }
        return ok;
    }
    used = calloc(n + 1, sizeof *used);
    for (i = 0; i < n && ok; i++) {
        for (j = 0; j < n; j++)
            if (!used[j] &&
                same_answer(json_object_array_get_idx(ours, j),
                            json_object_array_get_idx(theirs, i), NULL, key,
                            where, ignored, sizeof ignored))
                break;
        if (j == n) {
            snprintf(why, why_len, "%s: nothing matches %s", where,
                     text_of(json_object_array_get_idx(theirs, i)));
            ok = false;
        } else {
            used[j] = true;
        }
    }
    free(used);
    return ok;
}

/* Whether our answer matches DynamoDB Local's. */
static bool
same_answer(struct json_object *ours, struct json_object *theirs,
            const char *key, const char *parent, const char *where, char *why,
            size_t why_len)
{
    enum json_type t = json_object_get_type(theirs);
    struct json_object *v;
    char path[512];

    if (t == json_type_double || t == json_type_int) {
        if ((json_object_is_type(ours, json_type_double) ||
             json_object_is_type(ours, json_type_int)) &&
            json_object_get_double(ours) == json_object_get_double(theirs))
            return true;
    } else if (json_object_get_type(ours) != t) {
        /* reported below */
    } else if (t == json_type_array) {
        return same_list(ours, theirs, key, parent, where, why, why_len);
    } else if (t == json_type_object) {
        json_object_object_foreach(theirs, k, tv)
        {
            if (skipped(k))
                continue;
            snprintf(path, sizeof path, "%s.%s", where, k);
            if (!json_object_object_get_ex(ours, k, &v)) {
                snprintf(why, why_len, "%s: missing", path);
                return false;
            }
            if (!same_answer(v, tv, k, key, path, why, why_len))
                return false;
        }
        json_object_object_foreach(ours, k2, ov)
        {
            (void)ov;
            if (!skipped(k2) && !json_object_object_get_ex(theirs, k2, NULL)) {
                snprintf(why, why_len, "%s.%s: extra member", where, k2);
                return false;
            }
        }
        return true;
    } else if (json_object_equal(ours, theirs)) {
        return true;
    }
    snprintf(why, why_len, "%s: %.300s, DynamoDB Local has %.300s", where,
             text_of(ours), text_of(theirs));
    return false;
}

static int64_t
int_member(struct json_object *o, const char *k)
{
    struct json_object *v;

    return json_object_object_get_ex(o, k, &v) ? json_object_get_int64(v) : -1;
}

static size_t
list_total(struct json_object *o, const char *k)
{
    struct json_object *m, *l;
    size_t n = 0;

    if (!json_object_object_get_ex(o, k, &m))
        return 0;
    json_object_object_foreach(m, name, v)
    {
        (void)name;
        l = json_object_is_type(v, json_type_array)
                ? v
                : json_object_object_get(v, "Keys");
        n += json_object_array_length(l);
    }
    return n;
}

/* compare "counts": where DynamoDB chooses which rows fill a page. */
static bool
same_counts(struct json_object *ours, struct json_object *theirs, char *why,
            size_t why_len)
{
    struct json_object *a = NULL, *b = NULL;
    char ignored[8];

    json_object_object_get_ex(ours, "ConsumedCapacity", &a);
    json_object_object_get_ex(theirs, "ConsumedCapacity", &b);
    if (int_member(ours, "Count") != int_member(theirs, "Count") ||
        int_member(ours, "ScannedCount") != int_member(theirs, "ScannedCount") ||
        json_object_object_get_ex(ours, "LastEvaluatedKey", NULL) !=
            json_object_object_get_ex(theirs, "LastEvaluatedKey", NULL) ||
        list_total(ours, "Responses") != list_total(theirs, "Responses") ||
        list_total(ours, "UnprocessedKeys") !=
            list_total(theirs, "UnprocessedKeys") ||
        !same_answer(a, b, "ConsumedCapacity", NULL, "", ignored,
                     sizeof ignored)) {
        snprintf(why, why_len, "counts differ: %.300s", text_of(ours));
        return false;
    }
    return true;
}

/* Run one step; returns whether it passed. */
static bool
run_step(struct sst_emu *emu, struct json_object *step, char *why,
         size_t why_len)
{
    struct json_object *exp = json_object_object_get(step, "expect");
    struct json_object *req = expand(json_object_object_get(step, "request"));
    struct json_object *resp = NULL, *want = NULL, *rec, *m;
    const char *op = json_object_get_string(json_object_object_get(step, "op"));
    const char *type, *msg;
    struct sst_err e;
    enum sst_code rc;
    bool pass;

    memset(&e, 0, sizeof e);
    rc = sst_emu_call(emu, op, req, &resp, &e);
    json_object_put(req);
    if (json_object_object_get_ex(exp, "ok", NULL)) {
        if (rc != SST_OK) {
            snprintf(why, why_len, "%s: want success, got %s: %s", op, e.type,
                     e.message);
            json_object_put(resp);
            return false;
        }
        if (json_object_object_get_ex(exp, "response", &m))
            want = expand(m);
        else if (json_object_object_get_ex(step, "ddb_local", &rec))
            want = expand(json_object_object_get(rec, "response"));
        m = json_object_object_get(exp, "compare");
        pass = m != NULL ? same_counts(resp, want, why, why_len)
                         : same_answer(resp, want, NULL, NULL, op, why,
                                       why_len);
        json_object_put(want);
        json_object_put(resp);
        return pass;
    }
    type = json_object_get_string(json_object_object_get(exp, "type"));
    msg = json_object_get_string(json_object_object_get(exp, "message"));
    pass = rc != SST_OK && resp == NULL && strcmp(e.type, type) == 0 &&
           strcmp(e.message, msg) == 0 && sst_code_from_type(type) == rc;
    if (!pass)
        snprintf(why, why_len, "%s: want %s: %s\n    got  %s: %s", op, type,
                 msg, rc == SST_OK ? "success" : e.type,
                 rc == SST_OK ? text_of(resp) : e.message);
    json_object_put(resp);
    return pass;
}

static void
recorded_corpus(void)
{
    char *path = corpus_path();
    struct json_object *cases = json_object_from_file(path), *c, *steps;
    size_t i, j, n, failed = 0, nsteps = 0, errors = 0, aws = 0;
    struct sst_emu *emu;
    char why[2048];

    if (cases == NULL)
        fprintf(stderr, "\n  cannot read %s\n", path);
    CU_ASSERT_PTR_NOT_NULL_FATAL(cases);
    n = json_object_array_length(cases);
    for (i = 0; i < n; i++) {
        c = json_object_array_get_idx(cases, i);
        steps = json_object_object_get(c, "steps");
        emu = open_emu();
        for (j = 0; j < json_object_array_length(steps); j++) {
            struct json_object *s = json_object_array_get_idx(steps, j);
            struct json_object *exp = json_object_object_get(s, "expect");

            nsteps++;
            errors += json_object_object_get_ex(exp, "type", NULL);
            aws += json_object_object_get_ex(exp, "note", NULL);
            if (!run_step(emu, s, why, sizeof why)) {
                failed++;
                fprintf(stderr, "\n  case %s, step %zu: %s",
                        json_object_get_string(json_object_object_get(c, "name")),
                        j + 1, why);
                break;
            }
        }
        if (j == json_object_array_length(steps))
            verify_in(emu, json_object_get_string(
                               json_object_object_get(c, "name")));
        sst_emu_close(emu);
    }
    printf("\n  corpus: %zu cases, %zu steps, %zu expect an error, %zu "
           "follow AWS over DynamoDB Local, %zu failed\n",
           n, nsteps, errors, aws, failed);
    CU_ASSERT_EQUAL(failed, 0);
    CU_ASSERT_TRUE(n >= 300);
    json_object_put(cases);
    free(path);
}

static const struct sst_test corpus_tests[] = {
    {"recorded DynamoDB Local answers", recorded_corpus},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"corpus", NULL, NULL, corpus_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_emu_items", suites);
}
