/*
 * tests/unit/items_test_util.c - the item-operation tests' shared helpers
 * (tests/unit/items_test_util.h).
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "tests/unit/emu_test_util.h"
#include "tests/unit/items_test_util.h"

/* ------------------------------------------------------------------ */
/* helpers                                                             */

struct sst_emu *
ti_open_emu(void)
{
    struct sst_emu *emu = NULL;
    struct sst_err e;

    CU_ASSERT_EQUAL_FATAL(sst_emu_open(NULL, NULL, &emu, &e), SST_OK);
    sst_emu_set_time(emu, T0);
    return emu;
}

enum sst_code
ti_call(struct sst_emu *emu, const char *op, const char *req,
        struct json_object **resp, struct sst_err *e)
{
    struct json_object *r = et_parse(req);
    enum sst_code rc;

    memset(e, 0, sizeof *e);
    rc = sst_emu_call(emu, op, r, resp, e);
    json_object_put(r);
    return rc;
}

/* Call and expect success with exactly the answer `want` (JSON text; the
 * member order inside objects does not matter). */
void
ti_expect_ok(struct sst_emu *emu, const char *op, const char *req,
             const char *want)
{
    struct json_object *resp = NULL, *w;
    struct sst_err e;
    enum sst_code rc = ti_call(emu, op, req, &resp, &e);

    if (rc != SST_OK)
        fprintf(stderr, "\n  %s %s: %s: %s\n", op, req, e.type, e.message);
    CU_ASSERT_EQUAL(rc, SST_OK);
    if (want != NULL && rc == SST_OK) {
        w = et_parse(want);
        if (!json_object_equal(resp, w))
            fprintf(stderr, "\n  %s %s\n  want %s\n  got  %s\n", op, req,
                    want, et_text(resp));
        CU_ASSERT_TRUE(json_object_equal(resp, w));
        json_object_put(w);
    }
    json_object_put(resp);
}

/* Call and expect an error, with the error's extra members `extra` (JSON
 * text, or NULL for none). */
void
ti_expect_error_extra(struct sst_emu *emu, const char *op, const char *req,
                      enum sst_code code, const char *type, const char *msg,
                      const char *extra)
{
    struct json_object *resp = NULL, *w;
    struct sst_err e;
    enum sst_code rc = ti_call(emu, op, req, &resp, &e);

    if (rc != code)
        fprintf(stderr, "\n  %s %s: %s: %s\n", op, req, e.type, e.message);
    CU_ASSERT_EQUAL(rc, code);
    if (extra == NULL) {
        CU_ASSERT_PTR_NULL(resp);
    } else {
        w = et_parse(extra);
        if (!json_object_equal(resp, w))
            fprintf(stderr, "\n  %s %s\n  want %s\n  got  %s\n", op, req,
                    extra, et_text(resp));
        CU_ASSERT_TRUE(json_object_equal(resp, w));
        json_object_put(w);
    }
    SST_ASSERT_STR_EQ(e.type, type);
    SST_ASSERT_STR_EQ(e.message, msg);
    json_object_put(resp);
}

void
ti_expect_error(struct sst_emu *emu, const char *op, const char *req,
                enum sst_code code, const char *type, const char *msg)
{
    ti_expect_error_extra(emu, op, req, code, type, msg, NULL);
}

void
ti_run_rows(struct sst_emu *emu, const struct ti_row *rows, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (rows[i].code == SST_OK)
            ti_expect_ok(emu, rows[i].op, rows[i].req, rows[i].want);
        else
            ti_expect_error_extra(emu, rows[i].op, rows[i].req, rows[i].code,
                                  rows[i].type, rows[i].msg, rows[i].want);
    }
}

size_t
ti_scan_count(struct sst_emu *emu, const char *req, struct json_object **last)
{
    struct json_object *resp = NULL, *lek;
    struct sst_err e;
    size_t n = 0;

    if (ti_call(emu, "Scan", req, &resp, &e) != SST_OK)
        fprintf(stderr, "\n  %s: %s\n", req, e.message);
    n = (size_t)json_object_get_int64(json_object_object_get(resp, "Count"));
    if (last != NULL) {
        *last = json_object_object_get_ex(resp, "LastEvaluatedKey", &lek)
                    ? json_object_get(lek)
                    : NULL;
    }
    json_object_put(resp);
    return n;
}

int64_t
ti_index_count(struct sst_emu *emu, const char *index)
{
    struct json_object *resp = NULL, *arr, *e;
    struct sst_err err;
    int64_t n = -1;
    size_t i;

    CU_ASSERT_EQUAL(
        ti_call(emu, "DescribeTable", "{\"TableName\":\"tbl\"}", &resp, &err),
        SST_OK);
    arr = json_object_object_get(json_object_object_get(resp, "Table"),
                                 "GlobalSecondaryIndexes");
    for (i = 0; arr != NULL && i < json_object_array_length(arr); i++) {
        e = json_object_array_get_idx(arr, i);
        if (strcmp(json_object_get_string(json_object_object_get(e,
                                                                 "IndexName")),
                   index) == 0)
            n = json_object_get_int64(json_object_object_get(e, "ItemCount"));
    }
    json_object_put(resp);
    return n;
}
