/*
 * fuzz/fuzz_expr_update.c - libFuzzer target for the UpdateExpression grammar
 * (emu/expr/parse.c).
 *
 * Invariants besides memory safety: a parse either gives a tree or a
 * ValidationException whose message starts with "Invalid UpdateExpression: ",
 * and the canonical printer handles every tree.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz/expr_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    expr_fuzz_parse(data, size, SST_EMU_EXPR_UPDATE,
                    "Invalid UpdateExpression: ", NULL);
    return 0;
}
