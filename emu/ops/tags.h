/*
 * emu/ops/tags.h - tag checks that CreateTable shares with TagResource
 * (tags.c; docs/emulator.md, "Tags").
 */
#ifndef SST_EMU_OPS_TAGS_H
#define SST_EMU_OPS_TAGS_H

#include <json-c/json.h>

#include <sst/err.h>

#include "emu/store/table.h"

/** Tags a resource may hold, AWS's documented limit. */
#define SST_EMU_TAGS_MAX 50

/**
 * Check CreateTable's Tags, as TagResource checks its own (an empty list
 * is allowed here, as AWS allows it), and give them to t, which must
 * have none yet.
 *
 * @param[in]     tags  the request's Tags list (shape-checked), or NULL
 * @param[in,out] t     on SST_OK holds the tags, in request order, a
 *                      repeated key being refused
 * @return SST_OK; SST_E_VALIDATION with AWS's message (an invalid key or
 *         value, an "aws:" key, a repeated key, more than 50 tags);
 *         SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code sst_emu_tags_create(const struct json_object *tags,
                                                 struct sst_emu_table *t,
                                                 struct sst_err *err);

#endif /* SST_EMU_OPS_TAGS_H */
