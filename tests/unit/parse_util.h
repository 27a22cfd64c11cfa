/*
 * tests/unit/parse_util.h - what the tests of the expression parser
 * (test_parse, test_parse_syntax, test_parse_rules, test_parse_keycond,
 * test_parse_limits, test_parse_phases) share: the row of a recorded
 * table and its check (the tree through the canonical printer, or
 * DynamoDB's exact error), a generator of long expressions, and the call
 * log of the toy hooks.
 */
#ifndef SST_TEST_PARSE_UTIL_H
#define SST_TEST_PARSE_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sst/sst.h>

#include "emu/expr/parse.h"
#include "harness.h"

struct row {
    enum sst_emu_expr_kind kind;
    const char *expr;
    const char *expected; /* "OK: <canonical text>" or the error message */
};

/* Parse row r and compare with its expectation; on a tree also check that
 * the canonical text parses to an equal tree. */
static inline void
check_row(const struct row *r, const char *where)
{
    struct sst_emu_arena a;
    struct sst_emu_ast *ast = NULL, *again = NULL;
    struct sst_err err;
    enum sst_code rc;
    char text[8192], msg[512];

    sst_emu_arena_init(&a);
    memset(&err, 0, sizeof err);
    rc = sst_emu_expr_parse(&a, r->expr, strlen(r->expr), r->kind, &ast, &err);
    snprintf(msg, sizeof msg, "%s: %s \"%s\"", where,
             sst_emu_expr_kind_name(r->kind), r->expr);
    if (strncmp(r->expected, "OK: ", 4) == 0) {
        if (rc != SST_OK) {
            CU_FAIL(msg);
            SST_ASSERT_STR_EQ(err.message, "");
        } else {
            sst_emu_ast_print(ast, text, sizeof text);
            if (strcmp(text, r->expected + 4) != 0)
                CU_FAIL(msg);
            SST_ASSERT_STR_EQ(text, r->expected + 4);
            rc = sst_emu_expr_parse(&a, text, strlen(text), r->kind, &again,
                                    &err);
            CU_ASSERT_EQUAL(rc, SST_OK);
            CU_ASSERT_TRUE(sst_emu_ast_equal(ast, again));
        }
    } else {
        if (rc != SST_E_VALIDATION)
            CU_FAIL(msg);
        CU_ASSERT_EQUAL(rc, SST_E_VALIDATION);
        CU_ASSERT_PTR_NULL(ast);
        SST_ASSERT_STR_EQ(err.type, "ValidationException");
        if (strcmp(err.message, r->expected) != 0)
            CU_FAIL(msg);
        SST_ASSERT_STR_EQ(err.message, r->expected);
    }
    sst_emu_arena_cleanup(&a);
}

/* Check every row of rows[n]; a failure names the row as "LABEL i". */
static inline void
check_rows(const struct row *rows, size_t n, const char *label)
{
    char where[32];
    size_t i;

    for (i = 0; i < n; i++) {
        snprintf(where, sizeof where, "%s %zu", label, i);
        check_row(&rows[i], where);
    }
}

/* head, n copies of unit, tail, in a malloc'd string (NULL if none). */
static inline char *
repeat(const char *head, const char *unit, size_t n, const char *tail)
{
    size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail), i;
    char *s = malloc(hl + ul * n + tl + 1), *p;

    if (s == NULL)
        return NULL;
    memcpy(s, head, hl);
    p = s + hl;
    for (i = 0; i < n; i++, p += ul)
        memcpy(p, unit, ul);
    memcpy(p, tail, tl + 1);
    return s;
}

/* The calls the toy hooks of test_parse_phases and the key-condition
 * leaf walk of test_parse_keycond make, in order. */
struct toy {
    char log[512];
};

static inline void
toy_log(struct toy *t, const char *pre, const char *s, size_t n,
        const char *post)
{
    size_t used = strlen(t->log);

    snprintf(t->log + used, sizeof t->log - used, "%s%s%.*s%s", used ? " " : "",
             pre, (int)n, s, post);
}

#endif /* SST_TEST_PARSE_UTIL_H */
