/*
 * emu/expr/av_int.h - what av.c (the value tree) and av_decode.c (the
 * DynamoDB JSON decoder) share. Internal to those two files.
 */
#ifndef SST_EMU_EXPR_AV_INT_H
#define SST_EMU_EXPR_AV_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "emu/expr/av.h"

/* Type keys ("S", "N", ... "BS"), indexed by enum sst_av_type. */
extern const char *const sst_av_type_keys[SST_AV_TYPE_COUNT];

/* A copy of len bytes of s with a NUL after them, into dst; false when
 * out of memory (dst untouched then). */
bool sst_av_str_set(struct sst_av_str *dst, const char *s, size_t len);

/* Byte order of two strings, unsigned, shorter first on a tie: -1, 0, 1. */
int sst_av_str_cmp(const struct sst_av_str *a, const struct sst_av_str *b);

#endif
