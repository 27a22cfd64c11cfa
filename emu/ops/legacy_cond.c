/*
 * emu/ops/legacy_cond.c - Expected, QueryFilter, ScanFilter and
 * KeyConditions: DynamoDB's validation of each entry, and its translation
 * (legacy.h has the table): conditions and filters into the engine's
 * tree (legacy_tree.c), KeyConditions into key-condition text.
 *
 * DynamoDB checks one entry at a time, in request order. For an entry of
 * Expected, first the combination of Exists, Value, AttributeValueList
 * and ComparisonOperator; then, for every kind, the ComparisonOperator's
 * name, the values themselves, their number, the types the operator
 * takes, one type for all, and BETWEEN's bounds in order. A Query's key
 * conditions are checked against the key schema later, by
 * sst_emu_legacy_query_keys().
 */
#include <string.h>

#include <sst/mem.h>

#include "emu/expr/arena.h"
#include "emu/expr/ast.h"
#include "emu/ops/common.h"
#include "emu/ops/legacy.h"
#include "emu/ops/legacy_int.h"
#include "emu/ops/request.h"

#define V SST_EMU_LEGACY_MSG_INVALID
#define MSG_NO_OPERATOR "Comparison type does not exist in DynamoDB"
#define MSG_EXISTS_AND_OP                                                      \
    V "Exists and ComparisonOperator cannot be used together for Attribute: %s"
#define MSG_VALUE_AND_LIST                                                     \
    V "Value and AttributeValueList cannot be used together for Attribute: %s"
#define MSG_LIST_WITHOUT_OP                                                    \
    V "AttributeValueList can only be used with a ComparisonOperator for "    \
      "Attribute: %s"
#define MSG_VALUE_NOT_EXISTS                                                   \
    V "Value cannot be used when Exists is false for Attribute: %s"
#define MSG_VALUE_NEEDED                                                       \
    V "Value must be provided when Exists is %s for Attribute: %s"
#define MSG_OP_NEEDS_VALUE                                                     \
    V "Value or AttributeValueList must be used with ComparisonOperator: %s "  \
      "for Attribute: %s"
#define MSG_ARITY                                                              \
    V "Invalid number of argument(s) for the %s ComparisonOperator"
#define MSG_TYPE                                                               \
    V "ComparisonOperator %s is not valid for %s AttributeValue type"
#define MSG_SAME_TYPE                                                          \
    V "AttributeValues inside AttributeValueList must be of same type"
#define MSG_BETWEEN                                                            \
    "The BETWEEN condition was provided a range where the lower bound is "    \
    "greater than the upper bound"
#define MSG_LIST_KIND "Unexpected field type"
/* KeyConditions */
#define MSG_KC_NONE "Conditions must be at least length 1"
#define MSG_KC_MANY "Conditions can be of length 1 or 2 only"
#define MSG_KC_MISSED "Query condition missed key schema element"
#define MSG_KC_HASH_OP "Query key condition not supported"
#define MSG_KC_RANGE_OP                                                        \
    "Attempted conditional constraint is not an indexable operation"
#define MSG_KC_SCALAR "Only scalar types can be used as %s Key values"
#define MSG_KC_TYPE V "Condition parameter type does not match schema type"
#define MSG_KC_EMPTY                                                           \
    "One or more parameter values are not valid. The AttributeValue for a "   \
    "key attribute cannot contain an empty string value. Key: %s"
#define MSG_KC_FILTER_KEY                                                      \
    "QueryFilter can only contain non-primary key attributes: Primary key "   \
    "attribute: %s"

/* ------------------------------------------------------------------ */
/* operators                                                           */

enum op {
    OP_EQ, OP_NE, OP_LE, OP_LT, OP_GE, OP_GT, OP_NOT_NULL, OP_NULL,
    OP_CONTAINS, OP_NOT_CONTAINS, OP_BEGINS_WITH, OP_IN, OP_BETWEEN,
    OP_COUNT
};

#define T(x) (1u << SST_AV_##x)
#define SCALAR (T(S) | T(N) | T(B))
#define ANY ((1u << SST_AV_TYPE_COUNT) - 1)

static const struct op_info {
    const char *name;
    size_t min, max;  /* values taken                       */
    unsigned types;   /* the types of value it takes        */
    const char *expr; /* its token in a key condition, or NULL */
    bool key;         /* allowed on a sort key              */
} ops[OP_COUNT] = {
    [OP_EQ] = {"EQ", 1, 1, ANY, "=", true},
    [OP_NE] = {"NE", 1, 1, ANY, "<>", false},
    [OP_LE] = {"LE", 1, 1, SCALAR, "<=", true},
    [OP_LT] = {"LT", 1, 1, SCALAR, "<", true},
    [OP_GE] = {"GE", 1, 1, SCALAR, ">=", true},
    [OP_GT] = {"GT", 1, 1, SCALAR, ">", true},
    [OP_NOT_NULL] = {"NOT_NULL", 0, 0, 0, NULL, false},
    [OP_NULL] = {"NULL", 0, 0, 0, NULL, false},
    [OP_CONTAINS] = {"CONTAINS", 1, 1, SCALAR | T(BOOL) | T(NULL), NULL, false},
    [OP_NOT_CONTAINS] = {"NOT_CONTAINS", 1, 1, SCALAR | T(BOOL) | T(NULL),
                         NULL, false},
    [OP_BEGINS_WITH] = {"BEGINS_WITH", 1, 1, T(S) | T(B), NULL, true},
    [OP_IN] = {"IN", 1, (size_t)-1, SCALAR, NULL, false},
    [OP_BETWEEN] = {"BETWEEN", 2, 2, SCALAR, NULL, true},
};

static bool
op_lookup(const char *s, enum op *out)
{
    int i;

    for (i = 0; s != NULL && i < OP_COUNT; i++)
        if (strcmp(ops[i].name, s) == 0) {
            *out = (enum op)i;
            return true;
        }
    return false;
}

/* ------------------------------------------------------------------ */
/* one entry                                                           */

/* An entry, validated: the attribute, the operator and its values (the
 * request's JSON). */
struct cond {
    const char *name;
    enum op op;
    struct json_object *value;  /* Expected's Value, or NULL        */
    struct json_object *list;   /* AttributeValueList, or NULL      */
    size_t n;                   /* values                           */
};

static struct json_object *
value_at(const struct cond *c, size_t i)
{
    return c->value != NULL ? c->value
                            : json_object_array_get_idx(c->list, i);
}

/* Expected's combinations of Exists, Value, AttributeValueList and
 * ComparisonOperator; fills the operator when there is none. *done: the
 * entry is a plain Exists/Value one (no operator name to check). */
static enum sst_code
check_expected(const struct json_object *e, struct cond *c, bool *done,
               struct sst_err *err)
{
    const char *op = sst_emu_get_string(e, "ComparisonOperator");
    bool exists = true, has_exists, b = true;

    has_exists = sst_emu_get_bool(e, "Exists", &b);
    if (has_exists)
        exists = b;
    *done = false;
    if (has_exists && op != NULL)
        return sst_err_set(err, SST_E_VALIDATION, MSG_EXISTS_AND_OP, c->name);
    if (c->value != NULL && c->list != NULL)
        return sst_err_set(err, SST_E_VALIDATION, MSG_VALUE_AND_LIST, c->name);
    if (op == NULL) {
        if (c->list != NULL)
            return sst_err_set(err, SST_E_VALIDATION, MSG_LIST_WITHOUT_OP,
                               c->name);
        if (!exists && c->value != NULL)
            return sst_err_set(err, SST_E_VALIDATION, MSG_VALUE_NOT_EXISTS,
                               c->name);
        if (exists && c->value == NULL)
            return sst_err_set(err, SST_E_VALIDATION, MSG_VALUE_NEEDED,
                               has_exists ? "true" : "null", c->name);
        c->op = exists ? OP_EQ : OP_NULL;
        c->n = exists ? 1 : 0;
        if (!exists)
            c->value = NULL;
        *done = true;
        return SST_OK;
    }
    if (c->value == NULL && c->list == NULL && strcmp(op, "NULL") != 0 &&
        strcmp(op, "NOT_NULL") != 0)
        return sst_err_set(err, SST_E_VALIDATION, MSG_OP_NEEDS_VALUE, op,
                           c->name);
    return SST_OK;
}

/* The values decoded, for their own errors only. */
static enum sst_code
decode_values(const struct cond *c, struct sst_err *err)
{
    struct sst_av *v = NULL;
    enum sst_code rc = SST_OK;
    size_t i;

    for (i = 0; i < c->n && rc == SST_OK; i++) {
        rc = sst_emu_legacy_decode(value_at(c, i), &v, err);
        sst_av_free(v);
        v = NULL;
    }
    return rc;
}

/* The values: decoded (their own errors), counted, typed, ordered. */
static enum sst_code
check_values(struct cond *c, struct sst_err *err)
{
    const struct op_info *in = &ops[c->op];
    struct sst_av *first = NULL, *second = NULL, *v = NULL;
    enum sst_av_type *types;
    enum sst_code rc = SST_OK;
    size_t i;
    int order;

    types = sst_calloc(c->n ? c->n : 1, sizeof *types);
    if (types == NULL)
        return sst_emu_nomem(err);
    for (i = 0; i < c->n && rc == SST_OK; i++) {
        rc = sst_emu_legacy_decode(value_at(c, i), &v, err);
        if (rc != SST_OK)
            break;
        types[i] = v->type;
        if (i == 0)
            first = v;
        else if (i == 1)
            second = v;
        else
            sst_av_free(v);
        v = NULL;
    }
    if (rc == SST_OK && (c->n < in->min || c->n > in->max))
        rc = sst_err_set(err, SST_E_VALIDATION, MSG_ARITY, in->name);
    /* value by value: a type the operator takes, then the first value's
     * type (DynamoDB Local's order) */
    for (i = 0; i < c->n && rc == SST_OK; i++) {
        if (!(in->types & (1u << types[i])))
            rc = sst_err_set(err, SST_E_VALIDATION, MSG_TYPE, in->name,
                             sst_av_type_name(types[i]));
        else if (types[i] != types[0])
            rc = sst_err_set(err, SST_E_VALIDATION, MSG_SAME_TYPE);
    }
    if (rc == SST_OK && c->op == OP_BETWEEN &&
        sst_av_cmp(first, second, &order) && order > 0)
        rc = sst_err_set(err, SST_E_VALIDATION, MSG_BETWEEN);
    sst_free(types);
    sst_av_free(first);
    sst_av_free(second);
    return rc;
}

/* One entry of any kind, checked. */
static enum sst_code
check_entry(const char *name, const struct json_object *e,
            enum sst_emu_legacy_flavor flavor, struct cond *c,
            struct sst_err *err)
{
    const char *op;
    bool done = false;
    enum sst_code rc;

    memset(c, 0, sizeof *c);
    c->name = name;
    if (*name == '\0')
        return sst_err_set(err, SST_E_VALIDATION, SST_EMU_MSG_EMPTY_ATTR);
    if (!json_object_is_type(e, json_type_object))
        return sst_err_set(err, SST_E_SERIALIZATION, MSG_LIST_KIND);
    if (flavor == SST_EMU_LEGACY_EXPECTED)
        c->value = sst_emu_get(e, "Value");
    c->list = sst_emu_get(e, "AttributeValueList");
    if (c->list != NULL && !json_object_is_type(c->list, json_type_array))
        return sst_err_set(err, SST_E_SERIALIZATION, MSG_LIST_KIND);
    if (flavor == SST_EMU_LEGACY_EXPECTED) {
        rc = check_expected(e, c, &done, err);
        if (rc != SST_OK)
            return rc;
    }
    if (!done) {
        c->n = c->value != NULL ? 1
               : c->list != NULL ? json_object_array_length(c->list)
                                 : 0;
        /* Expected's values are decoded before its operator is looked
         * up; a filter's operator comes first (DynamoDB Local's order) */
        if (flavor == SST_EMU_LEGACY_EXPECTED) {
            rc = decode_values(c, err);
            if (rc != SST_OK)
                return rc;
        }
        op = sst_emu_get_string(e, "ComparisonOperator");
        if (!op_lookup(op, &c->op))
            return sst_err_set(err, SST_E_VALIDATION, MSG_NO_OPERATOR);
    }
    return check_values(c, err);
}

/* ------------------------------------------------------------------ */
/* translation: key conditions as text                                 */

/* A key condition (EQ LE LT GE GT, BEGINS_WITH, BETWEEN), written for
 * the engine's key-condition grammar and analysis (keycond.h). */
static enum sst_code
write_key(struct sst_emu_legacy_maps *m, const struct cond *c,
          struct sst_emu_legacy_text *out, struct sst_err *err)
{
    struct sst_emu_legacy_ph n, a, b;
    enum sst_code rc;

    rc = sst_emu_legacy_name(m, c->name, &n, err);
    if (rc == SST_OK)
        rc = sst_emu_legacy_value(m, value_at(c, 0), &a, err);
    if (rc == SST_OK && c->op == OP_BETWEEN)
        rc = sst_emu_legacy_value(m, value_at(c, 1), &b, err);
    if (rc != SST_OK)
        return rc;
    if (c->op == OP_BEGINS_WITH)
        return sst_emu_legacy_append(out, err, "begins_with(%s, %s)", n.s,
                                     a.s);
    if (c->op == OP_BETWEEN)
        return sst_emu_legacy_append(out, err, "%s BETWEEN %s AND %s", n.s,
                                     a.s, b.s);
    return sst_emu_legacy_append(out, err, "%s %s %s", n.s, ops[c->op].expr,
                                 a.s);
}

/* ------------------------------------------------------------------ */
/* translation: conditions and filters as trees                        */

/* Conditions and filters are built as the engine's tree (legacy_tree.c),
 * so no expression limit applies to them: DynamoDB has none for the
 * legacy parameters. */
static const enum sst_emu_expr_op comparisons[OP_COUNT] = {
    [OP_EQ] = SST_EMU_EXPR_OP_EQ, [OP_NE] = SST_EMU_EXPR_OP_NE,
    [OP_LE] = SST_EMU_EXPR_OP_LE, [OP_LT] = SST_EMU_EXPR_OP_LT,
    [OP_GE] = SST_EMU_EXPR_OP_GE, [OP_GT] = SST_EMU_EXPR_OP_GT,
    [OP_CONTAINS] = SST_EMU_EXPR_OP_CONTAINS,
    [OP_BEGINS_WITH] = SST_EMU_EXPR_OP_BEGINS_WITH,
};

/* One entry's tree (NULL: out of memory, or err set). */
static struct sst_emu_ast *
cond_tree(struct sst_emu_legacy_tree *t, const struct cond *c,
          struct sst_err *err)
{
    struct sst_emu_ast *n, *exists;
    size_t i;

    switch (c->op) {
    case OP_NULL:
        return sst_emu_legacy_op2(t, SST_EMU_EXPR_OP_ATTRIBUTE_NOT_EXISTS,
                                  sst_emu_legacy_path_node(t, c->name), NULL);
    case OP_NOT_NULL:
        return sst_emu_legacy_op2(t, SST_EMU_EXPR_OP_ATTRIBUTE_EXISTS,
                                  sst_emu_legacy_path_node(t, c->name), NULL);
    case OP_NOT_CONTAINS:
        /* DynamoDB: a missing attribute does not match NOT_CONTAINS */
        exists = sst_emu_legacy_op2(t, SST_EMU_EXPR_OP_ATTRIBUTE_EXISTS,
                                    sst_emu_legacy_path_node(t, c->name),
                                    NULL);
        n = sst_emu_legacy_op2(
            t, SST_EMU_EXPR_OP_CONTAINS, sst_emu_legacy_path_node(t, c->name),
            sst_emu_legacy_value_node(t, value_at(c, 0), err));
        return sst_emu_legacy_op2(
            t, SST_EMU_EXPR_OP_AND, exists,
            sst_emu_legacy_op2(t, SST_EMU_EXPR_OP_NOT, n, NULL));
    case OP_IN:
    case OP_BETWEEN:
        n = sst_emu_legacy_op_node(t,
                                   c->op == OP_IN ? SST_EMU_EXPR_OP_IN
                                                  : SST_EMU_EXPR_OP_BETWEEN,
                                   (uint32_t)c->n + 1);
        if (n == NULL ||
            (n->kids[0] = sst_emu_legacy_path_node(t, c->name)) == NULL)
            return NULL;
        for (i = 0; i < c->n; i++) {
            n->kids[i + 1] = sst_emu_legacy_value_node(t, value_at(c, i), err);
            if (n->kids[i + 1] == NULL)
                return NULL;
        }
        return n;
    default:
        return sst_emu_legacy_op2(
            t, comparisons[c->op], sst_emu_legacy_path_node(t, c->name),
            sst_emu_legacy_value_node(t, value_at(c, 0), err));
    }
}

/* ------------------------------------------------------------------ */
/* condition maps                                                      */

/* Check every entry of a map, in request order, into cs (n entries). */
static enum sst_code
check_map(const struct json_object *map, enum sst_emu_legacy_flavor flavor,
          struct cond **cs, size_t *n, struct sst_err *err)
{
    enum sst_code rc = SST_OK;
    size_t i = 0;

    *n = (size_t)json_object_object_length(map);
    *cs = sst_calloc(*n ? *n : 1, sizeof **cs);
    if (*cs == NULL)
        return sst_emu_nomem(err);
    json_object_object_foreach((struct json_object *)map, name, e)
    {
        if (rc == SST_OK)
            rc = check_entry(name, e, flavor, &(*cs)[i++], err);
    }
    return rc;
}

enum sst_code
sst_emu_legacy_conditions(struct sst_emu_legacy_maps *m,
                          struct sst_emu_arena *a,
                          const struct json_object *map,
                          enum sst_emu_legacy_flavor flavor, bool or_,
                          struct sst_emu_ast **out, struct sst_err *err)
{
    struct sst_emu_legacy_tree t = {m, a};
    struct sst_emu_ast *n;
    struct cond *cs = NULL;
    enum sst_code rc;
    size_t i, count;

    *out = NULL;
    rc = check_map(map, flavor, &cs, &count, err);
    for (i = 0; i < count && rc == SST_OK; i++) {
        struct sst_err e = {0};

        n = cond_tree(&t, &cs[i], &e);
        if (n != NULL && i > 0)
            n = sst_emu_legacy_op2(
                &t, or_ ? SST_EMU_EXPR_OP_OR : SST_EMU_EXPR_OP_AND, *out, n);
        if (n == NULL)
            rc = e.code != SST_OK ? sst_err_set(err, e.code, "%s", e.message)
                                  : sst_emu_nomem(err);
        *out = n;
    }
    if (rc != SST_OK)
        *out = NULL;
    sst_free(cs);
    return rc;
}

enum sst_code
sst_emu_legacy_check_expected(const struct json_object *req,
                              struct sst_err *err)
{
    struct json_object *map = sst_emu_get(req, "Expected");
    struct cond *cs = NULL;
    enum sst_code rc;
    size_t n;

    if (map == NULL || !json_object_is_type(map, json_type_object))
        return SST_OK;
    rc = check_map(map, SST_EMU_LEGACY_EXPECTED, &cs, &n, err);
    sst_free(cs);
    return rc;
}

enum sst_code
sst_emu_legacy_key_conditions(struct sst_emu_legacy_maps *m,
                              const struct json_object *map,
                              struct sst_emu_legacy_text *out, bool *written,
                              struct sst_err *err)
{
    struct cond *cs = NULL;
    enum sst_code rc;
    size_t i, n;

    *written = false;
    rc = check_map(map, SST_EMU_LEGACY_KEYS, &cs, &n, err);
    /* A key condition takes one or two entries, each an operator a key
     * condition can have; others are sst_emu_legacy_query_keys()'s. */
    if (rc == SST_OK && n > 2)
        goto out;
    for (i = 0; rc == SST_OK && i < n; i++)
        if (!ops[cs[i].op].key)
            goto out;
    for (i = 0; i < n && rc == SST_OK; i++) {
        if (i > 0)
            rc = sst_emu_legacy_append(out, err, " AND ");
        if (rc == SST_OK)
            rc = write_key(m, &cs[i], out, err);
    }
    *written = rc == SST_OK;
out:
    sst_free(cs);
    return rc;
}

/* ------------------------------------------------------------------ */
/* a Query's keys                                                      */

/* One key condition against its key attribute. */
static enum sst_code
check_key(const char *name, const struct json_object *e, enum sst_av_type type,
          bool hash, struct sst_err *err)
{
    struct json_object *list = sst_emu_get(e, "AttributeValueList");
    struct sst_av *v = NULL;
    enum op op = OP_EQ;
    enum sst_code rc;
    bool empty;

    (void)op_lookup(sst_emu_get_string(e, "ComparisonOperator"), &op);
    if (list == NULL || json_object_array_length(list) == 0)
        return sst_err_set(err, SST_E_VALIDATION, MSG_KC_SCALAR,
                           hash ? "Hash" : "Range");
    rc = sst_emu_legacy_decode(json_object_array_get_idx(list, 0), &v, err);
    if (rc != SST_OK)
        return rc;
    empty = (v->type == SST_AV_S || v->type == SST_AV_B) &&
            v->u.str.len == 0;
    if (v->type != type)
        rc = sst_err_set(err, SST_E_VALIDATION, MSG_KC_TYPE);
    else if (hash && op != OP_EQ)
        rc = sst_err_set(err, SST_E_VALIDATION, MSG_KC_HASH_OP);
    else if (!hash && !ops[op].key)
        rc = sst_err_set(err, SST_E_VALIDATION, MSG_KC_RANGE_OP);
    else if (empty)
        rc = sst_err_set(err, SST_E_VALIDATION, MSG_KC_EMPTY, name);
    sst_av_free(v);
    return rc;
}

/* KeyConditions: one condition on the partition key, and at most one
 * more, on the sort key (two only where there is a sort key). */
static enum sst_code
check_key_conditions(const struct json_object *kc,
                     const struct sst_emu_query_schema *qs,
                     struct sst_err *err)
{
    size_t n = (size_t)json_object_object_length(kc);
    struct json_object *h, *r = NULL;
    enum sst_code rc;

    if (n == 0)
        return sst_err_set(err, SST_E_VALIDATION, MSG_KC_NONE);
    if (n > 2)
        return sst_err_set(err, SST_E_VALIDATION, MSG_KC_MANY);
    /* two conditions where the key has no sort key: DynamoDB Local
     * refuses them as it refuses a hash key condition other than EQ */
    if (n == 2 && qs->range == NULL)
        return sst_err_set(err, SST_E_VALIDATION, MSG_KC_HASH_OP);
    h = sst_emu_get(kc, qs->hash);
    if (h == NULL)
        return sst_err_set(err, SST_E_VALIDATION, MSG_KC_MISSED);
    rc = check_key(qs->hash, h, qs->hash_type, true, err);
    if (rc != SST_OK || n == 1)
        return rc;
    if (qs->range != NULL)
        r = sst_emu_get(kc, qs->range);
    if (r == NULL)
        return sst_err_set(err, SST_E_VALIDATION, MSG_KC_MISSED);
    return check_key(qs->range, r, qs->range_type, false, err);
}

enum sst_code
sst_emu_legacy_query_keys(const struct json_object *req,
                          const struct sst_emu_query_schema *qs,
                          struct sst_err *err)
{
    struct json_object *kc = sst_emu_get(req, "KeyConditions");
    enum sst_code rc = SST_OK;
    struct cond c;

    if (kc == NULL || !json_object_is_type(kc, json_type_object) ||
        sst_emu_get(req, "KeyConditionExpression") != NULL)
        return SST_OK;
    /* each entry's own checks first, then the schema's */
    json_object_object_foreach(kc, name, e)
    {
        if (rc == SST_OK)
            rc = check_entry(name, e, SST_EMU_LEGACY_KEYS, &c, err);
    }
    if (rc == SST_OK)
        rc = check_key_conditions(kc, qs, err);
    return rc;
}

enum sst_code
sst_emu_legacy_filter_keys(const struct json_object *req,
                           const struct sst_emu_query_schema *qs,
                           struct sst_err *err)
{
    struct json_object *qf = sst_emu_get(req, "QueryFilter");

    if (qf == NULL || !json_object_is_type(qf, json_type_object))
        return SST_OK;
    json_object_object_foreach(qf, name, e)
    {
        (void)e;
        if (strcmp(name, qs->hash) == 0 ||
            (qs->range != NULL && strcmp(name, qs->range) == 0))
            return sst_err_set(err, SST_E_VALIDATION, MSG_KC_FILTER_KEY, name);
    }
    return SST_OK;
}
