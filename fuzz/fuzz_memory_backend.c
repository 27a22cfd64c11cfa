/*
 * fuzz/fuzz_memory_backend.c - libFuzzer target for libsst's data layer
 * (sst/memory.h) against a backend whose every answer comes from the
 * fuzz input: GetItem, Query, BatchGetItem, TransactWriteItems, ...
 * responses, and DynamoDB errors with extra members (CancellationReasons,
 * Item), as crud.c, update.c, versions.c, query.c, counters.c and
 * stats.c read them.
 *
 * Input: one answer per line, taken in call order. A JSON object with a
 * string "__type" is an error (that __type, its "message", and the other
 * members as the error's extra object); any other object is a response;
 * a line that is not an object is an SST_E_SERIALIZATION error; when the
 * lines run out every call fails with SST_E_TRANSPORT. A fixed script of
 * operations on versioned and non-versioned types runs against it.
 *
 * Invariants besides memory safety: each operation returns SST_OK, a
 * code sst/memory.h lists for every operation, or a code the backend
 * gave during it; err carries the code returned; *out is NULL on failure
 * and set as promised on success; sst_mem_live_count() is back to its
 * start after each operation.
 *
 * nanosleep() is replaced by a no-op here, so that the 0.1 s pauses
 * before retrying unprocessed keys do not slow the fuzzer down.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>

#include <sst/mem.h>
#include <sst/memory.h>

#include "tests/core_types.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
nanosleep(const struct timespec *req, struct timespec *rem)
{
    (void)req, (void)rem;
    return 0;
}

/* ------------------------------------------------------------ backend */

struct fake {
    struct sst_backend base; /* first: the handle is a struct fake */
    const char *p, *end;     /* the answers not yet given          */
    uint64_t codes;          /* bit per code given since reset     */
    struct sst_backend *real; /* recording: the backend that answers */
};

static enum sst_code
give(struct fake *f, enum sst_code rc)
{
    f->codes |= (uint64_t)1 << rc;
    return rc;
}

/* The members of an error answer besides __type and message, or NULL. */
static json_object *
extras_of(json_object *o)
{
    json_object *x = NULL;

    json_object_object_foreach(o, key, val) {
        if (strcmp(key, "__type") == 0 || strcmp(key, "message") == 0)
            continue;
        if (x == NULL && (x = json_object_new_object()) == NULL)
            return NULL;
        json_object_object_add(x, key, json_object_get(val));
    }
    return x;
}

#ifdef SST_FUZZ_RECORD

/* Recording: answer from the real backend and print the answer as an
 * input line. */
static enum sst_code
record_call(struct fake *f, const char *op, const struct json_object *req,
            struct json_object **resp, struct sst_err *err)
{
    enum sst_code rc = sst_backend_call(f->real, op, req, resp, err);
    json_object *line = json_object_new_object();

    if (rc == SST_OK) {
        json_object_put(line);
        line = json_object_get(*resp);
    } else {
        json_object_object_add(line, "__type",
                               json_object_new_string(err->type));
        json_object_object_add(line, "message",
                               json_object_new_string(err->message));
        if (*resp != NULL) {
            json_object_object_foreach(*resp, key, val)
                json_object_object_add(line, key, json_object_get(val));
        }
    }
    printf("%s\n", json_object_to_json_string_ext(
                       line, JSON_C_TO_STRING_PLAIN |
                                 JSON_C_TO_STRING_NOSLASHESCAPE));
    json_object_put(line);
    return rc;
}
#endif

static enum sst_code
fake_call(struct sst_backend *b, const char *op, const struct json_object *req,
          struct json_object **resp, struct sst_err *err)
{
    struct fake *f = (struct fake *)b;
    const char *nl;
    json_object *o, *type, *msg;
    struct json_tokener *tok;
    enum sst_code rc;

    *resp = NULL;
    if (op == NULL || !json_object_is_type(req, json_type_object))
        abort(); /* the library always sends an operation and an object */
#ifdef SST_FUZZ_RECORD
    if (f->real != NULL)
        return give(f, record_call(f, op, req, resp, err));
#endif
    if (f->p >= f->end)
        return give(f, sst_err_set(err, SST_E_TRANSPORT,
                                   "fuzz: no more answers"));
    nl = memchr(f->p, '\n', (size_t)(f->end - f->p));
    if (nl == NULL)
        nl = f->end;
    tok = json_tokener_new();
    o = tok ? json_tokener_parse_ex(tok, f->p, (int)(nl - f->p)) : NULL;
    json_tokener_free(tok);
    f->p = nl + 1;
    if (!json_object_is_type(o, json_type_object)) {
        json_object_put(o);
        return give(f, sst_err_set(err, SST_E_SERIALIZATION,
                                   "fuzz: not an object"));
    }
    if (!json_object_object_get_ex(o, "__type", &type) ||
        !json_object_is_type(type, json_type_string)) {
        *resp = o;
        return SST_OK;
    }
    json_object_object_get_ex(o, "message", &msg);
    rc = sst_err_set_dynamodb(err, json_object_get_string(type),
                              json_object_get_string(msg), 400);
    if (rc == SST_OK)
        rc = sst_err_set(err, SST_E_UNKNOWN_ERROR, "fuzz: __type OK");
    *resp = extras_of(o);
    json_object_put(o);
    return give(f, rc);
}

static void
fake_close(struct sst_backend *b)
{
    (void)b;
}

static const struct sst_backend_ops fake_ops = {"fuzz", fake_call,
                                                fake_close};

/* ------------------------------------------------------------ checks */

static struct fake fake = {{&fake_ops}, NULL, NULL, 0, NULL};
static long live_at_start;

static void
begin(void)
{
    fake.codes = 0;
    live_at_start = sst_mem_live_count();
}

/* The codes every operation of sst/memory.h may return, and those the
 * backend gave during this one. */
static void
end(enum sst_code rc, const struct sst_err *e)
{
    static const enum sst_code any[] = {
        SST_OK, SST_E_ITEM_NOT_FOUND, SST_E_VERSION_CONFLICT,
        SST_E_CONDITION_FAILED, SST_E_INVALID_DATA, SST_E_INVALID_ARG,
        SST_E_NOMEM};
    bool ok = (fake.codes >> rc) & 1;
    size_t i;

    for (i = 0; i < sizeof any / sizeof any[0]; i++)
        ok = ok || rc == any[i];
    if (!ok || (rc != SST_OK && e->code != rc) ||
        memchr(e->message, '\0', sizeof e->message) == NULL) {
        fprintf(stderr, "fuzz: returned %s, err %s \"%.256s\"\n",
                sst_code_name(rc), sst_code_name(e->code), e->message);
        abort();
    }
    /* (a recording's emulator keeps what it allocates) */
    if (fake.real == NULL && sst_mem_live_count() != live_at_start) {
        fprintf(stderr, "fuzz: %ld blocks live, %ld before (%s)\n",
                sst_mem_live_count(), live_at_start, sst_code_name(rc));
        abort();
    }
}

/* *out of a failed call must be NULL; of a successful one, a value of
 * the promised JSON type (or NULL when allowed). */
static void
check_out(enum sst_code rc, json_object *out, json_type want, bool may_null)
{
    if (rc != SST_OK) {
        if (out != NULL)
            abort();
        return;
    }
    if (out == NULL ? !may_null : !json_object_is_type(out, want))
        abort();
}

static void
check_page(enum sst_code rc, const struct sst_page *p)
{
    size_t i;

    if (rc != SST_OK) {
        if (p != NULL)
            abort();
        return;
    }
    if (p == NULL || (p->count > 0 && (p->items == NULL || p->types == NULL)))
        abort();
    for (i = 0; i < p->count; i++)
        if (!json_object_is_type(p->items[i], json_type_object) ||
            p->types[i] == NULL)
            abort();
}

/* ------------------------------------------------------------ script */

static int64_t
fixed_clock(void *ud)
{
    (void)ud;
    return 1795630325922317LL;
}

static enum sst_code
zero_fill(void *ud, unsigned char *buf, size_t len, struct sst_err *err)
{
    (void)ud, (void)err;
    memset(buf, 0, len);
    return SST_OK;
}

static const struct sst_clock clock_ = {.now_us = fixed_clock};
static const struct sst_random random_ = {.fill = zero_fill};

static const char thing_data[] =
    "{\"name\":\"n\",\"score\":\"1.5\",\"count\":3,\"tags\":[\"red\"],"
    "\"born\":\"2000-02-29\",\"when\":\"2026-11-25T18:12:05Z\","
    "\"blob\":\"b\",\"meta\":{\"x\":1},\"child\":{\"label\":\"c\"},"
    "\"expires_in\":60}";
static const char doc_data[] =
    "{\"title\":\"T\",\"when\":\"2026-11-25T18:12:05Z\","
    "\"child\":{\"label\":\"c\"}}";
static const char note_data[] = "{\"text\":\"hello\"}";

/* The resources the script updates and deletes, made once. */
static json_object *data_of[3], *existing[3];
static const char *const ids_of[3] = {"t-1", "d-1", "n-1"};
static const struct sst_type *const script_types[3] = {
    &core_thing_type, &core_doc_type, &core_note_type};

static void
setup(void)
{
    static const char *const data[3] = {thing_data, doc_data, note_data};
    size_t i;

    for (i = 0; i < 3; i++) {
        data_of[i] = json_tokener_parse(data[i]);
        if (data_of[i] == NULL ||
            sst_resource_new(script_types[i], data_of[i], ids_of[i], &clock_,
                             NULL, &existing[i], NULL) != SST_OK)
            abort();
    }
}

static enum sst_code
keep_odd(const struct sst_type *t, const struct json_object *res, void *ud,
         bool *keep, struct sst_err *err)
{
    unsigned *n = ud;
    (void)t, (void)res, (void)err;
    *keep = (++*n & 1) != 0;
    return SST_OK;
}

static enum sst_code
count_pages(const struct sst_page *page, void *ud, bool *stop,
            struct sst_err *err)
{
    unsigned *n = ud;
    (void)err;
    check_page(SST_OK, page);
    *stop = ++*n >= 3;
    return SST_OK;
}

/* The queries: a filtered query on gsi1, the next page from its key, the
 * updated_at listing of a versioned type, and the exhausting iterator. */
static void
run_queries(struct sst_memory *m)
{
    struct sst_query q;
    struct sst_page *page = (struct sst_page *)&page;
    struct sst_exprb *b = sst_exprb_new();
    struct sst_err e;
    char *next = NULL;
    unsigned n = 0;
    enum sst_code rc;

    if (b == NULL)
        abort();
    sst_query_init(&q);
    q.type = &core_thing_type;
    q.index_name = "gsi1";
    q.b = b;
    q.key_condition = sst_exprb_eq(b, sst_exprb_path(b, "gsi1pk"),
                                   sst_exprb_str(b, "flag#False"));
    q.filter = sst_exprb_gt(b, sst_exprb_path(b, "count"),
                            sst_exprb_int(b, 1));
    q.filter_fn = keep_odd;
    q.filter_ud = &n;
    q.results_limit = 3;
    q.max_api_calls = 3;
    sst_err_clear(&e);
    begin();
    rc = sst_memory_query(m, &q, &page, &e);
    check_page(rc, page);
    if (rc == SST_OK && page->next_pagination_key != NULL)
        next = strdup(page->next_pagination_key);
    sst_page_free(rc == SST_OK ? page : NULL);
    end(rc, &e);
    if (next != NULL) {
        q.pagination_key = next;
        page = (struct sst_page *)&page;
        sst_err_clear(&e);
        begin();
        rc = sst_memory_query(m, &q, &page, &e);
        check_page(rc, page);
        sst_page_free(rc == SST_OK ? page : NULL);
        end(rc, &e);
        free(next);
        q.pagination_key = NULL;
    }
    sst_err_clear(&e);
    begin();
    n = 0;
    rc = sst_memory_query_all(m, &q, count_pages, &n, &e);
    end(rc, &e);
    sst_exprb_free(b);

    sst_query_init(&q);
    q.results_limit = 2;
    q.max_api_calls = 2;
    page = (struct sst_page *)&page;
    sst_err_clear(&e);
    begin();
    rc = sst_memory_list_by_updated_at(m, &core_doc_type, &q, &page, &e);
    check_page(rc, page);
    sst_page_free(rc == SST_OK ? page : NULL);
    end(rc, &e);
}

#define OUT_CALL(call, want, may_null)                                     \
    do {                                                                   \
        out = (json_object *)&out;                                         \
        sst_err_clear(&e);                                                 \
        begin();                                                           \
        rc = (call);                                                       \
        check_out(rc, out, want, may_null);                                \
        json_object_put(rc == SST_OK ? out : NULL);                        \
        end(rc, &e);                                                       \
    } while (0)

#define CALL(call)                                                         \
    do {                                                                   \
        sst_err_clear(&e);                                                 \
        begin();                                                           \
        rc = (call);                                                       \
        end(rc, &e);                                                       \
    } while (0)

static void
run_script(struct sst_memory *m)
{
    static const char *const ids[] = {"t-1", "t-2", "t-1"};
    static const char *const clear[] = {"opt", NULL};
    const struct sst_type *thing = &core_thing_type, *doc = &core_doc_type;
    const struct sst_type *note = &core_note_type;
    json_object *out, *upd = json_tokener_parse("{\"name\":\"u\"}");
    json_object *dupd = json_tokener_parse("{\"title\":\"U\"}");
    struct sst_memory_cond cond;
    struct sst_err e;
    enum sst_code rc;
    int64_t value;
    size_t i;

    if (upd == NULL || dupd == NULL)
        abort();
    for (i = 0; i < 3; i++)
        OUT_CALL(sst_memory_create(m, script_types[i], data_of[i],
                                   ids_of[i], &out, &e),
                 json_type_object, false);
    OUT_CALL(sst_memory_get(m, thing, "t-1", 0, false, &out, &e),
             json_type_object, true);
    OUT_CALL(sst_memory_get(m, doc, "d-1", 0, true, &out, &e),
             json_type_object, true);
    OUT_CALL(sst_memory_read(m, doc, "d-1", 2, true, &out, &e),
             json_type_object, false);
    OUT_CALL(sst_memory_read(m, note, "n-1", 0, false, &out, &e),
             json_type_object, false);
    OUT_CALL(sst_memory_batch_get(m, thing, ids, 3, false, &out, &e),
             json_type_object, false);
    OUT_CALL(sst_memory_batch_get(m, doc, ids + 1, 1, true, &out, &e),
             json_type_object, false);
    OUT_CALL(sst_memory_update(m, thing, existing[0], upd, clear, NULL, &out,
                               &e),
             json_type_object, false);
    for (i = 0; i < 3; i++) {
        cond.b = sst_exprb_new();
        if (cond.b == NULL)
            abort();
        cond.cond = sst_exprb_exists(cond.b, sst_exprb_path(cond.b, "name"));
        OUT_CALL(sst_memory_update(m, script_types[i], existing[i],
                                   i == 1 ? dupd : i == 0 ? upd : NULL, NULL,
                                   &cond, &out, &e),
                 json_type_object, false);
        sst_exprb_free(cond.b);
    }
    OUT_CALL(sst_memory_update(m, doc, existing[1], dupd, NULL, NULL, &out,
                               &e),
             json_type_object, false);
    OUT_CALL(sst_memory_update(m, note, existing[2], NULL, NULL, NULL, &out,
                               &e),
             json_type_object, false);
    OUT_CALL(sst_memory_get_all_versions(m, doc, "d-1", &out, &e),
             json_type_array, false);
    OUT_CALL(sst_memory_get_all_versions(m, note, "n-1", &out, &e),
             json_type_array, false);
    OUT_CALL(sst_memory_restore_version(m, doc, "d-1", 1, &out, &e),
             json_type_object, false);
    OUT_CALL(sst_memory_restore_version(m, note, "n-1", 2, &out, &e),
             json_type_object, false);
    CALL(sst_memory_increment(m, thing, existing[0], "count", 2, &value, &e));
    CALL(sst_memory_increment(m, thing, existing[0], "meta.x", -1, &value,
                              &e));
    CALL(sst_memory_add_to_set(m, thing, existing[0], "tags", "blue", &e));
    CALL(sst_memory_remove_from_set(m, thing, existing[0], "tags", "red",
                                    &e));
    OUT_CALL(sst_memory_get_stats(m, &out, &e), json_type_object, false);
    run_queries(m);
    for (i = 0; i < 3; i++)
        CALL(sst_memory_delete(m, script_types[i], existing[i], &e));
    CALL(sst_memory_delete_all_versions(m, doc, "d-1", &e));
    CALL(sst_memory_delete_all_versions(m, note, "n-1", &e));
    json_object_put(upd);
    json_object_put(dupd);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool ready;
    struct sst_memory_opts o;
    struct sst_memory *m = NULL;
    long live;

    if (!ready) {
        setup();
        ready = true;
    }
    live = sst_mem_live_count();
    sst_memory_opts_init(&o, "tbl");
    o.clock = &clock_;
    o.random = &random_;
    if (sst_memory_open(&fake.base, &o, &m, NULL) != SST_OK)
        abort();
    /* The handle makes its gzip compressor at the first compressed row
     * and keeps it until closed: make it now, with no answer given, so
     * that the per-operation counts start from it. */
    fake.p = fake.end = NULL;
    if (sst_memory_create(m, &core_doc_type, data_of[1], "d-1", NULL,
                          NULL) != SST_E_TRANSPORT)
        abort();
    fake.p = (const char *)data;
    fake.end = (const char *)data + size;
    run_script(m);
    sst_memory_close(m);
    if (sst_mem_live_count() != live)
        abort();
    return 0;
}

#ifdef SST_FUZZ_RECORD
/*
 * Built with -DSST_FUZZ_RECORD and without libFuzzer's main, the target
 * records seeds: the script runs RUNS times (argv[1], default 1) on one
 * emu::memory: table and every answer is printed, one line each (see
 * docs/development.md, fuzzing).
 */
int
main(int argc, char **argv)
{
    struct sst_memory_opts o;
    struct sst_memory *m = NULL;
    int i, runs = argc > 1 ? atoi(argv[1]) : 1;

    setup();
    sst_memory_opts_init(&o, "tbl");
    o.clock = &clock_;
    o.random = &random_;
    if (sst_backend_open("emu::memory:", &fake.real, NULL) != SST_OK ||
        sst_memory_open(fake.real, &o, &m, NULL) != SST_OK ||
        sst_memory_create_standard_table(m, NULL) != SST_OK)
        return 1;
    sst_memory_close(m);
    if (sst_memory_open(&fake.base, &o, &m, NULL) != SST_OK)
        return 1;
    for (i = 0; i < runs; i++)
        run_script(m);
    sst_memory_close(m);
    sst_backend_close(fake.real);
    return 0;
}
#endif
