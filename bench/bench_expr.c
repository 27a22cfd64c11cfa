/*
 * bench/bench_expr.c - how fast the expression engine handles a typical
 * condition (a benchmark, not a test).
 *
 *   bench/bench_expr [ITERATIONS]
 *
 * The condition has 3 clauses and 2 placeholders (plus one name):
 *   attribute_exists(pk) AND #s = :active AND size(tags) < :n
 * One operation is what a conditional write does with it: validate and
 * load ExpressionAttributeNames / -Values (already parsed JSON), parse
 * and resolve the expression, check for unused placeholders, evaluate it
 * on an item, free everything. The phases are also timed alone. Reports
 * operations per second and nanoseconds per operation, on one thread,
 * in CPU time (and wall-clock time, which a busy machine inflates).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>

#include <sst/sst.h>

#include "emu/expr/eval.h"
#include "emu/expr/parse.h"
#include "emu/expr/request.h"

static const char condition[] =
    "attribute_exists(pk) AND #s = :active AND size(tags) < :n";

/* Wall-clock and CPU time of the calling thread: on a shared machine
 * the CPU time is the fairer measure of the code itself. */
struct stamp {
    double wall, cpu;
};

static double
clock_secs(clockid_t id)
{
    struct timespec ts;

    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static struct stamp
now(void)
{
    struct stamp s = {clock_secs(CLOCK_MONOTONIC),
                      clock_secs(CLOCK_THREAD_CPUTIME_ID)};
    return s;
}

static void
report(const char *what, long n, struct stamp t0)
{
    struct stamp t1 = now();
    double cpu = t1.cpu - t0.cpu, wall = t1.wall - t0.wall;

    printf("%-32s %10.0f ops/s %8.1f ns/op (cpu)  %8.1f ns/op (wall)\n", what,
           (double)n / cpu, cpu * 1e9 / (double)n, wall * 1e9 / (double)n);
}

int
main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1000000, i, hits = 0;
    struct json_object *names, *values, *jitem;
    struct sst_emu_expr_request r;
    struct sst_emu_exprs x;
    struct sst_emu_arena a;
    struct sst_emu_ast *ast;
    struct sst_av *item = NULL;
    struct sst_err err;
    struct stamp t0;
    bool ok;

    names = json_tokener_parse("{\"#s\": \"status\"}");
    values = json_tokener_parse("{\":active\": {\"S\": \"active\"}, "
                                "\":n\": {\"N\": \"10\"}}");
    jitem = json_tokener_parse(
        "{\"pk\": {\"S\": \"user#123\"}, \"sk\": {\"S\": \"profile\"}, "
        "\"status\": {\"S\": \"active\"}, \"tags\": {\"SS\": [\"a\", \"b\", "
        "\"c\"]}, \"n\": {\"N\": \"42\"}}");
    if (names == NULL || values == NULL || jitem == NULL ||
        sst_av_decode_item(jitem, &item, &err) != SST_OK) {
        fprintf(stderr, "bench_expr: setup failed\n");
        return 1;
    }
    memset(&r, 0, sizeof r);
    r.op = SST_EMU_REQ_PUT_ITEM;
    r.condition.s = condition;
    r.condition.len = strlen(condition);
    r.names = names;
    r.values = values;

    printf("bench_expr: %s\n  names {\"#s\": \"status\"}, values "
           "{\":active\": S, \":n\": N}, %ld iterations\n",
           condition, n);

    /* everything, as a conditional write does it */
    t0 = now();
    for (i = 0; i < n; i++) {
        sst_emu_exprs_init(&x);
        if (sst_emu_exprs_prepare(&x, &r, &err) != SST_OK ||
            sst_emu_expr_eval(&x.condition, &x.bindings, item, &ok, &err) !=
                SST_OK) {
            fprintf(stderr, "bench_expr: %s\n", err.message);
            return 1;
        }
        hits += ok;
        sst_emu_exprs_cleanup(&x);
    }
    report("parse + resolve + evaluate", n, t0);

    /* the phases alone */
    t0 = now();
    for (i = 0; i < n; i++) {
        sst_emu_arena_init(&a);
        if (sst_emu_expr_parse(&a, condition, r.condition.len,
                               SST_EMU_EXPR_CONDITION, &ast, &err) != SST_OK)
            return 1;
        sst_emu_arena_cleanup(&a);
    }
    report("  parse (no names or values)", n, t0);

    t0 = now();
    for (i = 0; i < n; i++) {
        struct sst_emu_bindings b;
        sst_emu_bindings_init(&b);
        if (sst_emu_bindings_load(&b, names, values,
                                  SST_EMU_BIND_NAMES | SST_EMU_BIND_VALUES,
                                  &err) != SST_OK)
            return 1;
        sst_emu_bindings_cleanup(&b);
    }
    report("  load the placeholder maps", n, t0);

    sst_emu_exprs_init(&x);
    if (sst_emu_exprs_prepare(&x, &r, &err) != SST_OK)
        return 1;
    t0 = now();
    for (i = 0; i < n; i++) {
        if (sst_emu_expr_eval(&x.condition, &x.bindings, item, &ok, &err) !=
            SST_OK)
            return 1;
        hits += ok;
    }
    report("  evaluate", n, t0);
    sst_emu_exprs_cleanup(&x);

    printf("  (condition true %ld times)\n", hits);
    sst_av_free(item);
    json_object_put(names);
    json_object_put(values);
    json_object_put(jitem);
    return 0;
}
