/*
 * emu/expr/project.c - ProjectionExpression on an item (see project.h).
 *
 * DynamoDB builds the result by walking the path tree over the item: a
 * leaf takes the whole value, an inner node recurses into a map or a
 * list and is dropped when nothing below it was found; the elements of a
 * list come back in index order, compacted.
 */
#include <stdlib.h>
#include <string.h>

#include <sst/mem.h>

#include "emu/expr/avbuild.h"
#include "emu/expr/project.h"

/* The child of a map or list a tree node designates, or NULL. */
static const struct sst_av *
child_of(const struct sst_av *doc, const struct sst_emu_ptree_node *k)
{
    if (k->is_index)
        return doc->type == SST_AV_L && k->index < doc->u.list.len
                   ? doc->u.list.v[k->index]
                   : NULL;
    return doc->type == SST_AV_M ? sst_av_map_get(doc, k->name, k->len) : NULL;
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

enum sst_code
sst_emu_ptree_select(const struct sst_emu_ptree_node *tree,
                     const struct sst_av *doc, struct sst_av **out,
                     struct sst_err *err)
{
    const struct sst_emu_ptree_node **kids = NULL;
    struct sst_av *res = NULL, *sub;
    const struct sst_av *c;
    enum sst_code rc = SST_OK;
    uint32_t i, n = tree->nkids;

    *out = NULL;
    if (doc == NULL || (doc->type != SST_AV_M && doc->type != SST_AV_L) ||
        n == 0)
        return SST_OK;
    kids = sst_malloc(n * sizeof *kids);
    res = sst_av_new(doc->type);
    if (kids == NULL || res == NULL)
        goto nomem;
    for (i = 0; i < n; i++)
        kids[i] = sst_emu_ptree_child(tree, i);
    /* A list comes back in index order (DynamoDB collects into a
     * TreeMap); a map's entries follow the tree. */
    if (doc->type == SST_AV_L)
        qsort(kids, n, sizeof *kids, by_index);
    for (i = 0; i < n; i++) {
        c = child_of(doc, kids[i]);
        if (c == NULL)
            continue;
        if (kids[i]->leaf) {
            rc = sst_av_dup(c, &sub, err);
            if (rc != SST_OK)
                goto fail;
        } else {
            rc = sst_emu_ptree_select(kids[i], c, &sub, err);
            if (rc != SST_OK)
                goto fail;
            if (sub == NULL)
                continue;
        }
        rc = doc->type == SST_AV_L
                 ? sst_av_list_push(res, sub)
                 : sst_av_map_push(res, kids[i]->name, kids[i]->len, sub);
        if (rc != SST_OK) {
            sst_av_free(sub);
            goto nomem;
        }
    }
    sst_free(kids);
    if ((res->type == SST_AV_M && res->u.map.len == 0) ||
        (res->type == SST_AV_L && res->u.list.len == 0)) {
        sst_av_free(res);
        return SST_OK;
    }
    *out = res;
    return SST_OK;
nomem:
    rc = sst_err_set(err, SST_E_NOMEM, "out of memory projecting an item");
fail:
    sst_free(kids);
    sst_av_free(res);
    return rc;
}

enum sst_code
sst_emu_project(const struct sst_emu_expr *proj, const struct sst_av *item,
                struct sst_av **out, struct sst_err *err)
{
    enum sst_code rc;

    *out = NULL;
    if (proj == NULL || proj->tree == NULL || item == NULL ||
        item->type != SST_AV_M)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "sst_emu_project: bad argument");
    rc = sst_emu_ptree_select(proj->tree, item, out, err);
    if (rc == SST_OK && *out == NULL) {
        /* nothing selected: an item without attributes */
        *out = sst_av_new(SST_AV_M);
        if (*out == NULL)
            rc = sst_err_set(err, SST_E_NOMEM,
                             "out of memory projecting an item");
    }
    return rc;
}
