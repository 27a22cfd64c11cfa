/*
 * emu/ops/execute_statement.c - ExecuteStatement: one PartiQL statement
 * (emu/ops/partiql.h), run as the item operation it stands for.
 *
 *   SELECT  a Query when the WHERE clause's top-level AND chain has an
 *           equality on every partition key attribute of the table or
 *           index (and then one sort key condition goes to the key
 *           condition), else a Scan; the other conditions filter. ORDER
 *           BY the sort key needs a Query; DESC reads backwards.
 *   INSERT  a PutItem on the condition that no item has the key;
 *           DuplicateItemException when one has.
 *   UPDATE  an UpdateItem of the item whose key the WHERE clause gives
 *           in full with equalities, on the condition that it exists and
 *           that the other conditions hold.
 *   DELETE  a DeleteItem of that key, on the other conditions.
 *
 * The answer is {"Items": [...]}: a page of a SELECT (NextToken when more
 * follow), or the item RETURNING asks for. The request is checked as
 * DynamoDB Local checks it (tests/data/emu/partiql.py records the
 * cases).
 */
#include <json-c/json.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <sst/mem.h>

#include "emu/ops/common.h"
#include "emu/ops/ops.h"
#include "emu/ops/partiql.h"
#include "emu/ops/partiql_exec.h"
#include "emu/ops/scan.h"
#include "src/core/buf.h"

#define S(n) {n, SST_EMU_SHAPE_STRING, NULL}
#define END {NULL, SST_EMU_SHAPE_STRING, NULL}

#define STATEMENT_MAX 8192
#define MSG_KEYS                                                               \
    "Where clause does not contain a mandatory equality on all "               \
    "key attributes"

static const struct sst_emu_shape av_members[] = {END};
const struct sst_emu_shape sst_emu_pq_param_elem = {"", SST_EMU_SHAPE_STRUCT,
                                                    av_members};
static const struct sst_emu_shape request[] = {
    S("Statement"),
    {"Parameters", SST_EMU_SHAPE_LIST, &sst_emu_pq_param_elem},
    {"ConsistentRead", SST_EMU_SHAPE_BOOLEAN, NULL},
    S("NextToken"),
    {"Limit", SST_EMU_SHAPE_INTEGER, NULL},
    S("ReturnConsumedCapacity"),
    S("ReturnValuesOnConditionCheckFailure"),
    END};

/* The key names of the table, or of its index: pointers into t. */
struct keys {
    const char *hash[4], *range[4];
    size_t hash_n, range_n;
};

static void
keys_of(const struct sst_emu_table *t, const struct sst_emu_key_schema *k,
        struct keys *out)
{
    unsigned i;

    out->hash_n = out->range_n = 0;
    for (i = 0; i < k->hash_count && i < 4; i++)
        out->hash[out->hash_n++] = t->attrs[k->hash[i]].name;
    for (i = 0; i < k->range_count && i < 4; i++)
        out->range[out->range_n++] = t->attrs[k->range[i]].name;
}

/* The type letter of attribute name in t ('S', 'N', 'B'), or 0. */
static char
attr_type(const struct sst_emu_table *t, const char *name)
{
    size_t i;

    for (i = 0; i < t->attr_count; i++)
        if (strcmp(t->attrs[i].name, name) == 0)
            return t->attrs[i].type == SST_EMU_ATTR_S   ? 'S'
                   : t->attrs[i].type == SST_EMU_ATTR_N ? 'N'
                                                        : 'B';
    return 0;
}

/* Whether the AttributeValue v has the scalar type letter want. */
static bool
av_is(const struct json_object *v, char want)
{
    char key[2] = {want, '\0'};

    return json_object_is_type(v, json_type_object) &&
           json_object_object_length(v) == 1 &&
           json_object_object_get_ex(v, key, NULL);
}

static enum sst_code
key_type_error(const char *name, struct sst_err *err)
{
    return sst_err_set(err, SST_E_VALIDATION,
                       "Key attribute's data type should match its data "
                       "type in table's schema: Key %s",
                       name);
}

/* The key values of an equality map (or an item) against the schema. */
static enum sst_code
check_key_types(const struct sst_emu_table *t, const struct keys *k,
                const struct json_object *values, bool need_all,
                struct sst_err *err)
{
    size_t i;

    for (i = 0; i < k->hash_n + k->range_n; i++) {
        const char *name = i < k->hash_n ? k->hash[i] : k->range[i - k->hash_n];
        struct json_object *v = NULL;

        if (!json_object_object_get_ex(values, name, &v)) {
            if (need_all)
                return sst_err_set(err, SST_E_VALIDATION,
                                   "Key attribute should be present in the "
                                   "item: Key %s",
                                   name);
            continue;
        }
        if (!av_is(v, attr_type(t, name)))
            return key_type_error(name, err);
        if ((av_is(v, 'S') || av_is(v, 'B')) &&
            json_object_is_type(json_object_object_get(
                                    v, attr_type(t, name) == 'S' ? "S" : "B"),
                                json_type_string) &&
            json_object_get_string_len(json_object_object_get(
                v, attr_type(t, name) == 'S' ? "S" : "B")) == 0)
            return sst_err_set(err, SST_E_VALIDATION,
                               "One or more parameter values are not valid. "
                               "The AttributeValue for a key attribute cannot "
                               "contain an empty %s value. Key: %s",
                               attr_type(t, name) == 'S' ? "string" : "binary",
                               name);
    }
    return SST_OK;
}

/* Add a member to the built request; false when out of memory. */
static bool
add(struct json_object *req, const char *key, struct json_object *v)
{
    if (v == NULL || json_object_object_add(req, key, v) != 0) {
        json_object_put(v);
        return false;
    }
    return true;
}

static bool
add_string(struct json_object *req, const char *key, const char *s)
{
    return s == NULL || add(req, key, json_object_new_string(s));
}

/* Copy member name from the ExecuteStatement request, when present. */
static bool
pass(struct json_object *req, const struct json_object *from, const char *name)
{
    struct json_object *v = sst_emu_get(from, name);

    return v == NULL || add(req, name, json_object_get(v));
}

/* The index #pN of name among the statement's names, as text. */
static bool
name_ref(const struct sst_pq_stmt *st, const char *name, char *buf, size_t cap)
{
    size_t i;

    for (i = 0; i < st->name_count; i++) {
        if (strcmp(st->names[i], name) == 0) {
            snprintf(buf, cap, "#p%zu", i);
            return true;
        }
    }
    return false;
}

static bool
in_keys(const struct keys *k, const char *name)
{
    size_t i;

    for (i = 0; i < k->hash_n; i++)
        if (strcmp(k->hash[i], name) == 0)
            return true;
    for (i = 0; i < k->range_n; i++)
        if (strcmp(k->range[i], name) == 0)
            return true;
    return false;
}

/* Internal members of a SELECT's Scan request (never read from a
 * client's): the partition key name when the page is to be reordered,
 * and whether ORDER BY names it (else the sort key) DESC. */
#define PQ_ORDER_HASH "sst:OrderHash"
#define PQ_ORDER_HASH_DESC "sst:OrderHashDescending"

/* DynamoDB Local's ORDER BY ... DESC of a page of a SELECT that scanned
 * (its SelectResultsOrderer): the items grouped by their partition key
 * value in the order first seen, each group reversed for the sort key,
 * the groups reversed for the partition key. */
static enum sst_code
order_page(struct json_object *answer, const char *hash, bool hash_desc,
           struct sst_err *err)
{
    struct json_object *items = sst_emu_get(answer, "Items"), *out, *it;
    size_t n, i, j, g, *group, *first, groups = 0;
    enum sst_code rc = SST_OK;

    if (items == NULL || !json_object_is_type(items, json_type_array))
        return SST_OK;
    n = json_object_array_length(items);
    group = sst_calloc(n + 1, sizeof *group);
    first = sst_calloc(n + 1, sizeof *first);
    out = json_object_new_array_ext((int)n);
    if (group == NULL || first == NULL || out == NULL) {
        rc = sst_emu_nomem(err);
        goto done;
    }
    for (i = 0; i < n; i++) {
        struct json_object *v = sst_emu_get(
            json_object_array_get_idx(items, i), hash);

        for (g = 0; g < groups; g++)
            if (json_object_equal(
                    v, sst_emu_get(json_object_array_get_idx(items, first[g]),
                                   hash)))
                break;
        if (g == groups)
            first[groups++] = i;
        group[i] = g;
    }
    for (j = 0; j < groups; j++) {
        g = hash_desc ? groups - 1 - j : j;
        for (i = 0; i < n; i++) {
            size_t at = hash_desc ? i : n - 1 - i;

            if (group[at] != g)
                continue;
            it = json_object_array_get_idx(items, at);
            if (json_object_array_add(out, json_object_get(it)) != 0) {
                rc = sst_emu_nomem(err);
                goto done;
            }
        }
    }
    if (json_object_object_add(answer, "Items", out) != 0)
        rc = sst_emu_nomem(err);
    else
        out = NULL;
done:
    json_object_put(out);
    sst_free(group);
    sst_free(first);
    return rc;
}

/* SELECT: the Query or Scan request, and which it is. */
static enum sst_code
select_request(const struct sst_pq_stmt *st, const struct sst_emu_table *t,
               const struct json_object *from, struct json_object *req,
               bool *query, struct sst_err *err)
{
    struct sst_pq_split sp = {0};
    const struct sst_emu_key_schema *ks = &t->key;
    struct keys k;
    const char *texts[3];
    char *where = NULL;
    enum sst_code rc;
    size_t i;
    bool ok = true;

    if (st->index != NULL) {
        for (i = 0; i < t->index_count; i++)
            if (strcmp(t->indexes[i].name, st->index) == 0)
                ks = &t->indexes[i].key;
        if (ks == &t->key)
            return sst_err_set(err, SST_E_VALIDATION,
                               "The table does not have the specified "
                               "index: %s",
                               st->index);
    }
    keys_of(t, ks, &k);
    rc = sst_pq_split_where(st, k.hash, k.hash_n, k.range, k.range_n, true, &sp,
                            err);
    if (rc != SST_OK)
        return rc;
    /* A Query filters only attributes outside the key: with another
     * condition on a key attribute, DynamoDB scans instead. */
    *query = sp.hash_found && k.hash_n > 0 && !sp.rest_uses_key;
    if (st->order != 0) {
        if (st->where == NULL) {
            sst_pq_split_cleanup(&sp);
            return sst_err_set(err, SST_E_VALIDATION,
                               "Must have WHERE clause in the statement when "
                               "using ORDER BY clause.");
        }
        if (!in_keys(&k, st->order_attr)) {
            sst_pq_split_cleanup(&sp);
            return sst_err_set(err, SST_E_VALIDATION,
                               "Variable reference %s in ORDER BY clause "
                               "must be part of the primary key",
                               st->order_attr);
        }
    }
    if (*query) {
        rc = check_key_types(t, &k, sp.key, false, err);
        /* the partition key IN a list: every value */
        for (i = 0; rc == SST_OK && sp.in_values != NULL &&
                    i < json_object_array_length(sp.in_values);
             i++) {
            struct json_object *one = json_object_new_object();

            if (one == NULL ||
                json_object_object_add(
                    one, k.hash[0],
                    json_object_get(
                        json_object_array_get_idx(sp.in_values, i))) != 0)
                rc = sst_emu_nomem(err);
            if (rc == SST_OK)
                rc = check_key_types(t, &k, one, false, err);
            json_object_put(one);
        }
        for (i = 0; rc == SST_OK && sp.range_values != NULL &&
                    i < json_object_array_length(sp.range_values);
             i++) {
            struct json_object *v =
                json_object_array_get_idx(sp.range_values, i);

            if (!av_is(v, attr_type(t, k.range[0])) &&
                !(av_is(v, 'S') && attr_type(t, k.range[0]) == 'B'))
                rc = key_type_error(k.range[0], err);
        }
        if (rc != SST_OK) {
            sst_pq_split_cleanup(&sp);
            return rc;
        }
    }
    ok = add_string(req, "TableName", st->table) &&
         add_string(req, "IndexName", st->index);
    if (*query) {
        texts[0] = sp.key_cond;
        texts[1] = sp.rest;
        ok = ok && add_string(req, "KeyConditionExpression", sp.key_cond) &&
             add_string(req, "FilterExpression", sp.rest);
        /* the partitions of IN, read in the order of their values (the
         * key condition holds the first): sst_emu_pq_query() only */
        if (sp.in_values != NULL)
            ok = ok && add(req, SST_EMU_PQ_PARTITIONS,
                           json_object_get(sp.in_values));
        if (sp.in_values != NULL && st->order < 0 &&
            strcmp(st->order_attr, k.hash[0]) == 0)
            ok = ok && add(req, SST_EMU_PQ_PARTITIONS_DESC,
                           json_object_new_boolean(1));
        if (st->order < 0 && k.range_n > 0 &&
            strcmp(st->order_attr, k.range[0]) == 0)
            ok = ok && add(req, "ScanIndexForward", json_object_new_boolean(0));
    } else {
        rc = sst_pq_where_text(st, &where, err);
        if (rc != SST_OK) {
            sst_pq_split_cleanup(&sp);
            return rc;
        }
        texts[0] = where;
        texts[1] = NULL;
        ok = ok && add_string(req, "FilterExpression", where);
        /* ORDER BY ... DESC of a SELECT that scans: its page reordered
         * (sst_emu_pq_run, order_page) */
        if (st->order < 0)
            ok = ok && add_string(req, PQ_ORDER_HASH, k.hash[0]) &&
                 add(req, PQ_ORDER_HASH_DESC,
                     json_object_new_boolean(
                         strcmp(st->order_attr, k.hash[0]) == 0));
    }
    texts[2] = st->projection;
    ok = ok && add_string(req, "ProjectionExpression", st->projection) &&
         pass(req, from, "ConsistentRead") && pass(req, from, "Limit") &&
         pass(req, from, "ReturnConsumedCapacity");
    rc = ok ? sst_pq_add_placeholders(st, req, texts, 3, err)
            : sst_emu_nomem(err);
    sst_free(where);
    sst_pq_split_cleanup(&sp);
    return rc;
}

/* UPDATE and DELETE: the key in full, the other conditions. */
static enum sst_code
item_request(const struct sst_pq_stmt *st, const struct sst_emu_table *t,
             const struct json_object *from, struct json_object *req,
             struct sst_err *err)
{
    struct sst_pq_split sp = {0};
    struct keys k;
    struct sst_strbuf cond;
    const char *texts[2];
    char ref[24], *c = NULL;
    enum sst_code rc;
    bool ok;

    keys_of(t, &t->key, &k);
    rc = sst_pq_split_where(st, k.hash, k.hash_n, k.range, k.range_n, false,
                            &sp, err);
    if (rc != SST_OK)
        return rc;
    if (sp.dup_key != NULL) {
        rc = sst_err_set(err, SST_E_VALIDATION,
                         "Multiple conditions on same key %s. Only single "
                         "item Update/Insert/Delete are supported",
                         sp.dup_key);
        sst_pq_split_cleanup(&sp);
        return rc;
    }
    if (st->kind == SST_PQ_EXISTS &&
        (!sp.hash_found || !sp.range_found || sp.rest == NULL)) {
        sst_pq_split_cleanup(&sp);
        return sst_err_set(err, SST_E_VALIDATION,
                           "EXISTS() must contain a single item read with "
                           "additional condition");
    }
    if (!sp.hash_found || !sp.range_found) {
        sst_pq_split_cleanup(&sp);
        return sst_err_set(err, SST_E_VALIDATION, MSG_KEYS);
    }
    rc = check_key_types(t, &k, sp.key, true, err);
    if (rc != SST_OK) {
        sst_pq_split_cleanup(&sp);
        return rc;
    }
    sst_strbuf_init(&cond, 0);
    if (!name_ref(st, k.hash[0], ref, sizeof ref))
        ref[0] = '\0';
    if ((st->kind == SST_PQ_UPDATE || st->kind == SST_PQ_EXISTS) &&
        ref[0] != '\0')
        sst_strbuf_printf(&cond, "attribute_exists(%s)", ref);
    if (sp.rest != NULL &&
        (st->kind == SST_PQ_UPDATE || st->kind == SST_PQ_EXISTS))
        sst_strbuf_printf(&cond, "%s%s", cond.len > 0 ? " AND " : "", sp.rest);
    /* DELETE: its conditions bind only an item that exists */
    if (sp.rest != NULL && st->kind == SST_PQ_DELETE)
        sst_strbuf_printf(&cond, "attribute_not_exists(%s) OR %s", ref,
                          sp.rest);
    if (cond.len > 0 &&
        sst_strbuf_take(&cond, "a condition", &c, NULL, NULL) != SST_OK) {
        sst_pq_split_cleanup(&sp);
        return sst_emu_nomem(err);
    }
    sst_strbuf_cleanup(&cond);
    texts[0] = c;
    texts[1] = st->update;
    ok = add_string(req, "TableName", st->table) &&
         add(req, "Key", json_object_get(sp.key)) &&
         add_string(req, "UpdateExpression", st->update) &&
         add_string(req, "ConditionExpression", c) &&
         add_string(req, "ReturnValues", st->returning) &&
         pass(req, from, "ReturnValuesOnConditionCheckFailure") &&
         pass(req, from, "ReturnConsumedCapacity");
    rc = ok ? sst_pq_add_placeholders(st, req, texts, 2, err)
            : sst_emu_nomem(err);
    sst_free(c);
    sst_pq_split_cleanup(&sp);
    return rc;
}

/* INSERT: PutItem on the condition that the key is free. */
static enum sst_code
insert_request(const struct sst_pq_stmt *st, const struct sst_emu_table *t,
               const struct json_object *from, struct json_object *req,
               struct sst_err *err)
{
    struct json_object *m = NULL;
    char cond[64];

    struct keys k;
    enum sst_code rc;

    if (!json_object_object_get_ex(st->item, "M", &m))
        return sst_err_set(err, SST_E_VALIDATION,
                           "Unsupported operation: Inserting non-map "
                           "value into table.");
    keys_of(t, &t->key, &k);
    rc = check_key_types(t, &k, m, true, err);
    if (rc != SST_OK)
        return rc;
    snprintf(cond, sizeof cond, "attribute_not_exists(#k)");
    if (!add_string(req, "TableName", st->table) ||
        !add(req, "Item", json_object_get(m)) ||
        !add_string(req, "ConditionExpression", cond) ||
        !add(req, "ExpressionAttributeNames", json_object_new_object()) ||
        !add_string(sst_emu_get(req, "ExpressionAttributeNames"), "#k",
                    t->attrs[t->key.hash[0]].name) ||
        !pass(req, from, "ReturnConsumedCapacity"))
        return sst_emu_nomem(err);
    return SST_OK;
}

/* The statement's text, checked as DynamoDB checks it. */
static enum sst_code
statement_of(const struct json_object *req, const char **text,
             struct sst_err *err)
{
    struct json_object *params = sst_emu_get(req, "Parameters");
    int64_t limit = 0;
    size_t n;

    *text = sst_emu_get_string(req, "Statement");
    if (*text == NULL)
        return sst_err_set(err, SST_E_VALIDATION,
                           "1 validation error detected: Value null at "
                           "'statement' failed to satisfy constraint: Member "
                           "must not be null");
    n = strlen(*text);
    if (n > STATEMENT_MAX)
        return sst_err_set(err, SST_E_VALIDATION,
                           "Member must have length less than or equal to "
                           "8192");
    if (sst_emu_get_long(req, "Limit", true, &limit) && limit < 1)
        return sst_err_set(err, SST_E_VALIDATION,
                           "1 validation error detected: Value '%lld' at "
                           "'limit' failed to satisfy constraint: Member must "
                           "have value greater than or equal to 1",
                           (long long)limit);
    if (sst_emu_get_string(req, "NextToken") != NULL &&
        strlen(sst_emu_get_string(req, "NextToken")) > SST_EMU_PQ_TOKEN_MAX)
        return sst_err_set(err, SST_E_VALIDATION,
                           "Member must have length less than or equal to "
                           "32768");
    for (n = 0; params != NULL && n < json_object_array_length(params); n++) {
        int members =
            json_object_object_length(json_object_array_get_idx(params, n));

        if (members != 1)
            return sst_err_set(
                err, SST_E_VALIDATION,
                members == 0 ? "Supplied AttributeValue is empty, must "
                               "contain exactly one of the supported "
                               "datatypes"
                             : "Supplied AttributeValue has more than one "
                               "datatypes set, must contain exactly one of "
                               "the supported datatypes");
    }
    if (params != NULL && json_object_array_length(params) == 0)
        return sst_err_set(err, SST_E_VALIDATION,
                           "1 validation error detected: Value '[]' at "
                           "'parameters' failed to satisfy constraint: "
                           "Member must have length greater than or equal "
                           "to 1");
    return SST_OK;
}

/* SELECT of one item (every key attribute by equality, nothing else):
 * GetItem's request; else *single says why not. */
static enum sst_code
get_request(const struct sst_pq_stmt *st, const struct sst_emu_table *t,
            const struct json_object *from, struct json_object *req,
            enum sst_emu_pq_single *single, struct sst_err *err)
{
    struct sst_pq_split sp = {0};
    struct keys k;
    const char *texts[1] = {st->projection};
    enum sst_code rc;

    if (st->index != NULL) {
        *single = SST_EMU_PQ_SINGLE_INDEX;
        return SST_OK;
    }
    keys_of(t, &t->key, &k);
    rc = sst_pq_split_where(st, k.hash, k.hash_n, k.range, k.range_n, false,
                            &sp, err);
    if (rc != SST_OK)
        return rc;
    if (!sp.hash_found || !sp.range_found || sp.rest != NULL ||
        sp.dup_key != NULL) {
        *single = SST_EMU_PQ_SINGLE_NOT_KEY;
        sst_pq_split_cleanup(&sp);
        return SST_OK;
    }
    rc = check_key_types(t, &k, sp.key, true, err);
    if (rc == SST_OK &&
        (!add_string(req, "TableName", st->table) ||
         !add(req, "Key", json_object_get(sp.key)) ||
         !add_string(req, "ProjectionExpression", st->projection) ||
         !pass(req, from, "ConsistentRead")))
        rc = sst_emu_nomem(err);
    if (rc == SST_OK)
        rc = sst_pq_add_placeholders(st, req, texts, 1, err);
    sst_pq_split_cleanup(&sp);
    return rc;
}

/* The key of the item a planned write or read names, for spotting two
 * statements on one item. */
static struct json_object *
key_of(const struct sst_emu_table *t, const struct json_object *req)
{
    struct json_object *item = sst_emu_get(req, "Item"), *key;
    struct keys k;
    size_t i;

    if (item == NULL)
        return json_object_get(sst_emu_get(req, "Key"));
    keys_of(t, &t->key, &k);
    key = json_object_new_object();
    for (i = 0; key != NULL && i < k.hash_n + k.range_n; i++) {
        const char *name = i < k.hash_n ? k.hash[i] : k.range[i - k.hash_n];
        struct json_object *v = sst_emu_get(item, name);

        if (v != NULL)
            json_object_object_add(key, name, json_object_get(v));
    }
    return key;
}

enum sst_code
sst_emu_pq_plan(struct sst_emu *emu, const char *text,
                const struct json_object *params,
                const struct json_object *from, unsigned mode,
                struct sst_emu_pq_plan *out, struct sst_err *err)
{
    struct sst_emu_txn *txn = NULL;
    const struct sst_emu_table *t = NULL;
    enum sst_code rc;

    memset(out, 0, sizeof *out);
    rc = sst_pq_parse_ex(text, strlen(text), params,
                         (mode & SST_EMU_PQ_TXN) ? SST_PQ_ALLOW_EXISTS : 0,
                         &out->st, err);
    /* the parameters' values come after the statement's syntax, before
     * anything else of it (DynamoDB Local's order) */
    if (rc == SST_OK || !sst_emu_pq_before_params(rc, err)) {
        enum sst_code prc = sst_emu_pq_check_params(params, err);

        if (prc != SST_OK) {
            sst_pq_cleanup(&out->st);
            return prc;
        }
    }
    if (rc == SST_OK)
        rc = sst_emu_pq_check_parts(&out->st, err);
    else if (rc == SST_E_VALIDATION && !sst_emu_pq_before_params(rc, err))
        rc = sst_emu_pq_earlier_part(text, params, mode, err);
    if (rc != SST_OK) {
        sst_pq_cleanup(&out->st);
        return rc;
    }
    rc = sst_emu_txn_begin(sst_emu_store_of(emu), false, &txn, err);
    if (rc == SST_OK)
        rc = sst_emu_table_lookup(txn, out->st.table, &t, err);
    out->req = json_object_new_object();
    if (rc == SST_OK && out->req == NULL)
        rc = sst_emu_nomem(err);
    if (rc == SST_OK) {
        switch (out->st.kind) {
        case SST_PQ_SELECT:
            if (mode & SST_EMU_PQ_ONE_ITEM) {
                rc =
                    get_request(&out->st, t, from, out->req, &out->single, err);
                break;
            }
            rc = select_request(&out->st, t, from, out->req, &out->query, err);
            if (rc == SST_OK)
                rc = sst_emu_pq_start_key(emu, from, out->req, err);
            break;
        case SST_PQ_INSERT:
            rc = insert_request(&out->st, t, from, out->req, err);
            break;
        case SST_PQ_UPDATE:
        case SST_PQ_DELETE:
        case SST_PQ_EXISTS:
            rc = item_request(&out->st, t, from, out->req, err);
            break;
        }
    }
    if (rc == SST_OK && (mode & SST_EMU_PQ_ONE_ITEM) &&
        out->single == SST_EMU_PQ_SINGLE_OK) {
        out->key = key_of(t, out->req);
        if (out->key == NULL)
            rc = sst_emu_nomem(err);
    }
    sst_emu_table_release(t);
    sst_emu_txn_abort(txn);
    if (rc != SST_OK)
        sst_emu_pq_plan_cleanup(out);
    return rc;
}

void
sst_emu_pq_plan_cleanup(struct sst_emu_pq_plan *pl)
{
    json_object_put(pl->req);
    json_object_put(pl->key);
    sst_pq_cleanup(&pl->st);
    memset(pl, 0, sizeof *pl);
}

enum sst_code
sst_emu_pq_run(struct sst_emu *emu, const struct sst_emu_pq_plan *pl,
               struct json_object **answer, struct sst_err *err)
{
    enum sst_code rc = SST_OK;

    *answer = NULL;
    switch (pl->st.kind) {
    case SST_PQ_SELECT:
        rc = pl->key != NULL ? sst_emu_op_get_item(emu, pl->req, answer, err)
             : pl->query     ? sst_emu_pq_query(emu, pl->req, answer, err)
                             : sst_emu_op_scan(emu, pl->req, answer, err);
        if (rc == SST_OK && pl->key == NULL && !pl->query &&
            sst_emu_get(pl->req, PQ_ORDER_HASH) != NULL) {
            bool hash_desc = false;

            (void)sst_emu_get_bool(pl->req, PQ_ORDER_HASH_DESC, &hash_desc);
            rc = order_page(*answer,
                            json_object_get_string(
                                sst_emu_get(pl->req, PQ_ORDER_HASH)),
                            hash_desc, err);
        }
        break;
    case SST_PQ_INSERT:
        rc = sst_emu_op_put_item(emu, pl->req, answer, err);
        if (rc == SST_E_CONDITION_FAILED) {
            json_object_put(*answer);
            *answer = NULL;
            rc = sst_err_set(err, SST_E_DUPLICATE_ITEM,
                             "Duplicate primary key exists in table");
        }
        break;
    case SST_PQ_UPDATE:
        rc = sst_emu_op_update_item(emu, pl->req, answer, err);
        break;
    case SST_PQ_DELETE:
        rc = sst_emu_op_delete_item(emu, pl->req, answer, err);
        break;
    case SST_PQ_EXISTS: /* a condition check: transactions only */
        rc = sst_err_set(err, SST_E_VALIDATION,
                         "EXISTS can only be used in ExecuteTransaction "
                         "write requests.");
        break;
    }
    if (rc != SST_OK)
        sst_emu_pq_strip_prefix(err);
    return rc;
}

enum sst_code
sst_emu_op_execute_statement(struct sst_emu *emu, const struct json_object *req,
                             struct json_object **resp, struct sst_err *err)
{
    struct sst_emu_pq_plan pl;
    struct json_object *answer = NULL, *out = NULL, *items;
    const char *text;
    enum sst_code rc;

    *resp = NULL;
    rc = sst_emu_check_shape(req, request, err);
    if (rc == SST_OK)
        rc = statement_of(req, &text, err);
    if (rc == SST_OK)
        rc = sst_emu_pq_plan(emu, text, sst_emu_get(req, "Parameters"), req, 0,
                             &pl, err);
    if (rc != SST_OK)
        return rc;
    rc = sst_emu_pq_run(emu, &pl, &answer, err);
    if (rc != SST_OK) {
        /* an error's members (a failed condition's Item) travel as the
         * item operation gives them */
        *resp = answer;
        answer = NULL;
        goto out;
    }
    out = json_object_new_object();
    items =
        pl.st.kind == SST_PQ_SELECT
            ? sst_emu_pq_projected_items(&pl.st, sst_emu_get(answer, "Items"))
            : json_object_new_array();
    if (out == NULL || !add(out, "Items", items)) {
        rc = sst_emu_nomem(err);
        goto out;
    }
    if (pl.st.kind != SST_PQ_SELECT &&
        sst_emu_get(answer, "Attributes") != NULL &&
        json_object_array_add(
            items, json_object_get(sst_emu_get(answer, "Attributes"))) != 0)
        rc = sst_emu_nomem(err);
    if (rc == SST_OK && pl.st.kind == SST_PQ_SELECT)
        rc = sst_emu_pq_next_token(emu, answer, out, err);
    if (rc == SST_OK && !pass(out, answer, "ConsumedCapacity"))
        rc = sst_emu_nomem(err);
    if (rc == SST_OK) {
        *resp = out;
        out = NULL;
    }
out:
    json_object_put(out);
    json_object_put(answer);
    sst_emu_pq_plan_cleanup(&pl);
    return rc;
}
