/*
 * tests/unit/txn_test_util.c - the transaction tests' shared helpers
 * (tests/unit/txn_test_util.h).
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "tests/unit/emu_test_util.h"
#include "tests/unit/txn_test_util.h"

#define T0 1795633912989LL /* 2026-11-25T19:11:52.989Z */

/* ------------------------------------------------------------------ */
/* helpers                                                             */

struct sst_emu *
tx_open_emu(const char *path)
{
    struct sst_emu_options o;
    struct sst_emu *emu = NULL;
    struct sst_err e;

    sst_emu_options_init(&o);
    o.no_sync = true;
    CU_ASSERT_EQUAL_FATAL(sst_emu_open(path, &o, &emu, &e), SST_OK);
    sst_emu_set_time(emu, T0);
    return emu;
}

enum sst_code
tx_call(struct sst_emu *emu, const char *op, const char *req,
        struct json_object **resp, struct sst_err *e)
{
    struct json_object *r = et_q(req);
    enum sst_code rc;

    memset(e, 0, sizeof *e);
    *resp = NULL;
    rc = sst_emu_call(emu, op, r, resp, e);
    json_object_put(r);
    return rc;
}

void
tx_run_row(struct sst_emu *emu, const struct tx_row *r)
{
    struct json_object *resp = NULL, *w = NULL;
    struct sst_err e;
    enum sst_code rc = tx_call(emu, r->op, r->req, &resp, &e);
    bool same;

    if (rc != r->code)
        fprintf(stderr, "\n  %s %s\n  got %s: %s: %s\n", r->op, r->req,
                sst_code_name(rc), e.type, e.message);
    CU_ASSERT_EQUAL(rc, r->code);
    if (r->code != SST_OK) {
        SST_ASSERT_STR_EQ(e.type, r->type);
        SST_ASSERT_STR_EQ(e.message, r->msg);
    }
    if (r->want == NULL || strcmp(r->want, "*") != 0) {
        w = r->want ? et_q(r->want) : NULL;
        same = w ? json_object_equal(resp, w) : resp == NULL;
        if (!same)
            fprintf(stderr, "\n  %s %s\n  want %s\n  got  %s\n", r->op, r->req,
                    r->want ? r->want : "(null)", et_text(resp));
        CU_ASSERT_TRUE(same);
    }
    json_object_put(w);
    json_object_put(resp);
}

void
tx_run_rows(struct sst_emu *emu, const struct tx_row *rows, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        tx_run_row(emu, &rows[i]);
}

/* The tables: tbl (pk S, sk N; GSI gidx on g, ALL), one (pk S), coll
 * (pk S, sk N; LSI lsi on l, ALL: item collections). */
static const struct tx_row tables[] = {
    OK("CreateTable",
       "{'TableName':'tbl','BillingMode':'PAY_PER_REQUEST','KeySchema':["
       "{'AttributeName':'pk','KeyType':'HASH'},{'AttributeName':'sk',"
       "'KeyType':'RANGE'}],'AttributeDefinitions':[{'AttributeName':'pk',"
       "'AttributeType':'S'},{'AttributeName':'sk','AttributeType':'N'},"
       "{'AttributeName':'g','AttributeType':'S'}],"
       "'GlobalSecondaryIndexes':[{'IndexName':'gidx','KeySchema':["
       "{'AttributeName':'g','KeyType':'HASH'}],'Projection':{"
       "'ProjectionType':'ALL'}}]}",
       "*"),
    OK("CreateTable",
       "{'TableName':'one','BillingMode':'PAY_PER_REQUEST','KeySchema':["
       "{'AttributeName':'pk','KeyType':'HASH'}],'AttributeDefinitions':["
       "{'AttributeName':'pk','AttributeType':'S'}]}",
       "*"),
    OK("CreateTable",
       "{'TableName':'coll','BillingMode':'PAY_PER_REQUEST','KeySchema':["
       "{'AttributeName':'pk','KeyType':'HASH'},{'AttributeName':'sk',"
       "'KeyType':'RANGE'}],'AttributeDefinitions':[{'AttributeName':'pk',"
       "'AttributeType':'S'},{'AttributeName':'sk','AttributeType':'N'},"
       "{'AttributeName':'l','AttributeType':'S'}],"
       "'LocalSecondaryIndexes':[{'IndexName':'lsi','KeySchema':["
       "{'AttributeName':'pk','KeyType':'HASH'},{'AttributeName':'l',"
       "'KeyType':'RANGE'}],'Projection':{'ProjectionType':'ALL'}}]}",
       "*"),
};

struct sst_emu *
tx_open_with_tables(const char *path)
{
    struct sst_emu *emu = tx_open_emu(path);

    RUN(emu, tables);
    return emu;
}

const struct tx_row tx_setup_items[3] = {
    OK("PutItem",
       "{'TableName':'tbl','Item':{" K("a") ",'v':{'N':'1'},'g':{'S':'G'}}}",
       "{}"),
    OK("PutItem", "{'TableName':'tbl','Item':{" K("b") ",'v':{'N':'2'}}}",
       "{}"),
    OK("PutItem", "{'TableName':'tbl','Item':{" K("c") "}}", "{}"),
};
