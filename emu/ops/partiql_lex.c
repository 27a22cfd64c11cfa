/*
 * emu/ops/partiql_lex.c - PartiQL's lexer, the statement's placeholders
 * and nodes, and its values (literals, parameters, lists, maps and sets)
 * as AttributeValues (emu/ops/partiql_int.h).
 */
#include <json-c/json.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sst/mem.h>

#include "emu/expr/num.h"
#include "emu/ops/partiql_int.h"

/* Refuse the statement with a message of its own (the first one
 * stands). */
void SST_PRINTF(2, 3) pq_fail(struct parser *p, const char *fmt, ...)
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

/* How many code points (DynamoDB counts columns in them) the UTF-8
 * bytes from..to hold: the bytes that are no continuation bytes. */
static size_t
code_points(const char *s, size_t from, size_t to)
{
    size_t i, n = 0;

    for (i = from; i < to; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* " at LINE:COLUMN:LENGTH" of the bytes at..at+len, as DynamoDB places
 * a token (in code points), into buf. */
const char *
pq_where_at(const struct parser *p, size_t at, size_t len, char *buf,
            size_t cap)
{
    size_t line = 1, start = 0, i, end, extra;

    for (i = 0; i < at && i < p->len; i++) {
        if (p->s[i] == '\n') {
            line++;
            start = i + 1;
        }
    }
    /* a place past the end (an EOF token) counts its bytes as they are */
    end = at + len;
    extra = end > p->len ? end - (at > p->len ? at : p->len) : 0;
    if (at > p->len)
        at = p->len;
    if (end > p->len)
        end = p->len;
    snprintf(buf, cap, " at %zu:%zu:%zu", line,
             code_points(p->s, start, at) + 1,
             code_points(p->s, at, end) + extra);
    return buf;
}

/* ------------------------------------------------------------------ */
/* lexer                                                               */

static bool
is_word_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool
pq_is_digit(char c)
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

void
pq_next(struct parser *p)
{
    static const char *const two[] = {"<>", "!=", "<=", ">=",
                                      "<<", ">>", "||"};
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
               (is_word_start(s[p->pos]) || pq_is_digit(s[p->pos])))
            p->pos++;
        p->cur.kind = T_WORD;
    } else if (c == '"' || c == '\'') {
        p->cur.kind = c == '"' ? T_QNAME : T_STRING;
        if (!skip_quoted(p, c)) {
            p->cur.kind = T_BAD;
            p->pos = p->len;
        }
    } else if (pq_is_digit(c) || (c == '.' && p->pos + 1 < p->len &&
                                  pq_is_digit(s[p->pos + 1]))) {
        while (p->pos < p->len && pq_is_digit(s[p->pos]))
            p->pos++;
        if (p->pos < p->len && s[p->pos] == '.') {
            p->pos++;
            while (p->pos < p->len && pq_is_digit(s[p->pos]))
                p->pos++;
        }
        if (p->pos < p->len && (s[p->pos] == 'e' || s[p->pos] == 'E')) {
            size_t e = p->pos + 1;

            if (e < p->len && (s[e] == '+' || s[e] == '-'))
                e++;
            if (e < p->len && pq_is_digit(s[e])) {
                while (e < p->len && pq_is_digit(s[e]))
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
            (strchr("()[]{},.:;*?=<>+-/%", c) == NULL || c == '\0'))
            p->cur.kind = T_BAD;
    }
    p->cur.len = p->pos - p->cur.at;
}

bool
pq_is_punct(const struct parser *p, const char *t)
{
    return p->cur.kind == T_PUNCT && p->cur.len == strlen(t) &&
           memcmp(p->s + p->cur.at, t, p->cur.len) == 0;
}

bool
pq_is_word(const struct parser *p, const char *w)
{
    return p->cur.kind == T_WORD && p->cur.len == strlen(w) &&
           strncasecmp(p->s + p->cur.at, w, p->cur.len) == 0;
}

bool
pq_accept_punct(struct parser *p, const char *t)
{
    if (!pq_is_punct(p, t))
        return false;
    pq_next(p);
    return true;
}

bool
pq_accept_word(struct parser *p, const char *w)
{
    if (!pq_is_word(p, w))
        return false;
    pq_next(p);
    return true;
}

void
pq_expect_punct(struct parser *p, const char *t)
{
    if (!pq_accept_punct(p, t))
        p->bad = true;
}

void
pq_expect_word(struct parser *p, const char *w)
{
    if (!pq_accept_word(p, w))
        p->bad = true;
}

/* The text of the current quoted token without its quotes, doubled
 * quotes undone; a new sst_malloc'd string, or NULL (nomem set). */
char *
pq_unquote(struct parser *p)
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
long
pq_add_name(struct parser *p, char *name)
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

struct sst_pq_node *
pq_new_node(struct parser *p, enum node_kind kind)
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

const char *
pq_node_text(const struct sst_pq_node *n)
{
    return n->long_text != NULL ? n->long_text : n->text;
}

/* A value node for v (taken). */
struct sst_pq_node *
pq_value_node(struct parser *p, struct json_object *v)
{
    struct sst_pq_stmt *st = p->st;
    struct sst_pq_node *n;

    if (v == NULL) {
        /* a refused value has said so; else it was out of memory */
        p->nomem = p->nomem || !p->bad;
        return NULL;
    }
    if (!grow(&st->values, &st->value_cap, st->value_count,
              sizeof(struct json_object *))) {
        json_object_put(v);
        p->nomem = true;
        return NULL;
    }
    st->values[st->value_count] = v;
    n = pq_new_node(p, N_VALUE);
    if (n != NULL)
        snprintf(n->text, sizeof n->text, ":p%zu", st->value_count);
    st->value_count++;
    return n;
}

/* ------------------------------------------------------------------ */
/* values                                                              */

struct json_object *
pq_typed(const char *type, struct json_object *v)
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

/*
 * Values inside collection literals. DynamoDB converts a list, map or
 * set literal to an AttributeValue member by member, and names the place
 * of a member it cannot convert by a key path: "root" is the outermost
 * collection (the INSERT's item tuple does not count: each of its members
 * is a "root"), ".KEY" a map member, ".I" a list element; set elements
 * keep their set's path. Parameters, names, paths, MISSING and operator
 * expressions are never converted there (DynamoDB Local's messages, read
 * from its answers).
 */

/* Append ".fmt" to the key path; returns the length to restore. */
static size_t SST_PRINTF(2, 3) path_push(struct parser *p, const char *fmt, ...)
{
    size_t mark = strlen(p->keypath);
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(p->keypath + mark, sizeof p->keypath - mark, fmt, ap);
    va_end(ap);
    return mark;
}

/* The operator that would start an expression at the current token
 * (after a value), or NULL. */
static const char *
operator_at(const struct parser *p)
{
    static const char *const ops[] = {"+", "-", "*", "/", "%", "||"};
    size_t i;

    for (i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (pq_is_punct(p, ops[i]))
            return ops[i];
    return NULL;
}

/* An operator expression where a value must be: at the top of an INSERT
 * item its operator is named, inside a collection it is an "NAry". */
static void
fail_operator(struct parser *p, size_t at, size_t len)
{
    char pos[64];

    if (p->coll > 0)
        pq_fail(p, "Unsupported data type: NAry under key %s%s", p->keypath,
                pq_where_at(p, at, len, pos, sizeof pos));
    else
        pq_fail(p, "Unsupported data type: %.*s under key %s%s", (int)len,
                p->s + at, p->keypath,
                pq_where_at(p, at, len, pos, sizeof pos));
}

/* After a member value: an operator there makes it an expression. */
static void
check_no_operator(struct parser *p)
{
    if (!p->bad && operator_at(p) != NULL)
        fail_operator(p, p->cur.at, p->cur.len);
}

/* Whether the current token starts a number literal: digits, or '-' and
 * digits. */
static bool
number_at(struct parser *p)
{
    size_t save = p->pos;
    struct tok t = p->cur;
    bool num;

    if (p->cur.kind == T_NUMBER)
        return true;
    if (!pq_is_punct(p, "-"))
        return false;
    pq_next(p);
    num = p->cur.kind == T_NUMBER;
    p->pos = save;
    p->cur = t;
    return num;
}

/* Where DynamoDB places a literal in its messages: a negative number at
 * its digits. The parser does not move. */
static void
literal_place(struct parser *p, size_t *at, size_t *len)
{
    size_t save = p->pos;
    struct tok t = p->cur;

    *at = p->cur.at;
    *len = p->cur.len;
    if (!pq_is_punct(p, "-"))
        return;
    pq_next(p);
    if (p->cur.kind == T_NUMBER) {
        *at = p->cur.at;
        *len = p->cur.len;
    }
    p->pos = save;
    p->cur = t;
}

/* Whether a set element token is one DynamoDB converts itself (and
 * refuses with a message of its kind): a parameter, a name, MISSING or an
 * operator expression. */
static bool
element_converted(struct parser *p)
{
    return pq_is_punct(p, "?") || p->cur.kind == T_QNAME ||
           (p->cur.kind == T_WORD && !pq_is_word(p, "TRUE") &&
            !pq_is_word(p, "FALSE") && !pq_is_word(p, "NULL")) ||
           (pq_is_punct(p, "-") && !number_at(p));
}

static const char MSG_BAG[] = "Unsupported data type in Bag. DynamoDB only "
                              "supports either numbers or strings in bags";

/*
 * One element of <<...>>, added to the set elements c. The first decides
 * the set's type: a string or a number literal, else refused at its
 * place. A later one of the other kind is refused at its place in a
 * string set, without a place in a number set; a number set refuses
 * NULL by a message of its own; a string set passes over a NULL (at
 * *null_at) and refuses it at the end (DynamoDB Local fails there with
 * an internal error: docs/fidelity.md).
 */
static void
set_element(struct parser *p, struct json_object *c, const char **set_type,
            size_t *null_at)
{
    size_t at, len;
    struct json_object *v, *inner = NULL;
    char pos[64];

    literal_place(p, &at, &len);
    if (*set_type == NULL) {
        if (p->cur.kind != T_STRING && !number_at(p)) {
            pq_fail(p, "%s%s", MSG_BAG,
                    pq_where_at(p, at, len, pos, sizeof pos));
            return;
        }
        *set_type = p->cur.kind == T_STRING ? "SS" : "NS";
    } else if (element_converted(p)) {
        /* refused by pq_parse_value, at the set's path */
        v = pq_parse_value(p);
        json_object_put(v);
        return;
    } else if ((*set_type)[0] == 'S' && pq_is_word(p, "NULL")) {
        if (*null_at == (size_t)-1)
            *null_at = at;
        pq_next(p);
        return;
    } else if ((*set_type)[0] == 'S' && p->cur.kind != T_STRING) {
        pq_fail(p, "%s%s", MSG_BAG, pq_where_at(p, at, len, pos, sizeof pos));
        return;
    } else if ((*set_type)[0] == 'N' && pq_is_word(p, "NULL")) {
        pq_fail(p,
                "INVALID_PARAMETER_VALUE:Numeric sets may not contain null "
                "under %s",
                p->keypath);
        return;
    } else if ((*set_type)[0] == 'N' && !number_at(p)) {
        pq_fail(p, "%s", MSG_BAG);
        return;
    }
    v = pq_parse_value(p);
    if (v == NULL)
        return;
    json_object_object_get_ex(v, (*set_type)[0] == 'S' ? "S" : "N", &inner);
    if (inner == NULL ||
        json_object_array_add(c, json_object_get(inner)) != 0) {
        json_object_put(inner);
        p->bad = p->bad || inner == NULL;
        p->nomem = p->nomem || inner != NULL;
    }
    json_object_put(v);
    check_no_operator(p);
}

/* The end of a set: a NULL passed over, then repeated elements. */
static void
set_end(struct parser *p, struct json_object *c, const char *set_type,
        size_t null_at)
{
    struct json_object *seen;
    size_t i, n = json_object_array_length(c);
    char pos[64];

    if (null_at != (size_t)-1) {
        pq_fail(p, "%s%s", MSG_BAG,
                pq_where_at(p, null_at, 4, pos, sizeof pos));
        return;
    }
    seen = json_object_new_array();
    if (seen == NULL) {
        p->nomem = true;
        return;
    }
    for (i = 0; i < n; i++) {
        struct json_object *e = json_object_array_get_idx(c, i);

        if (set_holds(seen, e, set_type[0] == 'N' ? "N" : "S")) {
            pq_fail(p, "Input collection contains duplicates");
            break;
        }
        if (json_object_array_add(seen, json_object_get(e)) != 0) {
            json_object_put(e);
            p->nomem = true;
            break;
        }
    }
    json_object_put(seen);
}

/* 'key': value of a map literal, added to c (opened at open_at). The
 * value is converted before the key is checked against the others. */
static void
map_member(struct parser *p, struct json_object *c, size_t open_at, bool tuple)
{
    size_t at = p->cur.at, len = p->cur.len, mark = strlen(p->keypath);
    char pos[64], *key;
    struct json_object *v;

    if (p->cur.kind != T_STRING) {
        if (p->cur.kind == T_QNAME || p->cur.kind == T_WORD)
            pq_fail(p,
                    "Tuple keys must be of type String. Actual type: "
                    "VariableReference under %s%s",
                    p->keypath, pq_where_at(p, at, len, pos, sizeof pos));
        p->bad = true;
        return;
    }
    key = pq_unquote(p);
    if (key == NULL)
        return;
    pq_next(p);
    pq_expect_punct(p, ":");
    if (!tuple)
        mark = path_push(p, ".%s", key);
    v = p->bad ? NULL : pq_parse_value(p);
    if (v != NULL)
        check_no_operator(p);
    p->keypath[mark] = '\0';
    if (v != NULL && json_object_object_get_ex(c, key, NULL)) {
        if (tuple)
            pq_where_at(p, at, len, pos, sizeof pos);
        else
            pq_where_at(p, open_at, 1, pos, sizeof pos);
        pq_fail(p, "Duplicate keys in tuple. Key: %s under %s%s", key,
                p->keypath, pos);
        json_object_put(v);
        v = NULL;
    }
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
    bool tuple = p->tuple, in_tuple = p->in_tuple;
    size_t index = 0, null_at = (size_t)-1;
    char pos[64];

    p->tuple = false;
    if (c == NULL) {
        p->nomem = true;
        return NULL;
    }
    if (tuple)
        p->in_tuple = true;
    else
        p->coll++;
    if (pq_accept_punct(p, close)) {
        if (open == '<')
            pq_fail(p, "Empty bags are not supported%s",
                    pq_where_at(p, open_at, 2, pos, sizeof pos));
        goto done;
    }
    while (!p->bad && !p->nomem) {
        if (open == '{') {
            map_member(p, c, open_at, tuple);
        } else if (open == '<') {
            set_element(p, c, &set_type, &null_at);
        } else {
            size_t mark = path_push(p, ".%zu", index++);
            struct json_object *v = pq_parse_value(p);

            if (v != NULL)
                check_no_operator(p);
            p->keypath[mark] = '\0';
            if (v != NULL && json_object_array_add(c, v) != 0) {
                json_object_put(v);
                p->nomem = true;
            }
        }
        if (p->bad || p->nomem)
            break;
        if (pq_accept_punct(p, close))
            goto done;
        pq_expect_punct(p, ",");
    }
done:
    if (open == '<' && !p->bad && !p->nomem && set_type != NULL)
        set_end(p, c, set_type, null_at);
    if (tuple)
        p->in_tuple = in_tuple;
    else
        p->coll--;
    if (p->bad || p->nomem) {
        json_object_put(c);
        return NULL;
    }
    if (open == '<')
        return pq_typed(set_type, c);
    return pq_typed(open == '[' ? "L" : "M", c);
}

/* A name or a path where a value must be: refused. Inside a collection
 * DynamoDB names the kind (VariableReference, Path, LiteralMissing); at
 * the top of an INSERT item, the name itself, PATH or MISSING. */
static void
fail_name(struct parser *p)
{
    size_t at = p->cur.at, len = p->cur.len, save = p->pos;
    struct tok t = p->cur;
    bool missing = pq_is_word(p, "MISSING"), path;
    char pos[64], *name;

    pq_next(p);
    path = pq_is_punct(p, ".") || pq_is_punct(p, "[");
    p->pos = save;
    p->cur = t;
    pq_where_at(p, at, len, pos, sizeof pos);
    if (path) {
        pq_fail(p, "Unsupported data type: %s under key %s",
                p->coll > 0 ? "Path" : "PATH", p->keypath);
        return;
    }
    if (p->coll > 0) {
        pq_fail(p, "Unsupported data type: %s under key %s%s",
                missing ? "LiteralMissing" : "VariableReference", p->keypath,
                pos);
        return;
    }
    name = p->cur.kind == T_QNAME ? pq_unquote(p)
                                  : sst_strndup(p->s + at, len);
    if (name != NULL)
        pq_fail(p, "Unsupported data type: %s under key %s%s", name,
                p->keypath, pos);
    else
        p->nomem = true;
    sst_free(name);
}

/* A literal, a parameter or a collection: an AttributeValue. */
struct json_object *
pq_parse_value(struct parser *p)
{
    struct json_object *v = NULL;
    char pos[64];
    bool inside = p->coll > 0 || p->in_tuple;

    if (++p->depth > MAX_DEPTH) {
        p->bad = true;
        goto out;
    }
    if (p->cur.kind == T_STRING) {
        char *s = pq_unquote(p);

        if (s != NULL)
            v = pq_typed("S", json_object_new_string(s));
        sst_free(s);
        pq_next(p);
    } else if (p->cur.kind == T_NUMBER || number_at(p)) {
        bool minus = pq_accept_punct(p, "-");
        char buf[64];

        if (p->cur.len + 2 > sizeof buf) {
            /* numbers of over 62 characters are not numbers DynamoDB
             * takes (38 digits): refused as not well formed */
            p->bad = true;
            goto out;
        }
        snprintf(buf, sizeof buf, "%s%.*s", minus ? "-" : "", (int)p->cur.len,
                 p->s + p->cur.at);
        v = pq_typed("N", json_object_new_string(buf));
        pq_next(p);
    } else if (pq_is_word(p, "TRUE") || pq_is_word(p, "FALSE")) {
        v = pq_typed("BOOL", json_object_new_boolean(pq_is_word(p, "TRUE")));
        pq_next(p);
    } else if (pq_is_word(p, "NULL")) {
        v = pq_typed("NULL", json_object_new_boolean(1));
        pq_next(p);
    } else if (pq_is_punct(p, "?")) {
        size_t n = p->params != NULL ? json_object_array_length(p->params) : 0;

        if (p->coll > 0) {
            pq_fail(p, "Unsupported data type: Parameter under key %s%s",
                    p->keypath,
                    pq_where_at(p, p->cur.at, p->cur.len, pos, sizeof pos));
            goto out;
        }
        if (p->st->params_used < n)
            v = json_object_get(
                json_object_array_get_idx(p->params, p->st->params_used));
        else
            v = pq_typed("NULL", json_object_new_boolean(1)); /* counted */
        p->st->params_used++;
        pq_next(p);
    } else if (pq_is_punct(p, "[") || pq_is_punct(p, "{") ||
               pq_is_punct(p, "<<")) {
        char open = p->s[p->cur.at];
        size_t at = p->cur.at;

        pq_next(p);
        v = parse_collection(p, open, at);
        goto out;
    } else if (inside && pq_is_punct(p, "-")) {
        fail_operator(p, p->cur.at, p->cur.len);
        goto out;
    } else {
        if (inside && (p->cur.kind == T_WORD || p->cur.kind == T_QNAME))
            fail_name(p);
        p->bad = true;
        goto out;
    }
    if (v == NULL)
        p->nomem = true;
out:
    p->depth--;
    return v;
}
