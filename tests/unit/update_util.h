/*
 * tests/unit/update_util.h - what the tests of the update applier
 * (test_update, test_update_set, test_update_add, test_update_errors)
 * share: the corpus's update item the recorded rows start from, the row
 * type, one UpdateExpression run the way UpdateItem runs it, and the
 * check of a table of recorded rows.
 *
 * The rows were recorded from DynamoDB Local (UpdateItem with the
 * expression and ReturnValues, then GetItem), with numbers in the
 * trimmed form AWS documents (docs/notes-corpus.md, 1.1).
 */
#ifndef SST_TEST_UPDATE_UTIL_H
#define SST_TEST_UPDATE_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sst/sst.h>

#include "emu/expr/avbuild.h"
#include "emu/expr/update.h"
#include "expr_util.h"
#include "harness.h"

/* The item the rows start from (the corpus's UPD_ITEM). */
static const char upd_item[] =
    "{'pk': {'S': 'u'}, 'n': {'N': '10'}, 's': {'S': 'str'}, "
    "'l': {'L': [{'S': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': "
    "'e'}]}, 'm': {'M': {'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, "
    "{'M': {'c': {'S': 'x'}}}]}}}, 'k': {'S': 'v'}}}, "
    "'ss': {'SS': ['a', 'b']}, 'ns': {'NS': ['1', '2']}, "
    "'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, "
    "'nl': {'NULL': true}}";

#define SAME "same"

struct row {
    const char *expr;
    const char *values;     /* quoted JSON or NULL                      */
    bool present;           /* the item exists (else: key pk "absent")  */
    const char *rv;         /* ReturnValues                             */
    const char *message;    /* "" for success                           */
    const char *attributes; /* the Attributes answered, or NULL         */
    const char *after;      /* the item afterwards, SAME, or NULL       */
};

static const struct sst_emu_key_name pk_key[] = {{"pk", 2}};

/* Run one UpdateExpression the way UpdateItem does after its condition:
 * key check, apply (from the key when the item is absent), ReturnValues. */
static inline enum sst_code
run_update(const char *expr, const char *values, const char *names,
           const struct sst_av *item, const char *key, const char *rv,
           struct sst_av **next, struct sst_av **attrs, struct sst_err *err)
{
    struct sst_emu_exprs x;
    struct sst_av *k = item_of(key);
    enum sst_emu_return_values r = SST_EMU_RV_NONE;
    char body[2048];
    enum sst_code rc;

    *next = *attrs = NULL;
    snprintf(body, sizeof body, "{'UpdateExpression': '%s'%s%s%s%s}", expr,
             values ? ", 'ExpressionAttributeValues': " : "",
             values ? values : "",
             names ? ", 'ExpressionAttributeNames': " : "", names ? names : "");
    rc = prepare(&x, SST_EMU_REQ_UPDATE_ITEM, body, err);
    if (rc == SST_OK)
        rc = sst_emu_return_values_parse(rv, &r, err);
    if (rc == SST_OK)
        rc = sst_emu_update_check_keys(&x.update, pk_key, 1, err);
    if (rc == SST_OK)
        rc = sst_emu_update_apply(&x.update, &x.bindings, item ? item : k, next,
                                  err);
    if (rc == SST_OK)
        rc =
            sst_emu_update_return_values(&x.update, r, item, *next, attrs, err);
    if (rc != SST_OK) {
        sst_av_free(*next);
        *next = NULL;
    }
    sst_emu_exprs_cleanup(&x);
    sst_av_free(k);
    return rc;
}

/* Run every row of rows[n] on the update item (or on an absent item) and
 * compare the outcome, the Attributes and the item afterwards. */
static inline void
check_rows(const struct row *rows, size_t n)
{
    struct sst_av *item = item_of(upd_item), *next, *attrs;
    struct sst_err err;
    enum sst_code rc;
    char row[160];
    size_t i;

    CU_ASSERT_PTR_NOT_NULL_FATAL(item);
    for (i = 0; i < n; i++) {
        const struct row *r = &rows[i];
        snprintf(row, sizeof row, "row %zu (%s, %s)", i, r->expr, r->rv);
        memset(&err, 0, sizeof err);
        rc = run_update(r->expr, r->values, NULL, r->present ? item : NULL,
                        r->present ? "{'pk': {'S': 'u'}}"
                                   : "{'pk': {'S': 'absent'}}",
                        r->rv, &next, &attrs, &err);
        if ((rc == SST_OK) != (r->message[0] == '\0') ||
            strcmp(rc == SST_OK ? "" : err.message, r->message) != 0) {
            printf("\n  %s\n    expected \"%s\"\n    actual   \"%s\"\n", row,
                   r->message, rc == SST_OK ? "" : err.message);
            CU_FAIL(row);
        }
        if (rc == SST_OK) {
            if (!item_is(attrs, r->attributes ? r->attributes : "null", row))
                CU_FAIL(row);
            if (!item_is(next,
                         strcmp(r->after, SAME) == 0 ? upd_item : r->after,
                         row))
                CU_FAIL(row);
        } else {
            CU_ASSERT_EQUAL(rc, SST_E_VALIDATION);
            /* a failed update leaves the item as it was */
            CU_ASSERT(r->after == NULL ? !r->present
                                       : strcmp(r->after, SAME) == 0);
        }
        sst_av_free(next);
        sst_av_free(attrs);
    }
    sst_av_free(item);
}

#endif /* SST_TEST_UPDATE_UTIL_H */
