/*
 * fuzz/fuzz_expr_roundtrip.c - libFuzzer target: parse, print in
 * canonical form, parse again, and the trees must be equal.
 *
 * The first byte chooses the expression kind, the rest is the
 * expression. The canonical text may be longer than the source (it adds
 * spaces); when it exceeds DynamoDB's 4096-unit limit the second parse
 * would rightly refuse it, so the check is skipped.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sst/sst.h>

#include "emu/expr/lex.h"
#include "emu/expr/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sst_emu_arena a;
    struct sst_emu_ast *ast = NULL, *again = NULL;
    enum sst_emu_expr_kind kind;
    struct sst_err err;
    char *text;
    size_t n;

    if (size < 1)
        return 0;
    kind = (enum sst_emu_expr_kind)(data[0] % SST_EMU_EXPR_KIND_COUNT);
    sst_emu_arena_init(&a);
    if (sst_emu_expr_parse(&a, (const char *)data + 1, size - 1, kind, &ast,
                           &err) != SST_OK)
        goto out;
    n = sst_emu_ast_print(ast, NULL, 0);
    text = malloc(n + 1);
    if (text == NULL)
        goto out;
    if (sst_emu_ast_print(ast, text, n + 1) != n)
        abort();
    if (sst_emu_utf16_length(text, n) <= SST_EMU_MAX_EXPR_LEN) {
        if (sst_emu_expr_parse(&a, text, n, kind, &again, &err) != SST_OK)
            abort();
        if (!sst_emu_ast_equal(ast, again))
            abort();
    }
    free(text);
out:
    sst_emu_arena_cleanup(&a);
    return 0;
}
