/*
 * emu/expr/resolve.c - the name- and value-dependent validation of
 * expressions (see resolve.h): resolution of one expression against the
 * placeholder maps, the update size check, and walks over resolved
 * expressions.
 *
 * Sits between the parser (parse.h), which hands the resolver's hooks
 * (resolve_hooks.c) their calls in DynamoDB's order, and the consumers of
 * resolved expressions (eval.c, keycond.c, update.c, project.c).
 * Everything here follows the order in which DynamoDB Local validates a
 * request, measured against it and recorded in docs/notes-semantics.md:
 * the maps first (resolve_bind.c), then each expression (parse, validate,
 * size), then the unused placeholders. Paths after substitution are in
 * resolve_path.c; resolve_int.h holds what these files share.
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

/* ------------------------------------------------------------------ */
/* messages                                                            */

#define M_UPDATE_TOO_LARGE                                                     \
    "Item size to update has exceeded the maximum allowed size"

enum sst_code
sst_emu_resolve_nomem(struct sst_err *err)
{
    return sst_err_set(err, SST_E_NOMEM,
                       "out of memory resolving an "
                       "expression");
}

/* ------------------------------------------------------------------ */
/* resolution                                                          */

/* The bytes of the values a SET or ADD value tree uses. */
static size_t
values_size(const struct sst_emu_bindings *b, const struct sst_emu_ast *n)
{
    const struct sst_emu_value_binding *vb;
    size_t total = 0;
    uint32_t i;

    if (n == NULL)
        return 0;
    if (n->type == SST_EMU_AST_VALUE) {
        vb = sst_emu_bindings_value(b, n->u.ref.name, n->u.ref.len);
        return vb != NULL ? vb->size : 0;
    }
    for (i = 0; n->type == SST_EMU_AST_OP && i < n->nkids; i++)
        total += values_size(b, n->kids[i]);
    return total;
}

/* DynamoDB's limit on the data an update writes: the names of the
 * attributes SET and ADD write, each distinct name of a path once, plus
 * the values they use. */
enum sst_code
sst_emu_update_check_size(const struct sst_emu_expr *upd,
                          const struct sst_emu_bindings *b, struct sst_err *err)
{
    size_t total = 0;
    uint32_t k;

    if (upd == NULL || upd->ast == NULL || upd->ast->type != SST_EMU_AST_UPDATE)
        return SST_OK;
    for (k = 0; k < upd->ast->u.update.n; k++) {
        const struct sst_emu_expr_action *act = &upd->ast->u.update.actions[k];
        uint32_t e, f;
        if (act->clause != SST_EMU_CLAUSE_SET &&
            act->clause != SST_EMU_CLAUSE_ADD)
            continue;
        for (e = 0; e < act->path.n; e++) {
            const char *name, *other;
            size_t len, olen;
            bool dup = false;
            if (!sst_emu_elem_name(b, &act->path.elems[e], &name, &len))
                continue;
            for (f = 0; f < e && !dup; f++)
                dup =
                    sst_emu_elem_name(b, &act->path.elems[f], &other, &olen) &&
                    olen == len && memcmp(other, name, len) == 0;
            if (!dup)
                total += len;
        }
        total += values_size(b, act->value);
    }
    if (total > SST_AV_MAX_ITEM_BYTES)
        return sst_err_set(err, SST_E_VALIDATION, M_UPDATE_TOO_LARGE);
    return SST_OK;
}

/* DynamoDB's size after validation: the expression with its
 * substitutions (1 MiB); for updates, sst_emu_update_check_size()
 * follows. */
static enum sst_code
check_sizes(struct resolver *r, size_t length, struct sst_err *err)
{
    size_t total = length, i;

    if (r->value_in_path)
        return sst_emu_expr_invalid(err, r->kind, "Internal server error");
    for (i = 0; i < r->b->nnames; i++)
        total += (size_t)r->name_uses[i] * r->b->names[i].name_len;
    for (i = 0; i < r->b->nvalues; i++)
        total += (size_t)r->value_uses[i] * r->b->values[i].size;
    if (total > SST_EMU_MAX_EXPR_TREE_SIZE)
        return sst_emu_expr_invalid(
            err, r->kind,
            "Expression size has exceeded the maximum allowed "
            "size;");
    return SST_OK;
}

/* The per-expression use counters of a resolver over b. */
static enum sst_code
resolver_init(struct resolver *r, struct sst_emu_arena *a,
              struct sst_emu_bindings *b, enum sst_emu_expr_kind kind,
              const struct sst_emu_ast *root, struct sst_err *err)
{
    size_t nn = b->nnames ? b->nnames : 1, nv = b->nvalues ? b->nvalues : 1;

    memset(r, 0, sizeof *r);
    r->a = a;
    r->b = b;
    r->kind = kind;
    r->root = root;
    r->name_uses = sst_emu_arena_zalloc(a, nn * sizeof *r->name_uses);
    r->value_uses = sst_emu_arena_zalloc(a, nv * sizeof *r->value_uses);
    if (r->name_uses == NULL || r->value_uses == NULL)
        return sst_emu_resolve_nomem(err);
    if (root->type == SST_EMU_AST_UPDATE ||
        root->type == SST_EMU_AST_PROJECTION) {
        r->tree = sst_emu_arena_zalloc(a, sizeof *r->tree);
        if (r->tree == NULL)
            return sst_emu_resolve_nomem(err);
    }
    return SST_OK;
}

/* The resolver's findings into out and the bindings' use counts. */
static enum sst_code
resolver_finish(struct resolver *r, struct sst_emu_ast *ast,
                struct sst_emu_expr *out, struct sst_err *err)
{
    enum sst_code rc;
    size_t i;

    if (r->tree != NULL) {
        rc = sst_emu_ptree_finish(r->a, r->tree, err);
        if (rc != SST_OK)
            return rc;
    }
    for (i = 0; i < r->b->nnames; i++)
        r->b->names[i].uses += r->name_uses[i];
    for (i = 0; i < r->b->nvalues; i++)
        r->b->values[i].uses += r->value_uses[i];
    out->ast = ast;
    out->tree = r->tree;
    return SST_OK;
}

enum sst_code
sst_emu_expr_resolve(struct sst_emu_arena *a, struct sst_emu_bindings *b,
                     const char *s, size_t len, enum sst_emu_expr_kind kind,
                     struct sst_emu_expr *out, struct sst_err *err)
{
    struct resolver r;
    struct sst_emu_expr_hooks hooks;
    struct sst_emu_ast *ast = NULL;
    enum sst_code rc;

    if (out == NULL || a == NULL || b == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "sst_emu_expr_resolve: "
                           "bad argument");
    memset(out, 0, sizeof *out);
    out->kind = kind;
    rc = sst_emu_expr_parse_syntax(a, s, len, kind, &ast, err);
    if (rc != SST_OK)
        return rc;
    rc = resolver_init(&r, a, b, kind, ast, err);
    if (rc != SST_OK)
        return rc;
    hooks.ctx = &r;
    hooks.path = sst_emu_resolve_hook_path;
    hooks.value = sst_emu_resolve_hook_value;
    hooks.op = sst_emu_resolve_hook_op;
    rc = sst_emu_expr_check(ast, kind, &hooks, err);
    if (rc != SST_OK)
        return rc;
    out->length = sst_emu_utf16_length(s, len);
    rc = check_sizes(&r, out->length, err);
    if (rc == SST_OK && kind == SST_EMU_EXPR_UPDATE) {
        struct sst_emu_expr upd = {.kind = kind, .ast = ast};
        rc = sst_emu_update_check_size(&upd, b, err);
    }
    if (rc != SST_OK)
        return rc;
    return resolver_finish(&r, ast, out, err);
}

/* Every :value of a built tree counted, as sst_emu_resolve_hook_value() counts
 * them. */
static enum sst_code
count_values(struct resolver *r, const struct sst_emu_ast *n,
             struct sst_err *err)
{
    unsigned types;
    uint32_t i;
    enum sst_code rc = SST_OK;

    if (n == NULL)
        return SST_OK;
    if (n->type == SST_EMU_AST_VALUE)
        return sst_emu_resolve_hook_value(r, n, &types, err);
    for (i = 0; n->type == SST_EMU_AST_OP && i < n->nkids && rc == SST_OK; i++)
        rc = count_values(r, n->kids[i], err);
    return rc;
}

enum sst_code
sst_emu_expr_resolve_update_tree(struct sst_emu_arena *a,
                                 struct sst_emu_bindings *b,
                                 struct sst_emu_ast *ast,
                                 struct sst_emu_expr *out, struct sst_err *err)
{
    struct resolver r;
    enum sst_code rc;
    uint32_t i;

    if (out == NULL || a == NULL || b == NULL || ast == NULL ||
        ast->type != SST_EMU_AST_UPDATE)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "sst_emu_expr_resolve_update_tree: bad argument");
    memset(out, 0, sizeof *out);
    out->kind = SST_EMU_EXPR_UPDATE;
    rc = resolver_init(&r, a, b, SST_EMU_EXPR_UPDATE, ast, err);
    /* targets, then values, last action first, as sst_emu_expr_check()
     * calls the hooks: the path tree's insertion order is the same */
    for (i = ast->u.update.n; i-- > 0 && rc == SST_OK;)
        rc = sst_emu_resolve_hook_path(&r, &ast->u.update.actions[i].path,
                                       SST_EMU_PATH_TARGET, err);
    for (i = ast->u.update.n; i-- > 0 && rc == SST_OK;)
        rc = count_values(&r, ast->u.update.actions[i].value, err);
    if (rc != SST_OK)
        return rc;
    return resolver_finish(&r, ast, out, err);
}

/* ------------------------------------------------------------------ */
/* walks over resolved expressions                                     */

struct path_walk {
    enum sst_code (*fn)(void *, const struct sst_emu_expr_path *,
                        struct sst_err *);
    void *ctx;
    struct sst_err *err;
};

static enum sst_code
walk_paths(struct path_walk *w, const struct sst_emu_ast *n)
{
    enum sst_code rc;
    uint32_t i;

    if (n == NULL)
        return SST_OK;
    switch (n->type) {
    case SST_EMU_AST_PATH:
        return w->fn(w->ctx, &n->u.path, w->err);
    case SST_EMU_AST_OP:
        for (i = 0; i < n->nkids; i++) {
            rc = walk_paths(w, n->kids[i]);
            if (rc != SST_OK)
                return rc;
        }
        return SST_OK;
    case SST_EMU_AST_UPDATE:
        for (i = 0; i < n->u.update.n; i++) {
            rc = w->fn(w->ctx, &n->u.update.actions[i].path, w->err);
            if (rc == SST_OK)
                rc = walk_paths(w, n->u.update.actions[i].value);
            if (rc != SST_OK)
                return rc;
        }
        return SST_OK;
    case SST_EMU_AST_PROJECTION:
        for (i = 0; i < n->u.projection.n; i++) {
            rc = w->fn(w->ctx, &n->u.projection.paths[i], w->err);
            if (rc != SST_OK)
                return rc;
        }
        return SST_OK;
    default:
        return SST_OK;
    }
}

enum sst_code
sst_emu_expr_foreach_path(
    const struct sst_emu_expr *e,
    enum sst_code (*fn)(void *ctx, const struct sst_emu_expr_path *path,
                        struct sst_err *err),
    void *ctx, struct sst_err *err)
{
    struct path_walk w = {fn, ctx, err};

    if (e == NULL || e->ast == NULL)
        return SST_OK;
    return walk_paths(&w, e->ast);
}

struct nested_keys {
    const struct sst_emu_bindings *b;
    const char *key;
    size_t len;
    bool found;
};

static enum sst_code
nested_key_path(void *ctx, const struct sst_emu_expr_path *p,
                struct sst_err *err)
{
    struct nested_keys *nk = ctx;
    const char *name;
    size_t len;

    (void)err;
    if (p->n > 1 && sst_emu_elem_name(nk->b, &p->elems[0], &name, &len) &&
        len == nk->len && memcmp(name, nk->key, len) == 0)
        nk->found = true;
    return SST_OK;
}

enum sst_code
sst_emu_expr_check_nested_keys(const struct sst_emu_expr *e,
                               const struct sst_emu_bindings *b,
                               const struct sst_emu_key_name *keys,
                               size_t nkeys, struct sst_err *err)
{
    struct nested_keys nk;
    size_t i;

    if (e == NULL || e->ast == NULL)
        return SST_OK;
    for (i = 0; i < nkeys; i++) {
        nk.b = b;
        nk.key = keys[i].name;
        nk.len = keys[i].len;
        nk.found = false;
        (void)sst_emu_expr_foreach_path(e, nested_key_path, &nk, err);
        if (nk.found)
            return sst_err_set(err, SST_E_VALIDATION,
                               "Key attributes must be scalars; list random "
                               "access '[]' and map lookup '.' are not "
                               "allowed: Key: %.*s",
                               (int)keys[i].len, keys[i].name);
    }
    return SST_OK;
}
