/*
 * emu/ops/partiql.c - DynamoDB's PartiQL statements: the parser: paths,
 * conditions and statements (see partiql.h; the lexer and values are in
 * partiql_lex.c, printing and the key split in partiql_where.c).
 *
 * A recursive descent over the statement, with a depth limit so that no
 * input can exhaust the stack. Names become #pN and values :pN as they
 * are met; the WHERE clause is kept as a tree of nodes, printed when the
 * caller has chosen which conditions go to a key.
 */
#include <json-c/json.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sst/mem.h>

#include "emu/ops/partiql_int.h"

/* ------------------------------------------------------------------ */
/* paths                                                               */

/* A name: a bare word or a "quoted" one; new string or NULL. */
static char *
parse_name(struct parser *p)
{
    char *name = NULL;

    if (p->cur.kind == T_QNAME) {
        name = pq_unquote(p);
    } else if (p->cur.kind == T_WORD) {
        name = sst_strndup(p->s + p->cur.at, p->cur.len);
        if (name == NULL)
            p->nomem = true;
    } else {
        p->bad = true;
        return NULL;
    }
    pq_next(p);
    return name;
}

/* path := name ('.' name | '[' integer ']')* as a node "#p0.#p1[2]". */
static struct sst_pq_node *
parse_path(struct parser *p)
{
    struct sst_strbuf b;
    struct sst_pq_node *n;
    long first = pq_add_name(p, parse_name(p)), i;
    bool one = true;
    char *text;

    if (first < 0)
        return NULL;
    sst_strbuf_init(&b, 0);
    sst_strbuf_printf(&b, "#p%ld", first);
    for (;;) {
        if (pq_is_punct(p, ".")) {
            pq_next(p);
            i = pq_add_name(p, parse_name(p));
            if (i < 0)
                break;
            sst_strbuf_printf(&b, ".#p%ld", i);
        } else if (pq_is_punct(p, "[")) {
            pq_next(p);
            if (p->cur.kind != T_NUMBER || p->cur.len > 9 ||
                memchr(p->s + p->cur.at, '.', p->cur.len) != NULL ||
                memchr(p->s + p->cur.at, 'e', p->cur.len) != NULL ||
                memchr(p->s + p->cur.at, 'E', p->cur.len) != NULL) {
                p->bad = true;
                break;
            }
            sst_strbuf_printf(&b, "[%.*s]", (int)p->cur.len, p->s + p->cur.at);
            pq_next(p);
            pq_expect_punct(p, "]");
        } else {
            break;
        }
        one = false;
    }
    if (p->bad || p->nomem ||
        sst_strbuf_take(&b, "a path", &text, NULL, NULL) != SST_OK) {
        if (!p->bad)
            p->nomem = true;
        sst_strbuf_cleanup(&b);
        return NULL;
    }
    n = pq_new_node(p, N_PATH);
    if (n == NULL) {
        sst_free(text);
        return NULL;
    }
    if (strlen(text) < sizeof n->text) {
        memcpy(n->text, text, strlen(text) + 1);
        sst_free(text);
    } else {
        n->long_text = text;
    }
    if (one)
        n->attr = p->st->names[first];
    n->head = p->st->names[first];
    return n;
}

/* ------------------------------------------------------------------ */
/* conditions                                                          */

static struct sst_pq_node *parse_or(struct parser *p);

static bool
is_value_start(const struct parser *p)
{
    return p->cur.kind == T_STRING || p->cur.kind == T_NUMBER ||
           pq_is_punct(p, "-") || pq_is_punct(p, "?") || pq_is_punct(p, "[") ||
           pq_is_punct(p, "{") || pq_is_punct(p, "<<") ||
           pq_is_word(p, "TRUE") || pq_is_word(p, "FALSE") ||
           pq_is_word(p, "NULL");
}

static const char *const functions[] = {
    "begins_with", "contains",         "attribute_type",
    "size",        "attribute_exists", "attribute_not_exists"};

/* A function name at the current token followed by '(', or NULL. */
static const char *
function_at(struct parser *p)
{
    size_t i, save = p->pos;
    struct tok t = p->cur;
    const char *f = NULL;

    if (p->cur.kind != T_WORD)
        return NULL;
    for (i = 0; i < sizeof functions / sizeof functions[0]; i++)
        if (pq_is_word(p, functions[i]))
            f = functions[i];
    if (f == NULL)
        return NULL;
    pq_next(p);
    if (!pq_is_punct(p, "(")) {
        p->pos = save;
        p->cur = t;
        return NULL;
    }
    pq_next(p);
    return f;
}

/* Whether the current token is a word followed by '(' (a call). */
static bool
word_call_at(struct parser *p)
{
    size_t save = p->pos;
    struct tok t = p->cur;
    bool call;

    if (p->cur.kind != T_WORD)
        return false;
    pq_next(p);
    call = pq_is_punct(p, "(");
    p->pos = save;
    p->cur = t;
    return call;
}

/* An operand: a value, a path, size(path), or a parenthesised
 * condition. */
static struct sst_pq_node *
parse_operand(struct parser *p)
{
    const char *f;
    struct sst_pq_node *n;

    if (is_value_start(p))
        return pq_value_node(p, pq_parse_value(p));
    if (pq_accept_punct(p, "(")) {
        n = parse_or(p);
        pq_expect_punct(p, ")");
        return n;
    }
    if (pq_is_word(p, "MISSING")) {
        pq_fail(p, "MISSING must be compared using IS operator");
        return NULL;
    }
    f = function_at(p);
    if (f == NULL) {
        size_t at = p->cur.at, len = p->cur.len, save = p->pos;
        struct tok t = p->cur;

        if (p->cur.kind == T_WORD) {
            pq_next(p);
            if (pq_is_punct(p, "(")) {
                pq_fail(p, "Unrecognized function: %.*s", (int)len, p->s + at);
                return NULL;
            }
            p->pos = save;
            p->cur = t;
        }
        return parse_path(p);
    }
    n = pq_new_node(p, N_CALL);
    if (n == NULL)
        return NULL;
    n->op = f;
    while (!p->bad && !p->nomem) {
        struct sst_pq_node *a = parse_operand(p);
        struct sst_pq_node **l;

        if (a == NULL)
            break;
        l = sst_realloc(n->list, (n->n + 1) * sizeof *l);
        if (l == NULL) {
            p->nomem = true;
            break;
        }
        n->list = l;
        n->list[n->n++] = a;
        if (pq_accept_punct(p, ")"))
            return n;
        pq_expect_punct(p, ",");
    }
    return NULL;
}

static struct sst_pq_node *
binary(struct parser *p, enum node_kind kind, const char *op,
       struct sst_pq_node *a, struct sst_pq_node *b)
{
    struct sst_pq_node *n;

    if (a == NULL || b == NULL)
        return NULL;
    n = pq_new_node(p, kind);
    if (n != NULL) {
        n->op = op;
        n->kid[0] = a;
        n->kid[1] = b;
    }
    return n;
}

static struct sst_pq_node *
parse_predicate(struct parser *p)
{
    static const char *const cmp[] = {"=", "<>", "!=", "<", "<=", ">", ">="};
    struct sst_pq_node *a = parse_operand(p), *n;
    bool neg;
    size_t i;

    if (a == NULL)
        return NULL;
    for (i = 0; i < sizeof cmp / sizeof cmp[0]; i++) {
        if (pq_accept_punct(p, cmp[i]))
            return binary(p, N_CMP, i == 2 ? "<>" : cmp[i], a,
                          parse_operand(p));
    }
    if (pq_accept_word(p, "IS")) {
        neg = pq_accept_word(p, "NOT");
        if (pq_accept_word(p, "MISSING")) {
            n = pq_new_node(p, N_EXISTS);
            if (n != NULL) {
                n->kid[0] = a;
                n->neg = !neg;
            }
            return n;
        }
        pq_expect_word(p, "NULL");
        /* x IS NULL: x holds the NULL type */
        n = pq_new_node(p, N_CALL);
        if (n == NULL)
            return NULL;
        n->op = "attribute_type";
        n->list = sst_calloc(2, sizeof *n->list);
        if (n->list == NULL) {
            p->nomem = true;
            return NULL;
        }
        n->n = 2;
        n->list[0] = a;
        n->list[1] =
            pq_value_node(p, pq_typed("S", json_object_new_string("NULL")));
        if (!neg || n->list[1] == NULL)
            return n->list[1] != NULL ? n : NULL;
        return binary(p, N_NOT, NULL, n, n);
    }
    neg = pq_accept_word(p, "NOT");
    if (pq_is_word(p, "LIKE")) {
        pq_fail(p, "Unsupported operator in Condition Expression. Operator: "
                   "like");
        return NULL;
    }
    if (pq_accept_word(p, "BETWEEN")) {
        struct sst_pq_node *lo = parse_operand(p), *hi;

        pq_expect_word(p, "AND");
        hi = p->bad ? NULL : parse_operand(p);
        n = binary(p, N_BETWEEN, NULL, a, lo);
        if (n == NULL || hi == NULL)
            return NULL;
        n->kid[2] = hi;
        n->neg = neg;
        return n;
    }
    if (pq_accept_word(p, "IN")) {
        const char *close = pq_is_punct(p, "[") ? "]" : ")";

        if (!pq_accept_punct(p, "[") && !pq_accept_punct(p, "(")) {
            pq_fail(p, "IN operator must have a left hand argument of type "
                       "Variable Reference and right hand argument of type Seq "
                       "with at least one member");
            return NULL;
        }
        n = pq_new_node(p, N_IN);
        if (n == NULL)
            return NULL;
        n->kid[0] = a;
        n->neg = neg;
        while (!p->bad && !p->nomem) {
            struct sst_pq_node *v = parse_operand(p), **l;

            if (v == NULL)
                return NULL;
            l = sst_realloc(n->list, (n->n + 1) * sizeof *l);
            if (l == NULL) {
                p->nomem = true;
                return NULL;
            }
            n->list = l;
            n->list[n->n++] = v;
            if (pq_accept_punct(p, close))
                return n;
            pq_expect_punct(p, ",");
        }
        return NULL;
    }
    if (neg)
        p->bad = true;
    return a;
}

static struct sst_pq_node *
parse_not(struct parser *p)
{
    struct sst_pq_node *n, *a;

    if (++p->depth > MAX_DEPTH) {
        p->bad = true;
        p->depth--;
        return NULL;
    }
    if (pq_accept_word(p, "NOT")) {
        a = parse_not(p);
        n = a == NULL ? NULL : binary(p, N_NOT, NULL, a, a);
    } else {
        n = parse_predicate(p);
    }
    p->depth--;
    return n;
}

static struct sst_pq_node *
parse_and(struct parser *p)
{
    struct sst_pq_node *n = parse_not(p);

    while (n != NULL && pq_accept_word(p, "AND"))
        n = binary(p, N_AND, NULL, n, parse_not(p));
    return n;
}

static struct sst_pq_node *
parse_or(struct parser *p)
{
    struct sst_pq_node *n;

    if (++p->depth > MAX_DEPTH) {
        p->bad = true;
        p->depth--;
        return NULL;
    }
    n = parse_and(p);
    while (n != NULL && pq_accept_word(p, "OR"))
        n = binary(p, N_OR, NULL, n, parse_and(p));
    p->depth--;
    return n;
}

/* ------------------------------------------------------------------ */
/* statements                                                          */

static char *
take(struct parser *p, struct sst_strbuf *b)
{
    char *out = NULL;

    if (b->len == 0) {
        sst_strbuf_cleanup(b);
        return NULL;
    }
    if (sst_strbuf_take(b, "an expression", &out, NULL, NULL) != SST_OK)
        p->nomem = true;
    return out;
}

/* Put action first in the ", "-separated list sec; action is emptied. */
static void
prepend(struct sst_strbuf *sec, struct sst_strbuf *action)
{
    struct sst_strbuf both;

    sst_strbuf_init(&both, 0);
    sst_strbuf_append(&both, action->data, action->len);
    if (sec->len > 0) {
        sst_strbuf_puts(&both, ", ");
        sst_strbuf_append(&both, sec->data, sec->len);
    }
    if (both.failed == SST_OK)
        both.failed = sec->failed != SST_OK ? sec->failed : action->failed;
    sst_strbuf_cleanup(sec);
    *sec = both;
    sst_strbuf_cleanup(action);
    sst_strbuf_init(action, 0);
}

/*
 * A projected path's identifier, as DynamoDB names a result column: its
 * last name with the indexes after it (a.b is "b", a.b[1] is "b[1]").
 * Two paths of one identifier are refused ("SELECT a.b, b"); false then,
 * or when out of memory. The identifiers are sst_malloc'd.
 */
static bool
add_alias(struct parser *p, char ***aliases, size_t *n, const char *text)
{
    const char *last = strrchr(text, '#'), *rest;
    char **grown, *id;
    size_t k, i;

    if (last == NULL)
        return true;
    k = (size_t)strtoul(last + 2, (char **)&rest, 10);
    if (k >= p->st->name_count)
        return true;
    id = sst_malloc(strlen(p->st->names[k]) + strlen(rest) + 1);
    if (id == NULL) {
        p->nomem = true;
        return false;
    }
    strcpy(id, p->st->names[k]);
    strcat(id, rest);
    for (i = 0; i < *n; i++) {
        if (strcmp((*aliases)[i], id) == 0) {
            pq_fail(p, "Duplicate identifiers in select clause: %s", id);
            sst_free(id);
            return false;
        }
    }
    grown = sst_realloc(*aliases, (*n + 1) * sizeof *grown);
    if (grown == NULL) {
        sst_free(id);
        p->nomem = true;
        return false;
    }
    grown[(*n)++] = id;
    *aliases = grown;
    return true;
}

static void
parse_select(struct parser *p)
{
    struct sst_pq_stmt *st = p->st;
    struct sst_strbuf b;
    struct sst_strbuf item;
    char **aliases = NULL;
    size_t alias_n = 0, i;

    st->kind = SST_PQ_SELECT;
    sst_strbuf_init(&b, 0);
    sst_strbuf_init(&item, 0);
    if (pq_is_word(p, "DISTINCT")) {
        pq_fail(p, "Unsupported token in expression: DISTINCT");
        return;
    }
    if (!pq_accept_punct(p, "*")) {
        do {
            struct sst_pq_node *n;
            size_t at = p->cur.at, len = p->cur.len;
            char pos[64];

            if (pq_is_punct(p, "?") || word_call_at(p)) {
                pq_fail(p, "Unexpected path component%s",
                        pq_where_at(p, at, len, pos, sizeof pos));
                break;
            }
            n = parse_path(p);
            if (n == NULL)
                break;
            if (!add_alias(p, &aliases, &alias_n, pq_node_text(n)))
                break;
            /* last first: DynamoDB checks a SELECT's paths for overlaps
             * in the statement's order, a ProjectionExpression's last
             * first */
            sst_strbuf_puts(&item, pq_node_text(n));
            prepend(&b, &item);
            if (pq_is_word(p, "AS")) {
                pq_fail(p, "Aliasing is not supported");
                break;
            }
        } while (pq_accept_punct(p, ","));
    }
    for (i = 0; i < alias_n; i++)
        sst_free(aliases[i]);
    sst_free(aliases);
    sst_strbuf_cleanup(&item);
    st->projection = take(p, &b);
    pq_expect_word(p, "FROM");
    if (p->bad || p->nomem)
        return;
    if (pq_is_punct(p, "?")) {
        pq_fail(p, "Unexpected from source");
        return;
    }
    st->table = parse_name(p);
    if (st->table != NULL && pq_accept_punct(p, "."))
        st->index = parse_name(p);
    if (!p->bad && (pq_is_punct(p, ",") ||
                    (p->cur.kind == T_WORD && !pq_is_word(p, "WHERE") &&
                     !pq_is_word(p, "ORDER") && !pq_is_word(p, "GROUP") &&
                     !pq_is_word(p, "LIMIT")))) {
        pq_fail(p, "Only select from a single table or index is supported.");
        return;
    }
    if (pq_accept_word(p, "WHERE"))
        st->where = parse_or(p);
    if (!p->bad && pq_is_word(p, "LIMIT")) {
        char pos[64];

        pq_next(p);
        pq_fail(p, "Unsupported clause: LIMIT%s",
                pq_where_at(p, p->cur.at, p->cur.len, pos, sizeof pos));
        return;
    }
    if (!p->bad && pq_is_word(p, "GROUP")) {
        pq_fail(p, "Unsupported clause: GROUP BY");
        return;
    }
    if (!p->bad && pq_accept_word(p, "ORDER")) {
        pq_expect_word(p, "BY");
        st->order_attr = p->bad ? NULL : parse_name(p);
        st->order = pq_accept_word(p, "DESC") ? -1 : 1;
        if (st->order == 1)
            pq_accept_word(p, "ASC");
    }
}

static void
parse_returning(struct parser *p, bool update)
{
    bool all, old;

    if (!pq_accept_word(p, "RETURNING"))
        return;
    all = pq_accept_word(p, "ALL");
    if (!all)
        pq_expect_word(p, "MODIFIED");
    old = pq_accept_word(p, "OLD");
    if (!old)
        pq_expect_word(p, "NEW");
    if (!p->bad && !pq_accept_punct(p, "*")) {
        pq_fail(p, "Expected '*' after ( MODIFIED | ALL ) ( NEW | OLD ) in "
                   "RETURNING clause");
        return;
    }
    if (!update && !(all && old) && !p->bad)
        pq_fail(p,
                "Invalid returning clause: RETURNING %s %s *. Only RETURNING "
                "ALL OLD * is allowed in DELETE statements.",
                all ? "ALL" : "MODIFIED", old ? "OLD" : "NEW");
    p->st->returning = all ? (old ? "ALL_OLD" : "ALL_NEW")
                           : (old ? "UPDATED_OLD" : "UPDATED_NEW");
}

/* The sections of the update expression an UPDATE statement becomes. */
enum section { SEC_SET, SEC_REMOVE, SEC_ADD, SEC_DELETE, SEC_COUNT };

/* SET path = value | path + value | path - value | list_append(a, b) |
 * set_add(path, set) | set_delete(path, set): one action into item;
 * returns its section. */
static enum section
parse_set_item(struct parser *p, struct sst_strbuf *item)
{
    struct sst_pq_node *path = parse_path(p), *a, *b;
    bool is_add = false, is_del = false;

    pq_expect_punct(p, "=");
    if (path == NULL || p->bad)
        return SEC_SET;
    is_add = pq_is_word(p, "set_add");
    is_del = pq_is_word(p, "set_delete");
    if (is_add || is_del || pq_is_word(p, "list_append")) {
        pq_next(p);
        pq_expect_punct(p, "(");
        a = p->bad ? NULL : parse_operand(p);
        pq_expect_punct(p, ",");
        b = p->bad ? NULL : parse_operand(p);
        pq_expect_punct(p, ")");
        if (a == NULL || b == NULL || p->bad)
            return SEC_SET;
        if (is_add || is_del) {
            /* DynamoDB's ADD and DELETE of set elements */
            sst_strbuf_printf(item, "%s %s", pq_node_text(path),
                              pq_node_text(b));
            return is_add ? SEC_ADD : SEC_DELETE;
        }
        sst_strbuf_printf(item, "%s = list_append(", pq_node_text(path));
        pq_print_node(item, a);
        sst_strbuf_puts(item, ", ");
        pq_print_node(item, b);
        sst_strbuf_putc(item, ')');
        return SEC_SET;
    }
    a = parse_operand(p);
    if (a == NULL)
        return SEC_SET;
    sst_strbuf_printf(item, "%s = ", pq_node_text(path));
    pq_print_node(item, a);
    if (pq_is_punct(p, "+") || pq_is_punct(p, "-")) {
        char op = p->s[p->cur.at];

        pq_next(p);
        b = parse_operand(p);
        if (b == NULL)
            return SEC_SET;
        sst_strbuf_printf(item, " %c ", op);
        pq_print_node(item, b);
    }
    return SEC_SET;
}

/*
 * UPDATE table SET ... REMOVE ... WHERE ...: its actions become one
 * update expression. DynamoDB checks an UPDATE's targets for overlaps in
 * the statement's order, where an UpdateExpression's are checked last
 * action first (emu/expr/resolve.c): each section lists its actions
 * last first, and the section of the earliest action comes last. Only
 * actions of two sections that interleave are checked in another order.
 */
static void
parse_update(struct parser *p)
{
    static const char *const names[SEC_COUNT] = {"SET", "REMOVE", "ADD",
                                                 "DELETE"};
    struct sst_pq_stmt *st = p->st;
    struct sst_strbuf sec[SEC_COUNT], action, all;
    size_t first[SEC_COUNT], order = 0;
    bool any = false;
    int i, j;

    st->kind = SST_PQ_UPDATE;
    st->table = parse_name(p);
    for (i = 0; i < SEC_COUNT; i++) {
        sst_strbuf_init(&sec[i], 0);
        first[i] = SIZE_MAX;
    }
    sst_strbuf_init(&action, 0);
    while (!p->bad && !p->nomem) {
        enum section in;

        if (pq_accept_word(p, "SET")) {
            do {
                in = parse_set_item(p, &action);
                if (first[in] == SIZE_MAX)
                    first[in] = order;
                order++;
                prepend(&sec[in], &action);
            } while (!p->bad && pq_accept_punct(p, ","));
        } else if (pq_accept_word(p, "REMOVE")) {
            /* one path a REMOVE: "REMOVE a, b" is not well formed */
            struct sst_pq_node *n = parse_path(p);

            if (n == NULL)
                break;
            sst_strbuf_puts(&action, pq_node_text(n));
            if (first[SEC_REMOVE] == SIZE_MAX)
                first[SEC_REMOVE] = order;
            order++;
            prepend(&sec[SEC_REMOVE], &action);
        } else {
            break;
        }
        any = true;
    }
    if (!any)
        p->bad = true;
    sst_strbuf_init(&all, 0);
    for (;;) {
        /* the section whose first action came last, of those left */
        for (j = -1, i = 0; i < SEC_COUNT; i++)
            if (sec[i].len > 0 && first[i] != SIZE_MAX &&
                (j < 0 || first[i] > first[j]))
                j = i;
        if (j < 0)
            break;
        sst_strbuf_printf(&all, "%s%s %s", all.len ? " " : "", names[j],
                          sec[j].data);
        first[j] = SIZE_MAX;
    }
    for (i = 0; i < SEC_COUNT; i++)
        sst_strbuf_cleanup(&sec[i]);
    sst_strbuf_cleanup(&action);
    st->update = take(p, &all);
    pq_expect_word(p, "WHERE");
    if (!p->bad)
        st->where = parse_or(p);
    parse_returning(p, true);
}

static void
parse_statement(struct parser *p)
{
    struct sst_pq_stmt *st = p->st;

    if (pq_accept_word(p, "SELECT")) {
        parse_select(p);
    } else if (pq_accept_word(p, "INSERT")) {
        st->kind = SST_PQ_INSERT;
        pq_expect_word(p, "INTO");
        st->table = p->bad ? NULL : parse_name(p);
        pq_expect_word(p, "VALUE");
        if (!p->bad && !pq_is_punct(p, "{")) {
            char pos[64];

            pq_fail(p,
                    "Unsupported format in item expression. Please use struct "
                    "format {...} to express item values for insert "
                    "statement.%s",
                    pq_where_at(p, p->cur.at, p->cur.len ? p->cur.len : 1, pos,
                                sizeof pos));
            return;
        }
        p->tuple = true;
        st->item = p->bad ? NULL : pq_parse_value(p);
    } else if (p->cur.kind == T_NUMBER || p->cur.kind == T_STRING ||
               pq_is_word(p, "TRUE") || pq_is_word(p, "FALSE")) {
        pq_fail(p, "Unsupported operation: Literal");
    } else if (pq_is_word(p, "NOT") && p->allow_exists) {
        pq_fail(p, "Unsupported operation in transaction.");
    } else if (pq_is_word(p, "EXISTS") && p->allow_exists) {
        pq_next(p);
        pq_expect_punct(p, "(");
        pq_expect_word(p, "SELECT");
        if (!p->bad)
            parse_select(p);
        st->kind = SST_PQ_EXISTS;
        pq_expect_punct(p, ")");
    } else if (pq_is_word(p, "EXISTS")) {
        pq_fail(p, "EXISTS can only be used in ExecuteTransaction write "
                   "requests.");
    } else if (pq_accept_word(p, "UPDATE")) {
        parse_update(p);
    } else if (pq_accept_word(p, "DELETE")) {
        st->kind = SST_PQ_DELETE;
        pq_expect_word(p, "FROM");
        st->table = p->bad ? NULL : parse_name(p);
        pq_expect_word(p, "WHERE");
        if (!p->bad)
            st->where = parse_or(p);
        parse_returning(p, false);
    } else {
        p->bad = true;
    }
    if (!p->bad && !p->nomem) {
        pq_accept_punct(p, ";");
        if (p->cur.kind != T_EOF)
            p->bad = true;
    }
}

enum sst_code
sst_pq_parse(const char *text, size_t len, const struct json_object *params,
             struct sst_pq_stmt *out, struct sst_err *err)
{
    return sst_pq_parse_ex(text, len, params, 0, out, err);
}

enum sst_code
sst_pq_parse_ex(const char *text, size_t len, const struct json_object *params,
                unsigned flags, struct sst_pq_stmt *out, struct sst_err *err)
{
    struct parser p = {0};

    memset(out, 0, sizeof *out);
    p.allow_exists = (flags & SST_PQ_ALLOW_EXISTS) != 0;
    p.s = text;
    p.len = len;
    p.st = out;
    p.params = json_object_is_type(params, json_type_array) ? params : NULL;
    snprintf(p.keypath, sizeof p.keypath, "root");
    pq_next(&p);
    parse_statement(&p);
    if (!p.nomem && !p.bad &&
        (out->table == NULL || (out->kind == SST_PQ_SELECT && out->order != 0 &&
                                out->order_attr == NULL)))
        p.bad = true;
    if (p.nomem) {
        sst_pq_cleanup(out);
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    }
    if (p.bad) {
        sst_pq_cleanup(out);
        if (p.has_msg)
            return sst_err_set(err, SST_E_VALIDATION, "%s", p.msg);
        return sst_err_set(err, SST_E_VALIDATION, SST_PQ_MSG_SYNTAX "%.*s",
                           (int)(len > 400 ? 400 : len), text);
    }
    /* more parameters than the statement uses are ignored, as DynamoDB
     * Local ignores them */
    if (out->params_used >
        (p.params != NULL ? json_object_array_length(p.params) : 0)) {
        sst_pq_cleanup(out);
        return sst_err_set(err, SST_E_VALIDATION, SST_PQ_MSG_PARAMS);
    }
    return SST_OK;
}

void
sst_pq_cleanup(struct sst_pq_stmt *s)
{
    struct sst_pq_node *n, *nx;
    size_t i;

    for (n = s->nodes; n != NULL; n = nx) {
        nx = n->next;
        sst_free(n->list);
        sst_free(n->long_text);
        sst_free(n);
    }
    for (i = 0; i < s->name_count; i++)
        sst_free(s->names[i]);
    for (i = 0; i < s->value_count; i++)
        json_object_put(s->values[i]);
    sst_free(s->names);
    sst_free(s->values);
    sst_free(s->table);
    sst_free(s->index);
    sst_free(s->projection);
    sst_free(s->order_attr);
    sst_free(s->update);
    json_object_put(s->item);
    memset(s, 0, sizeof *s);
}
