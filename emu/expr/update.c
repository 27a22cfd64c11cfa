/*
 * emu/expr/update.c - applying an UpdateExpression (see update.h).
 *
 * Mirrors how DynamoDB applies an update: the path tree of the targets
 * (resolve.c) is walked over the old item, node by node in DynamoDB
 * Local's iteration order; at each map or list the children the tree
 * names are computed first (a leaf runs its action, an inner node
 * recurses), then the untouched children are copied, and the container
 * is rebuilt (a list in index order, compacted). Every value is computed
 * from the old item. A SET value is evaluated operands first, then the
 * operator checks its operands left to right: a missing one is "refers
 * to an attribute that does not exist", a wrongly typed one "incorrect
 * data type" (docs/notes-semantics.md).
 */
#include <stdlib.h>
#include <string.h>

#include <sst/mem.h>

#include "emu/expr/avbuild.h"
#include "emu/expr/eval.h"
#include "emu/expr/project.h"
#include "emu/expr/update.h"

struct applier {
    const struct sst_emu_bindings *b;
    const struct sst_av *old; /* the item values are read from */
    struct sst_err *err;
};

static enum sst_code
fail(struct applier *ap, const char *msg)
{
    return sst_err_set(ap->err, SST_E_VALIDATION, "%s", msg);
}

static enum sst_code
nomem(struct applier *ap)
{
    return sst_err_set(ap->err, SST_E_NOMEM,
                       "out of memory applying an "
                       "update");
}

/* A new copy of v (NULL stays NULL). */
static enum sst_code
dup_or_null(struct applier *ap, const struct sst_av *v, struct sst_av **out)
{
    *out = NULL;
    if (v == NULL)
        return SST_OK;
    return sst_av_dup(v, out, ap->err);
}

/* ------------------------------------------------------------------ */
/* SET values                                                          */

static enum sst_code value_eval(struct applier *ap, const struct sst_emu_ast *n,
                                struct sst_av **out);

/* The operand checks of + - list_append if_not_exists, left to right. */
static enum sst_code
check_operands(struct applier *ap, const struct sst_emu_ast *n,
               struct sst_av *const *kids)
{
    enum sst_av_type want;
    uint32_t i;

    for (i = 0; i < n->nkids; i++) {
        if (kids[i] == NULL) {
            /* if_not_exists may find its path missing: that is its use */
            if (n->op == SST_EMU_EXPR_OP_IF_NOT_EXISTS && i == 0)
                continue;
            return fail(ap, SST_EMU_MSG_UPDATE_MISSING);
        }
        if (n->op == SST_EMU_EXPR_OP_IF_NOT_EXISTS)
            continue;
        want = n->op == SST_EMU_EXPR_OP_LIST_APPEND ? SST_AV_L : SST_AV_N;
        if (kids[i]->type != want)
            return fail(ap, SST_EMU_MSG_UPDATE_TYPE);
    }
    return SST_OK;
}

static enum sst_code
list_concat(struct applier *ap, struct sst_av *x, struct sst_av *y,
            struct sst_av **out)
{
    struct sst_av *l = sst_av_new(SST_AV_L);
    size_t i;

    if (l == NULL)
        return nomem(ap);
    /* move the elements over: x and y are our own copies */
    l->u.list.len = x->u.list.len + y->u.list.len;
    l->u.list.v =
        sst_malloc((l->u.list.len ? l->u.list.len : 1) * sizeof *l->u.list.v);
    if (l->u.list.v == NULL) {
        l->u.list.len = 0;
        sst_av_free(l);
        return nomem(ap);
    }
    for (i = 0; i < x->u.list.len; i++)
        l->u.list.v[i] = x->u.list.v[i];
    for (i = 0; i < y->u.list.len; i++)
        l->u.list.v[x->u.list.len + i] = y->u.list.v[i];
    x->u.list.len = 0;
    y->u.list.len = 0;
    *out = l;
    return SST_OK;
}

static enum sst_code
op_eval(struct applier *ap, const struct sst_emu_ast *n, struct sst_av **out)
{
    struct sst_av *kids[2] = {NULL, NULL}, *r = NULL;
    enum sst_code rc = SST_OK;
    uint32_t i;

    if (n->nkids != 2)
        return sst_err_set(ap->err, SST_E_INVALID_ARG, "bad update value");
    /* DynamoDB evaluates every operand before the operator */
    for (i = 0; i < 2 && rc == SST_OK; i++)
        rc = value_eval(ap, n->kids[i], &kids[i]);
    if (rc == SST_OK)
        rc = check_operands(ap, n, kids);
    if (rc != SST_OK)
        goto out;
    switch (n->op) {
    case SST_EMU_EXPR_OP_PLUS:
    case SST_EMU_EXPR_OP_MINUS:
        r = sst_av_new(SST_AV_N);
        if (r == NULL) {
            rc = nomem(ap);
            break;
        }
        rc = n->op == SST_EMU_EXPR_OP_PLUS
                 ? sst_num_add(&r->u.num, &kids[0]->u.num, &kids[1]->u.num,
                               ap->err)
                 : sst_num_sub(&r->u.num, &kids[0]->u.num, &kids[1]->u.num,
                               ap->err);
        break;
    case SST_EMU_EXPR_OP_IF_NOT_EXISTS:
        r = kids[0] ? kids[0] : kids[1];
        if (kids[0])
            kids[0] = NULL;
        else
            kids[1] = NULL;
        break;
    case SST_EMU_EXPR_OP_LIST_APPEND:
        rc = list_concat(ap, kids[0], kids[1], &r);
        break;
    default:
        rc = sst_err_set(ap->err, SST_E_INVALID_ARG, "bad update operator");
        break;
    }
out:
    sst_av_free(kids[0]);
    sst_av_free(kids[1]);
    if (rc != SST_OK) {
        sst_av_free(r);
        r = NULL;
    }
    *out = r;
    return rc;
}

/* A SET value, or NULL for a path that designates nothing. */
static enum sst_code
value_eval(struct applier *ap, const struct sst_emu_ast *n, struct sst_av **out)
{
    const struct sst_emu_value_binding *vb;

    *out = NULL;
    switch (n->type) {
    case SST_EMU_AST_PATH:
        return dup_or_null(ap, sst_emu_path_get(ap->old, &n->u.path, ap->b),
                           out);
    case SST_EMU_AST_VALUE:
        vb = sst_emu_bindings_value(ap->b, n->u.ref.name, n->u.ref.len);
        if (vb == NULL)
            return sst_err_set(ap->err, SST_E_INVALID_ARG,
                               "unresolved update value");
        return sst_av_dup(vb->value, out, ap->err);
    case SST_EMU_AST_OP:
        return op_eval(ap, n, out);
    default:
        return sst_err_set(ap->err, SST_E_INVALID_ARG, "bad update value");
    }
}

/* ------------------------------------------------------------------ */
/* ADD and DELETE                                                      */

static bool
set_has(const struct sst_av *set, const struct sst_av *other, size_t j)
{
    size_t i;

    if (set->type == SST_AV_NS) {
        for (i = 0; i < set->u.nums.len; i++)
            if (sst_num_cmp(&set->u.nums.v[i], &other->u.nums.v[j]) == 0)
                return true;
        return false;
    }
    for (i = 0; i < set->u.strs.len; i++)
        if (set->u.strs.v[i].len == other->u.strs.v[j].len &&
            memcmp(set->u.strs.v[i].ptr, other->u.strs.v[j].ptr,
                   other->u.strs.v[j].len) == 0)
            return true;
    return false;
}

static size_t
set_len(const struct sst_av *set)
{
    return set->type == SST_AV_NS ? set->u.nums.len : set->u.strs.len;
}

/* Members of from (those in skip left out unless keep_skip) go to to. */
static enum sst_code
set_copy(struct applier *ap, struct sst_av *to, const struct sst_av *from,
         const struct sst_av *skip)
{
    enum sst_code rc;
    size_t i;

    for (i = 0; i < set_len(from); i++) {
        if (skip != NULL && set_has(skip, from, i))
            continue;
        rc = from->type == SST_AV_NS ? sst_av_nums_push(to, &from->u.nums.v[i])
                                     : sst_av_strs_push(to, &from->u.strs.v[i]);
        if (rc != SST_OK)
            return nomem(ap);
    }
    return SST_OK;
}

static bool
is_set(enum sst_av_type t)
{
    return t == SST_AV_SS || t == SST_AV_NS || t == SST_AV_BS;
}

static enum sst_code
add_action(struct applier *ap, const struct sst_av *v, const struct sst_av *cur,
           struct sst_av **out)
{
    struct sst_av *r;
    enum sst_code rc;

    *out = NULL;
    if (cur == NULL) /* DynamoDB: ADD creates a missing number or set */
        return sst_av_dup(v, out, ap->err);
    if (cur->type != v->type || (v->type != SST_AV_N && !is_set(v->type)))
        return fail(ap, SST_EMU_MSG_UPDATE_TYPE);
    r = sst_av_new(v->type);
    if (r == NULL)
        return nomem(ap);
    if (v->type == SST_AV_N) {
        rc = sst_num_add(&r->u.num, &cur->u.num, &v->u.num, ap->err);
    } else {
        rc = set_copy(ap, r, cur, NULL);
        if (rc == SST_OK)
            rc = set_copy(ap, r, v, cur);
    }
    if (rc != SST_OK) {
        sst_av_free(r);
        return rc;
    }
    *out = r;
    return SST_OK;
}

static enum sst_code
delete_action(struct applier *ap, const struct sst_av *v,
              const struct sst_av *cur, struct sst_av **out)
{
    struct sst_av *r;
    enum sst_code rc;

    *out = NULL;
    if (cur == NULL) /* deleting from nothing changes nothing */
        return SST_OK;
    if (cur->type != v->type)
        return fail(ap, SST_EMU_MSG_UPDATE_TYPE);
    r = sst_av_new(v->type);
    if (r == NULL)
        return nomem(ap);
    rc = set_copy(ap, r, cur, v);
    if (rc != SST_OK || set_len(r) == 0) {
        /* DynamoDB: a set emptied by DELETE is removed */
        sst_av_free(r);
        return rc;
    }
    *out = r;
    return SST_OK;
}

/* The new value of a leaf, or NULL when the attribute goes away. */
static enum sst_code
action_result(struct applier *ap, const struct sst_emu_expr_action *act,
              const struct sst_av *cur, struct sst_av **out)
{
    const struct sst_emu_value_binding *vb = NULL;
    enum sst_code rc;

    *out = NULL;
    if (act->clause == SST_EMU_CLAUSE_REMOVE)
        return SST_OK;
    if (act->clause == SST_EMU_CLAUSE_SET) {
        rc = value_eval(ap, act->value, out);
        if (rc == SST_OK && *out == NULL)
            rc = fail(ap, SST_EMU_MSG_UPDATE_MISSING);
        return rc;
    }
    vb = sst_emu_bindings_value(ap->b, act->value->u.ref.name,
                                act->value->u.ref.len);
    if (vb == NULL)
        return sst_err_set(ap->err, SST_E_INVALID_ARG,
                           "unresolved update value");
    if (act->clause == SST_EMU_CLAUSE_ADD)
        return add_action(ap, vb->value, cur, out);
    return delete_action(ap, vb->value, cur, out);
}

/* ------------------------------------------------------------------ */
/* the walk                                                            */

static const struct sst_av *
doc_child(const struct sst_av *doc, const struct sst_emu_ptree_node *k)
{
    if (k->is_index)
        return k->index < doc->u.list.len ? doc->u.list.v[k->index] : NULL;
    return sst_av_map_get(doc, k->name, k->len);
}

static int
by_index(const void *x, const void *y)
{
    const struct sst_emu_ptree_node *a =
        *(const struct sst_emu_ptree_node *const *)x;
    const struct sst_emu_ptree_node *b =
        *(const struct sst_emu_ptree_node *const *)y;

    return a->index < b->index ? -1 : a->index > b->index;
}

/* Rebuild a map: entries in the old order, replaced, dropped or copied,
 * then the new ones in the order of the walk. */
static enum sst_code
rebuild_map(struct applier *ap, const struct sst_emu_ptree_node *node,
            const struct sst_av *doc, struct sst_av **res, struct sst_av *m)
{
    const struct sst_emu_ptree_node *k;
    struct sst_av *v;
    uint32_t i, j;
    size_t e;

    for (e = 0; doc != NULL && e < doc->u.map.len; e++) {
        const struct sst_av_str *name = &doc->u.map.v[e].name;
        for (j = 0; j < node->nkids; j++) {
            k = sst_emu_ptree_child(node, j);
            if (k->len == name->len && memcmp(k->name, name->ptr, k->len) == 0)
                break;
        }
        if (j < node->nkids) {
            v = res[j];
            res[j] = NULL;
            if (v == NULL)
                continue;
        } else if (sst_av_dup(doc->u.map.v[e].value, &v, ap->err) != SST_OK) {
            return SST_E_NOMEM;
        }
        if (sst_av_map_push(m, name->ptr, name->len, v) != SST_OK) {
            sst_av_free(v);
            return nomem(ap);
        }
    }
    for (i = 0; i < node->nkids; i++) {
        if (res[i] == NULL)
            continue;
        k = sst_emu_ptree_child(node, i);
        if (sst_av_map_push(m, k->name, k->len, res[i]) != SST_OK)
            return nomem(ap);
        res[i] = NULL;
    }
    return SST_OK;
}

/* Rebuild a list in index order: the old elements, replaced, dropped or
 * copied, then the elements set past the end, ascending. */
static enum sst_code
rebuild_list(struct applier *ap, const struct sst_emu_ptree_node *node,
             const struct sst_av *doc, struct sst_av **res, struct sst_av *l)
{
    const struct sst_emu_ptree_node **kids;
    struct sst_av **byk;
    struct sst_av *v;
    enum sst_code rc = SST_OK;
    uint32_t i, j;
    size_t e;

    kids = sst_malloc(node->nkids * sizeof *kids);
    byk = sst_malloc(node->nkids * sizeof *byk);
    if (kids == NULL || byk == NULL) {
        sst_free(kids);
        sst_free(byk);
        return nomem(ap);
    }
    for (i = 0; i < node->nkids; i++)
        kids[i] = sst_emu_ptree_child(node, i);
    qsort(kids, node->nkids, sizeof *kids, by_index);
    for (i = 0; i < node->nkids; i++)
        for (j = 0; j < node->nkids; j++)
            if (sst_emu_ptree_child(node, j) == kids[i]) {
                byk[i] = res[j];
                res[j] = NULL;
            }
    j = 0;
    for (e = 0; e < doc->u.list.len && rc == SST_OK; e++) {
        if (j < node->nkids && kids[j]->index == e) {
            v = byk[j];
            byk[j++] = NULL;
            if (v == NULL)
                continue;
        } else if (sst_av_dup(doc->u.list.v[e], &v, ap->err) != SST_OK) {
            rc = SST_E_NOMEM;
            break;
        }
        if (sst_av_list_push(l, v) != SST_OK) {
            sst_av_free(v);
            rc = nomem(ap);
        }
    }
    for (; j < node->nkids && rc == SST_OK; j++) {
        if (byk[j] == NULL)
            continue;
        if (sst_av_list_push(l, byk[j]) != SST_OK)
            rc = nomem(ap);
        else
            byk[j] = NULL;
    }
    for (i = 0; i < node->nkids; i++)
        sst_av_free(byk[i]);
    sst_free(byk);
    sst_free(kids);
    return rc;
}

/* DynamoDB's createNewDocumentInternal: doc is the old map or list at
 * this node (NULL only for the root of a missing item). */
static enum sst_code
apply_node(struct applier *ap, const struct sst_emu_ptree_node *node,
           const struct sst_av *doc, struct sst_av **out)
{
    struct sst_av **res = NULL, *r = NULL;
    const struct sst_emu_ptree_node *k;
    const struct sst_av *c;
    enum sst_code rc = SST_OK;
    enum sst_av_type type = doc ? doc->type : SST_AV_M;
    uint32_t i;

    *out = NULL;
    if (type != SST_AV_M && type != SST_AV_L)
        return fail(ap, SST_EMU_MSG_UPDATE_PATH);
    res = sst_calloc(node->nkids ? node->nkids : 1, sizeof *res);
    if (res == NULL)
        return nomem(ap);
    for (i = 0; i < node->nkids && rc == SST_OK; i++) {
        k = sst_emu_ptree_child(node, i);
        if (k->is_index != (type == SST_AV_L)) {
            rc = fail(ap, SST_EMU_MSG_UPDATE_PATH);
            break;
        }
        c = doc ? doc_child(doc, k) : NULL;
        if (k->leaf)
            rc = action_result(ap, k->action, c, &res[i]);
        else if (c != NULL)
            rc = apply_node(ap, k, c, &res[i]);
        else
            rc = fail(ap, SST_EMU_MSG_UPDATE_PATH);
    }
    if (rc == SST_OK) {
        r = sst_av_new(type);
        if (r == NULL)
            rc = nomem(ap);
        else if (type == SST_AV_M)
            rc = rebuild_map(ap, node, doc, res, r);
        else
            rc = rebuild_list(ap, node, doc, res, r);
    }
    for (i = 0; i < node->nkids; i++)
        sst_av_free(res[i]);
    sst_free(res);
    if (rc != SST_OK) {
        sst_av_free(r);
        return rc;
    }
    *out = r;
    return SST_OK;
}

enum sst_code
sst_emu_update_apply(const struct sst_emu_expr *upd,
                     const struct sst_emu_bindings *b,
                     const struct sst_av *base, struct sst_av **out,
                     struct sst_err *err)
{
    struct applier ap = {b, base, err};
    enum sst_code rc;

    *out = NULL;
    if (upd == NULL || upd->tree == NULL || upd->kind != SST_EMU_EXPR_UPDATE ||
        (base != NULL && base->type != SST_AV_M))
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "sst_emu_update_apply: bad argument");
    rc = apply_node(&ap, upd->tree, base, out);
    if (rc != SST_OK)
        return rc;
    /* an item and its maps and lists make at most 32 levels */
    if (sst_av_depth(*out, SST_AV_MAX_NESTING + 1) > SST_AV_MAX_NESTING)
        rc = fail(&ap, SST_EMU_MSG_UPDATE_NESTING);
    else if (sst_av_item_size(*out) > SST_AV_MAX_ITEM_BYTES)
        rc = fail(&ap, SST_EMU_MSG_UPDATE_TOO_LARGE);
    if (rc != SST_OK) {
        sst_av_free(*out);
        *out = NULL;
    }
    return rc;
}

/* ------------------------------------------------------------------ */
/* keys and ReturnValues                                               */

enum sst_code
sst_emu_return_values_parse(const char *s, enum sst_emu_return_values *rv,
                            struct sst_err *err)
{
    static const char *const names[] = {"NONE", "ALL_OLD", "UPDATED_OLD",
                                        "ALL_NEW", "UPDATED_NEW"};
    size_t i;

    for (i = 0; s != NULL && i < sizeof names / sizeof names[0]; i++)
        if (strcmp(s, names[i]) == 0) {
            *rv = (enum sst_emu_return_values)i;
            return SST_OK;
        }
    return sst_err_set(err, SST_E_VALIDATION,
                       "Return values set to invalid value");
}

enum sst_code
sst_emu_update_check_keys(const struct sst_emu_expr *upd,
                          const struct sst_emu_key_name *keys, size_t nkeys,
                          struct sst_err *err)
{
    const struct sst_emu_ptree_node *k;
    size_t i;
    uint32_t j;

    if (upd == NULL || upd->tree == NULL)
        return SST_OK;
    for (i = 0; i < nkeys; i++)
        for (j = 0; j < upd->tree->nkids; j++) {
            k = upd->tree->kids[j];
            if (k->len == keys[i].len &&
                memcmp(k->name, keys[i].name, k->len) == 0)
                return sst_err_set(err, SST_E_VALIDATION,
                                   "One or more parameter values were "
                                   "invalid: Cannot update attribute %.*s. "
                                   "This attribute is part of the key",
                                   (int)keys[i].len, keys[i].name);
        }
    return SST_OK;
}

/* UPDATED_*: the top-level attributes of doc in which the targets
 * designate something, whole (DynamoDB Local projects the document on
 * the update tree and returns each top-level attribute it found). */
static enum sst_code
updated_attributes(const struct sst_emu_expr *upd, const struct sst_av *doc,
                   struct sst_av **out, struct sst_err *err)
{
    struct sst_av *sel = NULL, *res = NULL, *v;
    const struct sst_av *whole;
    enum sst_code rc;
    size_t i;

    *out = NULL;
    rc = sst_emu_ptree_select(upd->tree, doc, &sel, err);
    if (rc != SST_OK || sel == NULL)
        return rc;
    res = sst_av_new(SST_AV_M);
    if (res == NULL)
        goto nomem;
    for (i = 0; i < sel->u.map.len; i++) {
        whole = sst_av_map_get(doc, sel->u.map.v[i].name.ptr,
                               sel->u.map.v[i].name.len);
        if (whole == NULL)
            continue;
        if (sst_av_dup(whole, &v, err) != SST_OK)
            goto nomem;
        if (sst_av_map_push(res, sel->u.map.v[i].name.ptr,
                            sel->u.map.v[i].name.len, v) != SST_OK) {
            sst_av_free(v);
            goto nomem;
        }
    }
    sst_av_free(sel);
    *out = res;
    return SST_OK;
nomem:
    sst_av_free(sel);
    sst_av_free(res);
    return sst_err_set(err, SST_E_NOMEM, "out of memory");
}

enum sst_code
sst_emu_update_return_values(const struct sst_emu_expr *upd,
                             enum sst_emu_return_values rv,
                             const struct sst_av *old,
                             const struct sst_av *new_item, struct sst_av **out,
                             struct sst_err *err)
{
    const struct sst_av *whole = NULL;
    enum sst_code rc = SST_OK;

    *out = NULL;
    switch (rv) {
    case SST_EMU_RV_ALL_OLD:
        whole = old;
        break;
    case SST_EMU_RV_ALL_NEW:
        whole = new_item;
        break;
    case SST_EMU_RV_UPDATED_OLD:
    case SST_EMU_RV_UPDATED_NEW:
        if (upd == NULL || upd->tree == NULL)
            return SST_OK;
        rc = updated_attributes(
            upd, rv == SST_EMU_RV_UPDATED_OLD ? old : new_item, out, err);
        break;
    default:
        return SST_OK;
    }
    if (whole != NULL && whole->u.map.len > 0)
        rc = sst_av_dup(whole, out, err);
    return rc;
}
