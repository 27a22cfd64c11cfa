/*
 * emu/expr/request.c - the expressions of one request, in DynamoDB's
 * order (see request.h).
 *
 * The order and the messages were read off DynamoDB Local's answers
 * (docs/notes-semantics.md, "Order of validation").
 */
#include <string.h>

#include "emu/expr/request.h"

#define M_NAMES_WITHOUT                                                        \
    "ExpressionAttributeNames can only be specified when using expressions"
#define M_VALUES_WITHOUT                                                       \
    "ExpressionAttributeValues can only be specified when using expressions: "

void
sst_emu_exprs_init(struct sst_emu_exprs *x)
{
    /* no memset of the whole struct: the arenas' inline blocks need none */
    sst_emu_arena_init(&x->arena);
    sst_emu_bindings_init(&x->bindings);
    memset(&x->condition, 0, sizeof x->condition);
    memset(&x->update, 0, sizeof x->update);
    memset(&x->key_condition, 0, sizeof x->key_condition);
    memset(&x->filter, 0, sizeof x->filter);
    memset(&x->projection, 0, sizeof x->projection);
}

void
sst_emu_exprs_cleanup(struct sst_emu_exprs *x)
{
    if (x == NULL)
        return;
    sst_emu_bindings_cleanup(&x->bindings);
    sst_emu_arena_cleanup(&x->arena);
    memset(&x->condition, 0, sizeof x->condition);
    memset(&x->update, 0, sizeof x->update);
    memset(&x->key_condition, 0, sizeof x->key_condition);
    memset(&x->filter, 0, sizeof x->filter);
    memset(&x->projection, 0, sizeof x->projection);
}

static bool
given(const struct sst_emu_expr_text *t)
{
    return t->s != NULL;
}

static bool
map_nonempty(const struct json_object *j)
{
    return j != NULL && json_object_is_type(j, json_type_object) &&
           json_object_object_length(j) > 0;
}

/* Step 1: placeholder maps without the expressions that use them. */
static enum sst_code
check_maps_used(const struct sst_emu_expr_request *r, struct sst_err *err)
{
    bool any = given(&r->condition) || given(&r->update) ||
               given(&r->key_condition) || given(&r->filter) ||
               given(&r->projection);
    const char *why = NULL;

    if (!any && map_nonempty(r->names))
        return sst_err_set(err, SST_E_VALIDATION, M_NAMES_WITHOUT);
    if (!map_nonempty(r->values))
        return SST_OK;
    switch (r->op) {
    case SST_EMU_REQ_PUT_ITEM:
    case SST_EMU_REQ_DELETE_ITEM:
        if (!given(&r->condition))
            why = "ConditionExpression is null";
        break;
    case SST_EMU_REQ_UPDATE_ITEM:
        if (!given(&r->condition) && !given(&r->update))
            why = "UpdateExpression and ConditionExpression are null";
        break;
    case SST_EMU_REQ_QUERY:
        if (!given(&r->filter) && !given(&r->key_condition))
            why = "FilterExpression and KeyConditionExpression are null";
        break;
    case SST_EMU_REQ_SCAN:
        /* Scan also takes an empty FilterExpression for none */
        if (!given(&r->filter) || r->filter.len == 0)
            why = "FilterExpression is null";
        break;
    default: /* GetItem ignores ExpressionAttributeValues */
        break;
    }
    if (why != NULL)
        return sst_err_set(err, SST_E_VALIDATION, M_VALUES_WITHOUT "%s", why);
    return SST_OK;
}

static enum sst_code
resolve_one(struct sst_emu_exprs *x, const struct sst_emu_expr_text *t,
            enum sst_emu_expr_kind kind, struct sst_emu_expr *out,
            struct sst_err *err)
{
    out->kind = kind;
    if (!given(t))
        return SST_OK;
    return sst_emu_expr_resolve(&x->arena, &x->bindings, t->s, t->len, kind,
                                out, err);
}

enum sst_code
sst_emu_exprs_prepare(struct sst_emu_exprs *x,
                      const struct sst_emu_expr_request *r, struct sst_err *err)
{
    const struct json_object *values = r->values;
    enum sst_code rc;
    bool any;

    if (x == NULL || r == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "sst_emu_exprs_prepare: bad argument");
    rc = check_maps_used(r, err);
    if (rc != SST_OK)
        return rc;
    switch (r->op) {
    case SST_EMU_REQ_GET_ITEM:
        any = given(&r->projection);
        values = NULL;
        break;
    case SST_EMU_REQ_PUT_ITEM:
    case SST_EMU_REQ_DELETE_ITEM:
        any = given(&r->condition);
        break;
    case SST_EMU_REQ_UPDATE_ITEM:
        any = given(&r->condition) || given(&r->update);
        break;
    case SST_EMU_REQ_QUERY:
        any = given(&r->key_condition) || given(&r->filter) ||
              given(&r->projection);
        break;
    case SST_EMU_REQ_SCAN:
        any = given(&r->filter) || given(&r->projection);
        break;
    default:
        return sst_err_set(err, SST_E_INVALID_ARG, "unknown operation");
    }
    if (!any)
        return SST_OK;
    rc = sst_emu_bindings_load(&x->bindings, r->names, values,
                               SST_EMU_BIND_NAMES | SST_EMU_BIND_VALUES, err);
    if (rc != SST_OK)
        return rc;
    switch (r->op) {
    case SST_EMU_REQ_GET_ITEM:
        rc = resolve_one(x, &r->projection, SST_EMU_EXPR_PROJECTION,
                         &x->projection, err);
        break;
    case SST_EMU_REQ_PUT_ITEM:
    case SST_EMU_REQ_DELETE_ITEM:
        rc = resolve_one(x, &r->condition, SST_EMU_EXPR_CONDITION,
                         &x->condition, err);
        break;
    case SST_EMU_REQ_UPDATE_ITEM:
        rc = resolve_one(x, &r->update, SST_EMU_EXPR_UPDATE, &x->update, err);
        if (rc == SST_OK)
            rc = resolve_one(x, &r->condition, SST_EMU_EXPR_CONDITION,
                             &x->condition, err);
        break;
    default: /* Query, Scan */
        rc = resolve_one(x, &r->filter, SST_EMU_EXPR_FILTER, &x->filter, err);
        if (rc == SST_OK)
            rc = resolve_one(x, &r->projection, SST_EMU_EXPR_PROJECTION,
                             &x->projection, err);
        if (rc == SST_OK && r->op == SST_EMU_REQ_QUERY)
            rc = resolve_one(x, &r->key_condition, SST_EMU_EXPR_KEY_CONDITION,
                             &x->key_condition, err);
        break;
    }
    if (rc != SST_OK)
        return rc;
    return sst_emu_bindings_check_unused(&x->bindings, err);
}

/* One expression member of a request body. */
static enum sst_code
text_member(const struct json_object *body, const char *key,
            struct sst_emu_expr_text *t, struct sst_err *err)
{
    struct json_object *v;

    t->s = NULL;
    t->len = 0;
    if (!json_object_object_get_ex(body, key, &v) || v == NULL)
        return SST_OK;
    if (!json_object_is_type(v, json_type_string))
        return sst_err_set(
            err, SST_E_SERIALIZATION, "%s cannot be converted to String",
            json_object_is_type(v, json_type_int)      ? "NUMBER_VALUE"
            : json_object_is_type(v, json_type_double) ? "DECIMAL_VALUE"
            : json_object_is_type(v, json_type_boolean)
                ? (json_object_get_boolean(v) ? "TRUE_VALUE" : "FALSE_VALUE")
                : "VALUE");
    t->s = json_object_get_string(v);
    t->len = (size_t)json_object_get_string_len(v);
    return SST_OK;
}

static const struct json_object *
map_member(const struct json_object *body, const char *key)
{
    struct json_object *v;

    if (!json_object_object_get_ex(body, key, &v))
        return NULL;
    return v; /* NULL for a JSON null: absent */
}

enum sst_code
sst_emu_exprs_from_json(struct sst_emu_exprs *x, enum sst_emu_request_op op,
                        const struct json_object *body, struct sst_err *err)
{
    struct sst_emu_expr_request r;
    enum sst_code rc = SST_OK;

    if (body == NULL || !json_object_is_type(body, json_type_object))
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "request body is not an "
                           "object");
    memset(&r, 0, sizeof r);
    r.op = op;
    switch (op) {
    case SST_EMU_REQ_GET_ITEM:
        rc = text_member(body, "ProjectionExpression", &r.projection, err);
        break;
    case SST_EMU_REQ_PUT_ITEM:
    case SST_EMU_REQ_DELETE_ITEM:
        rc = text_member(body, "ConditionExpression", &r.condition, err);
        break;
    case SST_EMU_REQ_UPDATE_ITEM:
        rc = text_member(body, "UpdateExpression", &r.update, err);
        if (rc == SST_OK)
            rc = text_member(body, "ConditionExpression", &r.condition, err);
        break;
    case SST_EMU_REQ_QUERY:
        rc = text_member(body, "KeyConditionExpression", &r.key_condition, err);
        /* fall through */
    case SST_EMU_REQ_SCAN:
        if (rc == SST_OK)
            rc = text_member(body, "FilterExpression", &r.filter, err);
        if (rc == SST_OK)
            rc = text_member(body, "ProjectionExpression", &r.projection, err);
        break;
    default:
        return sst_err_set(err, SST_E_INVALID_ARG, "unknown operation");
    }
    if (rc != SST_OK)
        return rc;
    r.names = map_member(body, "ExpressionAttributeNames");
    r.values = map_member(body, "ExpressionAttributeValues");
    return sst_emu_exprs_prepare(x, &r, err);
}
