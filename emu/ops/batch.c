/*
 * emu/ops/batch.c - the RequestItems plumbing BatchGetItem and
 * BatchWriteItem share (emu/ops/batch.h).
 */
#include <stdint.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/mem.h>

#include "emu/expr/jorder.h"
#include "emu/expr/resolve.h"
#include "emu/ops/batch.h"

enum sst_code
sst_emu_batch_decode(const struct json_object *req,
                     const struct sst_emu_shape *request, size_t part_size,
                     sst_emu_batch_part_fn *decode_part, void **parts,
                     size_t *n, struct sst_err *err)
{
    struct json_object *items = sst_emu_get(req, "RequestItems");
    enum sst_code rc;
    size_t i = 0;

    *parts = NULL;
    *n = 0;
    rc = sst_emu_check_shape(req, request, err);
    if (rc != SST_OK || items == NULL)
        return rc;
    *parts = sst_calloc((size_t)json_object_object_length(items) + 1,
                        part_size);
    if (*parts == NULL)
        return sst_emu_nomem(err);
    json_object_object_foreach(items, name, value)
    {
        *n = ++i;
        rc = decode_part((char *)*parts + (i - 1) * part_size, name, value,
                         err);
        if (rc != SST_OK)
            return rc;
    }
    return SST_OK;
}

enum sst_code
sst_emu_batch_table_order(const void *parts, size_t part_size, size_t n,
                          size_t **order, struct sst_err *err)
{
    const char *name;
    uint32_t *hash;
    size_t i;

    *order = sst_calloc(n + 1, sizeof **order);
    hash = sst_calloc(n + 1, sizeof *hash);
    if (*order == NULL || hash == NULL) {
        sst_free(*order);
        sst_free(hash);
        *order = NULL;
        return sst_emu_nomem(err);
    }
    for (i = 0; i < n; i++) {
        memcpy(&name, (const char *)parts + i * part_size, sizeof name);
        hash[i] = (uint32_t)sst_emu_java_hash(name, strlen(name));
    }
    /* the names of a JSON object's members are distinct */
    sst_emu_java_sized_order(hash, n, *order);
    sst_free(hash);
    return SST_OK;
}
