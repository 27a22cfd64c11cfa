/*
 * tests/expr/replay.h - what the files of the corpus replay
 * (tests/expr/replay.c) share: the answer to one recorded request, the
 * in-memory table a case's items live in (replay_table.c), and the
 * operations run on it (replay_ops.c).
 */
#ifndef SST_TESTS_EXPR_REPLAY_H
#define SST_TESTS_EXPR_REPLAY_H

#include <stdbool.h>
#include <stddef.h>

#include <json-c/json.h>

#include <sst/sst.h>

#include "emu/expr/av.h"
#include "emu/expr/keycond.h"

/* The answer to one request, in the terms the corpus records. */
struct answer {
    int status;
    char type[SST_ERR_TYPE_MAX];
    char message[SST_ERR_MESSAGE_MAX];
    const char *outcome;            /* "ok", "condition_false", "error" */
    struct json_object *response;   /* owned; NULL for none             */
    struct json_object *item_after; /* owned; NULL for none             */
};

/* A case's table: its key schema and its items, in key order. */
struct table {
    const char *name;
    struct sst_emu_key_schema ks;
    struct sst_av **items; /* stored items */
    size_t n;
};

/* Member k of the object o (borrowed), or NULL. */
static inline struct json_object *
get(struct json_object *o, const char *k)
{
    struct json_object *v = NULL;

    if (o == NULL || !json_object_object_get_ex(o, k, &v))
        return NULL;
    return v;
}

/* Member k of o when it is a string (borrowed), else NULL. */
static inline const char *
get_str(struct json_object *o, const char *k)
{
    struct json_object *v = get(o, k);

    return v && json_object_is_type(v, json_type_string)
               ? json_object_get_string(v)
               : NULL;
}

/* Free what a holds and zero it. */
void answer_cleanup(struct answer *a);

/* Fill a with the error err: status, type, message, outcome. */
void answer_error(struct answer *a, const struct sst_err *err);

/* Free the items of t and zero it. */
void table_cleanup(struct table *t);

/* Store item in t, which takes it. */
void table_put(struct table *t, struct sst_av *item);

/* The index of the stored item with the key of key (a map holding the
 * key), or -1. */
long table_find(const struct table *t, const struct sst_av *key);

/* Remove and free the item at index at. */
void table_remove(struct table *t, long at);

/* Fill t from the case c: its key schema and its items, in key order;
 * false (with a line on stdout) when an item does not decode. */
bool table_load(struct table *t, struct json_object *c);

/* item as DynamoDB JSON (NULL for NULL); the caller owns it. */
struct json_object *encode_item(const struct sst_av *item);

/* A new map holding the key attributes of item; the caller owns it. */
struct sst_av *key_of(const struct table *t, const struct sst_av *item);

/* The table's key names, for the nested-key and key-update checks. */
size_t key_names(const struct table *t, struct sst_emu_key_name *out);

/* PutItem, DeleteItem or UpdateItem (op) with body on t, answered in a
 * along with the item read back afterwards. */
void op_write(struct table *t, const char *op, struct json_object *body,
              struct answer *a);

/* GetItem with body on t, answered in a. */
void op_get(struct table *t, struct json_object *body, struct answer *a);

/* Query (query) or Scan with body on t, answered in a. */
void op_read(struct table *t, bool query, struct json_object *body,
             struct answer *a);

#endif /* SST_TESTS_EXPR_REPLAY_H */
