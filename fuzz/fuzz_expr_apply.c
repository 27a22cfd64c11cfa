/*
 * fuzz/fuzz_expr_apply.c - libFuzzer target for the update applier
 * (emu/expr/update.c) behind the request-level validation
 * (emu/expr/request.c, resolve.c).
 *
 * Input: a small JSON envelope
 *   {"u": UpdateExpression, "c": ConditionExpression,
 *    "n": ExpressionAttributeNames, "v": ExpressionAttributeValues,
 *    "i": the stored item}
 * run as an UpdateItem on a table keyed pk (S): condition, key check,
 * apply (from the key {"pk": "k"} when there is no item), and every
 * ReturnValues.
 *
 * Invariants besides memory safety and no leaks: the new item is a valid
 * item (it encodes, decodes back equal, keeps the key, fits the 400 KB
 * and 32-level limits); failures are ValidationException or
 * SerializationException with a message.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/sst.h>

#include "emu/expr/eval.h"
#include "fuzz/expr_fuzz.h"
#include "emu/expr/request.h"
#include "emu/expr/update.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct sst_emu_key_name keys[] = {{"pk", 2}};

static unsigned
depth(const struct sst_av *v)
{
    unsigned d = 0, k;
    size_t i;

    if (v->type == SST_AV_M)
        for (i = 0; i < v->u.map.len; i++)
            d = (k = depth(v->u.map.v[i].value)) > d ? k : d;
    else if (v->type == SST_AV_L)
        for (i = 0; i < v->u.list.len; i++)
            d = (k = depth(v->u.list.v[i])) > d ? k : d;
    else
        return 0;
    return d + 1;
}

static void
check_item(const struct sst_av *item, const struct sst_av *key)
{
    struct json_object *j = NULL;
    struct sst_av *back = NULL;
    const struct sst_av *pk;

    if (item->type != SST_AV_M || depth(item) > SST_AV_MAX_NESTING ||
        sst_av_item_size(item) > SST_AV_MAX_ITEM_BYTES)
        abort();
    if (sst_av_encode_item(item, &j, NULL) != SST_OK)
        abort();
    if (sst_av_decode_item(j, &back, NULL) != SST_OK ||
        !sst_av_equal(item, back))
        abort();
    pk = sst_av_map_get(item, "pk", 2);
    if (pk == NULL || !sst_av_equal(pk, sst_av_map_get(key, "pk", 2)))
        abort();
    sst_av_free(back);
    json_object_put(j);
}

/* The stored item, with the key forced to pk "k". */
static struct sst_av *
stored_item(const struct json_object *ji, struct sst_av *key)
{
    struct sst_av *item = NULL, *pk;
    size_t i;

    if (ji == NULL || sst_av_decode_item(ji, &item, NULL) != SST_OK)
        return NULL;
    for (i = 0; i < item->u.map.len; i++)
        if (item->u.map.v[i].name.len == 2 &&
            memcmp(item->u.map.v[i].name.ptr, "pk", 2) == 0) {
            if (sst_av_dup(sst_av_map_get(key, "pk", 2), &pk, NULL) != SST_OK) {
                sst_av_free(item);
                return NULL;
            }
            sst_av_free(item->u.map.v[i].value);
            item->u.map.v[i].value = pk;
            return item;
        }
    sst_av_free(item); /* no key: as if there were no item */
    return NULL;
}

static void
run(const struct json_object *env, const struct sst_av *item,
    const struct sst_av *key)
{
    struct sst_emu_expr_request r;
    struct sst_emu_exprs x;
    struct sst_av *next = NULL, *attrs = NULL;
    struct sst_err err;
    enum sst_code rc;
    bool ok = true;
    int rv;

    memset(&r, 0, sizeof r);
    r.op = SST_EMU_REQ_UPDATE_ITEM;
    expr_fuzz_text(env, "u", &r.update);
    expr_fuzz_text(env, "c", &r.condition);
    rc = expr_fuzz_prepare(env, &r, &x, &err);
    rc = expr_fuzz_condition(rc, &x, keys, 1, item, &ok, &err);
    if (rc == SST_OK && ok && x.update.ast != NULL) {
        rc = sst_emu_update_check_keys(&x.update, keys, 1, &err);
        if (rc == SST_OK)
            rc = sst_emu_expr_check_nested_keys(&x.update, &x.bindings, keys, 1,
                                                &err);
        if (rc == SST_OK)
            rc = sst_emu_update_apply(&x.update, &x.bindings, item ? item : key,
                                      &next, &err);
        expr_fuzz_check_failure(rc, &err);
        if (rc == SST_OK) {
            check_item(next, key);
            for (rv = SST_EMU_RV_NONE; rv <= SST_EMU_RV_UPDATED_NEW; rv++) {
                rc = sst_emu_update_return_values(
                    &x.update, (enum sst_emu_return_values)rv, item, next,
                    &attrs, &err);
                if (rc != SST_OK && rc != SST_E_NOMEM)
                    abort();
                sst_av_free(attrs);
                attrs = NULL;
            }
        }
    }
    sst_av_free(next);
    sst_emu_exprs_cleanup(&x);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct json_object *env, *jk;
    struct sst_av *item, *key = NULL;

    env = expr_fuzz_envelope(data, size);
    if (env == NULL)
        return 0;
    jk = json_tokener_parse("{\"pk\": {\"S\": \"k\"}}");
    if (jk == NULL || sst_av_decode_item(jk, &key, NULL) != SST_OK)
        abort();
    json_object_put(jk);
    item = stored_item(expr_fuzz_member(env, "i"), key);
    run(env, item, key);
    sst_av_free(item);
    sst_av_free(key);
    json_object_put(env);
    if (sst_mem_live_count() != 0)
        abort();
    return 0;
}
