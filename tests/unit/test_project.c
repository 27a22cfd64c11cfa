/*
 * tests/unit/test_project.c - ProjectionExpression on an item
 * (emu/expr/project.c): the shapes DynamoDB gives nested paths, list
 * elements (compacted, in index order) and paths that find nothing.
 */
#include <stdio.h>
#include <string.h>

#include <sst/sst.h>

#include "emu/expr/project.h"
#include "expr_util.h"
#include "harness.h"

#define N_(a) (sizeof(a) / sizeof((a)[0]))

static const char rich[] =
    "{'pk': {'S': 'item'}, 's': {'S': 'hello'}, 'n': {'N': '42'}, "
    "'nl': {'NULL': true}, "
    "'l': {'L': [{'S': 'a'}, {'N': '1'}, {'BOOL': true}, {'NULL': true}, "
    "{'L': [{'S': 'x'}, {'S': 'y'}]}, {'M': {'k': {'S': 'v'}}}]}, "
    "'m': {'M': {'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': "
    "{'c': {'S': 'deep'}}}]}}}, 'k': {'S': 'v'}, 'dot.name': {'S': 'nd'}}}, "
    "'ss': {'SS': ['a', 'b', 'c']}, 'dot.name': {'S': 'top'}}";

struct row {
    const char *expr;
    const char *names;
    const char *expected;
};

static const struct row rows[] = {
    {"s", NULL, "{'s': {'S': 'hello'}}"},
    {"s, n, nl", NULL,
     "{'s': {'S': 'hello'}, 'n': {'N': '42'}, 'nl': {'NULL': true}}"},
    {"#d, m.#d", "{'#d': 'dot.name'}",
     "{'dot.name': {'S': 'top'}, 'm': {'M': {'dot.name': {'S': 'nd'}}}}"},
    {"m.a.b[2].c", NULL,
     "{'m': {'M': {'a': {'M': {'b': {'L': [{'M': {'c': {'S': 'deep'}}}]}}}}}}"},
    {"l[3], l[1]", NULL, "{'l': {'L': [{'N': '1'}, {'NULL': true}]}}"},
    {"l[5].k, l[4][1], l[0]", NULL,
     "{'l': {'L': [{'S': 'a'}, {'L': [{'S': 'y'}]}, {'M': {'k': {'S': "
     "'v'}}}]}}"},
    {"l[9], s.x, m.zz, nope, n[0]", NULL, "{}"},
    {"m[0], l.k", NULL, "{}"},
    {"l[9], l[2]", NULL, "{'l': {'L': [{'BOOL': true}]}}"},
    {"m.a.b, m.k", NULL,
     "{'m': {'M': {'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': "
     "{'c': {'S': 'deep'}}}]}}}, 'k': {'S': 'v'}}}}"},
    {"m.a.b[7].c, m.k", NULL, "{'m': {'M': {'k': {'S': 'v'}}}}"},
    {"l[4][5], s", NULL, "{'s': {'S': 'hello'}}"},
    {"ss, pk", NULL, "{'ss': {'SS': ['a', 'b', 'c']}, 'pk': {'S': 'item'}}"},
};

static void
projection_rows(void)
{
    struct sst_av *item = item_of(rich), *out;
    struct sst_emu_exprs x;
    struct sst_err err;
    char body[512], row[128];
    size_t i;

    CU_ASSERT_PTR_NOT_NULL_FATAL(item);
    for (i = 0; i < N_(rows); i++) {
        snprintf(body, sizeof body, "{'ProjectionExpression': '%s'%s%s}",
                 rows[i].expr,
                 rows[i].names ? ", 'ExpressionAttributeNames': " : "",
                 rows[i].names ? rows[i].names : "");
        snprintf(row, sizeof row, "row %zu: %s", i, rows[i].expr);
        if (prepare(&x, SST_EMU_REQ_GET_ITEM, body, &err) != SST_OK) {
            printf("\n  %s: %s\n", row, err.message);
            CU_FAIL(row);
            sst_emu_exprs_cleanup(&x);
            continue;
        }
        CU_ASSERT_EQUAL(sst_emu_project(&x.projection, item, &out, &err),
                        SST_OK);
        if (!item_is(out, rows[i].expected, row))
            CU_FAIL(row);
        sst_av_free(out);
        sst_emu_exprs_cleanup(&x);
    }
    sst_av_free(item);
}

static void
misuse(void)
{
    struct sst_emu_exprs x;
    struct sst_av *out = (struct sst_av *)1, *item = item_of(rich);
    struct sst_err err;

    CU_ASSERT_EQUAL(prepare(&x, SST_EMU_REQ_DELETE_ITEM,
                            "{'ConditionExpression': 'attribute_exists(a)'}",
                            &err),
                    SST_OK);
    CU_ASSERT_EQUAL(sst_emu_project(&x.condition, item, &out, &err),
                    SST_E_INVALID_ARG);
    CU_ASSERT_PTR_NULL(out);
    sst_emu_exprs_cleanup(&x);
    sst_av_free(item);
}

static void
oom_project(void)
{
    struct sst_av *item = item_of(rich), *out = NULL;
    struct sst_emu_exprs x;
    struct sst_err err;
    enum sst_code rc = SST_E_NOMEM;
    long n;

    CU_ASSERT_EQUAL_FATAL(prepare(&x, SST_EMU_REQ_GET_ITEM,
                                  "{'ProjectionExpression': 'l[5].k, "
                                  "l[4][1], m.a.b[2].c, s, ss'}",
                                  &err),
                          SST_OK);
    for (n = 1; n < 10000 && rc == SST_E_NOMEM; n++) {
        sst_mem_fail_after(n);
        rc = sst_emu_project(&x.projection, item, &out, &err);
        sst_mem_fail_reset();
        CU_ASSERT(rc == SST_OK || rc == SST_E_NOMEM);
        CU_ASSERT(rc == SST_OK || out == NULL);
    }
    CU_ASSERT_EQUAL(rc, SST_OK);
    CU_ASSERT(item_is(out,
                      "{'l': {'L': [{'L': [{'S': 'y'}]}, {'M': {'k': {'S': "
                      "'v'}}}]}, 'm': {'M': {'a': {'M': {'b': {'L': [{'M': "
                      "{'c': {'S': 'deep'}}}]}}}}}, 's': {'S': 'hello'}, 'ss': "
                      "{'SS': ['a', 'b', 'c']}}",
                      "oom"));
    sst_av_free(out);
    sst_av_free(item);
    sst_emu_exprs_cleanup(&x);
}

static const struct sst_test tests[] = {
    {"projections", projection_rows},
    {"misuse", misuse},
    {"out of memory", oom_project},
    {NULL, NULL},
};

static const struct sst_suite suites[] = {
    {"project", NULL, NULL, tests},
    {NULL, NULL, NULL, NULL},
};

int
main(int argc, char **argv)
{
    return sst_test_main(argc, argv, "test_project", suites);
}
