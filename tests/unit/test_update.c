/*
 * tests/unit/test_update.c - the update applier (emu/expr/update.c) on an
 * item that does not exist yet, the ReturnValues names, misuse, and out
 * of memory. SET and REMOVE are in test_update_set.c, ADD and DELETE in
 * test_update_add.c, the errors in test_update_errors.c.
 *
 * The rows of `rows` were recorded from DynamoDB Local; see
 * tests/unit/update_util.h.
 */
#include "update_util.h"

#define N_(a) (sizeof(a) / sizeof((a)[0]))

static const struct row rows[] = {
    {"SET a = :s", "{':s': {'S': 'x'}}", false, "ALL_NEW", "",
     "{'a': {'S': 'x'}, 'pk': {'S': 'absent'}}",
     "{'a': {'S': 'x'}, 'pk': {'S': 'absent'}}"},
    {"SET a = :s", "{':s': {'S': 'x'}}", false, "ALL_OLD", "", NULL,
     "{'a': {'S': 'x'}, 'pk': {'S': 'absent'}}"},
    {"REMOVE a", NULL, false, "ALL_NEW", "", "{'pk': {'S': 'absent'}}",
     "{'pk': {'S': 'absent'}}"},
    {"ADD c :one", "{':one': {'N': '1'}}", false, "UPDATED_NEW", "",
     "{'c': {'N': '1'}}", "{'c': {'N': '1'}, 'pk': {'S': 'absent'}}"},
    {"DELETE ss :ss", "{':ss': {'SS': ['b', 'z']}}", false, "ALL_NEW", "",
     "{'pk': {'S': 'absent'}}", "{'pk': {'S': 'absent'}}"},
    {"SET a.b = :s", "{':s': {'S': 'x'}}", false, "NONE",
     "The document path provided in the update expression is invalid for upd"
     "ate",
     NULL, NULL},
};

static void
recorded_rows(void)
{
    check_rows(rows, N_(rows));
}

static void
return_values_parse(void)
{
    static const char *const ok[] = {"NONE", "ALL_OLD", "UPDATED_OLD",
                                     "ALL_NEW", "UPDATED_NEW"};
    enum sst_emu_return_values rv;
    struct sst_err err;
    size_t i;

    for (i = 0; i < N_(ok); i++) {
        CU_ASSERT_EQUAL(sst_emu_return_values_parse(ok[i], &rv, &err), SST_OK);
        CU_ASSERT_EQUAL(rv, (enum sst_emu_return_values)i);
    }
    CU_ASSERT_EQUAL(sst_emu_return_values_parse("EVERYTHING", &rv, &err),
                    SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(err.message, "Return values set to invalid value");
    CU_ASSERT_EQUAL(sst_emu_return_values_parse("all_new", &rv, &err),
                    SST_E_VALIDATION);
}

static void
misuse(void)
{
    struct sst_emu_exprs x;
    struct sst_av *next = (struct sst_av *)1;
    struct sst_err err;

    CU_ASSERT_EQUAL(prepare(&x, SST_EMU_REQ_DELETE_ITEM,
                            "{'ConditionExpression': 'attribute_exists(a)'}",
                            &err),
                    SST_OK);
    CU_ASSERT_EQUAL(
        sst_emu_update_apply(&x.condition, &x.bindings, NULL, &next, &err),
        SST_E_INVALID_ARG);
    CU_ASSERT_PTR_NULL(next);
    sst_emu_exprs_cleanup(&x);
}

static void
oom_apply(void)
{
    struct sst_av *item = item_of(upd_item), *next = NULL, *attrs = NULL;
    struct sst_emu_exprs x;
    struct sst_err err;
    enum sst_code rc = SST_E_NOMEM;
    long n;

    CU_ASSERT_EQUAL_FATAL(
        prepare(&x, SST_EMU_REQ_UPDATE_ITEM,
                "{'UpdateExpression': 'SET n = n + :n, l[9] = :s, m.a.b[2].d "
                "= list_append(:l, l) REMOVE l[1] ADD ss :ss, x :n DELETE ns "
                ":ns', 'ExpressionAttributeValues': {':n': {'N': '1.5'}, "
                "':s': {'S': 'x'}, ':l': {'L': [{'S': 'q'}]}, ':ss': {'SS': "
                "['z']}, ':ns': {'NS': ['1']}}}",
                &err),
        SST_OK);
    for (n = 1; n < 100000 && rc == SST_E_NOMEM; n++) {
        sst_mem_fail_after(n);
        rc = sst_emu_update_apply(&x.update, &x.bindings, item, &next, &err);
        if (rc == SST_OK)
            rc = sst_emu_update_return_values(&x.update, SST_EMU_RV_UPDATED_NEW,
                                              item, next, &attrs, &err);
        sst_mem_fail_reset();
        CU_ASSERT(rc == SST_OK || rc == SST_E_NOMEM);
        if (rc != SST_OK) {
            sst_av_free(next);
            next = NULL;
        }
    }
    CU_ASSERT_EQUAL(rc, SST_OK);
    CU_ASSERT(n > 10);
    CU_ASSERT(item_is(attrs,
                      "{'n': {'N': '11.5'}, 'l': {'L': [{'S': 'a'}, {'S': "
                      "'c'}, {'S': 'd'}, {'S': 'e'}, {'S': 'x'}]}, 'm': {'M': "
                      "{'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': "
                      "{'c': {'S': 'x'}, 'd': {'L': [{'S': 'q'}, {'S': 'a'}, "
                      "{'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}}}]}}}, "
                      "'k': {'S': 'v'}}}, 'ss': {'SS': ['a', 'b', 'z']}, 'x': "
                      "{'N': '1.5'}, 'ns': {'NS': ['2']}}",
                      "oom result"));
    sst_av_free(next);
    sst_av_free(attrs);
    sst_av_free(item);
    sst_emu_exprs_cleanup(&x);
}

static const struct sst_test tests[] = {
    {"recorded rows", recorded_rows},
    {"ReturnValues names", return_values_parse},
    {"misuse", misuse},
    {"out of memory", oom_apply},
    {NULL, NULL},
};

static const struct sst_suite suites[] = {
    {"update", NULL, NULL, tests},
    {NULL, NULL, NULL, NULL},
};

int
main(int argc, char **argv)
{
    return sst_test_main(argc, argv, "test_update", suites);
}
