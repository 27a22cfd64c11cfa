/*
 * tests/memory/fixture.h - a struct sst_memory on a fresh standard table,
 * on the emulator or on DynamoDB Local, for the libsst test programs.
 *
 * A test program runs the same tests in two suites: "emu" (emu::memory:,
 * in-process) and "ddb-local" (the HTTP backend on
 * $SST_DDB_LOCAL_ENDPOINT; skipped when it is not set). The suite's init
 * sets sst_tm_side; each test opens a fixture, which creates a table with
 * a unique name and the standard layout, and closes it, which deletes the
 * table. The clock is injected: it starts at a fixed time and moves on by
 * step_us at every reading, so timestamps are distinct, increasing and
 * reproducible; ULID randomness is a counter.
 */
#ifndef SST_TESTS_MEMORY_FIXTURE_H
#define SST_TESTS_MEMORY_FIXTURE_H

#include <stdbool.h>
#include <stdint.h>

#include <sst/sst.h>

enum sst_tm_side {
    SST_TM_EMU = 0,
    SST_TM_DDB_LOCAL
};

/** The side the running suite tests (set by sst_tm_init_emu/ddb). */
extern enum sst_tm_side sst_tm_side;

/** Suite inits to pass to struct sst_suite. */
int sst_tm_init_emu(void);
int sst_tm_init_ddb(void);

struct sst_test;

/**
 * The main() of a test program whose tests run on both sides: suites
 * "emu" and "ddb-local" (sst_tm_init_emu/ddb) of the same tests, run by
 * sst_test_main() (tests/harness.h) under the program's name.
 */
int sst_tm_main(int argc, char **argv, const char *name,
                const struct sst_test *tests);

/** 2026-01-02T03:04:05.123456Z, where the fixture's clock starts. */
#define SST_TM_START_US INT64_C(1767323045123456)

struct sst_tm {
    struct sst_backend *backend;
    struct sst_memory *m;
    char table[64];
    /* the clock: now_us is returned, then advanced by step_us */
    int64_t now_us;
    int64_t step_us;
    uint64_t random_counter;
};

/**
 * Open a fixture on sst_tm_side with the options given (NULL: defaults,
 * track_stats true). Its table name, clock and random source are the
 * fixture's; opts' others are kept.
 *
 * @return 0, 1 when the side is not available (the caller returns after
 *         sst_test_skip(), which this function calls), -1 on failure
 *         (printed; the caller fails the test)
 */
int sst_tm_open(struct sst_tm *tm, const struct sst_memory_opts *opts);

/** Delete the table and close everything. */
void sst_tm_close(struct sst_tm *tm);

/** Run op on the fixture's backend with the fixture's table (a raw
 *  DynamoDB call, to seed or inspect rows). *resp as sst_backend_call. */
enum sst_code sst_tm_call(struct sst_tm *tm, const char *op,
                          const char *req_json, struct json_object **resp,
                          struct sst_err *err);

#endif
