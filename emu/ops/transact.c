/*
 * emu/ops/transact.c - what the two transaction operations share (see
 * transact.h).
 */
#include <stdio.h>
#include <string.h>

#include <sst/mem.h>

#include "emu/expr/update.h"
#include "emu/ops/common.h"
#include "emu/ops/keys.h"
#include "emu/ops/transact.h"

#define MSG_CANNOT_UPDATE_KEY                                                  \
    "One or more parameter values were invalid: Cannot update attribute "

void
sst_emu_tx_reason_cleanup(struct sst_emu_tx_reason *r)
{
    json_object_put(r->item);
    r->item = NULL;
    r->code = NULL;
    r->message[0] = '\0';
}

void
sst_emu_tx_reason_set(struct sst_emu_tx_reason *r, const char *code,
                      const char *message, struct json_object *item)
{
    json_object_put(r->item);
    r->code = code;
    snprintf(r->message, sizeof r->message, "%s", message);
    r->item = item;
}

bool
sst_emu_tx_is_reason(const struct sst_err *e)
{
    static const char *const whole[] = {
        SST_EMU_MSG_KEY_TYPE, SST_EMU_MSG_KEY_SIZE, SST_EMU_MSG_INDEX_KEY_TYPE,
        SST_EMU_MSG_INDEX_KEY_SIZE, SST_EMU_MSG_UPDATE_TOO_LARGE, NULL};
    size_t i;

    if (e == NULL || e->code != SST_E_VALIDATION)
        return false;
    for (i = 0; whole[i] != NULL; i++)
        if (strcmp(e->message, whole[i]) == 0)
            return true;
    return strncmp(e->message, MSG_CANNOT_UPDATE_KEY,
                   sizeof MSG_CANNOT_UPDATE_KEY - 1) == 0;
}

enum sst_code
sst_emu_tx_check_list(const struct json_object *l, struct sst_err *err)
{
    size_t n;

    if (l == NULL)
        return sst_err_set(err, SST_E_VALIDATION, SST_EMU_MSG_TX_NULL);
    n = json_object_array_length(l);
    if (n == 0)
        return sst_err_set(err, SST_E_VALIDATION, SST_EMU_MSG_TX_EMPTY);
    if (n > SST_EMU_TX_MAX_ITEMS)
        return sst_err_set(err, SST_E_VALIDATION, SST_EMU_MSG_TX_TOO_MANY);
    return SST_OK;
}

bool
sst_emu_tx_same_item(const struct sst_emu_table *a,
                     const struct sst_emu_key *ka,
                     const struct sst_emu_table *b,
                     const struct sst_emu_key *kb)
{
    return a != NULL && b != NULL && a->id == b->id && ka->len > 0 &&
           ka->len == kb->len && memcmp(ka->data, kb->data, ka->len) == 0;
}

enum sst_code
sst_emu_tx_cancel(struct sst_emu_tx_reason *r, size_t n,
                  struct json_object **extra, struct sst_err *err)
{
    struct sst_emu_json b = {false};
    struct json_object *out = json_object_new_object(), *list, *o;
    char codes[SST_ERR_MESSAGE_MAX];
    size_t i, used = 0;

    *extra = NULL;
    codes[0] = '\0';
    list = sst_emu_json_add(&b, out, "CancellationReasons",
                            json_object_new_array());
    for (i = 0; i < n; i++) {
        const char *code = r[i].code ? r[i].code : "None";

        if (used < sizeof codes)
            used += (size_t)snprintf(codes + used, sizeof codes - used, "%s%s",
                                     i ? ", " : "", code);
        o = sst_emu_json_push(&b, list, json_object_new_object());
        if (r[i].item != NULL) {
            sst_emu_json_add(&b, o, "Item", r[i].item);
            r[i].item = NULL;
        }
        sst_emu_json_add(&b, o, "Code", json_object_new_string(code));
        if (r[i].code != NULL)
            sst_emu_json_add(&b, o, "Message",
                             json_object_new_string(r[i].message));
    }
    if (b.failed) {
        json_object_put(out);
        return sst_emu_nomem(err);
    }
    *extra = out;
    return sst_err_set(err, SST_E_TXN_CANCELED, SST_EMU_MSG_TX_CANCELLED,
                       codes);
}

enum sst_code
sst_emu_tx_caps_init(struct sst_emu_tx_caps *cs, size_t max,
                     struct sst_err *err)
{
    cs->n = 0;
    cs->cap = max;
    cs->c = sst_calloc(max ? max : 1, sizeof *cs->c);
    return cs->c != NULL ? SST_OK : sst_emu_nomem(err);
}

void
sst_emu_tx_caps_cleanup(struct sst_emu_tx_caps *cs)
{
    sst_free(cs->c);
    cs->c = NULL;
    cs->n = cs->cap = 0;
}

void
sst_emu_tx_caps_add(struct sst_emu_tx_caps *cs,
                    const struct sst_emu_capacity *c, int factor)
{
    struct sst_emu_capacity *to = NULL;
    size_t i;

    for (i = 0; i < cs->n && to == NULL; i++)
        if (cs->c[i].table->id == c->table->id)
            to = &cs->c[i];
    if (to == NULL) {
        if (cs->n >= cs->cap)
            return;
        to = &cs->c[cs->n++];
        sst_emu_capacity_init(to, c->table);
    }
    to->table_half += factor * c->table_half;
    for (i = 0; i < SST_EMU_MAX_INDEXES; i++) {
        to->index_half[i] += factor * c->index_half[i];
        to->index_used[i] = to->index_used[i] || c->index_used[i];
    }
}

enum sst_code
sst_emu_tx_caps_answer(struct json_object *resp,
                       const struct sst_emu_tx_caps *cs, enum sst_emu_rcc mode,
                       struct sst_err *err)
{
    struct sst_emu_json b = {false};
    struct json_object *list;
    size_t i;

    if (mode == SST_EMU_RCC_NONE)
        return SST_OK;
    list = sst_emu_json_add(&b, resp, "ConsumedCapacity",
                            json_object_new_array());
    for (i = 0; i < cs->n; i++)
        sst_emu_json_push(&b, list, sst_emu_capacity_json(&cs->c[i], mode));
    return b.failed ? sst_emu_nomem(err) : SST_OK;
}
