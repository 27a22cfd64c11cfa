/*
 * fuzz/fuzz_expr_keycond.c - libFuzzer target for the KeyConditionExpression
 * grammar (emu/expr/parse.c).
 *
 * Invariants besides memory safety: a parse either gives a tree or a
 * ValidationException whose message starts with "Invalid
 * KeyConditionExpression: " (or, for key-condition shape rules, names
 * KeyConditionExpression), and the canonical printer handles every tree.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz/expr_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The key-condition shape rules' messages name KeyConditionExpression,
 * or not at all. */
static bool
shape_rule(const char *message)
{
    return strstr(message, "KeyConditionExpression") != NULL ||
           strcmp(message, "Conditions can be of length 1 or 2 only") == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    expr_fuzz_parse(data, size, SST_EMU_EXPR_KEY_CONDITION,
                    "Invalid KeyConditionExpression: ", shape_rule);
    return 0;
}
