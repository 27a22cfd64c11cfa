/*
 * fuzz/fuzz_store_table.c - libFuzzer target for the decoder of the
 * emulator's catalog records (emu/store/table.c): a table's definition
 * as the JSON text the catalog stores, which a damaged or hostile data
 * directory may hold in any shape.
 *
 * Input: the record's text. Invariants besides memory safety and no
 * leaks: a decode either fails, with SST_E_STORAGE (or SST_E_NOMEM) and
 * no table, or gives a table whose encoding decodes again into a table
 * of the same encoding (encode after decode is a fixed point).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sst/mem.h>
#include <sst/sst.h>

#include "emu/store/table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sst_emu_table *t = NULL, *again = NULL;
    char *text = NULL, *text2 = NULL;
    struct sst_err e;
    enum sst_code rc;

    rc = sst_emu_table_decode((const char *)data, size, &t, &e);
    if (rc != SST_OK) {
        if (t != NULL || (rc != SST_E_STORAGE && rc != SST_E_NOMEM))
            abort();
        return 0;
    }
    if (t == NULL)
        abort();
    rc = sst_emu_table_encode(t, &text, &e);
    if (rc == SST_OK) {
        rc = sst_emu_table_decode(text, strlen(text), &again, &e);
        if (rc == SST_E_STORAGE)
            abort(); /* its own encoding must decode */
        if (rc == SST_OK &&
            (sst_emu_table_encode(again, &text2, &e) == SST_OK &&
             strcmp(text, text2) != 0))
            abort();
    } else if (rc != SST_E_NOMEM) {
        abort();
    }
    sst_free(text);
    sst_free(text2);
    sst_emu_table_free(again);
    sst_emu_table_free(t);
    return 0;
}
