/*
 * tests/memory/fixture.c - see fixture.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>

#include "tests/harness.h"
#include "tests/memory/fixture.h"

enum sst_tm_side sst_tm_side = SST_TM_EMU;

static unsigned table_seq;

int
sst_tm_init_emu(void)
{
    sst_tm_side = SST_TM_EMU;
    return 0;
}

int
sst_tm_init_ddb(void)
{
    sst_tm_side = SST_TM_DDB_LOCAL;
    return 0;
}

int
sst_tm_main(int argc, char **argv, const char *name,
            const struct sst_test *tests)
{
    const struct sst_suite suites[] = {
        {"emu", sst_tm_init_emu, NULL, tests},
        {"ddb-local", sst_tm_init_ddb, NULL, tests},
        {NULL, NULL, NULL, NULL},
    };

    return sst_test_main(argc, argv, name, suites);
}

static int64_t
tm_now(void *ud)
{
    struct sst_tm *tm = ud;
    int64_t now = tm->now_us;

    tm->now_us += tm->step_us;
    return now;
}

static enum sst_code
tm_random(void *ud, unsigned char *buf, size_t len, struct sst_err *err)
{
    struct sst_tm *tm = ud;
    size_t i;

    (void)err;
    tm->random_counter++;
    for (i = 0; i < len; i++)
        buf[i] = (unsigned char)(tm->random_counter >> (8 * (i % 8)));
    return SST_OK;
}

int
sst_tm_open(struct sst_tm *tm, const struct sst_memory_opts *opts)
{
    struct sst_memory_opts o;
    struct sst_clock clock;
    struct sst_random rnd;
    struct sst_err e;
    const char *uri = "emu::memory:";

    memset(tm, 0, sizeof(*tm));
    if (sst_tm_side == SST_TM_DDB_LOCAL) {
        uri = getenv("SST_DDB_LOCAL_ENDPOINT");
        if (uri == NULL || uri[0] == '\0') {
            sst_test_skip("DynamoDB Local is not running "
                          "(SST_DDB_LOCAL_ENDPOINT unset)");
            return 1;
        }
    }
    tm->now_us = SST_TM_START_US;
    tm->step_us = 1000;
    snprintf(tm->table, sizeof tm->table, "sst_tm_%ld_%u", (long)getpid(),
             ++table_seq);
    if (opts != NULL)
        o = *opts;
    else
        sst_memory_opts_init(&o, NULL);
    o.table_name = tm->table;
    clock.now_us = tm_now;
    clock.ud = tm;
    rnd.fill = tm_random;
    rnd.ud = tm;
    o.clock = &clock;
    o.random = &rnd;
    if (sst_backend_open(uri, &tm->backend, &e) != SST_OK ||
        sst_memory_open(tm->backend, &o, &tm->m, &e) != SST_OK ||
        sst_memory_create_standard_table(tm->m, &e) != SST_OK) {
        printf("\n  fixture on %s: %s: %s\n", uri, sst_code_name(e.code),
               e.message);
        sst_tm_close(tm);
        return -1;
    }
    return 0;
}

void
sst_tm_close(struct sst_tm *tm)
{
    if (tm->backend != NULL && tm->table[0] != '\0') {
        json_object *req = json_object_new_object();
        json_object *resp = NULL;
        struct sst_err e;

        if (req != NULL &&
            json_object_object_add(req, "TableName",
                                   json_object_new_string(tm->table)) == 0)
            (void)sst_backend_call(tm->backend, "DeleteTable", req, &resp,
                                   &e);
        json_object_put(resp);
        json_object_put(req);
    }
    sst_memory_close(tm->m);
    sst_backend_close(tm->backend);
    memset(tm, 0, sizeof(*tm));
}

enum sst_code
sst_tm_call(struct sst_tm *tm, const char *op, const char *req_json,
            struct json_object **resp, struct sst_err *err)
{
    json_object *req = json_tokener_parse(req_json);
    enum sst_code rc;

    *resp = NULL;
    if (req == NULL || !json_object_is_type(req, json_type_object)) {
        json_object_put(req);
        return sst_err_set(err, SST_E_INVALID_ARG, "bad request JSON: %s",
                           req_json);
    }
    if (!json_object_object_get_ex(req, "TableName", NULL))
        json_object_object_add(req, "TableName",
                               json_object_new_string(tm->table));
    rc = sst_backend_call(tm->backend, op, req, resp, err);
    json_object_put(req);
    return rc;
}
