/*
 * src/core/avtype.h - DynamoDB's AttributeValue type descriptors, for the
 * code that reads AttributeValues as JSON (the expression builder, the
 * diff backend).
 */
#ifndef SST_CORE_AVTYPE_H
#define SST_CORE_AVTYPE_H

#include <stdbool.h>

/**
 * Whether name (NUL-terminated; NULL is not) is one of the ten type
 * descriptors: S, N, B, BOOL, NULL, SS, NS, BS, L, M. Case-sensitive.
 */
bool sst_av_type_known(const char *name);

#endif
