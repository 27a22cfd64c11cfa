/*
 * tests/unit/emu_test_util.h - what the emulator's operation tests
 * (test_emu_items, test_emu_legacy, test_emu_txn) share: JSON from the
 * text of a table row, printing an answer for a failure message, the
 * consistency check of the stored rows, and the out-of-memory walk.
 *
 * Every helper asserts through CUnit (tests/harness.h); a request that is
 * not JSON is a fatal assertion.
 */
#ifndef SST_TESTS_UNIT_EMU_TEST_UTIL_H
#define SST_TESTS_UNIT_EMU_TEST_UTIL_H

#include <json-c/json.h>

#include <sst/emu.h>
#include <sst/sst.h>

/**
 * The JSON text parsed; the caller owns it.
 */
struct json_object *et_parse(const char *text);

/**
 * JSON written with single quotes (no quote inside a string), parsed
 * with each ' read as "; the caller owns it.
 */
struct json_object *et_q(const char *text);

/**
 * o as compact JSON text for a failure message ("(null)" for NULL);
 * borrowed from o.
 */
const char *et_text(struct json_object *o);

/**
 * Assert that emu's stored rows, index rows and counters agree
 * (sst_emu_verify); `where` names the test in the failure message.
 */
void et_verify_in(struct sst_emu *emu, const char *where);

#define et_verify(emu) et_verify_in((emu), __func__)

/* et_oom_walk flags */
#define ET_OOM_VERIFY 1u     /* et_verify after every failed call */
#define ET_OOM_MAY_CANCEL 2u /* TransactionCanceled ends the walk too */

/**
 * Call op with req on emu with allocation n failing, for n = 1, 2, ...
 * until the call no longer fails for memory (at most 5000 times): every
 * failure is SST_E_NOMEM with no response and leaves no more blocks
 * allocated than before; the last call succeeds (or, with
 * ET_OOM_MAY_CANCEL, is cancelled); and at least two allocations were
 * failed. The walk owns req and releases it.
 */
void et_oom_walk(struct sst_emu *emu, const char *op, struct json_object *req,
                 unsigned flags);

#endif
