/*
 * emu/ops/partiql_where.c - a parsed PartiQL statement printed in
 * DynamoDB's expression syntax: the WHERE clause split around a key (the
 * key condition of a Query, the Key of an item) and the placeholders an
 * expression uses (emu/ops/partiql_int.h).
 */
#include <json-c/json.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sst/mem.h>

#include "emu/ops/partiql_int.h"

/* ------------------------------------------------------------------ */
/* printing                                                            */

void pq_print_node(struct sst_strbuf *b, const struct sst_pq_node *n);

static void
print_list(struct sst_strbuf *b, struct sst_pq_node *const *l, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (i > 0)
            sst_strbuf_puts(b, ", ");
        pq_print_node(b, l[i]);
    }
}

void
pq_print_node(struct sst_strbuf *b, const struct sst_pq_node *n)
{
    switch (n->kind) {
    case N_AND:
    case N_OR:
        sst_strbuf_putc(b, '(');
        pq_print_node(b, n->kid[0]);
        sst_strbuf_puts(b, n->kind == N_AND ? ") AND (" : ") OR (");
        pq_print_node(b, n->kid[1]);
        sst_strbuf_putc(b, ')');
        break;
    case N_NOT:
        sst_strbuf_puts(b, "NOT (");
        pq_print_node(b, n->kid[0]);
        sst_strbuf_putc(b, ')');
        break;
    case N_CMP:
        pq_print_node(b, n->kid[0]);
        sst_strbuf_printf(b, " %s ", n->op);
        pq_print_node(b, n->kid[1]);
        break;
    case N_BETWEEN:
        if (n->neg)
            sst_strbuf_puts(b, "NOT (");
        pq_print_node(b, n->kid[0]);
        sst_strbuf_puts(b, " BETWEEN ");
        pq_print_node(b, n->kid[1]);
        sst_strbuf_puts(b, " AND ");
        pq_print_node(b, n->kid[2]);
        if (n->neg)
            sst_strbuf_putc(b, ')');
        break;
    case N_IN:
        if (n->neg)
            sst_strbuf_puts(b, "NOT (");
        pq_print_node(b, n->kid[0]);
        sst_strbuf_puts(b, " IN (");
        print_list(b, n->list, n->n);
        sst_strbuf_putc(b, ')');
        if (n->neg)
            sst_strbuf_putc(b, ')');
        break;
    case N_CALL:
        sst_strbuf_printf(b, "%s(", n->op);
        print_list(b, n->list, n->n);
        sst_strbuf_putc(b, ')');
        break;
    case N_EXISTS:
        sst_strbuf_puts(b,
                        n->neg ? "attribute_not_exists(" : "attribute_exists(");
        pq_print_node(b, n->kid[0]);
        sst_strbuf_putc(b, ')');
        break;
    case N_PATH:
    case N_VALUE:
        sst_strbuf_puts(b, pq_node_text(n));
        break;
    }
}

/* ------------------------------------------------------------------ */
/* the WHERE clause around a key                                       */

static bool
in_names(const char *name, const char *const *names, size_t n)
{
    size_t i;

    for (i = 0; name != NULL && i < n; i++)
        if (strcmp(names[i], name) == 0)
            return true;
    return false;
}

/* Whether n names one of names at the top of a path. */
static bool
uses_name(const struct sst_pq_node *n, const char *const *names, size_t k)
{
    size_t i;

    if (n == NULL)
        return false;
    if (n->kind == N_PATH)
        return in_names(n->head, names, k);
    for (i = 0; i < 3; i++)
        if (n->kid[i] != NULL && n->kid[i] != n->kid[(i + 1) % 3] &&
            uses_name(n->kid[i], names, k))
            return true;
    for (i = 0; i < n->n; i++)
        if (uses_name(n->list[i], names, k))
            return true;
    return false;
}

/* The value's index in s->values for a :pN node. */
static struct json_object *
value_of(const struct sst_pq_stmt *s, const struct sst_pq_node *v)
{
    size_t i = (size_t)strtoul(v->text + 2, NULL, 10);

    return i < s->value_count ? s->values[i] : NULL;
}

/* path = value or value = path: the path node, its value in *v. */
static const struct sst_pq_node *
equality(const struct sst_pq_node *c, const struct sst_pq_node **v)
{
    if (c->kind != N_CMP || strcmp(c->op, "=") != 0)
        return NULL;
    if (c->kid[0]->kind == N_PATH && c->kid[1]->kind == N_VALUE) {
        *v = c->kid[1];
        return c->kid[0];
    }
    if (c->kid[1]->kind == N_PATH && c->kid[0]->kind == N_VALUE) {
        *v = c->kid[0];
        return c->kid[1];
    }
    return NULL;
}

/* A range condition a Query takes, printed path first, into b. */
static bool
range_condition(const struct sst_pq_node *c, const char *const *range,
                size_t range_n, struct sst_strbuf *b)
{
    static const char *const flip[][2] = {
        {"=", "="}, {"<", ">"}, {"<=", ">="}, {">", "<"}, {">=", "<="}};
    const struct sst_pq_node *a, *v;
    size_t i;

    if (c->kind == N_CMP) {
        bool swap = c->kid[1]->kind == N_PATH && c->kid[0]->kind == N_VALUE;

        a = swap ? c->kid[1] : c->kid[0];
        v = swap ? c->kid[0] : c->kid[1];
        if (a->kind != N_PATH || v->kind != N_VALUE ||
            !in_names(a->attr, range, range_n))
            return false;
        for (i = 0; i < sizeof flip / sizeof flip[0]; i++) {
            if (strcmp(c->op, flip[i][0]) == 0) {
                sst_strbuf_printf(b, "%s %s %s", pq_node_text(a),
                                  swap ? flip[i][1] : flip[i][0],
                                  pq_node_text(v));
                return true;
            }
        }
        return false;
    }
    if (c->kind == N_BETWEEN && !c->neg && c->kid[0]->kind == N_PATH &&
        in_names(c->kid[0]->attr, range, range_n) &&
        c->kid[1]->kind == N_VALUE && c->kid[2]->kind == N_VALUE) {
        pq_print_node(b, c);
        return true;
    }
    if (c->kind == N_CALL && strcmp(c->op, "begins_with") == 0 && c->n == 2 &&
        c->list[0]->kind == N_PATH &&
        in_names(c->list[0]->attr, range, range_n) &&
        c->list[1]->kind == N_VALUE) {
        pq_print_node(b, c);
        return true;
    }
    return false;
}

/* The top-level AND chain of n, in order, into out (count in *k). */
static void
conjuncts(const struct sst_pq_node *n, const struct sst_pq_node **out,
          size_t cap, size_t *k)
{
    if (n->kind == N_AND) {
        conjuncts(n->kid[0], out, cap, k);
        conjuncts(n->kid[1], out, cap, k);
    } else if (*k < cap) {
        out[(*k)++] = n;
    }
}

/* How many conjuncts n has (so that the array can be sized). */
static size_t
conjunct_count(const struct sst_pq_node *n)
{
    return n->kind == N_AND
               ? conjunct_count(n->kid[0]) + conjunct_count(n->kid[1])
               : 1;
}

/* ------------------------------------------------------------------ */
/* a SELECT's key conditions, as DynamoDB Local extracts them          */

static bool
is_operand(const struct sst_pq_node *n)
{
    return n->kind == N_PATH || n->kind == N_VALUE;
}

/* Whether c is a condition on operands only (DynamoDB Local's terminal
 * node): a comparison, BETWEEN, IN, a function or IS MISSING of paths
 * and values. */
static bool
terminal(const struct sst_pq_node *c)
{
    size_t i;

    if (c->kind == N_AND || c->kind == N_OR || c->kind == N_NOT ||
        is_operand(c))
        return false;
    for (i = 0; i < 3; i++)
        if (c->kid[i] != NULL && !is_operand(c->kid[i]))
            return false;
    for (i = 0; i < c->n; i++)
        if (!is_operand(c->list[i]))
            return false;
    return true;
}

/* The first path among c's operands, and how many values it has. */
static const struct sst_pq_node *
first_path(const struct sst_pq_node *c, size_t *values)
{
    const struct sst_pq_node *p = NULL, *x;
    size_t i;

    *values = 0;
    for (i = 0; i < 3 + c->n; i++) {
        x = i < 3 ? c->kid[i] : c->list[i - 3];
        if (x == NULL)
            continue;
        if (x->kind == N_PATH && p == NULL)
            p = x;
        else if (x->kind == N_VALUE)
            (*values)++;
    }
    return p;
}

/* The condition c on a sort key as a Query takes it: =, <, <=, >, >=,
 * BETWEEN, begins_with (DynamoDB Local's comparison operators). */
static bool
range_op(const struct sst_pq_node *c)
{
    if (c->kind == N_CMP)
        return strcmp(c->op, "<>") != 0 && strcmp(c->op, "!=") != 0;
    if (c->kind == N_BETWEEN)
        return !c->neg;
    return c->kind == N_CALL && strcmp(c->op, "begins_with") == 0;
}

/* Whether a and b are the same condition: the same operator on the same
 * values (DynamoDB Local keeps one of two equal conditions on a key). */
static bool
same_condition(const struct sst_pq_stmt *s, const struct sst_pq_node *a,
               const struct sst_pq_node *b)
{
    size_t i, na, nb;

    if (a->kind != b->kind || a->neg != b->neg ||
        (a->op != NULL) != (b->op != NULL) ||
        (a->op != NULL && strcmp(a->op, b->op) != 0) || a->n != b->n)
        return false;
    (void)first_path(a, &na);
    (void)first_path(b, &nb);
    if (na != nb)
        return false;
    for (i = 0; i < 3 + a->n; i++) {
        const struct sst_pq_node *x = i < 3 ? a->kid[i] : a->list[i - 3];
        const struct sst_pq_node *y = i < 3 ? b->kid[i] : b->list[i - 3];

        if ((x == NULL) != (y == NULL) || (x != NULL && x->kind != y->kind))
            return false;
        if (x != NULL && x->kind == N_VALUE &&
            !json_object_equal(value_of(s, x), value_of(s, y)))
            return false;
    }
    return true;
}

/*
 * A SELECT's split, as DynamoDB Local's KeyAndConditionExpressionExtractor
 * makes it: each condition of the top-level AND chain on operands only
 * whose (first) path is a key attribute is a key condition: on a
 * partition key = or IN, on a sort key =, <, <=, >, >=, BETWEEN or
 * begins_with, when it has values (else it stays a filter); any other
 * operator there, a second different condition on one key, or a NOT over
 * a condition on a key, and DynamoDB Local scans with the whole WHERE
 * (rest_uses_key). Everything else, conditions on keys inside OR
 * included, filters the Query.
 */
static enum sst_code
split_query(const struct sst_pq_stmt *s, const char *const *hash,
            size_t hash_n, const char *const *range, size_t range_n,
            const struct sst_pq_node **c, size_t n, bool *used,
            struct sst_pq_split *out)
{
    const struct sst_pq_node *got_hash[4] = {NULL}, *got_range = NULL;
    const struct sst_pq_node *p, *v;
    struct sst_strbuf key;
    size_t i, j, values, seen = 0;
    bool scan = false;

    for (i = 0; i < n && !scan; i++) {
        if (c[i]->kind == N_NOT || (terminal(c[i]) && c[i]->neg)) {
            const struct sst_pq_node *k =
                c[i]->kind == N_NOT ? c[i]->kid[0] : c[i];

            p = first_path(k, &values);
            scan = p != NULL && (in_names(p->attr, hash, hash_n) ||
                                 in_names(p->attr, range, range_n));
            continue;
        }
        if (!terminal(c[i]) || (p = first_path(c[i], &values)) == NULL)
            continue;
        for (j = 0; j < hash_n; j++) {
            if (p->attr == NULL || strcmp(p->attr, hash[j]) != 0)
                continue;
            if (!(c[i]->kind == N_CMP && strcmp(c[i]->op, "=") == 0) &&
                c[i]->kind != N_IN)
                scan = true;
            else if (values == 0)
                break;
            else if (got_hash[j] != NULL && !same_condition(s, got_hash[j],
                                                            c[i]))
                scan = true;
            else {
                seen += got_hash[j] == NULL;
                got_hash[j] = got_hash[j] ? got_hash[j] : c[i];
                used[i] = true;
            }
            break;
        }
        if (j < hash_n || !in_names(p->attr, range, range_n))
            continue;
        if (!range_op(c[i]))
            scan = true;
        else if (values == 0 || (c[i]->kind == N_BETWEEN && values != 2))
            continue;
        else if (got_range != NULL && !same_condition(s, got_range, c[i]))
            scan = true;
        else {
            got_range = got_range ? got_range : c[i];
            used[i] = true;
        }
    }
    out->rest_uses_key = scan;
    out->hash_found = hash_n > 0 && seen == hash_n;
    out->range_found = got_range != NULL;
    if (scan || !out->hash_found) {
        /* a Scan: the whole WHERE filters (rest lists every condition) */
        memset(used, 0, n * sizeof *used);
        return SST_OK;
    }
    sst_strbuf_init(&key, 0);
    for (j = 0; j < hash_n; j++) {
        /* IN: the first value here, all of them in in_values */
        const struct sst_pq_node *h = got_hash[j];

        p = first_path(h, &values);
        v = h->kind == N_IN ? h->list[0]
            : h->kid[0] == p ? h->kid[1] : h->kid[0];
        if (h->kind == N_IN && out->in_values == NULL) {
            out->in_values = json_object_new_array();
            for (i = 0; out->in_values != NULL && i < h->n; i++)
                if (h->list[i]->kind == N_VALUE)
                    json_object_array_add(
                        out->in_values,
                        json_object_get(value_of(s, h->list[i])));
        }
        json_object_object_add(out->key, p->attr,
                               json_object_get(value_of(s, v)));
        if (key.len > 0)
            sst_strbuf_puts(&key, " AND ");
        sst_strbuf_printf(&key, "%s = %s", pq_node_text(p), pq_node_text(v));
    }
    if (got_range != NULL) {
        struct sst_strbuf one;
        const struct sst_pq_node *r = got_range;

        sst_strbuf_init(&one, 0);
        (void)range_condition(r, range, range_n, &one);
        sst_strbuf_puts(&key, " AND ");
        sst_strbuf_append(&key, one.data, one.len);
        sst_strbuf_cleanup(&one);
        out->range_values = json_object_new_array();
        for (i = 0; out->range_values != NULL && i < 3 + r->n; i++) {
            const struct sst_pq_node *x = i < 3 ? r->kid[i] : r->list[i - 3];

            if (x != NULL && x->kind == N_VALUE)
                json_object_array_add(out->range_values,
                                      json_object_get(value_of(s, x)));
        }
    }
    if (sst_strbuf_take(&key, "a condition", &out->key_cond, NULL, NULL) !=
        SST_OK) {
        sst_strbuf_cleanup(&key);
        return SST_E_NOMEM;
    }
    sst_strbuf_cleanup(&key);
    return SST_OK;
}

enum sst_code
sst_pq_split_where(const struct sst_pq_stmt *s, const char *const *hash,
                   size_t hash_n, const char *const *range, size_t range_n,
                   bool query, struct sst_pq_split *out, struct sst_err *err)
{
    const struct sst_pq_node **c = NULL, *v;
    struct sst_strbuf key, rest;
    size_t n = 0, i, hash_seen = 0, range_seen = 0;
    bool *used = NULL, range_done = false;
    enum sst_code rc = SST_OK;

    memset(out, 0, sizeof *out);
    out->key = json_object_new_object();
    if (out->key == NULL)
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    if (s->where == NULL)
        return SST_OK;
    n = conjunct_count(s->where);
    c = sst_calloc(n, sizeof *c);
    used = sst_calloc(n, sizeof *used);
    if (c == NULL || used == NULL) {
        sst_free(c);
        sst_free(used);
        sst_pq_split_cleanup(out);
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    }
    n = 0;
    conjuncts(s->where, c, conjunct_count(s->where), &n);
    sst_strbuf_init(&key, 0);
    sst_strbuf_init(&rest, 0);
    if (query) {
        rc = split_query(s, hash, hash_n, range, range_n, c, n, used, out);
        range_done = true; /* the range condition is split_query's */
    }
    for (i = 0; !query && i < n; i++) {
        const struct sst_pq_node *path = equality(c[i], &v);
        bool is_hash = path != NULL && in_names(path->attr, hash, hash_n);
        bool is_range = path != NULL && in_names(path->attr, range, range_n);

        if ((is_hash || (is_range && !query)) &&
            json_object_object_get_ex(out->key, path->attr, NULL) != 0) {
            if (out->dup_key == NULL)
                out->dup_key = path->attr;
            continue;
        }
        if ((is_hash || (is_range && !query)) &&
            json_object_object_get_ex(out->key, path->attr, NULL) == 0) {
            struct json_object *av = value_of(s, v);

            if (json_object_object_add(out->key, path->attr,
                                       json_object_get(av)) != 0) {
                json_object_put(av);
                rc = SST_E_NOMEM;
                break;
            }
            if (is_hash)
                hash_seen++;
            else
                range_seen++;
            used[i] = true;
            if (query) {
                if (key.len > 0)
                    sst_strbuf_puts(&key, " AND ");
                sst_strbuf_printf(&key, "%s = %s", pq_node_text(path),
                                  pq_node_text(v));
            }
        }
    }
    for (i = 0; query && !range_done && i < n; i++) {
        struct sst_strbuf one;

        if (used[i])
            continue;
        sst_strbuf_init(&one, 0);
        if (range_condition(c[i], range, range_n, &one)) {
            const struct sst_pq_node *r = c[i];
            size_t j;

            out->range_values = json_object_new_array();
            for (j = 0; out->range_values != NULL && j < 3; j++) {
                const struct sst_pq_node *x =
                    j < 2 && r->kind != N_CALL   ? r->kid[j]
                    : r->kind == N_BETWEEN       ? r->kid[2]
                    : r->kind == N_CALL && j < 2 ? r->list[j]
                                                 : NULL;

                if (x != NULL && x->kind == N_VALUE)
                    json_object_array_add(out->range_values,
                                          json_object_get(value_of(s, x)));
            }
            if (key.len > 0)
                sst_strbuf_puts(&key, " AND ");
            sst_strbuf_append(&key, one.data, one.len);
            used[i] = true;
            range_done = true;
        }
        sst_strbuf_cleanup(&one);
    }
    for (i = 0; i < n; i++) {
        if (used[i])
            continue;
        if (!query &&
            (uses_name(c[i], hash, hash_n) || uses_name(c[i], range, range_n)))
            out->rest_uses_key = true;
        if (rest.len > 0)
            sst_strbuf_puts(&rest, " AND ");
        sst_strbuf_putc(&rest, '(');
        pq_print_node(&rest, c[i]);
        sst_strbuf_putc(&rest, ')');
    }
    if (!query) {
        out->hash_found = hash_seen == hash_n;
        out->range_found = range_seen == range_n;
    }
    sst_free(c);
    sst_free(used);
    if (rc == SST_OK && key.len > 0 &&
        sst_strbuf_take(&key, "a condition", &out->key_cond, NULL, NULL) !=
            SST_OK)
        rc = SST_E_NOMEM;
    if (rc == SST_OK && rest.len > 0 &&
        sst_strbuf_take(&rest, "a condition", &out->rest, NULL, NULL) != SST_OK)
        rc = SST_E_NOMEM;
    sst_strbuf_cleanup(&key);
    sst_strbuf_cleanup(&rest);
    if (rc != SST_OK) {
        sst_pq_split_cleanup(out);
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    }
    return SST_OK;
}

void
sst_pq_split_cleanup(struct sst_pq_split *sp)
{
    sst_free(sp->key_cond);
    sst_free(sp->rest);
    json_object_put(sp->key);
    json_object_put(sp->range_values);
    json_object_put(sp->in_values);
    memset(sp, 0, sizeof *sp);
}

enum sst_code
sst_pq_where_text(const struct sst_pq_stmt *s, char **out, struct sst_err *err)
{
    struct sst_strbuf b;

    *out = NULL;
    if (s->where == NULL)
        return SST_OK;
    sst_strbuf_init(&b, 0);
    pq_print_node(&b, s->where);
    if (sst_strbuf_take(&b, "a condition", out, NULL, NULL) != SST_OK)
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    return SST_OK;
}

/* Mark every #pN / :pN the text uses. */
static void
mark_used(const char *t, bool *names, size_t name_n, bool *values,
          size_t value_n)
{
    for (; t != NULL && *t != '\0'; t++) {
        bool is_name = t[0] == '#', is_value = t[0] == ':';
        char *end;
        unsigned long i;

        if ((!is_name && !is_value) || t[1] != 'p' || !pq_is_digit(t[2]))
            continue;
        i = strtoul(t + 2, &end, 10);
        if (is_name && i < name_n)
            names[i] = true;
        if (is_value && i < value_n)
            values[i] = true;
        t = end - 1;
    }
}

enum sst_code
sst_pq_add_placeholders(const struct sst_pq_stmt *s, struct json_object *req,
                        const char *const *texts, size_t n, struct sst_err *err)
{
    bool *names = sst_calloc(s->name_count + 1, sizeof *names);
    bool *values = sst_calloc(s->value_count + 1, sizeof *values);
    struct json_object *ean = NULL, *eav = NULL;
    char ph[24];
    size_t i;
    bool ok = names != NULL && values != NULL;

    for (i = 0; ok && i < n; i++)
        mark_used(texts[i], names, s->name_count, values, s->value_count);
    for (i = 0; ok && i < s->name_count; i++) {
        if (!names[i])
            continue;
        if (ean == NULL && (ean = json_object_new_object()) == NULL) {
            ok = false;
            break;
        }
        snprintf(ph, sizeof ph, "#p%zu", i);
        ok = json_object_object_add(ean, ph,
                                    json_object_new_string(s->names[i])) == 0;
    }
    for (i = 0; ok && i < s->value_count; i++) {
        if (!values[i])
            continue;
        if (eav == NULL && (eav = json_object_new_object()) == NULL) {
            ok = false;
            break;
        }
        snprintf(ph, sizeof ph, ":p%zu", i);
        ok =
            json_object_object_add(eav, ph, json_object_get(s->values[i])) == 0;
    }
    if (ok && ean != NULL)
        ok = json_object_object_add(req, "ExpressionAttributeNames", ean) == 0;
    else
        json_object_put(ean);
    if (ok && eav != NULL)
        ok = json_object_object_add(req, "ExpressionAttributeValues", eav) == 0;
    else
        json_object_put(eav);
    sst_free(names);
    sst_free(values);
    return ok ? SST_OK : sst_err_set(err, SST_E_NOMEM, "out of memory");
}
