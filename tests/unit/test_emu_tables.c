/*
 * tests/unit/test_emu_tables.c - the emulator's control plane against
 * the corpus tests/data/emu/ctl_cases.json, recorded from DynamoDB Local
 * by tests/data/emu/record.py: each request, after its setup requests,
 * must give the recorded error type and message (or the AWS answer where
 * the case says the emulator follows AWS), or succeed with DynamoDB
 * Local's answer, member by member.
 *
 * The answers field by field are in test_emu_tables_shapes.c; the
 * emulator around the operations in test_emu_tables_emulator.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/emu.h>
#include <sst/sst.h>

#include "emu/ops/ops.h"
#include "harness.h"
#include "tests/unit/tables_test_util.h"

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
    n = strlen(top) + sizeof "/tests/data/emu/ctl_cases.json";
    p = malloc(n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    snprintf(p, n, "%s/tests/data/emu/ctl_cases.json", top);
    return p;
}

/* Members whose values differ by design (docs/emulator.md): times, and
 * DeleteTable's TableStatus (AWS documents DELETING; DynamoDB Local says
 * ACTIVE). TableId is a member DynamoDB Local lacks. */
static bool
value_may_differ(const char *key)
{
    return strcmp(key, "CreationDateTime") == 0 ||
           strcmp(key, "LastUpdateToPayPerRequestDateTime") == 0 ||
           strcmp(key, "TableStatus") == 0;
}

/* Compare the emulator's answer with DynamoDB Local's, member by member:
 * the same members in the same order, the same values. */
static bool
same_answer(struct json_object *ours, struct json_object *theirs,
            const char *where, char *why, size_t why_len)
{
    enum json_type t = json_object_get_type(theirs);
    struct lh_entry *a, *b;
    size_t i, n;
    char path[256];

    if (t == json_type_double || t == json_type_int) {
        if ((json_object_is_type(ours, json_type_double) ||
             json_object_is_type(ours, json_type_int)) &&
            json_object_get_double(ours) == json_object_get_double(theirs))
            return true;
    } else if (json_object_get_type(ours) != t) {
        /* fall through to the report */
    } else if (t == json_type_array) {
        n = json_object_array_length(theirs);
        if (json_object_array_length(ours) != n) {
            snprintf(why, why_len,
                     "%s: %zu elements, DynamoDB Local has "
                     "%zu",
                     where, json_object_array_length(ours), n);
            return false;
        }
        for (i = 0; i < n; i++) {
            struct json_object *mine = json_object_array_get_idx(ours, i);
            struct json_object *other = json_object_array_get_idx(theirs, i);
            const char *name = tt_str_at(other, "IndexName");
            size_t j;

            /* Indexes: the emulator keeps request order, DynamoDB Local
             * a hash order; match them by name. */
            for (j = 0; name != NULL && j < n; j++) {
                mine = json_object_array_get_idx(ours, j);
                if (tt_str_at(mine, "IndexName") &&
                    strcmp(tt_str_at(mine, "IndexName"), name) == 0)
                    break;
            }
            snprintf(path, sizeof path, "%s[%zu]", where, i);
            if (!same_answer(mine, other, path, why, why_len))
                return false;
        }
        return true;
    } else if (t == json_type_object) {
        a = json_object_get_object(ours)->head;
        b = json_object_get_object(theirs)->head;
        for (; b != NULL; a = a->next, b = b->next) {
            if (a != NULL && strcmp(a->k, "TableId") == 0)
                a = a->next; /* ours only: AWS's TableId */
            if (a == NULL || strcmp(a->k, b->k) != 0) {
                snprintf(why, why_len,
                         "%s: member %s where DynamoDB Local "
                         "has %s",
                         where, a ? (const char *)a->k : "(none)",
                         (const char *)b->k);
                return false;
            }
            snprintf(path, sizeof path, "%s.%s", where, (const char *)b->k);
            if (!value_may_differ(b->k) &&
                !same_answer((struct json_object *)a->v,
                             (struct json_object *)b->v, path, why, why_len))
                return false;
        }
        if (a != NULL && strcmp(a->k, "TableId") == 0)
            a = a->next;
        if (a != NULL) {
            snprintf(why, why_len, "%s: extra member %s", where,
                     (const char *)a->k);
            return false;
        }
        return true;
    } else if (json_object_equal(ours, theirs)) {
        return true;
    }
    snprintf(why, why_len, "%s: %s, DynamoDB Local has %s", where,
             json_object_to_json_string(ours),
             json_object_to_json_string(theirs));
    return false;
}

/* Run one case; returns whether it passed, describing a failure. */
static bool
run_case(struct json_object *c, char *why, size_t why_len)
{
    struct sst_backend *b = NULL;
    struct json_object *setup = tt_at(c, "setup"), *exp = tt_at(c, "expect");
    struct json_object *resp = NULL;
    const char *op = tt_str_at(c, "op"), *type, *msg;
    struct sst_err e;
    enum sst_code rc;
    size_t i;
    bool pass = false;

    if (sst_backend_open("emu::memory:", &b, &e) != SST_OK) {
        snprintf(why, why_len, "open: %s", e.message);
        return false;
    }
    for (i = 0; i < json_object_array_length(setup); i++) {
        struct json_object *step = json_object_array_get_idx(setup, i);
        const char *sop =
            json_object_get_string(json_object_array_get_idx(step, 0));

        rc = sst_backend_call(b, sop, json_object_array_get_idx(step, 1), &resp,
                              &e);
        json_object_put(resp);
        resp = NULL;
        if (rc != SST_OK) {
            snprintf(why, why_len, "setup %s failed: %s: %s", sop, e.type,
                     e.message);
            goto out;
        }
    }
    memset(&e, 0, sizeof e);
    rc = sst_backend_call(b, op, tt_at(c, "request"), &resp, &e);
    if (tt_at(exp, "ok") != NULL) {
        pass = rc == SST_OK && resp != NULL;
        if (!pass)
            snprintf(why, why_len, "want success, got %s: %s", e.type,
                     e.message);
        else
            pass = same_answer(resp, tt_at(c, "ddb_local.response"), "answer",
                               why, why_len);
        goto out;
    }
    type = tt_str_at(exp, "type");
    msg = tt_str_at(exp, "message");
    pass = rc != SST_OK && resp == NULL && strcmp(e.type, type) == 0 &&
           strcmp(e.message, msg) == 0 && sst_code_from_type(type) == rc;
    if (!pass)
        snprintf(why, why_len, "want %s: %s\n    got  %s: %s", type, msg,
                 rc == SST_OK ? "success" : e.type,
                 rc == SST_OK ? "" : e.message);
out:
    json_object_put(resp);
    sst_backend_close(b);
    return pass;
}

static void
recorded_corpus(void)
{
    char *path = corpus_path();
    struct json_object *cases = json_object_from_file(path), *c;
    size_t i, n, failed = 0, errors = 0, aws = 0;
    char why[1024];

    if (cases == NULL)
        fprintf(stderr, "\n  cannot read %s\n", path);
    CU_ASSERT_PTR_NOT_NULL_FATAL(cases);
    n = json_object_array_length(cases);
    for (i = 0; i < n; i++) {
        c = json_object_array_get_idx(cases, i);
        if (tt_at(c, "expect.type") != NULL)
            errors++;
        if (tt_at(c, "expect.note") != NULL)
            aws++;
        if (!run_case(c, why, sizeof why)) {
            failed++;
            fprintf(stderr, "\n  case %s: %s", tt_str_at(c, "name"), why);
        }
    }
    printf("\n  corpus: %zu cases, %zu expect an error, %zu follow AWS over "
           "DynamoDB Local, %zu failed\n",
           n, errors, aws, failed);
    CU_ASSERT_EQUAL(failed, 0);
    CU_ASSERT_TRUE(errors >= 60);
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
    return sst_test_main(argc, argv, "test_emu_tables", suites);
}
