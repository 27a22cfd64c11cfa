/*
 * emu/ops/batch.c - the RequestItems plumbing BatchGetItem and
 * BatchWriteItem share (emu/ops/batch.h).
 */
#include <json-c/json.h>

#include <sst/mem.h>

#include "emu/ops/batch.h"

enum sst_code
sst_emu_batch_parts(const struct json_object *req,
                    const struct sst_emu_shape *request, size_t part_size,
                    struct json_object **items, void **parts,
                    struct sst_err *err)
{
    enum sst_code rc;

    *items = NULL;
    *parts = NULL;
    rc = sst_emu_check_shape(req, request, err);
    if (rc != SST_OK || sst_emu_get(req, "RequestItems") == NULL)
        return rc;
    *items = sst_emu_get(req, "RequestItems");
    *parts = sst_calloc((size_t)json_object_object_length(*items) + 1,
                        part_size);
    if (*parts == NULL) {
        *items = NULL;
        return sst_emu_nomem(err);
    }
    return SST_OK;
}

enum sst_code
sst_emu_batch_check_table(const char *name, size_t n, const char *msg_empty,
                          size_t *total, struct sst_err *err)
{
    if (!sst_emu_valid_table_name(name))
        return sst_err_set(err, SST_E_VALIDATION, SST_EMU_MSG_TABLE_NAME);
    if (n == 0)
        return sst_err_set(err, SST_E_VALIDATION, msg_empty, name);
    *total += n;
    return SST_OK;
}
