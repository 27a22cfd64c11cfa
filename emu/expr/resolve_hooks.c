/*
 * emu/expr/resolve_hooks.c - the resolver's hooks, which the parser's
 * phase 3 (parse.h) calls in DynamoDB's order for each path, value and
 * operator, and the path trees they build (overlapping and conflicting
 * paths, iterated in DynamoDB Local's java.util.HashMap order).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sst/mem.h>

#include "emu/expr/lex.h"
#include "emu/expr/parse.h"
#include "emu/expr/resolve.h"
#include "emu/expr/resolve_int.h"
#include "src/core/avtype.h"

/* ------------------------------------------------------------------ */
/* Java's hashing, for DynamoDB Local's iteration orders               */

int32_t
sst_emu_java_hash(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t h = 0, cp;
    size_t i = 0;

    while (i < len) {
        /* Decode one UTF-8 sequence; a malformed byte counts as U+FFFD. */
        if (u[i] < 0x80) {
            cp = u[i++];
        } else if ((u[i] & 0xe0) == 0xc0 && i + 1 < len &&
                   (u[i + 1] & 0xc0) == 0x80) {
            cp = (uint32_t)(u[i] & 0x1f) << 6 | (u[i + 1] & 0x3f);
            i += 2;
        } else if ((u[i] & 0xf0) == 0xe0 && i + 2 < len &&
                   (u[i + 1] & 0xc0) == 0x80 && (u[i + 2] & 0xc0) == 0x80) {
            cp = (uint32_t)(u[i] & 0x0f) << 12 |
                 (uint32_t)(u[i + 1] & 0x3f) << 6 | (u[i + 2] & 0x3f);
            i += 3;
        } else if ((u[i] & 0xf8) == 0xf0 && i + 3 < len &&
                   (u[i + 1] & 0xc0) == 0x80 && (u[i + 2] & 0xc0) == 0x80 &&
                   (u[i + 3] & 0xc0) == 0x80) {
            cp = (uint32_t)(u[i] & 0x07) << 18 |
                 (uint32_t)(u[i + 1] & 0x3f) << 12 |
                 (uint32_t)(u[i + 2] & 0x3f) << 6 | (u[i + 3] & 0x3f);
            i += 4;
        } else {
            cp = 0xfffd;
            i++;
        }
        if (cp >= 0x10000) {
            cp -= 0x10000;
            h = 31 * h + (0xd800 + (cp >> 10));
            h = 31 * h + (0xdc00 + (cp & 0x3ff));
        } else {
            h = 31 * h + cp;
        }
    }
    return (int32_t)h;
}

/* ------------------------------------------------------------------ */
/* path trees                                                          */

/* DynamoDB Local's hash of a path element: HashCodeBuilder(8191, 127)
 * over the field name or the list index. */
static uint32_t
elem_hash(bool is_index, const char *name, size_t len, uint32_t index)
{
    return SST_EMU_JAVA_PATH_SEED +
           (is_index ? index : (uint32_t)sst_emu_java_hash(name, len));
}

/* The child a java.util.HashMap would iterate first, with the children
 * the node has now. */
static struct sst_emu_ptree_node *
first_kid(const struct sst_emu_ptree_node *node)
{
    uint32_t cap = java_grown_cap(node->nkids), i, best = 0, bb, b;

    bb = java_bucket(node->kids[0]->bucket_hash, cap);
    for (i = 1; i < node->nkids; i++) {
        b = java_bucket(node->kids[i]->bucket_hash, cap);
        if (b < bb) {
            bb = b;
            best = i;
        }
    }
    return node->kids[best];
}

const struct sst_emu_ptree_node *
sst_emu_ptree_child(const struct sst_emu_ptree_node *node, uint32_t i)
{
    return node->order ? node->order[i] : node->kids[i];
}

/* Fix each node's iteration order once all paths are in. */
enum sst_code
sst_emu_ptree_finish(struct sst_emu_arena *a, struct sst_emu_ptree_node *node,
                     struct sst_err *err)
{
    uint32_t cap, i, j, n = node->nkids;
    struct sst_emu_ptree_node *t;
    enum sst_code rc;

    if (n == 0)
        return SST_OK;
    node->order = sst_emu_arena_alloc(a, n * sizeof *node->order);
    if (node->order == NULL)
        return sst_emu_resolve_nomem(err);
    cap = java_grown_cap(n);
    for (i = 0; i < n; i++) {
        /* stable insertion sort by bucket: equal buckets keep the order
         * of insertion, as HashMap's chains (and its resizes) do */
        t = node->kids[i];
        j = i;
        while (j > 0 && java_bucket(node->order[j - 1]->bucket_hash, cap) >
                            java_bucket(t->bucket_hash, cap)) {
            node->order[j] = node->order[j - 1];
            j--;
        }
        node->order[j] = t;
    }
    for (i = 0; i < n; i++) {
        rc = sst_emu_ptree_finish(a, node->kids[i], err);
        if (rc != SST_OK)
            return rc;
    }
    return SST_OK;
}

/* ------------------------------------------------------------------ */
/* the resolver's hooks                                                */

static struct sst_emu_ptree_node *
new_pnode(struct resolver *r, const struct sst_emu_expr_path_elem *e)
{
    struct sst_emu_ptree_node *n = sst_emu_arena_zalloc(r->a, sizeof *n);
    const char *name;
    size_t len;

    if (n == NULL)
        return NULL;
    if (e->type == SST_EMU_ELEM_INDEX) {
        n->is_index = true;
        n->index = e->index;
    } else if (sst_emu_elem_name(r->b, e, &name, &len)) {
        n->name = name;
        n->len = (uint32_t)len;
    } else { /* VALUE_REF: kept by its text; the expression fails later */
        n->name = e->name;
        n->len = e->len;
    }
    n->bucket_hash = elem_hash(n->is_index, n->name, n->len, n->index);
    return n;
}

static bool
pnode_matches(const struct resolver *r, const struct sst_emu_ptree_node *n,
              const struct sst_emu_expr_path_elem *e)
{
    const char *name;
    size_t len;

    if (n->is_index != (e->type == SST_EMU_ELEM_INDEX))
        return false;
    if (n->is_index)
        return n->index == e->index;
    if (!sst_emu_elem_name(r->b, e, &name, &len)) {
        name = e->name;
        len = e->len;
    }
    return n->len == len && memcmp(n->name, name, len) == 0;
}

static bool
pnode_add(struct resolver *r, struct sst_emu_ptree_node *parent,
          struct sst_emu_ptree_node *kid)
{
    struct sst_emu_ptree_node **k;

    if (parent->nkids == parent->cap) {
        uint32_t cap = parent->cap ? parent->cap * 2 : 4;
        k = sst_emu_arena_alloc(r->a, cap * sizeof *k);
        if (k == NULL)
            return false;
        if (parent->nkids)
            memcpy(k, parent->kids, parent->nkids * sizeof *k);
        parent->kids = k;
        parent->cap = cap;
    }
    parent->kids[parent->nkids++] = kid;
    return true;
}

/* "path two" of an overlap or conflict, as DynamoDB builds it: the new
 * path's first depth elements, then down the existing tree from node,
 * always through the child its HashMap iterates first. */
static void
tree_path_string(const struct resolver *r, const struct sst_emu_expr_path *p,
                 uint32_t depth, const struct sst_emu_ptree_node *node,
                 char *buf, size_t cap)
{
    struct sst_emu_expr_path head = *p;
    size_t used;

    head.n = depth;
    used = sst_emu_path_format(r->b, &head, buf, cap);
    if (used > 0 && used <= cap)
        used--; /* drop the closing ']' */
    while (node != NULL && node->nkids > 0) {
        const struct sst_emu_ptree_node *k = first_kid(node);
        const char *sep = used > 1 ? ", " : "";
        if (k->is_index)
            sst_emu_resolve_buf_add(buf, cap, &used, "%s[%u]", sep, k->index);
        else
            sst_emu_resolve_buf_add(buf, cap, &used, "%s%.*s", sep, (int)k->len,
                                    k->name);
        node = k->leaf ? NULL : k;
    }
    sst_emu_resolve_buf_add(buf, cap, &used, "]");
}

static enum sst_code
path_clash(const struct resolver *r, const char *what,
           const struct sst_emu_expr_path *p, uint32_t depth,
           const struct sst_emu_ptree_node *node, struct sst_err *err)
{
    char one[128], two[128];

    (void)sst_emu_path_format(r->b, p, one, sizeof one);
    tree_path_string(r, p, depth, node, two, sizeof two);
    return sst_emu_expr_invalid(
        err, r->kind,
        "Two document paths %s with each other; must remove or "
        "rewrite one of these paths; path one: %s, path two: %s",
        what, one, two);
}

/* The action whose target is path (update expressions). */
static const struct sst_emu_expr_action *
action_of(const struct resolver *r, const struct sst_emu_expr_path *path)
{
    uint32_t i;

    if (r->root->type != SST_EMU_AST_UPDATE)
        return NULL;
    for (i = 0; i < r->root->u.update.n; i++)
        if (&r->root->u.update.actions[i].path == path)
            return &r->root->u.update.actions[i];
    return NULL;
}

/* Merge one update target or projection path into the tree, as
 * DynamoDB's buildProjTreeInternal does. */
static enum sst_code
tree_insert(struct resolver *r, const struct sst_emu_expr_path *p,
            struct sst_err *err)
{
    struct sst_emu_ptree_node *node = r->tree, *kid = NULL, *prev;
    uint32_t depth, i, j;

    for (depth = 0; depth < p->n; depth++) {
        const struct sst_emu_expr_path_elem *e = &p->elems[depth];
        kid = NULL;
        for (i = 0; i < node->nkids; i++)
            if (pnode_matches(r, node->kids[i], e)) {
                kid = node->kids[i];
                break;
            }
        if (kid == NULL) {
            if (node->nkids > 0 &&
                first_kid(node)->is_index != (e->type == SST_EMU_ELEM_INDEX))
                return path_clash(r, "conflict", p, depth, node, err);
            prev = node;
            for (j = depth; j < p->n; j++) {
                kid = new_pnode(r, &p->elems[j]);
                if (kid == NULL || !pnode_add(r, prev, kid))
                    return sst_emu_resolve_nomem(err);
                prev = kid;
            }
            kid->leaf = true;
            kid->action = action_of(r, p);
            return SST_OK;
        }
        if (kid->leaf || depth + 1 == p->n)
            return path_clash(r, "overlap", p, depth, node, err);
        node = kid;
    }
    return SST_OK;
}

static long
name_slot(const struct sst_emu_bindings *b,
          const struct sst_emu_name_binding *nb)
{
    return nb ? nb - b->names : -1;
}

enum sst_code
sst_emu_resolve_hook_path(void *ctx, const struct sst_emu_expr_path *path,
                          enum sst_emu_expr_path_role role, struct sst_err *err)
{
    struct resolver *r = ctx;
    const struct sst_emu_name_binding *nb;
    uint32_t i;

    for (i = 0; i < path->n; i++) {
        const struct sst_emu_expr_path_elem *e = &path->elems[i];
        if (e->type == SST_EMU_ELEM_NAME_REF) {
            nb = sst_emu_bindings_name(r->b, e->name, e->len);
            if (nb == NULL)
                return sst_emu_expr_invalid(
                    err, r->kind,
                    "An expression attribute name used in the "
                    "document path is not defined; attribute "
                    "name: %.*s",
                    (int)e->len, e->name);
            r->name_uses[name_slot(r->b, nb)]++;
        } else if (e->type == SST_EMU_ELEM_VALUE_REF) {
            /* DynamoDB looks a path's ":v" up among all placeholders and
             * fails only later, when it sizes the expression. */
            if (sst_emu_bindings_value(r->b, e->name, e->len) == NULL)
                return sst_emu_expr_invalid(
                    err, r->kind,
                    "An expression attribute name used in the "
                    "document path is not defined; attribute "
                    "name: %.*s",
                    (int)e->len, e->name);
            r->value_in_path = true;
        }
    }
    if (role == SST_EMU_PATH_TARGET || role == SST_EMU_PATH_PROJECTION)
        return tree_insert(r, path, err);
    return SST_OK;
}

enum sst_code
sst_emu_resolve_hook_value(void *ctx, const struct sst_emu_ast *value,
                           unsigned *types, struct sst_err *err)
{
    struct resolver *r = ctx;
    const struct sst_emu_value_binding *vb;
    size_t slot;

    vb = sst_emu_bindings_value(r->b, value->u.ref.name, value->u.ref.len);
    if (vb == NULL)
        return sst_emu_expr_invalid(
            err, r->kind,
            "An expression attribute value used in expression is "
            "not defined; attribute value: %.*s",
            (int)value->u.ref.len, value->u.ref.name);
    slot = (size_t)(vb - r->b->values);
    r->value_uses[slot]++;
    *types = 1u << vb->value->type;
    return SST_OK;
}

/* How DynamoDB Local prints an AttributeValue in BETWEEN messages. */
static void
av_java_string(const struct sst_emu_value_binding *vb, char *buf, size_t cap)
{
    const struct sst_av *v = vb->value;

    switch (v->type) {
    case SST_AV_S:
        (void)snprintf(buf, cap, "{S:%s}", v->u.str.ptr);
        break;
    case SST_AV_N:
        (void)snprintf(buf, cap, "{N:%s}", vb->spelling ? vb->spelling : "?");
        break;
    case SST_AV_B:
        (void)snprintf(buf, cap,
                       "{B:java.nio.HeapByteBuffer[pos=0 lim=%zu cap=%zu]}",
                       v->u.str.len, v->u.str.len);
        break;
    default:
        (void)snprintf(buf, cap, "{%s}", sst_av_type_name(v->type));
        break;
    }
}

static const struct sst_emu_value_binding *
value_of(const struct resolver *r, const struct sst_emu_ast *n)
{
    if (n->type != SST_EMU_AST_VALUE)
        return NULL;
    return sst_emu_bindings_value(r->b, n->u.ref.name, n->u.ref.len);
}

static enum sst_code
check_between(struct resolver *r, const struct sst_emu_ast *n,
              struct sst_err *err)
{
    const struct sst_emu_value_binding *lo = value_of(r, n->kids[1]);
    const struct sst_emu_value_binding *hi = value_of(r, n->kids[2]);
    char ls[96], hs[96];
    int order = 0;

    if (lo == NULL || hi == NULL)
        return SST_OK;
    av_java_string(lo, ls, sizeof ls);
    av_java_string(hi, hs, sizeof hs);
    if (lo->value->type != hi->value->type)
        return sst_emu_expr_invalid(
            err, r->kind,
            "The BETWEEN operator requires same data type for "
            "lower and upper bounds; lower bound operand: "
            "AttributeValue: %s, upper bound operand: "
            "AttributeValue: %s",
            ls, hs);
    if (sst_av_cmp(lo->value, hi->value, &order) && order > 0)
        return sst_emu_expr_invalid(
            err, r->kind,
            "The BETWEEN operator requires upper bound to be "
            "greater than or equal to lower bound; lower bound "
            "operand: AttributeValue: %s, upper bound operand: "
            "AttributeValue: %s",
            ls, hs);
    return SST_OK;
}

static enum sst_code
check_attribute_type(struct resolver *r, const struct sst_emu_ast *n,
                     struct sst_err *err)
{
    const struct sst_emu_value_binding *t = value_of(r, n->kids[1]);

    if (t == NULL)
        return SST_OK;
    if (t->value->type != SST_AV_S)
        return sst_emu_expr_invalid(
            err, r->kind,
            "Incorrect operand type for operator or function; "
            "operator or function: attribute_type, operand type: "
            "%s",
            sst_av_type_name(t->value->type));
    /* (a NUL inside the string makes it no type name) */
    if (strlen(t->value->u.str.ptr) == t->value->u.str.len &&
        sst_av_type_known(t->value->u.str.ptr))
        return SST_OK;
    return sst_emu_expr_invalid(
        err, r->kind,
        "Invalid attribute type name found; type: %s, valid "
        "types: {N,BS,L,B,NULL,M,S,SS,NS,BOOL}",
        t->value->u.str.ptr);
}

enum sst_code
sst_emu_resolve_hook_op(void *ctx, const struct sst_emu_ast *n,
                        struct sst_err *err)
{
    struct resolver *r = ctx;
    const struct sst_emu_expr_op_info *info = sst_emu_expr_op_info(n->op);
    char buf[160];
    uint32_t i;

    if (info->distinct_first && n->nkids >= 2 &&
        n->kids[0]->type == SST_EMU_AST_PATH) {
        for (i = 1; i < n->nkids; i++) {
            if (n->kids[i]->type != SST_EMU_AST_PATH ||
                !sst_emu_path_equal(r->b, &n->kids[0]->u.path,
                                    &n->kids[i]->u.path))
                continue;
            (void)sst_emu_path_format(r->b, &n->kids[0]->u.path, buf,
                                      sizeof buf);
            return sst_emu_expr_invalid(
                err, r->kind,
                "The first operand must be distinct from the "
                "remaining operands for this operator or "
                "function; operator: %s, first operand: %s",
                info->name, buf);
        }
    }
    if (n->op == SST_EMU_EXPR_OP_BETWEEN && n->nkids == 3)
        return check_between(r, n, err);
    if (n->op == SST_EMU_EXPR_OP_ATTRIBUTE_TYPE && n->nkids == 2)
        return check_attribute_type(r, n, err);
    return SST_OK;
}
