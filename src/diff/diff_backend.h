/*
 * src/diff/diff_backend.h - the registry's constructor for diff: URIs.
 */
#ifndef SST_DIFF_BACKEND_INTERNAL_H
#define SST_DIFF_BACKEND_INTERNAL_H

#include <sst/backend.h>

enum sst_code sst_diff_backend_open_uri(const struct sst_uri *u,
                                        struct sst_backend **out,
                                        struct sst_err *err);

#endif
