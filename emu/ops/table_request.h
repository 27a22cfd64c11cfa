/*
 * emu/ops/table_request.h - the request plumbing the table operations
 * share (DeleteTable, DescribeTable, UpdateTable, DescribeTimeToLive,
 * UpdateTimeToLive; CreateTable for its answer): the table a request
 * names, opened in a transaction, and an answer holding one member.
 */
#ifndef SST_EMU_OPS_TABLE_REQUEST_H
#define SST_EMU_OPS_TABLE_REQUEST_H

#include <stdbool.h>

#include <json-c/json.h>

#include <sst/err.h>

#include "emu/ops/common.h"
#include "emu/ops/ops.h"

/**
 * The request's JSON shape and its TableName, then, in a new transaction
 * (a write transaction when write), the table it names.
 *
 * @param[out] txn  the transaction (sst_emu_txn_abort or commit); may be
 *                  set when an error comes after it began
 * @param[out] t    on SST_OK the shared table (sst_emu_table_release)
 * @return SST_OK; SST_E_SERIALIZATION; SST_E_VALIDATION; SST_E_NOT_FOUND;
 *         SST_E_STORAGE; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_table_request_open(struct sst_emu *emu, const struct json_object *req,
                           const struct sst_emu_shape *request, bool write,
                           struct sst_emu_txn **txn,
                           const struct sst_emu_table **t,
                           struct sst_err *err);

/**
 * As sst_emu_table_request_open(), in a write transaction, with the
 * table loaded as a copy to change (sst_emu_catalog_load).
 *
 * @param[out] t  on SST_OK the table, owned (sst_emu_table_free)
 */
SST_MUST_CHECK enum sst_code
sst_emu_table_request_load(struct sst_emu *emu, const struct json_object *req,
                           const struct sst_emu_shape *request,
                           struct sst_emu_txn **txn, struct sst_emu_table **t,
                           struct sst_err *err);

/**
 * The answer {member: val}.
 *
 * @param[in]  val   taken, released on failure
 * @param[out] resp  on SST_OK the answer, owned; NULL on failure
 * @return SST_OK; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code sst_emu_answer_member(const char *member,
                                                   struct json_object *val,
                                                   struct json_object **resp,
                                                   struct sst_err *err);

/**
 * Commit txn, then answer {member: val}: the end of CreateTable and
 * DeleteTable.
 *
 * @param[in]  txn   taken: committed, or aborted by the failed commit
 * @param[in]  val   taken, released on failure
 * @param[out] resp  on SST_OK the answer, owned; NULL on failure
 * @return SST_OK; SST_E_STORAGE; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code sst_emu_commit_answer(struct sst_emu_txn *txn,
                                                   const char *member,
                                                   struct json_object *val,
                                                   struct json_object **resp,
                                                   struct sst_err *err);

/* The request shape of the operations that read only TableName. */
extern const struct sst_emu_shape sst_emu_shape_table_name_only[];

#endif /* SST_EMU_OPS_TABLE_REQUEST_H */
