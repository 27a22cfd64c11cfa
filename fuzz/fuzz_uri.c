/*
 * fuzz/fuzz_uri.c - libFuzzer target for the backend URI parser.
 *
 * Invariant checked besides memory safety: a URI that parses yields a kind
 * in range and the parts its kind needs; a refused one sets no output.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sst/sst.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    struct sst_uri *u = NULL;
    struct sst_err err;

    if (s == NULL)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    if (sst_uri_parse(s, &u, &err) == SST_OK) {
        if ((unsigned)u->kind >= SST_BACKEND_KIND_COUNT)
            abort();
        if (u->kind == SST_BACKEND_EMU && !u->in_memory && !u->path)
            abort();
        if (u->kind == SST_BACKEND_HTTP && (!u->host || u->port < 1))
            abort();
        if (u->kind == SST_BACKEND_DIFF && (!u->inner_a || !u->inner_b))
            abort();
        if (u->kind == SST_BACKEND_FAULT && !u->inner_a)
            abort();
    } else if (u != NULL || err.code != SST_E_INVALID_ARG) {
        abort();
    }
    sst_uri_free(u);
    free(s);
    return 0;
}
