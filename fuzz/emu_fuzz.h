/*
 * fuzz/emu_fuzz.h - what the emulator's fuzz targets (fuzz/fuzz_emu_*.c)
 * share: a prepared in-memory emulator that is rebuilt every
 * EMU_FUZZ_RESET_AFTER inputs, the decoding of an input into a request,
 * and the invariants every answer must keep. A broken invariant aborts,
 * which libFuzzer reports as a crash.
 */
#ifndef SST_FUZZ_EMU_FUZZ_H
#define SST_FUZZ_EMU_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

#include <sst/emu.h>
#include <sst/sst.h>

#define EMU_FUZZ_RESET_AFTER 64       /* inputs between fresh states */
#define EMU_FUZZ_TIME 1700000000000LL /* the emulator's clock, in ms */

/* The table "tbl" of the recorded corpora: string partition key pk,
 * number sort key sk, global indexes gall (g, gs; ALL), gkeys (g;
 * KEYS_ONLY) and ginc (gs; INCLUDE x, y), local index lsi (pk, l). */
extern const char emu_fuzz_indexed_table[];

/* One call of the prepared state: an operation and its request. */
struct emu_fuzz_step {
    const char *op;
    const char *request;
};

/* A target's emulator: the steps that prepare it and the inputs it has
 * seen since. */
struct emu_fuzz {
    struct sst_emu *emu;
    const struct emu_fuzz_step *setup;
    size_t nsetup;
    unsigned inputs;
};

/**
 * Call op with the JSON text request on emu; abort unless it succeeds.
 */
void emu_fuzz_run(struct sst_emu *emu, const char *op, const char *request);

/**
 * (Re)open f->emu in memory with its clock at EMU_FUZZ_TIME, run f's
 * setup steps on it, and count inputs from zero. Aborts on failure.
 */
void emu_fuzz_prepare(struct emu_fuzz *f);

/**
 * After an input: abort unless the stored rows, index rows and counters
 * agree (sst_emu_verify); then prepare afresh when `changed` or when
 * EMU_FUZZ_RESET_AFTER inputs have been seen.
 */
void emu_fuzz_next(struct emu_fuzz *f, bool changed);

/**
 * The request an input carries: the JSON of size bytes at data, or NULL
 * when they are not JSON (the input is skipped). The caller owns it.
 */
struct json_object *emu_fuzz_request(const uint8_t *data, size_t size);

/**
 * An input of the targets that fuzz several operations: the first byte
 * picks *op from the nops names at ops (modulo nops), the rest is the
 * request, returned in *req (the caller's). False (skip the input) when
 * there is no first byte or the rest is not JSON.
 */
bool emu_fuzz_pick(const uint8_t *data, size_t size, const char *const *ops,
                   size_t nops, const char **op, struct json_object **req);

/**
 * Call op with req on emu (*resp and err as sst_emu_call answers them,
 * err cleared first) and abort unless the answer keeps the invariants
 * (emu_fuzz_check_answer with `answered`).
 */
enum sst_code emu_fuzz_call(struct sst_emu *emu, const char *op,
                            struct json_object *req, struct json_object **resp,
                            struct sst_err *err, const enum sst_code *answered);

/**
 * Abort unless the answer keeps the invariants every operation keeps:
 * SST_OK comes with a response; an error comes with none, unless its code
 * is one of `answered` (a list ended by SST_OK; NULL for none); and an
 * error that is not the emulator's own (storage, memory) carries a
 * DynamoDB __type.
 */
void emu_fuzz_check_answer(enum sst_code rc, const struct json_object *resp,
                           const struct sst_err *err,
                           const enum sst_code *answered);

#endif
