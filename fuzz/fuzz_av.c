/*
 * fuzz/fuzz_av.c - libFuzzer target for the AttributeValue codec.
 *
 * Bytes are parsed by json-c (depth 64); the result is decoded both as an
 * item and as a single value. Invariants: a decoded value encodes, the
 * encoding decodes again to a deep-equal value whose encoding is the
 * same JSON; a copy is equal; the size is stable across the round trip.
 * A refused input reports a known error code and no value.
 */
#include <stdint.h>
#include <stdlib.h>

#include <json-c/json.h>

#include <sst/sst.h>

#include "emu/expr/av.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
round_trip(const struct json_object *j, int item)
{
    struct sst_av *v = NULL, *w = NULL, *d = NULL;
    struct json_object *e1 = NULL, *e2 = NULL;
    struct sst_err err;
    enum sst_code rc;

    rc = item ? sst_av_decode_item(j, &v, &err) : sst_av_decode(j, &v, &err);
    if (rc != SST_OK) {
        if (v != NULL || (rc != SST_E_VALIDATION && rc != SST_E_SERIALIZATION &&
                          rc != SST_E_INVALID_ARG))
            abort();
        return;
    }
    if ((item ? sst_av_encode_item(v, &e1, NULL)
              : sst_av_encode(v, &e1, NULL)) != SST_OK)
        abort();
    rc = item ? sst_av_decode_item(e1, &w, &err) : sst_av_decode(e1, &w, &err);
    if (rc != SST_OK || !sst_av_equal(v, w) || !sst_av_equal(w, v))
        abort();
    if ((item ? sst_av_encode_item(w, &e2, NULL)
              : sst_av_encode(w, &e2, NULL)) != SST_OK ||
        !json_object_equal(e1, e2))
        abort();
    if (sst_av_dup(v, &d, NULL) != SST_OK || !sst_av_equal(v, d))
        abort();
    if (item ? sst_av_item_size(v) != sst_av_item_size(w)
             : sst_av_size(v) != sst_av_size(w))
        abort();
    sst_av_free(d);
    sst_av_free(w);
    sst_av_free(v);
    json_object_put(e2);
    json_object_put(e1);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct json_tokener *tok = json_tokener_new_ex(64);
    struct json_object *j;

    if (tok == NULL || size > 1 << 20)
        goto out;
    j = json_tokener_parse_ex(tok, (const char *)data, (int)size);
    if (json_tokener_get_error(tok) == json_tokener_continue)
        j = json_tokener_parse_ex(tok, "", 1);
    if (json_tokener_get_error(tok) == json_tokener_success) {
        round_trip(j, 1);
        round_trip(j, 0);
    }
    json_object_put(j);
out:
    json_tokener_free(tok);
    return 0;
}
