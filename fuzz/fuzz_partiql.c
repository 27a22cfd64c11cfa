/*
 * fuzz/fuzz_partiql.c - libFuzzer target for the PartiQL parser of
 * ExecuteStatement (emu/ops/partiql.h).
 *
 * Input: the first byte picks how many parameters the request carries
 * (0 to 3, of fixed values); the rest is the statement. A statement that
 * parses is split for the key schemas of a Query and of an item key (hash
 * "pk", range "sk"), and its whole WHERE clause and the placeholders of
 * every text are built, as ExecuteStatement does.
 *
 * Invariants besides memory safety and no leaks: a parse either succeeds
 * with a table name, or fails with SST_E_VALIDATION (or SST_E_NOMEM);
 * every expression text the translation makes holds no NUL byte and only
 * placeholders that it defines. A broken invariant aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/mem.h>

#include "emu/ops/partiql.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const param_json =
    "[{\"S\":\"a\"},{\"N\":\"1\"},{\"L\":[{\"S\":\"x\"}]}]";

/* Every #pN / :pN in text is a member of req's names / values. */
static void
check_placeholders(const char *text, struct json_object *req)
{
    struct json_object *names = NULL, *values = NULL;
    const char *t;

    json_object_object_get_ex(req, "ExpressionAttributeNames", &names);
    json_object_object_get_ex(req, "ExpressionAttributeValues", &values);
    for (t = text; t != NULL && *t != '\0'; t++) {
        char ph[24];
        size_t n = 1;

        if ((*t != '#' && *t != ':') || t[1] != 'p')
            continue;
        while (t[n + 1] >= '0' && t[n + 1] <= '9' && n < 20)
            n++;
        if (n == 1)
            continue;
        memcpy(ph, t, n + 1);
        ph[n + 1] = '\0';
        if (!json_object_object_get_ex(*t == '#' ? names : values, ph, NULL))
            abort();
    }
}

static void
translate(const struct sst_pq_stmt *st, bool query)
{
    static const char *const hash[] = {"pk"}, *const range[] = {"sk"};
    struct sst_pq_split sp;
    struct json_object *req;
    const char *texts[4];
    char *where = NULL;
    size_t i;

    if (sst_pq_split_where(st, hash, 1, range, 1, query, &sp, NULL) != SST_OK)
        return;
    if (sst_pq_where_text(st, &where, NULL) != SST_OK) {
        sst_pq_split_cleanup(&sp);
        return;
    }
    texts[0] = sp.key_cond;
    texts[1] = sp.rest;
    texts[2] = query ? st->projection : st->update;
    texts[3] = where;
    req = json_object_new_object();
    if (req != NULL &&
        sst_pq_add_placeholders(st, req, texts, 4, NULL) == SST_OK) {
        for (i = 0; i < 4; i++)
            check_placeholders(texts[i], req);
    }
    json_object_put(req);
    sst_free(where);
    sst_pq_split_cleanup(&sp);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct json_object *all, *params = NULL;
    struct sst_pq_stmt st;
    struct sst_err err;
    enum sst_code rc;
    size_t i, n;

    if (size == 0)
        return 0;
    all = json_tokener_parse(param_json);
    n = data[0] % 4;
    if (n > 0) {
        params = json_object_new_array();
        for (i = 0; i < n; i++)
            json_object_array_add(
                params, json_object_get(json_object_array_get_idx(all, i)));
    }
    rc = sst_pq_parse((const char *)data + 1, size - 1, params, &st, &err);
    if (rc == SST_OK) {
        if (st.table == NULL)
            abort();
        translate(&st, true);
        translate(&st, false);
        sst_pq_cleanup(&st);
    } else if (rc != SST_E_VALIDATION && rc != SST_E_NOMEM) {
        abort();
    }
    json_object_put(params);
    json_object_put(all);
    return 0;
}
