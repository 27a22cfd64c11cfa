/*
 * emu/ops/batch_write_item.c - BatchWriteItem.
 *
 * Up to 25 puts and deletes over one or more tables. The emulator applies
 * them all in one write transaction, so UnprocessedItems is always empty
 * (DynamoDB may leave some unprocessed under load; it never has to). Each
 * write is charged as the PutItem or DeleteItem it stands for.
 *
 * Checks, in DynamoDB Local's order: JSON shape and the items' and keys'
 * values as JSON; RequestItems given; ReturnConsumedCapacity and
 * ReturnItemCollectionMetrics (AWS's enum checks); table by table in the
 * request's order, a non-empty list, then request by request: not null,
 * exactly one of PutRequest and DeleteRequest, at most 25 in all, with its
 * Item or Key, its values; then table by table (in
 * sst_emu_batch_table_order()'s order): its name, it exists, every key, a
 * put's index keys, no key twice in the table.
 */
#include <string.h>

#include <json-c/json.h>

#include <sst/mem.h>

#include "emu/expr/jorder.h"
#include "emu/expr/resolve.h"
#include "emu/ops/batch.h"
#include "emu/ops/common.h"
#include "emu/ops/keys.h"
#include "emu/ops/ops.h"
#include "emu/ops/request.h"
#include "emu/ops/writes.h"

#define MAX_WRITES 25

#define MSG_NO_REQUESTS "BatchWriteItem cannot have a null or no requests set"
#define MSG_EMPTY_LIST                                                         \
    "The batch write request list for a table cannot be null or empty: %s"
#define MSG_NULL_REQUEST                                                       \
    "The batch write request list for a table cannot be null or empty"
#define MSG_TOO_MANY "Too many items requested for the BatchWriteItem call"
/* DynamoDB Local's words for a request that is neither or both kinds. */
#define MSG_ONE_KIND                                                           \
    "Supplied AttributeValue has more than one datatypes set, must contain "   \
    "exactly one of the supported datatypes"
#define MSG_NULL_ITEM "The supplied Item contains a null AttributeValue"
#define MSG_DUPLICATES "Provided list of item keys contains duplicates"

#define S(n) {n, SST_EMU_SHAPE_STRING, NULL}
#define END {NULL, SST_EMU_SHAPE_STRING, NULL}

static const struct sst_emu_shape empty[] = {END};
static const struct sst_emu_shape write_request[] = {
    {"PutRequest", SST_EMU_SHAPE_STRUCT, empty},
    {"DeleteRequest", SST_EMU_SHAPE_STRUCT, empty},
    END};
static const struct sst_emu_shape write_elem = {"", SST_EMU_SHAPE_STRUCT,
                                                write_request};
static const struct sst_emu_shape table_list = {"", SST_EMU_SHAPE_LIST,
                                                &write_elem};
static const struct sst_emu_shape request[] = {
    {"RequestItems", SST_EMU_SHAPE_MAP, &table_list},
    S("ReturnConsumedCapacity"),
    S("ReturnItemCollectionMetrics"),
    END};

/* One write. */
struct write {
    bool is_put;
    struct json_object *json; /* the Item or the Key, borrowed     */
    struct sst_av *value;     /* decoded (NULL when deferred)      */
    struct sst_emu_deferred later;
    struct sst_emu_key key;
};

/* One table of the request. */
struct part {
    const char *name;
    struct json_object *list;
    struct write *w;
    size_t n;
    const struct sst_emu_table *t;
    struct sst_emu_capacity cap;
    struct json_object *metrics; /* ItemCollectionMetrics list */
};

struct batch {
    struct part *parts;
    size_t n;
    size_t *order;  /* parts as sst_emu_batch_table_order() orders them */
    size_t *writes; /* parts in the order it writes them (write_order()) */
    enum sst_emu_rcc rcc;
    bool ricm;
};

static void
batch_cleanup(struct batch *b)
{
    size_t i, j;

    for (i = 0; i < b->n; i++) {
        for (j = 0; j < b->parts[i].n; j++) {
            sst_av_free(b->parts[i].w[j].value);
            sst_emu_key_cleanup(&b->parts[i].w[j].key);
        }
        sst_free(b->parts[i].w);
        sst_emu_table_release(b->parts[i].t);
        json_object_put(b->parts[i].metrics);
    }
    sst_free(b->parts);
    sst_free(b->order);
    sst_free(b->writes);
}

/* A request's item or key, decoded for its JSON faults. */
static enum sst_code
decode_write(struct json_object *wr, struct write *w, struct sst_err *err)
{
    struct json_object *put = sst_emu_get(wr, "PutRequest");
    struct json_object *del = sst_emu_get(wr, "DeleteRequest");

    sst_emu_key_init(&w->key);
    w->is_put = put != NULL;
    w->json = put ? sst_emu_get(put, "Item") : sst_emu_get(del, "Key");
    if (w->json == NULL || (put != NULL && del != NULL))
        return SST_OK; /* reported by check_request */
    return sst_emu_req_item(w->json, &w->value, &w->later, err);
}

/* One table's list of writes: every item's or key's JSON. */
static enum sst_code
decode_part(void *part, const char *name, struct json_object *list,
            struct sst_err *err)
{
    struct part *p = part;
    enum sst_code rc;
    size_t j, n;

    p->name = name;
    p->list = list;
    n = sst_emu_list_len(list);
    if (n > 0 && (p->w = sst_calloc(n, sizeof *p->w)) == NULL)
        return sst_emu_nomem(err);
    p->n = n; /* only once w has room: batch_cleanup walks it */
    for (j = 0; j < p->n; j++) {
        rc = decode_write(json_object_array_get_idx(list, j), &p->w[j], err);
        if (rc != SST_OK)
            return rc;
    }
    return SST_OK;
}

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

/* A write's values: a Put's item, a Delete's key (before the tables are
 * looked up, as DynamoDB Local checks them). */
static enum sst_code
check_values(struct write *w, struct sst_err *err)
{
    if (!w->is_put)
        return sst_emu_deferred_raise(&w->later, err);
    return sst_emu_req_check_item(w->json, w->value, &w->later, err);
}

static enum sst_code
check_request(const struct json_object *req, struct batch *b,
              struct sst_err *err)
{
    struct json_object *wr;
    size_t i, j, total = 0;
    enum sst_code rc;

    if (b->n == 0)
        return sst_err_set(err, SST_E_VALIDATION, MSG_NO_REQUESTS);
    rc = sst_emu_req_rcc(req, &b->rcc, err);
    if (rc == SST_OK)
        rc = sst_emu_req_ricm(req, &b->ricm, err);
    /* DynamoDB Local's converter: table by table in the request's order,
     * request by request */
    for (i = 0; rc == SST_OK && i < b->n; i++) {
        struct part *p = &b->parts[i];

        if (p->n == 0)
            return sst_err_set(err, SST_E_VALIDATION, MSG_EMPTY_LIST,
                               p->name);
        for (j = 0; rc == SST_OK && j < p->n; j++) {
            wr = json_object_array_get_idx(p->list, j);
            if (wr == NULL || json_object_is_type(wr, json_type_null))
                return sst_err_set(err, SST_E_VALIDATION, MSG_NULL_REQUEST);
            if ((sst_emu_get(wr, "PutRequest") != NULL) ==
                (sst_emu_get(wr, "DeleteRequest") != NULL))
                return sst_err_set(err, SST_E_VALIDATION, MSG_ONE_KIND);
            if (++total > MAX_WRITES)
                return sst_err_set(err, SST_E_VALIDATION, MSG_TOO_MANY);
            if (p->w[j].json == NULL)
                return sst_err_set(err, SST_E_VALIDATION, MSG_NULL_ITEM);
            rc = check_values(&p->w[j], err);
        }
    }
    return rc;
}

/* Then, write by write: its key, a Put's index keys, and an earlier
 * write of the same item. */
static enum sst_code
check_write(const struct part *p, size_t j, struct sst_err *err)
{
    struct write *w = &p->w[j];
    enum sst_code rc;
    size_t k;

    rc = sst_emu_table_key(p->t, w->value, !w->is_put, &w->key, err);
    if (rc == SST_OK && w->is_put)
        rc = sst_emu_check_index_keys(p->t, w->value, err);
    for (k = 0; rc == SST_OK && k < j; k++)
        if (p->w[j].key.len == p->w[k].key.len &&
            memcmp(p->w[j].key.data, p->w[k].key.data, p->w[j].key.len) == 0)
            return sst_err_set(err, SST_E_VALIDATION, MSG_DUPLICATES);
    return rc;
}

/* The order in which DynamoDB Local writes the tables: it puts each, in
 * the order it checked them in, into a java.util.HashMap of their puts,
 * then writes the tables of new HashSet<>(that map's keys). */
static enum sst_code
write_order(struct batch *b, struct sst_err *err)
{
    struct sst_emu_jname *names;
    size_t i, j, kept = 0;
    int r;

    names = sst_calloc(b->n + 1, sizeof *names);
    b->writes = sst_calloc(b->n + 1, sizeof *b->writes);
    if (names == NULL || b->writes == NULL) {
        sst_free(names);
        return sst_emu_nomem(err);
    }
    for (i = 0; i < b->n; i++) {
        names[i].s = b->parts[b->order[i]].name;
        names[i].len = strlen(names[i].s);
    }
    r = sst_emu_java_hash_order(names, b->n, &kept);
    if (r == 0)
        r = sst_emu_java_copy_order(names, kept, &kept);
    for (i = 0; r == 0 && i < kept; i++)
        for (j = 0; j < b->n; j++)
            if (b->parts[j].name == names[i].s)
                b->writes[i] = j;
    sst_free(names);
    return r == 0 && kept == b->n ? SST_OK : sst_emu_nomem(err);
}

static enum sst_code
check_tables(struct sst_emu_txn *txn, struct batch *b, struct sst_err *err)
{
    enum sst_code rc;
    size_t i, j;

    /* the order it checks the tables in; write_order() follows from it */
    rc = sst_emu_batch_table_order(b->parts, sizeof *b->parts, b->n,
                                   &b->order, err);
    if (rc == SST_OK)
        rc = write_order(b, err);
    /* table by table: its name, it exists, and its writes */
    for (i = 0; rc == SST_OK && i < b->n; i++) {
        struct part *p = &b->parts[b->order[i]];

        if (!sst_emu_valid_table_name(p->name))
            rc = sst_err_set(err, SST_E_VALIDATION, SST_EMU_MSG_TABLE_NAME);
        else
            rc = sst_emu_table_lookup(txn, p->name, &p->t, err);
        if (rc == SST_OK)
            sst_emu_capacity_init(&p->cap, p->t);
        for (j = 0; rc == SST_OK && j < p->n; j++)
            rc = check_write(p, j, err);
    }
    return rc;
}

/* A table's writes, as DynamoDB Local applies them (the tables in
 * write_order()'s order): its puts, then its deletes, each in the
 * request's order (the order of their stream records; no two name one
 * item). */
static enum sst_code
write_part(struct sst_emu_txn *txn, struct part *p, struct sst_err *err)
{
    enum sst_code rc = SST_OK;
    size_t j;
    int pass;

    for (pass = 0; pass < 2; pass++)
        for (j = 0; rc == SST_OK && j < p->n; j++) {
            struct write *w = &p->w[j];

            if (w->is_put != (pass == 0))
                continue;
            if (w->is_put)
                rc = sst_emu_write_put(txn, p->t, w->value, &w->key, NULL,
                                       &p->cap, err);
            else
                rc = sst_emu_write_delete(txn, p->t, &w->key, NULL, &p->cap,
                                          err);
        }
    return rc;
}

static enum sst_code
write_all(struct sst_emu_txn *txn, struct batch *b, struct sst_err *err)
{
    struct json_object *m;
    enum sst_code rc = SST_OK;
    size_t i, j;

    for (i = 0; rc == SST_OK && i < b->n; i++) {
        struct part *p = &b->parts[b->writes[i]];

        rc = write_part(txn, p, err);
        /* the item collections, once the table's writes are done */
        for (j = 0; rc == SST_OK && b->ricm && j < p->n; j++) {
            m = NULL;
            rc = sst_emu_item_collection(txn, p->t, p->w[j].value, &m, err);
            if (rc == SST_OK && m != NULL) {
                if (p->metrics == NULL &&
                    (p->metrics = json_object_new_array()) == NULL)
                    rc = sst_emu_nomem(err);
                if (rc == SST_OK && json_object_array_add(p->metrics, m) != 0)
                    rc = sst_emu_nomem(err);
                if (rc != SST_OK)
                    json_object_put(m);
            }
        }
    }
    return rc;
}

static enum sst_code
answer(struct batch *b, struct json_object **resp, struct sst_err *err)
{
    struct sst_emu_json jb = {false};
    struct json_object *out = json_object_new_object(), *cc, *icm = NULL;
    size_t i;

    sst_emu_json_add(&jb, out, "UnprocessedItems", json_object_new_object());
    if (b->rcc != SST_EMU_RCC_NONE) {
        cc = sst_emu_json_add(&jb, out, "ConsumedCapacity",
                              json_object_new_array());
        /* in the order the tables were written, as DynamoDB Local
         * lists them */
        for (i = 0; i < b->n; i++)
            sst_emu_json_push(
                &jb, cc,
                sst_emu_capacity_json(&b->parts[b->writes[i]].cap, b->rcc));
    }
    for (i = 0; i < b->n; i++) {
        if (b->parts[i].metrics == NULL)
            continue;
        if (icm == NULL)
            icm = sst_emu_json_add(&jb, out, "ItemCollectionMetrics",
                                   json_object_new_object());
        sst_emu_json_add(&jb, icm, b->parts[i].name,
                         json_object_get(b->parts[i].metrics));
    }
    if (jb.failed) {
        json_object_put(out);
        return sst_emu_nomem(err);
    }
    *resp = out;
    return SST_OK;
}

enum sst_code
sst_emu_op_batch_write_item(struct sst_emu *emu, const struct json_object *req,
                            struct json_object **resp, struct sst_err *err)
{
    struct batch b = {NULL, 0, NULL, NULL, SST_EMU_RCC_NONE, false};
    struct sst_emu_txn *txn = NULL;
    enum sst_code rc;

    *resp = NULL;
    rc = decode(req, &b, err);
    if (rc == SST_OK)
        rc = check_request(req, &b, err);
    if (rc == SST_OK)
        rc = sst_emu_txn_begin(sst_emu_store_of(emu), true, &txn, err);
    if (rc == SST_OK)
        sst_emu_txn_set_now(txn, sst_emu_now(emu));
    if (rc == SST_OK)
        rc = check_tables(txn, &b, err);
    if (rc == SST_OK)
        rc = write_all(txn, &b, err);
    if (rc == SST_OK) {
        rc = sst_emu_txn_commit(txn, err);
        txn = NULL;
    }
    if (rc == SST_OK)
        rc = answer(&b, resp, err);
    sst_emu_txn_abort(txn);
    batch_cleanup(&b);
    return rc;
}
