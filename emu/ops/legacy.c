/*
 * emu/ops/legacy.c - the legacy parameters of a request, as expressions
 * (see legacy.h): the placeholder maps and the key-condition text the
 * translators write (legacy_int.h), and the request-level driver that
 * hands their trees and text to the engine.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <sst/mem.h>

#include "emu/ops/common.h"
#include "emu/ops/legacy.h"
#include "emu/ops/legacy_int.h"

/* Past the text cap, which KeyConditions' text (the only text written:
 * two entries over placeholders) never reaches. */
#define MSG_TOO_LONG                                                           \
    "Invalid KeyConditionExpression: Expression size has exceeded the "       \
    "maximum allowed size;"
#define MSG_OPERATOR_ENUM                                                      \
    "1 validation error detected: Value '%s' at 'conditionalOperator' "       \
    "failed to satisfy constraint: Member must satisfy enum value set: "      \
    "[AND, OR]"

/* ------------------------------------------------------------------ */
/* text and placeholders                                               */

enum sst_code
sst_emu_legacy_append(struct sst_emu_legacy_text *t, struct sst_err *err,
                      const char *fmt, ...)
{
    va_list ap;
    int n;

    for (;;) {
        va_start(ap, fmt);
        n = vsnprintf(t->s ? t->s + t->len : NULL, t->s ? t->cap - t->len : 0,
                      fmt, ap);
        va_end(ap);
        if (n < 0)
            return sst_err_set(err, SST_E_INTERNAL, "vsnprintf failed");
        if (t->s != NULL && t->len + (size_t)n < t->cap) {
            t->len += (size_t)n;
            return SST_OK;
        }
        if (t->len + (size_t)n + 1 > SST_EMU_LEGACY_TEXT_MAX)
            return sst_err_set(err, SST_E_VALIDATION, MSG_TOO_LONG);
        {
            size_t cap = t->cap ? t->cap : 128;
            char *s;

            while (cap < t->len + (size_t)n + 1)
                cap *= 2;
            s = sst_realloc(t->s, cap);
            if (s == NULL)
                return sst_emu_nomem(err);
            if (t->s == NULL)
                s[0] = '\0';
            t->s = s;
            t->cap = cap;
        }
    }
}

void
sst_emu_legacy_text_cleanup(struct sst_emu_legacy_text *t)
{
    sst_free(t->s);
    memset(t, 0, sizeof *t);
}

enum sst_code
sst_emu_legacy_name(struct sst_emu_legacy_maps *m, const char *name,
                    struct sst_emu_legacy_ph *out, struct sst_err *err)
{
    struct json_object *s;

    if (m->names == NULL && (m->names = json_object_new_object()) == NULL)
        return sst_emu_nomem(err);
    do /* past the request's own placeholders */
        snprintf(out->s, sizeof out->s, "#n%u", m->nnames++);
    while (json_object_object_get_ex(m->names, out->s, NULL));
    s = json_object_new_string(name);
    if (s == NULL || json_object_object_add(m->names, out->s, s) != 0) {
        json_object_put(s);
        return sst_emu_nomem(err);
    }
    return SST_OK;
}

enum sst_code
sst_emu_legacy_value(struct sst_emu_legacy_maps *m, struct json_object *v,
                     struct sst_emu_legacy_ph *out, struct sst_err *err)
{
    if (m->values == NULL && (m->values = json_object_new_object()) == NULL)
        return sst_emu_nomem(err);
    do
        snprintf(out->s, sizeof out->s, ":v%u", m->nvalues++);
    while (json_object_object_get_ex(m->values, out->s, NULL));
    if (json_object_object_add(m->values, out->s, json_object_get(v)) != 0) {
        json_object_put(v);
        return sst_emu_nomem(err);
    }
    return SST_OK;
}

enum sst_code
sst_emu_legacy_decode(const struct json_object *j, struct sst_av **out,
                      struct sst_err *err)
{
    return sst_av_decode_field(j, out, err);
}

/* ------------------------------------------------------------------ */
/* the request                                                         */

/* Whether a member is given: present, not null, and not an empty map. */
static const struct json_object *
nonempty_map(const struct json_object *req, const char *name)
{
    struct json_object *v = sst_emu_get(req, name);

    if (v == NULL || !json_object_is_type(v, json_type_object) ||
        json_object_object_length(v) == 0)
        return NULL;
    return v;
}

/* The condition map op takes, by DynamoDB's name. */
static const char *
condition_of(enum sst_emu_request_op op)
{
    switch (op) {
    case SST_EMU_REQ_PUT_ITEM:
    case SST_EMU_REQ_DELETE_ITEM:
    case SST_EMU_REQ_UPDATE_ITEM:
        return "Expected";
    case SST_EMU_REQ_QUERY:
        return "QueryFilter";
    case SST_EMU_REQ_SCAN:
        return "ScanFilter";
    default:
        return NULL;
    }
}

bool
sst_emu_legacy_given(const struct json_object *req, enum sst_emu_request_op op)
{
    const char *cond = condition_of(op);

    if (cond != NULL && nonempty_map(req, cond) != NULL)
        return true;
    if (op == SST_EMU_REQ_QUERY && sst_emu_get(req, "KeyConditions") != NULL &&
        sst_emu_get(req, "KeyConditionExpression") == NULL)
        return true;
    return op == SST_EMU_REQ_UPDATE_ITEM &&
           nonempty_map(req, "AttributeUpdates") != NULL;
}

/* ConditionalOperator: AND (absent) or OR, AWS's enum message otherwise
 * (DynamoDB Local answers HTTP 500). */
static enum sst_code
conditional_or(const struct json_object *req, bool *or_, struct sst_err *err)
{
    const char *s = sst_emu_get_string(req, "ConditionalOperator");

    *or_ = false;
    if (s == NULL || strcmp(s, "AND") == 0)
        return SST_OK;
    if (strcmp(s, "OR") == 0) {
        *or_ = true;
        return SST_OK;
    }
    return sst_err_set(err, SST_E_VALIDATION, MSG_OPERATOR_ENUM, s);
}

struct translation {
    struct sst_emu_legacy_maps m;
    struct sst_emu_ast *cond, *filter, *update; /* in the set's arena */
    struct sst_emu_legacy_text key;
    struct sst_emu_expr_text own_filter, own_projection;
};

static void
translation_cleanup(struct translation *tr)
{
    json_object_put(tr->m.names);
    json_object_put(tr->m.values);
    sst_emu_legacy_text_cleanup(&tr->key);
}

/* A copy of the request's placeholder map (its values referenced). */
static enum sst_code
copy_map(const struct json_object *from, struct json_object **to,
         struct sst_err *err)
{
    if (from == NULL || !json_object_is_type(from, json_type_object))
        return SST_OK;
    if ((*to = json_object_new_object()) == NULL)
        return sst_emu_nomem(err);
    json_object_object_foreach((struct json_object *)from, k, v)
    {
        if (json_object_object_add(*to, k, json_object_get(v)) != 0) {
            json_object_put(v);
            return sst_emu_nomem(err);
        }
    }
    return SST_OK;
}

/* A Query's FilterExpression and ProjectionExpression, which DynamoDB
 * takes with KeyConditions: the translation joins them, with the
 * request's placeholders. */
static enum sst_code
own_expressions(struct translation *tr, const struct json_object *req,
                struct sst_err *err)
{
    const char *fe = sst_emu_get_string(req, "FilterExpression");
    const char *pe = sst_emu_get_string(req, "ProjectionExpression");
    enum sst_code rc;

    if (fe == NULL && pe == NULL)
        return SST_OK;
    rc = copy_map(sst_emu_get(req, "ExpressionAttributeNames"), &tr->m.names,
                  err);
    if (rc == SST_OK)
        rc = copy_map(sst_emu_get(req, "ExpressionAttributeValues"),
                      &tr->m.values, err);
    if (fe != NULL) {
        tr->own_filter.s = fe;
        tr->own_filter.len = strlen(fe);
    }
    if (pe != NULL) {
        tr->own_projection.s = pe;
        tr->own_projection.len = strlen(pe);
    }
    return rc;
}

/* Validate and translate each legacy parameter of req: the conditions
 * and the updates into trees in a, KeyConditions into text. */
static enum sst_code
translate(struct translation *tr, struct sst_emu_arena *a,
          enum sst_emu_request_op op, const struct json_object *req,
          struct sst_err *err)
{
    const struct json_object *map;
    const char *cond = condition_of(op);
    bool filter = op == SST_EMU_REQ_QUERY || op == SST_EMU_REQ_SCAN;
    enum sst_code rc = SST_OK;
    bool or_ = false, written = false;

    if (cond != NULL && (map = nonempty_map(req, cond)) != NULL) {
        rc = conditional_or(req, &or_, err);
        if (rc == SST_OK)
            rc = sst_emu_legacy_conditions(
                &tr->m, a, map,
                filter ? SST_EMU_LEGACY_FILTER : SST_EMU_LEGACY_EXPECTED, or_,
                filter ? &tr->filter : &tr->cond, err);
    }
    if (rc == SST_OK && op == SST_EMU_REQ_QUERY &&
        (map = nonempty_map(req, "KeyConditions")) != NULL)
        rc = sst_emu_legacy_key_conditions(&tr->m, map, &tr->key, &written,
                                           err);
    if (rc == SST_OK && op == SST_EMU_REQ_UPDATE_ITEM &&
        (map = nonempty_map(req, "AttributeUpdates")) != NULL)
        rc = sst_emu_legacy_updates(&tr->m, a, map, &tr->update, err);
    return rc;
}

/* Resolve one text, when there is one, into e. */
static enum sst_code
resolve(struct sst_emu_exprs *x, const char *s, size_t len,
        enum sst_emu_expr_kind kind, struct sst_emu_expr *e,
        struct sst_err *err)
{
    if (s == NULL || len == 0)
        return SST_OK;
    return sst_emu_expr_resolve(&x->arena, &x->bindings, s, len, kind, e,
                                err);
}

enum sst_code
sst_emu_legacy_prepare(struct sst_emu_exprs *x, enum sst_emu_request_op op,
                       const struct json_object *req, struct sst_err *err)
{
    struct translation tr;
    enum sst_code rc = SST_OK;
    bool own;

    memset(&tr, 0, sizeof tr);
    if (op == SST_EMU_REQ_QUERY)
        rc = own_expressions(&tr, req, err);
    own = tr.own_filter.s != NULL || tr.own_projection.s != NULL;
    if (rc == SST_OK)
        rc = translate(&tr, &x->arena, op, req, err);
    /* the engine's order (request.h): the maps, then each expression */
    if (rc == SST_OK && (tr.m.names != NULL || tr.m.values != NULL))
        rc = sst_emu_bindings_load(&x->bindings, tr.m.names, tr.m.values,
                                   SST_EMU_BIND_NAMES | SST_EMU_BIND_VALUES,
                                   err);
    if (rc == SST_OK && tr.update != NULL)
        rc = sst_emu_expr_resolve_update_tree(&x->arena, &x->bindings,
                                              tr.update, &x->update, err);
    if (rc == SST_OK)
        rc = resolve(x, tr.own_filter.s, tr.own_filter.len,
                     SST_EMU_EXPR_FILTER, &x->filter, err);
    if (rc == SST_OK)
        rc = resolve(x, tr.own_projection.s, tr.own_projection.len,
                     SST_EMU_EXPR_PROJECTION, &x->projection, err);
    if (rc == SST_OK)
        rc = resolve(x, tr.key.s, tr.key.len, SST_EMU_EXPR_KEY_CONDITION,
                     &x->key_condition, err);
    /* the request's own placeholders must all be used; the translation's
     * are, by construction */
    if (rc == SST_OK && own)
        rc = sst_emu_bindings_check_unused(&x->bindings, err);
    if (rc == SST_OK && tr.cond != NULL) {
        x->condition.kind = SST_EMU_EXPR_CONDITION;
        x->condition.ast = tr.cond;
    }
    if (rc == SST_OK && tr.filter != NULL) {
        x->filter.kind = SST_EMU_EXPR_FILTER;
        x->filter.ast = tr.filter;
    }
    translation_cleanup(&tr);
    return rc;
}
