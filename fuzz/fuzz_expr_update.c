/*
 * fuzz/fuzz_expr_update.c - libFuzzer target for the UpdateExpression grammar
 * (emu/expr/parse.c).
 *
 * Invariants besides memory safety: a parse either gives a tree or a
 * ValidationException whose message starts with "Invalid UpdateExpression: ",
 * and the canonical printer handles every tree.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sst/sst.h>

#include "emu/expr/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char prefix[] = "Invalid UpdateExpression: ";
    struct sst_emu_arena a;
    struct sst_emu_ast *ast = NULL;
    struct sst_err err;
    enum sst_code rc;
    char text[64];

    sst_emu_arena_init(&a);
    rc = sst_emu_expr_parse(&a, (const char *)data, size, SST_EMU_EXPR_UPDATE,
                            &ast, &err);
    if (rc == SST_OK) {
        if (ast == NULL)
            abort();
        (void)sst_emu_ast_print(ast, text, sizeof text);
    } else if (rc == SST_E_VALIDATION) {
        if (ast != NULL || strcmp(err.type, "ValidationException") != 0)
            abort();
        if (strncmp(err.message, prefix, sizeof prefix - 1) != 0)
            abort();
    } else {
        abort();
    }
    sst_emu_arena_cleanup(&a);
    return 0;
}
