/*
 * tests/unit/txn_test_util.h - what the transaction tests (test_emu_txn,
 * test_emu_txn_token, test_emu_txn_get, test_emu_txn_oom) share: an
 * emulator with their three tables, requests written with single quotes,
 * and rows of calls with their exact outcome.
 *
 * Requests are written with single quotes for readability; et_q() turns
 * them into JSON's double quotes (no request here has a quote inside a
 * string). Every helper asserts through CUnit (tests/harness.h).
 */
#ifndef SST_TESTS_UNIT_TXN_TEST_UTIL_H
#define SST_TESTS_UNIT_TXN_TEST_UTIL_H

#include <json-c/json.h>

#include <sst/emu.h>
#include <sst/sst.h>

/* One call and its exact outcome: code SST_OK and the answer `want`, or
 * the error's code, type and message, and its extra members `want` (NULL:
 * none). want == "*" skips the answer. */
struct tx_row {
    const char *op, *req;
    enum sst_code code;
    const char *type, *msg, *want;
};

#define OK(op, req, want) {op, req, SST_OK, NULL, NULL, want}
#define VALID(op, req, msg)                                                    \
    {op, req, SST_E_VALIDATION, "ValidationException", msg, NULL}
#define CANCELLED(op, req, codes, reasons)                                     \
    {op, req, SST_E_TXN_CANCELED, "TransactionCanceledException",              \
     "Transaction cancelled, please refer cancellation reasons for "           \
     "specific reasons [" codes "]",                                           \
     "{'CancellationReasons':" reasons "}"}

#define RUN(emu, rows)                                                         \
    tx_run_rows((emu), (rows), sizeof(rows) / sizeof(rows)[0])

#define K(pk) "'pk':{'S':'" pk "'},'sk':{'N':'1'}"
#define TW "TransactWriteItems"
#define TG "TransactGetItems"
#define PUT(item) "{'Put':{'TableName':'tbl','Item':{" item "}}}"
#define GETK(pk) "{'TableName':'tbl','Key':{" K(pk) "}}"

/**
 * An emulator at path (NULL: in memory), without syncing, its clock fixed
 * at 2026-11-25T19:11:52.989Z; the caller closes it.
 */
struct sst_emu *tx_open_emu(const char *path);

/**
 * tx_open_emu(path) with the tables created: tbl (pk S, sk N; GSI gidx
 * on g, ALL), one (pk S), coll (pk S, sk N; LSI lsi on l, ALL: item
 * collections).
 */
struct sst_emu *tx_open_with_tables(const char *path);

/**
 * Call op on emu with the single-quoted request req; *resp gets the
 * answer (the caller puts it) and e the error.
 */
enum sst_code tx_call(struct sst_emu *emu, const char *op, const char *req,
                      struct json_object **resp, struct sst_err *e);

/** Make the call of row r and assert its outcome. */
void tx_run_row(struct sst_emu *emu, const struct tx_row *r);

/** tx_run_row for each of the n rows. */
void tx_run_rows(struct sst_emu *emu, const struct tx_row *rows, size_t n);

/* Three items in tbl: a (v 1, g G), b (v 2) and c. */
extern const struct tx_row tx_setup_items[3];

#endif
