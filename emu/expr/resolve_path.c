/*
 * emu/expr/resolve_path.c - document paths after substitution of
 * ExpressionAttributeNames: element names, equality, DynamoDB's
 * rendering in messages (see resolve.h).
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
/* paths                                                               */

bool
sst_emu_elem_name(const struct sst_emu_bindings *b,
                  const struct sst_emu_expr_path_elem *e, const char **name,
                  size_t *len)
{
    const struct sst_emu_name_binding *nb;

    switch (e->type) {
    case SST_EMU_ELEM_NAME:
        *name = e->name;
        *len = e->len;
        return true;
    case SST_EMU_ELEM_NAME_REF:
        nb = sst_emu_bindings_name(b, e->name, e->len);
        if (nb == NULL || nb->name == NULL)
            return false;
        *name = nb->name;
        *len = nb->name_len;
        return true;
    default:
        return false;
    }
}

/* Two elements after substitution. */
static bool
elem_equal(const struct sst_emu_bindings *b,
           const struct sst_emu_expr_path_elem *x,
           const struct sst_emu_expr_path_elem *y)
{
    const char *xn, *yn;
    size_t xl, yl;

    if ((x->type == SST_EMU_ELEM_INDEX) != (y->type == SST_EMU_ELEM_INDEX))
        return false;
    if (x->type == SST_EMU_ELEM_INDEX)
        return x->index == y->index;
    if (x->type == SST_EMU_ELEM_VALUE_REF || y->type == SST_EMU_ELEM_VALUE_REF)
        return x->type == y->type && x->len == y->len &&
               memcmp(x->name, y->name, x->len) == 0;
    if (!sst_emu_elem_name(b, x, &xn, &xl) ||
        !sst_emu_elem_name(b, y, &yn, &yl))
        return false;
    return xl == yl && memcmp(xn, yn, xl) == 0;
}

bool
sst_emu_path_equal(const struct sst_emu_bindings *b,
                   const struct sst_emu_expr_path *x,
                   const struct sst_emu_expr_path *y)
{
    uint32_t i;

    if (x->n != y->n)
        return false;
    for (i = 0; i < x->n; i++)
        if (!elem_equal(b, &x->elems[i], &y->elems[i]))
            return false;
    return true;
}

void
sst_emu_resolve_buf_add(char *buf, size_t cap, size_t *used, const char *fmt,
                        ...)
{
    va_list ap;
    int k;

    va_start(ap, fmt);
    k = vsnprintf(*used < cap ? buf + *used : NULL,
                  *used < cap ? cap - *used : 0, fmt, ap);
    va_end(ap);
    if (k > 0)
        *used += (size_t)k;
}

size_t
sst_emu_path_format(const struct sst_emu_bindings *b,
                    const struct sst_emu_expr_path *p, char *buf, size_t cap)
{
    size_t used = 0, len;
    const char *name;
    uint32_t i;

    if (cap > 0)
        buf[0] = '\0';
    sst_emu_resolve_buf_add(buf, cap, &used, "[");
    for (i = 0; i < p->n; i++) {
        const struct sst_emu_expr_path_elem *e = &p->elems[i];
        const char *sep = i ? ", " : "";
        if (e->type == SST_EMU_ELEM_INDEX)
            sst_emu_resolve_buf_add(buf, cap, &used, "%s[%u]", sep, e->index);
        else if (sst_emu_elem_name(b, e, &name, &len))
            sst_emu_resolve_buf_add(buf, cap, &used, "%s%.*s", sep, (int)len,
                                    name);
        else
            sst_emu_resolve_buf_add(buf, cap, &used, "%s%.*s", sep, (int)e->len,
                                    e->name);
    }
    sst_emu_resolve_buf_add(buf, cap, &used, "]");
    return used;
}
