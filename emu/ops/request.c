/*
 * emu/ops/request.c - what the item operations read from their requests
 * (see request.h).
 */
#include <string.h>

#include <sst/mem.h>

#include "emu/ops/common.h"
#include "emu/ops/request.h"

/* AWS's enum messages (DynamoDB Local accepts any value for these). */
#define MSG_AWS_RCC_ENUM                                                       \
    "1 validation error detected: Value '%s' at 'returnConsumedCapacity' "    \
    "failed to satisfy constraint: Member must satisfy enum value set: "       \
    "[INDEXES, TOTAL, NONE]"
#define MSG_AWS_RICM_ENUM                                                      \
    "1 validation error detected: Value '%s' at "                              \
    "'returnItemCollectionMetrics' failed to satisfy constraint: Member "      \
    "must satisfy enum value set: [SIZE, NONE]"
/* DynamoDB Local's (AWS's form). */
#define MSG_RVOCCF_ENUM                                                        \
    "1 validation error detected: Value '%s' at "                              \
    "'returnValuesOnConditionCheckFailure' failed to satisfy constraint: "     \
    "Member must satisfy enum value set: [ALL_OLD, NONE]"

static const char *const rv_names[] = {"NONE", "ALL_OLD", "UPDATED_OLD",
                                       "ALL_NEW", "UPDATED_NEW"};

enum sst_code
sst_emu_req_return_values(const struct json_object *req, unsigned allowed,
                          enum sst_emu_return_values *out, struct sst_err *err)
{
    const char *s = sst_emu_get_string(req, "ReturnValues");
    unsigned i;

    *out = SST_EMU_RV_NONE;
    if (s == NULL)
        return SST_OK;
    for (i = 0; i < sizeof rv_names / sizeof rv_names[0]; i++)
        if (strcmp(s, rv_names[i]) == 0 && (allowed & (1u << i))) {
            *out = (enum sst_emu_return_values)i;
            return SST_OK;
        }
    return sst_err_set(err, SST_E_VALIDATION, SST_EMU_MSG_RETURN_VALUES);
}

enum sst_code
sst_emu_req_rcc(const struct json_object *req, enum sst_emu_rcc *out,
                struct sst_err *err)
{
    const char *s = sst_emu_get_string(req, "ReturnConsumedCapacity");

    *out = SST_EMU_RCC_NONE;
    if (s == NULL || strcmp(s, "NONE") == 0)
        return SST_OK;
    if (strcmp(s, "TOTAL") == 0)
        *out = SST_EMU_RCC_TOTAL;
    else if (strcmp(s, "INDEXES") == 0)
        *out = SST_EMU_RCC_INDEXES;
    else
        return sst_err_set(err, SST_E_VALIDATION, MSG_AWS_RCC_ENUM, s);
    return SST_OK;
}

enum sst_code
sst_emu_req_ricm(const struct json_object *req, bool *size, struct sst_err *err)
{
    const char *s = sst_emu_get_string(req, "ReturnItemCollectionMetrics");

    *size = false;
    if (s == NULL || strcmp(s, "NONE") == 0)
        return SST_OK;
    if (strcmp(s, "SIZE") != 0)
        return sst_err_set(err, SST_E_VALIDATION, MSG_AWS_RICM_ENUM, s);
    *size = true;
    return SST_OK;
}

enum sst_code
sst_emu_req_rvoccf(const struct json_object *req, bool *all_old,
                   struct sst_err *err)
{
    const char *s =
        sst_emu_get_string(req, "ReturnValuesOnConditionCheckFailure");

    *all_old = false;
    if (s == NULL || strcmp(s, "NONE") == 0)
        return SST_OK;
    if (strcmp(s, "ALL_OLD") != 0)
        return sst_err_set(err, SST_E_VALIDATION, MSG_RVOCCF_ENUM, s);
    *all_old = true;
    return SST_OK;
}

enum sst_code
sst_emu_req_attributes_to_get(const struct json_object *list,
                              const char *dup_msg, const char ***names,
                              size_t *n, struct sst_err *err)
{
    size_t len = list ? json_object_array_length(list) : 0, i, j;
    const char **v;
    struct json_object *e;

    *names = NULL;
    *n = 0;
    if (len == 0)
        return SST_OK;
    v = sst_malloc(len * sizeof *v);
    if (v == NULL)
        return sst_emu_nomem(err);
    for (i = 0; i < len; i++) {
        e = json_object_array_get_idx(list, i);
        /* A JSON null element is AWS's "member must not be null". */
        if (e == NULL || !json_object_is_type(e, json_type_string)) {
            sst_free(v);
            return sst_err_set(err, SST_E_VALIDATION,
                               "1 validation error detected: Value null at "
                               "'attributesToGet.%zu.member' failed to "
                               "satisfy constraint: Member must not be null",
                               i + 1);
        }
        v[i] = json_object_get_string(e);
        if (*v[i] == '\0') {
            sst_free(v);
            return sst_err_set(err, SST_E_VALIDATION, SST_EMU_MSG_EMPTY_ATTR);
        }
        for (j = 0; j < i; j++)
            if (strcmp(v[j], v[i]) == 0) {
                enum sst_code rc = sst_err_set(err, SST_E_VALIDATION, dup_msg,
                                               v[i]);
                sst_free(v);
                return rc;
            }
    }
    *names = v;
    *n = len;
    return SST_OK;
}

enum sst_code
sst_emu_req_item(const struct json_object *j, struct sst_av **out,
                 struct sst_emu_deferred *later, struct sst_err *err)
{
    struct sst_err e;
    enum sst_code rc;

    *out = NULL;
    memset(&e, 0, sizeof e);
    rc = sst_av_decode_item(j, out, &e);
    if (rc == SST_OK)
        return SST_OK;
    if (rc == SST_E_VALIDATION) {
        if (later->code == SST_OK) {
            later->code = rc;
            later->err = e;
        }
        return SST_OK;
    }
    if (err != NULL)
        *err = e;
    return rc;
}

enum sst_code
sst_emu_deferred_raise(const struct sst_emu_deferred *later,
                       struct sst_err *err)
{
    if (later->code != SST_OK && err != NULL)
        *err = later->err;
    return later->code;
}

enum sst_code
sst_emu_req_check_item(const struct json_object *j, const struct sst_av *item,
                       const struct sst_emu_deferred *later,
                       struct sst_err *err)
{
    struct sst_av *v = NULL;
    size_t size = 0;

    if (item != NULL)
        return sst_av_item_check_size(item, err);
    /* Find where decoding failed: DynamoDB adds up the attributes before
     * it, and reports the size when they exceed the limit already. */
    json_object_object_foreach((struct json_object *)j, name, val)
    {
        if (size > SST_AV_MAX_ITEM_BYTES)
            break;
        if (*name == '\0' || val == NULL ||
            sst_av_decode(val, &v, NULL) != SST_OK)
            break;
        size += strlen(name) + sst_av_size(v);
        sst_av_free(v);
        v = NULL;
    }
    if (size > SST_AV_MAX_ITEM_BYTES)
        return sst_err_set(err, SST_E_VALIDATION, SST_AV_MSG_ITEM_TOO_LARGE);
    return sst_emu_deferred_raise(later, err);
}
