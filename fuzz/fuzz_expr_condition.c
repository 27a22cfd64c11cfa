/*
 * fuzz/fuzz_expr_condition.c - libFuzzer target for the ConditionExpression
 * grammar (emu/expr/parse.c).
 *
 * Invariants besides memory safety: a parse either gives a tree or a
 * ValidationException whose message starts with "Invalid ConditionExpression:
 * ", and the canonical printer handles every tree.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz/expr_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    expr_fuzz_parse(data, size, SST_EMU_EXPR_CONDITION,
                    "Invalid ConditionExpression: ", NULL);
    return 0;
}
