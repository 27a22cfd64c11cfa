/*
 * fuzz/fuzz_ini.c - libFuzzer target for the AWS shared-file parser.
 * Invariant: a file that parses answers lookups; a refused one sets no
 * output.
 */
#include <stdint.h>
#include <stdlib.h>

#include <sst/sst.h>

#include "src/http/ini.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sst_ini *ini = NULL;
    struct sst_err err;

    if (sst_ini_parse((const char *)data, size, &ini, &err) == SST_OK) {
        (void)sst_ini_get(ini, "default", "aws_access_key_id");
        (void)sst_ini_get(ini, "profile dev", "region");
    } else if (ini != NULL) {
        abort();
    }
    sst_ini_free(ini);
    return 0;
}
