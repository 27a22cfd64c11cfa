/*
 * tests/unit/test_emu_items.c - the emulator's item operations against
 * the corpora tests/data/emu/items_cases.json, legacy_cases.json and
 * txn_cases.json, recorded from DynamoDB Local by tests/data/emu/
 * items.py, legacy.py and txn.py: every step of every case must give the
 * recorded error (type and message) or an answer that matches DynamoDB
 * Local's (tests/conformance/compare.h says what may differ), or the AWS
 * answer where the case says the emulator follows AWS; sst_emu_verify()
 * after each case.
 *
 * The exact answers are in test_emu_items_write.c and
 * test_emu_items_read.c; index maintenance in test_emu_items_index.c; TTL
 * in test_emu_items_ttl.c; the out-of-memory walk in test_emu_items_oom.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/emu.h>
#include <sst/sst.h>

#include "emu/ops/ops.h"
#include "harness.h"
#include "tests/conformance/compare.h"
#include "tests/unit/emu_test_util.h"
#include "tests/unit/items_test_util.h"

/* ------------------------------------------------------------------ */
/* the recorded corpus                                                 */

static char *
corpus_path(const char *file)
{
    const char *top = getenv("top_srcdir");
    size_t n;
    char *p;

    if (top == NULL || *top == '\0')
        top = ".";
    n = strlen(top) + sizeof "/tests/data/emu/" + strlen(file);
    p = malloc(n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    snprintf(p, n, "%s/tests/data/emu/%s", top, file);
    return p;
}

/* Run one step; returns whether it passed. */
static bool
run_step(struct sst_emu *emu, struct json_object *step, char *why,
         size_t why_len)
{
    struct json_object *exp = json_object_object_get(step, "expect");
    struct json_object *req =
        conf_expand(json_object_object_get(step, "request"));
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
            want = conf_expand(m);
        else if (json_object_object_get_ex(step, "ddb_local", &rec))
            want = conf_expand(json_object_object_get(rec, "response"));
        m = json_object_object_get(exp, "compare");
        pass = m != NULL ? conf_same_counts(resp, want, why, why_len)
                         : conf_same_answer(resp, want, why, why_len);
        json_object_put(want);
        json_object_put(resp);
        return pass;
    }
    type = json_object_get_string(json_object_object_get(exp, "type"));
    msg = json_object_get_string(json_object_object_get(exp, "message"));
    /* the error's extra members (the Item of a failed condition asked
     * for with ReturnValuesOnConditionCheckFailure) */
    if (json_object_object_get_ex(exp, "extra", &m))
        want = conf_expand(m);
    pass = rc != SST_OK && strcmp(e.type, type) == 0 &&
           strcmp(e.message, msg) == 0 && sst_code_from_type(type) == rc &&
           (want != NULL ? json_object_equal(resp, want) : resp == NULL);
    json_object_put(want);
    if (!pass)
        snprintf(why, why_len, "%s: want %s: %s\n    got  %s: %s", op, type,
                 msg, rc == SST_OK ? "success" : e.type,
                 rc == SST_OK ? et_text(resp) : e.message);
    json_object_put(resp);
    return pass;
}

/* Replay one recorded corpus (file, under tests/data/emu/), which must
 * hold at least min_cases cases. */
static void
replay_corpus(const char *file, size_t min_cases)
{
    char *path = corpus_path(file);
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
        emu = ti_open_emu();
        for (j = 0; j < json_object_array_length(steps); j++) {
            struct json_object *s = json_object_array_get_idx(steps, j);
            struct json_object *exp = json_object_object_get(s, "expect");

            nsteps++;
            errors += json_object_object_get_ex(exp, "type", NULL);
            aws += json_object_object_get_ex(exp, "note", NULL);
            if (!run_step(emu, s, why, sizeof why)) {
                failed++;
                fprintf(
                    stderr, "\n  case %s, step %zu: %s",
                    json_object_get_string(json_object_object_get(c, "name")),
                    j + 1, why);
                break;
            }
        }
        if (j == json_object_array_length(steps))
            et_verify_in(emu, json_object_get_string(
                               json_object_object_get(c, "name")));
        sst_emu_close(emu);
    }
    printf("\n  %s: %zu cases, %zu steps, %zu expect an error, %zu "
           "follow AWS over DynamoDB Local, %zu failed\n",
           file, n, nsteps, errors, aws, failed);
    CU_ASSERT_EQUAL(failed, 0);
    CU_ASSERT_TRUE(n >= min_cases);
    json_object_put(cases);
    free(path);
}

static void
recorded_corpus(void)
{
    replay_corpus("items_cases.json", 300);
}

/* tests/data/emu/legacy.py: the legacy (pre-expression) parameters */
static void
recorded_legacy_corpus(void)
{
    replay_corpus("legacy_cases.json", 80);
}

/* tests/data/emu/txn.py: TransactWriteItems and TransactGetItems */
static void
recorded_txn_corpus(void)
{
    replay_corpus("txn_cases.json", 60);
}

static const struct sst_test corpus_tests[] = {
    {"recorded DynamoDB Local answers", recorded_corpus},
    {"recorded DynamoDB Local answers, legacy parameters",
     recorded_legacy_corpus},
    {"recorded DynamoDB Local answers, transactions", recorded_txn_corpus},
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
