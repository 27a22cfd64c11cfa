/*
 * src/core/exprb.c - the expression builder (see include/sst/exprb.h).
 *
 * Nodes are allocated one by one and chained to the builder, which frees
 * them all at once. Placeholders are handed out only when a condition is
 * rendered, in the order the text is written, so that the output depends
 * on the tree alone and not on the order the nodes were made.
 */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/exprb.h>
#include <sst/mem.h>

#include "emu/expr/num.h"
#include "src/core/avtype.h"
#include "src/core/b64.h"
#include "src/core/buf.h"
#include "src/core/pyjson.h"

/* Cap on one rendered expression (DynamoDB allows 4 KB; a longer one is
 * DynamoDB's to refuse, with its own message). */
#define RENDER_CAP ((size_t)1 << 20)

enum kind {
    K_PATH,
    K_SIZE,
    K_VALUE,
    K_CMP,
    K_BETWEEN,
    K_IN,
    K_FUNC,
    K_AND,
    K_OR,
    K_NOT
};

struct elem {
    char *name; /* NULL for a list index */
    long index;
};

struct sst_exprb_node {
    enum kind kind;
    struct sst_exprb_node *chain; /* the builder's list of all nodes */
    struct elem *elems;           /* K_PATH */
    size_t nelem;
    json_object *av;              /* K_VALUE */
    enum sst_exprb_cmp op;        /* K_CMP */
    const char *fname;            /* K_FUNC */
    struct sst_exprb_node **kids; /* operands or sub-conditions */
    size_t nkids;
};

struct sst_exprb {
    struct sst_exprb_node *nodes;
    enum sst_code status;
    struct sst_err err;
    json_object *names;  /* "#nK" -> name */
    json_object *lookup; /* name -> "#nK" */
    json_object *values; /* ":vK" -> AttributeValue */
    unsigned next_name;
    unsigned next_value;
};

static const char *const cmp_text[] = {"=", "<>", "<", "<=", ">", ">="};

/* ------------------------------------------------------------- helpers */

static struct sst_exprb_node *
fail(struct sst_exprb *b, enum sst_code code, const char *msg)
{
    if (b != NULL && b->status == SST_OK) {
        b->status = code;
        sst_err_set(&b->err, code, "%s", msg);
    }
    return NULL;
}

static struct sst_exprb_node *
nomem(struct sst_exprb *b)
{
    return fail(b, SST_E_NOMEM, "out of memory");
}

static struct sst_exprb_node *
new_node(struct sst_exprb *b, enum kind kind, size_t nkids)
{
    struct sst_exprb_node *n;

    if (b == NULL || b->status != SST_OK)
        return NULL;
    n = sst_calloc(1, sizeof *n);
    if (n == NULL)
        return nomem(b);
    if (nkids > 0) {
        n->kids = sst_calloc(nkids, sizeof *n->kids);
        if (n->kids == NULL) {
            sst_free(n);
            return nomem(b);
        }
    }
    n->kind = kind;
    n->nkids = nkids;
    n->chain = b->nodes;
    b->nodes = n;
    return n;
}

static bool
is_operand(const struct sst_exprb_node *n)
{
    return n->kind == K_PATH || n->kind == K_SIZE || n->kind == K_VALUE;
}

static bool
is_condition(const struct sst_exprb_node *n)
{
    return !is_operand(n);
}

/* Check the kinds of a constructor's arguments; sticky on failure. */
static bool
args_ok(struct sst_exprb *b, struct sst_exprb_node *const *kids, size_t n,
        bool (*want)(const struct sst_exprb_node *), const char *msg)
{
    size_t i;

    if (b == NULL || b->status != SST_OK)
        return false;
    for (i = 0; i < n; i++) {
        if (kids[i] == NULL)
            return false; /* an earlier constructor failed */
        if (!want(kids[i])) {
            fail(b, SST_E_INVALID_ARG, msg);
            return false;
        }
    }
    return true;
}

static bool
is_path(const struct sst_exprb_node *n)
{
    return n->kind == K_PATH;
}

/* ---------------------------------------------------------- lifecycle */

struct sst_exprb *
sst_exprb_new(void)
{
    struct sst_exprb *b = sst_calloc(1, sizeof *b);

    if (b == NULL)
        return NULL;
    b->names = json_object_new_object();
    b->lookup = json_object_new_object();
    b->values = json_object_new_object();
    if (b->names == NULL || b->lookup == NULL || b->values == NULL) {
        sst_exprb_free(b);
        return NULL;
    }
    return b;
}

void
sst_exprb_free(struct sst_exprb *b)
{
    struct sst_exprb_node *n, *next;
    size_t i;

    if (b == NULL)
        return;
    for (n = b->nodes; n != NULL; n = next) {
        next = n->chain;
        for (i = 0; i < n->nelem; i++)
            sst_free(n->elems[i].name);
        sst_free(n->elems);
        sst_free(n->kids);
        json_object_put(n->av);
        sst_free(n);
    }
    json_object_put(b->names);
    json_object_put(b->lookup);
    json_object_put(b->values);
    sst_free(b);
}

enum sst_code
sst_exprb_status(const struct sst_exprb *b, struct sst_err *err)
{
    if (b == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG, "no expression builder");
    if (b->status != SST_OK && err != NULL)
        *err = b->err;
    return b->status;
}

/* ------------------------------------------------------------ operands */

static bool
add_elem(struct sst_exprb *b, struct sst_exprb_node *n, const char *name,
         size_t len, long index)
{
    struct elem *e = sst_realloc(n->elems, (n->nelem + 1) * sizeof *e);

    if (e == NULL) {
        nomem(b);
        return false;
    }
    n->elems = e;
    e[n->nelem].name = NULL;
    e[n->nelem].index = index;
    if (name != NULL) {
        e[n->nelem].name = sst_strndup(name, len);
        if (e[n->nelem].name == NULL) {
            nomem(b);
            return false;
        }
    }
    n->nelem++;
    return true;
}

struct sst_exprb_node *
sst_exprb_path(struct sst_exprb *b, const char *path)
{
    struct sst_exprb_node *n;
    const char *p = path;

    if (b == NULL || b->status != SST_OK)
        return NULL;
    if (path == NULL)
        return fail(b, SST_E_INVALID_ARG, "path is NULL");
    n = new_node(b, K_PATH, 0);
    if (n == NULL)
        return NULL;
    for (;;) {
        size_t len = strcspn(p, ".[]");
        if (len == 0)
            return fail(b, SST_E_INVALID_ARG,
                        "path has an empty element or a misplaced '[' or "
                        "']'");
        if (!add_elem(b, n, p, len, 0))
            return NULL;
        p += len;
        while (*p == '[') {
            long index = 0;
            int digits = 0;
            for (p++; *p >= '0' && *p <= '9'; p++, digits++)
                if (digits < 9)
                    index = index * 10 + (*p - '0');
            if (digits == 0 || digits > 9 || *p != ']')
                return fail(b, SST_E_INVALID_ARG,
                            "path has a malformed list index");
            p++;
            if (!add_elem(b, n, NULL, 0, index))
                return NULL;
        }
        if (*p == '\0')
            return n;
        if (*p != '.')
            return fail(b, SST_E_INVALID_ARG,
                        "path has an empty element or a misplaced '[' or "
                        "']'");
        p++;
    }
}

struct sst_exprb_node *
sst_exprb_name(struct sst_exprb *b, const char *name)
{
    struct sst_exprb_node *n;

    if (b == NULL || b->status != SST_OK)
        return NULL;
    if (name == NULL || *name == '\0')
        return fail(b, SST_E_INVALID_ARG, "attribute name is NULL or empty");
    n = new_node(b, K_PATH, 0);
    if (n == NULL || !add_elem(b, n, name, strlen(name), 0))
        return NULL;
    return n;
}

struct sst_exprb_node *
sst_exprb_size(struct sst_exprb *b, struct sst_exprb_node *path)
{
    struct sst_exprb_node *n;

    if (!args_ok(b, &path, 1, is_path, "size() takes a path"))
        return NULL;
    n = new_node(b, K_SIZE, 1);
    if (n != NULL)
        n->kids[0] = path;
    return n;
}

/* A value node holding {type: v}; takes v. */
static struct sst_exprb_node *
value_node(struct sst_exprb *b, const char *type, json_object *v)
{
    struct sst_exprb_node *n;
    json_object *av;

    if (v == NULL)
        return nomem(b);
    av = json_object_new_object();
    if (av == NULL || json_object_object_add(av, type, v) != 0) {
        json_object_put(v);
        json_object_put(av);
        return nomem(b);
    }
    n = new_node(b, K_VALUE, 0);
    if (n == NULL) {
        json_object_put(av);
        return NULL;
    }
    n->av = av;
    return n;
}

struct sst_exprb_node *
sst_exprb_str_len(struct sst_exprb *b, const char *s, size_t n)
{
    if (b == NULL || b->status != SST_OK)
        return NULL;
    if (s == NULL && n > 0)
        return fail(b, SST_E_INVALID_ARG, "string value is NULL");
    if (n > INT32_MAX || !sst_utf8_valid(s ? s : "", n))
        return fail(b, SST_E_INVALID_ARG, "string value is not valid UTF-8");
    return value_node(b, "S", json_object_new_string_len(s ? s : "", (int)n));
}

struct sst_exprb_node *
sst_exprb_str(struct sst_exprb *b, const char *s)
{
    if (b != NULL && b->status == SST_OK && s == NULL)
        return fail(b, SST_E_INVALID_ARG, "string value is NULL");
    return sst_exprb_str_len(b, s, s ? strlen(s) : 0);
}

struct sst_exprb_node *
sst_exprb_num(struct sst_exprb *b, const char *text)
{
    struct sst_num num;
    struct sst_err err;
    enum sst_code rc;
    char msg[SST_ERR_MESSAGE_MAX];

    if (b == NULL || b->status != SST_OK)
        return NULL;
    if (text == NULL)
        return fail(b, SST_E_INVALID_ARG, "number value is NULL");
    sst_num_init(&num);
    rc = sst_num_parse(&num, text, strlen(text), &err);
    sst_num_cleanup(&num);
    if (rc != SST_OK) {
        snprintf(msg, sizeof msg, "number value '%.40s': %.180s", text,
                 err.message);
        return fail(b, SST_E_INVALID_ARG, msg);
    }
    return value_node(b, "N", json_object_new_string(text));
}

struct sst_exprb_node *
sst_exprb_int(struct sst_exprb *b, int64_t v)
{
    char buf[24];

    snprintf(buf, sizeof buf, "%lld", (long long)v);
    return sst_exprb_num(b, buf);
}

struct sst_exprb_node *
sst_exprb_bool(struct sst_exprb *b, bool v)
{
    if (b == NULL || b->status != SST_OK)
        return NULL;
    return value_node(b, "BOOL", json_object_new_boolean(v));
}

struct sst_exprb_node *
sst_exprb_null(struct sst_exprb *b)
{
    if (b == NULL || b->status != SST_OK)
        return NULL;
    return value_node(b, "NULL", json_object_new_boolean(1));
}

struct sst_exprb_node *
sst_exprb_bin(struct sst_exprb *b, const void *p, size_t n)
{
    char *text = NULL;
    size_t len;
    struct sst_exprb_node *node;

    if (b == NULL || b->status != SST_OK)
        return NULL;
    if (p == NULL && n > 0)
        return fail(b, SST_E_INVALID_ARG, "binary value is NULL");
    if (sst_b64_encode(p ? p : "", n, false, &text, &len, NULL) != SST_OK)
        return n > ((size_t)1 << 30) ? fail(b, SST_E_INVALID_ARG,
                                            "binary value is too large")
                                     : nomem(b);
    node = value_node(b, "B", json_object_new_string_len(text, (int)len));
    sst_free(text);
    return node;
}

struct sst_exprb_node *
sst_exprb_av(struct sst_exprb *b, const struct json_object *av)
{
    json_object *src = (json_object *)(uintptr_t)av, *copy = NULL;
    struct sst_exprb_node *n;
    bool known = false;

    if (b == NULL || b->status != SST_OK)
        return NULL;
    if (!json_object_is_type(src, json_type_object) ||
        json_object_object_length(src) != 1)
        return fail(b, SST_E_INVALID_ARG,
                    "an AttributeValue is an object with one member");
    {
        json_object_object_foreach(src, key, val)
        {
            (void)val;
            known = sst_av_type_known(key);
        }
    }
    if (!known)
        return fail(b, SST_E_INVALID_ARG,
                    "an AttributeValue's member is one of S N B BOOL NULL "
                    "SS NS BS L M");
    if (json_object_deep_copy(src, &copy, NULL) != 0)
        return nomem(b);
    n = new_node(b, K_VALUE, 0);
    if (n == NULL) {
        json_object_put(copy);
        return NULL;
    }
    n->av = copy;
    return n;
}

/* ---------------------------------------------------------- conditions */

static struct sst_exprb_node *
make(struct sst_exprb *b, enum kind kind, struct sst_exprb_node *const *kids,
     size_t n, bool (*want)(const struct sst_exprb_node *), const char *msg)
{
    struct sst_exprb_node *node;

    if (!args_ok(b, kids, n, want, msg))
        return NULL;
    node = new_node(b, kind, n);
    if (node != NULL)
        memcpy(node->kids, kids, n * sizeof *kids);
    return node;
}

struct sst_exprb_node *
sst_exprb_cmp(struct sst_exprb *b, enum sst_exprb_cmp op,
              struct sst_exprb_node *lhs, struct sst_exprb_node *rhs)
{
    struct sst_exprb_node *kids[2] = {lhs, rhs}, *n;

    if (b != NULL && b->status == SST_OK &&
        ((unsigned)op > (unsigned)SST_EXPRB_GE))
        return fail(b, SST_E_INVALID_ARG, "unknown comparison operator");
    n = make(b, K_CMP, kids, 2, is_operand,
             "a comparison takes two operands (paths, size() or values)");
    if (n != NULL)
        n->op = op;
    return n;
}

#define CMP_SHORTHAND(fn, OP)                                                  \
    struct sst_exprb_node *fn(struct sst_exprb *b, struct sst_exprb_node *lhs, \
                              struct sst_exprb_node *rhs)                      \
    {                                                                          \
        return sst_exprb_cmp(b, OP, lhs, rhs);                                 \
    }
CMP_SHORTHAND(sst_exprb_eq, SST_EXPRB_EQ)
CMP_SHORTHAND(sst_exprb_ne, SST_EXPRB_NE)
CMP_SHORTHAND(sst_exprb_lt, SST_EXPRB_LT)
CMP_SHORTHAND(sst_exprb_le, SST_EXPRB_LE)
CMP_SHORTHAND(sst_exprb_gt, SST_EXPRB_GT)
CMP_SHORTHAND(sst_exprb_ge, SST_EXPRB_GE)
#undef CMP_SHORTHAND

struct sst_exprb_node *
sst_exprb_between(struct sst_exprb *b, struct sst_exprb_node *x,
                  struct sst_exprb_node *lo, struct sst_exprb_node *hi)
{
    struct sst_exprb_node *kids[3] = {x, lo, hi};

    return make(b, K_BETWEEN, kids, 3, is_operand,
                "BETWEEN takes three operands");
}

struct sst_exprb_node *
sst_exprb_in(struct sst_exprb *b, struct sst_exprb_node *x,
             struct sst_exprb_node *const *list, size_t n)
{
    struct sst_exprb_node *kids[SST_EXPRB_MAX_IN + 1];

    if (b == NULL || b->status != SST_OK)
        return NULL;
    if (n < 1 || n > SST_EXPRB_MAX_IN || list == NULL)
        return fail(b, SST_E_INVALID_ARG, "IN takes 1 to 100 operands");
    kids[0] = x;
    memcpy(kids + 1, list, n * sizeof *list);
    return make(b, K_IN, kids, n + 1, is_operand, "IN takes operands");
}

static struct sst_exprb_node *
func(struct sst_exprb *b, const char *name, struct sst_exprb_node *path,
     struct sst_exprb_node *arg)
{
    struct sst_exprb_node *kids[2] = {path, arg}, *n;
    char msg[96];

    snprintf(msg, sizeof msg, "%s() takes a path first", name);
    if (!args_ok(b, kids, 1, is_path, msg))
        return NULL;
    if (arg != NULL) {
        snprintf(msg, sizeof msg, "%s() takes an operand second", name);
        if (!args_ok(b, kids + 1, 1, is_operand, msg))
            return NULL;
    }
    n = new_node(b, K_FUNC, arg ? 2 : 1);
    if (n != NULL) {
        memcpy(n->kids, kids, n->nkids * sizeof *kids);
        n->fname = name;
    }
    return n;
}

struct sst_exprb_node *
sst_exprb_begins_with(struct sst_exprb *b, struct sst_exprb_node *path,
                      struct sst_exprb_node *prefix)
{
    if (b != NULL && b->status == SST_OK && prefix == NULL)
        return NULL;
    return func(b, "begins_with", path, prefix);
}

struct sst_exprb_node *
sst_exprb_contains(struct sst_exprb *b, struct sst_exprb_node *path,
                   struct sst_exprb_node *operand)
{
    if (b != NULL && b->status == SST_OK && operand == NULL)
        return NULL;
    return func(b, "contains", path, operand);
}

struct sst_exprb_node *
sst_exprb_exists(struct sst_exprb *b, struct sst_exprb_node *path)
{
    return func(b, "attribute_exists", path, NULL);
}

struct sst_exprb_node *
sst_exprb_not_exists(struct sst_exprb *b, struct sst_exprb_node *path)
{
    return func(b, "attribute_not_exists", path, NULL);
}

struct sst_exprb_node *
sst_exprb_type(struct sst_exprb *b, struct sst_exprb_node *path,
               const char *type)
{
    if (b == NULL || b->status != SST_OK)
        return NULL;
    if (sst_av_type_known(type))
        return func(b, "attribute_type", path, sst_exprb_str(b, type));
    return fail(b, SST_E_INVALID_ARG,
                "attribute_type() takes one of S SS N NS B BS BOOL NULL L M");
}

struct sst_exprb_node *
sst_exprb_and(struct sst_exprb *b, struct sst_exprb_node *x,
              struct sst_exprb_node *y)
{
    struct sst_exprb_node *kids[2] = {x, y};

    return make(b, K_AND, kids, 2, is_condition, "AND takes two conditions");
}

struct sst_exprb_node *
sst_exprb_or(struct sst_exprb *b, struct sst_exprb_node *x,
             struct sst_exprb_node *y)
{
    struct sst_exprb_node *kids[2] = {x, y};

    return make(b, K_OR, kids, 2, is_condition, "OR takes two conditions");
}

struct sst_exprb_node *
sst_exprb_not(struct sst_exprb *b, struct sst_exprb_node *x)
{
    return make(b, K_NOT, &x, 1, is_condition, "NOT takes a condition");
}

/* ----------------------------------------------------------- rendering */

struct render {
    struct sst_exprb *b;
    struct sst_strbuf out;
    struct sst_err *err;
};

static enum sst_code
render_nomem(struct render *r)
{
    return sst_err_set(r->err, SST_E_NOMEM, "out of memory");
}

static enum sst_code
put_name(struct render *r, const char *name)
{
    json_object *ph, *v = NULL;
    char key[16];

    if (json_object_object_get_ex(r->b->lookup, name, &ph)) {
        sst_strbuf_puts(&r->out, json_object_get_string(ph));
        return SST_OK;
    }
    snprintf(key, sizeof key, "#n%u", r->b->next_name);
    v = json_object_new_string(name);
    if (v == NULL || json_object_object_add(r->b->names, key, v) != 0) {
        json_object_put(v);
        return render_nomem(r);
    }
    v = json_object_new_string(key);
    if (v == NULL || json_object_object_add(r->b->lookup, name, v) != 0) {
        json_object_put(v);
        json_object_object_del(r->b->names, key);
        return render_nomem(r);
    }
    r->b->next_name++;
    sst_strbuf_puts(&r->out, key);
    return SST_OK;
}

static enum sst_code
put_value(struct render *r, json_object *av)
{
    char key[16];

    snprintf(key, sizeof key, ":v%u", r->b->next_value);
    if (json_object_object_add(r->b->values, key, json_object_get(av)) != 0) {
        json_object_put(av);
        return render_nomem(r);
    }
    r->b->next_value++;
    sst_strbuf_puts(&r->out, key);
    return SST_OK;
}

static enum sst_code emit(struct render *r, const struct sst_exprb_node *n,
                          int depth);

/* A child of AND/OR/NOT, parenthesised when the parent needs it. */
static enum sst_code
emit_child(struct render *r, const struct sst_exprb_node *n, bool parens,
           int depth)
{
    enum sst_code rc;

    if (parens)
        sst_strbuf_putc(&r->out, '(');
    rc = emit(r, n, depth + 1);
    if (parens)
        sst_strbuf_putc(&r->out, ')');
    return rc;
}

static enum sst_code
emit(struct render *r, const struct sst_exprb_node *n, int depth)
{
    enum sst_code rc = SST_OK;
    size_t i;

    if (depth > SST_EXPRB_MAX_DEPTH)
        return sst_err_set(r->err, SST_E_INVALID_ARG,
                           "expression nests deeper than %d levels",
                           SST_EXPRB_MAX_DEPTH);
    switch (n->kind) {
    case K_PATH:
        for (i = 0; i < n->nelem && rc == SST_OK; i++) {
            if (n->elems[i].name == NULL) {
                sst_strbuf_printf(&r->out, "[%ld]", n->elems[i].index);
                continue;
            }
            if (i > 0)
                sst_strbuf_putc(&r->out, '.');
            rc = put_name(r, n->elems[i].name);
        }
        return rc;
    case K_SIZE:
        sst_strbuf_puts(&r->out, "size(");
        rc = emit(r, n->kids[0], depth + 1);
        sst_strbuf_putc(&r->out, ')');
        return rc;
    case K_VALUE:
        return put_value(r, n->av);
    case K_CMP:
        rc = emit(r, n->kids[0], depth + 1);
        sst_strbuf_printf(&r->out, " %s ", cmp_text[n->op]);
        return rc != SST_OK ? rc : emit(r, n->kids[1], depth + 1);
    case K_BETWEEN:
        rc = emit(r, n->kids[0], depth + 1);
        sst_strbuf_puts(&r->out, " BETWEEN ");
        if (rc == SST_OK)
            rc = emit(r, n->kids[1], depth + 1);
        sst_strbuf_puts(&r->out, " AND ");
        return rc != SST_OK ? rc : emit(r, n->kids[2], depth + 1);
    case K_IN:
        rc = emit(r, n->kids[0], depth + 1);
        sst_strbuf_puts(&r->out, " IN (");
        for (i = 1; i < n->nkids && rc == SST_OK; i++) {
            if (i > 1)
                sst_strbuf_puts(&r->out, ", ");
            rc = emit(r, n->kids[i], depth + 1);
        }
        sst_strbuf_putc(&r->out, ')');
        return rc;
    case K_FUNC:
        sst_strbuf_printf(&r->out, "%s(", n->fname);
        for (i = 0; i < n->nkids && rc == SST_OK; i++) {
            if (i > 0)
                sst_strbuf_puts(&r->out, ", ");
            rc = emit(r, n->kids[i], depth + 1);
        }
        sst_strbuf_putc(&r->out, ')');
        return rc;
    case K_AND:
    case K_OR: {
        enum kind other = n->kind == K_AND ? K_OR : K_AND;
        rc = emit_child(r, n->kids[0], n->kids[0]->kind == other, depth);
        sst_strbuf_puts(&r->out, n->kind == K_AND ? " AND " : " OR ");
        return rc != SST_OK ? rc
                            : emit_child(r, n->kids[1],
                                         n->kids[1]->kind == other, depth);
    }
    case K_NOT:
        sst_strbuf_puts(&r->out, "NOT ");
        return emit_child(r, n->kids[0], n->kids[0]->kind != K_FUNC, depth);
    }
    return sst_err_set(r->err, SST_E_INVALID_ARG, "unknown node");
}

/* Remove the placeholders handed out since a failed render began. */
static void
roll_back(struct sst_exprb *b, unsigned names, unsigned values)
{
    char key[16];
    json_object *v;

    while (b->next_name > names) {
        b->next_name--;
        snprintf(key, sizeof key, "#n%u", b->next_name);
        if (json_object_object_get_ex(b->names, key, &v))
            json_object_object_del(b->lookup, json_object_get_string(v));
        json_object_object_del(b->names, key);
    }
    while (b->next_value > values) {
        b->next_value--;
        snprintf(key, sizeof key, ":v%u", b->next_value);
        json_object_object_del(b->values, key);
    }
}

enum sst_code
sst_exprb_render(struct sst_exprb *b, const struct sst_exprb_node *cond,
                 char **out, struct sst_err *err)
{
    struct render r;
    unsigned names, values;
    enum sst_code rc;

    *out = NULL;
    if (b == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG, "no expression builder");
    if (b->status != SST_OK)
        return sst_exprb_status(b, err);
    if (cond == NULL || !is_condition(cond))
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "only a condition renders as an expression");
    names = b->next_name;
    values = b->next_value;
    r.b = b;
    r.err = err;
    sst_strbuf_init(&r.out, RENDER_CAP);
    rc = emit(&r, cond, 0);
    if (rc == SST_OK)
        rc = sst_strbuf_take(&r.out, "expression", out, NULL, err);
    else
        sst_strbuf_cleanup(&r.out);
    if (rc != SST_OK)
        roll_back(b, names, values);
    return rc;
}

const struct json_object *
sst_exprb_names(const struct sst_exprb *b)
{
    return b != NULL && json_object_object_length(b->names) > 0 ? b->names
                                                                : NULL;
}

const struct json_object *
sst_exprb_values(const struct sst_exprb *b)
{
    return b != NULL && json_object_object_length(b->values) > 0 ? b->values
                                                                 : NULL;
}

enum sst_code
sst_exprb_apply(struct sst_exprb *b, struct json_object *req,
                const char *member, const struct sst_exprb_node *cond,
                struct sst_err *err)
{
    json_object *text = NULL, *names = NULL, *values = NULL;
    char *s = NULL;
    enum sst_code rc;

    if (!json_object_is_type(req, json_type_object) || member == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "apply needs a request object and a member name");
    rc = sst_exprb_render(b, cond, &s, err);
    if (rc != SST_OK)
        return rc;
    text = json_object_new_string(s);
    sst_free(s);
    if (text == NULL ||
        (sst_exprb_names(b) != NULL &&
         json_object_deep_copy(b->names, &names, NULL) != 0) ||
        (sst_exprb_values(b) != NULL &&
         json_object_deep_copy(b->values, &values, NULL) != 0)) {
        json_object_put(text);
        json_object_put(names);
        json_object_put(values);
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    }
    json_object_object_add(req, member, text);
    if (names != NULL)
        json_object_object_add(req, "ExpressionAttributeNames", names);
    else
        json_object_object_del(req, "ExpressionAttributeNames");
    if (values != NULL)
        json_object_object_add(req, "ExpressionAttributeValues", values);
    else
        json_object_object_del(req, "ExpressionAttributeValues");
    return SST_OK;
}
