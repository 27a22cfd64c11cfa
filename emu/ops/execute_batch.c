/*
 * emu/ops/execute_batch.c - BatchExecuteStatement and ExecuteTransaction:
 * PartiQL statements planned one by one (emu/ops/partiql_exec.h), then
 * run as a batch of single-item operations, or as one TransactWriteItems
 * or TransactGetItems.
 *
 * BatchExecuteStatement: up to 25 statements, all reads or all writes. A
 * read names one item by its whole key (GetItem). Every statement runs,
 * whatever fails beside it; each answer is {"TableName", "Item"} or
 * {"Error": {"Code", "Message"[, "Item"]}}, with TableName when the
 * error came from running the statement rather than from planning it.
 *
 * ExecuteTransaction: up to 100 statements, all reads (SELECT of one
 * item: TransactGetItems) or all writes (INSERT, UPDATE, DELETE and
 * EXISTS(SELECT ...) as a condition check: TransactWriteItems, with the
 * ClientRequestToken). Each statement in turn is checked for its
 * syntax, an operation a transaction does not take, a read beside
 * writes and its Parameters before any is planned; then a statement
 * that does not plan refuses the whole request ("Validation failed in
 * TransactStatements[i]: ..."). An INSERT whose key is taken cancels
 * with a ValidationError reason. Two statements on one item are refused
 * when the later one comes to run: after the earlier ones ran, before
 * its own checks (sst_emu_op_transact_write_statements()).
 *
 * The checks and their messages are DynamoDB Local's
 * (tests/data/emu/partiql_batch.py records them).
 */
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include <sst/mem.h>

#include "emu/ops/common.h"
#include "emu/ops/ops.h"
#include "emu/ops/partiql_exec.h"
#include "emu/ops/request.h"

#define S(n) {n, SST_EMU_SHAPE_STRING, NULL}
#define END {NULL, SST_EMU_SHAPE_STRING, NULL}

#define BATCH_MAX 25
#define TXN_MAX 100
#define MSG_EMPTY "The statement was empty."
#define MSG_TXN_EMPTY "ExecutePartiQLTransaction can not have empty statement."
#define MSG_DUP_KEYS "Provided list of item keys contains duplicates"
#define MSG_ONE_ITEM "Only single item select is supported"
#define MSG_RVOCCF                                                             \
    "1 validation error detected: Value '%s' at "                              \
    "'%s.%zu.member.returnValuesOnConditionCheckFailure' failed to satisfy "   \
    "constraint: Member must satisfy enum value set: [ALL_OLD, NONE]"

static const struct sst_emu_shape batch_stmt[] = {
    S("Statement"),
    {"Parameters", SST_EMU_SHAPE_LIST, &sst_emu_pq_param_elem},
    {"ConsistentRead", SST_EMU_SHAPE_BOOLEAN, NULL},
    S("ReturnValuesOnConditionCheckFailure"),
    END};
static const struct sst_emu_shape batch_elem = {"", SST_EMU_SHAPE_STRUCT,
                                                batch_stmt};
static const struct sst_emu_shape batch_request[] = {
    {"Statements", SST_EMU_SHAPE_LIST, &batch_elem},
    S("ReturnConsumedCapacity"),
    END};
static const struct sst_emu_shape txn_stmt[] = {
    S("Statement"),
    {"Parameters", SST_EMU_SHAPE_LIST, &sst_emu_pq_param_elem},
    S("ReturnValuesOnConditionCheckFailure"),
    END};
static const struct sst_emu_shape txn_elem = {"", SST_EMU_SHAPE_STRUCT,
                                              txn_stmt};
static const struct sst_emu_shape txn_request[] = {
    {"TransactStatements", SST_EMU_SHAPE_LIST, &txn_elem},
    S("ClientRequestToken"),
    S("ReturnConsumedCapacity"),
    END};

/* A batch error's Code: the __type without "Exception", and
 * ValidationException as ValidationError. */
static void
error_code(const char *type, char *out, size_t cap)
{
    size_t n = strlen(type);

    if (strcmp(type, "ValidationException") == 0) {
        snprintf(out, cap, "ValidationError");
        return;
    }
    if (n > 9 && strcmp(type + n - 9, "Exception") == 0)
        n -= 9;
    snprintf(out, cap, "%.*s", (int)n, type);
}

/* The statements' common checks: present, each with a non-empty
 * Statement, ReturnValuesOnConditionCheckFailure in its enum, Parameters
 * not empty. */
static enum sst_code
check_statements(struct json_object *list, const char *member,
                 const char *empty_msg, struct sst_err *err)
{
    size_t i, n = list != NULL ? json_object_array_length(list) : 0;

    if (n == 0)
        return sst_err_set(err, SST_E_VALIDATION, "%s", empty_msg);
    for (i = 0; i < n; i++) {
        struct json_object *st = json_object_array_get_idx(list, i);
        const char *text = sst_emu_get_string(st, "Statement");

        if (text == NULL || text[0] == '\0')
            return sst_err_set(err, SST_E_VALIDATION, "%s", empty_msg);
    }
    for (i = 0; i < n; i++) {
        struct json_object *st = json_object_array_get_idx(list, i);
        const char *rv =
            sst_emu_get_string(st, "ReturnValuesOnConditionCheckFailure");
        struct json_object *params = sst_emu_get(st, "Parameters");

        if (rv != NULL && strcmp(rv, "ALL_OLD") != 0 && strcmp(rv, "NONE") != 0)
            return sst_err_set(err, SST_E_VALIDATION, MSG_RVOCCF, rv, member,
                               i + 1);
        if (params != NULL && json_object_array_length(params) == 0)
            return sst_err_set(err, SST_E_VALIDATION,
                               "1 validation error detected: Value '[]' at "
                               "'%s.%zu.member.parameters' failed to satisfy "
                               "constraint: Member must have length greater "
                               "than or equal to 1",
                               member, i + 1);
    }
    return SST_OK;
}

/* Whether two plans name the same item of the same table. */
static bool
same_item(const struct sst_emu_pq_plan *a, const struct sst_emu_pq_plan *b)
{
    return a->key != NULL && b->key != NULL &&
           strcmp(a->st.table, b->st.table) == 0 &&
           json_object_equal(a->key, b->key);
}

static bool
is_read(const struct sst_emu_pq_plan *pl)
{
    return pl->st.kind == SST_PQ_SELECT;
}

/* ------------------------------------------------------------------ */
/* BatchExecuteStatement                                               */

struct slot {
    struct sst_emu_pq_plan pl;
    bool planned;
    bool with_table;    /* its error names the table */
    struct sst_err err; /* when not planned */
};

static struct json_object *
error_entry(const struct sst_err *e, const char *table,
            struct json_object *item)
{
    struct json_object *out = json_object_new_object(), *er;
    struct sst_emu_json b = {false};
    char code[SST_ERR_TYPE_MAX];

    error_code(e->type, code, sizeof code);
    er = sst_emu_json_add(&b, out, "Error", json_object_new_object());
    sst_emu_json_add(&b, er, "Code", json_object_new_string(code));
    sst_emu_json_add(&b, er, "Message", json_object_new_string(e->message));
    if (item != NULL)
        sst_emu_json_add(&b, er, "Item", json_object_get(item));
    if (table != NULL)
        sst_emu_json_add(&b, out, "TableName", json_object_new_string(table));
    if (b.failed) {
        json_object_put(out);
        return NULL;
    }
    return out;
}

/* Run one planned statement of a batch: its answer entry. */
static struct json_object *
run_one(struct sst_emu *emu, const struct sst_emu_pq_plan *pl)
{
    struct json_object *answer = NULL, *out, *item;
    struct sst_emu_json b = {false};
    struct sst_err e = {0};

    if (sst_emu_pq_run(emu, pl, &answer, &e) != SST_OK) {
        out = error_entry(&e, pl->st.table, sst_emu_get(answer, "Item"));
        json_object_put(answer);
        return out;
    }
    out = json_object_new_object();
    sst_emu_json_add(&b, out, "TableName",
                     json_object_new_string(pl->st.table));
    item = sst_emu_get(answer, is_read(pl) ? "Item" : "Attributes");
    if (item != NULL)
        sst_emu_json_add(&b, out, "Item", json_object_get(item));
    json_object_put(answer);
    if (b.failed) {
        json_object_put(out);
        return NULL;
    }
    return out;
}

enum sst_code
sst_emu_op_batch_execute_statement(struct sst_emu *emu,
                                   const struct json_object *req,
                                   struct json_object **resp,
                                   struct sst_err *err)
{
    struct json_object *list, *out = NULL, *arr;
    struct slot *slots = NULL;
    struct sst_emu_json b = {false};
    enum sst_emu_rcc rcc;
    size_t i, j, n = 0, reads = 0, writes = 0;
    enum sst_code rc;

    *resp = NULL;
    rc = sst_emu_check_shape(req, batch_request, err);
    if (rc == SST_OK)
        rc = sst_emu_req_rcc(req, &rcc, err);
    list = sst_emu_get(req, "Statements");
    if (rc == SST_OK)
        rc = check_statements(list, "statements", MSG_EMPTY, err);
    if (rc != SST_OK)
        return rc;
    n = json_object_array_length(list);
    /* every statement's parameters, before any statement */
    for (i = 0; i < n; i++) {
        rc = sst_emu_pq_check_params(
            sst_emu_get(json_object_array_get_idx(list, i), "Parameters"),
            err);
        if (rc != SST_OK)
            return rc;
    }
    slots = sst_calloc(n, sizeof *slots);
    if (slots == NULL)
        return sst_emu_nomem(err);
    for (i = 0; i < n; i++) {
        struct json_object *st = json_object_array_get_idx(list, i);

        rc = sst_emu_pq_plan(emu, sst_emu_get_string(st, "Statement"),
                             sst_emu_get(st, "Parameters"), st,
                             SST_EMU_PQ_ONE_ITEM, &slots[i].pl, &slots[i].err);
        if (rc == SST_E_NOMEM || rc == SST_E_STORAGE) {
            *err = slots[i].err;
            goto out;
        }
        slots[i].planned = rc == SST_OK;
        if (slots[i].planned && is_read(&slots[i].pl) &&
            slots[i].pl.single != SST_EMU_PQ_SINGLE_OK) {
            sst_err_set(&slots[i].err, SST_E_VALIDATION, MSG_ONE_ITEM);
            slots[i].planned = false;
        }
        if (slots[i].planned && !is_read(&slots[i].pl)) {
            rc = sst_emu_pq_check_batch_write(emu, &slots[i].pl,
                                              &slots[i].with_table,
                                              &slots[i].err);
            if (rc == SST_E_NOMEM || rc == SST_E_STORAGE) {
                *err = slots[i].err;
                goto out;
            }
            slots[i].planned = rc == SST_OK;
        }
        if (slots[i].planned)
            *(is_read(&slots[i].pl) ? &reads : &writes) += 1;
    }
    rc = SST_OK;
    if (reads > 0 && writes > 0)
        rc = sst_err_set(err, SST_E_VALIDATION,
                         "Read and write requests together in the same "
                         "batch is not supported.");
    else if (n > BATCH_MAX)
        rc = sst_err_set(err, SST_E_VALIDATION,
                         reads > 0 ? "BatchGetItem cannot fetch more than 25 "
                                     "items"
                                   : "BatchWriteItem cannot write more than "
                                     "25 items");
    for (i = 0; rc == SST_OK && i < n; i++)
        for (j = i + 1; rc == SST_OK && j < n; j++)
            if (slots[i].planned && slots[j].planned &&
                same_item(&slots[i].pl, &slots[j].pl))
                rc = sst_err_set(err, SST_E_VALIDATION, MSG_DUP_KEYS);
    if (rc != SST_OK)
        goto out;
    out = json_object_new_object();
    arr = sst_emu_json_add(&b, out, "Responses", json_object_new_array());
    for (i = 0; i < n && !b.failed; i++)
        sst_emu_json_push(&b, arr,
                          slots[i].planned
                              ? run_one(emu, &slots[i].pl)
                              : error_entry(&slots[i].err,
                                            slots[i].with_table
                                                ? slots[i].pl.st.table
                                                : NULL,
                                            NULL));
    if (b.failed) {
        json_object_put(out);
        out = NULL;
        rc = sst_emu_nomem(err);
    }
    *resp = out;
out:
    for (i = 0; i < n; i++)
        sst_emu_pq_plan_cleanup(&slots[i].pl);
    sst_free(slots);
    return rc;
}

/* ------------------------------------------------------------------ */
/* ExecuteTransaction                                                  */

/* {kind: the members of the plan's request that the action takes}. */
static struct json_object *
action(const struct sst_emu_pq_plan *pl, const char *kind,
       const char *const *members)
{
    struct json_object *out = json_object_new_object(), *a;
    struct sst_emu_json b = {false};
    size_t i;

    a = sst_emu_json_add(&b, out, kind, json_object_new_object());
    for (i = 0; members[i] != NULL && !b.failed; i++) {
        struct json_object *v = sst_emu_get(pl->req, members[i]);

        if (v != NULL)
            sst_emu_json_add(&b, a, members[i], json_object_get(v));
    }
    if (b.failed) {
        json_object_put(out);
        return NULL;
    }
    return out;
}

/* A TransactWriteItems action of a planned write: Put, Update, Delete,
 * or ConditionCheck (EXISTS); a TransactGetItems Get of a read. */
static struct json_object *
txn_action(const struct sst_emu_pq_plan *pl)
{
    static const char *const writes[] = {"TableName",
                                         "Item",
                                         "Key",
                                         "UpdateExpression",
                                         "ConditionExpression",
                                         "ExpressionAttributeNames",
                                         "ExpressionAttributeValues",
                                         "ReturnValuesOnConditionCheckFailure",
                                         NULL};
    static const char *const reads[] = {"TableName", "Key",
                                        "ProjectionExpression",
                                        "ExpressionAttributeNames", NULL};
    /* an EXISTS ignores ReturnValuesOnConditionCheckFailure: its reason
     * has no Item, and its token stands for the statement without it */
    static const char *const checks[] = {"TableName",
                                         "Key",
                                         "ConditionExpression",
                                         "ExpressionAttributeNames",
                                         "ExpressionAttributeValues",
                                         NULL};

    switch (pl->st.kind) {
    case SST_PQ_SELECT:
        return action(pl, "Get", reads);
    case SST_PQ_INSERT:
        return action(pl, "Put", writes);
    case SST_PQ_UPDATE:
        return action(pl, "Update", writes);
    case SST_PQ_DELETE:
        return action(pl, "Delete", writes);
    case SST_PQ_EXISTS:
        break;
    }
    return action(pl, "ConditionCheck", checks);
}

/* A statement of the transaction that cannot run: the whole request's
 * error, "Validation failed in TransactStatements[i]: ..." for rules of
 * the statement. */
static enum sst_code
txn_refusal(size_t i, enum sst_code rc, const struct sst_err *e,
            struct sst_err *err)
{
    if (rc == SST_E_NOT_FOUND)
        return sst_err_set(err, SST_E_NOT_FOUND,
                           "Requested resource not found");
    if (rc != SST_E_VALIDATION ||
        strncmp(e->message, SST_PQ_MSG_SYNTAX, strlen(SST_PQ_MSG_SYNTAX)) ==
            0 ||
        strcmp(e->message, "Unsupported operation in transaction.") == 0) {
        *err = *e;
        return rc;
    }
    return sst_err_set(err, SST_E_VALIDATION,
                       "Validation failed in TransactStatements[%zu]: %s", i,
                       e->message);
}

/* Plan errors that cancel the transaction with a ValidationError
 * reason (the key of a write), rather than refuse the request. */
static bool
is_reason(const char *msg)
{
    return strncmp(msg, "Key attribute", 13) == 0 ||
           strncmp(msg, "Where clause does not contain", 29) == 0 ||
           strncmp(msg, "One or more parameter values are not valid.", 43) == 0;
}

/* {"Code": "None"}, or a ValidationError with its message. */
static struct json_object *
reason(const char *msg)
{
    struct json_object *r = json_object_new_object();
    struct sst_emu_json b = {false};

    sst_emu_json_add(
        &b, r, "Code",
        json_object_new_string(msg != NULL ? "ValidationError" : "None"));
    if (msg != NULL)
        sst_emu_json_add(&b, r, "Message", json_object_new_string(msg));
    if (b.failed) {
        json_object_put(r);
        return NULL;
    }
    return r;
}

/* DynamoDB Local's reasons: an INSERT whose key is taken is a
 * ValidationError; the message names the codes again. */
static void
txn_reasons(struct json_object *reasons, const struct sst_emu_pq_plan *pl,
            size_t n, struct sst_err *err)
{
    char msg[SST_ERR_MESSAGE_MAX];
    size_t i, len;

    len = (size_t)snprintf(msg, sizeof msg,
                           "Transaction cancelled, please refer cancellation "
                           "reasons for specific reasons [");
    for (i = 0; i < n && i < json_object_array_length(reasons); i++) {
        struct json_object *r = json_object_array_get_idx(reasons, i);
        const char *code = sst_emu_get_string(r, "Code");

        if (pl[i].st.kind == SST_PQ_EXISTS)
            json_object_object_del(r, "Item"); /* as DynamoDB Local */
        if (code != NULL && strcmp(code, "ConditionalCheckFailed") == 0 &&
            pl[i].st.kind == SST_PQ_INSERT) {
            json_object_object_add(r, "Code",
                                   json_object_new_string("ValidationError"));
            json_object_object_add(
                r, "Message",
                json_object_new_string(
                    "Duplicate primary key exists in table"));
            json_object_object_del(r, "Item");
            code = "ValidationError";
        }
        if (len < sizeof msg)
            len += (size_t)snprintf(msg + len, sizeof msg - len, "%s%s",
                                    i > 0 ? ", " : "",
                                    code != NULL ? code : "None");
    }
    if (len < sizeof msg)
        snprintf(msg + len, sizeof msg - len, "]");
    sst_err_set(err, SST_E_TXN_CANCELED, "%s", msg);
}

/* An INSERT's ReturnValuesOnConditionCheckFailure, which its PutItem
 * does not take, on its Put all the same: it is part of what a
 * ClientRequestToken stands for (DynamoDB Local's signature of the
 * statements), and a taken key's reason has no Item (txn_reasons()). */
static enum sst_code
insert_rvoccf(struct sst_emu_pq_plan *pl, const struct json_object *st,
              struct sst_err *err)
{
    struct json_object *v =
        sst_emu_get(st, "ReturnValuesOnConditionCheckFailure");

    if (pl->st.kind != SST_PQ_INSERT || v == NULL || pl->req == NULL)
        return SST_OK;
    if (json_object_object_add(pl->req, "ReturnValuesOnConditionCheckFailure",
                               json_object_get(v)) != 0) {
        json_object_put(v);
        return sst_emu_nomem(err);
    }
    return SST_OK;
}

/* What DynamoDB Local checks of each statement in turn before it plans
 * any: its syntax, a statement a transaction does not take, a read
 * beside writes (or a write beside reads), then its Parameters. */
static enum sst_code
txn_early(const struct json_object *list, size_t n, struct sst_err *err)
{
    bool first_read = false, read = false;
    enum sst_code rc;
    size_t i;

    for (i = 0; i < n; i++) {
        struct json_object *st = json_object_array_get_idx(list, i);
        struct sst_err e = {0};

        rc = sst_emu_pq_check_early(sst_emu_get_string(st, "Statement"),
                                    sst_emu_get(st, "Parameters"),
                                    SST_EMU_PQ_ONE_ITEM | SST_EMU_PQ_TXN,
                                    &read, &e);
        if (rc == SST_OK && i == 0)
            first_read = read;
        if (rc == SST_OK && read != first_read)
            return sst_err_set(err, SST_E_VALIDATION,
                               "ExecuteTransaction API does not support both "
                               "read and write operations in the same "
                               "request.");
        if (rc == SST_OK)
            rc = sst_emu_pq_check_params(sst_emu_get(st, "Parameters"), &e);
        if (rc != SST_OK) {
            *err = e; /* as they are: none is the statement's rule */
            return rc;
        }
    }
    return SST_OK;
}

enum sst_code
sst_emu_op_execute_transaction(struct sst_emu *emu,
                               const struct json_object *req,
                               struct json_object **resp, struct sst_err *err)
{
    struct json_object *list, *sub = NULL, *items, *answer = NULL, *out = NULL;
    struct sst_emu_pq_plan *plans = NULL;
    struct json_object *reasons = NULL;
    struct sst_emu_json b = {false};
    enum sst_emu_rcc rcc;
    const char *token;
    size_t i, n = 0, reads = 0, writes = 0;
    enum sst_code rc;

    *resp = NULL;
    rc = sst_emu_check_shape(req, txn_request, err);
    if (rc == SST_OK)
        rc = sst_emu_req_rcc(req, &rcc, err);
    token = sst_emu_get_string(req, "ClientRequestToken");
    if (rc == SST_OK && token != NULL && strlen(token) > 36)
        rc = sst_err_set(err, SST_E_VALIDATION,
                         "Value %s at 'clientRequestToken' failed to satisfy "
                         "constraint: Member must have length less than or "
                         "equal to 36",
                         token);
    list = sst_emu_get(req, "TransactStatements");
    if (rc == SST_OK && list != NULL &&
        json_object_array_length(list) > TXN_MAX)
        rc = sst_err_set(err, SST_E_VALIDATION,
                         "Member must have length less than or equal to 100");
    if (rc == SST_OK)
        rc = check_statements(list, "transactStatements", MSG_TXN_EMPTY, err);
    if (rc != SST_OK)
        return rc;
    n = json_object_array_length(list);
    rc = txn_early(list, n, err);
    if (rc != SST_OK)
        return rc;
    plans = sst_calloc(n, sizeof *plans);
    if (plans == NULL)
        return sst_emu_nomem(err);
    for (i = 0; i < n; i++) {
        struct json_object *st = json_object_array_get_idx(list, i);
        struct sst_err e = {0};

        rc = sst_emu_pq_plan(emu, sst_emu_get_string(st, "Statement"),
                             sst_emu_get(st, "Parameters"), st,
                             SST_EMU_PQ_ONE_ITEM | SST_EMU_PQ_TXN, &plans[i],
                             &e);
        if (rc == SST_E_VALIDATION && is_reason(e.message)) {
            /* the key of a write: a cancellation reason, not a refusal */
            if (reasons == NULL &&
                (reasons = json_object_new_array()) == NULL) {
                rc = sst_emu_nomem(err);
                goto out;
            }
            while (json_object_array_length(reasons) < i)
                sst_emu_json_push(&b, reasons, reason(NULL));
            sst_emu_json_push(&b, reasons, reason(e.message));
            writes++;
            continue;
        }
        if (rc != SST_OK) {
            rc = txn_refusal(i, rc, &e, err);
            goto out;
        }
        if (plans[i].st.returning != NULL) {
            rc = sst_err_set(err, SST_E_VALIDATION,
                             "Validation failed in TransactStatements[%zu]: "
                             "RETURNING clause is not supported in "
                             "ExecuteTransaction.",
                             i);
            goto out;
        }
        if (is_read(&plans[i]) && plans[i].single != SST_EMU_PQ_SINGLE_OK) {
            rc = sst_err_set(
                err, SST_E_VALIDATION,
                "Validation failed in TransactStatements[%zu]: %s", i,
                plans[i].single == SST_EMU_PQ_SINGLE_INDEX
                    ? "Reads on indices are not supported within "
                      "transactions."
                    : "Select statements within ExecuteTransaction must "
                      "specify the primary key in the where clause.");
            goto out;
        }
        *(is_read(&plans[i]) ? &reads : &writes) += 1;
        rc = insert_rvoccf(&plans[i], st, err);
        if (rc != SST_OK)
            goto out;
    }
    if (reasons != NULL) {
        while (json_object_array_length(reasons) < n)
            sst_emu_json_push(&b, reasons, reason(NULL));
        *resp = json_object_new_object();
        sst_emu_json_add(&b, *resp, "CancellationReasons", reasons);
        reasons = NULL;
        if (b.failed || *resp == NULL) {
            json_object_put(*resp);
            *resp = NULL;
            rc = sst_emu_nomem(err);
            goto out;
        }
        txn_reasons(sst_emu_get(*resp, "CancellationReasons"), plans, n, err);
        rc = SST_E_TXN_CANCELED;
        goto out;
    }
    /* two statements on one item: TransactWriteItems finds them as it
     * runs the actions (an earlier action's fault first), and
     * TransactGetItems before it reads */
    sub = json_object_new_object();
    items = sst_emu_json_add(&b, sub, "TransactItems", json_object_new_array());
    for (i = 0; i < n && !b.failed; i++)
        sst_emu_json_push(&b, items, txn_action(&plans[i]));
    if (writes > 0 && token != NULL)
        sst_emu_json_add(&b, sub, "ClientRequestToken",
                         json_object_new_string(token));
    if (b.failed) {
        rc = sst_emu_nomem(err);
        goto out;
    }
    rc = reads > 0 ? sst_emu_op_transact_get_items(emu, sub, &answer, err)
                   : sst_emu_op_transact_write_statements(emu, sub, &answer,
                                                          err);
    if (rc == SST_E_TXN_CANCELED) {
        txn_reasons(sst_emu_get(answer, "CancellationReasons"), plans, n, err);
        *resp = answer;
        answer = NULL;
        goto out;
    }
    if (rc == SST_E_IDEMPOTENT_MISMATCH)
        sst_err_set(err, rc,
                    "Specified idempotent token was used with different "
                    "request parameters within the idempotency window");
    if (rc != SST_OK) {
        *resp = answer;
        answer = NULL;
        goto out;
    }
    out = json_object_new_object();
    items = sst_emu_json_add(&b, out, "Responses", json_object_new_array());
    for (i = 0; reads > 0 && i < n && !b.failed; i++) {
        struct json_object *r =
            json_object_array_get_idx(sst_emu_get(answer, "Responses"), i);
        sst_emu_json_push(&b, items,
                          r != NULL ? json_object_get(r)
                                    : json_object_new_object());
    }
    if (b.failed) {
        rc = sst_emu_nomem(err);
        goto out;
    }
    *resp = out;
    out = NULL;
out:
    json_object_put(reasons);
    json_object_put(out);
    json_object_put(answer);
    json_object_put(sub);
    for (i = 0; i < n; i++)
        sst_emu_pq_plan_cleanup(&plans[i]);
    sst_free(plans);
    return rc;
}
