/*
 * emu/ops/partiql.c - DynamoDB's PartiQL statements: lexer, parser and
 * the translation into expression text (see partiql.h).
 *
 * A recursive descent over the statement, with a depth limit so that no
 * input can exhaust the stack. Names become #pN and values :pN as they
 * are met; the WHERE clause is kept as a tree of nodes, printed when the
 * caller has chosen which conditions go to a key.
 */
#include <json-c/json.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sst/mem.h>

#include "emu/expr/num.h"
#include "emu/ops/partiql.h"
#include "src/core/buf.h"

#define MAX_DEPTH 64

enum node_kind {
    N_AND,
    N_OR,
    N_NOT,
    N_CMP,     /* kid[0] op kid[1]                                      */
    N_BETWEEN, /* kid[0] BETWEEN kid[1] AND kid[2]; neg: NOT BETWEEN    */
    N_IN,      /* kid[0] IN (list); neg: NOT IN                         */
    N_CALL,    /* op(list): begins_with, contains, attribute_type, size */
    N_EXISTS,  /* kid[0] IS [NOT] MISSING: neg is IS MISSING            */
    N_PATH,    /* text "#p0.#p1[2]"; attr: the name when it is one name */
    N_VALUE    /* text ":p3"                                            */
};

struct sst_pq_node {
    enum node_kind kind;
    const char *op;
    bool neg;
    struct sst_pq_node *kid[3];
    struct sst_pq_node **list;
    size_t n;
    char text[24];            /* N_PATH (short ones), N_VALUE            */
    char *long_text;          /* N_PATH longer than text                 */
    const char *attr;         /* N_PATH of one name: stmt->names[i]      */
    const char *head;         /* N_PATH: its first name                  */
    struct sst_pq_node *next; /* every node, for cleanup          */
};

enum tok_kind { T_EOF, T_WORD, T_QNAME, T_STRING, T_NUMBER, T_PUNCT, T_BAD };

struct tok {
    enum tok_kind kind;
    size_t at, len; /* the token's bytes in the statement */
};

struct parser {
    const char *s;
    size_t len, pos;
    struct tok cur;
    struct sst_pq_stmt *st;
    const struct json_object *params;
    size_t param_n;
    int depth;
    int map_depth;     /* maps open around the current value           */
    char keypath[256]; /* "root" and the keys of maps below the first  */
    bool bad, nomem;
    bool has_msg;      /* msg replaces the statement-level message     */
    bool allow_exists; /* EXISTS(SELECT ...) is a statement            */
    char msg[400];
};

/* Refuse the statement with a message of its own (the first one
 * stands). */
static void SST_PRINTF(2, 3) fail(struct parser *p, const char *fmt, ...)
{
    va_list ap;

    if (!p->bad && !p->has_msg) {
        va_start(ap, fmt);
        vsnprintf(p->msg, sizeof p->msg, fmt, ap);
        va_end(ap);
        p->has_msg = true;
    }
    p->bad = true;
}

/* " at LINE:COLUMN:LENGTH" of the bytes at..at+len, as DynamoDB places
 * a token, into buf. */
static const char *
where_at(const struct parser *p, size_t at, size_t len, char *buf, size_t cap)
{
    size_t line = 1, col = 1, i;

    for (i = 0; i < at && i < p->len; i++) {
        if (p->s[i] == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
    }
    snprintf(buf, cap, " at %zu:%zu:%zu", line, col, len);
    return buf;
}

/* ------------------------------------------------------------------ */
/* lexer                                                               */

static bool
is_word_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* A quoted run from p->pos (at the quote q); doubled quotes stand for
 * one. Returns false when it never closes. */
static bool
skip_quoted(struct parser *p, char q)
{
    size_t i = p->pos + 1;

    for (; i < p->len; i++) {
        if (p->s[i] != q)
            continue;
        if (i + 1 < p->len && p->s[i + 1] == q) {
            i++;
            continue;
        }
        p->pos = i + 1;
        return true;
    }
    return false;
}

static void
next(struct parser *p)
{
    static const char *const two[] = {"<>", "!=", "<=", ">=", "<<", ">>"};
    const char *s = p->s;
    size_t i;
    char c;

    for (;;) {
        while (p->pos < p->len && (s[p->pos] == ' ' || s[p->pos] == '\t' ||
                                   s[p->pos] == '\n' || s[p->pos] == '\r'))
            p->pos++;
        if (p->pos + 1 < p->len && s[p->pos] == '-' && s[p->pos + 1] == '-') {
            while (p->pos < p->len && s[p->pos] != '\n')
                p->pos++;
        } else if (p->pos + 1 < p->len && s[p->pos] == '/' &&
                   s[p->pos + 1] == '*') {
            const char *e = NULL;
            size_t k;

            for (k = p->pos + 2; k + 1 < p->len; k++) {
                if (s[k] == '*' && s[k + 1] == '/') {
                    e = s + k;
                    break;
                }
            }
            if (e == NULL) {
                p->cur.at = p->pos;
                p->cur.kind = T_BAD;
                p->cur.len = p->len - p->pos;
                p->pos = p->len;
                return;
            }
            p->pos = (size_t)(e - s) + 2;
        } else {
            break;
        }
    }
    p->cur.at = p->pos;
    if (p->pos >= p->len) {
        p->cur.kind = T_EOF;
        p->cur.len = 0;
        return;
    }
    c = s[p->pos];
    if (is_word_start(c)) {
        while (p->pos < p->len &&
               (is_word_start(s[p->pos]) || is_digit(s[p->pos])))
            p->pos++;
        p->cur.kind = T_WORD;
    } else if (c == '"' || c == '\'') {
        p->cur.kind = c == '"' ? T_QNAME : T_STRING;
        if (!skip_quoted(p, c)) {
            p->cur.kind = T_BAD;
            p->pos = p->len;
        }
    } else if (is_digit(c) ||
               (c == '.' && p->pos + 1 < p->len && is_digit(s[p->pos + 1]))) {
        while (p->pos < p->len && is_digit(s[p->pos]))
            p->pos++;
        if (p->pos < p->len && s[p->pos] == '.') {
            p->pos++;
            while (p->pos < p->len && is_digit(s[p->pos]))
                p->pos++;
        }
        if (p->pos < p->len && (s[p->pos] == 'e' || s[p->pos] == 'E')) {
            size_t e = p->pos + 1;

            if (e < p->len && (s[e] == '+' || s[e] == '-'))
                e++;
            if (e < p->len && is_digit(s[e])) {
                while (e < p->len && is_digit(s[e]))
                    e++;
                p->pos = e;
            }
        }
        p->cur.kind = T_NUMBER;
    } else {
        p->cur.kind = T_PUNCT;
        p->pos++;
        for (i = 0; i < sizeof two / sizeof two[0]; i++) {
            if (p->pos < p->len && c == two[i][0] && s[p->pos] == two[i][1]) {
                p->pos++;
                break;
            }
        }
        if (i == sizeof two / sizeof two[0] &&
            (strchr("()[]{},.:;*?=<>+-", c) == NULL || c == '\0'))
            p->cur.kind = T_BAD;
    }
    p->cur.len = p->pos - p->cur.at;
}

static bool
is_punct(const struct parser *p, const char *t)
{
    return p->cur.kind == T_PUNCT && p->cur.len == strlen(t) &&
           memcmp(p->s + p->cur.at, t, p->cur.len) == 0;
}

static bool
is_word(const struct parser *p, const char *w)
{
    return p->cur.kind == T_WORD && p->cur.len == strlen(w) &&
           strncasecmp(p->s + p->cur.at, w, p->cur.len) == 0;
}

static bool
accept_punct(struct parser *p, const char *t)
{
    if (!is_punct(p, t))
        return false;
    next(p);
    return true;
}

static bool
accept_word(struct parser *p, const char *w)
{
    if (!is_word(p, w))
        return false;
    next(p);
    return true;
}

static void
expect_punct(struct parser *p, const char *t)
{
    if (!accept_punct(p, t))
        p->bad = true;
}

static void
expect_word(struct parser *p, const char *w)
{
    if (!accept_word(p, w))
        p->bad = true;
}

/* The text of the current quoted token without its quotes, doubled
 * quotes undone; a new sst_malloc'd string, or NULL (nomem set). */
static char *
unquote(struct parser *p)
{
    const char *s = p->s + p->cur.at + 1;
    size_t n = p->cur.len - 2, i, o = 0;
    char *out = sst_malloc(n + 1);

    if (out == NULL) {
        p->nomem = true;
        return NULL;
    }
    for (i = 0; i < n; i++) {
        out[o++] = s[i];
        if (s[i] == s[-1] && i + 1 < n)
            i++;
    }
    out[o] = '\0';
    return out;
}

/* ------------------------------------------------------------------ */
/* placeholders and nodes                                              */

static bool
grow(void *arr, size_t *cap, size_t count, size_t size)
{
    void **a = arr, *n;
    size_t c = *cap ? *cap * 2 : 8;

    if (count < *cap)
        return true;
    n = sst_realloc(*a, c * size);
    if (n == NULL)
        return false;
    *a = n;
    *cap = c;
    return true;
}

/* The index of name among the statement's names, added when new; name is
 * taken. -1 when out of memory. */
static long
add_name(struct parser *p, char *name)
{
    struct sst_pq_stmt *st = p->st;
    size_t i;

    if (name == NULL)
        return -1;
    for (i = 0; i < st->name_count; i++) {
        if (strcmp(st->names[i], name) == 0) {
            sst_free(name);
            return (long)i;
        }
    }
    if (!grow(&st->names, &st->name_cap, st->name_count, sizeof(char *))) {
        sst_free(name);
        p->nomem = true;
        return -1;
    }
    st->names[st->name_count] = name;
    return (long)st->name_count++;
}

static struct sst_pq_node *
new_node(struct parser *p, enum node_kind kind)
{
    struct sst_pq_node *n = sst_calloc(1, sizeof *n);

    if (n == NULL) {
        p->nomem = true;
        return NULL;
    }
    n->kind = kind;
    n->next = p->st->nodes;
    p->st->nodes = n;
    return n;
}

static const char *
node_text(const struct sst_pq_node *n)
{
    return n->long_text != NULL ? n->long_text : n->text;
}

/* A value node for v (taken). */
static struct sst_pq_node *
value_node(struct parser *p, struct json_object *v)
{
    struct sst_pq_stmt *st = p->st;
    struct sst_pq_node *n;

    if (v == NULL) {
        p->nomem = true;
        return NULL;
    }
    if (!grow(&st->values, &st->value_cap, st->value_count,
              sizeof(struct json_object *))) {
        json_object_put(v);
        p->nomem = true;
        return NULL;
    }
    st->values[st->value_count] = v;
    n = new_node(p, N_VALUE);
    if (n != NULL)
        snprintf(n->text, sizeof n->text, ":p%zu", st->value_count);
    st->value_count++;
    return n;
}

/* ------------------------------------------------------------------ */
/* values                                                              */

static struct json_object *parse_value(struct parser *p);

static struct json_object *
typed(const char *type, struct json_object *v)
{
    struct json_object *o;

    if (v == NULL)
        return NULL;
    o = json_object_new_object();
    if (o == NULL || json_object_object_add(o, type, v) != 0) {
        json_object_put(v);
        json_object_put(o);
        return NULL;
    }
    return o;
}

/* The one type of an AttributeValue object ("S", "N", ...), or NULL. */
static const char *
av_type(struct json_object *v)
{
    struct json_object_iterator it, end;

    if (!json_object_is_type(v, json_type_object) ||
        json_object_object_length(v) != 1)
        return NULL;
    it = json_object_iter_begin(v);
    end = json_object_iter_end(v);
    return json_object_iter_equal(&it, &end) ? NULL
                                             : json_object_iter_peek_name(&it);
}

/* Whether the set elements arr already hold v (an element of type t,
 * "S" or "N"): numbers compare by value, as DynamoDB's sets do. */
static bool
set_holds(struct json_object *arr, struct json_object *v, const char *t)
{
    const char *a = json_object_get_string(v);
    size_t i, n = json_object_array_length(arr);

    for (i = 0; i < n; i++) {
        const char *b =
            json_object_get_string(json_object_array_get_idx(arr, i));

        if (t[0] != 'N') {
            if (strcmp(a, b) == 0)
                return true;
        } else {
            struct sst_num x, y;
            bool same = false;

            sst_num_init(&x);
            sst_num_init(&y);
            if (sst_num_parse(&x, a, strlen(a), NULL) == SST_OK &&
                sst_num_parse(&y, b, strlen(b), NULL) == SST_OK)
                same = sst_num_cmp(&x, &y) == 0;
            sst_num_cleanup(&x);
            sst_num_cleanup(&y);
            if (same)
                return true;
        }
    }
    return false;
}

/* One element of <<...>>, added to the set c (its type in *set_type). */
static void
set_element(struct parser *p, struct json_object *c, const char **set_type)
{
    size_t at = p->cur.at, len = p->cur.len;
    struct json_object *v = parse_value(p), *inner = NULL;
    const char *t = v != NULL ? av_type(v) : NULL;
    char pos[64];

    if (v == NULL)
        return;
    if (t == NULL ||
        (strcmp(t, "S") != 0 && strcmp(t, "N") != 0 && strcmp(t, "B") != 0) ||
        (*set_type != NULL && (*set_type)[0] != t[0])) {
        json_object_put(v);
        fail(p,
             "Unsupported data type in Bag. DynamoDB only supports either "
             "numbers or strings in bags%s",
             where_at(p, at, len, pos, sizeof pos));
        return;
    }
    *set_type = *set_type != NULL ? *set_type
                : t[0] == 'S'     ? "SS"
                : t[0] == 'N'     ? "NS"
                                  : "BS";
    json_object_object_get_ex(v, t, &inner);
    if (t[0] != 'B' && set_holds(c, inner, t)) {
        json_object_put(v);
        fail(p, "Input collection contains duplicates");
        return;
    }
    if (json_object_array_add(c, json_object_get(inner)) != 0) {
        json_object_put(inner);
        p->nomem = true;
    }
    json_object_put(v);
}

/* 'key': value of a map literal, added to c. */
static void
map_member(struct parser *p, struct json_object *c)
{
    size_t at = p->cur.at, len = p->cur.len, mark = strlen(p->keypath);
    char pos[64], *key;
    struct json_object *v;

    if (p->cur.kind != T_STRING) {
        if (p->cur.kind == T_QNAME || p->cur.kind == T_WORD)
            fail(p,
                 "Tuple keys must be of type String. Actual type: "
                 "VariableReference under %s%s",
                 p->keypath, where_at(p, at, len, pos, sizeof pos));
        p->bad = true;
        return;
    }
    key = unquote(p);
    if (key == NULL)
        return;
    if (json_object_object_get_ex(c, key, NULL)) {
        fail(p, "Duplicate keys in tuple. Key: %s under %s%s", key, p->keypath,
             where_at(p, at, len, pos, sizeof pos));
        sst_free(key);
        return;
    }
    next(p);
    expect_punct(p, ":");
    if (p->map_depth > 1)
        snprintf(p->keypath + mark, sizeof p->keypath - mark, ".%s", key);
    v = p->bad ? NULL : parse_value(p);
    p->keypath[mark] = '\0';
    if (v != NULL && json_object_object_add(c, key, v) != 0) {
        json_object_put(v);
        p->nomem = true;
    }
    sst_free(key);
}

/* [v, ...], {'k': v, ...} or <<v, ...>> after its opening token (at
 * open_at). */
static struct json_object *
parse_collection(struct parser *p, char open, size_t open_at)
{
    const char *close = open == '[' ? "]" : open == '{' ? "}" : ">>";
    struct json_object *c =
        open == '{' ? json_object_new_object() : json_object_new_array();
    const char *set_type = NULL;
    char pos[64];

    if (c == NULL) {
        p->nomem = true;
        return NULL;
    }
    p->map_depth += open == '{';
    if (accept_punct(p, close)) {
        if (open == '<')
            fail(p, "Empty bags are not supported%s",
                 where_at(p, open_at, 2, pos, sizeof pos));
        goto done;
    }
    while (!p->bad && !p->nomem) {
        if (open == '{') {
            map_member(p, c);
        } else if (open == '<') {
            set_element(p, c, &set_type);
        } else {
            struct json_object *v = parse_value(p);

            if (v != NULL && json_object_array_add(c, v) != 0) {
                json_object_put(v);
                p->nomem = true;
            }
        }
        if (p->bad || p->nomem)
            break;
        if (accept_punct(p, close))
            goto done;
        expect_punct(p, ",");
    }
done:
    p->map_depth -= open == '{';
    if (p->bad || p->nomem) {
        json_object_put(c);
        return NULL;
    }
    if (open == '<')
        return typed(set_type, c);
    return typed(open == '[' ? "L" : "M", c);
}

/* A literal, a parameter or a collection: an AttributeValue. */
static struct json_object *
parse_value(struct parser *p)
{
    struct json_object *v = NULL;
    char pos[64];

    if (++p->depth > MAX_DEPTH) {
        p->bad = true;
        goto out;
    }
    if (p->cur.kind == T_STRING) {
        char *s = unquote(p);

        if (s != NULL)
            v = typed("S", json_object_new_string(s));
        sst_free(s);
        next(p);
    } else if (p->cur.kind == T_NUMBER ||
               (is_punct(p, "-") && p->pos < p->len)) {
        bool minus = accept_punct(p, "-");
        char buf[64];

        if (p->cur.kind != T_NUMBER || p->cur.len + 2 > sizeof buf) {
            /* numbers of over 62 characters are not numbers DynamoDB
             * takes (38 digits): refused as not well formed */
            p->bad = true;
            goto out;
        }
        snprintf(buf, sizeof buf, "%s%.*s", minus ? "-" : "", (int)p->cur.len,
                 p->s + p->cur.at);
        v = typed("N", json_object_new_string(buf));
        next(p);
    } else if (is_word(p, "TRUE") || is_word(p, "FALSE")) {
        v = typed("BOOL", json_object_new_boolean(is_word(p, "TRUE")));
        next(p);
    } else if (is_word(p, "NULL")) {
        v = typed("NULL", json_object_new_boolean(1));
        next(p);
    } else if (is_punct(p, "?")) {
        size_t n = p->params != NULL ? json_object_array_length(p->params) : 0;

        if (p->map_depth > 1) {
            fail(p, "Unsupported data type: Parameter under key %s%s",
                 p->keypath,
                 where_at(p, p->cur.at, p->cur.len, pos, sizeof pos));
            goto out;
        }
        if (p->st->params_used < n)
            v = json_object_get(
                json_object_array_get_idx(p->params, p->st->params_used));
        else
            v = typed("NULL", json_object_new_boolean(1)); /* counted */
        p->st->params_used++;
        next(p);
    } else if (is_punct(p, "[") || is_punct(p, "{") || is_punct(p, "<<")) {
        char open = p->s[p->cur.at];
        size_t at = p->cur.at;

        next(p);
        v = parse_collection(p, open, at);
        goto out;
    } else {
        if (p->map_depth > 0 &&
            (p->cur.kind == T_WORD || p->cur.kind == T_QNAME)) {
            char *name = p->cur.kind == T_QNAME
                             ? unquote(p)
                             : sst_strndup(p->s + p->cur.at, p->cur.len);

            if (name != NULL)
                fail(p, "Unsupported data type: %s under key %s%s", name,
                     p->keypath,
                     where_at(p, p->cur.at, p->cur.len, pos, sizeof pos));
            sst_free(name);
        }
        p->bad = true;
        goto out;
    }
    if (v == NULL)
        p->nomem = true;
out:
    p->depth--;
    return v;
}

/* ------------------------------------------------------------------ */
/* paths                                                               */

/* A name: a bare word or a "quoted" one; new string or NULL. */
static char *
parse_name(struct parser *p)
{
    char *name = NULL;

    if (p->cur.kind == T_QNAME) {
        name = unquote(p);
    } else if (p->cur.kind == T_WORD) {
        name = sst_strndup(p->s + p->cur.at, p->cur.len);
        if (name == NULL)
            p->nomem = true;
    } else {
        p->bad = true;
        return NULL;
    }
    next(p);
    return name;
}

/* path := name ('.' name | '[' integer ']')* as a node "#p0.#p1[2]". */
static struct sst_pq_node *
parse_path(struct parser *p)
{
    struct sst_strbuf b;
    struct sst_pq_node *n;
    long first = add_name(p, parse_name(p)), i;
    bool one = true;
    char *text;

    if (first < 0)
        return NULL;
    sst_strbuf_init(&b, 0);
    sst_strbuf_printf(&b, "#p%ld", first);
    for (;;) {
        if (is_punct(p, ".")) {
            next(p);
            i = add_name(p, parse_name(p));
            if (i < 0)
                break;
            sst_strbuf_printf(&b, ".#p%ld", i);
        } else if (is_punct(p, "[")) {
            next(p);
            if (p->cur.kind != T_NUMBER || p->cur.len > 9 ||
                memchr(p->s + p->cur.at, '.', p->cur.len) != NULL ||
                memchr(p->s + p->cur.at, 'e', p->cur.len) != NULL ||
                memchr(p->s + p->cur.at, 'E', p->cur.len) != NULL) {
                p->bad = true;
                break;
            }
            sst_strbuf_printf(&b, "[%.*s]", (int)p->cur.len, p->s + p->cur.at);
            next(p);
            expect_punct(p, "]");
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
    n = new_node(p, N_PATH);
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
           is_punct(p, "-") || is_punct(p, "?") || is_punct(p, "[") ||
           is_punct(p, "{") || is_punct(p, "<<") || is_word(p, "TRUE") ||
           is_word(p, "FALSE") || is_word(p, "NULL");
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
        if (is_word(p, functions[i]))
            f = functions[i];
    if (f == NULL)
        return NULL;
    next(p);
    if (!is_punct(p, "(")) {
        p->pos = save;
        p->cur = t;
        return NULL;
    }
    next(p);
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
    next(p);
    call = is_punct(p, "(");
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
        return value_node(p, parse_value(p));
    if (accept_punct(p, "(")) {
        n = parse_or(p);
        expect_punct(p, ")");
        return n;
    }
    f = function_at(p);
    if (f == NULL) {
        size_t at = p->cur.at, len = p->cur.len, save = p->pos;
        struct tok t = p->cur;

        if (p->cur.kind == T_WORD) {
            next(p);
            if (is_punct(p, "(")) {
                fail(p, "Unrecognized function: %.*s", (int)len, p->s + at);
                return NULL;
            }
            p->pos = save;
            p->cur = t;
        }
        return parse_path(p);
    }
    n = new_node(p, N_CALL);
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
        if (accept_punct(p, ")"))
            return n;
        expect_punct(p, ",");
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
    n = new_node(p, kind);
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
        if (accept_punct(p, cmp[i]))
            return binary(p, N_CMP, i == 2 ? "<>" : cmp[i], a,
                          parse_operand(p));
    }
    if (accept_word(p, "IS")) {
        neg = accept_word(p, "NOT");
        if (accept_word(p, "MISSING")) {
            n = new_node(p, N_EXISTS);
            if (n != NULL) {
                n->kid[0] = a;
                n->neg = !neg;
            }
            return n;
        }
        expect_word(p, "NULL");
        /* x IS NULL: x holds the NULL type */
        n = new_node(p, N_CALL);
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
        n->list[1] = value_node(p, typed("S", json_object_new_string("NULL")));
        if (!neg || n->list[1] == NULL)
            return n->list[1] != NULL ? n : NULL;
        return binary(p, N_NOT, NULL, n, n);
    }
    neg = accept_word(p, "NOT");
    if (is_word(p, "LIKE")) {
        fail(p, "Unsupported operator in Condition Expression. Operator: "
                "like");
        return NULL;
    }
    if (accept_word(p, "BETWEEN")) {
        struct sst_pq_node *lo = parse_operand(p), *hi;

        expect_word(p, "AND");
        hi = p->bad ? NULL : parse_operand(p);
        n = binary(p, N_BETWEEN, NULL, a, lo);
        if (n == NULL || hi == NULL)
            return NULL;
        n->kid[2] = hi;
        n->neg = neg;
        return n;
    }
    if (accept_word(p, "IN")) {
        const char *close = is_punct(p, "[") ? "]" : ")";

        if (!accept_punct(p, "[") && !accept_punct(p, "(")) {
            fail(p, "IN operator must have a left hand argument of type "
                    "Variable Reference and right hand argument of type Seq "
                    "with at least one member");
            return NULL;
        }
        n = new_node(p, N_IN);
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
            if (accept_punct(p, close))
                return n;
            expect_punct(p, ",");
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
    if (accept_word(p, "NOT")) {
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

    while (n != NULL && accept_word(p, "AND"))
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
    while (n != NULL && accept_word(p, "OR"))
        n = binary(p, N_OR, NULL, n, parse_and(p));
    p->depth--;
    return n;
}

/* ------------------------------------------------------------------ */
/* printing                                                            */

static void print_node(struct sst_strbuf *b, const struct sst_pq_node *n);

static void
print_list(struct sst_strbuf *b, struct sst_pq_node *const *l, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (i > 0)
            sst_strbuf_puts(b, ", ");
        print_node(b, l[i]);
    }
}

static void
print_node(struct sst_strbuf *b, const struct sst_pq_node *n)
{
    switch (n->kind) {
    case N_AND:
    case N_OR:
        sst_strbuf_putc(b, '(');
        print_node(b, n->kid[0]);
        sst_strbuf_puts(b, n->kind == N_AND ? ") AND (" : ") OR (");
        print_node(b, n->kid[1]);
        sst_strbuf_putc(b, ')');
        break;
    case N_NOT:
        sst_strbuf_puts(b, "NOT (");
        print_node(b, n->kid[0]);
        sst_strbuf_putc(b, ')');
        break;
    case N_CMP:
        print_node(b, n->kid[0]);
        sst_strbuf_printf(b, " %s ", n->op);
        print_node(b, n->kid[1]);
        break;
    case N_BETWEEN:
        if (n->neg)
            sst_strbuf_puts(b, "NOT (");
        print_node(b, n->kid[0]);
        sst_strbuf_puts(b, " BETWEEN ");
        print_node(b, n->kid[1]);
        sst_strbuf_puts(b, " AND ");
        print_node(b, n->kid[2]);
        if (n->neg)
            sst_strbuf_putc(b, ')');
        break;
    case N_IN:
        if (n->neg)
            sst_strbuf_puts(b, "NOT (");
        print_node(b, n->kid[0]);
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
        print_node(b, n->kid[0]);
        sst_strbuf_putc(b, ')');
        break;
    case N_PATH:
    case N_VALUE:
        sst_strbuf_puts(b, node_text(n));
        break;
    }
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

/* Whether the ", "-separated list holds item. */
static bool
in_list(const char *list, const char *item)
{
    size_t n = strlen(item);

    while (list != NULL && *list != '\0') {
        const char *e = strstr(list, ", ");
        size_t len = e != NULL ? (size_t)(e - list) : strlen(list);

        if (len == n && memcmp(list, item, n) == 0)
            return true;
        list = e != NULL ? e + 2 : NULL;
    }
    return false;
}

static void
parse_select(struct parser *p)
{
    struct sst_pq_stmt *st = p->st;
    struct sst_strbuf b;

    st->kind = SST_PQ_SELECT;
    sst_strbuf_init(&b, 0);
    if (is_word(p, "DISTINCT")) {
        fail(p, "Unsupported token in expression: DISTINCT");
        return;
    }
    if (!accept_punct(p, "*")) {
        do {
            struct sst_pq_node *n;
            size_t at = p->cur.at, len = p->cur.len;
            char pos[64];

            if (is_punct(p, "?") || word_call_at(p)) {
                fail(p, "Unexpected path component%s",
                     where_at(p, at, len, pos, sizeof pos));
                break;
            }
            n = parse_path(p);
            if (n == NULL)
                break;
            if (in_list(b.data, node_text(n))) {
                const char *last = strrchr(node_text(n), '#');
                size_t k = (size_t)strtoul(last + 2, NULL, 10);

                fail(p, "Duplicate identifiers in select clause: %s",
                     k < st->name_count ? st->names[k] : "");
                break;
            }
            if (b.len > 0)
                sst_strbuf_puts(&b, ", ");
            sst_strbuf_puts(&b, node_text(n));
            if (is_word(p, "AS")) {
                fail(p, "Aliasing is not supported");
                break;
            }
        } while (accept_punct(p, ","));
    }
    st->projection = take(p, &b);
    expect_word(p, "FROM");
    if (p->bad || p->nomem)
        return;
    if (is_punct(p, "?")) {
        fail(p, "Unexpected from source");
        return;
    }
    st->table = parse_name(p);
    if (st->table != NULL && accept_punct(p, "."))
        st->index = parse_name(p);
    if (!p->bad &&
        (is_punct(p, ",") || (p->cur.kind == T_WORD && !is_word(p, "WHERE") &&
                              !is_word(p, "ORDER") && !is_word(p, "GROUP") &&
                              !is_word(p, "LIMIT")))) {
        fail(p, "Only select from a single table or index is supported.");
        return;
    }
    if (accept_word(p, "WHERE"))
        st->where = parse_or(p);
    if (!p->bad && is_word(p, "LIMIT")) {
        char pos[64];

        next(p);
        fail(p, "Unsupported clause: LIMIT%s",
             where_at(p, p->cur.at, p->cur.len, pos, sizeof pos));
        return;
    }
    if (!p->bad && is_word(p, "GROUP")) {
        fail(p, "Unsupported clause: GROUP BY");
        return;
    }
    if (!p->bad && accept_word(p, "ORDER")) {
        expect_word(p, "BY");
        st->order_attr = p->bad ? NULL : parse_name(p);
        st->order = accept_word(p, "DESC") ? -1 : 1;
        if (st->order == 1)
            accept_word(p, "ASC");
    }
}

static void
parse_returning(struct parser *p, bool update)
{
    bool all, old;

    if (!accept_word(p, "RETURNING"))
        return;
    all = accept_word(p, "ALL");
    if (!all)
        expect_word(p, "MODIFIED");
    old = accept_word(p, "OLD");
    if (!old)
        expect_word(p, "NEW");
    if (!p->bad && !accept_punct(p, "*")) {
        fail(p, "Expected '*' after ( MODIFIED | ALL ) ( NEW | OLD ) in "
                "RETURNING clause");
        return;
    }
    if (!update && !(all && old) && !p->bad)
        fail(p,
             "Invalid returning clause: RETURNING %s %s *. Only RETURNING "
             "ALL OLD * is allowed in DELETE statements.",
             all ? "ALL" : "MODIFIED", old ? "OLD" : "NEW");
    p->st->returning = all ? (old ? "ALL_OLD" : "ALL_NEW")
                           : (old ? "UPDATED_OLD" : "UPDATED_NEW");
}

/* SET path = value | path + value | path - value | list_append(a, b) |
 * set_add(path, set) | set_delete(path, set). */
static void
parse_set_item(struct parser *p, struct sst_strbuf *set, struct sst_strbuf *add,
               struct sst_strbuf *del)
{
    struct sst_pq_node *path = parse_path(p), *a, *b;
    struct sst_strbuf *to = set;
    bool is_add = false, is_del = false;

    expect_punct(p, "=");
    if (path == NULL || p->bad)
        return;
    is_add = is_word(p, "set_add");
    is_del = is_word(p, "set_delete");
    if (is_add || is_del || is_word(p, "list_append")) {
        const char *f = is_add   ? "set_add"
                        : is_del ? "set_delete"
                                 : "list_append";

        next(p);
        expect_punct(p, "(");
        a = p->bad ? NULL : parse_operand(p);
        expect_punct(p, ",");
        b = p->bad ? NULL : parse_operand(p);
        expect_punct(p, ")");
        if (a == NULL || b == NULL || p->bad)
            return;
        if (is_add || is_del) {
            /* DynamoDB's ADD and DELETE of set elements */
            to = is_add ? add : del;
            if (to->len > 0)
                sst_strbuf_puts(to, ", ");
            sst_strbuf_printf(to, "%s %s", node_text(path), node_text(b));
            (void)f;
            return;
        }
        if (to->len > 0)
            sst_strbuf_puts(to, ", ");
        sst_strbuf_printf(to, "%s = list_append(", node_text(path));
        print_node(to, a);
        sst_strbuf_puts(to, ", ");
        print_node(to, b);
        sst_strbuf_putc(to, ')');
        return;
    }
    a = parse_operand(p);
    if (a == NULL)
        return;
    if (to->len > 0)
        sst_strbuf_puts(to, ", ");
    sst_strbuf_printf(to, "%s = ", node_text(path));
    print_node(to, a);
    if (is_punct(p, "+") || is_punct(p, "-")) {
        char op = p->s[p->cur.at];

        next(p);
        b = parse_operand(p);
        if (b == NULL)
            return;
        sst_strbuf_printf(to, " %c ", op);
        print_node(to, b);
    }
}

static void
parse_update(struct parser *p)
{
    struct sst_pq_stmt *st = p->st;
    struct sst_strbuf set, rem, add, del, all;
    bool any = false;

    st->kind = SST_PQ_UPDATE;
    st->table = parse_name(p);
    sst_strbuf_init(&set, 0);
    sst_strbuf_init(&rem, 0);
    sst_strbuf_init(&add, 0);
    sst_strbuf_init(&del, 0);
    while (!p->bad && !p->nomem) {
        if (accept_word(p, "SET")) {
            do
                parse_set_item(p, &set, &add, &del);
            while (!p->bad && accept_punct(p, ","));
        } else if (accept_word(p, "REMOVE")) {
            /* one path a REMOVE: "REMOVE a, b" is not well formed */
            struct sst_pq_node *n = parse_path(p);

            if (n == NULL)
                break;
            if (rem.len > 0)
                sst_strbuf_puts(&rem, ", ");
            sst_strbuf_puts(&rem, node_text(n));
        } else {
            break;
        }
        any = true;
    }
    if (!any)
        p->bad = true;
    sst_strbuf_init(&all, 0);
    if (set.len > 0)
        sst_strbuf_printf(&all, "SET %s", set.data);
    if (rem.len > 0)
        sst_strbuf_printf(&all, "%sREMOVE %s", all.len ? " " : "", rem.data);
    if (add.len > 0)
        sst_strbuf_printf(&all, "%sADD %s", all.len ? " " : "", add.data);
    if (del.len > 0)
        sst_strbuf_printf(&all, "%sDELETE %s", all.len ? " " : "", del.data);
    sst_strbuf_cleanup(&set);
    sst_strbuf_cleanup(&rem);
    sst_strbuf_cleanup(&add);
    sst_strbuf_cleanup(&del);
    st->update = take(p, &all);
    expect_word(p, "WHERE");
    if (!p->bad)
        st->where = parse_or(p);
    parse_returning(p, true);
}

static void
parse_statement(struct parser *p)
{
    struct sst_pq_stmt *st = p->st;

    if (accept_word(p, "SELECT")) {
        parse_select(p);
    } else if (accept_word(p, "INSERT")) {
        st->kind = SST_PQ_INSERT;
        expect_word(p, "INTO");
        st->table = p->bad ? NULL : parse_name(p);
        expect_word(p, "VALUE");
        if (!p->bad && !is_punct(p, "{")) {
            char pos[64];

            fail(p,
                 "Unsupported format in item expression. Please use struct "
                 "format {...} to express item values for insert "
                 "statement.%s",
                 where_at(p, p->cur.at, p->cur.len ? p->cur.len : 1, pos,
                          sizeof pos));
            return;
        }
        st->item = p->bad ? NULL : parse_value(p);
    } else if (p->cur.kind == T_NUMBER || p->cur.kind == T_STRING ||
               is_word(p, "TRUE") || is_word(p, "FALSE")) {
        fail(p, "Unsupported operation: Literal");
    } else if (is_word(p, "NOT") && p->allow_exists) {
        fail(p, "Unsupported operation in transaction.");
    } else if (is_word(p, "EXISTS") && p->allow_exists) {
        next(p);
        expect_punct(p, "(");
        expect_word(p, "SELECT");
        if (!p->bad)
            parse_select(p);
        st->kind = SST_PQ_EXISTS;
        expect_punct(p, ")");
    } else if (is_word(p, "EXISTS")) {
        fail(p, "EXISTS can only be used in ExecuteTransaction write "
                "requests.");
    } else if (accept_word(p, "UPDATE")) {
        parse_update(p);
    } else if (accept_word(p, "DELETE")) {
        st->kind = SST_PQ_DELETE;
        expect_word(p, "FROM");
        st->table = p->bad ? NULL : parse_name(p);
        expect_word(p, "WHERE");
        if (!p->bad)
            st->where = parse_or(p);
        parse_returning(p, false);
    } else {
        p->bad = true;
    }
    if (!p->bad && !p->nomem) {
        accept_punct(p, ";");
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
    next(&p);
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
                sst_strbuf_printf(b, "%s %s %s", node_text(a),
                                  swap ? flip[i][1] : flip[i][0], node_text(v));
                return true;
            }
        }
        return false;
    }
    if (c->kind == N_BETWEEN && !c->neg && c->kid[0]->kind == N_PATH &&
        in_names(c->kid[0]->attr, range, range_n) &&
        c->kid[1]->kind == N_VALUE && c->kid[2]->kind == N_VALUE) {
        print_node(b, c);
        return true;
    }
    if (c->kind == N_CALL && strcmp(c->op, "begins_with") == 0 && c->n == 2 &&
        c->list[0]->kind == N_PATH &&
        in_names(c->list[0]->attr, range, range_n) &&
        c->list[1]->kind == N_VALUE) {
        print_node(b, c);
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
    for (i = 0; i < n; i++) {
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
                sst_strbuf_printf(&key, "%s = %s", node_text(path),
                                  node_text(v));
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
        if (uses_name(c[i], hash, hash_n) || uses_name(c[i], range, range_n))
            out->rest_uses_key = true;
        if (rest.len > 0)
            sst_strbuf_puts(&rest, " AND ");
        sst_strbuf_putc(&rest, '(');
        print_node(&rest, c[i]);
        sst_strbuf_putc(&rest, ')');
    }
    out->hash_found = hash_seen == hash_n;
    out->range_found = query ? range_done : range_seen == range_n;
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
    print_node(&b, s->where);
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

        if ((!is_name && !is_value) || t[1] != 'p' || !is_digit(t[2]))
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
