/*
 * emu/ops/exprs.c - the seam with the expression engine (see exprs.h).
 */
#include <stdio.h>
#include <string.h>

#include "emu/ops/common.h"
#include "emu/ops/exprs.h"

#define MSG_MIXED                                                              \
    "Can not use both expression and non-expression parameters in the same "  \
    "request: Non-expression parameters: {%s} Expression parameters: {%s}"
#define MSG_NAMES_UNUSED                                                       \
    "ExpressionAttributeNames can only be specified when using expressions"
#define MSG_VALUES_UNUSED                                                      \
    "ExpressionAttributeValues can only be specified when using "             \
    "expressions: %s"
#define MSG_OPERATOR_ALONE                                                     \
    "ConditionalOperator cannot be used without Filter or Expected"
#define MSG_OPERATOR_ONE                                                       \
    "ConditionalOperator can only be used when Filter or Expected has two "   \
    "or more elements"
#define MSG_NOT_YET "%s is not supported by the emulator yet"

#define LIST_MAX 160

/* Whether a parameter counts as given: present and not null, and for a
 * map or a list not empty (DynamoDB ignores an empty Expected). */
static bool
given(const struct json_object *req, const char *name)
{
    struct json_object *v = sst_emu_get(req, name);

    if (v == NULL)
        return false;
    if (json_object_is_type(v, json_type_object))
        return json_object_object_length(v) > 0;
    if (json_object_is_type(v, json_type_array))
        return json_object_array_length(v) > 0;
    return true;
}

/* The given parameters of a list, joined with ", "; returns how many. */
static size_t
join_given(const struct json_object *req, const char *const *names,
           char *out, size_t cap)
{
    size_t n = 0, used = 0;

    out[0] = '\0';
    for (; names != NULL && *names != NULL; names++) {
        if (!given(req, *names))
            continue;
        used += (size_t)snprintf(out + used, used < cap ? cap - used : 0,
                                 "%s%s", n ? ", " : "", *names);
        if (used >= cap)
            used = cap - 1;
        n++;
    }
    return n;
}

static size_t
map_len(const struct json_object *req, const char *name)
{
    struct json_object *v = sst_emu_get(req, name);

    return v != NULL && json_object_is_type(v, json_type_object)
               ? (size_t)json_object_object_length(v)
               : 0;
}

enum sst_code
sst_emu_op_exprs_prepare(const struct json_object *req,
                      const struct sst_emu_expr_spec *spec,
                      struct sst_emu_op_exprs *x, struct sst_err *err)
{
    char legacy[LIST_MAX], exprs[LIST_MAX], users[LIST_MAX];
    size_t nl, ne;

    nl = join_given(req, spec->legacy, legacy, sizeof legacy);
    ne = join_given(req, spec->expressions, exprs, sizeof exprs);
    if (nl > 0 && ne > 0)
        return sst_err_set(err, SST_E_VALIDATION, MSG_MIXED, legacy, exprs);
    if (ne == 0 && map_len(req, "ExpressionAttributeNames") > 0)
        return sst_err_set(err, SST_E_VALIDATION, MSG_NAMES_UNUSED);
    if (spec->value_users != NULL &&
        join_given(req, spec->value_users, users, sizeof users) == 0 &&
        map_len(req, "ExpressionAttributeValues") > 0)
        return sst_err_set(err, SST_E_VALIDATION, MSG_VALUES_UNUSED,
                           spec->values_null_msg);
    /* The expression engine's part: parse, resolve and keep what the
     * operation will evaluate. Not linked yet: remember what is asked. */
    x->pending[0] = '\0';
    if (ne > 0)
        snprintf(x->pending, sizeof x->pending, "%s", exprs);
    else if (spec->condition != NULL && given(req, spec->condition))
        snprintf(x->pending, sizeof x->pending, "%s", spec->condition);
    return SST_OK;
}

enum sst_code
sst_emu_op_exprs_ready(const struct sst_emu_op_exprs *x, struct sst_err *err)
{
    if (x->pending[0] == '\0')
        return SST_OK;
    return sst_err_set(err, SST_E_VALIDATION, MSG_NOT_YET, x->pending);
}

enum sst_code
sst_emu_op_exprs_operator(const struct json_object *req,
                       const struct sst_emu_expr_spec *spec,
                       struct sst_err *err)
{
    size_t n;

    if (sst_emu_get(req, "ConditionalOperator") == NULL)
        return SST_OK;
    n = spec->condition ? map_len(req, spec->condition) : 0;
    if (n == 0)
        return sst_err_set(err, SST_E_VALIDATION, MSG_OPERATOR_ALONE);
    if (n == 1)
        return sst_err_set(err, SST_E_VALIDATION, MSG_OPERATOR_ONE);
    return SST_OK;
}
