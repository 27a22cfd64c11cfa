/*
 * fuzz/fuzz_expr_eval.c - libFuzzer target for the read side of the
 * expression engine: placeholder maps, resolution, condition evaluation,
 * key-condition analysis and projection (emu/expr/request.c, resolve.c,
 * eval.c, keycond.c, project.c).
 *
 * Input: a small JSON envelope
 *   {"c": condition, "k": key condition, "f": filter, "p": projection,
 *    "n": ExpressionAttributeNames, "v": ExpressionAttributeValues,
 *    "i": item}
 * (every member optional). The condition runs as a DeleteItem's, the key
 * condition, filter and projection as a Query's on a table keyed pk (S),
 * sk (S), then each resolved expression is applied to the item.
 *
 * Invariants besides memory safety and no leaks: every failure is a
 * ValidationException or a SerializationException with a message;
 * evaluation of a resolved condition never fails; a projection is an
 * item that encodes and decodes back to itself.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/sst.h>

#include "emu/expr/eval.h"
#include "fuzz/expr_fuzz.h"
#include "emu/expr/keycond.h"
#include "emu/expr/project.h"
#include "emu/expr/request.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct sst_emu_key_schema schema = {"pk", 2, SST_AV_S,
                                                 "sk", 2, SST_AV_S};
static const struct sst_emu_key_name keys[] = {{"pk", 2}, {"sk", 2}};

static void
check_roundtrip(const struct sst_av *item)
{
    struct json_object *j = NULL;
    struct sst_av *back = NULL;

    if (sst_av_encode_item(item, &j, NULL) != SST_OK)
        abort();
    if (sst_av_decode_item(j, &back, NULL) != SST_OK ||
        !sst_av_equal(item, back))
        abort();
    sst_av_free(back);
    json_object_put(j);
}

static void
run(const struct json_object *env, const struct sst_av *item)
{
    struct sst_emu_expr_request r;
    struct sst_emu_key_condition kc;
    struct sst_emu_exprs x;
    struct sst_av *out = NULL;
    struct sst_err err;
    enum sst_code rc;
    bool ok;
    size_t i;

    /* the condition, as a DeleteItem's */
    memset(&r, 0, sizeof r);
    r.op = SST_EMU_REQ_DELETE_ITEM;
    expr_fuzz_text(env, "c", &r.condition);
    rc = expr_fuzz_prepare(env, &r, &x, &err);
    (void)expr_fuzz_condition(rc, &x, keys, 2, item, &ok, &err);
    sst_emu_exprs_cleanup(&x);

    /* key condition, filter and projection, as a Query's */
    memset(&r, 0, sizeof r);
    r.op = SST_EMU_REQ_QUERY;
    expr_fuzz_text(env, "k", &r.key_condition);
    expr_fuzz_text(env, "f", &r.filter);
    expr_fuzz_text(env, "p", &r.projection);
    rc = expr_fuzz_prepare(env, &r, &x, &err);
    for (i = 0; i < 3 && rc == SST_OK; i++)
        rc = sst_emu_expr_check_nested_keys(i == 0   ? &x.key_condition
                                            : i == 1 ? &x.filter
                                                     : &x.projection,
                                            &x.bindings, keys, 2, &err);
    if (rc == SST_OK && x.key_condition.ast != NULL) {
        rc = sst_emu_key_condition_analyze(&x.key_condition, &x.bindings,
                                           &schema, &kc, &err);
        expr_fuzz_check_failure(rc, &err);
        if (rc == SST_OK && item != NULL)
            (void)sst_emu_key_condition_match(&kc,
                                              sst_av_map_get(item, "sk", 2));
    }
    if (rc == SST_OK && x.filter.ast != NULL) {
        (void)sst_emu_filter_check_keys(&x.filter, &x.bindings, &schema, &err);
        if (sst_emu_expr_eval(&x.filter, &x.bindings, item, &ok, &err) !=
            SST_OK)
            abort();
    }
    if (rc == SST_OK && x.projection.ast != NULL && item != NULL) {
        rc = sst_emu_project(&x.projection, item, &out, &err);
        if (rc != SST_OK && rc != SST_E_NOMEM)
            abort();
        if (out != NULL)
            check_roundtrip(out);
        sst_av_free(out);
    }
    sst_emu_exprs_cleanup(&x);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct json_object *env;
    struct sst_av *item = NULL;
    const struct json_object *ji;

    env = expr_fuzz_envelope(data, size);
    if (env == NULL)
        return 0;
    ji = expr_fuzz_member(env, "i");
    if (ji != NULL && sst_av_decode_item(ji, &item, NULL) != SST_OK)
        item = NULL;
    run(env, item);
    sst_av_free(item);
    json_object_put(env);
    if (sst_mem_live_count() != 0)
        abort();
    return 0;
}
