/*
 * src/memory/txn.c - TransactWriteItems for the versioned writes, and
 * Python's transact_write_safe(): a TransactionCanceledException becomes
 * one message naming each failed item, and a code saying whether the
 * write lost a race (see sst_mo_transact() in ops_int.h).
 */
#include <stdio.h>
#include <string.h>

#include <sst/mem.h>

#include "src/memory/ops_int.h"

static json_object *
cast(const json_object *v)
{
    return (json_object *)(uintptr_t)v;
}

static const char *
member_string(json_object *obj, const char *name)
{
    json_object *v;

    if (!json_object_object_get_ex(obj, name, &v) ||
        !json_object_is_type(v, json_type_string))
        return NULL;
    return json_object_get_string(v);
}

/* The request: TransactItems with the handle's table filled in. */
static json_object *
build_request(struct sst_memory *m, const json_object *items)
{
    json_object *req = json_object_new_object();
    json_object *copy = NULL;
    size_t i, n;

    if (req == NULL || json_object_deep_copy(cast(items), &copy, NULL) != 0 ||
        json_object_object_add(req, "TransactItems", copy) != 0) {
        json_object_put(copy);
        json_object_put(req);
        return NULL;
    }
    n = json_object_array_length(copy);
    for (i = 0; i < n; i++) {
        json_object_object_foreach(json_object_array_get_idx(copy, i), op,
                                   body)
        {
            json_object *name;

            (void)op;
            if (json_object_object_get_ex(body, "TableName", NULL))
                continue;
            name = json_object_new_string(m->table_name);
            if (name == NULL ||
                json_object_object_add(body, "TableName", name) != 0) {
                json_object_put(name);
                json_object_put(req);
                return NULL;
            }
        }
    }
    return req;
}

/* Append printf-style to msg, truncating at its end (as sst_err does). */
static void
append(char *msg, size_t cap, const char *fmt, const char *a, const char *b)
{
    size_t len = strlen(msg);

    if (len + 1 < cap)
        snprintf(msg + len, cap - len, fmt, a, b);
}

/* transact_write_safe's message and the code (see ops_int.h). */
static enum sst_code
cancelled(json_object *resp, uint32_t *failed, struct sst_err *err)
{
    json_object *reasons = NULL;
    enum sst_code code = SST_E_VERSION_CONFLICT;
    char msg[SST_ERR_MESSAGE_MAX] = "Transaction failed: ";
    size_t i, n;
    int listed = 0;

    if (json_object_object_get_ex(resp, "CancellationReasons", &reasons) &&
        json_object_is_type(reasons, json_type_array))
        n = json_object_array_length(reasons);
    else
        n = 0;
    for (i = 0; i < n; i++) {
        json_object *r = json_object_array_get_idx(reasons, i);
        const char *c = member_string(r, "Code");
        const char *text = member_string(r, "Message");
        char item[32];

        if (c == NULL || strcmp(c, "None") == 0)
            continue;
        if (strcmp(c, "ConditionalCheckFailed") == 0) {
            if (failed != NULL && i < 32)
                *failed |= UINT32_C(1) << i;
        } else if (strcmp(c, "TransactionConflict") != 0) {
            code = SST_E_TXN_CANCELED;
        }
        snprintf(item, sizeof item, "Item %zu: ", i);
        append(msg, sizeof msg, "%s%s", listed ? "; " : "", item);
        append(msg, sizeof msg, "%s - %s", c, text != NULL ? text : "");
        listed++;
    }
    if (listed == 0) {
        /* no reasons to list: keep DynamoDB's own message */
        append(msg, sizeof msg, "%s%s", err != NULL ? err->message : "",
               "");
        code = SST_E_TXN_CANCELED;
    }
    return sst_err_set(err, code, "%s", msg);
}

enum sst_code
sst_mo_transact(struct sst_memory *m, const json_object *items,
                uint32_t *failed, struct sst_err *err)
{
    json_object *req, *resp = NULL;
    enum sst_code rc;

    if (failed != NULL)
        *failed = 0;
    req = build_request(m, items);
    if (req == NULL)
        return sst_mo_nomem(err);
    rc = sst_memory_call(m, "TransactWriteItems", req, &resp, err);
    if (rc == SST_E_TXN_CANCELED)
        rc = cancelled(resp, failed, err);
    json_object_put(resp);
    json_object_put(req);
    return rc;
}

enum sst_code
sst_mo_txn_put(json_object *items, json_object *item, const char *cond,
               const json_object *names, const json_object *values,
               struct sst_err *err)
{
    json_object *put = json_object_new_object();
    json_object *wrap = json_object_new_object();
    json_object *c = NULL;

    if (put == NULL || wrap == NULL ||
        json_object_object_add(wrap, "Put", json_object_get(put)) != 0)
        goto nomem;
    if (json_object_object_add(put, "Item", json_object_get(item)) != 0) {
        json_object_put(item);
        goto nomem;
    }
    if (cond != NULL) {
        c = json_object_new_string(cond);
        if (c == NULL ||
            json_object_object_add(put, "ConditionExpression", c) != 0)
            goto nomem;
    }
    c = NULL;
    if (names != NULL &&
        (json_object_deep_copy(cast(names), &c, NULL) != 0 ||
         json_object_object_add(put, "ExpressionAttributeNames", c) != 0))
        goto nomem;
    c = NULL;
    if (values != NULL &&
        (json_object_deep_copy(cast(values), &c, NULL) != 0 ||
         json_object_object_add(put, "ExpressionAttributeValues", c) != 0))
        goto nomem;
    c = NULL;
    if (json_object_array_add(items, wrap) != 0)
        goto nomem;
    json_object_put(put);
    return SST_OK;
nomem:
    json_object_put(c);
    json_object_put(put);
    json_object_put(wrap);
    return sst_mo_nomem(err);
}
