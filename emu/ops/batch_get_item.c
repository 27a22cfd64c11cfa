/*
 * emu/ops/batch_get_item.c - BatchGetItem.
 *
 * Reads up to 100 keys from one or more tables in one read transaction,
 * the tables in DynamoDB Local's order (sst_emu_batch_table_order(): a
 * Java HashMap's of their names) and a table's keys in its order
 * (key_order(): a Java HashSet's of them), which is the order of its
 * items in the answer. Every table named gets a list in Responses, empty
 * when none of its keys exists. An answer holds at most 16 MB of items
 * (their DynamoDB sizes): the keys that do not fit, in that order, come
 * back in UnprocessedKeys with their table's other request members, as
 * DynamoDB returns them (read_all() has DynamoDB Local's rule for the
 * tables after the cut).
 * Capacity is charged for the items found, each rounded up to 4 KB.
 *
 * Checks, in DynamoDB Local's order: JSON shape and the keys' values as
 * JSON; RequestItems given; ReturnConsumedCapacity (AWS's enum check);
 * table by table in the request's order, the legacy and expression
 * parameters; again in the request's order, each table's keys (given,
 * none null or empty, none twice, at most 100 in all) and its
 * AttributesToGet; then table by table in the order they are read: its
 * name, it exists, and its keys; then each table's expressions.
 */
#include <string.h>

#include <json-c/json.h>

#include <sst/mem.h>

#include "emu/expr/jorder.h"
#include "emu/expr/resolve.h"
#include "emu/ops/batch.h"
#include "emu/ops/common.h"
#include "emu/ops/exprs.h"
#include "emu/ops/keys.h"
#include "emu/ops/ops.h"
#include "emu/ops/request.h"
#include "emu/store/item.h"
#include "emu/store/rows.h"

#define MAX_KEYS 100
#define MAX_ANSWER_BYTES (16u * 1024 * 1024)

#define MSG_NO_REQUESTS "BatchGetItem must have some requests set"
#define MSG_EMPTY_KEYS                                                         \
    "The list of keys in RequestItems for BatchGetItem is required: %s has "  \
    "empty list"
#define MSG_TOO_MANY "Too many items requested for the BatchGetItem call"
#define MSG_DUPLICATES "Provided list of item keys contains duplicates"
#define MSG_EMPTY_KEY                                                          \
    "The list of keys in RequestItems for BatchGetItem may not contain null " \
    "or empty values: %s has one or more empty keys"
/* AttributesToGet in one table, ProjectionExpression in another */
#define MSG_MIXED_TABLES                                                       \
    "Can not use both expression and non-expression parameters in the same " \
    "request: Non-expression parameters: {AttributesToGet} Expression "       \
    "parameters: {ProjectionExpression}"
#define MSG_DUPLICATE_ATTR                                                     \
    "One or more parameter values were invalid: Duplicate value in "          \
    "attribute name: %s"

#define S(n) {n, SST_EMU_SHAPE_STRING, NULL}
#define B(n) {n, SST_EMU_SHAPE_BOOLEAN, NULL}
#define END {NULL, SST_EMU_SHAPE_STRING, NULL}

static const struct sst_emu_shape string_elem = S("");
static const struct sst_emu_shape keys_and_attributes[] = {
    {"AttributesToGet", SST_EMU_SHAPE_LIST, &string_elem},
    B("ConsistentRead"),
    S("ProjectionExpression"),
    {"ExpressionAttributeNames", SST_EMU_SHAPE_MAP, &string_elem},
    END};
static const struct sst_emu_shape table_elem = {"", SST_EMU_SHAPE_STRUCT,
                                                keys_and_attributes};
static const struct sst_emu_shape request[] = {
    {"RequestItems", SST_EMU_SHAPE_MAP, &table_elem},
    S("ReturnConsumedCapacity"),
    END};

static const char *const legacy[] = {"AttributesToGet", NULL};
static const char *const expressions[] = {"ProjectionExpression", NULL};
static const struct sst_emu_expr_spec expr_spec = {
    legacy, expressions, NULL, NULL, NULL, SST_EMU_REQ_GET_ITEM};

/* One table of the request. */
struct part {
    const char *name;
    struct json_object *spec; /* its KeysAndAttributes, borrowed     */
    struct json_object *keys; /* its Keys list, borrowed             */
    struct sst_av **key;      /* decoded keys (NULL where deferred)  */
    size_t n;
    struct sst_emu_deferred later;
    const char **only;
    size_t only_n;
    bool consistent;
    struct sst_emu_op_exprs x;
    const struct sst_emu_table *t;
    struct sst_emu_capacity cap;
};

struct batch {
    struct part *parts;
    size_t n;
    enum sst_emu_rcc rcc;
    /* parts in the order DynamoDB Local takes the tables once the request
     * is checked (sst_emu_batch_table_order()) */
    size_t *order;
};

static void
batch_cleanup(struct batch *b)
{
    size_t i, j;

    sst_free(b->order);
    for (i = 0; i < b->n; i++) {
        for (j = 0; j < b->parts[i].n; j++)
            sst_av_free(b->parts[i].key[j]);
        sst_free(b->parts[i].key);
        sst_free(b->parts[i].only);
        sst_emu_op_exprs_cleanup(&b->parts[i].x);
        sst_emu_table_release(b->parts[i].t);
    }
    sst_free(b->parts);
}

/* One table's KeysAndAttributes: every key's JSON. */
static enum sst_code
decode_part(void *part, const char *name, struct json_object *spec,
            struct sst_err *err)
{
    struct part *p = part;
    enum sst_code rc;
    size_t j, n;

    p->name = name;
    p->spec = spec;
    p->keys = sst_emu_get(spec, "Keys");
    n = sst_emu_list_len(p->keys);
    if (p->keys != NULL && json_object_is_type(p->keys, json_type_object))
        return sst_err_set(err, SST_E_SERIALIZATION,
                           "Start of structure or map found where not "
                           "expected.");
    if (p->keys != NULL && !json_object_is_type(p->keys, json_type_array))
        return sst_err_set(err, SST_E_SERIALIZATION, "Expected list or null");
    if (n > 0 && (p->key = sst_calloc(n, sizeof *p->key)) == NULL)
        return sst_emu_nomem(err);
    p->n = n; /* only once key has room: batch_cleanup walks it */
    for (j = 0; j < p->n; j++) {
        struct json_object *k = json_object_array_get_idx(p->keys, j);
        if (k == NULL || json_object_is_type(k, json_type_null))
            continue;
        rc = sst_emu_req_item(k, &p->key[j], &p->later, err);
        if (rc != SST_OK)
            return rc;
    }
    sst_emu_get_bool(spec, "ConsistentRead", &p->consistent);
    return SST_OK;
}

/* The deserialiser's pass: shapes, and every key's JSON. */
static enum sst_code
decode(const struct json_object *req, struct batch *b, struct sst_err *err)
{
    void *parts;
    enum sst_code rc;

    rc = sst_emu_batch_decode(req, request, sizeof *b->parts, decode_part,
                              &parts, &b->n, err);
    b->parts = parts;
    return rc;
}

/* Whether two keys are the same as sent: DynamoDB compares the values as
 * written ("1" and "1.0" are two keys here, unlike in BatchWriteItem). */
static bool
same_key(struct json_object *a, struct json_object *b)
{
    return a != NULL && b != NULL && json_object_is_type(a, json_type_object) &&
           json_object_equal(a, b);
}

/* Whether table part p's ProjectionExpression, or AttributesToGet, is
 * given (not empty). */
static bool
has_member(const struct part *p, const char *name)
{
    struct json_object *v = sst_emu_get(p->spec, name);

    if (v != NULL && json_object_is_type(v, json_type_array))
        return json_object_array_length(v) > 0;
    return v != NULL && json_object_is_type(v, json_type_string) &&
           json_object_get_string_len(v) > 0;
}

/* Table part p's keys, as DynamoDB Local's converter takes them: the list
 * given, then key by key none null or empty, none twice, and at most 100
 * in the request (*total counts them). */
static enum sst_code
check_keys(const struct part *p, size_t *total, struct sst_err *err)
{
    struct json_object *k;
    size_t j, l;

    if (p->n == 0)
        return sst_err_set(err, SST_E_VALIDATION, MSG_EMPTY_KEYS, p->name);
    for (j = 0; j < p->n; j++) {
        k = json_object_array_get_idx(p->keys, j);
        if (k == NULL || !json_object_is_type(k, json_type_object) ||
            json_object_object_length(k) == 0)
            return sst_err_set(err, SST_E_VALIDATION, MSG_EMPTY_KEY, p->name);
        for (l = 0; l < j; l++)
            if (same_key(k, json_object_array_get_idx(p->keys, l)))
                return sst_err_set(err, SST_E_VALIDATION, MSG_DUPLICATES);
        if (*total == MAX_KEYS)
            return sst_err_set(err, SST_E_VALIDATION, MSG_TOO_MANY);
        ++*total;
    }
    return SST_OK;
}

/* The checks before the tables are looked up, in DynamoDB Local's two
 * passes over the tables, each in the request's order: first the legacy
 * and expression parameters (AttributesToGet in one table and
 * ProjectionExpression in another are mixed too); then each table's keys
 * and its AttributesToGet. */
static enum sst_code
check_request(const struct json_object *req, struct batch *b,
              struct sst_err *err)
{
    bool old_style = false, expression = false;
    size_t i, total = 0;
    enum sst_code rc;

    if (b->n == 0)
        return sst_err_set(err, SST_E_VALIDATION, MSG_NO_REQUESTS);
    rc = sst_emu_req_rcc(req, &b->rcc, err);
    for (i = 0; rc == SST_OK && i < b->n; i++) {
        struct part *p = &b->parts[i];

        old_style = old_style || has_member(p, "AttributesToGet");
        expression = expression || has_member(p, "ProjectionExpression");
        if (old_style && expression)
            return sst_err_set(err, SST_E_VALIDATION, MSG_MIXED_TABLES);
        rc = sst_emu_op_exprs_prepare(p->spec, &expr_spec, &p->x, err);
    }
    for (i = 0; rc == SST_OK && i < b->n; i++) {
        struct part *p = &b->parts[i];

        rc = check_keys(p, &total, err);
        if (rc == SST_OK)
            rc = sst_emu_req_attributes_to_get(
                sst_emu_get(p->spec, "AttributesToGet"), MSG_DUPLICATE_ATTR,
                &p->only, &p->only_n, err);
    }
    return rc;
}

/* The checks that need the tables: table by table, in DynamoDB Local's
 * order of them, that it exists and its keys; then the tables'
 * expressions, as it checks them when it reads each table. */
static enum sst_code
check_tables(struct sst_emu_txn *txn, struct batch *b, struct sst_err *err)
{
    struct sst_emu_key key;
    enum sst_code rc;
    size_t i, j;

    rc = sst_emu_batch_table_order(b->parts, sizeof *b->parts, b->n,
                                   &b->order, err);
    sst_emu_key_init(&key);
    for (i = 0; rc == SST_OK && i < b->n; i++) {
        struct part *p = &b->parts[b->order[i]];

        if (!sst_emu_valid_table_name(p->name))
            rc = sst_err_set(err, SST_E_VALIDATION, SST_EMU_MSG_TABLE_NAME);
        else
            rc = sst_emu_table_lookup(txn, p->name, &p->t, err);
        if (rc == SST_OK) {
            sst_emu_capacity_init(&p->cap, p->t);
            rc = sst_emu_deferred_raise(&p->later, err);
        }
        for (j = 0; rc == SST_OK && j < p->n; j++) {
            if (p->key[j] == NULL)
                rc = sst_err_set(err, SST_E_VALIDATION, SST_EMU_MSG_NULL_KEY);
            else
                rc = sst_emu_table_key(p->t, p->key[j], true, &key, err);
        }
    }
    for (i = 0; rc == SST_OK && i < b->n; i++) {
        struct part *p = &b->parts[b->order[i]];

        /* The table's ProjectionExpression is applied to each item read,
         * in read_all() (docs/emulator.md, "Expression seams"). */
        if (rc == SST_OK)
            rc = sst_emu_op_exprs_parse(p->spec, &expr_spec, &p->x, err);
        if (rc == SST_OK)
            rc = sst_emu_op_exprs_nested_keys(&p->x, &p->x.e.projection, p->t,
                                              err);
    }
    sst_emu_key_cleanup(&key);
    return rc;
}

/* Copy the table's members but Keys into an UnprocessedKeys entry. */
static struct json_object *
unprocessed_entry(struct sst_emu_json *jb, const struct part *p)
{
    struct json_object *e = json_object_new_object();

    sst_emu_json_add(jb, e, "Keys", json_object_new_array());
    json_object_object_foreach(p->spec, k, v)
    {
        if (strcmp(k, "Keys") != 0 && v != NULL)
            sst_emu_json_add(jb, e, k, json_object_get(v));
    }
    if (e == NULL)
        jb->failed = true;
    return e;
}

/* java.nio.ByteBuffer.hashCode() of bytes: from the last, 31 times the
 * hash plus the signed byte. */
static uint32_t
java_bytes_hash(const uint8_t *p, size_t n)
{
    uint32_t h = 1;

    while (n-- > 0)
        h = 31 * h + (uint32_t)(int32_t)(int8_t)p[n];
    return h;
}

/* DynamoDB Local's hashCode() of a key: its map's, the sum over the
 * attributes of the name's String.hashCode() XOR the value's, whose
 * AttributeValue.hashCode() is 31-based over its ten members (S, N and B
 * first: the text of an S or N as sent, a B's bytes). */
static uint32_t
java_key_hash(const struct json_object *key, const struct sst_av *decoded)
{
    uint32_t sum = 0, h, field;
    unsigned slot, i;
    const struct sst_av *v;

    json_object_object_foreach((struct json_object *)key, name, av)
    {
        const char *type = NULL;
        struct json_object *str = NULL;

        json_object_object_foreach(av, t, x)
        {
            type = t;
            str = x;
        }
        slot = type == NULL ? 9 : type[0] == 'S' ? 0 : type[0] == 'N' ? 1 : 2;
        if (slot == 2) {
            v = decoded ? sst_av_map_get(decoded, name, strlen(name)) : NULL;
            field = v != NULL && v->type == SST_AV_B
                        ? java_bytes_hash((const uint8_t *)v->u.str.ptr,
                                          v->u.str.len)
                        : 0;
        } else {
            field = slot < 2 ? (uint32_t)sst_emu_java_hash(
                                   json_object_get_string(str),
                                   (size_t)json_object_get_string_len(str))
                             : 0;
        }
        for (h = 1, i = 0; i < 10; i++)
            h = 31 * h + (i == slot ? field : 0);
        sum += (uint32_t)sst_emu_java_hash(name, strlen(name)) ^ h;
    }
    return sum;
}

/* The order in which DynamoDB Local reads a table's keys: a HashSet of
 * them (new HashSet<>(n)), so its answer lists the items and
 * UnprocessedKeys the keys in that order. */
static enum sst_code
key_order(const struct part *p, size_t **order, struct sst_err *err)
{
    uint32_t *hash;
    size_t i;

    hash = sst_calloc(p->n > 0 ? p->n : 1, sizeof *hash);
    *order = sst_calloc(p->n > 0 ? p->n : 1, sizeof **order);
    if (hash == NULL || *order == NULL) {
        sst_free(hash);
        sst_free(*order);
        *order = NULL;
        return sst_emu_nomem(err);
    }
    for (i = 0; i < p->n; i++)
        hash[i] = java_key_hash(json_object_array_get_idx(p->keys, i),
                                p->key[i]);
    sst_emu_java_sized_order(hash, p->n, *order);
    sst_free(hash);
    return SST_OK;
}

/* Read every key, filling responses and unprocessed, table by table in
 * b->order. Once an item does not fit, it and the keys after it in its
 * table are unprocessed; in each later table, as DynamoDB Local reads
 * them, keys of missing items are passed over (processed: nothing to
 * answer) up to the first that exists, which and whose followers are
 * unprocessed. */
static enum sst_code
read_all(struct sst_emu_txn *txn, struct batch *b,
         struct json_object *responses, struct json_object *unprocessed,
         struct sst_err *err)
{
    struct sst_emu_json jb = {false};
    struct json_object *list, *item, *left = NULL;
    struct sst_emu_text_list texts;
    struct sst_emu_key key;
    uint64_t total = 0, size = 0;
    const void *row;
    size_t len, i, j, k, *order = NULL, cut = SIZE_MAX;
    bool found, full = false;
    enum sst_code rc = SST_OK;

    sst_emu_key_init(&key);
    sst_emu_text_list_init(&texts);
    for (i = 0; rc == SST_OK && i < b->n; i++) {
        struct part *p = &b->parts[b->order[i]];
        /* an answer only printed, of whole items: one text list */
        bool gather = sst_emu_text_wanted() && p->only == NULL &&
                      !sst_emu_op_exprs_projects(&p->x);

        list = gather ? NULL
                      : sst_emu_json_add(&jb, responses, p->name,
                                         json_object_new_array());
        left = NULL;
        sst_free(order);
        order = NULL;
        rc = key_order(p, &order, err);
        for (k = 0; rc == SST_OK && k < p->n; k++) {
            j = order[k];
            if (!full || (i != cut && left == NULL)) {
                rc = sst_emu_table_key(p->t, p->key[j], true, &key, err);
                if (rc == SST_OK)
                    rc = sst_emu_rows_get(txn, p->t->id, SST_EMU_INDEX_TABLE,
                                          key.data, key.len, &row, &len,
                                          &found, err);
                if (rc != SST_OK)
                    break;
                if (!found)
                    continue;
            }
            if (!full) {
                rc = sst_emu_item_size(row, len, &size, err);
                full = rc == SST_OK && total + size > MAX_ANSWER_BYTES;
                if (full)
                    cut = i;
            }
            if (rc == SST_OK && full) {
                if (left == NULL)
                    left = json_object_object_get(
                        sst_emu_json_add(&jb, unprocessed, p->name,
                                         unprocessed_entry(&jb, p)),
                        "Keys");
                sst_emu_json_push(
                    &jb, left,
                    json_object_get(json_object_array_get_idx(p->keys, j)));
                continue;
            }
            total += size;
            p->cap.table_half += sst_emu_read_half_units(size, p->consistent);
            if (rc == SST_OK && gather)
                rc = sst_emu_text_list_add_row(&texts, row, len, err);
            else if (rc == SST_OK)
                rc = sst_emu_op_exprs_row_json(&p->x, row, len, p->only,
                                               p->only_n, &item, err);
            if (rc == SST_OK && !gather)
                sst_emu_json_push(&jb, list, item);
        }
        if (rc == SST_OK && gather) {
            rc = sst_emu_text_list_node(&texts, &item, err);
            if (rc == SST_OK)
                sst_emu_json_add(&jb, responses, p->name, item);
        }
        sst_emu_text_list_cleanup(&texts);
    }
    sst_free(order);
    sst_emu_key_cleanup(&key);
    if (rc == SST_OK && jb.failed)
        rc = sst_emu_nomem(err);
    return rc;
}

static enum sst_code
answer(struct sst_emu_txn *txn, struct batch *b, struct json_object **resp,
       struct sst_err *err)
{
    struct sst_emu_json jb = {false};
    struct json_object *out = json_object_new_object(), *responses,
                       *unprocessed, *cc;
    enum sst_code rc;
    size_t i;

    responses =
        sst_emu_json_add(&jb, out, "Responses", json_object_new_object());
    unprocessed =
        sst_emu_json_add(&jb, out, "UnprocessedKeys", json_object_new_object());
    if (jb.failed) {
        json_object_put(out);
        return sst_emu_nomem(err);
    }
    rc = read_all(txn, b, responses, unprocessed, err);
    if (rc == SST_OK && b->rcc != SST_EMU_RCC_NONE) {
        cc = sst_emu_json_add(&jb, out, "ConsumedCapacity",
                              json_object_new_array());
        for (i = 0; i < b->n; i++)
            sst_emu_json_push(
                &jb, cc,
                sst_emu_capacity_json(&b->parts[b->order[i]].cap, b->rcc));
        if (jb.failed)
            rc = sst_emu_nomem(err);
    }
    if (rc != SST_OK) {
        json_object_put(out);
        return rc;
    }
    *resp = out;
    return SST_OK;
}

enum sst_code
sst_emu_op_batch_get_item(struct sst_emu *emu, const struct json_object *req,
                          struct json_object **resp, struct sst_err *err)
{
    struct batch b = {NULL, 0, SST_EMU_RCC_NONE, NULL};
    struct sst_emu_txn *txn = NULL;
    enum sst_code rc;

    *resp = NULL;
    rc = decode(req, &b, err);
    if (rc == SST_OK)
        rc = check_request(req, &b, err);
    if (rc == SST_OK)
        rc = sst_emu_txn_begin(sst_emu_store_of(emu), false, &txn, err);
    if (rc == SST_OK)
        rc = check_tables(txn, &b, err);
    if (rc == SST_OK)
        rc = answer(txn, &b, resp, err);
    sst_emu_txn_abort(txn);
    batch_cleanup(&b);
    return rc;
}
