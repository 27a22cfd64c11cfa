/*
 * emu/ops/capacity.c - consumed capacity (see capacity.h).
 */
#include <string.h>

#include "emu/ops/capacity.h"
#include "emu/ops/common.h"

#define READ_UNIT 4096
#define WRITE_UNIT 1024

void
sst_emu_capacity_init(struct sst_emu_capacity *c, const struct sst_emu_table *t)
{
    memset(c, 0, sizeof *c);
    c->table = t;
}

int64_t
sst_emu_read_half_units(uint64_t bytes, bool consistent)
{
    uint64_t units = (bytes + READ_UNIT - 1) / READ_UNIT;

    return (int64_t)units * (consistent ? 2 : 1);
}

int64_t
sst_emu_write_half_units(uint64_t bytes)
{
    uint64_t units = bytes == 0 ? 1 : (bytes + WRITE_UNIT - 1) / WRITE_UNIT;

    return (int64_t)units * 2;
}

void
sst_emu_capacity_index(struct sst_emu_capacity *c, size_t i, int64_t half)
{
    if (i >= SST_EMU_MAX_INDEXES)
        return;
    c->index_half[i] += half;
    c->index_used[i] = true;
}

static struct json_object *
units(struct sst_emu_json *b, int64_t half)
{
    struct json_object *o = json_object_new_object();

    sst_emu_json_add(b, o, "CapacityUnits",
                     json_object_new_double((double)half / 2.0));
    if (o == NULL)
        b->failed = true;
    return o;
}

/* The "LocalSecondaryIndexes" or "GlobalSecondaryIndexes" member. */
static void
indexes(struct sst_emu_json *b, const struct sst_emu_capacity *c, bool global,
        struct json_object *out)
{
    const struct sst_emu_table *t = c->table;
    struct json_object *m = NULL;
    size_t i;

    for (i = 0; i < t->index_count && i < SST_EMU_MAX_INDEXES; i++) {
        if (!c->index_used[i] || t->indexes[i].global != global)
            continue;
        if (m == NULL)
            m = sst_emu_json_add(b, out,
                                 global ? "GlobalSecondaryIndexes"
                                        : "LocalSecondaryIndexes",
                                 json_object_new_object());
        sst_emu_json_add(b, m, t->indexes[i].name, units(b, c->index_half[i]));
    }
}

struct json_object *
sst_emu_capacity_json(const struct sst_emu_capacity *c, enum sst_emu_rcc mode)
{
    struct sst_emu_json b = {false};
    struct json_object *o = json_object_new_object();
    int64_t total = c->table_half;
    size_t i;

    for (i = 0; i < SST_EMU_MAX_INDEXES; i++)
        total += c->index_half[i];
    sst_emu_json_add(&b, o, "TableName",
                     json_object_new_string(c->table->name));
    sst_emu_json_add(&b, o, "CapacityUnits",
                     json_object_new_double((double)total / 2.0));
    if (mode == SST_EMU_RCC_INDEXES) {
        sst_emu_json_add(&b, o, "Table", units(&b, c->table_half));
        indexes(&b, c, false, o);
        indexes(&b, c, true, o);
    }
    if (b.failed) {
        json_object_put(o);
        return NULL;
    }
    return o;
}

enum sst_code
sst_emu_capacity_answer(struct json_object *resp,
                        const struct sst_emu_capacity *c, enum sst_emu_rcc mode,
                        struct sst_err *err)
{
    struct json_object *cc;

    if (mode == SST_EMU_RCC_NONE)
        return SST_OK;
    cc = sst_emu_capacity_json(c, mode);
    if (cc == NULL || json_object_object_add(resp, "ConsumedCapacity", cc)) {
        json_object_put(cc);
        return sst_emu_nomem(err);
    }
    return SST_OK;
}
