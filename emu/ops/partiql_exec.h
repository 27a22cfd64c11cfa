/*
 * emu/ops/partiql_exec.h - one PartiQL statement planned as the item
 * operation it stands for, and run (emu/ops/execute_statement.c): the
 * seam that ExecuteStatement, BatchExecuteStatement and ExecuteTransaction
 * share.
 */
#ifndef SST_EMU_OPS_PARTIQL_EXEC_H
#define SST_EMU_OPS_PARTIQL_EXEC_H

#include <stdbool.h>

#include <sst/emu.h>
#include <sst/err.h>

#include "emu/ops/common.h"
#include "emu/ops/partiql.h"

struct json_object;

/** The shape of a Parameters element (an AttributeValue: an object). */
extern const struct sst_emu_shape sst_emu_pq_param_elem;

/** sst_emu_pq_plan() modes. */
#define SST_EMU_PQ_ONE_ITEM 1u /* a SELECT reads one item: GetItem      */
#define SST_EMU_PQ_TXN 2u      /* EXISTS(SELECT ...) is a statement     */

/** Why a SELECT does not read one item (SST_EMU_PQ_ONE_ITEM). */
enum sst_emu_pq_single {
    SST_EMU_PQ_SINGLE_OK = 0,
    SST_EMU_PQ_SINGLE_INDEX,  /* it reads an index                      */
    SST_EMU_PQ_SINGLE_NOT_KEY /* its WHERE is not the key's equalities  */
};

/** A statement and the request of its item operation. */
struct sst_emu_pq_plan {
    struct sst_pq_stmt st;
    struct json_object *req; /* Query, Scan, GetItem, PutItem, UpdateItem,
                                DeleteItem's request; EXISTS: a
                                ConditionCheck's */
    bool query;              /* SELECT: a Query, else a Scan */
    enum sst_emu_pq_single single;
    struct json_object *key; /* SST_EMU_PQ_ONE_ITEM: the item's key (a
                                single SELECT, or any write) */
};

/**
 * Parse text and build its item operation's request against the table's
 * schema.
 *
 * @param[in] params  the statement's Parameters (borrowed; may be NULL)
 * @param[in] from    the request members a statement passes on
 *                    (ConsistentRead, Limit, NextToken,
 *                    ReturnValuesOnConditionCheckFailure,
 *                    ReturnConsumedCapacity); borrowed
 * @param[in] mode    SST_EMU_PQ_ONE_ITEM, SST_EMU_PQ_TXN or 0
 * @param[out] out    on SST_OK the plan (sst_emu_pq_plan_cleanup)
 * @return SST_OK; SST_E_VALIDATION; SST_E_NOT_FOUND (the table);
 *         SST_E_STORAGE; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_pq_plan(struct sst_emu *emu, const char *text,
                const struct json_object *params,
                const struct json_object *from, unsigned mode,
                struct sst_emu_pq_plan *out, struct sst_err *err);

void sst_emu_pq_plan_cleanup(struct sst_emu_pq_plan *pl);

/**
 * Run a plan's item operation. An INSERT whose key is taken is
 * SST_E_DUPLICATE_ITEM; an error's message loses the "Invalid
 * UpdateExpression: " kind of prefix, as DynamoDB Local words it.
 *
 * @param[out] answer  the operation's answer; on an error, its members
 *                     (a failed condition's Item) or NULL
 */
SST_MUST_CHECK enum sst_code sst_emu_pq_run(struct sst_emu *emu,
                                            const struct sst_emu_pq_plan *pl,
                                            struct json_object **answer,
                                            struct sst_err *err);

/**
 * An item of a SELECT's answer as DynamoDB Local gives it: a nested
 * projected path comes under its last name ("SELECT m.b" answers
 * {"b": ...}, "SELECT l[1]" {"l[1]": ...}); top-level names as they are.
 *
 * @param[in] item  a projected item (borrowed); may be NULL
 * @return a new reference (item itself when nothing is nested), or NULL
 *         when out of memory or item is NULL
 */
struct json_object *sst_emu_pq_projected(const struct sst_pq_stmt *st,
                                         struct json_object *item);

/* ------------------------------------------------------------------ */
/* pages (partiql_page.c)                                              */

/** The longest NextToken a request may carry. */
#define SST_EMU_PQ_TOKEN_MAX 32768

/**
 * The request's NextToken (DynamoDB Local's form, good for an hour) as
 * the ExclusiveStartKey of the Query or Scan request req.
 *
 * @return SST_OK (also without a NextToken); SST_E_VALIDATION ("Invalid
 *         NextToken", "Given NextToken has already expired"); SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_pq_start_key(struct sst_emu *emu, const struct json_object *from,
                     struct json_object *req, struct sst_err *err);

/**
 * The answer's LastEvaluatedKey as NextToken (and LastEvaluatedKey, as
 * AWS documents) in out; nothing when the page is the last.
 *
 * @return SST_OK; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code sst_emu_pq_next_token(struct sst_emu *emu,
                                                   struct json_object *resp,
                                                   struct json_object *out,
                                                   struct sst_err *err);

/** A page's items through sst_emu_pq_projected(); a new reference, or
 *  NULL when out of memory. */
struct json_object *sst_emu_pq_projected_items(const struct sst_pq_stmt *st,
                                               struct json_object *items);

/**
 * A statement's Parameters, each checked as an AttributeValue, with
 * DynamoDB's messages (ExpressionAttributeValues wraps the same ones).
 * sst_emu_pq_plan() checks them after the statement's syntax and before
 * anything else of it; BatchExecuteStatement checks every statement's
 * before any statement.
 *
 * @param params  the JSON list, or NULL; borrowed
 * @return SST_OK, SST_E_VALIDATION, SST_E_SERIALIZATION, SST_E_NOMEM
 */
SST_MUST_CHECK enum sst_code
sst_emu_pq_check_params(const struct json_object *params, struct sst_err *err);

/**
 * What ExecuteTransaction checks of each statement, in order, before it
 * plans any: its syntax (SST_PQ_MSG_SYNTAX), then that it is a statement
 * a transaction takes ("Unsupported operation in transaction.", for one
 * that begins with NOT); other faults wait for sst_emu_pq_plan(). The
 * caller then checks the mix of reads and writes, then the statement's
 * Parameters (sst_emu_pq_check_params()), statement by statement, as
 * DynamoDB Local does. mode as sst_emu_pq_plan()'s.
 *
 * @param params  the statement's Parameters, or NULL; borrowed
 * @param read    set to whether the statement is a SELECT (a read)
 * @return SST_OK or the first failure, as sst_emu_pq_plan() gives it
 */
SST_MUST_CHECK enum sst_code
sst_emu_pq_check_early(const char *text, const struct json_object *params,
                       unsigned mode, bool *read, struct sst_err *err);

/** Drop the "Invalid FilterExpression: " and like prefixes from err's
 *  message: DynamoDB Local's errors of a statement name the problem
 *  without the expression the translation made. NULL is a no-op. */
void sst_emu_pq_strip_prefix(struct sst_err *err);

/** Whether a parse failure (rc, err) comes before the parameters are
 *  checked: the statement's syntax, or no validation failure at all. */
bool sst_emu_pq_before_params(enum sst_code rc, const struct sst_err *err);

/**
 * A parsed statement's parts checked alone, in the statement's order (a
 * SELECT's projection, then its whole WHERE; an UPDATE's or a DELETE's
 * WHERE, then an UPDATE's SET and REMOVE), before the table is looked
 * up, as the expressions they become; a static fault found there
 * (operand types, BETWEEN bounds, an attribute type name, overlapping
 * paths) is the statement's.
 *
 * @return SST_OK; SST_E_VALIDATION with the fault; SST_E_NOMEM
 */
SST_MUST_CHECK enum sst_code
sst_emu_pq_check_parts(const struct sst_pq_stmt *st, struct sst_err *err);

/**
 * What BatchExecuteStatement checks of a planned write before it looks
 * for two statements on one item (DynamoDB Local's order): an INSERT's
 * item against its table's index keys (type, empty value, size). A
 * statement that fails answers its error (naming the table) and is left
 * out of that check. (An UPDATE's static faults fail its planning:
 * sst_emu_pq_check_parts().)
 *
 * @param[out] with_table  whether the error names the table (an INSERT's
 *                         index key fault), as DynamoDB Local writes it
 * @return SST_OK; SST_E_VALIDATION with the fault; SST_E_STORAGE;
 *         SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_pq_check_batch_write(struct sst_emu *emu,
                             const struct sst_emu_pq_plan *pl,
                             bool *with_table, struct sst_err *err);

/**
 * A statement whose parse failed on a later part (err holds the fault):
 * an earlier part's own faults come first, an UPDATE's WHERE clause
 * before its SET and REMOVE, a SELECT's projection before its WHERE.
 *
 * @return the fault that stands: SST_E_VALIDATION with err's unless the
 *         earlier part has one (then err holds it); SST_E_NOMEM
 */
SST_MUST_CHECK enum sst_code
sst_emu_pq_earlier_part(const char *text, const struct json_object *params,
                        unsigned mode, struct sst_err *err);

#endif /* SST_EMU_OPS_PARTIQL_EXEC_H */
