/*
 * emu/expr/avbuild.h - growing attribute-value trees, for the update
 * applier and the projector.
 *
 * Small helpers over struct sst_av (av.h) that append map entries, list
 * elements and set members while keeping av.h's ownership rules: every
 * string and node is sst_malloc'd and owned by its parent. On failure
 * nothing is taken over: the caller still owns (and frees) what it
 * passed.
 *
 * The push functions grow arrays in powers of two: use them only on maps,
 * lists and sets they built from empty (sst_av_new), never on a tree from
 * sst_av_decode() or sst_av_dup(), whose arrays are sized exactly.
 */
#ifndef SST_EMU_EXPR_AVBUILD_H
#define SST_EMU_EXPR_AVBUILD_H

#include <stdbool.h>
#include <stddef.h>

#include <sst/err.h>

#include "emu/expr/av.h"

/** Append an entry to a map; takes value on SST_OK (name is copied).
 *  @return SST_OK or SST_E_NOMEM */
SST_MUST_CHECK enum sst_code sst_av_map_push(struct sst_av *map,
                                             const char *name, size_t len,
                                             struct sst_av *value);

/** Append an element to a list; takes value on SST_OK.
 *  @return SST_OK or SST_E_NOMEM */
SST_MUST_CHECK enum sst_code sst_av_list_push(struct sst_av *list,
                                              struct sst_av *value);

/** Append a copy of a string member to an SS or BS.
 *  @return SST_OK or SST_E_NOMEM */
SST_MUST_CHECK enum sst_code sst_av_strs_push(struct sst_av *set,
                                              const struct sst_av_str *s);

/** Append a copy of a number to an NS.
 *  @return SST_OK or SST_E_NOMEM */
SST_MUST_CHECK enum sst_code sst_av_nums_push(struct sst_av *set,
                                              const struct sst_num *n);

/** Levels of maps and lists a value spans (a scalar or a set is 0, an
 *  empty map 1), stopping early beyond limit. */
unsigned sst_av_depth(const struct sst_av *v, unsigned limit);

#endif /* SST_EMU_EXPR_AVBUILD_H */
