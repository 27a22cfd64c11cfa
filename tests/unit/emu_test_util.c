/*
 * tests/unit/emu_test_util.c - the emulator operation tests' shared
 * helpers (tests/unit/emu_test_util.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sst/mem.h>

#include "emu/ops/ops.h"
#include "harness.h"
#include "tests/unit/emu_test_util.h"

struct json_object *
et_parse(const char *text)
{
    struct json_object *o = json_tokener_parse(text);

    if (o == NULL)
        fprintf(stderr, "\n  bad JSON in a test: %s\n", text);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o);
    return o;
}

struct json_object *
et_q(const char *text)
{
    size_t n = strlen(text), i;
    char *s = malloc(n + 1);
    struct json_object *o;

    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    for (i = 0; i <= n; i++)
        s[i] = text[i] == '\'' ? '"' : text[i];
    o = json_tokener_parse(s);
    if (o == NULL)
        fprintf(stderr, "\n  bad JSON in a test: %s\n", s);
    free(s);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o);
    return o;
}

const char *
et_text(struct json_object *o)
{
    return o ? json_object_to_json_string_ext(
                   o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)
             : "(null)";
}

void
et_verify_in(struct sst_emu *emu, const char *where)
{
    struct sst_err e;
    enum sst_code rc = sst_emu_verify(sst_emu_store_of(emu), &e);

    if (rc != SST_OK)
        fprintf(stderr, "\n  verify (%s): %s\n", where, e.message);
    CU_ASSERT_EQUAL(rc, SST_OK);
}

void
et_oom_walk(struct sst_emu *emu, const char *op, struct json_object *req,
            unsigned flags)
{
    struct json_object *resp;
    struct sst_err e;
    enum sst_code rc = SST_E_NOMEM;
    bool done;
    long base;
    int n;

    for (n = 1; n < 5000 && rc == SST_E_NOMEM; n++) {
        base = sst_mem_live_count();
        resp = NULL;
        sst_mem_fail_after(n);
        rc = sst_emu_call(emu, op, req, &resp, &e);
        sst_mem_fail_reset();
        if (rc == SST_E_NOMEM) {
            CU_ASSERT_PTR_NULL(resp);
            CU_ASSERT_TRUE(sst_mem_live_count() <= base);
            if (flags & ET_OOM_VERIFY)
                et_verify_in(emu, op);
        }
        json_object_put(resp);
    }
    done = rc == SST_OK ||
           ((flags & ET_OOM_MAY_CANCEL) && rc == SST_E_TXN_CANCELED);
    if (!done)
        fprintf(stderr, "\n  %s: %s: %s\n", op, e.type, e.message);
    CU_ASSERT_TRUE(done);
    CU_ASSERT_TRUE(n > 2);
    json_object_put(req);
}
