/*
 * emu/ops/exprs.c - the seam with the expression engine (see exprs.h).
 */
#include <stdio.h>
#include <string.h>

#include <sst/mem.h>

#include "emu/expr/eval.h"
#include "emu/expr/project.h"
#include "emu/expr/update.h"
#include "emu/ops/common.h"
#include "emu/ops/exprs.h"
#include "emu/ops/legacy.h"
#include "emu/store/item.h"
#include "emu/store/rows.h"

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
#define MSG_CONDITION_FAILED "The conditional request failed"

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

/* The given parameters of a list, joined with ", " into out unless out is
 * NULL (only counted: the text is for error messages); returns how many. */
static size_t
join_given(const struct json_object *req, const char *const *names,
           char *out, size_t cap)
{
    size_t n = 0, used = 0;

    if (out != NULL)
        out[0] = '\0';
    for (; names != NULL && *names != NULL; names++) {
        if (!given(req, *names))
            continue;
        /* DynamoDB: KeyConditions goes with a FilterExpression or a
         * ProjectionExpression; only KeyConditionExpression excludes it */
        if (strcmp(*names, "KeyConditions") == 0 &&
            !given(req, "KeyConditionExpression"))
            continue;
        if (out != NULL) {
            used += (size_t)snprintf(out + used, used < cap ? cap - used : 0,
                                     "%s%s", n ? ", " : "", *names);
            if (used >= cap)
                used = cap - 1;
        }
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
    char legacy[LIST_MAX], exprs[LIST_MAX];
    size_t nl, ne;

    nl = join_given(req, spec->legacy, NULL, 0);
    ne = join_given(req, spec->expressions, NULL, 0);
    if (nl > 0 && ne > 0) {
        join_given(req, spec->legacy, legacy, sizeof legacy);
        join_given(req, spec->expressions, exprs, sizeof exprs);
        return sst_err_set(err, SST_E_VALIDATION, MSG_MIXED, legacy, exprs);
    }
    if (ne == 0 && map_len(req, "ExpressionAttributeNames") > 0)
        return sst_err_set(err, SST_E_VALIDATION, MSG_NAMES_UNUSED);
    if (spec->value_users != NULL &&
        join_given(req, spec->value_users, NULL, 0) == 0 &&
        map_len(req, "ExpressionAttributeValues") > 0)
        return sst_err_set(err, SST_E_VALIDATION, MSG_VALUES_UNUSED,
                           spec->values_null_msg);
    /* The expression engine's part: parse, resolve and keep what the
     * operation will evaluate (sst_emu_op_exprs_parse()). */
    /* legacy parameters: translated into expressions (emu/ops/legacy.h),
     * first thing for Scan, at each operation's step for the others; only
     * for an operation that has them (not a transaction's actions) */
    if (spec->legacy != NULL &&
        sst_emu_legacy_given(req, spec->op)) {
        x->legacy = true;
        x->req = req;
        x->spec = spec;
    }
    if (ne > 0) {
        x->to_parse = true;
        return SST_OK;
    }
    if (x->legacy && spec->op == SST_EMU_REQ_SCAN)
        return sst_emu_op_exprs_legacy(x, err);
    return SST_OK;
}

enum sst_code
sst_emu_op_exprs_legacy(struct sst_emu_op_exprs *x, struct sst_err *err)
{
    if (!x->legacy || x->engaged)
        return SST_OK;
    sst_emu_exprs_init(&x->e);
    x->engaged = true;
    return sst_emu_legacy_prepare(&x->e, x->spec->op, x->req, err);
}

enum sst_code
sst_emu_op_exprs_parse(const struct json_object *req,
                       const struct sst_emu_expr_spec *spec,
                       struct sst_emu_op_exprs *x, struct sst_err *err)
{
    /* a Query's KeyConditions with its expressions: translated with them */
    if (x->legacy && (spec->op != SST_EMU_REQ_QUERY || x->to_parse))
        return sst_emu_op_exprs_legacy(x, err);
    if (!x->to_parse || x->engaged)
        return SST_OK;
    sst_emu_exprs_init(&x->e);
    x->engaged = true;
    return sst_emu_exprs_from_json(&x->e, spec->op, req, err);
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

void
sst_emu_op_exprs_cleanup(struct sst_emu_op_exprs *x)
{
    if (x == NULL || !x->engaged)
        return;
    sst_emu_exprs_cleanup(&x->e);
    x->engaged = false;
}

static void
add_schema_keys(const struct sst_emu_table *t,
                const struct sst_emu_key_schema *k,
                struct sst_emu_key_name *names, size_t *n)
{
    unsigned i;

    for (i = 0; i < k->hash_count; i++) {
        names[*n].name = t->attrs[k->hash[i]].name;
        names[*n].len = strlen(names[*n].name);
        (*n)++;
    }
    for (i = 0; i < k->range_count; i++) {
        names[*n].name = t->attrs[k->range[i]].name;
        names[*n].len = strlen(names[*n].name);
        (*n)++;
    }
}

enum sst_code
sst_emu_op_exprs_nested_keys(const struct sst_emu_op_exprs *x,
                             const struct sst_emu_expr *e,
                             const struct sst_emu_table *t,
                             struct sst_err *err)
{
    struct sst_emu_key_name *names;
    size_t n = 0, i, cap;
    enum sst_code rc;

    if (!x->engaged || e->ast == NULL)
        return SST_OK;
    cap = (size_t)2 * SST_EMU_KEY_PARTS_MAX * (t->index_count + 1);
    names = sst_calloc(cap, sizeof *names);
    if (names == NULL)
        return sst_emu_nomem(err);
    add_schema_keys(t, &t->key, names, &n);
    rc = sst_emu_expr_check_nested_keys(e, &x->e.bindings, names, n, err);
    n = 0;
    for (i = 0; i < t->index_count; i++)
        add_schema_keys(t, &t->indexes[i].key, names, &n);
    /* An index's key is named "IndexKey: g" (DynamoDB Local); the engine
     * says "Key: g" for every key. */
    if (rc == SST_OK) {
        struct sst_err ierr = {0};
        const char *at;

        rc = sst_emu_expr_check_nested_keys(e, &x->e.bindings, names, n, &ierr);
        at = rc == SST_E_VALIDATION ? strstr(ierr.message, ": Key: ") : NULL;
        if (at != NULL)
            rc = sst_err_set(err, rc, "%.*s: IndexKey: %s",
                             (int)(at - ierr.message), ierr.message, at + 7);
        else if (rc != SST_OK && err != NULL)
            *err = ierr;
    }
    sst_free(names);
    return rc;
}

enum sst_code
sst_emu_op_exprs_condition(const struct sst_emu_op_exprs *x,
                           const struct sst_av *item, struct sst_err *err)
{
    bool ok = false;
    enum sst_code rc;

    if (!x->engaged || x->e.condition.ast == NULL)
        return SST_OK;
    rc = sst_emu_expr_eval(&x->e.condition, &x->e.bindings, item, &ok, err);
    if (rc != SST_OK)
        return rc;
    return ok ? SST_OK
              : sst_err_set(err, SST_E_CONDITION_FAILED, MSG_CONDITION_FAILED);
}

/* {"Item": the row as JSON}, the failed condition's extra members. */
static enum sst_code
fail_item(const void *row, size_t len, struct json_object **out,
          struct sst_err *err)
{
    struct json_object *o = NULL, *item = NULL;
    enum sst_code rc;

    rc = sst_emu_item_to_json(row, len, NULL, 0, &item, err);
    if (rc != SST_OK)
        return rc;
    o = json_object_new_object();
    if (o == NULL || json_object_object_add(o, "Item", item) != 0) {
        json_object_put(item);
        json_object_put(o);
        return sst_emu_nomem(err);
    }
    *out = o;
    return SST_OK;
}

enum sst_code
sst_emu_op_exprs_check_item(const struct sst_emu_op_exprs *x,
                            struct sst_emu_txn *txn,
                            const struct sst_emu_table *t,
                            const struct sst_emu_key *key, bool all_old,
                            struct sst_av **old,
                            struct json_object **fail_resp,
                            struct sst_err *err)
{
    const void *row = NULL;
    size_t len = 0;
    bool found = false;
    struct sst_av *item = NULL;
    enum sst_code rc;

    *fail_resp = NULL;
    if (old != NULL)
        *old = NULL;
    rc = sst_emu_rows_get(txn, t->id, SST_EMU_INDEX_TABLE, key->data, key->len,
                          &row, &len, &found, err);
    if (rc == SST_OK && found)
        rc = sst_emu_item_to_av(row, len, &item, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_condition(x, item, err);
    if (rc == SST_E_CONDITION_FAILED && all_old && found) {
        struct sst_err ferr = {0};

        if (fail_item(row, len, fail_resp, &ferr) != SST_OK) {
            if (err != NULL)
                *err = ferr;
            rc = ferr.code;
        }
    }
    if (rc == SST_OK && old != NULL) {
        *old = item;
        item = NULL;
    }
    sst_av_free(item);
    return rc;
}

enum sst_code
sst_emu_op_exprs_row_json(const struct sst_emu_op_exprs *x, const void *row,
                          size_t len, const char *const *only, size_t only_n,
                          struct json_object **out, struct sst_err *err)
{
    struct sst_av *item = NULL, *proj = NULL;
    enum sst_code rc;

    *out = NULL;
    if (!x->engaged || x->e.projection.ast == NULL)
        return sst_emu_answer_item(row, len, only, only_n, out, err);
    rc = sst_emu_item_to_av(row, len, &item, err);
    if (rc == SST_OK)
        rc = sst_emu_project(&x->e.projection, item, &proj, err);
    if (rc == SST_OK)
        rc = sst_av_encode_item(proj, out, err);
    sst_av_free(proj);
    sst_av_free(item);
    return rc;
}

bool
sst_emu_op_exprs_projects(const struct sst_emu_op_exprs *x)
{
    return x->engaged && x->e.projection.ast != NULL;
}

enum sst_code
sst_emu_op_exprs_filter_row(const struct sst_emu_op_exprs *x,
                            const void *row, size_t len, bool *pass,
                            struct sst_err *err)
{
    struct sst_av *item = NULL;
    enum sst_code rc;

    *pass = true;
    if (!x->engaged || x->e.filter.ast == NULL)
        return SST_OK;
    rc = sst_emu_item_to_av(row, len, &item, err);
    if (rc == SST_OK)
        rc = sst_emu_expr_eval(&x->e.filter, &x->e.bindings, item, pass, err);
    sst_av_free(item);
    return rc;
}

struct top_names {
    const struct sst_emu_op_exprs *x;
    enum sst_code (*fn)(void *ctx, const char *name, size_t len,
                        struct sst_err *err);
    void *ctx;
};

static enum sst_code
top_name_of(void *ctx, const struct sst_emu_expr_path *path,
            struct sst_err *err)
{
    const struct top_names *t = ctx;
    const char *name;
    size_t len;

    if (!sst_emu_elem_name(&t->x->e.bindings, &path->elems[0], &name, &len))
        return SST_OK;
    return t->fn(t->ctx, name, len, err);
}

enum sst_code
sst_emu_op_exprs_top_names(const struct sst_emu_op_exprs *x,
                           const struct sst_emu_expr *e,
                           enum sst_code (*fn)(void *ctx, const char *name,
                                               size_t len,
                                               struct sst_err *err),
                           void *ctx, struct sst_err *err)
{
    struct top_names t = {x, fn, ctx};

    if (!x->engaged || e->ast == NULL)
        return SST_OK;
    return sst_emu_expr_foreach_path(e, top_name_of, &t, err);
}

/* ReturnValues without an UpdateExpression: the whole item for ALL_OLD
 * and ALL_NEW; nothing changed, so nothing for UPDATED_OLD and
 * UPDATED_NEW. */
static enum sst_code
plain_return_values(int rv, const struct sst_av *old,
                    const struct sst_av *new_item, struct sst_av **attrs,
                    struct sst_err *err)
{
    if (rv == SST_EMU_RV_ALL_OLD && old != NULL)
        return sst_av_dup(old, attrs, err);
    if (rv == SST_EMU_RV_ALL_NEW)
        return sst_av_dup(new_item, attrs, err);
    return SST_OK;
}

enum sst_code
sst_emu_op_exprs_update(const struct sst_emu_op_exprs *x,
                        const struct sst_emu_table *t, const struct sst_av *old,
                        const struct sst_av *key_item, int rv,
                        struct sst_av **new_item, struct sst_av **attrs,
                        struct sst_err *err)
{
    struct sst_emu_key_name keys[2 * SST_EMU_KEY_PARTS_MAX];
    size_t n = 0;
    enum sst_code rc;

    *new_item = NULL;
    *attrs = NULL;
    add_schema_keys(t, &t->key, keys, &n);
    /* AttributeUpdates: checked entry by entry against the stored item */
    if (x->legacy) {
        rc = sst_emu_legacy_check_updates(x->req, t, keys, n, old, err);
        /* DynamoDB: the size of the data AttributeUpdates writes is
         * checked only then (an UpdateExpression's, when parsed) */
        if (rc == SST_OK)
            rc = sst_emu_update_check_size(&x->e.update, &x->e.bindings,
                                           err);
        if (rc != SST_OK)
            return rc;
    }
    if (!x->engaged || x->e.update.ast == NULL) {
        rc = sst_av_dup(old != NULL ? old : key_item, new_item, err);
        if (rc == SST_OK)
            rc = plain_return_values(rv, old, *new_item, attrs, err);
        goto out;
    }
    rc = sst_emu_update_check_keys(&x->e.update, keys, n, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_nested_keys(x, &x->e.update, t, err);
    if (rc == SST_OK)
        rc = sst_emu_update_apply(&x->e.update, &x->e.bindings,
                                  old != NULL ? old : key_item, new_item, err);
    if (rc == SST_OK)
        rc = sst_emu_update_return_values(&x->e.update,
                                          (enum sst_emu_return_values)rv, old,
                                          *new_item, attrs, err);
out:
    if (rc != SST_OK) {
        sst_av_free(*new_item);
        *new_item = NULL;
        sst_av_free(*attrs);
        *attrs = NULL;
    }
    return rc;
}
