/*
 * fuzz/expr_fuzz.c - the expression fuzz targets' shared checks and
 * envelope (fuzz/expr_fuzz.h).
 */
#include <stdlib.h>
#include <string.h>

#include "emu/expr/eval.h"
#include "emu/expr/parse.h"
#include "fuzz/expr_fuzz.h"

void
expr_fuzz_parse(const uint8_t *data, size_t size, enum sst_emu_expr_kind kind,
                const char *prefix, bool (*also_ok)(const char *message))
{
    struct sst_emu_arena a;
    struct sst_emu_ast *ast = NULL;
    struct sst_err err;
    enum sst_code rc;
    char text[64];

    sst_emu_arena_init(&a);
    rc = sst_emu_expr_parse(&a, (const char *)data, size, kind, &ast, &err);
    if (rc == SST_OK) {
        if (ast == NULL)
            abort();
        (void)sst_emu_ast_print(ast, text, sizeof text);
    } else if (rc == SST_E_VALIDATION) {
        if (ast != NULL || strcmp(err.type, "ValidationException") != 0)
            abort();
        if (strncmp(err.message, prefix, strlen(prefix)) != 0 &&
            (also_ok == NULL || !also_ok(err.message)))
            abort();
    } else {
        abort();
    }
    sst_emu_arena_cleanup(&a);
}

struct json_object *
expr_fuzz_envelope(const uint8_t *data, size_t size)
{
    struct json_tokener *tok = json_tokener_new_ex(80);
    struct json_object *env;

    if (tok == NULL)
        return NULL;
    env = json_tokener_parse_ex(tok, (const char *)data, (int)size);
    json_tokener_free(tok);
    if (env == NULL || !json_object_is_type(env, json_type_object)) {
        json_object_put(env);
        return NULL;
    }
    return env;
}

const struct json_object *
expr_fuzz_member(const struct json_object *o, const char *k)
{
    struct json_object *v;

    return json_object_object_get_ex(o, k, &v) ? v : NULL;
}

void
expr_fuzz_text(const struct json_object *o, const char *k,
               struct sst_emu_expr_text *t)
{
    const struct json_object *v = expr_fuzz_member(o, k);

    t->s = NULL;
    t->len = 0;
    if (v != NULL && json_object_is_type(v, json_type_string)) {
        t->s = json_object_get_string((struct json_object *)v);
        t->len = (size_t)json_object_get_string_len(v);
    }
}

void
expr_fuzz_check_failure(enum sst_code rc, const struct sst_err *err)
{
    if (rc == SST_OK || rc == SST_E_NOMEM)
        return;
    if ((rc != SST_E_VALIDATION && rc != SST_E_SERIALIZATION) ||
        err->message[0] == '\0')
        abort();
}

enum sst_code
expr_fuzz_prepare(const struct json_object *env, struct sst_emu_expr_request *r,
                  struct sst_emu_exprs *x, struct sst_err *err)
{
    enum sst_code rc;

    r->names = expr_fuzz_member(env, "n");
    r->values = expr_fuzz_member(env, "v");
    sst_emu_exprs_init(x);
    rc = sst_emu_exprs_prepare(x, r, err);
    expr_fuzz_check_failure(rc, err);
    return rc;
}

enum sst_code
expr_fuzz_condition(enum sst_code rc, struct sst_emu_exprs *x,
                    const struct sst_emu_key_name *keys, size_t nkeys,
                    const struct sst_av *item, bool *ok, struct sst_err *err)
{
    if (rc == SST_OK)
        rc = sst_emu_expr_check_nested_keys(&x->condition, &x->bindings, keys,
                                            nkeys, err);
    if (rc == SST_OK && x->condition.ast != NULL &&
        sst_emu_expr_eval(&x->condition, &x->bindings, item, ok, err) != SST_OK)
        abort();
    return rc;
}
